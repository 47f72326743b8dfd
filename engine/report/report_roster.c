/* report_roster.c — the roster as an Excel CSV (see report_roster.h). */
#include "report_roster.h"
#include "atomic_file.h"
#include "report_csv.h"

#include <stdlib.h>

enum { ROSTER_COLS = 7 };
static const char *const HEAD[ROSTER_COLS] = {"code", "name", "kana", "department", "role", "lang", "active"};

static void person_cells(const Employee *p, const char *cells[ROSTER_COLS])
{
    cells[0] = p->code, cells[1] = p->name, cells[2] = p->kana, cells[3] = p->department;
    cells[4] = store_role_name(p->role), cells[5] = store_lang_name(p->lang);
    cells[6] = p->active ? "yes" : "no";
}

static void row(FILE *out, const char *const cells[], int ncols)
{
    for (int c = 0; c < ncols; c++) {
        if (c)
            fputc(',', out);
        report_csv_cell(out, cells[c]);
    }
    fputs("\r\n", out);
}

void report_roster_csv(FILE *out, const Employee *people, int n, bool with_active)
{
    int ncols = with_active ? ROSTER_COLS : ROSTER_COLS - 1;
    fputs("\xEF\xBB\xBF", out);
    row(out, HEAD, ncols);
    for (int i = 0; i < n; i++) {
        const char *cells[ROSTER_COLS];
        person_cells(&people[i], cells);
        row(out, cells, ncols);
    }
}

typedef struct {
    const Employee *people;
    int n;
} RosterJob;

static bool write_job(FILE *out, const void *arg, Err *e)
{
    const RosterJob *j = arg;
    (void)e;
    report_roster_csv(out, j->people, j->n, true);
    return true;
}

bool report_roster_save(Store *s, const char *path, int *count, Err *e)
{
    Employee *people;
    int n;
    if (!store_list_employees(s, true, &people, &n, e))
        return false;
    RosterJob job = {people, n};
    bool ok = atomic_write_stream(path, write_job, &job, e);
    free(people);
    if (ok && count)
        *count = n;
    return ok;
}
