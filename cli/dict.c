/* dict.c - "dyad dict check|stats|compile". */
#include "cli.h"
#include <stdio.h>
#include <string.h>

static const char dict_usage[] =
	"usage: dyad dict check|stats|compile [--dict DIR] [--cache FILE]\n"
	"                                     [--max-entry-bytes N]\n"
	"\n"
	"  check    load the dictionaries and report every problem as FILE:LINE\n"
	"  stats    print entry counts, memory and load time\n"
	"  compile  write the compiled cache (default: ~/.cache/dyad/, used\n"
	"           automatically and rebuilt when a dictionary file changes)\n"
	"  --max-entry-bytes N  longer dictionary lines are problems, skipped\n"
	"           (default 4096; suffixes k, M)\n";

int cmd_dict(int argc, char **argv)
{
	struct common_opts co = { 0 };
	const char *sub = NULL;
	for (int i = 1; i < argc; i++) {
		if (common_option(&co, argc, argv, &i))
			continue;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(dict_usage, stdout);
			return 0;
		}
		if (argv[i][0] == '-')
			die_usage("dict", "unknown option '%s'", argv[i]);
		if (sub)
			die_usage("dict", "unexpected argument '%s'", argv[i]);
		sub = argv[i];
	}
	if (!sub || (strcmp(sub, "check") && strcmp(sub, "stats") && strcmp(sub, "compile")))
		die_usage("dict", "expected 'check', 'stats' or 'compile'");
	if (!strcmp(sub, "check"))
		co.no_cache = true;     /* problems are found only in the text */
	if (!strcmp(sub, "compile"))
		co.rebuild_cache = true;
	size_t problems = 0;
	dyad_engine *e = open_engine(&co, !strcmp(sub, "check"), &problems);
	if (!e)
		return 2;
	dyad_dict_stats st;
	dyad_engine_stats(e, &st);
	if (!strcmp(sub, "check")) {
		fprintf(stderr, "dyad: %zu problem%s in %s\n", problems, problems == 1 ? "" : "s",
			dict_dir(co.dict));
		dyad_engine_free(e);
		return problems ? 1 : 0;
	}
	if (!strcmp(sub, "compile")) {
		fprintf(stderr, "dyad: compiled %s in %.3f s%s%s\n", dict_dir(co.dict),
			st.load_seconds, co.cache ? " into " : "", co.cache ? co.cache : "");
		dyad_engine_free(e);
		return 0;
	}
	printf("dictionary     %s\n", dict_dir(co.dict));
	printf("actors         %zu (%zu phrases)\n", st.actors, st.actor_phrases);
	printf("agents         %zu\n", st.agents);
	printf("verbs          %zu (%zu forms)\n", st.verbs, st.verb_forms);
	printf("patterns       %zu\n", st.patterns);
	printf("synsets        %zu\n", st.synsets);
	printf("discards       %zu\n", st.discards);
	printf("words          %zu\n", st.words);
	printf("memory         %.1f MB\n", (double)st.bytes / 1e6);
	printf("load           %.3f s%s\n", st.load_seconds, st.from_cache ? " (cache)" : "");
	if (!st.from_cache)
		printf("problems       %zu\n", problems);
	dyad_engine_free(e);
	return 0;
}
