/* sdl_kiosk.c — the SDL2 shell of the kiosk. It owns the window, the renderer, the text cache and
 * the App; it turns SDL events into one UiInput per frame, runs the top screen, draws the command
 * list, writes the trace, and sleeps in SDL_WaitEventTimeout while nothing happens. */
#include "sdl_kiosk.h"
#include "app.h"
#include "followup.h"
#include "nav.h"
#include "paths.h"
#include "screens.h"
#include "sdl_script.h"
#include "sdl_text.h"
#include "theme.h"

#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { MAX_IMAGES = 64, IDLE_POLL_MS = 1000, OUTBOX_RETRY_S = 3 };

typedef struct {
    char name[64];
    SDL_Texture *tex;     /* owned; NULL when the file could not be loaded */
} Image;

typedef struct {
    SDL_Window *window;
    SDL_Renderer *renderer;
    TextCache *text;
    Content content;
    Store *store;
    App app;
    Ui ui;
    NavStack nav;
    FILE *trace;
    Script *script;
    Image images[MAX_IMAGES];
    int nimages;
    char assets[1024];
    Uint32 last_input;    /* ticks of the last person's input */
    int swipe_x0;         /* where a finger went down, for swipes */
    bool finger_down;
    bool pointer_down;    /* a mouse button or finger is down (kept across frames) */
} Kiosk;

static int ui_width(void *ctx, int px, bool bold, const char *s, int n)
{
    return text_width(ctx, px, bold ? FONT_BOLD : FONT_REGULAR, s, n);
}

static bool no_display(void)
{
    const char *drv = getenv("SDL_VIDEODRIVER");
    return !(drv && drv[0]) && !getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY");
}

static bool open_window(Kiosk *k, const KioskOptions *o, Err *e)
{
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, getenv("SDL_RENDER_DRIVER") ? getenv("SDL_RENDER_DRIVER") : "software");
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    if (no_display())
        return err_set(e, "no display found (DISPLAY is not set). Start mamori in a desktop session, "
                          "or without a screen: xvfb-run -s '-screen 0 1280x800x24' mamori");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
        return err_set(e, "cannot open the display: %s. Without a screen, run it as: "
                          "xvfb-run -s '-screen 0 1280x800x24' mamori", SDL_GetError());
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (o->kiosk)
        flags = SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
    k->window = SDL_CreateWindow("mamori 守り", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                 o->width, o->height, flags);
    if (!k->window)
        return err_set(e, "cannot open a window: %s", SDL_GetError());
    k->renderer = SDL_CreateRenderer(k->window, -1, 0);
    if (!k->renderer)
        return err_set(e, "cannot draw in the window: %s", SDL_GetError());
    SDL_StartTextInput();
    k->text = text_open(k->renderer, e);
    return k->text != NULL;
}

static bool open_data(Kiosk *k, const KioskOptions *o, Err *e)
{
    ErrList errs = {0};
    if (!content_load(&k->content, o->content_dir, &errs)) {
        for (int i = 0; i < errs.nmsgs; i++)
            fprintf(stderr, "%s\n", errs.msgs[i]);
        errlist_free(&errs);
        return err_set(e, "the content in %s has errors (listed above); run: mamori check --content %s",
                       o->content_dir, o->content_dir);
    }
    if (!store_open(&k->store, o->db_path, e))
        return false;
    store_set_content_version(k->store, k->content.version);
    k->app = (App){.content = &k->content, .store = k->store, .kiosk = o->kiosk};
    k->app.rng = (uint64_t)time(NULL) ^ ((uint64_t)SDL_GetPerformanceCounter() << 17);
    if (!app_load_settings(&k->app, e))
        return false;
    k->app.lang = k->app.settings.default_lang;
    if (!app_init_fsrs(&k->app, e))
        return false;
    k->app.now = (int64_t)time(NULL);
    paths_assets(o->content_dir, k->assets, sizeof k->assets);
    return true;
}

