/* fuzz_explain.c - libFuzzer: the explanation lookups with any input.
 *
 * Input: byte 0 the parse options, byte 1 a command, byte 2 a field,
 * byte 3 a heading (each read as a signed char, so values outside their
 * enums come too), bytes 4..19 four little-endian ints A B C D; the rest
 * is text: a NUL-terminated copy for smtpreply_explain_text,
 * smtpreply_command_parse and as language tags (whole and line by line),
 * and the raw bytes parsed as replies for _explain_reply(_enhanced).
 *
 * The oracle is the table itself, walked once with smtpreply_expl_at: a
 * listed code must come back as its own entry, an unlisted one as a
 * FALLBACK entry of its subject or class, "no code at all" as the invalid
 * entry; contextual entries are found by their KEY ("reply 454 after
 * AUTH"). Every string the lookups return is non-NULL, NUL-terminated,
 * valid UTF-8 and one paragraph (no CR or LF); each distinct string is
 * validated once. At start-up every code from 90 to 610 after every
 * command, and every enhanced code of subjects -1 to 10, is looked up
 * once (as numbers and as text), so no listed entry depends on the
 * fuzzer guessing its number. */
#include "fuzz_common.h"

#include <stdio.h>

#define PREFIX 20
#define NCMD 19 /* SMTPREPLY_CMD_UNKNOWN .. SMTPREPLY_CMD_ATRN */
#define NHEADING 12 /* WHICH and SUMMARY since 1.1 */
#define NFIELD 6
#define MAX_TAGS 6
#define MAX_TAG_LEN 200  /* longer tags are cut: each lookup reads it all */
#define MAX_TAG_RECS 3   /* records read in each tag (all are read in every language) */

/* ---------------------------------------------------------------------
 * Strings.
 * --------------------------------------------------------------------- */

/* Strict UTF-8 (RFC 3629: no overlongs, no surrogates, <= U+10FFFF). */
static int utf8_valid(const unsigned char *p, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned c = p[i];
		size_t len;
		unsigned lo = 0x80, hi = 0xBF;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			len = 2;
		else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			if (c == 0xE0)
				lo = 0xA0;
			if (c == 0xED)
				hi = 0x9F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			if (c == 0xF0)
				lo = 0x90;
			if (c == 0xF4)
				hi = 0x8F;
		} else
			return 0;
		if (n - i < len)
			return 0;
		if (p[i + 1] < lo || p[i + 1] > hi)
			return 0;
		for (size_t k = 2; k < len; k++)
			if (p[i + k] < 0x80 || p[i + k] > 0xBF)
				return 0;
		i += len;
	}
	return 1;
}

/* Pointers already checked: strings of the library's pool and records of
 * its table are finite, so each is validated once. Returns 1 when p was
 * new (and is now remembered, unless the set is full). */
#define SEEN_SIZE 16384
static const void *seen[SEEN_SIZE];

static int first_time(const void *p)
{
	size_t h = ((size_t)(uintptr_t)p >> 2) % SEEN_SIZE;
	for (size_t probe = 0; probe < SEEN_SIZE; probe++) {
		size_t i = (h + probe) % SEEN_SIZE;
		if (seen[i] == p)
			return 0;
		if (seen[i] == NULL) {
			seen[i] = p;
			return 1;
		}
	}
	return 1;
}

/* Non-NULL, NUL-terminated (ASan watches the pool's end), valid UTF-8,
 * one paragraph. */
static void check_string(const char *s)
{
	FUZZ_ASSERT(s != NULL);
	if (!first_time(s))
		return;
	size_t n = strlen(s);
	FUZZ_ASSERT(utf8_valid((const unsigned char *)s, n));
	FUZZ_ASSERT(memchr(s, '\n', n) == NULL);
	FUZZ_ASSERT(memchr(s, '\r', n) == NULL);
}

static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int ascii_upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 32 : c;
}

