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
 *   - When no allowed break fits (a word or a forbidden run longer than the line), the run is
 *     split between characters so that nothing overflows; every line holds at least one
 *     character, so a width narrower than one character still ends (one character per line).
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
