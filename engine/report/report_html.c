/* report_html.c — the printable HTML report. Sections in page order: header, totals, by
 * department, by measure, overdue, people, person × measure, record chain. Every value goes
 * through report_html_escape; only literal markup from this file is written unescaped. */
#include "report_html.h"
#include "report_diagnosis.h"
#include "utf8.h"

#include <errno.h>
#include <string.h>

static const char STYLE[] =
    "@page{size:A4;margin:12mm 10mm}"
    "*{box-sizing:border-box}"
    "body{font-family:'Noto Sans CJK JP','Noto Sans JP','Hiragino Sans','Yu Gothic',Meiryo,"
    "sans-serif;font-size:9.5pt;line-height:1.45;color:#1F2630;background:#fff;margin:0 auto;"
    "max-width:190mm;padding:6mm 0}"
    "h1{font-size:16pt;margin:0 0 2mm;color:#1D5C7A}"
    "h2{font-size:11.5pt;margin:7mm 0 2mm;padding-bottom:1mm;border-bottom:2px solid #1D5C7A;"
    "break-after:avoid;page-break-after:avoid}"
    ".en{color:#4A5563;font-weight:normal;font-size:.86em}"
    ".meta{display:grid;grid-template-columns:auto 1fr;gap:.5mm 4mm;margin:0}"
    ".meta dt{color:#4A5563}.meta dd{margin:0}"
    ".demo{border:0.6mm solid #B45309;padding:2mm;margin:3mm 0}"
    ".cards{display:flex;gap:3mm;margin:4mm 0 0}"
    ".card{flex:1;border:1px solid #B8BFC7;border-radius:2mm;padding:2mm 3mm}"
    ".card .en{display:block}"
    ".card b{display:block;font-size:15pt;color:#1D5C7A}"
    ".verdict{margin:4mm 0 0;padding:2.5mm 3mm;border-radius:2mm;font-weight:bold}"
    ".ready{background:#DFF0E4;color:#1E6B3A}.notready{background:#F8E1DD;color:#A32A1C}"
    "table{border-collapse:collapse;width:100%;margin:1mm 0}"
    "thead{display:table-header-group}"
    "tr{break-inside:avoid;page-break-inside:avoid}"
    "th,td{border:1px solid #B8BFC7;padding:.6mm 1.5mm;text-align:left;vertical-align:top}"
    "th{background:#DCEBF1;font-weight:bold}"
    "th .en{display:block}"
    "td.n,th.n{text-align:right;white-space:nowrap}"
    ".chart{margin:1mm 0 2mm}"
    ".keep{break-inside:avoid;page-break-inside:avoid}"
    ".nw{white-space:nowrap}"
    ".chart svg{width:100%;height:auto;display:block}"
    "svg text{font-size:11px;fill:#1F2630}"
    ".legend{font-size:8.5pt;color:#4A5563;margin:0;break-after:avoid;page-break-after:avoid}"
    ".key{display:inline-block;width:3mm;height:3mm;margin:0 1mm 0 3mm;vertical-align:-.3mm}"
    ".matrix{table-layout:fixed;font-size:7.5pt}"
    ".matrix th,.matrix td{padding:.3mm .2mm;text-align:center;overflow:hidden;white-space:nowrap}"
    ".matrix td.who{text-align:left;padding-left:1mm;text-overflow:ellipsis}"
    ".s-p{background:#DFF0E4;color:#1E6B3A}.s-x{background:#F8E1DD;color:#A32A1C}"
    ".s-r{background:#DCEBF1;color:#1D5C7A}.s-n{color:#4A5563}"
    ".late td.days{font-weight:bold;color:#A32A1C}"
    ".hash{font-family:'Noto Sans Mono','DejaVu Sans Mono',monospace;word-break:break-all}"
    ".warn{color:#A32A1C;font-weight:bold}"
    ".broken{border:3px solid #A32A1C;color:#A32A1C;font-weight:bold;padding:3mm;margin:0 0 4mm}"
    ".none{color:#4A5563}"
    ".diagnosis{break-before:page;page-break-before:always}"
    ".sheet{font-size:8pt}.sheet td,.sheet th{padding:.4mm 1mm}"
    ".sheet .mark{text-align:center;white-space:nowrap;width:13mm}"
    ".sheet .on{background:#DCEBF1;font-weight:bold}"
    ".sheet .part{font-weight:bold;width:22mm}"
    ".abc td{font-size:11pt}.abc .total{font-weight:bold;color:#1D5C7A}"
    ".band{margin:2mm 0 0;padding:2mm 3mm;background:#DCEBF1;border-radius:2mm}";

