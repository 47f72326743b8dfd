/* db_pg.c — the PostgreSQL driver behind db.h, through libpq: several kiosks, one server.
 *
 * What must stay true:
 *   - the target is a connection URI with libpq's own rules (service files, PGPASSFILE,
 *     ~/.pgpass, sslmode, host=/socket/dir); a password written in the URI is refused, so it
 *     never sits on a command line or in a process list;
 *   - SQL is the store's one dialect: ?N parameters become $N here (outside quotes), every value
 *     travels as text and the server casts it to the column's type;
 *   - a write transaction takes a transaction-level advisory lock (WRITE_LOCK) right after
 *     BEGIN: every mamori writer of this database, on any machine, waits its turn, so the chain
 *     head read inside cannot move and the chain never forks (events.seq is also its key);
 *   - synchronous_commit is on: a COMMIT that returns means committed on the server; a COMMIT
 *     the server answered with ROLLBACK (an aborted transaction) is a failure;
 *   - a connection lost mid-transaction is a failure (DBF_CONNECTION) and nothing of it is
 *     committed (the server rolls back); the next transaction reconnects once, and statements
 *     are prepared again on the new connection as they are used;
 *   - results are read whole (PQexecPrepared), so one statement can be stepped while another
 *     runs inside its loop, as on SQLite. */
#include "db.h"

#include <libpq-fe.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PG_MAX_PARAMS = 32 };

/* The key of the advisory lock every writer takes: "mamori" in ASCII. */
static const char WRITE_BEGIN[] = "BEGIN; SELECT pg_advisory_xact_lock(120273861161577)";
static const char READ_BEGIN[] = "BEGIN ISOLATION LEVEL REPEATABLE READ";

typedef struct {
    Db base;
    PGconn *conn;
    int generation; /* counts connections: a statement prepared on an older one is prepared again */
    int next_name;  /* statement names m1, m2, ... */
    bool tx_open;   /* between begin and commit/rollback: a lost connection is not dialled again */
    char state[6];  /* the last failure's SQLSTATE, "" when none came from the server */
    DbFault fault;
    char msg[300];
} PgDb;

typedef struct {
    DbStmt base;
    char name[16];
    char *sql;                         /* heap: with $N parameters */
    int nparams;                       /* the highest ?N in the SQL */
    int generation;                    /* the connection it was prepared on; 0 = not yet */
    const char *values[PG_MAX_PARAMS]; /* borrowed texts, or ints[i] */
    char ints[PG_MAX_PARAMS][24];
    PGresult *res;
    int row, nrows; /* row = -1 before the first step */
} PgStmt;

static PgDb *D(Db *db)
{
    return (PgDb *)db;
}

static PgStmt *S(DbStmt *st)
{
    return (PgStmt *)st;
}

/* The first line of libpq's or the server's message. */
static void first_line(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src ? src : "");
    dst[strcspn(dst, "\n")] = '\0';
}

/* SQLSTATE → fault; the class is the first two characters. */
static DbFault fault_of_state(const char *s)
{
    static const struct {
        const char *prefix;
        DbFault fault;
    } TABLE[] = {
        {"MA001", DBF_APPEND_ONLY},
        {"53100", DBF_FULL},
        {"53200", DBF_NOMEM},
        {"25006", DBF_READONLY},
        {"42501", DBF_PERM},
        {"42P01", DBF_SCHEMA},
        {"42703", DBF_SCHEMA},
        {"42883", DBF_SCHEMA},
        {"40001", DBF_BUSY},
        {"40P01", DBF_BUSY},
        {"55P03", DBF_BUSY},
        {"54000", DBF_TOOBIG},
        {"28", DBF_AUTH},
        {"3D000", DBF_NO_DATABASE},
        {"23", DBF_CONSTRAINT},
        {"08", DBF_CONNECTION},
        {"57P", DBF_CONNECTION},
        {"XX001", DBF_CORRUPT},
        {"58", DBF_IO},
    };
    for (size_t i = 0; i < sizeof TABLE / sizeof *TABLE; i++)
        if (strncmp(s, TABLE[i].prefix, strlen(TABLE[i].prefix)) == 0)
            return TABLE[i].fault;
    return DBF_OTHER;
}

