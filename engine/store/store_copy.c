/* store_copy.c — the whole record from one store to another (SQLite → PostgreSQL to move a kiosk
 * to a server, PostgreSQL → SQLite for an archive): `mamori db copy`.
 *
 * What must stay true:
 *   - the source is verified first (the chain and every derived table): a broken record is not
 *     copied, so a copy never launders a tampered one;
 *   - the target must be empty (no event): a copy never merges into, or overwrites, a record;
 *   - every event keeps its seq, UUID, time, kiosk, type, content version, payload, previous
 *     hash and its own hash, byte for byte: the target's chain is the source's chain;
 *   - the derived tables (every table a record makes: DERIVED) are not copied but rebuilt on the
 *     target from the events' payloads alone (store_rebuild_rows: what recording each event
 *     wrote), event by event in order, in the one transaction that writes the events; the
 *     target is verified inside that transaction (chain, derived tables against their events,
 *     pledges against theirs) before it commits: a copy that does not verify leaves the target
 *     as empty as it was;
 *   - the copy is sealed as the source is (the same chain key, from the same record; a source
 *     made before keys is sealed from the record after its last), so a copy verifies only on a
 *     computer holding the source's key. */
#include "store_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char EVENT_COLUMNS[] = "seq, uuid, time, kiosk, type, content_version, payload, prev_hash, hash";
enum { EVENT_NCOLUMNS = 9, EV_SEQ = 0, EV_TIME = 2, EV_TYPE = 4, EV_PAYLOAD = 6, EV_HASH = 8 };

/* The tables a record makes besides its events (what the copy rebuilds). */
static const char *const DERIVED[] = {"employees", "diagnoses", "lesson_reads", "attempts",
                                      "answers",   "settings",  "pledges"};

/* The event st holds into the target as it is, then the rows it implies, from its payload. */
static bool copy_event(DbStmt *st, Store *to, DbStmt *put, Err *e)
{
    for (int c = 0; c < EVENT_NCOLUMNS; c++)
        db_bind_text(put, c + 1, db_text(st, c));
    if (!db_run(put))
        return store_sql_error(to, e, "write the copy");
    RecordedEvent ev = {db_int64(st, EV_SEQ), db_int64(st, EV_TIME), db_text(st, EV_TYPE),
                        db_text(st, EV_PAYLOAD), db_text(st, EV_HASH)};
    return store_rebuild_rows(to, &ev, e);
}

/* Every event, oldest first, with its seq, UUID, time, kiosk, type, content version, payload and
 * hashes as they are (as text: each database casts them back), and after each its derived rows. */
static bool copy_events(Store *from, Store *to, int64_t *events, Err *e)
{
    char select[200], insert[300];
    snprintf(select, sizeof select, "SELECT %s FROM events ORDER BY seq", EVENT_COLUMNS);
    snprintf(insert, sizeof insert, "INSERT INTO events(%s) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
             EVENT_COLUMNS);
    DbStmt *src = NULL, *dst = NULL;
    bool ok = (db_prepare(store_conn(from), select, &src) || store_sql_error(from, e, "read the record")) &&
              (db_prepare(store_conn(to), insert, &dst) || store_sql_error(to, e, "write the copy"));
    int rc = DB_DONE;
    while (ok && (rc = db_step(src)) == DB_ROW) {
        ok = copy_event(src, to, dst, e);
        *events += ok;
    }
    if (ok && rc != DB_DONE)
        ok = store_sql_error(from, e, "read the record");
    db_finalize(src);
    db_finalize(dst);
    return ok;
}

/* How many rows the derived tables of s hold. */
static bool count_rows(Store *s, int64_t *rows, Err *e)
{
    char sql[120];
    for (size_t i = 0; i < sizeof DERIVED / sizeof *DERIVED; i++) {
        DbStmt *st;
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", DERIVED[i]);
        if (!db_prepare(store_conn(s), sql, &st))
            return store_sql_error(s, e, "count the copy's rows");
        int rc = db_step(st);
        *rows += rc == DB_ROW ? db_int64(st, 0) : 0;
        db_finalize(st);
        if (rc != DB_ROW)
            return store_sql_error(s, e, "count the copy's rows");
    }
    return true;
}

static bool target_empty(Store *to, Err *e)
{
    DbStmt *st;
    if (!db_prepare(store_conn(to), "SELECT count(*) FROM events", &st))
        return store_sql_error(to, e, "read the target");
    int rc = db_step(st);
    int64_t n = rc == DB_ROW ? db_int64(st, 0) : 0;
    db_finalize(st);
    if (rc != DB_ROW)
        return store_sql_error(to, e, "read the target");
    return n == 0 || err_set(e,
                             "%s: already holds %" PRId64
                             " records; a copy goes only into an empty database (nothing was copied)",
                             db_target(store_conn(to)), n);
}

/* The chain and the derived tables; and the pledges (each row against its event). */
static bool check(Store *s, const char *which, VerifyResult *r, Err *e)
{
    PledgeRecord *rows;
    int n;
    if (!store_verify(s, r, e))
        return false;
    if (!r->ok)
        return err_set(e, "%s: %s record %" PRId64 ": %s (nothing was copied)", db_target(store_conn(s)),
                       which, r->bad_seq, r->what);
    if (!store_list_pledges(s, NULL, &rows, &n, e))
        return false;
    store_pledges_free(rows, n);
    return true;
}

static bool copy_all(Store *from, Store *to, StoreCopy *out, Err *e)
{
    if (!copy_events(from, to, &out->events, e) || !count_rows(to, &out->rows, e))
        return false;
    VerifyResult r;
    if (!store_copy_seal(from, to, out->events, e) || !check(to, "the copy does not verify at", &r, e))
        return false;
    store_set_pending_head(to, out->events, out->head); /* its witness, once committed */
    return true;
}

bool store_copy(Store *from, Store *to, StoreCopy *out, Err *e)
{
    VerifyResult r;
    *out = (StoreCopy){0};
    if (!check(from, "the source is broken at", &r, e) || !target_empty(to, e))
        return false;
    snprintf(out->head, sizeof out->head, "%s", r.head);
    if (!store_begin(to, e))
        return false;
    if (copy_all(from, to, out, e) && store_commit(to, e))
        return true;
    store_rollback(to);
    return false;
}
