/* sync.h — a kiosk on a shared PostgreSQL server works on its local cache (store_open_cache)
 * and a thread of its own talks to the server: it dials (with a short timeout), sends the
 * cache's waiting events in order, copies the server's record back into the cache (on every
 * connection, after sending, and every SYNC_MIRROR_S seconds), and reports this kiosk's state
 * to the server. The frame loop never waits for the network: it only reads SyncStatus.
 *
 * What must stay true:
 *   - the thread has its own connections (to the cache file and to the server); the only
 *     state it shares with the frame loop is the SyncStatus behind a mutex;
 *   - nothing is lost when the thread is stopped at any moment, or the process killed: the
 *     waiting events are in the cache file, and sending is exactly once (store_send_next). */
#ifndef MAMORI_SYNC_H
#define MAMORI_SYNC_H

#include "err.h"
#include "store.h"

#include <stdbool.h>
#include <stdint.h>

enum {
    SYNC_PASS_MS = 2000,      /* between passes while connected (or sooner when poked) */
    SYNC_RETRY_MS = 3000,     /* between tries to connect while the server is away */
    SYNC_MIRROR_S = 30,       /* the server's record copied at least this often */
    SYNC_CONNECT_TIMEOUT = 3, /* seconds a connection attempt may take */
    SYNC_STALL_S = 8,         /* a server call taking longer than this: shown as away */
};

typedef struct Sync Sync;

typedef struct {
    bool online;          /* the last call to the server answered */
    int64_t last_contact; /* Unix seconds of the last answer; 0 = never this run */
    int64_t mirrored;     /* Unix seconds of the last copy of the server's record; 0 = never */
    OutboxCount outbox;   /* the cache's waiting events */
    char last_error[300]; /* why the server could not be reached ("" = it could) */
} SyncStatus;

/* Is target a server (a PostgreSQL URI), for which the kiosk works on a cache? */
bool sync_is_server(const char *target);
/* The default cache for the server at uri: mamori-cache-HASH.db beside the default database
 * path (HASH: 16 hex digits of the URI's FNV-1a hash), so a kiosk that is pointed at another
 * server or database never mixes their records. */
bool sync_default_cache(const char *uri, char *buf, size_t size, Err *e);
/* Starts the thread for the server at uri and the cache file at cache_path (which the caller
 * has opened with store_open_cache already). */
bool sync_start(Sync **out, const char *uri, const char *cache_path, Err *e);
/* Something was recorded: send it now rather than at the next pass. */
void sync_poke(Sync *s);
/* The state now, at `now` (a call stalled longer than SYNC_STALL_S counts as offline). */
void sync_status(Sync *s, int64_t now, SyncStatus *out);
/* Waits up to ms for the first copy of the server's record; true once there is one. */
bool sync_wait_mirrored(Sync *s, int ms);
/* Stops the thread: waits up to ms for it to end its current call, then leaves it (the process
 * is ending; what waits is in the cache file). Frees s when the thread ended. */
void sync_stop(Sync *s, int ms);

#endif
