/* export.h — the manager's "export to a folder" at the kiosk (e.g. a USB stick): a new folder
 * named mamori-YYYYMMDD-HHMMSS (local time) inside the folder chosen, holding the completion
 * report in every format (report.json, report.csv, report.html, report.xlsx), the roster for
 * Excel (roster.csv, report_roster.h), the folder pledges/ with every signed pledge as a
 * print-ready page and its index (report_pledges.h), and last index.html, the cover page
 * (export_cover.h: the verdict, the files with their SHA-256, a full verify run now). Pure core:
 * the screen and `mamori export` only show what this did.
 *
 * What must stay true: an export never overwrites anything (the folder is new); each file
 * appears whole or not at all (report_file.h); one file failing does not stop the others, and
 * each outcome is reported with its reason. */
#ifndef MAMORI_EXPORT_H
#define MAMORI_EXPORT_H

#include "content.h"
#include "report_model.h"
#include "err.h"
#include "job.h"
#include "store.h"

#include <stdbool.h>
#include <stdint.h>

enum { EXPORT_MAX_ITEMS = 10 };

typedef struct {
    char name[64]; /* the file (or folder, ending in '/') name inside the export folder */
    bool ok;
    int count;       /* a folder: the pledge pages written in it; reminders.html: its slips */
    char error[512]; /* when !ok: why */
} ExportItem;

typedef struct {
    char dir[1024]; /* the folder made */
    ExportItem items[EXPORT_MAX_ITEMS];
    int nitems;
    int failed;            /* items not written */
    bool record_ok;        /* the full verify run for the cover page found the record intact */
    bool record_broken;    /* it found a record edited, cut or forged (not merely unreadable) */
    int64_t records;       /* events in the record then */
    char head[65];         /* its head hash ("" when empty) */
    char record_note[512]; /* when !record_ok: what verify said */
} ExportResult;

/* Writes everything into a new folder inside parent at `now`. False with e set only when the
 * folder itself could not be made (parent missing, read-only, full); else true with every
 * item's outcome in r (r->failed says whether all went well). c may not be NULL. */
bool export_folder(Store *s, const Content *c, const char *parent, int64_t now, CsvStyle csv, ExportResult *r,
                   Err *e);

/* The same, counting the files written in p (done of total; may be NULL) for a screen that shows
 * it. It is not stopped by p->cancel: an export folder is never left half-written. */
bool export_folder_counted(Store *s, const Content *c, const char *parent, int64_t now, CsvStyle csv,
                           JobProgress *p, ExportResult *r, Err *e);

/* The same into dir itself (`mamori export --out DIR`): made when missing (not its parents);
 * refused when it holds anything already. */
bool export_into(Store *s, const Content *c, const char *dir, int64_t now, CsvStyle csv, ExportResult *r,
                 Err *e);

#endif
