/* screen_manager.c — the manager's dashboard, opened only through the PIN screen. Three views:
 *   - overview: one-star readiness, the totals, completion by department and by measure as
 *     labelled bars (passed / total, never colour alone);
 *   - people: everyone active as a table sortable by tapping a column (name, department,
 *     lessons read, tests passed, pledge, follow-ups overdue, last activity), paged;
 *   - overdue: who is late and why, most late first (the reminder list);
 *   - self-diagnosis: two-star readiness (the diagnosis done, with its date and score; the
 *     published basic policy two stars also needs is not kept by mamori, and it says so), the
 *     weakest measures of the latest company diagnosis with how many people passed each, and
 *     the way to answer it, see its result and history, and the answers by department.
 * From here the manager opens the roster, the settings and the export, and leaves kiosk mode
 * (the only way out of it).
 *
 * What must stay true: every figure comes from the report model (report_model.h), which takes
 * them from progress_of, so the dashboard, Home and every report agree; the model is read when
 * the screen is shown (or, just before, while the PIN is typed), always off the frame loop
 * (report_work.h): while it is read the screen says how far it is, and 閉じる stops it. When a
 * screen opened from here returns, the figures shown stay while a job checks the record's head:
 * they are read again only when something was recorded meanwhile (every change is a record) or
 * they are older than REPORT_FRESH_S. */
#include "chain_watch.h"
#include "field.h"
#include "report_file.h"
#include "report_model.h"
#include "report_work.h"
#include "screens.h"
#include "theme.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { TOOL_H = 60, BAR_ROW_H = 44, TABLE_ROW_H = 52, LATE_ROW_H = 56, PAGER_W = 82 };

typedef enum { COL_NAME, COL_DEPT, COL_READ, COL_PASSED, COL_PLEDGE, COL_FOLLOWUP, COL_LAST, NCOLS } SortCol;
/* The views, one per tab. */
typedef enum { TAB_OVERVIEW, TAB_PEOPLE, TAB_OVERDUE, TAB_DIAGNOSIS, NTABS } ManagerTab;
/* What the toolbar's other buttons do. */
typedef enum { ACT_NONE, ACT_ROSTER, ACT_SETTINGS, ACT_EXPORT, ACT_QUIT } ManagerAction;

typedef struct {
    ReportModel model; /* owned: freed on reload and on leave */
    bool loaded;       /* the model is read, or being read (job) */
    bool stale;        /* a screen opened from here returns: the model is checked again */
    bool refreshing;   /* the job checks the model shown (report_job_refresh) */
    int job;           /* the job reading it (app->job), 0 when none runs */
    char error[640];
    ManagerTab tab;
    int sort; /* a SortCol, or -1 for roster order */
    bool desc;
    int *order; /* heap: people in display order */
    int first, late_first, star_first, dept_first, measure_first;
    bool confirm_quit;
    char notice[640]; /* what a screen opened from here did (app->notice, taken over) */
} ManagerState;

/* ---- the model and its order ---- */

typedef struct {
    int index;
    const ReportPerson *p;
    int col;
    bool desc;
} SortItem;

static int cmp_i64(int64_t a, int64_t b)
{
    return (a > b) - (a < b);
}

/* Compares readings with katakana taken as hiragana (グエン sorts with ぐ, not after ん). */
static int cmp_kana(const char *a, const char *b)
{
    int na = (int)strlen(a), nb = (int)strlen(b);
    while (na > 0 && nb > 0) {
        uint32_t x = 0, y = 0;
        int ka = utf8_decode(a, na, &x), kb = utf8_decode(b, nb, &y);
        if (ka <= 0 || kb <= 0)
            return strcmp(a, b);
        x = x >= 0x30A1 && x <= 0x30F6 ? x - 0x60 : x;
        y = y >= 0x30A1 && y <= 0x30F6 ? y - 0x60 : y;
        if (x != y)
            return x < y ? -1 : 1;
        a += ka, na -= ka, b += kb, nb -= kb;
    }
    return (na > 0) - (nb > 0);
}

static int sort_cmp(const void *va, const void *vb)
{
    const SortItem *a = va, *b = vb;
    const Progress *x = &a->p->progress, *y = &b->p->progress;
    int c = 0;
    switch (a->col) {
    case COL_NAME:
        c = cmp_kana(a->p->who.kana, b->p->who.kana);
        if (!c)
            c = strcmp(a->p->who.name, b->p->who.name);
        break;
    case COL_DEPT: /* by the department's reading; those without one after, by name */
        c = !a->p->who.department_kana[0] - !b->p->who.department_kana[0];
        c = c ? c : cmp_kana(a->p->who.department_kana, b->p->who.department_kana);
        c = c ? c : strcmp(a->p->who.department, b->p->who.department);
        break;
    case COL_READ:
        c = cmp_i64(x->lessons_read, y->lessons_read);
        break;
    case COL_PASSED:
        c = cmp_i64(x->tests_passed, y->tests_passed);
        break;
    case COL_PLEDGE:
        c = cmp_i64(x->pledge.state, y->pledge.state);
        break;
    case COL_FOLLOWUP:
        c = cmp_i64(x->followup_overdue, y->followup_overdue);
        break;
    case COL_LAST:
        c = cmp_i64(x->last_activity, y->last_activity);
        break;
    default:
        break;
    }
    if (a->desc)
        c = -c;
    return c ? c : a->index - b->index;
}

static void sort_people(ManagerState *st)
{
    const ReportModel *m = &st->model;
    SortItem *items = xcalloc((size_t)m->npeople + 1, sizeof *items);
    for (int i = 0; i < m->npeople; i++)
        items[i] = (SortItem){i, &m->people[i], st->sort, st->desc};
    if (st->sort >= 0)
        qsort(items, (size_t)m->npeople, sizeof *items, sort_cmp);
    free(st->order);
    st->order = xcalloc((size_t)m->npeople + 1, sizeof *st->order);
    for (int i = 0; i < m->npeople; i++)
        st->order[i] = items[i].index;
    free(items);
}

static void take_notice(ManagerState *st, App *app)
{
    snprintf(st->notice, sizeof st->notice, "%s", app->notice); /* e.g. a person saved from the table */
    app->notice[0] = '\0';
}

