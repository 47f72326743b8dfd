/* screen_home.c — the signed-in person's progress at a glance: lessons read and tests passed
 * out of 25, the one-star course (the measures that carry the five articles) and the three
 * parts of the sheet as tabs of measure tiles with their state, the language and text-size
 * switches, the follow-up band and under it the pledge band (screen_pledge.c), and sign-out.
 * With a diagnosis sheet, a first tab "for you" lists the lessons of the company's weak items
 * (no, don't know, partly) and then of the person's own (diag_recommend), opens on its own when
 * there are any, and leads to "my practice" (Parts 1–2 for oneself) and, for a manager or the
 * president, to the company's diagnosis.
 * State is read from the store each time the screen is shown. */
#include "followup.h"
#include "progress.h"
#include "screens.h"
#include "theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    FOLLOWUP_MAX = 20,
    REC_MAX = 8,
    PAGER_H = 56,  /* the row of ◀ ▶ under the tiles (at the standard text size) */
    DRAG_MIN = 80, /* a drag this long or longer turns the page of tiles */
    TAB_PAD = 24   /* a tab's margins around its label (ui.c keeps a label on one line within 16) */
};

/* Home's tabs: the one-star course, the sheet's three parts (their numbers are the parts'), and the
 * "for you" list of a diagnosis. */
typedef enum { TAB_COURSE, TAB_PART1, TAB_PART2, TAB_PART3, TAB_REC, NTABS } HomeTab;

typedef struct {
    Progress progress;
    bool loaded;
    unsigned outbox_written; /* app->outbox.written when loaded: a result written since is read */
    char error[640];
    HomeTab tab;
    bool tab_chosen;     /* the first load picked the tab */
    int rec[DIAG_ITEMS]; /* recommended measures, first first */
    int nrec;
    Arena quiz_arena;                   /* owned: the scheduler's state behind a follow-up quiz */
    const Question *quiz[FOLLOWUP_MAX]; /* the follow-up quiz handed to the quiz screen */
    QuizArg quiz_arg;
    int page;             /* the page of tiles shown, when a tab's tiles take more than one */
    int drag_x0, drag_y0; /* where the pointer went down, for a drag that turns the page */
} HomeState;

static const char *const TAB_JA[NTABS] = {"5か条コース", "基本的対策", "従業員としての対策",
                                          "組織としての対策", "おすすめ"};
static const char *const TAB_EN[NTABS] = {"Five articles", "Basics", "As an employee", "As an organisation",
                                          "For you"};
static const DiagScope SELF = DIAG_SELF;
static const DiagResultArg COMPANY_RESULT = {DIAG_COMPANY, false};

static void home_enter(Screen *s, App *app, const void *arg)
{
    (void)s, (void)app, (void)arg;
}

/* The latest diagnosis of scope (of code, or the company's), into ans; false when none. */
static bool latest(App *app, DiagScope scope, const char *code, DiagAnswer ans[DIAG_ITEMS], Err *e)
{
    DiagRecord *rows;
    int n;
    if (!store_list_diagnoses(app->store, scope, code, &rows, &n, e))
        return false;
    if (n)
        memcpy(ans, rows[n - 1].answers, sizeof rows->answers);
    free(rows);
    return n > 0;
}

static void load_recommendations(HomeState *st, App *app)
{
    DiagAnswer co[DIAG_ITEMS], me[DIAG_ITEMS];
    Err e = {0};
    st->nrec = 0;
    if (!app->content->diagnosis)
        return;
    bool has_co = latest(app, DIAG_COMPANY, NULL, co, &e),
         has_me = !e.msg[0] && latest(app, DIAG_SELF, app->user.code, me, &e);
    if (e.msg[0]) {
        snprintf(st->error, sizeof st->error, "%s", e.msg);
        return;
    }
    int all[DIAG_ITEMS],
        n = diag_recommend(app->content->diagnosis, has_co ? co : NULL, has_me ? me : NULL, all);
    for (int i = 0; i < n && st->nrec < REC_MAX; i++)
        if (content_lesson(app->content, all[i]))
            st->rec[st->nrec++] = all[i];
    if (!st->tab_chosen && st->nrec)
        st->tab = TAB_REC;
    st->tab_chosen = true;
}

