/* test_report_formats.c — the report model and its CSV, HTML and XLSX writers, and
 * `mamori report --format csv|html|xlsx [--department D]`.
 *
 * One database (the shipped content's real questions, people with every kind of state and
 * names built to break things) is reported in each format. The CSV is parsed back (RFC 4180)
 * and compared cell by cell with the JSON report of the same database, parsed by a small JSON
 * reader here; the XLSX is opened as a zip (central directory + zlib inflate) and its sheet XML
 * read. Every error path (unwritable file, full disk, unreadable records) is driven. */
#include "helpers.h"
#include "test.h"
#include "tmpdir.h"

#include "civil_date.h"
#include "cli_store.h"
#include "report.h"
#include "demo.h"
#include "report_csv.h"
#include "report_file.h"
#include "report_html.h"
#include "report_model.h"
#include "report_reminders.h"
#include "report_xlsx.h"
#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

enum { NOW = 1767225600, DAY = 86400 }; /* 2026-01-01T00:00:00Z */

static Content content; /* the shipped content, loaded once in main */

/* ---- temporary directories ---- */

static void tmp_make(Tmp *t)
{
    tmp_make_named(t, "formats");
}

/* ---- the database ---- */

static Employee person(const char *code, const char *name, const char *kana, const char *dept, Role role)
{
    Employee p = {.role = role, .lang = LANG_JA, .active = true};
    snprintf(p.code, sizeof p.code, "%s", code);
    snprintf(p.name, sizeof p.name, "%s", name);
    snprintf(p.kana, sizeof p.kana, "%s", kana);
    snprintf(p.department, sizeof p.department, "%s", dept);
    return p;
}

static const char *question(int measure, int k)
{
    const Pool *p = content_pool(&content, measure);
    return p->questions[k % p->nquestions].id;
}

/* A finished test (or follow-up, measure 0) of 2 answers, `right` of them right, ended at t. */
static void attempt(Store *s, const char *code, int measure, int right, int64_t t)
{
    Err e = {{0}};
    int m = measure ? measure : 1;
    Answer ans[2] = {{question(m, 0), 1, right > 0}, {question(m, 1), 1, right > 1}};
    Attempt a = {.code = code,
                 .kind = measure ? ATTEMPT_TEST : ATTEMPT_FOLLOWUP,
                 .measure = measure,
                 .seed = 7,
                 .finished = true,
                 .score = right,
                 .total = 2,
                 .pass_percent = 80,
                 .passed = right == 2,
                 .started = t - 60,
                 .ended = t,
                 .answers = ans,
                 .nanswers = 2};
    CHECK(store_record_attempt(s, &a, &e));
}

static void lesson(Store *s, const char *code, int measure, int64_t t)
{
    Err e = {{0}};
    CHECK(store_record_lesson(s, code, content_lesson(&content, measure), t, &e));
}

static const Signature *some_signature(void)
{
    static Signature sig; /* large: kept off the stack */
    pledge_sig_init(&sig, 600, 200);
    for (int x = 60; x <= 300; x += 10)
        pledge_add_point(&sig, x, 100 + (x / 10 % 2 ? -30 : 30), (uint32_t)x);
    return &sig;
}

static void sign(Store *s, const char *code, PledgeKind kind, int version, int64_t t)
{
    Err e = {{0}};
    PledgeSigning p = {.code = code,
                       .kind = kind,
                       .version = version,
                       .text = "the text",
                       .name = code,
                       .now = t,
                       .signature = some_signature()};
    CHECK(store_sign_pledge(s, &p, NULL, &e));
}

enum { NPEOPLE = 8 }; /* active */

/* Eight active people in four departments, one inactive:
 *   0042  finished all 25, signed the current pledge (manager, 総務部)
 *   0001  president, signed an old version, read lesson 1 only           (役員)
 *   0007  "=cmd|' /C calc'!A0": read 3, failed its test                   (営業部)
 *   0008  "+1": never started                                              (営業部)
 *   0009  "-1": passed measure 2 more than a year ago (refresher overdue) (営業部)
 *   0010  "@x": a follow-up answered wrong 20 days ago (overdue)          (IT)
 *   0011  "<script>alert(1)</script>": read 2 lessons                     (IT)
 *   0012  &"' with kana a,b "c" (and a line break put into the model: hostile())  (IT)
 *   0099  inactive */
static Store *fill(Tmp *t)
{
    Err e = {{0}};
    Store *s = NULL;
    tmp_make(t);
    CHECK(store_open(&s, t->db, &e));
    store_set_content_version(s, content.version);
    Employee rows[] = {person("0042", "山田 花子", "ヤマダ ハナコ", "総務部", ROLE_MANAGER),
                       person("0001", "鈴木 社長", "スズキ シャチョウ", "役員", ROLE_PRESIDENT),
                       person("0007", "=cmd|' /C calc'!A0", "イコール", "営業部", ROLE_EMPLOYEE),
                       person("0008", "+1", "プラス", "営業部", ROLE_EMPLOYEE),
                       person("0009", "-1", "マイナス", "営業部", ROLE_EMPLOYEE),
                       person("0010", "@x", "アット", "IT", ROLE_EMPLOYEE),
                       person("0011", "<script>alert(1)</script>", "スクリプト", "IT", ROLE_EMPLOYEE),
                       person("0012", "&\"'", "a,b \"c\" d", "IT", ROLE_EMPLOYEE),
                       person("0099", "Gone", "ゴーン", "IT", ROLE_EMPLOYEE)};
    rows[8].active = false;
    CHECK(store_import_employees(s, rows, 9, NOW - 500 * DAY, NULL, &e));
    for (int m = 1; m <= MEASURES; m++) {
        lesson(s, "0042", m, NOW - 100 * DAY + m * 3600);
        attempt(s, "0042", m, 2, NOW - 100 * DAY + m * 3600 + 600);
    }
    sign(s, "0042", PLEDGE_EMPLOYEE, content.pledge->version, NOW - 90 * DAY);
    lesson(s, "0001", 1, NOW - 10 * DAY);
    sign(s, "0001", PLEDGE_PRESIDENT, content.pledge->version - 1, NOW - 9 * DAY);
    lesson(s, "0007", 3, NOW - 5 * DAY);
    attempt(s, "0007", 3, 1, NOW - 5 * DAY + 600);
    lesson(s, "0009", 2, NOW - 400 * DAY);
    attempt(s, "0009", 2, 2, NOW - 400 * DAY + 600);
    attempt(s, "0010", 0, 0, NOW - 20 * DAY);
    lesson(s, "0011", 1, NOW - 3 * DAY);
    lesson(s, "0011", 2, NOW - 2 * DAY);
    return s;
}

/* Text the store now refuses (text_guard.h: control characters, invalid UTF-8) may still sit in a
 * record written before; the writers must keep handling it, so it is put into the model itself. */
static void hostile(ReportModel *m, const char *code, const char *name, const char *kana)
{
    for (int i = 0; i < m->npeople; i++)
        if (strcmp(m->people[i].who.code, code) == 0) {
            if (name)
                snprintf(m->people[i].who.name, sizeof m->people[i].who.name, "%s", name);
            if (kana)
                snprintf(m->people[i].who.kana, sizeof m->people[i].who.kana, "%s", kana);
        }
}

static ReportModel model_of(Store *s, const char *dept, int tz)
{
    ReportModel m;
    Err e = {{0}};
    ReportQuery q = {.department = dept, .now = NOW, .tz_offset = tz};
    if (!report_model_build(s, &content, &q, &m, &e))
        die("model: %s", e.msg);
    return m;
}

typedef bool (*StreamWriter)(const ReportModel *m, FILE *out, Err *e);

static char *written(const ReportModel *m, StreamWriter w, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    Err e = {{0}};
    FILE *f = open_memstream(&buf, &n);
    CHECK(w(m, f, &e));
    fclose(f);
    if (len)
        *len = n;
    return buf;
}

/* ---- a small JSON reader ---- */

typedef enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } JType;

typedef struct JVal {
    JType type;
    bool b;
    double num;
    char *str; /* heap (J_STR) */
    int n;
    char **keys;        /* heap (J_OBJ) */
    struct JVal *items; /* heap (J_ARR, J_OBJ) */
} JVal;

static bool j_value(const char **p, JVal *v);

static void j_space(const char **p)
{
    while (**p == ' ' || **p == '\n' || **p == '\r' || **p == '\t')
        (*p)++;
}

