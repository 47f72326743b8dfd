/* cli_answers.h — `mamori answers [--content DIR]`: the answer key, for content reviewers and
 * for the end-to-end tests that must answer right or wrong on purpose. One line per correct
 * choice, tab-separated: measure, question id, prompt, correct choice text — in Japanese and
 * again in English. */
#ifndef MAMORI_CLI_ANSWERS_H
#define MAMORI_CLI_ANSWERS_H

#include "cli.h"
#include "content.h"

#include <stdio.h>

void answers_write(const Content *c, FILE *out);
/* argv[0] is "answers". Returns the exit status. */
int cli_answers(const CliContext *cx, int argc, char **argv);

#endif
