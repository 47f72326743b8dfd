/* test_pledge.c — the pledge end to end below the kiosk: the exact text and its hash, the
 * signature's encoding and what counts as a signature, its drawing (SVG paths, polylines), the
 * record code; signing in the store (status, an earlier version, history, every refusal);
 * `verify` and the list catching tampered strokes; one-star readiness; and
 * `mamori pledges export` (HTML structure, escaping, one <path> per stroke, index states,
 * usage errors, files whole or not at all). */
#include "helpers.h"
#include "test.h"

#include "cli_pledges.h"
#include "db.h"
#include "pledge.h"
#include "store.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { NOW = 1764000000 }; /* 2025-11-24T16:00:00Z */

/* ---- helpers ---- */

typedef struct {
    char dir[64], db[128], out[128], content[128];
    char pgname[48]; /* on PostgreSQL: the test's own database */
} Tmp;

/* The test server's URI prefix ("...&dbname=") once the store tests run on PostgreSQL. */
static const char *pg_prefix;

static void pg_admin(const char *sql)
{
    char uri[256];
    Err e = {{0}};
    Db *db;
    snprintf(uri, sizeof uri, "%spostgres", pg_prefix);
    if (!db_connect(&db, uri, &e) || !db_exec(db, sql))
        die("test server: %s: %s", sql, db ? db_errmsg(db) : e.msg);
    db_close(db);
}

