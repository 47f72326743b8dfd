/* report_diagnosis.c — the company's self-diagnosis as JSON, text and the printed HTML sheet.
 *
 * What must stay true: see report_diagnosis.h — figures from diag_score only; every text in the
 * HTML goes through report_html_escape. */
#include "report_diagnosis.h"
#include "report.h"
#include "report_html.h"

#include <string.h>

static const char *const PART_JA[DIAG_PARTS] = {"基本的対策", "従業員としての対策", "組織としての対策"};
static const char *const PART_EN[DIAG_PARTS] = {"Basic measures", "As an employee", "As an organisation"};

static void json_time(Json *j, int64_t t)
{
    char buf[32];
    report_iso_time(t, buf, sizeof buf);
    json_string(j, buf);
}

static void json_band(Json *j, const DiagBand *b)
{
    json_key(j, "band");
    if (!b) {
        json_null(j);
        return;
    }
    json_object(j);
    json_key(j, "min"), json_int(j, b->min);
    json_key(j, "max"), json_int(j, b->max);
    json_end(j);
}

void report_diag_json_brief(Json *j, const DiagSheet *sh, const DiagRecord *d)
{
    DiagScore s;
    diag_score(sh, d->scope, d->answers, &s);
    json_object(j);
    json_key(j, "taken_at"), json_time(j, d->time);
    json_key(j, "by"), json_string(j, d->code);
    json_key(j, "score"), json_int(j, s.total);
    json_band(j, s.band);
    json_end(j);
}

static void json_items(Json *j, const DiagSheet *sh, const DiagRecord *d)
{
    json_key(j, "items");
    json_object(j);
    for (int i = 0; i < diag_scope_items(d->scope); i++) {
        char key[12];
        snprintf(key, sizeof key, "%d", i + 1);
        json_key(j, key);
        json_object(j);
        json_key(j, "answer"), json_string(j, diag_answer_key(d->answers[i]));
        json_key(j, "points");
        if (diag_answer_key(d->answers[i]))
            json_int(j, sh->answers[d->answers[i]].points);
        else
            json_null(j);
        json_end(j);
    }
    json_end(j);
}

void report_diag_json(Json *j, const DiagSheet *sh, const DiagRecord *d)
{
    DiagScore s;
    diag_score(sh, d->scope, d->answers, &s);
    json_object(j);
    json_key(j, "taken_at"), json_time(j, d->time);
    json_key(j, "by"), json_string(j, d->code);
    json_key(j, "content_version"), json_string(j, d->content_version);
    json_key(j, "score"), json_int(j, s.total);
    json_band(j, s.band);
    json_key(j, "subtotals");
    json_object(j);
    json_key(j, "yes"), json_int(j, s.subtotal[DIAG_YES]);
    json_key(j, "partly"), json_int(j, s.subtotal[DIAG_PARTLY]);
    json_key(j, "unknown"), json_int(j, s.subtotal[DIAG_UNKNOWN]);
    json_end(j);
    json_items(j, sh, d);
    json_end(j);
}

void report_diag_json_section(Json *j, const DiagSheet *sh, const DiagRecord *rows, int n)
{
    json_object(j);
    json_key(j, "latest");
    if (n && sh)
        report_diag_json(j, sh, &rows[n - 1]);
    else
        json_null(j);
    json_key(j, "history");
    json_array(j);
    for (int i = 0; sh && i < n; i++)
        report_diag_json_brief(j, sh, &rows[i]);
    json_end(j);
    json_end(j);
}

/* ---- text ---- */

void report_diag_text(FILE *f, const DiagSheet *sh, const DiagRecord *d, Lang lang)
{
    DiagScore s;
    char when[32];
    diag_score(sh, d->scope, d->answers, &s);
    report_iso_time(d->time, when, sizeof when);
    fprintf(f, "%s  %s %s\n", when, lang == LANG_EN ? "by" : "回答者", d->code);
    fprintf(f, "%s: %d  (A %d + B %d + C %d)\n", lang == LANG_EN ? "score" : "点数", s.total,
            s.subtotal[DIAG_YES], s.subtotal[DIAG_PARTLY], s.subtotal[DIAG_UNKNOWN]);
    if (s.band)
        fprintf(f, "%d..%d  %s\n  %s\n", s.band->min, s.band->max, text_get(s.band->title, lang),
                text_get(s.band->advice, lang));
    for (int i = 0; i < diag_scope_items(d->scope); i++) {
        DiagAnswer a = d->answers[i];
        fprintf(f, "%2d  %-8s %3d  %s\n", i + 1, diag_answer_key(a) ? diag_answer_key(a) : "-",
                diag_answer_key(a) ? sh->answers[a].points : 0, text_get(sh->items[i].question, lang));
    }
}

