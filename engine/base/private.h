/* private.h — files and folders that hold personal data (the database and its journals, the
 * outbox, reports, pledge pages, the chain key): files 0600 and folders 0700 whatever the
 * umask, set explicitly with fchmod/chmod rather than left to the process's umask.
 * What must stay true: these never loosen a mode, only tighten it, and a file they make is
 * made with O_EXCL or opened as it is (never through a symbolic link they did not check). */
#ifndef MAMORI_PRIVATE_H
#define MAMORI_PRIVATE_H

#include "err.h"

#include <stdbool.h>

enum { PRIVATE_FILE_MODE = 0600, PRIVATE_DIR_MODE = 0700 };

/* Makes path an empty file with mode 0600 when it does not exist (then syncs its folder);
 * an existing regular file is left as it is. *made (may be NULL) says whether it was made. */
bool private_file(const char *path, bool *made, Err *e);
/* Gives fd mode 0600 (for a file made by mkstemp or open). */
bool private_fd(int fd, const char *path, Err *e);
/* Makes the folder path with mode 0700 when missing (an existing one is left as it is). */
bool private_dir(const char *path, Err *e);
/* Takes group and other permissions away from an existing file we own (a database made by an
 * older mamori). Missing files are fine. */
void private_tighten(const char *path);
/* fsync on the folder holding path, so a file made or removed there stays so after a crash. */
bool private_sync_parent(const char *path, Err *e);

#endif
