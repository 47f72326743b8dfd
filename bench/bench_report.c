/* bench_report.c — `mamori report` in each format over 1,000 employees and 250,000 answers.
 *
 * Setup (not timed): the shipped content, a roster of 1,000 people in 8 departments, then per
 * person 25 lessons read, 25 comprehension tests and 25 follow-up quizzes of 5 answers each
 * (250 answers a person; about 1 in 7 fails two tests, about 1 in 5 passed a test more than a
 * year ago, so the overdue list and the refreshers are not empty). Everything is written through
 * the store's own verbs (store_import_employees, store_record_lesson, store_record_attempt), so
 * the events, their hash chain and the derived tables are exactly what the kiosk writes; each
 * verb runs its own transaction, and only for this setup the connection is switched to
 * PRAGMA synchronous=OFF (through store_db) so 75,000 transactions take seconds, not minutes.
 *
 * Timed: cli_report(...) with --out, as `mamori report --format F --out FILE` runs it (open the
 * database, gather, verify the chain, write a temporary file, fsync, rename), median of 3, plus
 * the parts (progress of everyone, chain verification) so a slow format can be explained.
 * Prints figures only (target < 500 ms each, DESIGN.md); asserts nothing. argv[1]: a temp dir.
 * argv[2] (optional): an empty PostgreSQL database; the record is copied there (store_copy, timed)
 * and the same reports and parts are timed on it. */
#include "bench_util.h"
#include "bench_roster.h"
#include "cli_store.h"
#include "report_model.h"
#include "store_internal.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The store's SQLite connection: setup switches its fsync off. */
static sqlite3 *store_db(Store *s)
{
    return db_native(store_conn(s));
}

enum { PEOPLE = 1000, QUIZ = 5, RUNS = 3, DAY = 86400 };
static const int64_t NOW = 1767225600; /* 2026-01-01T00:00:00Z */
static const char *const DEPTS[] = {"総務部",     "営業一課", "営業二課", "製造部",
                                    "品質管理部", "経理部",   "開発部",   "物流センター"};

static bool die_err(const char *what, const Err *e)
{
    fprintf(stderr, "bench_report: %s: %s\n", what, e->msg);
    return false;
}

static void named_dept(int i, char *buf, size_t size)
{
    snprintf(buf, size, "%s", DEPTS[i % 8]);
}

static bool setup_roster(Store *s, Err *e)
{
    static Employee rows[PEOPLE];
    bench_roster(rows, PEOPLE, "%04d", named_dept);
    return store_import_employees(s, rows, PEOPLE, NOW - 400 * DAY, NULL, e);
}

/* QUIZ answers from pool questions starting at `first`, `right` of them correct. */
static void fill_answers(const Pool *pool, int first, int right, Answer *out)
{
    for (int k = 0; k < QUIZ; k++) {
        const Question *q = &pool->questions[(first + k) % pool->nquestions];
        out[k] = (Answer){.question_id = q->id, .picked = 1, .correct = k < right};
    }
}

static bool record_quiz(Store *s, const char *code, AttemptKind kind, int measure, const Answer *ans,
                        int right, int64_t t, Err *e)
{
    Attempt a = {.code = code,
                 .kind = kind,
                 .measure = kind == ATTEMPT_TEST ? measure : 0,
                 .seed = (uint64_t)t,
                 .finished = true,
                 .score = right,
                 .total = QUIZ,
                 .pass_percent = 80,
                 .passed = right * 100 >= 80 * QUIZ,
                 .started = t - 120,
                 .ended = t,
                 .answers = ans,
                 .nanswers = QUIZ};
    return store_record_attempt(s, &a, e);
}

/* One person's year: lesson, test, and later a follow-up quiz for every measure. */
static bool setup_person(Store *s, const Content *c, int i, Err *e)
{
    char code[8];
    snprintf(code, sizeof code, "%04d", i + 1);
    int64_t start = NOW - (i % 5 == 0 ? 420 : 300) * DAY + (int64_t)i * 600;
    bool ok = true;
    for (int m = 1; ok && m <= MEASURES; m++) {
        const Pool *pool = content_pool(c, m);
        Answer ans[QUIZ];
        int64_t t = start + (int64_t)m * 3 * DAY;
        int right = i % 7 == 3 && m > 23 ? 2 : 4 + (m + i) % 2; /* 1 in 7 fails two tests */
        fill_answers(pool, i + m, right, ans);
        ok = store_record_lesson(s, code, content_lesson(c, m), t, e) &&
             record_quiz(s, code, ATTEMPT_TEST, m, ans, right, t + 600, e);
        fill_answers(pool, i + m + 2, 3 + (i + m) % 3, ans);
        ok = ok && record_quiz(s, code, ATTEMPT_FOLLOWUP, 0, ans, 3 + (i + m) % 3,
                               t + (int64_t)(10 + (i + m) % 40) * DAY, e);
    }
    return ok;
}

