/* test_diagnosis.c — the self-diagnosis: the shipped sheet, IPA's scoring (crafted and random
 * answer sets against an independent sum), the weakest items and recommendations, the CSV
 * answer sheet, and the records (event + row, history, drafts, verify both ways). */
#include "content.h"
#include "diagnosis.h"
#include "helpers.h"
#include "report_model.h"
#include "store.h"
#include "test.h"
#include "tmpdir.h"

#include <sqlite3.h>
#include <stdlib.h>

enum { NOW = 1764000000 };

static Content C;
static const DiagSheet *SH;

static void all(DiagAnswer ans[DIAG_ITEMS], DiagAnswer a)
{
    for (int i = 0; i < DIAG_ITEMS; i++)
        ans[i] = a;
}

/* ---- the sheet ---- */

static void test_shipped_sheet(void)
{
    CHECK(SH != NULL);
    if (!SH)
        return;
    int seen[DIAG_ITEMS] = {0};
    for (int i = 0; i < DIAG_ITEMS; i++) {
        CHECK(SH->items[i].item == i + 1);
        CHECK(SH->items[i].part == diag_part_of(SH->items[i].measure));
        seen[SH->items[i].measure - 1]++;
        CHECK(SH->items[i].explain.ja && SH->items[i].partly.en);
    }
    for (int m = 0; m < DIAG_ITEMS; m++)
        CHECK(seen[m] == 1);
    int points[DIAG_ANSWERS] = {4, 2, 0, -1};
    for (int a = 0; a < DIAG_ANSWERS; a++)
        CHECK(SH->answers[a].points == points[a]);
    CHECK(SH->lowest == -25 && SH->highest == 100);
    CHECK(SH->nbands == 4);
    int edges[4][2] = {{100, 100}, {70, 99}, {50, 69}, {-25, 49}};
    for (int b = 0; b < 4; b++)
        CHECK(SH->bands[b].min == edges[b][0] && SH->bands[b].max == edges[b][1]);
}

static void test_answer_words(void)
{
    DiagAnswer a;
    const char *words[][2] = {{"yes", "実施している"},
                              {"partly", "一部実施している"},
                              {"no", "実施していない"},
                              {"unknown", "わからない"}};
    for (int i = 0; i < DIAG_ANSWERS; i++) {
        CHECK(diag_answer_parse(SH, words[i][0], &a) && a == (DiagAnswer)i);
        CHECK(diag_answer_parse(SH, words[i][1], &a) && a == (DiagAnswer)i);
        CHECK_STR(diag_answer_key((DiagAnswer)i), words[i][0]);
    }
    CHECK(diag_answer_parse(SH, "YES", &a) && a == DIAG_YES);
    CHECK(!diag_answer_parse(SH, "maybe", &a));
    CHECK(!diag_answer_parse(SH, "", &a));
    CHECK(diag_answer_key(DIAG_NONE) == NULL);
}

/* ---- scoring ---- */

static void test_score_extremes(void)
{
    DiagAnswer ans[DIAG_ITEMS];
    DiagScore s;
    all(ans, DIAG_YES);
    diag_score(SH, DIAG_COMPANY, ans, &s);
    CHECK(s.total == 100 && s.complete && s.subtotal[DIAG_YES] == 100 && s.band == &SH->bands[0]);
    CHECK(s.part_points[0] == 24 && s.part_points[1] == 40 && s.part_points[2] == 36);
    all(ans, DIAG_UNKNOWN);
    diag_score(SH, DIAG_COMPANY, ans, &s);
    CHECK(s.total == -25 && s.subtotal[DIAG_UNKNOWN] == -25 && s.band == &SH->bands[3]);
    all(ans, DIAG_NO);
    diag_score(SH, DIAG_COMPANY, ans, &s);
    CHECK(s.total == 0 && s.count[DIAG_NO] == 25 && s.band == &SH->bands[3]);
    all(ans, DIAG_PARTLY);
    diag_score(SH, DIAG_COMPANY, ans, &s);
    CHECK(s.total == 50 && s.subtotal[DIAG_PARTLY] == 50 && s.band == &SH->bands[2]);
}

