/* report.c — the completion report as JSON, built from the store's verbs only (no SQL here):
 * the active roster, then each person's status for the 25 measures. */
#include "report.h"
#include "json.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void report_iso_time(int64_t t, char *buf, size_t size)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm)) {
        snprintf(buf, size, "1970-01-01T00:00:00Z");
        return;
    }
    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void json_time(Json *j, int64_t t)
{
    char buf[32];
    report_iso_time(t, buf, sizeof buf);
    json_string(j, buf);
}

static void report_lesson(Json *j, const MeasureStatus *m)
{
    json_key(j, "lesson");
    json_object(j);
    json_key(j, "read");
    json_bool(j, m->read_at != 0);
    if (m->read_at) {
        json_key(j, "read_at");
        json_time(j, m->read_at);
        json_key(j, "version");
        json_int(j, m->read_version);
    }
    json_end(j);
}

static void report_test(Json *j, const MeasureStatus *m)
{
    json_key(j, "test");
    json_object(j);
    json_key(j, "passed");
    json_bool(j, m->passed_at != 0);
    json_key(j, "best_score");
    json_int(j, m->best_score);
    json_key(j, "best_total");
    json_int(j, m->best_total);
    json_key(j, "passed_at");
    if (m->passed_at)
        json_time(j, m->passed_at);
    else
        json_null(j);
    json_key(j, "attempts");
    json_int(j, m->attempts);
    json_end(j);
}

static void report_measures(Json *j, const MeasureStatus st[MEASURES])
{
    json_key(j, "measures");
    json_object(j);
    for (int m = 1; m <= MEASURES; m++) {
        char key[12];
        snprintf(key, sizeof key, "%d", m);
        json_key(j, key);
        json_object(j);
        report_lesson(j, &st[m - 1]);
        report_test(j, &st[m - 1]);
        json_end(j);
    }
    json_end(j);
}

static void kv(Json *j, const char *k, const char *v)
{
    json_key(j, k);
    json_string(j, v);
}

static bool report_person(Json *j, Store *s, const Employee *p, Err *e)
{
    MeasureStatus st[MEASURES];
    if (!store_measure_status(s, p->code, st, e))
        return false;
    json_object(j);
    kv(j, "code", p->code);
    kv(j, "name", p->name);
    kv(j, "kana", p->kana);
    kv(j, "department", p->department);
    kv(j, "role", store_role_name(p->role));
    kv(j, "lang", store_lang_name(p->lang));
    report_measures(j, st);
    json_end(j);
    return true;
}

bool report_json(Store *s, const Content *c, FILE *out, int64_t now, Err *e)
{
    Employee *people;
    int n;
    if (!store_list_employees(s, false, &people, &n, e))
        return false;
    Json j;
    json_init(&j, out, 4); /* one line per measure */
    json_object(&j);
    json_key(&j, "generated");
    json_time(&j, now);
    kv(&j, "content_version", c ? c->version : NULL);
    json_key(&j, "employees");
    json_array(&j);
    bool ok = true;
    for (int i = 0; ok && i < n; i++)
        ok = report_person(&j, s, &people[i], e);
    free(people);
    if (!ok)
        return false;
    json_end(&j);
    json_end(&j);
    if (fflush(out) != 0 || ferror(out))
        return err_set(e, "could not write the report: %s", strerror(errno ? errno : EIO));
    return true;
}
