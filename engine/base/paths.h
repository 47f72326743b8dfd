/* paths.h — where the database and the content are when no flag says. */
#ifndef MAMORI_PATHS_H
#define MAMORI_PATHS_H

#include "err.h"

#include <stddef.h>

/* $XDG_DATA_HOME/mamori/mamori.db (or ~/.local/share/...), creating the directory. */
bool paths_default_db(char *buf, size_t size, Err *e);
/* $XDG_DATA_HOME/mamori/NAME (or ~/.local/share/mamori/NAME): this machine's files (kiosk-id,
 * chain.key). create_dir: make the folder (0700) when missing; false only reads. */
bool paths_data_file(const char *name, bool create_dir, char *buf, size_t size, Err *e);
/* ./content when run from the source tree, else PREFIX/share/mamori/content beside the
 * installed binary (written into buf), else the share directory compiled in. */
const char *paths_default_content(char *buf, size_t size);
/* The assets directory beside a content directory (DIR/../assets). */
void paths_assets(const char *content_dir, char *buf, size_t size);

#endif
