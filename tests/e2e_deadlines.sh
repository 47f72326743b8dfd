#!/usr/bin/env bash
# e2e_deadlines.sh — late means past a due date, through the real kiosk and CLI with the clock
# set by faketime: nobody is late the day the roster comes in; the day after the five-article
# course's 30th day everyone who has not finished it is late by 1 day; the one-star blockers are
# listed apart; a row opens the person's card, which saves that person's reminder slip on a USB
# stick (or says why it could not); the deadlines changed at the kiosk's settings (a bad
# date refused at its field) move the overdue tab; a date setting moves the deadline; reminder slips
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
  echo "expect 一つ星の宣言を待っている人：$PEOPLE 人"; echo "expect ✓ 期限を過ぎた人はいません"
  echo "expect 宣言書に未署名"; echo "quit"; } >"$TMP/day0.script"
at "$DAY0" "$MAMORI" --db "$DB" --trace "$TMP/day0.trace" --script "$TMP/day0.script" 2>"$TMP/stderr"
RC=$?; [ "$RC" -eq 0 ] || sed 's/^/  | /' "$TMP/stderr"
check "the day the roster comes in nobody is late, and the blockers are listed apart" test "$RC" -eq 0
check "the pledge is called 宣言書 there, as everywhere (not 誓約)" bash -c "! grep -q 誓約 '$TMP/day0.trace'"

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

# The same settings at the kiosk (設定 → 受講の期限): a date that does not exist is refused at its
# field, in Japanese, and nothing is written; 30 → 45 days is one setting event and empties the
# overdue tab; a date for all 25 measures makes everyone late for it, and clearing it takes it back.
settings_script() { # through the PIN to the settings' deadlines page
    echo "wait start"; echo "tap manager"; echo "wait manager_pin"; echo "text 2468"; echo "key Return"
    echo "wait manager"; echo "tap settings"; echo "wait settings"; echo "tap tab-deadlines"
}
back_to_overdue() { echo "key Escape"; echo "wait manager"; echo "tap tab-2"; }
erase() { for _ in 1 2 3 4 5 6 7 8 9 10; do echo "key Backspace"; done; }
SETTINGS=$(sql "SELECT count(*) FROM events WHERE type = 'setting'")
{ settings_script; echo "expect 入社から 30 日"; echo "tap field-five-date"; echo "text 2026-02-30"; echo "tap save"
  echo "expect 「2026-02-30」は日付ではありません（例 2026-03-31）"; echo "expect 保存できませんでした"
  echo "screenshot $SHOTS/settings-deadlines-refused.png"
  echo "tap field-five-date"; erase; echo "tap five-days-plus"; echo "expect 入社から 45 日"; echo "tap save"
  echo "expect 保存しました（1 件の変更を記録しました）"; echo "screenshot $SHOTS/settings-deadlines.png"
  back_to_overdue; echo "expect 期限を過ぎた人：0 人"; echo "quit"; } >"$TMP/kdays.script"
at "2026-02-05 09:00:00" "$MAMORI" --db "$DB" --trace "$TMP/kdays.trace" --script "$TMP/kdays.script" 2>"$TMP/stderr"
RC=$?; [ "$RC" -eq 0 ] || sed 's/^/  | /' "$TMP/stderr"
check "kiosk: a date that does not exist is refused at its field; 45 days leaves nobody late on 5 Feb" \
    test "$RC" -eq 0
check "the refused date wrote nothing, the days one setting event" \
    sql_is "SELECT count(*) FROM events WHERE type = 'setting'" $((SETTINGS + 1))
