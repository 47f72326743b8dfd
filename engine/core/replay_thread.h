/* replay_thread.h — follow-up replays on a thread of their own while the answers are still being
 * read (pure core, no SDL): on two cores the reading and the replaying (FSRS, followup.h) take the
 * time of the longer instead of both. progress_of_each is its user.
 *
 * Use: replay_start, then replay_add for each person's answer log as the store gives it (the log
 * is copied: the caller's may change at once), then replay_finish, after which every replay has
 * run. The calls come from one thread; fn runs on the other, one log after another in the order
 * added, so fn may keep state of its own (a Followup) between calls, and must not touch what the
 * caller's thread touches until replay_finish returns. Without a thread (it could not start)
 * fn runs inside replay_add and replay_finish instead: the same calls in the same order. */
#ifndef MAMORI_REPLAY_THREAD_H
#define MAMORI_REPLAY_THREAD_H

#include "store.h"

typedef void ReplayFn(void *ctx, int person, const LoggedAnswer *log, int n);
typedef struct ReplayThread ReplayThread;

ReplayThread *replay_start(ReplayFn *fn, void *ctx);
void replay_add(ReplayThread *r, int person, const LoggedAnswer *log, int n);
/* Waits for every replay added, ends the thread and frees r. */
void replay_finish(ReplayThread *r);

#endif
