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
 * `mamori verify` checks).
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

/* s escaped for HTML text and attribute values (what report_html uses for every value). */
void report_html_escape(FILE *out, const char *s);

#endif
