/* json.c — the JSON writer. Values are written as they come; the writer only remembers, per
 * open level, which closer it needs and whether a comma must come before the next value. */
#include "json.h"
#include "err.h"
#include "utf8.h"

#include <inttypes.h>
#include <string.h>

static void json_escape_byte(FILE *f, unsigned char c)
{
    switch (c) {
    case '"':
        fputs("\\\"", f);
        break;
    case '\\':
        fputs("\\\\", f);
        break;
    case '\n':
        fputs("\\n", f);
        break;
    case '\r':
        fputs("\\r", f);
        break;
    case '\t':
        fputs("\\t", f);
        break;
    case '\b':
        fputs("\\b", f);
        break;
    case '\f':
        fputs("\\f", f);
        break;
    default:
        fprintf(f, "\\u%04x", c);
        break;
    }
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

void json_str(FILE *f, const char *s)
{
    if (!s) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t run = plain_run(s + i, n - i);
        if (run) { /* written in one piece: payloads and reports are mostly plain text */
            fwrite(s + i, 1, run, f);
            i += run;
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == '"' || c == '\\')
            json_escape_byte(f, c);
        else
            fputs("\xEF\xBF\xBD", f); /* U+FFFD for a byte that is not UTF-8 */
        i++;
    }
    fputc('"', f);
}

void json_init(Json *j, FILE *f, int lines)
{
    *j = (Json){.f = f, .lines = lines};
}

static void json_newline(Json *j)
{
    fputc('\n', j->f);
    for (int i = 0; i < j->depth; i++)
        fputs("  ", j->f);
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
        fputc(',', j->f);
    j->nonempty[j->depth - 1] = true;
    if (j->depth <= j->lines)
        json_newline(j);
    else if (sibling && j->lines > 0)
        fputc(' ', j->f);
}

static void json_open(Json *j, char opener, char closer)
{
    json_before_value(j);
    if (j->depth == JSON_MAX_DEPTH)
        die("json: nested deeper than %d", JSON_MAX_DEPTH);
    fputc(opener, j->f);
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
    fputc(j->closer[j->depth], j->f);
    if (j->depth == 0 && j->lines > 0)
        fputc('\n', j->f);
}

void json_key(Json *j, const char *key)
{
    json_before_value(j);
    json_str(j->f, key);
    fputs(j->lines > 0 ? ": " : ":", j->f);
    j->after_key = true;
}

void json_string(Json *j, const char *s)
{
    json_before_value(j);
    json_str(j->f, s);
}

void json_int(Json *j, int64_t v)
{
    json_before_value(j);
    fprintf(j->f, "%" PRId64, v);
}

void json_fixed(Json *j, double v, int decimals)
{
    json_before_value(j);
    if (v != v || v > 1e15 || v < -1e15) /* NaN or out of range: not a JSON number */
        fputs("null", j->f);
    else
        fprintf(j->f, "%.*f", decimals, v);
}

void json_bool(Json *j, bool v)
{
    json_before_value(j);
    fputs(v ? "true" : "false", j->f);
}

void json_null(Json *j)
{
    json_before_value(j);
    fputs("null", j->f);
}
