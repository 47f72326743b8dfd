/* screen_pledge.c — signing the five-article pledge at the kiosk, and Home's pledge band.
 *
 * The pledge screen shows the text of content/pledge.yaml for the person's role (the company's
 * for the president) in the language on screen, a few articles a page: each article has its
 * own confirm box, which exists only on the page that shows the article (so nothing can be
 * confirmed unseen). The last page holds the name as in the roster (a wrong one is fixed by the
 * manager, and the page says so), the date and a signature pad (finger or mouse; clear, undo
 * one stroke). Sign is enabled only when every article is confirmed and the strokes pass
 * pledge_signature_check; signing is one record (store_sign_pledge) of exactly the composed
 * text. A failed write is shown, the strokes are kept, and Sign tries again. After it: the
 * certificate.
 *
 * What must stay true: the text signed is the text composed on enter, never recomposed; the
 * screen says "signed" only through the certificate, which reads the record back. */
#include "pledge.h"
#include "progress.h"
#include "screens.h"
#include "theme.h"

#include <stdio.h>
#include <string.h>

enum { BAR_H = THEME_BUTTON_H, PAD_MAX_H = 420, PAD_MIN_H = 150, CHOICE_PAD = 32 };

typedef struct {
    PledgeKind kind;
    int version;
    const char *text;     /* arena: exactly what is shown and signed */
    const PledgeText *pt; /* borrowed from the content: the same text, in parts */
    bool seen[ARTICLES];  /* drawn on screen at least once */
    bool confirmed[ARTICLES];
    int page;       /* article pages first; the last page is for signing */
    Signature *sig; /* arena */
    bool sig_sized; /* sig has the pad's size */
    bool drawing;   /* a stroke is in progress */
    uint32_t t0;    /* input time of the signature's first point */
    char error[640];
} SignState;

static PledgeKind kind_of(const App *app)
{
    return app->user.role == ROLE_PRESIDENT ? PLEDGE_PRESIDENT : PLEDGE_EMPLOYEE;
}

static void pledge_enter(Screen *s, App *app, const void *arg)
{
    (void)arg;
    SignState *st = s->state;
    const Pledge *p = app->content->pledge;
    if (!p)
        return; /* no pledge text: the frame goes back (Home offers none then) */
    st->kind = kind_of(app);
    st->version = p->version;
    st->pt = st->kind == PLEDGE_PRESIDENT ? &p->president : &p->employee;
    st->text = pledge_compose(p, st->kind, app->lang, &s->arena);
    st->sig = ARENA_NEW(&s->arena, Signature);
}

/* ---- the article pages ---- */

static const char *article_label(Ui *ui, App *app, const SignState *st, int i)
{
    return arena_printf(&ui->frame, "%d. %s", i + 1, app_text(app, st->pt->articles[i]));
}

static int choice_h(Ui *ui, App *app, const SignState *st, int i, int w)
{
    int h = ui_paragraph_height(ui, w - 90, ui_px(ui, THEME_PX_BODY), false, article_label(ui, app, st, i)) +
            CHOICE_PAD;
    return h < 72 ? 72 : h;
}

static const char *intro_hint(const App *app)
{
    return app_str(app, "1つずつ読んで、□ を押して確認してください。",
                   "Read each one and tick its box to confirm it.");
}

/* The title, the opening and how to confirm; returns the height. With draw false it measures. */
static int intro(Ui *ui, App *app, const SignState *st, Rect r, bool draw)
{
    int tpx = ui_px(ui, THEME_PX_TITLE * 3 / 4 + 2), px = ui_px(ui, THEME_PX_BODY),
        hpx = ui_px(ui, THEME_PX_SMALL + 2);
    const char *title = app_text(app, st->pt->title), *opening = app_text(app, st->pt->opening);
    Flow f = flow_in(r);
    flow_skip(&f, (draw ? ui_paragraph(ui, flow_next(&f), tpx, true, THEME_TEXT, title)
                        : ui_paragraph_height(ui, r.w, tpx, true, title)) +
                      8);
    flow_skip(&f, (draw ? ui_paragraph(ui, flow_next(&f), px, false, THEME_TEXT, opening)
                        : ui_paragraph_height(ui, r.w, px, false, opening)) +
                      6);
    flow_skip(&f, draw ? ui_paragraph(ui, flow_next(&f), hpx, true, THEME_PRIMARY, intro_hint(app))
                       : ui_paragraph_height(ui, r.w, hpx, true, intro_hint(app)));
    return f.y - r.y + THEME_GAP;
}

