/* screen_quiz.c — a comprehension test or a follow-up quiz, one question per screen: pick (touch,
 * click, digits 1–9 by displayed position, Tab+Enter), answer, see right/wrong with the
 * explanations, go on. When every question is answered the result screen records the attempt;
 * leaving earlier (中断する, sign-out, idle timeout) keeps it as a draft the same person may go on
 * with for 30 minutes (resume.h), and only then is it recorded as abandoned.
 *
 * What must stay true: 中断する (and Esc) only asks; the test is thrown away only by the second,
 * explicit 中断する of that question. A single answer shows round marks and "pick one", a
 * multiple answer square boxes and "pick all"; a disabled 回答する says why beside it; after a
 * true/false answer the right answer is said in words (正解：誤り). Every text is in the person's
 * text size: a question (or its feedback) that does not fit above the buttons scrolls (a drag, the
 * wheel, ↑/↓, PageUp/PageDown) under a bar and a line saying there is more, and the buttons stay. */
#include "screens.h"
#include "theme.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    Quiz quiz;
    const Lesson *lesson;
    bool handed_over;  /* the result screen owns the recording */
    bool confirm_stop; /* 中断する was pressed: asking whether to throw the test away */
    UiScroll scroll;   /* the question or its feedback, when it does not fit */
    int view;          /* which view the scroll is of: 2 × the question's index + answered */
} QuizState;

/* A test drawn against the person's last attempt at the measure (quiz_start_retake). If that
 * cannot be read, the test is drawn as a first one: still a valid test, and the read is retried
 * at the next start. */
static void start_test(QuizState *st, Screen *s, App *app, const Pool *pool, uint64_t seed)
{
    LoggedAnswer *last = NULL;
    int nlast = 0;
    Err e;
    if (!app->signed_in || !store_last_test(app->store, app->user.code, pool->measure, &last, &nlast, &e))
        nlast = 0;
    quiz_start_retake(&st->quiz, &s->arena, pool, app->settings.pass_percent, last, nlast, seed, app->now);
    store_answer_log_free(last);
}

static void quiz_enter(Screen *s, App *app, const void *arg)
{
    QuizState *st = s->state;
    const QuizArg *qa = arg;
    uint64_t seed = app_random(app);
    Err e = {0};
    if (qa->pool && qa->resume && quiz_resume(&st->quiz, &s->arena, qa->pool, qa->resume->state, &e)) {
        st->lesson = content_lesson(app->content, qa->pool->measure);
    } else if (qa->pool) {
        resume_settle(app, qa->pool, false); /* an older draft of this test is recorded as abandoned */
        start_test(st, s, app, qa->pool, seed);
        st->lesson = content_lesson(app->content, qa->pool->measure);
    } else {
        quiz_start_followup(&st->quiz, &s->arena, qa->followup, qa->nfollowup, seed, app->now);
    }
}

static void quiz_leave(Screen *s, App *app)
{
    QuizState *st = s->state;
    if (st->handed_over || !app->signed_in)
        return;
    resume_leave(app, &st->quiz); /* a draft to go on with, or recorded as abandoned */
}

static const char *choice_label(App *app, const Choice *c)
{
    return app_text(app, c->text);
}

/* The prompt (and the "pick all" hint); returns the y below it. With draw false it only measures. */
static int question_block(Ui *ui, App *app, const QuizItem *it, Rect col, int y, bool draw)
{
    int px = ui_px(ui, THEME_PX_BODY + 2), hint_px = ui_px(ui, THEME_PX_SMALL + 2);
    const char *prompt = app_text(app, it->q->prompt);
    Flow f = flow_at(col, y);
    flow_skip(&f, draw ? ui_paragraph(ui, flow_next(&f), px, true, THEME_TEXT, prompt)
                       : ui_paragraph_height(ui, col.w, px, true, prompt));
    const char *hint = it->q->kind == QUESTION_MULTIPLE
                           ? app_str(app, "あてはまるものをすべて選んで「回答する」",
                                     "Pick every one that applies, then Answer")
                           : app_str(app, "1つ選んで「回答する」", "Pick one, then Answer");
    flow_skip(&f, 6);
    Rect r = flow_next(&f);
    flow_skip(&f, draw ? ui_paragraph(ui, r, hint_px, true, THEME_PRIMARY, hint)
                       : ui_paragraph_height(ui, r.w, hint_px, true, hint));
    return f.y + THEME_GAP;
}

