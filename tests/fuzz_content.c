/* fuzz_content.c — libFuzzer target for the content loader (`make fuzz`).
 *
 * Each input is loaded three times, as a lesson, a question pool and a pledge. What must stay
 * true for any bytes: no crash, no leak, no undefined behaviour; a load succeeds exactly when
 * it reports no error; and after a success every invariant content.h promises holds (checked
 * here: a violation aborts, which the fuzzer saves as a crash). */
#include "content.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_assert(bool ok)
{
    if (!ok)
        abort();
}

static void fuzz_text(Text t)
{
    fuzz_assert(t.ja && t.en && *t.ja && *t.en);
}

static void fuzz_lesson(const Lesson *l, int measure)
{
    fuzz_assert(l->measure == measure && l->part >= 1 && l->part <= 3);
    fuzz_assert(l->article >= 0 && l->article <= ARTICLES && l->id && l->file);
    fuzz_text(l->title);
    fuzz_assert(l->npages >= 1);
    for (int i = 0; i < l->npages; i++) {
        const Page *p = &l->pages[i];
        fuzz_text(p->title);
        fuzz_assert((p->body.ja != NULL) == (p->body.en != NULL));
        fuzz_assert(p->body.ja || p->nchecklist > 0);
        if (p->body.ja)
            fuzz_text(p->body);
        fuzz_assert(p->nchecklist <= 5);
        for (int k = 0; k < p->nchecklist; k++)
            fuzz_text(p->checklist[k]);
    }
}

static void fuzz_question(const Question *q)
{
    int ncorrect = 0;
    fuzz_assert(q->id != NULL);
    fuzz_text(q->prompt);
    for (int i = 0; i < q->nchoices; i++) {
        fuzz_text(q->choices[i].text);
        fuzz_text(q->choices[i].explain);
        ncorrect += q->choices[i].correct;
    }
    if (q->kind == QUESTION_SINGLE)
        fuzz_assert(ncorrect == 1 && q->nchoices >= 2);
    else if (q->kind == QUESTION_MULTIPLE)
        fuzz_assert(ncorrect >= 1 && q->nchoices >= 2);
    else
        fuzz_assert(q->kind == QUESTION_TRUEFALSE && q->nchoices == 2 && ncorrect == 1);
}

static void fuzz_pool(const Pool *p, int measure)
{
    fuzz_assert(p->measure == measure && p->lesson_id && p->file);
    fuzz_assert(p->nquestions >= 1 && p->draw >= 1 && p->draw <= p->nquestions);
    fuzz_assert(p->pass_percent >= 1 && p->pass_percent <= 100);
    for (int i = 0; i < p->nquestions; i++) {
        fuzz_assert(p->questions[i].measure == measure);
        fuzz_question(&p->questions[i]);
    }
}

static void fuzz_pledge_text(const PledgeText *t)
{
    fuzz_text(t->title);
    fuzz_text(t->opening);
    fuzz_text(t->closing);
    for (int i = 0; i < ARTICLES; i++)
        fuzz_text(t->articles[i]);
}

static void fuzz_content(const Content *c)
{
    for (int m = 1; m <= MEASURES; m++) {
        if (c->lessons[m - 1])
            fuzz_lesson(c->lessons[m - 1], m);
        if (c->pools[m - 1])
            fuzz_pool(c->pools[m - 1], m);
    }
    if (c->pledge) {
        fuzz_pledge_text(&c->pledge->employee);
        fuzz_pledge_text(&c->pledge->president);
    }
    fuzz_assert(strlen(c->version) == 16);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const kinds[] = {"lesson", "quiz", "pledge"};
    for (int k = 0; k < 3; k++) {
        Content c;
        ErrList errs = {0};
        bool ok = content_load_buffer(&c, "fuzz.yaml", kinds[k], (const char *)data, size, &errs);
        fuzz_assert(ok == (errs.nmsgs == 0));
        if (ok)
            fuzz_content(&c);
        content_free(&c);
        errlist_free(&errs);
    }
    return 0;
}