static const char *const ROLE_JA[] = {"社員", "管理者", "社長"}; /* Role */

/* ---- escaping ---- */

static void escape_char(FILE *out, const char *s, int len)
{
    switch (s[0]) {
    case '&':
        fputs("&amp;", out);
        break;
    case '<':
        fputs("&lt;", out);
        break;
    case '>':
        fputs("&gt;", out);
        break;
    case '"':
        fputs("&quot;", out);
        break;
    case '\'':
        fputs("&#39;", out);
        break;
    default:
        if ((unsigned char)s[0] < 0x20 || s[0] == 0x7f)
            fputc(' ', out); /* controls would be parse errors: a space */
        else
            fwrite(s, 1, (size_t)len, out);
    }
}

/* At most max code points of s (max < 0: all), "…" when cut. */
static void escape_max(FILE *out, const char *s, int max)
{
    size_t n = strlen(s);
    int count = 0;
    for (size_t i = 0; i < n; count++) {
        uint32_t cp;
        size_t left = n - i;
        int len = utf8_decode(s + i, left > 4 ? 4 : (int)left, &cp);
        if (max >= 0 && count == max) {
            fputs("…", out);
            return;
        }
        if (len < 0)
            fputs("\xEF\xBF\xBD", out), len = 1;
        else
            escape_char(out, s + i, len);
        i += (size_t)len;
    }
}

void report_html_escape(FILE *out, const char *s)
{
    escape_max(out, s ? s : "", -1);
}

/* ---- small pieces ---- */

/* "日本語 <span class=en>English</span>" */
static void label(FILE *out, const char *ja, const char *en)
{
    fprintf(out, "%s <span class=\"en\">%s</span>", ja, en);
}

/* Rounded, but 100% only when complete and 0% only when none. */
static int percent(double share)
{
    int p = (int)(share * 100.0 + 0.5);
    return p == 100 && share < 1.0 ? 99 : p == 0 && share > 0.0 ? 1 : p;
}

static void td_text(FILE *out, const char *s)
{
    fputs("<td>", out);
    report_html_escape(out, s);
    fputs("</td>", out);
}

static void td_num(FILE *out, int v)
{
    fprintf(out, "<td class=\"n\">%d</td>", v);
}

static void td_count_share(FILE *out, int part, double share)
{
    fprintf(out, "<td class=\"n\">%d (%d%%)</td>", part, percent(share));
}

static void th_row(FILE *out, const char *const heads[][2], int n, int first_numeric)
{
    fputs("<thead><tr>", out);
    for (int i = 0; i < n; i++) {
        fputs(i >= first_numeric ? "<th class=\"n\">" : "<th>", out);
        label(out, heads[i][0], heads[i][1]);
        fputs("</th>", out);
    }
    fputs("</tr></thead>\n", out);
}

static void section(FILE *out, const char *ja, const char *en)
{
    fputs("<h2>", out);
    label(out, ja, en);
    fputs("</h2>\n", out);
}

/* ---- header and totals ---- */

static void meta_row(FILE *out, const char *ja, const char *en, const char *value)
{
    fputs("<dt>", out);
    label(out, ja, en);
    fputs("</dt><dd>", out);
    report_html_escape(out, value);
    fputs("</dd>\n", out);
}

