/* test_content.c — the content loader, its helpers (utf8, yml) and `mamori check`.
 *
 * Bad fixtures live in tests/fixtures/content/bad: a file NAME.yaml is loaded alone with
 * content_load_buffer (kind from its prefix: lesson-, quiz-, pledge-), a directory dir-NAME/ is
 * loaded with content_load. Every fixture file starts with one `# expect: LINE:COL: message`
 * line per error it must produce ($DIR stands for the directory it is in); a directory may add
 * expect.txt for errors that no file can carry ("PATH: message", PATH relative to it). The test
 * asserts that exactly the expected errors are reported. Run from the repository root. */
#include "cli_check.h"
#include "content.h"
#include "helpers.h"
#include "test.h"
#include "utf8.h"
#include "yml.h"

#include <dirent.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define BAD "tests/fixtures/content/bad"
#define GOOD "tests/fixtures/content/good"

typedef struct {
    char **items;
    int n, cap;
} Strings;

static void strings_add(Strings *s, char *item)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->items = xrealloc(s->items, (size_t)s->cap * sizeof *s->items);
    }
    s->items[s->n++] = item;
}

static void strings_free(Strings *s)
{
    for (int i = 0; i < s->n; i++)
        free(s->items[i]);
    free(s->items);
    *s = (Strings){0};
}

static int compare_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names in dir (no dot files) that end with suffix ("" for any), sorted. */
static Strings list_names(const char *dir, const char *suffix)
{
    Strings s = {0};
    DIR *d = opendir(dir);
    if (!d)
        return s;
    for (struct dirent *e; (e = readdir(d));) {
        size_t n = strlen(e->d_name), k = strlen(suffix);
        if (e->d_name[0] != '.' && n > k && strcmp(e->d_name + n - k, suffix) == 0)
            strings_add(&s, xstrdup(e->d_name));
    }
    closedir(d);
    if (s.n > 0)
        qsort(s.items, (size_t)s.n, sizeof *s.items, compare_str);
    return s;
}

static char *read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0, got;
    char *buf = xmalloc(cap + 1);
    while ((got = fread(buf + len, 1, cap - len, f)) > 0)
        if ((len += got) == cap)
            buf = xrealloc(buf, (cap *= 2) + 1);
    fclose(f);
    buf[len] = '\0';
    *n = len;
    return buf;
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* "PREFIX" + line with every $DIR replaced by dir. */
static char *expand(const char *prefix, const char *line, size_t len, const char *dir)
{
    char buf[2048];
    size_t o = (size_t)snprintf(buf, sizeof buf, "%s", prefix);
    for (size_t i = 0; i < len && o < sizeof buf - 1;) {
        if (strncmp(line + i, "$DIR", 4) == 0) {
            o += (size_t)snprintf(buf + o, sizeof buf - o, "%s", dir);
            i += 4;
        } else {
            buf[o++] = line[i++];
        }
        o = o < sizeof buf - 1 ? o : sizeof buf - 1;
    }
    buf[o] = '\0';
    return xstrdup(buf);
}

/* The leading "# expect: ..." lines of the file at path, as full messages "path:...". */
static void expects_of_file(const char *path, const char *dir, Strings *out)
{
    size_t n;
    char *data = read_file(path, &n), prefix[1024];
    if (!data)
        return;
    snprintf(prefix, sizeof prefix, "%s:", path);
    const char *tag = "# expect: ";
    for (const char *p = data; strncmp(p, tag, strlen(tag)) == 0;) {
        const char *start = p + strlen(tag), *end = strchr(start, '\n');
        end = end ? end : start + strlen(start);
        strings_add(out, expand(prefix, start, (size_t)(end - start), dir));
        p = *end ? end + 1 : end;
    }
    free(data);
}

/* Lines of dir/expect.txt, as "dir/LINE". */
static void expects_of_list(const char *dir, Strings *out)
{
    char path[2048], prefix[2048];
    snprintf(path, sizeof path, "%s/expect.txt", dir);
    snprintf(prefix, sizeof prefix, "%s/", dir);
    size_t n;
    char *data = read_file(path, &n);
    for (char *line = data, *end; line && *line; line = end + 1) {
        end = strchr(line, '\n');
        if (!end)
            end = line + strlen(line) - 1;
        strings_add(out, expand(prefix, line, (size_t)(end - line), dir));
        if (!end[1])
            break;
    }
    free(data);
}

static bool errs_have(const ErrList *errs, const char *msg)
{
    for (int i = 0; i < errs->nmsgs; i++)
        if (strcmp(errs->msgs[i], msg) == 0)
            return true;
    return false;
}

