#!/usr/bin/env bash
# e2e_offline.sh — a kiosk on a PostgreSQL server keeps working while the server is away
# (issue 13), with a real server that the test stops and starts (tests/pg_cluster.sh): sign in
# and pass a test while it is down, the result says "saved on this kiosk" and the status line
# says the server is away; the server comes back, the report shows the attempt exactly once and
# `verify` passes; a kiosk killed (kill -9) with records waiting sends them after its restart,
# once; two kiosks, one of them offline, both writing: one chain at the end; a record the server
# refuses (the person deactivated meanwhile) is kept and shown to the manager.
cd "$(dirname "$0")/.." || exit 2
. tests/lib_e2e.sh
. tests/pg_cluster.sh
if [ -z "${MAMORI_TEST_PG:-}" ]; then
    pg_cluster_start || fail_now "a PostgreSQL test server (make deps installs postgresql)"
    OWN_CLUSTER=1
fi
NAME=$(basename "$TMP" | tr 'A-Z.-' 'a-z__')
PG=$(pg_newdb "off_$NAME") || fail_now "a database on the test server"
trap 'pg_cluster_resume; pg_psql postgres "DROP DATABASE IF EXISTS off_$NAME WITH (FORCE)" >/dev/null;
      [ -n "${OWN_CLUSTER:-}" ] && pg_cluster_stop; rm -rf "$TMP"' EXIT
export XDG_DATA_HOME=$TMP/kiosk1 # this kiosk's id and its cache
mkdir -p "$TMP/kiosk1" "$TMP/kiosk2"

"$MAMORI" --db "$PG" employees import tests/fixtures/kiosk/roster.csv >/dev/null || fail_now "roster import"
"$MAMORI" answers >"$TMP/key.tsv" || fail_now "answer key"
answer() { printf 'answer %s %s\ntap submit\ntap submit\n' "$TMP/key.tsv" "$1"; }
read_lesson() { # person measure
    printf 'wait start\ntap person-%s\ntap confirm-yes\nwait home\ntap tab-2\ntap measure-%s\nwait lesson\n' "$1" "$2"
    for _ in $(seq 10); do echo "key Right"; done
    printf 'tap next\nwait quiz\n'
}
# wait_file FILE: until the kiosk made it (a screenshot used as a signal), at most 60 s
wait_file() { for _ in $(seq 600); do [ -e "$1" ] && return 0; sleep 0.1; done; return 1; }
count() { sql "$1" "$PG"; }

# 1. The server goes away while the kiosk runs; a person signs in and passes a test.
{
    echo "wait start"; echo "screenshot $TMP/up.png"; echo "sleep 6000" # the server stops meanwhile
    echo "expect サーバーに接続できません"
    read_lesson 0002 7; for _ in 1 2 3 4 5; do answer right; done
    echo "wait result"; echo "expect この端末に保管しました"; echo "expect サーバーに接続できません"
    echo "screenshot $SHOTS/result-kept-on-kiosk.png"
    echo "screenshot $TMP/down-done.png"; echo "sleep 9000" # the server comes back meanwhile
    echo "expect サーバーに保存済み"; echo "tap done"; echo "wait home"; echo "quit"
} >"$TMP/away.script"
"$MAMORI" --db "$PG" --trace "$TMP/away.trace" --script "$TMP/away.script" 2>"$TMP/stderr" &
kiosk=$!
wait_file "$TMP/up.png" || fail_now "the kiosk started on the server"
pg_cluster_pause
wait_file "$TMP/down-done.png"
pg_cluster_resume
wait "$kiosk"; RC=$?
[ "$RC" -eq 0 ] || sed 's/^/  | /' "$TMP/stderr"
check "server away: sign-in, lesson, test from the cache; 'saved on this kiosk'; then on the server" test "$RC" -eq 0
check "the status line said the server is away and what waits" grep -q "この端末に保管した記録 [12] 件" "$TMP/away.trace"
check "never 'saved on the server' while it was away" \
    bash -c "! grep 'サーバーに接続できません' '$TMP/away.trace' | grep -q 'サーバーに保存済み'"
check "the attempt is on the server exactly once" \
    test "$(count "SELECT count(*) FROM attempts WHERE code = '0002' AND measure = 7")" = 1
check "with its lesson reading, once" test "$(count "SELECT count(*) FROM lesson_reads WHERE code = '0002'")" = 1
"$MAMORI" --db "$PG" report --format csv --out "$TMP/report.csv" >/dev/null 2>&1
check "the report shows the test passed" grep -q "佐藤 一郎" "$TMP/report.csv"
check "verify passes" bash -c "'$MAMORI' --db '$PG' verify | grep -q '^ok:'"
KIOSK1=$(cat "$TMP/kiosk1/mamori/kiosk-id")
check "the events keep this kiosk's id" \
    test "$(count "SELECT count(*) FROM events WHERE kiosk = '$KIOSK1' AND type IN ('lesson', 'attempt')")" = 2

