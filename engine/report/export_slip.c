/* export_slip.c — one person's reminder slip as a new file (see export_slip.h). */
#include "export_slip.h"
#include "atomic_file.h"
#include "files.h"
#include "report_file.h"
#include "report_model.h"
#include "report_reminders.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

/* A name in parent no file has yet: mamori-slip-CODE-YYYYMMDD-HHMMSS(-N).html. */
static bool free_name(const char *parent, const char *code, int64_t now, char *path, size_t size, Err *e)
{
    time_t t = (time_t)now;
    struct tm tm;
    char stamp[32];
    localtime_r(&t, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    for (int n = 1; n < 100; n++) {
        int len = n == 1 ? snprintf(path, size, "%s/mamori-slip-%s-%s.html", parent, code, stamp)
                         : snprintf(path, size, "%s/mamori-slip-%s-%s-%d.html", parent, code, stamp, n);
        if (len < 0 || (size_t)len >= size)
            return err_set(e, "the folder name %s is too long", parent);
        if (access(path, F_OK) != 0)
            return true;
    }
    return err_set(e, "cannot name a new file in %s: too many slips this second", parent);
}

typedef struct {
    const ReportModel *m;
    const char *code;
} SlipArgs;

static bool slip_fn(FILE *out, const void *arg, Err *e)
{
    const SlipArgs *a = arg;
    return report_reminders(a->m, a->code, out, e);
}

bool export_slip(Store *s, const Content *c, const char *parent, const char *code, int64_t now, char *path,
                 size_t size, Err *e)
{
    ReportQuery q = {.now = now, .tz_offset = report_local_offset(now), .skip_chain = true};
    ReportModel m;
    path[0] = '\0';
    if (!files_writable_dir(parent, e) || !free_name(parent, code, now, path, size, e))
        return false;
    if (!report_model_build(s, c, &q, &m, e))
        return false;
    SlipArgs a = {&m, code};
    bool ok = atomic_write_stream(path, slip_fn, &a, e);
    report_model_free(&m);
    return ok;
}
