/* store.c — the records store: SQLite, one hash-chained event per change, derived tables.
 *
 * What must stay true:
 *   - every change is an event row whose hash = SHA-256 over (prev_hash, seq, uuid, time, kiosk,
 *     type, content_version, payload), each field as text followed by one NUL byte; the first
 *     event's prev_hash is 64 '0'; seq counts 1, 2, 3... without gaps;
 *   - an event and the derived rows it implies are written in one transaction, or not at all;
 *   - a file we reject (not SQLite, not mamori's, a newer schema) is never written to: every
 *     check runs before the first write (journal_mode=WAL is the first write);
 *   - every SQLite error reaches the caller as plain English with the database path;
 *   - statements are prepared once at open; each call binds, steps and resets. */
#include "store.h"
#include "json.h"
#include "json_read.h"
#include "kana.h"

#include "chain_key.h"
#include "db.h"
#include "decimal.h"
#include "paths.h"
#include "private.h"
#include "store_internal.h"
#include "strmap.h"
#include "text_guard.h"
#include "witness.h"

#include <sodium.h>

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- schema ---- */

static const char SCHEMA_V1[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE events(seq INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
    "  time INTEGER NOT NULL, kiosk TEXT NOT NULL, type TEXT NOT NULL,"
    "  content_version TEXT NOT NULL, payload TEXT NOT NULL, prev_hash TEXT NOT NULL,"
    "  hash TEXT NOT NULL);"
    "CREATE TABLE employees(code TEXT PRIMARY KEY, name TEXT NOT NULL, kana TEXT NOT NULL,"
    "  department TEXT NOT NULL, role TEXT NOT NULL, lang TEXT NOT NULL,"
    "  active INTEGER NOT NULL, large_text INTEGER NOT NULL, seq INTEGER NOT NULL);"
    "CREATE INDEX employees_order ON employees(active, department, kana, code);"
    "CREATE TABLE lesson_reads(seq INTEGER PRIMARY KEY,"
    "  code TEXT NOT NULL REFERENCES employees(code), measure INTEGER NOT NULL,"
    "  lesson_id TEXT NOT NULL, version INTEGER NOT NULL, time INTEGER NOT NULL);"
    "CREATE INDEX lesson_reads_by_code ON lesson_reads(code);"
    "CREATE INDEX lesson_reads_by_measure ON lesson_reads(measure, code);"
    "CREATE TABLE attempts(seq INTEGER PRIMARY KEY,"
    "  code TEXT NOT NULL REFERENCES employees(code), kind TEXT NOT NULL,"
    "  measure INTEGER NOT NULL, seed TEXT NOT NULL, finished INTEGER NOT NULL,"
    "  score INTEGER NOT NULL, total INTEGER NOT NULL, pass_percent INTEGER NOT NULL,"
    "  passed INTEGER NOT NULL, started INTEGER NOT NULL, ended INTEGER NOT NULL);"
    "CREATE INDEX attempts_by_code ON attempts(code);"
    "CREATE INDEX attempts_by_measure ON attempts(measure, code);"
    "CREATE TABLE answers(attempt_seq INTEGER NOT NULL REFERENCES attempts(seq),"
    "  n INTEGER NOT NULL, code TEXT NOT NULL, question_id TEXT NOT NULL,"
    "  picked INTEGER NOT NULL, correct INTEGER NOT NULL, time INTEGER NOT NULL,"
    "  PRIMARY KEY(attempt_seq, n));"
    "CREATE INDEX answers_by_code ON answers(code, attempt_seq, n);"
    "CREATE INDEX answers_by_question ON answers(question_id);"
    "CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL, seq INTEGER NOT NULL);";

/* Signed pledges (store_pledge.c): one row per `pledge` event, with the exact text signed. */
static const char SCHEMA_V2_PLEDGES[] =
    "CREATE TABLE pledges(seq INTEGER PRIMARY KEY, code TEXT NOT NULL REFERENCES employees(code),"
    "  role TEXT NOT NULL, version INTEGER NOT NULL, text TEXT NOT NULL,"
    "  text_sha256 TEXT NOT NULL, name_signed TEXT NOT NULL, lang TEXT NOT NULL,"
    "  time INTEGER NOT NULL, strokes TEXT NOT NULL, hash TEXT NOT NULL);"
    "CREATE INDEX pledges_by_code ON pledges(code, seq);";

/* The same schema for PostgreSQL: 64-bit integers where SQLite's are, byte-order ("C") collation
 * where rows are sorted (so both stores list people in the same order), and the event table
 * protected by the server itself: a trigger refuses UPDATE, DELETE and TRUNCATE, so not even the
 * table's owner can rewrite history without first dropping the trigger as a superuser would. */
static const char PG_SCHEMA_V1[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE events(seq BIGINT PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
    "  time BIGINT NOT NULL, kiosk TEXT NOT NULL, type TEXT NOT NULL,"
    "  content_version TEXT NOT NULL, payload TEXT NOT NULL, prev_hash TEXT NOT NULL,"
    "  hash TEXT NOT NULL);"
    "CREATE FUNCTION mamori_events_append_only() RETURNS trigger LANGUAGE plpgsql AS"
    " 'BEGIN RAISE EXCEPTION USING ERRCODE = ''MA001'', MESSAGE = ''recorded events are never changed"
    " or deleted ('' || TG_OP || '' refused)''; END';"
    "CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events"
    "  FOR EACH ROW EXECUTE FUNCTION mamori_events_append_only();"
    "CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events"
    "  FOR EACH STATEMENT EXECUTE FUNCTION mamori_events_append_only();"
    "CREATE TABLE employees(code TEXT COLLATE \"C\" PRIMARY KEY, name TEXT NOT NULL,"
    "  kana TEXT COLLATE \"C\" NOT NULL, department TEXT COLLATE \"C\" NOT NULL, role TEXT NOT NULL,"
    "  lang TEXT NOT NULL, active INTEGER NOT NULL, large_text INTEGER NOT NULL, seq BIGINT NOT NULL);"
    "CREATE INDEX employees_order ON employees(active, department, kana, code);"
    "CREATE TABLE lesson_reads(seq BIGINT PRIMARY KEY,"
    "  code TEXT COLLATE \"C\" NOT NULL REFERENCES employees(code), measure INTEGER NOT NULL,"
    "  lesson_id TEXT NOT NULL, version INTEGER NOT NULL, time BIGINT NOT NULL);"
    "CREATE INDEX lesson_reads_by_code ON lesson_reads(code);"
    "CREATE INDEX lesson_reads_by_measure ON lesson_reads(measure, code);"
    "CREATE TABLE attempts(seq BIGINT PRIMARY KEY,"
    "  code TEXT COLLATE \"C\" NOT NULL REFERENCES employees(code), kind TEXT NOT NULL,"
    "  measure INTEGER NOT NULL, seed TEXT NOT NULL, finished INTEGER NOT NULL,"
    "  score INTEGER NOT NULL, total INTEGER NOT NULL, pass_percent INTEGER NOT NULL,"
    "  passed INTEGER NOT NULL, started BIGINT NOT NULL, ended BIGINT NOT NULL);"
    "CREATE INDEX attempts_by_code ON attempts(code);"
    "CREATE INDEX attempts_by_measure ON attempts(measure, code);"
    "CREATE TABLE answers(attempt_seq BIGINT NOT NULL REFERENCES attempts(seq),"
    "  n INTEGER NOT NULL, code TEXT COLLATE \"C\" NOT NULL, question_id TEXT COLLATE \"C\" NOT NULL,"
    "  picked BIGINT NOT NULL, correct INTEGER NOT NULL, time BIGINT NOT NULL,"
    "  PRIMARY KEY(attempt_seq, n));"
    "CREATE INDEX answers_by_code ON answers(code, attempt_seq, n);"
    "CREATE INDEX answers_by_question ON answers(question_id);"
    "CREATE TABLE settings(key TEXT COLLATE \"C\" PRIMARY KEY, value TEXT NOT NULL, seq BIGINT NOT NULL);";

static const char PG_SCHEMA_V2_PLEDGES[] =
    "CREATE TABLE pledges(seq BIGINT PRIMARY KEY,"
    "  code TEXT COLLATE \"C\" NOT NULL REFERENCES employees(code),"
    "  role TEXT NOT NULL, version INTEGER NOT NULL, text TEXT NOT NULL,"
    "  text_sha256 TEXT NOT NULL, name_signed TEXT NOT NULL, lang TEXT NOT NULL,"
    "  time BIGINT NOT NULL, strokes TEXT NOT NULL, hash TEXT NOT NULL);"
    "CREATE INDEX pledges_by_code ON pledges(code, seq);";

/* Self-diagnoses (store_diagnosis.c): one row per `diagnosis` event; drafts are not records. */
static const char SCHEMA_V3_DIAGNOSES[] =
    "CREATE TABLE diagnoses(seq INTEGER PRIMARY KEY, code TEXT NOT NULL REFERENCES employees(code),"
    "  scope TEXT NOT NULL, content_version TEXT NOT NULL, answers TEXT NOT NULL, time INTEGER NOT NULL);"
    "CREATE INDEX diagnoses_by_scope ON diagnoses(scope, code, seq);"
    "CREATE TABLE diagnosis_drafts(code TEXT NOT NULL, scope TEXT NOT NULL, answers TEXT NOT NULL,"
    "  time INTEGER NOT NULL, PRIMARY KEY(code, scope));";

static const char PG_SCHEMA_V3_DIAGNOSES[] =
    "CREATE TABLE diagnoses(seq BIGINT PRIMARY KEY,"
    "  code TEXT COLLATE \"C\" NOT NULL REFERENCES employees(code),"
    "  scope TEXT NOT NULL, content_version TEXT NOT NULL, answers TEXT NOT NULL, time BIGINT NOT NULL);"
    "CREATE INDEX diagnoses_by_scope ON diagnoses(scope, code, seq);"
    "CREATE TABLE diagnosis_drafts(code TEXT COLLATE \"C\" NOT NULL, scope TEXT NOT NULL,"
    "  answers TEXT NOT NULL, time BIGINT NOT NULL, PRIMARY KEY(code, scope));";

/* Tests left half-done (store_test_draft.c): drafts, not records. */
static const char SCHEMA_V4_TEST_DRAFTS[] =
    "CREATE TABLE test_drafts(code TEXT NOT NULL, measure INTEGER NOT NULL, state TEXT NOT NULL,"
    "  time INTEGER NOT NULL, PRIMARY KEY(code, measure));";

static const char PG_SCHEMA_V4_TEST_DRAFTS[] =
    "CREATE TABLE test_drafts(code TEXT COLLATE \"C\" NOT NULL, measure INTEGER NOT NULL,"
    "  state TEXT NOT NULL, time BIGINT NOT NULL, PRIMARY KEY(code, measure));";

/* When each person was added to the roster (the time of their first employee event): the start
 * of the deadlines that count from joining (deadline.h). Filled in from the records. */
static const char SCHEMA_V5_ADDED[] =
    "ALTER TABLE employees ADD COLUMN added INTEGER NOT NULL DEFAULT 0;"
    "UPDATE employees SET added = coalesce((SELECT min(time) FROM events WHERE type = 'employee'"
    "  AND json_extract(payload, '$.code') = employees.code), 0);";

static const char PG_SCHEMA_V5_ADDED[] =
    "ALTER TABLE employees ADD COLUMN added BIGINT NOT NULL DEFAULT 0;"
    "UPDATE employees SET added = coalesce((SELECT min(time) FROM events WHERE type = 'employee'"
    "  AND payload::json->>'code' = employees.code), 0);";

/* The events of one kind, in order, without reading the whole log: verify's audits compare each
 * derived table with the events of its kind (a few thousand settings, people or pledges among a
 * million test results), and reports find them the same way. */
static const char SCHEMA_V6_EVENTS_BY_TYPE[] = "CREATE INDEX events_by_type ON events(type, seq);";

/* Each department's reading (store.h), on its people's rows as in their employee events; older
 * records have none ('': such a department sorts after those with one, by its name). The index
 * finds a department's people when its reading is taken or given. */
static const char SCHEMA_V7_DEPARTMENT_KANA[] =
    "ALTER TABLE employees ADD COLUMN department_kana TEXT NOT NULL DEFAULT '';"
    "CREATE INDEX employees_by_department ON employees(department, department_kana);";

static const char PG_SCHEMA_V7_DEPARTMENT_KANA[] =
    "ALTER TABLE employees ADD COLUMN department_kana TEXT COLLATE \"C\" NOT NULL DEFAULT '';"
    "CREATE INDEX employees_by_department ON employees(department, department_kana);";

/* Answers by person, holding what is read of them: everyone's progress (the dashboard, the
 * reports) reads all answers in this order, and each row's question id, mark and time come from
 * the index itself instead of a look-up in the table per row (3.7 million on a big record). The
 * index on question ids helped no query (item statistics read answers by attempt) but cost
 * every test result a write. A big record's index is rebuilt once, when it is opened. */
static const char SCHEMA_V8_INDEXES[] =
    "DROP INDEX IF EXISTS answers_by_question;"
    "DROP INDEX answers_by_code;"
    "CREATE INDEX answers_by_code ON answers(code, attempt_seq, n, question_id, correct, time);"
    /* a department's newest reading in one step (ST_DEPT_KANA), not a walk through its people:
     * a roster import asks it for each person, so without it the import grew with the square of
     * a department's size */
    "CREATE INDEX employees_by_reading ON employees(department, seq) WHERE department_kana <> '';";

/* Schema 9 changes no table: from it on a record may hold keyed BLAKE2b records, which an older
 * mamori would take for altered ones; the version keeps it from opening the record. (One already
 * running may still append HMAC-SHA-256 records: they verify, see the seal.) */
static const char SCHEMA_V9_BLAKE2B[] = "UPDATE meta SET value = 'mamori' WHERE key = 'app';";

/* Step i migrates a database at schema version i to i+1, in each dialect. Only ever append. */
static const struct {
    const char *sqlite, *postgres;
} MIGRATIONS[] = {{SCHEMA_V1, PG_SCHEMA_V1},
                  {SCHEMA_V2_PLEDGES, PG_SCHEMA_V2_PLEDGES},
                  {SCHEMA_V3_DIAGNOSES, PG_SCHEMA_V3_DIAGNOSES},
                  {SCHEMA_V4_TEST_DRAFTS, PG_SCHEMA_V4_TEST_DRAFTS},
                  {SCHEMA_V5_ADDED, PG_SCHEMA_V5_ADDED},
                  {SCHEMA_V6_EVENTS_BY_TYPE, SCHEMA_V6_EVENTS_BY_TYPE},
                  {SCHEMA_V7_DEPARTMENT_KANA, PG_SCHEMA_V7_DEPARTMENT_KANA},
                  {SCHEMA_V8_INDEXES, SCHEMA_V8_INDEXES},
                  {SCHEMA_V9_BLAKE2B, SCHEMA_V9_BLAKE2B}};
enum { SCHEMA_VERSION = sizeof MIGRATIONS / sizeof *MIGRATIONS };
/* The oldest schema a reader (store_open_readonly) reads as it is: schema 8 changed only indexes,
 * so a read-only copy made at 7 (an archive, a CD) still verifies and reports. */
enum { SCHEMA_READABLE = 7 };

#define ZERO_HASH_INIT "0000000000000000000000000000000000000000000000000000000000000000"
static const char ZERO_HASH[] = ZERO_HASH_INIT;

/* ---- prepared statements ---- */

typedef enum {
    ST_LAST_EVENT,
    ST_ADD_EVENT,
    ST_EVENTS,
    ST_FIND_EMPLOYEE,
    ST_PUT_EMPLOYEE,
    ST_LIST_EMPLOYEES,
    ST_SET_PREFS,
    ST_ADD_LESSON,
    ST_ADD_ATTEMPT,
    ST_ADD_ANSWER,
    ST_MEASURE_ROWS,
    ST_ANSWER_LOG,
    ST_GET_SETTING,
    ST_PUT_SETTING,
    ST_ACTIVITY,
    ST_DEPT_KANA,
    ST_DEPT_OTHERS,
    ST_COUNT
} StmtId;

#define EMPLOYEE_COLUMNS                                                                                     \
    "code, name, kana, department, role, lang, active, large_text, added, department_kana"

static const char *const SQL[ST_COUNT] = {
    [ST_LAST_EVENT] = "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1",
    [ST_ADD_EVENT] = "INSERT INTO events(seq, uuid, time, kiosk, type, content_version, payload,"
                     " prev_hash, hash) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [ST_EVENTS] = "SELECT seq, uuid, time, kiosk, type, content_version, payload, prev_hash, hash"
                  " FROM events ORDER BY seq",
    [ST_FIND_EMPLOYEE] = "SELECT " EMPLOYEE_COLUMNS " FROM employees WHERE code = ?1",
    [ST_PUT_EMPLOYEE] = "INSERT INTO employees(" EMPLOYEE_COLUMNS
                        ", seq) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?11, ?10, ?9)"
                        " ON CONFLICT(code) DO UPDATE SET name = excluded.name, kana = excluded.kana,"
                        " department = excluded.department, role = excluded.role, lang = excluded.lang,"
                        " active = excluded.active, large_text = excluded.large_text,"
                        " department_kana = excluded.department_kana, seq = excluded.seq",
    [ST_LIST_EMPLOYEES] = "SELECT " EMPLOYEE_COLUMNS " FROM employees WHERE ?1 = 1 OR active = 1"
                          " ORDER BY active DESC, " STORE_DEPARTMENT_ORDER("") ", kana, code",
    [ST_SET_PREFS] = "UPDATE employees SET lang = ?2, large_text = ?3, seq = ?4 WHERE code = ?1",
    [ST_ADD_LESSON] = "INSERT INTO lesson_reads(seq, code, measure, lesson_id, version, time)"
                      " VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
    [ST_ADD_ATTEMPT] = "INSERT INTO attempts(seq, code, kind, measure, seed, finished, score, total,"
                       " pass_percent, passed, started, ended)"
                       " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    [ST_ADD_ANSWER] = "INSERT INTO answers(attempt_seq, n, code, question_id, picked, correct, time)"
                      " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    /* a person's lesson readings (0) then finished tests (1), each oldest first: one question
     * to the database for store_measure_status */
    [ST_MEASURE_ROWS] = "SELECT 0, seq, measure, time, version, 0, 0 FROM lesson_reads WHERE code = ?1"
                        " UNION ALL SELECT 1, seq, measure, score, total, passed, ended FROM attempts"
                        " WHERE code = ?1 AND kind = 'test' AND finished = 1 ORDER BY 1, 2",
    [ST_ANSWER_LOG] = "SELECT question_id, correct, time FROM answers WHERE code = ?1"
                      " ORDER BY attempt_seq, n",
    [ST_GET_SETTING] = "SELECT value FROM settings WHERE key = ?1",
    [ST_ACTIVITY] =
        "SELECT coalesce((SELECT max(ended) FROM attempts WHERE code = ?1 AND kind = 'followup'"
        " AND finished = 1), 0), coalesce((SELECT max(t) FROM (SELECT ended AS t FROM attempts"
        " WHERE code = ?1 UNION ALL SELECT time FROM lesson_reads WHERE code = ?1) AS activity), 0)",
    /* the reading a department has (its newest: employees_by_reading), and its people who have
     * another (two ranges of employees_by_department, so those who have it are not walked) */
    [ST_DEPT_KANA] = "SELECT department_kana FROM employees WHERE department = ?1 AND department_kana <> ''"
                     " ORDER BY seq DESC LIMIT 1",
    [ST_DEPT_OTHERS] = "SELECT " EMPLOYEE_COLUMNS " FROM employees WHERE department = ?1"
                       " AND (department_kana < ?2 OR department_kana > ?2) AND code <> ?3 ORDER BY code",
    [ST_PUT_SETTING] = "INSERT INTO settings(key, value, seq) VALUES(?1, ?2, ?3)"
                       " ON CONFLICT(key) DO UPDATE SET value = excluded.value, seq = excluded.seq",
};

enum { STORE_EXT_STATEMENTS = 48 };

struct Store {
    Db *db;
    char *path;                  /* heap: the file or the URI, for messages */
    char kiosk[37];              /* this kiosk's UUID */
    const char *content_version; /* borrowed; "" until set */
    DbStmt *st[ST_COUNT];
    struct {
        const char *sql;         /* borrowed: the key */
        DbStmt *st;              /* owned */
    } ext[STORE_EXT_STATEMENTS]; /* extension modules' statements (store_stmt) */
    int next;
    bool in_tx;
    bool readonly;       /* store_open_readonly: never writes */
    bool fresh;          /* the database was empty when opened: made now */
    ChainKey key;        /* this machine's chain key (a writer always has one) */
    char witness[4200];  /* the witness file's path; "" when there is none to keep */
    char first[65];      /* the first record's hash, once known ("" before) */
    int64_t pending_seq; /* the head appended in the open transaction (0: none) */
    char pending_hash[65];
    unsigned char random[1024]; /* the open transaction's random bytes for event ids (event_uuid) */
    int nrandom;                /* how many of them are left (from the start) */
    char anchor[65];            /* store_set_anchor: a head printed earlier ("" none) */
    int64_t anchor_count;
    const atomic_bool *stop; /* store_set_stop: a walk over the records ends when set; NULL none */
    bool cache;              /* a kiosk's local cache of a server (store_sync.c): own events numbered from
                                STORE_LOCAL_SEQ, each noted in the outbox in the same transaction */
    bool bulk, bulk_failed;  /* store_bulk_begin: every verb joins one transaction */
};

/* ---- errors in plain English ---- */

void store_copy_text(char *dst, size_t size, const char *src)
{
    size_t n = strlen(src);
    if (n >= size)
        n = size - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

bool store_sql_error(Store *s, Err *e, const char *doing)
{
    char reason[400];
    db_fault_reason(db_fault(s->db), db_errmsg(s->db), reason, sizeof reason);
    return err_set(e, "%s: could not %s: %s", s->path, doing, reason);
}

/* Runs a statement through store_sql_error on failure. */
static bool run(Store *s, StmtId id, const char *doing, Err *e)
{
    return db_run(s->st[id]) || store_sql_error(s, e, doing);
}

/* ---- names ---- */

static const char *const ROLE_NAMES[] = {"employee", "manager", "president"};
static const char *const LANG_NAMES[] = {"ja", "en"};

const char *store_role_name(Role r)
{
    return (unsigned)r < 3 ? ROLE_NAMES[r] : "employee";
}

bool store_role_parse(const char *s, Role *r)
{
    for (int i = 0; i < 3; i++)
        if (strcmp(s, ROLE_NAMES[i]) == 0)
            return *r = (Role)i, true;
    return false;
}

const char *store_lang_name(Lang l)
{
    return (unsigned)l < 2 ? LANG_NAMES[l] : "ja";
}

bool store_lang_parse(const char *s, Lang *l)
{
    for (int i = 0; i < 2; i++)
        if (strcmp(s, LANG_NAMES[i]) == 0)
            return *l = (Lang)i, true;
    return false;
}

/* ---- hashing and ids ---- */

typedef struct {
    int64_t seq, time;
    const char *uuid, *kiosk, *type, *content_version, *payload, *prev_hash;
} EventRow;

/* The event's hash in its form (the seal and hash_matches say which): each field as text, with its
 * NUL. */
static void event_hash(const EventRow *ev, const ChainKey *key, ChainForm form, char out[65])
{
    char seq[DECIMAL_SIZE], time[DECIMAL_SIZE];
    decimal_i64(seq, ev->seq);
    decimal_i64(time, ev->time);
    const char *fields[] = {ev->prev_hash,       seq,        ev->uuid, time, ev->kiosk, ev->type,
                            ev->content_version, ev->payload};
    chain_hash(key, form, fields, sizeof fields / sizeof *fields, out);
}

/* A version 4 UUID (8-4-4-4-12 lowercase hex digits) from 16 random bytes. */
static void uuid_v4_from(unsigned char b[16], char out[37])
{
    static const char HEX[] = "0123456789abcdef";
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *out++ = '-';
        *out++ = HEX[b[i] >> 4];
        *out++ = HEX[b[i] & 15];
    }
    *out = '\0';
}

static void uuid_v4(char out[37])
{
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    uuid_v4_from(b, out);
}

/* ---- payloads ---- */

typedef struct {
    JsonBuf own; /* its buf (heap) becomes the payload */
    JsonBuf *b;  /* own, or a buffer kept from one payload to the next (payload_begin_in) */
    Json j;
} Payload;

/* A payload written into keep (emptied first), whose buffer verify keeps from one payload to the
 * next as it rebuilds a million; NULL: into a heap string of its own. */
static Json *payload_begin_in(Payload *p, JsonBuf *keep)
{
    *p = (Payload){0};
    p->b = keep ? keep : &p->own;
    p->b->len = 0;
    json_init_buf(&p->j, p->b, 0);
    json_object(&p->j);
    return &p->j;
}

static Json *payload_begin(Payload *p)
{
    return payload_begin_in(p, NULL);
}

/* Closes the object; returns the string: the heap string the caller frees, or keep's buffer. */
static char *payload_end(Payload *p)
{
    json_end(&p->j);
    return p->b->buf;
}

static void kv_str(Json *j, const char *k, const char *v)
{
    json_key(j, k);
    json_string(j, v);
}

static void kv_int(Json *j, const char *k, int64_t v)
{
    json_key(j, k);
    json_int(j, v);
}

static void kv_bool(Json *j, const char *k, bool v)
{
    json_key(j, k);
    json_bool(j, v);
}

/* ---- transactions and the chain ---- */

/* A verb inside a bulk joins its transaction, unless that is already lost: after a verb failed
 * (all of it is undone at store_bulk_end), or when SQLite undid it by itself (a full disk, an I/O
 * error): then a write here would be committed on its own, outside the bulk. */
static bool bulk_join(Store *s, Err *e)
{
    if (s->bulk_failed)
        return err_set(e, "%s: a write in the bulk failed before: nothing more is written", s->path);
    if (!db_in_tx(s->db)) {
        s->bulk_failed = true;
        return err_set(e,
                       "%s: the bulk's transaction was undone by the database (a full disk or a disk"
                       " error): nothing was written",
                       s->path);
    }
    s->in_tx = true;
    return true;
}

bool store_begin(Store *s, Err *e)
{
    if (s->in_tx)
        die("store: a transaction is already open (a store verb called inside store_begin?)");
    if (s->readonly)
        return err_set(e, "%s: was opened only to read; nothing was written", s->path);
    if (s->bulk) /* the bulk's own transaction is open; its head is witnessed at its end */
        return bulk_join(s, e);
    s->pending_seq = 0;
    s->nrandom = 0;
    if (!db_begin(s->db, DB_TX_WRITE))
        return store_sql_error(s, e, "start writing");
    s->in_tx = true;
    return true;
}

static void witness_update(Store *s);

bool store_commit(Store *s, Err *e)
{
    if (s->bulk) {
        s->in_tx = false;
        return db_in_tx(s->db) || !(s->bulk_failed = true) ||
               err_set(e, "%s: the bulk's transaction was undone by the database: nothing was written",
                       s->path);
    }
    if (!db_commit(s->db))
        return store_sql_error(s, e, "save the change");
    s->in_tx = false;
    witness_update(s);
    return true;
}

bool store_read_begin(Store *s, Err *e)
{
    if (s->in_tx)
        die("store: a transaction is already open");
    return db_begin(s->db, DB_TX_READ) || store_sql_error(s, e, "start reading");
}

void store_read_end(Store *s)
{
    if (db_in_tx(s->db))
        db_commit(s->db);
}

void store_rollback(Store *s)
{
    if (s->bulk) { /* the whole bulk is undone at store_bulk_end */
        s->bulk_failed = true;
        s->in_tx = false;
        return;
    }
    if (s->db)
        db_rollback(s->db);
    s->in_tx = false;
    s->pending_seq = 0;
}

bool store_bulk_begin(Store *s, Err *e)
{
    if (!store_begin(s, e))
        return false;
    s->in_tx = false;
    s->bulk = true, s->bulk_failed = false;
    return true;
}

bool store_bulk_end(Store *s, Err *e)
{
    if (!s->bulk)
        die("store_bulk_end without store_bulk_begin");
    s->bulk = false;
    s->in_tx = true;
    if (!s->bulk_failed && store_commit(s, e))
        return true;
    store_rollback(s);
    return s->bulk_failed ? err_set(e, "%s: a write in the bulk failed: nothing was written", s->path)
                          : false;
}

bool store_stmt(Store *s, const char *sql, DbStmt **out, Err *e)
{
    for (int i = 0; i < s->next; i++)
        if (s->ext[i].sql == sql) {
            *out = s->ext[i].st;
            return true;
        }
    if (s->next == STORE_EXT_STATEMENTS)
        die("store_stmt: more than %d extension statements", STORE_EXT_STATEMENTS);
    if (!db_prepare(s->db, sql, out))
        return store_sql_error(s, e, "prepare a statement");
    s->ext[s->next].sql = sql;
    s->ext[s->next++].st = *out;
    return true;
}

Db *store_conn(Store *s)
{
    return s->db;
}

/* The seq and hash the next event follows: after an append in the open transaction, that one (no
 * other writer can append meanwhile: db.h), else read. A cache also copies the server's events
 * (store_sync.c), so it always reads. */
static bool chain_head(Store *s, int64_t *seq, char hash[65], Err *e)
{
    if (s->pending_seq && !s->cache) {
        *seq = s->pending_seq;
        memcpy(hash, s->pending_hash, 65);
        return true;
    }
    DbStmt *st = s->st[ST_LAST_EVENT];
    int rc = db_step(st);
    *seq = 0;
    snprintf(hash, 65, "%s", ZERO_HASH);
    if (rc == DB_ROW) {
        *seq = db_int64(st, 0);
        snprintf(hash, 65, "%s", db_text(st, 1));
    }
    db_reset(st);
    return rc == DB_ROW || rc == DB_DONE || store_sql_error(s, e, "read the records");
}

bool store_head(Store *s, StoreHead *h, Err *e)
{
    DbStmt *st;
    h->mirrored = 0;
    if (!chain_head(s, &h->seq, h->hash, e))
        return false;
    if (!s->cache)
        return true;
    if (!store_stmt(s, "SELECT coalesce(max(seq), 0) FROM events WHERE seq < ?1", &st, e))
        return false;
    db_bind_int(st, 1, STORE_LOCAL_SEQ);
    int rc = db_step(st);
    if (rc == DB_ROW)
        h->mirrored = db_int64(st, 0);
    db_reset(st);
    return rc == DB_ROW || store_sql_error(s, e, "read the records");
}

bool store_head_same(const StoreHead *a, const StoreHead *b)
{
    return a->seq == b->seq && a->mirrored == b->mirrored && strcmp(a->hash, b->hash) == 0;
}

static bool insert_event(Store *s, const EventRow *ev, const char *hash, Err *e)
{
    DbStmt *st = s->st[ST_ADD_EVENT];
    db_bind_int(st, 1, ev->seq);
    db_bind_text(st, 2, ev->uuid);
    db_bind_int(st, 3, ev->time);
    db_bind_text(st, 4, ev->kiosk);
    db_bind_text(st, 5, ev->type);
    db_bind_text(st, 6, ev->content_version);
    db_bind_text(st, 7, ev->payload);
    db_bind_text(st, 8, ev->prev_hash);
    db_bind_text(st, 9, hash);
    return run(s, ST_ADD_EVENT, "add the record", e);
}

/* The one append path: ev's seq and prev_hash are set here from the chain's head (in a cache,
 * never below STORE_LOCAL_SEQ), then its hash; a cache notes the event in its outbox. */
static bool append_row(Store *s, EventRow *ev, int64_t *seq_out, char hash_out[65], Err *e)
{
    if (!s->in_tx)
        die("store_append_event outside store_begin/store_commit");
    char prev[65], hash[65];
    int64_t last;
    if (!chain_head(s, &last, prev, e))
        return false;
    ev->seq = s->cache && last + 1 < STORE_LOCAL_SEQ ? STORE_LOCAL_SEQ : last + 1;
    ev->prev_hash = prev;
    if (!s->key.present)
        die("store_append_event: a writer without its chain key");
    event_hash(ev, &s->key, CHAIN_BLAKE2B, hash); /* what this version writes */
    if (!insert_event(s, ev, hash, e) || (s->cache && !store_outbox_note(s, ev->seq, ev->uuid, e)))
        return false;
    s->pending_seq = ev->seq;
    memcpy(s->pending_hash, hash, 65);
    if (seq_out)
        *seq_out = ev->seq;
    if (hash_out)
        memcpy(hash_out, hash, 65);
    return true;
}

/* A new event's id: random bytes drawn 1 KiB at a time, one system call per 64 events rather than
 * one per event (a roster import of 200,000 people), and never before the transaction began. */
static void event_uuid(Store *s, char out[37])
{
    if (s->nrandom < 16) {
        randombytes_buf(s->random, sizeof s->random);
        s->nrandom = (int)sizeof s->random;
    }
    s->nrandom -= 16;
    uuid_v4_from(s->random + s->nrandom, out);
}

bool store_append_event(Store *s, const char *type, const char *payload_json, int64_t now, int64_t *seq_out,
                        char hash_out[65], Err *e)
{
    char uuid[37];
    event_uuid(s, uuid);
    EventRow ev = {.time = now,
                   .uuid = uuid,
                   .kiosk = s->kiosk,
                   .type = type,
                   .content_version = s->content_version,
                   .payload = payload_json};
    return append_row(s, &ev, seq_out, hash_out, e);
}

bool store_append_sent(Store *s, const SentEvent *in, int64_t *seq_out, char hash_out[65], Err *e)
{
    EventRow ev = {.time = in->time,
                   .uuid = in->uuid,
                   .kiosk = in->kiosk,
                   .type = in->type,
                   .content_version = in->content_version,
                   .payload = in->payload};
    return append_row(s, &ev, seq_out, hash_out, e);
}

/* Appends an event with a payload from payload_end, and frees the payload. */
static bool append_owned(Store *s, const char *type, char *payload, int64_t now, int64_t *seq, Err *e)
{
    bool ok = store_append_event(s, type, payload, now, seq, NULL, e);
    free(payload);
    return ok;
}

/* One user action = one transaction: fn writes the event and its derived rows. */
typedef bool (*Action)(Store *s, const void *arg, Err *e);

static bool store_write(Store *s, Action fn, const void *arg, Err *e)
{
    if (!store_begin(s, e))
        return false;
    if (fn(s, arg, e) && store_commit(s, e))
        return true;
    store_rollback(s);
    return false;
}

/* ---- the seal: from which record on the chain is keyed ----
 *
 * meta 'chain_keyed' = "K KEYID MAC": records K, K+1, ... are keyed under the key KEYID names;
 * records before K (made by a mamori before keys) are plain SHA-256, as they were made.
 * MAC = HMAC under that key of "mamori chain keyed from" and K, so moving K (to pass keyed
 * records off as plain ones) needs the key too. A keyed record's hash is keyed BLAKE2b, or
 * HMAC-SHA-256 when an older mamori wrote it (before BLAKE2b, or still running beside a newer
 * one on a shared server): both need the key, so either is accepted. A writer seals the record
 * at open, once its last record checks: a new record from 1, an older one from its next record. */

static const char SEAL_TEXT[] = "mamori chain keyed from";

static bool exec(Store *s, const char *sql, const char *doing, Err *e);

typedef struct {
    bool found;
    int64_t from;
    char key_id[17];
    char mac[65];
} Seal;

static void seal_mac(const ChainKey *k, int64_t from, char mac[65])
{
    char n[24];
    snprintf(n, sizeof n, "%" PRId64, from);
    const char *fields[] = {SEAL_TEXT, n};
    chain_key_mac(k, fields, 2, mac);
}

static bool seal_read(Store *s, Seal *out, Err *e)
{
    DbStmt *st;
    *out = (Seal){0};
    if (!store_stmt(s, "SELECT value FROM meta WHERE key = 'chain_keyed'", &st, e))
        return false;
    int rc = db_step(st);
    if (rc == DB_ROW) {
        long long from = 0;
        out->found = true;
        if (sscanf(db_text(st, 0), "%lld %16s %64s", &from, out->key_id, out->mac) != 3 || from < 1)
            from = 0, out->key_id[0] = out->mac[0] = '\0';
        out->from = from;
    }
    db_reset(st);
    return rc == DB_ROW || rc == DB_DONE || store_sql_error(s, e, "read the records");
}

/* Is the seal's MAC right under this machine's key? (False without the key.) */
static bool seal_valid(const Store *s, const Seal *seal)
{
    char mac[65];
    if (!s->key.present || seal->from < 1 || strcmp(seal->key_id, s->key.id) != 0)
        return false;
    seal_mac(&s->key, seal->from, mac);
    return sodium_memcmp(mac, seal->mac, 64) == 0;
}

static bool seal_write(Store *s, int64_t from, Err *e)
{
    char sql[240], mac[65];
    seal_mac(&s->key, from, mac);
    snprintf(sql, sizeof sql,
             "INSERT INTO meta(key, value) VALUES('chain_keyed', '%" PRId64 " %s %s')"
             " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
             from, s->key.id, mac);
    return exec(s, sql, "seal the record with this computer's key", e);
}

/* A writer's check of the seal, before the records are checked by it: made with this machine's
 * key, and not altered. No seal is no finding (a record made before keys, or a new one). */
static bool seal_check(Store *s, const Seal *seal, Err *e)
{
    if (!seal->found)
        return true;
    if (seal->from >= 1 && strcmp(seal->key_id, s->key.id) != 0)
        return err_set(
            e,
            "%s: its records are sealed with the chain key %s, and this computer's key (%s) is %s:"
            " copy the chain.key of the kiosk that made the record here (or point MAMORI_KEY at it);"
            " nothing was written",
            s->path, seal->key_id, s->key.path, s->key.id);
    return seal_valid(s, seal) ||
           err_set(e, "%s: is damaged: its chain seal was altered (run mamori verify); nothing was written",
                   s->path);
}

/* In a write transaction, after the records were checked as they stand: a record without a seal
 * is sealed from its next record on. */
static bool seal_make(Store *s, Err *e)
{
    Seal seal;
    int64_t last;
    char head[65];
    if (!seal_read(s, &seal, e))
        return false;
    return seal.found || (chain_head(s, &last, head, e) && seal_write(s, last + 1, e));
}

static bool open_seal(Store *s, Err *e)
{
    if (!db_begin(s->db, DB_TX_WRITE))
        return store_sql_error(s, e, "open the database");
    bool ok = seal_make(s, e) && (db_commit(s->db) || store_sql_error(s, e, "open the database"));
    if (!ok)
        db_rollback(s->db);
    return ok;
}

bool store_copy_seal(Store *from, Store *to, int64_t events, Err *e)
{
    Seal seal;
    if (!seal_read(from, &seal, e))
        return false;
    if (!seal.found) /* plain records only: the copy is keyed from the next one */
        return seal_write(to, events + 1, e);
    if (!seal_valid(to, &seal))
        return err_set(e, "%s: the source is sealed with the chain key %s, not this computer's (%s)",
                       db_target(to->db), seal.key_id, to->key.id);
    return seal_write(to, seal.from, e);
}

/* ---- the witness: the head kept outside the database ---- */

static bool event_hash_at(Store *s, int64_t seq, char hash[65], bool *found, Err *e)
{
    DbStmt *st;
    *found = false;
    hash[0] = '\0';
    if (!store_stmt(s, "SELECT hash FROM events WHERE seq = ?1", &st, e))
        return false;
    db_bind_int(st, 1, seq);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        *found = true;
        snprintf(hash, 65, "%s", db_text(st, 0));
    }
    db_reset(st);
    return rc == DB_ROW || rc == DB_DONE || store_sql_error(s, e, "read the records");
}

void store_set_pending_head(Store *s, int64_t seq, const char *hash)
{
    s->pending_seq = seq;
    snprintf(s->pending_hash, sizeof s->pending_hash, "%s", hash);
}

/* After a commit: the head it made, into the witness (best effort: the commit stands). */
static void witness_update(Store *s)
{
    bool found;
    Err ignored;
    if (!s->pending_seq || !s->witness[0])
        return;
    if (!s->first[0] && (!event_hash_at(s, 1, s->first, &found, &ignored) || !found))
        return;
    Witness w = {.count = s->pending_seq};
    snprintf(w.first, sizeof w.first, "%s", s->first);
    snprintf(w.head, sizeof w.head, "%s", s->pending_hash);
    witness_write(s->witness, &w);
    s->pending_seq = 0;
}

/* ---- opening ---- */

static bool not_mamori(Store *s, Err *e)
{
    return err_set(e, "%s: is not a mamori database (it holds other tables)", s->path);
}

/* One integer from a query run once (at open only). */
static bool query_int(Store *s, const char *sql, int64_t *out, Err *e)
{
    DbStmt *st;
    if (!db_prepare(s->db, sql, &st))
        return store_sql_error(s, e, "open the database");
    int rc = db_step(st);
    *out = rc == DB_ROW ? db_int64(st, 0) : 0;
    db_finalize(st);
    return rc == DB_ROW || rc == DB_DONE || store_sql_error(s, e, "open the database");
}

/* Reads, never writes: is this an empty database, or ours at a version we know? */
static bool open_check_schema(Store *s, Err *e)
{
    DbSchema sc;
    int64_t is_ours = 0;
    if (!db_inspect(s->db, &sc))
        return store_sql_error(s, e, "open the database");
    if (sc.tables == 0 && sc.version == 0)
        return s->fresh = true;
    if (!sc.has_meta || sc.version == 0)
        return not_mamori(s, e);
    if (!query_int(s, "SELECT count(*) FROM meta WHERE key = 'app' AND value = 'mamori'", &is_ours, e))
        return false;
    if (!is_ours)
        return not_mamori(s, e);
    if (sc.version > SCHEMA_VERSION)
        return err_set(e,
                       "%s: was made by a newer version of mamori (schema %" PRId64
                       ", this program knows %d); use that version",
                       s->path, sc.version, SCHEMA_VERSION);
    return true;
}

static bool exec(Store *s, const char *sql, const char *doing, Err *e)
{
    return db_exec(s->db, sql) || store_sql_error(s, e, doing);
}

static bool migrate_steps(Store *s, int64_t from, Err *e)
{
    bool pg = db_kind(s->db) == DB_POSTGRES;
    for (int64_t v = from; v < SCHEMA_VERSION; v++)
        if (!exec(s, pg ? MIGRATIONS[v].postgres : MIGRATIONS[v].sqlite,
                  "update the database to this version of mamori", e))
            return false;
    if (from == 0) {
        char sql[160], kiosk[37];
        uuid_v4(kiosk);
        snprintf(sql, sizeof sql,
                 "INSERT INTO meta(key, value) VALUES('app', 'mamori'),"
                 " ('kiosk_id', '%s')",
                 kiosk);
        if (!exec(s, sql, "create the database", e))
            return false;
    }
    return db_set_version(s->db, SCHEMA_VERSION) ||
           store_sql_error(s, e, "update the database to this version of mamori");
}

/* Brings the schema to SCHEMA_VERSION in one write transaction. The version is read again
 * under the write lock: another process (or kiosk) may have created or migrated it meanwhile. */
static bool open_migrate(Store *s, Err *e)
{
    DbSchema sc;
    if (!db_begin(s->db, DB_TX_WRITE))
        return store_sql_error(s, e, "open the database");
    bool ok = (db_inspect(s->db, &sc) || store_sql_error(s, e, "open the database")) &&
              (sc.version >= SCHEMA_VERSION || migrate_steps(s, sc.version, e)) &&
              (db_commit(s->db) || store_sql_error(s, e, "open the database"));
    if (!ok)
        db_rollback(s->db);
    return ok;
}

/* A kiosk's id: in the SQLite file it writes to, or (on a shared server, where every kiosk
 * writes to the same database) in the file kiosk-id beside the default database path, made
 * once per machine. */
static bool kiosk_from_meta(Store *s, Err *e)
{
    DbStmt *st;
    if (!db_prepare(s->db, "SELECT value FROM meta WHERE key = 'kiosk_id'", &st))
        return store_sql_error(s, e, "open the database");
    int rc = db_step(st);
    if (rc == DB_ROW)
        snprintf(s->kiosk, sizeof s->kiosk, "%s", db_text(st, 0));
    db_finalize(st);
    if (rc == DB_DONE)
        return err_set(e, "%s: is damaged: it has no kiosk id", s->path);
    return rc == DB_ROW || store_sql_error(s, e, "open the database");
}

/* Reads the id from f and closes it. */
static bool kiosk_read(Store *s, FILE *f, const char *path, Err *e)
{
    bool ok = fscanf(f, "%36s", s->kiosk) == 1 && strlen(s->kiosk) == 36;
    fclose(f);
    return ok || err_set(e, "%s: does not hold this kiosk's id (delete it to make a new one)", path);
}

/* Writes a new id to path, unless another process made the file first (theirs is kept). */
static bool kiosk_file_make(const char *path, Err *e)
{
    char tmp[4200], id[37];
    uuid_v4(id);
    snprintf(tmp, sizeof tmp, "%s.%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, PRIVATE_FILE_MODE);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (fd >= 0 && !f)
        close(fd);
    bool ok = f && fprintf(f, "%s\n", id) > 0 && fflush(f) == 0 && fsync(fileno(f)) == 0;
    int err = errno;
    if (f && fclose(f) != 0)
        ok = false;
    if (ok && link(tmp, path) != 0 && errno != EEXIST)
        ok = false, err = errno;
    unlink(tmp);
    return ok || err_set(e, "%s: cannot write this kiosk's id: %s", path, strerror(err));
}

static bool kiosk_from_file(Store *s, Err *e)
{
    char path[4096];
    if (!paths_default_db(path, sizeof path - 16, e))
        return false;
    char *slash = strrchr(path, '/');
    snprintf(slash ? slash + 1 : path, 16, "kiosk-id");
    FILE *f = fopen(path, "r");
    if (!f && !kiosk_file_make(path, e))
        return false;
    if (!f && !(f = fopen(path, "r")))
        return err_set(e, "%s: cannot read this kiosk's id: %s", path, strerror(errno));
    return kiosk_read(s, f, path, e);
}

static bool open_load_kiosk(Store *s, Err *e)
{
    return db_kind(s->db) == DB_POSTGRES ? kiosk_from_file(s, e) : kiosk_from_meta(s, e);
}

static bool open_prepare(Store *s, Err *e)
{
    for (int i = 0; i < ST_COUNT; i++)
        if (!db_prepare(s->db, SQL[i], &s->st[i]))
            return db_fault(s->db) == DBF_SCHEMA
                       ? err_set(e, "%s: is damaged: its tables are not what mamori expects (%s)", s->path,
                                 db_errmsg(s->db))
                       : store_sql_error(s, e, "open the database");
    return true;
}

/* ---- the writer's check at open: is this the record as it was left? ----
 * Fast enough for every start (a few indexed reads, whatever the size of the record; `make
 * bench` measures it): the last record recomputes under its form and follows the one before
 * it, and the witness agrees. A record that fails is not written to. */

static const char LAST_EVENT_ROW[] =
    "SELECT seq, uuid, time, kiosk, type, content_version, payload, prev_hash, hash"
    " FROM events ORDER BY seq DESC LIMIT 1";
static const char FIRST_EVENT_ROW[] =
    "SELECT seq, uuid, time, kiosk, type, content_version, payload, prev_hash, hash"
    " FROM events ORDER BY seq LIMIT 1";

static void event_from_row(DbStmt *st, EventRow *ev);

/* Is the event keyed (from the seal's record on), or plain SHA-256 (made before keys)? */
static bool keyed_at(const Seal *seal, int64_t seq)
{
    return seal->found && seal->from >= 1 && seq >= seal->from;
}

/* Does the event's stored hash match it? A keyed one in either keyed form (see the seal), tried
 * in *form first (the form of the record before it, kept in *form when the other matches). */
static bool hash_matches(const EventRow *ev, const ChainKey *key, bool keyed, const char *stored,
                         ChainForm *form)
{
    char hash[65];
    if (!keyed) {
        event_hash(ev, key, CHAIN_PLAIN, hash);
        return strcmp(hash, stored) == 0;
    }
    ChainForm first = *form == CHAIN_HMAC_SHA256 ? CHAIN_HMAC_SHA256 : CHAIN_BLAKE2B; /* BLAKE2b at first */
    ChainForm other = first == CHAIN_BLAKE2B ? CHAIN_HMAC_SHA256 : CHAIN_BLAKE2B;
    event_hash(ev, key, first, hash);
    *form = first;
    if (strcmp(hash, stored) == 0)
        return true;
    event_hash(ev, key, other, hash);
    if (strcmp(hash, stored) != 0)
        return false;
    *form = other;
    return true;
}

static bool damaged(Store *s, int64_t seq, const char *what, Err *e)
{
    return err_set(
        e, "%s: is damaged or altered at record %" PRId64 ": %s; nothing was written (run mamori verify)",
        s->path, seq, what);
}

/* The last record against its hash and the one before it; *last and head get it. */
static bool check_tail(Store *s, const Seal *seal, int64_t *last, char head[65], Err *e)
{
    DbStmt *st;
    EventRow ev;
    char prev[65] = "";
    bool found = true, matches = false;
    ChainForm form = CHAIN_BLAKE2B;
    *last = 0, head[0] = '\0';
    if (!store_stmt(s, LAST_EVENT_ROW, &st, e))
        return false;
    int rc = db_step(st);
    if (rc == DB_ROW) {
        event_from_row(st, &ev);
        *last = ev.seq;
        snprintf(head, 65, "%s", db_text(st, 8));
        matches = hash_matches(&ev, &s->key, keyed_at(seal, ev.seq), head, &form);
        snprintf(prev, sizeof prev, "%s", ev.prev_hash);
    }
    db_reset(st);
    if (rc == DB_ERROR)
        return store_sql_error(s, e, "read the records");
    if (rc == DB_DONE)
        return true;
    if (!matches)
        return damaged(s, *last, "its contents do not match its hash", e);
    char before[65] = ZERO_HASH_INIT;
    if (*last > 1 && !event_hash_at(s, *last - 1, before, &found, e))
        return false;
    if (!found || strcmp(before, prev) != 0)
        return damaged(s, *last, "it does not follow the record before it", e);
    return true;
}

static bool witness_now(Store *s, int64_t last, const char *head)
{
    s->pending_seq = last;
    snprintf(s->pending_hash, sizeof s->pending_hash, "%s", head);
    witness_update(s);
    return true;
}

/* The witness against the record: cut or rewritten since it was written is refused, and so is an
 * unreadable witness or one whose first record is not this record's (put in its place, or rewritten
 * from its first record on, as a record stripped of its seal and chained again as plain SHA-256
 * must be): writing would replace the one thing outside the database that shows it. A missing
 * witness is written from the record as it is. */
static bool check_witness(Store *s, WitnessState ws, const Witness *wp, int64_t last, const char *head,
                          Err *e)
{
    const Witness w = *wp;
    char first[65], at[65];
    bool found;
    if (!s->witness[0])
        return true;
    if (s->fresh) /* a new record: a witness left here is an earlier record's */
        return unlink(s->witness), true;
    if (ws == WITNESS_UNREADABLE)
        return err_set(
            e,
            "%s: its witness (%s) cannot be read (it is not a file mamori wrote); nothing was written"
            " (run mamori verify; if you know why, move the witness file away)",
            s->path, s->witness);
    if (ws != WITNESS_OK)
        return last == 0 || witness_now(s, last, head);
    if (!event_hash_at(s, 1, first, &found, e))
        return false;
    if (found && strcmp(first, w.first) != 0)
        return err_set(
            e,
            "%s: its first record is not the one its witness (%s) saw: another record was put in"
            " its place, or it was rewritten from its first record on; nothing was written (run"
            " mamori verify; if another record was put here on purpose, move the witness file away)",
            s->path, s->witness);
    if (last < w.count)
        return err_set(e,
                       "%s: the record ends at record %" PRId64 ", but its witness (%s) saw %" PRId64
                       " records: the last ones were cut off; nothing was written (run mamori verify;"
                       " if an older copy was restored on purpose, move the witness file away)",
                       s->path, last, s->witness, w.count);
    if (!event_hash_at(s, w.count, at, &found, e))
        return false;
    if (strcmp(at, w.head) != 0)
        return damaged(s, w.count, "it is not the record its witness saw there (rewritten)", e);
    return last == w.count || witness_now(s, last, head);
}

/* A record without a seal is plain from its first record on: a keyed first record means the seal
 * was deleted (and plain records put after the keyed ones, so that the last looks plain). */
static bool first_is_plain(Store *s, Err *e)
{
    DbStmt *st;
    EventRow ev;
    bool plain = true;
    ChainForm form = CHAIN_PLAIN;
    if (!store_stmt(s, FIRST_EVENT_ROW, &st, e))
        return false;
    int rc = db_step(st);
    if (rc == DB_ROW) {
        event_from_row(st, &ev);
        plain = hash_matches(&ev, &s->key, false, db_text(st, 8), &form);
    }
    db_reset(st);
    if (rc == DB_ERROR)
        return store_sql_error(s, e, "read the records");
    return plain || damaged(s, 1, "it is keyed, but the record's chain seal is gone (deleted)", e);
}

/* The seal names a first keyed record at most one past the last: beyond it, records were cut off
 * (or the seal is another record's). */
static bool seal_in_reach(Store *s, const Seal *seal, int64_t last, Err *e)
{
    return !seal->found || seal->from <= last + 1 ||
           damaged(s, last + 1,
                   "the chain seal names a later record as its first keyed one: the last records were cut"
                   " off, or the seal is another record's",
                   e);
}

static bool open_check_chain(Store *s, Err *e)
{
    Seal seal;
    Witness w = {0};
    int64_t last;
    char head[65];
    /* the witness first: another writer may commit and rewrite it meanwhile, but it is never
     * ahead of the record, so the record read after it holds at least what it saw */
    WitnessState ws = s->witness[0] ? witness_read(s->witness, &w) : WITNESS_NONE;
    return seal_read(s, &seal, e) && seal_check(s, &seal, e) && check_tail(s, &seal, &last, head, e) &&
           seal_in_reach(s, &seal, last, e) && (seal.found || first_is_plain(s, e)) &&
           check_witness(s, ws, &w, last, head, e);
}

bool store_check_chain_at_open(Store *s, Err *e)
{
    return open_check_chain(s, e);
}

static bool open_witness_path(Store *s, bool writer)
{
    if (!witness_path(s->path, writer, s->witness, sizeof s->witness))
        s->witness[0] = '\0';
    return true;
}

static bool open_writer(Store **out, const char *path, bool cache, Err *e);

bool store_open_cache(Store **out, const char *path, Err *e)
{
    if (db_is_uri(path))
        return err_set(e, "%s: a kiosk's cache is a file, not a server", path);
    if (!open_writer(out, path, true, e))
        return false;
    if (kiosk_from_file(*out, e) && store_cache_setup(*out, e))
        return true;
    store_close(*out);
    *out = NULL;
    return false;
}

bool store_is_cache(const Store *s)
{
    return s->cache;
}

/* A writer. A cache (store_open_cache) is a working copy of a server's record: its own events
 * sit above STORE_LOCAL_SEQ and leave when the server's copy comes back, so it keeps no witness
 * and is not checked or sealed as a record at open (the server is; every sent event is chained
 * there). It loads the chain key only to hash its own events, so a company key copied in after a
 * first start is simply used. */
static bool open_writer(Store **out, const char *path, bool cache, Err *e)
{
    *out = NULL;
    if (sodium_init() < 0)
        return err_set(e, "%s: cannot open the database: libsodium failed to start", path);
    Store *s = xcalloc(1, sizeof *s);
    if (!db_connect(&s->db, path, e)) {
        free(s);
        return false;
    }
    s->path = xstrdup(db_target(s->db));
    s->content_version = "";
    s->cache = cache;
    if (open_check_schema(s, e) && db_configure(s->db, e) && open_migrate(s, e) && open_load_kiosk(s, e) &&
        open_prepare(s, e) && (cache || open_witness_path(s, true)) && chain_key_load(&s->key, true, e) &&
        (cache || (open_check_chain(s, e) && open_seal(s, e)))) {
        *out = s;
        return true;
    }
    store_close(s);
    return false;
}

bool store_open(Store **out, const char *path, Err *e)
{
    return open_writer(out, path, false, e);
}

/* For the verbs that only read: the database must already be a mamori record, at this
 * program's schema (an older one is brought forward by any writer). */
static bool open_check_schema_ro(Store *s, Err *e)
{
    DbSchema sc;
    if (!open_check_schema(s, e))
        return false;
    if (s->fresh)
        return err_set(e, "%s: is empty: not a mamori database (nothing was ever recorded in it)", s->path);
    if (!db_inspect(s->db, &sc))
        return store_sql_error(s, e, "open the database");
    return (sc.version >= SCHEMA_READABLE && sc.version <= SCHEMA_VERSION) ||
           err_set(e,
                   "%s: was made by an older mamori (schema %" PRId64
                   "): open it once with the kiosk or a command that writes (e.g. mamori settings list)"
                   " to bring it up to date",
                   s->path, sc.version);
}

/* A reader's kiosk id: the file's, or on a server this machine's when it has one. */
static bool open_load_kiosk_ro(Store *s, Err *e)
{
    char path[4096];
    FILE *f;
    if (db_kind(s->db) != DB_POSTGRES)
        return kiosk_from_meta(s, e);
    if (!paths_data_file("kiosk-id", false, path, sizeof path, e) || !(f = fopen(path, "r")))
        return true; /* not needed to read */
    return kiosk_read(s, f, path, e);
}

bool store_open_readonly(Store **out, const char *target, Err *e)
{
    *out = NULL;
    if (sodium_init() < 0)
        return err_set(e, "%s: cannot open the database: libsodium failed to start", target);
    Store *s = xcalloc(1, sizeof *s);
    if (!db_connect_readonly(&s->db, target, e)) {
        free(s);
        return false;
    }
    s->path = xstrdup(db_target(s->db));
    s->content_version = "";
    s->readonly = true;
    if (db_configure_readonly(s->db, e) && open_check_schema_ro(s, e) && open_load_kiosk_ro(s, e) &&
        open_prepare(s, e) && open_witness_path(s, false) && chain_key_load(&s->key, false, e)) {
        *out = s;
        return true;
    }
    store_close(s);
    return false;
}

bool store_open_beside(const Store *s, Store **out, Err *e)
{
    if (!store_open_readonly(out, db_target(s->db), e))
        return false;
    store_set_anchor(*out, s->anchor_count, s->anchor);
    return true;
}

void store_set_stop(Store *s, const atomic_bool *stop)
{
    s->stop = stop;
}

void store_set_anchor(Store *s, int64_t count, const char *hash)
{
    s->anchor_count = count;
    snprintf(s->anchor, sizeof s->anchor, "%s", hash ? hash : "");
}

bool store_integrity_check(Store *s, bool thorough, char *what, size_t size, Err *e)
{
    DbStmt *st;
    what[0] = '\0';
    if (db_kind(s->db) != DB_SQLITE)
        return true; /* the server checks its own pages */
    if (!db_prepare(s->db, thorough ? "PRAGMA integrity_check" : "PRAGMA quick_check", &st))
        return store_sql_error(s, e, "check the database file");
    int rc = db_step(st);
    if (rc == DB_ROW && strcmp(db_text(st, 0), "ok") != 0)
        snprintf(what, size, "%s", db_text(st, 0));
    db_finalize(st);
    return rc == DB_ROW || store_sql_error(s, e, "check the database file");
}

bool store_reads_only(const Store *s)
{
    return s->readonly;
}

void store_close(Store *s)
{
    if (!s)
        return;
    store_rollback(s);
    for (int i = 0; i < ST_COUNT; i++)
        db_finalize(s->st[i]);
    for (int i = 0; i < s->next; i++)
        db_finalize(s->ext[i].st);
    db_close(s->db);
    free(s->path);
    free(s);
}

bool store_exists(const char *target)
{
    return db_is_uri(target) || access(target, F_OK) == 0;
}

bool store_is_shared(const Store *s)
{
    return db_kind(s->db) == DB_POSTGRES;
}

void store_set_busy_timeout(Store *s, int ms)
{
    db_set_busy_timeout(s->db, ms);
}

void store_set_content_version(Store *s, const char *version)
{
    s->content_version = version ? version : "";
}

const char *store_kiosk_id(const Store *s)
{
    return s->kiosk;
}

/* ---- employees ---- */

static void employee_from_row(DbStmt *st, Employee *p)
{
    *p = (Employee){0};
    snprintf(p->code, sizeof p->code, "%s", db_text(st, 0));
    snprintf(p->name, sizeof p->name, "%s", db_text(st, 1));
    snprintf(p->kana, sizeof p->kana, "%s", db_text(st, 2));
    snprintf(p->department, sizeof p->department, "%s", db_text(st, 3));
    if (!store_role_parse(db_text(st, 4), &p->role))
        p->role = ROLE_EMPLOYEE;
    if (!store_lang_parse(db_text(st, 5), &p->lang))
        p->lang = LANG_JA;
    p->active = db_int(st, 6) != 0;
    p->large_text = db_int(st, 7) != 0;
    p->added = db_int64(st, 8);
    snprintf(p->department_kana, sizeof p->department_kana, "%s", db_text(st, 9));
}

static bool find_employee(Store *s, const char *code, Employee *out, bool *found, Err *e)
{
    DbStmt *st = s->st[ST_FIND_EMPLOYEE];
    db_bind_text(st, 1, code);
    int rc = db_step(st);
    *found = rc == DB_ROW;
    if (*found)
        employee_from_row(st, out);
    db_reset(st);
    return rc == DB_ROW || rc == DB_DONE || store_sql_error(s, e, "read the roster");
}

bool store_find_employee(Store *s, const char *code, Employee *out, bool *found, Err *e)
{
    return find_employee(s, code, out, found, e);
}

/* A code the records know, or an error naming it. */
static bool need_employee(Store *s, const char *code, Employee *out, Err *e)
{
    bool found;
    if (!find_employee(s, code, out, &found, e))
        return false;
    return found || err_set(e, "%s: no person with code '%s' in the roster", s->path, code);
}

static bool fits(const char *v, size_t size)
{
    return memchr(v, '\0', size) != NULL;
}

static bool employee_check(Store *s, const Employee *p, Err *e)
{
    if (!fits(p->code, sizeof p->code) || !fits(p->name, sizeof p->name) || !fits(p->kana, sizeof p->kana) ||
        !fits(p->department, sizeof p->department) || !fits(p->department_kana, sizeof p->department_kana))
        return err_set(e, "%s: a field of person '%.31s' is not terminated", s->path, p->code);
    if (!p->code[0])
        return err_set(e, "%s: a person needs a code", s->path);
    if (!p->name[0])
        return err_set(e, "%s: person '%s' needs a name", s->path, p->code);
    if ((unsigned)p->role > ROLE_PRESIDENT || (unsigned)p->lang > LANG_EN)
        return err_set(e, "%s: person '%s' has an unknown role or language", s->path, p->code);
    const char *what[] = {"the name", "the kana", "the department", "the department's reading"};
    const char *text[] = {p->name, p->kana, p->department, p->department_kana};
    for (int i = 0; i < 4; i++) {
        Err why = {{0}};
        if (!text_guard_check(what[i], text[i], &why))
            return err_set(e, "%s: person '%s': %s", s->path, p->code, why.msg);
    }
    return true;
}

/* A person added (not one already stored: their code names their history) needs a code the
 * sign-in keypad can type: the one check every path that adds people goes through. */
static bool new_code_check(Store *s, const Employee *p, Err *e)
{
    Err why = {{0}};
    return text_code_check(p->code, &why) || err_set(e, "%s: %s", s->path, why.msg);
}

static bool employee_equal(const Employee *a, const Employee *b)
{
    return strcmp(a->code, b->code) == 0 && strcmp(a->name, b->name) == 0 && strcmp(a->kana, b->kana) == 0 &&
           strcmp(a->department, b->department) == 0 && a->role == b->role && a->lang == b->lang &&
           a->active == b->active && a->large_text == b->large_text &&
           strcmp(a->department_kana, b->department_kana) == 0;
}

static char *employee_payload(const Employee *p)
{
    Payload pl;
    Json *j = payload_begin(&pl);
    kv_str(j, "code", p->code);
    kv_str(j, "name", p->name);
    kv_str(j, "kana", p->kana);
    kv_str(j, "department", p->department);
    kv_str(j, "role", store_role_name(p->role));
    kv_str(j, "lang", store_lang_name(p->lang));
    kv_bool(j, "active", p->active);
    kv_bool(j, "large_text", p->large_text);
    if (p->department_kana[0]) /* only when there is one: older records have no such field */
        kv_str(j, "department_kana", p->department_kana);
    return payload_end(&pl);
}

static bool employee_write(Store *s, const Employee *p, int64_t now, Err *e)
{
    int64_t seq;
    if (!append_owned(s, "employee", employee_payload(p), now, &seq, e))
        return false;
    DbStmt *st = s->st[ST_PUT_EMPLOYEE];
    db_bind_text(st, 1, p->code);
    db_bind_text(st, 2, p->name);
    db_bind_text(st, 3, p->kana);
    db_bind_text(st, 4, p->department);
    db_bind_text(st, 5, store_role_name(p->role));
    db_bind_text(st, 6, store_lang_name(p->lang));
    db_bind_int(st, 7, p->active);
    db_bind_int(st, 8, p->large_text);
    db_bind_int(st, 9, seq);
    db_bind_text(st, 10, p->department_kana);
    db_bind_int(st, 11, now); /* added: the time of the event (kept when the person is stored) */
    return run(s, ST_PUT_EMPLOYEE, "save the person", e);
}

/* The department's reading p is to be written with (store.h): katakana, the department's own when
 * p brings none, none without a department. known (may be NULL): the readings an import knows
 * (employee_put), used instead of asking and told when a department turns out to have none. */
static bool dept_kana_fill(Store *s, Employee *p, StrMap *known, Err *e)
{
    if (!p->department[0]) {
        p->department_kana[0] = '\0';
        return true;
    }
    kana_katakana(p->department_kana);
    if (p->department_kana[0])
        return true;
    const char *k = known ? strmap_get(known, p->department) : NULL;
    if (k) {
        snprintf(p->department_kana, sizeof p->department_kana, "%s", k);
        return true;
    }
    DbStmt *st = s->st[ST_DEPT_KANA];
    db_bind_text(st, 1, p->department);
    int rc = db_step(st);
    if (rc == DB_ROW)
        snprintf(p->department_kana, sizeof p->department_kana, "%s", db_text(st, 0));
    db_reset(st);
    if (rc == DB_DONE && known) /* nobody in the department has a reading */
        strmap_put(known, p->department, "");
    return rc == DB_ROW || rc == DB_DONE || store_sql_error(s, e, "read the roster");
}

/* Gives p's department reading to the others in p's department who have another, unless known
 * says they all have it already; then known says they do. */
static bool dept_kana_spread(Store *s, const Employee *p, int64_t now, int *changed, StrMap *known, Err *e)
{
    const char *k = known ? strmap_get(known, p->department) : NULL;
    if (k && strcmp(k, p->department_kana) == 0)
        return true;
    DbStmt *st = s->st[ST_DEPT_OTHERS];
    Employee *others = NULL;
    int n = 0, rc;
    db_bind_text(st, 1, p->department);
    db_bind_text(st, 2, p->department_kana);
    db_bind_text(st, 3, p->code);
    while ((rc = db_step(st)) == DB_ROW) {
        others = xrealloc(others, sizeof *others * (size_t)(n + 1));
        employee_from_row(st, &others[n++]);
    }
    db_reset(st);
    bool ok = rc == DB_DONE || store_sql_error(s, e, "read the roster");
    for (int i = 0; ok && i < n; i++) {
        snprintf(others[i].department_kana, sizeof others[i].department_kana, "%s", p->department_kana);
        ok = employee_write(s, &others[i], now, e);
        if (ok && changed)
            (*changed)++;
    }
    free(others);
    if (ok && known)
        strmap_put(known, p->department, p->department_kana);
    return ok;
}

/* Writes p unless it equals the stored person. keep_prefs: a stored person keeps large_text.
 *
 * known (NULL for one person): an import's departments whose people all have one reading ("" for
 * none), learnt as it goes, so that 200,000 people in 40 departments ask for a department's
 * reading, or look for those who need it, once per department instead of once per person. It
 * stays true because inside the import's transaction every write to a person comes through here
 * (no other writer meanwhile: db.h): one written into a department takes its reading or gives
 * everyone a new one, and one who leaves it takes nothing from those who stay. */
static bool employee_put(Store *s, const Employee *p, bool keep_prefs, int64_t now, int *changed,
                         StrMap *known, Err *e)
{
    Employee old, row = *p;
    bool found;
    if (!employee_check(s, p, e) || !find_employee(s, p->code, &old, &found, e) ||
        !dept_kana_fill(s, &row, known, e))
        return false;
    if (!found && !new_code_check(s, p, e))
        return false;
    if (found && keep_prefs)
        row.large_text = old.large_text;
    if (found && employee_equal(&old, &row))
        return true;
    if (changed)
        (*changed)++;
    return employee_write(s, &row, now, e) &&
           (!row.department_kana[0] || dept_kana_spread(s, &row, now, changed, known, e));
}

typedef struct {
    const Employee *rows;
    int nrows;
    int64_t now;
    int changed;
} ImportArgs;

static bool import_action(Store *s, const void *arg, Err *e)
{
    ImportArgs *a = (ImportArgs *)arg;
    StrMap known = {0}; /* employee_put */
    bool ok = true;
    for (int i = 0; ok && i < a->nrows; i++)
        ok = employee_put(s, &a->rows[i], true, a->now, &a->changed, &known, e);
    strmap_free(&known);
    return ok;
}

/* The pages a roster import writes to at random places stay in memory until it commits. For
 * 200,000 people the events' uuid index is 9 MB and the people by code 3 MB; an import into a
 * record that already holds them also reads and rewrites its people (15 MB) and their indexes
 * (17 MB) when a department's reading is given. With SQLite's 2 MB default each such page was
 * written out to the WAL and read back again and again (db_set_cache). Peak memory of 200,000
 * people: 200 MB instead of 149 MB (the parsed rows are 114 MB of it). */
enum { IMPORT_CACHE_KIB = 64 * 1024 };

bool store_import_employees(Store *s, const Employee *rows, int nrows, int64_t now, int *changed, Err *e)
{
    ImportArgs a = {rows, nrows, now, 0};
    db_set_cache(s->db, IMPORT_CACHE_KIB);
    bool ok = store_write(s, import_action, &a, e);
    db_set_cache(s->db, DB_CACHE_DEFAULT);
    if (!ok)
        return false;
    if (changed)
        *changed = a.changed;
    return true;
}

typedef struct {
    const Employee *emp;
    int64_t now;
} PutArgs;

static bool put_action(Store *s, const void *arg, Err *e)
{
    const PutArgs *a = arg;
    return employee_put(s, a->emp, false, a->now, NULL, NULL, e);
}

bool store_put_employee(Store *s, const Employee *emp, int64_t now, Err *e)
{
    PutArgs a = {emp, now};
    return store_write(s, put_action, &a, e);
}

bool store_list_employees(Store *s, bool include_inactive, Employee **out, int *n, Err *e)
{
    DbStmt *st = s->st[ST_LIST_EMPLOYEES];
    Employee *rows = NULL;
    int count = 0, cap = 0, rc;
    db_bind_int(st, 1, include_inactive);
    while ((rc = db_step(st)) == DB_ROW) {
        if (count == cap) {
            cap = cap ? cap * 2 : 64;
            rows = xrealloc(rows, (size_t)cap * sizeof *rows);
        }
        employee_from_row(st, &rows[count++]);
    }
    db_reset(st);
    if (rc != DB_DONE) {
        free(rows);
        *out = NULL, *n = 0;
        return store_sql_error(s, e, "read the roster");
    }
    *out = rows, *n = count;
    return true;
}

typedef struct {
    const char *code;
    Lang lang;
    bool large_text;
    int64_t now;
} PrefsArgs;

static char *prefs_payload(const PrefsArgs *a)
{
    Payload pl;
    Json *j = payload_begin(&pl);
    kv_str(j, "code", a->code);
    kv_str(j, "lang", store_lang_name(a->lang));
    kv_bool(j, "large_text", a->large_text);
    return payload_end(&pl);
}

static bool prefs_action(Store *s, const void *arg, Err *e)
{
    const PrefsArgs *a = arg;
    Employee old;
    int64_t seq;
    if (!need_employee(s, a->code, &old, e))
        return false;
    if (old.lang == a->lang && old.large_text == a->large_text)
        return true;
    if (!append_owned(s, "prefs", prefs_payload(a), a->now, &seq, e))
        return false;
    DbStmt *st = s->st[ST_SET_PREFS];
    db_bind_text(st, 1, a->code);
    db_bind_text(st, 2, store_lang_name(a->lang));
    db_bind_int(st, 3, a->large_text);
    db_bind_int(st, 4, seq);
    return run(s, ST_SET_PREFS, "save the preferences", e);
}

bool store_set_prefs(Store *s, const char *code, Lang lang, bool large_text, int64_t now, Err *e)
{
    if ((unsigned)lang > LANG_EN)
        return err_set(e, "%s: unknown language %d", s->path, (int)lang);
    PrefsArgs a = {code, lang, large_text, now};
    return store_write(s, prefs_action, &a, e);
}

/* ---- learning ---- */

typedef struct {
    const char *code;
    const Lesson *lesson;
    int64_t now;
} LessonArgs;

static char *lesson_payload_in(const LessonArgs *a, JsonBuf *keep)
{
    Payload pl;
    Json *j = payload_begin_in(&pl, keep);
    kv_str(j, "code", a->code);
    kv_int(j, "measure", a->lesson->measure);
    kv_str(j, "lesson", a->lesson->id);
    kv_int(j, "version", a->lesson->version);
    return payload_end(&pl);
}

static char *lesson_payload(const LessonArgs *a)
{
    return lesson_payload_in(a, NULL);
}

static bool lesson_action(Store *s, const void *arg, Err *e)
{
    const LessonArgs *a = arg;
    Employee who;
    int64_t seq;
    if (!need_employee(s, a->code, &who, e) || !append_owned(s, "lesson", lesson_payload(a), a->now, &seq, e))
        return false;
    DbStmt *st = s->st[ST_ADD_LESSON];
    db_bind_int(st, 1, seq);
    db_bind_text(st, 2, a->code);
    db_bind_int(st, 3, a->lesson->measure);
    db_bind_text(st, 4, a->lesson->id);
    db_bind_int(st, 5, a->lesson->version);
    db_bind_int(st, 6, a->now);
    return run(s, ST_ADD_LESSON, "record the lesson", e);
}

bool store_record_lesson(Store *s, const char *code, const Lesson *lesson, int64_t now, Err *e)
{
    if (lesson->measure < 1 || lesson->measure > MEASURES || !lesson->id)
        return err_set(e, "%s: lesson for measure %d is not one of the 25 measures", s->path,
                       lesson->measure);
    LessonArgs a = {code, lesson, now};
    return store_write(s, lesson_action, &a, e);
}

static bool attempt_check(Store *s, const Attempt *a, Err *e)
{
    bool test = a->kind == ATTEMPT_TEST;
    if (a->kind != ATTEMPT_TEST && a->kind != ATTEMPT_FOLLOWUP)
        return err_set(e, "%s: unknown kind of attempt %d", s->path, (int)a->kind);
    if (test ? a->measure < 1 || a->measure > MEASURES : a->measure < 0 || a->measure > MEASURES)
        return err_set(e, "%s: attempt for measure %d is not one of the 25 measures", s->path, a->measure);
    if (a->total < 0 || a->score < 0 || a->score > a->total || a->nanswers < 0 ||
        (a->nanswers > 0 && !a->answers))
        return err_set(e, "%s: attempt scores %d of %d with %d answers: impossible", s->path, a->score,
                       a->total, a->nanswers);
    for (int i = 0; i < a->nanswers; i++) {
        const char *q = a->answers[i].question_id;
        if (!q || !q[0] || strlen(q) >= sizeof((LoggedAnswer *)0)->question_id)
            return err_set(e, "%s: answer %d has no question id or one longer than 63 bytes", s->path, i + 1);
    }
    return true;
}

static void picked_array(Json *j, unsigned picked)
{
    json_array(j);
    for (int i = 0; i < (int)(sizeof picked * CHAR_BIT); i++)
        if (picked & (1u << i))
            json_int(j, i);
    json_end(j);
}

/* keep: as payload_begin_in. */
static char *attempt_payload_in(const Attempt *a, JsonBuf *keep)
{
    Payload pl;
    Json *j = payload_begin_in(&pl, keep);
    char seed[DECIMAL_SIZE];
    decimal_u64(seed, a->seed);
    kv_str(j, "code", a->code);
    kv_str(j, "kind", a->kind == ATTEMPT_TEST ? "test" : "followup");
    kv_int(j, "measure", a->measure);
    kv_str(j, "seed", seed);
    kv_str(j, "status", a->finished ? "finished" : "abandoned");
    kv_int(j, "score", a->score);
    kv_int(j, "total", a->total);
    kv_int(j, "pass_percent", a->pass_percent);
    kv_bool(j, "passed", a->passed);
    kv_int(j, "started", a->started);
    kv_int(j, "ended", a->ended);
    json_key(j, "answers");
    json_array(j);
    for (int i = 0; i < a->nanswers; i++) {
        json_object(j);
        kv_str(j, "q", a->answers[i].question_id);
        json_key(j, "picked");
        picked_array(j, a->answers[i].picked);
        kv_bool(j, "correct", a->answers[i].correct);
        json_end(j);
    }
    json_end(j);
    return payload_end(&pl);
}

static char *attempt_payload(const Attempt *a)
{
    return attempt_payload_in(a, NULL);
}

bool store_attempt_seal(Store *s, const Attempt *a, char hex[65], Err *e)
{
    if (!a->code)
        return err_set(e, "%s: an attempt needs the person's code", s->path);
    if (!s->key.present)
        return err_set(e, "%s: there is no chain key here to seal a waiting result with", s->path);
    char *payload = attempt_payload(a);
    const char *fields[] = {"mamori outbox", payload};
    chain_key_mac(&s->key, fields, 2, hex);
    free(payload);
    return true;
}

static bool attempt_row(Store *s, const Attempt *a, int64_t seq, Err *e)
{
    DbStmt *st = s->st[ST_ADD_ATTEMPT];
    char seed[24];
    snprintf(seed, sizeof seed, "%" PRIu64, a->seed);
    db_bind_int(st, 1, seq);
    db_bind_text(st, 2, a->code);
    db_bind_text(st, 3, a->kind == ATTEMPT_TEST ? "test" : "followup");
    db_bind_int(st, 4, a->measure);
    db_bind_text(st, 5, seed);
    db_bind_int(st, 6, a->finished);
    db_bind_int(st, 7, a->score);
    db_bind_int(st, 8, a->total);
    db_bind_int(st, 9, a->pass_percent);
    db_bind_int(st, 10, a->passed);
    db_bind_int(st, 11, a->started);
    db_bind_int(st, 12, a->ended);
    return run(s, ST_ADD_ATTEMPT, "record the test", e);
}

static bool answer_row(Store *s, const Attempt *a, int64_t seq, int i, Err *e)
{
    DbStmt *st = s->st[ST_ADD_ANSWER];
    db_bind_int(st, 1, seq);
    db_bind_int(st, 2, i);
    db_bind_text(st, 3, a->code);
    db_bind_text(st, 4, a->answers[i].question_id);
    db_bind_int(st, 5, a->answers[i].picked);
    db_bind_int(st, 6, a->answers[i].correct);
    db_bind_int(st, 7, a->ended);
    return run(s, ST_ADD_ANSWER, "record an answer", e);
}

static bool attempt_action(Store *s, const void *arg, Err *e)
{
    const Attempt *a = arg;
    Employee who;
    int64_t seq;
    if (!need_employee(s, a->code, &who, e) ||
        !append_owned(s, "attempt", attempt_payload(a), a->ended, &seq, e) || !attempt_row(s, a, seq, e))
        return false;
    for (int i = 0; i < a->nanswers; i++)
        if (!answer_row(s, a, seq, i, e))
            return false;
    return true;
}

bool store_record_attempt(Store *s, const Attempt *a, Err *e)
{
    if (!a->code)
        return err_set(e, "%s: an attempt needs the person's code", s->path);
    return attempt_check(s, a, e) && store_write(s, attempt_action, a, e);
}

static const char ATTEMPT_SEEN[] = "SELECT 1 FROM attempts WHERE code = ?1 AND kind = ?2 AND measure = ?3"
                                   " AND seed = ?4 AND started = ?5 AND ended = ?6 LIMIT 1";

typedef struct {
    const Attempt *a;
    bool *already;
} OnceArgs;

static bool attempt_once_action(Store *s, const void *arg, Err *e)
{
    const OnceArgs *o = arg;
    DbStmt *st;
    char seed[24];
    if (!store_stmt(s, ATTEMPT_SEEN, &st, e))
        return false;
    snprintf(seed, sizeof seed, "%" PRIu64, o->a->seed);
    db_bind_text(st, 1, o->a->code);
    db_bind_text(st, 2, o->a->kind == ATTEMPT_TEST ? "test" : "followup");
    db_bind_int(st, 3, o->a->measure);
    db_bind_text(st, 4, seed);
    db_bind_int(st, 5, o->a->started);
    db_bind_int(st, 6, o->a->ended);
    DbStep rc = db_step(st);
    db_reset(st);
    if (rc == DB_ERROR)
        return store_sql_error(s, e, "read the test records");
    *o->already = rc == DB_ROW;
    return *o->already || attempt_action(s, o->a, e);
}

bool store_record_attempt_once(Store *s, const Attempt *a, bool *already, Err *e)
{
    *already = false;
    if (!a->code)
        return err_set(e, "%s: an attempt needs the person's code", s->path);
    OnceArgs o = {a, already};
    return attempt_check(s, a, e) && store_write(s, attempt_once_action, &o, e);
}

bool store_attempt_refused(Store *s, const Attempt *a, char *why, size_t size)
{
    Err e = {0};
    Employee who;
    bool found;
    if (!a->code)
        return snprintf(why, size, "an attempt needs the person's code"), true;
    if (!attempt_check(s, a, &e))
        return snprintf(why, size, "%s", e.msg), true;
    if (!find_employee(s, a->code, &who, &found, &e) || found)
        return false;
    snprintf(why, size, "%s: no person with code '%s' in the roster", s->path, a->code);
    return true;
}

/* Adds one finished test to the measure's status. Best = highest share of right answers
 * (the earliest of equals); passed_at = the first passing test; last_passed_at the latest. */
static void fold_test(MeasureStatus *m, int score, int total, bool passed, int64_t ended)
{
    bool better = m->attempts == 0 || (int64_t)score * m->best_total > (int64_t)m->best_score * total;
    if (better)
        m->best_score = score, m->best_total = total;
    if (passed && !m->passed_at)
        m->passed_at = ended;
    if (passed && ended > m->last_passed_at)
        m->last_passed_at = ended;
    if (ended > m->last_test_at)
        m->last_test_at = ended;
    m->attempts++;
}

/* One row of ST_MEASURE_ROWS (from column c on) into the status of its measure: the latest
 * reading wins. */
static void fold_row(DbStmt *st, int c, MeasureStatus out[MEASURES])
{
    int m = db_int(st, c + 2);
    if (m < 1 || m > MEASURES)
        return;
    if (db_int(st, c) == 0) {
        out[m - 1].read_at = db_int64(st, c + 3);
        out[m - 1].read_version = db_int(st, c + 4);
    } else {
        fold_test(&out[m - 1], db_int(st, c + 3), db_int(st, c + 4), db_int(st, c + 5) != 0,
                  db_int64(st, c + 6));
    }
}

bool store_measure_status(Store *s, const char *code, MeasureStatus out[MEASURES], Err *e)
{
    DbStmt *st = s->st[ST_MEASURE_ROWS];
    int rc;
    memset(out, 0, sizeof(MeasureStatus) * MEASURES);
    db_bind_text(st, 1, code);
    while ((rc = db_step(st)) == DB_ROW)
        fold_row(st, 0, out);
    db_reset(st);
    return rc == DB_DONE || store_sql_error(s, e, "read the lesson and test records");
}

bool store_activity(Store *s, const char *code, int64_t *last_followup, int64_t *last_activity, Err *e)
{
    DbStmt *st = s->st[ST_ACTIVITY];
    db_bind_text(st, 1, code);
    int rc = db_step(st);
    *last_followup = rc == DB_ROW ? db_int64(st, 0) : 0;
    *last_activity = rc == DB_ROW ? db_int64(st, 1) : 0;
    db_reset(st);
    return rc == DB_ROW || store_sql_error(s, e, "read the activity records");
}

bool store_answer_log(Store *s, const char *code, LoggedAnswer **out, int *n, Err *e)
{
    DbStmt *st = s->st[ST_ANSWER_LOG];
    LoggedAnswer *log = NULL;
    int count = 0, cap = 0, rc;
    db_bind_text(st, 1, code);
    while ((rc = db_step(st)) == DB_ROW) {
        if (count == cap) {
            cap = cap ? cap * 2 : 64;
            log = xrealloc(log, (size_t)cap * sizeof *log);
        }
        LoggedAnswer *a = &log[count++];
        snprintf(a->question_id, sizeof a->question_id, "%s", db_text(st, 0));
        a->correct = db_int(st, 1) != 0;
        a->time = db_int64(st, 2);
    }
    db_reset(st);
    if (rc != DB_DONE) {
        free(log);
        *out = NULL, *n = 0;
        return store_sql_error(s, e, "read the answers");
    }
    *out = log, *n = count;
    return true;
}

void store_answer_log_free(LoggedAnswer *log)
{
    free(log);
}

/* ---- everyone at once: one question per table, rows grouped by person (column 0) ---- */

/* The person whose rows are being read: the code of the group, and whether one has started. */
typedef struct {
    char code[64]; /* codes fit 32 bytes (employee_check) */
    bool any;
} Group;

/* True when code (a row's column 0) starts a new person's rows; *g then still holds the finished
 * group's code, until group_take. One comparison a row: the answers are millions of rows. */
static bool group_changes(const Group *g, const char *code)
{
    return !g->any || strcmp(g->code, code) != 0;
}

static void group_take(Group *g, const char *code)
{
    snprintf(g->code, sizeof g->code, "%s", code);
    g->any = true;
}

/* ST_MEASURE_ROWS and ST_ACTIVITY for everyone, a table at a time in record order (seq is each
 * table's key: SQLite reads the table as it lies, PostgreSQL along its primary key). The reads in
 * ST_MEASURE_ROWS's shape (from column 1); the attempts likewise, column 1 being 1 for a finished
 * test (a measure row) and 2 for any other attempt, then a finished follow-up's flag. */
static const char FIGURES_READS_SQL[] =
    "SELECT code, 0, seq, measure, time, version, 0, 0 FROM lesson_reads ORDER BY seq";
static const char FIGURES_ATTEMPTS_SQL[] =
    "SELECT code, CASE WHEN kind = 'test' AND finished = 1 THEN 1 ELSE 2 END, seq, measure, score, total,"
    " passed, ended, CASE WHEN kind = 'followup' AND finished = 1 THEN 1 ELSE 0 END FROM attempts ORDER BY "
    "seq";

/* The person of st's row (column 0), asked of figures_of, the last answer kept for the next
 * row (a person's rows are often together); false when the person is not wanted. */
typedef struct {
    StoreFiguresOf *figures_of;
    void *ctx;
    char code[64];
    bool wanted;
    StoreFigures f;
} FiguresCursor;

static bool figures_at(FiguresCursor *c, DbStmt *st)
{
    const char *code = db_text(st, 0);
    if (c->code[0] && strcmp(c->code, code) == 0)
        return c->wanted;
    snprintf(c->code, sizeof c->code, "%s", code);
    c->wanted = c->figures_of(c->ctx, code, &c->f);
    return c->wanted;
}

static void later(int64_t *v, int64_t t)
{
    if (t > *v)
        *v = t;
}

static void fold_read(const StoreFigures *f, DbStmt *st)
{
    fold_row(st, 1, f->status);
    later(f->last_activity, db_int64(st, 4));
}

static void fold_attempt(const StoreFigures *f, DbStmt *st)
{
    if (db_int(st, 1) == 1)
        fold_row(st, 1, f->status);
    later(f->last_activity, db_int64(st, 7));
    if (db_int(st, 8))
        later(f->last_followup, db_int64(st, 7));
}

/* Every row of sql folded by fold into its person's figures. */
static bool figures_table(Store *s, const char *sql, void (*fold)(const StoreFigures *, DbStmt *),
                          FiguresCursor *c, Err *e)
{
    DbStmt *st;
    int rc;
    if (!store_stmt(s, sql, &st, e))
        return false;
    c->code[0] = '\0';
    while ((rc = db_step(st)) == DB_ROW)
        if (figures_at(c, st))
            fold(&c->f, st);
    db_reset(st);
    return rc == DB_DONE || store_sql_error(s, e, "read the lesson and test records");
}

bool store_each_figures(Store *s, StoreFiguresOf *figures_of, void *ctx, Err *e)
{
    FiguresCursor c = {.figures_of = figures_of, .ctx = ctx};
    return figures_table(s, FIGURES_READS_SQL, fold_read, &c, e) &&
           figures_table(s, FIGURES_ATTEMPTS_SQL, fold_attempt, &c, e);
}

/* ST_ANSWER_LOG for everyone, by person then as there. */
static const char EACH_ANSWER_SQL[] =
    "SELECT code, question_id, correct, time FROM answers ORDER BY code, attempt_seq, n";

static void log_add(DbStmt *st, LoggedAnswer **log, int *n, int *cap)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 256;
        *log = xrealloc(*log, (size_t)*cap * sizeof **log);
    }
    LoggedAnswer *a = &(*log)[(*n)++];
    store_copy_text(a->question_id, sizeof a->question_id, db_text(st, 1));
    a->correct = db_int(st, 2) != 0;
    a->time = db_int64(st, 3);
}

bool store_each_answer_log(Store *s, StoreEachLog *fn, void *ctx, Err *e)
{
    DbStmt *st;
    LoggedAnswer *log = NULL;
    int n = 0, cap = 0, rc;
    Group g = {0};
    if (!store_stmt(s, EACH_ANSWER_SQL, &st, e))
        return false;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *code = db_text(st, 0);
        if (group_changes(&g, code)) {
            if (g.any)
                fn(ctx, g.code, log, n);
            n = 0;
            group_take(&g, code);
        }
        log_add(st, &log, &n, &cap);
    }
    db_reset(st);
    if (rc == DB_DONE && g.any)
        fn(ctx, g.code, log, n);
    free(log);
    return rc == DB_DONE || store_sql_error(s, e, "read the answers");
}

/* ---- the derived rows again, from an event's payload alone (store_copy.c) ----
 * Each writes what recording the event wrote, from what the event says; a payload that lacks a
 * field is refused. The copy verifies the rows against the events afterwards, as verify does. */

static bool payload_bad(Store *s, const RecordedEvent *ev, Err *e)
{
    return err_set(e, "%s: record %" PRId64 ": its %s payload cannot be read", s->path, ev->seq, ev->type);
}

/* Binds the text members keys[0..n) of p to st as ?first, ?first+1, ...; false when one lacks. */
static bool bind_texts(DbStmt *st, int first, const JsonValue *p, const char *const *keys, int n)
{
    for (int i = 0; i < n; i++) {
        const char *v;
        if (!json_get_str(p, keys[i], &v))
            return false;
        db_bind_text(st, first + i, v);
    }
    return true;
}

/* Binds the integer (or true/false as 1/0) members keys[0..n) of p likewise. */
static bool bind_ints(DbStmt *st, int first, const JsonValue *p, const char *const *keys, int n)
{
    for (int i = 0; i < n; i++) {
        const JsonValue *m = json_get(p, keys[i]);
        if (!m || (m->kind != JV_INT && m->kind != JV_BOOL))
            return false;
        db_bind_int(st, first + i, m->kind == JV_INT ? m->i : m->b);
    }
    return true;
}

static bool rebuild_employee(Store *s, const RecordedEvent *ev, const JsonValue *p, Err *e)
{
    static const char *const TEXTS[] = {"code", "name", "kana", "department", "role", "lang"};
    static const char *const INTS[] = {"active", "large_text"};
    DbStmt *st = s->st[ST_PUT_EMPLOYEE];
    const JsonValue *dk = json_get(p, "department_kana"); /* older records have none */
    db_bind_int(st, 9, ev->seq);
    db_bind_text(st, 10, dk && dk->kind == JV_STRING ? dk->s : "");
    db_bind_int(st, 11, ev->time);
    if ((!dk || dk->kind == JV_STRING) && bind_texts(st, 1, p, TEXTS, 6) && bind_ints(st, 7, p, INTS, 2))
        return run(s, ST_PUT_EMPLOYEE, "save the person", e);
    db_reset(st);
    return payload_bad(s, ev, e);
}

static bool rebuild_prefs(Store *s, const RecordedEvent *ev, const JsonValue *p, Err *e)
{
    static const char *const TEXTS[] = {"code", "lang"};
    static const char *const INTS[] = {"large_text"};
    DbStmt *st = s->st[ST_SET_PREFS];
    db_bind_int(st, 4, ev->seq);
    if (bind_texts(st, 1, p, TEXTS, 2) && bind_ints(st, 3, p, INTS, 1))
        return run(s, ST_SET_PREFS, "save the preferences", e);
    db_reset(st);
    return payload_bad(s, ev, e);
}

static bool rebuild_lesson(Store *s, const RecordedEvent *ev, const JsonValue *p, Err *e)
{
    static const char *const CODE[] = {"code"}, *const MEASURE[] = {"measure"};
    static const char *const ID[] = {"lesson"}, *const VERSION[] = {"version"};
    DbStmt *st = s->st[ST_ADD_LESSON];
    db_bind_int(st, 1, ev->seq);
    db_bind_int(st, 6, ev->time);
    if (bind_texts(st, 2, p, CODE, 1) && bind_ints(st, 3, p, MEASURE, 1) && bind_texts(st, 4, p, ID, 1) &&
        bind_ints(st, 5, p, VERSION, 1))
        return run(s, ST_ADD_LESSON, "record the lesson", e);
    db_reset(st);
    return payload_bad(s, ev, e);
}

static bool rebuild_setting(Store *s, const RecordedEvent *ev, const JsonValue *p, Err *e)
{
    static const char *const TEXTS[] = {"key", "value"};
    DbStmt *st = s->st[ST_PUT_SETTING];
    db_bind_int(st, 3, ev->seq);
    if (bind_texts(st, 1, p, TEXTS, 2))
        return run(s, ST_PUT_SETTING, "save the setting", e);
    db_reset(st);
    return payload_bad(s, ev, e);
}

/* The attempts row: the payload's fields, "status" as finished 1 / abandoned 0. */
static bool attempt_row_from(Store *s, const RecordedEvent *ev, const JsonValue *p, Err *e)
{
    static const char *const CODE_KIND[] = {"code", "kind"}, *const MEASURE[] = {"measure"};
    static const char *const SEED[] = {"seed"};
    static const char *const INTS[] = {"score", "total", "pass_percent", "passed", "started", "ended"};
    const char *status;
    DbStmt *st = s->st[ST_ADD_ATTEMPT];
    db_bind_int(st, 1, ev->seq);
    if (json_get_str(p, "status", &status) && (!strcmp(status, "finished") || !strcmp(status, "abandoned")) &&
        bind_texts(st, 2, p, CODE_KIND, 2) && bind_ints(st, 4, p, MEASURE, 1) &&
        bind_texts(st, 5, p, SEED, 1) && bind_ints(st, 7, p, INTS, 6)) {
        db_bind_int(st, 6, strcmp(status, "finished") == 0);
        return run(s, ST_ADD_ATTEMPT, "record the test", e);
    }
    db_reset(st);
    return payload_bad(s, ev, e);
}

/* The choices picked, as a bit set; false when the list is not of choices 0..31. */
static bool picked_bits(const JsonValue *list, unsigned *out)
{
    *out = 0;
    if (!list || list->kind != JV_ARRAY)
        return false;
    for (int i = 0; i < list->n; i++) {
        if (list->items[i].kind != JV_INT || list->items[i].i < 0 || list->items[i].i >= 32)
            return false;
        *out |= 1u << list->items[i].i;
    }
    return true;
}

/* Answer n of the attempt (its person and end time from the payload). */
static bool answer_row_from(Store *s, const RecordedEvent *ev, const JsonValue *p, int n, Err *e)
{
    const JsonValue *a = &json_get(p, "answers")->items[n];
    const char *code, *q;
    int64_t ended;
    unsigned picked;
    bool correct;
    if (!json_get_str(p, "code", &code) || !json_get_int(p, "ended", &ended) || !json_get_str(a, "q", &q) ||
        !picked_bits(json_get(a, "picked"), &picked) || !json_get_bool(a, "correct", &correct))
        return payload_bad(s, ev, e);
    DbStmt *st = s->st[ST_ADD_ANSWER];
    db_bind_int(st, 1, ev->seq);
    db_bind_int(st, 2, n);
    db_bind_text(st, 3, code);
    db_bind_text(st, 4, q);
    db_bind_int(st, 5, picked);
    db_bind_int(st, 6, correct);
    db_bind_int(st, 7, ended);
    return run(s, ST_ADD_ANSWER, "record an answer", e);
}

static bool rebuild_attempt(Store *s, const RecordedEvent *ev, const JsonValue *p, Err *e)
{
    const JsonValue *answers = json_get(p, "answers");
    if (!answers || answers->kind != JV_ARRAY)
        return payload_bad(s, ev, e);
    if (!attempt_row_from(s, ev, p, e))
        return false;
    for (int i = 0; i < answers->n; i++)
        if (!answer_row_from(s, ev, p, i, e))
            return false;
    return true;
}

/* What recording each kind of event writes besides the event. */
static const struct {
    const char *type;
    bool (*rebuild)(Store *s, const RecordedEvent *ev, const JsonValue *p, Err *e);
} REBUILDERS[] = {
    {"employee", rebuild_employee},         {"prefs", rebuild_prefs},     {"lesson", rebuild_lesson},
    {"attempt", rebuild_attempt},           {"setting", rebuild_setting}, {"pledge", store_rebuild_pledge},
    {"diagnosis", store_rebuild_diagnosis},
};

bool store_rebuild_rows(Store *s, const RecordedEvent *ev, Err *e)
{
    Arena a = {0};
    const JsonValue *p = json_parse(&a, ev->payload);
    bool ok = p && p->kind == JV_OBJECT;
    for (size_t i = 0; ok && i < sizeof REBUILDERS / sizeof *REBUILDERS; i++)
        if (strcmp(REBUILDERS[i].type, ev->type) == 0) {
            ok = REBUILDERS[i].rebuild(s, ev, p, e);
            arena_free(&a);
            return ok;
        }
    arena_free(&a);
    return ok ? err_set(e, "%s: record %" PRId64 ": a record of kind '%s' cannot be rebuilt", s->path,
                        ev->seq, ev->type)
              : payload_bad(s, ev, e);
}

/* ---- settings ---- */

bool store_get_setting(Store *s, const char *key, char *buf, size_t size, bool *found, Err *e)
{
    DbStmt *st = s->st[ST_GET_SETTING];
    db_bind_text(st, 1, key);
    int rc = db_step(st);
    bool fit = true;
    *found = rc == DB_ROW;
    if (size)
        buf[0] = '\0';
    if (*found) {
        const char *v = db_text(st, 0);
        fit = strlen(v) < size;
        if (fit)
            memcpy(buf, v, strlen(v) + 1);
    }
    db_reset(st);
    if (rc != DB_ROW && rc != DB_DONE)
        return store_sql_error(s, e, "read the settings");
    return fit || err_set(e, "%s: setting '%s' is longer than %zu bytes", s->path, key, size ? size - 1 : 0);
}

typedef struct {
    const char *key, *value;
    int64_t now;
} SettingArgs;

static char *setting_payload(const SettingArgs *a)
{
    Payload pl;
    Json *j = payload_begin(&pl);
    kv_str(j, "key", a->key);
    kv_str(j, "value", a->value);
    return payload_end(&pl);
}

/* Is the stored value already this one? */
static bool setting_same(Store *s, const SettingArgs *a, bool *same, Err *e)
{
    DbStmt *st = s->st[ST_GET_SETTING];
    db_bind_text(st, 1, a->key);
    int rc = db_step(st);
    *same = rc == DB_ROW && strcmp(db_text(st, 0), a->value) == 0;
    db_reset(st);
    return rc == DB_ROW || rc == DB_DONE || store_sql_error(s, e, "read the settings");
}

static bool setting_action(Store *s, const void *arg, Err *e)
{
    const SettingArgs *a = arg;
    bool same;
    int64_t seq;
    if (!setting_same(s, a, &same, e))
        return false;
    if (same)
        return true;
    if (!append_owned(s, "setting", setting_payload(a), a->now, &seq, e))
        return false;
    DbStmt *st = s->st[ST_PUT_SETTING];
    db_bind_text(st, 1, a->key);
    db_bind_text(st, 2, a->value);
    db_bind_int(st, 3, seq);
    return run(s, ST_PUT_SETTING, "save the setting", e);
}

bool store_set_setting(Store *s, const char *key, const char *value, int64_t now, Err *e)
{
    if (!key || !key[0] || !value)
        return err_set(e, "%s: a setting needs a key and a value", s->path);
    SettingArgs a = {key, value, now};
    return store_write(s, setting_action, &a, e);
}

/* ---- proof ---- */

static void event_from_row(DbStmt *st, EventRow *ev)
{
    ev->seq = db_int64(st, 0);
    ev->uuid = db_text(st, 1);
    ev->time = db_int64(st, 2);
    ev->kiosk = db_text(st, 3);
    ev->type = db_text(st, 4);
    ev->content_version = db_text(st, 5);
    ev->payload = db_text(st, 6);
    ev->prev_hash = db_text(st, 7);
}

/* Checks one record against the one before it. False (with r filled) at the first fault. */
static bool verify_row(VerifyResult *r, const EventRow *ev, const char *stored, int64_t want_seq,
                       const char *want_prev, const ChainKey *key, bool keyed, ChainForm *form)
{
    r->bad_seq = ev->seq;
    if (ev->seq != want_seq) {
        snprintf(r->what, sizeof r->what,
                 ev->seq > want_seq
                     ? "the record before it is missing (expected record %" PRId64 " next): deleted"
                     : "out of order (expected record %" PRId64 " next): inserted or reordered",
                 want_seq);
        return false;
    }
    if (strcmp(ev->prev_hash, want_prev) != 0) {
        snprintf(r->what, sizeof r->what,
                 "does not follow the record before it:"
                 " a record was deleted, inserted or reordered");
        return false;
    }
    if (!hash_matches(ev, key, keyed, stored, form)) {
        ChainForm other = CHAIN_BLAKE2B; /* a keyed record where the seal says plain */
        bool keyed_here = !keyed && key->present && hash_matches(ev, key, true, stored, &other);
        snprintf(r->what, sizeof r->what, "%s",
                 keyed ? "its contents do not match its hash: edited (or written without the chain key)"
                 : keyed_here
                     ? "it is keyed with the chain key, but the record's chain seal says it is plain:"
                       " the seal was deleted or moved"
                     : "its contents do not match its hash: edited");
        return false;
    }
    return true;
}

/* ---- the derived tables against their events ----
 * Reports read the derived tables, so verify also proves they say what the chained events say:
 * each test attempt (with its answers), lesson reading, setting and person is rebuilt into the payload
 * its event must have, by the same code that wrote it, and compared byte for byte; rows without
 * an event of their kind, and events without their row, are reported too. */

/* Each kind's events and its table's rows, both in record order, are read side by side (a
 * merge): an event without its row and a row without its event are found in the same pass, and
 * a server is asked a few times rather than once per record. */
static const char AUDIT_ATTEMPT_EVENTS[] =
    "SELECT seq, payload FROM events WHERE type = 'attempt' ORDER BY seq";
static const char AUDIT_ATTEMPTS[] =
    "SELECT seq, code, kind, measure, seed, finished, score, total, pass_percent,"
    " passed, started, ended FROM attempts ORDER BY seq";
static const char AUDIT_ANSWERS[] =
    "SELECT attempt_seq, question_id, picked, correct, n FROM answers ORDER BY attempt_seq, n";
/* The same as stored: SQLite reads the table itself instead of following its key's index
 * (a lookup per answer). Taken only when the rows came in (attempt_seq, n) order (audit_attempts). */
static const char AUDIT_ANSWERS_STORED[] = "SELECT attempt_seq, question_id, picked, correct, n FROM answers";
static const char AUDIT_LESSON_EVENTS[] =
    "SELECT seq, payload, time FROM events WHERE type = 'lesson' ORDER BY seq";
static const char AUDIT_LESSONS[] =
    "SELECT seq, code, measure, lesson_id, version, time FROM lesson_reads ORDER BY seq";
static const char AUDIT_SETTINGS[] =
    "SELECT s.key, s.value, s.seq, e.type, e.payload FROM settings s LEFT JOIN events e ON e.seq = s.seq";
static bool audit_fail(VerifyResult *r, int64_t seq, const char *what)
{
    r->ok = false;
    r->bad_seq = seq;
    r->count = seq - 1; /* the chain itself held: what comes before this record is as written */
    snprintf(r->what, sizeof r->what, "%s", what);
    return true; /* the database was read: the finding is in r */
}

static bool orphan_row(VerifyResult *r, const char *table, int64_t seq)
{
    char what[160];
    snprintf(what, sizeof what, "a row in the %s table has no record of its own (added by hand)", table);
    return audit_fail(r, seq, what);
}

/* Answers read back for one attempt; grows as needed; owned by the audit. */
typedef struct {
    Answer *ans;      /* heap */
    char (*qids)[64]; /* heap: the ids ans points to */
    int cap;
} AnswerBuf;

static void answer_buf_grow(AnswerBuf *b, int need)
{
    if (need <= b->cap)
        return;
    b->cap = need * 2;
    b->ans = xrealloc(b->ans, sizeof *b->ans * (size_t)b->cap);
    b->qids = xrealloc(b->qids, sizeof *b->qids * (size_t)b->cap);
}

/* The answers statement, one row ahead: rc is its last step, DB_ROW while a row is current. */
typedef struct {
    DbStmt *st;
    int rc;
    int64_t seq, n; /* the current row's attempt_seq and n */
    bool disorder;  /* a row came that sorts before the one read before it */
} AnswerCursor;

static void answer_step(AnswerCursor *c)
{
    c->rc = db_step(c->st);
    if (c->rc != DB_ROW)
        return;
    int64_t seq = db_int64(c->st, 0), n = db_int64(c->st, 4);
    c->disorder |= seq < c->seq || (seq == c->seq && n <= c->n);
    c->seq = seq, c->n = n;
}

/* The answers of attempt seq into b (the cursor is at its first, or past them). */
static int take_answers(AnswerCursor *c, int64_t seq, AnswerBuf *b)
{
    int n = 0;
    for (; c->rc == DB_ROW && !c->disorder && c->seq == seq; answer_step(c), n++) {
        answer_buf_grow(b, n + 1);
        store_copy_text(b->qids[n], sizeof b->qids[0], db_text(c->st, 1));
        b->ans[n].picked = (unsigned)db_int64(c->st, 2);
        b->ans[n].correct = db_int(c->st, 3) != 0;
    }
    for (int i = 0; i < n; i++) /* the buffer may have moved while growing */
        b->ans[i].question_id = b->qids[i];
    return n;
}

/* The attempt as its rows say; its answers come from the cursor into b. */
static void attempt_from_rows(DbStmt *st, AnswerCursor *c, Attempt *a, AnswerBuf *b)
{
    *a = (Attempt){.code = db_text(st, 1),
                   .kind = strcmp(db_text(st, 2), "test") == 0 ? ATTEMPT_TEST : ATTEMPT_FOLLOWUP,
                   .measure = db_int(st, 3),
                   .seed = strtoull(db_text(st, 4), NULL, 10),
                   .finished = db_int(st, 5) != 0,
                   .score = db_int(st, 6),
                   .total = db_int(st, 7),
                   .pass_percent = db_int(st, 8),
                   .passed = db_int(st, 9) != 0,
                   .started = db_int64(st, 10),
                   .ended = db_int64(st, 11)};
    a->nanswers = take_answers(c, db_int64(st, 0), b);
    a->answers = b->ans;
}

/* The attempt events, the attempts rows and the answers, read side by side. */
typedef struct {
    DbStmt *ev, *rows;
    int rows_rc; /* the rows' last step: DB_ROW while a row is current */
    AnswerCursor c;
    AnswerBuf buf;
    JsonBuf payload; /* each attempt's payload rebuilt, in one buffer (heap) */
} AttemptMerge;

/* The current event against its attempts row and answers, then past them. A finding goes to r. */
static void attempt_audit_one(AttemptMerge *m, VerifyResult *r)
{
    int64_t seq = db_int64(m->ev, 0);
    if (m->rows_rc == DB_ROW && db_int64(m->rows, 0) < seq)
        return (void)orphan_row(r, "attempts", db_int64(m->rows, 0));
    if (m->rows_rc != DB_ROW || db_int64(m->rows, 0) != seq)
        return (void)audit_fail(r, seq, "the test result of this record is missing from the attempts table");
    if (m->c.rc == DB_ROW && m->c.seq < seq)
        return (void)orphan_row(r, "answers", m->c.seq);
    Attempt a;
    attempt_from_rows(m->rows, &m->c, &a, &m->buf);
    const char *rebuilt = attempt_payload_in(&a, &m->payload);
    if (m->c.rc != DB_ERROR && strcmp(rebuilt, db_text(m->ev, 1)) != 0)
        audit_fail(r, seq, "the attempts or answers table no longer says what this record says");
    m->rows_rc = db_step(m->rows);
}

/* The merge, with the answers read by answers_sql; *disorder: they did not come in order (the
 * merge stopped there, its finding is not to be trusted). */
static bool audit_attempts_in(Store *s, const char *answers_sql, VerifyResult *r, bool *disorder, Err *e)
{
    AttemptMerge m = {.c = {.seq = INT64_MIN}};
    if (!store_stmt(s, AUDIT_ATTEMPT_EVENTS, &m.ev, e) || !store_stmt(s, AUDIT_ATTEMPTS, &m.rows, e) ||
        !store_stmt(s, answers_sql, &m.c.st, e))
        return false;
    int rc = DB_DONE;
    m.rows_rc = db_step(m.rows);
    answer_step(&m.c);
    while (r->ok && !m.c.disorder && m.c.rc != DB_ERROR && m.rows_rc != DB_ERROR &&
           (rc = db_step(m.ev)) == DB_ROW)
        attempt_audit_one(&m, r);
    if (r->ok && rc == DB_DONE && m.rows_rc == DB_ROW) /* rows after the last attempt event */
        orphan_row(r, "attempts", db_int64(m.rows, 0));
    else if (r->ok && rc == DB_DONE && m.c.rc == DB_ROW)
        orphan_row(r, "answers", m.c.seq);
    *disorder = m.c.disorder;
    bool read = m.c.rc != DB_ERROR && m.rows_rc != DB_ERROR && (!r->ok || rc == DB_DONE || *disorder);
    db_reset(m.ev), db_reset(m.rows), db_reset(m.c.st);
    free(m.buf.ans);
    free(m.buf.qids);
    free(m.payload.buf);
    return read || store_sql_error(s, e, "check the test results");
}

/* The answers are read as stored first (the scale record's 3.7 million: no index lookup each).
 * That pass stands only when it found nothing and every answer came in (attempt_seq, n) order:
 * then it read exactly what ORDER BY reads. Else (rows moved by hand, a finding to report) the
 * pass is made again in key order, and its finding is the one reported. */
static bool audit_attempts(Store *s, VerifyResult *r, Err *e)
{
    VerifyResult before = *r;
    bool disorder;
    if (!audit_attempts_in(s, AUDIT_ANSWERS_STORED, r, &disorder, e))
        return false;
    if (r->ok && !disorder)
        return true;
    *r = before;
    return audit_attempts_in(s, AUDIT_ANSWERS, r, &disorder, e);
}

/* The current lesson event against its lesson_reads row (rows' last step in *rows_rc), then
 * past it. A finding goes to r. */
static void lesson_check(DbStmt *ev, DbStmt *rows, int *rows_rc, JsonBuf *keep, VerifyResult *r)
{
    int64_t seq = db_int64(ev, 0);
    if (*rows_rc == DB_ROW && db_int64(rows, 0) < seq)
        return (void)orphan_row(r, "lesson_reads", db_int64(rows, 0));
    if (*rows_rc != DB_ROW || db_int64(rows, 0) != seq)
        return (void)audit_fail(r, seq,
                                "the lesson reading of this record is missing from the lesson_reads table");
    Lesson l = {.id = db_text(rows, 3), .measure = db_int(rows, 2), .version = db_int(rows, 4)};
    LessonArgs a = {db_text(rows, 1), &l, db_int64(rows, 5)};
    const char *rebuilt = lesson_payload_in(&a, keep);
    if (strcmp(rebuilt, db_text(ev, 1)) != 0 || a.now != db_int64(ev, 2))
        audit_fail(r, seq, "the lesson_reads table no longer says what this record says");
    *rows_rc = db_step(rows);
}

static bool audit_lessons(Store *s, VerifyResult *r, Err *e)
{
    DbStmt *ev, *rows;
    JsonBuf keep = {0}; /* each payload rebuilt, in one buffer */
    if (!store_stmt(s, AUDIT_LESSON_EVENTS, &ev, e) || !store_stmt(s, AUDIT_LESSONS, &rows, e))
        return false;
    int rc = DB_DONE, rows_rc = db_step(rows);
    while (r->ok && rows_rc != DB_ERROR && (rc = db_step(ev)) == DB_ROW)
        lesson_check(ev, rows, &rows_rc, &keep, r);
    if (r->ok && rc == DB_DONE && rows_rc == DB_ROW) /* rows after the last lesson event */
        orphan_row(r, "lesson_reads", db_int64(rows, 0));
    bool read = rows_rc != DB_ERROR && (!r->ok || rc == DB_DONE);
    db_reset(ev), db_reset(rows);
    free(keep.buf);
    return read || store_sql_error(s, e, "check the lesson readings");
}

/* The newest setting event of each key: (key prefix of its payload, seq), sorted by key. */
typedef struct {
    char *key; /* heap: the payload up to the value ({"key":"...",) */
    int64_t seq;
    bool seen; /* a settings row points at it */
} SettingEvent;

static char *setting_key(const char *payload)
{
    const char *end = strstr(payload, "\",\"value\":");
    size_t n = end ? (size_t)(end - payload) + 2 : strlen(payload);
    char *k = xmalloc(n + 1);
    memcpy(k, payload, n);
    k[n] = '\0';
    return k;
}

/* By key alone (for bsearch over the newest of each key). */
static int setting_event_cmp_key(const void *a, const void *b)
{
    return strcmp(((const SettingEvent *)a)->key, ((const SettingEvent *)b)->key);
}

/* By key, newest first. */
static int setting_event_cmp(const void *a, const void *b)
{
    const SettingEvent *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->seq < y->seq) - (x->seq > y->seq);
}

