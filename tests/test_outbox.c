/* test_outbox.c — results that cannot be written are kept (in memory and in the outbox file
 * beside the database) and written later, in order, exactly once. */
#include "outbox.h"
#include "test.h"
#include "tmpdir.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static Store *open_store(const Tmp *t)
{
    Store *s = NULL;
    Err e = {0};
    CHECK(store_open(&s, t->db, &e));
    store_set_content_version(s, "test");
    return s;
}

/* A record in a new folder, and the path of its outbox file. */
static Store *open_beside_outbox(Tmp *t, char *path, size_t size)
{
    tmp_make_named(t, "outbox");
    Store *s = open_store(t);
    CHECK(outbox_path_for(t->db, path, size, NULL));
    return s;
}

static void add_person(Store *s, const char *code)
{
    Employee emp = {.role = ROLE_EMPLOYEE, .active = true};
    snprintf(emp.code, sizeof emp.code, "%s", code);
    snprintf(emp.name, sizeof emp.name, "person %s", code);
    Err e = {0};
    CHECK(store_put_employee(s, &emp, 10, &e));
}

static int count_attempts(Store *s, const char *code)
{
    MeasureStatus st[MEASURES];
    Err e = {0};
    CHECK(store_measure_status(s, code, st, &e));
    return st[2].attempts;
}

static Attempt attempt_of(const char *code, Answer *ans, int nans, int64_t ended)
{
    return (Attempt){.code = code,
                     .kind = ATTEMPT_TEST,
                     .measure = 3,
                     .seed = 42 + (uint64_t)ended,
                     .finished = true,
                     .score = 1,
                     .total = nans,
                     .pass_percent = 80,
                     .started = ended - 50,
                     .ended = ended,
                     .answers = ans,
                     .nanswers = nans};
}

static void test_kept_until_written(void)
{
    Tmp t;
    tmp_make_named(&t, "outbox");
    Store *s = open_store(&t);
    Answer ans[2] = {{"q1", 1, true}, {"q2", 2, false}};
    char code[8] = "0007";
    Attempt a = attempt_of(code, ans, 2, 200);
    Outbox o = {0};
    CHECK(outbox_open(&o, NULL, NULL));
    int id = outbox_add(&o, s, &a, 200);
    code[0] = 'X'; /* the caller's copies may go away: the outbox has its own */
    ans[0].correct = false;
    CHECK(outbox_flush(&o, s, 300) == 1 && o.written == 0); /* no such person yet: the write fails */
    CHECK(outbox_has(&o, id) && outbox_state(&o, id) == OUTBOX_UNSAVED); /* no file: memory only */
    CHECK(o.last_error[0] != '\0' && o.last_try == 300);
    add_person(s, "0007");
    CHECK(outbox_flush(&o, s, 400) == 0 && o.written == 1); /* screens showing the record read it again */
    CHECK(!outbox_has(&o, id) && o.last_error[0] == '\0' && outbox_state(&o, id) == OUTBOX_SAVED);
    CHECK(count_attempts(s, "0007") == 1);
    LoggedAnswer *log;
    int n;
    Err e = {0};
    CHECK(store_answer_log(s, "0007", &log, &n, &e) && n == 2 && log[0].correct);
    store_answer_log_free(log);
    outbox_free(&o);
    store_close(s);
    tmp_remove(&t);
}

/* Many results queued while the record cannot be written: the array of items grows (and may
 * move) while each item's attempt is read; ASan catches any pointer into the old array. */
