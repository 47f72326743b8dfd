/* test_ui.c — the widget layer: activation by pointer and keyboard, focus movement, the trace. */
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

int main(void)
{
    RUN(test_click_activates_only_inside);
    RUN(test_tab_and_arrows_move_focus_past_disabled);
    RUN(test_trace_written_only_on_change);
    RUN(test_trace_lists_each_line);
    return TEST_END();
}
