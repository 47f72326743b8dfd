/* store_sync.c — a kiosk's cache of a shared server (see store.h): the outbox of the kiosk's own
 * events, sending them to the server exactly once, and copying the server's record into the
 * cache.
 *
 * What must stay true:
 *   - an event is in the cache's outbox from the transaction that recorded it until the server
 *     holds it; it leaves the outbox only after the server committed it (or is found to hold
 *     it already), so a crash anywhere sends it again and the UUID check makes that harmless;
 *   - on the server an event is appended through the store's one append path, inside one write
 *     transaction with its derived rows, after checking under that transaction's lock that its
 *     UUID is not there yet (events.uuid is UNIQUE as well);
 *   - a refusal is kept (outbox.refused) and never deletes anything; a lost connection is not a
 *     refusal: nothing changes and the event is sent again later;
 *   - the cache's own events are numbered from STORE_LOCAL_SEQ; the server's events copied into
 *     it keep their numbers, and replace the cache's own copy of the same UUID;
 *   - the server side's SQL is the dialect both databases agree on (a test runs it on SQLite);
 *     the cache side is always SQLite (json_extract reads payloads). */
#include "store_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char CACHE_SCHEMA[] =
    "CREATE TABLE IF NOT EXISTS outbox(seq INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
    "  refused TEXT NOT NULL DEFAULT '')";

bool store_cache_setup(Store *s, Err *e)
{
    return db_exec(store_conn(s), CACHE_SCHEMA) || store_sql_error(s, e, "set up the kiosk's cache");
}

bool store_outbox_note(Store *s, int64_t seq, const char *uuid, Err *e)
{
    DbStmt *st;
    if (!store_stmt(s, "INSERT INTO outbox(seq, uuid) VALUES(?1, ?2)", &st, e))
        return false;
    db_bind_int(st, 1, seq);
    db_bind_text(st, 2, uuid);
    return db_run(st) || store_sql_error(s, e, "keep the record in the kiosk's outbox");
}

static const char OUTBOX_COUNT[] =
    "SELECT count(*), coalesce(sum(refused <> ''), 0),"
    " coalesce((SELECT refused FROM outbox WHERE refused <> '' ORDER BY seq LIMIT 1), '') FROM outbox";

/* A refusal is kept as "WORD SUBJECT: detail" (WORD from this table; "error: detail" for a
 * server failure), so the reason can be told in the kiosk's language. */
static const struct {
    const char *word;
    RefusalReason reason;
} REFUSAL_WORDS[] = {
    {"kind", REFUSAL_KIND}, {"unknown", REFUSAL_NOT_IN_ROSTER}, {"inactive", REFUSAL_INACTIVE}};

static void refusal_parse(const char *text, OutboxCount *out)
{
    snprintf(out->first_refusal, sizeof out->first_refusal, "%s", text);
    out->first_reason = REFUSAL_ERROR;
    out->first_subject[0] = '\0';
    const char *sp = strchr(text, ' '), *colon = sp ? strchr(sp, ':') : NULL;
    for (size_t i = 0; colon && i < sizeof REFUSAL_WORDS / sizeof *REFUSAL_WORDS; i++)
        if ((size_t)(sp - text) == strlen(REFUSAL_WORDS[i].word) &&
            strncmp(text, REFUSAL_WORDS[i].word, (size_t)(sp - text)) == 0) {
            out->first_reason = REFUSAL_WORDS[i].reason;
            snprintf(out->first_subject, sizeof out->first_subject, "%.*s", (int)(colon - sp - 1), sp + 1);
        }
}

bool store_outbox_count(Store *cache, OutboxCount *out, Err *e)
{
    DbStmt *st;
    *out = (OutboxCount){0};
    if (!store_stmt(cache, OUTBOX_COUNT, &st, e))
        return false;
    int rc = db_step(st);
    if (rc == DB_ROW) {
        out->waiting = db_int64(st, 0);
        out->refused = db_int64(st, 1);
        refusal_parse(db_text(st, 2), out);
    }
    db_reset(st);
    return rc == DB_ROW || store_sql_error(cache, e, "read the kiosk's outbox");
}

