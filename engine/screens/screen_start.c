/* screen_start.c — sign in: the roster grouped by department as big buttons (scrolls for
 * hundreds of people) and a numeric keypad for the employee code; keyboard digits work too.
 * Inactive people are not listed and cannot sign in. A discreet 管理者 button in the bottom
 * corner opens the manager's PIN screen. This screen never leaves.
 *
 * What must stay true: nobody is signed in by one slip. A name tapped (or a code typed) opens a
 * card with that person's name, kana and department, and only its はい signs in (ちがう, Esc
 * go back). Name buttons stand 16 px apart; departments are in the order of their reading
 * (department_kana, compared by encoding_reading_key), those without one after them in the order
 * of their name's key, people inside one by kana; while the list scrolls, the department of the
 * first name shown stays as a heading above it. */
#include "roster_order.h"
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
    bool confirming;   /* the card asking "is this you?" is up */
    Employee who;      /* the person on the card */
} StartState;

enum { ROW_H = 80, ROW_GAP = 16, KEY_W = 110, KEY_H = 76 };

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
    resume_sweep(app); /* tests left more than 30 minutes ago are recorded as abandoned */
    if (!store_list_employees(app->store, false, &st->people, &st->npeople, &e))
        snprintf(st->message, sizeof st->message, "%s", e.msg);
    roster_order_by_reading(st->people, st->npeople);
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

/* Opens the card for emp: nobody is signed in yet. */
static Nav ask(Ui *ui, StartState *st, const Employee *emp)
{
    st->who = *emp;
    st->confirming = true;
    snprintf(ui->focus, sizeof ui->focus, "%s", "confirm-yes"); /* Enter says yes, as it did */
    return nav_stay();
}

