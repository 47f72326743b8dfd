/* report_model.c — gathering the report's figures: each active person's Progress (through
 * report.h's shared rules), then sums per measure and per department, the overdue list and
 * the record chain. Nothing here formats or writes. */
#include "report_model.h"
#include "civil_date.h"
#include "demo.h"
#include "followup.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { DAY = 86400 };

double report_share(int part, int whole)
{
    return whole > 0 ? (double)part / whole : 0.0;
}

double report_read_share(const ReportModel *m, const ReportGroup *g)
{
    return report_share(g->lessons_read, g->people * m->lessons_offered);
}

double report_passed_share(const ReportModel *m, const ReportGroup *g)
{
    return report_share(g->tests_passed, g->people * m->tests_offered);
}

int report_days_late(const ReportModel *m, const ReportLate *l)
{
    return deadline_days_late(l->since, m->now);
}

static void local_format(const ReportModel *m, int64_t t, const char *fmt, char *buf, size_t size)
{
    time_t tt = (time_t)(t + m->tz_offset);
    struct tm tm;
    if (size)
        buf[0] = '\0';
    if (t && gmtime_r(&tt, &tm))
        strftime(buf, size, fmt, &tm);
}

void report_date(const ReportModel *m, int64_t t, char *buf, size_t size)
{
    local_format(m, t, "%Y-%m-%d", buf, size);
}

void report_datetime(const ReportModel *m, int64_t t, char *buf, size_t size)
{
    local_format(m, t, "%Y-%m-%d %H:%M", buf, size);
}

void report_print_date(const ReportModel *m, int64_t t, char *buf, size_t size)
{
    int64_t x = t + m->tz_offset, y;
    int mo, d;
    if (size)
        buf[0] = '\0';
    if (!t)
        return;
    civil_date(x >= 0 ? x / 86400 : -((-x + 86399) / 86400), &y, &mo, &d);
    civil_words(y, mo, d, true, true, buf, size);
}

void report_print_datetime(const ReportModel *m, int64_t t, char *buf, size_t size)
{
    char day[40], hm[8];
    report_print_date(m, t, day, sizeof day);
    local_format(m, t, "%H:%M", hm, sizeof hm);
    snprintf(buf, size, t ? "%s %s" : "%s", day, hm);
}

char report_state(const MeasureStatus *ms, int64_t *when)
{
    *when = ms->passed_at ? ms->passed_at : ms->read_at;
    return ms->passed_at ? 'p' : ms->read_at ? 'r' : 'n';
}

char report_pledge(const Progress *p, int64_t *when)
{
    *when = p->pledge.state == PLEDGE_NONE ? 0 : p->pledge.signed_at;
    return p->pledge.state == PLEDGE_SIGNED ? 's' : p->pledge.state == PLEDGE_OLD_VERSION ? 'o' : 'n';
}

/* ---- what the content offers ---- */

static void model_offer(ReportModel *m, const Content *c)
{
    for (int i = 0; i < MEASURES; i++) {
        ReportMeasure *rm = &m->measures[i];
        const Lesson *l = c ? content_lesson(c, i + 1) : NULL;
        rm->lesson = c ? l != NULL : true;
        rm->test = c ? content_pool(c, i + 1) != NULL : true;
        if (l)
            rm->title = l->title;
        m->lessons_offered += rm->lesson;
        m->tests_offered += rm->test;
    }
}

/* ---- people ---- */

/* Does measure i (0-based, its lesson l) carry one of the five articles? Without content: 1, 2, 3,
 * 4 and 6. */
static bool five_article(const Content *c, const Lesson *l, int i)
{
    return c ? l && l->article : i < 4 || i == 5;
}

enum { TEST_MINUTES = 3 }; /* a drawn test of five questions and its feedback, about */