/* ---- sending ---- */

/* The next waiting event, copied out of the cache (heap strings). */
typedef struct {
    int64_t row;       /* its outbox number = its seq in the cache */
    int64_t cache_seq; /* the event's seq in the cache now: < STORE_LOCAL_SEQ once the server's copy replaced
                          it */
    SentEvent ev;
    char *code; /* the person the payload names ("" when none) */
    char *buf[6];
} Waiting;

static const char NEXT_WAITING[] =
    "SELECT o.seq, coalesce(e.seq, 0), o.uuid, coalesce(e.kiosk, ''), coalesce(e.type, ''),"
    " coalesce(e.content_version, ''), coalesce(e.payload, '{}'), coalesce(e.time, 0),"
    " coalesce(json_extract(e.payload, '$.code'), '')"
    " FROM outbox o LEFT JOIN events e ON e.uuid = o.uuid WHERE o.seq > ?1 ORDER BY o.seq LIMIT 1";

static void waiting_free(Waiting *w)
{
    for (int i = 0; i < 6; i++)
        free(w->buf[i]);
}

static bool next_waiting(Store *cache, int64_t after, Waiting *w, bool *found, Err *e)
{
    DbStmt *st;
    *w = (Waiting){0};
    if (!store_stmt(cache, NEXT_WAITING, &st, e))
        return false;
    db_bind_int(st, 1, after);
    int rc = db_step(st);
    if ((*found = rc == DB_ROW)) {
        w->row = db_int64(st, 0);
        w->cache_seq = db_int64(st, 1);
        for (int i = 0; i < 5; i++)
            w->buf[i] = xstrdup(db_text(st, 2 + i));
        w->buf[5] = xstrdup(db_text(st, 8));
        w->ev = (SentEvent){w->buf[0], w->buf[1], w->buf[2], w->buf[3], w->buf[4], db_int64(st, 7)};
        w->code = w->buf[5];
    }
    db_reset(st);
    return rc == DB_ROW || rc == DB_DONE || store_sql_error(cache, e, "read the kiosk's outbox");
}

/* Runs one statement on the cache outside any other transaction (autocommit, fsync'd). */
static bool cache_run(Store *cache, const char *sql, int64_t row, const char *text, Err *e)
{
    DbStmt *st;
    if (!store_stmt(cache, sql, &st, e))
        return false;
    db_bind_int(st, 1, row);
    if (text)
        db_bind_text(st, 2, text);
    return db_run(st) || store_sql_error(cache, e, "update the kiosk's outbox");
}

static bool outbox_done(Store *cache, int64_t row, Err *e)
{
    return cache_run(cache, "DELETE FROM outbox WHERE seq = ?1", row, NULL, e);
}

/* What the server does with one event: copy its rows, or change a current row. */
typedef struct {
    Store *cache, *server;
    const Waiting *w;
    int64_t seq;   /* the event's seq on the server */
    char hash[65]; /* and its hash there */
} Apply;

/* A derived table written once per event: its columns, the one holding the event's seq (first),
 * and the one holding the event's hash (-1 = none). */
typedef struct {
    const char *table, *columns;
    int ncolumns, hash_col;
} RowTable;

static const RowTable LESSON_ROWS = {"lesson_reads", "seq, code, measure, lesson_id, version, time", 6, -1};
static const RowTable ATTEMPT_ROWS = {
    "attempts",
    "seq, code, kind, measure, seed, finished, score, total, pass_percent, passed, started, ended", 12, -1};
static const RowTable ANSWER_ROWS = {"answers", "attempt_seq, n, code, question_id, picked, correct, time", 7,
                                     -1};
static const RowTable PLEDGE_ROWS = {
    "pledges", "seq, code, role, version, text, text_sha256, name_signed, lang, time, strokes, hash", 11, 10};
static const RowTable DIAGNOSIS_ROWS = {"diagnoses", "seq, code, scope, content_version, answers, time", 6,
                                        -1};

