#!/usr/bin/env bash
# e2e_outbox.sh — results that cannot be written to the record (the database is locked) are
# kept in the outbox file beside it, survive the end of the kiosk, a kill -9 and a restart, and
# are written exactly once at the next start; with the outbox file unwritable too the screen
# says "not saved"; the exit status says when anything is left outside the record;
# SIGTERM/SIGINT end the kiosk cleanly in every mode. Runs the real binary under ASan.
cd "$(dirname "$0")/.." || exit 2
. tests/lib_e2e.sh

MEASURE=3
OUTBOX=$DB.outbox
"$MAMORI" --db "$DB" employees import tests/fixtures/kiosk/roster.csv >/dev/null || fail_now "roster import"
"$MAMORI" answers > "$TMP/key.tsv" || fail_now "answer key"
DRAW=$(sed -n 's/^draw: *\([0-9]*\).*/\1/p' content/quizzes/0$MEASURE-*.yaml)

# take_test HOW: every question of the test answered HOW, up to the result screen
take_test() {
    for _ in $(seq "$DRAW"); do printf 'answer %s %s\ntap submit\ntap submit\n' "$TMP/key.tsv" "$1"; done
    echo "wait result"
}
# to_quiz CODE [tiles-next]: signs CODE in and opens the test of MEASURE (its tile on Home's
# second page with tiles-next), then ready.png tells the shell the kiosk is there
to_quiz() {
    echo "wait start"; echo "tap person-$1"; echo "tap confirm-yes"; echo "wait home"
    [ "$2" = tiles-next ] && { echo "tap tiles-next"; echo "expect 2 / "; }
    printf 'tap measure-%s\nwait lesson\n' "$MEASURE"
    for _ in 1 2 3 4 5 6 7; do echo "key Right"; done
    echo "tap next"; echo "wait quiz"; echo "screenshot $TMP/ready.png"; echo "sleep 1500"
}
# lock_db: another program takes the write lock of the database (until unlock_db)
lock_db() {
    rm -f "$TMP/lock.fifo"; mkfifo "$TMP/lock.fifo"
    sqlite3 "$DB" <"$TMP/lock.fifo" >/dev/null 2>&1 &
    LOCKER=$!
    exec 7>"$TMP/lock.fifo"
    echo "BEGIN IMMEDIATE; INSERT INTO meta(key, value) VALUES('lock', 'x');" >&7
    sleep 0.5
}
unlock_db() {
    echo "ROLLBACK;" >&7
    exec 7>&-
    wait "$LOCKER" 2>/dev/null
}
# start_kiosk SCRIPT [ARGS...]: the kiosk in the background; it takes ready.png when signed in
start_kiosk() {
    local script=$1; shift
    rm -f "$TMP/ready.png"
    "$MAMORI" --db "$DB" --script "$script" "$@" 2>"$TMP/stderr" &
    KIOSK=$!
    for _ in $(seq 300); do [ -e "$TMP/ready.png" ] && break; sleep 0.1; done
}
no_asan() { ! grep -q "Sanitizer" "$TMP/stderr"; }
# kept N: the outbox file exists and holds N results
kept() { [ -f "$OUTBOX" ] && [ "$(sqlite3 "$OUTBOX" 'SELECT count(*) FROM pending')" = "$1" ]; }

