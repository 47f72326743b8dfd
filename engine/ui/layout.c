/* layout.c — Japanese-first line breaking (rules in layout.h).
 *
 * A paragraph is filled greedily: walk the break opportunities from the line start, measure the
 * whole run up to each one, and keep the last one that fits. Opportunities come from
 * break_next, which is where the kinsoku tables and the word rules (Latin, katakana) live. When
 * not even the first opportunity fits, line_force splits the word: at a kinsoku-allowed point
 * inside it when one fits, else between characters. Every line consumes at least one character,
 * so layout always ends; measure is only ever called with n > 0. Each paragraph's lines are
 * held back by one, so that a last line of one or two characters can take some from the line
 * before it (orphan_fix) before both are emitted. A paragraph is first measured whole: most of a
 * screen's texts fit on one line, and each run measured is a string the font must lay out.
 */
#include "layout.h"

#include "utf8.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    const char *text; /* borrowed */
    int max;
    MeasureFn measure;
    void *ctx;
    LayoutLine *lines; /* borrowed: the caller's array of maxlines */
    int maxlines, nlines;
} Layout;

typedef struct {
    int start, trim, end; /* trim: end without its trailing spaces */
} Para;

typedef struct {
    int end;  /* the line ends here (spaces before a break are not part of it) */
    int next; /* the next line starts here */
} Break;

/* Where a line ends: at a break opportunity, inside a katakana word at a point kinsoku allows,
 * or between any two characters of a word or forbidden run too long for the line. */
typedef enum { CUT_BREAK, CUT_IN_WORD, CUT_CHAR } Cut;

typedef struct {
    int start, end, next; /* the line is text[start .. end); the one after starts at next */
    int width;
    Cut cut;
} Run;

typedef struct {
    uint32_t lo, hi;
} Range;

/* Characters where a line may break between any two (ideographs, kana, CJK punctuation,
 * fullwidth forms, Hangul). Sorted. */
static const Range cjk_ranges[] = {
    {0x1100, 0x11FF}, {0x2E80, 0x2FFF}, {0x3000, 0x33FF},   {0x3400, 0x4DBF},
    {0x4E00, 0x9FFF}, {0xA960, 0xA97F}, {0xAC00, 0xD7AF},   {0xF900, 0xFAFF},
    {0xFE30, 0xFE4F}, {0xFF00, 0xFFEF}, {0x20000, 0x3FFFF},
};

/* Never at the start of a line: closing brackets and quotes, punctuation, prolonged sound
 * mark, middle dot, iteration marks, small kana (full and half width). Sorted. */
static const uint32_t no_start[] = {
    '!',    ')',    ',',    '.',    ':',    ';',    '?',    ']',    '}',    0x2019, 0x201D, 0x3001,
    0x3002, 0x3005, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015, 0x3017, 0x3019, 0x301F, 0x303B,
    0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E, 0x3095, 0x3096,
    0x309D, 0x309E, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE,
    0x30F5, 0x30F6, 0x30FB, 0x30FC, 0x30FD, 0x30FE, 0x31F0, 0x31F1, 0x31F2, 0x31F3, 0x31F4, 0x31F5,
    0x31F6, 0x31F7, 0x31F8, 0x31F9, 0x31FA, 0x31FB, 0x31FC, 0x31FD, 0x31FE, 0x31FF, 0xFF01, 0xFF09,
    0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF3D, 0xFF5D, 0xFF60, 0xFF61, 0xFF63, 0xFF64, 0xFF65,
    0xFF67, 0xFF68, 0xFF69, 0xFF6A, 0xFF6B, 0xFF6C, 0xFF6D, 0xFF6E, 0xFF6F, 0xFF70,
};

/* Never at the end of a line: opening brackets and quotes. Sorted. */
static const uint32_t no_end[] = {
    '(',    '[',    '{',    0x2018, 0x201C, 0x3008, 0x300A, 0x300C, 0x300E, 0x3010,
    0x3014, 0x3016, 0x3018, 0x301D, 0xFF08, 0xFF3B, 0xFF5B, 0xFF5F, 0xFF62,
};

/* Marks that belong to the character before them: never break before one. Sorted. */
static const Range glue_ranges[] = {
    {0x0300, 0x036F}, {0x200D, 0x200D},   {0x3099, 0x309A},
    {0xFE00, 0xFE0F}, {0x1F3FB, 0x1F3FF}, {0xE0100, 0xE01EF},
};

/* Katakana that make up one word, which breaks only at its edges: katakana with the prolonged
 * sound mark and small katakana, full and half width; the middle dot ・ separates words. */
