#!/usr/bin/env bash
# e2e_session.sh — the kiosk PC's session script (packaging/mamori-kiosk-session, started by the
# kiosk user's autostart entry) starts mamori in kiosk mode, starts it again after a crash or a
# kill, and ends when mamori ends normally (the manager's キオスク終了, exit 0). mamori is played
# by a stand-in that records its arguments and exits as told, once per start.
cd "$(dirname "$0")/.." || exit 2
. tests/lib_e2e.sh

cat >"$TMP/mamori" <<'EOS'
#!/bin/sh
echo "$*" >>"$STATE/args"
n=$(wc -l <"$STATE/args")
code=$(sed -n "${n}p" "$STATE/exits")
[ "$code" = kill ] && kill -9 $$
exit "${code:-0}"
EOS
chmod +x "$TMP/mamori"
export STATE=$TMP MAMORI_BIN=$TMP/mamori
printf '3\nkill\n0\n' >"$TMP/exits" # a crash, a kill -9, then the manager ends the kiosk
timeout 30 packaging/mamori-kiosk-session --size 1280x800 >/dev/null 2>&1
rc=$?
check "the session ends when mamori ends with 0" test "$rc" -eq 0
check "mamori was started three times (after a crash and after a kill)" test "$(wc -l <"$TMP/args")" -eq 3
check "each time in kiosk mode, with the session's arguments" test "$(sort -u "$TMP/args")" = "--kiosk --size 1280x800"
check "the autostart entry starts the session script" grep -qx "Exec=/usr/share/mamori/mamori-kiosk-session" packaging/mamori-kiosk.desktop

check "the autostart entry is a valid desktop entry" desktop-file-validate packaging/mamori-kiosk.desktop
check "the menu entry is a valid desktop entry" desktop-file-validate packaging/mamori.desktop
finish
