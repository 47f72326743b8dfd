/* report_pledges.c — print-ready HTML pledges and their index: a writer over the store's pledge records.
 *
 * What must stay true: every byte of a name or text reaches the page through html_esc; a file
 * appears whole or not at all (temporary file in the same directory, fsync, rename); only
 * records store_list_pledges has checked against the chain are written. */
#include "report_pledges.h"
#include "civil_date.h"
#include "atomic_file.h"
#include "report_html.h"
#include "content.h"
#include "pledge.h"
#include "store.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    Store *store;
    const char *dir;      /* borrowed: where the files go */
    const char *employee; /* borrowed: NULL for everyone */
    int version;          /* the current pledge version; 0 without pledge.yaml */
    char company[128];    /* setting company_name, "" when unset */
    int64_t now;
} Export;

/* ---- HTML pieces ---- */

/* "<tag class=...>escaped text</tag>\n" */
static void html_el(FILE *f, const char *open, const char *text, const char *close)
{
    fputs(open, f);
    report_html_escape(f, text);
    fputs(close, f);
}

/* A time as the reader's calendar shows it (local time). */
static const char *when(int64_t t, Lang lang, char *buf, size_t size)
{
    time_t tt = (time_t)t;
    struct tm tm;
    char day[40];
    localtime_r(&tt, &tm);
    civil_words(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, lang != LANG_EN, true, day, sizeof day);
    snprintf(buf, size, lang == LANG_EN ? "%s, %02d:%02d" : "%s %02d:%02d", day, tm.tm_hour, tm.tm_min);
    return buf;
}

/* pledge-CODE-vN-RECORDCODE.html; a code's characters other than letters, digits, '-' and
 * '_' become '_' (codes are the roster's, not ours to trust as file names). */
static void file_name(const char *code, int version, const char *record_code, char *buf, size_t size)
{
    char safe[32];
    size_t i = 0;
    for (; code[i] && i < sizeof safe - 1; i++) {
        char c = code[i];
        bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' ||
                  c == '_';
        safe[i] = ok ? c : '_';
    }
    safe[i] = '\0';
    snprintf(buf, size, "pledge-%s-v%d-%s.html", safe, version, record_code);
}

/* A4 portrait, one page: the sheet is a framed box as tall as the printable area allows; on a
 * screen the page is drawn as a sheet of paper. */
static const char STYLE[] =
    "<style>\n"
    "@page { size: A4 portrait; margin: 12mm; }\n"
    "* { box-sizing: border-box; }\n"
    "html { background: #E1E4E8; }\n"
    "body { margin: 8mm auto; width: 210mm; min-height: 297mm; padding: 12mm; background: #fff;"
    " color: #1F2630; font-size: 11.5pt; line-height: 1.65; box-shadow: 0 1mm 4mm rgba(0,0,0,.25);"
    " font-family: \"Noto Sans CJK JP\", \"Noto Sans JP\", \"Hiragino Sans\", \"Yu Gothic\","
    " Meiryo, sans-serif; }\n"
    "@media print { html { background: none; } body { margin: 0; width: auto; min-height: 0;"
    " padding: 0; box-shadow: none; } }\n"
    ".sheet { border: 1.5pt solid #1D5C7A; padding: 11mm 13mm 9mm; min-height: 262mm;"
    " display: flex; flex-direction: column; break-inside: avoid; }\n"
    ".kicker { margin: 0; color: #1D5C7A; font-weight: bold; letter-spacing: .2em; font-size: 10pt; }\n"
    "h1 { font-size: 20pt; line-height: 1.35; margin: 2mm 0 6mm; }\n"
    ".opening, .closing { margin: 0 0 5mm; }\n"
    "ol { list-style: none; margin: 0 0 5mm; padding: 0; }\n"
    "ol li { display: flex; gap: 5mm; padding: 2.5mm 0; border-top: .5pt solid #B8BFC7; }\n"
    "ol li:last-child { border-bottom: .5pt solid #B8BFC7; }\n"
    ".num { flex: 0 0 8mm; font-weight: bold; color: #1D5C7A; font-size: 15pt; line-height: 1.2; }\n"
    "dl { display: grid; grid-template-columns: auto 1fr; gap: 1.5mm 8mm; margin: 6mm 0 2mm; font-size: "
    "12.5pt; }\n"
    "dt { color: #4A5563; } dd { margin: 0; font-weight: bold; }\n"
    ".signature { height: 34mm; border-bottom: 1pt solid #1F2630; margin: 0 0 6mm; }\n"
    ".signature svg { display: block; }\n"
    ".proof { margin: auto 0 0; font-size: 8pt; color: #4A5563; line-height: 1.6; overflow-wrap: anywhere; "
    "}\n"
    ".record { font-size: 14pt; font-weight: bold; color: #1F2630; letter-spacing: .06em; }\n"
    ".index { min-height: 0; }\n"
    "table { border-collapse: collapse; width: 100%; font-size: 10pt; }\n"
    "th, td { text-align: left; padding: 1.5mm 2mm; border-bottom: .5pt solid #B8BFC7; vertical-align: top; "
    "}\n"
    "th { color: #4A5563; font-weight: normal; }\n"
    ".signed { color: #1E6B3A; } .old { color: #8A4B00; } .none { color: #A32A1C; }\n"
    ".summary { font-size: 12pt; margin: 0 0 6mm; }\n"
    "</style>\n";

