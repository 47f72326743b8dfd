/* cli_check.c — the content author's validator: content_load, then the bank's shape and cues
 * (bank_check), then a report. Printing happens here, at the edge; the loader and the bank check
 * only return what they found. */
#include "bank_check.h"
#include "cli_check.h"
#include "content.h"
#include "json.h"

#include <string.h>

static const char usage[] = "usage: mamori check [--content DIR] [--json] [--strict]\n"
                            "  --strict  every warning about the question bank is an error (exit 1)\n"
                            "  --json    the counts and the bank's figures per measure, as JSON\n";

/* One row of the shape table: measure, questions, kinds, true share, length ratios. */
static void shape_row(int m, const BankShape *sh, FILE *out)
{
    char share[16] = "-";
    if (sh->truefalse)
        snprintf(share, sizeof share, "%d/%d", sh->truefalse_true, sh->truefalse);
    fprintf(out, "%7d %9d %6d %8d %9d %6s %8.2f %8.2f\n", m, sh->questions, sh->single, sh->multiple,
            sh->truefalse, share, sh->ratio[LANG_JA], sh->ratio[LANG_EN]);
}

static void check_shape(const BankReport *r, FILE *out)
{
    fputs("measure questions single multiple truefalse   true ratio ja ratio en\n", out);
    for (int m = 1; m <= MEASURES; m++)
        if (r->measures[m - 1].present)
            shape_row(m, &r->measures[m - 1], out);
    fprintf(out, "bank: %d questions; %d of %d true/false statements true", r->questions, r->truefalse_true,
            r->truefalse);
    if (r->truefalse)
        fprintf(out, " (%d %%)", (100 * r->truefalse_true + r->truefalse / 2) / r->truefalse);
    fprintf(out, "; ratio = right choice's length / the wrong ones' mean, in characters\n");
}

static void check_summary(const Content *c, const BankReport *r, FILE *out)
{
    check_shape(r, out);
    fprintf(out, "content OK: %d lessons, %d questions, ", c->nlessons, c->nquestions);
    if (c->pledge)
        fprintf(out, "pledge v%d", c->pledge->version);
    else
        fputs("no pledge", out);
    fputs(c->diagnosis ? ", diagnosis sheet" : ", no diagnosis sheet", out);
    fprintf(out, " (content version %s)", c->version);
    if (r->warnings)
        fprintf(out, "; %d warning%s about the question bank", r->warnings, r->warnings == 1 ? "" : "s");
    fputc('\n', out);
}

static void json_langs(Json *j, const char *key, const double *v, const int *n)
{
    json_key(j, key);
    json_object(j);
    for (int lang = 0; lang < 2; lang++) {
        json_key(j, lang == LANG_JA ? "ja" : "en");
        if (v)
            json_fixed(j, v[lang], 2);
        else
            json_int(j, n[lang]);
    }
    json_end(j);
}

/* The bank's figures of one measure (bank_check.h, BankShape). */
static void json_shape(const BankShape *sh, Json *j)
{
    static const char *const keys[] = {"single", "multiple", "truefalse", "truefalse_true", "right_first"};
    const int vals[] = {sh->single, sh->multiple, sh->truefalse, sh->truefalse_true, sh->right_first};
    for (int i = 0; i < 5; i++) {
        json_key(j, keys[i]);
        json_int(j, vals[i]);
    }
    json_langs(j, "length_ratio", sh->ratio, NULL);
    json_langs(j, "right_longest", NULL, sh->right_longest);
    json_langs(j, "right_shortest", NULL, sh->right_shortest);
    json_langs(j, "reason_right", NULL, sh->reason_right);
    json_langs(j, "reason_wrong", NULL, sh->reason_wrong);
    json_key(j, "multiple_right_counts"); /* how many multiples have k right choices, k = 0.. */
    json_array(j);
    for (int k = 0; k < 7; k++)
        json_int(j, sh->multiple_right[k]);
    json_end(j);
}

static void check_measure(const Content *c, const BankReport *r, int m, Json *j)
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
    if (p)
        json_shape(&r->measures[m - 1], j);
    json_end(j);
}

static void check_json(const Content *c, const BankReport *r, FILE *out)
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
        check_measure(c, r, m, &j);
    json_end(&j);
    json_key(&j, "truefalse_true");
    json_int(&j, r->truefalse_true);
    json_key(&j, "truefalse");
    json_int(&j, r->truefalse);
    json_key(&j, "findings");
    json_array(&j);
    for (int i = 0; i < r->nfindings; i++)
        json_string(&j, r->findings[i].msg);
    json_end(&j);
    json_end(&j);
    fputc('\n', out);
}

/* Loads, checks the bank, prints: errors and findings on err, the report on out. */
static int check_run(const char *dir, bool json, bool strict, FILE *out, FILE *err)
{
    Content c;
    ErrList errs = {0};
    BankReport r = {0};
    bool ok = content_load(&c, dir, &errs);
    for (int i = 0; i < errs.nmsgs; i++)
        fprintf(err, "%s\n", errs.msgs[i]);
    if (ok) {
        bank_check(&c, strict, &r);
        for (int i = 0; i < r.nfindings; i++)
            fprintf(err, "%s\n", r.findings[i].msg);
        ok = r.errors == 0;
    }
    if (ok && json)
        check_json(&c, &r, out);
    else if (ok)
        check_summary(&c, &r, out);
    else if (r.errors)
        fprintf(err, "mamori: the question bank in %s has %d error%s\n", dir, r.errors,
                r.errors == 1 ? "" : "s");
    bank_report_free(&r);
    errlist_free(&errs);
    content_free(&c);
    return ok ? 0 : 1;
}

int cli_check_to(int argc, char **argv, const char *default_content_dir, FILE *out, FILE *err)
{
    const char *dir = default_content_dir;
    bool json = false, strict = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = true;
        else if (strcmp(argv[i], "--strict") == 0)
            strict = true;
        else if (strcmp(argv[i], "--content") == 0 && i + 1 < argc)
            dir = argv[++i];
        else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return fputs(usage, out), 0;
        else
            return fprintf(err, "mamori check: unexpected '%s'\n%s", argv[i], usage), 2;
    }
    return check_run(dir, json, strict, out, err);
}

int cli_check(int argc, char **argv, const char *default_content_dir)
{
    return cli_check_to(argc, argv, default_content_dir, stdout, stderr);
}
