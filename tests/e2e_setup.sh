#!/usr/bin/env bash
# e2e_setup.sh — the first run at the screen (issue 18): a fresh database opens a start screen that
# leads to the guided set-up; company name, the PIN typed twice (a mismatch asks again), then people
# by hand (a bidi override in a name refused at the screen) and sample people; the reports say the
# samples are there; one tap on the roster screen removes them and the reports stop listing them.
# The set-up's other way in, a CSV file, imports the staff list and says what it read; the person
# form says kanji names are best brought in by CSV.
# With a PIN already set, the set-up opens nothing. Screenshots go to build/screenshots/.
# stores: sqlite postgresql
cd "$(dirname "$0")/.." || exit 2
. tests/lib_e2e.sh

m() { "$MAMORI" --db "$DB" "$@"; }
PIN=58203
RLO=$(printf '\xe2\x80\xae')

{
    echo "wait start"; echo "expect まだ名簿がありません"; echo "screenshot $SHOTS/setup-start.png"
    echo "tap setup"; echo "wait setup"; echo "expect 1/3"
    echo "text 株式会社テスト"; echo "screenshot $SHOTS/setup-company.png"; echo "key Return"
    echo "expect 2/3 管理者PINを決めて"
    echo "text $PIN"; echo "key Return"; echo "expect もう一度"
    echo "text 11111"; echo "key Return"; echo "expect PINが違います"
    echo "text $PIN"; echo "key Return"; echo "text $PIN"; echo "screenshot $SHOTS/setup-pin.png"; echo "key Return"
    echo "expect 管理者PINを設定しました"; echo "expect 3/3"; echo "screenshot $SHOTS/setup-people.png"
    echo "tap setup-add"; echo "wait person"; echo "text E-7"; echo "tap field-name"; echo "text A${RLO}B"
    echo "tap save"; echo "expect 名前：使えない文字があります（2文字目、U+202E）"; echo "expect ふりがな：入れてください"
    echo "screenshot $SHOTS/setup-person-refused.png"
    echo "key Backspace"; echo "key Backspace"; echo "key Backspace"; echo "text Anna"
    echo "tap field-kana"; echo "text あんな"; echo "tap save"; echo "wait setup"
    echo "expect いま 1 人"
    echo "tap setup-demo"; echo "expect 見本の人を 8 人入れました"; echo "expect いま 9 人（うち見本 8 人）"
    echo "screenshot $SHOTS/setup-demo.png"
    echo "tap setup-done"; echo "wait start"; echo "expect 設定が終わりました"; echo "expect 見本 一郎"
    echo "expect 株式会社テスト"; echo "screenshot $SHOTS/setup-done.png"; echo "quit"
} > "$TMP/setup.script"
run_kiosk "$TMP/setup.script" "$TMP/trace.jsonl"
check "the set-up ran from an empty start screen (exit 0)" test "$RC" -eq 0
check "the company name is a setting" bash -c "'$MAMORI' --db '$DB' settings list | grep -qx 'company_name=株式会社テスト'"
check "only the hash is stored" sql_is "SELECT substr(value, 1, 10) FROM settings WHERE key = 'manager_pin_hash'" '$argon2id$'
check "the person added by hand is there" bash -c "'$MAMORI' --db '$DB' employees list | grep -q '^E-7 .*Anna'"
check "no name with a bidi override was saved" sql_is "SELECT count(*) FROM employees WHERE name LIKE '%$RLO%'" 0
check "eight sample people" sql_is "SELECT count(*) FROM employees WHERE code LIKE 'DEMO-%' AND active = 1" 8
m report --format json > "$TMP/report.json"
check "the JSON report counts the samples" grep -q '"demo_people": 8' "$TMP/report.json"
m report --format html --out "$TMP/report.html" >/dev/null
check "the HTML report says samples are in it" grep -q '見本の人（デモ）が 8 人含まれています' "$TMP/report.html"
m report --format csv > "$TMP/report.csv"
check "the CSV says so in its first row, and marks each sample" \
    bash -c "head -1 '$TMP/report.csv' | grep -q ',includes sample people' && test \$(grep -c ',sample.\$' '$TMP/report.csv') -eq 8"

