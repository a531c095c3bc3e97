/* cli.h - shared helpers of the dyad command's subcommands. */
#ifndef DYAD_CLI_H
#define DYAD_CLI_H
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE 1
#include "../include/dyad.h"
#include <stdbool.h>

struct common_opts {
	const char *dict;        /* --dict */
	const char *cache;       /* --cache */
	bool no_cache;
	bool rebuild_cache;
	bool verbose;
};

/* Print "dyad: <msg>" to stderr. */
void die_usage(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void print_error(const dyad_error *err);

/* Resolve the dictionary directory (--dict, $DYAD_DICT, the data/
 * directory beside the executable, then DYAD_DATADIR). */
const char *dict_dir(const char *opt);
/* Open the engine or print the error; NULL on failure. */
dyad_engine *open_engine(const struct common_opts *o, bool report_problems,
			 size_t *problems);
/* Parse a common option at argv[*i]; true if consumed. */
bool common_option(struct common_opts *o, int argc, char **argv, int *i);

int cmd_code(int argc, char **argv);
int cmd_dict(int argc, char **argv);
int cmd_validate(int argc, char **argv);
#endif
