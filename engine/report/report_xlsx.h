/* report_xlsx.h — the completion report as an Excel workbook (libxlsxwriter), the file a
 * Japanese office opens.
 *
 * Sheets, in order: 概要 Summary (date, company, department, totals, one-star verdict, record
 * chain), 社員 People
 * (one row per person: figures, then one column per measure), 対策 Measures, 部署 Departments,
 * 期限超過 Overdue (most late first). Headers are Japanese with English beneath.
 *
 * What must stay true: employee codes are text cells (leading zeros kept); dates are real dates
 * (a date number format, in the model's local time); a measure cell is a date shown as
 * "合 YYYY-MM-DD" (passed) or "読 YYYY-MM-DD" (read), or the text 未; a pledge cell likewise
 * "署名 YYYY-MM-DD" (current version), "旧版 YYYY-MM-DD" (older only) or 未署名; shares are numbers shown as
 * percentages; each data sheet has a frozen header row and column widths fitted to the text;
 * text that is not UTF-8 is repaired (U+FFFD) and control characters become spaces, so the XML
 * inside is always valid. The file appears whole or not at all (report_file.h). */
#ifndef MAMORI_REPORT_XLSX_H
#define MAMORI_REPORT_XLSX_H

#include "err.h"
#include "report_model.h"

#include <stdbool.h>

/* Writes m to path (a temporary file beside it, renamed into place). False with e set when the
 * file could not be written. */
bool report_xlsx(const ReportModel *m, const char *path, Err *e);
/* The same for a model built with ReportQuery.chain_later: the other sheets are written while
 * the chain is still being checked, the summary (which shows it) once it is done; m->chain holds
 * the result afterwards. The workbook is the one report_xlsx writes. False with e also when the
 * chain could not be read; the check may then still run (report_model_free waits for it). */
bool report_xlsx_chain_last(ReportModel *m, const char *path, Err *e);

#endif
