/* diagsheet.h — IPA's self-diagnosis sheet (自社診断) as content: 25 items, four answers with
 * their points, and the bands of the total with their advice (content/diagnosis.yaml; schema in
 * content/README.md).
 *
 * diagsheet_load builds a DiagSheet from the file's YAML document and adds every error it finds
 * ("FILE:LINE:COL: message"). After a successful load these hold, so the rest of the program
 * trusts them:
 *   - items[i] is the item numbered i+1 (1–25); every measure 1–25 is the measure of exactly one
 *     item; an item's part is the part of its measure (1–6 → 1, 7–16 → 2, 17–25 → 3);
 *   - answers[a] is the answer with key diag_answer_key(a), in that order;
 *   - the bands, ordered from the highest, cover every total from DIAG_ITEMS × the lowest
 *     points to DIAG_ITEMS × the highest points once, without gaps or overlaps. */
#ifndef MAMORI_DIAGSHEET_H
#define MAMORI_DIAGSHEET_H

#include "arena.h"
#include "content.h"
#include "yml.h"

#include <stdbool.h>

enum { DIAG_ITEMS = 25, DIAG_PARTS = 3, DIAG_SELF_ITEMS = 16, DIAG_MAX_BANDS = 8 };

/* The four answers, in the sheet's column order. DIAG_NONE: not answered (yet). */
typedef enum { DIAG_YES, DIAG_PARTLY, DIAG_NO, DIAG_UNKNOWN, DIAG_ANSWERS, DIAG_NONE = -1 } DiagAnswer;

/* Whose practice a diagnosis describes: the company's (all 25 items) or one person's own
 * (Parts 1–2, items 1–16). */
typedef enum { DIAG_COMPANY, DIAG_SELF } DiagScope;

typedef struct {
    int item;    /* 1–25, the number on the sheet */
    int measure; /* 1–25, the lesson that teaches it */
    int part;    /* 1–3 */
    Text question;
    Text explain; /* what the question asks, in a few sentences */
    Text partly;  /* what counts as "partly" */
} DiagItem;

typedef struct {
    Text label; /* as on the sheet: 実施している ... */
    int points;
} DiagChoice;

typedef struct {
    int min, max; /* inclusive */
    Text title;   /* the sheet's verdict for the band */
    Text advice;
} DiagBand;

typedef struct DiagSheet {
    DiagItem items[DIAG_ITEMS];
    DiagChoice answers[DIAG_ANSWERS];
    DiagBand bands[DIAG_MAX_BANDS]; /* highest first */
    int nbands;
    int lowest, highest; /* the totals the bands cover */
} DiagSheet;

/* Builds *out (in arena a) from root, the document of file y. Returns false after adding
 * every error to y's ErrList. */
bool diagsheet_load(Arena *a, Yml *y, const yaml_node_t *root, DiagSheet **out);

/* "yes", "partly", "no", "unknown"; NULL for anything else. */
const char *diag_answer_key(DiagAnswer a);
/* The key, or (with sheet non-NULL) the sheet's Japanese label, or the English label in any
 * ASCII case; spaces around are the caller's to trim. */
bool diag_answer_parse(const DiagSheet *sheet, const char *s, DiagAnswer *out);
/* The items a scope asks: all 25 for the company, items 1–16 for oneself. */
int diag_scope_items(DiagScope scope);
const char *diag_scope_name(DiagScope scope); /* "company", "self" */
bool diag_scope_parse(const char *s, DiagScope *out);
/* The part (1–3) of measure 1–25 on IPA's sheet. */
int diag_part_of(int measure);
/* The band holding total, or NULL when outside lowest..highest. */
const DiagBand *diag_band_of(const DiagSheet *sheet, int total);

#endif
