/* test_layout.c — line breaking with a fake monospace measure: every code point is 10 px wide,
 * ASCII 5 px. Each case compares the exact split, written as the lines joined by '|'. */
#include "layout.h"
#include "test.h"
#include "utf8.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    int calls; /* measure calls */
    int bad;   /* calls with n <= 0 */
} Fake;

static int fake_width(const char *s, int n)
{
    int w = 0;
    for (int i = 0; i < n;) {
        uint32_t cp = 0xFFFD;
        int k = utf8_decode(s + i, n - i, &cp);
        if (k < 0)
            k = 1;
        w += cp < 0x80 ? 5 : 10;
        i += k;
    }
    return w;
}

static int fake_measure(void *ctx, const char *s, int n)
{
    Fake *f = ctx;
    f->calls++;
    if (n <= 0)
        f->bad++;
    return fake_width(s, n);
}

/* One character and the combining marks after it (invalid bytes are one character each). */
static bool is_one_cluster(const char *s, int n)
{
    int k = 0;
    for (int i = 0; i < n;) {
        uint32_t cp = 0xFFFD;
        int len = utf8_decode(s + i, n - i, &cp);
        i += len < 0 ? 1 : len;
        k += !((cp >= 0x300 && cp <= 0x36F) || cp == 0x3099 || cp == 0x309A);
    }
    return k == 1;
}

/* Checks what must hold of every layout: lines in order, widths those of the measure, nothing
 * wider than the line unless it is a single character. */
static void check_lines(const char *text, int width, const LayoutLine *lines, int n)
{
    int prev_end = 0;
    for (int i = 0; i < n; i++) {
        const LayoutLine *l = &lines[i];
        CHECK(l->start >= prev_end && l->len >= 0);
        CHECK(l->width == fake_width(text + l->start, l->len));
        CHECK(l->width <= width || is_one_cluster(text + l->start, l->len));
        prev_end = l->start + l->len;
    }
}

/* Lays text out at width and returns its lines joined by '|' (in out). */
static const char *split(char *out, size_t size, const char *text, int width)
{
    LayoutLine lines[64];
    Fake f = {0, 0};
    int n = layout_lines(text, width, fake_measure, &f, lines, 64);
    CHECK(n <= 64 && f.bad == 0);
    check_lines(text, width, lines, n < 64 ? n : 64);
    size_t k = 0;
    out[0] = '\0';
    for (int i = 0; i < n && i < 64; i++) {
        int len = lines[i].len;
        if (k + (size_t)len + 2 > size)
            break;
        if (i > 0)
            out[k++] = '|';
        memcpy(out + k, text + lines[i].start, (size_t)len);
        k += (size_t)len;
        out[k] = '\0';
    }
    return out;
}

#define SPLIT(text, width) split(buf, sizeof buf, (text), (width))

static void test_japanese_wrap(void)
{
    char buf[512];
    CHECK_STR(SPLIT("あいうえおかきくけこさしす", 50), "あいうえお|かきくけこ|さしす");
    CHECK_STR(SPLIT("あいうえお", 50), "あいうえお");
    CHECK_STR(SPLIT("あいうえおかき", 49), "あいうえ|おかき");
}

static void test_period_and_comma_never_start_a_line(void)
{
    char buf[512];
    CHECK_STR(SPLIT("あいうえお。かきく", 50), "あいうえ|お。かきく");
    CHECK_STR(SPLIT("あいうえお、かき", 50), "あいうえ|お、かき");
    CHECK_STR(SPLIT("あいうえ。。かき", 40), "あいう|え。。か|き");
    CHECK_STR(SPLIT("あいうえお！かき", 50), "あいうえ|お！かき");
    CHECK_STR(SPLIT("あいうえお」かき", 50), "あいうえ|お」かき");
    CHECK_STR(SPLIT("あいうえお!かき", 50), "あいうえ|お!かき");
}

static void test_opening_bracket_never_ends_a_line(void)
{
    char buf[512];
    CHECK_STR(SPLIT("あいうえ「かき」く", 50), "あいうえ|「かき」く");
    CHECK_STR(SPLIT("あいうえ（かき）く", 50), "あいうえ|（かき）く");
    CHECK_STR(SPLIT("あいう『え』", 40), "あいう|『え』");
}

static void test_small_kana_and_long_vowel_never_start_a_line(void)
{
    char buf[512];
    CHECK_STR(SPLIT("あいうえっか", 40), "あいう|えっか");
    CHECK_STR(SPLIT("あいうえっかきく", 50), "あいうえっ|かきく");
    CHECK_STR(SPLIT("きゃきゃきゃ", 30), "きゃ|きゃ|きゃ");
    CHECK_STR(SPLIT("コンピューター", 30), "コン|ピュー|ター");
    CHECK_STR(SPLIT("あいうえ々かき", 40), "あいう|え々かき");
    CHECK_STR(SPLIT("あいうえ・か", 40), "あいう|え・か");
}