static void html_head(FILE *f, Lang lang, const char *title)
{
    fprintf(f,
            "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
            store_lang_name(lang));
    html_el(f, "<title>", title, "</title>\n");
    fputs(STYLE, f);
    fputs("</head>\n<body>\n", f);
}

/* ---- one pledge ---- */

typedef struct {
    const char *kicker_employee, *kicker_president, *company, *name, *date, *record, *hash, *text_hash,
        *details, *note;
} Labels;

static const Labels LABELS_JA = {
    "宣言書",
    "宣言書（会社）",
    "会社名",
    "氏名",
    "署名日時",
    "記録番号",
    "記録のハッシュ",
    "宣言文のハッシュ (SHA-256)",
    "第%d版 · 記録 #%lld · 端末 %s",
    "この記録は mamori の改ざん検知つきの記録に保存されています（mamori verify で確認できます）。",
};

static const Labels LABELS_EN = {
    "PLEDGE",
    "COMPANY PLEDGE",
    "Company",
    "Name",
    "Signed",
    "Record code",
    "Record hash",
    "Text hash (SHA-256)",
    "Version %d · record #%lld · kiosk %s",
    "This record is kept in mamori's tamper-evident log (check it with mamori verify).",
};

/* The text: its canonical parts, or (never expected) its paragraphs as they are. */
static void write_text(FILE *f, const char *text)
{
    Arena a = {0};
    PledgeParts p;
    if (pledge_parse(text, &p, &a)) {
        html_el(f, "<h1>", p.title, "</h1>\n");
        html_el(f, "<p class=\"opening\">", p.opening, "</p>\n<ol>\n");
        for (int i = 0; i < ARTICLES; i++) {
            fprintf(f, "<li><span class=\"num\">%d</span>", i + 1);
            html_el(f, "<span>", p.articles[i], "</span></li>\n");
        }
        html_el(f, "</ol>\n<p class=\"closing\">", p.closing, "</p>\n");
    } else {
        html_el(f, "<p style=\"white-space: pre-wrap\">", text, "</p>\n");
    }
    arena_free(&a);
}

static void write_signed_by(FILE *f, const Export *x, const PledgeRecord *r, const Labels *l)
{
    char date[64];
    fputs("<dl>\n", f);
    if (x->company[0]) {
        html_el(f, "<dt>", l->company, "</dt>");
        html_el(f, "<dd class=\"company\">", x->company, "</dd>\n");
    }
    html_el(f, "<dt>", l->name, "</dt>");
    html_el(f, "<dd class=\"name\">", r->name, "</dd>\n");
    html_el(f, "<dt>", l->date, "</dt>");
    html_el(f, "<dd class=\"date\">", when(r->time, r->lang, date, sizeof date), "</dd>\n</dl>\n");
}

