/* test_json.c — the JSON writer: escaping (quotes, backslashes, every control character),
 * valid UTF-8 kept, invalid bytes replaced, and the layout of compact and line-broken output. */
#include "test.h"

#include "json.h"

#include <stdlib.h>

/* What fn wrote, as a heap string. */
static char *written(void (*fn)(FILE *f))
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    fn(f);
    fclose(f);
    return buf;
}

static void check_str(const char *in, const char *want)
{
    char *got = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&got, &len);
    json_str(f, in);
    fclose(f);
    CHECK_STR(got, want);
    free(got);
}

static void test_escapes(void)
{
    check_str("plain", "\"plain\"");
    check_str("", "\"\"");
    check_str("say \"hi\" \\ bye", "\"say \\\"hi\\\" \\\\ bye\"");
    check_str("a\nb\rc\td\be\ff", "\"a\\nb\\rc\\td\\be\\ff\"");
    check_str("\x01\x1f\x7f", "\"\\u0001\\u001f\x7f\"");
    check_str("</script>", "\"</script>\"");
    check_str(NULL, "null");
}

static void test_utf8(void)
{
    check_str("山田 花子", "\"山田 花子\"");
    check_str("😀 ﾊﾝｶｸ", "\"😀 ﾊﾝｶｸ\"");
    check_str("\x8eR\x93\x63", "\"\xEF\xBF\xBDR\xEF\xBF\xBD"
                               "c\"");                                     /* Shift_JIS bytes */
    check_str("\xE5\xB1", "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");                 /* cut short */
    check_str("\xC0\xAF", "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");                 /* overlong '/' */
    check_str("\xED\xA0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""); /* a surrogate */
}

static void write_doc(Json *j)
{
    json_object(j);
    json_key(j, "name");
    json_string(j, "A");
    json_key(j, "n");
    json_int(j, -42);
    json_key(j, "big");
    json_int(j, INT64_MAX);
    json_key(j, "list");
    json_array(j);
    json_int(j, 1);
    json_object(j);
    json_key(j, "ok");
    json_bool(j, true);
    json_key(j, "no");
    json_bool(j, false);
    json_end(j);
    json_null(j);
    json_end(j);
    json_key(j, "empty");
    json_object(j);
    json_end(j);
    json_key(j, "none");
    json_array(j);
    json_end(j);
    json_end(j);
}

static void write_compact(FILE *f)
{
    Json j;
    json_init(&j, f, 0);
    write_doc(&j);
}

static void write_one_level(FILE *f)
{
    Json j;
    json_init(&j, f, 1);
    write_doc(&j);
}

static void write_two_levels(FILE *f)
{
    Json j;
    json_init(&j, f, 2);
    write_doc(&j);
}

static void write_scalar(FILE *f)
{
    Json j;
    json_init(&j, f, 3);
    json_string(&j, "alone");
}

static void test_layouts(void)
{
    char *got = written(write_compact);
    CHECK_STR(got, "{\"name\":\"A\",\"n\":-42,\"big\":9223372036854775807,"
                   "\"list\":[1,{\"ok\":true,\"no\":false},null],\"empty\":{},\"none\":[]}");
    free(got);
    got = written(write_one_level);
    CHECK_STR(got, "{\n"
                   "  \"name\": \"A\",\n"
                   "  \"n\": -42,\n"
                   "  \"big\": 9223372036854775807,\n"
                   "  \"list\": [1, {\"ok\": true, \"no\": false}, null],\n"
                   "  \"empty\": {},\n"
                   "  \"none\": []\n"
                   "}\n");
    free(got);
    got = written(write_two_levels);
    CHECK_STR(got, "{\n"
                   "  \"name\": \"A\",\n"
                   "  \"n\": -42,\n"
                   "  \"big\": 9223372036854775807,\n"
                   "  \"list\": [\n"
                   "    1,\n"
                   "    {\"ok\": true, \"no\": false},\n"
                   "    null\n"
                   "  ],\n"
                   "  \"empty\": {},\n"
                   "  \"none\": []\n"
                   "}\n");
    free(got);
    got = written(write_scalar);
    CHECK_STR(got, "\"alone\"");
    free(got);
}

static void write_escaped_key(FILE *f)
{
    Json j;
    json_init(&j, f, 0);
    json_object(&j);
    json_key(&j, "a\"b");
    json_string(&j, NULL);
    json_end(&j);
}

static void test_keys_escaped(void)
{
    char *got = written(write_escaped_key);
    CHECK_STR(got, "{\"a\\\"b\":null}");
    free(got);
}

int main(void)
{
    RUN(test_escapes);
    RUN(test_utf8);
    RUN(test_layouts);
    RUN(test_keys_escaped);
    return TEST_END();
}
