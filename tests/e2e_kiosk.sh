#!/usr/bin/env bash
# e2e_kiosk.sh — the real kiosk binary, headless (offscreen driver), driven by scripted SDL
# events: sign-in → home → a lesson → its test all right → pass; a second person all wrong →
# fail → retake → pass; the idle timeout with its countdown, a test resumed after it, a test
# stopped and left past the 30-minute window; the database and the trace checked afterwards.
# `advance S` in a script moves the kiosk's clocks on by S seconds without waiting.
# Screenshots of every screen go to build/screenshots/ for a person to look at.
cd "$(dirname "$0")/.." || exit 2
. tests/lib_e2e.sh

MEASURE=3   # passwords: one of the five-article measures, shown on Home's first tab
"$MAMORI" --db "$DB" employees import tests/fixtures/kiosk/roster.csv >/dev/null || fail_now "roster import"
"$MAMORI" answers > "$TMP/key.tsv" || fail_now "answer key"
DRAW=$(sed -n 's/^draw: *\([0-9]*\).*/\1/p' content/quizzes/0$MEASURE-*.yaml)
[ -n "$DRAW" ] || fail_now "the pool of measure $MEASURE says how many questions it draws"

# answer_lines HOW: every question of the test answered HOW (right|wrong)
answer_lines() {
    for _ in $(seq "$DRAW"); do
        printf 'answer %s %s\ntap submit\ntap submit\n' "$TMP/key.tsv" "$1"
    done
}
read_lesson() {
    printf 'tap measure-%s\nwait lesson\n' "$MEASURE"
    [ -n "$1" ] && printf 'screenshot %s/lesson.png\n' "$SHOTS"
    for _ in 1 2 3 4 5 6 7; do printf 'key Right\n'; done
    printf 'tap next\nwait quiz\n'
}

# 1. sign in from the roster (mouse), read, pass.
{
    echo "wait start"; echo "screenshot $SHOTS/start.png"
    echo "tap person-0001"; echo "expect この方で始めますか"; echo "expect やまだ はなこ"; echo "expect 総務部"
    echo "screenshot $SHOTS/sign-in-card.png"; echo "tap confirm-yes"; echo "wait home"; echo "screenshot $SHOTS/home.png"
    read_lesson shots; echo "screenshot $SHOTS/quiz.png"
    printf 'answer %s right\ntap submit\nscreenshot %s/feedback.png\ntap submit\n' "$TMP/key.tsv" "$SHOTS"
    for _ in $(seq $((DRAW - 1))); do printf 'answer %s right\ntap submit\ntap submit\n' "$TMP/key.tsv"; done
    echo "wait result"; echo "expect 合格です"; echo "expect 記録しました"; echo "screenshot $SHOTS/result-pass.png"
    echo "tap done"; echo "wait home"; echo "expect ✓ 合格"; echo "quit"
} > "$TMP/pass.script"
run_kiosk "$TMP/pass.script" "$TMP/trace1.jsonl"
check "pass run exits 0" test "$RC" -eq 0
check "trace shows the home screen" grep -q '"screen": "home"' "$TMP/trace1.jsonl"
check "trace lists the quiz choices" grep -q '"id": "choice-1"' "$TMP/trace1.jsonl"
check "trace shows the result" grep -q '"screen": "result"' "$TMP/trace1.jsonl"
check "lesson recorded as read" sql_is "SELECT count(*) FROM lesson_reads WHERE code='0001' AND measure=$MEASURE" 1
check "one passed attempt" sql_is "SELECT count(*) FROM attempts WHERE code='0001' AND measure=$MEASURE AND passed=1" 1
check "every answer recorded" sql_is "SELECT count(*) FROM answers a JOIN attempts t ON a.attempt_seq=t.seq WHERE t.code='0001'" "$DRAW"

