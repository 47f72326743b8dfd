/* screen_result.c — the end of a test: score, pass mark, pass or not (with a mark, not colour
 * alone), and whether it is saved. The attempt with every answer is recorded here as one event;
 * a failed write goes to the App's outbox, which keeps it in its file and retries it (every few
 * seconds and on a button) even after the person leaves; "saved" is shown only after the
 * commit, "will not be lost" only once the outbox file holds it, and "not saved" otherwise. On a fail: take
 * it again (the primary button) or review the lesson. The questions missed are listed one at a time,
 * each with its right answer, in the text size chosen: when the window is too small for all of it,
 * everything above the buttons scrolls, so the missed questions are always within reach. One way
 * home: ホームへ戻る at the bottom (and Esc). */
#include "screens.h"
#include "theme.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    Quiz quiz;               /* a copy; answers copied into this screen's arena */
    int pending;             /* outbox id while the attempt is not on disk; 0 once it is */
    QuizArg retake;          /* argument for a retake */
    const Question **missed; /* arena: the questions answered wrong (borrowed from the content) */
    int nmissed;
    int shown;       /* which missed question is on screen */
    UiScroll scroll; /* everything above the buttons, when it does not fit */
} ResultState;

static void result_enter(Screen *s, App *app, const void *arg)
{
    ResultState *st = s->state;
    const Quiz *z = arg;
    st->quiz = *z;
    st->quiz.answers = ARENA_ARRAY(&s->arena, Answer, z->nanswers ? z->nanswers : 1);
    memcpy(st->quiz.answers, z->answers, sizeof *z->answers * (size_t)z->nanswers);
    st->missed = ARENA_ARRAY(&s->arena, const Question *, z->nanswers ? z->nanswers : 1);
    for (int i = 0; i < z->nanswers; i++)
        if (!z->answers[i].correct)
            st->missed[st->nmissed++] = z->items[i].q;
    st->quiz.items = NULL; /* not needed after the test; it lived in the quiz's arena */
    Attempt a;
    quiz_attempt(&st->quiz, app->user.code, true, app->now, &a);
    st->pending = app_record_attempt(app, &a);
    const Pool *pool = z->kind == ATTEMPT_TEST ? content_pool(app->content, z->measure) : NULL;
    if (pool)
        resume_settle(app, pool, true); /* a draft it was resumed from is done with */
}

/* A failure's detail for a manager in r (or with draw false only its height). */
static int detail(Ui *ui, App *app, Rect r, const char *what, bool draw)
{
    return draw ? draw_detail(ui, app, r, what) : detail_height(ui, app, r.w, what);
}

static OutboxState save_state(const ResultState *st, const App *app)
{
    return st->pending ? outbox_state(&app->outbox, st->pending) : OUTBOX_SAVED;
}

static bool saved(const ResultState *st, const App *app)
{
    return save_state(st, app) == OUTBOX_SAVED;
}

/* In the record. On a shared server: on the server only once nothing waits in this kiosk's
 * outbox; before that, saved on this kiosk (never said to be on the server). */
static const char *saved_text(App *app)
{
    SyncStatus ss;
    app_sync_state(app, &ss);
    if (!app->sync)
        return app_str(app, "✓ 記録しました", "✓ Saved to your record");
    if (ss.outbox.waiting == 0)
        return app_str(app, "✓ 記録しました（サーバーに保存済み）", "✓ Saved to your record on the server");
    app->wake_ms = 1000; /* look again: the kiosk sends it as soon as it can */
    return app_str(app, "✓ この端末に保管しました — サーバーにつながりしだい送ります",
                   "✓ Saved on this kiosk — it will be sent to the server");
}

/* A band's height (draw_band's with no height set). */
static int band_h(Ui *ui, int w, BandKind kind, const char *msg)
{
    int h = ui_paragraph_height(ui, w - 40, ui_px(ui, THEME_PX_BODY), kind == BAND_ERROR, msg) + 24;
    return h > 56 ? h : 56;
}

/* A band at the cursor (or with draw false only its height), then gap. */
static void band(Ui *ui, Flow *f, BandKind kind, const char *msg, int gap, bool draw)
{
    flow_skip(f, (draw ? draw_band(ui, flow_next(f), kind, msg) : band_h(ui, f->area.w, kind, msg)) + gap);
}

/* Not in the record: "will not be lost" only once the outbox file holds it; else plainly not
 * saved, with what went wrong. Returns the height used (drawing only with draw set). */
