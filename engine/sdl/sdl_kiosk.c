/* sdl_kiosk.c — the SDL2 shell of the kiosk. It owns the window, the renderer, the text cache and
 * the App; it turns SDL events into one UiInput per frame, runs the top screen, draws the command
 * list, writes the trace, and sleeps in SDL_WaitEventTimeout while nothing happens.
 *
 * Ending: SIGTERM and SIGINT end it cleanly in every mode, after a last try to write what waits
 * in the outbox (a shutdown of the kiosk PC must not wait for SIGKILL). They are blocked in
 * every thread and taken by a small thread with sigwait, which wakes the frame loop with an
 * SDL event. Only the window manager's close request is refused in kiosk mode. The exit status
 * is KIOSK_EXIT_UNSAVED when any result is left outside the record. */
#include "sdl_kiosk.h"
#include "app.h"
#include "chain_watch.h"
#include "followup.h"
#include "nav.h"
#include "paths.h"
#include "screens.h"
#include "sdl_draw.h"
#include "sdl_script.h"
#include "sdl_text.h"
#include "theme.h"

#include <SDL.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum {
    IDLE_POLL_MS = 1000,
    OUTBOX_RETRY_S = 3,
    SYNC_LINE_MS = 2000,
    SYNC_STOP_MS = 2000,
    SYNC_START_WAIT_MS = 1500
};

typedef struct {
    SDL_Window *window;
    SDL_Renderer *renderer;
    TextCache *text;
    Content content;
    Store *store; /* the record, or on a shared server this kiosk's cache of it */
    Sync *sync;   /* on a shared server: the thread that talks to it */
    char cache_path[4200];
    App app;
    Ui ui;
    NavStack nav;
    FILE *trace;
    Script *script;
    Drawer *drawer;
    char assets[1024];
    Uint32 last_input; /* ticks of the last person's input */
    int swipe_x0;      /* where a finger went down, for swipes */
    bool finger_down;
    bool pointer_down; /* a mouse button or finger is down (kept across frames) */
    char editing[64];  /* the input method's composition, until it is typed or dropped */
    pthread_t signal_thread;
    bool has_signal_thread;
    atomic_int signal; /* SIGTERM or SIGINT once asked to end, else 0 (set by signal_thread) */
} Kiosk;

/* ---- SIGTERM and SIGINT ---- */

static void signal_set(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGINT);
}

/* Waits for SIGTERM or SIGINT, notes it and wakes the frame loop. Ends with pthread_cancel. */
static void *signal_watch(void *arg)
{
    Kiosk *k = arg;
    sigset_t set;
    signal_set(&set);
    for (;;) {
        int sig = 0;
        if (sigwait(&set, &sig) != 0)
            continue;
        atomic_store(&k->signal, sig);
        SDL_Event ev = {.type = SDL_USEREVENT}; /* only a wake-up: the loop reads k->signal */
        SDL_PushEvent(&ev);
    }
    return NULL;
}

/* Before any other thread exists (SDL makes some), so every thread inherits the mask. */
static void signals_take(Kiosk *k)
{
    sigset_t set;
    signal_set(&set);
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (pthread_sigmask(SIG_BLOCK, &set, NULL) == 0 &&
        pthread_create(&k->signal_thread, NULL, signal_watch, k) == 0)
        k->has_signal_thread = true;
}

static void signals_release(Kiosk *k)
{
    if (!k->has_signal_thread)
        return;
    pthread_cancel(k->signal_thread); /* sigwait is a cancellation point */
    pthread_join(k->signal_thread, NULL);
    k->has_signal_thread = false;
}

/* The idle clock in ms: SDL's ticks, moved on by a test script's `advance`. */
static Uint32 ticks(const Kiosk *k)
{
    return SDL_GetTicks() + script_skew_ms(k->script);
}