/* Records why res (may be NULL) failed. Always returns false. */
static bool failed(PgDb *d, const PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    snprintf(d->state, sizeof d->state, "%s", state ? state : "");
    first_line(d->msg, sizeof d->msg, msg ? msg : PQerrorMessage(d->conn));
    if (PQstatus(d->conn) == CONNECTION_BAD)
        d->fault = DBF_CONNECTION;
    else
        d->fault = state ? fault_of_state(state) : DBF_OTHER;
    return false;
}

/* Runs sql (no parameters) and checks the outcome; *out (may be NULL) gets the result. */
static bool pg_exec_res(PgDb *d, const char *sql, ExecStatusType want, PGresult **out)
{
    PGresult *res = PQexec(d->conn, sql);
    bool ok = res && PQresultStatus(res) == want;
    if (!ok)
        failed(d, res);
    if (ok && out)
        *out = res;
    else
        PQclear(res);
    return ok;
}

static bool pg_exec(Db *db, const char *sql)
{
    PGresult *res = PQexec(D(db)->conn, sql);
    ExecStatusType rs = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    bool ok = rs == PGRES_COMMAND_OK || rs == PGRES_TUPLES_OK;
    if (!ok)
        failed(D(db), res);
    PQclear(res);
    return ok;
}

/* ---- connecting ---- */

static void ignore_notice(void *arg, const char *message)
{
    (void)arg, (void)message;
}

/* A password in the URI would sit on a command line or in the environment: refused. */
static bool check_uri(const char *uri, Err *e)
{
    char *why = NULL;
    PQconninfoOption *opts = PQconninfoParse(uri, &why);
    if (!opts) {
        char line[256];
        first_line(line, sizeof line, why);
        PQfreemem(why);
        return err_set(e, "%s: is not a valid PostgreSQL connection URI: %s", uri, line);
    }
    bool has_password = false;
    for (PQconninfoOption *o = opts; o->keyword; o++)
        has_password = has_password || (strcmp(o->keyword, "password") == 0 && o->val && o->val[0]);
    PQconninfoFree(opts);
    if (has_password)
        return err_set(e, "the database URI holds a password: mamori never takes one on the command line;"
                          " put it in ~/.pgpass (or the file PGPASSFILE names) and remove it from the URI");
    return true;
}

/* Why a connection attempt failed, from libpq's message. */
static DbFault connect_fault(PGconn *conn)
{
    const char *m = PQerrorMessage(conn);
    if (PQconnectionNeedsPassword(conn) || strstr(m, "password authentication failed") ||
        strstr(m, "authentication failed") || strstr(m, "no pg_hba.conf entry") ||
        (strstr(m, "role \"") && strstr(m, "does not exist")))
        return DBF_AUTH;
    if (strstr(m, "database \"") && strstr(m, "does not exist"))
        return DBF_NO_DATABASE;
    return DBF_UNREACHABLE;
}

static PGconn *pg_dial(const char *uri)
{
    /* Defaults first: the URI's own settings override them. */
    const char *const keys[] = {"connect_timeout", "application_name", "dbname", NULL};
    const char *const vals[] = {"10", "mamori", uri, NULL};
    PGconn *conn = PQconnectdbParams(keys, vals, 1);
    if (!conn)
        die("out of memory");
    if (PQstatus(conn) == CONNECTION_OK) {
        PQsetNoticeProcessor(conn, ignore_notice, NULL);
        PQsetClientEncoding(conn, "UTF8");
    }
    return conn;
}

static void pg_close(Db *db)
{
    PgDb *d = D(db);
    PQfinish(d->conn);
    free(d->base.target);
    free(d);
}

