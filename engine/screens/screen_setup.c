/* screen_setup.c — the first run at the screen itself: when the roster is empty and no manager PIN
 * is set, the start screen (and the manager's PIN screen) lead here. Three steps, each on its own
 * page with where it stands (1/3 …): the company name; the manager PIN typed twice; then people —
 * a CSV from a USB stick or this PC (SCREEN_IMPORT), one by one (SCREEN_PERSON), or sample people
 * to try it with (demo.h: marked 見本（デモ）, removable in one step from the roster screen). 完了
 * returns to the start screen, where the names now are. The command line keeps working as before
 * (`mamori manager set-pin`, `mamori employees import`).
 *
 * What must stay true: the set-up never replaces a PIN: it opens only while none is set (checked
 * on entering), and anyone who comes back with a PIN set goes through the PIN screen; the typed
 * PIN is shown only as dots and wiped from memory once handed to its saving or when the screen
 * leaves; the company name passes settings_check like every setting. Saving the PIN (Argon2id, a
 * few hundred ms) runs off the frame loop (pin_work.h): meanwhile the screen says so and the
 * keypad takes nothing; once started it is saved whole, even when the screen leaves. */
#include "demo.h"
#include "field.h"
#include "pin_work.h"
#include "screens.h"
#include "settings.h"
#include "theme.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { KEY_W = 110, KEY_H = 76, CHOICE_H = 88 };

typedef enum { STEP_COMPANY, STEP_PIN, STEP_PIN_AGAIN, STEP_PEOPLE, STEP_CLOSED } Step;

typedef struct {
    Step step;
    char company[128];
    char pin[PIN_MAX_DIGITS + 1], first[PIN_MAX_DIGITS + 1];
    Keyboard kb;
    int npeople, ndemo; /* in the roster now (-1: read again) */
    char message[640];
    BandKind kind;
    bool saving; /* the two PINs matched: the PIN is being saved, or waits for other work to end */
    int job;     /* the saving's job (app->job); 0 before it could start */
} SetupState;

static void setup_enter(Screen *s, App *app, const void *arg)
{
    (void)arg;
    SetupState *st = s->state;
    PinCheck c = {0};
    Err e = {0};
    snprintf(st->company, sizeof st->company, "%s", app->settings.company);
    st->kb.mode = KB_HIRAGANA;
    st->npeople = -1;
    if (!store_pin_status(app->store, app->now, &c, &e) || c.verdict != PIN_UNSET)
        st->step = STEP_CLOSED; /* a PIN is set: the manager's screens are behind it */
}

static void setup_leave(Screen *s, App *app)
{
    SetupState *st = s->state;
    sodium_memzero(st->pin, sizeof st->pin);
    sodium_memzero(st->first, sizeof st->first);
    if (st->job)
        job_cancel(&app->job, st->job); /* the PIN is still saved: it ends whole */
}

static void say(SetupState *st, BandKind kind, const char *msg)
{
    snprintf(st->message, sizeof st->message, "%s", msg);
    st->kind = kind;
}

/* ---- step 1: the company name ---- */

static void save_company(SetupState *st, App *app)
{
    Err e = {0};
    if (!settings_check("company_name", st->company, &e) ||
        !store_set_setting(app->store, "company_name", st->company, app->now, &e) ||
        !app_load_settings(app, &e)) {
        char msg[640];
        snprintf(msg, sizeof msg, "%s %s",
                 app_str(app, "会社名を保存できませんでした。", "Could not save the company name."), e.msg);
        say(st, BAND_ERROR, msg);
        return;
    }
    st->message[0] = '\0';
    st->step = STEP_PIN;
}

static void company_step(Ui *ui, App *app, SetupState *st, Flow *f)
{
    field_draw(ui, "field-company", flow_row(f, FIELD_H, THEME_GAP), app_str(app, "会社名", "Company name"),
               st->company, true);
    if (field_type(ui, st->company, sizeof st->company))
        st->message[0] = '\0';
    Rect kb = flow_next(f);
    kb.h = field_keyboard_height(kb.w);
    bool next =
        field_keyboard(ui, app, kb, &st->kb, st->company, sizeof st->company, app_str(app, "次へ", "Next"));
    if (ui->in.key == UI_KEY_ENTER && !ui->activated_key)
        next = true;
    if (next && st->company[0])
        save_company(st, app);
}

