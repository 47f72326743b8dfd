/* cli_diagnosis.c — `mamori diagnosis import | show` (see cli_diagnosis.h).
 *
 * What must stay true: an import records exactly one event or nothing; every message is one line
 * on stderr; the JSON is the shape documented in report_diagnosis.h. */
#include "cli_diagnosis.h"
#include "diagnosis.h"
#include "json.h"
#include "report_diagnosis.h"
#include "store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CSV_MAX = 1 << 20 };

static const char USAGE[] =
    "usage: mamori diagnosis import FILE.csv --by CODE [--self]\n"
    "       mamori diagnosis show [--format text|json] [--all]\n"
    "\n"
    "import records one self-diagnosis (自社診断) from a CSV answer sheet: the first line is\n"
    "item,answer, then one line per item with yes, partly, no or unknown (or 実施している,\n"
    "一部実施している, 実施していない, わからない). The company's diagnosis answers all 25 items;\n"
    "--self records CODE's own practice, items 1 to 16. A file with any problem is refused whole.\n"
    "show prints the latest company diagnosis, or every one, oldest first, with --all.\n";

typedef struct {
    const char *cmd, *file, *by, *format;
    bool self, all;
} Args;

/* The value after option argv[*i], or NULL after a usage message. */
static const char *value_of(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc || !argv[*i + 1][0])
        return cli_usage_error("diagnosis", "%s needs a value", argv[*i]), NULL;
    return argv[++*i];
}

static int parse_option(Args *a, int argc, char **argv, int *i)
{
    const char *s = argv[*i];
    if (strcmp(s, "--self") == 0)
        a->self = true;
    else if (strcmp(s, "--all") == 0)
        a->all = true;
    else if (strcmp(s, "--by") == 0)
        return (a->by = value_of(argc, argv, i)) ? CLI_OK : CLI_USAGE;
    else if (strcmp(s, "--format") == 0)
        return (a->format = value_of(argc, argv, i)) ? CLI_OK : CLI_USAGE;
    else if (s[0] != '-' && !a->file && strcmp(a->cmd, "import") == 0)
        a->file = s;
    else
        return cli_usage_error("diagnosis", "unknown argument '%s'", s);
    return CLI_OK;
}

/* -1: print the usage; else an exit status. */
static int parse_args(int argc, char **argv, Args *a)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return -1;
    if (argc < 2)
        return cli_usage_error("diagnosis", "say import or show");
    a->cmd = argv[1];
    if (strcmp(a->cmd, "import") != 0 && strcmp(a->cmd, "show") != 0)
        return cli_usage_error("diagnosis", "unknown command '%s'", a->cmd);
    for (int i = 2; i < argc; i++) {
        int st = parse_option(a, argc, argv, &i);
        if (st != CLI_OK)
            return st;
    }
    bool import = strcmp(a->cmd, "import") == 0;
    if (import && (!a->file || !a->by))
        return cli_usage_error("diagnosis", "import needs FILE.csv and --by CODE");
    if (import && (a->format || a->all))
        return cli_usage_error("diagnosis", "import takes no %s", a->format ? "--format" : "--all");
    if (!import && (a->by || a->self))
        return cli_usage_error("diagnosis", "show takes no %s", a->by ? "--by" : "--self");
    if (a->format && strcmp(a->format, "text") != 0 && strcmp(a->format, "json") != 0)
        return cli_usage_error("diagnosis", "--format must be text or json, not '%s'", a->format);
    return CLI_OK;
}

static char *read_file(const char *path, size_t *n, Err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_set(e, "%s: cannot open: %s", path, strerror(errno)), NULL;
    char *buf = xmalloc(CSV_MAX + 1);
    *n = fread(buf, 1, CSV_MAX + 1, f);
    bool bad = ferror(f);
    fclose(f);
    if (bad || *n > CSV_MAX) {
        free(buf);
        return err_set(e, bad ? "%s: cannot read it" : "%s: larger than 1 MB: not an answer sheet", path),
               NULL;
    }
    return buf;
}

