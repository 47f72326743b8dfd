/* screen_diag_result.c — the self-diagnosis result and its history.
 *
 * Result: the score, the band and its advice, A/B/C, a bar per part, and the items weakest
 * first (paged), each with its answer, points and a button to its lesson. History: every
 * earlier diagnosis of the same kind with its date and score, and the score over time as a
 * chart with the band edges (100, 70, 50) drawn in. The company's result also offers the view
 * by department; "my practice" shows the person's own answers (Parts 1–2, no band: the sheet's
 * bands are for all 25 items).
 *
 * What must stay true: every figure from diag_score; the records are read on enter and again
 * after a screen opened from here returns. */
#include "diagnosis.h"
#include "screens.h"
#include "theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { HISTORY_MAX = 24 };

/* An item row's height: its two lines in the person's text size (66 in the standard size). */
static int row_h(const Ui *ui)
{
    return ui_px(ui, THEME_PX_SMALL + 2) * 3 / 2 + ui_px(ui, THEME_PX_SMALL) * 3 / 2 + 3;
}

typedef struct {
    DiagResultArg arg;
    DiagRecord *rows; /* heap: oldest first */
    int nrows;
    char latest_by[128]; /* the name of who answered the latest (its code when not on the roster) */
    bool loaded, history;
    int first;       /* the first item row shown */
    UiScroll scroll; /* the score and the parts, beside the items, when they do not fit */
    char error[640];
} ResultState;

static const char *const PART_JA[DIAG_PARTS] = {"基本的対策", "従業員としての対策", "組織としての対策"};
static const char *const PART_EN[DIAG_PARTS] = {"Basic measures", "As an employee", "As an organisation"};

bool diag_may_answer_company(const App *app)
{
    return app->signed_in && (app->user.role == ROLE_MANAGER || app->user.role == ROLE_PRESIDENT);
}

const char *diag_company_who(const App *app)
{
    return app_str(
        app,
        "会社の診断は、社長か管理者（名簿の役割）が自分の社員番号で入り、ホームの「会社の自社診断」から"
        "回答します。",
        "The company's diagnosis is answered by the president or a manager (their role on the "
        "roster): they sign in with their own code and open Company diagnosis on Home.");
}

static void result_load(ResultState *st, App *app)
{
    Err e = {0};
    free(st->rows);
    st->rows = NULL, st->nrows = 0;
    const char *code = st->arg.scope == DIAG_SELF ? app->user.code : NULL;
    if (!store_list_diagnoses(app->store, st->arg.scope, code, &st->rows, &st->nrows, &e))
        snprintf(st->error, sizeof st->error, "%s", e.msg);
    Employee who;
    bool found = false;
    if (st->nrows)
        store_find_employee(app->store, st->rows[st->nrows - 1].code, &who, &found, &e);
    snprintf(st->latest_by, sizeof st->latest_by, "%s",
             found       ? who.name
             : st->nrows ? st->rows[st->nrows - 1].code
                         : "");
    st->loaded = true;
}

static void result_enter(Screen *s, App *app, const void *arg)
{
    ResultState *st = s->state;
    st->arg = arg ? *(const DiagResultArg *)arg : (DiagResultArg){0};
    result_load(st, app);
}

static void result_leave(Screen *s, App *app)
{
    (void)app;
    ResultState *st = s->state;
    free(st->rows);
}

/* ---- the result ---- */

typedef struct {
    App *app;
    const DiagRecord *d;
    const char *by; /* who answered it */
    DiagScore sc;
} Summary;

/* n with a real minus sign when below 0 ("−5", as printed, not the hyphen of "-5"). */
static const char *signed_points(int n, char *buf, size_t size)
{
    snprintf(buf, size, n < 0 ? "−%d" : "%d", n < 0 ? -n : n);
    return buf;
}

/* A paragraph at the cursor (or with draw false only its height), then gap. */
static void para(Ui *ui, Flow *f, int px, bool bold, Color c, const char *s, int gap, bool draw)
{
    Rect r = flow_next(f);
    flow_skip(f,
              (draw ? ui_paragraph(ui, r, px, bold, c, s) : ui_paragraph_height(ui, r.w, px, bold, s)) + gap);
}

