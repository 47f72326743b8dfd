/* roster.c — the roster CSV: a record reader (RFC 4180) and the checks on each person.
 *
 * The reader splits bytes into records, noting the physical line each starts on and the first
 * syntax problem in it (a stray quote, an unclosed quote); the checks then walk the records in
 * order, so messages come out sorted by line. Nothing is returned unless no message was added. */
#include "roster.h"
#include "utf8.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { RECORD_KEEP = 8, FIELDS = 6, ROSTER_MAX_BYTES = 16 * 1024 * 1024 };

static const char *const COLUMNS[FIELDS] = {"code", "name", "kana", "department", "role", "lang"};
static const char HEADER[] = "code,name,kana,department,role,lang";

typedef struct {
    char *data; /* heap */
    size_t len, cap;
} Buf;

typedef struct {
    int line;                  /* physical line the record starts on */
    int nfields;               /* every field, even those not kept */
    char *fields[RECORD_KEEP]; /* heap, NUL-terminated (may hold NULs from the file: see len) */
    size_t lens[RECORD_KEEP];
    char syntax[160]; /* the first syntax problem, or "" */
} Record;

typedef struct {
    const char *file;    /* borrowed: name for messages */
    const char *p, *end; /* borrowed: the bytes still to read */
    int line;            /* physical line of p */
    ErrList *errs;       /* borrowed */
} Csv;

