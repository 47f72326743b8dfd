/* test_quiz.c — drawing, shuffling and scoring of a test, from a pool built in code. */
#include "quiz.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static Choice choices[4][4];
static Question questions[4];

static Pool make_pool(void)
{
    for (int q = 0; q < 4; q++) {
        questions[q] = (Question){.id = q == 0   ? "q0"
                                        : q == 1 ? "q1"
                                        : q == 2 ? "q2"
                                                 : "q3",
                                  .kind = q == 3 ? QUESTION_MULTIPLE : QUESTION_SINGLE,
                                  .measure = 3,
                                  .choices = choices[q],
                                  .nchoices = 4};
        for (int c = 0; c < 4; c++)
            choices[q][c] = (Choice){.correct = q == 3 ? c < 2 : c == 0};
    }
    return (Pool){.measure = 3, .draw = 3, .pass_percent = 80, .questions = questions, .nquestions = 4};
}

/* The display position of content choice ci in the current question. */
static int pos_of(const Quiz *z, int ci)
{
    const QuizItem *it = quiz_item(z);
    for (int p = 0; p < it->q->nchoices; p++)
        if (it->order[p] == ci)
            return p;
    return -1;
}

static void answer_all(Quiz *z, bool right)
{
    while (quiz_item(z)) {
        const Question *q = quiz_item(z)->q;
        if (q->kind == QUESTION_MULTIPLE) {
            quiz_pick(z, pos_of(z, right ? 0 : 2));
            if (right)
                quiz_pick(z, pos_of(z, 1));
        } else
            quiz_pick(z, pos_of(z, right ? 0 : 1));
        CHECK(quiz_submit(z) == right);
        quiz_next(z);
    }
}

static void test_draws_distinct_questions(void)
{
    Pool p = make_pool();
    Arena a = {0};
    Quiz z;
    quiz_start_test(&z, &a, &p, 0, 42, 1000);
    CHECK(z.nitems == 3);
    CHECK(z.pass_percent == 80);
    for (int i = 0; i < 3; i++)
        for (int j = i + 1; j < 3; j++)
            CHECK(z.items[i].q != z.items[j].q);
    arena_free(&a);
}

static void test_same_seed_same_order(void)
{
    Pool p = make_pool();
    Arena a = {0};
    Quiz z1, z2, z3;
    quiz_start_test(&z1, &a, &p, 0, 7, 0);
    quiz_start_test(&z2, &a, &p, 0, 7, 0);
    bool differs = false;
    for (uint64_t seed = 8; seed < 40 && !differs; seed++) {
        quiz_start_test(&z3, &a, &p, 0, seed, 0);
        for (int i = 0; i < 3; i++)
            differs |= z3.items[i].q != z1.items[i].q || z3.items[i].order[0] != z1.items[i].order[0];
    }
    for (int i = 0; i < 3; i++) {
        CHECK(z1.items[i].q == z2.items[i].q);
        CHECK(memcmp(z1.items[i].order, z2.items[i].order, sizeof z1.items[i].order) == 0);
    }
    CHECK(differs); /* other seeds shuffle differently */
    arena_free(&a);
}

static void test_all_right_passes(void)
{
    Pool p = make_pool();
    Arena a = {0};
    Quiz z;
    quiz_start_test(&z, &a, &p, 0, 3, 100);
    answer_all(&z, true);
    CHECK(quiz_finished(&z));
    CHECK(quiz_passed(&z));
    Attempt at;
    quiz_attempt(&z, "001", true, 200, &at);
    CHECK(at.finished && at.passed && at.score == 3 && at.total == 3 && at.nanswers == 3);
    CHECK(at.started == 100 && at.ended == 200 && at.seed == 3);
    arena_free(&a);
}

static void test_wrong_fails_and_multiple_needs_all(void)
{
    Pool p = make_pool();
    Arena a = {0};
    Quiz z;
    quiz_start_test(&z, &a, &p, 0, 5, 0);
    answer_all(&z, false);
    CHECK(!quiz_passed(&z));
    CHECK(z.score == 0);
    /* a multiple question with only one of its two correct choices picked is wrong */
    Pool one = make_pool();
    one.questions = &questions[3];
    one.nquestions = 1;
    one.draw = 1;
    quiz_start_test(&z, &a, &one, 0, 9, 0);
    quiz_pick(&z, pos_of(&z, 0));
    CHECK(!quiz_submit(&z));
    arena_free(&a);
}

