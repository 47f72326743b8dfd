/* outbox.c — a small queue of attempts waiting to be written, backed by the outbox file. */
#include "outbox.h"
#include "paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool outbox_path_for(const char *db_target, char *buf, size_t size, Err *e)
{
    char local[4096];
    bool server = strncmp(db_target, "postgresql://", 13) == 0 || strncmp(db_target, "postgres://", 11) == 0;
    if (server && !paths_default_db(local, sizeof local, e)) /* this kiosk's own data folder */
        return false;
    snprintf(buf, size, "%s.outbox", server ? local : db_target);
    return true;
}

static OutboxItem *item_new(const Attempt *a, int id, int64_t row)
{
    OutboxItem *it = xcalloc(1, sizeof *it);
    int n = a->nanswers > 0 ? a->nanswers : 0;
    it->id = id;
    it->row = row;
    it->code = xstrdup(a->code);
    it->answers = xcalloc((size_t)(n ? n : 1), sizeof *it->answers);
    it->qids = xcalloc((size_t)(n ? n : 1), sizeof *it->qids);
    for (int i = 0; i < n; i++) {
        it->answers[i] = a->answers[i];
        snprintf(it->qids[i], sizeof it->qids[i], "%s", a->answers[i].question_id);
        it->answers[i].question_id = it->qids[i];
    }
    it->attempt = *a;
    it->attempt.code = it->code;
    it->attempt.answers = it->answers;
    it->attempt.nanswers = n;
    return it;
}

static void item_free(OutboxItem *it)
{
    free(it->code);
    free(it->answers);
    free(it->qids);
    free(it);
}

static void push(Outbox *o, OutboxItem *it)
{
    if (o->nitems == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 4;
        o->items = xrealloc(o->items, (size_t)o->cap * sizeof *o->items);
    }
    o->items[o->nitems++] = it;
}

static void load_one(void *ctx, int64_t row, const Attempt *a, const char *seal)
{
    Outbox *o = ctx;
    OutboxItem *it = item_new(a, ++o->next_id, row);
    snprintf(it->seal, sizeof it->seal, "%s", seal);
    it->from_file = true;
    push(o, it);
}

bool outbox_open(Outbox *o, const char *path, Err *e)
{
    snprintf(o->path, sizeof o->path, "%s", path ? path : "");
    if (!path || !outbox_file_open(&o->file, path, false, e))
        return path == NULL;
    return !o->file || outbox_file_each(o->file, load_one, o, e);
}

/* When another process (a second kiosk started on the same record) replayed the file and removed
 * it, the open handle keeps nothing: it is let go, and what it held counts as in memory only, to be
 * kept in a new file. */
static void check_file(Outbox *o)
{
    if (!o->file || !outbox_file_gone(o->file))
        return;
    outbox_file_forget(o->file);
    o->file = NULL;
    for (int i = 0; i < o->nitems; i++)
        o->items[i]->row = 0;
}

/* Puts the item into the outbox file (opening it first); false with o->file_error. */
static bool keep(Outbox *o, OutboxItem *it, int64_t now)
{
    Err e = {0};
    if (!o->path[0]) {
        snprintf(o->file_error, sizeof o->file_error, "no outbox file");
        return false;
    }
    bool ok = (o->file || outbox_file_open(&o->file, o->path, true, &e)) &&
              outbox_file_put(o->file, &it->attempt, it->seal, now, &it->row, &e);
    snprintf(o->file_error, sizeof o->file_error, "%s", ok ? "" : e.msg);
    return ok;
}

/* Every item only in memory into the file, oldest first, until one cannot be kept. */
static void keep_unkept(Outbox *o, int64_t now)
{
    check_file(o);
    for (int i = 0; i < o->nitems; i++)
        if (!o->items[i]->row && !keep(o, o->items[i], now))
            break;
}

