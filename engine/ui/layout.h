/* layout.h — Japanese-first line breaking, pure C: no SDL, no fonts, no allocation.
 *
 * Text is UTF-8. Widths come only from a measure callback, which sees whole candidate runs
 * (so kerning and rounding are those of the real renderer). The rules, which must stay true:
 *   - '\n' ends a line; an empty line stays an empty line (a blank line between paragraphs).
 *     A '\n' terminates the line before it: "a\n" is one line, "" is none, "\n" is one empty line.
 *   - Between two characters of which at least one is CJK a line may break, except where
 *     kinsoku forbids it: no line starts with closing brackets, 、。，．,.!?！？ー・：；, iteration
 *     marks or small kana; no line ends with an opening bracket.
 *   - A Latin word (a run of non-space, non-CJK characters) breaks only at spaces. Spaces at a
 *     break belong to neither line; spaces at the end of a paragraph are dropped too.
 *   - A katakana word (a run of katakana, ー and small katakana, full or half width) breaks only
 *     at its edges, like a Latin word; ・ separates words, so a line may end after it.
 *   - When no allowed break fits (a word or a forbidden run longer than the line), the run is
 *     split: inside a katakana word where kinsoku allows, if such a split fits, else between
 *     characters, so that nothing overflows; every line holds at least one character, so a
 *     width narrower than one character still ends (one character per line).
 *   - No orphan: when a paragraph has more than one line and its last line would hold one or two
 *     characters (spaces not counted), the line before ends at an earlier point of the same kind
 *     (a break opportunity; a split if it was split) so that the last line holds at least three
 *     (in Latin text, whole words move down: "… three|it" becomes "…|three it"). It is done only
 *     when the longer last line still fits: no line is made wider than max_width. Only the last
 *     two lines of a paragraph change; the line before may become the shorter one.
 */
#ifndef MAMORI_LAYOUT_H
#define MAMORI_LAYOUT_H

/* Width in pixels of the UTF-8 bytes s[0..n) as drawn in one run. n > 0. */
typedef int (*MeasureFn)(void *ctx, const char *s, int n);

typedef struct {
    int start, len; /* byte offsets into the text; the line is text[start .. start+len) */
    int width;      /* measure() of that run, 0 for an empty line */
} LayoutLine;

/* Breaks the NUL-terminated text into lines no wider than max_width (see the rules above).
 * Returns the number of lines, which may exceed maxlines: only the first maxlines are stored
 * in lines (which may be NULL when maxlines is 0). Invalid UTF-8 bytes count as one
 * character each. */
int layout_lines(const char *text, int max_width, MeasureFn measure, void *ctx, LayoutLine *lines,
                 int maxlines);

#endif