static int not_saved_band(Ui *ui, App *app, const ResultState *st, Rect r, bool draw)
{
    bool kept = save_state(st, app) == OUTBOX_KEPT;
    Flow f = flow_in(r);
    band(ui, &f, kept ? BAND_NOTICE : BAND_ERROR,
         kept ? app_str(
                    app,
                    "結果はまだ記録に書き込めていませんが、この端末に保管しました。消えることはありません。"
                    "自動でやり直しています。",
                    "Your result is not in the record yet, but it is kept safely on this computer: it "
                    "will not be lost. mamori keeps trying by itself.")
              : app_str(app,
                        "結果は保存されていません。この端末にも保管できませんでした。mamori は動いている間"
                        "やり直し続けますが、止めると失われます。管理者に知らせてください。",
                        "Your result is NOT saved: it could not be kept on this computer either. mamori keeps"
                        " trying while it runs, but it is lost if mamori is closed. Tell the manager."),
         8, draw);
    flow_skip(&f, detail(ui, app, flow_next(&f), app->outbox.last_error, draw));
    if (!kept && app->outbox.file_error[0])
        flow_skip(&f, detail(ui, app, flow_next(&f), app->outbox.file_error, draw));
    return f.y - r.y;
}

static void verdict(Ui *ui, App *app, const ResultState *st, Rect box)
{
    const Quiz *z = &st->quiz;
    bool pass = quiz_passed(z);
    bool followup = z->kind == ATTEMPT_FOLLOWUP;
    ui_fill(ui, box, pass || followup ? THEME_PASS_SOFT : THEME_FAIL_SOFT);
    const char *big = followup ? app_str(app, "おつかれさまでした", "Well done")
                      : pass   ? app_str(app, "✓ 合格です", "✓ Passed")
                               : app_str(app, "× 不合格です", "× Not passed");
    ui_label(ui, box.x + 32, box.y + 20, THEME_PX_HERO, true, pass || followup ? THEME_PASS : THEME_FAIL,
             big);
    char line[200];
    if (followup)
        snprintf(line, sizeof line, app_str(app, "%d 問中 %d 問正解", "%2$d of %1$d right"), z->nitems,
                 z->score);
    else
        snprintf(line, sizeof line,
                 app_str(app, "%d 問中 %d 問正解（%d問中%d問以上で合格）",
                         "%2$d of %1$d right (Pass: %4$d of %3$d or more)"),
                 z->nitems, z->score, z->nitems, quiz_pass_count(z->nitems, z->pass_percent));
    ui_paragraph(ui, (Rect){box.x + 32, box.y + 100, box.w - 64, 0}, ui_px(ui, THEME_PX_BODY), false,
                 THEME_TEXT, line);
}

/* "✓ 正解：A、B" — every right choice of q, in content order. */
static const char *right_answer(App *app, const Question *q, char *buf, size_t size)
{
    int n = snprintf(buf, size, "%s", app_str(app, "✓ 正解：", "✓ Right answer: "));
    for (int i = 0, k = 0; i < q->nchoices && n > 0 && (size_t)n < size; i++)
        if (q->choices[i].correct)
            n += snprintf(buf + n, size - (size_t)n, "%s%s", k++ ? app_str(app, "、", "; ") : "",
                          app_text(app, q->choices[i].text));
    return buf;
}

/* The missed question shown (prompt and right answer) at px; returns the height, drawing only with
 * draw set. */
static int missed_body(Ui *ui, App *app, const Question *q, Rect r, int px, bool draw)
{
    char right[1024];
    right_answer(app, q, right, sizeof right);
    const char *prompt = app_text(app, q->prompt);
    Flow f = flow_in(r);
    flow_skip(&f, (draw ? ui_paragraph(ui, flow_next(&f), px, false, THEME_TEXT, prompt)
                        : ui_paragraph_height(ui, r.w, px, false, prompt)) +
                      6);
    flow_skip(&f, draw ? ui_paragraph(ui, flow_next(&f), px, true, THEME_PASS, right)
                       : ui_paragraph_height(ui, r.w, px, true, right));
    return f.y - r.y;
}

/* The questions missed, one at a time with ◀ ▶ when there are several, from r's top, in the person's
 * text size; returns the height (drawing only with draw set). */
static int missed_panel(Ui *ui, App *app, ResultState *st, Rect r, bool draw)
{
    if (!st->nmissed)
        return 0;
    Flow f = flow_in(r);
    Rect head = flow_row(&f, ui_px(ui, 56), 8);
    const Question *q = st->missed[st->shown];
    Rect body = rect_sides(flow_next(&f), 16, 0);
    flow_skip(&f, missed_body(ui, app, q, body, ui_px(ui, THEME_PX_BODY), draw));
    if (!draw)
        return f.y - r.y;
    char title[128];
    snprintf(title, sizeof title, app_str(app, "まちがえた問題（%d / %d）", "Missed (%d of %d)"),
             st->shown + 1, st->nmissed);
    int bw = ui_px(ui, 120);
    Rect pager = cut_right(&head, st->nmissed > 1 ? 2 * bw + THEME_GAP : 0, THEME_GAP);
    ui_paragraph(ui, rect_down(head, ui_px(ui, 12)), ui_px(ui, THEME_PX_BODY), true, THEME_TEXT, title);
    if (st->nmissed > 1) {
        Rect next = cut_right(&pager, bw, THEME_GAP);
        if (ui_button(ui, "missed-prev", pager, app_str(app, "◀ 前", "◀ Prev"), BTN_SECONDARY, st->shown > 0))
            st->shown--;
        if (ui_button(ui, "missed-next", next, app_str(app, "次 ▶", "Next ▶"), BTN_SECONDARY,
                      st->shown < st->nmissed - 1))
            st->shown++;
    }
    return f.y - r.y;
}

