#!/usr/bin/env bash
# e2e_integrity.sh — the record's integrity and privacy from the real binary (issue 15): files
# 0600 and folders 0700 whatever the umask; the derived tables checked against their events both
# ways.
cd "$(dirname "$0")/.." || exit 2
. tests/lib_e2e.sh

m() { "$MAMORI" --db "$DB" "$@"; }
status_is() { local want=$1; shift; "$@" >/dev/null 2>&1; [ "$?" -eq "$want" ]; }
mode_is() { [ "$(stat -c %a "$2")" = "$1" ] || { echo "  $2: $(stat -c %a "$2"), expected $1" >&2; return 1; }; }

# ---- private by default, with umask 000 ----
umask 000
m employees import tests/fixtures/kiosk/roster.csv >/dev/null || fail_now "roster import"
m settings set idle_timeout 90 >/dev/null || fail_now "a setting"
check "the database is 0600" mode_is 600 "$DB"
m report --format html --out "$TMP/report.html" >/dev/null
check "an HTML report is 0600" mode_is 600 "$TMP/report.html"
m report --format xlsx --out "$TMP/report.xlsx" >/dev/null
check "an XLSX report is 0600" mode_is 600 "$TMP/report.xlsx"
m report --format csv --out "$TMP/report.csv" >/dev/null
check "a CSV report is 0600" mode_is 600 "$TMP/report.csv"
m pledges export --out "$TMP/pledges" >/dev/null
check "the pledge folder is 0700" mode_is 700 "$TMP/pledges"
check "its index is 0600" mode_is 600 "$TMP/pledges/index.html"
m export --out "$TMP/ev" >/dev/null
check "the evidence folder is 0700" mode_is 700 "$TMP/ev"
bad=$(find "$TMP/ev" \( -type f ! -perm 600 \) -o \( -type d ! -perm 700 \) | head -3)
check "every file in it is 0600 and every folder 0700 ($bad)" test -z "$bad"
umask 022

# ---- the derived tables, both ways ----
check "the record verifies" status_is 0 m verify
sql "DELETE FROM settings" >/dev/null
m verify >/dev/null 2>"$TMP/err"
check "a deleted settings row is caught" grep -q "missing from the settings table" "$TMP/err"
finish
