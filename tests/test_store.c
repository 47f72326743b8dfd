/* test_store.c — the records store: every event kind read back, the hash chain catching edits,
 * deletions, insertions and reordering, a child killed mid-write losing nothing acknowledged,
 * and every way of refusing a file without touching it.
 *
 * Tampering is done the way an attacker would: with plain SQL through a second connection.
 * The read-only test runs as root in CI, where chmod does not stop writes: it forks a child that
 * drops to the user nobody (65534) before opening, so the file really is read-only to it. */
#include "helpers.h"
#include "test.h"
#include "tmpdir.h"

#include "store_internal.h"
#include "witness.h"

#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <signal.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The store's SQLite connection: the tamperer's way in. */
static sqlite3 *store_db(Store *s)
{
    return db_native(store_conn(s));
}

/* ---- helpers ---- */

static void tmp_make(Tmp *t)
{
    tmp_make_named(t, "store");
}

static Store *open_ok(const char *path)
{
    Store *s = NULL;
    Err e = {{0}};
    if (!store_open(&s, path, &e))
        fprintf(stderr, "store_open: %s\n", e.msg);
    CHECK(s != NULL);
    return s;
}

/* One integer from a query on a connection (-1 when it fails). */
static int64_t conn_int(Db *db, const char *sql)
{
    DbStmt *st;
    int64_t v = -1;
    if (!db_prepare(db, sql, &st)) {
        fprintf(stderr, "sql: %s: %s\n", sql, db_errmsg(db));
        return v;
    }
    if (db_step(st) == DB_ROW)
        v = db_int64(st, 0);
    db_finalize(st);
    return v;
}

/* Runs SQL on the database through its own connection: the tamperer's tool. On PostgreSQL it
 * first turns the triggers off for its session, as only a superuser can (the event table's
 * append-only trigger refuses otherwise: test_pg_append_only), and foreign keys with them. */
static void sql_run(const char *target, const char *sql)
{
    static const char FK_OFF[] = "PRAGMA foreign_keys = OFF; ";
    Db *db;
    Err e = {{0}};
    CHECK(db_connect(&db, target, &e));
    if (!db)
        return;
    bool pg = db_kind(db) == DB_POSTGRES;
    if (pg && strncmp(sql, FK_OFF, strlen(FK_OFF)) == 0)
        sql += strlen(FK_OFF);
    if (pg)
        CHECK(db_exec(db, "SET session_replication_role = replica"));
    if (!db_exec(db, sql))
        fprintf(stderr, "sql_run: %s: %s\n", sql, db_errmsg(db));
    db_close(db);
}

static int64_t sql_int(const char *target, const char *sql)
{
    Db *db;
    Err e = {{0}};
    CHECK(db_connect(&db, target, &e));
    if (!db)
        return -1;
    int64_t v = conn_int(db, sql);
    db_close(db);
    return v;
}

/* One text value from the store's own connection (sees its committed writes). */
static void sql_text(Store *s, const char *sql, char *buf, size_t size)
{
    DbStmt *st;
    buf[0] = '\0';
    CHECK(db_prepare(store_conn(s), sql, &st));
    if (st && db_step(st) == DB_ROW)
        snprintf(buf, size, "%s", db_text(st, 0));
    db_finalize(st);
}

static int64_t store_int(Store *s, const char *sql)
{
    return conn_int(store_conn(s), sql);
}

static int64_t events(Store *s)
{
    return store_int(s, "SELECT count(*) FROM events");
}

