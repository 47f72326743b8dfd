/* test_sync.c — a kiosk's cache of a shared server (store_sync.c): every event the kiosk records
 * waits in the cache's outbox, reaches the server once (a resend after a lost reply is not
 * appended again), keeps its UUID, time and kiosk, a refusal is kept, and the server's record
 * comes back into the cache. The "server" is a SQLite file, then (when tests/run.sh started one)
 * a real PostgreSQL server. */
#include "store_internal.h"
#include "test.h"
#include "tmpdir.h"

#include <stdlib.h>
#include <sys/stat.h>

static const Lesson LESSON3 = {.id = "passwords", .measure = 3, .part = 1, .version = 2};

typedef struct {
    Tmp server_dir, cache_dir;
    Store *server, *cache;
} Pair;

static Employee person(const char *code, bool active)
{
    Employee p = {.role = ROLE_EMPLOYEE, .active = active};
    snprintf(p.code, sizeof p.code, "%s", code);
    snprintf(p.name, sizeof p.name, "person %s", code);
    return p;
}

static Store *open_cache(const char *dir)
{
    char path[160];
    Store *c = NULL;
    Err e = {0};
    snprintf(path, sizeof path, "%s/cache.db", dir);
    CHECK(store_open_cache(&c, path, &e));
    if (!c)
        die("cache: %s", e.msg);
    store_set_content_version(c, "test");
    return c;
}

/* A server with two people, and a cache that copied it. */
static void pair_open(Pair *p)
{
    Err e = {0};
    bool more;
    tmp_make_named(&p->server_dir, "syncsrv");
    tmp_make_named(&p->cache_dir, "synccache");
    CHECK(store_open(&p->server, p->server_dir.db, &e));
    store_set_content_version(p->server, "test");
    Employee rows[2] = {person("0001", true), person("0002", true)};
    CHECK(store_import_employees(p->server, rows, 2, 100, NULL, &e));
    p->cache = open_cache(p->cache_dir.dir);
    CHECK(store_mirror(p->server, p->cache, 0, &more, &e) && !more);
}

static void pair_close(Pair *p)
{
    store_close(p->cache);
    store_close(p->server);
    tmp_remove(&p->cache_dir);
    tmp_remove(&p->server_dir);
}

static int64_t count(Store *s, const char *sql)
{
    DbStmt *st;
    CHECK(db_prepare(store_conn(s), sql, &st));
    int64_t n = db_step(st) == DB_ROW ? db_int64(st, 0) : -1;
    db_finalize(st);
    return n;
}

static void verify_ok(Store *s)
{
    VerifyResult r;
    Err e = {0};
    CHECK(store_verify(s, &r, &e) && r.ok);
    if (!r.ok)
        fprintf(stderr, "verify: record %lld: %s\n", (long long)r.bad_seq, r.what);
}

/* Sends everything; returns how many were appended. */
static int send_all(Pair *p, int *refused)
{
    int64_t after = 0;
    int sent = 0;
    SendOutcome o;
    Err e = {0};
    if (refused)
        *refused = 0;
    do {
        CHECK(store_send_next(p->cache, p->server, &after, &o, &e));
        sent += o == SEND_SENT;
        if (refused)
            *refused += o == SEND_REFUSED;
    } while (o != SEND_NONE);
    return sent;
}

static Attempt attempt3(const char *code, Answer *ans, int64_t ended)
{
    return (Attempt){.code = code,
                     .kind = ATTEMPT_TEST,
                     .measure = 3,
                     .seed = 7,
                     .finished = true,
                     .score = 1,
                     .total = 2,
                     .pass_percent = 80,
                     .started = ended - 60,
                     .ended = ended,
                     .answers = ans,
                     .nanswers = 2};
}

static void test_waits_then_sent_once_with_its_identity(void)
{
    Pair p;
    Err e = {0};
    OutboxCount c;
    pair_open(&p);
    Answer ans[2] = {{"q1", 1, true}, {"q2", 2, false}};
    Attempt a = attempt3("0001", ans, 5000);
    CHECK(store_record_lesson(p.cache, "0001", &LESSON3, 4000, &e));
    CHECK(store_record_attempt(p.cache, &a, &e));
    CHECK(store_outbox_count(p.cache, &c, &e) && c.waiting == 2 && c.refused == 0);
    int64_t before = count(p.server, "SELECT count(*) FROM events");
    CHECK(send_all(&p, NULL) == 2);
    CHECK(count(p.server, "SELECT count(*) FROM events") == before + 2);
    CHECK(store_outbox_count(p.cache, &c, &e) && c.waiting == 0);
    /* the same UUID, time and kiosk on the server, in the order recorded */
    char sql[400];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM events WHERE kiosk = '%s' AND ((type = 'lesson' AND time = 4000)"
             " OR (type = 'attempt' AND time = 5000 AND seq = %lld))",
             store_kiosk_id(p.cache), (long long)before + 2);
    CHECK(count(p.server, sql) == 2);
    CHECK(count(p.server, "SELECT count(*) FROM answers") == 2);
    MeasureStatus st[MEASURES];
    CHECK(store_measure_status(p.server, "0001", st, &e) && st[2].attempts == 1 && st[2].read_at == 4000);
    verify_ok(p.server);
    pair_close(&p);
}