static void write_proof(FILE *f, const PledgeRecord *r, const Labels *l)
{
    char details[256];
    snprintf(details, sizeof details, l->details, r->version, (long long)r->seq, r->kiosk);
    fputs("<p class=\"proof\"><span class=\"record\">", f);
    report_html_escape(f, l->record);
    html_el(f, " ", r->record_code, "</span><br>\n");
    html_el(f, "", l->hash, ": ");
    html_el(f, "<code class=\"hash\">", r->hash, "</code><br>\n");
    html_el(f, "", l->text_hash, ": ");
    html_el(f, "<code>", r->text_sha256, "</code><br>\n");
    html_el(f, "", details, "<br>\n");
    html_el(f, "", l->note, "</p>\n");
}

typedef struct {
    const Export *x;
    const PledgeRecord *r;
    const Signature *sig;
} PledgePage;

static bool write_pledge_page(FILE *f, const void *ctx, Err *e)
{
    (void)e;
    const PledgePage *pg = ctx;
    const PledgeRecord *r = pg->r;
    const Labels *l = r->lang == LANG_EN ? &LABELS_EN : &LABELS_JA;
    char title[256];
    snprintf(title, sizeof title, "%s — %s (%s)", l->kicker_employee, r->name, r->record_code);
    html_head(f, r->lang, title);
    fputs("<main class=\"sheet\">\n", f);
    html_el(f, "<p class=\"kicker\">", r->kind == PLEDGE_PRESIDENT ? l->kicker_president : l->kicker_employee,
            "</p>\n");
    write_text(f, r->text);
    write_signed_by(f, pg->x, r, l);
    fputs("<div class=\"signature\">", f);
    pledge_write_svg(f, pg->sig, "100%", "100%");
    fputs("</div>\n", f);
    write_proof(f, r, l);
    fputs("</main>\n</body>\n</html>\n", f);
    return true;
}

/* ---- the index ---- */

typedef struct {
    const Export *x;
    const Employee *people;
    const PledgeStatus *status;
    int n;
    const PledgeReadiness *ready;
} IndexPage;

static void index_summary(FILE *f, const IndexPage *ix)
{
    const PledgeReadiness *r = ix->ready;
    fprintf(f, "<p class=\"summary\">一つ星の宣言 (one-star declaration): <b class=\"%s\">%s</b><br>\n",
            r->ready ? "signed" : "none",
            r->ready ? "✓ 準備ができています (ready)" : "× まだです (not ready)");
    fprintf(f, "社長の宣言 (president): <b class=\"%s\">%s</b><br>\n",
            r->president_signed ? "signed" : "none",
            r->president_signed ? "✓ 署名済み (signed)" : "× 未署名 (not signed)");
    fprintf(f, "最新版（第%d版）に署名した人 (signed the current version): <b>%d / %d</b></p>\n",
            ix->x->version, r->signed_people, r->people);
}

static void index_state(FILE *f, const PledgeStatus *st)
{
    if (st->state == PLEDGE_SIGNED)
        fputs("<td class=\"state signed\">✓ 署名済み (signed)</td>", f);
    else if (st->state == PLEDGE_OLD_VERSION)
        fprintf(f, "<td class=\"state old\">! 旧版（第%d版）に署名 (signed an earlier version)</td>",
                st->version);
    else
        fputs("<td class=\"state none\">× 未署名 (not signed)</td>", f);
}

static void index_row(FILE *f, const Employee *p, const PledgeStatus *st)
{
    char date[64], name[128];
    html_el(f, "<tr><td>", p->code, "</td>");
    html_el(f, "<td class=\"name\">", p->name, "</td>");
    html_el(f, "<td>", p->department, "</td>");
    html_el(f, "<td>", store_role_name(p->role), "</td>");
    index_state(f, st);
    if (st->state == PLEDGE_NONE) {
        fputs("<td></td><td></td></tr>\n", f);
        return;
    }
    html_el(f, "<td>", when(st->signed_at, LANG_JA, date, sizeof date), "</td>");
    file_name(p->code, st->version, st->record_code, name, sizeof name);
    html_el(f, "<td><a href=\"", name, "\">");
    html_el(f, "", st->record_code, "</a></td></tr>\n");
}

