/* store_diagnosis.c — self-diagnoses in the records: the `diagnosis` event, its derived
 * `diagnoses` row (schema step 3 in store.c), the history, the drafts a kiosk resumes, and the
 * audit store_verify runs over them.
 *
 * What must stay true:
 *   - one diagnosis = one event + one row, in one transaction, which also drops the draft;
 *   - the event payload is a pure function of the row's fields (diag_payload), so verify checks
 *     a row by writing its payload again and comparing bytes;
 *   - a row's answers column is 25 letters, one per item: y(es) p(artly) n(o) u(nknown), '-' for
 *     an item outside the scope; the payload names only the items of the scope. */
#include "json.h"
#include "store_internal.h"

#include <stdio.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const char LETTERS[DIAG_ANSWERS + 1] = "ypnu";

static void release(DbStmt *st)
{
    db_reset(st);
}

static const char *col_text(DbStmt *st, int i)
{
    const char *t = db_text(st, i);
    return t ? t : "";
}

/* ---- the answers column ---- */

static void answers_encode(const DiagAnswer ans[DIAG_ITEMS], char out[DIAG_ITEMS + 1])
{
    for (int i = 0; i < DIAG_ITEMS; i++)
        out[i] = ans[i] >= 0 && ans[i] < DIAG_ANSWERS ? LETTERS[ans[i]] : '-';
    out[DIAG_ITEMS] = '\0';
}

static bool answers_decode(const char *s, DiagAnswer ans[DIAG_ITEMS])
{
    if (strlen(s) != DIAG_ITEMS)
        return false;
    for (int i = 0; i < DIAG_ITEMS; i++) {
        const char *at = s[i] ? strchr(LETTERS, s[i]) : NULL;
        if (!at && s[i] != '-')
            return false;
        ans[i] = at ? (DiagAnswer)(at - LETTERS) : DIAG_NONE;
    }
    return true;
}

/* ---- the event ---- */

/* The event payload: compact JSON, heap, caller frees. */
static char *diag_payload(const char *code, const char *scope, const char *version, const DiagAnswer ans[])
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        die("out of memory");
    Json j;
    json_init(&j, f, 0);
    json_object(&j);
    json_key(&j, "code"), json_string(&j, code);
    json_key(&j, "scope"), json_string(&j, scope);
    json_key(&j, "content_version"), json_string(&j, version);
    json_key(&j, "answers"), json_object(&j);
    for (int i = 0; i < DIAG_ITEMS; i++) {
        char key[12];
        snprintf(key, sizeof key, "%d", i + 1);
        if (diag_answer_key(ans[i]))
            json_key(&j, key), json_string(&j, diag_answer_key(ans[i]));
    }
    json_end(&j);
    json_end(&j);
    if (fclose(f) != 0 || !buf)
        die("out of memory");
    return buf;
}

static bool record_check(Store *s, const DiagRecord *d, Err *e)
{
    Employee who;
    bool found;
    if (!store_find_employee(s, d->code, &who, &found, e))
        return false;
    if (!found)
        return err_set(e, "no person with code '%s' in the roster", d->code);
    if (!who.active)
        return err_set(e, "person '%s' is no longer active", d->code);
    if (!d->content_version[0])
        return err_set(e, "a diagnosis needs the content version it was answered with");
    int asked = diag_scope_items(d->scope);
    for (int i = 0; i < DIAG_ITEMS; i++) {
        bool given = d->answers[i] >= 0 && d->answers[i] < DIAG_ANSWERS;
        if (i < asked && !given)
            return err_set(e, "item %d has no answer", i + 1);
        if (i >= asked && d->answers[i] != DIAG_NONE)
            return err_set(e, "item %d is not part of a %s diagnosis", i + 1, diag_scope_name(d->scope));
    }
    return true;
}

static bool insert_row(Store *s, const DiagRecord *d, int64_t seq, int64_t now, Err *e)
{
    DbStmt *st;
    char letters[DIAG_ITEMS + 1];
    if (!store_stmt(s,
                    "INSERT INTO diagnoses(seq, code, scope, content_version, answers, time)"
                    " VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
                    &st, e))
        return false;
    answers_encode(d->answers, letters);
    db_bind_int(st, 1, seq);
    db_bind_text(st, 2, d->code);
    db_bind_text(st, 3, diag_scope_name(d->scope));
    db_bind_text(st, 4, d->content_version);
    db_bind_text(st, 5, letters);
    db_bind_int(st, 6, now);
    int rc = db_step(st);
    release(st);
    return rc == DB_DONE || store_sql_error(s, e, "record the diagnosis");
}

