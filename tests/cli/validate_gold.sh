#!/bin/sh
# `dyad validate --gold`: a user's own documents against expected events.
# Covers the two gold forms (per-document "events" and dyad's own output
# frozen as gold), PASS/FAIL/SKIP lines, a gold document missing from the
# input, a reader error in the input, --only, --floor, compressed input,
# and gold errors reported as FILE:LINE with exit 2.
DYAD=${DYAD:-build/dyad}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "PASS cli/validate-gold/$1"; }
ko() { echo "FAIL cli/validate-gold/$1: $2"; sed 's/^/  /' "$T/out" "$T/err" 2>/dev/null | head -20 >&2; }

cat >"$T/docs.jsonl" <<'EOF'
{"id":"a","date":"2024-03-04","text":"Russia condemned the United States on Monday."}
{"id":"b","date":"2024-03-04","text":"It rained all day in the capital."}
{"id":"c","date":"2024-03-04","text":"France praised Germany."}
not json
EOF
# the events of "a" as dyad codes them: the test follows the coder
"$DYAD" code --format tsv "$T/docs.jsonl" 2>/dev/null | awk -F'\t' '$1 == "a" { print $4, $5, $6 }' | sort -u >"$T/a.ev"
[ -s "$T/a.ev" ] || { echo "FAIL cli/validate-gold/setup: dyad codes nothing for document a"; exit 0; }
evs=$(awk '{ printf "[\"%s\",\"%s\",\"%s\"]\n", $1, $2, $3 }' "$T/a.ev" | paste -sd, -)
cat >"$T/gold.jsonl" <<EOF
# expected events per document
{"id":"a","events":[$evs]}
{"id":"b","events":[]}
{"id":"c","events":[{"source":"FRA","target":"DEU","code":"999"}]}
{"id":"gone","events":[]}
EOF
"$DYAD" validate --gold "$T/gold.jsonl" "$T/docs.jsonl" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 0 ] && grep -qx 'PASS a' "$T/out" && grep -qx 'PASS b' "$T/out" &&
	grep -q '^FAIL c: expected {FRA DEU 999} got {' "$T/out" &&
	grep -q '^FAIL gone: not in the input' "$T/out" &&
	[ "$(tail -n 1 "$T/out")" = "2 passed, 2 failed" ] &&
	grep -q 'line 4' "$T/err" && grep -q 'errors=1' "$T/err"; then
	ok per-document-gold
else
	ko per-document-gold "rc=$rc"
fi

# --only fail, --floor
"$DYAD" validate --gold "$T/gold.jsonl" --only fail "$T/docs.jsonl" >"$T/out" 2>"$T/err"
if ! grep -q '^PASS' "$T/out" && grep -q '^FAIL c' "$T/out"; then ok only-fail; else ko only-fail "PASS lines or no FAIL"; fi
"$DYAD" validate --gold "$T/gold.jsonl" --floor 3 "$T/docs.jsonl" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 1 ] && grep -q 'below the floor of 3' "$T/err"; then ok floor; else ko floor "rc=$rc"; fi

# dyad's own output frozen as gold; the input compressed; a document
# without gold is SKIP and not counted
head -n 3 "$T/docs.jsonl" >"$T/good.jsonl"
"$DYAD" code "$T/good.jsonl" >"$T/frozen.jsonl" 2>/dev/null
gzip -c "$T/good.jsonl" >"$T/good.jsonl.gz"
"$DYAD" validate --gold "$T/frozen.jsonl" "$T/good.jsonl.gz" >"$T/out" 2>"$T/err"
rc=$?
n=$(grep -c '^PASS' "$T/out")
docs=$(cut -d'"' -f4 "$T/frozen.jsonl" | sort -u | wc -l)
if [ $rc -eq 0 ] && [ "$n" -eq "$docs" ] && grep -qx 'SKIP b: no gold' "$T/out" &&
	[ "$(tail -n 1 "$T/out")" = "$docs passed, 0 failed" ]; then
	ok frozen-output
else
	ko frozen-output "rc=$rc pass=$n docs=$docs"
fi

# gold errors: FILE:LINE and exit 2
printf '{"id":"a","events":[]}\n{"id":"x","events":[["A","B"]]}\n' >"$T/bad.jsonl"
"$DYAD" validate --gold "$T/bad.jsonl" "$T/docs.jsonl" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "bad.jsonl:2: " "$T/err"; then ok gold-error; else ko gold-error "rc=$rc"; fi
printf '{"id":"a","events":[]}\n{"id":\n' >"$T/bad.jsonl"
"$DYAD" validate --gold "$T/bad.jsonl" "$T/docs.jsonl" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "bad.jsonl:2: " "$T/err"; then ok gold-bad-json; else ko gold-bad-json "rc=$rc"; fi
"$DYAD" validate --gold "$T/nonexistent" "$T/docs.jsonl" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "cannot read gold" "$T/err"; then ok gold-missing; else ko gold-missing "rc=$rc"; fi

# the web input formats: an HTML page, a feed and a WARC archive, each
# checked against dyad's own reviewed output (tests/golden/0011-0013)
for g in 0011-html-article 0012-rss 0013-warc; do
	in=tests/golden/$g/input
	[ -f "$in" ] || { ko "web-$g" "missing $in"; continue; }
	"$DYAD" code "$in" >"$T/frozen.jsonl" 2>/dev/null
	docs=$(cut -d'"' -f4 "$T/frozen.jsonl" | sort -u | wc -l)
	"$DYAD" validate --gold "$T/frozen.jsonl" "$in" >"$T/out" 2>"$T/err"
	rc=$?
	if [ $rc -eq 0 ] && [ "$docs" -gt 0 ] && [ "$(tail -n 1 "$T/out")" = "$docs passed, 0 failed" ]; then
		ok "web-$g"
	else
		ko "web-$g" "rc=$rc docs=$docs"
	fi
done
