/* diagnosis.h — the self-diagnosis's arithmetic: IPA's scoring (A + B + C and the band), the
 * items weakest first, what each person should learn next, how a department answered, and the
 * answer sheet as a CSV (item,answer) for `mamori diagnosis import`.
 *
 * Pure functions over a DiagSheet (content/diagnosis.yaml) and 25 answers indexed by item-1,
 * DIAG_NONE where an item was not (yet) answered. What must stay true: the total is the sum of
 * the answered items' points, A, B and C are the sums of the yes, partly and unknown points, and
 * the band is the sheet's band of the total, given only for a complete company diagnosis. */
#ifndef MAMORI_DIAGNOSIS_H
#define MAMORI_DIAGNOSIS_H

#include "diagsheet.h"
#include "err.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    int answered;                /* items with an answer */
    bool complete;               /* every item of the scope answered */
    int total;                   /* A + B + C */
    int subtotal[DIAG_ANSWERS];  /* points by answer: [DIAG_YES] A, [DIAG_PARTLY] B, [DIAG_UNKNOWN] C */
    int count[DIAG_ANSWERS];     /* items by answer */
    int part_points[DIAG_PARTS]; /* the answered items' points in each part */
    int part_max[DIAG_PARTS];    /* the most those items could have scored */
    const DiagBand *band;        /* a complete company diagnosis: the band of the total; else NULL */
} DiagScore;

void diag_score(const DiagSheet *sh, DiagScope scope, const DiagAnswer ans[DIAG_ITEMS], DiagScore *out);

/* Answered items weakest first — no (0), unknown (-1), partly, yes; ties by item number — into
 * order[] as item indexes 0–24. Returns how many. */
int diag_weakest(const DiagAnswer ans[DIAG_ITEMS], int order[DIAG_ITEMS]);
/* How weak an answer is: 0 the weakest (no) … 3 (yes); 4 for DIAG_NONE. */
int diag_weakness(DiagAnswer a);

/* Measures to learn first: the company's weak items (no, unknown, partly in that order), then the
 * person's own weak items, each measure once. company and self may be NULL. Returns how many
 * measures were written to measures[] (1–25). */
int diag_recommend(const DiagSheet *sh, const DiagAnswer *company, const DiagAnswer *self,
                   int measures[DIAG_ITEMS]);

/* How a group of people answered each item of their own practice. */
typedef struct {
    int people;
    int count[DIAG_ITEMS][DIAG_ANSWERS];
} DiagTally;

void diag_tally_add(DiagTally *t, const DiagAnswer ans[DIAG_ITEMS]);
/* The answer most of the group gave to item (index 0–24), DIAG_NONE when nobody answered; *share
 * gets its share in percent. Ties go to the weaker answer. */
DiagAnswer diag_tally_mode(const DiagTally *t, int item, int *share);

/* Parses a CSV answer sheet: header `item,answer`, one line per item, every item of the scope
 * exactly once (UTF-8, optional BOM, CRLF or LF, fields optionally in double quotes, blank lines
 * skipped). Answers are yes / partly / no / unknown or the sheet's own words. On any problem
 * every one is added to errs as "NAME:LINE: message" and false is returned (ans then unusable). */
bool diag_csv_parse(const DiagSheet *sh, DiagScope scope, const char *name, const char *data, size_t n,
                    DiagAnswer ans[DIAG_ITEMS], ErrList *errs);

#endif
