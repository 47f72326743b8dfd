/* cli_export.h — `mamori export --out DIR`: the evidence folder, as the kiosk's 書き出し writes
 * it (export.h): report.json/.csv/.html/.xlsx, roster.csv, pledges/ and the cover page
 * index.html, into DIR (made when missing; refused when not empty).
 *
 * Exit status: 0 every file written and the record verified intact; 1 a file could not be
 * written or the record failed verification (the cover page says so too); 2 wrong usage. */
#ifndef MAMORI_CLI_EXPORT_H
#define MAMORI_CLI_EXPORT_H

#include "cli.h"

int cli_export(const CliContext *cx, int argc, char **argv);

#endif
