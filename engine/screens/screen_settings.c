/* screen_settings.c — the kiosk's rules at the kiosk, on two pages (tabs): 全般 — company name,
 * pass mark, follow-up length, refresher period, idle timeout, language before sign-in; 受講の期限
 * — when the five-article course and all 25 measures are due (deadline.h): days after joining and
 * a date, for each. Numbers move with − and + through the values the rules allow; the company name
 * and the dates are typed (field.h).
 *
 * What must stay true: every value is checked by settings_check (the rules `mamori settings`
 * uses) before it is written, and a date it refuses is said at its field in the kiosk's language,
 * with nothing written; only changed values are written, each as one recorded event
 * (store_set_setting); the App's settings are reloaded from the store after a save, so what
 * the kiosk does is what is recorded. */
#include "civil_date.h"
#include "deadline.h"
#include "field.h"
#include "screens.h"
#include "settings.h"
#include "theme.h"

#include <stdio.h>
#include <string.h>

enum { ROW_H = 70, STEP_W = 72, TABS_W = 280 };

/* What is typed: nothing, the company name, or a course's date. */
typedef enum { TYPE_NONE, TYPE_COMPANY, TYPE_DATE } Typing;
enum { COURSE_FIVE, COURSE_ALL, NCOURSES };

/* One course's deadline as edited, and as stored (deadline.h). */
typedef struct {
    int days, stored_days; /* days after joining; 0 = none */
    char date[16];         /* YYYY-MM-DD as typed; "" = none */
    char stored_date[16];
    char error[300]; /* the date's problem, said at its field ("" = none) */
} DueEdit;

/* The settings of each course: its keys, its ids on screen and its name. */
static const struct {
    const char *days_key, *date_key, *id, *ja, *en;
} COURSES[NCOURSES] = {
    {"five_due_days", "five_due_date", "five", "5か条の講座", "Five-article course"},
    {"all_due_days", "all_due_date", "all", "25項目すべて", "All 25 measures"},
};

typedef struct {
    Settings edit; /* what the screen shows; app->settings is what is stored */
    DueEdit due[NCOURSES];
    bool deadlines; /* the page shown: false 全般, true 受講の期限 */
    Typing typing;
    int course; /* the course whose date is typed (TYPE_DATE) */
    Keyboard kb;
    char message[640];
    BandKind kind; /* how the message is shown */
} SettingsState;

/* from 60: the least idle_timeout (a 20-second countdown comes before the sign-out) */
static const int IDLE_STEPS[] = {60, 90, 120, 180, 300, 600, 900, 1800, 3600};
enum { NIDLE = sizeof IDLE_STEPS / sizeof IDLE_STEPS[0] };

/* The deadlines as stored (defaults where unset), into the edits; false with the message set. */
static bool due_load(SettingsState *st, App *app)
{
    Deadlines d;
    Err e = {0};
    if (!deadlines_load(app->store, &d, &e)) {
        snprintf(st->message, sizeof st->message, "%s", e.msg);
        st->kind = BAND_ERROR;
        return false;
    }
    const DueRule *rules[NCOURSES] = {&d.five, &d.all};
    for (int c = 0; c < NCOURSES; c++) {
        DueEdit *u = &st->due[c];
        int64_t y;
        int m, day;
        u->days = u->stored_days = rules[c]->days;
        u->stored_date[0] = '\0';
        if (rules[c]->date_day >= 0) {
            civil_date(rules[c]->date_day, &y, &m, &day);
            snprintf(u->stored_date, sizeof u->stored_date, "%04d-%02d-%02d", (int)y, m, day);
        }
        memcpy(u->date, u->stored_date, sizeof u->date); /* the same size: what is stored is shown */
        u->error[0] = '\0';
    }
    return true;
}

static void settings_enter(Screen *s, App *app, const void *arg)
{
    (void)arg;
    SettingsState *st = s->state;
    st->edit = app->settings;
    st->kb.mode = KB_LATIN;
    due_load(st, app);
}

/* The buffer being typed into, and its size (NULL when nothing is). */
static char *typed(SettingsState *st, size_t *size)
{
    *size = 0;
    if (st->typing == TYPE_COMPANY)
        return *size = sizeof st->edit.company, st->edit.company;
    if (st->typing == TYPE_DATE)
        return *size = sizeof st->due[st->course].date, st->due[st->course].date;
    return NULL;
}

