/* report_xlsx.c — the Excel workbook. A Sheet wraps one worksheet: every cell goes through
 * put_* so that text is cleaned, column widths follow the widest cell, and the first
 * libxlsxwriter error is kept (and reported once the workbook is closed). */
#include "report_xlsx.h"
#include "atomic_file.h"
#include "demo.h"
#include "utf8.h"

#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

enum { MAX_COLS = 40, PEOPLE_MEASURE_COL = 12, A4 = 9 };

/* From this many people on, the workbook is written in libxlsxwriter's constant_memory mode:
 * each row goes to a temporary file once the next one starts, text as inline strings, so memory
 * stays flat (10,000 people held 60 MB of cells). Below it, shared strings as always. Either way
 * every sheet writes its rows in order. */
enum { XLSX_STREAM_PEOPLE = 1000 };

typedef struct {
    lxw_format *head, *text, *date, *datetime, *percent, *passed, *read, *none, *bold, *bold_percent,
        *signed_, *old;
} Formats;

typedef struct {
    lxw_worksheet *ws;
    const Formats *f;
    const ReportModel *m;
    int widths[MAX_COLS]; /* widest cell per column, in half-width characters */
    lxw_error err;        /* the first failure, LXW_NO_ERROR while none */
} Sheet;

/* ---- cells ---- */

static void keep(Sheet *s, lxw_error rc)
{
    if (s->err == LXW_NO_ERROR)
        s->err = rc;
}

static void widen(Sheet *s, int col, int width)
{
    if (col < MAX_COLS && width > s->widths[col])
        s->widths[col] = width;
}

/* Half-width columns of the widest line of t (CJK and other wide characters count 2). */
static int text_width(const char *t)
{
    int w = 0, best = 0;
    size_t n = strlen(t);
    for (size_t i = 0; i < n;) {
        uint32_t cp = '?';
        size_t left = n - i;
        int len = utf8_decode(t + i, left > 4 ? 4 : (int)left, &cp);
        w = cp == '\n' ? 0 : w + (len > 0 && cp >= 0x1100 ? 2 : 1);
        best = w > best ? w : best;
        i += len > 0 ? (size_t)len : 1;
    }
    return best;
}

/* t as valid XML text: bytes that are not UTF-8 become U+FFFD, controls but \n a space.
 * Heap, caller frees. */
static char *clean_text(const char *t)
{
    size_t n = strlen(t), o = 0;
    char *out = xmalloc(n * 3 + 1);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t left = n - i;
        int len = utf8_decode(t + i, left > 4 ? 4 : (int)left, &cp);
        if (len < 0) {
            memcpy(out + o, "\xEF\xBF\xBD", 3), o += 3, i++;
            continue;
        }
        if (cp < 0x20 && cp != '\n')
            out[o++] = ' ';
        else
            memcpy(out + o, t + i, (size_t)len), o += (size_t)len;
        i += (size_t)len;
    }
    out[o] = '\0';
    return out;
}

static void put_text(Sheet *s, int row, int col, const char *t, lxw_format *fmt)
{
    char *clean = clean_text(t ? t : "");
    keep(s, worksheet_write_string(s->ws, (lxw_row_t)row, (lxw_col_t)col, clean, fmt));
    widen(s, col, text_width(clean));
    free(clean);
}

static void put_int(Sheet *s, int row, int col, int v)
{
    keep(s, worksheet_write_number(s->ws, (lxw_row_t)row, (lxw_col_t)col, v, NULL));
    widen(s, col, 4);
}

static void put_share(Sheet *s, int row, int col, double share, lxw_format *fmt)
{
    keep(s, worksheet_write_number(s->ws, (lxw_row_t)row, (lxw_col_t)col, share, fmt));
    widen(s, col, 5);
}

/* A date (or date and time) cell in the model's local time; nothing when t is 0. */
static void put_time(Sheet *s, int row, int col, int64_t t, lxw_format *fmt, int width)
{
    time_t tt = (time_t)(t + s->m->tz_offset);
    struct tm tm;
    if (!t || !gmtime_r(&tt, &tm))
        return;
    lxw_datetime dt = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec};
    keep(s, worksheet_write_datetime(s->ws, (lxw_row_t)row, (lxw_col_t)col, &dt, fmt));
    widen(s, col, width);
}

