/* report_csv.c — the CSV report: a header row, then one row per person of the model. */
#include "report_csv.h"
#include "utf8.h"

#include <errno.h>
#include <string.h>

static const char *const HEAD_BEFORE[] = {"code", "name", "kana", "department", "role", "pledge"};
static const char *const HEAD_AFTER[] = {"lessons_read",      "tests_passed",   "followups_due",
                                         "followups_overdue", "refreshers_due", "last_activity"};

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

static void csv_head(FILE *out)
{
    fputs("\xEF\xBB\xBF", out); /* the BOM: Excel then reads UTF-8 */
    for (size_t i = 0; i < sizeof HEAD_BEFORE / sizeof *HEAD_BEFORE; i++)
        cell(out, HEAD_BEFORE[i], i == 0);
    for (int m = 1; m <= MEASURES; m++)
        fprintf(out, ",m%d", m);
    for (size_t i = 0; i < sizeof HEAD_AFTER / sizeof *HEAD_AFTER; i++)
        cell(out, HEAD_AFTER[i], false);
    fputs("\r\n", out);
}

static void measure_cell(FILE *out, const ReportModel *m, const MeasureStatus *ms)
{
    int64_t when;
    char state = report_state(ms, &when), date[32];
    report_date(m, when, date, sizeof date);
    if (state == 'n')
        fprintf(out, ",%s", report_state_word(state));
    else
        fprintf(out, ",%s %s", report_state_word(state), date);
}

static void pledge_cell(FILE *out, const ReportModel *m, const Progress *pr)
{
    int64_t when;
    char state = report_pledge(pr, &when), date[32];
    report_date(m, when, date, sizeof date);
    if (state == 'n')
        fprintf(out, ",%s", report_pledge_word(state));
    else
        fprintf(out, ",%s %s", report_pledge_word(state), date);
}

static void csv_row(FILE *out, const ReportModel *m, const ReportPerson *p)
{
    const Progress *pr = &p->progress;
    char last[32];
    cell(out, p->who.code, true);
    cell(out, p->who.name, false);
    cell(out, p->who.kana, false);
    cell(out, p->who.department, false);
    cell(out, store_role_name(p->who.role), false);
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
    fputs("\r\n", out);
}

bool report_csv(const ReportModel *m, FILE *out, Err *e)
{
    errno = 0;
    csv_head(out);
    for (int i = 0; i < m->npeople; i++)
        csv_row(out, m, &m->people[i]);
    if (fflush(out) != 0 || ferror(out))
        return err_set(e, "could not write the report: %s", strerror(errno ? errno : EIO));
    return true;
}
