/* cli_xapi.h — `mamori xapi export [--since ISO-TIME] --out FILE.json` and
 * `mamori xapi send --lrs URL [--since ISO-TIME]`: the learning records as xAPI 1.0.3 statements
 * (xapi.h), to a file or to a learning record store.
 *
 * send POSTs batches to URL/statements with X-Experience-API-Version: 1.0.3 and basic auth from
 * the environment (MAMORI_LRS_USER, MAMORI_LRS_PASSWORD; never from argv, where ps shows it),
 * retries a batch the LRS could not take (no connection, 5xx, 429) with back-off, prints its
 * progress, and after each batch the LRS accepted records the last record sent (the setting
 * xapi_last_sent, an event), so the next send starts after it. It refuses an answer it cannot
 * trust: anything but 200 with a JSON array of exactly the statement ids sent, in order.
 *
 * Exit status: 0 done, 1 failed (what was accepted before stays remembered), 2 wrong usage. */
#ifndef MAMORI_CLI_XAPI_H
#define MAMORI_CLI_XAPI_H

#include "cli.h"

int cli_xapi(const CliContext *cx, int argc, char **argv);

#endif
