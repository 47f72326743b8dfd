/* main.c — the command line: the kiosk by default, and the manager's and author's verbs.
 *
 * Each verb lives in its own cli/cli_*.c with one signature (CliVerbFn); this file only takes the
 * shared options out of argv, resolves the context once (database, content, clock) as the verb's
 * row in VERBS asks, and calls it. What must stay true: a verb's --help works without a database
 * or valid content; a bad option value is a usage error (exit 2) that names the option. */
#include "cli.h"
#include "cli_answers.h"
#include "cli_check.h"
#include "cli_export.h"
#include "cli_db.h"
#include "cli_diagnosis.h"
#include "cli_manager.h"
#include "cli_pledges.h"
#include "cli_settings.h"
#include "cli_xapi.h"
#include "cli_store.h"
#include "content.h"
#include "paths.h"
#include "sdl_assets.h"
#include "sdl_kiosk.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef MAMORI_VERSION
#define MAMORI_VERSION "dev"
#endif

static int check_verb(const CliContext *cx, int argc, char **argv);

static const CliVerb VERBS[] = {
    {"check", check_verb, 0,
     "check [--content DIR] [--json] [--strict]\n"
     "                                                     validate the content and the question bank"},
    {"employees", cli_employees, CLI_NEEDS_DB,
     "employees import FILE.csv | list       the roster (code,name,kana,department,role,lang)"},
    {"report", cli_report, CLI_NEEDS_DB | CLI_NEEDS_CONTENT,
     "report [--format json|csv|html|xlsx] [--out FILE] [--department D]\n"
     "                                                     the completion report"},
    {"pledges", cli_pledges, CLI_NEEDS_DB | CLI_NEEDS_CONTENT,
     "pledges export --out DIR [--employee CODE]\n"
     "                                                     print-ready signed pledges (HTML)"},
    {"export", cli_export, CLI_NEEDS_DB | CLI_NEEDS_CONTENT,
     "export --out DIR                       the evidence folder: reports, roster, pledges, cover page"},
    {"xapi", cli_xapi, CLI_NEEDS_DB | CLI_NEEDS_CONTENT,
     "xapi export [--since T] --out FILE | send --lrs URL [--since T]\n"
     "                                                     learning records as xAPI 1.0.3 statements"},
    {"verify", cli_verify, CLI_NEEDS_DB,
     "verify                                 check that no record was altered"},
    {"settings", cli_settings, CLI_NEEDS_DB,
     "settings list | set KEY VALUE          the kiosk's rules (idle_timeout, ...)"},
    {"manager", cli_manager, CLI_NEEDS_DB,
     "manager set-pin                        set the manager PIN (read from stdin)"},
    {"db", cli_db, 0,
     "db copy --from SRC --to DST            the whole record between SQLite files and PostgreSQL"},
    {"diagnosis", cli_diagnosis, CLI_NEEDS_DB | CLI_NEEDS_CONTENT,
     "diagnosis import FILE.csv --by CODE [--self] | show [--format text|json] [--all]\n"
     "                                                     the self-diagnosis (自社診断)"},
    {"answers", cli_answers, CLI_NEEDS_CONTENT,
     "answers [--content DIR]                the answer key (for reviewers and tests)"},
};
enum { NVERBS = sizeof VERBS / sizeof VERBS[0] };

static void usage(FILE *f)
{
    fputs(
        "usage: mamori [--db FILE|URI] [--content DIR] [--window | --kiosk] [--trace FILE] [--frames N]\n"
        "              [--size WxH] [--cache FILE]  run the kiosk (default: a window, the shipped content;\n"
        "                                       on a server URI, --cache is this kiosk's own copy)\n",
        f);
    for (int i = 0; i < NVERBS; i++)
        fprintf(f, "       mamori %s\n", VERBS[i].usage);
    fputs("       mamori --help | --version\n"
          "Options may come before or after the verb. --db takes a file or a PostgreSQL URI\n"
          "(postgresql://user@host/db; the password from ~/.pgpass, never on the command line).\n"
          "The database defaults to $MAMORI_DB, else $XDG_DATA_HOME/mamori/mamori.db; the content\n"
          "to ./content or the installed copy.\n",
          f);
}

typedef struct {
    const char *db;
    const char *content;
    KioskOptions kiosk;
    char content_buf[4200]; /* the default content path, when found beside the binary */
    char **rest;            /* the verb and its own arguments */
    int nrest;
} Options;

/* A whole decimal number in [min, max], nothing before or after it. */
static bool parse_int(const char *s, int min, int max, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < min || v > max)
        return false;
    *out = (int)v;
    return true;
}

static bool parse_size(const char *s, int *w, int *h)
{
    char ws[16], hs[16];
    const char *x = strchr(s, 'x');
    if (!x || x - s >= (long)sizeof ws || strlen(x + 1) >= sizeof hs)
        return false;
    memcpy(ws, s, (size_t)(x - s));
    ws[x - s] = '\0';
    strcpy(hs, x + 1);
    return parse_int(ws, 200, 16384, w) && parse_int(hs, 200, 16384, h);
}

static bool bad_value(const char *option, const char *value, const char *want)
{
    fprintf(stderr, "mamori: %s: '%s' is not %s (see mamori --help)\n", option, value, want);
    return false;
}

