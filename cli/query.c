/*
 * query.c - "dyad query": filter stored events, or count them per period
 * and group, from an event store; also the filter options and the store
 * opening that "dyad export" shares.
 */
#include "cli.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char query_usage[] =
	"usage: dyad query --db FILE.db [filters] [--agg PERIOD] [--by GROUP] [options]\n"
	"\n"
	"Print the stored events that match every filter, in date order, or\n"
	"with --agg and/or --by their counts: events, Goldstein sum and mean,\n"
	"and the four QuadClass counts (verbal_coop, material_coop,\n"
	"verbal_conflict, material_conflict).\n"
	"\n"
	"filters (LIST: comma-separated, any of them matches):\n"
	"  --source LIST            source actor codes, by prefix (AZE: AZEGOV ...)\n"
	"  --target LIST            target actor codes, by prefix\n"
	"  --dyad A,B               A to B or B to A (prefixes)\n"
	"  --code LIST              CAMEO codes, by prefix (04: 040, 042 ...)\n"
	"  --root LIST              CAMEO root codes (01..20)\n"
	"  --quad LIST              QuadClass: 1..4 or verbal-coop, material-coop,\n"
	"                           verbal-conflict, material-conflict\n"
	"  --from DATE, --to DATE   event dates, inclusive (YYYY-MM-DD)\n"
	"  --text WORDS             evidence sentence contains WORDS (any case)\n"
	"\n"
	"options:\n"
	"  --db FILE                the event store (required)\n"
	"  --agg day|week|month|year  count per period (week: from Monday)\n"
	"  --by dyad|source|target|root|quad  count per group\n"
	"  --dedup none|daily|cluster  all events (default), one a day per date,\n"
	"                           source, target and code, or one per\n"
	"                           cross-report cluster\n"
	"  --format table|jsonl|csv|tsv  output (default table)\n"
	"  --no-header              CSV/TSV without the header row\n"
	"  --limit N                at most N rows\n"
	"  --busy-timeout MS        wait this long for a locked database\n"
	"\n"
	"Exit status: 0 success (also when nothing matches), 2 usage or\n"
	"database error.\n";

static const char **split(char *s, size_t *n)
{
	size_t k = 1;
	for (char *p = s; *p; p++)
		k += *p == ',';
	const char **v = calloc(k, sizeof *v);
	if (!v) {
		warn("out of memory");
		exit(2);
	}
	*n = 0;
	for (char *p = s;;) {
		char *c = strchr(p, ',');
		if (c)
			*c = 0;
		if (*p)
			v[(*n)++] = p;
		if (!c)
			break;
		p = c + 1;
	}
	return v;
}

static char *keep(struct filters *f, int slot, const char *s)
{
	free(f->lists[slot]);
	f->lists[slot] = strdup(s);
	if (!f->lists[slot]) {
		warn("out of memory");
		exit(2);
	}
	return f->lists[slot];
}

static unsigned quad_bits(const char *cmd, char *s)
{
	size_t n;
	const char **v = split(s, &n);
	unsigned bits = 0;
	static const char *const names[] = { "", "verbal-coop", "material-coop",
					     "verbal-conflict", "material-conflict" };
	for (size_t i = 0; i < n; i++) {
		int q = 0;
		for (int k = 1; k <= 4; k++)
			if (!strcmp(v[i], names[k]) || (v[i][0] == '0' + k && !v[i][1]))
				q = k;
		if (!q)
			die_usage(cmd, "'%s' is not a QuadClass (1-4, verbal-coop, material-coop, "
				  "verbal-conflict or material-conflict)", v[i]);
		bits |= 1u << q;
	}
	free(v);
	return bits;
}

static int date_arg(const char *cmd, const char *opt, const char *s)
{
	int d = dyad_parse_date(s, strlen(s));
	if (!d)
		die_usage(cmd, "%s: '%s' is not a date (YYYY-MM-DD)", opt, s);
	return d;
}

