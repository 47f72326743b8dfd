/* content.c — loading and validating the content directory (schema: content/README.md).
 *
 * A Loader walks each file's YAML document by the schema, builds the structs in the Content's
 * arena and adds every error it finds to the ErrList: it never stops at the first one. Checks
 * that span files (ids, one lesson and one pool per measure, a pool's lesson) use what the
 * Loader saw before, so the second occurrence is the one reported, naming the first.
 *
 * The content version is SHA-256 over, for each file in load order (lessons/ sorted, quizzes/
 * sorted, pledge.yaml, diagnosis.yaml): its name relative to the content directory, a NUL, its size as 8
 * little-endian bytes, its bytes. The first 8 bytes of the digest, in hex, are the version.
 *
 * Must stay true: every Yml loaded is freed on every path; everything a Content points to
 * lives in its arena; the Loader's own index is on the heap and freed in loader_end. */
#include "content.h"
#include "diagsheet.h"
#include "utf8.h"
#include "yml.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { ID_MAX = 64, TITLE_MAX_JA = 20, FILE_MAX = 1 << 20 };

typedef enum { KIND_LESSON, KIND_QUIZ, KIND_PLEDGE, KIND_DIAGNOSIS } FileKind;

typedef struct {
    const char *id, *file; /* arena */
    int line;
} IdSeen;

typedef struct {
    Content *c;
    ErrList *errs;      /* borrowed */
    Yml *y;             /* the file being loaded */
    const char *assets; /* arena: DIR/../assets, or NULL: pictures not checked */
    IdSeen *ids;        /* heap */
    int nids, capids;
    Pos lesson_at[MEASURES]; /* where the lesson of each measure gives its measure */
    Pos pool_at[MEASURES];   /* likewise for pools */
    Pos link_at[MEASURES];   /* where the pool of each measure names its lesson */
    crypto_hash_sha256_state sha;
} Loader;

/* The measure that teaches each article (index article-1). */
static const int article_measures[ARTICLES] = {1, 2, 3, 4, 6};

static const char *const page_kinds[] = {"why", "scenario", "todo", "point", NULL};
static const char *const question_kinds[] = {"single", "multiple", "truefalse", NULL};

static const char *const lesson_keys[] = {"id",      "measure", "part",  "article", "version",
                                          "minutes", "picture", "title", "pages",   NULL};
static const char *const page_keys[] = {"kind", "title", "body", "checklist", NULL};
static const char *const text_keys[] = {"ja", "en", NULL};
static const char *const pool_keys[] = {"measure", "lesson", "draw", "pass_percent", "questions", NULL};
static const char *const question_keys[] = {"id", "kind", "prompt", "choices", "answer", "explain", NULL};
static const char *const choice_keys[] = {"text", "correct", "explain", NULL};
static const char *const pledge_keys[] = {"version", "employee", "president", NULL};
static const char *const pledge_text_keys[] = {"title", "opening", "articles", "closing", NULL};

/* ---- lookups ---- */

const char *text_get(Text t, Lang lang)
{
    return lang == LANG_EN ? t.en : t.ja;
}

const Pool *content_pool(const Content *c, int measure)
{
    return measure >= 1 && measure <= MEASURES ? c->pools[measure - 1] : NULL;
}

const Lesson *content_lesson(const Content *c, int measure)
{
    return measure >= 1 && measure <= MEASURES ? c->lessons[measure - 1] : NULL;
}

const Question *content_question(const Content *c, const char *id)
{
    for (int m = 0; m < MEASURES; m++)
        for (int i = 0; c->pools[m] && i < c->pools[m]->nquestions; i++)
            if (strcmp(c->pools[m]->questions[i].id, id) == 0)
                return &c->pools[m]->questions[i];
    return NULL;
}

int content_article_measure(const Content *c, int article)
{
    for (int m = 0; m < MEASURES; m++)
        if (article >= 1 && c->lessons[m] && c->lessons[m]->article == article)
            return m + 1;
    return 0;
}

static int part_of(int measure)
{
    return measure <= 6 ? 1 : measure <= 16 ? 2 : 3;
}

/* ---- values ---- */

