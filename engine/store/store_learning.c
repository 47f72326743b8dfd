/* store_learning.c — the learning records as other systems want them (xAPI): each lesson read,
 * test or follow-up attempt and pledge signed, with its event's UUID, oldest first (store.h,
 * "learning records").
 *
 * What must stay true: these verbs only read; the rows come from the derived tables joined to
 * their events (the UUID is the event's, so a resend names the same statement); the order is the
 * record's order (seq). */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One row per record: seq, uuid, time, what, code, name, measure, text, version, finished, score,
 * total, pass_percent, passed, started, ended. */
static const char LOG_SQL[] =
    "SELECT e.seq, e.uuid, e.time, 'lesson', l.code, p.name, l.measure, l.lesson_id, l.version,"
    " 0, 0, 0, 0, 0, 0, 0 FROM events e JOIN lesson_reads l ON l.seq = e.seq"
    " JOIN employees p ON p.code = l.code WHERE e.seq > ?1 AND e.time >= ?2"
    " UNION ALL SELECT e.seq, e.uuid, e.time, a.kind, a.code, p.name, a.measure, '', 0, a.finished,"
    " a.score, a.total, a.pass_percent, a.passed, a.started, a.ended FROM events e"
    " JOIN attempts a ON a.seq = e.seq JOIN employees p ON p.code = a.code"
    " WHERE e.seq > ?1 AND e.time >= ?2"
    " UNION ALL SELECT e.seq, e.uuid, e.time, 'pledge', g.code, p.name, 0, g.role, g.version,"
    " 0, 0, 0, 0, 0, 0, 0 FROM events e JOIN pledges g ON g.seq = e.seq"
    " JOIN employees p ON p.code = g.code WHERE e.seq > ?1 AND e.time >= ?2"
    " ORDER BY 1";

static const char ANSWERS_SQL[] =
    "SELECT question_id, correct, time, picked FROM answers WHERE attempt_seq = ?1 ORDER BY n";

static void kind_of(const char *what, LearningRecord *r)
{
    r->kind = strcmp(what, "lesson") == 0   ? LEARN_LESSON
              : strcmp(what, "pledge") == 0 ? LEARN_PLEDGE
                                            : LEARN_ATTEMPT;
    r->attempt = strcmp(what, "followup") == 0 ? ATTEMPT_FOLLOWUP : ATTEMPT_TEST;
}

static void log_row(DbStmt *st, LearningRecord *r)
{
    *r = (LearningRecord){.seq = db_int64(st, 0), .time = db_int64(st, 2)};
    snprintf(r->uuid, sizeof r->uuid, "%s", db_text(st, 1));
    kind_of(db_text(st, 3), r);
    snprintf(r->code, sizeof r->code, "%s", db_text(st, 4));
    snprintf(r->name, sizeof r->name, "%s", db_text(st, 5));
    r->measure = (int)db_int64(st, 6);
    snprintf(r->lesson_id, sizeof r->lesson_id, "%s", db_text(st, 7));
    r->pledge = strcmp(db_text(st, 7), "president") == 0 ? PLEDGE_PRESIDENT : PLEDGE_EMPLOYEE;
    r->version = (int)db_int64(st, 8);
    r->finished = db_int64(st, 9) != 0;
    r->score = (int)db_int64(st, 10);
    r->total = (int)db_int64(st, 11);
    r->pass_percent = (int)db_int64(st, 12);
    r->passed = db_int64(st, 13) != 0;
    r->started = db_int64(st, 14);
    r->ended = db_int64(st, 15);
}

bool store_learning_log(Store *s, int64_t after_seq, int64_t since, LearningRecord **out, int *n, Err *e)
{
    DbStmt *st;
    *out = NULL, *n = 0;
    if (!store_stmt(s, LOG_SQL, &st, e))
        return false;
    db_bind_int(st, 1, after_seq);
    db_bind_int(st, 2, since);
    LearningRecord *rows = NULL;
    int count = 0, cap = 0, rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (count == cap) {
            cap = cap ? cap * 2 : 256;
            rows = xrealloc(rows, (size_t)cap * sizeof *rows);
        }
        log_row(st, &rows[count++]);
    }
    db_reset(st);
    if (rc != DB_DONE) {
        free(rows);
        return store_sql_error(s, e, "read the learning records");
    }
    *out = rows, *n = count;
    return true;
}

bool store_attempt_answers(Store *s, int64_t seq, LoggedAnswer **out, unsigned **picked, int *n, Err *e)
{
    DbStmt *st;
    *out = NULL, *picked = NULL, *n = 0;
    if (!store_stmt(s, ANSWERS_SQL, &st, e))
        return false;
    db_bind_int(st, 1, seq);
    int count = 0, rc;
    while ((rc = db_step(st)) == DB_ROW) {
        *out = xrealloc(*out, (size_t)(count + 1) * sizeof **out); /* a test is a handful */
        *picked = xrealloc(*picked, (size_t)(count + 1) * sizeof **picked);
        LoggedAnswer *a = &(*out)[count];
        snprintf(a->question_id, sizeof a->question_id, "%s", db_text(st, 0));
        a->correct = db_int64(st, 1) != 0;
        a->time = db_int64(st, 2);
        (*picked)[count++] = (unsigned)db_int64(st, 3);
    }
    db_reset(st);
    *n = count;
    if (rc != DB_DONE) {
        free(*out), free(*picked);
        *out = NULL, *picked = NULL, *n = 0;
        return store_sql_error(s, e, "read the answers");
    }
    return true;
}
