#!/usr/bin/env bash
# e2e_pg.sh — several kiosks, one record, on a real PostgreSQL server (tests/pg_cluster.sh;
# started here when run alone): `mamori db copy` SQLite → PostgreSQL → SQLite gives the same
# reports in every format and the same chain head; a copy refuses a non-empty target and a
# broken source; the server refuses to rewrite an event even to its owner; an unreachable server,
# a missing database, an unknown user, a password on the command line and another program's
# database are each one clear line and exit 1; the server stopped in the middle of a kiosk write:
# the person is told, nothing is half-written, and the result is saved once when it is back; and
# the README's kiosk role can record and verify but not delete, change or alter anything.
cd "$(dirname "$0")/.." || exit 2
. tests/lib_e2e.sh
. tests/pg_cluster.sh
if [ -z "${MAMORI_TEST_PG:-}" ]; then
    pg_cluster_start || fail_now "a PostgreSQL test server (make deps installs postgresql)"
    OWN_CLUSTER=1
fi
export XDG_DATA_HOME=$TMP/xdg
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" # faketime is preloaded
NAME=$(basename "$TMP" | tr 'A-Z.-' 'a-z__')
PG=$(pg_newdb "pg_$NAME") || fail_now "a database on the test server"
PG2=$(pg_newdb "pg2_$NAME") || fail_now "a second database on the test server"
PG3=$(pg_newdb "pg3_$NAME") || fail_now "a third database on the test server"
trap 'pg_psql postgres "DROP DATABASE IF EXISTS pg_$NAME WITH (FORCE)" >/dev/null;
      pg_psql postgres "DROP DATABASE IF EXISTS pg2_$NAME WITH (FORCE)" >/dev/null;
      pg_psql postgres "DROP DATABASE IF EXISTS pg3_$NAME WITH (FORCE)" >/dev/null;
      pg_psql postgres "DROP ROLE IF EXISTS kiosk_$NAME" >/dev/null;
      [ -n "${OWN_CLUSTER:-}" ] && pg_cluster_stop; rm -rf "$TMP"' EXIT

# status_is N CMD...: CMD exits with status N
status_is() {
    local want=$1
    shift
    "$@" >/dev/null 2>&1
    [ "$?" -eq "$want" ]
}
# fails_with TEXT CMD...: CMD exits 1 with TEXT in its one-line message
fails_with() {
    local want=$1 out rc
    shift
    out=$("$@" 2>&1); rc=$?
    [ "$rc" -eq "${WANT_RC:-1}" ] && grep -q -- "$want" <<<"$out" && [ "$(wc -l <<<"$out")" -eq 1 ] ||
        { echo "  exit $rc: $out" >&2; return 1; }
}
broken_with() { WANT_RC=3 fails_with "$@"; } # the record is broken: exit 3
at_noon() { faketime -f '2026-12-05 12:00:00' "$@"; } # a stopped clock: the same "generated" time

# A record on SQLite: the roster, a test taken at the kiosk, a setting, the manager PIN.
"$MAMORI" --db "$DB" employees import tests/fixtures/kiosk/roster.csv >/dev/null || fail_now "roster import"
"$MAMORI" answers >"$TMP/key.tsv" || fail_now "answer key"
answer() { printf 'answer %s %s\ntap submit\ntap submit\n' "$TMP/key.tsv" "$1"; }
{
    echo "wait start"; echo "tap person-0002"; echo "tap confirm-yes"; echo "wait home"; echo "tap tab-2"
    printf 'tap measure-7\nwait lesson\n'; for _ in 1 2 3 4 5 6 7; do echo "key Right"; done
    printf 'tap next\nwait quiz\n'; answer wrong; answer wrong; for _ in 1 2 3; do answer right; done
    echo "wait result"; echo "expect 不合格です"; echo "tap done"; echo "wait home"; echo "quit"
} >"$TMP/test.script"
run_kiosk "$TMP/test.script" /dev/null
"$MAMORI" --db "$DB" settings set company_name "守り商事" >/dev/null
printf '2468\n' | "$MAMORI" --db "$DB" manager set-pin >/dev/null
{ printf 'item,answer\r\n'; for i in $(seq 1 25); do printf '%d,%s\r\n' "$i" yes; done; } >"$TMP/diag.csv"
"$MAMORI" --db "$DB" diagnosis import "$TMP/diag.csv" --by 0001 >/dev/null || fail_now "a self-diagnosis"
check "the SQLite record verifies" "$MAMORI" --db "$DB" verify

