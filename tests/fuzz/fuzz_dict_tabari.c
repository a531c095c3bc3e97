/*
 * fuzz_dict_tabari.c - libFuzzer target for the TABARI dictionary readers
 * (dict_tabari.c: .verbs with its <SYNSETS>, <TIME>, <NOUN> and
 * <ADJECTIVE> sections, .actors, .agents, .options). Input: one option
 * byte, then the file. Option bits 0-1: its kind (verbs, actors, agents,
 * options); bit 2: load small fixed TABARI dictionaries of the other
 * kinds with it; bit 3: load them first. The engine then codes a fixed
 * document.
 */
#include "fuzz_dict.h"

static const struct fuzz_companion comp[] = {
	{ "tabari-verbs",
	  "<SYNSETS>\n&CURRENCY\n+DOLLAR\n+SWISS_FRANC\n</SYNSETS>\n"
	  "<TIME>\nLAST_WEEK [-7]\nTOMORROW [+1]\n</TIME>\n"
	  "<NOUN>\nFORCES_\n</NOUN>\n<ADJECTIVE>\nAWFUL\n</ADJECTIVE>\n"
	  "CONDEMN [122]\n- $ * + [123]\n- * &CURRENCY [124]\n"
	  "ACCUSE_ [112]\n{ ACCUSED_ ACCUSING_ }\n"
	  "MEET [031:031]\n- * { WITH | AND } + [036]\n"
	  "PROMISE [030?]\n- * TO_MEET % [031]\n"
	  "ARREST [173!]\n- ^ * + [173]\n"
	  "SIGN= [057]\n- SAID_* [---]\n" },
	{ "tabari-actors",
	  "RUSSIA_ [RUS]\n+RUSSIAN_\nCHINA [CHN]\n+CHINESE\n"
	  "IRAN [IRN] ;comment\nUNITED_STATES_ [USA]\nEGYPT [EGY]\n+CAIRO_\n"
	  "PUTIN\n\t[RUSGOV >000507]\n\t[RUSELI 991231-000506]\n"
	  "<NOUN>\nBEES\n</NOUN>\n" },
	{ "tabari-agents",
	  "FOREIGN_MINISTER_ [~GOV]\nPRESIDENT_ [~GOVPRS]\n"
	  "POLICE_ {POLICEMEN_} [~COP]\nPROTESTER [~OPP]\nHUMAN_RIGHTS_ [NGO~]\n" },
	{ "tabari-options",
	  "SET: CODE ALL\nSET: MINIMUM WORDS = 3\nSET: CONVERT AGENTS = TRUE\n" },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const kinds[4] = {
		"tabari-verbs", "tabari-actors", "tabari-agents", "tabari-options",
	};
	if (!size)
		return 0;
	unsigned opt = data[0];
	fuzz_dict(kinds[opt & 3], data + 1, size - 1, comp,
		  opt & 4 ? ARRAY_SIZE(comp) : 0, opt & 8);
	return 0;
}
