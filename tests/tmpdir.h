/* tmpdir.h — a temporary directory with a database path in it, for tests that need files.
 * tmp_make creates /tmp/mamori-NAME-XXXXXX; tmp_remove deletes what is in it (files and empty
 * folders, one level) and the directory itself.
 *
 * On PostgreSQL: after tmp_use_pg(prefix) (prefix: MAMORI_TEST_PG_URI, set by tests/run.sh when
 * it started a throw-away server), t->db is instead the URI of a new, empty database made for
 * this test, and tmp_remove drops it. The same test then runs on either store. */
#ifndef MAMORI_TMPDIR_H
#define MAMORI_TMPDIR_H

#include "db.h"
#include "err.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    char dir[64];
    char db[128];    /* dir/mamori.db, or a database's URI on PostgreSQL */
    char pgname[48]; /* "" for a file */
} Tmp;

/* The URI prefix of the test server ("...&dbname="), NULL for files. */
static const char *tmp_pg_prefix;

static inline void tmp_use_pg(const char *prefix)
{
    tmp_pg_prefix = prefix;
}

/* Runs sql on the server's maintenance database. */
static inline void tmp_pg_admin(const char *sql)
{
    char uri[256];
    Err e = {{0}};
    Db *db;
    snprintf(uri, sizeof uri, "%spostgres", tmp_pg_prefix ? tmp_pg_prefix : "");
    if (!db_connect(&db, uri, &e))
        die("test server: %s", e.msg);
    if (!db_exec(db, sql))
        die("test server: %s: %s", sql, db_errmsg(db));
    db_close(db);
}

static void tmp_make_named(Tmp *t, const char *name)
{
    snprintf(t->dir, sizeof t->dir, "/tmp/mamori-%s-XXXXXX", name);
    if (!mkdtemp(t->dir))
        die("mkdtemp: %s", strerror(errno));
    snprintf(t->db, sizeof t->db, "%s/mamori.db", t->dir);
    t->pgname[0] = '\0';
    if (!tmp_pg_prefix)
        return;
    char sql[128];
    snprintf(t->pgname, sizeof t->pgname, "%s_%s", name, strrchr(t->dir, '-') + 1);
    for (char *p = t->pgname; *p; p++)
        *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p == '-' ? '_' : *p);
    snprintf(sql, sizeof sql, "CREATE DATABASE \"%s\"", t->pgname);
    tmp_pg_admin(sql);
    snprintf(t->db, sizeof t->db, "%s%s", tmp_pg_prefix, t->pgname);
}

static void tmp_remove(Tmp *t)
{
    DIR *d = opendir(t->dir);
    struct dirent *ent;
    char path[512];
    while (d && (ent = readdir(d))) {
        if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", t->dir, ent->d_name);
        if (unlink(path) != 0)
            rmdir(path);
    }
    if (d)
        closedir(d);
    rmdir(t->dir);
    if (t->pgname[0]) {
        char sql[128];
        snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", t->pgname);
        tmp_pg_admin(sql);
    }
}

#endif
