/* job.h — one long piece of work at a time on a thread of its own (the manager's report model
 * for thousands of people, an export, a roster import), so the kiosk's frame loop never waits
 * for it: the screen starts the work, draws the progress the work counts each frame, and takes
 * the result when the work has ended.
 *
 * The work gets a struct of its own (its inputs and its result) and must not touch the App: it
 * opens its own Store connection (app_open_store; a Store is never shared between threads).
 * While it runs the struct belongs to the job; job_take hands it back to the screen. A screen
 * that leaves first calls job_cancel: the work is asked to stop, and its struct is freed when
 * it ends (at the next job_start, or at job_end when the kiosk exits, which waits for it).
 *
 * What must stay true: at most one job runs; only the thread that started a job calls the
 * job_* functions (the work sees only its JobProgress); nothing of the work is seen before it
 * has ended. */
#ifndef MAMORI_JOB_H
#define MAMORI_JOB_H

#include "err.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

/* How far the work is, written by the work and read by the screen at any time. */
typedef struct {
    atomic_int step;    /* which part of the work it is in (the work's own numbering, from 1) */
    atomic_int done;    /* how many of total (people, files, rows) are done */
    atomic_int total;   /* 0: not known yet */
    atomic_bool cancel; /* asked to stop: the work returns false at its next check */
} JobProgress;

/* Runs on the job's thread. False with e set when it failed (or stopped when asked). */
typedef bool (*JobWork)(void *work, JobProgress *p, Err *e);
/* Frees a work struct (and its result). */
typedef void (*JobFree)(void *work);

typedef enum { JOB_NONE, JOB_RUNNING, JOB_DONE, JOB_FAILED } JobState;

typedef struct {
    pthread_t thread;
    bool joinable;    /* a thread was started and not joined yet */
    bool abandoned;   /* its screen left: the work is freed when it ends */
    int id;           /* the latest job's id (ids start at 1) */
    atomic_int state; /* JobState of the latest job */
    JobWork run;
    JobFree free_work;
    void *work; /* owned while the job runs or waits to be taken */
    JobProgress progress;
    Err err; /* why it failed (JOB_FAILED) */
} Job;

/* Starts run(work) on a new thread and returns its id (> 0). 0 when another job has not ended
 * yet, or no thread could be made: work stays the caller's (try again on a later frame). */
int job_start(Job *j, JobWork run, void *work, JobFree free_work);
/* The state of job id: JOB_NONE when id is not the latest job (taken, or never started). */
JobState job_state(const Job *j, int id);
/* How far job id is; NULL when it is not the latest job. */
const JobProgress *job_progress(const Job *j, int id);
/* Job id has ended: its work struct, now the caller's, and *ok (false: e says why). NULL while
 * it runs or when id is not the latest job. */
void *job_take(Job *j, int id, bool *ok, Err *e);
/* The caller leaves while job id may run: asked to stop, freed when it ends. */
void job_cancel(Job *j, int id);
/* Has a job (anyone's) not ended yet? The kiosk does not write on its own connection then. */
bool job_busy(const Job *j);
/* Has a job not ended yet, or ended with its work not taken yet (the screen takes it on its
 * next frame)? A test script waits while this holds, so it sees the outcome on screen. */
bool job_pending(const Job *j);
/* Waits for the running job to end (a test, or before job_end). */
void job_wait(Job *j);
/* At exit: asks the running job to stop, waits for it, frees what is left. */
void job_end(Job *j);

/* For the work: has it been asked to stop? */
bool job_stopping(const JobProgress *p);

#endif