/* The score in big letters, when and by whom, the band and its advice, A/B/C. */
static void score_block(Ui *ui, const Summary *m, Flow *f, bool draw)
{
    App *app = m->app;
    const DiagScore *sc = &m->sc;
    char big[64], date[DATE_BUF], line[200];
    snprintf(big, sizeof big, app_str(app, "%d 点", "%d points"), sc->total);
    Rect hero = flow_row(f, THEME_PX_HERO * 3 / 2 + 4, 0); /* the line height of the hero size */
    snprintf(line, sizeof line, app_str(app, "%s ・ 回答：%s", "%s · answered by %s"),
             format_date(app, m->d->time, date), m->by);
    int small = ui_px(ui, THEME_PX_SMALL); /* the person's text size, as every text below */
    Rect when = flow_row(f, small * 3 / 2, THEME_GAP);
    if (draw) {
        ui_label(ui, hero.x, hero.y, THEME_PX_HERO, true, THEME_PRIMARY, big);
        ui_label(ui, when.x, when.y, small, false, THEME_MUTED, line);
    }
    char lo[16], hi[16], yes[16], partly[16], unknown[16];
    if (sc->band) { /* its words first, the range of points after them */
        snprintf(line, sizeof line, app_str(app, "%s（%s〜%s 点）", "%s (%s to %s points)"),
                 app_text(app, sc->band->title), signed_points(sc->band->min, lo, sizeof lo),
                 signed_points(sc->band->max, hi, sizeof hi));
        para(ui, f, ui_px(ui, THEME_PX_BODY), true, THEME_TEXT, line, 6, draw);
        para(ui, f, small, false, THEME_TEXT, app_text(app, sc->band->advice), THEME_GAP, draw);
    }
    snprintf(line, sizeof line,
             app_str(app, "実施している %s 点 ＋ 一部 %s 点 ＋ わからない %s 点",
                     "Yes %s + partly %s + don't know %s points"),
             signed_points(sc->subtotal[DIAG_YES], yes, sizeof yes),
             signed_points(sc->subtotal[DIAG_PARTLY], partly, sizeof partly),
             signed_points(sc->subtotal[DIAG_UNKNOWN], unknown, sizeof unknown));
    para(ui, f, small, false, THEME_TEXT, line, THEME_GAP, draw);
}

static void part_bars(Ui *ui, const Summary *m, Flow *f, bool draw)
{
    for (int p = 0; p < DIAG_PARTS; p++) {
        if (!m->sc.part_max[p])
            continue;
        char label[128];
        snprintf(label, sizeof label, "Part %d %s  %d / %d", p + 1,
                 m->app->lang == LANG_EN ? PART_EN[p] : PART_JA[p], m->sc.part_points[p], m->sc.part_max[p]);
        int px = ui_px(ui, THEME_PX_SMALL), lh = px * 3 / 2 - 2;
        Rect row = flow_row(f, lh + 24, 0); /* the label, the bar below it */
        if (!draw)
            continue;
        ui_label(ui, row.x, row.y, px, false, THEME_TEXT, label);
        double share = m->sc.part_points[p] > 0 ? m->sc.part_points[p] / (double)m->sc.part_max[p] : 0;
        ui_progress(ui, rect_height(rect_down(row, lh), 12), share, THEME_PASS);
    }
}

/* The score and the parts' bars from y (a ViewFn); returns the y below them. */
static int summary(Ui *ui, void *ctx, Rect col, int y, bool draw)
{
    Flow f = flow_at(col, y);
    score_block(ui, ctx, &f, draw);
    part_bars(ui, ctx, &f, draw);
    return f.y;
}

/* An item's title ("3. " and its lesson's title, or its question without a lesson) and its
 * answer with the points. */
static const Lesson *item_texts(App *app, const DiagRecord *d, int i, char title[200], char answer[160])
{
    const DiagSheet *sh = app->content->diagnosis;
    const DiagItem *it = &sh->items[i];
    const Lesson *l = content_lesson(app->content, it->measure);
    DiagAnswer a = d->answers[i];
    snprintf(title, 200, "%d. %s", it->item, l ? app_text(app, l->title) : app_text(app, it->question));
    char pts[16];
    int n = sh->answers[a].points;
    snprintf(answer, 160, app_str(app, "%s（%s 点）", n == 1 || n == -1 ? "%s (%s point)" : "%s (%s points)"),
             app_text(app, sh->answers[a].label), signed_points(n, pts, sizeof pts));
    return l;
}

