#!/bin/sh
# The documented caps (docs/reliability.md, "Bounded resources"): each has a
# flag, takes size suffixes, and a document over it is reported like any
# bad document ("dyad: doc <id|line N>: <reason>", counted in errors=, the
# run goes on); a too-long sentence is not coded and counted
# (long_sentences=N); a too-long dictionary line is a FILE:LINE problem.
DYAD=${DYAD:-build/dyad}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "PASS cli/caps/$1"; }
ko() { echo "FAIL cli/caps/$1: $2"; sed 's/^/  /' "$T/err" | head -5 >&2; }
GOOD='{"id":"good","date":"2024-03-04","text":"Russia and China condemned the United States."}'
# check NAME RC SUMMARY [STDERR-PATTERN]: after a run into $T/out, $T/err
check() {
	name=$1 want=$2 summary=$3 pat=${4:-}
	if [ "$rc" != "$want" ]; then ko "$name" "exit $rc, want $want"; return; fi
	if ! tail -n 1 "$T/err" | grep -q -- "$summary"; then
		ko "$name" "summary '$(tail -n 1 "$T/err")', want '$summary'"; return
	fi
	if [ -n "$pat" ] && ! grep -q -- "$pat" "$T/err"; then ko "$name" "stderr lacks '$pat'"; return; fi
	ok "$name"
}

# documents: 2 KB in the middle, cap 1k
big=$(yes 'Russia condemned the United States.' | head -n 60 | tr '\n' ' ')
printf '%s\n{"id":"big","text":"%s"}\n%s\n' "$GOOD" "$big" "$GOOD" >"$T/docs.jsonl"
"$DYAD" code --max-doc-bytes 1k "$T/docs.jsonl" >"$T/out" 2>"$T/err"; rc=$?
check max-doc-bytes 1 "^docs=3 coded=2 empty=0 errors=1 events=4" "dyad: doc line 2: line exceeds 1 KiB"
"$DYAD" code --max-doc-bytes 64M "$T/docs.jsonl" >"$T/out" 2>"$T/err"; rc=$?
check max-doc-bytes-suffix 0 "^docs=3 coded=3 empty=0 errors=0"

# sentences: one of 17 tokens, cap 16: the document is still coded
printf 'Russia and China and France and Germany and Italy and Spain condemned the United States today. Russia condemned the United States.\n' >"$T/long.txt"
"$DYAD" code --date 2024-03-04 --max-sentence-tokens 16 "$T/long.txt" >"$T/out" 2>"$T/err"; rc=$?
check max-sentence-tokens 0 "^docs=1 coded=1 empty=0 errors=0 events=1 sentences=2 long_sentences=1$"
"$DYAD" code --date 2024-03-04 "$T/long.txt" >"$T/out" 2>"$T/err"; rc=$?
check max-sentence-tokens-default 0 "sentences=2$"

# events: 2 per good document, cap 1
printf '%s\n{"id":"one","date":"2024-03-04","text":"Russia condemned the United States."}\n' "$GOOD" >"$T/ev.jsonl"
"$DYAD" code --max-events 1 "$T/ev.jsonl" >"$T/out" 2>"$T/err"; rc=$?
check max-events 1 "^docs=2 coded=1 empty=0 errors=1 events=1" "dyad: doc good: too many events (more than 1)"
"$DYAD" code --strict --max-events 1 "$T/ev.jsonl" >"$T/out" 2>"$T/err"; rc=$?
check max-events-strict 1 "^docs=1 coded=0 empty=0 errors=1" "too many events"

# dictionary lines: a 226-byte actor line, cap 200
mkdir "$T/dict"
cp data/* "$T/dict/"
printf '%s [FRA]\n' "$(yes LONGERWORD_ | head -n 20 | tr -d '\n')" >>"$T/dict/dyad.actors.txt"
lines=$(wc -l <"$T/dict/dyad.actors.txt")
"$DYAD" dict check --dict "$T/dict" >"$T/out" 2>"$T/err"
n0=$(tail -n 1 "$T/err" | sed -n 's/^dyad: \([0-9]*\) problems* in.*/\1/p')
"$DYAD" dict check --dict "$T/dict" --max-entry-bytes 200 >"$T/out" 2>"$T/err"; rc=$?
check max-entry-bytes 1 "^dyad: $((n0 + 1)) problems in" "dyad.actors.txt:$lines: line longer than 200 bytes (226), skipped"
"$DYAD" dict check --dict "$T/dict" --max-entry-bytes 4k >"$T/out" 2>"$T/err"; rc=$?
check max-entry-bytes-suffix 1 "^dyad: $n0 problems in"
"$DYAD" code --no-cache --dict "$T/dict" --max-entry-bytes 200 "$T/ev.jsonl" >"$T/out" 2>"$T/err"; rc=$?
check max-entry-bytes-code 0 "^docs=2 coded=2 empty=0 errors=0 events=3"

# bad values are usage errors
bad=0
for a in "--max-doc-bytes 0" "--max-doc-bytes 12x" "--max-events -1" "--max-sentence-tokens 2G" \
	"--max-entry-bytes abc" "--max-doc-bytes 99999999999999999999G"; do
	# shellcheck disable=SC2086
	"$DYAD" code $a "$T/ev.jsonl" >/dev/null 2>"$T/err"
	[ $? = 2 ] || { bad=1; echo "  $a: not a usage error" >&2; }
done
[ $bad = 0 ] && ok usage-errors || ko usage-errors "a bad cap value was accepted"

"$DYAD" code --help | grep -q -- '--max-sentence-tokens' && "$DYAD" code --help | grep -q -- '--max-entry-bytes' &&
	"$DYAD" code --help | grep -q -- '--max-events' && ok help || ko help "code --help lacks a cap"
