/* cli_settings.c — listing and changing settings, each value checked before it is written. */
#include "cli_settings.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *key;
    long lo, hi;        /* a number in [lo, hi]; lo > hi means free text */
    const char *about;
} SettingRule;

static const SettingRule RULES[] = {
    {"company_name", 1, 0, "the company name shown on the start screen"},
    {"idle_timeout", 2, 3600, "seconds without a touch before the kiosk signs the person out (120)"},
    {"pass_percent", 0, 100, "pass mark for every test in percent; 0 = each pool's own (0)"},
    {"followup_length", 1, 20, "questions in one follow-up quiz (5)"},
    {"refresher_months", 1, 60, "months after which a passed test is due again (12)"},
    {"default_lang", 1, 0, "ja or en: the language before anyone signs in (ja)"},
};
enum { NRULES = sizeof RULES / sizeof RULES[0] };

static const SettingRule *rule_for(const char *key)
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
    if (r->lo > r->hi)
        return v[0] && strlen(v) < 128;
    char *end;
    long n = strtol(v, &end, 10);
    return v[0] && !*end && n >= r->lo && n <= r->hi;
}

static int usage(FILE *f, int rc)
{
    fputs("usage: mamori settings list\n       mamori settings set KEY VALUE\nkeys:\n", f);
    for (int i = 0; i < NRULES; i++)
        fprintf(f, "  %-17s %s\n", RULES[i].key, RULES[i].about);
    return rc;
}

static int list(Store *s)
{
    for (int i = 0; i < NRULES; i++) {
        char buf[256];
        bool found;
        Err e = {0};
        if (!store_get_setting(s, RULES[i].key, buf, sizeof buf, &found, &e))
            return fprintf(stderr, "mamori: %s\n", e.msg), 1;
        printf("%s=%s\n", RULES[i].key, found ? buf : "");
    }
    return 0;
}

static int set(Store *s, const char *key, const char *value, int64_t now)
{
    const SettingRule *r = rule_for(key);
    Err e = {0};
    if (!r)
        return fprintf(stderr, "mamori: unknown setting '%s'\n", key), usage(stderr, 2);
    if (!value_ok(r, value))
        return fprintf(stderr, "mamori: '%s' is not a valid value for %s: %s\n", value, key, r->about), 1;
    if (!store_set_setting(s, key, value, now, &e))
        return fprintf(stderr, "mamori: %s\n", e.msg), 1;
    printf("%s=%s\n", key, value);
    return 0;
}

int cli_settings(int argc, char **argv, const char *db_path, int64_t now)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0)
        return usage(argc < 2 ? stderr : stdout, argc < 2 ? 2 : 0);
    bool is_list = strcmp(argv[1], "list") == 0 && argc == 2;
    bool is_set = strcmp(argv[1], "set") == 0 && argc == 4;
    if (!is_list && !is_set)
        return usage(stderr, 2);
    Store *s = NULL;
    Err e = {0};
    if (!store_open(&s, db_path, &e))
        return fprintf(stderr, "mamori: %s\n", e.msg), 1;
    int rc = is_list ? list(s) : set(s, argv[2], argv[3], now);
    store_close(s);
    return rc;
}
