/* xapi.c — learning records as xAPI 1.0.3 statements (see xapi.h). */
#include "xapi.h"

#include "civil_date.h"
#include "report.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ADL "http://adlnet.gov/expapi/verbs/"
#define ADL_ACT "http://adlnet.gov/expapi/activities/"

static const char DEFAULT_HOME[] = "https://mamori.invalid";
static const char DEFAULT_IRI[] = "https://mamori.invalid/xapi";

static bool setting_or(Store *s, const char *key, const char *fallback, char *buf, size_t size, Err *e)
{
    bool found;
    if (!store_get_setting(s, key, buf, size, &found, e))
        return false;
    if (!found || !buf[0])
        snprintf(buf, size, "%s", fallback);
    size_t len = strlen(buf);
    if (len > 1 && buf[len - 1] == '/')
        buf[len - 1] = '\0';
    return true;
}

bool xapi_config(Store *s, XapiConfig *cfg, Err *e)
{
    return setting_or(s, "xapi_home_page", DEFAULT_HOME, cfg->home_page, sizeof cfg->home_page, e) &&
           setting_or(s, "xapi_activity_iri", DEFAULT_IRI, cfg->activity_iri, sizeof cfg->activity_iri, e);
}

void xapi_uuid_from(const char *uuid, int n, char out[37])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    char name[64];
    snprintf(name, sizeof name, "%s/%d", uuid, n);
    crypto_hash_sha256(h, (const unsigned char *)name, strlen(name));
    h[6] = (unsigned char)((h[6] & 0x0F) | 0x80); /* version 8 */
    h[8] = (unsigned char)((h[8] & 0x3F) | 0x80); /* RFC 9562 variant */
    static const char HEX[] = "0123456789abcdef";
    int o = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[o++] = '-';
        out[o++] = HEX[h[i] >> 4];
        out[o++] = HEX[h[i] & 15];
    }
    out[o] = '\0';
}

bool xapi_parse_time(const char *s, int64_t *out)
{
    int y, mo, d, h = 0, mi = 0, sec = 0, oh = 0, om = 0, used = 0;
    char sign = 'Z';
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &used) != 3 || used != 10)
        return false;
    const char *t = s + 10;
    if (*t == 'T') {
        if (sscanf(t, "T%2d:%2d:%2d%n", &h, &mi, &sec, &used) != 3 || used != 9)
            return false;
        t += 9;
        if (*t == 'Z')
            t++;
        else if ((*t == '+' || *t == '-') && sscanf(t + 1, "%2d:%2d%n", &oh, &om, &used) == 2 && used == 5)
            sign = *t, t += 6;
        else
            return false;
    }
    if (*t || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60 || oh > 23 || om > 59)
        return false;
    int64_t off = (int64_t)(oh * 3600 + om * 60) * (sign == '-' ? -1 : 1);
    *out = civil_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - off;
    return true;
}

typedef struct {
    Store *s;
    const Content *c;
    const XapiConfig *cfg;
    Json *j;
    int count;
    XapiIds *ids; /* borrowed, may be NULL */
} Out;

void xapi_ids_free(XapiIds *ids)
{
    free(ids->ids);
    *ids = (XapiIds){0};
}

static void remember(XapiIds *ids, const char *id)
{
    if (!ids)
        return;
    if (ids->n == ids->cap) {
        ids->cap = ids->cap ? ids->cap * 2 : 64;
        ids->ids = xrealloc(ids->ids, (size_t)ids->cap * sizeof *ids->ids);
    }
    snprintf(ids->ids[ids->n++], 37, "%s", id);
}

static void iso(Json *j, int64_t t)
{
    char buf[32];
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    json_string(j, buf);
}

static void kv(Json *j, const char *k, const char *v)
{
    json_key(j, k);
    json_string(j, v);
}

static void lang_map(Json *j, const char *key, Text t)
{
    json_key(j, key);
    json_object(j);
    if (t.ja)
        kv(j, "ja-JP", t.ja);
    if (t.en)
        kv(j, "en-US", t.en);
    json_end(j);
}

static void actor(Out *o, const LearningRecord *r)
{
    json_key(o->j, "actor");
    json_object(o->j);
    kv(o->j, "objectType", "Agent");
    kv(o->j, "name", r->name);
    json_key(o->j, "account");
    json_object(o->j);
    kv(o->j, "homePage", o->cfg->home_page);
    kv(o->j, "name", r->code);
    json_end(o->j);
    json_end(o->j);
}

