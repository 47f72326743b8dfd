/* report_csv.h — the completion report as CSV for Excel: one row per person.
 *
 * The file opens correctly in Japanese Excel: UTF-8 with a byte order mark, CRLF line ends,
 * RFC 4180 quoting (a cell holding , " CR or LF is quoted, " doubled). Columns:
 *
 *   code, name, kana, department, role,
 *   pledge          署名 YYYY-MM-DD   signed the current pledge
 *                   旧版 YYYY-MM-DD   signed an earlier version only (the latest signing)
 *                   未署名            never signed
 *   m1 … m25        one per measure, the person's state:
 *                     合 YYYY-MM-DD   passed the test (the first pass)
 *                     読 YYYY-MM-DD   read the lesson (the latest reading), test not passed
 *                     未              neither
 *   lessons_read, tests_passed          of the 25 (progress.h)
 *   followups_due, followups_overdue    follow-up questions due now / overdue
 *   refreshers_due                      measures whose refresher is due or overdue
 *   last_activity                       YYYY-MM-DD, empty when never
 *   includes sample people              only when sample people (demo.h) are in the report:
 *                                       "sample" in their rows, empty in the others
 *
 * With ReportModel.csv CSV_PEOPLE_JA (the kiosk's export in Japanese) the columns are named in
 * Japanese (社員番号, 氏名, フリガナ, 部署, 役割, 宣言書, 対策1 … 対策25, 既読レッスン数, 合格テスト数,
 * フォローアップ期限, フォローアップ遅れ, 復習期限, 最終活動日) and roles are 社員 / 管理者 / 社長;
 * with either CSV_PEOPLE style codes are kept as text (report_csv_code). With CSV_PEOPLE_EN the
 * states are English words (passed / read / not started; signed / old version / not signed); the
 * command line's CSV_PLAIN keeps the Japanese words above. In Japanese the sample column is
 * 見本の人を含みます and its cells 見本.
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

/* A code as a cell Excel keeps as text: ="0001" (Excel would read 0001 as 1 and 1-2 as a date).
 * Only for codes of digits, letters and '-' (nothing to escape, nothing a formula could do);
 * any other code is an ordinary cell. The roster import reads ="0001" back as 0001. */
void report_csv_code(FILE *out, const char *code);

/* The role as a CSV for this style says it: employee / 社員, ... */
const char *report_csv_role(CsvStyle style, Role r);

#endif