/* A set whose total is exactly t: yes items, then one partly or unknown to adjust. */
static int craft(DiagAnswer ans[DIAG_ITEMS], int yes, int partly, int unknown)
{
    all(ans, DIAG_NO);
    int i = 0;
    for (int k = 0; k < yes; k++)
        ans[i++] = DIAG_YES;
    for (int k = 0; k < partly; k++)
        ans[i++] = DIAG_PARTLY;
    for (int k = 0; k < unknown; k++)
        ans[i++] = DIAG_UNKNOWN;
    return 4 * yes + 2 * partly - unknown;
}

static void test_band_edges(void)
{
    /* {yes, partly, unknown, total, band}: each band's edges (99 cannot be scored: 98 is the most
     * below 100) */
    int cases[][5] = {{25, 0, 0, 100, 0}, {24, 1, 0, 98, 1}, {17, 1, 0, 70, 1},
                      {17, 1, 1, 69, 2},  {17, 0, 0, 68, 2}, {12, 1, 0, 50, 2},
                      {13, 0, 3, 49, 3},  {12, 0, 1, 47, 3}, {0, 0, 25, -25, 3}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        DiagAnswer ans[DIAG_ITEMS];
        DiagScore s;
        int want = craft(ans, cases[c][0], cases[c][1], cases[c][2]);
        CHECK(want == cases[c][3]);
        diag_score(SH, DIAG_COMPANY, ans, &s);
        CHECK(s.total == want);
        CHECK(s.band == &SH->bands[cases[c][4]]);
        if (s.total != want || s.band != &SH->bands[cases[c][4]])
            fprintf(stderr, "  case %zu: total %d (want %d)\n", c, s.total, want);
    }
}

/* Random sets against the sheet's arithmetic done again here, by counting. */
static void test_score_random(void)
{
    srand(14);
    for (int round = 0; round < 2000; round++) {
        DiagAnswer ans[DIAG_ITEMS];
        int n[DIAG_ANSWERS] = {0};
        for (int i = 0; i < DIAG_ITEMS; i++)
            n[ans[i] = (DiagAnswer)(rand() % DIAG_ANSWERS)]++;
        int a = 4 * n[DIAG_YES], b = 2 * n[DIAG_PARTLY], cc = -n[DIAG_UNKNOWN], total = a + b + cc;
        int band = total == 100 ? 0 : total >= 70 ? 1 : total >= 50 ? 2 : 3;
        DiagScore s;
        diag_score(SH, DIAG_COMPANY, ans, &s);
        CHECK(s.total == total && s.subtotal[DIAG_YES] == a && s.subtotal[DIAG_PARTLY] == b &&
              s.subtotal[DIAG_UNKNOWN] == cc);
        CHECK(s.band == &SH->bands[band]);
        CHECK(s.part_points[0] + s.part_points[1] + s.part_points[2] == total);
        CHECK(s.part_max[0] == 24 && s.part_max[1] == 40 && s.part_max[2] == 36);
    }
}

static void test_score_partial_and_self(void)
{
    DiagAnswer ans[DIAG_ITEMS];
    DiagScore s;
    all(ans, DIAG_NONE);
    ans[0] = DIAG_YES, ans[20] = DIAG_PARTLY;
    diag_score(SH, DIAG_COMPANY, ans, &s);
    CHECK(s.answered == 2 && !s.complete && s.total == 6 && s.band == NULL);
    all(ans, DIAG_NONE);
    for (int i = 0; i < DIAG_SELF_ITEMS; i++)
        ans[i] = DIAG_YES;
    diag_score(SH, DIAG_SELF, ans, &s);
    CHECK(s.complete && s.total == 64 && s.band == NULL && s.part_max[2] == 0);
    ans[20] = DIAG_YES; /* outside the scope: not counted */
    diag_score(SH, DIAG_SELF, ans, &s);
    CHECK(s.total == 64 && s.answered == 16);
}

