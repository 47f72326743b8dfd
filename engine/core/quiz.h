/* quiz.h — one comprehension test or follow-up quiz in progress (pure core).
 *
 * Questions are drawn from a pool and shuffled, and each question's choices are shuffled
 * (true/false keeps 正しい, 誤り in order), all from one recorded seed, so an attempt can be
 * replayed. The person picks (display positions), submits, sees feedback, goes on. A question
 * is right only when exactly its correct choices were picked. */
#ifndef MAMORI_QUIZ_H
#define MAMORI_QUIZ_H

#include "arena.h"
#include "content.h"
#include "store.h"

#include <stdbool.h>
#include <stdint.h>

enum { QUIZ_MAX_CHOICES = 8 };

typedef struct {
    const Question *q;           /* borrowed from the content */
    int order[QUIZ_MAX_CHOICES]; /* order[display position] = content choice index */
} QuizItem;

typedef struct {
    AttemptKind kind;
    int measure; /* 0 for a follow-up */
    uint64_t seed;
    int pass_percent;
    QuizItem *items; /* arena */
    int nitems;
    Answer *answers; /* arena, one per submitted question */
    int nanswers;
    int current;     /* index into items */
    unsigned picked; /* current selection, bit = content choice index */
    bool answered;   /* feedback is showing for the current question */
    int score;
    int64_t started;
} Quiz;

/* A comprehension test: pool->draw questions. pass_percent 0 means the pool's own. */
void quiz_start_test(Quiz *z, Arena *a, const Pool *pool, int pass_percent, uint64_t seed, int64_t now);
/* The same, drawn against the person's last attempt at this measure (store_last_test; nlast 0:
 * none, as quiz_start_test): first the questions answered wrong in it, then questions not asked
 * in it, then the rest, each group in the seed's order; the drawn questions are then shuffled
 * again, so the missed ones do not come first. Deterministic in (pool, last, seed). */
void quiz_start_retake(Quiz *z, Arena *a, const Pool *pool, int pass_percent, const LoggedAnswer *last,
                       int nlast, uint64_t seed, int64_t now);
/* How many right answers of nitems pass at pass_percent: the least k with k/nitems >= pass %
 * (5 at 80 % → 4). */
int quiz_pass_count(int nitems, int pass_percent);
/* A follow-up quiz of the given questions (already chosen by the scheduler), shuffled. */
void quiz_start_followup(Quiz *z, Arena *a, const Question *const *qs, int n, uint64_t seed, int64_t now);

const QuizItem *quiz_item(const Quiz *z); /* the current question */
/* Picks the choice at display position pos: single/truefalse select only it, multiple toggles. */
void quiz_pick(Quiz *z, int pos);
bool quiz_picked(const Quiz *z, int pos);
bool quiz_can_submit(const Quiz *z);
/* Records the answer to the current question; returns whether it was right. */
bool quiz_submit(Quiz *z);
/* Moves past the feedback to the next question; false when there is none. */
bool quiz_next(Quiz *z);
bool quiz_finished(const Quiz *z); /* every question answered */
bool quiz_passed(const Quiz *z);
/* The attempt as recorded. finished=false records it as abandoned. */
void quiz_attempt(const Quiz *z, const char *code, bool finished, int64_t now, Attempt *out);

/* ---- a test left half-done, resumed later (the store keeps the text as a TestDraft) ---- */

/* How long after leaving a test the same person may go on with it: 30 minutes. */
enum { QUIZ_RESUME_S = 30 * 60 };
/* The comprehension test in progress as one line of text: the seed, pass mark, start, the drawn
 * questions with their choice order, the answers given so far. False (nothing worth keeping)
 * for a follow-up quiz, a test with no answer yet or every answer given, or when it does not fit. */
bool quiz_draft(const Quiz *z, char *buf, size_t size);
/* Rebuilds the test from quiz_draft's text against pool, at the first question not answered,
 * with the same questions, choice order, answers and score. False when the text is damaged or
 * no longer matches the pool (the content changed): e says why, and a new test is the way on. */
bool quiz_resume(Quiz *z, Arena *a, const Pool *pool, const char *draft, Err *e);
/* How many questions a draft has answered and drew; false when it is damaged. */
bool quiz_draft_counts(const char *draft, int *nanswers, int *nitems);
/* Whether a draft kept at `saved` may still be resumed at `now`. */
bool quiz_resumable(int64_t saved, int64_t now);

#endif