static bool pg_connect(Db **out, const char *uri, Err *e)
{
    if (!check_uri(uri, e))
        return false;
    PgDb *d = xcalloc(1, sizeof *d);
    d->base.ops = &DB_PG_OPS;
    d->base.target = xstrdup(uri);
    d->conn = pg_dial(uri);
    d->generation = 1;
    if (PQstatus(d->conn) != CONNECTION_OK) {
        char line[300], reason[400];
        first_line(line, sizeof line, PQerrorMessage(d->conn));
        db_fault_reason(connect_fault(d->conn), line, reason, sizeof reason);
        err_set(e, "%s: could not open the database: %s", uri, reason);
        pg_close(&d->base);
        return false;
    }
    *out = &d->base;
    return true;
}

/* One integer from a query run once; missing = 0. */
static bool query_int(PgDb *d, const char *sql, int64_t *out)
{
    PGresult *res;
    if (!pg_exec_res(d, sql, PGRES_TUPLES_OK, &res))
        return false;
    *out = PQntuples(res) > 0 && !PQgetisnull(res, 0, 0) ? strtoll(PQgetvalue(res, 0, 0), NULL, 10) : 0;
    PQclear(res);
    return true;
}

static bool pg_inspect(Db *db, DbSchema *out)
{
    PgDb *d = D(db);
    int64_t meta = 0;
    if (!query_int(d, "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()",
                   &out->tables) ||
        !query_int(d,
                   "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()"
                   " AND tablename = 'meta'",
                   &meta))
        return false;
    out->has_meta = meta > 0;
    /* Another program's meta table may not have these columns: then it is not ours (version 0). */
    if (out->has_meta &&
        !query_int(d, "SELECT value::bigint FROM meta WHERE key = 'schema_version'", &out->version))
        out->version = 0;
    return true;
}

static bool pg_configure(Db *db, Err *e)
{
    PgDb *d = D(db);
    int64_t read_only = 0;
    if (!pg_exec(db, "SET synchronous_commit = on") || !pg_exec(db, "SET client_min_messages = warning") ||
        !query_int(d, "SELECT CASE WHEN current_setting('transaction_read_only') = 'on' THEN 1 ELSE 0 END",
                   &read_only)) {
        char reason[400];
        db_fault_reason(d->fault, d->msg, reason, sizeof reason);
        return err_set(e, "%s: could not open the database: %s", db->target, reason);
    }
    if (read_only)
        return err_set(e, "%s: the database server only allows reading (a standby?); mamori needs to write",
                       db->target);
    return true;
}

/* A reader: every transaction of the session is read-only, so nothing it runs can write. */
static bool pg_configure_ro(Db *db, Err *e)
{
    if (pg_exec(db, "SET default_transaction_read_only = on") &&
        pg_exec(db, "SET client_min_messages = warning"))
        return true;
    char reason[400];
    db_fault_reason(D(db)->fault, D(db)->msg, reason, sizeof reason);
    return err_set(e, "%s: could not open the database: %s", db->target, reason);
}

static bool pg_set_version(Db *db, int64_t version)
{
    char sql[200];
    snprintf(sql, sizeof sql,
             "INSERT INTO meta(key, value) VALUES('schema_version', '%lld')"
             " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
             (long long)version);
    return pg_exec(db, sql);
}

/* The server keeps its own buffers (shared_buffers): nothing for a connection to size. */
static void pg_set_cache(Db *db, int kib)
{
    (void)db, (void)kib;
}

/* ---- statements ---- */

/* The SQL with ?N turned into $N outside quotes; *nparams gets the highest N. Heap. */
static char *dialect(const char *sql, int *nparams)
{
    char *out = xmalloc(strlen(sql) + 1);
    char quote = 0, *o = out;
    *nparams = 0;
    for (const char *p = sql; *p; p++) {
        if (quote) {
            quote = *p == quote ? 0 : quote;
        } else if (*p == '\'' || *p == '"') {
            quote = *p;
        } else if (*p == '?') {
            *o++ = '$';
            int n = atoi(p + 1);
            *nparams = n > *nparams ? n : *nparams;
            continue;
        }
        *o++ = *p;
    }
    *o = '\0';
    if (*nparams > PG_MAX_PARAMS)
        die("db_pg: a statement with %d parameters (at most %d)", *nparams, PG_MAX_PARAMS);
    return out;
}