/* Exactly the expected errors: each one reported, and nothing else. */
static void check_errors(const char *what, const ErrList *errs, const Strings *expected)
{
    bool same = errs->nmsgs == expected->n;
    for (int i = 0; i < expected->n; i++)
        if (!errs_have(errs, expected->items[i])) {
            fprintf(stderr, "%s: missing error:\n  %s\n", what, expected->items[i]);
            same = false;
        }
    if (!same) {
        fprintf(stderr, "%s: expected %d errors, got %d:\n", what, expected->n, errs->nmsgs);
        for (int i = 0; i < errs->nmsgs; i++)
            fprintf(stderr, "  %s\n", errs->msgs[i]);
    }
    CHECK(same);
    CHECK(expected->n > 0);
}

static const char *kind_of(const char *name)
{
    if (strncmp(name, "lesson-", 7) == 0)
        return "lesson";
    if (strncmp(name, "quiz-", 5) == 0)
        return "quiz";
    if (strncmp(name, "diagnosis-", 10) == 0)
        return "diagnosis";
    return strncmp(name, "pledge-", 7) == 0 ? "pledge" : NULL;
}

static void check_bad_file(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", BAD, name);
    Strings expected = {0};
    expects_of_file(path, BAD, &expected);
    size_t n;
    char *data = read_file(path, &n);
    Content c;
    ErrList errs = {0};
    CHECK(kind_of(name) != NULL);
    CHECK(data && !content_load_buffer(&c, path, kind_of(name), data, n, &errs));
    check_errors(path, &errs, &expected);
    content_free(&c);
    errlist_free(&errs);
    strings_free(&expected);
    free(data);
}

/* One bad file per error class a single file can have. */
static void test_content_bad_files(void)
{
    Strings names = list_names(BAD, ".yaml");
    CHECK(names.n >= 60);
    for (int i = 0; i < names.n; i++)
        check_bad_file(names.items[i]);
    strings_free(&names);
}

static void expects_of_subdir(const char *dir, const char *sub, Strings *out)
{
    char path[1024];
    snprintf(path, sizeof path, "%.900s/%s", dir, sub);
    Strings names = list_names(path, ".yaml");
    for (int i = 0; i < names.n; i++) {
        char file[2048];
        snprintf(file, sizeof file, "%s/%s", path, names.items[i]);
        if (is_file(file))
            expects_of_file(file, dir, out);
    }
    strings_free(&names);
}

static void check_bad_dir(const char *name)
{
    char dir[512], pledge[600];
    snprintf(dir, sizeof dir, "%s/%s", BAD, name);
    snprintf(pledge, sizeof pledge, "%s/pledge.yaml", dir);
    Strings expected = {0};
    expects_of_subdir(dir, "lessons", &expected);
    expects_of_subdir(dir, "quizzes", &expected);
    expects_of_file(pledge, dir, &expected);
    expects_of_list(dir, &expected);
    Content c;
    ErrList errs = {0};
    CHECK(!content_load(&c, dir, &errs));
    check_errors(dir, &errs, &expected);
    content_free(&c);
    errlist_free(&errs);
    strings_free(&expected);
}

/* Errors that need a whole directory: across files, missing and unreadable files. */
static void test_content_bad_dirs(void)
{
    Strings names = list_names(BAD, "");
    int ndirs = 0;
    for (int i = 0; i < names.n; i++)
        if (strncmp(names.items[i], "dir-", 4) == 0) {
            check_bad_dir(names.items[i]);
            ndirs++;
        }
    CHECK(ndirs >= 10);
    strings_free(&names);
}

static int count_errors_in(const ErrList *errs, const char *file)
{
    int n = 0;
    for (int i = 0; i < errs->nmsgs; i++)
        n += strncmp(errs->msgs[i], file, strlen(file)) == 0;
    return n;
}

/* One run reports every error of every file, not just the first. */
static void test_content_several_errors(void)
{
    Content c;
    ErrList errs = {0};
    CHECK(!content_load(&c, BAD "/dir-several", &errs));
    CHECK(errs.nmsgs == 6);
    CHECK(count_errors_in(&errs, BAD "/dir-several/lessons/01-update.yaml:") == 3);
    CHECK(count_errors_in(&errs, BAD "/dir-several/lessons/02-antivirus.yaml:") == 1);
    CHECK(count_errors_in(&errs, BAD "/dir-several/quizzes/01-update.yaml:") == 1);
    CHECK(count_errors_in(&errs, BAD "/dir-several/pledge.yaml:") == 1);
    content_free(&c);
    errlist_free(&errs);

    size_t n;
    char *data = read_file(BAD "/lesson-several.yaml", &n);
    CHECK(data && !content_load_buffer(&c, "x.yaml", "lesson", data, n, &errs));
    CHECK(errs.nmsgs == 7);
    content_free(&c);
    errlist_free(&errs);
    free(data);
}

static void check_text(Text t, const char *ja, const char *en)
{
    CHECK_STR(t.ja, ja);
    CHECK_STR(t.en, en);
}

