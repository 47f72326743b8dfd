/* store_pledge.c — signed pledges in the records: the `pledge` event, its derived `pledges` row
 * (schema step 2 in store.c), a person's status, the list the certificate and the export
 * read, and one-star readiness.
 *
 * What must stay true:
 *   - one signing = one event + one row, in one transaction (store_begin/store_commit);
 *   - the event payload is a pure function of the row's fields (pledge_payload), so any row can
 *     be checked against the chain by writing its payload again and comparing bytes: a row is
 *     never handed out unless it matches its hash-chained event;
 *   - the text and the name are valid UTF-8 (json.h would otherwise rewrite bad bytes, and the
 *     row would no longer match its event). */
#include "json.h"
#include "store_internal.h"
#include "utf8.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* ---- statements (prepared once by the store, kept until it closes) ---- */

static bool prepare(Store *s, const char *sql, DbStmt **st, Err *e)
{
    return store_stmt(s, sql, st, e);
}

static void copy(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src);
}

/* ---- the event ---- */

typedef struct {
    const char *code, *kind, *text, *text_sha256, *name, *lang, *strokes;
    int version;
} PledgeFields;

/* The event payload: compact JSON, heap, caller frees. */
static char *pledge_payload(const PledgeFields *p)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        die("out of memory");
    Json j;
    json_init(&j, f, 0);
    json_object(&j);
    const char *keys[] = {"code", "kind", "text", "text_sha256", "name", "lang", "strokes"};
    const char *vals[] = {p->code, p->kind, p->text, p->text_sha256, p->name, p->lang, p->strokes};
    for (int i = 0; i < 7; i++) {
        json_key(&j, keys[i]);
        json_string(&j, vals[i]);
        if (i == 1) {
            json_key(&j, "version");
            json_int(&j, p->version);
        }
    }
    json_end(&j);
    if (fclose(f) != 0 || !buf)
        die("out of memory");
    return buf;
}

static bool check_utf8(const char *what, const char *v, size_t max, Err *e)
{
    if (!v || !v[0])
        return err_set(e, "a pledge needs %s", what);
    if (strlen(v) >= max)
        return err_set(e, "the pledge's %s is longer than %zu bytes", what, max - 1);
    if (utf8_invalid(v, strlen(v)) != strlen(v))
        return err_set(e, "the pledge's %s is not valid UTF-8", what);
    return true;
}

/* Everything that can be checked before the transaction. */
static bool sign_check(Store *s, const PledgeSigning *p, Err *e)
{
    Employee who;
    bool found;
    if (!p->code || !p->code[0])
        return err_set(e, "a pledge needs the person's code");
    if (!store_find_employee(s, p->code, &who, &found, e))
        return false;
    if (!found)
        return err_set(e, "no person with code '%s' in the roster", p->code);
    if (!who.active)
        return err_set(e, "person '%s' is no longer active", p->code);
    if ((p->kind == PLEDGE_PRESIDENT) != (who.role == ROLE_PRESIDENT))
        return err_set(e,
                       who.role == ROLE_PRESIDENT
                           ? "person '%s' is the president: they sign the company's pledge"
                           : "person '%s' is not the president: they sign the employee pledge",
                       p->code);
    if (p->version < 1)
        return err_set(e, "pledge version %d: versions start at 1", p->version);
    if ((unsigned)p->lang > LANG_EN)
        return err_set(e, "the pledge has an unknown language %d", (int)p->lang);
    if (!check_utf8("text", p->text, 1 << 16, e) || !check_utf8("name", p->name, 128, e))
        return false;
    if (!p->signature || !pledge_signature_ok(p->signature))
        return err_set(e, "the strokes are not a signature (too small or too short)");
    return true;
}

