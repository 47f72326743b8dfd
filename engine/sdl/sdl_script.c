/* sdl_script.c — reading and playing test scripts as SDL events (see sdl_script.h). */
#include "sdl_script.h"

#include <SDL_image.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { WAIT_LIMIT_MS = 5000, BUSY_LIMIT_MS = 120000 };

struct Script {
    char **lines; /* heap */
    int nlines;
    int at;            /* next line */
    Uint32 wait_until; /* sleep: ticks to resume at */
    Uint32 wait_since; /* wait SCREEN: when it began (0 = not waiting) */
    int repeats;       /* tab-to: Tab presses so far */
    Uint32 skew_ms;    /* advance: time the script has moved the kiosk's clocks on */
    Uint32 longest_ms; /* the longest frame since the start or the last frames-under */
    Uint32 busy_since; /* when the script began to wait for the kiosk's work (0 = not) */
    Uint32 stopwatch;  /* ticks at the script's start or its last stopwatch line */
    const char *path;  /* borrowed */
};

Script *script_open(const char *path, Err *e)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        err_set(e, "cannot read the script %s", path);
        return NULL;
    }
    Script *s = xcalloc(1, sizeof *s);
    s->path = path;
    s->stopwatch = SDL_GetTicks();
    char buf[1024];
    while (fgets(buf, sizeof buf, f)) {
        buf[strcspn(buf, "\r\n")] = '\0';
        s->lines = xrealloc(s->lines, sizeof *s->lines * (size_t)(s->nlines + 1));
        s->lines[s->nlines++] = xstrdup(buf);
    }
    fclose(f);
    return s;
}

void script_close(Script *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->nlines; i++)
        free(s->lines[i]);
    free(s->lines);
    free(s);
}

static void push_mouse(Uint32 type, int x, int y)
{
    SDL_Event ev = {0};
    ev.type = type;
    if (type == SDL_MOUSEMOTION) {
        ev.motion.x = x;
        ev.motion.y = y;
        ev.motion.state = 0;
    } else {
        ev.button.button = SDL_BUTTON_LEFT;
        ev.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
        ev.button.clicks = 1;
        ev.button.x = x;
        ev.button.y = y;
    }
    SDL_PushEvent(&ev);
}

static void push_finger(Uint32 type, SDL_Window *w, int x, int y)
{
    int ww, wh;
    SDL_GetWindowSize(w, &ww, &wh);
    SDL_Event ev = {0};
    ev.type = type;
    ev.tfinger.touchId = 1;
    ev.tfinger.fingerId = 1;
    ev.tfinger.x = (float)x / (float)ww;
    ev.tfinger.y = (float)y / (float)wh;
    ev.tfinger.pressure = 1;
    SDL_PushEvent(&ev);
}

static bool tap(const Ui *ui, SDL_Window *w, const char *id, bool finger, Err *e)
{
    const UiItem *it = ui_find_item(ui, id);
    if (!it)
        return err_set(e, "no item '%s' on screen", id);
    if (!it->enabled)
        return err_set(e, "item '%s' is disabled", id);
    int x = it->r.x + it->r.w / 2, y = it->r.y + it->r.h / 2;
    if (finger) {
        push_finger(SDL_FINGERDOWN, w, x, y);
        push_finger(SDL_FINGERUP, w, x, y);
    } else {
        push_mouse(SDL_MOUSEMOTION, x, y);
        push_mouse(SDL_MOUSEBUTTONDOWN, x, y);
        push_mouse(SDL_MOUSEBUTTONUP, x, y);
    }
    return true;
}

static bool key(const char *name, Err *e)
{
    SDL_Keymod mod = KMOD_NONE;
    if (strncmp(name, "Shift+", 6) == 0)
        mod = KMOD_LSHIFT, name += 6;
    SDL_Keycode k = SDL_GetKeyFromName(name);
    if (k == SDLK_UNKNOWN)
        return err_set(e, "unknown key '%s'", name);
    SDL_Event ev = {0};
    ev.type = SDL_KEYDOWN;
    ev.key.state = SDL_PRESSED;
    ev.key.keysym.sym = k;
    ev.key.keysym.scancode = SDL_GetScancodeFromKey(k);
    ev.key.keysym.mod = (Uint16)mod;
    SDL_PushEvent(&ev);
    ev.type = SDL_KEYUP;
    ev.key.state = SDL_RELEASED;
    SDL_PushEvent(&ev);
    return true;
}

