/* screen_lesson.c — one lesson, a page at a time: page indicator and progress bar, next/back by
 * buttons, swipe or arrow keys. Finishing the last page records the lesson as read (with its
 * version) and leads to the comprehension test; if the record cannot be written the person is
 * told and can try again — the lesson is never shown as read when it was not saved.
 * On the first page, where ◀ 前へ has nothing to go back to, a lesson already read offers
 * テストだけ受ける (straight to its test), and a test of it left half-done in the last 30 minutes
 * 続きから受ける (resume.h) instead. */
#include "screens.h"
#include "theme.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const Lesson *lesson; /* borrowed from the content */
    int page;
    int part;         /* the view of the page shown when it does not fit whole (larger text) */
    char error[640];  /* the plain message */
    char detail[600]; /* the technical cause, for a manager */
    QuizArg quiz;     /* the argument handed to the test screen */
    bool read;        /* the person has read this lesson before */
    bool has_draft;   /* a test of it to go on with */
    TestDraft draft;
} LessonState;

static void lesson_enter(Screen *s, App *app, const void *arg)
{
    LessonState *st = s->state;
    st->lesson = arg;
    MeasureStatus ms[MEASURES];
    Err e = {0};
    const Pool *pool = content_pool(app->content, st->lesson->measure);
    st->read = app->signed_in && store_measure_status(app->store, app->user.code, ms, &e) &&
               ms[st->lesson->measure - 1].read_at;
    st->has_draft = pool && resume_find(app, pool, &st->draft);
}

/* The first page's left button: go on with a test left half-done, or take the test alone. */
static Nav shortcut(Ui *ui, App *app, LessonState *st, Rect r)
{
    const Pool *pool = content_pool(app->content, st->lesson->measure);
    char label[160];
    int done = 0, total = 0;
    if (st->has_draft && quiz_draft_counts(st->draft.state, &done, &total))
        snprintf(label, sizeof label,
                 app_str(app, "続きから受ける（%d/%d問 回答済み）", "Resume the test (%d of %d done)"), done,
                 total);
    else
        snprintf(label, sizeof label, "%s", app_str(app, "テストだけ受ける ▶", "Just take the test ▶"));
    if (!ui_button(ui, "test-only", r, label, BTN_SECONDARY, true))
        return nav_stay();
    st->quiz = (QuizArg){.pool = pool, .resume = st->has_draft ? &st->draft : NULL};
    return nav_replace(&SCREEN_QUIZ, &st->quiz);
}

static const char *const KIND_JA[] = {"なぜ大切か", "こんなことが", "やること", "ポイント"};
static const char *const KIND_EN[] = {"Why it matters", "What can happen", "What to do", "Remember"};

static int draw_checklist(Ui *ui, App *app, const Page *p, Rect r)
{
    int px = ui_px(ui, THEME_PX_BODY);
    Flow f = flow_in(r);
    for (int i = 0; i < p->nchecklist; i++) {
        const char *item = app_text(app, p->checklist[i]);
        int h = ui_paragraph_height(ui, r.w - 90, px, false, item);
        Rect box = flow_row(&f, h + 28, 10);
        ui_fill(ui, box, THEME_SURFACE);
        ui_frame(ui, box, THEME_BORDER, 1);
        ui_label(ui, box.x + 20, box.y + 12, px, true, THEME_PASS, "✓");
        ui_paragraph(ui, rect_shrink(rect_sides(box, 70, 20), 0, 14), px, false, THEME_TEXT, item);
    }
    return f.y - r.y;
}

/* The lesson's picture beside the first page's text when the window is wide enough, above
 * it when the window is tall; returns the rect left for the text. */
static Rect place_picture(Ui *ui, const Lesson *l, Rect r)
{
    if (!l->picture)
        return r;
    if (r.w >= 1000) {
        int pw = r.w * 3 / 10, ph = pw * 3 / 4;
        Rect side = cut_right(&r, pw, 2 * THEME_GAP);
        ui_image(ui, rect_down(rect_height(side, ph), 36), l->picture);
        return r;
    }
    if (r.h >= 900) {
        Rect below = cut_bottom(&r, 300, THEME_GAP);
        ui_image(ui, rect_centre(below, 400), l->picture);
        return r;
    }
    return r;
}

/* The page whole, when it fits. Returns the height used. */
static int draw_whole(Ui *ui, App *app, const Page *p, Rect r)
{
    int px = ui_px(ui, THEME_PX_BODY);
    Flow f = flow_in(r);
    flow_skip(&f, ui_paragraph(ui, flow_next(&f), ui_px(ui, THEME_PX_TITLE), true, THEME_TEXT,
                               app_text(app, p->title)) +
                      18);
    if (p->body.ja)
        flow_skip(&f, ui_paragraph(ui, flow_next(&f), px, false, THEME_TEXT, app_text(app, p->body)) + 18);
    if (p->nchecklist)
        flow_skip(&f, draw_checklist(ui, app, p, rect_height(flow_next(&f), flow_left(&f))));
    return f.y - r.y;
}

