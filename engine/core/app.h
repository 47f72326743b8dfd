/* app.h — the one context of the kiosk: content, records, the signed-in person, settings.
 * No other mutable state exists outside it. Screens read and change it only through the
 * core's verbs (store_*, quiz_*); the SDL shell fills in `now` and `rng` each frame. */
#ifndef MAMORI_APP_H
#define MAMORI_APP_H

#include "content.h"
#include "fsrs.h"
#include "job.h"
#include "outbox.h"
#include "store.h"
#include "sync.h"

#include <stdbool.h>
#include <stdint.h>

/* Where the kiosk's record is, for a job's connection of its own (job.h). Every pointer lives for
 * the process, so a job's thread may keep a copy. */
typedef struct {
    const char *target;  /* a file (on a shared server the kiosk's cache file); NULL: none to open */
    bool cache;          /* target is a cache of a shared server (store_open_cache) */
    const char *version; /* the content version events are recorded with */
} StoreSource;

typedef struct {
    char company[128];    /* setting company_name */
    int idle_timeout_s;   /* setting idle_timeout, default 120 */
    int followup_length;  /* setting followup_length, default 5 */
    int refresher_months; /* setting refresher_months, default 12 */
    int pass_percent;     /* setting pass_percent: 0 = each pool's own */
    Lang default_lang;    /* setting default_lang */
} Settings;

typedef struct {
    const Content *content; /* borrowed, lives for the process */
    Store *store;           /* borrowed: the record, or on a shared server this kiosk's cache of it */
    StoreSource source;     /* where store was opened from: a job opens a connection of its own */
    Sync *sync;             /* borrowed: the thread that talks to the shared server; NULL on a file */
    Fsrs fsrs;              /* the follow-up scheduler's model (followup_params) */
    Outbox outbox;          /* owned: results not yet written, retried until they are */
    Settings settings;
    bool signed_in;
    Employee user; /* valid while signed_in */
    Lang lang;     /* the language on screen */
    bool large_text;
    int64_t now;              /* Unix seconds, set each frame */
    uint64_t rng;             /* state for seeds; the shell seeds it */
    char notice[640];         /* a message for the person on the next screen ("" = none) */
    bool kiosk;               /* fullscreen kiosk mode */
    bool quit;                /* set by the manager's "leave kiosk mode" */
    Job job;                  /* long work off the frame loop (job.h); the shell ends it at exit */
    struct ChainWatch *watch; /* the whole chain checked once after start (chain_watch.h); the
                                 shell starts and ends it; NULL: none */
    int wake_ms;              /* a screen that waits for time (a retry) asks for a frame within this;
                                 0 = only on input. Cleared before each frame. */
} App;

/* The next random 64-bit value (splitmix64 on app->rng). */
uint64_t app_random(App *app);
/* Loads Settings from the store (defaults where unset). */
bool app_load_settings(App *app, Err *e);
/* Sets up the follow-up scheduler, with days turning at local midnight. */
bool app_init_fsrs(App *app, Err *e);
/* Writes the attempt now, or keeps it in the outbox (and its file) to retry; returns the outbox
 * id (outbox_state tells whether it is kept safely), or 0 when it is in the record. */
int app_record_attempt(App *app, const Attempt *a);
/* On a shared server: the state of the connection and of this kiosk's waiting events, read
 * now (*out all zero and online on a file). */
void app_sync_state(const App *app, SyncStatus *out);
/* Opens a connection of its own to the record at src for a job (job.h), read-only unless write
 * (a cache is opened as a cache). The job closes it. */
bool source_open(const StoreSource *src, bool write, Store **out, Err *e);
/* Text in the language on screen. */
const char *app_text(const App *app, Text t);
/* A fixed UI string in the language on screen. */
const char *app_str(const App *app, const char *ja, const char *en);
/* Every text's size for this person in percent: 125 when they chose larger text, else 100
 * (the shell hands it to the Ui each frame, Ui.text_pct). */
int app_text_pct(const App *app);

#endif
