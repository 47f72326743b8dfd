/* screen_common.c — layout and drawing helpers every screen uses. */
#include "civil_date.h"
#include "field.h"
#include "files.h"
#include "screens.h"
#include "theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

Rect layout_column(const Ui *ui, int max_w)
{
    int w = ui->w - 2 * THEME_PAD;
    if (w > max_w)
        w = max_w;
    return (Rect){(ui->w - w) / 2, THEME_PAD, w, ui->h - 2 * THEME_PAD};
}

int reading_width(Ui *ui, const App *app, int px)
{
    static const char en[] = "Lock your screen when you leave your desk, even for a short time.";
    _Static_assert(sizeof en - 1 == THEME_MEASURE_EN, "the English sample is the measure");
    if (app->lang == LANG_EN)
        return ui_text_width(ui, px, false, en, (int)sizeof en - 1);
    char ja[THEME_MEASURE_JA * 3];
    for (int i = 0; i < THEME_MEASURE_JA; i++)
        memcpy(ja + 3 * i, "あ", 3);
    return ui_text_width(ui, px, false, ja, (int)sizeof ja);
}

Rect action_bar(const Ui *ui, Rect col)
{
    return (Rect){col.x, ui->h - THEME_BUTTON_H - THEME_PAD, col.w, THEME_BUTTON_H};
}

/* What a label needs to stand on one line in a button: its width and 16 px each side. */
static int label_need(Ui *ui, const char *label)
{
    return ui_text_width(ui, ui_px(ui, THEME_PX_BUTTON), true, label, (int)strlen(label)) + 32;
}

/* Does every label fit its equal share of w on one line (centred_label's test)? */
static bool shares_fit(Ui *ui, int w, const char *const *labels, int n)
{
    int share = rect_column((Rect){0, 0, w, 0}, 0, n, THEME_GAP).w;
    for (int i = 0; i < n; i++)
        if (label_need(ui, labels[i]) - 16 > share)
            return false;
    return true;
}

/* The room left across w when each button has what its label needs; < 0 when that is too much. */
static int spare_room(Ui *ui, int w, const char *const *labels, int n)
{
    int spare = w - (n - 1) * THEME_GAP;
    for (int i = 0; i < n; i++)
        spare -= label_need(ui, labels[i]);
    return spare;
}

int bar_height(Ui *ui, int w, const char *const *labels, int n)
{
    int px = ui_px(ui, THEME_PX_BUTTON), two = 2 * (px * 3 / 2) + 8;
    if (shares_fit(ui, w, labels, n) || spare_room(ui, w, labels, n) >= 0)
        return THEME_BUTTON_H;
    return two > THEME_BUTTON_H ? two : THEME_BUTTON_H;
}

Rect bar_column(Ui *ui, Rect bar, const char *const *labels, int n, int i)
{
    int spare = spare_room(ui, bar.w, labels, n);
    if (shares_fit(ui, bar.w, labels, n) || spare < 0)
        return rect_column(bar, i, n, THEME_GAP);
    int x = bar.x;
    for (int k = 0; k < i; k++)
        x += label_need(ui, labels[k]) + spare / n + THEME_GAP;
    int w = i == n - 1 ? bar.x + bar.w - x : label_need(ui, labels[i]) + spare / n;
    return (Rect){x, bar.y, w, bar.h};
}

int draw_header(Ui *ui, App *app, const char *title, const char *button_id, const char *button_label,
                bool *pressed)
{
    (void)app;
    int h = 88, px = ui_px(ui, THEME_PX_TITLE * 3 / 4), least = ui_px(ui, THEME_PX_SMALL);
    int most = ui->text_pct > 100 ? 2 * (px * 3 / 2) + 8 : h; /* larger text: two lines, a taller bar */
    Rect col = layout_column(ui, 1400);
    Rect t = {col.x, 0, col.w, h};
    Rect b = cut_right(&t, button_id ? ui_px(ui, 200) : 0, THEME_GAP);
    int th = ui_paragraph_height(ui, t.w, px, true, title);
    while (th > most - 8 && px > least) {
        px -= 2;
        th = ui_paragraph_height(ui, t.w, px, true, title);
    }
    if (th > most - 8) { /* still too long (a long company name in portrait): one line, cut */
        title = field_fit(ui, px, true, title, t.w);
        th = ui_paragraph_height(ui, t.w, px, true, title);
    }
    h = th + 8 > h ? th + 8 : h;
    t.h = b.h = h;
    ui_fill(ui, (Rect){0, 0, ui->w, h}, THEME_PRIMARY);
    if (button_id) {
        bool used = ui_button(ui, button_id, rect_middle(b, 68), button_label, BTN_SECONDARY, true);
        if (pressed)
            *pressed = used;
    }
    ui_paragraph(ui, rect_middle(t, th), px, true, THEME_ON_PRIMARY, title);
    return h;
}