/* The header row: "日本語\nEnglish" in each cell. */
static void put_heads(Sheet *s, const char *const heads[][2], int n)
{
    for (int c = 0; c < n; c++) {
        char buf[160];
        snprintf(buf, sizeof buf, "%s\n%s", heads[c][0], heads[c][1]);
        put_text(s, 0, c, buf, s->f->head);
    }
    keep(s, worksheet_set_row(s->ws, 0, 30, NULL));
}

/* Widths from the widest cells; the header frozen; printed on A4 with the header repeated. */
static void sheet_finish(Sheet *s, int ncols, int freeze_cols, bool landscape)
{
    for (int c = 0; c < ncols && c < MAX_COLS; c++) {
        int w = s->widths[c] + 2;
        keep(s, worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, w < 6 ? 6 : w > 50 ? 50 : w, NULL));
    }
    worksheet_freeze_panes(s->ws, 1, (lxw_col_t)freeze_cols);
    worksheet_set_paper(s->ws, A4);
    if (landscape)
        worksheet_set_landscape(s->ws);
    worksheet_fit_to_pages(s->ws, 1, 0);
    keep(s, worksheet_repeat_rows(s->ws, 0, 0));
}

static Sheet sheet_new(lxw_workbook *wb, const char *name, const Formats *f, const ReportModel *m)
{
    Sheet s = {.ws = workbook_add_worksheet(wb, name), .f = f, .m = m};
    if (!s.ws)
        s.err = LXW_ERROR_MEMORY_MALLOC_FAILED;
    return s;
}

/* ---- the sheets ---- */

static void summary_row(Sheet *s, int row, const char *label, const char *value)
{
    put_text(s, row, 0, label, s->f->bold);
    if (value)
        put_text(s, row, 1, value, NULL);
}

static void summary_chain(Sheet *s, int row)
{
    const VerifyResult *c = &s->m->chain;
    char buf[400];
    summary_row(s, row, "記録数 Records verified", NULL);
    put_int(s, row, 1, (int)c->count);
    if (!s->m->chain_checked)
        snprintf(buf, sizeof buf, "未検証 not verified");
    else if (c->ok)
        snprintf(buf, sizeof buf, "正常 intact");
    else
        snprintf(buf, sizeof buf, "記録 %lld に問題 record %lld fails: %s", (long long)c->bad_seq,
                 (long long)c->bad_seq, c->what);
    summary_row(s, row + 1, "記録の検証 Record chain", buf);
    summary_row(s, row + 2, "最新記録のハッシュ Head hash",
                s->m->chain_checked && c->ok && c->count ? c->head : "-");
}

static void summary_readiness(Sheet *s, int row)
{
    const PledgeReadiness *r = &s->m->readiness;
    char buf[200];
    snprintf(buf, sizeof buf, "%s (社長 president: %s; 署名 signed %d / %d)",
             r->ready ? "✓ 準備完了 ready" : "× まだです not ready",
             r->president_signed ? "署名済み signed" : "未署名 not signed", r->signed_people, r->people);
    summary_row(s, row, "一つ星宣言 One-star declaration", buf);
    summary_row(s, row + 1, "宣言書の版 Pledge version", NULL);
    put_int(s, row + 1, 1, s->m->pledge_version);
}

static void summary_sheet(Sheet *s)
{
    const ReportModel *m = s->m;
    const ReportGroup *t = &m->total;
    summary_row(s, 0, "報告書 Report", "研修実施状況報告書 Training completion report");
    summary_row(s, 1, "会社 Company", m->company);
    summary_row(s, 2, "作成日時 Generated", NULL);
    put_time(s, 2, 1, m->now, s->f->datetime, 16);
    summary_row(s, 3, "対象部署 Department", m->department[0] ? m->department : "全部署 All");
    summary_row(s, 4, "教材の版 Content version", m->content_version);
    summary_row(s, 5, "対象者 People", NULL);
    put_int(s, 5, 1, t->people);
    summary_row(s, 6, "修了 Finished", NULL);
    put_int(s, 6, 1, t->finished);
    summary_row(s, 7, "修了率 Finished %", NULL);
    put_share(s, 7, 1, report_share(t->finished, t->people), s->f->percent);
    summary_row(s, 8, "教材既読率 Lessons read %", NULL);
    put_share(s, 8, 1, report_read_share(m, t), s->f->percent);
    summary_row(s, 9, "テスト合格率 Tests passed %", NULL);
    put_share(s, 9, 1, report_passed_share(m, t), s->f->percent);
    summary_row(s, 10, "期限超過・未修了 Overdue", NULL);
    put_int(s, 10, 1, m->nlate);
    summary_readiness(s, 11);
    summary_chain(s, 13);
    if (m->ndemo) { /* sample people (demo.h) are said to be there, never mixed in unsaid */
        char buf[160];
        snprintf(buf, sizeof buf, "見本の人（デモ）が %d 人含まれています includes %d sample people",
                 m->ndemo, m->ndemo);
        summary_row(s, 16, "見本の人を含みます Includes sample people", buf);
    }
    s->widths[1] = s->widths[1] > 66 ? 66 : s->widths[1];
    for (int c = 0; c < 2; c++)
        keep(s, worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, s->widths[c] + 2, NULL));
    worksheet_set_paper(s->ws, A4);
}

