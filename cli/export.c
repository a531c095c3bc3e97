/*
 * export.c - "dyad export": stored events in the column sets analysts
 * already load (GDELT 2.0, Phoenix, ICEWS, POLECAT) or dyad's own CSV.
 * The columns are the library's (dyad_store_export); this file picks the
 * delimiter and header: GDELT and Phoenix files are tab-separated without
 * a header as they are published, ICEWS and POLECAT tab-separated with
 * one, csv comma-separated with one.
 */
#include "cli.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char export_usage[] =
	"usage: dyad export --db FILE.db --schema NAME [filters] [options]\n"
	"\n"
	"Write the stored events (in date order) in the columns of NAME:\n"
	"  gdelt     GDELT 2.0 event table (61 columns; tab-separated, no header)\n"
	"  phoenix   Phoenix data set (26 columns; tab-separated, no header)\n"
	"  icews     ICEWS coded event data (20 columns; tab-separated, header)\n"
	"  polecat   POLECAT / PLOVER (40 columns; tab-separated, header)\n"
	"  csv       dyad's own columns (comma-separated, header)\n"
	"Columns dyad cannot fill are empty; CAMEO codes keep their leading\n"
	"zeros. See docs/store.md for every column.\n"
	"\n"
	"options:\n"
	"  --db FILE                the event store (required)\n"
	"  --schema NAME            gdelt, phoenix, icews, polecat or csv\n"
	"  --header, --no-header    add or drop the header row\n"
	"  --format csv|tsv|jsonl   override the schema's delimiter\n"
	"  --dedup none|daily|cluster  all events (default), one a day, or one per\n"
	"                           cross-report cluster (fills NumMentions ...)\n"
	"  -o, --output FILE        write to FILE instead of stdout\n"
	"  --limit N                at most N events\n"
	"  --busy-timeout MS        wait this long for a locked database\n"
	"filters: as 'dyad query' (--source --target --dyad --code --root --quad\n"
	"--from --to --text).\n"
	"\n"
	"Exit status: 0 success, 2 usage, database or output error.\n";

int cmd_export(int argc, char **argv)
{
	struct filters f = { 0 };
	const char *schema = NULL, *output = NULL;
	int header = -1;
	enum row_format fmt = ROW_TSV;
	bool fmt_set = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (filter_option("export", &f, argc, argv, &i))
			continue;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(export_usage, stdout);
			return 0;
		} else if (!strcmp(a, "--schema") && i + 1 < argc) {
			schema = argv[++i];
		} else if (!strcmp(a, "--header")) {
			header = 1;
		} else if (!strcmp(a, "--no-header")) {
			header = 0;
		} else if (!strcmp(a, "--format") && i + 1 < argc) {
			if (!row_format_parse(argv[++i], &fmt) || fmt == ROW_TABLE)
				die_usage("export", "unknown format '%s' (csv, tsv or jsonl)", argv[i]);
			fmt_set = true;
		} else if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && i + 1 < argc) {
			output = argv[++i];
		} else {
			die_usage("export", "unknown option or missing value '%s'", a);
		}
	}
	if (!f.db)
		die_usage("export", "--db FILE is required");
	if (!schema)
		die_usage("export", "--schema NAME is required (gdelt, phoenix, icews, polecat or csv)");
	bool known = false;
	for (const char *const *n = dyad_store_schemas(); *n; n++)
		known |= !strcmp(*n, schema);
	if (!known)
		die_usage("export", "unknown schema '%s' (gdelt, phoenix, icews, polecat or csv)", schema);
	bool plain = !strcmp(schema, "gdelt") || !strcmp(schema, "phoenix");
	if (!fmt_set)
		fmt = !strcmp(schema, "csv") ? ROW_CSV : ROW_TSV;
	if (header < 0)
		header = !plain;
	f.q.agg = DYAD_AGG_NONE;
	f.q.by = DYAD_BY_NONE;

	dyad_store *s = open_store_read(&f);
	if (!s) {
		filters_release(&f);
		return 2;
	}
	FILE *out = stdout;
	if (output && !(out = fopen(output, "w"))) {
		warn("cannot write '%s': %s", output, strerror(errno));
		dyad_store_close(s);
		filters_release(&f);
		return 2;
	}
	signal(SIGXFSZ, SIG_IGN);
	struct row_writer w = { .fmt = fmt, .header = header, .out = out };
	dyad_error err = { 0 };
	int rc = dyad_store_export(s, schema, &f.q, row_write, &w, &err);
	int bad = row_finish(&w);
	if (out != stdout && fclose(out))
		bad = -1;
	dyad_store_close(s);
	filters_release(&f);
	if (rc < 0 && !w.failed) {
		print_error(&err);
		return 2;
	}
	if (bad || w.failed) {
		warn("cannot write '%s'", output ? output : "standard output");
		return 2;
	}
	return 0;
}