static void text(const char *s)
{
    SDL_Event ev = {0};
    ev.type = SDL_TEXTINPUT;
    snprintf(ev.text.text, sizeof ev.text.text, "%s", s);
    SDL_PushEvent(&ev);
}

static bool drag(const char *args, Err *e)
{
    int x1, y1, x2, y2;
    if (sscanf(args, "%d %d %d %d", &x1, &y1, &x2, &y2) != 4)
        return err_set(e, "drag needs X1 Y1 X2 Y2");
    push_mouse(SDL_MOUSEMOTION, x1, y1);
    push_mouse(SDL_MOUSEBUTTONDOWN, x1, y1);
    for (int i = 1; i <= 12; i++) {
        SDL_Event ev = {0};
        ev.type = SDL_MOUSEMOTION;
        ev.motion.x = x1 + (x2 - x1) * i / 12;
        ev.motion.y = y1 + (y2 - y1) * i / 12 + (i % 2) * 6;
        ev.motion.state = SDL_BUTTON_LMASK;
        SDL_PushEvent(&ev);
    }
    push_mouse(SDL_MOUSEBUTTONUP, x2, y2);
    return true;
}

/* A finger drawn across the screen in steps (a touch screen's scroll). */
static bool touch_drag(SDL_Window *w, const char *args, Err *e)
{
    int x1, y1, x2, y2;
    if (sscanf(args, "%d %d %d %d", &x1, &y1, &x2, &y2) != 4)
        return err_set(e, "touch-drag needs X1 Y1 X2 Y2");
    push_finger(SDL_FINGERDOWN, w, x1, y1);
    for (int i = 1; i <= 12; i++)
        push_finger(SDL_FINGERMOTION, w, x1 + (x2 - x1) * i / 12, y1 + (y2 - y1) * i / 12);
    push_finger(SDL_FINGERUP, w, x2, y2);
    return true;
}

static bool wheel(const char *args, Err *e)
{
    int steps;
    if (sscanf(args, "%d", &steps) != 1)
        return err_set(e, "wheel needs a number of steps");
    SDL_Event ev = {0};
    ev.type = SDL_MOUSEWHEEL;
    ev.wheel.y = steps;
    SDL_PushEvent(&ev);
    return true;
}

/* Is text one of the correct choices for the prompt shown, by the answer key? */
static bool key_says_correct(FILE *key, const Ui *ui, const char *choice, bool *prompt_found)
{
    char line[4096];
    rewind(key);
    while (fgets(line, sizeof line, key)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *f[4] = {line, NULL, NULL, NULL};
        for (int i = 1; i < 4 && f[i - 1]; i++)
            if ((f[i] = strchr(f[i - 1], '\t')))
                *f[i]++ = '\0';
        if (!f[3])
            continue;
        for (int t = 0; t < ui->ntexts; t++)
            if (strcmp(ui->texts[t], f[2]) == 0) {
                *prompt_found = true;
                if (strcmp(f[3], choice) == 0)
                    return true;
            }
    }
    return false;
}

static bool answer(const Ui *ui, SDL_Window *w, const char *args, Err *e)
{
    char path[1024], how[16];
    if (sscanf(args, "%1023s %15s", path, how) != 2)
        return err_set(e, "answer needs KEYFILE right|wrong");
    FILE *key = fopen(path, "r");
    if (!key)
        return err_set(e, "cannot read the answer key %s", path);
    bool right = strcmp(how, "right") == 0, found = false, tapped = false;
    for (int i = 0; i < ui->nitems && !(tapped && !right); i++) {
        const UiItem *it = &ui->items[i];
        const char *text = strstr(it->label, ". ");
        if (strncmp(it->id, "choice-", 7) != 0 || !text)
            continue;
        if (key_says_correct(key, ui, text + 2, &found) == right)
            tapped = tap(ui, w, it->id, false, e);
    }
    fclose(key);
    if (!found)
        return err_set(e, "the question on screen is not in the answer key");
    return tapped ? true : err_set(e, "no choice to pick");
}

