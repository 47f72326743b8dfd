/* sdl_draw.h — draws a frame's command list (ui.h) on an SDL renderer: rectangles, text through
 * the text cache, pictures from the assets folder (loaded once, kept), polylines. */
#ifndef MAMORI_SDL_DRAW_H
#define MAMORI_SDL_DRAW_H

#include "sdl_text.h"
#include "ui.h"

#include <SDL.h>

typedef struct Drawer Drawer;

/* r and text are borrowed; assets is the folder pictures are named in (copied). */
Drawer *drawer_open(SDL_Renderer *r, TextCache *text, const char *assets);
/* Clears, draws every command of the last frame, presents. */
void drawer_draw(Drawer *d, const Ui *ui);
void drawer_close(Drawer *d);

#endif
