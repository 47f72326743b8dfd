/* screen_roster.c — the manager's roster: everyone (active first, then people no longer active)
 * as a paged table; adding a person; editing one; deactivating and reactivating; importing a
 * roster CSV chosen from the files found in the home folder, on USB sticks under /media, or in
 * a typed folder (its problems listed with their line numbers); exporting the roster as a CSV
 * Excel opens (report_roster.h) to the first USB stick, else the home folder. Typing is on the on-screen
 * keyboard or the physical one (field.h).
 *
 * What must stay true: nobody is ever deleted (their history stays): deactivating is
 * store_put_employee with active false, and every save is one recorded event; a code typed
 * here uses only what the sign-in keypad and keyboard can type (digits, letters, '-'); an import
 * runs off the frame loop (roster_work.h) and the screen shows how far it is until it ends. */
#include "demo.h"
#include "field.h"
#include "files.h"
#include "report_roster.h"
#include "roster.h"
#include "roster_work.h"
#include "screens.h"
#include "theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { ROW_H = 58, TOOL_H = 64 };

/* ---- the roster ---- */

typedef struct {
    Employee *people; /* heap (store_list_employees), owned */
    int npeople;
    bool loaded;
    int first;         /* first row shown */
    char message[640]; /* an error, or what the last change did */
    bool failed;
} RosterState;

static const char *role_text(const App *app, Role r)
{
    return r == ROLE_PRESIDENT ? app_str(app, "社長", "President")
           : r == ROLE_MANAGER ? app_str(app, "管理者", "Manager")
                               : app_str(app, "社員", "Employee");
}

static void roster_load(RosterState *st, App *app)
{
    Err e = {0};
    free(st->people);
    st->people = NULL;
    st->npeople = 0;
    st->loaded = true;
    st->failed = false;
    st->message[0] = '\0';
    if (!store_list_employees(app->store, true, &st->people, &st->npeople, &e)) {
        snprintf(st->message, sizeof st->message, "%s", e.msg);
        st->failed = true;
    } else if (app->notice[0]) { /* what the person screen or the import did */
        snprintf(st->message, sizeof st->message, "%s", app->notice);
        app->notice[0] = '\0';
    }
}

static void roster_enter(Screen *s, App *app, const void *arg)
{
    (void)s, (void)app, (void)arg;
}

static void roster_leave(Screen *s, App *app)
{
    (void)app;
    RosterState *st = s->state;
    free(st->people);
}

typedef struct {
    const char *title_ja, *title_en;
    int weight;     /* share of the width */
    bool wide_only; /* left out below 1000 px */
} Column;

static const Column COLUMNS[] = {
    {"番号", "Code", 2, false},       {"名前", "Name", 4, false}, {"ふりがな", "Kana", 4, true},
    {"部署", "Department", 3, false}, {"役割", "Role", 2, false}, {"状態", "State", 2, false},
};
enum { NCOLUMNS = sizeof COLUMNS / sizeof COLUMNS[0] };

/* Column x positions and widths across w; a left-out column gets width 0. */
static void column_layout(int x, int w, int xs[NCOLUMNS], int ws[NCOLUMNS])
{
    int total = 0;
    for (int i = 0; i < NCOLUMNS; i++)
        total += COLUMNS[i].wide_only && w < 1000 ? 0 : COLUMNS[i].weight;
    for (int i = 0; i < NCOLUMNS; i++) {
        ws[i] = COLUMNS[i].wide_only && w < 1000 ? 0 : w * COLUMNS[i].weight / total;
        xs[i] = x;
        x += ws[i];
    }
}

static const char *cell_text(const App *app, const Employee *p, int col)
{
    switch (col) {
    case 0:
        return p->code;
    case 1:
        return p->name;
    case 2:
        return p->kana;
    case 3:
        return p->department;
    case 4:
        return role_text(app, p->role);
    default:
        return p->active ? app_str(app, "有効", "Active") : app_str(app, "× 無効", "× Inactive");
    }
}

