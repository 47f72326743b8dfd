/* outbox_file.c — the durable outbox file (see outbox_file.h): SQLite, rollback journal,
 * synchronous=FULL, one transaction per result. */
#include "outbox_file.h"
#include "private.h"

#include <sqlite3.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char SCHEMA[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "INSERT OR IGNORE INTO meta(key, value) VALUES('app', 'mamori-outbox');"
    "CREATE TABLE IF NOT EXISTS pending(row INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL,"
    "  kept INTEGER NOT NULL, code TEXT NOT NULL, attempt_kind TEXT NOT NULL, measure INTEGER NOT NULL,"
    "  seed TEXT NOT NULL, finished INTEGER NOT NULL, score INTEGER NOT NULL, total INTEGER NOT NULL,"
    "  pass_percent INTEGER NOT NULL, passed INTEGER NOT NULL, started INTEGER NOT NULL,"
    "  ended INTEGER NOT NULL, seal TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE IF NOT EXISTS pending_answers(row INTEGER NOT NULL, n INTEGER NOT NULL,"
    "  question_id TEXT NOT NULL, picked INTEGER NOT NULL, correct INTEGER NOT NULL,"
    "  PRIMARY KEY(row, n));"
    "PRAGMA user_version = 2;";

/* A file from before seals (version 1): its rows get an empty seal, which the outbox refuses. */
static const char SEAL_COLUMN[] = "ALTER TABLE pending ADD COLUMN seal TEXT NOT NULL DEFAULT ''";

typedef enum {
    OF_PUT,
    OF_PUT_ANSWER,
    OF_REMOVE,
    OF_REMOVE_ANSWERS,
    OF_EACH,
    OF_ANSWERS,
    OF_COUNT_ROWS,
    OF_N
} OfStmt;

static const char *const OF_SQL[OF_N] = {
    [OF_PUT] = "INSERT INTO pending(kind, kept, code, attempt_kind, measure, seed, finished, score, total,"
               " pass_percent, passed, started, ended, seal)"
               " VALUES('attempt', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    [OF_PUT_ANSWER] =
        "INSERT INTO pending_answers(row, n, question_id, picked, correct) VALUES(?1, ?2, ?3, ?4, ?5)",
    [OF_REMOVE] = "DELETE FROM pending WHERE row = ?1",
    [OF_REMOVE_ANSWERS] = "DELETE FROM pending_answers WHERE row = ?1",
    [OF_EACH] = "SELECT row, code, attempt_kind, measure, seed, finished, score, total, pass_percent,"
                " passed, started, ended, seal FROM pending WHERE kind = 'attempt' ORDER BY row",
    [OF_ANSWERS] = "SELECT question_id, picked, correct FROM pending_answers WHERE row = ?1 ORDER BY n",
    [OF_COUNT_ROWS] = "SELECT count(*) FROM pending",
};

struct OutboxFile {
    sqlite3 *db;
    char *path; /* heap */
    dev_t dev;  /* the file it opened, to tell when the path no longer names it */
    ino_t ino;
    sqlite3_stmt *st[OF_N];
};

static bool of_error(OutboxFile *f, Err *e, const char *doing)
{
    int rc = sqlite3_extended_errcode(f->db);
    const char *why = (rc & 0xff) == SQLITE_FULL       ? "the disk is full"
                      : (rc & 0xff) == SQLITE_READONLY ? "the file or its folder is read-only"
                                                       : sqlite3_errmsg(f->db);
    return err_set(e, "%s: could not %s: %s", f->path, doing, why);
}

static bool of_exec(OutboxFile *f, const char *sql, const char *doing, Err *e)
{
    return sqlite3_exec(f->db, sql, NULL, NULL, NULL) == SQLITE_OK || of_error(f, e, doing);
}