/* A record that failed its check says so before anything else, at the top of the first page. */
static void html_broken(FILE *out, const ReportModel *m)
{
    const VerifyResult *c = &m->chain;
    if (!m->chain_checked || c->ok)
        return;
    if (c->key_missing)
        fputs("<p class=\"broken\" role=\"alert\" id=\"broken\">⚠ 記録を確かめられませんでした"
              " <span class=\"en\">THE RECORD COULD NOT BE CHECKED</span>: ",
              out);
    else
        fprintf(out,
                "<p class=\"broken\" role=\"alert\" id=\"broken\">⚠ "
                "記録が壊れています。この報告書の数字は信頼できません"
                " <span class=\"en\">THE RECORD IS BROKEN: the figures below cannot be trusted</span>."
                " 記録 %lld <span class=\"en\">record %lld</span>: ",
                (long long)c->bad_seq, (long long)c->bad_seq);
    report_html_escape(out, c->what);
    fputs(" <code>mamori verify</code></p>\n", out);
}

static void html_header(FILE *out, const ReportModel *m)
{
    char when[40];
    report_print_datetime(m, m->now, when, sizeof when);
    fputs("<header><h1>", out);
    if (m->company[0]) {
        report_html_escape(out, m->company);
        fputs(" ", out);
    }
    label(out, "研修実施状況報告書", "Training completion report");
    fputs("</h1>\n<dl class=\"meta\">\n", out);
    meta_row(out, "作成日時", "Generated", when);
    meta_row(out, "対象部署", "Department", m->department[0] ? m->department : "全部署 All");
    meta_row(out, "教材の版", "Content version", m->content_version[0] ? m->content_version : "-");
    fputs("</dl>\n", out);
    if (m->ndemo)
        fprintf(out,
                "<p class=\"demo\"><strong>見本の人（デモ）が %d 人含まれています。</strong> "
                "<span class=\"en\">This report includes %d sample (demo) people.</span></p>\n",
                m->ndemo, m->ndemo);
    fputs("</header>\n", out);
    html_broken(out, m);
}

/* ---- one-star readiness ---- */

/* The person of this code in the report, or NULL (another department). */
static const ReportPerson *person_by_code(const ReportModel *m, const char *code)
{
    for (int i = 0; i < m->npeople; i++)
        if (strcmp(m->people[i].who.code, code) == 0)
            return &m->people[i];
    return NULL;
}

enum { MISSING_SHOWN = 20 };

static void readiness_missing(FILE *out, const ReportModel *m)
{
    const PledgeReadiness *r = &m->readiness;
    if (!r->nmissing)
        return;
    fputs("<br>", out);
    label(out, "未署名", "Not signed");
    fputs(": ", out);
    for (int i = 0; i < r->nmissing && i < MISSING_SHOWN; i++) {
        const ReportPerson *p = person_by_code(m, r->missing[i]);
        fputs(i ? "、" : "", out);
        report_html_escape(out, r->missing[i]);
        if (p)
            fputs(" ", out), report_html_escape(out, p->who.name);
    }
    if (r->nmissing > MISSING_SHOWN)
        fprintf(out, " ほか %d 人 <span class=\"en\">and %d more</span>", r->nmissing - MISSING_SHOWN,
                r->nmissing - MISSING_SHOWN);
}

