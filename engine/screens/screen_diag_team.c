/* screen_diag_team.c — how each department answered its own practice (Parts 1–2), next to the
 * company's answer: for the department chosen, one row per item with the company's answer and
 * a bar of how many people answered yes / partly / no / don't know (counts written out, never
 * colour alone). Where practice is uneven shows as a split bar. Opened from the diagnosis result
 * (manager or president).
 *
 * What must stay true: the figures are the report model's (report_model.h: each active person's
 * latest own-practice diagnosis, by department), read on enter off the frame loop
 * (report_work.h), the screen saying how far it is meanwhile; 戻る stops the reading. */
#include "field.h"
#include "report_model.h"
#include "report_work.h"
#include "screens.h"
#include "theme.h"

#include <stdio.h>
#include <string.h>

/* A row's height: a line in the person's text size and its margins (46 in the standard size). */
static int row_h(const Ui *ui)
{
    return ui_px(ui, THEME_PX_SMALL) * 3 / 2 + 16;
}

typedef struct {
    ReportModel model; /* owned */
    bool loaded;       /* the model is here */
    int job;           /* reading it (app->job); 0 when none runs */
    char error[640];
    int dept;  /* -1 everyone, else a department index */
    int first; /* the first item shown */
} TeamState;

static const Color ANSWER_COLOR[DIAG_ANSWERS] = {
    {0x1E, 0x6B, 0x3A, 0xFF}, {0xE0, 0x8A, 0x00, 0xFF}, {0xA3, 0x2A, 0x1C, 0xFF}, {0x9A, 0xA3, 0xAD, 0xFF}};

static void team_enter(Screen *s, App *app, const void *arg)
{
    (void)app, (void)arg;
    TeamState *st = s->state;
    st->dept = -1;
}

static void team_leave(Screen *s, App *app)
{
    TeamState *st = s->state;
    if (st->job)
        job_cancel(&app->job, st->job);
    if (st->loaded)
        report_model_free(&st->model);
}

/* Starts reading the model, and takes it when read; true while it is not here yet. */
static bool team_loading(TeamState *st, App *app)
{
    Err e = {0};
    bool ok;
    if (st->loaded || st->error[0])
        return false;
    if (!st->job) {
        ReportQuery q = report_screen_query(app->now, 0);
        st->job = report_job_start(app, &q); /* 0: other work runs; again next frame */
        return true;
    }
    if (!report_job_take(app, st->job, &st->model, &ok, &e))
        return true;
    st->job = 0;
    st->loaded = ok;
    if (!ok)
        snprintf(st->error, sizeof st->error, "%s %s",
                 app_str(app, "記録を読み込めませんでした。", "The records could not be read."), e.msg);
    return false;
}

static const DiagTally *tally(const TeamState *st)
{
    return st->dept < 0 ? &st->model.practice : &st->model.dept_practice[st->dept];
}

/* The department buttons: everyone, then each department, wrapping; returns the height. */
static int chooser(Ui *ui, App *app, TeamState *st, Rect r)
{
    /* room for a long name (情報システム・セキュリティ推進本部) in two lines of the button's size,
     * grown with larger text, and fewer to a row then, so it is not shrunk below that size */
    int two = 2 * (ui_px(ui, THEME_PX_BUTTON) * 3 / 2) + 8;
    bool big = ui->text_pct > 100;
    int per_row = r.w >= 1000 ? (big ? 3 : 5) : (big ? 2 : 3),
        h = two > THEME_BUTTON_H ? two : THEME_BUTTON_H;
    int n = st->model.ndepartments + 1;
    for (int i = 0; i < n; i++) {
        char id[24];
        snprintf(id, sizeof id, "dept-%d", i);
        const char *name = i == 0 ? app_str(app, "全員", "Everyone") : st->model.departments[i - 1].name;
        if (ui_button(ui, id, rect_grid(r, i, per_row, h, THEME_GAP, 8), name[0] ? name : "—",
                      st->dept == i - 1 ? BTN_PRIMARY : BTN_SECONDARY, true))
            st->dept = i - 1, st->first = 0;
    }
    return ((n + per_row - 1) / per_row) * (h + 8);
}

static void split_bar(Ui *ui, const DiagTally *t, int item, Rect r)
{
    int sum = 0;
    for (int a = 0; a < DIAG_ANSWERS; a++)
        sum += t->count[item][a];
    ui_fill(ui, r, THEME_TRACK);
    Rect rest = r;
    for (int a = 0; a < DIAG_ANSWERS && sum; a++)
        ui_fill(ui, cut_left(&rest, t->count[item][a] * r.w / sum, 0), ANSWER_COLOR[a]);
}

