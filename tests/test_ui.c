/* test_ui.c — the widget layer: activation by pointer and keyboard, focus movement, the trace. */
#include "scroll.h"
#include "test.h"
#include "theme.h"
#include "ui.h"

#include <stdlib.h>

static int width10(void *ctx, int px, bool bold, const char *s, int n)
{
    (void)ctx, (void)px, (void)bold, (void)s;
    return 10 * n;
}

/* Three buttons a, b (disabled), c; returns which were activated as a bit set. */
static int frame(Ui *ui, UiInput in)
{
    ui_begin(ui, 800, 600, &in);
    int used = ui_button(ui, "a", (Rect){10, 10, 100, 60}, "A", BTN_PRIMARY, true);
    used |= ui_button(ui, "b", (Rect){10, 80, 100, 60}, "B", BTN_PRIMARY, false) << 1;
    used |= ui_button(ui, "c", (Rect){10, 150, 100, 60}, "C", BTN_PRIMARY, true) << 2;
    ui_end(ui);
    return used;
}

static void test_click_activates_only_inside(void)
{
    Ui ui;
    ui_init(&ui, width10, NULL);
    CHECK(frame(&ui, (UiInput){.x = 50, .y = 30, .pressed = true, .released = true}) == 1);
    CHECK(frame(&ui, (UiInput){.x = 50, .y = 100, .pressed = true, .released = true}) == 0); /* disabled */
    CHECK(frame(&ui, (UiInput){.x = 50, .y = 30, .pressed = true, .down = true}) == 0);      /* not yet */
    CHECK(frame(&ui, (UiInput){.x = 50, .y = 180, .released = true}) == 0); /* released elsewhere */
    ui_free(&ui);
}

static void test_tab_and_arrows_move_focus_past_disabled(void)
{
    Ui ui;
    ui_init(&ui, width10, NULL);
    frame(&ui, (UiInput){.key = UI_KEY_TAB});
    CHECK_STR(ui.focus, "a");
    frame(&ui, (UiInput){.key = UI_KEY_DOWN});
    CHECK_STR(ui.focus, "c"); /* b is disabled */
    frame(&ui, (UiInput){.key = UI_KEY_UP});
    CHECK_STR(ui.focus, "a");
    frame(&ui, (UiInput){.key = UI_KEY_BACKTAB});
    CHECK_STR(ui.focus, "c");                               /* wraps */
    CHECK(frame(&ui, (UiInput){.key = UI_KEY_ENTER}) == 4); /* Enter activates the focused one */
    ui_free(&ui);
}

static void test_trace_written_only_on_change(void)
{
    Ui ui;
    ui_init(&ui, width10, NULL);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    frame(&ui, (UiInput){0});
    ui_trace(&ui, f, "test");
    frame(&ui, (UiInput){0});
    ui_trace(&ui, f, "test");
    frame(&ui, (UiInput){.key = UI_KEY_TAB}); /* the focus moves at the end of this frame */
    frame(&ui, (UiInput){0});                 /* and shows in the next (the shell runs it at once) */
    ui_trace(&ui, f, "test");
    fclose(f);
    int lines = 0;
    for (size_t i = 0; i < len; i++)
        lines += buf[i] == '\n';
    CHECK(lines == 2); /* the unchanged second frame wrote nothing */
    CHECK(strstr(buf, "\"id\": \"a\", \"label\": \"A\", \"rect\": [10, 10, 100, 60], \"focused\": true") !=
          NULL);
    CHECK(strstr(buf, "\"id\": \"b\", \"label\": \"B\"") && strstr(buf, "\"enabled\": false"));
    CHECK(strstr(buf, "\"enabled\": true, \"style\": \"primary\"}") != NULL); /* how each item looks */
    free(buf);
    ui_free(&ui);
}

