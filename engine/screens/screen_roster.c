/* screen_roster.c — the manager's roster: everyone (active first, then people no longer active)
 * as a paged table; adding a person; editing one; deactivating and reactivating; importing a
 * roster CSV chosen from the files found in the home folder, on USB sticks under /media, or in
 * a typed folder (its problems listed with their line numbers); exporting the roster as a CSV
 * Excel opens (report_roster.h) to the first USB stick, else the home folder. Typing is on the on-screen
 * keyboard or the physical one (field.h).
 *
 * What must stay true: nobody is ever deleted (their history stays): deactivating is
 * store_put_employee with active false, and every save is one recorded event; a code typed
 * here uses only what the sign-in keypad and keyboard can type (digits, letters, '-'). */
#include "field.h"
#include "files.h"
#include "report_roster.h"
#include "roster.h"
#include "screens.h"
#include "text_guard.h"
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
        ui_frame(ui, rect_inset(r, -4), THEME_FOCUS, THEME_FOCUS_W);
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
    int n = files_places(a, getenv("HOME"), "/media", &places, 16);
    for (int i = 0; i < n; i++)
        if (strncmp(places[i], "/media/", 7) == 0 && files_is_mount(places[i]))
            return places[i];
    return n ? places[0] : NULL;
}

/* Writes PLACE/roster-YYYYMMDD-HHMMSS.csv and says where, or why not. */
static void roster_export(RosterState *st, App *app)
{
    Arena a = {0};
    Err e = {0};
    const char *place = export_place(&a);
    char stamp[32], path[700];
    time_t t = (time_t)app->now;
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(path, sizeof path, "%s/roster-%s.csv", place ? place : ".", stamp);
    int n = 0;
    st->failed = !place
                     ? !err_set(&e, "%s",
                                app_str(app, "書き出す場所がありません。", "There is no folder to write to."))
                     : !report_roster_save(app->store, path, &n, &e);
    if (st->failed)
        snprintf(st->message, sizeof st->message, "%s %s",
                 app_str(app, "名簿を書き出せませんでした。", "Could not export the roster."), e.msg);
    else
        snprintf(st->message, sizeof st->message,
                 app_str(app, "%d 人の名簿を書き出しました：%s（Excelで開けます）",
                         "Exported %d people to %s (opens in Excel)."),
                 n, path);
    arena_free(&a);
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
    const Employee *chosen = table(ui, app, st, rect_height(flow_next(&f), flow_left(&f)));
    if (add || import || chosen)
        st->loaded = false; /* read again when we come back */
    if (add)
        return nav_push(&SCREEN_PERSON, NULL);
    if (import)
        return nav_push(&SCREEN_IMPORT, NULL);
    return chosen ? nav_push(&SCREEN_PERSON, chosen) : nav_stay();
}

const ScreenOps SCREEN_ROSTER = {
    .name = "roster",
    .state_size = sizeof(RosterState),
    .enter = roster_enter,
    .frame = roster_frame,
    .leave = roster_leave,
};

/* ---- one person ---- */

enum { F_CODE, F_NAME, F_KANA, F_DEPARTMENT, NFIELDS };

typedef struct {
    Employee emp; /* being edited */
    bool adding;
    bool was_active;
    int active; /* the field typed into */
    Keyboard kb;
    char error[640];
} PersonState;

static char *field_buf(PersonState *st, int f, size_t *size)
{
    Employee *p = &st->emp;
    char *bufs[NFIELDS] = {p->code, p->name, p->kana, p->department};
    size_t sizes[NFIELDS] = {sizeof p->code, sizeof p->name, sizeof p->kana, sizeof p->department};
    *size = sizes[f];
    return bufs[f];
}

static void person_enter(Screen *s, App *app, const void *arg)
{
    PersonState *st = s->state;
    st->adding = arg == NULL;
    if (arg)
        st->emp = *(const Employee *)arg;
    else
        st->emp = (Employee){.active = true, .lang = app->lang};
    st->was_active = st->emp.active;
    st->active = st->adding ? F_CODE : F_NAME;
    st->kb.mode = st->adding ? KB_LATIN : KB_HIRAGANA;
}

static void trim(char *s)
{
    size_t n = strlen(s), at = 0;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    while (s[at] == ' ' || s[at] == '\t')
        at++;
    memmove(s, s + at, n - at + 1);
}

