/* roster_work.h — importing a roster CSV as a job (job.h), for the kiosk's import screen: the
 * file is read and written through a connection of the job's own, so the frame loop goes on
 * drawing while thousands of people are read.
 *
 * What must stay true: the import is whole or nothing (roster.h, one transaction), and it is
 * not stopped once started, even when its screen leaves (job_cancel): it ends whole. */
#ifndef MAMORI_ROSTER_WORK_H
#define MAMORI_ROSTER_WORK_H

#include "app.h"
#include "roster.h"

enum { ROSTER_STEP_READ = 1, ROSTER_STEP_WRITE = 2 }; /* JobProgress.step; done/total: people */

typedef struct {
    StoreSource source;
    char path[4200];
    int64_t now;
    ErrList errs;    /* the file's problems (nothing was imported) */
    RosterInfo info; /* what was read */
    bool japanese;   /* the file's problems in Japanese (the kiosk's language) */
    int nrows;       /* people in the file */
    int changed;     /* added or changed */
} RosterWork;

/* Starts importing the CSV at path. Returns the job id, or 0 when other work has not ended. */
int roster_job_start(App *app, const char *path, int64_t now);
/* Job id has ended: its work (the caller's now: roster_work_free), *ok false when nothing was
 * imported (w->errs lists the file's problems, or e says why the record refused it). NULL
 * while it runs. */
RosterWork *roster_job_take(App *app, int id, bool *ok, Err *e);
void roster_work_free(void *work);

#endif
