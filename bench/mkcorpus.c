/*
 * mkcorpus.c - writes a deterministic, news-like JSONL corpus for `make bench`.
 *
 *   mkcorpus [--seed N] [--seeds DIR] [MB]      (MB defaults to 64)
 *
 * One document a line: {"id":"bench-000001","date":"...","source":"...",
 * ["url":"...",]"text":"..."}, at least MB MiB in all, ending with a whole
 * line. Documents hold 3-12 sentences built from the templates and word lists
 * below: actors (countries, adjectives, capitals, office holders, international
 * organizations, non-state groups), verbs from all 20 CAMEO root categories,
 * attribution, quotes, negation, passive voice, compound actors, relative
 * clauses, appositives, date expressions, numbers and filler sentences with no
 * actors. Some documents use curly quotes and dashes, some escape every
 * non-ASCII character as \uXXXX, a few have an empty text.
 *
 * Invariants: the output depends only on the arguments (own PRNG, fixed seed,
 * no clock, no locale); this file is standalone (no dyad library). The person
 * names are made up from name lists and do not refer to real office holders.
 *
 * --seeds DIR reads the <Text> sentences of the PETRARCH-2 GigaWord sample
 * (DIR/petrarch2/petrarch2/data/text/GigaWord.sample.PETR.xml, or DIR itself
 * when it is that file) and mixes them in. Those sentences are third-party
 * text: the corpus is written at bench time under build/ and never committed.
 *
 * A summary "mkcorpus: mb=N bytes=N docs=N sentences=N seeds=N seed=N" goes to
 * stderr; sentences counts generated sentences (a seed sentence counts as one).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_(a) (sizeof(a) / sizeof((a)[0]))

/* ---- growable string ---------------------------------------------------- */

struct sb {
	char *p;
	size_t n, cap;
};

static void die(const char *msg)
{
	fprintf(stderr, "mkcorpus: %s\n", msg);
	exit(2);
}

static void sb_reserve(struct sb *b, size_t add)
{
	if (b->n + add + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 4096;
	while (cap < b->n + add + 1)
		cap *= 2;
	char *p = realloc(b->p, cap);
	if (!p)
		die("out of memory");
	b->p = p;
	b->cap = cap;
}

static void sb_addn(struct sb *b, const char *s, size_t n)
{
	sb_reserve(b, n);
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = 0;
}

static void sb_add(struct sb *b, const char *s)
{
	sb_addn(b, s, strlen(s));
}

static void sb_addc(struct sb *b, char c)
{
	sb_addn(b, &c, 1);
}

static void sb_fmt(struct sb *b, const char *fmt, ...)
{
	char tmp[128];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp))
		die("internal: format too long");
	sb_addn(b, tmp, (size_t)n);
}

static char sb_last(const struct sb *b)
{
	return b->n ? b->p[b->n - 1] : 0;
}

/* ---- PRNG: splitmix64 --------------------------------------------------- */

static uint64_t rng_state;

static uint64_t rnd64(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static unsigned rnd(unsigned n)
{
	return n ? (unsigned)(rnd64() % n) : 0;
}

static int rrange(int lo, int hi)
{
	return lo + (int)rnd((unsigned)(hi - lo + 1));
}

static bool chance(unsigned pct)
{
	return rnd(100) < pct;
}

static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15u;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
	return x ^ (x >> 31);
}

#define PICK(a) ((a)[rnd(N_(a))])

/* ---- word lists --------------------------------------------------------- */

struct country {
	const char *name, *alias, *adj, *capital;
};

static const struct country countries[] = {
	{"Azerbaijan", "the Republic of Azerbaijan", "Azerbaijani", "Baku"},
	{"Armenia", NULL, "Armenian", "Yerevan"},
	{"Georgia", NULL, "Georgian", "Tbilisi"},
	{"Turkey", "Türkiye", "Turkish", "Ankara"},
	{"Iran", "the Islamic Republic", "Iranian", "Tehran"},
	{"Iraq", NULL, "Iraqi", "Baghdad"},
	{"Syria", NULL, "Syrian", "Damascus"},
	{"Israel", NULL, "Israeli", "Jerusalem"},
	{"Lebanon", NULL, "Lebanese", "Beirut"},
	{"Jordan", NULL, "Jordanian", "Amman"},
	{"Egypt", NULL, "Egyptian", "Cairo"},
	{"Saudi Arabia", "the kingdom", "Saudi", "Riyadh"},
	{"the United Arab Emirates", "the UAE", "Emirati", "Abu Dhabi"},
	{"Qatar", NULL, "Qatari", "Doha"},
	{"Yemen", NULL, "Yemeni", "Sanaa"},
	{"Pakistan", NULL, "Pakistani", "Islamabad"},
	{"India", NULL, "Indian", "New Delhi"},
	{"Afghanistan", NULL, "Afghan", "Kabul"},
	{"China", "the People's Republic of China", "Chinese", "Beijing"},
	{"Japan", NULL, "Japanese", "Tokyo"},
	{"South Korea", "the Republic of Korea", "South Korean", "Seoul"},
	{"North Korea", "the DPRK", "North Korean", "Pyongyang"},
	{"Russia", "the Russian Federation", "Russian", "Moscow"},
	{"Ukraine", NULL, "Ukrainian", "Kyiv"},
	{"Belarus", NULL, "Belarusian", "Minsk"},
	{"Poland", NULL, "Polish", "Warsaw"},
	{"Germany", NULL, "German", "Berlin"},
	{"France", NULL, "French", "Paris"},
	{"the United Kingdom", "Britain", "British", "London"},
	{"the United States", "the U.S.", "American", "Washington"},
	{"Canada", NULL, "Canadian", "Ottawa"},
	{"Mexico", NULL, "Mexican", "Mexico City"},
	{"Brazil", NULL, "Brazilian", "Brasília"},
	{"Colombia", NULL, "Colombian", "Bogotá"},
	{"Venezuela", NULL, "Venezuelan", "Caracas"},
	{"Argentina", NULL, "Argentine", "Buenos Aires"},
	{"Peru", NULL, "Peruvian", "Lima"},
	{"Nigeria", NULL, "Nigerian", "Abuja"},
	{"Ethiopia", NULL, "Ethiopian", "Addis Ababa"},
	{"Kenya", NULL, "Kenyan", "Nairobi"},
	{"Somalia", NULL, "Somali", "Mogadishu"},
	{"Sudan", NULL, "Sudanese", "Khartoum"},
	{"South Sudan", NULL, "South Sudanese", "Juba"},
	{"the Democratic Republic of the Congo", "the DRC", "Congolese", "Kinshasa"},
	{"Rwanda", NULL, "Rwandan", "Kigali"},
	{"Mali", NULL, "Malian", "Bamako"},
	{"Libya", NULL, "Libyan", "Tripoli"},
	{"Algeria", NULL, "Algerian", "Algiers"},
	{"Morocco", NULL, "Moroccan", "Rabat"},
	{"South Africa", NULL, "South African", "Pretoria"},
	{"Côte d'Ivoire", "Ivory Coast", "Ivorian", "Yamoussoukro"},
	{"Kazakhstan", NULL, "Kazakh", "Astana"},
	{"Uzbekistan", NULL, "Uzbek", "Tashkent"},
	{"Turkmenistan", NULL, "Turkmen", "Ashgabat"},
	{"Tajikistan", NULL, "Tajik", "Dushanbe"},
	{"Kyrgyzstan", NULL, "Kyrgyz", "Bishkek"},
	{"Indonesia", NULL, "Indonesian", "Jakarta"},
	{"the Philippines", NULL, "Philippine", "Manila"},
	{"Vietnam", NULL, "Vietnamese", "Hanoi"},
	{"Thailand", NULL, "Thai", "Bangkok"},
	{"Myanmar", "Burma", "Myanmar", "Naypyidaw"},
	{"Bangladesh", NULL, "Bangladeshi", "Dhaka"},
	{"Sri Lanka", NULL, "Sri Lankan", "Colombo"},
	{"Australia", NULL, "Australian", "Canberra"},
	{"Italy", NULL, "Italian", "Rome"},
	{"Spain", NULL, "Spanish", "Madrid"},
	{"Greece", NULL, "Greek", "Athens"},
	{"Cyprus", NULL, "Cypriot", "Nicosia"},
	{"Serbia", NULL, "Serbian", "Belgrade"},
	{"Kosovo", NULL, "Kosovar", "Pristina"},
	{"Hungary", NULL, "Hungarian", "Budapest"},
	{"Sweden", NULL, "Swedish", "Stockholm"},
	{"Finland", NULL, "Finnish", "Helsinki"},
	{"Norway", NULL, "Norwegian", "Oslo"},
	{"Switzerland", NULL, "Swiss", "Bern"},
};
#define NC ((int)N_(countries))

struct org {
	const char *name;   /* "the Economic Cooperation Organization" */
	const char *mod;    /* as a modifier: "ECO" */
	const char *abbr;   /* for "(ECO)" after the name, or NULL */
	const char *head;   /* head's title: "Secretary General" */
	const char *noun;   /* follow-up: "the organization" */
	const char *troops; /* "NATO troops", or NULL */
};

static const struct org orgs[] = {
	{"the European Union", "EU", "EU", "foreign policy chief", "the bloc", NULL},
	{"NATO", "NATO", NULL, "Secretary General", "the alliance", "NATO troops"},
	{"the United Nations Security Council", "Security Council", "UNSC",
	 "President", "the council", NULL},
	{"the United Nations", "UN", "UN", "Secretary-General", "the world body",
	 "UN peacekeepers"},
	{"the African Union", "African Union", "AU", "Commission Chairperson",
	 "the union", "African Union troops"},
	{"the Economic Cooperation Organization", "ECO", "ECO",
	 "Secretary General", "the organization", NULL},
	{"the International Monetary Fund", "IMF", "IMF", "Managing Director",
	 "the fund", NULL},
	{"the World Bank", "World Bank", NULL, "President", "the bank", NULL},
	{"the Arab League", "Arab League", NULL, "Secretary-General", "the league",
	 NULL},
	{"ASEAN", "ASEAN", NULL, "Secretary-General", "the bloc", NULL},
	{"the Organization for Security and Co-operation in Europe", "OSCE", "OSCE",
	 "Secretary General", "the organization", "OSCE monitors"},
	{"the International Committee of the Red Cross", "ICRC", "ICRC",
	 "President", "the organization", NULL},
	{"Amnesty International", "Amnesty International", NULL,
	 "Secretary General", "the rights group", NULL},
	{"Human Rights Watch", "Human Rights Watch", "HRW", "Executive Director",
	 "the rights group", NULL},
	{"the World Health Organization", "WHO", "WHO", "Director-General",
	 "the agency", NULL},
	{"the International Atomic Energy Agency", "IAEA", "IAEA",
	 "Director General", "the agency", "IAEA inspectors"},
	{"the Organization of American States", "OAS", "OAS", "Secretary General",
	 "the organization", NULL},
	{"the Gulf Cooperation Council", "GCC", "GCC", "Secretary General",
	 "the council", NULL},
	{"the Shanghai Cooperation Organisation", "SCO", "SCO", "Secretary-General",
	 "the organization", NULL},
	{"the European Commission", "European Commission", NULL, "President",
	 "the commission", NULL},
};
#define NO ((int)N_(orgs))