static void test_many_queued_keep_their_own_data(void)
{
    Tmp t;
    tmp_make_named(&t, "outbox");
    Store *s = open_store(&t);
    Outbox o = {0};
    CHECK(outbox_open(&o, NULL, NULL));
    enum { N = 9 };
    for (int i = 0; i < N; i++) {
        char code[16], qid[16];
        snprintf(code, sizeof code, "%04d", i + 1);
        snprintf(qid, sizeof qid, "q-%d", i);
        Answer ans[1] = {{qid, 1u << (i % 3), true}};
        Attempt a = attempt_of(code, ans, 1, 100 + i);
        outbox_add(&o, s, &a, 100 + i);
        CHECK(outbox_flush(&o, s, 100 + i) == i + 1); /* nobody in the roster yet */
    }
    for (int i = 0; i < o.nitems; i++) {
        char code[16], qid[16];
        snprintf(code, sizeof code, "%04d", i + 1);
        snprintf(qid, sizeof qid, "q-%d", i);
        CHECK_STR(o.items[i]->attempt.code, code);
        CHECK_STR(o.items[i]->attempt.answers[0].question_id, qid);
        CHECK(o.items[i]->attempt.answers[0].picked == 1u << (i % 3));
    }
    for (int i = 0; i < N; i++) {
        char code[16];
        snprintf(code, sizeof code, "%04d", i + 1);
        add_person(s, code);
    }
    CHECK(outbox_flush(&o, s, 500) == 0);
    CHECK(count_attempts(s, "0001") == 1 && count_attempts(s, "0009") == 1);
    outbox_free(&o);
    store_close(s);
    tmp_remove(&t);
}

/* A result for someone no longer on the roster (a backup restored under the outbox) is refused
 * as the record stands: it stays, kept, and the results after it are written; once the person is
 * back it is written too. */
static void test_refused_one_does_not_hold_up_the_rest(void)
{
    Tmp t;
    tmp_make_named(&t, "outbox");
    Store *s = open_store(&t);
    add_person(s, "0001");
    Answer ans[1] = {{"q1", 1, true}};
    Attempt a = attempt_of("0009", ans, 1, 2), b = attempt_of("0001", ans, 1, 3);
    Outbox o = {0};
    CHECK(outbox_open(&o, NULL, NULL));
    int ia = outbox_add(&o, s, &a, 2), ib = outbox_add(&o, s, &b, 3);
    CHECK(outbox_flush(&o, s, 5) == 1); /* the first is refused; the second goes on */
    CHECK(o.refused == 1 && strstr(o.refused_why, "no person with code '0009'"));
    CHECK(outbox_has(&o, ia) && !outbox_has(&o, ib));
    CHECK(count_attempts(s, "0001") == 1);
    add_person(s, "0009");
    CHECK(outbox_flush(&o, s, 6) == 0);
    CHECK(count_attempts(s, "0009") == 1 && count_attempts(s, "0001") == 1);
    outbox_free(&o);
    store_close(s);
    tmp_remove(&t);
}

/* A record that cannot be written now (another program holds it): the first waits, and every
 * result after it waits behind it, in order. */
static void test_order_kept_and_stops_at_first_failure(void)
{
    Tmp t;
    tmp_make_named(&t, "outbox");
    Store *s = open_store(&t);
    add_person(s, "0001");
    Answer ans[1] = {{"q1", 1, true}};
    Attempt a = attempt_of("0001", ans, 1, 2), b = attempt_of("0001", ans, 1, 3);
    Outbox o = {0};
    CHECK(outbox_open(&o, NULL, NULL));
    int ia = outbox_add(&o, s, &a, 2), ib = outbox_add(&o, s, &b, 3);
    sqlite3 *other;
    CHECK(sqlite3_open(t.db, &other) == SQLITE_OK);
    CHECK(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK);
    CHECK(outbox_flush(&o, s, 5) == 2 && o.refused == 0);
    CHECK(outbox_has(&o, ia) && outbox_has(&o, ib));
    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
    CHECK(outbox_flush(&o, s, 6) == 0);
    CHECK(count_attempts(s, "0001") == 2);
    outbox_free(&o);
    store_close(s);
    tmp_remove(&t);
}

static int file_mode(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (int)(st.st_mode & 0777) : -1;
}

/* The outbox file: made 0600 when a result must wait, read back by the next run (a crash or a
 * restart loses nothing), removed once everything is written. */