/* The choices from y; returns the y below them. With draw false it only measures. */
static int choices(Ui *ui, App *app, QuizState *st, const QuizItem *it, Rect col, int y, bool draw)
{
    int px = ui_px(ui, THEME_PX_BODY);
    ChoiceMark mark = it->q->kind == QUESTION_MULTIPLE ? MARK_CHECK : MARK_RADIO;
    Flow f = flow_at(col, y);
    for (int pos = 0; pos < it->q->nchoices; pos++) {
        const Choice *c = &it->q->choices[it->order[pos]];
        char label[512], id[24];
        snprintf(label, sizeof label, "%d. %s", pos + 1, choice_label(app, c));
        snprintf(id, sizeof id, "choice-%d", pos + 1);
        int h = ui_paragraph_height(ui, col.w - 90, px, false, label) + 24;
        Rect row = flow_row(&f, h < 64 ? 64 : h, 10);
        if (draw && ui_choice_mark(ui, id, row, label, quiz_picked(&st->quiz, pos), true, mark))
            quiz_pick(&st->quiz, pos);
        if (draw && ui->in.key == UI_KEY_DIGIT && ui->in.digit == pos + 1) /* picked by its number */
            ui_scroll_show(&st->scroll, row.y, row.h);
    }
    if (draw && ui->in.key == UI_KEY_DIGIT && ui->in.digit >= 1)
        quiz_pick(&st->quiz, ui->in.digit - 1);
    return f.y;
}

/* After an answer: the verdict, then each choice explained: the right ones and the person's wrong
 * picks (in the order shown), then the other choices. Returns the height used; with draw false it
 * only measures. */
static int feedback(Ui *ui, App *app, QuizState *st, const QuizItem *it, Rect col, int y, int px, bool draw)
{
    const Answer *ans = &st->quiz.answers[st->quiz.nanswers - 1];
    Flow f = flow_at(col, y);
    Rect verdict = flow_row(&f, 56, THEME_GAP);
    if (draw)
        draw_band(ui, verdict, ans->correct ? BAND_SUCCESS : BAND_ERROR,
                  ans->correct ? app_str(app, "✓ 正解です", "✓ Correct")
                               : app_str(app, "× 不正解です", "× Not quite"));
    for (int k = 0; k < 2 * it->q->nchoices; k++) { /* the right ones and the picks first, the others after */
        int pos = k % it->q->nchoices, ci = it->order[pos];
        const Choice *c = &it->q->choices[ci];
        bool picked = ans->picked >> ci & 1u, first = c->correct || picked;
        if (first != (k < it->q->nchoices) || (!c->correct && it->q->kind == QUESTION_TRUEFALSE))
            continue; /* true/false: the right answer in words, with the one shared explanation */
        char head[600];
        snprintf(head, sizeof head, "%s %s",
                 c->correct ? app_str(app, "✓ 正解：", "✓ Right answer:")
                 : picked   ? app_str(app, "× あなたの回答：", "× Your answer:")
                            : app_str(app, "・ほかの選択肢：", "• Another choice:"),
                 choice_label(app, c));
        const char *why = app_text(app, c->explain);
        Color hc = c->correct ? THEME_PASS : picked ? THEME_FAIL : THEME_MUTED;
        Rect hr = flow_next(&f);
        flow_skip(&f, draw ? ui_paragraph(ui, hr, px, true, hc, head)
                           : ui_paragraph_height(ui, hr.w, px, true, head));
        flow_skip(&f, 4);
        Rect wr = rect_sides(flow_next(&f), 36, 0); /* the explanation, indented under its choice */
        flow_skip(&f, (draw ? ui_paragraph(ui, wr, px, false, THEME_TEXT, why)
                            : ui_paragraph_height(ui, wr.w, px, false, why)) +
                          16 - 4);
    }
    return f.y - y;
}

