/* roster_work.c — a roster CSV imported off the frame loop (see roster_work.h). */
#include "roster_work.h"

#include <stdio.h>
#include <stdlib.h>

static bool roster_run(void *arg, JobProgress *p, Err *e)
{
    RosterWork *w = arg;
    Employee *rows;
    Store *s;
    atomic_store(&p->step, ROSTER_STEP_READ);
    if (!roster_parse_info(w->path, &rows, &w->nrows, &w->info, w->japanese, &w->errs))
        return err_set(e, "%d problems in the file", w->errs.nmsgs);
    atomic_store(&p->total, w->nrows);
    atomic_store(&p->step, ROSTER_STEP_WRITE);
    bool ok = source_open(&w->source, true, &s, e);
    ok = ok && store_import_employees(s, rows, w->nrows, w->now, &w->changed, e);
    store_close(s);
    free(rows);
    if (ok)
        atomic_store(&p->done, w->nrows);
    return ok;
}

void roster_work_free(void *work)
{
    RosterWork *w = work;
    errlist_free(&w->errs);
    free(w);
}

int roster_job_start(App *app, const char *path, int64_t now)
{
    RosterWork *w = xcalloc(1, sizeof *w);
    w->source = app->source;
    w->now = now;
    w->japanese = app->lang != LANG_EN; /* the problems in the language on screen */
    snprintf(w->path, sizeof w->path, "%s", path);
    int id = job_start(&app->job, roster_run, w, roster_work_free);
    if (!id)
        free(w);
    return id;
}

RosterWork *roster_job_take(App *app, int id, bool *ok, Err *e)
{
    return job_take(&app->job, id, ok, e);
}