static int32_t get32(const uint8_t *p)
{
	uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	             (uint32_t)p[3] << 24;
	return (int32_t)v;
}

/* ---------------------------------------------------------------------
 * The table, walked once.
 * --------------------------------------------------------------------- */
static const smtpreply_expl *invalid_reply, *invalid_enh;
static unsigned char listed_reply[600];   /* any entry for the code */
static unsigned char general_reply[600];  /* a non-contextual one */
static const smtpreply_expl *context_entry[600][NCMD];
struct enh_key {
	int k, s, d;
};
static struct enh_key listed_enh[1024]; /* C.S.D and X.S.D entries */
static size_t nlisted_enh;
static unsigned char listed_subject[1000];
static const char *lang_names[64];
static size_t nlang;

static int enh_listed(int k, int s, int d)
{
	for (size_t i = 0; i < nlisted_enh; i++)
		if (listed_enh[i].k == k && listed_enh[i].s == s && listed_enh[i].d == d)
			return 1;
	return 0;
}

static void check_record(const smtpreply_expl *e)
{
	FUZZ_ASSERT(e != NULL);
	if (!first_time(e))
		return;
	for (int f = 0; f < NFIELD; f++) {
		check_string(smtpreply_expl_text(e, (enum smtpreply_field)f));
		for (size_t l = 0; l < nlang; l++)
			check_string(smtpreply_expl_text_lang(e, (enum smtpreply_field)f,
			                                      lang_names[l]));
	}
}