/* The server committed but the reply was lost: the outbox still holds the event. */
static void test_resend_after_lost_reply_is_not_doubled(void)
{
    Pair p;
    Err e = {0};
    pair_open(&p);
    CHECK(store_record_lesson(p.cache, "0002", &LESSON3, 4100, &e));
    CHECK(db_exec(store_conn(p.cache), "CREATE TABLE kept AS SELECT * FROM outbox"));
    CHECK(send_all(&p, NULL) == 1);
    CHECK(db_exec(store_conn(p.cache), "INSERT INTO outbox SELECT * FROM kept"));
    int64_t events = count(p.server, "SELECT count(*) FROM events");
    int64_t after = 0;
    SendOutcome o;
    CHECK(store_send_next(p.cache, p.server, &after, &o, &e) && o == SEND_ALREADY);
    CHECK(count(p.server, "SELECT count(*) FROM events") == events);
    CHECK(count(p.server, "SELECT count(*) FROM lesson_reads") == 1);
    CHECK(count(p.cache, "SELECT count(*) FROM outbox") == 0);
    verify_ok(p.server);
    pair_close(&p);
}

/* A person deactivated on the server meanwhile: refused, kept, said; sent once reactivated. */
static void test_refused_is_kept_and_tried_again(void)
{
    Pair p;
    Err e = {0};
    OutboxCount c;
    int refused;
    pair_open(&p);
    CHECK(store_record_lesson(p.cache, "0002", &LESSON3, 4200, &e));
    Employee gone = person("0002", false);
    CHECK(store_put_employee(p.server, &gone, 4300, &e));
    CHECK(send_all(&p, &refused) == 0 && refused == 1);
    CHECK(store_outbox_count(p.cache, &c, &e) && c.waiting == 1 && c.refused == 1);
    CHECK(strstr(c.first_refusal, "no longer active") != NULL);
    CHECK(count(p.server, "SELECT count(*) FROM lesson_reads") == 0);
    Employee back = person("0002", true);
    CHECK(store_put_employee(p.server, &back, 4400, &e));
    CHECK(send_all(&p, &refused) == 1 && refused == 0);
    CHECK(store_outbox_count(p.cache, &c, &e) && c.waiting == 0);
    verify_ok(p.server);
    pair_close(&p);
}

/* The cache sees the server's record plus its own waiting events; after the copy, the server's
 * version of its own events replaces them. */
static void test_mirror_brings_the_server_record(void)
{
    Pair p;
    Err e = {0};
    bool more;
    pair_open(&p);
    CHECK(store_record_lesson(p.server, "0001", &LESSON3, 3000, &e)); /* another kiosk */
    Lesson l4 = {.id = "updates", .measure = 4, .part = 1, .version = 1};
    CHECK(store_record_lesson(p.cache, "0001", &l4, 3100, &e));
    CHECK(store_mirror(p.server, p.cache, 1, &more, &e));
    MeasureStatus st[MEASURES];
    CHECK(store_measure_status(p.cache, "0001", st, &e) && st[2].read_at == 3000 && st[3].read_at == 3100);
    CHECK(send_all(&p, NULL) == 1);
    CHECK(store_mirror(p.server, p.cache, 0, &more, &e) && !more);
    CHECK(count(p.cache, "SELECT count(*) FROM lesson_reads") == 2);
    CHECK(count(p.cache, "SELECT count(*) FROM events WHERE seq >= 1125899906842624") == 0);
    CHECK(store_measure_status(p.cache, "0001", st, &e) && st[2].read_at == 3000 && st[3].read_at == 3100);
    /* settings and people come too */
    CHECK(store_set_setting(p.server, "company_name", "守り工業", 3200, &e));
    CHECK(store_mirror(p.server, p.cache, 0, &more, &e));
    char buf[64];
    bool found;
    CHECK(store_get_setting(p.cache, "company_name", buf, sizeof buf, &found, &e) && found);
    CHECK_STR(buf, "守り工業");
    pair_close(&p);
}