static const char AUDIT_SETTING_EVENTS[] = "SELECT seq, payload FROM events WHERE type = 'setting'";

static void setting_events_free(SettingEvent *ev, int n)
{
    for (int i = 0; i < n; i++)
        free(ev[i].key);
    free(ev);
}

/* Every setting event, newest of each key only, sorted by key. */
static bool setting_events(Store *s, SettingEvent **out, int *n, Err *e)
{
    DbStmt *st;
    SettingEvent *ev = NULL;
    int count = 0, cap = 0, rc, kept = 0;
    if (!store_stmt(s, AUDIT_SETTING_EVENTS, &st, e))
        return false;
    while ((rc = db_step(st)) == DB_ROW) {
        if (count == cap)
            ev = xrealloc(ev, sizeof *ev * (size_t)(cap = cap ? cap * 2 : 16));
        ev[count++] = (SettingEvent){setting_key(db_text(st, 1)), db_int64(st, 0), false};
    }
    db_reset(st);
    if (rc != DB_DONE) {
        setting_events_free(ev, count);
        return store_sql_error(s, e, "check the settings");
    }
    if (count)
        qsort(ev, (size_t)count, sizeof *ev, setting_event_cmp);
    for (int i = 0; i < count; i++) /* keep the first (newest) of each key */
        if (kept == 0 || strcmp(ev[i].key, ev[kept - 1].key) != 0)
            ev[kept++] = ev[i];
        else
            free(ev[i].key);
    *out = ev, *n = kept;
    return true;
}

