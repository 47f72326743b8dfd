/* theme.h — the one look: colours, type scale, spacing. Every screen takes its values here.
 * What must stay true (WCAG 2.2 AA, checked by tests/test_theme.c over THEME_PAIRS below): text
 * keeps at least 4.5:1 against what it is drawn on (1.4.3), and the parts that show a control or
 * a state — borders, the focus ring, progress bars and their tracks — at least 3:1 (1.4.11). A
 * new colour, or an old one drawn on a new background, gets a row in THEME_PAIRS. Pass, fail and
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
static const Color THEME_BORDER = {0x75, 0x7E, 0x89, 0xFF};     /* 3.7:1 on BG: a control's edge */
static const Color THEME_FOCUS = {0xB8, 0x6E, 0x00, 0xFF};      /* amber ring, 3.6:1 on BG */
static const Color THEME_FOCUS_EDGE = {0xFF, 0xFF, 0xFF, 0xFF}; /* the ring's light edges: 7.3:1 on PRIMARY */
static const Color THEME_PASS = {0x1E, 0x6B, 0x3A, 0xFF};       /* green, with ✓ */
static const Color THEME_PASS_SOFT = {0xDF, 0xF0, 0xE4, 0xFF};
static const Color THEME_FAIL = {0xA3, 0x2A, 0x1C, 0xFF}; /* red, with ✕ */
static const Color THEME_FAIL_SOFT = {0xF8, 0xE1, 0xDD, 0xFF};
static const Color THEME_TRACK = {0xE1, 0xE4, 0xE8, 0xFF};    /* drawn inside a BORDER edge */
static const Color THEME_DISABLED = {0x5A, 0x63, 0x6E, 0xFF}; /* on TRACK 4.8:1 */

/* What is drawn on what, and the least contrast it needs. */
typedef struct {
    const char *what;
    Color fg, bg;
    double min; /* 4.5 text, 3 non-text */
} ThemePair;

#define THEME_TEXT_AA 4.5
#define THEME_PART_AA 3.0
static const ThemePair THEME_PAIRS[] = {
    {"text on the page", THEME_TEXT, THEME_BG, THEME_TEXT_AA},
    {"text on a card", THEME_TEXT, THEME_SURFACE, THEME_TEXT_AA},
    {"muted text on the page", THEME_MUTED, THEME_BG, THEME_TEXT_AA},
    {"muted text on a card", THEME_MUTED, THEME_SURFACE, THEME_TEXT_AA},
    {"muted text on a disabled fill", THEME_MUTED, THEME_TRACK, THEME_TEXT_AA},
    {"text on a selected choice or notice", THEME_TEXT, THEME_PRIMARY_SOFT, THEME_TEXT_AA},
    {"text on a pass band", THEME_TEXT, THEME_PASS_SOFT, THEME_TEXT_AA},
    {"text on a fail band", THEME_TEXT, THEME_FAIL_SOFT, THEME_TEXT_AA},
    {"text on an inactive row", THEME_TEXT, THEME_TRACK, THEME_TEXT_AA},
    {"primary button label", THEME_ON_PRIMARY, THEME_PRIMARY, THEME_TEXT_AA},
    {"primary button label, held", THEME_ON_PRIMARY, THEME_TEXT, THEME_TEXT_AA},
    {"danger button label", THEME_ON_PRIMARY, THEME_FAIL, THEME_TEXT_AA},
    {"quiet button label", THEME_PRIMARY, THEME_BG, THEME_TEXT_AA},
    {"link-coloured text on a card", THEME_PRIMARY, THEME_SURFACE, THEME_TEXT_AA},
    {"secondary button label, held", THEME_TEXT, THEME_PRIMARY_SOFT, THEME_TEXT_AA},
    {"disabled button label", THEME_DISABLED, THEME_TRACK, THEME_TEXT_AA},
    {"pass word on the page", THEME_PASS, THEME_BG, THEME_TEXT_AA},
    {"pass word on a pass band", THEME_PASS, THEME_PASS_SOFT, THEME_TEXT_AA},
    {"fail word on the page", THEME_FAIL, THEME_BG, THEME_TEXT_AA},
    {"fail word on a fail band", THEME_FAIL, THEME_FAIL_SOFT, THEME_TEXT_AA},
    {"secondary button border on the page", THEME_BORDER, THEME_BG, THEME_PART_AA},
    {"field and card border on a card", THEME_BORDER, THEME_SURFACE, THEME_PART_AA},
    {"choice border on the page", THEME_BORDER, THEME_BG, THEME_PART_AA},
    {"selected choice border on its fill", THEME_PRIMARY, THEME_PRIMARY_SOFT, THEME_PART_AA},
    {"check box edge on a card", THEME_PRIMARY, THEME_SURFACE, THEME_PART_AA},
    {"progress track edge on the page", THEME_BORDER, THEME_BG, THEME_PART_AA},
    {"progress track edge on a card", THEME_BORDER, THEME_SURFACE, THEME_PART_AA},
    {"progress fill on its track", THEME_PRIMARY, THEME_TRACK, THEME_PART_AA},
    {"pass progress fill on its track", THEME_PASS, THEME_TRACK, THEME_PART_AA},
    {"fail progress fill on its track", THEME_FAIL, THEME_TRACK, THEME_PART_AA},
    {"primary button fill on the page", THEME_PRIMARY, THEME_BG, THEME_PART_AA},
    {"tile edge, passed, on its fill", THEME_PASS, THEME_PASS_SOFT, THEME_PART_AA},
    {"tile edge, due again, on a card", THEME_FOCUS, THEME_SURFACE, THEME_PART_AA},
};
enum { THEME_NPAIRS = sizeof THEME_PAIRS / sizeof THEME_PAIRS[0] };

/* Every fill a focus ring can be drawn on or around. The ring has two tones (ui_focus_ring: an
 * amber band between two light lines, as WCAG's technique C40): on each fill one of them keeps
 * 3:1 — the amber on light fills, the light lines on the header bar and around a primary button,
 * where amber alone is 1.8:1 — and the amber keeps 3:1 against its own edges. */
typedef struct {
    const char *what;
    Color bg;
} ThemeRingOn;

static const ThemeRingOn THEME_RING_ON[] = {
    {"the page", THEME_BG},
    {"a card", THEME_SURFACE},
    {"the header bar", THEME_PRIMARY},
    {"a primary button", THEME_PRIMARY},
};
enum { THEME_NRING_ON = sizeof THEME_RING_ON / sizeof THEME_RING_ON[0] };

enum {
    THEME_PX_SMALL = 20, /* captions only */
    THEME_PX_BODY = 26,  /* body text: at least 24 */
    THEME_PX_BUTTON = 26,
    THEME_PX_TITLE = 38,
    THEME_PX_HERO = 56,
    THEME_MEASURE_JA = 40, /* reading text: at most this many full-width characters a line */
    THEME_MEASURE_EN = 65, /* ... or as wide as this many characters of English */
    THEME_PAD = 24,        /* outer margin */
    THEME_GAP = 14,        /* between items */
    THEME_BUTTON_H = 72,   /* touch targets: at least 48 */
    THEME_FOCUS_W = 4,
};

#endif
