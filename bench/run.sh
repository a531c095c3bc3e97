#!/bin/sh
# bench/run.sh - the `make bench` driver: builds a corpus, times dyad, prints a table.
#
#   BUILD=build sh bench/run.sh        (make bench sets BUILD)
#
# 1. $BUILD/mkcorpus writes $BUILD/bench/corpus.jsonl (BENCH_MB MiB, default 64);
#    it is reused while its size, the generator arguments and the generator
#    binary are unchanged.
# 2. `dyad code --threads N corpus >/dev/null` for N = 1 and N = nproc; wall time,
#    and peak RSS from GNU time (`/usr/bin/time -v`, Debian package "time") or,
#    without it, by polling VmHWM in /proc. Throughput comes from dyad's summary
#    line on stderr: "docs=N coded=N empty=N errors=N events=N" plus, when
#    present, "sentences=N" (else the generator's sentence count is used).
# 3. Start-up: best of 5 runs of `dyad code` on a one-line document.
# 4. Memory growth: peak RSS on the first 1/8 of the corpus vs the whole corpus
#    (one thread); a streaming coder stays flat.
# Everything printed also goes to $BUILD/bench/results.txt.
#
# Environment: BENCH_MB (corpus size), BENCH_THREADS (thread counts, default
# "1 <nproc>"), BENCH_SEEDS (empty: none; "auto": ../shared/peers or
# /work/shared/peers; or a directory) mixes in PETRARCH-2 GigaWord sample
# sentences; they stay in $BUILD/bench and are never committed. BENCH_ARGS:
# extra arguments for every `dyad code` run (e.g. "--dict data").
# Exit status: 0 when every run succeeded (dyad exit 0 or 1), 1 otherwise, 2
# when something is missing.

BUILD=${BUILD:-build}
XARGS=${BENCH_ARGS:-}
DYAD=$BUILD/dyad
MK=$BUILD/mkcorpus
OUT=$BUILD/bench
MB=${BENCH_MB:-64}
CORPUS=$OUT/corpus.jsonl
STATS=$OUT/corpus.stats
EIGHTH=$OUT/corpus-eighth.jsonl
RESULTS=$OUT/results.txt

die() {
	echo "bench: $*" >&2
	exit 2
}

[ -x "$DYAD" ] || die "no $DYAD; run make first"
[ -x "$MK" ] || die "no $MK; run make $MK first"
mkdir -p "$OUT" || die "cannot create $OUT"
: >"$RESULTS" || die "cannot write $RESULTS"

say() {
	printf '%s\n' "$*"
	printf '%s\n' "$*" >>"$RESULTS"
}

# -- tools --------------------------------------------------------------------
NPROC=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
case $NPROC in '' | *[!0-9]*) NPROC=1 ;; esac
THREADS=${BENCH_THREADS:-1 $NPROC}
[ "$NPROC" -eq 1 ] && [ -z "${BENCH_THREADS:-}" ] && THREADS=1

GNUTIME=
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
	GNUTIME=/usr/bin/time
fi

if [ "$(date +%N)" = N ] || [ -z "$(date +%N)" ]; then
	now() { date +%s; } # no sub-second clock: coarse timings
else
	now() { date +%s.%N; }
fi

# size in bytes of a file
fsize() {
	wc -c <"$1" | tr -d ' '
}

# value of key in a "k=v k=v" line: kv LINE KEY
kv() {
	printf '%s\n' "$1" | tr '\t' ' ' | tr ' ' '\n' | sed -n "s/^$2=\([0-9][0-9]*\).*/\1/p" | tail -n 1
}

# -- corpus -------------------------------------------------------------------
SEEDDIR=
case ${BENCH_SEEDS:-} in
'') ;;
auto)
	for d in ../shared/peers /work/shared/peers; do
		[ -d "$d" ] && { SEEDDIR=$d; break; }
	done
	;;
*) SEEDDIR=$BENCH_SEEDS ;;
esac
ARGS="mb=$MB seeds=${SEEDDIR:-none}"

reuse=no
if [ -f "$CORPUS" ] && [ -f "$STATS" ] && [ "$(sed -n 's/^args: //p' "$STATS")" = "$ARGS" ] &&
	[ -z "$(find "$MK" -newer "$CORPUS" 2>/dev/null)" ]; then
	want=$(kv "$(grep '^mkcorpus:' "$STATS")" bytes)
	[ -n "$want" ] && [ "$(fsize "$CORPUS")" = "$want" ] && reuse=yes
