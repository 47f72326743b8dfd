/* quiz.c — drawing, shuffling and scoring with a seeded generator.
 *
 * What must stay true: the same pool, seed and last attempt give the same test (the seed is
 * recorded with the attempt, the last attempt is in the record before it); a retake takes, in
 * this order, the questions missed last time, questions not asked last time, then the others;
 * a pass is quiz_pass_count right answers, the one place the pass mark becomes a count. */
#include "quiz.h"

#include <assert.h>
#include <string.h>

static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static void shuffle(int *v, int n, uint64_t *state)
{
    for (int i = n - 1; i > 0; i--) {
        int j = (int)(next_random(state) % (uint64_t)(i + 1));
        int t = v[i];
        v[i] = v[j];
        v[j] = t;
    }
}

static void order_choices(QuizItem *it, uint64_t *state)
{
    int n = it->q->nchoices;
    assert(n <= QUIZ_MAX_CHOICES);
    for (int i = 0; i < n; i++)
        it->order[i] = i;
    if (it->q->kind != QUESTION_TRUEFALSE)
        shuffle(it->order, n, state);
}

static void start(Quiz *z, Arena *a, int n, uint64_t seed, int64_t now)
{
    z->seed = seed;
    z->items = ARENA_ARRAY(a, QuizItem, n);
    z->answers = ARENA_ARRAY(a, Answer, n);
    z->nitems = n;
    z->nanswers = z->current = z->score = 0;
    z->picked = 0;
    z->answered = false;
    z->started = now;
}

/* Where a question stands for a retake: missed last time first, then fresh, then the rest. */
enum { TIER_MISSED, TIER_FRESH, TIER_SEEN, TIERS };

static int tier_of(const Question *q, const LoggedAnswer *last, int nlast)
{
    for (int i = 0; i < nlast; i++)
        if (strcmp(last[i].question_id, q->id) == 0)
            return last[i].correct ? TIER_SEEN : TIER_MISSED;
    return TIER_FRESH;
}

/* Reorders the shuffled pick[0..n) by tier, keeping the shuffled order inside each tier. */
static void order_by_tier(const Pool *pool, int *pick, int n, const LoggedAnswer *last, int nlast, Arena *a)
{
    int *tier = ARENA_ARRAY(a, int, n), *out = ARENA_ARRAY(a, int, n), k = 0;
    for (int i = 0; i < n; i++)
        tier[i] = tier_of(&pool->questions[pick[i]], last, nlast);
    for (int t = 0; t < TIERS; t++)
        for (int i = 0; i < n; i++)
            if (tier[i] == t)
                out[k++] = pick[i];
    memcpy(pick, out, sizeof *pick * (size_t)n);
}

void quiz_start_retake(Quiz *z, Arena *a, const Pool *pool, int pass_percent, const LoggedAnswer *last,
                       int nlast, uint64_t seed, int64_t now)
{
    uint64_t state = seed;
    int n = pool->nquestions;
    int *pick = ARENA_ARRAY(a, int, n);
    for (int i = 0; i < n; i++)
        pick[i] = i;
    shuffle(pick, n, &state);
    if (nlast > 0) { /* the missed ones would otherwise always come first */
        order_by_tier(pool, pick, n, last, nlast, a);
        shuffle(pick, pool->draw, &state);
    }
    start(z, a, pool->draw, seed, now);
    z->kind = ATTEMPT_TEST;
    z->measure = pool->measure;
    z->pass_percent = pass_percent > 0 ? pass_percent : pool->pass_percent;
    for (int i = 0; i < z->nitems; i++) {
        z->items[i].q = &pool->questions[pick[i]];
        order_choices(&z->items[i], &state);
    }
}

void quiz_start_test(Quiz *z, Arena *a, const Pool *pool, int pass_percent, uint64_t seed, int64_t now)
{
    quiz_start_retake(z, a, pool, pass_percent, NULL, 0, seed, now);
}

int quiz_pass_count(int nitems, int pass_percent)
{
    return (nitems * pass_percent + 99) / 100;
}

void quiz_start_followup(Quiz *z, Arena *a, const Question *const *qs, int n, uint64_t seed, int64_t now)
{
    uint64_t state = seed;
    int *pick = ARENA_ARRAY(a, int, n);
    for (int i = 0; i < n; i++)
        pick[i] = i;
    shuffle(pick, n, &state);
    start(z, a, n, seed, now);
    z->kind = ATTEMPT_FOLLOWUP;
    z->measure = 0;
    z->pass_percent = 0;
    for (int i = 0; i < n; i++) {
        z->items[i].q = qs[pick[i]];
        order_choices(&z->items[i], &state);
    }
}

const QuizItem *quiz_item(const Quiz *z)
{
    return z->current < z->nitems ? &z->items[z->current] : NULL;
}

void quiz_pick(Quiz *z, int pos)
{
    const QuizItem *it = quiz_item(z);
    if (!it || z->answered || pos < 0 || pos >= it->q->nchoices)
        return;
    unsigned bit = 1u << it->order[pos];
    if (it->q->kind == QUESTION_MULTIPLE)
        z->picked ^= bit;
    else
        z->picked = bit;
}

bool quiz_picked(const Quiz *z, int pos)
{
    const QuizItem *it = quiz_item(z);
    return it && pos >= 0 && pos < it->q->nchoices && (z->picked >> it->order[pos] & 1u);
}

bool quiz_can_submit(const Quiz *z)
{
    return quiz_item(z) && !z->answered && z->picked != 0;
}

static unsigned correct_mask(const Question *q)
{
    unsigned m = 0;
    for (int i = 0; i < q->nchoices; i++)
        if (q->choices[i].correct)
            m |= 1u << i;
    return m;
}

bool quiz_submit(Quiz *z)
{
    assert(quiz_can_submit(z));
    const Question *q = quiz_item(z)->q;
    bool right = z->picked == correct_mask(q);
    z->answers[z->nanswers++] = (Answer){.question_id = q->id, .picked = z->picked, .correct = right};
    z->score += right;
    z->answered = true;
    return right;
}

bool quiz_next(Quiz *z)
{
    if (!z->answered)
        return z->current < z->nitems;
    z->answered = false;
    z->picked = 0;
    z->current++;
    return z->current < z->nitems;
}

bool quiz_finished(const Quiz *z)
{
    return z->nanswers == z->nitems;
}

bool quiz_passed(const Quiz *z)
{
    return quiz_finished(z) && z->score >= quiz_pass_count(z->nitems, z->pass_percent);
}

void quiz_attempt(const Quiz *z, const char *code, bool finished, int64_t now, Attempt *out)
{
    *out = (Attempt){
        .code = code,
        .kind = z->kind,
        .measure = z->measure,
        .seed = z->seed,
        .finished = finished && quiz_finished(z),
        .score = z->score,
        .total = z->nitems,
        .pass_percent = z->pass_percent,
        .passed = finished && quiz_passed(z),
        .started = z->started,
        .ended = now,
        .answers = z->answers,
        .nanswers = z->nanswers,
    };
}
