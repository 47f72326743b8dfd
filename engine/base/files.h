/* files.h — where a manager's files are at the kiosk: the folders to offer (the home folder and
 * the mounted USB sticks under /media) and the roster CSV files in them. Pure core (POSIX
 * directory calls, no SDL). What must stay true: unreadable or vanished folders are skipped,
 * never an error; every path returned is in the arena given. */
#ifndef MAMORI_FILES_H
#define MAMORI_FILES_H

#include "arena.h"
#include "err.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    const char *path; /* arena */
    const char *name; /* the last part of path */
    int64_t mtime;
} FileEntry;

/* The folders to offer: home (when set and a folder), then every USB stick under media by name:
 * a folder directly in media (usbmount's /media/usb0, /media/LABEL) or one level deeper (udisks,
 * the desktop's automount: /media/USER/LABEL) that is a mount point (files_is_mount under mounts).
 * /media/USER itself, and the empty folders left when a stick is pulled out, are not offered.
 * *out (arena) gets at most max paths; returns how many. */
int files_places(Arena *a, const char *home, const char *media, const char *mounts, const char ***out,
                 int max);

/* Every regular file named *.csv (any case) directly in each of dirs, newest first, at most
 * max. *out is arena. Returns how many. */
int files_csv(Arena *a, const char *const *dirs, int ndirs, FileEntry **out, int max);

/* True when path is where a file system is mounted (a USB stick). mounts is a mount table in the
 * form of /proc/self/mounts ("DEVICE PATH TYPE OPTIONS 0 0" a line, a space in PATH as \040):
 * the kiosk reads /proc/self/mounts, tests a file of their own (MAMORI_MOUNTS), since a test
 * cannot mount. When mounts is NULL, "" or cannot be read: when path's device differs from its
 * parent folder's. */
bool files_is_mount(const char *path, const char *mounts);

/* True when path is a folder this process can write into; else false with e saying why. */
bool files_writable_dir(const char *path, Err *e);

/* True when path is a USB stick: directly in media or one level deeper (media/LABEL,
 * media/USER/LABEL) and a mount point (files_is_mount under mounts); false for anything else
 * (home, a typed folder, media/USER itself). *label (may be NULL) gets the stick's name (LABEL),
 * pointing into path. */
bool files_on_stick(const char *path, const char *media, const char *mounts, const char **label);

/* Unmounts the file system mounted at path so the stick can be pulled out safely: runs
 * `udisksctl unmount -b DEVICE` (the device from /proc/self/mounts; no password for a stick the
 * desktop mounted), else `umount PATH`. With tool given (not NULL or ""), runs `tool PATH`
 * instead (the kiosk takes it from MAMORI_UNMOUNT; tests use a fake one). Waits for it (a few seconds at
 * most: it flushes the stick). False with e saying why (the tool's exit status and first line of output). */
bool files_unmount(const char *path, const char *tool, Err *e);

#endif
