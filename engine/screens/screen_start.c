/* screen_start.c — sign in: the roster grouped by department as big buttons (scrolls for
 * hundreds of people) and a numeric keypad for the employee code; keyboard digits work too.
 * Inactive people are not listed and cannot sign in. A discreet 管理者 button in the bottom
 * corner opens the manager's PIN screen. This screen never leaves. */
#include "screens.h"
#include "theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    Employee *people; /* heap (store_list_employees), owned */
    int npeople;
    bool loaded;
    int scroll;        /* first row shown */
    char code[32];     /* typed on the keypad */
    char message[640]; /* why the last sign-in failed */
} StartState;

enum { ROW_H = 64, KEY_W = 110, KEY_H = 76 };

static void free_people(StartState *st)
{
    free(st->people);
    st->people = NULL;
    st->npeople = 0;
}

static void load_people(StartState *st, App *app)
{
    Err e = {0};
    free_people(st);
    if (!store_list_employees(app->store, false, &st->people, &st->npeople, &e))
        snprintf(st->message, sizeof st->message, "%s", e.msg);
    st->loaded = true;
}

static void start_enter(Screen *s, App *app, const void *arg)
{
    (void)s, (void)app, (void)arg;
}

static void start_leave(Screen *s, App *app)
{
    (void)app;
    free_people(s->state);
}

static Nav sign_in(StartState *st, App *app, const Employee *emp)
{
    app->user = *emp;
    app->signed_in = true;
    app->lang = emp->lang;
    app->large_text = emp->large_text;
    app->notice[0] = '\0';
    st->code[0] = '\0';
    st->message[0] = '\0';
    st->loaded = false; /* the roster may change before the next person comes */
    return nav_push(&SCREEN_HOME, NULL);
}

static Nav sign_in_code(StartState *st, App *app)
{
    Employee emp;
    bool found = false;
    Err e = {0};
    if (!store_find_employee(app->store, st->code, &emp, &found, &e)) {
        snprintf(st->message, sizeof st->message, "%s", e.msg);
        return nav_stay();
    }
    if (!found || !emp.active) {
        snprintf(st->message, sizeof st->message,
                 app_str(app, "社員番号「%s」は見つかりません。番号を確かめてください。",
                         "No one has the employee code \"%s\". Please check the number."),
                 st->code);
        st->code[0] = '\0';
        return nav_stay();
    }
    return sign_in(st, app, &emp);
}

static void type_digit(StartState *st, char d)
{
    size_t n = strlen(st->code);
    if (n + 1 < sizeof st->code && n < 12) {
        st->code[n] = d;
        st->code[n + 1] = '\0';
    }
    st->message[0] = '\0';
}

static void type_text(StartState *st, const char *text)
{
    for (; *text; text++)
        if ((*text >= '0' && *text <= '9') || (*text >= 'A' && *text <= 'Z') ||
            (*text >= 'a' && *text <= 'z') || *text == '-')
            type_digit(st, *text);
}

static void backspace(StartState *st)
{
    size_t n = strlen(st->code);
    if (n)
        st->code[n - 1] = '\0';
}

/* The keypad; returns true when the person asked to sign in. */
static bool keypad(Ui *ui, App *app, StartState *st, Rect r)
{
    ui_label(ui, r.x, r.y, THEME_PX_BODY, true, THEME_TEXT,
             app_str(app, "社員番号で入る", "Sign in with your code"));
    Flow f = flow_in(rect_sides(r, 0, r.w - (3 * KEY_W + 2 * THEME_GAP)));
    flow_skip(&f, 44);
    Rect shown = flow_row(&f, 64, THEME_GAP);
    ui_fill(ui, shown, THEME_SURFACE);
    ui_frame(ui, shown, THEME_PRIMARY, 2);
    if (st->code[0])
        ui_label(ui, shown.x + 16, shown.y + 12, THEME_PX_TITLE * 3 / 4, true, THEME_TEXT, st->code);
    static const char *keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "←", "0", "OK"};
    bool go = false;
    for (int i = 0; i < 12; i++) {
        Rect k = grid_cell(flow_next(&f), i, 3, KEY_W, KEY_H, THEME_GAP);
        char id[16];
        snprintf(id, sizeof id, "key-%s", i == 9 ? "back" : i == 11 ? "ok" : keys[i]);
        const char *label = i == 11  ? app_str(app, "入る", "Sign in")
                            : i == 9 ? app_str(app, "消す", "Delete")
                                     : keys[i];
        bool enabled = i < 9 || i == 10 || st->code[0];
        if (!ui_button(ui, id, k, label, i == 11 ? BTN_PRIMARY : BTN_SECONDARY, enabled))
            continue;
        if (i == 9)
            backspace(st);
        else if (i == 11)
            go = true;
        else
            type_digit(st, keys[i][0]);
    }
    return go;
}

typedef struct {
    const Employee *emp; /* NULL: a department heading */
    const char *dept;
} Row;

static int build_rows(const StartState *st, Row *rows, int max)
{
    int n = 0;
    const char *dept = NULL;
    for (int i = 0; i < st->npeople && n + 2 <= max; i++) {
        const Employee *e = &st->people[i];
        if (!dept || strcmp(dept, e->department) != 0)
            rows[n++] = (Row){NULL, dept = e->department};
        rows[n++] = (Row){e, e->department};
    }
    return n;
}