struct given {
	const char *name;
	char sex; /* 'm' or 'f': the follow-up pronoun */
};

static const struct given given_names[] = {
	{"Jeyhun", 'm'}, {"Ilham", 'm'}, {"Asad", 'm'}, {"Ahmed", 'm'},
	{"Maria", 'f'}, {"Elena", 'f'}, {"Sergei", 'm'}, {"Olena", 'f'},
	{"Wei", 'm'}, {"Hiroshi", 'm'}, {"Min-jun", 'm'}, {"Fatima", 'f'},
	{"Carlos", 'm'}, {"Ana", 'f'}, {"João", 'm'}, {"Mehmet", 'm'},
	{"Ayşe", 'f'}, {"Omar", 'm'}, {"Layla", 'f'}, {"Daniel", 'm'},
	{"Sarah", 'f'}, {"Pierre", 'm'}, {"Ingrid", 'f'}, {"Kwame", 'm'},
	{"Amina", 'f'}, {"Ravi", 'm'}, {"Priya", 'f'}, {"Thanh", 'f'},
	{"Andrzej", 'm'}, {"Katarzyna", 'f'}, {"Lars", 'm'}, {"Sofia", 'f'},
	{"Dmitry", 'm'}, {"Nikol", 'm'}, {"Ali", 'm'}, {"Hassan", 'm'},
	{"Yusuf", 'm'}, {"Grace", 'f'}, {"Samuel", 'm'}, {"Chen", 'm'},
	{"Arturo", 'm'}, {"Luis", 'm'}, {"Marta", 'f'}, {"Tomás", 'm'},
	{"Zeynep", 'f'}, {"Farid", 'm'}, {"Bola", 'f'}, {"Chidi", 'm'},
	{"Emmanuel", 'm'}, {"Olga", 'f'}, {"Leila", 'f'}, {"Rashid", 'm'},
	{"Nadia", 'f'}, {"Viktor", 'm'}, {"Hana", 'f'}, {"Mikael", 'm'},
};

static const char *const family_names[] = {
	"Bayramov", "Khan", "Hasanov", "Petrov", "Kovalenko", "Wang", "Tanaka",
	"Kim", "Haddad", "Mendoza", "Silva", "Yılmaz", "Demir", "Rahman",
	"Dubois", "Schmidt", "Johansson", "Mensah", "Okafor", "Sharma", "Nowak",
	"Rossi", "Garcia", "Aliyev", "Mammadov", "Grigoryan", "Beridze", "Nazarov",
	"Hussein", "Abbasi", "Tran", "Santos", "Moreau", "Weber", "Kowalski",
	"Osei", "Mwangi", "Abdullah", "Karimov", "Popescu", "Novak", "Fernández",
	"Park", "Lee", "O'Brien", "Al-Masri", "Van der Berg", "Suleimenov",
	"Nguyen", "Castillo", "Adeyemi", "Lindqvist", "Morales", "Ivanov",
};

/* Government office holders of a country. */
struct role {
	const char *title; /* before a name: "Foreign Minister" */
	const char *lower; /* "foreign minister" ("the ... of X") */
	const char *noun;  /* follow-up: "the minister" */
};

static const struct role roles[] = {
	{"President", "president", "the president"},
	{"Prime Minister", "prime minister", "the prime minister"},
	{"Foreign Minister", "foreign minister", "the minister"},
	{"Defense Minister", "defense minister", "the minister"},
	{"Interior Minister", "interior minister", "the minister"},
	{"Finance Minister", "finance minister", "the minister"},
	{"Deputy Foreign Minister", "deputy foreign minister", "the deputy minister"},
	{"Speaker", "parliament speaker", "the speaker"},
	{"opposition leader", "opposition leader", "the opposition leader"},
	{"General", "army chief of staff", "the general"},
	{"Ambassador", "ambassador to the United Nations", "the ambassador"},
	{"foreign ministry spokesperson", "foreign ministry spokesperson",
	 "the spokesperson"},
};
enum { R_PRES, R_PM, R_FM, R_DEF, R_INT, R_FIN, R_DFM, R_SPK, R_OPP, R_GEN,
       R_AMB, R_SPOKES };

static const char *const sources[] = {
	"Reuters", "AFP", "AP", "Azernews", "Xinhua", "Anadolu Agency",
	"BBC Monitoring", "Al Jazeera", "TASS", "Kyodo", "Deutsche Welle", "Trend",
	"Interfax", "The Hindu", "Daily Sabah", "Kyiv Independent", "Dawn",
	"Punch", "Jakarta Post", "Yonhap", "Agência Brasil", "Le Monde",
};

static const char *const weekdays[] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday",
};
static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December",
};
static const char *const months_ap[] = {
	"Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.",
	"Oct.", "Nov.", "Dec.",
};

/*
 * Verbs. "S <past> T<tail>." Other forms: "S did not <base> T", "S had <perf>
 * T", "T was <pass> by S" (pass NULL: no passive). src and tgt list the actor
 * kinds that fit: g government/leaders/organizations, n a country as a place,
 * m military, p police/courts, r rebels/militants, c civilians, d diplomats,
 * x military targets, v vessels. tails: '|'-separated, may be empty, each
 * expanded like a template (see expand()).
 */
struct verb {
	int root;
	const char *past, *base, *perf, *pass;
	const char *src, *tgt, *tails;
};

