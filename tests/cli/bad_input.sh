#!/bin/sh
# Bad input never crashes dyad and never loses a document silently: each
# bad document is reported as "dyad: doc <id|line N>: <reason>", the good
# ones around it are still coded, and the summary and exit status say so.
# Prints one PASS/FAIL line per case (counted by tests/run.sh).
DYAD=${DYAD:-build/dyad}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
GOOD='{"id":"good","date":"2024-03-04","text":"Russia and China condemned the United States."}'

# run NAME FILE [ARGS...]: runs dyad code, keeps stdout/stderr/rc in $T
run() {
	name=$1; f=$2; shift 2
	"$DYAD" code "$@" "$f" >"$T/out" 2>"$T/err"
	echo $? >"$T/rc"
}
# expect NAME RC SUMMARY STDERR-PATTERN
expect() {
	name=$1 rc=$2 summary=$3 pat=$4
	got_rc=$(cat "$T/rc")
	if [ "$got_rc" != "$rc" ]; then
		echo "FAIL cli/bad_input/$name: exit $got_rc, want $rc"; sed 's/^/  /' "$T/err" | head -5 >&2; return
	fi
	if ! tail -n 1 "$T/err" | grep -q "^$summary"; then
		echo "FAIL cli/bad_input/$name: summary '$(tail -n 1 "$T/err")', want '$summary'"; return
	fi
	if [ -n "$pat" ] && ! grep -q -- "$pat" "$T/err"; then
		echo "FAIL cli/bad_input/$name: stderr lacks '$pat'"; sed 's/^/  /' "$T/err" | head -5 >&2; return
	fi
	echo "PASS cli/bad_input/$name"
}

printf '%s\n{"id":"bad","text":"caf\351"}\n%s\n' "$GOOD" "$GOOD" >"$T/utf8.jsonl"
run utf8 "$T/utf8.jsonl"
expect invalid-utf8-json 1 "docs=3 coded=2 empty=0 errors=1 events=4" "dyad: doc line 2: invalid"

printf 'Russia condemned \377 the United States.\n' >"$T/utf8.txt"
run utf8-text "$T/utf8.txt" --date 2024-03-04
expect invalid-utf8-text 1 "docs=1 coded=0 empty=0 errors=1" "dyad: doc utf8.txt: invalid UTF-8"

printf '%s\n{"id":"nul","text":"a\\u0000b"}\n%s\n' "$GOOD" "$GOOD" >"$T/nul.jsonl"
run nul "$T/nul.jsonl"
expect nul-escape 1 "docs=3 coded=2 empty=0 errors=1" "dyad: doc line 2: .*NUL"

printf '%s\n{"id":"raw","text":"a\000b"}\n%s\n' "$GOOD" "$GOOD" >"$T/rawnul.jsonl"
run rawnul "$T/rawnul.jsonl"
expect nul-raw 1 "docs=3 coded=2 empty=0 errors=1" "dyad: doc line 2: .*NUL"

printf '%s\n{"id":"trunc","text":"Russia cond\n%s\n' "$GOOD" "$GOOD" >"$T/trunc.jsonl"
run trunc "$T/trunc.jsonl"
expect truncated-json 1 "docs=3 coded=2 empty=0 errors=1" "dyad: doc line 2: invalid JSON"

printf '%s\n[1,2,3]\n"just a string"\n%s\n' "$GOOD" "$GOOD" >"$T/notobj.jsonl"
run notobj "$T/notobj.jsonl"
expect not-an-object 1 "docs=4 coded=2 empty=0 errors=2" "dyad: doc line 3: line is not a JSON object"

printf '%s\n{"id":"notext","date":"2024-01-01"}\n%s\n' "$GOOD" "$GOOD" >"$T/notext.jsonl"
run notext "$T/notext.jsonl"
expect missing-text 1 "docs=3 coded=2 empty=0 errors=1" "dyad: doc notext: missing field 'text'"

printf '%s\n{"id":"baddate","date":20240101,"text":"x"}\n{"id":"baddate2","date":"2024-02-30","text":"x"}\n%s\n' "$GOOD" "$GOOD" >"$T/date.jsonl"
run date "$T/date.jsonl"
expect wrong-date 1 "docs=4 coded=2 empty=0 errors=2" "dyad: doc baddate: field 'date'"

: >"$T/empty.jsonl"
run empty "$T/empty.jsonl"
expect empty-file 0 "docs=0 coded=0 empty=0 errors=0 events=0" ""

printf '\177ELF\002\001\001\000\000\000\377\376binary\000junk' >"$T/binary"
run binary "$T/binary"
expect binary-file 1 "docs=1 coded=0 empty=0 errors=1" "dyad: doc binary:"

# 100 MB on one line between two good documents: reported, skipped,
# and the reader streams past it without holding it.
{ echo "$GOOD"; printf '{"id":"huge","text":"'; head -c 104857600 /dev/zero | tr '\0' 'a'; printf '"}\n'; echo "$GOOD"; } >"$T/huge.jsonl"
run huge "$T/huge.jsonl"
expect line-100mb 1 "docs=3 coded=2 empty=0 errors=1" "dyad: doc line 2: line exceeds 64 MiB"
rm -f "$T/huge.jsonl"

# --strict stops at the first bad document
run strict "$T/notext.jsonl" --strict
expect strict 1 "docs=2 coded=1 empty=0 errors=1" "missing field 'text'"

# a document with no events is "empty", not an error
printf '{"id":"quiet","text":"It rained all day."}\n' >"$T/quiet.jsonl"
run quiet "$T/quiet.jsonl"
expect no-events 0 "docs=1 coded=0 empty=1 errors=0 events=0" ""

# gzip and zstd are read transparently, same events as plain
printf '%s\n' "$GOOD" >"$T/g.jsonl"
gzip -c "$T/g.jsonl" >"$T/g.jsonl.gz"
run gz "$T/g.jsonl.gz"
expect gzip 0 "docs=1 coded=1 empty=0 errors=0 events=2" ""
if command -v zstd >/dev/null 2>&1; then
	zstd -q -c "$T/g.jsonl" >"$T/g.jsonl.zst"
	run zst "$T/g.jsonl.zst"
	expect zstd 0 "docs=1 coded=1 empty=0 errors=0 events=2" ""
fi

# a missing file is an I/O error, not a crash
run missing "$T/nope.jsonl"
expect missing-file 1 "docs=0" "cannot open"

# usage errors exit 2
"$DYAD" code --format xml </dev/null >/dev/null 2>"$T/err"; echo $? >"$T/rc"
if [ "$(cat "$T/rc")" = 2 ]; then echo "PASS cli/bad_input/usage"; else echo "FAIL cli/bad_input/usage: exit $(cat "$T/rc")"; fi
"$DYAD" code --dict "$T/nodict" </dev/null >/dev/null 2>"$T/err"; echo $? >"$T/rc"
if [ "$(cat "$T/rc")" = 2 ]; then echo "PASS cli/bad_input/no-dictionary"; else echo "FAIL cli/bad_input/no-dictionary: exit $(cat "$T/rc")"; fi
