/* field.h — typing at the kiosk for the manager's screens: text fields, an on-screen keyboard
 * (Latin letters and digits, hiragana, katakana, with ゛ ゜ and small-kana keys), text cut to
 * fit a table cell, and the page buttons of long lists. Pure core over ui.h (no SDL): the physical keyboard's
 * text and the input method's (Japanese IME) arrive as UiInput.text, on-screen keys as taps.
 *
 * What must stay true: an edited buffer always holds whole UTF-8 characters and its NUL within
 * its size; nothing is drawn outside the rect given. */
#ifndef MAMORI_FIELD_H
#define MAMORI_FIELD_H

#include "app.h"
#include "ui.h"

#include <stdbool.h>
#include <stddef.h>

/* ---- editing a UTF-8 buffer of `size` bytes ---- */

/* Appends the whole characters of s that fit (control characters dropped). */
void field_append(char *buf, size_t size, const char *s);
/* Removes the last character. */
void field_backspace(char *buf);
typedef enum { MARK_VOICED, MARK_SEMIVOICED, MARK_SMALL } KanaMark;
/* Turns the last kana into its voiced (か→が), semi-voiced (は→ぱ) or small (つ→っ) form, or
 * back when it already is one; other text is left as it is. */
void field_mark(char *buf, size_t size, KanaMark mark);
/* Applies this frame's typed text and Backspace to buf; true when it changed. */
bool field_type(const Ui *ui, char *buf, size_t size);

/* ---- drawing ---- */

/* A field: a caption above r's box (the caption takes FIELD_CAPTION_H of r's top), the text in
 * the box with a caret when active. True when tapped. */
enum { FIELD_CAPTION_H = 34, FIELD_H = 34 + 60 };
bool field_draw(Ui *ui, const char *id, Rect r, const char *caption, const char *text, bool active);

/* ▲ and ▼ buttons in r (one above the other; ids ID-up, ID-down) that page a list of `total`
 * rows of which `visible` show from *first; the wheel and PageUp / PageDown page it too.
 * Keeps *first in range. */
void field_pager(Ui *ui, const char *id, Rect r, int *first, int total, int visible);

/* s cut to at most w pixels at px, ending in "…" when cut (frame arena). */
const char *field_fit(Ui *ui, int px, bool bold, const char *s, int w);

typedef enum { KB_LATIN, KB_HIRAGANA, KB_KATAKANA } KeyboardMode;
typedef struct {
    KeyboardMode mode;
    bool shift; /* Latin capitals */
} Keyboard;

/* The rows the keyboard takes (6: five of keys and one of controls) at this width. */
int field_keyboard_height(int w);
/* Draws the keyboard in r and applies its keys to buf. True when its last key (labelled done,
 * e.g. "次へ" or "完了") was pressed. */
bool field_keyboard(Ui *ui, const App *app, Rect r, Keyboard *kb, char *buf, size_t size, const char *done);

/* A typed folder path: its field with the on-screen keyboard below it. True when the person
 * pressed the keyboard's done key (labelled done_label). */
bool field_folder(Ui *ui, const App *app, Rect r, Keyboard *kb, char *folder, size_t size,
                  const char *done_label);

#endif
