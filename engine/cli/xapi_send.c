/* xapi_send.c — POSTing statements to an LRS with libcurl (see xapi_send.h). */
#include "xapi_send.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

typedef struct {
    char *data; /* heap */
    size_t len;
} Reply;

enum { REPLY_MAX = 4 * 1024 * 1024 };

static size_t on_data(char *p, size_t size, size_t n, void *arg)
{
    Reply *r = arg;
    size_t add = size * n;
    if (r->len + add > REPLY_MAX)
        return 0; /* an answer this long is not a list of ids: stop reading */
    r->data = xrealloc(r->data, r->len + add + 1);
    memcpy(r->data + r->len, p, add);
    r->len += add;
    r->data[r->len] = '\0';
    return add;
}

static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        p++;
    return p;
}

bool xapi_reply_ok(const char *reply, size_t len, const XapiIds *ids)
{
    const char *p = skip_ws(reply, reply + len), *end = reply + len;
    if (p == end || *p++ != '[')
        return false;
    for (int i = 0; i < ids->n; i++) {
        p = skip_ws(p, end);
        if (i && (p == end || *p++ != ','))
            return false;
        p = skip_ws(p, end);
        if (end - p < 38 || p[0] != '"' || p[37] != '"' || strncasecmp(p + 1, ids->ids[i], 36) != 0)
            return false;
        p += 38;
    }
    p = skip_ws(p, end);
    return p < end && *p == ']' && skip_ws(p + 1, end) == end;
}

static void wait_ms(int ms)
{
    struct timespec t = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

/* One attempt: the HTTP status in *status (0: no answer, with why in e). */
static bool post_once(CURL *c, const XapiLrs *lrs, const char *body, size_t len, Reply *r, long *status,
                      Err *e)
{
    char url[2100], errbuf[CURL_ERROR_SIZE] = "";
    size_t ulen = strlen(lrs->url);
    snprintf(url, sizeof url, "%.*s/statements", (int)(ulen && lrs->url[ulen - 1] == '/' ? ulen - 1 : ulen),
             lrs->url);
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json; charset=utf-8");
    h = curl_slist_append(h, "X-Experience-API-Version: 1.0.3");
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 15L);
    if (lrs->user) {
        curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
        curl_easy_setopt(c, CURLOPT_USERNAME, lrs->user);
        curl_easy_setopt(c, CURLOPT_PASSWORD, lrs->password ? lrs->password : "");
    }
    CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(h);
    *status = 0;
    if (rc != CURLE_OK)
        return err_set(e, "%s: %s", url, errbuf[0] ? errbuf : curl_easy_strerror(rc));
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
    return true;
}

static bool retryable(long status)
{
    return status == 0 || status == 429 || status >= 500;
}

/* The LRS's answer to a request that arrived: accepted, or why not. */
static bool judge(const XapiLrs *lrs, long status, const Reply *r, const XapiIds *ids, Err *e)
{
    if (status == 200 && xapi_reply_ok(r->data ? r->data : "", r->len, ids))
        return true;
    if (status == 200)
        return err_set(e,
                       "%s answered 200 but not with the %d statement ids sent; not trusted, so not"
                       " remembered as sent",
                       lrs->url, ids->n);
    return err_set(e, "%s answered HTTP %ld: %.200s", lrs->url, status, r->data ? r->data : "");
}

bool xapi_post(const XapiLrs *lrs, const char *body, size_t len, const XapiIds *ids, Err *e)
{
    CURL *c = curl_easy_init();
    if (!c)
        return err_set(e, "cannot start libcurl");
    bool ok = false;
    int wait = lrs->first_wait_ms;
    for (int t = 0; t < lrs->tries; t++) {
        Reply r = {0};
        long status;
        bool arrived = post_once(c, lrs, body, len, &r, &status, e);
        bool again = !arrived || retryable(status);
        if (arrived)
            ok = judge(lrs, status, &r, ids, e);
        free(r.data);
        if (ok || !again)
            break;
        if (t + 1 < lrs->tries) {
            fprintf(stderr, "mamori: xapi: %s; trying again in %d ms\n", e->msg, wait);
            wait_ms(wait);
            wait *= 2;
        }
    }
    curl_easy_cleanup(c);
    return ok;
}
