/* json.h — a tiny JSON writer to a FILE* or a growing buffer in memory: the records' event
 * payloads (in memory: no stdio, so rebuilding a million of them for verify is cheap), the
 * completion report, the employee list and the kiosk's --trace all go through it.
 *
 * What must stay true: the output is always valid JSON in valid UTF-8. Strings are quoted and
 * escaped (", \, and every control character); valid UTF-8 is written as is, and each byte
 * that is not valid UTF-8 becomes U+FFFD, so a bad byte never breaks a reader.
 *
 * Two levels: json_str writes one string (for hand-made output such as the trace); Json is a
 * writer that places commas, colons, newlines and indentation itself. */
#ifndef MAMORI_JSON_H
#define MAMORI_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* Writes s as a quoted, escaped JSON string; NULL writes null. */
void json_str(FILE *f, const char *s);

enum { JSON_MAX_DEPTH = 32 };

/* Text written in memory: buf (heap, NUL-terminated once anything was written; NULL before) is
 * the caller's to free. */
typedef struct {
    char *buf;
    size_t len, cap;
} JsonBuf;

typedef struct {
    FILE *f;                       /* borrowed; NULL when writing to b */
    JsonBuf *b;                    /* borrowed; NULL when writing to f */
    int lines;                     /* levels whose members go one per line (see json_init) */
    int depth;                     /* open objects and arrays */
    char closer[JSON_MAX_DEPTH];   /* '}' or ']' for each open level */
    bool nonempty[JSON_MAX_DEPTH]; /* the level already holds a value: the next needs a comma */
    bool after_key;                /* a key was written: its value follows on the same line */
} Json;

/* Starts writing one JSON value to f. Nothing is written until the first call below.
 * lines = 0: compact, no spaces ({"a":1,"b":[1,2]}), as in event payloads. lines = n > 0: the
 * members of the outer n levels go one per line, indented by two spaces; deeper values stay on
 * their parent's line ({"a": 1, "b": [1, 2]}); the document ends with a newline. */
void json_init(Json *j, FILE *f, int lines);
/* The same, appending to b instead of a FILE. */
void json_init_buf(Json *j, JsonBuf *b, int lines);

/* Open an object or an array; json_end closes the innermost one. Nesting deeper than
 * JSON_MAX_DEPTH, or json_end with nothing open, is a bug (dies). */
void json_object(Json *j);
void json_array(Json *j);
void json_end(Json *j);

/* Inside an object: the key of the next value. */
void json_key(Json *j, const char *key);

/* Values (in an array, after a key, or as the whole document). */
void json_string(Json *j, const char *s); /* NULL writes null */
void json_int(Json *j, int64_t v);
/* v with that many decimals (2 → 1.25); NaN or |v| > 1e15 writes null. */
void json_fixed(Json *j, double v, int decimals);
void json_bool(Json *j, bool v);
void json_null(Json *j);

#endif