static void utf8_put(char **o, unsigned cp)
{
    if (cp < 0x80) {
        *(*o)++ = (char)cp;
    } else if (cp < 0x800) {
        *(*o)++ = (char)(0xC0 | cp >> 6);
        *(*o)++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *(*o)++ = (char)(0xE0 | cp >> 12);
        *(*o)++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *(*o)++ = (char)(0x80 | (cp & 0x3F));
    }
}

static bool j_string(const char **p, char **out)
{
    const char *s = *p + 1;
    char *o = *out = xmalloc(strlen(s) + 1);
    for (; *s && *s != '"'; s++) {
        if (*s != '\\') {
            *o++ = *s;
            continue;
        }
        s++;
        const char *esc = strchr("\"\\/bfnrt", *s);
        if (esc && *s) {
            *o++ = "\"\\/\b\f\n\r\t"[esc - "\"\\/bfnrt"];
        } else if (*s == 'u') {
            unsigned cp;
            if (sscanf(s + 1, "%4x", &cp) != 1)
                return false;
            utf8_put(&o, cp);
            s += 4;
        } else {
            return false;
        }
    }
    *o = '\0';
    *p = s + 1;
    return *s == '"';
}

static bool j_list(const char **p, JVal *v, char closer)
{
    (*p)++;
    j_space(p);
    if (**p == closer)
        return (*p)++, true;
    for (;;) {
        v->items = xrealloc(v->items, sizeof *v->items * (size_t)(v->n + 1));
        v->keys = xrealloc(v->keys, sizeof *v->keys * (size_t)(v->n + 1));
        JVal *item = &v->items[v->n];
        *item = (JVal){0};
        v->keys[v->n] = NULL;
        v->n++;
        j_space(p);
        if (closer == '}') {
            if (**p != '"' || !j_string(p, &v->keys[v->n - 1]))
                return false;
            j_space(p);
            if (*(*p)++ != ':')
                return false;
        }
        if (!j_value(p, item))
            return false;
        j_space(p);
        if (**p == closer)
            return (*p)++, true;
        if (*(*p)++ != ',')
            return false;
    }
}

static bool j_value(const char **p, JVal *v)
{
    j_space(p);
    *v = (JVal){0};
    char c = **p;
    if (c == '{')
        return v->type = J_OBJ, j_list(p, v, '}');
    if (c == '[')
        return v->type = J_ARR, j_list(p, v, ']');
    if (c == '"')
        return v->type = J_STR, j_string(p, &v->str);
    if (strncmp(*p, "true", 4) == 0 || strncmp(*p, "false", 5) == 0) {
        v->type = J_BOOL, v->b = c == 't';
        return *p += v->b ? 4 : 5, true;
    }
    if (strncmp(*p, "null", 4) == 0)
        return *p += 4, true;
    char *end;
    v->type = J_NUM, v->num = strtod(*p, &end);
    bool ok = end != *p;
    *p = end;
    return ok;
}

static void j_free(JVal *v)
{
    for (int i = 0; i < v->n; i++) {
        j_free(&v->items[i]);
        free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->str);
}

static const JVal *jget(const JVal *o, const char *key)
{
    static const JVal missing = {J_NULL};
    for (int i = 0; o && o->type == J_OBJ && i < o->n; i++)
        if (strcmp(o->keys[i], key) == 0)
            return &o->items[i];
    return &missing;
}

static const char *jstr(const JVal *v)
{
    return v->type == J_STR ? v->str : "";
}

/* ---- a CSV reader (RFC 4180; records end with CRLF) ---- */

typedef struct {
    char ***rows; /* rows[r][c], heap */
    int *ncols;
    int nrows;
    bool bare_newline; /* a CR or LF outside quotes that is not part of CRLF */
} Csv;

static void csv_add_cell(Csv *t, char *cell)
{
    int r = t->nrows - 1;
    t->rows[r] = xrealloc(t->rows[r], sizeof(char *) * (size_t)(t->ncols[r] + 1));
    t->rows[r][t->ncols[r]++] = cell;
}

static void csv_add_row(Csv *t)
{
    t->rows = xrealloc(t->rows, sizeof *t->rows * (size_t)(t->nrows + 1));
    t->ncols = xrealloc(t->ncols, sizeof *t->ncols * (size_t)(t->nrows + 1));
    t->rows[t->nrows] = NULL;
    t->ncols[t->nrows++] = 0;
}

/* One cell from *p; *p left at the separator or line end. */
static char *csv_cell_read(const char **p, Csv *t)
{
    const char *s = *p;
    char *out = xmalloc(strlen(s) + 1), *o = out;
    if (*s == '"') {
        for (s++; *s && !(*s == '"' && s[1] != '"'); s++) {
            if (*s == '"')
                s++;
            *o++ = *s;
        }
        s += *s == '"';
    }
    for (; *s && *s != ',' && *s != '\r' && *s != '\n'; s++)
        *o++ = *s;
    *o = '\0';
    if ((*s == '\r' && s[1] != '\n') || *s == '\n')
        t->bare_newline = true;
    *p = s;
    return out;
}

static Csv csv_parse(const char *text)
{
    Csv t = {0};
    const char *p = text;
    while (*p) {
        csv_add_row(&t);
        for (;;) {
            csv_add_cell(&t, csv_cell_read(&p, &t));
            if (*p != ',')
                break;
            p++;
        }
        p += *p == '\r';
        p += *p == '\n';
    }
    return t;
}

static void csv_free(Csv *t)
{
    for (int r = 0; r < t->nrows; r++) {
        for (int c = 0; c < t->ncols[r]; c++)
            free(t->rows[r][c]);
        free(t->rows[r]);
    }
    free(t->rows);
    free(t->ncols);
}

/* The value a person typed: the ' that guards a formula taken off. */
static const char *unguard(const char *cell)
{
    return cell[0] == '\'' && cell[1] && strchr("=+-@\t\r", cell[1]) ? cell + 1 : cell;
}

static int column(const Csv *t, const char *name)
{
    for (int c = 0; t->nrows && c < t->ncols[0]; c++)
        if (strcmp(t->rows[0][c], name) == 0)
            return c;
    return -1;
}

/* ---- CSV against JSON ---- */

static void expect_state(char *buf, size_t size, const char *mark, const char *iso)
{
    snprintf(buf, size, "%s %.10s", mark, iso);
}

static void expected_measure(const JVal *m, char *buf, size_t size)
{
    const JVal *test = jget(m, "test"), *les = jget(m, "lesson");
    if (jget(test, "passed")->b)
        expect_state(buf, size, "合", jstr(jget(test, "passed_at")));
    else if (jget(les, "read")->b)
        expect_state(buf, size, "読", jstr(jget(les, "read_at")));
    else
        snprintf(buf, size, "未");
}

static void expected_pledge(const JVal *pl, char *buf, size_t size)
{
    const char *state = jstr(jget(pl, "state"));
    if (strcmp(state, "none") == 0)
        snprintf(buf, size, "未署名");
    else
        expect_state(buf, size, strcmp(state, "signed") == 0 ? "署名" : "旧版", jstr(jget(pl, "signed_at")));
}

static void check_int_cell(const Csv *t, int row, const char *col, int want)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%d", want);
    CHECK_STR(t->rows[row][column(t, col)], buf);
}

/* One person: the CSV row against the JSON object. */
static void check_row(const Csv *t, int row, const JVal *p)
{
    static const char *const text_cols[] = {"code", "name", "kana", "department", "role"};
    char want[64], key[16];
    for (int c = 0; c < 5; c++)
        CHECK_STR(unguard(t->rows[row][c]), jstr(jget(p, text_cols[c])));
    expected_pledge(jget(p, "pledge"), want, sizeof want);
    CHECK_STR(t->rows[row][column(t, "pledge")], want);
    int read = 0, passed = 0;
    for (int m = 1; m <= MEASURES; m++) {
        snprintf(key, sizeof key, "%d", m);
        const JVal *jm = jget(jget(p, "measures"), key);
        expected_measure(jm, want, sizeof want);
        snprintf(key, sizeof key, "m%d", m);
        CHECK_STR(t->rows[row][column(t, key)], want);
        read += jget(jget(jm, "lesson"), "read")->b;
        passed += jget(jget(jm, "test"), "passed")->b;
    }
    check_int_cell(t, row, "lessons_read", read);
    check_int_cell(t, row, "tests_passed", passed);
    check_int_cell(t, row, "followups_due", (int)jget(jget(p, "followup"), "due")->num);
    check_int_cell(t, row, "followups_overdue", (int)jget(jget(p, "followup"), "overdue")->num);
    check_int_cell(t, row, "refreshers_due", (int)jget(p, "refreshers_due")->num);
    snprintf(want, sizeof want, "%.10s", jstr(jget(p, "last_activity")));
    CHECK_STR(t->rows[row][column(t, "last_activity")], want);
}

