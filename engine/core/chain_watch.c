/* chain_watch.c — the record chain checked beside the kiosk (see chain_watch.h). */
#include "chain_watch.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

struct ChainWatch {
    StoreSource src;
    pthread_t thread;
    atomic_bool stop;
    atomic_int state; /* WatchState; r is the thread's until it leaves WATCH_CHECKING */
    VerifyResult r;
};

static void *watch_run(void *arg)
{
    ChainWatch *w = arg;
    Store *s = NULL;
    Err e = {{0}};
    WatchState state = WATCH_UNKNOWN;
    if (source_open(&w->src, false, &s, &e)) {
        store_set_stop(s, &w->stop);
        if (store_read_begin(s, &e)) { /* every record from one moment */
            if (store_verify_chain(s, &w->r, &e))
                state = w->r.ok ? WATCH_INTACT : w->r.key_missing ? WATCH_UNKNOWN : WATCH_BROKEN;
            store_read_end(s);
        }
    }
    store_close(s);
    atomic_store(&w->state, state);
    return NULL;
}

ChainWatch *chain_watch_start(const StoreSource *src)
{
    if (!src->target || src->cache)
        return NULL;
    ChainWatch *w = xcalloc(1, sizeof *w);
    w->src = *src;
    atomic_init(&w->stop, false);
    atomic_init(&w->state, WATCH_CHECKING);
    if (pthread_create(&w->thread, NULL, watch_run, w) != 0) {
        free(w);
        return NULL;
    }
    return w;
}

WatchState chain_watch_state(const ChainWatch *w, int64_t *bad_seq, char *what, size_t size)
{
    WatchState state = w ? (WatchState)atomic_load(&w->state) : WATCH_UNKNOWN;
    if (state == WATCH_BROKEN && bad_seq)
        *bad_seq = w->r.bad_seq;
    if (state == WATCH_BROKEN && what && size)
        snprintf(what, size, "%s", w->r.what);
    return state;
}

void chain_watch_end(ChainWatch *w)
{
    if (!w)
        return;
    atomic_store(&w->stop, true);
    pthread_join(w->thread, NULL);
    free(w);
}
