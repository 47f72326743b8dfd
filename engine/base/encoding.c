/* encoding.c — UTF-8 as it is, CP932 through iconv, nothing else (see encoding.h). */
#include "encoding.h"
#include "utf8.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

static const char BOM[] = "\xEF\xBB\xBF";

const char *encoding_name_in(Encoding enc, bool ja)
{
    static const char *const NAMES[][2] = {{"UTF-8", "UTF-8"},
                                           {"UTF-8 with a BOM", "UTF-8（BOM つき）"},
                                           {"Shift_JIS (CP932)", "Shift_JIS（CP932）"}};
    return NAMES[enc][ja];
}

const char *encoding_name(Encoding enc)
{
    return encoding_name_in(enc, false);
}

/* Line (1-based) of byte offset at, and the byte's place in that line (1-based). */
static void locate(const char *data, size_t at, int *line, size_t *byte)
{
    size_t start = 0;
    *line = 1;
    for (size_t i = 0; i < at; i++)
        if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= at || data[i + 1] != '\n'))) {
            (*line)++;
            start = i + 1;
        }
    *byte = at - start + 1;
}

static char *copy(const char *data, size_t size)
{
    char *s = xmalloc(size + 1);
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* CP932 to UTF-8; false with *bad the offset of the first byte that does not convert. */
static bool from_cp932(const char *data, size_t size, char **out, size_t *out_size, size_t *bad)
{
    iconv_t cd = iconv_open("UTF-8", "CP932");
    if (cd == (iconv_t)-1)
        die("iconv cannot convert from CP932 (glibc's gconv modules are missing)");
    size_t cap = size * 3 + 4, left_in = size, left_out = cap;
    char *buf = xmalloc(cap + 1), *in = (char *)data, *o = buf;
    size_t r = iconv(cd, &in, &left_in, &o, &left_out);
    iconv_close(cd);
    if (r == (size_t)-1) {
        *bad = (size_t)(in - data);
        free(buf);
        return false;
    }
    *o = '\0';
    *out = buf, *out_size = (size_t)(o - buf);
    return true;
}

static bool refuse(const char *name, const char *data, size_t at, bool ja, Err *e)
{
    int line;
    size_t byte;
    locate(data, at, &line, &byte);
    return err_at(e, (Pos){name, line, 0},
                  ja ? "行の %zu バイト目（0x%02X）が UTF-8 としても Shift_JIS（CP932）としても読めません。"
                       "ファイルを「CSV UTF-8」で保存し直してください"
                     : "byte %zu of the line (0x%02X) cannot be read as UTF-8 or as Shift_JIS (CP932); save"
                       " the file as \"CSV UTF-8\"",
                  byte, (unsigned char)data[at]);
}

bool encoding_to_utf8(const char *name, const char *data, size_t size, char **out, size_t *out_size,
                      Encoding *enc, bool ja, Err *e)
{
    const unsigned char *u = (const unsigned char *)data;
    *out = NULL, *out_size = 0;
    if (size >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return err_at(e, (Pos){name, 0, 0},
                      ja ? "UTF-16 のテキストです。「CSV UTF-8（コンマ区切り）」で保存し直してください"
                         : "is UTF-16 text; save it as \"CSV UTF-8 (comma delimited)\"");
    bool bom = size >= 3 && memcmp(data, BOM, 3) == 0;
    size_t skip = bom ? 3 : 0, bad = utf8_invalid(data + skip, size - skip) + skip;
    if (bad == size) {
        *out = copy(data + skip, size - skip), *out_size = size - skip;
        *enc = bom ? ENC_UTF8_BOM : ENC_UTF8;
        return true;
    }
    size_t bad_sjis;
    if (!bom && from_cp932(data, size, out, out_size, &bad_sjis)) {
        *enc = ENC_CP932;
        return true;
    }
    return refuse(name, data, bom || bad_sjis < bad ? bad : bad_sjis, ja, e);
}

/* Katakana ァ–ヶ (U+30A1–U+30F6, E3 82 A1 – E3 83 B6) as hiragana ぁ–ゖ (U+3041–U+3096): the same
 * reading sorts the same however it was written. Same length, in place. */
static void katakana_to_hiragana(unsigned char *s)
{
    for (; s[0] && s[1] && s[2]; s++) {
        unsigned cp = s[0] == 0xE3 && (s[1] == 0x82 || s[1] == 0x83) && (s[2] & 0xC0) == 0x80
                          ? (unsigned)((s[1] & 0x3F) << 6 | (s[2] & 0x3F)) + 0x3000
                          : 0;
        if (cp < 0x30A1 || cp > 0x30F6)
            continue;
        cp -= 0x60;
        s[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        s[2] = (unsigned char)(0x80 | (cp & 0x3F));
        s += 2;
    }
}

char *encoding_reading_key(const char *utf8)
{
    iconv_t cd = iconv_open("CP932", "UTF-8");
    if (cd == (iconv_t)-1)
        die("iconv cannot convert to CP932 (glibc's gconv modules are missing)");
    size_t size = strlen(utf8), left_in = size, left_out = size + 1;
    char *norm = xstrdup(utf8);
    katakana_to_hiragana((unsigned char *)norm);
    /* ヴ, ヵ and ヶ became ゔ, ゕ and ゖ, which CP932 cannot hold (the whole name would sort last):
     * read them as う, か and け, as dictionaries file ヴァ beside ウ and 茅ヶ崎 as ちがさき */
    static const char *const UNHELD[][2] = {
        {"\xE3\x82\x94", "\xE3\x81\x86"}, /* ゔ → う */
        {"\xE3\x82\x95", "\xE3\x81\x8B"}, /* ゕ → か */
        {"\xE3\x82\x96", "\xE3\x81\x91"}, /* ゖ → け */
    };
    for (size_t k = 0; k < sizeof UNHELD / sizeof *UNHELD; k++)
        for (char *v = norm; (v = strstr(v, UNHELD[k][0])) != NULL; v += 3)
            memcpy(v, UNHELD[k][1], 3);
    char *buf = xmalloc(size + 2), *in = norm, *o = buf;
    size_t r = iconv(cd, &in, &left_in, &o, &left_out); /* CP932 is never longer than UTF-8 */
    iconv_close(cd);
    if (r == (size_t)-1) { /* after every text CP932 holds: 0xFF starts no CP932 character */
        buf[0] = (char)0xFF;
        memcpy(buf + 1, norm, size + 1);
        free(norm);
        return buf;
    }
    free(norm);
    *o = '\0';
    return buf;
}