/* ---- the printed sheet ---- */

static void html_row(FILE *f, const DiagSheet *sh, const DiagRecord *d, int i)
{
    const DiagItem *it = &sh->items[i];
    fputs("<tr>", f);
    if (i == 0 || sh->items[i - 1].part != it->part) {
        int rows = 0;
        for (int k = i; k < DIAG_ITEMS && sh->items[k].part == it->part; k++)
            rows++;
        fprintf(f, "<td rowspan=\"%d\" class=\"part\">Part %d<br>%s<br><span class=\"en\">%s</span></td>",
                rows, it->part, PART_JA[it->part - 1], PART_EN[it->part - 1]);
    }
    fprintf(f, "<td class=\"n\">%d</td><td>", it->item);
    report_html_escape(f, it->question.ja);
    fputs("</td>", f);
    for (int a = 0; a < DIAG_ANSWERS; a++)
        fprintf(f, "<td class=\"mark%s\">%s%d</td>", d->answers[i] == a ? " on" : "",
                d->answers[i] == a ? "● " : "", sh->answers[a].points);
    fputs("</tr>\n", f);
}

static void html_head(FILE *f, const DiagSheet *sh)
{
    fputs("<table class=\"sheet\"><thead><tr><th>診断項目<span class=\"en\">Part</span></th>"
          "<th class=\"n\">No</th><th>診断内容 <span class=\"en\">Question</span></th>",
          f);
    for (int a = 0; a < DIAG_ANSWERS; a++) {
        fputs("<th class=\"mark\">", f);
        report_html_escape(f, sh->answers[a].label.ja);
        fputs("<span class=\"en\">", f);
        report_html_escape(f, sh->answers[a].label.en);
        fputs("</span></th>", f);
    }
    fputs("</tr></thead><tbody>\n", f);
}

static void html_totals(FILE *f, const DiagScore *s)
{
    fprintf(f,
            "<table class=\"abc\"><tr><th>A 実施している の合計点<span class=\"en\">A: yes</span></th>"
            "<th>B 一部実施している の合計点<span class=\"en\">B: partly</span></th>"
            "<th>C わからない の合計点<span class=\"en\">C: don't know</span></th>"
            "<th>A+B+C 合計<span class=\"en\">Total</span></th></tr>"
            "<tr><td class=\"n\">%d 点</td><td class=\"n\">%d 点</td><td class=\"n\">%d 点</td>"
            "<td class=\"n total\">%d 点</td></tr></table>\n",
            s->subtotal[DIAG_YES], s->subtotal[DIAG_PARTLY], s->subtotal[DIAG_UNKNOWN], s->total);
}

static void html_band(FILE *f, const DiagBand *b)
{
    if (!b)
        return;
    fprintf(f, "<p class=\"band\"><b>%d〜%d 点: ", b->min, b->max);
    report_html_escape(f, b->title.ja);
    fputs("</b> <span class=\"en\">", f);
    report_html_escape(f, b->title.en);
    fputs("</span><br>", f);
    report_html_escape(f, b->advice.ja);
    fputs("<br><span class=\"en\">", f);
    report_html_escape(f, b->advice.en);
    fputs("</span></p>\n", f);
}

void report_diag_html(FILE *f, const DiagSheet *sh, const DiagRecord *d, const char *date)
{
    fputs("<section class=\"diagnosis\"><h2>情報セキュリティ自社診断 <span class=\"en\">Self-diagnosis"
          "</span></h2>\n",
          f);
    if (!sh || !d) {
        fputs(
            "<p class=\"none\">自社診断はまだ行われていません。 <span class=\"en\">No self-diagnosis has been"
            " recorded yet.</span></p></section>\n",
            f);
        return;
    }
    DiagScore s;
    diag_score(sh, d->scope, d->answers, &s);
    fputs("<p>", f);
    report_html_escape(f, date);
    fputs(" — 回答者 <span class=\"en\">answered by</span> ", f);
    report_html_escape(f, d->code);
    fputs("</p>\n", f);
    html_head(f, sh);
    for (int i = 0; i < DIAG_ITEMS; i++)
        html_row(f, sh, d, i);
    fputs("</tbody></table>\n", f);
    html_totals(f, &s);
    html_band(f, s.band);
    fputs("</section>\n", f);
}