static const char *const PEOPLE_HEADS[PEOPLE_MEASURE_COL][2] = {{"社員番号", "Code"},
                                                                {"氏名", "Name"},
                                                                {"フリガナ", "Kana"},
                                                                {"部署", "Department"},
                                                                {"役割", "Role"},
                                                                {"宣言", "Pledge"},
                                                                {"教材既読", "Lessons read"},
                                                                {"テスト合格", "Tests passed"},
                                                                {"フォロー", "Follow-ups due"},
                                                                {"フォロー超過", "Overdue"},
                                                                {"再受講", "Refreshers due"},
                                                                {"最終活動", "Last activity"}};

static void measure_cell(Sheet *s, int row, int col, const MeasureStatus *ms)
{
    int64_t when;
    char state = report_state(ms, &when);
    if (state == 'n')
        put_text(s, row, col, report_state_word(state), s->f->none);
    else
        put_time(s, row, col, when, state == 'p' ? s->f->passed : s->f->read, 13);
}

static void pledge_cell(Sheet *s, int row, int col, const Progress *pr)
{
    int64_t when;
    char state = report_pledge(pr, &when);
    if (state == 'n')
        put_text(s, row, col, report_pledge_word(state), s->f->none);
    else
        put_time(s, row, col, when, state == 's' ? s->f->signed_ : s->f->old, 15);
}

static void people_row(Sheet *s, int row, const ReportPerson *p)
{
    const Progress *pr = &p->progress;
    put_text(s, row, 0, p->who.code, s->f->text);
    put_text(s, row, 1, p->who.name, NULL);
    put_text(s, row, 2, p->who.kana, NULL);
    put_text(s, row, 3, p->who.department, NULL);
    put_text(s, row, 4, store_role_name(p->who.role), NULL);
    pledge_cell(s, row, 5, pr);
    put_int(s, row, 6, pr->lessons_read);
    put_int(s, row, 7, pr->tests_passed);
    put_int(s, row, 8, pr->followup_due);
    put_int(s, row, 9, pr->followup_overdue);
    put_int(s, row, 10, pr->refreshers_due);
    put_time(s, row, 11, pr->last_activity, s->f->date, 10);
    for (int i = 0; i < MEASURES; i++)
        measure_cell(s, row, PEOPLE_MEASURE_COL + i, &pr->measures[i]);
    if (demo_is(&p->who))
        put_text(s, row, PEOPLE_MEASURE_COL + MEASURES, "見本 sample", NULL);
}

static void people_sheet(Sheet *s)
{
    const ReportModel *m = s->m;
    int ncols = PEOPLE_MEASURE_COL + MEASURES + (m->ndemo > 0); /* a last column marks sample people */
    put_heads(s, PEOPLE_HEADS, PEOPLE_MEASURE_COL);
    for (int i = 0; i < MEASURES; i++) {
        char buf[40];
        snprintf(buf, sizeof buf, "対策%d\nM%d", i + 1, i + 1);
        put_text(s, 0, PEOPLE_MEASURE_COL + i, buf, s->f->head);
    }
    if (m->ndemo)
        put_text(s, 0, PEOPLE_MEASURE_COL + MEASURES, "見本の人を含みます\nIncludes sample people",
                 s->f->head);
    for (int i = 0; i < m->npeople; i++)
        people_row(s, i + 1, &m->people[i]);
    keep(s, worksheet_autofilter(s->ws, 0, 0, (lxw_row_t)m->npeople, (lxw_col_t)(ncols - 1)));
    sheet_finish(s, ncols, 2, true);
}

