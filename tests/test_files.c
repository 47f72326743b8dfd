/* test_files.c — finding a manager's files at the kiosk (files.h): the home folder first, then
 * USB sticks one and two levels under the media folder (usbmount's /media/usb0, udisks'
 * /media/USER/LABEL), in name order; *.csv files newest first, any case, hidden files, folders
 * and other files left out; missing folders skipped; the writable-folder check's messages; mount
 * points told from plain folders. */
#include "test.h"

#include "files.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

static char root[64];

static void mk(const char *rel)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", root, rel);
    CHECK(mkdir(p, 0777) == 0);
}

static void touch(const char *rel, int64_t mtime)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", root, rel);
    FILE *f = fopen(p, "w");
    CHECK(f != NULL);
    if (f)
        fputs("code,name,kana,department,role,lang\n", f), fclose(f);
    struct utimbuf t = {(time_t)mtime, (time_t)mtime};
    CHECK(utime(p, &t) == 0);
}

static const char *rel(const char *path)
{
    return strncmp(path, root, strlen(root)) == 0 ? path + strlen(root) + 1 : path;
}

static void test_places_home_then_sticks(void)
{
    char home[128], media[128];
    snprintf(home, sizeof home, "%s/home", root);
    snprintf(media, sizeof media, "%s/media", root);
    Arena a = {0};
    const char **p;
    int n = files_places(&a, home, media, &p, 16);
    CHECK(n == 5);
    if (n == 5) {
        CHECK_STR(rel(p[0]), "home");
        CHECK_STR(rel(p[1]), "media/kiosk"); /* udisks: /media/USER ... */
        CHECK_STR(rel(p[2]), "media/usb0");
        CHECK_STR(rel(p[3]), "media/kiosk/STICK"); /* ... /media/USER/LABEL */
        CHECK_STR(rel(p[4]), "media/usb0/reports");
    }
    CHECK(files_places(&a, home, media, &p, 2) == 2); /* at most max */
    CHECK(files_places(&a, NULL, "/no/such/media", &p, 16) == 0);
    CHECK(files_places(&a, "/no/such/home", media, &p, 16) == 4);
    arena_free(&a);
}

static void test_csv_newest_first(void)
{
    char home[128], stick[128], missing[128];
    snprintf(home, sizeof home, "%s/home", root);
    snprintf(stick, sizeof stick, "%s/media/kiosk/STICK", root);
    snprintf(missing, sizeof missing, "%s/gone", root);
    const char *dirs[] = {home, missing, stick};
    Arena a = {0};
    FileEntry *f;
    int n = files_csv(&a, dirs, 3, &f, 16);
    CHECK(n == 3);
    if (n == 3) {
        CHECK_STR(f[0].name, "名簿.CSV");
        CHECK_STR(rel(f[0].path), "media/kiosk/STICK/名簿.CSV");
        CHECK_STR(f[1].name, "roster.csv");
        CHECK(f[1].mtime == 1700000500);
        CHECK_STR(f[2].name, "old.csv");
    }
    CHECK(files_csv(&a, dirs, 3, &f, 1) == 1);
    arena_free(&a);
}

static void test_writable_dir_says_why(void)
{
    Err e = {{0}};
    char file[128], home[128];
    snprintf(file, sizeof file, "%s/home/roster.csv", root);
    snprintf(home, sizeof home, "%s/home", root);
    CHECK(files_writable_dir(home, &e));
    CHECK(!files_writable_dir("", &e));
    CHECK_STR(e.msg, "no folder was given");
    CHECK(!files_writable_dir("/no/such/folder", &e));
    CHECK(strstr(e.msg, "is not a folder") != NULL);
    CHECK(!files_writable_dir(file, &e));
    CHECK(strstr(e.msg, "is not a folder") != NULL);
}

static void test_mount_points(void)
{
    char home[128];
    snprintf(home, sizeof home, "%s/home", root);
    CHECK(files_is_mount("/"));
    CHECK(files_is_mount("/proc")); /* a file system of its own on Linux */
    CHECK(!files_is_mount(home));   /* a plain folder */
    CHECK(!files_is_mount("/no/such/folder"));
}

int main(void)
{
    snprintf(root, sizeof root, "/tmp/mamori-files-XXXXXX");
    if (!mkdtemp(root))
        die("mkdtemp: %s", strerror(errno));
    mk("home"), mk("media"), mk("media/usb0"), mk("media/usb0/reports"), mk("media/kiosk");
    mk("media/kiosk/STICK"), mk("media/.hidden"), mk("home/folder.csv");
    touch("home/roster.csv", 1700000500);
    touch("home/old.csv", 1600000000);
    touch("home/.hidden.csv", 1800000000);
    touch("home/notes.txt", 1800000000);
    touch("home/.csv", 1800000000);
    touch("media/kiosk/STICK/名簿.CSV", 1700000900);
    touch("media/readme.csv", 1700000000); /* a file in media is no place */
    RUN(test_places_home_then_sticks);
    RUN(test_csv_newest_first);
    RUN(test_writable_dir_says_why);
    RUN(test_mount_points);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", root);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", root);
    return TEST_END();
}
