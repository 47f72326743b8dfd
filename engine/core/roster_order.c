/* roster_order.c — the sign-in list's order (roster_order.h). */
#include "roster_order.h"

#include "encoding.h"
#include "err.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    bool unread;      /* the department has no reading: after those that have one */
    const char *dept; /* borrowed (dept_keys): the key of the department's reading, or its name */
    char *kana;       /* heap: encoding_reading_key of the person's kana */
    const char *name; /* borrowed: the department */
    int index;        /* the store's order (department, kana, code) */
} ReadingKey;

static int by_reading(const void *a, const void *b)
{
    const ReadingKey *x = a, *y = b;
    int c = (int)x->unread - (int)y->unread;
    c = c ? c : strcmp(x->dept, y->dept);
    c = c ? c : strcmp(x->name, y->name); /* two departments read alike stay apart */
    c = c ? c : strcmp(x->kana, y->kana);
    return c ? c : x->index - y->index;
}

/* Puts people[k[i].index] at people[i] for every i, in place: each cycle of the permutation is
 * followed once, and a place filled is marked by its index pointing to itself (so the roster is
 * not copied whole, which on thousands of people costs more in new pages than the sort). */
static void permute(Employee *people, ReadingKey *k, int n)
{
    for (int start = 0; start < n; start++) {
        if (k[start].index == start)
            continue;
        Employee first = people[start];
        int to = start;
        while (k[to].index != start) {
            int from = k[to].index;
            people[to] = people[from];
            k[to].index = to;
            to = from;
        }
        people[to] = first;
        k[to].index = to;
    }
}

/* The store gives a department's people one after another: each department's key is made once. */
void roster_order_by_reading(Employee *people, int n)
{
    ReadingKey *k = xmalloc(sizeof *k * (size_t)(n ? n : 1));
    char **dept_keys = xmalloc(sizeof *dept_keys * (size_t)(n ? n : 1)); /* one per run of a department */
    int ndepts = 0;
    for (int i = 0; i < n; i++) {
        const Employee *p = &people[i];
        bool unread = !p->department_kana[0];
        const Employee *before = i ? &people[i - 1] : NULL;
        if (!before || strcmp(before->department, p->department) != 0 ||
            strcmp(before->department_kana, p->department_kana) != 0)
            dept_keys[ndepts++] = encoding_reading_key(unread ? p->department : p->department_kana);
        k[i] = (ReadingKey){unread, dept_keys[ndepts - 1], encoding_reading_key(p->kana), p->department, i};
    }
    qsort(k, (size_t)n, sizeof *k, by_reading);
    for (int i = 0; i < n; i++)
        free(k[i].kana);
    permute(people, k, n);
    for (int i = 0; i < ndepts; i++)
        free(dept_keys[i]);
    free(dept_keys);
    free(k);
}