static JVal json_report(Store *s, const char *dept)
{
    char *buf = NULL;
    size_t n = 0;
    Err e = {{0}};
    FILE *f = open_memstream(&buf, &n);
    CHECK(report_json_department(s, &content, dept, f, NOW, &e));
    fclose(f);
    JVal v;
    const char *p = buf;
    CHECK(j_value(&p, &v));
    free(buf);
    return v;
}

static void test_csv_matches_json(void)
{
    Tmp t;
    Store *s = fill(&t);
    ReportModel m = model_of(s, NULL, 0);
    char *text = written(&m, report_csv, NULL);
    Csv csv = csv_parse(text + 3);
    JVal json = json_report(s, NULL);
    const JVal *people = jget(&json, "employees");
    CHECK(people->n == NPEOPLE && csv.nrows == NPEOPLE + 1);
    CHECK(csv.ncols[0] == 6 + MEASURES + 6);
    for (int r = 1; r < csv.nrows && r <= people->n; r++) {
        CHECK(csv.ncols[r] == csv.ncols[0]);
        check_row(&csv, r, &people->items[r - 1]);
    }
    /* the figures themselves, not only their agreement */
    int r42 = 0;
    for (int r = 1; r < csv.nrows; r++)
        r42 = strcmp(csv.rows[r][0], "0042") == 0 ? r : r42;
    CHECK(r42 && strcmp(csv.rows[r42][column(&csv, "tests_passed")], "25") == 0);
    CHECK(contains(text, ",合 2025-09-23,"));
    CHECK(contains(text, ",署名 2025-10-03,"));
    CHECK(contains(text, ",旧版 2025-12-23,"));
    j_free(&json);
    csv_free(&csv);
    free(text);
    report_model_free(&m);
    store_close(s);
    tmp_remove(&t);
}

/* The kiosk's English CSV says each state in English: no 合 / 読 / 未 / 署名 / 旧版 left. */
static void test_csv_states_in_english(void)
{
    Tmp t;
    Store *s = fill(&t);
    ReportModel m = model_of(s, NULL, 0);
    m.csv = CSV_PEOPLE_EN;
    char *text = written(&m, report_csv, NULL);
    CHECK(contains(text, ",passed 2025-09-23,") && contains(text, ",signed 2025-10-03,"));
    CHECK(contains(text, ",old version 2025-12-23,") && contains(text, ",read 2025-12-22,"));
    CHECK(contains(text, ",not signed,") && contains(text, ",not started,"));
    static const char *const ja[] = {"合", "読", "未", "署名", "旧版"};
    for (size_t i = 0; i < sizeof ja / sizeof *ja; i++)
        CHECK(!contains(text, ja[i]));
    free(text);
    m.csv = CSV_PLAIN; /* the command line's CSV keeps the words its scripts read */
    text = written(&m, report_csv, NULL);
    CHECK(contains(text, ",合 2025-09-23,") && contains(text, ",未署名,"));
    free(text);
    report_model_free(&m);
    store_close(s);
    tmp_remove(&t);
}

/* Sample people (demo.h) are said in the CSV: a last column whose heading says so and whose cell
 * marks each sample row; the file stays a rectangle (every row as many cells as the heading). */
static void test_csv_says_samples(void)
{
    Tmp t;
    Store *s = fill(&t);
    Err e = {{0}};
    ReportModel m = model_of(s, NULL, 0);
    char *text = written(&m, report_csv, NULL);
    CHECK(!contains(text, "sample")); /* none yet: the columns as documented */
    free(text);
    report_model_free(&m);
    CHECK(demo_add(s, NOW, &e));
    m = model_of(s, NULL, 0);
    text = written(&m, report_csv, NULL);
    Csv csv = csv_parse(text + 3);
    int last = 6 + MEASURES + 6, samples = 0;
    CHECK(csv.nrows == NPEOPLE + DEMO_PEOPLE + 1 && csv.ncols[0] == last + 1);
    CHECK(csv.ncols[0] == last + 1 && strcmp(csv.rows[0][last], "includes sample people") == 0);
    for (int r = 1; r < csv.nrows; r++) {
        CHECK(csv.ncols[r] == last + 1);
        bool demo = strncmp(csv.rows[r][0], DEMO_PREFIX, strlen(DEMO_PREFIX)) == 0;
        CHECK_STR(csv.rows[r][last], demo ? "sample" : "");
        samples += demo;
    }
    CHECK(samples == DEMO_PEOPLE);
    csv_free(&csv);
    free(text);
    m.csv = CSV_PEOPLE_JA;
    text = written(&m, report_csv, NULL);
    CHECK(contains(text, ",最終活動日,見本の人を含みます\r\n") && contains(text, ",見本\r\n"));
    free(text);
    report_model_free(&m);
    store_close(s);
    tmp_remove(&t);
}

static void test_csv_bom_crlf_quoting(void)
{
    Tmp t;
    Store *s = fill(&t);
    ReportModel m = model_of(s, NULL, 0);
    hostile(&m, "0012", NULL, "a,b \"c\"\nd");
    size_t len;
    char *text = written(&m, report_csv, &len);
    CHECK(len > 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0);
    Csv csv = csv_parse(text + 3);
    CHECK(!csv.bare_newline);
    CHECK(len > 2 && memcmp(text + len - 2, "\r\n", 2) == 0);
    CHECK(contains(text, "\xEF\xBB\xBF"
                         "code,name,kana,department,role,pledge,m1,m2,"));
    CHECK(contains(text, ",refreshers_due,last_activity\r\n"));
    CHECK(contains(text, ",\"a,b \"\"c\"\"\nd\",")); /* quoted, " doubled, the line break kept */
    int r = 0;
    for (int i = 1; i < csv.nrows; i++)
        r = strcmp(csv.rows[i][0], "0012") == 0 ? i : r;
    CHECK(r && strcmp(csv.rows[r][2], "a,b \"c\"\nd") == 0 && strcmp(csv.rows[r][1], "&\"'") == 0);
    csv_free(&csv);
    free(text);
    report_model_free(&m);
    store_close(s);
    tmp_remove(&t);
}

static void test_csv_formulas_neutralised(void)
{
    Tmp t;
    Store *s = fill(&t);
    ReportModel m = model_of(s, NULL, 0);
    char *text = written(&m, report_csv, NULL);
    Csv csv = csv_parse(text + 3);
    CHECK(contains(text, ",'=cmd|' /C calc'!A0,"));
    CHECK(contains(text, ",'+1,") && contains(text, ",'-1,") && contains(text, ",'@x,"));
    for (int r = 0; r < csv.nrows; r++)
        for (int c = 0; c < csv.ncols[r]; c++)
            CHECK(!strchr("=+-@\t\r", csv.rows[r][c][0]) || !csv.rows[r][c][0]);
    csv_free(&csv);
    free(text);
    report_model_free(&m);
    /* one cell at a time: tab, CR, full-width forms, and what is left alone */
    static const char *const cases[][2] = {{"\tx", "'\tx"},
                                           {"\rx", "\"'\rx\""},
                                           {"＝1+2", "'＝1+2"},
                                           {"＋1", "'＋1"},
                                           {"－1", "'－1"},
                                           {"＠x", "'＠x"},
                                           {"a=1", "a=1"},
                                           {"", ""},
                                           {"x\xff", "x\xEF\xBF\xBD"},
                                           {"=a,b", "\"'=a,b\""}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *buf = NULL;
        size_t n = 0;
        FILE *f = open_memstream(&buf, &n);
        report_csv_cell(f, cases[i][0]);
        fclose(f);
        CHECK_STR(buf, cases[i][1]);
        free(buf);
    }
    store_close(s);
    tmp_remove(&t);
}

