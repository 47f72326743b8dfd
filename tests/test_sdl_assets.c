/* test_sdl_assets.c — every picture the content names, and the five article icons, load with
 * SDL2_image (the same decoder the kiosk uses) and have the size the screens expect. The
 * content validator checks that the files exist; this checks that they decode. */
#include "content.h"
#include "test.h"

#include <SDL.h>
#include <SDL_image.h>

static bool loads(const char *name, int want_w, int want_h)
{
    char path[256];
    snprintf(path, sizeof path, "assets/%s", name);
    SDL_Surface *s = IMG_Load(path);
    if (!s) {
        fprintf(stderr, "  %s does not load: %s\n", path, IMG_GetError());
        return false;
    }
    bool ok = s->w == want_w && s->h == want_h;
    if (!ok)
        fprintf(stderr, "  %s is %dx%d, expected %dx%d\n", path, s->w, s->h, want_w, want_h);
    SDL_FreeSurface(s);
    return ok;
}

static void test_every_lesson_picture_loads(void)
{
    Content c = {0};
    ErrList errs = {0};
    CHECK(content_load(&c, "content", &errs));
    int pictures = 0;
    for (int m = 0; m < MEASURES; m++)
        if (c.lessons[m] && c.lessons[m]->picture) {
            pictures++;
            CHECK(loads(c.lessons[m]->picture, 400, 300));
        }
    CHECK(pictures == MEASURES);
    errlist_free(&errs);
    content_free(&c);
}

static void test_article_icons_load(void)
{
    for (int a = 1; a <= ARTICLES; a++) {
        char name[32];
        snprintf(name, sizeof name, "article-%d.svg", a);
        CHECK(loads(name, 128, 128));
    }
}

int main(void)
{
    SDL_Init(0);
    RUN(test_every_lesson_picture_loads);
    RUN(test_article_icons_load);
    IMG_Quit();
    SDL_Quit(); /* frees what SDL and SDL_image keep */
    return TEST_END();
}
