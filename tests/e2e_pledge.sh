#!/usr/bin/env bash
# e2e_pledge.sh — signing the pledge at the real kiosk (headless, scripted SDL events): an
# employee passes the five article tests, opens the pledge, finds Sign disabled without a
# signature, with an article not confirmed and with a dot for a signature (the trace says
# "enabled": false), confirms each article, signs with a mouse drag and sees the certificate;
# the president signs the company's pledge the same way. Then the database (sqlite3), the
# chain (mamori verify, and a tampered copy that must fail), the report's one-star readiness
# and the print-ready export are checked. Screenshots go to build/screenshots/.
cd "$(dirname "$0")/.." || exit 2
. tests/lib_e2e.sh
PV=$(sed -n 's/^version: //p' content/pledge.yaml) # the shipped pledge version

"$MAMORI" --db "$DB" employees import tests/fixtures/kiosk/roster.csv >/dev/null || fail_now "roster import"
"$MAMORI" answers > "$TMP/key.tsv" || fail_now "answer key"
ARTICLE_MEASURES=$(grep -l '^article: *[1-9]' content/lessons/*.yaml | sed 's|.*/0*\([0-9]*\)-.*|\1|')
[ "$(echo $ARTICLE_MEASURES)" = "1 2 3 4 6" ] || fail_now "the five article measures are 1 2 3 4 6 (got: $ARTICLE_MEASURES)"

# pass_measure M: from Home, read lesson M, answer every question right, back Home.
pass_measure() {
    local draw
    draw=$(sed -n 's/^draw: *\([0-9]*\).*/\1/p' content/quizzes/"$(printf %02d "$1")"-*.yaml)
    printf 'tap measure-%s\nwait lesson\n' "$1"
    for _ in 1 2 3 4 5 6 7 8 9; do echo "key Right"; done
    printf 'tap next\nwait quiz\n'
    for _ in $(seq "$draw"); do printf 'answer %s right\ntap submit\ntap submit\n' "$TMP/key.tsv"; done
    printf 'wait result\nexpect 記録しました\ntap done\nwait home\n'
}

# sign_in CODE: from the start screen with the keypad.
sign_in() {
    echo "wait start"
    for k in $(echo "$1" | grep -o .); do echo "tap key-$k"; done
    printf 'tap key-ok\ntap confirm-yes\nwait home\n'
}

# to_signing: from the pledge's first page, confirming every article but $1, to the signing page.
to_signing() {
    echo "wait pledge"
    for a in 1 2 3; do [ "$a" = "$1" ] || echo "tap article-$a"; done
    echo "tap next"
    for a in 4 5; do [ "$a" = "$1" ] || echo "tap article-$a"; done
    printf 'tap next\nexpect 署名欄\n'
}

# last_pledge_view PATTERN...: some traced view of the pledge screen matches every pattern.
pledge_view() {
    local lines
    lines=$(grep '"screen": "pledge"' "$TRACE")
    for p in "$@"; do lines=$(printf '%s\n' "$lines" | grep -F -- "$p"); done
    [ -n "$lines" ]
}
SIGN_OFF='"id": "sign", "label": "署名する"'
OFF='"enabled": false, "style": "primary"}' # Sign is the primary button

# 1. The employee 0002 before passing: Home says which tests are missing; no way to sign yet.
{
    sign_in 0002
    echo "expect 5か条のテスト（1, 2, 3, 4, 6）に合格すると署名できます"
    echo "screenshot $SHOTS/home-pledge-missing.png"
    for m in $ARTICLE_MEASURES; do pass_measure "$m"; done
    echo "expect 宣言書に署名する"; echo "screenshot $SHOTS/home-pledge-ready.png"
    echo "tap pledge"; echo "wait pledge"; echo "screenshot $SHOTS/pledge-articles.png"
    to_signing none
    echo "screenshot $SHOTS/pledge-sign-empty.png"
    echo "quit"
} > "$TMP/pass.script"
TRACE=$TMP/trace1.jsonl
run_kiosk "$TMP/pass.script" "$TRACE"
check "pass the five tests and reach the signing page" test "$RC" -eq 0
check "the five tests passed" sql_is "SELECT count(DISTINCT measure) FROM attempts WHERE code='0002' AND passed=1 AND measure IN (1,2,3,4,6)" 5
check "home named the missing tests first" grep -q '5か条のテスト（1, 2, 3, 4, 6）に合格すると署名できます' "$TRACE"
check "Sign disabled with no signature" pledge_view '✓ 5つの項目をすべて確認しました' "$SIGN_OFF" '"id": "sig-clear", "label": "書き直す"'
check "... and its trace says enabled false" \
    bash -c "grep '\"screen\": \"pledge\"' '$TRACE' | grep -F '✓ 5つの項目をすべて確認しました' | grep -qE '\"id\": \"sign\", [^}]*\"enabled\": false'"
check "nothing recorded by looking" sql_is "SELECT count(*) FROM pledges" 0

PAD=$(grep -o '"id": "signature-pad", "label": "[^"]*", "rect": \[[0-9, ]*\]' "$TRACE" | tail -1 | grep -o '\[.*\]' | tr -d '[],')
read -r PX PY PW PH <<< "$PAD"
[ -n "$PH" ] || fail_now "the signature pad is in the trace"
# a name-like signature: two drags across the pad, and a dot
X1=$((PX + PW / 8)) X2=$((PX + PW / 2)) X3=$((PX + PW * 3 / 4)) Y1=$((PY + PH / 3)) Y2=$((PY + PH * 2 / 3))
SIGNATURE="drag $X1 $Y1 $X2 $Y2
drag $((X2 + 30)) $Y2 $X3 $Y1"
DOT="drag $X2 $Y1 $((X2 + 2)) $((Y1 + 1))"

# 2. Sign with article 5 unconfirmed (disabled), confirm it, clear, a dot (disabled), undo,
#    sign for real, the certificate, Home says signed.
{
    sign_in 0002
    echo "tap pledge"
    to_signing 5
    echo "$SIGNATURE"
    echo "expect まだ確認していない項目：5"; echo "expect 第5条の確認がまだです（◀ 前へ）"
    echo "tap prev"; echo "tap article-5"; echo "tap next"; echo "expect ✓ 5つの項目をすべて確認しました"
    echo "expect ✓ 署名できます"
    echo "tap sig-clear"
    echo "$DOT"; echo "expect もう少し大きく"
    echo "tap sig-undo"
    echo "$SIGNATURE"; echo "expect ✓ 署名できます"; echo "screenshot $SHOTS/pledge-signed.png"
    echo "tap sign"; echo "wait certificate"; echo "expect 記録番号"; echo "expect 佐藤 一郎"
    echo "screenshot $SHOTS/certificate.png"
    echo "tap done"; echo "wait home"; echo "expect 宣言書：署名済み"; echo "screenshot $SHOTS/home-pledge-signed.png"
    echo "tap certificate"; echo "wait certificate"; echo "tap done"; echo "wait home"
    echo "quit"
} > "$TMP/sign.script"
TRACE=$TMP/trace2.jsonl
run_kiosk "$TMP/sign.script" "$TRACE"
check "sign run exits 0" test "$RC" -eq 0
check "Sign disabled with an article not confirmed, and the hint says so (trace: enabled false)" \
    pledge_view 'まだ確認していない項目：5' '第5条の確認がまだです' "$SIGN_OFF" "$OFF"
check "'✓ 署名できます' only when 署名する is enabled" \
    bash -c "! grep '\"screen\": \"pledge\"' '$TRACE' | grep -F '✓ 署名できます' | grep -qE '\"id\": \"sign\", [^}]*\"enabled\": false'"
check "Sign disabled after clearing (trace: enabled false)" \
    bash -c "grep '\"screen\": \"pledge\"' '$TRACE' | grep -F '✓ 5つの項目をすべて確認しました' | grep -vF '署名できます' | grep -vF 'もう少し' | grep -qE '\"id\": \"sign\", [^}]*\"enabled\": false'"
check "a dot is not a signature (trace: enabled false)" pledge_view 'もう少し大きく' "$SIGN_OFF" "$OFF"
check "Sign enabled with every article and a signature" \
    bash -c "grep '\"screen\": \"pledge\"' '$TRACE' | grep -F '✓ 5つの項目をすべて確認しました' | grep -F '✓ 署名できます' | grep -qE '\"id\": \"sign\", [^}]*\"enabled\": true'"
check "the certificate was shown" grep -q '"screen": "certificate"' "$TRACE"
check "one pledge event" sql_is "SELECT count(*) FROM events WHERE type='pledge'" 1
check "one pledge row for 0002" sql_is "SELECT code||','||role||','||version||','||lang||','||name_signed FROM pledges" "0002,employee,$PV,ja,佐藤 一郎"
check "the row is its event" sql_is "SELECT count(*) FROM pledges p JOIN events e ON e.seq=p.seq AND e.hash=p.hash AND e.time=p.time" 1
check "the event carries the kiosk id" sql_is "SELECT count(*) FROM events e JOIN meta m ON m.key='kiosk_id' AND m.value=e.kiosk WHERE e.type='pledge'" 1
check "two strokes recorded, with times" sql_is "SELECT (length(strokes) - length(replace(strokes, ';', ''))) || ',' || (strokes LIKE '1 %x%;%,%,0 %') FROM pledges" "2,1"
check "the event payload holds the strokes" sql_is "SELECT instr(e.payload, p.strokes) > 0 FROM pledges p JOIN events e ON e.seq=p.seq" 1
TEXT_SHA=$(printf '%s\n' "$(sqlite3 "$DB" "SELECT text FROM pledges")" | sha256sum | cut -d' ' -f1)
check "text_sha256 is the SHA-256 of the exact text signed" sql_is "SELECT text_sha256 FROM pledges" "$TEXT_SHA"
check "the text signed is the shipped one" sql_is "SELECT text LIKE '情報セキュリティ5か条 私の宣言%1. 【OSやソフトウェアは常に最新の状態にしよう！】%5. %' FROM pledges" 1
CODE=$(sqlite3 "$DB" "SELECT upper(substr(hash,1,4))||'-'||upper(substr(hash,5,4)) FROM pledges")
check "the certificate showed the record code" grep -q "記録番号　$CODE" "$TRACE"
check "the chain verifies" "$MAMORI" --db "$DB" verify

# 3. The president signs the company's pledge.
{
    sign_in 0004
    for m in $ARTICLE_MEASURES; do pass_measure "$m"; done
    echo "tap pledge"; echo "wait pledge"; echo "expect 会社の宣言"
    to_signing none
    echo "$SIGNATURE"; echo "tap sign"; echo "wait certificate"; echo "expect 宣言書（会社）"
    echo "screenshot $SHOTS/certificate-president.png"
    echo "quit"
} > "$TMP/president.script"
TRACE=$TMP/trace3.jsonl
run_kiosk "$TMP/president.script" "$TRACE"
check "president run exits 0" test "$RC" -eq 0
check "the president's pledge is the company's" sql_is "SELECT role||','||(text LIKE '情報セキュリティ5か条 会社の宣言%') FROM pledges WHERE code='0004'" "president,1"
check "the chain still verifies" "$MAMORI" --db "$DB" verify

# 4. Readiness in the report, and the print-ready export.
"$MAMORI" --db "$DB" report --format json > "$TMP/report.json" 2>/dev/null
check "report: the president signed" grep -q '"president_signed": true' "$TMP/report.json"
check "report: not ready, 0001 and 0003 missing (roster order)" \
    bash -c "tr -d ' \n' < '$TMP/report.json' | grep -q '\"one_star\":{\"ready\":false,\"president_signed\":true,\"missing\":\[\"0001\",\"0003\"\]}'"
check "report: 0002 signed with the record code" \
    bash -c "tr -d ' \n' < '$TMP/report.json' | grep -q '\"state\":\"signed\",\"version\":$PV,\"signed_at\":\"[^\"]*\",\"record_code\":\"$CODE\"'"
"$MAMORI" --db "$DB" pledges export --out "$TMP/export" > "$TMP/export.out"
check "export writes two pledges and the index" grep -q "wrote 2 pledges and index.html" "$TMP/export.out"
PAGE=$(ls "$TMP"/export/pledge-0002-v$PV-"$CODE".html 2>/dev/null)
check "one page per pledge, named by code, version and record code" test -n "$PAGE"
check "the page draws one SVG path per stroke" test "$(grep -o '<path d=' "$PAGE" | wc -l)" -eq 2
check "the page holds the full hash" grep -q "$(sqlite3 "$DB" "SELECT hash FROM pledges WHERE code='0002'")" "$PAGE"
check "the index lists everyone active" test "$(grep -o '<tr><td>' "$TMP/export/index.html" | wc -l)" -eq 4
check "the index says who has not signed" test "$(grep -o 'state none' "$TMP/export/index.html" | wc -l)" -eq 2
rm -rf "$SHOTS/pledge-export" && cp -r "$TMP/export" "$SHOTS/pledge-export"

# 5. A tampered signature fails verify.
cp "$DB" "$TMP/tampered.db"
sqlite3 "$TMP/tampered.db" "UPDATE events SET payload = replace(payload, ';$((X1 - PX)),', ';$((X1 - PX + 1)),') WHERE type='pledge' AND payload LIKE '%\"code\":\"0002\"%'"
check "the tampered copy differs" test "$(sqlite3 "$TMP/tampered.db" "SELECT payload FROM events WHERE type='pledge' LIMIT 1")" != "$(sqlite3 "$DB" "SELECT payload FROM events WHERE type='pledge' LIMIT 1")"
"$MAMORI" --db "$TMP/tampered.db" verify > /dev/null 2> "$TMP/verify.err"
VRC=$?
SEQ=$(sqlite3 "$DB" "SELECT seq FROM pledges WHERE code='0002'")
check "verify fails on the tampered signature" test "$VRC" -eq 3
check "verify names the pledge record" grep -q "record $SEQ: its contents do not match its hash: edited" "$TMP/verify.err"

# 6. A signature edited in the pledges table (what certificates and exports read) fails verify too.
cp "$DB" "$TMP/tampered-row.db"
sqlite3 "$TMP/tampered-row.db" "UPDATE pledges SET name_signed = 'Someone Else' WHERE code='0002'"
"$MAMORI" --db "$TMP/tampered-row.db" verify > /dev/null 2>&1
check "verify fails on a pledge row edited in its table" test $? -eq 3

finish
