#!/bin/sh
# Replays every saved fuzz input: for each target tests/fuzz/fuzz_<t>.c,
# the files of tests/fuzz/corpus/<t>/ (every input that ever crashed it)
# and tests/fuzz/seeds/<t>/ go through $BUILD/fuzz-replay/fuzz_<t>, the
# target built with the normal compiler and tests/fuzz/replay_main.c
# (built by make test, or here through make). Prints one PASS/FAIL line
# per target (counted by tests/run.sh).
BUILD=${BUILD:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
for src in tests/fuzz/fuzz_*.c; do
	[ -f "$src" ] || continue
	t=$(basename "$src" .c)
	t=${t#fuzz_}
	bin=$BUILD/fuzz-replay/fuzz_$t
	if ! ${MAKE:-make} -s "$bin" >"$T/make" 2>&1 || [ ! -x "$bin" ]; then
		echo "FAIL fuzz/$t: cannot build $bin"
		sed 's/^/  /' "$T/make" | head -20 >&2
		continue
	fi
	set --
	for f in tests/fuzz/corpus/"$t"/* tests/fuzz/seeds/"$t"/*; do
		[ -f "$f" ] && set -- "$@" "$f"
	done
	if [ $# -eq 0 ]; then
		echo "PASS fuzz/$t: 0 inputs replayed"
		continue
	fi
	if timeout 600 "$bin" "$@" >"$T/out" 2>&1; then
		echo "PASS fuzz/$t: $# inputs replayed"
	else
		echo "FAIL fuzz/$t: replay failed (exit $?)"
		sed 's/^/  /' "$T/out" | tail -n 30 >&2
	fi
done
