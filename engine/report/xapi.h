/* xapi.h — the learning records as xAPI 1.0.3 statements (ADL), for a learning record store.
 *
 * One statement per record (store_learning_log), its id the event's UUID, so sending again is
 * idempotent; one more per answer of a test or follow-up quiz, its id a name-based UUID made
 * from the attempt's UUID and the answer's place (SHA-256, RFC 9562 version 8), equally stable.
 *
 *   lesson read        experienced  http://adlnet.gov/expapi/verbs/experienced   IRI/lessons/ID (lesson)
 *   test passed/failed passed|failed http://adlnet.gov/expapi/verbs/passed|failed IRI/measures/M/test
 *                      (assessment); result: score raw/min/max/scaled, success, completion,
 *                      duration (from start to end)
 *   test abandoned     terminated   http://adlnet.gov/expapi/verbs/terminated     (completion false)
 *   follow-up quiz     completed    http://adlnet.gov/expapi/verbs/completed      IRI/followup
 *                      (assessment), result as a test's
 *   question answered  answered     http://adlnet.gov/expapi/verbs/answered       IRI/questions/QID
 *                      (cmi.interaction, choice); result success, response (the choices picked,
 *                      content order, "[,]" between); parent: the test or follow-up
 *   pledge signed      signed       IRI/verbs/signed (no ADL verb fits: documented here and in the
 *                      README)                                                    IRI/pledges/KIND
 *
 * The actor is an Agent with the person's name and an account: homePage from the setting
 * xapi_home_page, name the employee code. Activity ids start with the setting xapi_activity_iri.
 * Extensions (IRI/extensions/...): lesson-version, pledge-version, pass-percent, record-seq.
 *
 * What must stay true: every string goes through json.h (escaped, valid UTF-8); timestamps are
 * UTC with a Z; the same record always gives the same statement. */
#ifndef MAMORI_XAPI_H
#define MAMORI_XAPI_H

#include "content.h"
#include "err.h"
#include "json.h"
#include "store.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct {
    char home_page[256];    /* actor account homePage */
    char activity_iri[256]; /* prefix of every activity id, no trailing '/' */
} XapiConfig;

/* The two settings, or their defaults. */
bool xapi_config(Store *s, XapiConfig *cfg, Err *e);

/* The ids of the statements written, in order (for checking an LRS's answer). */
typedef struct {
    char (*ids)[37]; /* heap */
    int n, cap;
} XapiIds;
void xapi_ids_free(XapiIds *ids);

/* Writes the statements of records [0, n) into the open JSON array j (one value each);
 * *count gets how many statements were written; ids (may be NULL) gets their ids. */
bool xapi_statements(Store *s, const Content *c, const XapiConfig *cfg, const LearningRecord *recs, int n,
                     Json *j, int *count, XapiIds *ids, Err *e);

/* A name-based UUID (version 8) from a UUID and a number. */
void xapi_uuid_from(const char *uuid, int n, char out[37]);

/* "2025-11-24T16:00:00Z" from Unix seconds; false for a text that is not ISO 8601 UTC or with
 * an offset (YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS with Z or ±HH:MM). */
bool xapi_parse_time(const char *s, int64_t *out);

#endif