void report_person_fill(const ReportRules *r, int tz_offset, ReportPerson *p)
{
    const Content *c = r->content;
    p->lessons_left = p->tests_left = p->five_left = p->minutes_left = 0;
    for (int i = 0; i < MEASURES; i++) {
        const MeasureStatus *ms = &p->progress.measures[i];
        const Lesson *l = c ? content_lesson(c, i + 1) : NULL;
        bool offered_lesson = c ? l != NULL : true, offered_test = c ? content_pool(c, i + 1) != NULL : true;
        bool lesson = offered_lesson && !ms->read_at, test = offered_test && !ms->passed_at;
        p->lessons_left += lesson;
        p->tests_left += test;
        p->five_left += five_article(c, l, i) ? lesson + test : 0;
        p->minutes_left += (lesson ? (l ? l->minutes : 2) : 0) + (test ? TEST_MINUTES : 0);
    }
    p->finished = p->lessons_left == 0 && p->tests_left == 0;
    p->five_due = deadline_due(&r->deadlines.five, p->who.added, tz_offset);
    p->all_due = deadline_due(&r->deadlines.all, p->who.added, tz_offset);
    p->blocks_star = c && c->pledge && p->progress.pledge.state != PLEDGE_SIGNED;
}

static bool in_view(const Employee *p, const char *department)
{
    return !department[0] || strcmp(p->department, department) == 0;
}

/* The rules every figure is computed with: the scheduler and the refresher setting. */
bool report_rules(Store *s, const Content *c, int64_t now, ReportRules *r, Err *e)
{
    char buf[32];
    bool found;
    FsrsParams params = followup_params();
    *r = (ReportRules){.content = c, .now = now, .refresher_months = FOLLOWUP_DEFAULT_REFRESHER_MONTHS};
    if (!store_get_setting(s, "refresher_months", buf, sizeof buf, &found, e))
        return false;
    if (found && atoi(buf) > 0)
        r->refresher_months = atoi(buf);
    return deadlines_load(s, &r->deadlines, e) && fsrs_init(&r->fsrs, &params, e);
}

bool report_progress(Store *s, const ReportRules *r, const char *code, Progress *p, Err *e)
{
    static const Content none;
    return progress_of(s, r->content ? r->content : &none, &r->fsrs, code, r->refresher_months, r->now, p, e);
}

bool report_progress_each(Store *s, const ReportRules *r, ProgressOf *people, int n, Err *e)
{
    static const Content none;
    return progress_of_each(s, r->content ? r->content : &none, &r->fsrs, r->refresher_months, r->now, people,
                            n, e);
}

/* Everyone in view, in roster order, with their progress (read for all of them at once). */
static bool model_people(ReportModel *m, Store *s, const ReportRules *r, Err *e)
{
    Employee *all;
    int n;
    if (!store_list_employees(s, false, &all, &n, e))
        return false;
    m->people = ARENA_ARRAY(&m->arena, ReportPerson, n ? n : 1);
    ProgressOf *each = xcalloc((size_t)n + 1, sizeof *each);
    for (int i = 0; i < n; i++) {
        if (!in_view(&all[i], m->department))
            continue;
        ReportPerson *p = &m->people[m->npeople];
        p->who = all[i];
        m->ndemo += demo_is(&p->who);
        each[m->npeople++] = (ProgressOf){p->who.code, &p->progress};
    }
    free(all);
    bool ok = report_progress_each(s, r, each, m->npeople, e);
    free(each);
    for (int i = 0; ok && i < m->npeople; i++)
        report_person_fill(r, m->tz_offset, &m->people[i]);
    return ok;
}

/* ---- sums ---- */

static void measures_add(ReportModel *m, const ReportPerson *p)
{
    for (int i = 0; i < MEASURES; i++) {
        const MeasureStatus *ms = &p->progress.measures[i];
        m->measures[i].read += ms->read_at != 0;
        m->measures[i].passed += ms->passed_at != 0;
        m->measures[i].refreshers_due += p->progress.refresh[i] != REFRESH_NONE;
    }
}

static void group_add(const ReportModel *m, ReportGroup *g, const ReportPerson *p, bool late)
{
    g->people++;
    g->finished += p->finished;
    g->late += late;
    g->followups_overdue += p->progress.followup_overdue > 0;
    g->refreshers_due += p->progress.refreshers_due > 0;
    for (int i = 0; i < MEASURES; i++) {
        g->lessons_read += m->measures[i].lesson && p->progress.measures[i].read_at;
        g->tests_passed += m->measures[i].test && p->progress.measures[i].passed_at;
    }
}