/* Prepares st on the current connection when it was not yet. */
static bool ensure_prepared(PgStmt *st)
{
    PgDb *d = D(st->base.db);
    if (st->generation == d->generation)
        return true;
    PGresult *res = PQprepare(d->conn, st->name, st->sql, 0, NULL);
    bool ok = res && PQresultStatus(res) == PGRES_COMMAND_OK;
    if (!ok)
        failed(d, res);
    PQclear(res);
    if (ok)
        st->generation = d->generation;
    return ok;
}

static bool pg_prepare(Db *db, const char *sql, DbStmt **out)
{
    PgDb *d = D(db);
    PgStmt *st = xcalloc(1, sizeof *st);
    st->base.db = db;
    st->sql = dialect(sql, &st->nparams);
    st->row = -1;
    snprintf(st->name, sizeof st->name, "m%d", ++d->next_name);
    if (!ensure_prepared(st)) {
        free(st->sql);
        free(st);
        return false;
    }
    *out = &st->base;
    return true;
}

static void pg_reset(DbStmt *base)
{
    PgStmt *st = S(base);
    PQclear(st->res);
    st->res = NULL;
    st->row = -1;
    memset(st->values, 0, sizeof st->values);
}

static void pg_finalize(DbStmt *base)
{
    PgStmt *st = S(base);
    PgDb *d = D(base->db);
    pg_reset(base);
    if (st->generation == d->generation && PQstatus(d->conn) == CONNECTION_OK &&
        PQtransactionStatus(d->conn) == PQTRANS_IDLE) {
        char sql[40];
        snprintf(sql, sizeof sql, "DEALLOCATE %s", st->name);
        PQclear(PQexec(d->conn, sql));
    }
    free(st->sql);
    free(st);
}

static void pg_bind_text(DbStmt *base, int i, const char *v)
{
    if (i >= 1 && i <= PG_MAX_PARAMS)
        S(base)->values[i - 1] = v;
}

static void pg_bind_int(DbStmt *base, int i, int64_t v)
{
    PgStmt *st = S(base);
    if (i < 1 || i > PG_MAX_PARAMS)
        return;
    snprintf(st->ints[i - 1], sizeof st->ints[0], "%lld", (long long)v);
    st->values[i - 1] = st->ints[i - 1];
}

static void pg_bind_null(DbStmt *base, int i)
{
    if (i >= 1 && i <= PG_MAX_PARAMS)
        S(base)->values[i - 1] = NULL;
}

static bool reconnect_if_lost(PgDb *d);

static bool run_statement(PgStmt *st)
{
    PgDb *d = D(st->base.db);
    if (!d->tx_open && !reconnect_if_lost(d)) /* inside a transaction a lost connection is a failure */
        return false;
    if (!ensure_prepared(st))
        return false;
    st->res = PQexecPrepared(d->conn, st->name, st->nparams, st->values, NULL, NULL, 0);
    ExecStatusType rs = st->res ? PQresultStatus(st->res) : PGRES_FATAL_ERROR;
    if (rs != PGRES_TUPLES_OK && rs != PGRES_COMMAND_OK) {
        failed(d, st->res);
        PQclear(st->res);
        st->res = NULL;
        return false;
    }
    st->nrows = rs == PGRES_TUPLES_OK ? PQntuples(st->res) : 0;
    return true;
}

static DbStep pg_step(DbStmt *base)
{
    PgStmt *st = S(base);
    if (st->row < 0 && !run_statement(st))
        return DB_ERROR;
    st->row++;
    return st->row < st->nrows ? DB_ROW : DB_DONE;
}