/* Wall-clock seconds for app->now, moved on the same way. */
static int64_t wall_now(const Kiosk *k)
{
    return (int64_t)time(NULL) + script_skew_ms(k->script) / 1000;
}

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
    /* Software rendering by default, measured (bench/README.md): under X11 the software path
     * without framebuffer acceleration starts in ~60 ms at ~32 MB, the OpenGL path (llvmpipe on
     * a PC without a GPU) in ~150 ms at ~128 MB; kiosk screens are static and redraw from caches.
     * The environment variables still override both. */
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    if (no_display())
        return err_set(e, "no display found (DISPLAY is not set). Start mamori in a desktop session, "
                          "or without a screen: xvfb-run -s '-screen 0 1280x800x24' mamori");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
        return err_set(e,
                       "cannot open the display: %s. Without a screen, run it as: "
                       "xvfb-run -s '-screen 0 1280x800x24' mamori",
                       SDL_GetError());
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (o->kiosk)
        flags = SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
    k->window = SDL_CreateWindow("mamori 守り", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, o->width,
                                 o->height, flags);
    if (!k->window)
        return err_set(e, "cannot open a window: %s", SDL_GetError());
    k->renderer = SDL_CreateRenderer(k->window, -1, 0);
    if (!k->renderer)
        return err_set(e, "cannot draw in the window: %s", SDL_GetError());
    SDL_StartTextInput();
    k->text = text_open(k->renderer, e);
    if (!k->text)
        return false;
    k->drawer = drawer_open(k->renderer, k->text, k->assets);
    return true;
}

/* Results an earlier run kept in the outbox file go into the record first. A file that cannot
 * be read is left as it is (and said so): the kiosk still starts. */
static void replay_outbox(Kiosk *k, const char *db_path)
{
    char path[4200];
    Err e = {0};
    Outbox *ob = &k->app.outbox;
    if (!outbox_path_for(db_path, path, sizeof path, &e) || !outbox_open(ob, path, &e)) {
        fprintf(stderr, "mamori: %s\n", e.msg);
        return;
    }
    int waiting = ob->nitems;
    if (!waiting)
        return;
    int left = outbox_flush(ob, k->store, (int64_t)time(NULL));
    fprintf(stderr, "mamori: %d test result(s) kept from an earlier run: %d written to the record", waiting,
            waiting - left);
    if (left)
        fprintf(stderr, ", %d still waiting (%s)", left, ob->last_error);
    fputc('\n', stderr);
}

/* Has the cache a copy of the server's roster (from an earlier run)? */
static bool cache_has_roster(Store *cache)
{
    Employee *rows = NULL;
    int n = 0;
    bool ok = store_list_employees(cache, true, &rows, &n, NULL) && n > 0;
    free(rows);
    return ok;
}

/* On a shared server the kiosk works on its cache, and a thread talks to the server. A cache
 * made just now must first get the roster from the server; an older one goes on without it. */
static bool open_shared(Kiosk *k, const KioskOptions *o, Err *e)
{
    if (o->cache_path)
        snprintf(k->cache_path, sizeof k->cache_path, "%s", o->cache_path);
    else if (!sync_default_cache(o->db_path, k->cache_path, sizeof k->cache_path, e))
        return false;
    if (!store_open_cache(&k->store, k->cache_path, e) || !sync_start(&k->sync, o->db_path, k->cache_path, e))
        return false;
    bool known = cache_has_roster(k->store);
    /* a short wait for the server's latest (an older copy will do when it is away) */
    if (sync_wait_mirrored(k->sync, known ? SYNC_START_WAIT_MS : (SYNC_CONNECT_TIMEOUT + 7) * 1000) || known)
        return true;
    SyncStatus st;
    sync_status(k->sync, (int64_t)time(NULL), &st);
    return err_set(e,
                   "%s: the server cannot be reached (%s), and this kiosk has no copy of the record yet (%s);"
                   " start it once while the server can be reached",
                   o->db_path, st.last_error, k->cache_path);
}

/* The content is read on a thread of its own while the window opens: on two cores the kiosk shows
 * its first frame sooner. The thread touches only this struct. */
typedef struct {
    Content *content;
    const char *dir;
    ErrList errs;
    bool ok;
} ContentRead;

static void *read_content(void *arg)
{
    ContentRead *r = arg;
    r->ok = content_load(r->content, r->dir, &r->errs);
    return NULL;
}