enum { SCRIPT_AGAIN = 100 }; /* run the same line again next time */

static ScriptStep tab_to(Script *s, const Ui *ui, const char *id, Err *e)
{
    const UiItem *it = ui_find_item(ui, id);
    if (it && it->focused) {
        s->repeats = 0;
        return SCRIPT_MORE;
    }
    if (++s->repeats > 60) {
        s->repeats = 0;
        err_set(e, "Tab never reached '%s'", id);
        return SCRIPT_FAILED;
    }
    key("Tab", e);
    return (ScriptStep)SCRIPT_AGAIN;
}

static bool screen_has(const Ui *ui, const char *needle)
{
    for (int i = 0; i < ui->ntexts; i++)
        if (strstr(ui->texts[i], needle))
            return true;
    for (int i = 0; i < ui->nitems; i++)
        if (strstr(ui->items[i].label, needle) || strcmp(ui->items[i].id, needle) == 0)
            return true;
    return false;
}

static bool screenshot(SDL_Renderer *r, const char *file, Err *e)
{
    int w, h;
    SDL_GetRendererOutputSize(r, &w, &h);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return err_set(e, "screenshot: %s", SDL_GetError());
    bool ok = SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) == 0 &&
              IMG_SavePNG(s, file) == 0;
    SDL_FreeSurface(s);
    return ok ? true : err_set(e, "screenshot %s: %s", file, SDL_GetError());
}

enum { DAY_MS = 86400000 };

/* arg as a whole number from 1 to max (no sign, nothing after it); false when it is not one. */
static bool positive(const char *arg, long max, long *n)
{
    char *end;
    if (*arg < '0' || *arg > '9')
        return false;
    errno = 0;
    *n = strtol(arg, &end, 10);
    return errno == 0 && *end == '\0' && *n > 0 && *n <= max;
}

void script_frame_ms(Script *s, Uint32 ms)
{
    if (s && ms > s->longest_ms)
        s->longest_ms = ms;
}

/* What one command needs of the kiosk: its window, renderer, last frame's widgets and screen. */
typedef struct {
    SDL_Window *w;
    SDL_Renderer *r;
    const Ui *ui;
    const char *screen;
} Kiosk;

/* One verb: runs it with the rest of the line, arg. SCRIPT_MORE when the next command may run in
 * the same frame; SCRIPT_WAIT after an input, so the kiosk draws a frame first. */
typedef ScriptStep (*Verb)(Script *s, const Kiosk *k, const char *arg, Err *e);

static ScriptStep after_input(bool ok)
{
    return ok ? SCRIPT_WAIT : SCRIPT_FAILED;
}

static ScriptStep do_tap(Script *s, const Kiosk *k, const char *arg, Err *e)
{
    (void)s;
    return after_input(tap(k->ui, k->w, arg, false, e));
}

static ScriptStep do_touch(Script *s, const Kiosk *k, const char *arg, Err *e)
{
    (void)s;
    return after_input(tap(k->ui, k->w, arg, true, e));
}

static ScriptStep do_key(Script *s, const Kiosk *k, const char *arg, Err *e)
{
    (void)s, (void)k;
    return after_input(key(arg, e));
}

static ScriptStep do_tab_to(Script *s, const Kiosk *k, const char *arg, Err *e)
{
    return tab_to(s, k->ui, arg, e);
}

static ScriptStep do_text(Script *s, const Kiosk *k, const char *arg, Err *e)
{
    (void)s, (void)k, (void)e;
    text(arg);
    return SCRIPT_WAIT;
}

static ScriptStep do_answer(Script *s, const Kiosk *k, const char *arg, Err *e)
{
    (void)s;
    return after_input(answer(k->ui, k->w, arg, e));
}

static ScriptStep do_drag(Script *s, const Kiosk *k, const char *arg, Err *e)
{
    (void)s, (void)k;
    return after_input(drag(arg, e));
}

static ScriptStep do_touch_drag(Script *s, const Kiosk *k, const char *arg, Err *e)
{
    (void)s;
    return after_input(touch_drag(k->w, arg, e));
}

