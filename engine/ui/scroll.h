/* scroll.h — a view that scrolls when what it shows is taller than it (pure core, no SDL).
 *
 * A screen measures its content, asks ui_scroll for the offset (it takes this frame's wheel, a
 * drag that began in the view, Up/Down and PageUp/PageDown), draws the content moved up by the
 * offset inside ui_clip(view), and when it does not fit draws ui_scroll_bar and says there is more.
 *
 * What must stay true: the offset stays within 0..max; a drag far enough to scroll never also
 * presses what it began on; the keys are taken from the frame only when there is something to
 * scroll (else Up/Down keep moving the focus). */
#ifndef MAMORI_SCROLL_H
#define MAMORI_SCROLL_H

#include "ui.h"

typedef struct {
    int offset;         /* how far the content is moved up: 0 .. max */
    int max;            /* the content's height less the view's (0: it fits), as of the last ui_scroll */
    int y0, offset0;    /* where the pointer went down in the view, and the offset then */
    bool tracking;      /* the pointer went down in the view and is not up yet */
    bool dragged;       /* ... and moved far enough to be a scroll, not a tap */
    int view_y, view_h; /* the view of the last ui_scroll */
} UiScroll;

enum { SCROLL_BAR_W = 12, SCROLL_DRAG_MIN = 12 };

/* Takes this frame's scrolling input for content content_h tall shown in view; returns the offset
 * to draw it at (view.y - offset is the content's top). */
int ui_scroll(Ui *ui, UiScroll *s, Rect view, int content_h);
/* Moves the offset so that what was drawn this frame at y, h tall, is in view from the next frame. */
void ui_scroll_show(UiScroll *s, int y, int h);
/* The bar at r (a thin column at the view's right): the track, and the thumb for the part shown. */
void ui_scroll_bar(Ui *ui, const UiScroll *s, Rect r);

#endif
