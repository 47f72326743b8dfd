/* cli_pledges.h — `mamori pledges export --out DIR [--employee CODE]`: print-ready pledges.
 *
 * One HTML file per signed pledge (A4, one page: the exact text signed, the name, the date, the
 * signature drawn as inline SVG from its strokes, the record code and the full hashes), named
 * pledge-CODE-vVERSION-RECORDCODE.html, and — without --employee — index.html listing every
 * active person as signed / signed an earlier version / not signed, with one-star readiness.
 * Every name and text is HTML-escaped. Every file is written to a temporary file in DIR and
 * renamed into place, so a file is there whole or not at all. DIR is created if missing (not
 * its parents). Only records that match their hash-chained event are exported (see
 * store_list_pledges); any other makes the export fail with exit 1.
 *
 * Exit status: 0 done, 1 failed, 2 wrong usage. Errors are one line each on stderr. */
#ifndef MAMORI_CLI_PLEDGES_H
#define MAMORI_CLI_PLEDGES_H

#include "cli.h"

#include <stdbool.h>
#include <stdint.h>

/* argv[0] is "pledges". content_dir gives the current pledge version (content/pledge.yaml). */
int cli_pledges(const CliContext *cx, int argc, char **argv);

#endif
