/* settings.c — the rules of the manager's settings and the check of a value against them. */
#include "settings.h"

#include "civil_date.h"
#include "text_guard.h"

#include <stdlib.h>
#include <string.h>

static const SettingRule RULES[] = {
    {"company_name", 1, 0, false, "the company name shown on the start screen", false},
    {"idle_timeout", 60, 3600, false,
     "seconds without a touch before the kiosk signs the person out, at least 60; a 20-second countdown "
     "comes "
     "first (120)",
     false},
    {"pass_percent", 50, 100, true, "pass mark for every test in percent, 50–100; 0 = each pool's own (0)",
     false},
    {"followup_length", 1, 20, false, "questions in one follow-up quiz (5)", false},
    {"refresher_months", 1, 60, false, "months after which a passed test is due again (12)", false},
    {"five_due_days", 1, 730, true,
     "days after joining (being added to the roster) to finish the five-article course; 0 = no such deadline "
     "(30)",
     false},
    {"five_due_date", 1, 0, false,
     "date by which everyone on the roster then finishes the five-article course, "
     "YYYY-MM-DD, or none (none)",
     true},
    {"all_due_days", 1, 1095, true, "days after joining to finish all 25 measures; 0 = no such deadline (90)",
     false},
    {"all_due_date", 1, 0, false,
     "date by which everyone on the roster then finishes all 25 measures, "
     "YYYY-MM-DD, or none (none)",
     true},
    {"default_lang", 1, 0, false, "ja or en: the language before anyone signs in (ja)", false},
    {"xapi_home_page", 1, 0, false, "xAPI: the account homePage of every actor (https://mamori.invalid)",
     false},
    {"xapi_activity_iri", 1, 0, false, "xAPI: the IRI activity ids start with (https://mamori.invalid/xapi)",
     false},
    {"xapi_last_sent", 0, 2147483647, false, "xAPI: the last record sent to the LRS (set by xapi send)",
     false},
};
enum { NRULES = sizeof RULES / sizeof RULES[0] };

const SettingRule *settings_rules(int *n)
{
    *n = NRULES;
    return RULES;
}

const SettingRule *settings_rule(const char *key)
{
    for (int i = 0; i < NRULES; i++)
        if (strcmp(RULES[i].key, key) == 0)
            return &RULES[i];
    return NULL;
}

static bool value_ok(const SettingRule *r, const char *v)
{
    if (strcmp(r->key, "default_lang") == 0)
        return strcmp(v, "ja") == 0 || strcmp(v, "en") == 0;
    int64_t day;
    if (r->date)
        return strcmp(v, "none") == 0 || civil_parse_date(v, &day);
    if (r->lo > r->hi)
        return v[0] && strlen(v) < 128;
    char *end;
    long n = strtol(v, &end, 10);
    bool digits = (v[0] >= '0' && v[0] <= '9') || (v[0] == '-' && v[1] >= '0' && v[1] <= '9');
    const char *first = v[0] == '-' ? v + 1 : v;
    bool plain = first[0] != '0' || !first[1]; /* "80", never "080": the value is kept as typed */
    /* no spaces or '+' around it */
    return digits && plain && !*end && ((n >= r->lo && n <= r->hi) || (r->zero_too && n == 0));
}

bool settings_check(const char *key, const char *value, Err *e)
{
    const SettingRule *r = settings_rule(key);
    if (!r)
        return err_set(e, "unknown setting '%s'", key);
    Err why = {{0}};
    if (!text_guard_check("the value", value, &why)) /* text_guard.h: no control, bidi, zero-width */
        return err_set(e, "%s: %s", key, why.msg);
    if (!value_ok(r, value))
        return err_set(e, "'%s' is not a valid value for %s: %s", value, key, r->about);
    return true;
}

long settings_number(const char *key, const char *value, long fallback)
{
    const SettingRule *r = settings_rule(key);
    if (!r || r->lo > r->hi || !value_ok(r, value))
        return fallback;
    return strtol(value, NULL, 10);
}
