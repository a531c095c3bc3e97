/*
 * fuzz_dict_petr.c - libFuzzer target for the PETRARCH-2 dictionary
 * readers (dict_petr.c: dict_read_verbs, _actors, _agents, _discards)
 * and the pattern index built from them (index.c). Input: one option
 * byte, then the file. Option bits 0-1: its kind (verbs, actors, agents,
 * discards); bit 2: load small fixed dictionaries of the other kinds with
 * it; bit 3: load them first. The engine then codes a fixed document.
 */
#include "fuzz_dict.h"

static const struct fuzz_companion comp[] = {
	{ "verbs",
	  "&CURRENCY\n+DOLLAR\n+EURO_\n+SWISS_FRANC\n"
	  "--- CONDEMN [122] ---\nCONDEMN\nDENOUNCE\n+ACCUSE {ACCUSED ACCUSES}\n"
	  "- * + FOR &CURRENCY [123]\n- $ * (OF +) [112]\n"
	  "--- MEET [040] ---\nMEET {MET MEETS MEETING}\n- * (WITH +) [042:043]\n"
	  "- * {CHINESE DELEGATION} [036]\n"
	  "--- PROMISE [030] ---\nPROMISE\n- * TO MEET % [031]\n"
	  "--- ARREST [173] ---\nARREST\n- ^ * + [173]\n"
	  "--- SIGN [057] ---\nSIGN\n- NOT * ACCORD [---]\n"
	  "~ a (a b ATTACK) SAY = a b 015\n" },
	{ "actors",
	  "RUSSIA_ [RUS]\n+RUSSIAN_\nCHINA_ [CHN]\n+CHINESE_\n"
	  "IRAN_\n+IRANIAN_\n\t[IRN]\nUNITED_STATES_ [USA]\nEGYPT_ [EGY]\n+CAIRO_\n"
	  "VLADIMIR_PUTIN_\n+PUTIN_\n\t[RUSGOV >20000507]\n\t[RUSELI 19991231-20000506]\n" },
	{ "agents",
	  "!MINIST! = MINISTER, MINISTRY\nFOREIGN_!MINIST! [~GOV]\n"
	  "PRESIDENT_ [~GOV]\nOFFICIAL {OFFICIALS} [~GOV]\nPOLICE {} [~COP]\n"
	  "PROTESTER [~OPP]\nDELEGATION [~GOV]\n" },
	{ "discards", "BASEBALL\n+WORLD CUP\n" },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const kinds[4] = { "verbs", "actors", "agents", "discards" };
	if (!size)
		return 0;
	unsigned opt = data[0];
	fuzz_dict(kinds[opt & 3], data + 1, size - 1, comp,
		  opt & 4 ? ARRAY_SIZE(comp) : 0, opt & 8);
	return 0;
}
