/* cli_export.c — `mamori export --out DIR` (see cli_export.h): one line per file, ✓ or × with
 * why, then the record's verify result. The work is export.h's. */
#include "cli_export.h"
#include "export.h"
#include "store.h"

#include <stdio.h>
#include <string.h>

static const char USAGE[] =
    "usage: mamori export --out DIR\n"
    "\n"
    "Writes the evidence folder into DIR (made when missing; it must be new or empty):\n"
    "  index.html    the cover page to read first: company, date, the one-star verdict and what it\n"
    "                rests on, each file with its SHA-256, the record's head hash and count and a\n"
    "                full verify run now, how to check it again (A4, print-ready)\n"
    "  report.html, report.xlsx, report.csv, report.json   the completion report\n"
    "  diagnosis.html   the latest self-diagnosis as the sheet prints it (A4)\n"
    "  reminders.html   a slip for each person past a due date or not yet signed (A4, two a page)\n"
    "  roster.csv    the roster for Excel\n"
    "  pledges/      every signed pledge as a print-ready page, and its index\n"
    "The same as the kiosk's 書き出し (export) screen; the cover carries the record's anchor for\n"
    "mamori verify --anchor. Exit 1 when a file could not be written or the record could not be\n"
    "checked, 3 when the record does not verify (the cover says so).\n";

static int parse_args(int argc, char **argv, const char **dir)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return -1;
        if (strcmp(argv[i], "--out") != 0)
            return cli_usage_error("export", "unknown argument '%s'", argv[i]);
        if (i + 1 >= argc || !argv[i + 1][0])
            return cli_usage_error("export", "--out needs a folder");
        *dir = argv[++i];
    }
    return *dir ? CLI_OK : cli_usage_error("export", "say where: --out DIR");
}

static int show(const ExportResult *r)
{
    for (int i = 0; i < r->nitems; i++) {
        const ExportItem *it = &r->items[i];
        if (it->ok && it->name[strlen(it->name) - 1] == '/')
            printf("✓ %s (%d pledge page%s)\n", it->name, it->count, it->count == 1 ? "" : "s");
        else if (it->ok)
            printf("✓ %s\n", it->name);
        else
            fprintf(stderr, "mamori: export: %s not written: %s\n", it->name, it->error);
    }
    if (r->record_ok)
        printf("record verified: %lld records, head %s\n", (long long)r->records,
               r->records ? r->head : "none");
    else
        fprintf(stderr, "mamori: export: the record does not verify: %s\n", r->record_note);
    printf("exported to %s (open index.html first)\n", r->dir);
    return r->failed ? CLI_FAIL : r->record_broken ? CLI_BROKEN : !r->record_ok ? CLI_FAIL : CLI_OK;
}

int cli_export(const CliContext *cx, int argc, char **argv)
{
    const char *dir = NULL;
    int status = parse_args(argc, argv, &dir);
    if (status < 0)
        return fputs(USAGE, stdout), CLI_OK;
    if (status != CLI_OK)
        return status;
    if (!store_exists(cx->db))
        return cli_fail(CLI_FAIL,
                        "there is no database at %s (the kiosk creates it on first run; check --db)", cx->db);
    Store *s;
    Err e = {{0}};
    ExportResult r;
    if (!store_open_readonly(&s, cx->db, &e))
        return cli_fail(CLI_FAIL, "%s", e.msg);
    status = export_into(s, cx->content, dir, cx->now, CSV_PLAIN, &r, &e) ? show(&r)
                                                                          : cli_fail(CLI_FAIL, "%s", e.msg);
    store_close(s);
    return status;
}
