#!/bin/sh
# The compiled cache: same events as the text dictionaries, rebuilt when a
# dictionary file changes, ignored when corrupt.
DYAD=${DYAD:-build/dyad}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "PASS cli/cache/$1"; }
ko() { echo "FAIL cli/cache/$1: $2"; }
DATA=$(cd "$(dirname "$0")/../../data" && pwd)
cp -r "$DATA" "$T/dict"
IN='{"id":"c","date":"2024-03-04","text":"Russia and China condemned the United States. Japan praised Korea."}'

echo "$IN" | "$DYAD" code --dict "$T/dict" --no-cache >"$T/plain" 2>/dev/null
"$DYAD" dict compile --dict "$T/dict" --cache "$T/c.bin" 2>/dev/null
echo "$IN" | "$DYAD" code --dict "$T/dict" --cache "$T/c.bin" >"$T/cached" 2>/dev/null
if [ -s "$T/c.bin" ] && [ -s "$T/plain" ] && cmp -s "$T/plain" "$T/cached"; then ok same-events; else ko same-events "cached output differs"; fi

"$DYAD" dict stats --dict "$T/dict" --cache "$T/c.bin" >"$T/st" 2>&1
if grep -q '(cache)' "$T/st"; then ok used; else ko used "$(grep load "$T/st")"; fi

# a changed dictionary makes the cache stale: the new entry is used
printf '\nKOREA_ [XKR]\n' >>"$T/dict/dyad.actors.txt"
echo "$IN" | "$DYAD" code --dict "$T/dict" --cache "$T/c.bin" >"$T/after" 2>/dev/null
if grep -q '"target":"XKR"' "$T/after"; then ok stale-rebuilt; else ko stale-rebuilt "old cache used after a change"; fi

# a corrupt cache is ignored (and replaced)
head -c 5000 "$T/c.bin" >"$T/bad.bin"
printf 'garbage' >>"$T/bad.bin"
echo "$IN" | "$DYAD" code --dict "$T/dict" --cache "$T/bad.bin" >"$T/bad" 2>/dev/null; rc=$?
if [ "$rc" = 0 ] && cmp -s "$T/after" "$T/bad"; then ok corrupt-ignored; else ko corrupt-ignored "exit $rc"; fi
dd if=/dev/urandom of="$T/rand.bin" bs=1k count=64 2>/dev/null
echo "$IN" | "$DYAD" code --dict "$T/dict" --cache "$T/rand.bin" >"$T/rand" 2>/dev/null; rc=$?
if [ "$rc" = 0 ] && cmp -s "$T/after" "$T/rand"; then ok random-ignored; else ko random-ignored "exit $rc"; fi