static void insert_sql(const RowTable *t, char *buf, size_t size)
{
    int n = snprintf(buf, size, "INSERT INTO %s(%s) VALUES(", t->table, t->columns);
    for (int c = 1; c <= t->ncolumns; c++)
        n += snprintf(buf + n, size - (size_t)n, "%s?%d", c > 1 ? ", " : "", c);
    snprintf(buf + n, size - (size_t)n, ")");
}

/* Copies the rows of t whose first column is `from` in src to dst, with `to` there instead (and
 * the hash column, if any, set to hash). Values go as text: each database casts them back. */
static bool copy_rows(Store *src, Store *dst, const RowTable *t, int64_t from_lo, int64_t from_hi, int64_t to,
                      const char *hash, Err *e)
{
    char select[400], insert[400], first[32];
    snprintf(first, sizeof first, "%.*s", (int)strcspn(t->columns, ","), t->columns);
    snprintf(select, sizeof select, "SELECT %s FROM %s WHERE %s >= ?1 AND %s <= ?2 ORDER BY %s", t->columns,
             t->table, first, first, first);
    insert_sql(t, insert, sizeof insert);
    DbStmt *in = NULL, *out = NULL;
    bool ok = (db_prepare(store_conn(src), select, &in) || store_sql_error(src, e, "read the records")) &&
              (db_prepare(store_conn(dst), insert, &out) || store_sql_error(dst, e, "copy the records"));
    int rc = DB_DONE;
    if (ok) {
        db_bind_int(in, 1, from_lo);
        db_bind_int(in, 2, from_hi);
    }
    while (ok && (rc = db_step(in)) == DB_ROW) {
        for (int c = 0; c < t->ncolumns; c++)
            if (c == 0 && to)
                db_bind_int(out, 1, to);
            else if (c == t->hash_col && hash)
                db_bind_text(out, c + 1, hash);
            else if (db_is_null(in, c))
                db_bind_null(out, c + 1);
            else
                db_bind_text(out, c + 1, db_text(in, c));
        ok = db_run(out) || store_sql_error(dst, e, "copy the records");
    }
    if (ok && rc != DB_DONE)
        ok = store_sql_error(src, e, "read the records");
    db_finalize(in);
    db_finalize(out);
    return ok;
}

static bool send_rows(const Apply *a, const RowTable *t, Err *e)
{
    return copy_rows(a->cache, a->server, t, a->w->cache_seq, a->w->cache_seq, a->seq, a->hash, e);
}

static bool apply_lesson(const Apply *a, Err *e)
{
    return send_rows(a, &LESSON_ROWS, e);
}

static bool apply_attempt(const Apply *a, Err *e)
{
    return send_rows(a, &ATTEMPT_ROWS, e) && send_rows(a, &ANSWER_ROWS, e);
}

static bool apply_pledge(const Apply *a, Err *e)
{
    return send_rows(a, &PLEDGE_ROWS, e);
}

/* Fields of the payload, read by the cache's SQLite (json_extract), bound to the server's
 * statement as ?1..?n, then ?n+1 = the event's seq. */
static bool apply_payload(const Apply *a, const char *fields_sql, int nfields, const char *server_sql, Err *e)
{
    DbStmt *in, *out;
    if (!store_stmt(a->cache, fields_sql, &in, e) || !store_stmt(a->server, server_sql, &out, e))
        return false;
    db_bind_text(in, 1, a->w->ev.payload);
    if (db_step(in) != DB_ROW) {
        db_reset(in);
        return store_sql_error(a->cache, e, "read a waiting record");
    }
    for (int i = 0; i < nfields; i++)
        db_bind_text(out, i + 1, db_text(in, i));
    db_bind_int(out, nfields + 1, a->seq);
    bool ok = db_run(out) || store_sql_error(a->server, e, "apply the record");
    db_reset(in);
    return ok;
}

static bool apply_diagnosis(const Apply *a, Err *e)
{
    return send_rows(a, &DIAGNOSIS_ROWS, e) &&
           apply_payload(a, "SELECT json_extract(?1, '$.code'), json_extract(?1, '$.scope')", 2,
                         "DELETE FROM diagnosis_drafts WHERE code = ?1 AND scope = ?2 AND ?3 > 0", e);
}

