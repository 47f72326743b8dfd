/* progress.c — folding the records of one person into the figures every view shows. */
#include "progress.h"
#include "followup.h"

#include <string.h>

enum { DAY = 86400 };

static void fold_refreshers(Progress *p, int months, int64_t now)
{
    for (int m = 0; m < MEASURES; m++) {
        const MeasureStatus *ms = &p->measures[m];
        p->lessons_read += ms->read_at != 0;
        p->tests_passed += ms->passed_at != 0;
        if (!ms->last_passed_at)
            continue;
        p->refresh_at[m] = followup_refresher_due(ms->last_passed_at, months);
        if (!followup_measure_expired(ms->last_passed_at, now, months))
            continue;
        p->refresh[m] = now - p->refresh_at[m] > PROGRESS_OVERDUE_DAYS * DAY ? REFRESH_OVERDUE : REFRESH_DUE;
        p->refreshers_due++;
    }
}

static bool fold_followups(Progress *p, Store *s, const Content *c, const Fsrs *fsrs, const char *code,
                           int64_t now, Err *e)
{
    LoggedAnswer *log = NULL;
    int nlog = 0;
    if (!store_answer_log(s, code, &log, &nlog, e))
        return false;
    Arena a = {0};
    Followup f;
    followup_build(&f, c, fsrs, log, nlog, &a);
    store_answer_log_free(log);
    for (int i = 0; i < f.nitems; i++) {
        const FollowupItem *it = &f.items[i];
        if (!followup_is_due(it, now))
            continue;
        p->followup_due++;
        p->followup_overdue += now - it->card.due > FOLLOWUP_OVERDUE_DAYS * DAY;
        if (!p->followup_first_due || it->card.due < p->followup_first_due)
            p->followup_first_due = it->card.due;
    }
    p->next_followup = followup_next_due(&f, now);
    arena_free(&a);
    return true;
}

bool progress_of(Store *s, const Content *c, const Fsrs *fsrs, const char *code, int refresher_months,
                 int64_t now, Progress *p, Err *e)
{
    memset(p, 0, sizeof *p);
    if (!store_measure_status(s, code, p->measures, e))
        return false;
    fold_refreshers(p, refresher_months, now);
    return fold_followups(p, s, c, fsrs, code, now, e) &&
           store_activity(s, code, &p->last_followup, &p->last_activity, e) &&
           store_pledge_status(s, code, c->pledge ? c->pledge->version : 0, &p->pledge, e);
}
