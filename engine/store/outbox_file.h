/* outbox_file.h — the durable outbox: a small SQLite file of its own beside the database
 * (DB.outbox) holding the results that could not be written to the record yet (a locked, full
 * or unreachable database), one row per result, each written in its own fsync'd transaction.
 *
 * What must stay true:
 *   - when outbox_file_put returns true the result is on disk (synchronous=FULL, the folder
 *     synced after the file is made), so a crash or a power cut does not lose it;
 *   - the file is made 0600 whatever the umask (it holds names and answers), and it is only
 *     ever made when something must be kept: no results waiting, no file;
 *   - rows are read back oldest first; a row is removed only after its result is in the record;
 *   - the file is generic over the store: a later PostgreSQL offline mode keeps its waiting
 *     results here too (the `kind` column says what a row is; only 'attempt' exists today). */
#ifndef MAMORI_OUTBOX_FILE_H
#define MAMORI_OUTBOX_FILE_H

#include "err.h"
#include "store.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct OutboxFile OutboxFile;

/* Opens the outbox file at path. With create, makes it (0600) when missing; without, *out is
 * NULL (and true is returned) when there is no file. Refuses a file that is not an outbox. */
bool outbox_file_open(OutboxFile **out, const char *path, bool create, Err *e);
/* Closes; when no row is left, removes the file (and its journal). f may be NULL. */
void outbox_file_close(OutboxFile *f);
/* Whether the path no longer names the file f opened (another process, starting on the same
 * record, replayed and removed it): what f holds is no longer kept anywhere. */
bool outbox_file_gone(const OutboxFile *f);
/* Closes without removing anything (a file gone from its path). f may be NULL. */
void outbox_file_forget(OutboxFile *f);

/* Keeps a (with every answer) and its seal (store_attempt_seal) in one durable transaction; *row
 * gets its row id (> 0). */
bool outbox_file_put(OutboxFile *f, const Attempt *a, const char *seal, int64_t now, int64_t *row, Err *e);
/* Forgets the row (its result is now in the record). */
bool outbox_file_remove(OutboxFile *f, int64_t row, Err *e);

/* Calls fn for every row, oldest first, with its seal ("" in a file from before seals). a and its
 * strings live until fn returns. */
typedef void (*OutboxFileEach)(void *ctx, int64_t row, const Attempt *a, const char *seal);
bool outbox_file_each(OutboxFile *f, OutboxFileEach fn, void *ctx, Err *e);
/* Rows in the file. */
bool outbox_file_count(OutboxFile *f, int64_t *n, Err *e);
/* The file's path (borrowed). */
const char *outbox_file_path(const OutboxFile *f);

#endif
