/* geometry.h — the two plain values every drawing layer shares: a rectangle in pixels and an RGBA
 * colour. Its own header so that the theme (colours) and the UI (widgets) need not include each
 * other. */
#ifndef MAMORI_GEOMETRY_H
#define MAMORI_GEOMETRY_H

#include <stdint.h>

typedef struct {
    int x, y, w, h;
} Rect;
typedef struct {
    uint8_t r, g, b, a;
} Color;

#endif
