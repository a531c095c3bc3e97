/* dict_tabari.c - placeholder while the TABARI readers are written. */
#include "dict.h"
static int unsupported(struct dict_ctx *c)
{
	dict_problem(c, 0, "TABARI dictionaries are not read yet");
	return 0;
}
int dict_read_tabari_verbs(struct dict_ctx *c, const char *b, size_t n) { (void)b; (void)n; return unsupported(c); }
int dict_read_tabari_actors(struct dict_ctx *c, const char *b, size_t n) { (void)b; (void)n; return unsupported(c); }
int dict_read_tabari_agents(struct dict_ctx *c, const char *b, size_t n) { (void)b; (void)n; return unsupported(c); }
int dict_read_tabari_options(struct dict_ctx *c, const char *b, size_t n) { (void)b; (void)n; return unsupported(c); }
int coder_option(struct coder_opts *o, const char *line, size_t n, dyad_error *err)
{
	(void)o;
	return dyad_seterr(err, DYAD_EUSAGE, NULL, 0, -1, "option not implemented: '%.*s'", (int)n, line);
}
