#!/usr/bin/env bash
# bench/run.sh — prints mamori's performance figures (nothing is asserted: targets are in
# DESIGN.md). Run through `make bench`.
cd "$(dirname "$0")/.." || exit 2
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen} SDL_RENDER_DRIVER=${SDL_RENDER_DRIVER:-software}
export SDL_FRAMEBUFFER_ACCELERATION=0 SDL_AUDIODRIVER=dummy
M=$PWD/build/rel/mamori
TMP=$(mktemp -d)
# PostgreSQL beside SQLite, on the same machine over the local socket: a throw-away server
# (tests/pg_cluster.sh) with fsync on, as a real one. Each benchmark gets an empty database as
# its second argument (those that do not use it ignore it).
. tests/pg_cluster.sh
trap 'pg_cluster_stop; rm -rf "$TMP"' EXIT
PG_CLUSTER_FSYNC=on pg_cluster_start || echo "(no PostgreSQL server: PostgreSQL figures skipped)"
export XDG_DATA_HOME=$TMP/xdg # the kiosk-id of this machine
# The scale record's chain key: a file kept beside the record (bench_scale makes both), so that a
# later run verifies the record it kept with the key that made it. Only the scale record uses it.
SCALE_KEY=$PWD/build/rel/bench/scale.key

n=0
for b in build/rel/bench/bench_*; do
    [ -x "$b" ] || continue
    case "$b" in *.d) continue ;; esac
    n=$((n + 1))
    key=
    case "$b" in */bench_scale) key=$SCALE_KEY ;; esac
    if [ -n "${MAMORI_TEST_PG:-}" ]; then MAMORI_KEY=$key "$b" "$TMP" "$(pg_newdb "bench_$n")"
    else MAMORI_KEY=$key "$b" "$TMP"; fi
done

# Scale (issue 15): the record bench_scale made (10,000 people, 1,010,000 records, kept in
# build/rel/bench/scale.db), each verb as a whole process: wall time and peak memory (max RSS)
# from /usr/bin/time. Targets: verify < 5 s, every report < 3 s and < 64 MB, kiosk start < 100 ms.
SCALE=build/rel/bench/scale.db
timed() { # LABEL TARGET CMD...: prints "LABEL: S s, peak N MB (target)"
    local label=$1 target=$2
    shift 2
    local out
    # The disk settles first (the 1.2 GB copy of the scale record is still being written back for
    # a while): each figure is the verb's own, not the write-back's it would wait behind.
    sync
    # GNU time's report goes to a file of its own: the command's output and errors are dropped
    /usr/bin/time -f '%e %M' -o "$TMP/time.out" "$@" >/dev/null 2>&1 || echo "$label: the command failed (exit $?)"
    out=$(tail -1 "$TMP/time.out")
    echo "$label: ${out% *} s, peak memory $(( ${out#* } / 1024 )) MB (target $target)"
}
if [ -f "$SCALE" ]; then
    export MAMORI_KEY=$SCALE_KEY
    cp "$SCALE" "$TMP/scale.db"
    timed "scale: mamori verify (1,010,000 records)" "< 5 s" "$M" --db "$TMP/scale.db" verify
    for f in json csv html xlsx; do
        timed "scale: mamori report --format $f (10,000 people)" "< 3 s, < 64 MB" \
            "$M" --db "$TMP/scale.db" report --format "$f" --out "$TMP/scale.$f"
    done
    timed "scale: kiosk start to first frame (--frames 1)" "< 0.1 s" "$M" --db "$TMP/scale.db" --frames 1
    # The manager's PIN to the loaded dashboard at the kiosk, scripted: the longest frame meanwhile
    # (the dashboard's figures are read while the PIN is typed, the PIN's check runs off the frame
    # loop; target < 100 ms), the time from 入る to the dashboard with its figures (target < 1 s; the
    # script types the PIN once the figures are read, as a person typing for a second or more) and
    # the whole run.
    printf '51873206\n' | "$M" --db "$TMP/scale.db" manager set-pin >/dev/null
    {
        echo "wait start"; echo "tap manager"; echo "wait manager_pin"; echo "frames-under 100000"
        for k in 5 1 8 7 3 2 0 6; do echo "touch pin-$k"; done
        echo "stopwatch"; echo "touch pin-ok"; echo "wait manager"; echo "expect 人 ・ 修了"
        echo "stopwatch PIN to dashboard"; echo "frames-under 100000"; echo "quit"
    } >"$TMP/dashboard.script"
    t0=$(date +%s%N)
    if "$M" --db "$TMP/scale.db" --script "$TMP/dashboard.script" >/dev/null 2>"$TMP/dashboard.err"; then
        t1=$(date +%s%N)
        echo "scale: kiosk PIN to loaded dashboard (10,000 people): longest frame meanwhile" \
            "$(grep 'longest frame' "$TMP/dashboard.err" | tail -1 | grep -o '[0-9]* ms') (target < 100 ms);" \
            "入る to the dashboard with its figures $(grep 'PIN to dashboard' "$TMP/dashboard.err" | grep -o '[0-9]* ms')" \
            "(target < 1 s); the whole scripted run $(( (t1 - t0) / 1000000 )) ms"
    else
        echo "scale: the dashboard script failed: $(tail -1 "$TMP/dashboard.err")"
    fi
    unset MAMORI_KEY
    rm -f "$TMP/scale.db"*
