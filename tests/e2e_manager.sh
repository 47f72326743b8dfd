#!/usr/bin/env bash
# e2e_manager.sh — the manager at the real kiosk, driven by scripted SDL events: the PIN set from
# stdin, the dashboard opened through the PIN (a wrong PIN refused first), a person deactivated
# on the roster (then gone from the report, inactive in the roster list, history kept), a
# setting changed (recorded as an event), the export written, five wrong PINs locking it across
# a restart, and kiosk mode left through the dashboard. Screenshots go to build/screenshots/.
# stores: sqlite postgresql
cd "$(dirname "$0")/.." || exit 2
. tests/lib_e2e.sh

m() { "$MAMORI" --db "$DB" "$@"; }

m employees import tests/fixtures/kiosk/roster.csv >/dev/null || fail_now "roster import"

# 1. the PIN: unset at first (the kiosk says how to set it), then set from stdin, never argv.
printf 'wait start\ntap manager\nwait manager_pin\nexpect mamori manager set-pin\nquit\n' > "$TMP/unset.script"
run_kiosk "$TMP/unset.script" /dev/null
check "no PIN yet: the kiosk says how to set one" test "$RC" -eq 0
PIN=73950418   # long enough that no timestamp, UUID or hash in the file holds it by chance
check "set-pin refuses a PIN on the command line" bash -c "! '$MAMORI' --db '$DB' manager set-pin $PIN </dev/null"
check "set-pin refuses letters" bash -c "! printf '24x8\n' | '$MAMORI' --db '$DB' manager set-pin"
check "no PIN was set by those" sql_is "SELECT count(*) FROM settings WHERE key = 'manager_pin_hash'" 0
check "set-pin from stdin" bash -c "printf '$PIN\n' | '$MAMORI' --db '$DB' manager set-pin | grep -q 'manager PIN set'"
check "only the hash is stored" sql_is "SELECT substr(value, 1, 10) FROM settings WHERE key = 'manager_pin_hash'" '$argon2id$'

# 2. through the PIN to the dashboard; deactivate 0002; change a setting; export.
mkdir -p "$TMP/stick"
{
    echo "wait start"; echo "screenshot $SHOTS/manager-start.png"
    echo "tap manager"; echo "wait manager_pin"
    echo "text 1111"; echo "key Return"; echo "expect PINが違います"; echo "expect あと 4 回"
    echo "screenshot $SHOTS/manager-pin-wrong.png"
    echo "wait manager_pin"
    for k in $(echo "$PIN" | grep -o .); do echo "touch pin-$k"; done
    echo "touch pin-ok"; echo "wait manager"; echo "expect 一つ星"
    echo "screenshot $SHOTS/manager-dashboard.png"
    echo "tap tab-1"; echo "expect 佐藤 一郎"; echo "screenshot $SHOTS/manager-people.png"
    echo "tap tab-2"; echo "expect 期限を過ぎた人"; echo "expect 一つ星の宣言を待っている人"
    echo "screenshot $SHOTS/manager-overdue.png"
    echo "tap roster"; echo "wait roster"; echo "tap person-0002"; echo "wait person_card"
    echo "expect テスト合格"; echo "expect 宣言書"; echo "screenshot $SHOTS/manager-person-card.png"
    echo "tap edit"; echo "wait person"; echo "screenshot $SHOTS/manager-person.png"; echo "key Escape"
    echo "wait person_card"; echo "tap deactivate"; echo "expect 無効にしますか"
    echo "screenshot $SHOTS/manager-person-confirm.png"; echo "tap cancel"; echo "expect 編集"
    echo "tap deactivate"; echo "tap confirm-deactivate"; echo "expect 無効にしました"
    echo "tap undo"; echo "expect 有効に戻しました"
    echo "tap deactivate"; echo "tap confirm-deactivate"; echo "expect 無効にしました"
    echo "key Escape"; echo "wait roster"; echo "screenshot $SHOTS/manager-roster.png"
    echo "key Escape"; echo "wait manager"
    echo "tap settings"; echo "wait settings"; echo "tap followup-plus"; echo "tap save"
    echo "expect 保存しました"; echo "screenshot $SHOTS/manager-settings.png"
    echo "key Escape"; echo "wait manager"
    echo "tap export"; echo "wait export"; echo "tap type-folder"; echo "text $TMP/stick"; echo "tap kb-done"
    echo "tap do-export"; echo "expect ✓ report.csv"; echo "screenshot $SHOTS/manager-export.png"
    echo "key Escape"; echo "wait manager"; echo "tap back"; echo "wait start"
    echo "expect 鈴木 社長"; echo "quit"
} > "$TMP/manage.script"
run_kiosk "$TMP/manage.script" "$TMP/trace.jsonl"
check "dashboard through the PIN (exit 0)" test "$RC" -eq 0
check "the trace shows the dashboard" grep -q '"screen": "manager"' "$TMP/trace.jsonl"
check "the wrong PIN was refused" grep -q 'PINが違います' "$TMP/trace.jsonl"
check "a right PIN clears the count" sql_is "SELECT value FROM meta WHERE key = 'pin_failures'" 0
m report --format json > "$TMP/report.json"
check "the report no longer lists 0002" bash -c "! grep -q '\"code\": \"0002\"' '$TMP/report.json'"
check "the report still lists 0001" grep -q '"code": "0001"' "$TMP/report.json"
check "employees list --all shows 0002 inactive" \
    bash -c "'$MAMORI' --db '$DB' employees list --all | grep -Eq '^0002 .* no\$'"
