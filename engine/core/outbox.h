/* outbox.h — test results that could not be written to the record yet (a locked, full or
 * unreachable database), kept until they are: in memory for the screens, and durably in the
 * outbox file beside the database (outbox_file.h), so that leaving the result screen, signing
 * out, quitting, a crash or a power cut never loses what a person did. Owned by the App;
 * retried by the shell every few seconds and whenever a screen asks; replayed at the next
 * start.
 *
 * What must stay true:
 *   - ownership is plain: each item is its own heap allocation that never moves, and its
 *     attempt points only into buffers that item owns (its code, answers and question ids);
 *   - a result is removed from the outbox file only after it is in the record, and writing it
 *     again after a crash between the two is harmless (store_record_attempt_once);
 *   - OUTBOX_KEPT is reported only once the outbox file holds the result (fsync'd). */
#ifndef MAMORI_OUTBOX_H
#define MAMORI_OUTBOX_H

#include "outbox_file.h"
#include "store.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    int id;           /* for the screens: outbox_state(id) */
    int64_t row;      /* its row in the outbox file; 0: in memory only (the file could not be written) */
    char seal[65];    /* store_attempt_seal of the attempt ("" when it could not be made) */
    bool from_file;   /* read back from the file an earlier run left: its seal is checked before
                         it is written (a row put in or changed by hand is refused) */
    Attempt attempt;  /* code and answers point into the buffers below, owned by this item */
    char *code;       /* heap */
    Answer *answers;  /* heap */
    char (*qids)[64]; /* heap: the answers' question ids */
} OutboxItem;

typedef struct {
    OutboxItem **items; /* heap array of heap items (an item never moves) */
    int nitems, cap;
    int next_id;
    unsigned written; /* results this outbox has written into the record so far (a screen that
                         shows the record reads it again when this changes) */
    int64_t last_try;
    char path[4200];       /* the outbox file ("" = none: memory only, for tests) */
    OutboxFile *file;      /* open while it holds results */
    char last_error[512];  /* why the last try to write the record failed */
    int refused;           /* of the items, how many the last flush found refused by the record as it
                              stands (store_attempt_refused: a person no longer on the roster); they
                              stay, kept in the file, and do not hold up the others */
    char refused_why[512]; /* why the last of them was refused */
    char file_error[512];  /* why the outbox file could not be written ("" = it could) */
} Outbox;

typedef enum {
    OUTBOX_SAVED,   /* in the record (or never queued) */
    OUTBOX_KEPT,    /* not in the record yet, but kept in the outbox file: will not be lost */
    OUTBOX_UNSAVED, /* only in this program's memory: lost if it ends before the next write */
} OutboxState;

/* The outbox file for a database: DB_PATH.outbox beside a file; for a PostgreSQL URI, the
 * kiosk's own data folder ($XDG_DATA_HOME/mamori/mamori.db.outbox), so a kiosk keeps its
 * results while the server is away. */
bool outbox_path_for(const char *db_target, char *buf, size_t size, Err *e);
/* Sets up the outbox on the file at path (NULL: memory only) and loads every result an earlier
 * run left in it. False (with e) when the file exists but cannot be read: it is left as it is. */
bool outbox_open(Outbox *o, const char *path, Err *e);
/* Keeps a deep copy of a, sealed with s's chain key (in the outbox file too, when it can be
 * written). Returns its id. */
int outbox_add(Outbox *o, Store *s, const Attempt *a, int64_t now);
OutboxState outbox_state(const Outbox *o, int id);
bool outbox_has(const Outbox *o, int id);
/* Writes what it can to the record, oldest first, stopping at the first that cannot be written
 * now (going on past one the record refuses for good: o->refused); keeps in the outbox file what
 * is only in memory. Returns how many remain. */
int outbox_flush(Outbox *o, Store *s, int64_t now);
/* The results of the person with this code waiting in the outbox (not in the record yet). */
int outbox_waiting_for(const Outbox *o, const char *code);
/* Results only in memory (neither in the record nor in the outbox file). */
int outbox_unsaved(const Outbox *o);
/* Closes the file (removed when empty) and frees everything; what is in the file stays there. */
void outbox_free(Outbox *o);

#endif