static bool pg_is_null(DbStmt *base, int col)
{
    PgStmt *st = S(base);
    return !st->res || st->row >= st->nrows || PQgetisnull(st->res, st->row, col);
}

static const char *pg_text(DbStmt *base, int col)
{
    PgStmt *st = S(base);
    return pg_is_null(base, col) ? "" : PQgetvalue(st->res, st->row, col);
}

static int64_t pg_column_int64(DbStmt *base, int col)
{
    return strtoll(pg_text(base, col), NULL, 10);
}

/* ---- transactions ---- */

static bool pg_in_tx(Db *db)
{
    PGTransactionStatusType t = PQtransactionStatus(D(db)->conn);
    return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

/* A connection lost earlier (the server restarted, the network came back) is dialled again
 * before a new transaction; the statements are prepared again as they are used. */
static bool reconnect_if_lost(PgDb *d)
{
    if (PQstatus(d->conn) == CONNECTION_OK)
        return true;
    PQreset(d->conn);
    if (PQstatus(d->conn) != CONNECTION_OK) {
        failed(d, NULL);
        d->fault = DBF_UNREACHABLE;
        return false;
    }
    PQsetNoticeProcessor(d->conn, ignore_notice, NULL);
    PQsetClientEncoding(d->conn, "UTF8");
    d->generation++;
    return pg_exec(&d->base, "SET synchronous_commit = on") &&
           pg_exec(&d->base, "SET client_min_messages = warning");
}

static bool pg_begin(Db *db, DbTx tx)
{
    PgDb *d = D(db);
    if (!reconnect_if_lost(d))
        return false;
    if (tx == DB_TX_READ)
        return d->tx_open = pg_exec(db, READ_BEGIN);
    /* Two statements: PQexec returns the last one's result (the lock's one row). */
    if (pg_exec_res(d, WRITE_BEGIN, PGRES_TUPLES_OK, NULL))
        return d->tx_open = true;
    if (pg_in_tx(db))
        PQclear(PQexec(d->conn, "ROLLBACK"));
    return false;
}

static bool pg_commit(Db *db)
{
    PgDb *d = D(db);
    PGresult *res = PQexec(d->conn, "COMMIT");
    if (!pg_in_tx(db))
        d->tx_open = false;
    bool ok = res && PQresultStatus(res) == PGRES_COMMAND_OK && strcmp(PQcmdStatus(res), "COMMIT") == 0;
    if (!ok && res && PQresultStatus(res) == PGRES_COMMAND_OK) {
        snprintf(d->msg, sizeof d->msg, "the server rolled the transaction back");
        d->state[0] = '\0';
        d->fault = DBF_OTHER;
    } else if (!ok) {
        failed(d, res);
    }
    PQclear(res);
    return ok;
}

static void pg_rollback(Db *db)
{
    if (pg_in_tx(db))
        PQclear(PQexec(D(db)->conn, "ROLLBACK"));
    D(db)->tx_open = false;
}

static DbFault pg_fault(Db *db)
{
    return D(db)->fault;
}

static const char *pg_errmsg(Db *db)
{
    return D(db)->msg;
}

static void *pg_native(Db *db)
{
    return D(db)->conn;
}

const DbOps DB_PG_OPS = {
    .name = "PostgreSQL",
    .kind = DB_POSTGRES,
    .connect = pg_connect,
    .connect_ro = pg_connect,
    .inspect = pg_inspect,
    .configure = pg_configure,
    .configure_ro = pg_configure_ro,
    .set_version = pg_set_version,
    .set_cache = pg_set_cache,
    .close = pg_close,
    .exec = pg_exec,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .bind_text = pg_bind_text,
    .bind_int = pg_bind_int,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .reset = pg_reset,
    .is_null = pg_is_null,
    .text = pg_text,
    .int64 = pg_column_int64,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .in_tx = pg_in_tx,
    .fault = pg_fault,
    .errmsg = pg_errmsg,
    .native = pg_native,
};
