/* store_copy.c — the whole record from one store to another (SQLite → PostgreSQL to move a kiosk
 * to a server, PostgreSQL → SQLite for an archive): `mamori db copy`.
 *
 * What must stay true:
 *   - the source is verified first (the chain and every derived table): a broken record is not
 *     copied, so a copy never launders a tampered one;
 *   - the target must be empty (no event): a copy never merges into, or overwrites, a record;
 *   - every event keeps its seq, UUID, time, kiosk, type, content version, payload, previous
 *     hash and its own hash, byte for byte: the target's chain is the source's chain;
 *   - the derived tables (every table a record makes: TABLES) are written with the events in one
 *     transaction on the target, and the
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

/* Each table with its columns, in an order that satisfies the foreign keys. */
static const struct {
    const char *name, *columns, *order;
    int ncolumns;
} TABLES[] = {
    {"events", "seq, uuid, time, kiosk, type, content_version, payload, prev_hash, hash", "seq", 9},
    {"employees", "code, name, kana, department, role, lang, active, large_text, seq, added", "code", 10},
    {"diagnoses", "seq, code, scope, content_version, answers, time", "seq", 6},
    {"lesson_reads", "seq, code, measure, lesson_id, version, time", "seq", 6},
    {"attempts",
     "seq, code, kind, measure, seed, finished, score, total, pass_percent, passed, started, ended", "seq",
     12},
    {"answers", "attempt_seq, n, code, question_id, picked, correct, time", "attempt_seq, n", 7},
    {"settings", "key, value, seq", "key", 3},
    {"pledges", "seq, code, role, version, text, text_sha256, name_signed, lang, time, strokes, hash", "seq",
     11},
};
enum { NTABLES = sizeof TABLES / sizeof *TABLES, MAX_COLUMNS = 12 };

/* Copies every row of table i, as text (each database casts it back to the column's type). */
static bool copy_table(Store *from, Store *to, int i, int64_t *rows, Err *e)
{
    char select[400], insert[400], *p = insert;
    snprintf(select, sizeof select, "SELECT %s FROM %s ORDER BY %s", TABLES[i].columns, TABLES[i].name,
             TABLES[i].order);
    p += snprintf(p, sizeof insert, "INSERT INTO %s(%s) VALUES(", TABLES[i].name, TABLES[i].columns);
    for (int c = 1; c <= TABLES[i].ncolumns; c++)
        p += snprintf(p, sizeof insert - (size_t)(p - insert), "%s?%d", c > 1 ? ", " : "", c);
    snprintf(p, sizeof insert - (size_t)(p - insert), ")");
    DbStmt *src = NULL, *dst = NULL;
    bool ok = (db_prepare(store_conn(from), select, &src) || store_sql_error(from, e, "read the record")) &&
              (db_prepare(store_conn(to), insert, &dst) || store_sql_error(to, e, "write the copy"));
    int rc = DB_DONE;
    while (ok && (rc = db_step(src)) == DB_ROW) {
        for (int c = 0; c < TABLES[i].ncolumns; c++)
            db_bind_text(dst, c + 1, db_text(src, c));
        ok = db_run(dst) || store_sql_error(to, e, "write the copy");
        *rows += ok;
    }
    if (ok && rc != DB_DONE)
        ok = store_sql_error(from, e, "read the record");
    db_finalize(src);
    db_finalize(dst);
    return ok;
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
    for (int i = 0; i < NTABLES; i++)
        if (!copy_table(from, to, i, i == 0 ? &out->events : &out->rows, e))
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
