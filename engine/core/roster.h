/* roster.h — the roster CSV a manager writes in Excel: who may sign in at the kiosk.
 *
 * Format (RFC 4180): UTF-8 with or without a BOM, or Shift_JIS as Japanese Excel saves it
 * (CP932, detected and converted: encoding.h); CRLF or LF line ends; fields may be quoted, with
 * "" for a quote inside and line breaks inside quotes. The first line names the columns, in
 * English or Japanese and in any order (roster_columns.h): code and name are required; kana,
 * department, department_kana, role and lang may be left out (empty, empty, empty, employee, ja),
 * and so may a value in them. department_kana is the department's reading (hiragana or katakana):
 * it needs a department, and one department is read one way in a file. Other columns (an HR system's 入社日,
 * 備考 ...) are ignored and listed once in RosterInfo. Each later line is one person. Spaces around a field
 * are dropped (tabs and full-width spaces too); half-width katakana in kana and department_kana become
 * full-width (ｶﾀｶﾅ → カタカナ); a leading ' that kept Excel from reading =, +, - or @ as a formula is
 * dropped. A line that is empty, or whose fields are all empty (Excel leaves ",,,,," rows), is skipped; a
 * file of nothing else is empty.
 *
 * What must stay true: the file is accepted whole or not at all. Every problem is reported,
 * each as "FILE:LINE: message" where LINE is the physical line the record starts on (1-based);
 * problems with the file itself (unreadable, UTF-16) are "FILE: message". */
#ifndef MAMORI_ROSTER_H
#define MAMORI_ROSTER_H

#include "encoding.h"
#include "err.h"
#include "store.h"

#include <stdbool.h>
#include <stddef.h>

enum { ROSTER_MAX_COLUMNS = 64 };

/* What the parser tells about a file it read. */
typedef struct {
    Encoding encoding; /* what the bytes were */
    char ignored[512]; /* the ignored columns' names, ", " between them ("" none; cut when long) */
    int nignored;
} RosterInfo;

/* Reads the roster at path. On success *rows (heap, caller frees) holds *nrows people, each
 * active with large_text false, in file order. On any problem every message is added to errs,
 * *rows is NULL, *nrows 0, and false is returned. */
bool roster_parse(const char *path, Employee **rows, int *nrows, ErrList *errs);

/* The same on bytes already in memory; name is used in messages. */
bool roster_parse_bytes(const char *name, const char *data, size_t size, Employee **rows, int *nrows,
                        ErrList *errs);

/* The same two, telling what was read in *info (may be NULL), every problem in Japanese when
 * japanese (the kiosk's roster import; the command line's are English). */
bool roster_parse_info(const char *path, Employee **rows, int *nrows, RosterInfo *info, bool japanese,
                       ErrList *errs);
bool roster_parse_bytes_info(const char *name, const char *data, size_t size, Employee **rows, int *nrows,
                             RosterInfo *info, bool japanese, ErrList *errs);

#endif