# 1. six results while the database is locked: each is kept in the outbox file (the screen
#    promises "not lost" only then); quitting leaves them there and exits 4; under ASan no
#    use of freed memory as the queue grows past its first allocation.
{
    to_quiz 0002
    take_test wrong; echo "expect この端末に保管しました"; echo "screenshot $SHOTS/result-kept.png"
    for _ in 1 2 3 4 5; do echo "tap retake"; echo "wait quiz"; take_test wrong; done
    echo "expect 消えることはありません"; echo "quit"
} > "$TMP/six.script"
start_kiosk "$TMP/six.script" --trace "$TMP/six.jsonl"
lock_db
wait "$KIOSK"; RC=$?
unlock_db
[ "$RC" -eq 4 ] || { echo "  kiosk exit $RC:"; sed 's/^/  | /' "$TMP/stderr" | head -40; }
check "six results queued while locked: exit 4 (left outside the record)" test "$RC" -eq 4
check "no memory error under ASan with six queued" no_asan
check "stderr says where they are kept" grep -q "6 test result(s) could not be written.*kept in .*mamori.db.outbox" "$TMP/stderr"
style_of() { # TRACE ID: the style of item ID in the last result frame
    grep '"screen": "result"' "$1" | tail -1 | python3 -c '
import json, sys
d = json.loads(sys.stdin.readline())
print(next((i["style"] for i in d["items"] if i["id"] == sys.argv[1]), "none"))' "$2"
}
check "kept: もう一度保存する is not the first thing to press (it retries by itself)" \
    test "$(style_of "$TMP/six.jsonl" retry)" = secondary
check "the outbox file holds the six results" kept 6
check "the outbox file is private (0600)" test "$(stat -c %a "$OUTBOX")" = 600
check "nothing reached the record yet" sql_is "SELECT count(*) FROM attempts WHERE code='0002'" 0

# 1b. while the database stays locked, the kiosk's retries every few seconds never wait for the
#     lock on the frame loop (issue 15): no frame of 40 ms or more while a kept result waits
#     (timed in the release build; a busy timeout of 50 ms made each retry's frame that long).
{
    to_quiz 0002
    take_test wrong; echo "expect この端末に保管しました"; echo "frames-under 100000"; echo "sleep 7000"
    echo "frames-under 40"; echo "quit"
} > "$TMP/retry.script"
mv "$OUTBOX" "$TMP/six.outbox"
MAMORI=$PWD/build/rel/mamori start_kiosk "$TMP/retry.script"
lock_db
wait "$KIOSK"; RC=$?
unlock_db
grep 'longest frame' "$TMP/stderr" | sed 's/^/  | /'
check "locked: the retries' frames stay short (exit 4: the result is kept)" test "$RC" -eq 4
check "locked: no frame waited for the lock" bash -c "! grep -q 'a frame took' '$TMP/stderr'"
rm -f "$OUTBOX"; mv "$TMP/six.outbox" "$OUTBOX"

# 2. the next start writes them, in order, and removes the file.
"$MAMORI" --db "$DB" --frames 3 2>"$TMP/stderr"; RC=$?
check "the next start exits 0" test "$RC" -eq 0
check "the next start says it wrote them" grep -q "6 test result(s) kept from an earlier run: 6 written" "$TMP/stderr"
check "all six are in the record" sql_is "SELECT count(*) FROM attempts WHERE code='0002' AND finished=1" 6
check "the outbox file is gone once written" test ! -e "$OUTBOX"
check "the record verifies" "$MAMORI" --db "$DB" verify

# 2b. a result kept while the record is locked is written by a retry while the person is on Home:
#     Home says it waits (so its 0 does not read as "take the test again"), then reads the record
#     again and counts the test passed.
{
    to_quiz 0002
    take_test right; echo "expect この端末に保管しました"; echo "tap done"; echo "wait home"
    echo "expect テスト合格  0 / 25"; echo "expect テストの結果を保存するのを待っています" # says why 0
    echo "screenshot $TMP/home-kept.png"
    echo "sleep 6000" # the lock goes when the screenshot is seen; the kiosk retries every 3 s
    echo "expect テスト合格  1 / 25"; echo "quit"
} > "$TMP/home.script"
rm -f "$TMP/home-kept.png"
start_kiosk "$TMP/home.script" --trace "$TMP/home-trace.jsonl"
lock_db
for _ in $(seq 300); do [ -e "$TMP/home-kept.png" ] && break; sleep 0.1; done
unlock_db
wait "$KIOSK"; RC=$?
[ "$RC" -eq 0 ] || { sed 's/^/  | /' "$TMP/stderr"; grep '"screen": "home"' "$TMP/home-trace.jsonl" | tail -2 | cut -c1-400; }
check "a kept result written while on Home: Home counts it without leaving" test "$RC" -eq 0
check "and the band that said it waits is gone then" \
    bash -c "tail -1 '$TMP/home-trace.jsonl' | grep -v -q 'テストの結果を保存するのを待っています'"

