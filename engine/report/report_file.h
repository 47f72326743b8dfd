/* report_file.h — report formats by name, and a report file in any format, whole or not at all
 * (base/atomic_file.h): what `mamori report --out` and the manager's export at the kiosk call.
 *
 * A file is written as a temporary file beside its final name (NAME.tmp-XXXXXX, mode 0666 less
 * the umask), flushed to disk (fsync), then renamed over NAME, and the directory is synced. On
 * any failure the temporary file is removed and NAME is left as it was. Errors read
 * "cannot write NAME: reason" (or the writer's own message). */
#ifndef MAMORI_REPORT_FILE_H
#define MAMORI_REPORT_FILE_H

#include "err.h"
#include "report_model.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* REPORT_ITEMS: the item statistics (report_items.h), CSV or JSON by the file's extension;
 * REPORT_REMINDERS: the reminder slips (report_reminders.h), HTML. */
typedef enum {
    REPORT_JSON,
    REPORT_CSV,
    REPORT_HTML,
    REPORT_XLSX,
    REPORT_ITEMS,
    REPORT_REMINDERS
} ReportFormat;

/* "json", "csv", "html", "xlsx", "items", "reminders" (exact); false for anything else. */
bool report_format_parse(const char *name, ReportFormat *f);
/* The format's name (for all but items and reminders also its file extension). */
const char *report_format_name(ReportFormat f);

/* The machine's local offset from UTC at t in seconds east (JST: 32400): for ReportQuery's
 * tz_offset, read at the edge (CLI, kiosk) from the TZ setting. */
int report_local_offset(int64_t t);

/* Writes m to path in format f (CSV, HTML, XLSX or the item statistics; JSON is made from the
 * store, see report.h and report_file_stream), whole or not at all. */
bool report_save(const ReportModel *m, ReportFormat f, const char *path, Err *e);

#endif
