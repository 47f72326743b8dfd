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

typedef struct {
    const Lesson *lesson; /* borrowed from the content */
    int page;
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
    int px = app_px(app, THEME_PX_BODY);
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

static void draw_page(Ui *ui, App *app, const Page *p, Rect r)
{
    int px = app_px(app, THEME_PX_BODY);
    const char *kind = app->lang == LANG_EN ? KIND_EN[p->kind] : KIND_JA[p->kind];
    ui_label(ui, r.x, r.y, THEME_PX_SMALL + 2, true, THEME_PRIMARY, kind);
    Flow f = flow_in(r);
    flow_skip(&f, 36);
    flow_skip(&f, ui_paragraph(ui, flow_next(&f), app_px(app, THEME_PX_TITLE), true, THEME_TEXT,
                               app_text(app, p->title)) +
                      18);
    if (p->body.ja)
        flow_skip(&f, ui_paragraph(ui, flow_next(&f), px, false, THEME_TEXT, app_text(app, p->body)) + 18);
    if (p->nchecklist)
        draw_checklist(ui, app, p, rect_height(flow_next(&f), flow_left(&f)));
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
    Rect track = rect_down(rect_height(rect_sides(top, 0, 120), 14), 18);
    ui_progress(ui, track, (st->page + 1) / (double)l->npages, THEME_PRIMARY);
    ui_label(ui, top.x + top.w - 100, top.y + 6, THEME_PX_BODY, true, THEME_TEXT, counter);
    if (st->error[0]) { /* the message takes the page's place until the record is written */
        Flow f = flow_in(page);
        flow_band(ui, &f, BAND_ERROR, st->error, 8);
        draw_detail(ui, app, flow_next(&f), st->detail);
        page.h = 0;
    }
    if (st->page == 0 && page.h)
        page = place_picture(ui, l, page);
    if (page.h)
        draw_page(ui, app, &l->pages[st->page], page);
    bool last = st->page == l->npages - 1;
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
    } else if ((ui_button(ui, "prev", prev, app_str(app, "◀ 前へ", "◀ Back"), BTN_SECONDARY, st->page > 0) ||
                key == UI_KEY_LEFT || key == UI_KEY_PAGEUP) &&
               st->page > 0) {
        st->page--;
        return nav_stay();
    }
    if (ui_button(ui, "next", next, next_label, BTN_PRIMARY, true))
        return last ? finish(st, app) : (st->page++, nav_stay());
    if ((key == UI_KEY_RIGHT || key == UI_KEY_PAGEDOWN) && !last)
        st->page++; /* keys and swipes turn pages; only the button starts the test */
    return nav_stay();
}

const ScreenOps SCREEN_LESSON = {
    .name = "lesson",
    .state_size = sizeof(LessonState),
    .enter = lesson_enter,
    .frame = lesson_frame,
};
