/* test_bank_check.c — the bank's cues and shape (bank_check.c).
 *
 * Each file in tests/fixtures/bank/cues is a pool of measure 7 with one cue, loaded alone; its
 * leading `# expect: LINE:COL: message` lines are exactly what bank_check must report (a line
 * without a position is bank-wide: "FILE: message"). Every fixture was also run through
 * tools/bankcheck.py, which reports the same rule for it. tests/fixtures/bank/clean is a whole
 * content directory with no cue: it passes --strict. The rules' edges are tested on pools built in
 * code. Run from the repository root. */
#include "bank_check.h"
#include "helpers.h"
#include "test.h"

#include <stdlib.h>

#define CUES "tests/fixtures/bank/cues"
#define CLEAN "tests/fixtures/bank/clean"

/* The expected messages of a fixture: "path:LINE:COL: ..." or "path: ..." */
static int expects(const char *path, char out[][640], int max)
{
    char *data = file_text(path, NULL);
    const char *tag = "# expect: ";
    int n = 0;
    for (const char *p = data; p && n < max && strncmp(p, tag, strlen(tag)) == 0; n++) {
        const char *start = p + strlen(tag), *end = strchr(start, '\n');
        int len = (int)(end ? end - start : (long)strlen(start));
        bool positioned = start[0] >= '0' && start[0] <= '9';
        snprintf(out[n], sizeof out[n], "%s:%s%.*s", path, positioned ? "" : " ", len, start);
        p = end ? end + 1 : start + len;
    }
    free(data);
    return n;
}

static void check_cue_file(const char *name)
{
    char path[512], want[8][640];
    snprintf(path, sizeof path, "%s/%s", CUES, name);
    int nwant = expects(path, want, 8);
    size_t n;
    char *data = file_text(path, &n);
    Content c = {0};
    ErrList errs = {0};
    CHECK(data && content_load_buffer(&c, path, "quiz", data, n, &errs));
    c.dir = path; /* bank-wide findings name it */
    BankReport r;
    bank_check(&c, false, &r);
    bool same = r.nfindings == nwant && nwant > 0;
    for (int i = 0; same && i < nwant; i++)
        same = strcmp(r.findings[i].msg, want[i]) == 0;
    if (!same) {
        fprintf(stderr, "%s: expected\n", path);
        for (int i = 0; i < nwant; i++)
            fprintf(stderr, "  %s\n", want[i]);
        fprintf(stderr, "got\n");
        for (int i = 0; i < r.nfindings; i++)
            fprintf(stderr, "  %s\n", r.findings[i].msg);
    }
    CHECK(same);
    bank_report_free(&r);
    bank_check(&c, true, &r); /* --strict: the same findings, every one an error */
    CHECK(r.nfindings == nwant && r.warnings == 0 && r.errors == nwant);
    for (int i = 0; i < r.nfindings; i++)
        CHECK(!contains(r.findings[i].msg, "warning:"));
    bank_report_free(&r);
    errlist_free(&errs);
    content_free(&c);
    free(data);
}

static void test_cue_fixtures(void)
{
    DIR *d = opendir(CUES);
    struct dirent *ent;
    int files = 0;
    while (d && (ent = readdir(d)))
        if (strstr(ent->d_name, ".yaml")) {
            check_cue_file(ent->d_name);
            files++;
        }
    if (d)
        closedir(d);
    CHECK(files >= 11);
}

static void test_clean_passes_strict(void)
{
    Content c;
    ErrList errs = {0};
    CHECK(content_load(&c, CLEAN, &errs));
    BankReport r;
    bank_check(&c, true, &r);
    CHECK(r.nfindings == 0 && r.errors == 0);
    const BankShape *sh = &r.measures[6];
    CHECK(sh->present && sh->questions == 10 && sh->single == 4 && sh->multiple == 2 && sh->truefalse == 4);
    CHECK(sh->truefalse_true == 2 && sh->right_first == 1);
    CHECK(sh->ratio[LANG_JA] == 1.0 && sh->ratio[LANG_EN] == 1.0);
    CHECK(sh->multiple_right[1] == 1 && sh->multiple_right[2] == 1);
    CHECK(!r.measures[0].present && r.questions == 10 && r.truefalse == 4 && r.truefalse_true == 2);
    bank_report_free(&r);
    content_free(&c);
    errlist_free(&errs);
}

static void test_text_length(void)
{
    CHECK(bank_text_length("") == 0);
    CHECK(bank_text_length("abc") == 3);
    CHECK(bank_text_length("  a b \n") == 3);
    CHECK(bank_text_length("\u3000日本語です\u3000") == 5); /* code points, full-width spaces left out */
    CHECK(bank_text_length("é") == 1);
}