static void html_readiness(FILE *out, const ReportModel *m)
{
    const PledgeReadiness *r = &m->readiness;
    fprintf(out, "<div class=\"verdict %s\">", r->ready ? "ready" : "notready");
    label(out, "一つ星宣言", "One-star declaration");
    fputs(r->ready ? ": ✓ 準備完了 <span class=\"en\">ready</span>"
                   : ": × まだです <span class=\"en\">not ready</span>",
          out);
    if (!m->pledge_version) {
        fputs(" — 宣言書の教材がありません <span class=\"en\">the content has no pledge text</span>"
              "</div>\n",
              out);
        return;
    }
    fprintf(out,
            " — 最新の宣言書 (第%d版) に署名 <span class=\"en\">signed the current"
            " pledge</span>: %d / %d 人 <span class=\"en\">(whole company)</span>;"
            " 社長 <span class=\"en\">president</span>: %s",
            m->pledge_version, r->signed_people, r->people,
            r->president_signed ? "✓ 署名済み signed" : "× 未署名 not signed");
    readiness_missing(out, m);
    fputs("</div>\n", out);
}

static void card(FILE *out, const char *ja, const char *en, const char *value)
{
    fputs("<div class=\"card\">", out);
    label(out, ja, en);
    fprintf(out, "<b>%s</b></div>\n", value);
}

static void html_totals(FILE *out, const ReportModel *m)
{
    const ReportGroup *t = &m->total;
    char v[64];
    fputs("<div class=\"cards\">\n", out);
    snprintf(v, sizeof v, "%d", t->people);
    card(out, "対象者", "People", v);
    snprintf(v, sizeof v, "%d (%d%%)", t->finished, percent(report_share(t->finished, t->people)));
    card(out, "修了", "Finished", v);
    snprintf(v, sizeof v, "%d%%", percent(report_read_share(m, t)));
    card(out, "教材既読", "Lessons read", v);
    snprintf(v, sizeof v, "%d%%", percent(report_passed_share(m, t)));
    card(out, "テスト合格", "Tests passed", v);
    snprintf(v, sizeof v, "%d", t->late);
    card(out, "期限超過・未修了", "Overdue", v);
    fputs("</div>\n", out);
}

/* ---- charts ---- */

static void legend(FILE *out)
{
    fputs("<p class=\"legend\"><span class=\"key\" style=\"background:#8FB8CB\"></span>", out);
    label(out, "教材既読", "lessons read");
    fputs("<span class=\"key\" style=\"background:#1D5C7A\"></span>", out);
    label(out, "テスト合格", "tests passed");
    fputs("</p>\n", out);
}

enum { HBAR_X = 170, HBAR_W = 440, HBAR_ROW = 34 };

/* One horizontal bar with its track and its percentage. */
static void hbar(FILE *out, int y, double share, const char *colour)
{
    fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"11\" fill=\"#E1E4E8\"/>", HBAR_X, y, HBAR_W);
    fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"11\" fill=\"%s\"/>", HBAR_X, y,
            share * HBAR_W, colour);
    fprintf(out, "<text x=\"%d\" y=\"%d\">%d%%</text>\n", HBAR_X + HBAR_W + 6, y + 10, percent(share));
}

static void department_chart(FILE *out, const ReportModel *m)
{
    int h = m->ndepartments * HBAR_ROW + 4;
    fprintf(out,
            "<div class=\"chart\"><svg viewBox=\"0 0 660 %d\" role=\"img\""
            " aria-label=\"completion by department\">\n",
            h);
    for (int i = 0; i < m->ndepartments; i++) {
        const ReportGroup *g = &m->departments[i];
        int y = i * HBAR_ROW + 4;
        fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", HBAR_X - 8, y + 17);
        escape_max(out, g->name[0] ? g->name : "-", 13);
        fputs("</text>\n", out);
        hbar(out, y, report_read_share(m, g), "#8FB8CB");
        hbar(out, y + 13, report_passed_share(m, g), "#1D5C7A");
    }
    fputs("</svg></div>\n", out);
}

enum { COL_X0 = 44, COL_W = 25, COL_TOP = 14, COL_H = 150 };

