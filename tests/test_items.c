/* test_items.c — item statistics (report_items.c) on histories recorded through the real store.
 *
 * A small history whose figures are worked out by hand, then a generated one: 300 attempts of
 * 5 questions drawn from 8, by people of different ability, with an easy question, a hard one and
 * one that strong people get wrong; some abandoned tests and follow-ups that must not count. The
 * expected figures of the generated history are computed here from the test's own record of what
 * it generated, with the two-pass (centred) formula for the correlation, not with the code under
 * test. The writers (CSV, JSON, HTML) are checked on the hand-made history. */
#include "report_html.h"
#include "report_items.h"
#include "helpers.h"
#include "test.h"
#include "tmpdir.h"

#include <math.h>
#include <stdlib.h>

enum { NQ = 8, PEOPLE = 30, ATTEMPTS = 300, DRAW = 5 };

static Choice choices[NQ][4];
static Question questions[NQ];
static char ids[NQ][16];
static Pool pool;
static Content content;

/* One pool of measure 2: single questions q0..q7 (right choice 1), q3 a multiple (0 and 2 right). */
static void make_content(void)
{
    for (int q = 0; q < NQ; q++) {
        snprintf(ids[q], sizeof ids[q], "q%d", q);
        for (int c = 0; c < 4; c++)
            choices[q][c] =
                (Choice){.text = {"選択", "choice"}, .correct = q == 3 ? c == 0 || c == 2 : c == 1};
        questions[q] = (Question){.id = ids[q],
                                  .kind = q == 3 ? QUESTION_MULTIPLE : QUESTION_SINGLE,
                                  .measure = 2,
                                  .prompt = {q == 0 ? "=HYPERLINK(\"x\") <b>" : "問い", "Q"},
                                  .choices = choices[q],
                                  .nchoices = 4};
    }
    pool = (Pool){.measure = 2, .draw = DRAW, .pass_percent = 80, .questions = questions, .nquestions = NQ};
    content = (Content){0};
    content.pools[1] = &pool;
}

static Store *new_store(Tmp *t, int people)
{
    Store *s = NULL;
    Err e = {{0}};
    tmp_make_named(t, "items");
    CHECK(store_open(&s, t->db, &e));
    CHECK(s && fixture_people(s, NULL, people, &e));
    return s;
}

static void record(Store *s, const char *code, AttemptKind kind, bool finished, const Answer *ans, int n,
                   int64_t t)
{
    Err e = {{0}};
    CHECK(fixture_attempt(s, code, kind, 2, finished, ans, n, t - 5, t, &e));
}

static Answer answer(int q, bool right)
{
    unsigned picked = q == 3 ? (right ? 5u : 1u) : (right ? 2u : 1u); /* wrong: choice 0 */
    return (Answer){ids[q], picked, right};
}

static const ItemStat *stat_of(const ItemReport *r, const char *id)
{
    for (int i = 0; i < r->nitems; i++)
        if (strcmp(r->items[i].q->id, id) == 0)
            return &r->items[i];
    return NULL;
}

/* ---- by hand: three tests of q1 and q2 ---- */

/* t1: q1 right, q2 right; t2: q1 right, q2 wrong; t3: both wrong. For q1, x = (1, 1, 0) and the
 * rest y = (1, 0, 0): means 2/3 and 1/3, covariance sum 1/3, both square sums 2/3, r = 0.5. Same
 * for q2. Facility q1 2/3, q2 1/3. */
static Store *hand_history(Tmp *t)
{
    Store *s = new_store(t, 3);
    Answer a1[2] = {answer(1, true), answer(2, true)}, a2[2] = {answer(1, true), answer(2, false)},
           a3[2] = {answer(1, false), answer(2, false)};
    record(s, "0000", ATTEMPT_TEST, true, a1, 2, 2000);
    record(s, "0001", ATTEMPT_TEST, true, a2, 2, 2100);
    record(s, "0002", ATTEMPT_TEST, true, a3, 2, 2200);
    record(s, "0002", ATTEMPT_TEST, false, a1, 2, 2300);      /* abandoned: not counted */
    record(s, "0002", ATTEMPT_FOLLOWUP, true, a1, 2, 2400);   /* follow-up: not counted */
    Answer gone[2] = {{"retired", 1, true}, answer(4, true)}; /* an id the content lost */
    record(s, "0001", ATTEMPT_TEST, true, gone, 2, 2500);
    return s;
}

static void test_by_hand(void)
{
    Tmp t;
    Err e = {{0}};
    make_content();
    Store *s = hand_history(&t);
    ItemReport r;
    CHECK(items_build(s, &content, &r, &e));
    CHECK(r.nitems == NQ && r.attempts == 4 && r.answers == 8);
    const ItemStat *q1 = stat_of(&r, "q1"), *q2 = stat_of(&r, "q2"), *q4 = stat_of(&r, "q4");
    CHECK(q1->shown == 3 && q1->right == 2 && fabs(q1->facility - 2.0 / 3) < 1e-12);
    CHECK(q1->has_discrimination && fabs(q1->discrimination - 0.5) < 1e-12);
    CHECK(q2->shown == 3 && q2->right == 1 && fabs(q2->discrimination - 0.5) < 1e-12);
    CHECK(q1->picks[0] == 1 && q1->picks[1] == 2 && q1->picks[2] == 0);
    CHECK(q1->flags == 0 && q2->flags == 0);
    /* q4 once, right, beside a retired question: shown, easy, no discrimination (one answer) */
    CHECK(q4->shown == 1 && q4->right == 1 && !q4->has_discrimination && q4->flags == ITEM_EASY);
    CHECK(stat_of(&r, "q0")->shown == 0 && stat_of(&r, "q0")->flags == 0);
    items_free(&r);
    store_close(s);
    tmp_remove(&t);
}

