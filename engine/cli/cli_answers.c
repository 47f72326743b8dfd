/* cli_answers.c — printing the answer key. */
#include "cli_answers.h"

#include <string.h>

static void write_question(const Question *q, Lang lang, FILE *out)
{
    for (int i = 0; i < q->nchoices; i++)
        if (q->choices[i].correct)
            fprintf(out, "%d\t%s\t%s\t%s\n", q->measure, q->id, text_get(q->prompt, lang),
                    text_get(q->choices[i].text, lang));
}

void answers_write(const Content *c, FILE *out)
{
    for (int lang = LANG_JA; lang <= LANG_EN; lang++)
        for (int m = 0; m < MEASURES; m++)
            for (int i = 0; c->pools[m] && i < c->pools[m]->nquestions; i++)
                write_question(&c->pools[m]->questions[i], (Lang)lang, out);
}

int cli_answers(const CliContext *cx, int argc, char **argv)
{
    if (argc > 1) {
        fprintf(stderr, "usage: mamori answers [--content DIR]\n"
                        "prints the answer key: measure, question id, prompt, correct choice\n");
        return strcmp(argv[1], "--help") == 0 ? CLI_OK : CLI_USAGE;
    }
    answers_write(cx->content, stdout);
    return CLI_OK;
}