static void load_status(HomeState *st, App *app)
{
    Err e = {0};
    st->error[0] = '\0';
    if (!progress_of(app->store, app->content, &app->fsrs, app->user.code, app->settings.refresher_months,
                     app->now, &st->progress, &e))
        snprintf(st->error, sizeof st->error, "%s", e.msg);
    load_recommendations(st, app);
    st->loaded = true;
    st->outbox_written = app->outbox.written;
}

/* Chooses the follow-up quiz from the person's recorded answers; returns how many questions. */
static int pick_followup(HomeState *st, App *app)
{
    LoggedAnswer *log = NULL;
    int nlog = 0;
    Err e = {0};
    if (!store_answer_log(app->store, app->user.code, &log, &nlog, &e)) {
        snprintf(st->error, sizeof st->error, "%s", e.msg);
        return 0;
    }
    arena_free(&st->quiz_arena);
    Followup f;
    followup_build(&f, app->content, &app->fsrs, log, nlog, &st->quiz_arena);
    store_answer_log_free(log);
    const FollowupItem *picked[FOLLOWUP_MAX];
    int len = app->settings.followup_length < FOLLOWUP_MAX ? app->settings.followup_length : FOLLOWUP_MAX;
    int n = followup_pick(&f, app->now, picked, len);
    for (int i = 0; i < n; i++)
        st->quiz[i] = picked[i]->question;
    return n;
}

static void home_leave(Screen *s, App *app)
{
    (void)app;
    HomeState *st = s->state;
    arena_free(&st->quiz_arena);
}

/* The follow-up band's text: how many questions are due, or when the next is. */
static void followup_text(const App *app, const HomeState *st, char *msg, size_t size)
{
    char date[DATE_BUF];
    int due = st->progress.followup_due;
    if (due > 0)
        snprintf(
            msg, size,
            app_str(app, "フォローアップ：復習する問題が %d 問あります", "Follow-up: %d questions to review"),
            due);
    else if (st->progress.next_followup)
        snprintf(msg, size, app_str(app, "フォローアップ：次は %s ごろです", "Follow-up: next one around %s"),
                 format_date(app, st->progress.next_followup, date));
    else
        snprintf(msg, size, "%s",
                 app_str(app, "フォローアップ：テストを受けると、ここに復習が出ます",
                         "Follow-up: take a test and reviews will appear here"));
}

/* The follow-up band's height at width w, as tall as its text needs in the person's size (its start
 * button, when questions are due, on the right). */
static int followup_height(Ui *ui, const App *app, const HomeState *st, int w)
{
    char msg[160];
    followup_text(app, st, msg, sizeof msg);
    int bw = st->progress.followup_due > 0 ? ui_px(ui, 260) + THEME_GAP : 0;
    int h = ui_paragraph_height(ui, w - bw - 40, ui_px(ui, THEME_PX_BODY), false, msg) + 16;
    return h > 56 ? h : 56;
}

/* The follow-up band as the next row of f: how many questions are due and a start button, or when the
 * next is. */
static Nav followup_row(Ui *ui, App *app, HomeState *st, Flow *f)
{
    char msg[160];
    int due = st->progress.followup_due;
    followup_text(app, st, msg, sizeof msg);
    int bw = due > 0 ? ui_px(ui, 260) : 0;
    Rect band = flow_next(f);
    Rect b = cut_right(&band, bw, bw ? THEME_GAP : 0);
    int h = followup_height(ui, app, st, band.w + (bw ? bw + THEME_GAP : 0));
    flow_skip(f, h + THEME_GAP);
    draw_band(ui, rect_height(band, h), due > 0 ? BAND_NOTICE : BAND_SUCCESS, msg);
    if (!bw || !ui_button(ui, "followup", rect_height(b, h), app_str(app, "復習を始める ▶", "Start review ▶"),
                          BTN_PRIMARY, true))
        return nav_stay();
    int n = pick_followup(st, app);
    st->quiz_arg = (QuizArg){.followup = st->quiz, .nfollowup = n};
    st->loaded = false;
    return n ? nav_push(&SCREEN_QUIZ, &st->quiz_arg) : nav_stay();
}

static void save_prefs(HomeState *st, App *app)
{
    Err e = {0};
    if (!store_set_prefs(app->store, app->user.code, app->lang, app->large_text, app->now, &e))
        snprintf(st->error, sizeof st->error, "%s %s",
                 app_str(app, "設定を保存できませんでした。", "Your choice could not be saved."), e.msg);
}

