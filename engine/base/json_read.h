/* json_read.h — a small strict JSON reader, for the records' own event payloads (which json.h
 * wrote): `mamori db copy` rebuilds the derived tables from them.
 *
 * What must stay true: a text is taken whole or not at all (NULL: not JSON, trailing bytes, a
 * number that is not an integer in int64_t, a string holding \u0000 or a lone surrogate, nesting
 * deeper than JSON_MAX_DEPTH); every string read back is exactly the one json.h was given (its
 * escapes undone, \uXXXX as UTF-8). Everything lives in the caller's arena. */
#ifndef MAMORI_JSON_READ_H
#define MAMORI_JSON_READ_H

#include "arena.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum { JV_NULL, JV_BOOL, JV_INT, JV_STRING, JV_ARRAY, JV_OBJECT } JsonKind;

typedef struct JsonValue JsonValue;
struct JsonValue {
    JsonKind kind;
    bool b;           /* JV_BOOL */
    int64_t i;        /* JV_INT */
    const char *s;    /* JV_STRING (arena) */
    const char *key;  /* the member's key when it is in an object (arena), else NULL */
    JsonValue *items; /* JV_ARRAY items or JV_OBJECT members, in order (arena) */
    int n;
};

/* The value text holds, or NULL (see above). */
const JsonValue *json_parse(Arena *a, const char *text);
/* The object's first member with this key; NULL when v is not an object or has none. */
const JsonValue *json_get(const JsonValue *v, const char *key);
/* The member's text / integer / truth, when it is there and of that kind. */
bool json_get_str(const JsonValue *v, const char *key, const char **out);
bool json_get_int(const JsonValue *v, const char *key, int64_t *out);
bool json_get_bool(const JsonValue *v, const char *key, bool *out);

#endif