static yaml_node_t *opt(Loader *ld, const yaml_node_t *map, const char *key)
{
    YmlPair p;
    return yml_find(ld->y, map, key, &p) ? p.value : NULL;
}

/* The value of a required key, or NULL after "missing key" at the mapping. */
static yaml_node_t *need(Loader *ld, const yaml_node_t *map, const char *key)
{
    yaml_node_t *v = opt(ld, map, key);
    if (!v)
        yml_error(ld->y, map, "missing key '%s'", key);
    return v;
}

static bool get_int(Loader *ld, const yaml_node_t *v, const char *key, int lo, int hi, int *out)
{
    int x;
    if (!yml_int(v, &x) || x < lo || x > hi)
        return yml_error(ld->y, v, "'%s' must be a number from %d to %d", key, lo, hi);
    *out = x;
    return true;
}

static bool need_int(Loader *ld, const yaml_node_t *map, const char *key, int lo, int hi, int *out)
{
    yaml_node_t *v = need(ld, map, key);
    return v && get_int(ld, v, key, lo, hi, out);
}

static bool need_bool(Loader *ld, const yaml_node_t *map, const char *key, bool *out)
{
    yaml_node_t *v = need(ld, map, key);
    if (v && !yml_bool(v, out))
        return yml_error(ld->y, v, "'%s' must be true or false", key);
    return v != NULL;
}

/* What a person reads: a non-blank scalar, with no control characters but tab and newline. */
static bool get_string(Loader *ld, const yaml_node_t *v, const char *what, const char **out)
{
    const char *s = yml_str(v);
    if (!s)
        return yml_error(ld->y, v, "%s must be text", what);
    if (yml_is_blank(v))
        return yml_error(ld->y, v, "%s must not be empty", what);
    size_t n = v->data.scalar.length;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] < 0x20 && s[i] != '\n' && s[i] != '\t') || s[i] == 0x7F)
            return yml_error(ld->y, v, "%s must not contain control characters", what);
    *out = arena_strdup(&ld->c->arena, s);
    return true;
}

static bool need_string(Loader *ld, const yaml_node_t *map, const char *key, const char **out)
{
    yaml_node_t *v = need(ld, map, key);
    char what[64];
    snprintf(what, sizeof what, "'%s'", key);
    return v && get_string(ld, v, what, out);
}

/* A Text: a mapping with exactly ja and en. what names it in messages ("'title'"). */
static bool get_text(Loader *ld, const yaml_node_t *v, const char *what, Text *t)
{
    if (!yml_is_map(v))
        return yml_error(ld->y, v, "%s must be a mapping with 'ja' and 'en'", what);
    bool ok = yml_check_keys(ld->y, v, text_keys);
    ok &= need_string(ld, v, "ja", &t->ja);
    ok &= need_string(ld, v, "en", &t->en);
    return ok;
}

static bool need_text(Loader *ld, const yaml_node_t *map, const char *key, Text *t)
{
    yaml_node_t *v = need(ld, map, key);
    char what[64];
    snprintf(what, sizeof what, "'%s'", key);
    return v && get_text(ld, v, what, t);
}

/* One of names (NULL-terminated); its index into *out. */
static bool need_enum(Loader *ld, const yaml_node_t *map, const char *key, const char *const names[],
                      int *out)
{
    yaml_node_t *v = need(ld, map, key);
    if (!v)
        return false;
    const char *s = yml_str(v);
    int i = 0;
    for (; names[i]; i++)
        if (s && strcmp(s, names[i]) == 0)
            return *out = i, true;
    char list[128] = "";
    for (int k = 0; k < i; k++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
                 k == 0       ? ""
                 : k == i - 1 ? " or "
                              : ", ",
                 names[k]);
    return yml_error(ld->y, v, "'%s' must be %s", key, list);
}

/* A sequence of lo..hi items (hi INT_MAX: no upper bound). *seq is set whenever the value is
 * a sequence, even one of the wrong length, so its items can still be checked. */