static void init_table(void)
{
	size_t n = smtpreply_expl_count(), i;

	for (i = 0; i < 64 && smtpreply_language(i) != NULL; i++) {
		lang_names[i] = smtpreply_language(i);
		check_string(lang_names[i]);
		FUZZ_ASSERT(smtpreply_language_match(lang_names[i]) == lang_names[i]);
	}
	nlang = i;
	FUZZ_ASSERT(nlang >= 1 && strcmp(lang_names[0], "en") == 0);
	FUZZ_ASSERT(smtpreply_language(nlang) == NULL);

	invalid_reply = smtpreply_explain_code(0);
	invalid_enh = smtpreply_explain_enhanced(0, 0, 0);
	FUZZ_ASSERT(invalid_reply && invalid_enh);
	FUZZ_ASSERT(smtpreply_expl_flags(invalid_reply) & SMTPREPLY_X_FALLBACK);
	FUZZ_ASSERT(smtpreply_expl_flags(invalid_enh) & SMTPREPLY_X_FALLBACK);
	check_record(invalid_reply);
	check_record(invalid_enh);

	FUZZ_ASSERT(smtpreply_expl_at(n) == NULL);
	for (i = 0; i < n; i++) {
		const smtpreply_expl *e = smtpreply_expl_at(i);
		unsigned fl = smtpreply_expl_flags(e);
		int code = smtpreply_expl_code(e), k, s, d;
		check_record(e);
		/* Table entries themselves are never fallbacks. */
		FUZZ_ASSERT(!(fl & SMTPREPLY_X_FALLBACK));
		if (code != 0) {
			FUZZ_ASSERT(fl & SMTPREPLY_X_REPLY);
			FUZZ_ASSERT(code >= 100 && code <= 599);
			listed_reply[code] = 1;
			if (!(fl & SMTPREPLY_X_CONTEXTUAL)) {
				general_reply[code] = 1;
				continue;
			}
			/* "reply 454 after AUTH" */
			const char *key = smtpreply_expl_text(e, SMTPREPLY_FIELD_KEY);
			int kc, used = 0;
			FUZZ_ASSERT(sscanf(key, "reply %d after %n", &kc, &used) == 1 && used > 0);
			FUZZ_ASSERT(kc == code);
			enum smtpreply_command c = smtpreply_command_parse(key + used);
			FUZZ_ASSERT(c != SMTPREPLY_CMD_UNKNOWN && (int)c < NCMD);
			FUZZ_ASSERT(context_entry[code][c] == NULL);
			context_entry[code][c] = e;
			continue;
		}
		if ((fl & SMTPREPLY_X_PROVIDER) || !smtpreply_expl_enhanced(e, &k, &s, &d))
			continue;
		if (fl & SMTPREPLY_X_SUBJECT) {
			FUZZ_ASSERT(k == -1 && s >= 0 && s <= 999 && d == -1);
			listed_subject[s] = 1;
		} else if (!(fl & SMTPREPLY_X_CLASS)) {
			FUZZ_ASSERT(k == -1 || k == 2 || k == 4 || k == 5);
			FUZZ_ASSERT(s >= 0 && s <= 999 && d >= 0 && d <= 999);
			FUZZ_ASSERT(nlisted_enh < sizeof listed_enh / sizeof listed_enh[0]);
			listed_enh[nlisted_enh].k = k;
			listed_enh[nlisted_enh].s = s;
			listed_enh[nlisted_enh].d = d;
			nlisted_enh++;
		}
	}

	/* Records with no entry and odd arguments. */
	FUZZ_ASSERT(smtpreply_expl_flags(NULL) == 0 && smtpreply_expl_code(NULL) == 0);
	FUZZ_ASSERT(smtpreply_expl_enhanced(NULL, NULL, NULL, NULL) == 0);
	for (int f = -2; f < NFIELD + 2; f++) {
		const char *t = smtpreply_expl_text(NULL, (enum smtpreply_field)f);
		FUZZ_ASSERT(t != NULL && t[0] == '\0');
	}
	FUZZ_ASSERT(strcmp(smtpreply_language_match(NULL), "en") == 0);
	FUZZ_ASSERT(strcmp(smtpreply_language_match(""), "en") == 0);
	FUZZ_ASSERT(strcmp(smtpreply_language_match("C"), "en") == 0);
	FUZZ_ASSERT(strcmp(smtpreply_language_match("POSIX"), "en") == 0);
	for (int c = 0; c < NCMD; c++) {
		const char *name = smtpreply_command_name((enum smtpreply_command)c);
		check_string(name);
		FUZZ_ASSERT(smtpreply_command_parse(name) == (enum smtpreply_command)c);
	}
	FUZZ_ASSERT(smtpreply_command_parse(NULL) == SMTPREPLY_CMD_UNKNOWN);
	for (int h = 0; h < NHEADING; h++)
		for (size_t l = 0; l < nlang; l++) {
			const char *t = smtpreply_heading_text((enum smtpreply_heading)h,
			                                       lang_names[l]);
			check_string(t);
			FUZZ_ASSERT(t[0] != '\0');
		}
}

/* ---------------------------------------------------------------------
 * Lookups with their oracle.
 * --------------------------------------------------------------------- */
static int in_code_range(long long c)
{
	return c >= 100 && c <= 599;
}

static const smtpreply_expl *check_class(int code)
{
	const smtpreply_expl *e = smtpreply_explain_class(code);
	check_record(e);
	if (!in_code_range(code)) {
		FUZZ_ASSERT(e == invalid_reply);
		return e;
	}
	char key[16];
	snprintf(key, sizeof key, "class %d", code / 100);
	FUZZ_ASSERT(smtpreply_expl_flags(e) & SMTPREPLY_X_CLASS);
	FUZZ_ASSERT(!(smtpreply_expl_flags(e) & SMTPREPLY_X_FALLBACK));
	FUZZ_ASSERT(strcmp(smtpreply_expl_text(e, SMTPREPLY_FIELD_KEY), key) == 0);
	return e;
}