int draw_band(Ui *ui, Rect r, BandKind kind, const char *msg)
{
    static const struct {
        Color bg, fg;
    } LOOK[] = {
        [BAND_NOTICE] = {THEME_PRIMARY_SOFT, THEME_PRIMARY},
        [BAND_ERROR] = {THEME_FAIL_SOFT, THEME_FAIL},
        [BAND_SUCCESS] = {THEME_PASS_SOFT, THEME_PASS},
    };
    bool bold = kind == BAND_ERROR;
    int px = ui_px(ui, THEME_PX_BODY); /* in the person's text size */
    int h = ui_paragraph_height(ui, r.w - 40, px, bold, msg);
    while (r.h && h > r.h - 8 && px > 18) { /* a band of a set height: the text steps down to fit */
        px -= 2;
        h = ui_paragraph_height(ui, r.w - 40, px, bold, msg);
    }
    if (r.h == 0)
        r.h = h + 24 > 56 ? h + 24 : 56;
    ui_fill(ui, r, LOOK[kind].bg);
    Rect rest = r;
    ui_fill(ui, cut_left(&rest, 8, 0), LOOK[kind].fg);
    ui_paragraph(ui, rect_middle(rect_sides(r, 24, 16), h), px, bold, THEME_TEXT, msg);
    return r.h;
}

void flow_band(Ui *ui, Flow *f, BandKind kind, const char *msg, int gap)
{
    flow_skip(f, draw_band(ui, flow_next(f), kind, msg) + gap);
}

/* "Details (for a manager): ..." in line. */
static const char *detail_line(App *app, const char *detail, char line[700])
{
    snprintf(line, 700, "%s %s", app_str(app, "詳細（管理者向け）：", "Details (for a manager):"), detail);
    return line;
}

int draw_detail(Ui *ui, App *app, Rect r, const char *detail)
{
    char line[700];
    return detail[0] ? ui_paragraph(ui, r, ui_px(ui, THEME_PX_SMALL), false, THEME_MUTED,
                                    detail_line(app, detail, line))
                     : 0;
}

int detail_height(Ui *ui, App *app, int w, const char *detail)
{
    char line[700];
    return detail[0]
               ? ui_paragraph_height(ui, w, ui_px(ui, THEME_PX_SMALL), false, detail_line(app, detail, line))
               : 0;
}

const char *format_date(const App *app, int64_t t, char *buf)
{
    time_t tt = (time_t)t, now = (time_t)app->now;
    struct tm tm, today;
    localtime_r(&tt, &tm);
    localtime_r(&now, &today);
    civil_words(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, app->lang != LANG_EN,
                tm.tm_year != today.tm_year, buf, DATE_BUF);
    return buf;
}

const char *media_root(void)
{
    const char *m = getenv("MAMORI_MEDIA_ROOT");
    return m && m[0] ? m : "/media";
}

const char *mounts_table(void)
{
    const char *m = getenv("MAMORI_MOUNTS");
    return m && m[0] ? m : "/proc/self/mounts";
}

const char *place_label(const App *app, const char *path, char *buf, size_t size)
{
    const char *label, *home = getenv("HOME");
    if (files_on_stick(path, media_root(), mounts_table(), &label))
        snprintf(buf, size, app_str(app, "USBメモリ（%s）", "USB stick (%s)"), label);
    else if (home && strcmp(home, path) == 0)
        snprintf(buf, size, "%s", app_str(app, "このパソコン（ホームフォルダ）", "This PC (home folder)"));
    else
        snprintf(buf, size, "%s", path);
    return buf;
}

