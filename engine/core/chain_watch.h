/* chain_watch.h — the whole record chain checked once after the kiosk starts, on a thread and a
 * read-only connection of its own (pure core, no SDL). A writer's start-up check sees only the
 * end of the record (the last record and the witness: store.h), so a record edited in the middle
 * would go unnoticed until someone ran `mamori verify`; this check reads every record (1,010,000:
 * about 1.4 s of one core) while people use the kiosk, and the manager's dashboard says so when
 * the chain breaks. The kiosk goes on recording either way: new records are chained after the
 * break, and `mamori verify` names where it is.
 *
 * Use: chain_watch_start once the first frame is up, with a delay (the kiosk's first seconds
 * are the person's: the first screens, the outbox replayed); chain_watch_state each frame (cheap: an
 * atomic read, and the finding once it is there); chain_watch_end at exit (asks the walk to stop:
 * it ends within a few thousand records). A kiosk on a shared server works on a cache of it and
 * watches nothing (the server's own record is verified on the server).
 *
 * What must stay true: the thread touches only its ChainWatch and its own connection; the
 * finding is read by the frame loop only after the state says the check has ended. */
#ifndef MAMORI_CHAIN_WATCH_H
#define MAMORI_CHAIN_WATCH_H

#include "app.h"

#include <stddef.h>
#include <stdint.h>

enum { CHAIN_WATCH_DELAY_MS = 3000 }; /* the kiosk's: its first seconds are the person's */

typedef enum {
    WATCH_CHECKING, /* the walk runs */
    WATCH_INTACT,   /* every record matches its hash and follows the one before */
    WATCH_BROKEN,   /* a record does not: *bad_seq and what say which and how */
    WATCH_UNKNOWN   /* not checked: no thread, the record could not be read, no key, or stopped */
} WatchState;

typedef struct ChainWatch ChainWatch;

/* Starts the check of the record src names after delay_ms; NULL on a cache (nothing to watch)
 * or when no thread could be had (then the state is WATCH_UNKNOWN). */
ChainWatch *chain_watch_start(const StoreSource *src, int delay_ms);
/* The state now; once WATCH_BROKEN, the failing record in *bad_seq and how, in English as verify
 * says it, in what (both may be NULL). A NULL watch is WATCH_UNKNOWN. */
WatchState chain_watch_state(const ChainWatch *w, int64_t *bad_seq, char *what, size_t size);
/* Stops the walk (if it still runs), waits for the thread and frees w. NULL is fine. */
void chain_watch_end(ChainWatch *w);

#endif
