/* screen_export.c — the manager's export at the kiosk: choose a folder (a USB stick under /media,
 * the home folder, or a typed one), press 書き出す, and see each file written (✓) or not (× and
 * why). The work is export.h's; this screen only chooses and shows.
 *
 * The export runs off the frame loop (report_work.h): while it writes, the screen says how many
 * files are written and offers nothing else (leaving would not stop it: an export folder is
 * never left half-written).
 *
 * From a person's card (a SlipArg) the same screen saves that person's reminder slip instead
 * (export_slip.h): the same places and words, one file, and where it went in plain words.
 *
 * What must stay true: nothing is written until the manager presses the button; the outcome
 * shown is the outcome of that export, file by file. */
#include "export.h"
#include "report_work.h"
#include "field.h"
#include "files.h"
#include "screens.h"
#include "theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_PLACES = 32, TOOL_H = 64, ROW_H = 64 };

typedef struct {
    Arena found;         /* owned: the places listed */
    const char **places; /* arena */
    int nplaces;
    bool scanned;
    int chosen, first;
    char folder[512]; /* typed ("" none) */
    bool typing;
    Keyboard kb;
    int job;      /* the export writing (app->job), 0 when none */
    bool done;    /* an export ran: result is its outcome */
    bool ejected; /* the stick it went to was unmounted */
    ExportResult result;
    bool slip;   /* saving one person's slip (who), not the export */
    SlipArg who; /* copied on enter */
    char message[1600];
    BandKind kind;
} ExportState;

static void export_enter(Screen *s, App *app, const void *arg)
{
    (void)app;
    ExportState *st = s->state;
    st->kb.mode = KB_LATIN;
    st->slip = arg != NULL;
    if (arg)
        st->who = *(const SlipArg *)arg;
}

static void export_leave(Screen *s, App *app)
{
    ExportState *st = s->state;
    if (st->job) /* signed out: it still ends whole; its outcome is not shown */
        job_cancel(&app->job, st->job);
    arena_free(&st->found);
}

/* Lists the places; picks the typed folder, else the first USB stick, else the first place
 * (home). */
static void export_scan(ExportState *st)
{
    arena_free(&st->found);
    st->nplaces =
        files_places(&st->found, getenv("HOME"), media_root(), mounts_table(), &st->places, MAX_PLACES - 1);
    st->chosen = st->nplaces ? 0 : -1;
    for (int i = st->nplaces - 1; i >= 0; i--)
        if (files_on_stick(st->places[i], media_root(), mounts_table(), NULL))
            st->chosen = i;
    if (st->folder[0]) {
        st->places[st->nplaces] = arena_strdup(&st->found, st->folder);
        st->chosen = st->nplaces++;
    }
    st->scanned = true;
    st->first = 0;
}

/* Starts the export into the place chosen (on a later frame when other work still runs). */
static void export_now(ExportState *st, App *app)
{
    st->ejected = st->done = false;
    st->message[0] = '\0';
    st->job = st->slip ? slip_job_start(app, st->places[st->chosen], st->who.code, app->now)
                       : export_job_start(app, st->places[st->chosen], app->now,
                                          app->lang == LANG_JA ? CSV_PEOPLE_JA : CSV_PEOPLE_EN);
    if (!st->job) {
        snprintf(st->message, sizeof st->message, "%s",
                 app_str(app, "ほかの作業が終わるのを待っています。もう一度押してください。",
                         "Other work is still going on. Press Export again in a moment."));
        st->kind = BAND_NOTICE;
    }
}

/* The slip's outcome once it has ended, in plain words: where it went, or why not. */
static bool slip_ended(ExportState *st, App *app)
{
    Err e = {0};
    char path[1200], where[600];
    if (!slip_job_take(app, st->job, path, sizeof path, &st->done, &e))
        return false;
    st->job = 0;
    st->result = (ExportResult){0};
    const char *parent = st->places[st->chosen];
    const char *file = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    place_label(app, parent, where, sizeof where);
    bool stick = files_on_stick(parent, media_root(), mounts_table(), NULL);
    st->kind = st->done ? BAND_SUCCESS : BAND_ERROR;
    if (!st->done)
        snprintf(st->message, sizeof st->message, "%s %s",
                 app_str(app, "連絡票を保存できませんでした（記録はそのままです）。",
                         "Could not save the reminder slip (the records are untouched)."),
                 e.msg);
    else
        snprintf(st->message, sizeof st->message,
                 app_str(app, "%s の %s に保存しました%s", "Saved on %s: %s%s"), where, file,
                 stick ? app_str(app, "。抜く前に「USBメモリを取り外す」を押してください。",
                                 ". Press Remove the USB stick before pulling it out.")
                       : app_str(app, "。", "."));
    return true;
}