/* The next idle timeout up (dir 1) or down (-1) the list of steps. */
static int idle_step(int v, int dir)
{
    for (int i = dir > 0 ? 0 : NIDLE - 1; i >= 0 && i < NIDLE; i += dir)
        if (dir > 0 ? IDLE_STEPS[i] > v : IDLE_STEPS[i] < v)
            return IDLE_STEPS[i];
    return v;
}

/* Pass mark: 0 (each test's own), then 50 to 100 by 5. */
static int pass_step(int v, int dir)
{
    if (dir > 0)
        return v < 50 ? 50 : v + 5 > 100 ? 100 : v + 5;
    return v <= 50 ? 0 : v - 5;
}

/* Days after joining: 0 (none), then these, up to the rule's most (settings.h). */
static int due_step(const char *key, int v, int dir)
{
    static const int STEPS[] = {0, 7, 14, 30, 45, 60, 90, 120, 180, 270, 365, 730, 1095};
    enum { NSTEPS = sizeof STEPS / sizeof STEPS[0] };
    const SettingRule *r = settings_rule(key);
    for (int i = dir > 0 ? 0 : NSTEPS - 1; i >= 0 && i < NSTEPS; i += dir)
        if ((dir > 0 ? STEPS[i] > v : STEPS[i] < v) && STEPS[i] <= r->hi)
            return STEPS[i];
    return v;
}

static int clamp_step(int v, int dir, int lo, int hi)
{
    v += dir;
    return v < lo ? lo : v > hi ? hi : v;
}

/* The caption of a row in its left 40 %, centred vertically; r keeps the rest. */
static void caption(Ui *ui, Rect *r, const char *text)
{
    Rect left = cut_left(r, r->w * 40 / 100, 0);
    Rect box = rect_sides(left, 0, THEME_GAP);
    int ch = ui_paragraph_height(ui, box.w, THEME_PX_SMALL, true, text);
    ui_paragraph(ui, rect_middle(box, ch), THEME_PX_SMALL, true, THEME_TEXT, text);
}

/* One row: caption, − value +. Returns -1, 0 or +1 for the button used. */
static int number_row(Ui *ui, Rect r, const char *id, const char *text, const char *value)
{
    caption(ui, &r, text);
    char idm[32], idp[32];
    snprintf(idm, sizeof idm, "%s-minus", id);
    snprintf(idp, sizeof idp, "%s-plus", id);
    Rect minus = cut_left(&r, STEP_W, 0);
    Rect plus = cut_right(&r, STEP_W, 0);
    int dir = ui_button(ui, idm, minus, "−", BTN_SECONDARY, true) ? -1 : 0;
    dir = ui_button(ui, idp, plus, "+", BTN_SECONDARY, true) ? 1 : dir;
    int px = ui_text_width(ui, THEME_PX_BODY, true, value, (int)strlen(value)) <= r.w - 16
                 ? THEME_PX_BODY
                 : THEME_PX_SMALL; /* a narrow form (the keyboard beside it) */
    const char *v = field_fit(ui, px, true, value, r.w - 16);
    int w = ui_text_width(ui, px, true, v, (int)strlen(v));
    Rect shown = rect_middle(rect_centre(r, w), px * 3 / 2);
    ui_label(ui, shown.x, shown.y, px, true, THEME_TEXT, v);
    return dir;
}

