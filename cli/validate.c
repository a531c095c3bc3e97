/*
 * validate.c - "dyad validate": run a TABARI validation file, a PETRARCH
 * unit-test XML or the PETRARCH-2 gold standard with the suite's own
 * dictionaries, and say per record whether dyad codes what the suite
 * expects (docs/validate.md).
 *
 * Counting: the totals "N passed, N failed" count every record that has
 * an expected event or an expected non-event ({---}, {###}, {+++},
 * noevents, error=...), malformed ones included (they fail). Not counted:
 * option records (TABARI { OPTION: ... } with nothing to code) and records
 * with nothing to check (-{...} only, no validation fields, evaluate=
 * "false", <Skip>); they are listed as OPTION and SKIP lines, and an
 * option dyad cannot apply is a FAIL line of its own. Every counted record
 * coded while such an option is in force fails too, until the suite sets
 * that option again and dyad can apply it: its settings then differ from
 * the suite's.
 *
 * Comparison: expected and produced events are sets of (source, target,
 * code); a record passes when the two are equal (duplicates count once;
 * an empty source or target from dyad is "---"). TABARI -{ stops the
 * check: the events listed before it must be coded, more are allowed.
 * While the suite has SET: TIME SHIFT = TRUE, an expected event with a
 * date after its "}" must be coded on that date. {---} and noevents pass
 * when nothing is coded; {###} and the discard errors when the document
 * is discarded or nothing is coded; {+++} (TABARI's complexity filter
 * rejected the sentence; dyad has none) when nothing is coded or, if the
 * record also lists events, when those are coded. PETR errors:
 * dateline passes when nothing is coded; bad_input_parse tests parse-tree
 * input, which dyad does not read, so it always fails.
 */
#include "cli.h"
#include "../src/suite.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char validate_usage[] =
	"usage: dyad validate [options] SUITE\n"
	"       dyad validate --gold GOLD [options] [FILE...]   (see --gold --help)\n"
	"\n"
	"Run a validation suite: a TABARI validation file (with its .project\n"
	"dictionaries), a PETRARCH unit-test XML (dictionaries from\n"
	"../dictionaries/) or the PETRARCH-2 gold standard XML (the production\n"
	"dictionaries, from dyad's data directory). Prints per record\n"
	"'PASS id' or 'FAIL id: expected {SRC TGT CODE} got {...}', the failures\n"
	"per feature, and 'N passed, N failed' over the records that expect an\n"
	"event or a non-event (see docs/validate.md).\n"
	"\n"
	"options:\n"
	"  --only fail|pass     print only failing or passing records\n"
	"  --project FILE       the TABARI .project (default: found beside the suite)\n"
	"  --dict DIR           data directory: cameo.tsv, and the GSR dictionaries\n"
	"                       (default: bundled)\n"
	"  --floor N            exit 1 when fewer than N records pass\n"
	"  --explain            after each failure: the text and dyad's events with\n"
	"                       their rule and pattern\n"
	"  --cache FILE         use this compiled dictionary cache (default: none)\n"
	"  --verbose            list every dictionary problem\n"
	"\n"
	"Exit status: 0 (even with failures), 1 below --floor, 2 usage, suite or\n"
	"dictionary error.\n";

/* ---- a small string builder ---------------------------------------------- */

struct sb { char *p; size_t n, cap; };

