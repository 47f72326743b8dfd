#!/usr/bin/env bash
# e2e_roster.sh — rosters as Japanese offices have them: a Shift_JIS (CP932) file made by iconv
# with Japanese headers (ﾌﾘｶﾞﾅ in half-width too) in an HR system's order, extra columns and half-width kana, imported by
# the real binary; the list in Excel's form; a file in neither encoding refused with line and byte.
cd "$(dirname "$0")/.." || exit 2
. tests/lib_e2e.sh

m() { "$MAMORI" --db "$DB" "$@"; }

printf '%s\r\n' '社員コード,備考,氏名,ﾌﾘｶﾞﾅ,部署,役割,言語,入社日' \
    '0001,,山田 太郎,ﾔﾏﾀﾞ ﾀﾛｳ,総務,社長,日本語,2020/04/01' \
    '　0002,,佐藤 花子　,ｻﾄｳ ﾊﾅｺ,営業,従業員,英語,2021/04/01' |
    iconv -f UTF-8 -t CP932 >"$TMP/hr.csv" || fail_now "iconv"

m employees import "$TMP/hr.csv" >"$TMP/out" 2>"$TMP/err"
check "a CP932 roster imports" test $? -eq 0
check "the import says it read Shift_JIS" grep -qx "read $TMP/hr.csv as Shift_JIS (CP932)" "$TMP/out"
check "the extra columns are listed once" grep -qx "ignored 2 columns: 備考, 入社日" "$TMP/out"
check "two people" grep -qx "imported 2 people (2 added or changed)" "$TMP/out"
check "half-width kana become full-width" sql_is "SELECT kana FROM employees WHERE code='0001'" "ヤマダ タロウ"
check "full-width spaces are trimmed" sql_is "SELECT name || '|' || role || '|' || lang FROM employees WHERE code='0002'" \
    "佐藤 花子|employee|en"

m employees list --format csv >"$TMP/list.csv"
check "the csv list starts with a BOM" cmp -n 3 "$TMP/list.csv" <(printf '\xEF\xBB\xBF')
check "every line ends in CRLF" test "$(grep -c $'\r$' "$TMP/list.csv")" -eq "$(wc -l <"$TMP/list.csv")"
check "the csv list imports back unchanged" grep -q "(0 added or changed)" <(m employees import "$TMP/list.csv")

printf 'code,name\n1,ok\n2,ab\x80z\n' >"$TMP/latin.csv"
m employees import "$TMP/latin.csv" >/dev/null 2>"$TMP/err"
check "a file in neither encoding exits 1" test $? -eq 1
check "and says the line and the byte" \
    grep -q "latin.csv:3: byte 5 of the line (0x80) cannot be read as UTF-8 or as Shift_JIS (CP932)" "$TMP/err"
finish
