/* test_field.c — typing at the kiosk (field.h): UTF-8 editing that never splits a character or
 * overflows, the kana marks (voiced, semi-voiced, small) both ways and in katakana, typed text
 * and Backspace from the physical keyboard, the on-screen keyboard's keys in each mode, text cut
 * to fit with "…", and the pager's bounds. Widths come from a fake font: 10 px a character. */
#include "test.h"

#include "field.h"

static int width10(void *ctx, int px, bool bold, const char *s, int n)
{
    (void)ctx, (void)px, (void)bold;
    int w = 0;
    for (int i = 0; i < n; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80 ? 10 : 0;
    return w;
}

static Ui ui;
static App app;

static void frame(UiInput in)
{
    ui_begin(&ui, 1280, 800, &in);
}

/* Taps item id in the last frame by running a frame with a click on it; draws with draw. */
static UiInput click_on(const char *id)
{
    const UiItem *it = ui_find_item(&ui, id);
    CHECK(it != NULL);
    if (!it)
        return (UiInput){0};
    return (UiInput){.x = it->r.x + 1, .y = it->r.y + 1, .pressed = true, .released = true};
}

/* ---- editing ---- */

static void test_append_keeps_whole_characters(void)
{
    char buf[8] = "ab";
    field_append(buf, sizeof buf, "cあい"); /* c (1) + あ (3) fit in 7; い does not */
    CHECK_STR(buf, "abcあ");
    field_append(buf, sizeof buf, "d");
    CHECK_STR(buf, "abcあd");
    field_append(buf, sizeof buf, "e");
    CHECK_STR(buf, "abcあd"); /* full: 7 bytes and the NUL */
    char ctl[16] = "";
    field_append(ctl, sizeof ctl, "a\tb\nc\x7f");
    CHECK_STR(ctl, "abc");
    char bad[16] = "";
    field_append(bad, sizeof bad,
                 "x\xff"
                 "y");
    CHECK_STR(bad, "x"); /* stops at bytes that are not UTF-8 */
}

static void test_backspace_removes_one_character(void)
{
    char buf[32] = "aあ𠮷";
    field_backspace(buf);
    CHECK_STR(buf, "aあ");
    field_backspace(buf);
    CHECK_STR(buf, "a");
    field_backspace(buf);
    CHECK_STR(buf, "");
    field_backspace(buf);
    CHECK_STR(buf, "");
}

static void test_kana_marks(void)
{
    char buf[32] = "か";
    field_mark(buf, sizeof buf, MARK_VOICED);
    CHECK_STR(buf, "が");
    field_mark(buf, sizeof buf, MARK_VOICED);
    CHECK_STR(buf, "か"); /* again: back */
    snprintf(buf, sizeof buf, "は");
    field_mark(buf, sizeof buf, MARK_SEMIVOICED);
    CHECK_STR(buf, "ぱ");
    snprintf(buf, sizeof buf, "やまだ つ");
    field_mark(buf, sizeof buf, MARK_SMALL);
    CHECK_STR(buf, "やまだ っ");
    snprintf(buf, sizeof buf, "グエン ウ");
    field_mark(buf, sizeof buf, MARK_VOICED);
    CHECK_STR(buf, "グエン ヴ"); /* katakana too */
    snprintf(buf, sizeof buf, "ハ");
    field_mark(buf, sizeof buf, MARK_SEMIVOICED);
    CHECK_STR(buf, "パ");
    snprintf(buf, sizeof buf, "な");
    field_mark(buf, sizeof buf, MARK_VOICED);
    CHECK_STR(buf, "な"); /* no voiced form */
    snprintf(buf, sizeof buf, "ab");
    field_mark(buf, sizeof buf, MARK_SMALL);
    CHECK_STR(buf, "ab");
    buf[0] = '\0';
    field_mark(buf, sizeof buf, MARK_VOICED);
    CHECK_STR(buf, "");
}

static void test_typed_text_and_backspace(void)
{
    char buf[32] = "山";
    frame((UiInput){.text = "田 花子"});
    CHECK(field_type(&ui, buf, sizeof buf));
    ui_end(&ui);
    CHECK_STR(buf, "山田 花子");
    frame((UiInput){.key = UI_KEY_BACKSPACE});
    CHECK(field_type(&ui, buf, sizeof buf));
    ui_end(&ui);
    CHECK_STR(buf, "山田 花");
    frame((UiInput){0});
    CHECK(!field_type(&ui, buf, sizeof buf));
    ui_end(&ui);
}

/* ---- drawing ---- */

static void test_fit_cuts_with_an_ellipsis(void)
{
    frame((UiInput){0});
    CHECK_STR(field_fit(&ui, 20, false, "abc", 30), "abc");
    CHECK_STR(field_fit(&ui, 20, false, "abcdef", 40), "abc…");
    CHECK_STR(field_fit(&ui, 20, false, "山田花子さん", 40), "山田花…");
    CHECK_STR(field_fit(&ui, 20, false, "abc", 5), "…");
    ui_end(&ui);
}

static void test_field_is_an_item_and_taps(void)
{
    Rect r = {100, 100, 400, FIELD_H};
    frame((UiInput){0});
    CHECK(!field_draw(&ui, "field-name", r, "名前", "山田", false));
    ui_end(&ui);
    const UiItem *it = ui_find_item(&ui, "field-name");
    CHECK(it && it->r.y == 100 + FIELD_CAPTION_H && it->r.h == FIELD_H - FIELD_CAPTION_H);
    CHECK(it && strcmp(it->label, "名前: 山田") == 0);
    frame(click_on("field-name"));
    CHECK(field_draw(&ui, "field-name", r, "名前", "山田", false));
    ui_end(&ui);
}

static void test_composition_is_shown_in_the_active_field(void)
{
    Rect r = {100, 100, 600, FIELD_H};
    UiInput in = {0};
    snprintf(in.editing, sizeof in.editing, "%s", "やまだ");
    frame(in);
    field_draw(&ui, "field-name", r, "名前", "山", true);
    ui_end(&ui);
    bool shown = false;
    for (int i = 0; i < ui.ncmds; i++)
        shown |= ui.cmds[i].kind == CMD_TEXT &&
                 strncmp(ui.cmds[i].text, "やまだ", (size_t)ui.cmds[i].n) == 0 &&
                 ui.cmds[i].n == (int)strlen("やまだ");
    CHECK(shown);
    CHECK(ui.caret.w > 0 && ui.caret.x > r.x && ui.caret.y > r.y); /* the input method's anchor */
    frame(in);
    field_draw(&ui, "field-name", r, "名前", "山", false); /* an inactive field shows none */
    ui_end(&ui);
    shown = false;
    for (int i = 0; i < ui.ncmds; i++)
        shown |= ui.cmds[i].kind == CMD_TEXT && strstr(ui.cmds[i].text, "やまだ") != NULL;
    CHECK(!shown);
    CHECK(ui.caret.w == 0);
}

/* Draws the keyboard once with input in; returns whether done was pressed. */
static bool keyboard_frame(UiInput in, Keyboard *kb, char *buf, size_t size)
{
    frame(in);
    bool done =
        field_keyboard(&ui, &app, (Rect){0, 300, 700, field_keyboard_height(700)}, kb, buf, size, "次へ");
    ui_end(&ui);
    return done;
}

static void press(const char *id, Keyboard *kb, char *buf, size_t size)
{
    keyboard_frame((UiInput){0}, kb, buf, size);
    keyboard_frame(click_on(id), kb, buf, size);
}

static void test_keyboard_types_each_mode(void)
{
    Keyboard kb = {.mode = KB_HIRAGANA};
    char buf[64] = "";
    press("kb-0-1", &kb, buf, sizeof buf);  /* か */
    press("kb-0-10", &kb, buf, sizeof buf); /* ゛ */
    CHECK_STR(buf, "が");
    press("kb-katakana", &kb, buf, sizeof buf);
    CHECK(kb.mode == KB_KATAKANA);
    press("kb-2-3", &kb, buf, sizeof buf);  /* ツ */
    press("kb-2-10", &kb, buf, sizeof buf); /* 小 */
    CHECK_STR(buf, "がッ");
    press("kb-latin", &kb, buf, sizeof buf);
    press("kb-shift", &kb, buf, sizeof buf);
    press("kb-2-0", &kb, buf, sizeof buf); /* A */
    press("kb-shift", &kb, buf, sizeof buf);
    press("kb-2-0", &kb, buf, sizeof buf); /* a */
    press("kb-space", &kb, buf, sizeof buf);
    press("kb-0-0", &kb, buf, sizeof buf); /* 1 */
    CHECK_STR(buf, "がッAa 1");
    press("kb-delete", &kb, buf, sizeof buf);
    CHECK_STR(buf, "がッAa ");
    keyboard_frame((UiInput){0}, &kb, buf, sizeof buf);
    CHECK(keyboard_frame(click_on("kb-done"), &kb, buf, sizeof buf));
    const UiItem *shift = NULL;
    press("kb-hiragana", &kb, buf, sizeof buf);
    keyboard_frame((UiInput){0}, &kb, buf, sizeof buf);
    shift = ui_find_item(&ui, "kb-shift");
    CHECK(shift && !shift->enabled);            /* capitals only in Latin */
    CHECK(ui_find_item(&ui, "kb-1-7") == NULL); /* the gaps of the や column are no keys */
}

static void test_keys_are_big_enough_to_touch(void)
{
    Keyboard kb = {0};
    char buf[8] = "";
    keyboard_frame((UiInput){0}, &kb, buf, sizeof buf);
    for (int i = 0; i < ui.nitems; i++)
        CHECK(ui.items[i].r.h >= 48 && ui.items[i].r.w >= 48);
}

static void test_pager_pages_and_stays_in_range(void)
{
    int first = 0;
    Rect r = {1000, 100, 82, 400};
    frame((UiInput){0});
    field_pager(&ui, "list", r, &first, 30, 10);
    ui_end(&ui);
    CHECK(!ui_find_item(&ui, "list-up")->enabled && ui_find_item(&ui, "list-down")->enabled);
    frame(click_on("list-down"));
    field_pager(&ui, "list", r, &first, 30, 10);
    ui_end(&ui);
    CHECK(first == 9);
    frame((UiInput){.key = UI_KEY_PAGEDOWN});
    field_pager(&ui, "list", r, &first, 30, 10);
    ui_end(&ui);
    CHECK(first == 18);
    frame((UiInput){.key = UI_KEY_PAGEDOWN});
    field_pager(&ui, "list", r, &first, 30, 10);
    ui_end(&ui);
    CHECK(first == 20); /* the last page shows the last 10 */
    frame((UiInput){.wheel = 50});
    field_pager(&ui, "list", r, &first, 30, 10);
    ui_end(&ui);
    CHECK(first == 0);
    first = 7;
    frame((UiInput){0});
    field_pager(&ui, "list", r, &first, 5, 10); /* the list got shorter */
    ui_end(&ui);
    CHECK(first == 0);
}

int main(void)
{
    ui_init(&ui, width10, NULL);
    app.lang = LANG_JA;
    RUN(test_append_keeps_whole_characters);
    RUN(test_backspace_removes_one_character);
    RUN(test_kana_marks);
    RUN(test_typed_text_and_backspace);
    RUN(test_fit_cuts_with_an_ellipsis);
    RUN(test_field_is_an_item_and_taps);
    RUN(test_composition_is_shown_in_the_active_field);
    RUN(test_keyboard_types_each_mode);
    RUN(test_keys_are_big_enough_to_touch);
    RUN(test_pager_pages_and_stays_in_range);
    ui_free(&ui);
    return TEST_END();
}
