/* cli_xapi.c — `mamori xapi export | send` (see cli_xapi.h). Statements are xapi.h's; the
 * HTTP is xapi_send.h's; this file picks the records and keeps the bookmark. */
#include "cli_xapi.h"
#include "atomic_file.h"
#include "xapi.h"
#include "xapi_send.h"

#include <curl/curl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char USAGE[] =
    "usage: mamori xapi export [--since ISO-TIME] --out FILE.json\n"
    "       mamori xapi send --lrs URL [--since ISO-TIME]\n"
    "\n"
    "The learning records as xAPI 1.0.3 statements: lessons read, tests passed or failed (score,\n"
    "success, duration), each question answered, follow-up quizzes, pledges signed. Statement ids\n"
    "are the records' UUIDs, so sending again changes nothing at the LRS.\n"
    "export  writes a JSON array of statements to FILE (whole or not at all).\n"
    "send    POSTs them in batches to URL/statements (X-Experience-API-Version: 1.0.3), with basic\n"
    "        auth from MAMORI_LRS_USER and MAMORI_LRS_PASSWORD; retries with back-off; remembers\n"
    "        the last record the LRS accepted (setting xapi_last_sent) and starts after it next\n"
    "        time. --since TIME (2025-04-01 or 2025-04-01T09:00:00+09:00) sends every record from\n"
    "        then instead. An answer that is not exactly the ids sent is refused (exit 1).\n"
    "Settings: xapi_home_page (the actors' account homePage), xapi_activity_iri (activity ids).\n";

enum { BATCH_RECORDS = 50 };

typedef struct {
    bool send;
    const char *out, *lrs, *since_text;
    int64_t since;
} XapiArgs;

static bool take(int argc, char **argv, int *i, const char *name, const char **val)
{
    if (strcmp(argv[*i], name) != 0)
        return false;
    *val = *i + 1 < argc && argv[*i + 1][0] ? argv[++*i] : NULL;
    return true;
}

static int parse_args(int argc, char **argv, XapiArgs *a)
{
    if (argc < 2)
        return cli_usage_error("xapi", "say export or send");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
        return -1;
    if (strcmp(argv[1], "export") != 0 && strcmp(argv[1], "send") != 0)
        return cli_usage_error("xapi", "unknown command '%s'", argv[1]);
    a->send = argv[1][0] == 's';
    for (int i = 2; i < argc; i++) {
        const char *v = NULL;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return -1;
        if (!take(argc, argv, &i, "--out", &v) && !take(argc, argv, &i, "--lrs", &v) &&
            !take(argc, argv, &i, "--since", &v))
            return cli_usage_error("xapi", "unknown argument '%s'", argv[i]);
        if (!v)
            return cli_usage_error("xapi", "%s needs a value", argv[i]);
        *(argv[i - 1][2] == 'o' ? &a->out : argv[i - 1][2] == 'l' ? &a->lrs : &a->since_text) = v;
    }
    if (a->since_text && !xapi_parse_time(a->since_text, &a->since))
        return cli_usage_error("xapi", "--since: '%s' is not a time like 2025-04-01 or 2025-04-01T09:00:00Z",
                               a->since_text);
    if (a->send ? !a->lrs : !a->out)
        return cli_usage_error("xapi", a->send ? "send needs --lrs URL" : "export needs --out FILE.json");
    if (a->send ? a->out != NULL : a->lrs != NULL)
        return cli_usage_error("xapi", a->send ? "send takes no --out" : "export takes no --lrs");
    return CLI_OK;
}

typedef struct {
    Store *s;
    const Content *c;
    XapiConfig cfg;
    const LearningRecord *recs;
    int n;
    int statements;
    XapiIds *ids;
} Batch;

static bool write_batch(FILE *out, const void *arg, Err *e)
{
    Batch *b = (Batch *)arg;
    Json j;
    json_init(&j, out, 0);
    json_array(&j);
    bool ok = xapi_statements(b->s, b->c, &b->cfg, b->recs, b->n, &j, &b->statements, b->ids, e);
    json_end(&j);
    return ok;
}