static int closing_h(Ui *ui, App *app, const SignState *st, int w)
{
    return ui_paragraph_height(ui, w, ui_px(ui, THEME_PX_BODY), false, app_text(app, st->pt->closing));
}

/* Splits the articles into pages of r's height: first[p] is page p's first article, first[n] =
 * ARTICLES. The intro opens page 0; the closing follows the last article on its page. Returns
 * the number of article pages. */
static int plan_pages(Ui *ui, App *app, const SignState *st, Rect r, int first[ARTICLES + 1])
{
    int n = 0, w = r.w, h = r.h, used = intro(ui, app, st, r, false);
    first[0] = 0;
    for (int i = 0; i < ARTICLES; i++) {
        int need = choice_h(ui, app, st, i, w) + 10;
        if (i == ARTICLES - 1)
            need += closing_h(ui, app, st, w) + THEME_GAP;
        if (used + need > h && first[n] < i) {
            first[++n] = i;
            used = 0;
        }
        used += need;
    }
    first[++n] = ARTICLES;
    return n;
}

static void article_page(Ui *ui, App *app, SignState *st, Rect r, const int first[], int page)
{
    Flow f = flow_in(r);
    if (page == 0)
        flow_skip(&f, intro(ui, app, st, r, true));
    for (int i = first[page]; i < first[page + 1]; i++) {
        char id[24];
        snprintf(id, sizeof id, "article-%d", i + 1);
        Rect box = flow_row(&f, choice_h(ui, app, st, i, r.w), 10);
        st->seen[i] = true; /* on screen now: its box can be used */
        if (ui_choice(ui, id, box, article_label(ui, app, st, i), st->confirmed[i], st->seen[i]))
            st->confirmed[i] = !st->confirmed[i];
    }
    if (first[page + 1] == ARTICLES)
        ui_paragraph(ui, rect_down(flow_next(&f), 4), ui_px(ui, THEME_PX_BODY), false, THEME_TEXT,
                     app_text(app, st->pt->closing));
}

/* ---- the signature page ---- */

static bool all_confirmed(const SignState *st, char *missing, size_t size)
{
    bool all = true;
    int at = 0;
    missing[0] = '\0';
    for (int i = 0; i < ARTICLES; i++)
        if (!st->confirmed[i] || !st->seen[i]) {
            at += snprintf(missing + at, size - (size_t)at, "%s%d", all ? "" : ", ", i + 1);
            all = false;
        }
    return all;
}

