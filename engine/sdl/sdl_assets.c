/* sdl_assets.c — decoding every lesson picture once, as a check. */
#include "sdl_assets.h"

#include <SDL_image.h>
#include <stdio.h>

bool assets_check(const Content *c, const char *assets_dir, ErrList *errs)
{
    bool ok = true;
    for (int m = 0; m < MEASURES; m++) {
        const Lesson *l = c->lessons[m];
        if (!l || !l->picture)
            continue;
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", assets_dir, l->picture);
        SDL_Surface *s = IMG_Load(path);
        if (!s || s->w == 0 || s->h == 0)
            ok = errlist_add(errs, (Pos){.file = l->file}, "picture %s cannot be drawn: %s", l->picture,
                             s ? "it is empty" : IMG_GetError());
        if (s)
            SDL_FreeSurface(s);
    }
    return ok;
}