static int do_export(Store *s, const Content *c, const XapiArgs *a)
{
    LearningRecord *recs;
    int n;
    Err e = {{0}};
    Batch b = {.s = s, .c = c};
    if (!xapi_config(s, &b.cfg, &e) || !store_learning_log(s, 0, a->since, &recs, &n, &e))
        return cli_fail(CLI_FAIL, "%s", e.msg);
    b.recs = recs, b.n = n;
    bool ok = atomic_write_stream(a->out, write_batch, &b, &e);
    free(recs);
    if (!ok)
        return cli_fail(CLI_FAIL, "%s", e.msg);
    printf("wrote %d statements (%d records) to %s\n", b.statements, n, a->out);
    return CLI_OK;
}

/* The record after which send starts: the bookmark, unless --since says otherwise. */
static bool start_after(Store *s, const XapiArgs *a, int64_t *after, Err *e)
{
    char buf[32];
    bool found;
    *after = 0;
    if (a->since_text)
        return true;
    if (!store_get_setting(s, "xapi_last_sent", buf, sizeof buf, &found, e))
        return false;
    *after = found ? strtoll(buf, NULL, 10) : 0;
    return true;
}

/* One batch into memory, POSTed; on success the bookmark moves past it. */
static bool send_batch(Batch *b, const XapiLrs *lrs, int64_t now, Err *e)
{
    char *body = NULL;
    size_t len = 0;
    XapiIds ids = {0};
    FILE *f = open_memstream(&body, &len);
    if (!f)
        return err_set(e, "out of memory");
    b->ids = &ids;
    bool ok = write_batch(f, b, e);
    fclose(f);
    ok = ok && xapi_post(lrs, body, len, &ids, e);
    free(body);
    xapi_ids_free(&ids);
    char seq[32];
    snprintf(seq, sizeof seq, "%" PRId64, b->recs[b->n - 1].seq);
    return ok && store_set_setting(b->s, "xapi_last_sent", seq, now, e);
}

static int send_all(Batch *b, const LearningRecord *recs, int n, const XapiLrs *lrs, int64_t now)
{
    Err e = {{0}};
    int sent = 0, statements = 0;
    for (int i = 0; i < n; i += BATCH_RECORDS) {
        b->recs = recs + i;
        b->n = n - i < BATCH_RECORDS ? n - i : BATCH_RECORDS;
        if (!send_batch(b, lrs, now, &e))
            return cli_fail(CLI_FAIL, "xapi: %s (%d of %d records sent before it)", e.msg, sent, n);
        sent += b->n, statements += b->statements;
        fprintf(stderr, "sent %d/%d records (%d statements)\n", sent, n, statements);
    }
    printf("sent %d records (%d statements) to %s; last record %" PRId64 "\n", n, statements, lrs->url,
           recs[n - 1].seq);
    return CLI_OK;
}

static int do_send(Store *s, const Content *c, const XapiArgs *a, int64_t now)
{
    LearningRecord *recs;
    int n;
    int64_t after;
    Err e = {{0}};
    Batch b = {.s = s, .c = c};
    if (!xapi_config(s, &b.cfg, &e) || !start_after(s, a, &after, &e) ||
        !store_learning_log(s, after, a->since, &recs, &n, &e))
        return cli_fail(CLI_FAIL, "%s", e.msg);
    XapiLrs lrs = {a->lrs, getenv("MAMORI_LRS_USER"), getenv("MAMORI_LRS_PASSWORD"), 4, 500};
    int status = CLI_OK;
    if (n == 0)
        printf("nothing new to send (last record sent: %" PRId64 ")\n", after);
    else if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        status = cli_fail(CLI_FAIL, "xapi: cannot start libcurl");
    else
        status = send_all(&b, recs, n, &lrs, now), curl_global_cleanup();
    free(recs);
    return status;
}

int cli_xapi(const CliContext *cx, int argc, char **argv)
{
    XapiArgs a = {0};
    int status = parse_args(argc, argv, &a);
    if (status < 0)
        return fputs(USAGE, stdout), CLI_OK;
    if (status != CLI_OK)
        return status;
    if (!store_exists(cx->db))
        return cli_fail(CLI_FAIL, "there is no database at %s (check --db)", cx->db);
    Store *s;
    Err e = {{0}};
    /* export only reads (a read-only copy, a full disk); send remembers what it sent */
    if (!(a.send ? store_open(&s, cx->db, &e) : store_open_readonly(&s, cx->db, &e)))
        return cli_fail(CLI_FAIL, "%s", e.msg);
    status = a.send ? do_send(s, cx->content, &a, cx->now) : do_export(s, cx->content, &a);
    store_close(s);
    return status;
}