static void check_good_lesson(const Lesson *l)
{
    CHECK_STR(l->id, "update");
    CHECK_STR(l->file, GOOD "/lessons/01-update.yaml");
    CHECK(l->measure == 1 && l->part == 1 && l->article == 1);
    CHECK(l->version == 2 && l->minutes == 3);
    CHECK_STR(l->picture, "update.svg");
    check_text(l->title, "更新をすぐに", "Update at once");
    CHECK(l->npages == 3);
    if (l->npages != 3)
        return;
    CHECK(l->pages[0].kind == PAGE_WHY && l->pages[0].nchecklist == 0);
    check_text(l->pages[0].title, "なぜ", "Why");
    check_text(l->pages[0].body, "古いソフトは危ない。\n\nすぐ直す。\n", "Old software is risky.");
    CHECK(l->pages[1].kind == PAGE_TODO && l->pages[1].nchecklist == 2);
    CHECK(!l->pages[1].body.ja && !l->pages[1].body.en);
    if (l->pages[1].nchecklist == 2) {
        check_text(l->pages[1].checklist[0], "更新する", "Update");
        check_text(l->pages[1].checklist[1], "再起動する", "Restart");
    }
    CHECK(l->pages[2].kind == PAGE_POINT);
    check_text(l->pages[2].body, "その日のうちに。", "The same day.");
}

static void check_good_pool(const Pool *p)
{
    CHECK_STR(p->file, GOOD "/quizzes/01-update.yaml");
    CHECK(p->measure == 1 && p->draw == 2 && p->pass_percent == 80);
    CHECK_STR(p->lesson_id, "update");
    CHECK(p->nquestions == 3);
    if (p->nquestions != 3)
        return;
    const Question *q = &p->questions[0];
    CHECK_STR(q->id, "update-later");
    CHECK(q->kind == QUESTION_SINGLE && q->measure == 1 && q->nchoices == 2);
    check_text(q->prompt, "通知が出たら？", "An update appears. What do you do?");
    check_text(q->choices[0].text, "すぐ入れる", "Install it now");
    check_text(q->choices[0].explain, "弱点がふさがります。", "It closes the hole.");
    CHECK(q->choices[0].correct && !q->choices[1].correct);
    q = &p->questions[1];
    CHECK(q->kind == QUESTION_MULTIPLE && q->nchoices == 3);
    CHECK(q->choices[0].correct && q->choices[1].correct && !q->choices[2].correct);
    q = &p->questions[2];
    CHECK_STR(q->id, "update-weekend");
    CHECK(q->kind == QUESTION_TRUEFALSE && q->nchoices == 2);
    check_text(q->choices[0].text, "正しい", "True");
    check_text(q->choices[1].text, "誤り", "False");
    CHECK(!q->choices[0].correct && q->choices[1].correct);
    check_text(q->choices[0].explain, "その日のうちに入れます。", "Install it the same day.");
    check_text(q->choices[1].explain, "その日のうちに入れます。", "Install it the same day.");
}

static void check_good_pledge(const Pledge *pl)
{
    CHECK(pl->version == 3);
    check_text(pl->employee.title, "私の宣言", "My pledge");
    check_text(pl->employee.opening, "私は次を守ります。", "I will do these things.");
    check_text(pl->employee.articles[0], "更新します", "I update");
    check_text(pl->employee.articles[4], "手口を知ります", "I learn the threats");
    check_text(pl->employee.closing, "以上です。", "That is all.");
    check_text(pl->president.title, "会社の宣言", "Our pledge");
    check_text(pl->president.articles[2], "強いパスワードにさせます", "We use strong passwords");
    check_text(pl->president.closing, "社長", "The president");
}

/* The minimal good directory loads into exactly the structs its YAML says. */
static void test_content_good(void)
{
    Content c;
    ErrList errs = {0};
    CHECK(content_load(&c, GOOD "/", &errs));
    CHECK(errs.nmsgs == 0);
    CHECK_STR(c.dir, GOOD);
    CHECK(c.nlessons == 1 && c.nquestions == 3);
    for (int m = 2; m <= MEASURES; m++)
        CHECK(!c.lessons[m - 1] && !c.pools[m - 1]);
    if (c.lessons[0])
        check_good_lesson(c.lessons[0]);
    if (c.pools[0])
        check_good_pool(c.pools[0]);
    CHECK(c.pledge != NULL);
    if (c.pledge)
        check_good_pledge(c.pledge);
    content_free(&c);
    errlist_free(&errs);
}