/* The width of an item's texts in a row w wide: left of its lesson button, when it has one. */
static int text_w(const Ui *ui, int w, const Lesson *l)
{
    return w - (l ? ui_px(ui, 200) : 0) - 32;
}

/* An item row's height in a row w wide: its title and its answer wrapped whole (never cut), at
 * least the two lines of row_h. */
static int item_h(Ui *ui, App *app, const DiagRecord *d, int i, int w)
{
    char title[200], answer[160];
    const Lesson *l = item_texts(app, d, i, title, answer);
    int tw = text_w(ui, w, l);
    int h = ui_paragraph_height(ui, tw, ui_px(ui, THEME_PX_SMALL + 2), true, title) +
            ui_paragraph_height(ui, tw, ui_px(ui, THEME_PX_SMALL), false, answer) + 3;
    return h > row_h(ui) ? h : row_h(ui);
}

/* One item: number and lesson title (in two lines or more when it needs them), the answer and its
 * points under it, and a button to the lesson. */
static const Lesson *item_row(Ui *ui, App *app, const DiagRecord *d, int i, Rect r)
{
    char title[200], answer[160], id[24];
    const Lesson *l = item_texts(app, d, i, title, answer);
    const DiagItem *it = &app->content->diagnosis->items[i];
    DiagAnswer a = d->answers[i];
    Color edge = a == DIAG_YES ? THEME_PASS : a == DIAG_PARTLY ? THEME_FOCUS : THEME_FAIL;
    ui_fill(ui, r, THEME_SURFACE);
    ui_fill(ui, rect_width(r, 8), edge);
    Rect text = r,
         button = rect_shrink(cut_right(&text, l ? ui_px(ui, 200) : 0, 0), 0, 4); /* none without a lesson */
    Rect tr = {r.x + 20, r.y + 2, text_w(ui, r.w, l), 0};
    int th = ui_paragraph(ui, tr, ui_px(ui, THEME_PX_SMALL + 2), true, THEME_TEXT, title);
    ui_paragraph(ui, rect_down(tr, th - 1), ui_px(ui, THEME_PX_SMALL), false, THEME_MUTED, answer);
    snprintf(id, sizeof id, "lesson-%d", it->measure);
    if (l && ui_button(ui, id, button, app_str(app, "レッスン ▶", "Lesson ▶"), BTN_SECONDARY, true))
        return l;
    return NULL;
}

/* How many item rows fit h from order[from] on, going forward (step 1) or back (step -1): at least
 * one. */
static int rows_fitting(Ui *ui, App *app, const DiagRecord *d, const int *order, int n, int from, int step,
                        Rect rows)
{
    int k = 0, used = 0;
    for (int at = from; at >= 0 && at < n; at += step, k++) {
        used += item_h(ui, app, d, order[at], rows.w) + 8;
        if (used > rows.h + 8)
            break;
    }
    return k > 0 ? k : 1;
}

static const Lesson *item_list(Ui *ui, App *app, ResultState *st, const DiagRecord *d, Rect r)
{
    int order[DIAG_ITEMS], n = diag_weakest(d->answers, order);
    int small = ui_px(ui, THEME_PX_SMALL);
    Rect rows = r, pager = cut_bottom(&rows, 56, 8), head = cut_top(&rows, small * 3 / 2 + 4, 0);
    ui_label(ui, head.x, head.y, small, true, THEME_MUTED,
             app_str(app, "弱い項目から順に", "Weakest items first"));
    int shown = rows_fitting(ui, app, d, order, n, st->first, 1, rows);
    const Lesson *chosen = NULL;
    Flow f = flow_in(rows);
    for (int k = st->first; k < n && k < st->first + shown; k++) {
        const Lesson *l =
            item_row(ui, app, d, order[k], flow_row(&f, item_h(ui, app, d, order[k], rows.w), 8));
        chosen = l ? l : chosen;
    }
    if (st->first > 0 && ui_button(ui, "items-prev", rect_column(pager, 0, 2, THEME_GAP),
                                   app_str(app, "◀ 前", "◀ Previous"), BTN_QUIET, true))
        st->first -= rows_fitting(ui, app, d, order, n, st->first - 1, -1, rows);
    if (st->first + shown < n && ui_button(ui, "items-next", rect_column(pager, 1, 2, THEME_GAP),
                                           app_str(app, "次 ▶", "More ▶"), BTN_QUIET, true))
        st->first += shown;
    st->first = st->first < 0 ? 0 : st->first;
    return chosen;
}

