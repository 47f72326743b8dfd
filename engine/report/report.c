/* report.c — the completion report as JSON, built from the store's verbs only (no SQL here):
 * the active roster, then each person's status for the 25 measures. */
#include "report.h"
#include "demo.h"
#include "report_diagnosis.h"
#include "followup.h"
#include "progress.h"
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

static void report_refresher(Json *j, const Progress *p, int m)
{
    static const char *const names[] = {"none", "due", "overdue"};
    json_key(j, "refresher");
    json_object(j);
    json_key(j, "state");
    json_string(j, names[p->refresh[m]]);
    json_key(j, "due_at");
    if (p->refresh_at[m])
        json_time(j, p->refresh_at[m]);
    else
        json_null(j);
    json_end(j);
}

static void report_measures(Json *j, const Progress *p)
{
    json_key(j, "measures");
    json_object(j);
    for (int m = 1; m <= MEASURES; m++) {
        char key[12];
        snprintf(key, sizeof key, "%d", m);
        json_key(j, key);
        json_object(j);
        report_lesson(j, &p->measures[m - 1]);
        report_test(j, &p->measures[m - 1]);
        report_refresher(j, p, m - 1);
        json_end(j);
    }
    json_end(j);
}

static void time_or_null(Json *j, const char *key, int64_t t)
{
    json_key(j, key);
    if (t)
        json_time(j, t);
    else
        json_null(j);
}

static void report_followup(Json *j, const Progress *p)
{
    json_key(j, "followup");
    json_object(j);
    json_key(j, "due");
    json_int(j, p->followup_due);
    json_key(j, "overdue");
    json_int(j, p->followup_overdue);
    time_or_null(j, "last_at", p->last_followup);
    time_or_null(j, "next_at", p->next_followup);
    json_end(j);
    json_key(j, "refreshers_due");
    json_int(j, p->refreshers_due);
    time_or_null(j, "last_activity", p->last_activity);
}

static void kv(Json *j, const char *k, const char *v)
{
    json_key(j, k);
    json_string(j, v);
}

static void json_pledge(Json *j, const PledgeStatus *ps)
{
    static const char *const states[] = {"none", "old_version", "signed"}; /* PledgeState */
    json_key(j, "pledge");
    json_object(j);
    kv(j, "state", states[ps->state]);
    json_key(j, "version");
    if (ps->version)
        json_int(j, ps->version);
    else
        json_null(j);
    time_or_null(j, "signed_at", ps->signed_at);
    kv(j, "record_code", ps->record_code[0] ? ps->record_code : NULL);
    json_end(j);
}

/* Company-wide, whatever department the report covers: the president and every active person
 * signed the current pledge. */
static bool report_one_star(Json *j, Store *s, const Content *c, Err *e)
{
    PledgeReadiness r;
    if (!store_pledge_readiness(s, c && c->pledge ? c->pledge->version : 0, &r, e))
        return false;
    json_key(j, "one_star");
    json_object(j);
    json_key(j, "ready");
    json_bool(j, r.ready);
    json_key(j, "president_signed");
    json_bool(j, r.president_signed);
    json_key(j, "missing");
    json_array(j);
    for (int i = 0; i < r.nmissing; i++)
        json_string(j, r.missing[i]);
    json_end(j);
    json_end(j);
    store_pledge_readiness_free(&r);
    return true;
}

/* The company's diagnoses: the latest in full and the score history (report_diagnosis.h). */
static bool report_diagnosis(Json *j, Store *s, const Content *c, Err *e)
{
    DiagRecord *rows;
    int n;
    if (!store_list_diagnoses(s, DIAG_COMPANY, NULL, &rows, &n, e))
        return false;
    json_key(j, "diagnosis");
    report_diag_json_section(j, c ? c->diagnosis : NULL, rows, n);
    free(rows);
    return true;
}

static void report_person(Json *j, const Employee *p, const Progress *pr)
{
    json_object(j);
    kv(j, "code", p->code);
    kv(j, "name", p->name);
    kv(j, "kana", p->kana);
    kv(j, "department", p->department);
    kv(j, "role", store_role_name(p->role));
    kv(j, "lang", store_lang_name(p->lang));
    json_pledge(j, &pr->pledge);
    report_followup(j, pr);
    report_measures(j, pr);
    json_end(j);
}

bool report_json(Store *s, const Content *c, FILE *out, int64_t now, Err *e)
{
    return report_json_department(s, c, NULL, out, now, e);
}

static bool in_department(const Employee *p, const char *department)
{
    return !department || !department[0] || strcmp(p->department, department) == 0;
}

static bool json_department(Store *s, const Content *c, const char *department, FILE *out, int64_t now,
                            Err *e);

bool report_json_department(Store *s, const Content *c, const char *department, FILE *out, int64_t now,
                            Err *e)
{
    if (!store_read_begin(s, e)) /* every figure from one moment, even while the kiosk writes */
        return false;
    bool ok = json_department(s, c, department, out, now, e);
    store_read_end(s);
    return ok;
}

/* The progress of everyone in the department (*out[i] for people[i], heap), read at once. */
static bool department_progress(Store *s, const ReportRules *r, const Employee *people, int n,
                                const char *department, Progress **out, Err *e)
{
    ProgressOf *each = xcalloc((size_t)n + 1, sizeof *each);
    int m = 0;
    *out = xcalloc((size_t)n + 1, sizeof **out);
    for (int i = 0; i < n; i++)
        if (in_department(&people[i], department))
            each[m++] = (ProgressOf){people[i].code, &(*out)[i]};
    bool ok = report_progress_each(s, r, each, m, e);
    free(each);
    if (!ok)
        free(*out), *out = NULL;
    return ok;
}

static bool json_department(Store *s, const Content *c, const char *department, FILE *out, int64_t now,
                            Err *e)
{
    Employee *people;
    Progress *progress;
    int n;
    ReportRules rules;
    if (!report_rules(s, c, now, &rules, e) || !store_list_employees(s, false, &people, &n, e))
        return false;
    if (!department_progress(s, &rules, people, n, department, &progress, e)) {
        free(people);
        return false;
    }
    Json j;
    json_init(&j, out, 4); /* one line per measure */
    json_object(&j);
    json_key(&j, "generated");
    json_time(&j, now);
    kv(&j, "content_version", c ? c->version : NULL);
    int ndemo = 0; /* sample people (demo.h) are said to be there, never mixed in unsaid */
    for (int i = 0; i < n; i++)
        ndemo += in_department(&people[i], department) && demo_is(&people[i]);
    json_key(&j, "demo_people");
    json_int(&j, ndemo);
    json_key(&j, "employees");
    json_array(&j);
    for (int i = 0; i < n; i++)
        if (in_department(&people[i], department))
            report_person(&j, &people[i], &progress[i]);
    free(people);
    free(progress);
    json_end(&j);
    if (!report_one_star(&j, s, c, e) || !report_diagnosis(&j, s, c, e))
        return false;
    json_end(&j);
    if (fflush(out) != 0 || ferror(out))
        return err_set(e, "could not write the report: %s", strerror(errno ? errno : EIO));
    return true;
}