/* ---- a page too long for the screen (larger text, a small window): shown in parts ---- */

enum { MAX_BLOCKS = 64 };

/* A piece of a page that is never cut: the title, one line of the body (up to a '\n'), or one
 * checklist item. */
typedef struct {
    const char *text;
    int len;
    int check; /* 1 + the checklist item's index, or 0 */
} Block;

static int page_blocks(App *app, const Page *p, Block *b)
{
    int n = 0;
    const char *t = app_text(app, p->title);
    b[n++] = (Block){t, (int)strlen(t), 0};
    for (const char *s = p->body.ja ? app_text(app, p->body) : NULL; s && *s && n < MAX_BLOCKS - 1;) {
        const char *nl = strchr(s, '\n');
        int len = nl ? (int)(nl - s) : (int)strlen(s);
        b[n++] = (Block){s, len, 0};
        s += len + (nl != NULL);
    }
    for (int i = 0; i < p->nchecklist && n < MAX_BLOCKS; i++) {
        const char *c = app_text(app, p->checklist[i]);
        b[n++] = (Block){c, (int)strlen(c), i + 1};
    }
    return n;
}

/* A block's height with the space after it, at width w; draws it at r when draw is true. */
static int block(Ui *ui, const Block *b, bool title, Rect r, bool draw)
{
    char text[2400];
    int px = ui_px(ui, title ? THEME_PX_TITLE : THEME_PX_BODY);
    snprintf(text, sizeof text, "%.*s", b->len, b->text);
    if (b->check) {
        int h = ui_paragraph_height(ui, r.w - 90, px, false, text) + 28;
        if (draw) {
            Rect box = rect_height(r, h);
            ui_fill(ui, box, THEME_SURFACE);
            ui_frame(ui, box, THEME_BORDER, 1);
            ui_label(ui, box.x + 20, box.y + 12, px, true, THEME_PASS, "✓");
            ui_paragraph(ui, rect_shrink(rect_sides(box, 70, 20), 0, 14), px, false, THEME_TEXT, text);
        }
        return h + 10;
    }
    int h = draw ? ui_paragraph(ui, r, px, title, THEME_TEXT, text)
                 : ui_paragraph_height(ui, r.w, px, title, text);
    return h + (title ? 18 : 8);
}

/* The height draw_whole uses for the page at width w. */
static int whole_height(Ui *ui, App *app, const Page *p, int w)
{
    int px = ui_px(ui, THEME_PX_BODY);
    int h = ui_paragraph_height(ui, w, ui_px(ui, THEME_PX_TITLE), true, app_text(app, p->title)) + 18;
    if (p->body.ja)
        h += ui_paragraph_height(ui, w, px, false, app_text(app, p->body)) + 18;
    for (int i = 0; i < p->nchecklist; i++)
        h += ui_paragraph_height(ui, w - 90, px, false, app_text(app, p->checklist[i])) + 28 + 10;
    return h;
}

/* The first block of each part when blocks are laid down r; returns the parts (1: it fits
 * whole). */
static int page_parts(Ui *ui, App *app, const Page *p, const Block *b, int n, Rect r, int *starts)
{
    starts[0] = 0;
    if (whole_height(ui, app, p, r.w) - 10 <= r.h) /* the last item's gap may pass the bottom */
        return 1;
    int parts = 0, used = 0;
    for (int i = 0; i < n; i++) {
        int h = block(ui, &b[i], i == 0, r, false);
        if (i == 0 || (used + h > r.h && used > 0))
            starts[parts++] = i, used = 0;
        used += h;
    }
    return parts;
}

/* Draws the page, or its part *part (clamped) when it does not fit whole; returns how many parts.
 * The text keeps to the reading measure at the left of r (the bar and buttons span the column). */
static int draw_page(Ui *ui, App *app, const Page *p, Rect r, int *part)
{
    int measure_w = reading_width(ui, app, ui_px(ui, THEME_PX_BODY));
    r.w = r.w < measure_w ? r.w : measure_w;
    const char *kind = app->lang == LANG_EN ? KIND_EN[p->kind] : KIND_JA[p->kind];
    Flow f = flow_in(r);
    flow_skip(&f, ui_px(ui, 36));
    Rect body = rect_height(flow_next(&f), flow_left(&f));
    Block b[MAX_BLOCKS];
    int n = page_blocks(app, p, b), starts[MAX_BLOCKS];
    int parts = page_parts(ui, app, p, b, n, body, starts);
    *part = *part < 0 ? 0 : *part >= parts ? parts - 1 : *part;
    char label[96];
    snprintf(label, sizeof label, parts > 1 ? app_str(app, "%s（%d / %d）", "%s (%d of %d)") : "%s", kind,
             *part + 1, parts);
    ui_label(ui, r.x, r.y, ui_px(ui, THEME_PX_SMALL + 2), true, THEME_PRIMARY, label);
    if (parts == 1) {
        draw_whole(ui, app, p, body);
        return 1;
    }
    int end = *part + 1 < parts ? starts[*part + 1] : n;
    for (int i = starts[*part]; i < end; i++)
        flow_skip(&f, block(ui, &b[i], i == 0, flow_next(&f), true));
    return parts;
}

