/* strmap.c — strings to strings (see strmap.h). */
#include "strmap.h"

#include "err.h"

#include <stdlib.h>
#include <string.h>

static unsigned hash(const char *s)
{
    unsigned h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The slot holding key, or the free one where it would go. */
static int slot_of(char *const *keys, int nslots, const char *key)
{
    unsigned mask = (unsigned)nslots - 1, i = hash(key) & mask;
    while (keys[i] && strcmp(keys[i], key) != 0)
        i = (i + 1) & mask;
    return (int)i;
}

static void grow(StrMap *m)
{
    int nslots = m->nslots ? m->nslots * 2 : 16;
    char **keys = xcalloc((size_t)nslots, sizeof *keys);
    char **values = xcalloc((size_t)nslots, sizeof *values);
    for (int i = 0; i < m->nslots; i++)
        if (m->keys[i]) {
            int k = slot_of(keys, nslots, m->keys[i]);
            keys[k] = m->keys[i], values[k] = m->values[i];
        }
    free(m->keys);
    free(m->values);
    m->keys = keys, m->values = values, m->nslots = nslots;
}

const char *strmap_get(const StrMap *m, const char *key)
{
    if (!m->n)
        return NULL;
    int i = slot_of(m->keys, m->nslots, key);
    return m->keys[i] ? m->values[i] : NULL;
}

void strmap_put(StrMap *m, const char *key, const char *value)
{
    if (2 * (m->n + 1) > m->nslots)
        grow(m);
    int i = slot_of(m->keys, m->nslots, key);
    if (m->keys[i]) {
        free(m->values[i]);
    } else {
        m->keys[i] = xstrdup(key);
        m->n++;
    }
    m->values[i] = xstrdup(value);
}

void strmap_free(StrMap *m)
{
    for (int i = 0; i < m->nslots; i++) {
        free(m->keys[i]);
        free(m->values[i]);
    }
    free(m->keys);
    free(m->values);
    *m = (StrMap){0};
}
