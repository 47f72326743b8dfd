/* bank_check.c — the bank's shape and its cues (rules in bank_check.h, the same as
 * tools/bankcheck.py). Ratios are computed as bankcheck.py computes them (mean of the wrong
 * lengths first, then right / mean, in doubles), so both tools agree at the edges (0.80, 1.25).
 * Word boundaries (R4 and R7's English words) follow Python's \b: a letter, digit or _ of any
 * script is part of a word; spaces and punctuation (ASCII, Latin-1, U+2000–U+206F, CJK and
 * full-width punctuation) are not. */
#include "bank_check.h"
#include "utf8.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The five-article measures need a bigger pool. */
enum { POOL_MIN = 10, POOL_MIN_ARTICLE = 12 };
static const double RATIO_MIN = 0.80, RATIO_MAX = 1.25, EXTREME_MAX = 0.4, FIRST_MAX = 0.5;
static const char *const LANG_NAME[2] = {"ja", "en"};
/* A draw under BANK_DRAW or a pass mark under BANK_PASS_PERCENT breaks the rule: an error. */
static const BankSeverity BELOW_RULE = BANK_ERROR;

/* R4: reason clauses. Japanese: plain substrings; English: whole words, any case. */
static const char *const REASON_JA[] = {"ので", "ため、", "ために", "から、", NULL};
static const char *const REASON_EN[] = {"because", "since", "so that", "as it", "as they", NULL};
/* R7: negative stems. Substrings, except the whole word NOT (capitals). */
static const char *const NEGATIVE[] = {"ではない",   "てはいけない", "いけないもの",
                                       "べきでない", "誤っている",   "間違っている",
                                       "not true",   "incorrect",    NULL};

typedef struct {
    const Content *c;
    const Pool *p;
    BankShape *sh;
    BankReport *r;
    bool strict;
} Checker;

/* ---- text ---- */

static bool is_space(uint32_t cp)
{
    return (cp >= 9 && cp <= 13) || (cp >= 0x1c && cp <= 0x20) || cp == 0x85 || cp == 0xa0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f ||
           cp == 0x3000;
}

int bank_text_length(const char *t)
{
    int n = 0, last = 0, len = (int)strlen(t);
    bool started = false;
    for (int i = 0; i < len;) {
        uint32_t cp = 0xfffd;
        int k = utf8_decode(t + i, len - i, &cp);
        i += k > 0 ? k : 1;
        if (!started && is_space(cp))
            continue;
        started = true;
        n++;
        if (!is_space(cp))
            last = n;
    }
    return last;
}

static bool is_word_cp(uint32_t cp)
{
    if (cp < 0x80)
        return isalnum((int)cp) || cp == '_';
    return !(cp <= 0xbf || (cp >= 0x2000 && cp <= 0x206f) || (cp >= 0x3000 && cp <= 0x303f) ||
             (cp >= 0xff00 && cp <= 0xff0f) || (cp >= 0xff1a && cp <= 0xff20) || is_space(cp));
}

/* The code point that ends just before s + at (at > 0). */
static uint32_t cp_before(const char *s, size_t at)
{
    size_t i = at - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80)
        i--;
    uint32_t cp = 0xfffd;
    utf8_decode(s + i, (int)(at - i), &cp);
    return cp;
}

static bool word_at(const char *s, size_t at, size_t n)
{
    uint32_t after = 0xfffd;
    bool end_ok = !s[at + n] ||
                  (utf8_decode(s + at + n, (int)strnlen(s + at + n, 4), &after) > 0 && !is_word_cp(after));
    return end_ok && (at == 0 || !is_word_cp(cp_before(s, at)));
}

/* word in s as a whole word; any case when fold. */
static bool has_word(const char *s, const char *word, bool fold)
{
    size_t n = strlen(word);
    for (size_t at = 0; s[at]; at++) {
        bool same = fold ? strncasecmp(s + at, word, n) == 0 : strncmp(s + at, word, n) == 0;
        if (same && word_at(s, at, n))
            return true;
    }
    return false;
}

static bool has_any(const char *s, const char *const *subs)
{
    for (int i = 0; subs[i]; i++)
        if (strstr(s, subs[i]))
            return true;
    return false;
}

static bool has_reason(const char *s, Lang lang)
{
    if (lang == LANG_JA)
        return has_any(s, REASON_JA);
    for (int i = 0; REASON_EN[i]; i++)
        if (has_word(s, REASON_EN[i], true))
            return true;
    return false;
}

static bool negative_stem(const char *s)
{
    return has_any(s, NEGATIVE) || has_word(s, "NOT", false);
}

/* ---- findings ---- */

