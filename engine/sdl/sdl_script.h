/* sdl_script.h — scripted input for end-to-end tests: real SDL events pushed into the queue,
 * aimed at items of the trace view by id. One command a line:
 *   tap ID | touch ID          press and release at the centre of item ID (mouse / finger)
 *   key NAME                   a key press (SDL key names: Return, Tab, Escape, Right, 1 …)
 *   text STRING                typed text
 *   drag X1 Y1 X2 Y2           a mouse drag in steps (signature pads, Home's pages of tiles)
 *   touch-drag X1 Y1 X2 Y2     a finger drawn across in steps (a question that scrolls)
 *   wheel STEPS                the mouse wheel turned (negative: down, as towards more below)
 *   wait SCREEN                until the screen shown is SCREEN (fails after 5 s)
 *   expect TEXT                some text or label on screen contains TEXT (looks again until it
 *                              does, failing after 5 s: what the kiosk writes or loads in the
 *                              background, a result kept and retried, shows a moment later)
 *   sleep MS                   let time pass
 *   advance SECONDS            move the kiosk's clocks on at once (the idle timeout, the window
 *                              for resuming a test), without waiting
 *   screenshot FILE.png        save what is on screen
 *   frames-under MS            every frame since the script began (or since the last
 *                              frames-under) took less than MS; says the longest on stderr
 *   stopwatch WORDS            says on stderr "script: WORDS: N ms", the time since the script
 *                              began or since the last stopwatch (a benchmark times a step)
 *   busy COMMAND               COMMAND, run while the kiosk's work (job.h) is still going: fails
 *                              when none is (every other command waits for the work to end,
 *                              up to BUSY_LIMIT_MS, so it sees the outcome)
 *   quit                       exit 0
 * Blank lines and lines starting with # are skipped. A failing command ends the run with exit 3
 * and "script:LINE: what". */
#ifndef MAMORI_SDL_SCRIPT_H
#define MAMORI_SDL_SCRIPT_H

#include "err.h"
#include "ui.h"

#include <SDL.h>
#include <stdbool.h>

typedef struct Script Script;

Script *script_open(const char *path, Err *e);
void script_close(Script *s);

typedef enum { SCRIPT_MORE, SCRIPT_WAIT, SCRIPT_DONE, SCRIPT_QUIT, SCRIPT_FAILED } ScriptStep;

/* Runs the next command(s) against the last drawn frame. `screen` is the top screen's name;
 * busy: the kiosk's work (job.h) has not ended. SCRIPT_WAIT: nothing to do until later
 * (sleep, wait, the work). On SCRIPT_FAILED, e says why. */
ScriptStep script_step(Script *s, SDL_Window *w, SDL_Renderer *r, const Ui *ui, const char *screen, bool busy,
                       Err *e);
/* A frame took ms (for frames-under). */
void script_frame_ms(Script *s, Uint32 ms);
/* Milliseconds until the script wants to run again (for the event wait). */
int script_wait_ms(const Script *s);
/* How far `advance` has moved the clocks on, in ms (0 without a script): the kiosk adds it to
 * its idle clock and to app->now. */
Uint32 script_skew_ms(const Script *s);

#endif
