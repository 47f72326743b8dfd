/* report_roster.c — the roster as an Excel CSV (see report_roster.h). */
#include "report_roster.h"
#include "atomic_file.h"
#include "report_csv.h"

#include <stdlib.h>

enum { ROSTER_COLS = 8 };
static const char *const HEAD[2][ROSTER_COLS] = {
    {"code", "name", "kana", "department", "department_kana", "role", "lang", "active"},
    {"社員番号", "氏名", "フリガナ", "部署", "部署よみ", "役割", "言語", "有効"}};

static void person_cells(const Employee *p, CsvStyle style, const char *cells[ROSTER_COLS])
{
    bool ja = style == CSV_PEOPLE_JA;
    cells[0] = p->code, cells[1] = p->name, cells[2] = p->kana, cells[3] = p->department;
    cells[4] = p->department_kana, cells[5] = report_csv_role(style, p->role);
    cells[6] = ja ? (p->lang == LANG_EN ? "英語" : "日本語") : store_lang_name(p->lang);
    cells[7] = ja ? (p->active ? "はい" : "いいえ") : p->active ? "yes" : "no";
}

/* A row; with code_as_text the first cell (the code) is kept as text for Excel. */
static void row(FILE *out, const char *const cells[], int ncols, bool code_as_text)
{
    for (int c = 0; c < ncols; c++) {
        if (c)
            fputc(',', out);
        if (c == 0 && code_as_text)
            report_csv_code(out, cells[c]);
        else
            report_csv_cell(out, cells[c]);
    }
    fputs("\r\n", out);
}

void report_roster_csv(FILE *out, const Employee *people, int n, bool with_active, CsvStyle style)
{
    int ncols = with_active ? ROSTER_COLS : ROSTER_COLS - 1;
    fputs("\xEF\xBB\xBF", out);
    row(out, HEAD[style == CSV_PEOPLE_JA], ncols, false);
    for (int i = 0; i < n; i++) {
        const char *cells[ROSTER_COLS];
        person_cells(&people[i], style, cells);
        row(out, cells, ncols, style != CSV_PLAIN);
    }
}

typedef struct {
    const Employee *people;
    int n;
    CsvStyle style;
} RosterJob;

static bool write_job(FILE *out, const void *arg, Err *e)
{
    const RosterJob *j = arg;
    (void)e;
    report_roster_csv(out, j->people, j->n, true, j->style);
    return true;
}

bool report_roster_save(Store *s, const char *path, CsvStyle style, int *count, Err *e)
{
    Employee *people;
    int n;
    if (!store_list_employees(s, true, &people, &n, e))
        return false;
    RosterJob job = {people, n, style};
    bool ok = atomic_write_stream(path, write_job, &job, e);
    free(people);
    if (ok && count)
        *count = n;
    return ok;
}
