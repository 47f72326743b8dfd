/* pledge.c — the pledge text, its hash, signatures and their drawing (see pledge.h).
 *
 * What must stay true: the canonical text and the stroke encoding are formats kept in signed
 * records: change them only by adding a new version next to the old one (the encoding starts
 * with its version, "1 "). */
#include "pledge.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static const char *const KIND_NAMES[] = {"employee", "president"};

const char *pledge_kind_name(PledgeKind k)
{
    return k == PLEDGE_PRESIDENT ? KIND_NAMES[1] : KIND_NAMES[0];
}

bool pledge_kind_parse(const char *s, PledgeKind *k)
{
    for (int i = 0; i < 2; i++)
        if (strcmp(s, KIND_NAMES[i]) == 0)
            return *k = (PledgeKind)i, true;
    return false;
}

/* ---- the text ---- */

char *pledge_compose(const Pledge *p, PledgeKind kind, Lang lang, Arena *a)
{
    const PledgeText *t = kind == PLEDGE_PRESIDENT ? &p->president : &p->employee;
    const char *art[ARTICLES];
    for (int i = 0; i < ARTICLES; i++)
        art[i] = text_get(t->articles[i], lang);
    return arena_printf(a, "%s\n\n%s\n\n1. %s\n2. %s\n3. %s\n4. %s\n5. %s\n\n%s\n", text_get(t->title, lang),
                        text_get(t->opening, lang), art[0], art[1], art[2], art[3], art[4],
                        text_get(t->closing, lang));
}

