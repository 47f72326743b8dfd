/* bench_sdl_render.c — the densest lesson page (most characters), laid out and drawn by the
 * real lesson screen through the real drawer on the software renderer (offscreen): the first
 * frame (cold: every line measured and rendered by SDL2_ttf) and the median of 200 frames after
 * it (cached: layout from the width cache, lines from the texture cache). */
#include "bench_util.h"
#include "nav.h"
#include "screens.h"
#include "sdl_draw.h"

#include <SDL.h>
#include <stdio.h>
#include <string.h>

enum { FRAMES = 200 };

static int width_cb(void *ctx, int px, bool bold, const char *s, int n)
{
    return text_width(ctx, px, bold ? FONT_BOLD : FONT_REGULAR, s, n);
}

static int page_chars(const Page *p)
{
    int n = (int)strlen(p->title.ja) + (p->body.ja ? (int)strlen(p->body.ja) : 0);
    for (int i = 0; i < p->nchecklist; i++)
        n += (int)strlen(p->checklist[i].ja);
    return n;
}

static const Lesson *densest(const Content *c, int *page)
{
    const Lesson *best = NULL;
    int most = -1;
    for (int m = 0; m < MEASURES; m++)
        for (int p = 0; c->lessons[m] && p < c->lessons[m]->npages; p++)
            if (page_chars(&c->lessons[m]->pages[p]) > most)
                most = page_chars(&c->lessons[m]->pages[p]), best = c->lessons[m], *page = p;
    return best;
}

static double frame(Ui *ui, NavStack *nav, App *app, Drawer *d, UiInput in)
{
    double t0 = bench_ms();
    ui_begin(ui, 1280, 800, &in);
    Screen *s = nav_top(nav);
    nav_apply(nav, app, s->ops->frame(s, app, ui));
    ui_end(ui);
    drawer_draw(d, ui);
    return bench_ms() - t0;
}

int main(int argc, char **argv)
{
    char db[1024];
    snprintf(db, sizeof db, "%s/bench-render.db", argc > 1 ? argv[1] : "/tmp");
    Err e = {0};
    ErrList errs = {0};
    Content c = {0};
    Store *store = NULL;
    SDL_Init(SDL_INIT_VIDEO);
    SDL_Window *w = SDL_CreateWindow("bench", 0, 0, 1280, 800, 0);
    SDL_Renderer *r = w ? SDL_CreateRenderer(w, -1, SDL_RENDERER_SOFTWARE) : NULL;
    TextCache *text = r ? text_open(r, &e) : NULL;
    if (!text || !content_load(&c, "content", &errs) || !store_open(&store, db, &e))
        return fprintf(stderr, "bench_sdl_render: %s\n", e.msg), 1;
    App app = {.content = &c, .store = store, .now = 1764000000};
    Drawer *d = drawer_open(r, text, "assets");
    Ui ui;
    ui_init(&ui, width_cb, text);
    NavStack nav;
    nav_init(&nav, &app, &SCREEN_START, &SCREEN_HOME);
    int page = 0;
    const Lesson *l = densest(&c, &page);
    nav_apply(&nav, &app, nav_push(&SCREEN_LESSON, l));
    for (int p = 0; p < page; p++) /* turn to the page without drawing it */
        frame(&ui, &nav, &app, d, (UiInput){.key = UI_KEY_RIGHT});
    text_cache_clear(text);
    double cold = frame(&ui, &nav, &app, d, (UiInput){0});
    static double t[FRAMES];
    for (int i = 0; i < FRAMES; i++)
        t[i] = frame(&ui, &nav, &app, d, (UiInput){0});
    printf(
        "densest lesson page (%s page %d, 1280x800, software renderer): cold %.2f ms, cached %.3f ms median"
        " (target cached < 2 ms)\n",
        l->file, page + 1, cold, bench_quantile(t, FRAMES, 0.5));
    nav_free(&nav, &app);
    ui_free(&ui);
    drawer_close(d);
    text_close(text);
    store_close(store);
    content_free(&c);
    SDL_DestroyRenderer(r);
    SDL_DestroyWindow(w);
    SDL_Quit();
    return 0;
}
