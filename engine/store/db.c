/* db.c — picks the driver for a target (a file path or a PostgreSQL URI) and forwards every
 * call to it; the plain reasons for each kind of failure.
 *
 * What must stay true: the choice of driver is made here only, from the target's scheme; the
 * wrappers add nothing but the dispatch (and db_run/db_int, built on the others). */
#include "db.h"

#include <sqlite3.h>

#include <stdio.h>
#include <string.h>

bool db_is_uri(const char *target)
{
    return strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0;
}

bool db_connect(Db **out, const char *target, Err *e)
{
    *out = NULL;
    return (db_is_uri(target) ? &DB_PG_OPS : &DB_SQLITE_OPS)->connect(out, target, e);
}

bool db_connect_readonly(Db **out, const char *target, Err *e)
{
    *out = NULL;
    return (db_is_uri(target) ? &DB_PG_OPS : &DB_SQLITE_OPS)->connect_ro(out, target, e);
}

bool db_configure_readonly(Db *db, Err *e)
{
    return db->ops->configure_ro(db, e);
}

void db_close(Db *db)
{
    if (db)
        db->ops->close(db);
}

DbKind db_kind(const Db *db)
{
    return db->ops->kind;
}

const char *db_target(const Db *db)
{
    return db->target;
}

bool db_inspect(Db *db, DbSchema *out)
{
    *out = (DbSchema){0};
    return db->ops->inspect(db, out);
}

bool db_configure(Db *db, Err *e)
{
    return db->ops->configure(db, e);
}

bool db_set_version(Db *db, int64_t version)
{
    return db->ops->set_version(db, version);
}

bool db_exec(Db *db, const char *sql)
{
    return db->ops->exec(db, sql);
}

bool db_prepare(Db *db, const char *sql, DbStmt **out)
{
    *out = NULL;
    return db->ops->prepare(db, sql, out);
}

void db_finalize(DbStmt *st)
{
    if (st)
        st->db->ops->finalize(st);
}

void db_bind_text(DbStmt *st, int i, const char *v)
{
    st->db->ops->bind_text(st, i, v);
}

void db_bind_int(DbStmt *st, int i, int64_t v)
{
    st->db->ops->bind_int(st, i, v);
}

void db_bind_null(DbStmt *st, int i)
{
    st->db->ops->bind_null(st, i);
}

DbStep db_step(DbStmt *st)
{
    return st->db->ops->step(st);
}

void db_reset(DbStmt *st)
{
    st->db->ops->reset(st);
}

bool db_is_null(DbStmt *st, int col)
{
    return st->db->ops->is_null(st, col);
}

const char *db_text(DbStmt *st, int col)
{
    return st->db->ops->text(st, col);
}

int64_t db_int64(DbStmt *st, int col)
{
    return st->db->ops->int64(st, col);
}

int db_int(DbStmt *st, int col)
{
    return (int)db_int64(st, col);
}

bool db_run(DbStmt *st)
{
    DbStep rc = db_step(st);
    db_reset(st);
    return rc == DB_DONE;
}

bool db_begin(Db *db, DbTx tx)
{
    return db->ops->begin(db, tx);
}

bool db_commit(Db *db)
{
    return db->ops->commit(db);
}

void db_rollback(Db *db)
{
    db->ops->rollback(db);
}

bool db_in_tx(Db *db)
{
    return db->ops->in_tx(db);
}

DbFault db_fault(Db *db)
{
    return db->ops->fault(db);
}

const char *db_errmsg(Db *db)
{
    return db->ops->errmsg(db);
}

void *db_native(Db *db)
{
    return db->ops->native(db);
}

/* Indexed by DbFault; "%s" takes the database's own words. */
static const char *const REASONS[] = {
    [DBF_NONE] = "no further detail",
    [DBF_FULL] = "the disk is full",
    [DBF_READONLY] = "the database file is read-only (check its permissions)",
    [DBF_READONLY_DIR] = "the folder holding the database is read-only",
    [DBF_BUSY] = "the database is in use by another program; try again in a moment",
    [DBF_CANTOPEN] = "the file cannot be opened (%s)",
    [DBF_NOTADB] = "it is not a mamori database",
    [DBF_CORRUPT] = "the database file is damaged",
    [DBF_IO] = "the disk could not be read or written (%s)",
    [DBF_PERM] = "permission denied (%s)",
    [DBF_CONSTRAINT] = "it conflicts with what is already recorded",
    [DBF_TOOBIG] = "the data is too large",
    [DBF_NOMEM] = "out of memory",
    [DBF_SCHEMA] = "its tables are not what mamori expects (%s)",
    [DBF_UNREACHABLE] = "the database server cannot be reached (%s)",
    [DBF_AUTH] = "the database server refused the user or password (%s)",
    [DBF_NO_DATABASE] = "the database server has no such database (%s)",
    [DBF_CONNECTION] =
        "the connection to the database server was lost; nothing of this change was saved (%s)",
    [DBF_APPEND_ONLY] = "the database refuses to change or delete a recorded event (%s)",
    [DBF_OTHER] = "unexpected database error (%s)",
};

void db_fault_reason(DbFault f, const char *detail, char *buf, size_t size)
{
    if ((unsigned)f >= sizeof REASONS / sizeof *REASONS || !REASONS[f])
        f = DBF_OTHER;
    snprintf(buf, size, REASONS[f], detail && detail[0] ? detail : "no further detail");
}

void db_set_cache(Db *db, int kib)
{
    db->ops->set_cache(db, kib);
}

void db_set_busy_timeout(Db *db, int ms)
{
    if (db->ops->kind == DB_SQLITE) {
        sqlite3_busy_timeout(db_native(db), ms);
        return;
    }
    char sql[64]; /* PostgreSQL: the writers' advisory lock waits at most this long */
    snprintf(sql, sizeof sql, "SET lock_timeout = %d", ms > 0 ? ms : 1);
    db_exec(db, sql);
}