/* Parses the sheet into d->answers; prints every problem. */
static bool read_sheet(const CliContext *cx, const Args *a, DiagRecord *d)
{
    Err e = {{0}};
    size_t n;
    char *data = read_file(a->file, &n, &e);
    if (!data)
        return cli_fail(CLI_FAIL, "%s", e.msg), false;
    ErrList errs = {0};
    bool ok = diag_csv_parse(cx->content->diagnosis, d->scope, a->file, data, n, d->answers, &errs);
    for (int i = 0; i < errs.nmsgs; i++)
        fprintf(stderr, "%s\n", errs.msgs[i]);
    if (!ok)
        fprintf(stderr, "mamori: %s: nothing recorded (%d problem%s)\n", a->file, errs.nmsgs,
                errs.nmsgs == 1 ? "" : "s");
    errlist_free(&errs);
    free(data);
    return ok;
}

static int do_import(const CliContext *cx, Store *s, const Args *a)
{
    DiagRecord d = {.scope = a->self ? DIAG_SELF : DIAG_COMPANY};
    if (strlen(a->by) >= sizeof d.code)
        return cli_fail(CLI_FAIL, "no person with code '%s' in the roster", a->by);
    snprintf(d.code, sizeof d.code, "%s", a->by);
    snprintf(d.content_version, sizeof d.content_version, "%s", cx->content->version);
    if (!read_sheet(cx, a, &d))
        return CLI_FAIL;
    Err e = {{0}};
    if (!store_record_diagnosis(s, &d, cx->now, NULL, &e))
        return cli_fail(CLI_FAIL, "%s: nothing recorded: %s", a->file, e.msg);
    DiagScore sc;
    diag_score(cx->content->diagnosis, d.scope, d.answers, &sc);
    if (sc.band)
        printf("recorded the company's diagnosis by %s: %d points (%d..%d)\n", d.code, sc.total, sc.band->min,
               sc.band->max);
    else
        printf("recorded %s's own practice (Parts 1-2): %d of %d points\n", d.code, sc.total,
               sc.part_max[0] + sc.part_max[1]);
    return CLI_OK;
}

static void show_json(const DiagSheet *sh, const DiagRecord *rows, int n, bool all)
{
    Json j;
    json_init(&j, stdout, all ? 3 : 2);
    if (all) {
        json_array(&j);
        for (int i = 0; i < n; i++)
            report_diag_json(&j, sh, &rows[i]);
        json_end(&j);
    } else if (n) {
        report_diag_json(&j, sh, &rows[n - 1]);
    } else {
        json_null(&j);
        fputc('\n', stdout);
    }
}

static int do_show(const CliContext *cx, Store *s, const Args *a)
{
    DiagRecord *rows;
    int n;
    Err e = {{0}};
    if (!store_list_diagnoses(s, DIAG_COMPANY, NULL, &rows, &n, &e))
        return cli_fail(CLI_FAIL, "%s", e.msg);
    const DiagSheet *sh = cx->content->diagnosis;
    if (a->format && strcmp(a->format, "json") == 0)
        show_json(sh, rows, n, a->all);
    else if (!n)
        puts("no company diagnosis has been recorded yet (mamori diagnosis import, or at the kiosk)");
    for (int i = a->all ? 0 : n - 1; n && (!a->format || strcmp(a->format, "text") == 0) && i < n; i++) {
        report_diag_text(stdout, sh, &rows[i], LANG_EN);
        if (i + 1 < n)
            putchar('\n');
    }
    free(rows);
    return CLI_OK;
}

int cli_diagnosis(const CliContext *cx, int argc, char **argv)
{
    Args a = {0};
    int status = parse_args(argc, argv, &a);
    if (status < 0)
        return fputs(USAGE, stdout), CLI_OK;
    if (status != CLI_OK)
        return status;
    if (!cx->content->diagnosis)
        return cli_fail(CLI_FAIL, "%s has no diagnosis.yaml: the sheet's questions are missing",
                        cx->content_dir);
    Store *s;
    Err e = {{0}};
    bool import = strcmp(a.cmd, "import") == 0;
    if (!(import ? store_open(&s, cx->db, &e) : store_open_readonly(&s, cx->db, &e))) /* show only reads */
        return cli_fail(CLI_FAIL, "%s", e.msg);
    store_set_content_version(s, cx->content->version);
    status = import ? do_import(cx, s, &a) : do_show(cx, s, &a);
    store_close(s);
    return status;
}
