/* sync.c — the kiosk's thread that talks to the shared server (see sync.h). */
#include "sync.h"
#include "paths.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct Sync {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t thread;
    char *uri, *cache_path; /* heap */
    /* shared with the frame loop, under mu: */
    bool stop, poked, ended;
    int64_t busy_since; /* Unix seconds when the current server call began; 0 = none */
    SyncStatus status;
    /* the thread's own: */
    Store *cache, *server;
    int64_t last_mirror, last_report;
    OutboxCount reported;
};

bool sync_is_server(const char *target)
{
    return strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0;
}

bool sync_default_cache(const char *uri, char *buf, size_t size, Err *e)
{
    char db[4096];
    uint64_t h = 0xcbf29ce484222325u;
    for (const unsigned char *p = (const unsigned char *)uri; *p; p++)
        h = (h ^ *p) * 0x100000001b3u;
    if (!paths_default_db(db, sizeof db, e))
        return false;
    char *slash = strrchr(db, '/');
    if (slash)
        slash[1] = '\0';
    snprintf(buf, size, "%smamori-cache-%016llx.db", slash ? db : "", (unsigned long long)h);
    return true;
}

/* The URI with a short connect timeout, unless it sets its own. Heap. */
static char *dial_uri(const char *uri)
{
    size_t n = strlen(uri) + 40;
    char *s = xmalloc(n);
    if (strstr(uri, "connect_timeout="))
        snprintf(s, n, "%s", uri);
    else
        snprintf(s, n, "%s%cconnect_timeout=%d", uri, strchr(uri, '?') ? '&' : '?', SYNC_CONNECT_TIMEOUT);
    return s;
}

static int64_t now_s(void)
{
    return (int64_t)time(NULL);
}

/* Sleeps up to ms, or until poked or stopped. Returns false when stopped. */
static bool nap(Sync *s, int ms)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += ms / 1000;
    until.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L)
        until.tv_sec++, until.tv_nsec -= 1000000000L;
    pthread_mutex_lock(&s->mu);
    while (!s->stop && !s->poked)
        if (pthread_cond_timedwait(&s->cv, &s->mu, &until) == ETIMEDOUT)
            break;
    s->poked = false;
    bool go_on = !s->stop;
    pthread_mutex_unlock(&s->mu);
    return go_on;
}

static void set_busy(Sync *s, bool busy)
{
    pthread_mutex_lock(&s->mu);
    s->busy_since = busy ? now_s() : 0;
    pthread_mutex_unlock(&s->mu);
}

/* After a pass (ok) or a failure (e): what the frame loop sees. */
static void publish(Sync *s, bool online, const Err *e)
{
    OutboxCount c;
    Err ce = {0};
    bool counted = store_outbox_count(s->cache, &c, &ce);
    pthread_mutex_lock(&s->mu);
    s->status.online = online;
    if (online)
        s->status.last_contact = now_s();
    s->status.mirrored = s->last_mirror;
    if (counted)
        s->status.outbox = c;
    snprintf(s->status.last_error, sizeof s->status.last_error, "%.290s", online ? "" : e->msg);
    pthread_mutex_unlock(&s->mu);
}

static void disconnect(Sync *s, const Err *e)
{
    store_close(s->server);
    s->server = NULL;
    publish(s, false, e);
}

static bool connect_server(Sync *s, Err *e)
{
    char *uri = dial_uri(s->uri);
    set_busy(s, true);
    bool ok = store_open(&s->server, uri, e);
    set_busy(s, false);
    free(uri);
    s->last_mirror = 0; /* a new connection: copy the record now */
    return ok;
}

/* Every waiting event, in order (refused ones are tried again each pass). *sent: any appended. */
static bool send_all(Sync *s, bool *sent, Err *e)
{
    int64_t after = 0;
    SendOutcome o;
    *sent = false;
    do {
        if (!store_send_next(s->cache, s->server, &after, &o, e))
            return false;
        *sent |= o == SEND_SENT;
    } while (o != SEND_NONE);
    return true;
}

static bool mirror(Sync *s, Err *e)
{
    bool more = true;
    while (more)
        if (!store_mirror(s->server, s->cache, 500, &more, e))
            return false;
    s->last_mirror = now_s();
    return true;
}