/* The export's outcome once it has ended; false while it writes. */
static bool export_ended(ExportState *st, App *app)
{
    Err e = {0};
    if (st->slip)
        return slip_ended(st, app);
    if (!export_job_take(app, st->job, &st->result, &st->done, &e))
        return false;
    st->job = 0;
    const char *parent = st->places[st->chosen];
    char where[600];
    place_label(app, parent, where, sizeof where);
    if (!st->done) {
        snprintf(st->message, sizeof st->message, "%s %s",
                 app_str(app, "書き出せませんでした。", "Nothing was exported."), e.msg);
        st->kind = BAND_ERROR;
        return true;
    }
    int n = st->result.nitems - st->result.failed;
    const char *folder = strrchr(st->result.dir, '/') ? strrchr(st->result.dir, '/') + 1 : st->result.dir;
    bool stick = files_on_stick(parent, media_root(), mounts_table(), NULL);
    st->kind = st->result.failed ? BAND_ERROR : BAND_SUCCESS;
    if (n == 0) { /* every file failed: no "0 files written", and what to try */
        snprintf(
            st->message, sizeof st->message, "%s",
            app_str(
                app,
                "書き出せませんでした（どのファイルも書けませんでした）。USBメモリの空きと、書き込み禁止に"
                "なっていないかを確かめるか、別のUSBメモリでもう一度どうぞ。理由は下の一覧にあります。",
                "Nothing could be written (every file failed). Check that the USB stick has free space"
                " and is not write-protected, or try another stick. The reasons are listed below."));
        return true;
    }
    const char *tail =
        st->result.failed
            ? app_str(app, "。うまくいかなかったものは下の一覧にあります。空きを確かめて、もう一度どうぞ。",
                      ". Some failed: see the list below; check the free space and try again.")
        : stick ? app_str(app, "。抜く前に「USBメモリを取り外す」を押してください。",
                          ". Press Remove the USB stick before pulling it out.")
                : app_str(app, "。", ".");
    if (app->lang == LANG_JA)
        snprintf(st->message, sizeof st->message, "%s のフォルダ %s に %d 個のファイルを書き出しました%s",
                 where, folder, n, tail);
    else
        snprintf(st->message, sizeof st->message, "%d files written to the folder %s on %s%s", n, folder,
                 where, tail);
    return true;
}

static const char *title(const ExportState *st, const App *app)
{
    return st->slip ? app_str(app, "連絡票を保存", "Save reminder slip") : app_str(app, "書き出し", "Export");
}

/* What the screen does, before anything is pressed. */
static const char *intro(const ExportState *st, const App *app, char *buf, size_t size)
{
    if (!st->slip)
        return app_str(
            app,
            "報告書（CSV・HTML・Excel・JSON）と署名済みの宣言書を、選んだフォルダの中の新しいフォルダ"
            "に書き出します。",
            "The reports (CSV, HTML, Excel, JSON) and the signed pledges go into a new folder inside "
            "the folder you choose.");
    snprintf(
        buf, size,
        app_str(app,
                "%s さんの連絡票（やること・期限・かかる時間）を、選んだ場所に保存します。印刷して渡せます。",
                "%s's reminder slip (what is due, by when, how long it takes) is saved in the place you "
                "choose, to print and hand over."),
        st->who.name);
    return buf;
}

