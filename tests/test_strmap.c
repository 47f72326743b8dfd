/* test_strmap.c — strmap.h: what is put is got back, a second put replaces, many keys survive the
 * table's growth. */
#include "strmap.h"
#include "test.h"

#include <stdio.h>

static void test_put_get_replace(void)
{
    StrMap m = {0};
    CHECK(strmap_get(&m, "営業") == NULL); /* an empty map */
    strmap_put(&m, "営業", "エイギョウ");
    strmap_put(&m, "", "empty key");
    CHECK_STR(strmap_get(&m, "営業"), "エイギョウ");
    CHECK_STR(strmap_get(&m, ""), "empty key");
    CHECK(strmap_get(&m, "総務") == NULL);
    strmap_put(&m, "営業", "エイギョウブ");
    CHECK_STR(strmap_get(&m, "営業"), "エイギョウブ");
    CHECK(m.n == 2);
    strmap_free(&m);
    CHECK(m.n == 0 && strmap_get(&m, "営業") == NULL);
}

static void test_many(void)
{
    StrMap m = {0};
    char k[32], v[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(k, sizeof k, "部署 %d", i);
        snprintf(v, sizeof v, "ブショ %d", i);
        strmap_put(&m, k, v);
    }
    int right = 0;
    for (int i = 0; i < 5000; i++) {
        snprintf(k, sizeof k, "部署 %d", i);
        snprintf(v, sizeof v, "ブショ %d", i);
        const char *got = strmap_get(&m, k);
        right += got && strcmp(got, v) == 0;
    }
    CHECK(right == 5000 && m.n == 5000);
    CHECK(2 * m.n <= m.nslots);
    strmap_free(&m);
}

int main(void)
{
    RUN(test_put_get_replace);
    RUN(test_many);
    return TEST_END();
}
