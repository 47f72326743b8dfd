#!/usr/bin/env bash
# e2e_deadlines.sh — late means past a due date, through the real kiosk and CLI with the clock
# set by faketime: nobody is late the day the roster comes in; the day after the five-article
# course's 30th day everyone who has not finished it is late by 1 day; the one-star blockers are
# listed apart; a row opens the person's card; a date setting moves the deadline; reminder slips
# come out of the CLI (one person or all) and the export.
# stores: sqlite postgresql
cd "$(dirname "$0")/.." || exit 2
. tests/lib_e2e.sh
command -v faketime >/dev/null || fail_now "faketime is not installed (make deps installs it)"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" # faketime is preloaded

at() { faketime -f "@$1" "${@:2}"; } # at "2026-01-05 10:00:00" CMD...
DAY0="2026-01-05 10:00:00"
at "$DAY0" "$MAMORI" --db "$DB" employees import tests/fixtures/kiosk/roster.csv >/dev/null || fail_now "roster import"
printf '2468\n' | "$MAMORI" --db "$DB" manager set-pin >/dev/null || fail_now "set-pin"
PEOPLE=$(sql "SELECT count(*) FROM employees WHERE active = 1")

overdue_script() { # SHOT: through the PIN to the overdue tab
    echo "wait start"; echo "tap manager"; echo "wait manager_pin"; echo "text 2468"; echo "key Return"
    echo "wait manager"; echo "tap tab-2"; echo "screenshot $1"
}

# Day 0: nobody is late; everyone blocks the one-star declaration (nobody has signed).
{ overdue_script "$SHOTS/manager-deadlines-day0.png"; echo "expect 期限を過ぎた人：0 人"
  echo "expect 一つ星の宣言を待っている人：$PEOPLE 人"; echo "expect ✓ 期限を過ぎた人はいません"; echo "quit"; } >"$TMP/day0.script"
at "$DAY0" "$MAMORI" --db "$DB" --trace "$TMP/day0.trace" --script "$TMP/day0.script" 2>"$TMP/stderr"
RC=$?; [ "$RC" -eq 0 ] || sed 's/^/  | /' "$TMP/stderr"
check "the day the roster comes in nobody is late, and the blockers are listed apart" test "$RC" -eq 0

# Day 30 (the course's last day) nobody is late; day 31 everyone is, by 1 day; a row opens the card.
{ overdue_script "$TMP/d30.png"; echo "expect 期限を過ぎた人：0 人"; echo "quit"; } >"$TMP/d30.script"
at "2026-02-04 23:00:00" "$MAMORI" --db "$DB" --script "$TMP/d30.script" 2>"$TMP/stderr"
RC=$?; [ "$RC" -eq 0 ] || sed 's/^/  | /' "$TMP/stderr"
check "the 30th day after joining: not late yet" test "$RC" -eq 0
{ overdue_script "$SHOTS/manager-deadlines-late.png"; echo "expect 期限を過ぎた人：$PEOPLE 人"
  echo "expect 5か条の講座（期限 2月4日、残り 10）"
  echo "tap late-0002"; echo "wait person_card"; echo "expect 佐藤 一郎"
  echo "expect 5か条の講座 × 期限 2月4日 を 1 日過ぎています"; echo "quit"; } >"$TMP/d31.script"
at "2026-02-05 09:00:00" "$MAMORI" --db "$DB" --trace "$TMP/d31.trace" --script "$TMP/d31.script" 2>"$TMP/stderr"
RC=$?; [ "$RC" -eq 0 ] || sed 's/^/  | /' "$TMP/stderr"
check "the day after: everyone is late, the row says which course and its due date, and opens the card" \
    test "$RC" -eq 0
check "late by 1 day, not 0" grep -q '"1 日"' "$TMP/d31.trace"
check "no one is 0 days late" bash -c "! grep -q '\"0 日\"' '$TMP/d31.trace'"

# A date setting: a bad one is refused with the rule; a later date moves the deadline.
check "a date that does not exist is refused (exit 1)" status_is 1 "$MAMORI" --db "$DB" settings set five_due_date 2026-02-30
"$MAMORI" --db "$DB" settings set five_due_date 2026-03-31 >/dev/null
{ overdue_script "$TMP/date.png"; echo "expect 期限を過ぎた人：0 人"; echo "quit"; } >"$TMP/date.script"
at "2026-02-05 09:00:00" "$MAMORI" --db "$DB" --script "$TMP/date.script" 2>"$TMP/stderr"
RC=$?; [ "$RC" -eq 0 ] || sed 's/^/  | /' "$TMP/stderr"
check "five_due_date 2026-03-31 (after joining): nobody is late on 5 Feb" test "$RC" -eq 0

# Reminder slips: one person's, in their language; everyone's; and in the export.
at "2026-04-02 09:00:00" "$MAMORI" --db "$DB" report --format reminders --code 0003 >"$TMP/one.html"
check "one person's slip, in English for an English reader" \
    grep -q 'The five-article course: due 31 Mar 2026 (<span class="late">2 days past</span>)' "$TMP/one.html"
check "it says how to start and about how long it takes" \
    bash -c "grep -q '<b>0003</b> to start' '$TMP/one.html' && grep -q 'About [0-9]* minutes' '$TMP/one.html'"
at "2026-04-02 09:00:00" "$MAMORI" --db "$DB" report --format reminders --out "$TMP/all.html"
check "a slip for each person late or not signed" \
    test "$(grep -o '<section class="slip">' "$TMP/all.html" | wc -l)" = "$PEOPLE"
check "an unknown code is an error (exit 1)" status_is 1 "$MAMORI" --db "$DB" report --format reminders --code 9999
check "--code without reminders is a usage error (exit 2)" status_is 2 "$MAMORI" --db "$DB" report --format html --code 0003
at "2026-04-02 09:00:00" "$MAMORI" --db "$DB" export --out "$TMP/ev" >/dev/null
check "the export holds reminders.html and the cover says what it is for" \
    bash -c "grep -q '<section class=\"slip\">' '$TMP/ev/reminders.html' && grep -q 'reminders.html' '$TMP/ev/index.html'"
finish
