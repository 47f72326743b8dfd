/* export_cover.c — the evidence folder's cover page (see export_cover.h). */
#include "export_cover.h"
#include "atomic_file.h"
#include "civil_date.h"
#include "report_file.h"
#include "report_html.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef MAMORI_VERSION
#define MAMORI_VERSION "dev"
#endif

typedef struct {
    const ExportResult *r;
    char company[128];
    char date[48];
    PledgeReadiness ready;
    Employee *people; /* heap: the roster, for the names of those missing */
    int npeople;
    VerifyResult verify;
    char verify_error[512]; /* the database could not be read, or a pledge row differs */
} Cover;

/* What each file of the folder is, by name. */
static const struct {
    const char *name, *what;
} FILES[] = {
    {"report.html", "完了状況レポート（印刷用・A4） / Completion report, print-ready"},
    {"report.xlsx", "完了状況レポート（Excel） / Completion report for Excel"},
    {"report.csv", "一人一行の完了状況（Excel用CSV） / One row per person, CSV for Excel"},
    {"report.json",
     "すべての数値と自社診断（機械可読） / Every figure and the self-diagnosis, machine-readable"},
    {"diagnosis.html", "自社診断シート（印刷用・A4） / The self-diagnosis sheet, print-ready"},
    {"reminders.html",
     "期限を過ぎた人・署名がまだの人へのお知らせ（印刷して渡す） / Reminder slips to print and hand out"},
    {"roster.csv", "名簿（Excel用CSV、取り込み可能） / The roster, CSV for Excel (imports back)"},
    {"pledges/", "署名済みの宣言書（1人1ページ）と一覧 / Every signed pledge, one page each, and an index"},
};

static const char *file_what(const char *name)
{
    for (size_t i = 0; i < sizeof FILES / sizeof *FILES; i++)
        if (strcmp(FILES[i].name, name) == 0)
            return FILES[i].what;
    return "";
}

static void esc(FILE *f, const char *s)
{
    report_html_escape(f, s);
}

/* Hex SHA-256 of a file; "" when it cannot be read. */
static void file_sha256(const char *path, char hex[65])
{
    crypto_hash_sha256_state st;
    unsigned char buf[65536], bin[crypto_hash_sha256_BYTES];
    FILE *f = fopen(path, "rb");
    hex[0] = '\0';
    if (!f)
        return;
    crypto_hash_sha256_init(&st);
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        crypto_hash_sha256_update(&st, buf, n);
    bool ok = !ferror(f);
    fclose(f);
    crypto_hash_sha256_final(&st, bin);
    if (ok)
        sodium_bin2hex(hex, 65, bin, sizeof bin);
}

static const char STYLE[] =
    "<style>\n"
    "@page { size: A4 portrait; margin: 14mm; }\n"
    "* { box-sizing: border-box; }\n"
    "html { background: #E1E4E8; }\n"
    "body { margin: 8mm auto; width: 210mm; padding: 14mm; background: #fff; color: #1F2630;"
    " font-size: 10.5pt; line-height: 1.6; font-family: \"Noto Sans CJK JP\", \"Noto Sans JP\","
    " \"Hiragino Sans\", \"Yu Gothic\", Meiryo, sans-serif; }\n"
    "@media print { html { background: none; } body { margin: 0; width: auto; padding: 0; } }\n"
    ".kicker { margin: 0; color: #1D5C7A; font-weight: bold; letter-spacing: .2em; font-size: 9pt; }\n"
    "h1 { font-size: 19pt; margin: 1mm 0 1mm; } h2 { font-size: 12.5pt; margin: 6mm 0 2mm;"
    " color: #1D5C7A; border-bottom: .75pt solid #1D5C7A; break-after: avoid; }\n"
    ".verdict { font-size: 14pt; font-weight: bold; padding: 3mm 4mm; border: 1.5pt solid; margin: 4mm 0; }\n"
    ".yes { color: #1E6B3A; } .no { color: #A32A1C; }\n"
    "table { border-collapse: collapse; width: 100%; font-size: 9.5pt; break-inside: auto; }\n"
    "th, td { text-align: left; padding: 1.2mm 2mm; border-bottom: .5pt solid #B8BFC7; vertical-align: top; "
    "}\n"
    "tr { break-inside: avoid; } th { color: #4A5563; font-weight: normal; }\n"
    ".hash { font-family: monospace; font-size: 8pt; overflow-wrap: anywhere; }\n"
    "pre { background: #F3F5F7; padding: 2mm 3mm; font-size: 8.5pt; white-space: pre-wrap; }\n"
    "</style>\n";

