/* test_followup.c — the follow-up scheduler: cards replayed from the answer log, due order,
 * quiz picks, refresher expiry, and a year of a person's follow-ups driven by an injected clock. */
#include "followup.h"
#include "replay_thread.h"
#include "test.h"

#include <stdlib.h>

enum { DAY = 86400, HOUR = 3600 };

static const int64_t T0 = 1711933200; /* 2024-04-01 01:00 UTC, 10:00 in Japan */

/* ---- a small content and a log, built by hand ---- */

/* Content with per[m] questions in measure m+1, ids "mMM-qI". */
static void make_content(Content *c, const int per[MEASURES])
{
    *c = (Content){0};
    for (int m = 0; m < MEASURES; m++) {
        if (per[m] == 0)
            continue;
        Pool *p = ARENA_NEW(&c->arena, Pool);
        p->measure = m + 1;
        p->questions = ARENA_ARRAY(&c->arena, Question, per[m]);
        p->nquestions = per[m];
        for (int i = 0; i < per[m]; i++) {
            p->questions[i].id = arena_printf(&c->arena, "m%02d-q%d", m + 1, i + 1);
            p->questions[i].measure = m + 1;
        }
        c->pools[m] = p;
        c->nquestions += per[m];
    }
}

static void make_content_n(Content *c, int measures, int each)
{
    int per[MEASURES] = {0};
    for (int m = 0; m < measures; m++)
        per[m] = each;
    make_content(c, per);
}

typedef struct {
    LoggedAnswer *a;
    int n, cap;
} Log;

static void log_add(Log *l, const char *id, bool correct, int64_t t)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->a = realloc(l->a, sizeof *l->a * (size_t)l->cap);
        if (!l->a)
            abort();
    }
    LoggedAnswer *x = &l->a[l->n++];
    snprintf(x->question_id, sizeof x->question_id, "%s", id);
    x->correct = correct;
    x->time = t;
}

static Fsrs kiosk_fsrs(void)
{
    FsrsParams p = followup_params();
    Fsrs f;
    if (!fsrs_init(&f, &p, NULL))
        abort();
    return f;
}

/* Field by field: a struct's padding bytes are not part of its value. */
static bool same_card(const FsrsCard *x, const FsrsCard *y)
{
    return x->state == y->state && x->stability == y->stability && x->difficulty == y->difficulty &&
           x->step == y->step && x->scheduled_days == y->scheduled_days && x->reps == y->reps &&
           x->lapses == y->lapses && x->last_review == y->last_review && x->due == y->due;
}

static bool same_cards(const Followup *a, const Followup *b)
{
    if (a->nitems != b->nitems || a->nanswers != b->nanswers || a->nunknown != b->nunknown)
        return false;
    for (int i = 0; i < a->nitems; i++)
        if (!same_card(&a->items[i].card, &b->items[i].card) ||
            a->items[i].last_correct != b->items[i].last_correct ||
            a->items[i].question != b->items[i].question)
            return false;
    return true;
}

/* ---- building ---- */

static void test_params(void)
{
    FsrsParams p = followup_params(), d = fsrs_default_params();
    CHECK(!p.short_term);
    CHECK(memcmp(p.w, d.w, sizeof p.w) == 0);
    CHECK(p.request_retention == 0.9 && p.maximum_interval == 36500);
    CHECK(FOLLOWUP_DEFAULT_LENGTH == 5 && FOLLOWUP_DEFAULT_REFRESHER_MONTHS == 12);
}

static void test_build_empty(void)
{
    Content c;
    make_content_n(&c, 3, 2);
    Fsrs fs = kiosk_fsrs();
    Arena a = {0};
    Followup f;
    followup_build(&f, &c, &fs, NULL, 0, &a);
    CHECK(f.nitems == 6 && f.nanswers == 0 && f.nunknown == 0);
    CHECK(followup_due(&f, T0 + 1000 * DAY, NULL, 0) == 0);
    CHECK(followup_next_due(&f, T0) == 0);
    const FollowupItem *out[4];
    CHECK(followup_pick(&f, T0, out, 4) == 0);
    CHECK(followup_find(&f, "m02-q1") == &f.items[2]);
    CHECK(followup_find(&f, "m02-q1")->card.reps == 0);
    CHECK(followup_find(&f, "m09-q1") == NULL);
    CHECK(followup_find(&f, "") == NULL);
    Content none = {0};
    followup_build(&f, &none, &fs, NULL, 0, &a); /* no pools at all */
    CHECK(f.nitems == 0 && followup_find(&f, "m01-q1") == NULL);
    arena_free(&a);
    arena_free(&c.arena);
}

