/* chain_key.h — the key that seals the record chain: 32 random bytes in a file of its own, outside
 * the database, so that whoever holds only the database (a copy of the file, a login on the
 * PostgreSQL server) cannot append or rewrite an event with a hash that verifies. Each event's
 * hash is then keyed BLAKE2b-256 under this key (libsodium's crypto_generichash with a key) instead
 * of plain SHA-256; records an older mamori wrote keep their HMAC-SHA-256 (libsodium's
 * crypto_auth_hmacsha256), which also seals the record's seal and waiting results.
 *
 * Where: $MAMORI_KEY when set, else $XDG_DATA_HOME/mamori/chain.key (~/.local/share/mamori/chain.key),
 * beside the kiosk-id; 64 hex digits and a newline, mode 0600 (private.h). A writer makes it at its
 * first start when it is missing; with PostgreSQL every kiosk must hold the same key (copy the file
 * made by the first kiosk). The key id (16 hex digits, an HMAC of a fixed text) names a key in
 * messages and in the record without revealing it.
 *
 * What must stay true: a key file is made whole (temporary file, fsync, link: two processes
 * starting at once keep the first one's); an existing file is never replaced; the key never
 * leaves this module but as HMACs. */
#ifndef MAMORI_CHAIN_KEY_H
#define MAMORI_CHAIN_KEY_H

#include "err.h"

#include <sodium.h>

#include <stdbool.h>
#include <stddef.h>

enum { CHAIN_KEY_BYTES = 32 };

typedef struct {
    bool present;                       /* false: no key file (a reader on another machine) */
    unsigned char key[CHAIN_KEY_BYTES]; /* valid when present */
    crypto_auth_hmacsha256_state ready; /* the HMAC keyed, before any message: copied per event */
    char id[17];                        /* hex key id; "" when absent */
    char path[4096];                    /* where it is, or would be */
} ChainKey;

/* Loads this machine's key. create: make it when missing (a writer); else a missing key leaves
 * k->present false and is not an error. Fails on a file that holds no key, or cannot be read. */
bool chain_key_load(ChainKey *k, bool create, Err *e);

/* How a record's hash is made (store.c: the seal says which records are keyed; a keyed one
 * verifies in either keyed form). */
typedef enum {
    CHAIN_PLAIN,       /* SHA-256, no key: records made before keys */
    CHAIN_HMAC_SHA256, /* HMAC-SHA-256 under the key: records an older mamori wrote */
    CHAIN_BLAKE2B      /* keyed BLAKE2b-256: every record written since (2.5 times faster here) */
} ChainForm;

/* hex (65 bytes) = HMAC-SHA-256 under the key of the fields, each with its NUL. */
void chain_key_mac(const ChainKey *k, const char *const *fields, size_t n, char hex[65]);

/* hex = the fields' hash, each with its NUL, in form (the key is not used for CHAIN_PLAIN). */
void chain_hash(const ChainKey *k, ChainForm form, const char *const *fields, size_t n, char hex[65]);

#endif
