/* sdl_text.h — Japanese text on an SDL2 renderer through SDL2_ttf, with caches.
 *
 * The font is Noto Sans CJK JP (face 0 of NotoSansCJK-Regular.ttc / NotoSansCJK-Bold.ttc from
 * the Debian package fonts-noto-cjk), one face per weight resized as needed. Two bounded LRU caches
 * live in the TextCache, and nothing else is global:
 *   - rendered line textures keyed by (px, weight, colour, bytes): an unchanged screen redraws
 *     from the cache without any TTF rendering;
 *   - widths keyed by (px, weight, bytes), since layout asks for widths every frame.
 * Textures belong to the renderer given at text_open (or text_set_renderer); all of them are
 * freed by text_cache_clear and text_close.
 */
#ifndef MAMORI_SDL_TEXT_H
#define MAMORI_SDL_TEXT_H

#include "err.h"

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct TextCache TextCache;

typedef enum { FONT_REGULAR, FONT_BOLD } FontWeight;

/* Finds and opens the fonts (in $MAMORI_FONT_DIR when set, else
 * /usr/share/fonts/opentype/noto) and calls TTF_Init (reference counted by SDL2_ttf; text_close
 * calls TTF_Quit). r is borrowed and must outlive the cache. On failure returns NULL with e
 * saying which file is missing or unreadable and naming the package fonts-noto-cjk. */
TextCache *text_open(SDL_Renderer *r, Err *e);
/* Frees every texture, font and cache entry. t may be NULL. */
void text_close(TextCache *t);

/* Width in pixels of the UTF-8 bytes s[0..n) at px pixels; 0 when n <= 0. */
int text_width(TextCache *t, int px, FontWeight w, const char *s, int n);
/* Distance between two baselines at px pixels (TTF_FontLineSkip). */
int text_line_height(TextCache *t, int px);

/* Draws s[0..n) with its top-left corner at x,y, from the texture cache when it can. */
void text_draw(TextCache *t, int px, FontWeight w, SDL_Color c, int x, int y, const char *s, int n);
/* Renders s into the texture cache without drawing it (a frame's new texts, grouped by size
 * before they are drawn: see drawer_draw). */
void text_prepare(TextCache *t, int px, FontWeight w, SDL_Color c, const char *s, int n);

/* The context of text_measure. */
typedef struct {
    TextCache *t; /* borrowed */
    int px;
    FontWeight w;
} TextMeasure;

/* A MeasureFn (layout.h) over text_width: ctx is a TextMeasure. */
int text_measure(void *ctx, const char *s, int n);

/* True when both weights of the font have a glyph for the code point cp. */
bool text_has_glyph(TextCache *t, uint32_t cp);

/* Drops every cached texture (widths stay: they do not depend on the renderer). */
void text_cache_clear(TextCache *t);
/* Drops every cached texture and draws on r from now on (after the renderer is recreated). */
void text_set_renderer(TextCache *t, SDL_Renderer *r);

/* For tests: how many times a line was rendered with TTF since text_open. */
int text_renders(const TextCache *t);
/* How many times a face has been set to another size so far (each time SDL_ttf drops the glyphs
 * it has loaded), for tests. */
int text_size_changes(const TextCache *t);

#endif
