/* files.c — listing the folders and CSV files a manager may pick at the kiosk (see files.h). */
#include "files.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Adds the sub-folders of dir (not hidden) to out; returns the new count. */
static int add_subdirs(Arena *a, const char *dir, const char **out, int n, int max)
{
    DIR *d = opendir(dir);
    if (!d)
        return n;
    int first = n;
    struct dirent *ent;
    while (n < max && (ent = readdir(d))) {
        if (ent->d_name[0] == '.')
            continue;
        char *p = arena_printf(a, "%s/%s", dir, ent->d_name);
        if (is_dir(p))
            out[n++] = p;
    }
    closedir(d);
    qsort(out + first, (size_t)(n - first), sizeof *out, by_name);
    return n;
}

int files_places(Arena *a, const char *home, const char *media, const char ***out, int max)
{
    const char **p = ARENA_ARRAY(a, const char *, max > 0 ? max : 1);
    int n = 0;
    if (home && home[0] && is_dir(home) && n < max)
        p[n++] = arena_strdup(a, home);
    int top = n;
    n = add_subdirs(a, media, p, n, max);
    int end = n;
    for (int i = top; i < end; i++)
        n = add_subdirs(a, p[i], p, n, max);
    *out = p;
    return n;
}

static bool is_csv(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && name[0] != '.' && strcasecmp(name + n - 4, ".csv") == 0;
}

static int newest_first(const void *a, const void *b)
{
    const FileEntry *x = a, *y = b;
    if (x->mtime != y->mtime)
        return x->mtime > y->mtime ? -1 : 1;
    return strcmp(x->path, y->path);
}

static int add_csv(Arena *a, const char *dir, FileEntry *out, int n, int max)
{
    DIR *d = opendir(dir);
    if (!d)
        return n;
    struct dirent *ent;
    while (n < max && (ent = readdir(d))) {
        struct stat st;
        if (!is_csv(ent->d_name))
            continue;
        char *p = arena_printf(a, "%s/%s", dir, ent->d_name);
        if (stat(p, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        out[n++] = (FileEntry){p, p + strlen(dir) + 1, (int64_t)st.st_mtime};
    }
    closedir(d);
    return n;
}

int files_csv(Arena *a, const char *const *dirs, int ndirs, FileEntry **out, int max)
{
    FileEntry *f = ARENA_ARRAY(a, FileEntry, max > 0 ? max : 1);
    int n = 0;
    for (int i = 0; i < ndirs; i++)
        n = add_csv(a, dirs[i], f, n, max);
    qsort(f, (size_t)n, sizeof *f, newest_first);
    *out = f;
    return n;
}

bool files_is_mount(const char *path)
{
    char parent[4096];
    struct stat here, up;
    if (snprintf(parent, sizeof parent, "%s/..", path) >= (int)sizeof parent)
        return false;
    return stat(path, &here) == 0 && stat(parent, &up) == 0 && S_ISDIR(here.st_mode) &&
           (here.st_dev != up.st_dev || here.st_ino == up.st_ino); /* "/" is its own parent */
}

bool files_writable_dir(const char *path, Err *e)
{
    if (!path[0])
        return err_set(e, "no folder was given");
    if (!is_dir(path))
        return err_set(e, "%s is not a folder (is the USB stick plugged in?)", path);
    if (access(path, W_OK) != 0)
        return err_set(e, "%s cannot be written to: %s", path, strerror(errno));
    return true;
}
