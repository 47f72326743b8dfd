/* test_xapi.c — xAPI 1.0.3 (xapi.h, cli_xapi.h): every kind of statement (lesson read, test
 * passed, failed and abandoned, each answer, follow-up quiz, pledge signed) checked by an
 * independent validator (the npm package xapi-validation, installed by this test into a
 * temporary folder, run by node from tests/xapi_lrs.js), and `xapi send` to a learning record
 * store started by the test on 127.0.0.1 that checks the headers, the basic auth and the bodies:
 * batches, idempotent ids, the bookmark, a retry after a 503, an answer that cannot be trusted,
 * a wrong password. */
#include "capture.h"
#include "helpers.h"
#include "test.h"
#include "tmpdir.h"

#include "cli_xapi.h"
#include "store.h"
#include "xapi.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

enum { T0 = 1764000000 };

static Tmp tmp;
static Content content;
static char node_path[200];

static Ran xapi(const char *a1, const char *a2, const char *a3, const char *a4, const char *a5)
{
    char *argv[7] = {"xapi", (char *)a1, (char *)a2, (char *)a3, (char *)a4, (char *)a5, NULL};
    int argc = 1;
    while (argc < 6 && argv[argc])
        argc++;
    Ran r;
    Capture c;
    capture_begin(&c);
    CliContext cx = {.db = tmp.db, .content = &content, .now = T0 + 5000};
    r.status = cli_xapi(&cx, argc, argv);
    capture_end(&c, &r);
    return r;
}

static bool attempt(Store *s, const char *code, AttemptKind kind, int measure, bool finished, int score,
                    int64_t t, Err *e)
{
    Answer ans[3] = {{"q-a", 1, true}, {"q-b", 5, score >= 2}, {"q-c", 2, score >= 3}};
    Attempt a = {.code = code,
                 .kind = kind,
                 .measure = measure,
                 .seed = 7,
                 .finished = finished,
                 .score = score,
                 .total = 3,
                 .pass_percent = 80,
                 .passed = finished && score == 3,
                 .started = t - 95,
                 .ended = t,
                 .answers = ans,
                 .nanswers = finished ? 3 : 1};
    return store_record_attempt(s, &a, e);
}

static bool sign(Store *s, Err *e)
{
    Arena a = {0};
    Signature *sig = xcalloc(1, sizeof *sig);
    pledge_sig_init(sig, 600, 200);
    for (int i = 0; i < 40; i++)
        pledge_add_point(sig, 50 + i * 12, i % 2 ? 60 : 140, (uint32_t)(i * 16));
    PledgeSigning p = {.code = "0042",
                       .kind = PLEDGE_EMPLOYEE,
                       .version = content.pledge->version,
                       .text = pledge_compose(content.pledge, PLEDGE_EMPLOYEE, LANG_JA, &a),
                       .name = "山田 \"花子\"",
                       .lang = LANG_JA,
                       .now = T0 + 400,
                       .signature = sig};
    bool ok = store_sign_pledge(s, &p, NULL, e);
    free(sig);
    arena_free(&a);
    return ok;
}

/* Two people; a lesson read, a test passed, one failed, one abandoned, a follow-up, a pledge. */
static bool records(Err *e)
{
    Store *s;
    Employee p[2] = {{.code = "0042", .name = "山田 \"花子\"", .department = "総務", .active = true},
                     {.code = "0007", .name = "Boss <&>", .role = ROLE_PRESIDENT, .active = true}};
    bool ok = store_open(&s, tmp.db, e) && store_import_employees(s, p, 2, T0, NULL, e) &&
              store_record_lesson(s, "0042", content_lesson(&content, 1), T0 + 100, e) &&
              attempt(s, "0042", ATTEMPT_TEST, 1, true, 1, T0 + 200, e) &&
              attempt(s, "0042", ATTEMPT_TEST, 1, true, 3, T0 + 300, e) &&
              attempt(s, "0007", ATTEMPT_TEST, 2, false, 0, T0 + 350, e) && sign(s, e) &&
              attempt(s, "0042", ATTEMPT_FOLLOWUP, 0, true, 2, T0 + 900, e);
    store_close(s);
    return ok;
}