static void add(Checker *k, BankSeverity sev, Pos at, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void add(Checker *k, BankSeverity sev, Pos at, const char *rule, const char *fmt, ...)
{
    BankReport *r = k->r;
    char what[440];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (k->strict)
        sev = BANK_ERROR;
    if (r->nfindings == r->capfindings) {
        r->capfindings = r->capfindings ? 2 * r->capfindings : 32;
        r->findings = xrealloc(r->findings, (size_t)r->capfindings * sizeof *r->findings);
    }
    BankFinding *f = &r->findings[r->nfindings++];
    f->severity = sev;
    snprintf(f->rule, sizeof f->rule, "%s", rule);
    Err e;
    err_at(&e, at, "%s%s [%s]", sev == BANK_WARNING ? "warning: " : "", what, rule);
    snprintf(f->msg, sizeof f->msg, "%s", e.msg);
    *(sev == BANK_WARNING ? &r->warnings : &r->errors) += 1;
}

/* ---- R1: size, draw, pass mark ---- */

static bool article_measure(int m)
{
    return m == 1 || m == 2 || m == 3 || m == 4 || m == 6;
}

static void check_size(Checker *k)
{
    const Pool *p = k->p;
    int need = article_measure(p->measure) ? POOL_MIN_ARTICLE : POOL_MIN;
    if (p->nquestions < need)
        add(k, BANK_WARNING, p->at, "R1", "the pool of measure %d has %d questions; it needs %d%s",
            p->measure, p->nquestions, need, need == POOL_MIN_ARTICLE ? " (one of the five articles)" : "");
    if (p->draw != BANK_DRAW)
        add(k, p->draw < BANK_DRAW ? BELOW_RULE : BANK_WARNING, p->draw_at, "R1",
            "'draw' is %d: every test draws %d questions", p->draw, BANK_DRAW);
    if (p->pass_percent != BANK_PASS_PERCENT)
        add(k, p->pass_percent < BANK_PASS_PERCENT ? BELOW_RULE : BANK_WARNING, p->pass_at, "R1",
            "'pass_percent' is %d: every test passes at %d %%", p->pass_percent, BANK_PASS_PERCENT);
}

/* ---- single questions: R2, and the counts for R3 and R8 ---- */

static void list_lengths(char *buf, size_t size, const int *v, int n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, i ? ", %d" : "%d", v[i]);
}

static double single_lang(Checker *k, const Question *q, Lang lang)
{
    int rl = 0, wl[8], nw = 0, sum = 0, wmax = -1, wmin = 1 << 30;
    for (int i = 0; i < q->nchoices; i++) {
        int len = bank_text_length(text_get(q->choices[i].text, lang));
        if (q->choices[i].correct)
            rl = len;
        else if (nw < 8) {
            wl[nw++] = len, sum += len;
            wmax = len > wmax ? len : wmax, wmin = len < wmin ? len : wmin;
        }
    }
    if (nw == 0 || sum == 0)
        return -1;
    double r = rl / ((double)sum / nw);
    k->sh->right_longest[lang] += rl > wmax;
    k->sh->right_shortest[lang] += rl < wmin;
    if (r < RATIO_MIN || r > RATIO_MAX) {
        char list[80];
        list_lengths(list, sizeof list, wl, nw);
        add(k, BANK_WARNING, q->at, "R2",
            "%s: in %s the right choice is %.2f times as long as the wrong ones on average (right %d, wrong "
            "%s): "
            "keep it within %.2f–%.2f",
            q->id, LANG_NAME[lang], r, rl, list, RATIO_MIN, RATIO_MAX);
    }
    return r;
}

static void check_single(Checker *k, const Question *q, double sum[2], int nratio[2])
{
    k->sh->right_first += q->choices[0].correct;
    for (int lang = 0; lang < 2; lang++) {
        double r = single_lang(k, q, (Lang)lang);
        if (r >= 0)
            sum[lang] += r, nratio[lang]++;
    }
}

/* ---- multiple questions: R6 ---- */

static void check_multiple(Checker *k, const Question *q)
{
    int right = 0;
    for (int i = 0; i < q->nchoices; i++)
        right += q->choices[i].correct;
    k->sh->multiple_right[right < 7 ? right : 7]++;
    if (right < 1 || right > q->nchoices - 1)
        add(k, BANK_WARNING, q->at, "R6", "%s: all %d choices are right: make 1 to %d of them right", q->id,
            q->nchoices, q->nchoices - 1);
}

/* ---- every question: R7, and R4's counts ---- */

static void count_reasons(Checker *k, const Question *q)
{
    if (q->kind == QUESTION_TRUEFALSE)
        return;
    for (int i = 0; i < q->nchoices; i++) {
        bool right = q->choices[i].correct;
        *(right ? &k->sh->right_choices : &k->sh->wrong_choices) += 1;
        for (int lang = 0; lang < 2; lang++)
            *(right ? &k->sh->reason_right[lang] : &k->sh->reason_wrong[lang]) +=
                has_reason(text_get(q->choices[i].text, (Lang)lang), (Lang)lang);
    }
}

