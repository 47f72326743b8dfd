#!/usr/bin/env bash
# pixel_compare.sh — a maintainer's check that a change to the screens draws the same pixels
# (issue 16): screenshots of the kiosk's screens by two binaries at the three sizes the screen
# tests use (1280×800, 1920×1080, portrait 800×1280), compared with ImageMagick's
# `compare -metric AE` (the number of pixels that differ) file by file, and a summary.
#
#   tests/pixel_compare.sh OLD_BINARY NEW_BINARY [OUT]   screenshots by both, then the compare
#   tests/pixel_compare.sh --compare DIR_A DIR_B         only the compare of two folders of PNGs
#
# Both binaries draw from copies of one record prepared once (with OLD): the same people,
# self-diagnoses, passed tests and the same signed pledge (its record code is random per
# signing, so a pledge signed in each run would differ). The quiz is left out: its questions are
# drawn with a seed from the clock, so no two runs show the same (the layout dump of
# test_sdl_screens covers it). OLD is run twice and a file that differs between those two runs
# is reported as noisy, not as a difference. Exit 0 when no file differs (noisy ones aside), 1 when some do, 2 on a failed run.
# Not part of `make test` (it takes a few minutes).
cd "$(dirname "$0")/.." || exit 2
export SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0
SIZES="1280x800 1920x1080 800x1280"

