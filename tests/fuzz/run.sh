#!/bin/sh
# tests/fuzz/run.sh - runs each libFuzzer target (make fuzz) for $SECONDS
# seconds: `make fuzz-run SECONDS=N [FUZZ_TARGETS="reader text"]`.
# Corpus: build/fuzz/work/<target>/ (libFuzzer's growing corpus, not
# committed) plus tests/fuzz/corpus/<target>/ (every input that ever
# crashed) and tests/fuzz/seeds/<target>/. Crashes, leaks and timeouts go
# to build/fuzz/crashes/<target>/ (crash-<sha1>, leak-..., timeout-...);
# after the fix, copy them to tests/fuzz/corpus/<target>/. The log of each
# run is build/fuzz/logs/<target>.log; one summary line per target.
SECONDS_EACH=${SECONDS_EACH:-60}
FUZZ=${FUZZ:-build/fuzz}
status=0
for t in "$@"; do
	bin=$FUZZ/fuzz_$t
	[ -x "$bin" ] || { echo "fuzz-run: $bin missing (make fuzz)"; status=1; continue; }
	mkdir -p "$FUZZ/work/$t" "$FUZZ/crashes/$t" "$FUZZ/logs" "tests/fuzz/corpus/$t" \
		"tests/fuzz/seeds/$t"
	log=$FUZZ/logs/$t.log
	"$bin" -max_total_time="$SECONDS_EACH" -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$FUZZ/crashes/$t/" \
		"$FUZZ/work/$t" "tests/fuzz/corpus/$t" "tests/fuzz/seeds/$t" >"$log" 2>&1
	rc=$?
	done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	cov=$(echo "$done_line" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$done_line" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	crashes=$(ls "$FUZZ/crashes/$t" | wc -l)
	if [ "$rc" -eq 0 ]; then
		echo "fuzz/$t: ${SECONDS_EACH}s execs=${execs:-?} cov=${cov:-?} ft=${ft:-?} saved=$crashes"
	else
		echo "fuzz/$t: FAILED (exit $rc) after execs=${execs:-?}; see $log; saved=$crashes"
		status=1
	fi
done
exit $status