static void test_content_lookups(void)
{
    Content c;
    ErrList errs = {0};
    CHECK(content_load(&c, GOOD, &errs));
    CHECK(content_lesson(&c, 1) == c.lessons[0] && c.lessons[0]);
    CHECK(content_pool(&c, 1) == c.pools[0] && c.pools[0]);
    CHECK(!content_lesson(&c, 0) && !content_lesson(&c, 26) && !content_lesson(&c, 2));
    CHECK(!content_pool(&c, 0) && !content_pool(&c, 26) && !content_pool(&c, 2));
    const Question *q = content_question(&c, "update-weekend");
    CHECK(q && q == &c.pools[0]->questions[2]);
    CHECK(!content_question(&c, "update") && !content_question(&c, ""));
    CHECK(content_article_measure(&c, 1) == 1);
    CHECK(content_article_measure(&c, 2) == 0);
    CHECK(content_article_measure(&c, 0) == 0 && content_article_measure(&c, 6) == 0);
    Text t = {"日本語", "English"};
    CHECK_STR(text_get(t, LANG_JA), "日本語");
    CHECK_STR(text_get(t, LANG_EN), "English");
    content_free(&c);
    CHECK(!content_lesson(&c, 1) && !c.pledge); /* freed content is empty, and free is repeatable */
    content_free(&c);
    errlist_free(&errs);
}

static void hash_file(crypto_hash_sha256_state *st, const char *dir, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t n = 0;
    char *data = read_file(path, &n);
    unsigned char size[8];
    for (int i = 0; i < 8; i++)
        size[i] = (unsigned char)((uint64_t)n >> (8 * i));
    crypto_hash_sha256_update(st, (const unsigned char *)name, strlen(name) + 1);
    crypto_hash_sha256_update(st, size, 8);
    crypto_hash_sha256_update(st, (const unsigned char *)data, n);
    free(data);
}

/* The content version: first 8 bytes of SHA-256 over name, NUL, size, bytes of each file. */
static void test_content_version(void)
{
    CHECK(sodium_init() >= 0);
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    hash_file(&st, GOOD, "lessons/01-update.yaml");
    hash_file(&st, GOOD, "quizzes/01-update.yaml");
    hash_file(&st, GOOD, "pledge.yaml");
    unsigned char digest[32];
    crypto_hash_sha256_final(&st, digest);
    char hex[17];
    sodium_bin2hex(hex, sizeof hex, digest, 8);

    Content c;
    ErrList errs = {0};
    CHECK(content_load(&c, GOOD, &errs));
    CHECK_STR(c.version, hex);
    CHECK(strlen(c.version) == 16);
    content_free(&c);

    const char *lesson = "id: x\n";
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const unsigned char *)"mem.yaml", 9);
    crypto_hash_sha256_update(&st, (const unsigned char *)"\6\0\0\0\0\0\0\0", 8);
    crypto_hash_sha256_update(&st, (const unsigned char *)lesson, 6);
    crypto_hash_sha256_final(&st, digest);
    sodium_bin2hex(hex, sizeof hex, digest, 8);
    CHECK(!content_load_buffer(&c, "mem.yaml", "lesson", lesson, 6, &errs));
    CHECK_STR(c.version, hex);
    content_free(&c);
    errlist_free(&errs);
}

/* One file in memory: good ones load alone; a pool's lesson is not looked for. */
static void test_content_load_buffer(void)
{
    static const char *const files[][2] = {{GOOD "/lessons/01-update.yaml", "lesson"},
                                           {GOOD "/quizzes/01-update.yaml", "quiz"},
                                           {GOOD "/pledge.yaml", "pledge"}};
    for (int i = 0; i < 3; i++) {
        size_t n;
        char *data = read_file(files[i][0], &n);
        Content c;
        ErrList errs = {0};
        CHECK(data && content_load_buffer(&c, files[i][0], files[i][1], data, n, &errs));
        CHECK(errs.nmsgs == 0);
        CHECK(i != 0 || (c.nlessons == 1 && c.lessons[0]));
        CHECK(i != 1 || (c.nquestions == 3 && c.pools[0]));
        CHECK(i != 2 || c.pledge);
        if (i == 0 && c.lessons[0])
            check_good_lesson(c.lessons[0]);
        if (i == 1 && c.pools[0])
            check_good_pool(c.pools[0]);
        CHECK(!c.dir);
        content_free(&c);
        errlist_free(&errs);
        free(data);
    }
}

/* Errors already in the list belong to someone else: success means none were added. */
static void test_content_errs_kept(void)
{
    Content c;
    ErrList errs = {0};
    errlist_add(&errs, (Pos){0}, "earlier");
    CHECK(content_load(&c, GOOD, &errs));
    CHECK(errs.nmsgs == 1);
    content_free(&c);
    CHECK(!content_load(&c, BAD "/dir-pledge", &errs));
    CHECK(errs.nmsgs == 2);
    CHECK_STR(errs.msgs[0], "earlier");
    content_free(&c);
    errlist_free(&errs);
}

static void write_file(const char *path, const char *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        CHECK(fwrite(data, 1, n, f) == n);
        fclose(f);
    }
}

/* Files that cannot be opened (a dangling link) or are too large (over 1 MiB), hidden and
 * non-YAML files ignored, and an unreadable pledge. */
