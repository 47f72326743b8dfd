/* db_sqlite.c — the SQLite driver behind db.h: one file, WAL, synchronous=FULL.
 *
 * What must stay true:
 *   - a file we reject (not SQLite, in a missing or read-only folder, read-only itself) is
 *     rejected before SQLite writes a byte to it: connect only reads, and until configure runs
 *     closing never checkpoints a WAL into it; configure's journal_mode=WAL is the first write;
 *   - a write transaction is BEGIN IMMEDIATE (the write lock now, waiting up to 2 s for another
 *     writer), so the chain head read inside it cannot move;
 *   - every failure keeps SQLite's extended result code, mapped to a DbFault. */
#include "db.h"
#include "private.h"

#include <sqlite3.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    Db base;
    sqlite3 *h;
    int rc;  /* the last failure's extended result code */
    int sys; /* and its errno, when SQLite saw one */
    char msg[256];
    bool not_sqlite; /* ro_open found a file that does not start with SQLite's header */
} SqlDb;

typedef struct {
    DbStmt base;
    sqlite3_stmt *h;
} SqlStmt;

static SqlDb *D(Db *db)
{
    return (SqlDb *)db;
}

static SqlStmt *S(DbStmt *st)
{
    return (SqlStmt *)st;
}

static bool failed(SqlDb *d, int rc)
{
    bool os = (rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_IOERR; /* errno is stale otherwise */
    d->rc = rc;
    d->sys = os && d->h ? sqlite3_system_errno(d->h) : 0;
    snprintf(d->msg, sizeof d->msg, "%s", d->sys ? strerror(d->sys) : d->h ? sqlite3_errmsg(d->h) : "");
    return false;
}

/* ---- connecting: checks that only read ---- */

/* The folder must exist, and be writable: WAL keeps its -wal and -shm files beside the
 * database. access() answers for the real user (root may write anywhere but a read-only disk). */
static bool check_dir(const char *path, Err *e)
{
    const char *slash = strrchr(path, '/');
    char dir[4096];
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else
        snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return err_set(e, "%s: cannot open the database: directory %s does not exist", path, dir);
    if (access(dir, W_OK) != 0)
        return err_set(e,
                       "%s: cannot open the database: the folder %s is read-only (%s);"
                       " mamori writes its journal files beside the database",
                       path, dir, strerror(errno));
    return true;
}

/* Does the connection's file start with SQLite's header (or is it empty, a new database)? Read
 * through SQLite's own handle of the file: opening the file again and closing it would drop every
 * lock this process holds on it (POSIX locks belong to the process, not to a descriptor), the
 * locks of the connections already open included, and another process could then checkpoint and
 * remove the -wal under them (SQLite keeps its own handles open for that reason). */
static bool header_ok(SqlDb *d)
{
    sqlite3_file *f = NULL;
    sqlite3_int64 size = 0;
    char head[16] = {0};
    if (sqlite3_file_control(d->h, "main", SQLITE_FCNTL_FILE_POINTER, &f) != SQLITE_OK || !f ||
        !f->pMethods || f->pMethods->xFileSize(f, &size) != SQLITE_OK)
        return false;
    return size == 0 || (f->pMethods->xRead(f, head, sizeof head, 0) == SQLITE_OK &&
                         memcmp(head, "SQLite format 3", 16) == 0);
}

static bool not_sqlite(const char *path, Err *e)
{
    return err_set(e, "%s: is not a mamori database (it is not an SQLite file)", path);
}

/* Before SQLite sees it: an existing file (*existing) must be a file we may write. */
static bool check_file(const char *path, bool *existing, Err *e)
{
    struct stat st;
    *existing = false;
    if (stat(path, &st) != 0)
        return errno == ENOENT || err_set(e, "%s: cannot open the database: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode))
        return err_set(e, "%s: is a directory, not a database file", path);
    *existing = true;
    if (st.st_size > 0 && access(path, W_OK) != 0)
        return err_set(e, "%s: the database file is read-only (%s); check its permissions", path,
                       strerror(errno));
    return true;
}

static void sq_close(Db *db)
{
    SqlDb *d = D(db);
    sqlite3_close(d->h);
    free(d->base.target);
    free(d);
}

/* The database and its journals hold names and signatures: 0600 whatever the umask. A new file
 * is made 0600 before SQLite sees it (its -wal and -shm then take the same mode); an older
 * one, and its journals, lose any group and other permissions. */
static bool make_private(const char *path, Err *e)
{
    static const char *const SUFFIX[] = {"", "-wal", "-shm", "-journal"};
    if (!private_file(path, NULL, e))
        return false;
    for (size_t i = 0; i < sizeof SUFFIX / sizeof *SUFFIX; i++) {
        char p[4200];
        snprintf(p, sizeof p, "%s%s", path, SUFFIX[i]);
        private_tighten(p);
    }
    return true;
}

/* A new file is made private (0600) before SQLite creates it; an existing one once it is known to
 * be SQLite's. */
static bool sq_connect(Db **out, const char *path, Err *e)
{
    bool existing;
    if (!check_dir(path, e) || !check_file(path, &existing, e) || (!existing && !make_private(path, e)))
        return false;
    SqlDb *d = xcalloc(1, sizeof *d);
    d->base.ops = &DB_SQLITE_OPS;
    d->base.target = xstrdup(path);
    int rc = sqlite3_open_v2(path, &d->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        char reason[300];
        failed(d, rc);
        db_fault_reason(DB_SQLITE_OPS.fault(&d->base), d->msg, reason, sizeof reason);
        err_set(e, "%s: could not open the database: %s", path, reason);
        sq_close(&d->base);
        return false;
    }
    if (existing && !(header_ok(d) ? make_private(path, e) : not_sqlite(path, e))) {
        sq_close(&d->base);
        return false;
    }
    sqlite3_extended_result_codes(d->h, 1);
    sqlite3_busy_timeout(d->h, 2000);
    /* Until the checks pass, closing must not checkpoint a WAL into a file we may reject. */
    sqlite3_db_config(d->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
    *out = &d->base;
    return true;
}

/* One integer from a query run once. */

static bool query_int(SqlDb *d, const char *sql, int64_t *out)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(d->h, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK || failed(d, rc);
}

static bool sq_inspect(Db *db, DbSchema *out)
{
    SqlDb *d = D(db);
    int64_t meta = 0;
    bool ok =
        query_int(d, "PRAGMA user_version", &out->version) &&
        query_int(d, "SELECT count(*) FROM sqlite_master", &out->tables) &&
        query_int(d, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'", &meta);
    out->has_meta = meta > 0;
    return ok;
}

static bool sq_exec(Db *db, const char *sql)
{
    int rc = sqlite3_exec(D(db)->h, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK || failed(D(db), rc);
}

/* The first writes: the page size (before WAL, which fixes it) and WAL (both stay set in the
 * file), then per-connection settings. Pages of 16 KiB: a million-event record is read in a
 * quarter of the pages of SQLite's 4 KiB default (verify and reports read it all). The size takes
 * effect only in a new file: an older one keeps its pages until `mamori db copy` writes it anew. */
static bool sq_configure(Db *db, Err *e)
{
    SqlDb *d = D(db);
    if (sqlite3_db_readonly(d->h, "main") == 1)
        return err_set(e, "%s: the database file is read-only (check its permissions)", db->target);
    sqlite3_db_config(d->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
    if (sq_exec(db, "PRAGMA page_size=16384") && sq_exec(db, "PRAGMA journal_mode=WAL") &&
        sq_exec(db, "PRAGMA synchronous=FULL") && sq_exec(db, "PRAGMA foreign_keys=ON"))
        return true;
    char reason[300];
    db_fault_reason(db->ops->fault(db), d->msg, reason, sizeof reason);
    return err_set(e, "%s: could not open the database: %s", db->target, reason);
}

static bool sq_set_version(Db *db, int64_t version)
{
    char sql[48];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %lld", (long long)version);
    return sq_exec(db, sql);
}

/* A negative cache_size counts KiB; SQLite's own default is -2000. */
static void sq_set_cache(Db *db, int kib)
{
    char sql[48];
    snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", kib > 0 ? kib : 2000);
    sq_exec(db, sql);
}

/* ---- connecting only to read ---- */

/* path as an SQLite URI (file:...?immutable=1): '%', '?' and '#' escaped. */
static void immutable_uri(const char *path, char *buf, size_t size)
{
    size_t n = (size_t)snprintf(buf, size, "file:");
    for (const char *p = path; *p && n + 4 < size; p++)
        n += strchr("%?#", *p) ? (size_t)snprintf(buf + n, size - n, "%%%02X", (unsigned char)*p)
                               : (size_t)snprintf(buf + n, size - n, "%c", *p);
    snprintf(buf + n, size - n, "?immutable=1");
}

/* Can the connection read? (A WAL file needs its -shm, which a reader may be unable to make.) */
static bool can_read(SqlDb *d)
{
    int64_t n;
    return query_int(d, "SELECT count(*) FROM sqlite_master", &n);
}

/* Is anything waiting in a -wal beside path (then the file alone is not the whole record)? */
static bool wal_waiting(const char *path)
{
    char wal[4200];
    struct stat st;
    snprintf(wal, sizeof wal, "%s-wal", path);
    return stat(wal, &st) == 0 && st.st_size > 0;
}

static bool ro_open(SqlDb *d, const char *name, int flags)
{
    if (d->h)
        sqlite3_close(d->h);
    d->h = NULL;
    /* NOMUTEX: a reader's connection is used by one thread at a time (verify gives each of its
     * threads a connection of its own), so SQLite's per-call locks would only cost time. */
    int rc = sqlite3_open_v2(name, &d->h, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | flags, NULL);
    if (rc != SQLITE_OK)
        return failed(d, rc);
    sqlite3_extended_result_codes(d->h, 1);
    sqlite3_busy_timeout(d->h, 2000);
    d->not_sqlite = !header_ok(d);
    return !d->not_sqlite && can_read(d);
}

static bool sq_connect_ro(Db **out, const char *path, Err *e)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return err_set(e, "%s: cannot open the database: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode))
        return err_set(e, "%s: is a directory, not a database file", path);
    if (st.st_size == 0)
        return err_set(e, "%s: is empty: not a mamori database (nothing was ever recorded in it)", path);
    SqlDb *d = xcalloc(1, sizeof *d);
    d->base.ops = &DB_SQLITE_OPS;
    d->base.target = xstrdup(path);
    char uri[8400];
    immutable_uri(path, uri, sizeof uri);
    bool ok =
        ro_open(d, path, 0) || (!d->not_sqlite && !wal_waiting(path) && ro_open(d, uri, SQLITE_OPEN_URI));
    if (!ok && d->not_sqlite) {
        not_sqlite(path, e);
        sq_close(&d->base);
        return false;
    }
    if (!ok) {
        char reason[300];
        db_fault_reason(DB_SQLITE_OPS.fault(&d->base), d->msg, reason, sizeof reason);
        err_set(e, "%s: could not open the database to read it: %s%s", path, reason,
                wal_waiting(path) ? " (its -wal journal cannot be read here: copy the file with its -wal"
                                    " and -shm to a folder you may write to)"
                                  : "");
        sq_close(&d->base);
        return false;
    }
    *out = &d->base;
    return true;
}

/* Nothing to write: the connection is read-only; query_only is a second lock on the door. The
 * file is read with pread, not through a memory map: on the 2-core virtual machine verify is
 * timed on, the page faults of a map cost more than the copies (verify of the million-record
 * scale record: about 10 s of CPU mapped, 7.5 s read; README, issue 15). */
static bool sq_configure_ro(Db *db, Err *e)
{
    (void)e;
    sq_exec(db, "PRAGMA query_only = 1");
    return true;
}

/* ---- statements ---- */

static bool sq_prepare(Db *db, const char *sql, DbStmt **out)
{
    sqlite3_stmt *h;
    int rc = sqlite3_prepare_v3(D(db)->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &h, NULL);
    if (rc != SQLITE_OK)
        return failed(D(db), rc);
    SqlStmt *st = xcalloc(1, sizeof *st);
    st->base.db = db;
    st->h = h;
    *out = &st->base;
    return true;
}

static void sq_finalize(DbStmt *st)
{
    sqlite3_finalize(S(st)->h);
    free(st);
}

static void sq_bind_text(DbStmt *st, int i, const char *v)
{
    sqlite3_bind_text(S(st)->h, i, v, -1, SQLITE_STATIC);
}

static void sq_bind_int(DbStmt *st, int i, int64_t v)
{
    sqlite3_bind_int64(S(st)->h, i, v);
}

static void sq_bind_null(DbStmt *st, int i)
{
    sqlite3_bind_null(S(st)->h, i);
}

static DbStep sq_step(DbStmt *st)
{
    int rc = sqlite3_step(S(st)->h);
    if (rc == SQLITE_ROW)
        return DB_ROW;
    if (rc == SQLITE_DONE)
        return DB_DONE;
    failed(D(st->db), rc);
    return DB_ERROR;
}

static void sq_reset(DbStmt *st)
{
    sqlite3_reset(S(st)->h);
    sqlite3_clear_bindings(S(st)->h);
}

static bool sq_is_null(DbStmt *st, int col)
{
    return sqlite3_column_type(S(st)->h, col) == SQLITE_NULL;
}

static const char *sq_text(DbStmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(S(st)->h, col);
    return t ? (const char *)t : "";
}

static int64_t sq_int64(DbStmt *st, int col)
{
    return sqlite3_column_int64(S(st)->h, col);
}

/* ---- transactions ---- */

static bool sq_begin(Db *db, DbTx tx)
{
    return sq_exec(db, tx == DB_TX_WRITE ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

static bool sq_commit(Db *db)
{
    return sq_exec(db, "COMMIT");
}

static bool sq_in_tx(Db *db)
{
    return !sqlite3_get_autocommit(D(db)->h);
}

static void sq_rollback(Db *db)
{
    if (D(db)->h && sq_in_tx(db))
        sqlite3_exec(D(db)->h, "ROLLBACK", NULL, NULL, NULL);
}

/* ---- failures ---- */

static DbFault sq_fault(Db *db)
{
    int rc = D(db)->rc;
    switch (rc & 0xff) {
    case SQLITE_OK:
        return DBF_NONE;
    case SQLITE_FULL:
        return DBF_FULL;
    case SQLITE_READONLY:
        return rc == SQLITE_READONLY_DIRECTORY ? DBF_READONLY_DIR : DBF_READONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_PROTOCOL:
        return DBF_BUSY;
    case SQLITE_CANTOPEN:
        return DBF_CANTOPEN;
    case SQLITE_NOTADB:
        return DBF_NOTADB;
    case SQLITE_CORRUPT:
        return DBF_CORRUPT;
    case SQLITE_IOERR:
        return DBF_IO;
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return DBF_PERM;
    case SQLITE_CONSTRAINT:
        return DBF_CONSTRAINT;
    case SQLITE_TOOBIG:
        return DBF_TOOBIG;
    case SQLITE_NOMEM:
        return DBF_NOMEM;
    case SQLITE_ERROR:
        return DBF_SCHEMA; /* a table or column is missing: the file was altered by hand */
    default:
        return DBF_OTHER;
    }
}

static const char *sq_errmsg(Db *db)
{
    SqlDb *d = D(db);
    if (!d->sys && (d->rc & 0xff) != SQLITE_ERROR)
        snprintf(d->msg, sizeof d->msg, "%s", sqlite3_errstr(d->rc));
    return d->msg;
}

static void *sq_native(Db *db)
{
    return D(db)->h;
}

const DbOps DB_SQLITE_OPS = {
    .name = "SQLite",
    .kind = DB_SQLITE,
    .connect = sq_connect,
    .connect_ro = sq_connect_ro,
    .inspect = sq_inspect,
    .configure = sq_configure,
    .configure_ro = sq_configure_ro,
    .set_version = sq_set_version,
    .set_cache = sq_set_cache,
    .close = sq_close,
    .exec = sq_exec,
    .prepare = sq_prepare,
    .finalize = sq_finalize,
    .bind_text = sq_bind_text,
    .bind_int = sq_bind_int,
    .bind_null = sq_bind_null,
    .step = sq_step,
    .reset = sq_reset,
    .is_null = sq_is_null,
    .text = sq_text,
    .int64 = sq_int64,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .in_tx = sq_in_tx,
    .fault = sq_fault,
    .errmsg = sq_errmsg,
    .native = sq_native,
};
