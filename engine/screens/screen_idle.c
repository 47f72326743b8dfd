/* screen_idle.c — the warning before an idle sign-out: a full-screen countdown with one big
 * 続ける button. The shell opens it over whatever is on screen IDLE_COUNTDOWN_S seconds before
 * idle_timeout runs out; 続ける (or Enter, Esc, any key) closes it and the screen below is as it
 * was. When the count reaches 0 it signs out itself, saying why on the start screen.
 *
 * What must stay true: the screen below is never left while the countdown shows (a test stays
 * open); the sign-out notice says "signed out" only when someone was signed in (the manager's
 * screens say they were closed). */
#include "screens.h"
#include "theme.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    int64_t deadline; /* app->now at which it signs out */
} IdleState;

static void idle_enter(Screen *s, App *app, const void *arg)
{
    (void)arg;
    IdleState *st = s->state;
    st->deadline = app->now + IDLE_COUNTDOWN_S;
}

static Nav time_up(App *app)
{
    snprintf(app->notice, sizeof app->notice, "%s",
             app->signed_in
                 ? "しばらく操作がなかったので、サインアウトしました。 Signed out after a while without use."
                 : "しばらく操作がなかったので、管理者の画面を閉じました。 The manager's screens were "
                   "closed after a while without use.");
    return nav_signout();
}

static Nav idle_frame(Screen *s, App *app, Ui *ui)
{
    IdleState *st = s->state;
    int64_t left = st->deadline - app->now;
    if (left <= 0)
        return time_up(app);
    app->wake_ms = 250; /* the count goes down without a touch */
    ui_fill(ui, (Rect){0, 0, ui->w, ui->h}, THEME_BG);
    Rect col = layout_column(ui, 900);
    Flow f = flow_at(col, col.y + (ui->h >= 1000 ? ui->h / 5 : THEME_PAD * 2));
    const char *ask = app->signed_in
                          ? app_str(app, "まだ続けますか？", "Are you still there?")
                          : app_str(app, "管理者の画面を続けますか？", "Still using the manager's screens?");
    flow_skip(&f, ui_paragraph(ui, flow_next(&f), ui_px(ui, THEME_PX_TITLE), true, THEME_TEXT, ask));
    char count[24];
    snprintf(count, sizeof count, "%lld", (long long)left);
    Rect big = flow_row(&f, 150, THEME_GAP);
    int w = ui_text_width(ui, 120, true, count, (int)strlen(count));
    ui_label(ui, big.x + (big.w - w) / 2, big.y, 120, true, THEME_PRIMARY, count);
    char line[300];
    snprintf(
        line, sizeof line,
        app->signed_in
            ? app_str(app,
                      "あと %lld 秒でサインアウトします。途中のテストは30分以内なら続きから受けられます。",
                      "You will be signed out in %lld s. A test left half-done can be resumed within "
                      "30 minutes.")
            : app_str(app, "あと %lld 秒で管理者の画面を閉じます。",
                      "The manager's screens close in %lld s."),
        (long long)left);
    flow_skip(&f, ui_paragraph(ui, flow_next(&f), ui_px(ui, THEME_PX_BODY), false, THEME_TEXT, line));
    flow_skip(&f, 2 * THEME_GAP);
    Rect go = flow_row(&f, THEME_BUTTON_H * 3 / 2, 0);
    if (!ui->focus[0])
        snprintf(ui->focus, sizeof ui->focus, "%s", "continue");
    bool used = ui_button(ui, "continue", go, app_str(app, "続ける", "Continue"), BTN_PRIMARY, true);
    return used || ui->in.key != UI_KEY_NONE || ui->in.text[0] ? nav_back() : nav_stay();
}

const ScreenOps SCREEN_IDLE = {
    .name = "idle",
    .state_size = sizeof(IdleState),
    .enter = idle_enter,
    .frame = idle_frame,
};