static const struct verb verbs[] = {
	/* 01 make public statement */
	{1, "expressed concern over the situation in", "express concern over the situation in",
	 "expressed concern over the situation in", NULL, "g", "n", "| and called for calm"},
	{1, "made an optimistic comment about relations with",
	 "make an optimistic comment about relations with",
	 "made an optimistic comment about relations with", NULL, "g", "g", ""},
	{1, "declined to comment on reports about", "decline to comment on reports about",
	 "declined to comment on reports about", NULL, "g", "g", ""},
	{1, "issued a statement on its talks with", "issue a statement on its talks with",
	 "issued a statement on its talks with", NULL, "g", "g", "| in {cA}"},
	{1, "acknowledged the role of", "acknowledge the role of", "acknowledged the role of",
	 NULL, "g", "g", " in the negotiations| in the peace process"},
	/* 02 appeal */
	{2, "urged", "urge", "urged", "urged", "g", "g",
	 " to exercise restraint| to return to the negotiating table| to release detained journalists"
	 "| to respect the ceasefire| to withdraw its troops from {A}| to hold free and fair elections"},
	{2, "called on", "call on", "called on", "called on", "g", "g",
	 " to exercise restraint| to resume talks| to open its borders to aid convoys"
	 "| to investigate the killing of {n} civilians"},
	{2, "appealed to", "appeal to", "appealed to", "appealed to", "gc", "g",
	 " for humanitarian assistance| for calm| to lift the blockade"},
	{2, "called for talks with", "call for talks with", "called for talks with", NULL,
	 "g", "g", "| on the disputed border| on energy cooperation"},
	{2, "asked", "ask", "asked", "asked", "g", "g",
	 " for financial assistance| for military aid| to mediate in the conflict"},
	{2, "requested economic aid from", "request economic aid from",
	 "requested economic aid from", NULL, "g", "g", ""},
	/* 03 express intent to cooperate */
	{3, "pledged to cooperate with", "pledge to cooperate with", "pledged to cooperate with",
	 NULL, "g", "g", " in the fight against terrorism| on energy security|"},
	{3, "offered to help", "offer to help", "offered to help", NULL, "g", "g",
	 " rebuild its infrastructure| investigate the incident"},
	{3, "expressed readiness to cooperate with", "express readiness to cooperate with",
	 "expressed readiness to cooperate with", NULL, "g", "g",
	 "| on transport and communications| within the organization"},
	{3, "agreed to negotiate with", "agree to negotiate with", "agreed to negotiate with",
	 NULL, "g", "gr", "| over the disputed territory"},
	{3, "offered to hold peace talks with", "offer to hold peace talks with",
	 "offered to hold peace talks with", NULL, "g", "gr", ""},
	{3, "pledged aid to", "pledge aid to", "pledged aid to", NULL, "g", "g",
	 "| worth ${n} million"},
	{3, "promised to support", "promise to support", "promised to support", NULL, "g", "g",
	 " in its bid to join the organization|"},
	/* 04 consult */
	{4, "met with", "meet with", "met with", NULL, "g", "g",
	 " to discuss bilateral relations| to discuss regional security|"
	 "| on the sidelines of the summit"},
	{4, "held talks with", "hold talks with", "held talks with", NULL, "g", "g",
	 "| on trade and energy| on the normalization of relations"},
	{4, "visited", "visit", "visited", "visited", "g", "n",
	 "| for the first time since {y}| for talks on energy cooperation"},
	{4, "hosted", "host", "hosted", "hosted", "g", "g", " for talks|"},
	{4, "spoke by telephone with", "speak by telephone with", "spoken by telephone with",
	 NULL, "g", "g", ""},
	{4, "received", "receive", "received", "received", "g", "g",
	 " at the presidential palace|"},
	{4, "met", "meet", "met", NULL, "g", "g", ""},
	{4, "traveled to", "travel to", "traveled to", NULL, "g", "n", " for talks|"},
	/* 05 diplomatic cooperation */
	{5, "praised", "praise", "praised", "praised", "g", "g",
	 " for its role in the peace process| for its support|"},
	{5, "welcomed the decision by", "welcome the decision by", "welcomed the decision by",
	 NULL, "g", "g", " to reopen the border| to release the prisoners"},
	{5, "signed an agreement with", "sign an agreement with", "signed an agreement with",
	 NULL, "g", "g", " on energy cooperation| to expand trade| on visa-free travel|"},
	{5, "expressed support for", "express support for", "expressed support for", NULL,
	 "g", "g", ""},
	{5, "thanked", "thank", "thanked", "thanked", "g", "g",
	 " for its humanitarian assistance|"},
	{5, "established diplomatic relations with", "establish diplomatic relations with",
	 "established diplomatic relations with", NULL, "g", "g", ""},
	{5, "apologized to", "apologize to", "apologized to", NULL, "g", "g",
	 " for the incident|"},
	{5, "signed a memorandum of understanding with",
	 "sign a memorandum of understanding with",
	 "signed a memorandum of understanding with", NULL, "g", "g", ""},
	{5, "congratulated", "congratulate", "congratulated", "congratulated", "g", "g",
	 " on its national day| on the election"},
	/* 06 material cooperation */
	{6, "agreed to boost trade with", "agree to boost trade with",
	 "agreed to boost trade with", NULL, "g", "g", ""},
	{6, "shared intelligence with", "share intelligence with", "shared intelligence with",
	 NULL, "gm", "g", ""},
	{6, "began joint military exercises with", "begin joint military exercises with",
	 "begun joint military exercises with", NULL, "gm", "gm", ""},
	{6, "agreed to extradite suspects to", "agree to extradite suspects to",
	 "agreed to extradite suspects to", NULL, "g", "g", ""},
	/* 07 provide aid */
	{7, "sent humanitarian aid to", "send humanitarian aid to", "sent humanitarian aid to",
	 NULL, "g", "n", ""},
	{7, "provided military assistance to", "provide military assistance to",
	 "provided military assistance to", NULL, "g", "gm", ""},
	{7, "granted asylum to", "grant asylum to", "granted asylum to", NULL, "g", "c", ""},
	{7, "delivered {n} tonnes of food aid to", "deliver {n} tonnes of food aid to",
	 "delivered {n} tonnes of food aid to", NULL, "g", "n", ""},
	{7, "pledged ${n} million in reconstruction aid to",
	 "pledge ${n} million in reconstruction aid to",
	 "pledged ${n} million in reconstruction aid to", NULL, "g", "n", ""},
	/* 08 yield */
	{8, "released", "release", "released", "released", "gp", "c",
	 " after {n} months in detention|"},
	{8, "lifted sanctions on", "lift sanctions on", "lifted sanctions on", NULL, "g", "g",
	 ""},
	{8, "withdrew troops from", "withdraw troops from", "withdrawn troops from", NULL,
	 "g", "n", ""},
	{8, "eased restrictions on", "ease restrictions on", "eased restrictions on", NULL,
	 "g", "c", ""},
	{8, "agreed to a ceasefire with", "agree to a ceasefire with",
	 "agreed to a ceasefire with", NULL, "gr", "gr", ""},
	{8, "returned the bodies of {n} soldiers to", "return the bodies of {n} soldiers to",
	 "returned the bodies of {n} soldiers to", NULL, "g", "g", ""},
	{8, "allowed", "allow", "allowed", "allowed", "g", "o",
	 " to inspect its nuclear facilities| to visit the detention centers"},
	/* 09 investigate */
	{9, "launched an investigation into", "launch an investigation into",
	 "launched an investigation into", NULL, "gp", "cr", ""},
	{9, "investigated", "investigate", "investigated", "investigated", "p", "cr", ""},
	{9, "sent observers to", "send observers to", "sent observers to", NULL, "g", "n", ""},
	/* 10 demand */
	{10, "demanded an apology from", "demand an apology from", "demanded an apology from",
	 NULL, "g", "g", ""},
	{10, "demanded the release of", "demand the release of", "demanded the release of",
	 NULL, "gc", "c", ""},
	{10, "demanded that", "demand that", "demanded that", NULL, "g", "g",
	 " withdraw its forces| pay compensation| hand over the suspects"},
	{10, "demanded compensation from", "demand compensation from",
	 "demanded compensation from", NULL, "g", "g", ""},
	{10, "called for the resignation of", "call for the resignation of",
	 "called for the resignation of", NULL, "c", "g", ""},
	/* 11 disapprove */
	{11, "criticized", "criticize", "criticized", "criticized", "gc", "g",
	 " for its handling of the crisis| over human rights abuses|"},
	{11, "accused", "accuse", "accused", "accused", "g", "gmr",
	 " of violating the ceasefire| of shelling civilian areas"
	 "| of interfering in its internal affairs| of supporting terrorism"},
	{11, "condemned", "condemn", "condemned", "condemned", "go", "gmr",
	 " for the attack|"},
	{11, "denounced", "denounce", "denounced", "denounced", "g", "g", ""},
	{11, "blamed", "blame", "blamed", "blamed", "g", "gr",
	 " for the attack| for the collapse of the talks"},
	{11, "complained to", "complain to", "complained to", NULL, "g", "g",
	 " about the treatment of its diplomats| about border violations"},
	{11, "filed a lawsuit against", "file a lawsuit against", "filed a lawsuit against",
	 NULL, "gc", "g", ""},
	/* 12 reject */
	{12, "rejected a proposal by", "reject a proposal by", "rejected a proposal by", NULL,
	 "g", "g", " for a ceasefire| to hold talks"},
	{12, "refused to meet with", "refuse to meet with", "refused to meet with", NULL, "g",
	 "g", ""},
	{12, "vetoed a resolution drafted by", "veto a resolution drafted by",
	 "vetoed a resolution drafted by", NULL, "g", "g", ""},
	{12, "turned down a request from", "turn down a request from",
	 "turned down a request from", NULL, "g", "g",
	 " for military assistance| to extradite the suspects"},
	{12, "dismissed claims by", "dismiss claims by", "dismissed claims by", NULL, "g",
	 "g", " that it had violated the agreement"},
	{12, "rejected", "reject", "rejected", "rejected", "g", "g", ""},
	/* 13 threaten */
	{13, "threatened", "threaten", "threatened", "threatened", "gr", "g",
	 " with sanctions| with military action| with retaliation"},
	{13, "warned", "warn", "warned", "warned", "g", "g",
	 " against further provocations| that it would respond forcefully"},
	{13, "threatened to impose sanctions on", "threaten to impose sanctions on",
	 "threatened to impose sanctions on", NULL, "g", "g", ""},
	{13, "threatened military action against", "threaten military action against",
	 "threatened military action against", NULL, "gm", "g", ""},
	{13, "gave an ultimatum to", "give an ultimatum to", "given an ultimatum to", NULL,
	 "g", "g", ""},
	/* 14 protest */
	{14, "protested against", "protest against", "protested against", NULL, "c", "g",
	 " outside parliament| in the capital|"},
	{14, "staged a demonstration against", "stage a demonstration against",
	 "staged a demonstration against", NULL, "c", "g", ""},
	{14, "rallied against", "rally against", "rallied against", NULL, "c", "g", ""},
	{14, "held a sit-in outside the offices of", "hold a sit-in outside the offices of",
	 "held a sit-in outside the offices of", NULL, "c", "g", ""},
	{14, "lodged a formal protest with", "lodge a formal protest with",
	 "lodged a formal protest with", NULL, "g", "g", " over the incident|"},
	/* 15 exhibit force posture */
	{15, "deployed troops to", "deploy troops to", "deployed troops to", NULL, "g", "n",
	 "| near the border"},
	{15, "put its forces on high alert along the border with",
	 "put its forces on high alert along the border with",
	 "put its forces on high alert along the border with", NULL, "g", "n", ""},
	{15, "mobilized reservists near the border with", "mobilize reservists near the border with",
	 "mobilized reservists near the border with", NULL, "g", "n", ""},
	{15, "conducted military drills near", "conduct military drills near",
	 "conducted military drills near", NULL, "m", "n", ""},
	/* 16 reduce relations */
	{16, "imposed sanctions on", "impose sanctions on", "imposed sanctions on", NULL, "go",
	 "g", " over its nuclear program| over human rights abuses|"},
	{16, "expelled", "expel", "expelled", "expelled", "g", "d", ""},
	{16, "recalled its ambassador from", "recall its ambassador from",
	 "recalled its ambassador from", NULL, "g", "n", ""},
	{16, "cut diplomatic ties with", "cut diplomatic ties with", "cut diplomatic ties with",
	 NULL, "g", "g", ""},
	{16, "suspended aid to", "suspend aid to", "suspended aid to", NULL, "go", "g", ""},
	{16, "halted negotiations with", "halt negotiations with", "halted negotiations with",
	 NULL, "g", "gr", ""},
	{16, "closed its border with", "close its border with", "closed its border with",
	 NULL, "g", "n", ""},
	{16, "imposed an arms embargo on", "impose an arms embargo on",
	 "imposed an arms embargo on", NULL, "go", "g", ""},
	/* 17 coerce */
	{17, "arrested", "arrest", "arrested", "arrested", "p", "cr",
	 " on charges of espionage| during a protest| in connection with the bombing|"},
	{17, "detained", "detain", "detained", "detained", "p", "cr", ""},
	{17, "seized", "seize", "seized", "seized", "pm", "v", ""},
	{17, "deported", "deport", "deported", "deported", "gp", "c", ""},
	{17, "banned", "ban", "banned", "banned", "g", "c",
	 " from entering the country| from holding rallies"},
	{17, "sentenced", "sentence", "sentenced", "sentenced", "p", "c",
	 " to {n} years in prison"},
	{17, "placed", "place", "placed", "placed", "p", "c", " under house arrest"},
	/* 18 assault */
	{18, "attacked", "attack", "attacked", "attacked", "mr", "mxc",
	 " near the border| with drones| overnight|"},
	{18, "ambushed", "ambush", "ambushed", "ambushed", "r", "mp", ""},
	{18, "abducted", "abduct", "abducted", "abducted", "r", "c", ""},
	{18, "kidnapped", "kidnap", "kidnapped", "kidnapped", "r", "c", ""},
	{18, "killed", "kill", "killed", "killed", "mr", "cm", " in a raid| near the border|"},
	{18, "wounded", "wound", "wounded", "wounded", "mr", "cm", ""},
	{18, "tortured", "torture", "tortured", "tortured", "p", "c", ""},
	{18, "carried out a suicide bombing against", "carry out a suicide bombing against",
	 "carried out a suicide bombing against", NULL, "r", "mp", ""},
	/* 19 fight */
	{19, "clashed with", "clash with", "clashed with", NULL, "mr", "mr",
	 " near the border| in the disputed region|"},
	{19, "shelled", "shell", "shelled", "shelled", "m", "x", ""},
	{19, "fired rockets at", "fire rockets at", "fired rockets at", NULL, "mr", "x", ""},
	{19, "launched airstrikes against", "launch airstrikes against",
	 "launched airstrikes against", NULL, "m", "rx", ""},
	{19, "bombed", "bomb", "bombed", "bombed", "m", "x", ""},
	{19, "invaded", "invade", "invaded", "invaded", "m", "n", ""},
	{19, "fought", "fight", "fought", "fought", "mr", "mr", ""},
	{19, "occupied", "occupy", "occupied", "occupied", "m", "x", ""},
	{19, "shot down a drone operated by", "shoot down a drone operated by",
	 "shot down a drone operated by", NULL, "m", "m", ""},
	/* 20 unconventional mass violence */
	{20, "massacred", "massacre", "massacred", "massacred", "mr", "c", ""},
	{20, "used chemical weapons against", "use chemical weapons against",
	 "used chemical weapons against", NULL, "m", "cr", ""},
	{20, "carried out ethnic cleansing against", "carry out ethnic cleansing against",
	 "carried out ethnic cleansing against", NULL, "mr", "c", ""},
	{20, "killed hundreds of civilians in", "kill hundreds of civilians in",
	 "killed hundreds of civilians in", NULL, "mr", "n", ""},
};

