/* atomic_file.c — temporary file beside the target, fsync, rename, sync the folder.
 *
 * What must stay true: the target is never seen half written; on any failure the temporary file
 * is removed and the target is left as it was. */
#include "atomic_file.h"
#include "private.h"
#include "arena.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    AtomicStreamFn stream; /* one of the two */
    AtomicPathFn path;
    const void *arg;
} Filler;

static bool cannot(Err *e, const char *path)
{
    return err_set(e, "cannot write %s: %s", path, strerror(errno ? errno : EIO));
}

/* Flush, sync and close f; false (errno set) on any failure. */
static bool finish_stream(FILE *f)
{
    errno = 0;
    bool ok = fflush(f) == 0 && !ferror(f) && fsync(fileno(f)) == 0;
    int err = errno;
    ok = fclose(f) == 0 && ok;
    if (!ok && err)
        errno = err;
    return ok;
}

static bool fill_stream(int fd, const Filler *f, const char *path, Err *e)
{
    FILE *out = fdopen(fd, "w");
    if (!out) {
        close(fd);
        return cannot(e, path);
    }
    if (!f->stream(out, f->arg, e)) {
        fclose(out);
        return false;
    }
    return finish_stream(out) || cannot(e, path);
}

static bool fill_path(int fd, const char *tmp, const Filler *f, const char *path, Err *e)
{
    close(fd);
    if (!f->path(tmp, f->arg, e))
        return false;
    int sync_fd = open(tmp, O_RDONLY);
    bool ok = sync_fd >= 0 && fsync(sync_fd) == 0;
    if (sync_fd >= 0)
        close(sync_fd);
    return ok || cannot(e, path);
}

static void sync_dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    char dir[4096];
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else
        snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    int fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        fsync(fd); /* best effort: the rename itself already happened */
        close(fd);
    }
}

/* A new empty private file (0600: it holds names) beside path; its name in tmp (heap). -1 on
 * failure. */
static int temp_beside(const char *path, char **tmp)
{
    size_t n = strlen(path) + 16;
    *tmp = xmalloc(n);
    snprintf(*tmp, n, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(*tmp);
    if (fd >= 0 && fchmod(fd, PRIVATE_FILE_MODE) != 0) {
        close(fd);
        unlink(*tmp);
        return -1;
    }
    return fd;
}

static bool replace(const char *path, const Filler *f, Err *e)
{
    char *tmp;
    errno = 0;
    int fd = temp_beside(path, &tmp);
    bool ok = fd >= 0 || cannot(e, path);
    if (ok) {
        ok = f->stream ? fill_stream(fd, f, path, e) : fill_path(fd, tmp, f, path, e);
        ok = ok && (rename(tmp, path) == 0 || cannot(e, path));
        if (ok)
            sync_dir_of(path);
        else
            unlink(tmp);
    }
    free(tmp);
    return ok;
}

bool atomic_write_stream(const char *path, AtomicStreamFn fn, const void *arg, Err *e)
{
    Filler f = {.stream = fn, .arg = arg};
    return replace(path, &f, e);
}

bool atomic_write_path(const char *path, AtomicPathFn fn, const void *arg, Err *e)
{
    Filler f = {.path = fn, .arg = arg};
    return replace(path, &f, e);
}

bool atomic_make_dir(const char *dir, Err *e)
{
    struct stat st;
    if (stat(dir, &st) == 0)
        return S_ISDIR(st.st_mode) || err_set(e, "%s exists and is not a directory", dir);
    if (mkdir(dir, PRIVATE_DIR_MODE) != 0)
        return err_set(e, "cannot create the directory %s: %s", dir, strerror(errno));
    return true;
}
