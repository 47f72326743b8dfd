/* sdl_assets.h — the content's pictures decoded with SDL2_image, the decoder the kiosk draws
 * with: `mamori check` uses it so that a picture that exists but cannot be drawn is an error too
 * (the core's validator, which has no SDL, checks only that the files exist). */
#ifndef MAMORI_SDL_ASSETS_H
#define MAMORI_SDL_ASSETS_H

#include "content.h"

/* Adds "LESSON-FILE: picture NAME cannot be drawn: why" for each picture that does not decode.
 * Returns true when every one does. */
bool assets_check(const Content *c, const char *assets_dir, ErrList *errs);

#endif