/* One person's row; true when tapped. */
static bool person_row(Ui *ui, const App *app, const Employee *p, Rect r, const int *xs, const int *ws)
{
    char id[48], label[400];
    snprintf(id, sizeof id, "person-%s", p->code);
    snprintf(label, sizeof label, "%s %s %s %s", p->code, p->name, p->department, cell_text(app, p, 5));
    bool used = ui_area(ui, id, r, label);
    bool focused = ui_last_focused(ui);
    ui_fill(ui, r, p->active ? THEME_SURFACE : THEME_TRACK);
    ui_frame(ui, r, THEME_BORDER, 1);
    for (int c = 0; c < NCOLUMNS; c++) {
        if (!ws[c])
            continue;
        Color fg = p->active ? THEME_TEXT : THEME_MUTED;
        const char *t = field_fit(ui, THEME_PX_SMALL + 2, c == 1, cell_text(app, p, c), ws[c] - 16);
        if (t[0])
            ui_label(ui, xs[c] + 8, rect_middle(r, 33).y, THEME_PX_SMALL + 2, c == 1, fg, t);
    }
    if (focused)
        ui_focus_ring(ui, rect_inset(r, 2)); /* the amber just outside the row, 6 px apart */
    return used;
}

/* The table with its header; returns the person tapped, or NULL. */
static const Employee *table(Ui *ui, const App *app, RosterState *st, Rect r)
{
    int xs[NCOLUMNS], ws[NCOLUMNS];
    Rect rows = r;
    Rect head = cut_top(&rows, 40, 0);
    Rect pager = cut_right(&rows, 82, THEME_GAP);
    column_layout(rows.x, rows.w, xs, ws);
    for (int c = 0; c < NCOLUMNS; c++)
        if (ws[c])
            ui_label(ui, xs[c] + 8, head.y + 4, THEME_PX_SMALL, true, THEME_MUTED,
                     field_fit(ui, THEME_PX_SMALL, true,
                               app_str(app, COLUMNS[c].title_ja, COLUMNS[c].title_en), ws[c] - 12));
    int visible = rows.h / ROW_H;
    field_pager(ui, "roster", pager, &st->first, st->npeople, visible);
    const Employee *chosen = NULL;
    for (int i = 0; i < visible && st->first + i < st->npeople; i++) {
        const Employee *p = &st->people[st->first + i];
        if (person_row(ui, app, p, grid_cell(rows, i, 1, rows.w, ROW_H - 6, 6), xs, ws))
            chosen = p;
    }
    if (st->npeople == 0)
        ui_paragraph(ui, rect_height(rect_down(rows, 20), 200), THEME_PX_BODY, false, THEME_MUTED,
                     app_str(app, "まだ誰もいません。「追加」か「CSVから取り込む」で名簿を作ってください。",
                             "No one yet. Add people one by one or import a CSV file."));
    return chosen;
}

/* Where the roster export goes: the first USB stick (a mount point under /media), else home. */
static const char *export_place(Arena *a)
{
    const char **places;
    int n = files_places(a, getenv("HOME"), media_root(), mounts_table(), &places, 16);
    for (int i = 0; i < n; i++)
        if (files_on_stick(places[i], media_root(), mounts_table(), NULL))
            return places[i];
    return n ? places[0] : NULL;
}

/* Writes PLACE/roster-YYYYMMDD-HHMMSS.csv and says where, or why not. */
static void roster_export(RosterState *st, App *app)
{
    Arena a = {0};
    Err e = {0};
    const char *place = export_place(&a);
    char stamp[32], path[700], where[600];
    time_t t = (time_t)app->now;
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(path, sizeof path, "%s/roster-%s.csv", place ? place : ".", stamp);
    int n = 0;
    st->failed = !place
                     ? !err_set(&e, "%s",
                                app_str(app, "書き出す場所がありません。", "There is no folder to write to."))
                     : !report_roster_save(app->store, path,
                                           app->lang == LANG_JA ? CSV_PEOPLE_JA : CSV_PEOPLE_EN, &n, &e);
    if (st->failed)
        snprintf(st->message, sizeof st->message, "%s %s",
                 app_str(app, "名簿を書き出せませんでした。", "Could not export the roster."), e.msg);
    else
        snprintf(st->message, sizeof st->message,
                 app_str(app, "%d 人の名簿を %s に書き出しました：roster-%s.csv（Excelで開けます）",
                         "Exported %d people to %s: roster-%s.csv (opens in Excel)."),
                 n, place_label(app, place, where, sizeof where), stamp);
    arena_free(&a);
}

