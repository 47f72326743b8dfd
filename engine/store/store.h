/* store.h — the records: an append-only, hash-chained event log, in one SQLite file (one kiosk) or
 * in a PostgreSQL database shared by several kiosks.
 *
 * Every change is an event (employee added or changed, lesson read, test attempt with every
 * answer, pledge signed, setting changed). Each event row holds the SHA-256 of the previous
 * event's hash and its own fields, so `store_verify` can prove nothing was edited, deleted or
 * reordered. Tables derived from the events (employees, lesson reads, attempts, answers,
 * settings, pledges) are written in the same transaction: one transaction per user action. When a
 * function returns true the action is durable: on disk (WAL, synchronous=FULL), or committed on
 * the server (synchronous_commit on).
 *
 * The rest of the program sees verbs of the domain, never SQL, and never which database it runs
 * on (the drivers are behind store_internal.h and db.h). Time comes in as a parameter (`now`,
 * Unix seconds). */
#ifndef MAMORI_STORE_H
#define MAMORI_STORE_H

#include "content.h"
#include "diagsheet.h"
#include "err.h"
#include "pledge.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct Store Store;

typedef enum { ROLE_EMPLOYEE, ROLE_MANAGER, ROLE_PRESIDENT } Role;

typedef struct {
    char code[32]; /* employee code, as text (leading zeros kept) */
    char name[128];
    char kana[128];
    char department[128];
    char department_kana[128]; /* the department's reading (katakana as stored), "" when none */
    Role role;
    Lang lang; /* preferred language */
    bool active;
    bool large_text; /* the person chose larger text at the kiosk */
    int64_t added;   /* read only: Unix seconds of the person's first record (added to the roster) */
} Employee;

/* Opens (creating the schema if empty) the database at target: a file path, or a PostgreSQL
 * connection URI (postgresql://user@host/db?sslmode=verify-full, postgresql:///db?host=/socket/dir;
 * libpq's rules, service files and PGPASSFILE apply; a password in the URI is refused). For a
 * file the directory must exist. Fails with a plain message for: a missing directory, a file or
 * database that is not a mamori database, a schema newer than this program, a read-only or
 * locked file, a server that cannot be reached, a refused user or password. Never modifies a
 * database it rejects. */
bool store_open(Store **out, const char *target, Err *e);
/* Opens an existing record only to read it (verify, reports, exports): nothing is created or
 * written, not even SQLite's journal settings, so it works on a read-only copy (a 0444 file in a
 * 0555 folder, a CD) and on a full disk. Refuses what is not a mamori record: a missing or empty
 * (0-byte) file, another program's database, an older schema. Every writing verb fails on it. */
bool store_open_readonly(Store **out, const char *target, Err *e);
/* A second connection to s's record, only to read it (store_open_readonly), with s's anchor
 * (store_set_anchor): for work on another thread beside s, as a report's chain check. It reads
 * at its own moment, not inside s's store_read_begin. Close it with store_close. */
bool store_open_beside(const Store *s, Store **out, Err *e);
void store_close(Store *s);
/* Is there something at target to open (a file that exists, or any server URI)? For the verbs
 * that only read: a mistyped path is an error, not a new empty database. */
bool store_exists(const char *target);
/* Is this store a server shared by several kiosks (PostgreSQL)? */
bool store_is_shared(const Store *s);
/* How long a write waits for another program's write lock before it fails with "in use"
 * (2000 ms after store_open). The kiosk's frame loop uses STORE_FRAME_BUSY_MS, 0: a frame never
 * waits for a lock held elsewhere; a result goes to the outbox, which retries it every few
 * seconds, and any other write fails at once with its message on screen (press again). The
 * waiting is left to the threads off the loop (the sync thread, a job's connection). */
enum { STORE_OPEN_BUSY_MS = 2000, STORE_FRAME_BUSY_MS = 0 };
void store_set_busy_timeout(Store *s, int ms);

