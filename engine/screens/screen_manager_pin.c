/* screen_manager_pin.c — the door to the manager's screens: a PIN keypad (the keyboard's digits,
 * Backspace and Enter work too). A right PIN replaces this screen with the dashboard, so going
 * back from the dashboard returns to the start screen. A wrong PIN is refused with the tries
 * left; after the last one the PIN is locked and the screen says until when; with no PIN set it
 * says how to set one. The check (Argon2id, a few hundred ms) runs off the frame loop
 * (pin_work.h): meanwhile the screen says 確認しています… and the keypad takes nothing.
 * While the PIN is typed, the dashboard's figures are read off the frame loop (report_work.h), so
 * that a right PIN opens a dashboard already loaded; a check waits for that reading to end (one
 * job at a time), and what was read is handed to the dashboard only after a right PIN and while
 * fresh (REPORT_FRESH_S), else dropped: nothing of it is shown before.
 * What must stay true: the typed digits are shown only as dots and wiped from memory once handed
 * to the check or when the screen leaves; one submit starts one check; a check started is
 * counted even when the screen leaves before it ends. */
#include "pin_work.h"
#include "report_file.h"
#include "report_model.h"
#include "report_work.h"
#include "screens.h"
#include "theme.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

enum { KEY_W = 110, KEY_H = 76, PREFETCH_FRAME_MS = 50 };

typedef struct {
    char pin[PIN_MAX_DIGITS + 1];
    PinCheck status;       /* what the store says (refreshed each frame) */
    bool wrong;            /* the last try was wrong (status.tries_left says how many remain) */
    char error[640];       /* the store could not be read or written (kept until the next try) */
    bool checking;         /* submitted: the check is running, or waits for other work to end */
    int job;               /* the check's job (app->job); 0 before it could start */
    int ndots;             /* how many digits were submitted (shown while checking) */
    int prefetch;          /* the job reading the dashboard's figures meanwhile; 0 when none runs */
    bool prefetch_started; /* once per visit: a reading that failed is not tried again here */
    bool prefetched;       /* model holds them, read at prefetched_at */
    int64_t prefetched_at;
    ReportModel model; /* owned until a right PIN hands it to the dashboard */
} PinState;

static void pin_enter(Screen *s, App *app, const void *arg)
{
    (void)s, (void)app, (void)arg;
}

static void pin_leave(Screen *s, App *app)
{
    PinState *st = s->state;
    sodium_memzero(st->pin, sizeof st->pin);
    if (st->job)
        job_cancel(&app->job, st->job); /* the try is still counted: it ends whole */
    if (st->prefetch)
        job_cancel(&app->job, st->prefetch);
    report_model_free(&st->model);
}

/* The dashboard's figures, read while the PIN is typed: started once the keypad shows (and no
 * other work runs), taken when read. Frames follow meanwhile, so the end is seen. */
static void prefetch_step(PinState *st, App *app)
{
    bool ok;
    Err ignored;
    if (st->prefetch && report_job_take(app, st->prefetch, &st->model, &ok, &ignored)) {
        st->prefetch = 0; /* failed: the dashboard reads again and says why */
        st->prefetched = ok, st->prefetched_at = app->now;
    }
    if (!st->prefetch && !st->prefetch_started && !st->checking && st->status.verdict == PIN_OK) {
        ReportQuery q = report_screen_query(app->now, report_local_offset(app->now));
        st->prefetch = report_job_start(app, &q);
        st->prefetch_started = st->prefetch != 0;
    }
    if (st->prefetch && (!app->wake_ms || app->wake_ms > PREFETCH_FRAME_MS))
        app->wake_ms = PREFETCH_FRAME_MS;
}

/* The dashboard after a right PIN, with what was read meanwhile when it is fresh. */
static Nav to_dashboard(PinState *st, App *app)
{
    bool fresh = st->prefetched && app->now - st->prefetched_at <= REPORT_FRESH_S;
    return nav_replace(&SCREEN_MANAGER, fresh ? &st->model : NULL);
}

static void type_digits(PinState *st, const char *text)
{
    for (; *text; text++) {
        size_t n = strlen(st->pin);
        if (*text >= '0' && *text <= '9' && n < PIN_MAX_DIGITS)
            st->pin[n] = *text, st->pin[n + 1] = '\0';
    }
}

/* The typed PIN goes to its check (again on a later frame while other work runs). */
static void start_check(PinState *st, App *app)
{
    st->job = pin_job_start(app, PIN_JOB_CHECK, st->pin, app->now);
    if (st->job)
        sodium_memzero(st->pin, sizeof st->pin);
}