/* Every line of a paragraph is in the trace with its rect and size (width10: 10 px a byte). */
static void test_trace_lists_each_line(void)
{
    Ui ui;
    ui_init(&ui, width10, NULL);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ui_begin(&ui, 800, 600, &(UiInput){0});
    ui_paragraph(&ui, (Rect){20, 40, 100, 0}, 20, false, THEME_TEXT, "aaaa bbbb cccc");
    ui_label(&ui, 5, 500, 16, true, THEME_TEXT, "zz");
    ui_end(&ui);
    ui_trace(&ui, f, "test");
    fclose(f);
    CHECK(strstr(buf, "\"lines\": [{\"text\": \"aaaa bbbb\", \"rect\": [20, 40, 90, 30], \"px\": 20}, "
                      "{\"text\": \"cccc\", \"rect\": [20, 70, 40, 30], \"px\": 20}, "
                      "{\"text\": \"zz\", \"rect\": [5, 500, 20, 24], \"px\": 16}]") != NULL);
    free(buf);
    ui_free(&ui);
}

/* A view from y 100 to 300 that shows choices 80 px apart from content_y: the ones wholly outside are
 * left out, a cut one is listed with its visible part. Returns which were activated as a bit set. */
static int clipped(Ui *ui, UiInput in, int content_y)
{
    ui_begin(ui, 800, 600, &in);
    ui_clip(ui, (Rect){0, 100, 800, 200});
    int used = 0;
    for (int i = 0; i < 6; i++) {
        char id[8];
        snprintf(id, sizeof id, "c%d", i);
        used |= ui_choice_mark(ui, id, (Rect){10, content_y + 80 * i, 300, 70}, id, false, true, MARK_RADIO)
                << i;
    }
    ui_paragraph(ui, (Rect){400, content_y, 300, 0}, 20, false, THEME_TEXT, "far below");
    ui_clip(ui, (Rect){0});
    ui_end(ui);
    return used;
}

static void test_clip_leaves_out_what_cannot_be_seen(void)
{
    Ui ui;
    ui_init(&ui, width10, NULL);
    clipped(&ui, (UiInput){0}, 100); /* c0 100-170, c1 180-250, c2 260-330 cut at 300, c3.. below */
    CHECK(ui.nitems == 3);
    const UiItem *c2 = ui_find_item(&ui, "c2");
    CHECK(c2 && c2->r.y == 260 && c2->r.h == 40 && strcmp(c2->style, "radio") == 0);
    char msg[200];
    CHECK(ui_check_layout(&ui, msg, sizeof msg));
    CHECK(ui.ntexts == 1); /* the paragraph at the top of the view */
    clipped(&ui, (UiInput){0}, 400);
    CHECK(ui.nitems == 0 && ui.ntexts == 0); /* all below the view */
    for (int i = 0; i < ui.ncmds; i++)
        CHECK(ui.cmds[i].kind != CMD_TEXT);
    /* a press on the part of c2 below the view does not reach it; on its visible part it does */
    CHECK(clipped(&ui, (UiInput){.x = 50, .y = 320, .pressed = true, .released = true}, 100) == 0);
    CHECK(clipped(&ui, (UiInput){.x = 50, .y = 280, .pressed = true, .released = true}, 100) == 4);
    ui_free(&ui);
}

/* One frame of a view 200 tall (y 100) over content 500 tall with the choices of clipped(); returns
 * the offset. */
static int scrolled(Ui *ui, UiScroll *sc, UiInput in, int *used)
{
    ui_begin(ui, 800, 600, &in);
    int off = ui_scroll(ui, sc, (Rect){0, 100, 800, 200}, 500);
    ui_clip(ui, (Rect){0, 100, 800, 200});
    *used = 0;
    for (int i = 0; i < 6; i++) {
        char id[8];
        snprintf(id, sizeof id, "c%d", i);
        *used |= ui_choice_mark(ui, id, (Rect){10, 100 - off + 80 * i, 300, 70}, id, false, true, MARK_CHECK)
                 << i;
    }
    ui_end(ui);
    return off;
}