/* Per-mille weight of each root, roughly as in wire news. */
static const int root_weight[21] = {
	0, 90, 70, 80, 170, 90, 30, 40, 30, 20, 30, 90, 40, 40, 30, 25, 35, 45, 40,
	30, 5,
};

static const char *const quotes[] = {
	"We will not tolerate any violation of our sovereignty",
	"This is a historic day for our two nations",
	"The door to dialogue remains open",
	"There can be no military solution to this conflict",
	"We are ready to work with all our partners",
	"Those responsible will be held accountable",
	"The situation on the ground remains extremely fragile",
	"We call on all parties to exercise maximum restraint",
	"Our position has not changed",
	"We're not going to negotiate under pressure",
	"It's time to turn the page",
	"Nobody wants a war, but we're ready to defend ourselves",
	"We condemn this attack in the strongest possible terms",
	"We have agreed to continue working together on energy and transport",
	"The people of {A} deserve better",
	"Dialogue is the only way forward",
};

static const char *const speakers[] = {
	"the ministry said", "officials said", "a government spokesman said",
	"the {aA} foreign ministry said in a statement", "state media reported",
	"{src} reported", "the agency reported", "diplomats said",
	"a senior official told reporters", "witnesses said",
	"the presidential press service said", "a spokeswoman said",
	"{src} reports citing the Ministry of Foreign Affairs (MFA)",
	"the army said", "police said", "local media reported",
};

static const char *const fillers[] = {
	"The talks lasted about {n} minutes.",
	"Oil prices rose {d} percent to ${n} a barrel in early trading.",
	"The economy of {A} grew {d} percent last year, according to official figures.",
	"Further details were not immediately available.",
	"The meeting was held behind closed doors.",
	"The region has been hit by severe flooding in recent weeks, and more than {N} "
	"people have been displaced.",
	"Turnout was estimated at {n} percent.",
	"Temperatures in {cA} are expected to reach {n} degrees Celsius this week.",
	"Markets in Asia closed lower on {w} amid concerns about global growth.",
	"The currency fell {d} percent against the dollar.",
	"Inflation stood at {d} percent in the second quarter.",
	"The two sides last met in {y}.",
	"The project is expected to cost about ${d} billion.",
	"It was not immediately clear how many people were involved.",
	"The statement did not give further details.",
	"Negotiations are expected to resume next month.",
	"The {aA} capital, {cA}, has a population of about {d} million.",
	"Traffic was disrupted for several hours in central {cA}.",
	"The festival attracted more than {N} visitors.",
	"Officials did not say when the report would be published.",
	"No date has been set for the next round of talks.",
	"The agreement still needs to be ratified by parliament.",
	"Schools and shops remained closed for a second day.",
	"Power was restored to most areas by the evening.",
	"The delegation included representatives of several ministries.",
	"The pipeline carries about {N} barrels of oil a day.",
	"Analysts said the decision was largely expected.",
	"Wheat exports reached {n} million tonnes in the first half of the year.",
	"The hearing was adjourned until next week.",
	"The forum -- the {n}th of its kind -- brought together {N} participants.",
	"Bilateral trade reached ${d} billion in {y}, up {n} percent from a year earlier.",
	"The U.S. dollar traded at {d} against the euro.",
	"Dr. {P} of the University of {cA} said the figures were broadly in line with "
	"forecasts.",
};

static const char *const casualties[] = {
	"At least {n} people were killed and {n} wounded when a car bomb exploded near a "
	"market in {cA}, police said.",
	"Gunmen killed {n} soldiers at a checkpoint in northern {A} on {w}, the army said.",
	"A roadside bomb killed {n} {aA} soldiers near the border, officials said.",
	"The death toll from the attack rose to {n}, the health ministry said.",
	"{n} people were injured in clashes between police and protesters in {cA} on {w}.",
	"Militants fired {n} rockets at the town overnight, causing no casualties.",
	"Thousands of people marched through central {cA} on {w}, demanding the "
	"resignation of the government.",
	"An explosion at an arms depot outside {cA} killed {n} people.",
};

static const char *const backgrounds[] = {
	"Relations between {A} and {B} have been strained since {y}.",
	"The two countries fought a war in the early 1990s.",
	"{A} has been a member of {O} since {y}.",
	"{A} and {B} established diplomatic relations in {y}.",
	"The border between {A} and {B} was closed in {y} and reopened {n} years later.",
	"{B} is one of {A}'s largest trading partners.",
	"The conflict has killed more than {N} people since {y}, according to the United Nations.",
};

/* Relative clauses. {A}: the country of the noun, {B}: another one. */
static const char *const rel_country[] = {
	"which has been locked in a territorial dispute with {B} for decades",
	"which holds the rotating presidency of {O}",
	"which borders {B}", "which hosted the summit in {y}",
	"which depends on imports of {aB} gas",
};
static const char *const rel_person[] = {
	"who took office in {y}", "who is on a {n}-day visit to {cB}",
	"who arrived in {cB} on {w}", "who is seeking re-election next year",
	"who has held the post since {y}",
};
static const char *const rel_org[] = {
	"which has {n} member states", "which is headquartered in Brussels",
	"which was founded in {y}",
};

static const char *const places[] = {
	" in {cA}", " in {cB}", " in New York", " in Geneva", " in Brussels",
	" during a visit to {cB}", " on the sidelines of the UN General Assembly in New York",
	" in Vienna", " in Doha",
};
static const char *const consult_places[] = {
	" in a phone call", " via video link", " on the sidelines of a summit of {O}",
	" during the high-level week of the {n}th session of the United Nations General Assembly",
};

/* ---- the document being written ----------------------------------------- */

struct ment {
	bool plural;  /* "troops": "were", "They" */
	bool appos;   /* ends in an appositive: needs a closing comma mid-sentence */
	char pron;    /* 'm', 'f', 'i' (it), 't' (they) */
	const char *noun; /* follow-up role noun, or NULL */
	const char *family; /* family name of a named person, or NULL */
	int ent;
};

struct doc {
	int a, b, c, o;  /* cast: countries a, b, c; organization o */
	int day;         /* event day, days since 1970-01-01 */
	int src;         /* index in sources[] */
	bool curly;      /* curly quotes and dashes */
	struct ment last; /* subject of the previous sentence */
	bool have_last;
	int nsent;
};

static const char **seeds;
static size_t nseeds;

/* days since 1970-01-01 -> y, m (1-12), d (H. Hinnant's algorithm) */
static void civil(int days, int *y, int *m, int *d)
{
	int z = days + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int yy = (int)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yy + (*m <= 2);
}

static int days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int)doe - 719468;
}

static const char *weekday(int days)
{
	return weekdays[((days % 7) + 11) % 7]; /* 1970-01-01 was a Thursday */
}

static void add_bignum(struct sb *s, int v)
{
	if (v >= 1000)
		sb_fmt(s, "%d,%03d", v / 1000, v % 1000);
	else
		sb_fmt(s, "%d", v);
}

/* 37 -> "3.7" (one PRNG call: argument evaluation order is unspecified) */
static void add_decimal(struct sb *s, int tenths)
{
	sb_fmt(s, "%d.%d", tenths / 10, tenths % 10);
}

static void person_name(struct sb *s, int ent, int role, struct ment *m);

/*
 * Appends tmpl with its placeholders filled in: {n} a small number, {N} a large
 * one, {d} a decimal, {y} a past year, {w} the event's weekday, {A} {B} {C}
 * country names, {aA} {cA} ... adjectives and capitals, {O} the organization,
 * {src} the source, {P} a person's name. The pipe ends a tail.
 */
static void expand(struct sb *s, const char *t, const struct doc *d, int a, int b)
{
	while (*t && *t != '|') {
		if (*t != '{') {
			const char *e = t;
			while (*e && *e != '{' && *e != '|')
				e++;
			sb_addn(s, t, (size_t)(e - t));
			t = e;
			continue;
		}
		const char *e = strchr(t, '}');
		if (!e)
			die("internal: unclosed placeholder");
		size_t len = (size_t)(e - t - 1);
		const char *k = t + 1;
		t = e + 1;
		char what = len == 2 ? k[0] : 0;
		char slot = len == 2 ? k[1] : k[0];
		int ci = slot == 'A' ? a : slot == 'B' ? b : d->c;
		if (len == 3 && !memcmp(k, "src", 3))
			sb_add(s, sources[d->src]);
		else if (len == 1 && *k == 'n')
			sb_fmt(s, "%d", rrange(2, 60));
		else if (len == 1 && *k == 'N')
			add_bignum(s, rrange(1000, 250000));
		else if (len == 1 && *k == 'd')
			add_decimal(s, rrange(10, 99));
		else if (len == 1 && *k == 'y')
			sb_fmt(s, "%d", rrange(1991, 2019));
		else if (len == 1 && *k == 'w')
			sb_add(s, weekday(d->day));
		else if (len == 1 && *k == 'O')
			sb_add(s, orgs[d->o].name);
		else if (len == 1 && *k == 'P')
			person_name(s, (int)rnd(1000) + 1000, 0, NULL);
		else if (len == 1 && (slot == 'A' || slot == 'B' || slot == 'C'))
			sb_add(s, countries[ci].name);
		else if (what == 'a')
			sb_add(s, countries[ci].adj);
		else if (what == 'c')
			sb_add(s, countries[ci].capital);
		else
			die("internal: unknown placeholder");
	}
}

