#!/usr/bin/env bash
# e2e_app.sh — the program as a whole: the window opens and presents frames headless, a missing
# display is explained, every command answers --help and --version, bad content stops the kiosk
# with the file:line:col of every error, and `make install` gives a binary that finds its content.
cd "$(dirname "$0")/.." || exit 2
. tests/lib_e2e.sh

check "--frames 3 presents three frames and exits 0" "$MAMORI" --db "$DB" --frames 3
out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER "$MAMORI" --db "$DB" 2>&1); rc=$?
check "no display: exit 1" test "$rc" -eq 1
check "no display: says so and how to run it" grep -q "no display found.*xvfb-run" <<<"$out"
check "--version" grep -q "^mamori [0-9]" <("$MAMORI" --version)
check "--help lists the commands" grep -q "mamori employees import" <("$MAMORI" --help)
for verb in check employees report verify settings answers; do
    check "$verb --help exits 0 with a usage line" bash -c "'$MAMORI' --db '$DB' $verb --help 2>&1 | grep -qi usage"
done
check "an unknown command exits 2" bash -c "'$MAMORI' --db '$DB' frobnicate; test \$? -eq 2"

# A window so low that the sign-in list has one row: it shows a row (a heading, then each name in
# turn with ▼), not an empty list that ▼ cannot move.
"$MAMORI" --db "$TMP/low.db" employees import tests/fixtures/kiosk/roster.csv >/dev/null
printf 'wait start\ntap scroll-down\ntap scroll-down\nquit\n' >"$TMP/low.script"
"$MAMORI" --db "$TMP/low.db" --size 800x300 --script "$TMP/low.script" --trace "$TMP/low.jsonl" >/dev/null 2>&1
check "a one-row sign-in list shows its first row" bash -c "head -1 '$TMP/low.jsonl' | grep -q '総務部\\|役員\\|製造部'"
check "a one-row sign-in list reaches the names with ▼" grep -q '"person-' "$TMP/low.jsonl"

# A test script's mistakes are named with the script's line: an unknown verb, a number that is not
# one (each verb's number is read whole: "5x" or "-3" is refused, not read as 5 or run forever).
bad_script() { # TEXT WANT: the kiosk run on a script whose line 2 is TEXT fails and says WANT
    printf 'wait start\n%s\nquit\n' "$1" >"$TMP/bad.script"
    out=$("$MAMORI" --db "$DB" --script "$TMP/bad.script" 2>&1)
    [ $? -ne 0 ] && grep -qF "bad.script:2: $2" <<<"$out"
}
check "a script's unknown verb is named" bad_script "frobnicate now" "unknown command 'frobnicate'"
check "a script's sleep takes a whole number" bad_script "sleep 5x" "sleep needs a number of milliseconds, not '5x'"
check "a script's advance takes a positive number" bad_script "advance -3" "advance needs a number of seconds up to 4294967, not '-3'"
check "a script's advance stays within its clock" bad_script "advance 5184000" "advance needs a number of seconds up to 4294967, not '5184000'"
check "a script's frames-under takes a number" bad_script "frames-under abc" "frames-under needs a number of milliseconds, not 'abc'"
# stopwatch says how long since the script began (or the last stopwatch), with the line's words
printf 'wait start\nstopwatch to the start screen\nstopwatch\nquit\n' >"$TMP/watch.script"
"$MAMORI" --db "$DB" --script "$TMP/watch.script" >/dev/null 2>"$TMP/watch.err"
check "stopwatch prints the time with its words" grep -qE '^script: to the start screen: [0-9]+ ms$' "$TMP/watch.err"
check "stopwatch without words prints the time alone" grep -qE '^script: [0-9]+ ms$' "$TMP/watch.err"

# Bad content: the kiosk refuses to start and lists every error with its position.
mkdir -p "$TMP/bad/lessons" "$TMP/bad/quizzes"
cp content/lessons/01-*.yaml "$TMP/bad/lessons/"
cp content/quizzes/01-*.yaml "$TMP/bad/quizzes/"
sed -i 's/^measure: 1$/measure: 31/; s/^version: [0-9]*$/versoin: 1/' "$TMP/bad/lessons/"*.yaml
out=$("$MAMORI" --db "$DB" --content "$TMP/bad" --frames 1 2>&1); rc=$?
check "bad content: the kiosk does not start" test "$rc" -eq 1
check "bad content: unknown key with file:line:col" grep -qE "01-os-update.yaml:[0-9]+:[0-9]+: .*versoin" <<<"$out"
check "bad content: measure out of range reported too" grep -qE "01-os-update.yaml:[0-9]+:[0-9]+: .*measure" <<<"$out"
check "bad content: says how to check it" grep -q "mamori check" <<<"$out"
# The content is read beside the window (on a thread), before the record: its errors come first.
echo "not a database" >"$TMP/notadb"
out=$("$MAMORI" --db "$TMP/notadb" --content "$TMP/bad" --frames 1 2>&1); rc=$?
check "bad content and a bad file: exit 1" test "$rc" -eq 1
check "bad content and a bad file: the content's errors are said" grep -q "content in $TMP/bad has errors" <<<"$out"
# Bad content must not leave a new record behind (it was read before the record was opened).
out=$("$MAMORI" --db "$TMP/never.db" --content "$TMP/bad" --frames 1 2>&1); rc=$?
check "bad content: exit 1 without a record" test "$rc" -eq 1
check "bad content: no database made" test ! -e "$TMP/never.db"

# A picture that exists but cannot be drawn fails `mamori check` too (the release build: SDL keeps
# the text of its last error in per-thread storage it never frees, which LeakSanitizer would report).
REL=$PWD/build/rel/mamori
mkdir -p "$TMP/pics"
cp -r content assets "$TMP/pics/"
echo "<svg this is not" > "$TMP/pics/assets/measure-05.svg"
out=$("$REL" check --content "$TMP/pics/content" 2>&1); rc=$?
check "a broken picture: check exits 1" test "$rc" -eq 1
check "a broken picture: named with its lesson file" grep -q "05-backup.yaml: picture measure-05.svg cannot be drawn" <<<"$out"
no_ok_line() { ! grep -q 'content OK' <<<"$out"; }
check "a broken picture: no 'content OK'" no_ok_line

# A database directory that does not exist: a clear message, no crash.
out=$("$MAMORI" --db "$TMP/nowhere/x.db" --frames 1 2>&1); rc=$?
check "missing database directory: exit 1 with a message" bash -c "test $rc -eq 1 && grep -q 'does not exist' <<<'$out'"

# make install into a temporary prefix: the installed binary finds content and assets alone.
if make -s install PREFIX="$TMP/usr" >/dev/null 2>&1; then
    check "installed binary validates its content from anywhere" bash -c "cd / && '$TMP/usr/bin/mamori' check"
    check "installed binary starts the kiosk from anywhere" bash -c "cd / && '$TMP/usr/bin/mamori' --db '$TMP/i.db' --frames 2"
else
    check "make install" false
fi
finish