/* With sample people (demo.h) active: how many, and one button that removes them all. */
static void demo_row(Ui *ui, App *app, RosterState *st, Flow *f)
{
    int ndemo = 0;
    for (int i = 0; i < st->npeople; i++)
        ndemo += st->people[i].active && demo_is(&st->people[i]);
    if (!ndemo)
        return;
    char what[200];
    Rect row = flow_row(f, TOOL_H, THEME_GAP);
    Rect button = cut_right(&row, 360 < row.w / 2 ? 360 : row.w / 2, THEME_GAP);
    snprintf(what, sizeof what,
             app_str(app, "見本の人（デモ）が %d 人います。", "%d sample (demo) people are on the roster."),
             ndemo);
    draw_band(ui, row, BAND_NOTICE, what);
    if (!ui_button(ui, "demo-remove", button, app_str(app, "見本の人を外す", "Remove the sample people"),
                   BTN_SECONDARY, true))
        return;
    Err e = {0};
    int n = 0;
    st->failed = !demo_remove(app->store, app->now, &n, &e);
    if (st->failed)
        snprintf(st->message, sizeof st->message, "%s %s",
                 app_str(app, "消せませんでした。", "Could not remove them."), e.msg);
    else
        snprintf(app->notice, sizeof app->notice,
                 app_str(app, "見本の人 %d 人を名簿から外しました（報告書にも出ません）。",
                         "Removed %d sample people from the roster (nor are they in reports)."),
                 n);
    if (!st->failed)
        st->loaded = false;
}

static Nav roster_frame(Screen *s, App *app, Ui *ui)
{
    RosterState *st = s->state;
    if (!st->loaded)
        roster_load(st, app);
    bool back = false;
    int y = draw_header(ui, app, app_str(app, "名簿", "Roster"), "back", app_str(app, "戻る", "Back"), &back);
    if (back || ui->in.key == UI_KEY_ESC)
        return nav_back();
    Rect col = layout_column(ui, 1400);
    Flow f = flow_at(col, y + THEME_GAP);
    if (st->message[0])
        flow_band(ui, &f, st->failed ? BAND_ERROR : BAND_SUCCESS, st->message, THEME_GAP);
    int bw = (col.w - 2 * THEME_GAP) / 3 < 360 ? (col.w - 2 * THEME_GAP) / 3 : 360;
    Rect tools = flow_row(&f, TOOL_H, THEME_GAP);
    bool add = ui_button(ui, "add", cut_left(&tools, bw, THEME_GAP),
                         app_str(app, "＋ 人を追加", "+ Add a person"), BTN_PRIMARY, true);
    bool import = ui_button(ui, "import", cut_left(&tools, bw, THEME_GAP),
                            app_str(app, "CSVから取り込む", "Import a CSV file"), BTN_SECONDARY, true);
    if (ui_button(ui, "export-csv", cut_left(&tools, bw, THEME_GAP),
                  app_str(app, "CSVに書き出す", "Export to CSV"), BTN_SECONDARY, st->npeople > 0))
        roster_export(st, app);
    demo_row(ui, app, st, &f);
    const Employee *chosen = table(ui, app, st, rect_height(flow_next(&f), flow_left(&f)));
    if (add || import || chosen)
        st->loaded = false; /* read again when we come back */
    if (add)
        return nav_push(&SCREEN_PERSON, NULL);
    if (import)
        return nav_push(&SCREEN_IMPORT, NULL);
    return chosen ? nav_push(&SCREEN_PERSON_CARD, chosen) : nav_stay();
}

