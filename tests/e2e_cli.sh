#!/usr/bin/env bash
# e2e_cli.sh — the real binary's record verbs: employees import/list, verify, report, with
# their exit statuses; a rejected roster changes nothing; a tampered record is caught.
# stores: sqlite postgresql
cd "$(dirname "$0")/.." || exit 2
. tests/lib_e2e.sh
FX=tests/fixtures/roster

m() { "$MAMORI" --db "$DB" "$@"; }

# status_is N CMD...: CMD exits with status N
status_is() {
    local want=$1
    shift
    "$@"
    [ "$?" -eq "$want" ]
}

# out_is TEXT CMD...: CMD prints exactly TEXT on stdout
out_is() {
    local want=$1 got
    shift
    got=$("$@") && [ "$got" = "$want" ] || { echo "  got '$got', expected '$want'" >&2; return 1; }
}

# count_is N PATTERN FILE: N lines of FILE match the extended regex PATTERN
count_is() {
    [ "$(grep -Ec "$2" "$3")" -eq "$1" ]
}

check "import prints the count" \
    out_is "read $FX/good.csv as UTF-8 with a BOM
imported 5 people (5 added or changed)" m employees import "$FX/good.csv"
check "import again changes nothing" \
    out_is "read $FX/good.csv as UTF-8 with a BOM
imported 5 people (0 added or changed)" m employees import "$FX/good.csv"
check "five employees, five events" sql_is "SELECT count(*) || ':' || count(DISTINCT seq) FROM events" "5:5"
m employees list >"$TMP/list.txt"
check "list shows the roster" grep -q '^0003  Anna "Ann" Lee' "$TMP/list.txt"
m employees list --format csv >"$TMP/list.csv"
check "list csv has a BOM and the import header" \
    grep -q $'^\xEF\xBB\xBFcode,name,kana,department,department_kana,role,lang\r$' "$TMP/list.csv"
check "the listed csv imports back unchanged" \
    out_is "read $TMP/list.csv as UTF-8 with a BOM
imported 5 people (0 added or changed)" m employees import "$TMP/list.csv"

before=$(sql "SELECT count(*) || ':' || max(seq) FROM events")
m employees import "$FX/many_errors.csv" 2>"$TMP/import.err"
check "a bad roster exits 1" status_is 1 m employees import "$FX/many_errors.csv"
check "every problem on its own line" count_is 6 "^$FX/many_errors.csv:[0-9]+: " "$TMP/import.err"
check "a bad roster writes nothing" sql_is "SELECT count(*) || ':' || max(seq) FROM events" "$before"

m verify >"$TMP/verify.out"
check "verify passes" grep -Eq '^ok: 5 records, head [0-9a-f]{64}$' "$TMP/verify.out"
check "report to a file" status_is 0 m report --format json --out "$TMP/report.json"
check "the report lists the active people" count_is 5 '"code": ' "$TMP/report.json"
check "the report has all 25 measures each" count_is 125 '"lesson": ' "$TMP/report.json"
check "no temporary file left" bash -c "! ls '$TMP' | grep -q '\.tmp-'"
check "csv report to a file" status_is 0 m report --format csv --out "$TMP/report.csv"
check "the csv report has a header and the active people" count_is 6 $'\r$' "$TMP/report.csv"
check "html report to a file" status_is 0 m report --format html --out "$TMP/report.html"
check "the html report carries the chain head" grep -Eq 'class="hash">[0-9a-f]{64}<' "$TMP/report.html"
check "xlsx report to a file" status_is 0 m report --format xlsx --out "$TMP/report.xlsx"
check "the xlsx report is a zip" bash -c "head -c 2 '$TMP/report.xlsx' | grep -q PK"
check "xlsx without --out is refused (exit 2)" status_is 2 m report --format xlsx
check "no temporary file left by csv, html, xlsx" bash -c "! ls '$TMP' | grep -q '\.tmp-'"
check "an unknown department is refused (exit 1)" status_is 1 m report --department Nowhere
check "report --help" status_is 0 m report --help

# Numbers on the command line are whole numbers or refused (exit 2) with the option named, and an
# option without its value says which one lacks it; settings enforce their stated ranges.
m --frames abc 2>"$TMP/opt.err"
check "--frames abc is refused (exit 2)" status_is 2 m --frames abc
check "--frames abc names the option" grep -q "^mamori: --frames: 'abc' is not a whole number" "$TMP/opt.err"
check "--frames 10x is refused (exit 2)" status_is 2 m --frames 10x
m --size abc 2>"$TMP/opt.err"
check "--size abc is refused (exit 2)" status_is 2 m --size abc
check "--size abc names the option" grep -q "^mamori: --size: 'abc' is not a size like 1280x800" "$TMP/opt.err"
check "--size 1280x is refused (exit 2)" status_is 2 m --size 1280x
"$MAMORI" --db "$DB" --frames 2>"$TMP/opt.err"
check "--frames without a value names it" grep -q "^mamori: --frames needs a value" "$TMP/opt.err"
"$MAMORI" --db 2>"$TMP/opt.err"
check "--db without a value names it" grep -q "^mamori: --db needs a value" "$TMP/opt.err"
(cd "$TMP" && "$MAMORI" --db --kiosk --frames 1 2>"$TMP/opt.err"); rc=$? # `--db $UNSET --kiosk`
check "--db followed by an option: refused, not a file named --kiosk" \
    bash -c "[ $rc -ne 0 ] && grep -q '^mamori: --db needs a value' '$TMP/opt.err' && [ ! -e '$TMP/--kiosk' ]"
m settings set pass_percent 49 2>"$TMP/opt.err"
check "pass_percent 49 is refused (exit 1)" status_is 1 m settings set pass_percent 49
check "pass_percent 080 is refused (a number as typed is kept: no leading zero)" status_is 1 m settings set pass_percent 080
check "pass_percent says its range" grep -q "pass_percent: pass mark for every test in percent, 50–100" "$TMP/opt.err"
check "pass_percent 50 and 0 are taken" bash -c "'$MAMORI' --db '$DB' settings set pass_percent 50 && '$MAMORI' --db '$DB' settings set pass_percent 0"

sql "UPDATE events SET payload = replace(payload, 'manager', 'president') WHERE seq = 1"
m verify 2>"$TMP/verify.err"
check "verify catches the edit (exit 3: broken)" status_is 3 m verify
check "verify names the record" \
    grep -q '^mamori: record 1: its contents do not match its hash: edited' "$TMP/verify.err"

finish
