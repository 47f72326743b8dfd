/* test_pin.c — the manager PIN (store_pin.c) and `mamori manager set-pin` (cli_manager.c):
 * a wrong PIN refused with the tries left, the lock after five and its growth (30 s doubling up
 * to 1 h) with an injected clock, unlocking after the delay, a restart keeping the lock, the
 * PIN kept only as an Argon2id hash (never its text, anywhere in the database files), setting
 * it as a recorded event, and the PIN read from stdin only. */
#include "test.h"
#include "tmpdir.h"

#include "cli_manager.h"
#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

enum { T0 = 1700000000 };

/* A PIN that no timestamp, UUID or hash of these tests can hold by chance. */
static const char PIN[] = "73950418";

static void tmp_make(Tmp *t)
{
    tmp_make_named(t, "pin");
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

static Store *with_pin(Tmp *t, const char *pin)
{
    Err e = {{0}};
    tmp_make(t);
    Store *s = open_ok(t->db);
    bool ok = store_pin_set(s, pin, T0, &e);
    if (!ok)
        fprintf(stderr, "store_pin_set: %s\n", e.msg);
    CHECK(ok);
    return s;
}

static PinCheck try_pin(Store *s, const char *pin, int64_t now)
{
    PinCheck c = {.verdict = -1};
    Err e = {{0}};
    bool ok = store_pin_check(s, pin, now, &c, &e);
    if (!ok)
        fprintf(stderr, "store_pin_check: %s\n", e.msg);
    CHECK(ok);
    return c;
}

static PinCheck status(Store *s, int64_t now)
{
    PinCheck c = {.verdict = -1};
    Err e = {{0}};
    CHECK(store_pin_status(s, now, &c, &e));
    return c;
}

/* Four wrong tries then one more: returns the fifth's result. */
static PinCheck five_wrong(Store *s, int64_t now)
{
    for (int i = 0; i < PIN_MAX_TRIES - 1; i++)
        CHECK(try_pin(s, "0000", now).verdict == PIN_WRONG);
    return try_pin(s, "0000", now);
}

static int64_t sql_int(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    int64_t v = -1;
    if (sqlite3_open(path, &db) != SQLITE_OK)
        return -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static void sql_exec(const char *path, const char *sql)
{
    sqlite3 *db;
    CHECK(sqlite3_open(path, &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
}

/* Does the file at path (if it exists) contain needle anywhere in its bytes? */
static bool file_has(const char *path, const char *needle)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t cap = 1 << 16, n = 0, k;
    char *buf = xmalloc(cap);
    while ((k = fread(buf + n, 1, cap - n, f)) > 0)
        if ((n += k) == cap)
            buf = xrealloc(buf, cap *= 2);
    fclose(f);
    bool found = false;
    size_t len = strlen(needle);
    for (size_t i = 0; !found && i + len <= n; i++)
        found = memcmp(buf + i, needle, len) == 0;
    free(buf);
    return found;
}

/* ---- PIN rules ---- */

static void test_valid_pins(void)
{
    CHECK(store_pin_valid("1234"));
    CHECK(store_pin_valid("123456789012"));
    CHECK(!store_pin_valid("123"));
    CHECK(!store_pin_valid("1234567890123"));
    CHECK(!store_pin_valid("12a4"));
    CHECK(!store_pin_valid("12 34"));
    CHECK(!store_pin_valid(""));
    CHECK(!store_pin_valid("１２３４")); /* full-width digits are not digits here */
}

static void test_lock_grows_and_is_capped(void)
{
    CHECK(store_pin_lock_seconds(0) == 30);
    CHECK(store_pin_lock_seconds(1) == 60);
    CHECK(store_pin_lock_seconds(2) == 120);
    CHECK(store_pin_lock_seconds(6) == 1920);
    CHECK(store_pin_lock_seconds(7) == 3600);
    CHECK(store_pin_lock_seconds(1000) == 3600);
}

static void test_unset_pin_says_so(void)
{
    Tmp t;
    tmp_make(&t);
    Store *s = open_ok(t.db);
    CHECK(status(s, T0).verdict == PIN_UNSET);
    CHECK(try_pin(s, "1234", T0).verdict == PIN_UNSET);
    store_close(s);
    tmp_remove(&t);
}

static void test_set_refuses_a_bad_pin(void)
{
    Tmp t;
    tmp_make(&t);
    Store *s = open_ok(t.db);
    Err e = {{0}};
    CHECK(!store_pin_set(s, "12a4", T0, &e));
    CHECK(strstr(e.msg, "4 to 12 digits") != NULL);
    CHECK(!store_pin_set(s, "123", T0, &e));
    CHECK(status(s, T0).verdict == PIN_UNSET);
    store_close(s);
    CHECK(sql_int(t.db, "SELECT count(*) FROM events") == 0);
    tmp_remove(&t);
}

/* ---- trying it ---- */

static void test_right_pin_opens(void)
{
    Tmp t;
    Store *s = with_pin(&t, PIN);
    CHECK(status(s, T0).verdict == PIN_OK);
    PinCheck c = try_pin(s, PIN, T0 + 1);
    CHECK(c.verdict == PIN_OK);
    CHECK(c.tries_left == PIN_MAX_TRIES);
    store_close(s);
    tmp_remove(&t);
}

static void test_wrong_pin_refused_with_tries_left(void)
{
    Tmp t;
    Store *s = with_pin(&t, PIN);
    for (int i = 1; i < PIN_MAX_TRIES; i++) {
        PinCheck c = try_pin(s, "73950419", T0 + i);
        CHECK(c.verdict == PIN_WRONG);
        CHECK(c.tries_left == PIN_MAX_TRIES - i);
    }
    CHECK(try_pin(s, "abc", T0).verdict == PIN_LOCKED); /* not even a PIN: counts as the fifth */
    CHECK(status(s, T0).verdict == PIN_LOCKED);
    store_close(s);
    tmp_remove(&t);
}

static void test_right_pin_clears_the_count(void)
{
    Tmp t;
    Store *s = with_pin(&t, PIN);
    for (int i = 0; i < PIN_MAX_TRIES - 1; i++)
        try_pin(s, "0000", T0);
    CHECK(try_pin(s, PIN, T0).verdict == PIN_OK);
    PinCheck c = try_pin(s, "0000", T0);
    CHECK(c.verdict == PIN_WRONG && c.tries_left == PIN_MAX_TRIES - 1);
    store_close(s);
    tmp_remove(&t);
}

static void test_fifth_wrong_try_locks_even_the_right_pin(void)
{
    Tmp t;
    Store *s = with_pin(&t, PIN);
    PinCheck c = five_wrong(s, T0);
    CHECK(c.verdict == PIN_LOCKED);
    CHECK(c.locked_until == T0 + 30);
    CHECK(c.tries_left == 0);
    c = try_pin(s, PIN, T0 + 29);
    CHECK(c.verdict == PIN_LOCKED); /* not even compared */
    CHECK(c.locked_until == T0 + 30);
    CHECK(status(s, T0 + 29).verdict == PIN_LOCKED);
    store_close(s);
    tmp_remove(&t);
}

static void test_unlocks_after_the_delay(void)
{
    Tmp t;
    Store *s = with_pin(&t, PIN);
    five_wrong(s, T0);
    PinCheck st = status(s, T0 + 30);
    CHECK(st.verdict == PIN_OK);
    CHECK(st.tries_left == PIN_MAX_TRIES);
    CHECK(try_pin(s, PIN, T0 + 30).verdict == PIN_OK);
    store_close(s);
    tmp_remove(&t);
}

static void test_each_lock_is_longer_until_a_right_pin(void)
{
    Tmp t;
    Store *s = with_pin(&t, PIN);
    int64_t now = T0;
    int64_t want[] = {30, 60, 120};
    for (int i = 0; i < 3; i++) {
        PinCheck c = five_wrong(s, now);
        CHECK(c.verdict == PIN_LOCKED);
        CHECK(c.locked_until - now == want[i]);
        now = c.locked_until;
    }
    CHECK(try_pin(s, PIN, now).verdict == PIN_OK);
    CHECK(five_wrong(s, now).locked_until - now == 30); /* back to the first delay */
    store_close(s);
    tmp_remove(&t);
}

static void test_lock_is_capped_at_an_hour(void)
{
    Tmp t;
    Store *s = with_pin(&t, PIN);
    store_close(s);
    sql_exec(t.db, "UPDATE meta SET value = 7 WHERE key = 'pin_lockouts'"); /* seven locks so far */
    sql_exec(t.db, "UPDATE meta SET value = (SELECT value FROM settings WHERE key = 'manager_pin_hash')"
                   " WHERE key = 'pin_lock_hash'"); /* ... counted against this PIN */
    s = open_ok(t.db);
    int64_t until = five_wrong(s, T0).locked_until;
    CHECK(until - T0 == 3600); /* 30 · 2^7 would be 3840 */
    CHECK(status(s, until - 1).verdict == PIN_LOCKED);
    CHECK(status(s, until).verdict == PIN_OK);
    store_close(s);
    tmp_remove(&t);
}

static void test_restart_keeps_the_lock_and_the_count(void)
{
    Tmp t;
    Store *s = with_pin(&t, PIN);
    five_wrong(s, T0);
    store_close(s);
    s = open_ok(t.db);
    PinCheck c = status(s, T0 + 10);
    CHECK(c.verdict == PIN_LOCKED);
    CHECK(c.locked_until == T0 + 30);
    CHECK(try_pin(s, PIN, T0 + 10).verdict == PIN_LOCKED);
    /* the count of wrong tries survives too, and the next lock is the longer one */
    for (int i = 0; i < 3; i++)
        try_pin(s, "0000", T0 + 40);
    store_close(s);
    s = open_ok(t.db);
    CHECK(try_pin(s, "0000", T0 + 41).tries_left == 1);
    c = try_pin(s, "0000", T0 + 42);
    CHECK(c.verdict == PIN_LOCKED && c.locked_until == T0 + 42 + 60);
    store_close(s);
    tmp_remove(&t);
}

static void test_clock_set_back_does_not_lock_for_years(void)
{
    Tmp t;
    Store *s = with_pin(&t, PIN);
    five_wrong(s, T0);
    /* the machine's clock jumps back a day: a lock ending more than 1 h ahead is not real */
    CHECK(status(s, T0 - 86400).verdict == PIN_OK);
    CHECK(status(s, T0 - 3000).verdict == PIN_LOCKED);
    store_close(s);
    tmp_remove(&t);
}

static void test_new_pin_lifts_the_lock(void)
{
    Tmp t;
    Store *s = with_pin(&t, PIN);
    five_wrong(s, T0);
    Err e = {{0}};
    CHECK(store_pin_set(s, "86420", T0 + 1, &e));
    CHECK(status(s, T0 + 1).verdict == PIN_OK);
    CHECK(try_pin(s, PIN, T0 + 1).verdict == PIN_WRONG); /* the old one no longer works */
    CHECK(try_pin(s, "86420", T0 + 1).verdict == PIN_OK);
    store_close(s);
    tmp_remove(&t);
}

/* A kiosk's cache gets a PIN set at the server as a setting only: its own meta (the lock) is
 * not cleared, yet the lock it counted against the old PIN no longer holds. */
static void test_pin_arriving_as_a_setting_lifts_the_lock(void)
{
    Tmp t;
    Store *s = with_pin(&t, PIN);
    five_wrong(s, T0);
    CHECK(status(s, T0 + 1).verdict == PIN_LOCKED);
    char hash[crypto_pwhash_STRBYTES];
    CHECK(crypto_pwhash_str_alg(hash, "86420", 5, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) == 0);
    Err e = {{0}};
    CHECK(store_set_setting(s, "manager_pin_hash", hash, T0 + 1, &e)); /* meta untouched */
    CHECK(sql_int(t.db, "SELECT value FROM meta WHERE key = 'pin_locked_until'") == T0 + 30);
    CHECK(status(s, T0 + 1).verdict == PIN_OK);
    CHECK(try_pin(s, "86420", T0 + 2).verdict == PIN_OK);
    /* and the old lock does not come back: wrong tries count afresh against the new PIN */
    CHECK(try_pin(s, "0000", T0 + 3).tries_left == PIN_MAX_TRIES - 1);
    store_close(s);
    tmp_remove(&t);
}

/* ---- what is stored ---- */

static void test_only_a_hash_is_stored(void)
{
    Tmp t;
    Store *s = with_pin(&t, PIN);
    char hash[256];
    bool found;
    Err e = {{0}};
    CHECK(store_get_setting(s, "manager_pin_hash", hash, sizeof hash, &found, &e) && found);
    CHECK(strncmp(hash, "$argon2id$", 10) == 0);
    CHECK(strstr(hash, PIN) == NULL);
    CHECK(crypto_pwhash_str_verify(hash, PIN, strlen(PIN)) == 0);
    CHECK(crypto_pwhash_str_verify(hash, "73950419", 8) != 0);
    /* a fresh salt each time: the same PIN twice gives two different hashes */
    CHECK(store_pin_set(s, PIN, T0 + 1, &e));
    char again[256];
    CHECK(store_get_setting(s, "manager_pin_hash", again, sizeof again, &found, &e));
    CHECK(strcmp(hash, again) != 0);
    try_pin(s, "0000", T0 + 2);
    try_pin(s, PIN, T0 + 3);
    char wal[160];
    snprintf(wal, sizeof wal, "%s-wal", t.db);
    CHECK(!file_has(t.db, PIN));
    CHECK(!file_has(wal, PIN));
    store_close(s);
    CHECK(!file_has(t.db, PIN));
    CHECK(!file_has(wal, PIN));
    CHECK(file_has(t.db, "$argon2id$")); /* the check above reads the right bytes */
    tmp_remove(&t);
}

static void test_setting_the_pin_is_an_event(void)
{
    Tmp t;
    Store *s = with_pin(&t, PIN);
    store_close(s);
    CHECK(sql_int(t.db, "SELECT count(*) FROM events WHERE type = 'setting'"
                        " AND payload LIKE '%manager_pin_hash%$argon2id$%'") == 1);
    CHECK(sql_int(t.db, "SELECT value FROM meta WHERE key = 'pin_failures'") == 0);
    s = open_ok(t.db);
    VerifyResult v;
    Err e = {{0}};
    CHECK(store_verify(s, &v, &e) && v.ok && v.count == 1);
    store_close(s);
    tmp_remove(&t);
}

static void test_a_locked_database_is_reported(void)
{
    Tmp t;
    Store *s = with_pin(&t, PIN);
    sqlite3 *other;
    CHECK(sqlite3_open(t.db, &other) == SQLITE_OK);
    CHECK(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK);
    PinCheck c;
    Err e = {{0}};
    CHECK(!store_pin_check(s, PIN, T0, &c, &e));
    CHECK(strstr(e.msg, "in use by another program") != NULL);
    e = (Err){{0}};
    CHECK(!store_pin_set(s, "2468", T0, &e));
    CHECK(e.msg[0] != '\0');
    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
    CHECK(try_pin(s, PIN, T0).verdict == PIN_OK); /* nothing half-done was left */
    store_close(s);
    tmp_remove(&t);
}

/* ---- mamori manager set-pin ---- */

static bool read_from(const char *input, bool twice, char *pin, Err *e)
{
    FILE *in = tmpfile();
    fputs(input, in);
    rewind(in);
    bool ok = cli_manager_read_pin(in, NULL, twice, pin, e);
    fclose(in);
    return ok;
}

static void test_read_pin_lines(void)
{
    char pin[PIN_MAX_DIGITS + 1];
    Err e = {{0}};
    CHECK(read_from("2468\n", false, pin, &e));
    CHECK_STR(pin, "2468");
    CHECK(read_from("13579\r\n", false, pin, &e)); /* a line from Windows */
    CHECK_STR(pin, "13579");
    CHECK(read_from("112233", false, pin, &e)); /* no line end */
    CHECK_STR(pin, "112233");
    CHECK(read_from("2468\n2468\n", true, pin, &e));
    CHECK(!read_from("2468\n2469\n", true, pin, &e));
    CHECK(strstr(e.msg, "differ") != NULL);
    CHECK(!read_from("2468\n", true, pin, &e));
    CHECK(strstr(e.msg, "no PIN") != NULL);
    CHECK(!read_from("", false, pin, &e));
    CHECK(strstr(e.msg, "no PIN") != NULL);
    CHECK(!read_from("12ab\n", false, pin, &e));
    CHECK(strstr(e.msg, "4 to 12 digits") != NULL);
    CHECK(!read_from("1234567890123456789012345678901234567890123456789012345678901234567890\n", false, pin,
                     &e));
    CHECK(!read_from(" 2468\n", false, pin, &e)); /* nothing but digits */
}

/* Runs `mamori manager ARGS` with stdin from input; returns the exit status. */
static int run_cli(const char *db, const char *input, int argc, char **argv)
{
    char path[160];
    snprintf(path, sizeof path, "/tmp/mamori-pin-stdin-%ld", (long)getpid());
    FILE *f = fopen(path, "w");
    fputs(input, f);
    fclose(f);
    fflush(stdout);
    if (!freopen(path, "r", stdin))
        return -1;
    CliContext cx = {.db = db, .now = T0};
    int rc = cli_manager(&cx, argc, argv);
    unlink(path);
    return rc;
}

static void test_set_pin_from_stdin(void)
{
    Tmp t;
    tmp_make(&t);
    char *set[] = {"manager", "set-pin", NULL};
    CHECK(run_cli(t.db, "2468\n", 2, set) == 0);
    Store *s = open_ok(t.db);
    CHECK(try_pin(s, "2468", T0).verdict == PIN_OK);
    store_close(s);
    CHECK(run_cli(t.db, "24x8\n", 2, set) == 1); /* refused, nothing changed */
    CHECK(run_cli(t.db, "", 2, set) == 1);
    char *arg[] = {"manager", "set-pin", "1357", NULL};
    CHECK(run_cli(t.db, "", 3, arg) == 2); /* never from the command line */
    char *none[] = {"manager", NULL};
    CHECK(run_cli(t.db, "", 1, none) == 2);
    char *help[] = {"manager", "--help", NULL};
    CHECK(run_cli(t.db, "", 2, help) == 0);
    s = open_ok(t.db);
    CHECK(try_pin(s, "1357", T0).verdict == PIN_WRONG);
    CHECK(try_pin(s, "2468", T0).verdict == PIN_OK);
    store_close(s);
    CHECK(sql_int(t.db, "SELECT count(*) FROM events") == 1);
    char missing[200];
    snprintf(missing, sizeof missing, "%s/no/such/dir/m.db", t.dir);
    CHECK(run_cli(missing, "2468\n", 2, set) == 1); /* the database cannot be opened */
    tmp_remove(&t);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    RUN(test_valid_pins);
    RUN(test_lock_grows_and_is_capped);
    RUN(test_unset_pin_says_so);
    RUN(test_set_refuses_a_bad_pin);
    RUN(test_right_pin_opens);
    RUN(test_wrong_pin_refused_with_tries_left);
    RUN(test_right_pin_clears_the_count);
    RUN(test_fifth_wrong_try_locks_even_the_right_pin);
    RUN(test_unlocks_after_the_delay);
    RUN(test_each_lock_is_longer_until_a_right_pin);
    RUN(test_lock_is_capped_at_an_hour);
    RUN(test_restart_keeps_the_lock_and_the_count);
    RUN(test_clock_set_back_does_not_lock_for_years);
    RUN(test_new_pin_lifts_the_lock);
    RUN(test_pin_arriving_as_a_setting_lifts_the_lock);
    RUN(test_only_a_hash_is_stored);
    RUN(test_setting_the_pin_is_an_event);
    RUN(test_a_locked_database_is_reported);
    RUN(test_read_pin_lines);
    RUN(test_set_pin_from_stdin);
    return TEST_END();
}
