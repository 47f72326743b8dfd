/* store_pin.c — the manager PIN: an Argon2id hash in the settings, a lockout in the meta table.
 *
 * What must stay true:
 *   - the PIN itself is never written anywhere: only crypto_pwhash_str's output (Argon2id,
 *     interactive limits, a fresh random salt each time) is stored, as the setting
 *     manager_pin_hash, so setting it is a recorded event like any other setting;
 *   - PIN_MAX_TRIES wrong tries in a row lock the PIN for store_pin_lock_seconds(n) (n = locks
 *     so far); while locked no PIN is even compared; the count, the number of locks and the end
 *     of the lock live in meta, written in one statement, so a restart resets nothing;
 *   - a right PIN, or a new PIN, clears them; the lock also names the hash it was counted
 *     against (pin_lock_hash), and a lock counted against another hash is void: a kiosk's cache
 *     keeps its own meta, and a PIN set at the server reaches it only as a setting;
 *   - time comes in as `now`: a lock ending more than PIN_LOCK_MAX_S after now can only come from
 *     a clock set back, and is treated as over (a kiosk is never locked for years).
 * Its statements on meta are prepared per call: a PIN is tried a few times a day, and the store
 * prepares only its own statements at open. */
#include "store_internal.h"

#include <sodium.h>

#include <stdlib.h>
#include <string.h>

static const char HASH_KEY[] = "manager_pin_hash";

typedef struct {
    int64_t failures;                  /* wrong tries since the last lock or right PIN */
    int64_t lockouts;                  /* locks since the last right PIN: the next lock is longer */
    int64_t locked_until;              /* Unix seconds; 0 = not locked */
    char hash[crypto_pwhash_STRBYTES]; /* the PIN hash the tries were counted against */
} PinLock;

bool store_pin_valid(const char *pin)
{
    size_t n = strlen(pin);
    if (n < PIN_MIN_DIGITS || n > PIN_MAX_DIGITS)
        return false;
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9')
            return false;
    return true;
}

int64_t store_pin_lock_seconds(int64_t lockouts)
{
    int64_t s = PIN_LOCK_FIRST_S;
    for (int64_t i = 0; i < lockouts && s < PIN_LOCK_MAX_S; i++)
        s *= 2;
    return s < PIN_LOCK_MAX_S ? s : PIN_LOCK_MAX_S;
}

static bool is_locked(const PinLock *l, int64_t now)
{
    return now < l->locked_until && l->locked_until - now <= PIN_LOCK_MAX_S;
}

static const char LOCK_READ_SQL[] = "SELECT key, value FROM meta WHERE key IN"
                                    " ('pin_failures', 'pin_lockouts', 'pin_locked_until', 'pin_lock_hash')";
static const char LOCK_WRITE_SQL[] =
    "INSERT INTO meta(key, value) VALUES"
    " ('pin_failures', ?1), ('pin_lockouts', ?2), ('pin_locked_until', ?3), ('pin_lock_hash', ?4)"
    " ON CONFLICT(key) DO UPDATE SET value = excluded.value";

/* The lock as counted against `hash` (a lock counted against another PIN is no lock). */
static bool lock_read(Store *s, const char *hash, PinLock *l, Err *e)
{
    DbStmt *st;
    int rc;
    *l = (PinLock){0};
    if (!store_stmt(s, LOCK_READ_SQL, &st, e))
        return false;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *key = db_text(st, 0);
        int64_t v = db_int64(st, 1);
        if (strcmp(key, "pin_lock_hash") == 0)
            snprintf(l->hash, sizeof l->hash, "%s", db_text(st, 1));
        else if (strcmp(key, "pin_failures") == 0)
            l->failures = v;
        else if (strcmp(key, "pin_lockouts") == 0)
            l->lockouts = v;
        else
            l->locked_until = v;
    }
    db_reset(st);
    if (rc != DB_DONE)
        return store_sql_error(s, e, "read the PIN lock");
    if (strcmp(l->hash, hash) != 0)
        *l = (PinLock){0};
    return true;
}

static bool lock_write(Store *s, const PinLock *l, Err *e)
{
    DbStmt *st;
    if (!store_stmt(s, LOCK_WRITE_SQL, &st, e))
        return false;
    db_bind_int(st, 1, l->failures);
    db_bind_int(st, 2, l->lockouts);
    db_bind_int(st, 3, l->locked_until);
    db_bind_text(st, 4, l->hash);
    int rc = db_step(st);
    db_reset(st);
    return rc == DB_DONE || store_sql_error(s, e, "save the PIN lock");
}