static void test_english_breaks_at_spaces(void)
{
    char buf[512];
    CHECK_STR(SPLIT("the quick brown fox", 50), "the quick|brown fox");
    CHECK_STR(SPLIT("aa   bb", 15), "aa|bb");
    CHECK_STR(SPLIT("one two", 35), "one two");
    CHECK_STR(SPLIT("one two  ", 35), "one two");
    CHECK_STR(SPLIT("  ab cd", 25), "  ab|cd");
}

static void test_long_word_is_split_by_characters(void)
{
    char buf[512];
    CHECK_STR(SPLIT("see https://example.com/a/very/long/path ok", 50),
              "see|https://ex|ample.com/|a/very/lon|g/path ok");
    CHECK_STR(SPLIT("abcdefghij", 25), "abcde|fghij");
}

static void test_mixed_japanese_and_english(void)
{
    char buf[512];
    CHECK_STR(SPLIT("今日はOS updateの日です。", 60), "今日はOS|updateの日|です。");
    CHECK_STR(SPLIT("これはWindows Updateです", 80), "これはWindows|Updateです");
    CHECK_STR(SPLIT("メール(mail)を見る", 60), "メール(mail)|を見る");
    CHECK_STR(SPLIT("メール(mail)を見る", 50), "メール|(mail)|を見る");
}

static void test_newlines_and_blank_lines(void)
{
    char buf[512];
    LayoutLine lines[8];
    Fake f = {0, 0};
    CHECK_STR(SPLIT("あい\n\nうえ\n", 100), "あい||うえ");
    CHECK(layout_lines("あい\n\nうえ\n", 100, fake_measure, &f, lines, 8) == 3);
    CHECK(lines[1].len == 0 && lines[1].width == 0);
    CHECK(layout_lines("\n", 100, fake_measure, &f, lines, 8) == 1);
    CHECK(lines[0].start == 0 && lines[0].len == 0);
    CHECK(layout_lines("a  \n\n", 100, fake_measure, &f, lines, 8) == 2);
    CHECK(lines[0].len == 1 && lines[0].width == 5 && lines[1].len == 0);
    CHECK(layout_lines("   \nb", 100, fake_measure, &f, lines, 8) == 2);
    CHECK(lines[0].len == 0 && lines[1].start == 4 && lines[1].len == 1);
    CHECK_STR(SPLIT("ab\r\ncd", 100), "ab|cd");
    CHECK(f.bad == 0);
}

static void test_empty_string(void)
{
    LayoutLine lines[2];
    Fake f = {0, 0};
    CHECK(layout_lines("", 100, fake_measure, &f, lines, 2) == 0);
    CHECK(f.calls == 0);
}

static void test_width_smaller_than_one_char(void)
{
    char buf[512];
    CHECK_STR(SPLIT("あいう", 5), "あ|い|う");
    CHECK_STR(SPLIT("あいう", 0), "あ|い|う");
    CHECK_STR(SPLIT("abc", -3), "a|b|c");
    CHECK_STR(SPLIT("a b", 2), "a|b");
    CHECK_STR(SPLIT("。。。", 5), "。|。|。");
}

static void test_unsatisfiable_kinsoku_breaks_anyway(void)
{
    char buf[512];
    CHECK_STR(SPLIT("。。。。。", 30), "。。|。。。");
    CHECK_STR(SPLIT("「「「「あ", 30), "「「|「「あ");
}

static void test_marks_stay_with_their_character(void)
{
    char buf[512];
    /* か + U+3099 combining voiced mark: never a line of its own */
    CHECK_STR(SPLIT("あか\xe3\x82\x99", 20), "あ|か\xe3\x82\x99");
    CHECK_STR(SPLIT("か\xe3\x82\x99", 5), "か\xe3\x82\x99");
}

/* A paragraph of more than one line never ends with a line of one or two characters: the line
 * before gives some up, at its own kind of break, when the last line then still fits. */
static void test_last_line_is_never_an_orphan(void)
{
    char buf[512];
    CHECK_STR(SPLIT("あいうえおかきくけこさし", 50), "あいうえお|かきくけ|こさし");
    CHECK_STR(SPLIT("あいうえお", 49), "あい|うえお");
    CHECK_STR(SPLIT("あいうえお。", 50), "あいう|えお。");
    CHECK_STR(SPLIT("あいうえおか\nあいうえおか", 50), "あいう|えおか|あいう|えおか");
    CHECK_STR(SPLIT("す。", 100), "す。");
    CHECK_STR(SPLIT("one two three it", 70), "one two|three it");
    CHECK_STR(SPLIT("one two three it  ", 70), "one two|three it");
    CHECK_STR(SPLIT("abcdefg", 25), "abcd|efg");
}