static void tmp_make(Tmp *t)
{
    snprintf(t->dir, sizeof t->dir, "/tmp/mamori-pledge-XXXXXX");
    if (!mkdtemp(t->dir))
        die("mkdtemp: %s", strerror(errno));
    snprintf(t->db, sizeof t->db, "%s/mamori.db", t->dir);
    snprintf(t->out, sizeof t->out, "%s/out", t->dir);
    snprintf(t->content, sizeof t->content, "%s/content", t->dir);
    t->pgname[0] = '\0';
    if (!pg_prefix)
        return;
    char sql[96];
    snprintf(t->pgname, sizeof t->pgname, "pledge_%s", strrchr(t->dir, '-') + 1);
    for (char *p = t->pgname; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    snprintf(sql, sizeof sql, "CREATE DATABASE \"%s\"", t->pgname);
    pg_admin(sql);
    snprintf(t->db, sizeof t->db, "%s%s", pg_prefix, t->pgname);
}

static void tmp_remove(Tmp *t)
{
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", t->dir);
    if (t->pgname[0]) {
        snprintf(cmd, sizeof cmd, "DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", t->pgname);
        pg_admin(cmd);
    }
}

/* The tamperer's tool: SQL through its own connection (on PostgreSQL with the triggers off, as
 * only a superuser can). */
static void sql_run(const char *target, const char *sql)
{
    Db *db;
    Err e = {{0}};
    CHECK(db_connect(&db, target, &e));
    if (!db)
        return;
    if (db_kind(db) == DB_POSTGRES)
        CHECK(db_exec(db, "SET session_replication_role = replica"));
    if (!db_exec(db, sql))
        fprintf(stderr, "sql_run: %s: %s\n", sql, db_errmsg(db));
    db_close(db);
}

static int64_t sql_int(const char *target, const char *sql)
{
    Db *db;
    DbStmt *st;
    Err e = {{0}};
    int64_t v = -1;
    CHECK(db_connect(&db, target, &e));
    if (db && db_prepare(db, sql, &st)) {
        if (db_step(st) == DB_ROW)
            v = db_int64(st, 0);
        db_finalize(st);
    }
    db_close(db);
    return v;
}

static const Pledge TEST_PLEDGE = {
    .version = 1,
    .employee = {.title = {"私の宣言", "My pledge"},
                 .opening = {"はじめに、守ります。", "Opening."},
                 .closing = {"おわりに。", "Closing."},
                 .articles = {{"一つ目。", "First."},
                              {"二つ目。", "Second."},
                              {"三つ目。", "Third."},
                              {"四つ目。", "Fourth."},
                              {"五つ目。", "Fifth."}}},
    .president =
        {.title = {"会社の宣言", "Our pledge"},
         .opening = {"当社は。", "We."},
         .closing = {"以上。", "That is all."},
         .articles = {{"甲。", "A."}, {"乙。", "B."}, {"丙。", "C."}, {"丁。", "D."}, {"戊。", "E."}}},
};

/* A name-like signature on a 600×200 pad: two wavy strokes and a dot. */
static void draw_name(Signature *s)
{
    pledge_sig_init(s, 600, 200);
    uint32_t t = 0;
    for (int x = 60; x <= 300; x += 10, t += 16)
        pledge_add_point(s, x, 100 + (x / 10 % 2 ? -30 : 30), t);
    pledge_begin_stroke(s);
    for (int y = 40; y <= 160; y += 12, t += 16)
        pledge_add_point(s, 360 + y / 4, y, t);
    pledge_begin_stroke(s);
    pledge_add_point(s, 450, 150, t + 300);
}

static bool sig_equal(const Signature *a, const Signature *b)
{
    if (a->w != b->w || a->h != b->h || a->npts != b->npts || a->nstrokes != b->nstrokes)
        return false;
    for (int i = 0; i < a->npts; i++)
        if (a->pts[i].x != b->pts[i].x || a->pts[i].y != b->pts[i].y || a->pts[i].t != b->pts[i].t)
            return false;
    for (int i = 0; i < a->nstrokes; i++)
        if (a->start[i] != b->start[i])
            return false;
    return true;
}

static Signature sig_a, sig_b; /* large: kept off the stack */

/* ---- the text ---- */

static void test_compose_exact_and_hash_stable(void)
{
    Arena a = {0};
    char sha[65];
    const char *ja = pledge_compose(&TEST_PLEDGE, PLEDGE_EMPLOYEE, LANG_JA, &a);
    CHECK_STR(ja, "私の宣言\n\nはじめに、守ります。\n\n1. 一つ目。\n2. 二つ目。\n3. 三つ目。\n"
                  "4. 四つ目。\n5. 五つ目。\n\nおわりに。\n");
    pledge_sha256(ja, sha);
    CHECK_STR(sha, "bc5c34aa6371d76de90151b4dad615870e8e66036cd755a443a0e828e5bc781b");
    const char *en = pledge_compose(&TEST_PLEDGE, PLEDGE_EMPLOYEE, LANG_EN, &a);
    pledge_sha256(en, sha);
    CHECK_STR(sha, "3b00fdb6707966727a2662d3e723650dc3be1abaab9d3c7ed43c8c3aebb33880");
    const char *pres = pledge_compose(&TEST_PLEDGE, PLEDGE_PRESIDENT, LANG_JA, &a);
    CHECK_STR(pres, "会社の宣言\n\n当社は。\n\n1. 甲。\n2. 乙。\n3. 丙。\n4. 丁。\n5. 戊。\n\n以上。\n");
    CHECK_STR(pledge_compose(&TEST_PLEDGE, PLEDGE_EMPLOYEE, LANG_JA, &a), ja); /* deterministic */
    arena_free(&a);
}

static void test_compose_shipped_content_round_trips(void)
{
    Content c = {0};
    ErrList errs = {0};
    CHECK(content_load(&c, "content", &errs) && c.pledge);
    errlist_free(&errs);
    Arena a = {0};
    for (int k = PLEDGE_EMPLOYEE; c.pledge && k <= PLEDGE_PRESIDENT; k++)
        for (int lang = LANG_JA; lang <= LANG_EN; lang++) {
            const PledgeText *t = k ? &c.pledge->president : &c.pledge->employee;
            const char *text = pledge_compose(c.pledge, (PledgeKind)k, (Lang)lang, &a);
            PledgeParts p;
            CHECK(pledge_parse(text, &p, &a));
            CHECK_STR(p.title, text_get(t->title, (Lang)lang));
            CHECK_STR(p.opening, text_get(t->opening, (Lang)lang));
            CHECK_STR(p.articles[4], text_get(t->articles[4], (Lang)lang));
            CHECK_STR(p.closing, text_get(t->closing, (Lang)lang));
        }
    arena_free(&a);
    content_free(&c);
}

static void test_parse_rejects_other_forms(void)
{
    Arena a = {0};
    PledgeParts p;
    const char *bad[] = {
        "",
        "Title\n\nOpening\n\n1. a\n2. b\n3. c\n4. d\n\nClosing\n",           /* four articles */
        "Title\n\nOpening\n\n1. a\n2. b\n3. c\n4. d\n5. e\n\nClosing",       /* no final newline */
        "Title\n\nOpening\n\n1. a\n2. b\n4. c\n4. d\n5. e\n\nClosing\n",     /* numbering */
        "Title\n\nOpening\n\n1. a\n2. b\n3. c\n4. d\n5. e\n\nClosing\nmore", /* trailing text */
        "\n\nOpening\n\n1. a\n2. b\n3. c\n4. d\n5. e\n\nClosing\n",          /* no title */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CHECK(!pledge_parse(bad[i], &p, &a));
    CHECK(pledge_parse("Title\n\nOpening\n\n1. a\n2. b\n3. c\n4. d\n5. e\n\nClosing\n", &p, &a));
    CHECK_STR(p.articles[1], "b");
    arena_free(&a);
}

static void test_kind_names(void)
{
    PledgeKind k;
    CHECK_STR(pledge_kind_name(PLEDGE_PRESIDENT), "president");
    CHECK(pledge_kind_parse("employee", &k) && k == PLEDGE_EMPLOYEE);
    CHECK(!pledge_kind_parse("manager", &k));
}

/* ---- the signature ---- */

static void test_strokes_encode_exact(void)
{
    Signature *s = &sig_a;
    pledge_sig_init(s, 600, 200);
    pledge_add_point(s, 10, 20, 0);
    pledge_add_point(s, 14, 19, 16);
    pledge_add_point(s, 19, 19, 33);
    pledge_begin_stroke(s);
    pledge_add_point(s, 200, 40, 900);
    pledge_add_point(s, 200, 46, 915);
    char *text = pledge_encode(s);
    CHECK_STR(text, "1 600x200;10,20,0 4,-1,16 5,0,17;200,40,900 0,6,15");
    free(text);
    pledge_sig_init(s, 320, 100);
    text = pledge_encode(s);
    CHECK_STR(text, "1 320x100");
    free(text);
}

static void test_strokes_round_trip(void)
{
    Err e = {{0}};
    draw_name(&sig_a);
    char *text = pledge_encode(&sig_a);
    CHECK(pledge_decode(text, &sig_b, &e));
    CHECK(sig_equal(&sig_a, &sig_b));
    char *again = pledge_encode(&sig_b);
    CHECK_STR(again, text);
    free(again);
    free(text);
    /* the corners of the pad and a long pause survive too */
    pledge_sig_init(&sig_a, PLEDGE_MAX_PAD, 1);
    pledge_add_point(&sig_a, PLEDGE_MAX_PAD - 1, 0, 0);
    pledge_add_point(&sig_a, 0, 0, 4000000000u);
    text = pledge_encode(&sig_a);
    CHECK(pledge_decode(text, &sig_b, &e) && sig_equal(&sig_a, &sig_b));
    free(text);
}

static void test_decode_rejects(void)
{
    struct {
        const char *text, *why;
    } bad[] = {
        {"", "unknown version"},
        {"2 600x200", "unknown version"},
        {"1 600", "expected WxH"},
        {"1 0x200", "pad size is out of range"},
        {"1 9000x200", "pad size is out of range"},
        {"1 600x200;", "a number was expected"},
        {"1 600x200;10,20", "expected ','"},
        {"1 600x200;600,20,0", "outside the pad"},
        {"1 600x200;10,20,0 -11,0,1", "outside the pad"},
        {"1 600x200;10,20,5 1,1,-1", "a number was expected"},
        {"1 600x200;10,20,50;11,20,49", "time goes back"},
        {"1 600x200;-1,20,0", "a number was expected"},
        {"1 600x200;010,20,0", "shortest form"},
        {"1 600x200;10,20,0 -0,1,1", "shortest form"},
        {"1 600x200;10,20,0  1,1,1", "a number was expected"},
        {"1 600x200;10,20,0;", "a number was expected"},
        {"1 600x200;10,20,0x", "unexpected character"},
        {"1 600x200;10,20,99999999999", "a number was expected"},
        {"1 600x200;10,20,4294967296", "a time is out of range"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        Err e = {{0}};
        bool ok = pledge_decode(bad[i].text, &sig_a, &e);
        if (ok || !contains(e.msg, bad[i].why))
            fprintf(stderr, "  '%s': %s\n", bad[i].text, ok ? "accepted" : e.msg);
        CHECK(!ok && contains(e.msg, bad[i].why) && contains(e.msg, "signature: "));
    }
    Err e = {{0}};
    CHECK(!pledge_decode("1 600x200;10,20,0;", &sig_a, &e) && contains(e.msg, "at byte 19"));
}

static void test_decode_limits(void)
{
    /* PLEDGE_MAX_STROKES strokes decode, one more does not; likewise points */
    size_t size = 64 + (size_t)(PLEDGE_MAX_POINTS + 2) * 8;
    char *text = xmalloc(size);
    int at = snprintf(text, size, "1 600x200");
    for (int i = 0; i < PLEDGE_MAX_STROKES; i++)
        at += snprintf(text + at, size - (size_t)at, ";1,1,%d", i);
    Err e = {{0}};
    CHECK(pledge_decode(text, &sig_a, &e) && sig_a.nstrokes == PLEDGE_MAX_STROKES);
    snprintf(text + at, size - (size_t)at, ";1,1,999");
    CHECK(!pledge_decode(text, &sig_a, &e) && contains(e.msg, "too many strokes"));
    at = snprintf(text, size, "1 600x200;0,0,0");
    for (int i = 1; i < PLEDGE_MAX_POINTS; i++)
        at += snprintf(text + at, size - (size_t)at, " %d,0,1", i % 2 ? 1 : -1);
    CHECK(pledge_decode(text, &sig_a, &e) && sig_a.npts == PLEDGE_MAX_POINTS);
    snprintf(text + at, size - (size_t)at, " 1,0,1");
    CHECK(!pledge_decode(text, &sig_a, &e) && contains(e.msg, "too many points"));
    free(text);
}

static void test_add_point_clamps_and_limits(void)
{
    Signature *s = &sig_a;
    pledge_sig_init(s, 100, 50);
    CHECK(pledge_add_point(s, -5, 70, 10));
    CHECK(s->pts[0].x == 0 && s->pts[0].y == 49);
    CHECK(pledge_add_point(s, 0, 49, 20) && s->npts == 1); /* same place: skipped */
    CHECK(pledge_add_point(s, 200, 0, 5));                 /* time never goes back */
    CHECK(s->pts[1].x == 99 && s->pts[1].t == 10);
    pledge_begin_stroke(s);
    pledge_begin_stroke(s);                                                    /* no empty strokes */
    CHECK(pledge_add_point(s, 99, 0, 30) && s->nstrokes == 2 && s->npts == 3); /* a new stroke keeps
                                                                                  a point in place */
    pledge_undo_stroke(s);
    CHECK(s->nstrokes == 1 && s->npts == 2);
    pledge_undo_stroke(s);
    pledge_undo_stroke(s);
    CHECK(s->nstrokes == 0 && s->npts == 0);
    for (int i = 0; i < PLEDGE_MAX_POINTS; i++)
        CHECK(pledge_add_point(s, i % 100, i % 2, (uint32_t)i));
    CHECK(!pledge_add_point(s, 5, 5, 99999) && s->npts == PLEDGE_MAX_POINTS);
    pledge_sig_init(s, 100, 50);
    for (int i = 0; i < PLEDGE_MAX_STROKES; i++) {
        CHECK(pledge_begin_stroke(s));
        CHECK(pledge_add_point(s, i % 100, 1, 0));
    }
    CHECK(!pledge_begin_stroke(s));
    pledge_sig_init(s, 0, 99999);
    CHECK(s->w == 1 && s->h == PLEDGE_MAX_PAD);
}

static void test_signature_thresholds(void)
{
    Signature *s = &sig_a;
    pledge_sig_init(s, 600, 200);
    CHECK(pledge_signature_check(s) == SIG_EMPTY);
    pledge_add_point(s, 300, 100, 0);
    CHECK(pledge_signature_check(s) == SIG_SMALL); /* a dot */
    for (int i = 0; i < 40; i++)                   /* a scribble in 60×40 */
        pledge_add_point(s, 300 + (i * 7) % 60, 100 + (i * 11) % 40, (uint32_t)i * 10);
    CHECK(pledge_ink_length(s) > 240);
    CHECK(pledge_signature_check(s) == SIG_SMALL);
    pledge_sig_init(s, 600, 200); /* span just enough, ink too short */
    pledge_add_point(s, 100, 50, 0);
    pledge_add_point(s, 200, 110, 10);
    CHECK(pledge_signature_check(s) == SIG_SHORT);
    pledge_sig_init(s, 600, 200); /* a straight line */
    pledge_add_point(s, 50, 100, 0);
    pledge_add_point(s, 550, 110, 10);
    CHECK(pledge_signature_check(s) == SIG_FLAT);
    pledge_add_point(s, 550, 124, 20); /* thickness 24 < 200/8 */
    CHECK(pledge_signature_check(s) == SIG_FLAT);
    pledge_add_point(s, 550, 125, 30); /* 25: enough */
    CHECK(pledge_signature_check(s) == SIG_OK && pledge_signature_ok(s));
    pledge_sig_init(s, 600, 200); /* span 99 < 600/6 */
    for (int i = 0; i < 10; i++)
        pledge_add_point(s, 100 + (i % 2) * 99, 20 + i * 10, (uint32_t)i);
    CHECK(pledge_signature_check(s) == SIG_SMALL);
    pledge_add_point(s, 200, 20, 11); /* 100: enough */
    CHECK(pledge_signature_ok(s));
    draw_name(s);
    CHECK(pledge_signature_ok(s));
}

/* ---- drawing ---- */

static void test_svg_paths(void)
{
    Arena a = {0};
    Signature *s = &sig_a;
    pledge_sig_init(s, 600, 200);
    pledge_add_point(s, 10, 20, 0);
    pledge_add_point(s, 15, 20, 1);
    pledge_add_point(s, 20, 31, 2);
    pledge_add_point(s, 30, 31, 3);
    pledge_begin_stroke(s);
    pledge_add_point(s, 100, 100, 9);
    pledge_begin_stroke(s);
    pledge_add_point(s, 1, 2, 10);
    pledge_add_point(s, 3, 4, 11);
    CHECK_STR(pledge_svg_path(s, 0, &a), "M10 20 L12.5 20 Q15 20 17.5 25.5 Q20 31 25 31 L30 31");
    CHECK_STR(pledge_svg_path(s, 1, &a), "M100 100 L100 100");
    CHECK_STR(pledge_svg_path(s, 2, &a), "M1 2 L3 4");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    pledge_write_svg(f, s, "100%", "30mm");
    fclose(f);
    CHECK(occurrences(buf, "<path ") == 3);
    CHECK(contains(buf, "viewBox=\"0 0 600 200\""));
    CHECK(contains(buf, "width:100%;height:30mm"));
    free(buf);
    arena_free(&a);
}

static void test_polyline(void)
{
    Signature *s = &sig_a;
    int16_t pts[256];
    pledge_sig_init(s, 600, 200);
    pledge_add_point(s, 0, 0, 0);
    pledge_add_point(s, 300, 100, 1);
    pledge_add_point(s, 598, 198, 2);
    /* same size: first and last point in place; 1 + mid + 4 per curve + last */
    int n = pledge_polyline(s, 0, 10, 20, 600, 200, pts, 128);
    CHECK(n == 7);
    CHECK(pts[0] == 10 && pts[1] == 20 && pts[2 * n - 2] == 608 && pts[2 * n - 1] == 218);
    /* half size, centred in a taller box */
    n = pledge_polyline(s, 0, 0, 0, 300, 300, pts, 128);
    CHECK(pts[0] == 0 && pts[1] == 100 && pts[2 * n - 2] == 299 && pts[2 * n - 1] == 199);
    CHECK(pledge_polyline(s, 0, 0, 0, 600, 200, pts, 3) == 3); /* never more than max */
    pledge_begin_stroke(s);
    pledge_add_point(s, 5, 5, 9);
    CHECK(pledge_polyline(s, 1, 0, 0, 600, 200, pts, 128) == 2); /* a dot still draws */
}

static void test_record_code(void)
{
    char code[10];
    pledge_record_code("1a2b3c4d5e6f", code);
    CHECK_STR(code, "1A2B-3C4D");
    pledge_record_code("1a2b3c4", code);
    CHECK_STR(code, "");
    pledge_record_code("1a2b3c4z", code);
    CHECK_STR(code, "");
    pledge_record_code(NULL, code);
    CHECK_STR(code, "");
}

/* ---- the store ---- */

static Employee person(const char *code, const char *name, Role role, bool active)
{
    Employee p = {.role = role, .lang = LANG_JA, .active = active};
    snprintf(p.code, sizeof p.code, "%s", code);
    snprintf(p.name, sizeof p.name, "%s", name);
    snprintf(p.kana, sizeof p.kana, "かな");
    snprintf(p.department, sizeof p.department, "総務");
    return p;
}

/* 0001 an employee whose name needs escaping, 0002 an employee, 0003 the president,
 * 0004 someone no longer active. */
static Store *fill(Tmp *t)
{
    Store *s = NULL;
    Err e = {{0}};
    tmp_make(t);
    CHECK(store_open(&s, t->db, &e));
    Employee rows[] = {person("0001", "<script>&\"山田'", ROLE_EMPLOYEE, true),
                       person("0002", "佐藤 一郎", ROLE_MANAGER, true),
                       person("0003", "鈴木 社長", ROLE_PRESIDENT, true),
                       person("0004", "Gone", ROLE_EMPLOYEE, false)};
    CHECK(store_import_employees(s, rows, 4, NOW - 1000, NULL, &e));
    return s;
}

static bool sign(Store *s, const char *code, PledgeKind kind, int version, int64_t now, char hash[65], Err *e)
{
    Arena a = {0};
    Employee who;
    bool found;
    store_find_employee(s, code, &who, &found, e);
    draw_name(&sig_a);
    PledgeSigning p = {.code = code,
                       .kind = kind,
                       .version = version,
                       .name = who.name,
                       .text = pledge_compose(&TEST_PLEDGE, kind, LANG_JA, &a),
                       .lang = LANG_JA,
                       .now = now,
                       .signature = &sig_a};
    bool ok = store_sign_pledge(s, &p, hash, e);
    arena_free(&a);
    return ok;
}

/* store_each_pledge_status against store_pledge_status, person by person. */
typedef struct {
    Store *s;
    int version, calls;
} EachPledge;

static void each_pledge(void *ctx, const char *code, const PledgeStatus *got)
{
    EachPledge *ep = ctx;
    PledgeStatus want;
    Err e = {{0}};
    ep->calls++;
    CHECK(store_pledge_status(ep->s, code, ep->version, &want, &e));
    CHECK(got->state == want.state && got->kind == want.kind && got->version == want.version &&
          got->signed_at == want.signed_at && got->seq == want.seq && strcmp(got->hash, want.hash) == 0 &&
          strcmp(got->record_code, want.record_code) == 0);
}

/* The pledges of s, copied with `db copy` (rebuilt from the events), are the same rows. */
static void check_copy(Store *s)
{
    Tmp u;
    Err e = {{0}};
    StoreCopy c;
    Store *to = NULL;
    PledgeRecord *a, *b;
    int na = 0, nb = 0;
    tmp_make(&u);
    CHECK(store_open(&to, u.db, &e) && store_copy(s, to, &c, &e));
    CHECK(store_list_pledges(s, NULL, &a, &na, &e) && store_list_pledges(to, NULL, &b, &nb, &e) && na == nb);
    for (int i = 0; i < na && i < nb; i++)
        CHECK(a[i].seq == b[i].seq && a[i].time == b[i].time && a[i].version == b[i].version &&
              strcmp(a[i].hash, b[i].hash) == 0 && strcmp(a[i].text, b[i].text) == 0 &&
              strcmp(a[i].strokes, b[i].strokes) == 0 && strcmp(a[i].name, b[i].name) == 0);
    store_pledges_free(a, na);
    store_pledges_free(b, nb);
    store_close(to);
    tmp_remove(&u);
}

static void test_store_sign_and_status(void)
{
    Tmp t;
    Store *s = fill(&t);
    Err e = {{0}};
    char hash[65], code[10];
    PledgeStatus st;
    CHECK(store_pledge_status(s, "0001", 1, &st, &e) && st.state == PLEDGE_NONE);
    CHECK(st.version == 0 && st.signed_at == 0 && st.record_code[0] == '\0');
    CHECK(sign(s, "0001", PLEDGE_EMPLOYEE, 1, NOW, hash, &e));
    CHECK(strlen(hash) == 64);
    pledge_record_code(hash, code);
    CHECK(store_pledge_status(s, "0001", 1, &st, &e) && st.state == PLEDGE_SIGNED);
    CHECK(st.version == 1 && st.signed_at == NOW && st.kind == PLEDGE_EMPLOYEE);
    CHECK_STR(st.record_code, code);
    CHECK_STR(st.hash, hash);
    /* a new version of the text: signed an earlier version, then both kept */
    CHECK(store_pledge_status(s, "0001", 2, &st, &e) && st.state == PLEDGE_OLD_VERSION);
    CHECK(st.version == 1);
    CHECK(sign(s, "0001", PLEDGE_EMPLOYEE, 2, NOW + 86400, hash, &e));
    CHECK(store_pledge_status(s, "0001", 2, &st, &e) && st.state == PLEDGE_SIGNED && st.version == 2);
    PledgeRecord *rows;
    int n;
    CHECK(store_list_pledges(s, "0001", &rows, &n, &e) && n == 2);
    if (n == 2) {
        CHECK(rows[0].version == 1 && rows[1].version == 2 && rows[1].time == NOW + 86400);
        CHECK_STR(rows[1].hash, hash);
        CHECK_STR(rows[1].name, "<script>&\"山田'");
        CHECK_STR(rows[1].kiosk, store_kiosk_id(s));
        CHECK(rows[1].kind == PLEDGE_EMPLOYEE && rows[1].lang == LANG_JA);
        CHECK(contains(rows[1].text, "1. 一つ目。\n"));
        char sha[65];
        pledge_sha256(rows[1].text, sha);
        CHECK_STR(rows[1].text_sha256, sha);
        Err de = {{0}};
        CHECK(pledge_decode(rows[1].strokes, &sig_b, &de) && sig_equal(&sig_a, &sig_b));
    }
    store_pledges_free(rows, n);
    /* the president signs the company's pledge */
    CHECK(store_pledge_status(s, "0003", 1, &st, &e) && st.kind == PLEDGE_PRESIDENT);
    CHECK(sign(s, "0003", PLEDGE_PRESIDENT, 1, NOW, hash, &e));
    CHECK(store_pledge_status(s, "0003", 1, &st, &e) && st.state == PLEDGE_SIGNED);
    CHECK(store_list_pledges(s, NULL, &rows, &n, &e) && n == 3);
    store_pledges_free(rows, n);
    CHECK(store_pledge_status(s, "9999", 1, &st, &e) && st.state == PLEDGE_NONE);
    for (int v = 1; v <= 2; v++) {
        EachPledge ep = {s, v, 0};
        CHECK(store_each_pledge_status(s, v, each_pledge, &ep, &e) && ep.calls == 4);
    }
    check_copy(s);
    VerifyResult vr;
    CHECK(store_verify(s, &vr, &e) && vr.ok && vr.count == 7);
    store_close(s);
    tmp_remove(&t);
}

static void test_store_refusals(void)
{
    Tmp t;
    Store *s = fill(&t);
    Err e = {{0}};
    Arena a = {0};
    draw_name(&sig_a);
    const char *text = pledge_compose(&TEST_PLEDGE, PLEDGE_EMPLOYEE, LANG_JA, &a);
    PledgeSigning good = {.code = "0002",
                          .kind = PLEDGE_EMPLOYEE,
                          .version = 1,
                          .text = text,
                          .name = "佐藤 一郎",
                          .lang = LANG_JA,
                          .now = NOW,
                          .signature = &sig_a};
    struct {
        PledgeSigning p;
        const char *why;
    } bad[] = {
        {good, "no person with code '9999'"},
        {good, "is no longer active"},
        {good, "is the president: they sign the company's pledge"},
        {good, "is not the president"},
        {good, "versions start at 1"},
        {good, "needs text"},
        {good, "needs name"},
        {good, "name is not valid UTF-8"},
        {good, "not a signature"},
        {good, "needs the person's code"},
        {good, "unknown language"},
        {good, "name is longer than 127 bytes"},
    };
    char longname[200];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    bad[0].p.code = "9999";
    bad[1].p.code = "0004";
    bad[2].p.code = "0003";
    bad[3].p.kind = PLEDGE_PRESIDENT;
    bad[4].p.version = 0;
    bad[5].p.text = "";
    bad[6].p.name = NULL;
    bad[7].p.name = "\xff\xfe";
    bad[8].p.signature = &sig_b;
    pledge_sig_init(&sig_b, 600, 200);
    pledge_add_point(&sig_b, 10, 10, 0); /* a dot */
    bad[9].p.code = NULL;
    bad[10].p.lang = (Lang)7;
    bad[11].p.name = longname;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        Err be = {{0}};
        bool ok = store_sign_pledge(s, &bad[i].p, NULL, &be);
        if (ok || !contains(be.msg, bad[i].why))
            fprintf(stderr, "  case %zu: %s\n", i, ok ? "accepted" : be.msg);
        CHECK(!ok && contains(be.msg, bad[i].why));
    }
    VerifyResult vr;
    CHECK(store_verify(s, &vr, &e) && vr.ok && vr.count == 4); /* the roster only */
    CHECK(store_sign_pledge(s, &good, NULL, &e));
    arena_free(&a);
    store_close(s);
    tmp_remove(&t);
}

static void test_store_write_failure_keeps_nothing(void)
{
    Tmp t;
    Store *s = fill(&t);
    Err e = {{0}};
    char hash[65];
    sql_run(t.db, "CREATE TRIGGER no_pledges BEFORE INSERT ON pledges"
                  " BEGIN SELECT RAISE(FAIL, 'disk says no'); END;");
    CHECK(!sign(s, "0001", PLEDGE_EMPLOYEE, 1, NOW, hash, &e));
    CHECK(contains(e.msg, "could not record the pledge"));
    VerifyResult vr;
    CHECK(store_verify(s, &vr, &e) && vr.ok && vr.count == 4); /* the event was rolled back */
    sql_run(t.db, "DROP TRIGGER no_pledges");
    CHECK(sign(s, "0001", PLEDGE_EMPLOYEE, 1, NOW, hash, &e)); /* and a retry works */
    store_close(s);
    tmp_remove(&t);
}

static void test_verify_catches_tampered_strokes(void)
{
    Tmp t;
    Store *s = fill(&t);
    Err e = {{0}};
    char hash[65];
    CHECK(sign(s, "0001", PLEDGE_EMPLOYEE, 1, NOW, hash, &e));
    store_close(s);
    /* someone redraws the signature in the event itself */
    sql_run(t.db, "UPDATE events SET payload = replace(payload, ';60,130,0', ';61,130,0')"
                  " WHERE type = 'pledge'");
    CHECK(!store_open(&s, t.db, &e) && contains(e.msg, "record 5")); /* a writer refuses it */
    CHECK(store_open_readonly(&s, t.db, &e));                        /* verify reads it */
    VerifyResult vr;
    CHECK(store_verify(s, &vr, &e) && !vr.ok && vr.bad_seq == 5);
    CHECK(contains(vr.what, "edited"));
    store_close(s);
    tmp_remove(&t);
    /* or only in the derived table: verify's chain is intact, but the row is never handed out */
    s = fill(&t);
    CHECK(sign(s, "0001", PLEDGE_EMPLOYEE, 1, NOW, hash, &e));
    store_close(s);
    sql_run(t.db, "UPDATE pledges SET strokes = replace(strokes, ';60,130,0', ';61,130,0')");
    CHECK(store_open(&s, t.db, &e));
    PledgeRecord *rows;
    int n;
    CHECK(!store_list_pledges(s, NULL, &rows, &n, &e) && n == 0 && rows == NULL);
    CHECK(contains(e.msg, "record 5: the pledge does not match its record in the chain"));
    store_close(s);
    sql_run(t.db, "UPDATE pledges SET strokes = replace(strokes, ';61,130,0', ';60,130,0'),"
                  " name_signed = 'Someone else'");
    CHECK(store_open(&s, t.db, &e));
    CHECK(!store_list_pledges(s, "0001", &rows, &n, &e) && contains(e.msg, "record 5"));
    store_close(s);
    tmp_remove(&t);
}

/* verify checks the pledges table against the pledge events both ways (issue 15): a row
 * deleted, edited or added by hand, with every event left as it was. */
static void pledge_row_tampered(const char *sql, int64_t bad_seq, const char *what)
{
    Tmp t;
    Store *s = fill(&t);
    Err e = {{0}};
    char hash[65];
    CHECK(sign(s, "0001", PLEDGE_EMPLOYEE, 1, NOW, hash, &e));
    store_close(s);
    sql_run(t.db, sql);
    CHECK(store_open(&s, t.db, &e));
    VerifyResult vr;
    CHECK(store_verify(s, &vr, &e) && !vr.ok && vr.bad_seq == bad_seq);
    if (!contains(vr.what, what))
        fprintf(stderr, "  after %s: record %lld: %s\n", sql, (long long)vr.bad_seq, vr.what);
    CHECK(contains(vr.what, what));
    store_close(s);
    tmp_remove(&t);
}

static void test_verify_checks_the_pledges_table_both_ways(void)
{
    pledge_row_tampered("DELETE FROM pledges", 5, "missing from the pledges table");
    pledge_row_tampered("UPDATE pledges SET name_signed = 'Someone else'", 5, "pledges table no longer says");
    pledge_row_tampered("UPDATE pledges SET text = text || ' '", 5, "pledges table no longer says");
    pledge_row_tampered("INSERT INTO pledges SELECT seq + 100, code, role, version, text, text_sha256,"
                        " name_signed, lang, time, strokes, hash FROM pledges",
                        105, "no record of its own");
}

static void test_migration_from_schema_1(void)
{
    Tmp t;
    Store *s = fill(&t);
    store_close(s);
    bool pg = pg_prefix != NULL;
    sql_run(
        t.db,
        pg ? "DROP TABLE pledges; DROP TABLE diagnoses; DROP TABLE diagnosis_drafts;"
             " DROP TABLE test_drafts; ALTER TABLE employees DROP COLUMN added; DROP INDEX events_by_type;"
             " DROP INDEX employees_by_reading; DROP INDEX employees_by_department; ALTER TABLE employees "
             "DROP COLUMN department_kana;"
             " UPDATE meta SET value = '1' WHERE key = 'schema_version'"
           : "DROP TABLE pledges; DROP TABLE diagnoses; DROP TABLE diagnosis_drafts;"
             " DROP TABLE test_drafts; ALTER TABLE employees DROP COLUMN added; DROP INDEX events_by_type;"
             " DROP INDEX employees_by_reading; DROP INDEX employees_by_department; ALTER TABLE employees "
             "DROP COLUMN department_kana;"
             " PRAGMA user_version = 1;"); /* as a 1st-version database */
    Err e = {{0}};
    CHECK(store_open(&s, t.db, &e));
    char hash[65];
    CHECK(sign(s, "0001", PLEDGE_EMPLOYEE, 1, NOW, hash, &e));
    store_close(s);
    CHECK(sql_int(t.db, pg ? "SELECT value::int FROM meta WHERE key = 'schema_version'"
                           : "PRAGMA user_version") == 9);
    CHECK(sql_int(t.db, "SELECT count(*) FROM pledges") == 1);
    CHECK(sql_int(t.db, "SELECT count(*) FROM employees WHERE added = 0") == 0); /* learnt from the records */
    tmp_remove(&t);
}

static void test_readiness(void)
{
    Tmp t;
    Store *s = fill(&t);
    Err e = {{0}};
    char hash[65];
    PledgeReadiness r;
    CHECK(store_pledge_readiness(s, 1, &r, &e));
    CHECK(!r.ready && !r.president_signed && r.people == 3 && r.nmissing == 3);
    store_pledge_readiness_free(&r);
    CHECK(sign(s, "0001", PLEDGE_EMPLOYEE, 1, NOW, hash, &e));
    CHECK(sign(s, "0002", PLEDGE_EMPLOYEE, 1, NOW, hash, &e));
    CHECK(store_pledge_readiness(s, 1, &r, &e));
    CHECK(!r.ready && !r.president_signed && r.nmissing == 1);
    CHECK(r.nmissing == 1 && strcmp(r.missing[0], "0003") == 0);
    store_pledge_readiness_free(&r);
    CHECK(sign(s, "0003", PLEDGE_PRESIDENT, 1, NOW, hash, &e));
    CHECK(store_pledge_readiness(s, 1, &r, &e));
    CHECK(r.ready && r.president_signed && r.nmissing == 0 && r.signed_people == 3);
    store_pledge_readiness_free(&r);
    CHECK(store_pledge_readiness(s, 2, &r, &e)); /* a new text: everyone again */
    CHECK(!r.ready && !r.president_signed && r.nmissing == 3);
    store_pledge_readiness_free(&r);
    /* a president who was an employee before: the old employee pledge does not count */
    Employee p = person("0002", "佐藤 一郎", ROLE_PRESIDENT, true);
    CHECK(store_put_employee(s, &p, NOW, &e));
    CHECK(store_pledge_readiness(s, 1, &r, &e));
    CHECK(!r.ready && !r.president_signed && r.nmissing == 1 && strcmp(r.missing[0], "0002") == 0);
    store_pledge_readiness_free(&r);
    store_close(s);
    tmp_remove(&t);
    tmp_make(&t); /* nobody at all: not ready, there is no president */
    CHECK(store_open(&s, t.db, &e));
    CHECK(store_pledge_readiness(s, 1, &r, &e) && !r.ready && !r.president_signed && r.people == 0);
    store_pledge_readiness_free(&r);
    store_close(s);
    tmp_remove(&t);
}

/* ---- mamori pledges export ---- */

typedef struct {
    int status;
    char out[8192], err[8192];
} Ran;

static void slurp(FILE *f, char *buf, size_t size)
{
    rewind(f);
    size_t n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
    fclose(f);
}

/* Runs `mamori pledges ARGS...` (NULL-terminated, at most 6) and captures its output. */
static Ran pledges_cli(const Tmp *t, const char *content, const char *a1, const char *a2, const char *a3,
                       const char *a4, const char *a5)
{
    char *argv[7] = {"pledges", (char *)a1, (char *)a2, (char *)a3, (char *)a4, (char *)a5, NULL};
    int argc = 1;
    while (argc < 6 && argv[argc])
        argc++;
    static Ran r;
    fflush(stdout);
    fflush(stderr);
    FILE *out = tmpfile(), *err = tmpfile();
    int saved_out = dup(1), saved_err = dup(2);
    dup2(fileno(out), 1);
    dup2(fileno(err), 2);
    Content c = {0};
    CliContext cx = {.db = t->db, .content_dir = content, .content = &c, .now = NOW};
    r.status = cli_load_content(content, &c) ? cli_pledges(&cx, argc, argv) : CLI_FAIL;
    content_free(&c);
    fflush(stdout);
    fflush(stderr);
    dup2(saved_out, 1);
    dup2(saved_err, 2);
    close(saved_out);
    close(saved_err);
    slurp(out, r.out, sizeof r.out);
    slurp(err, r.err, sizeof r.err);
    return r;
}

/* A content directory with the shipped pledge at this version (and no lessons). */
static void make_content(const Tmp *t, int version)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd,
             "mkdir -p '%s/lessons' '%s/quizzes' && sed 's/^version: .*/version: %d/'"
             " content/pledge.yaml > '%s/pledge.yaml'",
             t->content, t->content, version, t->content);
    CHECK(system(cmd) == 0);
}

