/* pin_work.c — the manager PIN checked or saved off the frame loop (see pin_work.h). */
#include "pin_work.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static bool pin_run(void *arg, JobProgress *p, Err *e)
{
    PinWork *w = arg;
    Store *s;
    atomic_store(&p->step, 1);
    bool ok = source_open(&w->source, true, &s, e);
    if (ok && w->kind == PIN_JOB_CHECK)
        ok = store_pin_check(s, w->pin, w->now, &w->result, e);
    else if (ok)
        ok = store_pin_set(s, w->pin, w->now, e);
    sodium_memzero(w->pin, sizeof w->pin);
    store_close(s);
    return ok;
}

void pin_work_free(void *work)
{
    sodium_memzero(work, sizeof(PinWork));
    free(work);
}

int pin_job_start(App *app, PinJobKind kind, const char *pin, int64_t now)
{
    PinWork *w = xcalloc(1, sizeof *w);
    w->source = app->source;
    w->kind = kind;
    w->now = now;
    memcpy(w->pin, pin, strnlen(pin, PIN_MAX_DIGITS));
    int id = job_start(&app->job, pin_run, w, pin_work_free);
    if (!id)
        pin_work_free(w);
    return id;
}

PinWork *pin_job_take(App *app, int id, bool *ok, Err *e)
{
    return job_take(&app->job, id, ok, e);
}
