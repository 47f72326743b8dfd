/* diagsheet.c — loading and validating content/diagnosis.yaml (IPA's self-diagnosis sheet).
 *
 * content.c hands over the file's parsed document; this file walks it by the schema and adds
 * every error it finds, never stopping at the first. It keeps its own few value helpers (text,
 * bounded numbers) rather than sharing content.c's, whose Loader is private to lessons and
 * pools; the messages are worded the same way.
 *
 * Must stay true: everything a DiagSheet points to lives in the arena given; the invariants
 * listed in diagsheet.h hold whenever diagsheet_load returns true. */
#include "diagsheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const ANSWER_KEYS[DIAG_ANSWERS] = {"yes", "partly", "no", "unknown"};

static const char *const sheet_keys[] = {"answers", "bands", "items", NULL};
static const char *const answer_keys[] = {"key", "label", "points", NULL};
static const char *const band_keys[] = {"min", "max", "title", "advice", NULL};
static const char *const item_keys[] = {"item", "measure", "part", "question", "explain", "partly", NULL};
static const char *const text_keys[] = {"ja", "en", NULL};

typedef struct {
    Arena *a;
    Yml *y;
    DiagSheet *sh;
    const yaml_node_t *item_at[DIAG_ITEMS];    /* where each item number was first given */
    const yaml_node_t *measure_at[DIAG_ITEMS]; /* likewise each measure */
    bool points_ok[DIAG_ANSWERS];              /* each answer's points were read */
} SheetLoader;

/* ---- names ---- */

const char *diag_answer_key(DiagAnswer a)
{
    return a >= 0 && a < DIAG_ANSWERS ? ANSWER_KEYS[a] : NULL;
}

bool diag_answer_parse(const DiagSheet *sheet, const char *s, DiagAnswer *out)
{
    for (int a = 0; a < DIAG_ANSWERS; a++) {
        bool by_key = strcasecmp(s, ANSWER_KEYS[a]) == 0;
        bool by_label = sheet && (strcmp(s, sheet->answers[a].label.ja) == 0 ||
                                  strcasecmp(s, sheet->answers[a].label.en) == 0);
        if (by_key || by_label)
            return *out = (DiagAnswer)a, true;
    }
    return false;
}

static const char *const SCOPE_NAMES[] = {"company", "self"};

int diag_scope_items(DiagScope scope)
{
    return scope == DIAG_SELF ? DIAG_SELF_ITEMS : DIAG_ITEMS;
}

const char *diag_scope_name(DiagScope scope)
{
    return SCOPE_NAMES[scope == DIAG_SELF];
}

bool diag_scope_parse(const char *s, DiagScope *out)
{
    for (int i = 0; i < 2; i++)
        if (strcmp(s, SCOPE_NAMES[i]) == 0)
            return *out = (DiagScope)i, true;
    return false;
}

int diag_part_of(int measure)
{
    return measure <= 6 ? 1 : measure <= 16 ? 2 : 3;
}

const DiagBand *diag_band_of(const DiagSheet *sheet, int total)
{
    for (int i = 0; i < sheet->nbands; i++)
        if (total >= sheet->bands[i].min && total <= sheet->bands[i].max)
            return &sheet->bands[i];
    return NULL;
}

/* ---- values ---- */

static yaml_node_t *opt(SheetLoader *ld, const yaml_node_t *map, const char *key)
{
    YmlPair p;
    return yml_find(ld->y, map, key, &p) ? p.value : NULL;
}

static yaml_node_t *need(SheetLoader *ld, const yaml_node_t *map, const char *key)
{
    yaml_node_t *v = opt(ld, map, key);
    if (!v)
        yml_error(ld->y, map, "missing key '%s'", key);
    return v;
}

static bool need_int(SheetLoader *ld, const yaml_node_t *map, const char *key, int lo, int hi, int *out)
{
    yaml_node_t *v = need(ld, map, key);
    if (!v)
        return false;
    if (!yml_int(v, out) || *out < lo || *out > hi)
        return yml_error(ld->y, v, "'%s' must be a number from %d to %d", key, lo, hi);
    return true;
}