static char *read_bytes(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return *n = 0, NULL;
    char *buf = xmalloc(1 << 20);
    *n = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

static Employee person(const char *code, const char *name, const char *kana, const char *dept, Role role,
                       Lang lang)
{
    Employee p = {.role = role, .lang = lang, .active = true};
    snprintf(p.code, sizeof p.code, "%s", code);
    snprintf(p.name, sizeof p.name, "%s", name);
    snprintf(p.kana, sizeof p.kana, "%s", kana);
    snprintf(p.department, sizeof p.department, "%s", dept);
    return p;
}

static void roster3(Employee rows[3])
{
    rows[0] = person("0002", "佐藤 一郎", "サトウ イチロウ", "営業", ROLE_EMPLOYEE, LANG_JA);
    snprintf(rows[0].department_kana, sizeof rows[0].department_kana, "えいぎょう"); /* 0003 takes it */
    rows[1] = person("0001", "山田 花子", "ヤマダ ハナコ", "総務", ROLE_MANAGER, LANG_JA);
    rows[2] = person("0003", "Anna \"Ann\" Lee", "アンナ リー", "営業", ROLE_PRESIDENT, LANG_EN);
}

/* A store with the three people of roster3. */
static Store *store_with_people(Tmp *t)
{
    Employee rows[3];
    Err e = {{0}};
    tmp_make(t);
    Store *s = open_ok(t->db);
    roster3(rows);
    CHECK(store_import_employees(s, rows, 3, 1000, NULL, &e));
    return s;
}

static bool same_person(const Employee *a, const Employee *b)
{
    return strcmp(a->code, b->code) == 0 && strcmp(a->name, b->name) == 0 && strcmp(a->kana, b->kana) == 0 &&
           strcmp(a->department, b->department) == 0 && a->role == b->role && a->lang == b->lang &&
           a->active == b->active && a->large_text == b->large_text;
}

static const Lesson LESSON3 = {.id = "passwords", .measure = 3, .part = 1, .version = 2};

static int file_mode(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (int)(st.st_mode & 0777) : -1;
}

/* ---- bulk writing (bench/ generators) ---- */

/* SQLite undoes a transaction by itself after some failures (a full disk, an I/O error): a verb
 * inside the bulk then fails instead of committing on its own, and nothing of the bulk is kept. */
static void test_bulk_undone_by_sqlite(void)
{
    Tmp t;
    Err e = {{0}};
    Store *s = store_with_people(&t);
    int64_t before = events(s);
    CHECK(store_bulk_begin(s, &e));
    CHECK(store_record_lesson(s, "0001", &LESSON3, 2000, &e));
    CHECK(db_exec(store_conn(s), "ROLLBACK")); /* as SQLite's automatic rollback */
    CHECK(!store_record_lesson(s, "0001", &LESSON3, 2001, &e) && contains(e.msg, "undone by the database"));
    CHECK(!store_set_setting(s, "company_name", "x", 2002, &e) && contains(e.msg, "nothing more is written"));
    CHECK(!store_bulk_end(s, &e) && contains(e.msg, "nothing was written"));
    CHECK(events(s) == before);
    store_close(s);
    tmp_remove(&t);
}

/* A full disk inside the bulk (a tiny max_page_count): writing stops, and nothing is kept. */
static void test_bulk_disk_full(void)
{
    Tmp t;
    Err e = {{0}};
    Store *s = store_with_people(&t);
    int64_t before = events(s);
    Db *db = store_conn(s);
    if (db_kind(db) != DB_SQLITE) { /* a server's disk is the server's */
        store_close(s);
        tmp_remove(&t);
        return;
    }
    CHECK(store_bulk_begin(s, &e));
    CHECK(db_exec(db, "PRAGMA max_page_count = 60"));
    int written = 0;
    while (written < 5000 && store_record_lesson(s, "0001", &LESSON3, 2000 + written, &e))
        written++;
    CHECK(written < 5000 && contains(e.msg, "full"));
    CHECK(!store_record_lesson(s, "0001", &LESSON3, 9000, &e)); /* never committed on its own */
    CHECK(!store_bulk_end(s, &e) && contains(e.msg, "nothing was written"));
    CHECK(db_exec(db, "PRAGMA max_page_count = 1073741823"));
    CHECK(events(s) == before);
    store_close(s);
    tmp_remove(&t);
}

/* Every verb inside a bulk joins one transaction: committed together at the end, and all undone
 * when one verb failed. */
static void test_bulk(void)
{
    Tmp t;
    Err e = {{0}};
    Store *s = store_with_people(&t);
    int64_t before = events(s);
    CHECK(store_bulk_begin(s, &e));
    CHECK(store_record_lesson(s, "0001", &LESSON3, 2000, &e));
    CHECK(store_set_setting(s, "company_name", "まもり", 2001, &e));
    CHECK(store_bulk_end(s, &e));
    CHECK(events(s) == before + 2);
    CHECK(store_bulk_begin(s, &e));
    CHECK(store_record_lesson(s, "0001", &LESSON3, 2002, &e));
    CHECK(!store_record_lesson(s, "9999", &LESSON3, 2003, &e)); /* unknown person */
    CHECK(!store_bulk_end(s, &e) && strstr(e.msg, "nothing was written"));
    CHECK(events(s) == before + 2);
    VerifyResult r;
    CHECK(store_verify(s, &r, &e) && r.ok && r.count == before + 2);
    CHECK(store_record_lesson(s, "0001", &LESSON3, 2004, &e)); /* verbs run their own again */
    CHECK(events(s) == before + 3);
    store_close(s);
    tmp_remove(&t);
}

/* ---- opening ---- */

static void test_open_creates_and_reopens(void)
{
    Tmp t;
    tmp_make(&t);
    Store *s = open_ok(t.db);
    char kiosk[37];
    snprintf(kiosk, sizeof kiosk, "%s", store_kiosk_id(s));
    CHECK(strlen(kiosk) == 36 && kiosk[14] == '4' && kiosk[8] == '-');
    CHECK(strchr("89ab", kiosk[19]) != NULL);
    char mode[16];
    sql_text(s, "PRAGMA journal_mode", mode, sizeof mode);
    CHECK_STR(mode, "wal");
    CHECK(store_int(s, "PRAGMA synchronous") == 2); /* FULL */
    CHECK(store_int(s, "PRAGMA foreign_keys") == 1);
    VerifyResult r;
    Err e = {{0}};
    CHECK(store_verify(s, &r, &e) && r.ok && r.count == 0 && r.head[0] == '\0');
    store_close(s);
    CHECK(sql_int(t.db, "PRAGMA user_version") == 9); /* schema 8: no index on question ids */
    s = open_ok(t.db);
    CHECK_STR(store_kiosk_id(s), kiosk);
    store_close(s);
    tmp_remove(&t);
}

static void test_open_missing_directory(void)
{
    Store *s = (Store *)1;
    Err e = {{0}};
    CHECK(!store_open(&s, "/tmp/mamori-no-such-dir-xyz/sub/mamori.db", &e));
    CHECK(s == NULL);
    CHECK(contains(e.msg, "directory /tmp/mamori-no-such-dir-xyz/sub does not exist"));
    CHECK(contains(e.msg, "/tmp/mamori-no-such-dir-xyz/sub/mamori.db"));
}

static void test_open_directory_as_file(void)
{
    Tmp t;
    Store *s;
    Err e = {{0}};
    tmp_make(&t);
    CHECK(!store_open(&s, t.dir, &e));
    CHECK(contains(e.msg, "is a directory"));
    tmp_remove(&t);
}

/* The file must be byte-for-byte as before, and no -wal/-shm left behind it. */
static void check_refused_untouched(const char *path, const char *expect)
{
    size_t n0, n1;
    char *before = read_bytes(path, &n0);
    Store *s = (Store *)1;
    Err e = {{0}};
    CHECK(!store_open(&s, path, &e));
    CHECK(s == NULL);
    if (!contains(e.msg, expect))
        fprintf(stderr, "message: %s\n", e.msg);
    CHECK(contains(e.msg, expect));
    CHECK(contains(e.msg, path));
    char *after = read_bytes(path, &n1);
    CHECK(before && after && n0 == n1 && memcmp(before, after, n0) == 0);
    char wal[300];
    snprintf(wal, sizeof wal, "%s-wal", path);
    CHECK(access(wal, F_OK) != 0);
    free(before);
    free(after);
}

static void test_open_not_sqlite(void)
{
    Tmp t;
    tmp_make(&t);
    FILE *f = fopen(t.db, "wb");
    fputs("code,name\n0001,山田\n", f);
    fclose(f);
    check_refused_untouched(t.db, "is not a mamori database");
    f = fopen(t.db, "wb"); /* SQLite's header, then garbage */
    fwrite("SQLite format 3\0", 1, 16, f);
    for (int i = 0; i < 4096; i++)
        fputc(0xA5, f);
    fclose(f);
    check_refused_untouched(t.db, "mamori database");
    tmp_remove(&t);
}

static void test_open_other_sqlite(void)
{
    Tmp t;
    tmp_make(&t);
    sql_run(t.db, "CREATE TABLE invoices(id INTEGER PRIMARY KEY, amount INTEGER);"
                  "INSERT INTO invoices VALUES(1, 500);");
    check_refused_untouched(t.db, "is not a mamori database");
    /* a meta table that is not ours */
    sql_run(t.db, "CREATE TABLE meta(key TEXT, value TEXT); PRAGMA user_version = 1;");
    check_refused_untouched(t.db, "is not a mamori database");
    tmp_remove(&t);
}

static void test_open_newer_schema(void)
{
    Tmp t;
    tmp_make(&t);
    Store *s = open_ok(t.db);
    store_close(s);
    sql_run(t.db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 10;");
    check_refused_untouched(t.db, "made by a newer version of mamori");
    tmp_remove(&t);
    tmp_make(&t); /* the newer program's last change still in the WAL: not checkpointed by us */
    s = open_ok(t.db);
    store_close(s);
    sqlite3 *db;
    CHECK(sqlite3_open(t.db, &db) == SQLITE_OK);
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
    CHECK(sqlite3_exec(db, "PRAGMA user_version = 10", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    size_t n0, n1;
    char *before = read_bytes(t.db, &n0);
    Err e = {{0}};
    CHECK(!store_open(&s, t.db, &e) && contains(e.msg, "newer version of mamori"));
    char *after = read_bytes(t.db, &n1);
    CHECK(before && after && n0 == n1 && memcmp(before, after, n0) == 0);
    CHECK(sql_int(t.db, "PRAGMA user_version") == 10); /* the change is still there */
    free(before);
    free(after);
    tmp_remove(&t);
}

static void test_open_empty_file_is_new(void)
{
    Tmp t;
    tmp_make(&t);
    FILE *f = fopen(t.db, "wb");
    fclose(f);
    Store *s = open_ok(t.db);
    store_close(s);
    CHECK(sql_int(t.db, "SELECT count(*) FROM meta WHERE key = 'app'") == 1);
    tmp_remove(&t);
}

static void test_open_damaged(void)
{
    Tmp t;
    Err e = {{0}};
    Store *s;
    tmp_make(&t);
    store_close(open_ok(t.db));
    sql_run(t.db, "DELETE FROM meta WHERE key = 'kiosk_id'");
    CHECK(!store_open(&s, t.db, &e) && contains(e.msg, "is damaged: it has no kiosk id"));
    tmp_remove(&t);
    tmp_make(&t);
    store_close(open_ok(t.db));
    sql_run(t.db, "DROP TABLE settings");
    CHECK(!store_open(&s, t.db, &e));
    CHECK(contains(e.msg, "is damaged: its tables are not what mamori expects (no such table:"
                          " settings)") &&
          contains(e.msg, t.db));
    tmp_remove(&t);
}

/* Runs job(path) in a child running as nobody when we are root; the child sends back the
 * message job left in e. True when the job succeeded. */
typedef bool (*NobodyJob)(const char *path, Err *e);

static bool as_nobody(NobodyJob job, const char *path, char *msg, size_t size)
{
    int fds[2];
    if (pipe(fds) != 0)
        return false;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(3);
        Err e = {{0}};
        bool ok = job(path, &e);
        ssize_t w = write(fds[1], e.msg, strlen(e.msg));
        (void)w;
        _exit(ok ? 0 : 1);
    }
    close(fds[1]);
    ssize_t n = read(fds[0], msg, size - 1);
    msg[n > 0 ? n : 0] = '\0';
    close(fds[0]);
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static bool open_job(const char *path, Err *e)
{
    Store *s;
    bool ok = store_open(&s, path, e);
    if (ok)
        store_close(s);
    return ok;
}

/* Opens path as nobody (when we are root); the message comes back. */
static bool open_as_nobody(const char *path, char *msg, size_t size)
{
    return as_nobody(open_job, path, msg, size);
}

static void test_open_read_only_file(void)
{
    Tmp t;
    Err e = {{0}};
    tmp_make(&t);
    Store *s = open_ok(t.db);
    CHECK(store_set_setting(s, "company_name", "守り商事", 10, &e));
    store_close(s);
    chmod(t.dir, 0777); /* the folder stays writable: only the file is read-only */
    chmod(t.db, 0444);
    size_t n0, n1;
    char *before = read_bytes(t.db, &n0), msg[512];
    CHECK(!open_as_nobody(t.db, msg, sizeof msg));
    if (!contains(msg, "read-only"))
        fprintf(stderr, "message: %s\n", msg);
    CHECK(contains(msg, "read-only"));
    CHECK(contains(msg, t.db));
    char *after = read_bytes(t.db, &n1);
    CHECK(before && after && n0 == n1 && memcmp(before, after, n0) == 0);
    char shm[300];
    snprintf(shm, sizeof shm, "%s-shm", t.db);
    CHECK(access(shm, F_OK) != 0); /* refused before SQLite touched it */
    free(before);
    free(after);
    tmp_remove(&t);
}

static void test_open_read_only_folder(void)
{
    Tmp t;
    tmp_make(&t);
    chmod(t.dir, 0555);
    char msg[512];
    CHECK(!open_as_nobody(t.db, msg, sizeof msg)); /* cannot even be created */
    CHECK(contains(msg, t.db));
    CHECK(contains(msg, "the folder") && contains(msg, "is read-only"));
    CHECK(access(t.db, F_OK) != 0);
    chmod(t.dir, 0700);
    Store *s = open_ok(t.db); /* an existing database in a folder that became read-only */
    store_close(s);
    chmod(t.dir, 0555);
    CHECK(!open_as_nobody(t.db, msg, sizeof msg));
    CHECK(contains(msg, "the folder") && contains(msg, "is read-only"));
    chmod(t.dir, 0700);
    tmp_remove(&t);
}

static void test_locked_database(void)
{
    Tmp t;
    Err e = {{0}};
    tmp_make(&t);
    Store *s = open_ok(t.db);
    sqlite3 *other;
    CHECK(sqlite3_open(t.db, &other) == SQLITE_OK);
    CHECK(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK);
    time_t start = time(NULL);
    CHECK(!store_set_setting(s, "pass_percent", "80", 10, &e));
    CHECK(time(NULL) - start >= 1); /* it waited (busy_timeout) before giving up */
    CHECK(contains(e.msg, "in use by another program"));
    CHECK(contains(e.msg, t.db));
    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
    CHECK(store_set_setting(s, "pass_percent", "80", 11, &e)); /* and works once free */
    store_close(s);
    tmp_remove(&t);
}

/* ---- employees ---- */

static void test_import_and_list(void)
{
    Tmp t;
    Employee rows[3], *list;
    int n, changed = -1;
    Err e = {{0}};
    tmp_make(&t);
    Store *s = open_ok(t.db);
    roster3(rows);
    CHECK(store_import_employees(s, rows, 3, 1000, &changed, &e));
    CHECK(changed == 3);
    CHECK(events(s) == 3);
    if (db_kind(store_conn(s)) == DB_SQLITE) /* the import's bigger cache is given back */
        CHECK(store_int(s, "PRAGMA cache_size") == -2000);
    CHECK(store_list_employees(s, false, &list, &n, &e));
    CHECK(n == 3);
    if (n == 3) { /* department, then kana: 営業 アンナ, 営業 サトウ, 総務 */
        CHECK_STR(list[0].code, "0003");
        CHECK_STR(list[1].code, "0002");
        CHECK_STR(list[2].code, "0001");
        CHECK(same_person(&list[0], &rows[2]));
    }
    free(list);
    Employee got;
    bool found = false;
    CHECK(store_find_employee(s, "0001", &got, &found, &e) && found);
    CHECK(same_person(&got, &rows[1]));
    CHECK(store_find_employee(s, "9999", &got, &found, &e) && !found);
    store_close(s);
    tmp_remove(&t);
}

/* xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx, lowercase hex digits. */
static bool uuid_v4_shaped(const char *u)
{
    if (strlen(u) != 36 || u[14] != '4' || !strchr("89ab", u[19]))
        return false;
    for (int i = 0; i < 36; i++)
        if (i == 8 || i == 13 || i == 18 || i == 23 ? u[i] != '-'
                                                    : !strchr("0123456789abcdef", u[i]) || !u[i])
            return false;
    return true;
}

/* A big import in one transaction: each event a well-formed, distinct version 4 UUID (the ids are
 * drawn 64 at a time) and each following the one before (the head is not read back per event). */
static void test_import_many_event_ids(void)
{
    enum { N = 300 };
    Tmp t;
    Employee *rows = xcalloc(N, sizeof *rows);
    Err e = {{0}};
    tmp_make(&t);
    Store *s = open_ok(t.db);
    for (int i = 0; i < N; i++) {
        char code[16];
        snprintf(code, sizeof code, "%04d", i + 1);
        rows[i] = person(code, "名前", "ナマエ", i % 2 ? "営業" : "総務", ROLE_EMPLOYEE, LANG_JA);
    }
    CHECK(store_import_employees(s, rows, N, 1000, NULL, &e));
    CHECK(store_int(s, "SELECT count(DISTINCT uuid) FROM events") == N);
    DbStmt *st;
    int shaped = 0;
    CHECK(db_prepare(store_conn(s), "SELECT uuid FROM events ORDER BY seq", &st));
    while (st && db_step(st) == DB_ROW)
        shaped += uuid_v4_shaped(db_text(st, 0));
    db_finalize(st);
    CHECK(shaped == N);
    CHECK(store_int(s, "SELECT count(*) FROM events a JOIN events b ON b.seq = a.seq + 1"
                       " WHERE b.prev_hash = a.hash") == N - 1);
    VerifyResult r;
    CHECK(store_verify(s, &r, &e) && r.ok && r.count == N);
    free(rows);
    store_close(s);
    tmp_remove(&t);
}

static void test_reimport_updates_and_keeps_history(void)
{
    Tmp t;
    Employee rows[3];
    int changed = -1;
    Err e = {{0}};
    Store *s = store_with_people(&t);
    roster3(rows);
    CHECK(store_import_employees(s, rows, 3, 2000, &changed, &e) && changed == 0);
    CHECK(events(s) == 3); /* nothing equal is written again */
    CHECK(store_set_prefs(s, "0002", LANG_JA, true, 2100, &e));
    snprintf(rows[0].name, sizeof rows[0].name, "佐藤 一朗");
    CHECK(store_import_employees(s, rows, 3, 2200, &changed, &e) && changed == 1);
    CHECK(store_int(s, "SELECT count(*) FROM events WHERE type = 'employee'") == 4);
    CHECK(store_int(s, "SELECT count(*) FROM events WHERE type = 'employee'"
                       " AND payload LIKE '%佐藤 一郎%'") == 1); /* the old record stays */
    Employee got;
    bool found;
    CHECK(store_find_employee(s, "0002", &got, &found, &e) && found);
    CHECK_STR(got.name, "佐藤 一朗");
    CHECK(got.large_text); /* the person's own choice survives the roster */
    VerifyResult r;
    CHECK(store_verify(s, &r, &e) && r.ok && r.count == 5);
    store_close(s);
    tmp_remove(&t);
}

static void test_put_employee_and_deactivate(void)
{
    Tmp t;
    Err e = {{0}};
    Employee *list;
    int n;
    Store *s = store_with_people(&t);
    Employee p = person("0004", "Bob", "ボブ", "IT", ROLE_EMPLOYEE, LANG_EN);
    CHECK(store_put_employee(s, &p, 3000, &e));
    CHECK(store_put_employee(s, &p, 3001, &e)); /* unchanged: no event */
    CHECK(events(s) == 4);
    Employee old = person("0001", "山田 花子", "ヤマダ ハナコ", "総務", ROLE_MANAGER, LANG_JA);
    old.active = false;
    CHECK(store_put_employee(s, &old, 3002, &e));
    CHECK(events(s) == 5);
    CHECK(store_list_employees(s, false, &list, &n, &e) && n == 3);
    for (int i = 0; i < n; i++)
        CHECK(strcmp(list[i].code, "0001") != 0);
    free(list);
    CHECK(store_list_employees(s, true, &list, &n, &e) && n == 4);
    if (n == 4) { /* inactive people last */
        CHECK_STR(list[3].code, "0001");
        CHECK(!list[3].active);
    }
    free(list);
    store_close(s);
    tmp_remove(&t);
}

static void test_put_employee_errors(void)
{
    Tmp t;
    Err e = {{0}};
    Store *s = store_with_people(&t);
    Employee p = person("", "Nobody", "", "", ROLE_EMPLOYEE, LANG_JA);
    CHECK(!store_put_employee(s, &p, 1, &e) && contains(e.msg, "needs a code"));
    p = person("0009", "", "", "", ROLE_EMPLOYEE, LANG_JA);
    CHECK(!store_put_employee(s, &p, 1, &e) && contains(e.msg, "needs a name"));
    p = person("0009", "X", "", "", (Role)7, LANG_JA);
    CHECK(!store_put_employee(s, &p, 1, &e) && contains(e.msg, "unknown role"));
    p = person("0009", "X", "", "", ROLE_EMPLOYEE, LANG_JA);
    memset(p.name, 'a', sizeof p.name);
    CHECK(!store_put_employee(s, &p, 1, &e) && contains(e.msg, "not terminated"));
    Employee rows[2] = {person("0010", "A", "", "", ROLE_EMPLOYEE, LANG_JA),
                        person("", "B", "", "", ROLE_EMPLOYEE, LANG_JA)};
    CHECK(!store_import_employees(s, rows, 2, 1, NULL, &e)); /* the whole import is undone */
    bool found = true;
    Employee got;
    CHECK(store_find_employee(s, "0010", &got, &found, &e) && !found);
    CHECK(events(s) == 3);
    store_close(s);
    tmp_remove(&t);
}

static void test_prefs(void)
{
    Tmp t;
    Err e = {{0}};
    Store *s = store_with_people(&t);
    CHECK(store_set_prefs(s, "0001", LANG_EN, true, 4000, &e));
    Employee got;
    bool found;
    CHECK(store_find_employee(s, "0001", &got, &found, &e) && found);
    CHECK(got.lang == LANG_EN && got.large_text);
    CHECK(events(s) == 4);
    CHECK(store_set_prefs(s, "0001", LANG_EN, true, 4001, &e)); /* unchanged */
    CHECK(events(s) == 4);
    char payload[256];
    sql_text(s, "SELECT payload FROM events WHERE type = 'prefs'", payload, sizeof payload);
    CHECK_STR(payload, "{\"code\":\"0001\",\"lang\":\"en\",\"large_text\":true}");
    CHECK(!store_set_prefs(s, "7777", LANG_JA, false, 4002, &e));
    CHECK(contains(e.msg, "no person with code '7777'"));
    CHECK(!store_set_prefs(s, "0001", (Lang)5, false, 4002, &e));
    CHECK(events(s) == 4);
    store_close(s);
    tmp_remove(&t);
}

/* ---- learning ---- */

static void test_lesson(void)
{
    Tmp t;
    Err e = {{0}};
    MeasureStatus st[MEASURES];
    Store *s = store_with_people(&t);
    store_set_content_version(s, "0123456789abcdef");
    CHECK(store_record_lesson(s, "0001", &LESSON3, 5000, &e));
    CHECK(store_measure_status(s, "0001", st, &e));
    CHECK(st[2].read_at == 5000 && st[2].read_version == 2);
    CHECK(st[0].read_at == 0 && st[2].attempts == 0 && st[2].passed_at == 0);
    Lesson newer = LESSON3;
    newer.version = 3;
    CHECK(store_record_lesson(s, "0001", &newer, 6000, &e));
    CHECK(store_measure_status(s, "0001", st, &e));
    CHECK(st[2].read_at == 6000 && st[2].read_version == 3); /* the latest reading */
    char buf[256];
    sql_text(s, "SELECT payload FROM events WHERE seq = 4", buf, sizeof buf);
    CHECK_STR(buf, "{\"code\":\"0001\",\"measure\":3,\"lesson\":\"passwords\",\"version\":2}");
    sql_text(s, "SELECT content_version FROM events WHERE seq = 4", buf, sizeof buf);
    CHECK_STR(buf, "0123456789abcdef");
    sql_text(s, "SELECT kiosk FROM events WHERE seq = 4", buf, sizeof buf);
    CHECK_STR(buf, store_kiosk_id(s));
    CHECK(store_measure_status(s, "0002", st, &e) && st[2].read_at == 0);
    store_close(s);
    tmp_remove(&t);
}

static void test_lesson_errors(void)
{
    Tmp t;
    Err e = {{0}};
    Store *s = store_with_people(&t);
    CHECK(!store_record_lesson(s, "4242", &LESSON3, 1, &e));
    CHECK(contains(e.msg, "no person with code '4242'") && contains(e.msg, t.db));
    Lesson bad = LESSON3;
    bad.measure = 26;
    CHECK(!store_record_lesson(s, "0001", &bad, 1, &e));
    CHECK(contains(e.msg, "measure 26"));
    CHECK(events(s) == 3);
    store_close(s);
    tmp_remove(&t);
}

static Attempt make_attempt(const char *code, int score, int total, bool passed, int64_t ended,
                            const Answer *answers, int nanswers)
{
    return (Attempt){.code = code,
                     .kind = ATTEMPT_TEST,
                     .measure = 3,
                     .seed = 42,
                     .finished = true,
                     .score = score,
                     .total = total,
                     .pass_percent = 80,
                     .passed = passed,
                     .started = ended - 60,
                     .ended = ended,
                     .answers = answers,
                     .nanswers = nanswers};
}

/* A new file has 16 KiB pages; schema 8 drops the index on answers' question ids and makes the
 * one by person hold what is read of them (rebuilt from the answers a schema-7 file holds, which
 * then read as before), in a file whose pages stay as they were. */
/* Does another process see a lock held on path (what a writer closing its connection looks for
 * before it checkpoints and removes the -wal)? 1 yes, 0 no, -1 the check failed. */
static int locked_elsewhere(const char *path)
{
    pid_t pid = fork();
    if (pid == 0) {
        int fd = open(path, O_RDWR);
        struct flock l = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
        _exit(fd < 0 || fcntl(fd, F_GETLK, &l) != 0 ? 2 : l.l_type != F_UNLCK);
    }
    int status;
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) > 1)
        return -1;
    return WEXITSTATUS(status);
}

/* Opening a second connection to the file and closing it (a report's chain check, a kiosk's job)
 * keeps the first connection's locks: the file is never opened outside SQLite while a connection
 * is, since closing any descriptor of it drops every POSIX lock of the process, and a writer in
 * another process would then remove the -wal under the readers (reports failed with "the
 * database file is damaged" beside `settings set` in a loop). */
static void test_second_connection_keeps_locks(void)
{
    Tmp t;
    Err e = {{0}};
    tmp_make(&t);
    Store *s = open_ok(t.db);
    CHECK(store_set_setting(s, "company_name", "ロック", 1000, &e));
    CHECK(store_read_begin(s, &e)); /* a reader mid-read, as the report's figures */
    CHECK(locked_elsewhere(t.db) == 1);
    Store *r = NULL;
    CHECK(store_open_readonly(&r, t.db, &e));
    store_close(r);
    CHECK(store_open(&r, t.db, &e)); /* and a writer's second connection (a kiosk's job) */
    store_close(r);
    CHECK(locked_elsewhere(t.db) == 1);
    store_read_end(s);
    store_close(s);
    tmp_remove(&t);
}

static void test_page_size_and_schema_8(void)
{
    Tmp t;
    tmp_make(&t);
    Store *s = open_ok(t.db);
    store_close(s);
    CHECK(sql_int(t.db, "PRAGMA page_size") == 16384);
    CHECK(sql_int(t.db, "SELECT count(*) FROM sqlite_master WHERE name = 'answers_by_question'") == 0);
    tmp_remove(&t);
    tmp_make(&t); /* a schema-7 file of SQLite's default 4 KiB pages, with its indexes */
    sqlite3 *db;
    CHECK(sqlite3_open(t.db, &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "PRAGMA page_size = 4096; CREATE TABLE x(a); DROP TABLE x;", NULL, NULL, NULL) ==
          SQLITE_OK);
    sqlite3_close(db);
    s = open_ok(t.db);
    Err e = {{0}};
    Employee p = {.code = "0001", .name = "山田 花子", .kana = "やまだ はなこ", .active = true};
    Answer ans[2] = {{"q-pw-1", 1u << 0, true}, {"q-pw-2", 0, false}};
    Attempt a = make_attempt("0001", 1, 2, false, 7000, ans, 2);
    CHECK(store_put_employee(s, &p, 1000, &e) && store_record_attempt(s, &a, &e));
    store_close(s);
    sql_run(t.db,
            "DROP INDEX answers_by_code; CREATE INDEX answers_by_code ON answers(code, attempt_seq, n);"
            " CREATE INDEX answers_by_question ON answers(question_id); DROP INDEX employees_by_reading;"
            " PRAGMA user_version = 7;");
    VerifyResult r;
    CHECK(store_open_readonly(&s, t.db, &e)); /* a reader reads schema 7 as it is (only indexes differ) */
    CHECK(s && store_verify(s, &r, &e) && r.ok && r.count == 2);
    store_close(s);
    CHECK(sql_int(t.db, "PRAGMA user_version") == 7);
    sql_run(t.db, "PRAGMA user_version = 6;"); /* older: columns differ, so a reader refuses it */
    CHECK(!store_open_readonly(&s, t.db, &e) && contains(e.msg, "older mamori (schema 6)"));
    sql_run(t.db, "PRAGMA user_version = 7;");
    s = open_ok(t.db);
    CHECK(store_verify(s, &r, &e) && r.ok);
    LoggedAnswer *log = NULL;
    int n = 0;
    CHECK(store_answer_log(s, "0001", &log, &n, &e) && n == 2);
    if (n == 2)
        CHECK(strcmp(log[0].question_id, "q-pw-1") == 0 && log[0].correct && log[0].time == 7000 &&
              strcmp(log[1].question_id, "q-pw-2") == 0 && !log[1].correct);
    store_answer_log_free(log);
    store_close(s);
    CHECK(sql_int(t.db, "PRAGMA user_version") == 9);
    CHECK(sql_int(t.db, "SELECT count(*) FROM sqlite_master WHERE name = 'answers_by_question'") == 0);
    CHECK(sql_int(t.db, "SELECT count(*) FROM pragma_index_info('answers_by_code')") == 6); /* covering */
    CHECK(sql_int(t.db, "SELECT count(*) FROM sqlite_master WHERE name = 'employees_by_reading'") == 1);
    CHECK(sql_int(t.db, "PRAGMA page_size") == 4096);
    tmp_remove(&t);
}

static void test_attempts_and_status(void)
{
    Tmp t;
    Err e = {{0}};
    MeasureStatus st[MEASURES];
    Store *s = store_with_people(&t);
    Answer ans[2] = {{"q-pw-1", 1u << 0 | 1u << 2, true}, {"q-pw-2", 0, false}};
    Attempt a = make_attempt("0001", 1, 2, false, 7000, ans, 2);
    a.seed = UINT64_MAX;
    CHECK(store_record_attempt(s, &a, &e));
    char buf[1024];
    sql_text(s, "SELECT payload FROM events WHERE type = 'attempt'", buf, sizeof buf);
    CHECK_STR(buf, "{\"code\":\"0001\",\"kind\":\"test\",\"measure\":3,"
                   "\"seed\":\"18446744073709551615\",\"status\":\"finished\",\"score\":1,"
                   "\"total\":2,\"pass_percent\":80,\"passed\":false,\"started\":6940,"
                   "\"ended\":7000,\"answers\":[{\"q\":\"q-pw-1\",\"picked\":[0,2],"
                   "\"correct\":true},{\"q\":\"q-pw-2\",\"picked\":[],\"correct\":false}]}");
    Answer right[2] = {{"q-pw-1", 1u << 0 | 1u << 2, true}, {"q-pw-3", 1u << 1, true}};
    a = make_attempt("0001", 2, 2, true, 8000, right, 2);
    CHECK(store_record_attempt(s, &a, &e));
    a = make_attempt("0001", 2, 2, true, 8500, right, 2); /* a second pass: passed_at stays */
    CHECK(store_record_attempt(s, &a, &e));
    a = make_attempt("0001", 0, 2, false, 9000, ans, 1);
    a.finished = false; /* abandoned: not counted as a test */
    CHECK(store_record_attempt(s, &a, &e));
    Attempt f = {.code = "0001",
                 .kind = ATTEMPT_FOLLOWUP,
                 .measure = 0,
                 .seed = 7,
                 .finished = true,
                 .score = 1,
                 .total = 1,
                 .passed = true,
                 .started = 9900,
                 .ended = 9999,
                 .answers = right + 1,
                 .nanswers = 1};
    CHECK(store_record_attempt(s, &f, &e));
    CHECK(store_measure_status(s, "0001", st, &e));
    CHECK(st[2].attempts == 3);
    CHECK(st[2].best_score == 2 && st[2].best_total == 2);
    CHECK(st[2].passed_at == 8000 && st[2].last_passed_at == 8500);
    CHECK(st[2].last_test_at == 8500);
    CHECK(st[0].attempts == 0 && st[0].passed_at == 0);
    CHECK(store_int(s, "SELECT picked FROM answers WHERE question_id = 'q-pw-1' LIMIT 1") == 5);
    CHECK(store_int(s, "SELECT count(*) FROM attempts WHERE kind = 'followup'") == 1);
    LoggedAnswer *log;
    int n;
    CHECK(store_answer_log(s, "0001", &log, &n, &e));
    CHECK(n == 8);
    if (n == 8) {
        CHECK_STR(log[0].question_id, "q-pw-1");
        CHECK(log[0].correct && log[0].time == 7000);
        CHECK_STR(log[1].question_id, "q-pw-2");
        CHECK(!log[1].correct);
        CHECK_STR(log[6].question_id, "q-pw-1"); /* the abandoned attempt's answer */
        CHECK(log[6].time == 9000);
        CHECK_STR(log[7].question_id, "q-pw-3");
        CHECK(log[7].time == 9999);
    }
    store_answer_log_free(log);
    CHECK(store_answer_log(s, "0002", &log, &n, &e) && n == 0);
    store_answer_log_free(log);
    store_close(s);
    tmp_remove(&t);
}

static void test_best_score(void)
{
    Tmp t;
    Err e = {{0}};
    MeasureStatus st[MEASURES];
    Store *s = store_with_people(&t);
    Attempt a = make_attempt("0002", 3, 5, false, 100, NULL, 0);
    CHECK(store_record_attempt(s, &a, &e));
    a = make_attempt("0002", 7, 10, false, 200, NULL, 0); /* 70% beats 60% */
    CHECK(store_record_attempt(s, &a, &e));
    a = make_attempt("0002", 2, 5, false, 300, NULL, 0);
    CHECK(store_record_attempt(s, &a, &e));
    CHECK(store_measure_status(s, "0002", st, &e));
    CHECK(st[2].best_score == 7 && st[2].best_total == 10);
    CHECK(st[2].attempts == 3 && st[2].passed_at == 0 && st[2].last_test_at == 300);
    store_close(s);
    tmp_remove(&t);
}

static void test_attempt_errors(void)
{
    Tmp t;
    Err e = {{0}};
    Store *s = store_with_people(&t);
    Answer ans[1] = {{"q", 1, true}};
    Attempt a = make_attempt("5555", 1, 1, true, 100, ans, 1);
    CHECK(!store_record_attempt(s, &a, &e) && contains(e.msg, "no person with code '5555'"));
    a = make_attempt("0001", 3, 2, true, 100, ans, 1);
    CHECK(!store_record_attempt(s, &a, &e) && contains(e.msg, "impossible"));
    a = make_attempt("0001", 1, 1, true, 100, ans, 1);
    a.measure = 0;
    CHECK(!store_record_attempt(s, &a, &e) && contains(e.msg, "measure 0"));
    a.measure = 26;
    a.kind = ATTEMPT_FOLLOWUP;
    CHECK(!store_record_attempt(s, &a, &e) && contains(e.msg, "measure 26"));
    char longid[80];
    memset(longid, 'q', 70);
    longid[70] = '\0';
    Answer bad[1] = {{longid, 1, true}};
    a = make_attempt("0001", 1, 1, true, 100, bad, 1);
    CHECK(!store_record_attempt(s, &a, &e) && contains(e.msg, "longer than 63"));
    a = make_attempt(NULL, 1, 1, true, 100, ans, 1);
    CHECK(!store_record_attempt(s, &a, &e) && contains(e.msg, "needs the person's code"));
    a = make_attempt("0001", 1, 1, true, 100, NULL, 1);
    CHECK(!store_record_attempt(s, &a, &e));
    CHECK(events(s) == 3);
    CHECK(store_int(s, "SELECT count(*) FROM attempts") == 0);
    store_close(s);
    tmp_remove(&t);
}

/* ---- everyone at once ---- */

/* What store_each_* gave, per code of roster3 (index = code - 1). */
typedef struct {
    int calls[3][2]; /* [person][figures asked (rows), log] */
    MeasureStatus status[3][MEASURES];
    LoggedAnswer log[3][16];
    int nlog[3];
    int64_t followup[3], activity[3];
} Everyone;

static int code_index(const char *code)
{
    int i = atoi(code) - 1;
    CHECK(i >= 0 && i < 3);
    return i < 0 || i > 2 ? 0 : i;
}

/* Wants 0001 and 0002 only: 0003's rows are not asked for. */
static bool got_figures(void *ctx, const char *code, StoreFigures *out)
{
    Everyone *ev = ctx;
    int i = code_index(code);
    ev->calls[i][0]++;
    *out = (StoreFigures){ev->status[i], &ev->followup[i], &ev->activity[i]};
    return i < 2;
}

static void got_log(void *ctx, const char *code, const LoggedAnswer *log, int n)
{
    Everyone *ev = ctx;
    int i = code_index(code);
    ev->calls[i][1]++;
    CHECK(n <= 16);
    ev->nlog[i] = n < 16 ? n : 16;
    memcpy(ev->log[i], log, sizeof *log * (size_t)ev->nlog[i]);
}

static bool same_status(const MeasureStatus *a, const MeasureStatus *b)
{
    return a->read_at == b->read_at && a->read_version == b->read_version && a->passed_at == b->passed_at &&
           a->last_passed_at == b->last_passed_at && a->best_score == b->best_score &&
           a->best_total == b->best_total && a->last_test_at == b->last_test_at && a->attempts == b->attempts;
}

/* Person i of roster3 as store_each_* saw them against the per-person verbs. */
static void check_one_person(Store *s, const Everyone *ev, int i)
{
    char code[16];
    MeasureStatus st[MEASURES];
    LoggedAnswer *log = NULL;
    int n = 0;
    int64_t followup = -1, activity = -1;
    Err e = {{0}};
    snprintf(code, sizeof code, "%04d", i + 1);
    CHECK(store_measure_status(s, code, st, &e) && store_answer_log(s, code, &log, &n, &e) &&
          store_activity(s, code, &followup, &activity, &e));
    for (int m = 0; m < MEASURES; m++)
        CHECK(same_status(&st[m], &ev->status[i][m]));
    CHECK(n == ev->nlog[i]);
    for (int k = 0; k < n && k < ev->nlog[i]; k++)
        CHECK(strcmp(log[k].question_id, ev->log[i][k].question_id) == 0 &&
              log[k].correct == ev->log[i][k].correct && log[k].time == ev->log[i][k].time);
    CHECK(followup == ev->followup[i] && activity == ev->activity[i]);
    store_answer_log_free(log);
}

/* store_each_* give every person exactly what the per-person verbs give (the log once, and
 * nothing for a person without rows, 0003 here), their records interleaved with another's. */
static void test_everyone_at_once(void)
{
    Tmp t;
    Err e = {{0}};
    Store *s = store_with_people(&t);
    Answer ans[2] = {{"q-pw-1", 1, true}, {"q-pw-2", 2, false}};
    Attempt a = make_attempt("0001", 1, 2, false, 7000, ans, 2);
    CHECK(store_record_lesson(s, "0001", &LESSON3, 5000, &e) &&
          store_record_lesson(s, "0002", &LESSON3, 5100, &e));
    CHECK(store_record_attempt(s, &a, &e));
    a = make_attempt("0002", 2, 2, true, 7100, ans, 2);
    CHECK(store_record_attempt(s, &a, &e));
    a = make_attempt("0001", 2, 2, true, 8000, ans, 1);
    CHECK(store_record_attempt(s, &a, &e));
    a.kind = ATTEMPT_FOLLOWUP, a.measure = 0, a.started = 8900, a.ended = 9000;
    CHECK(store_record_attempt(s, &a, &e));
    a.finished = false, a.started = 9400, a.ended = 9500; /* abandoned: activity, not a follow-up */
    CHECK(store_record_attempt(s, &a, &e));
    CHECK(store_record_lesson(s, "0001", &LESSON3, 6000, &e)); /* read again */
    Everyone ev = {0};
    CHECK(store_each_figures(s, got_figures, &ev, &e) && store_each_answer_log(s, got_log, &ev, &e));
    for (int i = 0; i < 2; i++)
        CHECK(ev.calls[i][0] >= 1 && ev.calls[i][1] == 1);
    CHECK(ev.calls[2][0] == 0 && ev.calls[2][1] == 0);
    for (int i = 0; i < 3; i++)
        check_one_person(s, &ev, i);
    CHECK(ev.status[0][2].read_at == 6000 && ev.status[0][2].attempts == 2 &&
          ev.status[0][2].passed_at == 8000);
    CHECK(ev.nlog[0] == 5 && ev.followup[0] == 9000 && ev.activity[0] == 9500);
    store_close(s);
    tmp_remove(&t);
}

/* ---- db copy ---- */

/* A small record on s: a lesson, a test with two answers, a follow-up, a setting, preferences. */
static void some_records(Store *s)
{
    Err e = {{0}};
    Answer ans[2] = {{"q-pw-1", 1u << 0 | 1u << 2, true}, {"q-pw-2", 0, false}};
    Attempt a = make_attempt("0001", 1, 2, false, 7000, ans, 2);
    CHECK(store_record_lesson(s, "0001", &LESSON3, 5000, &e) && store_record_attempt(s, &a, &e));
    a.kind = ATTEMPT_FOLLOWUP, a.measure = 0, a.finished = false, a.ended = 7500;
    CHECK(store_record_attempt(s, &a, &e));
    CHECK(store_set_setting(s, "company_name", "守り\\\"商事\"\n", 7600, &e));
    CHECK(store_set_prefs(s, "0002", LANG_EN, true, 7700, &e));
}

/* The derived tables of the copy are rebuilt from the events' payloads, not copied: a column
 * verify cannot see (an answer's time) edited in the source comes out as the record says. */
static void test_copy_rebuilds_from_payloads(void)
{
    Tmp t, u;
    Err e = {{0}};
    StoreCopy c;
    VerifyResult r;
    Store *s = store_with_people(&t);
    some_records(s);
    sql_run(t.db, "UPDATE answers SET time = 1");
    CHECK(store_verify(s, &r, &e) && r.ok); /* the time is not in the record */
    tmp_make(&u);
    Store *to = open_ok(u.db);
    CHECK(store_copy(s, to, &c, &e));
    CHECK(c.events == events(s) && c.events == 8);
    CHECK(c.rows == 3 + 1 + 2 + 4 + 1); /* people, lesson, attempts, answers, setting */
    CHECK(store_verify(to, &r, &e) && r.ok);
    CHECK(store_int(to, "SELECT count(*) FROM answers WHERE time = 7000") == 2);
    CHECK(store_int(to, "SELECT count(*) FROM answers WHERE time = 7500") == 2);
    CHECK(store_int(to, "SELECT count(*) FROM employees WHERE lang = 'en' AND large_text = 1") == 1);
    CHECK(store_int(to, "SELECT count(*) FROM employees WHERE department_kana = 'エイギョウ'") == 2);
    char buf[64];
    sql_text(to, "SELECT value FROM settings WHERE key = 'company_name'", buf, sizeof buf);
    CHECK_STR(buf, "守り\\\"商事\"\n");
    store_close(to);
    store_close(s);
    tmp_remove(&u);
    tmp_remove(&t);
}

/* A record the copy cannot rebuild (a kind of event it does not know) is refused whole. */
static void test_copy_refuses_unknown_kind(void)
{
    Tmp t, u;
    Err e = {{0}};
    StoreCopy c;
    Store *s = store_with_people(&t);
    some_records(s);
    CHECK(store_begin(s, &e) && store_append_event(s, "mystery", "{\"x\":1}", 8000, NULL, NULL, &e) &&
          store_commit(s, &e));
    tmp_make(&u);
    Store *to = open_ok(u.db);
    CHECK(!store_copy(s, to, &c, &e) && contains(e.msg, "a record of kind 'mystery' cannot be rebuilt"));
    CHECK(events(to) == 0 && store_int(to, "SELECT count(*) FROM employees") == 0);
    store_close(to);
    store_close(s);
    tmp_remove(&u);
    tmp_remove(&t);
}

/* ---- settings ---- */

static void test_settings(void)
{
    Tmp t;
    Err e = {{0}};
    char buf[64];
    bool found = true;
    tmp_make(&t);
    Store *s = open_ok(t.db);
    CHECK(store_get_setting(s, "pass_percent", buf, sizeof buf, &found, &e));
    CHECK(!found && buf[0] == '\0');
    CHECK(store_set_setting(s, "pass_percent", "80", 100, &e));
    CHECK(store_get_setting(s, "pass_percent", buf, sizeof buf, &found, &e) && found);
    CHECK_STR(buf, "80");
    CHECK(store_set_setting(s, "pass_percent", "80", 101, &e)); /* unchanged */
    CHECK(events(s) == 1);
    CHECK(store_set_setting(s, "pass_percent", "90", 102, &e));
    CHECK(store_get_setting(s, "pass_percent", buf, sizeof buf, &found, &e));
    CHECK_STR(buf, "90");
    CHECK(events(s) == 2);
    sql_text(s, "SELECT payload FROM events WHERE seq = 2", buf, sizeof buf);
    CHECK_STR(buf, "{\"key\":\"pass_percent\",\"value\":\"90\"}");
    char tiny[2];
    CHECK(!store_get_setting(s, "pass_percent", tiny, sizeof tiny, &found, &e));
    CHECK(contains(e.msg, "longer than 1 bytes"));
    CHECK(!store_set_setting(s, "", "x", 1, &e) && contains(e.msg, "needs a key"));
    store_close(s);
    tmp_remove(&t);
}

/* ---- the derived tables are checked against their events ---- */

/* A store with one test attempt (two answers), one lesson read and one setting, then the
 * tampering SQL; verify must name the tampered record. */
static void tampered_derived(const char *sql, const char *what_part)
{
    Tmp t;
    Err e = {{0}};
    Store *s = store_with_people(&t);
    Answer ans[2] = {{"q-pw-1", 1, true}, {"q-pw-2", 2, false}};
    Attempt a = make_attempt("0001", 1, 2, false, 5000, ans, 2);
    CHECK(store_record_attempt(s, &a, &e));
    CHECK(store_record_lesson(s, "0001", &LESSON3, 5100, &e));
    CHECK(store_set_setting(s, "idle_timeout", "90", 5200, &e));
    CHECK(store_set_prefs(s, "0001", LANG_EN, true, 5300, &e)); /* a row last changed by prefs */
    VerifyResult r;
    CHECK(store_verify(s, &r, &e) && r.ok);
    sql_run(t.db, sql);
    CHECK(store_verify(s, &r, &e));
    CHECK(!r.ok);
    if (!contains(r.what, what_part))
        fprintf(stderr, "  after %s: '%s'\n", sql, r.what);
    CHECK(contains(r.what, what_part));
    store_close(s);
    Store *ro; /* the same finding when the parts run at once (store_verify.c), as mamori verify */
    VerifyResult at_once;
    CHECK(store_open_readonly(&ro, t.db, &e));
    CHECK(store_verify_all(ro, VERIFY_FILE_QUICK, &at_once, &e) && !at_once.ok);
    CHECK(at_once.bad_seq == r.bad_seq && strcmp(at_once.what, r.what) == 0 && at_once.count == r.count);
    store_close(ro);
    tmp_remove(&t);
}

static void test_verify_catches_edited_derived_rows(void)
{
    tampered_derived("UPDATE attempts SET passed = 1, score = 2", "attempts or answers table");
    tampered_derived("UPDATE answers SET correct = 1", "attempts or answers table");
    tampered_derived("DELETE FROM answers WHERE n = 1", "attempts or answers table");
    tampered_derived("PRAGMA foreign_keys = OFF; DELETE FROM attempts", "missing from the attempts table");
    tampered_derived("UPDATE lesson_reads SET version = 9", "lesson_reads table");
    tampered_derived("DELETE FROM lesson_reads", "missing from the lesson_reads");
    tampered_derived("UPDATE settings SET value = '3600'", "settings table");
    tampered_derived("DELETE FROM settings", "missing from the settings table");
    tampered_derived("UPDATE settings SET seq = 1", "settings table");
    tampered_derived("UPDATE employees SET large_text = 0 WHERE code = '0001'", "employees table");
    tampered_derived("UPDATE employees SET name = 'Someone' WHERE code = '0001'", "employees table");
    tampered_derived("UPDATE employees SET active = 1 - active WHERE code = '0002'", "employees table");
    tampered_derived("UPDATE employees SET added = added - 86400 WHERE code = '0002'", "employees table");
    tampered_derived("UPDATE employees SET department_kana = '' WHERE code = '0003'", "employees table");
    tampered_derived("UPDATE employees SET department_kana = 'アアア' WHERE code = '0002'",
                     "employees table");
    tampered_derived("UPDATE employees SET department_kana = 'ソウム' WHERE code = '0001'",
                     "employees table");
    tampered_derived("PRAGMA foreign_keys = OFF; DELETE FROM employees WHERE code = '0002'",
                     "missing from the employees table");
    tampered_derived("INSERT INTO attempts SELECT seq + 1000, code, kind, measure, seed, 1, total, total,"
                     " pass_percent, 1, started, ended FROM attempts",
                     "no record of its own");
    tampered_derived("INSERT INTO answers SELECT attempt_seq + 1000, n, code, question_id, picked, correct,"
                     " time FROM answers",
                     "no record of its own");
    tampered_derived("INSERT INTO lesson_reads SELECT seq + 1000, code, measure, lesson_id, version, time"
                     " FROM lesson_reads",
                     "no record of its own");
}

static void put_in(Store *s, const char *code, const char *dept, const char *reading, int64_t now)
{
    Err e = {{0}};
    Employee p = person(code, code, "", dept, ROLE_EMPLOYEE, LANG_JA);
    snprintf(p.department_kana, sizeof p.department_kana, "%s", reading);
    CHECK(store_put_employee(s, &p, now, &e));
}

/* The store made by readings_case: each person's row and every event's payload, in order. */
static void readings_dump(Store *s, char *buf, size_t size)
{
    DbStmt *st;
    size_t len = 0;
    buf[0] = '\0';
    CHECK(db_prepare(store_conn(s),
                     "SELECT code || '|' || name || '|' || department || '|' || department_kana || '|' ||"
                     " active || '|' || added FROM employees UNION ALL SELECT payload FROM events"
                     " ORDER BY 1",
                     &st));
    while (st && db_step(st) == DB_ROW && len < size)
        len += (size_t)snprintf(buf + len, size - len, "%s\n", db_text(st, 0));
    db_finalize(st);
    CHECK(len < size);
}

/* People moving between departments, readings given, changed and taken, a department left with
 * none, one that has none, one without a department: imported at once (the import learns the departments'
 * readings as it goes) or put one by one (each asks the database), the same rows and the same records. */
static void readings_case(bool at_once, char *dump, size_t size)
{
    static const struct {
        const char *code, *dept, *reading;
        bool active;
    } ROWS[] = {
        {"N1", "総務", "", true},
        {"B1", "営業", "", true},
        {"N2", "総務", "そうむ", true},
        {"N3", "総務", "", true},
        {"A1", "営業", "えいぎょうぶ", true},
        {"N4", "営業", "エイギョウブ", true},
        {"C1", "総務", "", true},
        {"N5", "経理", "", true},
        {"N6", "経理", "けいり", true},
        {"N7", "", "むしょぞく", true},
        {"N8", "総務", "", false},
        {"A2", "営業", "", true},
        {"N9", "企画", "", true},
        {"N10", "企画", "", true},
    };
    enum { N = sizeof ROWS / sizeof *ROWS };
    Tmp t;
    Err e = {{0}};
    Employee rows[N];
    tmp_make(&t);
    Store *s = open_ok(t.db);
    put_in(s, "A1", "営業", "えいぎょう", 1000);
    put_in(s, "A2", "営業", "", 1000);
    put_in(s, "B1", "総務", "", 1000);
    put_in(s, "B2", "総務", "", 1000);
    put_in(s, "C1", "経理", "けいり", 1000);
    for (int i = 0; i < N; i++) {
        rows[i] = person(ROWS[i].code, ROWS[i].code, "", ROWS[i].dept, ROLE_EMPLOYEE, LANG_JA);
        snprintf(rows[i].department_kana, sizeof rows[i].department_kana, "%s", ROWS[i].reading);
        rows[i].active = ROWS[i].active;
    }
    if (at_once)
        CHECK(store_import_employees(s, rows, N, 2000, NULL, &e));
    for (int i = 0; !at_once && i < N; i++)
        CHECK(store_put_employee(s, &rows[i], 2000, &e));
    readings_dump(s, dump, size);
    VerifyResult r;
    CHECK(store_verify(s, &r, &e) && r.ok);
    store_close(s);
    tmp_remove(&t);
}

static void test_import_learns_readings(void)
{
    static char at_once[16384], one_by_one[16384];
    readings_case(true, at_once, sizeof at_once);
    readings_case(false, one_by_one, sizeof one_by_one);
    CHECK_STR(at_once, one_by_one);
    CHECK(strstr(at_once, "N3|N3|総務|ソウム|1|") && strstr(at_once, "B2|B2|総務|ソウム|1|"));
    CHECK(strstr(at_once, "B1|B1|営業|エイギョウブ|1|") && strstr(at_once, "A2|A2|営業|エイギョウブ|1|"));
    CHECK(strstr(at_once, "C1|C1|総務|ソウム|1|") && strstr(at_once, "N5|N5|経理|ケイリ|1|"));
    CHECK(strstr(at_once, "N7|N7|||1|") && strstr(at_once, "N10|N10|企画||1|"));
}

/* Departments in the order of their reading (issue 18), not of their names' code points nor of
 * CP932 (JIS puts 大 under だい): 大阪支店 おおさか < 経理 けいり < 本社 ほんしゃ, then those
 * without a reading by name (企画 < 総務). One reading per department: a person written without
 * one takes the department's, one written with another gives it to all. verify holds. */
static void test_department_reading_order(void)
{
    Tmp t;
    Err e = {{0}};
    Employee *list = NULL;
    int n = 0, changed = 0;
    tmp_make(&t);
    Store *s = open_ok(t.db);
    put_in(s, "0001", "経理", "けいり", 1000);
    put_in(s, "0002", "大阪支店", "オオサカ", 1000);
    put_in(s, "0003", "本社", "ほんしゃ", 1000);
    put_in(s, "0004", "総務", "", 1000);
    put_in(s, "0005", "企画", "", 1000);
    put_in(s, "0008", "", "むしょぞく", 1000); /* no department: no reading */
    CHECK(store_list_employees(s, false, &list, &n, &e) && n == 6);
    const char *want[] = {"0002", "0001", "0003", "0008", "0005", "0004"};
    for (int i = 0; i < n && i < 6; i++)
        CHECK_STR(list[i].code, want[i]);
    if (n == 6)
        CHECK(strcmp(list[2].department_kana, "ホンシャ") == 0 && list[3].department_kana[0] == '\0');
    free(list);
    int64_t before = events(s);
    put_in(s, "0007", "大阪支店", "", 2000);
    Employee rows[1] = {person("0006", "0006", "", "経理", ROLE_EMPLOYEE, LANG_JA)};
    snprintf(rows[0].department_kana, sizeof rows[0].department_kana, "けいりぶ");
    CHECK(store_import_employees(s, rows, 1, 3000, &changed, &e) && changed == 2);
    CHECK(events(s) == before + 3); /* 0007, 0006, and 0001 given the new reading */
    Employee got;
    bool found;
    CHECK(store_find_employee(s, "0007", &got, &found, &e) && found &&
          strcmp(got.department_kana, "オオサカ") == 0);
    CHECK(store_find_employee(s, "0001", &got, &found, &e) && found &&
          strcmp(got.department_kana, "ケイリブ") == 0);
    CHECK(store_import_employees(s, rows, 1, 4000, &changed, &e) && changed == 0); /* nothing new */
    VerifyResult r;
    CHECK(store_verify(s, &r, &e) && r.ok);
    store_close(s);
    tmp_remove(&t);
}

/* A record made before schema 7 has no department readings: it opens, lists as before (by
 * name), verifies, and takes a reading afterwards. */
static void test_department_reading_migrates(void)
{
    Tmp t;
    Err e = {{0}};
    Employee *list = NULL;
    int n = 0;
    tmp_make(&t);
    Store *s = open_ok(t.db);
    put_in(s, "0001", "総務", "", 1000);
    put_in(s, "0002", "企画", "", 1000);
    store_close(s);
    bool pg = tmp_pg_prefix != NULL;
    sql_run(t.db, pg ? "DROP INDEX employees_by_reading; DROP INDEX employees_by_department; ALTER TABLE "
                       "employees DROP COLUMN department_kana;"
                       " UPDATE meta SET value = '6' WHERE key = 'schema_version'"
                     : "DROP INDEX employees_by_reading; DROP INDEX employees_by_department; ALTER TABLE "
                       "employees DROP COLUMN department_kana;"
                       " PRAGMA user_version = 6;");
    s = open_ok(t.db);
    CHECK(sql_int(t.db, pg ? "SELECT value::int FROM meta WHERE key = 'schema_version'"
                           : "PRAGMA user_version") == 9);
    VerifyResult r;
    CHECK(store_verify(s, &r, &e) && r.ok);
    CHECK(store_list_employees(s, false, &list, &n, &e) && n == 2);
    if (n == 2)
        CHECK(strcmp(list[0].code, "0002") == 0 && strcmp(list[1].code, "0001") == 0);
    free(list);
    put_in(s, "0003", "総務", "そうむ", 2000); /* 総務 now before 企画, which has none */
    CHECK(store_list_employees(s, false, &list, &n, &e) && n == 3);
    if (n == 3)
        CHECK(strcmp(list[0].code, "0001") == 0 && strcmp(list[2].code, "0002") == 0);
    free(list);
    CHECK(store_verify(s, &r, &e) && r.ok);
    store_close(s);
    tmp_remove(&t);
}

/* Answers stored out of (attempt, n) order (a row deleted and written again lands at the end of
 * the table) are still read in order: verify reads them as stored first and, seeing the order
 * broken, again in key order; a record made so is intact, and a change made beside is caught. */
static void test_verify_answers_out_of_order(void)
{
    static const char MOVE[] = "CREATE TEMP TABLE moved AS SELECT * FROM answers WHERE n = 0;"
                               " DELETE FROM answers WHERE n = 0; INSERT INTO answers SELECT * FROM moved";
    Tmp t;
    Err e = {{0}};
    Store *s = store_with_people(&t);
    Answer ans[2] = {{"q-pw-1", 1, true}, {"q-pw-2", 2, false}};
    for (int i = 0; i < 2; i++) {
        Attempt a = make_attempt("0001", 1, 2, false, 5000 + i, ans, 2);
        CHECK(store_record_attempt(s, &a, &e));
    }
    sql_run(t.db, MOVE);
    VerifyResult r, at_once;
    CHECK(store_verify(s, &r, &e) && r.ok);
    Store *ro;
    CHECK(store_open_readonly(&ro, t.db, &e));
    CHECK(store_verify_all(ro, VERIFY_FILE_QUICK, &at_once, &e) && at_once.ok);
    store_close(ro);
    sql_run(t.db,
            "UPDATE answers SET picked = 4 WHERE n = 1 AND attempt_seq = (SELECT max(seq) FROM attempts)");
    CHECK(store_verify(s, &r, &e) && !r.ok && contains(r.what, "attempts or answers table"));
    CHECK(r.bad_seq == store_int(s, "SELECT max(seq) FROM attempts"));
    store_close(s);
    tmp_remove(&t);
}

/* When a person was added: their first employee event's time, kept through later changes. */
static void test_person_added(void)
{
    Tmp t;
    Err e = {{0}};
    Store *s = store_with_people(&t); /* imported at 1000 */
    Employee p = person("0002", "佐藤 一郎", "サトウ イチロウ", "製造", ROLE_EMPLOYEE, LANG_JA), got;
    bool found;
    CHECK(store_put_employee(s, &p, 5000, &e));
    Employee fresh = person("0009", "新人 花子", "シンジン ハナコ", "製造", ROLE_EMPLOYEE, LANG_JA);
    CHECK(store_put_employee(s, &fresh, 7000, &e));
    CHECK(store_find_employee(s, "0002", &got, &found, &e) && found && got.added == 1000);
    CHECK(strcmp(got.department, "製造") == 0);
    CHECK(store_find_employee(s, "0009", &got, &found, &e) && found && got.added == 7000);
    VerifyResult r;
    CHECK(store_verify(s, &r, &e) && r.ok);
    store_close(s);
    tmp_remove(&t);
}

/* A record made before schema 5 learns when each person was added from their first record. */
static void test_added_migrates(void)
{
    Tmp t;
    Err e = {{0}};
    Employee rows[3];
    roster3(rows);
    rows[0].department_kana[0] = '\0'; /* no department had a reading before schema 7 */
    tmp_make(&t);
    Store *s = open_ok(t.db);
    CHECK(store_import_employees(s, rows, 3, 1000, NULL, &e));
    Employee p = person("0002", "佐藤 一郎", "サトウ イチロウ", "製造", ROLE_EMPLOYEE, LANG_JA), got;
    bool found;
    CHECK(store_put_employee(s, &p, 5000, &e));
    store_close(s);
    sql_run(t.db,
            "DROP INDEX employees_by_reading; DROP INDEX employees_by_department; ALTER TABLE employees DROP "
            "COLUMN department_kana;"
            " ALTER TABLE employees DROP COLUMN added; DROP INDEX events_by_type; PRAGMA user_version = 4;");
    s = open_ok(t.db);
    CHECK(sql_int(t.db, "PRAGMA user_version") == 9);
    CHECK(sql_int(t.db, "SELECT count(*) FROM sqlite_master WHERE name = 'events_by_type'") == 1);
    CHECK(store_find_employee(s, "0002", &got, &found, &e) && found && got.added == 1000);
    VerifyResult r;
    CHECK(store_verify(s, &r, &e) && r.ok);
    store_close(s);
    tmp_remove(&t);
}

/* The kiosk's sync thread dials the server with a connect_timeout: the same witness as
 * `mamori verify URI` on that machine. */
static void test_witness_name_ignores_connect_timeout(void)
{
    static const char *const same[][2] = {
        {"postgresql:///m?host=/run/pg", "postgresql:///m?host=/run/pg&connect_timeout=3"},
        {"postgresql:///m?host=/run/pg", "postgresql:///m?connect_timeout=3&host=/run/pg"},
        {"postgresql://u@h/m", "postgresql://u@h/m?connect_timeout=10"},
        {"postgresql:///m?a=1&b=2", "postgresql:///m?a=1&connect_timeout=3&b=2"},
    };
    char a[4200], b[4200];
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        CHECK(witness_path(same[i][0], false, a, sizeof a) && witness_path(same[i][1], false, b, sizeof b));
        CHECK_STR(b, a);
    }
    CHECK(witness_path("postgresql:///m?host=/run/pg", false, a, sizeof a) &&
          witness_path("postgresql:///other?host=/run/pg", false, b, sizeof b) && strcmp(a, b) != 0);
}

static void test_read_snapshot(void)
{
    Tmp t;
    Err e = {{0}};
    Store *reader = store_with_people(&t), *writer = open_ok(t.db);
    Employee *people;
    int n;
    CHECK(store_read_begin(reader, &e));
    CHECK(store_list_employees(reader, true, &people, &n, &e) && n == 3);
    free(people);
    Employee extra = {.code = "0099", .name = "Late Comer", .role = ROLE_EMPLOYEE, .active = true};
    CHECK(store_put_employee(writer, &extra, 2000, &e));                  /* the kiosk writes meanwhile */
    CHECK(store_list_employees(reader, true, &people, &n, &e) && n == 3); /* not seen yet */
    free(people);
    store_read_end(reader);
    CHECK(store_list_employees(reader, true, &people, &n, &e) && n == 4);
    free(people);
    store_close(writer);
    store_close(reader);
    tmp_remove(&t);
}

/* ---- transactions ---- */

static void test_disk_full_writes_nothing(void)
{
    Tmp t;
    Err e = {{0}};
    Store *s = store_with_people(&t);
    int64_t pages = store_int(s, "PRAGMA page_count");
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", (long long)pages);
    CHECK(sqlite3_exec(store_db(s), sql, NULL, NULL, NULL) == SQLITE_OK);
    enum { N = 400 };
    Answer *ans = xcalloc(N, sizeof *ans);
    char(*ids)[40] = xcalloc(N, sizeof *ids);
    for (int i = 0; i < N; i++) {
        snprintf(ids[i], sizeof ids[i], "question-with-a-long-id-%04d", i);
        ans[i] = (Answer){ids[i], 1, i % 2 == 0};
    }
    Attempt a = make_attempt("0001", N / 2, N, false, 100, ans, N);
    CHECK(!store_record_attempt(s, &a, &e));
    CHECK(contains(e.msg, "the disk is full") && contains(e.msg, t.db));
    CHECK(events(s) == 3);
    CHECK(store_int(s, "SELECT count(*) FROM attempts") == 0);
    CHECK(store_int(s, "SELECT count(*) FROM answers") == 0);
    CHECK(sqlite3_exec(store_db(s), "PRAGMA max_page_count = 1000000", NULL, NULL, NULL) == 0);
    CHECK(store_record_attempt(s, &a, &e)); /* retried, it goes through */
    CHECK(store_int(s, "SELECT count(*) FROM answers") == N);
    VerifyResult r;
    CHECK(store_verify(s, &r, &e) && r.ok && r.count == 4);
    free(ans);
    free(ids);
    store_close(s);
    tmp_remove(&t);
}

static void test_extension_event(void)
{
    Tmp t;
    Err e = {{0}};
    int64_t seq = 0;
    char hash[65] = "";
    Store *s = store_with_people(&t);
    CHECK(store_begin(s, &e));
    CHECK(store_append_event(s, "ext", "{\"code\":\"0001\"}", 900, &seq, hash, &e));
    CHECK(db_exec(store_conn(s), "CREATE TABLE IF NOT EXISTS ext_rows(seq INTEGER PRIMARY KEY);"
                                 "INSERT INTO ext_rows VALUES(4)"));
    CHECK(store_commit(s, &e));
    CHECK(seq == 4 && strlen(hash) == 64);
    VerifyResult r;
    CHECK(store_verify(s, &r, &e) && r.ok && r.count == 4);
    CHECK_STR(r.head, hash);
    CHECK(store_begin(s, &e));
    CHECK(store_append_event(s, "ext", "{}", 901, NULL, NULL, &e));
    CHECK(db_exec(store_conn(s), "INSERT INTO ext_rows VALUES(5)"));
    store_rollback(s);
    CHECK(events(s) == 4);
    CHECK(store_int(s, "SELECT count(*) FROM ext_rows") == 1);
    store_rollback(s);                              /* harmless when nothing is open */
    CHECK(store_set_setting(s, "k", "v", 902, &e)); /* the store's verbs work after */
    store_close(s);
    tmp_remove(&t);
}

static void test_sql_error_messages(void)
{
    Tmp t;
    Err e = {{0}};
    tmp_make(&t);
    Store *s = open_ok(t.db);
    struct {
        DbFault fault;
        const char *want;
    } cases[] = {
        {DBF_FULL, "the disk is full"},
        {DBF_READONLY, "read-only"},
        {DBF_READONLY_DIR, "folder holding the database is read-only"},
        {DBF_BUSY, "in use by another program"},
        {DBF_CANTOPEN, "cannot be opened (detail)"},
        {DBF_NOTADB, "not a mamori database"},
        {DBF_CORRUPT, "damaged"},
        {DBF_IO, "could not be read or written (detail)"},
        {DBF_PERM, "permission denied"},
        {DBF_CONSTRAINT, "conflicts with what is already recorded"},
        {DBF_TOOBIG, "too large"},
        {DBF_NOMEM, "out of memory"},
        {DBF_SCHEMA, "tables are not what mamori expects"},
        {DBF_UNREACHABLE, "server cannot be reached (detail)"},
        {DBF_AUTH, "refused the user or password"},
        {DBF_NO_DATABASE, "has no such database"},
        {DBF_CONNECTION, "connection to the database server was lost; nothing of this change was saved"},
        {DBF_APPEND_ONLY, "refuses to change or delete a recorded event"},
        {DBF_OTHER, "unexpected database error (detail)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char buf[400];
        db_fault_reason(cases[i].fault, "detail", buf, sizeof buf);
        CHECK(contains(buf, cases[i].want));
    }
    /* a real failure, through the store: the path, what it was doing, why */
    DbStmt *st;
    CHECK(!store_stmt(s, "SELECT x FROM no_such_table", &st, &e));
    CHECK(contains(e.msg, t.db) && contains(e.msg, "could not prepare a statement: ") &&
          contains(e.msg, "no_such_table"));
    store_close(s);
    tmp_remove(&t);
}

static void test_names(void)
{
    Role r;
    Lang l;
    CHECK_STR(store_role_name(ROLE_PRESIDENT), "president");
    CHECK(store_role_parse("manager", &r) && r == ROLE_MANAGER);
    CHECK(!store_role_parse("Manager", &r) && !store_role_parse("", &r));
    CHECK_STR(store_lang_name(LANG_EN), "en");
    CHECK(store_lang_parse("ja", &l) && l == LANG_JA);
    CHECK(!store_lang_parse("jp", &l));
}

/* ---- the chain ---- */

/* A store with 3 people, 2 lessons, a setting: 6 events. Closed; returns the path in t. */
static void six_events(Tmp *t)
{
    Err e = {{0}};
    Store *s = store_with_people(t);
    CHECK(store_record_lesson(s, "0001", &LESSON3, 100, &e));
    CHECK(store_record_lesson(s, "0002", &LESSON3, 200, &e));
    CHECK(store_set_setting(s, "company_name", "守り商事", 300, &e));
    store_close(s);
}

static VerifyResult verify_file(const char *path)
{
    VerifyResult r = {0};
    Err e = {{0}};
    Store *s = NULL;
    if (!store_open_readonly(&s, path, &e)) /* as `mamori verify` does */
        fprintf(stderr, "store_open_readonly: %s\n", e.msg);
    if (s) {
        CHECK(store_verify(s, &r, &e));
        store_close(s);
    }
    return r;
}

static void test_verify_intact(void)
{
    Tmp t;
    six_events(&t);
    VerifyResult r = verify_file(t.db);
    CHECK(r.ok && r.count == 6 && strlen(r.head) == 64);
    CHECK(sql_int(t.db, "SELECT count(*) FROM events WHERE seq = 1 AND prev_hash = '"
                        "0000000000000000000000000000000000000000000000000000000000000000'") == 1);
    CHECK(sql_int(t.db, "SELECT count(*) FROM events a JOIN events b ON b.seq = a.seq + 1"
                        " WHERE b.prev_hash = a.hash") == 5);
    tmp_remove(&t);
}

/* This machine's chain key, read from its file as the README says (64 hex digits). */
static bool read_key(unsigned char key[32])
{
    char path[4096], hex[80] = "";
    const char *xdg = getenv("XDG_DATA_HOME");
    if (xdg && xdg[0])
        snprintf(path, sizeof path, "%s/mamori/chain.key", xdg);
    else
        snprintf(path, sizeof path, "%s/.local/share/mamori/chain.key", getenv("HOME"));
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    bool ok = fscanf(f, "%79s", hex) == 1 && sodium_hex2bin(key, 32, hex, 64, NULL, NULL, NULL) == 0;
    fclose(f);
    return ok;
}

/* The documented canonical form, recomputed here independently of store.c: keyed BLAKE2b-256
 * under the chain key of each field as text, then a NUL (HMAC-SHA-256 or plain SHA-256 of the same
 * for records sealed before BLAKE2b or made before keys: test_record_made_before_keys,
 * test_record_sealed_before_blake2b). */
static void test_hash_canonical_form(void)
{
    Tmp t;
    unsigned char key[32];
    six_events(&t);
    Store *s = open_ok(t.db);
    DbStmt *st;
    CHECK(read_key(key));
    CHECK(db_prepare(store_conn(s),
                     "SELECT prev_hash, seq, uuid, time, kiosk, type,"
                     " content_version, payload, hash FROM events WHERE seq IN (1, 5)"
                     " ORDER BY seq",
                     &st));
    int rows = 0;
    while (st && db_step(st) == DB_ROW) {
        crypto_generichash_state h;
        crypto_generichash_init(&h, key, sizeof key, 32);
        for (int c = 0; c < 8; c++) /* each field as text, then a NUL */
            crypto_generichash_update(&h, (const unsigned char *)db_text(st, c), strlen(db_text(st, c)) + 1);
        unsigned char bin[32];
        char hex[65];
        crypto_generichash_final(&h, bin, sizeof bin);
        sodium_bin2hex(hex, sizeof hex, bin, sizeof bin);
        CHECK_STR(hex, db_text(st, 8));
        rows++;
    }
    db_finalize(st);
    CHECK(rows == 2);
    store_close(s);
    tmp_remove(&t);
}

static void test_verify_edited(void)
{
    Tmp t;
    six_events(&t);
    sql_run(t.db, "UPDATE events SET payload = replace(payload, '\"version\":2', '\"version\":9')"
                  " WHERE seq = 4");
    VerifyResult r = verify_file(t.db);
    CHECK(!r.ok && r.bad_seq == 4 && r.count == 3);
    CHECK(contains(r.what, "edited"));
    tmp_remove(&t);
    six_events(&t);
    sql_run(t.db, "UPDATE events SET time = time + 1 WHERE seq = 6"); /* the last one too */
    r = verify_file(t.db);
    CHECK(!r.ok && r.bad_seq == 6 && contains(r.what, "edited"));
    tmp_remove(&t);
    const char *edits[] = {"uuid = 'x' || uuid", "kiosk = kiosk || 'x'", "type = 'setting'",
                           "content_version = 'ffffffffffffffff'", "hash = upper(hash)"};
    for (size_t i = 0; i < sizeof edits / sizeof *edits; i++) {
        char sql[160];
        snprintf(sql, sizeof sql, "UPDATE events SET %s WHERE seq = 5", edits[i]);
        six_events(&t);
        sql_run(t.db, sql);
        r = verify_file(t.db);
        CHECK(!r.ok && r.bad_seq == 5 && r.count == 4);
        tmp_remove(&t);
    }
}

static void test_verify_deleted(void)
{
    Tmp t;
    six_events(&t);
    sql_run(t.db, "DELETE FROM events WHERE seq = 3");
    VerifyResult r = verify_file(t.db);
    CHECK(!r.ok && r.bad_seq == 4 && contains(r.what, "missing") && contains(r.what, "deleted"));
    tmp_remove(&t);
    six_events(&t); /* deleted and the numbers closed up: the chain still breaks */
    sql_run(t.db, "DELETE FROM events WHERE seq = 3;"
                  "UPDATE events SET seq = seq + 100 WHERE seq > 3;"
                  "UPDATE events SET seq = seq - 101 WHERE seq > 100;");
    r = verify_file(t.db);
    CHECK(!r.ok && r.bad_seq == 3 && contains(r.what, "does not follow"));
    tmp_remove(&t);
    six_events(&t);
    sql_run(t.db, "DELETE FROM events WHERE seq = 1");
    r = verify_file(t.db);
    CHECK(!r.ok && r.bad_seq == 2 && r.count == 0);
    tmp_remove(&t);
}

static void test_verify_reordered(void)
{
    Tmp t;
    six_events(&t);
    sql_run(t.db, "UPDATE events SET seq = -seq WHERE seq IN (4, 5);"
                  "UPDATE events SET seq = 5 WHERE seq = -4;"
                  "UPDATE events SET seq = 4 WHERE seq = -5;");
    VerifyResult r = verify_file(t.db);
    CHECK(!r.ok && r.bad_seq == 4 && contains(r.what, "reordered"));
    tmp_remove(&t);
}

static void test_verify_inserted(void)
{
    Tmp t;
    six_events(&t);
    sql_run(t.db, "UPDATE events SET seq = seq + 100 WHERE seq >= 3;"
                  "UPDATE events SET seq = seq - 99 WHERE seq > 100;"
                  "INSERT INTO events SELECT 3, 'forged-uuid', time, kiosk, type, content_version,"
                  " payload, hash, hash FROM events WHERE seq = 2;");
    VerifyResult r = verify_file(t.db);
    CHECK(!r.ok && r.bad_seq == 3 && contains(r.what, "edited"));
    tmp_remove(&t);
    six_events(&t); /* a forged record at the end */
    sql_run(t.db, "INSERT INTO events SELECT 7, 'forged', time, kiosk, type, content_version,"
                  " payload, hash, 'ffff' FROM events WHERE seq = 6;");
    r = verify_file(t.db);
    CHECK(!r.ok && r.bad_seq == 7 && r.count == 6);
    tmp_remove(&t);
}

/* ---- the record's integrity (issue 15): the key, the witness, anchors, reading only ---- */

/* Six events (3 people, 2 lessons, 1 setting), then the last two cut off with their rows, as an
 * attacker with sqlite3 would. */
static void cut_tail(Tmp *t)
{
    six_events(t);
    sql_run(t->db, "PRAGMA foreign_keys = OFF; DELETE FROM events WHERE seq > 4;"
                   " DELETE FROM lesson_reads WHERE seq > 4; DELETE FROM settings WHERE seq > 4");
}

static void test_cut_tail_is_caught(void)
{
    Tmp t;
    Err e = {{0}};
    Store *s;
    cut_tail(&t);
    VerifyResult r = verify_file(t.db);
    CHECK(!r.ok && r.bad_seq == 5 && r.count == 4 && contains(r.what, "cut off"));
    CHECK(!store_open(&s, t.db, &e) && contains(e.msg, "cut off") && contains(e.msg, "nothing was written"));
    CHECK(sql_int(t.db, "SELECT count(*) FROM events") == 4); /* the writer refused, wrote nothing */
    tmp_remove(&t);
    six_events(&t); /* every record deleted */
    sql_run(t.db, "PRAGMA foreign_keys = OFF; DELETE FROM events; DELETE FROM lesson_reads;"
                  " DELETE FROM settings; DELETE FROM employees");
    r = verify_file(t.db);
    CHECK(!r.ok && r.bad_seq == 1 && contains(r.what, "cut off"));
    tmp_remove(&t);
}

/* Recomputes the hash of record seq as plain SHA-256 (the form before keys; key NULL) or as
 * HMAC-SHA-256 under key (the form before BLAKE2b) and stores it. */
static void rehash_with(const char *db, int64_t seq, const unsigned char *key)
{
    Db *conn;
    Err e = {{0}};
    DbStmt *st;
    char sql[300], hex[65] = "";
    CHECK(db_connect(&conn, db, &e));
    snprintf(sql, sizeof sql,
             "SELECT prev_hash, seq, uuid, time, kiosk, type, content_version, payload FROM events WHERE seq "
             "= %lld",
             (long long)seq);
    CHECK(db_prepare(conn, sql, &st));
    if (st && db_step(st) == DB_ROW) {
        crypto_hash_sha256_state h;
        crypto_auth_hmacsha256_state m;
        unsigned char bin[32];
        crypto_hash_sha256_init(&h);
        if (key)
            crypto_auth_hmacsha256_init(&m, key, 32);
        for (int c = 0; c < 8; c++) {
            const unsigned char *v = (const unsigned char *)db_text(st, c);
            if (key)
                crypto_auth_hmacsha256_update(&m, v, strlen(db_text(st, c)) + 1);
            else
                crypto_hash_sha256_update(&h, v, strlen(db_text(st, c)) + 1);
        }
        if (key)
            crypto_auth_hmacsha256_final(&m, bin);
        else
            crypto_hash_sha256_final(&h, bin);
        sodium_bin2hex(hex, sizeof hex, bin, sizeof bin);
    }
    db_finalize(st);
    snprintf(sql, sizeof sql, "UPDATE events SET hash = '%s' WHERE seq = %lld", hex, (long long)seq);
    CHECK(db_exec(conn, sql));
    /* and the next record's link, as a forger would */
    snprintf(sql, sizeof sql, "UPDATE events SET prev_hash = '%s' WHERE seq = %lld", hex, (long long)seq + 1);
    CHECK(db_exec(conn, sql));
    db_close(conn);
}

static void rehash_plain(const char *db, int64_t seq)
{
    rehash_with(db, seq, NULL);
}

static void test_forged_append_is_caught(void)
{
    Tmp t;
    six_events(&t); /* a seventh record copied from the sixth, its hash recomputed: no key */
    sql_run(t.db, "INSERT INTO events SELECT 7, 'forged', time + 1, kiosk, type, content_version,"
                  " replace(payload, '守り', '偽'), hash, '' FROM events WHERE seq = 6");
    rehash_plain(t.db, 7);
    VerifyResult r = verify_file(t.db);
    CHECK(!r.ok && r.bad_seq == 7 && r.count == 6 && contains(r.what, "without the chain key"));
    tmp_remove(&t);
    six_events(&t); /* the seal moved past the forged record, to pass it off as a plain one */
    sql_run(t.db, "INSERT INTO events SELECT 7, 'forged', time + 1, kiosk, type, content_version,"
                  " payload, hash, '' FROM events WHERE seq = 6;"
                  "UPDATE meta SET value = '8' || substr(value, 2) WHERE key LIKE 'chain_keyed%'");
    rehash_plain(t.db, 7);
    r = verify_file(t.db);
    CHECK(!r.ok && r.bad_seq == 8 && contains(r.what, "seal"));
    tmp_remove(&t);
    six_events(&t); /* the seal deleted (its records still keyed), and no witness (a copy) */
    sql_run(t.db, "DELETE FROM meta WHERE key = 'chain_keyed'");
    char witness[200];
    snprintf(witness, sizeof witness, "%s.witness", t.db);
    unlink(witness);
    r = verify_file(t.db);
    CHECK(!r.ok && r.bad_seq == 1 && r.count == 0 && contains(r.what, "the seal was deleted or moved"));
    Err e = {{0}};
    Store *s = NULL; /* a writer does not seal them as they stand (K after them would pass them off as
                        plain, for whoever rewrites them so next) */
    CHECK(!store_open(&s, t.db, &e) && contains(e.msg, "damaged or altered at record 6"));
    CHECK(sql_int(t.db, "SELECT count(*) FROM meta WHERE key = 'chain_keyed'") == 0);
    /* and a plain record put after the keyed ones, so that the last one checks as plain: the
     * first is keyed, so the seal was deleted; nothing is sealed */
    sql_run(t.db, "INSERT INTO events SELECT 7, 'forged', time + 1, kiosk, type, content_version,"
                  " payload, hash, '' FROM events WHERE seq = 6");
    rehash_plain(t.db, 7);
    CHECK(!store_open(&s, t.db, &e) &&
          contains(e.msg, "at record 1: it is keyed, but the record's chain seal"));
    CHECK(sql_int(t.db, "SELECT count(*) FROM meta WHERE key = 'chain_keyed'") == 0);
    tmp_remove(&t);
}

/* A seal that names a first keyed record past the last one: records were cut off after a record
 * made before keys was sealed (or the seal is another record's). */
static void test_seal_past_the_end(void)
{
    Tmp t;
    Err e = {{0}};
    char witness[200];
    six_events(&t);
    for (int64_t seq = 1; seq <= 6; seq++)
        rehash_plain(t.db, seq);
    sql_run(t.db, "DELETE FROM meta WHERE key = 'chain_keyed'");
    snprintf(witness, sizeof witness, "%s.witness", t.db);
    unlink(witness);
    Store *s = open_ok(t.db); /* sealed from 7, nothing written */
    store_close(s);
    unlink(witness);
    sql_run(t.db,
            "PRAGMA foreign_keys = OFF; DELETE FROM settings WHERE seq = 6; DELETE FROM lesson_reads"
            " WHERE seq = 6; DELETE FROM attempts WHERE seq = 6; DELETE FROM answers WHERE attempt_seq ="
            " 6; DELETE FROM pledges WHERE seq = 6; DELETE FROM employees WHERE seq = 6;"
            " DELETE FROM events WHERE seq = 6");
    VerifyResult r = verify_file(t.db);
    CHECK(!r.ok && r.bad_seq == 6 && contains(r.what, "past the last"));
    s = NULL;
    CHECK(!store_open(&s, t.db, &e) && contains(e.msg, "names a later record as its first keyed one"));
    tmp_remove(&t);
}

/* An older record of six events, rehashed as it was made (HMAC-SHA-256 under the key when keyed,
 * else plain SHA-256, its seal deleted) and no witness, still opens and verifies (keyed_from as
 * its seal says); a writer adds a BLAKE2b record (sealing a plain record from it), and the forms
 * verify together. */
static void older_record_upgrades(bool keyed, int64_t keyed_from)
{
    Tmp t;
    Err e = {{0}};
    unsigned char key[32];
    char witness[200];
    six_events(&t);
    CHECK(!keyed || read_key(key));
    for (int64_t seq = 1; seq <= 6; seq++)
        rehash_with(t.db, seq, keyed ? key : NULL);
    if (!keyed)
        sql_run(t.db, "DELETE FROM meta WHERE key = 'chain_keyed'");
    snprintf(witness, sizeof witness, "%s.witness", t.db); /* it saw the BLAKE2b head */
    unlink(witness);
    VerifyResult r = verify_file(t.db);
    CHECK(r.ok && r.count == 6 && r.keyed_from == keyed_from && r.witness == VERIFY_WITNESS_NONE);
    Store *s = open_ok(t.db);
    CHECK(store_set_setting(s, "idle_timeout", "90", 400, &e));
    store_close(s);
    r = verify_file(t.db);
    CHECK(r.ok && r.count == 7 && r.keyed_from == (keyed ? keyed_from : 7) &&
          r.witness == VERIFY_WITNESS_AGREES);
    CHECK(r.witness_count == 7);
    sql_run(t.db, "UPDATE events SET payload = replace(payload, '90', '91') WHERE seq = 7");
    r = verify_file(t.db);
    CHECK(!r.ok && r.bad_seq == 7);
    tmp_remove(&t);
}

/* A record made before keys: a plain SHA-256 chain, no seal. */
static void test_record_made_before_keys(void)
{
    older_record_upgrades(false, 0);
}

/* A record sealed by a mamori before BLAKE2b: HMAC-SHA-256 records. */
static void test_record_sealed_before_blake2b(void)
{
    older_record_upgrades(true, 1);
}

/* An older mamori still running beside a newer one (kiosks on one server) appends HMAC-SHA-256
 * records after BLAKE2b ones: they verify, and one of them edited does not. */
static void test_hmac_after_blake2b(void)
{
    Tmp t;
    Err e = {{0}};
    unsigned char key[32];
    char witness[200];
    six_events(&t);
    CHECK(read_key(key));
    Store *s = open_ok(t.db);
    CHECK(store_set_setting(s, "idle_timeout", "90", 400, &e));
    CHECK(store_set_setting(s, "idle_timeout", "95", 401, &e));
    store_close(s);
    rehash_with(t.db, 7, key); /* 7 and 8 as the older mamori hashes them */
    rehash_with(t.db, 8, key);
    snprintf(witness, sizeof witness, "%s.witness", t.db);
    unlink(witness);
    VerifyResult r = verify_file(t.db);
    CHECK(r.ok && r.count == 8 && r.keyed_from == 1);
    s = open_ok(t.db); /* and a newer writer goes on after them */
    CHECK(store_set_setting(s, "idle_timeout", "99", 402, &e));
    store_close(s);
    r = verify_file(t.db);
    CHECK(r.ok && r.count == 9);
    sql_run(t.db, "UPDATE events SET payload = replace(payload, '95', '96') WHERE seq = 8");
    r = verify_file(t.db);
    CHECK(!r.ok && r.bad_seq == 8);
    tmp_remove(&t);
}

static void test_anchor(void)
{
    Tmp t;
    Err e = {{0}};
    char head4[65];
    Store *s;
    six_events(&t);
    CHECK(store_open_readonly(&s, t.db, &e));
    sql_text(s, "SELECT hash FROM events WHERE seq = 4", head4, sizeof head4);
    VerifyResult r;
    store_set_anchor(s, 4, head4);
    CHECK(store_verify(s, &r, &e) && r.ok && r.anchor_checked);
    store_set_anchor(s, 0, head4); /* the hash alone */
    CHECK(store_verify(s, &r, &e) && r.ok && r.anchor_checked);
    store_set_anchor(s, 5, head4); /* the right hash at the wrong place */
    CHECK(store_verify(s, &r, &e) && !r.ok && r.bad_seq == 5);
    store_set_anchor(s, 9, head4);
    CHECK(store_verify(s, &r, &e) && !r.ok && contains(r.what, "cut off"));
    store_close(s);
    char witness[200];
    snprintf(witness, sizeof witness, "%s.witness", t.db); /* the witness gone too: the anchor still tells */
    cut_tail(&t);
    unlink(witness);
    CHECK(store_open_readonly(&s, t.db, &e));
    store_set_anchor(s, 6, "0000000000000000000000000000000000000000000000000000000000000001");
    CHECK(store_verify(s, &r, &e) && !r.ok && r.bad_seq == 5 && contains(r.what, "cut off"));
    store_close(s);
    tmp_remove(&t);
}

/* A second connection beside a store (a report's chain check on its own thread) reads the same
 * record, with the first one's anchor. */
static void test_open_beside(void)
{
    Tmp t;
    Err e = {{0}};
    char head4[65];
    Store *s, *beside;
    six_events(&t);
    s = open_ok(t.db);
    sql_text(s, "SELECT hash FROM events WHERE seq = 4", head4, sizeof head4);
    VerifyResult mine, theirs;
    CHECK(store_open_beside(s, &beside, &e));
    CHECK(store_verify_chain(s, &mine, &e) && store_verify_chain(beside, &theirs, &e));
    CHECK(theirs.ok && theirs.count == mine.count && strcmp(theirs.head, mine.head) == 0);
    CHECK(!theirs.anchor_checked);
    store_close(beside);
    store_set_anchor(s, 5, head4); /* the right hash at the wrong place */
    CHECK(store_open_beside(s, &beside, &e));
    CHECK(store_verify_chain(beside, &theirs, &e) && !theirs.ok && theirs.bad_seq == 5);
    CHECK(!store_set_setting(beside, "company_name", "x", 100, &e)); /* only to read */
    store_close(beside);
    store_close(s);
    tmp_remove(&t);
}

/* The chain in two halves at once (a report's check of a large record) finds what one walk
 * finds, whatever was done to the records around the middle (six records: the halves meet at
 * record 3), at either end, or to an anchor's record. */
static void same_findings(const VerifyResult *a, const VerifyResult *b, const char *sql)
{
    bool same = a->ok == b->ok && a->count == b->count && a->bad_seq == b->bad_seq &&
                strcmp(a->what, b->what) == 0 && strcmp(a->head, b->head) == 0 &&
                a->key_missing == b->key_missing && a->keyed_from == b->keyed_from &&
                strcmp(a->key_id, b->key_id) == 0 && a->witness == b->witness &&
                a->witness_count == b->witness_count && a->anchor_checked == b->anchor_checked;
    if (!same)
        fprintf(stderr,
                "halves differ after: %s\n  one walk: ok %d count %lld bad %lld %s\n"
                "  halves:   ok %d count %lld bad %lld %s\n",
                sql, a->ok, (long long)a->count, (long long)a->bad_seq, a->what, b->ok, (long long)b->count,
                (long long)b->bad_seq, b->what);
    CHECK(same);
}

static void test_verify_chain_halves(void)
{
    static const struct {
        const char *sql;
        int64_t anchor; /* the record whose hash is given as the anchor (0: none) */
    } CASES[] = {
        {"", 0},
        {"", 5},
        {"", 2},
        {"UPDATE events SET time = time + 1 WHERE seq = 3", 0},
        {"UPDATE events SET time = time + 1 WHERE seq = 4", 0},
        {"UPDATE events SET time = time + 1 WHERE seq = 6", 0},
        {"UPDATE events SET hash = upper(hash) WHERE seq = 3", 0},
        {"UPDATE events SET prev_hash = upper(prev_hash) WHERE seq = 4", 0},
        {"DELETE FROM events WHERE seq = 3", 0},
        {"DELETE FROM events WHERE seq = 4", 5},
        {"DELETE FROM events WHERE seq = 1", 0},
        {"DELETE FROM events WHERE seq = 3; UPDATE events SET seq = seq + 100 WHERE seq > 3;"
         " UPDATE events SET seq = seq - 101 WHERE seq > 100;",
         0},
        {"UPDATE events SET seq = -seq WHERE seq IN (3, 4); UPDATE events SET seq = 4 WHERE seq = -3;"
         " UPDATE events SET seq = 3 WHERE seq = -4;",
         0},
        {"INSERT INTO events SELECT 7, 'forged', time, kiosk, type, content_version, payload, hash, 'ffff'"
         " FROM events WHERE seq = 6",
         0},
        {"PRAGMA foreign_keys = OFF; DELETE FROM events WHERE seq > 4", 0},
        {"PRAGMA foreign_keys = OFF; DELETE FROM events WHERE seq > 1", 0},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        Tmp t;
        Err e = {{0}};
        char anchor[65] = "", sql[80];
        Store *s = NULL;
        six_events(&t);
        if (CASES[i].anchor) {
            Store *w = open_ok(t.db);
            snprintf(sql, sizeof sql, "SELECT hash FROM events WHERE seq = %lld", (long long)CASES[i].anchor);
            sql_text(w, sql, anchor, sizeof anchor);
            store_close(w);
        }
        if (CASES[i].sql[0])
            sql_run(t.db, CASES[i].sql);
        CHECK(store_open_readonly(&s, t.db, &e));
        if (s) {
            VerifyResult one, halves;
            store_set_anchor(s, CASES[i].anchor, anchor);
            CHECK(store_verify_chain(s, &one, &e));
            CHECK(store_verify_chain_halves(s, 1, &halves, &e));
            same_findings(&one, &halves, CASES[i].sql);
            CHECK(i > 2 || (halves.ok && halves.count == 6)); /* the intact ones */
            store_close(s);
        }
        tmp_remove(&t);
    }
}

/* A read-only evidence copy (0444 in a 0555 folder) verifies, as nobody, and nothing is made
 * beside it; a 0-byte file is refused. */
static bool verify_job(const char *path, Err *e)
{
    Store *s;
    VerifyResult r = {0};
    bool ok = store_open_readonly(&s, path, e);
    if (ok) {
        ok = store_verify(s, &r, e) && r.ok && r.count == 6;
        if (!r.ok)
            snprintf(e->msg, sizeof e->msg, "record %lld: %s", (long long)r.bad_seq, r.what);
        store_close(s);
    }
    return ok;
}

static bool verify_as_nobody(const char *path, char *msg, size_t size)
{
    return as_nobody(verify_job, path, msg, size);
}

static void test_read_only_copy(void)
{
    Tmp t, c;
    char copy[200], cmd[1400], msg[512];
    six_events(&t);
    tmp_make(&c);
    snprintf(copy, sizeof copy, "%s/evidence", c.dir);
    snprintf(cmd, sizeof cmd, "mkdir '%s' && cp '%s' '%s/mamori.db'", copy, t.db, copy);
    CHECK(system(cmd) == 0);
    snprintf(copy, sizeof copy, "%s/evidence/mamori.db", c.dir);
    CHECK(chmod(copy, 0444) == 0);
    *strrchr(copy, '/') = '\0';
    CHECK(chmod(copy, 0555) == 0 && chmod(c.dir, 0755) == 0);
    strcat(copy, "/mamori.db");
    char key[300], home_key[400];
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    if (xdg && xdg[0])
        snprintf(home_key, sizeof home_key, "%s/mamori/chain.key", xdg);
    else
        snprintf(home_key, sizeof home_key, "%s/.local/share/mamori/chain.key", home ? home : "");
    snprintf(key, sizeof key, "%s/kiosk.key", c.dir); /* the auditor is given the kiosk's key */
    snprintf(cmd, sizeof cmd, "cp '%s' '%s' && chown 65534 '%s'", home_key, key, key);
    CHECK(system(cmd) == 0);
    setenv("MAMORI_KEY", key, 1);
    bool ok = verify_as_nobody(copy, msg, sizeof msg);
    unsetenv("MAMORI_KEY");
    if (!ok)
        fprintf(stderr, "  %s\n", msg);
    CHECK(ok);
    snprintf(cmd, sizeof cmd, "test $(ls -A '%s/evidence' | wc -l) -eq 1", c.dir); /* no -wal, no -shm */
    CHECK(system(cmd) == 0);
    *strrchr(copy, '/') = '\0';
    chmod(copy, 0755);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", copy);
    CHECK(system(cmd) == 0);
    tmp_remove(&c);
    Err e = {{0}};
    Store *s;
    FILE *f = fopen(t.db, "w"); /* 0 bytes */
    fclose(f);
    CHECK(!store_open_readonly(&s, t.db, &e) && contains(e.msg, "is empty: not a mamori database"));
    CHECK(!store_open_readonly(&s, t.dir, &e) && contains(e.msg, "is a directory"));
    tmp_remove(&t);
}

/* verify's SQLite integrity check: an index that no longer matches its table is named. */
static void test_integrity_check(void)
{
    Tmp t;
    Err e = {{0}};
    char what[300];
    six_events(&t);
    Store *s = open_ok(t.db);
    CHECK(store_integrity_check(s, true, what, sizeof what, &e) && what[0] == '\0');
    store_close(s);
    sql_run(
        t.db,
        "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'kana, code', 'code, kana')"
        " WHERE name = 'employees_order'");
    CHECK(store_open_readonly(&s, t.db, &e));
    CHECK(store_integrity_check(s, true, what, sizeof what, &e) && what[0] != '\0');
    store_close(s);
    tmp_remove(&t);
}

/* The chain key and the witness: 0600 whatever the umask. */
static void test_key_and_witness_private(void)
{
    Tmp t;
    char path[4200];
    mode_t old = umask(0);
    six_events(&t);
    snprintf(path, sizeof path, "%s.witness", t.db);
    CHECK(file_mode(path) == 0600);
    const char *xdg = getenv("XDG_DATA_HOME");
    if (xdg && xdg[0]) {
        snprintf(path, sizeof path, "%s/mamori/chain.key", xdg);
        CHECK(file_mode(path) == 0600);
    }
    umask(old);
    tmp_remove(&t);
}

/* ---- power cut ---- */

enum { KILL_TOTAL = 1000, KILL_AFTER = 300 };

static void kill_child(const char *path, int fd)
{
    Store *s;
    Err e = {{0}};
    if (!store_open(&s, path, &e))
        _exit(2);
    for (int i = 1; i <= KILL_TOTAL; i++) {
        char qid[32];
        snprintf(qid, sizeof qid, "q-%d", i);
        Answer ans = {qid, 1, true};
        Attempt a = make_attempt("0001", 1, 1, true, 100000 + i, &ans, 1);
        bool ok = i % 2 ? store_record_lesson(s, "0001", &LESSON3, 100000 + i, &e)
                        : store_record_attempt(s, &a, &e);
        if (!ok || write(fd, &i, sizeof i) != sizeof i)
            _exit(3);
    }
    store_close(s);
    _exit(0);
}

static void test_kill_loses_nothing_acknowledged(void)
{
    Tmp t;
    Store *s = store_with_people(&t);
    store_close(s);
    int fds[2];
    CHECK(pipe(fds) == 0);
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        kill_child(t.db, fds[1]);
    }
    close(fds[1]);
    int acked = 0, i;
    bool killed = false;
    while (read(fds[0], &i, sizeof i) == (ssize_t)sizeof i) {
        acked = i;
        if (acked >= KILL_AFTER && !killed)
            killed = kill(pid, SIGKILL) == 0;
    }
    close(fds[0]);
    int status;
    waitpid(pid, &status, 0);
    CHECK(killed && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    CHECK(acked >= KILL_AFTER && acked < KILL_TOTAL);
    VerifyResult r = verify_file(t.db);
    CHECK(r.ok && r.count >= 3 + acked);
    char sql[160];
    int missing = 0;
    for (int k = 1; k <= acked; k++) {
        snprintf(sql, sizeof sql,
                 k % 2 ? "SELECT count(*) FROM lesson_reads WHERE time = %d"
                       : "SELECT count(*) FROM attempts WHERE ended = %d",
                 100000 + k);
        missing += sql_int(t.db, sql) != 1;
    }
    CHECK(missing == 0);
    printf("     killed after %d acknowledged writes, %lld records intact\n", acked, (long long)r.count);
    tmp_remove(&t);
}

/* ---- PostgreSQL only ---- */

/* A store on a new database of the test server, with the people of roster3. */
static void test_pg_open_and_reopen(void)
{
    Tmp t;
    Store *s = store_with_people(&t);
    char kiosk[37];
    snprintf(kiosk, sizeof kiosk, "%s", store_kiosk_id(s));
    CHECK(strlen(kiosk) == 36 && kiosk[14] == '4');
    CHECK(store_is_shared(s));
    store_close(s);
    CHECK(sql_int(t.db, "SELECT value::int FROM meta WHERE key = 'schema_version'") == 9);
    CHECK(sql_int(t.db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == 11);
    s = open_ok(t.db);                   /* the schema is there: nothing is created twice */
    CHECK_STR(store_kiosk_id(s), kiosk); /* one id per machine, beside the default database */
    CHECK(events(s) == 3);
    store_close(s);
    tmp_remove(&t);
}

/* The server refuses to rewrite history, even to the table's owner (here a superuser). */
static void test_pg_append_only(void)
{
    Tmp t;
    Err e = {{0}};
    Store *s = store_with_people(&t);
    Db *db = store_conn(s);
    const char *tries[] = {"UPDATE events SET time = 0 WHERE seq = 1", "DELETE FROM events WHERE seq = 3",
                           "TRUNCATE events CASCADE"};
    for (size_t i = 0; i < sizeof tries / sizeof *tries; i++) {
        CHECK(!db_exec(db, tries[i]));
        CHECK(db_fault(db) == DBF_APPEND_ONLY && contains(db_errmsg(db), "never changed or deleted"));
    }
    CHECK(events(s) == 3);
    VerifyResult r;
    CHECK(store_verify(s, &r, &e) && r.ok && r.count == 3);
    store_close(s);
    tmp_remove(&t);
}

static void test_pg_refuses(void)
{
    Tmp t;
    Err e = {{0}};
    Store *s;
    tmp_make(&t);
    sql_run(t.db, "CREATE TABLE invoices(id int)"); /* a database of another program */
    CHECK(!store_open(&s, t.db, &e) && contains(e.msg, "is not a mamori database") && contains(e.msg, t.db));
    CHECK(sql_int(t.db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == 1); /* untouched */
    tmp_remove(&t);
    s = store_with_people(&t);
    store_close(s);
    sql_run(t.db, "UPDATE meta SET value = '10' WHERE key = 'schema_version'");
    CHECK(!store_open(&s, t.db, &e) && contains(e.msg, "newer version of mamori (schema 10"));
    tmp_remove(&t);
    char uri[300];
    snprintf(uri, sizeof uri, "%sno_such_db", tmp_pg_prefix);
    CHECK(!store_open(&s, uri, &e) && contains(e.msg, "has no such database") && contains(e.msg, uri));
    snprintf(uri, sizeof uri, "postgresql:///mamori?host=/nonexistent-socket-dir");
    CHECK(!store_open(&s, uri, &e) && contains(e.msg, "server cannot be reached"));
    snprintf(uri, sizeof uri, "postgresql://nobody@/postgres?host=%s", getenv("MAMORI_TEST_PG"));
    CHECK(!store_open(&s, uri, &e) && contains(e.msg, "refused the user or password"));
    CHECK(!store_open(&s, "postgresql://kiosk:secret@db.example/mamori", &e));
    CHECK(contains(e.msg, "holds a password") && contains(e.msg, ".pgpass") && !contains(e.msg, "secret"));
}

/* Three processes append at once: one chain, nothing lost, nothing forked. */
enum { APPENDERS = 3, APPENDS = 60 };

static void appender(const char *target, int k)
{
    Store *s;
    Err e = {{0}};
    if (!store_open(&s, target, &e))
        _exit(2);
    for (int i = 0; i < APPENDS; i++) {
        Lesson l = LESSON3;
        l.version = k * 1000 + i;
        if (!store_record_lesson(s, "0001", &l, 10000 + i, &e)) {
            fprintf(stderr, "appender %d: %s\n", k, e.msg);
            _exit(3);
        }
    }
    store_close(s);
    _exit(0);
}

static void test_pg_concurrent_appenders(void)
{
    Tmp t;
    Store *s = store_with_people(&t);
    store_close(s);
    pid_t pids[APPENDERS];
    fflush(NULL);
    for (int k = 0; k < APPENDERS; k++)
        if ((pids[k] = fork()) == 0)
            appender(t.db, k + 1);
    for (int k = 0; k < APPENDERS; k++) {
        int status;
        waitpid(pids[k], &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    VerifyResult r = verify_file(t.db);
    CHECK(r.ok && r.count == 3 + APPENDERS * APPENDS);
    CHECK(sql_int(t.db, "SELECT count(DISTINCT version) FROM lesson_reads") == APPENDERS * APPENDS);
    CHECK(sql_int(t.db, "SELECT max(seq) FROM events") == 3 + APPENDERS * APPENDS);
    tmp_remove(&t);
}

/* The connection dies between the event and the commit: nothing of it is kept, the message
 * says so, and the next action reconnects. */
static void test_pg_connection_lost_mid_transaction(void)
{
    Tmp t;
    Err e = {{0}};
    Store *s = store_with_people(&t);
    int64_t pid = store_int(s, "SELECT pg_backend_pid()");
    CHECK(store_begin(s, &e));
    CHECK(store_append_event(s, "setting", "{\"key\":\"k\",\"value\":\"v\"}", 900, NULL, NULL, &e));
    char sql[80];
    snprintf(sql, sizeof sql, "SELECT CASE WHEN pg_terminate_backend(%lld) THEN 1 ELSE 0 END",
             (long long)pid);
    CHECK(sql_int(t.db, sql) == 1);
    CHECK(!store_commit(s, &e));
    CHECK(contains(e.msg, "connection to the database server was lost") && contains(e.msg, "nothing"));
    store_rollback(s);
    CHECK(sql_int(t.db, "SELECT count(*) FROM events") == 3);
    CHECK(store_set_setting(s, "company_name", "守り商事", 901, &e)); /* dialled again */
    CHECK(events(s) == 4);
    VerifyResult r;
    CHECK(store_verify(s, &r, &e) && r.ok && r.count == 4);
    store_close(s);
    tmp_remove(&t);
}

/* Tests left half-done: kept per person and measure, replaced, the latest found, listed once
 * older than a time, dropped; never an event. */
static void test_test_drafts(void)
{
    Tmp t;
    Err e = {{0}};
    Store *s = store_with_people(&t);
    int64_t before = events(s);
    TestDraft d;
    bool found = true;
    CHECK(store_test_draft(s, "0001", 3, &d, &found, &e) && !found);
    CHECK(store_save_test_draft(s, "0001", 3, "t1 state-a", 1000, &e));
    CHECK(store_save_test_draft(s, "0001", 5, "t1 state-b", 1100, &e));
    CHECK(store_save_test_draft(s, "0002", 3, "t1 state-c", 900, &e));
    CHECK(store_save_test_draft(s, "0001", 3, "t1 state-a2", 1200, &e)); /* replaces */
    CHECK(store_test_draft(s, "0001", 3, &d, &found, &e) && found);
    CHECK_STR(d.state, "t1 state-a2");
    CHECK_STR(d.code, "0001");
    CHECK(d.measure == 3 && d.saved == 1200);
    CHECK(store_test_draft(s, "0001", 0, &d, &found, &e) && found && d.measure == 3); /* the latest */
    TestDraft *old = NULL;
    int n = 0;
    CHECK(store_test_drafts_before(s, 1150, &old, &n, &e) && n == 2);
    if (n == 2) {
        CHECK_STR(old[0].code, "0002");
        CHECK(old[0].saved == 900 && old[1].measure == 5);
    }
    free(old);
    CHECK(store_drop_test_draft(s, "0001", 3, &e));
    CHECK(store_test_draft(s, "0001", 3, &d, &found, &e) && !found);
    CHECK(store_test_draft(s, "0001", 0, &d, &found, &e) && found && d.measure == 5);
    CHECK(events(s) == before); /* drafts are not records */
    VerifyResult r;
    CHECK(store_verify(s, &r, &e) && r.ok);
    store_close(s);
    tmp_remove(&t);
}

/* Every test that does not depend on a file, run again on PostgreSQL. */
#define SHARED_TESTS(X)                                                                                      \
    X(test_import_and_list)                                                                                  \
    X(test_import_many_event_ids)                                                                            \
    X(test_reimport_updates_and_keeps_history)                                                               \
    X(test_put_employee_and_deactivate)                                                                      \
    X(test_put_employee_errors)                                                                              \
    X(test_prefs)                                                                                            \
    X(test_lesson)                                                                                           \
    X(test_lesson_errors)                                                                                    \
    X(test_attempts_and_status)                                                                              \
    X(test_best_score)                                                                                       \
    X(test_attempt_errors)                                                                                   \
    X(test_everyone_at_once)                                                                                 \
    X(test_copy_rebuilds_from_payloads)                                                                      \
    X(test_copy_refuses_unknown_kind)                                                                        \
    X(test_settings)                                                                                         \
    X(test_verify_catches_edited_derived_rows)                                                               \
    X(test_verify_answers_out_of_order)                                                                      \
    X(test_person_added)                                                                                     \
    X(test_department_reading_order)                                                                         \
    X(test_import_learns_readings)                                                                           \
    X(test_department_reading_migrates)                                                                      \
    X(test_read_snapshot)                                                                                    \
    X(test_extension_event)                                                                                  \
    X(test_names)                                                                                            \
    X(test_verify_intact)                                                                                    \
    X(test_hash_canonical_form)                                                                              \
    X(test_verify_edited)                                                                                    \
    X(test_verify_deleted)                                                                                   \
    X(test_verify_reordered)                                                                                 \
    X(test_verify_inserted)                                                                                  \
    X(test_verify_chain_halves)                                                                              \
    X(test_kill_loses_nothing_acknowledged)                                                                  \
    X(test_test_drafts)
#define RUN_ONE(fn) RUN(fn);

/* The shared tests and the PostgreSQL ones, on the server tests/run.sh started. */
static void run_on_postgres(void)
{
    const char *prefix = getenv("MAMORI_TEST_PG_URI");
    if (!prefix || !prefix[0]) {
        printf("skip PostgreSQL: no test server (tests/run.sh starts one; package postgresql)\n");
        return;
    }
    Tmp home;
    tmp_make_named(&home, "home"); /* this machine's kiosk-id goes here, not in the real home */
    setenv("XDG_DATA_HOME", home.dir, 1);
    tmp_use_pg(prefix);
    printf("-- the same store on PostgreSQL\n");
    SHARED_TESTS(RUN_ONE)
    RUN(test_pg_open_and_reopen);
    RUN(test_pg_append_only);
    RUN(test_pg_refuses);
    RUN(test_pg_concurrent_appenders);
    RUN(test_pg_connection_lost_mid_transaction);
    tmp_use_pg(NULL);
    char path[160];
    snprintf(path, sizeof path, "%s/mamori/kiosk-id", home.dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/mamori", home.dir);
    rmdir(path);
    tmp_remove(&home);
}

/* Private by default (issue 15): with umask 000 the database and its -wal and -shm are still
 * 0600, and an older file made 0644 is tightened when opened. */

static void test_files_private_whatever_the_umask(void)
{
    Tmp t;
    Err e = {{0}};
    char wal[160], shm[160];
    mode_t old = umask(0);
    tmp_make(&t);
    snprintf(wal, sizeof wal, "%s-wal", t.db);
    snprintf(shm, sizeof shm, "%s-shm", t.db);
    Store *s = open_ok(t.db);
    Employee p = person("0001", "山田 花子", "ヤマダ ハナコ", "総務", ROLE_MANAGER, LANG_JA);
    CHECK(store_put_employee(s, &p, 1000, &e));
    CHECK(file_mode(t.db) == 0600 && file_mode(wal) == 0600 && file_mode(shm) == 0600);
    store_close(s);
    CHECK(chmod(t.db, 0644) == 0);
    s = open_ok(t.db);
    CHECK(file_mode(t.db) == 0600);
    store_close(s);
    umask(old);
    tmp_remove(&t);
}

int main(void)
{
    RUN(test_open_creates_and_reopens);
    RUN(test_bulk);
    RUN(test_bulk_undone_by_sqlite);
    RUN(test_bulk_disk_full);
    RUN(test_open_missing_directory);
    RUN(test_open_directory_as_file);
    RUN(test_open_not_sqlite);
    RUN(test_open_other_sqlite);
    RUN(test_open_newer_schema);
    RUN(test_page_size_and_schema_8);
    RUN(test_second_connection_keeps_locks);
    RUN(test_added_migrates);
    RUN(test_witness_name_ignores_connect_timeout);
    RUN(test_open_empty_file_is_new);
    RUN(test_open_damaged);
    RUN(test_open_read_only_file);
    RUN(test_open_read_only_folder);
    RUN(test_files_private_whatever_the_umask);
    RUN(test_cut_tail_is_caught);
    RUN(test_forged_append_is_caught);
    RUN(test_record_made_before_keys);
    RUN(test_record_sealed_before_blake2b);
    RUN(test_hmac_after_blake2b);
    RUN(test_seal_past_the_end);
    RUN(test_anchor);
    RUN(test_open_beside);
    RUN(test_read_only_copy);
    RUN(test_integrity_check);
    RUN(test_key_and_witness_private);
    RUN(test_locked_database);
    RUN(test_disk_full_writes_nothing);
    RUN(test_sql_error_messages);
    SHARED_TESTS(RUN_ONE)
    run_on_postgres();
    return TEST_END();
}
