/* outbox.h — test results that could not be written yet (a locked or full database), kept in
 * memory and retried until they are on disk, so that leaving the result screen, signing out or
 * the idle timeout never loses what a person did. Owned by the App; retried by the shell every
 * few seconds and whenever a screen asks. Only what is still here is unsaved. */
#ifndef MAMORI_OUTBOX_H
#define MAMORI_OUTBOX_H

#include "store.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    int id;
    Attempt attempt; /* code and answers point into this item's own copies */
    char code[32];
    Answer *answers; /* heap */
} OutboxItem;

typedef struct {
    OutboxItem *items; /* heap */
    int nitems, cap;
    int next_id;
    int64_t last_try;
    char last_error[512]; /* why the last try failed */
} Outbox;

/* Keeps a deep copy of a (question ids are borrowed from the content, which outlives it).
 * Returns its id. */
int outbox_add(Outbox *o, const Attempt *a);
bool outbox_has(const Outbox *o, int id);
/* Writes what it can, oldest first, stopping at the first failure. Returns how many remain. */
int outbox_flush(Outbox *o, Store *s, int64_t now);
void outbox_free(Outbox *o);

#endif
