/* ui.h — immediate-mode widgets that emit a command list (pure core, no SDL).
 *
 * Each frame a screen calls widgets in display order; a widget draws by appending commands
 * and returns true when it was activated this frame (a press released inside it, or Enter /
 * Space while it has the focus). The SDL shell feeds input in with ui_begin's UiInput and
 * draws the command list after the frame. Everything a person can read or press is also
 * listed as texts and items, which is the --trace view and what tests drive.
 *
 * Invariants: a command's text points into the frame arena or outlives the frame; the focus is
 * an item id kept across frames; items keep their display order. */
#ifndef MAMORI_UI_H
#define MAMORI_UI_H

#include "arena.h"
#include "geometry.h"
#include "layout.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef enum { CMD_FILL, CMD_FRAME, CMD_TEXT, CMD_IMAGE, CMD_LINES } CmdKind;

typedef struct {
    CmdKind kind;
    Rect r;
    Color color;
    int px; /* CMD_TEXT: font size; CMD_FRAME: border width */
    bool bold;
    const char *text; /* CMD_TEXT: bytes [0,n); CMD_IMAGE: file name. Frame arena or static */
    int n;
    const int16_t *pts; /* CMD_LINES: x,y pairs, npts points, a polyline (frame arena) */
    int npts;
    Rect clip; /* drawn only inside this rect (w 0: anywhere): the view of a scrolled area */
} Cmd;

typedef enum {
    UI_KEY_NONE,
    UI_KEY_TAB,
    UI_KEY_BACKTAB,
    UI_KEY_ENTER,
    UI_KEY_ESC,
    UI_KEY_LEFT,
    UI_KEY_RIGHT,
    UI_KEY_UP,
    UI_KEY_DOWN,
    UI_KEY_PAGEUP,
    UI_KEY_PAGEDOWN,
    UI_KEY_BACKSPACE,
    UI_KEY_DIGIT
} UiKey;

enum { UI_MAX_MOVES = 128 };

/* One pointer position while it was down, with its SDL timestamp (ms). */
typedef struct {
    int16_t x, y;
    uint32_t t;
} UiMove;

/* What happened since the last frame, in window pixels. */
typedef struct {
    int x, y;                   /* pointer position */
    UiMove moves[UI_MAX_MOVES]; /* every position the pointer passed while down, in order */
    int nmoves;
    bool pressed;  /* pointer went down this frame (mouse button or finger) */
    bool released; /* pointer went up this frame */
    bool down;     /* pointer is down */
    int wheel;     /* scroll steps, positive = content moves up */
    int swipe;     /* a finger swipe ended: +1 to the left (next), -1 to the right (back) */
    UiKey key;
    int digit;        /* UI_KEY_DIGIT: 0–9 */
    char text[32];    /* typed text (UTF-8) */
    char editing[64]; /* what an input method is composing, not typed yet ("" = none) */
} UiInput;

/* Width in pixels of s[0,n) drawn at px, bold or not. */
typedef int (*UiWidthFn)(void *ctx, int px, bool bold, const char *s, int n);

typedef struct {
    char id[48];
    const char *label; /* frame arena */
    const char *style; /* static: how it looks, for the trace ("primary", "secondary", "quiet", "danger",
                          "radio", "check", "area") */
    Rect r;            /* the part a person can see and press (inside the clip) */
    bool focused, selected, enabled;
} UiItem;

typedef struct {
    Arena frame; /* reset each frame: texts, labels, points */
    Cmd *cmds;   /* heap, grows */
    int ncmds, capcmds;
    UiItem *items; /* heap */
    int nitems, capitems;
    const char **texts; /* heap array of frame-arena strings */
    int ntexts, captexts;
    UiInput in;
    int w, h;            /* window size */
    int text_pct;        /* the person's text size in percent: 0 or 100 standard, 125 larger (set by
                            the shell each frame): buttons and choices scale their labels by it, and
                            screens scale their texts with ui_px */
    char focus[48];      /* id of the focused item, kept across frames ("" = none) */
    char pressed_id[48]; /* the item the pointer went down on */
    int focus_move;      /* pending Tab (+1) / Shift+Tab (-1) applied at ui_end */
    UiWidthFn width;     /* text widths from the shell's font */
    void *width_ctx;
    uint64_t last_trace; /* hash of the last traced view */
    bool activated_key;  /* Enter/Space consumed this frame */
    Rect caret;          /* where typed text goes this frame (w 0: no text field is active):
                            an input method puts its candidate window beside it */
    Rect clip;           /* ui_clip: what is drawn now is seen only inside it (w 0: no clip) */
} Ui;