const ScreenOps SCREEN_ROSTER = {
    .name = "roster",
    .state_size = sizeof(RosterState),
    .enter = roster_enter,
    .frame = roster_frame,
    .leave = roster_leave,
};

/* ---- importing a roster CSV ---- */

enum { MAX_PLACES = 32, MAX_FILES = 200, FILE_ROW_H = 64 };

typedef struct {
    Arena found;         /* owned: the places and files listed */
    const char **places; /* arena */
    int nplaces;
    FileEntry *files; /* arena */
    int nfiles;
    bool scanned;
    int first, chosen; /* first row shown; the file picked (-1 none) */
    char folder[512];  /* a folder typed by the manager ("" none) */
    bool typing;
    Keyboard kb;
    ErrList errs; /* the chosen file's problems */
    char message[640];
    int job; /* the import going on (app->job, roster_work.h), 0 when none */
} ImportState;

static void import_enter(Screen *s, App *app, const void *arg)
{
    (void)app, (void)arg;
    ImportState *st = s->state;
    st->chosen = -1;
}

static void import_leave(Screen *s, App *app)
{
    ImportState *st = s->state;
    if (st->job) /* signed out (SIGTERM): the import still ends whole */
        job_cancel(&app->job, st->job);
    arena_free(&st->found);
    errlist_free(&st->errs);
}

static void import_scan(ImportState *st)
{
    arena_free(&st->found);
    st->nplaces =
        files_places(&st->found, getenv("HOME"), media_root(), mounts_table(), &st->places, MAX_PLACES - 1);
    if (st->folder[0])
        st->places[st->nplaces++] = arena_strdup(&st->found, st->folder);
    st->nfiles = files_csv(&st->found, st->places, st->nplaces, &st->files, MAX_FILES);
    st->scanned = true;
    st->chosen = -1;
    st->first = 0;
}

/* Starts importing the chosen file off the frame loop (another press when other work runs). */
static void import_run(ImportState *st, App *app)
{
    errlist_free(&st->errs);
    st->first = 0;
    st->message[0] = '\0';
    st->job = roster_job_start(app, st->files[st->chosen].path, app->now);
    if (!st->job)
        snprintf(st->message, sizeof st->message, "%s",
                 app_str(app, "ほかの作業が終わるのを待っています。もう一度押してください。",
                         "Other work is still going on. Press Import again in a moment."));
}

/* The import has ended: every problem listed, or back to the roster with what was read. */
static Nav import_ended(ImportState *st, App *app, RosterWork *w, bool ok, const Err *e)
{
    const FileEntry *f = &st->files[st->chosen];
    if (!ok && w->errs.nmsgs) {
        st->errs = w->errs, w->errs = (ErrList){0};
        snprintf(st->message, sizeof st->message,
                 app_str(app,
                         "%s に %d 件の問題があります。何も取り込んでいません。直してからもう一度どうぞ。",
                         "%s has %d problems. Nothing was imported: fix them and try again."),
                 f->name, st->errs.nmsgs);
    } else if (!ok)
        snprintf(st->message, sizeof st->message, "%s %s",
                 app_str(app, "取り込めませんでした。", "Could not import."), e->msg);
    else {
        int len =
            snprintf(app->notice, sizeof app->notice,
                     app_str(app, "%s（%s）から %d 人を読みました（%d 人を追加・変更）。",
                             "%s (%s): read %d people (%d added or changed)."),
                     f->name, encoding_name_in(w->info.encoding, app->lang != LANG_EN), w->nrows, w->changed);
        if (w->info.nignored && len > 0 && (size_t)len < sizeof app->notice)
            snprintf(app->notice + len, sizeof app->notice - (size_t)len,
                     app_str(app, " 使わなかった列：%s", " Columns not used: %s"), w->info.ignored);
    }
    roster_work_free(w);
    return ok ? nav_back() : nav_stay();
}

/* While the import works: how far it is, nothing to press (it ends whole). Once it has ended,
 * its outcome in *to; false when the screen is to be drawn as usual. */