/* The ways to show an answered question, most complete first: the first that fits above the
 * buttons is drawn; when none does, the last (the verdict and every choice explained, without the
 * question above), scrolled with "▼ more below". Why the other choices are wrong is part of the
 * lesson: it is never left out for want of room (as it was with larger text). */
typedef struct {
    bool question; /* the question above the explanations */
} FeedbackFit;

static const FeedbackFit FITS[] = {{true}, {false}};
enum { NFITS = sizeof FITS / sizeof FITS[0] };

/* The view from y: the question and its choices, or once answered the way fit says. Returns the
 * y below it; with draw false it only measures. */
static int content(Ui *ui, App *app, QuizState *st, const QuizItem *it, Rect col, int y, FeedbackFit fit,
                   bool draw)
{
    if (!st->quiz.answered)
        return choices(ui, app, st, it, col, question_block(ui, app, it, col, y, draw), draw);
    int top = fit.question ? question_block(ui, app, it, col, y, draw) : y;
    return top + feedback(ui, app, st, it, col, top, ui_px(ui, THEME_PX_BODY), draw);
}

static FeedbackFit fitting(Ui *ui, App *app, QuizState *st, const QuizItem *it, Rect view)
{
    int i = 0;
    while (st->quiz.answered && i < NFITS - 1 && content(ui, app, st, it, view, 0, FITS[i], false) > view.h)
        i++;
    return FITS[i];
}

typedef struct {
    App *app;
    QuizState *st;
    const QuizItem *it;
    FeedbackFit fit;
} View;

static int view_fn(Ui *ui, void *ctx, Rect col, int y, bool draw)
{
    View *v = ctx;
    return content(ui, v->app, v->st, v->it, col, y, v->fit, draw);
}

/* The question (or its feedback) in view, scrolled when it does not fit. */
static void body(Ui *ui, App *app, QuizState *st, const QuizItem *it, Rect view)
{
    int key = 2 * st->quiz.current + st->quiz.answered;
    if (st->view != key) /* a new question, or its feedback: from the top */
        st->view = key, st->scroll = (UiScroll){0};
    View v = {app, st, it, fitting(ui, app, st, it, view)};
    draw_scrolled(ui, app, &st->scroll, view, view_fn, &v);
}

/* Beside a disabled 回答する: what it waits for. */
static void why_disabled(Ui *ui, App *app, const Quiz *z, Rect r)
{
    const char *why = quiz_item(z)->q->kind == QUESTION_MULTIPLE
                          ? app_str(app, "選ぶと「回答する」を押せます", "Pick at least one to answer")
                          : app_str(app, "1つ選ぶと「回答する」を押せます", "Pick one to answer");
    int px = ui_px(ui, THEME_PX_SMALL + 2);
    int h = ui_paragraph_height(ui, r.w, px, false, why);
    ui_paragraph(ui, rect_middle(r, h), px, false, THEME_MUTED, why);
}

/* 中断する asks first: keep going (the safe, primary choice) or stop and leave the test. */
static Nav confirm_stop(Ui *ui, App *app, QuizState *st, int y)
{
    Rect col = layout_column(ui, 900);
    Flow f = flow_at(col, y + 3 * THEME_GAP);
    const char *ask = app_str(app, "テストを中断しますか？", "Stop this test?");
    flow_skip(&f, ui_paragraph(ui, flow_next(&f), ui_px(ui, THEME_PX_TITLE), true, THEME_TEXT, ask));
    flow_skip(&f, THEME_GAP);
    char line[400];
    snprintf(line, sizeof line,
             st->quiz.kind == ATTEMPT_TEST && st->quiz.nanswers
                 ? app_str(app,
                           "ここまで%d問に答えました。30分以内なら、レッスンの画面から続きを受けられます。",
                           "You have answered %d so far. Within 30 minutes you can go on from the lesson's "
                           "screen.")
                 : app_str(app, "ここまで%d問に答えました。中断すると、この回答は合格になりません。",
                           "You have answered %d so far. If you stop, these answers do not count as passed."),
             st->quiz.nanswers);
    flow_skip(&f, ui_paragraph(ui, flow_next(&f), ui_px(ui, THEME_PX_BODY), false, THEME_TEXT, line));
    flow_skip(&f, 2 * THEME_GAP);
    Rect row = flow_row(&f, THEME_BUTTON_H, 0);
    Rect yes = cut_right(&row, (row.w - THEME_GAP) / 2, THEME_GAP);
    bool keep =
        ui_button(ui, "stop-no", row, app_str(app, "テストを続ける", "Keep going"), BTN_PRIMARY, true);
    bool leave =
        ui_button(ui, "stop-yes", yes, app_str(app, "中断する", "Stop the test"), BTN_SECONDARY, true);
    if (leave)
        return nav_back();
    if (keep || ui->in.key == UI_KEY_ESC)
        st->confirm_stop = false;
    return nav_stay();
}