/* While the export writes: the header and how far it is, nothing to press. */
static Nav exporting(ExportState *st, App *app, Ui *ui)
{
    int y = draw_header(ui, app, title(st, app), NULL, NULL, NULL);
    Flow f = flow_at(layout_column(ui, 1400), y + THEME_GAP);
    const JobProgress *p = job_progress(&app->job, st->job);
    char msg[300];
    if (st->slip)
        snprintf(msg, sizeof msg, "%s", app_str(app, "保存しています…", "Saving…"));
    else
        snprintf(msg, sizeof msg,
                 app_str(app, "書き出しています… %d / %d ファイル。終わるまでお待ちください。",
                         "Exporting… %d of %d files. Please wait until it is done."),
                 p ? atomic_load(&p->done) : 0, p && atomic_load(&p->total) ? atomic_load(&p->total) : 9);
    working_band(ui, app, &f, msg);
    return nav_stay();
}

/* Unmounts the stick the export went to; only then says it may be pulled out. */
static void eject(ExportState *st, App *app)
{
    Err e = {0};
    char where[600];
    const char *place = st->places[st->chosen];
    place_label(app, place, where, sizeof where);
    st->ejected = files_unmount(place, getenv("MAMORI_UNMOUNT"), &e);
    st->kind = st->ejected ? BAND_SUCCESS : BAND_ERROR;
    if (st->ejected)
        snprintf(st->message, sizeof st->message,
                 app_str(app, "%s を取り外しました。もう抜いてかまいません。",
                         "%s is removed safely: you may pull it out now."),
                 where);
    else
        snprintf(st->message, sizeof st->message,
                 app_str(app, "%s を取り外せませんでした。まだ抜かないでください。%s",
                         "Could not remove %s: do not pull it out yet. %s"),
                 where, e.msg);
}

static void places(Ui *ui, const App *app, ExportState *st, Rect r)
{
    int visible = r.h / ROW_H;
    Rect rows = r;
    field_pager(ui, "places", cut_right(&rows, 82, THEME_GAP), &st->first, st->nplaces, visible);
    if (st->nplaces == 0)
        ui_paragraph(ui, rect_height(rect_down(rows, 10), 0), THEME_PX_BODY, false, THEME_MUTED,
                     app_str(app,
                             "書き出せるフォルダが見つかりません。USBメモリを差し込んで「探し直す」を押すか、"
                             "フォルダを入力してください。",
                             "No folder found. Plug in a USB stick and press Look again, or type a folder."));
    for (int i = 0; i < visible && st->first + i < st->nplaces; i++) {
        int k = st->first + i;
        char id[24];
        snprintf(id, sizeof id, "place-%d", k);
        Rect pr = grid_cell(rows, i, 1, rows.w, ROW_H - 8, 8);
        char label[600];
        place_label(app, st->places[k], label, sizeof label);
        if (ui_choice(ui, id, pr, field_fit(ui, THEME_PX_BODY, false, label, pr.w - 90), k == st->chosen,
                      true))
            st->chosen = k;
    }
}

typedef struct {
    const char *name, *ja, *en;
} FilePurpose;

/* What each file of the export folder is for, in a person's words. */
static const FilePurpose PURPOSES[] = {
    {"index.html", "表紙：最初に開いてください（中身の一覧と確認の手順）",
     "cover page: open it first (what is here, how to check it)"},
    {"report.html", "報告書：ブラウザで開いて印刷（A4）", "the report: open in a browser and print (A4)"},
    {"report.xlsx", "報告書：Excelで開く", "the report: open in Excel"},
    {"report.csv", "報告書の表：Excelやほかの表計算ソフトで",
     "the report as a table, for Excel or other spreadsheets"},
    {"report.json", "ほかのシステムに渡すためのデータ", "data for other systems"},
    {"roster.csv", "名簿：Excelで開けます（そのまま取り込みにも使えます）",
     "the roster: opens in Excel (and imports back)"},
    {"diagnosis.html", "自社診断の結果：印刷用", "the self-diagnosis: for printing"},
    {"reminders.html", "お知らせの紙：印刷して、期限を過ぎた人や署名がまだの人に渡す",
     "reminder slips: print them for whoever is past due or has not signed"},
    {"pledges/", "署名済みの宣言書：index.html から印刷", "the signed pledges: print from its index.html"},
};
enum { NPURPOSES = sizeof PURPOSES / sizeof PURPOSES[0] };

static const char *purpose(const App *app, const char *name)
{
    for (int i = 0; i < NPURPOSES; i++)
        if (strcmp(PURPOSES[i].name, name) == 0)
            return app_str(app, PURPOSES[i].ja, PURPOSES[i].en);
    return "";
}