static void column_grid(FILE *out)
{
    for (int p = 0; p <= 100; p += 25) {
        int y = COL_TOP + COL_H - COL_H * p / 100;
        fprintf(out,
                "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#B8BFC7\""
                " stroke-width=\"%s\"/>",
                COL_X0, COL_X0 + COL_W * MEASURES, y, y, p ? "0.5" : "1");
        fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d%%</text>\n", COL_X0 - 4, y + 4, p);
    }
}

static void column(FILE *out, int x, double share, const char *colour)
{
    double h = share * COL_H;
    fprintf(out, "<rect x=\"%d\" y=\"%.1f\" width=\"10\" height=\"%.1f\" fill=\"%s\"/>", x,
            COL_TOP + COL_H - h, h, colour);
}

static void measure_chart(FILE *out, const ReportModel *m)
{
    int people = m->total.people;
    fprintf(out,
            "<div class=\"chart\"><svg viewBox=\"0 0 %d %d\" role=\"img\""
            " aria-label=\"completion by measure\">\n",
            COL_X0 + COL_W * MEASURES + 6, COL_TOP + COL_H + 22);
    column_grid(out);
    for (int i = 0; i < MEASURES; i++) {
        const ReportMeasure *rm = &m->measures[i];
        int x = COL_X0 + i * COL_W + 2;
        column(out, x, report_share(rm->read, people), "#8FB8CB");
        column(out, x + 11, report_share(rm->passed, people), "#1D5C7A");
        fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d</text>\n", x + 10,
                COL_TOP + COL_H + 16, i + 1);
    }
    fputs("</svg></div>\n", out);
}

/* ---- tables ---- */

