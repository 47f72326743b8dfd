/* private.c — 0600 files and 0700 folders for personal data (see private.h). */
#define _DEFAULT_SOURCE
#include "private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool private_fd(int fd, const char *path, Err *e)
{
    if (fchmod(fd, PRIVATE_FILE_MODE) != 0)
        return err_set(e, "%s: cannot make the file private (mode 0600): %s", path, strerror(errno));
    return true;
}

bool private_sync_parent(const char *path, Err *e)
{
    char dir[4096];
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else
        snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return err_set(e, "%s: cannot open the folder to sync it: %s", dir, strerror(errno));
    bool ok = fsync(fd) == 0 || errno == EINVAL; /* some file systems cannot sync a folder */
    int why = errno;
    close(fd);
    return ok || err_set(e, "%s: cannot sync the folder: %s", dir, strerror(why));
}

bool private_file(const char *path, bool *made, Err *e)
{
    if (made)
        *made = false;
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, PRIVATE_FILE_MODE);
    if (fd < 0 && errno == EEXIST)
        return true;
    if (fd < 0)
        return err_set(e, "%s: cannot create the file: %s", path, strerror(errno));
    bool ok = private_fd(fd, path, e);
    if (close(fd) != 0 && ok)
        ok = err_set(e, "%s: cannot create the file: %s", path, strerror(errno));
    if (ok && made)
        *made = true;
    return ok && private_sync_parent(path, e);
}

bool private_dir(const char *path, Err *e)
{
    if (mkdir(path, PRIVATE_DIR_MODE) != 0) {
        if (errno == EEXIST)
            return true;
        return err_set(e, "%s: cannot create the folder: %s", path, strerror(errno));
    }
    if (chmod(path, PRIVATE_DIR_MODE) != 0)
        return err_set(e, "%s: cannot make the folder private (mode 0700): %s", path, strerror(errno));
    return true;
}

void private_tighten(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid())
        return;
    if (st.st_mode & 077)
        chmod(path, st.st_mode & 0700);
}