/* The check's outcome once it has ended; the dashboard when right. */
static Nav take_check(PinState *st, App *app)
{
    bool ok;
    Err e = {0};
    PinWork *w = pin_job_take(app, st->job, &ok, &e);
    if (!w)
        return nav_stay();
    PinCheck c = w->result;
    pin_work_free(w);
    st->checking = false, st->job = 0;
    if (!ok) {
        snprintf(st->error, sizeof st->error, "%s", e.msg);
        return nav_stay();
    }
    st->status = c;
    st->wrong = c.verdict == PIN_WRONG;
    return c.verdict == PIN_OK ? to_dashboard(st, app) : nav_stay();
}

/* The message above the keypad for the state we are in; returns its band kind. */
static BandKind message(const PinState *st, App *app, char *buf, size_t size)
{
    char when[16];
    if (st->checking)
        return snprintf(buf, size, "%s", app_str(app, "確認しています…", "Checking…")), BAND_NOTICE;
    if (st->error[0])
        return snprintf(buf, size, "%s", st->error), BAND_ERROR;
    if (st->status.verdict == PIN_UNSET)
        return snprintf(buf, size, "%s",
                        app_str(app,
                                "管理者PINがまだ設定されていません。下のボタンからこの画面で設定するか、"
                                "このコンピューターの端末で mamori manager set-pin を実行してください。",
                                "No manager PIN is set yet. Set it here with the button below, or on this"
                                " computer's terminal with: mamori manager set-pin")),
               BAND_NOTICE;
    if (st->status.verdict == PIN_LOCKED) {
        time_t t = (time_t)st->status.locked_until;
        struct tm tm;
        localtime_r(&t, &tm);
        strftime(when, sizeof when, "%H:%M:%S", &tm);
        int64_t left = st->status.locked_until - app->now;
        char wait[32];
        if (left < 60) /* not "about 1 min" for the last seconds */
            snprintf(wait, sizeof wait, app_str(app, "%d 秒", "%d s"), left > 0 ? (int)left : 0);
        else
            snprintf(wait, sizeof wait, app_str(app, "約 %d 分", "about %d min"), (int)((left + 59) / 60));
        return snprintf(buf, size,
                        app_str(app,
                                "まちがいが続いたため、%s まで（あと%s）ロックしています。"
                                "その時刻を過ぎたら、画面に触れるともう一度入れられます。",
                                "Too many wrong tries: locked until %s (%s). After that,"
                                " touch the screen to try again."),
                        when, wait),
               BAND_ERROR;
    }
    if (st->wrong)
        return snprintf(buf, size,
                        app_str(app, "PINが違います。あと %d 回まちがえると、しばらくロックされます。",
                                "Wrong PIN. %d more wrong tries lock it for a while."),
                        st->status.tries_left),
               BAND_ERROR;
    return snprintf(buf, size, "%s", app_str(app, "管理者PINを入れてください。", "Enter the manager PIN.")),
           BAND_NOTICE;
}

/* The height of the band above the keypad while a PIN is typed and checked: the tallest of what
 * it says meanwhile (enter it, checking, wrong with the tries left), so the keypad never moves
 * under the finger when the message changes. */
static int entry_band_h(Ui *ui, App *app, int w)
{
    static const struct {
        const char *ja, *en;
        bool bold;
    } SAYS[] = {{"管理者PINを入れてください。", "Enter the manager PIN.", false},
                {"確認しています…", "Checking…", false},
                {"PINが違います。あと 9 回まちがえると、しばらくロックされます。",
                 "Wrong PIN. 9 more wrong tries lock it for a while.", true}};
    int px = ui_px(ui, THEME_PX_BODY), most = 56;
    for (size_t i = 0; i < sizeof SAYS / sizeof *SAYS; i++) {
        int h = ui_paragraph_height(ui, w - 40, px, SAYS[i].bold, app_str(app, SAYS[i].ja, SAYS[i].en)) + 24;
        most = h > most ? h : most;
    }
    return most;
}

/* The dots for the typed digits, in a box. */
static void shown_pin(Ui *ui, const PinState *st, Rect r)
{
    char dots[3 * PIN_MAX_DIGITS + 1] = "";
    size_t n = st->checking ? (size_t)st->ndots : strlen(st->pin);
    for (size_t i = 0; i < n; i++)
        strcat(dots, "●");
    ui_fill(ui, r, THEME_SURFACE);
    ui_frame(ui, r, THEME_PRIMARY, 2);
    if (dots[0])
        ui_label(ui, r.x + 16, r.y + 12, THEME_PX_TITLE * 3 / 4, true, THEME_TEXT, dots);
}

