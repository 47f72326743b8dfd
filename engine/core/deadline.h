/* deadline.h — when a person's training is due, from the manager's settings (pure core).
 *
 * Two courses have a deadline: the five-article course (the lessons and tests of the measures
 * that carry the five articles of SECURITY ACTION's one star) and all 25 measures. Each has two
 * settings: a date (five_due_date / all_due_date, YYYY-MM-DD) and a number of days after joining
 * (five_due_days / all_due_days). Joining is when the person was added to the roster (the time of
 * their first record, Employee.added).
 *
 * What must stay true: a person added on or before the date is due on the date; a person added
 * after it (or when no date is set) is due the given number of days after joining; with neither
 * there is no deadline (0). A course is due at the end of its due day (local time), so a person
 * is late from the next day on, and the days late count whole days from then (the first day
 * late is day 1). */
#ifndef MAMORI_DEADLINE_H
#define MAMORI_DEADLINE_H

#include "err.h"
#include "store.h"

#include <stdbool.h>
#include <stdint.h>

enum { DEADLINE_FIVE_DAYS = 30, DEADLINE_ALL_DAYS = 90 }; /* the defaults of the day settings */

typedef struct {
    int days;         /* days after joining; 0 = none */
    int64_t date_day; /* the date as days since 1970-01-01; -1 = none */
} DueRule;

typedef struct {
    DueRule five, all;
} Deadlines;

/* The settings as they stand (defaults for those unset or unreadable). */
bool deadlines_load(Store *s, Deadlines *out, Err *e);
/* The moment (Unix seconds) the course is due for someone added at `added`, as a day in the
 * time zone tz_offset (seconds east of UTC) ends; 0 = no deadline. */
int64_t deadline_due(const DueRule *r, int64_t added, int tz_offset);
/* Whole days late at now for a course due at due (0 when not late or no deadline). */
int deadline_days_late(int64_t due, int64_t now);

#endif