static void test_file_survives_a_restart(void)
{
    Tmp t;
    char path[256];
    Store *s = open_beside_outbox(&t, path, sizeof path);
    Outbox o = {0};
    CHECK(outbox_open(&o, path, NULL));
    CHECK(access(path, F_OK) != 0); /* nothing waits: no file */
    Answer ans[2] = {{"q1", 1, true}, {"q2", 6, false}};
    mode_t old = umask(0); /* whatever the umask, the file is private */
    int ids[6];
    for (int i = 0; i < 6; i++) {
        char code[8];
        snprintf(code, sizeof code, "%04d", 1 + i % 2);
        Attempt a = attempt_of(code, ans, 2, 100 + i);
        ids[i] = outbox_add(&o, s, &a, 100 + i);
    }
    umask(old);
    CHECK(outbox_flush(&o, s, 200) == 6);
    CHECK(outbox_state(&o, ids[5]) == OUTBOX_KEPT);
    CHECK(file_mode(path) == 0600);
    outbox_free(&o); /* as if the kiosk ended (or crashed): the file stays */
    CHECK(access(path, F_OK) == 0);

    Outbox again = {0};
    Err e = {0};
    CHECK(outbox_open(&again, path, &e) && again.nitems == 6);
    CHECK_STR(again.items[5]->attempt.code, "0002");
    CHECK_STR(again.items[5]->attempt.answers[1].question_id, "q2");
    CHECK(again.items[5]->attempt.answers[1].picked == 6 && again.items[5]->attempt.ended == 105);
    add_person(s, "0001");
    add_person(s, "0002");
    CHECK(outbox_flush(&again, s, 300) == 0);
    CHECK(access(path, F_OK) != 0); /* everything written: the file is gone */
    CHECK(count_attempts(s, "0001") == 3 && count_attempts(s, "0002") == 3);
    outbox_free(&again);
    VerifyResult r;
    CHECK(store_verify(s, &r, &e) && r.ok);
    store_close(s);
    tmp_remove(&t);
}

/* A row of the outbox file changed by hand (a fail made a pass) or put in by hand is refused at
 * the next start: its seal is not this computer's over it. It stays in the file; the rows the
 * kiosk wrote go on into the record. */