static void test_pass_mark_override_and_abandon(void)
{
    Pool p = make_pool();
    Arena a = {0};
    Quiz z;
    quiz_start_test(&z, &a, &p, 60, 11, 0);
    CHECK(z.pass_percent == 60);
    CHECK(!quiz_can_submit(&z)); /* nothing picked yet */
    quiz_pick(&z, 0);
    CHECK(quiz_can_submit(&z));
    quiz_submit(&z);
    Attempt at;
    quiz_attempt(&z, "001", false, 5, &at);
    CHECK(!at.finished && !at.passed && at.nanswers == 1);
    arena_free(&a);
}

static void test_single_pick_replaces(void)
{
    Pool p = make_pool();
    p.questions = questions;
    p.nquestions = 1;
    p.draw = 1;
    Arena a = {0};
    Quiz z;
    quiz_start_test(&z, &a, &p, 0, 1, 0);
    quiz_pick(&z, 0);
    quiz_pick(&z, 1);
    CHECK(!quiz_picked(&z, 0) && quiz_picked(&z, 1));
    arena_free(&a);
}

/* ---- retakes ---- */

enum { BIG = 12 };
static Choice big_choices[BIG][2];
static Question big_questions[BIG];
static char big_ids[BIG][16];

/* A pool of n single questions b0..b(n-1) drawing 5. */
static Pool big_pool(int n)
{
    for (int q = 0; q < n; q++) {
        snprintf(big_ids[q], sizeof big_ids[q], "b%d", q);
        big_choices[q][0] = (Choice){.correct = true};
        big_choices[q][1] = (Choice){.correct = false};
        big_questions[q] = (Question){.id = big_ids[q],
                                      .kind = QUESTION_SINGLE,
                                      .measure = 4,
                                      .choices = big_choices[q],
                                      .nchoices = 2};
    }
    return (Pool){.measure = 4, .draw = 5, .pass_percent = 80, .questions = big_questions, .nquestions = n};
}

static LoggedAnswer logged(const char *id, bool correct)
{
    LoggedAnswer a = {.correct = correct};
    snprintf(a.question_id, sizeof a.question_id, "%s", id);
    return a;
}

static bool drawn(const Quiz *z, const char *id)
{
    for (int i = 0; i < z->nitems; i++)
        if (strcmp(z->items[i].q->id, id) == 0)
            return true;
    return false;
}

/* Last time b0..b4 were asked, b1 and b3 missed: a retake of a pool of 12 asks b1, b3 and three
 * questions not asked last time, never b0, b2 or b4 again; over seeds every fresh one comes up,
 * and a missed one is not always first. */
static void test_retake_missed_then_fresh(void)
{
    Pool p = big_pool(BIG);
    LoggedAnswer last[5] = {logged("b0", true), logged("b1", false), logged("b2", true), logged("b3", false),
                            logged("b4", true)};
    Arena a = {0};
    int seen_fresh[BIG] = {0}, missed_first = 0;
    for (uint64_t seed = 1; seed <= 200; seed++) {
        Quiz z;
        quiz_start_retake(&z, &a, &p, 0, last, 5, seed, 0);
        CHECK(z.nitems == 5);
        CHECK(drawn(&z, "b1") && drawn(&z, "b3"));
        CHECK(!drawn(&z, "b0") && !drawn(&z, "b2") && !drawn(&z, "b4"));
        for (int i = 0; i < z.nitems; i++)
            seen_fresh[atoi(z.items[i].q->id + 1)]++;
        missed_first += strcmp(z.items[0].q->id, "b1") == 0 || strcmp(z.items[0].q->id, "b3") == 0;
    }
    for (int q = 5; q < BIG; q++)
        CHECK(seen_fresh[q] > 0);
    CHECK(missed_first > 20 && missed_first < 180); /* 2 of 5 places: about 80 of 200 */
    arena_free(&a);
}

/* A pool of 6 after b0..b4 with b2 missed: b2, the one fresh question b5, then three of the
 * questions answered right last time. */
static void test_retake_small_pool_fills_with_others(void)
{
    Pool p = big_pool(6);
    LoggedAnswer last[5] = {logged("b0", true), logged("b1", true), logged("b2", false), logged("b3", true),
                            logged("b4", true)};
    Arena a = {0};
    for (uint64_t seed = 1; seed <= 50; seed++) {
        Quiz z;
        quiz_start_retake(&z, &a, &p, 0, last, 5, seed, 0);
        int right_before = drawn(&z, "b0") + drawn(&z, "b1") + drawn(&z, "b3") + drawn(&z, "b4");
        CHECK(drawn(&z, "b2") && drawn(&z, "b5") && right_before == 3);
    }
    arena_free(&a);
}