static void test_content_bad_files_on_disk(void)
{
    char dir[] = "/tmp/mamori-content-XXXXXX", path[256], expect[512];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/lessons", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/quizzes", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/lessons/01-gone.yaml", dir);
    CHECK(symlink("/nonexistent/mamori", path) == 0);
    size_t big = (1u << 20) + 1;
    char *data = xmalloc(big);
    memset(data, '#', big);
    snprintf(path, sizeof path, "%s/quizzes/01-big.yaml", dir);
    write_file(path, data, big);
    free(data);
    snprintf(path, sizeof path, "%s/quizzes/.hidden.yaml", dir);
    write_file(path, "{{{", 3);
    snprintf(path, sizeof path, "%s/quizzes/notes.txt", dir);
    write_file(path, "{{{", 3);
    snprintf(path, sizeof path, "%s/pledge.yaml", dir);
    mkdir(path, 0700);

    Content c;
    ErrList errs = {0};
    CHECK(!content_load(&c, dir, &errs));
    CHECK(errs.nmsgs == 3);
    snprintf(expect, sizeof expect, "%s/lessons/01-gone.yaml: cannot open: No such file or directory", dir);
    CHECK(errs_have(&errs, expect));
    snprintf(expect, sizeof expect, "%s/quizzes/01-big.yaml: larger than 1048576 bytes", dir);
    CHECK(errs_have(&errs, expect));
    snprintf(expect, sizeof expect, "%s/pledge.yaml: cannot read: Is a directory", dir);
    CHECK(errs_have(&errs, expect));
    content_free(&c);
    errlist_free(&errs);

    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    CHECK(system(path) == 0);
}

/* The content the kiosk ships loads without a single error. */
static void test_content_shipped(void)
{
    Content c;
    ErrList errs = {0};
    bool ok = content_load(&c, "content", &errs);
    for (int i = 0; i < errs.nmsgs; i++)
        fprintf(stderr, "  %s\n", errs.msgs[i]);
    CHECK(ok);
    CHECK(errs.nmsgs == 0);
    content_free(&c);
    errlist_free(&errs);
}

static void coverage_measure(const Content *c, int m)
{
    static const int article_of[MEASURES + 1] = {0, 1, 2, 3, 4, 0, 5};
    const Lesson *l = content_lesson(c, m);
    const Pool *p = content_pool(c, m);
    int need = article_of[m] ? 12 : 10;
    if (!l || !p || p->nquestions < need || (l && l->article != article_of[m]))
        fprintf(stderr,
                "  measure %d: lesson %s, pool %s with %d questions (need %d), article %d "
                "(need %d)\n",
                m, l ? l->id : "missing", p ? "present" : "missing", p ? p->nquestions : 0, need,
                l ? l->article : 0, article_of[m]);
    CHECK(l && p);
    CHECK(p && p->nquestions >= need);
    CHECK(l && l->article == article_of[m]);
}

/* The shipped content covers the whole sheet: 25 lessons and pools of at least 10 questions,
 * the five articles on measures 1, 2, 3, 4 and 6 with at least 12 each, 250 or more in all,
 * true/false statements 35-65 % true (issue 11), and the pledge. */
static void test_content_coverage(void)
{
    Content c;
    ErrList errs = {0};
    content_load(&c, "content", &errs);
    int total = 0, statements = 0, true_ones = 0;
    for (int m = 1; m <= MEASURES; m++) {
        coverage_measure(&c, m);
        for (int i = 0; content_pool(&c, m) && i < content_pool(&c, m)->nquestions; i++) {
            const Question *q = &content_pool(&c, m)->questions[i];
            total++;
            statements += q->kind == QUESTION_TRUEFALSE;
            true_ones += q->kind == QUESTION_TRUEFALSE && q->choices[0].correct;
        }
    }
    if (total < 250 || true_ones * 100 < 35 * statements || true_ones * 100 > 65 * statements)
        fprintf(stderr,
                "  the bank: %d questions (need 250), %d of %d true/false statements true (need 35-65 %%)\n",
                total, true_ones, statements);
    CHECK(total >= 250);
    CHECK(statements > 0 && true_ones * 100 >= 35 * statements && true_ones * 100 <= 65 * statements);
    static const int measures[ARTICLES] = {1, 2, 3, 4, 6};
    for (int a = 1; a <= ARTICLES; a++)
        CHECK(content_article_measure(&c, a) == measures[a - 1]);
    CHECK(c.pledge != NULL);
    for (int a = 0; c.pledge && a < ARTICLES; a++) {
        CHECK(c.pledge->employee.articles[a].ja && c.pledge->employee.articles[a].en);
        CHECK(c.pledge->president.articles[a].ja && c.pledge->president.articles[a].en);
    }
    content_free(&c);
    errlist_free(&errs);
}

