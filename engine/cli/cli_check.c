/* cli_check.c — the content author's validator: content_load, then a report. Printing happens
 * here, at the edge; the loader only returns errors. */
#include "cli_check.h"
#include "content.h"
#include "json.h"

#include <string.h>

static const char usage[] = "usage: mamori check [--content DIR] [--json]\n";

static void check_summary(const Content *c, FILE *out)
{
    fprintf(out, "content OK: %d lessons, %d questions, ", c->nlessons, c->nquestions);
    if (c->pledge)
        fprintf(out, "pledge v%d", c->pledge->version);
    else
        fputs("no pledge", out);
    fprintf(out, " (content version %s)\n", c->version);
}

static void check_measure(const Content *c, int m, Json *j)
{
    const Lesson *l = content_lesson(c, m);
    const Pool *p = content_pool(c, m);
    char key[12];
    snprintf(key, sizeof key, "%d", m);
    json_key(j, key);
    json_object(j);
    json_key(j, "lesson");
    json_string(j, l ? l->id : NULL);
    json_key(j, "questions");
    json_int(j, p ? p->nquestions : 0);
    json_key(j, "langs");
    json_array(j);
    if (l || p) { /* a loaded Text always has both languages */
        json_string(j, "ja");
        json_string(j, "en");
    }
    json_end(j);
    json_end(j);
}

static void check_json(const Content *c, FILE *out)
{
    Json j;
    json_init(&j, out, false);
    json_object(&j);
    json_key(&j, "lessons");
    json_int(&j, c->nlessons);
    json_key(&j, "questions");
    json_int(&j, c->nquestions);
    json_key(&j, "measures");
    json_object(&j);
    for (int m = 1; m <= MEASURES; m++)
        check_measure(c, m, &j);
    json_end(&j);
    json_end(&j);
    fputc('\n', out);
}

int cli_check_to(int argc, char **argv, const char *default_content_dir, FILE *out, FILE *err)
{
    const char *dir = default_content_dir;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = 1;
        else if (strcmp(argv[i], "--content") == 0 && i + 1 < argc)
            dir = argv[++i];
        else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return fputs(usage, out), 0;
        else
            return fprintf(err, "mamori check: unexpected '%s'\n%s", argv[i], usage), 2;
    }
    Content c;
    ErrList errs = {0};
    bool ok = content_load(&c, dir, &errs);
    for (int i = 0; i < errs.nmsgs; i++)
        fprintf(err, "%s\n", errs.msgs[i]);
    if (ok && json)
        check_json(&c, out);
    else if (ok)
        check_summary(&c, out);
    errlist_free(&errs);
    content_free(&c);
    return ok ? 0 : 1;
}

int cli_check(int argc, char **argv, const char *default_content_dir)
{
    return cli_check_to(argc, argv, default_content_dir, stdout, stderr);
}