static bool importing(ImportState *st, App *app, Ui *ui, Nav *to)
{
    Err e = {0};
    bool ok;
    RosterWork *w = roster_job_take(app, st->job, &ok, &e);
    if (w) {
        st->job = 0;
        *to = import_ended(st, app, w, ok, &e);
        return to->kind != NAV_STAY;
    }
    int y = draw_header(ui, app, app_str(app, "名簿をCSVから取り込む", "Import the roster from CSV"), NULL,
                        NULL, NULL);
    Flow f = flow_at(layout_column(ui, 1400), y + THEME_GAP);
    const JobProgress *p = job_progress(&app->job, st->job);
    char msg[300], count[16];
    if (p && atomic_load(&p->step) == ROSTER_STEP_WRITE)
        snprintf(msg, sizeof msg,
                 app_str(app, "名簿を取り込んでいます… %s 人を記録に書いています。お待ちください。",
                         "Importing the roster… writing %s people into the record. Please wait."),
                 format_count(atomic_load(&p->total), count, sizeof count));
    else
        snprintf(msg, sizeof msg, "%s",
                 app_str(app, "名簿を取り込んでいます… ファイルを読んでいます。お待ちください。",
                         "Importing the roster… reading the file. Please wait."));
    working_band(ui, app, &f, msg);
    *to = nav_stay();
    return true;
}

/* One problem as a person reads it: "3 行目：..." ("Line 3: ...") for the chosen file's
 * "PATH:3: ..." (the band above names the file), else with the file's folder left out. */
static const char *problem_text(const ImportState *st, const App *app, int i, char *buf, size_t size)
{
    const char *m = st->errs.msgs[i];
    const FileEntry *f = st->chosen >= 0 ? &st->files[st->chosen] : NULL;
    size_t dir = f ? (size_t)(f->name - f->path) : 0, n = f ? strlen(f->path) : 0;
    int line = 0, used = 0;
    if (f && strncmp(m, f->path, n) == 0 && sscanf(m + n, ":%d: %n", &line, &used) == 1 && used > 0) {
        snprintf(buf, size, app_str(app, "%d 行目：%s", "Line %d: %s"), line, m + n + used);
        return buf;
    }
    return f && strncmp(m, f->path, dir) == 0 ? m + dir : m;
}

/* The problems, two lines each at most (three on a narrow screen; a longer one is cut), paged. */
static void problems(Ui *ui, const App *app, ImportState *st, Rect r)
{
    const int PROBLEM_H = (r.w < 900 ? 3 : 2) * 30 + 10;
    int visible = r.h / PROBLEM_H;
    field_pager(ui, "problems", cut_right(&r, 82, 2 * THEME_GAP), &st->first, st->errs.nmsgs, visible);
    for (int i = 0; i < visible && st->first + i < st->errs.nmsgs; i++) {
        char line[700];
        const char *m = problem_text(st, app, st->first + i, line, sizeof line);
        Rect box = grid_cell(r, i, 1, r.w, PROBLEM_H - 6, 6);
        Rect text = rect_shrink(box, 12, 2);
        ui_fill(ui, box, THEME_FAIL_SOFT);
        if (ui_paragraph_height(ui, text.w, THEME_PX_SMALL, false, m) > text.h)
            m = field_fit(ui, THEME_PX_SMALL, false, m, text.w);
        int h = ui_paragraph_height(ui, text.w, THEME_PX_SMALL, false, m);
        ui_paragraph(ui, rect_middle(text, h), THEME_PX_SMALL, false, THEME_TEXT, m);
    }
}

