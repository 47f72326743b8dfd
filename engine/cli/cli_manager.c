/* cli_manager.c — `mamori manager set-pin` (see cli_manager.h).
 *
 * What must stay true: the PIN is taken from stdin only; it is never echoed to a terminal,
 * printed or written anywhere but through store_pin_set (which stores a hash); the buffers that
 * held it are wiped before returning. */
#include "cli_manager.h"
#include "store.h"

#include <sodium.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

enum { LINE_MAX_BYTES = 64 };

static const char USAGE[] =
    "usage: mamori manager set-pin\n"
    "\n"
    "Sets the PIN (4 to 12 digits) that opens the manager screens at the kiosk. The PIN is\n"
    "read from stdin, never from the command line: type it when asked, or pipe it in:\n"
    "    printf '%s\\n' \"$PIN\" | mamori manager set-pin\n"
    "Only a hash of it (Argon2id) is stored. Setting a PIN also lifts a lock left by wrong tries.\n";

/* One line into buf without its line end; false at end of input. */
static bool read_line(FILE *in, char *buf, size_t size)
{
    if (!fgets(buf, (int)size, in))
        return false;
    size_t n = strcspn(buf, "\r\n");
    bool whole = buf[n] != '\0' || feof(in);
    buf[n] = '\0';
    if (!whole) { /* longer than the buffer: drop the rest, and make the PIN invalid */
        int c;
        while ((c = fgetc(in)) != EOF && c != '\n')
            ;
        buf[0] = 'x';
    }
    return true;
}

static bool ask(FILE *in, FILE *prompt, const char *question, char *buf, size_t size, Err *e)
{
    if (prompt)
        fputs(question, prompt), fflush(prompt);
    bool got = read_line(in, buf, size);
    if (prompt)
        fputc('\n', prompt);
    return got || err_set(e, "no PIN was given on stdin");
}

bool cli_manager_read_pin(FILE *in, FILE *prompt, bool ask_twice, char *pin, Err *e)
{
    char first[LINE_MAX_BYTES] = "", again[LINE_MAX_BYTES] = "";
    bool ok = ask(in, prompt, "New manager PIN (4-12 digits): ", first, sizeof first, e) &&
              (store_pin_valid(first) || err_set(e, "a manager PIN is %d to %d digits (0-9), nothing else",
                                                 PIN_MIN_DIGITS, PIN_MAX_DIGITS));
    if (ok && ask_twice)
        ok = ask(in, prompt, "The same PIN again: ", again, sizeof again, e) &&
             (strcmp(first, again) == 0 || err_set(e, "the two PINs differ; nothing was changed"));
    if (ok)
        memcpy(pin, first, strlen(first) + 1);
    sodium_memzero(first, sizeof first);
    sodium_memzero(again, sizeof again);
    return ok;
}

/* Reads the PIN from stdin, with echo off and asked twice on a terminal. */
static bool read_stdin_pin(char *pin, Err *e)
{
    struct termios saved, quiet;
    bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
    if (tty) {
        quiet = saved;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    bool ok = cli_manager_read_pin(stdin, tty ? stderr : NULL, tty, pin, e);
    if (tty)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    return ok;
}

static int set_pin(const char *db_path, int64_t now)
{
    char pin[PIN_MAX_DIGITS + 1] = "";
    Err e = {0};
    Store *s = NULL;
    int rc = 1;
    if (read_stdin_pin(pin, &e) && store_open(&s, db_path, &e) && store_pin_set(s, pin, now, &e)) {
        puts("manager PIN set");
        rc = 0;
    }
    sodium_memzero(pin, sizeof pin);
    if (s)
        store_close(s);
    if (rc)
        fprintf(stderr, "mamori: %s\n", e.msg);
    return rc;
}

int cli_manager(const CliContext *cx, int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
        return fputs(USAGE, stdout), 0;
    if (argc == 2 && strcmp(argv[1], "set-pin") == 0)
        return set_pin(cx->db, cx->now);
    if (argc > 2 && strcmp(argv[1], "set-pin") == 0)
        fputs("mamori: manager set-pin takes no arguments: the PIN is read from stdin, never from"
              " the command line\n",
              stderr);
    fputs(USAGE, stderr);
    return 2;
}
