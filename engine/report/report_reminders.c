/* report_reminders.c — reminder slips (see report_reminders.h). */
#include "report_reminders.h"

#include "civil_date.h"
#include "report_html.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum { DAY = 86400, SLIP_MEASURES = 8 }; /* measures named on a slip; the rest counted */

static const char STYLE[] =
    "@page{size:A4;margin:12mm}"
    "body{font-family:'Noto Sans CJK JP','Noto Sans JP',sans-serif;color:#1b1b1b;margin:0}"
    ".slip{box-sizing:border-box;height:133mm;padding:8mm 10mm;border-bottom:1px dashed #777;"
    "page-break-inside:avoid;break-inside:avoid;font-size:12pt;line-height:1.5}"
    ".slip:nth-child(2n){page-break-after:always;break-after:page;border-bottom:none}"
    "h1{font-size:16pt;margin:0 0 2mm}h2{font-size:14pt;margin:0 0 3mm}"
    ".late{color:#a01c14;font-weight:bold}.co{color:#555;font-size:10pt}"
    "ul{margin:1mm 0 2mm;padding-left:6mm}.start{border:1px solid #999;padding:2mm 4mm}";

typedef struct {
    const ReportModel *m;
    FILE *out;
    bool ja;
} Slip;

static const char *say(const Slip *s, const char *ja, const char *en)
{
    return s->ja ? ja : en;
}

/* The due day of a moment (the end of that day), as the person reads dates. */
static void due_day(const Slip *s, int64_t due, char *buf, size_t size)
{
    int64_t x = due - 1 + s->m->tz_offset, y;
    int mo, d;
    civil_date(x >= 0 ? x / DAY : -((-x + DAY - 1) / DAY), &y, &mo, &d);
    civil_words(y, mo, d, s->ja, true, buf, size);
}

/* "期限 2026年12月5日（3 日過ぎています）" for one course, when it has a deadline and is not done. */
static void due_line(const Slip *s, const char *what, int64_t due, int left)
{
    char day[48];
    if (!due || !left)
        return;
    due_day(s, due, day, sizeof day);
    fprintf(s->out, "<li>%s: %s %s", what, say(s, "期限", "due"), day);
    if (s->m->now >= due)
        fprintf(s->out,
                say(s, "（<span class=\"late\">%d 日過ぎています</span>）",
                    " (<span class=\"late\">%d days past</span>)"),
                deadline_days_late(due, s->m->now));
    else
        fprintf(s->out, say(s, "（あと %d 日）", " (%d days left)"),
                (int)((due - s->m->now + DAY - 1) / DAY));
    fputs("</li>\n", s->out);
}

/* The measures with a lesson or a test not done, the first few by name. */
static void measures_left(const Slip *s, const ReportPerson *p)
{
    int named = 0, rest = 0;
    fprintf(s->out, "<p>%s</p><ul>\n", say(s, "まだの対策:", "Still to do:"));
    for (int i = 0; i < MEASURES; i++) {
        const MeasureStatus *ms = &p->progress.measures[i];
        const ReportMeasure *rm = &s->m->measures[i];
        bool lesson = rm->lesson && !ms->read_at, test = rm->test && !ms->passed_at;
        if (!lesson && !test)
            continue;
        if (named++ >= SLIP_MEASURES) {
            rest++;
            continue;
        }
        const char *title = text_get(rm->title, s->ja ? LANG_JA : LANG_EN);
        fprintf(s->out, "<li>%d. ", i + 1);
        report_html_escape(s->out, title ? title : "");
        fprintf(s->out, "（%s）</li>\n",
                lesson && test ? say(s, "教材とテスト", "lesson and test")
                : lesson       ? say(s, "教材", "lesson")
                               : say(s, "テスト", "test"));
    }
    if (rest)
        fprintf(s->out, say(s, "<li>ほか %d 件</li>\n", "<li>and %d more</li>\n"), rest);
    fputs("</ul>\n", s->out);
}

