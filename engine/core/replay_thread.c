/* replay_thread.c — answer logs handed to a second thread in batches (see replay_thread.h). Two
 * batches take turns: the caller fills one while the thread replays the other. */
#include "replay_thread.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { BATCH_ANSWERS = 16384 }; /* answers a batch holds before it is handed over (~1.3 MB) */

typedef struct {
    int person, first, n; /* log[first .. first + n) is this person's */
} ReplayRun;

typedef struct {
    LoggedAnswer *log; /* heap */
    int n, cap;
    ReplayRun *runs; /* heap */
    int nruns, runcap;
} Batch;

struct ReplayThread {
    ReplayFn *fn;
    void *ctx;
    pthread_t thread;
    bool started;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    Batch fill; /* the caller's */
    Batch work; /* the thread's while busy */
    bool busy;  /* work holds a batch to replay */
    bool done;  /* no batch will follow */
};

/* Every run of b through fn; b is empty after. */
static void batch_run(ReplayThread *r, Batch *b)
{
    for (int i = 0; i < b->nruns; i++)
        r->fn(r->ctx, b->runs[i].person, b->log + b->runs[i].first, b->runs[i].n);
    b->n = b->nruns = 0;
}

static void *replay_main(void *arg)
{
    ReplayThread *r = arg;
    pthread_mutex_lock(&r->lock);
    for (;;) {
        while (!r->busy && !r->done)
            pthread_cond_wait(&r->cond, &r->lock);
        if (!r->busy)
            break; /* done, and nothing left */
        pthread_mutex_unlock(&r->lock);
        batch_run(r, &r->work);
        pthread_mutex_lock(&r->lock);
        r->busy = false;
        pthread_cond_broadcast(&r->cond);
    }
    pthread_mutex_unlock(&r->lock);
    return NULL;
}

ReplayThread *replay_start(ReplayFn *fn, void *ctx)
{
    ReplayThread *r = xcalloc(1, sizeof *r);
    r->fn = fn, r->ctx = ctx;
    pthread_mutex_init(&r->lock, NULL);
    pthread_cond_init(&r->cond, NULL);
    r->started = pthread_create(&r->thread, NULL, replay_main, r) == 0;
    return r;
}

/* The filled batch to the thread once it is free (run here without a thread). */
static void hand_over(ReplayThread *r)
{
    if (!r->started) {
        batch_run(r, &r->fill);
        return;
    }
    pthread_mutex_lock(&r->lock);
    while (r->busy)
        pthread_cond_wait(&r->cond, &r->lock);
    Batch emptied = r->work;
    r->work = r->fill;
    r->fill = emptied;
    r->busy = true;
    pthread_cond_broadcast(&r->cond);
    pthread_mutex_unlock(&r->lock);
}

void replay_add(ReplayThread *r, int person, const LoggedAnswer *log, int n)
{
    Batch *b = &r->fill;
    if (b->n + n > b->cap) {
        b->cap = b->n + n > BATCH_ANSWERS ? b->n + n : BATCH_ANSWERS;
        b->log = xrealloc(b->log, sizeof *b->log * (size_t)b->cap);
    }
    if (b->nruns == b->runcap) {
        b->runcap = b->runcap ? b->runcap * 2 : 256;
        b->runs = xrealloc(b->runs, sizeof *b->runs * (size_t)b->runcap);
    }
    if (n)
        memcpy(b->log + b->n, log, sizeof *log * (size_t)n);
    b->runs[b->nruns++] = (ReplayRun){person, b->n, n};
    b->n += n;
    if (b->n >= BATCH_ANSWERS)
        hand_over(r);
}

void replay_finish(ReplayThread *r)
{
    if (r->fill.nruns)
        hand_over(r);
    if (r->started) {
        pthread_mutex_lock(&r->lock);
        r->done = true;
        pthread_cond_broadcast(&r->cond);
        pthread_mutex_unlock(&r->lock);
        pthread_join(r->thread, NULL);
    }
    pthread_mutex_destroy(&r->lock);
    pthread_cond_destroy(&r->cond);
    free(r->fill.log), free(r->fill.runs), free(r->work.log), free(r->work.runs);
    free(r);
}