static void buf_add(Buf *b, char c)
{
    if (b->len + 1 >= b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->data = xrealloc(b->data, b->cap);
    }
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

static void record_free(Record *r)
{
    for (int i = 0; i < r->nfields && i < RECORD_KEEP; i++)
        free(r->fields[i]);
    *r = (Record){0};
}

static void record_syntax(Record *r, const char *msg)
{
    if (!r->syntax[0])
        snprintf(r->syntax, sizeof r->syntax, "%s", msg);
}

static void record_add(Record *r, Buf *b)
{
    if (r->nfields < RECORD_KEEP) {
        if (!b->data)
            b->data = xstrdup("");
        r->fields[r->nfields] = b->data;
        r->lens[r->nfields] = b->len;
    } else {
        free(b->data);
    }
    r->nfields++;
    *b = (Buf){0};
}

/* A quoted field: from after the opening quote to after the closing one. */
static void csv_quoted(Csv *c, Record *r, Buf *b)
{
    for (;;) {
        if (c->p == c->end) {
            record_syntax(r, "a quoted field is not closed (a \" is missing)");
            return;
        }
        char ch = *c->p++;
        if (ch == '"' && c->p < c->end && *c->p == '"') {
            buf_add(b, '"');
            c->p++;
        } else if (ch == '"') {
            break;
        } else if (ch == '\r' && c->p < c->end && *c->p == '\n') {
            continue; /* CRLF inside quotes: keep the LF */
        } else {
            if (ch == '\n')
                c->line++;
            buf_add(b, ch);
        }
    }
    for (; c->p < c->end && *c->p != ',' && *c->p != '\r' && *c->p != '\n'; c->p++) {
        if (*c->p != ' ' && *c->p != '\t')
            record_syntax(r, "text after a closing quote (a quote inside a quoted field is"
                             " written \"\")");
        buf_add(b, *c->p);
    }
}

static void csv_plain(Csv *c, Record *r, Buf *b)
{
    for (; c->p < c->end && *c->p != ',' && *c->p != '\r' && *c->p != '\n'; c->p++) {
        if (*c->p == '"')
            record_syntax(r, "a quote inside a field that does not start with one (put the"
                             " field in quotes and write the quote as \"\")");
        buf_add(b, *c->p);
    }
}

/* Leading spaces before an opening quote are allowed (and dropped). */
static bool csv_opens_quote(const Csv *c)
{
    const char *q = c->p;
    while (q < c->end && (*q == ' ' || *q == '\t'))
        q++;
    return q < c->end && *q == '"';
}

/* Reads one record; false at the end of the bytes. */
static bool csv_record(Csv *c, Record *r)
{
    *r = (Record){.line = c->line};
    if (c->p == c->end)
        return false;
    for (;;) {
        Buf b = {0};
        if (csv_opens_quote(c)) {
            while (*c->p != '"')
                c->p++;
            c->p++;
            csv_quoted(c, r, &b);
        } else {
            csv_plain(c, r, &b);
        }
        record_add(r, &b);
        if (c->p == c->end)
            return true;
        char ch = *c->p++;
        if (ch == ',')
            continue;
        if (ch == '\r' && c->p < c->end && *c->p == '\n')
            c->p++;
        c->line++;
        return true;
    }
}

/* ---- checks ---- */

static bool record_blank(const Record *r)
{
    for (int i = 0; i < r->nfields && i < RECORD_KEEP; i++)
        for (size_t k = 0; k < r->lens[i]; k++)
            if (r->fields[i][k] != ' ' && r->fields[i][k] != '\t')
                return false;
    return r->nfields <= RECORD_KEEP;
}

static bool csv_err(Csv *c, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static bool csv_err(Csv *c, int line, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return errlist_add(c->errs, (Pos){c->file, line, 0}, "%s", msg);
}

static bool check_header(Csv *c, const Record *r)
{
    bool ok = r->nfields == FIELDS && !r->syntax[0];
    for (int i = 0; ok && i < FIELDS; i++)
        ok = r->lens[i] == strlen(COLUMNS[i]) && strcmp(r->fields[i], COLUMNS[i]) == 0;
    return ok || csv_err(c, r->line,
                         "the first line must be exactly %s (the column names,"
                         " in this order)",
                         HEADER);
}

/* Drops ASCII spaces and tabs at both ends, in place. */
static void trim(char *s, size_t *len)
{
    size_t a = 0, b = *len;
    while (a < b && (s[a] == ' ' || s[a] == '\t'))
        a++;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
        b--;
    memmove(s, s + a, b - a);
    s[b - a] = '\0';
    *len = b - a;
}

static bool has_control(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return true;
    return false;
}

/* Field i is valid UTF-8 without NUL bytes. */
static bool check_utf8(Csv *c, const Record *r, int i)
{
    const char *v = r->fields[i];
    size_t len = r->lens[i];
    if (utf8_invalid(v, len) != len)
        return csv_err(c, r->line,
                       "%s is not valid UTF-8 (save the file as \"CSV UTF-8\";"
                       " Shift_JIS is not supported)",
                       COLUMNS[i]);
    if (memchr(v, '\0', len))
        return csv_err(c, r->line, "%s contains a NUL byte", COLUMNS[i]);
    return true;
}

/* A text field copied into dst (size bytes, NUL included). */
static bool check_text(Csv *c, const Record *r, int i, char *dst, size_t size)
{
    size_t len = r->lens[i];
    if (!check_utf8(c, r, i))
        return false;
    if (len >= size)
        return csv_err(c, r->line, "%s is too long (%zu bytes; at most %zu)", COLUMNS[i], len, size - 1);
    memcpy(dst, r->fields[i], len + 1);
    return true;
}

static bool check_required(Csv *c, const Record *r)
{
    bool ok = true;
    if (r->lens[0] == 0)
        ok = csv_err(c, r->line, "code is empty");
    else if (has_control(r->fields[0], r->lens[0]))
        ok = csv_err(c, r->line, "code contains a line break or control character");
    if (r->lens[1] == 0)
        ok = csv_err(c, r->line, "name is empty");
    return ok;
}

static void ascii_lower(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s - 'A' + 'a');
}

static bool check_role(Csv *c, Record *r, Employee *p)
{
    if (!check_utf8(c, r, 4))
        return false;
    ascii_lower(r->fields[4]);
    return store_role_parse(r->fields[4], &p->role) ||
           csv_err(c, r->line, "role must be employee, manager or president, not '%s'", r->fields[4]);
}

static bool check_lang(Csv *c, Record *r, Employee *p)
{
    if (!check_utf8(c, r, 5))
        return false;
    ascii_lower(r->fields[5]);
    return store_lang_parse(r->fields[5], &p->lang) ||
           csv_err(c, r->line, "lang must be ja or en, not '%s'", r->fields[5]);
}

/* Every field of one person; false when any is wrong (each problem reported). */
static bool check_person(Csv *c, Record *r, Employee *p)
{
    for (int i = 0; i < FIELDS; i++)
        trim(r->fields[i], &r->lens[i]);
    bool ok = check_text(c, r, 0, p->code, sizeof p->code);
    ok = check_text(c, r, 1, p->name, sizeof p->name) && ok;
    ok = check_text(c, r, 2, p->kana, sizeof p->kana) && ok;
    ok = check_text(c, r, 3, p->department, sizeof p->department) && ok;
    ok = check_required(c, r) && ok;
    ok = check_role(c, r, p) && ok;
    return check_lang(c, r, p) && ok;
}

/* Rows are few (a company's staff): a linear search keeps this obvious. */
static bool check_duplicate(Csv *c, int line, const Employee *rows, const int *lines, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(rows[i].code, rows[n].code) == 0) {
            return csv_err(c, line, "duplicate code '%s' (also on line %d)", rows[n].code, lines[i]);
        }
    return true;
}

