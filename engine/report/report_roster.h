/* report_roster.h — the roster as a CSV file Excel opens: `mamori employees list --format csv`
 * and the roster screen's export write it through here.
 *
 * UTF-8 with a byte order mark, CRLF line ends, the columns code,name,kana,department,department_kana,
 * role,lang
 * (and active with --all: yes/no), each cell through report_csv_cell (quoted when needed; a cell
 * that Excel would run as a formula gets a ' in front, which the roster import drops again).
 * What must stay true: what this writes imports back (roster.h) to the same people. */
#ifndef MAMORI_REPORT_ROSTER_H
#define MAMORI_REPORT_ROSTER_H

#include "err.h"
#include "report_model.h"
#include "store.h"

#include <stdbool.h>
#include <stdio.h>

/* Writes n people to out; with_active adds the active column. With a CSV_PEOPLE style (the
 * kiosk's), codes are kept as text (="0001") and, for CSV_PEOPLE_JA, the columns and values are
 * Japanese (社員番号,氏名,フリガナ,部署,部署よみ,役割,言語,有効; 社員/管理者/社長, 日本語/英語, はい/いいえ):
 * the import reads both back. */
void report_roster_csv(FILE *out, const Employee *people, int n, bool with_active, CsvStyle style);

/* The roster as path (atomic: appears whole or not at all): every person, active or not,
 * with the active column. False with e set when it could not be read or written. */
bool report_roster_save(Store *s, const char *path, CsvStyle style, int *count, Err *e);

#endif
