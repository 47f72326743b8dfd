/* cli_pledges.c — `mamori pledges export`: print-ready HTML pledges and their index.
 *
 * What must stay true: exit 0/1/2 as in cli_pledges.h; the pages themselves are report_pledges.c. */
#include "cli_pledges.h"
#include "cli.h"
#include "content.h"
#include "report_pledges.h"
#include "store.h"

#include <stdio.h>
#include <string.h>

static const char USAGE[] =
    "usage: mamori pledges export --out DIR [--employee CODE]\n"
    "\n"
    "Writes one print-ready HTML page (A4) per signed pledge into DIR: the text signed, the\n"
    "name, the date, the signature, the record code and hashes. Without --employee it also\n"
    "writes DIR/index.html: every active person, signed / signed an earlier version / not\n"
    "signed, and whether the company is ready for the one-star declaration. DIR is created\n"
    "if it does not exist.\n";
typedef struct {
    Store *store;
    const char *dir;      /* borrowed: where the files go */
    const char *employee; /* borrowed: NULL for everyone */
    int version;          /* the current pledge version; 0 without pledge.yaml */
} Export;

static int parse_args(int argc, char **argv, Export *x)
{
    if (argc < 2)
        return cli_usage_error("pledges", "say export");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
        return -1;
    if (strcmp(argv[1], "export") != 0)
        return cli_usage_error("pledges", "unknown command '%s'", argv[1]);
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
            return -1;
        bool has = i + 1 < argc && argv[i + 1][0];
        if (strcmp(a, "--out") == 0 || strcmp(a, "--employee") == 0) {
            if (!has)
                return cli_usage_error("pledges", "%s needs a value", a);
            *(a[2] == 'o' ? &x->dir : &x->employee) = argv[++i];
        } else {
            return cli_usage_error("pledges", "unknown argument '%s'", a);
        }
    }
    return x->dir ? CLI_OK : cli_usage_error("pledges", "export needs --out DIR");
}

int cli_pledges(const CliContext *cx, int argc, char **argv)
{
    Export x = {0};
    int status = parse_args(argc, argv, &x);
    if (status < 0)
        return fputs(USAGE, stdout), CLI_OK;
    if (status != CLI_OK)
        return status;
    x.version = cx->content->pledge ? cx->content->pledge->version : 0;
    Err e = {{0}};
    if (!store_exists(cx->db))
        return cli_fail(CLI_FAIL, "there is no database at %s (check --db)", cx->db);
    if (!store_open_readonly(&x.store, cx->db, &e)) /* only reads: works on a read-only copy */
        return cli_fail(CLI_FAIL, "%s", e.msg);
    int count;
    if (pledges_export(x.store, x.dir, x.employee, x.version, cx->now, &count, &e))
        printf("wrote %d pledge%s%s to %s\n", count, count == 1 ? "" : "s",
               x.employee ? "" : " and index.html", x.dir);
    else
        status = cli_fail(CLI_FAIL, "%s", e.msg);
    store_close(x.store);
    return status;
}
