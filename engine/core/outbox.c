/* outbox.c — a small queue of attempts waiting to be written. */
#include "outbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int outbox_add(Outbox *o, const Attempt *a)
{
    if (o->nitems == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 4;
        o->items = xrealloc(o->items, (size_t)o->cap * sizeof *o->items);
    }
    OutboxItem *it = &o->items[o->nitems++];
    *it = (OutboxItem){.id = ++o->next_id, .attempt = *a};
    snprintf(it->code, sizeof it->code, "%s", a->code);
    it->answers = xmalloc(sizeof *it->answers * (size_t)(a->nanswers ? a->nanswers : 1));
    memcpy(it->answers, a->answers, sizeof *it->answers * (size_t)a->nanswers);
    it->attempt.code = it->code;
    it->attempt.answers = it->answers;
    return it->id;
}

bool outbox_has(const Outbox *o, int id)
{
    for (int i = 0; i < o->nitems; i++)
        if (o->items[i].id == id)
            return true;
    return false;
}

static void drop_first(Outbox *o)
{
    free(o->items[0].answers);
    memmove(o->items, o->items + 1, sizeof *o->items * (size_t)(o->nitems - 1));
    o->nitems--;
}

int outbox_flush(Outbox *o, Store *s, int64_t now)
{
    o->last_try = now;
    while (o->nitems > 0) {
        Err e = {0};
        OutboxItem *it = &o->items[0];
        it->attempt.code = it->code; /* the array may have moved */
        it->attempt.answers = it->answers;
        if (!store_record_attempt(s, &it->attempt, &e)) {
            snprintf(o->last_error, sizeof o->last_error, "%s", e.msg);
            break;
        }
        drop_first(o);
    }
    if (o->nitems == 0)
        o->last_error[0] = '\0';
    return o->nitems;
}

void outbox_free(Outbox *o)
{
    for (int i = 0; i < o->nitems; i++)
        free(o->items[i].answers);
    free(o->items);
    *o = (Outbox){0};
}
