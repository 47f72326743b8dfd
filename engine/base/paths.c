/* paths.c — default locations, following the XDG base directory rules. */
#include "paths.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef MAMORI_SHARE
#define MAMORI_SHARE "/usr/local/share/mamori"
#endif

static bool make_dirs(char *path, Err *e)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        int rc = mkdir(path, 0700);
        *p = '/';
        if (rc != 0 && errno != EEXIST)
            return err_set(e, "cannot create the directory %.*s: %s", (int)(p - path), path, strerror(errno));
    }
    if (mkdir(path, 0700) != 0 && errno != EEXIST)
        return err_set(e, "cannot create the directory %s: %s", path, strerror(errno));
    return true;
}

/* $XDG_DATA_HOME/mamori (or ~/.local/share/mamori) into dir. */
static bool data_dir(char *dir, size_t size, Err *e)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    if (xdg && xdg[0] == '/')
        snprintf(dir, size, "%s/mamori", xdg);
    else if (home && home[0])
        snprintf(dir, size, "%s/.local/share/mamori", home);
    else
        return err_set(e, "neither XDG_DATA_HOME nor HOME is set: give the database with --db FILE");
    return true;
}

bool paths_data_file(const char *name, bool create_dir, char *buf, size_t size, Err *e)
{
    char dir[4096];
    if (!data_dir(dir, sizeof dir, e) || (create_dir && !make_dirs(dir, e)))
        return false;
    if ((size_t)snprintf(buf, size, "%s/%s", dir, name) >= size)
        return err_set(e, "the path %s/%s is too long", dir, name);
    return true;
}

bool paths_default_db(char *buf, size_t size, Err *e)
{
    return paths_data_file("mamori.db", true, buf, size, e);
}

/* PREFIX/share/mamori/content for a binary installed as PREFIX/bin/mamori, whatever PREFIX was
 * (the executable's own path, from /proc/self/exe); "" when that is not there. */
static const char *beside_executable(char *buf, size_t size)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return "";
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return "";
    *slash = '\0';
    snprintf(buf, size, "%s/../share/mamori/content", exe);
    return access(buf, R_OK) == 0 ? buf : "";
}

const char *paths_default_content(char *buf, size_t size)
{
    if (access("content/lessons", R_OK) == 0)
        return "content";
    const char *beside = beside_executable(buf, size);
    return beside[0] ? beside : MAMORI_SHARE "/content";
}

void paths_assets(const char *content_dir, char *buf, size_t size)
{
    snprintf(buf, size, "%s/../assets", content_dir);
}