static const smtpreply_expl *check_code(int code)
{
	const smtpreply_expl *e = smtpreply_explain_code(code);
	unsigned fl = smtpreply_expl_flags(e);

	check_record(e);
	FUZZ_ASSERT(fl & SMTPREPLY_X_REPLY);
	if (!in_code_range(code)) {
		FUZZ_ASSERT(e == invalid_reply);
		return e;
	}
	if (listed_reply[code]) {
		FUZZ_ASSERT(smtpreply_expl_code(e) == code);
		FUZZ_ASSERT(!(fl & SMTPREPLY_X_FALLBACK));
		if (general_reply[code])
			FUZZ_ASSERT(!(fl & SMTPREPLY_X_CONTEXTUAL));
	} else {
		/* The class's text, flagged. */
		const smtpreply_expl *c = check_class(code);
		FUZZ_ASSERT(fl & SMTPREPLY_X_FALLBACK);
		FUZZ_ASSERT(fl & SMTPREPLY_X_CLASS);
		FUZZ_ASSERT(smtpreply_expl_code(e) == 0);
		FUZZ_ASSERT(strcmp(smtpreply_expl_text(e, SMTPREPLY_FIELD_NAME),
		                   smtpreply_expl_text(c, SMTPREPLY_FIELD_NAME)) == 0);
	}
	return e;
}

static const smtpreply_expl *check_code_after(int code, int cmd)
{
	const smtpreply_expl *e =
	    smtpreply_explain_code_after(code, (enum smtpreply_command)cmd);
	const smtpreply_expl *g = check_code(code);

	check_record(e);
	if (cmd > 0 && cmd < NCMD && in_code_range(code) && context_entry[code][cmd])
		FUZZ_ASSERT(e == context_entry[code][cmd]);
	else
		FUZZ_ASSERT(e == g);
	return e;
}

static void check_category(int code)
{
	const smtpreply_expl *e = smtpreply_explain_category(code);
	check_record(e);
	/* 1xx codes have no category since 1.1 (SMTP defines none). */
	if (in_code_range(code) && code / 100 != 1 && (code / 10) % 10 <= 5) {
		char key[16];
		snprintf(key, sizeof key, "category %d", (code / 10) % 10);
		FUZZ_ASSERT(smtpreply_expl_flags(e) & SMTPREPLY_X_CATEGORY);
		FUZZ_ASSERT(strcmp(smtpreply_expl_text(e, SMTPREPLY_FIELD_KEY), key) == 0);
	} else {
		FUZZ_ASSERT(smtpreply_expl_flags(e) & SMTPREPLY_X_FALLBACK);
	}
}

/* The entry an enhanced code must get; k may be -1 (text "X.S.D"). */
static void check_enh_result(const smtpreply_expl *e, int k, int s, int d)
{
	unsigned fl = smtpreply_expl_flags(e);
	int ek, es, ed;
	int sok = s >= 0 && s <= 999, dok = d >= 0 && d <= 999;

	check_record(e);
	FUZZ_ASSERT(fl & SMTPREPLY_X_ENHANCED);
	FUZZ_ASSERT(smtpreply_expl_enhanced(e, &ek, &es, &ed) == 1);
	if (k != -1 && k != 2 && k != 4 && k != 5) {
		FUZZ_ASSERT(e == invalid_enh);
		return;
	}
	if (sok && dok && k != -1 && enh_listed(k, s, d)) {
		FUZZ_ASSERT(!(fl & SMTPREPLY_X_FALLBACK));
		FUZZ_ASSERT(ek == k && es == s && ed == d);
	} else if (sok && dok && enh_listed(-1, s, d)) {
		FUZZ_ASSERT(!(fl & SMTPREPLY_X_FALLBACK));
		FUZZ_ASSERT(ek == -1 && es == s && ed == d);
	} else if (sok && listed_subject[s]) {
		FUZZ_ASSERT(fl & SMTPREPLY_X_FALLBACK);
		FUZZ_ASSERT(fl & SMTPREPLY_X_SUBJECT);
		FUZZ_ASSERT(ek == -1 && es == s && ed == -1);
	} else if (k == -1) {
		FUZZ_ASSERT(e == invalid_enh);
	} else if (!sok || !dok) {
		/* Not a code at all: the class's entry or the invalid one. */
		FUZZ_ASSERT(fl & SMTPREPLY_X_FALLBACK);
		FUZZ_ASSERT(e == invalid_enh || ((fl & SMTPREPLY_X_CLASS) && ek == k));
	} else {
		FUZZ_ASSERT(fl & SMTPREPLY_X_FALLBACK);
		FUZZ_ASSERT(fl & SMTPREPLY_X_CLASS);
		FUZZ_ASSERT(ek == k && es == -1 && ed == -1);
	}
}

