#!/bin/sh
# `dyad validate` on small suites written here (no ../shared needed): the
# PASS/FAIL lines, the per-feature line, the totals, --only, --floor, the
# exit statuses, and errors with file:line. The expected events of the
# passing record are taken from `dyad code` on the same sentence, so the
# test follows the coder as it improves.
DYAD=${DYAD:-build/dyad}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "PASS cli/validate/$1"; }
ko() { echo "FAIL cli/validate/$1: $2"; sed 's/^/  /' "$T/out" "$T/err" 2>/dev/null | head -20 >&2; }

S1="Russia condemned the United States on Monday."
S2="It rained all day in the capital."
printf '{"id":"x","date":"2024-03-04","text":"%s"}\n' "$S1" |
	"$DYAD" code --format tsv 2>/dev/null | tail -n +2 | cut -f4-6 | sort -u >"$T/ev"
codings=$(awk -F'\t' '{ printf "<EventCoding sourcecode=\"%s\" targetcode=\"%s\" eventcode=\"%s\"/>\n", $1, $2, $3 }' "$T/ev")
[ -n "$codings" ] || codings='<EventCoding noevents="True"/>'
mkdir -p "$T/text"
cat >"$T/text/g.xml" <<EOF
<Validation>
<Environment>
  <Verbfile>CAMEO.2.0.txt</Verbfile>
  <Actorfile>Phoenix.Countries.actors.txt,Phoenix.International.actors.txt</Actorfile>
  <Agentfile>Phoenix.agents.txt</Agentfile>
</Environment>
<Sentences>
<Sentence category="GOOD" date="20240304" id="good" evaluate="true"/>
$codings
<Text>$S1</Text>
<Sentence category="WRONG" date="20240304" id="wrong" evaluate="true"/>
<EventCoding sourcecode="XXX" targetcode="YYY" eventcode="999"/>
<Text>$S1</Text>
<Sentence category="GOOD" date="20240304" id="quiet" evaluate="true"/>
<EventCoding noevents="True"/>
<Text>$S2</Text>
<Sentence category="WRONG" id="nodate" evaluate="true"/>
<EventCoding noevents="True"/>
<Text>$S2</Text>
<Sentence category="GOOD" date="20240304" id="off" evaluate="false"/>
<EventCoding noevents="True"/>
<Text>$S2</Text>
</Sentences>
</Validation>
EOF

"$DYAD" validate "$T/text/g.xml" >"$T/out" 2>"$T/err"
rc=$?
if [ "$rc" = 0 ] && grep -qx 'PASS good' "$T/out" && grep -qx 'PASS quiet' "$T/out" &&
	grep -q '^FAIL wrong: expected {XXX YYY 999} got ' "$T/out" &&
	grep -q '^FAIL nodate: malformed record: missing or bad date' "$T/out" &&
	grep -qx 'SKIP off: evaluate="false"' "$T/out" &&
	grep -qx 'FAIL by feature: WRONG 2' "$T/out" &&
	[ "$(tail -n 1 "$T/out")" = "2 passed, 2 failed" ]; then
	ok records
else
	ko records "exit $rc, unexpected output"
fi

"$DYAD" validate --only fail "$T/text/g.xml" >"$T/out" 2>"$T/err"
if [ "$(grep -c '^PASS\|^SKIP' "$T/out")" = 0 ] && [ "$(grep -c '^FAIL [a-z]*: ' "$T/out")" = 2 ] &&
	[ "$(tail -n 1 "$T/out")" = "2 passed, 2 failed" ]; then
	ok only-fail
else
	ko only-fail "PASS or SKIP lines printed, or FAIL lines missing"
fi
"$DYAD" validate --only pass "$T/text/g.xml" >"$T/out" 2>"$T/err"
if [ "$(grep -c '^PASS' "$T/out")" = 2 ] && ! grep -q '^FAIL [a-z]*: ' "$T/out"; then
	ok only-pass
else
	ko only-pass "unexpected lines"
fi

"$DYAD" validate --floor 2 "$T/text/g.xml" >/dev/null 2>&1
a=$?
"$DYAD" validate --floor 3 "$T/text/g.xml" >/dev/null 2>"$T/err"
b=$?
if [ "$a" = 0 ] && [ "$b" = 1 ] && grep -q 'below the floor of 3' "$T/err"; then
	ok floor
else
	ko floor "--floor 2 exit $a (want 0), --floor 3 exit $b (want 1)"
fi

# a TABARI suite whose .project names a missing file: exit 2, project:line
mkdir -p "$T/tab"
printf '950101  A-1\nArnor restored full diplomatic ties with Gondor.\n/*\\n{ ARN / GON / 064 } */\n' >"$T/tab/V.text"
printf 'Validation project\n<actorsfile> V.actors\n<verbsfile> missing.verbs\n' >"$T/tab/V.project"
: >"$T/tab/V.actors"
"$DYAD" validate "$T/tab/V.text" >"$T/out" 2>"$T/err"
rc=$?
if [ "$rc" = 2 ] && grep -q 'V.project:3: .missing.verbs. not found' "$T/err"; then
	ok tabari-missing-dictionary
else
	ko tabari-missing-dictionary "exit $rc, want 2 and V.project:3 in the message"
fi

# usage errors and unreadable suites exit 2
n=0
for args in "" "--only maybe $T/text/g.xml" "--floor -1 $T/text/g.xml" "$T/nope.xml" \
	"--project $T/tab/V.project $T/text/g.xml" "$T/text/g.xml $T/text/g.xml"; do
	# shellcheck disable=SC2086
	"$DYAD" validate $args >/dev/null 2>&1
	rc=$?
	[ "$rc" = 2 ] || { n=$((n + 1)); echo "  validate $args: exit $rc" >&2; }
done
printf 'no records here\n' >"$T/words.txt"
"$DYAD" validate "$T/words.txt" >/dev/null 2>"$T/err"
rc=$?
if [ "$n" = 0 ] && [ "$rc" = 2 ] && grep -q 'format' "$T/err"; then
	ok usage-errors
else
	ko usage-errors "$n usage cases did not exit 2; unknown format exit $rc"
fi
