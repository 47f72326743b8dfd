/* tmpdir.h — a temporary directory with a database path in it, for tests that need files.
 * tmp_make creates /tmp/mamori-NAME-XXXXXX; tmp_remove deletes what is in it (files and empty
 * folders, one level) and the directory itself. */
#ifndef MAMORI_TMPDIR_H
#define MAMORI_TMPDIR_H

#include "err.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    char dir[64];
    char db[128]; /* dir/mamori.db */
} Tmp;

static void tmp_make_named(Tmp *t, const char *name)
{
    snprintf(t->dir, sizeof t->dir, "/tmp/mamori-%s-XXXXXX", name);
    if (!mkdtemp(t->dir))
        die("mkdtemp: %s", strerror(errno));
    snprintf(t->db, sizeof t->db, "%s/mamori.db", t->dir);
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
}

#endif
