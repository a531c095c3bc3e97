/* common.c - option parsing, messages and engine set-up for the CLI. */
#include "cli.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef DYAD_DATADIR
#define DYAD_DATADIR "/usr/local/share/dyad"
#endif

void warn(const char *fmt, ...)
{
	va_list ap;
	fputs("dyad: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void die_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fputs("dyad: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nrun 'dyad %s --help' for usage\n", cmd);
	exit(2);
}

void print_error(const dyad_error *err)
{
	if (err->file[0] && err->line)
		fprintf(stderr, "dyad: %s:%ld: %s\n", err->file, err->line, err->msg);
	else if (err->file[0] && !strstr(err->msg, err->file))
		fprintf(stderr, "dyad: %s: %s\n", err->file, err->msg);
	else
		fprintf(stderr, "dyad: %s\n", err->msg);
}

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *dict_dir(const char *opt)
{
	static char buf[4096];
	if (opt)
		return opt;
	const char *env = getenv("DYAD_DICT");
	if (env && *env)
		return env;
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 16);
	if (n > 0) {
		buf[n] = 0;
		char *slash = strrchr(buf, '/');
		if (slash) {
			/* build/dyad, build/san-X/dyad or bin/dyad: look upwards */
			for (int up = 0; up < 3 && slash; up++) {
				*slash = 0;
				size_t len = strlen(buf);
				snprintf(buf + len, sizeof buf - len, "/data");
				if (is_dir(buf)) {
					char manifest[4200];
					snprintf(manifest, sizeof manifest, "%s/dyad.dict", buf);
					if (access(manifest, R_OK) == 0)
						return buf;
				}
				buf[len] = 0;
				slash = strrchr(buf, '/');
			}
		}
	}
	return DYAD_DATADIR;
}

struct problem_ctx { bool report; size_t n; };

static void on_problem(void *ctx, const dyad_dict_problem *p)
{
	struct problem_ctx *c = ctx;
	c->n++;
	if (c->report)
		fprintf(stderr, "dyad: %s:%ld: %s\n", p->file, p->line, p->msg);
}

dyad_engine *open_engine(const struct common_opts *o, bool report, size_t *problems)
{
	struct problem_ctx pc = { report, 0 };
	dyad_engine_options eo = {
		.dict_dir = dict_dir(o->dict), .cache = o->cache, .no_cache = o->no_cache,
		.rebuild_cache = o->rebuild_cache, .no_places = o->no_places,
		.on_problem = on_problem, .ctx = &pc, .max_entry_bytes = o->max_entry_bytes,
	};
	dyad_error err = { 0 };
	dyad_engine *e = dyad_engine_open(&eo, &err);
	if (!e)
		print_error(&err);
	if (problems)
		*problems = pc.n;
	return e;
}

bool parse_size(const char *s, size_t max, size_t *out)
{
	if (!s || *s < '0' || *s > '9')
		return false;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s)
		return false;
	unsigned shift = 0;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	default: break;
	}
	if (shift && (!strcmp(end, "iB") || !strcmp(end, "B")))
		end += strlen(end);
	if (*end || v == 0 || v > (unsigned long long)max >> shift)
		return false;
	*out = (size_t)(v << shift);
	return true;
}

bool common_option(struct common_opts *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i];
	if (!strcmp(a, "--max-entry-bytes") && *i + 1 < argc) {
		if (!parse_size(argv[++*i], (size_t)1 << 30, &o->max_entry_bytes)) {
			warn("--max-entry-bytes wants a size from 1 to 1G (e.g. 4096, 64k)");
			exit(2);
		}
		return true;
	}
	if (!strcmp(a, "--dict") && *i + 1 < argc) {
		o->dict = argv[++*i];
		return true;
	}
	if (!strncmp(a, "--dict=", 7)) {
		o->dict = a + 7;
		return true;
	}
	if (!strcmp(a, "--cache") && *i + 1 < argc) {
		o->cache = argv[++*i];
		return true;
	}
	if (!strcmp(a, "--no-places")) {
		o->no_places = true;
		return true;
	}
	if (!strcmp(a, "--no-cache")) {
		o->no_cache = true;
		return true;
	}
	if (!strcmp(a, "--verbose") || !strcmp(a, "-v")) {
		o->verbose = true;
		return true;
	}
	return false;
}