static void test_csv_local_dates(void)
{
    Tmp t;
    Store *s = fill(&t);
    ReportModel utc = model_of(s, NULL, 0), jst = model_of(s, NULL, 9 * 3600);
    char a[32], b[32];
    report_date(&utc, NOW - 3600, a, sizeof a); /* 2025-12-31T23:00Z = 2026-01-01 08:00 JST */
    report_date(&jst, NOW - 3600, b, sizeof b);
    CHECK_STR(a, "2025-12-31");
    CHECK_STR(b, "2026-01-01");
    report_datetime(&jst, NOW, a, sizeof a);
    CHECK_STR(a, "2026-01-01 09:00");
    report_date(&jst, 0, a, sizeof a);
    CHECK_STR(a, "");
    report_model_free(&utc);
    report_model_free(&jst);
    store_close(s);
    tmp_remove(&t);
}

/* ---- the model ---- */

static const ReportPerson *find(const ReportModel *m, const char *code)
{
    for (int i = 0; i < m->npeople; i++)
        if (strcmp(m->people[i].who.code, code) == 0)
            return &m->people[i];
    return NULL;
}

static void test_model_figures(void)
{
    Tmp t;
    Store *s = fill(&t);
    ReportModel m = model_of(s, NULL, 0);
    CHECK(m.npeople == NPEOPLE && !find(&m, "0099"));
    CHECK(m.lessons_offered == MEASURES && m.tests_offered == MEASURES);
    CHECK(m.measures[0].read == 3 && m.measures[0].passed == 1); /* 0042, 0001, 0011 */
    CHECK(m.measures[1].read == 3 && m.measures[1].passed == 2); /* 0042, 0009, 0011 */
    CHECK(m.measures[1].refreshers_due == 1);                    /* 0009 */
    CHECK(m.measures[2].read == 2 && m.measures[2].passed == 1); /* 0007 failed */
    CHECK(m.total.people == 8 && m.total.finished == 1 && m.total.late == 8);
    CHECK(m.total.lessons_read == 25 + 1 + 1 + 1 + 2 && m.total.tests_passed == 26);
    CHECK(m.total.followups_overdue == 3 && m.total.refreshers_due == 1); /* 0042 0009 0010 */
    CHECK(m.ndepartments == 4);
    CHECK(strcmp(m.departments[0].name, "IT") == 0 && m.departments[0].people == 3);
    int sum = 0;
    for (int i = 0; i < m.ndepartments; i++)
        sum += m.departments[i].people;
    CHECK(sum == m.total.people);
    CHECK(report_read_share(&m, &m.total) == 30.0 / 200.0);
    CHECK(report_share(1, 0) == 0.0);
    const ReportPerson *p = find(&m, "0042");
    CHECK(p && p->finished && p->progress.pledge.state == PLEDGE_SIGNED);
    p = find(&m, "0011");
    CHECK(p && !p->finished && p->lessons_left == 23 && p->tests_left == 25);
    CHECK(strcmp(m.company, "") == 0 && strcmp(m.content_version, content.version) == 0);
    CHECK(m.chain_checked && m.chain.ok && m.chain.count > 50 && strlen(m.chain.head) == 64);
    CHECK(!m.readiness.ready && m.readiness.nmissing == 7 && !m.readiness.president_signed);
    report_model_free(&m);
    CHECK(m.npeople == 0 && m.people == NULL);
    store_close(s);
    tmp_remove(&t);
}

/* Late = past a due date (the defaults: five-article course 30 days after joining, all 25
 * after 90; here a date for the five articles), most days past due first; every reason named. */
static void test_model_overdue_order(void)
{
    Tmp t;
    Err e = {{0}};
    Store *s = fill(&t);
    CHECK(store_set_setting(s, "five_due_date", "2025-12-20", NOW - 400 * DAY, &e));
    ReportModel m = model_of(s, NULL, 0);
    /* everyone unfinished: all 25 due 90 days after joining 500 days ago (since the same
     * moment, roster order); 0042 finished, a follow-up overdue ~99 days */
    static const char *const order[] = {"0012", "0010", "0011", "0007", "0008", "0009", "0001", "0042"};
    enum { BOTH = LATE_FIVE | LATE_ALL };
    static const unsigned reasons[] = {
        BOTH, BOTH | LATE_FOLLOWUP, BOTH, BOTH, BOTH, BOTH | LATE_FOLLOWUP | LATE_REFRESHER,
        BOTH, LATE_FOLLOWUP};
    CHECK(m.nlate == 8);
    for (int i = 0; i < m.nlate && i < 8; i++) {
        CHECK_STR(m.people[m.late[i].person].who.code, order[i]);
        CHECK(m.late[i].reasons == reasons[i]);
        CHECK(i == 7 || report_days_late(&m, &m.late[i]) == 410); /* due at the end of day 90 */
    }
    CHECK(report_days_late(&m, &m.late[7]) > 90 && report_days_late(&m, &m.late[7]) < 101);
    for (int i = 1; i < m.nlate; i++)
        CHECK(m.late[i - 1].since <= m.late[i].since);
    const ReportPerson *p = find(&m, "0011"); /* joined before the date: due on it */
    CHECK(p && p->five_due == NOW - 11 * DAY && p->all_due == NOW - 409 * DAY);
    CHECK(p->five_left == 10 - 2); /* five measures' lessons and tests; read lesson 1 and 2 */
    CHECK(p->minutes_left > 0);
    /* the one-star blockers: everyone but 0042 (0001 signed an old version), roster order */
    static const char *const blockers[] = {"0012", "0010", "0011", "0007", "0008", "0009", "0001"};
    CHECK(m.nblockers == 7);
    for (int i = 0; i < m.nblockers && i < 7; i++)
        CHECK_STR(m.people[m.blockers[i]].who.code, blockers[i]);
    report_model_free(&m);
    store_close(s);
    tmp_remove(&t);
}

/* Nobody is late on the day they join; the five-article course is late the day after its 30th
 * day (day 1), all 25 the day after the 90th; a person added after a due date counts days. */
static void test_model_due_dates(void)
{
    Tmp t;
    Err e = {{0}};
    Store *s = NULL;
    tmp_make(&t);
    CHECK(store_open(&s, t.db, &e));
    Employee rows[] = {person("0001", "新人 一郎", "シンジン イチロウ", "総務部", ROLE_EMPLOYEE)};
    CHECK(store_import_employees(s, rows, 1, NOW + 3600, NULL, &e)); /* 2026-01-01 01:00 UTC */
    ReportQuery q = {.now = NOW + 3600 * 5};
    ReportModel m;
    CHECK(report_model_build(s, &content, &q, &m, &e) && m.nlate == 0 && m.nblockers == 1);
    report_model_free(&m);
    q.now = NOW + 31 * DAY - 1; /* the 30th day after joining ends */
    CHECK(report_model_build(s, &content, &q, &m, &e) && m.nlate == 0);
    report_model_free(&m);
    q.now = NOW + 31 * DAY;
    CHECK(report_model_build(s, &content, &q, &m, &e) && m.nlate == 1 && m.late[0].reasons == LATE_FIVE &&
          report_days_late(&m, &m.late[0]) == 1);
    report_model_free(&m);
    q.now = NOW + 91 * DAY + 3 * DAY;
    CHECK(report_model_build(s, &content, &q, &m, &e) && m.nlate == 1 &&
          m.late[0].reasons == (LATE_FIVE | LATE_ALL) && report_days_late(&m, &m.late[0]) == 64);
    report_model_free(&m);
    /* a date before joining does not apply: the days do; with both days off, no deadline */
    CHECK(store_set_setting(s, "five_due_date", "2025-12-01", NOW, &e));
    CHECK(store_set_setting(s, "all_due_days", "0", NOW, &e));
    q.now = NOW + 20 * DAY;
    CHECK(report_model_build(s, &content, &q, &m, &e) && m.nlate == 0);
    CHECK(m.people[0].five_due == NOW + 31 * DAY && m.people[0].all_due == 0);
    report_model_free(&m);
    /* a date after joining applies, in the report's time zone (JST: the day ends 15:00 UTC) */
    CHECK(store_set_setting(s, "five_due_date", "2026-01-10", NOW, &e));
    q.tz_offset = 9 * 3600;
    CHECK(report_model_build(s, &content, &q, &m, &e) && m.nlate == 1 &&
          m.people[0].five_due == NOW + 10 * DAY - 9 * 3600 && report_days_late(&m, &m.late[0]) == 11);
    report_model_free(&m);
    store_close(s);
    tmp_remove(&t);
}

