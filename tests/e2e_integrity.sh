#!/usr/bin/env bash
# e2e_integrity.sh — the record's integrity and privacy from the real binary (issue 15): files
# 0600 and folders 0700 whatever the umask (the chain key and the witness too); the derived tables
# checked against their events both ways; cutting the tail and appending a forged record (done
# with sqlite3, as an attacker would) caught by verify (exit 3), by the HTML report (at its top,
# exit 3) and by a writer (which refuses to write); a printed anchor checked with --anchor; the
# read-only verbs on a read-only copy (as nobody) and on a full disk; a 0-byte file refused.
cd "$(dirname "$0")/.." || exit 2
. tests/lib_e2e.sh
export XDG_DATA_HOME=$TMP/xdg # this machine's chain key

m() { "$MAMORI" --db "$DB" "$@"; }
mode_is() { [ "$(stat -c %a "$2")" = "$1" ] || { echo "  $2: $(stat -c %a "$2"), expected $1" >&2; return 1; }; }

# ---- private by default, with umask 000 ----
umask 000
m employees import tests/fixtures/kiosk/roster.csv >/dev/null || fail_now "roster import"
m settings set idle_timeout 90 >/dev/null || fail_now "a setting"
check "the database is 0600" mode_is 600 "$DB"
m report --format html --out "$TMP/report.html" >/dev/null
check "an HTML report is 0600" mode_is 600 "$TMP/report.html"
m report --format xlsx --out "$TMP/report.xlsx" >/dev/null
check "an XLSX report is 0600" mode_is 600 "$TMP/report.xlsx"
m report --format csv --out "$TMP/report.csv" >/dev/null
check "a CSV report is 0600" mode_is 600 "$TMP/report.csv"
m pledges export --out "$TMP/pledges" >/dev/null
check "the pledge folder is 0700" mode_is 700 "$TMP/pledges"
check "its index is 0600" mode_is 600 "$TMP/pledges/index.html"
m export --out "$TMP/ev" >/dev/null
check "the evidence folder is 0700" mode_is 700 "$TMP/ev"
bad=$(find "$TMP/ev" \( -type f ! -perm 600 \) -o \( -type d ! -perm 700 \) | head -3)
check "every file in it is 0600 and every folder 0700 ($bad)" test -z "$bad"
check "the chain key is 0600" mode_is 600 "$XDG_DATA_HOME/mamori/chain.key"
check "the witness is 0600" mode_is 600 "$DB.witness"
umask 022

# ---- the derived tables, both ways ----
check "the record verifies" status_is 0 m verify
cp "$DB" "$TMP/good.db"
cp "$DB.witness" "$TMP/good.witness"
sql "DELETE FROM settings" >/dev/null
m verify >/dev/null 2>"$TMP/err"
check "a deleted settings row is caught" grep -q "missing from the settings table" "$TMP/err"
restore() { cp "$TMP/good.db" "$DB"; cp "$TMP/good.witness" "$DB.witness"; rm -f "$DB-wal" "$DB-shm"; }

# ---- SQLite's own check: quick_check by default, integrity_check with --thorough ----
restore
check "verify --thorough on the intact record" status_is 0 m verify --thorough
check "verify --help names --thorough" bash -c "'$MAMORI' verify --help | grep -q -- --thorough"
sql "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'kana, code', 'code, kana')
     WHERE name = 'employees_order'" >/dev/null
m verify --thorough >/dev/null 2>"$TMP/err"; rc=$?
check "an index that no longer matches its table: verify --thorough exits 3" test "$rc" -eq 3
check "and says the file is damaged" grep -q "database file is damaged (SQLite's integrity check" "$TMP/err"
restore

