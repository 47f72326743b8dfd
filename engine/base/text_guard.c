/* text_guard.c — refused characters (a table of ranges) and the code's alphabet. */
#include "text_guard.h"

#include "utf8.h"

#include <string.h>

typedef struct {
    uint32_t lo, hi;
    const char *kind, *kind_ja;
} Refused;

#define CONTROL "a control character", "制御文字"
#define BIDI "a bidi control", "文字の向きを変える制御文字"
#define ZERO_WIDTH "a zero-width character", "幅のない見えない文字"
static const Refused REFUSED[] = {
    {0x00, 0x1F, CONTROL},
    {0x7F, 0x9F, CONTROL},
    {0x061C, 0x061C, BIDI},
    {0x180E, 0x180E, ZERO_WIDTH},
    {0x200B, 0x200D, ZERO_WIDTH},
    {0x200E, 0x200F, BIDI},
    {0x2028, 0x2029, "a line separator", "行や段落の区切り文字"},
    {0x202A, 0x202E, BIDI},
    {0x2060, 0x2060, ZERO_WIDTH},
    {0x2066, 0x2069, BIDI},
    {0xFEFF, 0xFEFF, ZERO_WIDTH},
    {0xFFFD, 0xFFFD, "invalid UTF-8", "UTF-8 として読めないバイト"},
};
#undef CONTROL
#undef BIDI
#undef ZERO_WIDTH
enum { NREFUSED = sizeof REFUSED / sizeof REFUSED[0] };

static const Refused *refused(uint32_t cp)
{
    for (int i = 0; i < NREFUSED; i++)
        if (cp >= REFUSED[i].lo && cp <= REFUSED[i].hi)
            return &REFUSED[i];
    return NULL;
}

const char *text_guard_kind_in(uint32_t cp, bool ja)
{
    const Refused *r = refused(cp);
    return r ? (ja ? r->kind_ja : r->kind) : ja ? "使える文字" : "an allowed character";
}

const char *text_guard_kind(uint32_t cp)
{
    return text_guard_kind_in(cp, false);
}

bool text_guard_find(const char *s, size_t len, uint32_t *cp, int *col)
{
    size_t at = 0;
    for (int c = 1; at < len; c++) {
        uint32_t u = 0xFFFD;
        int n = utf8_decode(s + at, (int)(len - at < 4 ? len - at : 4), &u);
        if (n < 0 || refused(u)) {
            *cp = n < 0 ? 0xFFFD : u;
            *col = c;
            return true;
        }
        at += (size_t)n;
    }
    return false;
}

bool text_guard_check(const char *what, const char *s, Err *e)
{
    uint32_t cp;
    int col;
    if (!text_guard_find(s, strlen(s), &cp, &col))
        return true;
    return err_set(e, "%s contains U+%04X (%s) at character %d", what, (unsigned)cp, text_guard_kind(cp),
                   col);
}

static bool code_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-';
}

/* Both texts take the same arguments in the same order (the compiler checks both). */
#define SAY(ja, en_text, ja_text) ((ja) ? (ja_text) : (en_text))

bool text_code_check_in(const char *code, bool ja, Err *e)
{
    if (!code[0])
        return err_set(e, SAY(ja, "the code is empty", "社員番号が空です"));
    if (strlen(code) > 31)
        return err_set(e,
                       SAY(ja, "the code '%.40s...' is too long (at most 31 characters)",
                           "社員番号「%.40s…」が長すぎます（31 文字まで）"),
                       code);
    for (const char *c = code; *c; c++) {
        if (code_char(*c))
            continue;
        uint32_t cp = 0xFFFD;
        int n = utf8_decode(c, 4, &cp);
        if (n < 0 || refused(cp))
            return err_set(
                e,
                SAY(ja, "the code holds U+%04X (%s): a code may hold only digits, letters A-Z and '-'",
                    "社員番号に U+%04X（%s）が入っています。使えるのは数字・英字 A〜Z・「-」だけです"),
                (unsigned)cp, text_guard_kind_in(cp, ja));
        return err_set(e,
                       SAY(ja,
                           "the code '%s' holds '%.*s' (U+%04X): a code may hold only digits, letters A-Z"
                           " and '-' (what the sign-in keypad and keyboard can type)",
                           "社員番号「%s」に「%.*s」（U+%04X）が入っています。使えるのは、サインインの"
                           "キーパッドとキーボードで打てる数字・英字 A〜Z・「-」だけです"),
                       code, n, c, (unsigned)cp);
    }
    return true;
}

bool text_code_check(const char *code, Err *e)
{
    return text_code_check_in(code, false, e);
}