static bool content_read(const ContentRead *r, Err *e)
{
    if (r->ok)
        return true;
    for (int i = 0; i < r->errs.nmsgs; i++)
        fprintf(stderr, "%s\n", r->errs.msgs[i]);
    return err_set(e, "the content in %s has errors (listed above); run: mamori check --content %s", r->dir,
                   r->dir);
}

static bool open_store(Kiosk *k, const KioskOptions *o, Err *e)
{
    return sync_is_server(o->db_path) ? open_shared(k, o, e) : store_open(&k->store, o->db_path, e);
}

/* With the content read and the record open: the App, the outbox kept from an earlier run, the
 * settings and the follow-up scheduler. */
static bool open_app(Kiosk *k, const KioskOptions *o, Err *e)
{
    bool shared = k->sync != NULL;
    store_set_content_version(k->store, k->content.version);
    k->app = (App){.content = &k->content, .store = k->store, .sync = k->sync, .kiosk = o->kiosk};
    k->app.source = (StoreSource){shared ? k->cache_path : o->db_path, shared, k->content.version};
    replay_outbox(k, shared ? k->cache_path : o->db_path);
    store_set_busy_timeout(k->store, STORE_FRAME_BUSY_MS); /* from here on, writes run on the frame loop */
    k->app.rng = (uint64_t)time(NULL) ^ ((uint64_t)SDL_GetPerformanceCounter() << 17);
    if (!app_load_settings(&k->app, e))
        return false;
    k->app.lang = k->app.settings.default_lang;
    if (!app_init_fsrs(&k->app, e))
        return false;
    k->app.now = wall_now(k);
    return true;
}

/* The content (on its thread) beside the window, then the record and the App: nothing is written
 * before the content is known to be good, and a content error is said first, as `mamori check`
 * would. On a shared server the window opens after the record: the kiosk may wait for the server. */
static bool open_all(Kiosk *k, const KioskOptions *o, Err *e)
{
    ContentRead r = {.content = &k->content, .dir = o->content_dir};
    pthread_t reader;
    bool threaded = pthread_create(&reader, NULL, read_content, &r) == 0;
    if (!threaded)
        read_content(&r);
    paths_assets(o->content_dir, k->assets, sizeof k->assets);
    bool shared = sync_is_server(o->db_path);
    Err opening = {0};
    bool opened = shared || open_window(k, o, &opening);
    if (threaded)
        pthread_join(reader, NULL);
    bool ok = content_read(&r, e);
    if (ok && !opened)
        *e = opening, ok = false;
    errlist_free(&r.errs);
    return ok && open_store(k, o, e) && (!shared || open_window(k, o, e)) && open_app(k, o, e);
}

