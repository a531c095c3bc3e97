#!/bin/sh
# HTML pages, RSS/Atom feeds and WARC files on the command line: detected
# or forced with --input-format, coded, and every malformed input reported
# as "dyad: doc <id|record N>: <reason>", counted in the summary, the rest
# of the stream still read. Prints one PASS/FAIL line per case.
DYAD=${DYAD:-build/dyad}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
PAGE=tests/golden/0011-html-article/input
RSS=tests/golden/0012-rss/input

# run FILE [ARGS...]: dyad code, keeping stdout/stderr/rc in $T
run() {
	f=$1; shift
	"$DYAD" code "$@" "$f" >"$T/out" 2>"$T/err"
	echo $? >"$T/rc"
}
# expect NAME RC SUMMARY [STDERR-PATTERN...]
expect() {
	name=$1 rc=$2 summary=$3
	shift 3
	got_rc=$(cat "$T/rc")
	if [ "$got_rc" != "$rc" ]; then
		echo "FAIL cli/web_input/$name: exit $got_rc, want $rc"; sed 's/^/  /' "$T/err" | head -5 >&2; return
	fi
	if ! tail -n 1 "$T/err" | grep -q "^$summary"; then
		echo "FAIL cli/web_input/$name: summary '$(tail -n 1 "$T/err")', want '$summary'"; return
	fi
	for pat in "$@"; do
		if ! grep -q -- "$pat" "$T/err" "$T/out"; then
			echo "FAIL cli/web_input/$name: output lacks '$pat'"; sed 's/^/  /' "$T/err" | head -5 >&2; return
		fi
	done
	echo "PASS cli/web_input/$name"
}

cp "$PAGE" "$T/page.html"
run "$T/page.html"
expect html-file 0 "docs=1 coded=1 empty=0 errors=0 events=2" \
	'"source_text":"Azerbaijani Minister of Foreign Affairs Jeyhun Bayramov"' \
	'"doc_id":"https://caspian-daily.example/politics/bayramov-eco"'

# forced on stdin, and the date of the page wins over --date
"$DYAD" code --input-format html --date 2020-01-01 <"$PAGE" >"$T/out" 2>"$T/err"; echo $? >"$T/rc"
expect html-stdin-forced 0 "docs=1 coded=1" '"date":"2024-09-25"'

# forced as text, the markup is text: a different (worse) coding
run "$T/page.html" --input-format text --date 2024-09-26
if grep -q 'Bayramov' "$T/out" && ! grep -q '<p>' "$T/out"; then
	echo "FAIL cli/web_input/text-forced: markup not read as text"
else
	echo "PASS cli/web_input/text-forced"
fi

printf '<html><body><nav><a href="/">Home</a> <a href="/w">World</a></nav><footer>(c) 2024</footer></body></html>' >"$T/empty.html"
run "$T/empty.html"
expect html-no-text 1 "docs=1 coded=0 empty=0 errors=1" "dyad: doc empty.html: page has no article text"

run "$RSS"
expect rss 0 "docs=3 coded=2 empty=1 errors=0 events=3" '"doc_id":"cdn-2024-0926-001"'

cat >"$T/atom.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><title>Kharkiv</title><id>tag:w,2024:1</id><published>2024-03-15T08:00:00Z</published>
<content type="html">&lt;p&gt;Russian forces shelled the Ukrainian city of Kharkiv on Tuesday.&lt;/p&gt;</content></entry>
</feed>
XML
run "$T/atom.xml" --input-format atom
expect atom 0 "docs=1 coded=1 empty=0 errors=0" '"doc_id":"tag:w,2024:1"' '"date":"2024-03-12"'

head -c 1200 "$RSS" >"$T/cut.rss"
run "$T/cut.rss"
expect feed-not-well-formed 1 "docs=3 coded=1 empty=1 errors=1" "dyad: doc cut.rss: feed is not well-formed: "

printf '<rss><channel><title>x</title></channel></rss>' >"$T/none.rss"
run "$T/none.rss"
expect feed-no-items 1 "docs=1 coded=0 empty=0 errors=1" "dyad: doc none.rss: feed has no items"