/* Everything missed: the same questions again. More missed than drawn: only missed ones. */
static void test_retake_all_missed(void)
{
    Pool p = big_pool(BIG);
    LoggedAnswer last[7];
    for (int i = 0; i < 7; i++)
        last[i] = logged(big_ids[i], false);
    Arena a = {0};
    Quiz z;
    quiz_start_retake(&z, &a, &p, 0, last, 5, 99, 0);
    for (int i = 0; i < 5; i++)
        CHECK(drawn(&z, big_ids[i]));
    quiz_start_retake(&z, &a, &p, 0, last, 7, 99, 0);
    for (int i = 0; i < z.nitems; i++)
        CHECK(atoi(z.items[i].q->id + 1) < 7);
    arena_free(&a);
}

/* The same seed and last attempt give the same test, choice order included; a question id
 * from last time that the pool no longer has changes nothing. */
static void test_retake_deterministic(void)
{
    Pool p = big_pool(BIG);
    LoggedAnswer last[3] = {logged("b7", false), logged("gone", false), logged("b2", true)};
    Arena a = {0};
    Quiz z1, z2;
    quiz_start_retake(&z1, &a, &p, 0, last, 3, 1234, 0);
    quiz_start_retake(&z2, &a, &p, 0, last, 3, 1234, 0);
    for (int i = 0; i < 5; i++) {
        CHECK(z1.items[i].q == z2.items[i].q);
        CHECK(memcmp(z1.items[i].order, z2.items[i].order, sizeof z1.items[i].order) == 0);
    }
    CHECK(drawn(&z1, "b7") && !drawn(&z1, "b2"));
    /* without a last attempt: exactly quiz_start_test */
    quiz_start_retake(&z1, &a, &p, 0, NULL, 0, 77, 0);
    quiz_start_test(&z2, &a, &p, 0, 77, 0);
    for (int i = 0; i < 5; i++)
        CHECK(z1.items[i].q == z2.items[i].q);
    arena_free(&a);
}

/* The pass mark as a count: the rule "4 of 5" comes from here. */
static void test_pass_count(void)
{
    CHECK(quiz_pass_count(5, 80) == 4);
    CHECK(quiz_pass_count(10, 80) == 8);
    CHECK(quiz_pass_count(3, 80) == 3);
    CHECK(quiz_pass_count(4, 80) == 4);
    CHECK(quiz_pass_count(5, 60) == 3);
    CHECK(quiz_pass_count(5, 100) == 5);
    Pool p = big_pool(BIG);
    Arena a = {0};
    Quiz z;
    quiz_start_test(&z, &a, &p, 0, 5, 0);
    for (int i = 0; i < 5; i++) { /* right, right, right, right, wrong */
        quiz_pick(&z, pos_of(&z, i < 4 ? 0 : 1));
        quiz_submit(&z);
        quiz_next(&z);
    }
    CHECK(z.score == 4 && quiz_passed(&z));
    arena_free(&a);
}

/* Answers the current question right or wrong and moves on. */
static void answer_one(Quiz *z, bool right)
{
    const Question *q = quiz_item(z)->q;
    if (q->kind == QUESTION_MULTIPLE) {
        quiz_pick(z, pos_of(z, right ? 0 : 2));
        if (right)
            quiz_pick(z, pos_of(z, 1));
    } else
        quiz_pick(z, pos_of(z, right ? 0 : 1));
    quiz_submit(z);
    quiz_next(z);
}

/* A test left after two of three answers comes back as the same test at the third question:
 * questions, choice order, answers, score, seed, pass mark and start. */
