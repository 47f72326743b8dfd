/* cli_manager.h — `mamori manager set-pin`: sets the PIN that opens the manager screens at the
 * kiosk. The PIN is read from stdin, never from the command line (argv is visible to every
 * user of the machine through ps and the shell history). */
#ifndef MAMORI_CLI_MANAGER_H
#define MAMORI_CLI_MANAGER_H

#include "cli.h"
#include "err.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* mamori manager set-pin
 *   Reads 4–12 digits from stdin; when stdin is a terminal it prompts on stderr with echo off
 *   and asks twice. Prints "manager PIN set" and exits 0; exit 1 for a bad or mismatched PIN or
 *   a database error; exit 2 for wrong usage (including a PIN given as an argument).
 * argv[0] is "manager". */
int cli_manager(const CliContext *cx, int argc, char **argv);

/* Reads one PIN line from in (a trailing CR/LF dropped); when ask_twice, a second line must
 * match. prompt (may be NULL) gets the questions. pin must hold PIN_MAX_DIGITS + 1 bytes. False
 * with e set for end of input, an invalid PIN or two different ones. */
bool cli_manager_read_pin(FILE *in, FILE *prompt, bool ask_twice, char *pin, Err *e);

#endif
