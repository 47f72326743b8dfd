/* test_fsrs_fast.c — fsrs_review computes only what the given grade needs; here it is checked
 * against the computation it replaced, which works out the memory of all four grades as ts-fsrs
 * does and then takes the grade's: over many random parameter sets and histories, at every
 * review and for every grade, each field of the card must be equal, the doubles bit for bit.
 *
 * The reference below is fsrs.c's scheduler as it was before the fast path, kept verbatim
 * (only fsrs_review renamed full_review). */
#include "fsrs.h"
#include "test.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>

enum { MINUTE = 60, DAY = 86400, MINUTES_PER_DAY = 1440 };

static const double S_MIN = 0.001, S_MAX = 36500.0;

/* ---- the reference: every grade's memory, then the given grade's card ---- */

static double clampd(double x, double lo, double hi)
{
    return fmin(fmax(x, lo), hi);
}

/* Math.round: the nearest integer, halves towards +infinity. */
static double js_round(double x)
{
    double r = floor(x);
    return x - r >= 0.5 ? r + 1 : r;
}

/* ts-fsrs roundTo(x, 8). */
static double round8(double x)
{
    return js_round(x * 1e8) / 1e8;
}

typedef struct {
    double d, s; /* difficulty, stability */
} Memory;

static double forgetting_curve(const Fsrs *f, double days, double s)
{
    return round8(pow(1 + f->factor * days / s, f->decay));
}

static double init_stability(const Fsrs *f, FsrsGrade g)
{
    return fmax(f->p.w[g - 1], 0.1);
}

static int next_interval(const Fsrs *f, double s)
{
    double days = fmax(1, js_round(s * f->modifier));
    return (int)fmin(days, f->p.maximum_interval);
}

/* easy_d: f->init_difficulty[FSRS_EASY], which every grade needs. */
static double next_difficulty(const Fsrs *f, double d, FsrsGrade g, double easy_d)
{
    const double *w = f->p.w;
    double delta = -w[6] * ((int)g - 3);
    double next = d + round8(delta * (10 - d) / 9); /* linear damping */
    double reverted = round8(w[7] * easy_d + (1 - w[7]) * next);
    return clampd(reverted, 1, 10);
}

/* The part of the stability's growth on recall that HARD, GOOD and EASY share. */
static double recall_growth(const Fsrs *f, Memory m, double r)
{
    const double *w = f->p.w;
    return exp(w[8]) * (11 - m.d) * pow(m.s, -w[9]) * (exp((1 - r) * w[10]) - 1);
}

/* growth: recall_growth (the order of the products is ts-fsrs's, so the result is too). */
static double recall_stability(const Fsrs *f, Memory m, double growth, FsrsGrade g)
{
    const double *w = f->p.w;
    double hard = g == FSRS_HARD ? w[15] : 1, easy = g == FSRS_EASY ? w[16] : 1;
    double grow = 1 + growth * hard * easy;
    return round8(clampd(m.s * grow, S_MIN, S_MAX));
}

static double forget_stability(const Fsrs *f, Memory m, double r)
{
    const double *w = f->p.w;
    double s = w[11] * pow(m.d, -w[12]) * (pow(m.s + 1, w[13]) - 1) * exp((1 - r) * w[14]);
    return round8(clampd(s, S_MIN, S_MAX));
}

/* AGAIN: the post-lapse stability, never above what the short-term rule could give back. */
static double lapse_stability(const Fsrs *f, Memory m, double r)
{
    double w17 = f->p.short_term ? f->p.w[17] : 0, w18 = f->p.short_term ? f->p.w[18] : 0;
    double floor_s = round8(m.s / exp(w17 * w18));
    return clampd(floor_s, S_MIN, forget_stability(f, m, r));
}

static double same_day_stability(const Fsrs *f, double s, FsrsGrade g)
{
    const double *w = f->p.w;
    double sinc = pow(s, -w[19]) * exp(w[17] * ((int)g - 3 + w[18]));
    if (g >= FSRS_HARD)
        sinc = fmax(sinc, 1.0);
    return round8(clampd(s * sinc, S_MIN, S_MAX));
}

/* ts-fsrs next_state: the memory after a review `days` after the previous one, for every grade
 * at once (mem[g], g = AGAIN..EASY): what the grades share (the retrievability, the growth on
 * recall, EASY's initial difficulty) is computed once, the values are the same bit for bit. */
