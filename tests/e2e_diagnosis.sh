#!/usr/bin/env bash
# e2e_diagnosis.sh — the self-diagnosis from the command line: import a company answer sheet
# (English and Japanese words, BOM, CRLF), show it as text and JSON (the issue's shape, the
# scores the sheet's rules give), refuse bad sheets whole with FILE:LINE messages and exit 1
# (nothing recorded), a person's own practice with --self, --all oldest first, verify (and a
# tampered row caught), and the report's "diagnosis" object.
# stores: sqlite postgresql
cd "$(dirname "$0")/.." || exit 2
. tests/lib_e2e.sh

"$MAMORI" --db "$DB" employees import tests/fixtures/kiosk/roster.csv >/dev/null || fail_now "roster import"
BY=$(sed -n '2p' tests/fixtures/kiosk/roster.csv | cut -d, -f1)
ME=$(sed -n '3p' tests/fixtures/kiosk/roster.csv | cut -d, -f1)

# sheet FILE WORD...: item,answer with the words in turn for items 1–25
sheet() {
    local f=$1; shift
    printf 'item,answer\r\n' > "$f"
    local words=("$@") i
    for i in $(seq 1 25); do printf '%d,%s\r\n' "$i" "${words[$(( (i - 1) % ${#words[@]} ))]}" >> "$f"; done
}
count() { sql "SELECT count(*) FROM diagnoses"; }

sheet "$TMP/all-yes.csv" yes
out=$("$MAMORI" --db "$DB" diagnosis import "$TMP/all-yes.csv" --by "$BY" 2>&1)
check "all yes: 100 points, the top band" grep -q "100 points (100..100)" <<<"$out"

# 6 x (yes, 一部実施している, no, わからない) + yes: A 28, B 12, C -6 -> 34? computed below by hand
printf '\xEF\xBB\xBF' > "$TMP/mixed.csv"
sheet "$TMP/m.csv" yes 一部実施している 実施していない わからない
cat "$TMP/m.csv" >> "$TMP/mixed.csv"
# items 1,5,...,25 yes (7 x 4 = 28); 2,6,...,22 partly (6 x 2 = 12); 4,8,...,24 unknown (-6): 34
out=$("$MAMORI" --db "$DB" diagnosis import "$TMP/mixed.csv" --by "$BY" 2>&1)
check "Japanese words, BOM, CRLF: 34 points, the lowest band" grep -q "34 points (-25..49)" <<<"$out"
json=$("$MAMORI" --db "$DB" diagnosis show --format json)
check "show json: score 34" grep -q '"score": 34' <<<"$json"
check "show json: band -25..49" python3 -c 'import json,sys; assert json.load(sys.stdin)["band"]=={"min":-25,"max":49}' <<<"$json"
check "show json: subtotals A B C" python3 -c '
import json,sys; assert json.load(sys.stdin)["subtotals"]=={"yes":28,"partly":12,"unknown":-6}' <<<"$json"
check "show json: item 2 partly, 2 points" grep -q '"2": {"answer": "partly", "points": 2}' <<<"$json"
check "show json: by and taken_at" grep -qE "\"by\": \"$BY\"|\"taken_at\": \"[0-9-]+T[0-9:]+Z\"" <<<"$json"
check "show json parses" python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d["items"])==25' <<<"$json"
all=$("$MAMORI" --db "$DB" diagnosis show --format json --all)
check "show --all: both, oldest first" python3 -c 'import json,sys; d=json.load(sys.stdin); assert [x["score"] for x in d]==[100,34]' <<<"$all"
text=$("$MAMORI" --db "$DB" diagnosis show)
check "show text: score and the advice" grep -q "score: 34  (A 28 + B 12 + C -6)" <<<"$text"