static void test_weakest_and_recommend(void)
{
    DiagAnswer co[DIAG_ITEMS], me[DIAG_ITEMS];
    int order[DIAG_ITEMS], m[DIAG_ITEMS];
    all(co, DIAG_YES);
    co[9] = DIAG_PARTLY, co[4] = DIAG_UNKNOWN, co[19] = DIAG_NO, co[2] = DIAG_NO;
    CHECK(diag_weakest(co, order) == 25);
    CHECK(order[0] == 2 && order[1] == 19 && order[2] == 4 && order[3] == 9 && order[4] == 0);
    all(me, DIAG_NONE);
    for (int i = 0; i < DIAG_SELF_ITEMS; i++)
        me[i] = DIAG_YES;
    me[14] = DIAG_NO, me[2] = DIAG_PARTLY;
    int n = diag_recommend(SH, co, me, m);
    CHECK(n == 5);
    CHECK(m[0] == 3 && m[1] == 20 && m[2] == 5 && m[3] == 10 && m[4] == 15);
    CHECK(diag_recommend(SH, NULL, NULL, m) == 0);
    CHECK(diag_recommend(SH, NULL, me, m) == 2 && m[0] == 15 && m[1] == 3);
}

static void test_tally(void)
{
    DiagTally t = {0};
    DiagAnswer a[DIAG_ITEMS];
    all(a, DIAG_YES);
    diag_tally_add(&t, a);
    diag_tally_add(&t, a);
    a[0] = DIAG_NO;
    diag_tally_add(&t, a);
    a[1] = DIAG_NO;
    diag_tally_add(&t, a);
    int share;
    CHECK(t.people == 4);
    CHECK(diag_tally_mode(&t, 0, &share) == DIAG_NO && share == 50); /* 2 yes, 2 no: the weaker wins */
    CHECK(t.count[0][DIAG_NO] == 2 && t.count[0][DIAG_YES] == 2);
    CHECK(diag_tally_mode(&t, 1, &share) == DIAG_YES && share == 75);
    DiagTally empty = {0};
    CHECK(diag_tally_mode(&empty, 3, &share) == DIAG_NONE && share == 0);
}

/* ---- CSV ---- */

static bool parse(DiagScope scope, const char *text, DiagAnswer ans[DIAG_ITEMS], ErrList *errs)
{
    return diag_csv_parse(SH, scope, "sheet.csv", text, strlen(text), ans, errs);
}

static char *sheet_csv(int items, const char *word, const char *eol)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "item,answer%s", eol);
    for (int i = 1; i <= items; i++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%d,%s%s", i, word, eol);
    return buf;
}

static void test_csv_good(void)
{
    DiagAnswer ans[DIAG_ITEMS];
    ErrList errs = {0};
    CHECK(parse(DIAG_COMPANY, sheet_csv(25, "yes", "\n"), ans, &errs) && errs.nmsgs == 0);
    CHECK(ans[0] == DIAG_YES && ans[24] == DIAG_YES);
    CHECK(parse(DIAG_COMPANY, sheet_csv(25, "わからない", "\r\n"), ans, &errs) && ans[7] == DIAG_UNKNOWN);
    char bom[4200];
    snprintf(bom, sizeof bom, "\xEF\xBB\xBF%s\n\n", sheet_csv(25, "\"一部実施している\"", "\r\n"));
    CHECK(parse(DIAG_COMPANY, bom, ans, &errs) && ans[12] == DIAG_PARTLY);
    CHECK(parse(DIAG_SELF, sheet_csv(16, " no ,", "\n"), ans, &errs) && ans[15] == DIAG_NO &&
          ans[16] == DIAG_NONE);
    CHECK(errs.nmsgs == 0);
    errlist_free(&errs);
}

static void check_csv_errors(DiagScope scope, const char *text, const char *const want[], int nwant)
{
    DiagAnswer ans[DIAG_ITEMS];
    ErrList errs = {0};
    CHECK(!parse(scope, text, ans, &errs));
    CHECK(errs.nmsgs == nwant);
    for (int i = 0; i < nwant && i < errs.nmsgs; i++)
        CHECK_STR(errs.msgs[i], want[i]);
    if (errs.nmsgs != nwant)
        for (int i = 0; i < errs.nmsgs; i++)
            fprintf(stderr, "  got: %s\n", errs.msgs[i]);
    errlist_free(&errs);
}

