/* scroll.c — a scrolled view's offset from the wheel, drags and keys, and its scroll bar. */
#include "scroll.h"
#include "theme.h"

#include <stdlib.h>

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static bool inside(Rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

/* A drag that began in the view moves the content with the pointer. Once it has moved
 * SCROLL_DRAG_MIN it is a scroll: the press is taken from the widgets (no tap on release). */
static void drag(Ui *ui, UiScroll *s, Rect view)
{
    UiInput *in = &ui->in;
    if (in->pressed) {
        int x = in->nmoves ? in->moves[0].x : in->x, y = in->nmoves ? in->moves[0].y : in->y;
        s->tracking = inside(view, x, y), s->dragged = false;
        s->y0 = y, s->offset0 = s->offset;
    }
    if (!s->tracking)
        return;
    int dy = in->y - s->y0;
    s->dragged |= abs(dy) >= SCROLL_DRAG_MIN;
    if (s->dragged) {
        s->offset = s->offset0 - dy;
        ui->pressed_id[0] = '\0';
        in->pressed = in->released = false; /* for this frame's widgets */
    }
    if (!in->down)
        s->tracking = false;
}

/* Up/Down a step, PageUp/PageDown a view less a step; the key is used up. */
static void keys(Ui *ui, UiScroll *s, Rect view)
{
    int step = ui_px(ui, 60), page = view.h - step > step ? view.h - step : step;
    UiKey k = ui->in.key;
    int d = k == UI_KEY_DOWN       ? step
            : k == UI_KEY_UP       ? -step
            : k == UI_KEY_PAGEDOWN ? page
            : k == UI_KEY_PAGEUP   ? -page
                                   : 0;
    if (!d)
        return;
    s->offset += d;
    ui->in.key = UI_KEY_NONE;
    ui->focus_move = 0; /* Up/Down scroll here instead of moving the focus */
}

int ui_scroll(Ui *ui, UiScroll *s, Rect view, int content_h)
{
    s->max = content_h > view.h ? content_h - view.h : 0;
    if (s->max) {
        s->offset -= ui->in.wheel * ui_px(ui, 60); /* the wheel turned down (negative) shows what is below */
        drag(ui, s, view);
        keys(ui, s, view);
    }
    s->offset = clamp(s->offset, 0, s->max);
    s->view_y = view.y, s->view_h = view.h;
    return s->offset;
}

void ui_scroll_show(UiScroll *s, int y, int h)
{
    int top = y - s->view_y + s->offset; /* in the content */
    if (top < s->offset)
        s->offset = top;
    else if (top + h > s->offset + s->view_h)
        s->offset = top + h - s->view_h;
}

void ui_scroll_bar(Ui *ui, const UiScroll *s, Rect r)
{
    if (!s->max)
        return;
    int thumb = r.h * r.h / (r.h + s->max); /* as much of the track as the view shows of the content */
    thumb = thumb < 24 ? 24 : thumb;
    ui_fill(ui, r, THEME_TRACK);
    ui_fill(ui, (Rect){r.x, r.y + s->offset * (r.h - thumb) / s->max, r.w, thumb}, THEME_PRIMARY);
    ui_frame(ui, r, THEME_BORDER, 1);
}
