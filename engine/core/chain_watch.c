/* chain_watch.c — the record chain checked beside the kiosk (see chain_watch.h). */
#include "chain_watch.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct ChainWatch {
    StoreSource src;
    int delay_ms;
    pthread_t thread;
    pthread_mutex_t lock; /* with wake: the delay ends early when the kiosk ends */
    pthread_cond_t wake;
    atomic_bool stop;
    atomic_int state; /* WatchState; r is the thread's until it leaves WATCH_CHECKING */
    VerifyResult r;
};

/* Waits out the delay; true when the kiosk ends meanwhile. */
static bool delay_stopped(ChainWatch *w)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += w->delay_ms / 1000;
    until.tv_nsec += (long)(w->delay_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L)
        until.tv_sec++, until.tv_nsec -= 1000000000L;
    pthread_mutex_lock(&w->lock);
    while (!atomic_load(&w->stop) && pthread_cond_timedwait(&w->wake, &w->lock, &until) != ETIMEDOUT)
        ;
    pthread_mutex_unlock(&w->lock);
    return atomic_load(&w->stop);
}

static void *watch_run(void *arg)
{
    ChainWatch *w = arg;
    Store *s = NULL;
    Err e = {{0}};
    WatchState state = WATCH_UNKNOWN;
    if (!delay_stopped(w) && source_open(&w->src, false, &s, &e)) {
        store_set_stop(s, &w->stop);
        /* as verify does it, outside a read transaction: the witness is read before the walk's
         * one statement takes its moment, so it is never ahead of the records the walk sees */
        if (store_verify_chain(s, &w->r, &e))
            state = w->r.ok ? WATCH_INTACT : w->r.key_missing ? WATCH_UNKNOWN : WATCH_BROKEN;
    }
    store_close(s);
    atomic_store(&w->state, state);
    return NULL;
}

static void watch_free(ChainWatch *w)
{
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->lock);
    free(w);
}

ChainWatch *chain_watch_start(const StoreSource *src, int delay_ms)
{
    if (!src->target || src->cache)
        return NULL;
    ChainWatch *w = xcalloc(1, sizeof *w);
    w->src = *src;
    w->delay_ms = delay_ms > 0 ? delay_ms : 0;
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    atomic_init(&w->stop, false);
    atomic_init(&w->state, WATCH_CHECKING);
    if (pthread_create(&w->thread, NULL, watch_run, w) != 0) {
        watch_free(w);
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
    pthread_mutex_lock(&w->lock);
    atomic_store(&w->stop, true);
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    watch_free(w);
}