static bool in_tab(const App *app, HomeTab tab, int measure)
{
    const Lesson *l = content_lesson(app->content, measure);
    if (tab == TAB_REC)
        return false; /* the "for you" tab lists its own order */
    if (tab == TAB_COURSE)
        return l && l->article > 0;
    return l ? l->part == (int)tab : (measure <= 6 ? 1 : measure <= 16 ? 2 : 3) == (int)tab;
}

static const char *state_text(const App *app, const Progress *p, int m, char *buf, size_t size)
{
    const MeasureStatus *ms = &p->measures[m];
    char date[DATE_BUF];
    if (p->refresh[m] == REFRESH_OVERDUE)
        snprintf(buf, size, "%s", app_str(app, "! 再受講が遅れています", "! Retake overdue"));
    else if (p->refresh[m] == REFRESH_DUE)
        snprintf(buf, size, "%s", app_str(app, "! 再受講の時期です", "! Time to retake"));
    else if (ms->passed_at)
        snprintf(buf, size, app_str(app, "✓ 合格 %s", "✓ Passed %s"),
                 format_date(app, ms->last_passed_at, date));
    else if (ms->attempts)
        snprintf(buf, size, "%s", app_str(app, "× 未合格・再テスト", "× Not passed yet: retake"));
    else if (ms->read_at)
        snprintf(buf, size, app_str(app, "● 読了 %s・テスト未受験", "● Read %s, test not taken"),
                 format_date(app, ms->read_at, date));
    else
        snprintf(buf, size, "%s", app_str(app, "○ 未着手", "○ Not started"));
    return buf;
}

/* The width left for a tile's title in a tile of r's size: the picture (when shown) takes a part on the
 * right. */
static int title_width(const Lesson *l, Rect r, bool pictures, int *icon)
{
    int ic = pictures && l->picture && r.h >= 60 ? (r.h - 16) * 4 / 3 : 0;
    if (ic > r.w * 3 / 10)
        ic = r.w * 3 / 10; /* narrow tiles (portrait): the title keeps most of the width */
    *icon = ic;
    return r.w - (ic ? ic + 8 : 0) - 24 - 16;
}

static const char *tile_head(Ui *ui, App *app, const Lesson *l)
{
    return arena_printf(&ui->frame, "%d. %s", l->measure, app_text(app, l->title));
}

/* The height a tile of r's width and height needs for its title at px and its state line. */
static int tile_need(Ui *ui, App *app, const Lesson *l, Rect r, int px, bool pictures)
{
    int icon, w = title_width(l, r, pictures, &icon);
    int line = ui_paragraph_height(ui, w, ui_px(ui, THEME_PX_SMALL), false, "|");
    return 6 + ui_paragraph_height(ui, w, px, true, tile_head(ui, app, l)) + 4 + line + 4;
}

/* One measure as a big tile, its title at px (the same for every tile of the page); returns true when
 * tapped. */
static bool tile(Ui *ui, App *app, const Lesson *l, const Progress *p, Rect r, int px, bool pictures)
{
    char state[96], label[256], id[24];
    const MeasureStatus *ms = &p->measures[l->measure - 1];
    bool refresh = p->refresh[l->measure - 1] != REFRESH_NONE;
    state_text(app, p, l->measure - 1, state, sizeof state);
    snprintf(label, sizeof label, "%s — %s", tile_head(ui, app, l), state);
    snprintf(id, sizeof id, "measure-%d", l->measure);
    bool used = ui_area(ui, id, r, label);
    bool focused = ui_last_focused(ui);
    Color edge = refresh         ? THEME_FOCUS
                 : ms->passed_at ? THEME_PASS
                 : ms->attempts  ? THEME_FAIL
                                 : THEME_BORDER;
    ui_fill(ui, r, ms->passed_at && !refresh ? THEME_PASS_SOFT : THEME_SURFACE);
    ui_frame(ui, r, edge, 2);
    ui_fill(ui, rect_width(r, 10), edge);
    int icon;
    Rect text = rect_sides(r, 24, 0);
    text.w = title_width(l, r, pictures, &icon);
    Rect rest = r, pic = cut_right(&rest, icon + 8, 0);
    if (icon)
        ui_image(ui, rect_middle(rect_sides(pic, 0, 8), icon * 3 / 4), l->picture);
    int spx = ui_px(ui, THEME_PX_SMALL), line = ui_paragraph_height(ui, text.w, spx, false, "|");
    ui_paragraph(ui, rect_down(text, 6), px, true, THEME_TEXT, tile_head(ui, app, l));
    Color sc = refresh ? THEME_TEXT : ms->passed_at ? THEME_PASS : ms->attempts ? THEME_FAIL : THEME_MUTED;
    ui_label(ui, text.x, r.y + r.h - line - 2, spx, false, sc, state); /* the state, in the person's size */
    if (focused)
        ui_focus_ring(ui, r);
    return used;
}