/* The person's department group: the last one, or a new one (people come in roster order,
 * so a department's people are together). */
static ReportGroup *department_of(ReportModel *m, const ReportPerson *p)
{
    if (m->ndepartments && strcmp(m->departments[m->ndepartments - 1].name, p->who.department) == 0)
        return &m->departments[m->ndepartments - 1];
    ReportGroup *g = &m->departments[m->ndepartments++];
    g->name = arena_strdup(&m->arena, p->who.department);
    return g;
}

/* ---- the overdue list ---- */

static int64_t earliest(int64_t a, int64_t b)
{
    return !a ? b : !b ? a : a < b ? a : b;
}

static int64_t refresher_since(const Progress *pr)
{
    int64_t since = 0;
    for (int i = 0; i < MEASURES; i++)
        if (pr->refresh[i] != REFRESH_NONE)
            since = earliest(since, pr->refresh_at[i]);
    return since;
}

/* Fills l for p at now; false when p is not late at all. */
static bool late_of(const ReportPerson *p, int index, int64_t now, ReportLate *l)
{
    const Progress *pr = &p->progress;
    *l = (ReportLate){.person = index};
    if (pr->followup_overdue > 0)
        l->reasons |= LATE_FOLLOWUP, l->since = earliest(l->since, pr->followup_first_due);
    if (pr->refreshers_due > 0)
        l->reasons |= LATE_REFRESHER, l->since = earliest(l->since, refresher_since(pr));
    if (p->five_left && p->five_due && now >= p->five_due)
        l->reasons |= LATE_FIVE, l->since = earliest(l->since, p->five_due);
    if (!p->finished && p->all_due && now >= p->all_due)
        l->reasons |= LATE_ALL, l->since = earliest(l->since, p->all_due);
    return l->reasons != 0;
}

static int late_cmp(const void *a, const void *b)
{
    const ReportLate *x = a, *y = b;
    if (x->since != y->since)
        return x->since < y->since ? -1 : 1;
    return (x->person > y->person) - (x->person < y->person);
}

static void model_sums(ReportModel *m)
{
    m->departments = ARENA_ARRAY(&m->arena, ReportGroup, m->npeople ? m->npeople : 1);
    m->late = ARENA_ARRAY(&m->arena, ReportLate, m->npeople ? m->npeople : 1);
    m->blockers = ARENA_ARRAY(&m->arena, int, m->npeople ? m->npeople : 1);
    m->total.name = "";
    for (int i = 0; i < m->npeople; i++) {
        const ReportPerson *p = &m->people[i];
        bool late = late_of(p, i, m->now, &m->late[m->nlate]);
        m->nlate += late;
        if (p->blocks_star)
            m->blockers[m->nblockers++] = i;
        measures_add(m, p);
        group_add(m, &m->total, p, late);
        group_add(m, department_of(m, p), p, late);
    }
    qsort(m->late, (size_t)m->nlate, sizeof *m->late, late_cmp);
}

/* ---- the whole model ---- */

/* Readiness over the whole roster, its list of codes copied into the arena. */
static bool model_readiness(ReportModel *m, Store *s, Err *e)
{
    PledgeReadiness r;
    if (!store_pledge_readiness(s, m->pledge_version, &r, e))
        return false;
    m->readiness = r;
    m->readiness.missing = arena_alloc(&m->arena, sizeof *r.missing * (size_t)(r.nmissing + 1));
    if (r.nmissing)
        memcpy(m->readiness.missing, r.missing, sizeof *r.missing * (size_t)r.nmissing);
    store_pledge_readiness_free(&r);
    return true;
}

static bool model_company(ReportModel *m, Store *s, Err *e)
{
    char buf[256];
    bool found;
    if (!store_get_setting(s, "company_name", buf, sizeof buf, &found, e))
        return false;
    m->company = arena_strdup(&m->arena, buf);
    return true;
}

/* The company's diagnoses into the model; everyone's own-practice diagnoses into *mine (heap)
 * for model_practice, which needs the departments (made by model_sums). */
