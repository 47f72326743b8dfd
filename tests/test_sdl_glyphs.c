/* test_sdl_glyphs.c — the SDL2_ttf text renderer on a headless software renderer: the font
 * covers every code point of the shipped content, the texture and width caches work, a missing
 * font is a clear error, and kinsoku layout runs on real widths. Run from the repository root
 * (tests/run.sh does) so that "content" is the shipped content. */
#include "content.h"
#include "layout.h"
#include "sdl_draw.h"
#include "sdl_text.h"
#include "theme.h"
#include "ui.h"
#include "test.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>

#define CONTENT_DIR "content"

/* The window, renderer and cache every test shares (set up once in main). */
static SDL_Window *window;
static SDL_Renderer *renderer;
static TextCache *tc;

static const SDL_Color black = {0, 0, 0, 255};

/* ---- every code point of the content has a glyph ---- */

typedef struct {
    const char *file, *id; /* borrowed: where the text comes from, for the failure message */
    int missing;
} Where;

static void check_string(Where *w, const char *s)
{
    if (!s)
        return;
    for (int i = 0; s[i];) {
        uint32_t cp = 0;
        int n = utf8_decode(s + i, (int)strlen(s + i), &cp);
        if (n < 0) {
            fprintf(stderr, "%s: %s: invalid UTF-8 at byte %d\n", w->file, w->id, i);
            w->missing++;
            n = 1;
        } else if (cp >= 0x20 && !text_has_glyph(tc, cp)) {
            fprintf(stderr, "%s: %s: no glyph for U+%04X\n", w->file, w->id, (unsigned)cp);
            w->missing++;
        }
        i += n;
    }
}

static void check_text(Where *w, Text t)
{
    check_string(w, t.ja);
    check_string(w, t.en);
}

static void check_lesson(Where *w, const Lesson *l)
{
    *w = (Where){l->file, l->id, w->missing};
    check_text(w, l->title);
    for (int p = 0; p < l->npages; p++) {
        check_text(w, l->pages[p].title);
        check_text(w, l->pages[p].body);
        for (int i = 0; i < l->pages[p].nchecklist; i++)
            check_text(w, l->pages[p].checklist[i]);
    }
}

static void check_pool(Where *w, const Pool *pool)
{
    for (int q = 0; q < pool->nquestions; q++) {
        const Question *qu = &pool->questions[q];
        *w = (Where){pool->file, qu->id, w->missing};
        check_text(w, qu->prompt);
        for (int i = 0; i < qu->nchoices; i++) {
            check_text(w, qu->choices[i].text);
            check_text(w, qu->choices[i].explain);
        }
    }
}

static void check_pledge_text(Where *w, const PledgeText *p)
{
    check_text(w, p->title);
    check_text(w, p->opening);
    check_text(w, p->closing);
    for (int i = 0; i < ARTICLES; i++)
        check_text(w, p->articles[i]);
}

static void check_pledge(Where *w, const Content *c)
{
    static const char file[] = CONTENT_DIR "/pledge.yaml";
    if (!c->pledge)
        return;
    *w = (Where){file, "employee", w->missing};
    check_pledge_text(w, &c->pledge->employee);
    *w = (Where){file, "president", w->missing};
    check_pledge_text(w, &c->pledge->president);
}

static void test_every_content_codepoint_has_a_glyph(void)
{
    Content c = {0};
    ErrList errs = {0};
    if (!content_load(&c, CONTENT_DIR, &errs)) {
        for (int i = 0; i < errs.nmsgs; i++)
            fprintf(stderr, "content: %s\n", errs.msgs[i]);
        CHECK(!"the shipped content loads");
    }
    Where w = {0};
    for (int m = 0; m < MEASURES; m++) {
        if (c.lessons[m])
            check_lesson(&w, c.lessons[m]);
        if (c.pools[m])
            check_pool(&w, c.pools[m]);
    }
    check_pledge(&w, &c);
    CHECK(w.missing == 0);
    CHECK(c.nlessons > 0);
    errlist_free(&errs);
    content_free(&c);
}

static void test_has_glyph(void)
{
    CHECK(text_has_glyph(tc, 0x3042)); /* あ */
    CHECK(text_has_glyph(tc, 0x6F22)); /* 漢 */
    CHECK(text_has_glyph(tc, 'A'));
    CHECK(text_has_glyph(tc, 0x2713));  /* ✓, drawn by ui.c on checked boxes */
    CHECK(!text_has_glyph(tc, 0x0530)); /* unassigned */
    CHECK(!text_has_glyph(tc, 0x10FFFF));
}

/* ---- widths, heights and the caches ---- */