static ScriptStep do_wheel(Script *s, const Kiosk *k, const char *arg, Err *e)
{
    (void)s, (void)k;
    return after_input(wheel(arg, e));
}

static ScriptStep do_expect(Script *s, const Kiosk *k, const char *arg, Err *e)
{
    (void)s;
    if (screen_has(k->ui, arg))
        return SCRIPT_MORE;
    err_set(e, "'%s' is not on screen", arg);
    return SCRIPT_FAILED;
}

static ScriptStep do_screenshot(Script *s, const Kiosk *k, const char *arg, Err *e)
{
    (void)s;
    return screenshot(k->r, arg, e) ? SCRIPT_MORE : SCRIPT_FAILED;
}

static ScriptStep do_quit(Script *s, const Kiosk *k, const char *arg, Err *e)
{
    (void)s, (void)k, (void)arg, (void)e;
    return SCRIPT_QUIT;
}

/* The time since the script's start or its last stopwatch, printed with the line's words: a
 * benchmark times a step the person waits for ("stopwatch PIN to dashboard"). */
static ScriptStep do_stopwatch(Script *s, const Kiosk *k, const char *arg, Err *e)
{
    (void)k, (void)e;
    Uint32 now = SDL_GetTicks();
    fprintf(stderr, "script: %s%s%u ms\n", arg, arg[0] ? ": " : "", (unsigned)(now - s->stopwatch));
    s->stopwatch = now;
    return SCRIPT_MORE;
}

/* The longest frame since the last frames-under, printed, and under the limit (milliseconds). */
static ScriptStep do_frames_under(Script *s, const Kiosk *k, const char *arg, Err *e)
{
    (void)k;
    Uint32 longest = s->longest_ms;
    s->longest_ms = 0;
    fprintf(stderr, "script: longest frame %u ms\n", (unsigned)longest);
    long limit;
    if (!positive(arg, DAY_MS, &limit))
        return err_set(e, "frames-under needs a number of milliseconds, not '%s'", arg), SCRIPT_FAILED;
    if (longest < (Uint32)limit)
        return SCRIPT_MORE;
    err_set(e, "a frame took %u ms (limit %ld ms)", (unsigned)longest, limit);
    return SCRIPT_FAILED;
}

/* Moves the kiosk's clocks on by arg seconds. */
static ScriptStep do_advance(Script *s, const Kiosk *k, const char *arg, Err *e)
{
    (void)k;
    long sec, most = (long)((UINT32_MAX - s->skew_ms) / 1000u); /* the clocks' skew is 32-bit ms */
    if (!positive(arg, most, &sec))
        return err_set(e, "advance needs a number of seconds up to %ld, not '%s'", most, arg), SCRIPT_FAILED;
    s->skew_ms += (Uint32)sec * 1000u;
    return SCRIPT_WAIT;
}

/* Lets the kiosk run for arg milliseconds. */
static ScriptStep do_sleep(Script *s, const Kiosk *k, const char *arg, Err *e)
{
    (void)k;
    long ms;
    if (!positive(arg, DAY_MS, &ms))
        return err_set(e, "sleep needs a number of milliseconds, not '%s'", arg), SCRIPT_FAILED;
    s->wait_until = SDL_GetTicks() + (Uint32)ms;
    return SCRIPT_WAIT;
}

static ScriptStep do_wait(Script *s, const Kiosk *k, const char *arg, Err *e)
{
    (void)s;
    if (strcmp(k->screen, arg) == 0)
        return SCRIPT_MORE;
    err_set(e, "still on screen '%s', not '%s'", k->screen, arg);
    return SCRIPT_FAILED;
}

/* The verbs; `retries`: a failure is tried again each frame for a while (the screen may still
 * be on its way), not reported at once. */
static const struct {
    const char *name;
    Verb run;
    bool retries;
} VERBS[] = {
    {"tap", do_tap, false},
    {"touch", do_touch, false},
    {"key", do_key, false},
    {"tab-to", do_tab_to, false},
    {"text", do_text, false},
    {"answer", do_answer, false},
    {"drag", do_drag, false},
    {"touch-drag", do_touch_drag, false},
    {"wheel", do_wheel, false},
    {"expect", do_expect, true},
    {"screenshot", do_screenshot, false},
    {"quit", do_quit, false},
    {"frames-under", do_frames_under, false},
    {"stopwatch", do_stopwatch, false},
    {"advance", do_advance, false},
    {"sleep", do_sleep, false},
    {"wait", do_wait, true},
};

