/* sdl_text.c — SDL2_ttf fonts, a texture cache and a width cache (interface in sdl_text.h).
 *
 * Both caches are one Lru: a fixed array of entries, a chained hash table of indices over it
 * and a doubly linked recency list, with a free list for unused entries. It holds at most cap
 * entries and, for textures, at most budget bytes of pixels (the entry just added always
 * stays); the least recently used entry goes first. An entry owns its key bytes and its
 * texture. A failed render is cached too (tex NULL), so a bad string is not retried every frame.
 * One font face per weight, opened at text_open, serves every size through TTF_SetFontSize
 * (a face of Noto Sans CJK costs megabytes, so one per size would not fit the memory target);
 * the same two faces answer text_has_glyph and prove the files are usable.
 */
#include "sdl_text.h"

#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
    PROBE_PX = 16,
    MAX_PX = 512,
    TEXTURE_ENTRIES = 2048,
    WIDTH_ENTRIES = 8192,
    PATH_BYTES = 1024,
    STACK_BYTES = 512,
};

#define TEXTURE_BUDGET ((size_t)64 << 20) /* bytes of pixels */
#define DEFAULT_FONT_DIR "/usr/share/fonts/opentype/noto"

static const char *const font_files[2] = {"NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc"};

typedef struct {
    int px;
    FontWeight weight;
    uint32_t colour; /* RGBA; 0 in the width cache */
    const char *s;   /* borrowed while looking up, heap in an entry */
    int n;
    uint64_t hash;
} Key;

typedef struct {
    Key key;
    SDL_Texture *tex; /* owned; NULL in the width cache or when rendering failed */
    int w, h;
    int prev, next; /* recency list, -1 ends it */
    int chain;      /* next in the hash bucket or in the free list, -1 ends it */
} Entry;

typedef struct {
    Entry *e; /* heap, cap entries */
    int cap, n;
    int *buckets; /* heap, nbuckets heads (-1 empty); nbuckets a power of two */
    int nbuckets;
    int head, tail; /* most and least recently used, -1 when empty */
    int free;       /* first unused entry, -1 when full */
    size_t bytes, budget;
} Lru;

struct TextCache {
    SDL_Renderer *r; /* borrowed */
    char paths[2][PATH_BYTES];
    TTF_Font *probe[2]; /* owned, one per weight, serving every size */
    int size[2];        /* the size each is set to now */
    Lru textures, widths;
    int renders;
    int size_changes; /* TTF_SetFontSize calls */
};

/* ---- keys ---- */

