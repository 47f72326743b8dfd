/* civil_date.h — dates of the proleptic Gregorian calendar as days since 1970-01-01 and back
 * (Howard Hinnant's days_from_civil / civil_from_days), for date arithmetic in UTC without
 * the locale and time-zone state of mktime/gmtime. Exact for every int64 day the program meets. */
#ifndef MAMORI_CIVIL_DATE_H
#define MAMORI_CIVIL_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Days since 1970-01-01 of year y, month m (1–12), day d (1–31). */
int64_t civil_days(int64_t y, int m, int d);

/* The date of day z (days since 1970-01-01). */
void civil_date(int64_t z, int64_t *y, int *m, int *d);

/* 28–31. */
int civil_days_in_month(int64_t y, int m);

/* Days since 1970-01-01 of a "YYYY-MM-DD" date (year 2000–9999); false when text is not a real
 * date written exactly so. */
bool civil_parse_date(const char *text, int64_t *day);

/* The one way mamori writes a date for people, at the kiosk and in print: "2026年1月5日" (ja) or
 * "5 Jan 2026" (en); with_year false drops the year ("1月5日", "5 Jan"). buf >= 40 bytes. */
void civil_words(int64_t y, int m, int d, bool ja, bool with_year, char *buf, size_t size);

#endif