static bool slips_fn(const ReportModel *m, FILE *out, Err *e)
{
    return report_reminders(m, NULL, out, e);
}

/* A slip for each person late or blocking: what is due by when, what is left, escaped. */
static void test_reminder_slips(void)
{
    Tmp t;
    Err e = {{0}};
    Store *s = fill(&t);
    CHECK(store_set_setting(s, "five_due_date", "2025-12-20", NOW - 400 * DAY, &e));
    ReportModel m = model_of(s, NULL, 9 * 3600);
    char *html = written(&m, slips_fn, NULL);
    CHECK(report_reminder_count(&m) == 8); /* the 8 late; the 7 blockers are among them */
    CHECK(occurrences(html, "<section class=\"slip\">") == 8);
    CHECK(contains(html, "&lt;script&gt;alert(1)&lt;/script&gt; さん（IT）"));
    CHECK(
        contains(html, "5か条の講座: 期限 2025年12月20日（<span class=\"late\">12 日過ぎています</span>）"));
    CHECK(contains(html, "宣言書への署名") && !contains(html, "誓約")); /* blockers: one word, 宣言書 */
    CHECK(contains(html, "復習の問題"));                                /* 0042's overdue follow-ups */
    CHECK(contains(html, "かかる時間の目安: 約 ") && contains(html, "<b>0011</b>"));
    CHECK(!contains(html, "<script>"));
    free(html);
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    CHECK(report_reminders(&m, "0042", f, &e)); /* one person's slip */
    fclose(f);
    CHECK(occurrences(buf, "<section class=\"slip\">") == 1 && contains(buf, "山田 花子"));
    free(buf);
    f = open_memstream(&buf, &n);
    CHECK(!report_reminders(&m, "9999", f, &e) && contains(e.msg, "no active person with code '9999'"));
    fclose(f);
    free(buf);
    report_model_free(&m);
    store_close(s);
    tmp_remove(&t);
}

static void test_model_department(void)
{
    Tmp t;
    Store *s = fill(&t);
    ReportModel m = model_of(s, "営業部", 0);
    CHECK(m.npeople == 3 && m.ndepartments == 1 && m.total.people == 3);
    CHECK(strcmp(m.department, "営業部") == 0 && m.measures[2].read == 1);
    for (int i = 0; i < m.npeople; i++)
        CHECK_STR(m.people[i].who.department, "営業部");
    CHECK(m.readiness.people == NPEOPLE); /* readiness stays company-wide */
    char *csv = written(&m, report_csv, NULL);
    CHECK(contains(csv, "'+1") && !contains(csv, "山田") && !contains(csv, "<script>"));
    free(csv);
    report_model_free(&m);
    JVal json = json_report(s, "IT");
    CHECK(jget(&json, "employees")->n == 3);
    j_free(&json);
    m = model_of(s, "Nowhere", 0);
    CHECK(m.npeople == 0 && m.nlate == 0 && m.ndepartments == 0);
    char *html = written(&m, report_html, NULL);
    CHECK(contains(html, "No active employee to report on."));
    free(html);
    report_model_free(&m);
    store_close(s);
    tmp_remove(&t);
}

/* The screens' model (report_screen_query) has every figure they show, but neither the chain nor
 * the item statistics, which only the written reports show; the report's model has both. */
static void test_model_for_screens(void)
{
    Tmp t;
    Store *s = fill(&t);
    ReportModel full = model_of(s, NULL, 0), screen;
    Err e = {{0}};
    ReportQuery q = report_screen_query(NOW, 0);
    CHECK(report_model_build(s, &content, &q, &screen, &e));
    CHECK(full.chain_checked && full.items.nitems > 0 && full.items.attempts > 0);
    CHECK(!screen.chain_checked && screen.items.nitems == 0 && screen.items.attempts == 0);
    CHECK(screen.npeople == full.npeople && screen.nlate == full.nlate && screen.nblockers == full.nblockers);
    CHECK(memcmp(&screen.total, &full.total, sizeof full.total) == 0);
    for (int i = 0; i < full.npeople; i++)
        CHECK(memcmp(&screen.people[i].progress, &full.people[i].progress, sizeof(Progress)) == 0);
    report_model_free(&full);
    report_model_free(&screen);
    store_close(s);
    tmp_remove(&t);
}

/* A roster big enough that the lesson and test figures are read on a connection of their own
 * beside the answers (progress.c, from 1,000 people): everyone's progress is what progress_of
 * gives them one at a time. */
static void test_model_many_same_as_one(void)
{
    enum { MORE = 1100 };
    Tmp t;
    Err e = {{0}};
    Store *s = fill(&t);
    Employee *rows = xcalloc(MORE, sizeof *rows);
    char code[16];
    for (int i = 0; i < MORE; i++) {
        snprintf(code, sizeof code, "%d", 1000 + i);
        rows[i] = person(code, "多数 太郎", "タスウ タロウ", i % 2 ? "多数一課" : "多数二課", ROLE_EMPLOYEE);
    }
    CHECK(store_import_employees(s, rows, MORE, NOW - 300 * DAY, NULL, &e));
    free(rows);
    for (int i = 0; i < 40; i++) {
        snprintf(code, sizeof code, "%d", 1000 + i * 27);
        lesson(s, code, 1 + i % MEASURES, NOW - (100 - i) * DAY);
        attempt(s, code, i % 3 ? 1 + i % MEASURES : 0, i % 3, NOW - (90 - i) * DAY);
    }
    ReportQuery q = report_screen_query(NOW, 0);
    ReportModel m;
    ReportRules rules;
    CHECK(report_model_build(s, &content, &q, &m, &e) && m.npeople == NPEOPLE + MORE);
    CHECK(report_rules(s, &content, NOW, &rules, &e));
    int same = 0, active = 0;
    for (int i = 0; i < m.npeople; i++) {
        Progress one;
        CHECK(report_progress(s, &rules, m.people[i].who.code, &one, &e));
        same += memcmp(&one, &m.people[i].progress, sizeof one) == 0;
        active += m.people[i].progress.last_activity != 0;
    }
    CHECK(same == m.npeople);
    CHECK(active == 40 + 6); /* the figures were read at all: fill's six with a record, and these */
    report_model_free(&m);
    store_close(s);
    tmp_remove(&t);
}

static void test_model_without_content(void)
{
    Tmp t;
    Store *s = fill(&t);
    ReportModel m;
    Err e = {{0}};
    ReportQuery q = {.now = NOW};
    CHECK(report_model_build(s, NULL, &q, &m, &e));
    CHECK(m.lessons_offered == MEASURES && m.pledge_version == 0 && m.content_version[0] == '\0');
    CHECK(m.total.followups_overdue == 0); /* no questions: no follow-ups */
    char *html = written(&m, report_html, NULL);
    CHECK(contains(html, "the content has no pledge text"));
    free(html);
    report_model_free(&m);
    store_close(s);
    tmp_remove(&t);
}

