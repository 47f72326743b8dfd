#!/usr/bin/env bash
# e2e_retake.sh — the retake draw in the real kiosk: a person fails a test, takes it again, and the
# second test holds every question they missed plus questions they were not asked, never one they
# got right while the pool has fresh ones; a person who missed everything gets the same questions.
# The rule on the result screen ("5問中4問以上で合格") is read from the trace. Then the item
# statistics of those answers (`mamori report --format items`, CSV and JSON, and the HTML section).
cd "$(dirname "$0")/.." || exit 2
. tests/lib_e2e.sh

MEASURE=3
"$MAMORI" --db "$DB" employees import tests/fixtures/kiosk/roster.csv >/dev/null || fail_now "roster import"
"$MAMORI" answers > "$TMP/key.tsv" || fail_now "answer key"
DRAW=$(sed -n 's/^draw: *\([0-9]*\).*/\1/p' content/quizzes/0$MEASURE-*.yaml)
POOL=$(awk -F'\t' -v m=$MEASURE '$1 == m { print $2 }' "$TMP/key.tsv" | sort -u | wc -l)
[ -n "$DRAW" ] && [ "$POOL" -ge "$DRAW" ] || fail_now "the pool of measure $MEASURE and its draw"
NEED=$(( (DRAW * 80 + 99) / 100 ))

answer() { printf 'answer %s %s\ntap submit\ntap submit\n' "$TMP/key.tsv" "$1"; }
to_test() {
    printf 'wait start\ntap person-%s\ntap confirm-yes\nwait home\ntap measure-%s\nwait lesson\n' "$1" "$MEASURE"
    for _ in 1 2 3 4 5 6 7; do printf 'key Right\n'; done
    printf 'tap next\nwait quiz\n'
}
# questions QUERY-PART: the question ids of the person's Nth test, sorted, one per line
questions() {
    sqlite3 "$DB" "SELECT question_id FROM answers WHERE attempt_seq = (SELECT seq FROM attempts
                   WHERE code = '$1' AND measure = $MEASURE ORDER BY seq LIMIT 1 OFFSET $2) $3 ORDER BY 1"
}

# 1. two right, the rest wrong → fail → retake, all right.
{
    to_test 0002
    answer right; answer right
    for _ in $(seq $((DRAW - 2))); do answer wrong; done
    echo "wait result"; echo "expect 不合格です"; echo "expect ${DRAW}問中${NEED}問以上で合格"
    echo "tap retake"; echo "wait quiz"
    for _ in $(seq "$DRAW"); do answer right; done
    echo "wait result"; echo "expect 合格です"; echo "quit"
} > "$TMP/mixed.script"
run_kiosk "$TMP/mixed.script" "$TMP/mixed.jsonl"
check "fail then retake: the kiosk ran the script" test "$RC" -eq 0
check "the result screen states the rule from the pool" grep -q "${DRAW}問中${NEED}問以上で合格" "$TMP/mixed.jsonl"
questions 0002 0 "AND correct = 0" > "$TMP/missed"
questions 0002 0 "AND correct = 1" > "$TMP/right"
questions 0002 1 "" > "$TMP/retake"
check "two tests of $DRAW questions" sql_is "SELECT group_concat(total) FROM attempts WHERE code = '0002'" "$DRAW,$DRAW"
check "the first test had $((DRAW - 2)) misses" test "$(wc -l < "$TMP/missed")" -eq $((DRAW - 2))
check "the retake asks every missed question" test -z "$(comm -23 "$TMP/missed" "$TMP/retake")"
if [ $((POOL - DRAW)) -ge 2 ]; then
    check "the retake asks none answered right while fresh ones remain" test -z "$(comm -12 "$TMP/right" "$TMP/retake")"
else
    check "the pool has too few fresh questions to tell" false
fi

# 2. everything wrong → the retake asks the same questions.
{
    to_test 0003
    for _ in $(seq "$DRAW"); do answer wrong; done
    echo "wait result"; echo "tap retake"; echo "wait quiz"
    for _ in $(seq "$DRAW"); do answer right; done
    echo "wait result"; echo "quit"
} > "$TMP/wrong.script"
run_kiosk "$TMP/wrong.script" /dev/null
check "all wrong then retake: the kiosk ran the script" test "$RC" -eq 0
check "all missed: the retake asks the same questions" \
    test "$(questions 0003 0 "")" = "$(questions 0003 1 "")"
check "the retake passed" sql_is "SELECT group_concat(passed) FROM attempts WHERE code = '0003' ORDER BY seq" "0,1"

# 3. item statistics from these answers.
m() { "$MAMORI" --db "$DB" "$@"; }
QUESTIONS=$(cut -f2 "$TMP/key.tsv" | sort -u | wc -l)
check "items: CSV to a file" m report --format items --out "$TMP/items.csv"
check "items: a BOM first" bash -c "head -c 3 '$TMP/items.csv' | od -An -tx1 | grep -q 'ef bb bf'"
check "items: the header" grep -q "measure,question,kind,prompt,shown,right,facility,discrimination,flags,right_choices,choice1," "$TMP/items.csv"
check "items: CRLF, one row per question" test "$(grep -c $'\r$' "$TMP/items.csv")" -eq $((QUESTIONS + 1))
shown=$(awk -F, -v m=$MEASURE 'NR > 1 && $1 == m { s += $(NF-11) } END { print s }' "$TMP/items.csv")
check "items: shown adds up to the answers of finished tests" \
    sql_is "SELECT count(*) FROM answers n JOIN attempts a ON a.seq = n.attempt_seq WHERE a.kind = 'test' AND a.finished = 1" "$shown"
check "items: JSON when the file ends in .json" m report --format items --out "$TMP/items.json"
check "items: the JSON counts the tests" grep -q '"attempts": 4,' "$TMP/items.json"
check "items: CSV on stdout" bash -c "'$MAMORI' --db '$DB' report --format items | head -1 | grep -q measure,question"
check "items: --department does not apply (exit 2)" bash -c "'$MAMORI' --db '$DB' report --format items --department x; test \$? -eq 2"
check "the HTML report has the item statistics" bash -c "'$MAMORI' --db '$DB' report --format html | grep -q 'Item statistics'"

finish
