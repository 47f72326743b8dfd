/* nav.c — applying navigation to the screen stack. */
#include "nav.h"
#include "err.h"

#include <string.h>

static void screen_enter(Screen *s, App *app, const ScreenOps *ops, const void *arg)
{
    *s = (Screen){.ops = ops};
    s->state = arena_alloc(&s->arena, ops->state_size ? ops->state_size : 1);
    ops->enter(s, app, arg);
}

static void screen_leave(Screen *s, App *app)
{
    if (s->ops->leave)
        s->ops->leave(s, app);
    arena_free(&s->arena);
    *s = (Screen){0};
}

void nav_init(NavStack *n, App *app, const ScreenOps *start, const ScreenOps *home)
{
    *n = (NavStack){.start = start, .home = home};
    screen_enter(&n->stack[0], app, start, NULL);
    n->depth = 1;
}

void nav_free(NavStack *n, App *app)
{
    while (n->depth > 0)
        screen_leave(&n->stack[--n->depth], app);
}

Screen *nav_top(NavStack *n)
{
    return &n->stack[n->depth - 1];
}

/* Leaves every screen above index keep. */
static void pop_to(NavStack *n, App *app, int keep)
{
    while (n->depth > keep + 1)
        screen_leave(&n->stack[--n->depth], app);
}

static int home_index(const NavStack *n)
{
    for (int i = 0; i < n->depth; i++)
        if (n->stack[i].ops == n->home)
            return i;
    return -1;
}

/* Enters `to` into a fresh slot, then drops the screens from `drop_from` up, then moves it
 * into place: the new screen's argument stays valid while it enters. */
static void open_over(NavStack *n, App *app, int drop_from, const ScreenOps *to, const void *arg)
{
    if (n->depth == NAV_DEPTH)
        die("screen stack full");
    Screen fresh;
    screen_enter(&fresh, app, to, arg);
    pop_to(n, app, drop_from - 1);
    n->stack[n->depth++] = fresh;
}

void nav_apply(NavStack *n, App *app, Nav to)
{
    int top = n->depth - 1;
    switch (to.kind) {
    case NAV_STAY:
        break;
    case NAV_PUSH:
        open_over(n, app, n->depth, to.to, to.arg);
        break;
    case NAV_REPLACE:
        open_over(n, app, top > 0 ? top : 1, to.to, to.arg);
        break;
    case NAV_BACK:
        if (top > 0)
            pop_to(n, app, top - 1);
        break;
    case NAV_HOME: {
        int h = home_index(n);
        if (h >= 0 && to.to)
            open_over(n, app, h + 1, to.to, to.arg);
        else if (h >= 0)
            pop_to(n, app, h);
        break;
    }
    case NAV_SIGNOUT:
        pop_to(n, app, 0);
        app->signed_in = false;
        app->user = (Employee){0}; /* nothing of them stays for the next, nor for the manager's screens */
        app->large_text = false;
        app->lang = app->settings.default_lang;
        break;
    }
}

void nav_frame(NavStack *n, App *app, Ui *ui)
{
    Screen *s = nav_top(n);
    nav_apply(n, app, s->ops->frame(s, app, ui));
}