static void test_model_unreadable_records(void)
{
    Tmp t;
    Store *s = fill(&t);
    sqlite3 *db;
    CHECK(sqlite3_open(t.db, &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "DROP TABLE settings", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    ReportModel m;
    Err e = {{0}};
    ReportQuery q = {.now = NOW};
    CHECK(!report_model_build(s, &content, &q, &m, &e));
    CHECK(contains(e.msg, "could not read the settings"));
    CHECK(m.people == NULL && m.npeople == 0);
    store_close(s);
    tmp_remove(&t);
}

/* ---- HTML ---- */

static void test_html_escapes_everything(void)
{
    Tmp t;
    Store *s = fill(&t);
    Err e = {{0}};
    Employee odd = person("0013", "x<b>", "", "<i>部</i>", ROLE_EMPLOYEE);
    CHECK(store_put_employee(s, &odd, NOW - DAY, &e));
    CHECK(store_set_setting(s, "company_name", "A&B <株>", NOW - DAY, &e));
    ReportModel m = model_of(s, NULL, 0);
    hostile(&m, "0013", "x\xff<b>", "\x01");
    char *html = written(&m, report_html, NULL);
    CHECK(contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;") && !contains(html, "<script"));
    CHECK(contains(html, "&amp;&quot;&#39;"));
    CHECK(contains(html, "x\xEF\xBF\xBD&lt;b&gt;") && !contains(html, "<b>x"));
    CHECK(!contains(html, "\xff"));
    CHECK(contains(html, "&lt;i&gt;部&lt;/i&gt;") && !contains(html, "<i>"));
    CHECK(contains(html, "<h1>A&amp;B &lt;株&gt; "));
    CHECK(!contains(html, "\x01"));
    char want[128];
    snprintf(want, sizeof want, "<span class=\"hash\">%s</span>", m.chain.head);
    CHECK(contains(html, want));
    CHECK(!contains(html, "://") && !contains(html, "src=") && !contains(html, "url(") &&
          !contains(html, "@import"));
    free(html);
    report_model_free(&m);
    store_close(s);
    tmp_remove(&t);
}

/* One way of writing a date for people, at the kiosk and in print (issue 18). */
static void test_date_words(void)
{
    char buf[40];
    civil_words(2026, 1, 5, true, true, buf, sizeof buf);
    CHECK(strcmp(buf, "2026年1月5日") == 0);
    civil_words(2026, 12, 5, true, false, buf, sizeof buf);
    CHECK(strcmp(buf, "12月5日") == 0);
    civil_words(2026, 12, 5, false, true, buf, sizeof buf);
    CHECK(strcmp(buf, "5 Dec 2026") == 0);
    civil_words(2026, 1, 31, false, false, buf, sizeof buf);
    CHECK(strcmp(buf, "31 Jan") == 0);
}

static void test_html_figures(void)
{
    Tmp t;
    Store *s = fill(&t);
    ReportModel m = model_of(s, NULL, 9 * 3600);
    char *html = written(&m, report_html, NULL);
    CHECK(contains(html, "<!DOCTYPE html>") && contains(html, "@page{size:A4"));
    CHECK(contains(html, "2026年1月1日 09:00")); /* the date, local, as people read dates */
    CHECK(!contains(html, "2026-01-01"));
    CHECK(contains(html, "対象者 <span class=\"en\">People</span><b>8</b>"));
    CHECK(contains(html, "<b>1 (13%)</b>")); /* finished: 1 of 8 */
    CHECK(contains(html, "<b>15%</b>"));     /* lessons: 30 of 200 */
    CHECK(contains(html, "× まだです"));     /* not ready */
    CHECK(contains(html, "<svg viewBox"));
    CHECK(contains(html, "470日 <span class=\"en\">days</span>")); /* five articles: 30 days after joining */
    CHECK(!contains(html, "never started"));
    CHECK(contains(html, "<td class=\"s-x\">再</td>")); /* 0009's measure 2 */
    CHECK(contains(html, "<td class=\"nw s-p\">署名 2025年10月3日</td>"));
    char want[160];
    snprintf(want, sizeof want, "%lld 件の記録のつながり（ハッシュの連鎖）を検証しました",
             (long long)m.chain.count);
    CHECK(contains(html, want));
    free(html);
    report_model_free(&m);
    store_close(s);
    tmp_remove(&t);
}

static void test_html_ready_and_broken_chain(void)
{
    Tmp t;
    Store *s = fill(&t);
    for (int i = 0; i < NPEOPLE; i++) {
        static const char *const codes[] = {"0042", "0001", "0007", "0008", "0009", "0010", "0011", "0012"};
        sign(s, codes[i], i == 1 ? PLEDGE_PRESIDENT : PLEDGE_EMPLOYEE, content.pledge->version, NOW - DAY);
    }
    ReportModel m = model_of(s, NULL, 0);
    char *html = written(&m, report_html, NULL);
    CHECK(m.readiness.ready && contains(html, "✓ 準備完了"));
    free(html);
    report_model_free(&m);
    sqlite3 *db;
    CHECK(sqlite3_open(t.db, &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "UPDATE events SET time = time + 1 WHERE seq = 3", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    m = model_of(s, NULL, 0);
    html = written(&m, report_html, NULL);
    CHECK(!m.chain.ok && m.chain.bad_seq == 3);
    CHECK(contains(html, "記録 3 に問題があります") && contains(html, "edited"));
    free(html);
    report_model_free(&m);
    Err e = {{0}};
    ReportQuery q = {.now = NOW, .skip_chain = true};
    CHECK(report_model_build(s, &content, &q, &m, &e) && !m.chain_checked);
    html = written(&m, report_html, NULL);
    CHECK(contains(html, "Not verified for this report.") && !contains(html, "class=\"hash\""));
    free(html);
    report_model_free(&m);
    store_close(s);
    tmp_remove(&t);
}

/* ---- XLSX: the zip's central directory, then zlib ---- */

static unsigned le16(const unsigned char *p)
{
    return p[0] | (unsigned)p[1] << 8;
}

static unsigned long le32(const unsigned char *p)
{
    return le16(p) | (unsigned long)le16(p + 2) << 16;
}

static char *inflate_raw(const unsigned char *data, unsigned long size, unsigned long out_size)
{
    char *out = xmalloc(out_size + 1);
    z_stream z = {0};
    z.next_in = (unsigned char *)data, z.avail_in = (uInt)size;
    z.next_out = (unsigned char *)out, z.avail_out = (uInt)out_size;
    bool ok = inflateInit2(&z, -MAX_WBITS) == Z_OK && inflate(&z, Z_FINISH) == Z_STREAM_END;
    inflateEnd(&z);
    if (!ok || z.total_out != out_size) {
        free(out);
        return NULL;
    }
    out[out_size] = '\0';
    return out;
}

/* The member `name` of the zip in zip[0..len), inflated (heap), or NULL. */
static char *zip_member(const unsigned char *zip, size_t len, const char *name)
{
    size_t eocd = len >= 22 ? len - 22 : 0;
    while (eocd > 0 && le32(zip + eocd) != 0x06054b50)
        eocd--;
    if (len < 22 || le32(zip + eocd) != 0x06054b50)
        return NULL;
    size_t at = le32(zip + eocd + 16);
    for (unsigned i = 0; i < le16(zip + eocd + 10) && at + 46 <= len; i++) {
        const unsigned char *c = zip + at;
        unsigned nlen = le16(c + 28);
        if (le32(c) != 0x02014b50)
            return NULL;
        if (nlen == strlen(name) && memcmp(c + 46, name, nlen) == 0) {
            const unsigned char *l = zip + le32(c + 42);
            const unsigned char *data = l + 30 + le16(l + 26) + le16(l + 28);
            if (le16(c + 10) != 0) /* deflated */
                return inflate_raw(data, le32(c + 20), le32(c + 24));
            char *copy = xmalloc(le32(c + 24) + 1); /* stored */
            memcpy(copy, data, le32(c + 24));
            copy[le32(c + 24)] = '\0';
            return copy;
        }
        at += 46 + nlen + le16(c + 30) + le16(c + 32);
    }
    return NULL;
}

/* The index of `text` among the shared strings, or -1. */
static int shared_string(const char *sst, const char *text)
{
    char want[256];
    snprintf(want, sizeof want, "<t>%s</t>", text);
    int i = 0;
    for (const char *p = sst; (p = strstr(p, "<si>")); p += 4, i++)
        if (strncmp(strstr(p, "<t"), want, strlen(want)) == 0)
            return i;
    return -1;
}

/* A workbook written while the chain is still being checked (report_xlsx_chain_last, as
 * `mamori report --format xlsx` writes it) is the one report_xlsx wrote at `made` from a model
 * built after the check: every part the same (when streamed the summary is filled last, so the
 * styles must be numbered as when it comes first), and the chain's result is in the model. */
static void same_when_chain_last(Store *s, const char *dir, const char *made)
{
    static const char *const PARTS[] = {"xl/workbook.xml",          "xl/styles.xml",
                                        "xl/sharedStrings.xml",     "xl/worksheets/sheet1.xml",
                                        "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml",
                                        "xl/worksheets/sheet4.xml", "xl/worksheets/sheet5.xml",
                                        "xl/worksheets/sheet6.xml"};
    ReportModel m;
    Err e = {{0}};
    ReportQuery q = {.now = NOW, .tz_offset = 9 * 3600, .chain_later = true};
    char path[200];
    snprintf(path, sizeof path, "%s/chain-last.xlsx", dir);
    CHECK(report_model_build(s, &content, &q, &m, &e) && report_xlsx_chain_last(&m, path, &e));
    CHECK(!m.chain_pending && m.chain_checked && m.chain.ok && m.chain.count > 0);
    size_t la, lb;
    unsigned char *a = (unsigned char *)file_text(made, &la), *b = (unsigned char *)file_text(path, &lb);
    for (size_t i = 0; a && b && i < sizeof PARTS / sizeof *PARTS; i++) {
        char *pa = zip_member(a, la, PARTS[i]), *pb = zip_member(b, lb, PARTS[i]);
        if (!(pa ? pb && strcmp(pa, pb) == 0 : !pb))
            fprintf(stderr, "chain last: %s differs\n", PARTS[i]);
        CHECK(pa ? pb && strcmp(pa, pb) == 0 : !pb);
        free(pa), free(pb);
    }
    free(a), free(b);
    report_model_free(&m);
}

static void test_xlsx(void)
{
    Tmp t;
    Store *s = fill(&t);
    ReportModel m = model_of(s, NULL, 9 * 3600);
    char path[200];
    Err e = {{0}};
    snprintf(path, sizeof path, "%s/report.xlsx", t.dir);
    int before = dir_entries(t.dir);
    CHECK(report_xlsx(&m, path, &e));
    CHECK(dir_entries(t.dir) == before + 1); /* no temporary file left */
    size_t len;
    unsigned char *zip = (unsigned char *)file_text(path, &len);
    CHECK(zip && len > 100 && memcmp(zip, "PK\x03\x04", 4) == 0);
    char *book = zip_member(zip, len, "xl/workbook.xml");
    char *people = zip_member(zip, len, "xl/worksheets/sheet2.xml");
    char *sst = zip_member(zip, len, "xl/sharedStrings.xml");
    char *styles = zip_member(zip, len, "xl/styles.xml");
    CHECK(book && people && sst && styles);
    CHECK(contains(book, "name=\"概要 Summary\"") && contains(book, "name=\"社員 People\"") &&
          contains(book, "name=\"対策 Measures\"") && contains(book, "name=\"部署 Departments\"") &&
          contains(book, "name=\"期限超過 Overdue\""));
    char cell[64];
    snprintf(cell, sizeof cell, "t=\"s\"><v>%d</v>", shared_string(sst, "0042"));
    CHECK(shared_string(sst, "0042") >= 0 && contains(people, cell)); /* a string: "0042" */
    CHECK(contains(people, "state=\"frozen\"") && contains(people, "ySplit=\"1\""));
    CHECK(contains(people, "<col min=\"1\" max=\"1\" width="));
    CHECK(contains(styles, "formatCode=\"yyyy-mm-dd\"") &&
          contains(styles, "formatCode=\"&quot;合 &quot;yyyy-mm-dd\""));
    CHECK(shared_string(sst, "&lt;script&gt;alert(1)&lt;/script&gt;") >= 0);
    CHECK(shared_string(sst, "=cmd|' /C calc'!A0") >= 0 && !contains(people, "<f>"));
    for (int i = 3; i <= 5; i++) {
        char name[40];
        snprintf(name, sizeof name, "xl/worksheets/sheet%d.xml", i);
        char *sheet = zip_member(zip, len, name);
        CHECK(contains(sheet, "state=\"frozen\""));
        free(sheet);
    }
    free(book), free(people), free(sst), free(styles), free(zip);
    report_model_free(&m);
    same_when_chain_last(s, t.dir, path);
    store_close(s);
    tmp_remove(&t);
}

/* Sample people in the workbook: a row of the summary says how many, and a last column of the
 * people sheet marks each; without them neither is there. */
static void test_xlsx_says_samples(void)
{
    Tmp t;
    Store *s = fill(&t);
    Err e = {{0}};
    char path[200];
    snprintf(path, sizeof path, "%s/report.xlsx", t.dir);
    for (int round = 0; round < 2; round++) {
        if (round == 1)
            CHECK(demo_add(s, NOW, &e));
        ReportModel m = model_of(s, NULL, 9 * 3600);
        CHECK(report_xlsx(&m, path, &e));
        size_t len = 0;
        unsigned char *zip = (unsigned char *)file_text(path, &len);
        char *sst = zip_member(zip, len, "xl/sharedStrings.xml");
        char *people = zip_member(zip, len, "xl/worksheets/sheet2.xml");
        bool said = shared_string(sst, "見本の人（デモ）が 8 人含まれています includes 8 sample people") >= 0;
        bool column = shared_string(sst, "見本の人を含みます\nIncludes sample people") >= 0 &&
                      shared_string(sst, "見本 sample") >= 0;
        CHECK(said == (round == 1) && column == (round == 1));
        CHECK(!round || contains(people, "<c r=\"AL1\"")); /* column 38: after the 25 measures */
        free(sst), free(people), free(zip);
        report_model_free(&m);
    }
    store_close(s);
    tmp_remove(&t);
}

/* From 1,000 people on the workbook is written row by row (constant_memory): the same sheets,
 * every person in their row, text inline instead of shared, widths and the frozen header kept. */
static void test_xlsx_many(void)
{
    enum { N = 1000 };
    Tmp t;
    Err e = {{0}};
    Store *s = NULL;
    tmp_make(&t);
    CHECK(store_open(&s, t.db, &e));
    Employee *rows = calloc(N, sizeof *rows);
    for (int i = 0; i < N; i++) {
        char code[16], name[32];
        snprintf(code, sizeof code, "%05d", i + 1);
        snprintf(name, sizeof name, "社員 %d <&>", i + 1);
        rows[i] = person(code, name, "シャイン", i % 2 ? "営業部" : "総務部", ROLE_EMPLOYEE);
    }
    CHECK(store_import_employees(s, rows, N, NOW - 500 * DAY, NULL, &e));
    free(rows);
    lesson(s, "00007", 3, NOW - 5 * DAY);
    ReportModel m = model_of(s, NULL, 9 * 3600);
    char path[200];
    snprintf(path, sizeof path, "%s/many.xlsx", t.dir);
    CHECK(m.npeople == N && report_xlsx(&m, path, &e));
    size_t len;
    unsigned char *zip = (unsigned char *)file_text(path, &len);
    char *book = zip ? zip_member(zip, len, "xl/workbook.xml") : NULL;
    char *people = zip ? zip_member(zip, len, "xl/worksheets/sheet2.xml") : NULL;
    CHECK(book && people && contains(book, "name=\"社員 People\"") && contains(book, "name=\"自社診断\""));
    CHECK(contains(people, "t=\"inlineStr\"") && contains(people, "<t>00007</t>"));
    CHECK(contains(people, "<t>社員 1000 &lt;&amp;&gt;</t>") && contains(people, "<row r=\"1001\""));
    CHECK(contains(people, "state=\"frozen\"") && contains(people, "<col min=\"1\" max=\"1\" width="));
    free(book), free(people), free(zip);
    report_model_free(&m);
    same_when_chain_last(s, t.dir, path);
    store_close(s);
    tmp_remove(&t);
}

/* ---- files, whole or not at all ---- */

static void test_save_every_format(void)
{
    Tmp t;
    Store *s = fill(&t);
    ReportModel m = model_of(s, NULL, 0);
    Err e = {{0}};
    static const ReportFormat formats[] = {REPORT_CSV, REPORT_HTML, REPORT_XLSX};
    for (int i = 0; i < 3; i++) {
        char path[200];
        snprintf(path, sizeof path, "%s/r.%s", t.dir, report_format_name(formats[i]));
        CHECK(report_save(&m, formats[i], path, &e));
        struct stat st;
        CHECK(stat(path, &st) == 0 && st.st_size > 100 && (st.st_mode & 0777) == 0600);
        snprintf(path, sizeof path, "/tmp/mamori-no-such-dir/r.%s", report_format_name(formats[i]));
        CHECK(!report_save(&m, formats[i], path, &e));
        CHECK(contains(e.msg, "cannot write /tmp/mamori-no-such-dir/r.") &&
              contains(e.msg, "No such file or directory"));
    }
    char sub[200];
    snprintf(sub, sizeof sub, "%s/a-directory", t.dir);
    CHECK(mkdir(sub, 0755) == 0);
    int before = dir_entries(t.dir);
    CHECK(!report_save(&m, REPORT_XLSX, sub, &e) && contains(e.msg, "cannot write"));
    CHECK(!report_save(&m, REPORT_CSV, sub, &e) && contains(e.msg, "Is a directory"));
    CHECK(dir_entries(t.dir) == before); /* the temporary files are gone */
    CHECK(!report_save(&m, REPORT_JSON, sub, &e) && contains(e.msg, "made from the records"));
    report_model_free(&m);
    store_close(s);
    tmp_remove(&t);
}

static void test_full_disk(void)
{
    Tmp t;
    Store *s = fill(&t);
    ReportModel m = model_of(s, NULL, 0);
    Err e = {{0}};
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        CHECK(!report_csv(&m, full, &e) && contains(e.msg, "could not write the report"));
        clearerr(full);
        e.msg[0] = '\0';
        CHECK(!report_html(&m, full, &e) && contains(e.msg, "could not write the report"));
        fclose(full);
    }
    report_model_free(&m);
    store_close(s);
    tmp_remove(&t);
}

static void test_format_names_and_offset(void)
{
    ReportFormat f;
    static const char *const names[] = {"json", "csv", "html", "xlsx"};
    for (int i = 0; i < 4; i++)
        CHECK(report_format_parse(names[i], &f) && strcmp(report_format_name(f), names[i]) == 0);
    CHECK(!report_format_parse("XLSX", &f) && !report_format_parse("pdf", &f) &&
          !report_format_parse(NULL, &f));
    const char *old = getenv("TZ");
    char *saved = old ? xstrdup(old) : NULL;
    setenv("TZ", "Asia/Tokyo", 1);
    CHECK(report_local_offset(NOW) == 9 * 3600);
    setenv("TZ", "UTC", 1);
    CHECK(report_local_offset(NOW) == 0);
    setenv("TZ", "America/New_York", 1);
    CHECK(report_local_offset(NOW) == -5 * 3600);
    if (saved)
        setenv("TZ", saved, 1);
    else
        unsetenv("TZ");
    tzset();
    free(saved);
}

/* ---- mamori report ---- */

typedef struct {
    int status;
    char out[1 << 16], err[8192];
} Ran;

static void slurp(FILE *f, char *buf, size_t size)
{
    rewind(f);
    size_t n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
    fclose(f);
}

/* argv after the verb (at most 6, NULL-terminated). */
static Ran *report_cli(const char *db, const char *const args[])
{
    static Ran r; /* large: kept off the stack */
    char *argv[8] = {"report"};
    int argc = 1;
    while (argc < 7 && args[argc - 1])
        argv[argc] = (char *)args[argc - 1], argc++;
    fflush(stdout);
    fflush(stderr);
    FILE *out = tmpfile(), *err = tmpfile();
    int saved_out = dup(1), saved_err = dup(2);
    dup2(fileno(out), 1);
    dup2(fileno(err), 2);
    CliContext cx = {.db = db, .content = &content, .now = NOW};
    r.status = cli_report(&cx, argc, argv);
    fflush(stdout);
    fflush(stderr);
    dup2(saved_out, 1);
    dup2(saved_err, 2);
    close(saved_out);
    close(saved_err);
    slurp(out, r.out, sizeof r.out);
    slurp(err, r.err, sizeof r.err);
    return &r;
}

static void test_cli_formats(void)
{
    Tmp t;
    store_close(fill(&t));
    Ran *r = report_cli(t.db, (const char *[]){"--format", "csv", NULL});
    CHECK(r->status == 0 &&
          strncmp(r->out,
                  "\xEF\xBB\xBF"
                  "code,",
                  6) == 0 &&
          !r->err[0]);
    r = report_cli(t.db, (const char *[]){"--format=html", "--department", "IT", NULL});
    CHECK(r->status == 0 && contains(r->out, "&lt;script&gt;") &&
          !contains(r->out, "山田 花子")); /* her name; a question may name a 山田 */
    r = report_cli(t.db, (const char *[]){"--format", "json", "--department=営業部", NULL});
    CHECK(r->status == 0 && contains(r->out, "\"0008\"") && !contains(r->out, "\"0042\""));
    char out[200];
    static const char *const formats[] = {"csv", "html", "xlsx", "json"};
    for (int i = 0; i < 4; i++) {
        snprintf(out, sizeof out, "%s/report.%s", t.dir, formats[i]);
        int before = dir_entries(t.dir);
        r = report_cli(t.db, (const char *[]){"--format", formats[i], "--out", out, NULL});
        CHECK(r->status == 0 && !r->out[0] && !r->err[0]);
        CHECK(dir_entries(t.dir) == before + 1);
    }
    size_t len;
    snprintf(out, sizeof out, "%s/report.xlsx", t.dir);
    char *xlsx = file_text(out, &len);
    CHECK(xlsx && len > 1000 && memcmp(xlsx, "PK", 2) == 0);
    free(xlsx);
    tmp_remove(&t);
}

static void test_cli_usage_and_departments(void)
{
    Tmp t;
    store_close(fill(&t));
    Ran *r = report_cli(t.db, (const char *[]){"--format", "xlsx", NULL});
    CHECK(r->status == 2 && contains(r->err, "the xlsx format needs --out FILE"));
    r = report_cli(t.db, (const char *[]){"--department", NULL});
    CHECK(r->status == 2 && contains(r->err, "--department needs a department name"));
    r = report_cli(t.db, (const char *[]){"--department=", NULL});
    CHECK(r->status == 2 && contains(r->err, "--department needs a department name"));
    r = report_cli(t.db, (const char *[]){"--format", "ods", NULL});
    CHECK(r->status == 2 && contains(r->err, "unknown format 'ods'"));
    r = report_cli(t.db, (const char *[]){"--department", "Nowhere", "--format", "csv", NULL});
    CHECK(r->status == 1 && !r->out[0]);
    CHECK_STR(r->err, "mamori: report: no active employee in department 'Nowhere' (there are:"
                      " 'IT', '営業部', '役員', '総務部')\n");
    r = report_cli(t.db, (const char *[]){"--help", NULL});
    CHECK(r->status == 0 && contains(r->out, "--department D") && contains(r->out, "xlsx"));
    char out[200];
    snprintf(out, sizeof out, "%s/no-such-dir/r.html", t.dir);
    r = report_cli(t.db, (const char *[]){"--format", "html", "--out", out, NULL});
    CHECK(r->status == 1 && contains(r->err, "cannot write") && contains(r->err, "No such file"));
    tmp_remove(&t);
    tmp_make(&t);
    r = report_cli(t.db, (const char *[]){"--department", "IT", NULL}); /* no database yet */
    CHECK(r->status == 1 && contains(r->err, "there is no database at"));
    Store *empty;
    Err e = {{0}};
    CHECK(store_open(&empty, t.db, &e));
    store_close(empty);
    r = report_cli(t.db, (const char *[]){"--department", "IT", NULL}); /* an empty one */
    CHECK(r->status == 1 && contains(r->err, "(there are: none)"));
    tmp_remove(&t);
}

int main(void)
{
    ErrList errs = {0};
    if (!content_load(&content, "content", &errs) || !content.pledge) {
        fprintf(stderr, "content/: %s\n", errs.nmsgs ? errs.msgs[0] : "no pledge");
        errlist_free(&errs);
        return 1;
    }
    static Pledge newer; /* one version after the shipped text, so that an older one exists */
    newer = *content.pledge;
    newer.version++;
    content.pledge = &newer;
    RUN(test_csv_matches_json);
    RUN(test_csv_states_in_english);
    RUN(test_csv_says_samples);
    RUN(test_csv_bom_crlf_quoting);
    RUN(test_csv_formulas_neutralised);
    RUN(test_csv_local_dates);
    RUN(test_model_figures);
    RUN(test_model_overdue_order);
    RUN(test_model_due_dates);
    RUN(test_reminder_slips);
    RUN(test_model_department);
    RUN(test_model_for_screens);
    RUN(test_model_many_same_as_one);
    RUN(test_model_without_content);
    RUN(test_model_unreadable_records);
    RUN(test_html_escapes_everything);
    RUN(test_date_words);
    RUN(test_html_figures);
    RUN(test_html_ready_and_broken_chain);
    RUN(test_xlsx);
    RUN(test_xlsx_says_samples);
    RUN(test_xlsx_many);
    RUN(test_save_every_format);
    RUN(test_full_disk);
    RUN(test_format_names_and_offset);
    RUN(test_cli_formats);
    RUN(test_cli_usage_and_departments);
    content_free(&content);
    return TEST_END();
}