static const Lesson *result_view(Ui *ui, App *app, ResultState *st, Rect r)
{
    Summary m = {.app = app, .d = &st->rows[st->nrows - 1], .by = st->latest_by};
    diag_score(app->content->diagnosis, m.d->scope, m.d->answers, &m.sc);
    bool wide = r.w >= 1000 && ui->w > ui->h; /* wide: the score on the left, the items beside it */
    Rect list = r;
    if (wide) /* scrolled when it is too tall (larger text) */
        draw_scrolled(ui, app, &st->scroll, cut_left(&list, r.w * 2 / 5, 2 * THEME_PAD), summary, &m);
    else /* narrow: the items below */
        cut_top(&list, summary(ui, &m, r, r.y, true) - r.y, THEME_GAP);
    return item_list(ui, app, st, m.d, list);
}

/* ---- the history ---- */

static void chart(Ui *ui, App *app, const ResultState *st, Rect r)
{
    ui_fill(ui, r, THEME_SURFACE);
    ui_frame(ui, r, THEME_BORDER, 1);
    int lo = st->arg.scope == DIAG_SELF ? -DIAG_SELF_ITEMS : app->content->diagnosis->lowest;
    int hi = st->arg.scope == DIAG_SELF ? 4 * DIAG_SELF_ITEMS : app->content->diagnosis->highest;
    int px = ui_px(ui, THEME_PX_SMALL);
    Rect plot = rect_sides(rect_shrink(r, 0, 16), ui_px(ui, 70), 20); /* the scale's labels on the left */
    static const int edges[] = {100, 70, 50, 0};
    for (int k = 0; k < 4 && st->arg.scope == DIAG_COMPANY; k++) {
        Rect line = rect_height(rect_down(plot, plot.h - (edges[k] - lo) * plot.h / (hi - lo)), 1);
        char v[8];
        snprintf(v, sizeof v, "%d", edges[k]);
        ui_fill(ui, line, THEME_BORDER);
        ui_label(ui, r.x + 12, line.y - px * 3 / 5, px, false, THEME_MUTED, v);
    }
    int first = st->nrows > HISTORY_MAX ? st->nrows - HISTORY_MAX : 0, n = st->nrows - first;
    int16_t *pts = arena_alloc(&ui->frame, sizeof *pts * 2 * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        DiagScore sc;
        diag_score(app->content->diagnosis, st->rows[first + i].scope, st->rows[first + i].answers, &sc);
        int x = plot.x + (n == 1 ? plot.w / 2 : i * plot.w / (n - 1));
        int y = plot.y + plot.h - (sc.total - lo) * plot.h / (hi - lo);
        pts[2 * i] = (int16_t)x, pts[2 * i + 1] = (int16_t)y;
        ui_fill(ui, (Rect){x - 6, y - 6, 12, 12}, THEME_PRIMARY);
    }
    if (n > 1)
        ui_polyline(ui, pts, n, THEME_PRIMARY);
}

static void history_view(Ui *ui, App *app, ResultState *st, Rect r)
{
    Rect list = r;
    chart(ui, app, st, cut_top(&list, r.h / 2 > 360 ? 360 : r.h / 2, THEME_GAP));
    int px = ui_px(ui, THEME_PX_SMALL), lh = px * 3 / 2 + 4;
    int per_col = list.h / lh, cols = r.w >= 900 ? 2 : 1; /* newest first, down each column */
    for (int k = 0; k < st->nrows && k < per_col * cols; k++) {
        const DiagRecord *d = &st->rows[st->nrows - 1 - k]; /* newest first */
        DiagScore sc;
        char line[128], date[DATE_BUF];
        diag_score(app->content->diagnosis, d->scope, d->answers, &sc);
        snprintf(line, sizeof line, app_str(app, "%s  %d 点  (%s)", "%s  %d points  (%s)"),
                 format_date(app, d->time, date), sc.total, d->code);
        Rect c = rect_column(list, k / per_col, cols, 0);
        ui_label(ui, c.x, c.y + k % per_col * lh, px, false, THEME_TEXT, line);
    }
}

/* ---- the frame ---- */

static const DiagScope SCOPES[2] = {DIAG_COMPANY, DIAG_SELF};