/* Answers about questions the content no longer has are skipped and counted. */
static void test_unknown_answers(void)
{
    Content c;
    make_content_n(&c, 2, 2);
    Fsrs fs = kiosk_fsrs();
    Log l = {0};
    log_add(&l, "m01-q1", true, T0);
    log_add(&l, "m07-q9", false, T0);
    log_add(&l, "m02-q2", false, T0 + 60);
    Arena a = {0};
    Followup f;
    followup_build(&f, &c, &fs, l.a, l.n, &a);
    CHECK(f.nanswers == 2 && f.nunknown == 1);
    CHECK(followup_find(&f, "m01-q1")->card.reps == 1);
    CHECK(followup_find(&f, "m02-q2")->card.reps == 1);
    CHECK(!followup_apply(&f, "gone", true, T0 + DAY));
    CHECK(f.nunknown == 2 && f.nanswers == 2);
    arena_free(&a);
    arena_free(&c.arena);
    free(l.a);
}

/* Right answers push a question further out each time; a wrong one brings it back soon. */
static void test_right_grows_wrong_resets(void)
{
    Content c;
    make_content_n(&c, 1, 1);
    Fsrs fs = kiosk_fsrs();
    Arena a = {0};
    Followup f;
    followup_build(&f, &c, &fs, NULL, 0, &a);
    const FollowupItem *it = followup_find(&f, "m01-q1");
    followup_apply(&f, "m01-q1", false, T0);
    CHECK(it->card.due == T0 + DAY); /* wrong at first sight: tomorrow */
    int last = 0;
    for (int i = 0; i < 5; i++) {
        followup_apply(&f, "m01-q1", true, it->card.due);
        CHECK(it->card.scheduled_days > last);
        last = it->card.scheduled_days;
    }
    CHECK(last > 100);
    followup_apply(&f, "m01-q1", false, it->card.due);
    CHECK(!it->last_correct);
    CHECK(it->card.scheduled_days < last / 10);
    int after_lapse = it->card.scheduled_days;
    followup_apply(&f, "m01-q1", false, it->card.due);
    CHECK(it->card.scheduled_days <= 2 && it->card.scheduled_days <= after_lapse);
    followup_apply(&f, "m01-q1", true, it->card.due);
    CHECK(it->last_correct && it->card.scheduled_days >= 2);
    arena_free(&a);
    arena_free(&c.arena);
}

/* A right first answer comes back in a few days, a wrong one the next day. */
static void test_first_answers(void)
{
    Content c;
    make_content_n(&c, 1, 2);
    Fsrs fs = kiosk_fsrs();
    Log l = {0};
    log_add(&l, "m01-q1", true, T0);
    log_add(&l, "m01-q2", false, T0);
    Arena a = {0};
    Followup f;
    followup_build(&f, &c, &fs, l.a, l.n, &a);
    CHECK(followup_find(&f, "m01-q1")->card.due == T0 + 3 * DAY);
    CHECK(followup_find(&f, "m01-q2")->card.due == T0 + DAY);
    CHECK(followup_due(&f, T0 + DAY - 1, NULL, 0) == 0);
    CHECK(followup_due(&f, T0 + DAY, NULL, 0) == 1);
    CHECK(followup_due(&f, T0 + 3 * DAY, NULL, 0) == 2);
    CHECK(followup_next_due(&f, T0) == T0 + DAY);
    CHECK(followup_next_due(&f, T0 + DAY) == T0 + 3 * DAY); /* due now is not "next" */
    CHECK(followup_next_due(&f, T0 + 3 * DAY) == 0);
    arena_free(&a);
    arena_free(&c.arena);
    free(l.a);
}