static bool apply_prefs(const Apply *a, Err *e)
{
    return apply_payload(a,
                         "SELECT json_extract(?1, '$.code'), json_extract(?1, '$.lang'),"
                         " json_extract(?1, '$.large_text')",
                         3, "UPDATE employees SET lang = ?2, large_text = ?3, seq = ?4 WHERE code = ?1", e);
}

static bool apply_setting(const Apply *a, Err *e)
{
    return apply_payload(a, "SELECT json_extract(?1, '$.key'), json_extract(?1, '$.value')", 2,
                         "INSERT INTO settings(key, value, seq) VALUES(?1, ?2, ?3) ON CONFLICT(key)"
                         " DO UPDATE SET value = excluded.value, seq = excluded.seq",
                         e);
}

static bool apply_employee(const Apply *a, Err *e)
{
    return apply_payload(
        a,
        "SELECT json_extract(?1, '$.code'), json_extract(?1, '$.name'), json_extract(?1, '$.kana'),"
        " json_extract(?1, '$.department'), json_extract(?1, '$.role'), json_extract(?1, '$.lang'),"
        " json_extract(?1, '$.active'), json_extract(?1, '$.large_text'),"
        " coalesce(json_extract(?1, '$.department_kana'), '')",
        9,
        "INSERT INTO employees(code, name, kana, department, role, lang, active, large_text, department_kana,"
        " seq, added) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, (SELECT time FROM events WHERE seq = "
        "?10))"
        " ON CONFLICT(code) DO UPDATE SET name = excluded.name,"
        " kana = excluded.kana, department = excluded.department, role = excluded.role, lang = excluded.lang,"
        " active = excluded.active, large_text = excluded.large_text, department_kana = "
        "excluded.department_kana,"
        " seq = excluded.seq",
        e);
}

/* Each kind of event a kiosk records; `person`: the server refuses it for a person who is not
 * (or no longer) active in its roster. */
static const struct {
    const char *type;
    bool person;
    bool (*apply)(const Apply *a, Err *e);
} RULES[] = {
    {"lesson", true, apply_lesson},       {"attempt", true, apply_attempt}, {"pledge", true, apply_pledge},
    {"diagnosis", true, apply_diagnosis}, {"prefs", true, apply_prefs},     {"setting", false, apply_setting},
    {"employee", false, apply_employee},
};

static int rule_of(const char *type)
{
    for (size_t i = 0; i < sizeof RULES / sizeof *RULES; i++)
        if (strcmp(RULES[i].type, type) == 0)
            return (int)i;
    return -1;
}

/* Is the event already on the server? (Under the write transaction's lock.) */
static bool server_has(Store *server, const char *uuid, bool *has, Err *e)
{
    DbStmt *st;
    if (!store_stmt(server, "SELECT seq FROM events WHERE uuid = ?1", &st, e))
        return false;
    db_bind_text(st, 1, uuid);
    int rc = db_step(st);
    db_reset(st);
    *has = rc == DB_ROW;
    return rc == DB_ROW || rc == DB_DONE || store_sql_error(server, e, "read the server's records");
}

/* The server's rule for the event: "" when it may be recorded, else why not (in why). */
static bool server_rule(Store *server, const Waiting *w, int rule, char *why, size_t size, Err *e)
{
    why[0] = '\0';
    if (rule < 0) {
        snprintf(why, size, "kind %s: a record of this kind cannot be sent", w->ev.type);
        return true;
    }
    if (!RULES[rule].person)
        return true;
    Employee p;
    bool found;
    if (!store_find_employee(server, w->code, &p, &found, e))
        return false;
    if (!found || !p.active)
        snprintf(why, size, "%s %s: %s (%s of %s): the person is %s on the server",
                 found ? "inactive" : "unknown", w->code, w->ev.type, w->ev.uuid, w->ev.kiosk,
                 found ? "no longer active" : "not in the roster");
    return true;
}

