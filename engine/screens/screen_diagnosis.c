/* screen_diagnosis.c — answering the self-diagnosis, one question at a time: the item's number
 * and part, the question, what it asks and what counts as "partly", the four answers as big
 * buttons, progress, back and next. The company's diagnosis asks all 25 items (from the
 * manager's dashboard or by the president); "my practice" asks Parts 1–2 (items 1–16).
 *
 * Every answer is kept at once as the person's draft (store_save_diagnosis_draft), so a
 * diagnosis interrupted by a time-out or a sign-out resumes where it stopped. With the last
 * answer given, "see the result" records the diagnosis (one event) and replaces this screen
 * with the result. What must stay true: nothing is shown as recorded before store_record_diagnosis
 * returned true; a failed write is shown and the answers stay. */
#include "diagnosis.h"
#include "screens.h"
#include "theme.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    DiagScope scope;
    DiagAnswer ans[DIAG_ITEMS];
    int at;          /* the item shown, 0-based */
    int scrolled_at; /* the item the scroll is of */
    UiScroll scroll; /* the item's texts, when they do not fit above the answers */
    char error[640];
    DiagResultArg result; /* handed to the result screen */
} DiagState;

static const char *const PART_JA[DIAG_PARTS] = {"基本的対策", "従業員としての対策", "組織としての対策"};
static const char *const PART_EN[DIAG_PARTS] = {"Basic measures", "As an employee", "As an organisation"};

static int asked(const DiagState *st)
{
    return diag_scope_items(st->scope);
}

static int answered(const DiagState *st)
{
    int n = 0;
    for (int i = 0; i < asked(st); i++)
        n += st->ans[i] != DIAG_NONE;
    return n;
}

static void diag_enter(Screen *s, App *app, const void *arg)
{
    DiagState *st = s->state;
    st->scope = arg ? *(const DiagScope *)arg : DIAG_COMPANY;
    bool found;
    Err e = {0};
    if (!store_diagnosis_draft(app->store, app->user.code, st->scope, st->ans, &found, &e))
        snprintf(st->error, sizeof st->error, "%s", e.msg);
    while (st->at < asked(st) - 1 && st->ans[st->at] != DIAG_NONE)
        st->at++; /* resume at the first question not answered */
}

static void keep_draft(DiagState *st, App *app)
{
    Err e = {0};
    st->error[0] = '\0';
    if (!store_save_diagnosis_draft(app->store, app->user.code, st->scope, st->ans, app->now, &e))
        snprintf(st->error, sizeof st->error, "%s %s",
                 app_str(app, "回答を保存できませんでした。もう一度選んでください。",
                         "Your answer could not be saved. Please choose it again."),
                 e.msg);
}

static Nav finish(DiagState *st, App *app)
{
    DiagRecord d = {.scope = st->scope};
    snprintf(d.code, sizeof d.code, "%s", app->user.code);
    snprintf(d.content_version, sizeof d.content_version, "%s", app->content->version);
    memcpy(d.answers, st->ans, sizeof d.answers);
    Err e = {0};
    if (!store_record_diagnosis(app->store, &d, app->now, NULL, &e)) {
        snprintf(st->error, sizeof st->error, "%s %s",
                 app_str(app, "診断を記録できませんでした。もう一度「結果を見る」を押してください。",
                         "The diagnosis could not be recorded. Press See the result again."),
                 e.msg);
        return nav_stay();
    }
    st->result = (DiagResultArg){.scope = st->scope, .just_recorded = true};
    return nav_replace(&SCREEN_DIAG_RESULT, &st->result);
}

typedef struct {
    App *app;
    const DiagItem *it;
} ItemView;

/* A paragraph at the cursor (or with draw false only its height), then gap. */
static void para(Ui *ui, Flow *f, int px, bool bold, Color c, const char *s, int gap, bool draw)
{
    Rect r = flow_next(f);
    flow_skip(f,
              (draw ? ui_paragraph(ui, r, px, bold, c, s) : ui_paragraph_height(ui, r.w, px, bold, s)) + gap);
}

/* The item's heading, question, what it asks and what counts as "partly", from y (a ViewFn). */
static int question(Ui *ui, void *ctx, Rect col, int y, bool draw)
{
    const ItemView *v = ctx;
    App *app = v->app;
    const DiagItem *it = v->it;
    char head[160], partly[600];
    snprintf(head, sizeof head, app_str(app, "問 %d ・ Part %d %s", "Question %d · Part %d %s"), it->item,
             it->part, app->lang == LANG_EN ? PART_EN[it->part - 1] : PART_JA[it->part - 1]);
    snprintf(partly, sizeof partly, "%s%s", app_str(app, "「一部実施している」とは：", "\"Partly\" means: "),
             app_text(app, it->partly));
    int small = ui_px(ui, THEME_PX_SMALL); /* every text in the person's text size */
    Flow f = flow_at(col, y);
    Rect r = flow_row(&f, small * 3 / 2 + 4, 0);
    if (draw)
        ui_label(ui, r.x, r.y, small, true, THEME_MUTED, head);
    para(ui, &f, ui_px(ui, THEME_PX_BODY + 4), true, THEME_TEXT, app_text(app, it->question), THEME_GAP,
         draw);
    para(ui, &f, small, false, THEME_TEXT, app_text(app, it->explain), 8, draw);
    para(ui, &f, small, false, THEME_MUTED, partly, 0, draw);
    return f.y;
}

