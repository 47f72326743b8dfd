/* kana.c — half-width katakana to full-width, and trimming full-width spaces (see kana.h). */
#include "kana.h"
#include "utf8.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* Full-width forms of U+FF61 … U+FF9F, in order. */
static const uint16_t FULL[63] = {
    0x3002, 0x300C, 0x300D, 0x3001, 0x30FB, 0x30F2, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30E3, 0x30E5,
    0x30E7, 0x30C3, 0x30FC, 0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA, 0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3,
    0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8, 0x30CA, 0x30CB, 0x30CC,
    0x30CD, 0x30CE, 0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB, 0x30DE, 0x30DF, 0x30E0, 0x30E1, 0x30E2, 0x30E4,
    0x30E6, 0x30E8, 0x30E9, 0x30EA, 0x30EB, 0x30EC, 0x30ED, 0x30EF, 0x30F3, 0x309B, 0x309C};

enum { DAKUTEN = 0xFF9E, HANDAKUTEN = 0xFF9F };

static bool in_range(uint32_t cp, uint32_t lo, uint32_t hi)
{
    return cp >= lo && cp <= hi;
}

/* The voiced form of full-width kana k with the half-width mark that follows, or 0 when k
 * takes no such mark. */
static uint32_t voiced(uint32_t k, uint32_t mark)
{
    bool ha_row = in_range(k, 0x30CF, 0x30DB) && (k - 0x30CF) % 3 == 0;
    if (mark == HANDAKUTEN)
        return ha_row ? k + 2 : 0;
    if (k == 0x30A6)
        return 0x30F4; /* ウ゛ → ヴ */
    bool kst =
        in_range(k, 0x30AB, 0x30C2) ? (k - 0x30AB) % 2 == 0 : in_range(k, 0x30C4, 0x30C8) && k % 2 == 0;
    return kst || ha_row ? k + 1 : 0;
}

static size_t put3(char *d, uint32_t cp)
{
    d[0] = (char)(0xE0 | (cp >> 12));
    d[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    d[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

static uint32_t at(const char *s, size_t i, size_t len, int *n)
{
    uint32_t cp = 0;
    *n = utf8_decode(s + i, len - i > 4 ? 4 : (int)(len - i), &cp);
    if (*n < 0)
        *n = 1, cp = 0xFFFD;
    return cp;
}

void kana_fullwidth(char *s, size_t *len)
{
    size_t r = 0, w = 0;
    while (r < *len) {
        int n, m;
        uint32_t cp = at(s, r, *len, &n);
        if (!in_range(cp, 0xFF61, 0xFF9F)) {
            memmove(s + w, s + r, (size_t)n);
            w += (size_t)n, r += (size_t)n;
            continue;
        }
        uint32_t full = FULL[cp - 0xFF61];
        r += (size_t)n;
        uint32_t mark = r < *len ? at(s, r, *len, &m) : 0;
        uint32_t v = mark == DAKUTEN || mark == HANDAKUTEN ? voiced(full, mark) : 0;
        if (v)
            full = v, r += (size_t)m;
        w += put3(s + w, full);
    }
    s[w] = '\0';
    *len = w;
}

static size_t space_at(const char *s, size_t i, size_t len)
{
    if (s[i] == ' ' || s[i] == '\t')
        return 1;
    return i + 3 <= len && memcmp(s + i, "\xE3\x80\x80", 3) == 0 ? 3 : 0;
}

static size_t space_before(const char *s, size_t end, size_t start)
{
    if (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t'))
        return 1;
    return end >= start + 3 && memcmp(s + end - 3, "\xE3\x80\x80", 3) == 0 ? 3 : 0;
}

void kana_trim(char *s, size_t *len)
{
    size_t a = 0, b = *len, k;
    while (a < b && (k = space_at(s, a, b)) > 0)
        a += k;
    while (b > a && (k = space_before(s, b, a)) > 0)
        b -= k;
    memmove(s, s + a, b - a);
    s[b - a] = '\0';
    *len = b - a;
}

void kana_katakana(char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        int n;
        uint32_t cp = at(s, i, len, &n);
        if (in_range(cp, 0x3041, 0x3096) || in_range(cp, 0x309D, 0x309E))
            put3(s + i, cp + 0x60); /* ぁ–ゖ → ァ–ヶ, ゝゞ → ヽヾ: three bytes each */
        i += (size_t)n;
    }
}
