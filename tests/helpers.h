/* helpers.h — small helpers the test files share: text search, reading a whole file, counting
 * a directory's entries, and the store fixtures (people and attempts recorded as the kiosk would). */
#ifndef MAMORI_TEST_HELPERS_H
#define MAMORI_TEST_HELPERS_H

#include "err.h"
#include "store.h"

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

/* Adds n active employees to s: codes[i], or "0000", "0001"… when codes is NULL; named P0, P1…
 * False with e set when one cannot be stored. */
static inline bool fixture_people(Store *s, const char *const *codes, int n, Err *e)
{
    for (int i = 0; i < n; i++) {
        Employee p = {.role = ROLE_EMPLOYEE, .lang = LANG_JA, .active = true};
        if (codes)
            snprintf(p.code, sizeof p.code, "%s", codes[i]);
        else
            snprintf(p.code, sizeof p.code, "%04d", i);
        snprintf(p.name, sizeof p.name, "P%d", i);
        if (!store_put_employee(s, &p, 1000, e))
            return false;
    }
    return true;
}

/* Records an attempt of n answers as the kiosk would: scored, passed at 80 % when finished, the
 * measure only for a test, from started to ended. */
static inline bool fixture_attempt(Store *s, const char *code, AttemptKind kind, int measure, bool finished,
                                   const Answer *ans, int n, int64_t started, int64_t ended, Err *e)
{
    int score = 0;
    for (int i = 0; i < n; i++)
        score += ans[i].correct;
    Attempt a = {.code = code,
                 .kind = kind,
                 .measure = kind == ATTEMPT_TEST ? measure : 0,
                 .seed = 1,
                 .finished = finished,
                 .score = score,
                 .total = n,
                 .pass_percent = 80,
                 .passed = finished && score * 100 >= 80 * n,
                 .started = started,
                 .ended = ended,
                 .answers = ans,
                 .nanswers = n};
    return store_record_attempt(s, &a, e);
}

#endif
