/* screen_person_card.c — one person, read-only first: who they are (code, kana, department, role,
 * active or not), the totals, the pledge, follow-ups, the deadlines (due, past due by how many days,
 * or done), and all 25 measures with the date read, the
 * date passed with the best score, and the tests taken (paged). 編集 (secondary) opens the form
 * (SCREEN_PERSON). 連絡票を保存 (secondary, in the middle) saves the person's reminder slip where the
 * manager picks, as the export does (SCREEN_EXPORT with a SlipArg). 無効にする asks first (はい、無効にする /
 * やめる), sits apart from 編集 at the far end, and once done offers 元に戻す on the same card; a person not
 * active gets 有効に戻す.
 *
 * What must stay true: this screen writes nothing but the person's active state, and that only
 * after the confirming tap (or the undo); every figure comes from report_progress (progress_of),
 * as on Home, the dashboard and the reports. */
#include "field.h"
#include "report_file.h"
#include "report_model.h"
#include "screens.h"
#include "theme.h"

#include <stdio.h>
#include <string.h>

enum { MEASURE_ROW_H = 50, PAGER_W = 82 };

typedef struct {
    Employee emp; /* copied on enter; read again after the form */
    Progress progress;
    ReportPerson figures; /* what is left and the due dates (report_person_fill) */
    bool loaded;
    bool confirm; /* 無効にする was tapped once: ask */
    bool undo;    /* just deactivated here: offer 元に戻す */
    int first;    /* first measure shown */
    SlipArg slip; /* SCREEN_EXPORT's argument (copied there on enter) */
    char message[640];
    BandKind kind;
} CardState;

static void card_enter(Screen *s, App *app, const void *arg)
{
    (void)app;
    CardState *st = s->state;
    st->emp = *(const Employee *)arg;
}

static void card_load(CardState *st, App *app)
{
    ReportRules rules;
    Err e = {0};
    bool found = false;
    st->loaded = true;
    if (app->notice[0]) { /* what the form did */
        snprintf(st->message, sizeof st->message, "%s", app->notice);
        st->kind = BAND_SUCCESS;
        app->notice[0] = '\0';
    }
    if (!store_find_employee(app->store, st->emp.code, &st->emp, &found, &e) ||
        !report_rules(app->store, app->content, app->now, &rules, &e) ||
        !report_progress(app->store, &rules, st->emp.code, &st->progress, &e)) {
        snprintf(st->message, sizeof st->message, "%s", e.msg);
        st->kind = BAND_ERROR;
        return;
    }
    st->figures = (ReportPerson){.who = st->emp, .progress = st->progress};
    report_person_fill(&rules, report_local_offset(app->now), &st->figures);
}

/* One course's deadline: "5か条の講座 2月4日まで（あと 3 日）", past due or done. */
static int due_text(const App *app, const char *what, int64_t due, int left, char *buf, size_t size)
{
    char day[DATE_BUF];
    if (!due)
        return snprintf(buf, size, app_str(app, "%s 期限なし", "%s: no due date"), what);
    format_date(app, due - 1, day);
    if (!left)
        return snprintf(buf, size, app_str(app, "%s ✓ 修了（期限 %s）", "%s ✓ done (due %s)"), what, day);
    if (app->now >= due)
        return snprintf(buf, size,
                        app_str(app, "%s × 期限 %s を %d 日過ぎています", "%s × due %s, %d days past"), what,
                        day, deadline_days_late(due, app->now));
    return snprintf(buf, size, app_str(app, "%s 期限 %s（あと %d 日）", "%s due %s (%d days left)"), what,
                    day, (int)((due - app->now + 86399) / 86400));
}

/* Both deadlines on one line, and where the reminder slip is. */
static void due_line(const App *app, const ReportPerson *p, char *buf, size_t size)
{
    int n = due_text(app, app_str(app, "期限：5か条の講座", "Due: the five-article course"), p->five_due,
                     p->five_left, buf, size);
    if (n > 0 && (size_t)n < size)
        n += due_text(app, app_str(app, " ・ 全25対策", " · all 25"), p->all_due,
                      p->lessons_left + p->tests_left, buf + n, size - (size_t)n);
    if (n > 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, "%s",
                 app_str(app, "（連絡票は下の「連絡票を保存」から）",
                         " (the reminder slip: Save reminder slip, below)"));
}

static const char *role_word(const App *app, Role r)
{
    return r == ROLE_PRESIDENT ? app_str(app, "社長", "President")
           : r == ROLE_MANAGER ? app_str(app, "管理者", "Manager")
                               : app_str(app, "社員", "Employee");
}