/* Every file in dir, as each kind: no crash, and success exactly when no error. */
static void replay_dir(const char *dir)
{
    Strings names = list_names(dir, "");
    static const char *const kinds[] = {"lesson", "quiz", "pledge"};
    for (int i = 0; i < names.n; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names.items[i]);
        size_t n;
        char *data = read_file(path, &n);
        for (int k = 0; data && k < 3; k++) {
            Content c;
            ErrList errs = {0};
            bool ok = content_load_buffer(&c, path, kinds[k], data, n, &errs);
            CHECK(ok == (errs.nmsgs == 0));
            content_free(&c);
            errlist_free(&errs);
        }
        free(data);
    }
    strings_free(&names);
}

/* Every saved fuzzer crash (none so far) and the fuzzer's seed corpus, replayed. */
static void test_content_fuzz_crashes(void)
{
    CHECK(is_file("tests/fuzz-crashes/.gitkeep"));
    replay_dir("tests/fuzz-crashes");
    replay_dir("tests/fuzz-corpus");
}

static int decode(const char *s, int n, uint32_t *cp)
{
    *cp = 0xDEAD;
    return utf8_decode(s, n, cp);
}

static void test_utf8(void)
{
    uint32_t cp;
    CHECK(decode("A", 1, &cp) == 1 && cp == 'A');
    CHECK(decode("", 1, &cp) == 1 && cp == 0);
    CHECK(decode("\xC2\x80", 2, &cp) == 2 && cp == 0x80);
    CHECK(decode("\xDF\xBF", 2, &cp) == 2 && cp == 0x7FF);
    CHECK(decode("あ", 3, &cp) == 3 && cp == 0x3042);
    CHECK(decode("\xEF\xBF\xBF", 3, &cp) == 3 && cp == 0xFFFF);
    CHECK(decode("\xF0\x9F\x98\x80", 4, &cp) == 4 && cp == 0x1F600);
    CHECK(decode("\xF4\x8F\xBF\xBF", 4, &cp) == 4 && cp == 0x10FFFF);
    CHECK(decode("A", 0, &cp) == -1 && cp == 0xDEAD);
    CHECK(decode("あ", 2, &cp) == -1);               /* truncated by n */
    CHECK(decode("\xE3\x81", 2, &cp) == -1);         /* truncated */
    CHECK(decode("\x80", 1, &cp) == -1);             /* lone continuation */
    CHECK(decode("\xC0\x80", 2, &cp) == -1);         /* overlong NUL */
    CHECK(decode("\xC1\xBF", 2, &cp) == -1);         /* overlong */
    CHECK(decode("\xE0\x9F\xBF", 3, &cp) == -1);     /* overlong 3-byte */
    CHECK(decode("\xF0\x8F\xBF\xBF", 4, &cp) == -1); /* overlong 4-byte */
    CHECK(decode("\xED\xA0\x80", 3, &cp) == -1);     /* surrogate D800 */
    CHECK(decode("\xED\xBF\xBF", 3, &cp) == -1);     /* surrogate DFFF */
    CHECK(decode("\xED\x9F\xBF", 3, &cp) == 3 && cp == 0xD7FF);
    CHECK(decode("\xF4\x90\x80\x80", 4, &cp) == -1); /* above U+10FFFF */
    CHECK(decode("\xF5\x80\x80\x80", 4, &cp) == -1);
    CHECK(decode("\xFF", 1, &cp) == -1);
    CHECK(decode("\xE3\x41\x81", 3, &cp) == -1); /* bad continuation */
    CHECK(utf8_invalid("aあb", 5) == 5);
    CHECK(utf8_invalid("aあ\xFF", 5) == 4);
    CHECK(utf8_invalid("aあ", 3) == 1); /* cut in the middle of あ */
    CHECK(utf8_invalid("", 0) == 0);
    CHECK(utf8_length("") == 0 && utf8_length("aあ😀") == 3 && utf8_length("a\xFF") == 2);
}

static yaml_node_t *value_of(Yml *y, const char *key)
{
    YmlPair p;
    return yml_find(y, yml_root(y), key, &p) ? p.value : NULL;
}

