/* test_sdl_screens.c — every screen driven directly (no window events), with the real font, at
 * 1280×800, 1920×1080 and a portrait 800×1280, in Japanese and English: every lesson page, every
 * question before and after answering, Home's tabs, the start screen and the results. Each frame's
 * layout must pass ui_check_layout: no text outside the window, no overlapping lines, no text
 * running under a button. This is what "every page fits its screen" means, checked for all. */
#include "nav.h"
#include "screens.h"
#include "sdl_text.h"
#include "test.h"
#include "utf8.h"

#include <SDL.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct {
    SDL_Window *window;
    SDL_Renderer *renderer;
    TextCache *text;
    Content content;
    Store *store;
    App app;
    Ui ui;
    NavStack nav;
    int w, h;
    char dir[64];
} Rig;

static const int SIZES[][2] = {{1280, 800}, {1920, 1080}, {800, 1280}};

static int width_cb(void *ctx, int px, bool bold, const char *s, int n)
{
    return text_width(ctx, px, bold ? FONT_BOLD : FONT_REGULAR, s, n);
}

static bool rig_open(Rig *r)
{
    Err e = {0};
    ErrList errs = {0};
    *r = (Rig){.w = 1280, .h = 800};
    snprintf(r->dir, sizeof r->dir, "/tmp/mamori-screens-XXXXXX");
    char db[128];
    if (!mkdtemp(r->dir))
        return false;
    snprintf(db, sizeof db, "%s/t.db", r->dir);
    if (SDL_Init(SDL_INIT_VIDEO) != 0)
        return fprintf(stderr, "SDL_Init: %s\n", SDL_GetError()), false;
    r->window = SDL_CreateWindow("t", 0, 0, 1280, 800, 0);
    r->renderer = r->window ? SDL_CreateRenderer(r->window, -1, SDL_RENDERER_SOFTWARE) : NULL;
    r->text = r->renderer ? text_open(r->renderer, &e) : NULL;
    if (!r->text || !content_load(&r->content, "content", &errs) || !store_open(&r->store, db, &e)) {
        fprintf(stderr, "rig: %s %s\n", e.msg, errs.nmsgs ? errs.msgs[0] : "");
        errlist_free(&errs);
        return false;
    }
    Employee people[] = {
        {.code = "0001", .name = "山田 花子", .kana = "やまだ はなこ", .department = "総務部", .role = ROLE_MANAGER, .active = true},
        {.code = "0002", .name = "Nguyen Van An", .kana = "グエン", .department = "製造部", .role = ROLE_EMPLOYEE, .lang = LANG_EN, .active = true},
    };
    if (!store_import_employees(r->store, people, 2, 1000, NULL, &e))
        return fprintf(stderr, "rig: %s\n", e.msg), false;
    r->app = (App){.content = &r->content, .store = r->store, .now = 1764000000, .rng = 1};
    if (!app_load_settings(&r->app, &e) || !app_init_fsrs(&r->app, &e))
        return fprintf(stderr, "rig: %s\n", e.msg), false;
    r->app.user = people[0];
    r->app.signed_in = true;
    ui_init(&r->ui, width_cb, r->text);
    nav_init(&r->nav, &r->app, &SCREEN_START, &SCREEN_HOME);
    return true;
}

static void rig_close(Rig *r)
{
    nav_free(&r->nav, &r->app);
    outbox_free(&r->app.outbox);
    ui_free(&r->ui);
    store_close(r->store);
    content_free(&r->content);
    text_close(r->text);
    SDL_DestroyRenderer(r->renderer);
    SDL_DestroyWindow(r->window);
    SDL_Quit();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", r->dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", r->dir);
}

/* Every character drawn in the frame has a glyph in the font (no tofu boxes). */
static bool glyphs_ok(Rig *r, char *msg, size_t size)
{
    for (int i = 0; i < r->ui.ncmds; i++) {
        const Cmd *c = &r->ui.cmds[i];
        for (int at = 0; c->kind == CMD_TEXT && at < c->n;) {
            uint32_t cp;
            int n = utf8_decode(c->text + at, c->n - at, &cp);
            if (n <= 0 || !text_has_glyph(r->text, cp)) {
                snprintf(msg, size, "no glyph for U+%04X in '%.*s'", n > 0 ? cp : 0, c->n, c->text);
                return false;
            }
            at += n;
        }
    }
    return true;
}

/* Runs one frame of the top screen with this input; checks its layout; applies navigation. */
static bool frame_with(Rig *r, UiInput in, const char *where)
{
    ui_begin(&r->ui, r->w, r->h, &in);
    Screen *s = nav_top(&r->nav);
    Nav to = s->ops->frame(s, &r->app, &r->ui);
    ui_end(&r->ui);
    char msg[256];
    bool ok = ui_check_layout(&r->ui, msg, sizeof msg) && glyphs_ok(r, msg, sizeof msg);
    if (!ok)
        fprintf(stderr, "  %dx%d %s %s: %s\n", r->w, r->h, r->app.lang == LANG_EN ? "en" : "ja", where, msg);
    nav_apply(&r->nav, &r->app, to);
    return ok;
}

static bool frame(Rig *r, const char *where)
{
    return frame_with(r, (UiInput){0}, where);
}

static bool tap(Rig *r, const char *id, const char *where)
{
    const UiItem *it = ui_find_item(&r->ui, id);
    if (!it)
        return fprintf(stderr, "  %s: no item %s\n", where, id), false;
    int x = it->r.x + it->r.w / 2, y = it->r.y + it->r.h / 2;
    return frame_with(r, (UiInput){.x = x, .y = y, .pressed = true, .released = true}, where);
}