# 2. sign in with the keypad (touch), all wrong, fail, retake, pass.
{
    echo "wait start"
    for k in 0 0 0 2; do echo "touch key-$k"; done
    echo "touch key-ok"; echo "expect 佐藤 一郎"; echo "touch confirm-yes"; echo "wait home"
    read_lesson
    answer_lines wrong
    echo "wait result"; echo "expect 不合格です"; echo "expect まちがえた問題（1 / $DRAW）"; echo "expect ✓ 正解："
    echo "screenshot $SHOTS/result-fail.png"; echo "tap missed-next"; echo "expect まちがえた問題（2 / $DRAW）"
    echo "tap retake"; echo "wait quiz"
    answer_lines right
    echo "wait result"; echo "expect 合格です"; echo "quit"
} > "$TMP/fail.script"
run_kiosk "$TMP/fail.script" "$TMP/trace2.jsonl"
check "fail-retake run exits 0" test "$RC" -eq 0
check "after a fail, もう一度受ける is the primary button (the trace gives each item's style)" \
    grep -q '"screen": "result".*"id": "retake", "label": "もう一度受ける", [^}]*"style": "primary"' "$TMP/trace2.jsonl"
check "failed then passed" sql_is "SELECT group_concat(passed) FROM (SELECT passed FROM attempts WHERE code='0002' ORDER BY seq)" "0,1"
check "report shows the pass" grep -q '"passed": true' <("$MAMORI" --db "$DB" report --format json)

# 3. an unknown code is refused with a message.
printf 'wait start\ntext 9999\nkey Return\nexpect 見つかりません\nquit\n' > "$TMP/unknown.script"
run_kiosk "$TMP/unknown.script" /dev/null
check "unknown code explained" test "$RC" -eq 0