static bool setup(const char *db, const Content *c)
{
    Store *s = NULL;
    Err e = {{0}};
    double t0 = bench_ms();
    if (!store_open(&s, db, &e))
        return die_err("open", &e);
    store_set_content_version(s, c->version);
    sqlite3_exec(store_db(s), "PRAGMA synchronous=OFF", NULL, NULL, NULL); /* setup only */
    bool ok = setup_roster(s, &e);
    for (int i = 0; ok && i < PEOPLE; i++)
        ok = setup_person(s, c, i, &e);
    store_close(s);
    if (!ok)
        return die_err("setup", &e);
    printf("report setup: 1,000 people, 250,000 answers, 75,000+ records in %.1f s\n",
           (bench_ms() - t0) / 1000);
    return true;
}

/* ---- timing ---- */

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Median wall-clock and CPU milliseconds of RUNS reports; false when one failed. */
static bool time_cli(const char *db, const Content *c, const char *format, const char *out, double *wall,
                     double *cpu)
{
    char *argv[] = {"report", "--format", (char *)format, "--out", (char *)out, NULL};
    CliContext cx = {.db = db, .content = c, .now = NOW};
    double w[RUNS], u[RUNS];
    for (int r = 0; r < RUNS; r++) {
        double t0 = bench_ms(), c0 = cpu_ms();
        if (cli_report(&cx, 5, argv) != 0)
            return false;
        w[r] = bench_ms() - t0, u[r] = cpu_ms() - c0;
    }
    *wall = bench_quantile(w, RUNS, 0.5), *cpu = bench_quantile(u, RUNS, 0.5);
    return true;
}

static void time_parts(const char *db, const Content *c)
{
    Store *s = NULL;
    Err e = {{0}};
    ReportModel m;
    VerifyResult v;
    ReportQuery q = {.department = NULL, .now = NOW, .tz_offset = 0, .skip_chain = false};
    if (!store_open(&s, db, &e))
        return (void)die_err("open", &e);
    double t0 = bench_ms();
    bool ok = store_verify_chain(s, &v, &e);
    double t1 = bench_ms();
    ok = ok && store_verify(s, &v, &e);
    double t2 = bench_ms();
    ok = ok && report_model_build(s, c, &q, &m, &e);
    double t3 = bench_ms();
    if (ok) {
        printf("  parts: chain verification %.0f ms (%lld records); mamori verify (chain and every"
               " table against it) %.0f ms; whole model (progress of %d people + chain) %.0f ms;"
               " %d on the overdue list\n",
               t1 - t0, (long long)v.count, t2 - t1, m.npeople, t3 - t2, m.nlate);
        report_model_free(&m);
    } else {
        die_err("model", &e);
    }
    store_close(s);
}

/* Every format over db, then the parts; false when one failed. */
static bool time_reports(const char *db, const Content *c, const char *dir, const char *what)
{
    static const char *const formats[] = {"json", "csv", "html", "xlsx"};
    char out[1100];
    for (int i = 0; i < 4; i++) {
        snprintf(out, sizeof out, "%s/bench-report.%s", dir, formats[i]);
        double wall, cpu;
        if (!time_cli(db, c, formats[i], out, &wall, &cpu))
            return false;
        printf("report --format %-4s on %s (1,000 people, 250,000 answers): %.0f ms (CPU %.0f ms),"
               " median of %d (target < 500 ms)\n",
               formats[i], what, wall, cpu, RUNS);
    }
    time_parts(db, c);
    return true;
}

/* The SQLite record copied to the PostgreSQL database pg (empty), timed. */
static bool copy_to(const char *db, const char *pg)
{
    Store *from = NULL, *to = NULL;
    StoreCopy sc;
    Err e = {{0}};
    double t0 = bench_ms();
    bool ok = store_open(&from, db, &e) && store_open(&to, pg, &e) && store_copy(from, to, &sc, &e);
    store_close(to);
    store_close(from);
    if (!ok)
        return die_err("copy to PostgreSQL", &e);
    printf("mamori db copy SQLite -> PostgreSQL (%lld records, %lld rows, verified): %.1f s\n",
           (long long)sc.events, (long long)sc.rows, (bench_ms() - t0) / 1000);
    return true;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "/tmp";
    char db[1024];
    snprintf(db, sizeof db, "%s/bench-report.db", dir);
    remove(db);
    Content c = {0};
    ErrList errs = {0};
    if (!content_load(&c, "content", &errs)) {
        fprintf(stderr, "bench_report: content/ has errors (%s)\n", errs.nmsgs ? errs.msgs[0] : "");
        errlist_free(&errs);
        return 1;
    }
    bool ok = setup(db, &c) && time_reports(db, &c, dir, "SQLite");
    if (ok && argc > 2) /* an empty PostgreSQL database (bench/run.sh) */
        ok = copy_to(db, argv[2]) && time_reports(argv[2], &c, dir, "PostgreSQL");
    content_free(&c);
    return ok ? 0 : 1;
}
