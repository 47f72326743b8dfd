/* sdl_draw.c — executing the command list. Pictures are decoded once (SDL2_image renders the
 * SVG files) and kept as textures for the life of the drawer. */
#include "sdl_draw.h"
#include "theme.h"

#include <SDL_image.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

enum { MAX_IMAGES = 64 };

typedef struct {
    char name[64];
    SDL_Texture *tex; /* owned; NULL when the file could not be loaded */
} Image;

struct Drawer {
    SDL_Renderer *r; /* borrowed */
    TextCache *text; /* borrowed */
    char assets[1024];
    Image images[MAX_IMAGES];
    int nimages;
};

Drawer *drawer_open(SDL_Renderer *r, TextCache *text, const char *assets)
{
    Drawer *d = xcalloc(1, sizeof *d);
    d->r = r;
    d->text = text;
    snprintf(d->assets, sizeof d->assets, "%s", assets);
    return d;
}

void drawer_close(Drawer *d)
{
    if (!d)
        return;
    for (int i = 0; i < d->nimages; i++)
        if (d->images[i].tex)
            SDL_DestroyTexture(d->images[i].tex);
    free(d);
}

static SDL_Texture *image(Drawer *d, const char *name)
{
    for (int i = 0; i < d->nimages; i++)
        if (strcmp(d->images[i].name, name) == 0)
            return d->images[i].tex;
    if (d->nimages == MAX_IMAGES)
        return NULL;
    Image *im = &d->images[d->nimages++];
    snprintf(im->name, sizeof im->name, "%s", name);
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", d->assets, name);
    im->tex = IMG_LoadTexture(d->r, path);
    return im->tex;
}

static void set_color(SDL_Renderer *r, Color c)
{
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
}

static void draw_frame_rect(SDL_Renderer *r, Rect q, int w)
{
    SDL_Rect sides[4] = {
        {q.x, q.y, q.w, w}, {q.x, q.y + q.h - w, q.w, w}, {q.x, q.y, w, q.h}, {q.x + q.w - w, q.y, w, q.h}};
    SDL_RenderFillRects(r, sides, 4);
}

/* A polyline 3 px thick: each segment drawn three times, offset. */
static void draw_lines(SDL_Renderer *r, const int16_t *pts, int n)
{
    for (int i = 1; i < n; i++)
        for (int o = -1; o <= 1; o++) {
            SDL_RenderDrawLine(r, pts[2 * i - 2] + o, pts[2 * i - 1], pts[2 * i] + o, pts[2 * i + 1]);
            SDL_RenderDrawLine(r, pts[2 * i - 2], pts[2 * i - 1] + o, pts[2 * i], pts[2 * i + 1] + o);
        }
}

static void draw_command(Drawer *d, const Cmd *c)
{
    SDL_Rect q = {c->r.x, c->r.y, c->r.w, c->r.h};
    set_color(d->r, c->color);
    switch (c->kind) {
    case CMD_FILL:
        SDL_RenderFillRect(d->r, &q);
        break;
    case CMD_FRAME:
        draw_frame_rect(d->r, c->r, c->px);
        break;
    case CMD_LINES:
        draw_lines(d->r, c->pts, c->npts);
        break;
    case CMD_TEXT: {
        SDL_Color col = {c->color.r, c->color.g, c->color.b, c->color.a};
        text_draw(d->text, c->px, c->bold ? FONT_BOLD : FONT_REGULAR, col, c->r.x, c->r.y, c->text, c->n);
        break;
    }
    case CMD_IMAGE: {
        SDL_Texture *t = image(d, c->text);
        if (t)
            SDL_RenderCopy(d->r, t, NULL, &q);
        break;
    }
    }
}

/* Sets the renderer's clip to c's when it differs from the one set (w 0: none). */
static void clip_to(Drawer *d, Rect *now, Rect want)
{
    if (now->x == want.x && now->y == want.y && now->w == want.w && now->h == want.h)
        return;
    *now = want;
    SDL_Rect q = {want.x, want.y, want.w, want.h};
    SDL_RenderSetClipRect(d->r, want.w ? &q : NULL);
}

static int by_font(const void *va, const void *vb)
{
    const Cmd *a = *(const Cmd *const *)va, *b = *(const Cmd *const *)vb;
    return a->bold != b->bold ? a->bold - b->bold : a->px - b->px;
}

/* Renders the frame's texts into the cache a size at a time: SDL_ttf forgets the glyphs it has
 * loaded whenever its face changes size, so texts drawn in the order of the frame (a label, a
 * title, a label…) would load their glyphs again at each change. Cached texts cost nothing. */
static void prepare_texts(Drawer *d, const Ui *ui)
{
    const Cmd **texts = xcalloc((size_t)ui->ncmds + 1, sizeof *texts);
    int n = 0;
    for (int i = 0; i < ui->ncmds; i++)
        if (ui->cmds[i].kind == CMD_TEXT)
            texts[n++] = &ui->cmds[i];
    qsort(texts, (size_t)n, sizeof *texts, by_font);
    for (int i = 0; i < n; i++) {
        const Cmd *c = texts[i];
        SDL_Color col = {c->color.r, c->color.g, c->color.b, c->color.a};
        text_prepare(d->text, c->px, c->bold ? FONT_BOLD : FONT_REGULAR, col, c->text, c->n);
    }
    free(texts);
}

void drawer_draw(Drawer *d, const Ui *ui)
{
    prepare_texts(d, ui);
    set_color(d->r, THEME_BG);
    SDL_RenderSetClipRect(d->r, NULL);
    SDL_RenderClear(d->r);
    Rect clip = {0};
    for (int i = 0; i < ui->ncmds; i++) {
        clip_to(d, &clip, ui->cmds[i].clip);
        draw_command(d, &ui->cmds[i]);
    }
    clip_to(d, &clip, (Rect){0});
    SDL_RenderPresent(d->r);
}
