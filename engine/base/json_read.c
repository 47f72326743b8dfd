/* json_read.c — the strict JSON reader of json_read.h: recursive descent over the text, values
 * gathered in a growing heap list per container, then copied into the arena. */
#include "json_read.h"
#include "err.h"
#include "json.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *p; /* the next byte */
    Arena *a;
    int depth;
} Reader;

static bool value(Reader *r, JsonValue *out);

static void space(Reader *r)
{
    while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')
        r->p++;
}

/* Takes c when it is the next byte (never steps past the end). */
static bool eat(Reader *r, char c)
{
    if (*r->p != c)
        return false;
    r->p++;
    return true;
}

static bool word(Reader *r, const char *w)
{
    size_t n = strlen(w);
    if (strncmp(r->p, w, n) != 0)
        return false;
    r->p += n;
    return true;
}

static int hex4(const char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

static size_t put_utf8(char *out, unsigned cp)
{
    if (cp < 0x80)
        return out[0] = (char)cp, 1;
    if (cp < 0x800)
        return out[0] = (char)(0xC0 | cp >> 6), out[1] = (char)(0x80 | (cp & 0x3F)), 2;
    if (cp < 0x10000)
        return out[0] = (char)(0xE0 | cp >> 12), out[1] = (char)(0x80 | (cp >> 6 & 0x3F)),
               out[2] = (char)(0x80 | (cp & 0x3F)), 3;
    out[0] = (char)(0xF0 | cp >> 18), out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3F)), out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* \uXXXX (and its low surrogate) at r->p (after the 'u') into out; 0 when invalid. */
static size_t unicode(Reader *r, char *out)
{
    int hi = hex4(r->p);
    if (hi <= 0 || (hi >= 0xDC00 && hi <= 0xDFFF))
        return 0;
    r->p += 4;
    if (hi < 0xD800 || hi > 0xDBFF)
        return put_utf8(out, (unsigned)hi);
    int lo = r->p[0] == '\\' && r->p[1] == 'u' ? hex4(r->p + 2) : -1;
    if (lo < 0xDC00 || lo > 0xDFFF)
        return 0;
    r->p += 6;
    return put_utf8(out, 0x10000 + (((unsigned)hi - 0xD800) << 10) + ((unsigned)lo - 0xDC00));
}

/* One escape after the backslash into out; 0 when invalid. */
static size_t escape(Reader *r, char *out)
{
    static const char FROM[] = "\"\\/bfnrt", TO[] = "\"\\/\b\f\n\r\t";
    char c = *r->p++;
    const char *at = c ? strchr(FROM, c) : NULL;
    if (at)
        return out[0] = TO[at - FROM], 1;
    return c == 'u' ? unicode(r, out) : 0;
}

/* A string at r->p (after the opening quote) into the arena; NULL when invalid. */
static const char *string(Reader *r)
{
    const char *end = r->p;
    while (*end && *end != '"')
        end += *end == '\\' && end[1] ? 2 : 1;
    if (*end != '"')
        return NULL;
    char *buf = arena_alloc(r->a, (size_t)(end - r->p) * 2 + 1), *o = buf; /* escapes only shrink */
    while (*r->p != '"') {
        if ((unsigned char)*r->p < 0x20)
            return NULL;
        if (*r->p != '\\') {
            *o++ = *r->p++;
            continue;
        }
        r->p++;
        size_t n = escape(r, o);
        if (!n)
            return NULL;
        o += n;
    }
    r->p++;
    *o = '\0';
    return buf;
}

static bool number(Reader *r, JsonValue *out)
{
    const char *start = r->p;
    if (*r->p == '-')
        r->p++;
    if (*r->p < '0' || *r->p > '9' || (*r->p == '0' && r->p[1] >= '0' && r->p[1] <= '9'))
        return false;
    while (*r->p >= '0' && *r->p <= '9')
        r->p++;
    if (*r->p == '.' || *r->p == 'e' || *r->p == 'E' || r->p - start > 20)
        return false;
    char digits[24];
    memcpy(digits, start, (size_t)(r->p - start));
    digits[r->p - start] = '\0';
    char *end;
    long long v = strtoll(digits, &end, 10);
    if ((v == LLONG_MAX || v == LLONG_MIN) &&
        strcmp(digits, v == LLONG_MAX ? "9223372036854775807" : "-9223372036854775808") != 0)
        return false;
    *out = (JsonValue){.kind = JV_INT, .i = v};
    return true;
}

/* The items of an array or the members of an object, up to the closer, into out. */
static bool items(Reader *r, char closer, bool keyed, JsonValue *out)
{
    JsonValue *list = NULL;
    int n = 0, cap = 0;
    bool ok = true;
    space(r);
    if (!eat(r, closer))
        for (;;) {
            if (n == cap)
                list = xrealloc(list, sizeof *list * (size_t)(cap = cap ? cap * 2 : 8));
            const char *key = NULL;
            space(r);
            if (keyed) {
                ok = eat(r, '"') && (key = string(r)) != NULL;
                space(r);
                ok = ok && eat(r, ':');
            }
            ok = ok && value(r, &list[n]);
            if (!ok)
                break;
            list[n++].key = key;
            space(r);
            if (eat(r, closer))
                break;
            if (!eat(r, ',')) {
                ok = false;
                break;
            }
        }
    if (ok && n) {
        out->items = ARENA_ARRAY(r->a, JsonValue, n);
        memcpy(out->items, list, sizeof *list * (size_t)n);
    }
    out->n = n;
    free(list);
    return ok;
}

static bool value(Reader *r, JsonValue *out)
{
    *out = (JsonValue){0};
    space(r);
    char c = *r->p;
    if (c == '{' || c == '[') {
        if (++r->depth > JSON_MAX_DEPTH)
            return false;
        r->p++;
        out->kind = c == '{' ? JV_OBJECT : JV_ARRAY;
        bool ok = items(r, c == '{' ? '}' : ']', c == '{', out);
        r->depth--;
        return ok;
    }
    if (c == '"') {
        r->p++;
        out->kind = JV_STRING;
        return (out->s = string(r)) != NULL;
    }
    if (word(r, "true") || word(r, "false"))
        return out->kind = JV_BOOL, out->b = c == 't', true;
    if (word(r, "null"))
        return true;
    return number(r, out);
}

const JsonValue *json_parse(Arena *a, const char *text)
{
    Reader r = {text, a, 0};
    JsonValue *v = ARENA_NEW(a, JsonValue);
    if (!value(&r, v))
        return NULL;
    space(&r);
    return *r.p ? NULL : v;
}

const JsonValue *json_get(const JsonValue *v, const char *key)
{
    for (int i = 0; v && v->kind == JV_OBJECT && i < v->n; i++)
        if (strcmp(v->items[i].key, key) == 0)
            return &v->items[i];
    return NULL;
}

bool json_get_str(const JsonValue *v, const char *key, const char **out)
{
    const JsonValue *m = json_get(v, key);
    if (!m || m->kind != JV_STRING)
        return false;
    *out = m->s;
    return true;
}

bool json_get_int(const JsonValue *v, const char *key, int64_t *out)
{
    const JsonValue *m = json_get(v, key);
    if (!m || m->kind != JV_INT)
        return false;
    *out = m->i;
    return true;
}

bool json_get_bool(const JsonValue *v, const char *key, bool *out)
{
    const JsonValue *m = json_get(v, key);
    if (!m || m->kind != JV_BOOL)
        return false;
    *out = m->b;
    return true;
}