static void next_memories(const Fsrs *f, Memory m, int days, Memory mem[FSRS_EASY + 1])
{
    if (m.d == 0 && m.s == 0) {
        for (int g = FSRS_AGAIN; g <= FSRS_EASY; g++)
            mem[g] = (Memory){clampd(f->init_difficulty[g], 1, 10), init_stability(f, g)};
        return;
    }
    double r = forgetting_curve(f, days, m.s), easy_d = f->init_difficulty[FSRS_EASY];
    bool same_day = days == 0 && f->p.short_term;
    double growth = same_day ? 0 : recall_growth(f, m, r);
    for (int g = FSRS_AGAIN; g <= FSRS_EASY; g++) {
        double s;
        if (same_day)
            s = same_day_stability(f, m.s, g);
        else if (g == FSRS_AGAIN)
            s = lapse_stability(f, m, r);
        else
            s = recall_stability(f, m, growth, g);
        mem[g] = (Memory){next_difficulty(f, m.d, g, easy_d), s};
    }
}

/* One review in progress: the card before it, with reps counted and the time set. */
typedef struct {
    const Fsrs *f;
    FsrsCard cur;
    int64_t now;
    int elapsed; /* calendar days since the last review; 0 for a new card */
} Review;

/* The memory after each grade (next_memories) for the card under review. */
static void review_memories(const Review *rv, Memory mem[FSRS_EASY + 1])
{
    next_memories(rv->f, (Memory){rv->cur.difficulty, rv->cur.stability}, rv->elapsed, mem);
}

/* A copy of the current card with the memory m. */
static FsrsCard card_with(const Review *rv, Memory m)
{
    FsrsCard c = rv->cur;
    c.difficulty = m.d;
    c.stability = m.s;
    return c;
}

/* A copy of the current card with the memory after grade g. */
static FsrsCard next_card(const Review *rv, FsrsGrade g)
{
    Memory mem[FSRS_EASY + 1];
    review_memories(rv, mem);
    return card_with(rv, mem[g]);
}

static void schedule_days(FsrsCard *c, int64_t now, int days)
{
    c->state = FSRS_REVIEW;
    c->step = 0;
    c->scheduled_days = days;
    c->due = now + (int64_t)days * DAY;
}

/* ---- learning steps (strategies/learning_steps.ts) ---- */

typedef struct {
    int minutes; /* 0: no step, the card leaves the steps */
    int next;    /* the step index after this one */
} Step;

static Step step_for(const Fsrs *f, FsrsState state, int cur, FsrsGrade g)
{
    bool re = state == FSRS_RELEARNING || state == FSRS_REVIEW;
    const int *steps = re ? f->p.relearning_steps : f->p.learning_steps;
    int n = re ? f->p.nrelearning_steps : f->p.nlearning_steps;
    if (n == 0 || cur >= n)
        return (Step){0, 0};
    if (state == FSRS_REVIEW)
        return g == FSRS_AGAIN ? (Step){steps[cur], 0} : (Step){0, 0};
    switch (g) {
    case FSRS_AGAIN:
        return (Step){steps[0], 0};
    case FSRS_HARD:
        return (Step){(int)js_round(n == 1 ? steps[0] * 1.5 : (steps[0] + steps[1]) / 2.0), cur};
    case FSRS_GOOD:
        return cur + 1 < n ? (Step){steps[cur + 1], cur + 1} : (Step){0, 0};
    default:
        return (Step){0, 0};
    }
}

/* Puts c on its next step (minutes) or, past the steps, on an interval in days. */
static void apply_steps(const Review *rv, FsrsCard *c, FsrsGrade g, FsrsState to)
{
    Step st = step_for(rv->f, rv->cur.state, rv->cur.step, g);
    if (st.minutes > 0 && st.minutes < MINUTES_PER_DAY) {
        c->state = to;
        c->step = st.next;
        c->scheduled_days = 0;
        c->due = rv->now + (int64_t)st.minutes * MINUTE;
    } else if (st.minutes >= MINUTES_PER_DAY) {
        c->state = FSRS_REVIEW;
        c->step = st.next;
        c->scheduled_days = st.minutes / MINUTES_PER_DAY;
        c->due = rv->now + (int64_t)st.minutes * MINUTE;
    } else {
        schedule_days(c, rv->now, next_interval(rv->f, c->stability));
    }
}

