/* test_json.c — the JSON writer: escaping (quotes, backslashes, every control character),
 * valid UTF-8 kept, invalid bytes replaced, and the layout of compact and line-broken output;
 * and the reader (json_read.h): what the writer wrote reads back exactly, anything else is
 * refused. */
#include "test.h"

#include "json.h"
#include "json_read.h"

#include <stdlib.h>
#include <string.h>

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

/* Every byte 1..255 that is valid UTF-8 on its own or in a sequence, written by json_str, reads
 * back as the same string. */
static void write_every_byte(FILE *f)
{
    char s[160];
    int n = 0;
    for (int c = 1; c < 0x80; c++)
        s[n++] = (char)c;
    memcpy(s + n, "守り\xF0\x9F\x98\x80", 10);
    s[n + 10] = '\0';
    json_str(f, s);
}

static void test_read_back(void)
{
    Arena a = {0};
    char *text = written(write_every_byte);
    const JsonValue *v = json_parse(&a, text);
    CHECK(v && v->kind == JV_STRING && strlen(v->s) == 127 + 10);
    CHECK(v && v->s[0] == 1 && v->s[126] == 0x7F && strcmp(v->s + 127, "守り\xF0\x9F\x98\x80") == 0);
    free(text);
    v = json_parse(&a, " {\"code\":\"0001\",\"n\":-9223372036854775808,\"ok\":true,\"no\":false,\"z\":null,"
                       "\"list\":[0,2,31],\"o\":{},\"e\":[],\"u\":\"\\u00e9\\ud83d\\ude00\\/\"} ");
    const char *code, *u;
    int64_t n;
    bool ok, no;
    CHECK(v && json_get_str(v, "code", &code) && strcmp(code, "0001") == 0);
    CHECK(json_get_int(v, "n", &n) && n == INT64_MIN);
    CHECK(json_get_bool(v, "ok", &ok) && ok && json_get_bool(v, "no", &no) && !no);
    CHECK(json_get(v, "z") && json_get(v, "z")->kind == JV_NULL && !json_get_str(v, "z", &code));
    CHECK(json_get(v, "list")->n == 3 && json_get(v, "list")->items[2].i == 31);
    CHECK(json_get(v, "o")->kind == JV_OBJECT && json_get(v, "e")->n == 0 && !json_get(v, "missing"));
    CHECK(json_get_str(v, "u", &u) && strcmp(u, "\xC3\xA9\xF0\x9F\x98\x80/") == 0);
    arena_free(&a);
}

static void test_read_refuses(void)
{
    static const char *const BAD[] = {"",
                                      "{",
                                      "{\"a\":1,}",
                                      "[1 2]",
                                      "01",
                                      "1.5",
                                      "1e3",
                                      "\"\\u0000\"",
                                      "\"\\ud800\"",
                                      "\"a",
                                      "\"\t\"",
                                      "{} x",
                                      "[tru]",
                                      "9223372036854775808",
                                      "{1:2}",
                                      "\"\\x\""};
    Arena a = {0};
    for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++)
        if (json_parse(&a, BAD[i]) != NULL) {
            fprintf(stderr, "  took: %s\n", BAD[i]);
            CHECK(false);
        }
    char deep[80] = {0};
    memset(deep, '[', 40);
    CHECK(json_parse(&a, deep) == NULL);
    arena_free(&a);
}

int main(void)
{
    RUN(test_escapes);
    RUN(test_utf8);
    RUN(test_layouts);
    RUN(test_keys_escaped);
    RUN(test_read_back);
    RUN(test_read_refuses);
    return TEST_END();
}