static bool need_list(Loader *ld, const yaml_node_t *map, const char *key, int lo, int hi, yaml_node_t **seq)
{
    yaml_node_t *v = need(ld, map, key);
    *seq = yml_is_seq(v) ? v : NULL;
    if (!v)
        return false;
    if (!*seq)
        return yml_error(ld->y, v, "'%s' must be a list", key);
    int n = yml_len(v);
    if (n >= lo && n <= hi)
        return true;
    if (lo == hi)
        return yml_error(ld->y, v, "'%s' must have exactly %d items (it has %d)", key, lo, n);
    if (hi == INT_MAX)
        return yml_error(ld->y, v, "'%s' must have at least %d item%s (it has %d)", key, lo,
                         lo == 1 ? "" : "s", n);
    return yml_error(ld->y, v, "'%s' must have %d to %d items (it has %d)", key, lo, hi, n);
}

/* ---- ids ---- */

static bool id_valid(const char *s)
{
    size_t n = strlen(s);
    return n >= 1 && n <= ID_MAX && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

static const IdSeen *id_find(const Loader *ld, const char *id)
{
    for (int i = 0; i < ld->nids; i++)
        if (strcmp(ld->ids[i].id, id) == 0)
            return &ld->ids[i];
    return NULL;
}

static void id_add(Loader *ld, const char *id, Pos at)
{
    if (ld->nids == ld->capids) {
        ld->capids = ld->capids ? ld->capids * 2 : 64;
        ld->ids = xrealloc(ld->ids, (size_t)ld->capids * sizeof *ld->ids);
    }
    ld->ids[ld->nids++] = (IdSeen){id, at.file, at.line};
}

/* An id's spelling only (the `lesson` a pool names is checked later, against the lessons). */
static bool need_id_syntax(Loader *ld, const yaml_node_t *map, const char *key, const char **out)
{
    yaml_node_t *v = need(ld, map, key);
    if (!v)
        return false;
    const char *s = yml_str(v);
    if (!s || !id_valid(s))
        return yml_error(ld->y, v, "'%s' must be lowercase letters, digits and '-' (at most %d)", key,
                         ID_MAX);
    *out = arena_strdup(&ld->c->arena, s);
    return true;
}

/* A new id: well spelled and used nowhere before. */
static bool need_id(Loader *ld, const yaml_node_t *map, const char **out)
{
    if (!need_id_syntax(ld, map, "id", out))
        return false;
    yaml_node_t *v = opt(ld, map, "id");
    const IdSeen *first = id_find(ld, *out);
    if (first)
        return yml_error(ld->y, v, "duplicate id '%s' (first used at %s:%d)", *out, first->file, first->line);
    id_add(ld, *out, yml_pos(ld->y, v));
    return true;
}

/* ---- lessons ---- */

static bool need_measure(Loader *ld, const yaml_node_t *map, int *measure)
{
    return need_int(ld, map, "measure", 1, MEASURES, measure);
}

static bool need_part(Loader *ld, const yaml_node_t *map, int measure, int *part)
{
    if (!need_int(ld, map, "part", 1, 3, part))
        return false;
    if (measure && *part != part_of(measure))
        return yml_error(ld->y, opt(ld, map, "part"), "'part' must be %d for measure %d", part_of(measure),
                         measure);
    return true;
}

static bool opt_article(Loader *ld, const yaml_node_t *map, int measure, int *article)
{
    yaml_node_t *v = opt(ld, map, "article");
    if (!v)
        return true;
    if (!get_int(ld, v, "article", 1, ARTICLES, article))
        return false;
    int teaches = article_measures[*article - 1];
    if (measure && measure != teaches)
        return yml_error(ld->y, v, "article %d is taught by measure %d, not measure %d", *article, teaches,
                         measure);
    return true;
}

static bool opt_picture(Loader *ld, const yaml_node_t *map, const char **picture)
{
    yaml_node_t *v = opt(ld, map, "picture");
    if (!v)
        return true;
    const char *s = yml_str(v);
    if (!s || !*s || *s == '.' || strchr(s, '/') || strchr(s, '\\'))
        return yml_error(ld->y, v, "'picture' must be the name of a file in assets/");
    *picture = arena_strdup(&ld->c->arena, s);
    if (!ld->assets)
        return true;
    char path[PATH_MAX];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", ld->assets, s);
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return yml_error(ld->y, v, "picture '%s' is not in %s/", s, ld->assets);
    return true;
}

static bool need_title(Loader *ld, const yaml_node_t *map, Text *title)
{
    if (!need_text(ld, map, "title", title))
        return false;
    size_t n = utf8_length(title->ja);
    if (n > TITLE_MAX_JA)
        return yml_error(ld->y, opt(ld, opt(ld, map, "title"), "ja"),
                         "'title' in Japanese must be at most %d characters (it has %zu)", TITLE_MAX_JA, n);
    return true;
}

static bool load_checklist(Loader *ld, const yaml_node_t *map, Page *pg)
{
    yaml_node_t *seq;
    bool ok = need_list(ld, map, "checklist", 1, 5, &seq);
    pg->nchecklist = yml_len(seq);
    pg->checklist = ARENA_ARRAY(&ld->c->arena, Text, pg->nchecklist);
    for (int i = 0; i < pg->nchecklist; i++)
        ok &= get_text(ld, yml_item(ld->y, seq, i), "a checklist item", &pg->checklist[i]);
    return ok;
}

static bool load_page(Loader *ld, const yaml_node_t *n, Page *pg)
{
    if (!yml_is_map(n))
        return yml_error(ld->y, n, "a page must be a mapping");
    int kind = 0;
    bool ok = yml_check_keys(ld->y, n, page_keys);
    ok &= need_enum(ld, n, "kind", page_kinds, &kind);
    pg->kind = (PageKind)kind;
    ok &= need_text(ld, n, "title", &pg->title);
    bool body = opt(ld, n, "body") != NULL, list = opt(ld, n, "checklist") != NULL;
    if (!body && !list)
        ok = yml_error(ld->y, n, "a page needs 'body' or 'checklist'");
    if (body)
        ok &= need_text(ld, n, "body", &pg->body);
    if (list)
        ok &= load_checklist(ld, n, pg);
    return ok;
}

static bool load_pages(Loader *ld, const yaml_node_t *map, Lesson *l)
{
    yaml_node_t *seq;
    bool ok = need_list(ld, map, "pages", 3, 6, &seq);
    l->npages = yml_len(seq);
    l->pages = ARENA_ARRAY(&ld->c->arena, Page, l->npages);
    for (int i = 0; i < l->npages; i++)
        ok &= load_page(ld, yml_item(ld->y, seq, i), &l->pages[i]);
    return ok;
}

/* Takes the lesson's measure unless another lesson has it. */
static bool place_lesson(Loader *ld, const yaml_node_t *map, Lesson *l)
{
    if (!l->measure)
        return false;
    yaml_node_t *v = opt(ld, map, "measure");
    Pos *first = &ld->lesson_at[l->measure - 1];
    if (ld->c->lessons[l->measure - 1])
        return yml_error(ld->y, v, "measure %d already has a lesson (%s:%d)", l->measure, first->file,
                         first->line);
    ld->c->lessons[l->measure - 1] = l;
    ld->c->nlessons++;
    *first = yml_pos(ld->y, v);
    return true;
}

static void load_lesson(Loader *ld, const yaml_node_t *root)
{
    if (!yml_is_map(root)) {
        yml_error(ld->y, root, "a lesson must be a mapping");
        return;
    }
    Lesson *l = ARENA_NEW(&ld->c->arena, Lesson);
    l->file = ld->y->file;
    yml_check_keys(ld->y, root, lesson_keys);
    need_id(ld, root, &l->id);
    need_measure(ld, root, &l->measure); /* left 0 when invalid: checks that need it skip */
    need_part(ld, root, l->measure, &l->part);
    opt_article(ld, root, l->measure, &l->article);
    need_int(ld, root, "version", 1, 9999, &l->version);
    need_int(ld, root, "minutes", 1, 60, &l->minutes);
    opt_picture(ld, root, &l->picture);
    need_title(ld, root, &l->title);
    load_pages(ld, root, l);
    place_lesson(ld, root, l);
}

/* ---- question pools ---- */

static bool load_choice(Loader *ld, const yaml_node_t *n, Choice *ch)
{
    if (!yml_is_map(n))
        return yml_error(ld->y, n, "a choice must be a mapping");
    bool ok = yml_check_keys(ld->y, n, choice_keys);
    ok &= need_text(ld, n, "text", &ch->text);
    ok &= need_text(ld, n, "explain", &ch->explain);
    if (opt(ld, n, "correct"))
        ok &= need_bool(ld, n, "correct", &ch->correct);
    return ok;
}

/* single: exactly one correct choice; multiple: at least one. */
static bool check_correct(Loader *ld, const yaml_node_t *map, const Question *q)
{
    int ncorrect = 0;
    for (int i = 0; i < q->nchoices; i++)
        ncorrect += q->choices[i].correct;
    YmlPair p;
    yml_find(ld->y, map, "choices", &p);
    if (ncorrect == 0)
        return yml_error(ld->y, p.key, "no choice is marked 'correct: true'");
    if (q->kind == QUESTION_SINGLE && ncorrect > 1)
        return yml_error(ld->y, p.key, "a single question needs exactly one correct choice (it has %d)",
                         ncorrect);
    return true;
}

/* Keys that belong to the other kind of question. */
static bool refuse_key(Loader *ld, const yaml_node_t *map, const char *key, const char *why)
{
    YmlPair p;
    if (yml_find(ld->y, map, key, &p))
        return yml_error(ld->y, p.key, "'%s' %s", key, why);
    return true;
}

static bool load_choices(Loader *ld, const yaml_node_t *map, Question *q)
{
    bool ok = refuse_key(ld, map, "answer", "is only for truefalse questions");
    ok &= refuse_key(ld, map, "explain", "is only for truefalse questions (explain each choice instead)");
    yaml_node_t *seq;
    ok &= need_list(ld, map, "choices", 2, 6, &seq);
    if (!seq)
        return false;
    q->nchoices = yml_len(seq);
    q->choices = ARENA_ARRAY(&ld->c->arena, Choice, q->nchoices);
    bool choices_ok = true;
    for (int i = 0; i < q->nchoices; i++)
        choices_ok &= load_choice(ld, yml_item(ld->y, seq, i), &q->choices[i]);
    return ok && choices_ok && check_correct(ld, map, q);
}

/* A statement and whether it is true: the loader makes the two choices. */
static bool load_truefalse(Loader *ld, const yaml_node_t *map, Question *q)
{
    bool ok =
        refuse_key(ld, map, "choices", "is not for truefalse questions (they take 'answer' and 'explain')");
    bool answer = false;
    Text explain = {0};
    ok &= need_bool(ld, map, "answer", &answer);
    ok &= need_text(ld, map, "explain", &explain);
    Arena *a = &ld->c->arena;
    q->nchoices = 2;
    q->choices = ARENA_ARRAY(a, Choice, 2);
    q->choices[0] = (Choice){{arena_strdup(a, "正しい"), arena_strdup(a, "True")}, explain, answer};
    q->choices[1] = (Choice){{arena_strdup(a, "誤り"), arena_strdup(a, "False")}, explain, !answer};
    return ok;
}

static bool load_question(Loader *ld, const yaml_node_t *n, int measure, Question *q)
{
    if (!yml_is_map(n))
        return yml_error(ld->y, n, "a question must be a mapping");
    int kind = -1;
    bool ok = yml_check_keys(ld->y, n, question_keys);
    q->at = yml_pos(ld->y, n);
    ok &= need_id(ld, n, &q->id);
    ok &= need_enum(ld, n, "kind", question_kinds, &kind);
    ok &= need_text(ld, n, "prompt", &q->prompt);
    q->measure = measure;
    if (kind < 0)
        return false;
    q->kind = (QuestionKind)kind;
    if (q->kind == QUESTION_TRUEFALSE)
        return load_truefalse(ld, n, q) && ok;
    return load_choices(ld, n, q) && ok;
}

static bool load_questions(Loader *ld, const yaml_node_t *map, Pool *p)
{
    yaml_node_t *seq;
    bool ok = need_list(ld, map, "questions", 1, INT_MAX, &seq);
    p->nquestions = yml_len(seq);
    p->questions = ARENA_ARRAY(&ld->c->arena, Question, p->nquestions);
    for (int i = 0; i < p->nquestions; i++)
        ok &= load_question(ld, yml_item(ld->y, seq, i), p->measure, &p->questions[i]);
    return ok;
}

static bool need_draw(Loader *ld, const yaml_node_t *map, Pool *p)
{
    yaml_node_t *v = need(ld, map, "draw");
    if (!v)
        return false;
    int n = p->nquestions;
    if (yml_int(v, &p->draw) && p->draw >= 1 && (n == 0 || p->draw <= n))
        return true;
    if (n == 0)
        return yml_error(ld->y, v, "'draw' must be a number of at least 1");
    return yml_error(ld->y, v, "'draw' must be a number from 1 to %d (the number of questions)", n);
}

/* Takes the pool's measure unless another pool has it; remembers where it names its lesson. */
static bool place_pool(Loader *ld, const yaml_node_t *map, Pool *p)
{
    if (!p->measure)
        return false;
    yaml_node_t *v = opt(ld, map, "measure");
    Pos *first = &ld->pool_at[p->measure - 1];
    if (ld->c->pools[p->measure - 1])
        return yml_error(ld->y, v, "measure %d already has a question pool (%s:%d)", p->measure, first->file,
                         first->line);
    ld->c->pools[p->measure - 1] = p;
    ld->c->nquestions += p->nquestions;
    *first = yml_pos(ld->y, v);
    if (p->lesson_id)
        ld->link_at[p->measure - 1] = yml_pos(ld->y, opt(ld, map, "lesson"));
    return true;
}

/* Where key's value is in map, or no position when it is absent. */
static Pos value_pos(Loader *ld, const yaml_node_t *map, const char *key)
{
    YmlPair kv;
    return yml_find(ld->y, map, key, &kv) ? yml_pos(ld->y, kv.value) : (Pos){0};
}

static void load_pool(Loader *ld, const yaml_node_t *root)
{
    if (!yml_is_map(root)) {
        yml_error(ld->y, root, "a question pool must be a mapping");
        return;
    }
    Pool *p = ARENA_NEW(&ld->c->arena, Pool);
    p->file = ld->y->file;
    yml_check_keys(ld->y, root, pool_keys);
    need_measure(ld, root, &p->measure);
    need_id_syntax(ld, root, "lesson", &p->lesson_id);
    load_questions(ld, root, p);
    need_draw(ld, root, p);
    need_int(ld, root, "pass_percent", 50, 100, &p->pass_percent);
    p->at = yml_pos(ld->y, root);
    p->draw_at = value_pos(ld, root, "draw");
    p->pass_at = value_pos(ld, root, "pass_percent");
    place_pool(ld, root, p);
}

/* ---- pledge ---- */

static bool load_articles(Loader *ld, const yaml_node_t *map, PledgeText *pt)
{
    yaml_node_t *seq;
    bool ok = need_list(ld, map, "articles", ARTICLES, ARTICLES, &seq);
    for (int i = 0; i < yml_len(seq) && i < ARTICLES; i++)
        ok &= get_text(ld, yml_item(ld->y, seq, i), "an article", &pt->articles[i]);
    return ok;
}

static bool load_pledge_text(Loader *ld, const yaml_node_t *map, const char *key, PledgeText *pt)
{
    yaml_node_t *v = need(ld, map, key);
    if (!v)
        return false;
    if (!yml_is_map(v))
        return yml_error(ld->y, v, "'%s' must be a mapping", key);
    bool ok = yml_check_keys(ld->y, v, pledge_text_keys);
    ok &= need_text(ld, v, "title", &pt->title);
    ok &= need_text(ld, v, "opening", &pt->opening);
    ok &= load_articles(ld, v, pt);
    ok &= need_text(ld, v, "closing", &pt->closing);
    return ok;
}

static void load_pledge(Loader *ld, const yaml_node_t *root)
{
    if (!yml_is_map(root)) {
        yml_error(ld->y, root, "the pledge must be a mapping");
        return;
    }
    Pledge *pl = ARENA_NEW(&ld->c->arena, Pledge);
    yml_check_keys(ld->y, root, pledge_keys);
    need_int(ld, root, "version", 1, 9999, &pl->version);
    load_pledge_text(ld, root, "employee", &pl->employee);
    load_pledge_text(ld, root, "president", &pl->president);
    ld->c->pledge = pl;
}

/* ---- files ---- */

static void loader_begin(Loader *ld, Content *c, ErrList *errs)
{
    *c = (Content){0};
    *ld = (Loader){.c = c, .errs = errs};
    if (sodium_init() < 0)
        die("libsodium cannot be initialised");
    crypto_hash_sha256_init(&ld->sha);
}

static void loader_hash(Loader *ld, const char *name, const char *data, size_t n)
{
    unsigned char size[8];
    for (int i = 0; i < 8; i++)
        size[i] = (unsigned char)((uint64_t)n >> (8 * i));
    crypto_hash_sha256_update(&ld->sha, (const unsigned char *)name, strlen(name) + 1);
    crypto_hash_sha256_update(&ld->sha, size, sizeof size);
    crypto_hash_sha256_update(&ld->sha, (const unsigned char *)data, n);
}

static void loader_end(Loader *ld)
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&ld->sha, digest);
    sodium_bin2hex(ld->c->version, sizeof ld->c->version, digest, 8);
    free(ld->ids);
    ld->ids = NULL;
}

