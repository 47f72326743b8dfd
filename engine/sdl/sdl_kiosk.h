/* sdl_kiosk.h — the SDL2 shell: a window, input turned into UiInput, the command list drawn,
 * the trace written, scripted input for tests. All decisions are in the core's screens. */
#ifndef MAMORI_SDL_KIOSK_H
#define MAMORI_SDL_KIOSK_H

#include <stdbool.h>

typedef struct {
    const char *db_path;
    const char *cache_path; /* --cache FILE: on a shared server, this kiosk's cache (NULL = default) */
    const char *content_dir;
    const char *trace_path;  /* --trace FILE, or NULL */
    const char *script_path; /* --script FILE (tests), or NULL */
    bool kiosk;              /* fullscreen, cannot be closed but through the manager screens */
    int frames;              /* --frames N: present N frames and exit 0; 0 = run */
    int width, height;       /* window size (window mode) */
} KioskOptions;

/* The exit status when test results are left outside the record at the end (kept in the
 * outbox file DB.outbox for the next start, or not saved at all: stderr says which). */
enum { KIOSK_EXIT_UNSAVED = 4 };

/* Runs the kiosk; returns the process exit status (0, 1 could not start, 3 a test script
 * failed, KIOSK_EXIT_UNSAVED). Errors are printed as plain sentences. */
int kiosk_run(const KioskOptions *o);

#endif