/* The labels of the three buttons along the bottom. */
static void bar_labels(App *app, const char *labels[3])
{
    labels[0] = app_str(app, "レッスンを復習", "Review the lesson");
    labels[1] = app_str(app, "もう一度受ける", "Take it again");
    labels[2] = app_str(app, "ホームへ戻る", "Back to Home");
}

/* The row of those buttons: one line of label each, or as tall as two lines of the person's text
 * size when a label cannot stand on one line (bar_height). */
static Rect bar_of(Ui *ui, Rect col, const char *const labels[3])
{
    Rect bar = action_bar(ui, col);
    int grow = bar_height(ui, bar.w, labels, 3) - bar.h;
    return (Rect){bar.x, bar.y - grow, bar.w, bar.h + grow};
}

typedef struct {
    App *app;
    ResultState *st;
} Body;

/* The verdict, whether it is saved (and Save again when it is not), the questions missed, from y
 * (a ViewFn); returns the y below them. */
static int result_body(Ui *ui, void *ctx, Rect col, int y, bool draw)
{
    Body *b = ctx;
    App *app = b->app;
    ResultState *st = b->st;
    Flow f = flow_at(col, y);
    Rect box = flow_row(&f, 150, 2 * THEME_GAP);
    if (draw)
        verdict(ui, app, st, box);
    if (saved(st, app)) {
        const char *msg = saved_text(app);
        int h = ui_paragraph_height(ui, f.area.w - 40, ui_px(ui, THEME_PX_BODY), false, msg) + 24;
        Rect r = rect_height(flow_next(&f), h > 64 ? h : 64);
        flow_skip(&f, draw ? draw_band(ui, r, BAND_SUCCESS, msg) : r.h);
    } else
        flow_skip(&f, not_saved_band(ui, app, st, flow_next(&f), draw));
    flow_skip(&f, THEME_GAP);
    if (!saved(st,
               app)) { /* the first thing to press only when not even kept: kept ones retry by themselves */
        bool kept = save_state(st, app) == OUTBOX_KEPT;
        if (draw &&
            ui_button(ui, "retry", rect_height(rect_column(flow_next(&f), 0, 3, THEME_GAP), THEME_BUTTON_H),
                      app_str(app, "もう一度保存する", "Save again"), kept ? BTN_SECONDARY : BTN_PRIMARY,
                      true))
            outbox_flush(&app->outbox, app->store, app->now);
        flow_skip(&f, THEME_BUTTON_H + THEME_GAP);
    }
    flow_skip(&f, missed_panel(ui, app, st, flow_next(&f), draw));
    return f.y;
}

static Nav result_frame(Screen *s, App *app, Ui *ui)
{
    ResultState *st = s->state;
    int y = draw_header(ui, app, app_str(app, "テストの結果", "Your result"), NULL, NULL, NULL);
    if (ui->in.key == UI_KEY_ESC)
        return nav_home();
    const char *labels[3];
    bar_labels(app, labels);
    Rect col = layout_column(ui, 1100), bar = bar_of(ui, col, labels);
    int top = y + 2 * THEME_GAP;
    Body body = {app, st};
    draw_scrolled(ui, app, &st->scroll, (Rect){col.x, top, col.w, bar.y - THEME_GAP - top}, result_body,
                  &body);
    const Quiz *z = &st->quiz;
    const Lesson *lesson = z->measure ? content_lesson(app->content, z->measure) : NULL;
    const Pool *pool = z->measure ? content_pool(app->content, z->measure) : NULL;
    bool failed = z->kind == ATTEMPT_TEST && !quiz_passed(z);
    bool unsaved = !saved(st, app) && save_state(st, app) != OUTBOX_KEPT; /* もう一度保存する first then */
    if (failed && lesson &&
        ui_button(ui, "review", bar_column(ui, bar, labels, 3, 0), labels[0], BTN_SECONDARY, true))
        return (Nav){NAV_HOME, &SCREEN_LESSON, lesson};
    if (failed && pool &&
        ui_button(ui, "retake", bar_column(ui, bar, labels, 3, 1), labels[1],
                  unsaved ? BTN_SECONDARY : BTN_PRIMARY, true)) {
        st->retake = (QuizArg){.pool = pool};
        return nav_replace(&SCREEN_QUIZ, &st->retake);
    }
    if (ui_button(ui, "done", bar_column(ui, bar, labels, 3, 2), labels[2],
                  failed || unsaved ? BTN_SECONDARY : BTN_PRIMARY, true))
        return nav_home();
    return nav_stay();
}

const ScreenOps SCREEN_RESULT = {
    .name = "result",
    .state_size = sizeof(ResultState),
    .enter = result_enter,
    .frame = result_frame,
};
