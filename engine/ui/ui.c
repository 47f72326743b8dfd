/* ui.c — immediate-mode widgets → command list, focus, and the trace view. */
#include "ui.h"
#include "err.h"
#include "json.h"
#include "theme.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_LINES = 256 };

void ui_init(Ui *ui, UiWidthFn width, void *width_ctx)
{
    *ui = (Ui){0};
    ui->width = width;
    ui->width_ctx = width_ctx;
}

void ui_free(Ui *ui)
{
    arena_free(&ui->frame);
    free(ui->cmds);
    free(ui->items);
    free(ui->texts);
    *ui = (Ui){0};
}

void ui_begin(Ui *ui, int w, int h, const UiInput *in)
{
    arena_free(&ui->frame);
    ui->ncmds = ui->nitems = ui->ntexts = 0;
    ui->w = w;
    ui->h = h;
    ui->in = *in;
    ui->focus_move = in->key == UI_KEY_TAB || in->key == UI_KEY_DOWN     ? 1
                     : in->key == UI_KEY_BACKTAB || in->key == UI_KEY_UP ? -1
                                                                         : 0;
    ui->activated_key = false;
    ui->caret = (Rect){0};
    ui->clip = (Rect){0};
    if (in->pressed)
        ui->pressed_id[0] = '\0';
}

static int item_index(const Ui *ui, const char *id)
{
    for (int i = 0; i < ui->nitems; i++)
        if (strcmp(ui->items[i].id, id) == 0)
            return i;
    return -1;
}

static void move_focus(Ui *ui)
{
    if (!ui->focus_move || ui->nitems == 0)
        return;
    int at = item_index(ui, ui->focus);
    int n = ui->nitems;
    int i = at < 0 ? (ui->focus_move > 0 ? -1 : 0) : at;
    for (int step = 0; step < n; step++) {
        i = (i + ui->focus_move + n) % n;
        if (ui->items[i].enabled) {
            snprintf(ui->focus, sizeof ui->focus, "%s", ui->items[i].id);
            return;
        }
    }
}

void ui_end(Ui *ui)
{
    move_focus(ui);
    if (ui->in.released)
        ui->pressed_id[0] = '\0';
}

static Cmd *push_cmd(Ui *ui, CmdKind kind, Rect r, Color c)
{
    if (ui->ncmds == ui->capcmds) {
        ui->capcmds = ui->capcmds ? ui->capcmds * 2 : 256;
        ui->cmds = xrealloc(ui->cmds, (size_t)ui->capcmds * sizeof *ui->cmds);
    }
    Cmd *cmd = &ui->cmds[ui->ncmds++];
    *cmd = (Cmd){.kind = kind, .r = r, .color = c, .clip = ui->clip};
    return cmd;
}

