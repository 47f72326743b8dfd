/* test.h — the whole test framework: CHECK records a failure and goes on; each test file's
 * main ends with TEST_END, which prints "N passed, N failed" (read by tests/run.sh). */
#ifndef MAMORI_TEST_H
#define MAMORI_TEST_H

#include <stdio.h>
#include <string.h>

static int test_passed, test_failed, test_current_failed;

#define CHECK(cond)                                                                                          \
    do {                                                                                                     \
        if (!(cond)) {                                                                                       \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);                         \
            test_current_failed = 1;                                                                         \
        }                                                                                                    \
    } while (0)

#define CHECK_STR(a, b)                                                                                      \
    do {                                                                                                     \
        const char *a_ = (a), *b_ = (b);                                                                     \
        if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                                             \
            fprintf(stderr, "%s:%d: expected \"%s\"\n%*sgot      \"%s\"\n", __FILE__, __LINE__,              \
                    b_ ? b_ : "(null)", 0, "", a_ ? a_ : "(null)");                                          \
            test_current_failed = 1;                                                                         \
        }                                                                                                    \
    } while (0)

#define RUN(fn)                                                                                              \
    do {                                                                                                     \
        test_current_failed = 0;                                                                             \
        fn();                                                                                                \
        if (test_current_failed) {                                                                           \
            test_failed++;                                                                                   \
            fprintf(stderr, "FAIL %s\n", #fn);                                                               \
        } else {                                                                                             \
            test_passed++;                                                                                   \
            printf("ok   %s\n", #fn);                                                                        \
        }                                                                                                    \
    } while (0)

#define TEST_END() (printf("%d passed, %d failed\n", test_passed, test_failed), test_failed ? 1 : 0)

#endif
