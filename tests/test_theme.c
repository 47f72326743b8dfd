/* test_theme.c — the theme's colours against WCAG 2.2 AA: every pair theme.h lists (what is drawn
 * on what) keeps its least contrast ratio, 4.5:1 for text (1.4.3) and 3:1 for the parts that
 * show a control or a state (1.4.11). The ratio is computed here from the sRGB values, as WCAG
 * defines it, so the check does not trust the comments in theme.h. */
#include "test.h"
#include "theme.h"

#include <math.h>

static double channel(int v)
{
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(Color c)
{
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

static double ratio(Color a, Color b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* The formula itself, on values WCAG's own examples give. */
static void test_ratio_formula(void)
{
    Color black = {0, 0, 0, 255}, white = {255, 255, 255, 255}, grey = {0x76, 0x76, 0x76, 255};
    CHECK(fabs(ratio(black, white) - 21.0) < 0.01);
    CHECK(fabs(ratio(white, white) - 1.0) < 0.001);
    CHECK(fabs(ratio(grey, white) - 4.54) < 0.01); /* #767676: the lightest grey that passes text on white */
    CHECK(ratio(white, grey) == ratio(grey, white));
}

/* The values the issue measured before the fix fail here: the check can fail. */
static void test_old_values_fail(void)
{
    Color bg = {0xF6, 0xF4, 0xEF, 255}, track = {0xE1, 0xE4, 0xE8, 255};
    CHECK(ratio((Color){0xB8, 0xBF, 0xC7, 255}, bg) < THEME_PART_AA); /* old border 1.69:1 */
    CHECK(ratio((Color){0xE0, 0x8A, 0x00, 255}, bg) < THEME_PART_AA); /* old focus ring 2.45:1 */
    CHECK(ratio(THEME_FOCUS, THEME_PRIMARY) < THEME_PART_AA);         /* amber alone on the header 1.84:1 */
    CHECK(ratio(track, bg) < THEME_PART_AA);                          /* a bare track 1.16:1 */
    CHECK(ratio((Color){0x9A, 0xA3, 0xAD, 255}, track) < THEME_TEXT_AA); /* old disabled label 2.0:1 */
}

static void test_every_pair_meets_aa(void)
{
    for (int i = 0; i < THEME_NPAIRS; i++) {
        const ThemePair *p = &THEME_PAIRS[i];
        double r = ratio(p->fg, p->bg);
        printf("     %-42s %5.2f:1 (at least %.1f)\n", p->what, r, p->min);
        if (r < p->min) {
            fprintf(stderr, "theme: %s is %.2f:1, below %.1f:1\n", p->what, r, p->min);
            CHECK(r >= p->min);
        }
        CHECK(p->min == THEME_TEXT_AA || p->min == THEME_PART_AA);
    }
    CHECK(THEME_NPAIRS >= 30);
}

/* The two-tone focus ring is seen on every fill it can be drawn on or around: one of its tones
 * keeps 3:1 against the fill, and its amber band 3:1 against its light edges. */
static void test_focus_ring_on_every_fill(void)
{
    CHECK(ratio(THEME_FOCUS, THEME_FOCUS_EDGE) >= THEME_PART_AA);
    for (int i = 0; i < THEME_NRING_ON; i++) {
        const ThemeRingOn *o = &THEME_RING_ON[i];
        double amber = ratio(THEME_FOCUS, o->bg), edge = ratio(THEME_FOCUS_EDGE, o->bg);
        double r = amber > edge ? amber : edge;
        printf("     focus ring on %-27s %5.2f:1 (at least %.1f)\n", o->what, r, THEME_PART_AA);
        if (r < THEME_PART_AA)
            fprintf(stderr, "theme: the focus ring on %s is %.2f:1, below 3:1\n", o->what, r);
        CHECK(r >= THEME_PART_AA);
    }
}

int main(void)
{
    RUN(test_ratio_formula);
    RUN(test_old_values_fail);
    RUN(test_every_pair_meets_aa);
    RUN(test_focus_ring_on_every_fill);
    return TEST_END();
}
