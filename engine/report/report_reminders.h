/* report_reminders.h — reminder slips to print and hand out: one per person who is past a due
 * date or whom the one-star declaration waits for (ReportModel's late list and blockers), or for
 * one person. One self-contained HTML page (no script, nothing fetched), A4 with two slips a
 * page and a dashed line to cut between them.
 *
 * A slip is in the person's language (Employee.lang) and says: who it is for, what is due and
 * by when (the five-article course, all 25 measures, with "N days past" or "N days left"), what
 * is left (the measures not done, follow-up questions overdue, refreshers due, the pledge), about
 * how long it takes (ReportPerson.minutes_left), and how to start at the kiosk.
 *
 * What must stay true: every value from the records is escaped as in report_html; a person who
 * is neither late nor blocking gets no slip unless asked for by code. */
#ifndef MAMORI_REPORT_REMINDERS_H
#define MAMORI_REPORT_REMINDERS_H

#include "err.h"
#include "report_model.h"

#include <stdbool.h>
#include <stdio.h>

/* The slips for m (code NULL: everyone late or blocking, most late first, then the blockers; a
 * code: that person's slip, whatever their state). False with e set when out could not be
 * written or no person has that code. */
bool report_reminders(const ReportModel *m, const char *code, FILE *out, Err *e);
/* How many slips report_reminders(m, NULL, ...) writes. */
int report_reminder_count(const ReportModel *m);

#endif