/* The shared options that take a value: where each one goes. */
static bool take_value(Options *o, const char *a, const char *v)
{
    if (strcmp(a, "--db") == 0)
        o->db = v;
    else if (strcmp(a, "--content") == 0)
        o->content = v;
    else if (strcmp(a, "--trace") == 0)
        o->kiosk.trace_path = v;
    else if (strcmp(a, "--cache") == 0)
        o->kiosk.cache_path = v;
    else if (strcmp(a, "--script") == 0)
        o->kiosk.script_path = v;
    else if (strcmp(a, "--frames") == 0)
        return parse_int(v, 0, INT_MAX, &o->kiosk.frames) || bad_value(a, v, "a whole number of frames");
    else
        return parse_size(v, &o->kiosk.width, &o->kiosk.height) ||
               bad_value(a, v, "a size like 1280x800 (200 to 16384 each)");
    return true;
}

static bool takes_value(const char *a)
{
    static const char *const WITH_VALUE[] = {"--db",     "--content", "--trace", "--script",
                                             "--frames", "--size",    "--cache"};
    for (size_t i = 0; i < sizeof WITH_VALUE / sizeof WITH_VALUE[0]; i++)
        if (strcmp(a, WITH_VALUE[i]) == 0)
            return true;
    return false;
}

static bool is_help(const char *a)
{
    return strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0;
}

/* Takes the shared options out of argv wherever they stand; the rest stays in order. */
static bool parse_options(int argc, char **argv, Options *o)
{
    o->kiosk = (KioskOptions){.width = 1280, .height = 800};
    o->rest = calloc((size_t)argc + 1, sizeof *o->rest);
    if (!o->rest)
        return false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (takes_value(a)) {
            if (i + 1 >= argc || !argv[i + 1][0] || strncmp(argv[i + 1], "--", 2) == 0) {
                /* `--db $UNSET --kiosk` must not open a file named --kiosk outside kiosk mode */
                fprintf(stderr, "mamori: %s needs a value (see mamori --help)\n", a);
                return false;
            }
            if (!take_value(o, a, argv[++i]))
                return false;
        } else if (strcmp(a, "--kiosk") == 0 || strcmp(a, "--window") == 0) {
            o->kiosk.kiosk = a[2] == 'k';
        } else if (o->nrest == 0 && a[0] == '-' && !is_help(a) && strcmp(a, "--version") != 0) {
            fprintf(stderr, "mamori: unknown option %s\n", a);
            usage(stderr);
            return false;
        } else {
            o->rest[o->nrest++] = argv[i];
        }
    }
    if (!o->content)
        o->content = paths_default_content(o->content_buf, sizeof o->content_buf);
    return true;
}

static bool resolve_db(Options *o, char *buf, size_t size)
{
    Err e = {0};
    const char *env = getenv("MAMORI_DB");
    if (!o->db && env && env[0])
        o->db = env;
    if (o->db)
        return true;
    if (!paths_default_db(buf, size, &e)) {
        fprintf(stderr, "mamori: %s\n", e.msg);
        return false;
    }
    o->db = buf;
    return true;
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

/* `mamori check`: the validator, and the pictures (here, since decoding them is the SDL shell's
 * job). With a broken picture the summary line ("content OK") is not printed, since the content is
 * not OK; --json output is kept for tools. */
static int check_verb(const CliContext *cx, int argc, char **argv)
{
    bool json = false;
    for (int i = 1; i < argc; i++)
        json |= strcmp(argv[i], "--json") == 0;
    bool help = argc > 1 && is_help(argv[1]);
    bool pictures = help || pictures_ok(cx->content_dir);
    FILE *out = pictures || json ? stdout : fopen("/dev/null", "w");
    int rc = cli_check_to(argc, argv, cx->content_dir, out ? out : stdout, stderr);
    if (out && out != stdout)
        fclose(out);
    return rc ? rc : pictures ? CLI_OK : CLI_FAIL;
}

static const CliVerb *find_verb(const char *name)
{
    for (int i = 0; i < NVERBS; i++)
        if (strcmp(VERBS[i].name, name) == 0)
            return &VERBS[i];
    return NULL;
}

/* Resolves what the verb's row asks for, then runs it. --help needs neither database nor content. */
static int run_verb(const CliVerb *v, Options *o, int64_t now)
{
    char db[4096];
    bool help = o->nrest > 1 && is_help(o->rest[1]);
    CliContext cx = {.db = help ? "(default)" : NULL, .content_dir = o->content, .now = now};
    if (!help && (v->needs & CLI_NEEDS_DB)) {
        if (!resolve_db(o, db, sizeof db))
            return CLI_FAIL;
        cx.db = o->db;
    }
    Content c = {0};
    int rc = CLI_FAIL;
    if (help || !(v->needs & CLI_NEEDS_CONTENT) || cli_load_content(o->content, &c)) {
        cx.content = &c;
        rc = v->run(&cx, o->nrest, o->rest);
    }
    content_free(&c);
    return rc;
}

static int run_kiosk(Options *o)
{
    char db[4096];
    if (!resolve_db(o, db, sizeof db))
        return CLI_FAIL;
    o->kiosk.db_path = o->db;
    o->kiosk.content_dir = o->content;
    return kiosk_run(&o->kiosk);
}

static int dispatch(Options *o)
{
    const char *verb = o->nrest ? o->rest[0] : NULL;
    if (!verb)
        return run_kiosk(o);
    if (is_help(verb) || strcmp(verb, "help") == 0)
        return usage(stdout), CLI_OK;
    if (strcmp(verb, "--version") == 0)
        return printf("mamori %s\n", MAMORI_VERSION), CLI_OK;
    const CliVerb *v = find_verb(verb);
    if (v)
        return run_verb(v, o, (int64_t)time(NULL));
    fprintf(stderr, "mamori: unknown command '%s'\n", verb);
    usage(stderr);
    return CLI_USAGE;
}

int main(int argc, char **argv)
{
    Options o = {0};
    int rc = parse_options(argc, argv, &o) ? dispatch(&o) : CLI_USAGE;
    free(o.rest);
    return rc;
}
