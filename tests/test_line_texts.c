/* test_line_texts.c - the table of a reply's lines that the reason scan
 * and the rules read (sr_line_texts, src/internal.h).
 *
 * sr_line_texts takes a parsed reply's first and last line from
 * first_line and last_line and reads the lines between through the prefix
 * they repeat (the first line's code, '-' and stripped enhanced code)
 * where it can: it must give exactly the lines smtpreply_next_line gives
 * (sr_line_text's walk from raw), or 0 when there are more than the table
 * holds. Checked on:
 *  - every reply of tests/classify/corpus.tsv, world/<id>.tsv and
 *    context.tsv (the replies the classifier is judged on);
 *  - tests/data/line-texts.tsv: replies chosen at the prefix's edges (an
 *    enhanced code written another way on a later line, another code, a
 *    code-less line, a line of just the code, bare LF, CR in the text...);
 *  - 20,000 replies made here from a fixed seed, mixing those lines;
 *  - structs whose first_line or last_line do not lie in raw, or whose
 *    enhanced code is not the one cut from the first line (filled by
 *    hand): the plain walk's lines. */
#include "check.h"
#include "xorshift.h"
#include "row_escape.h"
#include "../src/internal.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

enum { MAX = 16 };

/* sr_line_texts against the iterator; what: for the message. With ends,
 * the first and last line against first_line and last_line instead (a
 * struct changed by hand after the parse, whose first_line and last_line
 * sr_line_texts takes as they are, as smtpreply_line does). */
static int lines_are(const struct smtpreply *r, const char *what, int ends)
{
	struct smtpreply_str got[MAX], t;
	struct smtpreply_iter it = {0, 0};
	size_t n = sr_line_texts(r, got, MAX), k = 0;

	if (r->nlines > MAX) {
		if (n != 0) {
			fprintf(stderr, "%s: %zu lines, got %zu\n", what,
			        r->nlines, n);
			return 0;
		}
		return 1;
	}
	while (smtpreply_next_line(r, &it, &t)) {
		if (ends && k == 0)
			t = r->first_line;
		else if (ends && k + 1 == r->nlines)
			t = r->last_line;
		if (k >= n || got[k].ptr != t.ptr || got[k].len != t.len) {
			fprintf(stderr, "%s: line %zu differs (\"%.*s\")\n",
			        what, k, (int)t.len, t.ptr);
			return 0;
		}
		k++;
	}
	if (k != n) {
		fprintf(stderr, "%s: %zu lines, got %zu\n", what, k, n);
		return 0;
	}
	return 1;
}

static int same_lines(const struct smtpreply *r, const char *what)
{
	return lines_are(r, what, 0);
}

static size_t tried;

/* One reply's bytes: parsed, then compared; the bytes that are no reply
 * (a row whose reply the parser refuses) are skipped. */
static void check_reply(const char *buf, size_t len, const char *what)
{
	struct smtpreply r;

	if (smtpreply_parse(buf, len, NULL, &r) <= 0)
		return;
	tried++;
	CHECK(same_lines(&r, what));
}

/* The reply column (the second) of every row of a TSV file. */
static void check_file(const char *path)
{
	static char line[70000], raw[70000];
	FILE *f = fopen(path, "r");
	int no = 0;

	if (f == NULL) {
		fprintf(stderr, "cannot read %s\n", path);
		CHECK(0);
		return;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		char *tab = strchr(line, '\t'), *end, what[300];
		no++;
		if (line[0] == '#' || tab == NULL || no == 1)
			continue;
		end = strchr(tab + 1, '\t');
		if (end == NULL)
			end = tab + 1 + strcspn(tab + 1, "\n");
		snprintf(what, sizeof what, "%s:%d", path, no);
		check_reply(raw, unescape_row(tab + 1, (size_t)(end - tab - 1), raw),
		            what);
	}
	fclose(f);
}

static void check_world(void)
{
	DIR *d = opendir("tests/classify/world");
	struct dirent *e;

	CHECK(d != NULL);
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char path[1024];
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".tsv") != 0)
			continue;
		snprintf(path, sizeof path, "tests/classify/world/%s", e->d_name);
		check_file(path);
	}
	closedir(d);
}

