/* report_file.c — temporary file, fsync, rename: a report file is never seen half written. */
#include "report_file.h"
#include "report_csv.h"
#include "report_html.h"
#include "report_xlsx.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *const FORMAT_NAMES[] = {"json", "csv", "html", "xlsx"};

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

/* ---- whole or not at all ---- */

typedef struct {
    ReportStreamFn stream; /* one of the two */
    ReportPathFn path;
    const void *arg;
} Filler;

static bool cannot(Err *e, const char *path)
{
    return err_set(e, "cannot write %s: %s", path, strerror(errno ? errno : EIO));
}

/* Flush, sync and close f; false (errno set) on any failure. */
static bool finish_stream(FILE *f)
{
    errno = 0;
    bool ok = fflush(f) == 0 && !ferror(f) && fsync(fileno(f)) == 0;
    int err = errno;
    ok = fclose(f) == 0 && ok;
    if (!ok && err)
        errno = err;
    return ok;
}

static bool fill_stream(int fd, const Filler *f, const char *path, Err *e)
{
    FILE *out = fdopen(fd, "w");
    if (!out) {
        close(fd);
        return cannot(e, path);
    }
    if (!f->stream(out, f->arg, e)) {
        fclose(out);
        return false;
    }
    return finish_stream(out) || cannot(e, path);
}

static bool fill_path(int fd, const char *tmp, const Filler *f, const char *path, Err *e)
{
    close(fd);
    if (!f->path(tmp, f->arg, e))
        return false;
    int sync_fd = open(tmp, O_RDONLY);
    bool ok = sync_fd >= 0 && fsync(sync_fd) == 0;
    if (sync_fd >= 0)
        close(sync_fd);
    return ok || cannot(e, path);
}

static void sync_dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    char dir[4096];
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else
        snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    int fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        fsync(fd); /* best effort: the rename itself already happened */
        close(fd);
    }
}

/* A new empty file beside path with the usual mode; its name in tmp (heap). -1 on failure. */
static int temp_beside(const char *path, char **tmp)
{
    size_t n = strlen(path) + 16;
    *tmp = xmalloc(n);
    snprintf(*tmp, n, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(*tmp);
    if (fd >= 0) {
        mode_t mask = umask(0); /* mkstemp makes 0600: give the report the usual mode */
        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    return fd;
}

static bool replace(const char *path, const Filler *f, Err *e)
{
    char *tmp;
    errno = 0;
    int fd = temp_beside(path, &tmp);
    bool ok = fd >= 0 || cannot(e, path);
    if (ok) {
        ok = f->stream ? fill_stream(fd, f, path, e) : fill_path(fd, tmp, f, path, e);
        ok = ok && (rename(tmp, path) == 0 || cannot(e, path));
        if (ok)
            sync_dir_of(path);
        else
            unlink(tmp);
    }
    free(tmp);
    return ok;
}

bool report_file_stream(const char *path, ReportStreamFn fn, const void *arg, Err *e)
{
    Filler f = {.stream = fn, .arg = arg};
    return replace(path, &f, e);
}

bool report_file_path(const char *path, ReportPathFn fn, const void *arg, Err *e)
{
    Filler f = {.path = fn, .arg = arg};
    return replace(path, &f, e);
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

bool report_save(const ReportModel *m, ReportFormat f, const char *path, Err *e)
{
    switch (f) {
    case REPORT_CSV:
        return report_file_stream(path, csv_fn, m, e);
    case REPORT_HTML:
        return report_file_stream(path, html_fn, m, e);
    case REPORT_XLSX:
        return report_xlsx(m, path, e);
    case REPORT_JSON:
        break;
    }
    return err_set(e,
                   "cannot write %s: the JSON report is made from the records"
                   " (report_json_department)",
                   path);
}
