/* report_csv.c — the CSV report: a header row, then one row per person of the model. */
#include "report_csv.h"
#include "demo.h"
#include "utf8.h"

#include <errno.h>
#include <string.h>

enum { NBEFORE = 6, NAFTER = 6 };
static const char *const HEAD_BEFORE[2][NBEFORE] = {
    {"code", "name", "kana", "department", "role", "pledge"},
    {"社員番号", "氏名", "フリガナ", "部署", "役割", "宣言書"}};
static const char *const HEAD_AFTER[2][NAFTER] = {
    {"lessons_read", "tests_passed", "followups_due", "followups_overdue", "refreshers_due", "last_activity"},
    {"既読レッスン数", "合格テスト数", "フォローアップ期限", "フォローアップ遅れ", "復習期限", "最終活動日"}};
static const char *const ROLES_JA[] = {"社員", "管理者", "社長"};

const char *report_csv_role(CsvStyle style, Role r)
{
    return style == CSV_PEOPLE_JA && (unsigned)r <= ROLE_PRESIDENT ? ROLES_JA[r] : store_role_name(r);
}

void report_csv_code(FILE *out, const char *code)
{
    bool plain = code[0] != '\0';
    for (const char *c = code; *c && plain; c++)
        plain = (*c >= '0' && *c <= '9') || (*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || *c == '-';
    if (plain)
        fprintf(out, "\"=\"\"%s\"\"\"", code);
    else
        report_csv_cell(out, code);
}

/* Could a spreadsheet read this cell as a formula (or strip what starts it)? */
static bool starts_formula(const char *s)
{
    static const char *const WIDE[] = {"\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D",
                                       "\xEF\xBC\xA0"}; /* ＝ ＋ － ＠ */
    if (s[0] && strchr("=+-@\t\r", s[0]))
        return true;
    for (size_t i = 0; i < sizeof WIDE / sizeof *WIDE; i++)
        if (strncmp(s, WIDE[i], 3) == 0)
            return true;
    return false;
}

/* s with " doubled and each byte that is not UTF-8 as U+FFFD. */
static void cell_bytes(FILE *out, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t left = n - i;
        int len = utf8_decode(s + i, left > 4 ? 4 : (int)left, &cp);
        if (len < 0) {
            fputs("\xEF\xBF\xBD", out);
            i++;
            continue;
        }
        if (s[i] == '"')
            fputc('"', out);
        fwrite(s + i, 1, (size_t)len, out);
        i += (size_t)len;
    }
}

void report_csv_cell(FILE *out, const char *s)
{
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        fputc('"', out);
    if (starts_formula(s))
        fputc('\'', out);
    cell_bytes(out, s);
    if (quote)
        fputc('"', out);
}

static void cell(FILE *out, const char *s, bool first)
{
    if (!first)
        fputc(',', out);
    report_csv_cell(out, s);
}

static void int_cell(FILE *out, int v)
{
    fprintf(out, ",%d", v);
}

/* The last column's heading and a sample person's cell in it, there only when the model holds
 * sample people (demo.h): the file says so in its first row, and which rows they are. */
static const char *const SAMPLE_HEAD[2] = {"includes sample people", "見本の人を含みます"};
static const char *const SAMPLE_CELL[2] = {"sample", "見本"};

static void csv_head(FILE *out, CsvStyle style, bool samples)
{
    int ja = style == CSV_PEOPLE_JA;
    fputs("\xEF\xBB\xBF", out); /* the BOM: Excel then reads UTF-8 */
    for (int i = 0; i < NBEFORE; i++)
        cell(out, HEAD_BEFORE[ja][i], i == 0);
    for (int m = 1; m <= MEASURES; m++)
        fprintf(out, ja ? ",対策%d" : ",m%d", m);
    for (int i = 0; i < NAFTER; i++)
        cell(out, HEAD_AFTER[ja][i], false);
    if (samples)
        cell(out, SAMPLE_HEAD[ja], false);
    fputs("\r\n", out);
}

/* A measure's state (report_state) in the CSV's language: English for CSV_PEOPLE_EN, else the
 * Japanese words the command line has always written. */
static const char *state_word(CsvStyle style, char state)
{
    if (style != CSV_PEOPLE_EN)
        return report_state_word(state);
    return state == 'p' ? "passed" : state == 'r' ? "read" : "not started";
}

/* The pledge's state (report_pledge) in the CSV's language, as state_word. */
static const char *pledge_word(CsvStyle style, char state)
{
    if (style != CSV_PEOPLE_EN)
        return report_pledge_word(state);
    return state == 's' ? "signed" : state == 'o' ? "old version" : "not signed";
}

/* ",WORD" or ",WORD YYYY-MM-DD" (the date when there is one). */
static void state_cell(FILE *out, const ReportModel *m, const char *word, char state, int64_t when)
{
    char date[32];
    report_date(m, when, date, sizeof date);
    if (state == 'n')
        fprintf(out, ",%s", word);
    else
        fprintf(out, ",%s %s", word, date);
}

static void measure_cell(FILE *out, const ReportModel *m, const MeasureStatus *ms)
{
    int64_t when;
    char state = report_state(ms, &when);
    state_cell(out, m, state_word(m->csv, state), state, when);
}

static void pledge_cell(FILE *out, const ReportModel *m, const Progress *pr)
{
    int64_t when;
    char state = report_pledge(pr, &when);
    state_cell(out, m, pledge_word(m->csv, state), state, when);
}

static void csv_row(FILE *out, const ReportModel *m, const ReportPerson *p)
{
    const Progress *pr = &p->progress;
    char last[32];
    if (m->csv == CSV_PLAIN)
        cell(out, p->who.code, true);
    else
        report_csv_code(out, p->who.code);
    cell(out, p->who.name, false);
    cell(out, p->who.kana, false);
    cell(out, p->who.department, false);
    cell(out, report_csv_role(m->csv, p->who.role), false);
    pledge_cell(out, m, pr);
    for (int i = 0; i < MEASURES; i++)
        measure_cell(out, m, &pr->measures[i]);
    int_cell(out, pr->lessons_read);
    int_cell(out, pr->tests_passed);
    int_cell(out, pr->followup_due);
    int_cell(out, pr->followup_overdue);
    int_cell(out, pr->refreshers_due);
    report_date(m, pr->last_activity, last, sizeof last);
    cell(out, last, false);
    if (m->ndemo)
        cell(out, demo_is(&p->who) ? SAMPLE_CELL[m->csv == CSV_PEOPLE_JA] : "", false);
    fputs("\r\n", out);
}

bool report_csv(const ReportModel *m, FILE *out, Err *e)
{
    errno = 0;
    csv_head(out, m->csv, m->ndemo > 0);
    for (int i = 0; i < m->npeople; i++)
        csv_row(out, m, &m->people[i]);
    if (fflush(out) != 0 || ferror(out))
        return err_set(e, "could not write the report: %s", strerror(errno ? errno : EIO));
    return true;
}
