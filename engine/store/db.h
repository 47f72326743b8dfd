/* db.h — the store's internal database driver interface: one small set of calls (open, prepare,
 * bind, step, column, transactions) over two drivers, SQLite (db_sqlite.c) and PostgreSQL through
 * libpq (db_pg.c). Only engine/store/ includes it: the rest of the program sees store.h's domain
 * verbs and never knows which database it runs on.
 *
 * What must stay true:
 *   - SQL is written once, in the dialect both databases agree on: parameters as ?1, ?2, ...
 *     (the PostgreSQL driver turns them into $1, $2, ...), ON CONFLICT ... DO UPDATE, no
 *     SQLite-only functions (scalar max → a UNION), integers compared as integers (active = 1);
 *     where they do not agree (schema DDL, pragmas, the schema version) the driver answers;
 *   - a statement is prepared once and kept; each use binds, steps until DB_DONE (or stops
 *     early) and resets; a text bound is borrowed until the statement is reset;
 *   - a column's text is valid until the next step or reset of that statement;
 *   - every failure is classified (DbFault) so the store can say what happened in plain words,
 *     and db_errmsg gives the database's own words for the rest;
 *   - a write transaction (DB_TX_WRITE) is serialized against every other writer of the same
 *     database, also in other processes and on other machines: SQLite's BEGIN IMMEDIATE, a
 *     transaction-level advisory lock on PostgreSQL. So the chain's head read inside it is the
 *     head the new event follows; nobody else can append in between;
 *   - a commit that returns true is durable: fsync'd WAL for SQLite, committed on the server
 *     (synchronous_commit on) for PostgreSQL. */
#ifndef MAMORI_DB_H
#define MAMORI_DB_H

#include "err.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct Db Db;
typedef struct DbStmt DbStmt;

typedef enum { DB_SQLITE, DB_POSTGRES } DbKind;

/* What a failure was, in words the store turns into a sentence (store_sql_error). */
typedef enum {
    DBF_NONE,
    DBF_FULL,         /* disk full */
    DBF_READONLY,     /* the database (file) is read-only */
    DBF_READONLY_DIR, /* the folder holding it is */
    DBF_BUSY,         /* another writer holds it too long */
    DBF_CANTOPEN,     /* the file cannot be opened */
    DBF_NOTADB,       /* not a database at all */
    DBF_CORRUPT,      /* damaged */
    DBF_IO,           /* a disk error */
    DBF_PERM,         /* permission denied */
    DBF_CONSTRAINT,   /* a unique key or foreign key says no */
    DBF_TOOBIG,       /* too large */
    DBF_NOMEM,        /* out of memory */
    DBF_SCHEMA,       /* a table or column is missing: altered by hand */
    DBF_UNREACHABLE,  /* the server cannot be reached */
    DBF_AUTH,         /* the server refused the user or password */
    DBF_NO_DATABASE,  /* the server has no such database */
    DBF_CONNECTION,   /* the connection dropped (a transaction in flight was not committed) */
    DBF_APPEND_ONLY,  /* the server refused to change or delete a recorded event */
    DBF_OTHER
} DbFault;

typedef enum { DB_ROW = 1, DB_DONE = 0, DB_ERROR = -1 } DbStep;

typedef enum {
    DB_TX_WRITE, /* serialized against every other writer (see above) */
    DB_TX_READ   /* one consistent snapshot until the end */
} DbTx;

/* What is in a database before mamori writes to it (db_inspect). */
typedef struct {
    int64_t tables;  /* tables (of any program) in it */
    bool has_meta;   /* one of them is called meta */
    int64_t version; /* the schema version mamori recorded; 0 when none */
} DbSchema;

/* The driver's table of operations: see the db_* wrappers below for what each does. */
typedef struct DbOps {
    const char *name; /* "SQLite", "PostgreSQL" */
    DbKind kind;
    bool (*connect)(Db **out, const char *target, Err *e);
    bool (*connect_ro)(Db **out, const char *target, Err *e);
    bool (*inspect)(Db *db, DbSchema *out);
    bool (*configure)(Db *db, Err *e);
    bool (*configure_ro)(Db *db, Err *e);
    bool (*set_version)(Db *db, int64_t version);
    void (*set_cache)(Db *db, int kib);
    void (*close)(Db *db);
    bool (*exec)(Db *db, const char *sql);
    bool (*prepare)(Db *db, const char *sql, DbStmt **out);
    void (*finalize)(DbStmt *st);
    void (*bind_text)(DbStmt *st, int i, const char *v);
    void (*bind_int)(DbStmt *st, int i, int64_t v);
    void (*bind_null)(DbStmt *st, int i);
    DbStep (*step)(DbStmt *st);
    void (*reset)(DbStmt *st);
    bool (*is_null)(DbStmt *st, int col);
    const char *(*text)(DbStmt *st, int col);
    int64_t (*int64)(DbStmt *st, int col);
    bool (*begin)(Db *db, DbTx tx);
    bool (*commit)(Db *db);
    void (*rollback)(Db *db);
    bool (*in_tx)(Db *db);
    DbFault (*fault)(Db *db);
    const char *(*errmsg)(Db *db);
    void *(*native)(Db *db);
} DbOps;