static const char *const VOID_TAGS[] = {"meta", "br", "link", "img", "hr", NULL};

static bool is_void(const char *name)
{
    for (int i = 0; VOID_TAGS[i]; i++)
        if (strcmp(name, VOID_TAGS[i]) == 0)
            return true;
    return false;
}

/* A small HTML structure check: every element closed in order (void and self-closing ones
 * aside), no stray '<' in text, quoted attributes without '<'. */
static bool html_well_formed(const char *html, char *why, size_t size)
{
    char stack[64][16];
    int depth = 0;
    for (const char *p = html; (p = strchr(p, '<'));) {
        if (strncmp(p, "<!DOCTYPE", 9) == 0) {
            p = strchr(p, '>');
            continue;
        }
        bool closing = p[1] == '/';
        const char *name = p + 1 + closing;
        size_t len = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789");
        const char *end = strchr(name, '>');
        if (!len || !end || memchr(name, '<', (size_t)(end - name)))
            return snprintf(why, size, "bad tag at byte %d", (int)(p - html)), false;
        char tag[16];
        snprintf(tag, sizeof tag, "%.*s", (int)len, name);
        bool self = end[-1] == '/';
        if (closing) {
            if (depth == 0 || strcmp(stack[depth - 1], tag) != 0)
                return snprintf(why, size, "</%s> closes <%s>", tag, depth ? stack[depth - 1] : "-"), false;
            depth--;
        } else if (!self && !is_void(tag)) {
            if (depth == 64)
                return snprintf(why, size, "too deep"), false;
            snprintf(stack[depth++], sizeof stack[0], "%s", tag);
        }
        p = end + 1;
    }
    return depth == 0 || (snprintf(why, size, "<%s> never closed", stack[depth - 1]), false);
}