static void test_width(void)
{
    int w3 = text_width(tc, 24, FONT_REGULAR, "あいう", (int)strlen("あいう"));
    int w1 = text_width(tc, 24, FONT_REGULAR, "あ", (int)strlen("あ"));
    CHECK(w1 > 0 && w3 > 2 * w1);
    CHECK(text_width(tc, 24, FONT_REGULAR, "あいう", (int)strlen("あいう")) == w3);
    CHECK(text_width(tc, 48, FONT_REGULAR, "あいう", (int)strlen("あいう")) > w3);
    CHECK(text_width(tc, 24, FONT_BOLD, "abc", 3) > 0);
    CHECK(text_width(tc, 24, FONT_REGULAR, "abcdef", 3) == text_width(tc, 24, FONT_REGULAR, "abc", 3));
    CHECK(text_width(tc, 24, FONT_REGULAR, "abc", 0) == 0);
    CHECK(text_width(tc, 0, FONT_REGULAR, "a", 1) >= 0);
    CHECK(text_line_height(tc, 24) >= 24);
    CHECK(text_line_height(tc, 48) > text_line_height(tc, 24));
}

/* How many pixels of the rect differ from white. */
static int inked(SDL_Rect r)
{
    uint32_t *px = calloc((size_t)(r.w * r.h), sizeof *px);
    int n = 0;
    if (px && SDL_RenderReadPixels(renderer, &r, SDL_PIXELFORMAT_ARGB8888, px, r.w * 4) == 0)
        for (int i = 0; i < r.w * r.h; i++)
            n += (px[i] & 0xFFFFFF) != 0xFFFFFF;
    free(px);
    return n;
}

static void clear_white(void)
{
    SDL_SetRenderDrawColor(renderer, 255, 255, 255, 255);
    SDL_RenderClear(renderer);
}

static void test_draw_renders_once(void)
{
    const char *s = "同じ文字列";
    int n = (int)strlen(s);
    int before = text_renders(tc);
    clear_white();
    text_draw(tc, 24, FONT_REGULAR, black, 10, 10, s, n);
    CHECK(text_renders(tc) == before + 1);
    CHECK(inked((SDL_Rect){10, 10, 200, 40}) > 50);
    clear_white();
    text_draw(tc, 24, FONT_REGULAR, black, 10, 10, s, n);
    CHECK(text_renders(tc) == before + 1);
    CHECK(inked((SDL_Rect){10, 10, 200, 40}) > 50);
    text_draw(tc, 24, FONT_BOLD, black, 10, 10, s, n);
    text_draw(tc, 24, FONT_REGULAR, (SDL_Color){200, 0, 0, 255}, 10, 10, s, n);
    text_draw(tc, 30, FONT_REGULAR, black, 10, 10, s, n);
    CHECK(text_renders(tc) == before + 4);
    text_draw(tc, 24, FONT_REGULAR, black, 10, 10, s, 0);
    CHECK(text_renders(tc) == before + 4);
}

static void test_cache_clear_renders_again(void)
{
    const char *s = "消してまた描く";
    text_draw(tc, 24, FONT_REGULAR, black, 0, 0, s, (int)strlen(s));
    int before = text_renders(tc);
    text_cache_clear(tc);
    text_draw(tc, 24, FONT_REGULAR, black, 0, 0, s, (int)strlen(s));
    CHECK(text_renders(tc) == before + 1);
    text_set_renderer(tc, renderer);
    text_draw(tc, 24, FONT_REGULAR, black, 0, 0, s, (int)strlen(s));
    CHECK(text_renders(tc) == before + 2);
}

static void test_failed_render_is_not_retried(void)
{
    int before = text_renders(tc);
    text_draw(tc, 24, FONT_REGULAR, black, 0, 0, "\n", 1);
    text_draw(tc, 24, FONT_REGULAR, black, 0, 0, "\n", 1);
    CHECK(text_renders(tc) == before + 1);
}

static void test_cache_evicts_least_recently_used(void)
{
    /* the texture cache holds 2,048 lines: drawing 2,048 others pushes out the first */
    char buf[32];
    text_cache_clear(tc);
    int before = text_renders(tc);
    for (int i = 0; i <= 2048; i++) {
        int n = snprintf(buf, sizeof buf, "行%d", i);
        text_draw(tc, 12, FONT_REGULAR, black, 0, 0, buf, n);
    }
    CHECK(text_renders(tc) == before + 2049);
    text_draw(tc, 12, FONT_REGULAR, black, 0, 0, "行2048", (int)strlen("行2048"));
    CHECK(text_renders(tc) == before + 2049);
    text_draw(tc, 12, FONT_REGULAR, black, 0, 0, "行1", (int)strlen("行1"));
    CHECK(text_renders(tc) == before + 2049);
    text_draw(tc, 12, FONT_REGULAR, black, 0, 0, "行0", (int)strlen("行0"));
    CHECK(text_renders(tc) == before + 2050);
}

