/* test_encoding.c — encoding.h (UTF-8 as it is, CP932 converted, the rest refused with line and
 * byte) and kana.h (half-width katakana made full-width, full-width spaces trimmed). */
#include "encoding.h"
#include "kana.h"
#include "test.h"

#include <stdlib.h>

static bool decode(const char *in, size_t n, char **out, Encoding *enc, Err *e)
{
    size_t len;
    return encoding_to_utf8("f.csv", in, n, out, &len, enc, false, e);
}

static void test_utf8_and_bom(void)
{
    char *out;
    Encoding enc;
    Err e = {{0}};
    CHECK(decode("a,b\n", 4, &out, &enc, &e) && enc == ENC_UTF8);
    CHECK_STR(out, "a,b\n");
    free(out);
    CHECK(decode("\xEF\xBB\xBF山\n", 7, &out, &enc, &e) && enc == ENC_UTF8_BOM);
    CHECK_STR(out, "山\n");
    free(out);
    CHECK(decode("", 0, &out, &enc, &e) && enc == ENC_UTF8);
    free(out);
}

static void test_cp932(void)
{
    char *out;
    Encoding enc;
    Err e = {{0}};
    /* 山田 ｶﾅ \ ~ ① (an NEC special character, CP932 only) */
    const char sj[] = "\x8eR\x93"
                      "c \xb6\xc5 \\ ~ \x87\x40";
    CHECK(decode(sj, sizeof sj - 1, &out, &enc, &e) && enc == ENC_CP932);
    CHECK_STR(out, "山田 ｶﾅ \\ ~ ①");
    free(out);
    CHECK_STR(encoding_name(ENC_CP932), "Shift_JIS (CP932)");
    CHECK_STR(encoding_name_in(ENC_UTF8_BOM, true), "UTF-8（BOM つき）");
}

static void test_refused(void)
{
    char *out = (char *)1;
    Encoding enc;
    Err e = {{0}};
    CHECK(!decode("a\r\nb\rc\xff\n", 8, &out, &enc, &e) && out == NULL);
    CHECK_STR(e.msg, "f.csv:3: byte 2 of the line (0xFF) cannot be read as UTF-8 or as Shift_JIS (CP932);"
                     " save the file as \"CSV UTF-8\"");
    CHECK(!decode("\xFF\xFE"
                  "a\0",
                  4, &out, &enc, &e));
    CHECK_STR(e.msg, "f.csv: is UTF-16 text; save it as \"CSV UTF-8 (comma delimited)\"");
    CHECK(!decode("x\x82", 2, &out, &enc, &e)); /* a lead byte cut at the end */
    CHECK_STR(e.msg, "f.csv:1: byte 2 of the line (0x82) cannot be read as UTF-8 or as Shift_JIS (CP932);"
                     " save the file as \"CSV UTF-8\"");
}

static void full(const char *in, const char *want)
{
    char buf[128];
    size_t len = strlen(in);
    memcpy(buf, in, len + 1);
    kana_fullwidth(buf, &len);
    CHECK_STR(buf, want);
    CHECK(len == strlen(want));
}

static void test_fullwidth(void)
{
    full("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ タロウ");
    full("ｶﾞｷﾞｸﾞｹﾞｺﾞｻﾞｼﾞｽﾞｾﾞｿﾞﾀﾞﾁﾞﾂﾞﾃﾞﾄﾞ", "ガギグゲゴザジズゼゾダヂヅデド");
    full("ﾊﾞﾋﾞﾌﾞﾍﾞﾎﾞﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ", "バビブベボパピプペポ");
    full("ｳﾞｧｲｵﾘﾝ", "ヴァイオリン");
    full("ｱﾞﾏﾟｯｰ｡｢｣､･ｦﾝ", "ア゛マ゜ッー。「」、・ヲン"); /* a mark that does not combine stays a mark */
    full("ﾞabc漢字ひらがなカナ", "゛abc漢字ひらがなカナ");
    full("\xff", "\xff"); /* not UTF-8: left alone */
}

static void trim(const char *in, const char *want)
{
    char buf[64];
    size_t len = strlen(in);
    memcpy(buf, in, len + 1);
    kana_trim(buf, &len);
    CHECK_STR(buf, want);
    CHECK(len == strlen(want));
}

static void test_trim(void)
{
    trim("　 山田　太郎 \t　", "山田　太郎");
    trim("　", "");
    trim("", "");
    trim("x", "x");
}

/* Names sort by reading: departments in kanji as their readings go (not by code point), kana
 * before kanji, katakana beside hiragana, text CP932 cannot hold last. */
static int key_cmp(const char *a, const char *b)
{
    char *x = encoding_reading_key(a), *y = encoding_reading_key(b);
    int c = strcmp(x, y);
    free(x), free(y);
    return c;
}

static void test_reading_key(void)
{
    const char *depts[] = {"営業部", "開発部", "経理部", "情報システム部",
                           "人事部", "製造部", "総務部", "品質管理部"};
    for (int i = 0; i + 1 < 8; i++)
        CHECK(key_cmp(depts[i], depts[i + 1]) < 0);
    CHECK(strcmp("総務部", "営業部") > 0 && strcmp("人事部", "営業部") < 0); /* code points disagree */
    CHECK(key_cmp("グエン", "さとう") < 0 && key_cmp("くどう", "グエン") < 0);
    CHECK(key_cmp("グエン", "ぐえん") == 0);
    CHECK(key_cmp("グエン ヴァン", "さとう") < 0 && key_cmp("ヴァン", "えがわ") < 0); /* ヴ read as う */
    CHECK(key_cmp("いとう", "ヴィラ") < 0 && key_cmp("ヴィラ", "うかい") < 0);
    CHECK(key_cmp("茅ヶ崎営業所", "本社") < 0 && key_cmp("一ヵ所", "本社") < 0); /* ヶ, ヵ: not last */
    CHECK(key_cmp("さとう", "営業部") < 0);
    CHECK(key_cmp("総務部", "😀部") < 0 && key_cmp("", "あ") < 0);
}

int main(void)
{
    RUN(test_reading_key);
    RUN(test_utf8_and_bom);
    RUN(test_cp932);
    RUN(test_refused);
    RUN(test_fullwidth);
    RUN(test_trim);
    return TEST_END();
}
