#!/bin/sh
# The three validation suites of ../shared/peers (TABARI, PETRARCH unit
# tests, PETRARCH-2 gold standard), run with `dyad validate --floor`: each
# must pass at least the records its line in tests/suite-floors.txt says
# (the counts measured when the floor was last raised, so pass counts can
# only go up). Prints "PASS suites/<name>: N passed (floor F)", a FAIL
# line, or "SKIP suites/<name>: ../shared absent" when there is no
# $SHARED/peers (tests/run.sh exports SHARED).
DYAD=${DYAD:-build/dyad}
SHARED=${SHARED:-../shared}
FLOORS=${FLOORS:-tests/suite-floors.txt}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

suite_path() {
	case $1 in
	tabari) echo "$SHARED/peers/derived/TABARI.Validate.std.text" ;;
	petr) echo "$SHARED/peers/petrarch2/petrarch2/data/text/PETR.UnitTest.records.xml" ;;
	gsr) echo "$SHARED/peers/UniversalPetrarch/UniversalPetrarch/data/text/PETR2_GSR_validation.xml" ;;
	esac
}

if [ ! -f "$FLOORS" ]; then
	echo "FAIL suites: $FLOORS is missing"
	exit 0
fi
grep -v '^[[:space:]]*#' "$FLOORS" | while read -r name floor rest; do
	[ -n "$name" ] || continue
	if [ ! -d "$SHARED/peers" ]; then
		echo "SKIP suites/$name: ../shared absent"
		continue
	fi
	path=$(suite_path "$name")
	case $floor in
	'' | *[!0-9]*) echo "FAIL suites/$name: bad floor '$floor' in $FLOORS"; continue ;;
	esac
	if [ -z "$path" ]; then
		echo "FAIL suites/$name: unknown suite in $FLOORS (tabari, petr or gsr)"
		continue
	fi
	"$DYAD" validate --only fail --floor "$floor" "$path" >"$T/out" 2>"$T/err"
	rc=$?
	passed=$(tail -n 1 "$T/out" | sed -n 's/^\([0-9][0-9]*\) passed, [0-9][0-9]* failed$/\1/p')
	if [ "$rc" = 0 ] && [ -n "$passed" ]; then
		if [ "$passed" -gt "$floor" ]; then
			echo "PASS suites/$name: $passed passed (floor $floor; raise it in $FLOORS)"
		else
			echo "PASS suites/$name: $passed passed (floor $floor)"
		fi
	elif [ "$rc" = 1 ] && [ -n "$passed" ] && [ "$passed" -lt "$floor" ]; then
		echo "FAIL suites/$name: $passed passed, below the floor of $floor"
		grep '^FAIL' "$T/out" | head -10 >&2
	else
		echo "FAIL suites/$name: dyad validate exited $rc${passed:+ ($passed passed)}"
		grep -E '^dyad:|ERROR|SUMMARY' "$T/err" | head -5 >&2
	fi
done