/* A field holding a refused character (text_guard.h): why, in words, into st->error. */
static bool person_chars(PersonState *st, App *app)
{
    static const char *const ja[NFIELDS] = {"社員番号", "名前", "ふりがな", "部署"};
    static const char *const en[NFIELDS] = {"The code", "The name", "The kana", "The department"};
    for (int f = F_NAME; f < NFIELDS; f++) {
        size_t size;
        const char *v = field_buf(st, f, &size);
        uint32_t cp;
        int col;
        if (text_guard_find(v, strlen(v), &cp, &col)) {
            snprintf(st->error, sizeof st->error,
                     app_str(app, "%sに使えない文字があります（%d文字目、U+%04X）。消してください。",
                             "%s holds a character that is not allowed (character %d, U+%04X). Delete it."),
                     app_str(app, ja[f], en[f]), col, (unsigned)cp);
            return false;
        }
    }
    return true;
}

/* Checks the form; false with st->error saying what to fix. */
static bool person_check(PersonState *st, App *app)
{
    for (int f = 0; f < NFIELDS; f++) {
        size_t size;
        trim(field_buf(st, f, &size));
    }
    Err e = {0};
    const char *why = NULL;
    if (!st->emp.code[0])
        why = app_str(app, "社員番号を入れてください。", "Enter an employee code.");
    else if (st->adding && !text_code_check(st->emp.code, &e))
        why = app_str(
            app, "社員番号に使えるのは数字・英字・「-」だけです（キーパッドで入れられるように）。",
            "An employee code may hold only digits, letters and '-' (so it can be typed to sign in).");
    else if (!st->emp.name[0])
        why = app_str(app, "名前を入れてください。", "Enter a name.");
    if (why)
        snprintf(st->error, sizeof st->error, "%s", why);
    return why == NULL && person_chars(st, app);
}

/* Refuses a code already in use when adding. */
static bool code_free(PersonState *st, App *app)
{
    Employee other;
    bool found = false;
    Err e = {0};
    if (!store_find_employee(app->store, st->emp.code, &other, &found, &e))
        return snprintf(st->error, sizeof st->error, "%s", e.msg), false;
    if (found)
        snprintf(st->error, sizeof st->error,
                 app_str(app, "社員番号 %s はすでに %s さんが使っています。",
                         "The code %s already belongs to %s."),
                 other.code, other.name);
    return !found;
}

/* Saves the person with this active state; back to the roster with a notice when done. */
static Nav person_save(PersonState *st, App *app, bool active)
{
    Err e = {0};
    if (!person_check(st, app) || (st->adding && !code_free(st, app)))
        return nav_stay();
    st->emp.active = active;
    if (!store_put_employee(app->store, &st->emp, app->now, &e)) {
        st->emp.active = st->was_active;
        snprintf(st->error, sizeof st->error, "%s %s",
                 app_str(app, "保存できませんでした。", "Could not save."), e.msg);
        return nav_stay();
    }
    const char *what = st->adding ? app_str(app, "%s さんを追加しました。", "Added %s.")
                       : active == st->was_active ? app_str(app, "%s さんを保存しました。", "Saved %s.")
                       : active ? app_str(app, "%s さんを有効に戻しました。", "%s is active again.")
                                : app_str(app, "%s さんを無効にしました（記録は残ります）。",
                                          "%s is no longer active (their records stay).");
    snprintf(app->notice, sizeof app->notice, what, st->emp.name);
    return nav_back();
}

/* A row of choices (role or language) with a caption; the chosen one marked ✓. */
enum { CHOICE_ROW_H = 30 + 56 };                                   /* a caption, then 56 px buttons */
enum { CONTROLS_H = 2 * CHOICE_ROW_H + 10 + 16 + THEME_BUTTON_H }; /* person_controls */

static int choice_row(Ui *ui, Rect r, const char *caption, const char *idp, const char *const *labels, int n,
                      int *chosen)
{
    ui_label(ui, r.x, r.y, THEME_PX_SMALL, true, THEME_MUTED, caption);
    Rect buttons = rect_height(rect_down(r, 30), 56);
    for (int i = 0; i < n; i++) {
        char id[32], label[64];
        snprintf(id, sizeof id, "%s-%d", idp, i);
        snprintf(label, sizeof label, "%s%s", i == *chosen ? "✓ " : "", labels[i]);
        if (ui_button(ui, id, rect_column(buttons, i, n, THEME_GAP), label,
                      i == *chosen ? BTN_PRIMARY : BTN_SECONDARY, true))
            *chosen = i;
    }
    return CHOICE_ROW_H;
}

