/* bench_store.c — one durable event append (WAL, synchronous=FULL): median and p99 over 1,000
 * lesson records into a fresh database in the directory given as argv[1]. */
#include "bench_util.h"
#include "store.h"

#include <stdio.h>
#include <string.h>

enum { N = 1000 };

int main(int argc, char **argv)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/bench-store.db", argc > 1 ? argv[1] : "/tmp");
    remove(path);
    Store *s = NULL;
    Err e = {0};
    if (!store_open(&s, path, &e))
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
    printf("durable event append (1,000 lesson records): median %.2f ms, p99 %.2f ms (target p99 < 10 ms)\n",
           median, p99);
    return 0;
}