int outbox_add(Outbox *o, Store *s, const Attempt *a, int64_t now)
{
    OutboxItem *it = item_new(a, ++o->next_id, 0);
    Err ignored;
    if (!store_attempt_seal(s, a, it->seal, &ignored)) /* kept unsealed: refused at a later start */
        it->seal[0] = '\0';
    push(o, it);
    if (o->path[0])
        keep_unkept(o, now); /* this one, and any a vanished file held */
    return it->id;
}

static const OutboxItem *find(const Outbox *o, int id)
{
    for (int i = 0; i < o->nitems; i++)
        if (o->items[i]->id == id)
            return o->items[i];
    return NULL;
}

bool outbox_has(const Outbox *o, int id)
{
    return find(o, id) != NULL;
}

OutboxState outbox_state(const Outbox *o, int id)
{
    const OutboxItem *it = find(o, id);
    return !it ? OUTBOX_SAVED : it->row ? OUTBOX_KEPT : OUTBOX_UNSAVED;
}

int outbox_unsaved(const Outbox *o)
{
    int n = 0;
    for (int i = 0; i < o->nitems; i++)
        n += o->items[i]->row == 0;
    return n;
}

/* Item i is in the record: forget it (in the file too). A file that cannot be cleared only
 * means it is written again at the next start, which store_record_attempt_once skips. */
static void drop_at(Outbox *o, int i)
{
    OutboxItem *it = o->items[i];
    if (it->row && o->file)
        outbox_file_remove(o->file, it->row, NULL);
    item_free(it);
    memmove(o->items + i, o->items + i + 1, sizeof *o->items * (size_t)(o->nitems - i - 1));
    o->nitems--;
}

/* An item read back from the file is written only when its seal is this computer's over it. */
static bool sealed_here(const OutboxItem *it, Store *s, char *why, size_t size)
{
    char want[65];
    Err e = {0};
    if (!it->from_file)
        return true;
    if (store_attempt_seal(s, &it->attempt, want, &e) && strcmp(want, it->seal) == 0)
        return true;
    snprintf(why, size,
             "the waiting result of %s (measure %d) in the outbox file does not carry this computer's seal:"
             " written or changed outside mamori, so it is not put into the record (it stays in the file)",
             it->code, it->attempt.measure);
    return false;
}

int outbox_flush(Outbox *o, Store *s, int64_t now)
{
    o->last_try = now;
    check_file(o);
    o->refused = 0;
    for (int i = 0; i < o->nitems;) {
        Err e = {0};
        bool already;
        if (!sealed_here(o->items[i], s, o->refused_why, sizeof o->refused_why)) {
            o->refused++; /* put in or changed outside mamori: kept as it is, never written */
            i++;
            continue;
        }
        if (store_record_attempt_once(s, &o->items[i]->attempt, &already, &e)) {
            drop_at(o, i);
            o->written++;
            continue;
        }
        snprintf(o->last_error, sizeof o->last_error, "%s", e.msg);
        if (!store_attempt_refused(s, &o->items[i]->attempt, o->refused_why, sizeof o->refused_why))
            break;    /* the record cannot be written now: the rest wait with it, in order */
        o->refused++; /* refused as the record stands: kept, and the rest go on */
        i++;
    }
    keep_unkept(o, now); /* what waits only in memory: into the file now */
    if (o->nitems == 0) {
        o->last_error[0] = o->file_error[0] = '\0';
        outbox_file_close(o->file); /* empty: the file goes */
        o->file = NULL;
    }
    return o->nitems;
}

int outbox_waiting_for(const Outbox *o, const char *code)
{
    int n = 0;
    for (int i = 0; i < o->nitems; i++)
        n += strcmp(o->items[i]->code, code) == 0;
    return n;
}

void outbox_free(Outbox *o)
{
    for (int i = 0; i < o->nitems; i++)
        item_free(o->items[i]);
    free(o->items);
    outbox_file_close(o->file);
    *o = (Outbox){0};
}