check "employees list leaves 0002 out" bash -c "! '$MAMORI' --db '$DB' employees list | grep -q '^0002 '"
check "deactivating, undoing and deactivating again are events, not deletions" \
    sql_is "SELECT count(*) FROM events WHERE type = 'employee' AND payload LIKE '%\"0002\"%'" 4
check "cancelling the question wrote nothing" \
    sql_is "SELECT count(*) FROM events WHERE type = 'employee' AND payload LIKE '%\"0002\"%' AND payload LIKE '%\"active\":%true%'" 2
check "the setting change is an event" \
    sql_is "SELECT count(*) FROM events WHERE type = 'setting' AND payload LIKE '%followup_length%\"6\"%'" 1
check "the setting is in force" bash -c "'$MAMORI' --db '$DB' settings list | grep -qx 'followup_length=6'"
check "the export wrote every report" bash -c "ls '$TMP'/stick/mamori-*/report.{json,csv,html,xlsx}"
check "the export wrote the pledge index" bash -c "ls '$TMP'/stick/mamori-*/pledges/index.html"
check "the record chain verifies" m verify
if [ "$STORE" = sqlite ]; then
    check "the PIN is nowhere in the database files" bash -c "! grep -qs $PIN '$DB' '$DB-wal' '$DB-shm'"
else
    check "the PIN is nowhere in the database" sql_is "SELECT count(*) FROM events WHERE payload LIKE '%$PIN%'" 0
fi

# 2b. export to a USB stick (a fake mount root, and a mount table saying the stick is mounted: a
# test cannot mount): named by its label, 取り外す unmounts it (a fake unmount tool records the path)
# before the screen says to pull it out; each file says what it is for.
mkdir -p "$TMP/media/KIOSK-USB" "$TMP/home"
printf '/dev/sdb1 %s/media/KIOSK-USB vfat rw 0 0\n' "$TMP" > "$TMP/mounts"
export MAMORI_MOUNTS=$TMP/mounts
printf '#!/bin/sh\necho "$1" > "%s/unmounted"\n' "$TMP" > "$TMP/fake-umount"; chmod +x "$TMP/fake-umount"
{
    echo "wait start"; echo "tap manager"; echo "wait manager_pin"; echo "text $PIN"; echo "key Return"
    echo "wait manager"; echo "tap export"; echo "wait export"; echo "expect USBメモリ（KIOSK-USB）"
    echo "expect このパソコン（ホームフォルダ）"; echo "screenshot $SHOTS/manager-export-places.png"
    echo "tap place-1"; echo "tap do-export"; echo "expect USBメモリ（KIOSK-USB） のフォルダ mamori-"
    echo "expect 抜く前に「USBメモリを取り外す」を押してください"; echo "expect report.html — 報告書：ブラウザで開いて印刷"
    echo "expect report.xlsx — 報告書：Excelで開く"; echo "screenshot $SHOTS/manager-export-stick.png"
    echo "tap eject"; echo "expect USBメモリ（KIOSK-USB） を取り外しました。もう抜いてかまいません"
    echo "screenshot $SHOTS/manager-export-ejected.png"; echo "quit"
} > "$TMP/stick.script"
HOME=$TMP/home MAMORI_MEDIA_ROOT=$TMP/media MAMORI_UNMOUNT=$TMP/fake-umount run_kiosk "$TMP/stick.script" /dev/null
check "export to a stick named by its label, then removed" test "$RC" -eq 0
check "the unmount tool got the stick's folder" grep -qx "$TMP/media/KIOSK-USB" "$TMP/unmounted"
check "the export is on the stick" bash -c "ls '$TMP'/media/KIOSK-USB/mamori-*/report.html"
{
    echo "wait start"; echo "tap manager"; echo "wait manager_pin"; echo "text $PIN"; echo "key Return"
    echo "wait manager"; echo "tap export"; echo "wait export"; echo "tap place-1"; echo "sleep 1100"
    echo "tap do-export"; echo "tap eject"; echo "expect 取り外せませんでした。まだ抜かないでください"; echo "quit"
} > "$TMP/stuck.script"
HOME=$TMP/home MAMORI_MEDIA_ROOT=$TMP/media MAMORI_UNMOUNT=false run_kiosk "$TMP/stuck.script" /dev/null
check "an unmount that fails says not to pull it out" test "$RC" -eq 0

