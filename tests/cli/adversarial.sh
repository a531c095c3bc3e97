#!/bin/sh
# Adversarial text codes in time proportional to its size (docs/reliability.md,
# "Linear time"). Each case is one plain-text document of N bytes, then of 8N
# bytes; the 8N run's user CPU time, less that of a one-line document (start-up),
# must stay under 3 x 8 times the N run's (at least 20 ms) plus 0.3 s. A
# quadratic coder takes 64 times as long on 8N; noise on a busy machine is far
# below the factor of 3. Under sanitizers (a $DYAD in build/san-*) N is 4
# times smaller. Also checks what each run reports: the summary counts
# (long_sentences=1 for the run-on cases) are deterministic.
DYAD=${DYAD:-build/dyad}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "PASS cli/adversarial/$1"; }
ko() { echo "FAIL cli/adversarial/$1: $2"; }
if ! [ -x /usr/bin/time ] || ! /usr/bin/time -f %U true >/dev/null 2>&1; then
	echo "SKIP cli/adversarial: no GNU time (/usr/bin/time, Debian package 'time')"
	exit 0
fi
N=131072
case $DYAD in */san-*) N=32768 ;; esac

# rep STRING BYTES: STRING repeated, cut to BYTES
rep() { yes "$1" | tr -d '\n' | head -c "$2"; }
# cpu FILE: user seconds of coding FILE; the summary goes to $T/sum
cpu() {
	/usr/bin/time -f '%U' -o "$T/time" "$DYAD" code --threads 1 --input text \
		--date 2024-01-01 "$1" >/dev/null 2>"$T/err"
	echo $? >"$T/rc"
	tail -n 1 "$T/err" >"$T/sum"
	cat "$T/time"
}

printf 'Nothing happened.\n' >"$T/empty"
# start-up: the least of three runs (an overestimate would tighten the bound)
t0=$(cpu "$T/empty")
for _ in 1 2; do
	t=$(cpu "$T/empty")
	t0=$(awk -v a="$t0" -v b="$t" 'BEGIN { print (b < a) ? b : a }')
done

# the 4,000-token sentence of the heavy case: quotes, brackets, actors and
# verbs in every clause (the coder's work per sentence grows faster than
# its length; --max-sentence-tokens bounds it)
rep '"Israel (attacked [Hamas]) said" ' 13000 >"$T/block"
printf 'Then. ' >>"$T/block"

# case NAME STRING [SUMMARY-PATTERN]
case1() {
	name=$1 s=$2 pat=${3:-}
	if [ "$s" = heavy ]; then
		k=$((N / 13006 + 1))
		for _ in $(seq "$k"); do cat "$T/block"; done >"$T/n"
		for _ in $(seq $((k * 8))); do cat "$T/block"; done >"$T/8n"
	else
		rep "$s" "$N" >"$T/n"
		rep "$s" $((N * 8)) >"$T/8n"
	fi
	t1=$(cpu "$T/n")
	rc1=$(cat "$T/rc") sum1=$(cat "$T/sum")
	t8=$(cpu "$T/8n")
	rc8=$(cat "$T/rc") sum8=$(cat "$T/sum")
	if [ "$rc1" != 0 ] || [ "$rc8" != 0 ]; then
		ko "$name" "exit $rc1 / $rc8: $sum1 / $sum8"; return
	fi
	if [ -n "$pat" ] && ! echo "$sum8" | grep -q -- "$pat"; then
		ko "$name" "summary '$sum8' lacks '$pat'"; return
	fi
	if awk -v a="$t0" -v b="$t1" -v c="$t8" 'BEGIN {
		n = b - a; if (n < 0.02) n = 0.02
		exit !(c - a <= 24 * n + 0.3) }'; then
		ok "$name ($(wc -c <"$T/n") bytes ${t1}s, 8x ${t8}s)"
	else
		ko "$name" "$(wc -c <"$T/n") bytes ${t1}s, 8x ${t8}s (start-up ${t0}s): not linear"
	fi
}

case1 commas ',' 'long_sentences=1$'
case1 one-token 'a'
case1 actor-names 'Israel ' 'long_sentences=1$'
case1 the-the 'the ' 'long_sentences=1$'
case1 periods '.' 'long_sentences=1$'
case1 sentence-ends 'Israel left. '
case1 quotes-brackets '"([{'
case1 one-sentence-of-clauses 'Israel attacked Hamas and ' 'long_sentences=1$'
case1 heavy-sentences heavy 'events='