/* What the line says, in the language on screen. */
static void sync_line_text(App *app, const SyncStatus *st, char *buf, size_t size)
{
    long long n = (long long)st->outbox.waiting, r = (long long)st->outbox.refused;
    int len = 0;
    buf[0] = '\0';
    if (!st->online && !st->last_contact && !st->last_error[0])
        len =
            snprintf(buf, size, "%s", app_str(app, "サーバーに接続しています…", "Connecting to the server…"));
    else if (!st->online)
        len = snprintf(
            buf, size,
            app_str(app, "サーバーに接続できません — この端末に保管した記録 %lld 件は、接続しだい送ります",
                    "Server away — %lld record(s) kept on this kiosk, sent when it is back"),
            n);
    else if (n > r)
        len = snprintf(buf, size,
                       app_str(app, "サーバーへ送信中: %lld 件", "Sending %lld record(s) to the server"),
                       n - r);
    else if (!r)
        len = snprintf(buf, size, "%s",
                       app_str(app, "サーバーに接続中 — 記録はすべて送信済みです",
                               "Connected to the server — every record sent"));
    if (r && len >= 0 && (size_t)len < size)
        snprintf(buf + len, size - (size_t)len,
                 app_str(app, "%sサーバーが受け付けなかった記録 %lld 件: 管理者に知らせてください",
                         "%s%lld record(s) refused by the server: tell the manager"),
                 len ? " · " : "", r);
}

/* Why the server refused the kiosk's oldest refused record, and what lets it through, in the
 * language on screen (a server failure keeps its technical detail, for whoever runs the server). */
static const struct {
    const char *ja, *en;
} REFUSAL_SAYS[] = {
    [REFUSAL_ERROR] = {"サーバーでエラーが起きました。サーバーの担当者に知らせてください（%s）",
                       "the server failed: tell whoever runs it (%s)"},
    [REFUSAL_KIND] =
        {"サーバーの mamori がこの種類の記録（%s）を受け付けません。サーバーの mamori を更新してください",
         "the server's mamori does not take this kind of record (%s): update it"},
    [REFUSAL_NOT_IN_ROSTER] = {"社員コード %s の人がサーバーの名簿にいません。名簿に加えると送られます",
                               "person %s is not in the server's roster: add them and it is sent"},
    [REFUSAL_INACTIVE] = {"社員コード %s の人がサーバーの名簿で無効になっています。有効に戻すと送られます",
                          "person %s is no longer active on the server: reactivate them and it is sent"},
};

const char *refusal_text(const App *app, const OutboxCount *c, char *buf, size_t size)
{
    const char *subject = c->first_reason == REFUSAL_ERROR ? c->first_refusal : c->first_subject;
    snprintf(buf, size, app_str(app, REFUSAL_SAYS[c->first_reason].ja, REFUSAL_SAYS[c->first_reason].en),
             subject);
    return buf;
}

void sync_line_read(App *app, SyncLine *out)
{
    SyncStatus st;
    *out = (SyncLine){0};
    if (!app->sync)
        return;
    app_sync_state(app, &st);
    sync_line_text(app, &st, out->text, sizeof out->text);
    out->online = st.online;
    /* Always there on a kiosk with a server: a strip that came and went with each record sent
     * would move the buttons under a finger about to tap them. */
    out->h = THEME_PX_SMALL + 18; /* a line of small text and its margins */
}

void draw_sync_line(Ui *ui, const SyncLine *line)
{
    if (!line->h)
        return;
    ui_fill(ui, (Rect){0, ui->h - line->h, ui->w, line->h},
            line->online ? THEME_PRIMARY_SOFT : THEME_FAIL_SOFT);
    ui_label(ui, 12, ui->h - line->h + 4, THEME_PX_SMALL, false, THEME_TEXT, line->text);
}

/* Below a view that scrolls: that there is more below, or at the end that the top is above. */
static void more_line(Ui *ui, App *app, const UiScroll *sc, Rect r)
{
    const char *more = sc->offset < sc->max
                           ? app_str(app, "▼ 続きがあります（下へスクロール）", "▼ More below (scroll down)")
                           : app_str(app, "▲ ここまでです（上へスクロールで戻れます）",
                                     "▲ That is all (scroll up to go back)");
    ui_label(ui, r.x, r.y + 4, ui_px(ui, THEME_PX_SMALL + 2), true, THEME_PRIMARY, more);
}

void draw_scrolled(Ui *ui, App *app, UiScroll *sc, Rect view, ViewFn fn, void *ctx)
{
    int h = fn(ui, ctx, view, 0, false);
    Rect bar = {0}, below = {0};
    if (h > view.h) { /* room for the bar at the right and the line below */
        below = cut_bottom(&view, ui_px(ui, THEME_PX_SMALL + 2) * 3 / 2 + 8, 0);
        bar = cut_right(&view, SCROLL_BAR_W, THEME_GAP);
        h = fn(ui, ctx, view, 0, false);
    }
    int off = ui_scroll(ui, sc, view, h);
    ui_clip(ui, view);
    fn(ui, ctx, view, view.y - off, true);
    ui_clip(ui, (Rect){0});
    if (bar.w) {
        ui_scroll_bar(ui, sc, bar);
        more_line(ui, app, sc, below);
    }
}