static void person_fields(Ui *ui, App *app, PersonState *st, Rect r)
{
    static const char *const ids[NFIELDS] = {"field-code", "field-name", "field-kana", "field-department"};
    const char *captions[NFIELDS] = {
        st->adding ? app_str(app, "社員番号", "Employee code")
                   : app_str(app, "社員番号（変更できません）", "Employee code (fixed)"),
        app_str(app, "名前", "Name"), app_str(app, "ふりがな", "Kana"), app_str(app, "部署", "Department")};
    Flow rows = flow_in(r);
    Rect row = {0};
    for (int f = 0; f < NFIELDS; f++) { /* two fields a row */
        size_t size;
        const char *text = field_buf(st, f, &size);
        if (f % 2 == 0)
            row = flow_row(&rows, FIELD_H, 10);
        Rect fr = rect_column(row, f % 2, 2, THEME_GAP);
        if (f == F_CODE && !st->adding) { /* a code names the person's history: it never changes */
            ui_label(ui, fr.x, fr.y, THEME_PX_SMALL, true, THEME_MUTED, captions[f]);
            ui_label(ui, fr.x + 14, fr.y + FIELD_CAPTION_H + 14, THEME_PX_BODY, true, THEME_TEXT, text);
            continue;
        }
        if (field_draw(ui, ids[f], fr, captions[f], text, st->active == f))
            st->active = f;
    }
}

/* Role, language, the state, and the buttons; returns where to go. */
static Nav person_controls(Ui *ui, App *app, PersonState *st, Rect r)
{
    const char *roles[] = {role_text(app, ROLE_EMPLOYEE), role_text(app, ROLE_MANAGER),
                           role_text(app, ROLE_PRESIDENT)};
    const char *langs[] = {"日本語", "English"};
    int role = (int)st->emp.role, lang = (int)st->emp.lang;
    Flow f = flow_in(r);
    choice_row(ui, flow_row(&f, CHOICE_ROW_H, 10), app_str(app, "役割", "Role"), "role", roles, 3, &role);
    choice_row(ui, flow_row(&f, CHOICE_ROW_H, 16), app_str(app, "言語", "Language"), "lang", langs, 2, &lang);
    st->emp.role = (Role)role;
    st->emp.lang = (Lang)lang;
    Rect buttons = flow_row(&f, THEME_BUTTON_H, 0);
    if (ui_button(ui, "save", rect_column(buttons, 0, 2, THEME_GAP), app_str(app, "保存", "Save"),
                  BTN_PRIMARY, true))
        return person_save(st, app, st->was_active);
    if (st->adding)
        return nav_stay();
    Rect other = rect_column(buttons, 1, 2, THEME_GAP);
    if (st->was_active &&
        ui_button(ui, "deactivate", other, app_str(app, "無効にする", "Deactivate"), BTN_DANGER, true))
        return person_save(st, app, false);
    if (!st->was_active &&
        ui_button(ui, "reactivate", other, app_str(app, "有効に戻す", "Reactivate"), BTN_SECONDARY, true))
        return person_save(st, app, true);
    return nav_stay();
}

static Nav person_frame(Screen *s, App *app, Ui *ui)
{
    PersonState *st = s->state;
    char title[300];
    if (st->adding)
        snprintf(title, sizeof title, "%s", app_str(app, "人を追加", "Add a person"));
    else
        snprintf(title, sizeof title, app_str(app, "%s さん%s", "%s%s"), st->emp.name,
                 st->was_active ? "" : app_str(app, "（無効）", " (inactive)"));
    bool back = false;
    int y = draw_header(ui, app, title, "back", app_str(app, "戻る", "Back"), &back);
    if (back || ui->in.key == UI_KEY_ESC)
        return nav_back();
    Rect col = layout_column(ui, 1400);
    Flow page = flow_at(col, y + THEME_GAP);
    if (st->error[0])
        flow_band(ui, &page, BAND_ERROR, st->error, THEME_GAP);
    bool wide = ui->w > ui->h;
    int formw = wide ? (col.w - 2 * THEME_PAD) * 46 / 100 : col.w;
    Flow form = flow_at(rect_sides(col, 0, col.w - formw), page.y);
    person_fields(ui, app, st, flow_row(&form, 2 * (FIELD_H + 10), 0));
    size_t size;
    char *buf = field_buf(st, st->active, &size);
    if (field_type(ui, buf, size))
        st->error[0] = '\0';
    Nav to = person_controls(ui, app, st, flow_row(&form, CONTROLS_H, 2 * THEME_PAD));
    if (to.kind != NAV_STAY)
        return to;
    Rect beside = flow_next(&page);
    cut_left(&beside, formw, 2 * THEME_PAD);
    Rect kb = wide ? beside : flow_next(&(Flow){col, form.y});
    kb.h = field_keyboard_height(kb.w);
    const char *next = app_str(app, "次へ", "Next");
    if (field_keyboard(ui, app, kb, &st->kb, buf, size, next)) {
        st->active = (st->active + 1) % NFIELDS;
        if (st->active == F_CODE && !st->adding)
            st->active = F_NAME;
    }
    return nav_stay();
}

