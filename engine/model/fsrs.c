/* fsrs.c — FSRS-6 as ts-fsrs 5.x computes it, fuzz off: src/algorithm.ts (the model),
 * src/impl/basic_scheduler.ts and long_term_scheduler.ts, src/strategies/learning_steps.ts.
 *
 * Every formula keeps ts-fsrs's order of operations and its rounding to 8 decimals, and rounds
 * halves up like JavaScript's Math.round, so cards agree with the reference to the last digit
 * that matters. The scheduler computes the memory state of all four grades where ts-fsrs does,
 * because one grade's interval is bounded by its neighbours' (good > hard > again). */
#include "fsrs.h"

#include <assert.h>
#include <math.h>

enum { MINUTE = 60, DAY = 86400, MINUTES_PER_DAY = 1440 };

static const double S_MIN = 0.001, S_MAX = 36500.0;

static const double DEFAULT_W[FSRS_NPARAMS] = {
    0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,  1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
};

/* The range ts-fsrs clips each weight to (CLAMP_PARAMETERS); w[19]'s floor and the ceiling of
 * w[17], w[18] depend on the scheduler settings (see clip_weights). */
static const double W_RANGE[FSRS_NPARAMS][2] = {
    {S_MIN, 100.0}, {S_MIN, 100.0}, {S_MIN, 100.0}, {S_MIN, 100.0}, {1.0, 10.0},  {0.001, 4.0},  {0.001, 4.0},
    {0.001, 0.75},  {0.0, 4.5},     {0.0, 0.8},     {0.001, 3.5},   {0.001, 5.0}, {0.001, 0.25}, {0.001, 0.9},
    {0.0, 4.0},     {0.0, 1.0},     {1.0, 6.0},     {0.0, 2.0},     {0.0, 2.0},   {0.01, 0.8},   {0.1, 0.8},
};

/* ---- arithmetic as JavaScript does it ---- */

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

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* ---- parameters ---- */

FsrsParams fsrs_default_params(void)
{
    FsrsParams p = {
        .request_retention = 0.9,
        .maximum_interval = 36500,
        .short_term = true,
        .learning_steps = {1, 10},
        .nlearning_steps = 2,
        .relearning_steps = {10},
        .nrelearning_steps = 1,
        .day_offset = 0,
    };
    for (int i = 0; i < FSRS_NPARAMS; i++)
        p.w[i] = DEFAULT_W[i];
    return p;
}

/* With several relearning steps, w[17] * w[18] is capped so that the steps cannot raise a
 * forgotten card's stability above what it was (ts-fsrs clipParameters). */
static double short_term_ceiling(const double *w, int nrelearning)
{
    double w11 = clampd(w[11], W_RANGE[11][0], W_RANGE[11][1]);
    double w13 = clampd(w[13], W_RANGE[13][0], W_RANGE[13][1]);
    double w14 = clampd(w[14], W_RANGE[14][0], W_RANGE[14][1]);
    double v = -(log(w11) + log(pow(2.0, w13) - 1.0) + w14 * 0.3) / nrelearning;
    return clampd(round8(sqrt(fmax(v, 0))), 0.01, 2.0);
}

static void clip_weights(FsrsParams *p)
{
    double hi1718 =
        p->nrelearning_steps > 1 ? short_term_ceiling(p->w, p->nrelearning_steps) : W_RANGE[17][1];
    for (int i = 0; i < FSRS_NPARAMS; i++) {
        double lo = W_RANGE[i][0], hi = W_RANGE[i][1];
        if (i == 17 || i == 18)
            hi = hi1718;
        if (i == 19 && !p->short_term)
            lo = 0.0;
        p->w[i] = clampd(p->w[i], lo, hi);
    }
}

static bool check_steps(const int *steps, int n, const char *name, Err *e)
{
    if (n < 0 || n > FSRS_MAX_STEPS)
        return err_set(e, "FSRS: %s must count 0 to %d steps, not %d", name, FSRS_MAX_STEPS, n);
    for (int i = 0; i < n; i++)
        if (steps[i] < 0)
            return err_set(e, "FSRS: %s[%d] is negative (%d minutes)", name, i, steps[i]);
    return true;
}

static bool check_params(const FsrsParams *p, Err *e)
{
    for (int i = 0; i < FSRS_NPARAMS; i++)
        if (!isfinite(p->w[i]))
            return err_set(e, "FSRS: weight w[%d] is not a finite number", i);
    if (!(p->request_retention > 0 && p->request_retention <= 1))
        return err_set(e, "FSRS: request_retention must be in (0, 1], not %g", p->request_retention);
    if (p->maximum_interval < 1)
        return err_set(e, "FSRS: maximum_interval must be at least 1 day, not %d", p->maximum_interval);
    return check_steps(p->learning_steps, p->nlearning_steps, "learning_steps", e) &&
           check_steps(p->relearning_steps, p->nrelearning_steps, "relearning_steps", e);
}

static double init_difficulty(const Fsrs *f, FsrsGrade g);

bool fsrs_init(Fsrs *f, const FsrsParams *p, Err *e)
{
    if (!check_params(p, e))
        return false;
    f->p = *p;
    clip_weights(&f->p);
    f->decay = -f->p.w[20];
    f->factor = round8(exp((1 / f->decay) * log(0.9)) - 1.0);
    f->modifier = round8((pow(f->p.request_retention, 1 / f->decay) - 1) / f->factor);
    for (int g = FSRS_AGAIN; g <= FSRS_EASY; g++)
        f->init_difficulty[g] = init_difficulty(f, (FsrsGrade)g);
    return true;
}

/* ---- the memory model (algorithm.ts) ---- */

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

static double init_difficulty(const Fsrs *f, FsrsGrade g)
{
    return round8(f->p.w[4] - exp(((int)g - 1) * f->p.w[5]) + 1);
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

/* ---- the schedulers (impl/basic_scheduler.ts, impl/long_term_scheduler.ts) ---- */

/* One review in progress: the card before it, with reps counted and the time set. */
typedef struct {
    const Fsrs *f;
    FsrsCard cur;
    int64_t now;
    int elapsed; /* calendar days since the last review; 0 for a new card */
} Review;

int fsrs_days_between(const Fsrs *f, int64_t from, int64_t to)
{
    int64_t off = f->p.day_offset;
    return (int)(floor_div(to + off, DAY) - floor_div(from + off, DAY));
}

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

FsrsCard fsrs_card_new(int64_t now)
{
    return (FsrsCard){.state = FSRS_NEW, .due = now};
}

FsrsCard fsrs_review(const Fsrs *f, const FsrsCard *c, int64_t now, FsrsGrade g)
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

double fsrs_retrievability(const Fsrs *f, const FsrsCard *c, int64_t now)
{
    if (c->state == FSRS_NEW)
        return 0;
    int64_t days = floor_div(now - c->last_review, DAY);
    return forgetting_curve(f, days > 0 ? (double)days : 0, round8(c->stability));
}