typedef struct {
    Employee *rows; /* heap */
    int *lines;     /* heap: the line each row starts on */
    int n, cap;
} Rows;

static void rows_push(Rows *rs, const Employee *p, int line)
{
    if (rs->n == rs->cap) {
        rs->cap = rs->cap ? rs->cap * 2 : 64;
        rs->rows = xrealloc(rs->rows, (size_t)rs->cap * sizeof *rs->rows);
        rs->lines = xrealloc(rs->lines, (size_t)rs->cap * sizeof *rs->lines);
    }
    rs->rows[rs->n] = *p;
    rs->lines[rs->n] = line;
}

/* One data record: checked, and kept (as rows[n]) only when it is right. */
static void check_record(Csv *c, Record *r, Rows *rs)
{
    if (r->syntax[0]) {
        csv_err(c, r->line, "%s", r->syntax);
        return;
    }
    if (r->nfields != FIELDS) {
        csv_err(c, r->line, "expected 6 fields (%s), found %d", HEADER, r->nfields);
        return;
    }
    Employee p = {.active = true};
    if (!check_person(c, r, &p))
        return;
    rows_push(rs, &p, r->line);
    if (check_duplicate(c, r->line, rs->rows, rs->lines, rs->n))
        rs->n++;
}

static bool check_encoding(Csv *c)
{
    const unsigned char *u = (const unsigned char *)c->p;
    size_t n = (size_t)(c->end - c->p);
    if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return errlist_add(c->errs, (Pos){c->file, 0, 0},
                           "is UTF-16 text; save it as \"CSV UTF-8 (comma delimited)\"");
    if (n >= 3 && memcmp(u, "\xEF\xBB\xBF", 3) == 0)
        c->p += 3;
    return true;
}

/* Reads every record: the header, then people. */
static void roster_read(Csv *c, Rows *rs)
{
    Record r;
    bool header = false, any = false;
    while (csv_record(c, &r)) {
        if (!header && record_blank(&r)) {
            record_free(&r); /* blank lines before the header */
            continue;
        }
        if (!header) {
            header = true;
            bool ok = check_header(c, &r);
            record_free(&r);
            if (!ok)
                return;
            continue;
        }
        if (!record_blank(&r)) {
            check_record(c, &r, rs);
            any = true;
        }
        record_free(&r);
    }
    if (!header)
        errlist_add(c->errs, (Pos){c->file, 1, 0}, "the file is empty; the first line must be %s", HEADER);
    else if (!any)
        errlist_add(c->errs, (Pos){c->file, 2, 0}, "the roster lists nobody (only the header)");
}

bool roster_parse_bytes(const char *name, const char *data, size_t size, Employee **rows, int *nrows,
                        ErrList *errs)
{
    Csv c = {.file = name, .p = data, .end = data + size, .line = 1, .errs = errs};
    Rows rs = {0};
    int before = errs->nmsgs;
    if (check_encoding(&c))
        roster_read(&c, &rs);
    free(rs.lines);
    if (errs->nmsgs != before) {
        free(rs.rows);
        *rows = NULL, *nrows = 0;
        return false;
    }
    *rows = rs.rows, *nrows = rs.n;
    return true;
}

/* The whole file in memory (heap). */
static bool read_all(const char *path, char **data, size_t *size, ErrList *errs)
{
    Pos at = {path, 0, 0};
    FILE *f = fopen(path, "rb");
    if (!f)
        return errlist_add(errs, at, "cannot read the roster: %s", strerror(errno));
    Buf b = {0};
    size_t got;
    do {
        if (b.cap - b.len < 65536) {
            b.cap = b.cap ? b.cap * 2 : 65536;
            b.data = xrealloc(b.data, b.cap);
        }
        got = fread(b.data + b.len, 1, b.cap - b.len, f);
        b.len += got;
    } while (got > 0 && b.len <= ROSTER_MAX_BYTES);
    int err = ferror(f) ? errno : 0;
    fclose(f);
    if (err || b.len > ROSTER_MAX_BYTES) {
        free(b.data);
        return err ? errlist_add(errs, at, "cannot read the roster: %s", strerror(err))
                   : errlist_add(errs, at, "is too large for a roster (over 16 MB)");
    }
    *data = b.data, *size = b.len;
    return true;
}

bool roster_parse(const char *path, Employee **rows, int *nrows, ErrList *errs)
{
    char *data = NULL;
    size_t size = 0;
    *rows = NULL, *nrows = 0;
    if (!read_all(path, &data, &size, errs))
        return false;
    bool ok = roster_parse_bytes(path, data ? data : "", size, rows, nrows, errs);
    free(data);
    return ok;
}