static bool read_hash(Store *s, char hash[crypto_pwhash_STRBYTES], bool *found, Err *e)
{
    return store_get_setting(s, HASH_KEY, hash, crypto_pwhash_STRBYTES, found, e);
}

bool store_pin_set(Store *s, const char *pin, int64_t now, Err *e)
{
    if (!store_pin_valid(pin))
        return err_set(e, "a manager PIN is %d to %d digits (0-9)", PIN_MIN_DIGITS, PIN_MAX_DIGITS);
    if (sodium_init() < 0)
        die("libsodium could not start");
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(hash, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return err_set(e, "not enough memory to hash the PIN (Argon2id needs %zu MB)",
                       (size_t)crypto_pwhash_MEMLIMIT_INTERACTIVE >> 20);
    PinLock clear = {0};
    return store_set_setting(s, HASH_KEY, hash, now, e) && lock_write(s, &clear, e);
}

static void fill_status(PinCheck *out, PinVerdict v, const PinLock *l)
{
    *out = (PinCheck){.verdict = v, .tries_left = (int)(PIN_MAX_TRIES - l->failures)};
    if (v == PIN_LOCKED)
        out->locked_until = l->locked_until, out->tries_left = 0;
}

bool store_pin_status(Store *s, int64_t now, PinCheck *out, Err *e)
{
    char hash[crypto_pwhash_STRBYTES];
    bool found;
    PinLock l;
    if (!read_hash(s, hash, &found, e) || !lock_read(s, found ? hash : "", &l, e))
        return false;
    fill_status(out, !found ? PIN_UNSET : is_locked(&l, now) ? PIN_LOCKED : PIN_OK, &l);
    return true;
}

/* One more wrong try: counts it, and locks after the last allowed one. */
static void count_wrong(PinLock *l, int64_t now)
{
    if (++l->failures < PIN_MAX_TRIES)
        return;
    l->locked_until = now + store_pin_lock_seconds(l->lockouts);
    l->lockouts++;
    l->failures = 0;
}

/* Inside a transaction: counts a try compared against `hash` (right or not), unless the PIN was
 * locked meanwhile (then it is not counted, as a try while locked never is). */
static bool record_try(Store *s, const char *hash, bool right, int64_t now, PinCheck *out, Err *e)
{
    char current[crypto_pwhash_STRBYTES];
    bool found;
    PinLock l;
    if (!read_hash(s, current, &found, e) || !lock_read(s, hash, &l, e))
        return false;
    if (!found || strcmp(current, hash) != 0)
        return err_set(e, "the manager PIN was changed while it was being checked: enter it again");
    if (is_locked(&l, now)) {
        fill_status(out, PIN_LOCKED, &l);
        return true;
    }
    if (right)
        l = (PinLock){0};
    else
        count_wrong(&l, now);
    snprintf(l.hash, sizeof l.hash, "%s", hash);
    fill_status(out, right ? PIN_OK : is_locked(&l, now) ? PIN_LOCKED : PIN_WRONG, &l);
    return lock_write(s, &l, e);
}

/* The PIN is compared (Argon2id, a few hundred ms) outside any transaction, so no write waits
 * for it; the outcome is then counted in one. */
bool store_pin_check(Store *s, const char *pin, int64_t now, PinCheck *out, Err *e)
{
    char hash[crypto_pwhash_STRBYTES];
    bool found;
    PinLock l;
    if (sodium_init() < 0)
        die("libsodium could not start");
    if (!read_hash(s, hash, &found, e))
        return false;
    if (!found) {
        *out = (PinCheck){.verdict = PIN_UNSET};
        return true;
    }
    if (!lock_read(s, hash, &l, e))
        return false;
    if (is_locked(&l, now)) { /* no PIN is even compared */
        fill_status(out, PIN_LOCKED, &l);
        return true;
    }
    bool right = store_pin_valid(pin) && crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
    if (!store_begin(s, e))
        return false;
    if (record_try(s, hash, right, now, out, e) && store_commit(s, e))
        return true;
    store_rollback(s);
    return false;
}