/* This kiosk's state to the server, when it changed or every SYNC_MIRROR_S. */
static bool report(Sync *s, Err *e)
{
    OutboxCount c;
    if (!store_outbox_count(s->cache, &c, e))
        return false;
    if (c.waiting == s->reported.waiting && c.refused == s->reported.refused &&
        now_s() - s->last_report < SYNC_MIRROR_S)
        return true;
    if (!store_kiosk_report(s->server, store_kiosk_id(s->cache), now_s(), &c, e))
        return false;
    s->reported = c;
    s->last_report = now_s();
    return true;
}

static bool pass(Sync *s, Err *e)
{
    bool sent;
    set_busy(s, true);
    bool ok = send_all(s, &sent, e) &&
              (!sent && s->last_mirror && now_s() - s->last_mirror < SYNC_MIRROR_S ? store_ping(s->server, e)
                                                                                   : mirror(s, e)) &&
              report(s, e);
    set_busy(s, false);
    return ok;
}

static void *run(void *arg)
{
    Sync *s = arg;
    bool go_on = true;
    while (go_on) {
        Err e = {0};
        if (!s->server && !connect_server(s, &e)) {
            disconnect(s, &e);
            go_on = nap(s, SYNC_RETRY_MS);
            continue;
        }
        if (!pass(s, &e)) {
            disconnect(s, &e);
            go_on = nap(s, SYNC_RETRY_MS);
            continue;
        }
        publish(s, true, &e);
        go_on = nap(s, SYNC_PASS_MS);
    }
    store_close(s->server);
    s->server = NULL;
    pthread_mutex_lock(&s->mu);
    s->ended = true;
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

static void sync_free(Sync *s)
{
    store_close(s->cache);
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->cv);
    free(s->uri);
    free(s->cache_path);
    free(s);
}

bool sync_start(Sync **out, const char *uri, const char *cache_path, Err *e)
{
    Sync *s = xcalloc(1, sizeof *s);
    *out = NULL;
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->cv, NULL);
    s->uri = xstrdup(uri);
    s->cache_path = xstrdup(cache_path);
    snprintf(s->status.last_error, sizeof s->status.last_error, "not yet connected");
    if (!store_open_cache(&s->cache, cache_path, e)) {
        sync_free(s);
        return false;
    }
    store_set_busy_timeout(s->cache, STORE_OPEN_BUSY_MS);
    if (pthread_create(&s->thread, NULL, run, s) != 0) {
        sync_free(s);
        return err_set(e, "cannot start the thread that talks to the server");
    }
    *out = s;
    return true;
}

void sync_poke(Sync *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&s->mu);
    s->poked = true;
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

void sync_status(Sync *s, int64_t now, SyncStatus *out)
{
    pthread_mutex_lock(&s->mu);
    *out = s->status;
    if (s->busy_since && now - s->busy_since > SYNC_STALL_S) {
        out->online = false;
        snprintf(out->last_error, sizeof out->last_error, "the server does not answer");
    }
    pthread_mutex_unlock(&s->mu);
}

bool sync_wait_mirrored(Sync *s, int ms)
{
    for (int waited = 0; waited < ms; waited += 50) {
        pthread_mutex_lock(&s->mu);
        bool done = s->status.mirrored != 0;
        pthread_mutex_unlock(&s->mu);
        if (done)
            return true;
        struct timespec t = {0, 50 * 1000000L};
        nanosleep(&t, NULL);
    }
    return false;
}

void sync_stop(Sync *s, int ms)
{
    if (!s)
        return;
    pthread_mutex_lock(&s->mu);
    s->stop = true;
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
    bool ended = false;
    for (int waited = 0; !ended && waited < ms; waited += 20) {
        pthread_mutex_lock(&s->mu);
        ended = s->ended;
        pthread_mutex_unlock(&s->mu);
        if (!ended) {
            struct timespec t = {0, 20 * 1000000L};
            nanosleep(&t, NULL);
        }
    }
    if (!ended) { /* stuck in a call to a server that does not answer: the process ends anyway */
        pthread_detach(s->thread);
        return;
    }
    pthread_join(s->thread, NULL);
    sync_free(s);
}