static bool model_diagnoses(ReportModel *m, Store *s, const Content *c, DiagRecord **mine, int *nmine, Err *e)
{
    DiagRecord *rows;
    int n;
    m->diag_sheet = c ? c->diagnosis : NULL;
    if (!store_list_diagnoses(s, DIAG_COMPANY, NULL, &rows, &n, e))
        return false;
    m->diagnoses = ARENA_ARRAY(&m->arena, DiagRecord, n + 1);
    if (n)
        memcpy(m->diagnoses, rows, sizeof *rows * (size_t)n);
    m->ndiagnoses = n;
    free(rows);
    return store_list_diagnoses(s, DIAG_SELF, NULL, mine, nmine, e);
}

/* By code, then in record order (mine is oldest first, in one array). */
static int code_then_order(const void *a, const void *b)
{
    const DiagRecord *x = *(const DiagRecord *const *)a, *y = *(const DiagRecord *const *)b;
    int c = strcmp(x->code, y->code);
    return c ? c : (x > y) - (x < y);
}

static int code_is(const void *code, const void *rec)
{
    return strcmp(code, (*(const DiagRecord *const *)rec)->code);
}

/* Each person's latest record of mine[0..nmine) (oldest first), sorted by code: *n of them,
 * heap. A person's is then found by binary search, not by a scan of everyone's (people times
 * diagnoses comparisons: about 0.3 s for 10,000 people with one each, on the dashboard's path). */
static const DiagRecord **latest_each(const DiagRecord *mine, int nmine, int *n)
{
    const DiagRecord **all = xcalloc((size_t)nmine + 1, sizeof *all);
    for (int k = 0; k < nmine; k++)
        all[k] = &mine[k];
    qsort(all, (size_t)nmine, sizeof *all, code_then_order);
    *n = 0;
    for (int k = 0; k < nmine; k++)
        if (k + 1 == nmine || strcmp(all[k]->code, all[k + 1]->code) != 0)
            all[(*n)++] = all[k]; /* the last of a person's records is the latest */
    return all;
}

/* Each person's latest own-practice answers, tallied by department and in total. */
static void model_practice(ReportModel *m, const DiagRecord *mine, int nmine)
{
    int nlatest;
    const DiagRecord **latest_of = latest_each(mine, nmine, &nlatest);
    m->dept_practice = ARENA_ARRAY(&m->arena, DiagTally, m->ndepartments + 1);
    for (int i = 0; i < m->npeople; i++) {
        const DiagRecord *const *hit =
            bsearch(m->people[i].who.code, latest_of, (size_t)nlatest, sizeof *latest_of, code_is);
        const DiagRecord *latest = hit ? *hit : NULL;
        for (int d = 0; latest && d < m->ndepartments; d++)
            if (strcmp(m->departments[d].name, m->people[i].who.department) == 0)
                diag_tally_add(&m->dept_practice[d], latest->answers);
        if (latest)
            diag_tally_add(&m->practice, latest->answers);
    }
    free(latest_of);
}

/* Says which step building is at (and, once read, how many people); false (e set) when asked
 * to stop. */
static bool model_step(const ReportQuery *q, const ReportModel *m, int step, Err *e)
{
    if (!q->progress)
        return true;
    if (job_stopping(q->progress))
        return err_set(e, "stopped");
    atomic_store(&q->progress->done, m->npeople);
    atomic_store(&q->progress->total, m->npeople);
    atomic_store(&q->progress->step, step);
    return true;
}

/* ---- the record chain, beside the figures ---- */

/* The chain check (it reads every record) on a connection of its own, in a thread beside the
 * model's reads; from this many records on in two halves at once (store_verify_chain_halves),
 * since the chain's hashing then takes longer than everything else together (1,010,000 records:
 * 2.7 s of CPU against 1.4 s for the figures), and one thread for it leaves the other core idle. */
enum { CHAIN_HALVES_FROM = 100000 };

typedef struct ReportChainCheck {
    Store *s; /* the thread's own (store_open_beside); NULL when it could not open */
    VerifyResult r;
    Err e;
    bool ok;
    pthread_t thread;
    bool started; /* false: no thread (chain_finish checks here, if s opened) */
} ChainCheck;

static void *chain_run(void *arg)
{
    ChainCheck *c = arg;
    c->ok = store_verify_chain_halves(c->s, CHAIN_HALVES_FROM, &c->r, &c->e);
    return NULL;
}

