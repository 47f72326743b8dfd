/* utf8.h — UTF-8 decoding and validation, exact and tiny.
 *
 * What counts as valid is RFC 3629: no overlong forms, no surrogates (U+D800–U+DFFF), nothing
 * above U+10FFFF, no truncated sequences. Used by the content loader (invalid bytes are errors
 * with a position) and by text layout (which walks text one code point at a time). */
#ifndef MAMORI_UTF8_H
#define MAMORI_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at s, reading at most n bytes. Returns the number of bytes it takes
 * (1–4) and stores the code point in *cp, or returns -1 when the bytes at s are not valid
 * UTF-8 (then *cp is left alone). n <= 0 returns -1. */
int utf8_decode(const char *s, int n, uint32_t *cp);

/* The offset of the first byte of s[0..n) that does not start a valid sequence, or n when all
 * of it is valid. */
size_t utf8_invalid(const char *s, size_t n);

/* Number of code points in the valid UTF-8 string s (NUL-terminated); an invalid byte counts
 * as one. */
size_t utf8_length(const char *s);

#endif
