/* diag_csv.c — the self-diagnosis answer sheet as CSV (`item,answer`), for answers copied from a
 * paper sheet or a spreadsheet (declared in diagnosis.h).
 *
 * A small reader of its own: two short fields a line, optionally in double quotes ("" inside);
 * quoted line breaks are not needed here and are refused. The roster's reader (roster.c) is
 * built around its six columns and kept private to it.
 *
 * What must stay true: the file is accepted whole or not at all; every problem is reported as
 * "NAME:LINE: message" with LINE the physical line (1-based); every item of the scope exactly
 * once, and no item outside it. */
#include "diagnosis.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { FIELD_MAX = 64 };

typedef struct {
    const DiagSheet *sh;
    DiagScope scope;
    const char *name;
    ErrList *errs;
    int line_of[DIAG_ITEMS]; /* where each item was answered; 0 not yet */
    bool ok;
} CsvRead;

static bool fail(CsvRead *r, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static bool fail(CsvRead *r, int line, const char *fmt, ...)
{
    char msg[320];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->ok = false;
    return errlist_add(r->errs, (Pos){r->name, line, 0}, "%s", msg);
}

/* Copies one field starting at *s (up to a comma or the line end) into out, trimmed; advances
 * *s past its comma. False for a field that is too long or a broken quote. */
static bool take_field(const char **s, const char *end, char out[FIELD_MAX])
{
    const char *p = *s;
    size_t n = 0;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    bool quoted = p < end && *p == '"';
    for (p += quoted; p < end; p++) {
        if (quoted && *p == '"' && p + 1 < end && p[1] == '"')
            p++;
        else if (quoted && *p == '"') {
            quoted = false;
            continue;
        } else if (!quoted && *p == ',')
            break;
        if (n + 1 >= FIELD_MAX)
            return false;
        out[n++] = *p;
    }
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t'))
        n--;
    out[n] = '\0';
    *s = p < end ? p + 1 : end;
    return !quoted;
}

/* Splits one line into exactly two fields. */
static bool split(CsvRead *r, int line, const char *s, const char *end, char f[2][FIELD_MAX])
{
    for (int i = 0; i < 2; i++)
        if (!take_field(&s, end, f[i]))
            return fail(r, line, "a field is too long or has an unclosed quote");
    const char *rest = s;
    while (rest < end && (*rest == ' ' || *rest == '\t' || *rest == ','))
        rest++;
    if (rest < end)
        return fail(r, line, "a line has two fields, item and answer");
    return true;
}

static bool parse_item(CsvRead *r, int line, const char *s, int *item)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 1 || v > DIAG_ITEMS)
        return fail(r, line, "item '%s' is not a number from 1 to %d", s, DIAG_ITEMS);
    if (v > diag_scope_items(r->scope))
        return fail(r, line,
                    "item %s is in Part 3: your own practice answers Parts 1 and 2 only (items 1 to %d)", s,
                    DIAG_SELF_ITEMS);
    if (r->line_of[v - 1])
        return fail(r, line, "item %s is answered twice (first on line %d)", s, r->line_of[v - 1]);
    *item = (int)v;
    return true;
}

static void read_row(CsvRead *r, int line, const char *s, const char *end, DiagAnswer ans[DIAG_ITEMS])
{
    char f[2][FIELD_MAX];
    int item = 0;
    DiagAnswer a;
    if (!split(r, line, s, end, f) || !parse_item(r, line, f[0], &item))
        return;
    r->line_of[item - 1] = line;
    if (!diag_answer_parse(r->sh, f[1], &a)) {
        fail(r, line,
             "answer '%s' is not one of yes, partly, no, unknown (or 実施している, 一部実施している,"
             " 実施していない, わからない)",
             f[1]);
        return;
    }
    ans[item - 1] = a;
}

static bool header_ok(CsvRead *r, const char *s, const char *end)
{
    char f[2][FIELD_MAX];
    if (split(r, 1, s, end, f) && strcmp(f[0], "item") == 0 && strcmp(f[1], "answer") == 0)
        return true;
    r->ok = false;
    return errlist_add(r->errs, (Pos){r->name, 1, 0}, "the first line must be exactly: item,answer");
}

static bool blank(const char *s, const char *end)
{
    for (; s < end; s++)
        if (*s != ' ' && *s != '\t' && *s != ',')
            return false;
    return true;
}

static void missing_items(CsvRead *r, int last_line)
{
    char list[160] = "";
    int n = 0;
    for (int i = 0; i < diag_scope_items(r->scope); i++)
        if (!r->line_of[i] && strlen(list) < sizeof list - 8)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%d", n++ ? ", " : "", i + 1);
    if (n)
        fail(r, last_line, "no answer for item %s (every item from 1 to %d needs one)", list,
             diag_scope_items(r->scope));
}

bool diag_csv_parse(const DiagSheet *sh, DiagScope scope, const char *name, const char *data, size_t n,
                    DiagAnswer ans[DIAG_ITEMS], ErrList *errs)
{
    CsvRead r = {.sh = sh, .scope = scope, .name = name, .errs = errs, .ok = true};
    for (int i = 0; i < DIAG_ITEMS; i++)
        ans[i] = DIAG_NONE;
    if (utf8_invalid(data, n) < n)
        return errlist_add(errs, (Pos){name, 0, 0}, "not UTF-8 text (save it as CSV UTF-8)");
    const char *p = data, *end = data + n;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    int line = 0;
    for (bool header = true; p < end || line == 0; header = false) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *stop = eol ? eol : end;
        const char *trim = stop > p && stop[-1] == '\r' ? stop - 1 : stop;
        line++;
        if (header && !header_ok(&r, p, trim))
            return false;
        if (!header && !blank(p, trim))
            read_row(&r, line, p, trim, ans);
        p = eol ? eol + 1 : end;
    }
    missing_items(&r, line);
    return r.ok;
}