/* ---- the rules' edges, on one pool of measure 9 built in code ---- */

static Choice ch[6][4];
static Question qs[6];

/* A single question: the right choice (first or second) and three wrong ones, ja and en. */
static void single(int i, const char *right, const char *wrong, bool right_first)
{
    for (int c = 0; c < 4; c++) {
        bool r = right_first ? c == 0 : c == 1;
        ch[i][c] = (Choice){.text = {r ? right : wrong, r ? right : wrong}, .correct = r};
    }
    qs[i] = (Question){
        .id = "q", .kind = QUESTION_SINGLE, .prompt = {"問い", "Question"}, .choices = ch[i], .nchoices = 4};
}

/* Checks one pool of n questions (draw 5, pass 80); returns the findings' rules, e.g. "R1 R2". */
static void rules_of(int n, char *buf, size_t size)
{
    Pool p = {.measure = 9, .draw = 5, .pass_percent = 80, .questions = qs, .nquestions = n};
    Content c = {0};
    c.pools[8] = &p;
    BankReport r;
    bank_check(&c, false, &r);
    buf[0] = '\0';
    for (int i = 0; i < r.nfindings; i++)
        if (strcmp(r.findings[i].rule, "R1") != 0) /* the pool is small on purpose */
            snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", buf[0] ? " " : "", r.findings[i].rule);
    bank_report_free(&r);
}

static void test_length_ratio_edges(void)
{
    char rules[64];
    single(0, "abcd", "abcde", false); /* 4 / 5 = 0.80: inside */
    single(1, "abcde", "abcd", false); /* 5 / 4 = 1.25: inside */
    single(2, "abc", "abcde", false);  /* 0.60 */
    rules_of(2, rules, sizeof rules);
    CHECK_STR(rules, "R3 R3 R3 R3"); /* no R2; 1 of 2 longest and 1 of 2 shortest (> 40 %), ja and en */
    rules_of(3, rules, sizeof rules);
    CHECK_STR(rules, "R2 R2 R3 R3"); /* the third, in ja and en; 2 of 3 shortest, 1 of 3 longest */
}

static void test_words(void)
{
    char rules[64];
    single(0, "abcde", "abcde", false);
    single(1, "Do it because!", "Do it becauses", false); /* reason only in the right one */
    rules_of(2, rules, sizeof rules);
    CHECK_STR(rules, "R4");
    single(1, "Do it As it is!", "Do it Was it is", false); /* any case, whole words */
    rules_of(2, rules, sizeof rules);
    CHECK_STR(rules, "R4");
    single(1, "急ぐので今する", "急ぐため後です", false); /* ので counts, ため without 、/に does not */
    rules_of(2, rules, sizeof rules);
    CHECK_STR(rules, "R4"); /* in ja only */
    single(1, "abcde", "abcde", false);
    qs[1].prompt = (Text){"問い", "You cannot do what?"}; /* lower-case not inside a word: no */
    rules_of(2, rules, sizeof rules);
    CHECK_STR(rules, "");
    qs[1].prompt = (Text){"してはいけないのは？", "What do you NOT do?"};
    rules_of(2, rules, sizeof rules);
    CHECK_STR(rules, "R7 R7");
}

static void test_first_and_kinds(void)
{
    char rules[64];
    single(0, "abcde", "abcde", true);
    single(1, "abcde", "abcde", false);
    rules_of(2, rules, sizeof rules);
    CHECK_STR(rules, ""); /* first in 1 of 2: at most half */
    single(1, "abcde", "abcde", true);
    rules_of(2, rules, sizeof rules);
    CHECK_STR(rules, "R8");
    Choice tf[3][2];
    for (int i = 0; i < 3; i++) {
        tf[i][0] = (Choice){.correct = i < 2}, tf[i][1] = (Choice){.correct = i >= 2};
        qs[i] = (Question){
            .id = "t", .kind = QUESTION_TRUEFALSE, .prompt = {"a", "a"}, .choices = tf[i], .nchoices = 2};
    }
    rules_of(3, rules, sizeof rules);
    CHECK_STR(rules, "R5"); /* 2 true, 1 false: one apart is fine in the pool, but 67 % true in the bank */
    rules_of(2, rules, sizeof rules);
    CHECK_STR(rules, "R5 R5"); /* 2 true, 0 false: the pool and the bank */
}

int main(void)
{
    RUN(test_cue_fixtures);
    RUN(test_clean_passes_strict);
    RUN(test_text_length);
    RUN(test_length_ratio_edges);
    RUN(test_words);
    RUN(test_first_and_kinds);
    return TEST_END();
}
