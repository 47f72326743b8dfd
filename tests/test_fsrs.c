/* test_fsrs.c — FSRS-6 against its reference implementation, ts-fsrs.
 *
 * The vectors of ts-fsrs's own __tests__/FSRS-6.test.ts are written out here; longer sequences
 * come from the .txt files in tests/fixtures/fsrs/, generated once with ts-fsrs by gen.js
 * (node is not needed to run this). Every review of every fixture is checked: state, step,
 * interval, due, reps, lapses exactly, stability and difficulty to 1e-4. */
#include "fsrs.h"
#include "test.h"

#include <math.h>
#include <stdlib.h>

enum { DAY = 86400 };

static const int64_t START = 1672317000; /* 2022-12-29 12:30 UTC, as in FSRS-6.test.ts */

static Fsrs make(bool short_term)
{
    FsrsParams p = fsrs_default_params();
    p.short_term = short_term;
    Fsrs f;
    Err e;
    if (!fsrs_init(&f, &p, &e))
        abort();
    return f;
}

static bool near(double a, double b)
{
    return fabs(a - b) < 1e-4;
}

/* ---- the vectors of FSRS-6.test.ts ---- */

static void test_ivl_history(void)
{
    static const FsrsGrade g[] = {3, 3, 3, 3, 3, 3, 1, 1, 3, 3, 3, 3, 3};
    static const int want[] = {0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21};
    Fsrs f = make(true);
    FsrsCard c = fsrs_card_new(START);
    int64_t now = START;
    for (int i = 0; i < 13; i++) {
        c = fsrs_review(&f, &c, now, g[i]);
        CHECK(c.scheduled_days == want[i]);
        now = c.due;
    }
}

static FsrsCard memory_run(const Fsrs *f)
{
    static const FsrsGrade g[] = {FSRS_AGAIN, FSRS_GOOD, FSRS_GOOD, FSRS_GOOD, FSRS_GOOD, FSRS_GOOD};
    static const int days[] = {0, 0, 1, 3, 8, 21};
    FsrsCard c = fsrs_card_new(START);
    int64_t now = START;
    for (int i = 0; i < 6; i++) {
        now += (int64_t)days[i] * DAY;
        c = fsrs_review(f, &c, now, g[i]);
    }
    return c;
}

static void test_memory_state(void)
{
    Fsrs shortf = make(true), longf = make(false);
    FsrsCard s = memory_run(&shortf), l = memory_run(&longf);
    CHECK(near(s.stability, 53.62691));
    CHECK(near(s.difficulty, 6.3574867));
    CHECK(near(l.stability, 53.335106));
    CHECK(near(l.difficulty, 6.3574867));
}

static void test_first_repeat(void)
{
    static const double s[] = {0.212, 1.2931, 2.3065, 8.2956};
    static const double d[] = {6.4133, 5.11217071, 2.11810397, 1};
    static const int days[] = {0, 0, 0, 8};
    static const FsrsState st[] = {FSRS_LEARNING, FSRS_LEARNING, FSRS_LEARNING, FSRS_REVIEW};
    Fsrs f = make(true);
    FsrsCard n = fsrs_card_new(START);
    for (int g = FSRS_AGAIN; g <= FSRS_EASY; g++) {
        FsrsCard c = fsrs_review(&f, &n, START, (FsrsGrade)g);
        CHECK(c.stability == s[g - 1]);
        CHECK(c.difficulty == d[g - 1]);
        CHECK(c.scheduled_days == days[g - 1]);
        CHECK(c.state == st[g - 1]);
        CHECK(c.reps == 1 && c.lapses == 0);
    }
}

/* get_retrievability: 1 at a step's due time, 0.9024733 when an EASY card comes due. */
static void test_retrievability(void)
{
    Fsrs f = make(true);
    int64_t t0 = 1701403200 + 300; /* 2023-12-01 04:05 UTC */
    FsrsCard n = fsrs_card_new(t0 - 300);
    CHECK(fsrs_retrievability(&f, &n, t0) == 0);
    for (int g = FSRS_AGAIN; g <= FSRS_GOOD; g++) {
        FsrsCard c = fsrs_review(&f, &n, t0, (FsrsGrade)g);
        CHECK(fsrs_retrievability(&f, &c, c.due) == 1);
    }
    FsrsCard e = fsrs_review(&f, &n, t0, FSRS_EASY);
    CHECK(e.due == t0 + 8 * DAY);
    CHECK(fsrs_retrievability(&f, &e, e.due) == 0.9024733);
    CHECK(fsrs_retrievability(&f, &e, e.due + 30 * DAY) == 0.76904054);
    CHECK(fsrs_retrievability(&f, &e, t0 - DAY) == 1); /* before the review: no time passed */
}