/* Starts reading the model off the frame loop (again on a later frame while another job runs). */
static void manager_load(ManagerState *st, App *app)
{
    report_model_free(&st->model);
    st->error[0] = '\0';
    take_notice(st, app);
    ReportQuery q = report_screen_query(app->now, report_local_offset(app->now));
    st->job = report_job_start(app, &q);
    st->loaded = st->job != 0;
}

/* Back from a screen opened from here: the model shown is checked off the frame loop, and read
 * again only when something was recorded meanwhile or it is older than REPORT_FRESH_S (again on
 * a later frame while another job runs). */
static void manager_refresh(ManagerState *st, App *app)
{
    if (st->error[0]) { /* nothing shown to keep */
        manager_load(st, app);
        st->stale = !st->loaded;
        return;
    }
    ReportQuery q = report_screen_query(app->now, report_local_offset(app->now));
    st->job = report_job_refresh(app, &q, &st->model);
    if (!st->job)
        return;
    take_notice(st, app);
    st->stale = false;
    st->refreshing = true;
}

/* The model once its job has ended; true while it is being read. While a refresh only checks
 * the head, the model shown stays on screen. */
static bool manager_loading(ManagerState *st, App *app)
{
    Err e = {0};
    bool ok, unchanged;
    ReportModel fresh;
    if (!st->loaded)
        return true;
    if (!st->job)
        return false;
    if (!report_job_take_fresh(app, st->job, &fresh, &unchanged, &ok, &e)) {
        const JobProgress *p = job_progress(&app->job, st->job);
        work_wake(app);
        return !st->refreshing || (p && atomic_load(&p->step) > 0);
    }
    st->job = 0;
    st->refreshing = false;
    if (unchanged)
        return false;
    report_model_free(&st->model);
    st->model = fresh;
    if (!ok)
        snprintf(st->error, sizeof st->error, "%s %s",
                 app_str(app, "記録を読み込めませんでした。", "The records could not be read."), e.msg);
    sort_people(st);
    return false;
}

static void manager_enter(Screen *s, App *app, const void *arg)
{
    ManagerState *st = s->state;
    st->sort = -1;
    ReportModel *ready = (ReportModel *)arg; /* read while the PIN was typed: now this screen's */
    if (!ready)
        return;
    st->model = *ready;
    *ready = (ReportModel){0};
    st->loaded = true;
    take_notice(st, app);
    sort_people(st);
}

static void manager_leave(Screen *s, App *app)
{
    ManagerState *st = s->state;
    if (st->job)
        job_cancel(&app->job, st->job); /* reading stops at its next step; nothing was shown of it */
    report_model_free(&st->model);
    free(st->order);
}

/* ---- overview ---- */

enum { COUNT_W = 110, MIN_BAR_W = 80 };

/* "part / whole" as a bar's count shows it. */
static void count_text(int part, int whole, char *buf, size_t size)
{
    snprintf(buf, size, "%d / %d", part, whole);
}

/* The width a count needs at the right of its bar: COUNT_W, or more for "10000 / 10000". */
static int count_width(Ui *ui, int part, int whole)
{
    char text[48];
    count_text(part, whole, text, sizeof text);
    int w = ui_text_width(ui, THEME_PX_SMALL, true, text, (int)strlen(text)) + 20;
    return w > COUNT_W ? w : COUNT_W;
}

/* A labelled bar: the name on the left in namew, the bar, "part / whole" on the right in countw. */
static void bar_row(Ui *ui, Rect r, int namew, int countw, const char *name, int part, int whole, Color c)
{
    int px = THEME_PX_SMALL;
    Rect rest = r;
    Rect label = rect_middle(cut_left(&rest, namew, 0), 30);
    Rect count = rect_middle(cut_right(&rest, countw, 0), 30);
    Rect bar = rect_middle(rest, 18);
    ui_label(ui, label.x, label.y, px, false, THEME_TEXT, field_fit(ui, px, false, name, namew - 10));
    int filled = (int)(bar.w * report_share(part, whole) + 0.5);
    ui_fill(ui, bar, THEME_TRACK);
    if (filled > 0)
        ui_fill(ui, rect_width(bar, filled), c);
    char text[48];
    count_text(part, whole, text, sizeof text);
    ui_label(ui, count.x + 10, count.y, px, true, THEME_TEXT, text);
}

/* One row of a bar chart: what bar_row draws. */
typedef struct {
    char name[256];
    int part, whole;
    Color c;
} BarRow;

/* Row i of a chart. */
typedef void (*BarFn)(const App *app, const ReportModel *m, int i, BarRow *out);

/* The widths rows of width w share for their counts and their names: the widest count's
 * ("10000 / 10000" beside a pager); for the names three fifths of what the counts leave, or the
 * longest name's when that would cut one, as long as the bars keep MIN_BAR_W (a measure's title
 * whole beside its bar on a portrait screen). */
static void bar_widths(Ui *ui, int w, const BarRow *rows, int n, int *namew, int *countw)
{
    *countw = COUNT_W;
    for (int i = 0; i < n; i++) {
        int cw = count_width(ui, rows[i].part, rows[i].whole);
        *countw = cw > *countw ? cw : *countw;
    }
    *namew = (w - *countw) * 3 / 5;
    int most = w - *countw - MIN_BAR_W;
    for (int i = 0; i < n; i++) {
        int nw = ui_text_width(ui, THEME_PX_SMALL, false, rows[i].name, (int)strlen(rows[i].name)) + 12;
        *namew = nw > *namew ? (nw < most ? nw : most > *namew ? most : *namew) : *namew;
    }
}

/* A captioned, paged list of bars; row(i) gives row i; a page's rows share their widths. */
static void bar_chart(Ui *ui, const App *app, const ReportModel *m, Rect r, const char *id,
                      const char *caption, int n, int *first, BarFn row)
{
    ui_label(ui, r.x, r.y, THEME_PX_BODY, true, THEME_TEXT, caption);
    Rect rows = r;
    cut_top(&rows, 44, 0);
    int visible = rows.h / BAR_ROW_H;
    if (n > visible)
        field_pager(ui, id, rect_height(cut_right(&rows, PAGER_W, THEME_GAP), visible * BAR_ROW_H), first, n,
                    visible);
    else
        *first = 0;
    int shown = n - *first < visible ? n - *first : visible;
    BarRow *page = ARENA_ARRAY(&ui->frame, BarRow, shown > 0 ? shown : 1);
    for (int i = 0; i < shown; i++)
        row(app, m, *first + i, &page[i]);
    int namew, countw;
    bar_widths(ui, rows.w, page, shown, &namew, &countw);
    for (int i = 0; i < shown; i++)
        bar_row(ui, grid_cell(rows, i, 1, rows.w, BAR_ROW_H, 0), namew, countw, page[i].name, page[i].part,
                page[i].whole, page[i].c);
}

