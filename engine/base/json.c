/* json.c — the JSON writer. Values are written as they come; the writer only remembers, per
 * open level, which closer it needs and whether a comma must come before the next value. */
#include "json.h"
#include "decimal.h"
#include "err.h"
#include "utf8.h"

#include <inttypes.h>
#include <string.h>

/* ---- where the text goes: a FILE or a JsonBuf ---- */

static void buf_grow(JsonBuf *b, size_t n)
{
    size_t cap = b->cap ? b->cap : 256;
    while (b->len + n + 1 > cap)
        cap *= 2;
    b->buf = xrealloc(b->buf, cap);
    b->cap = cap;
}

/* The payloads of a million records pass through here a piece at a time (verify rebuilds each):
 * short pieces are copied by hand, not through a call to memcpy. */
static void buf_add(JsonBuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap)
        buf_grow(b, n);
    char *to = b->buf + b->len;
    if (n <= 16)
        for (size_t i = 0; i < n; i++)
            to[i] = s[i];
    else
        memcpy(to, s, n);
    b->len += n;
    b->buf[b->len] = '\0';
}

static void put_n(Json *j, const char *s, size_t n)
{
    if (j->b)
        buf_add(j->b, s, n);
    else
        fwrite(s, 1, n, j->f);
}

static void put_s(Json *j, const char *s)
{
    put_n(j, s, strlen(s));
}

static void put_c(Json *j, char c)
{
    JsonBuf *b = j->b;
    if (!b) {
        fputc(c, j->f);
        return;
    }
    if (b->len + 2 > b->cap)
        buf_grow(b, 1);
    b->buf[b->len++] = c;
    b->buf[b->len] = '\0';
}

static void json_escape_byte(Json *j, unsigned char c)
{
    static const char *const SHORT[] = {['"'] = "\\\"", ['\\'] = "\\\\", ['\n'] = "\\n", ['\r'] = "\\r",
                                        ['\t'] = "\\t", ['\b'] = "\\b",  ['\f'] = "\\f"};
    char u[8];
    if (c < sizeof SHORT / sizeof *SHORT && SHORT[c]) {
        put_s(j, SHORT[c]);
        return;
    }
    snprintf(u, sizeof u, "\\u%04x", c);
    put_s(j, u);
}

/* The length of the run at s that can be written as it is: printable ASCII other than " and \,
 * and whole valid UTF-8 sequences. */
static size_t plain_run(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c < 0x20 || c == '"' || c == '\\')
                break;
            i++;
            continue;
        }
        uint32_t cp;
        size_t left = n - i;
        int len = utf8_decode(s + i, left > 4 ? 4 : (int)left, &cp);
        if (len < 0)
            break;
        i += (size_t)len;
    }
    return i;
}

static void str_out(Json *j, const char *s)
{
    if (!s) {
        put_s(j, "null");
        return;
    }
    put_c(j, '"');
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t run = plain_run(s + i, n - i);
        if (run) { /* written in one piece: payloads and reports are mostly plain text */
            put_n(j, s + i, run);
            i += run;
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == '"' || c == '\\')
            json_escape_byte(j, c);
        else
            put_s(j, "\xEF\xBF\xBD"); /* U+FFFD for a byte that is not UTF-8 */
        i++;
    }
    put_c(j, '"');
}

void json_str(FILE *f, const char *s)
{
    Json j = {.f = f};
    str_out(&j, s);
}

void json_init(Json *j, FILE *f, int lines)
{
    *j = (Json){.f = f, .lines = lines};
}

void json_init_buf(Json *j, JsonBuf *b, int lines)
{
    *j = (Json){.b = b, .lines = lines};
}

static void json_newline(Json *j)
{
    put_c(j, '\n');
    for (int i = 0; i < j->depth; i++)
        put_s(j, "  ");
}

/* Everything a value needs before it: a comma after a sibling, a line of its own (or a space
 * after the comma when its level is written on one line). */
static void json_before_value(Json *j)
{
    if (j->after_key) {
        j->after_key = false;
        return;
    }
    if (j->depth == 0)
        return;
    bool sibling = j->nonempty[j->depth - 1];
    if (sibling)
        put_c(j, ',');
    j->nonempty[j->depth - 1] = true;
    if (j->depth <= j->lines)
        json_newline(j);
    else if (sibling && j->lines > 0)
        put_c(j, ' ');
}

static void json_open(Json *j, char opener, char closer)
{
    json_before_value(j);
    if (j->depth == JSON_MAX_DEPTH)
        die("json: nested deeper than %d", JSON_MAX_DEPTH);
    put_c(j, opener);
    j->closer[j->depth] = closer;
    j->nonempty[j->depth] = false;
    j->depth++;
}

void json_object(Json *j)
{
    json_open(j, '{', '}');
}

void json_array(Json *j)
{
    json_open(j, '[', ']');
}

void json_end(Json *j)
{
    if (j->depth == 0)
        die("json: json_end with nothing open");
    bool broken = j->nonempty[j->depth - 1] && j->depth <= j->lines;
    j->depth--;
    if (broken)
        json_newline(j);
    put_c(j, j->closer[j->depth]);
    if (j->depth == 0 && j->lines > 0)
        put_c(j, '\n');
}

void json_key(Json *j, const char *key)
{
    json_before_value(j);
    str_out(j, key);
    put_s(j, j->lines > 0 ? ": " : ":");
    j->after_key = true;
}

void json_string(Json *j, const char *s)
{
    json_before_value(j);
    str_out(j, s);
}

void json_int(Json *j, int64_t v)
{
    json_before_value(j);
    char n[DECIMAL_SIZE];
    put_n(j, n, decimal_i64(n, v));
}

/* |v| <= 1e15 with a few decimals (reports use 0 to 2). */
static void fixed_out(Json *j, double v, int decimals)
{
    char n[64];
    int len = snprintf(n, sizeof n, "%.*f", decimals, v);
    if (len < 0 || (size_t)len >= sizeof n)
        die("json: %d decimals do not fit", decimals);
    put_n(j, n, (size_t)len);
}

void json_fixed(Json *j, double v, int decimals)
{
    json_before_value(j);
    if (v != v || v > 1e15 || v < -1e15) /* NaN or out of range: not a JSON number */
        put_s(j, "null");
    else
        fixed_out(j, v, decimals);
}

void json_bool(Json *j, bool v)
{
    json_before_value(j);
    put_s(j, v ? "true" : "false");
}

void json_null(Json *j)
{
    json_before_value(j);
    put_s(j, "null");
}