/* ---- the fixtures made with ts-fsrs ---- */

typedef struct {
    int64_t time, due;
    int grade, state, step, days, reps, lapses;
    double s, d;
} Row;

typedef struct {
    FsrsParams p;
    Row rows[128];
    int nrows;
} Fixture;

static int read_steps(const char *line, int *steps)
{
    int n = 0, used;
    while (n < FSRS_MAX_STEPS && sscanf(line, "%d%n", &steps[n], &used) == 1) {
        n++;
        line += used;
    }
    return n;
}

static bool read_line(Fixture *fx, const char *line)
{
    Row *r = &fx->rows[fx->nrows];
    if (line[0] == '#' || line[0] == '\n')
        return true;
    if (strncmp(line, "mode ", 5) == 0) {
        fx->p.short_term = strncmp(line + 5, "short", 5) == 0;
        return true;
    }
    if (strncmp(line, "learning ", 9) == 0)
        return (fx->p.nlearning_steps = read_steps(line + 9, fx->p.learning_steps)) > 0;
    if (strncmp(line, "relearning ", 11) == 0)
        return (fx->p.nrelearning_steps = read_steps(line + 11, fx->p.relearning_steps)) > 0;
    if (fx->nrows == 128)
        return false;
    fx->nrows++;
    return sscanf(line, "%lld %d %d %d %d %lld %lf %lf %d %d", (long long *)&r->time, &r->grade, &r->state,
                  &r->step, &r->days, (long long *)&r->due, &r->s, &r->d, &r->reps, &r->lapses) == 10;
}

static bool read_fixture(Fixture *fx, const char *name)
{
    char path[256], line[512];
    snprintf(path, sizeof path, "tests/fixtures/fsrs/%s.txt", name);
    FILE *fp = fopen(path, "r");
    if (!fp)
        return false;
    fx->p = fsrs_default_params();
    fx->nrows = 0;
    bool ok = true;
    while (ok && fgets(line, sizeof line, fp))
        ok = read_line(fx, line);
    fclose(fp);
    return ok && fx->nrows > 0;
}

/* Replays the fixture; returns how many reviews disagree with ts-fsrs (the first is printed). */
static int replay(const Fixture *fx, const char *name)
{
    Fsrs f;
    Err e;
    if (!fsrs_init(&f, &fx->p, &e))
        return fx->nrows;
    FsrsCard c = fsrs_card_new(fx->rows[0].time);
    int bad = 0;
    for (int i = 0; i < fx->nrows; i++) {
        const Row *r = &fx->rows[i];
        c = fsrs_review(&f, &c, r->time, (FsrsGrade)r->grade);
        bool ok = (int)c.state == r->state && c.step == r->step && c.scheduled_days == r->days &&
                  c.due == r->due && c.reps == r->reps && c.lapses == r->lapses && near(c.stability, r->s) &&
                  near(c.difficulty, r->d) && c.last_review == r->time;
        if (!ok && bad++ == 0)
            fprintf(stderr, "%s: review %d: got state %d step %d days %d due %lld s %.8f d %.8f\n", name,
                    i + 1, c.state, c.step, c.scheduled_days, (long long)c.due, c.stability, c.difficulty);
    }
    return bad;
}

static void test_fixtures(void)
{
    static const char *names[] = {
        "ivl_history",    "ivl_history_long", "memory_state", "memory_state_long",
        "again_loop",     "easy_max_long",    "mixed_grades", "mixed_grades_long",
        "passfail_short", "passfail_long",    "custom_steps",
    };
    static Fixture fx;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        bool read = read_fixture(&fx, names[i]);
        if (!read)
            fprintf(stderr, "cannot read fixture %s\n", names[i]);
        CHECK(read);
        CHECK(read && replay(&fx, names[i]) == 0);
    }
}

