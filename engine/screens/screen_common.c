/* screen_common.c — layout and drawing helpers every screen uses. */
#include "field.h"
#include "screens.h"
#include "theme.h"

#include <stdio.h>
#include <time.h>

Rect layout_column(const Ui *ui, int max_w)
{
    int w = ui->w - 2 * THEME_PAD;
    if (w > max_w)
        w = max_w;
    return (Rect){(ui->w - w) / 2, THEME_PAD, w, ui->h - 2 * THEME_PAD};
}

Rect rect_inset(Rect r, int d)
{
    return (Rect){r.x + d, r.y + d, r.w - 2 * d, r.h - 2 * d};
}

int draw_header(Ui *ui, App *app, const char *title, const char *button_id, const char *button_label,
                bool *pressed)
{
    (void)app;
    int h = 88;
    ui_fill(ui, (Rect){0, 0, ui->w, h}, THEME_PRIMARY);
    Rect col = layout_column(ui, 1400);
    int bw = 0;
    if (button_id) {
        bw = 200;
        Rect b = {col.x + col.w - bw, 10, bw, h - 20};
        bool used = ui_button(ui, button_id, b, button_label, BTN_SECONDARY, true);
        if (pressed)
            *pressed = used;
    }
    int px = THEME_PX_TITLE * 3 / 4;
    Rect t = {col.x, 0, col.w - bw - THEME_GAP, h};
    int th = ui_paragraph_height(ui, t.w, px, true, title);
    while (th > h - 8 && px > THEME_PX_SMALL) {
        px -= 2;
        th = ui_paragraph_height(ui, t.w, px, true, title);
    }
    if (th > h - 8) { /* still too long (a long company name in portrait): one line, cut */
        title = field_fit(ui, px, true, title, t.w);
        th = ui_paragraph_height(ui, t.w, px, true, title);
    }
    ui_paragraph(ui, (Rect){t.x, (h - th) / 2, t.w, th}, px, true, THEME_ON_PRIMARY, title);
    return h;
}

int draw_band(Ui *ui, Rect r, int kind, const char *msg)
{
    Color bg = kind == 1 ? THEME_FAIL_SOFT : kind == 2 ? THEME_PASS_SOFT : THEME_PRIMARY_SOFT;
    Color fg = kind == 1 ? THEME_FAIL : kind == 2 ? THEME_PASS : THEME_PRIMARY;
    int h = ui_paragraph_height(ui, r.w - 40, THEME_PX_BODY, kind == 1, msg);
    if (r.h == 0)
        r.h = h + 24 > 56 ? h + 24 : 56;
    ui_fill(ui, r, bg);
    ui_fill(ui, (Rect){r.x, r.y, 8, r.h}, fg);
    ui_paragraph(ui, (Rect){r.x + 24, r.y + (r.h - h) / 2, r.w - 40, h}, THEME_PX_BODY, kind == 1, THEME_TEXT,
                 msg);
    return r.h;
}

int draw_detail(Ui *ui, App *app, Rect r, const char *detail)
{
    if (!detail[0])
        return 0;
    char line[700];
    snprintf(line, sizeof line, "%s %s", app_str(app, "詳細（管理者向け）：", "Details (for a manager):"),
             detail);
    return ui_paragraph(ui, r, THEME_PX_SMALL, false, THEME_MUTED, line);
}

const char *format_date(int64_t t, char *buf)
{
    time_t tt = (time_t)t;
    struct tm tm;
    localtime_r(&tt, &tm);
    strftime(buf, 16, "%Y-%m-%d", &tm);
    return buf;
}