static void progress_rows(Ui *ui, App *app, HomeState *st, Rect r)
{
    const char *names[2] = {app_str(app, "レッスン", "Lessons read"),
                            app_str(app, "テスト合格", "Tests passed")};
    int px = ui_px(ui, THEME_PX_BODY);
    for (int i = 0; i < 2; i++) {
        int done = i ? st->progress.tests_passed : st->progress.lessons_read;
        char label[96];
        snprintf(label, sizeof label, "%s  %d / %d", names[i], done, MEASURES);
        Rect c = rect_column(r, i, 2, THEME_GAP);
        ui_label(ui, c.x, c.y, px, true, THEME_TEXT, label);
        ui_progress(ui, rect_height(rect_down(c, px * 3 / 2 + 3), 16), done / (double)MEASURES,
                    i ? THEME_PASS : THEME_PRIMARY);
    }
}

/* How many of the tabs from first on fit one row of width w, each as wide as its label (bold, in the
 * person's size) and its margins; at least one. */
static int tabs_in_row(Ui *ui, const char *const labels[], int first, int n, int w)
{
    int used = 0, k = first, px = ui_px(ui, THEME_PX_BUTTON);
    for (; k < n; k++) {
        int lw = ui_text_width(ui, px, true, labels[k], (int)strlen(labels[k])) + TAB_PAD;
        if (k > first && used + THEME_GAP + lw > w)
            break;
        used += (k > first ? THEME_GAP : 0) + lw;
    }
    return k - first;
}

/* The tabs as the next rows of f: as many in a row as their labels allow at the person's text size
 * (each as wide as its label, the room left shared out), so no label has to shrink; "for you" first
 * when there is a diagnosis sheet. */
static const HomeTab TAB_ORDER[NTABS] = {TAB_REC, TAB_COURSE, TAB_PART1, TAB_PART2, TAB_PART3};

/* The tabs' labels in order; returns how many (*skip: of TAB_ORDER's first, left out). */
static int tab_labels(const App *app, const char *labels[NTABS], int *skip)
{
    int ntabs = app->content->diagnosis ? NTABS : NTABS - 1;
    *skip = NTABS - ntabs;
    for (int k = 0; k < ntabs; k++)
        labels[k] = app->lang == LANG_EN ? TAB_EN[TAB_ORDER[k + *skip]] : TAB_JA[TAB_ORDER[k + *skip]];
    return ntabs;
}

static int tab_height(Ui *ui)
{
    return ui_px(ui, THEME_PX_BUTTON) * 3 / 2 + 17; /* 56 at the standard size */
}

/* The height the tabs take at width w, with the gap below them. */
static int tabs_height(Ui *ui, const App *app, int w)
{
    const char *labels[NTABS];
    int skip, ntabs = tab_labels(app, labels, &skip), rows = 0;
    for (int k = 0; k < ntabs; rows++)
        k += tabs_in_row(ui, labels, k, ntabs, w);
    return rows * tab_height(ui) + (rows - 1) * 10 + THEME_GAP;
}

