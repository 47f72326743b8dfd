/* test_quiz.c — drawing, shuffling and scoring of a test, from a pool built in code. */
#include "quiz.h"
#include "test.h"

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

int main(void)
{
    RUN(test_draws_distinct_questions);
    RUN(test_same_seed_same_order);
    RUN(test_all_right_passes);
    RUN(test_wrong_fails_and_multiple_needs_all);
    RUN(test_pass_mark_override_and_abandon);
    RUN(test_single_pick_replaces);
    return TEST_END();
}