/* The fixtures reach the edges: the stability cap (where ts-fsrs's hard < good < easy rule
 * gives EASY 36502 days, past maximum_interval) and day-long steps. */
static void test_fixture_coverage(void)
{
    static Fixture fx;
    CHECK(read_fixture(&fx, "easy_max_long"));
    CHECK(fx.rows[fx.nrows - 1].s == 36500 && fx.rows[fx.nrows - 1].days == 36502);
    CHECK(read_fixture(&fx, "custom_steps"));
    CHECK(fx.p.nrelearning_steps == 3 && fx.p.relearning_steps[2] == 1440);
}

/* The same reviews give the same card, bit for bit. */
static void test_deterministic(void)
{
    static Fixture fx;
    CHECK(read_fixture(&fx, "passfail_long"));
    Fsrs f = make(false);
    FsrsCard a = fsrs_card_new(START), b = fsrs_card_new(START);
    for (int i = 0; i < fx.nrows; i++) {
        a = fsrs_review(&f, &a, fx.rows[i].time, (FsrsGrade)fx.rows[i].grade);
        b = fsrs_review(&f, &b, fx.rows[i].time, (FsrsGrade)fx.rows[i].grade);
    }
    CHECK(a.state == b.state && a.stability == b.stability && a.difficulty == b.difficulty);
    CHECK(a.step == b.step && a.scheduled_days == b.scheduled_days && a.due == b.due);
    CHECK(a.reps == b.reps && a.lapses == b.lapses && a.last_review == b.last_review);
}

/* ---- parameters ---- */

static void test_defaults(void)
{
    FsrsParams p = fsrs_default_params();
    CHECK(p.w[0] == 0.212 && p.w[20] == 0.1542);
    CHECK(p.request_retention == 0.9 && p.maximum_interval == 36500);
    CHECK(p.short_term && p.nlearning_steps == 2 && p.learning_steps[1] == 10);
    CHECK(p.nrelearning_steps == 1 && p.relearning_steps[0] == 10);
    Fsrs f;
    CHECK(fsrs_init(&f, &p, NULL));
    CHECK(near(f.decay, -0.1542));
    CHECK(memcmp(f.p.w, p.w, sizeof p.w) == 0); /* the defaults are inside every range */
}

static void test_clip(void)
{
    FsrsParams p = fsrs_default_params();
    p.w[0] = 1000;
    p.w[4] = -3;
    p.w[19] = 0;
    Fsrs f;
    CHECK(fsrs_init(&f, &p, NULL));
    CHECK(f.p.w[0] == 100 && f.p.w[4] == 1 && f.p.w[19] == 0.01);
    p.short_term = false;
    CHECK(fsrs_init(&f, &p, NULL));
    CHECK(f.p.w[19] == 0);
    /* several relearning steps cap w[17] and w[18] (values from ts-fsrs) */
    p = fsrs_default_params();
    p.w[17] = p.w[18] = 1.5;
    p.relearning_steps[1] = 120;
    p.nrelearning_steps = 2;
    CHECK(fsrs_init(&f, &p, NULL));
    CHECK(f.p.w[17] == 0.60045935 && f.p.w[18] == 0.60045935);
    p.relearning_steps[2] = 1440;
    p.nrelearning_steps = 3;
    CHECK(fsrs_init(&f, &p, NULL));
    CHECK(f.p.w[17] == 0.49027301 && f.p.w[18] == 0.49027301);
}

static bool init_fails(FsrsParams p, const char *want)
{
    Fsrs f;
    Err e = {{0}};
    bool failed = !fsrs_init(&f, &p, &e);
    if (strstr(e.msg, want) == NULL)
        fprintf(stderr, "message \"%s\" lacks \"%s\"\n", e.msg, want);
    return failed && strstr(e.msg, want) != NULL;
}