/* The i-th tail of a '|'-separated list. */
static const char *tail_at(const char *tails, unsigned i)
{
	while (i--) {
		const char *p = strchr(tails, '|');
		if (!p)
			break;
		tails = p + 1;
	}
	return tails;
}

static unsigned count_tails(const char *tails)
{
	unsigned n = 1;
	for (; *tails; tails++)
		n += *tails == '|';
	return n;
}

static void person_name(struct sb *s, int ent, int role, struct ment *m)
{
	uint64_t h = mix((uint64_t)ent * 64 + (uint64_t)role + 0x5eed);
	const struct given *g = &given_names[h % N_(given_names)];
	const char *fam = family_names[(h >> 20) % N_(family_names)];
	sb_add(s, g->name);
	if ((h >> 40) % 6 == 0) {
		sb_addc(s, ' ');
		sb_add(s, given_names[(h >> 44) % N_(given_names)].name);
	}
	sb_addc(s, ' ');
	sb_add(s, fam);
	if (m) {
		m->pron = g->sex;
		m->family = fam;
	}
}

static bool ends_in_s(const char *w)
{
	size_t n = strlen(w);
	return n && w[n - 1] == 's';
}

static void possessive(struct sb *s, const char *w)
{
	sb_add(s, w);
	sb_add(s, ends_in_s(w) ? "'" : "'s");
}

/* A country's office holder, in one of the ways the wires write it. */
static void person(struct sb *s, const struct doc *d, int c, int role, struct ment *m)
{
	const struct country *k = &countries[c];
	const struct role *r = &roles[role];
	m->noun = r->noun;
	m->plural = false;
	switch (rnd(9)) {
	case 0: case 1: /* Azerbaijani Foreign Minister Jeyhun Bayramov */
		sb_add(s, k->adj);
		sb_addc(s, ' ');
		sb_add(s, chance(70) ? r->title : r->lower);
		sb_addc(s, ' ');
		person_name(s, c, role, m);
		break;
	case 2: /* Foreign Minister Jeyhun Bayramov */
		sb_add(s, r->title);
		sb_addc(s, ' ');
		person_name(s, c, role, m);
		break;
	case 3: /* Jeyhun Bayramov, the foreign minister of Azerbaijan */
		person_name(s, c, role, m);
		sb_add(s, ", the ");
		sb_add(s, r->lower);
		sb_add(s, " of ");
		sb_add(s, k->name);
		m->appos = true;
		break;
	case 4: /* the foreign minister of Azerbaijan, Jeyhun Bayramov */
		sb_add(s, "the ");
		sb_add(s, r->lower);
		sb_add(s, " of ");
		sb_add(s, chance(30) && k->alias ? k->alias : k->name);
		sb_add(s, ", ");
		person_name(s, c, role, m);
		m->appos = true;
		break;
	case 5: /* Azerbaijan's foreign minister Jeyhun Bayramov */
		possessive(s, k->name);
		sb_addc(s, ' ');
		sb_add(s, r->lower);
		sb_addc(s, ' ');
		person_name(s, c, role, m);
		break;
	case 6: /* the Azerbaijani foreign minister */
		sb_add(s, "the ");
		sb_add(s, k->adj);
		sb_addc(s, ' ');
		sb_add(s, r->lower);
		m->pron = (mix((uint64_t)c * 64 + (uint64_t)role) & 1) ? 'm' : 'f';
		m->family = NULL;
		break;
	default: /* Mr. Bayramov, once the name is known; else the full form */
		if (d->have_last && d->last.family && d->last.ent == c && chance(60)) {
			sb_add(s, d->last.pron == 'f' ? "Ms. " : "Mr. ");
			sb_add(s, d->last.family);
			m->pron = d->last.pron;
			m->family = d->last.family;
			m->noun = d->last.noun;
		} else {
			sb_add(s, k->adj);
			sb_addc(s, ' ');
			sb_add(s, r->title);
			sb_addc(s, ' ');
			person_name(s, c, role, m);
		}
		break;
	}
}

static void org_actor(struct sb *s, int o, char kind, struct ment *m)
{
	const struct org *g = &orgs[o];
	m->noun = g->noun;
	m->pron = 'i';
	if (kind == 'm' && g->troops) {
		sb_add(s, g->troops);
		m->plural = true;
		m->pron = 't';
		m->noun = NULL;
		return;
	}
	switch (rnd(7)) {
	case 0: case 1: case 2:
		sb_add(s, g->name);
		break;
	case 3: /* the Secretary General of the ECO (ECO), Asad Majid Khan */
		sb_add(s, "the ");
		sb_add(s, g->head);
		sb_add(s, " of ");
		sb_add(s, g->name);
		if (g->abbr) {
			sb_add(s, " (");
			sb_add(s, g->abbr);
			sb_addc(s, ')');
		}
		sb_add(s, ", ");
		person_name(s, NC + o, 0, m);
		m->noun = "the Secretary General";
		m->appos = true;
		break;
	case 4: /* ECO Secretary General Asad Majid Khan */
		sb_add(s, g->mod);
		sb_addc(s, ' ');
		sb_add(s, g->head);
		sb_addc(s, ' ');
		person_name(s, NC + o, 0, m);
		m->noun = NULL;
		break;
	case 5:
		sb_add(s, "a spokesperson for ");
		sb_add(s, g->name);
		m->pron = rnd(2) ? 'm' : 'f';
		m->noun = "the spokesperson";
		break;
	default:
		if (g->abbr && g->name[0] == 't') {
			sb_add(s, "the ");
			sb_add(s, g->abbr);
		} else {
			sb_add(s, g->name);
		}
		break;
	}
}

static void adj_plural(struct sb *s, const struct country *k, const char *noun,
		       struct ment *m)
{
	sb_add(s, k->adj);
	sb_addc(s, ' ');
	sb_add(s, noun);
	m->plural = true;
	m->pron = 't';
}

/*
 * Appends an actor of the given kind (see struct verb) belonging to entity ent
 * (a country index, or NC + organization index) and describes it in *m. An
 * organization that has no actor of that kind yields to the third country c.
 */
static void actor(struct sb *s, const struct doc *d, int ent, char kind, struct ment *m)
{
	memset(m, 0, sizeof(*m));
	m->ent = ent;
	if (ent >= NC) {
		if (kind == 'g' || kind == 'o' || kind == 'm') {
			org_actor(s, ent - NC, kind, m);
			return;
		}
		ent = d->c; /* the other side of an org's event is a or b */
		m->ent = ent;
	}
	const struct country *k = &countries[ent];
	m->pron = 'i';
	switch (kind) {
	case 'g':
	case 'o':
		switch (rnd(16)) {
		case 0: case 1: case 2:
			sb_add(s, chance(15) && k->alias ? k->alias : k->name);
			m->noun = "the country";
			break;
		case 3:
			sb_add(s, "the ");
			sb_add(s, k->adj);
			sb_add(s, " government");
			m->noun = "the government";
			break;
		case 4:
			sb_add(s, "the government of ");
			sb_add(s, k->name);
			m->noun = "the government";
			break;
		case 5:
			sb_add(s, k->capital);
			m->noun = NULL;
			break;
		case 6:
			sb_add(s, "officials in ");
			sb_add(s, k->capital);
			m->plural = true;
			m->pron = 't';
			m->noun = "officials";
			break;
		case 7:
			sb_add(s, "the ");
			sb_add(s, k->adj);
			sb_add(s, chance(50) ? " foreign ministry" : " Ministry of Foreign Affairs");
			m->noun = "the ministry";
			break;
		case 8:
			person(s, d, ent, R_PRES, m);
			break;
		case 9:
			person(s, d, ent, R_PM, m);
			break;
		case 10: case 11: case 12:
			person(s, d, ent, R_FM, m);
			break;
		default:
			person(s, d, ent, (int)rnd(N_(roles)), m);
			break;
		}
		break;
	case 'n':
		switch (rnd(5)) {
		case 0:
			sb_add(s, k->capital);
			break;
		case 1:
			sb_add(s, k->alias && chance(40) ? k->alias : k->name);
			break;
		default:
			sb_add(s, k->name);
			break;
		}
		m->noun = "the country";
		break;
	case 'm':
		switch (rnd(9)) {
		case 0: adj_plural(s, k, "troops", m); break;
		case 1: adj_plural(s, k, "forces", m); break;
		case 2: adj_plural(s, k, "soldiers", m); break;
		case 3: adj_plural(s, k, "warplanes", m); break;
		case 4: adj_plural(s, k, "border guards", m); break;
		case 5: sb_add(s, "the "); sb_add(s, k->adj); sb_add(s, " army");
			m->noun = "the army"; break;
		case 6: sb_add(s, "the "); sb_add(s, k->adj); sb_add(s, " military");
			m->noun = "the military"; break;
		case 7: sb_add(s, "the "); sb_add(s, k->adj); sb_add(s, " navy"); break;
		default: person(s, d, ent, R_GEN, m); break;
		}
		break;
	case 'p':
		switch (rnd(6)) {
		case 0: adj_plural(s, k, "police", m); break;
		case 1: sb_add(s, "police in "); sb_add(s, k->capital);
			m->plural = true; m->pron = 't'; break;
		case 2: adj_plural(s, k, "security forces", m); break;
		case 3: sb_add(s, "a court in "); sb_add(s, k->capital);
			m->noun = "the court"; break;
		case 4: adj_plural(s, k, "authorities", m); break;
		default: person(s, d, ent, R_INT, m); break;
		}
		break;
	case 'r':
		switch (rnd(6)) {
		case 0: adj_plural(s, k, "rebels", m); break;
		case 1: sb_add(s, "rebels in "); sb_add(s, k->name);
			m->plural = true; m->pron = 't'; break;
		case 2: sb_add(s, "militants in "); sb_add(s, k->name);
			m->plural = true; m->pron = 't'; break;
		case 3: adj_plural(s, k, "separatists", m); break;
		case 4: sb_add(s, "an armed group based in "); sb_add(s, k->name);
			m->noun = "the group"; break;
		default: adj_plural(s, k, "insurgents", m); break;
		}
		break;
	case 'c':
		switch (rnd(11)) {
		case 0: adj_plural(s, k, "protesters", m); break;
		case 1: sb_add(s, "protesters in "); sb_add(s, k->capital);
			m->plural = true; m->pron = 't'; break;
		case 2: adj_plural(s, k, "opposition activists", m); break;
		case 3: adj_plural(s, k, "journalists", m); break;
		case 4: sb_add(s, "a "); sb_add(s, k->adj); sb_add(s, " journalist");
			m->pron = rnd(2) ? 'm' : 'f'; m->noun = "the journalist"; break;
		case 5: sb_fmt(s, "%d ", rrange(2, 40)); adj_plural(s, k, "nationals", m); break;
		case 6: adj_plural(s, k, "students", m); break;
		case 7: sb_add(s, "civilians in "); sb_add(s, k->name);
			m->plural = true; m->pron = 't'; break;
		case 8: adj_plural(s, k, "human rights activists", m); break;
		case 9: person(s, d, ent, R_OPP, m); break;
		default: sb_add(s, "refugees from "); sb_add(s, k->name);
			m->plural = true; m->pron = 't'; break;
		}
		break;
	case 'd':
		switch (rnd(4)) {
		case 0: adj_plural(s, k, "diplomats", m); break;
		case 1: sb_fmt(s, "%d ", rrange(2, 30)); adj_plural(s, k, "diplomats", m); break;
		case 2: sb_add(s, "the "); sb_add(s, k->adj); sb_add(s, " ambassador");
			m->pron = 'm'; m->noun = "the ambassador"; break;
		default: person(s, d, ent, R_AMB, m); break;
		}
		break;
	case 'x':
		switch (rnd(6)) {
		case 0: adj_plural(s, k, "positions", m); break;
		case 1: sb_add(s, "villages in "); sb_add(s, k->name);
			m->plural = true; m->pron = 't'; break;
		case 2: sb_add(s, k->capital); break;
		case 3: sb_add(s, "the outskirts of "); sb_add(s, k->capital); break;
		case 4: adj_plural(s, k, "military bases", m); break;
		default: sb_add(s, "a "); sb_add(s, k->adj); sb_add(s, " border post"); break;
		}
		break;
	case 'v':
		sb_add(s, "a ");
		sb_add(s, k->adj);
		sb_add(s, PICK(((const char *const[]){" oil tanker", " cargo ship",
						   " fishing boat"})));
		break;
	default:
		die("internal: unknown actor kind");
	}
}

