/* store.h — the records: an append-only, hash-chained event log in one SQLite file.
 *
 * Every change is an event (employee added or changed, lesson read, test attempt with every
 * answer, pledge signed, setting changed). Each event row holds the SHA-256 of the previous
 * event's hash and its own fields, so `store_verify` can prove nothing was edited, deleted or
 * reordered. Tables derived from the events (employees, lesson reads, attempts, answers,
 * settings) are written in the same transaction: one transaction per user action, WAL,
 * synchronous=FULL. When a function returns true the action is on disk.
 *
 * The rest of the program sees verbs of the domain, never SQL. Time comes in as a parameter
 * (`now`, Unix seconds). */
#ifndef MAMORI_STORE_H
#define MAMORI_STORE_H

#include "content.h"
#include "err.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct Store Store;

typedef enum { ROLE_EMPLOYEE, ROLE_MANAGER, ROLE_PRESIDENT } Role;

typedef struct {
    char code[32];        /* employee code, as text (leading zeros kept) */
    char name[128];
    char kana[128];
    char department[128];
    Role role;
    Lang lang;            /* preferred language */
    bool active;
    bool large_text;      /* the person chose larger text at the kiosk */
} Employee;

/* Opens (creating if missing) the database at path. The directory must exist. Fails with a
 * plain message for: a missing directory, a file that is not a mamori database, a schema newer
 * than this program, a read-only or locked file. Never modifies a file it rejects. */
bool store_open(Store **out, const char *path, Err *e);
void store_close(Store *s);

/* The content version recorded with each later event (Content.version). Borrowed. */
void store_set_content_version(Store *s, const char *version);
/* This kiosk's id (a UUID made when the database was created). */
const char *store_kiosk_id(const Store *s);

/* ---- employees ---- */

/* Adds or updates every row in one transaction; a row equal to the stored one writes nothing.
 * *changed (may be NULL) gets how many people were added or changed. People not in rows are
 * left as they are. large_text is the person's own choice at the kiosk, so a person already
 * stored keeps theirs (rows' large_text is used only for people added). */
bool store_import_employees(Store *s, const Employee *rows, int nrows, int64_t now, int *changed,
                            Err *e);
/* Adds or updates one person (the manager's roster screen; deactivating is active=false). */
bool store_put_employee(Store *s, const Employee *emp, int64_t now, Err *e);
/* Every person, active first then by department, kana, code. *out is heap, caller frees. */
bool store_list_employees(Store *s, bool include_inactive, Employee **out, int *n, Err *e);
/* *found is false when no person has that code. */
bool store_find_employee(Store *s, const char *code, Employee *out, bool *found, Err *e);
/* The person's kiosk preferences (an event, like every change). */
bool store_set_prefs(Store *s, const char *code, Lang lang, bool large_text, int64_t now, Err *e);

/* ---- learning ---- */

bool store_record_lesson(Store *s, const char *code, const Lesson *lesson, int64_t now, Err *e);

typedef enum { ATTEMPT_TEST, ATTEMPT_FOLLOWUP } AttemptKind;

typedef struct {
    const char *question_id; /* borrowed */
    unsigned picked;         /* bit i set: the person picked choice i (content order) */
    bool correct;
} Answer;

typedef struct {
    const char *code;        /* borrowed */
    AttemptKind kind;
    int measure;             /* 1–25 for a test; 0 for a follow-up quiz */
    uint64_t seed;           /* the shuffle seed */
    bool finished;           /* false: abandoned (timeout, sign-out) */
    int score, total;        /* right answers, questions asked */
    int pass_percent;
    bool passed;
    int64_t started, ended;
    const Answer *answers;   /* borrowed */
    int nanswers;
} Attempt;

/* Records the attempt and every answer as one event. */
bool store_record_attempt(Store *s, const Attempt *a, Err *e);

