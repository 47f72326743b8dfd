# lib_e2e.sh — shared by the end-to-end scripts: a temporary database, checks that count
# towards the closing "N passed, N failed" line, and running the kiosk on a script.
MAMORI=${MAMORI:-$PWD/build/san/mamori}
TMP=$(mktemp -d)
DB=$TMP/mamori.db
SHOTS=$PWD/build/screenshots
mkdir -p "$SHOTS"
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen} SDL_RENDER_DRIVER=${SDL_RENDER_DRIVER:-software}
export SDL_FRAMEBUFFER_ACCELERATION=0 SDL_AUDIODRIVER=dummy
trap 'rm -rf "$TMP"' EXIT
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

# sql_is QUERY EXPECTED: the query's single result equals EXPECTED
sql_is() {
    local got
    got=$(sqlite3 "$DB" "$1") || return 1
    [ "$got" = "$2" ] || { echo "  $1 -> '$got', expected '$2'" >&2; return 1; }
}

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