static Nav sign_in(StartState *st, App *app, const Employee *emp)
{
    st->confirming = false;
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

static Nav sign_in_code(Ui *ui, StartState *st, App *app)
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
    return ask(ui, st, &emp);
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
                            : i == 9 ? app_str(app, "1字消す", "Delete")
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

/* A department's heading in a row of the list; `more` marks it as carried over from above. */
static void heading(Ui *ui, App *app, Rect r, const char *dept, bool more)
{
    char text[300];
    const char *name = dept[0] ? dept : app_str(app, "（部署なし）", "(no department)");
    snprintf(text, sizeof text, "%s%s", name, more ? app_str(app, "（つづき）", " (continued)") : "");
    ui_label(ui, r.x + 4, r.y + (r.h - THEME_PX_BODY * 3 / 2) / 2, THEME_PX_BODY - 2, true, THEME_PRIMARY,
             text);
    ui_fill(ui, cut_bottom(&r, 2, 0), THEME_PRIMARY); /* a rule along its bottom */
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
    int visible = (list.h + ROW_GAP) / ROW_H;
    int step = visible > 1 ? visible - 1 : 1; /* a page on: the last row shown comes first */
    if (nrows == 0)
        ui_paragraph(ui, rect_height(rect_shrink(list, 0, 20), 200), THEME_PX_BODY, false, THEME_MUTED,
                     app_str(app, "まだ名簿がありません。下のボタンから、この画面で設定を始められます。",
                             "No roster yet. Start the set-up right here with the button below."));
    int maxscroll = nrows > visible ? nrows - visible + 1 : 0; /* +1: the sticky heading's row */
    st->scroll -= ui->in.wheel;
    if (ui->in.key == UI_KEY_PAGEDOWN)
        st->scroll += step;
    if (ui->in.key == UI_KEY_PAGEUP)
        st->scroll -= step;
    Rect up = cut_top(&bar, (list.h - THEME_GAP) / 2, THEME_GAP);
    Rect down = rect_height(bar, up.h);
    if (ui_button(ui, "scroll-up", up, "▲", BTN_SECONDARY, st->scroll > 0))
        st->scroll -= step;
    if (ui_button(ui, "scroll-down", down, "▼", BTN_SECONDARY, st->scroll < maxscroll))
        st->scroll += step;
    st->scroll = st->scroll < 0 ? 0 : st->scroll > maxscroll ? maxscroll : st->scroll;
    const Employee *chosen = NULL;
    bool sticky = visible > 1 && nrows && rows[st->scroll].emp; /* the list starts inside a department */
    if (sticky) /* "continued" only when some of the department's people were on the page before */
        heading(ui, app, grid_cell(list, 0, 1, list.w, ROW_H - ROW_GAP, ROW_GAP), rows[st->scroll].dept,
                rows[st->scroll - 1].emp != NULL);
    for (int i = sticky; i < visible && st->scroll + i - sticky < nrows; i++) {
        const Row *row = &rows[st->scroll + i - sticky];
        Rect rr = grid_cell(list, i, 1, list.w, ROW_H - ROW_GAP, ROW_GAP);
        if (!row->emp) {
            if (i < visible - 1 || visible == 1) /* alone in the last row: it opens the next page */
                heading(ui, app, rr, row->dept, false);
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

/* The card: "is this you?", the name big, kana and department, はい / ちがう. */
static Nav confirm_card(Ui *ui, App *app, StartState *st, Rect body)
{
    const Employee *p = &st->who;
    Rect card = rect_centre(rect_height(body, body.h), body.w < 900 ? body.w : 900);
    Flow f = flow_in(rect_inset(card, 2 * THEME_GAP));
    flow_skip(&f, ui_paragraph(ui, flow_next(&f), ui_px(ui, THEME_PX_TITLE), true, THEME_TEXT,
                               app_str(app, "この方で始めますか？", "Is this you?")));
    flow_skip(&f, THEME_GAP);
    Rect who = flow_row(&f, 0, 0); /* framed once its height is known */
    flow_skip(&f, 20);
    flow_skip(&f,
              ui_paragraph(ui, rect_sides(flow_next(&f), 32, 32), THEME_PX_HERO, true, THEME_TEXT, p->name) +
                  4);
    if (p->kana[0])
        flow_skip(&f, ui_paragraph(ui, rect_sides(flow_next(&f), 32, 32), ui_px(ui, THEME_PX_BODY), false,
                                   THEME_MUTED, p->kana) +
                          8);
    char dept[300];
    snprintf(dept, sizeof dept, "%s%s", app_str(app, "部署：", "Department: "),
             p->department[0] ? p->department : app_str(app, "（部署なし）", "(none)"));
    flow_skip(&f, ui_paragraph(ui, rect_sides(flow_next(&f), 32, 32), ui_px(ui, THEME_PX_BODY), false,
                               THEME_TEXT, dept) +
                      20);
    who = rect_height(who, f.y - who.y);
    ui_frame(ui, who, THEME_BORDER, 2);
    flow_skip(&f, 2 * THEME_GAP);
    Rect row = flow_row(&f, THEME_BUTTON_H, 0);
    Rect no = cut_right(&row, (row.w - 2 * THEME_GAP) / 2, 2 * THEME_GAP);
    if (ui_button(ui, "confirm-yes", row, app_str(app, "はい", "Yes, that's me"), BTN_PRIMARY, true))
        return sign_in(st, app, p);
    if (ui_button(ui, "confirm-no", no, app_str(app, "ちがう", "No, go back"), BTN_SECONDARY, true) ||
        ui->in.key == UI_KEY_ESC) {
        st->confirming = false;
        st->code[0] = '\0';
    }
    return nav_stay();
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
    Rect body = flow_row(&f, flow_left(&f), 0); /* the rest of the column */
    if (st->confirming)
        return confirm_card(ui, app, st, body);
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
        return ask(ui, st, chosen);
    return go && st->code[0] ? sign_in_code(ui, st, app) : nav_stay();
}

const ScreenOps SCREEN_START = {
    .name = "start",
    .state_size = sizeof(StartState),
    .enter = start_enter,
    .frame = start_frame,
    .leave = start_leave,
};
