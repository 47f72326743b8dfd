#!/usr/bin/env bash
# e2e_manager_busy.sh — issue 15, "no frozen screen": on a record of some thousands of people the
# manager's long work runs off the frame loop. Opening the dashboard, an export and a roster
# import each show their progress while they work (checked with the script's `busy` commands,
# which run only while the work goes on, so each proves the frame loop went on meanwhile), and
# the outcome is then on screen. The longest frame of each step is printed and must stay under a
# second in the release build (`frames-under 1000`: a freeze, as the 14 s one this issue found,
# fails; a frame slowed by a busy machine does not); the 100 ms target is timed by `make bench`
# on the 10,000-person record. The manager PIN's Argon2id check runs off the frame loop too (the
# screen says 確認しています… meanwhile): the first step's frames include it, and a wrong PIN, the lock
# after five and the right PIN behave as before through it. SIGTERM while the dashboard loads,
# or while a PIN is checked, ends the kiosk cleanly (the work is stopped or ended, and joined;
# the sanitizer build finds nothing left over); a try being checked is still counted.
# stores: sqlite
cd "$(dirname "$0")/.." || exit 2
. tests/lib_e2e.sh

REL=$PWD/build/rel/mamori
PEOPLE=3000
PIN=51873206
m() { "$MAMORI" --db "$DB" "$@"; }
people_csv() { # FIRST COUNT: a roster CSV of COUNT people from code FIRST on, 20 departments
    echo "code,name,kana,department,role,lang"
    for i in $(seq "$1" $(($1 + $2 - 1))); do printf '%05d,社員 %d,しゃいん,部署%02d,employee,ja\n' "$i" "$i" $((i % 20)); done
}
people_csv 1 "$PEOPLE" > "$TMP/people.csv"
m employees import "$TMP/people.csv" >/dev/null || fail_now "roster import"
printf '%s\n' "$PIN" | m manager set-pin >/dev/null || fail_now "set-pin"
mkdir -p "$TMP/home" "$TMP/stick" "$TMP/media"
people_csv 20001 "$PEOPLE" > "$TMP/home/more.csv"

# through the PIN: the dashboard's figures are read while it is typed (the script's next command
# waits for that), its Argon2 check runs off the frame loop (timed with the rest), the screen
# saying so meanwhile, then the dashboard opens with its figures; coming back to it from the export
# keeps them (nothing was recorded), from the roster import reads them again, with the progress shown
sign_in() {
    echo "wait start"; echo "tap manager"; echo "wait manager_pin"
    for k in $(echo "$PIN" | grep -o .); do echo "touch pin-$k"; done
    echo "touch pin-ok"; echo "busy expect 確認しています…"; echo "busy screenshot $SHOTS/manager-pin-checking.png"
    echo "wait manager"
}
{
    sign_in
    echo "expect 人 ・ 修了"; echo "frames-under 1000"
    echo "tap tab-1"; echo "expect 社員 1"
    echo "tap export"; echo "wait export"; echo "tap type-folder"; echo "text $TMP/stick"; echo "tap kb-done"
    echo "frames-under 100000"; echo "tap do-export"; echo "busy expect 書き出しています…"
    echo "expect ✓ report.csv"; echo "frames-under 1000"
    echo "key Escape"; echo "wait manager"; echo "expect 社員 1"
    echo "tap roster"; echo "wait roster"; echo "tap import"; echo "wait import"
    echo "tap file-0"; echo "frames-under 100000"; echo "tap do-import"; echo "busy expect 名簿を取り込んでいます…"
    echo "wait roster"; echo "expect more.csv（UTF-8）から $PEOPLE 人を読みました"; echo "frames-under 1000"
    echo "key Escape"; echo "busy expect 読み込んでいます… 手順"; echo "busy screenshot $SHOTS/manager-loading.png"
    echo "wait manager"; echo "tap tab-0"; echo "expect $((2 * PEOPLE)) 人 ・ 修了"
    echo "quit"
} > "$TMP/work.script"

