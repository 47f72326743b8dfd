/* text_guard.h — what text typed or imported by a manager may hold, and what a person's code
 * may hold. One place for both rules: the roster CSV, the roster screen, the set-up screen, the
 * settings (screen and command line) and the store itself (every path that adds a person) ask
 * here, so they refuse the same things with the same words.
 *
 * Refused in any text: control characters (C0 including tab and line breaks, DEL, C1), bidi
 * controls (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069), zero-width characters
 * (U+200B–U+200D, U+2060, U+FEFF, U+180E) and line/paragraph separators (U+2028–U+2029): they
 * can make a name read differently from what it is (a reversed code, an invisible space) or
 * break a CSV line. Invalid UTF-8 is refused too.
 * A code holds 1–31 of what the sign-in keypad and keyboard can type: ASCII digits, ASCII
 * letters and '-'.
 *
 * What must stay true: a code text_code_check accepts can be typed at the sign-in screen. */
#ifndef MAMORI_TEXT_GUARD_H
#define MAMORI_TEXT_GUARD_H

#include "err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The first refused character in s[0..len): true with *cp (0xFFFD for invalid UTF-8) and *col
 * (1-based, in characters) when there is one; false when s is clean. */
bool text_guard_find(const char *s, size_t len, uint32_t *cp, int *col);
/* What kind of character cp is, for messages ("a control character", "a bidi control", ...);
 * _in: in Japanese when ja. */
const char *text_guard_kind(uint32_t cp);
const char *text_guard_kind_in(uint32_t cp, bool ja);
/* True when s is clean; else false with e saying "WHAT contains U+202E (a bidi control) at
 * character 3". */
bool text_guard_check(const char *what, const char *s, Err *e);
/* True when code is 1–31 digits, ASCII letters and '-'; else false with e saying why (_in: in
 * Japanese when ja, for the kiosk's roster import). */
bool text_code_check(const char *code, Err *e);
bool text_code_check_in(const char *code, bool ja, Err *e);

#endif