static void department_bar(const App *app, const ReportModel *m, int i, BarRow *out)
{
    const ReportGroup *g = &m->departments[i];
    snprintf(out->name, sizeof out->name, "%s",
             g->name[0] ? g->name : app_str(app, "（部署なし）", "(no department)"));
    out->part = g->tests_passed, out->whole = g->people * m->tests_offered, out->c = THEME_PASS;
}

/* The measures that have a test, in order: the i-th one. */
static int offered_measure(const ReportModel *m, int i)
{
    for (int k = 0; k < MEASURES; k++)
        if (m->measures[k].test && i-- == 0)
            return k;
    return 0;
}

static void measure_bar(const App *app, const ReportModel *m, int i, BarRow *out)
{
    int k = offered_measure(m, i);
    const ReportMeasure *rm = &m->measures[k];
    snprintf(out->name, sizeof out->name, "%d. %s", k + 1, rm->title.ja ? app_text(app, rm->title) : "");
    out->part = rm->passed, out->whole = m->npeople, out->c = THEME_PRIMARY;
}

/* The readiness verdict and the totals; returns the height used. */
static int overview_head(Ui *ui, const App *app, const ReportModel *m, Rect r)
{
    const PledgeReadiness *rd = &m->readiness;
    char msg[400], totals[300];
    BandKind kind = rd->ready ? BAND_SUCCESS : BAND_NOTICE;
    if (!m->pledge_version)
        snprintf(msg, sizeof msg, "%s",
                 app_str(app, "一つ星：宣言書の文面（pledge.yaml）がないため確かめられません。",
                         "One star: no pledge text (pledge.yaml), so readiness cannot be checked."));
    else if (rd->ready)
        snprintf(
            msg, sizeof msg,
            app_str(app,
                    "★ 一つ星の準備ができています ✓ 社長と有効な社員全員（%d 人）が宣言書に署名しました。",
                    "★ Ready for one star ✓ The president and every active person (%d) signed the pledge."),
            rd->people);
    else
        snprintf(msg, sizeof msg,
                 app_str(app, "一つ星の準備：まだです × 署名 %d / %d 人%s",
                         "One star: not ready yet × %d of %d signed%s"),
                 rd->signed_people, rd->people,
                 rd->president_signed ? ""
                                      : app_str(app, "・社長が未署名", "; the president has not signed"));
    Flow f = flow_in(r);
    flow_band(ui, &f, kind, msg, THEME_GAP);
    const ReportGroup *t = &m->total;
    snprintf(totals, sizeof totals,
             app_str(app, "社員 %d 人 ・ 修了 %d 人 ・ 遅れ %d 人 ・ テスト合格 %d / %d",
                     "%d people · %d finished · %d late · tests passed %d / %d"),
             t->people, t->finished, t->late, t->tests_passed, t->people * m->tests_offered);
    flow_skip(&f, ui_paragraph(ui, flow_next(&f), THEME_PX_BODY, true, THEME_TEXT, totals));
    return f.y - r.y;
}

/* On a shared server: each kiosk's last contact and how many of its records wait (as each one
 * last reported to the server), and why the server refused this kiosk's oldest refused record.
 * Returns the height used. */
static int kiosks_block(Ui *ui, const App *app, Rect r)
{
    KioskReport *k;
    int n, len;
    char text[1600];
    if (!app->sync || !store_kiosk_reports(app->store, &k, &n, NULL))
        return 0;
    len = snprintf(text, sizeof text, "%s",
                   app_str(app, "端末（最終接続・未送信）: ", "Kiosks (last contact, waiting): "));
    for (int i = 0; i < n && i < 6 && len < (int)sizeof text - 200; i++) {
        char day[DATE_BUF], when[DATE_BUF + 8];
        struct tm tm;
        time_t t = (time_t)k[i].last_contact;
        localtime_r(&t, &tm);
        snprintf(when, sizeof when, "%s %02d:%02d", format_date(app, k[i].last_contact, day), tm.tm_hour,
                 tm.tm_min);
        len += snprintf(text + len, sizeof text - (size_t)len,
                        app_str(app, "%s%.8s %s ・ %lld 件", "%s%.8s %s · %lld"), i ? " / " : "", k[i].kiosk,
                        when, (long long)k[i].waiting);
        if (k[i].refused)
            len += snprintf(text + len, sizeof text - (size_t)len,
                            app_str(app, "（拒否 %lld）", " (%lld refused)"), (long long)k[i].refused);
    }
    free(k);
    SyncStatus ss;
    app_sync_state(app, &ss);
    if (ss.outbox.refused && len < (int)sizeof text - 100) {
        char why[600];
        snprintf(text + len, sizeof text - (size_t)len,
                 app_str(app, "\nこの端末でサーバーが受け付けなかった記録 %lld 件（端末に保管中）: %s",
                         "\n%lld record(s) of this kiosk refused by the server (kept here): %s"),
                 (long long)ss.outbox.refused, refusal_text(app, &ss.outbox, why, sizeof why));
    }
    return ui_paragraph(ui, rect_height(r, 0), THEME_PX_SMALL, false, THEME_TEXT, text) + THEME_GAP;
}