static char *export_file(const Tmp *t, const char *prefix)
{
    DIR *d = opendir(t->out);
    struct dirent *ent;
    char path[512] = "";
    while (d && (ent = readdir(d)))
        if (strncmp(ent->d_name, prefix, strlen(prefix)) == 0)
            snprintf(path, sizeof path, "%s/%s", t->out, ent->d_name);
    if (d)
        closedir(d);
    return path[0] ? file_text(path, NULL) : NULL;
}

static void test_export_html(void)
{
    Tmp t;
    Store *s = fill(&t);
    Err e = {{0}};
    char hash[65], code[10], sha[65], why[128];
    CHECK(store_set_setting(s, "company_name", "株式会社<まもり>", NOW, &e));
    CHECK(sign(s, "0001", PLEDGE_EMPLOYEE, 1, NOW, hash, &e));  /* an earlier version */
    CHECK(sign(s, "0003", PLEDGE_PRESIDENT, 2, NOW, hash, &e)); /* the current one */
    store_close(s);
    make_content(&t, 2);
    Ran r = pledges_cli(&t, t.content, "export", "--out", t.out, NULL, NULL);
    CHECK(r.status == 0 && r.err[0] == '\0');
    CHECK(contains(r.out, "wrote 2 pledges and index.html to "));
    CHECK(dir_entries(t.out) == 3); /* no temporary file left */
    pledge_record_code(hash, code);
    char name[128];
    snprintf(name, sizeof name, "pledge-0003-v2-%s.html", code);
    char *html = export_file(&t, name);
    CHECK(html && html_well_formed(html, why, sizeof why));
    CHECK(contains(html, "@page { size: A4 portrait"));
    CHECK(contains(html, "<h1>会社の宣言</h1>"));
    CHECK(contains(html, "<span class=\"num\">5</span><span>戊。</span>"));
    CHECK(contains(html, "<dd class=\"name\">鈴木 社長</dd>"));
    CHECK(contains(html, "<dd class=\"company\">株式会社&lt;まもり&gt;</dd>"));
    CHECK(contains(html, "2025年11月2") && !contains(html, "2025-11-")); /* signed on, as people read dates */
    CHECK(contains(html, code) && contains(html, hash));
    draw_name(&sig_a);
    CHECK(occurrences(html, "<path d=\"") == sig_a.nstrokes); /* one SVG path per stroke */
    Arena a = {0};
    pledge_sha256(pledge_compose(&TEST_PLEDGE, PLEDGE_PRESIDENT, LANG_JA, &a), sha);
    CHECK(contains(html, sha));
    arena_free(&a);
    free(html);
    html = export_file(&t, "pledge-0001-v1-");
    CHECK(html && html_well_formed(html, why, sizeof why));
    CHECK(contains(html, "<dd class=\"name\">&lt;script&gt;&amp;&quot;山田&#39;</dd>"));
    CHECK(!contains(html, "<script"));
    free(html);
    html = export_file(&t, "index.html");
    if (!html_well_formed(html, why, sizeof why))
        fprintf(stderr, "  index.html: %s\n", why);
    CHECK(html && html_well_formed(html, why, sizeof why));
    CHECK(!contains(html, "<script") && contains(html, "&lt;script&gt;&amp;&quot;山田&#39;"));
    CHECK(contains(html, "<td class=\"state old\">! 旧版（第1版）に署名"));
    CHECK(occurrences(html, "<td class=\"state signed\">") == 1);
    CHECK(occurrences(html, "<td class=\"state none\">") == 1);
    CHECK(!contains(html, "Gone")); /* active people only */
    CHECK(contains(html, name));    /* links to the file */
    CHECK(contains(html, "<b>1 / 3</b>") && contains(html, "× まだです (not ready)"));
    free(html);
    tmp_remove(&t);
}

