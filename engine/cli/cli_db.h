/* cli_db.h — `mamori db copy --from SRC --to DST`: the whole record moved between stores (a
 * SQLite file or a PostgreSQL URI on either side), every event with its original hash, the
 * target verified before anything is reported as copied. */
#ifndef MAMORI_CLI_DB_H
#define MAMORI_CLI_DB_H

#include "cli.h"

/* argv[0] is "db". Returns the exit status. */
int cli_db(const CliContext *cx, int argc, char **argv);

#endif
