/* strmap.h — a map from strings to strings (open addressing, FNV-1a), for the few places that look
 * a text up once per row of a big input (a roster import's departments).
 *
 * What must stay true: keys and values are copies the map owns (heap); a key is stored once (a
 * second put replaces its value); a zeroed StrMap is an empty one; lookups and puts take constant
 * time on average (the table is at most half full). */
#ifndef MAMORI_STRMAP_H
#define MAMORI_STRMAP_H

typedef struct {
    char **keys;   /* heap: nslots, NULL = free; each key heap */
    char **values; /* heap: nslots; each value heap */
    int nslots;    /* a power of two, or 0 */
    int n;         /* keys held */
} StrMap;

/* The value of key, borrowed until the next put or free; NULL when the map has no such key. */
const char *strmap_get(const StrMap *m, const char *key);
/* Sets key's value (both copied). */
void strmap_put(StrMap *m, const char *key, const char *value);
/* Frees every key and value; the map is empty again. */
void strmap_free(StrMap *m);

#endif