static bool drop_draft(Store *s, const char *code, DiagScope scope, Err *e)
{
    DbStmt *st;
    if (!store_stmt(s, "DELETE FROM diagnosis_drafts WHERE code = ?1 AND scope = ?2", &st, e))
        return false;
    db_bind_text(st, 1, code);
    db_bind_text(st, 2, diag_scope_name(scope));
    int rc = db_step(st);
    release(st);
    return rc == DB_DONE || store_sql_error(s, e, "record the diagnosis");
}

bool store_record_diagnosis(Store *s, const DiagRecord *d, int64_t now, char hash_out[65], Err *e)
{
    if (!record_check(s, d, e))
        return false;
    char *payload = diag_payload(d->code, diag_scope_name(d->scope), d->content_version, d->answers);
    char hash[65];
    int64_t seq;
    bool ok = store_begin(s, e);
    if (ok) {
        ok = store_append_event(s, "diagnosis", payload, now, &seq, hash, e) &&
             insert_row(s, d, seq, now, e) && drop_draft(s, d->code, d->scope, e) && store_commit(s, e);
        if (!ok)
            store_rollback(s);
    }
    free(payload);
    if (ok && hash_out)
        memcpy(hash_out, hash, 65);
    return ok;
}

/* The diagnoses row again from the event (store_copy.c): its fields from the payload (the
 * answers as the row's letters, '-' for an item not in it), its time the event's. */
bool store_rebuild_diagnosis(Store *s, const RecordedEvent *ev, const JsonValue *p, Err *e)
{
    DiagRecord d = {0};
    const char *code, *scope, *version;
    const JsonValue *ans = json_get(p, "answers");
    bool ok = json_get_str(p, "code", &code) && json_get_str(p, "scope", &scope) &&
              json_get_str(p, "content_version", &version) && diag_scope_parse(scope, &d.scope) && ans &&
              ans->kind == JV_OBJECT && strlen(code) < sizeof d.code &&
              strlen(version) < sizeof d.content_version;
    for (int i = 0; i < DIAG_ITEMS; i++)
        d.answers[i] = DIAG_NONE;
    for (int i = 0; ok && i < ans->n; i++) {
        int item = atoi(ans->items[i].key);
        ok = item >= 1 && item <= DIAG_ITEMS && ans->items[i].kind == JV_STRING &&
             diag_answer_parse(NULL, ans->items[i].s, &d.answers[item - 1]) &&
             strcmp(diag_answer_key(d.answers[item - 1]), ans->items[i].s) == 0;
    }
    if (!ok)
        return err_set(e, "record %" PRId64 ": its diagnosis payload cannot be read", ev->seq);
    snprintf(d.code, sizeof d.code, "%s", code);
    snprintf(d.content_version, sizeof d.content_version, "%s", version);
    return insert_row(s, &d, ev->seq, ev->time, e);
}

/* ---- the history ---- */

static bool row_to_record(DbStmt *st, DiagRecord *d, Err *e)
{
    *d = (DiagRecord){.seq = db_int64(st, 0), .time = db_int64(st, 5)};
    snprintf(d->code, sizeof d->code, "%s", col_text(st, 1));
    snprintf(d->content_version, sizeof d->content_version, "%s", col_text(st, 3));
    if (!diag_scope_parse(col_text(st, 2), &d->scope) || !answers_decode(col_text(st, 4), d->answers))
        return err_set(e, "record %lld: the diagnosis row is damaged; run mamori verify", (long long)d->seq);
    return true;
}

bool store_list_diagnoses(Store *s, DiagScope scope, const char *code, DiagRecord **out, int *n, Err *e)
{
    DbStmt *st;
    *out = NULL, *n = 0;
    if (!store_stmt(s,
                    "SELECT seq, code, scope, content_version, answers, time FROM diagnoses"
                    " WHERE scope = ?1 AND (CAST(?2 AS TEXT) IS NULL OR code = ?2) ORDER BY seq",
                    &st, e))
        return false;
    db_bind_text(st, 1, diag_scope_name(scope));
    if (code)
        db_bind_text(st, 2, code);
    else
        db_bind_null(st, 2);
    int rc, cap = 0;
    bool ok = true;
    while (ok && (rc = db_step(st)) == DB_ROW) {
        if (*n == cap)
            *out = xrealloc(*out, (size_t)(cap = cap ? cap * 2 : 8) * sizeof **out);
        ok = row_to_record(st, &(*out)[*n], e);
        *n += ok;
    }
    release(st);
    ok = ok && (rc == DB_DONE || store_sql_error(s, e, "read the diagnoses"));
    if (!ok)
        free(*out), *out = NULL, *n = 0;
    return ok;
}

