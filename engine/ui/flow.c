/* flow.c — rows down a column and cuts of a rectangle (see flow.h). */
#include "flow.h"

static int at_least0(int v)
{
    return v < 0 ? 0 : v;
}

Flow flow_in(Rect r)
{
    return (Flow){r, r.y};
}

Flow flow_at(Rect r, int y)
{
    return (Flow){r, y};
}

Rect flow_row(Flow *f, int h, int gap)
{
    Rect r = {f->area.x, f->y, f->area.w, h};
    f->y += h + gap;
    return r;
}

void flow_skip(Flow *f, int dy)
{
    f->y += dy;
}

Rect flow_next(const Flow *f)
{
    return (Rect){f->area.x, f->y, f->area.w, 0};
}

int flow_left(const Flow *f)
{
    return at_least0(f->area.y + f->area.h - f->y);
}

Rect cut_left(Rect *r, int w, int gap)
{
    Rect out = {r->x, r->y, w, r->h};
    r->x += w + gap;
    r->w = at_least0(r->w - w - gap);
    return out;
}

Rect cut_right(Rect *r, int w, int gap)
{
    Rect out = {r->x + r->w - w, r->y, w, r->h};
    r->w = at_least0(r->w - w - gap);
    return out;
}

Rect cut_top(Rect *r, int h, int gap)
{
    Rect out = {r->x, r->y, r->w, h};
    r->y += h + gap;
    r->h = at_least0(r->h - h - gap);
    return out;
}

Rect cut_bottom(Rect *r, int h, int gap)
{
    Rect out = {r->x, r->y + r->h - h, r->w, h};
    r->h = at_least0(r->h - h - gap);
    return out;
}

Rect rect_column(Rect r, int i, int n, int gap)
{
    int w = (r.w - (n - 1) * gap) / n;
    return (Rect){r.x + i * (w + gap), r.y, w, r.h};
}

Rect rect_inset(Rect r, int d)
{
    return rect_shrink(r, d, d);
}

Rect rect_shrink(Rect r, int dx, int dy)
{
    return (Rect){r.x + dx, r.y + dy, r.w - 2 * dx, r.h - 2 * dy};
}

Rect rect_sides(Rect r, int l, int rt)
{
    return (Rect){r.x + l, r.y, r.w - l - rt, r.h};
}

Rect rect_middle(Rect r, int h)
{
    return (Rect){r.x, r.y + (r.h - h) / 2, r.w, h};
}

Rect rect_height(Rect r, int h)
{
    return (Rect){r.x, r.y, r.w, h};
}

Rect rect_width(Rect r, int w)
{
    return (Rect){r.x, r.y, w, r.h};
}

Rect grid_cell(Rect r, int i, int cols, int w, int h, int gap)
{
    return (Rect){r.x + (i % cols) * (w + gap), r.y + (i / cols) * (h + gap), w, h};
}

Rect rect_grid(Rect r, int i, int cols, int h, int gapx, int gapy)
{
    Rect c = rect_column(r, i % cols, cols, gapx);
    return (Rect){c.x, r.y + i / cols * (h + gapy), c.w, h};
}

Rect rect_centre(Rect r, int w)
{
    return (Rect){r.x + (r.w - w) / 2, r.y, w, r.h};
}

Rect rect_down(Rect r, int dy)
{
    return (Rect){r.x, r.y + dy, r.w, r.h};
}