# compare DIR_A DIR_B [NOISE_DIR]: per file the differing pixel count, then a summary line per
# size (the size is the file name's last part) and one for all.
compare_dirs() {
    local a=$1 b=$2 noise=$3 f name px size total=0 differ=0 noisy=0 missing=0
    declare -A files=() diffs=()
    for f in "$a"/*.png; do
        name=$(basename "$f")
        size=${name##*-}; size=${size%.png}
        files[$size]=$(( ${files[$size]:-0} + 1 ))
        if [ ! -e "$b/$name" ]; then
            echo "MISSING  $name"; missing=$((missing + 1)); continue
        fi
        px=$(compare -metric AE "$f" "$b/$name" null: 2>&1 >/dev/null)
        px=${px%% *}
        if [ -n "$noise" ] && [ "$(compare -metric AE "$f" "$noise/$name" null: 2>&1 >/dev/null | cut -d' ' -f1)" != 0 ]; then
            printf '%-10s %s (differs between two runs of the same binary)\n' "noisy:$px" "$name"
            noisy=$((noisy + 1)); continue
        fi
        printf '%-10s %s\n' "$px" "$name"
        total=$((total + 1))
        if [ "$px" != 0 ]; then differ=$((differ + 1)); diffs[$size]=$(( ${diffs[$size]:-0} + 1 )); fi
    done
    for size in "${!files[@]}"; do
        echo "size $size: ${files[$size]} screenshots, ${diffs[$size]:-0} differ"
    done | sort
    echo "summary: $total compared, $differ differ, $noisy noisy (left out), $missing missing"
    [ "$differ" = 0 ] && [ "$missing" = 0 ]
}

if [ "$1" = --compare ]; then
    compare_dirs "$2" "$3"
    exit
fi
[ $# -ge 2 ] || { sed -n '7,8p' "$0"; exit 2; }
OLD=$(realpath "$1") NEW=$(realpath "$2") OUT=${3:-$(mktemp -d)}
mkdir -p "$OUT"
export XDG_DATA_HOME=$OUT/xdg # the chain key of the records made here, not the user's
ROSTER=tests/fixtures/kiosk/roster.csv
"$OLD" answers > "$OUT/key.tsv" || exit 2

# ---- the record both binaries start from ----
pass_measure() { # MEASURE: the lesson read, five right answers
    printf 'tap measure-%s\nwait lesson\n' "$1"
    for _ in 1 2 3 4 5 6 7 8 9; do echo "key Right"; done
    printf 'tap next\nwait quiz\n'
    for _ in 1 2 3 4 5; do printf 'answer %s right\ntap submit\ntap submit\n' "$OUT/key.tsv"; done
    printf 'wait result\ntap done\nwait home\n'
}
sheet() { # FILE ITEMS WORD...: item,answer with the words in turn
    local f=$1 n=$2 i; shift 2
    local words=("$@")
    echo "item,answer" > "$f"
    for i in $(seq 1 "$n"); do echo "$i,${words[$(((i - 1) % ${#words[@]}))]}" >> "$f"; done
}
prepare() { # DIR
    local db=$1/prep.db
    "$OLD" --db "$db" employees import "$ROSTER" >/dev/null &&
        "$OLD" --db "$db" settings set company_name "株式会社まもり製作所" >/dev/null &&
        printf '73950418\n' | "$OLD" --db "$db" manager set-pin >/dev/null || return 1
    sheet "$1/d1.csv" 25 yes no 一部実施している
    sheet "$1/d2.csv" 25 yes 一部実施している 実施していない わからない
    sheet "$1/d3.csv" 25 yes yes 一部実施している
    sheet "$1/s1.csv" 16 yes 一部実施している
    {   # 0002 passes the five article tests and signs; 0003 passes them and does not sign
        echo "wait start"; echo "tap person-0002"; echo "tap confirm-yes"; echo "wait home"
        for m in 1 2 3 4 6; do pass_measure "$m"; done
        echo "tap pledge"; echo "wait pledge"
        for a in 1 2 3; do echo "tap article-$a"; done; echo "tap next"
        for a in 4 5; do echo "tap article-$a"; done; echo "tap next"
        for d in "260 440 330 330" "330 330 390 480" "400 470 480 350" "480 350 560 450" \
                 "600 420 700 340" "700 340 720 480" "760 400 900 390"; do echo "drag $d"; done
        echo "tap sign"; echo "wait certificate"; echo "tap done"; echo "wait home"; echo "tap signout"
        echo "wait start"; echo "tap person-0003"; echo "tap confirm-yes"; echo "wait home"
        for m in 1 2 3 4 6; do pass_measure "$m"; done
        echo "quit"
    } > "$1/prep.script"
    "$OLD" --db "$db" --script "$1/prep.script" || return 1
    for d in d1 d2 d3; do "$OLD" --db "$db" diagnosis import "$1/$d.csv" --by 0001 >/dev/null || return 1; done
    "$OLD" --db "$db" diagnosis import "$1/s1.csv" --by 0002 --self >/dev/null
}

# ---- the screenshots: SIZE's screens by BINARY into DIR, each file NAME-SIZE.png ----
shots_script() { # SIZE DIR
    local s=$1 o=$2 p
    echo "wait start"; echo "screenshot $o/01-start-$s.png"
    # the manager: Home, the company's self-diagnosis result and its history, a lesson
    echo "tap person-0001"; echo "screenshot $o/02-sign-in-card-$s.png"; echo "tap confirm-yes"; echo "wait home"
    echo "screenshot $o/03-home-$s.png"; echo "tap company-diagnosis"; echo "wait diag-result"
    echo "screenshot $o/04-diag-result-$s.png"; echo "tap items-next"; echo "screenshot $o/05-diag-result-more-$s.png"
    echo "tap history"; echo "screenshot $o/06-diag-history-$s.png"; echo "key Escape"; echo "wait home"
    echo "tap measure-3"; echo "wait lesson"; echo "screenshot $o/07-lesson-$s.png"
    echo "key Right"; echo "key Right"; echo "screenshot $o/08-lesson-checklist-$s.png"; echo "key Escape"
    echo "wait home"; echo "tap signout"; echo "wait start"
    # 0002: Home with the pledge signed, the certificate
    echo "tap person-0002"; echo "tap confirm-yes"; echo "wait home"; echo "screenshot $o/10-home-signed-$s.png"
    echo "tap certificate"; echo "wait certificate"; echo "screenshot $o/11-certificate-$s.png"
    echo "tap done"; echo "wait home"; echo "tap signout"; echo "wait start"
    # 0003 (English): Home ready to sign, every page of the pledge, the signing page with strokes
    echo "tap person-0003"; echo "tap confirm-yes"; echo "wait home"; echo "screenshot $o/12-home-can-sign-$s.png"
    echo "tap pledge"; echo "wait pledge"
    echo "tap article-1"; echo "screenshot $o/13-pledge-page1-$s.png"; echo "tap next"
    echo "screenshot $o/13-pledge-page2-$s.png"; echo "tap next" # two pages at each size
    echo "expect signature-pad"; echo "screenshot $o/14-pledge-sign-empty-$s.png"
    for d in "260 440 330 330" "330 330 390 480" "400 470 480 350" "480 350 560 450" \
             "600 420 700 340" "700 340 720 480" "760 400 900 390"; do echo "drag $d"; done
    echo "screenshot $o/15-pledge-sign-$s.png"
    echo "quit"
}
manager_script() { # SIZE DIR
    local s=$1 o=$2
    echo "wait start"; echo "tap manager"; echo "wait manager_pin"
    echo "text 7395"; echo "screenshot $o/20-manager-pin-$s.png"; echo "text 0418"; echo "key Return"
    echo "wait manager"; echo "screenshot $o/21-dashboard-$s.png"
    echo "tap tab-1"; echo "tap sort-3"; echo "screenshot $o/22-dashboard-people-$s.png"
    echo "tap tab-2"; echo "screenshot $o/23-dashboard-overdue-$s.png"
    echo "tap roster"; echo "wait roster"; echo "screenshot $o/24-roster-$s.png"
    echo "tap person-0003"; echo "wait person_card"; echo "screenshot $o/25-person-card-$s.png"
    echo "key Escape"; echo "wait roster"; echo "key Escape"; echo "wait manager"
    echo "tap settings"; echo "wait settings"; echo "screenshot $o/26-settings-$s.png"
    echo "key Escape"; echo "wait manager"; echo "tap export"; echo "wait export"
    echo "screenshot $o/27-export-$s.png"; echo "quit"
}
setup_script() { # SIZE DIR: the first start on an empty record
    local s=$1 o=$2
    echo "wait start"; echo "screenshot $o/30-first-start-$s.png"; echo "tap setup"; echo "wait setup"
    echo "text 株式会社まもり製作所"; echo "screenshot $o/31-setup-company-$s.png"; echo "key Return"
    echo "text 2468"; echo "screenshot $o/32-setup-pin-$s.png"; echo "key Return"; echo "text 2468"
    echo "key Return"; echo "screenshot $o/33-setup-people-$s.png"; echo "quit"
}
shoot() { # BINARY DIR
    local m=$1 o=$2 s job run
    mkdir -p "$o"
    for s in $SIZES; do
        for job in shots manager setup; do
            run=$(mktemp -d "$OUT/run-XXXXXX")
            [ "$job" = setup ] || cp "$OUT/prep/prep.db" "$run/t.db"
            "${job}_script" "$s" "$o" > "$run/script"
            "$m" --db "$run/t.db" --size "$s" --script "$run/script" >/dev/null ||
                { echo "pixel_compare: $m $job at $s failed" >&2; return 1; }
            rm -rf "$run"
        done
    done
}

mkdir -p "$OUT/prep"
prepare "$OUT/prep" || { echo "pixel_compare: preparing the record failed" >&2; exit 2; }
shoot "$OLD" "$OUT/old" && shoot "$OLD" "$OUT/old-again" && shoot "$NEW" "$OUT/new" || exit 2
echo "old: $OLD"; echo "new: $NEW"; echo "shots: $OUT"
compare_dirs "$OUT/old" "$OUT/new" "$OUT/old-again"
