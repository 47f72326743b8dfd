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
#include "field.h"
#include "screens.h"
#include "theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ROW_H = 66, HISTORY_MAX = 24 };

typedef struct {
    DiagResultArg arg;
    DiagRecord *rows; /* heap: oldest first */
    int nrows;
    bool loaded, history;
    int first; /* the first item row shown */
    char error[640];
} ResultState;

static const char *const PART_JA[DIAG_PARTS] = {"基本的対策", "従業員としての対策", "組織としての対策"};
static const char *const PART_EN[DIAG_PARTS] = {"Basic measures", "As an employee", "As an organisation"};

bool diag_may_answer_company(const App *app)
{
    return app->user.role == ROLE_MANAGER || app->user.role == ROLE_PRESIDENT;
}

static void result_load(ResultState *st, App *app)
{
    Err e = {0};
    free(st->rows);
    st->rows = NULL, st->nrows = 0;
    const char *code = st->arg.scope == DIAG_SELF ? app->user.code : NULL;
    if (!store_list_diagnoses(app->store, st->arg.scope, code, &st->rows, &st->nrows, &e))
        snprintf(st->error, sizeof st->error, "%s", e.msg);
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

static int score_block(Ui *ui, App *app, const DiagRecord *d, const DiagScore *sc, Rect r)
{
    char big[64], date[16], line[200];
    int y = r.y;
    snprintf(big, sizeof big, app_str(app, "%d 点", "%d points"), sc->total);
    ui_label(ui, r.x, y, THEME_PX_HERO, true, THEME_PRIMARY, big);
    snprintf(line, sizeof line, app_str(app, "%s ・ 回答 %s", "%s · answered by %s"),
             format_date(d->time, date), d->code);
    int hero_h = THEME_PX_HERO * 3 / 2 + 4; /* the line height of the hero size */
    ui_label(ui, r.x, y + hero_h, THEME_PX_SMALL, false, THEME_MUTED, line);
    y += hero_h + 30 + THEME_GAP;
    if (sc->band) {
        snprintf(line, sizeof line, "%d〜%d: %s", sc->band->min, sc->band->max,
                 app_text(app, sc->band->title));
        y += ui_paragraph(ui, (Rect){r.x, y, r.w, 0}, THEME_PX_BODY, true, THEME_TEXT, line) + 6;
        y += ui_paragraph(ui, (Rect){r.x, y, r.w, 0}, THEME_PX_SMALL, false, THEME_TEXT,
                          app_text(app, sc->band->advice)) +
             THEME_GAP;
    }
    snprintf(
        line, sizeof line,
        app_str(app, "A 実施 %d ＋ B 一部 %d ＋ C わからない %d", "A yes %d + B partly %d + C don't know %d"),
        sc->subtotal[DIAG_YES], sc->subtotal[DIAG_PARTLY], sc->subtotal[DIAG_UNKNOWN]);
    y += ui_paragraph(ui, (Rect){r.x, y, r.w, 0}, THEME_PX_SMALL, false, THEME_TEXT, line) + THEME_GAP;
    return y - r.y;
}

static int part_bars(Ui *ui, App *app, const DiagScore *sc, Rect r)
{
    int y = r.y;
    for (int p = 0; p < DIAG_PARTS; p++) {
        if (!sc->part_max[p])
            continue;
        char label[128];
        snprintf(label, sizeof label, "Part %d %s  %d / %d", p + 1,
                 app->lang == LANG_EN ? PART_EN[p] : PART_JA[p], sc->part_points[p], sc->part_max[p]);
        ui_label(ui, r.x, y, THEME_PX_SMALL, false, THEME_TEXT, label);
        double share = sc->part_points[p] > 0 ? sc->part_points[p] / (double)sc->part_max[p] : 0;
        ui_progress(ui, (Rect){r.x, y + 28, r.w, 12}, share, THEME_PASS);
        y += 52;
    }
    return y - r.y;
}

/* One item: number and lesson title on one line, the answer and its points under it, and a
 * button to the lesson. */
static const Lesson *item_row(Ui *ui, App *app, const DiagRecord *d, int i, Rect r)
{
    const DiagSheet *sh = app->content->diagnosis;
    const DiagItem *it = &sh->items[i];
    const Lesson *l = content_lesson(app->content, it->measure);
    DiagAnswer a = d->answers[i];
    char title[200], answer[160], id[24];
    snprintf(title, sizeof title, "%d. %s", it->item,
             l ? app_text(app, l->title) : app_text(app, it->question));
    snprintf(answer, sizeof answer, app_str(app, "%s（%d 点）", "%s (%d points)"),
             app_text(app, sh->answers[a].label), sh->answers[a].points);
    Color edge = a == DIAG_YES ? THEME_PASS : a == DIAG_PARTLY ? THEME_FOCUS : THEME_FAIL;
    ui_fill(ui, r, THEME_SURFACE);
    ui_fill(ui, (Rect){r.x, r.y, 8, r.h}, edge);
    int bw = l ? 200 : 0, tw = r.w - bw - 32;
    ui_label(ui, r.x + 20, r.y + 2, THEME_PX_SMALL + 2, true, THEME_TEXT,
             field_fit(ui, THEME_PX_SMALL + 2, true, title, tw));
    ui_label(ui, r.x + 20, r.y + 34, THEME_PX_SMALL, false, THEME_MUTED,
             field_fit(ui, THEME_PX_SMALL, false, answer, tw));
    snprintf(id, sizeof id, "lesson-%d", it->measure);
    if (l && ui_button(ui, id, (Rect){r.x + r.w - bw, r.y + 4, bw, r.h - 8},
                       app_str(app, "レッスン ▶", "Lesson ▶"), BTN_SECONDARY, true))
        return l;
    return NULL;
}

static const Lesson *item_list(Ui *ui, App *app, ResultState *st, const DiagRecord *d, Rect r)
{
    int order[DIAG_ITEMS], n = diag_weakest(d->answers, order);
    ui_label(ui, r.x, r.y, THEME_PX_SMALL, true, THEME_MUTED,
             app_str(app, "弱い項目から順に", "Weakest items first"));
    int top = r.y + 34, per_page = (r.h - 34 - 64) / (ROW_H + 8);
    per_page = per_page < 1 ? 1 : per_page;
    const Lesson *chosen = NULL;
    for (int k = st->first; k < n && k < st->first + per_page; k++) {
        const Lesson *l =
            item_row(ui, app, d, order[k], (Rect){r.x, top + (k - st->first) * (ROW_H + 8), r.w, ROW_H});
        chosen = l ? l : chosen;
    }
    int py = r.y + r.h - 56, pw = (r.w - THEME_GAP) / 2;
    if (st->first > 0 && ui_button(ui, "items-prev", (Rect){r.x, py, pw, 56},
                                   app_str(app, "◀ 前", "◀ Previous"), BTN_QUIET, true))
        st->first -= per_page;
    if (st->first + per_page < n && ui_button(ui, "items-next", (Rect){r.x + pw + THEME_GAP, py, pw, 56},
                                              app_str(app, "次 ▶", "More ▶"), BTN_QUIET, true))
        st->first += per_page;
    st->first = st->first < 0 ? 0 : st->first;
    return chosen;
}

static const Lesson *result_view(Ui *ui, App *app, ResultState *st, Rect r)
{
    const DiagRecord *d = &st->rows[st->nrows - 1];
    DiagScore sc;
    diag_score(app->content->diagnosis, d->scope, d->answers, &sc);
    bool wide = r.w >= 1000 && ui->w > ui->h;
    Rect left = wide ? (Rect){r.x, r.y, r.w * 2 / 5, r.h} : r;
    int h = score_block(ui, app, d, &sc, left);
    h += part_bars(ui, app, &sc, (Rect){left.x, left.y + h, left.w, 0});
    Rect list = wide ? (Rect){r.x + left.w + 2 * THEME_PAD, r.y, r.w - left.w - 2 * THEME_PAD, r.h}
                     : (Rect){r.x, r.y + h + THEME_GAP, r.w, r.h - h - THEME_GAP};
    return item_list(ui, app, st, d, list);
}

/* ---- the history ---- */

static void chart(Ui *ui, App *app, const ResultState *st, Rect r)
{
    ui_fill(ui, r, THEME_SURFACE);
    ui_frame(ui, r, THEME_BORDER, 1);
    int lo = st->arg.scope == DIAG_SELF ? -DIAG_SELF_ITEMS : app->content->diagnosis->lowest;
    int hi = st->arg.scope == DIAG_SELF ? 4 * DIAG_SELF_ITEMS : app->content->diagnosis->highest;
    Rect plot = {r.x + 70, r.y + 16, r.w - 90, r.h - 32};
    static const int edges[] = {100, 70, 50, 0};
    for (int k = 0; k < 4 && st->arg.scope == DIAG_COMPANY; k++) {
        int y = plot.y + plot.h - (edges[k] - lo) * plot.h / (hi - lo);
        char v[8];
        snprintf(v, sizeof v, "%d", edges[k]);
        ui_fill(ui, (Rect){plot.x, y, plot.w, 1}, THEME_BORDER);
        ui_label(ui, r.x + 12, y - 12, THEME_PX_SMALL, false, THEME_MUTED, v);
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
    int ch = r.h / 2 > 360 ? 360 : r.h / 2;
    chart(ui, app, st, (Rect){r.x, r.y, r.w, ch});
    int y = r.y + ch + THEME_GAP, per_col = (r.h - ch - THEME_GAP) / 34, cols = r.w >= 900 ? 2 : 1;
    for (int k = 0; k < st->nrows && k < per_col * cols; k++) {
        const DiagRecord *d = &st->rows[st->nrows - 1 - k]; /* newest first */
        DiagScore sc;
        char line[128], date[16];
        diag_score(app->content->diagnosis, d->scope, d->answers, &sc);
        snprintf(line, sizeof line, app_str(app, "%s  %d 点  (%s)", "%s  %d points  (%s)"),
                 format_date(d->time, date), sc.total, d->code);
        ui_label(ui, r.x + k / per_col * (r.w / cols), y + k % per_col * 34, THEME_PX_SMALL, false,
                 THEME_TEXT, line);
    }
}

/* ---- the frame ---- */

static const DiagScope SCOPES[2] = {DIAG_COMPANY, DIAG_SELF};

/* The actions along the bottom: answer (again), history/result, by department. */
static Nav actions(Ui *ui, App *app, ResultState *st, Rect r)
{
    bool company = st->arg.scope == DIAG_COMPANY, team = company && diag_may_answer_company(app);
    bool may = !company || diag_may_answer_company(app);
    int n = 1 + (st->nrows > 0) + team, w = (r.w - (n - 1) * THEME_GAP) / n, x = r.x;
    Nav to = nav_stay();
    const char *again =
        st->nrows ? app_str(app, "もう一度診断する", "Answer again") : app_str(app, "診断を始める", "Start");
    if (ui_button(ui, "answer", (Rect){x, r.y, w, r.h}, again, BTN_PRIMARY, may))
        to = nav_push(&SCREEN_DIAGNOSIS, &SCOPES[!company]);
    x += w + THEME_GAP;
    if (st->nrows &&
        ui_button(ui, "history", (Rect){x, r.y, w, r.h},
                  st->history ? app_str(app, "結果に戻る", "Result") : app_str(app, "履歴", "History"),
                  BTN_SECONDARY, true))
        st->history = !st->history;
    x += st->nrows ? w + THEME_GAP : 0;
    if (team && ui_button(ui, "team", (Rect){x, r.y, w, r.h}, app_str(app, "部署別", "By department"),
                          BTN_SECONDARY, true))
        to = nav_push(&SCREEN_DIAG_TEAM, NULL);
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
    Rect col = layout_column(ui, 1400);
    y += THEME_GAP;
    const char *band = st->error[0] ? st->error
                       : st->arg.just_recorded
                           ? app_str(app, "診断を記録しました。", "The diagnosis is recorded.")
                       : !st->nrows ? app_str(app, "まだ診断していません。", "No diagnosis yet.")
                                    : NULL;
    if (band)
        y += draw_band(ui, (Rect){col.x, y, col.w, 0},
                       st->error[0]            ? 1
                       : st->arg.just_recorded ? 2
                                               : 0,
                       band) +
             THEME_GAP;
    int bottom = ui->h - THEME_PAD - THEME_BUTTON_H;
    Rect area = {col.x, y, col.w, bottom - THEME_GAP - y};
    const Lesson *chosen = NULL;
    if (st->nrows && st->history)
        history_view(ui, app, st, area);
    else if (st->nrows)
        chosen = result_view(ui, app, st, area);
    if (chosen) {
        st->loaded = false;
        return nav_push(&SCREEN_LESSON, chosen);
    }
    return actions(ui, app, st, (Rect){col.x, bottom, col.w, THEME_BUTTON_H});
}

const ScreenOps SCREEN_DIAG_RESULT = {
    .name = "diag-result",
    .state_size = sizeof(ResultState),
    .enter = result_enter,
    .frame = result_frame,
    .leave = result_leave,
};