void pledge_sha256(const char *text, char out[65])
{
    unsigned char bin[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(bin, (const unsigned char *)text, strlen(text));
    sodium_bin2hex(out, 65, bin, sizeof bin);
}

/* The text up to sep (not included) in the arena; *at moves past sep. NULL when sep is not
 * found or the piece is empty. */
static const char *take_until(const char **at, const char *sep, Arena *a)
{
    const char *end = strstr(*at, sep);
    if (!end || end == *at)
        return NULL;
    const char *piece = arena_strndup(a, *at, (size_t)(end - *at));
    *at = end + strlen(sep);
    return piece;
}

static bool parse_articles(const char **at, PledgeParts *out, Arena *a)
{
    for (int i = 0; i < ARTICLES; i++) {
        char num[16];
        snprintf(num, sizeof num, "%d. ", i + 1);
        if (strncmp(*at, num, strlen(num)) != 0)
            return false;
        *at += strlen(num);
        out->articles[i] = take_until(at, "\n", a);
        if (!out->articles[i])
            return false;
    }
    return **at == '\n' && (*at)++;
}

bool pledge_parse(const char *text, PledgeParts *out, Arena *a)
{
    *out = (PledgeParts){0};
    const char *at = text;
    out->title = take_until(&at, "\n\n", a);
    out->opening = out->title ? take_until(&at, "\n\n", a) : NULL;
    if (!out->opening || strchr(out->title, '\n') || !parse_articles(&at, out, a))
        return false;
    out->closing = take_until(&at, "\n", a);
    return out->closing && *at == '\0';
}

/* ---- building a signature ---- */

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

void pledge_sig_init(Signature *s, int w, int h)
{
    s->w = clamp(w, 1, PLEDGE_MAX_PAD);
    s->h = clamp(h, 1, PLEDGE_MAX_PAD);
    s->npts = s->nstrokes = 0;
    s->pen_up = true;
}

bool pledge_begin_stroke(Signature *s)
{
    if (s->nstrokes == PLEDGE_MAX_STROKES || s->npts == PLEDGE_MAX_POINTS)
        return false;
    s->pen_up = true;
    return true;
}

bool pledge_add_point(Signature *s, int x, int y, uint32_t t)
{
    bool starts = s->pen_up || s->nstrokes == 0;
    if (s->npts == PLEDGE_MAX_POINTS || (starts && s->nstrokes == PLEDGE_MAX_STROKES))
        return false;
    PledgePoint p = {(int16_t)clamp(x, 0, s->w - 1), (int16_t)clamp(y, 0, s->h - 1), t};
    if (s->npts) {
        const PledgePoint *last = &s->pts[s->npts - 1];
        if (p.t < last->t)
            p.t = last->t;
        if (!starts && last->x == p.x && last->y == p.y)
            return true;
    }
    if (starts)
        s->start[s->nstrokes++] = s->npts;
    s->pen_up = false;
    s->pts[s->npts++] = p;
    return true;
}

void pledge_undo_stroke(Signature *s)
{
    if (s->nstrokes == 0)
        return;
    s->npts = s->start[--s->nstrokes];
    s->pen_up = true;
}

int pledge_stroke_len(const Signature *s, int i)
{
    int end = i + 1 < s->nstrokes ? s->start[i + 1] : s->npts;
    return end - s->start[i];
}

/* ---- is it a signature? ---- */

double pledge_ink_length(const Signature *s)
{
    double ink = 0;
    for (int i = 0; i < s->nstrokes; i++) {
        const PledgePoint *p = &s->pts[s->start[i]];
        for (int k = 1; k < pledge_stroke_len(s, i); k++)
            ink += hypot(p[k].x - p[k - 1].x, p[k].y - p[k - 1].y);
    }
    return ink;
}

SigCheck pledge_signature_check(const Signature *s)
{
    if (s->npts == 0)
        return SIG_EMPTY;
    int x0 = INT_MAX, y0 = INT_MAX, x1 = INT_MIN, y1 = INT_MIN;
    for (int i = 0; i < s->npts; i++) {
        x0 = s->pts[i].x < x0 ? s->pts[i].x : x0;
        x1 = s->pts[i].x > x1 ? s->pts[i].x : x1;
        y0 = s->pts[i].y < y0 ? s->pts[i].y : y0;
        y1 = s->pts[i].y > y1 ? s->pts[i].y : y1;
    }
    int bw = x1 - x0, bh = y1 - y0;
    int big = bw > bh ? bw : bh, small = bw > bh ? bh : bw;
    if (big * 6 < s->w)
        return SIG_SMALL;
    if (pledge_ink_length(s) * 10 < s->w * 4.0)
        return SIG_SHORT;
    if (small * 8 < s->h)
        return SIG_FLAT;
    return SIG_OK;
}

bool pledge_signature_ok(const Signature *s)
{
    return pledge_signature_check(s) == SIG_OK;
}

/* ---- the record's text form ---- */

char *pledge_encode(const Signature *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        die("out of memory");
    fprintf(f, "1 %dx%d", s->w, s->h);
    for (int i = 0; i < s->nstrokes; i++) {
        const PledgePoint *p = &s->pts[s->start[i]];
        fprintf(f, ";%d,%d,%lu", p[0].x, p[0].y, (unsigned long)p[0].t);
        for (int k = 1; k < pledge_stroke_len(s, i); k++)
            fprintf(f, " %d,%d,%lu", p[k].x - p[k - 1].x, p[k].y - p[k - 1].y,
                    (unsigned long)(p[k].t - p[k - 1].t));
    }
    if (fclose(f) != 0 || !buf)
        die("out of memory");
    return buf;
}

typedef struct {
    const char *text, *at;
    Signature *s;
    Err *e;
} Dec;

static bool dec_fail(Dec *d, const char *what)
{
    return err_set(d->e, "signature: %s, at byte %d", what, (int)(d->at - d->text) + 1);
}

/* An integer of at most 10 digits (a '-' allowed when sign), no spaces, no '+'. */
static bool dec_int(Dec *d, bool sign, long long *v)
{
    bool neg = sign && *d->at == '-';
    const char *p = d->at + neg;
    long long n = 0;
    int digits = 0;
    for (; isdigit((unsigned char)*p) && digits < 11; p++, digits++)
        n = n * 10 + (*p - '0');
    if (digits == 0 || digits > 10)
        return dec_fail(d, "a number was expected");
    if ((digits > 1 && d->at[neg] == '0') || (neg && n == 0))
        return dec_fail(d, "a number is not in its shortest form");
    d->at = p;
    *v = neg ? -n : n;
    return true;
}

static bool dec_char(Dec *d, char c, const char *what)
{
    if (*d->at != c)
        return dec_fail(d, what);
    d->at++;
    return true;
}

static bool dec_header(Dec *d)
{
    long long w, h;
    if (!dec_char(d, '1', "unknown version (expected \"1 \")") || !dec_char(d, ' ', "expected a space") ||
        !dec_int(d, false, &w) || !dec_char(d, 'x', "expected WxH") || !dec_int(d, false, &h))
        return false;
    if (w < 1 || h < 1 || w > PLEDGE_MAX_PAD || h > PLEDGE_MAX_PAD)
        return dec_fail(d, "the pad size is out of range");
    pledge_sig_init(d->s, (int)w, (int)h);
    return true;
}

/* One point: absolute when first, else relative to the last point. */
static bool dec_point(Dec *d, bool first)
{
    long long x, y, t;
    if (!dec_int(d, !first, &x) || !dec_char(d, ',', "expected ','") || !dec_int(d, !first, &y) ||
        !dec_char(d, ',', "expected ','") || !dec_int(d, false, &t))
        return false;
    Signature *s = d->s;
    const PledgePoint *last = s->npts ? &s->pts[s->npts - 1] : NULL;
    if (!first)
        x += last->x, y += last->y, t += last->t;
    if (x < 0 || y < 0 || x >= s->w || y >= s->h)
        return dec_fail(d, "a point lies outside the pad");
    if (t > UINT32_MAX)
        return dec_fail(d, "a time is out of range");
    if (last && t < last->t)
        return dec_fail(d, "time goes back");
    if (s->npts == PLEDGE_MAX_POINTS)
        return dec_fail(d, "too many points");
    s->pts[s->npts++] = (PledgePoint){(int16_t)x, (int16_t)y, (uint32_t)t};
    return true;
}

static bool dec_stroke(Dec *d)
{
    Signature *s = d->s;
    if (s->nstrokes == PLEDGE_MAX_STROKES)
        return dec_fail(d, "too many strokes");
    s->start[s->nstrokes++] = s->npts;
    s->pen_up = false;
    if (!dec_point(d, true))
        return false;
    while (*d->at == ' ') {
        d->at++;
        if (!dec_point(d, false))
            return false;
    }
    return true;
}

bool pledge_decode(const char *text, Signature *s, Err *e)
{
    Dec d = {text, text, s, e};
    pledge_sig_init(s, 1, 1);
    if (!dec_header(&d))
        return false;
    while (*d.at == ';') {
        d.at++;
        if (!dec_stroke(&d))
            return false;
    }
    return *d.at == '\0' || dec_fail(&d, "unexpected character");
}

/* ---- drawing ---- */

/* A coordinate as SVG text: an integer, or one decimal for a midpoint. */
static void svg_num(FILE *f, double v)
{
    long tenths = lround(v * 10);
    if (tenths % 10 == 0)
        fprintf(f, "%ld", tenths / 10);
    else
        fprintf(f, "%s%ld.%ld", tenths < 0 ? "-" : "", labs(tenths) / 10, labs(tenths) % 10);
}

static void svg_pt(FILE *f, const char *cmd, double x, double y)
{
    fputs(cmd, f);
    svg_num(f, x);
    fputc(' ', f);
    svg_num(f, y);
}

static void svg_stroke(FILE *f, const PledgePoint *p, int n)
{
    svg_pt(f, "M", p[0].x, p[0].y);
    if (n == 1) {
        svg_pt(f, " L", p[0].x, p[0].y);
        return;
    }
    if (n > 2)
        svg_pt(f, " L", (p[0].x + p[1].x) / 2.0, (p[0].y + p[1].y) / 2.0);
    for (int k = 1; k + 1 < n; k++) {
        svg_pt(f, " Q", p[k].x, p[k].y);
        svg_pt(f, " ", (p[k].x + p[k + 1].x) / 2.0, (p[k].y + p[k + 1].y) / 2.0);
    }
    svg_pt(f, " L", p[n - 1].x, p[n - 1].y);
}

char *pledge_svg_path(const Signature *s, int i, Arena *a)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        die("out of memory");
    svg_stroke(f, &s->pts[s->start[i]], pledge_stroke_len(s, i));
    if (fclose(f) != 0 || !buf)
        die("out of memory");
    char *out = arena_strdup(a, buf);
    free(buf);
    return out;
}

