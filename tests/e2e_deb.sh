#!/usr/bin/env bash
# e2e_deb.sh — `make deb` gives a real Debian package: lintian clean (make fails otherwise), its
# dependencies resolve on this machine (apt's own simulation of `apt install ./mamori_*.deb`), and
# the program as packaged works from where the package puts it: it finds its content and assets
# beside itself, checks the shipped content, and starts the kiosk (headless) on a new record.
cd "$(dirname "$0")/.." || exit 2
. tests/lib_e2e.sh

VERSION=$(sed -n 's/^VERSION := //p' Makefile)
make --no-print-directory deb-package DEB_DIR="$TMP/deb" >"$TMP/build.log" 2>&1
rc=$?
[ "$rc" -eq 0 ] || tail -20 "$TMP/build.log" | sed 's/^/  | /'
check "make deb builds the package and lintian passes it" test "$rc" -eq 0
DEB=$(ls "$TMP"/deb/mamori_"$VERSION"_*.deb 2>/dev/null | head -1)
[ -n "$DEB" ] || fail_now "no .deb in $TMP/deb"

depends=$(dpkg-deb -f "$DEB" Depends)
check "Depends names SDL2 from the shared libraries" grep -q "libsdl2-2.0-0" <<<"$depends"
check "Depends names the Japanese font" grep -q "fonts-noto-cjk" <<<"$depends"
check "Depends names libpq, libsodium, libcurl" bash -c "grep -q libpq5 <<<'$depends' && grep -q libsodium <<<'$depends' && grep -q libcurl <<<'$depends'"
check "apt install ./mamori.deb resolves on this machine" apt-get install -s -q "$DEB"

dpkg-deb -x "$DEB" "$TMP/root" || fail_now "dpkg-deb -x"
BIN=$TMP/root/usr/bin/mamori
for f in usr/share/mamori/content/pledge.yaml usr/share/mamori/assets usr/share/mamori/mamori-kiosk-session \
    usr/share/applications/mamori.desktop usr/share/man/man1/mamori.1.gz; do
    check "the package holds /$f" test -e "$TMP/root/$f"
done
check "the content is the shipped content" diff -r content "$TMP/root/usr/share/mamori/content"
cd "$TMP" || exit 2 # away from the source tree: the program must find its files beside itself
check "mamori --version says $VERSION" bash -c "'$BIN' --version | grep -qx 'mamori $VERSION'"
check "it checks the content it ships with" "$BIN" check
check "it makes a record and verifies it" bash -c "'$BIN' --db '$TMP/k.db' employees import '$OLDPWD/tests/fixtures/kiosk/roster.csv' && '$BIN' --db '$TMP/k.db' verify"
printf 'wait start\nexpect 社員番号\nquit\n' >"$TMP/start.script"
"$BIN" --db "$TMP/k.db" --size 1280x800 --script "$TMP/start.script" >"$TMP/kiosk.log" 2>&1
rc=$?
[ "$rc" -eq 0 ] || sed 's/^/  | /' "$TMP/kiosk.log"
check "the packaged kiosk starts and shows the start screen" test "$rc" -eq 0
cd "$OLDPWD" || exit 2
finish