static void test_draft_resumes_where_left(void)
{
    Pool p = make_pool();
    Arena a = {0};
    Quiz z, r;
    quiz_start_test(&z, &a, &p, 90, 4242, 1000);
    answer_one(&z, true);
    answer_one(&z, false);
    char buf[512];
    CHECK(quiz_draft(&z, buf, sizeof buf));
    int done = 0, total = 0;
    CHECK(quiz_draft_counts(buf, &done, &total) && done == 2 && total == 3);
    Err e = {{0}};
    CHECK(quiz_resume(&r, &a, &p, buf, &e));
    CHECK(r.nitems == 3 && r.nanswers == 2 && r.current == 2 && !r.answered && r.picked == 0);
    CHECK(r.score == 1 && r.seed == 4242 && r.pass_percent == 90 && r.started == 1000);
    CHECK(r.kind == ATTEMPT_TEST && r.measure == 3);
    for (int i = 0; i < 3; i++) {
        CHECK(r.items[i].q == z.items[i].q);
        CHECK(memcmp(r.items[i].order, z.items[i].order, sizeof r.items[i].order) == 0);
    }
    for (int i = 0; i < 2; i++) {
        CHECK(r.answers[i].picked == z.answers[i].picked && r.answers[i].correct == z.answers[i].correct);
        CHECK_STR(r.answers[i].question_id, z.answers[i].question_id);
    }
    answer_one(&r, true);
    CHECK(quiz_finished(&r) && r.score == 2 && !quiz_passed(&r)); /* 2 of 3 at 90 % */
    arena_free(&a);
}

/* Nothing worth keeping: no answer yet, every answer given, a follow-up quiz, no room. */
static void test_draft_only_when_worth_keeping(void)
{
    Pool p = make_pool();
    Arena a = {0};
    Quiz z;
    char buf[512];
    quiz_start_test(&z, &a, &p, 0, 7, 1000);
    CHECK(!quiz_draft(&z, buf, sizeof buf));
    answer_one(&z, true);
    CHECK(!quiz_draft(&z, buf, 20)); /* does not fit */
    CHECK(quiz_draft(&z, buf, sizeof buf));
    answer_all(&z, true);
    CHECK(!quiz_draft(&z, buf, sizeof buf));
    const Question *qs[2] = {&questions[0], &questions[1]};
    quiz_start_followup(&z, &a, qs, 2, 7, 1000);
    answer_one(&z, true);
    CHECK(!quiz_draft(&z, buf, sizeof buf));
    arena_free(&a);
}

/* A draft that no longer matches the pool, or is damaged, is refused with the reason. */
static void test_draft_refused_when_content_changed(void)
{
    Pool p = make_pool();
    Arena a = {0};
    Quiz z, r;
    quiz_start_test(&z, &a, &p, 0, 11, 1000);
    answer_one(&z, true);
    char buf[512], bad[600];
    CHECK(quiz_draft(&z, buf, sizeof buf));
    Err e = {{0}};
    snprintf(bad, sizeof bad, "%s", buf);
    char *id = strstr(bad, " q");
    CHECK(id != NULL);
    id[2] = 'x'; /* a question id the pool does not have */
    CHECK(!quiz_resume(&r, &a, &p, bad, &e));
    CHECK(strstr(e.msg, "no longer in the pool") != NULL);
    p.questions[0].nchoices = 3; /* a choice removed from a question */
    int drawn0 = 0;
    for (int i = 0; i < z.nitems; i++)
        drawn0 |= z.items[i].q == &questions[0];
    CHECK(quiz_resume(&r, &a, &p, buf, &e) == !drawn0);
    p = make_pool();
    CHECK(!quiz_resume(&r, &a, &p, "t1 nonsense", &e));
    CHECK_STR(e.msg, "the unfinished test is damaged");
    CHECK(!quiz_resume(&r, &a, &p, "", &e));
    snprintf(bad, sizeof bad, "%s 1", buf); /* an answer too many */
    CHECK(!quiz_resume(&r, &a, &p, bad, &e));
    arena_free(&a);
}

static void test_resume_window(void)
{
    CHECK(QUIZ_RESUME_S == 1800);
    CHECK(quiz_resumable(1000, 1000) && quiz_resumable(1000, 1000 + 1800));
    CHECK(!quiz_resumable(1000, 1000 + 1801));
    CHECK(!quiz_resumable(2000, 1000)); /* kept "in the future": a clock set back */
}

int main(void)
{
    RUN(test_draws_distinct_questions);
    RUN(test_same_seed_same_order);
    RUN(test_all_right_passes);
    RUN(test_wrong_fails_and_multiple_needs_all);
    RUN(test_pass_mark_override_and_abandon);
    RUN(test_single_pick_replaces);
    RUN(test_retake_missed_then_fresh);
    RUN(test_retake_small_pool_fills_with_others);
    RUN(test_retake_all_missed);
    RUN(test_retake_deterministic);
    RUN(test_pass_count);
    RUN(test_draft_resumes_where_left);
    RUN(test_draft_only_when_worth_keeping);
    RUN(test_draft_refused_when_content_changed);
    RUN(test_resume_window);
    return TEST_END();
}
