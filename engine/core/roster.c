/* roster.c — the roster CSV: a record reader (RFC 4180) and the checks on each person.
 *
 * The bytes are first made UTF-8 (encoding.h: UTF-8 or CP932). The reader splits them into
 * records, noting the physical line each starts on and the first syntax problem in it (a stray
 * quote, an unclosed quote); the header says which field holds which column (roster_columns.h);
 * the checks then walk the records in order, so messages come out sorted by line. Nothing is
 * returned unless no message was added. */
#include "encoding.h"
#include "kana.h"
#include "roster.h"
#include "roster_columns.h"
#include "text_guard.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { RECORD_KEEP = ROSTER_MAX_COLUMNS, ROSTER_MAX_BYTES = 16 * 1024 * 1024 };

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
    int nheader;         /* fields in the header */
    int field[NCOLS];    /* the field holding each column, -1 when the file has none */
    char header[600];    /* the header as read, for messages */
    RosterInfo *info;    /* borrowed: what the caller is told */
    bool japanese;       /* the problems in Japanese (roster_parse_info) */
} Csv;

/* A message in the caller's language: both texts take the same arguments in the same order (the
 * compiler checks both against them). */
#define SAY(c, en, ja) ((c)->japanese ? (ja) : (en))
#define COLUMN(c, k) roster_column_name_in(k, (c)->japanese)
#define ALIASES(c, k) roster_column_aliases_in(k, (c)->japanese)

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
            record_syntax(r, SAY(c, "a quoted field is not closed (a \" is missing)",
                                 "「\"」で始まる欄が閉じていません（「\"」が足りません）"));
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
            record_syntax(r, SAY(c,
                                 "text after a closing quote (a quote inside a quoted field is"
                                 " written \"\")",
                                 "閉じる「\"」の後に文字があります（「\"」で囲んだ欄の中の「\"」は"
                                 "「\"\"」と書きます）"));
        buf_add(b, *c->p);
    }
}