fi
if [ $reuse = no ]; then
	echo "bench: generating $CORPUS ($MB MB)..."
	rm -f "$CORPUS" "$EIGHTH" "$STATS"
	if [ -n "$SEEDDIR" ]; then
		"$MK" --seeds "$SEEDDIR" "$MB" >"$CORPUS.tmp" 2>"$OUT/mkcorpus.err"
	else
		"$MK" "$MB" >"$CORPUS.tmp" 2>"$OUT/mkcorpus.err"
	fi || { cat "$OUT/mkcorpus.err" >&2; rm -f "$CORPUS.tmp"; die "mkcorpus failed"; }
	mv "$CORPUS.tmp" "$CORPUS"
	{ echo "args: $ARGS"; grep '^mkcorpus:' "$OUT/mkcorpus.err"; } >"$STATS"
fi
GEN=$(grep '^mkcorpus:' "$STATS")
C_BYTES=$(kv "$GEN" bytes)
C_DOCS=$(kv "$GEN" docs)
C_SENT=$(kv "$GEN" sentences)

E_DOCS=$((C_DOCS / 8))
if [ ! -f "$EIGHTH" ] || [ -n "$(find "$CORPUS" -newer "$EIGHTH" 2>/dev/null)" ]; then
	head -n "$E_DOCS" "$CORPUS" >"$EIGHTH" || die "cannot write $EIGHTH"
fi
E_BYTES=$(fsize "$EIGHTH")

# -- one timed run ------------------------------------------------------------
# run_dyad TAG FILE ARGS... : sets SECS, RSS_KB (peak, kB; empty when RC > 1),
# RC, SUMMARY.
# Without GNU time, NOPOLL=1 skips the /proc polling (and the RSS figure).
run_dyad() {
	tag=$1 file=$2
	shift 2
	err=$OUT/$tag.stderr tf=$OUT/$tag.time
	RSS_KB=
	if [ -n "$GNUTIME" ]; then
		t0=$(now)
		# shellcheck disable=SC2086 # BENCH_ARGS is split on purpose
		$GNUTIME -v -o "$tf" "$DYAD" code $XARGS "$@" "$file" >/dev/null 2>"$err"
		RC=$?
		t1=$(now)
		RSS_KB=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): *//p' "$tf")
	else
		t0=$(now)
		# shellcheck disable=SC2086
		"$DYAD" code $XARGS "$@" "$file" >/dev/null 2>"$err" &
		pid=$!
		hwm=
		while [ -z "${NOPOLL:-}" ] && kill -0 "$pid" 2>/dev/null; do
			v=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status" 2>/dev/null)
			[ -n "$v" ] && hwm=$v
			sleep 0.05 2>/dev/null || sleep 1
		done
		wait "$pid"
		RC=$?
		t1=$(now)
		RSS_KB=$hwm
	fi
	[ "$RC" -gt 1 ] && RSS_KB= # a failed run's memory means nothing
	SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
	SUMMARY=$(grep 'docs=[0-9]' "$err" | tail -n 1)
}

FAILED=0
check_rc() {
	if [ "$RC" -gt 1 ]; then
		say "  !! dyad exited $RC on $1 (stderr: $OUT/$2.stderr):"
		tail -n 5 "$OUT/$2.stderr" | sed 's/^/     /' | tee -a "$RESULTS"
		FAILED=1
	fi
}

rate() { # rate COUNT SECS
	awk -v n="$1" -v s="$2" 'BEGIN { if (n == "" || s <= 0) print "-"; else printf "%.0f", n / s }'
}

mb() { # kB -> MB
	awk -v k="$1" 'BEGIN { if (k == "") print "-"; else printf "%.1f", k / 1024 }'
}

