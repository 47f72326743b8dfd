/* screen_certificate.c — the signed pledge (宣言書) as recorded: the text signed, each article
 * beside its picture, the name, the date, the signature redrawn from its strokes and the record
 * code that identifies the record. Opened after signing and from Home.
 *
 * What must stay true: everything shown is read back from the records (store_list_pledges,
 * which checks each row against the hash-chained event), never from what the pledge screen
 * had in memory; a record that cannot be read is said so, plainly. */
#include "pledge.h"
#include "screens.h"
#include "theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MIN_PX = 16 };

typedef struct {
    bool found, failed;
    char name[128], record_code[10];
    int64_t time;
    int version;
    PledgeKind kind;
    const char *text;  /* arena: the text signed */
    PledgeParts parts; /* arena */
    bool parsed;       /* parts are valid (else the text is shown as it is) */
    Signature *sig;    /* arena */
    char error[640];
} CertState;

/* The person's latest signing of the pledge their role signs, copied into the arena. */
static bool load(CertState *st, Arena *a, App *app, Err *e)
{
    PledgeRecord *rows;
    int n;
    PledgeKind kind = app->user.role == ROLE_PRESIDENT ? PLEDGE_PRESIDENT : PLEDGE_EMPLOYEE;
    if (!store_list_pledges(app->store, app->user.code, &rows, &n, e))
        return false;
    const PledgeRecord *r = NULL;
    for (int i = 0; i < n; i++)
        if (rows[i].kind == kind)
            r = &rows[i];
    bool ok = true;
    if (r) {
        st->found = true;
        snprintf(st->name, sizeof st->name, "%s", r->name);
        snprintf(st->record_code, sizeof st->record_code, "%s", r->record_code);
        st->time = r->time, st->version = r->version, st->kind = r->kind;
        st->text = arena_strdup(a, r->text);
        st->parsed = pledge_parse(st->text, &st->parts, a);
        ok = pledge_decode(r->strokes, st->sig, e);
    }
    store_pledges_free(rows, n);
    return ok;
}

static void cert_enter(Screen *s, App *app, const void *arg)
{
    (void)arg;
    CertState *st = s->state;
    Err e = {{0}};
    st->sig = ARENA_NEW(&s->arena, Signature);
    st->kind = app->user.role == ROLE_PRESIDENT ? PLEDGE_PRESIDENT : PLEDGE_EMPLOYEE;
    st->failed = !load(st, &s->arena, app, &e);
    if (st->failed)
        snprintf(st->error, sizeof st->error, "%s %s",
                 app_str(app, "宣言書の記録を読めませんでした。管理者に知らせてください。",
                         "Your pledge record could not be read. Please tell a manager."),
                 e.msg);
    else if (!st->found)
        snprintf(st->error, sizeof st->error, "%s",
                 app_str(app, "まだ宣言書に署名していません。", "You have not signed the pledge yet."));
}

/* ---- the text ---- */

/* The text at size px inside r; returns its height. With draw false it only measures. */
static int text_block(Ui *ui, const CertState *st, Rect r, int px, bool draw)
{
    if (!st->parsed)
        return draw ? ui_paragraph(ui, r, px, false, THEME_TEXT, st->text)
                    : ui_paragraph_height(ui, r.w, px, false, st->text);
    const PledgeParts *p = &st->parts;
    int tpx = px * 13 / 10, icon = px * 2;
    Flow f = flow_in(r);
    flow_skip(&f, (draw ? ui_paragraph(ui, flow_next(&f), tpx, true, THEME_TEXT, p->title)
                        : ui_paragraph_height(ui, r.w, tpx, true, p->title)) +
                      px / 2);
    flow_skip(&f, (draw ? ui_paragraph(ui, flow_next(&f), px, false, THEME_TEXT, p->opening)
                        : ui_paragraph_height(ui, r.w, px, false, p->opening)) +
                      px / 2);
    for (int i = 0; i < ARTICLES; i++) {
        Rect t = flow_next(&f), pic = rect_height(cut_left(&t, icon, px), icon); /* the picture, the text */
        const char *line = arena_printf(&ui->frame, "%d. %s", i + 1, p->articles[i]);
        int h = ui_paragraph_height(ui, t.w, px, false, line);
        if (draw) {
            ui_image(ui, pic, arena_printf(&ui->frame, "article-%d.svg", i + 1));
            ui_paragraph(ui, rect_down(t, h < icon ? (icon - h) / 2 : 0), px, false, THEME_TEXT, line);
        }
        flow_skip(&f, (h > icon ? h : icon) + px / 2);
    }
    flow_skip(&f, draw ? ui_paragraph(ui, flow_next(&f), px, false, THEME_TEXT, p->closing)
                       : ui_paragraph_height(ui, r.w, px, false, p->closing));
    return f.y - r.y;
}

/* The largest size (from the person's body size down) at which the text fits h across r. */
static int fit_px(Ui *ui, const CertState *st, Rect r, int h)
{
    int px = ui_px(ui, THEME_PX_BODY);
    while (px > MIN_PX && text_block(ui, st, r, px, false) > h)
        px -= 1;
    return px;
}

/* ---- the signature block ---- */