/* Runs one command line: its first word names the verb, the rest is the verb's argument.
 * *retries: the verb's (false for an unknown one). */
static ScriptStep run_line(Script *s, const Kiosk *k, const char *line, bool *retries, Err *e)
{
    char verb[32] = "";
    int n = 0;
    sscanf(line, "%31s %n", verb, &n);
    *retries = false;
    for (size_t i = 0; i < sizeof VERBS / sizeof *VERBS; i++)
        if (strcmp(VERBS[i].name, verb) == 0) {
            *retries = VERBS[i].retries;
            return VERBS[i].run(s, k, line + n, e);
        }
    err_set(e, "unknown command '%s'", verb);
    return SCRIPT_FAILED;
}

/* Does line wait for the kiosk's work to end first? Then *st says how: SCRIPT_WAIT for now, or
 * SCRIPT_FAILED (e set) when it went on too long. A "busy" line runs only while it goes on: *line
 * moves past the word. */
static bool held(Script *s, const char **line, bool busy, ScriptStep *st, Err *e)
{
    if (strncmp(*line, "busy ", 5) == 0) {
        *line += 5;
        *st = busy ? SCRIPT_MORE : (err_set(e, "the kiosk has no work going on"), SCRIPT_FAILED);
        return !busy;
    }
    if (!busy) {
        s->busy_since = 0;
        return false;
    }
    if (!s->busy_since)
        s->busy_since = SDL_GetTicks();
    if (SDL_GetTicks() - s->busy_since >= BUSY_LIMIT_MS) {
        err_set(e, "the kiosk's work did not end in %d s", BUSY_LIMIT_MS / 1000);
        *st = SCRIPT_FAILED;
        return true;
    }
    s->wait_until = SDL_GetTicks() + 20;
    *st = SCRIPT_WAIT;
    return true;
}

ScriptStep script_step(Script *s, SDL_Window *w, SDL_Renderer *r, const Ui *ui, const char *screen, bool busy,
                       Err *e)
{
    if (s->wait_until && SDL_TICKS_PASSED(SDL_GetTicks(), s->wait_until) == 0)
        return SCRIPT_WAIT;
    s->wait_until = 0;
    while (s->at < s->nlines) {
        const char *line = s->lines[s->at];
        while (*line == ' ')
            line++;
        if (!*line || *line == '#') {
            s->at++;
            continue;
        }
        Err le = {0};
        ScriptStep st;
        if (held(s, &line, busy, &st, &le)) {
            if (st == SCRIPT_FAILED)
                err_set(e, "%s:%d: %s", s->path, s->at + 1, le.msg);
            return st;
        }
        Kiosk k = {w, r, ui, screen};
        bool retries;
        st = run_line(s, &k, line, &retries, &le);
        if (st == SCRIPT_FAILED && retries) {
            if (!s->wait_since)
                s->wait_since = SDL_GetTicks();
            if (SDL_GetTicks() - s->wait_since < WAIT_LIMIT_MS) {
                s->wait_until = SDL_GetTicks() + 20;
                return SCRIPT_WAIT;
            }
        }
        s->wait_since = 0;
        if ((int)st == SCRIPT_AGAIN)
            return SCRIPT_WAIT;
        if (st == SCRIPT_FAILED) {
            err_set(e, "%s:%d: %s", s->path, s->at + 1, le.msg);
            return SCRIPT_FAILED;
        }
        s->at++;
        if (st != SCRIPT_MORE)
            return st;
    }
    return SCRIPT_DONE;
}

int script_wait_ms(const Script *s)
{
    if (!s->wait_until)
        return 0;
    Sint64 d = (Sint64)s->wait_until - (Sint64)SDL_GetTicks();
    return d > 0 ? (int)d : 0;
}

Uint32 script_skew_ms(const Script *s)
{
    return s ? s->skew_ms : 0;
}