static void test_scroll_by_wheel_keys_and_drag(void)
{
    Ui ui;
    ui_init(&ui, width10, NULL);
    ui.text_pct = 100;
    UiScroll sc = {0};
    int used;
    CHECK(scrolled(&ui, &sc, (UiInput){.wheel = -1}, &used) == 60 && sc.max == 300);
    CHECK(scrolled(&ui, &sc, (UiInput){.key = UI_KEY_DOWN}, &used) == 120);
    CHECK(ui.focus[0] == '\0'); /* the key scrolled; it did not move the focus */
    CHECK(scrolled(&ui, &sc, (UiInput){.key = UI_KEY_PAGEDOWN}, &used) == 260);
    CHECK(scrolled(&ui, &sc, (UiInput){.key = UI_KEY_PAGEDOWN}, &used) == 300); /* no further than the end */
    CHECK(ui_find_item(&ui, "c5") != NULL && ui_find_item(&ui, "c0") == NULL);
    CHECK(scrolled(&ui, &sc, (UiInput){.wheel = 9}, &used) == 0);
    /* a drag up from a choice scrolls by as much and presses nothing */
    UiInput drag = {.x = 50, .y = 130, .pressed = true, .released = true, .nmoves = 2};
    drag.moves[0] = (UiMove){50, 230, 0}, drag.moves[1] = (UiMove){50, 130, 1};
    CHECK(scrolled(&ui, &sc, drag, &used) == 100 && used == 0);
    /* a tap (no move) still picks */
    CHECK(scrolled(&ui, &sc, (UiInput){.x = 50, .y = 120, .pressed = true, .released = true}, &used) == 100);
    CHECK(used == 2); /* c1, at 80 .. 150 on screen, cut to 100 .. 150 */
    /* with nothing to scroll, Down moves the focus as ever */
    ui_begin(&ui, 800, 600, &(UiInput){.key = UI_KEY_DOWN});
    UiScroll none = {0};
    CHECK(ui_scroll(&ui, &none, (Rect){0, 100, 800, 200}, 150) == 0);
    ui_button(&ui, "b", (Rect){10, 10, 100, 60}, "B", BTN_SECONDARY, true);
    ui_end(&ui);
    CHECK_STR(ui.focus, "b");
    ui_free(&ui);
}

static bool same(Color a, Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

/* How far outside the button at (10, 10) the outermost frame of colour c reaches (0: none), and
 * its width. */
static int ring_reach(const Ui *ui, Color c, int *width)
{
    int reach = 0;
    for (int i = 0; i < ui->ncmds; i++) {
        const Cmd *k = &ui->cmds[i];
        if (k->kind == CMD_FRAME && same(k->color, c) && 10 - k->r.x > reach)
            reach = 10 - k->r.x, *width = k->px;
    }
    return reach;
}

/* The focus ring has two tones, the amber band between light lines inside and outside it, so it is
 * seen on the dark header bar as on the page (theme.h). */
static void test_focus_ring_two_tones(void)
{
    Ui ui;
    ui_init(&ui, width10, NULL);
    frame(&ui, (UiInput){.key = UI_KEY_TAB});
    frame(&ui, (UiInput){0}); /* a is focused */
    int aw = 0, ew = 0, amber = ring_reach(&ui, THEME_FOCUS, &aw),
        edge = ring_reach(&ui, THEME_FOCUS_EDGE, &ew);
    CHECK(amber == 2 + THEME_FOCUS_W && aw == THEME_FOCUS_W);
    CHECK(edge == amber + 2 && ew == 2); /* the light line just outside the amber */
    int inner = 0;
    for (int i = 0; i < ui.ncmds; i++)
        inner |=
            ui.cmds[i].kind == CMD_FRAME && same(ui.cmds[i].color, THEME_FOCUS_EDGE) && ui.cmds[i].r.x == 8;
    CHECK(inner); /* and the one just inside it, around the button */
    ui_free(&ui);
}

int main(void)
{
    RUN(test_click_activates_only_inside);
    RUN(test_tab_and_arrows_move_focus_past_disabled);
    RUN(test_focus_ring_two_tones);
    RUN(test_trace_written_only_on_change);
    RUN(test_trace_lists_each_line);
    RUN(test_clip_leaves_out_what_cannot_be_seen);
    RUN(test_scroll_by_wheel_keys_and_drag);
    return TEST_END();
}
