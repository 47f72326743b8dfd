/* helpers.h — small helpers the test files share: text search, reading a whole file, counting
 * a directory's entries. */
#ifndef MAMORI_TEST_HELPERS_H
#define MAMORI_TEST_HELPERS_H

#include "err.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static inline bool contains(const char *hay, const char *needle)
{
    return hay && strstr(hay, needle) != NULL;
}

static inline int occurrences(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; p && (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* The whole file (at most 4 MiB), NUL-terminated, heap; NULL when it cannot be read. *len (may
 * be NULL) gets its size. */
static inline char *file_text(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 22;
    char *buf = xmalloc(cap + 1);
    size_t n = fread(buf, 1, cap, f);
    buf[n] = '\0';
    fclose(f);
    if (len)
        *len = n;
    return buf;
}

/* Entries in dir other than . and .. (0 when it cannot be read). */
static inline int dir_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *ent;
    int n = 0;
    while (d && (ent = readdir(d)))
        n += strcmp(ent->d_name, ".") && strcmp(ent->d_name, "..");
    if (d)
        closedir(d);
    return n;
}

#endif