bool filter_option(const char *cmd, struct filters *f, int argc, char **argv, int *i)
{
	const char *a = argv[*i];
	if (busy_option(cmd, argc, argv, i, &f->busy_ms))
		return true;
	if (*i + 1 >= argc)
		return false;
	const char *v = argv[*i + 1];
	dyad_query *q = &f->q;
	static const char *const list_opts[] = { "--source", "--target", "--code", "--root" };
	for (int k = 0; k < 4; k++) {
		if (strcmp(a, list_opts[k]))
			continue;
		free(f->arrays[k]);
		size_t n;
		f->arrays[k] = split(keep(f, k, v), &n);
		if (!n)
			die_usage(cmd, "%s wants at least one code", a);
		const char *const **dst[] = { &q->source, &q->target, &q->code, &q->root };
		size_t *cnt[] = { &q->nsource, &q->ntarget, &q->ncode, &q->nroot };
		*dst[k] = f->arrays[k];
		*cnt[k] = n;
		++*i;
		return true;
	}
	if (!strcmp(a, "--db")) {
		f->db = v;
	} else if (!strcmp(a, "--dyad")) {
		char *s = keep(f, 4, v);
		char *c = strchr(s, ',');
		if (!c || c == s || !c[1] || strchr(c + 1, ','))
			die_usage(cmd, "--dyad wants two actor codes: A,B");
		*c = 0;
		q->dyad_a = s;
		q->dyad_b = c + 1;
	} else if (!strcmp(a, "--quad")) {
		char *tmp = strdup(v);
		if (!tmp) {
			warn("out of memory");
			exit(2);
		}
		q->quad = quad_bits(cmd, tmp);
		free(tmp);
	} else if (!strcmp(a, "--from")) {
		q->from = date_arg(cmd, a, v);
	} else if (!strcmp(a, "--to")) {
		q->to = date_arg(cmd, a, v);
	} else if (!strcmp(a, "--text")) {
		q->text = v;
	} else if (!strcmp(a, "--dedup")) {
		if (!strcmp(v, "none"))
			q->dedup = DYAD_DEDUP_NONE;
		else if (!strcmp(v, "daily"))
			q->dedup = DYAD_DEDUP_DAILY;
		else if (!strcmp(v, "cluster") || !strcmp(v, "clusters"))
			q->dedup = DYAD_DEDUP_CLUSTER;
		else
			die_usage(cmd, "unknown --dedup '%s' (none, daily or cluster)", v);
	} else if (!strcmp(a, "--limit")) {
		char *end;
		q->limit = strtol(v, &end, 10);
		if (*end || q->limit < 1)
			die_usage(cmd, "--limit wants a positive number");
	} else {
		return false;
	}
	++*i;
	return true;
}

void filters_release(struct filters *f)
{
	for (int i = 0; i < 5; i++)
		free(f->lists[i]);
	for (int i = 0; i < 4; i++)
		free(f->arrays[i]);
}

dyad_store *open_store_read(const struct filters *f)
{
	dyad_error err = { 0 };
	dyad_store_options o = { .write = false, .busy_timeout_ms = f->busy_ms };
	dyad_store *s = dyad_store_open(f->db, &o, &err);
	if (s && dyad_store_schema_version(s) < DYAD_STORE_SCHEMA) {
		/* an older file: migrate it when we may write it */
		dyad_store_close(s);
		o.write = true;
		s = dyad_store_open(f->db, &o, &err);
		if (!s) {
			print_error(&err);
			o.write = false;
			s = dyad_store_open(f->db, &o, &err);
		}
	}
	if (!s)
		print_error(&err);
	return s;
}

int cmd_query(int argc, char **argv)
{
	struct filters f = { 0 };
	struct row_writer w = { .fmt = ROW_TABLE, .header = true, .out = stdout };
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (filter_option("query", &f, argc, argv, &i))
			continue;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(query_usage, stdout);
			return 0;
		} else if (!strcmp(a, "--agg") && i + 1 < argc) {
			const char *v = argv[++i];
			static const char *const names[] = { "", "day", "week", "month", "year" };
			f.q.agg = DYAD_AGG_NONE;
			for (int k = 1; k < 5; k++)
				if (!strcmp(v, names[k]))
					f.q.agg = (enum dyad_agg)k;
			if (f.q.agg == DYAD_AGG_NONE)
				die_usage("query", "unknown --agg '%s' (day, week, month or year)", v);
		} else if (!strcmp(a, "--by") && i + 1 < argc) {
			const char *v = argv[++i];
			static const char *const names[] = { "", "dyad", "source", "target", "root", "quad" };
			f.q.by = DYAD_BY_NONE;
			for (int k = 1; k < 6; k++)
				if (!strcmp(v, names[k]))
					f.q.by = (enum dyad_by)k;
			if (f.q.by == DYAD_BY_NONE)
				die_usage("query", "unknown --by '%s' (dyad, source, target, root or quad)", v);
		} else if (!strcmp(a, "--format") && i + 1 < argc) {
			if (!row_format_parse(argv[++i], &w.fmt))
				die_usage("query", "unknown format '%s' (table, jsonl, csv or tsv)", argv[i]);
		} else if (!strcmp(a, "--no-header")) {
			w.header = false;
		} else {
			die_usage("query", "unknown option or missing value '%s'", a);
		}
	}
	if (!f.db)
		die_usage("query", "--db FILE is required");
	dyad_store *s = open_store_read(&f);
	if (!s) {
		filters_release(&f);
		return 2;
	}
	dyad_error err = { 0 };
	int rc = dyad_store_query(s, &f.q, row_write, &w, &err);
	int out = row_finish(&w);
	dyad_store_close(s);
	filters_release(&f);
	if (rc < 0 && !w.failed) {
		print_error(&err);
		return 2;
	}
	if (out || w.failed) {
		warn("cannot write output");
		return 2;
	}
	return 0;
}
