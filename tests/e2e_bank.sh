#!/usr/bin/env bash
# e2e_bank.sh — `mamori check` guards the question bank: the shape per measure, warnings at
# FILE:LINE:COL (exit 0), --strict (exit 1), --json figures, the draw rule (exit 1); the clean
# fixture and the shipped content pass --strict.
cd "$(dirname "$0")/.." || exit 2
. tests/lib_e2e.sh

CLEAN=tests/fixtures/bank/clean
check "a clean bank passes --strict" "$MAMORI" check --strict --content "$CLEAN"

# A content directory whose pool has one cue (the right choice far longer than the wrong ones).
cp -r "$CLEAN" "$TMP/cue"
cp tests/fixtures/bank/cues/r2-length.yaml "$TMP/cue/quizzes/07-mail.yaml"
"$MAMORI" check --content "$TMP/cue" >"$TMP/out" 2>"$TMP/err"; rc=$?
check "a cue is a warning: exit 0" test "$rc" -eq 0
check "the warning has FILE:LINE:COL of the question" \
    grep -q "^$TMP/cue/quizzes/07-mail.yaml:7:5: warning: s1: in ja the right choice is 2.22 times .*\[R2\]$" "$TMP/err"
check "the shape is printed" grep -q "^      7        10      4        2         4    2/4     1.31     1.00$" "$TMP/out"
check "the summary counts the warnings" grep -q "; 1 warning about the question bank$" "$TMP/out"
"$MAMORI" check --strict --content "$TMP/cue" >"$TMP/out" 2>"$TMP/err"; rc=$?
check "--strict: the cue is an error, exit 1" test "$rc" -eq 1
check "--strict: no 'warning:' and a closing line" \
    bash -c "! grep -q warning: '$TMP/err' && grep -q 'question bank in $TMP/cue has 1 error$' '$TMP/err'"
"$MAMORI" check --json --content "$TMP/cue" >"$TMP/out" 2>/dev/null; rc=$?
check "--json: exit 0 and the figures" \
    bash -c "test $rc -eq 0 && grep -q '\"length_ratio\":{\"ja\":1.31,\"en\":1.00}' '$TMP/out'"
check "--json: the findings" grep -q '"findings":\[".*\[R2\]"\]' "$TMP/out"

# A pool that draws 3: the draw-and-pass rule is an error even without --strict.
cp -r "$CLEAN" "$TMP/draw3"
sed -i 's/^draw: 5$/draw: 3/' "$TMP/draw3/quizzes/07-mail.yaml"
"$MAMORI" check --content "$TMP/draw3" >/dev/null 2>"$TMP/err"; rc=$?
check "draw 3: exit 1 without --strict" test "$rc" -eq 1
check "draw 3: at the draw's position" grep -q "^$TMP/draw3/quizzes/07-mail.yaml:4:7: 'draw' is 3: every test draws 5 questions \[R1\]$" "$TMP/err"

# The shipped content passes --strict: no error and no cue; the shape of all 25 pools.
"$MAMORI" check --strict --content content >"$TMP/out" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 0 ] || sed 's/^/  | /' "$TMP/err"
check "the shipped content passes mamori check --strict" test "$rc" -eq 0
check "its shape lists 25 measures" test "$(grep -cE '^ +[0-9]+ +[0-9]+ ' "$TMP/out")" -eq 25

finish
