/* field.c — text fields and the on-screen keyboard of the manager's screens (see field.h). */
#include "field.h"
#include "theme.h"
#include "utf8.h"

#include <stdio.h>
#include <string.h>

enum { KEY_H = 52, KEY_GAP = 6, COLS = 11, ROWS = 5 };

/* ---- editing ---- */

void field_append(char *buf, size_t size, const char *s)
{
    size_t len = strlen(buf);
    int n = (int)strlen(s);
    for (int at = 0; at < n;) {
        uint32_t cp;
        int k = utf8_decode(s + at, n - at, &cp);
        if (k <= 0)
            break;
        bool control = cp < 0x20 || cp == 0x7f;
        if (!control && len + (size_t)k < size) {
            memcpy(buf + len, s + at, (size_t)k);
            len += (size_t)k;
        }
        at += k;
    }
    buf[len] = '\0';
}

void field_backspace(char *buf)
{
    size_t n = strlen(buf);
    while (n > 0 && ((unsigned char)buf[n - 1] & 0xC0) == 0x80)
        n--;
    if (n > 0)
        n--;
    buf[n] = '\0';
}

/* Pairs (plain, marked) of hiragana for each mark; katakana are these + 0x60. */
static const char *const MARKS[3] = {
    "かがきぎくぐけげこごさざしじすずせぜそぞただちぢつづてでとどはばひびふぶへべほぼうゔ",
    "はぱひぴふぷへぺほぽ",
    "あぁいぃうぅえぇおぉつっやゃゆゅよょわゎ",
};

/* The code point paired with cp in the table (either way), or 0. */
static uint32_t paired(const char *table, uint32_t cp)
{
    int n = (int)strlen(table);
    uint32_t pair[2];
    for (int at = 0, i = 0; at < n; i++) {
        at += utf8_decode(table + at, n - at, &pair[i % 2]);
        if (i % 2 == 1 && (pair[0] == cp || pair[1] == cp))
            return pair[0] == cp ? pair[1] : pair[0];
    }
    return 0;
}

static int utf8_encode3(uint32_t cp, char out[4])
{
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    out[3] = '\0';
    return 3;
}

void field_mark(char *buf, size_t size, KanaMark mark)
{
    size_t n = strlen(buf);
    if (n < 3)
        return;
    uint32_t cp;
    if (utf8_decode(buf + n - 3, 3, &cp) != 3)
        return;
    bool kata = cp >= 0x30A1 && cp <= 0x30F6;
    uint32_t other = paired(MARKS[mark], kata ? cp - 0x60 : cp);
    if (!other)
        return;
    char enc[4];
    utf8_encode3(kata ? other + 0x60 : other, enc);
    buf[n - 3] = '\0';
    field_append(buf, size, enc);
}

bool field_type(const Ui *ui, char *buf, size_t size)
{
    size_t before = strlen(buf);
    char old_last = before ? buf[before - 1] : 0;
    if (ui->in.text[0])
        field_append(buf, size, ui->in.text);
    if (ui->in.key == UI_KEY_BACKSPACE)
        field_backspace(buf);
    size_t after = strlen(buf);
    return after != before || (after && buf[after - 1] != old_last);
}

/* ---- drawing ---- */

const char *field_fit(Ui *ui, int px, bool bold, const char *s, int w)
{
    int n = (int)strlen(s);
    if (ui_text_width(ui, px, bold, s, n) <= w)
        return s;
    static const char dots[] = "…";
    int dw = ui_text_width(ui, px, bold, dots, (int)strlen(dots));
    while (n > 0) {
        n--; /* drop one whole character from the end */
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
        if (ui_text_width(ui, px, bold, s, n) + dw <= w)
            break;
    }
    return arena_printf(&ui->frame, "%.*s%s", n, s, dots);
}

/* The end of s that fits w pixels (for the active field, where the caret is). */
static const char *fit_tail(Ui *ui, int px, const char *s, int w)
{
    int n = (int)strlen(s), at = 0;
    while (at < n && ui_text_width(ui, px, false, s + at, n - at) > w) {
        at++;
        while (at < n && ((unsigned char)s[at] & 0xC0) == 0x80)
            at++;
    }
    return s + at;
}