void pledge_write_svg(FILE *f, const Signature *s, const char *css_w, const char *css_h)
{
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
            " style=\"width:%s;height:%s\" preserveAspectRatio=\"xMidYMid meet\">"
            "<g fill=\"none\" stroke=\"#1F2630\" stroke-width=\"4\" stroke-linecap=\"round\""
            " stroke-linejoin=\"round\">\n",
            s->w, s->h, css_w, css_h);
    for (int i = 0; i < s->nstrokes; i++) {
        fputs("<path d=\"", f);
        svg_stroke(f, &s->pts[s->start[i]], pledge_stroke_len(s, i));
        fputs("\"/>\n", f);
    }
    fputs("</g></svg>", f);
}

typedef struct {
    double scale, ox, oy;
    int16_t *out;
    int n, max;
} Sampler;

static void sample_put(Sampler *sm, double x, double y)
{
    if (sm->n < sm->max) {
        sm->out[2 * sm->n] = (int16_t)lround(sm->ox + x * sm->scale);
        sm->out[2 * sm->n + 1] = (int16_t)lround(sm->oy + y * sm->scale);
        sm->n++;
    }
}

/* The quadratic curve from (x0,y0) with control (cx,cy) to (x1,y1), without its start. */
static void sample_quad(Sampler *sm, double x0, double y0, double cx, double cy, double x1, double y1)
{
    for (int k = 1; k <= 4; k++) {
        double t = k / 4.0, u = 1 - t;
        sample_put(sm, u * u * x0 + 2 * u * t * cx + t * t * x1, u * u * y0 + 2 * u * t * cy + t * t * y1);
    }
}