static char *written(bool (*fn)(const ItemReport *, FILE *, Err *), const ItemReport *r)
{
    FILE *f = tmpfile();
    Err e = {{0}};
    CHECK(fn(r, f, &e));
    long n = ftell(f);
    char *buf = xmalloc((size_t)n + 1);
    rewind(f);
    buf[fread(buf, 1, (size_t)n, f)] = '\0';
    fclose(f);
    return buf;
}

static void test_writers(void)
{
    Tmp t;
    Err e = {{0}};
    make_content();
    Store *s = hand_history(&t);
    ItemReport r;
    CHECK(items_build(s, &content, &r, &e));
    char *csv = written(items_csv, &r);
    CHECK(strncmp(csv,
                  "\xEF\xBB\xBFmeasure,question,kind,prompt,shown,right,facility,discrimination,flags,"
                  "right_choices,choice1,choice2,choice3,choice4,choice5,choice6\r\n",
                  strlen("\xEF\xBB\xBFmeasure,question,") + 100) == 0);
    CHECK(contains(csv, "\r\n2,q1,single,問い,3,2,66.7,0.50,,2,1,2,0,0,,\r\n"));
    CHECK(contains(csv, "\r\n2,q2,single,問い,3,1,33.3,0.50,,2,2,1,0,0,,\r\n"));
    CHECK(contains(csv, "\r\n2,q3,multiple,問い,0,0,,,,1 3,0,0,0,0,,\r\n"));
    CHECK(contains(csv, "\r\n2,q4,single,問い,1,1,100.0,,easy,2,0,1,0,0,,\r\n"));
    CHECK(contains(csv, "\r\n2,q0,single,\"'=HYPERLINK(\"\"x\"\") <b>\",0,")); /* no formula */
    CHECK(occurrences(csv, "\r\n") == NQ + 1 && occurrences(csv, "\n") == NQ + 1);
    free(csv);
    char *json = written(items_json, &r);
    CHECK(contains(json, "\"attempts\": 4,"));
    CHECK(contains(json, "{\"measure\": 2, \"id\": \"q1\", \"kind\": \"single\", \"shown\": 3, \"right\": 2, "
                         "\"facility\": 0.667, \"discrimination\": 0.500, \"flags\": [], \"choices\": "
                         "[{\"correct\": false, \"picked\": 1}, {\"correct\": true, \"picked\": 2}, "
                         "{\"correct\": false, \"picked\": 0}, {\"correct\": false, \"picked\": 0}]}"));
    CHECK(contains(json,
                   "\"id\": \"q0\", \"kind\": \"single\", \"shown\": 0, \"right\": 0, \"facility\": null, "
                   "\"discrimination\": null"));
    CHECK(contains(json, "\"flags\": [\"easy\"]"));
    free(json);
    FILE *f = tmpfile();
    items_html(&r, f);
    long n = ftell(f);
    char *html = xmalloc((size_t)n + 1);
    rewind(f);
    html[fread(html, 1, (size_t)n, f)] = '\0';
    fclose(f);
    CHECK(contains(html, "Item statistics"));
    CHECK(contains(html, "<td>q1</td><td>問い</td><td class=\"n\">3</td><td class=\"n\">67%</td>"
                         "<td class=\"n\">0.50</td><td>1 / ✓2 / 0 / 0</td><td></td></tr>"));
    CHECK(contains(html, ">easy</td></tr>"));
    CHECK(!contains(html, "<td>q0</td>")); /* never shown: not in the HTML table */
    free(html);
    /* items_save: JSON by the extension, CSV otherwise */
    char path[256];
    snprintf(path, sizeof path, "%s/items.json", t.dir);
    CHECK(items_save(&r, path, &e));
    char *saved = file_text(path, NULL);
    CHECK(saved && saved[0] == '{');
    free(saved);
    snprintf(path, sizeof path, "%s/items.csv", t.dir);
    CHECK(items_save(&r, path, &e));
    saved = file_text(path, NULL);
    CHECK(saved && strncmp(saved, "\xEF\xBB\xBFmeasure,", 11) == 0);
    free(saved);
    items_free(&r);
    store_close(s);
    tmp_remove(&t);
}

/* ---- a generated history ---- */

static uint64_t rng = 12345;
static double uniform(void)
{
    rng = rng * 6364136223846793005u + 1442695040888963407u;
    return (double)(rng >> 11) / 9007199254740992.0;
}