/* The roster list with scroll buttons; returns the person tapped, or NULL. */
static const Employee *roster(Ui *ui, App *app, StartState *st, Rect r, Arena *frame)
{
    ui_label(ui, r.x, r.y, THEME_PX_BODY, true, THEME_TEXT,
             app_str(app, "名前を選んでください", "Choose your name"));
    int max = 2 * st->npeople + 2;
    Row *rows = ARENA_ARRAY(frame, Row, max);
    int nrows = build_rows(st, rows, max);
    Rect list = r;
    cut_top(&list, 44, 0);
    Rect bar = rect_sides(cut_right(&list, 96, 0), THEME_GAP, 96 - THEME_GAP - 82); /* ▲▼, 82 wide */
    int visible = list.h / ROW_H;
    if (nrows == 0)
        ui_paragraph(ui, rect_height(rect_shrink(list, 0, 20), 200), THEME_PX_BODY, false, THEME_MUTED,
                     app_str(app, "まだ名簿がありません。下のボタンから、この画面で設定を始められます。",
                             "No roster yet. Start the set-up right here with the button below."));
    int maxscroll = nrows > visible ? nrows - visible : 0;
    st->scroll -= ui->in.wheel;
    if (ui->in.key == UI_KEY_PAGEDOWN)
        st->scroll += visible - 1;
    if (ui->in.key == UI_KEY_PAGEUP)
        st->scroll -= visible - 1;
    Rect up = cut_top(&bar, (list.h - THEME_GAP) / 2, THEME_GAP);
    Rect down = rect_height(bar, up.h);
    if (ui_button(ui, "scroll-up", up, "▲", BTN_SECONDARY, st->scroll > 0))
        st->scroll -= visible - 1;
    if (ui_button(ui, "scroll-down", down, "▼", BTN_SECONDARY, st->scroll < maxscroll))
        st->scroll += visible - 1;
    st->scroll = st->scroll < 0 ? 0 : st->scroll > maxscroll ? maxscroll : st->scroll;
    const Employee *chosen = NULL;
    for (int i = 0; i < visible && st->scroll + i < nrows; i++) {
        const Row *row = &rows[st->scroll + i];
        Rect rr = grid_cell(list, i, 1, list.w, ROW_H - 8, 8);
        if (!row->emp) {
            ui_label(ui, rr.x + 4, rr.y + 14, THEME_PX_BODY - 2, true, THEME_PRIMARY,
                     row->dept[0] ? row->dept : app_str(app, "（部署なし）", "(no department)"));
            continue;
        }
        char id[48];
        snprintf(id, sizeof id, "person-%s", row->emp->code);
        if (ui_button(ui, id, rr, row->emp->name, BTN_SECONDARY, true))
            chosen = row->emp;
    }
    return chosen;
}

/* With nobody on the roster: a button to the guided set-up (screen_setup.c), under the list's
 * "no roster yet". True when pressed. */
static bool first_run_button(Ui *ui, App *app, Rect list)
{
    Rect r = {list.x, list.y + 44 + 130, list.w - 96 < 620 ? list.w - 96 : 620, THEME_BUTTON_H + 8};
    return ui_button(
        ui, "setup", r,
        app_str(app, "はじめの設定をする（会社名・PIN・名簿）", "First set-up (company, PIN, people)"),
        BTN_PRIMARY, true);
}

static Nav start_frame(Screen *s, App *app, Ui *ui)
{
    StartState *st = s->state;
    if (!st->loaded)
        load_people(st, app);
    const char *title = app->settings.company[0] ? app->settings.company : "mamori 守り";
    bool lang_pressed = false;
    int top = draw_header(ui, app, title, "lang", app->lang == LANG_JA ? "English" : "日本語", &lang_pressed);
    if (lang_pressed)
        app->lang = app->lang == LANG_JA ? LANG_EN : LANG_JA;
    Rect col = layout_column(ui, 1400);
    Flow f = flow_at(col, top + THEME_GAP);
    const char *msg = st->message[0] ? st->message : app->notice;
    if (msg[0])
        draw_band(ui, flow_row(&f, 64, THEME_GAP), st->message[0] ? BAND_ERROR : BAND_NOTICE, msg);
    int padw = 3 * KEY_W + 2 * THEME_GAP;
    Rect body = {col.x, f.y, col.w, ui->h - f.y - THEME_PAD};
    Rect list = body, pad;
    if (ui->w < ui->h) { /* portrait: keypad below the list */
        pad = cut_bottom(&list, 44 + 64 + 4 * (KEY_H + THEME_GAP) + THEME_GAP, THEME_GAP);
        pad = rect_height(rect_sides(pad, 0, pad.w - padw), 0);
    } else {
        pad = cut_right(&list, padw, 3 * THEME_GAP);
    }
    const Employee *chosen = roster(ui, app, st, list, &ui->frame);
    if (st->loaded && st->npeople == 0 && first_run_button(ui, app, list)) {
        st->loaded = false; /* names come back with the set-up */
        return nav_push(&SCREEN_SETUP, NULL);
    }
    bool go = keypad(ui, app, st, pad);
    Rect corner = cut_bottom(&body, 56, 0);
    Rect mgr = cut_right(&corner, 180, 0); /* discreet, bottom corner */
    if (ui_button(ui, "manager", mgr, app_str(app, "管理者", "Manager"), BTN_QUIET, true)) {
        st->loaded = false; /* the manager may change the roster */
        return nav_push(&SCREEN_MANAGER_PIN, NULL);
    }
    if (ui->in.text[0])
        type_text(st, ui->in.text);
    if (ui->in.key == UI_KEY_BACKSPACE)
        backspace(st);
    if (ui->in.key == UI_KEY_ENTER && !ui->activated_key && st->code[0])
        go = true;
    if (chosen)
        return sign_in(st, app, chosen);
    return go && st->code[0] ? sign_in_code(st, app) : nav_stay();
}

const ScreenOps SCREEN_START = {
    .name = "start",
    .state_size = sizeof(StartState),
    .enter = start_enter,
    .frame = start_frame,
    .leave = start_leave,
};