static void tabs(Ui *ui, App *app, HomeState *st, Flow *f)
{
    const char *labels[NTABS];
    int skip, ntabs = tab_labels(app, labels, &skip), px = ui_px(ui, THEME_PX_BUTTON), h = tab_height(ui);
    for (int k = 0; k < ntabs;) {
        int n = tabs_in_row(ui, labels, k, ntabs, f->area.w), used = (n - 1) * THEME_GAP;
        for (int j = k; j < k + n; j++)
            used += ui_text_width(ui, px, true, labels[j], (int)strlen(labels[j])) + TAB_PAD;
        Rect row = flow_row(f, h, k + n < ntabs ? 10 : THEME_GAP);
        int extra = (row.w - used) / n; /* the room left, shared out */
        for (int j = k; j < k + n; j++) {
            HomeTab t = TAB_ORDER[j + skip];
            int w = ui_text_width(ui, px, true, labels[j], (int)strlen(labels[j])) + TAB_PAD + extra;
            char id[24];
            snprintf(id, sizeof id, "tab-%d", (int)t);
            if (ui_button(ui, id, cut_left(&row, j == k + n - 1 ? row.w : w, THEME_GAP), labels[j],
                          st->tab == t ? BTN_PRIMARY : BTN_SECONDARY, true) &&
                st->tab != t)
                st->tab = t, st->page = 0;
        }
        k += n;
    }
}

/* The "for you" tab's head: what the list is, and the ways into the diagnosis. Returns the
 * height used; *to is set when a button was pressed. */
static int rec_head(Ui *ui, App *app, HomeState *st, Rect r, Nav *to)
{
    bool company = diag_may_answer_company(app);
    int bw = ui_px(ui, company ? 320 : 340), nb = company ? 2 : 1, px = ui_px(ui, THEME_PX_SMALL);
    bool wide = r.w - nb * bw - nb * THEME_GAP >= 400; /* room for the text beside the buttons */
    const char *mine = app_str(app, "わたしの実践チェック ▶", "My practice ▶");
    if (!wide)
        bw = (r.w - (nb - 1) * THEME_GAP) / nb;
    bool stacked =
        !wide && ui_text_width(ui, ui_px(ui, THEME_PX_BUTTON), true, mine, (int)strlen(mine)) > bw - 16;
    if (stacked) /* too narrow for the labels side by side: one button a row */
        bw = r.w;
    const char *msg =
        st->nrec ? app_str(app, "自社診断で弱かった項目のレッスンです。",
                           "Lessons for the weak items of the diagnosis.")
                 : app_str(app, "自社診断の結果があると、ここにおすすめが出ます。",
                           "When there is a self-diagnosis, lessons for its weak items appear here.");
    Flow f = flow_in(r);
    if (!wide) /* narrow: the text above the buttons */
        flow_skip(&f, ui_paragraph(ui, flow_next(&f), px, false, THEME_TEXT, msg) + 8);
    int bh = ui_px(ui, 56), rows = stacked ? nb : 1;
    Rect row = flow_row(&f, rows * bh + (rows - 1) * THEME_GAP, THEME_GAP);
    Rect buttons = cut_right(&row, stacked ? bw : nb * bw + (nb - 1) * THEME_GAP, THEME_GAP);
    if (wide) /* wide: beside them */
        ui_paragraph(ui, rect_down(row, 8), px, false, THEME_TEXT, msg);
    if (ui_button(ui, "my-practice", rect_grid(buttons, 0, stacked ? 1 : nb, bh, THEME_GAP, THEME_GAP), mine,
                  BTN_PRIMARY, true))
        *to = nav_push(&SCREEN_DIAGNOSIS, &SELF);
    if (company &&
        ui_button(ui, "company-diagnosis", rect_grid(buttons, 1, stacked ? 1 : nb, bh, THEME_GAP, THEME_GAP),
                  app_str(app, "会社の自社診断 ▶", "Company diagnosis ▶"), BTN_SECONDARY, true))
        *to = nav_push(&SCREEN_DIAG_RESULT, &COMPANY_RESULT);
    return f.y - r.y;
}

/* How a tab's tiles are laid out: columns, the one tile height that fits every title at the same size,
 * and how many tiles a page holds when they do not all fit (a pager row below them then); with or
 * without the pictures. */
typedef struct {
    int cols, th, per_page, npages;
    bool pictures;
    bool fits; /* a row of tiles (and the pager, when paged) fits the area's height */
} TileGrid;

/* The tile height that fits every title when tiles are w wide, from h up (a taller tile has a bigger
 * picture, so a narrower title: a few passes settle it). */
