/* bench_scale.c — the big record: 10,000 people and 1,010,000 events (issue 15's scale), made
 * once and kept, then the parts of the work on it that run inside one process.
 *
 * The record: 10,000 people in 40 departments (one president, a manager in 50); per person 25
 * lessons read, 25 comprehension tests and 50 follow-up quizzes of 5 answers each (one in ten
 * people signs the pledge in place of their last follow-up), so 101 events a person and
 * 1,010,000 in all, with about 3.7 million answers. Everything goes through the store's own verbs
 * (the same events, chain and derived rows the kiosk writes) inside one bulk transaction
 * (store_bulk_begin), so it takes seconds, not minutes.
 *
 * The record is kept in SCALE_DB (a build directory) and made again only when this program is
 * newer than it (a change to the store rebuilds this program). bench/run.sh then times whole
 * processes on it (verify, every report, kiosk start, roster import) with /usr/bin/time.
 *
 * Prints figures only; asserts nothing. Arguments (a temp dir, a PostgreSQL database) unused. */
#include "bench_util.h"
#include "bench_roster.h"
#include "report_model.h"
#include "store_internal.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#define SCALE_DB "build/rel/bench/scale.db"
#define SCALE_KEY "build/rel/bench/scale.key" /* its chain's key: bench/run.sh sets MAMORI_KEY to it */

enum { PEOPLE = 10000, DEPTS = 40, QUIZ = 5, FOLLOWUPS = 50, DAY = 86400 };
static const int64_t NOW = 1767225600; /* 2026-01-01T00:00:00Z */

static bool fail(const char *what, const Err *e)
{
    fprintf(stderr, "bench_scale: %s: %s\n", what, e->msg);
    return false;
}

static void numbered_dept(int i, char *buf, size_t size)
{
    snprintf(buf, size, "部署 %02d", i % DEPTS + 1);
}

static bool roster(Store *s, Err *e)
{
    static Employee rows[PEOPLE];
    bench_roster(rows, PEOPLE, "%05d", numbered_dept);
    return store_import_employees(s, rows, PEOPLE, NOW - 400 * DAY, NULL, e);
}

static void answers(const Pool *pool, int first, int right, Answer *out)
{
    for (int k = 0; k < QUIZ; k++)
        out[k] = (Answer){.question_id = pool->questions[(first + k) % pool->nquestions].id,
                          .picked = 1u << (k % 3),
                          .correct = k < right};
}

