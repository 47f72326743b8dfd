#!/usr/bin/env bash
# Runs every unit test binary (build/san/tests/test_*) and every end-to-end script
# (tests/e2e_*.sh), headless, and sums their "N passed, N failed" lines into one. A PostgreSQL
# server is started for the run (tests/pg_cluster.sh) and stopped at the end, also on failure:
# the store's unit tests run on it too, and each e2e script whose header says
# "stores: sqlite postgresql" runs a second time with its database on the server.
cd "$(dirname "$0")/.." || exit 2
export SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0
export SDL_AUDIODRIVER=dummy
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export MAMORI=$PWD/build/san/mamori
# This machine's chain key, kiosk-id and witnesses of server records: one throw-away folder for
# the run, never the real ~/.local/share/mamori.
MAMORI_TEST_DATA=$(mktemp -d)
export XDG_DATA_HOME=$MAMORI_TEST_DATA
. tests/pg_cluster.sh
trap 'pg_cluster_stop; rm -rf "$MAMORI_TEST_DATA"' EXIT
trap 'exit 130' INT TERM
pg_cluster_start || echo "!! no PostgreSQL test server: the PostgreSQL tests are skipped"
passed=0 failed=0

# run_one NAME CMD...: runs a suite, prints its output, adds its summary line to the totals.
run_one() {
    local name=$1 out rc line p f
    shift
    echo "== $name"
    out=$("$@" 2>&1); rc=$?
    printf '%s\n' "$out"
    line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -1)
    if [ -z "$line" ]; then
        echo "!! $name printed no summary (exit $rc)"; failed=$((failed + 1)); return
    fi
    p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
    passed=$((passed + p)); failed=$((failed + f))
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then echo "!! $name exited $rc"; failed=$((failed + 1)); fi
}

for t in build/san/tests/test_* tests/e2e_*.sh; do
    [ -e "$t" ] || continue
    case "$t" in *.d) continue ;; esac
    case "${t##*/}" in *"${T:-}"*) ;; *) continue ;; esac
    run_one "$t" "$t"
    if [ -n "${MAMORI_TEST_PG:-}" ] && head -12 "$t" 2>/dev/null | grep -aq '^# stores: sqlite postgresql'; then
        run_one "$t (PostgreSQL)" env MAMORI_E2E_STORE=postgresql "$t"
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
