/* test_store_items.c — the reads by question (store_items.c): a person's last test at a measure
 * and every answer of finished tests. */
#include "helpers.h"
#include "store.h"
#include "test.h"
#include "tmpdir.h"

static Store *store_with(Tmp *t, const char *const *codes, int n)
{
    Store *s = NULL;
    Err e = {{0}};
    tmp_make_named(t, "items");
    CHECK(store_open(&s, t->db, &e));
    CHECK(s && fixture_people(s, codes, n, &e));
    return s;
}

static void record(Store *s, const char *code, AttemptKind kind, int measure, bool finished,
                   const Answer *ans, int n, int64_t ended)
{
    Err e = {{0}};
    CHECK(fixture_attempt(s, code, kind, measure, finished, ans, n, ended - 10, ended, &e));
}

static void test_last_test(void)
{
    Tmp t;
    const char *codes[] = {"0001", "0002"};
    Store *s = store_with(&t, codes, 2);
    Err e = {{0}};
    LoggedAnswer *last;
    int n;
    CHECK(store_last_test(s, "0001", 3, &last, &n, &e) && n == 0 && !last); /* never tested */
    Answer first[3] = {{"a", 1, true}, {"b", 2, false}, {"c", 1, true}};
    Answer second[2] = {{"d", 1, false}, {"e", 1, true}};
    Answer other[1] = {{"x", 1, false}};
    record(s, "0001", ATTEMPT_TEST, 3, true, first, 3, 2000);
    record(s, "0001", ATTEMPT_TEST, 4, true, other, 1, 2100);     /* another measure */
    record(s, "0002", ATTEMPT_TEST, 3, true, other, 1, 2200);     /* another person */
    record(s, "0001", ATTEMPT_FOLLOWUP, 0, true, other, 1, 2300); /* not a test */
    CHECK(store_last_test(s, "0001", 3, &last, &n, &e) && n == 3);
    if (n == 3)
        CHECK(strcmp(last[1].question_id, "b") == 0 && !last[1].correct && last[2].correct &&
              last[0].time > 0);
    store_answer_log_free(last);
    record(s, "0001", ATTEMPT_TEST, 3, false, second, 2, 2400); /* abandoned, with answers: counts */
    record(s, "0001", ATTEMPT_TEST, 3, false, NULL, 0, 2500);   /* abandoned at once: does not */
    CHECK(store_last_test(s, "0001", 3, &last, &n, &e) && n == 2);
    if (n == 2)
        CHECK(strcmp(last[0].question_id, "d") == 0 && !last[0].correct && last[1].correct);
    store_answer_log_free(last);
    store_close(s);
    tmp_remove(&t);
}

static void test_item_answers(void)
{
    Tmp t;
    const char *codes[] = {"0001", "0002"};
    Store *s = store_with(&t, codes, 2);
    Err e = {{0}};
    ItemAnswer *rows;
    int n;
    CHECK(store_item_answers(s, &rows, &n, &e) && n == 0);
    store_item_answers_free(rows);
    Answer one[2] = {{"a", 1u << 2, true}, {"b", 3, false}};
    Answer two[1] = {{"a", 1, false}};
    record(s, "0001", ATTEMPT_TEST, 3, true, one, 2, 2000);
    record(s, "0002", ATTEMPT_TEST, 3, false, one, 2, 2100);    /* abandoned: left out */
    record(s, "0002", ATTEMPT_FOLLOWUP, 0, true, two, 1, 2200); /* follow-up: left out */
    record(s, "0002", ATTEMPT_TEST, 5, true, two, 1, 2300);
    CHECK(store_item_answers(s, &rows, &n, &e) && n == 3);
    if (n == 3) {
        CHECK(rows[0].attempt == rows[1].attempt && rows[2].attempt > rows[0].attempt);
        CHECK(strcmp(rows[0].question_id, "a") == 0 && rows[0].picked == 4 && rows[0].correct);
        CHECK(strcmp(rows[1].question_id, "b") == 0 && rows[1].picked == 3 && !rows[1].correct);
        CHECK(strcmp(rows[2].question_id, "a") == 0 && rows[2].picked == 1 && !rows[2].correct);
    }
    store_item_answers_free(rows);
    store_close(s);
    tmp_remove(&t);
}

/* What store_each_item_attempt called: how many calls, and each call's attempt and size. */
typedef struct {
    int calls;
    int64_t attempt[4];
    int n[4];
    bool mixed; /* a call held rows of two attempts */
} Calls;

static void note_attempt(void *ctx, const ItemAnswer *rows, int n)
{
    Calls *c = ctx;
    for (int i = 1; i < n; i++)
        c->mixed = c->mixed || rows[i].attempt != rows[0].attempt;
    if (c->calls < 4)
        c->attempt[c->calls] = rows[0].attempt, c->n[c->calls] = n;
    c->calls++;
}

/* The same answers, one call per finished test, in order, without holding them all. */
static void test_each_item_attempt(void)
{
    Tmp t;
    const char *codes[] = {"0001", "0002"};
    Store *s = store_with(&t, codes, 2);
    Err e = {{0}};
    Calls c = {0};
    CHECK(store_each_item_attempt(s, note_attempt, &c, &e) && c.calls == 0);
    Answer one[2] = {{"a", 1u << 2, true}, {"b", 3, false}};
    Answer two[1] = {{"a", 1, false}};
    record(s, "0001", ATTEMPT_TEST, 3, true, one, 2, 2000);
    record(s, "0002", ATTEMPT_TEST, 3, false, one, 2, 2100);    /* abandoned: left out */
    record(s, "0002", ATTEMPT_FOLLOWUP, 0, true, two, 1, 2200); /* follow-up: left out */
    record(s, "0002", ATTEMPT_TEST, 5, true, two, 1, 2300);
    record(s, "0001", ATTEMPT_TEST, 4, true, one, 2, 2400);
    CHECK(store_each_item_attempt(s, note_attempt, &c, &e) && c.calls == 3 && !c.mixed);
    CHECK(c.n[0] == 2 && c.n[1] == 1 && c.n[2] == 2);
    CHECK(c.attempt[0] < c.attempt[1] && c.attempt[1] < c.attempt[2]);
    store_close(s);
    tmp_remove(&t);
}

int main(void)
{
    RUN(test_last_test);
    RUN(test_item_answers);
    RUN(test_each_item_attempt);
    return TEST_END();
}