# ---- the anchor on the printed report, then the tail cut off ----
restore
m report --format html --out "$TMP/before.html" >/dev/null
anchor=$(sed -n 's/.*id="anchor">\([0-9]*:[0-9a-f]*\)<.*/\1/p' "$TMP/before.html")
check "the HTML report carries the anchor" test -n "$anchor"
check "verify --anchor accepts it" status_is 0 m verify --anchor "$anchor"
check "a malformed anchor is a usage error" status_is 2 m verify --anchor 12:xyz
n=$(sql "SELECT max(seq) FROM events")
sql "PRAGMA foreign_keys = OFF; DELETE FROM settings WHERE seq = $n; DELETE FROM events WHERE seq = $n" >/dev/null
m verify >/dev/null 2>"$TMP/err"; rc=$?
check "a cut tail: verify exits 3" test "$rc" -eq 3
check "and says the last records were cut off" grep -q "cut off" "$TMP/err"
m report --format html --out "$TMP/broken.html" >/dev/null 2>&1; rc=$?
check "the HTML report of a broken record exits 3" test "$rc" -eq 3
first=$(grep -o 'class="broken"\|<section\|<h2' "$TMP/broken.html" | head -1)
check "and says so at the top of its first page" test "$first" = 'class="broken"'
# the chain is checked on a thread of its own beside the figures: the XLSX says it as well
m report --format xlsx --out "$TMP/broken.xlsx" >/dev/null 2>"$TMP/err"; rc=$?
check "the XLSX report of a broken record exits 3" test "$rc" -eq 3
check "and the error line says the report says so" grep -q "does not verify: record $n: .*(the report says so at its top)" "$TMP/err"
check "its summary sheet says which record fails" bash -c "unzip -p '$TMP/broken.xlsx' xl/sharedStrings.xml | grep -q '記録 $n に問題'"
# the JSON and CSV reports do not show the chain, but a script learns from the exit code
for f in json csv; do
    m report --format $f --out "$TMP/broken.$f" >/dev/null 2>"$TMP/err"; rc=$?
    check "the ${f^^} report of a broken record exits 3" test "$rc" -eq 3
    check "and is written, the error line says so" bash -c "test -s '$TMP/broken.$f' && grep -q 'does not verify: record $n: .*the report was written' '$TMP/err'"
done
m employees import tests/fixtures/kiosk/roster.csv >/dev/null 2>"$TMP/err"; rc=$?
check "a writer refuses the cut record" test "$rc" -eq 1
check "and says why" grep -q "cut off; nothing was written" "$TMP/err"
check "it wrote nothing" test "$(sql "SELECT max(seq) FROM events")" -eq $((n - 1))
rm "$DB.witness" # the witness gone too: the printed anchor still tells
check "without the witness the anchor catches the cut" status_is 3 m verify --anchor "$anchor"