bool field_draw(Ui *ui, const char *id, Rect r, const char *caption, const char *text, bool active)
{
    ui_label(ui, r.x, r.y, THEME_PX_SMALL, true, THEME_MUTED, caption);
    Rect box = {r.x, r.y + FIELD_CAPTION_H, r.w, r.h - FIELD_CAPTION_H};
    char label[400];
    snprintf(label, sizeof label, "%s: %s", caption, text);
    bool used = ui_area(ui, id, box, label);
    ui_fill(ui, box, active ? THEME_SURFACE : THEME_BG);
    ui_frame(ui, box, active ? THEME_PRIMARY : THEME_BORDER, active ? 3 : 2);
    int px = THEME_PX_BODY, w = box.w - 32;
    const char *shown = active ? fit_tail(ui, px, text, w - 6) : field_fit(ui, px, false, text, w);
    int ty = box.y + (box.h - px * 3 / 2) / 2;
    int tw = shown[0] ? ui_label(ui, box.x + 14, ty, px, false, THEME_TEXT, shown) : 0;
    if (active && ui->in.editing[0]) { /* a Japanese input method's text being composed, underlined */
        const char *composing = field_fit(ui, px, false, ui->in.editing, w - tw > 0 ? w - tw : 0);
        int ew = ui_label(ui, box.x + 14 + tw, ty, px, false, THEME_PRIMARY, composing);
        ui_fill(ui, (Rect){box.x + 14 + tw, ty + px * 3 / 2 - 6, ew, 2}, THEME_PRIMARY);
        tw += ew;
    }
    if (active) {
        ui->caret = (Rect){box.x + 16 + tw, box.y + 12, 3, box.h - 24};
        ui_fill(ui, ui->caret, THEME_PRIMARY);
    }
    if (ui->items[ui->nitems - 1].focused)
        ui_focus_ring(ui, box);
    return used;
}

/* ---- the on-screen keyboard ---- */

