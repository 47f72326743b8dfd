#!/usr/bin/env bash
# e2e_export.sh — `mamori export --out DIR`: the evidence folder from the real binary, its cover
# page (the verdict, each file's SHA-256 as sha256sum computes it, the head hash that `mamori
# verify` prints), refusals (usage, a folder in use, no database), and a tampered record said
# on the cover and in the exit status.
cd "$(dirname "$0")/.." || exit 2
. tests/lib_e2e.sh

m() { "$MAMORI" --db "$DB" "$@"; }

m employees import tests/fixtures/kiosk/roster.csv >/dev/null || fail_now "roster import"
m settings set company_name '株式会社 <まもり> & Co' >/dev/null
m export --out "$TMP/ev" >"$TMP/out" 2>"$TMP/err"
check "export exits 0" test $? -eq 0
for f in index.html report.html report.xlsx report.csv report.json roster.csv pledges/index.html; do
    check "the folder has $f" test -s "$TMP/ev/$f"
done
check "each file is named on stdout" grep -qx "✓ index.html" "$TMP/out"
head=$(m verify | sed -n 's/^ok: \([0-9]*\) records, head \([0-9a-f]*\)$/\2/p')
check "the head hash is verify's" grep -q "record verified: 5 records, head $head" "$TMP/out"
check "the cover shows the head" grep -q "$head" "$TMP/ev/index.html"
check "the cover escapes the company" grep -q '株式会社 &lt;まもり&gt; &amp; Co' "$TMP/ev/index.html"
check "the cover says not ready (nobody signed)" grep -q 'Not ready yet' "$TMP/ev/index.html"
check "the cover has the csv's SHA-256" \
    grep -q "$(sha256sum "$TMP/ev/report.csv" | cut -c1-64)" "$TMP/ev/index.html"
check "the roster is in Excel's form" cmp -n 3 "$TMP/ev/roster.csv" <(printf '\xEF\xBB\xBF')

check "a folder in use is refused" status_is 1 m export --out "$TMP/ev"
check "without --out: usage" status_is 2 m export
check "an unknown argument: usage" status_is 2 m export --into x
check "--help works without a database" status_is 0 "$MAMORI" --db "$TMP/none.db" export --help
check "no database: exit 1" status_is 1 "$MAMORI" --db "$TMP/none.db" export --out "$TMP/ev2"

sqlite3 "$DB" "UPDATE events SET payload = replace(payload, 'manager', 'president') WHERE seq = 1"
m export --out "$TMP/ev3" >/dev/null 2>"$TMP/err3"
check "a tampered record: exit 3" test $? -eq 3
check "and says so" grep -q "the record does not verify: record 1" "$TMP/err3"
check "the cover says so too" grep -q "record 1 is broken" "$TMP/ev3/index.html"
finish
