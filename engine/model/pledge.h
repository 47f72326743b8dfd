/* pledge.h — the five-article pledge as a person signs it (pure core: no SDL, no SQL).
 *
 * - The exact text: pledge_compose builds, from content/pledge.yaml, the one canonical string a
 *   person is shown and signs (title, opening, the five articles numbered, closing); its
 *   SHA-256 is what the record keeps beside it. pledge_parse splits such a string back into
 *   its parts for display.
 * - The signature: strokes of points (x, y in the pad's pixels, t in ms since the first
 *   point), with a compact text encoding for the record (pledge_encode / pledge_decode), a test
 *   that it is a signature and not a dot (pledge_signature_check), and its drawing as smoothed
 *   curves: an SVG path per stroke, or a polyline sampled from the same curves for the kiosk.
 * - The record code: the short code a person and a manager read ("1A2B-3C4D"), the first 8 hex
 *   digits of the signing event's hash.
 *
 * What must stay true: pledge_compose is deterministic (same content, role and language → the
 * same bytes, so the same hash); pledge_decode(pledge_encode(s)) == s for every signature
 * pledge_add_point can build, and pledge_decode accepts nothing else (a record that decodes is
 * well-formed: every point inside the pad, times never going back). */
#ifndef MAMORI_PLEDGE_H
#define MAMORI_PLEDGE_H

#include "arena.h"
#include "content.h"
#include "err.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* Which pledge: an employee's own, or the company's, signed by the president. */
typedef enum { PLEDGE_EMPLOYEE, PLEDGE_PRESIDENT } PledgeKind;

/* "employee", "president"; parse: exact names, false otherwise. */
const char *pledge_kind_name(PledgeKind k);
bool pledge_kind_parse(const char *s, PledgeKind *k);

/* ---- the text ---- */

/* The canonical text, in a (owned by a):
 *     TITLE \n \n OPENING \n \n 1. ARTICLE \n 2. ARTICLE \n ... 5. ARTICLE \n \n CLOSING \n */
char *pledge_compose(const Pledge *p, PledgeKind kind, Lang lang, Arena *a);

/* Hex SHA-256 of text's bytes (without the NUL). */
void pledge_sha256(const char *text, char out[65]);

typedef struct {
    const char *title, *opening, *closing; /* in the arena given to pledge_parse */
    const char *articles[ARTICLES];        /* without their "N. " */
} PledgeParts;

/* Splits a canonical text back into its parts. False when text is not in the canonical form. */
bool pledge_parse(const char *text, PledgeParts *out, Arena *a);

/* ---- the signature ---- */

enum {
    PLEDGE_MAX_POINTS = 4000, /* ~30 s of drawing at a mouse's 120 Hz */
    PLEDGE_MAX_STROKES = 100,
    PLEDGE_MAX_PAD = 8192, /* largest pad side accepted, pixels */
};

typedef struct {
    int16_t x, y; /* pad pixels, 0 <= x < w, 0 <= y < h */
    uint32_t t;   /* ms since the signature's first point; never decreases */
} PledgePoint;

/* A signature on a pad of w × h pixels. Stroke i is pts[start[i]] up to the next stroke's
 * start (or npts). About 33 KB: keep it in an arena or on the heap, not in a deep stack. */
typedef struct {
    int w, h;
    PledgePoint pts[PLEDGE_MAX_POINTS];
    int npts;
    int start[PLEDGE_MAX_STROKES];
    int nstrokes; /* every stroke has at least one point */
    bool pen_up;  /* the next point starts a new stroke */
} Signature;

/* An empty signature for a pad of w × h (each clamped to 1..PLEDGE_MAX_PAD). */
void pledge_sig_init(Signature *s, int w, int h);
/* The next point starts a new stroke. False when there is no room for another. */
bool pledge_begin_stroke(Signature *s);
/* Adds a point to the current stroke (starting one if none): x, y are clamped into the pad, t
 * to no earlier than the last point; a point equal to the last one in place is skipped. False
 * when the signature is full (the point is dropped). */
bool pledge_add_point(Signature *s, int x, int y, uint32_t t);
/* Removes the last stroke ("undo one stroke"); nothing when there is none. */
void pledge_undo_stroke(Signature *s);
/* Points in stroke i. */
int pledge_stroke_len(const Signature *s, int i);

/* Is it a signature? A dot, a short dash, a straight line or a scribble in a corner is not.
 * With w, h the pad's size, a signature needs all three:
 *   - ink: the strokes' total length >= 0.4 w (a name written at a readable size leaves at
 *     least that; a tick or a dot does not);
 *   - span: the larger side of the bounding box of all points >= w / 6 (a name written across
 *     a sixth of the line, or down it when written vertically);
 *   - thickness: the smaller side of that box >= h / 8 (a straight line is not a name). */
typedef enum { SIG_OK, SIG_EMPTY, SIG_SHORT, SIG_SMALL, SIG_FLAT } SigCheck;
SigCheck pledge_signature_check(const Signature *s);
bool pledge_signature_ok(const Signature *s);
/* Total length of the strokes, pad pixels. */
double pledge_ink_length(const Signature *s);

/* The record's text form:
 *     "1 " W "x" H  then for each stroke ";" POINT (" " POINT)*
 * where a stroke's first POINT is "x,y,t" (absolute; t in ms since the signature's first point)
 * and every later one "dx,dy,dt" from the point before it. For example
 *     1 600x200;10,20,0 4,-1,16 5,0,17;200,40,900 0,6,15
 * Returns a heap string, caller frees. */
char *pledge_encode(const Signature *s);
/* Parses the text form into s. False with e ("signature: what, at byte N") on anything that is
 * not exactly that form or breaks an invariant (a point outside the pad, time going back, too
 * many points or strokes, an empty stroke). */
bool pledge_decode(const char *text, Signature *s, Err *e);

/* Stroke i as an SVG path in the pad's coordinates (use viewBox="0 0 w h"): M to the first
 * point, then quadratic curves through the midpoints between points, each point the control
 * of its curve, L to the last. A one-point stroke is "M x y L x y" (a dot with round caps).
 * In the arena a. */
char *pledge_svg_path(const Signature *s, int i, Arena *a);
/* The whole signature as an <svg> element (one <path> per stroke), w × h user units scaled to
 * the given CSS width and height (e.g. "100%", "40mm"). */
void pledge_write_svg(FILE *f, const Signature *s, const char *css_w, const char *css_h);

/* Stroke i sampled from the same curves into out (x, y pairs) fitted into the box bx, by, bw,
 * bh (scaled uniformly, centred). Writes at most max points; returns how many. */
int pledge_polyline(const Signature *s, int i, int bx, int by, int bw, int bh, int16_t *out, int max);

/* ---- the record code ---- */

/* "1A2B-3C4D" from the first 8 hex digits of hash (upper case); "" when hash is shorter. */
void pledge_record_code(const char *hash, char out[10]);

#endif