# 4. idle timeout: at least 60 s; 20 s before it a countdown with 続ける (which leaves the test as
#    it was); at the end the person is signed out and the test half-done is kept, not recorded.
check "an idle timeout under 60 s is refused" bash -c "! '$MAMORI' --db '$DB' settings set idle_timeout 59"
"$MAMORI" --db "$DB" settings set idle_timeout 60 >/dev/null
{
    echo "wait start"; echo "tap person-0003"; echo "tap confirm-yes"; echo "wait home"
    read_lesson
    printf 'answer %s right\ntap submit\ntap submit\n' "$TMP/key.tsv"
    echo "expect Question 2 of"; echo "advance 39"; echo "sleep 300"; echo "wait quiz"
    echo "advance 2"; echo "wait idle"; echo "expect signed out in"; echo "screenshot $SHOTS/idle-countdown.png"
    echo "tap continue"; echo "wait quiz"; echo "expect Question 2 of"
    echo "advance 45"; echo "wait idle"; echo "advance 21"; echo "wait start"; echo "expect Signed out"; echo "quit"
} > "$TMP/idle.script"
run_kiosk "$TMP/idle.script" /dev/null
check "idle: countdown, 続ける, then signed out" test "$RC" -eq 0
check "idle: the test half-done is kept, not recorded" sql_is "SELECT count(*) FROM attempts WHERE code='0003'" 0
check "idle: its draft holds the answer given" sql_is "SELECT count(*) FROM test_drafts WHERE code='0003' AND measure=$MEASURE" 1
#    the same person within 30 minutes: the lesson offers to go on; the test goes on at question 2
#    and is recorded once, finished, with every answer.
{
    echo "wait start"; echo "advance 600" # ten minutes later (on the start screen: no timeout there)
    echo "tap person-0003"; echo "tap confirm-yes"; echo "wait home"
    printf 'tap measure-%s\nwait lesson\n' "$MEASURE"; echo "expect Resume the test (1 of $DRAW done)"
    echo "screenshot $SHOTS/lesson-resume.png"; echo "tap test-only"; echo "wait quiz"; echo "expect Question 2 of"
    for _ in $(seq $((DRAW - 1))); do printf 'answer %s right\ntap submit\ntap submit\n' "$TMP/key.tsv"; done
    echo "wait result"; echo "expect Passed"; echo "quit"
} > "$TMP/resume.script"
run_kiosk "$TMP/resume.script" /dev/null
check "resume: the test goes on where it was left" test "$RC" -eq 0
check "resume: one attempt, finished and passed" sql_is "SELECT count(*)||','||sum(finished)||','||sum(passed) FROM attempts WHERE code='0003'" "1,1,1"
check "resume: every answer recorded once" sql_is "SELECT count(*) FROM answers WHERE code='0003'" "$DRAW"
check "resume: the draft is gone" sql_is "SELECT count(*) FROM test_drafts WHERE code='0003'" 0
#    a lesson already read offers テストだけ受ける; 中断する asks first; サインアウト says so on the start
#    screen, as the idle sign-out does; left past the 30-minute
#    window, the test is recorded as abandoned (when the start screen next reloads) and not offered.
{
    echo "wait start"; echo "tap person-0001"; echo "tap confirm-yes"; echo "wait home"
    printf 'tap measure-%s\nwait lesson\n' "$MEASURE"; echo "expect テストだけ受ける"
    echo "screenshot $SHOTS/lesson-test-only.png"; echo "tap test-only"; echo "wait quiz"
    printf 'answer %s wrong\ntap submit\n' "$TMP/key.tsv"; echo "screenshot $SHOTS/feedback-wrong.png"; echo "tap submit"
    echo "screenshot $SHOTS/quiz-unanswered.png"
    echo "tap stop"; echo "wait quiz"; echo "expect テストを中断しますか"; echo "screenshot $SHOTS/quiz-stop.png"
    echo "tap stop-no"; echo "wait quiz"; echo "expect 問 2 /"; echo "tap stop"; echo "tap stop-yes"; echo "wait home"
    echo "tap signout"; echo "wait start"; echo "expect サインアウトしました。 Signed out."; echo "advance 1801"
    echo "tap person-0002"; echo "tap confirm-yes"; echo "wait home"; echo "tap signout"; echo "wait start"
    echo "tap person-0001"; echo "tap confirm-yes"; echo "wait home"
    printf 'tap measure-%s\nwait lesson\n' "$MEASURE"; echo "expect テストだけ受ける"; echo "quit"
} > "$TMP/expire.script"
run_kiosk "$TMP/expire.script" /dev/null
check "stopped, then left past 30 minutes: asked first, then not offered" test "$RC" -eq 0
check "expired: recorded as abandoned with its answer" sql_is "SELECT t.finished||','||t.passed||','||count(a.n) FROM attempts t JOIN answers a ON a.attempt_seq=t.seq WHERE t.code='0001' AND t.finished=0 GROUP BY t.seq" "0,0,1"
check "expired: the draft is gone" sql_is "SELECT count(*) FROM test_drafts" 0
#    the manager's PIN screen with nobody signed in just closes: no "signed out", no countdown.
printf 'wait start\ntap manager\nwait manager_pin\nadvance 61\nwait start\nquit\n' > "$TMP/idle-manager.script"
run_kiosk "$TMP/idle-manager.script" "$TMP/trace-pin.jsonl"
check "idle timeout also closes the manager's PIN screen" test "$RC" -eq 0
check "the PIN screen closing says nothing about signing out" bash -c "! grep -q 'サインアウトしました\|\"screen\": \"idle\"' '$TMP/trace-pin.jsonl'"
check "the record chain verifies" "$MAMORI" --db "$DB" verify

# 5. keyboard only: type the code, Tab to a measure, Enter, arrow keys, digits and Enter in
#    the test, Esc back; the focus is visible in the trace.
{
    echo "wait start"; echo "text 0003"; echo "key Return"; echo "expect Nguyen Van An"; echo "key Return"; echo "wait home"
    echo "tab-to measure-3"; echo "key Return"; echo "wait lesson"
    for _ in 1 2 3 4 5 6 7; do echo "key Right"; done
    echo "tab-to next"; echo "key Return"; echo "wait quiz"
    for _ in $(seq "$DRAW"); do printf 'key 1\nkey Return\nkey Return\n'; done
    echo "wait result"; echo "key Escape"; echo "wait home"; echo "key Escape"; echo "wait start"; echo "quit"
} > "$TMP/keys.script"
run_kiosk "$TMP/keys.script" "$TMP/trace5.jsonl"
check "keyboard only: sign-in, lesson, test, back out" test "$RC" -eq 0
check "keyboard only: the focus is shown in the trace" grep -q '"id": "measure-3", "label": "[^"]*", "rect": \[[0-9, ]*\], "focused": true' "$TMP/trace5.jsonl"
check "keyboard only: the test was recorded" sql_is "SELECT count(*) FROM attempts WHERE code='0003' AND finished=1" 2

