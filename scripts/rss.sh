#!/bin/sh
# scripts/rss.sh - peak memory of `dyad code` on a growing stream (make rss).
#
#   BUILD=build sh scripts/rss.sh [MB...]     (default: 10 100 1024)
#
# Generates one 100 MiB corpus with the bench generator ($BUILD/mkcorpus)
# in $TMPDIR, then for each size pipes the first MB MiB of that corpus,
# repeated as often as needed, into `dyad code --threads 2` (output to
# /dev/null) under GNU time, and prints the peak RSS. The stream is never
# stored whole; the corpus file is deleted at the end. Not run by CI (the
# 1 GiB run takes about a minute of CPU per 20 MB/s).
BUILD=${BUILD:-build}
DYAD=$BUILD/dyad
MK=$BUILD/mkcorpus
SIZES=${*:-10 100 1024}
[ -x "$DYAD" ] && [ -x "$MK" ] || { echo "rss: build $DYAD and $MK first" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "rss: needs GNU time (Debian package 'time')" >&2; exit 2; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$MK" 100 >"$T/c.jsonl" 2>/dev/null || { echo "rss: mkcorpus failed" >&2; exit 2; }
CB=$(wc -c <"$T/c.jsonl")
printf '%8s %10s %10s %10s %12s\n' MiB docs events elapsed 'peak RSS MB'
for mb in $SIZES; do
	want=$((mb * 1048576))
	# whole copies of the corpus, then whole lines up to the size
	{
		left=$want
		while [ "$left" -ge "$CB" ]; do cat "$T/c.jsonl"; left=$((left - CB)); done
		head -c "$left" "$T/c.jsonl" | sed '$d'
	} | /usr/bin/time -v -o "$T/time" "$DYAD" code --threads 2 >/dev/null 2>"$T/err"
	rc=$?
	rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): *//p' "$T/time")
	secs=$(sed -n "s/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): *//p" "$T/time")
	sum=$(grep 'docs=' "$T/err" | tail -n 1)
	docs=$(echo "$sum" | sed -n 's/.*docs=\([0-9]*\).*/\1/p')
	ev=$(echo "$sum" | sed -n 's/.*events=\([0-9]*\).*/\1/p')
	printf '%8s %10s %10s %10s %12s\n' "$mb" "$docs" "$ev" "$secs" \
		"$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')"
	[ "$rc" -le 1 ] || { echo "rss: dyad exited $rc" >&2; tail -n 3 "$T/err" >&2; exit 1; }
done