static void measures_sheet(Sheet *s)
{
    static const char *const heads[][2] = {
        {"No.", "No."},           {"対策", "Measure"},    {"対策 (英語)", "Measure (English)"},
        {"人数", "People"},       {"教材既読", "Read"},   {"既読率", "Read %"},
        {"テスト合格", "Passed"}, {"合格率", "Passed %"}, {"再受講", "Refresher due"}};
    const ReportModel *m = s->m;
    int people = m->total.people;
    put_heads(s, heads, 9);
    for (int i = 0; i < MEASURES; i++) {
        const ReportMeasure *rm = &m->measures[i];
        put_int(s, i + 1, 0, i + 1);
        put_text(s, i + 1, 1, rm->title.ja ? rm->title.ja : "", NULL);
        put_text(s, i + 1, 2, rm->title.en ? rm->title.en : "", NULL);
        put_int(s, i + 1, 3, people);
        put_int(s, i + 1, 4, rm->read);
        put_share(s, i + 1, 5, report_share(rm->read, people), s->f->percent);
        put_int(s, i + 1, 6, rm->passed);
        put_share(s, i + 1, 7, report_share(rm->passed, people), s->f->percent);
        put_int(s, i + 1, 8, rm->refreshers_due);
    }
    sheet_finish(s, 9, 2, true);
}

static void group_row(Sheet *s, int row, const ReportGroup *g, bool total)
{
    const ReportModel *m = s->m;
    lxw_format *pct = total ? s->f->bold_percent : s->f->percent;
    put_text(s, row, 0, total ? "合計 Total" : g->name, total ? s->f->bold : NULL);
    put_int(s, row, 1, g->people);
    put_int(s, row, 2, g->finished);
    put_share(s, row, 3, report_share(g->finished, g->people), pct);
    put_int(s, row, 4, g->lessons_read);
    put_share(s, row, 5, report_read_share(m, g), pct);
    put_int(s, row, 6, g->tests_passed);
    put_share(s, row, 7, report_passed_share(m, g), pct);
    put_int(s, row, 8, g->followups_overdue);
    put_int(s, row, 9, g->refreshers_due);
    put_int(s, row, 10, g->late);
}

static void departments_sheet(Sheet *s)
{
    static const char *const heads[][2] = {
        {"部署", "Department"},         {"人数", "People"},           {"修了", "Finished"},
        {"修了率", "Finished %"},       {"教材既読", "Lessons read"}, {"既読率", "Read %"},
        {"テスト合格", "Tests passed"}, {"合格率", "Passed %"},       {"フォロー超過", "Follow-ups overdue"},
        {"再受講", "Refresher due"},    {"期限超過", "Overdue"}};
    const ReportModel *m = s->m;
    put_heads(s, heads, 11);
    for (int i = 0; i < m->ndepartments; i++)
        group_row(s, i + 1, &m->departments[i], false);
    group_row(s, m->ndepartments + 1, &m->total, true);
    sheet_finish(s, 11, 1, true);
}

static void overdue_row(Sheet *s, int row, const ReportLate *l)
{
    const ReportPerson *p = &s->m->people[l->person];
    put_int(s, row, 0, report_days_late(s->m, l));
    put_text(s, row, 1, p->who.code, s->f->text);
    put_text(s, row, 2, p->who.name, NULL);
    put_text(s, row, 3, p->who.department, NULL);
    put_int(s, row, 4, p->lessons_left);
    put_int(s, row, 5, p->tests_left);
    put_int(s, row, 6, p->progress.followup_overdue);
    put_int(s, row, 7, p->progress.refreshers_due);
    put_time(s, row, 8, l->since, s->f->date, 10);
    put_time(s, row, 9, p->progress.last_activity, s->f->date, 10);
}

