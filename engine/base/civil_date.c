/* civil_date.c — see civil_date.h. */
#include "civil_date.h"

#include <stdio.h>
#include <string.h>

int64_t civil_days(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civil_date(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

int civil_days_in_month(int64_t y, int m)
{
    return (int)(civil_days(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - civil_days(y, m, 1));
}

bool civil_parse_date(const char *text, int64_t *day)
{
    int y, m, d, n = 0;
    if (strlen(text) != 10 || text[4] != '-' || text[7] != '-' ||
        sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 || y < 2000 || m < 1 || m > 12 ||
        d < 1 || d > civil_days_in_month(y, m))
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9'))
            return false;
    *day = civil_days(y, m, d);
    return true;
}

void civil_words(int64_t y, int m, int d, bool ja, bool with_year, char *buf, size_t size)
{
    static const char *const MONTHS[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const char *month = m >= 1 && m <= 12 ? MONTHS[m - 1] : "?";
    if (ja && with_year)
        snprintf(buf, size, "%lld年%d月%d日", (long long)y, m, d);
    else if (ja)
        snprintf(buf, size, "%d月%d日", m, d);
    else if (with_year)
        snprintf(buf, size, "%d %s %lld", d, month, (long long)y);
    else
        snprintf(buf, size, "%d %s", d, month);
}