/* What was generated, kept by the test: per attempt, the questions and whether each was right. */
static int gen_q[ATTEMPTS][DRAW];
static bool gen_right[ATTEMPTS][DRAW];

/* The chance of a right answer: ability 0..1; q0 is easy, q7 hard, q5 reversed (strong people
 * overthink it). */
static double p_right(int q, double ability)
{
    if (q == 0)
        return 0.99;
    if (q == 7)
        return 0.15;
    if (q == 5)
        return 0.9 - 0.7 * ability;
    return 0.2 + 0.75 * ability - 0.03 * q;
}

static void draw_five(int *out)
{
    int order[NQ];
    for (int i = 0; i < NQ; i++)
        order[i] = i;
    for (int i = NQ - 1; i > 0; i--) {
        int j = (int)(uniform() * (i + 1)), tmp = order[i];
        order[i] = order[j], order[j] = tmp;
    }
    memcpy(out, order, DRAW * sizeof *out);
}

static void generate(Store *s)
{
    double ability[PEOPLE];
    for (int p = 0; p < PEOPLE; p++)
        ability[p] = uniform();
    for (int a = 0; a < ATTEMPTS; a++) {
        int p = a % PEOPLE;
        char code[8];
        snprintf(code, sizeof code, "%04d", p);
        Answer ans[DRAW];
        draw_five(gen_q[a]);
        for (int i = 0; i < DRAW; i++) {
            gen_right[a][i] = uniform() < p_right(gen_q[a][i], ability[p]);
            ans[i] = answer(gen_q[a][i], gen_right[a][i]);
        }
        record(s, code, ATTEMPT_TEST, true, ans, DRAW, 10000 + a);
        if (a % 50 == 0) { /* noise that must not count */
            record(s, code, ATTEMPT_TEST, false, ans, 2, 10000 + a);
            record(s, code, ATTEMPT_FOLLOWUP, true, ans, 3, 10000 + a);
        }
    }
}

/* The expected figures of question q, from the generated record, two-pass. */
static void expected(int q, int *shown, int *right, double *r, bool *defined)
{
    static double xs[ATTEMPTS], ys[ATTEMPTS];
    int n = 0;
    *right = 0;
    for (int a = 0; a < ATTEMPTS; a++) {
        int total = 0;
        for (int i = 0; i < DRAW; i++)
            total += gen_right[a][i];
        for (int i = 0; i < DRAW; i++)
            if (gen_q[a][i] == q) {
                xs[n] = gen_right[a][i];
                ys[n] = (total - gen_right[a][i]) / (double)(DRAW - 1);
                *right += gen_right[a][i];
                n++;
            }
    }
    double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
    for (int i = 0; i < n; i++)
        mx += xs[i] / n, my += ys[i] / n;
    for (int i = 0; i < n; i++) {
        sxy += (xs[i] - mx) * (ys[i] - my);
        sxx += (xs[i] - mx) * (xs[i] - mx);
        syy += (ys[i] - my) * (ys[i] - my);
    }
    *shown = n;
    *defined = n >= 2 && sxx > 0 && syy > 0;
    *r = *defined ? sxy / sqrt(sxx * syy) : 0;
}

static void test_generated_history(void)
{
    Tmp t;
    Err e = {{0}};
    make_content();
    Store *s = new_store(&t, PEOPLE);
    generate(s);
    ItemReport r;
    CHECK(items_build(s, &content, &r, &e));
    CHECK(r.attempts == ATTEMPTS && r.answers == ATTEMPTS * DRAW);
    for (int q = 0; q < NQ; q++) {
        int shown, right;
        double disc;
        bool defined;
        expected(q, &shown, &right, &disc, &defined);
        const ItemStat *it = stat_of(&r, ids[q]);
        CHECK(it->shown == shown && it->right == right);
        CHECK(fabs(it->facility - (double)right / shown) < 1e-12);
        CHECK(it->has_discrimination == defined && fabs(it->discrimination - disc) < 1e-9);
        unsigned flags = (right * 100 > 95 * shown ? ITEM_EASY : 0) |
                         (right * 100 < 30 * shown ? ITEM_HARD : 0) |
                         (defined && disc < 0 ? ITEM_NEGATIVE : 0);
        CHECK(it->flags == flags);
        int picked_right = q == 3 ? it->picks[2] : it->picks[1];
        CHECK(picked_right == right &&
              it->picks[0] == (q == 3 ? shown : shown - right)); /* wrong: choice 0 */
    }
    /* the history was made so: q0 easy, q7 hard, q5 negative, a middle one none */
    CHECK(stat_of(&r, "q0")->flags & ITEM_EASY);
    CHECK(stat_of(&r, "q7")->flags & ITEM_HARD);
    CHECK(stat_of(&r, "q5")->flags & ITEM_NEGATIVE);
    CHECK(stat_of(&r, "q2")->flags == 0 && stat_of(&r, "q2")->discrimination > 0.1);
    items_free(&r);
    store_close(s);
    tmp_remove(&t);
}

int main(void)
{
    RUN(test_by_hand);
    RUN(test_writers);
    RUN(test_generated_history);
    return TEST_END();
}
