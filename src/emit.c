/*
 * emit.c - event output: JSONL (one object per event), TSV and CSV with a
 * header row. Field names and order are the contract of docs/DESIGN.md.
 * CAMEO codes are always strings.
 */
#include "internal.h"
#include <stdio.h>

static int json_str(dyad_buf *b, const char *s, size_t n)
{
	int rc = buf_addc(b, '"');
	for (size_t i = 0; i < n && !rc; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': rc = buf_add(b, "\\\"", 2); break;
		case '\\': rc = buf_add(b, "\\\\", 2); break;
		case '\n': rc = buf_add(b, "\\n", 2); break;
		case '\t': rc = buf_add(b, "\\t", 2); break;
		case '\r': rc = buf_add(b, "\\r", 2); break;
		default:
			if (c < 0x20)
				rc = buf_addf(b, "\\u%04x", c);
			else
				rc = buf_addc(b, (char)c);
		}
	}
	return rc ? rc : buf_addc(b, '"');
}

/* One TSV/CSV field. */
static int sv_field(dyad_buf *b, enum dyad_format fmt, const char *s, size_t n, bool last)
{
	int rc = 0;
	if (fmt == DYAD_FMT_CSV) {
		bool quote = false;
		for (size_t i = 0; i < n; i++)
			if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
				quote = true;
		if (quote)
			rc = buf_addc(b, '"');
		for (size_t i = 0; i < n && !rc; i++)
			rc = s[i] == '"' ? buf_add(b, "\"\"", 2) : buf_addc(b, s[i]);
		if (quote && !rc)
			rc = buf_addc(b, '"');
	} else {
		for (size_t i = 0; i < n && !rc; i++) {
			char c = s[i];
			rc = buf_addc(b, (c == '\t' || c == '\n' || c == '\r') ? ' ' : c);
		}
	}
	if (!rc)
		rc = buf_addc(b, last ? '\n' : (fmt == DYAD_FMT_CSV ? ',' : '\t'));
	return rc;
}

static const char *const columns[] = {
	"doc_id", "sentence", "date", "source", "target", "code", "root",
	"quad_class", "goldstein", "plover", "source_text", "target_text",
	"evidence_start", "evidence_end", "evidence_text", "location_name",
	"location_type", "location_country", "location_admin1", "location_lat",
	"location_lon", "rule",
};
static const char *const explain_columns[] = { "pattern", "verb_text", "note",
					       "location_from" };

static const char *from_name(int from)
{
	return from == DYAD_FROM_SENTENCE ? "sentence" : from == DYAD_FROM_DATELINE ? "dateline" : "";
}

/* A coordinate with four decimals ("-74.0060") into out, NUL-terminated,
 * without printf (every located event has two); returns its length. */
