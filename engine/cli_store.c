/* cli_store.c — `mamori employees`, `mamori verify`, `mamori report`.
 *
 * What must stay true: every error is one line on stderr; a rejected roster writes nothing (the
 * file is parsed before the database is even opened); a report file appears whole or not at
 * all (temporary file, fsync, rename). Exit status: 0 done, 1 failed, 2 wrong usage. */
#include "cli_store.h"
#include "json.h"
#include "report.h"
#include "roster.h"
#include "store.h"
#include "utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

static const char EMPLOYEES_USAGE[] =
    "usage: mamori employees import FILE.csv\n"
    "       mamori employees list [--all] [--format table|csv|json]\n"
    "\n"
    "import  adds or updates everyone in FILE.csv (columns code,name,kana,department,role,lang;\n"
    "        UTF-8). Any problem in the file: every one is listed and nothing is changed.\n"
    "list    prints the active roster; --all adds people no longer active.\n";

static const char VERIFY_USAGE[] =
    "usage: mamori verify\n"
    "\n"
    "Recomputes the tamper-evident chain of records. Exit 0 when every record is intact;\n"
    "exit 1 at the first record that was edited, deleted, inserted or moved.\n";

static const char REPORT_USAGE[] =
    "usage: mamori report [--format json] [--out FILE]\n"
    "\n"
    "The completion report of every active employee: lessons read and tests passed for the\n"
    "25 measures. Written to stdout, or to FILE (which appears only when complete).\n"
    "Formats xlsx, csv and html are planned; json is available now.\n";

static int fail(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("mamori: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return status;
}

static int usage_error(const char *verb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* One line: the problem and where to read the usage. */
static int usage_error(const char *verb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "mamori: %s: ", verb);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, " (see mamori %s --help)\n", verb);
    va_end(ap);
    return EXIT_USAGE;
}

static bool is_help(const char *a)
{
    return strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0;
}

/* "--name VALUE" or "--name=VALUE" at argv[*i]; advances *i past the value. */
static bool opt_value(int argc, char **argv, int *i, const char *name, const char **val)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0)
        return false;
    if (argv[*i][n] == '=') {
        *val = argv[*i] + n + 1;
        return true;
    }
    if (argv[*i][n] != '\0')
        return false;
    *val = *i + 1 < argc ? argv[++*i] : NULL;
    return true;
}

static int open_store(const char *db_path, Store **s)
{
    Err e = {{0}};
    return store_open(s, db_path, &e) ? EXIT_OK : fail(EXIT_FAIL, "%s", e.msg);
}

/* ---- employees import ---- */

static int employees_import(const char *csv, const char *db_path, int64_t now)
{
    ErrList errs = {0};
    Employee *rows;
    int n, changed = 0;
    if (!roster_parse(csv, &rows, &n, &errs)) {
        for (int i = 0; i < errs.nmsgs; i++)
            fprintf(stderr, "%s\n", errs.msgs[i]);
        fprintf(stderr, "mamori: %s was not imported (%d problem%s); nothing was changed\n", csv,
                errs.nmsgs, errs.nmsgs == 1 ? "" : "s");
        errlist_free(&errs);
        return EXIT_FAIL;
    }
    Store *s;
    Err e = {{0}};
    int status = open_store(db_path, &s);
    if (status == EXIT_OK) {
        if (store_import_employees(s, rows, n, now, &changed, &e))
            printf("imported %d %s (%d added or changed)\n", n, n == 1 ? "person" : "people",
                   changed);
        else
            status = fail(EXIT_FAIL, "%s", e.msg);
        store_close(s);
    }
    free(rows);
    return status;
}

/* ---- employees list ---- */

/* Columns a terminal gives the code point: 2 for East Asian wide and full-width forms. */
static int cp_width(uint32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
        || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF)
        || (cp >= 0x20000 && cp <= 0x3FFFD) ? 2 : 1;
}

static int text_width(const char *s)
{
    int w = 0;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp = '?';
        size_t left = n - i;
        int len = utf8_decode(s + i, left > 4 ? 4 : (int)left, &cp);
        w += len > 0 ? cp_width(cp) : 1;
        i += len > 0 ? (size_t)len : 1;
    }
    return w;
}

enum { LIST_COLS = 7 };
static const char *const LIST_HEAD[LIST_COLS] = {"code", "name", "kana", "department", "role",
                                                 "lang", "active"};

static void person_cells(const Employee *p, const char *cells[LIST_COLS])
{
    cells[0] = p->code, cells[1] = p->name, cells[2] = p->kana, cells[3] = p->department;
    cells[4] = store_role_name(p->role), cells[5] = store_lang_name(p->lang);
    cells[6] = p->active ? "yes" : "no";
}