static void check_stem(Checker *k, const Question *q)
{
    for (int lang = 0; lang < 2; lang++)
        if (negative_stem(text_get(q->prompt, (Lang)lang)))
            add(k, BANK_WARNING, q->at, "R7",
                "%s: the %s prompt is a negative stem: ask for what to do instead", q->id, LANG_NAME[lang]);
}

/* ---- the pool: R3, R4, R5, R6, R8 ---- */

static void check_extremes(Checker *k)
{
    const BankShape *sh = k->sh;
    int n = sh->single;
    for (int lang = 0; lang < 2 && n > 0; lang++) {
        if (sh->right_longest[lang] > EXTREME_MAX * n)
            add(k, BANK_WARNING, k->p->at, "R3",
                "in %s the right choice is the longest in %d of %d single questions (at most 40 %%)",
                LANG_NAME[lang], sh->right_longest[lang], n);
        if (sh->right_shortest[lang] > EXTREME_MAX * n)
            add(k, BANK_WARNING, k->p->at, "R3",
                "in %s the right choice is the shortest in %d of %d single questions (at most 40 %%)",
                LANG_NAME[lang], sh->right_shortest[lang], n);
    }
}

static void check_reasons(Checker *k)
{
    const BankShape *sh = k->sh;
    int64_t nr = sh->right_choices, nw = sh->wrong_choices;
    for (int lang = 0; lang < 2 && nr && nw; lang++) {
        int64_t rr = sh->reason_right[lang], rw = sh->reason_wrong[lang];
        /* sr < sw / 2, and the other way round, without division */
        if ((rw > 0 && 2 * rr * nw < rw * nr) || (rr > 0 && 2 * rw * nr < rr * nw))
            add(k, BANK_WARNING, k->p->at, "R4",
                "in %s reason clauses are in %d of %d right choices but %d of %d wrong ones: use them in "
                "both alike",
                LANG_NAME[lang], (int)rr, (int)nr, (int)rw, (int)nw);
    }
}

static void check_pool_kinds(Checker *k)
{
    const BankShape *sh = k->sh;
    int t = sh->truefalse_true, f = sh->truefalse - t;
    if (abs(t - f) > 1)
        add(k, BANK_WARNING, k->p->at, "R5",
            "true/false statements: %d true, %d false (keep them at most one apart)", t, f);
    for (int right = 0; right < 8 && sh->multiple >= 2; right++)
        if (sh->multiple_right[right] == sh->multiple)
            add(k, BANK_WARNING, k->p->at, "R6",
                "every multiple-answer question has %d right choices: vary it", right);
    if (sh->single > 0 && sh->right_first > FIRST_MAX * sh->single)
        add(k, BANK_WARNING, k->p->at, "R8",
            "the right choice is written first in %d of %d single questions (at most half)", sh->right_first,
            sh->single);
}

static void check_pool(Checker *k)
{
    BankShape *sh = k->sh;
    double sum[2] = {0, 0};
    int nratio[2] = {0, 0};
    sh->present = true;
    sh->questions = k->p->nquestions;
    check_size(k);
    for (int i = 0; i < k->p->nquestions; i++) {
        const Question *q = &k->p->questions[i];
        sh->single += q->kind == QUESTION_SINGLE;
        sh->multiple += q->kind == QUESTION_MULTIPLE;
        sh->truefalse += q->kind == QUESTION_TRUEFALSE;
        sh->truefalse_true += q->kind == QUESTION_TRUEFALSE && q->choices[0].correct;
        if (q->kind == QUESTION_SINGLE)
            check_single(k, q, sum, nratio);
        if (q->kind == QUESTION_MULTIPLE)
            check_multiple(k, q);
        count_reasons(k, q);
        check_stem(k, q);
    }
    for (int lang = 0; lang < 2; lang++)
        sh->ratio[lang] = nratio[lang] ? sum[lang] / nratio[lang] : 0;
    check_extremes(k);
    check_reasons(k);
    check_pool_kinds(k);
}

/* ---- the bank ---- */

void bank_check(const Content *c, bool strict, BankReport *r)
{
    memset(r, 0, sizeof *r);
    Checker k = {.c = c, .r = r, .strict = strict};
    for (int m = 1; m <= MEASURES; m++) {
        k.p = content_pool(c, m);
        k.sh = &r->measures[m - 1];
        if (!k.p)
            continue;
        check_pool(&k);
        r->questions += k.sh->questions;
        r->truefalse += k.sh->truefalse;
        r->truefalse_true += k.sh->truefalse_true;
    }
    int t = r->truefalse_true, n = r->truefalse;
    if (n > 0 && (100 * t < 35 * n || 100 * t > 65 * n))
        add(&k, BANK_WARNING, (Pos){.file = c->dir}, "R5",
            "%d of the bank's %d true/false statements are true (%d %%): keep it within 35–65 %%", t, n,
            (100 * t + n / 2) / n);
}

void bank_report_free(BankReport *r)
{
    free(r->findings);
    memset(r, 0, sizeof *r);
}
