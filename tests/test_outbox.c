/* test_outbox.c — results that cannot be written are kept and written later, in order. */
#include "outbox.h"
#include "test.h"

#include <stdlib.h>
#include <unistd.h>

static Store *open_store(char *dir)
{
    Store *s = NULL;
    Err e = {0};
    char path[96];
    snprintf(path, sizeof path, "%s/o.db", dir);
    CHECK(store_open(&s, path, &e));
    store_set_content_version(s, "test");
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

static void test_kept_until_written(void)
{
    char dir[] = "/tmp/mamori-outbox-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    Store *s = open_store(dir);
    Answer ans[2] = {{"q1", 1, true}, {"q2", 2, false}};
    char code[8] = "0007";
    Attempt a = {.code = code,
                 .kind = ATTEMPT_TEST,
                 .measure = 3,
                 .finished = true,
                 .score = 1,
                 .total = 2,
                 .pass_percent = 80,
                 .started = 100,
                 .ended = 200,
                 .answers = ans,
                 .nanswers = 2};
    Outbox o = {0};
    int id = outbox_add(&o, &a);
    code[0] = 'X'; /* the caller's copies may go away: the outbox has its own */
    ans[0].correct = false;
    CHECK(outbox_flush(&o, s, 300) == 1); /* no such person yet: the write fails */
    CHECK(outbox_has(&o, id));
    CHECK(o.last_error[0] != '\0' && o.last_try == 300);
    add_person(s, "0007");
    CHECK(outbox_flush(&o, s, 400) == 0);
    CHECK(!outbox_has(&o, id) && o.last_error[0] == '\0');
    CHECK(count_attempts(s, "0007") == 1);
    LoggedAnswer *log;
    int n;
    Err e = {0};
    CHECK(store_answer_log(s, "0007", &log, &n, &e) && n == 2 && log[0].correct);
    store_answer_log_free(log);
    outbox_free(&o);
    store_close(s);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
}

static void test_order_kept_and_stops_at_first_failure(void)
{
    char dir[] = "/tmp/mamori-outbox-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    Store *s = open_store(dir);
    add_person(s, "0001");
    Answer ans[1] = {{"q1", 1, true}};
    Attempt a = {.code = "0009",
                 .kind = ATTEMPT_TEST,
                 .measure = 3,
                 .finished = true,
                 .score = 1,
                 .total = 1,
                 .pass_percent = 80,
                 .passed = true,
                 .started = 1,
                 .ended = 2,
                 .answers = ans,
                 .nanswers = 1};
    Attempt b = a;
    b.code = "0001";
    Outbox o = {0};
    int ia = outbox_add(&o, &a), ib = outbox_add(&o, &b);
    CHECK(outbox_flush(&o, s, 5) == 2); /* the first fails, so the second waits behind it */
    CHECK(outbox_has(&o, ia) && outbox_has(&o, ib));
    add_person(s, "0009");
    CHECK(outbox_flush(&o, s, 6) == 0);
    CHECK(count_attempts(s, "0009") == 1 && count_attempts(s, "0001") == 1);
    outbox_free(&o);
    store_close(s);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
}

int main(void)
{
    RUN(test_kept_until_written);
    RUN(test_order_kept_and_stops_at_first_failure);
    return TEST_END();
}