static const smtpreply_expl *check_enhanced(int k, int s, int d)
{
	const smtpreply_expl *e = smtpreply_explain_enhanced(k, s, d);
	FUZZ_ASSERT(e != NULL);
	check_enh_result(e, k == -1 ? 0 : k, s, d);
	return e;
}

static const smtpreply_expl *text_lookup(const char *t)
{
	const smtpreply_expl *e = smtpreply_explain_text(t);
	check_record(e);
	FUZZ_ASSERT(smtpreply_expl_flags(e) & (SMTPREPLY_X_REPLY | SMTPREPLY_X_ENHANCED));
	return e;
}

/* Texts written from numbers must find what the numeric lookups find. */
static void check_texts(int code, int k, int s, int d)
{
	char t[96];
	static const char *const lead[] = {"", " ", "\t \r\n"};

	for (size_t i = 0; i < sizeof lead / sizeof lead[0]; i++) {
		if (in_code_range(code)) {
			snprintf(t, sizeof t, "%s%d", lead[i], code);
			FUZZ_ASSERT(text_lookup(t) == check_code(code));
			snprintf(t, sizeof t, "%s%dxx", lead[i], code / 100);
			FUZZ_ASSERT(text_lookup(t) == check_class(code));
			snprintf(t, sizeof t, "%s%dXX", lead[i], code / 100);
			FUZZ_ASSERT(text_lookup(t) == check_class(code));
		}
		if ((k == 2 || k == 4 || k == 5) && s >= 0 && s <= 999 && d >= 0 && d <= 999) {
			snprintf(t, sizeof t, "%s%d.%d.%d", lead[i], k, s, d);
			FUZZ_ASSERT(text_lookup(t) == check_enhanced(k, s, d));
			if (in_code_range(code)) {
				snprintf(t, sizeof t, "%s%d %d.%d.%d", lead[i], code, k, s, d);
				const smtpreply_expl *e = text_lookup(t);
				if (code / 100 == k)
					FUZZ_ASSERT(e == check_enhanced(k, s, d));
				else
					FUZZ_ASSERT(e == check_code(code));
			}
		}
		if (s >= 0 && s <= 999 && d >= 0 && d <= 999) {
			snprintf(t, sizeof t, "%sX.%d.%d", lead[i], s, d);
			check_enh_result(text_lookup(t), -1, s, d);
			snprintf(t, sizeof t, "%sx.%d.%d", lead[i], s, d);
			check_enh_result(text_lookup(t), -1, s, d);
		}
	}
}

/* What explain_text gives for any text: a reply entry whose code the text
 * starts with, or an enhanced entry whose subject it holds. */
static void check_any_text(const char *t)
{
	const smtpreply_expl *e = text_lookup(t);
	int code = smtpreply_expl_code(e), k, s, d;
	const char *p = t;

	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	if (code != 0) {
		char c[8];
		snprintf(c, sizeof c, "%d", code);
		FUZZ_ASSERT(strncmp(p, c, 3) == 0);
	}
	/* An enhanced entry with a subject: the text has a dot. */
	if (smtpreply_expl_enhanced(e, &k, &s, &d) && s >= 0)
		FUZZ_ASSERT(strchr(p, '.') != NULL);
	if (!((*p >= '0' && *p <= '9') || *p == 'X' || *p == 'x'))
		FUZZ_ASSERT(e == invalid_reply);
	/* Same text, written into a fresh buffer of its exact size. */
	size_t n = strlen(t);
	char *copy = malloc(n + 1);
	FUZZ_ASSERT(copy != NULL);
	memcpy(copy, t, n + 1);
	FUZZ_ASSERT(smtpreply_explain_text(copy) == e);
	free(copy);
}