/* The four number rows, down f. */
static void numbers(Ui *ui, App *app, SettingsState *st, Flow *f)
{
    Settings *e = &st->edit;
    char v[64];
    if (e->pass_percent)
        snprintf(v, sizeof v, "%d %%", e->pass_percent);
    else
        snprintf(v, sizeof v, "%s", app_str(app, "テストごと", "per test"));
    int d = number_row(ui, flow_row(f, ROW_H - 10, 10), "pass", app_str(app, "合格点", "Pass mark"), v);
    e->pass_percent = d ? pass_step(e->pass_percent, d) : e->pass_percent;
    snprintf(v, sizeof v, app_str(app, "%d 問", "%d questions"), e->followup_length);
    d = number_row(ui, flow_row(f, ROW_H - 10, 10), "followup",
                   app_str(app, "フォローアップの問題数", "Follow-up length"), v);
    e->followup_length = clamp_step(e->followup_length, d, 1, 20);
    snprintf(v, sizeof v, app_str(app, "%d か月", "%d months"), e->refresher_months);
    d = number_row(ui, flow_row(f, ROW_H - 10, 10), "refresher",
                   app_str(app, "再受講までの期間", "Refresher after"), v);
    e->refresher_months = clamp_step(e->refresher_months, d, 1, 60);
    snprintf(v, sizeof v, app_str(app, "%d 秒", "%d s"), e->idle_timeout_s);
    d = number_row(ui, flow_row(f, ROW_H - 10, 10), "idle",
                   app_str(app, "操作がないときの自動サインアウト", "Sign out after no touch for"), v);
    e->idle_timeout_s = d ? idle_step(e->idle_timeout_s, d) : e->idle_timeout_s;
}

static void language_row(Ui *ui, App *app, SettingsState *st, Rect r)
{
    caption(ui, &r, app_str(app, "サインイン前の言語", "Language before sign-in"));
    const char *names[2] = {"日本語", "English"};
    for (int i = 0; i < 2; i++) {
        char id[24], label[32];
        snprintf(id, sizeof id, "lang-%d", i);
        snprintf(label, sizeof label, "%s%s", st->edit.default_lang == (Lang)i ? "✓ " : "", names[i]);
        if (ui_button(ui, id, rect_column(r, i, 2, THEME_GAP), label,
                      st->edit.default_lang == (Lang)i ? BTN_PRIMARY : BTN_SECONDARY, true))
            st->edit.default_lang = (Lang)i;
    }
}

/* One course: its days after joining (− +), then its date, typed (a problem said at the field). */
static void due_rows(Ui *ui, App *app, SettingsState *st, int c, Flow *f)
{
    DueEdit *u = &st->due[c];
    char id[32], cap[200], v[64];
    snprintf(cap, sizeof cap, app_str(app, "%sの期限", "%s: days after joining"),
             app_str(app, COURSES[c].ja, COURSES[c].en));
    if (u->days)
        snprintf(v, sizeof v, app_str(app, "入社から %d 日", "%d days"), u->days);
    else
        snprintf(v, sizeof v, "%s", app_str(app, "日数なし", "none"));
    snprintf(id, sizeof id, "%s-days", COURSES[c].id);
    int d = number_row(ui, flow_row(f, ROW_H - 10, 10), id, cap, v);
    u->days = d ? due_step(COURSES[c].days_key, u->days, d) : u->days;
    Rect r = flow_row(f, FIELD_H, THEME_GAP);
    snprintf(cap, sizeof cap, "%s",
             app_str(app, "日付で指定（例 2026-03-31、空欄で日付なし）",
                     "Or by a date (e.g. 2026-03-31; empty: none)"));
    snprintf(id, sizeof id, "field-%s-date", COURSES[c].id);
    const char *shown = field_fit(ui, THEME_PX_SMALL, true, u->error[0] ? u->error : cap, r.w);
    bool active = st->typing == TYPE_DATE && st->course == c;
    if (field_draw(ui, id, r, shown, u->date, active))
        st->typing = TYPE_DATE, st->course = c;
    if (u->error[0])
        ui_frame(ui, rect_shrink(r, -3, 0), THEME_FAIL, 3);
}

/* The deadlines page: what the days and the date mean, then each course. */
static void deadlines_page(Ui *ui, App *app, SettingsState *st, Flow *f)
{
    const char *about = app_str(
        app, "入社（名簿に入った日）から数えます。日付を入れると、その日までに入った人はその日が期限です。",
        "Counted from joining (the day added to the roster). With a date, everyone who joined "
        "by then is due on that date.");
    Rect r = flow_next(f);
    flow_skip(f, ui_paragraph(ui, r, THEME_PX_SMALL, false, THEME_MUTED, about) + THEME_GAP);
    for (int c = 0; c < NCOURSES; c++)
        due_rows(ui, app, st, c, f);
}

/* Checks each typed date with the rules of `mamori settings`; a refused one is said at its field
 * in the kiosk's language. False when any is refused. */
