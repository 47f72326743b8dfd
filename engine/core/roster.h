/* roster.h — the roster CSV a manager writes in Excel: who may sign in at the kiosk.
 *
 * Format (RFC 4180): UTF-8 with or without a BOM; CRLF or LF line ends; fields may be quoted,
 * with "" for a quote inside and line breaks inside quotes. The first line is exactly
 *     code,name,kana,department,role,lang
 * and each later line one person: role is employee, manager or president; lang is ja or en
 * (both accepted in any ASCII case). Spaces and tabs around a field are dropped. A line that is
 * empty, or whose fields are all empty (Excel leaves ",,,,," rows), is skipped; a file of
 * nothing else is empty.
 *
 * What must stay true: the file is accepted whole or not at all. Every problem is reported,
 * each as "FILE:LINE: message" where LINE is the physical line the record starts on (1-based);
 * problems with the file itself (unreadable, UTF-16) are "FILE: message". */
#ifndef MAMORI_ROSTER_H
#define MAMORI_ROSTER_H

#include "err.h"
#include "store.h"

#include <stdbool.h>
#include <stddef.h>

/* Reads the roster at path. On success *rows (heap, caller frees) holds *nrows people, each
 * active with large_text false, in file order. On any problem every message is added to errs,
 * *rows is NULL, *nrows 0, and false is returned. */
bool roster_parse(const char *path, Employee **rows, int *nrows, ErrList *errs);

/* The same on bytes already in memory; name is used in messages. */
bool roster_parse_bytes(const char *name, const char *data, size_t size, Employee **rows, int *nrows,
                        ErrList *errs);

#endif
