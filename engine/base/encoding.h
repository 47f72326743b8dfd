/* encoding.h — text files from Japanese Excel and HR systems turned into UTF-8.
 *
 * Japanese Excel's "CSV (コンマ区切り)" saves Shift_JIS as Windows writes it (CP932); "CSV UTF-8"
 * saves UTF-8 with a byte order mark; HR systems export either. encoding_to_utf8 reads UTF-8
 * (with or without a BOM, the BOM dropped) as it is, and a file that is not valid UTF-8 but
 * converts whole from CP932 through glibc's iconv as CP932.
 *
 * What must stay true: nothing is guessed past that. A file that is neither is refused with
 * the line and the byte (1-based, counted in the file's own bytes) where decoding failed; a
 * UTF-16 file is refused by name. The bytes returned are valid UTF-8 (NULs pass through). */
#ifndef MAMORI_ENCODING_H
#define MAMORI_ENCODING_H

#include "err.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum { ENC_UTF8, ENC_UTF8_BOM, ENC_CP932 } Encoding;

/* What a person reads: "UTF-8", "UTF-8 with a BOM", "Shift_JIS (CP932)"; _in: in Japanese when ja
 * ("UTF-8（BOM つき）"). */
const char *encoding_name(Encoding enc);
const char *encoding_name_in(Encoding enc, bool ja);

/* Converts size bytes at data. On success *out (heap, NUL-terminated, caller frees) holds
 * *out_size bytes of UTF-8 and *enc says what was read. On failure e holds "NAME:LINE: ..."
 * (or "NAME: ..." for UTF-16; in Japanese when ja) and *out is NULL. */
bool encoding_to_utf8(const char *name, const char *data, size_t size, char **out, size_t *out_size,
                      Encoding *enc, bool ja, Err *e);

/* A key that sorts Japanese names (departments, kana readings) by their reading, compared with
 * strcmp: the text in CP932, where kana are in gojūon order and the everyday kanji (JIS X 0208
 * level 1) in the order of their readings (営業 < 開発 < 経理 < 総務), unlike Unicode code points;
 * katakana count as hiragana (グエン beside くどう, before さとう). Text CP932 cannot hold sorts
 * after all that, as it is. Heap; the caller frees. */
char *encoding_reading_key(const char *utf8);

#endif