static void department_table(FILE *out, const ReportModel *m)
{
    static const char *const heads[][2] = {
        {"部署", "Department"},         {"人数", "People"},
        {"修了", "Finished"},           {"教材既読", "Lessons read"},
        {"テスト合格", "Tests passed"}, {"フォロー超過", "Follow-ups overdue"},
        {"再受講", "Refresher due"},    {"期限超過", "Overdue"}};
    fputs("<table>\n", out);
    th_row(out, heads, 8, 1);
    fputs("<tbody>\n", out);
    for (int i = 0; i <= m->ndepartments; i++) {
        const ReportGroup *g = i < m->ndepartments ? &m->departments[i] : &m->total;
        fputs(i < m->ndepartments ? "<tr>" : "<tr><th>", out);
        if (i < m->ndepartments)
            td_text(out, g->name);
        else
            label(out, "合計", "Total"), fputs("</th>", out);
        td_num(out, g->people);
        td_count_share(out, g->finished, report_share(g->finished, g->people));
        td_count_share(out, g->lessons_read, report_read_share(m, g));
        td_count_share(out, g->tests_passed, report_passed_share(m, g));
        td_num(out, g->followups_overdue);
        td_num(out, g->refreshers_due);
        td_num(out, g->late);
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
}

static void measure_title(FILE *out, const ReportMeasure *rm)
{
    fputs("<td>", out);
    if (rm->title.ja) {
        report_html_escape(out, rm->title.ja);
        fputs(" <span class=\"en\">", out);
        report_html_escape(out, rm->title.en);
        fputs("</span>", out);
    } else if (!rm->lesson && !rm->test) {
        label(out, "(教材なし)", "(no content)");
    }
    fputs("</td>", out);
}

static void measure_table(FILE *out, const ReportModel *m)
{
    static const char *const heads[][2] = {{"No.", ""},
                                           {"対策", "Measure"},
                                           {"教材既読", "Read"},
                                           {"テスト合格", "Passed"},
                                           {"再受講", "Refresher due"}};
    int people = m->total.people;
    fputs("<table>\n", out);
    th_row(out, heads, 5, 2);
    fputs("<tbody>\n", out);
    for (int i = 0; i < MEASURES; i++) {
        const ReportMeasure *rm = &m->measures[i];
        fprintf(out, "<tr><td class=\"n\">%d</td>", i + 1);
        measure_title(out, rm);
        td_count_share(out, rm->read, report_share(rm->read, people));
        td_count_share(out, rm->passed, report_share(rm->passed, people));
        td_num(out, rm->refreshers_due);
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
}

/* A number, or an empty cell for 0 (the overdue list shows only what is late). */
static void td_late(FILE *out, int v)
{
    if (v)
        td_num(out, v);
    else
        fputs("<td></td>", out);
}

static void td_date(FILE *out, const ReportModel *m, int64_t t)
{
    char date[40];
    report_print_date(m, t, date, sizeof date);
    fprintf(out, "<td class=\"nw\">%s</td>", date[0] ? date : "-");
}

static void late_row(FILE *out, const ReportModel *m, const ReportLate *l)
{
    const ReportPerson *p = &m->people[l->person];
    const Progress *pr = &p->progress;
    fprintf(out, "<tr><td class=\"days n\">%d日 <span class=\"en\">days</span></td>", report_days_late(m, l));
    td_text(out, p->who.code);
    td_text(out, p->who.name);
    td_text(out, p->who.department);
    td_late(out, l->reasons & (LATE_FIVE | LATE_ALL) ? p->lessons_left : 0);
    td_late(out, l->reasons & (LATE_FIVE | LATE_ALL) ? p->tests_left : 0);
    td_late(out, l->reasons & LATE_FOLLOWUP ? pr->followup_overdue : 0);
    td_late(out, l->reasons & LATE_REFRESHER ? pr->refreshers_due : 0);
    td_date(out, m, l->since);
    td_date(out, m, pr->last_activity);
    fputs("</tr>\n", out);
}

static void overdue_table(FILE *out, const ReportModel *m)
{
    static const char *const heads[][2] = {{"遅れ", "Late"},
                                           {"社員番号", "Code"},
                                           {"氏名", "Name"},
                                           {"部署", "Dept."},
                                           {"残り教材", "Lessons"},
                                           {"残りテスト", "Tests"},
                                           {"フォロー", "Follow-ups"},
                                           {"再受講", "Refresh"},
                                           {"期限", "Due"},
                                           {"最終活動", "Last activity"}};
    if (!m->nlate) {
        fputs("<p class=\"none\">", out);
        label(out, "期限超過・未修了の人はいません。", "Nobody is late.");
        fputs("</p>\n", out);
        return;
    }
    fputs("<p class=\"legend\">", out);
    label(out,
          "期限を過ぎた日数の長い順。残り: まだの教材・テスト（5か条の講座か全25対策の期限を過ぎた人）。"
          "フォロー: 7日以上期限を過ぎた問題。再受講: 期限の来た対策。期限: 過ぎた期限のうち最も古いもの。",
          "Most days past due first. Left: lessons and tests not done (for someone past the due date of the"
          " five-article course or of all 25). Follow-ups: questions overdue by more than 7 days. Refresh:"
          " measures due again. Due: the oldest due date passed.");
    fputs("</p>\n<table class=\"late\">\n", out);
    th_row(out, heads, 10, 4);
    fputs("<tbody>\n", out);
    for (int i = 0; i < m->nlate; i++)
        late_row(out, m, &m->late[i]);
    fputs("</tbody></table>\n", out);
}

static void pledge_td(FILE *out, const ReportModel *m, const Progress *pr)
{
    int64_t when;
    char state = report_pledge(pr, &when), date[40];
    report_print_date(m, when, date, sizeof date);
    if (state == 'n')
        fprintf(out, "<td class=\"s-n\">%s</td>", report_pledge_word(state));
    else
        fprintf(out, "<td class=\"nw %s\">%s %s</td>", state == 's' ? "s-p" : "s-x",
                report_pledge_word(state), date);
}

static void person_row(FILE *out, const ReportModel *m, const ReportPerson *p)
{
    const Progress *pr = &p->progress;
    fputs("<tr>", out);
    td_text(out, p->who.code);
    td_text(out, p->who.name);
    td_text(out, p->who.department);
    td_text(out, ROLE_JA[p->who.role]);
    pledge_td(out, m, pr);
    fprintf(out, "<td class=\"n\">%d/%d</td><td class=\"n\">%d/%d</td>", pr->lessons_read, m->lessons_offered,
            pr->tests_passed, m->tests_offered);
    fprintf(out, "<td class=\"n\">%d/%d</td>", pr->followup_due, pr->followup_overdue);
    td_num(out, pr->refreshers_due);
    td_date(out, m, pr->last_activity);
    fputs("</tr>\n", out);
}

static void people_table(FILE *out, const ReportModel *m)
{
    static const char *const heads[][2] = {{"社員番号", "Code"},  {"氏名", "Name"},
                                           {"部署", "Dept."},     {"役割", "Role"},
                                           {"宣言", "Pledge"},    {"既読", "Read"},
                                           {"合格", "Passed"},    {"フォロー", "Due/overdue"},
                                           {"再受講", "Refresh"}, {"最終活動", "Last activity"}};
    fputs("<table>\n", out);
    th_row(out, heads, 10, 5);
    fputs("<tbody>\n", out);
    for (int i = 0; i < m->npeople; i++)
        person_row(out, m, &m->people[i]);
    fputs("</tbody></table>\n", out);
}

static void matrix_cell(FILE *out, const ReportPerson *p, int i)
{
    int64_t when;
    char s = report_state(&p->progress.measures[i], &when);
    if (s == 'p' && p->progress.refresh[i] != REFRESH_NONE)
        fputs("<td class=\"s-x\">再</td>", out);
    else
        fprintf(out, "<td class=\"s-%c\">%s</td>", s, report_state_word(s));
}

static void matrix_table(FILE *out, const ReportModel *m)
{
    fputs("<p class=\"legend\">合 = 合格 passed ・ 再 = 合格・再受講期限 passed, refresher due ・"
          " 読 = 教材既読 read ・ 未 = 未着手 not started</p>\n",
          out);
    fputs("<table class=\"matrix\"><colgroup><col style=\"width:14mm\"><col style=\"width:30mm\">", out);
    fputs("</colgroup>\n<thead><tr><th>", out);
    label(out, "番号", "Code");
    fputs("</th><th>", out);
    label(out, "氏名", "Name");
    fputs("</th>", out);
    for (int i = 1; i <= MEASURES; i++)
        fprintf(out, "<th>%d</th>", i);
    fputs("</tr></thead>\n<tbody>\n", out);
    for (int k = 0; k < m->npeople; k++) {
        const ReportPerson *p = &m->people[k];
        fputs("<tr><td class=\"who\">", out);
        report_html_escape(out, p->who.code);
        fputs("</td><td class=\"who\">", out);
        report_html_escape(out, p->who.name);
        fputs("</td>", out);
        for (int i = 0; i < MEASURES; i++)
            matrix_cell(out, p, i);
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
}

/* ---- the record chain ---- */

static void html_chain(FILE *out, const ReportModel *m)
{
    const VerifyResult *c = &m->chain;
    section(out, "記録の検証", "Record chain");
    if (!m->chain_checked) {
        fputs("<p class=\"warn\">", out);
        label(out, "この報告書の作成時には記録を検証していません。", "Not verified for this report.");
        fputs(" <code>mamori verify</code></p>\n", out);
        return;
    }
    if (!c->ok) {
        fprintf(out,
                "<p class=\"warn\">記録 %lld に問題があります <span class=\"en\">record %lld"
                " fails</span>: ",
                (long long)c->bad_seq, (long long)c->bad_seq);
        report_html_escape(out, c->what);
        fprintf(out,
                " (%lld 件は正常 <span class=\"en\">records before it intact</span>)."
                " <code>mamori verify</code></p>\n",
                (long long)c->count);
        return;
    }
    fprintf(out,
            "<p>%lld 件の記録のつながり（ハッシュの連鎖）を検証しました <span class=\"en\">records in"
            " the hash chain verified</span>. 表と記録の照合は <code>mamori verify</code> で行います"
            " <span class=\"en\">(tables against records: mamori verify)</span>.<br>",
            (long long)c->count);
    label(out, "最新記録のハッシュ", "Head hash");
    fputs(": <span class=\"hash\">", out);
    report_html_escape(out, c->count ? c->head : "-");
    fputs("</span></p>\n", out);
    if (!c->count)
        return;
    fputs("<p>", out);
    label(out,
          "アンカー（印刷して保管してください。後から記録が削られたり書き換えられたりしていないかを確かめられ"
          "ます）",
          "Anchor (keep this page: it shows later whether records were cut off or rewritten)");
    fprintf(out,
            ": <span class=\"hash\" id=\"anchor\">%lld:%s</span><br><code>mamori verify --anchor "
            "%lld:%s</code></p>\n",
            (long long)c->count, c->head, (long long)c->count, c->head);
}

/* ---- the self-diagnosis (its own A4 page) ---- */

static void html_diagnosis(FILE *out, const ReportModel *m)
{
    const DiagRecord *d = m->ndiagnoses ? &m->diagnoses[m->ndiagnoses - 1] : NULL;
    char date[40] = "";
    if (d)
        report_print_datetime(m, d->time, date, sizeof date);
    report_diag_html(out, m->diag_sheet, d, date);
}

/* ---- the page ---- */

static void html_body(FILE *out, const ReportModel *m)
{
    html_header(out, m);
    html_readiness(out, m);
    html_totals(out, m);
    if (!m->npeople) {
        fputs("<p class=\"none\">", out);
        label(out, "対象の社員がいません。", "No active employee to report on.");
        fputs("</p>\n", out);
        html_chain(out, m);
        html_diagnosis(out, m);
        return;
    }
    fputs("<section class=\"keep\">", out);
    section(out, "部署別の状況", "By department");
    legend(out);
    department_chart(out, m);
    fputs("</section>\n", out);
    department_table(out, m);
    fputs("<section class=\"keep\">", out);
    section(out, "対策別の状況", "By measure");
    legend(out);
    measure_chart(out, m);
    fputs("</section>\n", out);
    measure_table(out, m);
    section(out, "期限超過・未修了", "Overdue and not finished");
    overdue_table(out, m);
    section(out, "個人別の状況", "People");
    people_table(out, m);
    section(out, "個人別・対策別", "Each person, each measure");
    matrix_table(out, m);
    items_html(&m->items, out);
    html_chain(out, m);
    html_diagnosis(out, m);
}

bool report_html_diagnosis(const ReportModel *m, FILE *out, Err *e)
{
    errno = 0;
    fputs("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<title>情報セキュリティ自社診断 Self-diagnosis</title>\n",
          out);
    fprintf(out, "<style>%s.diagnosis{break-before:auto;page-break-before:auto}</style>\n</head>\n<body>\n",
            STYLE);
    html_header(out, m);
    html_diagnosis(out, m);
    fputs("</body>\n</html>\n", out);
    if (fflush(out) != 0 || ferror(out))
        return err_set(e, "could not write the diagnosis page: %s", strerror(errno ? errno : EIO));
    return true;
}

bool report_html(const ReportModel *m, FILE *out, Err *e)
{
    errno = 0;
    fputs("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width\">\n"
          "<title>研修実施状況報告書 Training completion report</title>\n",
          out);
    fprintf(out, "<style>%s</style>\n</head>\n<body>\n", STYLE);
    html_body(out, m);
    fputs("</body>\n</html>\n", out);
    if (fflush(out) != 0 || ferror(out))
        return err_set(e, "could not write the report: %s", strerror(errno ? errno : EIO));
    return true;
}