/* Sets the person's active state (one event); says what happened. */
static void set_active(CardState *st, App *app, bool active)
{
    Employee e2 = st->emp;
    Err e = {0};
    e2.active = active;
    if (!store_put_employee(app->store, &e2, app->now, &e)) {
        snprintf(st->message, sizeof st->message, "%s %s",
                 app_str(app, "保存できませんでした。", "Could not save."), e.msg);
        st->kind = BAND_ERROR;
        return;
    }
    st->emp.active = active;
    st->undo = !active;
    st->kind = BAND_SUCCESS;
    snprintf(
        st->message, sizeof st->message,
        active ? app_str(app, "%s さんを有効に戻しました。", "%s is active again.")
               : app_str(app,
                         "%s さんを無効にしました。サインインできず、報告書にも出ません（記録は残ります）。",
                         "%s is no longer active: they cannot sign in and are not in reports (their records"
                         " stay)."),
        st->emp.name);
}

/* Who, and the totals: a few lines. Returns the height used. */
static int card_summary(Ui *ui, App *app, const CardState *st, Rect r)
{
    const Progress *p = &st->progress;
    char who[600], totals[400], pledge[200], date[DATE_BUF];
    snprintf(who, sizeof who, "%s %s ・ %s ・ %s ・ %s ・ %s", app_str(app, "社員番号", "Code"), st->emp.code,
             st->emp.kana[0] ? st->emp.kana : "-",
             st->emp.department[0] ? st->emp.department : app_str(app, "部署なし", "no department"),
             role_word(app, st->emp.role),
             st->emp.active ? app_str(app, "有効", "active") : app_str(app, "× 無効", "× inactive"));
    char next[DATE_BUF] = "-";
    if (p->next_followup)
        format_date(app, p->next_followup, next);
    snprintf(totals, sizeof totals,
             app_str(app,
                     "レッスン %d / 25 ・ テスト合格 %d / 25 ・ フォローアップ 期限 %d 問（うち遅れ %d "
                     "問、次は %s）・ 復習 %d",
                     "Lessons %d / 25 · tests passed %d / 25 · follow-ups due %d (overdue %d, next %s) · "
                     "refreshers %d"),
             p->lessons_read, p->tests_passed, p->followup_due, p->followup_overdue, next, p->refreshers_due);
    if (p->pledge.state == PLEDGE_SIGNED)
        snprintf(pledge, sizeof pledge,
                 app_str(app, "宣言書：✓ 署名済み（%s、第%d版）", "Pledge: ✓ signed (%s, version %d)"),
                 format_date(app, p->pledge.signed_at, date), p->pledge.version);
    else if (p->pledge.state == PLEDGE_OLD_VERSION)
        snprintf(pledge, sizeof pledge,
                 app_str(app, "宣言書：古い版に署名（%s）— 新しい版が未署名",
                         "Pledge: an older version signed (%s) — the new one not yet"),
                 format_date(app, p->pledge.signed_at, date));
    else
        snprintf(pledge, sizeof pledge, "%s",
                 app_str(app, "宣言書：× まだ署名していません", "Pledge: × not signed yet"));
    char due[600];
    due_line(app, &st->figures, due, sizeof due);
    Flow f = flow_in(r);
    const char *lines[] = {who, totals, pledge, due};
    for (int i = 0; i < 4; i++) {
        int h = ui_paragraph_height(ui, r.w, THEME_PX_SMALL + 2, i == 0, lines[i]);
        ui_paragraph(ui, flow_row(&f, h, 6), THEME_PX_SMALL + 2, i == 0, THEME_TEXT, lines[i]);
    }
    return f.y - r.y;
}

/* One measure: its number and title, then read / passed / tests as words. */
static void measure_row(Ui *ui, App *app, const CardState *st, int m, Rect r)
{
    const MeasureStatus *ms = &st->progress.measures[m - 1];
    const Lesson *l = content_lesson(app->content, m);
    char head[300], state[300], d1[DATE_BUF], d2[DATE_BUF];
    snprintf(head, sizeof head, "%d. %s", m, l ? app_text(app, l->title) : "");
    int n = 0;
    state[0] = '\0';
    n += snprintf(state + n, sizeof state - (size_t)n, "%s",
                  ms->read_at ? "" : app_str(app, "未読 ", "not read "));
    if (ms->read_at)
        n += snprintf(state + n, sizeof state - (size_t)n, app_str(app, "読了 %s ", "read %s "),
                      format_date(app, ms->read_at, d1));
    if (ms->passed_at)
        n += snprintf(state + n, sizeof state - (size_t)n,
                      app_str(app, "✓ 合格 %s（%d/%d）", "✓ passed %s (%d/%d)"),
                      format_date(app, ms->passed_at, d2), ms->best_score, ms->best_total);
    else if (ms->attempts)
        n += snprintf(state + n, sizeof state - (size_t)n, "%s", app_str(app, "× 未合格", "× not passed"));
    if (ms->attempts && n >= 0 && (size_t)n < sizeof state)
        snprintf(state + n, sizeof state - (size_t)n, app_str(app, " ・ テスト %d 回", " · %d tests"),
                 ms->attempts);
    ui_fill(ui, r, THEME_SURFACE);
    ui_frame(ui, r, THEME_BORDER, 1);
    Rect left = rect_shrink(r, 10, 0);
    Rect right = cut_right(&left, left.w * 45 / 100, 10);
    ui_label(ui, left.x, rect_middle(r, 30).y, THEME_PX_SMALL, true, THEME_TEXT,
             field_fit(ui, THEME_PX_SMALL, true, head, left.w));
    ui_label(ui, right.x, rect_middle(r, 30).y, THEME_PX_SMALL, false,
             ms->passed_at ? THEME_TEXT : THEME_MUTED, field_fit(ui, THEME_PX_SMALL, false, state, right.w));
}

