/* pin_work.h — the manager PIN's Argon2id work as a job (job.h): checking a typed PIN or saving
 * a new one takes a few hundred milliseconds, so it runs on the job's thread, through a
 * connection of its own, while the screen says it is checking and takes no second submit.
 *
 * What must stay true: a try, once started, is counted whole (store_pin_check: a wrong one
 * counts, the fifth locks) even when its screen leaves (job_cancel) or the kiosk exits (job_end
 * waits for it), so leaving early never saves a wrong try from counting; a new PIN, once
 * started, is saved whole likewise; the typed PIN is wiped from the work as soon as it has been
 * used, and the work again when it is freed. */
#ifndef MAMORI_PIN_WORK_H
#define MAMORI_PIN_WORK_H

#include "app.h"

typedef enum { PIN_JOB_CHECK, PIN_JOB_SET } PinJobKind;

typedef struct {
    StoreSource source;
    PinJobKind kind;
    char pin[PIN_MAX_DIGITS + 1]; /* wiped once used */
    int64_t now;
    PinCheck result; /* PIN_JOB_CHECK: the verdict */
} PinWork;

/* Starts checking (PIN_JOB_CHECK) or saving (PIN_JOB_SET) pin at now. Returns the job id, or 0
 * when other work has not ended (try again on a later frame). */
int pin_job_start(App *app, PinJobKind kind, const char *pin, int64_t now);
/* Job id has ended: its work (the caller's now: pin_work_free), *ok false when the record could
 * not be read or written (e says why). NULL while it runs. */
PinWork *pin_job_take(App *app, int id, bool *ok, Err *e);
void pin_work_free(void *work);

#endif