static void verb(Out *o, const char *iri, const char *en, const char *ja)
{
    json_key(o->j, "verb");
    json_object(o->j);
    kv(o->j, "id", iri);
    lang_map(o->j, "display", (Text){ja, en});
    json_end(o->j);
}

/* "IRI/path" into buf. */
static const char *iri(const Out *o, char *buf, size_t size, const char *fmt, const char *a, int n)
{
    int len = snprintf(buf, size, "%s/", o->cfg->activity_iri);
    snprintf(buf + len, size - (size_t)len, fmt, a ? a : "", n);
    return buf;
}

static void activity(Out *o, const char *id, const char *type, Text name)
{
    json_key(o->j, "object");
    json_object(o->j);
    kv(o->j, "objectType", "Activity");
    kv(o->j, "id", id);
    json_key(o->j, "definition");
    json_object(o->j);
    kv(o->j, "type", type);
    if (name.ja || name.en)
        lang_map(o->j, "name", name);
    json_end(o->j);
    json_end(o->j);
}

static void ext_key(Out *o, const char *name)
{
    char buf[400];
    json_key(o->j, iri(o, buf, sizeof buf, "extensions/%s", name, 0));
}

/* context: the platform, and the record's place in the chain. */
static void context(Out *o, const LearningRecord *r, const char *parent, const char *ext, int ext_value)
{
    json_key(o->j, "context");
    json_object(o->j);
    kv(o->j, "platform", "mamori");
    kv(o->j, "language", "ja-JP");
    if (parent) {
        json_key(o->j, "contextActivities");
        json_object(o->j);
        json_key(o->j, "parent");
        json_array(o->j);
        json_object(o->j);
        kv(o->j, "id", parent);
        kv(o->j, "objectType", "Activity");
        json_end(o->j);
        json_end(o->j);
        json_end(o->j);
    }
    json_key(o->j, "extensions");
    json_object(o->j);
    ext_key(o, "record-seq");
    json_int(o->j, r->seq);
    if (ext) {
        ext_key(o, ext);
        json_int(o->j, ext_value);
    }
    json_end(o->j);
    json_end(o->j);
}

static void open_statement(Out *o, const char *id, const LearningRecord *r, int64_t t)
{
    json_object(o->j);
    kv(o->j, "id", id);
    remember(o->ids, id);
    actor(o, r);
    json_key(o->j, "timestamp");
    iso(o->j, t);
    kv(o->j, "version", "1.0.3");
    o->count++;
}

static void lesson_statement(Out *o, const LearningRecord *r)
{
    char id[400];
    const Lesson *l = content_lesson(o->c, r->measure);
    open_statement(o, r->uuid, r, r->time);
    verb(o, ADL "experienced", "experienced", "読んだ");
    activity(o, iri(o, id, sizeof id, "lessons/%s", r->lesson_id, 0), ADL_ACT "lesson",
             l ? l->title : (Text){0});
    context(o, r, NULL, "lesson-version", r->version);
    json_end(o->j);
}

static void duration(Json *j, int64_t seconds)
{
    char buf[32];
    snprintf(buf, sizeof buf, "PT%lldS", (long long)(seconds > 0 ? seconds : 0));
    kv(j, "duration", buf);
}

static void score(Json *j, const LearningRecord *r)
{
    json_key(j, "score");
    json_object(j);
    json_key(j, "raw");
    json_int(j, r->score);
    json_key(j, "min");
    json_int(j, 0);
    json_key(j, "max");
    json_int(j, r->total);
    json_key(j, "scaled");
    json_fixed(j, r->total ? (double)r->score / r->total : 0.0, 4);
    json_end(j);
}

static void attempt_result(Out *o, const LearningRecord *r)
{
    json_key(o->j, "result");
    json_object(o->j);
    if (r->finished && r->total > 0)
        score(o->j, r);
    if (r->finished) {
        json_key(o->j, "success");
        json_bool(o->j, r->passed);
    }
    json_key(o->j, "completion");
    json_bool(o->j, r->finished);
    if (r->ended >= r->started && r->started > 0)
        duration(o->j, r->ended - r->started);
    json_end(o->j);
}

static const char *test_iri(const Out *o, const LearningRecord *r, char *buf, size_t size)
{
    return r->attempt == ATTEMPT_FOLLOWUP ? iri(o, buf, size, "followup", NULL, 0)
                                          : iri(o, buf, size, "measures/%s%d/test", "", r->measure);
}

