/* cli.h — what every command-line verb shares: exit statuses and one-line error messages. */
#ifndef MAMORI_CLI_H
#define MAMORI_CLI_H

#include "content.h"

#include <stdbool.h>
#include <stdint.h>

/* Exit statuses of every verb: 0 done, 1 failed (the message says why), 2 wrong usage, 3 the
 * record is broken (verify found a record edited, cut, forged or out of place; a report or an
 * export was written but says so at its top). The kiosk's 4 (results left unsaved) is main's. */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2, CLI_BROKEN = 3 };

/* What main resolves once for every verb: the database path, the content (loaded when the verb
 * needs it) and the clock. All borrowed; a field a verb does not need may be NULL. */
typedef struct {
    const char *db;          /* a path ("(default)" only while printing --help) */
    const char *content_dir; /* the content directory */
    const Content *content;  /* loaded from content_dir for verbs marked CLI_NEEDS_CONTENT */
    int64_t now;             /* seconds since the epoch, UTC */
} CliContext;

/* Every verb has this one signature; argv[0] is the verb's name. */
typedef int (*CliVerbFn)(const CliContext *cx, int argc, char **argv);

enum { CLI_NEEDS_DB = 1, CLI_NEEDS_CONTENT = 2 };

typedef struct {
    const char *name;
    CliVerbFn run;
    int needs;         /* CLI_NEEDS_* */
    const char *usage; /* the verb's line(s) in `mamori --help` */
} CliVerb;

/* Loads dir into c; on errors prints each one (FILE:LINE:COL: message) and a closing line on
 * stderr and returns false. The caller frees c with content_free either way. */
bool cli_load_content(const char *dir, Content *c);

/* Prints "mamori: message" on stderr; returns status. */
int cli_fail(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints "mamori: VERB: problem (see mamori VERB --help)" on stderr; returns CLI_USAGE. */
int cli_usage_error(const char *verb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