/* A cell on one line: a line break or other control character shows as a space. */
static void table_cell(const char *s)
{
    for (; *s; s++)
        putchar((unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s);
}

static void table_row(const char *const cells[], const int widths[], int ncols)
{
    for (int c = 0; c < ncols; c++) {
        table_cell(cells[c]);
        if (c < ncols - 1)
            printf("%*s", widths[c] - text_width(cells[c]) + 2, "");
    }
    putchar('\n');
}

static void list_table(const Employee *people, int n, bool all)
{
    int ncols = all ? LIST_COLS : LIST_COLS - 1, widths[LIST_COLS];
    for (int c = 0; c < ncols; c++)
        widths[c] = text_width(LIST_HEAD[c]);
    for (int i = 0; i < n; i++) {
        const char *cells[LIST_COLS];
        person_cells(&people[i], cells);
        for (int c = 0; c < ncols; c++)
            if (text_width(cells[c]) > widths[c])
                widths[c] = text_width(cells[c]);
    }
    table_row(LIST_HEAD, widths, ncols);
    for (int i = 0; i < n; i++) {
        const char *cells[LIST_COLS];
        person_cells(&people[i], cells);
        table_row(cells, widths, ncols);
    }
    printf("%d %s\n", n, n == 1 ? "person" : "people");
}

static void csv_cell(const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, stdout);
        return;
    }
    putchar('"');
    for (; *s; s++) {
        if (*s == '"')
            putchar('"');
        putchar(*s);
    }
    putchar('"');
}

static void list_csv(const Employee *people, int n, bool all)
{
    int ncols = all ? LIST_COLS : LIST_COLS - 1;
    fputs("\xEF\xBB\xBF", stdout);
    for (int c = 0; c < ncols; c++)
        printf("%s%s", c ? "," : "", LIST_HEAD[c]);
    fputs("\r\n", stdout);
    for (int i = 0; i < n; i++) {
        const char *cells[LIST_COLS];
        person_cells(&people[i], cells);
        for (int c = 0; c < ncols; c++) {
            if (c)
                putchar(',');
            csv_cell(cells[c]);
        }
        fputs("\r\n", stdout);
    }
}

static void list_json(const Employee *people, int n)
{
    Json j;
    json_init(&j, stdout, 2);
    json_array(&j);
    for (int i = 0; i < n; i++) {
        const char *cells[LIST_COLS];
        person_cells(&people[i], cells);
        json_object(&j);
        for (int c = 0; c < LIST_COLS - 1; c++) {
            json_key(&j, LIST_HEAD[c]);
            json_string(&j, cells[c]);
        }
        json_key(&j, "active");
        json_bool(&j, people[i].active);
        json_key(&j, "large_text");
        json_bool(&j, people[i].large_text);
        json_end(&j);
    }
    json_end(&j);
}

static int employees_list(const char *db_path, const char *format, bool all)
{
    Store *s;
    Employee *people;
    int n, status = open_store(db_path, &s);
    if (status != EXIT_OK)
        return status;
    Err e = {{0}};
    if (store_list_employees(s, all, &people, &n, &e)) {
        if (strcmp(format, "csv") == 0)
            list_csv(people, n, all);
        else if (strcmp(format, "json") == 0)
            list_json(people, n);
        else
            list_table(people, n, all);
        free(people);
    } else {
        status = fail(EXIT_FAIL, "%s", e.msg);
    }
    store_close(s);
    if (status == EXIT_OK && (fflush(stdout) != 0 || ferror(stdout)))
        status = fail(EXIT_FAIL, "could not write the list: %s", strerror(errno));
    return status;
}

static int employees_list_args(int argc, char **argv, const char *db_path)
{
    const char *format = "table";
    bool all = false;
    for (int i = 2; i < argc; i++) {
        if (is_help(argv[i]))
            return fputs(EMPLOYEES_USAGE, stdout), EXIT_OK;
        if (strcmp(argv[i], "--all") == 0)
            all = true;
        else if (!opt_value(argc, argv, &i, "--format", &format))
            return usage_error("employees", "list: unknown option '%s'", argv[i]);
        else if (!format || (strcmp(format, "table") && strcmp(format, "csv")
                             && strcmp(format, "json")))
            return usage_error("employees", "list: --format takes table, csv or"
                               " json");
    }
    return employees_list(db_path, format, all);
}

int cli_employees(int argc, char **argv, const char *db_path, int64_t now)
{
    if (argc < 2)
        return usage_error("employees", "say import or list");
    const char *sub = argv[1];
    if (is_help(sub))
        return fputs(EMPLOYEES_USAGE, stdout), EXIT_OK;
    if (strcmp(sub, "list") == 0)
        return employees_list_args(argc, argv, db_path);
    if (strcmp(sub, "import") != 0)
        return usage_error("employees", "unknown command '%s'", sub);
    if (argc == 3 && is_help(argv[2]))
        return fputs(EMPLOYEES_USAGE, stdout), EXIT_OK;
    if (argc != 3)
        return usage_error("employees", "import: give exactly one CSV file");
    return employees_import(argv[2], db_path, now);
}