static void attempt_statement(Out *o, const LearningRecord *r)
{
    char id[400];
    bool followup = r->attempt == ATTEMPT_FOLLOWUP;
    open_statement(o, r->uuid, r, r->ended ? r->ended : r->time);
    if (!r->finished)
        verb(o, ADL "terminated", "terminated", "中断した");
    else if (followup)
        verb(o, ADL "completed", "completed", "終えた");
    else
        verb(o, r->passed ? ADL "passed" : ADL "failed", r->passed ? "passed" : "failed",
             r->passed ? "合格した" : "不合格だった");
    const Lesson *l = followup ? NULL : content_lesson(o->c, r->measure);
    Text name = followup ? (Text){"フォローアップ", "Follow-up quiz"} : l ? l->title : (Text){0};
    activity(o, test_iri(o, r, id, sizeof id), ADL_ACT "assessment", name);
    attempt_result(o, r);
    context(o, r, NULL, "pass-percent", r->pass_percent);
    json_end(o->j);
}

/* "0[,]2": the choices picked, content order. */
static void response(Json *j, unsigned picked)
{
    char buf[200] = "";
    size_t len = 0;
    for (int i = 0; i < 32 && len < sizeof buf - 8; i++)
        if (picked & (1u << i))
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%d", len ? "[,]" : "", i);
    kv(j, "response", buf);
}

static void answer_statement(Out *o, const LearningRecord *r, int n, const LoggedAnswer *a, unsigned picked)
{
    char id[37], act[400], parent[400];
    xapi_uuid_from(r->uuid, n + 1, id);
    open_statement(o, id, r, a->time ? a->time : r->time);
    verb(o, ADL "answered", "answered", "回答した");
    json_key(o->j, "object");
    json_object(o->j);
    kv(o->j, "objectType", "Activity");
    kv(o->j, "id", iri(o, act, sizeof act, "questions/%s", a->question_id, 0));
    json_key(o->j, "definition");
    json_object(o->j);
    kv(o->j, "type", "http://adlnet.gov/expapi/activities/cmi.interaction");
    kv(o->j, "interactionType", "choice");
    json_end(o->j);
    json_end(o->j);
    json_key(o->j, "result");
    json_object(o->j);
    json_key(o->j, "success");
    json_bool(o->j, a->correct);
    response(o->j, picked);
    json_end(o->j);
    context(o, r, test_iri(o, r, parent, sizeof parent), NULL, 0);
    json_end(o->j);
}

static bool answer_statements(Out *o, const LearningRecord *r, Err *e)
{
    LoggedAnswer *ans;
    unsigned *picked;
    int n;
    if (!store_attempt_answers(o->s, r->seq, &ans, &picked, &n, e))
        return false;
    for (int i = 0; i < n; i++)
        answer_statement(o, r, i, &ans[i], picked[i]);
    free(ans);
    free(picked);
    return true;
}

static void pledge_statement(Out *o, const LearningRecord *r)
{
    char id[400], v[400];
    bool pres = r->pledge == PLEDGE_PRESIDENT;
    open_statement(o, r->uuid, r, r->time);
    verb(o, iri(o, v, sizeof v, "verbs/signed", NULL, 0), "signed", "署名した");
    activity(o, iri(o, id, sizeof id, "pledges/%s", pres ? "president" : "employee", 0),
             "http://adlnet.gov/expapi/activities/assessment",
             pres ? (Text){"情報セキュリティ基本方針（社長の宣言）", "The company's pledge (president)"}
                  : (Text){"情報セキュリティ5か条の宣言書", "The five articles pledge"});
    context(o, r, NULL, "pledge-version", r->version);
    json_end(o->j);
}

bool xapi_statements(Store *s, const Content *c, const XapiConfig *cfg, const LearningRecord *recs, int n,
                     Json *j, int *count, XapiIds *ids, Err *e)
{
    Out o = {s, c, cfg, j, 0, ids};
    for (int i = 0; i < n; i++) {
        const LearningRecord *r = &recs[i];
        if (r->kind == LEARN_LESSON)
            lesson_statement(&o, r);
        else if (r->kind == LEARN_PLEDGE)
            pledge_statement(&o, r);
        else if (!(attempt_statement(&o, r), answer_statements(&o, r, e)))
            return false;
    }
    *count = o.count;
    return true;
}
