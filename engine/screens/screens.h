/* screens.h — every screen of the kiosk (immediate mode over ui.h; no SQL, no SDL), and the
 * small drawing helpers they share. */
#ifndef MAMORI_SCREENS_H
#define MAMORI_SCREENS_H

#include "diagnosis.h"
#include "flow.h"
#include "nav.h"
#include "progress.h"
#include "quiz.h"
#include "resume.h"
#include "scroll.h"

extern const ScreenOps SCREEN_START;       /* sign in: roster by department, keypad */
extern const ScreenOps SCREEN_HOME;        /* progress, the one-star course, the three parts */
extern const ScreenOps SCREEN_LESSON;      /* arg: const Lesson * */
extern const ScreenOps SCREEN_QUIZ;        /* arg: const QuizArg * */
extern const ScreenOps SCREEN_RESULT;      /* arg: const Quiz * (copied on enter) */
extern const ScreenOps SCREEN_PLEDGE;      /* sign the pledge of the signed-in person's role (arg NULL) */
extern const ScreenOps SCREEN_CERTIFICATE; /* the person's latest signed pledge, read back (arg NULL) */
/* The self-diagnosis (screen_diagnosis.c, screen_diag_result.c, screen_diag_team.c). */
extern const ScreenOps SCREEN_DIAGNOSIS;   /* arg: const DiagScope *: answer it (resumes a draft) */
extern const ScreenOps SCREEN_DIAG_RESULT; /* arg: const DiagResultArg *: the latest result, history */
extern const ScreenOps SCREEN_DIAG_TEAM;   /* own-practice answers by department beside the company's */
/* The countdown before an idle sign-out (screen_idle.c), opened by the shell over any screen. */
extern const ScreenOps SCREEN_IDLE;
enum { IDLE_COUNTDOWN_S = 20 };

/* The manager's screens, behind the PIN (screen_manager*.c, screen_roster.c, screen_settings.c,
 * screen_export.c). Only the PIN screen opens the dashboard; the others open from it. */
extern const ScreenOps SCREEN_MANAGER_PIN; /* the PIN keypad; replaced by the dashboard */
/* dashboard: completion, people, who is late, quit. arg: NULL, or a ReportModel * of the dashboard
 * read while the PIN was typed (screen_manager_pin.c), taken over on enter (left zeroed) */
extern const ScreenOps SCREEN_MANAGER;
extern const ScreenOps SCREEN_ROSTER;      /* the roster: everyone, active or not */
extern const ScreenOps SCREEN_PERSON;      /* arg: const Employee * to edit (copied), NULL to add */
extern const ScreenOps SCREEN_PERSON_CARD; /* arg: const Employee *: read-only progress card, 編集 */
extern const ScreenOps SCREEN_IMPORT;      /* the roster from a CSV file chosen from a list */
extern const ScreenOps SCREEN_SETTINGS;    /* the kiosk's rules; each change an event */
extern const ScreenOps SCREEN_EXPORT;      /* reports and pledge documents into a folder */
extern const ScreenOps SCREEN_SETUP;       /* first run: company, PIN twice, people (no PIN set yet) */

typedef struct {
    DiagScope scope;    /* the company's latest, or the signed-in person's own practice */
    bool just_recorded; /* say "recorded" above the result */
} DiagResultArg;

/* Whether the signed-in person may answer the company's diagnosis: a manager or the president. */
bool diag_may_answer_company(const App *app);
/* Who answers the company's diagnosis and where, in the language on screen: what a screen says
 * beside its answer button when the person at the kiosk may not (nobody signed in behind the
 * manager's PIN, or not a manager or the president). */
const char *diag_company_who(const App *app);

typedef struct {
    const Pool *pool;        /* a comprehension test of this pool (resumed from *resume when set), or */
    const TestDraft *resume; /* borrowed: the draft to go on with (resume_find) */
    const Question *const *followup; /* a follow-up quiz of these questions */
    int nfollowup;
} QuizArg;

/* SCREEN_EXPORT's argument from a person's card: save that person's reminder slip
 * (export_slip.h) instead of the whole export; NULL is the export. Copied on enter. */
typedef struct {
    char code[32];
    char name[128];
} SlipArg;

/* Home's pledge band (screen_pledge.c) at r (r.h the least height): what is still missing
 * before the person can sign, a button to sign (or sign a new version), or "signed" with a
 * button to the certificate. *height gets the height used (0 without a pledge text). */
Nav pledge_band(Ui *ui, App *app, const Progress *p, Rect r, int *height);
/* The height pledge_band takes at width w (at least min_h; 0 without a pledge text), and whether
 * it only informs (no button: the tests still to pass). */
int pledge_band_height(Ui *ui, const App *app, const Progress *p, int w, int min_h, bool *informs);

/* ---- shared drawing (screen_common.c) ---- */