/* ---------------------------------------------------------------------
 * Languages and commands.
 * --------------------------------------------------------------------- */
static const char *check_lang(const char *tag)
{
	const char *m = smtpreply_language_match(tag);
	size_t l;

	for (l = 0; l < nlang; l++)
		if (m == lang_names[l])
			break;
	FUZZ_ASSERT(l < nlang);
	FUZZ_ASSERT(smtpreply_language_match(m) == m);
	return m;
}

static void check_tag(const char *tag, const smtpreply_expl *const *recs, size_t nrecs,
                      int field, int heading)
{
	const char *m = check_lang(tag);
	size_t n = tag ? strlen(tag) : 0;
	char *v = malloc(n + 4 + (nlang > 1 ? strlen(lang_names[1]) : 0));
	FUZZ_ASSERT(v != NULL);

	if (tag == NULL) {
		FUZZ_ASSERT(m == lang_names[0]);
		tag = "";
	}
	/* Case does not matter. */
	for (size_t i = 0; i <= n; i++)
		v[i] = (char)ascii_upper((unsigned char)tag[i]);
	FUZZ_ASSERT(smtpreply_language_match(v) == m);
	for (size_t i = 0; i <= n; i++)
		v[i] = (char)ascii_lower((unsigned char)tag[i]);
	FUZZ_ASSERT(smtpreply_language_match(v) == m);
	/* A list: an item that selects nothing before it changes nothing;
	 * an item after it counts only when it selects nothing. */
	if (tag[0] != '\0') {
		memcpy(v, "zz:", 3);
		memcpy(v + 3, tag, n + 1);
		FUZZ_ASSERT(smtpreply_language_match(v) == m);
		if (nlang > 1) {
			memcpy(v, tag, n);
			v[n] = ',';
			memcpy(v + n + 1, lang_names[1], strlen(lang_names[1]) + 1);
			const char *m2 = smtpreply_language_match(v);
			FUZZ_ASSERT(m2 == m || (m == lang_names[0] && m2 == lang_names[1]));
		}
	}
	free(v);

	for (int h = -1; h <= NHEADING; h++) {
		const char *t = smtpreply_heading_text((enum smtpreply_heading)h, tag);
		check_string(t);
		FUZZ_ASSERT(t == smtpreply_heading_text((enum smtpreply_heading)h, m));
		FUZZ_ASSERT((t[0] != '\0') == (h >= 0 && h < NHEADING));
	}
	const char *t = smtpreply_heading_text((enum smtpreply_heading)heading, tag);
	check_string(t);
	if (heading < 0 || heading >= NHEADING)
		FUZZ_ASSERT(t[0] == '\0');
	for (size_t r = 0; r < nrecs && r < MAX_TAG_RECS; r++) {
		for (int f = 0; f < NFIELD; f++) {
			const char *x = smtpreply_expl_text_lang(recs[r], (enum smtpreply_field)f, tag);
			check_string(x);
			FUZZ_ASSERT(x == smtpreply_expl_text_lang(recs[r], (enum smtpreply_field)f, m));
			if (m == lang_names[0])
				FUZZ_ASSERT(x == smtpreply_expl_text(recs[r], (enum smtpreply_field)f));
		}
		const char *x = smtpreply_expl_text_lang(recs[r], (enum smtpreply_field)field, tag);
		check_string(x);
		if (field < 0 || field >= NFIELD)
			FUZZ_ASSERT(x[0] == '\0');
	}
}

