#!/bin/sh
# tests/check.sh tsan|valgrind - tests under a dynamic checker (make tsan,
# make valgrind; docs/reliability.md). Runs tests/run.sh on $BUILD (the
# goldens and the CLI tests in $CLI_TESTS), then adds one PASS/FAIL line
# for the checker's own reports and prints "N passed, N failed, N skipped".
#   tsan:     $BUILD/dyad is built with -fsanitize=thread; reports go to
#             TSAN_OPTIONS log_path files, any file is a failure.
#   valgrind: $BUILD/dyad is written here: a script running $REAL (the
#             normal build) under memcheck with --error-exitcode=99,
#             --leak-check=full, definite and indirect leaks as errors;
#             any error in a log file is a failure.
# Exit status 0 only when every test passed and the checker reported
# nothing.
kind=$1
BUILD=${BUILD:?}
L=$(mktemp -d)
trap 'rm -rf "$L"' EXIT
chmod 1777 "$L"   # tests that run dyad as nobody (store.sh) write logs too
case $kind in
tsan)
	TSAN_OPTIONS="log_path=$L/tsan second_deadlock_stack=1 ${TSAN_OPTIONS:-}"
	export TSAN_OPTIONS
	;;
valgrind)
	REAL=${REAL:-build/dyad}
	command -v valgrind >/dev/null || { echo "check: valgrind is not installed (scripts/install-deps.sh)"; exit 2; }
	cat >"$BUILD/dyad" <<EOS
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \\
	--errors-for-leak-kinds=definite,indirect --log-file="$L/vg.%p" "$(pwd)/$REAL" "\$@"
EOS
	chmod +x "$BUILD/dyad"
	STORE_LOCK_SECONDS=20   # store.sh: hold its lock past valgrind's start-up
	export STORE_LOCK_SECONDS
	;;
*) echo "usage: tests/check.sh tsan|valgrind" >&2; exit 2 ;;
esac
BUILD=$BUILD sh tests/run.sh >"$L/out" 2>"$L/err"
grep -v '^[0-9]* passed, ' "$L/out"
case $kind in
tsan) logs=$(ls "$L"/tsan* 2>/dev/null) ;;
valgrind) logs=$(for f in "$L"/vg.*; do [ -s "$f" ] && echo "$f"; done) ;;
esac
if [ -n "$logs" ]; then
	echo "FAIL $kind: $(echo "$logs" | wc -l) processes reported errors" >>"$L/out"
	echo "FAIL $kind: $(echo "$logs" | wc -l) processes reported errors"
	for f in $logs; do head -n 60 "$f"; done >&2
else
	echo "PASS $kind: no reports" >>"$L/out"
	echo "PASS $kind: no reports"
fi
pass=$(grep -c '^PASS' "$L/out")
fail=$(grep -c '^FAIL' "$L/out")
skip=$(grep -c '^SKIP' "$L/out")
[ "$fail" -eq 0 ] || sed 's/^/  /' "$L/err" | tail -n 40 >&2
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ "$pass" -gt 1 ]