static int run(const char *cmd)
{
    int rc = system(cmd);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void test_every_kind_validates(void)
{
    char out[200], cmd[600];
    snprintf(out, sizeof out, "%s/all.json", tmp.dir);
    Ran r = xapi("export", "--out", out, NULL, NULL);
    CHECK(r.status == 0 && contains(r.out, "wrote 16 statements (6 records)"));
    snprintf(cmd, sizeof cmd, "NODE_PATH=%s node tests/xapi_lrs.js validate %s > %s/kinds.txt", node_path,
             out, tmp.dir);
    CHECK(run(cmd) == 0);
    snprintf(cmd, sizeof cmd, "%s/kinds.txt", tmp.dir);
    size_t len;
    char *kinds = file_text(cmd, &len), *json = file_text(out, &len);
    CHECK(kinds && json);
    if (!kinds || !json)
        return;
    CHECK(contains(kinds, "lesson experienced\n"));
    CHECK(contains(kinds, "assessment failed\n") && contains(kinds, "assessment passed\n"));
    CHECK(contains(kinds, "assessment terminated\n") && contains(kinds, "assessment completed\n"));
    CHECK(occurrences(kinds, "cmi.interaction answered\n") == 10); /* 3 + 3 + 1 + 3 */
    CHECK(contains(kinds, "assessment signed\n"));
    CHECK(contains(kinds, "16 statements, 0 problems"));
    CHECK(contains(json, "\"account\":{\"homePage\":\"https://mamori.invalid\",\"name\":\"0042\"}"));
    CHECK(contains(json, "\"name\":\"山田 \\\"花子\\\"\"") && contains(json, "\"name\":\"Boss <&>\""));
    CHECK(contains(json, "\"score\":{\"raw\":3,\"min\":0,\"max\":3,\"scaled\":1.0000}"));
    CHECK(contains(json, "\"success\":true,\"completion\":true,\"duration\":\"PT95S\""));
    CHECK(contains(json, "\"response\":\"0[,]2\"")); /* choices 1 and 3 picked (bits 0b101) */
    CHECK(contains(json, "\"id\":\"https://mamori.invalid/xapi/verbs/signed\""));
    free(kinds);
    free(json);
    /* --since keeps the later records only; the same records give the same statements */
    r = xapi("export", "--since", "2025-11-24T16:06:00Z", "--out", out);
    CHECK(r.status == 0 && contains(r.out, "wrote 5 statements (2 records)"));
}

/* A learning record store of our own: returns its pid; port gets its port. */
static pid_t lrs_start(const char *log, int *port)
{
    int fd[2];
    if (pipe(fd) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fd[1], 1);
        close(fd[0]);
        setenv("NODE_PATH", node_path, 1);
        setenv("LRS_USER", "kiosk", 1);
        setenv("LRS_PASSWORD", "s3cret:pw", 1);
        execlp("node", "node", "tests/xapi_lrs.js", "serve", log, (char *)NULL);
        _exit(127);
    }
    close(fd[1]);
    char buf[32] = "";
    ssize_t n = read(fd[0], buf, sizeof buf - 1);
    close(fd[0]);
    *port = n > 0 ? atoi(buf) : 0;
    return pid;
}

static void test_send_to_an_lrs(void)
{
    char log[200], url[200], liar[200], flaky[200];
    int port;
    snprintf(log, sizeof log, "%s/lrs.log", tmp.dir);
    pid_t pid = lrs_start(log, &port);
    CHECK(pid > 0 && port > 0);
    snprintf(url, sizeof url, "http://127.0.0.1:%d/xapi/", port);
    snprintf(liar, sizeof liar, "http://127.0.0.1:%d/liar", port);
    snprintf(flaky, sizeof flaky, "http://127.0.0.1:%d/flaky", port);
    setenv("MAMORI_LRS_USER", "kiosk", 1);
    setenv("MAMORI_LRS_PASSWORD", "wrong", 1);
    Ran r = xapi("send", "--lrs", url, NULL, NULL);
    CHECK(r.status == 1 && contains(r.err, "answered HTTP 401"));
    setenv("MAMORI_LRS_PASSWORD", "s3cret:pw", 1);
    r = xapi("send", "--lrs", liar, NULL, NULL);
    CHECK(r.status == 1 && contains(r.err, "not with the 16 statement ids sent; not trusted"));
    r = xapi("send", "--lrs", flaky, NULL, NULL); /* 503 first, then accepted */
    CHECK(r.status == 0 && contains(r.err, "HTTP 503") && contains(r.err, "trying again"));
    if (r.status)
        fprintf(stderr, "flaky: %s\n", r.err);
    CHECK(contains(r.out, "sent 6 records (16 statements)"));
    CHECK(contains(r.err, "sent 6/6 records (16 statements)\n"));
    r = xapi("send", "--lrs", url, NULL, NULL); /* the bookmark: nothing new */
    CHECK(r.status == 0 && contains(r.out, "nothing new to send"));
    r = xapi("send", "--lrs", url, "--since", "2025-11-24"); /* resend: the same ids */
    CHECK(r.status == 0 && contains(r.out, "sent 6 records"));
    kill(pid, SIGTERM);
    waitpid(pid, NULL, 0);
    size_t len;
    char *text = file_text(log, &len);
    CHECK(text != NULL);
    if (text) {
        CHECK(occurrences(text, "\"auth\":true") == 4 && occurrences(text, "\"auth\":false") == 1);
        CHECK(occurrences(text, "\"version\":\"1.0.3\",\"json\":true") == 5);
        CHECK(occurrences(text, "\"problems\":[]") == 5);
        CHECK(occurrences(text, "\"path\":\"/xapi/statements\"") == 2);
        CHECK(!contains(text, "s3cret"));
        char *ids[8] = {0}; /* each request's ids: the resend (the 5th) names what the 4th did */
        int k = 0;
        for (char *p = strstr(text, "\"ids\":["); p && k < 8; p = strstr(p + 1, "\"ids\":["))
            ids[k++] = p;
        CHECK(k == 5 && strncmp(ids[3], ids[4], 7 + 16 * 39) == 0);
    }
    free(text);
}