/* Each settings row says what the newest event about its key says; each key has its row. */
static bool audit_settings(Store *s, VerifyResult *r, Err *e)
{
    DbStmt *st;
    SettingEvent *ev = NULL;
    int nev = 0, rc = DB_DONE;
    if (!store_stmt(s, AUDIT_SETTINGS, &st, e) || !setting_events(s, &ev, &nev, e))
        return false;
    while (r->ok && (rc = db_step(st)) == DB_ROW) {
        SettingArgs a = {.key = db_text(st, 0), .value = db_text(st, 1)};
        char *rebuilt = setting_payload(&a);
        SettingEvent probe = {setting_key(rebuilt), INT64_MAX, false}, *newest = NULL;
        if (nev)
            newest = bsearch(&probe, ev, (size_t)nev, sizeof *ev, setting_event_cmp_key);
        if (strcmp(db_text(st, 3), "setting") != 0 || strcmp(rebuilt, db_text(st, 4)) != 0 || !newest ||
            newest->seq != db_int64(st, 2))
            audit_fail(r, db_int64(st, 2), "the settings table no longer says what this record says");
        else
            newest->seen = true;
        free(rebuilt), free(probe.key);
    }
    db_reset(st);
    for (int i = 0; r->ok && rc == DB_DONE && i < nev; i++)
        if (!ev[i].seen)
            audit_fail(r, ev[i].seq, "this setting is missing from the settings table (deleted by hand)");
    setting_events_free(ev, nev);
    return !r->ok || rc == DB_DONE || store_sql_error(s, e, "check the settings");
}

