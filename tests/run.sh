#!/usr/bin/env bash
# Runs every unit test binary (build/san/tests/test_*) and every end-to-end script
# (tests/e2e_*.sh), headless, and sums their "N passed, N failed" lines into one.
cd "$(dirname "$0")/.." || exit 2
export SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0
export SDL_AUDIODRIVER=dummy
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export MAMORI=$PWD/build/san/mamori
passed=0 failed=0
for t in build/san/tests/test_* tests/e2e_*.sh; do
    [ -e "$t" ] || continue
    case "$t" in *.d) continue ;; esac
    case "${t##*/}" in *"${T:-}"*) ;; *) continue ;; esac
    echo "== $t"
    out=$("$t" 2>&1); rc=$?
    printf '%s\n' "$out"
    line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -1)
    if [ -z "$line" ]; then
        echo "!! $t printed no summary (exit $rc)"; failed=$((failed + 1)); continue
    fi
    p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
    passed=$((passed + p)); failed=$((failed + f))
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then echo "!! $t exited $rc"; failed=$((failed + 1)); fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