static uint64_t hash_bytes(const char *s, int n, uint64_t h)
{
    for (int i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
    return h;
}

static Key key_make(int px, FontWeight w, uint32_t colour, const char *s, int n)
{
    Key k = {px, w, colour, s, n, 0};
    uint64_t h = 0xcbf29ce484222325ULL ^ ((uint64_t)px << 40 ^ (uint64_t)w << 32 ^ colour);
    k.hash = hash_bytes(s, n, h * 0x100000001b3ULL);
    return k;
}

static bool key_equal(const Key *a, const Key *b)
{
    return a->hash == b->hash && a->px == b->px && a->weight == b->weight && a->colour == b->colour &&
           a->n == b->n && memcmp(a->s, b->s, (size_t)a->n) == 0;
}

static uint32_t colour_pack(SDL_Color c)
{
    return (uint32_t)c.r << 24 | (uint32_t)c.g << 16 | (uint32_t)c.b << 8 | c.a;
}

/* ---- the LRU cache ---- */

static void lru_init(Lru *l, int cap, size_t budget)
{
    *l = (Lru){.cap = cap, .head = -1, .tail = -1, .free = 0, .budget = budget};
    l->e = xcalloc((size_t)cap, sizeof *l->e);
    for (int i = 0; i < cap; i++)
        l->e[i].chain = i + 1 < cap ? i + 1 : -1;
    l->nbuckets = 1;
    while (l->nbuckets < 2 * cap)
        l->nbuckets *= 2;
    l->buckets = xmalloc(sizeof *l->buckets * (size_t)l->nbuckets);
    for (int i = 0; i < l->nbuckets; i++)
        l->buckets[i] = -1;
}

static int *lru_bucket(Lru *l, uint64_t hash)
{
    return &l->buckets[hash & (uint64_t)(l->nbuckets - 1)];
}

static void lru_unlink(Lru *l, int i)
{
    Entry *e = &l->e[i];
    if (e->prev >= 0)
        l->e[e->prev].next = e->next;
    else
        l->head = e->next;
    if (e->next >= 0)
        l->e[e->next].prev = e->prev;
    else
        l->tail = e->prev;
}

static void lru_push_front(Lru *l, int i)
{
    l->e[i].prev = -1;
    l->e[i].next = l->head;
    if (l->head >= 0)
        l->e[l->head].prev = i;
    l->head = i;
    if (l->tail < 0)
        l->tail = i;
}

static void lru_unchain(Lru *l, int i)
{
    int *p = lru_bucket(l, l->e[i].key.hash);
    while (*p != i)
        p = &l->e[*p].chain;
    *p = l->e[i].chain;
}

static size_t entry_bytes(const Entry *e)
{
    return e->tex ? (size_t)e->w * (size_t)e->h * 4 : 0;
}

/* Drops the least recently used entry. */
static void lru_evict(Lru *l)
{
    int i = l->tail;
    Entry *e = &l->e[i];
    lru_unlink(l, i);
    lru_unchain(l, i);
    l->bytes -= entry_bytes(e);
    if (e->tex)
        SDL_DestroyTexture(e->tex);
    free((char *)e->key.s);
    *e = (Entry){.chain = l->free};
    l->free = i;
    l->n--;
}

static Entry *lru_find(Lru *l, const Key *k)
{
    for (int i = *lru_bucket(l, k->hash); i >= 0; i = l->e[i].chain) {
        if (key_equal(&l->e[i].key, k)) {
            lru_unlink(l, i);
            lru_push_front(l, i);
            return &l->e[i];
        }
    }
    return NULL;
}

/* Adds k (copied) with tex (taken) of w x h; evicts what the bounds require. */
static Entry *lru_insert(Lru *l, const Key *k, SDL_Texture *tex, int w, int h)
{
    if (l->free < 0)
        lru_evict(l);
    int i = l->free;
    Entry *e = &l->e[i];
    l->free = e->chain;
    char *s = xmalloc((size_t)k->n + 1);
    memcpy(s, k->s, (size_t)k->n);
    s[k->n] = '\0';
    *e = (Entry){.key = *k, .tex = tex, .w = w, .h = h};
    e->key.s = s;
    int *b = lru_bucket(l, k->hash);
    e->chain = *b;
    *b = i;
    lru_push_front(l, i);
    l->n++;
    l->bytes += entry_bytes(e);
    while (l->bytes > l->budget && l->tail != i)
        lru_evict(l);
    return e;
}

static void lru_clear(Lru *l)
{
    while (l->tail >= 0)
        lru_evict(l);
}

static void lru_free(Lru *l)
{
    if (!l->e)
        return;
    lru_clear(l);
    free(l->e);
    free(l->buckets);
    *l = (Lru){0};
}

/* ---- fonts ---- */

static bool font_path(char *out, const char *dir, const char *file, Err *e)
{
    int n = snprintf(out, PATH_BYTES, "%s/%s", dir, file);
    if (n < 0 || n >= PATH_BYTES)
        return err_set(e, "font directory name too long: %s", dir);
    if (access(out, R_OK) != 0)
        return err_set(e,
                       "the Japanese font %s is missing or unreadable: install the Debian package "
                       "fonts-noto-cjk%s",
                       out, getenv("MAMORI_FONT_DIR") ? " or fix MAMORI_FONT_DIR" : "");
    return true;
}

static bool font_paths(TextCache *t, Err *e)
{
    const char *dir = getenv("MAMORI_FONT_DIR");
    if (!dir || !*dir)
        dir = DEFAULT_FONT_DIR;
    return font_path(t->paths[FONT_REGULAR], dir, font_files[FONT_REGULAR], e) &&
           font_path(t->paths[FONT_BOLD], dir, font_files[FONT_BOLD], e);
}

static bool font_probe(TextCache *t, FontWeight w, Err *e)
{
    t->probe[w] = TTF_OpenFontIndex(t->paths[w], PROBE_PX, 0);
    t->size[w] = PROBE_PX;
    if (!t->probe[w])
        return err_set(e, "cannot open the font %s (package fonts-noto-cjk): %s", t->paths[w],
                       TTF_GetError());
    return true;
}

static int clamp_px(int px)
{
    return px < 1 ? 1 : px > MAX_PX ? MAX_PX : px;
}

/* The slot to reuse: a free one, else the least recently used. */

/* The font in weight w set to px. One face per weight serves every size (TTF_SetFontSize):
 * each face of Noto Sans CJK costs megabytes, and lines and widths are cached above it anyway. */
static TTF_Font *font_get(TextCache *t, int px, FontWeight w)
{
    px = clamp_px(px);
    if (t->size[w] != px) {
        t->size_changes++;
        if (TTF_SetFontSize(t->probe[w], px) != 0)
            return NULL;
        t->size[w] = px;
    }
    return t->probe[w];
}

/* ---- open and close ---- */

TextCache *text_open(SDL_Renderer *r, Err *e)
{
    TextCache *t = xcalloc(1, sizeof *t);
    t->r = r;
    if (!font_paths(t, e))
        goto fail_paths;
    if (TTF_Init() != 0) {
        err_set(e, "cannot start SDL_ttf: %s", TTF_GetError());
        goto fail_paths;
    }
    if (!font_probe(t, FONT_REGULAR, e) || !font_probe(t, FONT_BOLD, e))
        goto fail_fonts;
    lru_init(&t->textures, TEXTURE_ENTRIES, TEXTURE_BUDGET);
    lru_init(&t->widths, WIDTH_ENTRIES, (size_t)-1);
    return t;

fail_fonts:
    if (t->probe[FONT_REGULAR])
        TTF_CloseFont(t->probe[FONT_REGULAR]);
    TTF_Quit();
fail_paths:
    free(t);
    return NULL;
}

void text_close(TextCache *t)
{
    if (!t)
        return;
    lru_free(&t->textures);
    lru_free(&t->widths);
    TTF_CloseFont(t->probe[FONT_REGULAR]);
    TTF_CloseFont(t->probe[FONT_BOLD]);
    TTF_Quit();
    free(t);
}

/* ---- measuring and drawing ---- */

/* s[0..n) as a C string: in stack (STACK_BYTES) when it fits, else on the heap. */
static char *cstr_make(char *stack, const char *s, int n)
{
    char *c = n < STACK_BYTES ? stack : xmalloc((size_t)n + 1);
    memcpy(c, s, (size_t)n);
    c[n] = '\0';
    return c;
}

static void cstr_free(char *c, char *stack)
{
    if (c != stack)
        free(c);
}

static int width_measure(TextCache *t, const Key *k)
{
    TTF_Font *font = font_get(t, k->px, k->weight);
    char stack[STACK_BYTES];
    char *c = cstr_make(stack, k->s, k->n);
    int w = 0, h = 0;
    if (!font || TTF_SizeUTF8(font, c, &w, &h) != 0)
        w = 0;
    cstr_free(c, stack);
    return w;
}

int text_width(TextCache *t, int px, FontWeight w, const char *s, int n)
{
    if (n <= 0)
        return 0;
    Key k = key_make(clamp_px(px), w, 0, s, n);
    Entry *e = lru_find(&t->widths, &k);
    if (!e)
        e = lru_insert(&t->widths, &k, NULL, width_measure(t, &k), 0);
    return e->w;
}

int text_measure(void *ctx, const char *s, int n)
{
    TextMeasure *m = ctx;
    return text_width(m->t, m->px, m->w, s, n);
}

int text_line_height(TextCache *t, int px)
{
    TTF_Font *font = font_get(t, px, FONT_REGULAR);
    return font ? TTF_FontLineSkip(font) : clamp_px(px);
}

/* Renders k into a new cache entry; the entry has no texture when rendering failed. */
static Entry *texture_render(TextCache *t, const Key *k, SDL_Color c)
{
    TTF_Font *font = font_get(t, k->px, k->weight);
    char stack[STACK_BYTES];
    char *cs = cstr_make(stack, k->s, k->n);
    SDL_Surface *surf = font ? TTF_RenderUTF8_Blended(font, cs, c) : NULL;
    cstr_free(cs, stack);
    t->renders++;
    SDL_Texture *tex = surf ? SDL_CreateTextureFromSurface(t->r, surf) : NULL;
    int w = surf ? surf->w : 0, h = surf ? surf->h : 0;
    SDL_FreeSurface(surf);
    if (tex)
        SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    return lru_insert(&t->textures, k, tex, tex ? w : 0, tex ? h : 0);
}

/* The cache entry for s, rendered now when it is not there yet. */
static Entry *texture_get(TextCache *t, int px, FontWeight w, SDL_Color c, const char *s, int n)
{
    Key k = key_make(clamp_px(px), w, colour_pack(c), s, n);
    Entry *e = lru_find(&t->textures, &k);
    return e ? e : texture_render(t, &k, c);
}

void text_prepare(TextCache *t, int px, FontWeight w, SDL_Color c, const char *s, int n)
{
    if (n > 0)
        texture_get(t, px, w, c, s, n);
}

void text_draw(TextCache *t, int px, FontWeight w, SDL_Color c, int x, int y, const char *s, int n)
{
    if (n <= 0)
        return;
    Entry *e = texture_get(t, px, w, c, s, n);
    if (!e->tex)
        return;
    SDL_Rect dst = {x, y, e->w, e->h};
    SDL_RenderCopy(t->r, e->tex, NULL, &dst);
}

bool text_has_glyph(TextCache *t, uint32_t cp)
{
    return TTF_GlyphIsProvided32(t->probe[FONT_REGULAR], cp) &&
           TTF_GlyphIsProvided32(t->probe[FONT_BOLD], cp);
}

void text_cache_clear(TextCache *t)
{
    lru_clear(&t->textures);
}

void text_set_renderer(TextCache *t, SDL_Renderer *r)
{
    lru_clear(&t->textures);
    t->r = r;
}

int text_renders(const TextCache *t)
{
    return t->renders;
}

int text_size_changes(const TextCache *t)
{
    return t->size_changes;
}