static void test_csv_errors(void)
{
    const char *header[] = {"sheet.csv:1: the first line must be exactly: item,answer"};
    check_csv_errors(DIAG_COMPANY, "no,answer\n1,yes\n", header, 1);
    char text[4096] = "item,answer\n"; /* line 1 */
    for (int i = 1; i <= 25; i++) {    /* lines 2–26: item 3 a bad word, item 9 given as 7 */
        const char *word = i == 3 ? "maybe" : "yes";
        snprintf(text + strlen(text), sizeof text - strlen(text), "%d,%s\n", i == 9 ? 7 : i, word);
    }
    strcat(text, "26,yes\n1,yes,extra\n\"2,yes\n"); /* lines 27, 28, 29 */
    const char *want[] = {
        "sheet.csv:4: answer 'maybe' is not one of yes, partly, no, unknown (or 実施している, "
        "一部実施している,"
        " 実施していない, わからない)",
        "sheet.csv:10: item 7 is answered twice (first on line 8)",
        "sheet.csv:27: item '26' is not a number from 1 to 25",
        "sheet.csv:28: a line has two fields, item and answer",
        "sheet.csv:29: a field is too long or has an unclosed quote",
        "sheet.csv:29: no answer for item 9 (every item from 1 to 25 needs one)",
    };
    check_csv_errors(DIAG_COMPANY, text, want, 6);
    const char *self[] = {"sheet.csv:18: item 17 is in Part 3: your own practice answers Parts 1 and 2 only"
                          " (items 1 to 16)"};
    check_csv_errors(DIAG_SELF, sheet_csv(17, "yes", "\n"), self, 1);
    const char *bad_utf8[] = {"sheet.csv: not UTF-8 text (save it as CSV UTF-8)"};
    check_csv_errors(DIAG_COMPANY, "item,answer\n1,\x8E\xC0\x8E{\n", bad_utf8, 1);
    const char *empty[] = {"sheet.csv:1: the first line must be exactly: item,answer"};
    check_csv_errors(DIAG_COMPANY, "", empty, 1);
    const char *none[] = {
        "sheet.csv:1: no answer for item 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16"
        " (every item from 1 to 16 needs one)"};
    check_csv_errors(DIAG_SELF, "item,answer", none, 1);
}

/* ---- records ---- */

static Store *open_store(Tmp *t)
{
    Store *s;
    Err e = {{0}};
    tmp_make_named(t, "diag");
    CHECK(store_open(&s, t->db, &e));
    Employee people[2] = {{.code = "0001", .name = "社長", .role = ROLE_PRESIDENT, .active = true},
                          {.code = "0002", .name = "山田", .department = "営業", .active = true}};
    CHECK(store_import_employees(s, people, 2, NOW, NULL, &e));
    store_set_content_version(s, C.version);
    return s;
}

static DiagRecord record(const char *code, DiagScope scope, DiagAnswer fill)
{
    DiagRecord d = {.scope = scope};
    snprintf(d.code, sizeof d.code, "%s", code);
    snprintf(d.content_version, sizeof d.content_version, "%s", C.version);
    all(d.answers, DIAG_NONE);
    for (int i = 0; i < diag_scope_items(scope); i++)
        d.answers[i] = fill;
    return d;
}

static void verify_ok(Store *s, bool want)
{
    VerifyResult r;
    Err e = {{0}};
    CHECK(store_verify(s, &r, &e));
    CHECK(r.ok == want);
    if (r.ok != want)
        fprintf(stderr, "  verify: %lld %s\n", (long long)r.bad_seq, r.what);
}

static void test_store_record_and_list(void)
{
    Tmp t;
    Store *s = open_store(&t);
    Err e = {{0}};
    DiagRecord d = record("0001", DIAG_COMPANY, DIAG_PARTLY);
    d.answers[3] = DIAG_UNKNOWN;
    char hash[65];
    CHECK(store_record_diagnosis(s, &d, NOW, hash, &e) && strlen(hash) == 64);
    DiagRecord me = record("0002", DIAG_SELF, DIAG_YES);
    CHECK(store_record_diagnosis(s, &me, NOW + 60, NULL, &e));
    d.answers[3] = DIAG_YES;
    CHECK(store_record_diagnosis(s, &d, NOW + 120, NULL, &e));
    DiagRecord *rows;
    int n;
    CHECK(store_list_diagnoses(s, DIAG_COMPANY, NULL, &rows, &n, &e) && n == 2);
    CHECK(n == 2 && rows[0].answers[3] == DIAG_UNKNOWN && rows[1].answers[3] == DIAG_YES);
    CHECK(n == 2 && rows[0].time == NOW && strcmp(rows[1].code, "0001") == 0);
    CHECK(n == 2 && strcmp(rows[0].content_version, C.version) == 0);
    free(rows);
    CHECK(store_list_diagnoses(s, DIAG_SELF, "0002", &rows, &n, &e) && n == 1);
    CHECK(n == 1 && rows[0].answers[15] == DIAG_YES && rows[0].answers[16] == DIAG_NONE);
    free(rows);
    CHECK(store_list_diagnoses(s, DIAG_SELF, "0001", &rows, &n, &e) && n == 0);
    free(rows);
    verify_ok(s, true);
    store_close(s);
    tmp_remove(&t);
}