# bad sheets: refused whole, FILE:LINE, exit 1, nothing recorded
before=$(count)
sheet "$TMP/bad.csv" yes
sed -i 's/^3,yes/3,maybe/; s/^9,yes/7,yes/' "$TMP/bad.csv"
"$MAMORI" --db "$DB" diagnosis import "$TMP/bad.csv" --by "$BY" 2>"$TMP/err"; rc=$?
check "bad sheet: exit 1" test "$rc" -eq 1
check "bad sheet: the bad word at its line" grep -q "^$TMP/bad.csv:4: answer 'maybe' is not one of" "$TMP/err"
check "bad sheet: an item twice at its line" grep -q "^$TMP/bad.csv:10: item 7 is answered twice (first on line 8)" "$TMP/err"
check "bad sheet: the missing item named" grep -q "no answer for item 9" "$TMP/err"
check "bad sheet: nothing recorded" test "$(count)" = "$before"
"$MAMORI" --db "$DB" diagnosis import "$TMP/all-yes.csv" --by nobody 2>"$TMP/err"; rc=$?
check "unknown person: exit 1, nothing recorded" test "$rc" -eq 1 -a "$(count)" = "$before"
check "unknown person: said so" grep -q "no person with code 'nobody'" "$TMP/err"
"$MAMORI" --db "$DB" diagnosis import "$TMP/missing.csv" --by "$BY" 2>"$TMP/err"; rc=$?
check "missing file: exit 1 and why" test "$rc" -eq 1 -a -n "$(grep 'cannot open' "$TMP/err")"
"$MAMORI" --db "$DB" diagnosis import "$TMP/all-yes.csv" 2>/dev/null; rc=$?
check "no --by: usage, exit 2" test "$rc" -eq 2
"$MAMORI" --db "$DB" diagnosis show --format xml 2>/dev/null; rc=$?
check "bad --format: exit 2" test "$rc" -eq 2

# own practice: Parts 1-2 only
"$MAMORI" --db "$DB" diagnosis import "$TMP/all-yes.csv" --by "$ME" --self 2>"$TMP/err"; rc=$?
check "--self refuses Part 3 items" grep -q "item 17 is in Part 3" "$TMP/err"
head -17 "$TMP/all-yes.csv" > "$TMP/self.csv"
out=$("$MAMORI" --db "$DB" diagnosis import "$TMP/self.csv" --by "$ME" --self)
check "--self: 64 of 64" grep -q "64 of 64 points" <<<"$out"
check "--self is not the company's latest" grep -q '"score": 34' <<<"$("$MAMORI" --db "$DB" diagnosis show --format json)"

# the record
check "verify: ok" "$MAMORI" --db "$DB" verify
check "the event holds every answer" sql_is "SELECT count(*) FROM events WHERE type='diagnosis' AND payload LIKE '%\"24\":\"unknown\"%'" 1
report=$("$MAMORI" --db "$DB" report --format json)
check "report json: diagnosis latest and history" python3 -c '
import json,sys; d=json.load(sys.stdin)["diagnosis"]
assert d["latest"]["score"]==34 and [h["score"] for h in d["history"]]==[100,34]' <<<"$report"
"$MAMORI" --db "$DB" report --format html --out "$TMP/r.html" >/dev/null
check "html: the sheet on its own page" grep -q 'class="diagnosis"' "$TMP/r.html"
check "html: 25 answers marked" test "$(grep -o 'mark on' "$TMP/r.html" | wc -l)" -eq 25
check "html: A/B/C and the total" grep -q '<td class="n">28 点</td><td class="n">12 点</td><td class="n">-6 点</td><td class="n total">34 点</td>' "$TMP/r.html"
check "html: the band's advice" grep -q "わからなかった項目と点の低い項目を確かめ" "$TMP/r.html"
"$MAMORI" --db "$DB" report --format xlsx --out "$TMP/r.xlsx" >/dev/null
check "xlsx: a 自社診断 sheet" bash -c "unzip -p '$TMP/r.xlsx' xl/workbook.xml | grep -q 'name=\"自社診断\"'"
check "xlsx: the band's advice in it" bash -c "unzip -p '$TMP/r.xlsx' xl/sharedStrings.xml | grep -q 'わからなかった項目と点の低い項目'"
"$MAMORI" --db "$DB" export --out "$TMP/ex" >/dev/null 2>&1
check "export: diagnosis.html in the folder" bash -c "grep -q '34 点' '$TMP'/ex/diagnosis.html"
sql "UPDATE diagnoses SET answers = 'yyyyyyyyyyyyyyyyyyyyyyyyy' WHERE seq = (SELECT max(seq) FROM diagnoses WHERE scope='company')" >/dev/null
"$MAMORI" --db "$DB" verify >"$TMP/out" 2>&1; rc=$?
check "verify: an edited diagnosis row fails (exit 3)" test "$rc" -eq 3
check "verify: says which table" grep -q "diagnoses table" "$TMP/out"
finish
