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

enum { FOLLOWUP_MAX = 20, REC_MAX = 8 };

/* Home's tabs: the one-star course, the sheet's three parts (their numbers are the parts'), and the
 * "for you" list of a diagnosis. */
typedef enum { TAB_COURSE, TAB_PART1, TAB_PART2, TAB_PART3, TAB_REC, NTABS } HomeTab;

typedef struct {
    Progress progress;
    bool loaded;
    char error[640];
    HomeTab tab;
    bool tab_chosen;     /* the first load picked the tab */
    int rec[DIAG_ITEMS]; /* recommended measures, first first */
    int nrec;
    Arena quiz_arena;                   /* owned: the scheduler's state behind a follow-up quiz */
    const Question *quiz[FOLLOWUP_MAX]; /* the follow-up quiz handed to the quiz screen */
    QuizArg quiz_arg;
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

/* The follow-up band: how many questions are due and a start button, or when the next is. */
static Nav followup_row(Ui *ui, App *app, HomeState *st, Rect r)
{
    char msg[160], date[DATE_BUF];
    int due = st->progress.followup_due;
    if (due > 0)
        snprintf(
            msg, sizeof msg,
            app_str(app, "フォローアップ：復習する問題が %d 問あります", "Follow-up: %d questions to review"),
            due);
    else if (st->progress.next_followup)
        snprintf(msg, sizeof msg,
                 app_str(app, "フォローアップ：次は %s ごろです", "Follow-up: next one around %s"),
                 format_date(app, st->progress.next_followup, date));
    else
        snprintf(msg, sizeof msg, "%s",
                 app_str(app, "フォローアップ：テストを受けると、ここに復習が出ます",
                         "Follow-up: take a test and reviews will appear here"));
    int bw = due > 0 ? 260 : 0;
    Rect band = r;
    Rect b = cut_right(&band, bw, bw ? THEME_GAP : 0);
    draw_band(ui, band, due > 0 ? BAND_NOTICE : BAND_SUCCESS, msg);
    if (!bw ||
        !ui_button(ui, "followup", b, app_str(app, "復習を始める ▶", "Start review ▶"), BTN_PRIMARY, true))
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

/* One measure as a big tile; returns true when tapped. */
static bool tile(Ui *ui, App *app, const Lesson *l, const Progress *p, Rect r)
{
    char state[96], label[256], id[24];
    const MeasureStatus *ms = &p->measures[l->measure - 1];
    bool refresh = p->refresh[l->measure - 1] != REFRESH_NONE;
    state_text(app, p, l->measure - 1, state, sizeof state);
    const char *title = app_text(app, l->title);
    snprintf(label, sizeof label, "%d. %s — %s", l->measure, title, state);
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
    int icon = l->picture && r.h >= 60 ? (r.h - 16) * 4 / 3 : 0;
    if (icon > r.w * 3 / 10)
        icon = r.w * 3 / 10; /* narrow tiles (portrait): the title keeps most of the width */
    Rect text = r;
    if (icon)
        ui_image(ui, rect_middle(rect_sides(cut_right(&text, icon + 8, 0), 0, 8), icon * 3 / 4), l->picture);
    text = rect_sides(text, 24, 16);
    char head[160];
    snprintf(head, sizeof head, "%d. %s", l->measure, title);
    int spx = ui_px(ui, THEME_PX_SMALL), line = ui_paragraph_height(ui, text.w, spx, false, "|");
    int px = ui_px(ui, THEME_PX_BODY);
    while (px > 18 && ui_paragraph_height(ui, text.w, px, true, head) > r.h - line - 16)
        px -= 2; /* the title and the state line must both fit the tile */
    ui_paragraph(ui, rect_down(text, 6), px, true, THEME_TEXT, head);
    Color sc = refresh ? THEME_TEXT : ms->passed_at ? THEME_PASS : ms->attempts ? THEME_FAIL : THEME_MUTED;
    ui_label(ui, text.x, r.y + r.h - line - 2, spx, false, sc, state); /* the state, in the person's size */
    if (focused)
        ui_frame(ui, rect_inset(r, -6), THEME_FOCUS, THEME_FOCUS_W);
    return used;
}

static void progress_rows(Ui *ui, App *app, HomeState *st, Rect r)
{
    const char *names[2] = {app_str(app, "レッスン", "Lessons read"),
                            app_str(app, "テスト合格", "Tests passed")};
    for (int i = 0; i < 2; i++) {
        int done = i ? st->progress.tests_passed : st->progress.lessons_read;
        char label[96];
        snprintf(label, sizeof label, "%s  %d / %d", names[i], done, MEASURES);
        Rect c = rect_column(r, i, 2, THEME_GAP);
        ui_label(ui, c.x, c.y, THEME_PX_BODY, true, THEME_TEXT, label);
        ui_progress(ui, rect_height(rect_down(c, 42), 16), done / (double)MEASURES,
                    i ? THEME_PASS : THEME_PRIMARY);
    }
}

/* The tabs as the next rows of f: in a row, or rows of two or three when the window is narrow
 * (portrait), so their labels keep a readable size; "for you" first when there is a diagnosis sheet. */
static void tabs(Ui *ui, App *app, HomeState *st, Flow *f)
{
    static const HomeTab ORDER[NTABS] = {TAB_REC, TAB_COURSE, TAB_PART1, TAB_PART2, TAB_PART3};
    int ntabs = app->content->diagnosis ? NTABS : NTABS - 1, skip = NTABS - ntabs;
    int per_row = f->area.w >= 1000 ? ntabs : ntabs == 5 ? 3 : 2, h = 56;
    int rows = (ntabs + per_row - 1) / per_row;
    Rect area = flow_row(f, rows * h + (rows - 1) * 10, THEME_GAP);
    for (int k = 0; k < ntabs; k++) {
        HomeTab t = ORDER[k + skip];
        char id[24];
        snprintf(id, sizeof id, "tab-%d", (int)t);
        const char *label = app->lang == LANG_EN ? TAB_EN[t] : TAB_JA[t];
        if (ui_button(ui, id, rect_grid(area, k, per_row, h, THEME_GAP, 10), label,
                      st->tab == t ? BTN_PRIMARY : BTN_SECONDARY, true))
            st->tab = t;
    }
}

/* The "for you" tab's head: what the list is, and the ways into the diagnosis. Returns the
 * height used; *to is set when a button was pressed. */
static int rec_head(Ui *ui, App *app, HomeState *st, Rect r, Nav *to)
{
    bool company = diag_may_answer_company(app);
    int bw = company ? 320 : 340, nb = company ? 2 : 1;
    if (r.w < 1000)
        bw = (r.w - (nb - 1) * THEME_GAP) / nb;
    const char *msg =
        st->nrec ? app_str(app, "自社診断で弱かった項目のレッスンです。",
                           "Lessons for the weak items of the diagnosis.")
                 : app_str(app, "自社診断の結果があると、ここにおすすめが出ます。",
                           "When there is a self-diagnosis, lessons for its weak items appear here.");
    Flow f = flow_in(r);
    if (r.w < 1000) /* narrow: the text above the buttons */
        flow_skip(&f, ui_paragraph(ui, flow_next(&f), THEME_PX_SMALL, false, THEME_TEXT, msg) + 8);
    Rect row = flow_row(&f, 56, THEME_GAP);
    Rect buttons = cut_right(&row, nb * bw + (nb - 1) * THEME_GAP, THEME_GAP);
    if (r.w >= 1000) /* wide: beside them */
        ui_paragraph(ui, rect_down(row, 8), THEME_PX_SMALL, false, THEME_TEXT, msg);
    if (ui_button(ui, "my-practice", cut_left(&buttons, bw, THEME_GAP),
                  app_str(app, "わたしの実践チェック ▶", "My practice ▶"), BTN_PRIMARY, true))
        *to = nav_push(&SCREEN_DIAGNOSIS, &SELF);
    if (company && ui_button(ui, "company-diagnosis", cut_left(&buttons, bw, THEME_GAP),
                             app_str(app, "会社の自社診断 ▶", "Company diagnosis ▶"), BTN_SECONDARY, true))
        *to = nav_push(&SCREEN_DIAG_RESULT, &COMPANY_RESULT);
    return f.y - r.y;
}

static const Lesson *measure_grid(Ui *ui, App *app, HomeState *st, Rect area)
{
    int shown[MEASURES], n = 0;
    for (int k = 0; st->tab == TAB_REC && k < st->nrec; k++)
        shown[n++] = st->rec[k];
    for (int m = 1; m <= MEASURES; m++)
        if (content_lesson(app->content, m) && in_tab(app, st->tab, m))
            shown[n++] = m;
    int cols = area.w >= 700 ? 2 : 1;
    int rows = (n + cols - 1) / cols;
    int th = rows ? (area.h - (rows - 1) * 10) / rows : 0;
    th = th > 130 ? 130 : th < 64 ? 64 : th; /* 64: five rows still fit 1280×800 with the pledge band */
    const Lesson *chosen = NULL;
    for (int i = 0; i < n; i++) {
        const Lesson *l = content_lesson(app->content, shown[i]);
        if (tile(ui, app, l, &st->progress, rect_grid(area, i, cols, th, THEME_GAP, 10)))
            chosen = l;
    }
    return chosen;
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

static Nav home_frame(Screen *s, App *app, Ui *ui)
{
    HomeState *st = s->state;
    if (!st->loaded)
        load_status(st, app);
    char hello[256];
    snprintf(hello, sizeof hello, app_str(app, "こんにちは、%sさん", "Hello, %s"), app->user.name);
    bool signout = false;
    int y = draw_header(ui, app, hello, "signout", app_str(app, "サインアウト", "Sign out"), &signout);
    if (signout || ui->in.key == UI_KEY_ESC)
        return nav_signout();
    Flow f = flow_at(layout_column(ui, 1400), y + THEME_GAP);
    if (st->error[0])
        draw_band(ui, flow_row(&f, 64, THEME_GAP), BAND_ERROR, st->error);
    bool wide = f.area.w >= 1000; /* the switches beside the progress, else below it */
    Rect top = flow_row(&f, 64, THEME_GAP);
    Rect sw = wide ? rect_height(cut_right(&top, 420, THEME_GAP), 60) : flow_row(&f, 64, THEME_GAP);
    progress_rows(ui, app, st, top);
    switches(ui, app, st, sw);
    Nav to = followup_row(ui, app, st, flow_row(&f, 56, THEME_GAP));
    if (to.kind != NAV_STAY)
        return to;
    int pledge_h;
    to = pledge_band(ui, app, &st->progress, rect_height(flow_next(&f), 56), &pledge_h);
    if (to.kind != NAV_STAY) {
        st->loaded = false; /* re-read when the person comes back */
        return to;
    }
    flow_skip(&f, pledge_h ? pledge_h + THEME_GAP : 0);
    tabs(ui, app, st, &f);
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