static bool need_string(SheetLoader *ld, const yaml_node_t *map, const char *key, const char **out)
{
    yaml_node_t *v = need(ld, map, key);
    if (!v)
        return false;
    const char *s = yml_str(v);
    if (!s)
        return yml_error(ld->y, v, "'%s' must be text", key);
    if (yml_is_blank(v))
        return yml_error(ld->y, v, "'%s' must not be empty", key);
    for (const char *c = s; *c; c++)
        if (((unsigned char)*c < 0x20 && *c != '\n' && *c != '\t') || *c == 0x7F)
            return yml_error(ld->y, v, "'%s' must not contain control characters", key);
    *out = arena_strdup(ld->a, s);
    return true;
}

static bool need_text(SheetLoader *ld, const yaml_node_t *map, const char *key, Text *t)
{
    yaml_node_t *v = need(ld, map, key);
    if (!v)
        return false;
    if (!yml_is_map(v))
        return yml_error(ld->y, v, "'%s' must be a mapping with 'ja' and 'en'", key);
    bool ok = yml_check_keys(ld->y, v, text_keys);
    ok &= need_string(ld, v, "ja", &t->ja);
    ok &= need_string(ld, v, "en", &t->en);
    return ok;
}

/* A list of exactly n items (n 0: 1 to DIAG_MAX_BANDS); NULL when the value is not a list. */
static yaml_node_t *need_list(SheetLoader *ld, const yaml_node_t *map, const char *key, int n, bool *ok)
{
    yaml_node_t *v = need(ld, map, key);
    if (!v)
        return *ok = false, NULL;
    if (!yml_is_seq(v))
        return *ok = yml_error(ld->y, v, "'%s' must be a list", key), NULL;
    int len = yml_len(v);
    if (n && len != n)
        *ok = yml_error(ld->y, v, "'%s' must have exactly %d items (it has %d)", key, n, len);
    if (!n && (len < 1 || len > DIAG_MAX_BANDS))
        *ok = yml_error(ld->y, v, "'%s' must have 1 to %d items (it has %d)", key, DIAG_MAX_BANDS, len);
    return v;
}

/* ---- answers ---- */

static bool load_answer(SheetLoader *ld, const yaml_node_t *n, int a)
{
    if (!yml_is_map(n))
        return yml_error(ld->y, n, "an answer must be a mapping");
    bool ok = yml_check_keys(ld->y, n, answer_keys);
    const char *key = NULL;
    if (need_string(ld, n, "key", &key) && strcmp(key, ANSWER_KEYS[a]) != 0)
        ok =
            yml_error(ld->y, opt(ld, n, "key"),
                      "answer %d must have key '%s' (the answers are yes, partly, no, unknown in this order)",
                      a + 1, ANSWER_KEYS[a]);
    ok &= need_text(ld, n, "label", &ld->sh->answers[a].label);
    ld->points_ok[a] = need_int(ld, n, "points", -10, 10, &ld->sh->answers[a].points);
    return ok && ld->points_ok[a];
}

static bool load_answers(SheetLoader *ld, const yaml_node_t *root)
{
    bool ok = true;
    yaml_node_t *seq = need_list(ld, root, "answers", DIAG_ANSWERS, &ok);
    for (int a = 0; seq && a < yml_len(seq) && a < DIAG_ANSWERS; a++)
        ok &= load_answer(ld, yml_item(ld->y, seq, a), a);
    for (int a = 0; a < DIAG_ANSWERS; a++)
        if (!ld->points_ok[a])
            return false;
    int lo = ld->sh->answers[0].points, hi = lo;
    for (int a = 1; a < DIAG_ANSWERS; a++) {
        lo = ld->sh->answers[a].points < lo ? ld->sh->answers[a].points : lo;
        hi = ld->sh->answers[a].points > hi ? ld->sh->answers[a].points : hi;
    }
    ld->sh->lowest = DIAG_ITEMS * lo, ld->sh->highest = DIAG_ITEMS * hi;
    return ok;
}

/* ---- bands ---- */

static bool load_band(SheetLoader *ld, const yaml_node_t *n, DiagBand *b)
{
    if (!yml_is_map(n))
        return yml_error(ld->y, n, "a band must be a mapping");
    bool ok = yml_check_keys(ld->y, n, band_keys);
    ok &= need_int(ld, n, "min", -1000, 1000, &b->min);
    ok &= need_int(ld, n, "max", -1000, 1000, &b->max);
    if (ok && b->min > b->max)
        ok = yml_error(ld->y, opt(ld, n, "min"), "'min' %d is above 'max' %d", b->min, b->max);
    ok &= need_text(ld, n, "title", &b->title);
    ok &= need_text(ld, n, "advice", &b->advice);
    return ok;
}

