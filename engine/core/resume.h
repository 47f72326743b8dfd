/* resume.h — tests left half-done: kept as a draft when the person leaves (中断する, sign-out, the
 * idle timeout), offered again to the same person for QUIZ_RESUME_S (30 minutes) from where they
 * were, and recorded as abandoned only once that window has passed without them (or when they
 * start the same test afresh). The draft lives in the database (store_test_draft.c), so it
 * survives the sign-out and a restart of the kiosk.
 *
 * What must stay true: every test left half-done ends up recorded exactly once — finished (after
 * a resume) or abandoned (a draft that expired, was replaced, or could not be kept); an answer is
 * never recorded twice. */
#ifndef MAMORI_RESUME_H
#define MAMORI_RESUME_H

#include "app.h"
#include "quiz.h"

/* The signed-in person leaves the test z before its end: keeps it as a draft when it is a
 * comprehension test with an answer given; otherwise, or when the draft cannot be written,
 * records it as abandoned at once (as app_record_attempt: kept in the outbox if need be). */
void resume_leave(App *app, const Quiz *z);
/* The signed-in person's draft at measure that may still be resumed and still matches the pool:
 * true with *out filled; false when there is none. A draft that no longer matches is settled. */
bool resume_find(App *app, const Pool *pool, TestDraft *out);
/* The test at this measure is starting afresh or has been finished: an older draft of it is
 * settled (recorded as abandoned) or, with finished set, just dropped (the resumed test holds
 * its answers). */
void resume_settle(App *app, const Pool *pool, bool finished);
/* Records every draft whose window has passed as an abandoned attempt (ended when the person
 * left) and drops it. Returns how many were recorded; errors leave the drafts for the next time. */
int resume_sweep(App *app);

#endif
