#!/bin/sh
# mkwarc.sh - write a small WARC/1.1 file shaped like a news crawl, for
# tests and benchmarks (no network: the pages are local files).
# Usage: scripts/mkwarc.sh [-z] [-c] [-n N] OUT.warc PAGE.html...
#   -z    gzip each record as its own member (as Common Crawl ships them)
#   -c    send every second payload with Transfer-Encoding: chunked and
#         Content-Encoding: gzip
#   -n N  repeat the page list N times (distinct URIs and record ids)
# Writes a warcinfo record, then per page a request, a response (HTTP 200,
# text/html) and a metadata record; after every page a response whose
# payload is an image, which readers skip.
set -e
gz=0 chunk=0 reps=1
while [ $# -gt 0 ]; do
	case $1 in
	-z) gz=1; shift ;;
	-c) chunk=1; shift ;;
	-n) reps=$2; shift 2 ;;
	*) break ;;
	esac
done
out=$1; shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: >"$out"
seq=0

# record TYPE URI CONTENT-TYPE BLOCK-FILE
record() {
	seq=$((seq + 1))
	len=$(wc -c <"$4" | tr -d ' ')
	{
		printf 'WARC/1.1\r\nWARC-Type: %s\r\n' "$1"
		[ -n "$2" ] && printf 'WARC-Target-URI: %s\r\n' "$2"
		printf 'WARC-Date: 2024-09-26T10:%02d:%02dZ\r\n' $((seq / 60 % 60)) $((seq % 60))
		printf 'WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>\r\n' "$seq"
		printf 'Content-Type: %s\r\nContent-Length: %s\r\n\r\n' "$3" "$len"
		cat "$4"
		printf '\r\n\r\n'
	} >"$tmp/rec"
	if [ "$gz" = 1 ]; then gzip -c -n "$tmp/rec" >>"$out"; else cat "$tmp/rec" >>"$out"; fi
}

printf 'software: dyad mkwarc.sh\r\nformat: WARC File Format 1.1\r\n' >"$tmp/info"
record warcinfo "" "application/warc-fields" "$tmp/info"
r=0
while [ "$r" -lt "$reps" ]; do
	r=$((r + 1))
	k=0
	for page in "$@"; do
		k=$((k + 1))
		uri="https://news.example/$r/$k/$(basename "$page")"
		printf 'GET /%s/%s HTTP/1.1\r\nHost: news.example\r\nUser-Agent: mkwarc\r\n\r\n' "$r" "$k" >"$tmp/req"
		record request "$uri" "application/http; msgtype=request" "$tmp/req"
		if [ "$chunk" = 1 ] && [ $((k % 2)) = 0 ]; then
			gzip -c -n "$page" >"$tmp/body.gz"
			size=$(wc -c <"$tmp/body.gz" | tr -d ' ')
			half=$((size / 2))
			{
				printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n'
				printf 'Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n'
				printf '%x\r\n' "$half"; head -c "$half" "$tmp/body.gz"; printf '\r\n'
				printf '%x\r\n' $((size - half)); tail -c $((size - half)) "$tmp/body.gz"; printf '\r\n'
				printf '0\r\n\r\n'
			} >"$tmp/resp"
		else
			{
				printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n'
				printf 'Content-Length: %s\r\n\r\n' "$(wc -c <"$page" | tr -d ' ')"
				cat "$page"
			} >"$tmp/resp"
		fi
		record response "$uri" "application/http; msgtype=response" "$tmp/resp"
		printf 'fetchTimeMs: 12\r\n' >"$tmp/meta"
		record metadata "$uri" "application/warc-fields" "$tmp/meta"
		printf 'HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 8\r\n\r\n\211PNG\r\n\032\n' >"$tmp/img"
		record response "https://news.example/$r/$k/logo.png" "application/http; msgtype=response" "$tmp/img"
	done
done