static void measures(Ui *ui, App *app, CardState *st, Rect r)
{
    Rect rows = r;
    int visible = rows.h / MEASURE_ROW_H;
    field_pager(ui, "measures", cut_right(&rows, PAGER_W, THEME_GAP), &st->first, MEASURES, visible);
    for (int i = 0; i < visible && st->first + i < MEASURES; i++)
        measure_row(ui, app, st, st->first + i + 1, grid_cell(rows, i, 1, rows.w, MEASURE_ROW_H - 6, 6));
}

/* The actions along the bottom: 編集 on the left, the active state at the far right, apart. */
static Nav card_actions(Ui *ui, App *app, CardState *st, Rect bar)
{
    Rect left = rect_column(bar, 0, 3, THEME_GAP), right = rect_column(bar, 2, 3, THEME_GAP);
    if (st->confirm) {
        Rect mid = rect_column(bar, 1, 3, THEME_GAP);
        if (ui_button(ui, "cancel", mid, app_str(app, "やめる", "Cancel"), BTN_SECONDARY, true))
            st->confirm = false;
        if (ui_button(ui, "confirm-deactivate", right, app_str(app, "はい、無効にする", "Yes, deactivate"),
                      BTN_DANGER, true))
            st->confirm = false, set_active(st, app, false);
        return nav_stay();
    }
    if (ui_button(ui, "edit", left, app_str(app, "編集", "Edit"), BTN_SECONDARY, true)) {
        st->loaded = false;
        return nav_push(&SCREEN_PERSON, &st->emp);
    }
    if (ui_button(ui, "save-slip", rect_column(bar, 1, 3, THEME_GAP),
                  app_str(app, "連絡票を保存", "Save reminder slip"), BTN_SECONDARY, true)) {
        snprintf(st->slip.code, sizeof st->slip.code, "%s", st->emp.code);
        snprintf(st->slip.name, sizeof st->slip.name, "%s", st->emp.name);
        return nav_push(&SCREEN_EXPORT, &st->slip);
    }
    if (st->emp.active &&
        ui_button(ui, "deactivate", right, app_str(app, "無効にする…", "Deactivate…"), BTN_SECONDARY, true)) {
        st->confirm = true;
        st->message[0] = '\0';
    }
    if (!st->emp.active &&
        ui_button(ui, st->undo ? "undo" : "reactivate", right,
                  st->undo ? app_str(app, "元に戻す", "Undo") : app_str(app, "有効に戻す", "Reactivate"),
                  BTN_SECONDARY, true))
        set_active(st, app, true);
    return nav_stay();
}

static Nav card_frame(Screen *s, App *app, Ui *ui)
{
    CardState *st = s->state;
    if (!st->loaded)
        card_load(st, app);
    char title[300];
    snprintf(title, sizeof title, app_str(app, "%s さん", "%s"), st->emp.name);
    bool back = false;
    int y = draw_header(ui, app, title, "back", app_str(app, "戻る", "Back"), &back);
    if (back || ui->in.key == UI_KEY_ESC)
        return nav_back();
    Rect col = layout_column(ui, 1400);
    Flow f = flow_at(col, y + THEME_GAP);
    if (st->confirm)
        flow_band(
            ui, &f, BAND_ERROR,
            app_str(app,
                    "無効にすると、この人はサインインできず、報告書にも出なくなります。記録は残り、あとで有効"
                    "に戻せます。無効にしますか？",
                    "Deactivated, this person cannot sign in and is not in reports. Their records stay, and"
                    " they can be made active again. Deactivate?"),
            THEME_GAP);
    else if (st->message[0])
        flow_band(ui, &f, st->kind, st->message, THEME_GAP);
    flow_skip(&f, card_summary(ui, app, st, flow_next(&f)) + THEME_GAP);
    Rect bar = action_bar(ui, col);
    measures(ui, app, st, flow_row(&f, bar.y - THEME_GAP - f.y, 0)); /* down to the bar */
    return card_actions(ui, app, st, bar);
}

const ScreenOps SCREEN_PERSON_CARD = {
    .name = "person_card",
    .state_size = sizeof(CardState),
    .enter = card_enter,
    .frame = card_frame,
};
