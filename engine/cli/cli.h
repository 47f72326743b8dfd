/* cli.h — what every command-line verb shares: exit statuses and one-line error messages. */
#ifndef MAMORI_CLI_H
#define MAMORI_CLI_H

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

/* Prints "mamori: message" on stderr; returns status. */
int cli_fail(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints "mamori: VERB: problem (see mamori VERB --help)" on stderr; returns CLI_USAGE. */
int cli_usage_error(const char *verb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
