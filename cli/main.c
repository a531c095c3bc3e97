/* main.c - the dyad command: dispatches to one file per subcommand. */
#include "cli.h"
#include <stdio.h>
#include <string.h>

static const char usage[] =
	"usage: dyad <command> [options]\n"
	"\n"
	"commands:\n"
	"  code [FILE...]          code news documents (JSONL or text) into events\n"
	"  dict check|stats|compile  check, summarize or compile dictionaries\n"
	"  validate SUITE          run a TABARI or PETRARCH validation suite\n"
	"  ingest --db FILE [FILE...]  code documents into an SQLite event store\n"
	"  query --db FILE         filter, count and aggregate stored events\n"
	"  export --db FILE --schema NAME  write events as GDELT, Phoenix, ICEWS,\n"
	"                          POLECAT or CSV columns\n"
	"  dedup --db FILE         rebuild the cross-report event clusters\n"
	"  version                 print the version\n"
	"\n"
	"run 'dyad <command> --help' for the options of a command\n";

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "code"))
		return cmd_code(argc - 1, argv + 1);
	if (!strcmp(cmd, "dict"))
		return cmd_dict(argc - 1, argv + 1);
	if (!strcmp(cmd, "validate"))
		return cmd_validate(argc - 1, argv + 1);
	if (!strcmp(cmd, "ingest"))
		return cmd_ingest(argc - 1, argv + 1);
	if (!strcmp(cmd, "query"))
		return cmd_query(argc - 1, argv + 1);
	if (!strcmp(cmd, "export"))
		return cmd_export(argc - 1, argv + 1);
	if (!strcmp(cmd, "dedup"))
		return cmd_dedup(argc - 1, argv + 1);
	if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
		printf("dyad %s\n", DYAD_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		fputs(usage, stdout);
		return 0;
	}
	fprintf(stderr, "dyad: '%s' is not a dyad command\n%s", cmd, usage);
	return 2;
}
