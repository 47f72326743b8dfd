/* report_csv.h — the completion report as CSV for Excel: one row per person.
 *
 * The file opens correctly in Japanese Excel: UTF-8 with a byte order mark, CRLF line ends,
 * RFC 4180 quoting (a cell holding , " CR or LF is quoted, " doubled). Columns:
 *
 *   code, name, kana, department, role,
 *   pledge          署名 YYYY-MM-DD   signed the current pledge
 *                   旧版 YYYY-MM-DD   signed an earlier version only (the latest signing)
 *                   未                never signed
 *   m1 … m25        one per measure, the person's state:
 *                     合 YYYY-MM-DD   passed the test (the first pass)
 *                     読 YYYY-MM-DD   read the lesson (the latest reading), test not passed
 *                     未              neither
 *   lessons_read, tests_passed          of the 25 (progress.h)
 *   followups_due, followups_overdue    follow-up questions due now / overdue
 *   refreshers_due                      measures whose refresher is due or overdue
 *   last_activity                       YYYY-MM-DD, empty when never
 *
 * Dates are local (ReportModel.tz_offset). The company's one-star verdict is not a person's
 * figure, so it is not in the CSV (the HTML and XLSX reports show it).
 *
 * What must stay true: no cell can run as a formula — a cell starting with = + - @ (or their
 * full-width forms ＝ ＋ － ＠), a tab or a CR gets a ' in front; every byte that is not UTF-8
 * becomes U+FFFD. */
#ifndef MAMORI_REPORT_CSV_H
#define MAMORI_REPORT_CSV_H

#include "err.h"
#include "report_model.h"

#include <stdbool.h>
#include <stdio.h>

/* Writes m to out. False with e set when out could not be written (then out holds part). */
bool report_csv(const ReportModel *m, FILE *out, Err *e);

/* One cell as report_csv writes it (formula guard, quoting), without a separator. */
void report_csv_cell(FILE *out, const char *s);

#endif