check "the command line reads what the kiosk wrote" \
    bash -c "'$MAMORI' --db '$DB' settings list | grep -qx five_due_days=45"
{ settings_script; echo "tap field-all-date"; echo "text 2026-02-01"; echo "tap save"; echo "expect 保存しました"
  back_to_overdue; echo "expect 期限を過ぎた人：$PEOPLE 人"; echo "expect 全25対策（期限 2月1日"
  echo "tap settings"; echo "wait settings"; echo "tap tab-deadlines"; echo "expect 2026-02-01"
  echo "tap field-all-date"; erase; echo "tap save"; echo "expect 保存しました（1 件の変更を記録しました）"
  back_to_overdue; echo "expect 期限を過ぎた人：0 人"; echo "quit"; } >"$TMP/kdate.script"
at "2026-02-05 09:00:00" "$MAMORI" --db "$DB" --script "$TMP/kdate.script" 2>"$TMP/stderr"
RC=$?; [ "$RC" -eq 0 ] || sed 's/^/  | /' "$TMP/stderr"
check "kiosk: all 25 due 2026-02-01 makes everyone late; clearing the date takes it back" test "$RC" -eq 0
check "the cleared date is stored as none, as the command line writes it" \
    bash -c "'$MAMORI' --db '$DB' settings list | grep -qx all_due_date=none"

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

# The card's 連絡票を保存: the place picker of the export (a fake stick, as in e2e_manager), the slip
# written there off the frame loop, and the screen saying where; a folder that cannot be written
# is said so, and nothing is written.
mkdir -p "$TMP/media/SLIP-USB" "$TMP/home"
printf '/dev/sdb1 %s/media/SLIP-USB vfat rw 0 0\n' "$TMP" > "$TMP/mounts"
PEOPLE_EVENTS=$(sql "SELECT count(*) FROM events WHERE type = 'employee'")
{ overdue_script "$TMP/slip0.png"; echo "tap late-0003"; echo "wait person_card"; echo "expect Nguyen Van An"
  echo "tap save-slip"; echo "wait export"; echo "expect 連絡票を保存"; echo "expect USBメモリ（SLIP-USB）"
  echo "expect Nguyen Van An さんの連絡票（やること・期限・かかる時間）"; echo "tap do-export"
  echo "expect USBメモリ（SLIP-USB） の mamori-slip-0003-20260402-09"; echo "expect .html に保存しました"
  echo "expect 抜く前に「USBメモリを取り外す」を押してください"; echo "screenshot $SHOTS/card-slip-saved.png"
  echo "tap type-folder"; echo "text /nonexistent-mamori/slips"; echo "tap kb-done"; echo "tap do-export"
  echo "expect 連絡票を保存できませんでした（記録はそのままです）"; echo "key Escape"; echo "wait person_card"
  echo "quit"; } >"$TMP/slip.script"
HOME=$TMP/home MAMORI_MEDIA_ROOT=$TMP/media MAMORI_MOUNTS=$TMP/mounts \
    faketime -f "@2026-04-02 09:00:00" "$MAMORI" --db "$DB" --trace "$TMP/slip.trace" --script "$TMP/slip.script" \
    2>"$TMP/stderr"
RC=$?; [ "$RC" -eq 0 ] || sed 's/^/  | /' "$TMP/stderr"
check "the card saves the person's slip on the stick and says where; a bad folder is said so" test "$RC" -eq 0
SLIP=$(ls "$TMP"/media/SLIP-USB/mamori-slip-0003-20260402-09*.html 2>/dev/null | head -1)
check "the slip is on the stick" test -s "${SLIP:-/nonexistent}"
check "it names the person, what is due and by when, and how long it takes (as --code writes it)" \
    bash -c "grep -q 'Nguyen Van An' '$SLIP' && grep -q 'The five-article course: due 31 Mar 2026' '$SLIP' \
        && grep -q 'About [0-9]* minutes' '$SLIP' && cmp -s '$SLIP' '$TMP/one.html'"
check "one file, nothing else on the stick" test "$(ls "$TMP/media/SLIP-USB" | wc -l)" = 1
check "saving the slip changed nobody in the record" sql_is "SELECT count(*) FROM events WHERE type = 'employee'" "$PEOPLE_EVENTS"
finish
