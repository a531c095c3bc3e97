#!/bin/sh
# Signals and output files: piping into head ends quietly; SIGINT/SIGTERM
# stop reading, flush what was coded, print the summary and exit 130/143;
# --output never leaves a truncated file under its final name.
DYAD=${DYAD:-build/dyad}
BUILD=$(dirname "$DYAD")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "PASS cli/signals/$1"; }
ko() { echo "FAIL cli/signals/$1: $2"; }
# Wait (up to 60 s: sanitized builds start slowly on a loaded machine)
# until process $1 catches SIGINT and SIGTERM: a background job ignores
# SIGINT until dyad installs its handlers, so an earlier signal is lost.
wait_caught() {
	i=0
	while [ $i -lt 600 ]; do
		m=$(awk '/^SigCgt:/ { print $2 }' "/proc/$1/status" 2>/dev/null)
		[ -n "$m" ] && [ $(( 0x$m & 0x4002 )) -eq $(( 0x4002 )) ] && return 0
		[ -d "/proc/$1" ] || return 1
		sleep 0.1; i=$((i + 1))
	done
	return 1
}
# Wait until the writer has put all its documents into the pipe (dyad
# has read all but the last pipe buffer), then a moment for that.
wait_written() {
	i=0
	while [ $i -lt 600 ] && ! [ -e "$T/written" ]; do sleep 0.1; i=$((i + 1)); done
	sleep 0.5
}
if ! { [ -x "$BUILD/mkcorpus" ] || make -s "$BUILD/mkcorpus" BUILD="$BUILD" >/dev/null 2>&1; }; then
	ko setup "cannot build mkcorpus"; exit 0
fi
"$BUILD/mkcorpus" 8 >"$T/c.jsonl" 2>/dev/null

# head: no error spew, exit 0 or 141 (SIGPIPE)
( "$DYAD" code --threads 2 "$T/c.jsonl" 2>"$T/err"; echo $? >"$T/rc" ) | head -n 3 >"$T/head"
rc=$(cat "$T/rc")
if [ "$(wc -l <"$T/head")" = 3 ] && { [ "$rc" = 0 ] || [ "$rc" = 141 ]; } && ! grep -qv '^docs=' "$T/err"; then
	ok head-quiet
else
	ko head-quiet "exit $rc, stderr: $(head -c 200 "$T/err")"
fi

# SIGTERM and SIGINT: dyad reads a pipe whose writer stays open (so the
# run cannot finish on its own), is signalled, codes what it has read,
# prints the summary and exits 143 / 130 with whole lines only
for sig in TERM INT; do
	rm -f "$T/fifo"
	mkfifo "$T/fifo"
	rm -f "$T/written"
	{ head -n 300 "$T/c.jsonl"; : >"$T/written"; sleep 30; } >"$T/fifo" &
	writer=$!
	: >"$T/out"
	"$DYAD" code --threads 2 <"$T/fifo" >"$T/out" 2>"$T/err" &
	pid=$!
	wait_caught $pid
	wait_written
	kill -s $sig $pid
	wait $pid; rc=$?
	kill $writer 2>/dev/null
	want=143; [ $sig = INT ] && want=130
	if [ "$rc" = $want ] && grep -q '^docs=300 ' "$T/err" && [ -s "$T/out" ] &&
	   [ "$(tail -c 1 "$T/out" | od -An -c | tr -d ' ')" = '\n' ]; then
		ok "sig$sig"
	else
		ko "sig$sig" "exit $rc (want $want), summary: $(tail -n 1 "$T/err")"
	fi
done

# --output: complete file on success; no file under the final name after kill -9
"$DYAD" code -o "$T/final.jsonl" "$T/c.jsonl" 2>/dev/null
"$DYAD" code "$T/c.jsonl" >"$T/stdout.jsonl" 2>/dev/null
if cmp -s "$T/final.jsonl" "$T/stdout.jsonl"; then ok output-complete; else ko output-complete "differs from stdout"; fi
rm -f "$T/fifo"
mkfifo "$T/fifo"
{ head -n 300 "$T/c.jsonl"; sleep 30; } >"$T/fifo" &
writer=$!
"$DYAD" code --threads 1 -o "$T/killed.jsonl" <"$T/fifo" 2>/dev/null &
pid=$!
sleep 1
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
kill $writer 2>/dev/null
if [ ! -e "$T/killed.jsonl" ]; then ok output-kill9; else ko output-kill9 "final name exists"; fi
rm -f "$T/fifo"
mkfifo "$T/fifo"
rm -f "$T/written"
{ head -n 300 "$T/c.jsonl"; : >"$T/written"; sleep 30; } >"$T/fifo" &
writer=$!
"$DYAD" code --threads 1 -o "$T/int.jsonl" <"$T/fifo" 2>"$T/err" &
pid=$!
wait_caught $pid
wait_written
kill -s INT $pid
wait $pid; rc=$?
kill $writer 2>/dev/null
if [ "$rc" = 130 ] && [ ! -e "$T/int.jsonl" ] && grep -q 'partial output left in' "$T/err"; then
	ok output-interrupted
else
	ko output-interrupted "exit $rc"
fi