/* Highest first, each band starting right below the one before, from highest to lowest. */
static bool check_coverage(SheetLoader *ld, const yaml_node_t *seq)
{
    const DiagSheet *sh = ld->sh;
    int want = sh->highest;
    for (int i = 0; i < sh->nbands; i++) {
        yaml_node_t *n = yml_item(ld->y, seq, i);
        if (sh->bands[i].max != want)
            return yml_error(
                ld->y, opt(ld, n, "max"),
                i == 0 ? "the first band must reach the highest total, %d (bands go from the highest down)"
                       : "this band must end at %d, right below the band before it (no gap, no overlap)",
                want);
        want = sh->bands[i].min - 1;
    }
    if (want != sh->lowest - 1)
        return yml_error(ld->y, opt(ld, yml_item(ld->y, seq, sh->nbands - 1), "min"),
                         "the last band must go down to the lowest total, %d", sh->lowest);
    return true;
}

/* points_ok: the answers' points are known, so the range the bands must cover is too. */
static bool load_bands(SheetLoader *ld, const yaml_node_t *root, bool points_ok)
{
    bool ok = true;
    yaml_node_t *seq = need_list(ld, root, "bands", 0, &ok);
    if (!seq)
        return false;
    ld->sh->nbands = yml_len(seq) < DIAG_MAX_BANDS ? yml_len(seq) : DIAG_MAX_BANDS;
    for (int i = 0; i < ld->sh->nbands; i++)
        ok &= load_band(ld, yml_item(ld->y, seq, i), &ld->sh->bands[i]);
    return ok && points_ok && ld->sh->nbands > 0 && check_coverage(ld, seq);
}

/* ---- items ---- */

/* A number (item or measure) given once only; seen[] remembers where. */
static bool take_once(SheetLoader *ld, const yaml_node_t *map, const char *key, const yaml_node_t **seen,
                      int *out)
{
    if (!need_int(ld, map, key, 1, DIAG_ITEMS, out))
        return false;
    yaml_node_t *v = opt(ld, map, key);
    if (seen[*out - 1]) {
        Pos first = yml_pos(ld->y, seen[*out - 1]);
        return yml_error(ld->y, v, "%s %d is given twice (first at line %d)", key, *out, first.line);
    }
    seen[*out - 1] = v;
    return true;
}

static bool load_item(SheetLoader *ld, const yaml_node_t *n)
{
    if (!yml_is_map(n))
        return yml_error(ld->y, n, "an item must be a mapping");
    DiagItem it = {0};
    bool ok = yml_check_keys(ld->y, n, item_keys);
    bool numbered = take_once(ld, n, "item", ld->item_at, &it.item);
    bool mapped = take_once(ld, n, "measure", ld->measure_at, &it.measure);
    if (need_int(ld, n, "part", 1, DIAG_PARTS, &it.part) && mapped && it.part != diag_part_of(it.measure))
        ok = yml_error(ld->y, opt(ld, n, "part"), "'part' must be %d for measure %d",
                       diag_part_of(it.measure), it.measure);
    ok &= need_text(ld, n, "question", &it.question);
    ok &= need_text(ld, n, "explain", &it.explain);
    ok &= need_text(ld, n, "partly", &it.partly);
    if (numbered)
        ld->sh->items[it.item - 1] = it;
    return ok && numbered && mapped;
}

static bool load_items(SheetLoader *ld, const yaml_node_t *root)
{
    bool ok = true;
    yaml_node_t *seq = need_list(ld, root, "items", DIAG_ITEMS, &ok);
    for (int i = 0; seq && i < yml_len(seq); i++)
        ok &= load_item(ld, yml_item(ld->y, seq, i));
    return ok;
}

bool diagsheet_load(Arena *a, Yml *y, const yaml_node_t *root, DiagSheet **out)
{
    *out = NULL;
    if (!yml_is_map(root))
        return yml_error(y, root, "the diagnosis sheet must be a mapping");
    SheetLoader ld = {.a = a, .y = y, .sh = ARENA_NEW(a, DiagSheet)};
    bool ok = yml_check_keys(y, root, sheet_keys);
    ok &= load_answers(&ld, root);
    ok &= load_bands(&ld, root, ld.points_ok[0] && ld.points_ok[1] && ld.points_ok[2] && ld.points_ok[3]);
    ok &= load_items(&ld, root);
    if (ok)
        *out = ld.sh;
    return ok;
}
