/* test_guessing.c — a person who knows nothing must fail the shipped tests almost always.
 *
 * Test-wise guessers take every drawn test of the shipped bank (content/), in Japanese and in
 * English, without knowing anything about security:
 *   - blind: any answer at random;
 *   - fixed rules, each applied to every question: the longest choice, the shortest, the one that
 *     shares most words with the question, the one most like the other choices (convergence), the
 *     one with most / fewest negations, the one without absolute words (必ず, always…), a
 *     true/false statement always true / always false;
 *   - a learner that reads the right and the wrong choices of half the measures (the words each
 *     tends to carry) and answers the other half by those words, and the other way round.
 * For multiple-answer questions a rule picks the choices it scores above the question's mean
 * (at least one); for true/false it says "true" when the statement scores above the bank's mean.
 * Ties are shared: a rule that cannot choose between two choices is right half the time.
 *
 * For each pool the chance of passing a drawn test (draw questions, pass at pass_percent, as
 * quiz.c draws and grades) is the average over many random draws of the exact chance to get
 * enough right. The bank is sound when every guesser passes under MAX_OVERALL of the tests on
 * average and no guesser passes one measure's test more than MAX_MEASURE of the time. The figures
 * are printed. A pool built with a cue (the right choice always longest) must be caught, so the
 * guessers are known to work. Run from the repository root.
 *
 * For authors: GUESS_SHOW=N prints measure N's questions with the learner's score of each choice
 * (the learner is the strongest guesser); GUESS_NOISE=1 trains it on labels drawn at random, the
 * level it reaches by chance alone (about 1-2 % of tests, under 20 % on the luckiest measure). */
#include "content.h"
#include "quiz.h"
#include "test.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

enum { MAX_CHOICES = 8, BUCKETS = 1 << 14, DRAWS = 3000 };
#define MAX_OVERALL 0.05
#define MAX_MEASURE 0.20

typedef enum {
    G_BLIND,
    G_LONGEST,
    G_SHORTEST,
    G_STEM,
    G_CONVERGE,
    G_MOST_NEG,
    G_FEWEST_NEG,
    G_NO_ABSOLUTE,
    G_ALWAYS_TRUE,
    G_ALWAYS_FALSE,
    G_LEARNED,
    NGUESSERS
} Guesser;

static const char *const GUESSER_NAME[NGUESSERS] = {
    "blind",       "longest",        "shortest",         "shares the stem",
    "convergence", "most negations", "fewest negations", "no absolute word",
    "always true", "always false",   "learned cues"};

/* Cue words a test-wise reader looks for. */
static const char *const NEGATIONS[] = {"ない", "ません", "せず", "しない", "禁止",   "不要",
                                        "not ", "never",  "n't",  "no ",    "without"};
static const char *const ABSOLUTES[] = {"必ず", "絶対",   "すべて", "全て",  "いつでも", "決して",
                                        "だけ", "always", "never",  "every", "only",     "all "};

/* ---- words ---- */

/* The bucket of each word of s: English words, or pairs of characters for Japanese. Returns how
 * many (at most max, duplicates kept). */
static int words(const char *s, Lang lang, unsigned *out, int max)
{
    int n = 0;
    if (lang == LANG_EN) {
        for (const char *p = s; *p && n < max;) {
            while (*p && !isalnum((unsigned char)*p))
                p++;
            unsigned h = 2166136261u;
            int len = 0;
            for (; *p && (isalnum((unsigned char)*p) || *p == '\''); p++, len++)
                h = (h ^ (unsigned)tolower((unsigned char)*p)) * 16777619u;
            if (len >= 3)
                out[n++] = h % BUCKETS;
        }
        return n;
    }
    unsigned prev = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && n < max;) {
        int len = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
        unsigned cp = 0;
        for (int i = 0; i < len && p[i]; i++)
            cp = cp << 8 | p[i];
        bool letter = len >= 3 && !(p[0] == 0xE3 && p[1] == 0x80); /* not 、。「」 and friends */
        if (letter && prev)
            out[n++] = (prev * 31u + cp) % BUCKETS;
        prev = letter ? cp : 0;
        p += len;
    }
    return n;
}

static int hits(const char *s, const char *const *list, int n)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        for (const char *p = s; (p = strstr(p, list[i])); p += strlen(list[i]))
            k++;
    return k;
}

static const char *text_of(const Text *t, Lang lang)
{
    return lang == LANG_JA ? t->ja : t->en;
}