/* An appositive closes with a comma unless the sentence ends right there. */
static void close_appos(struct sb *s, const struct ment *m)
{
	if (m->appos)
		sb_addc(s, ',');
}

static char pick_kind(const char *kinds)
{
	return kinds[rnd((unsigned)strlen(kinds))];
}

static const struct verb *pick_verb(int want_root, bool need_pass)
{
	for (;;) {
		int root = want_root;
		if (!root) {
			int w = (int)rnd(1000);
			for (root = 1; root < 20 && w >= root_weight[root]; root++)
				w -= root_weight[root];
		}
		const struct verb *v = &verbs[rnd(N_(verbs))];
		unsigned tries = 0;
		while ((v->root != root || (need_pass && !v->pass)) && tries++ < 4 * N_(verbs))
			v = &verbs[rnd(N_(verbs))];
		if (v->root == root && (!need_pass || v->pass))
			return v;
		want_root = 0;
	}
}

/* Source and target entities for an event: mostly the main dyad. */
/* ", " unless an appositive's closing comma is already there. */
static void comma(struct sb *s)
{
	sb_add(s, sb_last(s) == ',' ? " " : ", ");
}

static void pick_dyad(const struct doc *d, const struct verb *v, int *se, int *te)
{
	unsigned r = rnd(100);
	if (r < 55) {
		*se = d->a;
		*te = d->b;
	} else if (r < 75) {
		*se = d->b;
		*te = d->a;
	} else if (r < 87) {
		*se = chance(60) ? NC + d->o : d->c;
		*te = chance(50) ? d->a : d->b;
	} else {
		*se = chance(50) ? d->a : d->b;
		*te = chance(50) ? NC + d->o : d->c;
	}
	/* Arrests, protests, releases and trials are mostly domestic. */
	if ((v->root == 14 || v->root == 17 || v->root == 9) && chance(60))
		*te = *se < NC ? *se : d->a;
}

static void tail(struct sb *s, const struct doc *d, const struct verb *v, int se, int te)
{
	unsigned n = count_tails(v->tails);
	const char *t = tail_at(v->tails, rnd(n));
	expand(s, t, d, te < NC ? te : d->a, se < NC ? se : d->b);
}

/* "on Tuesday", "yesterday", "on September 25", ... as a sentence end. */
static void date_end(struct sb *s, const struct doc *d, int lag)
{
	int y, m, dd;
	civil(d->day, &y, &m, &dd);
	switch (rnd(9)) {
	case 0: sb_add(s, lag == 1 ? " yesterday" : " earlier this week"); break;
	case 1: sb_add(s, " "); sb_add(s, weekday(d->day)); break;
	case 2: sb_fmt(s, " on %s %d", months[m - 1], dd); break;
	case 3: sb_fmt(s, " on %s %d", months_ap[m - 1], dd); break;
	case 4: sb_fmt(s, " on %d %s", dd, months[m - 1]); break;
	case 5: sb_add(s, " late on "); sb_add(s, weekday(d->day)); break;
	case 6: sb_add(s, " last week"); break;
	default: sb_add(s, " on "); sb_add(s, weekday(d->day)); break;
	}
}

static void date_front(struct sb *s, const struct doc *d, int lag)
{
	int y, m, dd;
	civil(d->day, &y, &m, &dd);
	switch (rnd(6)) {
	case 0: sb_fmt(s, "On %s %d, ", months[m - 1], dd); break;
	case 1: sb_add(s, lag == 1 ? "Yesterday, " : "Earlier this week, "); break;
	case 2: sb_add(s, "Earlier this month, "); break;
	case 3: sb_fmt(s, "On %s %d, %d, ", months[m - 1], dd, y); break;
	default: sb_add(s, "On "); sb_add(s, weekday(d->day)); sb_add(s, ", "); break;
	}
}

static void speaker(struct sb *s, const struct doc *d)
{
	expand(s, PICK(speakers), d, d->a, d->b);
}

/* One event clause: "S <past> T<tail>" (no date, no full stop). */
static void clause(struct sb *s, struct doc *d, const struct verb *v, struct ment *sm)
{
	int se, te;
	struct ment tm;
	pick_dyad(d, v, &se, &te);
	actor(s, d, se, pick_kind(v->src), sm);
	close_appos(s, sm);
	sb_addc(s, ' ');
	expand(s, v->past, d, d->a, d->b);
	sb_addc(s, ' ');
	actor(s, d, te, pick_kind(v->tgt), &tm);
	close_appos(s, &tm);
	tail(s, d, v, se, te);
}

static void remember(struct doc *d, const struct ment *m)
{
	d->last = *m;
	d->have_last = true;
}

static const char *pronoun(const struct ment *m)
{
	switch (m->pron) {
	case 'm': return "he";
	case 'f': return "she";
	case 't': return "they";
	default: return "it";
	}
}

static void end_sentence(struct sb *s)
{
	while (s->n && s->p[s->n - 1] == ' ')
		s->p[--s->n] = 0;
	if (sb_last(s) == ',')
		s->p[s->n - 1] = '.';
	else if (sb_last(s) == '"' && s->n >= 2 && s->p[s->n - 2] == '.')
		return; /* ... fragile." */
	else if (sb_last(s) != '.')
		sb_addc(s, '.');
}

enum {
	S_SIMPLE, S_ATTR_POST, S_ATTR_PRE, S_ACCORDING, S_QUOTE, S_NEG, S_PASSIVE,
	S_COMPOUND, S_RELCL, S_FOLLOW, S_FUTURE, S_SUBORD, S_FILLER, S_CASUALTY,
	S_BACKGROUND, S_SEED, S_NKINDS
};
static const int kind_weight[S_NKINDS] = {
	22, 12, 6, 4, 8, 6, 7, 7, 6, 8, 3, 4, 12, 4, 3, 4,
};

