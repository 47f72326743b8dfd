/* flow.h — the layout vocabulary of the screens: a cursor that lays rows down a column, and cuts
 * that split a rectangle, so a screen says what it shows and in which order, not where each pixel
 * goes (in the spirit of microui's rows and "rect cut" layouts). Pure arithmetic on Rect.
 *
 * What must stay true: a row never starts above the previous one; cuts never give a negative
 * width or height (they give what is left, possibly 0). */
#ifndef MAMORI_FLOW_H
#define MAMORI_FLOW_H

#include "geometry.h"

typedef struct {
    Rect area; /* the column the rows are laid in */
    int y;     /* where the next row starts */
} Flow;

/* Rows inside r, from r.y down. */
Flow flow_in(Rect r);
/* Rows across r, starting at y (below a header, say). */
Flow flow_at(Rect r, int y);
/* The next row: the column's full width, h tall (0: as tall as its content will say, see
 * flow_used). The cursor moves down by h + gap. */
Rect flow_row(Flow *f, int h, int gap);
/* Moves the cursor down by dy (the height a paragraph drawn at flow_next turned out to need). */
void flow_skip(Flow *f, int dy);
/* A zero-height row at the cursor, for a widget that returns the height it used. */
Rect flow_next(const Flow *f);
/* The height left between the cursor and the bottom of the column. */
int flow_left(const Flow *f);

/* Cuts: take w (or h) pixels from one side of *r and return them; *r keeps the rest, less gap. */
Rect cut_left(Rect *r, int w, int gap);
Rect cut_right(Rect *r, int w, int gap);
Rect cut_top(Rect *r, int h, int gap);
Rect cut_bottom(Rect *r, int h, int gap);

/* The i-th of n equal columns of r, gap between them (the rounding is left over on the right). */
Rect rect_column(Rect r, int i, int n, int gap);
/* Cell i (row-major) of a grid of cols columns of w × h cells, gap apart, from r's top left. */
Rect grid_cell(Rect r, int i, int cols, int w, int h, int gap);
/* Cell i (row-major) of a grid of cols equal columns across r (gapx between them), rows h tall and gapy
 * apart from r's top. */
Rect rect_grid(Rect r, int i, int cols, int h, int gapx, int gapy);
/* A box w wide centred horizontally in r (same y and height). */
Rect rect_centre(Rect r, int w);
/* r shrunk by d on every side; by dx left and right, dy top and bottom; by l on the left and rt on the
 * right. */
Rect rect_inset(Rect r, int d);
Rect rect_shrink(Rect r, int dx, int dy);
Rect rect_sides(Rect r, int l, int rt);
/* r moved down by dy. */
Rect rect_down(Rect r, int dy);
/* A box h tall centred vertically in r (same x and width). */
Rect rect_middle(Rect r, int h);
/* r with its height set to h (same top); with its width set to w (same left). */
Rect rect_height(Rect r, int h);
Rect rect_width(Rect r, int w);

#endif