static void check_command(const char *name)
{
	enum smtpreply_command c = smtpreply_command_parse(name);
	size_t n = strlen(name);
	char *v = malloc(n + 3);

	FUZZ_ASSERT(v != NULL);
	FUZZ_ASSERT((unsigned)c < NCMD);
	FUZZ_ASSERT(smtpreply_command_parse(smtpreply_command_name(c)) == c);
	for (size_t i = 0; i <= n; i++)
		v[i] = (char)ascii_upper((unsigned char)name[i]);
	FUZZ_ASSERT(smtpreply_command_parse(v) == c);
	for (size_t i = 0; i <= n; i++)
		v[i] = (char)ascii_lower((unsigned char)name[i]);
	FUZZ_ASSERT(smtpreply_command_parse(v) == c);
	v[0] = ' ';
	v[1] = '\t';
	memcpy(v + 2, name, n + 1);
	FUZZ_ASSERT(smtpreply_command_parse(v) == c);
	free(v);
}

/* ---------------------------------------------------------------------
 * Replies.
 * --------------------------------------------------------------------- */
static void check_reply(const struct smtpreply *r, int cmd)
{
	for (int c = -1; c <= NCMD; c++) {
		const smtpreply_expl *e = smtpreply_explain_reply(r, (enum smtpreply_command)c);
		check_record(e);
		FUZZ_ASSERT(e == (r ? check_code_after(r->code, c) : invalid_reply));
	}
	FUZZ_ASSERT(smtpreply_explain_reply(r, (enum smtpreply_command)cmd) ==
	            (r ? check_code_after(r->code, cmd) : invalid_reply));

	const smtpreply_expl *e = smtpreply_explain_reply_enhanced(r);
	unsigned fl = smtpreply_expl_flags(e);
	check_record(e);
	if (r == NULL) {
		FUZZ_ASSERT(e == invalid_enh);
	} else if (r->enhanced.klass != 0) {
		FUZZ_ASSERT(e == check_enhanced(r->enhanced.klass, r->enhanced.subject,
		                                r->enhanced.detail));
	} else {
		FUZZ_ASSERT(fl & SMTPREPLY_X_FALLBACK);
		if (in_code_range(r->code)) {
			int c = r->code / 100, ek;
			FUZZ_ASSERT(fl & SMTPREPLY_X_CLASS);
			if (c == 2 || c == 4 || c == 5) {
				FUZZ_ASSERT(smtpreply_expl_enhanced(e, &ek, NULL, NULL) && ek == c);
			}
		}
	}
}

/* Once: every reply code after every command, every enhanced code of
 * the listed subjects (and a few past them), written as numbers and as
 * text, so that the table's entries are all looked up. */
static void sweep_lookups(void)
{
	for (int code = 90; code <= 610; code++) {
		for (int c = -1; c <= NCMD; c++)
			check_code_after(code, c);
		check_category(code);
		check_texts(code, 0, -1, -1);
	}
	static const int klasses[] = {2, 4, 5};
	for (size_t k = 0; k < sizeof klasses / sizeof klasses[0]; k++)
		for (int sub = -1; sub <= 10; sub++)
			for (int d = -1; d <= 1000; d++) {
				check_enhanced(klasses[k], sub, d);
				if (sub >= 0 && d >= 0)
					check_texts(0, klasses[k], sub, d);
			}
}

/* The reply's first line as text ("550 5.7.1 ..."): explain_text finds
 * the reply's enhanced code when the line carries it (the parser removed
 * it from the line), else the first line's code (or an enhanced code the
 * parser did not take, such as one after two spaces). */
