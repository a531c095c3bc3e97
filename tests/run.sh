#!/bin/sh
# tests/run.sh - runs every test kind and prints "N passed, N failed".
#   unit:   $BUILD/tests/test_*  (each prints PASS/FAIL lines)
#   golden: tests/golden/NNNN-name/{args,input,expected[,rc]}:
#           `dyad $(cat args) < input` must print expected (and exit rc)
#   cli:    tests/cli/*.sh (or the list in $CLI_TESTS), run with
#           DYAD=$BUILD/dyad; print PASS/FAIL lines
# Tests that need ../shared print "SKIP ..." when it is absent.
BUILD=${BUILD:-build}
DYAD=$(pwd)/$BUILD/dyad
export DYAD
SHARED=${DYAD_SHARED:-$(cd .. && pwd)/shared}
export SHARED
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# compiled dictionary caches of the run (many tests use temporary
# dictionary directories) stay out of the user's ~/.cache/dyad
XDG_CACHE_HOME=$out/cache
export XDG_CACHE_HOME
log=$out/log

for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	"$t" >>"$log" 2>"$out/err" || {
		grep -q '^FAIL' "$out/err" "$log" || echo "FAIL $t: exit status $?" >>"$log"
		cat "$out/err" >&2
	}
done

for d in tests/golden/*/; do
	[ -f "$d/args" ] || continue
	name=$(basename "$d")
	if grep -q '\$SHARED' "$d/args" && [ ! -d "$SHARED/examples" ]; then
		echo "SKIP golden/$name: ../shared is absent" >>"$log"; continue
	fi
	args=$(sed "s|\\\$SHARED|$SHARED|g" "$d/args")
	want_rc=0; [ -f "$d/rc" ] && want_rc=$(cat "$d/rc")
	if [ -f "$d/input" ]; then
		(cd "$d" && eval "\"$DYAD\" $args" <input >"$out/got" 2>"$out/stderr"); rc=$?
	else
		(cd "$d" && eval "\"$DYAD\" $args" </dev/null >"$out/got" 2>"$out/stderr"); rc=$?
	fi
	if ! cmp -s "$out/got" "$d/expected"; then
		echo "FAIL golden/$name: output differs" >>"$log"
		diff -u "$d/expected" "$out/got" | head -40 >&2
	elif [ "$rc" != "$want_rc" ]; then
		echo "FAIL golden/$name: exit $rc, want $want_rc" >>"$log"
		cat "$out/stderr" >&2
	else
		echo "PASS golden/$name" >>"$log"
	fi
done

for s in ${CLI_TESTS:-tests/cli/*.sh}; do
	[ -f "$s" ] || continue
	sh "$s" >>"$log" 2>>"$out/clierr" || true
done

cat "$log"
pass=$(grep -c '^PASS' "$log")
fail=$(grep -c '^FAIL' "$log")
skip=$(grep -c '^SKIP' "$log")
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
