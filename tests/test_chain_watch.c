/* test_chain_watch.c — the whole chain checked beside the kiosk (chain_watch.h): intact, a record
 * edited in the middle (which a writer's start-up check does not see), stopped at exit, and
 * nothing watched on a cache or without a record. */
#include "chain_watch.h"
#include "test.h"
#include "tmpdir.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A record of n settings events (records 1..n). */
static void record_of(Tmp *t, int n)
{
    Store *s = NULL;
    Err e = {0};
    tmp_make_named(t, "watch");
    CHECK(store_open(&s, t->db, &e));
    char v[16];
    for (int i = 0; s && i < n; i++) {
        snprintf(v, sizeof v, "%d", 60 + i % 500);
        CHECK(store_set_setting(s, "idle_timeout", v, 1000 + i, &e));
    }
    store_close(s);
}

/* The state once the check has ended (10 s at most). */
static WatchState ended(ChainWatch *w, int64_t *bad_seq, char *what, size_t size)
{
    WatchState st = WATCH_CHECKING;
    for (int i = 0; i < 10000 && (st = chain_watch_state(w, bad_seq, what, size)) == WATCH_CHECKING; i++)
        nanosleep(&(struct timespec){0, 1000000}, NULL);
    return st;
}

static void sql_run(const char *path, const char *sql)
{
    sqlite3 *db;
    CHECK(sqlite3_open(path, &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
}

static void test_intact_then_edited(void)
{
    Tmp t;
    int64_t bad = 0;
    char what[300] = "";
    record_of(&t, 40);
    StoreSource src = {t.db, false, "test"};
    ChainWatch *w = chain_watch_start(&src, 0);
    CHECK(w && ended(w, &bad, what, sizeof what) == WATCH_INTACT);
    chain_watch_end(w);
    /* record 17 of 40 edited: the end of the record and its witness are as they were */
    sql_run(t.db, "UPDATE events SET payload = replace(payload, '\"value\":\"76\"', '\"value\":\"999\"')"
                  " WHERE seq = 17");
    Store *s = NULL;
    Err e = {0};
    CHECK(store_open(&s, t.db, &e)); /* a writer's start-up check passes: the end is untouched */
    store_close(s);
    w = chain_watch_start(&src, 0);
    CHECK(w && ended(w, &bad, what, sizeof what) == WATCH_BROKEN);
    CHECK(bad == 17 && strstr(what, "do not match its hash"));
    chain_watch_end(w);
    tmp_remove(&t);
}

/* Ended at once, the walk stops within a few thousand records: the state is then unknown, never
 * intact. */
static void test_stopped(void)
{
    enum { PEOPLE = 9000 }; /* one event each, in one commit */
    Tmp t;
    Store *s = NULL;
    Err e = {0};
    Employee *rows = xcalloc(PEOPLE, sizeof *rows);
    for (int i = 0; i < PEOPLE; i++) {
        rows[i] = (Employee){.role = ROLE_EMPLOYEE, .active = true};
        snprintf(rows[i].code, sizeof rows[i].code, "%d", 10000 + i);
        snprintf(rows[i].name, sizeof rows[i].name, "person %d", i);
    }
    tmp_make_named(&t, "watch");
    CHECK(store_open(&s, t.db, &e) && store_import_employees(s, rows, PEOPLE, 1000, NULL, &e));
    store_close(s);
    free(rows);
    StoreSource src = {t.db, false, "test"};
    ChainWatch *w = chain_watch_start(&src, 0);
    CHECK(w != NULL);
    chain_watch_end(w);
    tmp_remove(&t);
}

/* Ended while it waits out its delay, it ends at once (else this test would take a minute), and
 * has checked nothing. */
static void test_ended_in_its_delay(void)
{
    Tmp t;
    record_of(&t, 3);
    StoreSource src = {t.db, false, "test"};
    ChainWatch *w = chain_watch_start(&src, 60000);
    CHECK(w && chain_watch_state(w, NULL, NULL, 0) == WATCH_CHECKING);
    time_t before = time(NULL);
    chain_watch_end(w);
    CHECK(time(NULL) - before < 30);
    tmp_remove(&t);
}

static void test_nothing_to_watch(void)
{
    StoreSource cache = {"/tmp/mamori-cache-x.db", true, "test"}, none = {NULL, false, "test"};
    CHECK(chain_watch_start(&cache, 0) == NULL && chain_watch_start(&none, 0) == NULL);
    CHECK(chain_watch_state(NULL, NULL, NULL, 0) == WATCH_UNKNOWN);
    StoreSource missing = {"/tmp/mamori-no-such-dir/x.db", false, "test"};
    ChainWatch *w = chain_watch_start(&missing, 0);
    CHECK(w && ended(w, NULL, NULL, 0) == WATCH_UNKNOWN);
    chain_watch_end(w);
    chain_watch_end(NULL);
}

int main(void)
{
    RUN(test_intact_then_edited);
    RUN(test_stopped);
    RUN(test_ended_in_its_delay);
    RUN(test_nothing_to_watch);
    return TEST_END();
}