static void test_usage(void)
{
    CHECK(xapi(NULL, NULL, NULL, NULL, NULL).status == 2);
    CHECK(xapi("export", NULL, NULL, NULL, NULL).status == 2);
    CHECK(xapi("send", NULL, NULL, NULL, NULL).status == 2);
    Ran r = xapi("export", "--since", "yesterday", "--out", "x.json");
    CHECK(r.status == 2 && contains(r.err, "'yesterday' is not a time"));
    CHECK(xapi("send", "--lrs", "http://x", "--out", "y").status == 2);
    CHECK(xapi("--help", NULL, NULL, NULL, NULL).status == 0);
    r = xapi("send", "--lrs", "ftp://127.0.0.1:1", "--since", "2025-01-01");
    CHECK(r.status == 1);
    int64_t t;
    CHECK(xapi_parse_time("2025-04-01T09:00:00+09:00", &t) && t == 1743465600);
    CHECK(xapi_parse_time("2025-04-01", &t) && t == 1743465600);
    CHECK(!xapi_parse_time("2025-04-01T09:00", &t) && !xapi_parse_time("2025-13-01", &t));
    char a[37], b[37];
    xapi_uuid_from("6f1c2a4e-0000-4000-8000-000000000000", 1, a);
    xapi_uuid_from("6f1c2a4e-0000-4000-8000-000000000000", 1, b);
    CHECK(strcmp(a, b) == 0 && a[14] == '8' && strchr("89ab", a[19]));
}

/* The same records on the PostgreSQL test server (tests/run.sh starts one) give the same
 * statements, checked by the same validator. */
static void run_on_postgres(void)
{
    const char *prefix = getenv("MAMORI_TEST_PG_URI");
    if (!prefix || !prefix[0]) {
        printf("skip PostgreSQL: no test server (tests/run.sh starts one; package postgresql)\n");
        return;
    }
    Err e = {{0}};
    Tmp file_tmp = tmp, home;
    tmp_make_named(&home, "xapihome"); /* this machine's kiosk-id goes here, not in the real home */
    setenv("XDG_DATA_HOME", home.dir, 1);
    tmp_use_pg(prefix);
    tmp_make_named(&tmp, "xapipg");
    printf("-- the same records on PostgreSQL\n");
    CHECK(records(&e));
    if (!e.msg[0])
        RUN(test_every_kind_validates);
    else
        fprintf(stderr, "records on PostgreSQL: %s\n", e.msg);
    tmp_remove(&tmp);
    tmp_use_pg(NULL);
    tmp = file_tmp;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", home.dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", home.dir);
}

int main(void)
{
    ErrList errs = {0};
    Err e = {{0}};
    tmp_make_named(&tmp, "xapi");
    snprintf(node_path, sizeof node_path, "%s/npm/node_modules", tmp.dir);
    char cmd[400];
    snprintf(cmd, sizeof cmd,
             "npm install --silent --no-audit --no-fund --prefix %s/npm xapi-validation >/dev/null 2>&1",
             tmp.dir);
    if (!content_load(&content, "content", &errs) || !content.pledge || !records(&e) || run(cmd) != 0) {
        fprintf(stderr, "setup: %s %s (npm install xapi-validation: needs the npm registry)\n", e.msg,
                errs.nmsgs ? errs.msgs[0] : "");
        printf("0 passed, 1 failed\n");
        return 1;
    }
    RUN(test_every_kind_validates);
    RUN(test_send_to_an_lrs);
    RUN(test_usage);
    run_on_postgres();
    (void)tmp_remove; /* the npm folder is deeper than tmp_remove goes: rm -rf below */
    content_free(&content);
    errlist_free(&errs);
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmp.dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmp.dir);
    return TEST_END();
}
