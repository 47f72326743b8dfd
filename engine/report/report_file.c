/* report_file.c — report formats by name, and a report written in any format whole or not at all
 * (through atomic_file). */
#include "report_file.h"
#include "report_csv.h"
#include "report_html.h"
#include "report_items.h"
#include "report_reminders.h"
#include "report_xlsx.h"
#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *const FORMAT_NAMES[] = {"json", "csv", "html", "xlsx", "items", "reminders"};

bool report_format_parse(const char *name, ReportFormat *f)
{
    for (int i = 0; name && i < (int)(sizeof FORMAT_NAMES / sizeof *FORMAT_NAMES); i++)
        if (strcmp(name, FORMAT_NAMES[i]) == 0) {
            *f = (ReportFormat)i;
            return true;
        }
    return false;
}

const char *report_format_name(ReportFormat f)
{
    return FORMAT_NAMES[f];
}

int report_local_offset(int64_t t)
{
    time_t tt = (time_t)t;
    struct tm lt, ut;
    tzset();
    if (!localtime_r(&tt, &lt) || !gmtime_r(&tt, &ut))
        return 0;
    int days = lt.tm_year != ut.tm_year ? (lt.tm_year > ut.tm_year ? 1 : -1) : lt.tm_yday - ut.tm_yday;
    return days * 86400 + (lt.tm_hour - ut.tm_hour) * 3600 + (lt.tm_min - ut.tm_min) * 60 +
           (lt.tm_sec - ut.tm_sec);
}

/* ---- any format ---- */

static bool csv_fn(FILE *out, const void *m, Err *e)
{
    return report_csv(m, out, e);
}

static bool html_fn(FILE *out, const void *m, Err *e)
{
    return report_html(m, out, e);
}

static bool reminders_fn(FILE *out, const void *m, Err *e)
{
    return report_reminders(m, NULL, out, e);
}

bool report_save(const ReportModel *m, ReportFormat f, const char *path, Err *e)
{
    switch (f) {
    case REPORT_CSV:
        return atomic_write_stream(path, csv_fn, m, e);
    case REPORT_HTML:
        return atomic_write_stream(path, html_fn, m, e);
    case REPORT_XLSX:
        return report_xlsx(m, path, e);
    case REPORT_ITEMS:
        return items_save(&m->items, path, e);
    case REPORT_REMINDERS:
        return atomic_write_stream(path, reminders_fn, m, e);
    case REPORT_JSON:
        break;
    }
    return err_set(e,
                   "cannot write %s: the JSON report is made from the records"
                   " (report_json_department)",
                   path);
}
