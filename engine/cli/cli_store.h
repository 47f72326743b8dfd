/* cli_store.h — the command-line verbs over the records: `employees`, `verify`, `report`.
 *
 * Each takes its own argv (argv[0] is the verb, e.g. "employees"), prints results on stdout and
 * each error as one line on stderr ("FILE:LINE: message" for roster problems, "mamori: message"
 * otherwise), answers --help on stdout, and returns the process exit status:
 * 0 done, 1 failed (bad file, broken record, database error), 2 wrong usage.
 * main.c resolves db_path (--db or the default) and the content before calling. */
#ifndef MAMORI_CLI_STORE_H
#define MAMORI_CLI_STORE_H

#include "cli.h"
#include "content.h"

#include <stdint.h>

/* mamori employees import FILE.csv
 *   Reads the roster; on any problem prints every one and writes nothing (exit 1); else
 *   prints "imported N people (M added or changed)".
 * mamori employees list [--all] [--format table|csv|json]
 *   The roster (active people; --all adds inactive ones): a readable table (default), CSV in
 *   the import format with a UTF-8 BOM for Excel (--all adds an "active" column, which import
 *   does not take), or JSON (an array of objects with every field). */
int cli_employees(const CliContext *cx, int argc, char **argv);

/* mamori verify
 *   Recomputes the hash chain: exit 0 printing "ok: N records, head HASH", or exit 3 (CLI_BROKEN)
 *   printing "record SEQ: what is wrong" (with "(the N records before it are intact)" when the
 *   walk stopped there), or exit 1 when it could not be checked (no key, unreadable). */
int cli_verify(const CliContext *cx, int argc, char **argv);

/* mamori report [--format json|csv|html|xlsx] [--out FILE] [--department D]
 *   The completion report on stdout or into FILE: json (report.h), csv (report_csv.h), html
 *   (report_html.h), xlsx (report_xlsx.h; needs --out, exit 2 without). FILE is written as a
 *   temporary file in the same directory and renamed into place, so a failed report never
 *   leaves a partial FILE. --department D: only the active people of D; exit 1 when D has
 *   none. Dates in csv/html/xlsx are in the machine's local time. c may be NULL. */
int cli_report(const CliContext *cx, int argc, char **argv);

#endif
