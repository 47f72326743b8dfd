/* cli_db.c — `mamori db copy`: store_copy between two targets named on the command line.
 *
 * What must stay true: a missing source file is an error (never an empty new one); the source
 * is opened before the target, so a mistyped source creates nothing; the outcome is one line
 * (stdout on success, stderr on failure) and exit 0 / 1 / 2 (usage). */
#include "cli_db.h"
#include "db.h"
#include "store.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char DB_USAGE[] =
    "usage: mamori db copy --from SRC --to DST\n"
    "\n"
    "Copies the whole record from SRC to DST, each a SQLite file or a PostgreSQL URI\n"
    "(postgresql://user@host/db; the password from ~/.pgpass or PGPASSFILE). SRC must verify;\n"
    "DST must hold no record (a new file, or an empty database). Every record keeps its\n"
    "original hash; the tables made from the records are rebuilt in DST from the records\n"
    "themselves, and DST is verified before the copy is committed. Exit 0 copied, 1 failed.\n";

/* "--name VALUE" or "--name=VALUE" at argv[*i]; advances *i past the value. */
static bool opt_value(int argc, char **argv, int *i, const char *name, const char **val)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0 || (argv[*i][n] != '=' && argv[*i][n] != '\0'))
        return false;
    *val = argv[*i][n] == '=' ? argv[*i] + n + 1 : *i + 1 < argc ? argv[++*i] : NULL;
    return true;
}

/* A database file this copy made, with its journals and witness. */
static void remove_new_db(const char *path)
{
    static const char *const SUFFIX[] = {"", "-wal", "-shm", "-journal", ".witness"};
    char buf[4300];
    for (size_t i = 0; i < sizeof SUFFIX / sizeof *SUFFIX; i++) {
        snprintf(buf, sizeof buf, "%s%s", path, SUFFIX[i]);
        unlink(buf);
    }
}

static int copy(const char *src, const char *dst)
{
    Store *from = NULL, *to = NULL;
    StoreCopy c;
    Err e = {{0}};
    if (strcmp(src, dst) == 0)
        return cli_fail(CLI_USAGE, "db copy: --from and --to are the same database");
    if (!store_exists(src))
        return cli_fail(CLI_FAIL, "there is no database at %s (check --from)", src);
    int status = CLI_FAIL;
    bool dst_new = !db_is_uri(dst) && access(dst, F_OK) != 0;
    /* the source only read (a read-only evidence copy will do, and it is never sealed or changed) */
    if (store_open_readonly(&from, src, &e) && store_open(&to, dst, &e) && store_copy(from, to, &c, &e)) {
        printf("copied %lld records and %lld rows from %s to %s; verified, head %s\n", (long long)c.events,
               (long long)c.rows, src, dst, c.events ? c.head : "none");
        status = CLI_OK;
    } else {
        cli_fail(CLI_FAIL, "%s", e.msg);
    }
    store_close(to);
    store_close(from);
    if (status != CLI_OK && dst_new) /* a failed copy leaves no file of its own making behind */
        remove_new_db(dst);
    return status;
}

int cli_db(const CliContext *cx, int argc, char **argv)
{
    (void)cx;
    const char *src = NULL, *dst = NULL;
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
        return fputs(DB_USAGE, stdout), CLI_OK;
    if (argc < 2)
        return cli_usage_error("db", "say copy");
    if (strcmp(argv[1], "copy") != 0)
        return cli_usage_error("db", "unknown command '%s'", argv[1]);
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0)
            return fputs(DB_USAGE, stdout), CLI_OK;
        if (!opt_value(argc, argv, &i, "--from", &src) && !opt_value(argc, argv, &i, "--to", &dst))
            return cli_usage_error("db", "copy: unknown argument '%s'", argv[i]);
    }
    if (!src || !src[0] || !dst || !dst[0])
        return cli_usage_error("db", "copy needs --from SRC and --to DST");
    return copy(src, dst);
}