static UiKey map_key(SDL_Keycode sym, SDL_Keymod mod, int *digit)
{
    switch (sym) {
    case SDLK_TAB: return (mod & KMOD_SHIFT) ? UI_KEY_BACKTAB : UI_KEY_TAB;
    case SDLK_RETURN: case SDLK_KP_ENTER: case SDLK_SPACE: return UI_KEY_ENTER;
    case SDLK_ESCAPE: case SDLK_AC_BACK: return UI_KEY_ESC;
    case SDLK_LEFT: return UI_KEY_LEFT;
    case SDLK_RIGHT: return UI_KEY_RIGHT;
    case SDLK_UP: return UI_KEY_UP;
    case SDLK_DOWN: return UI_KEY_DOWN;
    case SDLK_PAGEUP: return UI_KEY_PAGEUP;
    case SDLK_PAGEDOWN: return UI_KEY_PAGEDOWN;
    case SDLK_BACKSPACE: return UI_KEY_BACKSPACE;
    default: break;
    }
    if (sym >= SDLK_0 && sym <= SDLK_9) {
        *digit = sym - SDLK_0;
        return UI_KEY_DIGIT;
    }
    if (sym >= SDLK_KP_1 && sym <= SDLK_KP_9) {
        *digit = sym - SDLK_KP_1 + 1;
        return UI_KEY_DIGIT;
    }
    return UI_KEY_NONE;
}

static void finger_pos(Kiosk *k, const SDL_TouchFingerEvent *f, int *x, int *y)
{
    int w, h;
    SDL_GetWindowSize(k->window, &w, &h);
    *x = (int)(f->x * (float)w);
    *y = (int)(f->y * (float)h);
}

static void add_move(UiInput *in, int x, int y, uint32_t t)
{
    if (in->nmoves < UI_MAX_MOVES)
        in->moves[in->nmoves++] = (UiMove){(int16_t)x, (int16_t)y, t};
}

static void pointer_at(Kiosk *k, UiInput *in, int x, int y, uint32_t t)
{
    in->x = x, in->y = y;
    if (k->pointer_down)
        add_move(in, x, y, t);
}

/* Folds one event into the frame's input. Returns true when the event was a person's input. */
static bool take_event(Kiosk *k, const SDL_Event *ev, UiInput *in, bool *quit)
{
    switch (ev->type) {
    case SDL_QUIT:
        *quit = !k->app.kiosk; /* kiosk mode is left only through the manager screens */
        return false;
    case SDL_MOUSEMOTION:
        pointer_at(k, in, ev->motion.x, ev->motion.y, ev->motion.timestamp);
        return k->pointer_down;
    case SDL_MOUSEBUTTONDOWN:
        if (ev->button.button != SDL_BUTTON_LEFT)
            return true;
        k->pointer_down = in->pressed = true;
        pointer_at(k, in, ev->button.x, ev->button.y, ev->button.timestamp);
        return true;
    case SDL_MOUSEBUTTONUP:
        if (ev->button.button != SDL_BUTTON_LEFT)
            return true;
        pointer_at(k, in, ev->button.x, ev->button.y, ev->button.timestamp);
        k->pointer_down = false, in->released = true;
        return true;
    case SDL_MOUSEWHEEL:
        in->wheel += ev->wheel.y;
        return true;
    case SDL_FINGERDOWN: {
        int x, y;
        finger_pos(k, &ev->tfinger, &x, &y);
        k->pointer_down = k->finger_down = in->pressed = true;
        k->swipe_x0 = x;
        pointer_at(k, in, x, y, ev->tfinger.timestamp);
        return true;
    }
    case SDL_FINGERMOTION: {
        int x, y;
        finger_pos(k, &ev->tfinger, &x, &y);
        pointer_at(k, in, x, y, ev->tfinger.timestamp);
        return true;
    }
    case SDL_FINGERUP: {
        int x, y;
        finger_pos(k, &ev->tfinger, &x, &y);
        pointer_at(k, in, x, y, ev->tfinger.timestamp);
        in->released = true;
        k->pointer_down = k->finger_down = false;
        int dx = in->x - k->swipe_x0;
        if (dx > 150 || dx < -150) /* screens that turn pages take it like the arrow keys */
            in->swipe = dx < 0 ? 1 : -1;
        return true;
    }
    case SDL_KEYDOWN:
        in->key = map_key(ev->key.keysym.sym, (SDL_Keymod)ev->key.keysym.mod, &in->digit);
        return true;
    case SDL_TEXTINPUT:
        snprintf(in->text + strlen(in->text), sizeof in->text - strlen(in->text), "%s", ev->text.text);
        return true;
    default:
        return false;
    }
}

static SDL_Texture *image(Kiosk *k, const char *name)
{
    for (int i = 0; i < k->nimages; i++)
        if (strcmp(k->images[i].name, name) == 0)
            return k->images[i].tex;
    if (k->nimages == MAX_IMAGES)
        return NULL;
    Image *im = &k->images[k->nimages++];
    snprintf(im->name, sizeof im->name, "%s", name);
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", k->assets, name);
    im->tex = IMG_LoadTexture(k->renderer, path);
    return im->tex;
}

