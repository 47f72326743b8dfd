/* screen_work.c — what a screen shows while a job (job.h) works off the frame loop: a band
 * saying what is being done and how far ("読み込んでいます… 手順 2 / 5：宣言書（10,000 人）"),
 * redrawn every WORK_FRAME_MS so the figures move while nobody touches the screen. */
#include "report_model.h"
#include "screens.h"
#include "theme.h"

#include <stdatomic.h>
#include <stdio.h>

enum { WORK_FRAME_MS = 50 };

const char *format_count(int n, char *buf, size_t size)
{
    char digits[16];
    int len = snprintf(digits, sizeof digits, "%d", n < 0 ? 0 : n), at = 0;
    for (int i = 0; i < len && at + 2 < (int)size; i++) {
        if (i && (len - i) % 3 == 0)
            buf[at++] = ',';
        buf[at++] = digits[i];
    }
    buf[at] = '\0';
    return buf;
}

void work_wake(App *app)
{
    if (!app->wake_ms || app->wake_ms > WORK_FRAME_MS)
        app->wake_ms = WORK_FRAME_MS;
}

void working_band(Ui *ui, App *app, Flow *f, const char *msg)
{
    flow_band(ui, f, BAND_NOTICE, msg, THEME_GAP);
    work_wake(app);
}

/* The steps of report_model_build (REPORT_STEP_*), in a person's words. */
static const char *const STEP_JA[REPORT_STEPS + 1] = {"準備",     "社員の学習の記録", "宣言書",
                                                      "自社診断", "問題ごとの集計",   "記録の検証"};
static const char *const STEP_EN[REPORT_STEPS + 1] = {"starting",         "everyone's learning records",
                                                      "pledges",          "self-diagnoses",
                                                      "question figures", "checking the record"};

const char *model_progress_text(const App *app, const JobProgress *p, char *buf, size_t size)
{
    int step = p ? atomic_load(&p->step) : 0, people = p ? atomic_load(&p->total) : 0;
    step = step < 0 || step > REPORT_STEPS ? 0 : step;
    char count[16], who[64] = "";
    if (people)
        snprintf(who, sizeof who, app_str(app, "（%s 人）", " (%s people)"),
                 format_count(people, count, sizeof count));
    snprintf(buf, size, app_str(app, "読み込んでいます… 手順 %d / %d：%s%s", "Loading… step %d of %d: %s%s"),
             step, REPORT_STEPS, app_str(app, STEP_JA[step], STEP_EN[step]), who);
    return buf;
}