check "and it is in the record once" sql_is "SELECT count(*) FROM attempts WHERE code='0002' AND passed=1" 1

# 3. kill -9 while a result waits: nothing is lost.
{
    to_quiz 0003; take_test right; echo "expect will not be lost"
    echo "screenshot $TMP/kept.png"; echo "sleep 60000"
} > "$TMP/kill.script"
start_kiosk "$TMP/kill.script"
lock_db
for _ in $(seq 300); do [ -e "$TMP/kept.png" ] && break; sleep 0.1; done
kill -9 "$KIOSK"; wait "$KIOSK" 2>/dev/null
unlock_db
check "after kill -9 the result is in the outbox file" kept 1
"$MAMORI" --db "$DB" --frames 3 2>"$TMP/stderr"; RC=$?
check "after kill -9 the next start writes it" sql_is "SELECT count(*) FROM attempts WHERE code='0003' AND passed=1" 1
check "and exits 0" test "$RC" -eq 0

# 4. the outbox file cannot be written either: the screen says "not saved" plainly, the exit
#    status is 4 and stderr lists the result.
mkdir "$OUTBOX"
{
    to_quiz 0004; take_test right; echo "expect 保存されていません"
    echo "screenshot $SHOTS/result-not-saved-anywhere.png"; echo "quit"
} > "$TMP/nowhere.script"
start_kiosk "$TMP/nowhere.script" --trace "$TMP/nowhere.jsonl"
lock_db
wait "$KIOSK"; RC=$?
unlock_db
check "nowhere to keep it: exit 4" test "$RC" -eq 4
check "nowhere to keep it: stderr lists the unsaved result" grep -q "unsaved: employee 0004, measure $MEASURE" "$TMP/stderr"
check "nowhere to keep it: もう一度保存する is the first thing to press, ホームへ戻る not" \
    test "$(style_of "$TMP/nowhere.jsonl" retry) $(style_of "$TMP/nowhere.jsonl" done)" = "primary secondary"
rmdir "$OUTBOX"

# 5. SIGTERM and SIGINT end the kiosk cleanly, in window and kiosk mode, within a second.
printf 'wait start\nscreenshot %s\nsleep 60000\n' "$TMP/ready.png" > "$TMP/idle.script"
for mode in --window --kiosk; do
    for sig in TERM INT; do
        start_kiosk "$TMP/idle.script" "$mode"
        t0=$(date +%s%N); kill -"$sig" "$KIOSK"; wait "$KIOSK"; RC=$?; t1=$(date +%s%N)
        check "SIG$sig ends the kiosk ($mode): exit 0" test "$RC" -eq 0
        check "SIG$sig ends the kiosk ($mode) within 1 s" test $(((t1 - t0) / 1000000)) -lt 1000
    done
done
# a result waiting when SIGTERM comes: the kiosk tries to save it, keeps it, exits 4.
{
    to_quiz 0001 tiles-next; take_test right # --kiosk: 1024x768 here, two tiles a page
    echo "screenshot $TMP/kept.png"; echo "sleep 60000"
} > "$TMP/term.script"
rm -f "$TMP/kept.png"
start_kiosk "$TMP/term.script" --kiosk
lock_db
for _ in $(seq 300); do [ -e "$TMP/kept.png" ] && break; sleep 0.1; done
kill -TERM "$KIOSK"; wait "$KIOSK"; RC=$?
unlock_db
[ "$RC" -eq 4 ] || sed 's/^/  | /' "$TMP/stderr"
check "SIGTERM with a result waiting: exit 4, kept" test "$RC" -eq 4
check "SIGTERM with a result waiting: it is in the outbox file" kept 1
"$MAMORI" --db "$DB" --frames 2 2>/dev/null
check "and it is written at the next start" sql_is "SELECT count(*) FROM attempts WHERE code='0001' AND passed=1" 1

finish