static void file_list(Ui *ui, const App *app, ImportState *st, Rect r)
{
    int visible = r.h / FILE_ROW_H;
    Rect rows = r;
    field_pager(ui, "files", cut_right(&rows, 82, THEME_GAP), &st->first, st->nfiles, visible);
    if (st->nfiles == 0)
        ui_paragraph(
            ui, rect_height(rect_down(rows, 10), 0), THEME_PX_BODY, false, THEME_MUTED,
            app_str(app,
                    "CSVファイルが見つかりません。USBメモリを差し込んで「探し直す」を押すか、フォルダを入力し"
                    "てください。",
                    "No CSV file found. Plug in a USB stick and press Look again, or type a folder."));
    for (int i = 0; i < visible && st->first + i < st->nfiles; i++) {
        int k = st->first + i;
        const FileEntry *f = &st->files[k];
        char id[24], date[DATE_BUF], label[1200];
        snprintf(id, sizeof id, "file-%d", k);
        char dir[600], where[600];
        snprintf(dir, sizeof dir, "%.*s", (int)(f->name - f->path > 0 ? f->name - f->path - 1 : 0), f->path);
        snprintf(label, sizeof label, "%s  (%s, %s)", f->name, place_label(app, dir, where, sizeof where),
                 format_date(app, f->mtime, date));
        Rect fr = grid_cell(rows, i, 1, rows.w, FILE_ROW_H - 8, 8);
        if (ui_choice(ui, id, fr, field_fit(ui, THEME_PX_BODY, false, label, fr.w - 90), k == st->chosen,
                      true))
            st->chosen = k;
    }
}

static void folder_entry(Ui *ui, const App *app, ImportState *st, Rect r)
{
    if (field_folder(ui, app, r, &st->kb, st->folder, sizeof st->folder, app_str(app, "探す", "Look"))) {
        st->typing = false;
        import_scan(st);
    }
}

static Nav import_frame(Screen *s, App *app, Ui *ui)
{
    ImportState *st = s->state;
    Nav to;
    if (st->job && importing(st, app, ui, &to))
        return to;
    if (!st->scanned)
        import_scan(st);
    bool back = false;
    int y = draw_header(ui, app, app_str(app, "名簿をCSVから取り込む", "Import the roster from CSV"), "back",
                        app_str(app, "戻る", "Back"), &back);
    if (back || ui->in.key == UI_KEY_ESC)
        return nav_back();
    Rect col = layout_column(ui, 1400);
    Flow f = flow_at(col, y + THEME_GAP);
    const char *msg =
        st->message[0]
            ? st->message
            : app_str(app,
                      "取り込むファイルを選んでください（ExcelのCSV。列：社員番号・氏名・フリガナ・部署・役割"
                      "・言語、"
                      "または code,name,kana,department,role,lang）。",
                      "Choose the file to import (a CSV from Excel; columns code, name, kana, department, "
                      "role, lang, or their Japanese names).");
    flow_band(ui, &f, st->message[0] ? BAND_ERROR : BAND_NOTICE, msg, THEME_GAP);
    Rect tools = flow_row(&f, TOOL_H, THEME_GAP);
    if (ui_button(ui, "type-folder", rect_column(tools, 0, 3, THEME_GAP),
                  app_str(app, "フォルダを入力", "Type a folder"), st->typing ? BTN_PRIMARY : BTN_SECONDARY,
                  true))
        st->typing = !st->typing;
    if (ui_button(ui, "rescan", rect_column(tools, 1, 3, THEME_GAP), app_str(app, "探し直す", "Look again"),
                  BTN_SECONDARY, true))
        import_scan(st), errlist_free(&st->errs), st->message[0] = '\0';
    bool go = ui_button(ui, "do-import", rect_column(tools, 2, 3, THEME_GAP),
                        app_str(app, "取り込む", "Import"), BTN_PRIMARY, st->chosen >= 0 && !st->typing);
    Rect area = rect_height(flow_next(&f), flow_left(&f));
    if (st->typing)
        folder_entry(ui, app, st, area);
    else if (st->errs.nmsgs)
        problems(ui, app, st, area);
    else
        file_list(ui, app, st, area);
    if (go && st->chosen >= 0)
        import_run(st, app);
    return nav_stay();
}

const ScreenOps SCREEN_IMPORT = {
    .name = "import",
    .state_size = sizeof(ImportState),
    .enter = import_enter,
    .frame = import_frame,
    .leave = import_leave,
};
