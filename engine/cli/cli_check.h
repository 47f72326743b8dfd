/* cli_check.h — `mamori check [--content DIR] [--json]`: validates a content directory.
 *
 * Errors go to stderr one per line ("FILE:LINE:COL: message") and the exit status is 1. On
 * success it prints a one-line summary, or with --json the counts per measure:
 *   {"lessons":N,"questions":N,"measures":{"1":{"lesson":"<id>","questions":n,"langs":["ja","en"]},...}}
 * with every measure 1–25 present ("lesson": null where there is none). Exit status 2 is a
 * usage error. */
#ifndef MAMORI_CLI_CHECK_H
#define MAMORI_CLI_CHECK_H

#include <stdio.h>

/* argv[0] is "check"; default_content_dir is used without --content. Returns the exit status. */
int cli_check(int argc, char **argv, const char *default_content_dir);

/* The same, writing to out and err instead of stdout and stderr. */
int cli_check_to(int argc, char **argv, const char *default_content_dir, FILE *out, FILE *err);

#endif