static bool dates_ok(SettingsState *st, App *app)
{
    bool ok = true;
    for (int c = 0; c < NCOURSES; c++) {
        DueEdit *u = &st->due[c];
        Err e = {0};
        if (!u->date[0] || settings_check(COURSES[c].date_key, u->date, &e))
            continue;
        snprintf(u->error, sizeof u->error,
                 app_str(app, "「%s」は日付ではありません（例 2026-03-31）",
                         "'%s' is not a date (e.g. 2026-03-31)"),
                 u->date);
        ok = false;
    }
    if (!ok) {
        snprintf(st->message, sizeof st->message, "%s",
                 app_str(app, "保存できませんでした。赤い枠の日付を直してください。",
                         "Nothing was saved. Correct the date in the red frame."));
        st->kind = BAND_ERROR;
        st->deadlines = true; /* where the problem is */
    }
    return ok;
}

/* Writes one setting when it changed; counts it. False with the message set on failure. */
static bool save_one(SettingsState *st, App *app, const char *key, const char *value, const char *stored,
                     int *n)
{
    Err e = {0};
    if (strcmp(value, stored) == 0)
        return true;
    if (!settings_check(key, value, &e) || !store_set_setting(app->store, key, value, app->now, &e)) {
        snprintf(st->message, sizeof st->message, "%s %s",
                 app_str(app, "保存できませんでした。", "Could not save."), e.msg);
        st->kind = BAND_ERROR;
        return false;
    }
    ++*n;
    return true;
}

static bool save_number(SettingsState *st, App *app, const char *key, int value, int stored, int *n)
{
    char v[16], old[16];
    snprintf(v, sizeof v, "%d", value);
    snprintf(old, sizeof old, "%d", stored);
    return save_one(st, app, key, v, old, n);
}

/* The changed deadlines (a date left empty is written "none", as `mamori settings` takes it). */
static bool save_due(SettingsState *st, App *app, int *n)
{
    bool ok = true;
    for (int c = 0; c < NCOURSES && ok; c++) {
        const DueEdit *u = &st->due[c];
        ok = save_number(st, app, COURSES[c].days_key, u->days, u->stored_days, n) &&
             save_one(st, app, COURSES[c].date_key, u->date[0] ? u->date : "none",
                      u->stored_date[0] ? u->stored_date : "none", n);
    }
    return ok;
}

static void settings_save(SettingsState *st, App *app)
{
    const Settings *now = &app->settings, *e = &st->edit;
    int n = 0;
    Err err = {0};
    if (!dates_ok(st, app))
        return;
    bool ok = save_due(st, app, &n) && save_one(st, app, "company_name", e->company, now->company, &n) &&
              save_number(st, app, "pass_percent", e->pass_percent, now->pass_percent, &n) &&
              save_number(st, app, "followup_length", e->followup_length, now->followup_length, &n) &&
              save_number(st, app, "refresher_months", e->refresher_months, now->refresher_months, &n) &&
              save_number(st, app, "idle_timeout", e->idle_timeout_s, now->idle_timeout_s, &n) &&
              save_one(st, app, "default_lang", store_lang_name(e->default_lang),
                       store_lang_name(now->default_lang), &n);
    if (ok && !due_load(st, app)) /* what is stored now, shown as stored */
        return;
    if (!app_load_settings(app, &err) && ok) {
        snprintf(st->message, sizeof st->message, "%s", err.msg);
        st->kind = BAND_ERROR;
        return;
    }
    if (!ok)
        return;
    st->kind = BAND_SUCCESS;
    if (n)
        snprintf(st->message, sizeof st->message,
                 app_str(app, "保存しました（%d 件の変更を記録しました）。", "Saved (%d changes recorded)."),
                 n);
    else
        snprintf(st->message, sizeof st->message, "%s",
                 app_str(app, "変更はありません。", "Nothing changed."));
}

