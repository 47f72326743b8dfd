/* files.c — listing the folders and CSV files a manager may pick at the kiosk (see files.h). */
#include "files.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
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

/* A mount table's path field as the kernel escapes it (space \040, tab \011, newline \012,
 * backslash \134), decoded in place. */
static void unescape_octal(char *s)
{
    char *w = s;
    for (const char *r = s; *r; w++)
        if (r[0] == '\\' && r[1] >= '0' && r[1] <= '3' && r[2] >= '0' && r[2] <= '7' && r[3] >= '0' &&
            r[3] <= '7')
            *w = (char)((r[1] - '0') * 64 + (r[2] - '0') * 8 + (r[3] - '0')), r += 4;
        else
            *w = *r++;
    *w = '\0';
}

/* Looks path up as a mount point in the table mounts ("DEVICE PATH TYPE ..." a line); 1 when it is
 * one (dev, when not NULL, gets its device), 0 when not, -1 when the table cannot be read. */
static int mount_lookup(const char *mounts, const char *path, char *dev, size_t size)
{
    FILE *f = fopen(mounts, "r");
    if (!f)
        return -1;
    char line[2048], d[1024], m[1024];
    int found = 0;
    while (!found && fgets(line, sizeof line, f)) {
        if (sscanf(line, "%1023s %1023s", d, m) != 2)
            continue;
        unescape_octal(m), unescape_octal(d);
        found = strcmp(m, path) == 0 && (!dev || (size_t)snprintf(dev, size, "%s", d) < size);
    }
    fclose(f);
    return found;
}

/* path's device differs from its parent folder's: a mount point, told without a table. */
static bool other_device(const char *path)
{
    char parent[4096];
    struct stat here, up;
    if (snprintf(parent, sizeof parent, "%s/..", path) >= (int)sizeof parent)
        return false;
    return stat(path, &here) == 0 && stat(parent, &up) == 0 && S_ISDIR(here.st_mode) &&
           (here.st_dev != up.st_dev || here.st_ino == up.st_ino); /* "/" is its own parent */
}

bool files_is_mount(const char *path, const char *mounts)
{
    int listed = mounts && mounts[0] ? mount_lookup(mounts, path, NULL, 0) : -1;
    return listed < 0 ? other_device(path) : listed == 1 && is_dir(path);
}

/* Moves the mount points among out[from..*n) to the front, keeping their order; drops the rest. */
static int keep_mounts(const char **out, int from, int n, const char *mounts)
{
    int kept = from;
    for (int i = from; i < n; i++)
        if (files_is_mount(out[i], mounts))
            out[kept++] = out[i];
    return kept;
}

int files_places(Arena *a, const char *home, const char *media, const char *mounts, const char ***out,
                 int max)
{
    enum { LOOK = 64 }; /* folders looked at under media, sticks or not */
    const char **p = ARENA_ARRAY(a, const char *, max > 0 ? max : 1);
    const char **look = ARENA_ARRAY(a, const char *, LOOK);
    int n = 0;
    if (home && home[0] && is_dir(home) && n < max)
        p[n++] = arena_strdup(a, home);
    int top = add_subdirs(a, media, look, 0, LOOK), all = top;
    for (int i = 0; i < top; i++) /* udisks: media/USER/LABEL (a stick's own folders are no sticks) */
        if (!files_is_mount(look[i], mounts))
            all = add_subdirs(a, look[i], look, all, LOOK);
    int sticks = keep_mounts(look, 0, all, mounts);
    for (int i = 0; i < sticks && n < max; i++)
        p[n++] = look[i];
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

bool files_on_stick(const char *path, const char *media, const char *mounts, const char **label)
{
    size_t n = strlen(media);
    if (!media[0] || strncmp(path, media, n) != 0 || path[n] != '/' || !path[n + 1])
        return false;
    const char *rest = path + n + 1, *slash = strchr(rest, '/');
    if (slash && (!slash[1] || strchr(slash + 1, '/')))
        return false; /* at most media/USER/LABEL */
    if (!files_is_mount(path, mounts))
        return false; /* media/USER itself, or a stick's empty folder after it was pulled out */
    if (label)
        *label = slash ? slash + 1 : rest;
    return true;
}

/* The device mounted at path, from /proc/self/mounts. */
static bool mount_device(const char *path, char *dev, size_t size)
{
    return mount_lookup("/proc/self/mounts", path, dev, size) == 1 && dev[0] == '/';
}

/* Runs argv (no shell), its output (stdout and stderr) into out; returns its exit status, or -1. */
static int run_tool(char *const argv[], char *out, size_t size)
{
    int fds[2];
    out[0] = '\0';
    if (pipe(fds) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1), dup2(fds[1], 2);
        close(fds[0]), close(fds[1]);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(fds[1]);
    size_t len = 0;
    ssize_t got;
    while (pid > 0 && (got = read(fds[0], out + len, size - 1 - len)) > 0 && len + (size_t)got < size - 1)
        len += (size_t)got;
    out[len] = '\0';
    close(fds[0]);
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool files_unmount(const char *path, const char *tool, Err *e)
{
    char dev[1024], out[512];
    char *argv[5] = {0};
    bool udisks = false;
    if (tool && tool[0])
        argv[0] = (char *)tool, argv[1] = (char *)path;
    else if (mount_device(path, dev, sizeof dev))
        argv[0] = "udisksctl", argv[1] = "unmount", argv[2] = "-b", argv[3] = dev, udisks = true;
    else
        argv[0] = "umount", argv[1] = (char *)path;
    int rc = run_tool(argv, out, sizeof out);
    if (rc == 127 && udisks) { /* no udisksctl: umount, as an fstab user mount */
        char *alt[] = {"umount", (char *)path, NULL};
        rc = run_tool(alt, out, sizeof out);
    }
    if (rc == 0)
        return true;
    out[strcspn(out, "\n")] = '\0';
    return err_set(e, "%s %s: %s", argv[0], rc < 0 ? "could not run" : "failed", out[0] ? out : "no message");
}