/* The usable column: centred, at most max_w wide, with the theme's margins. */
Rect layout_column(const Ui *ui, int max_w);
/* The widest reading text should run at px in the app's language: THEME_MEASURE_JA full-width
 * characters, or as wide as THEME_MEASURE_EN characters of plain English, measured with the real
 * font; longer lines are hard to follow back to their start. */
int reading_width(Ui *ui, const App *app, int px);
/* A title bar across the top with a title and an optional right-side button; returns its
 * height. The button's id is "back" or "signout" as given; *pressed is set when used. */
int draw_header(Ui *ui, App *app, const char *title, const char *button_id, const char *button_label,
                bool *pressed);
/* What a message band says: a notice, an error, a success. */
typedef enum { BAND_NOTICE, BAND_ERROR, BAND_SUCCESS } BandKind;
/* A message band at r. With r.h 0 the band is as tall as its text needs. Returns its height. */
int draw_band(Ui *ui, Rect r, BandKind kind, const char *msg);
/* A band as the next row of f (as tall as its text needs), then gap below it. */
void flow_band(Ui *ui, Flow *f, BandKind kind, const char *msg, int gap);
/* The technical cause of an error, small, below the plain message; returns its height. */
int draw_detail(Ui *ui, App *app, Rect r, const char *detail);
/* The height draw_detail would use in a width of w. */
int detail_height(Ui *ui, App *app, int w, const char *detail);
/* On a shared server, a small line along the bottom of every screen: connecting, connected
 * with every record sent, sending, or the server away and how many records wait (no line on a
 * kiosk with its own file). The shell reads it once a frame, lays the screen out above its
 * height (0: no line), then draws it in the strip left free. */
typedef struct {
    char text[400];
    bool online;
    int h; /* the strip's height; 0 when there is no line */
} SyncLine;
void sync_line_read(App *app, SyncLine *out);
/* Why the server refused c's oldest refused record and what lets it through, in the language on
 * screen; returns buf. */
const char *refusal_text(const App *app, const OutboxCount *c, char *buf, size_t size);
void draw_sync_line(Ui *ui, const SyncLine *line);
enum { DATE_BUF = 48 }; /* a buffer for format_date */
/* t as a local day the Japanese way, "12月5日" ("2027年1月31日" in another year than now's; "5 Dec" /
 * "31 Jan 2027" in English): every date the kiosk shows. buf >= DATE_BUF bytes. */
const char *format_date(const App *app, int64_t t, char *buf);
/* Where USB sticks are mounted: MAMORI_MEDIA_ROOT (tests), else /media. */
const char *media_root(void);
/* The mount table that tells a USB stick from a plain folder (files_is_mount): MAMORI_MOUNTS
 * (tests: a file in /proc/self/mounts' form), else /proc/self/mounts. */
const char *mounts_table(void);
/* A folder as a person says it: "USBメモリ（LABEL）" for a stick, "このパソコン（ホームフォルダ）"
 * for the home folder, else the path itself (a folder the manager typed). */
const char *place_label(const App *app, const char *path, char *buf, size_t size);
/* ---- while a job works (screen_work.c) ---- */

/* n with a comma between thousands ("10,000"); returns buf. */
const char *format_count(int n, char *buf, size_t size);
/* What a job does and how far, as a notice band, the next row of f; asks for the next frame
 * soon, so the figures move and the end is seen without a touch. */
void working_band(Ui *ui, App *app, Flow *f, const char *msg);
/* The next frame comes within WORK_FRAME_MS though nobody touches the screen: work going on
 * behind a screen that shows something else meanwhile is taken as soon as it ends. */
void work_wake(App *app);
/* How far building the report model is (report_model_build's steps, the people read), in the
 * language on screen; returns buf. p may be NULL (not started yet). */
const char *model_progress_text(const App *app, const JobProgress *p, char *buf, size_t size);

/* The row of action buttons along the bottom of the window, across col. */
Rect action_bar(const Ui *ui, Rect col);
/* The height of a bar of n buttons side by side across w (laid out by bar_column): the standard,
 * or two lines of the person's button text when a label cannot stand on one line (larger text). */
int bar_height(Ui *ui, int w, const char *const *labels, int n);
/* Button i of n along bar: equal shares; but when a label would wrap in its share while every label
 * fits on one line with the room shared out by need, each gets its label's width and an equal part
 * of the rest (もう一度診断する beside 履歴 and 部署別 on a portrait screen in larger text). */
Rect bar_column(Ui *ui, Rect bar, const char *const *labels, int n, int i);
/* What a scrolled view shows: drawn (or with draw false only measured) across col from y; returns
 * the y below it. ctx is the screen's. */
typedef int (*ViewFn)(Ui *ui, void *ctx, Rect col, int y, bool draw);
/* fn's content in view, in the person's text size. When it does not fit it scrolls (a drag, the wheel,
 * ↑/↓, PageUp/PageDown) inside view less a bar at its right and a line below it that says there is
 * more, or at the end that the top is above: nothing is out of reach. */
void draw_scrolled(Ui *ui, App *app, UiScroll *sc, Rect view, ViewFn fn, void *ctx);

#endif