static void overview(Ui *ui, const App *app, ManagerState *st, Rect r)
{
    const ReportModel *m = &st->model;
    cut_top(&r, overview_head(ui, app, m, r), THEME_GAP);
    cut_top(&r, kiosks_block(ui, app, r), 0);
    int need = 44 + (m->ndepartments ? m->ndepartments : 1) * BAR_ROW_H; /* portrait: as tall as needed */
    Rect right = r;
    Rect left = ui->w > ui->h ? cut_left(&right, (r.w - 2 * THEME_PAD) * 2 / 5, 2 * THEME_PAD)
                              : cut_top(&right, need < r.h * 2 / 5 ? need : r.h * 2 / 5, THEME_GAP);
    int nmeasures = 0;
    for (int k = 0; k < MEASURES; k++)
        nmeasures += m->measures[k].test;
    bar_chart(ui, app, m, left, "departments",
              app_str(app, "部署別のテスト合格", "Tests passed by department"), m->ndepartments,
              &st->dept_first, department_bar);
    bar_chart(ui, app, m, right, "measures", app_str(app, "対策別の合格者", "People passed, by measure"),
              nmeasures, &st->measure_first, measure_bar);
}

/* ---- people ---- */

static const char *const COL_JA[NCOLS] = {"名前", "部署", "読了", "合格", "宣言", "復習遅れ", "最終学習"};
static const char *const COL_EN[NCOLS] = {"Name", "Dept.", "Read", "Passed", "Pledge", "Late", "Last"};
static const int COL_WEIGHT[NCOLS] = {5, 4, 2, 2, 3, 3, 3};
/* below 900 px no department nor last activity columns: the name's, with the department and code
 * under it, gets their room (a name cut to "社員 1…" told no one apart) */
static const int COL_WEIGHT_NARROW[NCOLS] = {6, 0, 2, 2, 3, 2, 0};

/* The width a column needs: its sort button's label on one line at 20 px with the sort mark, and for
 * the last activity a date in another year (its cells are 20 px, 14 of margins). */
static int head_need(Ui *ui, const App *app, int c, bool dates)
{
    char label[64];
    snprintf(label, sizeof label, "%s ▼", app_str(app, COL_JA[c], COL_EN[c]));
    int w = ui_text_width(ui, THEME_PX_SMALL, true, label, (int)strlen(label)) + 16 + 4;
    const char *day = app_str(app, "2026年12月31日", "31 Dec 2026");
    int dw =
        dates && c == COL_LAST ? ui_text_width(ui, THEME_PX_SMALL, false, day, (int)strlen(day)) + 14 + 4 : 0;
    return w > dw ? w : dw;
}

/* Column positions across w: each column as wide as its header needs, the rest shared by weight (by
 * weight alone when even the headers do not fit); a column left out has width 0. */
static void columns(Ui *ui, const App *app, int x, int w, int xs[NCOLS], int ws[NCOLS])
{
    const int *weight = w < 900 ? COL_WEIGHT_NARROW : COL_WEIGHT;
    int total = 0, need[NCOLS], spare = -1;
    for (int dates = 1; dates >= 0 && spare < 0; dates--) { /* the whole date, if there is room */
        total = 0, spare = w;
        for (int c = 0; c < NCOLS; c++) {
            total += weight[c];
            need[c] = weight[c] ? head_need(ui, app, c, dates) : 0;
            spare -= need[c];
        }
    }
    for (int c = 0; c < NCOLS; c++) {
        ws[c] = spare >= 0 ? need[c] + spare * weight[c] / total : w * weight[c] / total;
        xs[c] = x;
        x += ws[c];
    }
}

static const char *pledge_text(const App *app, const ReportModel *m, const PledgeStatus *ps)
{
    if (!m->pledge_version)
        return "—";
    return ps->state == PLEDGE_SIGNED        ? app_str(app, "✓ 署名済", "✓ Signed")
           : ps->state == PLEDGE_OLD_VERSION ? app_str(app, "旧版", "Old version")
                                             : app_str(app, "× 未署名", "× Not signed");
}

static const char *cell(const App *app, const ReportModel *m, const ReportPerson *p, int c, char *buf,
                        size_t size)
{
    const Progress *pr = &p->progress;
    switch (c) {
    case COL_NAME:
        return p->who.name;
    case COL_DEPT: /* with the code: two people of one name differ */
        if (p->who.department[0])
            snprintf(buf, size, "%s ・ %s", p->who.department, p->who.code);
        else
            snprintf(buf, size, "%s", p->who.code);
        return buf;
    case COL_READ:
        snprintf(buf, size, "%d / %d", pr->lessons_read, m->lessons_offered);
        return buf;
    case COL_PASSED:
        snprintf(buf, size, "%d / %d", pr->tests_passed, m->tests_offered);
        return buf;
    case COL_PLEDGE:
        return pledge_text(app, m, &pr->pledge);
    case COL_FOLLOWUP:
        snprintf(buf, size, "%d", pr->followup_overdue);
        return buf;
    default:
        if (!pr->last_activity)
            return app_str(app, "未着手", "never");
        char day[DATE_BUF];
        snprintf(buf, size, "%s", format_date(app, pr->last_activity, day));
        return buf;
    }
}

/* The header: each column a button that sorts by it (again: the other way). */
static void table_head(Ui *ui, const App *app, ManagerState *st, const int *xs, const int *ws, Rect head)
{
    for (int c = 0; c < NCOLS; c++) {
        char id[24], label[64];
        if (!ws[c])
            continue;
        snprintf(id, sizeof id, "sort-%d", c);
        snprintf(label, sizeof label, "%s%s", app_str(app, COL_JA[c], COL_EN[c]),
                 st->sort == c ? (st->desc ? " ▼" : " ▲") : "");
        if (!ui_button(ui, id, (Rect){xs[c], head.y, ws[c] - 4, head.h}, label,
                       st->sort == c ? BTN_PRIMARY : BTN_QUIET, true))
            continue;
        st->desc = st->sort == c ? !st->desc : c >= COL_READ; /* numbers: most first */
        st->sort = c;
        sort_people(st);
    }
}