# 6. the database is locked by another program when the result is saved: the person is told,
#    leaves, and the kiosk retries by itself: the result is saved once the lock goes.
"$MAMORI" --db "$DB" settings set idle_timeout 120 >/dev/null
{
    echo "wait start"; echo "tap person-0004"; echo "tap confirm-yes"; echo "wait home"
    read_lesson
    for _ in $(seq $((DRAW - 1))); do printf 'answer %s right\ntap submit\ntap submit\n' "$TMP/key.tsv"; done
    printf 'answer %s right\ntap submit\n' "$TMP/key.tsv"
    echo "screenshot $TMP/ready.png"; echo "sleep 3000"   # the lock is taken meanwhile (below)
    echo "tap submit"; echo "wait result"; echo "expect この端末に保管しました"
    echo "screenshot $SHOTS/result-not-saved.png"
    echo "tap done"; echo "wait home"   # leaving does not lose it: the outbox keeps retrying
    echo "sleep 9000"; echo "quit"
} > "$TMP/locked.script"
"$MAMORI" --db "$DB" --script "$TMP/locked.script" 2>"$TMP/stderr" &
kiosk=$!
for _ in $(seq 200); do [ -e "$TMP/ready.png" ] && break; sleep 0.1; done
(echo "BEGIN EXCLUSIVE;"; sleep 6; echo "COMMIT;") | sqlite3 "$DB"
wait "$kiosk"; RC=$?
[ "$RC" -eq 0 ] || sed 's/^/  | /' "$TMP/stderr"
check "a locked database: shown, retried, then saved" test "$RC" -eq 0
check "the result saved once, after the lock" sql_is "SELECT count(*) FROM attempts WHERE code='0004' AND passed=1" 1

# 7. the record is provable: editing a test result in the tables the reports read is caught.
cp "$DB" "$TMP/copy.db"
sqlite3 "$TMP/copy.db" "UPDATE attempts SET passed = 1, score = total WHERE code = '0002'"
out=$("$MAMORI" --db "$TMP/copy.db" verify 2>&1); rc=$?
check "verify catches a test result edited in the attempts table" test "$rc" -eq 3
check "verify names the record and the table" grep -q "record [0-9]*: the attempts or answers table" <<<"$out"
check "the untouched database still verifies" "$MAMORI" --db "$DB" verify

# 8. Home with larger text at 1280x800: a tab's tiles no longer fit, so they come a page at a time,
# every title the same size; a drag up on the tiles, the wheel, PageDown and → turn the pages (the
# wheel up turns back), and the last tile opens its lesson.
{
    echo "wait start"; echo "tap person-0001"; echo "tap confirm-yes"; echo "wait home"
    echo "tap text-size"; echo "tap tab-3"; echo "expect 1 / "
    echo "screenshot $SHOTS/home-larger-pages.png"
    echo "drag 640 720 640 520"; echo "expect 2 / "
    echo "wheel 1"; echo "expect 1 / "
    echo "wheel -1"; echo "wheel -1"; echo "expect 3 / "
    echo "key PageDown"; for _ in 1 2 3 4 5 6; do echo "key Right"; done
    echo "screenshot $SHOTS/home-larger-last-page.png"
    echo "tap measure-25"; echo "wait lesson"; echo "quit"
} > "$TMP/pages.script"
"$MAMORI" --db "$DB" --size 1280x800 --trace "$TMP/trace-pages.jsonl" --script "$TMP/pages.script" 2>"$TMP/stderr"
RC=$?
[ "$RC" -eq 0 ] || sed 's/^/  | /' "$TMP/stderr"
check "Home's pages of tiles turn by drag, wheel and keys, and the last tile opens" test "$RC" -eq 0
check "the lesson opened is the last tile's" grep -q '"screen": "lesson".*ルールを書いて示す' "$TMP/trace-pages.jsonl"
home_pages=$(grep '"screen": "home"' "$TMP/trace-pages.jsonl" | grep -o '"[0-9]* / [0-9]* ページ' | uniq | tr -d '"' | tr '\n' ,)
check "the pages were turned 1, 2, 1, 2, 3 and on to the last ($home_pages)" \
    grep -Eq '1 / ([0-9]+) ページ,2 / \1 ページ,1 / \1 ページ,2 / \1 ページ,(3 / \1 ページ,.*)?\1 / \1 ページ,$' <<<"$home_pages"