static void set_color(SDL_Renderer *r, Color c)
{
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
}

static void draw_frame_rect(SDL_Renderer *r, Rect q, int w)
{
    SDL_Rect sides[4] = {{q.x, q.y, q.w, w}, {q.x, q.y + q.h - w, q.w, w},
                         {q.x, q.y, w, q.h}, {q.x + q.w - w, q.y, w, q.h}};
    SDL_RenderFillRects(r, sides, 4);
}

/* A polyline 3 px thick: each segment drawn three times, offset. */
static void draw_lines(SDL_Renderer *r, const int16_t *pts, int n)
{
    for (int i = 1; i < n; i++)
        for (int d = -1; d <= 1; d++) {
            SDL_RenderDrawLine(r, pts[2 * i - 2] + d, pts[2 * i - 1], pts[2 * i] + d, pts[2 * i + 1]);
            SDL_RenderDrawLine(r, pts[2 * i - 2], pts[2 * i - 1] + d, pts[2 * i], pts[2 * i + 1] + d);
        }
}

static void draw_commands(Kiosk *k)
{
    SDL_Renderer *r = k->renderer;
    set_color(r, THEME_BG);
    SDL_RenderClear(r);
    for (int i = 0; i < k->ui.ncmds; i++) {
        const Cmd *c = &k->ui.cmds[i];
        SDL_Rect q = {c->r.x, c->r.y, c->r.w, c->r.h};
        set_color(r, c->color);
        switch (c->kind) {
        case CMD_FILL: SDL_RenderFillRect(r, &q); break;
        case CMD_FRAME: draw_frame_rect(r, c->r, c->px); break;
        case CMD_LINES: draw_lines(r, c->pts, c->npts); break;
        case CMD_TEXT: {
            SDL_Color col = {c->color.r, c->color.g, c->color.b, c->color.a};
            text_draw(k->text, c->px, c->bold ? FONT_BOLD : FONT_REGULAR, col, c->r.x, c->r.y, c->text, c->n);
            break;
        }
        case CMD_IMAGE: {
            SDL_Texture *t = image(k, c->text);
            if (t)
                SDL_RenderCopy(r, t, NULL, &q);
            break;
        }
        }
    }
    SDL_RenderPresent(r);
}

static bool has_input(const UiInput *in)
{
    return in->pressed || in->released || in->key || in->text[0] || in->wheel || in->swipe || in->nmoves;
}

/* One frame. Immediate mode changes state while it draws, so after input (or a move to another
 * screen) the frame runs again with no input, and only a frame that changed nothing is drawn:
 * the person never sees a stale screen. */
static void run_frame(Kiosk *k, const UiInput *in)
{
    int w, h;
    SDL_GetRendererOutputSize(k->renderer, &w, &h);
    k->app.now = (int64_t)time(NULL);
    UiInput input = *in;
    k->app.wake_ms = 0;
    if (k->app.outbox.nitems && k->app.now - k->app.outbox.last_try >= OUTBOX_RETRY_S)
        outbox_flush(&k->app.outbox, k->store, k->app.now);
    for (int pass = 0; pass < 6; pass++) {
        Screen *s = nav_top(&k->nav);
        ui_begin(&k->ui, w, h, &input);
        Nav to = s->ops->frame(s, &k->app, &k->ui);
        ui_end(&k->ui);
        bool had_input = has_input(&input);
        input = (UiInput){.x = in->x, .y = in->y, .down = in->down};
        if (to.kind != NAV_STAY) {
            nav_apply(&k->nav, &k->app, to);
            k->ui.focus[0] = '\0';
            continue;
        }
        if (!had_input)
            break;
    }
    if (k->app.outbox.nitems)
        k->app.wake_ms = 1000; /* keep retrying while nobody touches the screen */
    ui_trace(&k->ui, k->trace, nav_top(&k->nav)->ops->name);
    draw_commands(k);
}

static void check_idle(Kiosk *k)
{
    if (!k->app.signed_in || k->nav.depth <= 1)
        return;
    Uint32 limit = (Uint32)k->app.settings.idle_timeout_s * 1000u;
    if (SDL_GetTicks() - k->last_input < limit)
        return;
    snprintf(k->app.notice, sizeof k->app.notice, "%s",
             "しばらく操作がなかったので、サインアウトしました。 Signed out after a while without use.");
    nav_apply(&k->nav, &k->app, nav_signout());
    k->ui.focus[0] = '\0';
    run_frame(k, &(UiInput){0});
}