static void item_row(Ui *ui, App *app, const TeamState *st, int i, Rect r)
{
    const DiagSheet *sh = app->content->diagnosis;
    const DiagTally *t = tally(st);
    const Lesson *l = content_lesson(app->content, sh->items[i].measure);
    const DiagRecord *co = st->model.ndiagnoses ? &st->model.diagnoses[st->model.ndiagnoses - 1] : NULL;
    char label[200], counts[96];
    snprintf(label, sizeof label, "%d. %s", i + 1, l ? app_text(app, l->title) : "");
    Rect rest = r; /* the item, the company's answer, the people's answers as a bar and counts */
    Rect item = cut_left(&rest, r.w * 2 / 5, 0), comp = cut_left(&rest, r.w * 3 / 5 - r.w * 2 / 5, 0);
    int px = ui_px(ui, THEME_PX_SMALL); /* in the person's text size */
    ui_label(ui, item.x, r.y + 8, px, false, THEME_TEXT, field_fit(ui, px, false, label, item.w - 12));
    const char *company = co ? app_text(app, sh->answers[co->answers[i]].label) : "—";
    ui_label(ui, comp.x, r.y + 8, px, false, THEME_MUTED, field_fit(ui, px, false, company, comp.w - 12));
    snprintf(counts, sizeof counts, "%d / %d / %d / %d", t->count[i][DIAG_YES], t->count[i][DIAG_PARTLY],
             t->count[i][DIAG_NO], t->count[i][DIAG_UNKNOWN]);
    int cw =
        ui_text_width(ui, px, false, counts, (int)strlen(counts)); /* the counts whole, the bar the rest */
    Rect bar = cut_left(&rest, rest.w - cw - 10 > rest.w / 4 ? rest.w - cw - 10 : rest.w / 4, 10);
    split_bar(ui, t, i, rect_height(rect_down(bar, 6), r.h - 16));
    ui_label(ui, rest.x, r.y + 8, px, false, THEME_TEXT, field_fit(ui, px, false, counts, rest.w));
}

static void table(Ui *ui, App *app, TeamState *st, Rect r)
{
    int cx = r.x + r.w * 2 / 5, bx = r.x + r.w * 3 / 5, px = ui_px(ui, THEME_PX_SMALL), head = px * 3 / 2 + 4;
    int rh = row_h(ui);
    ui_label(ui, r.x, r.y, px, true, THEME_MUTED, app_str(app, "項目", "Item"));
    ui_label(ui, cx, r.y, px, true, THEME_MUTED, app_str(app, "会社の回答", "Company"));
    const char *people = app_str(app, "社員の回答 実施/一部/未/不明", "People: yes/partly/no/?");
    int hh = ui_paragraph(ui, (Rect){bx, r.y, r.x + r.w - bx, 0}, px, true, THEME_MUTED, people) + 4;
    head = hh > head ? hh : head; /* the people's heading may take two lines in a narrow window */
    int per_page = (r.h - head - 64) / rh;
    per_page = per_page < 1 ? 1 : per_page;
    Rect rows = r;
    cut_top(&rows, head, 0);
    Rect pager = rect_height(rect_down(r, r.h - 56), 56);
    for (int i = st->first; i < DIAG_SELF_ITEMS && i < st->first + per_page; i++)
        item_row(ui, app, st, i, grid_cell(rows, i - st->first, 1, r.w, rh, 0));
    if (st->first > 0 && ui_button(ui, "rows-prev", rect_column(pager, 0, 2, THEME_GAP),
                                   app_str(app, "◀ 前", "◀ Previous"), BTN_QUIET, true))
        st->first = st->first > per_page ? st->first - per_page : 0;
    if (st->first + per_page < DIAG_SELF_ITEMS &&
        ui_button(ui, "rows-next", rect_column(pager, 1, 2, THEME_GAP), app_str(app, "次 ▶", "More ▶"),
                  BTN_QUIET, true))
        st->first += per_page;
}

static Nav team_frame(Screen *s, App *app, Ui *ui)
{
    TeamState *st = s->state;
    bool back = false;
    int y = draw_header(ui, app, app_str(app, "部署別の実践", "Practice by department"), "back",
                        app_str(app, "戻る", "Back"), &back);
    if (back || ui->in.key == UI_KEY_ESC)
        return nav_back();
    Flow f = flow_at(layout_column(ui, 1400), y + THEME_GAP);
    if (team_loading(st, app)) {
        char msg[300];
        working_band(ui, app, &f,
                     model_progress_text(app, job_progress(&app->job, st->job), msg, sizeof msg));
        return nav_stay();
    }
    if (st->error[0]) {
        draw_band(ui, flow_next(&f), BAND_ERROR, st->error);
        return nav_stay();
    }
    flow_skip(&f, chooser(ui, app, st, flow_next(&f)) + THEME_GAP);
    char who[160];
    snprintf(who, sizeof who,
             app_str(app, "回答した人：%d 人（Part 1〜2、各自の最新の回答）",
                     "People who answered: %d (Parts 1–2, each one's latest)"),
             tally(st)->people);
    int px = ui_px(ui, THEME_PX_SMALL);
    flow_skip(&f, ui_paragraph(ui, flow_next(&f), px, false, THEME_TEXT, who) + 4);
    table(ui, app, st, rect_height(flow_next(&f), flow_left(&f)));
    return nav_stay();
}

const ScreenOps SCREEN_DIAG_TEAM = {
    .name = "diag-team",
    .state_size = sizeof(TeamState),
    .enter = team_enter,
    .frame = team_frame,
    .leave = team_leave,
};