static void test_yml_scalars(void)
{
    const char *doc = "i: 42\nneg: -7\nq: \"42\"\nbig: 1234567890\nf: 1.5\nt: true\nT: TRUE\n"
                      "n: false\nyes: yes\nnull: ~\nblank: '  '\nempty:\ntext: x\n";
    Yml y;
    ErrList errs = {0};
    CHECK(yml_load(&y, "d.yaml", doc, strlen(doc), &errs));
    int v = 0;
    bool b = false;
    CHECK(yml_int(value_of(&y, "i"), &v) && v == 42);
    CHECK(yml_int(value_of(&y, "neg"), &v) && v == -7);
    CHECK(!yml_int(value_of(&y, "q"), &v) && !yml_int(value_of(&y, "big"), &v));
    CHECK(!yml_int(value_of(&y, "f"), &v) && !yml_int(value_of(&y, "text"), &v));
    CHECK(yml_bool(value_of(&y, "t"), &b) && b);
    CHECK(yml_bool(value_of(&y, "T"), &b) && b);
    CHECK(yml_bool(value_of(&y, "n"), &b) && !b);
    CHECK(!yml_bool(value_of(&y, "yes"), &b) && !yml_bool(value_of(&y, "q"), &b));
    CHECK(yml_is_blank(value_of(&y, "null")) && yml_is_blank(value_of(&y, "blank")));
    CHECK(yml_is_blank(value_of(&y, "empty")) && !yml_is_blank(value_of(&y, "text")));
    CHECK(!value_of(&y, "absent"));
    Pos p = yml_pos(&y, value_of(&y, "neg"));
    CHECK(p.line == 2 && p.col == 6 && strcmp(p.file, "d.yaml") == 0);
    static const char *const keys[] = {"i", NULL};
    CHECK(!yml_check_keys(&y, yml_root(&y), keys));
    CHECK(errs.nmsgs == 12);
    CHECK(errs.nmsgs > 0 && strcmp(errs.msgs[0], "d.yaml:2:1: unknown key 'neg'") == 0);
    yml_free(&y);
    yml_free(&y);
    errlist_free(&errs);
}

/* Offsets to positions: characters, not bytes; CR LF, CR, LF and U+2028 break lines; a BOM
 * is not a column. */
static void test_yml_offset_pos(void)
{
    const char *s = "ab\r\nあい\rx\ny\xE2\x80\xA8z";
    Pos p = yml_offset_pos("f", s, 0);
    CHECK(p.line == 1 && p.col == 1);
    p = yml_offset_pos("f", s, 4); /* あ */
    CHECK(p.line == 2 && p.col == 1);
    p = yml_offset_pos("f", s, 7); /* い */
    CHECK(p.line == 2 && p.col == 2);
    p = yml_offset_pos("f", s, 11); /* x */
    CHECK(p.line == 3 && p.col == 1);
    p = yml_offset_pos("f", s, 17); /* z */
    CHECK(p.line == 5 && p.col == 1);
    p = yml_offset_pos("f",
                       "\xEF\xBB\xBF"
                       "ab",
                       4);
    CHECK(p.line == 1 && p.col == 2);
}

/* A long quoted unknown key is cut short and its control characters hidden. */
static void test_yml_quoted_key(void)
{
    const char *doc = "\"a\\tb-0123456789012345678901234567890123456789\": 1\n";
    Yml y;
    ErrList errs = {0};
    CHECK(yml_load(&y, "k.yaml", doc, strlen(doc), &errs));
    static const char *const none[] = {NULL};
    CHECK(!yml_check_keys(&y, yml_root(&y), none));
    CHECK(errs.nmsgs == 1);
    if (errs.nmsgs == 1)
        CHECK_STR(errs.msgs[0], "k.yaml:1:1: unknown key 'a?b-012345678901234567890123456789012345...'");
    yml_free(&y);
    errlist_free(&errs);
}

/* Runs `mamori check ARGS...` with output captured; returns the exit status. */
static int run_check(const char *const args[], char *out, char *err, size_t size)
{
    char *argv[8];
    int argc = 0;
    for (; args[argc]; argc++)
        argv[argc] = (char *)args[argc];
    FILE *fo = tmpfile(), *fe = tmpfile();
    int rc = cli_check_to(argc, argv, "content", fo, fe);
    FILE *files[2] = {fo, fe};
    char *bufs[2] = {out, err};
    for (int i = 0; i < 2; i++) {
        rewind(files[i]);
        size_t n = fread(bufs[i], 1, size - 1, files[i]);
        bufs[i][n] = '\0';
        fclose(files[i]);
    }
    return rc;
}

#define CLEAN "tests/fixtures/bank/clean"