# 2b. a stick that is full: no file can be written, and the screen says so and what to try, not
# "0 files written"
FULL=$(mktemp -d /tmp/mamori-fullstick-XXXXXX)
if mount -t tmpfs -o size=64k tmpfs "$FULL" 2>/dev/null; then
    dd if=/dev/zero of="$FULL/filler" bs=4k 2>/dev/null
    {
        echo "wait start"; echo "tap manager"; echo "wait manager_pin"; echo "text $PIN"; echo "key Return"
        echo "wait manager"; echo "tap export"; echo "wait export"; echo "tap type-folder"; echo "text $FULL"
        echo "tap kb-done"; echo "tap do-export"; echo "expect どのファイルも書けませんでした"
        echo "expect 別のUSBメモリでもう一度どうぞ"; echo "screenshot $SHOTS/manager-export-full.png"; echo "quit"
    } > "$TMP/full.script"
    HOME=$TMP/home run_kiosk "$TMP/full.script" "$TMP/full.trace"
    check "an export onto a full stick says nothing could be written, and what to try" test "$RC" -eq 0
    check "and never says it wrote 0 files" bash -c "! grep -q '0 個のファイルを書き出しました' '$TMP/full.trace'"
    umount "$FULL"
else
    echo "skip the full stick: cannot mount a tmpfs here (needs root)"
fi
rmdir "$FULL"

# 2c. the desktop's automount (Ubuntu, Debian): /media/USER/LABEL. The user's folder is no stick:
# only a folder mounted under it is, named by its label; with the stick pulled out only home is left.
mkdir -p "$TMP/desk/kiosk/STICK" "$TMP/desk/usb1"
printf '/dev/sdc1 %s/desk/kiosk/STICK vfat rw 0 0\n' "$TMP" > "$TMP/desk-mounts"
: > "$TMP/no-mounts"
places_script() { # the export screen's places, in the trace
    echo "wait start"; echo "tap manager"; echo "wait manager_pin"; echo "text $PIN"; echo "key Return"
    echo "wait manager"; echo "tap export"; echo "wait export"; echo "expect このパソコン（ホームフォルダ）"
    echo "$1"; echo "quit"
}
places_script "screenshot $SHOTS/manager-export-desktop.png" > "$TMP/desk.script"
HOME=$TMP/home MAMORI_MEDIA_ROOT=$TMP/desk MAMORI_MOUNTS=$TMP/desk-mounts run_kiosk "$TMP/desk.script" "$TMP/desk.trace"
check "/media/USER/LABEL: the stick is listed by its label" grep -q 'USBメモリ（STICK）' "$TMP/desk.trace"
check "/media/USER itself is no stick" bash -c "! grep -q 'USBメモリ（kiosk）' '$TMP/desk.trace'"
check "an empty usbmount folder is no stick" bash -c "! grep -q 'USBメモリ（usb1）' '$TMP/desk.trace'"
places_script "" > "$TMP/out.script"
HOME=$TMP/home MAMORI_MEDIA_ROOT=$TMP/desk MAMORI_MOUNTS=$TMP/no-mounts run_kiosk "$TMP/out.script" "$TMP/out.trace"
check "no stick in: only this PC is offered" bash -c "test $RC -eq 0 && ! grep -q 'USBメモリ' '$TMP/out.trace'"

# 3. five wrong PINs lock it, and a restart does not lift the lock.
{
    echo "wait start"; echo "tap manager"; echo "wait manager_pin"
    for i in 1 2 3 4 5; do echo "text 000$i"; echo "key Return"; echo "sleep 100"; done
    echo "expect ロック"; echo "screenshot $SHOTS/manager-pin-locked.png"; echo "quit"
} > "$TMP/lock.script"
run_kiosk "$TMP/lock.script" /dev/null
check "five wrong PINs lock it" test "$RC" -eq 0
printf 'wait start\ntap manager\nwait manager_pin\nexpect ロック\nquit\n' > "$TMP/still.script"
run_kiosk "$TMP/still.script" /dev/null
check "still locked after a restart" test "$RC" -eq 0
printf '%s\n' "$PIN" | m manager set-pin >/dev/null
check "a new PIN lifts the lock" sql_is "SELECT value FROM meta WHERE key = 'pin_locked_until'" 0

# 4. kiosk mode is left only through the dashboard (two taps: it asks first).
{
    echo "wait start"; echo "key Escape"; echo "wait start"
    echo "tap manager"; echo "wait manager_pin"; echo "text $PIN"; echo "key Return"; echo "wait manager"
    echo "tap quit"; echo "expect もう一度"; echo "tap quit"; echo "sleep 2000"
    echo "expect kiosk-still-running"
} > "$TMP/leave.script"
"$MAMORI" --db "$DB" --kiosk --script "$TMP/leave.script" 2>"$TMP/stderr"
RC=$?
check "leaving kiosk mode through the dashboard exits 0" test "$RC" -eq 0

finish
