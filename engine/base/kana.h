/* kana.h — Japanese text as people type it into Excel: half-width katakana (ｶﾀｶﾅ, from old HR
 * systems and some input settings) and full-width spaces.
 *
 * What must stay true: both work in place on valid UTF-8 and never lengthen the text (every
 * half-width katakana is 3 bytes, as is its full-width form; a voiced pair like ｶﾞ becomes one
 * character). Anything else is left exactly as it was. */
#ifndef MAMORI_KANA_H
#define MAMORI_KANA_H

#include <stddef.h>

/* Half-width katakana and their punctuation (U+FF61–U+FF9F) become full-width (ｶﾞ → ガ,
 * ﾊﾟ → パ, ｳﾞ → ヴ, ｰ → ー, ｡ → 。); a lone ﾞ or ﾟ becomes ゛ or ゜. s holds *len bytes and
 * is NUL-terminated again afterwards; *len is updated. */
void kana_fullwidth(char *s, size_t *len);

/* Drops spaces at both ends: ASCII space and tab, and the full-width space U+3000. In place;
 * *len is updated. */
void kana_trim(char *s, size_t *len);

/* Hiragana become katakana (ぁ–ゖ → ァ–ヶ, ゝ ゞ → ヽ ヾ), so a reading written either way sorts
 * the same. In place on a NUL-terminated string; the length does not change. */
void kana_katakana(char *s);

#endif
