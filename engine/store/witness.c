/* witness.c — the witness file beside the record (see witness.h). */
#define _DEFAULT_SOURCE
#include "witness.h"

#include "db.h"
#include "paths.h"
#include "private.h"

#include <sodium.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The URI without its connect_timeout parameter (which says how long to wait, not which
 * database): the kiosk's sync thread adds one, and must name the same witness as `mamori verify
 * URI` on the same machine. */
static void uri_key(const char *uri, char *out, size_t size)
{
    const char *t = strstr(uri, "connect_timeout=");
    if (!t || (t[-1] != '?' && t[-1] != '&')) {
        snprintf(out, size, "%s", uri);
        return;
    }
    const char *end = t + strlen("connect_timeout=");
    end += strspn(end, "0123456789");
    if (*end == '&') /* "?connect_timeout=3&x" → "?x", "&connect_timeout=3&x" → "&x" */
        end++;
    else /* the last parameter: drop the '?' or '&' before it as well */
        t--;
    snprintf(out, size, "%.*s%s", (int)(t - uri), uri, end);
}

bool witness_path(const char *target, bool create_dir, char *buf, size_t size)
{
    if (!db_is_uri(target))
        return (size_t)snprintf(buf, size, "%s.witness", target) < size;
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[65], name[64], key[2048];
    Err e;
    uri_key(target, key, sizeof key);
    crypto_hash_sha256(h, (const unsigned char *)key, strlen(key));
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    snprintf(name, sizeof name, "witness-%.16s", hex);
    return paths_data_file(name, create_dir, buf, size, &e);
}

static bool is_hex64(const char *s)
{
    if (strlen(s) != 64)
        return false;
    for (; *s; s++)
        if (!strchr("0123456789abcdef", *s))
            return false;
    return true;
}

WitnessState witness_read(const char *path, Witness *w)
{
    memset(w, 0, sizeof *w);
    FILE *f = fopen(path, "r");
    if (!f)
        return errno == ENOENT ? WITNESS_NONE : WITNESS_UNREADABLE;
    int version = 0;
    bool ok = fscanf(f, "mamori witness %d count %" SCNd64 " first %64s head %64s", &version, &w->count,
                     w->first, w->head) == 4 &&
              version == 1 && w->count > 0 && is_hex64(w->first) && is_hex64(w->head);
    fclose(f);
    return ok ? WITNESS_OK : WITNESS_UNREADABLE;
}

bool witness_write(const char *path, const Witness *w)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.%ld-%08x", path, (long)getpid(), (unsigned)randombytes_random());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, PRIVATE_FILE_MODE);
    if (fd < 0)
        return false;
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        unlink(tmp);
        return false;
    }
    bool ok = fchmod(fd, PRIVATE_FILE_MODE) == 0 &&
              fprintf(f, "mamori witness 1\ncount %" PRId64 "\nfirst %s\nhead %s\n", w->count, w->first,
                      w->head) > 0;
    ok = fclose(f) == 0 && ok;
    ok = ok && rename(tmp, path) == 0;
    if (!ok)
        unlink(tmp);
    return ok;
}