HOME=$TMP/home MAMORI_MEDIA_ROOT=$TMP/media MAMORI="$REL" run_kiosk "$TMP/work.script" "$TMP/work.jsonl"
check "release build: dashboard, export and import each showed progress, no frame of a second" test "$RC" -eq 0
# the figures read behind the PIN screen: the dashboard's first frame shows them, never "loading"
opened_loaded() {
    local first
    first=$(grep -m1 '"screen": "manager"' "$TMP/work.jsonl")
    grep -q '人 ・ 修了' <<<"$first" && ! grep -q '読み込んでいます' <<<"$first"
}
check "a right PIN opens the dashboard with the figures read while it was typed" opened_loaded
# no text of the dashboard's first frame runs into a button ("3000 / 3000" into the pager)
clear_of_buttons() {
    grep -m1 '"screen": "manager"' "$TMP/work.jsonl" | python3 -c '
import json, sys
d = json.loads(sys.stdin.readline())
def meet(a, b):
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]
bad = [(l["text"], i["id"]) for l in d["lines"] for i in d["items"]
       if meet(l["rect"], i["rect"]) and l["text"] != i["label"] and l["text"] not in i["label"]]
print(bad)
sys.exit(1 if bad else 0)'
}
check "the dashboard's counts and names stand clear of its buttons" clear_of_buttons
# back from the export (which records nothing) within a minute: the figures shown stay, never
# "loading"; back from the import (which recorded people): read again, with the progress shown
back_kept() {
    python3 - "$TMP/work.jsonl" <<'PY'
import json, sys
screens = []
for line in open(sys.argv[1]):
    d = json.loads(line)
    text = " ".join(l["text"] for l in d["lines"])
    screens.append((d["screen"], text))
after = [t for i, (s, t) in enumerate(screens) if s == "manager" and i and screens[i - 1][0] == "export"]
sys.exit(0 if after and "社員 1" in after[0] and "読み込んでいます" not in after[0] else 1)
PY
}
check "back from the export: the figures shown stay (nothing was recorded meanwhile)" back_kept
grep 'longest frame' "$TMP/stderr" | sed 's/^/  | /'
check "the import wrote everyone" sql_is "SELECT count(*) FROM employees" $((2 * PEOPLE))
check "the export folder is whole" bash -c "ls '$TMP'/stick/mamori-*/index.html"

# the same under the sanitizers (every frame slower: not timed), on a new import file
sed -i -e 's/^frames-under 1000$/frames-under 100000/' -e "s/^expect $((2 * PEOPLE)) 人/expect $((3 * PEOPLE)) 人/" "$TMP/work.script"
people_csv 40001 "$PEOPLE" > "$TMP/home/more.csv"
HOME=$TMP/home MAMORI_MEDIA_ROOT=$TMP/media run_kiosk "$TMP/work.script" /dev/null
check "sanitizer build: the same, nothing reported" test "$RC" -eq 0
check "the second import wrote everyone" sql_is "SELECT count(*) FROM employees" $((3 * PEOPLE))

# the PIN through the background check, under the sanitizers: a wrong PIN with the tries left,
# the lock after five, the right PIN once the lock is over; each check shown while it runs
try_pin() { # PIN: typed and sent, the check seen running
    echo "text $1"; echo "key Return"; echo "busy expect 確認しています…"
}
{
    echo "wait start"; echo "tap manager"; echo "wait manager_pin"
    try_pin 1111; echo "expect PINが違います"; echo "expect あと 4 回"
    for _ in 1 2 3; do try_pin 0000; done
    echo "expect あと 1 回"; try_pin 0000; echo "expect ロック"
    echo "advance 61"; try_pin "$PIN"; echo "wait manager"
    echo "expect 人 ・ 修了"; echo "quit"
} > "$TMP/pin.script"
run_kiosk "$TMP/pin.script" "$TMP/pin.jsonl"
check "sanitizer build: wrong PIN, lock, right PIN, each checked off the frame loop" test "$RC" -eq 0
# the figures read a minute before the right PIN are not shown: the dashboard reads them anew
check "figures read over a minute before the right PIN are read again" \
    grep -q '"screen": "manager".*読み込んでいます' "$TMP/pin.jsonl"