static bool insert_row(Store *s, const PledgeFields *f, int64_t seq, int64_t now, const char *hash, Err *e)
{
    DbStmt *st;
    if (!prepare(s,
                 "INSERT INTO pledges(seq, code, role, version, text, text_sha256, name_signed,"
                 " lang, time, strokes, hash) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                 &st, e))
        return false;
    const char *texts[] = {f->code, f->kind, NULL, f->text,    f->text_sha256,
                           f->name, f->lang, NULL, f->strokes, hash};
    db_bind_int(st, 1, seq);
    for (int i = 0; i < 10; i++)
        if (texts[i])
            db_bind_text(st, i + 2, texts[i]);
    db_bind_int(st, 4, f->version);
    db_bind_int(st, 9, now);
    int rc = db_step(st);
    db_reset(st);
    return rc == DB_DONE || store_sql_error(s, e, "record the pledge");
}

bool store_sign_pledge(Store *s, const PledgeSigning *p, char hash_out[65], Err *e)
{
    if (!sign_check(s, p, e))
        return false;
    char sha[65], hash[65];
    pledge_sha256(p->text, sha);
    char *strokes = pledge_encode(p->signature);
    PledgeFields f = {p->code, pledge_kind_name(p->kind), p->text, sha,
                      p->name, store_lang_name(p->lang),  strokes, p->version};
    char *payload = pledge_payload(&f);
    int64_t seq;
    bool ok = store_begin(s, e);
    if (ok) {
        ok = store_append_event(s, "pledge", payload, p->now, &seq, hash, e) &&
             insert_row(s, &f, seq, p->now, hash, e) && store_commit(s, e);
        if (!ok)
            store_rollback(s);
    }
    free(payload);
    free(strokes);
    if (ok && hash_out)
        memcpy(hash_out, hash, 65);
    return ok;
}

/* The pledges row again from the event (store_copy.c): its fields from the payload, its time
 * and hash the event's. */
bool store_rebuild_pledge(Store *s, const RecordedEvent *ev, const JsonValue *p, Err *e)
{
    PledgeFields f;
    int64_t version;
    if (!json_get_str(p, "code", &f.code) || !json_get_str(p, "kind", &f.kind) ||
        !json_get_str(p, "text", &f.text) || !json_get_str(p, "text_sha256", &f.text_sha256) ||
        !json_get_str(p, "name", &f.name) || !json_get_str(p, "lang", &f.lang) ||
        !json_get_str(p, "strokes", &f.strokes) || !json_get_int(p, "version", &version) || version < 0 ||
        version > INT32_MAX)
        return err_set(e, "record %" PRId64 ": its pledge payload cannot be read", ev->seq);
    f.version = (int)version;
    return insert_row(s, &f, ev->seq, ev->time, ev->hash, e);
}

/* ---- status ---- */

/* The signing whose seq, version, time and hash are columns first.. of st, unless NULL. */
static void status_from(DbStmt *st, int first, int current_version, PledgeStatus *out)
{
    if (db_is_null(st, first))
        return;
    out->seq = db_int64(st, first);
    out->version = db_int(st, first + 1);
    out->signed_at = db_int64(st, first + 2);
    copy(out->hash, sizeof out->hash, db_text(st, first + 3));
    pledge_record_code(out->hash, out->record_code);
    out->state = out->version >= current_version ? PLEDGE_SIGNED : PLEDGE_OLD_VERSION;
}

static PledgeKind kind_of(Role r)
{
    return r == ROLE_PRESIDENT ? PLEDGE_PRESIDENT : PLEDGE_EMPLOYEE;
}

/* The person's role and their latest signing of the pledge that role signs, in one question to
 * the database (a report asks it for every person). The kinds are pledge_kind_name's words. */
static const char STATUS_SQL[] =
    "SELECT e.role, p.seq, p.version, p.time, p.hash FROM employees e LEFT JOIN pledges p"
    " ON p.seq = (SELECT max(x.seq) FROM pledges x WHERE x.code = e.code"
    "  AND x.role = CASE WHEN e.role = 'president' THEN 'president' ELSE 'employee' END)"
    " WHERE e.code = ?1";

bool store_pledge_status(Store *s, const char *code, int current_version, PledgeStatus *out, Err *e)
{
    DbStmt *st;
    Role role = ROLE_EMPLOYEE;
    *out = (PledgeStatus){.state = PLEDGE_NONE, .kind = PLEDGE_EMPLOYEE};
    if (!prepare(s, STATUS_SQL, &st, e))
        return false;
    db_bind_text(st, 1, code);
    int rc = db_step(st);
    if (rc == DB_ROW && store_role_parse(db_text(st, 0), &role)) {
        out->kind = kind_of(role);
        status_from(st, 1, current_version, out);
    }
    db_reset(st);
    return rc == DB_ROW || rc == DB_DONE || store_sql_error(s, e, "read the pledges");
}

/* STATUS_SQL for everyone on the roster. */
static const char EACH_STATUS_SQL[] =
    "SELECT e.code, e.role, p.seq, p.version, p.time, p.hash FROM employees e LEFT JOIN pledges p"
    " ON p.seq = (SELECT max(x.seq) FROM pledges x WHERE x.code = e.code"
    "  AND x.role = CASE WHEN e.role = 'president' THEN 'president' ELSE 'employee' END)";

bool store_each_pledge_status(Store *s, int current_version, StoreEachPledge *fn, void *ctx, Err *e)
{
    DbStmt *st;
    int rc;
    if (!prepare(s, EACH_STATUS_SQL, &st, e))
        return false;
    while ((rc = db_step(st)) == DB_ROW) {
        PledgeStatus out = {.state = PLEDGE_NONE, .kind = PLEDGE_EMPLOYEE};
        Role role = ROLE_EMPLOYEE;
        if (store_role_parse(db_text(st, 1), &role)) {
            out.kind = kind_of(role);
            status_from(st, 2, current_version, &out);
        }
        fn(ctx, db_text(st, 0), &out);
    }
    db_reset(st);
    return rc == DB_DONE || store_sql_error(s, e, "read the pledges");
}

/* ---- the list, checked against the chain ---- */

enum {
    L_SEQ,
    L_CODE,
    L_ROLE,
    L_VERSION,
    L_TEXT,
    L_SHA,
    L_NAME,
    L_LANG,
    L_TIME,
    L_STROKES,
    L_HASH,
    L_EV_PAYLOAD,
    L_EV_HASH,
    L_EV_KIOSK,
    L_EV_TIME,
    L_EV_TYPE
};

static const char LIST_SQL[] =
    "SELECT p.seq, p.code, p.role, p.version, p.text, p.text_sha256, p.name_signed, p.lang,"
    " p.time, p.strokes, p.hash, e.payload, e.hash, e.kiosk, e.time, e.type"
    " FROM pledges p LEFT JOIN events e ON e.seq = p.seq"
    " WHERE CAST(?1 AS TEXT) IS NULL OR p.code = ?1 ORDER BY p.seq";

/* Does the row say exactly what its event says? */
static bool row_matches_event(DbStmt *st)
{
    const char *fields[L_HASH + 1];
    for (int i = L_CODE; i <= L_HASH; i++)
        fields[i] = db_text(st, i);
    PledgeFields f = {fields[L_CODE], fields[L_ROLE], fields[L_TEXT],    fields[L_SHA],
                      fields[L_NAME], fields[L_LANG], fields[L_STROKES], db_int(st, L_VERSION)};
    char *payload = pledge_payload(&f);
    bool same = strcmp(payload, db_text(st, L_EV_PAYLOAD)) == 0 &&
                strcmp(fields[L_HASH], db_text(st, L_EV_HASH)) == 0 &&
                strcmp(db_text(st, L_EV_TYPE), "pledge") == 0 &&
                db_int64(st, L_TIME) == db_int64(st, L_EV_TIME);
    free(payload);
    return same;
}

/* The row as a record, after every check; false with e naming the record otherwise. */
static bool row_to_record(DbStmt *st, PledgeRecord *r, Signature *scratch, Err *e)
{
    int64_t seq = db_int64(st, L_SEQ);
    char sha[65];
    Err why = {{0}};
    *r = (PledgeRecord){.seq = seq, .time = db_int64(st, L_TIME), .version = db_int(st, L_VERSION)};
    pledge_sha256(db_text(st, L_TEXT), sha);
    bool kind_ok = pledge_kind_parse(db_text(st, L_ROLE), &r->kind);
    bool lang_ok = store_lang_parse(db_text(st, L_LANG), &r->lang);
    if (!row_matches_event(st) || !kind_ok || !lang_ok || strcmp(sha, db_text(st, L_SHA)) != 0)
        return err_set(e,
                       "record %lld: the pledge does not match its record in the chain"
                       " (altered by hand?); run mamori verify",
                       (long long)seq);
    if (!pledge_decode(db_text(st, L_STROKES), scratch, &why))
        return err_set(e, "record %lld: %s", (long long)seq, why.msg);
    copy(r->code, sizeof r->code, db_text(st, L_CODE));
    copy(r->name, sizeof r->name, db_text(st, L_NAME));
    copy(r->text_sha256, sizeof r->text_sha256, sha);
    copy(r->kiosk, sizeof r->kiosk, db_text(st, L_EV_KIOSK));
    copy(r->hash, sizeof r->hash, db_text(st, L_HASH));
    pledge_record_code(r->hash, r->record_code);
    r->text = xstrdup(db_text(st, L_TEXT));
    r->strokes = xstrdup(db_text(st, L_STROKES));
    return true;
}

static bool list_rows(Store *s, DbStmt *st, PledgeRecord **rows, int *n, Err *e)
{
    Signature *scratch = xmalloc(sizeof *scratch);
    int cap = 0, rc;
    bool ok = true;
    while (ok && (rc = db_step(st)) == DB_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            *rows = xrealloc(*rows, (size_t)cap * sizeof **rows);
        }
        ok = row_to_record(st, &(*rows)[*n], scratch, e);
        *n += ok;
    }
    free(scratch);
    return ok && (rc == DB_DONE || store_sql_error(s, e, "read the pledges"));
}

bool store_list_pledges(Store *s, const char *code, PledgeRecord **out, int *n, Err *e)
{
    DbStmt *st;
    PledgeRecord *rows = NULL;
    int count = 0;
    *out = NULL, *n = 0;
    if (!prepare(s, LIST_SQL, &st, e))
        return false;
    if (code)
        db_bind_text(st, 1, code);
    bool ok = list_rows(s, st, &rows, &count, e);
    db_reset(st);
    if (!ok) {
        store_pledges_free(rows, count);
        return false;
    }
    *out = rows, *n = count;
    return true;
}

void store_pledges_free(PledgeRecord *rows, int n)
{
    for (int i = 0; i < n; i++) {
        free(rows[i].text);
        free(rows[i].strokes);
    }
    free(rows);
}

/* ---- verify: the pledges table against the pledge events, both ways ---- */

static const char AUDIT_ROWS_SQL[] =
    "SELECT p.seq, p.code, p.role, p.version, p.text, p.text_sha256, p.name_signed, p.lang,"
    " p.time, p.strokes, p.hash, e.payload, e.hash, e.kiosk, e.time, e.type"
    " FROM pledges p LEFT JOIN events e ON e.seq = p.seq ORDER BY p.seq";
static const char AUDIT_EVENTS_SQL[] = "SELECT e.seq FROM events e LEFT JOIN pledges p ON p.seq = e.seq"
                                       " WHERE e.type = 'pledge' AND p.seq IS NULL ORDER BY e.seq LIMIT 1";

static void audit_fail(VerifyResult *r, int64_t seq, const char *what)
{
    r->ok = false;
    r->bad_seq = seq;
    r->count = seq - 1; /* the chain held: the records before this one are as written */
    snprintf(r->what, sizeof r->what, "%s", what);
}

/* Each row says what its event says (and its text its SHA-256); no row lacks its event. */
static bool audit_rows(Store *s, VerifyResult *r, Err *e)
{
    DbStmt *st;
    if (!prepare(s, AUDIT_ROWS_SQL, &st, e))
        return false;
    int rc = DB_DONE;
    char sha[65];
    while (r->ok && (rc = db_step(st)) == DB_ROW) {
        pledge_sha256(db_text(st, L_TEXT), sha);
        if (db_is_null(st, L_EV_TYPE))
            audit_fail(r, db_int64(st, L_SEQ),
                       "a row in the pledges table has no record of its own (added by hand)");
        else if (!row_matches_event(st) || strcmp(sha, db_text(st, L_SHA)) != 0)
            audit_fail(r, db_int64(st, L_SEQ), "the pledges table no longer says what this record says");
    }
    db_reset(st);
    return !r->ok || rc == DB_DONE || store_sql_error(s, e, "check the pledges");
}

bool store_audit_pledges(Store *s, VerifyResult *r, Err *e)
{
    DbStmt *st;
    if (!audit_rows(s, r, e) || !r->ok)
        return !r->ok;
    if (!prepare(s, AUDIT_EVENTS_SQL, &st, e))
        return false;
    int rc = db_step(st);
    if (rc == DB_ROW)
        audit_fail(r, db_int64(st, 0),
                   "this signed pledge is missing from the pledges table (deleted by hand)");
    db_reset(st);
    return rc == DB_ROW || rc == DB_DONE || store_sql_error(s, e, "check the pledges");
}

/* ---- one-star readiness ---- */

/* One active person (code, role) whose latest signing of their pledge has version (0: none). */
static void readiness_add(PledgeReadiness *r, const char *code, Role role, int version, int current_version)
{
    bool ok = version > 0 && version >= current_version;
    r->people++;
    r->signed_people += ok;
    if (role == ROLE_PRESIDENT)
        r->president_signed = r->president_signed && ok;
    if (ok)
        return;
    r->missing = xrealloc(r->missing, sizeof *r->missing * (size_t)(r->nmissing + 1));
    copy(r->missing[r->nmissing++], sizeof *r->missing, code);
}

/* Every active person in roster order with the version of their latest signing of the pledge
 * their role signs: the whole roster in one question to the database. */
static const char READINESS_SQL[] =
    "SELECT e.code, e.role, coalesce(p.version, 0) FROM employees e LEFT JOIN pledges p"
    " ON p.seq = (SELECT max(x.seq) FROM pledges x WHERE x.code = e.code"
    "  AND x.role = CASE WHEN e.role = 'president' THEN 'president' ELSE 'employee' END)"
    " WHERE e.active = 1 ORDER BY " STORE_DEPARTMENT_ORDER("e.") ", e.kana, e.code";

bool store_pledge_readiness(Store *s, int current_version, PledgeReadiness *out, Err *e)
{
    DbStmt *st;
    int presidents = 0, rc;
    *out = (PledgeReadiness){.president_signed = true};
    if (!prepare(s, READINESS_SQL, &st, e))
        return false;
    while ((rc = db_step(st)) == DB_ROW) {
        Role role = ROLE_EMPLOYEE;
        store_role_parse(db_text(st, 1), &role);
        readiness_add(out, db_text(st, 0), role, db_int(st, 2), current_version);
        presidents += role == ROLE_PRESIDENT;
    }
    db_reset(st);
    if (rc != DB_DONE) {
        store_pledge_readiness_free(out);
        return store_sql_error(s, e, "read the pledges");
    }
    out->president_signed = out->president_signed && presidents > 0;
    out->ready = out->president_signed && out->nmissing == 0;
    return true;
}

void store_pledge_readiness_free(PledgeReadiness *r)
{
    free(r->missing);
    *r = (PledgeReadiness){0};
}