static int wait_ms(Kiosk *k)
{
    int ms = IDLE_POLL_MS;
    if (k->app.signed_in) {
        Sint64 left = (Sint64)k->last_input + k->app.settings.idle_timeout_s * 1000 - SDL_GetTicks();
        ms = left < ms ? (int)(left > 0 ? left : 0) : ms;
    }
    if (k->app.wake_ms && k->app.wake_ms < ms)
        ms = k->app.wake_ms;
    if (k->script)
        ms = script_wait_ms(k->script) < 20 ? 20 : script_wait_ms(k->script);
    return ms;
}

static int loop(Kiosk *k, const KioskOptions *o)
{
    int frames = 0;
    bool quit = false;
    run_frame(k, &(UiInput){0});
    k->last_input = SDL_GetTicks();
    while (!quit && !k->app.quit) {
        if (o->frames && ++frames >= o->frames)
            return 0;
        UiInput in = {.down = k->pointer_down};
        SDL_GetMouseState(&in.x, &in.y);
        bool got = false, person = false;
        SDL_Event ev;
        if (SDL_WaitEventTimeout(&ev, o->frames ? 1 : wait_ms(k))) {
            do {
                got = true;
                person |= take_event(k, &ev, &in, &quit);
                in.down = k->pointer_down;
                if (in.pressed && in.released)
                    break; /* one click per frame */
            } while (SDL_PollEvent(&ev));
        }
        if (person)
            k->last_input = SDL_GetTicks();
        if (got || o->frames || k->app.wake_ms)
            run_frame(k, &in);
        check_idle(k);
        bool pending = SDL_PeepEvents(NULL, 0, SDL_PEEKEVENT, SDL_FIRSTEVENT, SDL_LASTEVENT) > 0;
        if (k->script && !pending) { /* the next command sees every earlier one applied */
            Err e = {0};
            ScriptStep st = script_step(k->script, k->window, k->renderer, &k->ui, nav_top(&k->nav)->ops->name, &e);
            if (st == SCRIPT_FAILED) {
                fprintf(stderr, "mamori: %s\n", e.msg);
                return 3;
            }
            if (st == SCRIPT_QUIT)
                return 0;
        }
    }
    return 0;
}

/* At exit, a last try; what still cannot be written is printed, so it is not lost silently. */
static void flush_at_exit(Kiosk *k)
{
    if (!k->app.outbox.nitems || outbox_flush(&k->app.outbox, k->store, (int64_t)time(NULL)) == 0)
        return;
    fprintf(stderr, "mamori: %d test result(s) could not be saved: %s\n", k->app.outbox.nitems,
            k->app.outbox.last_error);
    for (int i = 0; i < k->app.outbox.nitems; i++) {
        const Attempt *a = &k->app.outbox.items[i].attempt;
        fprintf(stderr, "mamori: unsaved: employee %s, measure %d, %d of %d right, ended %lld\n", a->code,
                a->measure, a->score, a->total, (long long)a->ended);
    }
}

static void kiosk_free(Kiosk *k)
{
    if (k->nav.depth)
        nav_free(&k->nav, &k->app);
    if (k->store)
        flush_at_exit(k);
    outbox_free(&k->app.outbox);
    ui_free(&k->ui);
    for (int i = 0; i < k->nimages; i++)
        if (k->images[i].tex)
            SDL_DestroyTexture(k->images[i].tex);
    script_close(k->script);
    if (k->trace)
        fclose(k->trace);
    if (k->text)
        text_close(k->text);
    if (k->renderer)
        SDL_DestroyRenderer(k->renderer);
    if (k->window)
        SDL_DestroyWindow(k->window);
    store_close(k->store);
    content_free(&k->content);
    SDL_Quit();
}

int kiosk_run(const KioskOptions *o)
{
    Kiosk *k = xcalloc(1, sizeof *k);
    Err e = {0};
    int rc = 1;
    if (!open_data(k, o, &e) || !open_window(k, o, &e))
        goto out;
    if (o->trace_path && !(k->trace = fopen(o->trace_path, "w"))) {
        err_set(&e, "cannot write the trace file %s", o->trace_path);
        goto out;
    }
    if (o->script_path && !(k->script = script_open(o->script_path, &e)))
        goto out;
    ui_init(&k->ui, ui_width, k->text);
    nav_init(&k->nav, &k->app, &SCREEN_START, &SCREEN_HOME);
    rc = loop(k, o);
out:
    if (e.msg[0])
        fprintf(stderr, "mamori: %s\n", e.msg);
    kiosk_free(k);
    free(k);
    return rc;
}