static void head(FILE *f, const Cover *cv)
{
    fputs("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          f);
    esc(f, cv->company[0] ? cv->company : "mamori");
    fputs(" — 証跡 / Evidence</title>\n", f);
    fputs(STYLE, f);
    fputs("</head>\n<body>\n<p class=\"kicker\">SECURITY ACTION — 証跡フォルダ / EVIDENCE FOLDER</p>\n<h1>",
          f);
    esc(f, cv->company[0] ? cv->company : "（会社名未設定 / company name not set）");
    fputs("</h1>\n<p>作成日 / Exported: ", f);
    esc(f, cv->date);
    fputs("</p>\n", f);
}

/* The name of a person by code (the code itself when not in the roster). */
static const char *name_of(const Cover *cv, const char *code)
{
    for (int i = 0; i < cv->npeople; i++)
        if (strcmp(cv->people[i].code, code) == 0)
            return cv->people[i].name;
    return code;
}

static void verdict(FILE *f, const Cover *cv)
{
    const PledgeReadiness *r = &cv->ready;
    fputs("<h2>一つ星の宣言 / One-star declaration</h2>\n", f);
    fprintf(f, "<p class=\"verdict %s\">%s</p>\n", r->ready ? "yes" : "no",
            r->ready
                ? "✓ 宣言できます — 社長と在籍者全員が情報セキュリティ5か条の宣言書に署名済み / Ready: the "
                  "president and every active person signed the pledge"
                : "× まだ宣言できません / Not ready yet");
    fputs("<table>\n", f);
    fprintf(f, "<tr><th>社長の宣言 / President's pledge</th><td class=\"%s\">%s</td></tr>\n",
            r->president_signed ? "yes" : "no",
            r->president_signed ? "✓ 署名済み / signed"
                                : "× 未署名、または社長が名簿にいない / not signed, or no president");
    fprintf(f, "<tr><th>在籍者の署名 / Active people signed</th><td>%d / %d</td></tr>\n", r->signed_people,
            r->people);
    if (r->nmissing) {
        fputs("<tr><th>未署名 / Not signed yet</th><td>", f);
        for (int i = 0; i < r->nmissing; i++) {
            fputs(i ? "、" : "", f);
            esc(f, name_of(cv, r->missing[i]));
            fputs("（", f);
            esc(f, r->missing[i]);
            fputs("）", f);
        }
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);
}

static void file_row(FILE *f, const Cover *cv, const ExportItem *it)
{
    char path[1200], hex[65] = "";
    bool folder = it->name[strlen(it->name) - 1] == '/';
    snprintf(path, sizeof path, "%s/%s", cv->r->dir, it->name);
    if (it->ok && !folder)
        file_sha256(path, hex);
    fputs("<tr><td><a href=\"", f);
    esc(f, folder ? "pledges/index.html" : it->name);
    fputs("\">", f);
    esc(f, it->name);
    fputs("</a></td><td>", f);
    esc(f, file_what(it->name));
    if (folder && it->ok)
        fprintf(f, "（%d 件 / %d pages）", it->count, it->count);
    if (!it->ok) {
        fputs("<br><span class=\"no\">× 書けませんでした / not written: ", f);
        esc(f, it->error);
        fputs("</span>", f);
    }
    fputs("</td><td class=\"hash\">", f);
    esc(f, folder ? "" : hex);
    fputs("</td></tr>\n", f);
}

static void files(FILE *f, const Cover *cv)
{
    fputs("<h2>このフォルダのファイル / What each file is</h2>\n<table>\n"
          "<tr><th>ファイル / File</th><th>内容 / What it is</th><th>SHA-256</th></tr>\n",
          f);
    for (int i = 0; i < cv->r->nitems; i++)
        file_row(f, cv, &cv->r->items[i]);
    fputs("</table>\n", f);
}

static void record(FILE *f, const Cover *cv)
{
    const VerifyResult *v = &cv->verify;
    fputs("<h2>記録の検証 / The record, verified at export time</h2>\n<table>\n", f);
    fputs("<tr><th>検証 / Full verify</th><td>", f);
    if (cv->verify_error[0]) {
        fputs("<span class=\"no\">× 検証できませんでした / could not verify: ", f);
        esc(f, cv->verify_error);
        fputs("</span>", f);
    } else if (v->ok) {
        fputs("<span class=\"yes\">✓ 改ざんなし — すべての記録のハッシュ連鎖と派生表が一致 / intact: every "
              "record's hash "
              "chain and every table derived from it match</span>",
              f);
    } else {
        fprintf(f, "<span class=\"no\">× 記録 %lld が壊れています / record %lld is broken: ",
                (long long)v->bad_seq, (long long)v->bad_seq);
        esc(f, v->what);
        fputs("</span>", f);
    }
    fprintf(f, "</td></tr>\n<tr><th>記録の数 / Records</th><td>%lld</td></tr>\n", (long long)v->count);
    fputs("<tr><th>最新のハッシュ / Head hash</th><td class=\"hash\">", f);
    esc(f, v->count ? v->head : "（記録なし / no records）");
    fputs("</td></tr>\n", f);
    if (v->ok && v->count)
        fprintf(f,
                "<tr><th>アンカー / Anchor</th><td class=\"hash\" id=\"anchor\">%lld:%s<br>"
                "<code>mamori verify --anchor %lld:%s</code></td></tr>\n",
                (long long)v->count, v->head, (long long)v->count, v->head);
    fputs("</table>\n", f);
}

static void how_to_check(FILE *f)
{
    fputs("<h2>もう一度確かめるには / How to check it again</h2>\n"
          "<p>1. ファイルが書き出したときのままか：各ファイルの SHA-256 を計算し、上の表と比べます。 / That "
          "the files "
          "are as exported: compute each file's SHA-256 and compare it with the table above.</p>\n"
          "<pre>sha256sum report.html report.xlsx report.csv report.json roster.csv</pre>\n"
          "<p>2. "
          "記録が改ざんされていないか：キオスクのデータベースで検証を実行します。「ok」と記録の数・最新のハッ"
          "シュが"
          "表示されます。この書き出しの後に何も記録されていなければ、上の値と一致します（記録は追記のみなので"
          "、後の記録が"
          "あれば数が増え、ハッシュが変わります）。 / That the record is intact: run verify on the kiosk's "
          "database. "
          "It prints ok with the count and the head hash; while nothing was recorded since this export they "
          "equal "
          "the values above (the record only grows, so later records raise the count and change the "
          "head).</p>\n"
          "<pre>mamori verify --db ~/.local/share/mamori/mamori.db</pre>\n"
          "<p>"
          "上のアンカーを付けて検証すると、この書き出しの時点までの記録が削られたり書き換えられたりしていない"
          "ことも"
          "確かめられます。 / With the anchor above, verify also proves that no record up to this export was "
          "cut"
          " off or rewritten since:</p>\n"
          "<pre>mamori verify --anchor COUNT:HASH</pre>\n"
          "<p>3. 各宣言書のページには記録コードと、署名した文面・記録のハッシュが載っています。 / Each "
          "pledge page "
          "carries its record code and the hashes of the text signed and of its record.</p>\n",
          f);
}

static bool write_page(FILE *f, const void *arg, Err *e)
{
    const Cover *cv = arg;
    (void)e;
    head(f, cv);
    verdict(f, cv);
    files(f, cv);
    record(f, cv);
    how_to_check(f);
    fputs("<p class=\"kicker\">mamori " MAMORI_VERSION "</p>\n</body>\n</html>\n", f);
    return true;
}

/* The full verify, then that each pledge row says what its event says (as `mamori verify`). */
static void run_verify(Store *s, Cover *cv)
{
    Err ve = {{0}};
    PledgeRecord *rows;
    int n;
    if (store_is_cache(s)) { /* the record is the server's; this kiosk holds a working copy */
        snprintf(cv->verify_error, sizeof cv->verify_error, "%s",
                 "この端末はサーバーの記録の写しで動いています。記録の検証はサーバーで行ってください"
                 "（mamori --db サーバーのURI verify） / this kiosk works on a copy of the server's record: "
                 "verify the record on the server (mamori --db URI verify)");
        return;
    }
    if (!store_verify(s, &cv->verify, &ve))
        snprintf(cv->verify_error, sizeof cv->verify_error, "%s", ve.msg);
    else if (cv->verify.ok && !store_list_pledges(s, NULL, &rows, &n, &ve))
        snprintf(cv->verify_error, sizeof cv->verify_error, "%s", ve.msg);
    else if (cv->verify.ok)
        store_pledges_free(rows, n);
}

static bool gather(Store *s, const Content *c, Cover *cv, int64_t now, Err *e)
{
    bool found;
    time_t t = (time_t)now;
    struct tm tm;
    char day[40];
    localtime_r(&t, &tm);
    civil_words(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, true, true, day, sizeof day);
    snprintf(cv->date, sizeof cv->date, "%s %02d:%02d", day, tm.tm_hour, tm.tm_min);
    if (!store_get_setting(s, "company_name", cv->company, sizeof cv->company, &found, e) ||
        !store_list_employees(s, false, &cv->people, &cv->npeople, e))
        return false;
    if (!store_pledge_readiness(s, c->pledge ? c->pledge->version : 0, &cv->ready, e))
        return false;
    run_verify(s, cv);
    return true;
}

static void tell(const Cover *cv, ExportResult *out)
{
    out->record_ok = cv->verify.ok && !cv->verify_error[0];
    out->record_broken = !cv->verify_error[0] && !cv->verify.ok && !cv->verify.key_missing;
    out->records = cv->verify.count;
    snprintf(out->head, sizeof out->head, "%s", cv->verify.head);
    if (cv->verify_error[0])
        snprintf(out->record_note, sizeof out->record_note, "%s", cv->verify_error);
    else if (!cv->verify.ok)
        snprintf(out->record_note, sizeof out->record_note, "record %lld: %s", (long long)cv->verify.bad_seq,
                 cv->verify.what);
}

bool export_cover(Store *s, const Content *c, const ExportResult *r, int64_t now, ExportResult *out, Err *e)
{
    Cover cv = {.r = r};
    char path[1200];
    bool ok = gather(s, c, &cv, now, e);
    tell(&cv, out);
    snprintf(path, sizeof path, "%s/index.html", r->dir);
    ok = ok && atomic_write_stream(path, write_page, &cv, e);
    free(cv.people);
    store_pledge_readiness_free(&cv.ready);
    return ok;
}