# -- report -------------------------------------------------------------------
say "dyad bench  $(date '+%Y-%m-%d %H:%M')  $(uname -m)  nproc=$NPROC"
VERSION=$("$DYAD" --version 2>/dev/null | head -n 1) || VERSION=
say "dyad:   $DYAD${VERSION:+ ($VERSION)}  code ${XARGS:+$XARGS }--threads N FILE"
say "corpus: $CORPUS  $(mb $((C_BYTES / 1024))) MB  $C_DOCS docs  $C_SENT sentences (generator)  seeds: ${SEEDDIR:-none}"
if [ -n "$GNUTIME" ]; then
	say "timing: wall clock (date), peak RSS from $GNUTIME -v"
else
	say "timing: wall clock (date), peak RSS by polling /proc VmHWM every 0.1 s (install the Debian package 'time' for exact figures)"
fi
say ""

say "$(printf '%7s %9s %10s %12s %8s %11s %12s' threads seconds docs/s sentences/s MB/s events/s 'peak RSS MB')"
SUMMARIES=
FULL1_KB=
for n in $THREADS; do
	run_dyad "threads-$n" "$CORPUS" --threads "$n"
	docs=$(kv "$SUMMARY" docs)
	sent=$(kv "$SUMMARY" sentences)
	events=$(kv "$SUMMARY" events)
	sent_note=
	[ -n "$sent" ] || { sent=$C_SENT; sent_note=" (sentences: generator count)"; }
	[ -n "$docs" ] || docs=$C_DOCS
	mbs=$(awk -v b="$C_BYTES" -v s="$SECS" 'BEGIN { if (s <= 0) print "-"; else printf "%.2f", b / 1048576 / s }')
	if [ "$RC" -gt 1 ]; then
		say "$(printf '%7s %9s   failed: exit %s' "$n" "$SECS" "$RC")"
	else
		say "$(printf '%7s %9s %10s %12s %8s %11s %12s' "$n" "$SECS" "$(rate "$docs" "$SECS")" \
			"$(rate "$sent" "$SECS")" "$mbs" "$(rate "$events" "$SECS")" "$(mb "$RSS_KB")")"
	fi
	SUMMARIES="$SUMMARIES
  threads=$n exit=$RC: ${SUMMARY:-(no summary line on stderr)}$sent_note"
	[ "$n" = 1 ] && FULL1_KB=$RSS_KB
	check_rc "--threads $n" "threads-$n"
done
say ""
say "dyad summary lines (stderr):$SUMMARIES"
say ""

# start-up: one short document, best of 5
ONE=$OUT/one.jsonl
printf '%s\n' '{"id":"startup","date":"2024-09-26","source":"bench","text":"On September 25, Azerbaijani Foreign Minister Jeyhun Bayramov met with the Secretary General of the Economic Cooperation Organization (ECO), Asad Majid Khan, in New York."}' >"$ONE"
best=
for _ in 1 2 3 4 5; do
	NOPOLL=1 # polling /proc would add its interval to the time
	run_dyad startup "$ONE"
	NOPOLL=
	check_rc "the one-line document" startup
	best=$(awk -v a="$SECS" -v b="$best" 'BEGIN { if (b == "" || a < b) print a; else print b }')
done
say "start-up: $(awk -v s="$best" 'BEGIN { printf "%.1f", s * 1000 }') ms (best of 5, one-line document, dictionaries: ${XARGS:-default}, peak RSS $(mb "$RSS_KB") MB)"

# memory growth: first 1/8 of the corpus vs all of it, one thread
if [ -z "$FULL1_KB" ]; then
	run_dyad threads-1 "$CORPUS" --threads 1
	FULL1_KB=$RSS_KB
fi
run_dyad eighth "$EIGHTH" --threads 1
check_rc "the first 1/8 of the corpus" eighth
say "memory growth (--threads 1): first 1/8 ($E_DOCS docs, $(mb $((E_BYTES / 1024))) MB, ${SECS}s) peak RSS $(mb "$RSS_KB") MB; whole corpus $(mb "$FULL1_KB") MB"
say "  -> $(awk -v e="$RSS_KB" -v f="$FULL1_KB" 'BEGIN {
	if (e == "" || f == "" || e <= 0) { print "unknown (a run failed or no RSS figures)"; exit }
	d = (f - e) / 1024; r = f / e
	v = (d <= 8 || r <= 1.25) ? "flat" : "GROWS: memory rises with input size"
	printf "ratio %.2f, %+.1f MB: %s\n", r, d, v }')"
say ""
say "results written to $RESULTS"
exit $FAILED
