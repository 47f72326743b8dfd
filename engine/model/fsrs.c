/* fsrs.c — FSRS-6 as ts-fsrs 5.x computes it, fuzz off: src/algorithm.ts (the model),
 * src/impl/basic_scheduler.ts and long_term_scheduler.ts, src/strategies/learning_steps.ts.
 *
 * Every formula keeps ts-fsrs's order of operations and its rounding to 8 decimals, and rounds
 * halves up like JavaScript's Math.round, so cards agree with the reference to the last digit
 * that matters. ts-fsrs computes the memory state of all four grades at each review, because
 * one grade's interval is bounded by its neighbours' (good > hard > again); here only the given
 * grade's memory and the stabilities its interval depends on are computed (a replay of a long
 * log is mostly this scheduler), with the same results bit for bit (tests/test_fsrs_fast.c
 * compares them with the four-grade computation). */
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
    f->recall_scale = exp(f->p.w[8]);
    double w17 = f->p.short_term ? f->p.w[17] : 0, w18 = f->p.short_term ? f->p.w[18] : 0;
    f->lapse_divisor = exp(w17 * w18);
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

/* The part of the stability's growth on recall that HARD, GOOD and EASY share (exp(w[8]) is
 * f->recall_scale: the same value, computed once). */
static double recall_growth(const Fsrs *f, Memory m, double r)
{
    const double *w = f->p.w;
    return f->recall_scale * (11 - m.d) * pow(m.s, -w[9]) * (exp((1 - r) * w[10]) - 1);
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

/* The most AGAIN's stability can be: what the short-term rule could give back, at least S_MIN
 * (f->lapse_divisor is exp(w17 * w18), 1 for long-term). Cheap, unlike forget_stability. */
static double lapse_ceiling(const Fsrs *f, Memory m)
{
    return fmax(round8(m.s / f->lapse_divisor), S_MIN);
}

/* AGAIN: the post-lapse stability, never above lapse_ceiling. */
static double lapse_stability(const Fsrs *f, Memory m, double r)
{
    return fmin(lapse_ceiling(f, m), forget_stability(f, m, r));
}

static double same_day_stability(const Fsrs *f, double s, FsrsGrade g)
{
    const double *w = f->p.w;
    double sinc = pow(s, -w[19]) * exp(w[17] * ((int)g - 3 + w[18]));
    if (g >= FSRS_HARD)
        sinc = fmax(sinc, 1.0);
    return round8(clampd(s * sinc, S_MIN, S_MAX));
}

/* ts-fsrs next_state, a grade at a time: the memory after a review `days` after the previous
 * one. What the grades share (the retrievability, the growth on recall) is computed once by
 * next_start; a grade's stability and difficulty only when asked for. */
typedef struct {
    const Fsrs *f;
    Memory m;      /* before the review */
    bool first;    /* a new card: the initial memory */
    bool same_day; /* short-term, reviewed the same day */
    double r;      /* the retrievability at the review (not first, not same_day) */
    double growth; /* recall_growth (not first, not same_day), when next_start was asked for it */
} Next;

/* with_recall: HARD, GOOD or EASY's stability will be asked for. */
static Next next_start(const Fsrs *f, Memory m, int days, bool with_recall)
{
    Next n = {.f = f, .m = m, .first = m.d == 0 && m.s == 0};
    n.same_day = !n.first && days == 0 && f->p.short_term;
    if (n.first || n.same_day)
        return n;
    n.r = forgetting_curve(f, days, m.s);
    if (with_recall)
        n.growth = recall_growth(f, m, n.r);
    return n;
}

static double next_stability(const Next *n, FsrsGrade g)
{
    if (n->first)
        return init_stability(n->f, g);
    if (n->same_day)
        return same_day_stability(n->f, n->m.s, g);
    return g == FSRS_AGAIN ? lapse_stability(n->f, n->m, n->r) : recall_stability(n->f, n->m, n->growth, g);
}

/* The most AGAIN's stability can be; exact where it is cheap (a new card, the same day). */
static double next_again_ceiling(const Next *n)
{
    return n->first || n->same_day ? next_stability(n, FSRS_AGAIN) : lapse_ceiling(n->f, n->m);
}

static Memory next_memory(const Next *n, FsrsGrade g)
{
    const Fsrs *f = n->f;
    if (n->first)
        return (Memory){clampd(f->init_difficulty[g], 1, 10), init_stability(f, g)};
    return (Memory){next_difficulty(f, n->m.d, g, f->init_difficulty[FSRS_EASY]), next_stability(n, g)};
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

/* What the grades' memories after this review share (next_start). */
static Next review_next(const Review *rv, bool with_recall)
{
    return next_start(rv->f, (Memory){rv->cur.difficulty, rv->cur.stability}, rv->elapsed, with_recall);
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
    Next n = review_next(rv, g != FSRS_AGAIN);
    return card_with(rv, next_memory(&n, g));
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

/* Grade g's interval when every grade from `lowest` up gets days: each at least a day longer than
 * the one below it, the lowest no longer than the next (ts-fsrs next_interval of both
 * schedulers). It depends on the stabilities of `lowest` to max(g, lowest + 1) only, and on
 * AGAIN's (the costly one) only when it may reach HARD's interval: when g is not AGAIN and even
 * the ceiling of AGAIN's stability gives a shorter interval than HARD's, AGAIN's interval is
 * below HARD's whatever it is exactly, so the ceiling's interval gives the same result (intervals
 * grow with stability). s: g's own stability, already worked out for the card. */
static int grade_interval(const Next *n, FsrsGrade lowest, FsrsGrade g, double s)
{
    const Fsrs *f = n->f;
    int lo = (int)lowest, top = (int)g > lo + 1 ? (int)g : lo + 1;
    int ivl[FSRS_EASY + 1];
    for (int k = lo + 1; k <= top; k++)
        ivl[k] = next_interval(f, k == (int)g ? s : next_stability(n, (FsrsGrade)k));
    if (g == lowest) {
        ivl[lo] = next_interval(f, s);
    } else if (lowest == FSRS_AGAIN) {
        ivl[lo] = next_interval(f, next_again_ceiling(n)); /* at least AGAIN's own */
        if (ivl[lo] >= ivl[lo + 1])
            ivl[lo] = next_interval(f, next_stability(n, FSRS_AGAIN));
    } else {
        ivl[lo] = next_interval(f, next_stability(n, lowest));
    }
    if (ivl[lo + 1] < ivl[lo])
        ivl[lo] = ivl[lo + 1];
    for (int k = lo + 1; k <= top; k++)
        if (ivl[k] < ivl[k - 1] + 1)
            ivl[k] = ivl[k - 1] + 1;
    return ivl[g];
}

/* A card in review, short-term scheduler: AGAIN goes to the relearning steps, the other
 * grades get days. */
static FsrsCard review_short(const Review *rv, FsrsGrade g)
{
    Next n = review_next(rv, g != FSRS_AGAIN);
    FsrsCard c = card_with(rv, next_memory(&n, g));
    if (g == FSRS_AGAIN) {
        apply_steps(rv, &c, FSRS_AGAIN, FSRS_RELEARNING);
        c.lapses++;
        return c;
    }
    schedule_days(&c, rv->now, grade_interval(&n, FSRS_HARD, g, c.stability));
    return c;
}

/* Any card, long-term scheduler: every grade gets days. */
static FsrsCard review_long(const Review *rv, FsrsGrade g)
{
    Next n = review_next(rv, true); /* HARD's interval bounds every grade's */
    FsrsCard c = card_with(rv, next_memory(&n, g));
    schedule_days(&c, rv->now, grade_interval(&n, FSRS_AGAIN, g, c.stability));
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
