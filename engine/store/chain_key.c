/* chain_key.c — this machine's chain key file (see chain_key.h). */
#define _DEFAULT_SOURCE
#include "chain_key.h"

#include "paths.h"
#include "private.h"

#include <sodium.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char KEY_ID_TEXT[] = "mamori chain key id";

void chain_key_mac(const ChainKey *k, const char *const *fields, size_t n, char hex[65])
{
    crypto_auth_hmacsha256_state h = k->ready; /* the key's two blocks hashed once, at load */
    unsigned char bin[crypto_auth_hmacsha256_BYTES];
    for (size_t i = 0; i < n; i++)
        crypto_auth_hmacsha256_update(&h, (const unsigned char *)fields[i], strlen(fields[i]) + 1);
    crypto_auth_hmacsha256_final(&h, bin);
    sodium_bin2hex(hex, 65, bin, sizeof bin);
}

static void blake2b_hash(const ChainKey *k, const char *const *fields, size_t n, char hex[65])
{
    crypto_generichash_state h; /* on the stack: libsodium wants it 64-byte aligned */
    unsigned char bin[32];
    crypto_generichash_init(&h, k->key, sizeof k->key, sizeof bin);
    for (size_t i = 0; i < n; i++)
        crypto_generichash_update(&h, (const unsigned char *)fields[i], strlen(fields[i]) + 1);
    crypto_generichash_final(&h, bin, sizeof bin);
    sodium_bin2hex(hex, 65, bin, sizeof bin);
}

static void sha256_hash(const char *const *fields, size_t n, char hex[65])
{
    crypto_hash_sha256_state h;
    unsigned char bin[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_init(&h);
    for (size_t i = 0; i < n; i++)
        crypto_hash_sha256_update(&h, (const unsigned char *)fields[i], strlen(fields[i]) + 1);
    crypto_hash_sha256_final(&h, bin);
    sodium_bin2hex(hex, 65, bin, sizeof bin);
}

void chain_hash(const ChainKey *k, ChainForm form, const char *const *fields, size_t n, char hex[65])
{
    switch (form) {
    case CHAIN_PLAIN:
        sha256_hash(fields, n, hex);
        return;
    case CHAIN_HMAC_SHA256:
        chain_key_mac(k, fields, n, hex);
        return;
    case CHAIN_BLAKE2B:
        blake2b_hash(k, fields, n, hex);
        return;
    }
}

static bool key_path(ChainKey *k, bool create, Err *e)
{
    const char *env = getenv("MAMORI_KEY");
    if (env && env[0]) {
        if (strlen(env) >= sizeof k->path)
            return err_set(e, "MAMORI_KEY: the path is too long");
        snprintf(k->path, sizeof k->path, "%s", env);
        return true;
    }
    return paths_data_file("chain.key", create, k->path, sizeof k->path, e);
}

/* Writes a new key to path, unless another process made the file first (theirs is kept). */
static bool key_make(const char *path, Err *e)
{
    unsigned char key[CHAIN_KEY_BYTES];
    char hex[2 * CHAIN_KEY_BYTES + 1], tmp[4200];
    randombytes_buf(key, sizeof key);
    sodium_bin2hex(hex, sizeof hex, key, sizeof key);
    sodium_memzero(key, sizeof key);
    snprintf(tmp, sizeof tmp, "%s.%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, PRIVATE_FILE_MODE);
    bool ok = fd >= 0 && fchmod(fd, PRIVATE_FILE_MODE) == 0 &&
              write(fd, hex, strlen(hex)) == (ssize_t)strlen(hex) && write(fd, "\n", 1) == 1 &&
              fsync(fd) == 0;
    int err = errno;
    if (fd >= 0 && close(fd) != 0)
        ok = false;
    if (ok && link(tmp, path) != 0 && errno != EEXIST)
        ok = false, err = errno;
    unlink(tmp);
    sodium_memzero(hex, sizeof hex);
    if (ok)
        private_sync_parent(path, NULL);
    return ok || err_set(e, "%s: cannot write the chain key: %s", path, strerror(err));
}

/* Reads the key from an existing file. */
static bool key_read(ChainKey *k, FILE *f, Err *e)
{
    char hex[2 * CHAIN_KEY_BYTES + 2] = "";
    size_t bin_len = 0;
    bool ok = fscanf(f, "%65s", hex) == 1 && strlen(hex) == 2 * CHAIN_KEY_BYTES &&
              sodium_hex2bin(k->key, sizeof k->key, hex, strlen(hex), NULL, &bin_len, NULL) == 0 &&
              bin_len == CHAIN_KEY_BYTES;
    fclose(f);
    sodium_memzero(hex, sizeof hex);
    if (!ok)
        return err_set(e, "%s: does not hold a mamori chain key (64 hex digits)", k->path);
    const char *fields[] = {KEY_ID_TEXT};
    char mac[65];
    k->present = true;
    crypto_auth_hmacsha256_init(&k->ready, k->key, sizeof k->key);
    chain_key_mac(k, fields, 1, mac);
    snprintf(k->id, sizeof k->id, "%.16s", mac);
    return true;
}

bool chain_key_load(ChainKey *k, bool create, Err *e)
{
    memset(k, 0, sizeof *k);
    if (!key_path(k, create, e))
        return create ? false : true; /* a reader without HOME simply has no key */
    FILE *f = fopen(k->path, "r");
    if (!f && (errno == ENOENT || errno == EACCES) && !create)
        return true; /* a reader without the key: verify says which records it could not check */
    if (!f && errno == ENOENT && !key_make(k->path, e))
        return false;
    if (!f && !(f = fopen(k->path, "r")))
        return err_set(e, "%s: cannot read the chain key: %s", k->path, strerror(errno));
    private_tighten(k->path);
    return key_read(k, f, e);
}
