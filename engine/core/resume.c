/* resume.c — tests left half-done and resumed (see resume.h). */
#include "resume.h"

#include <stdlib.h>

/* Records draft d as an abandoned attempt (ended when the person left), then drops it. A draft that
 * no longer matches its pool is dropped unrecorded: its questions are gone from the content. */
static void settle(App *app, const Pool *pool, const TestDraft *d)
{
    Arena a = {0};
    Quiz z;
    Err e = {0};
    if (pool && quiz_resume(&z, &a, pool, d->state, &e)) {
        Attempt at;
        quiz_attempt(&z, d->code, false, d->saved, &at);
        app_record_attempt(app, &at);
    }
    store_drop_test_draft(app->store, d->code, d->measure, &e);
    arena_free(&a);
}

void resume_leave(App *app, const Quiz *z)
{
    char state[sizeof((TestDraft *)0)->state];
    Err e = {0};
    if (quiz_draft(z, state, sizeof state) &&
        store_save_test_draft(app->store, app->user.code, z->measure, state, app->now, &e))
        return;
    Attempt a;
    quiz_attempt(z, app->user.code, false, app->now, &a);
    app_record_attempt(app, &a); /* kept and retried if it cannot be written now */
}

bool resume_find(App *app, const Pool *pool, TestDraft *out)
{
    bool found = false;
    Err e = {0};
    if (!app->signed_in || !store_test_draft(app->store, app->user.code, pool->measure, out, &found, &e) ||
        !found || !quiz_resumable(out->saved, app->now))
        return false;
    Arena a = {0};
    Quiz z;
    bool ok = quiz_resume(&z, &a, pool, out->state, &e);
    arena_free(&a);
    if (!ok)
        settle(app, pool, out);
    return ok;
}

void resume_settle(App *app, const Pool *pool, bool finished)
{
    TestDraft d;
    bool found = false;
    Err e = {0};
    if (!app->signed_in || !store_test_draft(app->store, app->user.code, pool->measure, &d, &found, &e) ||
        !found)
        return;
    if (finished)
        store_drop_test_draft(app->store, d.code, d.measure, &e);
    else
        settle(app, pool, &d);
}

int resume_sweep(App *app)
{
    TestDraft *d = NULL;
    int n = 0;
    Err e = {0};
    if (!store_test_drafts_before(app->store, app->now - QUIZ_RESUME_S, &d, &n, &e))
        return 0;
    for (int i = 0; i < n; i++)
        settle(app, content_pool(app->content, d[i].measure), &d[i]);
    free(d);
    return n;
}
