/* test_export.c — the manager's export to a folder (export.h): a new folder named after the
 * moment, every report in it (JSON, CSV, HTML, XLSX) whole, the signed pledges with their index,
 * a second export never overwriting the first, a folder that cannot be used refused with its
 * reason and nothing written, and one part failing without stopping the others. */
#include "test.h"

#include "export.h"
#include "roster.h"

#include "store_internal.h"

#include <dirent.h>
#include <sqlite3.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The store's SQLite connection: the tamperer's way in. */
static sqlite3 *store_db(Store *s)
{
    return db_native(store_conn(s));
}

enum { NOW = 1764000000 };

static char root[64];
static Content content;
static Store *store;

static long file_size(const char *dir, const char *name)
{
    char p[1200];
    struct stat st;
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return stat(p, &st) == 0 ? (long)st.st_size : -1;
}

static bool file_starts(const char *dir, const char *name, const char *head)
{
    char p[1200], buf[64] = "";
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "rb");
    if (!f)
        return false;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return strncmp(buf, head, strlen(head)) == 0;
}

static char *read_text(const char *dir, const char *name)
{
    char p[1200];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "rb");
    if (!f)
        return NULL;
    char *buf = xcalloc(1, 1 << 20);
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *ent;
    while (d && (ent = readdir(d)))
        n += ent->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

static void test_every_report_in_a_new_folder(void)
{
    ExportResult r;
    Err e = {{0}};
    CHECK(export_folder(store, &content, root, NOW, CSV_PLAIN, &r, &e));
    CHECK(r.failed == 0);
    CHECK(r.nitems == 9);
    char stamp[64];
    time_t t = NOW;
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(stamp, sizeof stamp, "/mamori-%Y%m%d-%H%M%S", &tm);
    CHECK(strstr(r.dir, stamp) != NULL && strncmp(r.dir, root, strlen(root)) == 0);
    const char *names[] = {"report.json", "report.csv", "report.html", "report.xlsx"};
    for (int i = 0; i < 4 && i < r.nitems; i++) {
        CHECK_STR(r.items[i].name, names[i]);
        CHECK(r.items[i].ok);
        CHECK(file_size(r.dir, names[i]) > 0);
    }
    CHECK(file_starts(r.dir, "report.json", "{"));
    CHECK(file_starts(r.dir, "report.csv", "\xEF\xBB\xBF"));
    CHECK(file_starts(r.dir, "report.xlsx", "PK"));
    CHECK(r.nitems == 9 && strcmp(r.items[4].name, "diagnosis.html") == 0 && r.items[4].ok);
    CHECK(file_starts(r.dir, "diagnosis.html", "<!DOCTYPE html>")); /* "no diagnosis yet" here */
    CHECK(strcmp(r.items[5].name, "reminders.html") == 0 && r.items[5].ok);
    CHECK(file_starts(r.dir, "reminders.html", "<!DOCTYPE html>"));
    CHECK(r.nitems == 9 && strcmp(r.items[6].name, "roster.csv") == 0 && r.items[6].ok);
    CHECK(file_starts(r.dir, "roster.csv",
                      "\xEF\xBB\xBF"
                      "code,name,kana,department,department_kana,role,lang,active\r\n"));
    CHECK(r.nitems == 9 && strcmp(r.items[7].name, "pledges/") == 0 && r.items[7].ok);
    CHECK(r.items[7].count == 1);
    CHECK(r.nitems == 9 && strcmp(r.items[8].name, "index.html") == 0 && r.items[8].ok);
    CHECK(file_starts(r.dir, "index.html", "<!DOCTYPE html>"));
    CHECK(r.record_ok && r.records == 2 && strlen(r.head) == 64);
    char pledges[1200];
    snprintf(pledges, sizeof pledges, "%s/pledges", r.dir);
    CHECK(file_starts(pledges, "index.html", "<!DOCTYPE html>"));
    CHECK(count_entries(pledges) == 2); /* the signed page and the index */
    CHECK(count_entries(r.dir) == 9);   /* no temporary file left behind */
}

static void test_a_second_export_never_overwrites(void)
{
    ExportResult a, b;
    Err e = {{0}};
    CHECK(export_folder(store, &content, root, NOW + 60, CSV_PLAIN, &a, &e));
    CHECK(export_folder(store, &content, root, NOW + 60, CSV_PLAIN, &b, &e));
    CHECK(strcmp(a.dir, b.dir) != 0);
    size_t n = strlen(a.dir);
    CHECK(strncmp(b.dir, a.dir, n) == 0 && strcmp(b.dir + n, "-2") == 0);
    CHECK(b.failed == 0 && count_entries(b.dir) == 9);
}