static void test_long_string_beyond_stack_buffer(void)
{
    char s[3 * 300 + 1];
    for (int i = 0; i < 300; i++)
        memcpy(s + 3 * i, "あ", 3);
    s[900] = '\0';
    int w = text_width(tc, 10, FONT_REGULAR, s, 900);
    CHECK(w > 100 * text_width(tc, 10, FONT_REGULAR, s, 3));
    int before = text_renders(tc);
    text_draw(tc, 10, FONT_REGULAR, black, 0, 0, s, 900);
    CHECK(text_renders(tc) == before + 1);
}

/* ---- layout on the real font ---- */

static void test_kinsoku_layout_with_real_font(void)
{
    TextMeasure m = {tc, 24, FONT_REGULAR};
    const char *s = "あいうえお。かきくけこ「さしすせそ」たちつてと";
    int max = text_width(tc, 24, FONT_REGULAR, "あいうえお", (int)strlen("あいうえお"));
    LayoutLine lines[16];
    int n = layout_lines(s, max, text_measure, &m, lines, 16);
    CHECK(n >= 5 && n <= 16);
    CHECK(lines[0].len == (int)strlen("あいうえ"));
    CHECK(strncmp(s + lines[1].start, "お。", strlen("お。")) == 0);
    for (int i = 0; i < n && i < 16; i++) {
        const char *l = s + lines[i].start;
        CHECK(lines[i].width <= max);
        CHECK(lines[i].width == text_width(tc, 24, FONT_REGULAR, l, lines[i].len));
        CHECK(strncmp(l, "。", 3) != 0 && strncmp(l, "」", 3) != 0);
        CHECK(strncmp(l + lines[i].len - 3, "「", 3) != 0);
    }
}

static void test_mixed_layout_with_real_font(void)
{
    TextMeasure m = {tc, 20, FONT_BOLD};
    const char *s = "OSやソフトウェアは常に最新の状態にしましょう。Keep your OS and software up "
                    "to date: https://www.ipa.go.jp/security/security-action/";
    LayoutLine lines[32];
    int n = layout_lines(s, 200, text_measure, &m, lines, 32);
    CHECK(n > 3 && n <= 32);
    for (int i = 0; i < n && i < 32; i++) {
        CHECK(lines[i].width <= 200 && lines[i].len > 0);
        CHECK(s[lines[i].start] != ' ' && s[lines[i].start + lines[i].len - 1] != ' ');
    }
}

static double layout_ms(const char *s, TextMeasure *m)
{
    LayoutLine lines[16];
    Uint64 t0 = SDL_GetPerformanceCounter();
    int n = layout_lines(s, 600, text_measure, m, lines, 16);
    Uint64 t1 = SDL_GetPerformanceCounter();
    CHECK(n >= 5 && n <= 16);
    return (double)(t1 - t0) * 1000.0 / (double)SDL_GetPerformanceFrequency();
}

static void test_layout_is_fast_with_warm_cache(void)
{
    /* a 200-character paragraph, laid out every frame: well under 1 ms once widths are cached
       (the bound is loose for sanitizer builds on a busy machine) */
    char s[200 * 3 + 1];
    const char *kana = "あいうえおかきくけこさしすせそ、たちつてと。";
    for (int i = 0; i < 200; i++)
        memcpy(s + 3 * i, kana + 3 * (i % 22), 3);
    s[600] = '\0';
    TextMeasure m = {tc, 22, FONT_REGULAR};
    text_width(tc, 22, FONT_REGULAR, "x", 1); /* the font is open: time only the measuring */
    double cold = layout_ms(s, &m), warm = layout_ms(s, &m);
    printf("     layout of 200 characters: %.3f ms cold, %.3f ms warm\n", cold, warm);
    CHECK(warm < 1.0);
}

/* ---- opening: missing and broken fonts ---- */

static void test_missing_font_names_the_package(void)
{
    Err e = {{0}};
    setenv("MAMORI_FONT_DIR", "/nonexistent-mamori-fonts", 1);
    TextCache *t = text_open(renderer, &e);
    unsetenv("MAMORI_FONT_DIR");
    CHECK(t == NULL);
    CHECK(strstr(e.msg, "fonts-noto-cjk") != NULL);
    CHECK(strstr(e.msg, "/nonexistent-mamori-fonts/NotoSansCJK-Regular.ttc") != NULL);
    text_close(t);
}

static bool write_file(const char *path, const char *data)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return false;
    fputs(data, f);
    return fclose(f) == 0;
}