static void csv_plain(Csv *c, Record *r, Buf *b)
{
    for (; c->p < c->end && *c->p != ',' && *c->p != '\r' && *c->p != '\n'; c->p++) {
        if (*c->p == '"')
            record_syntax(r, SAY(c,
                                 "a quote inside a field that does not start with one (put the"
                                 " field in quotes and write the quote as \"\")",
                                 "「\"」で始まらない欄の中に「\"」があります（欄を「\"」で囲み、中の"
                                 "「\"」は「\"\"」と書きます）"));
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

/* Field i of the header, named in messages: its text, or "column N" when it has none. */
static void header_label(const Csv *c, const Record *r, int i, char *buf, size_t size)
{
    if (r->fields[i][0])
        snprintf(buf, size, "%s", r->fields[i]);
    else
        snprintf(buf, size, SAY(c, "column %d", "%d 列目"), i + 1);
}

static void header_ignore(Csv *c, const Record *r, int i)
{
    char label[160];
    RosterInfo *in = c->info;
    header_label(c, r, i, label, sizeof label);
    size_t len = strlen(in->ignored);
    if (len + strlen(label) + 3 < sizeof in->ignored)
        snprintf(in->ignored + len, sizeof in->ignored - len, "%s%s", len ? ", " : "", label);
    in->nignored++;
}

/* Which field holds which column; each column at most once, code and name required. */
static bool header_map(Csv *c, Record *r)
{
    bool ok = true;
    for (int k = 0; k < NCOLS; k++)
        c->field[k] = -1;
    for (int i = 0; i < r->nfields; i++) {
        kana_trim(r->fields[i], &r->lens[i]);
        kana_fullwidth(r->fields[i], &r->lens[i]); /* ﾌﾘｶﾞﾅ is フリガナ */
        int k = roster_column_find(r->fields[i]);
        if (k < 0)
            header_ignore(c, r, i);
        else if (c->field[k] >= 0)
            ok = csv_err(c, r->line,
                         SAY(c, "columns %d and %d both give the %s (%s)",
                             "%d 列目と %d 列目が、どちらも「%s」の列です（%s）"),
                         c->field[k] + 1, i + 1, COLUMN(c, k), ALIASES(c, k));
        else
            c->field[k] = i;
    }
    for (int k = 0; k < NCOLS; k++)
        if (c->field[k] < 0 && !roster_column_optional(k))
            ok = csv_err(c, r->line,
                         SAY(c, "no %s column (the first line names the columns; call it %s)",
                             "「%s」の列がありません（1 行目に列の名前を書きます：%s のどれか）"),
                         COLUMN(c, k), ALIASES(c, k));
    return ok;
}

static bool check_header(Csv *c, Record *r)
{
    if (r->syntax[0])
        return csv_err(c, r->line, "%s", r->syntax);
    if (r->nfields > RECORD_KEEP)
        return csv_err(c, r->line,
                       SAY(c, "has %d columns; a roster may have at most %d",
                           "列が %d 個あります。名簿の列は %d 個までです"),
                       r->nfields, RECORD_KEEP);
    size_t len = 0;
    for (int i = 0; i < r->nfields && len < sizeof c->header; i++)
        len += (size_t)snprintf(c->header + len, sizeof c->header - len, "%s%s", i ? "," : "", r->fields[i]);
    c->nheader = r->nfields;
    return header_map(c, r);
}

/* A cell Excel was kept from reading as a formula ('=... or '＝..., as report_csv_cell writes it)
 * loses the apostrophe, and a code kept as text (="0001", report_csv_code) is the code, so an
 * exported roster imports back as it was. */
static void unguard(char *s, size_t *len)
{
    if (*len >= 3 && s[0] == '=' && s[1] == '"' && s[*len - 1] == '"' && !memchr(s + 2, '"', *len - 3)) {
        memmove(s, s + 2, *len - 3);
        *len -= 3;
        s[*len] = '\0';
        return;
    }
    static const char *const WIDE[] = {"\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D", "\xEF\xBC\xA0"};
    bool guarded = *len >= 2 && s[0] == '\'' && strchr("=+-@", s[1]);
    for (size_t i = 0; i < 4 && !guarded; i++)
        guarded = *len >= 4 && s[0] == '\'' && memcmp(s + 1, WIDE[i], 3) == 0;
    if (guarded) {
        memmove(s, s + 1, *len);
        (*len)--;
    }
}

/* Column k's text in the record ("" when the file has no such column). */
static const char *cell(const Csv *c, const Record *r, RosterColumn k, size_t *len)
{
    int i = c->field[k];
    *len = i >= 0 ? r->lens[i] : 0;
    return i >= 0 ? r->fields[i] : "";
}

/* Column k holds no NUL byte (the text is UTF-8 already: encoding.h). */
static bool check_nul(Csv *c, const Record *r, RosterColumn k)
{
    size_t len;
    const char *v = cell(c, r, k, &len);
    return !memchr(v, '\0', len) ||
           csv_err(c, r->line, SAY(c, "%s contains a NUL byte", "「%s」に NUL バイトが入っています"),
                   COLUMN(c, k));
}

/* A text column copied into dst (size bytes, NUL included). */
static bool check_text(Csv *c, const Record *r, RosterColumn k, char *dst, size_t size)
{
    size_t len;
    const char *v = cell(c, r, k, &len);
    if (!check_nul(c, r, k))
        return false;
    if (len >= size)
        return csv_err(c, r->line,
                       SAY(c, "%s is too long (%zu bytes; at most %zu)",
                           "「%s」が長すぎます（%zu バイト。%zu バイトまで）"),
                       COLUMN(c, k), len, size - 1);
    memcpy(dst, v, len + 1);
    return true;
}

/* Text columns hold no control, bidi or zero-width character; the code only what the sign-in
 * keypad can type (text_guard.h, the same rule as the store's and the roster screen's). */
static bool check_chars(Csv *c, const Record *r, const Employee *p)
{
    static const RosterColumn TEXT[] = {COL_NAME, COL_KANA, COL_DEPARTMENT, COL_DEPT_KANA};
    bool ok = true;
    for (int i = 0; i < 4; i++) {
        size_t len;
        const char *v = cell(c, r, TEXT[i], &len);
        uint32_t cp;
        int col;
        if (text_guard_find(v, len, &cp, &col))
            ok = csv_err(c, r->line,
                         SAY(c, "%s contains U+%04X (%s) at character %d",
                             "「%s」に U+%04X（%s）が入っています（%d 文字目）"),
                         COLUMN(c, TEXT[i]), (unsigned)cp, text_guard_kind_in(cp, c->japanese), col);
    }
    Err why = {{0}};
    if (p->code[0] && !text_code_check_in(p->code, c->japanese, &why))
        ok = csv_err(c, r->line, "%s", why.msg);
    return ok;
}

static bool check_required(Csv *c, const Record *r)
{
    size_t code_len, name_len;
    bool ok = true;
    cell(c, r, COL_CODE, &code_len);
    cell(c, r, COL_NAME, &name_len);
    if (code_len == 0)
        ok = csv_err(c, r->line, SAY(c, "code is empty", "社員番号が空です"));
    if (name_len == 0)
        ok = csv_err(c, r->line, SAY(c, "name is empty", "氏名が空です"));
    return ok;
}

/* An empty cell, or no such column, takes the default (employee). */
static bool check_role(Csv *c, const Record *r, Employee *p)
{
    size_t len;
    const char *v = cell(c, r, COL_ROLE, &len);
    p->role = ROLE_EMPLOYEE;
    return !len || roster_role_value(v, &p->role) ||
           csv_err(c, r->line,
                   SAY(c,
                       "role must be employee (社員, 従業員), manager (管理者) or president (社長, 代表者),"
                       " not '%s'",
                       "役割は 社員（従業員・employee）、管理者（manager）、社長（代表者・president）の"
                       "どれかです。「%s」は使えません"),
                   v);
}

/* An empty cell, or no such column, takes the default (ja). */
static bool check_lang(Csv *c, const Record *r, Employee *p)
{
    size_t len;
    const char *v = cell(c, r, COL_LANG, &len);
    p->lang = LANG_JA;
    return !len || roster_lang_value(v, &p->lang) ||
           csv_err(c, r->line,
                   SAY(c, "lang must be ja (日本語) or en (英語), not '%s'",
                       "言語は 日本語（ja）か 英語（en）です。「%s」は使えません"),
                   v);
}

/* Every field of one person; false when any is wrong (each problem reported). */
static bool check_person(Csv *c, Record *r, Employee *p)
{
    for (int i = 0; i < r->nfields; i++) {
        kana_trim(r->fields[i], &r->lens[i]);
        unguard(r->fields[i], &r->lens[i]);
    }
    static const RosterColumn KANA[] = {COL_KANA, COL_DEPT_KANA};
    for (int k = 0; k < 2; k++)
        if (c->field[KANA[k]] >= 0)
            kana_fullwidth(r->fields[c->field[KANA[k]]], &r->lens[c->field[KANA[k]]]);
    bool ok = check_text(c, r, COL_CODE, p->code, sizeof p->code);
    ok = check_text(c, r, COL_NAME, p->name, sizeof p->name) && ok;
    ok = check_text(c, r, COL_KANA, p->kana, sizeof p->kana) && ok;
    ok = check_text(c, r, COL_DEPARTMENT, p->department, sizeof p->department) && ok;
    ok = check_text(c, r, COL_DEPT_KANA, p->department_kana, sizeof p->department_kana) && ok;
    ok = check_required(c, r) && ok;
    ok = (ok ? check_chars(c, r, p) : true) && ok;
    ok = check_role(c, r, p) && ok;
    return check_lang(c, r, p) && ok;
}

/* The rows kept so far, with a hash of their codes (open addressing, linear probing; a slot holds
 * a row's index + 1, 0 = free; at most half full), so a roster of 200,000 people is checked for
 * duplicate codes in linear time; and one of their departments, holding the first row that gives
 * each department's reading, so a department read two ways is found the same way. */
typedef struct {
    Employee *rows; /* heap */
    int *lines;     /* heap: the line each row starts on */
    int n, cap;
    int *slots; /* heap: nslots (a power of two) */
    int nslots;
    int *dslots; /* heap: ndslots (a power of two) */
    int ndslots, ndepts;
} Rows;

static unsigned code_hash(const char *code)
{
    unsigned h = 2166136261u; /* FNV-1a */
    for (; *code; code++)
        h = (h ^ (unsigned char)*code) * 16777619u;
    return h;
}

/* The slot of code: the one holding it, or the free one where it would go. */
static int code_slot(const Rows *rs, const char *code)
{
    unsigned mask = (unsigned)rs->nslots - 1, i = code_hash(code) & mask;
    while (rs->slots[i] && strcmp(rs->rows[rs->slots[i] - 1].code, code) != 0)
        i = (i + 1) & mask;
    return (int)i;
}

static void slots_grow(Rows *rs)
{
    free(rs->slots);
    rs->nslots = rs->nslots ? rs->nslots * 2 : 128;
    rs->slots = xcalloc((size_t)rs->nslots, sizeof *rs->slots);
    for (int k = 0; k < rs->n; k++)
        rs->slots[code_slot(rs, rs->rows[k].code)] = k + 1;
}

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

/* Keeps rows[n] unless an earlier row has its code (then says so, with that row's line). */
static bool check_duplicate(Csv *c, int line, Rows *rs)
{
    if (2 * (rs->n + 1) > rs->nslots)
        slots_grow(rs);
    const char *code = rs->rows[rs->n].code;
    int i = code_slot(rs, code);
    if (rs->slots[i])
        return csv_err(c, line,
                       SAY(c, "duplicate code '%s' (also on line %d)",
                           "社員番号「%s」が重なっています（%d 行目にもあります）"),
                       code, rs->lines[rs->slots[i] - 1]);
    rs->slots[i] = ++rs->n;
    return true;
}

/* The slot of dept among the departments with a reading: the one holding it, or a free one. */
static int dept_slot(const Rows *rs, const int *slots, int nslots, const char *dept)
{
    unsigned mask = (unsigned)nslots - 1, i = code_hash(dept) & mask;
    while (slots[i] && strcmp(rs->rows[slots[i] - 1].department, dept) != 0)
        i = (i + 1) & mask;
    return (int)i;
}

static void dslots_grow(Rows *rs)
{
    int n = rs->ndslots ? rs->ndslots * 2 : 64;
    int *slots = xcalloc((size_t)n, sizeof *slots);
    for (int k = 0; k < rs->ndslots; k++)
        if (rs->dslots[k])
            slots[dept_slot(rs, slots, n, rs->rows[rs->dslots[k] - 1].department)] = rs->dslots[k];
    free(rs->dslots);
    rs->dslots = slots, rs->ndslots = n;
}

/* A reading, hiragana as katakana: what the store keeps. */
static void reading_norm(const char *v, char out[128])
{
    snprintf(out, 128, "%s", v);
    kana_katakana(out);
}

/* The department reading of the row just kept: only with a department, and one per department
 * (hiragana and katakana read the same); a second one names the line of the first. */
static bool check_dept_kana(Csv *c, int line, Rows *rs)
{
    const Employee *p = &rs->rows[rs->n - 1];
    if (!p->department_kana[0])
        return true;
    if (!p->department[0])
        return csv_err(c, line,
                       SAY(c, "department_kana '%s' is given, but department is empty",
                           "部署よみ「%s」がありますが、部署が空です"),
                       p->department_kana);
    if (2 * (rs->ndepts + 1) > rs->ndslots)
        dslots_grow(rs);
    int i = dept_slot(rs, rs->dslots, rs->ndslots, p->department);
    if (!rs->dslots[i]) {
        rs->dslots[i] = rs->n, rs->ndepts++;
        return true;
    }
    const Employee *first = &rs->rows[rs->dslots[i] - 1];
    char a[128], b[128];
    reading_norm(p->department_kana, a);
    reading_norm(first->department_kana, b);
    return strcmp(a, b) == 0 ||
           csv_err(c, line,
                   SAY(c, "department '%s' is read '%s' here but '%s' on line %d",
                       "部署「%s」のよみが、この行では「%s」、別の行では「%s」です（%d 行目）"),
                   p->department, p->department_kana, first->department_kana, rs->lines[rs->dslots[i] - 1]);
}

/* One data record: checked, and kept (as rows[n]) only when it is right. */
static void check_record(Csv *c, Record *r, Rows *rs)
{
    if (r->syntax[0]) {
        csv_err(c, r->line, "%s", r->syntax);
        return;
    }
    if (r->nfields != c->nheader) {
        csv_err(c, r->line,
                SAY(c, "expected %d fields (%s), found %d", "欄の数が 1 行目の %d 個（%s）と違い、%d 個です"),
                c->nheader, c->header, r->nfields);
        return;
    }
    Employee p = {.active = true};
    if (!check_person(c, r, &p))
        return;
    rows_push(rs, &p, r->line);
    if (check_duplicate(c, r->line, rs))
        check_dept_kana(c, r->line, rs);
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
        errlist_add(c->errs, (Pos){c->file, 1, 0}, "%s",
                    SAY(c, "the file is empty; the first line must name the columns (at least code and name)",
                        "ファイルが空です。1 行目に列の名前（少なくとも社員番号と氏名）を書きます"));
    else if (!any)
        errlist_add(c->errs, (Pos){c->file, 2, 0}, "%s",
                    SAY(c, "the roster lists nobody (only the header)",
                        "名簿に人がいません（1 行目の見出しだけです）"));
}

static bool parse_utf8(Csv *c, Employee **rows, int *nrows)
{
    Rows rs = {0};
    int before = c->errs->nmsgs;
    roster_read(c, &rs);
    free(rs.lines);
    free(rs.slots);
    free(rs.dslots);
    if (c->errs->nmsgs != before) {
        free(rs.rows);
        *rows = NULL, *nrows = 0;
        return false;
    }
    *rows = rs.rows, *nrows = rs.n;
    return true;
}

bool roster_parse_bytes_info(const char *name, const char *data, size_t size, Employee **rows, int *nrows,
                             RosterInfo *info, bool japanese, ErrList *errs)
{
    RosterInfo scratch;
    char *text;
    size_t len;
    Err e = {{0}};
    info = info ? info : &scratch;
    *info = (RosterInfo){0};
    *rows = NULL, *nrows = 0;
    if (!encoding_to_utf8(name, data, size, &text, &len, &info->encoding, japanese, &e))
        return errlist_add(errs, (Pos){0}, "%s", e.msg);
    Csv c = {.file = name,
             .p = text,
             .end = text + len,
             .line = 1,
             .errs = errs,
             .info = info,
             .japanese = japanese};
    bool ok = parse_utf8(&c, rows, nrows);
    free(text);
    return ok;
}

bool roster_parse_bytes(const char *name, const char *data, size_t size, Employee **rows, int *nrows,
                        ErrList *errs)
{
    return roster_parse_bytes_info(name, data, size, rows, nrows, NULL, false, errs);
}

/* The whole file in memory (heap); problems in Japanese when ja. */
static bool read_all(const char *path, char **data, size_t *size, bool ja, ErrList *errs)
{
    Pos at = {path, 0, 0};
    const char *cannot = ja ? "名簿を読めません：%s" : "cannot read the roster: %s";
    FILE *f = fopen(path, "rb");
    if (!f)
        return errlist_add(errs, at, cannot, strerror(errno));
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
        return err ? errlist_add(errs, at, cannot, strerror(err))
                   : errlist_add(errs, at, "%s",
                                 ja ? "名簿としては大きすぎます（16 MB を超えています）"
                                    : "is too large for a roster (over 16 MB)");
    }
    *data = b.data, *size = b.len;
    return true;
}

bool roster_parse_info(const char *path, Employee **rows, int *nrows, RosterInfo *info, bool japanese,
                       ErrList *errs)
{
    char *data = NULL;
    size_t size = 0;
    *rows = NULL, *nrows = 0;
    if (info)
        *info = (RosterInfo){0};
    if (!read_all(path, &data, &size, japanese, errs))
        return false;
    bool ok = roster_parse_bytes_info(path, data ? data : "", size, rows, nrows, info, japanese, errs);
    free(data);
    return ok;
}

bool roster_parse(const char *path, Employee **rows, int *nrows, ErrList *errs)
{
    return roster_parse_info(path, rows, nrows, NULL, false, errs);
}