# the PIN set at the screen opens the manager's menu; one tap removes the samples.
{
    echo "wait start"; echo "tap manager"; echo "wait manager_pin"; echo "text $PIN"; echo "key Return"
    echo "wait manager"; echo "expect 見本の人（デモ）が 8 人含まれています"
    echo "screenshot $SHOTS/setup-dashboard-demo.png"
    echo "tap roster"; echo "wait roster"; echo "expect 見本の人（デモ）が 8 人います"
    echo "screenshot $SHOTS/setup-roster-demo.png"
    echo "tap demo-remove"; echo "expect 見本の人 8 人を名簿から外しました"; echo "quit"
} > "$TMP/remove.script"
run_kiosk "$TMP/remove.script" /dev/null
check "the PIN typed at the set-up opens the manager's menu, whose dashboard says samples are in it" \
    test "$RC" -eq 0
printf 'wait start\ntap manager\nwait manager_pin\ntext %s\nkey Return\nwait manager\nquit\n' "$PIN" > "$TMP/dash.script"
run_kiosk "$TMP/dash.script" "$TMP/dash.trace"
check "with the samples removed the dashboard no longer says so" \
    bash -c "test $RC -eq 0 && grep -q '\"screen\": \"manager\"' '$TMP/dash.trace' && ! grep -q '含まれています' '$TMP/dash.trace'"
check "no sample person is active" sql_is "SELECT count(*) FROM employees WHERE code LIKE 'DEMO-%' AND active = 1" 0
check "their history stays (nobody deleted)" sql_is "SELECT count(*) FROM employees WHERE code LIKE 'DEMO-%'" 8
m report --format json > "$TMP/report2.json"
check "the report no longer counts samples" grep -q '"demo_people": 0' "$TMP/report2.json"
check "nor lists them" bash -c "! grep -q DEMO- '$TMP/report2.json'"
check "the record chain verifies" m verify

# The other way in: 3/3 → CSVファイルから取り込む lists the CSV in the home folder, imports it, and the
# set-up says what it read; the person form first says that kanji names are best brought in by CSV.
DB=$TMP/csv.db
[ "$STORE" = sqlite ] || DB=$(pg_newdb "${PGNAME}_csv")
mkdir -p "$TMP/home"; cp tests/fixtures/kiosk/roster.csv "$TMP/home/名簿.csv"
{
    echo "wait start"; echo "tap setup"; echo "wait setup"; echo "text 株式会社CSV"; echo "key Return"
    echo "text $PIN"; echo "key Return"; echo "text $PIN"; echo "key Return"; echo "expect 3/3"
    echo "expect 漢字の名前はCSVで取り込むのがおすすめです"
    echo "tap setup-add"; echo "wait person"; echo "expect 漢字の名前は、CSVで取り込むのがおすすめです"
    echo "screenshot $SHOTS/setup-person-note.png"; echo "key Escape"; echo "wait setup"; echo "expect いま 0 人"
    echo "tap setup-import"; echo "wait import"; echo "expect 名簿.csv  (このパソコン（ホームフォルダ）"
    echo "screenshot $SHOTS/setup-import.png"; echo "tap file-0"; echo "tap do-import"; echo "wait setup"
    echo "expect 名簿.csv（UTF-8）から 4 人を読みました（4 人を追加・変更）"; echo "expect いま 4 人（うち見本 0 人）"
    echo "screenshot $SHOTS/setup-imported.png"; echo "tap setup-done"; echo "wait start"; echo "expect 佐藤 一郎"
    echo "quit"
} > "$TMP/csv.script"
HOME=$TMP/home MAMORI_MEDIA_ROOT=$TMP/no-media run_kiosk "$TMP/csv.script" /dev/null
check "the set-up imports a CSV from this PC and says what it read (exit 0)" test "$RC" -eq 0
check "the people of the CSV are on the roster, kanji names as they were" \
    bash -c "'$MAMORI' --db '$DB' employees list | grep -q '^0002 .*佐藤 一郎'"
check "nobody was added by the form left with Escape" sql_is "SELECT count(*) FROM employees" 4
[ "$STORE" = sqlite ] || pg_psql postgres "DROP DATABASE IF EXISTS ${PGNAME}_csv WITH (FORCE)" >/dev/null

# with a PIN set, the set-up opens nothing (it never replaces a PIN).
if [ "$STORE" = sqlite ]; then
    DB=$TMP/second.db
    printf '1234\n' | m manager set-pin >/dev/null
    printf 'wait start\ntap setup\nwait setup\nexpect もう設定されています\nquit\n' > "$TMP/closed.script"
    run_kiosk "$TMP/closed.script" /dev/null
    check "with a PIN set, the set-up only points to the PIN screen" test "$RC" -eq 0
    check "and wrote nothing" sql_is "SELECT count(*) FROM events WHERE type = 'employee'" 0
fi
finish
