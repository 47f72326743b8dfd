/* bank_check.h — the question bank's shape and its test-wise cues (issue 11), over loaded content.
 *
 * bank_check measures every pool (questions by kind, true share, the right choice's length
 * against the wrong ones in characters, i.e. UTF-8 code points, in ja and en) and reports each
 * cue by the rules R1–R8 of tools/bankcheck.py, the content writers' tool, at the position of the
 * question or the pool:
 *   R1 a pool has at least 10 questions (12 for the five-article measures 1, 2, 3, 4, 6), so a
 *      retake can be fresh; it draws BANK_DRAW and passes at BANK_PASS_PERCENT (fewer or lower:
 *      an error; more or higher: a warning);
 *   R2 single: right length / mean wrong length within 0.80–1.25, per question and language;
 *   R3 per pool and language: the right choice is the strictly longest in at most 40 % of the
 *      single questions, and the strictly shortest in at most 40 %;
 *   R4 reason clauses (ja ので / ため、 / ために / から、; en because, since, so that, as it, as they)
 *      in right and wrong choices alike: neither side's share under half the other's;
 *   R5 true/false: per pool |true − false| <= 1; over the bank 35–65 % true;
 *   R6 multiple: 1 to n−1 right; a pool's multiples do not all have the same number right;
 *   R7 no negative stem (ではない, てはいけない, いけないもの, べきでない, 誤っている, 間違っている,
 *      NOT, not true, incorrect);
 *   R8 the right choice is the first one written in at most 50 % of a pool's single questions.
 * What must stay true: the rules here and in bankcheck.py are the same; this file is the one place
 * the draw-and-pass rule lives (BANK_DRAW, BANK_PASS_PERCENT). Findings are returned, never printed. */
#ifndef MAMORI_BANK_CHECK_H
#define MAMORI_BANK_CHECK_H

#include "content.h"

#include <stdbool.h>

/* The rule for every comprehension test: draw at least 5, pass at 80 % (4 of 5). */
enum { BANK_DRAW = 5, BANK_PASS_PERCENT = 80 };

typedef enum { BANK_WARNING, BANK_ERROR } BankSeverity;

typedef struct {
    BankSeverity severity;
    char rule[4];  /* "R1" … "R8" */
    char msg[600]; /* "FILE:LINE:COL: warning: what [R2]" (errors without "warning: ") */
} BankFinding;

/* The shape of one measure's pool. Lengths are in code points; lang index LANG_JA, LANG_EN. */
typedef struct {
    bool present;
    int questions, single, multiple, truefalse, truefalse_true;
    double ratio[2];       /* mean over single questions of right length / mean wrong length; 0 if none */
    int right_longest[2];  /* single questions whose right choice is strictly the longest */
    int right_shortest[2]; /* … strictly the shortest */
    int right_first;       /* single questions whose right choice is written first */
    int reason_right[2], right_choices, reason_wrong[2], wrong_choices; /* R4's counts */
    int multiple_right[8]; /* how many multiples have k right choices, k = index (k >= 7 in [7]) */
} BankShape;

typedef struct {
    BankShape measures[MEASURES]; /* index measure-1 */
    int questions, truefalse, truefalse_true;
    BankFinding *findings; /* heap, in the order of the pools, then the bank-wide ones */
    int nfindings, capfindings;
    int warnings, errors;
} BankReport;

/* Measures c (a successfully loaded content) and lists every cue. With strict, every warning is
 * an error. The caller frees r with bank_report_free. */
void bank_check(const Content *c, bool strict, BankReport *r);
void bank_report_free(BankReport *r);

/* The code points of t once leading and trailing white space (ASCII and Unicode spaces, U+3000
 * included) is left out: the length the rules compare. */
int bank_text_length(const char *t);

#endif