/* One person's row; true when tapped (to open them on the roster). */
static bool person_row(Ui *ui, const App *app, const ReportModel *m, const ReportPerson *p, Rect r,
                       const int *xs, const int *ws)
{
    char id[48];
    snprintf(id, sizeof id, "row-%s", p->who.code);
    bool used = ui_area(ui, id, r, p->who.name);
    bool focused = ui_last_focused(ui);
    ui_fill(ui, r, THEME_SURFACE);
    ui_frame(ui, r, THEME_BORDER, 1);
    for (int c = 0; c < NCOLS; c++) {
        char buf[300];
        if (!ws[c])
            continue;
        const char *t =
            field_fit(ui, THEME_PX_SMALL, c == COL_NAME, cell(app, m, p, c, buf, sizeof buf), ws[c] - 14);
        bool bad = (c == COL_FOLLOWUP && p->progress.followup_overdue > 0) ||
                   (c == COL_PLEDGE && m->pledge_version && p->progress.pledge.state != PLEDGE_SIGNED);
        bool narrow = !ws[COL_DEPT]; /* two lines: the figures beside the name, more under them */
        if (t[0])
            ui_label(ui, xs[c] + 8, narrow ? r.y + 6 : rect_middle(r, 30).y, THEME_PX_SMALL,
                     c == COL_NAME || bad, bad ? THEME_FAIL : THEME_TEXT, t);
        if (narrow && c == COL_NAME) { /* the department and code, and the last activity, across the row */
            char under[400], last[64];
            const char *day = ws[COL_LAST] ? "" : cell(app, m, p, COL_LAST, last, sizeof last);
            snprintf(under, sizeof under, "%s%s%s", cell(app, m, p, COL_DEPT, buf, sizeof buf),
                     day[0] ? app_str(app, " ・ 最終学習 ", " · last active ") : "", day);
            ui_label(ui, xs[c] + 8, r.y + 38, THEME_PX_SMALL, false, THEME_MUTED,
                     field_fit(ui, THEME_PX_SMALL, false, under, r.w - 16));
        }
    }
    if (focused)
        ui_focus_ring(ui, rect_inset(r, 2)); /* the amber just outside the row, 6 px apart */
    return used;
}

static const ReportPerson *people(Ui *ui, const App *app, ManagerState *st, Rect r)
{
    const ReportModel *m = &st->model;
    int xs[NCOLS], ws[NCOLS];
    Rect rows = r;
    Rect head = cut_top(&rows, 48, 8);
    Rect pager = cut_right(&rows, PAGER_W, THEME_GAP);
    columns(ui, app, rows.x, rows.w, xs, ws);
    table_head(ui, app, st, xs, ws, head);
    int row_h = ws[COL_DEPT] ? TABLE_ROW_H : TABLE_ROW_H + 26; /* narrow rows hold two lines */
    int visible = rows.h / row_h;
    field_pager(ui, "people", pager, &st->first, m->npeople, visible);
    const ReportPerson *chosen = NULL;
    for (int i = 0; i < visible && st->first + i < m->npeople; i++) {
        const ReportPerson *p = &m->people[st->order[st->first + i]];
        if (person_row(ui, app, m, p, grid_cell(rows, i, 1, rows.w, row_h - 6, 6), xs, ws))
            chosen = p;
    }
    return chosen;
}

/* ---- overdue ---- */

/* What is past due, in a few words: the course with its due date, follow-ups, refreshers. */
static const char *late_reasons(const App *app, const ReportLate *l, const ReportPerson *p, char *buf,
                                size_t size)
{
    const Progress *pr = &p->progress;
    char day[DATE_BUF];
    size_t n = 0;
    buf[0] = '\0';
    if (l->reasons & LATE_FIVE)
        n += (size_t)snprintf(
            buf + n, size - n,
            app_str(app, "5か条の講座（期限 %s、残り %d）", "five-article course (due %s, %d left)"),
            format_date(app, p->five_due - 1, day), p->five_left);
    if ((l->reasons & LATE_ALL) && n < size)
        n += (size_t)snprintf(
            buf + n, size - n,
            app_str(app, "%s全25対策（期限 %s、テスト残り %d）", "%sall 25 (due %s, %d tests left)"),
            n ? " ・ " : "", format_date(app, p->all_due - 1, day), p->tests_left);
    if ((l->reasons & LATE_FOLLOWUP) && n < size)
        n += (size_t)snprintf(buf + n, size - n, app_str(app, "%s復習の遅れ %d 問", "%sreview %d overdue"),
                              n ? " ・ " : "", pr->followup_overdue);
    if ((l->reasons & LATE_REFRESHER) && n < size)
        snprintf(buf + n, size - n, app_str(app, "%s再受講 %d 件", "%s%d refreshers due"), n ? " ・ " : "",
                 pr->refreshers_due);
    return buf;
}

/* What the one-star declaration waits for from p. */
static const char *star_reasons(const App *app, const ReportPerson *p, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    if (p->five_left)
        n += (size_t)snprintf(
            buf + n, size - n,
            app_str(app, "5か条の教材・テスト 残り %d", "five-article lessons and tests: %d left"),
            p->five_left);
    snprintf(buf + n, size - n, "%s%s", n ? " ・ " : "",
             p->progress.pledge.state == PLEDGE_OLD_VERSION
                 ? app_str(app, "宣言書は旧版に署名（新しい版に署名が必要）",
                           "signed an old pledge (sign the new one)")
                 : app_str(app, "宣言書に未署名", "pledge not signed"));
    return buf;
}

/* One row: a mark (days late, or ★), who, why. True when tapped (to open the person's card). */
static bool reason_row(Ui *ui, const ReportPerson *p, const char *mark, const char *why, Color accent, Rect r)
{
    char id[48], who[300];
    snprintf(id, sizeof id, "late-%s", p->who.code);
    bool used = ui_area(ui, id, r, p->who.name);
    bool focused = ui_last_focused(ui);
    ui_fill(ui, r, THEME_SURFACE);
    ui_fill(ui, rect_width(r, 8), accent);
    Rect rest = rect_middle(r, 30); /* one line: mark, who (code first: two of one name differ), why */
    Rect cd = cut_left(&rest, 110, 0), cw = cut_left(&rest, (r.w - 110) * 2 / 5, 0);
    ui_label(ui, cd.x + 20, cd.y, THEME_PX_SMALL, true, accent,
             field_fit(ui, THEME_PX_SMALL, true, mark, cd.w - 24));
    snprintf(who, sizeof who, "%s %s（%s）", p->who.code, p->who.name, p->who.department);
    ui_label(ui, cw.x, cw.y, THEME_PX_SMALL, true, THEME_TEXT,
             field_fit(ui, THEME_PX_SMALL, true, who, cw.w - 12));
    ui_label(ui, rest.x, rest.y, THEME_PX_SMALL, false, THEME_TEXT,
             field_fit(ui, THEME_PX_SMALL, false, why, rest.w - 8));
    if (focused)
        ui_focus_ring(ui, rect_inset(r, 2)); /* the amber just outside the row, 6 px apart */
    return used;
}