# ---- a forged record appended, its SHA-256 recomputed ----
restore
python3 - "$DB" <<'PY'
import hashlib, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
seq, uuid, t, kiosk, typ, cv, payload, h = c.execute(
    "SELECT seq, uuid, time, kiosk, type, content_version, payload, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
f = [h, str(seq + 1), "forged-" + uuid, str(t + 60), kiosk, typ, cv, payload.replace("90", "600")]
new = hashlib.sha256(b"".join(x.encode() + b"\0" for x in f)).hexdigest()
c.execute("INSERT INTO events VALUES(?,?,?,?,?,?,?,?,?)", (seq + 1, f[2], t + 60, kiosk, typ, cv, f[7], h, new))
c.execute("UPDATE settings SET value = '600', seq = ? WHERE key = 'idle_timeout'", (seq + 1,))
c.commit()
PY
m verify >/dev/null 2>"$TMP/err"; rc=$?
check "a forged record: verify exits 3" test "$rc" -eq 3
check "and names it" grep -q "record $((n + 1)): its contents do not match its hash" "$TMP/err"
check "a writer refuses it" status_is 1 m settings set idle_timeout 120

# ---- the seal stripped and every record chained again as plain SHA-256, one deleted ----
# (whoever holds the file but not the key): the witness beside it saw another first record
restore
python3 - "$DB" <<'PY'
import hashlib, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA foreign_keys = OFF")
c.execute("DELETE FROM meta WHERE key LIKE 'chain_keyed%'")
last = c.execute("SELECT max(seq) FROM events").fetchone()[0]
c.execute("DELETE FROM settings WHERE seq = ?", (last,))
c.execute("DELETE FROM events WHERE seq = ?", (last,))
prev = "0" * 64
for seq, u, t, k, ty, cv, p in c.execute(
        "SELECT seq, uuid, time, kiosk, type, content_version, payload FROM events ORDER BY seq").fetchall():
    h = hashlib.sha256(b"".join(x.encode() + b"\0" for x in [prev, str(seq), u, str(t), k, ty, cv, p])).hexdigest()
    c.execute("UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, h, seq))
    prev = h
c.commit()
PY
m verify >/dev/null 2>"$TMP/err"; rc=$?
check "seal stripped, chained again as plain: verify exits 3" test "$rc" -eq 3
check "and says the first record is not the witness's" grep -q "not the first record its witness" "$TMP/err"
cp "$DB.witness" "$TMP/seen.witness"
m settings set idle_timeout 120 >/dev/null 2>"$TMP/err"; rc=$?
check "a writer refuses it (it would seal the forgery)" test "$rc" -eq 1
check "and says why" grep -q "its first record is not the one its witness" "$TMP/err"
check "the witness is kept as it was" cmp -s "$DB.witness" "$TMP/seen.witness"

# ---- a witness that cannot be read: verify says so, a writer does not replace it ----
restore
echo "not a witness" > "$DB.witness"
m verify >/dev/null 2>"$TMP/err"; rc=$?
check "an unreadable witness: verify exits 3" test "$rc" -eq 3
check "and says it cannot be read" grep -q "witness .* cannot be read" "$TMP/err"
check "a writer refuses to write over it" status_is 1 m settings set idle_timeout 120
check "the witness is kept as it was" grep -qx "not a witness" "$DB.witness"

# ---- reading only: a read-only copy, as nobody ----
restore
RO=$(mktemp -d /tmp/mamori-ro-XXXXXX)
mkdir "$RO/evidence" "$RO/out"
cp "$DB" "$RO/evidence/mamori.db"
cp "$XDG_DATA_HOME/mamori/chain.key" "$RO/kiosk.key" # the auditor is given the kiosk's key
chown 65534 "$RO/out" "$RO/kiosk.key"
chmod 0444 "$RO/evidence/mamori.db"; chmod 0555 "$RO/evidence"; chmod 0755 "$RO"
# nobody may not reach the clone (CI's may sit in a 0700 home): the program and its content are
# installed into the copy's folder as a package would lay them out (bin/, share/mamori/)
mkdir -p "$RO/bin" "$RO/share/mamori" && install -m 0755 "$MAMORI" "$RO/bin/mamori"
cp -r content assets "$RO/share/mamori/" && chmod -R a+rX "$RO/bin" "$RO/share"
RO_MAMORI=$RO/bin/mamori
as_nobody() { (cd "$RO" && setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/nonexistent LSAN_OPTIONS=detect_leaks=0 ASAN_OPTIONS=detect_leaks=0 MAMORI_KEY="$RO/kiosk.key" "$RO_MAMORI" --db "$RO/evidence/mamori.db" "$@"); }
check "verify on a read-only copy" status_is 0 as_nobody verify
check "report on a read-only copy" status_is 0 as_nobody report --format html --out "$RO/out/r.html"
as_nobody export --out "$RO/out/ev" >/dev/null 2>"$TMP/err"; rc=$?; [ "$rc" -eq 0 ] || sed "s/^/  | /" "$TMP/err"
check "export on a read-only copy" test "$rc" -eq 0
check "pledges export on a read-only copy" status_is 0 as_nobody pledges export --out "$RO/out/p"
check "xapi export on a read-only copy" status_is 0 as_nobody xapi export --out "$RO/out/x.json"
check "settings list on a read-only copy" status_is 0 as_nobody settings list
check "diagnosis show on a read-only copy" status_is 0 as_nobody diagnosis show
as_nobody db copy --from "$RO/evidence/mamori.db" --to "$RO/out/copy.db" >/dev/null 2>"$TMP/err"; rc=$?
[ "$rc" -eq 0 ] || sed "s/^/  | /" "$TMP/err"
check "db copy from a read-only copy" test "$rc" -eq 0
check "nothing was made beside the copy" test "$(ls -A "$RO/evidence")" = mamori.db
check "without the key: verify says it cannot check (exit 1)" \
    bash -c "cd '$RO' && setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/nonexistent LSAN_OPTIONS=detect_leaks=0 ASAN_OPTIONS=detect_leaks=0 '$RO_MAMORI' --db '$RO/evidence/mamori.db' verify 2>&1 >/dev/null | grep -q 'sealed with the chain key'; [ \${PIPESTATUS[0]} -eq 1 ]"
chmod 0755 "$RO/evidence"; rm -rf "$RO"

# ---- reading only: a full disk ----
FULL=$(mktemp -d /tmp/mamori-full-XXXXXX)
if mount -t tmpfs -o size=2m tmpfs "$FULL" 2>/dev/null; then
    cp "$DB" "$FULL/mamori.db"
    dd if=/dev/zero of="$FULL/filler" bs=4k 2>/dev/null
    check "the disk is full" test "$(df --output=avail "$FULL" | tail -1)" -eq 0
    check "verify on a full disk" status_is 0 "$MAMORI" --db "$FULL/mamori.db" verify
    check "report to stdout on a full disk" status_is 0 "$MAMORI" --db "$FULL/mamori.db" report --format csv
    umount "$FULL"
else
    echo "skip the full disk: cannot mount a tmpfs here (needs root)"
fi
rmdir "$FULL"

# ---- a damaged page met while reading (not only by SQLite's check): a finding, exit 3 ----
restore
cp "$DB" "$TMP/damaged.db"
python3 - "$TMP/damaged.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
root = c.execute("SELECT rootpage FROM sqlite_master WHERE name = 'employees'").fetchone()[0]
size = c.execute("PRAGMA page_size").fetchone()[0]
c.close()
with open(sys.argv[1], "r+b") as f: # the table's first page: its b-tree header says nothing SQLite knows
    f.seek((root - 1) * size)
    f.write(b"\x0b")
PY
"$MAMORI" --db "$TMP/damaged.db" verify >/dev/null 2>"$TMP/err"; rc=$?
[ "$rc" -eq 3 ] || sed "s/^/  | /" "$TMP/err"
check "a damaged table page: verify exits 3 (broken), not 1 (could not check)" test "$rc" -eq 3
check "and says the file is damaged" grep -q "the database file is damaged" "$TMP/err"

# ---- not a mamori database ----
: >"$TMP/empty.db"
for verb in verify "report --format json" "export --out $TMP/e0" "pledges export --out $TMP/p0"; do
    # shellcheck disable=SC2086
    "$MAMORI" --db "$TMP/empty.db" $verb >/dev/null 2>"$TMP/err"; rc=$?
    check "a 0-byte file: $verb refuses (exit 1)" test "$rc" -eq 1
    check "a 0-byte file: $verb says it is not a mamori database" grep -q "is empty: not a mamori database" "$TMP/err"
done
for verb in "settings list" "diagnosis show" "db copy --from $TMP/empty.db --to $TMP/e0.db"; do
    # shellcheck disable=SC2086
    "$MAMORI" --db "$TMP/empty.db" $verb >/dev/null 2>"$TMP/err"; rc=$?
    check "a 0-byte file: $verb refuses (exit 1)" test "$rc" -eq 1
done
check "a failed db copy leaves no file behind" test ! -e "$TMP/e0.db" -a ! -e "$TMP/e0.db.witness"
check "the 0-byte file is still 0 bytes" test ! -s "$TMP/empty.db"
printf 'hello' >"$TMP/text.db"
check "a text file: verify refuses" status_is 1 "$MAMORI" --db "$TMP/text.db" verify
finish