# reports DB DIR: every format over DB into DIR, at one fixed time.
reports() {
    mkdir -p "$2"
    for f in json csv html; do at_noon "$MAMORI" --db "$1" report --format $f --out "$2/report.$f" || return 1; done
}
reports "$DB" "$TMP/a" || fail_now "reports on SQLite"
out=$("$MAMORI" db copy --from "$DB" --to "$PG" 2>&1)
check "copy SQLite → PostgreSQL" grep -Eq "^copied 9 records and [0-9]+ rows .*; verified, head [0-9a-f]{64}$" <<<"$out"
check "the copy keeps every event's hash" test "$(sql "SELECT string_agg(hash, ',' ORDER BY seq) FROM events" "$PG")" = \
    "$(sql "SELECT group_concat(hash, ',') FROM (SELECT hash FROM events ORDER BY seq)")"
check "verify on PostgreSQL" bash -c "'$MAMORI' --db '$PG' verify | grep -q '^ok: 9 records'"
reports "$PG" "$TMP/b" || fail_now "reports on PostgreSQL"
check "copy PostgreSQL → SQLite" status_is 0 "$MAMORI" db copy --from "$PG" --to "$TMP/back.db"
reports "$TMP/back.db" "$TMP/c" || fail_now "reports on the copy back"
for f in json csv html; do
    check "the $f report is the same on SQLite, PostgreSQL and the copy back" \
        bash -c "cmp '$TMP/a/report.$f' '$TMP/b/report.$f' && cmp '$TMP/a/report.$f' '$TMP/c/report.$f'"
done
check "the self-diagnosis is the same on SQLite, PostgreSQL and the copy back" \
    bash -c "'$MAMORI' --db '$DB' diagnosis show --format json >'$TMP/d1' && '$MAMORI' --db '$PG' diagnosis show --format json >'$TMP/d2' && '$MAMORI' --db '$TMP/back.db' diagnosis show --format json >'$TMP/d3' && grep -q . '$TMP/d1' && cmp '$TMP/d1' '$TMP/d2' && cmp '$TMP/d1' '$TMP/d3'"
check "the PIN works on PostgreSQL" bash -c "'$MAMORI' --db '$PG' settings list | grep -qx 'company_name=守り商事'"
check "the employees list is the same" test "$("$MAMORI" --db "$PG" employees list)" = "$("$MAMORI" --db "$DB" employees list)"

# Copies that must not happen.
check "a copy into a database with records is refused" \
    fails_with "already holds 9 records; a copy goes only into an empty database" "$MAMORI" db copy --from "$DB" --to "$PG"
check "a copy from a missing file is refused" fails_with "there is no database at" "$MAMORI" db copy --from "$TMP/none.db" --to "$PG2"
cp "$DB" "$TMP/tampered.db"
sql "UPDATE events SET time = time + 1 WHERE seq = 5" "$TMP/tampered.db"
check "a copy of a broken record is refused" \
    fails_with "the source is broken at record 5: its contents do not match its hash" \
    "$MAMORI" db copy --from "$TMP/tampered.db" --to "$PG2"
check "and the target stays empty" test "$(sql "SELECT count(*) FROM events" "$PG2")" = 0
check "db copy without --to is a usage error (exit 2)" status_is 2 "$MAMORI" db copy --from "$DB"

# History is protected by the server: even the owner (here the superuser) is refused.
out=$("$PG_CLUSTER_BIN/psql" -X -q -d "$PG" -c "UPDATE events SET time = 0 WHERE seq = 2" 2>&1)
check "the server refuses to edit an event" grep -q "recorded events are never changed or deleted (UPDATE refused)" <<<"$out"
out=$("$PG_CLUSTER_BIN/psql" -X -q -d "$PG" -c "DELETE FROM events WHERE seq = 8" 2>&1)
check "the server refuses to delete an event" grep -q "(DELETE refused)" <<<"$out"
check "the record still verifies" bash -c "'$MAMORI' --db '$PG' verify | grep -q '^ok: 9 records'"
sql "UPDATE events SET payload = replace(payload, '守り', '森') WHERE type = 'setting'" "$PG" # triggers off
check "verify catches an edit made with the trigger off" \
    broken_with "record [0-9]*: its contents do not match its hash: edited" "$MAMORI" --db "$PG" verify

# Clear messages, exit 1.
check "an unreachable server" fails_with "the database server cannot be reached" \
    "$MAMORI" --db "postgresql:///mamori?host=$TMP/nowhere" employees list
check "a database that does not exist" fails_with "has no such database" \
    "$MAMORI" --db "${MAMORI_TEST_PG_URI}no_such_database" employees list
check "an unknown user" fails_with "refused the user or password" \
    "$MAMORI" --db "postgresql://intruder@/postgres?host=$MAMORI_TEST_PG" verify
check "a password on the command line is refused" fails_with "holds a password" \
    "$MAMORI" --db "postgresql://kiosk:hunter2@/postgres?host=$MAMORI_TEST_PG" verify
