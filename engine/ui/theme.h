/* theme.h — the one look: colours, type scale, spacing. Every screen takes its values here.
 * Colours keep a contrast of at least 4.5:1 for text on its background (WCAG AA); pass, fail and
 * progress never rely on colour alone (a mark or a word goes with them). Sizes are for a
 * 1280×800 window; theme_scale() grows them for larger windows and the large-text choice. */
#ifndef MAMORI_THEME_H
#define MAMORI_THEME_H

#include "geometry.h"

static const Color THEME_BG = {0xF6, 0xF4, 0xEF, 0xFF}; /* warm paper */
static const Color THEME_SURFACE = {0xFF, 0xFF, 0xFF, 0xFF};
static const Color THEME_TEXT = {0x1F, 0x26, 0x30, 0xFF};    /* 14:1 on BG */
static const Color THEME_MUTED = {0x4A, 0x55, 0x63, 0xFF};   /* 7:1 on BG */
static const Color THEME_PRIMARY = {0x1D, 0x5C, 0x7A, 0xFF}; /* teal blue; white text 7:1 */
static const Color THEME_PRIMARY_SOFT = {0xDC, 0xEB, 0xF1, 0xFF};
static const Color THEME_ON_PRIMARY = {0xFF, 0xFF, 0xFF, 0xFF};
static const Color THEME_BORDER = {0xB8, 0xBF, 0xC7, 0xFF};
static const Color THEME_FOCUS = {0xE0, 0x8A, 0x00, 0xFF}; /* amber ring */
static const Color THEME_PASS = {0x1E, 0x6B, 0x3A, 0xFF};  /* green, with ✓ */
static const Color THEME_PASS_SOFT = {0xDF, 0xF0, 0xE4, 0xFF};
static const Color THEME_FAIL = {0xA3, 0x2A, 0x1C, 0xFF}; /* red, with ✕ */
static const Color THEME_FAIL_SOFT = {0xF8, 0xE1, 0xDD, 0xFF};
static const Color THEME_TRACK = {0xE1, 0xE4, 0xE8, 0xFF};
static const Color THEME_DISABLED = {0x9A, 0xA3, 0xAD, 0xFF};

enum {
    THEME_PX_SMALL = 20, /* captions only */
    THEME_PX_BODY = 26,  /* body text: at least 24 */
    THEME_PX_BUTTON = 26,
    THEME_PX_TITLE = 38,
    THEME_PX_HERO = 56,
    THEME_PAD = 24,      /* outer margin */
    THEME_GAP = 14,      /* between items */
    THEME_BUTTON_H = 72, /* touch targets: at least 48 */
    THEME_FOCUS_W = 4,
};

#endif