fi
# Roster import: 200,000 people from one CSV into an empty database (target < 5 s).
awk 'BEGIN { print "code,name,kana,department"; for (i = 1; i <= 200000; i++)
             printf "%06d,社員 %d,シャイン %d,部署 %d\n", i, i, i, i % 40 }' >"$TMP/roster200k.csv"
timed "roster import of 200,000 people (employees import, empty database)" "< 5 s" \
    "$M" --db "$TMP/roster.db" employees import "$TMP/roster200k.csv"

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
if [ -n "${MAMORI_TEST_PG:-}" ]; then
    PG=$(pg_newdb bench_start)
    "$M" --db "$PG" employees import tests/fixtures/kiosk/roster.csv >/dev/null
    times=()
    for i in $(seq 11); do
        t0=$(date +%s%N)
        "$M" --db "$PG" --frames 1 >/dev/null 2>&1
        t1=$(date +%s%N)
        times+=($(( (t1 - t0) / 1000 )))
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 6p)
    echo "cold start to first frame on PostgreSQL (local socket, median of 11): $((median / 1000)).$(( (median % 1000) / 100 )) ms (target < 60 ms)"
fi
rss=$(/usr/bin/time -f %M "$M" --db "$TMP/start.db" --frames 1 2>&1 >/dev/null | tail -1)
echo "peak memory (max RSS, --frames 1): $((rss / 1024)) MB (target < 35 MB)"

# Idle CPU: the kiosk on its start screen for 10 seconds, in a real X11 window (Xvfb), where
# SDL_WaitEventTimeout sleeps on the X connection. (SDL's offscreen test driver has no such wait
# and polls every millisecond, so it is not a fair place to measure idling.)
idle_cpu() { # DISPLAY-or-empty
    if [ -n "$1" ]; then env -u SDL_VIDEODRIVER -u SDL_FRAMEBUFFER_ACCELERATION DISPLAY="$1" "$M" --db "$TMP/start.db" >/dev/null 2>&1 &
    else "$M" --db "$TMP/start.db" >/dev/null 2>&1 &
    fi
    local pid=$!
    sleep 1
    read -r -a s0 < "/proc/$pid/stat"
    sleep 10
    read -r -a s1 < "/proc/$pid/stat"
    kill "$pid"; wait "$pid" 2>/dev/null
    local hz ticks
    hz=$(getconf CLK_TCK)
    ticks=$(( (s1[13] + s1[14]) - (s0[13] + s0[14]) ))
    echo "$(( ticks * 1000 / hz )) ms of CPU in 10 s = $(( ticks * 1000 / (hz * 10) / 10 )).$(( ticks * 1000 / (hz * 10) % 10 ))%"
}
if command -v Xvfb >/dev/null; then
    Xvfb :96 -screen 0 1280x800x24 >/dev/null 2>&1 &
    xpid=$!
    sleep 1
    echo "idle CPU, X11 window on the start screen: $(idle_cpu :96) (target < 1%)"
    kill "$xpid"
fi
echo "idle CPU, offscreen test driver (polls, for comparison): $(idle_cpu "")"

# Software against OpenGL rendering in a real X11 window (Xvfb; OpenGL is Mesa's llvmpipe, as on
# a PC without a GPU): start to first frame and peak memory. The default is software.
if command -v Xvfb >/dev/null; then
    Xvfb :97 -screen 0 1280x800x24 >/dev/null 2>&1 &
    xpid=$!
    sleep 1
    for drv in software opengl; do
        best=999999; rss=0
        for i in 1 2 3 4 5; do
            t0=$(date +%s%N)
            r=$(env -u SDL_VIDEODRIVER -u SDL_FRAMEBUFFER_ACCELERATION DISPLAY=:97 SDL_RENDER_DRIVER=$drv \
                /usr/bin/time -f %M "$M" --db "$TMP/start.db" --frames 1 2>&1 >/dev/null | tail -1)
            t=$(( ($(date +%s%N) - t0) / 1000 ))
            [ "$t" -lt "$best" ] && best=$t
            rss=$r
        done
        echo "X11 window, $drv renderer: first frame in $((best / 1000)) ms (best of 5), peak memory $((rss / 1024)) MB"
    done
    kill "$xpid"
fi