static void test_init_errors(void)
{
    FsrsParams p = fsrs_default_params();
    p.w[7] = NAN;
    CHECK(init_fails(p, "w[7] is not a finite number"));
    p = fsrs_default_params();
    p.w[20] = INFINITY;
    CHECK(init_fails(p, "w[20]"));
    p = fsrs_default_params();
    p.request_retention = 0;
    CHECK(init_fails(p, "request_retention must be in (0, 1], not 0"));
    p.request_retention = 1.5;
    CHECK(init_fails(p, "not 1.5"));
    p.request_retention = NAN;
    CHECK(init_fails(p, "request_retention"));
    p = fsrs_default_params();
    p.maximum_interval = 0;
    CHECK(init_fails(p, "maximum_interval must be at least 1 day, not 0"));
    p = fsrs_default_params();
    p.nlearning_steps = FSRS_MAX_STEPS + 1;
    CHECK(init_fails(p, "learning_steps must count 0 to 8 steps, not 9"));
    p = fsrs_default_params();
    p.nrelearning_steps = -1;
    CHECK(init_fails(p, "relearning_steps must count 0 to 8 steps, not -1"));
    p = fsrs_default_params();
    p.learning_steps[1] = -10;
    CHECK(init_fails(p, "learning_steps[1] is negative"));
    p = fsrs_default_params();
    p.relearning_steps[0] = -1;
    CHECK(init_fails(p, "relearning_steps[0] is negative"));
    p = fsrs_default_params();
    p.request_retention = 2;
    Fsrs f;
    CHECK(!fsrs_init(&f, &p, NULL)); /* a NULL Err is allowed */
}

/* ---- time ---- */

static void test_days_between(void)
{
    Fsrs utc = make(true);
    FsrsParams p = fsrs_default_params();
    p.day_offset = 9 * 3600; /* Japan */
    Fsrs jst;
    CHECK(fsrs_init(&jst, &p, NULL));
    int64_t midnight = 1700006400; /* 2023-11-15 00:00 UTC */
    CHECK(fsrs_days_between(&utc, midnight - 60, midnight + 60) == 1);
    CHECK(fsrs_days_between(&utc, midnight + 60, midnight + DAY - 60) == 0);
    CHECK(fsrs_days_between(&utc, midnight + 60, midnight - 60) == -1);
    /* 08:00 and 16:00 UTC are 17:00 and 01:00 the next day in Japan */
    CHECK(fsrs_days_between(&utc, midnight + 8 * 3600, midnight + 16 * 3600) == 0);
    CHECK(fsrs_days_between(&jst, midnight + 8 * 3600, midnight + 16 * 3600) == 1);
    CHECK(fsrs_days_between(&utc, -60, 60) == 1); /* before 1970 rounds down too */
    CHECK(fsrs_days_between(&utc, -DAY - 1, 0) == 2);
}

/* A clock set back: the review counts as the same day, and the card stays sane. */
static void test_clock_back(void)
{
    Fsrs f = make(false);
    FsrsCard n = fsrs_card_new(START);
    FsrsCard c = fsrs_review(&f, &n, START, FSRS_GOOD);
    FsrsCard back = fsrs_review(&f, &c, START - 3 * DAY, FSRS_GOOD);
    FsrsCard same = fsrs_review(&f, &c, START, FSRS_GOOD);
    CHECK(back.stability == same.stability && back.difficulty == same.difficulty);
    CHECK(back.scheduled_days == same.scheduled_days);
    CHECK(back.last_review == START - 3 * DAY);
}

/* Pass/fail in the long-term scheduler: wrong comes back in a day or two, right later and later. */
static void test_pass_fail_shape(void)
{
    Fsrs f = make(false);
    FsrsCard c = fsrs_card_new(START);
    c = fsrs_review(&f, &c, START, FSRS_AGAIN);
    CHECK(c.scheduled_days == 1);
    int last = 0;
    for (int i = 0; i < 6; i++) {
        c = fsrs_review(&f, &c, c.due, FSRS_GOOD);
        CHECK(c.scheduled_days > last);
        last = c.scheduled_days;
    }
    c = fsrs_review(&f, &c, c.due, FSRS_AGAIN);
    CHECK(c.scheduled_days >= 1 && c.scheduled_days < last / 10);
    CHECK(c.lapses == 1);
}

int main(void)
{
    RUN(test_ivl_history);
    RUN(test_memory_state);
    RUN(test_first_repeat);
    RUN(test_retrievability);
    RUN(test_fixtures);
    RUN(test_fixture_coverage);
    RUN(test_deterministic);
    RUN(test_defaults);
    RUN(test_clip);
    RUN(test_init_errors);
    RUN(test_days_between);
    RUN(test_clock_back);
    RUN(test_pass_fail_shape);
    return TEST_END();
}