/* A fault that means "try again later", not "the server says no". */
static bool transient(Store *server)
{
    DbFault f = db_fault(store_conn(server));
    return f == DBF_UNREACHABLE || f == DBF_CONNECTION || f == DBF_BUSY || f == DBF_AUTH ||
           f == DBF_NO_DATABASE || f == DBF_IO || f == DBF_NOMEM;
}

static bool refuse(Store *cache, const Waiting *w, const char *why, SendOutcome *out, Err *e)
{
    *out = SEND_REFUSED;
    return cache_run(cache, "UPDATE outbox SET refused = ?2 WHERE seq = ?1", w->row, why, e);
}

/* One event to the server in one transaction. On a refusal *refused holds why. */
static bool send_one(Store *cache, Store *server, const Waiting *w, SendOutcome *out, char *refused,
                     size_t size, Err *e)
{
    bool has = false;
    int rule = rule_of(w->ev.type);
    Apply a = {cache, server, w, 0, ""};
    refused[0] = '\0';
    if (!store_begin(server, e))
        return false;
    bool ok =
        server_has(server, w->ev.uuid, &has, e) && (has || server_rule(server, w, rule, refused, size, e));
    if (ok && !has && !refused[0])
        ok = store_append_sent(server, &w->ev, &a.seq, a.hash, e) && RULES[rule].apply(&a, e);
    if (ok && !refused[0] && store_commit(server, e)) {
        *out = has ? SEND_ALREADY : SEND_SENT;
        return true;
    }
    bool again = !refused[0] && transient(server); /* also a COMMIT lost with the connection */
    store_rollback(server);
    if (!again) { /* the server answered: no */
        if (!refused[0])
            snprintf(refused, size, "error: %.290s", e->msg);
        return true;
    }
    return false;
}

bool store_send_next(Store *cache, Store *server, int64_t *after, SendOutcome *out, Err *e)
{
    Waiting w;
    bool found;
    char refused[300];
    *out = SEND_NONE;
    if (!next_waiting(cache, *after, &w, &found, e))
        return false;
    if (!found)
        return true;
    bool ok;
    *after = w.row;
    if (w.cache_seq > 0 && w.cache_seq < STORE_LOCAL_SEQ) { /* the server's copy is in the cache already */
        *out = SEND_ALREADY;
        ok = outbox_done(cache, w.row, e);
    } else if (!(ok = send_one(cache, server, &w, out, refused, sizeof refused, e))) {
        *out = SEND_NONE;
    } else if (refused[0]) {
        ok = refuse(cache, &w, refused, out, e);
    } else {
        ok = outbox_done(cache, w.row, e);
    }
    waiting_free(&w);
    return ok;
}

bool store_ping(Store *server, Err *e)
{
    DbStmt *st;
    if (!store_stmt(server, "SELECT count(*) FROM meta WHERE key = 'app'", &st, e))
        return false;
    int rc = db_step(st);
    db_reset(st);
    return rc == DB_ROW || store_sql_error(server, e, "reach the server");
}

/* ---- the kiosks' reports ---- */

bool store_kiosk_report(Store *server, const char *kiosk, int64_t now, const OutboxCount *c, Err *e)
{
    DbStmt *st;
    char key[48], value[80];
    snprintf(key, sizeof key, "kiosk:%s", kiosk);
    snprintf(value, sizeof value, "%" PRId64 " %" PRId64 " %" PRId64, now, c->waiting, c->refused);
    if (!store_begin(server, e))
        return false;
    bool ok = store_stmt(server,
                         "INSERT INTO meta(key, value) VALUES(?1, ?2) ON CONFLICT(key)"
                         " DO UPDATE SET value = excluded.value",
                         &st, e);
    if (ok) {
        db_bind_text(st, 1, key);
        db_bind_text(st, 2, value);
        ok = (db_run(st) || store_sql_error(server, e, "report this kiosk's state")) &&
             store_commit(server, e);
    }
    if (!ok)
        store_rollback(server);
    return ok;
}

