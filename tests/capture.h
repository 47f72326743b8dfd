/* capture.h — runs a command-line verb in-process with stdout and stderr captured, for tests
 * of the cli_*.c files: capture_begin, call the verb, capture_end fills a Ran. */
#ifndef MAMORI_CAPTURE_H
#define MAMORI_CAPTURE_H

#include <stdio.h>
#include <unistd.h>

typedef struct {
    int status;
    char out[65536], err[16384];
} Ran;

typedef struct {
    FILE *out, *err;
    int saved_out, saved_err;
} Capture;

static void capture_begin(Capture *c)
{
    fflush(stdout);
    fflush(stderr);
    c->out = tmpfile();
    c->err = tmpfile();
    c->saved_out = dup(1);
    c->saved_err = dup(2);
    dup2(fileno(c->out), 1);
    dup2(fileno(c->err), 2);
}

static void capture_slurp(FILE *f, char *buf, size_t size)
{
    rewind(f);
    size_t n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
    fclose(f);
}

static void capture_end(Capture *c, Ran *r)
{
    fflush(stdout);
    fflush(stderr);
    dup2(c->saved_out, 1);
    dup2(c->saved_err, 2);
    close(c->saved_out);
    close(c->saved_err);
    capture_slurp(c->out, r->out, sizeof r->out);
    capture_slurp(c->err, r->err, sizeof r->err);
}

#endif