static void slip(const Slip *s, const ReportPerson *p)
{
    const Progress *pr = &p->progress;
    fputs("<section class=\"slip\">\n<p class=\"co\">", s->out);
    report_html_escape(s->out, s->m->company);
    fprintf(s->out, "</p>\n<h1>%s</h1>\n<h2>",
            say(s, "情報セキュリティ研修のお知らせ", "Security training: a reminder"));
    report_html_escape(s->out, p->who.name);
    fprintf(s->out, "%s", say(s, " さん（", " ("));
    report_html_escape(s->out, p->who.department);
    fprintf(s->out, "%s</h2>\n<ul>\n", say(s, "）", ")"));
    due_line(s, say(s, "5か条の講座", "The five-article course"), p->five_due, p->five_left);
    due_line(s, say(s, "25 の対策すべて", "All 25 measures"), p->all_due, p->lessons_left + p->tests_left);
    if (pr->followup_overdue)
        fprintf(s->out,
                say(s, "<li>復習の問題 %d 問（期限を過ぎています）</li>\n",
                    "<li>%d review questions overdue</li>\n"),
                pr->followup_overdue);
    if (pr->refreshers_due)
        fprintf(s->out,
                say(s, "<li>受け直しの時期が来た対策 %d 件</li>\n", "<li>%d measures due again</li>\n"),
                pr->refreshers_due);
    if (p->blocks_star)
        fprintf(s->out, "<li>%s</li>\n",
                say(s, "宣言書への署名（会社の一つ星の宣言に必要です）",
                    "Signing the five-article pledge (the company's one-star declaration needs it)"));
    fputs("</ul>\n", s->out);
    if (p->lessons_left + p->tests_left)
        measures_left(s, p);
    if (p->minutes_left)
        fprintf(
            s->out,
            say(s, "<p>かかる時間の目安: 約 %d 分（何回かに分けても続きから進められます）</p>\n",
                "<p>About %d minutes in all (you can split it: the kiosk goes on where you left off)</p>\n"),
            p->minutes_left);
    fprintf(s->out, "<p class=\"start\">%s <b>",
            say(s, "キオスクで名前か社員番号", "At the kiosk, tap your name or your code"));
    report_html_escape(s->out, p->who.code);
    fprintf(s->out, "</b> %s</p>\n</section>\n", say(s, "を選んで始めてください。", "to start."));
}

/* Who gets a slip, in order: everyone late (most late first), then those only blocking. Fills
 * order (m->npeople entries at most) and returns how many. */
static int slip_order(const ReportModel *m, int *order)
{
    bool *taken = xcalloc((size_t)m->npeople + 1, sizeof *taken);
    int n = 0;
    for (int i = 0; i < m->nlate; i++)
        taken[m->late[i].person] = true, order[n++] = m->late[i].person;
    for (int i = 0; i < m->nblockers; i++)
        if (!taken[m->blockers[i]])
            taken[m->blockers[i]] = true, order[n++] = m->blockers[i];
    free(taken);
    return n;
}

int report_reminder_count(const ReportModel *m)
{
    int *order = xcalloc((size_t)m->npeople + 1, sizeof *order), n = slip_order(m, order);
    free(order);
    return n;
}

static void slips(const ReportModel *m, const char *code, FILE *out, int *written)
{
    int *order = xcalloc((size_t)m->npeople + 1, sizeof *order), n = 0;
    if (code) {
        for (int i = 0; i < m->npeople; i++)
            if (strcmp(m->people[i].who.code, code) == 0)
                order[n++] = i;
    } else {
        n = slip_order(m, order);
    }
    for (int i = 0; i < n; i++) {
        Slip s = {m, out, m->people[order[i]].who.lang == LANG_JA};
        slip(&s, &m->people[order[i]]);
    }
    *written = n;
    free(order);
}

bool report_reminders(const ReportModel *m, const char *code, FILE *out, Err *e)
{
    int written = 0;
    fprintf(out,
            "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\">"
            "<title>研修のお知らせ Reminders</title><style>%s</style></head><body>\n",
            STYLE);
    slips(m, code, out, &written);
    if (!written && code)
        return err_set(e, "no active person with code '%s' in the report", code);
    if (!written)
        fputs("<p>期限を過ぎた人、一つ星の宣言を待っている人はいません。 Nobody is past due or missing the "
              "pledge.</p>\n",
              out);
    fputs("</body></html>\n", out);
    if (ferror(out))
        return err_set(e, "cannot write the reminder slips: %s", strerror(errno));
    return true;
}