static void signature_box(Ui *ui, const CertState *st, Rect r)
{
    ui_fill(ui, r, THEME_BG);
    ui_frame(ui, r, THEME_BORDER, 1);
    Rect in = rect_inset(r, 10);
    for (int i = 0; i < st->sig->nstrokes; i++) {
        int max = pledge_stroke_len(st->sig, i) * 4 + 4;
        int16_t *pts = ARENA_ARRAY(&ui->frame, int16_t, 2 * max);
        int n = pledge_polyline(st->sig, i, in.x, in.y, in.w, in.h, pts, max);
        ui_polyline(ui, pts, n, THEME_TEXT);
    }
}

/* Name, date and record code below the signature; returns the height. */
static int signer_lines(Ui *ui, App *app, const CertState *st, Rect r, bool draw)
{
    char line[256], date[DATE_BUF];
    int px = THEME_PX_BODY, code_px = THEME_PX_TITLE * 3 / 4 + 4;
    Flow f = flow_in(r);
    snprintf(line, sizeof line, app_str(app, "お名前　%s", "Name  %s"), st->name);
    if (draw)
        ui_paragraph(ui, flow_next(&f), px, true, THEME_TEXT, line);
    flow_skip(&f, ui_paragraph_height(ui, r.w, px, true, line) + 4);
    snprintf(line, sizeof line, app_str(app, "署名日　%s（第%d版）", "Signed  %s (version %d)"),
             format_date(app, st->time, date), st->version);
    Rect signed_on = flow_row(&f, px * 3 / 2 + 8, 0);
    if (draw)
        ui_label(ui, signed_on.x, signed_on.y, px, false, THEME_TEXT, line);
    snprintf(line, sizeof line, app_str(app, "記録番号　%s", "Record code  %s"), st->record_code);
    Rect code = flow_row(&f, code_px * 3 / 2, 0);
    if (draw)
        ui_label(ui, code.x, code.y, code_px, true, THEME_PRIMARY, line);
    const char *note = app_str(app, "この番号で記録を確かめられます。印刷は管理者ができます。",
                               "This code identifies the record. A manager can print it.");
    flow_skip(&f, draw ? ui_paragraph(ui, flow_next(&f), THEME_PX_SMALL, false, THEME_MUTED, note)
                       : ui_paragraph_height(ui, r.w, THEME_PX_SMALL, false, note));
    return f.y - r.y;
}

/* ---- the frame ---- */

static void wide_layout(Ui *ui, App *app, const CertState *st, Rect body)
{
    Rect side = body, text = rect_height(cut_left(&side, body.w * 3 / 5, 2 * THEME_GAP), 0);
    text_block(ui, st, text, fit_px(ui, st, text, body.h), true);
    int lines = signer_lines(ui, app, st, side, false);
    int sh = body.h - lines - THEME_GAP;
    sh = sh > side.w / 2 ? side.w / 2 : sh;
    signature_box(ui, st, cut_top(&side, sh, THEME_GAP));
    signer_lines(ui, app, st, side, true);
}

static void tall_layout(Ui *ui, App *app, const CertState *st, Rect body)
{
    int lines = signer_lines(ui, app, st, body, false);
    int sh = body.w / 4 < 120 ? 120 : body.w / 4;
    int px = fit_px(ui, st, body, body.h - sh - lines - 2 * THEME_GAP);
    Flow f = flow_in(body);
    flow_skip(&f, text_block(ui, st, flow_next(&f), px, true) + THEME_GAP);
    signature_box(ui, st, flow_row(&f, sh, THEME_GAP));
    signer_lines(ui, app, st, flow_next(&f), true);
}

static Nav cert_frame(Screen *s, App *app, Ui *ui)
{
    CertState *st = s->state;
    const char *title = st->kind == PLEDGE_PRESIDENT ? app_str(app, "宣言書（会社）", "Company pledge")
                                                     : app_str(app, "宣言書", "Pledge");
    int y = draw_header(ui, app, title, NULL, NULL, NULL); /* one way home: ホームへ戻る below */
    if (ui->in.key == UI_KEY_ESC)
        return nav_home();
    Rect col = layout_column(ui, 1400), bar = cut_bottom(&col, THEME_BUTTON_H, THEME_GAP);
    Flow f = flow_at(col, y + THEME_GAP + 4);
    Rect body = flow_row(&f, flow_left(&f), 0); /* down to the bar */
    if (st->error[0]) {
        draw_band(ui, rect_height(body, 0), st->failed ? BAND_ERROR : BAND_NOTICE, st->error);
    } else {
        ui_fill(ui, body, THEME_SURFACE); /* the sheet */
        ui_frame(ui, body, THEME_PRIMARY, 2);
        body = rect_inset(body, THEME_PAD);
        if (col.w >= 1000)
            wide_layout(ui, app, st, body);
        else
            tall_layout(ui, app, st, body);
    }
    if (ui_button(ui, "done", cut_right(&bar, col.w / 3, 0), app_str(app, "ホームへ戻る", "Back to Home"),
                  BTN_PRIMARY, true))
        return nav_home();
    return nav_stay();
}

const ScreenOps SCREEN_CERTIFICATE = {
    .name = "certificate",
    .state_size = sizeof(CertState),
    .enter = cert_enter,
    .frame = cert_frame,
};