/* The team view's tallies: each person's latest own-practice diagnosis only, by department and
 * in total, whatever order the people's records come in. */
static void test_model_practice_latest(void)
{
    Tmp t;
    Store *s = open_store(&t);
    Err e = {{0}};
    Employee more[3] = {{.code = "0003", .name = "佐藤", .department = "総務", .active = true},
                        {.code = "0004", .name = "鈴木", .department = "営業", .active = true},
                        {.code = "0005", .name = "高橋", .department = "総務", .active = true}};
    CHECK(store_import_employees(s, more, 3, NOW, NULL, &e));
    static const struct {
        const char *code;
        DiagAnswer fill;
    } RECORDS[] = {{"0004", DIAG_NO},     {"0002", DIAG_NO}, {"0003", DIAG_UNKNOWN}, {"0004", DIAG_PARTLY},
                   {"0002", DIAG_YES},    {"0001", DIAG_NO}, {"0004", DIAG_YES},     {"0003", DIAG_PARTLY},
                   {"0002", DIAG_PARTLY}, {"0001", DIAG_YES}};
    int n = (int)(sizeof RECORDS / sizeof *RECORDS);
    for (int i = 0; i < n; i++) {
        DiagRecord d = record(RECORDS[i].code, DIAG_SELF, RECORDS[i].fill);
        CHECK(store_record_diagnosis(s, &d, NOW + 60 * i, NULL, &e));
    }
    ReportQuery q = report_screen_query(NOW + 86400, 0);
    ReportModel m;
    CHECK(report_model_build(s, &C, &q, &m, &e));
    /* latest: 0001 yes (no department), 0002 partly and 0004 yes (営業), 0003 partly (総務), 0005 none */
    CHECK(m.practice.people == 4);
    CHECK(m.practice.count[0][DIAG_YES] == 2 && m.practice.count[0][DIAG_PARTLY] == 2);
    CHECK(m.practice.count[0][DIAG_NO] == 0 && m.practice.count[0][DIAG_UNKNOWN] == 0);
    int found = 0;
    for (int d = 0; d < m.ndepartments; d++) {
        const DiagTally *dt = &m.dept_practice[d];
        const char *name = m.departments[d].name;
        if (strcmp(name, "営業") == 0) {
            found++;
            CHECK(dt->people == 2 && dt->count[15][DIAG_YES] == 1 && dt->count[15][DIAG_PARTLY] == 1);
        } else if (strcmp(name, "総務") == 0) {
            found++;
            CHECK(dt->people == 1 && dt->count[15][DIAG_PARTLY] == 1 && dt->count[15][DIAG_UNKNOWN] == 0);
        } else if (name[0] == '\0') {
            found++;
            CHECK(dt->people == 1 && dt->count[0][DIAG_YES] == 1);
        }
    }
    CHECK(found == 3);
    report_model_free(&m);
    store_close(s);
    tmp_remove(&t);
}

static void test_store_refuses(void)
{
    Tmp t;
    Store *s = open_store(&t);
    Err e = {{0}};
    DiagRecord d = record("0009", DIAG_COMPANY, DIAG_YES);
    CHECK(!store_record_diagnosis(s, &d, NOW, NULL, &e) && contains(e.msg, "no person with code '0009'"));
    d = record("0001", DIAG_COMPANY, DIAG_YES);
    d.answers[24] = DIAG_NONE;
    CHECK(!store_record_diagnosis(s, &d, NOW, NULL, &e) && contains(e.msg, "item 25 has no answer"));
    d = record("0002", DIAG_SELF, DIAG_YES);
    d.answers[20] = DIAG_NO;
    CHECK(!store_record_diagnosis(s, &d, NOW, NULL, &e) && contains(e.msg, "item 21 is not part of a self"));
    d = record("0001", DIAG_COMPANY, DIAG_YES);
    d.content_version[0] = '\0';
    CHECK(!store_record_diagnosis(s, &d, NOW, NULL, &e) && contains(e.msg, "content version"));
    DiagRecord *rows;
    int n;
    CHECK(store_list_diagnoses(s, DIAG_COMPANY, NULL, &rows, &n, &e) && n == 0);
    free(rows);
    store_close(s);
    tmp_remove(&t);
}

