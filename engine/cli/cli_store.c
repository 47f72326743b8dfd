/* cli_store.c — `mamori employees`, `mamori verify`, `mamori report`.
 *
 * What must stay true: every error is one line on stderr; a rejected roster writes nothing (the
 * file is parsed before the database is even opened); a report file appears whole or not at
 * all (temporary file, fsync, rename: report_file.h). Exit status: 0 done, 1 failed, 2 wrong
 * usage. */
#include "atomic_file.h"
#include "cli_store.h"
#include "cli.h"
#include "json.h"
#include "report.h"
#include "report_csv.h"
#include "report_file.h"
#include "report_html.h"
#include "report_items.h"
#include "report_model.h"
#include "report_reminders.h"
#include "report_roster.h"
#include "report_xlsx.h"
#include "roster.h"
#include "store.h"
#include "utf8.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char EMPLOYEES_USAGE[] =
    "usage: mamori employees import FILE.csv\n"
    "       mamori employees list [--all] [--format table|csv|json]\n"
    "\n"
    "import  adds or updates everyone in FILE.csv: UTF-8 (with or without a BOM) or Shift_JIS\n"
    "        (CP932, as Japanese Excel saves \"CSV\"), told on the first line printed. The first\n"
    "        row names the columns in any order, in English or Japanese: code (社員番号),\n"
    "        name (氏名), and optionally kana (フリガナ), department (部署), role (役割: 社員,\n"
    "        管理者, 社長) and lang (言語: 日本語, 英語); other columns are listed and ignored.\n"
    "        Any problem in the file: every one is listed and nothing is changed.\n"
    "list    prints the active roster; --all adds people no longer active. --format csv is\n"
    "        what Excel opens (UTF-8 with a BOM, CRLF) and imports back unchanged.\n";

static const char VERIFY_USAGE[] =
    "usage: mamori verify [--thorough] [--anchor COUNT:HASH | --anchor HASH]\n"
    "\n"
    "Recomputes the tamper-evident chain of records (keyed BLAKE2b under this computer's chain\n"
    "key, or HMAC-SHA-256 where an older mamori wrote it; plain SHA-256 before the record's seal),\n"
    "checks the witness file beside the record, every table derived from the records against\n"
    "them (both ways) and SQLite's own check of the file (quick_check: every page, b-tree and\n"
    "row is sound). The parts run at once.\n"
    "--thorough: SQLite's full integrity_check instead, which also proves that every index holds\n"
    "exactly its table's rows (slower: about 12 s more for a million records); run it after a\n"
    "crash, a disk error or a copy, and now and then. A damaged index cannot change what the\n"
    "record says (the chain and the tables are read and checked in full either way), only what\n"
    "a search through that index finds.\n"
    "--anchor: the record must also hold this head, as printed on a report or an evidence cover.\n"
    "Exit 0 when everything is intact; 3 at the first record that was edited, deleted, inserted,\n"
    "moved, cut off or forged, or a damaged file; 1 when it could not be checked (no database,\n"
    "not a mamori database, the chain key missing).\n";

static const char REPORT_USAGE[] =
    "usage: mamori report [--format json|csv|html|xlsx|items|reminders] [--out FILE] [--department D]\n"
    "                     [--code CODE]\n"
    "\n"
    "The completion report of every active employee (or of department D): lessons read,\n"
    "tests passed, follow-ups and refreshers for the 25 measures. Written to stdout, or to\n"
    "FILE (which appears only when complete; xlsx needs --out).\n"
    "  json  every figure, times in UTC (the default)\n"
    "  csv   one row per person for Excel (UTF-8 with BOM, CRLF; 合/読/未 per measure)\n"
    "  html  one printable page (A4) with charts, the overdue list and the record chain\n"
    "        (its anchor: COUNT:HASH for mamori verify --anchor)\n"
    "  xlsx  an Excel workbook: summary, people, measures, departments, overdue\n"
    "  items item statistics per question from the recorded answers (shown, facility,\n"
    "        discrimination, picks per choice, flags), company-wide: CSV for Excel, or JSON\n"
    "        when FILE ends in .json\n"
    "  reminders  slips to print (A4, two a page), one for each person past a due date or not yet\n"
    "        signed, in their language: what is due by when, what is left, how long it takes;\n"
    "        --code CODE: that person's slip only. Due dates: settings five_due_days,\n"
    "        five_due_date, all_due_days, all_due_date\n";

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
    return store_open(s, db_path, &e) ? CLI_OK : cli_fail(CLI_FAIL, "%s", e.msg);
}

