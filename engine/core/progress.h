/* progress.h — one person's training state, as the kiosk's Home, the manager's dashboard and
 * every report show it, computed in one place from the records (pure core, no SDL).
 *
 * Definitions that every view shares:
 *   - a measure is passed once a finished test was passed; its refresher is due
 *     `refresher_months` after the latest pass, and overdue 30 days after that;
 *   - a follow-up question is due when the scheduler (followup.h) says so, and overdue when it
 *     has been due for more than 7 days. */
#ifndef MAMORI_PROGRESS_H
#define MAMORI_PROGRESS_H

#include "content.h"
#include "fsrs.h"
#include "store.h"

#include <stdbool.h>
#include <stdint.h>

enum { PROGRESS_OVERDUE_DAYS = 30, FOLLOWUP_OVERDUE_DAYS = 7 };

typedef enum { REFRESH_NONE, REFRESH_DUE, REFRESH_OVERDUE } RefreshState;

typedef struct {
    MeasureStatus measures[MEASURES];
    RefreshState refresh[MEASURES];     /* for passed measures */
    int64_t refresh_at[MEASURES];       /* when the refresher is (or was) due; 0 = not passed */
    int lessons_read, tests_passed;     /* of the 25 */
    int refreshers_due;                 /* measures due or overdue again */
    int followup_due, followup_overdue; /* questions */
    int64_t followup_first_due;         /* the earliest due time of a question due now, 0 = none */
    int64_t next_followup;              /* the next due question after now, 0 = none */
    int64_t last_followup, last_activity;
    PledgeStatus pledge; /* against the content's pledge version (0 without one) */
} Progress;

/* Fills p for the person with this code at `now`. */
bool progress_of(Store *s, const Content *c, const Fsrs *fsrs, const char *code, int refresher_months,
                 int64_t now, Progress *p, Err *e);

/* One person for progress_of_each: their code and where their Progress goes (both borrowed). */
typedef struct {
    const char *code;
    Progress *progress;
} ProgressOf;

/* progress_of for each of people[0..n) (distinct codes), the same figures, read with a few
 * questions to the database whatever n is (store_each_*): what a report over everyone uses.
 * Reorders people (by code). */
bool progress_of_each(Store *s, const Content *c, const Fsrs *fsrs, int refresher_months, int64_t now,
                      ProgressOf *people, int n, Err *e);

#endif
