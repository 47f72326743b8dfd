/* settings.h — the kiosk's rules a manager may change (company_name, idle_timeout, pass_percent,
 * followup_length, refresher_months, the deadlines, default_lang) and what values each accepts. The command
 * line (`mamori settings`) and the kiosk's settings screen check values here, so both refuse the
 * same things. What must stay true: a value that settings_check accepts is one app_load_settings
 * reads as given (the ranges here and there agree). */
#ifndef MAMORI_SETTINGS_H
#define MAMORI_SETTINGS_H

#include "err.h"

#include <stdbool.h>

typedef struct {
    const char *key;
    long lo, hi;       /* a whole number in [lo, hi]; lo > hi means text (1–127 bytes) */
    bool zero_too;     /* 0 is accepted as well, meaning "not set" (pass_percent: each test's own) */
    const char *about; /* one line for the usage, with the default in brackets */
    bool date;         /* a date YYYY-MM-DD, or "none" for no date */
} SettingRule;

/* Every rule, in the order they are listed; *n gets how many. Static. */
const SettingRule *settings_rules(int *n);
/* The rule for key, or NULL when there is none. */
const SettingRule *settings_rule(const char *key);
/* True when value is acceptable for key; else false with e saying why (plain English). */
bool settings_check(const char *key, const char *value, Err *e);
/* The number value stands for under key's rule, or fallback when value is not acceptable (a
 * value written before the rule was tightened): what the kiosk reads. */
long settings_number(const char *key, const char *value, long fallback);

#endif