static const char AUDIT_EMPLOYEES[] = "SELECT " EMPLOYEE_COLUMNS ", seq FROM employees";
static const char AUDIT_PERSON_EVENTS[] =
    "SELECT seq, type, payload, time FROM events WHERE type IN ('employee', 'prefs')";

/* An event about a person, keyed by the start every such payload has: {"code":"...", */
typedef struct {
    char *key; /* heap: the payload up to and with the comma after the code */
    int64_t seq, time;
    bool employee; /* an employee event (else prefs) */
    char *payload; /* heap */
} PersonEvent;

static char *person_key(const char *payload)
{
    const char *end = strstr(payload, "\",");
    size_t n = end ? (size_t)(end - payload) + 2 : strlen(payload);
    char *k = xmalloc(n + 1);
    memcpy(k, payload, n);
    k[n] = '\0';
    return k;
}

/* By person, newest first. */
static int person_event_cmp(const void *a, const void *b)
{
    const PersonEvent *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->seq < y->seq) - (x->seq > y->seq);
}

static void person_events_free(PersonEvent *ev, int n)
{
    for (int i = 0; i < n; i++)
        free(ev[i].key), free(ev[i].payload);
    free(ev);
}

/* Every employee and prefs event, grouped by person, newest first. */
static bool person_events(Store *s, PersonEvent **out, int *n, Err *e)
{
    DbStmt *st;
    PersonEvent *ev = NULL;
    int count = 0, cap = 0, rc;
    if (!store_stmt(s, AUDIT_PERSON_EVENTS, &st, e))
        return false;
    while ((rc = db_step(st)) == DB_ROW) {
        if (count == cap)
            ev = xrealloc(ev, sizeof *ev * (size_t)(cap = cap ? cap * 2 : 64));
        const char *payload = db_text(st, 2);
        ev[count++] = (PersonEvent){person_key(payload), db_int64(st, 0), db_int64(st, 3),
                                    strcmp(db_text(st, 1), "employee") == 0, xstrdup(payload)};
    }
    db_reset(st);
    if (rc != DB_DONE) {
        person_events_free(ev, count);
        return store_sql_error(s, e, "check the roster");
    }
    if (count)
        qsort(ev, (size_t)count, sizeof *ev, person_event_cmp);
    *out = ev, *n = count;
    return true;
}