/* Validates and builds one file: path names it in errors, name (relative) in the hash. */
static void loader_file(Loader *ld, const char *path, const char *name, FileKind kind, const char *data,
                        size_t n)
{
    loader_hash(ld, name, data, n);
    size_t bad = utf8_invalid(data, n);
    if (bad < n) {
        errlist_add(ld->errs, yml_offset_pos(path, data, bad), "invalid UTF-8 (byte 0x%02X)",
                    (unsigned char)data[bad]);
        return;
    }
    Yml y;
    ld->y = &y;
    if (yml_load(&y, path, data, n, ld->errs)) {
        if (kind == KIND_LESSON)
            load_lesson(ld, yml_root(&y));
        else if (kind == KIND_QUIZ)
            load_pool(ld, yml_root(&y));
        else if (kind == KIND_PLEDGE)
            load_pledge(ld, yml_root(&y));
        else
            diagsheet_load(&ld->c->arena, &y, yml_root(&y), &ld->c->diagnosis);
    }
    yml_free(&y);
    ld->y = NULL;
}

/* Reads the whole file into a heap buffer (*data, *n), or adds an error. */
static bool read_all(Loader *ld, const char *path, char **data, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return errlist_add(ld->errs, (Pos){path, 0, 0}, "cannot open: %s", strerror(errno));
    size_t len = 0, cap = 8192, got;
    char *buf = xmalloc(cap);
    while (len <= FILE_MAX && (got = fread(buf + len, 1, cap - len, f)) > 0)
        if ((len += got) == cap)
            buf = xrealloc(buf, cap *= 2);
    bool failed = ferror(f);
    int e = errno;
    fclose(f);
    if (failed || len > FILE_MAX) {
        free(buf);
        if (failed)
            return errlist_add(ld->errs, (Pos){path, 0, 0}, "cannot read: %s", strerror(e));
        return errlist_add(ld->errs, (Pos){path, 0, 0}, "larger than %d bytes", FILE_MAX);
    }
    *data = buf, *n = len;
    return true;
}

