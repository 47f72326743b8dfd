/* followup.h — the follow-up scheduler: which questions a person should see again, and when.
 *
 * For one person, every question of the content has an FSRS card (fsrs.h) made only from that
 * person's recorded answers, comprehension tests and follow-ups alike: right is GOOD, wrong is
 * AGAIN. The cards are never stored; followup_build replays the answer log from the store, so
 * they are rebuilt exactly from the event log and cannot drift from it. What must stay true:
 *   - the same content, log and parameters give the same cards, bit for bit;
 *   - nothing here reads the clock: `now` is a parameter (Unix seconds);
 *   - a follow-up quiz holds only due questions, each at most once.
 * Periodic refreshers are separate and simpler: a measure's test expires a set number of
 * calendar months after the person last passed it. See docs/followup.md for the model. */
#ifndef MAMORI_FOLLOWUP_H
#define MAMORI_FOLLOWUP_H

#include "arena.h"
#include "content.h"
#include "fsrs.h"
#include "store.h"

#include <stdbool.h>
#include <stdint.h>

/* Defaults of the two settings: questions per follow-up quiz, months before a refresher. */
enum { FOLLOWUP_DEFAULT_LENGTH = 5, FOLLOWUP_DEFAULT_REFRESHER_MONTHS = 12 };

typedef struct {
    const Question *question; /* borrowed from the Content */
    FsrsCard card;            /* card.reps == 0: the person never answered it */
    bool last_correct;        /* the last answer was right (meaningless while reps == 0) */
} FollowupItem;

/* A slot of Followup.by_id: an item and its id's hash, compared before the ids themselves (a
 * replay looks an id up for every answer, and most slots it passes hold another id). */
typedef struct {
    FollowupItem *item; /* NULL: an empty slot */
    unsigned hash;
} FollowupSlot;

typedef struct {
    const Fsrs *fsrs;    /* borrowed */
    FollowupItem *items; /* arena: every question of the content, by measure, in pool order */
    int nitems;
    FollowupSlot *by_id; /* arena: the same items hashed by question id (open addressing) */
    unsigned id_mask;    /* by_id has id_mask + 1 slots, a power of two above twice nitems */
    int nanswers;        /* answers applied */
    int nunknown;        /* answers about questions no longer in the content: skipped */
} Followup;

/* The scheduler the kiosk uses: FSRS-6 default weights, retention 0.9, maximum 36500 days,
 * long-term (every interval in days, no learning steps in minutes), UTC days. */
FsrsParams followup_params(void);

/* Makes f for content c and replays log[0..nlog) in its order (the store gives it oldest
 * first). Everything lives in a (the caller frees it) or is borrowed: c and fsrs must outlive f. */
void followup_build(Followup *f, const Content *c, const Fsrs *fsrs, const LoggedAnswer *log, int nlog,
                    Arena *a);

/* f as followup_build(f, c, fsrs, log, nlog) makes it, from f already built for c and fsrs:
 * every card new again, then log replayed. One Followup serves person after person. */
void followup_replay(Followup *f, const LoggedAnswer *log, int nlog);

/* One more answer, as recording it would add it to the log. False (and counted in nunknown)
 * when the question is not in the content. */
bool followup_apply(Followup *f, const char *question_id, bool correct, int64_t time);

/* The item of a question, or NULL when the content has no such question. */
const FollowupItem *followup_find(const Followup *f, const char *question_id);

/* True when the person answered the question and its due time is not after now. */
bool followup_is_due(const FollowupItem *it, int64_t now);

/* The questions due at now, best first: those answered wrong last time, then those answered
 * right; within each, the most overdue first (ties: by measure, then id). Writes the first
 * min(count, cap) to out (out may be NULL when cap is 0) and returns the count of all due. */
int followup_due(const Followup *f, int64_t now, const FollowupItem **out, int cap);

/* A follow-up quiz: up to `length` distinct due questions into out (room for length), spread
 * over measures: rounds that each take the best remaining due question of every measure, the
 * measures in the order of those questions. Returns how many were picked (0 when none due). */
int followup_pick(const Followup *f, int64_t now, const FollowupItem **out, int length);

/* The earliest due time after now among answered questions ("next follow-up on ..."), or 0
 * when there is none. */
int64_t followup_next_due(const Followup *f, int64_t now);

/* When a measure passed at last_passed_at needs its refresher: `months` calendar months later
 * (UTC; the 31st becomes the month's last day). 0 when never passed (0) or months <= 0 (off). */
int64_t followup_refresher_due(int64_t last_passed_at, int months);

/* True when that moment has come: the measure's test counts as expired and is due again. */
bool followup_measure_expired(int64_t last_passed_at, int64_t now, int refresher_months);

#endif
