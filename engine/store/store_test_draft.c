/* store_test_draft.c — tests left half-done, kept so the same person can go on from where they
 * were (the `test_drafts` table, schema step 4 in store.c: one row per person and measure).
 *
 * What must stay true: a draft is not a record. It is no event, is never hashed, exported or
 * reported, and may be replaced or dropped at any time; the abandoned attempt itself is recorded
 * as before. The state column is the core's (quiz_draft), opaque here. Drafts live in the
 * database, so one survives a sign-out and a restart of the kiosk; how long it may be resumed is
 * the core's rule (QUIZ_RESUME_S), not the store's. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool store_save_test_draft(Store *s, const char *code, int measure, const char *state, int64_t now, Err *e)
{
    DbStmt *st;
    if (!store_stmt(s,
                    "INSERT INTO test_drafts(code, measure, state, time) VALUES(?1, ?2, ?3, ?4)"
                    " ON CONFLICT(code, measure) DO UPDATE SET state = excluded.state, time = excluded.time",
                    &st, e))
        return false;
    db_bind_text(st, 1, code);
    db_bind_int(st, 2, measure);
    db_bind_text(st, 3, state);
    db_bind_int(st, 4, now);
    int rc = db_step(st);
    db_reset(st);
    return rc == DB_DONE || store_sql_error(s, e, "keep the unfinished test");
}

/* measure, state, time of the current row into out; false when the state does not fit. */
static bool take_row(DbStmt *st, const char *code, TestDraft *out)
{
    const char *state = db_text(st, 1);
    bool fits = state && strlen(state) < sizeof out->state;
    out->measure = (int)db_int64(st, 0);
    out->saved = db_int64(st, 2);
    snprintf(out->code, sizeof out->code, "%s", code);
    snprintf(out->state, sizeof out->state, "%s", fits ? state : "");
    return fits;
}

bool store_test_draft(Store *s, const char *code, int measure, TestDraft *out, bool *found, Err *e)
{
    DbStmt *st;
    *found = false;
    *out = (TestDraft){0};
    if (!store_stmt(
            s,
            "SELECT measure, state, time FROM test_drafts WHERE code = ?1 AND (?2 = 0 OR measure = ?2)"
            " ORDER BY time DESC, measure LIMIT 1",
            &st, e))
        return false;
    db_bind_text(st, 1, code);
    db_bind_int(st, 2, measure);
    int rc = db_step(st);
    if (rc == DB_ROW)
        *found = take_row(st, code, out);
    db_reset(st);
    return rc == DB_ROW || rc == DB_DONE || store_sql_error(s, e, "read the unfinished test");
}

bool store_drop_test_draft(Store *s, const char *code, int measure, Err *e)
{
    DbStmt *st;
    if (!store_stmt(s, "DELETE FROM test_drafts WHERE code = ?1 AND measure = ?2", &st, e))
        return false;
    db_bind_text(st, 1, code);
    db_bind_int(st, 2, measure);
    int rc = db_step(st);
    db_reset(st);
    return rc == DB_DONE || store_sql_error(s, e, "drop the unfinished test");
}

bool store_test_drafts_before(Store *s, int64_t before, TestDraft **out, int *n, Err *e)
{
    DbStmt *st;
    *out = NULL, *n = 0;
    if (!store_stmt(
            s,
            "SELECT measure, state, time, code FROM test_drafts WHERE time < ?1 ORDER BY time, code, measure",
            &st, e))
        return false;
    db_bind_int(st, 1, before);
    int rc, cap = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        if (*n == cap)
            *out = xrealloc(*out, (size_t)(cap = cap ? cap * 2 : 4) * sizeof **out);
        const char *code = db_text(st, 3);
        *n += take_row(st, code ? code : "", &(*out)[*n]);
    }
    db_reset(st);
    if (rc == DB_DONE)
        return true;
    free(*out), *out = NULL, *n = 0;
    return store_sql_error(s, e, "read the unfinished tests");
}
