/* progress.c — folding the records of one person (or of everyone at once, for reports) into the
 * figures every view shows. */
#include "progress.h"
#include "followup.h"
#include "replay_thread.h"

#include <pthread.h>
#include <stdlib.h>
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

/* The follow-up figures from the person's answer log (oldest first), replayed in f (built for
 * the content; followup_replay). */
static void fold_log(Progress *p, Followup *f, const LoggedAnswer *log, int nlog, int64_t now)
{
    followup_replay(f, log, nlog);
    for (int i = 0; i < f->nitems; i++) {
        const FollowupItem *it = &f->items[i];
        if (!followup_is_due(it, now))
            continue;
        p->followup_due++;
        p->followup_overdue += now - it->card.due > FOLLOWUP_OVERDUE_DAYS * DAY;
        if (!p->followup_first_due || it->card.due < p->followup_first_due)
            p->followup_first_due = it->card.due;
    }
    p->next_followup = followup_next_due(f, now);
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
    followup_build(&f, c, fsrs, NULL, 0, &a);
    fold_log(p, &f, log, nlog, now);
    arena_free(&a);
    store_answer_log_free(log);
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

/* ---- many people at once ---- */

typedef struct {
    ProgressOf *people; /* sorted by code */
    int n;
    bool *logged; /* people[i] had an answer log */
    Followup f;   /* built once for the content, replayed for each person */
    int64_t now;
    ReplayThread *replay; /* the replays beside the reading, while the answers are read */
} Many;

static int by_code(const void *a, const void *b)
{
    return strcmp(((const ProgressOf *)a)->code, ((const ProgressOf *)b)->code);
}

/* The index of the person with this code, or -1 when they are not asked for. */
static int find(const Many *m, const char *code)
{
    ProgressOf key = {.code = code};
    const ProgressOf *hit = bsearch(&key, m->people, (size_t)m->n, sizeof key, by_code);
    return hit ? (int)(hit - m->people) : -1;
}

static bool each_figures(void *ctx, const char *code, StoreFigures *out)
{
    Many *m = ctx;
    int i = find(m, code);
    if (i < 0)
        return false;
    Progress *p = m->people[i].progress;
    *out = (StoreFigures){p->measures, &p->last_followup, &p->last_activity};
    return true;
}

/* On the replay thread: person i's log folded (m->f and their follow-up figures are its own
 * until replay_finish). */
static void replay_one(void *ctx, int i, const LoggedAnswer *log, int n)
{
    Many *m = ctx;
    fold_log(m->people[i].progress, &m->f, log, n, m->now);
    m->logged[i] = true;
}

static void each_log(void *ctx, const char *code, const LoggedAnswer *log, int n)
{
    Many *m = ctx;
    int i = find(m, code);
    if (i >= 0)
        replay_add(m->replay, i, log, n);
}

static void each_pledge(void *ctx, const char *code, const PledgeStatus *status)
{
    Many *m = ctx;
    int i = find(m, code);
    if (i >= 0)
        m->people[i].progress->pledge = *status;
}

/* What progress_of gives a person before (and without) any record. */
static void start_empty(Many *m)
{
    for (int i = 0; i < m->n; i++) {
        memset(m->people[i].progress, 0, sizeof(Progress));
        m->people[i].progress->pledge = (PledgeStatus){.state = PLEDGE_NONE, .kind = PLEDGE_EMPLOYEE};
    }
}

/* The folds that need the whole record of a person: refreshers, and follow-ups for those
 * who never answered. */
static void finish_each(Many *m, int refresher_months)
{
    for (int i = 0; i < m->n; i++) {
        fold_refreshers(m->people[i].progress, refresher_months, m->now);
        if (!m->logged[i])
            fold_log(m->people[i].progress, &m->f, NULL, 0, m->now);
    }
}

/* ---- the lesson and test figures beside the answers ----
 * From FIGURES_BESIDE_FROM people on, the figures (store_each_figures) are read on a connection
 * and thread of their own while this one reads the answers (and the replay thread replays them):
 * on two cores the whole takes the longer part rather than the sum (10,000 people: the figures
 * were 0.23 s of the 0.82 s this thread took). They write only each person's measures, last
 * activity and last follow-up, which the replays never touch. They are kept only when the other
 * connection saw the same head as this one (nothing recorded between their two moments);
 * otherwise, or without a connection or thread, they are read again here, as before. Not on a
 * kiosk's cache of a server's record, which the sync thread's mirror rewrites meanwhile (its own
 * waiting records leave it as the server's come in): kept to one connection there. */
enum { FIGURES_BESIDE_FROM = 1000 };

typedef struct {
    Store *s; /* its own (store_open_beside), while its thread runs */
    Many *m;  /* borrowed */
    StoreHead head;
    bool ok;
    pthread_t thread;
} FiguresBeside;

static void *figures_run(void *arg)
{
    FiguresBeside *f = arg;
    Err e;
    if (!store_read_begin(f->s, &e))
        return NULL;
    f->ok = store_head(f->s, &f->head, &e) && store_each_figures(f->s, each_figures, f->m, &e);
    store_read_end(f->s);
    return NULL;
}

/* Starts the figures beside s when there are people enough (and a connection and thread);
 * false: none started, nothing to take. */
static bool figures_start(Store *s, Many *m, FiguresBeside *f)
{
    Err ignored;
    *f = (FiguresBeside){.m = m};
    if (m->n < FIGURES_BESIDE_FROM || store_is_cache(s) || !store_open_beside(s, &f->s, &ignored))
        return false;
    if (pthread_create(&f->thread, NULL, figures_run, f) == 0)
        return true;
    store_close(f->s);
    return false;
}

/* Waits for the figures started beside; false when they are not the ones s would read (then
 * each person's are emptied again for s to read). */
static bool figures_take(Store *s, FiguresBeside *f, Err *e)
{
    StoreHead here;
    pthread_join(f->thread, NULL);
    store_close(f->s);
    if (f->ok && store_head(s, &here, e) && store_head_same(&here, &f->head))
        return true;
    for (int i = 0; i < f->m->n; i++) {
        Progress *p = f->m->people[i].progress;
        memset(p->measures, 0, sizeof p->measures);
        p->last_followup = p->last_activity = 0;
    }
    return false;
}

bool progress_of_each(Store *s, const Content *c, const Fsrs *fsrs, int refresher_months, int64_t now,
                      ProgressOf *people, int n, Err *e)
{
    Many m = {people, n, xcalloc((size_t)n + 1, sizeof(bool)), {0}, now, NULL};
    Arena a = {0};
    FiguresBeside beside;
    followup_build(&m.f, c, fsrs, NULL, 0, &a);
    qsort(people, (size_t)n, sizeof *people, by_code);
    start_empty(&m);
    bool started = figures_start(s, &m, &beside);
    bool ok = started || store_each_figures(s, each_figures, &m, e);
    if (ok) {
        m.replay = replay_start(replay_one, &m);
        ok = store_each_answer_log(s, each_log, &m, e);
        replay_finish(m.replay);
    }
    if (started && !figures_take(s, &beside, e))
        ok = ok && store_each_figures(s, each_figures, &m, e);
    ok = ok && store_each_pledge_status(s, c->pledge ? c->pledge->version : 0, each_pledge, &m, e);
    if (ok)
        finish_each(&m, refresher_months);
    free(m.logged);
    arena_free(&a);
    return ok;
}