/* Does the employee event's payload describe p, with some lang and large_text (which later
 * prefs events may have changed since)? */
static bool employee_event_matches(const Employee *p, const char *payload)
{
    for (int lang = LANG_JA; lang <= LANG_EN; lang++)
        for (int big = 0; big <= 1; big++) {
            Employee then = *p;
            then.lang = (Lang)lang, then.large_text = big;
            char *want = employee_payload(&then);
            bool same = strcmp(want, payload) == 0;
            free(want);
            if (same)
                return true;
        }
    return false;
}

/* One person's row against the events about them (ev[0..n), newest first): the row's seq is
 * the newest, its fields are the last employee event's, its preferences the newest event's. */
static bool person_matches(const Employee *p, int64_t row_seq, const PersonEvent *ev, int n)
{
    if (n == 0 || ev[0].seq != row_seq)
        return false;
    PrefsArgs pa = {p->code, p->lang, p->large_text, 0};
    char *want = ev[0].employee ? employee_payload(p) : prefs_payload(&pa);
    bool newest = strcmp(want, ev[0].payload) == 0;
    free(want);
    int64_t first = 0; /* the oldest employee event's time: when the person was added */
    for (int i = 0; i < n; i++)
        if (ev[i].employee)
            first = ev[i].time;
    if (first != p->added)
        return false;
    for (int i = 0; newest && i < n; i++)
        if (ev[i].employee)
            return employee_event_matches(p, ev[i].payload);
    return false;
}