static void sb_addf(struct sb *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_addf(struct sb *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (k < 0)
		return;
	if (s->n + (size_t)k + 1 > s->cap) {
		size_t cap = s->cap ? s->cap : 256;
		while (cap < s->n + (size_t)k + 1)
			cap *= 2;
		char *p = realloc(s->p, cap);
		if (!p) {
			warn("out of memory");
			exit(2);
		}
		s->p = p;
		s->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(s->p + s->n, (size_t)k + 1, fmt, ap);
	va_end(ap);
	s->n += (size_t)k;
}

/* ---- options in force ------------------------------------------------------ */

#define MAX_TAINTS 64

struct taint {
	char key[64];      /* the setting: "SET: TIME SHIFT", "COMMA" */
	char line[200];    /* the option line dyad could not apply */
	char id[96];       /* the record that set it */
	size_t rec;        /* its index */
};

struct run {
	struct taint taint[MAX_TAINTS];
	int ntaint;
	bool time_shift;   /* the suite has SET: TIME SHIFT = TRUE */
};

/* The setting an option line changes: "SET: TIME SHIFT = TRUE" ->
 * "SET: TIME SHIFT", "SET: CODE BY SENTENCE" -> "SET: CODE",
 * "DEFAULT: OFF" -> "DEFAULT". Upper case, blanks collapsed. */
static void option_key(const char *line, char *key, size_t cap)
{
	size_t k = 0;
	bool set = !strncasecmp(line, "SET", 3) && (line[3] == ':' || line[3] == ' ');
	const char *colon = strchr(line, ':');
	const char *end = colon ? colon : line + strlen(line);
	if (set && colon) {
		const char *eq = strchr(colon, '=');
		if (eq) {
			end = eq;
		} else {
			/* "SET: CODE BY CLAUSE": the first word names the setting */
			const char *w = colon + 1;
			while (*w == ' ' || *w == '\t')
				w++;
			end = w + strcspn(w, " \t");
		}
	}
	bool sp = false;
	for (const char *p = line; p < end && k + 2 < cap; p++) {
		if (*p == ' ' || *p == '\t') {
			sp = k > 0;
			continue;
		}
		if (sp)
			key[k++] = ' ';
		sp = false;
		key[k++] = (char)toupper((unsigned char)*p);
	}
	key[k] = 0;
}

/* The suite's intent for TIME SHIFT, whatever dyad could do with it. */
static void note_time_shift(struct run *run, const char *line)
{
	char key[64];
	option_key(line, key, sizeof key);
	if (strcmp(key, "SET: TIME SHIFT"))
		return;
	const char *eq = strchr(line, '=');
	if (!eq)
		return;
	eq++;
	while (*eq == ' ')
		eq++;
	run->time_shift = !strncasecmp(eq, "TRUE", 4);
}

/* Apply one option line; on failure remember it in run and fill msg. */
static bool apply_option(struct run *run, dyad_worker *w, const char *line, const char *id,
			 size_t rec, char *msg, size_t cap)
{
	char key[64];
	option_key(line, key, sizeof key);
	note_time_shift(run, line);
	dyad_error err = { 0 };
	int rc = dyad_worker_option(w, line, &err);
	int at = -1;
	for (int i = 0; i < run->ntaint; i++)
		if (!strcmp(run->taint[i].key, key))
			at = i;
	if (!rc) {
		if (at >= 0)
			run->taint[at] = run->taint[--run->ntaint];
		return true;
	}
	snprintf(msg, cap, "%s", err.msg[0] ? err.msg : dyad_strerror(rc));
	if (at < 0 && run->ntaint < MAX_TAINTS)
		at = run->ntaint++;
	if (at >= 0) {
		snprintf(run->taint[at].key, sizeof run->taint[at].key, "%s", key);
		snprintf(run->taint[at].line, sizeof run->taint[at].line, "%s", line);
		snprintf(run->taint[at].id, sizeof run->taint[at].id, "%s", id);
		run->taint[at].rec = rec;
	}
	return false;
}

/* ---- comparing events -------------------------------------------------------- */

struct ev3 { const char *src, *tgt, *code; int date; };

static bool same3(const struct ev3 *a, const struct ev3 *b)
{
	return !strcmp(a->src, b->src) && !strcmp(a->tgt, b->tgt) && !strcmp(a->code, b->code);
}

/* Whether e is in v[0,n): with dates when date_too and e has one. */
static bool has_ev(const struct ev3 *v, size_t n, const struct ev3 *e, bool date_too)
{
	for (size_t i = 0; i < n; i++)
		if (same3(&v[i], e) && (!date_too || !e->date || v[i].date == e->date))
			return true;
	return false;
}

static void add_evs(struct sb *s, const struct ev3 *v, size_t n, bool dates)
{
	for (size_t i = 0; i < n; i++) {
		sb_addf(s, "%s{%s %s %s", i ? " " : "", v[i].src, v[i].tgt, v[i].code);
		if (dates && v[i].date)
			sb_addf(s, " @%d", v[i].date);
		sb_addf(s, "}");
	}
}

static const char *error_outcome(const char *kind)
{
	if (!strcasecmp(kind, "dateline"))
		return "no event (dateline)";
	if (!strcasecmp(kind, "storydiscard") || !strcasecmp(kind, "sentencediscard"))
		return "a discard or no event";
	return NULL;
}

/* Compare; true when r passes. *why gets the failure text. */
static bool compare(const struct suite_record *r, const struct ev3 *got, size_t ngot,
		    bool discarded, bool time_shift, struct sb *why)
{
	struct ev3 *exp = calloc(r->nev ? r->nev : 1, sizeof *exp);
	if (!exp) {
		warn("out of memory");
		exit(2);
	}
	size_t nexp = 0;
	for (size_t i = 0; i < r->nev; i++) {
		struct ev3 e = { r->ev[i].src, r->ev[i].tgt, r->ev[i].code, r->ev[i].date };
		if (!has_ev(exp, nexp, &e, false))
			exp[nexp++] = e;
	}
	bool ok = false;
	if (r->flags & SREC_ERROR) {
		const char *want = error_outcome(r->error);
		if (!want) {
			if (!strcasecmp(r->error, "bad_input_parse"))
				sb_addf(why, "not implemented: error=\"bad_input_parse\" tests parse-tree input, which dyad does not read");
			else
				sb_addf(why, "not implemented: error=\"%s\"", r->error);
			free(exp);
			return false;
		}
		ok = ngot == 0 || ((r->flags & SREC_DISCARD) && discarded);
		if (!ok) {
			sb_addf(why, "expected %s got ", want);
			add_evs(why, got, ngot, false);
		}
		free(exp);
		return ok;
	}
	if ((r->flags & (SREC_NONE | SREC_COMPLEX)) && ngot == 0)
		ok = true;
	if ((r->flags & SREC_DISCARD) && (discarded || ngot == 0))
		ok = true;
	if (!ok && nexp) {
		bool dates = time_shift;
		ok = true;
		for (size_t i = 0; i < nexp && ok; i++)
			ok = has_ev(got, ngot, &exp[i], dates);
		for (size_t i = 0; i < ngot && ok && !(r->flags & SREC_PARTIAL); i++)
			ok = has_ev(exp, nexp, &got[i], false);
	}
	if (!ok) {
		bool dates = time_shift && nexp;
		sb_addf(why, "expected ");
		const char *sep = "";
		if (r->flags & SREC_NONE) {
			sb_addf(why, "no event");
			sep = " or ";
		}
		if (r->flags & SREC_DISCARD) {
			sb_addf(why, "%sa discard", sep);
			sep = " or ";
		}
		if (r->flags & SREC_COMPLEX) {
			sb_addf(why, "%s{+++} (no event)", sep);
			sep = " or ";
		}
		if (nexp) {
			sb_addf(why, "%s", sep);
			add_evs(why, exp, nexp, dates);
			if (r->flags & SREC_PARTIAL)
				sb_addf(why, " (and maybe more)");
		}
		sb_addf(why, " got ");
		if (ngot)
			add_evs(why, got, ngot, dates);
		else
			sb_addf(why, "%s", discarded ? "a discard" : "nothing");
	}
	free(exp);
	return ok;
}

/* ---- per-feature failure counts -------------------------------------------- */

struct feat { const char *name; int fail; };

static int feat_cmp(const void *a, const void *b)
{
	const struct feat *x = a, *y = b;
	if (x->fail != y->fail)
		return y->fail - x->fail;
	return strcmp(x->name, y->name);
}

/* ---- the command ------------------------------------------------------------- */

struct problems { bool verbose; size_t n; };

static void on_problem(void *ctx, const dyad_dict_problem *p)
{
	struct problems *c = ctx;
	c->n++;
	if (c->verbose)
		fprintf(stderr, "dyad: %s:%ld: %s\n", p->file, p->line, p->msg);
}

static void explain(const struct suite_record *r, const dyad_result *res)
{
	printf("    text: %s\n", r->text);
	if (*r->category || *r->note)
		printf("    feature: %s%s%s\n", r->category, *r->note ? ": " : "", r->note);
	if (!res)
		return;
	if (res->discarded)
		printf("    dyad: discarded\n");
	for (size_t i = 0; i < res->n_events; i++) {
		const dyad_event *e = &res->events[i];
		printf("    dyad: {%s %s %s} %d rule=%s pattern=%s%s%s\n",
		       e->source[0] ? e->source : "---", e->target[0] ? e->target : "---",
		       e->code, e->date, e->rule, e->pattern, e->note[0] ? " note=" : "", e->note);
	}
}

int cmd_validate(int argc, char **argv)
{
	struct common_opts co = { 0 };
	const char *only = NULL, *project = NULL, *path = NULL;
	long floor = -1;
	bool do_explain = false;
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--gold"))
			return cmd_validate_gold(argc, argv);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (common_option(&co, argc, argv, &i))
			continue;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(validate_usage, stdout);
			return 0;
		} else if (!strcmp(a, "--only") && i + 1 < argc) {
			only = argv[++i];
			if (strcmp(only, "fail") && strcmp(only, "pass"))
				die_usage("validate", "--only wants 'fail' or 'pass'");
		} else if (!strcmp(a, "--project") && i + 1 < argc) {
			project = argv[++i];
		} else if (!strcmp(a, "--floor") && i + 1 < argc) {
			char *end;
			floor = strtol(argv[++i], &end, 10);
			if (*end || end == argv[i] || floor < 0)
				die_usage("validate", "--floor wants a number of records (0 or more)");
		} else if (!strcmp(a, "--explain")) {
			do_explain = true;
		} else if (a[0] == '-' && a[1]) {
			die_usage("validate", "unknown option '%s'", a);
		} else if (path) {
			die_usage("validate", "one suite at a time ('%s' and '%s')", path, a);
		} else {
			path = a;
		}
	}
	if (!path)
		die_usage("validate", "no suite given");
	bool show_pass = !only || !strcmp(only, "pass");
	bool show_fail = !only || !strcmp(only, "fail");
	bool show_other = !only;

	const char *data = dict_dir(co.dict);
	struct suite *s;
	dyad_error err = { 0 };
	if (suite_load(path, project, data, &s, &err)) {
		print_error(&err);
		return 2;
	}
	for (size_t i = 0; i < s->nproblems; i++)
		fprintf(stderr, "dyad: %s: %s\n", path, s->problems[i]);
	if (s->stop_line)
		fprintf(stderr, "dyad: %s:%ld: <Stop>: the records after it are not run\n", path,
			s->stop_line);

	struct problems pc = { co.verbose, 0 };
	dyad_engine_options eo = {
		.dict_dir = data, .files = s->files, .nfiles = s->nfiles,
		.cache = co.cache, .no_cache = !co.cache,
		.on_problem = on_problem, .ctx = &pc,
	};
	dyad_engine *e = dyad_engine_open(&eo, &err);
	if (!e) {
		print_error(&err);
		suite_free(s);
		return 2;
	}
	fprintf(stderr, "dyad: %s suite %s: %zu records, %zu dictionar%s%s%s", suite_format_name(s->format),
		path, s->nrec, s->nfiles, s->nfiles == 1 ? "y" : "ies", s->project ? " from " : "",
		s->project ? s->project : "");
	if (pc.n)
		fprintf(stderr, ", %zu dictionary problem%s%s", pc.n, pc.n == 1 ? "" : "s",
			co.verbose ? "" : " (--verbose lists them)");
	fputc('\n', stderr);
	dyad_worker *w = dyad_worker_new(e);
	if (!w) {
		warn("out of memory");
		dyad_engine_free(e);
		suite_free(s);
		return 2;
	}

	struct run run = { .ntaint = 0 };
	struct feat *feats = calloc(s->nrec ? s->nrec : 1, sizeof *feats);
	struct ev3 *got = NULL;
	size_t got_cap = 0;
	if (!feats) {
		warn("out of memory");
		return 2;
	}
	size_t nfeat = 0, passed = 0, failed = 0, n_option = 0, n_skip = 0;
	struct sb why = { 0 };
	for (size_t i = 0; i < s->nrec; i++) {
		const struct suite_record *r = &s->rec[i];
		why.n = 0;
		if (why.p)
			why.p[0] = 0;
		/* options first: they are in force for this record and after */
		for (size_t k = 0; k < r->nopts; k++) {
			char msg[256];
			if (apply_option(&run, w, r->opts[k], r->id, i, msg, sizeof msg))
				continue;
			sb_addf(&why, "%soption not implemented: %s", why.n ? "; " : "", r->opts[k]);
			if (!strstr(msg, "not implemented"))
				sb_addf(&why, " (%s)", msg);
		}
		if (r->flags & SREC_OPTION) {
			n_option++;
			if (why.n) {
				if (show_fail)
					printf("FAIL %s: %s\n", r->id, why.p);
			} else if (show_other) {
				printf("OPTION %s:", r->id);
				for (size_t k = 0; k < r->nopts; k++)
					printf("%s %s", k ? ";" : "", r->opts[k]);
				putchar('\n');
			}
			continue;
		}
		if (!suite_counted(r)) {
			n_skip++;
			if (show_other)
				printf("SKIP %s: %s\n", r->id, r->skip ? r->skip : "not counted");
			continue;
		}
		bool ok = false;
		const dyad_result *res = NULL;
		if (r->malformed) {
			sb_addf(&why, "%smalformed record: %s", why.n ? "; " : "", r->malformed);
		} else {
			/* the options in force that dyad could not apply */
			bool tainted = why.n > 0;
			for (int k = 0; k < run.ntaint; k++) {
				if (run.taint[k].rec == i)
					continue;    /* reported above */
				sb_addf(&why, "%soption not implemented: %s (set by %s)", why.n ? "; " : "",
					run.taint[k].line, run.taint[k].id);
				tainted = true;
			}
			dyad_doc doc = {
				.id = r->id, .id_len = strlen(r->id),
				.text = r->text, .text_len = r->text_len, .date = r->date,
			};
			dyad_error cerr = { 0 };
			if (dyad_code(w, &doc, &res, &cerr)) {
				sb_addf(&why, "%sdyad cannot code it: %s", why.n ? "; " : "", cerr.msg);
				res = NULL;
			} else {
				if (res->n_events > got_cap) {
					got_cap = res->n_events * 2;
					struct ev3 *g = realloc(got, got_cap * sizeof *g);
					if (!g) {
						warn("out of memory");
						return 2;
					}
					got = g;
				}
				size_t ngot = 0;
				for (size_t k = 0; k < res->n_events; k++) {
					const dyad_event *ev = &res->events[k];
					struct ev3 x = {
						ev->source[0] ? ev->source : "---",
						ev->target[0] ? ev->target : "---", ev->code, ev->date,
					};
					/* a set: the same triple on two dates counts once,
					 * unless dates are checked */
					bool dup = false;
					for (size_t m = 0; m < ngot && !dup; m++)
						dup = same3(&got[m], &x) && (!run.time_shift || got[m].date == x.date);
					if (!dup)
						got[ngot++] = x;
				}
				if (tainted)
					sb_addf(&why, "; ");
				size_t before = why.n;
				ok = compare(r, got, ngot, res->discarded, run.time_shift, &why) && !tainted;
				if (tainted && why.n == before) {
					/* it would pass: say what was coded */
					sb_addf(&why, "coded ");
					if (ngot)
						add_evs(&why, got, ngot, false);
					else
						sb_addf(&why, "nothing");
				}
			}
		}
		if (ok) {
			passed++;
			if (show_pass)
				printf("PASS %s\n", r->id);
		} else {
			failed++;
			if (show_fail) {
				printf("FAIL %s: %s\n", r->id, why.p ? why.p : "");
				if (do_explain)
					explain(r, res);
			}
			const char *cat = *r->category ? r->category : "(none)";
			size_t f = 0;
			while (f < nfeat && strcmp(feats[f].name, cat))
				f++;
			if (f == nfeat)
				feats[nfeat++].name = cat;
			feats[f].fail++;
		}
	}
	if (nfeat) {
		qsort(feats, nfeat, sizeof *feats, feat_cmp);
		printf("FAIL by feature:");
		for (size_t f = 0; f < nfeat; f++)
			printf("%s %s %d", f ? "," : "", feats[f].name, feats[f].fail);
		putchar('\n');
	}
	if (n_option || n_skip)
		printf("not counted: %zu option record%s, %zu record%s with nothing to check\n",
		       n_option, n_option == 1 ? "" : "s", n_skip, n_skip == 1 ? "" : "s");
	printf("%zu passed, %zu failed\n", passed, failed);
	fflush(stdout);
	free(why.p);
	free(got);
	free(feats);
	dyad_worker_free(w);
	dyad_engine_free(e);
	suite_free(s);
	if (floor >= 0 && passed < (size_t)floor) {
		fprintf(stderr, "dyad: %zu passed, below the floor of %ld\n", passed, floor);
		return 1;
	}
	return 0;
}