/* The two pages as tabs: across r, or one above the other (stacked, beside the form). */
static void page_tabs(Ui *ui, App *app, SettingsState *st, Rect r, bool stacked)
{
    static const char *const ids[2] = {"tab-general", "tab-deadlines"};
    const char *labels[2] = {app_str(app, "全般", "General"), app_str(app, "受講の期限", "Deadlines")};
    for (int i = 0; i < 2; i++) {
        Rect b = stacked ? grid_cell(r, i, 1, r.w, ROW_H - 10, THEME_GAP) : rect_column(r, i, 2, THEME_GAP);
        if (ui_button(ui, ids[i], b, labels[i], st->deadlines == (i == 1) ? BTN_PRIMARY : BTN_SECONDARY,
                      true) &&
            st->deadlines != (i == 1))
            st->deadlines = i == 1, st->typing = TYPE_NONE;
    }
}

/* The general page: the company name, the numbers, the language. */
static void general_page(Ui *ui, App *app, SettingsState *st, Flow *f, bool typing)
{
    if (field_draw(ui, "field-company", flow_row(f, FIELD_H, THEME_GAP),
                   app_str(app, "会社名", "Company name"), st->edit.company, typing))
        st->typing = TYPE_COMPANY;
    numbers(ui, app, st, f);
    language_row(ui, app, st, flow_row(f, ROW_H - 10, 10 + THEME_GAP));
}

/* The on-screen keyboard for what is typed: beside the form (landscape) or below it. */
static void keyboard(Ui *ui, App *app, SettingsState *st, Flow *page, const Flow *form, int formw)
{
    size_t size;
    char *buf = typed(st, &size);
    bool wide = ui->w > ui->h;
    Rect beside = flow_next(page);
    cut_left(&beside, formw, 2 * THEME_PAD);
    Rect kb = wide ? beside : flow_next(&(Flow){page->area, form->y});
    kb.h = field_keyboard_height(kb.w);
    if (field_keyboard(ui, app, kb, &st->kb, buf, size, app_str(app, "完了", "Done")))
        st->typing = TYPE_NONE;
}

static Nav settings_frame(Screen *s, App *app, Ui *ui)
{
    SettingsState *st = s->state;
    bool back = false;
    int y =
        draw_header(ui, app, app_str(app, "設定", "Settings"), "back", app_str(app, "戻る", "Back"), &back);
    if (back || ui->in.key == UI_KEY_ESC)
        return nav_back();
    size_t size;
    char *buf = typed(st, &size);
    if (buf && field_type(ui, buf, size)) { /* a change clears what was said about it */
        st->message[0] = '\0';
        if (st->typing == TYPE_DATE)
            st->due[st->course].error[0] = '\0';
    }
    Rect col = layout_column(ui, 1400);
    Flow page = flow_at(col, y + THEME_GAP);
    if (st->message[0])
        flow_band(ui, &page, st->kind, st->message, THEME_GAP);
    Typing typing = st->typing; /* the layout of this frame: a tap below changes it for the next */
    bool wide = ui->w > ui->h;
    int tabsw = wide && !typing ? TABS_W : 0; /* landscape: the tabs beside the form, so it fits 800 high */
    int formw =
        wide && typing ? (col.w - 2 * THEME_PAD) * 46 / 100 : col.w - (tabsw ? tabsw + 2 * THEME_PAD : 0);
    formw = formw > 900 ? 900 : formw;
    Flow form = flow_at(rect_sides(col, 0, col.w - formw), page.y);
    if (!wide)
        page_tabs(ui, app, st, flow_row(&form, ROW_H - 10, 10 + THEME_GAP), false);
    else if (tabsw) /* while typing the keyboard is there: the tabs come back with 完了 */
        page_tabs(ui, app, st, (Rect){col.x + formw + 2 * THEME_PAD, page.y, tabsw, 2 * ROW_H}, true);
    if (st->deadlines)
        deadlines_page(ui, app, st, &form);
    else
        general_page(ui, app, st, &form, typing == TYPE_COMPANY);
    if (ui_button(ui, "save", flow_row(&form, THEME_BUTTON_H, 2 * THEME_PAD), app_str(app, "保存", "Save"),
                  BTN_PRIMARY, true)) {
        st->typing = TYPE_NONE;
        settings_save(st, app);
    }
    if (typing && st->typing)
        keyboard(ui, app, st, &page, &form, formw);
    return nav_stay();
}

const ScreenOps SCREEN_SETTINGS = {
    .name = "settings",
    .state_size = sizeof(SettingsState),
    .enter = settings_enter,
    .frame = settings_frame,
};
