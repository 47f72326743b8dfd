/* report_items.h — item statistics from the recorded answers, as Moodle's quiz statistics: how
 * each question of the bank works with real people, for content authors and the manager.
 *
 * Over the answers of every finished comprehension test (store_item_answers: follow-up quizzes
 * and abandoned tests are left out), per question of the loaded content:
 *   - shown: how many answers it has;
 *   - right: how many of them were right; facility = right / shown;
 *   - discrimination: the Pearson correlation, over the question's answers, between
 *       x = 1 if the answer was right, else 0, and
 *       y = the share right on the *other* questions of the same attempt
 *           ((attempt's right answers − x) / (attempt's answers − 1)),
 *     i.e. the item against the rest of the test. Attempts of one question have no rest and are
 *     left out of it; undefined (has_discrimination false) with fewer than 2 answers or when x or
 *     y does not vary;
 *   - picks[i]: how often choice i (content order; true/false: 0 = true, 1 = false) was picked;
 *   - flags: ITEM_EASY facility > 95 %, ITEM_HARD facility < 30 %, ITEM_NEGATIVE discrimination
 *     < 0 (people who do well on the rest get it wrong more often: a flawed key or a trick).
 * Answers to question ids the content no longer has count in their attempt's rest score, but are
 * not listed. Choices are counted in the order of the content loaded now: reordering a
 * question's choices should come with a new question id.
 *
 * Writers: CSV for Excel (UTF-8 with BOM, CRLF, report_csv_cell quoting and formula guard), JSON,
 * and a section of the HTML report. What must stay true: building only reads the records;
 * items_compute is a pure function of the content and the rows. */
#ifndef MAMORI_REPORT_ITEMS_H
#define MAMORI_REPORT_ITEMS_H

#include "content.h"
#include "err.h"
#include "store.h"

#include <stdbool.h>
#include <stdio.h>

enum { ITEM_EASY = 1, ITEM_HARD = 2, ITEM_NEGATIVE = 4 };
enum { ITEM_MAX_CHOICES = 8 };

typedef struct {
    const Question *q; /* borrowed from the content */
    int shown, right;
    double facility; /* right / shown; 0 when never shown */
    bool has_discrimination;
    double discrimination; /* -1 … 1 when has_discrimination */
    int picks[ITEM_MAX_CHOICES];
    unsigned flags; /* ITEM_* */
} ItemStat;

typedef struct {
    ItemStat *items; /* heap: every question of the content, by measure then pool order */
    int nitems;
    int attempts, answers; /* finished tests and their answers read */
} ItemReport;

/* Pure: the statistics of rows (store_item_answers order: an attempt's answers adjacent). */
void items_compute(const Content *c, const ItemAnswer *rows, int nrows, ItemReport *out);
/* Reads the answers from s and computes. */
bool items_build(Store *s, const Content *c, ItemReport *out, Err *e);
void items_free(ItemReport *r);

/* The flags as words: "easy", "hard", "negative_discrimination", space-separated; "" for none. */
const char *items_flag_words(unsigned flags, char *buf, size_t size);

/* Columns: measure, question, kind, prompt (ja), shown, right, facility (percent, one decimal),
 * discrimination (two decimals, empty when undefined), flags, right_choices ("1 3": positions,
 * 1-based, content order), choice1 … choice6 (how often each was picked; empty past the
 * question's choices). */
bool items_csv(const ItemReport *r, FILE *out, Err *e);
/* {"attempts":N,"answers":N,"questions":[{"measure":1,"id":"…","kind":"single","shown":N,
 *  "right":N,"facility":0.833,"discrimination":0.41|null,"flags":["easy"],
 *  "choices":[{"correct":true,"picked":N},…]},…]} */
bool items_json(const ItemReport *r, FILE *out, Err *e);
/* Writes r to path whole or not at all (atomic_file.h): JSON when path ends in ".json", else CSV. */
bool items_save(const ItemReport *r, const char *path, Err *e);
/* The HTML report's section (questions shown at least once; flagged ones marked in words). */
void items_html(const ItemReport *r, FILE *out);

#endif