static int tile_height(Ui *ui, App *app, const int shown[], int n, int w, int h, int px, bool pictures)
{
    Rect cell = {0, 0, w, h};
    for (int pass = 0, grew = 1; pass < 4 && grew; pass++) {
        grew = 0;
        for (int i = 0; i < n; i++) {
            int need = tile_need(ui, app, content_lesson(app->content, shown[i]), cell, px, pictures);
            if (need > cell.h)
                cell.h = need, grew = 1;
        }
    }
    return cell.h;
}

static TileGrid plan_with(Ui *ui, App *app, const int shown[], int n, Rect area, int px, bool pictures)
{
    TileGrid g = {.cols = (area.w - THEME_GAP) / 2 >= ui_px(ui, 360) ? 2 : 1, .pictures = pictures};
    int rows = (n + g.cols - 1) / g.cols, th = rows ? (area.h - (rows - 1) * 10) / rows : 0;
    int w = (area.w - (g.cols - 1) * THEME_GAP) / g.cols;
    g.th = tile_height(ui, app, shown, n, w, th > 130 ? 130 : th < 64 ? 64 : th, px, pictures);
    if (rows * (g.th + 10) - 10 <= area.h) {
        g.per_page = n, g.npages = 1, g.fits = true;
        return g;
    }
    /* pages: as many rows of the least height as fit above the pager, grown to fill them */
    int least = tile_height(ui, app, shown, n, w, 64, px, pictures);
    int room = area.h - ui_px(ui, PAGER_H) - THEME_GAP + 10, fit = room / (least + 10);
    g.fits = fit >= 1;
    fit = fit > 1 ? fit : 1;
    int fill = room / fit - 10;
    fill = fill > 130 ? 130 : fill;
    g.th = fill > least ? tile_height(ui, app, shown, n, w, fill, px, pictures) : least;
    g.th = g.th > fill && fill > least ? least : g.th;
    g.per_page = fit * g.cols;
    g.npages = (n + g.per_page - 1) / g.per_page;
    return g;
}

/* The pictures are left out when that saves a page (their room gives the titles fewer lines), or
 * when a row of tiles with them does not fit. */
static TileGrid plan_grid(Ui *ui, App *app, const int shown[], int n, Rect area, int px)
{
    TileGrid g = plan_with(ui, app, shown, n, area, px, true);
    if (g.npages == 1)
        return g;
    TileGrid bare = plan_with(ui, app, shown, n, area, px, false);
    return bare.npages < g.npages || (!g.fits && bare.fits) ? bare : g;
}

/* The lessons the tab shows, in order; returns how many. */
static int shown_measures(const HomeState *st, const App *app, int shown[MEASURES])
{
    int n = 0;
    for (int k = 0; st->tab == TAB_REC && k < st->nrec; k++)
        shown[n++] = st->rec[k];
    for (int m = 1; m <= MEASURES; m++)
        if (content_lesson(app->content, m) && in_tab(app, st->tab, m))
            shown[n++] = m;
    return n;
}

/* The least height the tab's tiles need at width w: one row of them without pictures, and the
 * pager below (0 with nothing to show). */
static int grid_least(Ui *ui, App *app, const HomeState *st, int w)
{
    int shown[MEASURES], n = shown_measures(st, app, shown);
    if (!n)
        return 0;
    TileGrid g = plan_with(ui, app, shown, n, (Rect){0, 0, w, 0}, ui_px(ui, THEME_PX_BODY), false);
    return g.th + THEME_GAP + ui_px(ui, PAGER_H);
}

