#!/usr/bin/env bash
# The code's shape, checked on every run: no function in engine/ longer than 60 lines unless the
# comment just above it says why ("Long because ..."), and no include between layer folders that
# goes the wrong way (the Makefile's fences make such a file fail to build; this names it).
cd "$(dirname "$0")/.." || exit 2
passed=0 failed=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
bad() { echo "FAIL $1"; failed=$((failed + 1)); }

long=$(awk '
    FNR == 1 { why = 0 }
    /Long because/ { why = FNR }
    /^\{$/ { start = FNR; sig = prev }
    /^\}$/ && start { n = FNR - start - 1; if (n > 60 && FNR - n - 8 > why) print FILENAME ":" start ": " n " lines: " sig; start = 0 }
    { prev = $0 }' engine/*.c engine/*/*.c)
if [ -z "$long" ]; then ok "no function over 60 lines without a reason"; else bad "functions over 60 lines:"; echo "$long"; fi

# The layer order of engine/README.md: a folder includes only headers of itself and the folders below.
order="base model store core report ui screens cli sdl"
allowed() { # $1 folder -> the folders it may include from
    case $1 in
    base) echo base ;; model) echo model base ;; store) echo store model base ;;
    core) echo core store model base ;; report) echo report core store model base ;;
    ui) echo ui core store model base ;; screens) echo screens ui report core store model base ;;
    cli) echo cli report core store model base ;; sdl) echo sdl screens ui report core store model base ;;
    esac
}
wrong=""
for dir in $order; do
    may=$(allowed "$dir")
    for f in engine/"$dir"/*.[ch]; do
        for h in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
            home=$(ls engine/*/"$h" 2>/dev/null | head -1 | cut -d/ -f2)
            case " $may " in *" $home "*) ;; *) wrong="$wrong $f->$h($home)" ;; esac
        done
    done
done
if [ -z "$wrong" ]; then ok "every include goes to the same layer or one below"; else bad "wrong-way includes:$wrong"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