static void test_row_changed_by_hand_is_refused(void)
{
    Tmp t;
    char path[256];
    Store *s = open_beside_outbox(&t, path, sizeof path);
    Outbox o = {0};
    CHECK(outbox_open(&o, path, NULL));
    Answer ans[2] = {{"q1", 1, false}, {"q2", 2, false}};
    Attempt fail = attempt_of("0001", ans, 2, 100), other = attempt_of("0002", ans, 2, 101);
    fail.score = other.score = 0;
    outbox_add(&o, s, &fail, 100);
    outbox_add(&o, s, &other, 101);
    outbox_free(&o); /* the kiosk ended with both waiting in the file */
    sqlite3 *db;
    CHECK(sqlite3_open(path, &db) == SQLITE_OK);
    CHECK(sqlite3_exec(
              db,
              "UPDATE pending SET passed = 1, score = 2 WHERE code = '0001';"
              "UPDATE pending_answers SET correct = 1 WHERE row = (SELECT row FROM pending WHERE code = "
              "'0001');"
              "INSERT INTO pending(kind, kept, code, attempt_kind, measure, seed, finished, score, total,"
              " pass_percent, passed, started, ended) VALUES('attempt', 1, '0002', 'test', 3, '7', 1, 2,"
              " 2, 80, 1, 50, 60)",
              NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    add_person(s, "0001");
    add_person(s, "0002");
    Outbox again = {0};
    Err e = {0};
    CHECK(outbox_open(&again, path, &e) && again.nitems == 3);
    CHECK(outbox_flush(&again, s, 300) == 2); /* the changed one and the added one stay */
    CHECK(again.refused == 2 && strstr(again.refused_why, "does not carry this computer's seal"));
    CHECK(count_attempts(s, "0001") == 0 && count_attempts(s, "0002") == 1);
    outbox_free(&again);
    CHECK(access(path, F_OK) == 0); /* kept as it is, for whoever looks into it */
    store_close(s);
    tmp_remove(&t);
}

/* A second kiosk started on the same record replays the outbox file and removes it while this one
 * still holds it open: the next result finds the file gone, keeps itself and what the gone file
 * held in a new one, so nothing waits only in memory while the screen says "kept". */
static void test_file_removed_by_another_start(void)
{
    Tmp t;
    char path[256];
    Store *s = open_beside_outbox(&t, path, sizeof path);
    Outbox o = {0};
    CHECK(outbox_open(&o, path, NULL));
    Answer ans[1] = {{"q1", 1, true}};
    Attempt a = attempt_of("0001", ans, 1, 100), b = attempt_of("0001", ans, 1, 101);
    int ia = outbox_add(&o, s, &a, 100);
    CHECK(outbox_state(&o, ia) == OUTBOX_KEPT && access(path, F_OK) == 0);
    CHECK(unlink(path) == 0); /* the other start's replay, as it removes an emptied file */
    int ib = outbox_add(&o, s, &b, 101);
    CHECK(outbox_state(&o, ia) == OUTBOX_KEPT && outbox_state(&o, ib) == OUTBOX_KEPT);
    CHECK(access(path, F_OK) == 0);
    sqlite3 *db;
    sqlite3_stmt *st;
    CHECK(sqlite3_open(path, &db) == SQLITE_OK);
    CHECK(sqlite3_prepare_v2(db, "SELECT count(*) FROM pending", -1, &st, NULL) == SQLITE_OK);
    CHECK(sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 2); /* both, in the new file */
    sqlite3_finalize(st);
    sqlite3_close(db);
    outbox_free(&o);
    store_close(s);
    tmp_remove(&t);
}

/* A crash after a result reached the record but before it left the outbox file: the next
 * start writes it again, and the record holds it once. */
static void test_replay_is_exactly_once(void)
{
    Tmp t;
    tmp_make_named(&t, "outbox");
    Store *s = open_store(&t);
    add_person(s, "0001");
    Answer ans[1] = {{"q1", 1, true}};
    Attempt a = attempt_of("0001", ans, 1, 100);
    bool already;
    Err e = {0};
    CHECK(store_record_attempt_once(s, &a, &already, &e) && !already);
    CHECK(store_record_attempt_once(s, &a, &already, &e) && already);
    CHECK(count_attempts(s, "0001") == 1);
    Attempt other = a;
    other.seed++;
    CHECK(store_record_attempt_once(s, &other, &already, &e) && !already);
    CHECK(count_attempts(s, "0001") == 2);
    store_close(s);
    tmp_remove(&t);
}

/* Where the outbox file cannot be written either, the result is UNSAVED (the screen says so
 * plainly) and the reason is kept. */
static void test_unwritable_file_is_said(void)
{
    Tmp t;
    char path[256];
    Store *s = open_beside_outbox(&t, path, sizeof path);
    CHECK(mkdir(path, 0700) == 0); /* a folder where the file should be */
    Outbox o = {0};
    CHECK(outbox_open(&o, path, NULL) == false || o.nitems == 0);
    Answer ans[1] = {{"q1", 1, true}};
    Attempt a = attempt_of("0001", ans, 1, 100);
    int id = outbox_add(&o, s, &a, 100);
    CHECK(outbox_state(&o, id) == OUTBOX_UNSAVED && o.file_error[0] && outbox_unsaved(&o) == 1);
    CHECK(rmdir(path) == 0); /* fixed: the next try keeps it in the file */
    CHECK(outbox_flush(&o, s, 101) == 1);
    CHECK(outbox_state(&o, id) == OUTBOX_KEPT && !o.file_error[0] && outbox_unsaved(&o) == 0);
    outbox_free(&o);
    store_close(s);
    tmp_remove(&t);
}

/* Something else at the outbox path is not read as results nor overwritten. */
static void test_foreign_file_refused(void)
{
    Tmp t;
    tmp_make_named(&t, "outbox");
    char path[256];
    CHECK(outbox_path_for(t.db, path, sizeof path, NULL));
    sqlite3 *db;
    CHECK(sqlite3_open(path, &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "CREATE TABLE other(x)", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    Outbox o = {0};
    Err e = {0};
    CHECK(!outbox_open(&o, path, &e) && strstr(e.msg, "not a mamori outbox"));
    outbox_free(&o);
    tmp_remove(&t);
}

int main(void)
{
    RUN(test_kept_until_written);
    RUN(test_many_queued_keep_their_own_data);
    RUN(test_order_kept_and_stops_at_first_failure);
    RUN(test_refused_one_does_not_hold_up_the_rest);
    RUN(test_file_survives_a_restart);
    RUN(test_replay_is_exactly_once);
    RUN(test_row_changed_by_hand_is_refused);
    RUN(test_file_removed_by_another_start);
    RUN(test_unwritable_file_is_said);
    RUN(test_foreign_file_refused);
    return TEST_END();
}