/* ---- verify ---- */

int cli_verify(int argc, char **argv, const char *db_path)
{
    for (int i = 1; i < argc; i++) {
        if (is_help(argv[i]))
            return fputs(VERIFY_USAGE, stdout), EXIT_OK;
        return usage_error("verify", "unknown argument '%s'", argv[i]);
    }
    Store *s;
    int status = open_store(db_path, &s);
    if (status != EXIT_OK)
        return status;
    VerifyResult r;
    Err e = {{0}};
    if (!store_verify(s, &r, &e))
        status = fail(EXIT_FAIL, "%s", e.msg);
    else if (r.ok)
        printf("ok: %lld records, head %s\n", (long long)r.count, r.count ? r.head : "none");
    else
        status = fail(EXIT_FAIL, "record %lld: %s (the %lld records before it are intact)",
                      (long long)r.bad_seq, r.what, (long long)r.count);
    store_close(s);
    return status;
}

/* ---- report ---- */

static int report_format_check(const char *format)
{
    if (!format)
        return usage_error("report", "--format needs a value");
    if (strcmp(format, "json") == 0)
        return EXIT_OK;
    if (strcmp(format, "xlsx") == 0 || strcmp(format, "csv") == 0 || strcmp(format, "html") == 0)
        return fail(EXIT_USAGE, "report: the %s format is not available yet; use --format json",
                    format);
    return usage_error("report", "unknown format '%s' (xlsx, csv, html or json)",
                       format);
}

/* Flush, sync and close f; false (errno set) on any failure. */
static bool finish_file(FILE *f)
{
    bool ok = fflush(f) == 0 && !ferror(f) && fsync(fileno(f)) == 0;
    int err = errno;
    ok = fclose(f) == 0 && ok;
    if (!ok && err)
        errno = err;
    return ok;
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

/* Writes the report through fd (a new temporary file), then renames tmp to out. */
static bool report_write_rename(Store *s, const Content *c, int fd, const char *tmp,
                                const char *out, int64_t now)
{
    Err e = {{0}};
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        return fail(EXIT_FAIL, "cannot write %s: %s", out, strerror(errno)), false;
    }
    if (!report_json(s, c, f, now, &e)) {
        fclose(f);
        return fail(EXIT_FAIL, "%s", e.msg), false;
    }
    if (!finish_file(f) || rename(tmp, out) != 0)
        return fail(EXIT_FAIL, "cannot write %s: %s", out, strerror(errno)), false;
    sync_dir_of(out);
    return true;
}

/* The report into a temporary file beside out, renamed over out when complete. */
static int report_to_file(Store *s, const Content *c, const char *out, int64_t now)
{
    size_t n = strlen(out) + 16;
    char *tmp = xmalloc(n);
    snprintf(tmp, n, "%s.tmp-XXXXXX", out);
    int fd = mkstemp(tmp);
    bool ok = fd >= 0;
    if (!ok) {
        fail(EXIT_FAIL, "cannot write %s: %s", out, strerror(errno));
    } else {
        mode_t mask = umask(0); /* mkstemp makes 0600: give the report the usual mode */
        umask(mask);
        fchmod(fd, 0666 & ~mask);
        ok = report_write_rename(s, c, fd, tmp, out, now);
        if (!ok)
            unlink(tmp);
    }
    free(tmp);
    return ok ? EXIT_OK : EXIT_FAIL;
}

static int report_run(const char *db_path, const Content *c, const char *out, int64_t now)
{
    Store *s;
    int status = open_store(db_path, &s);
    if (status != EXIT_OK)
        return status;
    Err e = {{0}};
    if (out)
        status = report_to_file(s, c, out, now);
    else if (!report_json(s, c, stdout, now, &e))
        status = fail(EXIT_FAIL, "%s", e.msg);
    store_close(s);
    return status;
}

int cli_report(int argc, char **argv, const char *db_path, const Content *c, int64_t now)
{
    const char *format = "json", *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (is_help(argv[i]))
            return fputs(REPORT_USAGE, stdout), EXIT_OK;
        if (opt_value(argc, argv, &i, "--format", &format)) {
            int st = report_format_check(format);
            if (st != EXIT_OK)
                return st;
        } else if (opt_value(argc, argv, &i, "--out", &out)) {
            if (!out || !out[0])
                return usage_error("report", "--out needs a file name");
        } else {
            return usage_error("report", "unknown argument '%s'", argv[i]);
        }
    }
    return report_run(db_path, c, out, now);
}
