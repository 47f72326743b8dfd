/* nav.h — the screen stack. A screen's frame returns where to go next as a value; the stack
 * applies it after the frame, entering the new screen before dropping the old one (its
 * argument may live in the old screen's arena). Each screen visit owns an arena, freed when the
 * screen leaves. The start screen is always at the bottom and never leaves. */
#ifndef MAMORI_NAV_H
#define MAMORI_NAV_H

#include "app.h"
#include "arena.h"
#include "ui.h"

#include <stddef.h>

typedef struct Screen Screen;
typedef struct ScreenOps ScreenOps;

typedef enum {
    NAV_STAY,    /* remain */
    NAV_PUSH,    /* open `to` above this screen */
    NAV_REPLACE, /* open `to` in place of this screen */
    NAV_BACK,    /* close this screen */
    NAV_HOME,    /* close everything above the person's home screen, then open `to` if set */
    NAV_SIGNOUT, /* close everything down to the start screen and sign out */
} NavKind;

typedef struct {
    NavKind kind;
    const ScreenOps *to;
    const void *arg; /* for to->enter; may point into the current screen's arena */
} Nav;

struct ScreenOps {
    const char *name;  /* the trace's screen id */
    size_t state_size; /* zeroed state allocated in the screen's arena */
    void (*enter)(Screen *s, App *app, const void *arg);
    Nav (*frame)(Screen *s, App *app, Ui *ui);
    void (*leave)(Screen *s, App *app); /* may be NULL */
};

struct Screen {
    const ScreenOps *ops;
    Arena arena; /* owned: freed when the screen leaves */
    void *state; /* arena */
};

enum { NAV_DEPTH = 8 };

typedef struct {
    Screen stack[NAV_DEPTH];
    int depth;
    const ScreenOps *start, *home;
} NavStack;

static inline Nav nav_stay(void)
{
    return (Nav){NAV_STAY, NULL, NULL};
}
static inline Nav nav_push(const ScreenOps *to, const void *arg)
{
    return (Nav){NAV_PUSH, to, arg};
}
static inline Nav nav_replace(const ScreenOps *to, const void *arg)
{
    return (Nav){NAV_REPLACE, to, arg};
}
static inline Nav nav_back(void)
{
    return (Nav){NAV_BACK, NULL, NULL};
}
static inline Nav nav_home(void)
{
    return (Nav){NAV_HOME, NULL, NULL};
}
static inline Nav nav_signout(void)
{
    return (Nav){NAV_SIGNOUT, NULL, NULL};
}

void nav_init(NavStack *n, App *app, const ScreenOps *start, const ScreenOps *home);
void nav_free(NavStack *n, App *app);
Screen *nav_top(NavStack *n);
/* Runs the top screen's frame and applies the Nav it returns. */
void nav_frame(NavStack *n, App *app, Ui *ui);
void nav_apply(NavStack *n, App *app, Nav to);

#endif