typedef struct {
    int64_t read_at;         /* 0: never read */
    int read_version;
    int64_t passed_at;       /* 0: never passed; else the first passing test */
    int64_t last_passed_at;  /* the latest passing test (refreshers count from it) */
    int best_score, best_total;
    int64_t last_test_at;    /* 0: never tested */
    int attempts;            /* finished tests */
} MeasureStatus;

/* out[m-1] for every measure m. */
bool store_measure_status(Store *s, const char *code, MeasureStatus out[MEASURES], Err *e);

/* Every answer the person gave (tests and follow-ups), oldest first: for the follow-up
 * scheduler. *out is heap (question ids in a buffer owned by it), caller frees with
 * store_answer_log_free. */
typedef struct {
    char question_id[64];
    bool correct;
    int64_t time;
} LoggedAnswer;
bool store_answer_log(Store *s, const char *code, LoggedAnswer **out, int *n, Err *e);

/* The last finished follow-up quiz and the last thing the person did (lesson read or test or
 * quiz ended); 0 when none. */
bool store_activity(Store *s, const char *code, int64_t *last_followup, int64_t *last_activity, Err *e);

/* ---- settings ---- */

/* *found false (and buf "") when the key was never set. */
bool store_get_setting(Store *s, const char *key, char *buf, size_t size, bool *found, Err *e);
bool store_set_setting(Store *s, const char *key, const char *value, int64_t now, Err *e);

/* ---- proof ---- */

typedef struct {
    bool ok;
    int64_t count;       /* events checked */
    char head[65];       /* hex hash of the last event ("" when empty) */
    int64_t bad_seq;     /* when !ok: the first record that fails */
    char what[256];      /* when !ok: what is wrong with it */
} VerifyResult;

/* Recomputes the whole chain. Returns false only when the database could not be read. */
bool store_verify(Store *s, VerifyResult *r, Err *e);

/* ---- names (shared by the roster parser, the CLI and reports) ---- */

const char *store_role_name(Role r);          /* "employee", "manager", "president" */
bool store_role_parse(const char *s, Role *r); /* exact lower-case names; false otherwise */
const char *store_lang_name(Lang l);          /* "ja", "en" */
bool store_lang_parse(const char *s, Lang *l);

/* Frees what store_answer_log returned (same as free). */
void store_answer_log_free(LoggedAnswer *log);

/* ---- for store_* extension modules only (e.g. pledges) ----
 *
 * An extension writes its event and its own derived tables in one transaction:
 *
 *     if (!store_begin(s, e)) return false;
 *     if (store_append_event(s, "pledge", json, now, &seq, hash, e) && write_my_rows(...)
 *         && store_commit(s, e)) return true;
 *     store_rollback(s);
 *     return false;
 *
 * The store's own verbs run their own transaction: never call them between store_begin and
 * store_commit (that is a bug and dies). Tables an extension creates must be made with
 * CREATE TABLE IF NOT EXISTS by the extension (store.c's migrations own the rest). */

typedef struct sqlite3 sqlite3;

/* BEGIN IMMEDIATE: takes the write lock now (waits up to 2 s for another writer). */
bool store_begin(Store *s, Err *e);
/* On failure the transaction is still open: call store_rollback. */
bool store_commit(Store *s, Err *e);
/* Undoes everything since store_begin; harmless when nothing is open. */
void store_rollback(Store *s);
/* Appends one hash-chained event (type: a short lower-case word; payload_json: compact JSON
 * made with json.h). *seq_out (may be NULL) gets its sequence number, hash_out (may be NULL)
 * its hex SHA-256. Must run inside store_begin/store_commit. */
bool store_append_event(Store *s, const char *type, const char *payload_json, int64_t now,
                        int64_t *seq_out, char hash_out[65], Err *e);
/* The connection, for an extension's own statements. Borrowed. */
sqlite3 *store_db(Store *s);
/* Turns a SQLite result code into a plain message "PATH: could not DOING: reason" in e.
 * Always returns false. */
bool store_sql_error(Store *s, Err *e, int rc, const char *doing);

#endif