/* ---- steps 2 and 3: the PIN, twice ---- */

static void type_digits(char *pin, const char *text)
{
    for (; *text; text++) {
        size_t n = strlen(pin);
        if (*text >= '0' && *text <= '9' && n < PIN_MAX_DIGITS)
            pin[n] = *text, pin[n + 1] = '\0';
    }
}

static void pin_dots(Ui *ui, const char *pin, Rect r)
{
    char dots[3 * PIN_MAX_DIGITS + 1] = "";
    for (size_t i = 0; i < strlen(pin); i++)
        strcat(dots, "●");
    ui_fill(ui, r, THEME_SURFACE);
    ui_frame(ui, r, THEME_PRIMARY, 2);
    if (dots[0])
        ui_label(ui, r.x + 16, r.y + 12, THEME_PX_TITLE * 3 / 4, true, THEME_TEXT, dots);
}

/* The keypad (ids pin-0 … pin-9, pin-back, pin-ok); true when OK was pressed. */
static bool pin_keypad(Ui *ui, App *app, char *pin, Rect r, bool enabled)
{
    static const char *keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "←", "0", "OK"};
    bool go = false;
    for (int i = 0; i < 12; i++) {
        char id[16];
        snprintf(id, sizeof id, "pin-%s", i == 9 ? "back" : i == 11 ? "ok" : keys[i]);
        const char *label = i == 11  ? app_str(app, "次へ", "Next")
                            : i == 9 ? app_str(app, "1字消す", "Delete")
                                     : keys[i];
        bool on = enabled && (i == 11 ? store_pin_valid(pin) : i == 9 ? pin[0] != '\0' : true);
        if (!ui_button(ui, id, grid_cell(r, i, 3, KEY_W, KEY_H, THEME_GAP), label,
                       i == 11 ? BTN_PRIMARY : BTN_SECONDARY, on))
            continue;
        if (i == 9)
            pin[strlen(pin) - 1] = '\0';
        else if (i == 11)
            go = true;
        else
            type_digits(pin, keys[i]);
    }
    return go;
}

/* The PIN goes to its saving (again on a later frame while other work runs). */
static void start_saving(SetupState *st, App *app)
{
    st->job = pin_job_start(app, PIN_JOB_SET, st->pin, app->now);
    if (st->job)
        sodium_memzero(st->pin, sizeof st->pin);
}

/* The second PIN matches the first: saved (an event) off the frame loop; else both typed again. */
static void pin_confirm(SetupState *st, App *app)
{
    bool same = strcmp(st->pin, st->first) == 0;
    sodium_memzero(st->first, sizeof st->first);
    if (same) {
        st->saving = true;
        start_saving(st, app);
        return;
    }
    sodium_memzero(st->pin, sizeof st->pin);
    say(st, BAND_ERROR,
        app_str(app, "1回目と2回目のPINが違います。もう一度、最初から入れてください。",
                "The two PINs differ. Enter it again, from the start."));
    st->step = STEP_PIN;
}

/* The saving's outcome once it has ended: on to people, or the PIN typed again. */
static void take_saving(SetupState *st, App *app)
{
    bool ok;
    Err e = {0};
    PinWork *w = pin_job_take(app, st->job, &ok, &e);
    if (!w)
        return;
    pin_work_free(w);
    st->saving = false, st->job = 0;
    if (ok) {
        say(st, BAND_SUCCESS,
            app_str(app, "管理者PINを設定しました。忘れないようにしてください。",
                    "The manager PIN is set. Keep it safe."));
        st->step = STEP_PEOPLE;
        return;
    }
    char msg[640];
    snprintf(msg, sizeof msg, "%s %s", app_str(app, "PINを保存できませんでした。", "Could not save the PIN."),
             e.msg);
    say(st, BAND_ERROR, msg);
    st->step = STEP_PIN;
}

