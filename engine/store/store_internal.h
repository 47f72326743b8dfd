/* store_internal.h — for the store's own extension modules (store_pledge.c, store_pin.c, ...)
 * and for tests: the transaction, the chain and statements on the store's connection, through
 * the driver interface of db.h. Nothing outside engine/store/ (but tests) includes it.
 *
 * An extension writes its event and its own derived rows in one transaction:
 *
 *     if (!store_begin(s, e)) return false;
 *     if (store_append_event(s, "pledge", json, now, &seq, hash, e) && write_my_rows(...)
 *         && store_commit(s, e)) return true;
 *     store_rollback(s);
 *     return false;
 *
 * The store's own verbs run their own transaction: never call them between store_begin and
 * store_commit (that is a bug and dies). An extension's SQL must be the dialect both databases
 * agree on (db.h); its tables are made by a step of store.c's migrations, in both dialects. */
#ifndef MAMORI_STORE_INTERNAL_H
#define MAMORI_STORE_INTERNAL_H

#include "db.h"
#include "json_read.h"
#include "store.h"

/* Starts a write transaction, serialized against every other writer (SQLite: BEGIN IMMEDIATE,
 * waiting up to 2 s; PostgreSQL: an advisory lock every mamori writer takes). */
bool store_begin(Store *s, Err *e);
/* On failure the transaction is still open: call store_rollback. */
bool store_commit(Store *s, Err *e);
/* Undoes everything since store_begin; harmless when nothing is open. */
void store_rollback(Store *s);
/* Bulk writing, for generators of big test records (bench/) only: every store verb called between
 * store_bulk_begin and store_bulk_end joins one write transaction instead of running its own, so
 * a million events are written in seconds. store_bulk_end commits it, or undoes all of it when
 * any verb inside failed (that verb's error was already returned to its caller). */
bool store_bulk_begin(Store *s, Err *e);
bool store_bulk_end(Store *s, Err *e);
/* Appends one hash-chained event (type: a short lower-case word; payload_json: compact JSON
 * made with json.h). *seq_out (may be NULL) gets its sequence number, hash_out (may be NULL)
 * its hex SHA-256. Must run inside store_begin/store_commit. */
bool store_append_event(Store *s, const char *type, const char *payload_json, int64_t now, int64_t *seq_out,
                        char hash_out[65], Err *e);
/* An event as another store recorded it (a kiosk's cache sending it to the server): it keeps
 * its UUID, time, kiosk, type, content version and payload; its seq and hash are the new
 * store's. All borrowed. */
typedef struct {
    const char *uuid, *kiosk, *type, *content_version, *payload;
    int64_t time;
} SentEvent;
/* Appends ev through the same path as store_append_event (inside store_begin/store_commit). */
bool store_append_sent(Store *s, const SentEvent *ev, int64_t *seq_out, char hash_out[65], Err *e);
/* A cache's own events are numbered from here, far above any server's, so a server's events
 * copied into the cache keep their numbers and the cache's own ones sort after them. */
#define STORE_LOCAL_SEQ ((int64_t)1 << 50)
/* store_sync.c: notes a cache's new event in its outbox (inside the event's transaction), and
 * makes the cache's own tables at open. */
bool store_outbox_note(Store *s, int64_t seq, const char *uuid, Err *e);
bool store_cache_setup(Store *s, Err *e);
/* store_verify's second half (store.c): every derived table against its events, both ways, on
 * this store's connection. A finding goes to r (already ok); false only on a read error.
 * store_audit_tables is store_audit_attempts (the test results and their answers, most of the
 * work on a large record) and then store_audit_others (every other table), so that verify can
 * run the two halves at once on two connections. */
bool store_audit_tables(Store *s, VerifyResult *r, Err *e);
/* The order of departments in SQL (store.h's store_list_employees): those with a reading first,
 * by their reading (katakana: code point order is the gojūon order), then the rest by name. t is a
 * table prefix ("e.") or "". */
#define STORE_DEPARTMENT_ORDER(t) t "department_kana = '', " t "department_kana, " t "department"
bool store_audit_attempts(Store *s, VerifyResult *r, Err *e);
bool store_audit_others(Store *s, VerifyResult *r, Err *e);
/* Was the store opened with store_open_readonly? */
bool store_reads_only(const Store *s);
/* The connection, for tests and the copy. Borrowed. */
Db *store_conn(Store *s);
/* An extension's statement, prepared on first use and kept until store_close (sql must be a
 * string that lives as long, e.g. a literal: it is the key). Bind, step, then db_reset it;
 * never finalize it. */
bool store_stmt(Store *s, const char *sql, DbStmt **out, Err *e);
/* For the copy: the copy's seal is the source's (or, for a record made before keys, from the
 * record after its last), inside the copy's transaction. */
bool store_copy_seal(Store *from, Store *to, int64_t events, Err *e);
/* For the copy: one recorded event, as its derived rows are rebuilt from it (all borrowed). */
typedef struct {
    int64_t seq, time;
    const char *type, *payload, *hash;
} RecordedEvent;
/* Writes the derived rows recording ev wrote (every table a record makes), from its payload
 * alone, inside the copy's transaction. Fails on a kind or a payload it cannot read. */
bool store_rebuild_rows(Store *s, const RecordedEvent *ev, Err *e);
/* The same for the modules' own events (p: the parsed payload object). */
bool store_rebuild_pledge(Store *s, const RecordedEvent *ev, const JsonValue *p, Err *e);
bool store_rebuild_diagnosis(Store *s, const RecordedEvent *ev, const JsonValue *p, Err *e);
/* For the copy: the head its commit makes (for the witness). */
void store_set_pending_head(Store *s, int64_t seq, const char *hash);
/* The writer's check at open again (the last record against its hash and the one before it,
 * the witness), for `make bench` to time it: what it costs every start. */
bool store_check_chain_at_open(Store *s, Err *e);
/* The connection's last failure as a plain message "TARGET: could not DOING: reason" in e.
 * Always returns false. */
bool store_sql_error(Store *s, Err *e, const char *doing);
/* src into dst[0..size), cut short (at a byte) when longer: snprintf's "%s" without its cost,
 * for columns read by the million. */
void store_copy_text(char *dst, size_t size, const char *src);

#endif