static void test_broken_font_is_an_error(void)
{
    char dir[] = "/tmp/mamori-fonts-XXXXXX", reg[64], bold[64];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(reg, sizeof reg, "%s/NotoSansCJK-Regular.ttc", dir);
    snprintf(bold, sizeof bold, "%s/NotoSansCJK-Bold.ttc", dir);
    Err e = {{0}};
    setenv("MAMORI_FONT_DIR", dir, 1);
    CHECK(write_file(reg, "not a font"));
    TextCache *t = text_open(renderer, &e); /* regular there but broken, bold missing */
    CHECK(t == NULL && strstr(e.msg, "NotoSansCJK-Bold.ttc") && strstr(e.msg, "fonts-noto-cjk"));
    CHECK(write_file(bold, "not a font either"));
    t = text_open(renderer, &e);
    CHECK(t == NULL && strstr(e.msg, "cannot open the font") && strstr(e.msg, reg));
    unsetenv("MAMORI_FONT_DIR");
    remove(reg);
    remove(bold);
    remove(dir);
}

static void test_font_dir_from_environment(void)
{
    Err e = {{0}};
    setenv("MAMORI_FONT_DIR", "/usr/share/fonts/opentype/noto", 1);
    TextCache *t = text_open(renderer, &e);
    unsetenv("MAMORI_FONT_DIR");
    CHECK(t != NULL);
    if (t)
        CHECK(text_width(t, 16, FONT_REGULAR, "あ", 3) > 0);
    text_close(t);
}

static bool setup(void)
{
    Err e = {{0}};
    setenv("SDL_VIDEODRIVER", "offscreen", 0);
    setenv("SDL_RENDER_DRIVER", "software", 0);
    setenv("SDL_FRAMEBUFFER_ACCELERATION", "0", 0); /* no GL behind the window surface */
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return false;
    }
    window = SDL_CreateWindow("test", 0, 0, 640, 480, SDL_WINDOW_HIDDEN);
    renderer = window ? SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE) : NULL;
    if (!renderer) {
        fprintf(stderr, "SDL window/renderer: %s\n", SDL_GetError());
        return false;
    }
    tc = text_open(renderer, &e);
    if (!tc)
        fprintf(stderr, "text_open: %s\n", e.msg);
    return tc != NULL;
}

static void teardown(void)
{
    text_close(tc);
    if (renderer)
        SDL_DestroyRenderer(renderer);
    if (window)
        SDL_DestroyWindow(window);
    SDL_Quit();
}

static int ui_width(void *ctx, int px, bool bold, const char *s, int n)
{
    return text_width(ctx, px, bold ? FONT_BOLD : FONT_REGULAR, s, n);
}

/* A frame's new texts are rendered a size at a time, not in the order they are drawn: each
 * change of size makes SDL_ttf load the glyphs again (a dashboard's first frame mixes sizes). */
static void test_frame_renders_a_size_at_a_time(void)
{
    Ui ui;
    ui_init(&ui, ui_width, tc);
    ui_begin(&ui, 640, 480, &(UiInput){0});
    for (int i = 0; i < 12; i++) {
        char s[64];
        snprintf(s, sizeof s, "部署 %02d ・ %d / 6250", i, 6000 + i);
        ui_label(&ui, 10, 20 * i, i % 2 ? 20 : 26, false, THEME_TEXT, s);
    }
    ui_end(&ui);
    Drawer *d = drawer_open(renderer, tc, "assets");
    int before = text_size_changes(tc), renders = text_renders(tc);
    drawer_draw(d, &ui);
    CHECK(text_renders(tc) == renders + 12);
    CHECK(text_size_changes(tc) - before <= 2);
    drawer_close(d);
    ui_free(&ui);
}

int main(void)
{
    if (!setup()) {
        test_failed++;
        teardown();
        return TEST_END();
    }
    RUN(test_every_content_codepoint_has_a_glyph);
    RUN(test_has_glyph);
    RUN(test_width);
    RUN(test_draw_renders_once);
    RUN(test_frame_renders_a_size_at_a_time);
    RUN(test_cache_clear_renders_again);
    RUN(test_failed_render_is_not_retried);
    RUN(test_cache_evicts_least_recently_used);
    RUN(test_long_string_beyond_stack_buffer);
    RUN(test_kinsoku_layout_with_real_font);
    RUN(test_mixed_layout_with_real_font);
    RUN(test_layout_is_fast_with_warm_cache);
    RUN(test_missing_font_names_the_package);
    RUN(test_broken_font_is_an_error);
    RUN(test_font_dir_from_environment);
    teardown();
    return TEST_END();
}
