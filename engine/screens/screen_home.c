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

enum { FOLLOWUP_MAX = 20, REC_MAX = 8, TAB_REC = 4 };

typedef struct {
    Progress progress;
    bool loaded;
    char error[640];
    int tab;             /* 0 the one-star course, 1–3 the parts, 4 for you */
    bool tab_chosen;     /* the first load picked the tab */
    int rec[DIAG_ITEMS]; /* recommended measures, first first */
    int nrec;
    Arena quiz_arena;                   /* owned: the scheduler's state behind a follow-up quiz */
    const Question *quiz[FOLLOWUP_MAX]; /* the follow-up quiz handed to the quiz screen */
    QuizArg quiz_arg;
} HomeState;

static const char *const TAB_JA[] = {"5か条コース", "基本的対策", "従業員としての対策", "組織としての対策",
                                     "おすすめ"};
static const char *const TAB_EN[] = {"Five articles", "Basics", "As an employee", "As an organisation",
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
    char msg[160], date[16];
    int due = st->progress.followup_due;
    if (due > 0)
        snprintf(
            msg, sizeof msg,
            app_str(app, "フォローアップ：復習する問題が %d 問あります", "Follow-up: %d questions to review"),
            due);
    else if (st->progress.next_followup)
        snprintf(msg, sizeof msg,
                 app_str(app, "フォローアップ：次は %s ごろです", "Follow-up: next one around %s"),
                 format_date(st->progress.next_followup, date));
    else
        snprintf(msg, sizeof msg, "%s",
                 app_str(app, "フォローアップ：テストを受けると、ここに復習が出ます",
                         "Follow-up: take a test and reviews will appear here"));
    int bw = due > 0 ? 260 : 0;
    draw_band(ui, (Rect){r.x, r.y, r.w - bw - (bw ? THEME_GAP : 0), r.h}, due > 0 ? 0 : 2, msg);
    if (!bw || !ui_button(ui, "followup", (Rect){r.x + r.w - bw, r.y, bw, r.h},
                          app_str(app, "復習を始める ▶", "Start review ▶"), BTN_PRIMARY, true))
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

static bool in_tab(const App *app, int tab, int measure)
{
    const Lesson *l = content_lesson(app->content, measure);
    if (tab == TAB_REC)
        return false; /* the "for you" tab lists its own order */
    if (tab == 0)
        return l && l->article > 0;
    return l ? l->part == tab : (measure <= 6 ? 1 : measure <= 16 ? 2 : 3) == tab;
}

static const char *state_text(const App *app, const Progress *p, int m, char *buf, size_t size)
{
    const MeasureStatus *ms = &p->measures[m];
    char date[16];
    if (p->refresh[m] == REFRESH_OVERDUE)
        snprintf(buf, size, "%s", app_str(app, "! 再受講が遅れています", "! Retake overdue"));
    else if (p->refresh[m] == REFRESH_DUE)
        snprintf(buf, size, "%s", app_str(app, "! 再受講の時期です", "! Time to retake"));
    else if (ms->passed_at)
        snprintf(buf, size, app_str(app, "✓ 合格 %s", "✓ Passed %s"), format_date(ms->last_passed_at, date));
    else if (ms->attempts)
        snprintf(buf, size, "%s", app_str(app, "× 未合格・再テスト", "× Not passed yet: retake"));
    else if (ms->read_at)
        snprintf(buf, size, app_str(app, "● 読了 %s・テスト未受験", "● Read %s, test not taken"),
                 format_date(ms->read_at, date));
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
    bool focused = ui->items[ui->nitems - 1].focused;
    Color edge = refresh         ? THEME_FOCUS
                 : ms->passed_at ? THEME_PASS
                 : ms->attempts  ? THEME_FAIL
                                 : THEME_BORDER;
    ui_fill(ui, r, ms->passed_at && !refresh ? THEME_PASS_SOFT : THEME_SURFACE);
    ui_frame(ui, r, edge, 2);
    ui_fill(ui, (Rect){r.x, r.y, 10, r.h}, edge);
    int icon = l->picture && r.h >= 60 ? (r.h - 16) * 4 / 3 : 0;
    if (icon > r.w * 3 / 10)
        icon = r.w * 3 / 10; /* narrow tiles (portrait): the title keeps most of the width */
    if (icon) {
        int ih = icon * 3 / 4;
        ui_image(ui, (Rect){r.x + r.w - icon - 8, r.y + (r.h - ih) / 2, icon, ih}, l->picture);
    }
    r.w -= icon ? icon + 8 : 0;
    char head[160];
    snprintf(head, sizeof head, "%d. %s", l->measure, title);
    int px = app_px(app, THEME_PX_BODY);
    while (px > 18 && ui_paragraph_height(ui, r.w - 40, px, true, head) > r.h - 46)
        px -= 2; /* the title and the state line must both fit the tile */
    ui_paragraph(ui, (Rect){r.x + 24, r.y + 6, r.w - 40, r.h}, px, true, THEME_TEXT, head);
    Color sc = refresh ? THEME_TEXT : ms->passed_at ? THEME_PASS : ms->attempts ? THEME_FAIL : THEME_MUTED;
    ui_label(ui, r.x + 24, r.y + r.h - 32, THEME_PX_SMALL, false, sc, state);
    if (focused)
        ui_frame(ui, rect_inset((Rect){r.x, r.y, r.w + (icon ? icon + 8 : 0), r.h}, -6), THEME_FOCUS,
                 THEME_FOCUS_W);
    return used;
}

static int progress_rows(Ui *ui, App *app, HomeState *st, Rect col, int y)
{
    int half = (col.w - THEME_GAP) / 2;
    const char *names[2] = {app_str(app, "レッスン", "Lessons read"),
                            app_str(app, "テスト合格", "Tests passed")};
    for (int i = 0; i < 2; i++) {
        int done = i ? st->progress.tests_passed : st->progress.lessons_read;
        char label[96];
        snprintf(label, sizeof label, "%s  %d / %d", names[i], done, MEASURES);
        int x = col.x + i * (half + THEME_GAP);
        ui_label(ui, x, y, THEME_PX_BODY, true, THEME_TEXT, label);
        ui_progress(ui, (Rect){x, y + 42, half, 16}, done / (double)MEASURES, i ? THEME_PASS : THEME_PRIMARY);
    }
    return 70;
}

/* The tabs in a row, or rows of two or three when the window is narrow (portrait), so their
 * labels keep a readable size; "for you" first when there is a diagnosis sheet. Returns the
 * height used. */
static int tabs(Ui *ui, App *app, HomeState *st, Rect col, int y)
{
    static const int ORDER[] = {TAB_REC, 0, 1, 2, 3};
    int ntabs = app->content->diagnosis ? 5 : 4, skip = 5 - ntabs;
    int per_row = col.w >= 1000 ? ntabs : ntabs == 5 ? 3 : 2, h = 56;
    int w = (col.w - (per_row - 1) * THEME_GAP) / per_row;
    for (int k = 0; k < ntabs; k++) {
        int t = ORDER[k + skip];
        char id[24];
        snprintf(id, sizeof id, "tab-%d", t);
        Rect r = {col.x + k % per_row * (w + THEME_GAP), y + k / per_row * (h + 10), w, h};
        const char *label = app->lang == LANG_EN ? TAB_EN[t] : TAB_JA[t];
        if (ui_button(ui, id, r, label, st->tab == t ? BTN_PRIMARY : BTN_SECONDARY, true))
            st->tab = t;
    }
    int rows = (ntabs + per_row - 1) / per_row;
    return rows * h + (rows - 1) * 10;
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
    int th = 0;
    if (r.w >= 1000)
        ui_paragraph(ui, (Rect){r.x, r.y + 8, r.w - nb * (bw + THEME_GAP), 56}, THEME_PX_SMALL, false,
                     THEME_TEXT, msg);
    else
        th = ui_paragraph(ui, (Rect){r.x, r.y, r.w, 0}, THEME_PX_SMALL, false, THEME_TEXT, msg) + 8;
    int x = r.x + r.w - nb * bw - (nb - 1) * THEME_GAP;
    if (ui_button(ui, "my-practice", (Rect){x, r.y + th, bw, 56},
                  app_str(app, "わたしの実践チェック ▶", "My practice ▶"), BTN_PRIMARY, true))
        *to = nav_push(&SCREEN_DIAGNOSIS, &SELF);
    if (company && ui_button(ui, "company-diagnosis", (Rect){x + bw + THEME_GAP, r.y + th, bw, 56},
                             app_str(app, "会社の自社診断 ▶", "Company diagnosis ▶"), BTN_SECONDARY, true))
        *to = nav_push(&SCREEN_DIAG_RESULT, &COMPANY_RESULT);
    return th + 56 + THEME_GAP;
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
    int tw = (area.w - (cols - 1) * THEME_GAP) / cols;
    const Lesson *chosen = NULL;
    for (int i = 0; i < n; i++) {
        Rect r = {area.x + (i % cols) * (tw + THEME_GAP), area.y + (i / cols) * (th + 10), tw, th};
        const Lesson *l = content_lesson(app->content, shown[i]);
        if (tile(ui, app, l, &st->progress, r))
            chosen = l;
    }
    return chosen;
}

static void switches(Ui *ui, App *app, HomeState *st, Rect r)
{
    int w = (r.w - THEME_GAP) / 2;
    if (ui_button(ui, "lang", (Rect){r.x, r.y, w, r.h}, app->lang == LANG_JA ? "English" : "日本語",
                  BTN_SECONDARY, true)) {
        app->lang = app->lang == LANG_JA ? LANG_EN : LANG_JA;
        save_prefs(st, app);
    }
    const char *big = app->large_text ? app_str(app, "文字を標準に", "Normal text")
                                      : app_str(app, "文字を大きく", "Larger text");
    if (ui_button(ui, "text-size", (Rect){r.x + w + THEME_GAP, r.y, w, r.h}, big, BTN_SECONDARY, true)) {
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
    Rect col = layout_column(ui, 1400);
    y += THEME_GAP;
    if (st->error[0]) {
        draw_band(ui, (Rect){col.x, y, col.w, 64}, 1, st->error);
        y += 64 + THEME_GAP;
    }
    int sw = col.w >= 1000 ? 420 : 0;
    progress_rows(ui, app, st, (Rect){col.x, col.y, col.w - sw - (sw ? THEME_GAP : 0), 0}, y);
    if (sw)
        switches(ui, app, st, (Rect){col.x + col.w - sw, y, sw, 60});
    y += 64 + THEME_GAP;
    if (!sw) {
        switches(ui, app, st, (Rect){col.x, y, col.w, 64});
        y += 64 + THEME_GAP;
    }
    Nav to = followup_row(ui, app, st, (Rect){col.x, y, col.w, 56});
    if (to.kind != NAV_STAY)
        return to;
    y += 56 + THEME_GAP;
    int pledge_h;
    to = pledge_band(ui, app, &st->progress, (Rect){col.x, y, col.w, 56}, &pledge_h);
    if (to.kind != NAV_STAY) {
        st->loaded = false; /* re-read when the person comes back */
        return to;
    }
    y += pledge_h ? pledge_h + THEME_GAP : 0;
    y += tabs(ui, app, st, col, y) + THEME_GAP;
    if (st->tab == TAB_REC) {
        to = nav_stay();
        y += rec_head(ui, app, st, (Rect){col.x, y, col.w, 0}, &to);
        if (to.kind != NAV_STAY) {
            st->loaded = false;
            return to;
        }
    }
    const Lesson *chosen = measure_grid(ui, app, st, (Rect){col.x, y, col.w, ui->h - y - THEME_PAD});
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
