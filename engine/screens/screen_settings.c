/* screen_settings.c — the kiosk's rules at the kiosk: company name, pass mark, follow-up length,
 * refresher period, idle timeout, language before sign-in. Numbers move with − and + through
 * the values the rules allow; the company name is typed (field.h).
 *
 * What must stay true: every value is checked by settings_check (the rules `mamori settings`
 * uses) before it is written; only changed values are written, each as one recorded event
 * (store_set_setting); the App's settings are reloaded from the store after a save, so what
 * the kiosk does is what is recorded. */
#include "field.h"
#include "screens.h"
#include "settings.h"
#include "theme.h"

#include <stdio.h>
#include <string.h>

enum { ROW_H = 70, STEP_W = 72 };

typedef struct {
    Settings edit; /* what the screen shows; app->settings is what is stored */
    bool typing;   /* the company name is being typed */
    Keyboard kb;
    char message[640];
    BandKind kind; /* how the message is shown */
} SettingsState;

/* from 60: the least idle_timeout (a 20-second countdown comes before the sign-out) */
static const int IDLE_STEPS[] = {60, 90, 120, 180, 300, 600, 900, 1800, 3600};
enum { NIDLE = sizeof IDLE_STEPS / sizeof IDLE_STEPS[0] };

static void settings_enter(Screen *s, App *app, const void *arg)
{
    (void)arg;
    SettingsState *st = s->state;
    st->edit = app->settings;
    st->kb.mode = KB_LATIN;
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
    const char *v = field_fit(ui, THEME_PX_BODY, true, value, r.w - 16);
    int w = ui_text_width(ui, THEME_PX_BODY, true, v, (int)strlen(v));
    Rect shown = rect_middle(rect_centre(r, w), 39);
    ui_label(ui, shown.x, shown.y, THEME_PX_BODY, true, THEME_TEXT, v);
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

static void settings_save(SettingsState *st, App *app)
{
    const Settings *now = &app->settings, *e = &st->edit;
    int n = 0;
    Err err = {0};
    bool ok = save_one(st, app, "company_name", e->company, now->company, &n) &&
              save_number(st, app, "pass_percent", e->pass_percent, now->pass_percent, &n) &&
              save_number(st, app, "followup_length", e->followup_length, now->followup_length, &n) &&
              save_number(st, app, "refresher_months", e->refresher_months, now->refresher_months, &n) &&
              save_number(st, app, "idle_timeout", e->idle_timeout_s, now->idle_timeout_s, &n) &&
              save_one(st, app, "default_lang", store_lang_name(e->default_lang),
                       store_lang_name(now->default_lang), &n);
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

static Nav settings_frame(Screen *s, App *app, Ui *ui)
{
    SettingsState *st = s->state;
    bool back = false;
    int y =
        draw_header(ui, app, app_str(app, "設定", "Settings"), "back", app_str(app, "戻る", "Back"), &back);
    if (back || ui->in.key == UI_KEY_ESC)
        return nav_back();
    Rect col = layout_column(ui, 1400);
    Flow page = flow_at(col, y + THEME_GAP);
    if (st->message[0])
        flow_band(ui, &page, st->kind, st->message, THEME_GAP);
    bool wide = ui->w > ui->h;
    bool typing = st->typing; /* the layout of this frame: a tap below changes it for the next */
    int formw = wide && typing ? (col.w - 2 * THEME_PAD) * 46 / 100 : col.w;
    formw = formw > 900 ? 900 : formw;
    Flow form = flow_at(rect_sides(col, 0, col.w - formw), page.y);
    if (field_draw(ui, "field-company", flow_row(&form, FIELD_H, THEME_GAP),
                   app_str(app, "会社名", "Company name"), st->edit.company, typing))
        st->typing = true;
    if (typing && field_type(ui, st->edit.company, sizeof st->edit.company))
        st->message[0] = '\0';
    numbers(ui, app, st, &form);
    language_row(ui, app, st, flow_row(&form, ROW_H - 10, 10 + THEME_GAP));
    if (ui_button(ui, "save", flow_row(&form, THEME_BUTTON_H, 2 * THEME_PAD), app_str(app, "保存", "Save"),
                  BTN_PRIMARY, true)) {
        st->typing = false;
        settings_save(st, app);
    }
    if (!typing || !st->typing)
        return nav_stay();
    Rect beside = flow_next(&page);
    cut_left(&beside, formw, 2 * THEME_PAD);
    Rect kb = wide ? beside : flow_next(&(Flow){col, form.y});
    kb.h = field_keyboard_height(kb.w);
    if (field_keyboard(ui, app, kb, &st->kb, st->edit.company, sizeof st->edit.company,
                       app_str(app, "完了", "Done")))
        st->typing = false;
    return nav_stay();
}

const ScreenOps SCREEN_SETTINGS = {
    .name = "settings",
    .state_size = sizeof(SettingsState),
    .enter = settings_enter,
    .frame = settings_frame,
};
