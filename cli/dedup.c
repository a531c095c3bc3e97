/*
 * dedup.c - "dyad dedup": rebuild the cross-report clusters of an event
 * store (ingest does it after every run that changed events; this is for
 * other window and overlap settings, or after an interrupted ingest).
 */
#include "cli.h"
#include <signal.h>
#include <stdio.h>
#include <string.h>

static const char dedup_usage[] =
	"usage: dyad dedup --db FILE.db [--window N] [--min-overlap F]\n"
	"\n"
	"Rebuild the cross-report clusters: events with the same source,\n"
	"target and CAMEO root code, dates at most N days from the cluster's\n"
	"first (default 2), and evidence sentences sharing at least F of their\n"
	"words besides the actors and the verb (default 0.25) are one event,\n"
	"counted with num_mentions, num_sources and num_articles. The result\n"
	"depends only on the events and the two settings. The one-a-day\n"
	"filter (view events_daily) needs no rebuilding.\n"
	"\n"
	"options:\n"
	"  --db FILE                the event store (required)\n"
	"  --window N               days (default 2)\n"
	"  --min-overlap F          0..1 (default 0.25)\n"
	"  --busy-timeout MS        wait this long for another writer\n"
	"\n"
	"Exit status: 0 success, 2 usage or database error.\n";

int cmd_dedup(int argc, char **argv)
{
	const char *db = NULL;
	int busy = 0;
	dyad_cluster_options cl = { -1, -1 };
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (cluster_option("dedup", &cl, argc, argv, &i) ||
		    busy_option("dedup", argc, argv, &i, &busy))
			continue;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(dedup_usage, stdout);
			return 0;
		} else if (!strcmp(a, "--db") && i + 1 < argc) {
			db = argv[++i];
		} else {
			die_usage("dedup", "unknown option or missing value '%s'", a);
		}
	}
	if (!db)
		die_usage("dedup", "--db FILE is required");
	signal(SIGXFSZ, SIG_IGN);
	dyad_error err = { 0 };
	dyad_store_options o = { .write = true, .busy_timeout_ms = busy };
	dyad_store *s = dyad_store_open(db, &o, &err);
	if (!s) {
		print_error(&err);
		return 2;
	}
	size_t n = 0;
	int rc = dyad_store_cluster(s, &cl, &n, &err);
	if (rc)
		print_error(&err);
	else
		fprintf(stderr, "clusters=%zu\n", n);
	if (dyad_store_close(s) && !rc) {
		warn("cannot close '%s'", db);
		rc = -1;
	}
	return rc ? 2 : 0;
}
