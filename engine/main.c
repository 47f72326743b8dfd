/* main.c — the command line: the kiosk by default, and the manager's and author's verbs
 * (check, employees, report, verify, ...). Each verb lives in its own cli_*.c; this file only
 * resolves the shared options (--db, --content) and dispatches. */
#include "cli_answers.h"
#include "cli_check.h"
#include "cli_manager.h"
#include "cli_pledges.h"
#include "cli_settings.h"
#include "cli_store.h"
#include "content.h"
#include "paths.h"
#include "sdl_assets.h"
#include "sdl_kiosk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef MAMORI_VERSION
#define MAMORI_VERSION "dev"
#endif

static const char USAGE[] =
    "usage: mamori [--db FILE] [--content DIR] [--window | --kiosk] [--trace FILE] [--frames N]\n"
    "                                       run the kiosk (default: a window, the shipped content)\n"
    "       mamori check [--content DIR] [--json]        validate the content\n"
    "       mamori employees import FILE.csv | list       the roster (code,name,kana,department,role,lang)\n"
    "       mamori report [--format json|csv|html|xlsx] [--out FILE] [--department D]\n"
    "                                                     the completion report\n"
    "       mamori pledges export --out DIR [--employee CODE]\n"
    "                                                     print-ready signed pledges (HTML)\n"
    "       mamori verify                                 check that no record was altered\n"
    "       mamori settings list | set KEY VALUE          the kiosk's rules (idle_timeout, ...)\n"
    "       mamori manager set-pin                        set the manager PIN (read from stdin)\n"
    "       mamori answers [--content DIR]                the answer key (for reviewers and tests)\n"
    "       mamori --help | --version\n"
    "Options may come before or after the verb. The database defaults to\n"
    "$XDG_DATA_HOME/mamori/mamori.db; the content to ./content or the installed copy.\n";

typedef struct {
    const char *db;
    const char *content;
    KioskOptions kiosk;
    char content_buf[4200]; /* the default content path, when found beside the binary */
    char **rest;            /* the verb and its own arguments */
    int nrest;
} Options;

/* Takes the shared options out of argv wherever they stand; the rest stays in order. */
static bool parse_options(int argc, char **argv, Options *o)
{
    o->kiosk = (KioskOptions){.width = 1280, .height = 800};
    o->rest = calloc((size_t)argc + 1, sizeof *o->rest);
    if (!o->rest)
        return false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if (strcmp(a, "--db") == 0 && has_value)
            o->db = argv[++i];
        else if (strcmp(a, "--content") == 0 && has_value)
            o->content = argv[++i];
        else if (strcmp(a, "--trace") == 0 && has_value)
            o->kiosk.trace_path = argv[++i];
        else if (strcmp(a, "--script") == 0 && has_value)
            o->kiosk.script_path = argv[++i];
        else if (strcmp(a, "--frames") == 0 && has_value)
            o->kiosk.frames = atoi(argv[++i]);
        else if (strcmp(a, "--size") == 0 && has_value)
            sscanf(argv[++i], "%dx%d", &o->kiosk.width, &o->kiosk.height);
        else if (strcmp(a, "--kiosk") == 0)
            o->kiosk.kiosk = true;
        else if (strcmp(a, "--window") == 0)
            o->kiosk.kiosk = false;
        else if (o->nrest == 0 && a[0] == '-' && strcmp(a, "--help") != 0 && strcmp(a, "-h") != 0 &&
                 strcmp(a, "--version") != 0) {
            fprintf(stderr, "mamori: unknown option %s\n%s", a, USAGE);
            return false;
        } else
            o->rest[o->nrest++] = argv[i];
    }
    if (!o->content)
        o->content = paths_default_content(o->content_buf, sizeof o->content_buf);
    return true;
}

static bool resolve_db(Options *o, char *buf, size_t size)
{
    Err e = {0};
    if (o->db)
        return true;
    if (!paths_default_db(buf, size, &e)) {
        fprintf(stderr, "mamori: %s\n", e.msg);
        return false;
    }
    o->db = buf;
    return true;
}