/* The same log gives the same cards; answering as the log grows gives what a rebuild gives. */
static void test_rebuild_deterministic(void)
{
    Content c;
    make_content_n(&c, 4, 3);
    Fsrs fs = kiosk_fsrs();
    Log l = {0};
    uint32_t x = 12345;
    for (int i = 0; i < 400; i++) {
        x = x * 1664525u + 1013904223u;
        char id[32];
        snprintf(id, sizeof id, "m%02d-q%d", (int)(x >> 8) % 4 + 1, (int)(x >> 16) % 3 + 1);
        log_add(&l, id, (x >> 24) % 4 != 0, T0 + (int64_t)i * 7 * HOUR);
    }
    Arena a = {0};
    Followup f1, f2, inc;
    followup_build(&f1, &c, &fs, l.a, l.n, &a);
    followup_build(&f2, &c, &fs, l.a, l.n, &a);
    CHECK(f1.nanswers == 400 && same_cards(&f1, &f2));
    followup_build(&inc, &c, &fs, l.a, 250, &a);
    for (int i = 250; i < l.n; i++)
        followup_apply(&inc, l.a[i].question_id, l.a[i].correct, l.a[i].time);
    CHECK(same_cards(&f1, &inc));
    followup_build(&f2, &c, &fs, l.a, l.n - 1, &a); /* one answer less: not the same */
    CHECK(!same_cards(&f1, &f2));
    followup_apply(&f2, "gone", true, T0); /* f2 as it is, replayed: what a build gives */
    followup_replay(&f2, l.a, l.n);
    CHECK(same_cards(&f1, &f2));
    followup_replay(&f2, l.a, 100); /* another person's shorter log: nothing of the first left */
    followup_build(&inc, &c, &fs, l.a, 100, &a);
    CHECK(same_cards(&inc, &f2));
    arena_free(&a);
    arena_free(&c.arena);
    free(l.a);
}

/* ---- due order and quizzes ---- */

/* q1 wrong 5 days ago, q2 wrong 2 days ago, q3 right long ago (most overdue of all), q4 right
 * recently, q5 not due: wrong ones first, each group most overdue first. */
static void test_due_order(void)
{
    Content c;
    make_content_n(&c, 1, 5);
    Fsrs fs = kiosk_fsrs();
    Log l = {0};
    int64_t now = T0 + 30 * DAY;
    log_add(&l, "m01-q3", true, T0);             /* due T0+3d */
    log_add(&l, "m01-q1", false, now - 5 * DAY); /* due now-4d */
    log_add(&l, "m01-q4", true, now - 3 * DAY);  /* due now */
    log_add(&l, "m01-q2", false, now - 2 * DAY); /* due now-1d */
    log_add(&l, "m01-q5", true, now - HOUR);     /* due in 3 days */
    Arena a = {0};
    Followup f;
    followup_build(&f, &c, &fs, l.a, l.n, &a);
    const FollowupItem *out[5] = {0};
    CHECK(followup_due(&f, now, out, 5) == 4);
    CHECK_STR(out[0]->question->id, "m01-q1");
    CHECK_STR(out[1]->question->id, "m01-q2");
    CHECK_STR(out[2]->question->id, "m01-q3");
    CHECK_STR(out[3]->question->id, "m01-q4");
    CHECK(out[4] == NULL);
    const FollowupItem *top[2] = {0};
    CHECK(followup_due(&f, now, top, 2) == 4); /* the count of all, the best two written */
    CHECK(top[0] == out[0] && top[1] == out[1]);
    CHECK(followup_due(&f, now, NULL, 0) == 4);
    arena_free(&a);
    arena_free(&c.arena);
    free(l.a);
}

/* Equal due times: by measure, then by id, so the order never depends on memory layout. */
static void test_due_ties(void)
{
    Content c;
    make_content_n(&c, 3, 2);
    Fsrs fs = kiosk_fsrs();
    Log l = {0};
    static const char *ids[] = {"m03-q2", "m01-q2", "m03-q1", "m02-q1", "m01-q1"};
    for (int i = 0; i < 5; i++)
        log_add(&l, ids[i], false, T0);
    Arena a = {0};
    Followup f;
    followup_build(&f, &c, &fs, l.a, l.n, &a);
    const FollowupItem *out[6];
    CHECK(followup_due(&f, T0 + DAY, out, 6) == 5);
    static const char *want[] = {"m01-q1", "m01-q2", "m02-q1", "m03-q1", "m03-q2"};
    for (int i = 0; i < 5; i++)
        CHECK_STR(out[i]->question->id, want[i]);
    arena_free(&a);
    arena_free(&c.arena);
    free(l.a);
}

static bool distinct(const FollowupItem **out, int n)
{
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (out[i] == out[j])
                return false;
    return true;
}

/* Measure 1 has 4 due questions (the most overdue), measure 2 has 2, measure 3 has 1: a quiz of
 * 5 takes one of each measure before a second of any. */
