/* fsrs.h — the FSRS-6 memory model and the scheduler of ts-fsrs, its reference implementation.
 *
 * A card is what one person remembers of one question: a stability (days until recall falls to
 * 90%), a difficulty (1–10), a state and a due time. fsrs_review turns a card and one graded
 * review into the next card; nothing else changes a card, so replaying the same reviews always
 * gives the same card. What must stay true:
 *   - the numbers are those of ts-fsrs 5.x (FSRS-6, fuzz off), rounding included: the tests
 *     compare every review against fixtures generated with it (tests/fixtures/fsrs/);
 *   - no state outside the arguments: time comes in as `now`, Unix seconds;
 *   - elapsed days count calendar days (UTC shifted by FsrsParams.day_offset), as ts-fsrs does.
 * Two schedulers, as in ts-fsrs: `short_term` (its default: learning steps in minutes and a
 * same-day stability rule) and long-term (enable_short_term: false: every interval in days). */
#ifndef MAMORI_FSRS_H
#define MAMORI_FSRS_H

#include "err.h"

#include <stdbool.h>
#include <stdint.h>

enum { FSRS_NPARAMS = 21, FSRS_MAX_STEPS = 8 };

/* The grade of one review; pass/fail grading uses only AGAIN (wrong) and GOOD (right). */
typedef enum { FSRS_AGAIN = 1, FSRS_HARD = 2, FSRS_GOOD = 3, FSRS_EASY = 4 } FsrsGrade;

/* The values are those of ts-fsrs's State. */
typedef enum { FSRS_NEW, FSRS_LEARNING, FSRS_REVIEW, FSRS_RELEARNING } FsrsState;

typedef struct {
    double w[FSRS_NPARAMS];             /* model weights; w[20] is the FSRS-6 decay */
    double request_retention;           /* 0 < r <= 1: the recall probability intervals aim for */
    int maximum_interval;               /* days, >= 1 */
    bool short_term;                    /* true: learning steps (ts-fsrs default); false: long-term */
    int learning_steps[FSRS_MAX_STEPS]; /* minutes, >= 0; used only when short_term */
    int nlearning_steps;
    int relearning_steps[FSRS_MAX_STEPS]; /* minutes, >= 0; used only when short_term */
    int nrelearning_steps;
    int day_offset; /* seconds east of UTC where calendar days are counted; 0 = UTC */
} FsrsParams;

/* ts-fsrs's defaults: the published FSRS-6 weights, retention 0.9, maximum 36500 days,
 * short_term with learning steps 1m 10m and relearning step 10m, UTC days. */
FsrsParams fsrs_default_params(void);

/* A checked set of parameters and the constants derived from them. Plain value, no heap. */
typedef struct {
    FsrsParams p;                          /* weights clipped to the ranges ts-fsrs allows */
    double decay;                          /* -w[20] */
    double factor;                         /* 0.9^(1/decay) - 1 */
    double modifier;                       /* interval = stability * modifier, for request_retention */
    double init_difficulty[FSRS_EASY + 1]; /* a new card's difficulty after each grade, unclamped */
    double recall_scale;                   /* exp(w[8]), in every recall's stability growth */
    double lapse_divisor;                  /* exp(w[17] * w[18]) short-term, 1 long-term (AGAIN) */
} Fsrs;

/* Checks p and fills f. Fails (Err says which field) on a non-finite weight, a retention
 * outside (0, 1], a maximum interval below 1, a step count outside 0..FSRS_MAX_STEPS or a
 * negative step. Weights out of range are clipped, as ts-fsrs does. */
bool fsrs_init(Fsrs *f, const FsrsParams *p, Err *e);

typedef struct {
    FsrsState state;
    double stability;    /* days; 0 while new */
    double difficulty;   /* 1–10; 0 while new */
    int step;            /* index into the (re)learning steps; 0 in review */
    int scheduled_days;  /* the interval given at the last review (0 for a step in minutes) */
    int reps, lapses;    /* reviews, and AGAIN given to a card in review */
    int64_t last_review; /* Unix seconds; meaningless while new */
    int64_t due;         /* Unix seconds */
} FsrsCard;

/* A card never reviewed, due at now. */
FsrsCard fsrs_card_new(int64_t now);

/* The card after one review at now with grade g (1–4). A now before the last review (a clock set
 * back) counts as the same day: ts-fsrs would refuse it, but a recorded log must always replay. */
FsrsCard fsrs_review(const Fsrs *f, const FsrsCard *c, int64_t now, FsrsGrade g);

/* The probability of recall at now (0 for a new card), as ts-fsrs get_retrievability. */
double fsrs_retrievability(const Fsrs *f, const FsrsCard *c, int64_t now);

/* Whole calendar days from `from` to `to` (negative when to is earlier). */
int fsrs_days_between(const Fsrs *f, int64_t from, int64_t to);

#endif
