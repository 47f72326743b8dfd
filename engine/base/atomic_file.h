/* atomic_file.h — files that appear whole or not at all: every report, export and pledge page.
 *
 * A file is written as a temporary file beside its final name (NAME.tmp-XXXXXX, mode 0600 whatever
 * the umask: reports hold names, private.h), flushed to disk (fsync), then renamed over NAME, and the folder
 * is synced. On any failure the temporary file is removed and NAME is left as it was. Errors read "cannot
 * write NAME: reason" (or the filler's own message). */
#ifndef MAMORI_ATOMIC_FILE_H
#define MAMORI_ATOMIC_FILE_H

#include "err.h"

#include <stdbool.h>
#include <stdio.h>

/* The two ways to fill the temporary file: through a stream, or by a writer that creates the
 * file at a path itself (libxlsxwriter). arg is passed through. */
typedef bool (*AtomicStreamFn)(FILE *out, const void *arg, Err *e);
typedef bool (*AtomicPathFn)(const char *tmp_path, const void *arg, Err *e);

bool atomic_write_stream(const char *path, AtomicStreamFn fn, const void *arg, Err *e);
bool atomic_write_path(const char *path, AtomicPathFn fn, const void *arg, Err *e);

/* dir exists as a folder afterwards (created 0700 if missing, not its parents); false with e. */
bool atomic_make_dir(const char *dir, Err *e);

#endif