/* The interval of every grade from `lowest` up, each at least a day longer than the one below
 * it, the lowest no longer than the next (ts-fsrs next_interval of both schedulers). */
static void grade_intervals(const Review *rv, const Memory mem[FSRS_EASY + 1], FsrsGrade lowest,
                            int ivl[FSRS_EASY + 1])
{
    for (int k = lowest; k <= FSRS_EASY; k++)
        ivl[k] = next_interval(rv->f, mem[k].s);
    if (ivl[lowest + 1] < ivl[lowest])
        ivl[lowest] = ivl[lowest + 1];
    for (int k = lowest + 1; k <= FSRS_EASY; k++)
        if (ivl[k] < ivl[k - 1] + 1)
            ivl[k] = ivl[k - 1] + 1;
}

/* A card in review, short-term scheduler: AGAIN goes to the relearning steps, the other
 * grades get days. */
static FsrsCard review_short(const Review *rv, FsrsGrade g)
{
    Memory mem[FSRS_EASY + 1];
    review_memories(rv, mem);
    FsrsCard c = card_with(rv, mem[g]);
    if (g == FSRS_AGAIN) {
        apply_steps(rv, &c, FSRS_AGAIN, FSRS_RELEARNING);
        c.lapses++;
        return c;
    }
    int ivl[FSRS_EASY + 1];
    grade_intervals(rv, mem, FSRS_HARD, ivl);
    schedule_days(&c, rv->now, ivl[g]);
    return c;
}

/* Any card, long-term scheduler: every grade gets days. */
static FsrsCard review_long(const Review *rv, FsrsGrade g)
{
    int ivl[FSRS_EASY + 1];
    Memory mem[FSRS_EASY + 1];
    review_memories(rv, mem);
    grade_intervals(rv, mem, FSRS_AGAIN, ivl);
    FsrsCard c = card_with(rv, mem[g]);
    schedule_days(&c, rv->now, ivl[g]);
    if (g == FSRS_AGAIN && rv->cur.state != FSRS_NEW)
        c.lapses++;
    return c;
}

static FsrsCard review_short_term(const Review *rv, FsrsGrade g)
{
    FsrsCard c;
    switch (rv->cur.state) {
    case FSRS_NEW:
        c = next_card(rv, g);
        apply_steps(rv, &c, g, FSRS_LEARNING);
        return c;
    case FSRS_LEARNING:
    case FSRS_RELEARNING:
        c = next_card(rv, g);
        apply_steps(rv, &c, g, rv->cur.state);
        return c;
    default:
        return review_short(rv, g);
    }
}

static FsrsCard full_review(const Fsrs *f, const FsrsCard *c, int64_t now, FsrsGrade g)
{
    assert(g >= FSRS_AGAIN && g <= FSRS_EASY);
    Review rv = {.f = f, .cur = *c, .now = now};
    if (c->state != FSRS_NEW) {
        int days = fsrs_days_between(f, c->last_review, now);
        rv.elapsed = days > 0 ? days : 0;
    }
    rv.cur.last_review = now;
    rv.cur.reps++;
    return f->p.short_term ? review_short_term(&rv, g) : review_long(&rv, g);
}

/* ---- random parameters and histories ---- */

static uint64_t next_random(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15u); /* splitmix64 */
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static int below(uint64_t *s, int n)
{
    return (int)(next_random(s) % (uint64_t)n);
}

/* A number in [lo, hi). */
static double between(uint64_t *s, double lo, double hi)
{
    return lo + (hi - lo) * (double)(next_random(s) >> 11) / 9007199254740992.0;
}

static void random_steps(uint64_t *s, int *steps, int *n)
{
    static const int MINUTES[] = {0, 1, 5, 10, 30, 60, 720, 1440, 2880};
    *n = below(s, 4);
    for (int i = 0; i < *n; i++)
        steps[i] = MINUTES[below(s, (int)(sizeof MINUTES / sizeof *MINUTES))];
}

/* The defaults (either scheduler), or weights, retention, maximum, steps and day offset drawn at
 * random (fsrs_init clips the weights into their ranges). */
