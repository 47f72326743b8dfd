/* cli_settings.c — listing and changing settings, each value checked (settings.h) before it is
 * written. */
#include "cli_settings.h"
#include "settings.h"
#include "store.h"

#include <stdio.h>
#include <string.h>

static int usage(FILE *f, int rc)
{
    int n;
    const SettingRule *rules = settings_rules(&n);
    fputs("usage: mamori settings list\n       mamori settings set KEY VALUE\nkeys:\n", f);
    for (int i = 0; i < n; i++)
        fprintf(f, "  %-17s %s\n", rules[i].key, rules[i].about);
    return rc;
}

static int list(Store *s)
{
    int n;
    const SettingRule *rules = settings_rules(&n);
    for (int i = 0; i < n; i++) {
        char buf[256];
        bool found;
        Err e = {0};
        if (!store_get_setting(s, rules[i].key, buf, sizeof buf, &found, &e))
            return fprintf(stderr, "mamori: %s\n", e.msg), 1;
        printf("%s=%s\n", rules[i].key, found ? buf : "");
    }
    return 0;
}

static int set(Store *s, const char *key, const char *value, int64_t now)
{
    Err e = {0};
    if (!settings_rule(key))
        return fprintf(stderr, "mamori: unknown setting '%s'\n", key), usage(stderr, 2);
    if (!settings_check(key, value, &e))
        return fprintf(stderr, "mamori: %s\n", e.msg), 1;
    if (!store_set_setting(s, key, value, now, &e))
        return fprintf(stderr, "mamori: %s\n", e.msg), 1;
    printf("%s=%s\n", key, value);
    return 0;
}

int cli_settings(const CliContext *cx, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0)
        return usage(argc < 2 ? stderr : stdout, argc < 2 ? 2 : 0);
    bool is_list = strcmp(argv[1], "list") == 0 && argc == 2;
    bool is_set = strcmp(argv[1], "set") == 0 && argc == 4;
    if (!is_list && !is_set)
        return usage(stderr, 2);
    Store *s = NULL;
    Err e = {0};
    bool opened = is_list ? store_open_readonly(&s, cx->db, &e) /* reading: a read-only copy will do */
                          : store_open(&s, cx->db, &e);
    if (!opened)
        return fprintf(stderr, "mamori: %s\n", e.msg), 1;
    int rc = is_list ? list(s) : set(s, argv[2], argv[3], cx->now);
    store_close(s);
    return rc;
}