static int report_cmp(const void *x, const void *y)
{
    const KioskReport *a = x, *b = y;
    return (a->last_contact < b->last_contact) - (a->last_contact > b->last_contact);
}

bool store_kiosk_reports(Store *s, KioskReport **out, int *n, Err *e)
{
    DbStmt *st;
    KioskReport *rows = NULL;
    int count = 0, rc;
    *out = NULL, *n = 0;
    if (!store_stmt(s, "SELECT key, value FROM meta WHERE key LIKE 'kiosk:%' ORDER BY key", &st, e))
        return false;
    while ((rc = db_step(st)) == DB_ROW) {
        rows = xrealloc(rows, sizeof *rows * (size_t)(count + 1));
        KioskReport *r = &rows[count++];
        *r = (KioskReport){0};
        snprintf(r->kiosk, sizeof r->kiosk, "%s", db_text(st, 0) + 6);
        sscanf(db_text(st, 1), "%" SCNd64 " %" SCNd64 " %" SCNd64, &r->last_contact, &r->waiting,
               &r->refused);
    }
    db_reset(st);
    if (rc != DB_DONE) {
        free(rows);
        return store_sql_error(s, e, "read the kiosks' reports");
    }
    if (count)
        qsort(rows, (size_t)count, sizeof *rows, report_cmp);
    *out = rows, *n = count;
    return true;
}

/* ---- copying the server's record into the cache ---- */

/* Rows that are the current state of something (people, settings, the kiosks' reports): copied
 * whole each time, replacing the cache's. */
static const struct {
    const char *select, *upsert;
    int ncolumns;
} STATE[] = {
    {"SELECT code, name, kana, department, role, lang, active, large_text, seq, added, department_kana"
     " FROM employees",
     "INSERT INTO employees(code, name, kana, department, role, lang, active, large_text, seq, added,"
     " department_kana) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT(code) DO UPDATE SET"
     " name = excluded.name, kana = excluded.kana, department = excluded.department, role = excluded.role,"
     " lang = excluded.lang, active = excluded.active, large_text = excluded.large_text, seq = excluded.seq,"
     " added = excluded.added, department_kana = excluded.department_kana",
     11},
    {"SELECT key, value, seq FROM settings",
     "INSERT INTO settings(key, value, seq) VALUES(?1, ?2, ?3) ON CONFLICT(key)"
     " DO UPDATE SET value = excluded.value, seq = excluded.seq",
     3},
    {"SELECT key, value FROM meta WHERE key LIKE 'kiosk:%'",
     "INSERT INTO meta(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value", 2},
};

enum { NSTATE = sizeof STATE / sizeof *STATE };

static bool copy_state(Store *server, Store *cache, int i, Err *e)
{
    DbStmt *in, *out;
    if (!store_stmt(server, STATE[i].select, &in, e) || !store_stmt(cache, STATE[i].upsert, &out, e))
        return false;
    int rc;
    bool ok = true;
    while (ok && (rc = db_step(in)) == DB_ROW) {
        for (int c = 0; c < STATE[i].ncolumns; c++)
            db_bind_text(out, c + 1, db_text(in, c));
        ok = db_run(out) || store_sql_error(cache, e, "copy the roster and settings");
    }
    db_reset(in);
    return ok && (rc == DB_DONE || store_sql_error(server, e, "read the roster and settings"));
}

/* The cache's own copy of an event the server now holds goes, with its rows. */
static const char *const DROP_LOCAL[] = {
    "DELETE FROM answers WHERE attempt_seq = ?1", "DELETE FROM attempts WHERE seq = ?1",
    "DELETE FROM lesson_reads WHERE seq = ?1",    "DELETE FROM pledges WHERE seq = ?1",
    "DELETE FROM diagnoses WHERE seq = ?1",       "DELETE FROM outbox WHERE seq = ?1",
    "DELETE FROM events WHERE seq = ?1",
};

