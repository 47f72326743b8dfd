/* test_report.c — the JSON completion report (checked by a small JSON syntax checker here and
 * by exact lines), and the `mamori report` and `mamori verify` verbs: exit status, messages,
 * and a report file that appears whole or not at all. */
#include "capture.h"
#include "helpers.h"
#include "test.h"
#include "tmpdir.h"

#include "cli_store.h"
#include "report.h"
#include "store.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

enum { NOW = 1700000000 }; /* 2023-11-14T22:13:20Z */

/* ---- a JSON syntax checker (RFC 8259 grammar, enough to reject any malformed output) ---- */

typedef struct {
    const char *p;
    int depth;
} Parse;

static bool js_value(Parse *ps);

static void js_space(Parse *ps)
{
    while (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\r' || *ps->p == '\t')
        ps->p++;
}

static bool js_lit(Parse *ps, const char *word)
{
    size_t n = strlen(word);
    if (strncmp(ps->p, word, n) != 0)
        return false;
    ps->p += n;
    return true;
}

static bool js_string(Parse *ps)
{
    if (*ps->p++ != '"')
        return false;
    for (; *ps->p != '"'; ps->p++) {
        if ((unsigned char)*ps->p < 0x20)
            return false;
        if (*ps->p == '\\') {
            ps->p++;
            if (*ps->p == 'u') {
                for (int i = 1; i <= 4; i++)
                    if (!isxdigit((unsigned char)ps->p[i]))
                        return false;
                ps->p += 4;
            } else if (!strchr("\"\\/bfnrt", *ps->p) || !*ps->p) {
                return false;
            }
        }
    }
    ps->p++;
    return true;
}

static bool js_number(Parse *ps)
{
    const char *start = ps->p;
    if (*ps->p == '-')
        ps->p++;
    if (!isdigit((unsigned char)*ps->p))
        return false;
    if (*ps->p == '0' && isdigit((unsigned char)ps->p[1]))
        return false;
    while (isdigit((unsigned char)*ps->p))
        ps->p++;
    return ps->p > start;
}

/* Members or elements up to the closer; keyed: "key": value pairs. */
static bool js_list(Parse *ps, char closer, bool keyed)
{
    ps->p++;
    js_space(ps);
    if (*ps->p == closer)
        return ps->p++, true;
    for (;;) {
        js_space(ps);
        if (keyed) {
            if (!js_string(ps))
                return false;
            js_space(ps);
            if (*ps->p++ != ':')
                return false;
        }
        if (!js_value(ps))
            return false;
        js_space(ps);
        if (*ps->p == closer)
            return ps->p++, true;
        if (*ps->p++ != ',')
            return false;
    }
}

static bool js_value(Parse *ps)
{
    js_space(ps);
    if (++ps->depth > 64)
        return false;
    bool ok;
    switch (*ps->p) {
    case '{':
        ok = js_list(ps, '}', true);
        break;
    case '[':
        ok = js_list(ps, ']', false);
        break;
    case '"':
        ok = js_string(ps);
        break;
    case 't':
        ok = js_lit(ps, "true");
        break;
    case 'f':
        ok = js_lit(ps, "false");
        break;
    case 'n':
        ok = js_lit(ps, "null");
        break;
    default:
        ok = js_number(ps);
        break;
    }
    ps->depth--;
    return ok;
}

static bool json_valid(const char *text)
{
    Parse ps = {text, 0};
    if (!js_value(&ps))
        return false;
    js_space(&ps);
    return *ps.p == '\0';
}

/* ---- helpers ---- */

static void tmp_make(Tmp *t)
{
    tmp_make_named(t, "report");
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static Employee person(const char *code, const char *name, const char *dept, bool active)
{
    Employee p = {.role = ROLE_EMPLOYEE, .lang = LANG_JA, .active = active};
    snprintf(p.code, sizeof p.code, "%s", code);
    snprintf(p.name, sizeof p.name, "%s", name);
    snprintf(p.kana, sizeof p.kana, "カナ");
    snprintf(p.department, sizeof p.department, "%s", dept);
    return p;
}

static const Lesson LESSON3 = {.id = "passwords", .measure = 3, .part = 1, .version = 2};

/* Two active people (one who read lesson 3 and passed its test on the second try), one
 * inactive. */
static Store *fill(Tmp *t)
{
    Err e = {{0}};
    Store *s = NULL;
    tmp_make(t);
    CHECK(store_open(&s, t->db, &e));
    Employee rows[3] = {person("0001", "山田 \"ハナ\" 花子\\", "総務", true),
                        person("0002", "Bob", "IT", true), person("0003", "Gone", "IT", false)};
    CHECK(store_import_employees(s, rows, 3, NOW - 1000, NULL, &e));
    CHECK(store_record_lesson(s, "0001", &LESSON3, NOW - 900, &e));
    Answer ans[2] = {{"q1", 1, true}, {"q2", 2, false}};
    Attempt a = {.code = "0001",
                 .kind = ATTEMPT_TEST,
                 .measure = 3,
                 .seed = 1,
                 .finished = true,
                 .score = 1,
                 .total = 2,
                 .pass_percent = 80,
                 .started = NOW - 880,
                 .ended = NOW - 860,
                 .answers = ans,
                 .nanswers = 2};
    CHECK(store_record_attempt(s, &a, &e));
    ans[1].correct = true;
    a.score = 2, a.passed = true, a.started = NOW - 700, a.ended = NOW - 600;
    CHECK(store_record_attempt(s, &a, &e));
    return s;
}

static char *report_text(Store *s, const Content *c, bool *ok)
{
    char *buf = NULL;
    size_t len = 0;
    Err e = {{0}};
    FILE *f = open_memstream(&buf, &len);
    *ok = report_json(s, c, f, NOW, &e);
    fclose(f);
    return buf;
}

/* argv after the verb, NULL-terminated (at most 4). */
static Ran report_cli(const char *db, const Content *c, const char *a1, const char *a2, const char *a3,
                      const char *a4)
{
    char *argv[6] = {"report", (char *)a1, (char *)a2, (char *)a3, (char *)a4, NULL};
    int argc = 1;
    while (argc < 5 && argv[argc])
        argc++;
    static Ran r; /* large: kept off the stack */
    Capture cap;
    capture_begin(&cap);
    CliContext cx = {.db = db, .content = c, .now = NOW};
    r.status = cli_report(&cx, argc, argv);
    capture_end(&cap, &r);
    return r;
}

static Ran verify_cli(const char *db, const char *a1)
{
    char *argv[3] = {"verify", (char *)a1, NULL};
    static Ran r;
    Capture cap;
    capture_begin(&cap);
    CliContext cx = {.db = db};
    r.status = cli_verify(&cx, a1 ? 2 : 1, argv);
    capture_end(&cap, &r);
    return r;
}

/* ---- report_json ---- */

static void test_checker_itself(void)
{
    CHECK(json_valid("{\"a\": [1, -2, true, false, null, \"x\\n\\u00e9\"], \"b\": {}}"));
    CHECK(!json_valid("{\"a\": 1,}"));
    CHECK(!json_valid("{\"a\" 1}"));
    CHECK(!json_valid("[1, 2"));
    CHECK(!json_valid("\"tab\there\""));
    CHECK(!json_valid("{} {}"));
    CHECK(!json_valid("[01]"));
}

static void test_report_shape(void)
{
    Tmp t;
    Store *s = fill(&t);
    Content c = {0};
    memcpy(c.version, "0123456789abcdef", 17);
    bool ok;
    char *text = report_text(s, &c, &ok);
    CHECK(ok);
    CHECK(json_valid(text));
    const char *head = "{\n  \"generated\": \"2023-11-14T22:13:20Z\",\n"
                       "  \"content_version\": \"0123456789abcdef\",\n  \"demo_people\": 0,\n"
                       "  \"employees\": [\n";
    CHECK(strncmp(text, head, strlen(head)) == 0);
    CHECK(contains(text, "\"name\": \"山田 \\\"ハナ\\\" 花子\\\\\"")); /* escaped */
    CHECK(contains(text, "\"code\": \"0002\""));
    CHECK(!contains(text, "Gone")); /* inactive: left out */
    CHECK(occurrences(text, "\"lesson\": ") == 2 * MEASURES);
    CHECK(occurrences(text, "\"25\": {") == 2);
    CHECK(contains(text, "\n        \"3\": {\"lesson\": {\"read\": true, \"read_at\":"
                         " \"2023-11-14T21:58:20Z\", \"version\": 2}, \"test\": {\"passed\":"
                         " true, \"best_score\": 2, \"best_total\": 2, \"passed_at\":"
                         " \"2023-11-14T22:03:20Z\", \"attempts\": 2}, \"refresher\": {\"state\":"
                         " \"none\", \"due_at\": \"2024-11-14T22:03:20Z\"}},\n"));
    CHECK(contains(text, "\n        \"1\": {\"lesson\": {\"read\": false}, \"test\":"
                         " {\"passed\": false, \"best_score\": 0, \"best_total\": 0,"
                         " \"passed_at\": null, \"attempts\": 0}, \"refresher\": {\"state\":"
                         " \"none\", \"due_at\": null}},\n"));
    CHECK(contains(text, "\"last_activity\": \"2023-11-14T22:03:20Z\""));
    CHECK(occurrences(text, "\"followup\": {") == 2);
    CHECK(occurrences(text, "\"read\": true") == 1);
    CHECK(occurrences(text, "\"passed\": true") == 1);
    CHECK(occurrences(text, "\n      \"pledge\": {\n        \"state\": \"none\",\n"
                            "        \"version\": null,\n        \"signed_at\": null,\n"
                            "        \"record_code\": null\n      },\n") == 2);
    CHECK(contains(text, "\n  ],\n  \"one_star\": {\n    \"ready\": false,\n"
                         "    \"president_signed\": false,\n    \"missing\": [\n      \"0002\",\n"
                         "      \"0001\"\n    ]\n  },\n  \"diagnosis\": {\n    \"latest\": null,\n"
                         "    \"history\": []\n  }\n}\n")); /* roster order; no diagnosis yet */
    free(text);
    text = report_text(s, NULL, &ok);
    CHECK(ok && json_valid(text) && contains(text, "\"content_version\": null"));
    free(text);
    store_close(s);
    tmp_remove(&t);
}

/* A signature good enough for the store (pledge_signature_ok). */
static Signature *some_signature(void)
{
    static Signature sig; /* large: kept off the stack */
    pledge_sig_init(&sig, 600, 200);
    for (int x = 60; x <= 300; x += 10)
        pledge_add_point(&sig, x, 100 + (x / 10 % 2 ? -30 : 30), (uint32_t)x);
    return &sig;
}

static bool sign(Store *s, const char *code, PledgeKind kind, int version, int64_t now, char hash[65])
{
    Err e = {{0}};
    PledgeSigning p = {.code = code,
                       .kind = kind,
                       .version = version,
                       .text = "the text",
                       .name = code,
                       .now = now,
                       .signature = some_signature()};
    bool ok = store_sign_pledge(s, &p, hash, &e);
    if (!ok)
        fprintf(stderr, "sign: %s\n", e.msg);
    return ok;
}

/* Each person's pledge state, and one-star readiness: the president and every active person
 * signed the current version of the text. */
static void test_report_pledges(void)
{
    Tmp t;
    Store *s = fill(&t);
    Err e = {{0}};
    Employee boss = person("0009", "社長", "役員", true);
    boss.role = ROLE_PRESIDENT;
    CHECK(store_put_employee(s, &boss, NOW - 800, &e));
    Pledge pledge = {.version = 2};
    Content c = {.pledge = &pledge};
    char hash[65], code[10], want[512];
    CHECK(sign(s, "0001", PLEDGE_EMPLOYEE, 1, NOW - 500, hash)); /* an earlier version */
    CHECK(sign(s, "0009", PLEDGE_PRESIDENT, 2, NOW - 400, hash));
    pledge_record_code(hash, code);
    bool ok;
    char *text = report_text(s, &c, &ok);
    CHECK(ok && json_valid(text));
    CHECK(contains(text, "\"pledge\": {\n        \"state\": \"old_version\",\n        \"version\": 1,\n"
                         "        \"signed_at\": \"2023-11-14T22:05:00Z\",\n"));
    snprintf(want, sizeof want,
             "\"pledge\": {\n        \"state\": \"signed\",\n        \"version\": 2,\n"
             "        \"signed_at\": \"2023-11-14T22:06:40Z\",\n        \"record_code\": \"%s\"\n      }",
             code);
    CHECK(contains(text, want));
    CHECK(contains(text, "\"one_star\": {\n    \"ready\": false,\n    \"president_signed\": true,\n"
                         "    \"missing\": [\n      \"0002\",\n      \"0001\"\n    ]\n  }"));
    free(text);
    CHECK(sign(s, "0001", PLEDGE_EMPLOYEE, 2, NOW - 300, hash));
    CHECK(sign(s, "0002", PLEDGE_EMPLOYEE, 2, NOW - 200, hash));
    text = report_text(s, &c, &ok);
    CHECK(ok && json_valid(text) && occurrences(text, "\"state\": \"signed\"") == 3);
    CHECK(contains(text, "\"one_star\": {\n    \"ready\": true,\n    \"president_signed\": true,\n"
                         "    \"missing\": []\n  }"));
    free(text);
    pledge.version = 3; /* a new text: nobody is ready any more */
    text = report_text(s, &c, &ok);
    CHECK(ok && occurrences(text, "\"state\": \"old_version\"") == 3);
    CHECK(contains(text, "\"ready\": false,\n    \"president_signed\": false,"));
    free(text);
    store_close(s);
    tmp_remove(&t);
}

static void test_report_empty_roster(void)
{
    Tmp t;
    Store *s = NULL;
    Err e = {{0}};
    tmp_make(&t);
    CHECK(store_open(&s, t.db, &e));
    bool ok;
    char *text = report_text(s, NULL, &ok);
    CHECK(ok && json_valid(text) && contains(text, "\"employees\": []"));
    CHECK(contains(text, "\"one_star\": {\n    \"ready\": false,\n    \"president_signed\": false,\n"
                         "    \"missing\": []\n  }"));
    free(text);
    store_close(s);
    tmp_remove(&t);
}

static void test_report_write_error(void)
{
    Tmp t;
    Store *s = fill(&t);
    Err e = {{0}};
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        CHECK(!report_json(s, NULL, full, NOW, &e));
        CHECK(contains(e.msg, "could not write the report"));
        fclose(full);
    }
    store_close(s);
    tmp_remove(&t);
}

static void test_iso_time(void)
{
    char buf[32];
    report_iso_time(0, buf, sizeof buf);
    CHECK_STR(buf, "1970-01-01T00:00:00Z");
    report_iso_time(NOW, buf, sizeof buf);
    CHECK_STR(buf, "2023-11-14T22:13:20Z");
    report_iso_time(951782400, buf, sizeof buf); /* a leap day */
    CHECK_STR(buf, "2000-02-29T00:00:00Z");
}

/* ---- mamori report ---- */

static void test_cli_report_stdout_and_file(void)
{
    Tmp t;
    store_close(fill(&t));
    Ran r = report_cli(t.db, NULL, NULL, NULL, NULL, NULL);
    CHECK(r.status == 0 && json_valid(r.out) && r.err[0] == '\0');
    r = report_cli(t.db, NULL, "--format", "json", NULL, NULL);
    CHECK(r.status == 0 && json_valid(r.out));
    char out[200];
    snprintf(out, sizeof out, "%s/report.json", t.dir);
    FILE *f = fopen(out, "w");
    fputs("old report", f);
    fclose(f);
    int before = dir_entries(t.dir);
    r = report_cli(t.db, NULL, "--out", out, "--format=json", NULL);
    CHECK(r.status == 0 && r.out[0] == '\0' && r.err[0] == '\0');
    char *text = file_text(out, NULL);
    CHECK(text && json_valid(text) && contains(text, "\"passed\": true"));
    free(text);
    CHECK(dir_entries(t.dir) == before); /* replaced, no temporary file left */
    struct stat st;
    CHECK(stat(out, &st) == 0 && (st.st_mode & 0777) == 0600); /* private: it holds names */
    tmp_remove(&t);
}

static void test_cli_report_failures_leave_no_file(void)
{
    Tmp t;
    store_close(fill(&t));
    Ran r = report_cli(t.db, NULL, "--out", "/tmp/mamori-no-such-dir/r.json", NULL, NULL);
    CHECK(r.status == 1);
    CHECK(contains(r.err, "mamori: cannot write /tmp/mamori-no-such-dir/r.json: No such file"));
    char sub[200];
    snprintf(sub, sizeof sub, "%s/a-directory", t.dir);
    CHECK(mkdir(sub, 0755) == 0);
    int before = dir_entries(t.dir);
    r = report_cli(t.db, NULL, "--out", sub, NULL, NULL); /* the rename cannot replace it */
    CHECK(r.status == 1 && contains(r.err, "cannot write") && count_lines(r.err) == 1);
    CHECK(dir_entries(t.dir) == before); /* the temporary file is gone */
    tmp_remove(&t);
}

static void test_cli_report_usage(void)
{
    Tmp t;
    tmp_make(&t);
    Ran r = report_cli(t.db, NULL, "--format", "xlsx", NULL, NULL);
    CHECK(r.status == 2);
    CHECK_STR(r.err, "mamori: report: the xlsx format needs --out FILE (see mamori report --help)\n");
    r = report_cli(t.db, NULL, "--format", "pdf", NULL, NULL);
    CHECK(r.status == 2 && contains(r.err, "unknown format 'pdf'"));
    r = report_cli(t.db, NULL, "--format", NULL, NULL, NULL);
    CHECK(r.status == 2 && contains(r.err, "--format needs a value"));
    r = report_cli(t.db, NULL, "--out", NULL, NULL, NULL);
    CHECK(r.status == 2 && contains(r.err, "--out needs a file name"));
    r = report_cli(t.db, NULL, "--verbose", NULL, NULL, NULL);
    CHECK(r.status == 2 && contains(r.err, "unknown argument '--verbose'"));
    r = report_cli(t.db, NULL, "--help", NULL, NULL, NULL);
    CHECK(r.status == 0 && contains(r.out, "usage: mamori report"));
    CHECK(dir_entries(t.dir) == 0); /* usage errors open nothing */
    r = report_cli("/tmp/mamori-no-such-dir/m.db", NULL, NULL, NULL, NULL, NULL);
    CHECK(r.status == 1 && contains(r.err, "there is no database at /tmp/mamori-no-such-dir/m.db"));
    CHECK(access("/tmp/mamori-no-such-dir", F_OK) != 0); /* a report creates nothing */
    tmp_remove(&t);
}

/* ---- mamori verify ---- */

static void test_cli_verify(void)
{
    Tmp t;
    Store *s = fill(&t);
    VerifyResult vr;
    Err e = {{0}};
    CHECK(store_verify(s, &vr, &e) && vr.ok);
    store_close(s);
    Ran r = verify_cli(t.db, NULL);
    char want[160];
    snprintf(want, sizeof want, "ok: 6 records, head %s\nsealed: every record with the chain key ", vr.head);
    CHECK(r.status == 0);
    CHECK(strncmp(r.out, want, strlen(want)) == 0);
    CHECK(contains(r.out,
                   " (keyed BLAKE2b; HMAC-SHA-256 where an older mamori wrote it)\nwitness: agrees (it saw 6"
                   " records"));
    sqlite3 *db;
    CHECK(sqlite3_open(t.db, &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db,
                       "UPDATE events SET payload = replace(payload, '\"score\":1',"
                       " '\"score\":2') WHERE seq = 5",
                       NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    r = verify_cli(t.db, NULL);
    CHECK(r.status == 3 && r.out[0] == '\0'); /* CLI_BROKEN */
    CHECK_STR(r.err, "mamori: record 5: its contents do not match its hash: edited"
                     " (or written without the chain key) (the 4 records before it are intact)\n");
    r = verify_cli(t.db, "--now");
    CHECK(r.status == 2 && contains(r.err, "unknown argument '--now'"));
    r = verify_cli(t.db, "--help");
    CHECK(r.status == 0 && contains(r.out, "usage: mamori verify"));
    tmp_remove(&t);
    tmp_make(&t);
    r = verify_cli(t.db, NULL); /* no database there: a mistake, and nothing is created */
    CHECK(r.status == 1 && contains(r.err, "there is no database at"));
    CHECK(access(t.db, F_OK) != 0);
    Store *empty;

    CHECK(store_open(&empty, t.db, &e));
    store_close(empty);
    r = verify_cli(t.db, NULL);
    CHECK(r.status == 0);
    CHECK(strncmp(r.out, "ok: 0 records, head none\n", 25) == 0);
    FILE *f = fopen(t.db, "w"); /* a 0-byte file is not an empty record (issue 15) */
    fclose(f);
    r = verify_cli(t.db, NULL);
    CHECK(r.status == 1 && contains(r.err, "is empty: not a mamori database"));
    f = fopen(t.db, "w");
    fputs("not a database", f);
    fclose(f);
    r = verify_cli(t.db, NULL);
    CHECK(r.status == 1 && contains(r.err, "is not a mamori database"));
    tmp_remove(&t);
}

int main(void)
{
    RUN(test_checker_itself);
    RUN(test_report_shape);
    RUN(test_report_pledges);
    RUN(test_report_empty_roster);
    RUN(test_report_write_error);
    RUN(test_iso_time);
    RUN(test_cli_report_stdout_and_file);
    RUN(test_cli_report_failures_leave_no_file);
    RUN(test_cli_report_usage);
    RUN(test_cli_verify);
    return TEST_END();
}