# 9. A question too long for the screen with larger text (1280x800, content whose test of measure 3 is
# the one long multiple-answer question): it keeps the larger size and scrolls. At first the last
# choice is out of reach and a line says there is more; a finger drag (which picks nothing), the wheel,
# PageDown and ↓ scroll to the end; the last choice is picked and answered while 回答する stays put.
mkdir -p "$TMP/long" && cp -r content "$TMP/long/content" && ln -s "$PWD/assets" "$TMP/long/assets"
awk '/^draw:/ { print "draw: 1"; next } /^questions:/ { print; q = 1; next }
     q == 1 && /^  - id: passwords-leak-steps/ { q = 2 } q != 1' \
    content/quizzes/03-passwords.yaml > "$TMP/long/content/quizzes/03-passwords.yaml"
"$MAMORI" --db "$TMP/long.db" employees import tests/fixtures/kiosk/roster.csv >/dev/null || fail_now "roster import"
{
    echo "wait start"; echo "tap person-0001"; echo "tap confirm-yes"; echo "wait home"; echo "tap text-size"
    printf 'tap measure-%s\nwait lesson\n' "$MEASURE"
    for _ in $(seq 30); do echo "key Right"; done
    echo "tap next"; echo "wait quiz"; echo "expect ▼ 続きがあります"; echo "screenshot $SHOTS/quiz-long-top.png"
    echo "touch-drag 640 600 640 420"; echo "expect 選ぶと「回答する」を押せます"
    echo "wheel -1"; echo "key PageDown"; echo "key Down"; echo "key Down"; echo "key Down"
    echo "expect ▲ ここまでです"; echo "screenshot $SHOTS/quiz-long-end.png"
    echo "tap choice-5"; echo "tap submit"; echo "expect ✓ 正解："; echo "tap submit"; echo "wait result"; echo "quit"
} > "$TMP/long.script"
"$MAMORI" --db "$TMP/long.db" --content "$TMP/long/content" --size 1280x800 --trace "$TMP/trace-long.jsonl" \
    --script "$TMP/long.script" 2>"$TMP/stderr"
RC=$?
[ "$RC" -eq 0 ] || sed 's/^/  | /' "$TMP/stderr"
check "a long question scrolls to its last choice by drag, wheel and keys, and is answered" test "$RC" -eq 0
quiz_lines() { grep '"screen": "quiz"' "$TMP/trace-long.jsonl"; }
check "at first a line says there is more" grep -q '続きがあります' <(quiz_lines | head -1)
check "at first the last choice is out of view" test "$(quiz_lines | head -1 | grep -c '"choice-5"')" -eq 0
check "scrolled to the end, the last choice was picked, a check box" \
    grep -q 'ここまでです.*"id": "choice-5", "label": "5\. [^"]*", [^}]*"selected": true, "enabled": true, "style": "check"' \
    <(quiz_lines)
check "the question keeps the larger text (no line under 27 px)" \
    test "$(quiz_lines | grep -o '"px": [0-9]*' | awk '{ print $2 }' | sort -n | head -1)" -ge 27
check "the answer is recorded" test "$(sql "SELECT count(*) FROM answers" "$TMP/long.db")" = 1

finish