static void overdue_sheet(Sheet *s)
{
    static const char *const heads[][2] = {{"遅れ (日)", "Days late"},
                                           {"社員番号", "Code"},
                                           {"氏名", "Name"},
                                           {"部署", "Department"},
                                           {"残り教材", "Lessons left"},
                                           {"残りテスト", "Tests left"},
                                           {"フォロー超過", "Follow-ups overdue"},
                                           {"再受講", "Refreshers due"},
                                           {"期限", "Due"},
                                           {"最終活動", "Last activity"}};
    put_heads(s, heads, 10);
    for (int i = 0; i < s->m->nlate; i++)
        overdue_row(s, i + 1, &s->m->late[i]);
    sheet_finish(s, 10, 0, true);
}

/* ---- the workbook ---- */

static lxw_format *num_format(lxw_workbook *wb, const char *fmt)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_num_format(f, fmt);
    return f;
}

static void formats_make(lxw_workbook *wb, Formats *f)
{
    f->head = workbook_add_format(wb);
    format_set_bold(f->head);
    format_set_text_wrap(f->head);
    format_set_align(f->head, LXW_ALIGN_VERTICAL_TOP);
    format_set_bg_color(f->head, 0xDCEBF1);
    f->text = num_format(wb, "@");
    f->date = num_format(wb, "yyyy-mm-dd");
    f->datetime = num_format(wb, "yyyy-mm-dd hh:mm");
    f->percent = num_format(wb, "0%");
    f->passed = num_format(wb, "\"合 \"yyyy-mm-dd");
    format_set_bg_color(f->passed, 0xDFF0E4);
    f->read = num_format(wb, "\"読 \"yyyy-mm-dd");
    format_set_bg_color(f->read, 0xDCEBF1);
    f->none = workbook_add_format(wb);
    format_set_align(f->none, LXW_ALIGN_CENTER);
    f->bold = workbook_add_format(wb);
    format_set_bold(f->bold);
    f->bold_percent = num_format(wb, "0%");
    format_set_bold(f->bold_percent);
    f->signed_ = num_format(wb, "\"署名 \"yyyy-mm-dd");
    format_set_bg_color(f->signed_, 0xDFF0E4);
    f->old = num_format(wb, "\"旧版 \"yyyy-mm-dd");
    format_set_bg_color(f->old, 0xF8E1DD);
}

typedef struct {
    const ReportModel *m;
    ReportModel *pending; /* the same model while its chain is still being checked
                             (report_xlsx_chain_last), else NULL */
    const char *path;     /* the final name, for messages */
} Book;

/* ---- the self-diagnosis: the sheet's 25 rows, A/B/C, the total, the band and its advice ---- */

static void diagnosis_totals(Sheet *s, int row, const DiagScore *sc)
{
    static const char *const labels[] = {"A 実施している の合計点", "B 一部実施している の合計点",
                                         "C わからない の合計点", "A+B+C 合計 Total"};
    const int values[] = {sc->subtotal[DIAG_YES], sc->subtotal[DIAG_PARTLY], sc->subtotal[DIAG_UNKNOWN],
                          sc->total};
    for (int i = 0; i < 4; i++) {
        put_text(s, row + i, 2, labels[i], s->f->bold);
        put_int(s, row + i, 4, values[i]);
    }
    if (!sc->band)
        return;
    char band[32];
    snprintf(band, sizeof band, "%d〜%d", sc->band->min, sc->band->max);
    put_text(s, row + 4, 2, band, s->f->bold);
    put_text(s, row + 4, 3, sc->band->title.ja, NULL);
    put_text(s, row + 5, 3, sc->band->advice.ja, NULL);
    put_text(s, row + 6, 3, sc->band->advice.en, NULL);
}

static void diagnosis_sheet(Sheet *s)
{
    static const char *const heads[][2] = {
        {"No", "No"}, {"Part", "Part"}, {"診断内容", "Question"}, {"回答", "Answer"}, {"点", "Points"}};
    const ReportModel *m = s->m;
    const DiagSheet *sh = m->diag_sheet;
    put_heads(s, heads, 5);
    if (!sh || !m->ndiagnoses) {
        put_text(s, 1, 2, "自社診断はまだ行われていません。 No self-diagnosis has been recorded yet.", NULL);
        sheet_finish(s, 5, 0, false);
        return;
    }
    const DiagRecord *d = &m->diagnoses[m->ndiagnoses - 1];
    DiagScore sc;
    diag_score(sh, d->scope, d->answers, &sc);
    for (int i = 0; i < DIAG_ITEMS; i++) {
        put_int(s, i + 1, 0, i + 1);
        put_int(s, i + 1, 1, sh->items[i].part);
        put_text(s, i + 1, 2, sh->items[i].question.ja, NULL);
        put_text(s, i + 1, 3, sh->answers[d->answers[i]].label.ja, NULL);
        put_int(s, i + 1, 4, sh->answers[d->answers[i]].points);
    }
    diagnosis_totals(s, DIAG_ITEMS + 2, &sc);
    put_text(s, DIAG_ITEMS + 10, 2, "診断日時 Taken at", s->f->bold);
    put_time(s, DIAG_ITEMS + 10, 3, d->time, s->f->datetime, 16);
    put_text(s, DIAG_ITEMS + 11, 2, "回答者 By", s->f->bold);
    put_text(s, DIAG_ITEMS + 11, 3, d->code, NULL);
    sheet_finish(s, 5, 0, false);
}

