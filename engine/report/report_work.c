/* report_work.c — the report model and the export folder built off the frame loop (see
 * report_work.h). */
#include "report_work.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    StoreSource source;
    const Content *content; /* borrowed: lives for the process */
    ReportQuery query;
    char department[256];
    ReportModel model; /* the result */
    bool refresh;      /* build only when something was recorded since `seen`, or it is stale */
    StoreHead seen;
    bool unchanged; /* the result of a refresh that built nothing */
} ModelWork;

static bool model_run(void *arg, JobProgress *p, Err *e)
{
    ModelWork *w = arg;
    Store *s;
    if (!source_open(&w->source, false, &s, e))
        return false;
    w->query.progress = p;
    StoreHead now;
    bool ok = true;
    if (w->refresh) {
        ok = store_head(s, &now, e);
        w->unchanged = ok && store_head_same(&now, &w->seen);
    }
    if (ok && !w->unchanged)
        ok = report_model_build(s, w->content, &w->query, &w->model, e);
    store_close(s);
    return ok;
}

static void model_free(void *arg)
{
    ModelWork *w = arg;
    report_model_free(&w->model);
    free(w);
}

/* A new work for q (its department copied). */
static ModelWork *model_work(const App *app, const ReportQuery *q)
{
    ModelWork *w = xcalloc(1, sizeof *w);
    *w = (ModelWork){.source = app->source, .content = app->content, .query = *q};
    snprintf(w->department, sizeof w->department, "%s", q->department ? q->department : "");
    w->query.department = w->department;
    return w;
}

static int model_job(App *app, ModelWork *w)
{
    int id = job_start(&app->job, model_run, w, model_free);
    if (!id)
        free(w);
    return id;
}

int report_job_start(App *app, const ReportQuery *q)
{
    return model_job(app, model_work(app, q));
}

int report_job_refresh(App *app, const ReportQuery *q, const ReportModel *shown)
{
    ModelWork *w = model_work(app, q);
    w->refresh = q->now >= shown->now && q->now - shown->now <= REPORT_FRESH_S &&
                 strcmp(w->department, shown->department ? shown->department : "") == 0;
    w->seen = shown->head;
    return model_job(app, w);
}

bool report_job_take_fresh(App *app, int id, ReportModel *m, bool *unchanged, bool *ok, Err *e)
{
    ModelWork *w = job_take(&app->job, id, ok, e);
    if (!w)
        return false;
    *m = w->model;
    *unchanged = *ok && w->unchanged;
    w->model = (ReportModel){0};
    model_free(w);
    return true;
}

bool report_job_take(App *app, int id, ReportModel *m, bool *ok, Err *e)
{
    bool unchanged;
    return report_job_take_fresh(app, id, m, &unchanged, ok, e);
}

typedef struct {
    StoreSource source;
    const Content *content; /* borrowed */
    char parent[1024];
    int64_t now;
    CsvStyle csv;
    bool made; /* export_folder's answer */
    ExportResult result;
} ExportWork;

static bool export_run(void *arg, JobProgress *p, Err *e)
{
    ExportWork *w = arg;
    Store *s;
    if (!source_open(&w->source, false, &s, e))
        return false;
    w->made = export_folder_counted(s, w->content, w->parent, w->now, w->csv, p, &w->result, e);
    store_close(s);
    return w->made;
}

int export_job_start(App *app, const char *parent, int64_t now, CsvStyle csv)
{
    ExportWork *w = xcalloc(1, sizeof *w);
    *w = (ExportWork){.source = app->source, .content = app->content, .now = now, .csv = csv};
    snprintf(w->parent, sizeof w->parent, "%s", parent);
    int id = job_start(&app->job, export_run, w, free);
    if (!id)
        free(w);
    return id;
}

bool export_job_take(App *app, int id, ExportResult *r, bool *ok, Err *e)
{
    ExportWork *w = job_take(&app->job, id, ok, e);
    if (!w)
        return false;
    *r = w->result;
    free(w);
    return true;
}

typedef struct {
    StoreSource source;
    const Content *content; /* borrowed */
    char parent[1024], code[32], path[1200];
    int64_t now;
} SlipWork;

static bool slip_run(void *arg, JobProgress *p, Err *e)
{
    SlipWork *w = arg;
    Store *s;
    (void)p;
    if (!source_open(&w->source, false, &s, e))
        return false;
    bool ok = export_slip(s, w->content, w->parent, w->code, w->now, w->path, sizeof w->path, e);
    store_close(s);
    return ok;
}

int slip_job_start(App *app, const char *parent, const char *code, int64_t now)
{
    SlipWork *w = xcalloc(1, sizeof *w);
    *w = (SlipWork){.source = app->source, .content = app->content, .now = now};
    snprintf(w->parent, sizeof w->parent, "%s", parent);
    snprintf(w->code, sizeof w->code, "%s", code);
    int id = job_start(&app->job, slip_run, w, free);
    if (!id)
        free(w);
    return id;
}

bool slip_job_take(App *app, int id, char *path, size_t size, bool *ok, Err *e)
{
    SlipWork *w = job_take(&app->job, id, ok, e);
    if (!w)
        return false;
    snprintf(path, size, "%s", w->path);
    free(w);
    return true;
}