static void outcomes(Ui *ui, const App *app, const ExportState *st, Rect r)
{
    for (int i = 0; i < st->result.nitems; i++) {
        const ExportItem *it = &st->result.items[i];
        char line[900], pages[96] = "";
        if (it->ok && it->name[strlen(it->name) - 1] == '/')
            snprintf(pages, sizeof pages, app_str(app, "（%d 件）", " (%d)"), it->count);
        if (it->ok)
            snprintf(line, sizeof line, "✓ %s%s — %s", it->name, pages, purpose(app, it->name));
        else
            snprintf(line, sizeof line,
                     app_str(app, "× %s — 書けませんでした（詳細：%s）", "× %s — not written (%s)"), it->name,
                     it->error);
        Rect at = grid_cell(r, i, 1, r.w, 44, 0);
        ui_label(ui, at.x, at.y, THEME_PX_SMALL + 2, it->ok ? false : true, it->ok ? THEME_TEXT : THEME_FAIL,
                 field_fit(ui, THEME_PX_SMALL + 2, !it->ok, line, r.w));
    }
}

/* After an export: 取り外す for a stick (until it is removed), then each file and what it is for. */
static void done_area(Ui *ui, App *app, ExportState *st, Rect r)
{
    if (files_on_stick(st->places[st->chosen], media_root(), mounts_table(), NULL) && !st->ejected &&
        !st->result.failed &&
        ui_button(ui, "eject", cut_top(&r, THEME_BUTTON_H, THEME_GAP),
                  app_str(app, "USBメモリを取り外す", "Remove the USB stick"), BTN_PRIMARY, true))
        eject(st, app);
    outcomes(ui, app, st, r);
}

static void folder_entry(Ui *ui, const App *app, ExportState *st, Rect r)
{
    if (field_folder(ui, app, r, &st->kb, st->folder, sizeof st->folder, app_str(app, "決める", "Use it"))) {
        st->typing = false;
        export_scan(st);
    }
}

static Nav export_frame(Screen *s, App *app, Ui *ui)
{
    ExportState *st = s->state;
    if (st->job && !export_ended(st, app))
        return exporting(st, app, ui);
    if (!st->scanned)
        export_scan(st);
    bool back = false;
    int y = draw_header(ui, app, title(st, app), "back", app_str(app, "戻る", "Back"), &back);
    if (back || ui->in.key == UI_KEY_ESC)
        return nav_back();
    Rect col = layout_column(ui, 1400);
    Flow f = flow_at(col, y + THEME_GAP);
    char about[600];
    const char *msg = st->message[0] ? st->message : intro(st, app, about, sizeof about);
    flow_band(ui, &f, st->message[0] ? st->kind : BAND_NOTICE, msg, THEME_GAP);
    Rect tools = flow_row(&f, TOOL_H, THEME_GAP);
    if (ui_button(ui, "type-folder", rect_column(tools, 0, 3, THEME_GAP),
                  app_str(app, "フォルダを入力", "Type a folder"), st->typing ? BTN_PRIMARY : BTN_SECONDARY,
                  true))
        st->typing = !st->typing;
    if (ui_button(ui, "rescan", rect_column(tools, 1, 3, THEME_GAP), app_str(app, "探し直す", "Look again"),
                  BTN_SECONDARY, true))
        export_scan(st), st->done = false, st->message[0] = '\0';
    bool go = ui_button(ui, "do-export", rect_column(tools, 2, 3, THEME_GAP),
                        st->slip ? app_str(app, "保存する", "Save") : app_str(app, "書き出す", "Export"),
                        BTN_PRIMARY, st->chosen >= 0 && !st->typing);
    Rect area = rect_height(flow_next(&f), flow_left(&f));
    if (st->typing)
        folder_entry(ui, app, st, area);
    else if (st->done)
        done_area(ui, app, st, area);
    else
        places(ui, app, st, area);
    if (go && st->chosen >= 0)
        export_now(st, app);
    return nav_stay();
}

const ScreenOps SCREEN_EXPORT = {
    .name = "export",
    .state_size = sizeof(ExportState),
    .enter = export_enter,
    .frame = export_frame,
    .leave = export_leave,
};
