#!/bin/sh
# The event store: dyad ingest / query / export / dedup. Re-ingesting
# changes nothing, a changed text replaces its events, filters and
# aggregates, export column sets, deduplication, and bad situations: a
# real `kill -9` mid-ingest (integrity, then a rerun equals an
# uninterrupted ingest), a full disk (ulimit -f; a small tmpfs when mount
# works), read-only file and directory (as user nobody), a locked
# database, a foreign database, a newer schema. Every failure must give a
# clear message, exit 2 and leave the database as it was.
DYAD=${DYAD:-build/dyad}
BUILD=$(dirname "$DYAD")
T=$(mktemp -d)
MNT=
cleanup() {
	[ -n "$MNT" ] && umount "$MNT" 2>/dev/null
	chmod -R u+w "$T" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
ok() { echo "PASS cli/store-$1"; }
ko() { echo "FAIL cli/store-$1: $2"; }
skip() { echo "SKIP cli/store-$1: $2"; }
check() { # check NAME CONDITION-EXIT-STATUS MESSAGE
	if [ "$2" = 0 ]; then ok "$1"; else ko "$1" "$3"; fi
}
SEED=examples/seed.jsonl
if ! command -v sqlite3 >/dev/null 2>&1; then
	skip all "the sqlite3 command is not installed (scripts/install-deps.sh)"
	exit 0
fi
q1() { sqlite3 "$1" "$2" 2>&1; }
# content of a store that must not change: documents, sentences, events
dump() {
	sqlite3 "$1" "SELECT * FROM documents ORDER BY doc_id; SELECT * FROM sentences ORDER BY 1, 2;
		SELECT * FROM events ORDER BY event_id; PRAGMA user_version;" 2>&1 | cksum
}
# what an ingest stored, independent of event ids and times
content() {
	sqlite3 "$1" "SELECT doc_id, text_sha256, n_events FROM documents ORDER BY 1;
		SELECT doc_id, sentence, date, source, target, code, evidence_start, evidence_end
		FROM events ORDER BY 1, 2, 3, 4, 5, 6, 7; SELECT * FROM sentences ORDER BY 1, 2;" | cksum
}

# ---- ingest, re-ingest, replace -----------------------------------------------
DB=$T/ex.db
"$DYAD" ingest --db "$DB" "$SEED" >"$T/out" 2>"$T/err"; rc=$?
nd=$(q1 "$DB" "SELECT count(*) FROM documents")
ne=$(q1 "$DB" "SELECT count(*) FROM events")
if [ $rc = 0 ] && [ "$nd" = 3 ] && [ "$ne" -ge 4 ] && grep -q 'new=3 replaced=0 unchanged=0' "$T/err" &&
	grep -q '^ingest: .* docs/s, .* events/s' "$T/err"; then
	ok ingest
else
	ko ingest "exit $rc, $nd documents, $ne events: $(cat "$T/err")"
fi
n=$("$DYAD" code "$SEED" 2>/dev/null | wc -l)
check ingest-same-events $([ "$n" = "$ne" ]; echo $?) "dyad code gives $n events, the store has $ne"
prov=$(q1 "$DB" "SELECT count(*) FROM events e JOIN documents d USING (doc_id)
	JOIN sentences s USING (doc_id, sentence) WHERE e.rule LIKE '%:%' AND length(e.dict_version) = 16
	AND e.dyad_version <> '' AND d.publisher = 'dyad example' AND length(d.text_sha256) = 64
	AND substr(s.text, 1, 5) <> '' AND e.evidence_start = s.start")
check provenance $([ "$prov" = "$ne" ]; echo $?) "$prov of $ne events with full provenance"
before=$(dump "$DB")
"$DYAD" ingest --db "$DB" "$SEED" >/dev/null 2>"$T/err"; rc=$?
if [ $rc = 0 ] && [ "$(dump "$DB")" = "$before" ] && grep -q 'new=0 replaced=0 unchanged=3' "$T/err"; then
	ok reingest-unchanged
else
	ko reingest-unchanged "exit $rc; $(cat "$T/err")"
fi
sed 's/shelled the Ukrainian city of Kharkiv/signed a trade agreement with Ukraine/' "$SEED" >"$T/seed2.jsonl"
"$DYAD" ingest --db "$DB" "$T/seed2.jsonl" >/dev/null 2>"$T/err"; rc=$?
old=$(q1 "$DB" "SELECT count(*) FROM events WHERE doc_id = 'example-2' AND root = '19'")
new=$(q1 "$DB" "SELECT count(*) FROM events WHERE doc_id = 'example-2' AND code = '061'")
if [ $rc = 0 ] && grep -q 'new=0 replaced=1 unchanged=2' "$T/err" && [ "$old" = 0 ] && [ "$new" -ge 1 ] &&
	[ "$(q1 "$DB" "SELECT count(*) FROM documents")" = 3 ]; then
	ok changed-text-replaces
else
	ko changed-text-replaces "exit $rc, old events $old, new $new: $(cat "$T/err")"
fi
"$DYAD" ingest --db "$DB" "$SEED" >/dev/null 2>&1   # back to the example

# ---- query ----------------------------------------------------------------------
"$DYAD" query --db "$DB" --dyad IGOECO,AZE --format jsonl >"$T/q" 2>"$T/err"; rc=$?
if [ $rc = 0 ] && grep -q '"source":"AZEGOV","target":"IGOECO","code":"040","root":"04"' "$T/q" &&
	grep -q '"source":"IGOECO","target":"AZE"' "$T/q" && ! grep -q '"RUS' "$T/q"; then
	ok query-dyad-either-direction
else
	ko query-dyad-either-direction "exit $rc: $(head -c 300 "$T/q") $(cat "$T/err")"
fi
"$DYAD" query --db "$DB" --source aze --format csv >"$T/q" 2>&1
n=$(($(wc -l <"$T/q") - 1))
m=$(q1 "$DB" "SELECT count(*) FROM events WHERE source LIKE 'AZE%'")
if [ "$n" = "$m" ] && head -n 1 "$T/q" | grep -q '^event_id,date,source,target,code,root,quad_class,goldstein' &&
	grep -q ',AZEGOV,IGOECO,040,04,' "$T/q"; then
	ok query-source-prefix-csv
else
	ko query-source-prefix-csv "$n rows, want $m: $(head -n 2 "$T/q")"
fi
n=$("$DYAD" query --db "$DB" --text kharkiv --format tsv --no-header 2>&1 | wc -l)
check query-text $([ "$n" = 1 ]; echo $?) "$n rows"
n=$("$DYAD" query --db "$DB" --quad material-conflict,4 --from 2024-03-01 --to 2024-03-31 --format jsonl 2>&1 |
	grep -c '"quad_class":4')
check query-quad-dates $([ "$n" = 1 ]; echo $?) "$n rows"
"$DYAD" query --db "$DB" --agg month --by dyad >"$T/q" 2>&1; rc=$?
if [ $rc = 0 ] && head -n 1 "$T/q" | grep -q '^period  *source  *target  *events  *goldstein_sum  *goldstein_mean  *verbal_coop  *material_coop  *verbal_conflict  *material_conflict$' &&
	grep -q '^2024-09  *AZEGOV  *IGOECO  *2  *5.0  *2.5  *2  *0  *0  *0$' "$T/q"; then
	ok query-agg-month-table
else
	ko query-agg-month-table "exit $rc: $(cat "$T/q")"
fi
"$DYAD" query --db "$DB" --agg year --by root --format jsonl >"$T/q" 2>&1
if grep -q '"period":"2024","root":"04","events":1,"goldstein_sum":1.0,"goldstein_mean":1.0,"verbal_coop":1,' "$T/q"; then
	ok query-agg-jsonl
else
	ko query-agg-jsonl "$(head -n 3 "$T/q")"
fi
"$DYAD" query --db "$DB" --agg week --format csv >"$T/q" 2>&1
check query-agg-week $(grep -q '^2024-09-23,3,' "$T/q"; echo $?) "$(cat "$T/q")"
"$DYAD" query --db "$DB" --by nothing >/dev/null 2>"$T/err"; rc=$?
check query-usage $([ $rc = 2 ] && grep -q "unknown --by 'nothing'" "$T/err"; echo $?) "exit $rc"

# ---- export ---------------------------------------------------------------------
fields() { awk -F '\t' '{ print NF }' "$1" | sort -u | tr '\n' ' '; }
"$DYAD" export --db "$DB" --schema gdelt >"$T/g" 2>&1; rc=$?
if [ $rc = 0 ] && [ "$(fields "$T/g")" = "61 " ] && [ "$(wc -l <"$T/g")" = "$ne" ] &&
	awk -F '\t' '$6 == "AZEGOV" && $27 == "040" && $28 == "040" && $29 == "04" && $2 == "20240925" && $8 == "AZE" && $13 == "GOV" { f = 1 } END { exit !f }' "$T/g"; then
	ok export-gdelt
else
	ko export-gdelt "exit $rc, fields $(fields "$T/g"): $(head -n 1 "$T/g")"
fi
"$DYAD" export --db "$DB" --schema gdelt --header >"$T/g" 2>&1
check export-gdelt-header $(head -n 1 "$T/g" | grep -q '^GLOBALEVENTID	SQLDATE	MonthYear	Year	FractionDate	Actor1Code	'; echo $?) "$(head -c 200 "$T/g")"
for s in phoenix:26 icews:20 polecat:40; do
	name=${s%:*} want=${s#*:}
	"$DYAD" export --db "$DB" --schema "$name" -o "$T/x" 2>"$T/err"; rc=$?
	got=$(fields "$T/x")
	if [ $rc = 0 ] && [ "$got" = "$want " ]; then ok "export-$name"; else ko "export-$name" "exit $rc, fields $got, want $want: $(cat "$T/err")"; fi
done
"$DYAD" export --db "$DB" --schema phoenix >"$T/x" 2>&1
check export-phoenix-row $(grep -q '^[0-9]*	20240925	2024	09	25	AZEGOV	AZE	GOV		IGOECO	IGO		ECO	040	04	1	1.0	' "$T/x"; echo $?) "$(head -n 1 "$T/x")"
"$DYAD" export --db "$DB" --schema icews | head -n 1 >"$T/x"
check export-icews-header $(grep -q '^Event ID	Event Date	Source Name	Source Sectors	Source Country	Event Text	CAMEO Code	Intensity	Target Name' "$T/x"; echo $?) "$(cat "$T/x")"
"$DYAD" export --db "$DB" --schema csv >"$T/x" 2>&1
if head -n 1 "$T/x" | grep -q '^doc_id,sentence,date,source,target,code,root,quad_class,goldstein,plover,source_text,target_text,evidence_start,evidence_end,evidence_text,location_name,location_type,location_country,location_admin1,location_lat,location_lon,rule,event_id,publisher,url' &&
	grep -q '^example-1,0,2024-09-25,AZEGOV,IGOECO,040,04,1,1.0,CONSULT,' "$T/x"; then
	ok export-csv-leading-zeros
else
	ko export-csv-leading-zeros "$(head -n 2 "$T/x")"
fi
"$DYAD" export --db "$DB" --schema nope >/dev/null 2>"$T/err"; rc=$?
check export-unknown-schema $([ $rc = 2 ] && grep -q "unknown schema 'nope'" "$T/err"; echo $?) "exit $rc"

# ---- deduplication ------------------------------------------------------------------
M='Azerbaijani Foreign Minister Jeyhun Bayramov met with the Secretary General of the Economic Cooperation Organization, Asad Majid Khan, in New York'
cat >"$T/multi.jsonl" <<EOF
{"id":"reu-1","date":"2024-09-25","source":"Reuters","text":"$M on Wednesday."}
{"id":"ap-1","date":"2024-09-25","source":"AP","text":"$M to discuss transport links."}
{"id":"ap-2","date":"2024-09-25","source":"AP","text":"$M, officials said."}
{"id":"trend-1","date":"2024-09-26","source":"Trend","text":"$M."}
{"id":"trend-9","date":"2024-10-30","source":"Trend","text":"Azerbaijani Foreign Minister Jeyhun Bayramov met with the Secretary General of the Economic Cooperation Organization in Baku about grain exports."}
EOF
D2=$T/multi.db
"$DYAD" ingest --db "$D2" "$T/multi.jsonl" >/dev/null 2>"$T/err"; rc=$?
raw=$("$DYAD" query --db "$D2" --code 040 --format tsv --no-header | wc -l)
daily=$("$DYAD" query --db "$D2" --code 040 --dedup daily --format tsv --no-header | wc -l)
"$DYAD" query --db "$D2" --code 040 --dedup cluster --format jsonl >"$T/q" 2>&1
cl=$(wc -l <"$T/q")
if [ $rc = 0 ] && [ "$raw" = 5 ] && [ "$daily" = 3 ] && [ "$cl" = 2 ] &&
	grep -q '"date":"2024-09-25".*"num_mentions":4,"num_sources":3,"num_articles":4' "$T/q"; then
	ok dedup-daily-and-clusters
else
	ko dedup-daily-and-clusters "exit $rc, raw $raw, daily $daily, clusters $cl: $(cat "$T/q" "$T/err")"
fi
"$DYAD" dedup --db "$D2" --window 0 >/dev/null 2>&1
cl0=$("$DYAD" query --db "$D2" --code 040 --dedup cluster --format tsv --no-header | wc -l)
"$DYAD" dedup --db "$D2" >/dev/null 2>&1
cl2=$("$DYAD" query --db "$D2" --code 040 --dedup cluster --format tsv --no-header | wc -l)
check dedup-window $([ "$cl0" = 3 ] && [ "$cl2" = 2 ]; echo $?) "window 0: $cl0 clusters, default: $cl2"
"$DYAD" export --db "$D2" --schema gdelt --dedup cluster --code 040 >"$T/g" 2>&1
check dedup-gdelt-counts $(awk -F '\t' '$2 == "20240925" && $32 == 4 && $33 == 3 && $34 == 4 { f = 1 } END { exit !f }' "$T/g"; echo $?) "$(cut -f 2,32-34 "$T/g")"
# reproducible: the same input gives the same clusters
"$DYAD" ingest --db "$T/multi2.db" "$T/multi.jsonl" >/dev/null 2>&1
c1=$(sqlite3 "$D2" "SELECT c.cluster_id, e.doc_id, e.sentence, c.num_mentions FROM event_clusters c JOIN events e USING (event_id) ORDER BY 1" | cksum)
c2=$(sqlite3 "$T/multi2.db" "SELECT c.cluster_id, e.doc_id, e.sentence, c.num_mentions FROM event_clusters c JOIN events e USING (event_id) ORDER BY 1" | cksum)
check dedup-reproducible $([ "$c1" = "$c2" ]; echo $?) "clusters differ"
# new events make clusters stale until rebuilt
"$DYAD" ingest --db "$D2" --no-cluster "$SEED" >/dev/null 2>&1
"$DYAD" query --db "$D2" --dedup cluster >/dev/null 2>"$T/err"; rc=$?
check dedup-stale $([ $rc = 2 ] && grep -q 'older than its events' "$T/err"; echo $?) "exit $rc: $(cat "$T/err")"

# ---- kill -9 in the middle of an ingest -------------------------------------------------
if [ -x "$BUILD/mkcorpus" ] || make -s "$BUILD/mkcorpus" BUILD="$BUILD" >/dev/null 2>&1; then
	"$BUILD/mkcorpus" 4 >"$T/c.jsonl" 2>/dev/null
	"$DYAD" ingest --db "$T/full.db" --threads 2 "$T/c.jsonl" >/dev/null 2>"$T/err.full"
	want_docs=$(q1 "$T/full.db" "SELECT count(*) FROM documents")
	want=$(content "$T/full.db")
	"$DYAD" ingest --db "$T/k.db" --threads 1 "$T/c.jsonl" >/dev/null 2>"$T/err.k" &
	pid=$!
	n=0 tries=0
	while [ "$tries" -lt 3000 ]; do
		n=$(sqlite3 "$T/k.db" "SELECT count(*) FROM documents" 2>/dev/null)
		[ -n "$n" ] && [ "$n" -gt 0 ] && break
		tries=$((tries + 1))
		sleep 0.01
	done
	if kill -9 "$pid" 2>/dev/null; then
		wait "$pid" 2>/dev/null
		integ=$(q1 "$T/k.db" "PRAGMA integrity_check")
		got=$(q1 "$T/k.db" "SELECT count(*) FROM documents")
		whole=$(q1 "$T/k.db" "SELECT count(*) FROM documents d WHERE n_events <> (SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id)")
		"$DYAD" ingest --db "$T/k.db" --threads 2 "$T/c.jsonl" >/dev/null 2>"$T/err.k2"; rc=$?
		if [ "$integ" = ok ] && [ "$got" -lt "$want_docs" ] && [ "$whole" = 0 ] && [ $rc = 0 ] &&
			[ "$(content "$T/k.db")" = "$want" ] && grep -q "unchanged=$got$" "$T/err.k2"; then
			ok kill-9-rerun
		else
			ko kill-9-rerun "integrity $integ, $got of $want_docs documents after the kill, $whole partial, rerun exit $rc: $(cat "$T/err.k2")"
		fi
	else
		wait "$pid" 2>/dev/null
		skip kill-9-rerun "the ingest ended before it could be killed"
	fi
else
	ko kill-9-rerun "cannot build mkcorpus"
fi

# ---- full disk ------------------------------------------------------------------------
# ulimit -f: the first write past the limit fails (dyad ignores SIGXFSZ)
cp "$DB" "$T/u.db"
before=$(dump "$T/u.db")
size=$(wc -c <"$T/u.db")
blocks=$((size / 512 + 16))
(ulimit -f "$blocks" && exec "$DYAD" ingest --db "$T/u.db" "$T/multi.jsonl" "$T/c.jsonl") >/dev/null 2>"$T/err"; rc=$?
if [ $rc = 2 ] && grep -q "cannot write '.*u.db': .*\(disk full\|file size limit\)" "$T/err" &&
	[ "$(dump "$T/u.db")" = "$before" ] && [ "$(q1 "$T/u.db" "PRAGMA integrity_check")" = ok ]; then
	ok full-disk-unchanged
else
	ko full-disk-unchanged "exit $rc: $(cat "$T/err")"
fi
if [ -f "$T/c.jsonl" ]; then
	# a limit reached mid-run: whole batches stay, the rerun completes
	cp "$DB" "$T/u2.db"
	(ulimit -f 4000 && exec "$DYAD" ingest --db "$T/u2.db" "$T/c.jsonl") >/dev/null 2>"$T/err"; rc=$?
	integ=$(q1 "$T/u2.db" "PRAGMA integrity_check")
	partial=$(q1 "$T/u2.db" "SELECT count(*) FROM documents d WHERE n_events <> (SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id)")
	"$DYAD" ingest --db "$T/u2.db" "$T/c.jsonl" >/dev/null 2>&1
	"$DYAD" ingest --db "$T/full.db" "$SEED" >/dev/null 2>&1
	if [ $rc = 2 ] && [ "$integ" = ok ] && [ "$partial" = 0 ] && [ "$(content "$T/u2.db")" = "$(content "$T/full.db")" ]; then
		ok full-disk-midway-rerun
	else
		ko full-disk-midway-rerun "exit $rc, integrity $integ, $partial partial documents: $(cat "$T/err")"
	fi
fi
# a real full file system: a 1 MB tmpfs (needs mount, i.e. root)
mkdir "$T/mnt"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=1m tmpfs "$T/mnt" 2>/dev/null; then
	MNT=$T/mnt
	cp "$DB" "$MNT/t.db"
	before=$(dump "$MNT/t.db")
	"$DYAD" ingest --db "$MNT/t.db" "$T/c.jsonl" >/dev/null 2>"$T/err"; rc=$?
	integ=$(q1 "$MNT/t.db" "PRAGMA integrity_check")
	partial=$(q1 "$MNT/t.db" "SELECT count(*) FROM documents d WHERE n_events <> (SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id)")
	if [ $rc = 2 ] && grep -q "disk full" "$T/err" && [ "$integ" = ok ] && [ "$partial" = 0 ]; then
		ok full-tmpfs
	else
		ko full-tmpfs "exit $rc, integrity $integ, $partial partial: $(cat "$T/err")"
	fi
	umount "$MNT" && MNT=
else
	skip full-tmpfs "cannot mount a tmpfs here (not root?)"
fi

# ---- read-only file and directory (as nobody: root may write anything) -------------------
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
	mkdir -p "$T/ro/dir"
	chmod 755 "$T"
	chmod 777 "$T/ro"
	cp "$DB" "$T/ro/file.db"
	chmod 444 "$T/ro/file.db"
	cp "$DB" "$T/ro/dir/w.db"
	chmod 666 "$T/ro/dir/w.db"
	chmod 555 "$T/ro/dir"
	b1=$(dump "$T/ro/file.db") b2=$(dump "$T/ro/dir/w.db")
	$AS "$DYAD" ingest --no-cache --db "$T/ro/file.db" "$T/seed2.jsonl" >/dev/null 2>"$T/err"; rc=$?
	check read-only-file $([ $rc = 2 ] && grep -q "cannot write '.*file.db': the file is read-only" "$T/err" &&
		[ "$(dump "$T/ro/file.db")" = "$b1" ]; echo $?) "exit $rc: $(cat "$T/err")"
	$AS "$DYAD" ingest --no-cache --db "$T/ro/dir/w.db" "$T/seed2.jsonl" >/dev/null 2>"$T/err"; rc=$?
	check read-only-dir $([ $rc = 2 ] && grep -q "directory '.*dir' is not writable" "$T/err" &&
		[ "$(dump "$T/ro/dir/w.db")" = "$b2" ]; echo $?) "exit $rc: $(cat "$T/err")"
	n=$($AS "$DYAD" query --db "$T/ro/dir/w.db" --format tsv --no-header 2>"$T/err" | wc -l)
	check read-only-dir-query $([ "$n" = "$ne" ]; echo $?) "$n rows: $(cat "$T/err")"
	n=$($AS "$DYAD" query --db "$T/ro/file.db" --format tsv --no-header 2>"$T/err" | wc -l)
	check read-only-file-query $([ "$n" = "$ne" ]; echo $?) "$n rows: $(cat "$T/err")"
	chmod 755 "$T/ro/dir"
	chmod 700 "$T"
else
	skip read-only "needs root and setpriv to run as another user"
fi

# ---- locked (the lock is held STORE_LOCK_SECONDS, default 3; longer under valgrind) ----
cp "$DB" "$T/l.db"
before=$(dump "$T/l.db")
(echo "BEGIN IMMEDIATE; INSERT INTO meta VALUES ('lock', 'held');"; sleep "${STORE_LOCK_SECONDS:-3}"; echo "ROLLBACK;") | sqlite3 "$T/l.db" &
lockpid=$!
sleep 0.5
"$DYAD" ingest --db "$T/l.db" --busy-timeout 200 "$T/seed2.jsonl" >/dev/null 2>"$T/err"; rc=$?
n=$("$DYAD" query --db "$T/l.db" --format tsv --no-header 2>/dev/null | wc -l)
wait $lockpid
if [ $rc = 2 ] && grep -q "locked by another process" "$T/err" && [ "$(dump "$T/l.db")" = "$before" ] && [ "$n" = "$ne" ]; then
	ok locked
else
	ko locked "exit $rc, readers saw $n rows: $(cat "$T/err")"
fi

# ---- not ours, not SQLite, newer ---------------------------------------------------------------
sqlite3 "$T/foreign.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
before=$(sqlite3 "$T/foreign.db" .dump | cksum)
"$DYAD" ingest --db "$T/foreign.db" "$SEED" >/dev/null 2>"$T/err"; rc=$?
check foreign-db $([ $rc = 2 ] && grep -q "is not a dyad database" "$T/err" &&
	[ "$(sqlite3 "$T/foreign.db" .dump | cksum)" = "$before" ]; echo $?) "exit $rc: $(cat "$T/err")"
printf 'id,text\n1,hello\n' >"$T/text.db"
"$DYAD" ingest --db "$T/text.db" "$SEED" >/dev/null 2>"$T/err"; rc=$?
check not-sqlite $([ $rc = 2 ] && grep -q "not a SQLite database" "$T/err" && [ "$(cat "$T/text.db")" = "id,text
1,hello" ]; echo $?) "exit $rc: $(cat "$T/err")"
cp "$DB" "$T/newer.db"
sqlite3 "$T/newer.db" "PRAGMA user_version = 99"
before=$(dump "$T/newer.db")
"$DYAD" ingest --db "$T/newer.db" "$SEED" >/dev/null 2>"$T/err"; rc=$?
"$DYAD" query --db "$T/newer.db" >/dev/null 2>>"$T/err"; rc2=$?
check newer-schema $([ $rc = 2 ] && [ $rc2 = 2 ] && grep -q "schema version 99, newer than this dyad's" "$T/err" &&
	[ "$(dump "$T/newer.db")" = "$before" ]; echo $?) "exit $rc/$rc2: $(cat "$T/err")"
"$DYAD" query --db "$T/absent.db" >/dev/null 2>"$T/err"; rc=$?
check absent-db $([ $rc = 2 ] && grep -q "cannot open '.*absent.db'" "$T/err" && [ ! -e "$T/absent.db" ]; echo $?) "exit $rc: $(cat "$T/err")"