static void loader_path(Loader *ld, const char *name, FileKind kind)
{
    char *path = arena_printf(&ld->c->arena, "%s/%s", ld->c->dir, name);
    char *data = NULL;
    size_t n = 0;
    if (!read_all(ld, path, &data, &n)) {
        loader_hash(ld, name, "", 0);
        return;
    }
    loader_file(ld, path, name, kind, data, n);
    free(data);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_yaml_name(const char *s)
{
    size_t n = strlen(s);
    return s[0] != '.' && n > 5 && strcmp(s + n - 5, ".yaml") == 0;
}

/* The *.yaml names in DIR/sub, sorted, in the arena; NULL after an error. */
static char **list_dir(Loader *ld, const char *sub, int *count)
{
    char *path = arena_printf(&ld->c->arena, "%s/%s", ld->c->dir, sub);
    DIR *d = opendir(path);
    if (!d) {
        errlist_add(ld->errs, (Pos){path, 0, 0}, "cannot open directory: %s", strerror(errno));
        return NULL;
    }
    int n = 0, cap = 32;
    char **names = xmalloc((size_t)cap * sizeof *names);
    for (struct dirent *e; (e = readdir(d));) {
        if (!is_yaml_name(e->d_name))
            continue;
        if (n == cap)
            names = xrealloc(names, (size_t)(cap *= 2) * sizeof *names);
        names[n++] = arena_printf(&ld->c->arena, "%s/%s", sub, e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, compare_names);
    *count = n;
    return names;
}

static void loader_dir(Loader *ld, const char *sub, FileKind kind)
{
    int n = 0;
    char **names = list_dir(ld, sub, &n);
    for (int i = 0; i < n; i++)
        loader_path(ld, names[i], kind);
    free(names);
}

/* An optional file at the top of the content directory (pledge.yaml, diagnosis.yaml). */
static void loader_optional(Loader *ld, const char *name, FileKind kind)
{
    struct stat st;
    char *path = arena_printf(&ld->c->arena, "%s/%s", ld->c->dir, name);
    if (stat(path, &st) != 0 && errno == ENOENT)
        return;
    loader_path(ld, name, kind);
}

/* Every pool must follow a lesson of its own measure. */
static void loader_links(Loader *ld)
{
    for (int m = 0; m < MEASURES; m++) {
        const Pool *p = ld->c->pools[m];
        if (!p || !p->lesson_id)
            continue;
        const Lesson *own = ld->c->lessons[m];
        if (own && own->id && strcmp(own->id, p->lesson_id) == 0)
            continue;
        const IdSeen *seen = id_find(ld, p->lesson_id);
        const Lesson *other = NULL;
        for (int k = 0; k < MEASURES; k++)
            if (ld->c->lessons[k] && ld->c->lessons[k]->id &&
                strcmp(ld->c->lessons[k]->id, p->lesson_id) == 0)
                other = ld->c->lessons[k];
        if (other)
            errlist_add(ld->errs, ld->link_at[m], "lesson '%s' is for measure %d, not measure %d",
                        p->lesson_id, other->measure, m + 1);
        else
            errlist_add(ld->errs, ld->link_at[m], "no lesson has id '%s'%s", p->lesson_id,
                        seen ? " (it is a question's id)" : "");
    }
}

static char *trim_dir(Arena *a, const char *dir)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    return arena_strndup(a, dir, n);
}

bool content_load(Content *c, const char *dir, ErrList *errs)
{
    int before = errs->nmsgs;
    Loader ld;
    loader_begin(&ld, c, errs);
    c->dir = trim_dir(&c->arena, dir);
    ld.assets = arena_printf(&c->arena, "%s/../assets", c->dir);
    loader_dir(&ld, "lessons", KIND_LESSON);
    loader_dir(&ld, "quizzes", KIND_QUIZ);
    loader_optional(&ld, "pledge.yaml", KIND_PLEDGE);
    loader_optional(&ld, "diagnosis.yaml", KIND_DIAGNOSIS);
    loader_links(&ld);
    loader_end(&ld);
    return errs->nmsgs == before;
}

static FileKind file_kind(const char *kind)
{
    static const char *const names[] = {"lesson", "quiz", "pledge", "diagnosis"};
    for (int i = 0; i < 4; i++)
        if (strcmp(kind, names[i]) == 0)
            return (FileKind)i;
    die("content_load_buffer: no kind '%s'", kind);
}

bool content_load_buffer(Content *c, const char *name, const char *kind, const char *data, size_t n,
                         ErrList *errs)
{
    FileKind k = file_kind(kind);
    int before = errs->nmsgs;
    Loader ld;
    loader_begin(&ld, c, errs);
    const char *file = arena_strdup(&c->arena, name);
    loader_file(&ld, file, file, k, data, n);
    loader_end(&ld);
    return errs->nmsgs == before;
}

void content_free(Content *c)
{
    arena_free(&c->arena);
    *c = (Content){0};
}
