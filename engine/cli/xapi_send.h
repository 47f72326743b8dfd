/* xapi_send.h — one HTTP POST of a batch of statements to an LRS (libcurl), with retries, and
 * the check of its answer. What must stay true: the password is read from the environment only
 * and never printed; an answer is accepted only when it is 200 and a JSON array of exactly the
 * ids sent, in order. */
#ifndef MAMORI_XAPI_SEND_H
#define MAMORI_XAPI_SEND_H

#include "err.h"
#include "xapi.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    const char *url;  /* borrowed: the LRS's base URL; statements go to URL/statements */
    const char *user; /* borrowed, may be NULL: basic auth */
    const char *password;
    int tries;         /* attempts per batch (4) */
    int first_wait_ms; /* before the second attempt, doubling after (500) */
} XapiLrs;

/* POSTs body (a JSON array of the statements whose ids are ids) and checks the answer. */
bool xapi_post(const XapiLrs *lrs, const char *body, size_t len, const XapiIds *ids, Err *e);

/* True when reply is a JSON array of exactly ids (case-insensitive), in order. */
bool xapi_reply_ok(const char *reply, size_t len, const XapiIds *ids);

#endif