void ui_init(Ui *ui, UiWidthFn width, void *width_ctx);
void ui_free(Ui *ui);
void ui_begin(Ui *ui, int w, int h, const UiInput *in);
void ui_end(Ui *ui);

int ui_text_width(Ui *ui, int px, bool bold, const char *s, int n);
/* px in the person's text size (text_pct): what a screen passes for any text that should grow. */
int ui_px(const Ui *ui, int px);

/* ---- drawing ---- */
/* From now on draw only inside r (a scrolled view; (Rect){0} ends it; ui_begin ends it too). A text
 * line wholly outside r is left out, and a paragraph with no line inside is not listed as
 * readable; a button or choice wholly outside is neither drawn nor listed, and one partly inside
 * can be pressed only on its visible part. */
void ui_clip(Ui *ui, Rect r);
void ui_fill(Ui *ui, Rect r, Color c);
void ui_frame(Ui *ui, Rect r, Color c, int width);
void ui_image(Ui *ui, Rect r, const char *file);
void ui_polyline(Ui *ui, const int16_t *pts, int npts, Color c);
/* One line of text at x,y (top), not wrapped; listed as readable text. Returns its width. */
int ui_label(Ui *ui, int x, int y, int px, bool bold, Color c, const char *s);
/* Wrapped text (kinsoku) inside r from the top; returns the height used. Listed as readable. */
int ui_paragraph(Ui *ui, Rect r, int px, bool bold, Color c, const char *s);
/* The height ui_paragraph would use. */
int ui_paragraph_height(Ui *ui, int w, int px, bool bold, const char *s);

/* ---- widgets: true when activated this frame ---- */
typedef enum { BTN_PRIMARY, BTN_SECONDARY, BTN_CHOICE, BTN_QUIET, BTN_DANGER } ButtonStyle;
bool ui_button(Ui *ui, const char *id, Rect r, const char *label, ButtonStyle style, bool enabled);
/* A selectable choice: shows a check mark when selected. */
bool ui_choice(Ui *ui, const char *id, Rect r, const char *label, bool selected, bool enabled);
/* The same with the mark chosen: MARK_RADIO (round: one of several, filled when picked) or
 * MARK_CHECK (a box with ✓: any number). */
typedef enum { MARK_CHECK, MARK_RADIO } ChoiceMark;
bool ui_choice_mark(Ui *ui, const char *id, Rect r, const char *label, bool selected, bool enabled,
                    ChoiceMark mark);
void ui_progress(Ui *ui, Rect r, double fraction, Color fg);

/* Registers a pressable area without drawing (e.g. a signature pad). */
bool ui_area(Ui *ui, const char *id, Rect r, const char *label);
/* The keyboard focus ring around r (theme.h): a light line, an amber band THEME_FOCUS_W wide and a
 * light line, 2 + THEME_FOCUS_W + 2 pixels outside r, seen on light and dark fills alike. */
void ui_focus_ring(Ui *ui, Rect r);
/* True when the item added last (a button, choice or area just drawn) has the keyboard focus: for a
 * widget that draws its own focus ring. */
bool ui_last_focused(const Ui *ui);

/* Checks the frame's layout as a person would see it: every item and text line inside the window, no
 * two text lines overlapping, and no text line crossing an item it is not inside (body text
 * running under a button). Returns true when all is well; else msg names the first fault. */
bool ui_check_layout(const Ui *ui, char *msg, size_t size);

/* Writes one JSON line when the view differs from the last traced one. */
void ui_trace(Ui *ui, FILE *f, const char *screen);
/* The item with this id in the last frame, or NULL (for scripts). */
const UiItem *ui_find_item(const Ui *ui, const char *id);

#endif