# back from the roster after more than a minute, nothing recorded: the figures are read again
{
    echo "wait start"; echo "tap manager"; echo "wait manager_pin"; try_pin "$PIN"; echo "wait manager"
    echo "expect 人 ・ 修了"; echo "tap roster"; echo "wait roster"; echo "advance 61"; echo "key Escape"
    echo "busy expect 読み込んでいます… 手順"; echo "wait manager"; echo "expect 人 ・ 修了"; echo "quit"
} > "$TMP/stale.script"
m settings set idle_timeout 600 >/dev/null || fail_now "settings"
run_kiosk "$TMP/stale.script" /dev/null
check "back to the dashboard after over a minute: its figures are read again" test "$RC" -eq 0
# the keypad stays put whatever the band above it says (enter it, checking, wrong): a finger
# aimed at a key never lands on another one
keypad_still() {
    python3 - "$TMP/pin.jsonl" <<'PY'
import json, sys
at = set()
for line in open(sys.argv[1]):
    d = json.loads(line)
    if d["screen"] == "manager_pin":
        at |= {tuple(i["rect"]) for i in d["items"] if i["id"] == "pin-1"}
print(at)
sys.exit(0 if len(at) == 1 else 1)
PY
}
check "the PIN keypad does not move while the message above it changes" keypad_still
check "the right PIN cleared the count" sql_is "SELECT value FROM meta WHERE key = 'pin_failures'" 0

# SIGTERM while a wrong PIN is checked: the check ends whole (the try counts), is joined, exit 0
{
    echo "wait start"; echo "tap manager"; echo "wait manager_pin"; echo "text 9999"; echo "key Return"
    echo "busy screenshot $TMP/checking.png"; echo "sleep 60000"; echo "quit"
} > "$TMP/term-pin.script"
"$MAMORI" --db "$DB" --script "$TMP/term-pin.script" 2>"$TMP/term-pin.err" &
KIOSK=$!
for _ in $(seq 1 300); do [ -s "$TMP/checking.png" ] && break; sleep 0.05; done
kill -TERM "$KIOSK"
wait "$KIOSK"
RC=$?
check "SIGTERM while a PIN is checked: exit 0" test "$RC" -eq 0
check "SIGTERM while a PIN is checked: said so, nothing else" bash -c "grep -q 'ending on SIGTERM' '$TMP/term-pin.err' && ! grep -q 'ERROR' '$TMP/term-pin.err'"
check "the try being checked was counted" sql_is "SELECT value FROM meta WHERE key = 'pin_failures'" 1

# SIGTERM while the dashboard's figures are read behind the PIN screen: the kiosk stops the work,
# joins it and ends (exit 0)
{ echo "wait start"; echo "tap manager"; echo "busy screenshot $TMP/loading.png"; echo "sleep 60000"; echo "quit"; } > "$TMP/term.script"
"$MAMORI" --db "$DB" --script "$TMP/term.script" 2>"$TMP/term.err" &
KIOSK=$!
for _ in $(seq 1 300); do [ -s "$TMP/loading.png" ] && break; sleep 0.05; done
kill -TERM "$KIOSK"
wait "$KIOSK"
RC=$?
check "SIGTERM while loading: exit 0" test "$RC" -eq 0
check "SIGTERM while loading: said so, nothing else" bash -c "grep -q 'ending on SIGTERM' '$TMP/term.err' && ! grep -q 'ERROR' '$TMP/term.err'"
finish