static void check_first_line(const struct smtpreply *r)
{
	const char *nl = memchr(r->raw.ptr, '\n', r->raw.len);
	size_t n = (size_t)(nl - r->raw.ptr);
	char *line = malloc(n + 1);

	FUZZ_ASSERT(nl != NULL && line != NULL);
	memcpy(line, r->raw.ptr, n);
	line[n] = '\0';
	const smtpreply_expl *e = text_lookup(line);
	if (r->enhanced.klass != 0 && r->first_line.ptr > r->raw.ptr + 4)
		FUZZ_ASSERT(e == smtpreply_explain_reply_enhanced(r));
	else
		FUZZ_ASSERT(e == check_code(r->first_code) ||
		            (smtpreply_expl_flags(e) & SMTPREPLY_X_ENHANCED));
	free(line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct smtpreply_options o;
	const smtpreply_expl *recs[64];
	size_t nrecs = 0;

	if (!ready) {
		init_table();
		sweep_lookups();
		ready = 1;
	}
	if (size < PREFIX)
		return 0;
	fuzz_options(&o, data[0]);
	int cmd = (signed char)data[1];
	int field = (signed char)data[2];
	int heading = (signed char)data[3];
	int32_t a = get32(data + 4), b = get32(data + 8), c = get32(data + 12),
	        d = get32(data + 16);
	const uint8_t *rest = data + PREFIX;
	size_t len = size - PREFIX;

	/* Numbers as given, and folded into the table's ranges. */
	int code2 = 100 + (int)((uint32_t)a % 500u);
	int k2 = (int[]){2, 4, 5}[(uint32_t)b % 3u];
	int s2 = (int)((uint32_t)c % 1000u), d2 = (int)((uint32_t)d % 1000u);

	recs[nrecs++] = check_code(a);
	recs[nrecs++] = check_code(code2);
	recs[nrecs++] = check_code_after(a, cmd);
	recs[nrecs++] = check_code_after(code2, cmd);
	for (int x = 0; x < NCMD; x++)
		check_code_after(code2, x);
	recs[nrecs++] = check_class(a);
	check_category(a);
	check_category(code2);
	recs[nrecs++] = check_enhanced(b, c, d);
	recs[nrecs++] = check_enhanced(k2, s2, d2);
	recs[nrecs++] = check_enhanced(k2, c, d);
	recs[nrecs++] = check_enhanced(k2, s2, 1000 + d2);
	check_texts(a, b, c, d);
	check_texts(code2, k2, s2, d2);

	/* A reply built by the caller: a zeroed struct with numbers in it. */
	struct smtpreply z;
	memset(&z, 0, sizeof z);
	z.code = a;
	z.klass = a / 100;
	z.enhanced.klass = (int)((uint32_t)b % 8u);
	z.enhanced.subject = c;
	z.enhanced.detail = d;
	check_reply(&z, cmd);
	check_reply(NULL, cmd);

	/* The text. */
	char *text = malloc(len + 1);
	FUZZ_ASSERT(text != NULL);
	memcpy(text, rest, len);
	text[len] = '\0';
	check_any_text(text);
	check_command(text);
	recs[nrecs++] = smtpreply_explain_text(text);

	/* Parsed replies. */
	struct smtpreply r;
	size_t off = 0;
	while (fuzz_next_reply(rest, len, &off, &o, &r)) {
		check_reply(&r, cmd);
		check_first_line(&r);
		if (nrecs + 2 <= sizeof recs / sizeof recs[0]) {
			recs[nrecs++] = smtpreply_explain_reply(&r, (enum smtpreply_command)cmd);
			recs[nrecs++] = smtpreply_explain_reply_enhanced(&r);
		}
	}

	/* Language tags: the text whole and line by line. */
	if (len > MAX_TAG_LEN)
		text[MAX_TAG_LEN] = '\0';
	check_tag(text, recs, nrecs, field, heading);
	char *p = text;
	for (int i = 0; i < MAX_TAGS && p != NULL; i++) {
		char *nl = strchr(p, '\n');
		if (nl != NULL)
			*nl = '\0';
		check_tag(p, recs, nrecs, field, heading);
		p = nl ? nl + 1 : NULL;
	}
	check_tag(NULL, recs, nrecs, field, heading);
	free(text);
	return 0;
}