/* ---- drafts ---- */

bool store_diagnosis_draft(Store *s, const char *code, DiagScope scope, DiagAnswer out[DIAG_ITEMS],
                           bool *found, Err *e)
{
    DbStmt *st;
    *found = false;
    for (int i = 0; i < DIAG_ITEMS; i++)
        out[i] = DIAG_NONE;
    if (!store_stmt(s, "SELECT answers FROM diagnosis_drafts WHERE code = ?1 AND scope = ?2", &st, e))
        return false;
    db_bind_text(st, 1, code);
    db_bind_text(st, 2, diag_scope_name(scope));
    int rc = db_step(st);
    if (rc == DB_ROW)
        *found = answers_decode(col_text(st, 0), out);
    release(st);
    if (!*found)
        for (int i = 0; i < DIAG_ITEMS; i++)
            out[i] = DIAG_NONE;
    return rc == DB_ROW || rc == DB_DONE || store_sql_error(s, e, "read the unfinished diagnosis");
}

bool store_save_diagnosis_draft(Store *s, const char *code, DiagScope scope, const DiagAnswer ans[DIAG_ITEMS],
                                int64_t now, Err *e)
{
    DbStmt *st;
    char letters[DIAG_ITEMS + 1];
    if (!store_stmt(
            s,
            "INSERT INTO diagnosis_drafts(code, scope, answers, time) VALUES(?1, ?2, ?3, ?4)"
            " ON CONFLICT(code, scope) DO UPDATE SET answers = excluded.answers, time = excluded.time",
            &st, e))
        return false;
    answers_encode(ans, letters);
    db_bind_text(st, 1, code);
    db_bind_text(st, 2, diag_scope_name(scope));
    db_bind_text(st, 3, letters);
    db_bind_int(st, 4, now);
    int rc = db_step(st);
    release(st);
    return rc == DB_DONE || store_sql_error(s, e, "keep the unfinished diagnosis");
}

/* ---- verify ---- */

static const char AUDIT_EVENTS[] =
    "SELECT e.seq, e.payload, e.time, d.seq, d.code, d.scope, d.content_version, d.answers, d.time"
    " FROM events e LEFT JOIN diagnoses d ON d.seq = e.seq WHERE e.type = 'diagnosis' ORDER BY e.seq";
static const char AUDIT_ROWS[] =
    "SELECT seq FROM diagnoses WHERE seq NOT IN (SELECT seq FROM events WHERE type = 'diagnosis') LIMIT 1";

static bool audit_fail(VerifyResult *r, int64_t seq, const char *what)
{
    r->ok = false;
    r->bad_seq = seq;
    snprintf(r->what, sizeof r->what, "%s", what);
    return false;
}

/* Does the row (columns 3–8) say exactly what the event (columns 1–2) says? */
static bool row_matches(DbStmt *st)
{
    DiagAnswer ans[DIAG_ITEMS];
    if (db_is_null(st, 3) || !answers_decode(col_text(st, 7), ans))
        return false;
    char *payload = diag_payload(col_text(st, 4), col_text(st, 5), col_text(st, 6), ans);
    bool same = strcmp(payload, col_text(st, 1)) == 0 && db_int64(st, 2) == db_int64(st, 8);
    free(payload);
    return same;
}

bool store_audit_diagnoses(Store *s, VerifyResult *r, Err *e)
{
    DbStmt *st;
    if (!store_stmt(s, AUDIT_EVENTS, &st, e))
        return false;
    int rc = DB_DONE;
    while (r->ok && (rc = db_step(st)) == DB_ROW)
        if (!row_matches(st))
            audit_fail(r, db_int64(st, 0),
                       db_is_null(st, 3)
                           ? "this diagnosis is missing from the diagnoses table (deleted by hand)"
                           : "the diagnoses table no longer says what this record says");
    release(st);
    if (r->ok && rc != DB_DONE)
        return store_sql_error(s, e, "check the diagnoses");
    if (!r->ok || !store_stmt(s, AUDIT_ROWS, &st, e))
        return r->ok ? false : true;
    rc = db_step(st);
    if (rc == DB_ROW)
        audit_fail(r, db_int64(st, 0),
                   "a row in the diagnoses table has no record of its own (added by hand)");
    release(st);
    return rc == DB_ROW || rc == DB_DONE || store_sql_error(s, e, "check the diagnoses");
}
