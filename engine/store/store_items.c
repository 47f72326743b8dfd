/* store_items.c — reads of the recorded answers by question: what a retake draw and the item
 * statistics need (store.h, "answers by question").
 *
 * What must stay true: these verbs only read; each runs one statement (prepared once, through
 * store_stmt) and returns heap rows the caller frees; rows come in a fixed order (attempt, then
 * the question's place in it), so what is computed from them is the same on every run. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The latest test attempt at a measure that has at least one answer, finished or abandoned. */
static const char LAST_TEST_SQL[] =
    "SELECT question_id, correct, time FROM answers WHERE attempt_seq = ("
    " SELECT max(a.seq) FROM attempts a WHERE a.code = ?1 AND a.kind = 'test' AND a.measure = ?2"
    " AND EXISTS (SELECT 1 FROM answers x WHERE x.attempt_seq = a.seq)) ORDER BY n";

/* The finished tests first, then their answers: a pass over the attempts and a look-up of the
 * tests' answers only, not of every answer (follow-ups are two in three of them). */
static const char ITEM_ANSWERS_SQL[] =
    "SELECT n.attempt_seq, n.question_id, n.picked, n.correct FROM attempts a"
    " JOIN answers n ON n.attempt_seq = a.seq WHERE a.kind = 'test' AND a.finished = 1"
    " ORDER BY a.seq, n.n";

bool store_last_test(Store *s, const char *code, int measure, LoggedAnswer **out, int *n, Err *e)
{
    DbStmt *st;
    *out = NULL, *n = 0;
    if (!store_stmt(s, LAST_TEST_SQL, &st, e))
        return false;
    db_bind_text(st, 1, code);
    db_bind_int(st, 2, measure);
    LoggedAnswer *rows = NULL;
    int count = 0, rc;
    while ((rc = db_step(st)) == DB_ROW) {
        rows = xrealloc(rows, (size_t)(count + 1) * sizeof *rows); /* a test is a handful */
        LoggedAnswer *a = &rows[count++];
        snprintf(a->question_id, sizeof a->question_id, "%s", db_text(st, 0));
        a->correct = db_int(st, 1) != 0;
        a->time = db_int64(st, 2);
    }
    db_reset(st);
    if (rc != DB_DONE) {
        free(rows);
        return store_sql_error(s, e, "read the last test");
    }
    *out = rows, *n = count;
    return true;
}

static void item_row(DbStmt *st, ItemAnswer *r)
{
    r->attempt = db_int64(st, 0);
    store_copy_text(r->question_id, sizeof r->question_id, db_text(st, 1));
    r->picked = (unsigned)db_int64(st, 2);
    r->correct = db_int(st, 3) != 0;
}

/* Rows of one attempt so far (store_each_item_attempt); a test is a handful, more only grows. */
typedef struct {
    ItemAnswer *rows;
    int n, cap;
} AttemptRows;

static void attempt_add(AttemptRows *a, DbStmt *st)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 16;
        a->rows = xrealloc(a->rows, (size_t)a->cap * sizeof *a->rows);
    }
    item_row(st, &a->rows[a->n++]);
}

bool store_each_item_attempt(Store *s, StoreEachItemAttempt *fn, void *ctx, Err *e)
{
    DbStmt *st;
    AttemptRows a = {0};
    int rc;
    if (!store_stmt(s, ITEM_ANSWERS_SQL, &st, e))
        return false;
    while ((rc = db_step(st)) == DB_ROW) {
        if (a.n && a.rows[0].attempt != db_int64(st, 0)) {
            fn(ctx, a.rows, a.n);
            a.n = 0;
        }
        attempt_add(&a, st);
    }
    db_reset(st);
    if (rc == DB_DONE && a.n)
        fn(ctx, a.rows, a.n);
    free(a.rows);
    return rc == DB_DONE || store_sql_error(s, e, "read the answers by question");
}

/* Collects every attempt's rows (store_item_answers). */
typedef struct {
    ItemAnswer *rows;
    int n, cap;
} AllRows;

static void all_add(void *ctx, const ItemAnswer *rows, int n)
{
    AllRows *all = ctx;
    while (all->n + n > all->cap) {
        all->cap = all->cap ? all->cap * 2 : 256;
        all->rows = xrealloc(all->rows, (size_t)all->cap * sizeof *all->rows);
    }
    memcpy(all->rows + all->n, rows, (size_t)n * sizeof *rows);
    all->n += n;
}

bool store_item_answers(Store *s, ItemAnswer **out, int *n, Err *e)
{
    AllRows all = {0};
    *out = NULL, *n = 0;
    if (!store_each_item_attempt(s, all_add, &all, e)) {
        free(all.rows);
        return false;
    }
    *out = all.rows, *n = all.n;
    return true;
}

void store_item_answers_free(ItemAnswer *rows)
{
    free(rows);
}