/* For the verbs that only read (list, verify, report): a path with no database is a mistake
 * (a typo in --db), not a wish for a new empty one; the record is opened read-only, so these
 * work on a read-only copy and on a full disk. */
static int open_existing_store(const char *db_path, Store **s)
{
    Err e = {{0}};
    if (!store_exists(db_path))
        return cli_fail(CLI_FAIL,
                        "there is no database at %s (the kiosk creates it on first run; "
                        "check --db)",
                        db_path);
    return store_open_readonly(s, db_path, &e) ? CLI_OK : cli_fail(CLI_FAIL, "%s", e.msg);
}

/* ---- employees import ---- */

static int employees_import(const char *csv, const char *db_path, int64_t now)
{
    ErrList errs = {0};
    Employee *rows;
    RosterInfo info;
    int n, changed = 0;
    if (!roster_parse_info(csv, &rows, &n, &info, false, &errs)) {
        for (int i = 0; i < errs.nmsgs; i++)
            fprintf(stderr, "%s\n", errs.msgs[i]);
        fprintf(stderr, "mamori: %s was not imported (%d problem%s); nothing was changed\n", csv, errs.nmsgs,
                errs.nmsgs == 1 ? "" : "s");
        errlist_free(&errs);
        return CLI_FAIL;
    }
    printf("read %s as %s\n", csv, encoding_name(info.encoding));
    if (info.nignored)
        printf("ignored %d column%s: %s\n", info.nignored, info.nignored == 1 ? "" : "s", info.ignored);
    Store *s;
    Err e = {{0}};
    int status = open_store(db_path, &s);
    if (status == CLI_OK) {
        if (store_import_employees(s, rows, n, now, &changed, &e))
            printf("imported %d %s (%d added or changed)\n", n, n == 1 ? "person" : "people", changed);
        else
            status = cli_fail(CLI_FAIL, "%s", e.msg);
        store_close(s);
    }
    free(rows);
    return status;
}

/* ---- employees list ---- */