static UiKey map_key(SDL_Keycode sym, SDL_Keymod mod, int *digit)
{
    switch (sym) {
    case SDLK_TAB:
        return (mod & KMOD_SHIFT) ? UI_KEY_BACKTAB : UI_KEY_TAB;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE:
        return UI_KEY_ENTER;
    case SDLK_ESCAPE:
    case SDLK_AC_BACK:
        return UI_KEY_ESC;
    case SDLK_LEFT:
        return UI_KEY_LEFT;
    case SDLK_RIGHT:
        return UI_KEY_RIGHT;
    case SDLK_UP:
        return UI_KEY_UP;
    case SDLK_DOWN:
        return UI_KEY_DOWN;
    case SDLK_PAGEUP:
        return UI_KEY_PAGEUP;
    case SDLK_PAGEDOWN:
        return UI_KEY_PAGEDOWN;
    case SDLK_BACKSPACE:
        return UI_KEY_BACKSPACE;
    default:
        break;
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
        k->editing[0] = '\0';
        return true;
    case SDL_TEXTEDITING:
        snprintf(k->editing, sizeof k->editing, "%s", ev->edit.text);
        return true;
    default:
        return false;
    }
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
    k->app.now = wall_now(k);
    UiInput input = *in;
    k->app.wake_ms = 0;
    bool working = job_busy(&k->app.job); /* its connection may be writing: this one waits */
    if (k->app.outbox.nitems && !working && k->app.now - k->app.outbox.last_try >= OUTBOX_RETRY_S)
        outbox_flush(&k->app.outbox, k->store, k->app.now);
    for (int pass = 0; pass < 6; pass++) {
        Screen *s = nav_top(&k->nav);
        SyncLine line;
        sync_line_read(&k->app, &line); /* the screen is laid out above the line */
        ui_begin(&k->ui, w, h - line.h, &input);
        k->ui.text_pct = app_text_pct(&k->app); /* the person's text size, for every text */
        Nav to = s->ops->frame(s, &k->app, &k->ui);
        k->ui.h = h;
        draw_sync_line(&k->ui, &line);
        ui_end(&k->ui);
        bool had_input = has_input(&input);
        input = (UiInput){.x = in->x, .y = in->y, .down = in->down};
        memcpy(input.editing, in->editing, sizeof input.editing);
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
    else if (k->sync && !k->app.wake_ms)
        k->app.wake_ms = SYNC_LINE_MS; /* the status line follows the server coming and going */
    ui_trace(&k->ui, k->trace, nav_top(&k->nav)->ops->name);
    if (k->ui.caret.w) { /* the input method's candidates open beside the text being typed */
        SDL_Rect caret = {k->ui.caret.x, k->ui.caret.y, k->ui.caret.w, k->ui.caret.h};
        SDL_SetTextInputRect(&caret);
    }
    drawer_draw(k->drawer, &k->ui);
}

/* Any screen above the start screen (a person's or the manager's) times out, so the next
 * person never sees what the last one left open. IDLE_COUNTDOWN_S before the timeout the
 * countdown screen opens over it (it signs out by itself when its time is up, or goes away with
 * 続ける). The manager's PIN screen with nobody signed in just closes at the timeout: nothing is
 * lost there, and nobody was signed in to be told "signed out". */
static void check_idle(Kiosk *k)
{
    if (job_busy(&k->app.job)) /* the manager watches the work: the idle clock starts when it ends */
        k->last_input = ticks(k);
    if (k->nav.depth <= 1)
        return;
    const ScreenOps *top = nav_top(&k->nav)->ops;
    if (top == &SCREEN_IDLE)
        return;
    Uint32 idle = ticks(k) - k->last_input, limit = (Uint32)k->app.settings.idle_timeout_s * 1000u;
    bool quiet = top == &SCREEN_MANAGER_PIN && !k->app.signed_in;
    Nav to;
    if (quiet && idle >= limit) {
        to = nav_signout();
        k->app.notice[0] = '\0'; /* an older "signed out" would read as if about this */
    } else if (!quiet && idle + IDLE_COUNTDOWN_S * 1000u >= limit)
        to = nav_push(&SCREEN_IDLE, NULL);
    else
        return;
    k->app.now = wall_now(k); /* no frame may have run for a while: the countdown counts from now */
    nav_apply(&k->nav, &k->app, to);
    k->ui.focus[0] = '\0';
    run_frame(k, &(UiInput){0});
}

static int wait_ms(Kiosk *k)
{
    int ms = IDLE_POLL_MS;
    if (k->nav.depth > 1) {
        Sint64 warn = (Sint64)k->app.settings.idle_timeout_s * 1000 - IDLE_COUNTDOWN_S * 1000;
        Sint64 left = (Sint64)k->last_input + warn - ticks(k);
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
    k->app.watch = chain_watch_start(&k->app.source, CHAIN_WATCH_DELAY_MS); /* the whole chain */
    k->last_input = ticks(k);
    while (!quit && !k->app.quit && !atomic_load(&k->signal)) {
        if (o->frames && ++frames >= o->frames)
            return 0;
        UiInput in = {.down = k->pointer_down};
        snprintf(in.editing, sizeof in.editing, "%s", k->editing);
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
            k->last_input = ticks(k);
        Uint64 start = SDL_GetPerformanceCounter();
        if (got || o->frames || k->app.wake_ms)
            run_frame(k, &in);
        check_idle(k);
        script_frame_ms(k->script, (Uint32)((SDL_GetPerformanceCounter() - start) * 1000 /
                                            SDL_GetPerformanceFrequency()));
        bool pending = SDL_PeepEvents(NULL, 0, SDL_PEEKEVENT, SDL_FIRSTEVENT, SDL_LASTEVENT) > 0;
        if (k->script && !pending) { /* the next command sees every earlier one applied */
            Err e = {0};
            ScriptStep st = script_step(k->script, k->window, k->renderer, &k->ui,
                                        nav_top(&k->nav)->ops->name, job_pending(&k->app.job), &e);
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

/* At exit, a last try. What is still not in the record is said: kept in the outbox file (written
 * at the next start), or, where even that failed, printed in full so it is not lost silently.
 * Returns 0, or KIOSK_EXIT_UNSAVED when anything is left outside the record. */
static int flush_at_exit(Kiosk *k)
{
    Outbox *ob = &k->app.outbox;
    if (!ob->nitems || outbox_flush(ob, k->store, (int64_t)time(NULL)) == 0)
        return 0;
    int lost = outbox_unsaved(ob), kept = ob->nitems - lost;
    if (kept)
        fprintf(stderr,
                "mamori: %d test result(s) could not be written to the record (%s); they are kept in %s"
                " and will be written at the next start\n",
                kept, ob->last_error, ob->path);
    if (lost)
        fprintf(stderr, "mamori: %d test result(s) could NOT be saved anywhere (%s; %s):\n", lost,
                ob->last_error, ob->file_error);
    for (int i = 0; i < ob->nitems; i++) {
        const OutboxItem *it = ob->items[i];
        const Attempt *a = &it->attempt;
        if (!it->row)
            fprintf(stderr, "mamori: unsaved: employee %s, measure %d, %d of %d right, ended %lld\n", a->code,
                    a->measure, a->score, a->total, (long long)a->ended);
    }
    return KIOSK_EXIT_UNSAVED;
}

/* The thread gets a moment to send what waits; what it could not send stays in the cache. */
static void stop_sync(Kiosk *k)
{
    if (!k->sync)
        return;
    OutboxCount c = {0};
    sync_poke(k->sync);
    for (int waited = 0; waited < SYNC_STOP_MS; waited += 100) {
        if (!store_outbox_count(k->store, &c, NULL) || c.waiting == 0)
            break;
        SDL_Delay(100);
    }
    sync_stop(k->sync, SYNC_STOP_MS);
    k->sync = k->app.sync = NULL;
    if (c.waiting)
        fprintf(stderr,
                "mamori: %lld record(s) wait in this kiosk's cache (%s) for the server; they are sent at the"
                " next start%s\n",
                (long long)c.waiting, k->cache_path,
                c.refused ? " (some were refused: see the manager's screen)" : "");
}

static void kiosk_free(Kiosk *k)
{
    outbox_free(&k->app.outbox);
    ui_free(&k->ui);
    drawer_close(k->drawer);
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
    signals_release(k);
}

/* The screens are left first (a test left open is recorded as abandoned), then the outbox. */
static int kiosk_end(Kiosk *k)
{
    if (k->nav.depth)
        nav_free(&k->nav, &k->app);
    k->nav.depth = 0;
    job_end(&k->app.job); /* a model being read stops; an export or an import ends whole */
    chain_watch_end(k->app.watch);
    k->app.watch = NULL;
    int sig = atomic_load(&k->signal);
    if (sig)
        fprintf(stderr, "mamori: ending on %s\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    int rc = k->store ? flush_at_exit(k) : 0;
    stop_sync(k);
    return rc;
}

int kiosk_run(const KioskOptions *o)
{
    Kiosk *k = xcalloc(1, sizeof *k);
    Err e = {0};
    int rc = 1;
    signals_take(k);
    if (!open_all(k, o, &e))
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
    int unsaved = kiosk_end(k);
    rc = rc ? rc : unsaved;
    kiosk_free(k);
    free(k);
    return rc;
}
