/* report.h — the completion report: who read which lesson and passed which test.
 *
 * report_json writes one JSON document for every active employee (in roster order: department,
 * kana, code), with all 25 measures each, whether or not the content has a lesson for it.
 * Times are ISO 8601 in UTC ("2025-04-01T09:30:00Z"). It is indented, one line per measure.
 * The shape:
 *
 *   {
 *     "generated": "2025-04-01T09:30:00Z",        the `now` the report was made at
 *     "content_version": "3f2a9c0d1e4b5a67",       Content.version, or null without content
 *     "employees": [
 *       {
 *         "code": "0042", "name": "山田 花子", "kana": "ヤマダ ハナコ",
 *         "department": "総務", "role": "employee",     employee | manager | president
 *         "lang": "ja",                                  ja | en
 *         "measures": {
 *           "1": {
 *             "lesson": {"read": true, "read_at": "2025-03-02T01:00:00Z", "version": 1},
 *                       (or {"read": false}; read_at and version are of the latest reading)
 *             "test": {"passed": true,        a finished test was passed
 *                      "best_score": 4,       right answers in the best finished test
 *                      "best_total": 5,       questions in that test (0 and 0 when none)
 *                      "passed_at": "2025-03-02T01:05:00Z",   first pass, or null
 *                      "attempts": 2}         finished tests (abandoned ones not counted)
 *           },
 *           "2": { ... }, ... "25": { ... }
 *         }
 *       }
 *     ],
 *     "one_star": {...},
 *     "diagnosis": {"latest": {...} or null, "history": [...]}   report_diagnosis.h
 *   }
 *
 * What must stay true: the output is valid JSON in valid UTF-8 (names are escaped by json.h);
 * a failed report returns false with a message, and what was written to out is then partial
 * (callers writing a file write to a temporary one and rename it, see cli_report). */
#ifndef MAMORI_REPORT_H
#define MAMORI_REPORT_H

#include "content.h"
#include "err.h"
#include "report_model.h"
#include "store.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* Writes the report to out. c may be NULL (content_version is then null). False with e set
 * when the records could not be read or out could not be written. */
bool report_json(Store *s, const Content *c, FILE *out, int64_t now, Err *e);
/* The same, for the active people of one department only (NULL or "": everyone). */
bool report_json_department(Store *s, const Content *c, const char *department, FILE *out, int64_t now,
                            Err *e);

/* t (Unix seconds) as "YYYY-MM-DDTHH:MM:SSZ" in buf (at least 21 bytes; years beyond 9999
 * need more, up to 32). */
void report_iso_time(int64_t t, char *buf, size_t size);

#endif