int pledge_polyline(const Signature *s, int i, int bx, int by, int bw, int bh, int16_t *out, int max)
{
    double sx = bw / (double)s->w, sy = bh / (double)s->h;
    Sampler sm = {.scale = sx < sy ? sx : sy, .out = out, .max = max};
    sm.ox = bx + (bw - s->w * sm.scale) / 2;
    sm.oy = by + (bh - s->h * sm.scale) / 2;
    const PledgePoint *p = &s->pts[s->start[i]];
    int n = pledge_stroke_len(s, i);
    sample_put(&sm, p[0].x, p[0].y);
    if (n == 1)
        sample_put(&sm, p[0].x, p[0].y); /* a dot: a zero-length line still draws */
    double mx = p[0].x, my = p[0].y;
    if (n > 2)
        sample_put(&sm, mx = (p[0].x + p[1].x) / 2.0, my = (p[0].y + p[1].y) / 2.0);
    for (int k = 1; k + 1 < n; k++) {
        double nx = (p[k].x + p[k + 1].x) / 2.0, ny = (p[k].y + p[k + 1].y) / 2.0;
        sample_quad(&sm, mx, my, p[k].x, p[k].y, nx, ny);
        mx = nx, my = ny;
    }
    if (n > 1)
        sample_put(&sm, p[n - 1].x, p[n - 1].y);
    return sm.n;
}

/* ---- the record code ---- */

void pledge_record_code(const char *hash, char out[10])
{
    out[0] = '\0';
    for (int i = 0; i < 8; i++)
        if (!hash || !isxdigit((unsigned char)hash[i]))
            return;
    for (int i = 0, o = 0; i < 8; i++) {
        if (i == 4)
            out[o++] = '-';
        out[o++] = (char)toupper((unsigned char)hash[i]);
        out[o] = '\0';
    }
}