/* An answer's height: its two lines (the answer, its points) in the person's text size. */
static int answer_h(const Ui *ui)
{
    int h = 2 * (ui_px(ui, THEME_PX_BODY) * 3 / 2) + 16;
    return h > THEME_BUTTON_H + 8 ? h : THEME_BUTTON_H + 8;
}

/* The four answers as two rows of two, round marks (one answer of four; each label stays on its line
 * with its points). */
static void answers(Ui *ui, App *app, DiagState *st, Rect r)
{
    const DiagSheet *sh = app->content->diagnosis;
    int per_row = 2, rows = DIAG_ANSWERS / per_row;
    int h = (r.h - (rows - 1) * THEME_GAP) / rows;
    for (int a = 0; a < DIAG_ANSWERS; a++) {
        char id[24], label[96];
        snprintf(id, sizeof id, "answer-%s", diag_answer_key((DiagAnswer)a));
        snprintf(label, sizeof label, app_str(app, "%s\n%d 点", "%s\n%d points"),
                 app_text(app, sh->answers[a].label), sh->answers[a].points);
        if (!ui_choice_mark(ui, id, rect_grid(r, a, per_row, h, THEME_GAP, THEME_GAP), label,
                            st->ans[st->at] == (DiagAnswer)a, true, MARK_RADIO)) /* one of four */
            continue;
        st->ans[st->at] = (DiagAnswer)a;
        keep_draft(st, app);
        if (!st->error[0] && st->at + 1 < asked(st))
            st->at++;
    }
}

/* Back, and next or "see the result" on the last question. */
static Nav steps(Ui *ui, App *app, DiagState *st, Rect r)
{
    if (st->at > 0 && ui_button(ui, "prev", rect_column(r, 0, 2, THEME_GAP), app_str(app, "◀ 前へ", "◀ Back"),
                                BTN_SECONDARY, true))
        st->at--;
    bool last = st->at + 1 == asked(st), done = answered(st) == asked(st);
    Rect nr = rect_column(r, 1, 2, THEME_GAP);
    if (last &&
        ui_button(ui, "finish", nr, app_str(app, "結果を見る ▶", "See the result ▶"), BTN_PRIMARY, done))
        return finish(st, app);
    if (!last && ui_button(ui, "next", nr, app_str(app, "次へ ▶", "Next ▶"), BTN_PRIMARY,
                           st->ans[st->at] != DIAG_NONE))
        st->at++;
    return nav_stay();
}

static Nav diag_frame(Screen *s, App *app, Ui *ui)
{
    DiagState *st = s->state;
    bool back = false;
    const char *title = st->scope == DIAG_SELF
                            ? app_str(app, "わたしの実践チェック", "My practice check")
                            : app_str(app, "情報セキュリティ自社診断", "Security self-diagnosis");
    int y = draw_header(ui, app, title, "back", app_str(app, "中断する", "Pause"), &back);
    if (back || ui->in.key == UI_KEY_ESC)
        return nav_back(); /* the draft is kept */
    Rect col = layout_column(ui, 1200);
    Flow f = flow_at(col, y + THEME_GAP);
    char count[96];
    snprintf(count, sizeof count, app_str(app, "%d / %d 問に回答", "%d of %d answered"), answered(st),
             asked(st));
    int small = ui_px(ui, THEME_PX_SMALL);
    Rect head = flow_row(&f, small * 3 / 2 + 12, THEME_GAP);
    ui_label(ui, head.x, head.y, small, false, THEME_MUTED, count);
    ui_progress(ui, cut_bottom(&head, 12, 0), answered(st) / (double)asked(st), THEME_PRIMARY);
    if (st->error[0])
        flow_band(ui, &f, BAND_ERROR, st->error, THEME_GAP);
    Rect bar = action_bar(ui, col);
    int ah = 2 * answer_h(ui) + THEME_GAP;
    Rect area = {col.x, bar.y - THEME_GAP - ah, col.w, ah}; /* the answers just above the buttons */
    if (st->scrolled_at != st->at)                          /* a new item: from its top */
        st->scrolled_at = st->at, st->scroll = (UiScroll){0};
    ItemView v = {app, &app->content->diagnosis->items[st->at]};
    draw_scrolled(ui, app, &st->scroll, (Rect){col.x, f.y, col.w, area.y - THEME_GAP - f.y}, question, &v);
    answers(ui, app, st, area);
    return steps(ui, app, st, bar);
}

const ScreenOps SCREEN_DIAGNOSIS = {
    .name = "diagnosis",
    .state_size = sizeof(DiagState),
    .enter = diag_enter,
    .frame = diag_frame,
    .leave = NULL,
};