/* The kiosk's export in Japanese: the CSVs name their columns and roles in Japanese and keep codes
 * as text for Excel (="..."), and the roster imports back to the same people. */
static void test_kiosk_csv_in_japanese(void)
{
    ExportResult r;
    Err e = {{0}};
    CHECK(export_folder(store, &content, root, NOW + 90, CSV_PEOPLE_JA, &r, &e) && r.failed == 0);
    char *roster = read_text(r.dir, "roster.csv"), *report = read_text(r.dir, "report.csv");
    const char *report_head = "\xEF\xBB\xBF社員番号,氏名,フリガナ,部署,役割,宣言書,対策1,";
    const char *roster_head = "\xEF\xBB\xBF社員番号,氏名,フリガナ,部署,部署よみ,役割,言語,有効\r\n\"=\"\"";
    CHECK(report && strncmp(report, report_head, strlen(report_head)) == 0);
    CHECK(roster && strncmp(roster, roster_head, strlen(roster_head)) == 0);
    CHECK(roster && strstr(roster, ",社員,") && !strstr(roster, "employee"));
    CHECK(report && strstr(report, "\r\n\"=\"\"0042\"\"\",") && strstr(report, ",社員,"));
    char path[1200];
    snprintf(path, sizeof path, "%s/roster.csv", r.dir);
    Employee *rows = NULL, *now = NULL;
    int n = 0, nnow = 0;
    ErrList errs = {0};
    CHECK(roster_parse(path, &rows, &n, &errs));
    CHECK(store_list_employees(store, true, &now, &nnow, &e) && n == nnow);
    for (int i = 0; i < n && i < nnow; i++) {
        CHECK_STR(rows[i].code, now[i].code);
        CHECK_STR(rows[i].department_kana, now[i].department_kana);
        CHECK(rows[i].role == now[i].role && rows[i].lang == now[i].lang);
    }
    errlist_free(&errs);
    free(rows), free(now), free(roster), free(report);
}

static void test_an_unusable_folder_is_refused(void)
{
    ExportResult r;
    Err e = {{0}};
    char file[128];
    snprintf(file, sizeof file, "%s/a-file", root);
    FILE *f = fopen(file, "w");
    if (f)
        fclose(f);
    int before = count_entries(root);
    CHECK(!export_folder(store, &content, "/no/such/stick", NOW, CSV_PLAIN, &r, &e));
    CHECK(strstr(e.msg, "/no/such/stick is not a folder") != NULL);
    CHECK(!export_folder(store, &content, file, NOW, CSV_PLAIN, &r, &e));
    CHECK(strstr(e.msg, "is not a folder") != NULL);
    CHECK(!export_folder(store, &content, "", NOW, CSV_PLAIN, &r, &e));
    CHECK(count_entries(root) == before);
}

/* A pledge the records cannot vouch for fails the pledges alone; the reports are still written. */
static void test_one_part_failing_leaves_the_others(void)
{
    sqlite3_exec(store_db(store), "UPDATE pledges SET name_signed = '山田 はなこ'", NULL, NULL, NULL);
    ExportResult r;
    Err e = {{0}};
    CHECK(export_folder(store, &content, root, NOW + 120, CSV_PLAIN, &r, &e));
    CHECK(r.failed == 1);
    for (int i = 0; i < 4; i++)
        CHECK(r.items[i].ok && file_size(r.dir, r.items[i].name) > 0);
    CHECK(r.items[4].ok && r.items[5].ok && r.items[6].ok);
    CHECK(!r.items[7].ok && strstr(r.items[7].error, "record") != NULL);
    CHECK(r.items[8].ok); /* the cover still tells, and says the record does not verify */
    CHECK(!r.record_ok && r.record_note[0]);
    char *page = read_text(r.dir, "index.html");
    CHECK(page && strstr(page, "pledges/</a>") && strstr(page, "× 書けませんでした / not written"));
    CHECK(page && strstr(page, "is broken: the pledges table no longer says what this record says"));
    free(page);
}

/* The cover page: the company and every name escaped, the verdict with its counts and who is
 * missing, each file with its real SHA-256, the record's head and count from a verify run now. */
