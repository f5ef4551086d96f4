/* test_explain.c - the explanation table and its lookups.
 *
 * Checks that every reply code and every registry entry of the reference
 * lists has a complete entry of its own (the lists are built in below, and
 * read again from ../shared/reference/ or $SMTPREPLY_REFERENCE when that
 * is there, so a list that grows is checked too), that unknown values get
 * marked fallbacks, contextual lookups, text lookups, languages with their
 * per-field fallback to English, UTF-8 validity of every string, commands,
 * headings, reasons and provider entries. */
#include "check.h"
#include "smtpreply.h"
#include "../src/table.h" /* sr_pool, sr_i18n: per-field translation */

#include <stdlib.h>

/* ------------------------------------------------------------------ */

static int utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c = *p, need, cp, min;
		if (c < 0x80) {
			if (c < 0x20 || c == 0x7F)
				return 0; /* no control bytes in texts */
			p++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			need = 1, cp = c & 0x1F, min = 0x80;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2, cp = c & 0x0F, min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3, cp = c & 0x07, min = 0x10000;
		} else {
			return 0;
		}
		p++;
		while (need--) {
			if ((*p & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (*p++ & 0x3Fu);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
	}
	return 1;
}

static const char *field_names[] = {"name", "description", "when", "fix",
                                    "source", "key"};

/* Every field non-empty; says which entry lacks what. */
static void check_complete(const smtpreply_expl *e, const char *what)
{
	int f;
	for (f = SMTPREPLY_FIELD_NAME; f <= SMTPREPLY_FIELD_KEY; f++) {
		const char *t = smtpreply_expl_text(e, (enum smtpreply_field)f);
		CHECK(t != NULL);
		if (t == NULL || t[0] == '\0') {
			check_failed_++;
			fprintf(stderr, "%s: field %s is empty\n", what,
			        field_names[f]);
		} else {
			check_passed_++;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Reply codes of reference/reply-codes.tsv (code, command its source
 * names, standard). */

struct ref_reply {
	int code;
	enum smtpreply_command cmd;
	int standard;
};

static const struct ref_reply ref_replies[] = {
	{211, SMTPREPLY_CMD_UNKNOWN, 1}, {214, SMTPREPLY_CMD_UNKNOWN, 1},
	{220, SMTPREPLY_CMD_UNKNOWN, 1}, {221, SMTPREPLY_CMD_UNKNOWN, 1},
	{250, SMTPREPLY_CMD_UNKNOWN, 1}, {251, SMTPREPLY_CMD_UNKNOWN, 1},
	{252, SMTPREPLY_CMD_UNKNOWN, 1}, {354, SMTPREPLY_CMD_UNKNOWN, 1},
	{421, SMTPREPLY_CMD_UNKNOWN, 1}, {450, SMTPREPLY_CMD_UNKNOWN, 1},
	{451, SMTPREPLY_CMD_UNKNOWN, 1}, {452, SMTPREPLY_CMD_UNKNOWN, 1},
	{455, SMTPREPLY_CMD_UNKNOWN, 1}, {500, SMTPREPLY_CMD_UNKNOWN, 1},
	{501, SMTPREPLY_CMD_UNKNOWN, 1}, {502, SMTPREPLY_CMD_UNKNOWN, 1},
	{503, SMTPREPLY_CMD_UNKNOWN, 1}, {504, SMTPREPLY_CMD_UNKNOWN, 1},
	{550, SMTPREPLY_CMD_UNKNOWN, 1}, {551, SMTPREPLY_CMD_UNKNOWN, 1},
	{552, SMTPREPLY_CMD_UNKNOWN, 1}, {553, SMTPREPLY_CMD_UNKNOWN, 1},
	{554, SMTPREPLY_CMD_UNKNOWN, 1}, {555, SMTPREPLY_CMD_UNKNOWN, 1},
	{220, SMTPREPLY_CMD_STARTTLS, 1}, {235, SMTPREPLY_CMD_AUTH, 1},
	{250, SMTPREPLY_CMD_ETRN, 1}, {251, SMTPREPLY_CMD_ETRN, 1},
	{252, SMTPREPLY_CMD_ETRN, 1}, {253, SMTPREPLY_CMD_ETRN, 1},
	{334, SMTPREPLY_CMD_AUTH, 1}, {432, SMTPREPLY_CMD_AUTH, 1},
	{450, SMTPREPLY_CMD_ATRN, 1}, {451, SMTPREPLY_CMD_ATRN, 1},
	{453, SMTPREPLY_CMD_ATRN, 1}, {454, SMTPREPLY_CMD_AUTH, 1},
	{454, SMTPREPLY_CMD_STARTTLS, 1}, {458, SMTPREPLY_CMD_ETRN, 1},
	{459, SMTPREPLY_CMD_ETRN, 1}, {500, SMTPREPLY_CMD_AUTH, 1},
	{501, SMTPREPLY_CMD_STARTTLS, 1}, {501, SMTPREPLY_CMD_AUTH, 1},
	{503, SMTPREPLY_CMD_AUTH, 1}, {504, SMTPREPLY_CMD_AUTH, 1},
	{521, SMTPREPLY_CMD_UNKNOWN, 1}, {530, SMTPREPLY_CMD_AUTH, 1},
	{530, SMTPREPLY_CMD_STARTTLS, 1}, {534, SMTPREPLY_CMD_AUTH, 1},
	{535, SMTPREPLY_CMD_AUTH, 1}, {538, SMTPREPLY_CMD_AUTH, 1},
	{550, SMTPREPLY_CMD_UNKNOWN, 1}, {552, SMTPREPLY_CMD_UNKNOWN, 1},
	{553, SMTPREPLY_CMD_UNKNOWN, 1}, {554, SMTPREPLY_CMD_STARTTLS, 1},
	{556, SMTPREPLY_CMD_UNKNOWN, 1}, {355, SMTPREPLY_CMD_UNKNOWN, 0},
	{422, SMTPREPLY_CMD_UNKNOWN, 0}, {430, SMTPREPLY_CMD_UNKNOWN, 0},
	{456, SMTPREPLY_CMD_UNKNOWN, 0}, {520, SMTPREPLY_CMD_UNKNOWN, 0},
	{523, SMTPREPLY_CMD_UNKNOWN, 0}, {524, SMTPREPLY_CMD_UNKNOWN, 0},
	{525, SMTPREPLY_CMD_UNKNOWN, 0}, {533, SMTPREPLY_CMD_UNKNOWN, 0},
	{557, SMTPREPLY_CMD_UNKNOWN, 0}, {101, SMTPREPLY_CMD_UNKNOWN, 0},
	{111, SMTPREPLY_CMD_UNKNOWN, 0}, {200, SMTPREPLY_CMD_UNKNOWN, 0},
	{420, SMTPREPLY_CMD_UNKNOWN, 0}, {431, SMTPREPLY_CMD_UNKNOWN, 0},
	{432, SMTPREPLY_CMD_UNKNOWN, 0}, {441, SMTPREPLY_CMD_UNKNOWN, 0},
	{442, SMTPREPLY_CMD_UNKNOWN, 0}, {446, SMTPREPLY_CMD_UNKNOWN, 0},
	{447, SMTPREPLY_CMD_UNKNOWN, 0}, {449, SMTPREPLY_CMD_UNKNOWN, 0},
	{471, SMTPREPLY_CMD_UNKNOWN, 0}, {505, SMTPREPLY_CMD_UNKNOWN, 0},
	{510, SMTPREPLY_CMD_UNKNOWN, 0}, {511, SMTPREPLY_CMD_UNKNOWN, 0},
	{512, SMTPREPLY_CMD_UNKNOWN, 0}, {513, SMTPREPLY_CMD_UNKNOWN, 0},
	{517, SMTPREPLY_CMD_UNKNOWN, 0}, {541, SMTPREPLY_CMD_UNKNOWN, 0},
	{571, SMTPREPLY_CMD_UNKNOWN, 0},
};

/* Registry rows of reference/enhanced-status-codes.tsv: code TAB classes. */
static const char *const ref_enhanced[] = {
	"2.XXX.YYY\t2", "4.XXX.YYY\t4", "5.XXX.YYY\t5", "X.0.YYY\t2,4,5",
	"X.1.YYY\t2,4,5", "X.2.YYY\t2,4,5", "X.3.YYY\t2,4,5",
	"X.4.YYY\t2,4,5", "X.5.YYY\t2,4,5", "X.6.YYY\t2,4,5",
	"X.7.YYY\t2,4,5", "X.0.0\t2,4,5", "X.1.0\t4,5", "X.1.1\t4,5",
	"X.1.2\t5", "X.1.3\t5", "X.1.4\t4,5", "X.1.5\t2", "X.1.6\t5",
	"X.1.7\t4,5", "X.1.8\t4,5", "X.1.9\t2,4,5", "X.1.10\t5",
	"X.2.0\t4,5", "X.2.1\t4,5", "X.2.2\t4,5", "X.2.3\t5", "X.2.4\t4,5",
	"X.3.0\t2,4,5", "X.3.1\t4", "X.3.2\t4,5", "X.3.3\t4,5", "X.3.4\t5",
	"X.3.5\t4,5", "X.3.6\t2", "X.4.0\t4,5", "X.4.1\t4", "X.4.2\t4",
	"X.4.3\t4,5", "X.4.4\t4,5", "X.4.5\t4", "X.4.6\t4", "X.4.7\t4,5",
	"X.5.0\t2,4,5", "X.5.1\t4,5", "X.5.2\t5", "X.5.3\t4", "X.5.4\t4,5",
	"X.5.5\t4,5", "X.5.6\t4,5", "X.6.0\t4,5", "X.6.1\t5", "X.6.2\t4,5",
	"X.6.3\t5", "X.6.4\t2,5", "X.6.5\t4,5", "X.6.6\t4,5", "X.6.7\t5",
	"X.6.8\t2,5", "X.6.9\t5", "X.6.10\t2,5", "X.7.0\t2,4,5",
	"X.7.1\t4,5", "X.7.2\t5", "X.7.3\t5", "X.7.4\t5", "X.7.5\t4,5",
	"X.7.6\t4,5", "X.7.7\t2,4,5", "X.7.8\t5", "X.7.9\t5", "X.7.10\t5",
	"X.7.11\t5", "X.7.12\t4", "X.7.13\t5", "X.7.14\t5", "X.7.15\t4,5",
	"X.7.16\t4,5", "X.7.17\t5", "X.7.18\t5", "X.7.19\t5", "X.7.20\t5",
	"X.7.21\t5", "X.7.22\t5", "X.7.23\t5", "X.7.24\t4,5", "X.7.25\t5",
	"X.7.26\t5", "X.7.27\t5", "X.7.28\t4,5", "X.7.29\t5", "X.7.30\t5",
};

static void check_reply_row(int code, enum smtpreply_command cmd, int standard,
                            const char *where)
{
	char what[96];
	const smtpreply_expl *e = smtpreply_explain_code(code);
	const smtpreply_expl *c = smtpreply_explain_code_after(code, cmd);
	unsigned f = smtpreply_expl_flags(e);

	snprintf(what, sizeof what, "%s: reply %d", where, code);
	if (f & SMTPREPLY_X_FALLBACK) {
		check_failed_++;
		fprintf(stderr, "%s has no entry (fallback)\n", what);
		return;
	}
	check_passed_++;
	CHECK(f & SMTPREPLY_X_REPLY);
	CHECK_INT(smtpreply_expl_code(e), code);
	check_complete(e, what);
	/* The entry after the command its source names. */
	CHECK(!(smtpreply_expl_flags(c) & SMTPREPLY_X_FALLBACK));
	CHECK_INT(smtpreply_expl_code(c), code);
	snprintf(what, sizeof what, "%s: reply %d after %s", where, code,
	         smtpreply_command_name(cmd));
	check_complete(c, what);
	(void)standard;
}

/* Nonstandard flag: set on the general entry of codes every row calls
 * nonstandard, clear where every row calls them standard. */
static void check_standard_flags(void)
{
	size_t i, j, n = sizeof ref_replies / sizeof ref_replies[0];
	for (i = 0; i < n; i++) {
		int yes = 0, no = 0;
		unsigned f;
		for (j = 0; j < n; j++)
			if (ref_replies[j].code == ref_replies[i].code) {
				yes += ref_replies[j].standard;
				no += !ref_replies[j].standard;
			}
		f = smtpreply_expl_flags(
		    smtpreply_explain_code(ref_replies[i].code));
		if (yes && no)
			continue;
		if (!!(f & SMTPREPLY_X_NONSTANDARD) != !!no) {
			check_failed_++;
			fprintf(stderr, "reply %d: nonstandard flag %s\n",
			        ref_replies[i].code,
			        no ? "missing" : "set on a standard code");
		} else {
			check_passed_++;
		}
	}
}

/* The non-fallback entry of the walk with these flags and parts. */
static const smtpreply_expl *walk_find(unsigned flags, int k, int s, int d)
{
	size_t i, n = smtpreply_expl_count();
	for (i = 0; i < n; i++) {
		const smtpreply_expl *e = smtpreply_expl_at(i);
		int ek, es, ed;
		if ((smtpreply_expl_flags(e) &
		     (flags | SMTPREPLY_X_PROVIDER | SMTPREPLY_X_FALLBACK)) !=
		    flags)
			continue;
		if (smtpreply_expl_enhanced(e, &ek, &es, &ed) && ek == k &&
		    es == s && ed == d)
			return e;
	}
	return NULL;
}

/* One registry row: "5.XXX.YYY", "X.7.YYY", "X.7.26" and its classes. */
static void check_enhanced_row(const char *code, const char *classes,
                               const char *where)
{
	char what[96];
	int s = -1, d = -1;
	const char *c;

	snprintf(what, sizeof what, "%s: enhanced %s", where, code);
	if (strstr(code, ".XXX.YYY")) {
		const smtpreply_expl *e =
		    walk_find(SMTPREPLY_X_ENHANCED | SMTPREPLY_X_CLASS,
		              code[0] - '0', -1, -1);
		CHECK(e != NULL);
		if (e)
			check_complete(e, what);
		return;
	}
	if (sscanf(code, "X.%d.%d", &s, &d) < 1 || s < 0) {
		check_failed_++;
		fprintf(stderr, "%s: cannot read the code\n", what);
		return;
	}
	if (strstr(code, ".YYY")) {
		const smtpreply_expl *e = walk_find(
		    SMTPREPLY_X_ENHANCED | SMTPREPLY_X_SUBJECT, -1, s, -1);
		CHECK(e != NULL);
		if (e)
			check_complete(e, what);
		/* Its fallback copy, for unknown details. */
		e = smtpreply_explain_enhanced(5, s, 998);
		CHECK(smtpreply_expl_flags(e) & SMTPREPLY_X_FALLBACK);
		CHECK(smtpreply_expl_flags(e) & SMTPREPLY_X_SUBJECT);
		return;
	}
	for (c = classes; *c; c++) {
		const smtpreply_expl *e;
		int ek, es, ed;
		if (*c < '2' || *c > '5')
			continue;
		e = smtpreply_explain_enhanced(*c - '0', s, d);
		snprintf(what, sizeof what, "%s: enhanced %c.%d.%d", where, *c,
		         s, d);
		if (smtpreply_expl_flags(e) & SMTPREPLY_X_FALLBACK) {
			check_failed_++;
			fprintf(stderr, "%s has no entry (fallback)\n", what);
			continue;
		}
		check_passed_++;
		CHECK(smtpreply_expl_enhanced(e, &ek, &es, &ed));
		CHECK(ek == -1 || ek == *c - '0');
		CHECK_INT(es, s);
		CHECK_INT(ed, d);
		check_complete(e, what);
	}
}

static void check_reference_builtin(void)
{
	size_t i;
	for (i = 0; i < sizeof ref_replies / sizeof ref_replies[0]; i++)
		check_reply_row(ref_replies[i].code, ref_replies[i].cmd,
		                ref_replies[i].standard, "built-in list");
	for (i = 0; i < sizeof ref_enhanced / sizeof ref_enhanced[0]; i++) {
		char code[32];
		const char *tab = strchr(ref_enhanced[i], '\t');
		size_t n = (size_t)(tab - ref_enhanced[i]);
		memcpy(code, ref_enhanced[i], n);
		code[n] = '\0';
		check_enhanced_row(code, tab + 1, "built-in list");
	}
	check_standard_flags();
}

/* The command a reference row's source names ("RFC 4954 (AUTH)"). */
static enum smtpreply_command source_command(const char *source)
{
	if (strstr(source, "(STARTTLS)"))
		return SMTPREPLY_CMD_STARTTLS;
	if (strstr(source, "(AUTH)"))
		return SMTPREPLY_CMD_AUTH;
	if (strstr(source, "(ETRN)"))
		return SMTPREPLY_CMD_ETRN;
	if (strstr(source, "ATRN)"))
		return SMTPREPLY_CMD_ATRN;
	return SMTPREPLY_CMD_UNKNOWN;
}

/* Splits a TSV line into up to 4 columns in place. */
static int split_tsv(char *line, char **col)
{
	int n = 0;
	char *p = line;
	line[strcspn(line, "\r\n")] = '\0';
	while (n < 4) {
		col[n++] = p;
		p = strchr(p, '\t');
		if (p == NULL)
			break;
		*p++ = '\0';
	}
	return n;
}

static FILE *open_reference(const char *name, char *path, size_t size)
{
	const char *dir = getenv("SMTPREPLY_REFERENCE");
	snprintf(path, size, "%s/%s", dir && *dir ? dir : "../shared/reference",
	         name);
	return fopen(path, "r");
}

static void check_reference_files(void)
{
	char path[512], line[1024], *col[4];
	FILE *f;
	int rows;

	if ((f = open_reference("reply-codes.tsv", path, sizeof path))) {
		rows = 0;
		if (!fgets(line, sizeof line, f)) /* the header line */
			line[0] = '\0';
		while (fgets(line, sizeof line, f)) {
			if (split_tsv(line, col) < 4)
				continue;
			check_reply_row(atoi(col[0]), source_command(col[3]),
			                strcmp(col[2], "yes") == 0, path);
			rows++;
		}
		fclose(f);
		CHECK(rows > 0);
	} else {
		printf("note: %s not found; built-in list only\n", path);
	}
	if ((f = open_reference("enhanced-status-codes.tsv", path,
	                        sizeof path))) {
		rows = 0;
		if (!fgets(line, sizeof line, f))
			line[0] = '\0';
		while (fgets(line, sizeof line, f)) {
			if (split_tsv(line, col) < 3)
				continue;
			check_enhanced_row(col[0], col[2], path);
			rows++;
		}
		fclose(f);
		CHECK(rows > 0);
	} else {
		printf("note: %s not found; built-in list only\n", path);
	}
}

/* Each row of reference/provider-status-codes.tsv ("5.7.606-649",
 * "4.7.24 / 5.7.24") has its provider's entry, at both ends of a range. */
static void check_provider_file(void)
{
	char path[512], line[1024], *col[4];
	FILE *f = open_reference("provider-status-codes.tsv", path, sizeof path);
	int rows = 0;

	if (f == NULL) {
		printf("note: %s not found\n", path);
		return;
	}
	if (!fgets(line, sizeof line, f))
		line[0] = '\0';
	while (fgets(line, sizeof line, f)) {
		const char *prov, *p;
		if (split_tsv(line, col) < 4)
			continue;
		if (strstr(col[3], "Microsoft") || strstr(col[3], "Exchange"))
			prov = "microsoft";
		else if (strstr(col[1], "Gmail") || strstr(col[1], "Google") ||
		         strstr(col[3], "Google"))
			prov = "google";
		else if (strstr(col[1], "Yahoo"))
			prov = "yahoo";
		else
			continue;
		rows++;
		for (p = col[0]; *p;) {
			int k, s, d, d2 = -1, n = 0, m = 0;
			if (sscanf(p, "%d.%d.%d%n-%d%n", &k, &s, &d, &n, &d2, &m) <
			    3)
				break;
			if (sr_provider_find(prov, k, s, d) == NULL ||
			    (d2 >= 0 && sr_provider_find(prov, k, s, d2) == NULL)) {
				check_failed_++;
				fprintf(stderr, "%s: provider %s %s: no entry\n",
				        path, prov, col[0]);
			} else {
				check_passed_++;
			}
			p += d2 >= 0 ? m : n;
			while (*p == ' ' || *p == '/')
				p++;
		}
	}
	fclose(f);
	CHECK(rows > 50);
}

/* ------------------------------------------------------------------ */

static void check_fallbacks(void)
{
	const smtpreply_expl *e, *c;
	int k, s, d;
	static const int not_codes[] = {0, -1, 700, 99, 600, 1000, 42};
	size_t i;

	/* 299: the 2xx class, as a reply fallback. */
	e = smtpreply_explain_code(299);
	c = smtpreply_explain_class(299);
	CHECK_INT(smtpreply_expl_flags(e),
	          SMTPREPLY_X_REPLY | SMTPREPLY_X_CLASS | SMTPREPLY_X_FALLBACK);
	CHECK_INT(smtpreply_expl_flags(c),
	          SMTPREPLY_X_REPLY | SMTPREPLY_X_CLASS);
	CHECK(e != c);
	CHECK_STR(smtpreply_expl_text(e, SMTPREPLY_FIELD_NAME),
	          smtpreply_expl_text(c, SMTPREPLY_FIELD_NAME));
	CHECK_STR(smtpreply_expl_text(e, SMTPREPLY_FIELD_FIX),
	          smtpreply_expl_text(c, SMTPREPLY_FIELD_FIX));
	CHECK_INT(smtpreply_expl_code(e), 0);
	CHECK(!smtpreply_expl_enhanced(e, &k, &s, &d));
	CHECK(k == 0 && s == 0 && d == 0);
	CHECK(smtpreply_explain_code(199) == smtpreply_explain_code(150));
	CHECK(smtpreply_explain_code(399) != smtpreply_explain_code(499));
	CHECK(smtpreply_expl_flags(smtpreply_explain_code(599)) &
	      SMTPREPLY_X_FALLBACK);
	CHECK(smtpreply_explain_code_after(299, SMTPREPLY_CMD_RCPT) == e);

	/* Not reply codes at all. */
	for (i = 0; i < sizeof not_codes / sizeof not_codes[0]; i++) {
		e = smtpreply_explain_code(not_codes[i]);
		CHECK_INT(smtpreply_expl_flags(e),
		          SMTPREPLY_X_REPLY | SMTPREPLY_X_FALLBACK);
		CHECK(smtpreply_expl_text(e, SMTPREPLY_FIELD_NAME)[0] != '\0');
		CHECK(smtpreply_explain_class(not_codes[i]) == e);
		CHECK(smtpreply_explain_category(not_codes[i]) == e);
		CHECK(smtpreply_explain_code_after(not_codes[i],
		                                   SMTPREPLY_CMD_RCPT) == e);
	}
	CHECK(smtpreply_explain_category(560) == smtpreply_explain_code(0));
	CHECK_INT(smtpreply_expl_flags(smtpreply_explain_category(550)),
	          SMTPREPLY_X_REPLY | SMTPREPLY_X_CATEGORY);
	CHECK(smtpreply_explain_category(550) ==
	      smtpreply_explain_category(251));

	/* 5.9.9: no subject 9, the class. */
	e = smtpreply_explain_enhanced(5, 9, 9);
	CHECK_INT(smtpreply_expl_flags(e), SMTPREPLY_X_ENHANCED |
	                                       SMTPREPLY_X_CLASS |
	                                       SMTPREPLY_X_FALLBACK);
	CHECK(smtpreply_expl_enhanced(e, &k, &s, &d));
	CHECK(k == 5 && s == -1 && d == -1);
	c = walk_find(SMTPREPLY_X_ENHANCED | SMTPREPLY_X_CLASS, 5, -1, -1);
	CHECK(c != NULL && c != e);
	if (c)
		CHECK_STR(smtpreply_expl_text(e, SMTPREPLY_FIELD_DESCRIPTION),
		          smtpreply_expl_text(c, SMTPREPLY_FIELD_DESCRIPTION));
	CHECK(smtpreply_explain_enhanced(4, 9, 9) != e);
	CHECK(smtpreply_explain_enhanced(5, 1000, 0) == e);
	CHECK(smtpreply_explain_enhanced(5, -1, 0) == e);

	/* 5.7.999: no detail 999, the subject X.7. */
	e = smtpreply_explain_enhanced(5, 7, 999);
	CHECK_INT(smtpreply_expl_flags(e), SMTPREPLY_X_ENHANCED |
	                                       SMTPREPLY_X_SUBJECT |
	                                       SMTPREPLY_X_FALLBACK);
	CHECK(smtpreply_expl_enhanced(e, &k, &s, &d));
	CHECK(k == -1 && s == 7 && d == -1);
	c = walk_find(SMTPREPLY_X_ENHANCED | SMTPREPLY_X_SUBJECT, -1, 7, -1);
	CHECK(c != NULL && c != e);
	if (c)
		CHECK_STR(smtpreply_expl_text(e, SMTPREPLY_FIELD_NAME),
		          smtpreply_expl_text(c, SMTPREPLY_FIELD_NAME));
	CHECK(smtpreply_explain_enhanced(4, 7, 999) == e);
	CHECK(smtpreply_explain_enhanced(5, 7, -3) == e);
	CHECK(smtpreply_explain_enhanced(5, 7, 1000) == e);

	/* Not enhanced codes. */
	e = smtpreply_explain_enhanced(3, 1, 1);
	CHECK_INT(smtpreply_expl_flags(e),
	          SMTPREPLY_X_ENHANCED | SMTPREPLY_X_FALLBACK);
	CHECK(smtpreply_expl_text(e, SMTPREPLY_FIELD_NAME)[0] != '\0');
	CHECK(smtpreply_expl_enhanced(e, &k, &s, &d));
	CHECK(k == -1 && s == -1 && d == -1);
	CHECK(smtpreply_explain_enhanced(0, 0, 0) == e);
	CHECK(smtpreply_explain_enhanced(7, 7, 1) == e);
	CHECK(smtpreply_explain_enhanced(-1, 7, 1) == e);
	CHECK(smtpreply_explain_text("7.7.1") == e);
	CHECK(e != smtpreply_explain_code(0));
}

static void check_context(void)
{
	const smtpreply_expl *g, *a, *b;

	/* 454 after AUTH and after STARTTLS: two entries of their own. */
	g = smtpreply_explain_code(454);
	a = smtpreply_explain_code_after(454, SMTPREPLY_CMD_AUTH);
	b = smtpreply_explain_code_after(454, SMTPREPLY_CMD_STARTTLS);
	CHECK(a != b && a != g && b != g);
	CHECK(smtpreply_expl_flags(a) & SMTPREPLY_X_CONTEXTUAL);
	CHECK(smtpreply_expl_flags(b) & SMTPREPLY_X_CONTEXTUAL);
	CHECK(!(smtpreply_expl_flags(g) & SMTPREPLY_X_CONTEXTUAL));
	CHECK_STR(smtpreply_expl_text(a, SMTPREPLY_FIELD_KEY),
	          "reply 454 after AUTH");
	CHECK_STR(smtpreply_expl_text(b, SMTPREPLY_FIELD_KEY),
	          "reply 454 after STARTTLS");
	CHECK_STR(smtpreply_expl_text(g, SMTPREPLY_FIELD_KEY), "reply 454");
	CHECK_INT(smtpreply_expl_code(a), 454);
	CHECK(strcmp(smtpreply_expl_text(a, SMTPREPLY_FIELD_NAME),
	             smtpreply_expl_text(b, SMTPREPLY_FIELD_NAME)) != 0);

	/* 552 after RCPT (too many recipients / storage) and after the dot
	 * (message too big). */
	a = smtpreply_explain_code_after(552, SMTPREPLY_CMD_RCPT);
	b = smtpreply_explain_code_after(552, SMTPREPLY_CMD_DOT);
	CHECK(a != b);
	CHECK(smtpreply_expl_flags(a) & SMTPREPLY_X_CONTEXTUAL);
	CHECK(smtpreply_expl_flags(b) & SMTPREPLY_X_CONTEXTUAL);
	CHECK_STR(smtpreply_expl_text(b, SMTPREPLY_FIELD_KEY),
	          "reply 552 after DOT");

	/* 220 on connect and after STARTTLS. */
	a = smtpreply_explain_code_after(220, SMTPREPLY_CMD_GREETING);
	b = smtpreply_explain_code_after(220, SMTPREPLY_CMD_STARTTLS);
	CHECK(a != b);
	CHECK_STR(smtpreply_expl_text(b, SMTPREPLY_FIELD_KEY),
	          "reply 220 after STARTTLS");
	CHECK(smtpreply_expl_flags(b) & SMTPREPLY_X_CONTEXTUAL);

	/* No entry for that command: the general one. */
	g = smtpreply_explain_code(550);
	CHECK(smtpreply_explain_code_after(550, SMTPREPLY_CMD_UNKNOWN) == g);
	CHECK(smtpreply_explain_code_after(550, SMTPREPLY_CMD_NOOP) == g);
	CHECK(smtpreply_explain_code_after(550, (enum smtpreply_command)99) ==
	      g);
	CHECK(smtpreply_explain_code_after(550, (enum smtpreply_command)-5) ==
	      g);
	CHECK(!(smtpreply_expl_flags(g) & SMTPREPLY_X_CONTEXTUAL));
}

static void check_text_lookups(void)
{
	const smtpreply_expl *e;

	CHECK(smtpreply_explain_text("550") == smtpreply_explain_code(550));
	CHECK(smtpreply_explain_text(" 250\r\n") ==
	      smtpreply_explain_code(250));
	CHECK(smtpreply_explain_text("550 User unknown") ==
	      smtpreply_explain_code(550));
	CHECK(smtpreply_explain_text("5.7.26") ==
	      smtpreply_explain_enhanced(5, 7, 26));
	CHECK(smtpreply_explain_text("550 5.7.26") ==
	      smtpreply_explain_enhanced(5, 7, 26));
	CHECK(smtpreply_explain_text("550-5.1.1 The email account does not "
	                             "exist") ==
	      smtpreply_explain_enhanced(5, 1, 1));
	CHECK(smtpreply_explain_text("250 2.0.0 Ok: queued as 4Xy") ==
	      smtpreply_explain_enhanced(2, 0, 0));
	CHECK(smtpreply_explain_text("451 4.7.1 greylisted") ==
	      smtpreply_explain_enhanced(4, 7, 1));
	/* Enhanced code of another class: not the reply's. */
	CHECK(smtpreply_explain_text("550 4.7.1 x") ==
	      smtpreply_explain_code(550));
	CHECK(smtpreply_explain_text("5.7.999") ==
	      smtpreply_explain_enhanced(5, 7, 999));
	e = smtpreply_explain_text("X.7.1");
	CHECK(!(smtpreply_expl_flags(e) & SMTPREPLY_X_FALLBACK));
	CHECK(smtpreply_expl_flags(e) & SMTPREPLY_X_ENHANCED);
	CHECK(smtpreply_explain_text("2xx") == smtpreply_explain_class(200));
	CHECK(smtpreply_explain_text("5XX") == smtpreply_explain_class(500));
	CHECK(smtpreply_explain_text("299") == smtpreply_explain_code(299));
	e = smtpreply_explain_code(0);
	CHECK(smtpreply_explain_text(NULL) == e);
	CHECK(smtpreply_explain_text("") == e);
	CHECK(smtpreply_explain_text("hello") == e);
	CHECK(smtpreply_explain_text("5500 x") == e);
	CHECK(smtpreply_explain_text("192.168.1.1") == e);
	CHECK(smtpreply_explain_text("55") == e);
	CHECK(smtpreply_explain_text("700") == e);
	CHECK(smtpreply_explain_text("000") == e);
}

static void check_from_reply(void)
{
	struct smtpreply r;
	const smtpreply_expl *e;

	memset(&r, 0, sizeof r);
	r.code = 552;
	r.klass = 5;
	CHECK(smtpreply_explain_reply(&r, SMTPREPLY_CMD_DOT) ==
	      smtpreply_explain_code_after(552, SMTPREPLY_CMD_DOT));
	CHECK(smtpreply_explain_reply(&r, SMTPREPLY_CMD_UNKNOWN) ==
	      smtpreply_explain_code(552));
	/* No enhanced code: the enhanced class entry, as a fallback. */
	e = smtpreply_explain_reply_enhanced(&r);
	CHECK_INT(smtpreply_expl_flags(e), SMTPREPLY_X_ENHANCED |
	                                       SMTPREPLY_X_CLASS |
	                                       SMTPREPLY_X_FALLBACK);
	CHECK(e == smtpreply_explain_enhanced(5, 9, 9));
	r.enhanced.klass = 5;
	r.enhanced.subject = 3;
	r.enhanced.detail = 4;
	CHECK(smtpreply_explain_reply_enhanced(&r) ==
	      smtpreply_explain_enhanced(5, 3, 4));
	/* 3xx has no enhanced codes: the reply class. */
	memset(&r, 0, sizeof r);
	r.code = 354;
	r.klass = 3;
	e = smtpreply_explain_reply_enhanced(&r);
	CHECK(e == smtpreply_explain_code(399));
	CHECK(smtpreply_explain_reply(NULL, SMTPREPLY_CMD_RCPT) ==
	      smtpreply_explain_code(0));
	CHECK(smtpreply_expl_flags(smtpreply_explain_reply_enhanced(NULL)) &
	      SMTPREPLY_X_FALLBACK);
}

/* ------------------------------------------------------------------ */

static void check_walk(void)
{
	size_t i, j, n = smtpreply_expl_count();
	size_t replies = 0, enhanced = 0, providers = 0;

	CHECK(n > 200);
	CHECK(smtpreply_expl_at(n) == NULL);
	CHECK(smtpreply_expl_at((size_t)-1) == NULL);
	for (i = 0; i < n; i++) {
		const smtpreply_expl *e = smtpreply_expl_at(i);
		unsigned f = smtpreply_expl_flags(e);
		const char *key = smtpreply_expl_text(e, SMTPREPLY_FIELD_KEY);
		int k, s, d;
		if (e == NULL) {
			CHECK(e != NULL);
			continue;
		}
		CHECK(!(f & SMTPREPLY_X_FALLBACK));
		CHECK(!!(f & SMTPREPLY_X_REPLY) + !!(f & SMTPREPLY_X_ENHANCED) ==
		      1);
		if (!(f & SMTPREPLY_X_PROVIDER))
			check_complete(e, key);
		else
			CHECK(smtpreply_expl_text(e, SMTPREPLY_FIELD_NAME)[0] &&
			      smtpreply_expl_text(
			          e, SMTPREPLY_FIELD_DESCRIPTION)[0]);
		/* Keys are unique (the walk is in table order). */
		for (j = i + 1; j < n && j < i + 4; j++)
			CHECK(strcmp(key, smtpreply_expl_text(
			                      smtpreply_expl_at(j),
			                      SMTPREPLY_FIELD_KEY)) != 0);
		if ((f & SMTPREPLY_X_REPLY) &&
		    !(f & (SMTPREPLY_X_CLASS | SMTPREPLY_X_CATEGORY))) {
			/* Each reply entry is what its lookup returns. */
			const char *after = strstr(key, " after ");
			enum smtpreply_command cmd =
			    after ? smtpreply_command_parse(after + 7)
			          : SMTPREPLY_CMD_UNKNOWN;
			int code = smtpreply_expl_code(e);
			CHECK(code >= 100 && code <= 599);
			CHECK(!after || cmd != SMTPREPLY_CMD_UNKNOWN);
			CHECK(!!after == !!(f & SMTPREPLY_X_CONTEXTUAL));
			CHECK(smtpreply_explain_code_after(code, cmd) == e);
			CHECK(!smtpreply_expl_enhanced(e, NULL, NULL, NULL));
			replies++;
		} else if ((f & SMTPREPLY_X_ENHANCED) &&
		           !(f & SMTPREPLY_X_PROVIDER)) {
			CHECK(smtpreply_expl_enhanced(e, &k, &s, &d));
			CHECK_INT(smtpreply_expl_code(e), 0);
			if (d >= 0) {
				char text[32];
				if (k > 0)
					CHECK(smtpreply_explain_enhanced(
					          k, s, d) == e);
				snprintf(text, sizeof text, "%c.%d.%d",
				         k > 0 ? '0' + k : 'X', s, d);
				CHECK(smtpreply_explain_text(text) == e);
			}
			enhanced++;
		} else if (f & SMTPREPLY_X_PROVIDER) {
			CHECK(smtpreply_expl_enhanced(e, &k, &s, &d));
			CHECK(strncmp(key, "provider ", 9) == 0);
			providers++;
		}
	}
	CHECK(replies >= 80);
	CHECK(enhanced >= 80);
	printf("walk: %zu entries, %zu reply, %zu enhanced, %zu provider\n", n,
	       replies, enhanced, providers);
}

/* Every provider entry is found again by the internal lookup, or one of
 * the same provider that covers the code more narrowly. */
static void check_providers(void)
{
	unsigned p;
	CHECK(sr_provider_find("no-such-provider", 5, 7, 1) == NULL);
	CHECK(sr_provider_find(NULL, 5, 7, 1) == NULL);
	CHECK(sr_provider_name(sr_nprovider) == NULL);
	for (p = 0; p < sr_nprovider; p++) {
		unsigned i;
		const char *name = sr_provider_name(p);
		CHECK(sr_provider_index(name) == (int)p);
		for (i = 0; i < sr_providers[p].count; i++) {
			const struct smtpreply_expl *e =
			    &sr_expl[sr_providers[p].first + i];
			const struct smtpreply_expl *got;
			int k = e->klass < 0 ? 5 : e->klass;
			CHECK(e->kind == SR_K_PROVIDER && e->aux == p);
			/* Text-keyed entries are found through their phrases
			 * only (check_provider_text). */
			if (e->text_only) {
				CHECK(e->match != 0);
				continue;
			}
			got = sr_provider_find(name, k, e->subject, e->detail_last);
			CHECK(got != NULL);
			if (got == NULL)
				continue;
			CHECK(got->subject == e->subject &&
			      got->detail <= e->detail_last &&
			      got->detail_last >= e->detail_last);
			CHECK(got->detail_last - got->detail <=
			      e->detail_last - e->detail);
			CHECK(got->klass == k || got->klass == -1);
			CHECK(sr_provider_find(name, k, e->subject, 1000) ==
			      NULL);
		}
	}
	if (sr_provider_index("microsoft") >= 0) {
		const struct smtpreply_expl *e =
		    sr_provider_find("microsoft", 5, 7, 620);
		CHECK(e != NULL);
		if (e) {
			CHECK_INT(e->detail, 606);
			CHECK_INT(e->detail_last, 649);
			CHECK(smtpreply_expl_flags(e) & SMTPREPLY_X_PROVIDER);
		}
		e = sr_provider_find("microsoft", 5, 7, 703);
		CHECK(e != NULL && e->detail == 703 && e->detail_last == 703);
		CHECK(sr_provider_find("microsoft", 5, 7, 650) == NULL);
	}
}

/* ------------------------------------------------------------------ */

static void check_languages(void)
{
	size_t n, i;
	const smtpreply_expl *e = smtpreply_explain_code(550);

	CHECK_STR(smtpreply_language(0), "en");
	for (n = 0; smtpreply_language(n); n++)
		;
	CHECK_INT(n, sr_nlang);
	for (i = 0; i < n; i++) {
		size_t j;
		for (j = i + 1; j < n; j++)
			CHECK(strcmp(smtpreply_language(i),
			             smtpreply_language(j)) != 0);
	}
	printf("languages:");
	for (i = 0; i < n; i++)
		printf(" %s", smtpreply_language(i));
	printf("\n");

	/* Tags that mean English, or nothing we have. */
	CHECK_STR(smtpreply_language_match(NULL), "en");
	CHECK_STR(smtpreply_language_match(""), "en");
	CHECK_STR(smtpreply_language_match("C"), "en");
	CHECK_STR(smtpreply_language_match("C.UTF-8"), "en");
	CHECK_STR(smtpreply_language_match("POSIX"), "en");
	CHECK_STR(smtpreply_language_match("en"), "en");
	CHECK_STR(smtpreply_language_match("en_US"), "en");
	CHECK_STR(smtpreply_language_match("en_GB.UTF-8"), "en");
	CHECK_STR(smtpreply_language_match("EN-us"), "en");
	CHECK_STR(smtpreply_language_match("xx"), "en");
	CHECK_STR(smtpreply_language_match("xx-YY:zz"), "en");
	CHECK_STR(smtpreply_language_match("*"), "en");
	CHECK_STR(smtpreply_language_match(
	              "a-very-long-tag-that-is-no-language-at-all-x"),
	          "en");
	CHECK(smtpreply_expl_text_lang(e, SMTPREPLY_FIELD_NAME, "xx") ==
	      smtpreply_expl_text(e, SMTPREPLY_FIELD_NAME));
	CHECK(smtpreply_expl_text_lang(e, SMTPREPLY_FIELD_NAME, NULL) ==
	      smtpreply_expl_text(e, SMTPREPLY_FIELD_NAME));

	/* Every language through the spellings people use. */
	for (i = 1; i < n; i++) {
		const char *l = smtpreply_language(i);
		char t[128], u[40];
		size_t k, len = strlen(l);
		if (len >= sizeof u)
			continue;
		CHECK_STR(smtpreply_language_match(l), l);
		for (k = 0; k <= len; k++)
			u[k] = (l[k] >= 'a' && l[k] <= 'z') ? l[k] - 32 : l[k];
		CHECK_STR(smtpreply_language_match(u), l);
		for (k = 0; k <= len; k++)
			u[k] = l[k] == '-' ? '_' : l[k];
		snprintf(t, sizeof t, "%s.UTF-8", u);
		CHECK_STR(smtpreply_language_match(t), l);
		snprintf(t, sizeof t, "%s.UTF-8@euro", u);
		CHECK_STR(smtpreply_language_match(t), l);
		snprintf(t, sizeof t, "xx:%s", l);
		CHECK_STR(smtpreply_language_match(t), l);
		snprintf(t, sizeof t, "xx-YY, %s;q=0.8, en;q=0.5", l);
		CHECK_STR(smtpreply_language_match(t), l);
		if (strchr(l, '-') == NULL) {
			snprintf(t, sizeof t, "%s-ZZ", l);
			CHECK_STR(smtpreply_language_match(t), l);
			snprintf(t, sizeof t, "%s_ZZ.UTF-8", l);
			CHECK_STR(smtpreply_language_match(t), l);
		}
		snprintf(t, sizeof t, "en:%s", l);
		CHECK_STR(smtpreply_language_match(t), "en");
	}
	/* The usual ones, when they are there. */
	if (sr_lang_index("ko") > 0) {
		CHECK_STR(smtpreply_language_match("ko-KR"), "ko");
		CHECK_STR(smtpreply_language_match("ko_KR.UTF-8"), "ko");
	}
	if (sr_lang_index("ja") > 0)
		CHECK_STR(smtpreply_language_match("ja_JP.UTF-8"), "ja");
	if (sr_lang_index("fr") > 0) {
		CHECK_STR(smtpreply_language_match("fr-CA"), "fr");
		CHECK_STR(smtpreply_language_match("FR"), "fr");
	}
}

/* Each field of each record in each language: the translation where
 * there is one, else the very English string. */
static void check_translation_fallback(void)
{
	unsigned l, r, f;
	size_t translated = 0, fallen = 0, bad = 0;
	for (l = 1; l < sr_nlang; l++) {
		const char *lang = sr_pool + sr_lang_names[l];
		for (r = 0; r < sr_expl_total; r++) {
			const struct smtpreply_expl *e = &sr_expl[r];
			for (f = 0; f < SR_NFIELDS; f++) {
				const char *got = smtpreply_expl_text_lang(
				    e, (enum smtpreply_field)f, lang);
				const char *en = smtpreply_expl_text(
				    e, (enum smtpreply_field)f);
				uint32_t off =
				    f < SR_TR_FIELDS
				        ? sr_i18n[(size_t)(l - 1) *
				                      sr_expl_total +
				                  r][f]
				        : SR_NONE;
				if (off == SR_NONE) {
					bad += got != en;
					fallen++;
				} else {
					bad += got != sr_pool + off ||
					       *got == '\0';
					translated++;
				}
			}
		}
	}
	CHECK_INT(bad, 0);
	printf("translations: %zu fields translated, %zu fall back to "
	       "English\n",
	       translated, fallen);
	/* The headings in English. */
	CHECK_STR(smtpreply_heading_text(SMTPREPLY_HEADING_DESCRIPTION, NULL),
	          "Description");
	CHECK_STR(smtpreply_heading_text(SMTPREPLY_HEADING_WHEN, "en"),
	          "When you see it");
	CHECK_STR(smtpreply_heading_text(SMTPREPLY_HEADING_FIX, "xx"),
	          "How to fix");
	CHECK_STR(smtpreply_heading_text(SMTPREPLY_HEADING_WHO, "C"),
	          "Who must act");
	CHECK_STR(smtpreply_heading_text((enum smtpreply_heading)99, "en"),
	          "");
	for (r = 0; r <= SMTPREPLY_HEADING_WHO; r++)
		for (l = 0; l < sr_nlang; l++)
			CHECK(smtpreply_heading_text(
			          (enum smtpreply_heading)r,
			          sr_pool + sr_lang_names[l])[0] != '\0');
}

static void check_utf8(void)
{
	size_t off = 0, strings = 0, bad = 0;
	unsigned l, r, f;
	/* The whole pool, string by string. */
	while (off < sr_pool_size) {
		if (!utf8_valid(sr_pool + off)) {
			fprintf(stderr, "pool offset %zu: not valid UTF-8 or "
			                "control bytes: %.60s\n",
			        off, sr_pool + off);
			bad++;
		}
		strings++;
		off += strlen(sr_pool + off) + 1;
	}
	CHECK_INT(off, sr_pool_size);
	CHECK_INT(bad, 0);
	/* And as the API hands them out. */
	for (r = 0; r < sr_expl_total; r++)
		for (l = 0; l < sr_nlang; l++)
			for (f = 0; f < SR_NFIELDS; f++)
				if (!utf8_valid(sr_text(&sr_expl[r], f, l)))
					bad++;
	CHECK_INT(bad, 0);
	CHECK(utf8_valid("caf\xc3\xa9 \xed\x95\x9c"));
	CHECK(!utf8_valid("\xc0\xaf"));
	CHECK(!utf8_valid("\xed\xa0\x80"));
	CHECK(!utf8_valid("\xf4\x90\x80\x80"));
	CHECK(!utf8_valid("\xe2\x82"));
	printf("pool: %zu strings, %u bytes\n", strings,
	       (unsigned)sr_pool_size);
}

/* ------------------------------------------------------------------ */

static void check_commands(void)
{
	static const struct {
		const char *text;
		enum smtpreply_command cmd;
	} cases[] = {
		{"RCPT", SMTPREPLY_CMD_RCPT},
		{"rcpt to", SMTPREPLY_CMD_RCPT},
		{"RCPT TO:<a@example.com>", SMTPREPLY_CMD_RCPT},
		{"Rcpt", SMTPREPLY_CMD_RCPT},
		{"MAIL FROM", SMTPREPLY_CMD_MAIL},
		{"mail from:<>", SMTPREPLY_CMD_MAIL},
		{".", SMTPREPLY_CMD_DOT},
		{".\r\n", SMTPREPLY_CMD_DOT},
		{"DOT", SMTPREPLY_CMD_DOT},
		{"END-OF-DATA", SMTPREPLY_CMD_DOT},
		{"end_of_data", SMTPREPLY_CMD_DOT},
		{"DATA-END", SMTPREPLY_CMD_DOT},
		{"EOD", SMTPREPLY_CMD_DOT},
		{"end of data", SMTPREPLY_CMD_DOT},
		{"END OF MESSAGE", SMTPREPLY_CMD_DOT},
		{"end of", SMTPREPLY_CMD_UNKNOWN},
		{"end", SMTPREPLY_CMD_UNKNOWN},
		{"DATA", SMTPREPLY_CMD_DATA},
		{"GREETING", SMTPREPLY_CMD_GREETING},
		{"connect", SMTPREPLY_CMD_GREETING},
		{"Banner", SMTPREPLY_CMD_GREETING},
		{"EHLO", SMTPREPLY_CMD_EHLO},
		{"ehlo client.example", SMTPREPLY_CMD_EHLO},
		{"LHLO", SMTPREPLY_CMD_EHLO},
		{"HELO", SMTPREPLY_CMD_HELO},
		{"BDAT 100 LAST", SMTPREPLY_CMD_BDAT},
		{"RSET", SMTPREPLY_CMD_RSET},
		{"VRFY postmaster", SMTPREPLY_CMD_VRFY},
		{"EXPN list", SMTPREPLY_CMD_EXPN},
		{"HELP", SMTPREPLY_CMD_HELP},
		{"NOOP", SMTPREPLY_CMD_NOOP},
		{"QUIT\r\n", SMTPREPLY_CMD_QUIT},
		{"AUTH PLAIN AGFiYwBkZWY=", SMTPREPLY_CMD_AUTH},
		{"STARTTLS", SMTPREPLY_CMD_STARTTLS},
		{"  starttls", SMTPREPLY_CMD_STARTTLS},
		{"ETRN example.org", SMTPREPLY_CMD_ETRN},
		{"ATRN", SMTPREPLY_CMD_ATRN},
		{"", SMTPREPLY_CMD_UNKNOWN},
		{"   ", SMTPREPLY_CMD_UNKNOWN},
		{"RCPTX", SMTPREPLY_CMD_UNKNOWN},
		{"RCP", SMTPREPLY_CMD_UNKNOWN},
		{"XCLIENT", SMTPREPLY_CMD_UNKNOWN},
		{"..", SMTPREPLY_CMD_UNKNOWN},
		{"a-very-long-word-indeed", SMTPREPLY_CMD_UNKNOWN},
		{"<CRLF>.<CRLF>", SMTPREPLY_CMD_UNKNOWN},
	};
	size_t i;
	int c;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum smtpreply_command got =
		    smtpreply_command_parse(cases[i].text);
		if (got != cases[i].cmd) {
			check_failed_++;
			fprintf(stderr, "command_parse(\"%s\") is %d, want %d\n",
			        cases[i].text, (int)got, (int)cases[i].cmd);
		} else {
			check_passed_++;
		}
	}
	CHECK_INT(smtpreply_command_parse(NULL), SMTPREPLY_CMD_UNKNOWN);
	CHECK_STR(smtpreply_command_name(SMTPREPLY_CMD_RCPT), "RCPT");
	CHECK_STR(smtpreply_command_name(SMTPREPLY_CMD_STARTTLS), "STARTTLS");
	CHECK_STR(smtpreply_command_name(SMTPREPLY_CMD_DOT), "DOT");
	CHECK_STR(smtpreply_command_name(SMTPREPLY_CMD_UNKNOWN), "UNKNOWN");
	CHECK_STR(smtpreply_command_name((enum smtpreply_command)99),
	          "UNKNOWN");
	CHECK_STR(smtpreply_command_name((enum smtpreply_command)-1),
	          "UNKNOWN");
	for (c = 0; c <= SMTPREPLY_CMD_ATRN; c++)
		CHECK_INT(smtpreply_command_parse(smtpreply_command_name(
		              (enum smtpreply_command)c)),
		          c);
}

static void check_reasons(void)
{
	int r;
	CHECK_STR(smtpreply_reason_name(SMTPREPLY_REASON_USER_UNKNOWN),
	          "user_unknown");
	CHECK_STR(smtpreply_reason_name(SMTPREPLY_REASON_EXPIRED), "expired");
	CHECK_STR(smtpreply_reason_name(SMTPREPLY_REASON_NONE), "none");
	CHECK_STR(smtpreply_reason_name((enum smtpreply_reason)
	                                    SMTPREPLY_REASON_COUNT),
	          "");
	CHECK_STR(smtpreply_reason_text((enum smtpreply_reason)-1, "en"), "");
	CHECK_INT(smtpreply_reason_party((enum smtpreply_reason)99),
	          SMTPREPLY_PARTY_NONE);
	for (r = 0; r < SMTPREPLY_REASON_COUNT; r++) {
		size_t l;
		int p = smtpreply_reason_party((enum smtpreply_reason)r);
		CHECK(smtpreply_reason_name((enum smtpreply_reason)r)[0]);
		CHECK(p >= SMTPREPLY_PARTY_NONE &&
		      p <= SMTPREPLY_PARTY_RECIPIENT_ADMIN);
		for (l = 0; smtpreply_language(l); l++)
			CHECK(smtpreply_reason_text((enum smtpreply_reason)r,
			                            smtpreply_language(l))[0]);
	}
	/* The records behind them (for classify.c and the CLI). */
	CHECK(sr_reason_record(SMTPREPLY_REASON_COUNT) == NULL);
	CHECK(sr_action_record(SMTPREPLY_ACTION_FAIL + 1) == NULL);
	for (r = 0; r < SMTPREPLY_REASON_COUNT; r++) {
		const struct smtpreply_expl *e = sr_reason_record((unsigned)r);
		CHECK(e != NULL && e->kind == SR_K_REASON);
		if (e == NULL)
			continue;
		CHECK(sr_text(e, SMTPREPLY_FIELD_DESCRIPTION, 0)[0] != '\0');
		CHECK(e->klass == -1 || e->klass == SMTPREPLY_ACTION_RETRY ||
		      e->klass == SMTPREPLY_ACTION_FAIL);
		CHECK_STR(sr_text(e, SMTPREPLY_FIELD_NAME, 0),
		          smtpreply_reason_text((enum smtpreply_reason)r, NULL));
	}
	for (r = 0; r <= SMTPREPLY_ACTION_FAIL; r++) {
		const struct smtpreply_expl *e = sr_action_record((unsigned)r);
		CHECK(e != NULL && e->kind == SR_K_ACTION);
		if (e == NULL)
			continue;
		CHECK(sr_text(e, SMTPREPLY_FIELD_NAME, 0)[0] != '\0');
		CHECK(sr_text(e, SMTPREPLY_FIELD_DESCRIPTION, 0)[0] != '\0');
	}
	CHECK_STR(smtpreply_party_name(SMTPREPLY_PARTY_NONE), "none");
	CHECK_STR(smtpreply_party_name(SMTPREPLY_PARTY_SENDER), "sender");
	CHECK_STR(smtpreply_party_name(SMTPREPLY_PARTY_SENDER_ADMIN),
	          "sender_admin");
	CHECK_STR(smtpreply_party_name(SMTPREPLY_PARTY_RECIPIENT_ADMIN),
	          "recipient_admin");
	CHECK_STR(smtpreply_party_name((enum smtpreply_party)9), "");
	CHECK_STR(smtpreply_action_name(SMTPREPLY_ACTION_SUCCESS), "success");
	CHECK_STR(smtpreply_action_name(SMTPREPLY_ACTION_CONTINUE),
	          "continue");
	CHECK_STR(smtpreply_action_name(SMTPREPLY_ACTION_RETRY), "retry");
	CHECK_STR(smtpreply_action_name(SMTPREPLY_ACTION_FAIL), "fail");
	CHECK_STR(smtpreply_action_name((enum smtpreply_action)4), "");
}

static void check_null_safety(void)
{
	int k = 7, s = 7, d = 7;
	CHECK_STR(smtpreply_expl_text(NULL, SMTPREPLY_FIELD_NAME), "");
	CHECK_STR(smtpreply_expl_text_lang(NULL, SMTPREPLY_FIELD_NAME, "fr"),
	          "");
	CHECK_STR(smtpreply_expl_text(smtpreply_explain_code(550),
	                              (enum smtpreply_field)6),
	          "");
	CHECK_STR(smtpreply_expl_text(smtpreply_explain_code(550),
	                              (enum smtpreply_field)-1),
	          "");
	CHECK_INT(smtpreply_expl_flags(NULL), 0);
	CHECK_INT(smtpreply_expl_code(NULL), 0);
	CHECK(!smtpreply_expl_enhanced(NULL, &k, &s, &d));
	CHECK(k == 0 && s == 0 && d == 0);
}

/* ---------------------------------------------------------------------
 * Issue 14: regressions of the December 2026 review, one per defect
 * class, and the comparison-page API.
 * --------------------------------------------------------------------- */

static int parse_str(const char *text, struct smtpreply *r)
{
	return smtpreply_parse(text, strlen(text), NULL, r) > 0;
}

/* Defect class "wrong action or party for a code". */
static void check_review_parties(void)
{
	static const struct {
		const char *reply;
		enum smtpreply_command cmd;
		enum smtpreply_action action;
		enum smtpreply_party party;
	} cases[] = {
		/* 1: client log codes, not replies: retry, the sender's side */
		{"101 Network is unreachable\r\n", SMTPREPLY_CMD_UNKNOWN,
		 SMTPREPLY_ACTION_RETRY, SMTPREPLY_PARTY_SENDER_ADMIN},
		{"111 Connection refused\r\n", SMTPREPLY_CMD_UNKNOWN,
		 SMTPREPLY_ACTION_RETRY, SMTPREPLY_PARTY_SENDER_ADMIN},
		/* 14: Postfix's non-FQDN HELO at RCPT is the sender's (a HELO
		 * rule, POLICY, about the client's own name); a rule about the
		 * recipient stays the receiver's */
		{"504 5.5.2 <PC-01>: Helo command rejected: need fully-qualified "
		 "hostname\r\n",
		 SMTPREPLY_CMD_RCPT, SMTPREPLY_ACTION_FAIL,
		 SMTPREPLY_PARTY_SENDER_ADMIN},
		{"501 5.7.1 <ws01>: Helo command rejected: Host name not allowed\r\n",
		 SMTPREPLY_CMD_EHLO, SMTPREPLY_ACTION_FAIL,
		 SMTPREPLY_PARTY_SENDER_ADMIN},
		{"550 5.7.1 <user@example.com>... Access denied\r\n",
		 SMTPREPLY_CMD_RCPT, SMTPREPLY_ACTION_FAIL,
		 SMTPREPLY_PARTY_RECIPIENT_ADMIN},
		/* 16: external forwarding blocked by the sender's own tenant */
		{"550 5.7.520 Access denied, Your organization does not allow "
		 "external forwarding. Please contact your administrator for "
		 "further assistance. AS(7555)\r\n",
		 SMTPREPLY_CMD_RCPT, SMTPREPLY_ACTION_FAIL,
		 SMTPREPLY_PARTY_SENDER_ADMIN},
		/* 23: the mail-client user turns on AUTH or STARTTLS */
		{"530 5.7.0 Must issue a STARTTLS command first. - gsmtp\r\n",
		 SMTPREPLY_CMD_MAIL, SMTPREPLY_ACTION_FAIL, SMTPREPLY_PARTY_SENDER},
		{"530 5.7.0 Authentication required\r\n", SMTPREPLY_CMD_MAIL,
		 SMTPREPLY_ACTION_FAIL, SMTPREPLY_PARTY_SENDER},
		/* 24: a timeout or refused connection: check your side first */
		{"421 4.4.2 mx.example.org Error: timeout exceeded\r\n",
		 SMTPREPLY_CMD_DATA, SMTPREPLY_ACTION_RETRY,
		 SMTPREPLY_PARTY_SENDER_ADMIN},
		/* 25: Yahoo's policy refusal and Postfix's "not owned by user" */
		{"554 5.7.9 Message not accepted for policy reasons. See "
		 "https://senders.yahooinc.com/error-codes\r\n",
		 SMTPREPLY_CMD_DOT, SMTPREPLY_ACTION_FAIL,
		 SMTPREPLY_PARTY_SENDER_ADMIN},
		{"553 5.7.1 <a@example.org>: Sender address rejected: not owned "
		 "by user b@example.org\r\n",
		 SMTPREPLY_CMD_RCPT, SMTPREPLY_ACTION_FAIL, SMTPREPLY_PARTY_SENDER},
		/* 17: Yahoo's TSS04 deferral is the sender's reputation */
		{"421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred "
		 "due to unexpected volume or user complaints - 4.16.55.1; see "
		 "https://postmaster.yahooinc.com/error-codes\r\n",
		 SMTPREPLY_CMD_RCPT, SMTPREPLY_ACTION_RETRY,
		 SMTPREPLY_PARTY_SENDER_ADMIN},
	};
	size_t i;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct smtpreply r;
		CHECK(parse_str(cases[i].reply, &r));
		CHECK_INT(smtpreply_action(&r, cases[i].cmd), cases[i].action);
		CHECK_INT(smtpreply_reply_party(&r, cases[i].cmd), cases[i].party);
	}
	/* 26: web-list codes have a reason even with no text. */
	{
		static const struct {
			const char *reply;
			enum smtpreply_reason reason;
		} web[] = {
			{"511\r\n", SMTPREPLY_REASON_USER_UNKNOWN},
			{"512\r\n", SMTPREPLY_REASON_DOMAIN_UNKNOWN},
			{"571\r\n", SMTPREPLY_REASON_POLICY},
			{"431\r\n", SMTPREPLY_REASON_SERVER_ERROR},
			{"441\r\n", SMTPREPLY_REASON_NETWORK},
			{"442\r\n", SMTPREPLY_REASON_NETWORK},
			{"447\r\n", SMTPREPLY_REASON_EXPIRED},
			/* 27: a bare code with several meanings is not guessed */
			{"452\r\n", SMTPREPLY_REASON_UNKNOWN},
			{"552\r\n", SMTPREPLY_REASON_UNKNOWN},
			{"523\r\n", SMTPREPLY_REASON_UNKNOWN},
		};
		for (i = 0; i < sizeof web / sizeof web[0]; i++) {
			struct smtpreply r;
			CHECK(parse_str(web[i].reply, &r));
			CHECK_INT(smtpreply_reason(&r, SMTPREPLY_CMD_UNKNOWN),
			          web[i].reason);
		}
	}
	/* 1: 1xx has no category (SMTP defines no 1xx reply). */
	CHECK(smtpreply_expl_flags(smtpreply_explain_category(101)) &
	      SMTPREPLY_X_FALLBACK);
	CHECK(strcmp(smtpreply_expl_text(smtpreply_explain_category(101),
	                                 SMTPREPLY_FIELD_KEY),
	             "reply invalid") == 0);
}

/* The provider entry a reply finds, by its key. */
static const char *provider_key(const char *text)
{
	struct smtpreply r;
	const smtpreply_expl *e;
	if (!parse_str(text, &r))
		return "(no parse)";
	e = smtpreply_explain_provider(&r);
	return e ? smtpreply_expl_text(e, SMTPREPLY_FIELD_KEY) : "(none)";
}

/* Defect class "titles that contradict the entry or the reply": the
 * entry shown for a real reply must be the one about its cause. */
static void check_review_titles(void)
{
	const char *name;
	/* 2: 452 after RCPT covers storage too (Gmail's 4.2.2). */
	name = smtpreply_expl_text(
	    smtpreply_explain_code_after(452, SMTPREPLY_CMD_RCPT),
	    SMTPREPLY_FIELD_NAME);
	CHECK(strstr(name, "too many recipients") != NULL);
	CHECK(strstr(name, "storage") != NULL);
	/* 5, 15-19: the replies people paste most find their entry. */
	CHECK_STR(provider_key("535 5.7.3 Authentication unsuccessful "
	                       "[BN0PR04CA0011.namprd04.prod.outlook.com]\r\n"),
	          "provider microsoft 5.7.3");
	CHECK_STR(provider_key("535 5.7.139 Authentication unsuccessful, "
	                       "SmtpClientAuthentication is disabled for the "
	                       "Tenant. Visit https://aka.ms/smtp_auth_disabled "
	                       "for more information.\r\n"),
	          "provider microsoft 5.7.139");
	CHECK_STR(provider_key("550 5.7.520 Access denied, Your organization "
	                       "does not allow external forwarding. AS(7555)\r\n"),
	          "provider microsoft 5.7.520");
	CHECK_STR(provider_key("550 5.7.1 Unfortunately, messages from "
	                       "[192.0.2.1] weren't sent. Please contact your "
	                       "Internet service provider since part of their "
	                       "network is on our block list (S3150).\r\n"),
	          "provider microsoft 5.7.1 s3150");
	CHECK_STR(provider_key("421 4.7.0 [TSS04] Messages from 192.0.2.1 "
	                       "temporarily deferred due to unexpected volume "
	                       "or user complaints\r\n"),
	          "provider yahoo 4.7.0");
	/* The phrase runs across Gmail's wrapped lines. */
	CHECK_STR(provider_key("550-5.7.1 [192.0.2.1] The IP you're using to "
	                       "send mail is not authorized to\r\n"
	                       "550-5.7.1 send email directly to our servers. "
	                       "Please use the SMTP relay at your\r\n"
	                       "550 5.7.1 service provider instead. - gsmtp\r\n"),
	          "provider google 5.7.1 direct");
	/* A text-keyed entry does not capture other replies of its code. */
	CHECK_STR(provider_key("550 5.7.1 [192.0.2.1] Our system has detected "
	                       "that this message is likely unsolicited mail. - "
	                       "gsmtp\r\n"),
	          "(none)");
	/* 3: second digit, not third. */
	CHECK(strstr(smtpreply_expl_text(smtpreply_explain_category(530),
	                                 SMTPREPLY_FIELD_FIX),
	             "53x") != NULL);
	/* 4: the first-digit rule of RFC 5321's grammar. */
	CHECK(strstr(smtpreply_expl_text(smtpreply_explain_code(699),
	                                 SMTPREPLY_FIELD_DESCRIPTION),
	             "2 to 5") != NULL);
	/* 7: SPF is checked on the envelope domain. */
	CHECK(strstr(smtpreply_expl_text(smtpreply_explain_enhanced(5, 7, 26),
	                                 SMTPREPLY_FIELD_FIX),
	             "envelope") != NULL);
}

/* Defect class "fallbacks said plainly". */
static void check_review_fallbacks(void)
{
	static const struct {
		const char *code;
		const char *shown; /* key of the entry shown */
	} cases[] = {
		{"5.1.999", "enhanced X.1"},
		{"5.9.9", "enhanced 5"},
		{"599", "class 5"},
	};
	const char *langs[] = {"en", "ko", "ja", "fr"};
	char buf[512];
	size_t i, l;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const smtpreply_expl *e = smtpreply_explain_text(cases[i].code);
		CHECK(smtpreply_expl_flags(e) & SMTPREPLY_X_FALLBACK);
		CHECK_STR(smtpreply_expl_text(e, SMTPREPLY_FIELD_KEY),
		          cases[i].shown);
		for (l = 0; l < 4; l++) {
			size_t n = smtpreply_fallback_text(buf, sizeof buf,
			                                   cases[i].code, e, langs[l]);
			CHECK(n > 0 && n < sizeof buf);
			CHECK(strstr(buf, cases[i].code) != NULL);
			CHECK(strstr(buf, smtpreply_expl_text_lang(
			                      e, SMTPREPLY_FIELD_NAME, langs[l])) != NULL);
		}
	}
	/* Not a fallback: nothing to say, and an empty buffer. */
	buf[0] = 'x';
	CHECK(smtpreply_fallback_text(buf, sizeof buf, "250",
	                              smtpreply_explain_code(250), "en") == 0);
	CHECK(buf[0] == '\0');
	CHECK(smtpreply_fallback_text(NULL, 0, "x", NULL, "en") == 0);
}

/* Defect class "compare parts in each language with the exact headings". */
static void check_compare(void)
{
	static const struct {
		const char *lang;
		const char *h[5]; /* description, when, fix, differences, which */
	} pages[] = {
		{"en", {"Description", "When you see it", "How to fix",
		        "Key differences", "When to use which"}},
		{"ko", {"설명", "이 코드를 보게 되는 경우", "해결 방법", "주요 차이점",
		        "언제 어떤 것을 사용할지"}},
		{"ja", {"説明", "このコードが表示される場合", "解決方法", "主な違い",
		        "どちらをいつ使うか"}},
		{"fr", {"Description", "Quand vous le voyez", "Comment résoudre",
		        "Différences clés", "Quand utiliser lequel"}},
	};
	static const enum smtpreply_heading hs[5] = {
		SMTPREPLY_HEADING_DESCRIPTION, SMTPREPLY_HEADING_WHEN,
		SMTPREPLY_HEADING_FIX, SMTPREPLY_HEADING_DIFFERENCES,
		SMTPREPLY_HEADING_WHICH};
	struct smtpreply ra, rb;
	struct smtpreply_side a, b;
	char buf[4096], small[8];
	size_t p, i, n;

	CHECK(parse_str("235 2.7.0 Authentication successful\r\n", &ra));
	CHECK(parse_str("500 5.5.2 Syntax error\r\n", &rb));
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	a.reply = &ra;
	b.reply = &rb;
	for (p = 0; p < sizeof pages / sizeof pages[0]; p++) {
		const char *lang = pages[p].lang;
		for (i = 0; i < 5; i++)
			CHECK_STR(smtpreply_heading_text(hs[i], lang), pages[p].h[i]);
		n = smtpreply_compare_text(buf, sizeof buf, &a, &b,
		                           SMTPREPLY_COMPARE_TITLE, 0, lang);
		CHECK(n > 0 && strstr(buf, "235") && strstr(buf, "500") &&
		      strstr(buf, " vs "));
		CHECK(strstr(buf, smtpreply_expl_text_lang(
		                      smtpreply_explain_code(500),
		                      SMTPREPLY_FIELD_NAME, lang)) != NULL);
		n = smtpreply_compare_text(buf, sizeof buf, &a, &b,
		                           SMTPREPLY_COMPARE_SUMMARY, 0, lang);
		CHECK(n > 0 && strstr(buf, "2xx") && strstr(buf, "5xx"));
		/* Key differences: classes, two meanings, two whens, two
		 * actions; each point names its code. */
		for (i = 0; smtpreply_compare_text(buf, sizeof buf, &a, &b,
		                                   SMTPREPLY_COMPARE_POINT, i, lang);
		     i++)
			CHECK(strstr(buf, i == 0 || i % 2 == 1 ? "235" : "500") !=
			      NULL);
		CHECK_INT(i, 7);
		/* When to use which: each side's fix. */
		for (i = 0; i < 2; i++) {
			const smtpreply_expl *e = smtpreply_explain_code(i ? 500 : 235);
			CHECK(smtpreply_compare_text(buf, sizeof buf, &a, &b,
			                             SMTPREPLY_COMPARE_WHICH, i, lang));
			CHECK(strstr(buf, smtpreply_expl_text_lang(
			                      e, SMTPREPLY_FIELD_FIX, lang)) != NULL);
		}
		CHECK(smtpreply_compare_text(buf, sizeof buf, &a, &b,
		                             SMTPREPLY_COMPARE_WHICH, 2, lang) == 0);
	}
	/* One class: the first point says so; bare enhanced codes have no
	 * action point. */
	a.reply = NULL;
	a.entry = smtpreply_explain_enhanced(5, 1, 1);
	a.label = "5.1.1";
	b.reply = NULL;
	b.entry = smtpreply_explain_enhanced(5, 7, 1);
	b.label = "5.7.1";
	CHECK(smtpreply_compare_text(buf, sizeof buf, &a, &b,
	                             SMTPREPLY_COMPARE_POINT, 0, "en"));
	CHECK(strstr(buf, "Both 5.1.1 and 5.7.1") != NULL);
	CHECK(smtpreply_compare_text(buf, sizeof buf, &a, &b,
	                             SMTPREPLY_COMPARE_POINT, 5, "en") == 0);
	/* snprintf contract: the length is whole, the cut is clean UTF-8. */
	n = smtpreply_compare_text(NULL, 0, &a, &b, SMTPREPLY_COMPARE_TITLE, 0,
	                           "ja");
	CHECK(n > sizeof small);
	CHECK(smtpreply_compare_text(small, sizeof small, &a, &b,
	                             SMTPREPLY_COMPARE_TITLE, 0, "ja") == n);
	CHECK(strlen(small) < sizeof small);
	CHECK(smtpreply_compare_text(buf, sizeof buf, NULL, NULL,
	                             SMTPREPLY_COMPARE_TITLE, 0, "en") > 0);
	CHECK(smtpreply_compare_text(buf, sizeof buf, &a, &b,
	                             (enum smtpreply_compare_part)99, 0, "en") == 0);
}

int main(void)
{
	check_reference_builtin();
	check_reference_files();
	check_provider_file();
	check_fallbacks();
	check_context();
	check_text_lookups();
	check_from_reply();
	check_walk();
	check_providers();
	check_languages();
	check_translation_fallback();
	check_utf8();
	check_commands();
	check_reasons();
	check_null_safety();
	check_review_parties();
	check_review_titles();
	check_review_fallbacks();
	check_compare();
	return check_report();
}
