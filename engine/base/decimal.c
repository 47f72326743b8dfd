/* decimal.c — integers as decimal text (see decimal.h). */
#include "decimal.h"

/* v's digits at out, NUL-terminated: at most 20 digits. */
static size_t digits(char *out, uint64_t v)
{
    char rev[20];
    size_t n = 0;
    do {
        rev[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        out[i] = rev[n - 1 - i];
    out[n] = '\0';
    return n;
}

size_t decimal_u64(char out[DECIMAL_SIZE], uint64_t v)
{
    return digits(out, v);
}

size_t decimal_i64(char out[DECIMAL_SIZE], int64_t v)
{
    if (v >= 0)
        return digits(out, (uint64_t)v);
    out[0] = '-';
    return 1 + digits(out + 1, 0 - (uint64_t)v); /* INT64_MIN too: negated as unsigned */
}