/* Appends one sentence of the given kind to s (no separator). */
static void sentence(struct sb *s, struct doc *d, int kind, int lag)
{
	size_t start = s->n;
	struct ment sm, tm, um;
	const struct verb *v;
	int se, te;

	memset(&sm, 0, sizeof(sm));
	switch (kind) {
	case S_SIMPLE: {
		v = pick_verb(0, false);
		bool dated = chance(40);
		if (dated)
			date_front(s, d, lag);
		clause(s, d, v, &sm);
		if (v->root == 4 && chance(50))
			expand(s, chance(30) ? PICK(consult_places) : PICK(places), d, d->a, d->b);
		else if (chance(20))
			expand(s, PICK(places), d, d->a, d->b);
		if (!dated && chance(50))
			date_end(s, d, lag);
		remember(d, &sm);
		break;
	}
	case S_ATTR_POST:
		v = pick_verb(0, false);
		clause(s, d, v, &sm);
		comma(s);
		speaker(s, d);
		if (chance(50))
			date_end(s, d, lag);
		remember(d, &sm);
		break;
	case S_ATTR_PRE:
		v = pick_verb(0, false);
		speaker(s, d);
		/* "the ministry said" -> "the ministry said on Tuesday that" */
		if (chance(40))
			date_end(s, d, lag);
		sb_add(s, chance(50) ? " that " : " ");
		pick_dyad(d, v, &se, &te);
		actor(s, d, se, pick_kind(v->src), &sm);
		close_appos(s, &sm);
		sb_add(s, " had ");
		expand(s, v->perf, d, d->a, d->b);
		sb_addc(s, ' ');
		actor(s, d, te, pick_kind(v->tgt), &tm);
		close_appos(s, &tm);
		tail(s, d, v, se, te);
		remember(d, &sm);
		break;
	case S_ACCORDING:
		sb_add(s, "According to ");
		sb_add(s, chance(50) ? sources[d->src] : "the statement");
		sb_add(s, ", ");
		clause(s, d, pick_verb(0, false), &sm);
		remember(d, &sm);
		break;
	case S_QUOTE: {
		const char *q = PICK(quotes);
		bool follow = d->have_last && d->last.noun && chance(40);
		if (follow) {
			sm = d->last;
			sm.appos = false;
		}
		switch (rnd(3)) {
		case 0: /* "Quote," the minister said. */
			sb_addc(s, '"');
			expand(s, q, d, d->a, d->b);
			sb_add(s, ",\" ");
			if (follow) {
				sb_add(s, sm.noun);
			} else {
				actor(s, d, d->a, 'g', &sm);
				close_appos(s, &sm);
			}
			sb_add(s, sm.plural || chance(70) ? " said" : " told reporters");
			break;
		case 1: /* S said: "Quote." */
			if (follow) {
				sb_add(s, sm.noun);
			} else {
				actor(s, d, chance(70) ? d->a : d->b, 'g', &sm);
				close_appos(s, &sm);
			}
			sb_add(s, " said: \"");
			expand(s, q, d, d->a, d->b);
			sb_add(s, ".\"");
			break;
		default: /* "Quote," said S. "Quote two." */
			sb_addc(s, '"');
			expand(s, q, d, d->a, d->b);
			sb_add(s, ",\" said ");
			actor(s, d, d->a, 'g', &sm);
			sb_add(s, sb_last(s) == '.' ? " \"" : ". \""); /* "... said the U.S." */
			expand(s, PICK(quotes), d, d->a, d->b);
			sb_add(s, ".\"");
			d->nsent++; /* two sentences */
			break;
		}
		remember(d, &sm);
		break;
	}
	case S_NEG:
		v = pick_verb(0, false);
		pick_dyad(d, v, &se, &te);
		actor(s, d, se, pick_kind(v->src), &sm);
		close_appos(s, &sm);
		switch (rnd(5)) {
		case 0: case 1:
			sb_add(s, " did not ");
			expand(s, v->base, d, d->a, d->b);
			break;
		case 2:
			sb_add(s, " will not ");
			expand(s, v->base, d, d->a, d->b);
			break;
		case 3:
			sb_add(s, sm.plural ? " have not " : " has not ");
			expand(s, v->perf, d, d->a, d->b);
			break;
		default:
			sb_add(s, " denied that ");
			sb_add(s, pronoun(&sm));
			sb_add(s, " had ");
			expand(s, v->perf, d, d->a, d->b);
			break;
		}
		sb_addc(s, ' ');
		actor(s, d, te, pick_kind(v->tgt), &tm);
		close_appos(s, &tm);
		tail(s, d, v, se, te);
		if (chance(30))
			date_end(s, d, lag);
		remember(d, &sm);
		break;
	case S_PASSIVE:
		v = pick_verb(0, true);
		pick_dyad(d, v, &se, &te);
		actor(s, d, te, pick_kind(v->tgt), &tm);
		close_appos(s, &tm);
		sb_add(s, tm.plural ? " were " : " was ");
		sb_add(s, v->pass);
		sb_add(s, " by ");
		actor(s, d, se, pick_kind(v->src), &sm);
		close_appos(s, &sm);
		tail(s, d, v, se, te);
		if (chance(40))
			date_end(s, d, lag);
		remember(d, &tm);
		break;
	case S_COMPOUND:
		v = pick_verb(chance(60) ? 4 + (int)rnd(3) : 0, false);
		pick_dyad(d, v, &se, &te);
		if (chance(50)) { /* X and Y <verb> T */
			char k = pick_kind(v->src);
			actor(s, d, se, k, &sm);
			close_appos(s, &sm);
			sb_add(s, " and ");
			int other = se == d->c ? d->a : d->c;
			actor(s, d, chance(30) ? NC + d->o : other, k, &um);
			close_appos(s, &um);
			sm.plural = true;
			sm.pron = 't';
			sm.noun = "the two sides";
			sm.family = NULL;
			sb_addc(s, ' ');
			expand(s, v->past, d, d->a, d->b);
			sb_addc(s, ' ');
			actor(s, d, te, pick_kind(v->tgt), &tm);
			close_appos(s, &tm);
		} else { /* S <verb> X and Y */
			actor(s, d, se, pick_kind(v->src), &sm);
			close_appos(s, &sm);
			sb_addc(s, ' ');
			expand(s, v->past, d, d->a, d->b);
			sb_addc(s, ' ');
			char k = pick_kind(v->tgt);
			actor(s, d, te, k, &tm);
			close_appos(s, &tm);
			sb_add(s, " and ");
			actor(s, d, te == d->c ? d->b : d->c, k, &um);
			close_appos(s, &um);
		}
		tail(s, d, v, se, te);
		if (chance(40))
			date_end(s, d, lag);
		remember(d, &sm);
		break;
	case S_RELCL:
		v = pick_verb(0, false);
		pick_dyad(d, v, &se, &te);
		actor(s, d, se, pick_kind(v->src), &sm);
		if (sm.appos)
			close_appos(s, &sm);
		else {
			sb_add(s, ", ");
			if (se >= NC)
				expand(s, PICK(rel_org), d, d->a, d->b);
			else if (sm.family || sm.pron == 'm' || sm.pron == 'f')
				expand(s, PICK(rel_person), d, se, se == d->a ? d->b : d->a);
			else if (sm.plural)
				sb_add(s, "who had gathered since early morning");
			else
				expand(s, PICK(rel_country), d, se, se == d->a ? d->b : d->a);
			sb_addc(s, ',');
		}
		sb_addc(s, ' ');
		expand(s, v->past, d, d->a, d->b);
		sb_addc(s, ' ');
		actor(s, d, te, pick_kind(v->tgt), &tm);
		close_appos(s, &tm);
		tail(s, d, v, se, te);
		if (chance(40))
			date_end(s, d, lag);
		remember(d, &sm);
		break;
	case S_FOLLOW:
		if (!d->have_last) {
			sentence(s, d, S_SIMPLE, lag);
			return;
		}
		sm = d->last;
		sm.appos = false;
		v = pick_verb(0, false);
		if (sm.family && chance(30)) {
			sb_add(s, sm.pron == 'f' ? "Ms. " : "Mr. ");
			sb_add(s, sm.family);
		} else if (sm.noun && chance(60)) {
			sb_add(s, sm.noun);
		} else {
			sb_add(s, pronoun(&sm));
		}
		switch (rnd(4)) {
		case 0:
			sb_add(s, " also ");
			expand(s, v->past, d, d->a, d->b);
			sb_addc(s, ' ');
			pick_dyad(d, v, &se, &te);
			if (te == sm.ent)
				te = d->b;
			actor(s, d, te, pick_kind(v->tgt), &tm);
			close_appos(s, &tm);
			tail(s, d, v, se, te);
			break;
		case 1:
			sb_add(s, " added that ");
			clause(s, d, v, &tm);
			break;
		case 2:
			sb_add(s, " also informed ");
			actor(s, d, d->b, 'g', &tm);
			close_appos(s, &tm);
			sb_add(s, " about the current regional situation");
			break;
		default:
			sb_add(s, " emphasized ");
			possessive(s, countries[sm.ent < NC ? sm.ent : d->a].name);
			sb_add(s, " commitment to cooperation with ");
			actor(s, d, NC + d->o, 'g', &tm);
			close_appos(s, &tm);
			break;
		}
		break;
	case S_FUTURE:
		v = pick_verb(chance(50) ? 4 : 0, false);
		pick_dyad(d, v, &se, &te);
		actor(s, d, se, pick_kind(v->src), &sm);
		close_appos(s, &sm);
		switch (rnd(3)) {
		case 0: sb_add(s, " will "); break;
		case 1: sb_add(s, sm.plural ? " are expected to " : " is expected to "); break;
		default: sb_add(s, sm.plural ? " plan to " : " plans to "); break;
		}
		expand(s, v->base, d, d->a, d->b);
		sb_addc(s, ' ');
		actor(s, d, te, pick_kind(v->tgt), &tm);
		close_appos(s, &tm);
		tail(s, d, v, se, te);
		sb_add(s, PICK(((const char *const[]){" next week", " later this month",
						      " in the coming days", ""})));
		remember(d, &sm);
		break;
	case S_SUBORD:
		v = pick_verb(0, false);
		sb_add(s, PICK(((const char *const[]){"After ", "Although ", "While ",
						      "Shortly before "})));
		clause(s, d, v, &sm);
		comma(s);
		clause(s, d, pick_verb(0, false), &tm);
		remember(d, &tm);
		break;
	case S_FILLER:
		expand(s, PICK(fillers), d, d->a, d->b);
		break;
	case S_CASUALTY:
		se = chance(70) ? d->a : d->b;
		expand(s, PICK(casualties), d, se, d->b);
		break;
	case S_BACKGROUND:
		if (chance(60)) {
			expand(s, PICK(backgrounds), d, d->a, d->b);
		} else {
			sb_fmt(s, "In %d, ", rrange(1992, 2022));
			clause(s, d, pick_verb(0, false), &sm);
		}
		break;
	case S_SEED:
		if (!nseeds) {
			sentence(s, d, S_FILLER, lag);
			return;
		}
		sb_add(s, seeds[rnd((unsigned)nseeds)]);
		break;
	default:
		die("internal: unknown sentence kind");
	}
	end_sentence(s);
	/* Capitalize the first letter ("the ministry" -> "The ministry"). */
	if (s->p[start] >= 'a' && s->p[start] <= 'z')
		s->p[start] = (char)(s->p[start] - 'a' + 'A');
	d->nsent++;
}

static int pick_sentence_kind(void)
{
	int total = 0;
	for (int i = 0; i < S_NKINDS; i++)
		total += kind_weight[i];
	int w = (int)rnd((unsigned)total);
	int k = 0;
	while (w >= kind_weight[k])
		w -= kind_weight[k++];
	return k;
}

/* ---- typography and JSON ------------------------------------------------ */