/* An empty file (just made) or one with our meta row. */
static bool of_is_ours(OutboxFile *f, Err *e)
{
    sqlite3_stmt *st = NULL;
    bool empty =
        sqlite3_prepare_v2(f->db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 0;
    sqlite3_finalize(st);
    if (empty)
        return true;
    bool ours =
        sqlite3_prepare_v2(f->db, "SELECT value FROM meta WHERE key = 'app'", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW &&
        strcmp((const char *)sqlite3_column_text(st, 0), "mamori-outbox") == 0;
    sqlite3_finalize(st);
    return ours || err_set(e, "%s: is not a mamori outbox file; move it away and start again", f->path);
}

/* A version 1 file gets the seal column before the schema (whose CREATEs keep its tables). */
static bool of_seal_column(OutboxFile *f, Err *e)
{
    sqlite3_stmt *st = NULL;
    bool old = sqlite3_prepare_v2(f->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
               sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
    sqlite3_finalize(st);
    return !old || of_exec(f, SEAL_COLUMN, "set up the outbox", e);
}

static bool of_setup(OutboxFile *f, Err *e)
{
    if (sqlite3_open_v2(f->path, &f->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        return of_error(f, e, "open the outbox");
    sqlite3_extended_result_codes(f->db, 1);
    sqlite3_busy_timeout(f->db, 100);
    if (!of_exec(f, "PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL", "open the outbox", e) ||
        !of_exec(f, "BEGIN IMMEDIATE", "open the outbox", e))
        return false;
    bool ok = of_is_ours(f, e) && of_seal_column(f, e) && of_exec(f, SCHEMA, "set up the outbox", e) &&
              of_exec(f, "COMMIT", "set up the outbox", e);
    if (!ok)
        sqlite3_exec(f->db, "ROLLBACK", NULL, NULL, NULL);
    for (int i = 0; ok && i < OF_N; i++)
        if (sqlite3_prepare_v3(f->db, OF_SQL[i], -1, SQLITE_PREPARE_PERSISTENT, &f->st[i], NULL) != SQLITE_OK)
            ok = of_error(f, e, "read the outbox");
    return ok;
}

static void of_free(OutboxFile *f)
{
    for (int i = 0; i < OF_N; i++)
        sqlite3_finalize(f->st[i]);
    sqlite3_close(f->db);
    free(f->path);
    free(f);
}

bool outbox_file_open(OutboxFile **out, const char *path, bool create, Err *e)
{
    *out = NULL;
    if (!create && access(path, F_OK) != 0)
        return true;
    if (!private_file(path, NULL, e))
        return false;
    OutboxFile *f = xcalloc(1, sizeof *f);
    f->path = xstrdup(path);
    if (!of_setup(f, e)) {
        of_free(f);
        return false;
    }
    struct stat st;
    if (stat(path, &st) == 0)
        f->dev = st.st_dev, f->ino = st.st_ino;
    *out = f;
    return true;
}

bool outbox_file_gone(const OutboxFile *f)
{
    struct stat st;
    return stat(f->path, &st) != 0 || st.st_dev != f->dev || st.st_ino != f->ino;
}

void outbox_file_forget(OutboxFile *f)
{
    if (f)
        of_free(f);
}

bool outbox_file_count(OutboxFile *f, int64_t *n, Err *e)
{
    sqlite3_stmt *st = f->st[OF_COUNT_ROWS];
    int rc = sqlite3_step(st);
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW || of_error(f, e, "read the outbox");
}

void outbox_file_close(OutboxFile *f)
{
    if (!f)
        return;
    int64_t n = 1;
    bool empty = outbox_file_count(f, &n, NULL) && n == 0;
    char *path = xstrdup(f->path);
    of_free(f);
    if (empty && unlink(path) == 0)
        private_sync_parent(path, NULL);
    free(path);
}

const char *outbox_file_path(const OutboxFile *f)
{
    return f->path;
}

static int of_step(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc;
}

static bool put_rows(OutboxFile *f, const Attempt *a, const char *seal, int64_t now, int64_t *row)
{
    sqlite3_stmt *st = f->st[OF_PUT];
    char seed[24];
    snprintf(seed, sizeof seed, "%" PRIu64, a->seed);
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_text(st, 2, a->code, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, a->kind == ATTEMPT_TEST ? "test" : "followup", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, a->measure);
    sqlite3_bind_text(st, 5, seed, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 6, a->finished);
    sqlite3_bind_int(st, 7, a->score);
    sqlite3_bind_int(st, 8, a->total);
    sqlite3_bind_int(st, 9, a->pass_percent);
    sqlite3_bind_int(st, 10, a->passed);
    sqlite3_bind_int64(st, 11, a->started);
    sqlite3_bind_int64(st, 12, a->ended);
    sqlite3_bind_text(st, 13, seal, -1, SQLITE_STATIC);
    if (of_step(st) != SQLITE_DONE)
        return false;
    *row = sqlite3_last_insert_rowid(f->db);
    sqlite3_stmt *q = f->st[OF_PUT_ANSWER];
    for (int i = 0; i < a->nanswers; i++) {
        sqlite3_bind_int64(q, 1, *row);
        sqlite3_bind_int(q, 2, i);
        sqlite3_bind_text(q, 3, a->answers[i].question_id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 4, a->answers[i].picked);
        sqlite3_bind_int(q, 5, a->answers[i].correct);
        if (of_step(q) != SQLITE_DONE)
            return false;
    }
    return true;
}

bool outbox_file_put(OutboxFile *f, const Attempt *a, const char *seal, int64_t now, int64_t *row, Err *e)
{
    if (!of_exec(f, "BEGIN IMMEDIATE", "keep the result in the outbox", e))
        return false;
    if (put_rows(f, a, seal, now, row) && sqlite3_exec(f->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
        return true;
    of_error(f, e, "keep the result in the outbox");
    sqlite3_exec(f->db, "ROLLBACK", NULL, NULL, NULL);
    return false;
}

bool outbox_file_remove(OutboxFile *f, int64_t row, Err *e)
{
    if (!of_exec(f, "BEGIN IMMEDIATE", "clear a result from the outbox", e))
        return false;
    sqlite3_bind_int64(f->st[OF_REMOVE], 1, row);
    sqlite3_bind_int64(f->st[OF_REMOVE_ANSWERS], 1, row);
    if (of_step(f->st[OF_REMOVE]) == SQLITE_DONE && of_step(f->st[OF_REMOVE_ANSWERS]) == SQLITE_DONE &&
        sqlite3_exec(f->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
        return true;
    of_error(f, e, "clear a result from the outbox");
    sqlite3_exec(f->db, "ROLLBACK", NULL, NULL, NULL);
    return false;
}

/* One row's answers, into buffers that grow as needed (owned by the caller). */
typedef struct {
    Answer *ans;      /* heap */
    char (*qids)[64]; /* heap */
    int n, cap;
} AnswerRows;

static bool read_answers(OutboxFile *f, int64_t row, AnswerRows *b)
{
    sqlite3_stmt *q = f->st[OF_ANSWERS];
    int rc;
    b->n = 0;
    sqlite3_bind_int64(q, 1, row);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (b->n == b->cap) {
            b->cap = b->cap ? b->cap * 2 : 16;
            b->ans = xrealloc(b->ans, sizeof *b->ans * (size_t)b->cap);
            b->qids = xrealloc(b->qids, sizeof *b->qids * (size_t)b->cap);
        }
        const unsigned char *qid = sqlite3_column_text(q, 0);
        snprintf(b->qids[b->n], sizeof b->qids[0], "%s", qid ? (const char *)qid : "");
        b->ans[b->n].picked = (unsigned)sqlite3_column_int64(q, 1);
        b->ans[b->n].correct = sqlite3_column_int(q, 2) != 0;
        b->n++;
    }
    sqlite3_reset(q);
    for (int i = 0; i < b->n; i++) /* the buffers are complete: point at them now */
        b->ans[i].question_id = b->qids[i];
    return rc == SQLITE_DONE;
}

static void attempt_from_row(sqlite3_stmt *st, const AnswerRows *b, Attempt *a)
{
    *a = (Attempt){.code = (const char *)sqlite3_column_text(st, 1),
                   .kind = strcmp((const char *)sqlite3_column_text(st, 2), "test") == 0 ? ATTEMPT_TEST
                                                                                         : ATTEMPT_FOLLOWUP,
                   .measure = sqlite3_column_int(st, 3),
                   .seed = strtoull((const char *)sqlite3_column_text(st, 4), NULL, 10),
                   .finished = sqlite3_column_int(st, 5) != 0,
                   .score = sqlite3_column_int(st, 6),
                   .total = sqlite3_column_int(st, 7),
                   .pass_percent = sqlite3_column_int(st, 8),
                   .passed = sqlite3_column_int(st, 9) != 0,
                   .started = sqlite3_column_int64(st, 10),
                   .ended = sqlite3_column_int64(st, 11),
                   .answers = b->ans,
                   .nanswers = b->n};
}

bool outbox_file_each(OutboxFile *f, OutboxFileEach fn, void *ctx, Err *e)
{
    sqlite3_stmt *st = f->st[OF_EACH];
    AnswerRows b = {0};
    int rc;
    bool ok = true;
    while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t row = sqlite3_column_int64(st, 0);
        Attempt a;
        if (!(ok = read_answers(f, row, &b)))
            break;
        attempt_from_row(st, &b, &a);
        const unsigned char *seal = sqlite3_column_text(st, 12);
        fn(ctx, row, &a, seal ? (const char *)seal : "");
    }
    sqlite3_reset(st);
    free(b.ans);
    free(b.qids);
    return (ok && rc == SQLITE_DONE) || of_error(f, e, "read the outbox");
}