static void test_cover_page(void)
{
    Err e = {{0}};
    Employee boss = {.code = "0001", .name = "<b>社長</b> & Co", .role = ROLE_PRESIDENT, .active = true};
    CHECK(store_put_employee(store, &boss, NOW - 40, &e));
    CHECK(store_set_setting(store, "company_name", "<script>x</script>株式会社\"テスト\"", NOW - 30, &e));
    char dir[200];
    snprintf(dir, sizeof dir, "%s/evidence", root);
    ExportResult r;
    CHECK(export_into(store, &content, dir, NOW + 200, CSV_PLAIN, &r, &e));
    CHECK(r.failed == 0 && r.record_ok && r.records == 4);
    char *page = read_text(dir, "index.html");
    CHECK(page != NULL);
    if (!page)
        return;
    CHECK(!strstr(page, "<script>x") && !strstr(page, "<b>社長"));
    CHECK(strstr(page, "<h1>&lt;script&gt;x&lt;/script&gt;株式会社&quot;テスト&quot;</h1>") != NULL);
    CHECK(strstr(page, "× まだ宣言できません / Not ready yet") != NULL);
    CHECK(strstr(page, "× 未署名、または社長が名簿にいない") != NULL);
    CHECK(strstr(page, "<td>1 / 2</td>") != NULL);
    CHECK(strstr(page, "&lt;b&gt;社長&lt;/b&gt; &amp; Co（0001）") != NULL);
    CHECK(strstr(page, r.head) != NULL && strstr(page, "<td>4</td>") != NULL);
    CHECK(strstr(page, "✓ 改ざんなし") != NULL);
    CHECK(strstr(page, "作成日 / Exported: 2025年11月2") != NULL && !strstr(page, "2025-11-"));
    CHECK(strstr(page, "@page { size: A4 portrait") != NULL);
    char cmd[400], sum[80] = "";
    snprintf(cmd, sizeof cmd, "sha256sum %s/report.xlsx", dir);
    FILE *p = popen(cmd, "r");
    if (p && fgets(sum, 65, p))
        CHECK(strlen(sum) == 64 && strstr(page, sum) != NULL); /* the same hash as sha256sum's */
    if (p)
        pclose(p);
    free(page);
    CHECK(!export_into(store, &content, dir, NOW + 200, CSV_PLAIN, &r, &e)); /* never into a folder in use */
    CHECK(strstr(e.msg, "is not empty") != NULL);
}

/* 0042 signs the employee pledge (a signature drawn as a zigzag across the pad). */
static bool sign(Err *e)
{
    Arena a = {0};
    Signature *sig = xcalloc(1, sizeof *sig);
    pledge_sig_init(sig, 600, 200);
    for (int i = 0; i < 40; i++)
        pledge_add_point(sig, 50 + i * 12, i % 2 ? 60 : 140, (uint32_t)(i * 16));
    PledgeSigning p = {.code = "0042",
                       .kind = PLEDGE_EMPLOYEE,
                       .version = content.pledge->version,
                       .text = pledge_compose(content.pledge, PLEDGE_EMPLOYEE, LANG_JA, &a),
                       .name = "山田 花子",
                       .lang = LANG_JA,
                       .now = NOW - 50,
                       .signature = sig};
    bool ok = store_sign_pledge(store, &p, NULL, e);
    free(sig);
    arena_free(&a);
    return ok;
}

int main(void)
{
    ErrList errs = {0};
    Err e = {{0}};
    char db[128];
    snprintf(root, sizeof root, "/tmp/mamori-export-XXXXXX");
    if (!mkdtemp(root))
        die("mkdtemp: %s", strerror(errno));
    snprintf(db, sizeof db, "%s/m.db", root);
    Employee p = {
        .code = "0042", .name = "山田 花子", .kana = "やまだ はなこ", .department = "総務部", .active = true};
    if (!content_load(&content, "content", &errs) || !store_open(&store, db, &e) ||
        !store_import_employees(store, &p, 1, NOW - 100, NULL, &e) || !content.pledge || !sign(&e)) {
        fprintf(stderr, "setup: %s %s\n", e.msg, errs.nmsgs ? errs.msgs[0] : "");
        return 1;
    }
    char exports[96];
    snprintf(exports, sizeof exports, "%s/stick", root);
    mkdir(exports, 0777);
    memcpy(root, exports, sizeof root);
    RUN(test_every_report_in_a_new_folder);
    RUN(test_a_second_export_never_overwrites);
    RUN(test_kiosk_csv_in_japanese);
    RUN(test_an_unusable_folder_is_refused);
    RUN(test_cover_page);
    RUN(test_one_part_failing_leaves_the_others);
    store_close(store);
    content_free(&content);
    errlist_free(&errs);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf %.*s", (int)(strlen(root) - strlen("/stick")), root);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove the test folder\n");
    return TEST_END();
}