/* The content version recorded with each later event (Content.version). Borrowed. */
void store_set_content_version(Store *s, const char *version);
/* This kiosk's id: a UUID made when the SQLite file was created, or on a shared server the one in
 * the file kiosk-id beside the default database path (made once per machine). */
const char *store_kiosk_id(const Store *s);

/* ---- employees ---- */

/* The department's reading (department_kana) is one per department, kept on each of its people's
 * rows and events: hiragana are stored as katakana; a person written without one takes the one
 * their department has; a person written with one gives it to everyone in the department who has
 * another (an employee event each). A person without a department has none.
 *
 * Adds or updates every row in one transaction; a row equal to the stored one writes nothing.
 * *changed (may be NULL) gets how many people were added or changed. People not in rows are
 * left as they are, but for their department's reading. large_text is the person's own choice at
 * the kiosk, so a person already stored keeps theirs (rows' large_text is used only for people
 * added). */
bool store_import_employees(Store *s, const Employee *rows, int nrows, int64_t now, int *changed, Err *e);
/* Adds or updates one person (the manager's roster screen; deactivating is active=false). */
bool store_put_employee(Store *s, const Employee *emp, int64_t now, Err *e);
/* Every person, active first then by department (those with a reading first, in the order of
 * their reading, then the rest by name), kana, code. *out is heap, caller frees. */
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
    const char *code; /* borrowed */
    AttemptKind kind;
    int measure;      /* 1–25 for a test; 0 for a follow-up quiz */
    uint64_t seed;    /* the shuffle seed */
    bool finished;    /* false: abandoned (timeout, sign-out) */
    int score, total; /* right answers, questions asked */
    int pass_percent;
    bool passed;
    int64_t started, ended;
    const Answer *answers; /* borrowed */
    int nanswers;
} Attempt;

/* Records the attempt and every answer as one event. */
bool store_record_attempt(Store *s, const Attempt *a, Err *e);
/* The same, unless the record already holds this attempt (the same person, kind, measure,
 * seed, start and end): then *already is true and nothing is written. For replaying the
 * outbox, where a crash between writing a result and clearing it must not record it twice. */
bool store_record_attempt_once(Store *s, const Attempt *a, bool *already, Err *e);
/* After a failed write: whether the record refuses the attempt for good as it stands (impossible
 * figures, a person not on the roster), so trying it again later is no use until someone acts
 * (adds the person back); false when it may simply not be writable now (locked, full, the server
 * away), and when that cannot be told. why gets the reason when true. */
bool store_attempt_refused(Store *s, const Attempt *a, char *why, size_t size);
/* The seal of an attempt waiting in the outbox file: HMAC-SHA-256 under this computer's chain key
 * over the event it will become, so a row written or changed outside mamori (a pass put in by
 * hand) is told from the kiosk's own; false (e says why) without a key. */
bool store_attempt_seal(Store *s, const Attempt *a, char hex[65], Err *e);