check "and not repeated" bash -c "! '$MAMORI' --db 'postgresql://kiosk:hunter2@/x?host=/tmp' verify 2>&1 | grep -q hunter2"
check "MAMORI_DB takes a URI too" bash -c "MAMORI_DB='$PG2' '$MAMORI' employees list | grep -q '^0 people'"
pg_psql "pg3_$NAME" "CREATE TABLE invoices(id int)" >/dev/null
check "another program's database" fails_with "is not a mamori database" "$MAMORI" --db "$PG3" verify
check "and it is left as it was" test "$(pg_psql "pg3_$NAME" "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" = 1

# The server stops while the kiosk saves a test result: the person is told, the kiosk keeps it
# and retries, and once the server is back it is saved once and the chain verifies.
{
    echo "wait start"; echo "tap person-0001"; echo "tap confirm-yes"; echo "wait home"; echo "tap tab-2"
    printf 'tap measure-7\nwait lesson\n'; for _ in 1 2 3 4 5 6 7; do echo "key Right"; done
    printf 'tap next\nwait quiz\n'; for _ in 1 2 3 4; do answer right; done
    printf 'answer %s right\ntap submit\n' "$TMP/key.tsv"
    echo "screenshot $TMP/ready.png"; echo "sleep 3000" # the server stops meanwhile (below)
    echo "tap submit"; echo "wait result"; echo "expect この端末に保管しました"
    echo "screenshot $SHOTS/result-server-away.png"
    echo "tap done"; echo "wait home"; echo "sleep 9000"; echo "quit"
} >"$TMP/away.script"
before=$(sql "SELECT count(*) FROM events" "$PG")
"$MAMORI" --db "$PG" --script "$TMP/away.script" 2>"$TMP/stderr" &
kiosk=$!
for _ in $(seq 300); do [ -e "$TMP/ready.png" ] && break; sleep 0.1; done
pg_cluster_pause
sleep 5
pg_cluster_resume
wait "$kiosk"; RC=$?
[ "$RC" -eq 0 ] || sed 's/^/  | /' "$TMP/stderr"
check "server away: shown, kept, retried, then saved" test "$RC" -eq 0
check "the result saved once, after the server came back" \
    test "$(sql "SELECT count(*) FROM attempts WHERE code = '0001' AND measure = 7" "$PG")" = 1
check "two events more (the lesson read, the test), nothing half-written" \
    test "$(sql "SELECT count(*) FROM events" "$PG")" = $((before + 2))
sql "UPDATE events SET payload = replace(payload, '森', '守り') WHERE type = 'setting'" "$PG" # undo the edit above
check "the chain verifies after the outage" bash -c "'$MAMORI' --db '$PG' verify | grep -q '^ok: 11 records'"

# The kiosks' role of the README: it adds events, writes the derived tables and reads; nothing else.
KIOSK=kiosk_$NAME
pg_psql "pg_$NAME" "CREATE ROLE $KIOSK LOGIN;
    GRANT CONNECT ON DATABASE pg_$NAME TO $KIOSK; GRANT USAGE ON SCHEMA public TO $KIOSK;
    GRANT SELECT, INSERT ON events, lesson_reads, attempts, answers, pledges, diagnoses TO $KIOSK;
    GRANT SELECT, INSERT, UPDATE ON employees, settings, meta TO $KIOSK;
    GRANT SELECT, INSERT, UPDATE, DELETE ON diagnosis_drafts TO $KIOSK;" >/dev/null
AS_KIOSK="postgresql:///pg_$NAME?host=$MAMORI_TEST_PG&user=$KIOSK"
check "the kiosk role records a change" "$MAMORI" --db "$AS_KIOSK" settings set idle_timeout 90
check "the kiosk role checks the PIN and its lock" bash -c "printf '1357\n' | '$MAMORI' --db '$AS_KIOSK' manager set-pin"
check "the kiosk role verifies" bash -c "'$MAMORI' --db '$AS_KIOSK' verify | grep -q '^ok: 13 records'"
out=$("$PG_CLUSTER_BIN/psql" -X -q -d "$AS_KIOSK" -c "DELETE FROM attempts" 2>&1)
check "the kiosk role cannot delete a test result" grep -q "permission denied for table attempts" <<<"$out"
out=$("$PG_CLUSTER_BIN/psql" -X -q -d "$AS_KIOSK" -c "UPDATE attempts SET passed = 1" 2>&1)
check "nor change one" grep -q "permission denied for table attempts" <<<"$out"
out=$("$PG_CLUSTER_BIN/psql" -X -q -d "$AS_KIOSK" -c "CREATE TABLE x(i int)" 2>&1)
check "nor change the schema" grep -q "permission denied for schema public" <<<"$out"

finish