/* The words a choice stands for: its text, or a true/false question's statement. */
static const char *choice_text(const Question *q, int k, Lang lang)
{
    return text_of(q->kind == QUESTION_TRUEFALSE ? &q->prompt : &q->choices[k].text, lang);
}

static int chars(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* ---- the learner's word weights ---- */

static uint64_t next_random(uint64_t *s)
{
    *s ^= *s << 13, *s ^= *s >> 7, *s ^= *s << 17;
    return *s;
}

typedef struct {
    double right[BUCKETS], wrong[BUCKETS];
    double nright, nwrong;
} Cues;

static void learn(Cues *c, const Content *ct, Lang lang, int parity, uint64_t noise)
{
    memset(c, 0, sizeof *c);
    for (int m = 0; m < MEASURES; m++) {
        const Pool *p = ct->pools[m];
        if (!p || (m + 1) % 2 != parity)
            continue;
        for (int i = 0; i < p->nquestions; i++)
            for (int k = 0; k < p->questions[i].nchoices; k++) {
                const Choice *ch = &p->questions[i].choices[k];
                if (p->questions[i].kind == QUESTION_TRUEFALSE && k == 1)
                    continue; /* the statement is choice 0's text */
                bool good = ch->correct;
                if (noise) /* labels at random: what the learner finds in noise */
                    good = next_random(&noise) % 100 < 35;
                unsigned w[256];
                int n = words(choice_text(&p->questions[i], k, lang), lang, w, 256);
                for (int j = 0; j < n; j++)
                    good ? c->right[w[j]]++ : c->wrong[w[j]]++;
                good ? (c->nright += n) : (c->nwrong += n);
            }
    }
}

static double learned_score(const Cues *c, const char *s, Lang lang)
{
    unsigned w[256];
    int n = words(s, lang, w, 256);
    double sum = 0, share = c->nright / (c->nright + c->nwrong + 1e-9); /* of words, in right choices */
    for (int j = 0; j < n; j++) /* log-odds against the base rate: a word never seen counts 0 */
        sum += log((c->right[w[j]] + share) / (c->wrong[w[j]] + 1 - share)) - log(share / (1 - share));
    return n ? sum / n : 0;
}

/* ---- one question ---- */

typedef struct {
    Lang lang;
    const Cues *cues;          /* for G_LEARNED: weights learnt on the other half */
    double tf_mean[NGUESSERS]; /* the bank's mean score of a true/false statement, per rule */
    int show;                  /* a measure whose questions are printed (GUESS_SHOW), or 0 */
} Ctx;

static double overlap(const char *a, const char *b, Lang lang)
{
    unsigned wa[256], wb[256];
    int na = words(a, lang, wa, 256), nb = words(b, lang, wb, 256), k = 0;
    for (int i = 0; i < na; i++)
        for (int j = 0; j < nb; j++)
            if (wa[i] == wb[j]) {
                k++;
                break;
            }
    return na ? (double)k / na : 0;
}

/* How much rule g likes choice k of q (higher: more likely to be picked); for a true/false
 * question, how much it believes the statement. */
static double score(const Ctx *x, Guesser g, const Question *q, int k)
{
    const char *s = choice_text(q, k, x->lang);
    bool tf = q->kind == QUESTION_TRUEFALSE;
    if (tf && (g == G_STEM || g == G_CONVERGE))
        return 0; /* one statement: nothing to compare it with */
    switch (g) {
    case G_LONGEST:
        return chars(s);
    case G_SHORTEST:
        return -chars(s);
    case G_STEM:
        return overlap(s, text_of(&q->prompt, x->lang), x->lang);
    case G_CONVERGE: {
        double sum = 0;
        for (int j = 0; j < q->nchoices; j++)
            if (j != k)
                sum += overlap(s, text_of(&q->choices[j].text, x->lang), x->lang);
        return sum;
    }
    case G_MOST_NEG:
        return hits(s, NEGATIONS, (int)(sizeof NEGATIONS / sizeof *NEGATIONS));
    case G_FEWEST_NEG:
        return -hits(s, NEGATIONS, (int)(sizeof NEGATIONS / sizeof *NEGATIONS));
    case G_NO_ABSOLUTE:
        return -hits(s, ABSOLUTES, (int)(sizeof ABSOLUTES / sizeof *ABSOLUTES));
    case G_LEARNED:
        return learned_score(x->cues, s, x->lang);
    default:
        return 0;
    }
}

static double single_chance(const Ctx *x, Guesser g, const Question *q)
{
    double best = -1e300, sc[MAX_CHOICES];
    for (int k = 0; k < q->nchoices; k++)
        best = fmax(best, sc[k] = score(x, g, q, k));
    int ties = 0, right = 0;
    for (int k = 0; k < q->nchoices; k++)
        if (sc[k] == best)
            ties++, right += q->choices[k].correct;
    return (double)right / ties;
}

static double multiple_chance(const Ctx *x, Guesser g, const Question *q)
{
    double sc[MAX_CHOICES], mean = 0, best = -1e300;
    for (int k = 0; k < q->nchoices; k++)
        mean += sc[k] = score(x, g, q, k), best = fmax(best, sc[k]);
    mean /= q->nchoices;
    for (int k = 0; k < q->nchoices; k++) {
        bool pick = sc[k] > mean || (best == mean && sc[k] == best); /* all alike: pick them all */
        if (pick != q->choices[k].correct)
            return 0;
    }
    return 1;
}

static double chance(const Ctx *x, Guesser g, const Question *q)
{
    if (g == G_BLIND)
        return q->kind == QUESTION_MULTIPLE ? 1.0 / ((1 << q->nchoices) - 1) : 1.0 / q->nchoices;
    if (q->kind == QUESTION_TRUEFALSE) {
        bool is_true = q->choices[0].correct;
        if (g == G_ALWAYS_TRUE || g == G_ALWAYS_FALSE)
            return is_true == (g == G_ALWAYS_TRUE);
        double s = score(x, g, q, 0);
        if (s == x->tf_mean[g])
            return 0.5;
        return (s > x->tf_mean[g]) == is_true;
    }
    if (g == G_ALWAYS_TRUE || g == G_ALWAYS_FALSE)
        return q->kind == QUESTION_MULTIPLE ? 1.0 / ((1 << q->nchoices) - 1) : 1.0 / q->nchoices;
    return q->kind == QUESTION_MULTIPLE ? multiple_chance(x, g, q) : single_chance(x, g, q);
}

/* ---- a drawn test ---- */

/* The chance to get at least need of the n questions right, each right with chance p[i]. */
static double at_least(const double *p, int n, int need)
{
    double dist[64] = {1};
    for (int i = 0; i < n; i++)
        for (int k = i + 1; k >= 0; k--)
            dist[k] = dist[k] * (1 - p[i]) + (k ? dist[k - 1] * p[i] : 0);
    double sum = 0;
    for (int k = need; k <= n; k++)
        sum += dist[k];
    return sum;
}

/* The chance to pass a drawn test of the pool, given each question's chance (average over
 * DRAWS random draws, as quiz.c draws: questions without repetition). */
static double pass_chance(const Pool *pool, const double *p)
{
    uint64_t seed = 0x9E3779B97F4A7C15u ^ (uint64_t)pool->measure;
    int n = pool->nquestions, draw = pool->draw < n ? pool->draw : n, idx[256];
    int need = quiz_pass_count(draw, pool->pass_percent);
    double sum = 0, drawn[64];
    for (int d = 0; d < DRAWS; d++) {
        for (int i = 0; i < n; i++)
            idx[i] = i;
        for (int i = 0; i < draw; i++) {
            int j = i + (int)(next_random(&seed) % (uint64_t)(n - i)), t = idx[i];
            idx[i] = idx[j], idx[j] = t;
            drawn[i] = p[idx[i]];
        }
        sum += at_least(drawn, draw, need);
    }
    return sum / DRAWS;
}

/* For authors (GUESS_SHOW=N): each question of measure N with the learner's score of each
 * choice ('*' right) and its chance. */
static void show_question(const Ctx *x, Guesser g, const Question *q, double p)
{
    printf("  %s: chance %.2f\n", q->id, p);
    for (int k = 0; k < (q->kind == QUESTION_TRUEFALSE ? 1 : q->nchoices); k++)
        printf("    %c %+.3f %s\n",
               q->kind == QUESTION_TRUEFALSE ? (q->choices[0].correct ? 'T' : 'F')
               : q->choices[k].correct       ? '*'
                                             : ' ',
               score(x, g, q, k), choice_text(q, k, x->lang));
}

static double pool_pass(const Ctx *x, Guesser g, const Pool *pool)
{
    double p[256];
    for (int i = 0; i < pool->nquestions && i < 256; i++) {
        p[i] = chance(x, g, &pool->questions[i]);
        if (x->show == pool->measure && g == G_LEARNED)
            show_question(x, g, &pool->questions[i], p[i]);
    }
    return pass_chance(pool, p);
}

/* ---- the bank ---- */

/* The mean score of the bank's true/false statements under each rule (the line between "true"
 * and "false" for a reader who only has the rule). */
static void tf_means(Ctx *x, const Content *c)
{
    double sum[NGUESSERS] = {0};
    int n = 0;
    for (int m = 0; m < MEASURES; m++)
        for (int i = 0; c->pools[m] && i < c->pools[m]->nquestions; i++) {
            const Question *q = &c->pools[m]->questions[i];
            if (q->kind != QUESTION_TRUEFALSE)
                continue;
            for (int g = 0; g < NGUESSERS; g++)
                sum[g] += score(x, (Guesser)g, q, 0);
            n++;
        }
    for (int g = 0; g < NGUESSERS; g++)
        x->tf_mean[g] = n ? sum[g] / n : 0;
}

typedef struct {
    double overall, worst;
    int worst_measure;
} Figures;

static Figures bank_figures(const Content *c, Lang lang, Guesser g, Cues *cues)
{
    Figures f = {0};
    int pools = 0;
    for (int parity = 0; parity < 2; parity++) {
        if (g == G_LEARNED)
            learn(cues, c, lang, parity,
                  getenv("GUESS_NOISE") ? 88172645463325252u
                                        : 0); /* learnt on one half, tried on the other */
        Ctx x = {.lang = lang, .cues = cues, .show = getenv("GUESS_SHOW") ? atoi(getenv("GUESS_SHOW")) : 0};
        tf_means(&x, c);
        for (int m = 0; m < MEASURES; m++) {
            const Pool *p = c->pools[m];
            if (!p || (m + 1) % 2 == parity)
                continue;
            double pass = pool_pass(&x, g, p);
            f.overall += pass, pools++;
            if (pass > f.worst)
                f.worst = pass, f.worst_measure = m + 1;
        }
    }
    f.overall = pools ? f.overall / pools : 0;
    return f;
}

static Cues cues; /* large: not on the stack */

static void shipped_bank_defeats_every_guesser(void)
{
    Content c;
    ErrList errs = {0};
    CHECK(content_load(&c, "content", &errs));
    for (int lang = LANG_JA; lang <= LANG_EN; lang++)
        for (int g = 0; g < NGUESSERS; g++) {
            Figures f = bank_figures(&c, (Lang)lang, (Guesser)g, &cues);
            printf("     %s %-17s passes %4.1f %% of tests; at most %4.1f %% (measure %d)\n",
                   lang == LANG_JA ? "ja" : "en", GUESSER_NAME[g], 100 * f.overall, 100 * f.worst,
                   f.worst_measure);
            CHECK(f.overall < MAX_OVERALL);
            CHECK(f.worst < MAX_MEASURE);
        }
    content_free(&c);
}

/* The guessers work: a pool whose right choice is always the longest is passed by "longest",
 * one whose true/false statements are all false by "always false". */
static void a_cue_is_caught(void)
{
    Content c;
    ErrList errs = {0};
    CHECK(content_load(&c, "content", &errs));
    Pool *p = c.pools[6];
    for (int i = 0; i < p->nquestions; i++) {
        Question *q = &p->questions[i];
        if (q->kind == QUESTION_TRUEFALSE) {
            q->choices[0].correct = false, q->choices[1].correct = true;
            continue;
        }
        for (int k = 0; k < q->nchoices; k++) /* right choices padded to stand out */
            if (q->choices[k].correct)
                q->choices[k].text.ja =
                    "これはとても長い正しい答えで、ほかのどの選択肢よりも長く書かれています。",
                q->choices[k].text.en =
                    "this is the much longer right answer, longer than any other choice by far";
    }
    Ctx x = {.lang = LANG_JA};
    double singles = 0;
    int n = 0;
    for (int i = 0; i < p->nquestions; i++)
        if (p->questions[i].kind == QUESTION_SINGLE)
            singles += chance(&x, G_LONGEST, &p->questions[i]), n++;
    CHECK(n == 0 || singles / n > 0.99);
    double tf = 0;
    for (int i = 0; i < p->nquestions; i++)
        if (p->questions[i].kind == QUESTION_TRUEFALSE)
            tf += chance(&x, G_ALWAYS_FALSE, &p->questions[i]) - 1;
    CHECK(tf == 0);
    CHECK(pool_pass(&x, G_BLIND, p) < 0.05);
    content_free(&c);
}

int main(void)
{
    RUN(a_cue_is_caught);
    RUN(shipped_bank_defeats_every_guesser);
    return TEST_END();
}
