#!/usr/bin/env bash
# screenshots.sh — `make screenshots`: renders each screen of the kiosk at 1280×800 (offscreen,
# the same pixels as a real window on the software renderer) into docs/screenshots/*.png.
cd "$(dirname "$0")/.." || exit 2
export SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0
M=${MAMORI:-$PWD/build/rel/mamori}
OUT=$PWD/docs/screenshots
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
DB=$TMP/shots.db
"$M" --db "$DB" employees import tests/fixtures/kiosk/roster.csv >/dev/null || exit 1
"$M" --db "$DB" settings set company_name "株式会社まもり製作所" >/dev/null || exit 1
"$M" answers > "$TMP/key.tsv" || exit 1
{
    echo "wait start"; echo "screenshot $OUT/01-start.png"
    echo "tap person-0001"; echo "wait home"; echo "screenshot $OUT/02-home.png"
    echo "tap measure-2"; echo "wait lesson"; echo "screenshot $OUT/03-lesson.png"
    echo "key Right"; echo "key Right"; echo "screenshot $OUT/04-lesson-checklist.png"
    for _ in 1 2 3 4 5; do echo "key Right"; done
    echo "tap next"; echo "wait quiz"; echo "screenshot $OUT/05-question.png"
    echo "answer $TMP/key.tsv wrong"; echo "tap submit"; echo "screenshot $OUT/06-feedback.png"
    echo "tap submit"
    for _ in 1 2 3 4; do printf 'answer %s right\ntap submit\ntap submit\n' "$TMP/key.tsv"; done
    echo "wait result"; echo "screenshot $OUT/07-result.png"
    echo "tap done"; echo "wait home"; echo "tap lang"; echo "screenshot $OUT/08-home-english.png"
    echo "quit"
} > "$TMP/shots.script"
"$M" --db "$DB" --script "$TMP/shots.script" || exit 1
ls "$OUT"