/* The cache's head moves when the server's records come in below the kiosk's own waiting ones
 * (what the dashboard reads again by). */
static void test_head_moves_with_the_mirror(void)
{
    Pair p;
    Err e = {0};
    bool more;
    StoreHead before, after;
    pair_open(&p);
    Lesson l4 = {.id = "updates", .measure = 4, .part = 1, .version = 1};
    CHECK(store_record_lesson(p.cache, "0001", &l4, 3100, &e)); /* waits to be sent */
    CHECK(store_head(p.cache, &before, &e));
    CHECK(store_record_lesson(p.server, "0002", &LESSON3, 3000, &e)); /* another kiosk */
    CHECK(store_mirror(p.server, p.cache, 1, &more, &e));
    CHECK(store_head(p.cache, &after, &e));
    CHECK(after.seq == before.seq && after.mirrored > before.mirrored);
    CHECK(!store_head_same(&before, &after));
    pair_close(&p);
}

/* Two kiosks writing (one of them away meanwhile): one chain, each event once. */
static void test_two_kiosks_one_chain(void)
{
    Pair p;
    Err e = {0};
    bool more;
    pair_open(&p);
    Tmp other;
    tmp_make_named(&other, "synccache2");
    Store *second = open_cache(other.dir);
    CHECK(store_mirror(p.server, second, 0, &more, &e));
    for (int i = 0; i < 3; i++) {
        CHECK(store_record_lesson(p.cache, "0001", &LESSON3, 6000 + i, &e));
        CHECK(store_record_lesson(second, "0002", &LESSON3, 6100 + i, &e));
    }
    CHECK(send_all(&p, NULL) == 3);
    Pair q = p;
    q.cache = second;
    CHECK(send_all(&q, NULL) == 3);
    CHECK(send_all(&p, NULL) == 0 && send_all(&q, NULL) == 0);
    CHECK(count(p.server, "SELECT count(*) FROM lesson_reads") == 6);
    verify_ok(p.server);
    store_close(second);
    tmp_remove(&other);
    pair_close(&p);
}

static void test_kiosk_reports(void)
{
    Pair p;
    Err e = {0};
    bool more;
    pair_open(&p);
    OutboxCount c = {.waiting = 3, .refused = 1};
    CHECK(store_kiosk_report(p.server, "k-one", 7000, &c, &e));
    c.waiting = 0, c.refused = 0;
    CHECK(store_kiosk_report(p.server, "k-two", 7100, &c, &e));
    CHECK(store_mirror(p.server, p.cache, 0, &more, &e));
    KioskReport *r;
    int n;
    CHECK(store_kiosk_reports(p.cache, &r, &n, &e) && n == 2);
    if (n == 2) {
        CHECK_STR(r[0].kiosk, "k-two");
        CHECK(r[1].last_contact == 7000 && r[1].waiting == 3 && r[1].refused == 1);
    }
    free(r);
    verify_ok(p.server);
    pair_close(&p);
}

#define SYNC_TESTS(X)                                                                                        \
    X(test_waits_then_sent_once_with_its_identity)                                                           \
    X(test_resend_after_lost_reply_is_not_doubled)                                                           \
    X(test_refused_is_kept_and_tried_again)                                                                  \
    X(test_mirror_brings_the_server_record)                                                                  \
    X(test_two_kiosks_one_chain)                                                                             \
    X(test_kiosk_reports)                                                                                    \
    X(test_head_moves_with_the_mirror)
#define RUN_ONE(fn) RUN(fn);

int main(void)
{
    Tmp home;
    char dir[160];
    tmp_make_named(&home, "synchome"); /* this machine's kiosk-id */
    setenv("XDG_DATA_HOME", home.dir, 1);
    snprintf(dir, sizeof dir, "%s/mamori", home.dir);
    mkdir(dir, 0700);
    SYNC_TESTS(RUN_ONE)
    const char *prefix = getenv("MAMORI_TEST_PG_URI");
    if (prefix && prefix[0]) {
        printf("-- the server on PostgreSQL\n");
        tmp_use_pg(prefix);
        SYNC_TESTS(RUN_ONE)
        tmp_use_pg(NULL);
    } else {
        printf("skip PostgreSQL: no test server (tests/run.sh starts one)\n");
    }
    char path[200];
    snprintf(path, sizeof path, "%s/kiosk-id", dir);
    unlink(path);
    rmdir(dir);
    tmp_remove(&home);
    return TEST_END();
}