static const char *const LATIN[ROWS][COLS] = {
    {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-"},
    {"q", "w", "e", "r", "t", "y", "u", "i", "o", "p", "_"},
    {"a", "s", "d", "f", "g", "h", "j", "k", "l", ".", "/"},
    {"z", "x", "c", "v", "b", "n", "m", ",", "'", "(", ")"},
    {"@", "&", "+", ":", "#", "~", "!", "?", "", "", ""},
};

/* Columns あ か さ た な は ま や ら わ, then marks; "" is no key. Katakana are these + 0x60. */
static const char *const KANA[ROWS][COLS] = {
    {"あ", "か", "さ", "た", "な", "は", "ま", "や", "ら", "わ", "゛"},
    {"い", "き", "し", "ち", "に", "ひ", "み", "", "り", "を", "゜"},
    {"う", "く", "す", "つ", "ぬ", "ふ", "む", "ゆ", "る", "ん", "小"},
    {"え", "け", "せ", "て", "ね", "へ", "め", "", "れ", "、", "ー"},
    {"お", "こ", "そ", "と", "の", "ほ", "も", "よ", "ろ", "。", "・"},
};

int field_keyboard_height(int w)
{
    (void)w;
    return (ROWS + 1) * (KEY_H + KEY_GAP) - KEY_GAP;
}

/* The label of the key at row, col in this mode (buf holds converted characters). */
static const char *key_label(const Keyboard *kb, int row, int col, char buf[8])
{
    const char *k = kb->mode == KB_LATIN ? LATIN[row][col] : KANA[row][col];
    uint32_t cp;
    if (kb->mode == KB_LATIN && kb->shift && k[0] >= 'a' && k[0] <= 'z' && !k[1])
        return snprintf(buf, 8, "%c", k[0] - 'a' + 'A'), buf;
    if (kb->mode != KB_KATAKANA || utf8_decode(k, (int)strlen(k), &cp) != 3 || cp < 0x3041 || cp > 0x3096)
        return k;
    utf8_encode3(cp + 0x60, buf);
    return buf;
}

static void press_key(const char *label, char *buf, size_t size)
{
    if (strcmp(label, "゛") == 0)
        field_mark(buf, size, MARK_VOICED);
    else if (strcmp(label, "゜") == 0)
        field_mark(buf, size, MARK_SEMIVOICED);
    else if (strcmp(label, "小") == 0)
        field_mark(buf, size, MARK_SMALL);
    else
        field_append(buf, size, label);
}

static void key_grid(Ui *ui, Rect r, Keyboard *kb, char *buf, size_t size)
{
    int kw = (r.w - (COLS - 1) * KEY_GAP) / COLS;
    for (int row = 0; row < ROWS; row++)
        for (int col = 0; col < COLS; col++) {
            char conv[8], id[32];
            const char *label = key_label(kb, row, col, conv);
            if (!label[0])
                continue;
            snprintf(id, sizeof id, "kb-%d-%d", row, col);
            Rect k = {r.x + col * (kw + KEY_GAP), r.y + row * (KEY_H + KEY_GAP), kw, KEY_H};
            if (ui_button(ui, id, k, label, BTN_SECONDARY, true))
                press_key(label, buf, size);
        }
}

/* The control row: modes, shift, space, delete, done. True for done. */
static bool controls(Ui *ui, const App *app, Rect r, Keyboard *kb, char *buf, size_t size,
                     const char *done_label)
{
    static const char *const ids[] = {"kb-latin", "kb-hiragana", "kb-katakana", "kb-shift",
                                      "kb-space", "kb-delete",   "kb-done"};
    const char *labels[] = {"ABC",
                            "かな",
                            "カナ",
                            kb->shift ? "abc" : "Aa",
                            app_str(app, "空白", "Space"),
                            app_str(app, "1字消す", "Delete"),
                            done_label};
    static const int weight[] = {2, 2, 2, 2, 3, 3, 3};
    int x = r.x, unit = (r.w - 6 * KEY_GAP) / 17;
    bool done = false;
    for (int i = 0; i < 7; i++) {
        int w = i == 6 ? r.x + r.w - x : unit * weight[i];
        bool on = (i < 3 && kb->mode == (KeyboardMode)i) || (i == 3 && kb->shift);
        bool enabled = i != 3 || kb->mode == KB_LATIN;
        Rect k = {x, r.y, w, KEY_H};
        x += w + KEY_GAP;
        if (!ui_button(ui, ids[i], k, labels[i], on || i == 6 ? BTN_PRIMARY : BTN_SECONDARY, enabled))
            continue;
        if (i < 3)
            kb->mode = (KeyboardMode)i;
        else if (i == 3)
            kb->shift = !kb->shift;
        else if (i == 4)
            field_append(buf, size, " ");
        else if (i == 5)
            field_backspace(buf);
        else
            done = true;
    }
    return done;
}

bool field_keyboard(Ui *ui, const App *app, Rect r, Keyboard *kb, char *buf, size_t size, const char *done)
{
    ui_fill(ui, (Rect){r.x - 8, r.y - 8, r.w + 16, r.h + 16}, THEME_TRACK);
    key_grid(ui, r, kb, buf, size);
    Rect row = {r.x, r.y + ROWS * (KEY_H + KEY_GAP), r.w, KEY_H};
    return controls(ui, app, row, kb, buf, size, done);
}

/* ---- long lists ---- */

void field_pager(Ui *ui, const char *id, Rect r, int *first, int total, int visible)
{
    int step = visible > 1 ? visible - 1 : 1, max = total > visible ? total - visible : 0;
    char up_id[48], down_id[48];
    snprintf(up_id, sizeof up_id, "%s-up", id);
    snprintf(down_id, sizeof down_id, "%s-down", id);
    *first -= ui->in.wheel;
    if (ui->in.key == UI_KEY_PAGEDOWN)
        *first += step;
    if (ui->in.key == UI_KEY_PAGEUP)
        *first -= step;
    Rect up = {r.x, r.y, r.w, (r.h - THEME_GAP) / 2};
    Rect down = {r.x, up.y + up.h + THEME_GAP, r.w, up.h};
    if (ui_button(ui, up_id, up, "▲", BTN_SECONDARY, *first > 0))
        *first -= step;
    if (ui_button(ui, down_id, down, "▼", BTN_SECONDARY, *first < max))
        *first += step;
    *first = *first < 0 ? 0 : *first > max ? max : *first;
}

bool field_folder(Ui *ui, const App *app, Rect r, Keyboard *kb, char *folder, size_t size,
                  const char *done_label)
{
    field_draw(ui, "field-folder", (Rect){r.x, r.y, r.w, FIELD_H},
               app_str(app, "フォルダ（例：/media/usb0）", "Folder (e.g. /media/usb0)"), folder, true);
    field_type(ui, folder, size);
    Rect keys = {r.x, r.y + FIELD_H + THEME_GAP + 8, r.w, field_keyboard_height(r.w)};
    return field_keyboard(ui, app, keys, kb, folder, size, done_label);
}