static void test_pick_spread(void)
{
    Content c;
    make_content_n(&c, 3, 4);
    Fsrs fs = kiosk_fsrs();
    Log l = {0};
    for (int i = 1; i <= 4; i++) {
        char id[32];
        snprintf(id, sizeof id, "m01-q%d", i);
        log_add(&l, id, false, T0 + i * 60);
    }
    log_add(&l, "m02-q1", false, T0 + 600);
    log_add(&l, "m02-q2", false, T0 + 700);
    log_add(&l, "m03-q1", false, T0 + 800);
    log_add(&l, "m03-q2", true, T0 + 900); /* due in 3 days: not picked */
    Arena a = {0};
    Followup f;
    followup_build(&f, &c, &fs, l.a, l.n, &a);
    const FollowupItem *out[10];
    int64_t now = T0 + 2 * DAY;
    CHECK(followup_pick(&f, now, out, 5) == 5);
    static const char *want[] = {"m01-q1", "m02-q1", "m03-q1", "m01-q2", "m02-q2"};
    for (int i = 0; i < 5; i++)
        CHECK_STR(out[i]->question->id, want[i]);
    CHECK(distinct(out, 5));
    /* longer than what is due: every due question once, and no more */
    CHECK(followup_pick(&f, now, out, 10) == 7);
    CHECK(distinct(out, 7));
    for (int i = 0; i < 7; i++)
        CHECK(followup_is_due(out[i], now));
    CHECK_STR(out[5]->question->id, "m01-q3");
    CHECK_STR(out[6]->question->id, "m01-q4");
    CHECK(followup_pick(&f, now, out, 0) == 0);
    CHECK(followup_pick(&f, now, out, -3) == 0);
    CHECK(followup_pick(&f, T0, out, 5) == 0); /* nothing due yet */
    arena_free(&a);
    arena_free(&c.arena);
    free(l.a);
}

/* ---- refreshers ---- */