/* Starts the check (heap); a connection that cannot open is its error (chain_finish gives it). */
static ChainCheck *chain_start(Store *s)
{
    ChainCheck *c = xcalloc(1, sizeof *c);
    if (store_open_beside(s, &c->s, &c->e))
        c->started = pthread_create(&c->thread, NULL, chain_run, c) == 0;
    return c;
}

/* Waits for the check; its result into out (or its error into e). */
static bool chain_finish(ChainCheck *c, VerifyResult *out, Err *e)
{
    if (c->started)
        pthread_join(c->thread, NULL);
    else if (c->s)
        chain_run(c);
    store_close(c->s);
    *out = c->r;
    if (!c->ok)
        *e = c->e;
    return c->ok;
}

/* ---- the whole model ---- */

/* Everything but the chain, from one moment. */
static bool model_read(ReportModel *m, Store *s, const Content *c, const ReportQuery *q, DiagRecord **mine,
                       int *nmine, Err *e)
{
    ReportRules rules;
    if (!store_read_begin(s, e)) /* every figure from one moment */
        return false;
    bool ok = model_step(q, m, REPORT_STEP_PEOPLE, e) && store_head(s, &m->head, e) &&
              report_rules(s, c, q->now, &rules, e) && model_people(m, s, &rules, e) &&
              model_step(q, m, REPORT_STEP_PLEDGES, e) && model_readiness(m, s, e) &&
              model_company(m, s, e) && model_step(q, m, REPORT_STEP_DIAGNOSES, e) &&
              model_diagnoses(m, s, c, mine, nmine, e) && model_step(q, m, REPORT_STEP_ITEMS, e) &&
              (!c || q->skip_items || items_build(s, c, &m->items, e));
    store_read_end(s);
    return ok;
}

ReportQuery report_screen_query(int64_t now, int tz_offset)
{
    return (ReportQuery){.now = now, .tz_offset = tz_offset, .skip_chain = true, .skip_items = true};
}

bool report_model_build(Store *s, const Content *c, const ReportQuery *q, ReportModel *m, Err *e)
{
    DiagRecord *mine = NULL;
    int nmine = 0;
    *m = (ReportModel){.now = q->now, .tz_offset = q->tz_offset, .csv = q->csv};
    if (!q->skip_chain)
        m->chain_pending = chain_start(s);
    m->department = arena_strdup(&m->arena, q->department ? q->department : "");
    m->content_version = arena_strdup(&m->arena, c ? c->version : "");
    m->pledge_version = c && c->pledge ? c->pledge->version : 0;
    model_offer(m, c);
    m->chain_checked = !q->skip_chain;
    Err chain_err = {{0}};
    bool ok = model_read(m, s, c, q, &mine, &nmine, e) && /* its error first, if both fail */
              (q->skip_chain || model_step(q, m, REPORT_STEP_CHAIN, e));
    if (ok) {
        model_sums(m);
        model_practice(m, mine, nmine);
    }
    free(mine);
    if (ok && q->chain_later)
        return true;
    if (!report_model_chain(m, &chain_err) && ok)
        ok = false, *e = chain_err;
    if (!ok)
        report_model_free(m);
    return ok;
}

bool report_model_chain(ReportModel *m, Err *e)
{
    ChainCheck *c = m->chain_pending;
    if (!c)
        return true;
    m->chain_pending = NULL;
    bool ok = chain_finish(c, &m->chain, e);
    free(c);
    return ok;
}

ReportChainCheck *report_chain_start(Store *s)
{
    return chain_start(s);
}

bool report_chain_finish(ReportChainCheck *c, VerifyResult *r, Err *e)
{
    bool ok = chain_finish(c, r, e);
    free(c);
    return ok;
}

void report_model_free(ReportModel *m)
{
    Err ignored;
    report_model_chain(m, &ignored);
    items_free(&m->items);
    arena_free(&m->arena);
    *m = (ReportModel){0};
}

const char *report_state_word(char state)
{
    return state == 'p' ? "合" : state == 'r' ? "読" : "未";
}

const char *report_pledge_word(char state)
{
    return state == 's' ? "署名" : state == 'o' ? "旧版" : "未署名";
}