static bool drop_local(Store *cache, const char *uuid, Err *e)
{
    DbStmt *st;
    if (!store_stmt(cache, "SELECT seq FROM events WHERE uuid = ?1", &st, e))
        return false;
    db_bind_text(st, 1, uuid);
    int rc = db_step(st);
    int64_t seq = rc == DB_ROW ? db_int64(st, 0) : 0;
    db_reset(st);
    if (rc == DB_ERROR)
        return store_sql_error(cache, e, "read the kiosk's cache");
    for (size_t i = 0; seq && i < sizeof DROP_LOCAL / sizeof *DROP_LOCAL; i++)
        if (!cache_run(cache, DROP_LOCAL[i], seq, NULL, e))
            return false;
    return true;
}

static const char NEW_EVENTS[] =
    "SELECT seq, uuid, time, kiosk, type, content_version, payload, prev_hash, hash"
    " FROM events WHERE seq > ?1 ORDER BY seq";
static const char PUT_EVENT[] = "INSERT INTO events(seq, uuid, time, kiosk, type, content_version, payload,"
                                " prev_hash, hash) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

/* The server's events after head (at most limit; 0 = all) into the cache; *last gets the last. */
static bool copy_events(Store *server, Store *cache, int64_t head, int limit, int64_t *last, bool *more,
                        Err *e)
{
    DbStmt *in, *out;
    int rc, n = 0;
    bool ok = true;
    *last = head, *more = false;
    if (!store_stmt(server, NEW_EVENTS, &in, e) || !store_stmt(cache, PUT_EVENT, &out, e))
        return false;
    db_bind_int(in, 1, head);
    while (ok && (rc = db_step(in)) == DB_ROW) {
        if (limit && n++ == limit) {
            *more = true;
            break;
        }
        ok = drop_local(cache, db_text(in, 1), e);
        for (int c = 0; ok && c < 9; c++)
            db_bind_text(out, c + 1, db_text(in, c));
        ok = ok && (db_run(out) || store_sql_error(cache, e, "copy the server's records"));
        *last = db_int64(in, 0);
    }
    db_reset(in);
    return ok && (rc == DB_DONE || rc == DB_ROW || store_sql_error(server, e, "read the server's records"));
}

static bool cache_head(Store *cache, int64_t *head, Err *e)
{
    DbStmt *st;
    if (!store_stmt(cache, "SELECT coalesce(max(seq), 0) FROM events WHERE seq < ?1", &st, e))
        return false;
    db_bind_int(st, 1, STORE_LOCAL_SEQ);
    int rc = db_step(st);
    *head = rc == DB_ROW ? db_int64(st, 0) : 0;
    db_reset(st);
    return rc == DB_ROW || store_sql_error(cache, e, "read the kiosk's cache");
}

static const RowTable *const EVENT_ROWS[] = {&LESSON_ROWS, &ATTEMPT_ROWS, &ANSWER_ROWS, &PLEDGE_ROWS,
                                             &DIAGNOSIS_ROWS};

static bool mirror_tx(Store *server, Store *cache, int limit, bool *more, Err *e)
{
    int64_t head = 0, last = 0;
    bool ok = cache_head(cache, &head, e) && copy_events(server, cache, head, limit, &last, more, e);
    /* people and settings change only with an event: copied when events came (the kiosks'
     * reports, the last row of STATE, every time) */
    for (int i = last > head ? 0 : NSTATE - 1; ok && i < NSTATE; i++)
        ok = copy_state(server, cache, i, e);
    for (size_t i = 0; ok && last > head && i < sizeof EVENT_ROWS / sizeof *EVENT_ROWS; i++)
        ok = copy_rows(server, cache, EVENT_ROWS[i], head + 1, last, 0, NULL, e);
    return ok;
}

bool store_mirror(Store *server, Store *cache, int limit, bool *more, Err *e)
{
    *more = false;
    if (!store_read_begin(server, e))
        return false;
    if (!store_begin(cache, e)) {
        store_read_end(server);
        return false;
    }
    bool ok = mirror_tx(server, cache, limit, more, e) && store_commit(cache, e);
    if (!ok)
        store_rollback(cache);
    store_read_end(server);
    return ok;
}
