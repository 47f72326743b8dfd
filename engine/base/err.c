/* err.c — building error messages with positions. */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int format_pos(char *buf, size_t size, Pos p)
{
    if (!p.file)
        return 0;
    if (p.line > 0 && p.col > 0)
        return snprintf(buf, size, "%s:%d:%d: ", p.file, p.line, p.col);
    if (p.line > 0)
        return snprintf(buf, size, "%s:%d: ", p.file, p.line);
    return snprintf(buf, size, "%s: ", p.file);
}

static void format_msg(char *buf, size_t size, Pos p, const char *fmt, va_list ap)
{
    int n = format_pos(buf, size, p);
    if (n < 0 || (size_t)n >= size)
        return;
    vsnprintf(buf + n, size - (size_t)n, fmt, ap);
}

bool err_at(Err *e, Pos p, const char *fmt, ...)
{
    if (!e)
        return false;
    va_list ap;
    va_start(ap, fmt);
    format_msg(e->msg, sizeof e->msg, p, fmt, ap);
    va_end(ap);
    return false;
}

bool err_set(Err *e, const char *fmt, ...)
{
    if (!e)
        return false;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return false;
}

bool errlist_add(ErrList *l, Pos p, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    format_msg(buf, sizeof buf, p, fmt, ap);
    va_end(ap);
    if (l->nmsgs == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->msgs = xrealloc(l->msgs, (size_t)l->cap * sizeof *l->msgs);
    }
    l->msgs[l->nmsgs++] = xstrdup(buf);
    return false;
}

void errlist_free(ErrList *l)
{
    for (int i = 0; i < l->nmsgs; i++)
        free(l->msgs[i]);
    free(l->msgs);
    *l = (ErrList){0};
}

_Noreturn void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("mamori: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        die("out of memory");
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}