static bool inside(Rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

/* A page turn asked for this frame: +1 the next page, -1 the one before, 0 none. PageDown, → and
 * the wheel down turn forward, and so does a finger swipe or a drag (up or to the left) that began
 * on the tiles; *dragged says a drag did it (the tile under it is not opened). */
static int page_turn(const Ui *ui, HomeState *st, Rect area, bool *dragged)
{
    const UiInput *in = &ui->in;
    *dragged = false;
    if (in->pressed)
        st->drag_x0 = in->nmoves ? in->moves[0].x : in->x, st->drag_y0 = in->nmoves ? in->moves[0].y : in->y;
    if (in->key == UI_KEY_PAGEDOWN || in->key == UI_KEY_RIGHT || in->wheel < 0 || in->swipe > 0)
        return 1;
    if (in->key == UI_KEY_PAGEUP || in->key == UI_KEY_LEFT || in->wheel > 0 || in->swipe < 0)
        return -1;
    if (!in->released || !inside(area, st->drag_x0, st->drag_y0))
        return 0;
    int dx = in->x - st->drag_x0, dy = in->y - st->drag_y0, d = abs(dx) > abs(dy) ? dx : dy;
    *dragged = d < -DRAG_MIN || d > DRAG_MIN;
    return d < -DRAG_MIN ? 1 : d > DRAG_MIN ? -1 : 0;
}

/* Below the tiles when they take more than one page: ◀, "page 1 of 3", ▶. */
static void pager(Ui *ui, App *app, HomeState *st, Rect r, int npages)
{
    int bw = ui_px(ui, 180), px = ui_px(ui, THEME_PX_BODY);
    if (ui_button(ui, "tiles-prev", cut_left(&r, bw, THEME_GAP), app_str(app, "◀ 前へ", "◀ Back"),
                  BTN_SECONDARY, st->page > 0))
        st->page--;
    if (ui_button(ui, "tiles-next", cut_right(&r, bw, THEME_GAP), app_str(app, "次へ ▶", "Next ▶"),
                  BTN_PRIMARY, st->page < npages - 1))
        st->page++;
    char label[64];
    snprintf(label, sizeof label,
             app_str(app, "%d / %d ページ（スワイプでもめくれます）", "Page %d of %d (or swipe)"),
             st->page + 1, npages);
    int w = ui_text_width(ui, px, true, label, (int)strlen(label));
    if (w > r.w)
        snprintf(label, sizeof label, app_str(app, "%d / %d ページ", "Page %d of %d"), st->page + 1, npages),
            w = ui_text_width(ui, px, true, label, (int)strlen(label));
    ui_label(ui, r.x + (r.w - w) / 2, r.y + (r.h - px * 3 / 2) / 2, px, true, THEME_TEXT, label);
}

/* The tab's tiles in area, every title at the same size: a page of them at a time when they do not
 * all fit. Returns the lesson of the tile tapped, or NULL. */
static const Lesson *measure_grid(Ui *ui, App *app, HomeState *st, Rect area)
{
    int shown[MEASURES], n = shown_measures(st, app, shown), px = ui_px(ui, THEME_PX_BODY);
    TileGrid g = plan_grid(ui, app, shown, n, area, px);
    bool dragged;
    st->page += page_turn(ui, st, area, &dragged);
    st->page = st->page >= g.npages ? g.npages - 1 : st->page < 0 ? 0 : st->page;
    const Lesson *chosen = NULL;
    for (int i = st->page * g.per_page; i < n && i < (st->page + 1) * g.per_page; i++) {
        const Lesson *l = content_lesson(app->content, shown[i]);
        Rect cell = rect_grid(area, i - st->page * g.per_page, g.cols, g.th, THEME_GAP, 10);
        if (tile(ui, app, l, &st->progress, cell, px, g.pictures))
            chosen = l;
    }
    int ph = ui_px(ui, PAGER_H);
    if (g.npages > 1)
        pager(ui, app, st, rect_height(rect_down(area, area.h - ph), ph), g.npages);
    return dragged ? NULL : chosen;
}

static void switches(Ui *ui, App *app, HomeState *st, Rect r)
{
    if (ui_button(ui, "lang", rect_column(r, 0, 2, THEME_GAP), app->lang == LANG_JA ? "English" : "日本語",
                  BTN_SECONDARY, true)) {
        app->lang = app->lang == LANG_JA ? LANG_EN : LANG_JA;
        save_prefs(st, app);
    }
    const char *big = app->large_text ? app_str(app, "文字を標準に", "Normal text")
                                      : app_str(app, "文字を大きく", "Larger text");
    if (ui_button(ui, "text-size", rect_column(r, 1, 2, THEME_GAP), big, BTN_SECONDARY, true)) {
        app->large_text = !app->large_text;
        save_prefs(st, app);
    }
}

/* Which of the follow-up and pledge bands are drawn from f on: both, unless the tabs and a row of
 * tiles would not fit below them (1024×768 with larger text). Then a band that only informs (no
 * question due, no pledge to sign yet) gives way: the follow-up's first, then the pledge's. A band
 * with something to press always stays. */
static void bands_shown(Ui *ui, App *app, const HomeState *st, const Flow *f, bool *followup, bool *pledge)
{
    int w = f->area.w, followup_h = followup_height(ui, app, st, w) + THEME_GAP;
    bool pledge_informs;
    int pledge_h = pledge_band_height(ui, app, &st->progress, w, 56, &pledge_informs);
    pledge_h = pledge_h ? pledge_h + THEME_GAP : 0;
    int spare = flow_left(f) - tabs_height(ui, app, w) - grid_least(ui, app, st, w) - followup_h - pledge_h;
    *followup = *pledge = true;
    if (spare < 0 && st->progress.followup_due == 0)
        *followup = false, spare += followup_h;
    if (spare < 0 && pledge_informs)
        *pledge = false;
}

static Nav home_frame(Screen *s, App *app, Ui *ui)
{
    HomeState *st = s->state;
    if (!st->loaded || st->outbox_written != app->outbox.written) /* a result waiting has been written */
        load_status(st, app);
    char hello[256];
    snprintf(hello, sizeof hello, app_str(app, "こんにちは、%sさん", "Hello, %s"), app->user.name);
    bool signout = false;
    int y = draw_header(ui, app, hello, "signout", app_str(app, "サインアウト", "Sign out"), &signout);
    if (signout || ui->in.key == UI_KEY_ESC) { /* said on the start screen, as the idle sign-out is */
        snprintf(app->notice, sizeof app->notice, "%s", "サインアウトしました。 Signed out.");
        return nav_signout();
    }
    Flow f = flow_at(layout_column(ui, 1400), y + THEME_GAP);
    if (st->error[0])
        draw_band(ui, flow_row(&f, 64, THEME_GAP), BAND_ERROR, st->error);
    else if (outbox_waiting_for(&app->outbox, app->user.code)) /* kept, not in the figures below yet */
        draw_band(ui, flow_row(&f, 64, THEME_GAP), BAND_NOTICE,
                  app_str(app, "テストの結果を保存するのを待っています。保存されると、下の数字に入ります。",
                          "Your test result is waiting to be saved. Once it is, it counts below."));
    bool wide = f.area.w >= 1000;                      /* the switches beside the progress, else below it */
    int top_h = ui_px(ui, THEME_PX_BODY) * 3 / 2 + 25; /* a label and its bar: 64 at the standard size */
    Rect top = flow_row(&f, top_h, THEME_GAP);
    Rect sw = wide ? rect_height(cut_right(&top, ui_px(ui, 420), THEME_GAP), top_h - 4)
                   : flow_row(&f, top_h, THEME_GAP);
    progress_rows(ui, app, st, top);
    switches(ui, app, st, sw);
    bool show_followup, show_pledge;
    bands_shown(ui, app, st, &f, &show_followup, &show_pledge);
    Nav to = show_followup ? followup_row(ui, app, st, &f) : nav_stay();
    if (to.kind != NAV_STAY)
        return to;
    int pledge_h = 0;
    if (show_pledge)
        to = pledge_band(ui, app, &st->progress, rect_height(flow_next(&f), 56), &pledge_h);
    if (to.kind != NAV_STAY) {
        st->loaded = false; /* re-read when the person comes back */
        return to;
    }
    flow_skip(&f, pledge_h ? pledge_h + THEME_GAP : 0);
    HomeTab shown_tab = st->tab;
    tabs(ui, app, st, &f);
    if (st->tab != shown_tab) /* the bands above were chosen for the other tab's tiles: the frame */
        return nav_stay();    /* runs again at once (the shell redraws after input) */
    if (st->tab == TAB_REC) {
        to = nav_stay();
        flow_skip(&f, rec_head(ui, app, st, flow_next(&f), &to));
        if (to.kind != NAV_STAY) {
            st->loaded = false;
            return to;
        }
    }
    const Lesson *chosen = measure_grid(ui, app, st, rect_height(flow_next(&f), flow_left(&f)));
    if (chosen) {
        st->loaded = false; /* re-read when the person comes back */
        return nav_push(&SCREEN_LESSON, chosen);
    }
    return nav_stay();
}

const ScreenOps SCREEN_HOME = {
    .name = "home",
    .state_size = sizeof(HomeState),
    .enter = home_enter,
    .frame = home_frame,
    .leave = home_leave,
};