static void pin_step(Ui *ui, App *app, SetupState *st, Flow *f)
{
    int padw = 3 * KEY_W + 2 * THEME_GAP;
    Flow pad = flow_at(rect_centre((Rect){0, 0, ui->w, ui->h}, padw), f->y);
    pin_dots(ui, st->pin, flow_row(&pad, 64, THEME_GAP));
    bool go = pin_keypad(ui, app, st->pin, flow_next(&pad), !st->saving);
    if (st->saving)
        return; /* nothing typed counts while the PIN is saved */
    if (ui->in.text[0])
        type_digits(st->pin, ui->in.text);
    if (ui->in.key == UI_KEY_BACKSPACE && st->pin[0])
        st->pin[strlen(st->pin) - 1] = '\0';
    if (ui->in.key == UI_KEY_ENTER && !ui->activated_key)
        go = true;
    if (!go || !store_pin_valid(st->pin))
        return;
    st->message[0] = '\0';
    if (st->step == STEP_PIN) {
        memcpy(st->first, st->pin, sizeof st->first);
        sodium_memzero(st->pin, sizeof st->pin);
        st->step = STEP_PIN_AGAIN;
    } else {
        pin_confirm(st, app);
    }
}

/* ---- step 4: people ---- */

static void count_people(SetupState *st, App *app)
{
    Employee *people;
    Err e = {0};
    if (!store_list_employees(app->store, false, &people, &st->npeople, &e)) {
        say(st, BAND_ERROR, e.msg);
        st->npeople = 0;
        return;
    }
    st->ndemo = 0;
    for (int i = 0; i < st->npeople; i++)
        st->ndemo += demo_is(&people[i]);
    free(people);
    if (app->notice[0]) { /* what the import or the person form did: the file read, its encoding */
        say(st, BAND_SUCCESS, app->notice);
        app->notice[0] = '\0';
    }
}

static void add_samples(SetupState *st, App *app)
{
    Err e = {0};
    char msg[640];
    if (demo_add(app->store, app->now, &e))
        snprintf(
            msg, sizeof msg,
            app_str(
                app,
                "見本の人を %d 人入れました（部署「見本（デモ）」）。試し終わったら、名簿の画面の"
                "「見本の人を外す」で一度に外せます。",
                "Added %d sample people (department 見本（デモ）). When you are done trying, remove them all"
                " at once with Remove the sample people on the roster screen."),
            DEMO_PEOPLE);
    else
        snprintf(msg, sizeof msg, "%s %s",
                 app_str(app, "見本の人を入れられませんでした。", "Could not add the sample people."), e.msg);
    say(st, e.msg[0] ? BAND_ERROR : BAND_SUCCESS, msg);
    st->npeople = -1;
}

/* One big choice: a title and a line under it. True when pressed. */
static bool choice(Ui *ui, const char *id, Rect r, const char *title, const char *line)
{
    bool used = ui_area(ui, id, r, title);
    bool focused = ui_last_focused(ui);
    ui_fill(ui, r, THEME_SURFACE);
    ui_frame(ui, r, THEME_BORDER, 2);
    if (focused)
        ui_focus_ring(ui, r);
    ui_label(ui, r.x + 20, r.y + 12, THEME_PX_BODY, true, THEME_TEXT, title);
    ui_label(ui, r.x + 20, r.y + 50, THEME_PX_SMALL, false, THEME_MUTED,
             field_fit(ui, THEME_PX_SMALL, false, line, r.w - 40));
    return used;
}