printf '<html><body><article><p>Russia and China condemned the United States over tariffs on Monday.</p></article></body></html>' >"$T/k.html"
sh scripts/mkwarc.sh "$T/a.warc" "$T/page.html" "$T/k.html"
run "$T/a.warc"
expect warc 0 "docs=2 coded=2 empty=0 errors=0" "dyad: .*a.warc: 7 WARC records skipped (not HTML responses)" \
	'"doc_id":"<urn:uuid:00000000-0000-4000-8000-000000000003>"'

sh scripts/mkwarc.sh -z -c -n 3 "$T/b.warc.gz" "$T/page.html" "$T/k.html"
run "$T/b.warc.gz"
expect warc-gzip-records-chunked 0 "docs=6 coded=6 empty=0 errors=0" "19 WARC records skipped"

zstd -q -c "$T/a.warc" >"$T/c.zst"
"$DYAD" code --input-format warc <"$T/c.zst" >"$T/out" 2>"$T/err"; echo $? >"$T/rc"
expect warc-zstd-stdin 0 "docs=2 coded=2" "dyad: stdin: 7 WARC records skipped"

# truncated in the middle of the second response
size=$(wc -c <"$T/a.warc")
head -c $((size - 700)) "$T/a.warc" >"$T/trunc.warc"
run "$T/trunc.warc"
expect warc-truncated 1 "docs=2 coded=1 empty=0 errors=1" "dyad: doc <urn:uuid:[0-9-]*>: record [0-9]* at byte [0-9]*: truncated record"

# a bogus Content-Length on the first response: reported, the rest read
awk 'BEGIN{n=0} /^Content-Length: / && !done { n++; if (n == 3) { sub(/[0-9]+/, "12ab"); done=1 } } { print }' \
	"$T/a.warc" >"$T/bogus.warc"
run "$T/bogus.warc"
expect warc-bogus-length 1 "docs=2 coded=1 empty=0 errors=1" "bad Content-Length '12ab'"

# gzip members, the last one cut: the stream fails there, reported once,
# after the documents before it
sh scripts/mkwarc.sh -z "$T/d.warc.gz" "$T/page.html" "$T/k.html"
size=$(wc -c <"$T/d.warc.gz")
head -c $((size - 300)) "$T/d.warc.gz" >"$T/dtrunc.warc.gz"
run "$T/dtrunc.warc.gz"
expect warc-gzip-truncated 1 "docs=2 coded=2 empty=0 errors=0" "dyad: truncated gzip stream in '.*dtrunc.warc.gz'"

# over the per-document cap
run "$T/a.warc" --max-doc-bytes 2000
expect warc-cap 1 "docs=2 coded=1 empty=0 errors=1" "content of [0-9]* bytes exceeds 2000 bytes"

# --strict stops at the first bad record
run "$T/bogus.warc" --strict
expect warc-strict 1 "docs=1 coded=0 empty=0 errors=1" "bad Content-Length"

"$DYAD" code --input-format pdf "$T/a.warc" >"$T/out" 2>"$T/err"
rc=$?
if [ "$rc" = 2 ] && grep -q "unknown input format 'pdf'" "$T/err"; then
	echo "PASS cli/web_input/unknown-format"
else
	echo "FAIL cli/web_input/unknown-format: exit $rc"
fi

# ingest reads the same inputs
"$DYAD" ingest --db "$T/s.db" "$T/a.warc" "$RSS" >"$T/out" 2>"$T/err"; echo $? >"$T/rc"
n=$(sqlite3 "$T/s.db" 'select count(*) from documents' 2>/dev/null)
if [ "$(cat "$T/rc")" = 0 ] && [ "$n" = 5 ]; then
	echo "PASS cli/web_input/ingest"
else
	echo "FAIL cli/web_input/ingest: exit $(cat "$T/rc"), $n documents stored, want 5"; head -3 "$T/err" >&2
fi
