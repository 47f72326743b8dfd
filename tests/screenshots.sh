#!/usr/bin/env bash
# screenshots.sh — `make screenshots`: renders each screen of the kiosk at 1280×800 (offscreen,
# the same pixels as a real window on the software renderer) into docs/screenshots/*.png; the
# manager's screens also in portrait 800×1280 (*-portrait.png).
cd "$(dirname "$0")/.." || exit 2
export SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0
M=${MAMORI:-$PWD/build/rel/mamori}
OUT=${SHOTS_OUT:-$PWD/docs/screenshots}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
DB=$TMP/shots.db
"$M" --db "$DB" employees import tests/fixtures/kiosk/roster.csv >/dev/null || exit 1
"$M" --db "$DB" settings set company_name "株式会社まもり製作所" >/dev/null || exit 1
"$M" answers > "$TMP/key.tsv" || exit 1
{
    echo "wait start"; echo "screenshot $OUT/01-start.png"
    echo "tap person-0001"; echo "tap confirm-yes"; echo "wait home"; echo "screenshot $OUT/02-home.png"
    echo "tap measure-2"; echo "wait lesson"; echo "screenshot $OUT/03-lesson.png"
    echo "key Right"; echo "key Right"; echo "screenshot $OUT/04-lesson-checklist.png"
    for _ in 1 2 3 4 5; do echo "key Right"; done
    echo "tap next"; echo "wait quiz"; echo "screenshot $OUT/05-question.png"
    echo "answer $TMP/key.tsv wrong"; echo "tap submit"; echo "screenshot $OUT/06-feedback.png"
    echo "tap submit"
    for _ in 1 2 3 4; do printf 'answer %s right\ntap submit\ntap submit\n' "$TMP/key.tsv"; done
    echo "wait result"; echo "screenshot $OUT/07-result.png"
    echo "tap done"; echo "wait home"; echo "tap lang"; echo "screenshot $OUT/08-home-english.png"
    echo "tap lang"; echo "tap text-size"; echo "screenshot $OUT/13-home-larger-text.png"
    echo "tap measure-2"; echo "wait lesson"; echo "key Right"; echo "key Right"
    echo "screenshot $OUT/14-lesson-larger-text.png"; echo "key Right"; echo "screenshot $OUT/15-lesson-larger-text-part2.png"
    echo "tap home"; echo "wait home"; echo "tap text-size"; echo "quit"
} > "$TMP/shots.script"
"$M" --db "$DB" --script "$TMP/shots.script" || exit 1

# The pledge: 0002 passes the five article tests, confirms each article, signs, sees the
# certificate (the pages split 3 + 2 articles at 1280×800).
pass_measure() {
    printf 'tap measure-%s\nwait lesson\n' "$1"
    for _ in 1 2 3 4 5 6 7 8 9; do echo "key Right"; done
    printf 'tap next\nwait quiz\n'
    for _ in 1 2 3 4 5; do printf 'answer %s right\ntap submit\ntap submit\n' "$TMP/key.tsv"; done
    printf 'wait result\ntap done\nwait home\n'
}
{
    echo "wait start"; echo "tap person-0002"; echo "tap confirm-yes"; echo "wait home"
    for m in 1 2 3 4 6; do pass_measure "$m"; done
    echo "screenshot $OUT/09-home-pledge.png"
    echo "tap pledge"; echo "wait pledge"; echo "screenshot $OUT/10-pledge.png"
    for a in 1 2 3; do echo "tap article-$a"; done; echo "tap next"
    for a in 4 5; do echo "tap article-$a"; done; echo "tap next"
    for d in "260 440 330 330" "330 330 390 480" "400 470 480 350" "480 350 560 450" "600 420 700 340" \
             "700 340 720 480" "760 400 900 390"; do echo "drag $d"; done
    echo "screenshot $OUT/11-pledge-sign.png"
    echo "tap sign"; echo "wait certificate"; echo "screenshot $OUT/12-certificate.png"
    echo "quit"
} > "$TMP/pledge.script"
"$M" --db "$DB" --script "$TMP/pledge.script" || exit 1

