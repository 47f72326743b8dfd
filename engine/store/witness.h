/* witness.h — the chain's anchor kept outside the database: a small text file holding how many
 * records the record had, the hash of its first record (which record this is) and of its last
 * (the head), rewritten after every commit. Cutting the last records off the database, or
 * rewriting them, no longer agrees with it; `mamori verify` and every writer's open check it.
 *
 * Where: beside a SQLite file (mamori.db → mamori.db.witness); for a PostgreSQL record, in this
 * machine's data folder as witness-<16 hex digits of the SHA-256 of the URI> (each kiosk keeps its
 * own, as it saw the head). Mode 0600.
 *
 *     mamori witness 1
 *     count 1234
 *     first <64 hex>
 *     head <64 hex>
 *
 * What must stay true: it is written after the commit it describes, whole (temporary file and
 * rename), so it may lag behind the record (a crash between the two) but is never ahead of it;
 * a witness of another record at the same path (its first hash differs) is not this record's. */
#ifndef MAMORI_WITNESS_H
#define MAMORI_WITNESS_H

#include "err.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    int64_t count; /* records; 0 with an empty record */
    char first[65], head[65];
} Witness;

typedef enum { WITNESS_NONE, WITNESS_OK, WITNESS_UNREADABLE } WitnessState;

/* The witness file's path for the database target (a file path or a URI; a URI's
 * connect_timeout parameter does not change it). create_dir: make this machine's data folder when
 * it is needed (a writer). False when there is nowhere to keep it. */
bool witness_path(const char *target, bool create_dir, char *buf, size_t size);
/* Reads it; WITNESS_NONE when there is no file. */
WitnessState witness_read(const char *path, Witness *w);
/* Replaces it (best effort: the record is already committed; false when it could not). */
bool witness_write(const char *path, const Witness *w);

#endif
