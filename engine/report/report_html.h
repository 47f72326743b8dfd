/* report_html.h — the completion report as one self-contained HTML page to read on screen or
 * print on A4: inline CSS, inline SVG bar charts, no script, nothing fetched from the network.
 *
 * It shows what the manager's dashboard shows, with Japanese labels and English beside them:
 * the company, the date, the department (or all), the one-star verdict (whole company: the
 * president and every active person signed the current pledge), totals, completion by
 * department and by
 * measure (bar charts and tables), the overdue list, every person's figures, a person × measure
 * table (合 passed, 再 passed but the refresher is due, 読 read, 未 neither), and the record
 * chain (records verified and the head hash, so a printed report anchors the history that
 * `mamori verify` checks), and on an A4 page of its own the latest self-diagnosis as IPA's sheet
 * prints it (25 rows with the answer marked, A/B/C, the total, the band and its advice).
 *
 * What must stay true: every value from the records or the content is escaped (& < > " ' and
 * control characters; bytes that are not UTF-8 become U+FFFD), so a name can never become
 * markup; the page is valid UTF-8 and refers to nothing outside itself. */
#ifndef MAMORI_REPORT_HTML_H
#define MAMORI_REPORT_HTML_H

#include "err.h"
#include "report_model.h"

#include <stdbool.h>
#include <stdio.h>

/* Writes the page for m to out. False with e set when out could not be written. */
bool report_html(const ReportModel *m, FILE *out, Err *e);

/* The self-diagnosis sheet alone as one A4 page (the export's diagnosis.html): the header and
 * the latest company diagnosis, printed as the sheet does (report_diagnosis.h). */
bool report_html_diagnosis(const ReportModel *m, FILE *out, Err *e);

/* s escaped for HTML text and attribute values (what report_html uses for every value). */
void report_html_escape(FILE *out, const char *s);

#endif