/* Every driver's connection and statement start with these. */
struct Db {
    const DbOps *ops;
    char *target; /* heap: the path or the URI without its password, for messages */
};
struct DbStmt {
    Db *db; /* borrowed: the connection it belongs to */
};

extern const DbOps DB_SQLITE_OPS;
extern const DbOps DB_PG_OPS;

/* Is target a PostgreSQL connection URI (postgresql:// or postgres://)? Else a file path. */
bool db_is_uri(const char *target);

/* Connects to target (a file path or a PostgreSQL URI) with the right driver. Does not write:
 * a file that is not SQLite, an unreachable server, a refused password fail here. */
bool db_connect(Db **out, const char *target, Err *e);
/* The same, only to read: an existing SQLite file opened read-only (never created, no journal
 * written; a WAL file whose -shm cannot be made, in a read-only folder or on a full disk, is read
 * as it is on disk when no -wal waits beside it); a server session whose transactions are
 * read-only. A missing or empty (0-byte) file fails here. */
bool db_connect_readonly(Db **out, const char *target, Err *e);
void db_close(Db *db);
DbKind db_kind(const Db *db);
/* The target as shown in messages (a URI never shows a password). */
const char *db_target(const Db *db);

/* What is in the database, reading only. False on a read error (db_fault says why). */
bool db_inspect(Db *db, DbSchema *out);
/* The first writes: per-connection settings (SQLite: WAL, synchronous=FULL, foreign keys). */
bool db_configure(Db *db, Err *e);
/* A reader's session settings (PostgreSQL: read-only transactions). Writes nothing. */
bool db_configure_readonly(Db *db, Err *e);
/* Records the schema version (inside the migration's write transaction). */
bool db_set_version(Db *db, int64_t version);

/* Runs SQL that returns no rows (several statements allowed, no parameters). */
bool db_exec(Db *db, const char *sql);
bool db_prepare(Db *db, const char *sql, DbStmt **out);
void db_finalize(DbStmt *st);
/* Parameters count from 1; a bound text is borrowed until db_reset. */
void db_bind_text(DbStmt *st, int i, const char *v);
void db_bind_int(DbStmt *st, int i, int64_t v);
void db_bind_null(DbStmt *st, int i);
DbStep db_step(DbStmt *st);
/* Ready for the next use: no row in progress, no bindings. */
void db_reset(DbStmt *st);
/* Columns count from 0; NULL reads as "" and 0. */
bool db_is_null(DbStmt *st, int col);
const char *db_text(DbStmt *st, int col);
int64_t db_int64(DbStmt *st, int col);
int db_int(DbStmt *st, int col);

/* Steps a statement that returns no rows, then resets it. */
bool db_run(DbStmt *st);

bool db_begin(Db *db, DbTx tx);
bool db_commit(Db *db);
/* Harmless when nothing is open. */
void db_rollback(Db *db);
bool db_in_tx(Db *db);

/* How long a write transaction waits for another writer before it fails (DBF_BUSY):
 * SQLite's busy timeout, PostgreSQL's lock_timeout. 2000 ms after connecting. */
void db_set_busy_timeout(Db *db, int ms);

/* Room for one big write (a roster import): up to kib KiB of the database's pages kept in this
 * connection's memory, so a transaction that touches more pages than the default cache holds
 * (SQLite's 2 MB) does not write them out to the WAL and read them back before it commits; 0 gives
 * the default back (and the memory). PostgreSQL: nothing (the server keeps its own buffers). */
enum { DB_CACHE_DEFAULT = 0 };
void db_set_cache(Db *db, int kib);

/* The driver's own handle (sqlite3 *, PGconn *): for tests that tamper, never for the program. */
void *db_native(Db *db);

/* The last failure on this connection. */
DbFault db_fault(Db *db);
const char *db_errmsg(Db *db);
/* A plain reason for a fault ("the disk is full"); detail is the database's own words. */
void db_fault_reason(DbFault f, const char *detail, char *buf, size_t size);

#endif