# 2. kill -9 with records waiting: sent after the restart, once.
pg_cluster_pause
{ read_lesson 0003 8; echo "screenshot $TMP/read.png"; echo "sleep 60000"; } >"$TMP/kill.script"
"$MAMORI" --db "$PG" --script "$TMP/kill.script" 2>"$TMP/stderr" &
kiosk=$!
wait_file "$TMP/read.png"
sleep 0.5
kill -9 "$kiosk"; wait "$kiosk" 2>/dev/null
CACHE=$(ls "$TMP"/kiosk1/mamori/mamori-cache-*.db)
check "killed with the lesson waiting in the cache's outbox" test "$(sqlite3 "$CACHE" "SELECT count(*) FROM outbox")" -ge 1
pg_cluster_resume
printf 'wait start\nsleep 5000\nquit\n' >"$TMP/idle.script"
run_kiosk_pg() { "$MAMORI" --db "$PG" --script "$@" 2>"$TMP/stderr"; RC=$?; [ "$RC" -eq 0 ] || sed 's/^/  | /' "$TMP/stderr"; }
run_kiosk_pg "$TMP/idle.script"
check "after the restart: delivered" test "$(count "SELECT count(*) FROM lesson_reads WHERE code = '0003'")" = 1
check "and the outbox is empty" test "$(sqlite3 "$CACHE" "SELECT count(*) FROM outbox")" = 0
run_kiosk_pg "$TMP/idle.script"
check "a second restart sends nothing again" \
    test "$(count "SELECT count(*) FROM lesson_reads WHERE code = '0003'")" = 1

# 3. Two kiosks, the second one offline, both writing: one chain.
# every kiosk on one server holds the company's chain key (README: copy chain.key)
mkdir -p -m 0700 "$TMP/kiosk2/mamori" && install -m 0600 "$TMP/kiosk1/mamori/chain.key" "$TMP/kiosk2/mamori/"
XDG_DATA_HOME=$TMP/kiosk2 run_kiosk_pg "$TMP/idle.script" # the second kiosk gets its copy
pg_cluster_pause
{ read_lesson 0004 10; echo "screenshot $TMP/k2.png"; echo "quit"; } >"$TMP/k2.script"
XDG_DATA_HOME=$TMP/kiosk2 "$MAMORI" --db "$PG" --script "$TMP/k2.script" 2>"$TMP/stderr2"
check "kiosk 2 ends with its record waiting (said on stderr)" grep -q "wait in this kiosk's cache" "$TMP/stderr2"
pg_cluster_resume
{ read_lesson 0001 11; echo "sleep 3000"; echo "quit"; } >"$TMP/k1.script"
run_kiosk_pg "$TMP/k1.script"
XDG_DATA_HOME=$TMP/kiosk2 run_kiosk_pg "$TMP/idle.script"
KIOSK2=$(cat "$TMP/kiosk2/mamori/kiosk-id")
check "both kiosks' lessons are on the server" \
    test "$(count "SELECT count(DISTINCT kiosk) FROM events WHERE type = 'lesson' AND kiosk IN ('$KIOSK1', '$KIOSK2')")" = 2
check "each record once" test "$(count "SELECT count(*) - count(DISTINCT uuid) FROM events")" = 0
check "one chain: verify passes" bash -c "'$MAMORI' --db '$PG' verify | grep -q '^ok:'"
check "each kiosk reported its last contact and waiting count" \
    test "$(count "SELECT count(*) FROM meta WHERE key IN ('kiosk:$KIOSK1', 'kiosk:$KIOSK2') AND value LIKE '% 0 0'")" = 2

# 4. A record the server refuses is kept and shown to the manager.
printf '2468\n' | "$MAMORI" --db "$PG" manager set-pin >/dev/null
mkdir -p "$TMP/stick"
run_kiosk_pg "$TMP/idle.script" # the PIN into the cache
pg_cluster_pause
{ read_lesson 0003 9; echo "screenshot $TMP/k3.png"; echo "quit"; } >"$TMP/k3.script"
run_kiosk_pg "$TMP/k3.script"
pg_cluster_resume
pg_psql "off_$NAME" "UPDATE employees SET active = 0 WHERE code = '0003'" >/dev/null # deactivated meanwhile
{
    echo "wait start"; echo "sleep 4000"; echo "expect 管理者に知らせてください"
    echo "tap manager"; echo "wait manager_pin"; echo "text 2468"; echo "key Return"; echo "wait manager"
    echo "expect 受け付けなかった記録"; echo "expect 社員コード 0003 の人がサーバーの名簿で無効になっています"
    echo "screenshot $SHOTS/manager-refused.png"
    echo "tap export"; echo "wait export"; echo "tap type-folder"; echo "text $TMP/stick"; echo "tap kb-done"
    echo "tap do-export"; echo "expect ✓ report.csv"; echo "quit"
} >"$TMP/refused.script"
run_kiosk_pg "$TMP/refused.script" --trace "$TMP/refused.trace"
check "refused: kept in the outbox, said on the status line and on the manager's dashboard" test "$RC" -eq 0
check "refused: the dashboard says why in Japanese, not the server's English" \
    bash -c "grep -q '有効に戻すと送られます' '$TMP/refused.trace' && ! grep -q 'no longer active' '$TMP/refused.trace'"
check "refused: still waiting in the cache" test "$(sqlite3 "$CACHE" "SELECT count(*) FROM outbox WHERE refused <> ''")" -ge 1
check "the kiosk's export with a record waiting: the cover says the record is checked on the server" \
    grep -q "記録の検証はサーバーで行ってください" "$TMP"/stick/mamori-*/index.html
check "and the report is not called broken (the cache's own records are not the record)" \
    bash -c "! grep -q 'id=\"broken\"' '$TMP'/stick/mamori-*/report.html"
check "refused: not on the server" test "$(count "SELECT count(*) FROM lesson_reads WHERE code = '0003' AND measure = 9")" = 0
finish