/* Verbs that need the content loaded (report) get it here. */
static int with_content(Options *o, int64_t now)
{
    Content c = {0};
    ErrList errs = {0};
    int rc = 1;
    if (!content_load(&c, o->content, &errs)) {
        for (int i = 0; i < errs.nmsgs; i++)
            fprintf(stderr, "%s\n", errs.msgs[i]);
        fprintf(stderr, "mamori: the content in %s has errors\n", o->content);
    } else
        rc = cli_report(o->nrest, o->rest, o->db, &c, now);
    errlist_free(&errs);
    content_free(&c);
    return rc;
}

/* Every picture decodes with the kiosk's own decoder; errors are printed. */
static bool pictures_ok(const char *content_dir)
{
    Content c = {0};
    ErrList errs = {0};
    char assets[4300];
    paths_assets(content_dir, assets, sizeof assets);
    /* content with errors: the validator below reports them; pictures are checked once it loads */
    bool ok = !content_load(&c, content_dir, &errs) || assets_check(&c, assets, &errs);
    for (int i = 0; ok == false && i < errs.nmsgs; i++)
        fprintf(stderr, "%s\n", errs.msgs[i]);
    errlist_free(&errs);
    content_free(&c);
    return ok;
}

/* `mamori check`: the validator, and the pictures. With a broken picture the summary line
 * ("content OK") is not printed, since the content is not OK; --json output is kept for tools. */
static int check(Options *o)
{
    bool json = false;
    for (int i = 1; i < o->nrest; i++)
        json |= strcmp(o->rest[i], "--json") == 0;
    bool help = o->nrest > 1 && (strcmp(o->rest[1], "--help") == 0 || strcmp(o->rest[1], "-h") == 0);
    bool pictures = help || pictures_ok(o->content);
    FILE *out = pictures || json ? stdout : fopen("/dev/null", "w");
    int rc = cli_check_to(o->nrest, o->rest, o->content, out ? out : stdout, stderr);
    if (out && out != stdout)
        fclose(out);
    return rc ? rc : pictures ? 0 : 1;
}

static int dispatch(Options *o)
{
    const char *verb = o->nrest ? o->rest[0] : NULL;
    char db[4096];
    int64_t now = (int64_t)time(NULL);
    if (verb && (strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0 || strcmp(verb, "help") == 0))
        return fputs(USAGE, stdout), 0;
    if (verb && strcmp(verb, "--version") == 0)
        return printf("mamori %s\n", MAMORI_VERSION), 0;
    if (verb && strcmp(verb, "check") == 0)
        return check(o);
    if (verb && strcmp(verb, "answers") == 0)
        return cli_answers(o->nrest, o->rest, o->content);
    if (verb && o->nrest > 1 && (strcmp(o->rest[1], "--help") == 0 || strcmp(o->rest[1], "-h") == 0))
        o->db = o->db ? o->db : "(default)";
    if (!resolve_db(o, db, sizeof db))
        return 1;
    if (!verb) {
        o->kiosk.db_path = o->db;
        o->kiosk.content_dir = o->content;
        return kiosk_run(&o->kiosk);
    }
    if (strcmp(verb, "employees") == 0)
        return cli_employees(o->nrest, o->rest, o->db, now);
    if (strcmp(verb, "settings") == 0)
        return cli_settings(o->nrest, o->rest, o->db, now);
    if (strcmp(verb, "manager") == 0)
        return cli_manager(o->nrest, o->rest, o->db, now);
    if (strcmp(verb, "verify") == 0)
        return cli_verify(o->nrest, o->rest, o->db);
    if (strcmp(verb, "pledges") == 0)
        return cli_pledges(o->nrest, o->rest, o->db, o->content, now);
    if (strcmp(verb, "report") == 0)
        return with_content(o, now);
    fprintf(stderr, "mamori: unknown command '%s'\n%s", verb, USAGE);
    return 2;
}

int main(int argc, char **argv)
{
    Options o = {0};
    int rc = parse_options(argc, argv, &o) ? dispatch(&o) : 2;
    free(o.rest);
    return rc;
}
