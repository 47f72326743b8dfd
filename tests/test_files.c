/* test_files.c — finding a manager's files at the kiosk (files.h): the home folder first, then
 * USB sticks one and two levels under the media folder (usbmount's /media/usb0, udisks'
 * /media/USER/LABEL), in name order, only where a stick is mounted (a mount table of the test's
 * own, as /proc/self/mounts is written); *.csv files newest first, any case, hidden files, folders
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

/* A mount table in /proc/self/mounts' form naming the test's sticks (a test cannot mount). */
static char mounts[128];

static void write_mounts(void)
{
    snprintf(mounts, sizeof mounts, "%s/mounts", root);
    FILE *f = fopen(mounts, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fprintf(f, "/dev/sda1 / ext4 rw,relatime 0 0\nproc /proc proc rw 0 0\n");
    fprintf(f, "/dev/sdb1 %s/media/usb0 vfat rw 0 0\n", root);        /* usbmount: /media/usb0 */
    fprintf(f, "/dev/sdc1 %s/media/kiosk/STICK vfat rw 0 0\n", root); /* udisks: /media/USER/LABEL */
    fprintf(f, "/dev/sdd1 %s/media/kiosk/MY\\040USB exfat rw 0 0\n",
            root); /* a space, as the kernel writes it */
    fclose(f);
}

/* Sticks under both layouts, each a mount point: media/USER itself, usbmount's empty usb1 and a
 * stick's own folders are no places. */
static void test_places_home_then_sticks(void)
{
    char home[128], media[128];
    snprintf(home, sizeof home, "%s/home", root);
    snprintf(media, sizeof media, "%s/media", root);
    Arena a = {0};
    const char **p;
    int n = files_places(&a, home, media, mounts, &p, 16);
    CHECK(n == 4);
    if (n == 4) {
        CHECK_STR(rel(p[0]), "home");
        CHECK_STR(rel(p[1]), "media/usb0");         /* media/LABEL */
        CHECK_STR(rel(p[2]), "media/kiosk/MY USB"); /* media/USER/LABEL, by name */
        CHECK_STR(rel(p[3]), "media/kiosk/STICK");
    }
    CHECK(files_places(&a, home, media, mounts, &p, 2) == 2); /* at most max */
    CHECK(files_places(&a, NULL, "/no/such/media", mounts, &p, 16) == 0);
    CHECK(files_places(&a, "/no/such/home", media, mounts, &p, 16) == 3);
    CHECK(files_places(&a, home, media, "", &p, 16) == 1); /* no table: none is on a device of its own */
    arena_free(&a);
}

/* A stick is named by its label under either layout; a folder that is not mounted is no stick. */
static void test_on_stick(void)
{
    char media[128], path[160];
    const char *label = NULL;
    snprintf(media, sizeof media, "%s/media", root);
    snprintf(path, sizeof path, "%s/usb0", media);
    CHECK(files_on_stick(path, media, mounts, &label) && strcmp(label, "usb0") == 0);
    snprintf(path, sizeof path, "%s/kiosk/STICK", media);
    CHECK(files_on_stick(path, media, mounts, &label) && strcmp(label, "STICK") == 0);
    snprintf(path, sizeof path, "%s/kiosk", media);
    CHECK(!files_on_stick(path, media, mounts, &label)); /* the user's folder: no stick in */
    snprintf(path, sizeof path, "%s/usb1", media);
    CHECK(!files_on_stick(path, media, mounts, &label)); /* usbmount's folder, empty */
    snprintf(path, sizeof path, "%s/usb0/reports", media);
    CHECK(!files_on_stick(path, media, mounts, &label)); /* a folder on a stick */
    snprintf(path, sizeof path, "%s/home", root);
    CHECK(!files_on_stick(path, media, mounts, &label));
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
    char home[128], stick[128];
    snprintf(home, sizeof home, "%s/home", root);
    snprintf(stick, sizeof stick, "%s/media/kiosk/MY USB", root);
    CHECK(files_is_mount("/", NULL));
    CHECK(files_is_mount("/proc", NULL)); /* a file system of its own on Linux */
    CHECK(files_is_mount("/proc", "/proc/self/mounts"));
    CHECK(!files_is_mount(home, NULL)); /* a plain folder */
    CHECK(!files_is_mount(home, "/proc/self/mounts"));
    CHECK(!files_is_mount("/no/such/folder", NULL));
    CHECK(files_is_mount(stick, mounts) && !files_is_mount(home, mounts)); /* the table decides */
    CHECK(files_is_mount("/proc", "/no/such/table")); /* an unreadable table: the devices decide */
}

int main(void)
{
    snprintf(root, sizeof root, "/tmp/mamori-files-XXXXXX");
    if (!mkdtemp(root))
        die("mkdtemp: %s", strerror(errno));
    mk("home"), mk("media"), mk("media/usb0"), mk("media/usb0/reports"), mk("media/kiosk");
    mk("media/kiosk/STICK"), mk("media/kiosk/MY USB"), mk("media/usb1"), mk("media/.hidden");
    mk("home/folder.csv");
    write_mounts();
    touch("home/roster.csv", 1700000500);
    touch("home/old.csv", 1600000000);
    touch("home/.hidden.csv", 1800000000);
    touch("home/notes.txt", 1800000000);
    touch("home/.csv", 1800000000);
    touch("media/kiosk/STICK/名簿.CSV", 1700000900);
    touch("media/readme.csv", 1700000000); /* a file in media is no place */
    RUN(test_places_home_then_sticks);
    RUN(test_on_stick);
    RUN(test_csv_newest_first);
    RUN(test_writable_dir_says_why);
    RUN(test_mount_points);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", root);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", root);
    return TEST_END();
}
