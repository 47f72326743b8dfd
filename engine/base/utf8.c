/* utf8.c — RFC 3629 decoding. Each lead byte fixes the length and the smallest and largest
 * value the sequence may carry; anything outside is invalid (that rejects overlongs, surrogates
 * and values above U+10FFFF in one test). */
#include "utf8.h"

#include <string.h>

static int utf8_lead(unsigned char b, uint32_t *cp, uint32_t *min)
{
    if (b < 0x80) {
        *cp = b, *min = 0;
        return 1;
    }
    if (b >= 0xC2 && b <= 0xDF) {
        *cp = b & 0x1F, *min = 0x80;
        return 2;
    }
    if (b >= 0xE0 && b <= 0xEF) {
        *cp = b & 0x0F, *min = 0x800;
        return 3;
    }
    if (b >= 0xF0 && b <= 0xF4) {
        *cp = b & 0x07, *min = 0x10000;
        return 4;
    }
    return -1; /* a continuation byte, C0/C1 (always overlong) or F5–FF */
}

int utf8_decode(const char *s, int n, uint32_t *cp)
{
    if (n <= 0)
        return -1;
    uint32_t v, min;
    int len = utf8_lead((unsigned char)s[0], &v, &min);
    if (len < 0 || len > n)
        return -1;
    for (int i = 1; i < len; i++) {
        unsigned char b = (unsigned char)s[i];
        if ((b & 0xC0) != 0x80)
            return -1;
        v = (v << 6) | (b & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return -1;
    *cp = v;
    return len;
}

size_t utf8_invalid(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t left = n - i;
        uint32_t cp;
        int len = utf8_decode(s + i, left > 4 ? 4 : (int)left, &cp);
        if (len < 0)
            return i;
        i += (size_t)len;
    }
    return n;
}

size_t utf8_length(const char *s)
{
    size_t n = strlen(s), count = 0;
    for (size_t i = 0; i < n; count++) {
        size_t left = n - i;
        uint32_t cp;
        int len = utf8_decode(s + i, left > 4 ? 4 : (int)left, &cp);
        i += len > 0 ? (size_t)len : 1;
    }
    return count;
}