/* ASCII quotes and dashes to typographic ones, in place into out. */
static void curlify(struct sb *out, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		char prev = i ? p[i - 1] : ' ';
		if (c == '"') {
			bool open = prev == ' ' || prev == '\n' || prev == '(';
			sb_add(out, open ? "\xe2\x80\x9c" : "\xe2\x80\x9d");
		} else if (c == '\'') {
			sb_add(out, "\xe2\x80\x99");
		} else if (c == '-' && i + 1 < n && p[i + 1] == '-') {
			sb_add(out, "\xe2\x80\x94");
			i++;
		} else {
			sb_addc(out, c);
		}
	}
}

/* Appends s as a JSON string; ascii: escape everything above 0x7f as \uXXXX. */
static void json_str(struct sb *out, const char *s, size_t n, bool ascii)
{
	static const char hex[] = "0123456789abcdef";
	sb_reserve(out, n + 2);
	sb_addc(out, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			sb_addc(out, '\\');
			sb_addc(out, (char)c);
		} else if (c == '\n') {
			sb_add(out, "\\n");
		} else if (c == '\t') {
			sb_add(out, "\\t");
		} else if (c == '\r') {
			sb_add(out, "\\r");
		} else if (c < 0x20) {
			char u[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
			sb_add(out, u);
		} else if (c >= 0x80 && ascii) {
			unsigned cp;
			int len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
			if (i + (size_t)len > n)
				die("internal: truncated UTF-8");
			cp = c & (len == 2 ? 0x1f : len == 3 ? 0x0f : 0x07);
			for (int j = 1; j < len; j++)
				cp = (cp << 6) | ((unsigned char)s[i + (size_t)j] & 0x3f);
			i += (size_t)len - 1;
			unsigned units[2] = {cp, 0};
			int nu = 1;
			if (cp > 0xffff) {
				cp -= 0x10000;
				units[0] = 0xd800 | (cp >> 10);
				units[1] = 0xdc00 | (cp & 0x3ff);
				nu = 2;
			}
			for (int j = 0; j < nu; j++) {
				char u[7] = {'\\', 'u', hex[(units[j] >> 12) & 15],
					     hex[(units[j] >> 8) & 15], hex[(units[j] >> 4) & 15],
					     hex[units[j] & 15], 0};
				sb_add(out, u);
			}
		} else {
			sb_addc(out, (char)c);
		}
	}
	sb_addc(out, '"');
}

/* Uppercases ASCII letters and Latin-1 lowercase letters (UTF-8 C3 A0-BE). */
static void upcase(struct sb *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 'a' && c <= 'z') {
			sb_addc(out, (char)(c - 32));
		} else if (c == 0xc3 && s[1] && (unsigned char)s[1] >= 0xa0 &&
			   (unsigned char)s[1] <= 0xbe && (unsigned char)s[1] != 0xb7) {
			sb_addc(out, (char)c);
			sb_addc(out, (char)((unsigned char)s[1] - 0x20));
			s++;
		} else {
			sb_addc(out, (char)c);
		}
	}
}

/* ---- seeds ---------------------------------------------------------------- */

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct sb b = {0};
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_addn(&b, buf, n);
	bool bad = ferror(f);
	fclose(f);
	if (bad || !b.p) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

/* Collapses white space and decodes the five XML entities of one <Text>. */
static char *clean_text(const char *p, size_t n)
{
	static const struct { const char *ent; char c; } ents[] = {
		{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''},
	};
	struct sb b = {0};
	bool space = false;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
			space = b.n > 0;
			continue;
		}
		if (space)
			sb_addc(&b, ' ');
		space = false;
		if (c == '&') {
			size_t k;
			for (k = 0; k < N_(ents); k++) {
				size_t el = strlen(ents[k].ent);
				if (i + el <= n && !memcmp(p + i, ents[k].ent, el)) {
					sb_addc(&b, ents[k].c);
					i += el - 1;
					break;
				}
			}
			if (k < N_(ents))
				continue;
		}
		sb_addc(&b, c);
	}
	return b.p;
}

static void load_seeds(const char *dir)
{
	static const char rel[] = "/petrarch2/petrarch2/data/text/GigaWord.sample.PETR.xml";
	struct sb path = {0};
	sb_add(&path, dir);
	sb_add(&path, rel);
	char *text = slurp(path.p);
	if (!text)
		text = slurp(dir); /* DIR may be the file itself */
	if (!text) {
		fprintf(stderr, "mkcorpus: --seeds %s: no %s there\n", dir, rel + 1);
		exit(2);
	}
	size_t cap = 0;
	for (const char *p = text; (p = strstr(p, "<Text>")) != NULL;) {
		p += 6;
		const char *e = strstr(p, "</Text>");
		if (!e)
			break;
		char *t = clean_text(p, (size_t)(e - p));
		p = e + 7;
		if (!t)
			continue;
		if (nseeds == cap) {
			cap = cap ? 2 * cap : 64;
			const char **ns = realloc(seeds, cap * sizeof(*ns));
			if (!ns)
				die("out of memory");
			seeds = ns;
		}
		seeds[nseeds++] = t;
	}
	free(text);
	free(path.p);
	if (!nseeds) {
		fprintf(stderr, "mkcorpus: --seeds %s: no <Text> elements\n", dir);
		exit(2);
	}
}

/* ---- main ----------------------------------------------------------------- */

static void usage(FILE *f)
{
	fputs("usage: mkcorpus [--seed N] [--seeds DIR] [MB]\n"
	      "Writes a deterministic news-like JSONL corpus of at least MB MiB\n"
	      "(default 64) to stdout and a summary line to stderr.\n"
	      "  --seed N     PRNG seed (default 1)\n"
	      "  --seeds DIR  also mix in the <Text> sentences of the PETRARCH-2 GigaWord\n"
	      "               sample under DIR (e.g. ../shared/peers)\n",
	      f);
}

static bool parse_ulong(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	errno = 0;
	if (!*s || *s == '-')
		return false;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || *end || v > max)
		return false;
	*out = v;
	return true;
}

int main(int argc, char **argv)
{
	unsigned long mb = 64, seed = 1;
	const char *seed_dir = NULL;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "--seed") && i + 1 < argc) {
			if (!parse_ulong(argv[++i], 0xffffffffUL, &seed)) {
				fprintf(stderr, "mkcorpus: bad --seed '%s'\n", argv[i]);
				return 2;
			}
		} else if (!strcmp(a, "--seeds") && i + 1 < argc) {
			seed_dir = argv[++i];
		} else if (a[0] != '-' && parse_ulong(a, 1UL << 20, &mb) && mb > 0) {
			continue;
		} else {
			fprintf(stderr, "mkcorpus: bad argument '%s'\n", a);
			usage(stderr);
			return 2;
		}
	}
	if (seed_dir)
		load_seeds(seed_dir);
	rng_state = mix(seed);

	const unsigned long long want = (unsigned long long)mb << 20;
	unsigned long long bytes = 0, nsent = 0;
	unsigned long ndocs = 0;
	struct sb out = {0}, text = {0}, typo = {0}, tmp = {0};
	const int day0 = days_from_civil(2021, 1, 1);

	while (bytes + out.n < want) {
		struct doc d;
		memset(&d, 0, sizeof(d));
		ndocs++;
		int pub = day0 + (int)(ndocs / 40); /* a news stream: about 40 a day */
		int lag = chance(60) ? 1 : (int)rnd(4);
		d.day = pub - lag;
		d.a = (int)rnd(NC);
		do
			d.b = (int)rnd(NC);
		while (d.b == d.a);
		do
			d.c = (int)rnd(NC);
		while (d.c == d.a || d.c == d.b);
		d.o = (int)rnd(NO);
		d.src = (int)rnd(N_(sources));
		d.curly = chance(20);
		bool ascii = chance(25);

		text.n = 0;
		sb_reserve(&text, 1);
		text.p[0] = 0;
		if (chance(15)) { /* dateline: BAKU, Sept. 25 (Reuters) - */
			int y, m, dd;
			civil(pub, &y, &m, &dd);
			upcase(&text, countries[d.a].capital);
			sb_fmt(&text, ", %s %d (", months_ap[m - 1], dd);
			sb_add(&text, sources[d.src]);
			sb_add(&text, ") -- ");
		}
		if (ndocs % 5000 != 17) {
			int n = rrange(3, 12);
			for (int i = 0; i < n; i++) {
				int kind = i == 0 ? (chance(70) ? S_SIMPLE : S_ATTR_POST)
						  : pick_sentence_kind();
				if (kind == S_SEED && !nseeds)
					kind = S_SIMPLE;
				sentence(&text, &d, kind, lag);
				if (i + 1 < n)
					sb_add(&text, chance(30) ? "\n\n" : " ");
			}
			nsent += (unsigned long long)d.nsent;
		}

		const char *body = text.p;
		size_t body_n = text.n;
		if (d.curly) {
			typo.n = 0;
			curlify(&typo, text.p, text.n);
			body = typo.p ? typo.p : "";
			body_n = typo.n;
		}

		int y, m, dd;
		civil(pub, &y, &m, &dd);
		sb_fmt(&out, "{\"id\":\"bench-%06lu\",\"date\":\"%04d-%02d-%02d\",\"source\":",
		       ndocs, y, m, dd);
		json_str(&out, sources[d.src], strlen(sources[d.src]), ascii);
		if (chance(50)) {
			tmp.n = 0;
			sb_fmt(&tmp, "https://news.example.org/%04d/%02d/%02d/bench-%06lu", y, m,
			       dd, ndocs);
			sb_add(&out, ",\"url\":");
			json_str(&out, tmp.p, tmp.n, false);
		}
		sb_add(&out, ",\"text\":");
		json_str(&out, body, body_n, ascii);
		sb_add(&out, "}\n");

		if (out.n >= (1u << 20)) {
			if (fwrite(out.p, 1, out.n, stdout) != out.n)
				break;
			bytes += out.n;
			out.n = 0;
		}
	}
	if (out.n && fwrite(out.p, 1, out.n, stdout) == out.n)
		bytes += out.n;
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "mkcorpus: write error: %s\n", strerror(errno));
		return 1;
	}
	fprintf(stderr, "mkcorpus: mb=%lu bytes=%llu docs=%lu sentences=%llu seeds=%lu seed=%lu\n",
		mb, bytes, ndocs, nsent, (unsigned long)nseeds, seed);
	free(out.p);
	free(text.p);
	free(typo.p);
	free(tmp.p);
	for (size_t i = 0; i < nseeds; i++)
		free((void *)seeds[i]);
	free(seeds);
	return 0;
}
