/* err.h — errors a person can fix (bad content, bad CSV, a locked or full database).
 *
 * Such errors are returned, never printed deep inside: a function fails by returning false
 * after filling an Err (one message) or adding to an ErrList (every message of a run).
 * Bugs and out-of-memory are not errors of this kind: they call die(). */
#ifndef MAMORI_ERR_H
#define MAMORI_ERR_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    const char *file; /* borrowed */
    int line, col;    /* 1-based; 0 means "not known" and is not printed */
} Pos;

typedef struct {
    char msg[512];
} Err;

/* Fills e with "file:line:col: message" (parts that are unknown left out). Always returns false,
 * so that callers can write `return err_at(...)`. e may be NULL. */
bool err_at(Err *e, Pos p, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Fills e with the message alone. Always returns false. e may be NULL. */
bool err_set(Err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Every error of one run, in the order found. Owns its strings. */
typedef struct {
    char **msgs; /* heap */
    int nmsgs, cap;
} ErrList;

/* Adds "file:line:col: message". Always returns false. */
bool errlist_add(ErrList *l, Pos p, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void errlist_free(ErrList *l);

/* For the impossible: prints "mamori: message" and aborts. */
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* malloc/calloc/realloc/strdup that die on out-of-memory. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
