/* bench_content.c — loading and validating all shipped content (median of 21 loads). */
#include "bench_util.h"
#include "content.h"

#include <stdio.h>

int main(void)
{
    double t[21];
    int lessons = 0, questions = 0;
    for (int i = 0; i < 21; i++) {
        Content c = {0};
        ErrList errs = {0};
        double t0 = bench_ms();
        bool ok = content_load(&c, "content", &errs);
        t[i] = bench_ms() - t0;
        lessons = c.nlessons, questions = c.nquestions;
        errlist_free(&errs);
        content_free(&c);
        if (!ok)
            return fprintf(stderr, "bench_content: content has errors\n"), 1;
    }
    printf("content load + validation (%d lessons, %d questions, median of 21): %.2f ms (target < 20 ms)\n",
           lessons, questions, bench_quantile(t, 21, 0.5));
    return 0;
}