/* The people the one-star declaration waits for; returns the one tapped, or NULL. */
static const ReportPerson *star_list(Ui *ui, const App *app, ManagerState *st, Rect *r, int visible)
{
    const ReportModel *m = &st->model;
    const ReportPerson *chosen = NULL;
    char head[200], why[256];
    snprintf(
        head, sizeof head,
        app_str(app, "一つ星の宣言を待っている人：%d 人", "The one-star declaration waits for %d people"),
        m->nblockers);
    ui_label(ui, r->x, r->y, THEME_PX_BODY, true, THEME_TEXT, head);
    cut_top(r, 48, 0);
    if (!m->nblockers)
        return NULL;
    Rect rows = cut_top(r, visible * LATE_ROW_H, THEME_GAP);
    Rect pager = cut_right(&rows, PAGER_W, THEME_GAP);
    field_pager(ui, "star", pager, &st->star_first, m->nblockers, visible);
    for (int i = 0; i < visible && st->star_first + i < m->nblockers; i++) {
        const ReportPerson *p = &m->people[m->blockers[st->star_first + i]];
        if (reason_row(ui, p, "★", star_reasons(app, p, why, sizeof why), THEME_PRIMARY,
                       grid_cell(rows, i, 1, rows.w, LATE_ROW_H - 6, 6)))
            chosen = p;
    }
    return chosen;
}

/* Who is past a due date, most days past due first; returns the one tapped, or NULL. */
static const ReportPerson *overdue(Ui *ui, const App *app, ManagerState *st, Rect r)
{
    const ReportModel *m = &st->model;
    /* the rows shared by need: the late ones up to half (one line when nobody is late), the
     * declaration's the rest, so neither list shows two rows above an empty half screen */
    int rows_in = (r.h - 2 * 48 - THEME_GAP) / LATE_ROW_H;
    int late_want = m->nlate ? (m->nlate < rows_in / 2 ? m->nlate : rows_in / 2) : 1;
    int star_rows = rows_in - late_want < m->nblockers ? rows_in - late_want : m->nblockers;
    const ReportPerson *chosen = star_list(ui, app, st, &r, star_rows > 1 ? star_rows : 1);
    char head[200], days[32], why[400];
    snprintf(
        head, sizeof head,
        app_str(app, "期限を過ぎた人：%d 人（過ぎた日数の長い順）", "Past due: %d people, most days first"),
        m->nlate);
    ui_label(ui, r.x, r.y, THEME_PX_BODY, true, THEME_TEXT, head);
    Rect rows = r;
    cut_top(&rows, 48, 0);
    Rect pager = cut_right(&rows, PAGER_W, THEME_GAP);
    int visible = rows.h / LATE_ROW_H;
    if (m->nlate) /* nothing to page through when nobody is late */
        field_pager(ui, "late", pager, &st->late_first, m->nlate, visible);
    for (int i = 0; i < visible && st->late_first + i < m->nlate; i++) {
        const ReportLate *l = &m->late[st->late_first + i];
        const ReportPerson *p = &m->people[l->person];
        snprintf(days, sizeof days, app_str(app, "%d 日", "%d days"), report_days_late(m, l));
        if (reason_row(ui, p, days, late_reasons(app, l, p, why, sizeof why), THEME_FAIL,
                       grid_cell(rows, i, 1, rows.w, LATE_ROW_H - 6, 6)))
            chosen = p;
    }
    if (m->nlate == 0)
        ui_paragraph(ui, rect_height(rect_down(rows, 10), 0), THEME_PX_BODY, false, THEME_PASS,
                     app_str(app, "✓ 期限を過ぎた人はいません。", "✓ No one is past due."));
    return chosen;
}

/* ---- the self-diagnosis ---- */

static const DiagScope COMPANY = DIAG_COMPANY;
static const DiagResultArg COMPANY_RESULT = {DIAG_COMPANY, false};

static int two_star(Ui *ui, const App *app, const ReportModel *m, Rect r)
{
    char msg[600], date[DATE_BUF];
    if (!m->ndiagnoses) {
        snprintf(
            msg, sizeof msg, "%s",
            app_str(
                app,
                "二つ星の準備：自社診断がまだです。二つ星には、自社診断と「情報セキュリティ基本方針」の"
                "公開が必要です。基本方針は mamori では扱っていません。",
                "Two stars: no self-diagnosis yet. Two stars need the self-diagnosis and a published basic "
                "security policy. mamori does not keep the basic policy."));
        return draw_band(ui, rect_height(r, 0), BAND_NOTICE, msg);
    }
    const DiagRecord *d = &m->diagnoses[m->ndiagnoses - 1];
    DiagScore sc;
    diag_score(m->diag_sheet, d->scope, d->answers, &sc);
    snprintf(
        msg, sizeof msg,
        app_str(
            app,
            "二つ星の準備：自社診断 ✓ %s に実施、%d 点。ほかに「情報セキュリティ基本方針」を定めて公開する"
            "必要があります。基本方針は mamori では扱っていません。",
            "Two stars: self-diagnosis ✓ done %s, %d points. You also need to set and publish a basic "
            "security policy. mamori does not keep the basic policy."),
        format_date(app, d->time, date), sc.total);
    return draw_band(ui, rect_height(r, 0), BAND_SUCCESS, msg);
}

