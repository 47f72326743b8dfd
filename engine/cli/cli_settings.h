/* cli_settings.h — `mamori settings list | set KEY VALUE`: the kiosk's rules from the command
 * line (company_name, idle_timeout, pass_percent, followup_length, refresher_months,
 * default_lang). Each change is recorded as an event like any other. */
#ifndef MAMORI_CLI_SETTINGS_H
#define MAMORI_CLI_SETTINGS_H

#include "cli.h"

#include <stdint.h>

/* argv[0] is "settings". Returns the exit status. */
int cli_settings(const CliContext *cx, int argc, char **argv);

#endif
