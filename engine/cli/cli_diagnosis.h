/* cli_diagnosis.h — `mamori diagnosis import FILE.csv --by CODE [--self]` and
 * `mamori diagnosis show [--format text|json] [--all]`: the self-diagnosis (自社診断) from the
 * command line.
 *
 * import records one diagnosis from an answer sheet (header item,answer; answers yes, partly,
 * no, unknown or the sheet's Japanese words; core/diagnosis.h): the company's (all 25 items) by
 * default, the person's own practice (items 1–16) with --self. A bad file is refused whole:
 * every problem as FILE:LINE: message on stderr, exit 1, nothing recorded. show prints the
 * latest company diagnosis (every one, oldest first, with --all) as text or as the JSON of
 * report_diagnosis.h.
 *
 * Exit status: 0 done, 1 failed, 2 wrong usage. */
#ifndef MAMORI_CLI_DIAGNOSIS_H
#define MAMORI_CLI_DIAGNOSIS_H

#include "cli.h"

/* argv[0] is "diagnosis". Needs the database and the content (content/diagnosis.yaml). */
int cli_diagnosis(const CliContext *cx, int argc, char **argv);

#endif