/* Columns a terminal gives the code point: 2 for East Asian wide and full-width forms. */
static int cp_width(uint32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F) ||
                   (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                   (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                   (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
                   (cp >= 0x20000 && cp <= 0x3FFFD)
               ? 2
               : 1;
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
static const char *const LIST_HEAD[LIST_COLS] = {"code", "name", "kana",  "department",
                                                 "role", "lang", "active"};

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
        json_key(&j, "department_kana");
        json_string(&j, people[i].department_kana);
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
    int n, status = open_existing_store(db_path, &s);
    if (status != CLI_OK)
        return status;
    Err e = {{0}};
    if (store_list_employees(s, all, &people, &n, &e)) {
        if (strcmp(format, "csv") == 0)
            report_roster_csv(stdout, people, n, all, CSV_PLAIN);
        else if (strcmp(format, "json") == 0)
            list_json(people, n);
        else
            list_table(people, n, all);
        free(people);
    } else {
        status = cli_fail(CLI_FAIL, "%s", e.msg);
    }
    store_close(s);
    if (status == CLI_OK && (fflush(stdout) != 0 || ferror(stdout)))
        status = cli_fail(CLI_FAIL, "could not write the list: %s", strerror(errno));
    return status;
}

static int employees_list_args(int argc, char **argv, const char *db_path)
{
    const char *format = "table";
    bool all = false;
    for (int i = 2; i < argc; i++) {
        if (is_help(argv[i]))
            return fputs(EMPLOYEES_USAGE, stdout), CLI_OK;
        if (strcmp(argv[i], "--all") == 0)
            all = true;
        else if (!opt_value(argc, argv, &i, "--format", &format))
            return cli_usage_error("employees", "list: unknown option '%s'", argv[i]);
        else if (!format || (strcmp(format, "table") && strcmp(format, "csv") && strcmp(format, "json")))
            return cli_usage_error("employees", "list: --format takes table, csv or"
                                                " json");
    }
    return employees_list(db_path, format, all);
}

int cli_employees(const CliContext *cx, int argc, char **argv)
{
    const char *db_path = cx->db;
    if (argc < 2)
        return cli_usage_error("employees", "say import or list");
    const char *sub = argv[1];
    if (is_help(sub))
        return fputs(EMPLOYEES_USAGE, stdout), CLI_OK;
    if (strcmp(sub, "list") == 0)
        return employees_list_args(argc, argv, db_path);
    if (strcmp(sub, "import") != 0)
        return cli_usage_error("employees", "unknown command '%s'", sub);
    if (argc == 3 && is_help(argv[2]))
        return fputs(EMPLOYEES_USAGE, stdout), CLI_OK;
    if (argc != 3)
        return cli_usage_error("employees", "import: give exactly one CSV file");
    return employees_import(argv[2], db_path, cx->now);
}

/* ---- verify ---- */

/* "COUNT:HASH" or "HASH" (64 lower-case hex digits). */
static bool anchor_parse(const char *v, int64_t *count, char hash[65])
{
    const char *colon = strchr(v, ':');
    char *end;
    *count = 0;
    if (colon) {
        long long n = strtoll(v, &end, 10);
        if (end != colon || n < 1)
            return false;
        *count = n, v = colon + 1;
    }
    if (strlen(v) != 64 || strspn(v, "0123456789abcdef") != 64)
        return false;
    memcpy(hash, v, 65);
    return true;
}

static int verify_args(int argc, char **argv, int64_t *count, char anchor[65], bool *thorough)
{
    anchor[0] = '\0';
    *thorough = false;
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        if (is_help(argv[i]))
            return fputs(VERIFY_USAGE, stdout), -1;
        if (strcmp(argv[i], "--thorough") == 0) {
            *thorough = true;
            continue;
        }
        if (!opt_value(argc, argv, &i, "--anchor", &v))
            return cli_usage_error("verify", "unknown argument '%s'", argv[i]);
        if (!v || !anchor_parse(v, count, anchor))
            return cli_usage_error("verify", "--anchor takes COUNT:HASH or HASH (64 hex digits), as printed");
    }
    return CLI_OK;
}

/* What the record is sealed with, and what the witness said: the lines after "ok". */
static void verify_notes(const VerifyResult *r)
{
    static const char *const WITNESS[] = {
        [VERIFY_WITNESS_NONE] = "none beside the record (a copy, or nothing written yet)",
        [VERIFY_WITNESS_AGREES] = "agrees (it saw %lld records; the record holds them as they were)",
        [VERIFY_WITNESS_UNREADABLE] = "unreadable: the file beside the record says nothing mamori wrote",
        [VERIFY_WITNESS_OTHER] =
            "belongs to another record, or the record was rewritten from its first record"};
    if (r->keyed_from == 1)
        printf("sealed: every record with the chain key %s (keyed BLAKE2b; HMAC-SHA-256 where an older"
               " mamori wrote it)\n",
               r->key_id);
    else if (r->keyed_from > 1)
        printf("sealed: records %lld on with the chain key %s (keyed BLAKE2b; HMAC-SHA-256 where an older"
               " mamori wrote it); records 1-%lld plain SHA-256 (made before keys)\n",
               (long long)r->keyed_from, r->key_id, (long long)r->keyed_from - 1);
    else
        printf("not sealed: a plain SHA-256 chain (made before keys); opened once by the kiosk, what follows"
               " is sealed\n");
    printf("witness: ");
    printf(WITNESS[r->witness], (long long)r->witness_count);
    printf("\n");
    if (r->anchor_checked)
        printf("anchor: in the record\n");
    if (r->count)
        printf("anchor now: %lld:%s (print it and keep it apart; check with mamori verify --anchor)\n",
               (long long)r->count, r->head);
}

static int verify_report(const VerifyResult *r, bool thorough)
{
    if (!r->ok && r->key_missing)
        return cli_fail(CLI_FAIL, "%s", r->what);
    if (!r->ok && r->bad_seq < 1)
        return cli_fail(CLI_BROKEN, "the record: %s", r->what);
    if (!r->ok && r->count == r->bad_seq - 1 && r->count > 0) /* the walk stopped there */
        return cli_fail(CLI_BROKEN, "record %lld: %s (the %lld records before it are intact)",
                        (long long)r->bad_seq, r->what, (long long)r->count);
    if (!r->ok)
        return cli_fail(CLI_BROKEN, "record %lld: %s", (long long)r->bad_seq, r->what);
    if (r->damage[0] && r->damage_read)
        return cli_fail(CLI_BROKEN, "the database file is damaged: %s", r->damage);
    if (r->damage[0])
        return cli_fail(CLI_BROKEN, "the database file is damaged (SQLite's %s: %s)",
                        thorough ? "integrity check" : "quick check", r->damage);
    printf("ok: %lld records, head %s\n", (long long)r->count, r->count ? r->head : "none");
    verify_notes(r);
    return CLI_OK;
}

int cli_verify(const CliContext *cx, int argc, char **argv)
{
    int64_t count = 0;
    char anchor[65] = "";
    bool thorough;
    int status = verify_args(argc, argv, &count, anchor, &thorough);
    if (status != CLI_OK)
        return status < 0 ? CLI_OK : status;
    Store *s;
    if ((status = open_existing_store(cx->db, &s)) != CLI_OK)
        return status;
    VerifyResult r;
    Err e = {{0}};
    store_set_anchor(s, count, anchor);
    status = store_verify_all(s, thorough ? VERIFY_FILE_THOROUGH : VERIFY_FILE_QUICK, &r, &e)
                 ? verify_report(&r, thorough)
                 : cli_fail(CLI_FAIL, "%s", e.msg);
    store_close(s);
    return status;
}

/* ---- report ---- */

typedef struct {
    ReportFormat format;
    const char *out;        /* NULL: stdout */
    const char *department; /* NULL: everyone */
    const char *code;       /* reminders: one person's slip; NULL: everyone's */
} ReportArgs;

static int report_format_check(const char *format, ReportFormat *f)
{
    if (!format)
        return cli_usage_error("report", "--format needs a value");
    if (report_format_parse(format, f))
        return CLI_OK;
    return cli_usage_error("report", "unknown format '%s' (xlsx, csv, html, json, items or reminders)",
                           format);
}

/* Fills a from argv; CLI_OK, or the status of a usage error (already printed). -1: --help. */
static int report_args(int argc, char **argv, ReportArgs *a)
{
    const char *format = "json";
    *a = (ReportArgs){REPORT_JSON, NULL, NULL, NULL};
    for (int i = 1; i < argc; i++) {
        int st;
        if (is_help(argv[i]))
            return -1;
        if (opt_value(argc, argv, &i, "--format", &format)) {
            if ((st = report_format_check(format, &a->format)) != CLI_OK)
                return st;
        } else if (opt_value(argc, argv, &i, "--out", &a->out)) {
            if (!a->out || !a->out[0])
                return cli_usage_error("report", "--out needs a file name");
        } else if (opt_value(argc, argv, &i, "--code", &a->code)) {
            if (!a->code || !a->code[0])
                return cli_usage_error("report", "--code needs an employee code");
        } else if (opt_value(argc, argv, &i, "--department", &a->department)) {
            if (!a->department || !a->department[0])
                return cli_usage_error("report", "--department needs a department name");
        } else {
            return cli_usage_error("report", "unknown argument '%s'", argv[i]);
        }
    }
    if (a->format == REPORT_ITEMS && a->department)
        return cli_usage_error("report", "the item statistics are company-wide: --department does not apply");
    if (a->code && a->format != REPORT_REMINDERS)
        return cli_usage_error("report", "--code is for --format reminders (one person's slip)");
    if (a->format == REPORT_XLSX && !a->out)
        return cli_usage_error("report", "the xlsx format needs --out FILE");
    return CLI_OK;
}

/* Fails (exit 1) when no active person works in department, naming the departments there are. */
static int department_check(Store *s, const char *department)
{
    Employee *people;
    int n;
    Err e = {{0}};
    if (!department)
        return CLI_OK;
    if (!store_list_employees(s, false, &people, &n, &e))
        return cli_fail(CLI_FAIL, "%s", e.msg);
    char known[1024] = "";
    size_t len = 0;
    bool found = false;
    for (int i = 0; i < n && !found; i++) {
        found = strcmp(people[i].department, department) == 0;
        bool next = i == 0 || strcmp(people[i].department, people[i - 1].department) != 0;
        if (next && len < sizeof known - 1)
            len += (size_t)snprintf(known + len, sizeof known - len, "%s'%s'", len ? ", " : "",
                                    people[i].department);
    }
    free(people);
    if (found)
        return CLI_OK;
    return cli_fail(CLI_FAIL, "report: no active employee in department '%s' (there are: %s)", department,
                    len ? known : "none");
}

typedef struct {
    Store *s;
    const Content *c;
    const char *department;
    int64_t now;
} JsonJob;

static bool json_job(FILE *out, const void *arg, Err *e)
{
    const JsonJob *j = arg;
    return report_json_department(j->s, j->c, j->department, out, j->now, e);
}

static bool report_json_to(Store *s, const Content *c, const ReportArgs *a, int64_t now, Err *e)
{
    JsonJob job = {s, c, a->department, now};
    return a->out ? atomic_write_stream(a->out, json_job, &job, e) : json_job(stdout, &job, e);
}

/* The item statistics: CSV to stdout, or a file (JSON when it ends in .json). */
static bool report_items_to(Store *s, const Content *c, const ReportArgs *a, Err *e)
{
    ItemReport r;
    if (!store_read_begin(s, e))
        return false;
    bool ok = items_build(s, c, &r, e);
    store_read_end(s);
    if (ok)
        ok = a->out ? items_save(&r, a->out, e) : items_csv(&r, stdout, e);
    items_free(&r);
    return ok;
}

typedef struct {
    const ReportModel *m;
    const char *code;
} SlipJob;

static bool slip_job(FILE *out, const void *arg, Err *e)
{
    const SlipJob *j = arg;
    return report_reminders(j->m, j->code, out, e);
}

static bool reminders_to(const ReportModel *m, const ReportArgs *a, Err *e)
{
    SlipJob job = {m, a->code};
    return a->out ? atomic_write_stream(a->out, slip_job, &job, e) : slip_job(stdout, &job, e);
}

/* CSV, HTML, XLSX, reminders: through the report model, dates in the machine's local time. */
static bool report_model_to(Store *s, const Content *c, const ReportArgs *a, int64_t now, VerifyResult *chain,
                            Err *e)
{
    ReportQuery q = {.department = a->department,
                     .now = now,
                     .tz_offset = report_local_offset(now),
                     .skip_chain = a->format == REPORT_REMINDERS,        /* CSV: not shown, but exits 3 */
                     .skip_items = a->format != REPORT_HTML,             /* only the HTML report shows them */
                     .chain_later = a->format == REPORT_XLSX && a->out}; /* the other sheets meanwhile */
    ReportModel m;
    if (!report_model_build(s, c, &q, &m, e))
        return false;
    bool ok;
    if (a->format == REPORT_REMINDERS)
        ok = reminders_to(&m, a, e);
    else if (q.chain_later)
        ok = report_xlsx_chain_last(&m, a->out, e);
    else if (a->out)
        ok = report_save(&m, a->format, a->out, e);
    else
        ok = a->format == REPORT_CSV ? report_csv(&m, stdout, e) : report_html(&m, stdout, e);
    if (ok && m.chain_checked)
        *chain = m.chain;
    report_model_free(&m);
    return ok;
}

static int report_run(const char *db_path, const Content *c, const ReportArgs *a, int64_t now)
{
    Store *s;
    int status = open_existing_store(db_path, &s);
    if (status != CLI_OK)
        return status;
    status = department_check(s, a->department);
    Err e = {{0}};
    VerifyResult chain = {.ok = true};
    if (status == CLI_OK) {
        /* the JSON report does not show the chain, but a script learns from the exit code */
        ReportChainCheck *beside = a->format == REPORT_JSON ? report_chain_start(s) : NULL;
        bool ok = a->format == REPORT_JSON    ? report_json_to(s, c, a, now, &e)
                  : a->format == REPORT_ITEMS ? report_items_to(s, c, a, &e)
                                              : report_model_to(s, c, a, now, &chain, &e);
        Err chain_err = {{0}};
        if (beside && !report_chain_finish(beside, &chain, &chain_err) && ok)
            ok = false, e = chain_err;
        bool shown = a->format == REPORT_HTML || a->format == REPORT_XLSX;
        if (!ok)
            status = cli_fail(CLI_FAIL, "%s", e.msg);
        else if (!chain.ok)
            status = cli_fail(
                chain.key_missing ? CLI_FAIL : CLI_BROKEN, "the record does not verify: record %lld: %s (%s)",
                (long long)chain.bad_seq, chain.what,
                shown ? "the report says so at its top" : "the report was written; run mamori verify");
    }
    store_close(s);
    return status;
}

int cli_report(const CliContext *cx, int argc, char **argv)
{
    ReportArgs a;
    int status = report_args(argc, argv, &a);
    if (status < 0)
        return fputs(REPORT_USAGE, stdout), CLI_OK;
    return status != CLI_OK ? status : report_run(cx->db, cx->content, &a, cx->now);
}
