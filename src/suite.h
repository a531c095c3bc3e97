/*
 * suite.h - validation suites: reading the records and the dictionaries of
 * a TABARI validation file or a PETRARCH unit-test / gold-standard XML.
 *
 * Three formats, told apart by their content (docs/validate.md):
 *   TABARI  records "YYMMDD ID", text lines, then a C-style comment block
 *           holding the expected events "{ SRC / TGT / CODE }" and the
 *           special codes {---} {###} {+++} -{...} and { OPTION: ... };
 *           a record ends at a blank line. Dictionaries: the .project file
 *           (--project, else <stem>.project or Validate.project beside the
 *           suite, else ../TABARI-Code/Validate.project).
 *   PETR    PETRARCH unit-test XML: <Sentence ...> ... </Sentence> records with
 *           <EventCoding>, <Text>, <Parse>; <Config> between records changes
 *           coder settings. Dictionaries: <Environment> names them, relative
 *           to ../dictionaries/ from the XML's directory.
 *   GSR     PETRARCH-2 gold standard: self-closing <Sentence .../> tags (the
 *           record runs to the next <Sentence>) or a <PICOfile> in the
 *           <Environment>. Dictionaries: the production files it names, taken
 *           from dyad's data directory.
 *
 * The readers never crash on malformed input and never drop a record: a
 * record that cannot be understood is kept with `malformed` set (it counts
 * as a failure). Problems that belong to no record go to suite->problems.
 *
 * Ownership: suite_load()/suite_parse() return a suite that owns every
 * string and array in it; suite_free() releases it all. The library never
 * prints.
 */
#ifndef DYAD_SUITE_H
#define DYAD_SUITE_H

#include "../include/dyad.h"
#include <stdbool.h>
#include <stddef.h>

enum suite_format { SUITE_AUTO = 0, SUITE_TABARI, SUITE_PETR, SUITE_GSR };

/* One expected event. Codes are kept as written ("ARN", "~MOS", "---GOV",
 * "075A"); date is the YYMMDD/YYYYMMDD written after a TABARI "}"
 * (checked only while the suite has TIME SHIFT on), 0 if none. */
struct suite_event {
	const char *src, *tgt, *code;
	int date;
};

/* Record flags. */
enum {
	SREC_NONE = 1,      /* expects no event: {---}, noevents="True" */
	SREC_DISCARD = 2,   /* expects a discard: {###}, error="storydiscard" ... */
	SREC_COMPLEX = 4,   /* TABARI {+++}: too complex, TABARI codes nothing */
	SREC_ERROR = 8,     /* PETR error="..." record; see error */
	SREC_OPTION = 16,   /* only option lines, nothing to code (TABARI OPTION) */
	SREC_PARTIAL = 32,  /* TABARI -{...}: later groups are not checked, so
			     * extra events are allowed */
	SREC_NOCHECK = 64,  /* nothing to check; see skip */
};

struct suite_record {
	const char *id;          /* "line N" when the record has none */
	int date;                /* YYYYMMDD, 0 if missing or bad */
	const char *text;        /* one line, whitespace collapsed; "" if none */
	size_t text_len;
	const char *category;    /* TABARI: id prefix ("DEMO" of DEMO-01);
				  * PETR/GSR: category attribute; "" none */
	const char *note;        /* TABARI: the [bracketed] comment; PETR/GSR:
				  * the record's first XML comment; "" none */
	const char *error;       /* PETR error attribute ("dateline", ...) or NULL */
	const char *malformed;   /* why the record cannot be used, or NULL */
	const char *skip;        /* why nothing is checked (SREC_NOCHECK) or NULL */
	const struct suite_event *ev;
	size_t nev;
	/* Option lines to apply before this record, in order, written as
	 * TABARI .options lines for dyad_worker_option(): TABARI
	 * { OPTION: SET: TIME SHIFT = FALSE } gives "SET: TIME SHIFT = FALSE";
	 * PETR <Config option="require_dyad" value="false"> gives
	 * "SET: REQUIRE DYAD = false" and option="comma_max" value="6" gives
	 * "COMMA: MAX = 6" (stop_on_error, a runner setting, is dropped). */
	const char *const *opts;
	size_t nopts;
	unsigned flags;          /* SREC_* */
	long line;               /* 1-based line of the record in the suite */
};

struct suite {
	enum suite_format format;
	const char *path;          /* the suite file as given */
	const char *project;       /* TABARI: the .project used; else NULL */
	/* Dictionaries in load order; kinds as in dyad_dict_file. After
	 * suite_load() the paths are absolute; after suite_parse() they are
	 * the names the XML <Environment> gives (none for TABARI). */
	dyad_dict_file *files;
	long *file_lines;          /* the line naming each file (in the suite,
				    * or the .project for TABARI) */
	size_t nfiles;
	struct suite_record *rec;
	size_t nrec;
	/* Non-fatal problems that belong to no record ("line 12: <Config>
	 * without option"), at most SUITE_MAX_PROBLEMS. */
	const char **problems;
	size_t nproblems;
	long stop_line;            /* PETR <Stop>: records after it unread; 0 none */
	void *mem;                 /* owned storage (arena) */
};

#define SUITE_MAX_BYTES (64u << 20)   /* largest suite file read */
#define SUITE_MAX_PROBLEMS 100

/* Read the suite at path, tell its format, and resolve its dictionaries:
 * project_override is the TABARI .project (NULL: search as above),
 * data_dir the directory of dyad's bundled dictionaries (GSR). Returns 0
 * with *out set, or DYAD_EIO / DYAD_EINPUT / DYAD_ETOOBIG / DYAD_ENOMEM
 * with err filled (file and line when known): the file cannot be read,
 * its format is unknown, a named dictionary is missing. */
int suite_load(const char *path, const char *project_override,
	       const char *data_dir, struct suite **out, dyad_error *err);

/* Parse a suite held in memory (no file access, no dictionaries): fmt
 * SUITE_AUTO detects the format. name is used in messages. For fuzzing
 * and tests. Returns 0 or DYAD_ENOMEM / DYAD_ETOOBIG / DYAD_EINPUT. */
int suite_parse(const char *buf, size_t n, const char *name,
		enum suite_format fmt, struct suite **out, dyad_error *err);

void suite_free(struct suite *s);

/* "TABARI", "PETR", "GSR". */
const char *suite_format_name(enum suite_format f);

/* Whether record r counts in the pass rate: it has an expected event or
 * an expected non-event (none, discard, complex, error), or is malformed.
 * Option records and SREC_NOCHECK records do not count. */
bool suite_counted(const struct suite_record *r);

#endif