typedef void (*SheetFn)(Sheet *s);

static const struct {
    const char *name;
    SheetFn fill;
} SHEETS[] = {{"概要 Summary", summary_sheet},     {"社員 People", people_sheet},
              {"対策 Measures", measures_sheet},   {"部署 Departments", departments_sheet},
              {"期限超過 Overdue", overdue_sheet}, {"自社診断", diagnosis_sheet}};
enum { NSHEETS = sizeof SHEETS / sizeof *SHEETS, SUMMARY = 0 };

/* The summary shows the chain, so with the chain still being checked (Book.pending) it is filled
 * last, once the check is done, and the other sheets meanwhile. Two things in the file would
 * show the order: shared strings are numbered in the order they are written, so the summary goes
 * last only when streamed (text inline, each sheet in a file of its own); styles are numbered in
 * the order cells use them, so the summary's are taken first, in the order its cells use them (a
 * label, the date it was made, a share). The workbook is then the same either way. */
static int fill_order(const Book *b, bool stream, int i)
{
    return b->pending && stream ? (i + 1) % NSHEETS : i;
}

static void summary_styles_first(const Formats *f)
{
    lxw_format_get_xf_index(f->bold);
    lxw_format_get_xf_index(f->datetime);
    lxw_format_get_xf_index(f->percent);
}

/* Fills every sheet (added in order), the summary once the chain is known; false with e when
 * the chain could not be read, else the first libxlsxwriter error in *err. */
static bool fill_book(lxw_workbook *wb, const Formats *f, const Book *b, bool stream, lxw_error *err, Err *e)
{
    Sheet sheets[NSHEETS];
    for (int i = 0; i < NSHEETS && *err == LXW_NO_ERROR; i++) {
        sheets[i] = sheet_new(wb, SHEETS[i].name, f, b->m);
        *err = sheets[i].err;
    }
    if (b->pending && stream)
        summary_styles_first(f);
    for (int i = 0; i < NSHEETS && *err == LXW_NO_ERROR; i++) {
        int k = fill_order(b, stream, i);
        if (k == SUMMARY && b->pending && !report_model_chain(b->pending, e))
            return false;
        SHEETS[k].fill(&sheets[k]);
        *err = sheets[k].err;
    }
    return true;
}

static bool write_book(const char *tmp, const void *arg, Err *e)
{
    const Book *b = arg;
    bool stream = b->m->npeople >= XLSX_STREAM_PEOPLE;
    lxw_workbook_options opt = {.constant_memory = stream};
    lxw_workbook *wb = workbook_new_opt(tmp, &opt);
    if (!wb)
        return err_set(e, "cannot write %s: out of memory", b->path);
    Formats f;
    formats_make(wb, &f);
    lxw_error err = LXW_NO_ERROR;
    bool filled = fill_book(wb, &f, b, stream, &err, e);
    lxw_error closed = workbook_close(wb);
    err = err != LXW_NO_ERROR ? err : closed;
    return filled && (err == LXW_NO_ERROR || err_set(e, "cannot write %s: %s", b->path, lxw_strerror(err)));
}

bool report_xlsx(const ReportModel *m, const char *path, Err *e)
{
    Book b = {m, NULL, path};
    return atomic_write_path(path, write_book, &b, e);
}

bool report_xlsx_chain_last(ReportModel *m, const char *path, Err *e)
{
    Book b = {m, m, path};
    return atomic_write_path(path, write_book, &b, e); /* a check still running: report_model_free */
}
