/* report_pledges.h — print-ready pledges: one HTML page (A4) per signed pledge and an index.
 *
 * One HTML file per signed pledge (the exact text signed, the name, the date, the signature drawn
 * as inline SVG from its strokes, the record code and the full hashes), named
 * pledge-CODE-vVERSION-RECORDCODE.html, and — for everyone — index.html listing every active
 * person as signed / signed an earlier version / not signed, with one-star readiness. Every name
 * and text is HTML-escaped; every file appears whole or not at all. Only records that match their
 * hash-chained event are exported (see store_list_pledges); any other makes the export fail. */
#ifndef MAMORI_REPORT_PLEDGES_H
#define MAMORI_REPORT_PLEDGES_H

#include "store.h"

#include <stdbool.h>
#include <stdint.h>

/* The export itself, for other callers (the manager's export at the kiosk): the pages into dir
 * (created if missing) for everyone, or for one person when employee is not NULL (then no
 * index.html). current_version is the content's Pledge.version (0 without one). *count gets
 * how many pledge pages were written. False with e at the first failure; files already
 * renamed into place stay (each is complete). */
bool pledges_export(Store *s, const char *dir, const char *employee, int current_version, int64_t now,
                    int *count, Err *e);

#endif
