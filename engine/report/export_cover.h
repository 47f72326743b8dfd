/* export_cover.h — index.html, the cover page of an evidence folder (export.h): what a partner,
 * an auditor or a subsidy office reads first.
 *
 * It says: the company and the date; the one-star verdict and what it rests on (the president's
 * pledge, everyone's, with counts and who is missing); each file of the folder, what it is, and
 * its SHA-256; the record's head hash and event count and the result of a full verify run at
 * export time; and how to check all of it again. A4 portrait, print-ready like the pledge pages.
 *
 * What must stay true: every name and value from the records is HTML-escaped; the verify shown
 * is the one run while writing this page (never a remembered one); the page appears whole or not
 * at all (atomic_file.h). */
#ifndef MAMORI_EXPORT_COVER_H
#define MAMORI_EXPORT_COVER_H

#include "content.h"
#include "err.h"
#include "export.h"
#include "store.h"

#include <stdbool.h>
#include <stdint.h>

/* Writes r->dir/index.html describing the items in r (written before it). *out gets what
 * the verify run found (record_ok, records, head, record_note), even when writing fails. */
bool export_cover(Store *s, const Content *c, const ExportResult *r, int64_t now, ExportResult *out, Err *e);

#endif