static bool quiz(Store *s, const char *code, AttemptKind kind, int measure, const Answer *ans, int right,
                 int64_t t, Err *e)
{
    Attempt a = {.code = code,
                 .kind = kind,
                 .measure = kind == ATTEMPT_TEST ? measure : 0,
                 .seed = (uint64_t)t * 7919u,
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

static const Signature *signature(void)
{
    static Signature sig; /* large: kept off the stack */
    pledge_sig_init(&sig, 600, 200);
    for (int x = 60; x <= 300; x += 10)
        pledge_add_point(&sig, x, 100 + (x / 10 % 2 ? -30 : 30), (uint32_t)x);
    return &sig;
}

static bool pledge(Store *s, const char *code, int i, int64_t t, Err *e)
{
    PledgeSigning p = {.code = code,
                       .kind = i == 0 ? PLEDGE_PRESIDENT : PLEDGE_EMPLOYEE,
                       .version = 1,
                       .text = "情報セキュリティ5か条を守ります。",
                       .name = code,
                       .now = t,
                       .signature = signature()};
    return store_sign_pledge(s, &p, NULL, e);
}

/* One person's year: every lesson and test, and fifty follow-up quizzes. */
static bool person(Store *s, const Content *c, int i, Err *e)
{
    char code[8];
    snprintf(code, sizeof code, "%05d", i + 1);
    int64_t start = NOW - (i % 5 == 0 ? 420 : 300) * DAY + (int64_t)(i % 1000) * 600;
    Answer ans[QUIZ];
    bool ok = true;
    for (int m = 1; ok && m <= MEASURES; m++) {
        const Pool *pool = content_pool(c, m);
        int64_t t = start + (int64_t)m * 3 * DAY;
        int right = i % 7 == 3 && m > 23 ? 2 : 4 + (m + i) % 2;
        answers(pool, i + m, right, ans);
        ok = store_record_lesson(s, code, content_lesson(c, m), t, e) &&
             quiz(s, code, ATTEMPT_TEST, m, ans, right, t + 600, e);
    }
    for (int f = 0; ok && f < FOLLOWUPS; f++) {
        int64_t t = start + 80 * DAY + (int64_t)f * 5 * DAY;
        if (f == FOLLOWUPS - 1 && i % 10 == 0) {
            ok = pledge(s, code, i, t, e);
            break;
        }
        answers(content_pool(c, f % MEASURES + 1), i + f, 3 + (i + f) % 3, ans);
        ok = quiz(s, code, ATTEMPT_FOLLOWUP, 0, ans, 3 + (i + f) % 3, t, e);
    }
    return ok;
}

static bool generate(const char *path, const Content *c)
{
    Store *s = NULL;
    Err e = {{0}};
    double t0 = bench_ms();
    remove(path);
    if (!store_open(&s, path, &e))
        return fail("open", &e);
    store_set_content_version(s, c->version);
    /* generating only: no fsync, a big page cache (the transaction is one big write) */
    sqlite3_exec(db_native(store_conn(s)), "PRAGMA synchronous=OFF; PRAGMA cache_size=-400000", NULL, NULL,
                 NULL);
    if (!store_bulk_begin(s, &e)) /* nothing to end: no bulk was started */
        return store_close(s), fail("generate", &e);
    bool ok = roster(s, &e);
    for (int i = 0; ok && i < PEOPLE; i++)
        ok = person(s, c, i, &e);
    Err end = {{0}};
    if (!store_bulk_end(s, &end) && ok) /* else e holds the first failure, the one to tell */
        ok = false, e = end;
    if (ok)
        sqlite3_exec(db_native(store_conn(s)), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    store_close(s);
    if (!ok)
        return fail("generate", &e);
    printf("scale record: 10,000 people, 1,010,000 records made in %.1f s (kept in %s)\n",
           (bench_ms() - t0) / 1000, path);
    return true;
}

static bool fresh(const char *path, const char *self)
{
    struct stat db, me, key;
    return stat(path, &db) == 0 && stat(self, &me) == 0 && db.st_mtime > me.st_mtime &&
           stat(SCALE_KEY, &key) == 0;
}

static long peak_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024;
}

/* One model over the record at path, read as the kiosk's job reads it (a read-only connection):
 * its wall and CPU milliseconds and the people in it; false when it failed. */
static bool timed_model(const char *path, const Content *c, const ReportQuery *q, double *wall, double *cpu,
                        int *people)
{
    Store *s = NULL;
    Err e = {{0}};
    ReportModel m;
    if (!store_open_readonly(&s, path, &e))
        return fail("open", &e);
    double t0 = bench_ms(), c0 = bench_cpu_ms();
    bool ok = report_model_build(s, c, q, &m, &e);
    *wall = bench_ms() - t0, *cpu = bench_cpu_ms() - c0;
    store_close(s);
    if (!ok)
        return fail("model", &e);
    *people = m.npeople;
    report_model_free(&m);
    return true;
}

/* The parts, in this process: the chain alone, verify as a whole, the manager's dashboard model
 * (report_screen_query: no chain, no item statistics) and the reports' model without the chain. */
static void parts(const char *path, const Content *c)
{
    Store *s = NULL;
    Err e = {{0}};
    VerifyResult v;
    if (!store_open(&s, path, &e))
        return (void)fail("open", &e);
    double t0 = bench_ms();
    bool ok = store_verify_chain(s, &v, &e);
    double t1 = bench_ms();
    ok = ok && store_verify(s, &v, &e);
    double t2 = bench_ms();
    store_close(s);
    if (!ok)
        return (void)fail("parts", &e);
    printf("  scale parts: chain %.0f ms (%lld records, %s); verify %.0f ms\n", t1 - t0, (long long)v.count,
           v.ok ? "ok" : "BROKEN", t2 - t1);
    ReportQuery dash = report_screen_query(NOW, 0), report = {.now = NOW, .skip_chain = true};
    double wall, cpu;
    int n;
    if (timed_model(path, c, &dash, &wall, &cpu, &n))
        printf("  scale: the manager's dashboard model (%d people) %.0f ms, CPU %.0f ms (target < 1 s)\n", n,
               wall, cpu);
    if (timed_model(path, c, &report, &wall, &cpu, &n))
        printf(
            "  scale: the reports' model without the chain (%d people, item statistics) %.0f ms, CPU %.0f ms;"
            " peak RSS %ld MB\n",
            n, wall, cpu, peak_mb());
}

int main(int argc, char **argv)
{
    (void)argc;
    const char *path = SCALE_DB;
    Content c = {0};
    ErrList errs = {0};
    if (!content_load(&c, "content", &errs)) {
        fprintf(stderr, "bench_scale: content/ has errors (%s)\n", errs.nmsgs ? errs.msgs[0] : "");
        errlist_free(&errs);
        return 1;
    }
    bool ok = fresh(path, argv[0]) || generate(path, &c);
    if (ok)
        parts(path, &c);
    content_free(&c);
    return ok ? 0 : 1;
}