static int64_t utc(int y, int mo, int d, int h)
{
    /* days from 1970-01-01 for the dates used here (2023–2026) */
    static const int cum[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    int64_t days = (int64_t)(y - 1970) * 365 + (y - 1969) / 4 + cum[mo - 1] + d - 1;
    if (mo > 2 && y % 4 == 0)
        days++;
    return days * DAY + (int64_t)h * HOUR;
}

static void test_refresher(void)
{
    CHECK(utc(2024, 4, 1, 1) == T0);
    int64_t passed = utc(2023, 4, 10, 10);
    CHECK(followup_refresher_due(passed, 12) == utc(2024, 4, 10, 10));
    CHECK(!followup_measure_expired(passed, utc(2024, 4, 10, 10) - 1, 12));
    CHECK(followup_measure_expired(passed, utc(2024, 4, 10, 10), 12));
    CHECK(!followup_measure_expired(passed, passed + 365 * DAY, 12)); /* 2024 is a leap year */
    CHECK(followup_refresher_due(utc(2024, 1, 31, 9), 1) == utc(2024, 2, 29, 9));
    CHECK(followup_refresher_due(utc(2023, 1, 31, 9), 1) == utc(2023, 2, 28, 9));
    CHECK(followup_refresher_due(utc(2024, 2, 29, 0), 12) == utc(2025, 2, 28, 0));
    CHECK(followup_refresher_due(utc(2023, 11, 15, 0), 3) == utc(2024, 2, 15, 0));
    CHECK(followup_refresher_due(utc(2023, 12, 31, 23), 6) == utc(2024, 6, 30, 23));
    CHECK(followup_refresher_due(utc(2023, 5, 1, 0), 24) == utc(2025, 5, 1, 0));
    /* before 1970: 1969-01-30 12:00 (day -336) + 1 month = 1969-02-28 12:00 (day -307) */
    CHECK(followup_refresher_due(-336 * DAY + 12 * HOUR, 1) == -307 * DAY + 12 * HOUR);
    /* never passed, or refreshers off */
    CHECK(followup_refresher_due(0, 12) == 0);
    CHECK(!followup_measure_expired(0, utc(2030, 1, 1, 0), 12));
    CHECK(followup_refresher_due(passed, 0) == 0);
    CHECK(!followup_measure_expired(passed, utc(2030, 1, 1, 0), 0));
    CHECK(!followup_measure_expired(passed, utc(2030, 1, 1, 0), -5));
}

/* ---- a year at the kiosk ---- */

enum { SIM_MEASURES = 6, SIM_EACH = 5, SIM_DAYS = 365 };

typedef struct {
    int asked; /* times the question was put */
    int64_t last_asked;
    int64_t last_wrong_at; /* 0: not waiting after a wrong answer */
    int64_t max_return;    /* longest wait from a wrong answer to the next time asked */
    bool last_right;
    int last_days; /* the interval given at the last answer */
    bool shrank;   /* a right answer after a right one gave a shorter interval */
} SimQ;

typedef struct {
    Content c;
    Fsrs fs;
    Log log;
    Followup inc; /* kept up to date answer by answer */
    Arena inc_arena;
    SimQ q[SIM_MEASURES * SIM_EACH];
    int quizzes[13];   /* by month of the simulation */
    int first_backlog; /* most questions left due after a day's quiz, first month */
    int max_backlog;   /* the same, afterwards */
    bool ok_pick, ok_rebuild;
} Sim;

/* Whether the person gets question k right the n-th time (1-based): a few questions are hard
 * at first, and every question is forgotten now and then. */
static bool sim_right(int k, int n)
{
    if (k % 7 == 3 && n <= 2)
        return false;
    return (k * 5 + n) % 11 != 0;
}

static int sim_index(const Sim *s, const FollowupItem *it)
{
    return (int)(it->question - s->c.pools[it->question->measure - 1]->questions) +
           (it->question->measure - 1) * SIM_EACH;
}

static void sim_answer(Sim *s, int k, const char *id, int64_t t)
{
    SimQ *q = &s->q[k];
    bool right = sim_right(k, ++q->asked);
    if (q->last_wrong_at && t - q->last_wrong_at > q->max_return)
        q->max_return = t - q->last_wrong_at;
    q->last_wrong_at = right ? 0 : t;
    q->last_asked = t;
    log_add(&s->log, id, right, t);
    followup_apply(&s->inc, id, right, t);
    int days = followup_find(&s->inc, id)->card.scheduled_days;
    if (right && q->last_right && days < q->last_days)
        q->shrank = true;
    q->last_right = right;
    q->last_days = days;
}

/* Day 0: the comprehension tests of every measure. */
static void sim_tests(Sim *s)
{
    for (int m = 0; m < SIM_MEASURES; m++)
        for (int i = 0; i < SIM_EACH; i++)
            sim_answer(s, m * SIM_EACH + i, s->c.pools[m]->questions[i].id, T0 + (m * SIM_EACH + i) * 30);
}

static void sim_quiz(Sim *s, const Followup *f, int64_t now, int day)
{
    const FollowupItem *quiz[FOLLOWUP_DEFAULT_LENGTH];
    int n = followup_pick(f, now, quiz, FOLLOWUP_DEFAULT_LENGTH);
    int due = followup_due(f, now, NULL, 0);
    if (n == 0)
        return;
    s->ok_pick &= distinct(quiz, n) && n == (due < 5 ? due : 5);
    s->quizzes[day / 30]++;
    for (int i = 0; i < n; i++)
        sim_answer(s, sim_index(s, quiz[i]), quiz[i]->question->id, now + i * 20);
}

static void sim_day(Sim *s, int day)
{
    int64_t now = T0 + (int64_t)day * DAY;
    Arena a = {0};
    Followup f;
    followup_build(&f, &s->c, &s->fs, s->log.a, s->log.n, &a); /* from the log, every day */
    s->ok_rebuild &= same_cards(&f, &s->inc);
    sim_quiz(s, &f, now, day);
    followup_build(&f, &s->c, &s->fs, s->log.a, s->log.n, &a);
    int left = followup_due(&f, now + HOUR, NULL, 0);
    int *most = day <= 30 ? &s->first_backlog : &s->max_backlog;
    if (left > *most)
        *most = left;
    arena_free(&a);
}

static void test_simulation(void)
{
    static Sim s;
    memset(&s, 0, sizeof s);
    make_content_n(&s.c, SIM_MEASURES, SIM_EACH);
    s.fs = kiosk_fsrs();
    s.ok_pick = s.ok_rebuild = true;
    followup_build(&s.inc, &s.c, &s.fs, NULL, 0, &s.inc_arena);
    sim_tests(&s);
    for (int day = 1; day <= SIM_DAYS; day++)
        sim_day(&s, day);
    CHECK(s.ok_pick);
    CHECK(s.ok_rebuild);
    CHECK(s.first_backlog > 15); /* 30 questions tested on day 0 come due together ... */
    CHECK(s.max_backlog <= 5);   /* ... and a quiz of 5 a day has caught up after a month */
    /* quizzes: most days at first, far fewer in the last three months */
    CHECK(s.quizzes[0] >= 15);
    CHECK(s.quizzes[9] + s.quizzes[10] + s.quizzes[11] < s.quizzes[0]);
    for (int k = 0; k < SIM_MEASURES * SIM_EACH; k++) {
        CHECK(s.q[k].asked >= 3);            /* every question came back */
        CHECK(s.q[k].max_return <= 5 * DAY); /* a wrong answer comes back within days */
        CHECK(!s.q[k].shrank);               /* right again: never sooner */
    }
    /* the refreshers of the tests taken on day 0 fall due a year later */
    CHECK(!followup_measure_expired(T0, T0 + 364 * DAY, FOLLOWUP_DEFAULT_REFRESHER_MONTHS));
    CHECK(followup_measure_expired(T0, T0 + SIM_DAYS * DAY, FOLLOWUP_DEFAULT_REFRESHER_MONTHS));
    arena_free(&s.inc_arena);
    arena_free(&s.c.arena);
    free(s.log.a);
}

/* ---- replays beside the reading (replay_thread.h) ---- */

enum { REPLAY_PEOPLE = 3000 }; /* about 54,000 answers: several batches handed over */

typedef struct {
    int calls, next;            /* calls made; the person expected next */
    bool in_order, same;        /* every call came in the order added, with the log as added */
    int answers[REPLAY_PEOPLE]; /* per person: answers replayed through f */
    Followup f;
} Replayed;

static int replay_len(int person)
{
    return person % 37;
}

static void replay_log(int person, Log *l)
{
    l->n = 0;
    for (int k = 0; k < replay_len(person); k++)
        log_add(l, k % 2 ? "m01-q1" : "m01-q2", (person + k) % 3 != 0, T0 + (int64_t)person * DAY + k);
}

static void replayed_one(void *ctx, int person, const LoggedAnswer *log, int n)
{
    Replayed *r = ctx;
    Log want = {0};
    replay_log(person, &want);
    r->in_order = r->in_order && person == r->next;
    r->same = r->same && n == want.n;
    for (int k = 0; r->same && k < n; k++)
        r->same = strcmp(log[k].question_id, want.a[k].question_id) == 0 &&
                  log[k].correct == want.a[k].correct && log[k].time == want.a[k].time;
    followup_replay(&r->f, log, n);
    r->answers[person] = r->f.nanswers;
    r->calls++, r->next = person + 1;
    free(want.a);
}

/* Every log added reaches fn, once, in the order added, as it was when added (the caller's copy
 * is overwritten at once), and fn's own state (a Followup) carries from call to call. */
static void test_replay_thread(void)
{
    Content c;
    make_content_n(&c, 1, 2);
    Fsrs fsrs = kiosk_fsrs();
    Arena a = {0};
    Replayed *r = calloc(1, sizeof *r);
    CHECK(r != NULL);
    r->in_order = r->same = true;
    followup_build(&r->f, &c, &fsrs, NULL, 0, &a);
    Log l = {0};
    ReplayThread *t = replay_start(replayed_one, r);
    for (int p = 0; p < REPLAY_PEOPLE; p++) {
        replay_log(p, &l);
        replay_add(t, p, l.a, l.n);
        for (int k = 0; k < l.n; k++)
            l.a[k].time = -1, l.a[k].question_id[0] = '\0'; /* the store's buffer, reused */
    }
    replay_finish(t);
    CHECK(r->calls == REPLAY_PEOPLE && r->in_order && r->same);
    for (int p = 0; p < REPLAY_PEOPLE; p++)
        CHECK(r->answers[p] == replay_len(p));
    free(l.a);
    free(r);
    arena_free(&a);
    arena_free(&c.arena);
}

int main(void)
{
    RUN(test_params);
    RUN(test_build_empty);
    RUN(test_unknown_answers);
    RUN(test_right_grows_wrong_resets);
    RUN(test_first_answers);
    RUN(test_rebuild_deterministic);
    RUN(test_due_order);
    RUN(test_due_ties);
    RUN(test_pick_spread);
    RUN(test_refresher);
    RUN(test_simulation);
    RUN(test_replay_thread);
    return TEST_END();
}
