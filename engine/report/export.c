/* export.c — writing every report and the signed pledges into a new folder (see export.h). */
#include "atomic_file.h"
#include "export.h"
#include "export_cover.h"
#include "report_roster.h"
#include "report_pledges.h"
#include "files.h"
#include "private.h"
#include "report.h"
#include "report_file.h"
#include "report_html.h"
#include "report_model.h"
#include "report_reminders.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* A new folder parent/mamori-YYYYMMDD-HHMMSS (with -2, -3 ... if that exists). */
static bool make_folder(const char *parent, int64_t now, char *dir, size_t size, Err *e)
{
    time_t t = (time_t)now;
    struct tm tm;
    char stamp[32];
    localtime_r(&t, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    if (!files_writable_dir(parent, e))
        return false;
    for (int n = 1; n < 100; n++) {
        int len = n == 1 ? snprintf(dir, size, "%s/mamori-%s", parent, stamp)
                         : snprintf(dir, size, "%s/mamori-%s-%d", parent, stamp, n);
        if (len < 0 || (size_t)len >= size)
            return err_set(e, "the folder name %s is too long", parent);
        if (mkdir(dir, PRIVATE_DIR_MODE) == 0) /* 0700: it holds names and signatures */
            return true;
        if (errno != EEXIST)
            return err_set(e, "cannot make the folder %s: %s", dir, strerror(errno));
    }
    return err_set(e, "cannot make a new folder in %s: too many exports this second", parent);
}

static ExportItem *item(ExportResult *r, const char *name)
{
    ExportItem *it = &r->items[r->nitems++];
    *it = (ExportItem){.ok = true};
    snprintf(it->name, sizeof it->name, "%s", name);
    return it;
}

static void outcome(ExportResult *r, ExportItem *it, bool ok, const Err *e)
{
    it->ok = ok;
    if (!ok) {
        snprintf(it->error, sizeof it->error, "%s", e->msg);
        r->failed++;
    }
}

typedef struct {
    Store *s;
    const Content *c;
    int64_t now;
} JsonArgs;

static bool json_fn(FILE *out, const void *arg, Err *e)
{
    const JsonArgs *a = arg;
    return report_json(a->s, a->c, out, a->now, e);
}

static bool diagnosis_fn(FILE *out, const void *arg, Err *e)
{
    return report_html_diagnosis(arg, out, e);
}

/* The CSV, HTML and XLSX reports from one model (each failing alone if the model cannot be
 * built). */
static void model_reports(Store *s, const Content *c, int64_t now, CsvStyle csv, ExportResult *r)
{
    static const ReportFormat formats[] = {REPORT_CSV, REPORT_HTML, REPORT_XLSX};
    ReportModel m;
    Err e = {0};
    /* a kiosk's cache of a server is not the record: its chain is checked on the server */
    ReportQuery q = {
        .now = now, .tz_offset = report_local_offset(now), .skip_chain = store_is_cache(s), .csv = csv};
    bool built = report_model_build(s, c, &q, &m, &e);
    for (int i = 0; i < 3; i++) {
        char name[32], path[1200];
        snprintf(name, sizeof name, "report.%s", report_format_name(formats[i]));
        snprintf(path, sizeof path, "%s/%s", r->dir, name);
        Err fe = e;
        outcome(r, item(r, name), built && report_save(&m, formats[i], path, &fe), &fe);
    }
    char path[1200]; /* the self-diagnosis sheet on its own page */
    snprintf(path, sizeof path, "%s/diagnosis.html", r->dir);
    Err fe = e;
    outcome(r, item(r, "diagnosis.html"), built && atomic_write_stream(path, diagnosis_fn, &m, &fe), &fe);
    snprintf(path, sizeof path, "%s/reminders.html", r->dir); /* slips to print and hand out */
    fe = e;
    ExportItem *slips = item(r, "reminders.html");
    outcome(r, slips, built && report_save(&m, REPORT_REMINDERS, path, &fe), &fe);
    slips->count = built ? report_reminder_count(&m) : 0;
    if (built)
        report_model_free(&m);
}

enum { EXPORT_FILES = 9 }; /* the items export_files writes */

/* The files written so far into p (may be NULL). */
static void count(JobProgress *p, const ExportResult *r)
{
    if (!p)
        return;
    atomic_store(&p->total, EXPORT_FILES);
    atomic_store(&p->done, r->nitems);
}

/* Every file into r->dir (made already): reports, roster, pledges, then the cover page. */
static void export_files(Store *s, const Content *c, int64_t now, CsvStyle csv, JobProgress *p,
                         ExportResult *r)
{
    char path[1200];
    Err fe = {0};
    JsonArgs ja = {s, c, now};
    count(p, r);
    snprintf(path, sizeof path, "%s/report.json", r->dir);
    outcome(r, item(r, "report.json"), atomic_write_stream(path, json_fn, &ja, &fe), &fe);
    count(p, r);
    model_reports(s, c, now, csv, r);
    count(p, r);
    snprintf(path, sizeof path, "%s/roster.csv", r->dir);
    fe = (Err){0};
    outcome(r, item(r, "roster.csv"), report_roster_save(s, path, csv, NULL, &fe), &fe);
    count(p, r);
    ExportItem *it = item(r, "pledges/");
    snprintf(path, sizeof path, "%s/pledges", r->dir);
    fe = (Err){0};
    outcome(r, it, pledges_export(s, path, NULL, c->pledge ? c->pledge->version : 0, now, &it->count, &fe),
            &fe);
    count(p, r);
    ExportResult before = *r; /* the cover describes the files above */
    fe = (Err){0};
    outcome(r, item(r, "index.html"), export_cover(s, c, &before, now, r, &fe), &fe);
    count(p, r);
}

bool export_folder(Store *s, const Content *c, const char *parent, int64_t now, CsvStyle csv, ExportResult *r,
                   Err *e)
{
    return export_folder_counted(s, c, parent, now, csv, NULL, r, e);
}

bool export_folder_counted(Store *s, const Content *c, const char *parent, int64_t now, CsvStyle csv,
                           JobProgress *p, ExportResult *r, Err *e)
{
    *r = (ExportResult){0};
    if (!make_folder(parent, now, r->dir, sizeof r->dir, e))
        return false;
    export_files(s, c, now, csv, p, r);
    return true;
}

/* True when dir has nothing in it (or does not exist). */
static bool dir_empty(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *ent;
    bool empty = true;
    while (d && empty && (ent = readdir(d)))
        empty = strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0;
    if (d)
        closedir(d);
    return empty;
}

bool export_into(Store *s, const Content *c, const char *dir, int64_t now, CsvStyle csv, ExportResult *r,
                 Err *e)
{
    *r = (ExportResult){0};
    if (strlen(dir) >= sizeof r->dir)
        return err_set(e, "the folder name %s is too long", dir);
    if (!dir_empty(dir))
        return err_set(e, "%s is not empty; an export goes into a new or empty folder (it never overwrites)",
                       dir);
    if (!atomic_make_dir(dir, e))
        return false;
    snprintf(r->dir, sizeof r->dir, "%s", dir);
    export_files(s, c, now, csv, NULL, r);
    return true;
}