/* The same replies on every run (tests/xorshift.h). */
static struct xorshift rng = {0x5eed6ull};
static unsigned pick(unsigned n)
{
	return xorshift_pick(&rng, n);
}

/* Replies of 2 to 18 lines: mostly the first line's code and enhanced
 * code repeated, sometimes another, none, another spelling, no space after
 * it, a code-less line, a line of just the code, SP as a later separator,
 * LF or CR CR LF as a line end. */
static void check_generated(void)
{
	static const char *const codes[] = {"550", "551", "450", "554",
	                                    "421", "250", "553"};
	static const char *const enhs[] = {"5.7.1",   "5.1.1",  "4.7.1",
	                                   "5.01.1",  "5.7.26", "4.7.650",
	                                   "5.4.310", "5.7.1000", "2.0.0", ""};
	static const char *const texts[] = {
	    "User unknown", "mailbox full", "", " ", "Rejected by policy",
	    "5.7.1", "x", "\t tab", "5.7.1 again", "-", "550 inner"};
	static const char *const ends[] = {"\r\n", "\r\n", "\r\n", "\r\n",
	                                   "\r\n", "\n",   "\r\r\n"};
	char buf[4096], what[64];

	for (int i = 0; i < 20000; i++) {
		unsigned n = 2 + pick(17);
		const char *code = codes[pick(7)], *enh = enhs[pick(10)];
		size_t len = 0;
		for (unsigned k = 0; k < n; k++) {
			int last = k == n - 1;
			const char *c = last || pick(10) ? code : codes[pick(7)];
			const char *e = pick(8) ? enh : enhs[pick(10)];
			const char *sep = last ? " " : (pick(12) ? "-" : " ");
			unsigned shape = pick(25);
			if (shape == 0) /* code-less */
				len += (size_t)snprintf(buf + len, sizeof buf - len,
				                        "%s", texts[pick(11)]);
			else if (shape == 1) /* just the code */
				len += (size_t)snprintf(buf + len, sizeof buf - len,
				                        "%s", c);
			else
				len += (size_t)snprintf(
				    buf + len, sizeof buf - len, "%s%s%s%s%s", c,
				    sep, e, *e && pick(12) ? " " : "", texts[pick(11)]);
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%s",
			                        ends[pick(7)]);
		}
		snprintf(what, sizeof what, "generated %d", i);
		check_reply(buf, len, what);
	}
}

/* A struct filled by hand: first_line or last_line elsewhere than raw, or
 * out of order. The lines then are the plain walk's (raw from its start),
 * the iterator's too. */
static void check_by_hand(void)
{
	static const char text[] = "550-5.7.1 a\r\n550-5.7.1 b\r\n550 5.7.1 c\r\n";
	static const char other[] = "elsewhere";
	struct smtpreply r;

	CHECK(smtpreply_parse(text, sizeof text - 1, NULL, &r) > 0);
	CHECK_INT((long)r.nlines, 3);
	CHECK(same_lines(&r, "parsed"));
	r.first_line.ptr = other;
	CHECK(same_lines(&r, "first_line elsewhere"));
	CHECK(smtpreply_parse(text, sizeof text - 1, NULL, &r) > 0);
	r.last_line.ptr = other;
	CHECK(same_lines(&r, "last_line elsewhere"));
	CHECK(smtpreply_parse(text, sizeof text - 1, NULL, &r) > 0);
	r.last_line = r.first_line; /* before the first line's end */
	r.first_line.ptr = text + 20;
	CHECK(same_lines(&r, "out of order"));
	/* Another enhanced code than the one the first line's text was cut
	 * after: the middle line keeps its code (the walk strips only the
	 * reply's). */
	CHECK(smtpreply_parse(text, sizeof text - 1, NULL, &r) > 0);
	r.enhanced.detail = 2;
	CHECK(lines_are(&r, "another enhanced code", 1));
	r.enhanced.klass = 0;
	CHECK(lines_are(&r, "no enhanced code", 1));
}

int main(void)
{
	check_file("tests/classify/corpus.tsv");
	check_file("tests/classify/context.tsv");
	check_world();
	check_file("tests/data/line-texts.tsv");
	check_generated();
	check_by_hand();
	/* The files were read (a missing directory would pass quietly). */
	CHECK(tried > 20000 + 400);
	return check_report();
}
