#!/usr/bin/env bash
# bench/run.sh — prints mamori's performance figures (nothing is asserted: targets are in
# DESIGN.md). Run through `make bench`.
cd "$(dirname "$0")/.." || exit 2
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen} SDL_RENDER_DRIVER=${SDL_RENDER_DRIVER:-software}
export SDL_FRAMEBUFFER_ACCELERATION=0 SDL_AUDIODRIVER=dummy
M=$PWD/build/rel/mamori
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

for b in build/rel/bench/bench_*; do
    [ -x "$b" ] && case "$b" in *.d) ;; *) "$b" "$TMP" ;; esac
done

# Cold start to the first presented frame, the whole process, all content loaded.
"$M" --db "$TMP/start.db" employees import tests/fixtures/kiosk/roster.csv >/dev/null
times=()
for i in $(seq 11); do
    t0=$(date +%s%N)
    "$M" --db "$TMP/start.db" --frames 1 >/dev/null 2>&1
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | sed -n 6p)
echo "cold start to first frame (--frames 1, whole process, median of 11): $((median / 1000)).$(( (median % 1000) / 100 )) ms (target < 60 ms)"
rss=$(/usr/bin/time -f %M "$M" --db "$TMP/start.db" --frames 1 2>&1 >/dev/null | tail -1)
echo "peak memory (max RSS, --frames 1): $((rss / 1024)) MB (target < 35 MB)"

# Idle CPU: the kiosk on its start screen for 10 seconds.
"$M" --db "$TMP/start.db" >/dev/null 2>&1 &
pid=$!
sleep 1
read -r -a s0 < "/proc/$pid/stat"
sleep 10
read -r -a s1 < "/proc/$pid/stat"
kill "$pid"; wait "$pid" 2>/dev/null
hz=$(getconf CLK_TCK)
ticks=$(( (s1[13] + s1[14]) - (s0[13] + s0[14]) ))
echo "idle CPU over 10 s: $(( ticks * 1000 / hz )) ms of CPU = $(( ticks * 100 * 100 / (hz * 10) / 100 )).$(( (ticks * 100 * 100 / (hz * 10)) % 100 ))% (target < 1%)"
