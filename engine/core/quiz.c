/* quiz.c — drawing, shuffling and scoring with a seeded generator.
 *
 * What must stay true: the same pool, seed and last attempt give the same test (the seed is
 * recorded with the attempt, the last attempt is in the record before it); a retake takes, in
 * this order, the questions missed last time, questions not asked last time, then the others;
 * a pass is quiz_pass_count right answers, the one place the pass mark becomes a count; a test
 * resumed from its draft is the same test (questions, choice order, answers, score, start). */
#include "quiz.h"

#include <assert.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
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

/* ---- drafts: "t1 SEED PASS STARTED NITEMS NANSWERS" then " ID:ORDER" per item, " PICKED" per
 * answer (hex bits, content order). Question ids hold no spaces or colons (the loader's rule). */

static bool put(char *buf, size_t size, size_t *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *at, size - *at, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= size - *at)
        return false;
    *at += (size_t)n;
    return true;
}

static bool put_item(char *buf, size_t size, size_t *at, const QuizItem *it)
{
    if (strpbrk(it->q->id, " :") || !put(buf, size, at, " %s:", it->q->id))
        return false;
    for (int c = 0; c < it->q->nchoices; c++)
        if (!put(buf, size, at, "%d", it->order[c]))
            return false;
    return true;
}

bool quiz_draft(const Quiz *z, char *buf, size_t size)
{
    size_t at = 0;
    if (z->kind != ATTEMPT_TEST || z->nanswers == 0 || quiz_finished(z) ||
        !put(buf, size, &at, "t1 %" PRIu64 " %d %" PRId64 " %d %d", z->seed, z->pass_percent, z->started,
             z->nitems, z->nanswers))
        return false;
    for (int i = 0; i < z->nitems; i++)
        if (!put_item(buf, size, &at, &z->items[i]))
            return false;
    for (int i = 0; i < z->nanswers; i++)
        if (!put(buf, size, &at, " %x", z->answers[i].picked))
            return false;
    return true;
}

static const Question *pool_question(const Pool *pool, const char *id, size_t n)
{
    for (int i = 0; i < pool->nquestions; i++)
        if (strlen(pool->questions[i].id) == n && strncmp(pool->questions[i].id, id, n) == 0)
            return &pool->questions[i];
    return NULL;
}

/* " ID:ORDER" at *p into it; the order must be a permutation of the question's choices. */
static bool take_item(const char **p, const Pool *pool, QuizItem *it, Err *e)
{
    const char *s = *p + strspn(*p, " "), *colon = strchr(s, ':');
    if (!colon)
        return err_set(e, "the unfinished test is damaged");
    if (!(it->q = pool_question(pool, s, (size_t)(colon - s))))
        return err_set(e, "a question of the unfinished test is no longer in the pool (%.*s)",
                       (int)(colon - s), s);
    unsigned seen = 0;
    for (int c = 0; c < it->q->nchoices; c++) {
        int d = colon[1 + c] - '0';
        if (d < 0 || d >= it->q->nchoices || (seen >> d & 1u))
            return err_set(e, "the choices of question %s changed since the test was left", it->q->id);
        seen |= 1u << d;
        it->order[c] = d;
    }
    *p = colon + 1 + it->q->nchoices;
    return **p == ' ' || **p == '\0' ? true : err_set(e, "the choices of question %s changed", it->q->id);
}

static bool take_answer(const char **p, Quiz *z, int i, Err *e)
{
    char *end;
    unsigned long picked = strtoul(*p, &end, 16);
    const Question *q = z->items[i].q;
    if (end == *p || picked == 0 || picked >> q->nchoices)
        return err_set(e, "the unfinished test is damaged (answer %d)", i + 1);
    *p = end;
    bool right = picked == correct_mask(q);
    z->answers[i] = (Answer){.question_id = q->id, .picked = (unsigned)picked, .correct = right};
    z->score += right;
    return true;
}

bool quiz_resume(Quiz *z, Arena *a, const Pool *pool, const char *draft, Err *e)
{
    uint64_t seed;
    int pass, nitems, nanswers, used = 0;
    int64_t started;
    if (sscanf(draft, "t1 %" SCNu64 " %d %" SCNd64 " %d %d%n", &seed, &pass, &started, &nitems, &nanswers,
               &used) != 5 ||
        nitems < 1 || nitems > pool->nquestions || nanswers < 1 || nanswers >= nitems)
        return err_set(e, "the unfinished test is damaged");
    start(z, a, nitems, seed, started);
    z->kind = ATTEMPT_TEST;
    z->measure = pool->measure;
    z->pass_percent = pass;
    const char *p = draft + used;
    for (int i = 0; i < nitems; i++)
        if (!take_item(&p, pool, &z->items[i], e))
            return false;
    for (int i = 0; i < nanswers; i++)
        if (!take_answer(&p, z, i, e))
            return false;
    z->nanswers = z->current = nanswers;
    return *p == '\0' ? true : err_set(e, "the unfinished test is damaged");
}

bool quiz_resumable(int64_t saved, int64_t now)
{
    return saved <= now && now - saved <= QUIZ_RESUME_S;
}

bool quiz_draft_counts(const char *draft, int *nanswers, int *nitems)
{
    uint64_t seed;
    int pass;
    int64_t started;
    return sscanf(draft, "t1 %" SCNu64 " %d %" SCNd64 " %d %d", &seed, &pass, &started, nitems, nanswers) ==
           5;
}
