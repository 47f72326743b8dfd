# lib_e2e.sh — shared by the end-to-end scripts: a temporary database, checks that count
# towards the closing "N passed, N failed" line, and running the kiosk on a script.
#
# The database is a SQLite file ($TMP/mamori.db), or with MAMORI_E2E_STORE=postgresql (tests/run.sh
# runs each script whose header says "stores: sqlite postgresql" both ways) a new database on the
# test server (tests/pg_cluster.sh), dropped at the end. `sql QUERY` reads or tampers with either
# (on PostgreSQL as the superuser with the triggers off, as an attacker with that power would).
MAMORI=${MAMORI:-$PWD/build/san/mamori}
TMP=$(mktemp -d)
DB=$TMP/mamori.db
STORE=sqlite
SHOTS=$PWD/build/screenshots
mkdir -p "$SHOTS"
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen} SDL_RENDER_DRIVER=${SDL_RENDER_DRIVER:-software}
export SDL_FRAMEBUFFER_ACCELERATION=0 SDL_AUDIODRIVER=dummy
trap 'rm -rf "$TMP"' EXIT
if [ "${MAMORI_E2E_STORE:-sqlite}" = postgresql ]; then
    . tests/pg_cluster.sh
    [ -n "${MAMORI_TEST_PG:-}" ] || { echo "no PostgreSQL test server (tests/run.sh starts one)"; echo "0 passed, 1 failed"; exit 1; }
    STORE=postgresql
    PGNAME=e2e_$(basename "$TMP" | tr 'A-Z.-' 'a-z__')
    DB=$(pg_newdb "$PGNAME") || { echo "0 passed, 1 failed"; exit 1; }
    export XDG_DATA_HOME=$TMP/xdg # this machine's kiosk-id
    trap 'pg_psql postgres "DROP DATABASE IF EXISTS $PGNAME WITH (FORCE)" >/dev/null; rm -rf "$TMP"' EXIT
    echo "(on PostgreSQL)"
fi
PASSED=0
FAILED=0

check() {
    local name=$1
    shift
    if "$@" >/dev/null 2>&1; then
        PASSED=$((PASSED + 1)); echo "ok   $name"
    else
        FAILED=$((FAILED + 1)); echo "FAIL $name"
    fi
}

fail_now() {
    echo "FAIL $1"; FAILED=$((FAILED + 1)); finish
}

# sql QUERY [TARGET]: runs QUERY on TARGET (default $DB), a file or a URI; prints the result.
sql() {
    local target=${2:-$DB}
    case "$target" in
    postgres*://*)
        "$PG_CLUSTER_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -d "$target" \
            -c "SET session_replication_role = replica" -c "$1" ;;
    *) sqlite3 "$target" "$1" ;;
    esac
}

# sql_is QUERY EXPECTED: the query's single result equals EXPECTED
sql_is() {
    local got
    got=$(sql "$1") || return 1
    [ "$got" = "$2" ] || { echo "  $1 -> '$got', expected '$2'" >&2; return 1; }
}

# status_is N CMD...: CMD exits with N (its output dropped)
status_is() { local want=$1; shift; "$@" >/dev/null 2>&1; [ "$?" -eq "$want" ]; }

# run_kiosk SCRIPT TRACE: sets RC; prints the kiosk's stderr when it fails
run_kiosk() {
    "$MAMORI" --db "$DB" --trace "$2" --script "$1" 2>"$TMP/stderr"
    RC=$?
    [ "$RC" -eq 0 ] || { echo "  kiosk exit $RC:"; sed 's/^/  | /' "$TMP/stderr"; }
}

finish() {
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
    exit
}
