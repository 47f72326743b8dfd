/* report_work.h — the report model and the export folder as jobs (job.h), for the kiosk's
 * screens: the work opens a read-only connection of its own to the record, so the frame loop
 * goes on drawing (with the progress) while thousands of people are read.
 *
 * Use: report_job_start on a frame; each later frame report_job_take until it says the work
 * has ended, then the model is the screen's (report_model_free). A screen that leaves first
 * calls job_cancel(&app->job, id): the building stops at its next step. */
#ifndef MAMORI_REPORT_WORK_H
#define MAMORI_REPORT_WORK_H

#include "app.h"
#include "export.h"
#include "export_slip.h"
#include "report_model.h"

/* How old (seconds) a model the manager's screens show without reading it again may be: one
 * read while the PIN was typed, or the dashboard's own when a screen opened from it returns with
 * nothing recorded meanwhile. */
enum { REPORT_FRESH_S = 60 };

/* Starts building the model for q (its department copied; q->progress is the job's). Returns
 * the job id, or 0 when another job has not ended yet (try again on a later frame). */
int report_job_start(App *app, const ReportQuery *q);
/* Job id has ended: true, with *m the model (the caller's now) or, when building failed, *m
 * empty and e set (*ok false). False while it runs. */
bool report_job_take(App *app, int id, ReportModel *m, bool *ok, Err *e);

/* The same for a screen that shows the model `shown` (borrowed) and comes back to it: the job
 * first reads the record's head, and when nothing was recorded since shown->head and shown is
 * at most REPORT_FRESH_S old at q->now (same department), it builds nothing (its progress stays
 * at step 0). */
int report_job_refresh(App *app, const ReportQuery *q, const ReportModel *shown);
/* report_job_take for either job: *unchanged true when a refresh found the shown model still
 * holds (*m empty then). */
bool report_job_take_fresh(App *app, int id, ReportModel *m, bool *unchanged, bool *ok, Err *e);

/* Starts export_folder into a new folder in parent (copied) at now. The export goes on to its
 * end even when its screen leaves (an export folder is never left half-written). */
int export_job_start(App *app, const char *parent, int64_t now, CsvStyle csv);
/* Job id has ended: true, with *r its outcome and *ok export_folder's answer (false: e says
 * why). */
bool export_job_take(App *app, int id, ExportResult *r, bool *ok, Err *e);

/* Starts export_slip: code's reminder slip into parent (both copied) at now. */
int slip_job_start(App *app, const char *parent, const char *code, int64_t now);
/* Job id has ended: true, with path (size bytes) the file written and *ok export_slip's answer
 * (false: e says why). */
bool slip_job_take(App *app, int id, char *path, size_t size, bool *ok, Err *e);

#endif
