/* content.h — the training content in memory: lessons, question pools, pledge texts.
 *
 * content_load reads a content directory (lessons/, quizzes/, pledge.yaml; schema in
 * content/README.md), validates it strictly and builds plain structs in one arena. After a
 * successful load every invariant below holds, so the rest of the program trusts it:
 *   - every Text has non-empty ja and en;
 *   - measures are 1–25, each with at most one lesson and at most one pool;
 *   - ids are unique across all files;
 *   - a single question has exactly one correct choice, a multiple one at least one,
 *     a truefalse one exactly two choices (true, false) built by the loader;
 *   - a pool has 1 <= draw <= nquestions and 1 <= pass_percent <= 100. */
#ifndef MAMORI_CONTENT_H
#define MAMORI_CONTENT_H

#include "arena.h"
#include "err.h"

#include <stdbool.h>

enum { MEASURES = 25, ARTICLES = 5 };

typedef enum { LANG_JA, LANG_EN } Lang;

typedef struct {
    const char *ja, *en; /* arena, UTF-8 */
} Text;

typedef enum { PAGE_WHY, PAGE_SCENARIO, PAGE_TODO, PAGE_POINT } PageKind;

typedef struct {
    PageKind kind;
    Text title;
    Text body;       /* ja/en NULL when the page has only a checklist */
    Text *checklist; /* arena */
    int nchecklist;
} Page;

typedef struct {
    const char *id;   /* arena */
    const char *file; /* arena: path it was loaded from */
    int measure;      /* 1–25 */
    int part;         /* 1–3 */
    int article;      /* 1–5, or 0 when the measure carries none of the five articles */
    int version;
    int minutes;
    const char *picture; /* arena, file name in assets/, or NULL */
    Text title;
    Page *pages; /* arena */
    int npages;
} Lesson;

typedef enum { QUESTION_SINGLE, QUESTION_MULTIPLE, QUESTION_TRUEFALSE } QuestionKind;

typedef struct {
    Text text;
    Text explain;
    bool correct;
} Choice;

typedef struct {
    const char *id; /* arena */
    QuestionKind kind;
    int measure;
    Text prompt;
    Choice *choices; /* arena; truefalse: [0] true, [1] false, both sharing the explanation */
    int nchoices;
    Pos at; /* where the question's mapping starts (file: the pool's) */
} Question;

typedef struct {
    const char *file; /* arena */
    int measure;
    const char *lesson_id; /* arena */
    int draw;
    int pass_percent;
    Question *questions; /* arena */
    int nquestions;
    Pos at, draw_at, pass_at; /* where the pool, its draw and its pass_percent are (0 when absent) */
} Pool;

typedef struct {
    Text title, opening, closing;
    Text articles[ARTICLES];
} PledgeText;

typedef struct {
    int version;
    PledgeText employee, president;
} Pledge;

struct DiagSheet; /* diagsheet.h */

typedef struct {
    Arena arena;                 /* owns everything below */
    Lesson *lessons[MEASURES];   /* index measure-1; NULL where none */
    Pool *pools[MEASURES];       /* index measure-1; NULL where none */
    Pledge *pledge;              /* NULL when there is no pledge.yaml */
    struct DiagSheet *diagnosis; /* NULL when there is no diagnosis.yaml */
    int nlessons, nquestions;
    const char *dir;  /* arena */
    char version[17]; /* hex, first 8 bytes of SHA-256 over every file loaded, in name
                         order: the "content version" stored with every record */
} Content;

/* Loads and validates dir. On any error, every error found is added to errs (one
 * "FILE:LINE:COL: message" each) and false is returned; c is then still safe to free. */
bool content_load(Content *c, const char *dir, ErrList *errs);
void content_free(Content *c);

/* Checks one file's bytes alone (kind "lesson", "quiz", "pledge" or "diagnosis"), as content_load checks each
 * file: for the fuzzer and the tests. Links between files (a pool's lesson, duplicate ids across
 * files, pictures) need the whole directory and are checked only by content_load. */
bool content_load_buffer(Content *c, const char *name, const char *kind, const char *data, size_t n,
                         ErrList *errs);

/* Text in the given language. */
const char *text_get(Text t, Lang lang);

/* The pool of a measure, or NULL. Likewise the lesson. */
const Pool *content_pool(const Content *c, int measure);
const Lesson *content_lesson(const Content *c, int measure);
/* The question with this id, or NULL. */
const Question *content_question(const Content *c, const char *id);

/* The measure that carries article 1–5 (1, 2, 3, 4, 6), from the loaded lessons; 0 if none. */
int content_article_measure(const Content *c, int article);

#endif
