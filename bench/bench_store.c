/* bench_store.c — one durable event append: median and p99 over 1,000 lesson records into a
 * fresh SQLite database in the directory given as argv[1] (WAL, synchronous=FULL), and, when
 * argv[2] names an empty PostgreSQL database (bench/run.sh starts a server with fsync on), the
 * same there (committed on the server: synchronous_commit on, over the local socket). */
#include "bench_util.h"
#include "store.h"
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

enum { N = 1000 };

static int run(const char *target, const char *what)
{
    Store *s = NULL;
    Err e = {0};
    if (!store_open(&s, target, &e))
        return fprintf(stderr, "bench_store: %s\n", e.msg), 1;
    store_set_content_version(s, "bench");
    Employee emp = {.code = "0001", .name = "bench", .role = ROLE_EMPLOYEE, .active = true};
    if (!store_put_employee(s, &emp, 1, &e))
        return fprintf(stderr, "bench_store: %s\n", e.msg), 1;
    Lesson l = {.id = "bench-lesson", .measure = 1, .part = 1, .version = 1};
    static double t[N];
    for (int i = 0; i < N; i++) {
        double t0 = bench_ms();
        if (!store_record_lesson(s, "0001", &l, 1000 + i, &e))
            return fprintf(stderr, "bench_store: %s\n", e.msg), 1;
        t[i] = bench_ms() - t0;
    }
    store_close(s);
    double median = bench_quantile(t, N, 0.5), p99 = bench_quantile(t, N, 0.99);
    printf(
        "durable event append, %s (1,000 lesson records): median %.2f ms, p99 %.2f ms (target p99 < 10 ms)\n",
        what, median, p99);
    return 0;
}

/* The writer's check at open (issue 15: the last record and the witness, so that a damaged or cut
 * record is never written to): its own cost, and a whole store_open with it, median of 200. */
static int open_check(const char *target, const char *what)
{
    enum { M = 200 };
    static double check[M], open[M];
    Err e = {0};
    for (int i = 0; i < M; i++) {
        Store *s = NULL;
        double t0 = bench_ms();
        if (!store_open(&s, target, &e))
            return fprintf(stderr, "bench_store: %s\n", e.msg), 1;
        open[i] = bench_ms() - t0;
        t0 = bench_ms();
        if (!store_check_chain_at_open(s, &e))
            return fprintf(stderr, "bench_store: %s\n", e.msg), 1;
        check[i] = bench_ms() - t0;
        store_close(s);
    }
    printf("start-up integrity check, %s (1,001 records): median %.3f ms, p99 %.3f ms; whole store_open %.2f "
           "ms\n",
           what, bench_quantile(check, M, 0.5), bench_quantile(check, M, 0.99), bench_quantile(open, M, 0.5));
    return 0;
}

int main(int argc, char **argv)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/bench-store.db", argc > 1 ? argv[1] : "/tmp");
    remove(path);
    int rc = run(path, "SQLite");
    if (rc == 0)
        rc = open_check(path, "SQLite");
    if (rc == 0 && argc > 2)
        rc = run(argv[2], "PostgreSQL");
    if (rc == 0 && argc > 2)
        rc = open_check(argv[2], "PostgreSQL");
    return rc;
}