static size_t coord_str(char out[32], double x)
{
	char tmp[24];
	int k = sizeof tmp;
	bool neg = x < 0;
	double a = neg ? -x : x;
	if (!(a < 1e6))
		return (size_t)snprintf(out, 32, "%.4f", x);
	long long v = (long long)(a * 10000 + 0.5);
	bool zero = v == 0;
	for (int i = 0; i < 4; i++, v /= 10)
		tmp[--k] = (char)('0' + v % 10);
	tmp[--k] = '.';
	do {
		tmp[--k] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	if (neg && !zero)
		tmp[--k] = '-';      /* (no "-0.0000") */
	size_t n = sizeof tmp - (size_t)k;
	memcpy(out, tmp + k, n);
	out[n] = 0;
	return n;
}

static int add_coord(dyad_buf *b, double x)
{
	char s[32];
	size_t n = coord_str(s, x);
	return buf_add(b, s, n);
}

/* The location object ({"name":..,"type":..,...}) or null. */
static int json_location(dyad_buf *b, const dyad_location *l)
{
	if (l->type == DYAD_PLACE_NONE)
		return buf_adds(b, "null");
	const char *type = dyad_place_type_name(l->type);
	int rc = buf_adds(b, "{\"name\":");
	if (!rc) rc = json_str(b, l->name, strlen(l->name));
	if (!rc) rc = buf_adds(b, ",\"type\":");
	if (!rc) rc = json_str(b, type, strlen(type));
	if (!rc) rc = buf_adds(b, ",\"country\":");
	if (!rc) rc = l->country[0] ? json_str(b, l->country, strlen(l->country)) : buf_adds(b, "null");
	if (!rc) rc = buf_adds(b, ",\"country3\":");
	if (!rc) rc = l->country3[0] ? json_str(b, l->country3, strlen(l->country3)) : buf_adds(b, "null");
	if (!rc) rc = buf_adds(b, ",\"admin1\":");
	if (!rc) rc = l->admin1[0] ? json_str(b, l->admin1, strlen(l->admin1)) : buf_adds(b, "null");
	if (l->has_coords) {
		if (!rc) rc = buf_adds(b, ",\"lat\":");
		if (!rc) rc = add_coord(b, l->lat);
		if (!rc) rc = buf_adds(b, ",\"lon\":");
		if (!rc) rc = add_coord(b, l->lon);
		if (!rc) rc = buf_addc(b, '}');
	} else if (!rc) {
		rc = buf_adds(b, ",\"lat\":null,\"lon\":null}");
	}
	return rc;
}

int dyad_format_header(enum dyad_format fmt, bool explain, dyad_buf *b)
{
	if (fmt == DYAD_FMT_JSONL)
		return 0;
	int rc = 0;
	size_t nc = ARRAY_SIZE(columns), ne = explain ? ARRAY_SIZE(explain_columns) : 0;
	for (size_t i = 0; i < nc && !rc; i++)
		rc = sv_field(b, fmt, columns[i], strlen(columns[i]), i + 1 == nc && !ne);
	for (size_t i = 0; i < ne && !rc; i++)
		rc = sv_field(b, fmt, explain_columns[i], strlen(explain_columns[i]), i + 1 == ne);
	return rc;
}

static void fmt_date(char out[16], int d)
{
	if (d > 0)
		snprintf(out, 16, "%04d-%02d-%02d", d / 10000 % 10000, d / 100 % 100, d % 100);
	else
		out[0] = 0;
}

static int one_event(enum dyad_format fmt, bool explain, const dyad_doc *doc,
		     const dyad_result *r, const dyad_event *ev, dyad_buf *b)
{
	char date[16], num[64], gs[32];
	const char *t = r->text;
	fmt_date(date, ev->date);
	snprintf(gs, sizeof gs, "%.1f", ev->goldstein);
	int rc = 0;
	if (fmt == DYAD_FMT_JSONL) {
		rc = buf_adds(b, "{\"doc_id\":");
		if (!rc) rc = json_str(b, doc->id, doc->id_len);
		if (!rc) rc = buf_addf(b, ",\"sentence\":%d,\"date\":", ev->sentence);
		if (!rc) rc = ev->date ? json_str(b, date, strlen(date)) : buf_adds(b, "null");
		if (!rc) rc = buf_adds(b, ",\"source\":");
		if (!rc) rc = json_str(b, ev->source, strlen(ev->source));
		if (!rc) rc = buf_adds(b, ",\"target\":");
		if (!rc) rc = json_str(b, ev->target, strlen(ev->target));
		if (!rc) rc = buf_adds(b, ",\"code\":");
		if (!rc) rc = json_str(b, ev->code, strlen(ev->code));
		if (!rc) rc = buf_adds(b, ",\"root\":");
		if (!rc) rc = json_str(b, ev->root, strlen(ev->root));
		if (!rc) rc = buf_addf(b, ",\"quad_class\":%d,\"goldstein\":%s,\"plover\":",
				       ev->quad_class, gs);
		if (!rc) rc = ev->plover[0] ? json_str(b, ev->plover, strlen(ev->plover))
					    : buf_adds(b, "null");
		if (!rc) rc = buf_adds(b, ",\"source_text\":");
		if (!rc) rc = json_str(b, t + ev->source_start, ev->source_end - ev->source_start);
		if (!rc) rc = buf_adds(b, ",\"target_text\":");
		if (!rc) rc = json_str(b, t + ev->target_start, ev->target_end - ev->target_start);
		if (!rc) rc = buf_addf(b, ",\"evidence\":{\"start\":%zu,\"end\":%zu,\"text\":",
				       ev->ev_start, ev->ev_end);
		if (!rc) rc = json_str(b, t + ev->ev_start, ev->ev_end - ev->ev_start);
		if (!rc) rc = buf_adds(b, "},\"location\":");
		if (!rc) rc = json_location(b, &ev->location);
		if (!rc) rc = buf_adds(b, ",\"rule\":");
		if (!rc) rc = json_str(b, ev->rule, strlen(ev->rule));
		if (explain) {
			if (!rc) rc = buf_adds(b, ",\"explain\":{\"pattern\":");
			if (!rc) rc = json_str(b, ev->pattern, strlen(ev->pattern));
			if (!rc) rc = buf_addf(b, ",\"verb\":{\"start\":%zu,\"end\":%zu,\"text\":",
					       ev->verb_start, ev->verb_end);
			if (!rc) rc = json_str(b, t + ev->verb_start, ev->verb_end - ev->verb_start);
			if (!rc) rc = buf_adds(b, "},\"source\":{\"start\":");
			if (!rc) rc = buf_addf(b, "%zu,\"end\":%zu},\"target\":{\"start\":%zu,\"end\":%zu},\"note\":",
					       ev->source_start, ev->source_end,
					       ev->target_start, ev->target_end);
			if (!rc) rc = json_str(b, ev->note, strlen(ev->note));
			if (!rc) rc = buf_adds(b, ",\"place\":");
			if (!rc && ev->location.type == DYAD_PLACE_NONE)
				rc = buf_adds(b, "null");
			else if (!rc) {
				const char *fr = from_name(ev->location.from);
				rc = buf_adds(b, "{\"from\":");
				if (!rc) rc = json_str(b, fr, strlen(fr));
				if (!rc) rc = buf_addf(b, ",\"start\":%zu,\"end\":%zu,\"text\":",
						       ev->location.start, ev->location.end);
				if (!rc) rc = json_str(b, t + ev->location.start,
						       ev->location.end - ev->location.start);
				if (!rc) rc = buf_addc(b, '}');
			}
			if (!rc) rc = buf_addc(b, '}');
		}
		if (!rc) rc = buf_add(b, "}\n", 2);
		return rc;
	}
	struct { const char *s; size_t n; } f[28];
	size_t k = 0;
#define F(p, len) do { f[k].s = (p); f[k].n = (len); k++; } while (0)
#define FS(p) F(p, strlen(p))
	char sent[16], es[24], ee[24], lat[32] = "", lon[32] = "";
	const dyad_location *l = &ev->location;
	if (l->type != DYAD_PLACE_NONE && l->has_coords) {
		coord_str(lat, l->lat);
		coord_str(lon, l->lon);
	}
	snprintf(sent, sizeof sent, "%d", ev->sentence);
	snprintf(es, sizeof es, "%zu", ev->ev_start);
	snprintf(ee, sizeof ee, "%zu", ev->ev_end);
	snprintf(num, sizeof num, "%d", ev->quad_class);
	F(doc->id, doc->id_len);
	FS(sent); FS(date); FS(ev->source); FS(ev->target); FS(ev->code); FS(ev->root);
	FS(num); FS(gs); FS(ev->plover);
	F(t + ev->source_start, ev->source_end - ev->source_start);
	F(t + ev->target_start, ev->target_end - ev->target_start);
	FS(es); FS(ee);
	F(t + ev->ev_start, ev->ev_end - ev->ev_start);
	FS(l->name); FS(dyad_place_type_name(l->type)); FS(l->country); FS(l->admin1);
	FS(lat); FS(lon);
	FS(ev->rule);
	if (explain) {
		FS(ev->pattern);
		F(t + ev->verb_start, ev->verb_end - ev->verb_start);
		FS(ev->note);
		FS(from_name(l->type != DYAD_PLACE_NONE ? l->from : DYAD_FROM_NONE));
	}
#undef F
#undef FS
	for (size_t i = 0; i < k && !rc; i++)
		rc = sv_field(b, fmt, f[i].s, f[i].n, i + 1 == k);
	return rc;
}

int dyad_format_events(enum dyad_format fmt, bool explain, const dyad_doc *doc,
		       const dyad_result *r, dyad_buf *b)
{
	int rc = 0;
	for (size_t i = 0; i < r->n_events && !rc; i++)
		rc = one_event(fmt, explain, doc, r, &r->events[i], b);
	return rc;
}