static void test_cli_check(void)
{
    static char out[8192], err[8192], want[8192];
    Content c;
    ErrList errs = {0};
    CHECK(content_load(&c, CLEAN, &errs));

    /* a clean bank: the shape, then the summary; nothing on stderr, also with --strict */
    const char *const plain[] = {"check", "--content", CLEAN, NULL};
    CHECK(run_check(plain, out, err, sizeof out) == 0);
    snprintf(
        want, sizeof want,
        "measure questions single multiple truefalse   true ratio ja ratio en\n"
        "      7        10      4        2         4    2/4     1.00     1.00\n"
        "bank: 10 questions; 2 of 4 true/false statements true (50 %%); ratio = right choice's length / the "
        "wrong ones' mean, in characters\n"
        "content OK: 1 lessons, 10 questions, no pledge, no diagnosis sheet (content version %s)\n",
        c.version);
    CHECK_STR(out, want);
    CHECK_STR(err, "");
    const char *const strict[] = {"check", "--strict", "--content", CLEAN, NULL};
    CHECK(run_check(strict, out, err, sizeof out) == 0);
    CHECK_STR(err, "");

    const char *const json[] = {"check", "--json", "--content", CLEAN, NULL};
    CHECK(run_check(json, out, err, sizeof out) == 0);
    CHECK(contains(out,
                   "{\"lessons\":1,\"questions\":10,\"measures\":{\"1\":{\"lesson\":null,\"questions\":0,"
                   "\"langs\":[]},"));
    CHECK(contains(out, "\"7\":{\"lesson\":\"mail\",\"questions\":10,\"langs\":[\"ja\",\"en\"],\"single\":4,"
                        "\"multiple\":2,\"truefalse\":4,\"truefalse_true\":2,\"right_first\":1,"
                        "\"length_ratio\":{\"ja\":1.00,\"en\":1.00},\"right_longest\":{\"ja\":0,\"en\":0},"
                        "\"right_shortest\":{\"ja\":0,\"en\":0},\"reason_right\":{\"ja\":0,\"en\":0},"
                        "\"reason_wrong\":{\"ja\":0,\"en\":0},\"multiple_right_counts\":[0,1,1,0,0,0,0]},"));
    CHECK(contains(out, "\"25\":{\"lesson\":null,\"questions\":0,\"langs\":[]}},\"truefalse_true\":2,"
                        "\"truefalse\":4,\"findings\":[]}\n"));
    CHECK_STR(err, "");
    content_free(&c);

    /* the small good fixture draws 2: an error (exit 1); its cues are warnings with positions */
    const char *const cues[] = {"check", "--content", GOOD, NULL};
    CHECK(run_check(cues, out, err, sizeof out) == 1);
    CHECK_STR(out, "");
    CHECK(
        contains(err, GOOD "/quizzes/01-update.yaml:3:7: 'draw' is 2: every test draws 5 questions [R1]\n"));
    CHECK(contains(err, "mamori: the question bank in " GOOD " has 1 error\n"));
    CHECK(contains(err,
                   GOOD "/quizzes/01-update.yaml:6:5: warning: update-later: in ja the right choice is 2.50 "
                        "times as long as the wrong ones on average (right 5, wrong 2): keep it within "
                        "0.80–1.25 [R2]\n"));
    const char *const cues_strict[] = {"check", "--content", GOOD, "--strict", NULL};
    CHECK(run_check(cues_strict, out, err, sizeof out) == 1);
    CHECK_STR(out, "");
    CHECK(
        contains(err, GOOD "/quizzes/01-update.yaml:3:7: 'draw' is 2: every test draws 5 questions [R1]\n"));
    CHECK(!contains(err, "warning:"));
    CHECK(contains(err, "mamori: the question bank in " GOOD " has 8 errors\n"));

    const char *const bad[] = {"check", "--content", BAD "/dir-pledge", "--json", NULL};
    CHECK(run_check(bad, out, err, sizeof out) == 1);
    CHECK_STR(out, "");
    CHECK_STR(err, BAD "/dir-pledge/pledge.yaml:7:5: 'articles' must have exactly 5 items (it has 4)\n");

    const char *const several[] = {"check", "--content", BAD "/dir-several", NULL};
    CHECK(run_check(several, out, err, sizeof out) == 1);
    int lines = 0;
    for (const char *p = err; (p = strchr(p, '\n')); p++)
        lines++;
    CHECK(lines == 6);

    const char *const unknown[] = {"check", "--verbose", NULL};
    CHECK(run_check(unknown, out, err, sizeof out) == 2);
    CHECK(strstr(err, "usage: mamori check") != NULL);
    const char *const dangling[] = {"check", "--content", NULL};
    CHECK(run_check(dangling, out, err, sizeof out) == 2);
    const char *const help[] = {"check", "--help", NULL};
    CHECK(run_check(help, out, err, sizeof out) == 0);
    CHECK(strstr(out, "usage: mamori check") != NULL && strstr(out, "--strict") != NULL);
    errlist_free(&errs);
}

int main(void)
{
    RUN(test_utf8);
    RUN(test_yml_scalars);
    RUN(test_yml_offset_pos);
    RUN(test_yml_quoted_key);
    RUN(test_content_good);
    RUN(test_content_lookups);
    RUN(test_content_version);
    RUN(test_content_load_buffer);
    RUN(test_content_errs_kept);
    RUN(test_content_bad_files);
    RUN(test_content_bad_dirs);
    RUN(test_content_several_errors);
    RUN(test_content_bad_files_on_disk);
    RUN(test_content_fuzz_crashes);
    RUN(test_cli_check);
    RUN(test_content_shipped);
    RUN(test_content_coverage);
    return TEST_END();
}