static Nav quiz_frame(Screen *s, App *app, Ui *ui)
{
    QuizState *st = s->state;
    Quiz *z = &st->quiz;
    const QuizItem *it = quiz_item(z);
    char title[256];
    if (st->lesson)
        snprintf(title, sizeof title, "%s %s", app_str(app, "理解度テスト：", "Test:"),
                 app_text(app, st->lesson->title));
    else
        snprintf(title, sizeof title, "%s", app_str(app, "フォローアップ", "Follow-up quiz"));
    bool stop = false;
    if (st->confirm_stop) /* the header loses its 中断する: a double tap there throws nothing away */
        return confirm_stop(ui, app, st, draw_header(ui, app, title, NULL, NULL, NULL));
    int y = draw_header(ui, app, title, "stop", app_str(app, "中断する", "Stop"), &stop);
    if (stop || ui->in.key == UI_KEY_ESC) {
        st->confirm_stop = true;
        ui->in.key = UI_KEY_NONE;
        return nav_stay();
    }
    Rect col = layout_column(ui, 1200);
    char counter[48];
    snprintf(counter, sizeof counter, app_str(app, "問 %d / %d", "Question %d of %d"), z->current + 1,
             z->nitems);
    Flow f = flow_at(col, y);
    int px = ui_px(ui, THEME_PX_BODY), cw = ui_text_width(ui, px, true, counter, (int)strlen(counter));
    Rect top = flow_row(&f, px * 3 / 2 + 20, 0);
    ui_label(ui, top.x, top.y + 10, px, true, THEME_TEXT, counter);
    Rect track = rect_middle(rect_sides(top, cw + 2 * THEME_GAP > 260 ? cw + 2 * THEME_GAP : 260, 0), 14);
    ui_progress(ui, track, (z->nanswers) / (double)z->nitems, THEME_PRIMARY);
    Rect bar = action_bar(ui, col);
    body(ui, app, st, it, (Rect){col.x, f.y, col.w, bar.y - THEME_GAP - f.y});
    Rect act = rect_sides(bar, col.w / 2, col.w - col.w / 2 - col.w / 2);
    bool last = z->current == z->nitems - 1;
    const char *label = !z->answered ? app_str(app, "回答する", "Answer")
                        : last       ? app_str(app, "結果を見る ▶", "See the result ▶")
                                     : app_str(app, "次の問題へ ▶", "Next question ▶");
    bool enabled = z->answered || quiz_can_submit(z);
    bool go = ui_button(ui, "submit", act, label, BTN_PRIMARY, enabled);
    if (!enabled)
        why_disabled(ui, app, z, rect_sides(bar, 0, act.w + THEME_GAP));
    go = go || (enabled && ui->in.key == UI_KEY_ENTER && !ui->activated_key);
    if (!go)
        return nav_stay();
    if (!z->answered) {
        quiz_submit(z);
        return nav_stay();
    }
    if (quiz_next(z))
        return nav_stay();
    st->handed_over = true;
    return nav_replace(&SCREEN_RESULT, z);
}

const ScreenOps SCREEN_QUIZ = {
    .name = "quiz",
    .state_size = sizeof(QuizState),
    .enter = quiz_enter,
    .frame = quiz_frame,
    .leave = quiz_leave,
};