static bool record_read(LessonState *st, App *app)
{
    Err e = {0};
    if (store_record_lesson(app->store, app->user.code, st->lesson, app->now, &e)) {
        st->error[0] = '\0';
        return true;
    }
    snprintf(st->error, sizeof st->error, "%s",
             app_str(app, "読んだことを記録できませんでした。少し待って、もう一度押してください。",
                     "We could not record that you read this. Wait a moment and press again."));
    snprintf(st->detail, sizeof st->detail, "%s", e.msg);
    return false;
}

static Nav finish(LessonState *st, App *app)
{
    if (!record_read(st, app))
        return nav_stay();
    const Pool *pool = content_pool(app->content, st->lesson->measure);
    if (!pool)
        return nav_back();
    st->quiz = (QuizArg){.pool = pool};
    return nav_replace(&SCREEN_QUIZ, &st->quiz);
}

/* Forward: the next part of this page (dir 0) or the next page (1); back (-1): the part before,
 * or the last part of the page before (draw_page clamps the part to the parts there are). */
static void turn(LessonState *st, int dir)
{
    if (dir == 0)
        st->part++;
    else if (dir > 0)
        st->page++, st->part = 0;
    else if (st->part > 0)
        st->part--;
    else
        st->page--, st->part = MAX_BLOCKS;
}

static Nav lesson_frame(Screen *s, App *app, Ui *ui)
{
    LessonState *st = s->state;
    const Lesson *l = st->lesson;
    bool back = false;
    int y = draw_header(ui, app, app_text(app, l->title), "home", app_str(app, "ホームへ", "Home"), &back);
    if (back || ui->in.key == UI_KEY_ESC)
        return nav_back();
    Rect col = layout_column(ui, 1200);
    char counter[32];
    snprintf(counter, sizeof counter, "%d / %d", st->page + 1, l->npages);
    Rect bar = cut_bottom(&col, THEME_BUTTON_H, THEME_GAP); /* action_bar's place */
    Flow rows = flow_at(col, y);
    Rect page = flow_row(&rows, flow_left(&rows), 0); /* down to the bar */
    Rect top = cut_top(&page, 48, 0);
    int cw = ui_px(ui, 100), px = ui_px(ui, THEME_PX_BODY); /* the counter, in the person's text size */
    Rect track = rect_down(rect_height(rect_sides(top, 0, cw + 20), 14), 18);
    ui_progress(ui, track, (st->page + 1) / (double)l->npages, THEME_PRIMARY);
    ui_label(ui, top.x + top.w - cw, top.y + 6 - (px - THEME_PX_BODY), px, true, THEME_TEXT, counter);
    if (st->error[0]) { /* the message takes the page's place until the record is written */
        Flow f = flow_in(page);
        flow_band(ui, &f, BAND_ERROR, st->error, 8);
        draw_detail(ui, app, flow_next(&f), st->detail);
        page.h = 0;
    }
    if (st->page == 0 && page.h)
        page = place_picture(ui, l, page);
    int parts = page.h ? draw_page(ui, app, &l->pages[st->page], page, &st->part) : 1;
    bool more = st->part < parts - 1; /* this page goes on */
    bool last = st->page == l->npages - 1 && !more;
    Rect prev = rect_column(bar, 0, 2, THEME_GAP);
    Rect next = rect_column(bar, 1, 2, THEME_GAP);
    bool has_test = content_pool(app->content, l->measure) != NULL;
    const char *next_label = !last      ? app_str(app, "次へ ▶", "Next ▶")
                             : has_test ? app_str(app, "理解度テストへ ▶", "Take the test ▶")
                                        : app_str(app, "読み終えた", "Done");
    UiKey key = ui->in.swipe > 0 ? UI_KEY_RIGHT : ui->in.swipe < 0 ? UI_KEY_LEFT : ui->in.key;
    if (st->page == 0 && has_test && (st->read || st->has_draft)) {
        Nav to = shortcut(ui, app, st, prev);
        if (to.kind != NAV_STAY)
            return to;
    } else if ((ui_button(ui, "prev", prev, app_str(app, "◀ 前へ", "◀ Back"), BTN_SECONDARY,
                          st->page > 0 || st->part > 0) ||
                key == UI_KEY_LEFT || key == UI_KEY_PAGEUP) &&
               (st->page > 0 || st->part > 0)) {
        turn(st, -1);
        return nav_stay();
    }
    if (ui_button(ui, "next", next, next_label, BTN_PRIMARY, true))
        return last ? finish(st, app) : (turn(st, more ? 0 : 1), nav_stay());
    if ((key == UI_KEY_RIGHT || key == UI_KEY_PAGEDOWN) && !last)
        turn(st, more ? 0 : 1); /* keys and swipes turn pages; only the button starts the test */
    return nav_stay();
}

const ScreenOps SCREEN_LESSON = {
    .name = "lesson",
    .state_size = sizeof(LessonState),
    .enter = lesson_enter,
    .frame = lesson_frame,
};