static void test_export_one_employee_and_english(void)
{
    Tmp t;
    Store *s = fill(&t);
    Err e = {{0}};
    Arena a = {0};
    draw_name(&sig_a);
    PledgeSigning p = {.code = "0002",
                       .kind = PLEDGE_EMPLOYEE,
                       .version = 1,
                       .name = "佐藤 一郎",
                       .text = pledge_compose(&TEST_PLEDGE, PLEDGE_EMPLOYEE, LANG_EN, &a),
                       .lang = LANG_EN,
                       .now = NOW,
                       .signature = &sig_a};
    CHECK(store_sign_pledge(s, &p, NULL, &e));
    char hash[65];
    CHECK(sign(s, "0001", PLEDGE_EMPLOYEE, 1, NOW, hash, &e));
    store_close(s);
    arena_free(&a);
    Ran r = pledges_cli(&t, "content", "export", "--employee", "0002", "--out", t.out);
    CHECK(r.status == 0 && contains(r.out, "wrote 1 pledge to "));
    CHECK(dir_entries(t.out) == 1); /* no index for one person */
    char *html = export_file(&t, "pledge-0002-v1-");
    CHECK(contains(html, "<html lang=\"en\">") && contains(html, "<h1>My pledge</h1>"));
    CHECK(contains(html, "Record code") && contains(html, "<dt>Name</dt>"));
    free(html);
    r = pledges_cli(&t, "content", "export", "--employee", "0009", "--out", t.out);
    CHECK(r.status == 1 && contains(r.err, "no person with code '0009'"));
    tmp_remove(&t);
}

