/* cli.c — error lines for the command-line verbs. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>

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