static int lessons_fit(Rig *r)
{
    int faults = 0;
    for (int m = 1; m <= MEASURES; m++) {
        const Lesson *l = content_lesson(&r->content, m);
        nav_apply(&r->nav, &r->app, nav_push(&SCREEN_LESSON, l));
        for (int p = 0; p < l->npages; p++) {
            char where[96];
            snprintf(where, sizeof where, "%s page %d", l->file, p + 1);
            faults += !frame(r, where);
            faults += !frame_with(r, (UiInput){.key = UI_KEY_RIGHT}, where);
        }
        nav_apply(&r->nav, &r->app, nav_back());
    }
    return faults;
}

/* The id of the choice item showing this text (display positions are shuffled). */
static const char *choice_id(Rig *r, const char *text)
{
    for (int i = 0; i < r->ui.nitems; i++) {
        const UiItem *it = &r->ui.items[i];
        const char *label = strstr(it->label, ". ");
        if (strncmp(it->id, "choice-", 7) == 0 && label && strcmp(label + 2, text) == 0)
            return it->id;
    }
    return "no-such-choice";
}

/* Every question alone in a quiz: shown, answered (first choice), and its feedback. */
static int questions_fit(Rig *r, bool pick_correct)
{
    int faults = 0;
    for (int m = 0; m < MEASURES; m++) {
        const Pool *pool = r->content.pools[m];
        for (int i = 0; pool && i < pool->nquestions; i++) {
            const Question *q = &pool->questions[i];
            QuizArg arg = {.followup = &q, .nfollowup = 1};
            nav_apply(&r->nav, &r->app, nav_push(&SCREEN_QUIZ, &arg));
            char where[128];
            snprintf(where, sizeof where, "%s %s", pool->file, q->id);
            faults += !frame(r, where);
            for (int c = 0; c < q->nchoices; c++) {
                if (q->choices[c].correct != pick_correct)
                    continue;
                faults += !tap(r, choice_id(r, text_get(q->choices[c].text, r->app.lang)), where);
                if (!pick_correct)
                    break; /* one wrong pick is enough */
            }
            faults += !tap(r, "submit", where);
            faults += !frame(r, where); /* the feedback */
            nav_apply(&r->nav, &r->app, nav_back());
        }
    }
    return faults;
}

static int home_fits(Rig *r)
{
    int faults = 0;
    nav_apply(&r->nav, &r->app, nav_push(&SCREEN_HOME, NULL));
    faults += !frame(r, "home");
    for (int t = 0; t < 4; t++) {
        char id[16];
        snprintf(id, sizeof id, "tab-%d", t);
        faults += !tap(r, id, id);
        faults += !frame(r, id);
    }
    nav_apply(&r->nav, &r->app, nav_back());
    return faults;
}

static void each_size(Rig *r, int (*check)(Rig *), const char *name)
{
    int faults = 0;
    for (int lang = LANG_JA; lang <= LANG_EN; lang++)
        for (int s = 0; s < 3; s++) {
            r->w = SIZES[s][0], r->h = SIZES[s][1];
            r->app.lang = (Lang)lang;
            faults += check(r);
        }
    if (faults)
        fprintf(stderr, "%s: %d layout faults\n", name, faults);
    CHECK(faults == 0);
}

static Rig rig;

static int start_check(Rig *r) { return !frame(r, "start"); }
static int home_check(Rig *r) { return home_fits(r); }
static int lesson_check(Rig *r) { return lessons_fit(r); }
static int right_check(Rig *r) { return questions_fit(r, true); }
static int wrong_check(Rig *r) { return questions_fit(r, false); }

static void test_start_screen_fits(void) { each_size(&rig, start_check, "start"); }
static void test_home_fits(void) { each_size(&rig, home_check, "home"); }
static void test_every_lesson_page_fits(void) { each_size(&rig, lesson_check, "lessons"); }
static void test_every_question_and_feedback_fits_right(void) { each_size(&rig, right_check, "questions right"); }
static void test_every_question_and_feedback_fits_wrong(void) { each_size(&rig, wrong_check, "questions wrong"); }

static void test_layout_check_catches_overflow(void)
{
    /* a paragraph drawn below the window must be reported */
    ui_begin(&rig.ui, 1280, 800, &(UiInput){0});
    ui_paragraph(&rig.ui, (Rect){10, 790, 500, 0}, 26, false, (Color){0, 0, 0, 255}, "はみ出す文章");
    ui_end(&rig.ui);
    char msg[256];
    CHECK(!ui_check_layout(&rig.ui, msg, sizeof msg));
    ui_begin(&rig.ui, 1280, 800, &(UiInput){0});
    ui_button(&rig.ui, "b", (Rect){10, 100, 300, 72}, "ボタン", BTN_PRIMARY, true);
    ui_paragraph(&rig.ui, (Rect){10, 90, 900, 0}, 26, false, (Color){0, 0, 0, 255}, "ボタンの下にもぐる文章");
    ui_end(&rig.ui);
    CHECK(!ui_check_layout(&rig.ui, msg, sizeof msg));
}

int main(void)
{
    if (!rig_open(&rig)) {
        printf("0 passed, 1 failed\n");
        return 1;
    }
    RUN(test_layout_check_catches_overflow);
    RUN(test_start_screen_fits);
    RUN(test_home_fits);
    RUN(test_every_lesson_page_fits);
    RUN(test_every_question_and_feedback_fits_right);
    RUN(test_every_question_and_feedback_fits_wrong);
    rig_close(&rig);
    return TEST_END();
}