static bool write_index_page(FILE *f, const void *ctx, Err *e)
{
    (void)e;
    const IndexPage *ix = ctx;
    char date[64];
    html_head(f, LANG_JA, "宣言書の一覧 (pledges)");
    fputs("<main class=\"index\">\n", f);
    html_el(f, "<p class=\"kicker\">", ix->x->company[0] ? ix->x->company : "mamori", "</p>\n");
    fputs("<h1>情報セキュリティ5か条 宣言書の一覧 (pledges)</h1>\n", f);
    index_summary(f, ix);
    fputs("<table>\n<tr><th>コード</th><th>氏名</th><th>部署</th><th>役割</th><th>状態</th>"
          "<th>署名日時</th><th>記録番号</th></tr>\n",
          f);
    for (int i = 0; i < ix->n; i++)
        index_row(f, &ix->people[i], &ix->status[i]);
    html_el(f, "</table>\n<p class=\"proof\">作成 (made) ", when(ix->x->now, LANG_JA, date, sizeof date),
            "</p>\n</main>\n</body>\n</html>\n");
    return true;
}

/* ---- files, whole or not at all ---- */

/* Writes dir/name through fn, whole or not at all. */
static bool write_page(const char *dir, const char *name, AtomicStreamFn fn, const void *ctx, Err *e)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return atomic_write_stream(path, fn, ctx, e);
}

/* ---- the export ---- */

static bool export_pledge(const Export *x, const PledgeRecord *r, Signature *sig, Err *e)
{
    char name[128];
    if (!pledge_decode(r->strokes, sig, e))
        return false;
    file_name(r->code, r->version, r->record_code, name, sizeof name);
    PledgePage pg = {x, r, sig};
    return write_page(x->dir, name, write_pledge_page, &pg, e);
}

static bool export_pledges(const Export *x, int *count, Err *e)
{
    PledgeRecord *rows;
    int n;
    if (!store_list_pledges(x->store, x->employee, &rows, &n, e))
        return false;
    Signature *sig = xmalloc(sizeof *sig);
    bool ok = true;
    for (int i = 0; ok && i < n; i++)
        ok = export_pledge(x, &rows[i], sig, e);
    free(sig);
    store_pledges_free(rows, n);
    *count = n;
    return ok;
}

static bool export_index(const Export *x, Err *e)
{
    Employee *people;
    int n;
    PledgeReadiness ready;
    if (!store_pledge_readiness(x->store, x->version, &ready, e))
        return false;
    if (!store_list_employees(x->store, false, &people, &n, e)) {
        store_pledge_readiness_free(&ready);
        return false;
    }
    PledgeStatus *status = xcalloc((size_t)n + 1, sizeof *status);
    bool ok = true;
    for (int i = 0; ok && i < n; i++)
        ok = store_pledge_status(x->store, people[i].code, x->version, &status[i], e);
    IndexPage ix = {x, people, status, n, &ready};
    ok = ok && write_page(x->dir, "index.html", write_index_page, &ix, e);
    free(status);
    free(people);
    store_pledge_readiness_free(&ready);
    return ok;
}

static bool export_check_person(Export *x, Err *e)
{
    Employee who;
    bool found;
    if (!x->employee)
        return true;
    if (!store_find_employee(x->store, x->employee, &who, &found, e))
        return false;
    return found || err_set(e, "no person with code '%s' in the roster", x->employee);
}

bool pledges_export(Store *s, const char *dir, const char *employee, int current_version, int64_t now,
                    int *count, Err *e)
{
    Export x = {.store = s, .dir = dir, .employee = employee, .version = current_version, .now = now};
    bool found;
    *count = 0;
    bool ok = store_get_setting(s, "company_name", x.company, sizeof x.company, &found, e) &&
              export_check_person(&x, e) && atomic_make_dir(dir, e) && export_pledges(&x, count, e) &&
              (employee || export_index(&x, e));
    return ok;
}