static bool inside(Rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

/* Pad pixels → signature coordinates (the signature keeps the size it was started at); t is
 * the input's clock, made relative to the signature's first point. */
static void pad_point(SignState *st, Rect pad, int x, int y, uint32_t t)
{
    Signature *s = st->sig;
    if (s->npts == 0)
        st->t0 = t;
    pledge_add_point(s, (x - pad.x) * s->w / pad.w, (y - pad.y) * s->h / pad.h, t >= st->t0 ? t - st->t0 : 0);
}

/* The input clock of the last point (for a press that came without a pointer position). */
static uint32_t last_time(const SignState *st)
{
    return st->sig->npts ? st->t0 + st->sig->pts[st->sig->npts - 1].t : 0;
}

/* A stroke begins where the pointer goes down inside the pad and follows it until it is up. */
static void pad_input(SignState *st, const UiInput *in, Rect pad)
{
    int px = in->nmoves ? in->moves[0].x : in->x, py = in->nmoves ? in->moves[0].y : in->y;
    if (in->pressed && inside(pad, px, py)) {
        st->drawing = pledge_begin_stroke(st->sig);
        st->error[0] = '\0';
        if (st->drawing && !in->nmoves)
            pad_point(st, pad, in->x, in->y, last_time(st));
    }
    for (int i = 0; st->drawing && i < in->nmoves; i++)
        pad_point(st, pad, in->moves[i].x, in->moves[i].y, in->moves[i].t);
    if (in->released)
        st->drawing = false;
}

static void pad_draw(Ui *ui, App *app, const SignState *st, Rect pad)
{
    const Signature *s = st->sig;
    ui_fill(ui, pad, THEME_SURFACE);
    ui_frame(ui, pad, THEME_BORDER, 2);
    Rect line = rect_height(rect_down(rect_sides(pad, 24, 24), pad.h * 3 / 4), 2); /* to sign on */
    ui_fill(ui, line, THEME_TRACK);
    int px = ui_px(ui, THEME_PX_BODY);
    ui_label(ui, line.x + 4, line.y - px * 3 / 2 - 1, px, false, THEME_MUTED, "×");
    if (!s->npts)
        ui_paragraph(
            ui, rect_sides(rect_down(pad, 20), 72, 24), ui_px(ui, THEME_PX_SMALL + 2), false, THEME_MUTED,
            app_str(app, "ここに指かマウスで署名してください", "Sign here with your finger or the mouse"));
    for (int i = 0; i < s->nstrokes; i++) {
        int max = pledge_stroke_len(s, i) * 4 + 4;
        int16_t *pts = ARENA_ARRAY(&ui->frame, int16_t, 2 * max);
        int n = pledge_polyline(s, i, pad.x, pad.y, pad.w, pad.h, pts, max);
        ui_polyline(ui, pts, n, THEME_TEXT);
    }
}

static const char *sig_hint(const App *app, SigCheck c)
{
    switch (c) {
    case SIG_OK:
        return app_str(app, "✓ 署名できます", "✓ Ready to sign");
    case SIG_EMPTY:
        return "";
    default:
        return app_str(app, "もう少し大きく、はっきり署名してください（点や短い線は署名になりません）",
                       "Please sign larger and clearly (a dot or a short line is not a signature)");
    }
}

/* Name, note, date and the confirmation summary, as the next rows of f. */
static void signer_block(Ui *ui, App *app, const SignState *st, Flow *f)
{
    char line[256], day[256], date[DATE_BUF], missing[32];
    snprintf(line, sizeof line, app_str(app, "お名前：%s", "Name: %s"), app->user.name);
    snprintf(day, sizeof day, app_str(app, "日付：%s", "Date: %s"), format_date(app, app->now, date));
    int px = ui_px(ui, THEME_PX_BODY), line_h = px * 3 / 2 + 4;
    int name_w = ui_text_width(ui, px, true, line, (int)strlen(line)),
        day_w = ui_text_width(ui, px, false, day, (int)strlen(day));
    Rect row = flow_row(f, line_h, 0);
    if (name_w + THEME_GAP + day_w > row.w) /* a long name: the date on a line of its own, below it */
        row.h = 2 * line_h, flow_skip(f, line_h);
    ui_label(ui, row.x, row.y, px, true, THEME_TEXT, line);
    Rect when = cut_right(&row, day_w, 0);
    ui_label(ui, when.x, row.h > line_h ? row.y + line_h : when.y, px, false, THEME_TEXT, day);
    flow_skip(f, ui_paragraph(ui, flow_next(f), ui_px(ui, THEME_PX_SMALL), false, THEME_MUTED,
                              app_str(app, "名前がちがうときは署名せず、管理者に直してもらってください。",
                                      "If your name is wrong, do not sign: ask a manager to correct it.")) +
                     6);
    bool all = all_confirmed(st, missing, sizeof missing);
    if (all)
        snprintf(line, sizeof line, "%s",
                 app_str(app, "✓ 5つの項目をすべて確認しました", "✓ You confirmed all five"));
    else
        snprintf(line, sizeof line,
                 app_str(app, "× まだ確認していない項目：%s（「◀ 前へ」で戻れます）",
                         "× Not confirmed yet: %s (go back with ◀ Back)"),
                 missing);
    flow_skip(f, ui_paragraph(ui, flow_next(f), ui_px(ui, THEME_PX_SMALL + 2), true,
                              all ? THEME_PASS : THEME_FAIL, line) +
                     THEME_GAP);
}

static bool save(SignState *st, App *app)
{
    Err e = {{0}};
    PledgeSigning p = {.code = app->user.code,
                       .kind = st->kind,
                       .version = st->version,
                       .text = st->text,
                       .name = app->user.name,
                       .lang = app->lang,
                       .now = app->now,
                       .signature = st->sig};
    if (store_sign_pledge(app->store, &p, NULL, &e))
        return true;
    snprintf(
        st->error, sizeof st->error, "%s %s",
        app_str(
            app,
            "署名を保存できませんでした。署名はそのまま残っています。もう一度「署名する」を押してください。",
            "Your signature could not be saved. It is still here: press Sign again."),
        e.msg);
    return false;
}

/* The signing page in r: who, when, what is confirmed, the pad and what it says of the strokes. */
static void sign_page(Ui *ui, App *app, SignState *st, Rect r)
{
    Flow f = flow_in(r);
    signer_block(ui, app, st, &f);
    int err_h =
        st->error[0] ? ui_paragraph_height(ui, r.w - 40, ui_px(ui, THEME_PX_BODY), true, st->error) + 24 : 0;
    int hpx = ui_px(ui, THEME_PX_SMALL), hint_h = hpx * 3 / 2; /* the hint under the pad: one line */
    int below = hint_h + 4 + (err_h ? err_h + THEME_GAP : 0);  /* the hint, the error */
    int ph = flow_left(&f) - below, most = r.w * 3 / 4 > PAD_MAX_H ? r.w * 3 / 4 : PAD_MAX_H;
    ph = ph > most ? most : ph < PAD_MIN_H ? PAD_MIN_H : ph;
    Rect pad = flow_row(&f, ph, 4);
    if (!st->sig_sized) {
        pledge_sig_init(st->sig, pad.w, pad.h);
        st->sig_sized = true;
    }
    ui_area(ui, "signature-pad", pad, app_str(app, "署名欄", "Signature pad"));
    pad_input(st, &ui->in, pad);
    pad_draw(ui, app, st, pad);
    SigCheck check = pledge_signature_check(st->sig);
    Rect hint = flow_row(&f, hint_h, THEME_GAP);
    char missing[32], wait[160];
    bool ready = check == SIG_OK && all_confirmed(st, missing, sizeof missing); /* as 署名する is */
    if (check == SIG_OK && !ready) /* the signature is fine, but 署名する waits for the articles */
        snprintf(wait, sizeof wait,
                 app_str(app, "第%s条の確認がまだです（◀ 前へ）", "Confirm article %s first (◀ Back)"),
                 missing);
    ui_label(ui, hint.x, hint.y, hpx, false, ready ? THEME_PASS : THEME_FAIL,
             check == SIG_OK && !ready ? wait : sig_hint(app, check));
    if (err_h)
        draw_band(ui, flow_row(&f, err_h, 0), BAND_ERROR, st->error);
}

/* ---- the frame ---- */

/* The bottom bar's labels that share its row with others. */
static const char *const BAR_LABELS[][2] = {
    {"◀ 前へ", "◀ Back"}, {"書き直す", "Start over"}, {"1画戻す", "Undo"}};

/* Whether the bar's labels fit a row of five units across w at the person's text size; else the bar
 * takes two rows (◀, clear and undo above; sign or next below). */
static bool bar_in_one_row(Ui *ui, const App *app, int w)
{
    int unit = (w - 3 * THEME_GAP) / 5, px = ui_px(ui, THEME_PX_BUTTON);
    for (int i = 0; i < 3; i++) {
        const char *s = BAR_LABELS[i][app->lang == LANG_EN];
        if (ui_text_width(ui, px, false, s, (int)strlen(s)) > unit - 16)
            return false;
    }
    return true;
}

/* The bottom bar: five units across, ◀ and the next page's two on the right, or ◀, clear, undo
 * and sign (the rest); in two rows when bar is taller than one. Returns whether Sign was pressed. */
static bool bottom_bar(Ui *ui, App *app, SignState *st, Rect bar, int npages)
{
    bool signing = st->page == npages, can_sign = false, two = bar.h > BAR_H;
    char missing[32];
    if (signing)
        can_sign = all_confirmed(st, missing, sizeof missing) && pledge_signature_ok(st->sig);
    Rect row = two ? cut_top(&bar, BAR_H, THEME_GAP) : bar; /* two rows: bar is then the lower one */
    int unit = two ? (row.w - 2 * THEME_GAP) / 3 : (row.w - 3 * THEME_GAP) / 5;
    bool en = app->lang == LANG_EN;
    if (ui_button(ui, "prev", cut_left(&row, unit, THEME_GAP), BAR_LABELS[0][en], BTN_SECONDARY,
                  st->page > 0) &&
        st->page > 0)
        st->page--;
    if (!signing) {
        if (ui_button(ui, "next", two ? bar : cut_right(&row, 2 * unit + THEME_GAP, 0),
                      st->page == npages - 1 ? app_str(app, "署名へ ▶", "To signing ▶")
                                             : app_str(app, "次へ ▶", "Next ▶"),
                      BTN_PRIMARY, true))
            st->page++;
        return false;
    }
    Rect clear = cut_left(&row, unit, THEME_GAP), undo = cut_left(&row, unit, THEME_GAP);
    if (ui_button(ui, "sig-clear", clear, BAR_LABELS[1][en], BTN_SECONDARY, st->sig->npts > 0))
        pledge_sig_init(st->sig, st->sig->w, st->sig->h);
    if (ui_button(ui, "sig-undo", undo, BAR_LABELS[2][en], BTN_SECONDARY, st->sig->nstrokes > 0))
        pledge_undo_stroke(st->sig);
    return ui_button(ui, "sign", two ? bar : row, app_str(app, "署名する", "Sign"), BTN_PRIMARY, can_sign) &&
           can_sign;
}

/* The page's progress across r, "2 / 3" on its right. */
static void step_row(Ui *ui, App *app, const SignState *st, Rect r, int npages)
{
    char counter[64];
    snprintf(counter, sizeof counter, app_str(app, "%d / %d", "%d of %d"), st->page + 1, npages + 1);
    Rect count = cut_right(&r, ui_px(ui, 120), 0);
    ui_progress(ui, rect_height(rect_down(r, 18), 14), (st->page + 1) / (double)(npages + 1), THEME_PRIMARY);
    ui_label(ui, count.x + 20, count.y + 6, ui_px(ui, THEME_PX_BODY), true, THEME_TEXT, counter);
}

static Nav pledge_frame(Screen *s, App *app, Ui *ui)
{
    SignState *st = s->state;
    bool home = false;
    if (!st->text)
        return nav_back();
    const char *title = st->kind == PLEDGE_PRESIDENT ? app_str(app, "宣言書（会社）", "Company pledge")
                                                     : app_str(app, "宣言書", "Pledge");
    int y = draw_header(ui, app, title, "home", app_str(app, "ホームへ", "Home"), &home);
    if (home || ui->in.key == UI_KEY_ESC)
        return nav_back();
    Rect col = layout_column(ui, 1100);
    Rect bar = cut_bottom(&col, bar_in_one_row(ui, app, col.w) ? BAR_H : 2 * BAR_H + THEME_GAP, THEME_GAP);
    Flow f = flow_at(col, y);
    Rect steps = flow_row(&f, ui_px(ui, 48), 0), page = flow_row(&f, flow_left(&f), 0); /* down to the bar */
    int first[ARTICLES + 1];
    int npages = plan_pages(ui, app, st, page, first);
    st->page = st->page > npages ? npages : st->page;
    step_row(ui, app, st, steps, npages);
    if (st->page < npages)
        article_page(ui, app, st, page, first, st->page);
    else
        sign_page(ui, app, st, page);
    if (bottom_bar(ui, app, st, bar, npages) && save(st, app))
        return nav_replace(&SCREEN_CERTIFICATE, NULL);
    return nav_stay();
}

const ScreenOps SCREEN_PLEDGE = {
    .name = "pledge",
    .state_size = sizeof(SignState),
    .enter = pledge_enter,
    .frame = pledge_frame,
};

/* ---- Home's pledge band ---- */

/* The article measures not passed yet, as "1, 3, 6"; "" when all are. */
static void missing_tests(const App *app, const Progress *p, char *buf, size_t size)
{
    int at = 0;
    buf[0] = '\0';
    for (int m = 1; m <= MEASURES; m++) {
        const Lesson *l = content_lesson(app->content, m);
        if (l && l->article > 0 && !p->measures[m - 1].passed_at)
            at += snprintf(buf + at, size - (size_t)at, "%s%d", at ? ", " : "", m);
    }
}

static const char *band_text(const App *app, const Progress *p, const char *missing, char *buf, size_t size)
{
    char date[DATE_BUF];
    const PledgeStatus *ps = &p->pledge;
    if (ps->state == PLEDGE_SIGNED)
        snprintf(buf, size,
                 app_str(app, "✓ 宣言書：署名済み %s（記録番号 %s）", "✓ Pledge signed on %s (record %s)"),
                 format_date(app, ps->signed_at, date), ps->record_code);
    else if (ps->state == PLEDGE_OLD_VERSION)
        snprintf(buf, size,
                 app_str(app, "! 宣言書が新しくなりました（第%d版）。もう一度署名してください",
                         "! The pledge has a new version (%d): please sign it again"),
                 app->content->pledge->version);
    else if (missing[0])
        snprintf(buf, size,
                 app_str(app, "宣言書：5か条のテスト（%s）に合格すると署名できます",
                         "Pledge: pass the tests of measures %s to sign it"),
                 missing);
    else
        snprintf(buf, size, "%s",
                 app_str(app, "宣言書：5か条のテストに合格しました。署名しましょう",
                         "Pledge: you passed the five-article tests. Time to sign"));
    return buf;
}

/* What the band shows: its text, its button's width (0: none) and whether it only informs. */
typedef struct {
    char msg[256];
    int bw;
    bool can_sign, signed_now;
} PledgeBand;

static bool band_plan(Ui *ui, const App *app, const Progress *p, int w, PledgeBand *b)
{
    char missing[64];
    if (!app->content->pledge)
        return false;
    missing_tests(app, p, missing, sizeof missing);
    const PledgeStatus *ps = &p->pledge;
    b->can_sign = ps->state == PLEDGE_OLD_VERSION || (ps->state == PLEDGE_NONE && !missing[0]);
    b->signed_now = ps->state == PLEDGE_SIGNED;
    b->bw = b->can_sign || b->signed_now ? ui_px(ui, w >= 1000 ? 320 : 260) : 0;
    band_text(app, p, missing, b->msg, sizeof b->msg);
    return true;
}

static int band_height(Ui *ui, const PledgeBand *b, int w, int min_h)
{
    int need = ui_paragraph_height(ui, w - (b->bw ? b->bw + THEME_GAP : 0) - 40, ui_px(ui, THEME_PX_BODY),
                                   false, b->msg) +
               16;
    return need > min_h ? need : min_h;
}

int pledge_band_height(Ui *ui, const App *app, const Progress *p, int w, int min_h, bool *informs)
{
    PledgeBand b;
    *informs = false;
    if (!band_plan(ui, app, p, w, &b))
        return 0;
    *informs = !b.can_sign && !b.signed_now;
    return band_height(ui, &b, w, min_h);
}

Nav pledge_band(Ui *ui, App *app, const Progress *p, Rect r, int *height)
{
    PledgeBand pb;
    *height = 0;
    if (!band_plan(ui, app, p, r.w, &pb))
        return nav_stay();
    Rect band = r, b = cut_right(&band, pb.bw, pb.bw ? THEME_GAP : 0); /* the band, its button on the right */
    *height = band_height(ui, &pb, r.w, r.h);
    b = rect_height(b, *height);
    draw_band(ui, rect_height(band, *height), pb.signed_now ? BAND_SUCCESS : BAND_NOTICE, pb.msg);
    if (pb.can_sign && ui_button(ui, "pledge", b,
                                 p->pledge.state == PLEDGE_OLD_VERSION
                                     ? app_str(app, "新しい版に署名する", "Sign the new version")
                                     : app_str(app, "宣言書に署名する", "Sign the pledge"),
                                 BTN_PRIMARY, true))
        return nav_push(&SCREEN_PLEDGE, NULL);
    if (pb.signed_now &&
        ui_button(ui, "certificate", b, app_str(app, "宣言書を見る", "View my pledge"), BTN_SECONDARY, true))
        return nav_push(&SCREEN_CERTIFICATE, NULL);
    return nav_stay();
}