/* The actions along the bottom, left to right: answer (again), history/result, by department. */
typedef enum { ACT_ANSWER, ACT_HISTORY, ACT_TEAM } Action;
static const char *const ACTION_IDS[] = {
    [ACT_ANSWER] = "answer", [ACT_HISTORY] = "history", [ACT_TEAM] = "team"};

/* The actions shown, and their labels; returns how many. */
static int action_labels(App *app, const ResultState *st, Action *acts, const char **labels)
{
    int n = 0;
    acts[n] = ACT_ANSWER;
    labels[n++] =
        st->nrows ? app_str(app, "もう一度診断する", "Answer again") : app_str(app, "診断を始める", "Start");
    if (st->nrows) {
        acts[n] = ACT_HISTORY;
        labels[n++] = st->history ? app_str(app, "結果に戻る", "Result") : app_str(app, "履歴", "History");
    }
    if (st->arg.scope == DIAG_COMPANY && diag_may_answer_company(app)) {
        acts[n] = ACT_TEAM;
        labels[n++] = app_str(app, "部署別", "By department");
    }
    return n;
}

static Nav actions(Ui *ui, App *app, ResultState *st, Rect r)
{
    bool company = st->arg.scope == DIAG_COMPANY, may = !company || diag_may_answer_company(app);
    Action acts[3];
    const char *labels[3];
    int n = action_labels(app, st, acts, labels);
    Nav to = nav_stay();
    for (int i = 0; i < n; i++) {
        bool answer = acts[i] == ACT_ANSWER;
        if (!ui_button(ui, ACTION_IDS[acts[i]], bar_column(ui, r, labels, n, i), labels[i],
                       answer ? BTN_PRIMARY : BTN_SECONDARY, !answer || may))
            continue;
        if (answer)
            to = nav_push(&SCREEN_DIAGNOSIS, &SCOPES[!company]);
        else if (acts[i] == ACT_HISTORY)
            st->history = !st->history;
        else
            to = nav_push(&SCREEN_DIAG_TEAM, NULL);
    }
    if (to.kind != NAV_STAY)
        st->loaded = false;
    return to;
}

static Nav result_frame(Screen *s, App *app, Ui *ui)
{
    ResultState *st = s->state;
    if (!st->loaded)
        result_load(st, app);
    bool back = false;
    const char *title = st->arg.scope == DIAG_SELF ? app_str(app, "わたしの実践：結果", "My practice: result")
                                                   : app_str(app, "自社診断：結果", "Self-diagnosis: result");
    int y = draw_header(ui, app, title, "back", app_str(app, "戻る", "Back"), &back);
    if (back || ui->in.key == UI_KEY_ESC)
        return nav_back();
    Action acts[3];
    const char *labels[3];
    int n = action_labels(app, st, acts, labels);
    Rect col = layout_column(ui, 1400), bar = cut_bottom(&col, bar_height(ui, col.w, labels, n), THEME_GAP);
    Flow f = flow_at(col, y + THEME_GAP);
    const char *band = st->error[0] ? st->error
                       : st->arg.just_recorded
                           ? app_str(app, "診断を記録しました。", "The diagnosis is recorded.")
                       : !st->nrows ? app_str(app, "まだ診断していません。", "No diagnosis yet.")
                                    : NULL;
    bool company = st->arg.scope == DIAG_COMPANY;
    if (band)
        flow_band(ui, &f,
                  st->error[0]            ? BAND_ERROR
                  : st->arg.just_recorded ? BAND_SUCCESS
                                          : BAND_NOTICE,
                  band, THEME_GAP);
    if (company && !diag_may_answer_company(app)) /* why 診断を始める is greyed */
        flow_band(ui, &f, BAND_NOTICE, diag_company_who(app), THEME_GAP);
    Rect area = flow_row(&f, flow_left(&f), 0); /* down to the actions */
    const Lesson *chosen = NULL;
    if (st->nrows && st->history)
        history_view(ui, app, st, area);
    else if (st->nrows)
        chosen = result_view(ui, app, st, area);
    if (chosen) {
        st->loaded = false;
        return nav_push(&SCREEN_LESSON, chosen);
    }
    return actions(ui, app, st, bar);
}

const ScreenOps SCREEN_DIAG_RESULT = {
    .name = "diag-result",
    .state_size = sizeof(ResultState),
    .enter = result_enter,
    .frame = result_frame,
    .leave = result_leave,
};