/* The latest diagnosis's items weaker than yes, with how many people passed each measure's test. */
static void weakest(Ui *ui, const App *app, const ReportModel *m, Rect r)
{
    if (!m->ndiagnoses)
        return;
    const DiagRecord *d = &m->diagnoses[m->ndiagnoses - 1];
    int order[DIAG_ITEMS], n = diag_weakest(d->answers, order);
    ui_label(ui, r.x, r.y, THEME_PX_SMALL, true, THEME_MUTED,
             app_str(app, "弱い対策（最新の診断）と合格者",
                     "Weakest measures (latest diagnosis) and people passed"));
    Rect list = r;
    cut_top(&list, 34, 0);
    int rows = list.h / BAR_ROW_H, cols = r.w >= 1000 ? 2 : 1, shown = 0;
    BarRow *items = ARENA_ARRAY(&ui->frame, BarRow, rows * cols > 0 ? rows * cols : 1);
    for (; shown < n && shown < rows * cols && d->answers[order[shown]] != DIAG_YES; shown++) {
        const DiagItem *it = &m->diag_sheet->items[order[shown]];
        const ReportMeasure *rm = &m->measures[it->measure - 1];
        BarRow *b = &items[shown];
        snprintf(b->name, sizeof b->name, "%d. %s (%s)", it->measure,
                 rm->title.ja ? app_text(app, rm->title) : "",
                 app_text(app, m->diag_sheet->answers[d->answers[order[shown]]].label));
        b->part = rm->passed, b->whole = m->total.people, b->c = THEME_PASS;
    }
    int namew, countw;
    bar_widths(ui, rect_column(list, 0, cols, THEME_GAP).w, items, shown, &namew, &countw);
    for (int k = 0; k < shown; k++) {
        Rect column = rect_column(list, k / rows, cols, THEME_GAP); /* down the first column, then the next */
        Rect row = rect_height(rect_down(column, k % rows * BAR_ROW_H), BAR_ROW_H);
        bar_row(ui, row, namew, countw, items[k].name, items[k].part, items[k].whole, items[k].c);
    }
}

static Nav diagnosis_view(Ui *ui, App *app, ManagerState *st, Rect r)
{
    const ReportModel *m = &st->model;
    if (!m->diag_sheet) {
        draw_band(ui, rect_height(r, 0), BAND_NOTICE,
                  app_str(app, "診断シート（diagnosis.yaml）がありません。",
                          "There is no diagnosis sheet (diagnosis.yaml)."));
        return nav_stay();
    }
    Flow f = flow_in(r);
    flow_skip(&f, two_star(ui, app, m, r) + THEME_GAP);
    bool may = diag_may_answer_company(app); /* never behind the PIN alone: nobody is signed in */
    if (!may)
        flow_band(ui, &f, BAND_NOTICE, diag_company_who(app), THEME_GAP);
    Rect tools = flow_row(&f, TOOL_H, THEME_GAP);
    Nav to = nav_stay();
    if (ui_button(ui, "diag-answer", rect_column(tools, 0, 3, THEME_GAP),
                  app_str(app, "診断する・続ける", "Answer / resume"), may ? BTN_PRIMARY : BTN_SECONDARY,
                  may))
        to = nav_push(&SCREEN_DIAGNOSIS, &COMPANY);
    if (ui_button(ui, "diag-result", rect_column(tools, 1, 3, THEME_GAP),
                  app_str(app, "結果と履歴", "Result and history"), BTN_SECONDARY, true))
        to = nav_push(&SCREEN_DIAG_RESULT, &COMPANY_RESULT);
    if (ui_button(ui, "diag-team", rect_column(tools, 2, 3, THEME_GAP),
                  app_str(app, "部署別の実践", "By department"), BTN_SECONDARY, true))
        to = nav_push(&SCREEN_DIAG_TEAM, NULL);
    weakest(ui, app, m, rect_height(flow_next(&f), flow_left(&f)));
    if (to.kind != NAV_STAY)
        st->stale = true;
    return to;
}

/* ---- the frame ---- */

/* The toolbar's buttons in order: the tabs (action ACT_NONE), then the actions. */
static const struct {
    const char *id, *ja, *en;
    ManagerTab tab;
    ManagerAction action;
} TOOLS[] = {
    {"tab-0", "概要", "Overview", TAB_OVERVIEW, ACT_NONE},
    {"tab-1", "社員", "People", TAB_PEOPLE, ACT_NONE},
    {"tab-2", "遅れ", "Overdue", TAB_OVERDUE, ACT_NONE},
    {"tab-3", "自社診断", "Diagnosis", TAB_DIAGNOSIS, ACT_NONE},
    {"roster", "名簿", "Roster", 0, ACT_ROSTER},
    {"settings", "設定", "Settings", 0, ACT_SETTINGS},
    {"export", "書き出し", "Export", 0, ACT_EXPORT},
    {"quit", "キオスク終了", "Leave kiosk", 0, ACT_QUIT},
};
enum { NTOOLS = sizeof TOOLS / sizeof TOOLS[0] };

static ButtonStyle tool_style(const ManagerState *st, int i)
{
    if (TOOLS[i].action == ACT_NONE)
        return st->tab == TOOLS[i].tab ? BTN_PRIMARY : BTN_SECONDARY;
    return TOOLS[i].action == ACT_QUIT ? BTN_DANGER : BTN_SECONDARY;
}

/* The tabs and the actions as the next row of f (landscape: one row of buttons; portrait: the tabs,
 * then the actions); returns the action pressed. */
static ManagerAction toolbar(Ui *ui, App *app, ManagerState *st, Flow *f)
{
    bool wide = ui->w > ui->h;
    int per_row = wide ? NTOOLS : NTOOLS / 2;
    Rect r = flow_row(f, wide ? TOOL_H : 2 * TOOL_H + THEME_GAP, THEME_GAP);
    int w = (r.w - (per_row - 1) * THEME_GAP) / per_row;
    ManagerAction action = ACT_NONE;
    for (int i = 0; i < NTOOLS; i++) {
        const char *label = TOOLS[i].action == ACT_QUIT && st->confirm_quit
                                ? app_str(app, "本当に終了", "Really leave")
                                : app_str(app, TOOLS[i].ja, TOOLS[i].en);
        if (!ui_button(ui, TOOLS[i].id, grid_cell(r, i, per_row, w, TOOL_H, THEME_GAP), label,
                       tool_style(st, i), true))
            continue;
        if (TOOLS[i].action == ACT_NONE)
            st->tab = TOOLS[i].tab;
        else
            action = TOOLS[i].action;
    }
    return action;
}

