#!/bin/sh
# Output order follows input order for any --threads; TSV/CSV carry the
# same events as JSONL; a malformed dictionary is reported with file:line
# and never crashes dyad.
DYAD=${DYAD:-build/dyad}
BUILD=$(dirname "$DYAD")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "PASS cli/$1"; }
ko() { echo "FAIL cli/$1: $2"; }

# a corpus of a few thousand documents from the bench generator
if [ -x "$BUILD/mkcorpus" ] || make -s "$BUILD/mkcorpus" BUILD="$BUILD" >/dev/null 2>&1; then
	"$BUILD/mkcorpus" 2 >"$T/c.jsonl" 2>/dev/null
	"$DYAD" code --threads 1 "$T/c.jsonl" >"$T/t1" 2>"$T/e1"
	"$DYAD" code --threads 3 "$T/c.jsonl" >"$T/t3" 2>"$T/e3"
	"$DYAD" code --threads 8 <"$T/c.jsonl" >"$T/t8" 2>"$T/e8"
	if [ -s "$T/t1" ] && cmp -s "$T/t1" "$T/t3" && cmp -s "$T/t1" "$T/t8" && cmp -s "$T/e1" "$T/e3"; then
		ok threads-identical
	else
		ko threads-identical "output differs between --threads 1, 3 and 8"
	fi
	n_json=$(wc -l <"$T/t1")
	"$DYAD" code --format tsv "$T/c.jsonl" >"$T/tsv" 2>/dev/null
	"$DYAD" code --format csv "$T/c.jsonl" >"$T/csv" 2>/dev/null
	n_tsv=$(($(wc -l <"$T/tsv") - 1))
	if [ "$n_tsv" = "$n_json" ] && head -n 1 "$T/tsv" | grep -q '^doc_id	sentence	date	source	target	code	root	quad_class	goldstein	plover'; then
		ok tsv-same-events
	else
		ko tsv-same-events "tsv has $n_tsv rows, jsonl $n_json"
	fi
	if head -n 1 "$T/csv" | grep -q '^doc_id,sentence,date,source,target,code,root,quad_class,goldstein,plover'; then
		ok csv-header
	else
		ko csv-header "$(head -n 1 "$T/csv")"
	fi
else
	ko threads-identical "cannot build mkcorpus"
fi

# CAMEO codes stay strings with leading zeros in every format
echo '{"id":"z","date":"2024-03-04","text":"Armenia and Azerbaijan signed a peace agreement."}' >"$T/z.jsonl"
"$DYAD" code --format csv "$T/z.jsonl" 2>/dev/null | sed -n 2p | cut -d, -f6,7 >"$T/zc"
if [ "$(cat "$T/zc")" = "057,05" ]; then ok leading-zeros; else ko leading-zeros "$(cat "$T/zc")"; fi

# malformed dictionaries: every problem named with file:line, no crash
mkdir -p "$T/dict"
cat >"$T/dict/bad.verbs.txt" <<'EOV'
&SYN
+WORD
- * WORD [010]
---  GOOD   [040]  ---
MEET
- * (WITH &UNDEFINED) [036]
- * NO CODE HERE
- NO STAR [010]
BROKEN [99999999]
EOV
printf 'RUSSIA_ [RUS]\n\t[RUSGOV 19999-2000]\n+\n[orphan]\nCHINA_ [CHN\n' >"$T/dict/bad.actors.txt"
printf 'MINISTER [~GOV]\nNOCODE\n!X! = A, B\n!Y!_THING [~GOV]\n' >"$T/dict/bad.agents.txt"
"$DYAD" dict check --dict "$T/dict" >"$T/out" 2>"$T/err"; rc=$?
n=$(grep -c '^dyad: .*bad\.[a-z]*\.txt:[0-9][0-9]*: ' "$T/err")
if [ "$rc" = 1 ] && [ "$n" -ge 9 ]; then ok dict-check-lines; else ko dict-check-lines "exit $rc, $n located problems"; cat "$T/err" >&2; fi
echo '{"id":"x","text":"Russia met China."}' | "$DYAD" code --dict "$T/dict" >"$T/out" 2>"$T/err"; rc=$?
if [ "$rc" -le 1 ]; then ok dict-bad-still-codes; else ko dict-bad-still-codes "exit $rc"; fi
head -c 3000 /dev/urandom >"$T/dict/random.actors.txt"
"$DYAD" dict check --dict "$T/dict" >/dev/null 2>&1; rc=$?
if [ "$rc" -le 1 ]; then ok dict-random-bytes; else ko dict-random-bytes "exit $rc"; fi
"$DYAD" dict stats >"$T/stats" 2>&1
if grep -q '^verbs  *[0-9]' "$T/stats" && grep -q '^load ' "$T/stats"; then ok dict-stats; else ko dict-stats "$(cat "$T/stats")"; fi