const ScreenOps SCREEN_PERSON = {
    .name = "person",
    .state_size = sizeof(PersonState),
    .enter = person_enter,
    .frame = person_frame,
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
} ImportState;

static void import_enter(Screen *s, App *app, const void *arg)
{
    (void)app, (void)arg;
    ImportState *st = s->state;
    st->chosen = -1;
}

static void import_leave(Screen *s, App *app)
{
    (void)app;
    ImportState *st = s->state;
    arena_free(&st->found);
    errlist_free(&st->errs);
}

static void import_scan(ImportState *st)
{
    arena_free(&st->found);
    st->nplaces = files_places(&st->found, getenv("HOME"), "/media", &st->places, MAX_PLACES - 1);
    if (st->folder[0])
        st->places[st->nplaces++] = arena_strdup(&st->found, st->folder);
    st->nfiles = files_csv(&st->found, st->places, st->nplaces, &st->files, MAX_FILES);
    st->scanned = true;
    st->chosen = -1;
    st->first = 0;
}

/* Reads and imports the chosen file: every problem listed, or back to the roster. */
static Nav import_run(ImportState *st, App *app)
{
    const FileEntry *f = &st->files[st->chosen];
    Employee *rows;
    RosterInfo info;
    int n, changed = 0;
    Err e = {0};
    errlist_free(&st->errs);
    st->first = 0;
    if (!roster_parse_info(f->path, &rows, &n, &info, &st->errs)) {
        snprintf(st->message, sizeof st->message,
                 app_str(app,
                         "%s に %d 件の問題があります。何も取り込んでいません。直してからもう一度どうぞ。",
                         "%s has %d problems. Nothing was imported: fix them and try again."),
                 f->name, st->errs.nmsgs);
        return nav_stay();
    }
    bool ok = store_import_employees(app->store, rows, n, app->now, &changed, &e);
    free(rows);
    if (!ok) {
        snprintf(st->message, sizeof st->message, "%s %s",
                 app_str(app, "取り込めませんでした。", "Could not import."), e.msg);
        return nav_stay();
    }
    int len = snprintf(app->notice, sizeof app->notice,
                       app_str(app, "%s（%s）から %d 人を読みました（%d 人を追加・変更）。",
                               "%s (%s): read %d people (%d added or changed)."),
                       f->name, encoding_name(info.encoding), n, changed);
    if (info.nignored && len > 0 && (size_t)len < sizeof app->notice)
        snprintf(app->notice + len, sizeof app->notice - (size_t)len,
                 app_str(app, " 使わなかった列：%s", " Columns not used: %s"), info.ignored);
    return nav_back();
}

/* One problem, with the file's folder left out ("roster.csv:3: ..."). */
static const char *problem_text(const ImportState *st, int i)
{
    const char *m = st->errs.msgs[i];
    const FileEntry *f = st->chosen >= 0 ? &st->files[st->chosen] : NULL;
    size_t dir = f ? (size_t)(f->name - f->path) : 0;
    return f && strncmp(m, f->path, dir) == 0 ? m + dir : m;
}

/* The problems, two lines each at most (a longer one is cut), paged. */
static void problems(Ui *ui, ImportState *st, Rect r)
{
    enum { PROBLEM_H = 2 * 30 + 10 };
    int visible = r.h / PROBLEM_H;
    field_pager(ui, "problems", cut_right(&r, 82, 2 * THEME_GAP), &st->first, st->errs.nmsgs, visible);
    for (int i = 0; i < visible && st->first + i < st->errs.nmsgs; i++) {
        const char *m = problem_text(st, st->first + i);
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
        char id[24], date[16], label[1200];
        snprintf(id, sizeof id, "file-%d", k);
        snprintf(label, sizeof label, "%s  (%s, %s)", f->name, format_date(f->mtime, date), f->path);
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
        problems(ui, st, area);
    else
        file_list(ui, app, st, area);
    if (go && st->chosen >= 0)
        return import_run(st, app);
    return nav_stay();
}

const ScreenOps SCREEN_IMPORT = {
    .name = "import",
    .state_size = sizeof(ImportState),
    .enter = import_enter,
    .frame = import_frame,
    .leave = import_leave,
};