static const Range kata_ranges[] = {{0x30A1, 0x30FA}, {0x30FC, 0x30FF}, {0x31F0, 0x31FF}, {0xFF66, 0xFF9F}};

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static bool in_ranges(const Range *r, int n, uint32_t c)
{
    for (int i = 0; i < n && c >= r[i].lo; i++)
        if (c <= r[i].hi)
            return true;
    return false;
}

static bool in_sorted(const uint32_t *a, int n, uint32_t c)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (a[mid] == c)
            return true;
        if (a[mid] < c)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return false;
}

static bool is_cjk(uint32_t c)
{
    return c >= 0x1100 && in_ranges(cjk_ranges, COUNT(cjk_ranges), c);
}

static bool is_glue(uint32_t c)
{
    return c >= 0x0300 && in_ranges(glue_ranges, COUNT(glue_ranges), c);
}

static bool is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static bool is_kata(uint32_t c)
{
    return c >= 0x30A1 && in_ranges(kata_ranges, COUNT(kata_ranges), c);
}

/* May a line break between a (the last non-glue character) and b? Spaces are handled by the
 * caller. words: keep katakana words whole (false only when splitting a word too long for the
 * line). */
static bool can_break(uint32_t a, uint32_t b, bool words)
{
    if (is_glue(b) || (!is_cjk(a) && !is_cjk(b)))
        return false;
    if (words && is_kata(a) && is_kata(b))
        return false;
    return !in_sorted(no_start, COUNT(no_start), b) && !in_sorted(no_end, COUNT(no_end), a);
}

/* Decodes the character at p (p < end) into *cp and returns its length in bytes; a byte that
 * is not valid UTF-8 is one character U+FFFD. */
static int char_at(const Layout *L, int p, int end, uint32_t *cp)
{
    int n = utf8_decode(L->text + p, end - p, cp);
    if (n > 0)
        return n;
    *cp = 0xFFFD;
    return 1;
}

static Break space_break(const Layout *L, const Para *pa, int p)
{
    int q = p;
    while (q < pa->trim && is_space((unsigned char)L->text[q]))
        q++;
    return (Break){p, q};
}

/* The first break opportunity after the first character at p (p < pa->trim); spaces at p are
 * leading spaces of the line and never a break. words: as for can_break. */
static Break break_next(const Layout *L, const Para *pa, int p, bool words)
{
    uint32_t prev = 0; /* last non-space, non-glue character; 0: none yet */
    while (p < pa->trim) {
        uint32_t c;
        int n = char_at(L, p, pa->trim, &c);
        if (is_space(c)) {
            if (prev)
                return space_break(L, pa, p);
        } else if (prev && can_break(prev, c, words)) {
            return (Break){p, p};
        } else if (!is_glue(c) || !prev) {
            prev = c;
        }
        p += n;
    }
    return (Break){pa->trim, pa->end};
}

static int measure(const Layout *L, int start, int end)
{
    return L->measure(L->ctx, L->text + start, end - start);
}

static void emit(Layout *L, int start, int len, int width)
{
    if (L->nlines < L->maxlines)
        L->lines[L->nlines] = (LayoutLine){start, len, width};
    L->nlines++;
}

/* The end of the character at p and the glue marks after it. */
static int next_cluster(const Layout *L, int p, int end)
{
    uint32_t c;
    p += char_at(L, p, end, &c);
    while (p < end) {
        int n = char_at(L, p, end, &c);
        if (!is_glue(c))
            break;
        p += n;
    }
    return p;
}

/* The end of the longest run of whole characters from line to at most end that fits; at least
 * one character even when it does not fit. Its width goes to *width. */
static int fit_chars(const Layout *L, int line, int end, int *width)
{
    int p = next_cluster(L, line, end);
    *width = measure(L, line, p);
    while (p < end) {
        int q = next_cluster(L, p, end);
        int w = measure(L, line, q);
        if (w > L->max)
            break;
        p = q;
        *width = w;
    }
    return p;
}

/* The last break from line, ending no later than limit, whose run fits; {-1, -1} when none
 * does. Its width goes to *width. */
static Break fill_breaks(const Layout *L, const Para *pa, int line, int limit, bool words, int *width)
{
    Break ok = {-1, -1};
    for (int p = line;;) {
        Break b = break_next(L, pa, p, words);
        if (b.end > limit)
            break;
        int w = measure(L, line, b.end);
        if (w > L->max)
            break;
        ok = b;
        *width = w;
        if (b.next >= pa->end)
            break;
        p = b.next;
    }
    return ok;
}

