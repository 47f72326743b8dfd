/* screen_export.c — the manager's export at the kiosk: choose a folder (a USB stick under /media,
 * the home folder, or a typed one), press 書き出す, and see each file written (✓) or not (× and
 * why). The work is export.h's; this screen only chooses and shows.
 *
 * What must stay true: nothing is written until the manager presses the button; the outcome
 * shown is the outcome of that export, file by file. */
#include "export.h"
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
    bool done; /* an export ran: result is its outcome */
    ExportResult result;
    char message[800];
    BandKind kind;
} ExportState;

static void export_enter(Screen *s, App *app, const void *arg)
{
    (void)app, (void)arg;
    ExportState *st = s->state;
    st->kb.mode = KB_LATIN;
}

static void export_leave(Screen *s, App *app)
{
    (void)app;
    ExportState *st = s->state;
    arena_free(&st->found);
}

/* Lists the places; picks the typed folder, else the first USB stick (a mount point), else
 * the first place (home). */
static void export_scan(ExportState *st)
{
    arena_free(&st->found);
    st->nplaces = files_places(&st->found, getenv("HOME"), "/media", &st->places, MAX_PLACES - 1);
    st->chosen = st->nplaces ? 0 : -1;
    for (int i = st->nplaces - 1; i >= 0; i--)
        if (strncmp(st->places[i], "/media/", 7) == 0 && files_is_mount(st->places[i]))
            st->chosen = i;
    if (st->folder[0]) {
        st->places[st->nplaces] = arena_strdup(&st->found, st->folder);
        st->chosen = st->nplaces++;
    }
    st->scanned = true;
    st->first = 0;
}

static void export_now(ExportState *st, App *app)
{
    Err e = {0};
    const char *parent = st->places[st->chosen];
    st->done = export_folder(app->store, app->content, parent, app->now, &st->result, &e);
    if (!st->done) {
        snprintf(st->message, sizeof st->message, "%s %s",
                 app_str(app, "書き出せませんでした。", "Nothing was exported."), e.msg);
        st->kind = BAND_ERROR;
        return;
    }
    int n = st->result.nitems - st->result.failed;
    st->kind = st->result.failed ? BAND_ERROR : BAND_SUCCESS;
    snprintf(st->message, sizeof st->message,
             app_str(app, "%s に %d 個のファイルを書き出しました%s", "In %s: %d files written%s"),
             st->result.dir, n,
             st->result.failed ? app_str(app, "（うまくいかなかったものがあります）。", " (some failed).")
                               : app_str(app, "。USBメモリは取り外す操作をしてから抜いてください。",
                                         ". Eject the USB stick before unplugging it."));
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
        if (ui_choice(ui, id, pr, field_fit(ui, THEME_PX_BODY, false, st->places[k], pr.w - 90),
                      k == st->chosen, true))
            st->chosen = k;
    }
}

static void outcomes(Ui *ui, const App *app, const ExportState *st, Rect r)
{
    for (int i = 0; i < st->result.nitems; i++) {
        const ExportItem *it = &st->result.items[i];
        char line[700], pages[96] = "";
        if (it->ok && it->name[strlen(it->name) - 1] == '/')
            snprintf(pages, sizeof pages,
                     app_str(app, "（宣言書 %d 件と一覧 index.html）", " (%d signed pledges and index.html)"),
                     it->count);
        snprintf(line, sizeof line, "%s %s%s%s%s", it->ok ? "✓" : "×", it->name, pages, it->ok ? "" : ": ",
                 it->error);
        Rect at = grid_cell(r, i, 1, r.w, 44, 0);
        ui_label(ui, at.x, at.y, THEME_PX_SMALL + 2, true, it->ok ? THEME_PASS : THEME_FAIL,
                 field_fit(ui, THEME_PX_SMALL + 2, true, line, r.w));
    }
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
    if (!st->scanned)
        export_scan(st);
    bool back = false;
    int y =
        draw_header(ui, app, app_str(app, "書き出し", "Export"), "back", app_str(app, "戻る", "Back"), &back);
    if (back || ui->in.key == UI_KEY_ESC)
        return nav_back();
    Rect col = layout_column(ui, 1400);
    Flow f = flow_at(col, y + THEME_GAP);
    const char *msg = st->message[0] ? st->message
                                     : app_str(app,
                                               "報告書（CSV・HTML・Excel・JSON）と署名済みの宣言書を、選んだ"
                                               "フォルダの中の新しいフォルダに書き出します。",
                                               "The reports (CSV, HTML, Excel, JSON) and the signed pledges "
                                               "go into a new folder inside the folder you choose.");
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
                        app_str(app, "書き出す", "Export"), BTN_PRIMARY, st->chosen >= 0 && !st->typing);
    Rect area = rect_height(flow_next(&f), flow_left(&f));
    if (st->typing)
        folder_entry(ui, app, st, area);
    else if (st->done)
        outcomes(ui, app, st, area);
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
