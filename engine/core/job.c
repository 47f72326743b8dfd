/* job.c — one piece of long work on a thread of its own (see job.h). */
#include "job.h"

#include <string.h>

static void *job_thread(void *arg)
{
    Job *j = arg;
    Err e = {0};
    bool ok = j->run(j->work, &j->progress, &e);
    j->err = e; /* published by the state's release store below */
    atomic_store_explicit(&j->state, ok ? JOB_DONE : JOB_FAILED, memory_order_release);
    return NULL;
}

static bool ended(const Job *j)
{
    int st = atomic_load_explicit(&j->state, memory_order_acquire);
    return st == JOB_DONE || st == JOB_FAILED;
}

/* Joins an ended thread and frees the work nobody will take. */
static void reap(Job *j)
{
    if (j->joinable)
        pthread_join(j->thread, NULL);
    j->joinable = false;
    if (j->abandoned && j->work && j->free_work)
        j->free_work(j->work);
    if (j->abandoned) {
        j->work = NULL;
        j->abandoned = false;
        atomic_store(&j->state, JOB_NONE);
    }
}

int job_start(Job *j, JobWork run, void *work, JobFree free_work)
{
    if (job_busy(j) || (ended(j) && !j->abandoned))
        return 0; /* running, or ended and its screen has not taken it yet */
    reap(j);
    j->run = run;
    j->work = work;
    j->free_work = free_work;
    j->err = (Err){0};
    atomic_store(&j->progress.step, 0);
    atomic_store(&j->progress.done, 0);
    atomic_store(&j->progress.total, 0);
    atomic_store(&j->progress.cancel, false);
    atomic_store(&j->state, JOB_RUNNING);
    if (pthread_create(&j->thread, NULL, job_thread, j) != 0) {
        atomic_store(&j->state, JOB_NONE);
        j->work = NULL;
        return 0;
    }
    j->joinable = true;
    return ++j->id;
}

JobState job_state(const Job *j, int id)
{
    if (id == 0 || id != j->id || j->abandoned)
        return JOB_NONE;
    return (JobState)atomic_load_explicit(&j->state, memory_order_acquire);
}

const JobProgress *job_progress(const Job *j, int id)
{
    return job_state(j, id) == JOB_NONE ? NULL : &j->progress;
}

void *job_take(Job *j, int id, bool *ok, Err *e)
{
    JobState st = job_state(j, id);
    if (st != JOB_DONE && st != JOB_FAILED)
        return NULL;
    reap(j);
    *ok = st == JOB_DONE;
    if (!*ok && e)
        *e = j->err;
    void *work = j->work;
    j->work = NULL;
    atomic_store(&j->state, JOB_NONE);
    return work;
}

void job_cancel(Job *j, int id)
{
    if (job_state(j, id) == JOB_NONE)
        return;
    atomic_store(&j->progress.cancel, true);
    j->abandoned = true;
    if (ended(j))
        reap(j);
}

bool job_busy(const Job *j)
{
    return j->joinable && !ended(j);
}

bool job_pending(const Job *j)
{
    if (job_busy(j))
        return true;
    return ended(j) && !j->abandoned && j->work;
}

void job_wait(Job *j)
{
    if (j->joinable)
        pthread_join(j->thread, NULL);
    j->joinable = false;
}

void job_end(Job *j)
{
    atomic_store(&j->progress.cancel, true);
    job_wait(j);
    if (j->work && j->free_work)
        j->free_work(j->work);
    j->work = NULL;
    j->abandoned = false;
    atomic_store(&j->state, JOB_NONE);
}

bool job_stopping(const JobProgress *p)
{
    return atomic_load(&p->cancel);
}