static bool overlaps(Rect a, Rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static Rect intersect(Rect a, Rect b)
{
    int x0 = a.x > b.x ? a.x : b.x, y0 = a.y > b.y ? a.y : b.y;
    int x1 = a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w,
        y1 = a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h;
    return x1 > x0 && y1 > y0 ? (Rect){x0, y0, x1 - x0, y1 - y0} : (Rect){x0, y0, 0, 0};
}

/* Can any of r be seen (inside the clip, when there is one)? */
static bool seen(const Ui *ui, Rect r)
{
    return !ui->clip.w || overlaps(r, ui->clip);
}

void ui_clip(Ui *ui, Rect r)
{
    ui->clip = r;
}

static void push_text(Ui *ui, const char *s)
{
    if (ui->ntexts == ui->captexts) {
        ui->captexts = ui->captexts ? ui->captexts * 2 : 64;
        ui->texts = xrealloc(ui->texts, (size_t)ui->captexts * sizeof *ui->texts);
    }
    ui->texts[ui->ntexts++] = s;
}

void ui_fill(Ui *ui, Rect r, Color c)
{
    push_cmd(ui, CMD_FILL, r, c);
}

void ui_frame(Ui *ui, Rect r, Color c, int width)
{
    push_cmd(ui, CMD_FRAME, r, c)->px = width;
}

void ui_image(Ui *ui, Rect r, const char *file)
{
    push_cmd(ui, CMD_IMAGE, r, THEME_TEXT)->text = file;
}

void ui_polyline(Ui *ui, const int16_t *pts, int npts, Color c)
{
    Cmd *cmd = push_cmd(ui, CMD_LINES, (Rect){0}, c);
    cmd->pts = pts;
    cmd->npts = npts;
}

int ui_px(const Ui *ui, int px)
{
    return ui->text_pct > 0 ? px * ui->text_pct / 100 : px;
}

static int width_px(Ui *ui, int px, bool bold, const char *s, int n)
{
    return ui->width(ui->width_ctx, px, bold, s, n);
}

int ui_text_width(Ui *ui, int px, bool bold, const char *s, int n)
{
    return width_px(ui, px, bold, s, n);
}

/* One line of text; false when it is left out, wholly outside the clip. */
static bool text_cmd(Ui *ui, int x, int y, int w, int px, bool bold, Color c, const char *s, int n)
{
    Rect r = {x, y, w, px * 3 / 2};
    if (!seen(ui, r))
        return false;
    Cmd *cmd = push_cmd(ui, CMD_TEXT, r, c);
    cmd->px = px;
    cmd->bold = bold;
    cmd->text = s;
    cmd->n = n;
    return true;
}

int ui_label(Ui *ui, int x, int y, int px, bool bold, Color c, const char *s)
{
    s = arena_strdup(&ui->frame, s); /* drawn after the frame: the caller's buffer may be gone */
    int n = (int)strlen(s);
    int w = width_px(ui, px, bold, s, n);
    if (text_cmd(ui, x, y, w, px, bold, c, s, n))
        push_text(ui, s);
    return w;
}

typedef struct {
    Ui *ui;
    int px;
    bool bold;
} FontRef;

static int measure_font(void *ctx, const char *s, int n)
{
    FontRef *f = ctx;
    return width_px(f->ui, f->px, f->bold, s, n);
}

static int line_height(int px)
{
    return px * 3 / 2;
}

static int para_height(Ui *ui, int w, int px, bool bold, const char *s)
{
    FontRef f = {ui, px, bold};
    LayoutLine lines[MAX_LINES];
    int n = layout_lines(s, w, measure_font, &f, lines, MAX_LINES);
    return n * line_height(px);
}

int ui_paragraph_height(Ui *ui, int w, int px, bool bold, const char *s)
{
    return para_height(ui, w, px, bold, s);
}

static int para_draw(Ui *ui, Rect r, int px, bool bold, Color c, const char *s)
{
    s = arena_strdup(&ui->frame, s);
    FontRef f = {ui, px, bold};
    LayoutLine lines[MAX_LINES];
    int n = layout_lines(s, r.w, measure_font, &f, lines, MAX_LINES);
    if (n > MAX_LINES)
        n = MAX_LINES;
    bool shown = !ui->clip.w; /* with a clip, listed only when a line of it can be seen */
    for (int i = 0; i < n; i++)
        if (lines[i].len > 0)
            shown |= text_cmd(ui, r.x, r.y + i * line_height(px), lines[i].width, px, bold, c,
                              s + lines[i].start, lines[i].len);
    if (shown)
        push_text(ui, s);
    return n * line_height(px);
}

int ui_paragraph(Ui *ui, Rect r, int px, bool bold, Color c, const char *s)
{
    return para_draw(ui, r, px, bold, c, s);
}

static bool inside(Rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

/* Registers an item (its visible part) and says whether it was activated this frame. */
static bool add_item(Ui *ui, const char *id, Rect r, const char *label, const char *style, bool selected,
                     bool enabled)
{
    if (ui->clip.w)
        r = intersect(r, ui->clip);
    if (ui->nitems == ui->capitems) {
        ui->capitems = ui->capitems ? ui->capitems * 2 : 64;
        ui->items = xrealloc(ui->items, (size_t)ui->capitems * sizeof *ui->items);
    }
    UiItem *it = &ui->items[ui->nitems++];
    *it = (UiItem){.r = r, .style = style, .selected = selected, .enabled = enabled};
    snprintf(it->id, sizeof it->id, "%s", id);
    it->label = arena_strdup(&ui->frame, label ? label : "");
    it->focused = strcmp(ui->focus, it->id) == 0;
    if (!enabled)
        return false;
    const UiInput *in = &ui->in;
    if (in->pressed && inside(r, in->x, in->y))
        snprintf(ui->pressed_id, sizeof ui->pressed_id, "%s", it->id);
    bool clicked = in->released && inside(r, in->x, in->y) && strcmp(ui->pressed_id, it->id) == 0;
    bool keyed = it->focused && in->key == UI_KEY_ENTER && !ui->activated_key;
    if (keyed)
        ui->activated_key = true;
    return clicked || keyed;
}

static Rect around(Rect r, int d)
{
    return (Rect){r.x - d, r.y - d, r.w + 2 * d, r.h + 2 * d};
}

void ui_focus_ring(Ui *ui, Rect r)
{
    int f = THEME_FOCUS_W;
    ui_frame(ui, around(r, 2), THEME_FOCUS_EDGE, 2);
    ui_frame(ui, around(r, f + 2), THEME_FOCUS, f);
    ui_frame(ui, around(r, f + 4), THEME_FOCUS_EDGE, 2);
}

/* A label centred in r: on one line when it fits, else wrapped, in a smaller size if the
 * wrapped lines would not fit the height (the first size at which it fits one line or the wrapped
 * lines fit). The item's label is the readable text. */
static void centred_label(Ui *ui, Rect r, int px, bool bold, Color c, const char *s)
{
    s = arena_strdup(&ui->frame, s);
    int n = (int)strlen(s);
    px = ui_px(ui, px); /* a button's label in the person's text size */
    int w = width_px(ui, px, bold, s, n), h = 0;
    while (w > r.w - 16 && (h = para_height(ui, r.w - 24, px, bold, s)) > r.h - 4 && px > 16) {
        px -= 2;
        w = width_px(ui, px, bold, s, n);
    }
    if (w <= r.w - 16) {
        text_cmd(ui, r.x + (r.w - w) / 2, r.y + (r.h - line_height(px)) / 2, w, px, bold, c, s, n);
        return;
    }
    int ntexts = ui->ntexts;
    para_draw(ui, (Rect){r.x + 12, r.y + (r.h - h) / 2, r.w - 24, h}, px, bold, c, s);
    ui->ntexts = ntexts;
}

static const char *const STYLE_NAMES[] = {
    [BTN_PRIMARY] = "primary", [BTN_SECONDARY] = "secondary", [BTN_CHOICE] = "choice",
    [BTN_QUIET] = "quiet",     [BTN_DANGER] = "danger",
};

bool ui_button(Ui *ui, const char *id, Rect r, const char *label, ButtonStyle style, bool enabled)
{
    if (!seen(ui, r))
        return false; /* scrolled out of view */
    bool used = add_item(ui, id, r, label, STYLE_NAMES[style], false, enabled);
    Color bg = THEME_SURFACE, fg = THEME_TEXT, border = THEME_BORDER;
    if (style == BTN_PRIMARY)
        bg = THEME_PRIMARY, fg = THEME_ON_PRIMARY, border = THEME_PRIMARY;
    else if (style == BTN_DANGER)
        bg = THEME_FAIL, fg = THEME_ON_PRIMARY, border = THEME_FAIL;
    else if (style == BTN_QUIET)
        bg = THEME_BG, fg = THEME_PRIMARY;
    if (!enabled)
        bg = THEME_TRACK, fg = THEME_DISABLED, border = THEME_TRACK;
    bool held = strcmp(ui->pressed_id, id) == 0 && ui->in.down && inside(r, ui->in.x, ui->in.y);
    if (held && enabled)
        bg = style == BTN_PRIMARY ? THEME_TEXT : THEME_PRIMARY_SOFT;
    ui_fill(ui, r, bg);
    ui_frame(ui, r, border, 2);
    centred_label(ui, r, THEME_PX_BUTTON, style == BTN_PRIMARY, fg, label);
    if (ui->items[ui->nitems - 1].focused)
        ui_focus_ring(ui, r);
    return used;
}

/* A filled disc of radius rad centred at (cx, cy), as one fill per pixel row. */
static void disc(Ui *ui, int cx, int cy, int rad, Color c)
{
    for (int dy = -rad; dy < rad; dy++) {
        double mid = dy + 0.5;
        int half = (int)(sqrt((double)rad * rad - mid * mid) + 0.5);
        ui_fill(ui, (Rect){cx - half, cy + dy, 2 * half, 1}, c);
    }
}

/* The mark at the left of a choice: a round radio mark (one of several) or a square box with ✓. */
static void choice_mark(Ui *ui, Rect b, bool selected, ChoiceMark mark)
{
    if (mark == MARK_RADIO) {
        int cx = b.x + b.w / 2, cy = b.y + b.h / 2, rad = b.w / 2;
        disc(ui, cx, cy, rad, THEME_PRIMARY);
        disc(ui, cx, cy, rad - 3, THEME_SURFACE);
        if (selected)
            disc(ui, cx, cy, rad - 8, THEME_PRIMARY);
        return;
    }
    ui_fill(ui, b, selected ? THEME_PRIMARY : THEME_SURFACE);
    ui_frame(ui, b, THEME_PRIMARY, 3);
    if (selected)
        text_cmd(ui, b.x + 4, b.y - 3, b.w, 28, true, THEME_ON_PRIMARY, "✓", (int)strlen("✓"));
}

bool ui_choice_mark(Ui *ui, const char *id, Rect r, const char *label, bool selected, bool enabled,
                    ChoiceMark mark)
{
    if (!seen(ui, r))
        return false; /* scrolled out of view */
    bool used = add_item(ui, id, r, label, mark == MARK_RADIO ? "radio" : "check", selected, enabled);
    ui_fill(ui, r, selected ? THEME_PRIMARY_SOFT : THEME_SURFACE);
    ui_frame(ui, r, selected ? THEME_PRIMARY : THEME_BORDER, selected ? 4 : 2);
    int box = 34;
    Rect b = {r.x + 18, r.y + (r.h - box) / 2, box, box};
    choice_mark(ui, b, selected, mark);
    int tx = b.x + box + 18;
    Rect tr = {tx, r.y, r.x + r.w - tx - 16, r.h};
    int px = ui_px(ui, THEME_PX_BODY), h = para_height(ui, tr.w, px, false, label);
    while (h > r.h - 8 && px > 18) { /* a row made too low for the label: the label steps down */
        px -= 2;
        h = para_height(ui, tr.w, px, false, label);
    }
    int ntexts = ui->ntexts;
    para_draw(ui, (Rect){tr.x, r.y + (r.h - h) / 2, tr.w, h}, px, false,
              enabled || selected ? THEME_TEXT : THEME_MUTED, label);
    ui->ntexts = ntexts;
    if (ui->items[ui->nitems - 1].focused)
        ui_focus_ring(ui, r);
    return used;
}

bool ui_choice(Ui *ui, const char *id, Rect r, const char *label, bool selected, bool enabled)
{
    return ui_choice_mark(ui, id, r, label, selected, enabled, MARK_CHECK);
}

void ui_progress(Ui *ui, Rect r, double fraction, Color fg)
{
    if (fraction < 0)
        fraction = 0;
    if (fraction > 1)
        fraction = 1;
    ui_fill(ui, r, THEME_TRACK);
    ui_fill(ui, (Rect){r.x, r.y, (int)(r.w * fraction + 0.5), r.h}, fg);
    ui_frame(ui, r, THEME_BORDER, 1); /* the track's extent at 3:1, whatever the page behind */
}

bool ui_area(Ui *ui, const char *id, Rect r, const char *label)
{
    return seen(ui, r) && add_item(ui, id, r, label, "area", false, true);
}

static bool contains(Rect outer, Rect in)
{
    return in.x >= outer.x && in.y >= outer.y && in.x + in.w <= outer.x + outer.w &&
           in.y + in.h <= outer.y + outer.h;
}

/* The part of a text line that ink can reach: its advance and its line height, inside its clip. */
static Rect ink(const Cmd *c)
{
    Rect r = {c->r.x, c->r.y + c->px / 8, c->r.w, c->px * 5 / 4};
    return c->clip.w ? intersect(r, c->clip) : r;
}

static bool fault(char *msg, size_t size, const Cmd *c, const char *what)
{
    snprintf(msg, size, "'%.*s' at [%d,%d,%d,%d] %s", c->n > 60 ? 60 : c->n, c->text, c->r.x, c->r.y, c->r.w,
             c->r.h, what);
    return false;
}

bool ui_check_layout(const Ui *ui, char *msg, size_t size)
{
    Rect window = {0, 0, ui->w, ui->h};
    for (int k = 0; k < ui->nitems; k++)
        if (!contains(window, ui->items[k].r)) {
            const UiItem *it = &ui->items[k];
            snprintf(msg, size, "item '%s' at [%d,%d,%d,%d] leaves the window", it->id, it->r.x, it->r.y,
                     it->r.w, it->r.h);
            return false;
        }
    for (int i = 0; i < ui->ncmds; i++) {
        const Cmd *c = &ui->cmds[i];
        if (c->kind != CMD_TEXT)
            continue;
        Rect r = ink(c);
        if (r.w == 0 || r.h == 0)
            continue; /* clipped away but for the space above its ink */
        if (!contains(window, r))
            return fault(msg, size, c, "leaves the window");
        for (int j = i + 1; j < ui->ncmds; j++)
            if (ui->cmds[j].kind == CMD_TEXT && overlaps(r, ink(&ui->cmds[j])))
                return fault(msg, size, c, "overlaps another text");
        for (int k = 0; k < ui->nitems; k++)
            if (overlaps(r, ui->items[k].r) && !contains(ui->items[k].r, r))
                return fault(msg, size, c, "crosses a button or field");
    }
    return true;
}

const UiItem *ui_find_item(const Ui *ui, const char *id)
{
    int i = item_index(ui, id);
    return i < 0 ? NULL : &ui->items[i];
}

static uint64_t hash_str(uint64_t h, const char *s)
{
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return (h ^ 0xff) * 1099511628211u;
}

static uint64_t view_hash(const Ui *ui, const char *screen)
{
    uint64_t h = hash_str(1469598103934665603u, screen);
    for (int i = 0; i < ui->ntexts; i++)
        h = hash_str(h, ui->texts[i]);
    for (int i = 0; i < ui->nitems; i++) {
        const UiItem *it = &ui->items[i];
        char buf[96];
        snprintf(buf, sizeof buf, "%d,%d,%d,%d,%d%d%d", it->r.x, it->r.y, it->r.w, it->r.h, it->focused,
                 it->selected, it->enabled);
        h = hash_str(hash_str(hash_str(h, it->id), it->label), buf);
    }
    for (int i = 0; i < ui->ncmds; i++) /* a line that moved is a new view too */
        if (ui->cmds[i].kind == CMD_TEXT) {
            char buf[64];
            const Rect *r = &ui->cmds[i].r;
            snprintf(buf, sizeof buf, "%d,%d,%d,%d", r->x, r->y, r->w, r->h);
            h = hash_str(h, buf);
        }
    return h;
}

/* Every line of text drawn, with its rect and size: what the layout check sees, for outside
 * tools. */
static void trace_lines(const Ui *ui, FILE *f)
{
    int n = 0;
    fputs(", \"lines\": [", f);
    for (int i = 0; i < ui->ncmds; i++) {
        const Cmd *c = &ui->cmds[i];
        if (c->kind != CMD_TEXT)
            continue;
        char text[1024];
        snprintf(text, sizeof text, "%.*s", c->n, c->text);
        fputs(n++ ? ", {\"text\": " : "{\"text\": ", f);
        json_str(f, text);
        Rect r = c->clip.w ? intersect(c->r, c->clip) : c->r; /* the part that can be seen */
        fprintf(f, ", \"rect\": [%d, %d, %d, %d], \"px\": %d}", r.x, r.y, r.w, r.h, c->px);
    }
    fputs("]", f);
}

void ui_trace(Ui *ui, FILE *f, const char *screen)
{
    uint64_t h = view_hash(ui, screen);
    if (!f || h == ui->last_trace)
        return;
    ui->last_trace = h;
    fputs("{\"screen\": ", f);
    json_str(f, screen);
    fputs(", \"texts\": [", f);
    for (int i = 0; i < ui->ntexts; i++) {
        fputs(i ? ", " : "", f);
        json_str(f, ui->texts[i]);
    }
    fputs("]", f);
    trace_lines(ui, f);
    fputs(", \"items\": [", f);
    for (int i = 0; i < ui->nitems; i++) {
        const UiItem *it = &ui->items[i];
        fputs(i ? ", {\"id\": " : "{\"id\": ", f);
        json_str(f, it->id);
        fputs(", \"label\": ", f);
        json_str(f, it->label);
        fprintf(f, ", \"rect\": [%d, %d, %d, %d], \"focused\": %s, \"selected\": %s, \"enabled\": %s",
                it->r.x, it->r.y, it->r.w, it->r.h, it->focused ? "true" : "false",
                it->selected ? "true" : "false", it->enabled ? "true" : "false");
        fprintf(f, ", \"style\": \"%s\"}", it->style);
    }
    fputs("]}\n", f);
    fflush(f);
}

bool ui_last_focused(const Ui *ui)
{
    return ui->nitems > 0 && ui->items[ui->nitems - 1].focused;
}
