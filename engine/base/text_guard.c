/* text_guard.c — refused characters (a table of ranges) and the code's alphabet. */
#include "text_guard.h"

#include "utf8.h"

#include <string.h>

typedef struct {
    uint32_t lo, hi;
    const char *kind;
} Refused;

static const Refused REFUSED[] = {
    {0x00, 0x1F, "a control character"},        {0x7F, 0x9F, "a control character"},
    {0x061C, 0x061C, "a bidi control"},         {0x180E, 0x180E, "a zero-width character"},
    {0x200B, 0x200D, "a zero-width character"}, {0x200E, 0x200F, "a bidi control"},
    {0x2028, 0x2029, "a line separator"},       {0x202A, 0x202E, "a bidi control"},
    {0x2060, 0x2060, "a zero-width character"}, {0x2066, 0x2069, "a bidi control"},
    {0xFEFF, 0xFEFF, "a zero-width character"}, {0xFFFD, 0xFFFD, "invalid UTF-8"},
};
enum { NREFUSED = sizeof REFUSED / sizeof REFUSED[0] };

static const Refused *refused(uint32_t cp)
{
    for (int i = 0; i < NREFUSED; i++)
        if (cp >= REFUSED[i].lo && cp <= REFUSED[i].hi)
            return &REFUSED[i];
    return NULL;
}

const char *text_guard_kind(uint32_t cp)
{
    const Refused *r = refused(cp);
    return r ? r->kind : "an allowed character";
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

bool text_code_check(const char *code, Err *e)
{
    if (!code[0])
        return err_set(e, "the code is empty");
    if (strlen(code) > 31)
        return err_set(e, "the code '%.40s...' is too long (at most 31 characters)", code);
    for (const char *c = code; *c; c++) {
        if (code_char(*c))
            continue;
        uint32_t cp = 0xFFFD;
        int n = utf8_decode(c, 4, &cp);
        if (n < 0 || refused(cp))
            return err_set(e, "the code holds U+%04X (%s): a code may hold only digits, letters A-Z and '-'",
                           (unsigned)cp, text_guard_kind(cp));
        return err_set(e,
                       "the code '%s' holds '%.*s' (U+%04X): a code may hold only digits, letters A-Z and"
                       " '-' (what the sign-in keypad and keyboard can type)",
                       code, n, c, (unsigned)cp);
    }
    return true;
}