# Issue 18's states, in Japanese (0001) and English (0003), at 1280×800 and 800×1280: the sign-in
# card, テストだけ受ける, a question not answered yet (why 回答する waits), each answer's feedback,
# 中断する's question, the result with the questions missed, the idle countdown.
flow_shots() { # SUFFIX PERSON LANG-TAP
    echo "wait start"; [ -n "$3" ] && echo "tap lang"
    echo "tap person-$2"; echo "screenshot $OUT/30-sign-in-card$1.png"; echo "tap confirm-yes"; echo "wait home"
    echo "tap measure-3"; echo "wait lesson"
    for _ in 1 2 3 4 5 6 7 8 9; do echo "key Right"; done
    echo "tap next"; echo "wait quiz"
    for i in 1 2 3 4 5; do
        echo "screenshot $OUT/31-question-$i$1.png"; echo "answer $TMP/key.tsv wrong"; echo "tap submit"
        echo "screenshot $OUT/32-feedback-$i$1.png"; echo "tap submit"
    done
    echo "wait result"; echo "screenshot $OUT/33-result-missed$1.png"; echo "tap done"; echo "wait home"
    echo "tap measure-3"; echo "wait lesson"; echo "screenshot $OUT/34-lesson-test-only$1.png"
    echo "tap test-only"; echo "wait quiz"; echo "answer $TMP/key.tsv right"; echo "tap submit"; echo "tap submit"
    echo "tap stop"; echo "screenshot $OUT/35-quiz-stop$1.png"; echo "tap stop-no"
    echo "advance 101"; echo "wait idle"; echo "screenshot $OUT/36-idle$1.png"; echo "tap continue"; echo "wait quiz"
    echo "tap stop"; echo "tap stop-yes"; echo "wait home"
    echo "tap measure-3"; echo "wait lesson"; echo "screenshot $OUT/37-lesson-resume$1.png"; echo "quit"
}
for size in 1280x800 800x1280; do
    tag=$([ "$size" = 800x1280 ] && echo "-portrait")
    FDB=$TMP/flow$tag.db
    "$M" --db "$FDB" employees import tests/fixtures/kiosk/roster.csv >/dev/null || exit 1
    flow_shots "$tag" 0001 "" > "$TMP/flow.script"
    "$M" --db "$FDB" --size "$size" --script "$TMP/flow.script" || exit 1
    flow_shots "$tag-en" 0003 lang > "$TMP/flow-en.script"
    "$M" --db "$FDB" --size "$size" --script "$TMP/flow-en.script" || exit 1
done

# The manager: PIN, the dashboard's three views, roster, settings, export, at 1280×800 and
# portrait 800×1280 (by then 0001 and 0002 have learnt something, 0002 has signed).
printf '73950418\n' | "$M" --db "$DB" manager set-pin >/dev/null || exit 1
manager_shots() { # SUFFIX
    echo "wait start"; echo "tap manager"; echo "wait manager_pin"
    echo "text 7395"; echo "screenshot $OUT/20-manager-pin$1.png"; echo "text 0418"; echo "key Return"
    echo "wait manager"; echo "screenshot $OUT/21-dashboard$1.png"
    echo "tap tab-1"; echo "tap sort-3"; echo "screenshot $OUT/22-dashboard-people$1.png"
    echo "tap tab-2"; echo "screenshot $OUT/23-dashboard-overdue$1.png"
    echo "tap roster"; echo "wait roster"; echo "screenshot $OUT/24-roster$1.png"
    echo "tap person-0003"; echo "wait person_card"; echo "screenshot $OUT/25-person-card$1.png"
    echo "tap edit"; echo "wait person"; echo "tap field-kana"; echo "screenshot $OUT/25-person$1.png"
    echo "key Escape"; echo "wait person_card"; echo "key Escape"; echo "wait roster"
    echo "key Escape"; echo "wait manager"
    echo "tap settings"; echo "wait settings"; echo "screenshot $OUT/26-settings$1.png"
    echo "key Escape"; echo "wait manager"; echo "tap export"; echo "wait export"
    echo "screenshot $OUT/27-export$1.png"; echo "quit"
}
manager_shots "" > "$TMP/manager.script"
"$M" --db "$DB" --script "$TMP/manager.script" || exit 1
manager_shots "-portrait" > "$TMP/manager-portrait.script"
"$M" --db "$DB" --size 800x1280 --script "$TMP/manager-portrait.script" || exit 1

# The first run on a fresh record: the start screen, the three steps of the set-up.
setup_shots() { # SUFFIX
    echo "wait start"; echo "screenshot $OUT/30-first-start$1.png"; echo "tap setup"; echo "wait setup"
    echo "text 株式会社まもり製作所"; echo "screenshot $OUT/31-setup-company$1.png"; echo "key Return"
    echo "text 2468"; echo "screenshot $OUT/32-setup-pin$1.png"; echo "key Return"; echo "text 2468"; echo "key Return"
    echo "screenshot $OUT/33-setup-people$1.png"; echo "quit"
}
setup_shots "" > "$TMP/setup.script"
"$M" --db "$TMP/setup1.db" --script "$TMP/setup.script" || exit 1
setup_shots "-portrait" > "$TMP/setup-portrait.script"
"$M" --db "$TMP/setup2.db" --size 800x1280 --script "$TMP/setup-portrait.script" || exit 1
ls "$OUT"