typedef struct {
    int64_t read_at; /* 0: never read */
    int read_version;
    int64_t passed_at;      /* 0: never passed; else the first passing test */
    int64_t last_passed_at; /* the latest passing test (refreshers count from it) */
    int best_score, best_total;
    int64_t last_test_at; /* 0: never tested */
    int attempts;         /* finished tests */
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

/* ---- everyone at once (for reports) ----
 *
 * store_measure_status, store_activity and store_answer_log (and store_each_pledge_status
 * below) for every person in the record, each table read in one question to the database however
 * many people there are: on a server every question is a round trip, so a report over 1,000
 * people asks a handful, not thousands.
 *
 * store_each_figures reads the lesson and attempt tables once each in record order (no sort, no
 * index look-up per row: on a big record the look-ups cost more than the rows). For each row it
 * asks figures_of(ctx, code) where that person's figures are (NULL: not wanted) and folds the row
 * in, so that each person's figures end as the per-person verbs give them (store_measure_status,
 * store_activity), provided the caller zeroed them first. */
typedef struct {
    MeasureStatus *status;  /* [MEASURES] */
    int64_t *last_followup; /* store_activity's two moments */
    int64_t *last_activity;
} StoreFigures;
typedef bool StoreFiguresOf(void *ctx, const char *code, StoreFigures *out);
bool store_each_figures(Store *s, StoreFiguresOf *figures_of, void *ctx, Err *e);

/* store_each_answer_log calls fn(ctx, code, ...) once for every person who has answers, with
 * exactly what store_answer_log gives them; people come in no promised order, and a person
 * without answers gets no call. What fn is given is valid during the call only. */
typedef void StoreEachLog(void *ctx, const char *code, const LoggedAnswer *log, int n);
bool store_each_answer_log(Store *s, StoreEachLog *fn, void *ctx, Err *e);

/* ---- answers by question (store_items.c) ---- */

/* The answers of the person's latest test at the measure that has any answer (finished or
 * abandoned), in the order asked: what a retake draw needs. None (n = 0) when never tested.
 * *out is heap, free with store_answer_log_free. */
bool store_last_test(Store *s, const char *code, int measure, LoggedAnswer **out, int *n, Err *e);

/* One answer of a finished comprehension test, for the item statistics. */
typedef struct {
    int64_t attempt; /* the attempt's record number: answers of one attempt are adjacent */
    char question_id[64];
    unsigned picked; /* bit i: choice i (content order) was picked */
    bool correct;
} ItemAnswer;

/* Every answer of every finished comprehension test (follow-up quizzes and abandoned tests
 * are left out), by attempt then by place in it. *out is heap, free with store_item_answers_free. */
bool store_item_answers(Store *s, ItemAnswer **out, int *n, Err *e);
/* The same answers one attempt at a time, in the same order: fn(ctx, rows, n) for each finished
 * comprehension test with its answers (valid during the call only), nothing held for the whole
 * record. */
typedef void StoreEachItemAttempt(void *ctx, const ItemAnswer *rows, int n);
bool store_each_item_attempt(Store *s, StoreEachItemAttempt *fn, void *ctx, Err *e);
void store_item_answers_free(ItemAnswer *rows);

/* ---- learning records, for other systems (store_learning.c) ---- */

typedef enum { LEARN_LESSON, LEARN_ATTEMPT, LEARN_PLEDGE } LearningKind;

/* One lesson reading, test or follow-up attempt, or pledge signing, with its event's UUID. */
typedef struct {
    LearningKind kind;
    int64_t seq, time;
    char uuid[37];
    char code[32], name[128]; /* the person, and their name in the roster now */
    int measure;              /* lesson, test: 1–25; follow-up: 0 */
    char lesson_id[64];       /* lesson: the lesson's id */
    int version;              /* lesson: its version; pledge: the pledge version */
    AttemptKind attempt;      /* attempt */
    bool finished, passed;
    int score, total, pass_percent;
    int64_t started, ended;
    PledgeKind pledge; /* pledge */
} LearningRecord;

/* Every learning record after event after_seq whose time is >= since, oldest first. *out is
 * heap (caller frees). */
bool store_learning_log(Store *s, int64_t after_seq, int64_t since, LearningRecord **out, int *n, Err *e);
/* The answers of the attempt recorded as event seq, in the order asked. *out heap. */
bool store_attempt_answers(Store *s, int64_t seq, LoggedAnswer **out, unsigned **picked, int *n, Err *e);

/* ---- settings ---- */

/* *found false (and buf "") when the key was never set. */
bool store_get_setting(Store *s, const char *key, char *buf, size_t size, bool *found, Err *e);
bool store_set_setting(Store *s, const char *key, const char *value, int64_t now, Err *e);

/* ---- manager PIN (store_pin.c) ----
 *
 * The PIN is kept only as an Argon2id hash (libsodium, interactive limits) in the setting
 * manager_pin_hash, so setting it is an event; the PIN itself is stored nowhere. PIN_MAX_TRIES
 * wrong tries in a row lock it for store_pin_lock_seconds(locks so far): 30 s, 60 s, 120 s, ...
 * at most 1 h. The count and the lock are kept in the meta table (a restart resets nothing);
 * a right PIN or a new PIN clears them. */

enum {
    PIN_MIN_DIGITS = 4,
    PIN_MAX_DIGITS = 12,
    PIN_MAX_TRIES = 5,
    PIN_LOCK_FIRST_S = 30,
    PIN_LOCK_MAX_S = 3600,
};

typedef enum {
    PIN_OK,     /* check: the PIN is right; status: a PIN is set and may be tried */
    PIN_WRONG,  /* check only: wrong, tries_left more before a lock */
    PIN_LOCKED, /* locked until locked_until: no PIN is compared */
    PIN_UNSET,  /* no PIN yet: `mamori manager set-pin` */
} PinVerdict;

typedef struct {
    PinVerdict verdict;
    int tries_left;       /* wrong tries allowed before the next lock */
    int64_t locked_until; /* PIN_LOCKED: Unix seconds when the lock ends */
} PinCheck;

/* 4–12 ASCII digits. */
bool store_pin_valid(const char *pin);
/* Hashes and saves a new PIN (an event) and clears any lock. Fails for an invalid PIN. Slow
 * (Argon2id, a few hundred ms): the kiosk runs it off its frame loop (pin_work.h). */
bool store_pin_set(Store *s, const char *pin, int64_t now, Err *e);
/* Tries a PIN at `now` and records the outcome (a wrong try counts; the fifth locks). Slow like
 * store_pin_set, but holds no transaction while it compares. */
bool store_pin_check(Store *s, const char *pin, int64_t now, PinCheck *out, Err *e);
/* The state without trying a PIN: PIN_UNSET, PIN_LOCKED or PIN_OK. */
bool store_pin_status(Store *s, int64_t now, PinCheck *out, Err *e);
/* How long the lock after `lockouts` earlier locks lasts: 30 s doubling, at most 1 h. */
int64_t store_pin_lock_seconds(int64_t lockouts);

/* ---- pledges (store_pledge.c) ----
 *
 * Signing is one `pledge` event holding the person's code, the kind (employee | president),
 * the pledge version, the exact text shown and its SHA-256, the name as signed, the language
 * and the strokes (pledge_encode); the event's time and kiosk id are the event's own. A row of
 * the `pledges` table is derived in the same transaction. History is kept: signing a new
 * version adds a record, it replaces nothing. */

typedef struct {
    const char *code; /* borrowed: the person signing */
    PledgeKind kind;  /* must match the person's role: president ↔ president */
    int version;      /* Pledge.version of the text shown, >= 1 */
    const char *text; /* borrowed: the exact text shown (pledge_compose) */
    const char *name; /* borrowed: the name as signed (the roster's) */
    Lang lang;
    int64_t now;
    const Signature *signature; /* borrowed: must pass pledge_signature_ok */
} PledgeSigning;

/* Records the signing. hash_out (may be NULL) gets the event's hex hash, the source of the
 * record code (pledge_record_code). Refuses an unknown person, a kind that does not match the
 * role, an empty text or name, a version < 1, and strokes that are not a signature. */
bool store_sign_pledge(Store *s, const PledgeSigning *p, char hash_out[65], Err *e);

typedef enum { PLEDGE_NONE, PLEDGE_OLD_VERSION, PLEDGE_SIGNED } PledgeState;

typedef struct {
    PledgeState state;    /* NONE: never signed; OLD_VERSION: latest signed < current */
    PledgeKind kind;      /* the pledge the person must sign: president's or employee's */
    int version;          /* of the latest signature; 0 when none */
    int64_t signed_at;    /* 0 when none */
    int64_t seq;          /* the latest signing's record, 0 when none */
    char hash[65];        /* its event hash, "" when none */
    char record_code[10]; /* "1A2B-3C4D", "" when none */
} PledgeStatus;

/* The person's latest signature of the pledge their role signs (a president's of the company
 * pledge, anyone else's of the employee pledge), against current_version (Pledge.version, or
 * 0 without a pledge text). An unknown code is NONE. */
bool store_pledge_status(Store *s, const char *code, int current_version, PledgeStatus *out, Err *e);

/* store_pledge_status for every person on the roster (active or not) in one question; see
 * "everyone at once" above. */
typedef void StoreEachPledge(void *ctx, const char *code, const PledgeStatus *status);
bool store_each_pledge_status(Store *s, int current_version, StoreEachPledge *fn, void *ctx, Err *e);

/* One signing as recorded, for the certificate and the export. */
typedef struct {
    int64_t seq, time;
    char code[32];
    PledgeKind kind;
    int version;
    Lang lang;
    char name[128]; /* as signed */
    char text_sha256[65];
    char kiosk[37];
    char hash[65]; /* the event's */
    char record_code[10];
    char *text;    /* heap: the exact text signed */
    char *strokes; /* heap: pledge_encode form */
} PledgeRecord;

/* Every signing (of code, or of everyone when code is NULL), oldest first. Each row is checked
 * against its event in the chain (the same payload, the same hash) and its text against its
 * SHA-256: a derived row edited by hand fails with "record SEQ: ..." rather than being shown.
 * *out is heap, free with store_pledges_free. */
bool store_list_pledges(Store *s, const char *code, PledgeRecord **out, int *n, Err *e);
void store_pledges_free(PledgeRecord *rows, int n);

/* One-star readiness over the active roster: every active person has signed the current
 * version of the pledge their role signs, and there is at least one active president. */
typedef struct {
    bool ready;
    bool president_signed; /* at least one active president, and every one signed */
    int people, signed_people;
    char (*missing)[32]; /* heap: codes of active people who have not signed the current
                            version, roster order */
    int nmissing;
} PledgeReadiness;

bool store_pledge_readiness(Store *s, int current_version, PledgeReadiness *out, Err *e);
void store_pledge_readiness_free(PledgeReadiness *r);

/* ---- self-diagnoses (store_diagnosis.c) ----
 *
 * A finished diagnosis is one `diagnosis` event holding who answered, the scope (company or
 * self), the content version and every answer ({"1":"yes",...}, only the items of the scope);
 * the time and kiosk are the event's own. A row of the `diagnoses` table is derived in the same
 * transaction, and store_verify checks every row against its event and every event against its
 * row. History is kept: each diagnosis adds a record.
 *
 * A diagnosis being answered is a draft (the `diagnosis_drafts` table, one per person and
 * scope): not a record, not in the chain, so the kiosk can resume it; recording the diagnosis
 * removes the draft in the same transaction. */

typedef struct {
    int64_t seq, time; /* the event's; ignored by store_record_diagnosis */
    char code[32];     /* who answered */
    DiagScope scope;
    char content_version[17];       /* Content.version when answered */
    DiagAnswer answers[DIAG_ITEMS]; /* index item-1; DIAG_NONE exactly outside the scope */
} DiagRecord;

/* Records d at now. Refuses an unknown or inactive person, an answer missing inside the scope or
 * given outside it, and an empty content version. hash_out (may be NULL) gets the event hash. */
bool store_record_diagnosis(Store *s, const DiagRecord *d, int64_t now, char hash_out[65], Err *e);
/* Every diagnosis of scope (of code, or of everyone when code is NULL), oldest first. *out is
 * heap, caller frees. */
bool store_list_diagnoses(Store *s, DiagScope scope, const char *code, DiagRecord **out, int *n, Err *e);
/* The draft of code and scope: *found false (and out all DIAG_NONE) when there is none. */
bool store_diagnosis_draft(Store *s, const char *code, DiagScope scope, DiagAnswer out[DIAG_ITEMS],
                           bool *found, Err *e);
bool store_save_diagnosis_draft(Store *s, const char *code, DiagScope scope, const DiagAnswer ans[DIAG_ITEMS],
                                int64_t now, Err *e);

/* ---- tests left half-done (store_test_draft.c) ----
 * A test left before its end (sign-out, idle timeout, 中断する) is kept as a draft, one per
 * person and measure, so the same person can go on from where they were. Not a record: the
 * abandoned attempt is recorded as always; the draft only holds the core's state (quiz_draft). */
typedef struct {
    char code[64];
    int measure;
    char state[4096]; /* quiz_draft's text */
    int64_t saved;    /* when it was kept */
} TestDraft;

bool store_save_test_draft(Store *s, const char *code, int measure, const char *state, int64_t now, Err *e);
/* The draft of code at measure (measure 0: the most recently kept of any): *found false when none. */
bool store_test_draft(Store *s, const char *code, int measure, TestDraft *out, bool *found, Err *e);
bool store_drop_test_draft(Store *s, const char *code, int measure, Err *e);
/* Every draft kept before `before`, oldest first. *out is heap (free it), *n how many. */
bool store_test_drafts_before(Store *s, int64_t before, TestDraft **out, int *n, Err *e);

/* ---- proof ---- */

/* What the witness file beside the record said (store_verify_chain). */
typedef enum {
    VERIFY_WITNESS_NONE,       /* no witness here (a copy elsewhere, or never written) */
    VERIFY_WITNESS_AGREES,     /* the record holds the records it saw, as it saw them */
    VERIFY_WITNESS_UNREADABLE, /* a witness file that says nothing readable */
    VERIFY_WITNESS_OTHER       /* another record's (its first record differs) */
} VerifyWitness;

typedef struct {
    bool ok;
    int64_t count;      /* events checked */
    char head[65];      /* hex hash of the last event ("" when empty) */
    int64_t bad_seq;    /* when !ok: the first record that fails */
    char what[256];     /* when !ok: what is wrong with it */
    bool key_missing;   /* when !ok: not broken, but sealed with a key this computer lacks */
    int64_t keyed_from; /* the first record keyed with the key (BLAKE2b, or HMAC-SHA-256 when an
                           older mamori wrote it); 0: none (plain SHA-256) */
    char key_id[17];    /* the key that seals it ("" when none) */
    VerifyWitness witness;
    int64_t witness_count; /* the records the witness saw */
    bool anchor_checked;   /* store_set_anchor's anchor is in the chain */
    char damage[256]; /* store_verify_all: SQLite's first finding about the file ("" sound or not checked) */
    bool damage_read; /* the damage was met while reading the record, not by SQLite's check */
} VerifyResult;

/* A consistent view across many reads (a report, a verification): from the first read after
 * store_read_begin until store_read_end, the kiosk's writes meanwhile are not seen. */
bool store_read_begin(Store *s, Err *e);
void store_read_end(Store *s);

/* The newest record: its seq and hash (0 and the zero hash when there is none). Every change
 * appends a record, so the same head twice means nothing was recorded in between. */
typedef struct {
    int64_t seq;
    char hash[65];
    int64_t mirrored; /* on a kiosk's cache: its newest record from the server (its own waiting
                         ones sit above them, so seq alone stays while the server's come in) */
} StoreHead;
bool store_head(Store *s, StoreHead *h, Err *e);
bool store_head_same(const StoreHead *a, const StoreHead *b);

/* From now on a walk over every record (store_verify_chain) checks *stop now and then and ends,
 * failing with "stopped", once it is set (another thread sets it: the kiosk ending). */
void store_set_stop(Store *s, const atomic_bool *stop);

/* A head printed earlier (a report's or the evidence cover's anchor, `verify --anchor`): from now
 * on store_verify_chain also requires the chain to hold hash, as record count when count > 0. */
void store_set_anchor(Store *s, int64_t count, const char *hash);
/* SQLite's own check of the file: PRAGMA quick_check (every page, every b-tree's structure and
 * order, every record's format and NOT NULL: one pass over the file), or when thorough PRAGMA
 * integrity_check (also that every index holds exactly its table's rows: several times slower on
 * a big record). what is empty when the file is sound, else SQLite's first finding. Nothing to
 * do on PostgreSQL (the server checks its own pages). */
bool store_integrity_check(Store *s, bool thorough, char *what, size_t size, Err *e);

/* Recomputes the whole chain, then checks every derived table (test results and answers, lesson
 * readings, settings, people, pledges, diagnoses) against the events it was written from, both
 * ways. Returns false only when the database could not be read; a finding is in r. */
bool store_verify(Store *s, VerifyResult *r, Err *e);

/* How store_verify_all checks the SQLite file itself (store_integrity_check). */
typedef enum { VERIFY_FILE_NONE, VERIFY_FILE_QUICK, VERIFY_FILE_THOROUGH } VerifyFile;
/* `mamori verify`: store_verify and the file check (its finding in r->damage; r->ok is about
 * the chain and the tables). On an SQLite file opened read-only the three parts (the chain, the
 * tables, the file) run at once, each on a read-only connection of its own (store_verify.c); on
 * a server or a store open for writing one after the other, as store_verify. */
bool store_verify_all(Store *s, VerifyFile file, VerifyResult *r, Err *e);
/* The chain alone (every event's hash and order, plain SHA-256 before the seal and keyed under
 * this computer's chain key from it on, BLAKE2b or an older mamori's HMAC-SHA-256; then the witness file and
 * any anchor), without checking the derived tables against it: what a report needs to print a checked head
 * hash, at a quarter of the cost. */
bool store_verify_chain(Store *s, VerifyResult *r, Err *e);
/* The same, from split records on (split > 0) in two halves at once: the records after the
 * middle on a read-only connection and thread of their own (store_open_beside), beside this
 * one's. The findings are the ones store_verify_chain gives (when the halves do not meet
 * exactly, because records around the middle were deleted or rewritten, the walk goes on from
 * the first half in this thread). The second half reads its own moment: a record appended
 * meanwhile may be counted. */
bool store_verify_chain_halves(Store *s, int64_t split, VerifyResult *r, Err *e);
/* Part of store_verify (store_diagnosis.c): every `diagnosis` event against its row in the
 * diagnoses table, both ways. A finding goes to r; false only when the database cannot be read. */
bool store_audit_diagnoses(Store *s, VerifyResult *r, Err *e);
/* Part of store_verify (store_pledge.c): every `pledge` event against its row in the pledges
 * table (and the row's text against its SHA-256), both ways. */
bool store_audit_pledges(Store *s, VerifyResult *r, Err *e);

/* ---- a kiosk's local cache of a shared server (store_sync.c) ----
 *
 * A kiosk on a PostgreSQL server works on a cache: an ordinary mamori SQLite file on the kiosk
 * holding a copy of the server's record (the roster, the settings, every event and derived
 * row, refreshed by store_mirror) plus the kiosk's own events not yet on the server, each one
 * noted in the cache's outbox in the same fsync'd transaction as the event. store_send_next
 * sends them to the server in order, each exactly once: the event's UUID is its identity (the
 * server's events.uuid is UNIQUE, and an event whose UUID the server holds is not appended
 * again), and it is appended to the server's chain on arrival, keeping its time, kiosk and
 * payload. An event the server refuses (its person is not active there any more, a row that
 * breaks a rule) stays in the outbox, marked refused with the reason, and is tried again at
 * the next connection: never dropped. */

/* Opens (creating) the cache file at path. The kiosk id is the machine's (as on the server). */
bool store_open_cache(Store **out, const char *path, Err *e);
bool store_is_cache(const Store *s);

/* Why the server refused an event, so a screen can say it in the person's language. */
typedef enum {
    REFUSAL_ERROR,         /* the server failed otherwise (the detail says how) */
    REFUSAL_KIND,          /* a kind of record the server does not take (subject: the kind) */
    REFUSAL_NOT_IN_ROSTER, /* its person is not in the server's roster (subject: the code) */
    REFUSAL_INACTIVE       /* its person is no longer active there (subject: the code) */
} RefusalReason;

typedef struct {
    int64_t waiting;         /* events not yet on the server (refused ones included) */
    int64_t refused;         /* of which the server refused */
    char first_refusal[300]; /* why the oldest refused one was refused, in English ("" = none) */
    RefusalReason first_reason;
    char first_subject[64]; /* the person's code or the record's kind the reason is about */
} OutboxCount;
bool store_outbox_count(Store *cache, OutboxCount *out, Err *e);

typedef enum {
    SEND_NONE,    /* nothing (more) waits after `after` */
    SEND_SENT,    /* appended to the server's chain */
    SEND_ALREADY, /* the server held it already (a reply lost earlier): not appended again */
    SEND_REFUSED, /* the server said no: kept, marked refused */
} SendOutcome;

/* Sends the oldest waiting event whose outbox number is > *after (refused ones too), and sets
 * *after to it. False (with e) only when the server could not be reached or the cache not
 * read: then nothing changed and it is sent again later. */
bool store_send_next(Store *cache, Store *server, int64_t *after, SendOutcome *out, Err *e);

/* Copies into the cache what the server recorded since the last copy (at most `limit` events
 * at a time, with their derived rows; 0 = no limit), the roster and settings, and the kiosks'
 * reports. The cache's own events the server now holds are replaced by the server's. *more is
 * true when more events wait. */
bool store_mirror(Store *server, Store *cache, int limit, bool *more, Err *e);

/* Asks the server a trivial question: is it there? (A lost connection is dialled again.) */
bool store_ping(Store *server, Err *e);

/* What each kiosk last told the server (kept in the server's meta table, not in the chain). */
typedef struct {
    char kiosk[37];
    int64_t last_contact; /* Unix seconds */
    int64_t waiting, refused;
} KioskReport;
bool store_kiosk_report(Store *server, const char *kiosk, int64_t now, const OutboxCount *c, Err *e);
/* Every kiosk's report, the latest contact first. *out is heap, caller frees. */
bool store_kiosk_reports(Store *s, KioskReport **out, int *n, Err *e);

/* ---- copying the whole record (store_copy.c) ---- */

typedef struct {
    int64_t events; /* records copied, each with its original hash */
    int64_t rows;   /* rows of the derived tables, rebuilt */
    char head[65];  /* the chain's head, the same in both */
} StoreCopy;

/* Copies the whole record from one store to another (any two of SQLite and PostgreSQL): every
 * event with its original hash, and the derived tables rebuilt on the target from the events'
 * payloads. Refuses a source that does not verify and a target that holds any record; the
 * target is verified before its one transaction commits, so on failure it is left empty. */
bool store_copy(Store *from, Store *to, StoreCopy *out, Err *e);

/* ---- names (shared by the roster parser, the CLI and reports) ---- */

const char *store_role_name(Role r);           /* "employee", "manager", "president" */
bool store_role_parse(const char *s, Role *r); /* exact lower-case names; false otherwise */
const char *store_lang_name(Lang l);           /* "ja", "en" */
bool store_lang_parse(const char *s, Lang *l);

/* Frees what store_answer_log returned (same as free). */
void store_answer_log_free(LoggedAnswer *log);

#endif
