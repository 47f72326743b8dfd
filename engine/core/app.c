/* app.c — settings, randomness and the language choice of the kiosk context. */
#include "app.h"
#include "followup.h"
#include "settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

uint64_t app_random(App *app)
{
    uint64_t z = (app->rng += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* A number setting under its rule (settings.h), or fallback when unset or out of its range. */
static bool setting_int(Store *s, const char *key, int fallback, int *out, Err *e)
{
    char buf[64];
    bool found;
    if (!store_get_setting(s, key, buf, sizeof buf, &found, e))
        return false;
    *out = found ? (int)settings_number(key, buf, fallback) : fallback;
    return true;
}

bool app_load_settings(App *app, Err *e)
{
    Settings *st = &app->settings;
    char lang[8];
    bool found;
    if (!store_get_setting(app->store, "company_name", st->company, sizeof st->company, &found, e) ||
        !setting_int(app->store, "idle_timeout", 120, &st->idle_timeout_s, e) ||
        !setting_int(app->store, "followup_length", 5, &st->followup_length, e) ||
        !setting_int(app->store, "refresher_months", 12, &st->refresher_months, e) ||
        !setting_int(app->store, "pass_percent", 0, &st->pass_percent, e) ||
        !store_get_setting(app->store, "default_lang", lang, sizeof lang, &found, e))
        return false;
    st->default_lang = strcmp(lang, "en") == 0 ? LANG_EN : LANG_JA;
    return true;
}

bool source_open(const StoreSource *src, bool write, Store **out, Err *e)
{
    *out = NULL;
    if (!src->target)
        return err_set(e, "no second connection to the record can be opened");
    bool ok = src->cache ? store_open_cache(out, src->target, e)
              : write    ? store_open(out, src->target, e)
                         : store_open_readonly(out, src->target, e);
    if (ok && src->version)
        store_set_content_version(*out, src->version);
    return ok;
}

const char *app_text(const App *app, Text t)
{
    return text_get(t, app->lang);
}

const char *app_str(const App *app, const char *ja, const char *en)
{
    return app->lang == LANG_EN ? en : ja;
}

int app_text_pct(const App *app)
{
    return app->large_text ? 125 : 100;
}

bool app_init_fsrs(App *app, Err *e)
{
    FsrsParams p = followup_params();
    time_t now = time(NULL);
    struct tm local, utc;
    localtime_r(&now, &local);
    gmtime_r(&now, &utc);
    utc.tm_isdst = local.tm_isdst;
    p.day_offset = (int)(now - mktime(&utc)); /* seconds east of UTC, in POSIX terms */
    return fsrs_init(&app->fsrs, &p, e);
}

/* Straight into the record when nothing waits before it (keeping the order) but results the
 * record refuses for good (outbox.refused); otherwise, or when that fails, into the outbox,
 * which keeps it in its file before anyone is told. */
int app_record_attempt(App *app, const Attempt *a)
{
    Outbox *o = &app->outbox;
    if (o->nitems == 0 || outbox_flush(o, app->store, app->now) == o->refused) { /* only refused ones wait */
        Err e = {0};
        if (store_record_attempt(app->store, a, &e)) {
            sync_poke(app->sync);
            return 0;
        }
        snprintf(o->last_error, sizeof o->last_error, "%s", e.msg);
        o->last_try = app->now;
    }
    return outbox_add(o, app->store, a, app->now);
}

void app_sync_state(const App *app, SyncStatus *out)
{
    *out = (SyncStatus){.online = true};
    if (!app->sync)
        return;
    sync_status(app->sync, app->now, out);
    store_outbox_count(app->store, &out->outbox, NULL); /* the cache's own count, not the last pass's */
}