static void test_orphan_stays_when_nothing_fits(void)
{
    char buf[512];
    CHECK_STR(SPLIT("abcdefgh ij", 50), "abcdefgh|ij");
    CHECK_STR(SPLIT("あいう", 20), "あい|う");
    CHECK_STR(SPLIT("あいうえ「か」", 50), "あいうえ|「か」");
    CHECK_STR(SPLIT("あいうえお", 10), "あ|い|う|え|お");
}

static void test_katakana_word_breaks_at_its_edges(void)
{
    char buf[512];
    CHECK_STR(SPLIT("あいうえおかきパスワードを", 100), "あいうえおかき|パスワードを");
    CHECK_STR(SPLIT("あいうえおかきデータ・ベース", 120), "あいうえおかきデータ・|ベース");
    CHECK_STR(SPLIT("ｱｲｳｴｵかきくけこさしすｶﾀｶﾅ", 140), "ｱｲｳｴｵかきくけこさしす|ｶﾀｶﾅ");
    /* a word longer than the line: split where kinsoku allows, else between characters */
    CHECK_STR(SPLIT("コンピューター", 30), "コン|ピュー|ター");
    CHECK_STR(SPLIT("ーーーーー", 30), "ーー|ーーー");
}

static void test_invalid_utf8_counts_as_characters(void)
{
    char buf[512];
    CHECK_STR(SPLIT("\xff\xfe\xfd", 20), "\xff\xfe|\xfd");
    CHECK_STR(SPLIT("あ\xe3\x81", 100), "あ\xe3\x81");
}

static void test_only_maxlines_are_stored(void)
{
    LayoutLine lines[3];
    Fake f = {0, 0};
    lines[2] = (LayoutLine){-7, -7, -7};
    CHECK(layout_lines("あいうえお", 10, fake_measure, &f, lines, 2) == 5);
    CHECK(lines[0].start == 0 && lines[1].start == 3);
    CHECK(lines[2].start == -7 && lines[2].len == -7);
    CHECK(layout_lines("あいうえお", 10, fake_measure, &f, NULL, 0) == 5);
}

static void test_measure_calls_stay_linear(void)
{
    /* 200 characters at 30 per line: about one measure per character, not per pair */
    char text[200 * 3 + 1];
    for (int i = 0; i < 200; i++)
        memcpy(text + i * 3, i > 0 && i % 30 == 0 ? "。" : "あ", 3);
    text[600] = '\0';
    LayoutLine lines[16];
    Fake f = {0, 0};
    int n = layout_lines(text, 300, fake_measure, &f, lines, 16);
    CHECK(n == 7);
    CHECK(f.calls < 2 * 200);
    check_lines(text, 300, lines, n);
    for (int i = 1; i < n; i++)
        CHECK(memcmp(text + lines[i].start, "。", 3) != 0);
}

/* A paragraph that fits on one line is measured once, not at each of its breaks: the first
 * frame of a screen measures each new text with the real font, glyph by glyph. */
static void test_line_that_fits_is_measured_once(void)
{
    LayoutLine lines[4];
    Fake f = {0, 0};
    CHECK(layout_lines("社員 10000 人 ・ 修了 8571 人 ・ 遅れ", 300, fake_measure, &f, lines, 4) == 1);
    CHECK(f.calls == 1);
    f.calls = 0;
    CHECK(layout_lines("一つ星の準備：まだです\nsigned 0 of 10000", 300, fake_measure, &f, lines, 4) == 2);
    CHECK(f.calls == 2);
}

int main(void)
{
    RUN(test_japanese_wrap);
    RUN(test_period_and_comma_never_start_a_line);
    RUN(test_opening_bracket_never_ends_a_line);
    RUN(test_small_kana_and_long_vowel_never_start_a_line);
    RUN(test_english_breaks_at_spaces);
    RUN(test_long_word_is_split_by_characters);
    RUN(test_mixed_japanese_and_english);
    RUN(test_newlines_and_blank_lines);
    RUN(test_empty_string);
    RUN(test_width_smaller_than_one_char);
    RUN(test_unsatisfiable_kinsoku_breaks_anyway);
    RUN(test_marks_stay_with_their_character);
    RUN(test_invalid_utf8_counts_as_characters);
    RUN(test_last_line_is_never_an_orphan);
    RUN(test_orphan_stays_when_nothing_fits);
    RUN(test_katakana_word_breaks_at_its_edges);
    RUN(test_only_maxlines_are_stored);
    RUN(test_measure_calls_stay_linear);
    RUN(test_line_that_fits_is_measured_once);
    return TEST_END();
}