/* Quitting takes two presses; any other action forgets the first. */
static Nav act(ManagerState *st, App *app, ManagerAction action)
{
    static const ScreenOps *const TO[] = {
        [ACT_ROSTER] = &SCREEN_ROSTER, [ACT_SETTINGS] = &SCREEN_SETTINGS, [ACT_EXPORT] = &SCREEN_EXPORT};
    if (action == ACT_QUIT) {
        app->quit = st->confirm_quit;
        st->confirm_quit = true;
        return nav_stay();
    }
    st->confirm_quit = false;
    st->stale = true; /* checked again when we come back */
    return nav_push(TO[action], NULL);
}

/* The view of the chosen tab; the person tapped on the people or the overdue tab in *chosen. */
static Nav view(Ui *ui, App *app, ManagerState *st, Rect area, const ReportPerson **chosen)
{
    switch (st->tab) {
    case TAB_OVERVIEW:
        overview(ui, app, st, area);
        break;
    case TAB_PEOPLE:
        *chosen = people(ui, app, st, area);
        break;
    case TAB_OVERDUE:
        *chosen = overdue(ui, app, st, area);
        break;
    default:
        return diagnosis_view(ui, app, st, area);
    }
    return nav_stay();
}

/* The band that says results wait in the outbox that the record refuses as it stands (a person
 * no longer on the roster, a row changed outside mamori), with the last reason: kept in the
 * outbox file, never written until someone acts. */
static void refused_band(Ui *ui, const App *app, Flow *f)
{
    char line[900];
    snprintf(line, sizeof line,
             app_str(app,
                     "記録に入れられない結果が %d "
                     "件、この端末に保管されています（名簿に戻すまで入りません）。理由：%s",
                     "Kept on this computer, not taken by the record as it stands: %d result(s) (they wait"
                     " until the person is back on the roster). Why: %s"),
             app->outbox.refused, app->outbox.refused_why);
    flow_band(ui, f, BAND_ERROR, line, THEME_GAP);
}

/* The band that says the check of the whole record (chain_watch.h) found it altered, cut or
 * damaged: the manager must know before trusting or showing a figure. */
static void broken_band(Ui *ui, const App *app, int64_t bad_seq, const char *what, Flow *f)
{
    char line[900];
    snprintf(line, sizeof line,
             app_str(app,
                     "記録の検査で、記録 %lld 番に問題が見つかりました（書き換え・削除・破損のおそれ）。"
                     "数字を使う前に、管理用の PC で mamori verify を実行して確かめてください。"
                     "この端末は記録を続けます。",
                     "The check of the record found a problem at record %lld (%s): it may have been"
                     " altered, cut or damaged. Before you use these figures, check it with mamori verify"
                     " on the manager's PC. This kiosk goes on recording."),
             (long long)bad_seq, what);
    flow_band(ui, f, BAND_ERROR, line, THEME_GAP);
}

/* The band that says the figures hold sample people (demo.h), and how to remove them. */
static void sample_band(Ui *ui, const App *app, int ndemo, Flow *f)
{
    char line[400];
    snprintf(
        line, sizeof line,
        app_str(app, "見本の人（デモ）が %d 人含まれています。名簿の「見本の人を外す」で外せます。",
                "Includes %d sample (demo) people. Remove them on the roster: Remove the sample people."),
        ndemo);
    flow_band(ui, f, BAND_NOTICE, line, THEME_GAP);
}

static Nav manager_frame(Screen *s, App *app, Ui *ui)
{
    ManagerState *st = s->state;
    if (!st->loaded)
        manager_load(st, app);
    else if (st->stale && !st->job)
        manager_refresh(st, app);
    char title[300];
    snprintf(title, sizeof title, "%s%s%s", app->settings.company, app->settings.company[0] ? " ・ " : "",
             app_str(app, "管理者メニュー", "Manager"));
    bool back = false;
    int titlew = layout_column(ui, 1400).w - 200 - THEME_GAP; /* one line beside the button */
    int y = draw_header(ui, app, field_fit(ui, THEME_PX_TITLE * 3 / 4, true, title, titlew), "back",
                        app_str(app, "閉じる", "Close"), &back);
    if (back || ui->in.key == UI_KEY_ESC)
        return nav_back();
    Flow f = flow_at(layout_column(ui, 1400), y + THEME_GAP);
    if (manager_loading(st, app)) {
        char msg[300];
        working_band(ui, app, &f,
                     model_progress_text(app, job_progress(&app->job, st->job), msg, sizeof msg));
        return nav_stay();
    }
    ManagerAction action = toolbar(ui, app, st, &f);
    if (action)
        st->notice[0] = '\0';
    const char *band = st->error[0] ? st->error
                       : st->confirm_quit
                           ? app_str(app, "もう一度「本当に終了」を押すと、mamori を終了します。",
                                     "Press Really leave once more to close mamori.")
                       : st->notice[0] ? st->notice
                                       : NULL;
    if (band)
        flow_band(ui, &f,
                  st->error[0]                         ? BAND_ERROR
                  : st->notice[0] && !st->confirm_quit ? BAND_SUCCESS
                                                       : BAND_NOTICE,
                  band, THEME_GAP);
    if (app->outbox.refused) /* results the record will not take as it stands: the manager must act */
        refused_band(ui, app, &f);
    int64_t bad_seq = 0;
    char what[300];
    WatchState watch = chain_watch_state(app->watch, &bad_seq, what, sizeof what);
    if (watch == WATCH_BROKEN)
        broken_band(ui, app, bad_seq, what, &f);
    else if (watch == WATCH_CHECKING && (!app->wake_ms || app->wake_ms > 500))
        app->wake_ms = 500;               /* its finding shows without a touch */
    if (!st->error[0] && st->model.ndemo) /* sample people are said to be there, never mixed in unsaid */
        sample_band(ui, app, st->model.ndemo, &f);
    const ReportPerson *chosen = NULL;
    if (!st->error[0]) {
        Nav to = view(ui, app, st, rect_height(flow_next(&f), flow_left(&f)), &chosen);
        if (to.kind != NAV_STAY)
            return to;
    }
    if (chosen) {
        st->stale = true;
        return nav_push(&SCREEN_PERSON_CARD, &chosen->who);
    }
    return action ? act(st, app, action) : nav_stay();
}

const ScreenOps SCREEN_MANAGER = {
    .name = "manager",
    .state_size = sizeof(ManagerState),
    .enter = manager_enter,
    .frame = manager_frame,
    .leave = manager_leave,
};
