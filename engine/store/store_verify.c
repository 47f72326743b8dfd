/* store_verify.c — the whole verification of a record (store.h's store_verify, store_verify_all):
 * the chain walk (store_verify_chain), every derived table against its events
 * (store_audit_tables) and SQLite's own check of the file (store_integrity_check).
 *
 * The parts are independent, so on an SQLite file opened only to read they run at once, each on
 * a read-only connection of its own: the chain on the store's own connection in this thread; the
 * test results (store_audit_attempts, the tables' largest half), the other tables
 * (store_audit_others) and the file on three more threads. A 2-core kiosk then takes about half
 * their sum, or the longest part when that is longer. On a server, and on a store open for writing (the copy
 * verifies its target inside its own transaction, which no other connection sees), they run one after the
 * other on the store's connection.
 *
 * What must stay true: every part sees the same record, and the findings are the ones a run one
 * after the other would give (the chain's first; the tables' only when the chain holds; the
 * file's beside them). Each part reads inside one read transaction, and notes the newest record
 * it saw. SQLite cannot share one snapshot between connections, but records are only appended,
 * and every change appends one: when the chain and the tables saw the same newest record they saw
 * the same record. When a kiosk appended in between, the check runs again one part after the
 * other in a single read transaction. */
#include "store_internal.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* A part that could not read because the file is damaged (SQLite says corrupt) has found what
 * verify looks for: the damage goes into r (exit 3, "the database file is damaged"), not an error
 * (exit 1, "could not be checked"). */
static bool damaged_file(Store *s, const Err *e, char *damage, size_t size)
{
    if (db_fault(store_conn(s)) != DBF_CORRUPT)
        return false;
    snprintf(damage, size, "%.250s", e->msg);
    return true;
}

static bool damage_read(VerifyResult *r)
{
    r->ok = true; /* what was read holds; the file itself does not */
    r->damage_read = true;
    return true;
}

/* ---- one after the other ---- */

static bool file_check(Store *s, VerifyFile file, char *damage, size_t size, Err *e)
{
    damage[0] = '\0';
    return file == VERIFY_FILE_NONE ||
           store_integrity_check(s, file == VERIFY_FILE_THOROUGH, damage, size, e);
}

static bool verify_in_turn(Store *s, VerifyFile file, VerifyResult *r, Err *e)
{
    if (!store_verify_chain(s, r, e) || (r->ok && !store_audit_tables(s, r, e)))
        return damaged_file(s, e, r->damage, sizeof r->damage) && damage_read(r);
    return !r->ok || file_check(s, file, r->damage, sizeof r->damage, e);
}

/* The same in one read transaction (a store that only reads is never inside one). */
static bool verify_in_turn_read(Store *s, VerifyFile file, VerifyResult *r, Err *e)
{
    if (!store_read_begin(s, e))
        return false;
    bool read = verify_in_turn(s, file, r, e);
    store_read_end(s);
    return read;
}

/* ---- at once ---- */

/* A part on a thread and connection of its own: a half of the tables (audit) or the file. */
typedef struct {
    const char *target;                               /* borrowed: the database file */
    bool (*audit)(Store *s, VerifyResult *r, Err *e); /* NULL: the file's check */
    VerifyFile file;                                  /* which check of the file */
    bool read;                                        /* false: e says why it could not be checked */
    bool damaged;                                     /* it could not, the file being damaged */
    StoreHead head;                                   /* the newest record it saw */
    VerifyResult r;                                   /* the tables' finding */
    char damage[256];                                 /* the file's finding */
    Err e;
} Part;

static void *part_run(void *arg)
{
    Part *p = arg;
    Store *w;
    p->r = (VerifyResult){.ok = true};
    if (!store_open_readonly(&w, p->target, &p->e))
        return NULL;
    if (store_read_begin(w, &p->e)) {
        p->read = store_head(w, &p->head, &p->e) &&
                  (p->audit ? p->audit(w, &p->r, &p->e)
                            : file_check(w, p->file, p->damage, sizeof p->damage, &p->e));
        p->damaged = !p->read && damaged_file(w, &p->e, p->damage, sizeof p->damage);
        store_read_end(w);
    }
    store_close(w);
    return NULL;
}

/* The chain's result r takes a half of the tables' finding when the chain itself held (and no
 * earlier half found anything: the test results are checked first, as one after the other). */
static void take_tables(VerifyResult *r, const VerifyResult *t)
{
    if (!r->ok || t->ok)
        return;
    r->ok = false;
    r->bad_seq = t->bad_seq;
    r->count = t->count;
    snprintf(r->what, sizeof r->what, "%s", t->what);
}

static bool chain_now(Store *s, StoreHead *head, VerifyResult *r, Err *e)
{
    if (!store_read_begin(s, e))
        return false;
    bool read = store_head(s, head, e) && store_verify_chain(s, r, e);
    store_read_end(s);
    return read;
}

static bool verify_at_once(Store *s, VerifyFile file, VerifyResult *r, Err *e)
{
    const char *target = db_target(store_conn(s));
    Part parts[3] = {{.target = target, .audit = store_audit_attempts},
                     {.target = target, .audit = store_audit_others},
                     {.target = target, .file = file}};
    int n = file == VERIFY_FILE_NONE ? 2 : 3;
    pthread_t th[3];
    bool started[3] = {false, false, false};
    StoreHead head;
    for (int i = 0; i < n; i++)
        started[i] = pthread_create(&th[i], NULL, part_run, &parts[i]) == 0;
    bool read = chain_now(s, &head, r, e);
    for (int i = 0; i < n; i++)
        if (started[i])
            pthread_join(th[i], NULL);
        else
            part_run(&parts[i]); /* no thread to be had: here, after the chain */
    if (!read)
        return damaged_file(s, e, r->damage, sizeof r->damage) && damage_read(r);
    for (int i = 0; i < n; i++)
        if (!parts[i].read && parts[i].damaged)
            return snprintf(r->damage, sizeof r->damage, "%s", parts[i].damage), damage_read(r);
        else if (!parts[i].read)
            return *e = parts[i].e, false;
    if (!store_head_same(&head, &parts[0].head) ||
        !store_head_same(&head, &parts[1].head)) /* a kiosk wrote */
        return verify_in_turn_read(s, file, r, e);
    take_tables(r, &parts[0].r);
    take_tables(r, &parts[1].r);
    if (n == 3)
        snprintf(r->damage, sizeof r->damage, "%s", parts[2].damage);
    return true;
}

bool store_verify_all(Store *s, VerifyFile file, VerifyResult *r, Err *e)
{
    if (!store_reads_only(s))
        return verify_in_turn(s, file, r, e);
    if (store_is_shared(s))
        return verify_in_turn_read(s, file, r, e);
    return verify_at_once(s, file, r, e);
}

bool store_verify(Store *s, VerifyResult *r, Err *e)
{
    return store_verify_all(s, VERIFY_FILE_NONE, r, e);
}