static Nav people_step(Ui *ui, App *app, SetupState *st, Flow *f)
{
    if (st->npeople < 0)
        count_people(st, app);
    char count[200];
    snprintf(count, sizeof count,
             app_str(app, "名簿：いま %d 人（うち見本 %d 人）", "Roster: %d people now (%d of them samples)"),
             st->npeople, st->ndemo);
    ui_label(ui, f->area.x, f->y, THEME_PX_BODY, true, THEME_TEXT, count);
    flow_skip(f, 48);
    if (choice(
            ui, "setup-import", flow_row(f, CHOICE_H, THEME_GAP),
            app_str(app, "CSVファイルから取り込む", "Import a CSV file"),
            app_str(app, "USBメモリかこのパソコンにある、Excelで作った名簿（漢字の名前もそのまま）",
                    "A staff list from Excel on a USB stick or this PC (names in kanji come as they are)"))) {
        st->npeople = -1;
        return nav_push(&SCREEN_IMPORT, NULL);
    }
    if (choice(ui, "setup-add", flow_row(f, CHOICE_H, THEME_GAP),
               app_str(app, "ひとりずつ入力する", "Add people by hand"),
               app_str(app, "画面のキーボードで。漢字の名前はCSVで取り込むのがおすすめです",
                       "With the on-screen keyboard; names in kanji are best brought in by CSV"))) {
        st->npeople = -1;
        return nav_push(&SCREEN_PERSON, NULL);
    }
    if (st->ndemo == 0 &&
        choice(ui, "setup-demo", flow_row(f, CHOICE_H, 2 * THEME_GAP),
               app_str(app, "見本の人で試す（デモ）", "Try it with sample people (demo)"),
               app_str(app, "見本と分かる名前の8人。あとで一度に外せます。報告書には「見本」と書かれます",
                       "8 people marked as samples; removed in one step later; reports say they are there")))
        add_samples(st, app);
    Rect bar = flow_row(f, THEME_BUTTON_H, 0);
    if (ui_button(ui, "setup-done", rect_column(bar, 1, 2, THEME_GAP), app_str(app, "完了", "Done"),
                  BTN_PRIMARY, st->npeople > 0)) {
        snprintf(app->notice, sizeof app->notice, "%s",
                 app_str(app, "設定が終わりました。名前を選んで始めてください。",
                         "Set-up is done. Choose a name to begin."));
        return nav_back();
    }
    return nav_stay();
}

/* ---- the screen ---- */

static const char *step_title(const App *app, Step s)
{
    switch (s) {
    case STEP_COMPANY:
        return app_str(app, "1/3 会社名を入れてください", "1/3 Enter the company name");
    case STEP_PIN:
        return app_str(app, "2/3 管理者PINを決めてください（数字4〜12けた）",
                       "2/3 Choose a manager PIN (4-12 digits)");
    case STEP_PIN_AGAIN:
        return app_str(app, "2/3 確認のため、同じPINをもう一度", "2/3 The same PIN again, to check");
    case STEP_PEOPLE:
        return app_str(app, "3/3 名簿に人を入れましょう", "3/3 Put people on the roster");
    default:
        return app_str(app, "管理者PINはもう設定されています。名簿は管理者メニューの「名簿」から作れます。",
                       "A manager PIN is already set: build the roster from the manager's menu (Roster).");
    }
}

static Nav setup_frame(Screen *s, App *app, Ui *ui)
{
    SetupState *st = s->state;
    bool back = false;
    int y = draw_header(ui, app, app_str(app, "はじめの設定", "First set-up"), "back",
                        app_str(app, "戻る", "Back"), &back);
    if (back || ui->in.key == UI_KEY_ESC)
        return nav_back();
    Rect col = layout_column(ui, 1000);
    Flow f = flow_at(col, y + THEME_GAP);
    if (st->step == STEP_PEOPLE && st->npeople < 0)
        count_people(st, app); /* before the band: what the import or the form did is said now */
    if (st->job)
        take_saving(st, app);
    if (st->saving && !st->job)
        start_saving(st, app);
    if (st->saving)
        working_band(ui, app, &f, app_str(app, "PINを保存しています…", "Saving the PIN…"));
    else if (st->message[0])
        flow_band(ui, &f, st->kind, st->message, THEME_GAP);
    flow_band(ui, &f, BAND_NOTICE, step_title(app, st->step), THEME_GAP);
    switch (st->step) {
    case STEP_COMPANY:
        company_step(ui, app, st, &f);
        return nav_stay();
    case STEP_PIN:
    case STEP_PIN_AGAIN:
        pin_step(ui, app, st, &f);
        return nav_stay();
    case STEP_PEOPLE:
        return people_step(ui, app, st, &f);
    default:
        return ui_button(ui, "manager", flow_row(&f, THEME_BUTTON_H, 0),
                         app_str(app, "管理者メニューへ", "To the manager's menu"), BTN_PRIMARY, true)
                   ? nav_replace(&SCREEN_MANAGER_PIN, NULL)
                   : nav_stay();
    }
}

const ScreenOps SCREEN_SETUP = {
    .name = "setup",
    .state_size = sizeof(SetupState),
    .enter = setup_enter,
    .frame = setup_frame,
    .leave = setup_leave,
};