static Fsrs random_fsrs(uint64_t *s, int i)
{
    FsrsParams p = fsrs_default_params();
    p.short_term = i % 2 == 0;
    if (i >= 2) {
        for (int k = 0; k < FSRS_NPARAMS; k++)
            p.w[k] *= between(s, 0.5, 1.6);
        static const double RETENTION[] = {0.9, 0.7, 0.8, 0.95, 0.99, 1.0};
        p.request_retention = below(s, 2) ? between(s, 0.6, 0.999) : RETENTION[below(s, 6)];
        static const int MAXIMUM[] = {36500, 365, 30, 7, 1};
        p.maximum_interval = MAXIMUM[below(s, 5)];
        random_steps(s, p.learning_steps, &p.nlearning_steps);
        random_steps(s, p.relearning_steps, &p.nrelearning_steps);
        static const int OFFSET[] = {0, 32400, -18000};
        p.day_offset = OFFSET[below(s, 3)];
    }
    Fsrs f;
    Err e;
    if (!fsrs_init(&f, &p, &e))
        abort();
    return f;
}

/* The time of the next review: at once, minutes, hours or days later, or the clock set back. */
static int64_t later(uint64_t *s, int64_t t)
{
    switch (below(s, 6)) {
    case 0:
        return t;
    case 1:
        return t + below(s, 600) * MINUTE;
    case 2:
        return t + below(s, 48) * 3600 + below(s, 3600);
    case 3:
        return t - below(s, 2 * DAY);
    default:
        return t + (int64_t)below(s, below(s, 2) ? 30 : 1000) * DAY + below(s, DAY);
    }
}

static bool same_card(const FsrsCard *a, const FsrsCard *b)
{
    return a->state == b->state && a->stability == b->stability && a->difficulty == b->difficulty &&
           a->step == b->step && a->scheduled_days == b->scheduled_days && a->reps == b->reps &&
           a->lapses == b->lapses && a->last_review == b->last_review && a->due == b->due;
}

/* Histories of random grades; at each review every grade is tried both ways. Returns the reviews
 * that differ. */
static int differing(const Fsrs *f, uint64_t *s, int histories, int reviews, int *checked)
{
    int bad = 0;
    for (int h = 0; h < histories; h++) {
        int64_t now = 1700000000 + below(s, 400 * DAY);
        FsrsCard c = fsrs_card_new(now);
        for (int r = 0; r < reviews; r++) {
            for (int g = FSRS_AGAIN; g <= FSRS_EASY; g++) {
                FsrsCard fast = fsrs_review(f, &c, now, (FsrsGrade)g),
                         full = full_review(f, &c, now, (FsrsGrade)g);
                (*checked)++;
                if (!same_card(&fast, &full) && bad++ == 0)
                    fprintf(stderr,
                            "differs: review %d grade %d: s %.17g / %.17g, d %.17g / %.17g, days %d / %d\n",
                            r, g, fast.stability, full.stability, fast.difficulty, full.difficulty,
                            fast.scheduled_days, full.scheduled_days);
            }
            /* pass/fail grading (the kiosk's) half the time, any grade the other half */
            FsrsGrade g = below(s, 2) ? (below(s, 3) ? FSRS_GOOD : FSRS_AGAIN) : (FsrsGrade)(1 + below(s, 4));
            c = fsrs_review(f, &c, now, g);
            now = later(s, now);
        }
    }
    return bad;
}

static void test_defaults_agree(void)
{
    uint64_t s = 15;
    int checked = 0;
    for (int i = 0; i < 2; i++) {
        Fsrs f = random_fsrs(&s, i);
        CHECK(differing(&f, &s, 300, 60, &checked) == 0);
    }
    CHECK(checked == 2 * 300 * 60 * 4);
}

static void test_random_params_agree(void)
{
    uint64_t s = 1015;
    int checked = 0;
    for (int i = 2; i < 200; i++) {
        Fsrs f = random_fsrs(&s, i);
        CHECK(differing(&f, &s, 10, 40, &checked) == 0);
    }
    CHECK(checked == 198 * 10 * 40 * 4);
}

int main(void)
{
    RUN(test_defaults_agree);
    RUN(test_random_params_agree);
    return TEST_END();
}