static bool audit_employees(Store *s, VerifyResult *r, Err *e)
{
    PersonEvent *ev = NULL;
    int nev = 0, rc = DB_DONE, people = 0, groups = 0;
    DbStmt *st;
    if (!store_stmt(s, AUDIT_EMPLOYEES, &st, e) || !person_events(s, &ev, &nev, e))
        return false;
    for (int i = 0; i < nev; i++)
        groups += i == 0 || strcmp(ev[i].key, ev[i - 1].key) != 0;
    while (r->ok && (rc = db_step(st)) == DB_ROW) {
        Employee p;
        employee_from_row(st, &p);
        int64_t row_seq = db_int64(st, 10);
        PrefsArgs pa = {p.code, p.lang, p.large_text, 0};
        char *payload = prefs_payload(&pa), *key = person_key(payload);
        PersonEvent probe = {.key = key, .seq = INT64_MAX};
        int lo = 0, hi = nev; /* the first event of this person: the newest */
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (person_event_cmp(&ev[mid], &probe) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        int end = lo;
        while (end < nev && strcmp(ev[end].key, key) == 0)
            end++;
        if (!person_matches(&p, row_seq, ev + lo, end - lo))
            audit_fail(r, row_seq,
                       "the employees table no longer says what the records about this person say");
        free(payload), free(key);
        people++;
    }
    db_reset(st);
    person_events_free(ev, nev);
    if (r->ok && rc != DB_DONE)
        return store_sql_error(s, e, "check the roster");
    if (r->ok && people != groups)
        audit_fail(r, 0, "a person recorded in the log is missing from the employees table");
    return true;
}

bool store_audit_attempts(Store *s, VerifyResult *r, Err *e)
{
    return audit_attempts(s, r, e);
}

bool store_audit_others(Store *s, VerifyResult *r, Err *e)
{
    return audit_lessons(s, r, e) && (!r->ok || audit_settings(s, r, e)) &&
           (!r->ok || audit_employees(s, r, e)) && (!r->ok || store_audit_diagnoses(s, r, e)) &&
           (!r->ok || store_audit_pledges(s, r, e));
}

bool store_audit_tables(Store *s, VerifyResult *r, Err *e)
{
    return store_audit_attempts(s, r, e) && (!r->ok || store_audit_others(s, r, e));
}

static bool verify_fail(VerifyResult *r, int64_t seq, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool verify_fail(VerifyResult *r, int64_t seq, const char *fmt, ...)
{
    va_list ap;
    r->ok = false;
    r->bad_seq = seq;
    r->head[0] = '\0';
    va_start(ap, fmt);
    vsnprintf(r->what, sizeof r->what, fmt, ap);
    va_end(ap);
    return true;
}

/* The seal against this computer's key: false (with the finding in r) when it cannot be used. */
static bool verify_seal(Store *s, const Seal *seal, VerifyResult *r)
{
    if (!seal->found)
        return true;
    r->keyed_from = seal->from;
    snprintf(r->key_id, sizeof r->key_id, "%s", seal->key_id);
    if (seal->from < 1)
        return !verify_fail(r, 1, "the chain seal (meta chain_keyed) is not one mamori wrote: altered");
    if (!s->key.present || strcmp(s->key.id, seal->key_id) != 0) {
        verify_fail(r, seal->from,
                    "records from %" PRId64 " on are sealed with the chain key %s, and this computer %s%s%s:"
                    " give the kiosk's key file with MAMORI_KEY=FILE to check them",
                    seal->from, seal->key_id, s->key.present ? "has the key " : "has no key at ",
                    s->key.present ? s->key.id : s->key.path, s->key.present ? " instead" : "");
        r->key_missing = true;
        return false;
    }
    return seal_valid(s, seal) ||
           !verify_fail(r, seal->from,
                        "the chain seal (meta chain_keyed) does not match the key: altered to pass keyed"
                        " records off as plain ones");
}

/* Where a walk over the records is: r->count (in VerifyResult) records checked from the first,
 * and what it noted on the way. */
typedef struct {
    char prev[65];      /* the last checked record's hash; ZERO_HASH before the first */
    ChainForm form;     /* the last keyed record's form: the next is tried in it first */
    char first[65];     /* the first record's hash, once checked */
    int64_t anchor_seq; /* the checked record whose hash is the anchor; 0 while none */
} WalkAt;

static const char EVENTS_AFTER[] = "SELECT seq, uuid, time, kiosk, type, content_version, payload, prev_hash,"
                                   " hash FROM events WHERE seq > ?1 ORDER BY seq";

/* Checks the records st gives, in seq order, up to seq upto, going on from where w is; stops at
 * the first that fails (r->ok false). Resets st. */
static bool walk_rows(Store *s, const Seal *seal, DbStmt *st, int64_t upto, VerifyResult *r, WalkAt *w,
                      Err *e)
{
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        EventRow ev;
        event_from_row(st, &ev);
        if (ev.seq > upto)
            break;
        if (s->stop && (ev.seq & 4095) == 0 && atomic_load(s->stop)) {
            db_reset(st);
            return err_set(e, "%s: stopped", s->path);
        }
        const char *stored = db_text(st, 8);
        if (!verify_row(r, &ev, stored, r->count + 1, w->prev, &s->key, keyed_at(seal, ev.seq), &w->form)) {
            r->ok = false;
            break;
        }
        r->count++;
        if (r->count == 1)
            snprintf(w->first, sizeof w->first, "%s", stored);
        if (s->anchor[0] && strcmp(stored, s->anchor) == 0)
            w->anchor_seq = ev.seq;
        size_t n = strnlen(stored, sizeof w->prev - 1); /* a hash: 64 hex digits */
        memcpy(w->prev, stored, n);
        w->prev[n] = '\0';
    }
    db_reset(st);
    return rc == DB_ROW || rc == DB_DONE || store_sql_error(s, e, "read the records");
}

/* The records after seq `after`, going on from where w is. */
static bool walk_after(Store *s, const Seal *seal, int64_t after, VerifyResult *r, WalkAt *w, Err *e)
{
    DbStmt *st;
    if (!store_stmt(s, EVENTS_AFTER, &st, e))
        return false;
    db_bind_int(st, 1, after);
    return walk_rows(s, seal, st, INT64_MAX, r, w, e);
}

/* ---- the walk in two halves at once ----
 * Each record is checked against its own fields and the hash stored in the record before it, so
 * the records after seq `after` can be checked on another thread, from the hash stored at
 * `after`, while this one checks those up to it. The second half's findings are taken only
 * when the first ended exactly where the second began (after records checked, the same last
 * hash): then they are the ones one walk would give. Otherwise (the first half failed, or
 * records around `after` were deleted or rewritten) the first half's finding stands, or the walk
 * goes on from the first half's end in this thread. */

typedef struct {
    Store *s;         /* its own (store_open_beside) */
    const Seal *seal; /* borrowed */
    int64_t after;    /* the first half's last seq */
    char start[65];   /* the hash stored at `after`, as this half read it */
    VerifyResult r;   /* r.count from `after` on */
    WalkAt w;         /* from start */
    bool read;        /* false: no record `after`, or an error: the walk goes on in turn */
    pthread_t thread;
} Half;

static void *half_run(void *arg)
{
    Half *h = arg;
    Err e;
    bool found;
    h->r = (VerifyResult){.ok = true, .count = h->after};
    if (!store_read_begin(h->s, &e)) /* the hash at `after` and the records after it, from one moment */
        return NULL;
    if (event_hash_at(h->s, h->after, h->start, &found, &e) && found) {
        snprintf(h->w.prev, sizeof h->w.prev, "%s", h->start);
        h->read = walk_after(h->s, h->seal, h->after, &h->r, &h->w, &e);
    }
    store_read_end(h->s);
    return NULL;
}

/* Starts the second half when there are at least split records (and a connection and a thread
 * to be had). */
static bool half_start(Store *s, const Seal *seal, int64_t split, Half *h)
{
    int64_t last;
    char hash[65];
    Err ignored;
    *h = (Half){.seal = seal};
    if (split <= 0 || !chain_head(s, &last, hash, &ignored) || last < split ||
        !store_open_beside(s, &h->s, &ignored))
        return false;
    h->after = last / 2;
    return pthread_create(&h->thread, NULL, half_run, h) == 0;
}

/* The second half's findings, when it began where the first half ended. */
static bool half_take(const Half *h, VerifyResult *r, WalkAt *w)
{
    if (!h->read || r->count != h->after || strcmp(w->prev, h->start) != 0)
        return false;
    r->ok = h->r.ok;
    r->count = h->r.count;
    r->bad_seq = h->r.bad_seq ? h->r.bad_seq : r->bad_seq; /* the last record checked, or the bad one */
    snprintf(r->what, sizeof r->what, "%s", h->r.what);
    snprintf(w->prev, sizeof w->prev, "%s", h->w.prev);
    w->anchor_seq = h->w.anchor_seq ? h->w.anchor_seq : w->anchor_seq;
    return true;
}

/* Walks every record (in two halves at once from split records on; split 0: never); r->count
 * and the head, w->first and w->anchor_seq. */
static bool verify_walk(Store *s, const Seal *seal, int64_t split, VerifyResult *r, WalkAt *w, Err *e)
{
    Half h;
    bool halves = half_start(s, seal, split, &h);
    *w = (WalkAt){.prev = ZERO_HASH_INIT};
    bool read = walk_rows(s, seal, s->st[ST_EVENTS], halves ? h.after : INT64_MAX, r, w, e);
    if (halves)
        pthread_join(h.thread, NULL);
    store_close(h.s);
    if (read && r->ok && halves && !half_take(&h, r, w))
        read = walk_after(s, seal, h.after, r, w, e);
    if (read && r->ok)
        snprintf(r->head, sizeof r->head, "%s", r->count ? w->prev : "");
    return read;
}

/* The witness beside the record against the chain just walked. */
static bool verify_witness(Store *s, VerifyResult *r, WitnessState ws, const Witness *wp, const char *first,
                           Err *e)
{
    const Witness w = *wp;
    char at[65];
    bool found;
    r->witness = ws == WITNESS_OK     ? VERIFY_WITNESS_AGREES
                 : ws == WITNESS_NONE ? VERIFY_WITNESS_NONE
                                      : VERIFY_WITNESS_UNREADABLE;
    if (ws == WITNESS_UNREADABLE)
        return verify_fail(
            r, r->count > 0 ? r->count : 1,
            "its witness (%s) cannot be read (it is not a file mamori wrote): the record cannot be"
            " checked against it, and a cut or rewritten tail would not show (if you know why,"
            " move the witness file away)",
            s->witness);
    if (ws != WITNESS_OK)
        return true;
    r->witness_count = w.count;
    if (r->count > 0 && strcmp(first, w.first) != 0) {
        r->witness = VERIFY_WITNESS_OTHER;
        return verify_fail(r, 1,
                           "it is not the first record its witness (%s) saw: another record was put in its"
                           " place, or the records were rewritten from the first on (as a record stripped of"
                           " its seal and chained again must be); if another record was put here on purpose,"
                           " move the witness file away",
                           s->witness);
    }
    if (r->count < w.count)
        return verify_fail(r, r->count + 1,
                           "missing: the record ends at record %" PRId64 ", but its witness (%s) saw %" PRId64
                           " records: the last %" PRId64 " were cut off",
                           r->count, s->witness, w.count, w.count - r->count);
    if (!event_hash_at(s, w.count, at, &found, e))
        return false;
    if (strcmp(at, w.head) != 0)
        return verify_fail(r, w.count,
                           "it is not the record the witness (%s) saw there: the records were rewritten"
                           " from here on",
                           s->witness);
    return true;
}

/* The anchor given by store_set_anchor against the chain just walked. */
static bool verify_anchor(Store *s, VerifyResult *r, int64_t anchor_seq)
{
    if (!s->anchor[0])
        return true;
    bool seq_ok = s->anchor_count <= 0 || anchor_seq == s->anchor_count;
    if (anchor_seq && seq_ok)
        return r->anchor_checked = true;
    if (s->anchor_count > r->count)
        return verify_fail(r, r->count + 1,
                           "missing: the record ends at record %" PRId64 ", but the anchor %" PRId64
                           ":%s was printed when it had %" PRId64 ": the last records were cut off",
                           r->count, s->anchor_count, s->anchor, s->anchor_count);
    if (s->anchor_count > 0)
        return verify_fail(r, s->anchor_count,
                           "it is not the record the anchor %" PRId64 ":%s names: rewritten from here on",
                           s->anchor_count, s->anchor);
    return verify_fail(r, r->count + 1,
                       "the anchor %s is in no record of this chain: the records up to it were cut off or"
                       " rewritten",
                       s->anchor);
}

static bool verify_chain(Store *s, int64_t split, VerifyResult *r, Err *e)
{
    Seal seal;
    WalkAt w;
    *r = (VerifyResult){.ok = true};
    if (!seal_read(s, &seal, e))
        return false;
    if (!verify_seal(s, &seal, r))
        return true;
    Witness wit = {0}; /* read before the walk: never ahead of what the walk will see */
    WitnessState ws = s->witness[0] ? witness_read(s->witness, &wit) : WITNESS_NONE;
    if (!verify_walk(s, &seal, split, r, &w, e))
        return false;
    if (r->ok && seal.found && seal.from > r->count + 1)
        verify_fail(r, r->count + 1,
                    "the chain seal names record %" PRId64 " as its first keyed one, past the last (%" PRId64
                    "): the last records were cut off, or the seal is another record's",
                    seal.from, r->count);
    if (!r->ok)
        return true;
    if (!verify_witness(s, r, ws, &wit, w.first, e))
        return false;
    if (r->ok)
        verify_anchor(s, r, w.anchor_seq);
    return true;
}

bool store_verify_chain(Store *s, VerifyResult *r, Err *e)
{
    return verify_chain(s, 0, r, e);
}

bool store_verify_chain_halves(Store *s, int64_t split, VerifyResult *r, Err *e)
{
    return verify_chain(s, split, r, e);
}
