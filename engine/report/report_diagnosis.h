/* report_diagnosis.h — the company's self-diagnosis (自社診断) as people read it: JSON (for
 * `mamori diagnosis show --format json` and the "diagnosis" object of `report --format json`),
 * plain text, and the printed sheet in the HTML report.
 *
 * One diagnosis in JSON (times in UTC; points per the sheet, so 4 / 2 / 0 / -1):
 *   {"taken_at": "2025-11-24T16:00:00Z", "by": "0001", "content_version": "…", "score": 62,
 *    "band": {"min": 50, "max": 69},
 *    "subtotals": {"yes": 56, "partly": 10, "unknown": -4},
 *    "items": {"1": {"answer": "yes", "points": 4}, … "25": {…}}}
 * The report's object: {"latest": <one diagnosis> or null, "history": [{"taken_at", "by",
 * "score", "band"}, … oldest first]}.
 *
 * What must stay true: every figure comes from diag_score (core/diagnosis.h); nothing here adds
 * points itself. */
#ifndef MAMORI_REPORT_DIAGNOSIS_H
#define MAMORI_REPORT_DIAGNOSIS_H

#include "diagnosis.h"
#include "json.h"
#include "store.h"

#include <stdbool.h>
#include <stdio.h>

/* One company diagnosis as the object above. */
void report_diag_json(Json *j, const DiagSheet *sh, const DiagRecord *d);
/* The history entry: taken_at, by, score, band. */
void report_diag_json_brief(Json *j, const DiagSheet *sh, const DiagRecord *d);
/* The report's "diagnosis" value for these company diagnoses (oldest first; n may be 0). */
void report_diag_json_section(Json *j, const DiagSheet *sh, const DiagRecord *rows, int n);

/* One diagnosis as text for a terminal: date, who, score, band and advice, A/B/C, then the 25
 * items with their answer and points. */
void report_diag_text(FILE *f, const DiagSheet *sh, const DiagRecord *d, Lang lang);

/* The printed sheet on its own A4 page (a <section class="diagnosis">): 25 rows with the
 * answer marked, A/B/C, the total, the band and its advice; or a line saying none was done.
 * date is the diagnosis date as the report shows dates. Every text is HTML-escaped. */
void report_diag_html(FILE *f, const DiagSheet *sh, const DiagRecord *d, const char *date);

#endif