/* Not even the first break from line fits: split the word, at a point kinsoku allows inside a
 * katakana word when one fits, else between characters. */
static Run line_force(const Layout *L, const Para *pa, int line)
{
    Break b = break_next(L, pa, line, true);
    Run r = {line, 0, 0, 0, CUT_IN_WORD};
    Break in = fill_breaks(L, pa, line, b.end, false, &r.width);
    if (in.end >= 0 && in.end < b.end) {
        r.end = in.end;
        r.next = in.next;
        return r;
    }
    r.end = fit_chars(L, line, b.end, &r.width);
    r.next = r.end == b.end ? b.next : r.end;
    r.cut = r.end == b.end ? CUT_BREAK : CUT_CHAR;
    return r;
}

/* The line starting at line (< pa->trim). A paragraph that fits on its first line whole is
 * measured once, not at each of its breaks (a widening run: the greedy fill would end there too). */
static Run line_fill(const Layout *L, const Para *pa, int line)
{
    int width = line == pa->start ? measure(L, line, pa->trim) : L->max + 1;
    if (width <= L->max)
        return (Run){line, pa->trim, pa->end, width, CUT_BREAK};
    Break ok = fill_breaks(L, pa, line, pa->end, true, &width);
    if (ok.end < 0)
        return line_force(L, pa, line);
    return (Run){line, ok.end, ok.next, width, CUT_BREAK};
}

/* Characters in text[p .. end), spaces and marks not counted, stopping at limit. */
static int count_chars(const Layout *L, int p, int end, int limit)
{
    int k = 0;
    while (p < end && k < limit) {
        uint32_t c;
        char_at(L, p, end, &c);
        k += !is_space(c);
        p = next_cluster(L, p, end);
    }
    return k;
}

/* The next point after p where prev may end instead, of the same kind as its end. */
static Break cut_next(const Layout *L, const Para *pa, const Run *prev, int p)
{
    if (prev->cut != CUT_CHAR)
        return break_next(L, pa, p, prev->cut == CUT_BREAK);
    int q = next_cluster(L, p, pa->trim);
    return (Break){q, q};
}

/* A last line of at most ORPHAN_MAX characters takes characters from the line before (prev)
 * so that it holds more: prev ends at its latest cut that leaves the last line more than
 * ORPHAN_MAX, if the last line then still fits. */
enum { ORPHAN_MAX = 2 };

static void orphan_fix(const Layout *L, const Para *pa, Run *prev, Run *last)
{
    if (count_chars(L, last->start, pa->trim, ORPHAN_MAX + 1) > ORPHAN_MAX)
        return;
    Break cut = {-1, -1};
    for (Break b = cut_next(L, pa, prev, prev->start); b.next < last->start;
         b = cut_next(L, pa, prev, b.next)) {
        if (count_chars(L, b.next, pa->trim, ORPHAN_MAX + 1) <= ORPHAN_MAX)
            break;
        cut = b;
    }
    if (cut.end < 0)
        return;
    int w = measure(L, cut.next, pa->trim);
    if (w > L->max)
        return;
    prev->end = cut.end;
    prev->width = measure(L, prev->start, cut.end);
    *last = (Run){cut.next, pa->trim, last->next, w, last->cut};
}

static void emit_run(Layout *L, const Run *r)
{
    emit(L, r->start, r->end - r->start, r->width);
}

static void para_layout(Layout *L, int start, int end)
{
    Para pa = {start, end, end};
    while (pa.trim > start && is_space((unsigned char)L->text[pa.trim - 1]))
        pa.trim--;
    if (pa.trim == start) {
        emit(L, start, 0, 0);
        return;
    }
    Run prev = line_fill(L, &pa, start);
    while (prev.next < pa.trim) {
        Run r = line_fill(L, &pa, prev.next);
        if (r.next >= pa.trim)
            orphan_fix(L, &pa, &prev, &r);
        emit_run(L, &prev);
        prev = r;
    }
    emit_run(L, &prev);
}
int layout_lines(const char *text, int max_width, MeasureFn measure_fn, void *ctx, LayoutLine *lines,
                 int maxlines)
{
    Layout L = {text, max_width, measure_fn, ctx, lines, lines ? maxlines : 0, 0};
    int p = 0;
    while (text[p]) {
        int end = p;
        while (text[end] && text[end] != '\n')
            end++;
        para_layout(&L, p, end);
        p = text[end] ? end + 1 : end;
    }
    return L.nlines;
}