/* The keypad; returns true when OK was pressed. */
static bool keypad(Ui *ui, App *app, PinState *st, Rect r, bool enabled)
{
    static const char *keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "←", "0", "OK"};
    bool go = false;
    for (int i = 0; i < 12; i++) {
        Rect k = grid_cell(r, i, 3, KEY_W, KEY_H, THEME_GAP);
        char id[16];
        snprintf(id, sizeof id, "pin-%s", i == 9 ? "back" : i == 11 ? "ok" : keys[i]);
        const char *label = i == 11  ? app_str(app, "開く", "Open")
                            : i == 9 ? app_str(app, "1字消す", "Delete")
                                     : keys[i];
        bool on = enabled && (i < 9 || i == 10 || st->pin[0]);
        if (!ui_button(ui, id, k, label, i == 11 ? BTN_PRIMARY : BTN_SECONDARY, on))
            continue;
        if (i == 9 && st->pin[0])
            st->pin[strlen(st->pin) - 1] = '\0';
        else if (i == 11)
            go = true;
        else if (i != 9)
            type_digits(st, keys[i]);
    }
    return go;
}

/* Digits typed on the keyboard, Backspace and Enter; true when Enter submits. */
static bool typed(Ui *ui, PinState *st)
{
    if (ui->in.text[0])
        type_digits(st, ui->in.text);
    if (ui->in.key == UI_KEY_BACKSPACE && st->pin[0])
        st->pin[strlen(st->pin) - 1] = '\0';
    return ui->in.key == UI_KEY_ENTER && !ui->activated_key;
}

static Nav pin_frame(Screen *s, App *app, Ui *ui)
{
    PinState *st = s->state;
    Err e = {0};
    Nav to = st->job ? take_check(st, app) : nav_stay();
    if (to.kind != NAV_STAY)
        return to;
    if (!store_pin_status(app->store, app->now, &st->status, &e))
        snprintf(st->error, sizeof st->error, "%s", e.msg);
    if (st->status.verdict != PIN_OK)
        st->wrong = false;
    prefetch_step(st, app);
    if (st->checking && !st->job)
        start_check(st, app);
    bool back = false;
    int y = draw_header(ui, app, app_str(app, "管理者メニュー", "Manager"), "back",
                        app_str(app, "戻る", "Back"), &back);
    if (back || ui->in.key == UI_KEY_ESC)
        return nav_back();
    int padw = 3 * KEY_W + 2 * THEME_GAP;
    Rect col = layout_column(ui, 760);
    char msg[700];
    BandKind kind = message(st, app, msg, sizeof msg);
    Flow f = flow_at(col, y + THEME_GAP);
    bool entry = st->checking || (st->status.verdict == PIN_OK && !st->error[0]); /* the keypad below */
    if (entry) /* one height whatever it says: the keypad stays where the finger is */
        draw_band(ui, flow_row(&f, entry_band_h(ui, app, col.w), THEME_GAP), kind, msg);
    else
        flow_band(ui, &f, kind, msg, THEME_GAP);
    if (st->checking)
        work_wake(app); /* redrawn until the check ends */
    if (st->status.verdict == PIN_UNSET && !st->checking &&
        ui_button(ui, "setup", rect_centre(flow_row(&f, THEME_BUTTON_H, 0), 560),
                  app_str(app, "ここで設定する（はじめの設定）", "Set it up here (first set-up)"),
                  BTN_PRIMARY, true))
        return nav_replace(&SCREEN_SETUP, NULL);
    if (st->status.verdict != PIN_OK && !st->checking)
        return nav_stay();
    f = flow_at(rect_centre((Rect){0, 0, ui->w, ui->h}, padw), f.y);
    shown_pin(ui, st, flow_row(&f, 64, THEME_GAP));
    bool go = keypad(ui, app, st, flow_next(&f), !st->checking);
    if (st->checking)
        return nav_stay(); /* nothing typed counts until the check has ended */
    go = typed(ui, st) || go;
    if (!go || !st->pin[0])
        return nav_stay();
    st->error[0] = '\0';
    st->checking = true, st->ndots = (int)strlen(st->pin);
    start_check(st, app);
    return nav_stay();
}

const ScreenOps SCREEN_MANAGER_PIN = {
    .name = "manager_pin",
    .state_size = sizeof(PinState),
    .enter = pin_enter,
    .frame = pin_frame,
    .leave = pin_leave,
};