static void test_export_refuses_a_tampered_row(void)
{
    Tmp t;
    Store *s = fill(&t);
    Err e = {{0}};
    char hash[65];
    CHECK(sign(s, "0001", PLEDGE_EMPLOYEE, 1, NOW, hash, &e));
    store_close(s);
    sql_run(t.db, "UPDATE pledges SET text = replace(text, '一つ目', 'ひとつめ')");
    Ran r = pledges_cli(&t, "content", "export", "--out", t.out, NULL, NULL);
    CHECK(r.status == 1 && contains(r.err, "record 5: the pledge does not match"));
    CHECK(dir_entries(t.out) == 0);
    tmp_remove(&t);
}

static void test_export_usage_and_failures(void)
{
    Tmp t;
    tmp_make(&t);
    Ran r = pledges_cli(&t, "content", NULL, NULL, NULL, NULL, NULL);
    CHECK(r.status == 2 && contains(r.err, "say export"));
    r = pledges_cli(&t, "content", "print", NULL, NULL, NULL, NULL);
    CHECK(r.status == 2 && contains(r.err, "unknown command 'print'"));
    r = pledges_cli(&t, "content", "export", NULL, NULL, NULL, NULL);
    CHECK(r.status == 2 && contains(r.err, "export needs --out DIR"));
    r = pledges_cli(&t, "content", "export", "--out", NULL, NULL, NULL);
    CHECK(r.status == 2 && contains(r.err, "--out needs a value"));
    r = pledges_cli(&t, "content", "export", "--out", t.out, "--pdf", NULL);
    CHECK(r.status == 2 && contains(r.err, "unknown argument '--pdf'"));
    r = pledges_cli(&t, "content", "--help", NULL, NULL, NULL, NULL);
    CHECK(r.status == 0 && contains(r.out, "usage: mamori pledges export"));
    r = pledges_cli(&t, "content", "export", "--help", NULL, NULL, NULL);
    CHECK(r.status == 0 && contains(r.out, "usage: mamori pledges export"));
    CHECK(dir_entries(t.dir) == 0); /* usage errors open nothing */
    r = pledges_cli(&t, "/tmp/mamori-no-such-content", "export", "--out", t.out, NULL, NULL);
    CHECK(r.status == 1 && contains(r.err, "content in /tmp/mamori-no-such-content has errors"));
    r = pledges_cli(&t, "content", "export", "--out", t.out, NULL, NULL); /* it only reads: no new database */
    CHECK(r.status == 1 && contains(r.err, "there is no database at") && access(t.db, F_OK) != 0);
    Store *made;
    Err me = {{0}};
    CHECK(store_open(&made, t.db, &me));
    store_close(made);
    FILE *f = fopen(t.out, "w"); /* --out is a file */
    fclose(f);
    r = pledges_cli(&t, "content", "export", "--out", t.out, NULL, NULL);
    CHECK(r.status == 1 && contains(r.err, "exists and is not a directory"));
    unlink(t.out);
    char deep[200];
    snprintf(deep, sizeof deep, "%s/a/b", t.dir);
    r = pledges_cli(&t, "content", "export", "--out", deep, NULL, NULL);
    CHECK(r.status == 1 && contains(r.err, "cannot create the directory"));
    r = pledges_cli(&t, "content", "export", "--out", t.out, NULL, NULL); /* nobody: just the index */
    CHECK(r.status == 0 && dir_entries(t.out) == 1);
    if (geteuid() != 0) { /* root writes into read-only directories anyway */
        chmod(t.out, 0555);
        r = pledges_cli(&t, "content", "export", "--out", t.out, NULL, NULL);
        CHECK(r.status == 1 && contains(r.err, "cannot write"));
        chmod(t.out, 0755);
    }
    tmp_remove(&t);
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    RUN(test_compose_exact_and_hash_stable);
    RUN(test_compose_shipped_content_round_trips);
    RUN(test_parse_rejects_other_forms);
    RUN(test_kind_names);
    RUN(test_strokes_encode_exact);
    RUN(test_strokes_round_trip);
    RUN(test_decode_rejects);
    RUN(test_decode_limits);
    RUN(test_add_point_clamps_and_limits);
    RUN(test_signature_thresholds);
    RUN(test_svg_paths);
    RUN(test_polyline);
    RUN(test_record_code);
    RUN(test_store_sign_and_status);
    RUN(test_store_refusals);
    RUN(test_store_write_failure_keeps_nothing);
    RUN(test_verify_catches_tampered_strokes);
    RUN(test_verify_checks_the_pledges_table_both_ways);
    RUN(test_migration_from_schema_1);
    RUN(test_readiness);
    RUN(test_export_html);
    RUN(test_export_one_employee_and_english);
    RUN(test_export_refuses_a_tampered_row);
    RUN(test_export_usage_and_failures);
    pg_prefix = getenv("MAMORI_TEST_PG_URI");
    if (!pg_prefix || !pg_prefix[0]) {
        printf("skip PostgreSQL: no test server (tests/run.sh starts one)\n");
        return TEST_END();
    }
    char home[] = "/tmp/mamori-pledge-home-XXXXXX"; /* this machine's kiosk-id */
    CHECK(mkdtemp(home) != NULL);
    setenv("XDG_DATA_HOME", home, 1);
    printf("-- signing, listing, readiness and export on PostgreSQL\n");
    RUN(test_store_sign_and_status);
    RUN(test_store_refusals);
    RUN(test_verify_catches_tampered_strokes);
    RUN(test_verify_checks_the_pledges_table_both_ways);
    RUN(test_migration_from_schema_1);
    RUN(test_readiness);
    RUN(test_export_html);
    RUN(test_export_one_employee_and_english);
    RUN(test_export_refuses_a_tampered_row);
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", home);
    CHECK(system(cmd) == 0);
    return TEST_END();
}
