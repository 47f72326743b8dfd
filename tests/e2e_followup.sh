#!/usr/bin/env bash
# e2e_followup.sh — follow-ups and refreshers through the real kiosk with the clock moved by
# faketime: a test with a wrong answer makes a follow-up due two days later; taking it advances
# the schedule; a year later the passed measure is due again, on Home and in the report.
# stores: sqlite postgresql
cd "$(dirname "$0")/.." || exit 2
. tests/lib_e2e.sh
command -v faketime >/dev/null || fail_now "faketime is not installed (make deps installs it)"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" # faketime is preloaded

"$MAMORI" --db "$DB" employees import tests/fixtures/kiosk/roster.csv >/dev/null || fail_now "roster import"
"$MAMORI" answers > "$TMP/key.tsv" || fail_now "answer key"
KEY=$TMP/key.tsv

read_lesson() { # MEASURE
    printf 'tap measure-%s\nwait lesson\n' "$1"
    for _ in 1 2 3 4 5 6 7; do printf 'key Right\n'; done
    printf 'tap next\nwait quiz\n'
}
answer() { printf 'answer %s %s\ntap submit\ntap submit\n' "$KEY" "$1"; }
in_days() { faketime -f "+${1}d" "${@:2}"; }

# Day 0: person 0002 takes measure 7 (5 questions) with the first answer wrong (4 of 5: passed).
{
    echo "wait start"; echo "tap person-0002"; echo "tap confirm-yes"; echo "wait home"; echo "tap tab-2"
    read_lesson 7; answer wrong; answer right; answer right; answer right; answer right
    echo "wait result"; echo "expect 合格です"; echo "tap done"; echo "wait home"
    echo "expect 次は"; echo "quit"
} > "$TMP/day0.script"
run_kiosk "$TMP/day0.script" /dev/null
check "day 0: the test runs to its result" test "$RC" -eq 0
check "day 0: test with a wrong answer recorded" sql_is "SELECT count(*) FROM answers WHERE code='0002' AND correct=0" 1

# person_json CODE DAYS: the report's lines for one person (code to the start of the measures)
person_json() { in_days "$2" "$MAMORI" --db "$DB" report --format json | sed -n "/\"code\": \"$1\"/,/\"measures\"/p"; }
check "day 2: the report shows one follow-up question due" grep '"due": 1' <(person_json 0002 2)

# Day 2: the wrong one is due; take the follow-up.
{
    echo "wait start"; echo "tap person-0002"; echo "tap confirm-yes"; echo "wait home"
    echo "expect 復習する問題が 1 問あります"; echo "screenshot $SHOTS/home-followup-due.png"
    echo "tap followup"; echo "wait quiz"; echo "expect フォローアップ"
    answer right
    echo "wait result"; echo "expect おつかれさまでした"; echo "tap done"; echo "wait home"
    echo "expect 次は"; echo "quit"
} > "$TMP/day2.script"
in_days 2 "$MAMORI" --db "$DB" --script "$TMP/day2.script" 2>"$TMP/stderr"; RC=$?
[ "$RC" -eq 0 ] || sed 's/^/  | /' "$TMP/stderr"
check "day 2: the follow-up is due on Home and can be taken" test "$RC" -eq 0
check "day 2: follow-up attempt recorded" sql_is "SELECT count(*) FROM attempts WHERE code='0002' AND kind='followup' AND finished=1" 1
check "day 2: the report shows the follow-up taken, nothing due" grep '"due": 0' <(person_json 0002 2)
check "day 2: the report has the last follow-up date" grep '"last_at": "20' <(person_json 0002 2)

# Day 0 again for person 0001: pass measure 3; a year and a week later it is due again.
{
    echo "wait start"; echo "tap person-0001"; echo "tap confirm-yes"; echo "wait home"
    read_lesson 3; for _ in 1 2 3 4 5; do answer right; done
    echo "wait result"; echo "expect 合格です"; echo "quit"
} > "$TMP/pass.script"
run_kiosk "$TMP/pass.script" /dev/null
check "day 0: measure 3 passed" sql_is "SELECT count(*) FROM attempts WHERE code='0001' AND passed=1" 1
{
    echo "wait start"; echo "tap person-0001"; echo "tap confirm-yes"; echo "wait home"
    echo "expect 再受講の時期です"; echo "expect 復習する問題が"
    echo "screenshot $SHOTS/home-refresher-due.png"; echo "quit"
} > "$TMP/year.script"
in_days 372 "$MAMORI" --db "$DB" --script "$TMP/year.script" 2>"$TMP/stderr"; RC=$?
[ "$RC" -eq 0 ] || sed 's/^/  | /' "$TMP/stderr"
check "a year later: the measure is due again on Home" test "$RC" -eq 0
check "a year later: the report says due" grep '"state": "due"' <(in_days 372 "$MAMORI" --db "$DB" report --format json)
check "two years later: the report says overdue" grep '"state": "overdue"' <(in_days 730 "$MAMORI" --db "$DB" report --format json)
check "the record chain verifies" "$MAMORI" --db "$DB" verify

finish
