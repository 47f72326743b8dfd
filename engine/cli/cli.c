/* cli.c — error lines for the command-line verbs. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>

bool cli_load_content(const char *dir, Content *c)
{
    ErrList errs = {0};
    bool ok = content_load(c, dir, &errs);
    for (int i = 0; i < errs.nmsgs; i++)
        fprintf(stderr, "%s\n", errs.msgs[i]);
    if (!ok)
        fprintf(stderr, "mamori: the content in %s has errors\n", dir);
    errlist_free(&errs);
    return ok;
}

int cli_fail(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("mamori: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return status;
}

int cli_usage_error(const char *verb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "mamori: %s: ", verb);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, " (see mamori %s --help)\n", verb);
    va_end(ap);
    return CLI_USAGE;
}