static void test_store_drafts(void)
{
    Tmp t;
    Store *s = open_store(&t);
    Err e = {{0}};
    DiagAnswer ans[DIAG_ITEMS], back[DIAG_ITEMS];
    bool found;
    CHECK(store_diagnosis_draft(s, "0002", DIAG_SELF, back, &found, &e) && !found && back[0] == DIAG_NONE);
    all(ans, DIAG_NONE);
    ans[0] = DIAG_YES, ans[5] = DIAG_UNKNOWN;
    CHECK(store_save_diagnosis_draft(s, "0002", DIAG_SELF, ans, NOW, &e));
    CHECK(store_diagnosis_draft(s, "0002", DIAG_SELF, back, &found, &e) && found);
    CHECK(back[0] == DIAG_YES && back[5] == DIAG_UNKNOWN && back[1] == DIAG_NONE);
    CHECK(store_diagnosis_draft(s, "0002", DIAG_COMPANY, back, &found, &e) && !found);
    DiagRecord d = record("0002", DIAG_SELF, DIAG_NO);
    CHECK(store_record_diagnosis(s, &d, NOW, NULL, &e));
    CHECK(store_diagnosis_draft(s, "0002", DIAG_SELF, back, &found, &e) && !found); /* gone with the record */
    verify_ok(s, true); /* drafts are not records */
    store_close(s);
    tmp_remove(&t);
}

static void sql(const char *path, const char *q)
{
    sqlite3 *db;
    CHECK(sqlite3_open(path, &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, q, NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
}

static void test_store_verify_both_ways(void)
{
    const char *tamper[] = {
        "UPDATE diagnoses SET answers = 'y' || substr(answers, 2) WHERE seq = 3",
        "DELETE FROM diagnoses WHERE seq = 3",
        "INSERT INTO diagnoses VALUES(99, '0001', 'company', 'x', 'yyyyyyyyyyyyyyyyyyyyyyyyy', 1)",
        "UPDATE diagnoses SET scope = 'self' WHERE seq = 3",
        "UPDATE diagnoses SET time = time + 1 WHERE seq = 3",
    };
    for (size_t k = 0; k < sizeof tamper / sizeof *tamper; k++) {
        Tmp t;
        Store *s = open_store(&t);
        Err e = {{0}};
        DiagRecord d = record("0001", DIAG_COMPANY, DIAG_NO); /* seq 3: after two people */
        CHECK(store_record_diagnosis(s, &d, NOW, NULL, &e));
        store_close(s);
        sql(t.db, tamper[k]);
        CHECK(store_open(&s, t.db, &e));
        verify_ok(s, false);
        store_close(s);
        tmp_remove(&t);
    }
}

int main(void)
{
    ErrList errs = {0};
    if (!content_load(&C, "content", &errs) || !C.diagnosis) {
        fprintf(stderr, "content/ does not load: %s\n", errs.nmsgs ? errs.msgs[0] : "no diagnosis.yaml");
        return 1;
    }
    SH = C.diagnosis;
    RUN(test_shipped_sheet);
    RUN(test_answer_words);
    RUN(test_score_extremes);
    RUN(test_band_edges);
    RUN(test_score_random);
    RUN(test_score_partial_and_self);
    RUN(test_weakest_and_recommend);
    RUN(test_tally);
    RUN(test_csv_good);
    RUN(test_csv_errors);
    RUN(test_store_record_and_list);
    RUN(test_model_practice_latest);
    RUN(test_store_refuses);
    RUN(test_store_drafts);
    RUN(test_store_verify_both_ways);
    content_free(&C);
    errlist_free(&errs);
    return TEST_END();
}
