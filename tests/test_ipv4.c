/* test_ipv4.c - names_ipv4 and names_internal_ipv4 (src/classify.c), the
 * rules' question whether a reply's text names an IPv4 address: four
 * dot-separated numbers of one to three digits, not part of a longer
 * dotted run (a '.' after them then a digit; a '.' then anything else
 * ends a sentence) (the internal one: 127/8, 10/8, 172.16/12,
 * 192.168/16).
 *
 * The library finds the places where a number starts 16 bytes at a time
 * (SSE2) and reads only those; this test holds its answers to a plain
 * byte-at-a-time reading of the same definition, written here:
 *  - on fixed texts at the definition's edges (tests/data/ipv4.tsv: the
 *    reply, then the two answers it must get);
 *  - on 30,000 generated replies of one to four lines whose runs of
 *    digits and dots fall across every place of the 16-byte blocks, of
 *    lines shorter and longer than a block, with letters, spaces and
 *    brackets between them.
 * Through the hook sr_names_ipv4() (linked statically). */
#include "check.h"
#include "xorshift.h"
#include "row_escape.h"
#include "smtpreply.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sr_names_ipv4(const struct smtpreply *reply, int internal);

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* The definition, one byte at a time over one line's text. */
static int line_names(const unsigned char *p, size_t n, int internal)
{
	for (size_t i = 0; i < n; i++) {
		size_t j = i;
		int parts = 0;
		unsigned v[4] = {0, 0, 0, 0};
		if (!is_digit(p[i]) ||
		    (i > 0 && (is_digit(p[i - 1]) || p[i - 1] == '.')))
			continue;
		while (parts < 4) {
			size_t d = 0;
			unsigned x = 0;
			while (j < n && is_digit(p[j]) && d < 4)
				x = x * 10 + (unsigned)(p[j] - '0'), j++, d++;
			if (d == 0 || d > 3)
				break;
			v[parts++] = x;
			if (parts == 4 || j >= n || p[j] != '.')
				break;
			j++;
		}
		if (parts == 4 &&
		    (j >= n || (!is_digit(p[j]) &&
		                (p[j] != '.' || j + 1 >= n || !is_digit(p[j + 1])))) &&
		    (!internal || v[0] == 127 || v[0] == 10 ||
		     (v[0] == 192 && v[1] == 168) ||
		     (v[0] == 172 && v[1] >= 16 && v[1] <= 31)))
			return 1;
	}
	return 0;
}

static int want_names(const struct smtpreply *r, int internal)
{
	struct smtpreply_iter it = {0, 0};
	struct smtpreply_str t;

	while (smtpreply_next_line(r, &it, &t))
		if (line_names((const unsigned char *)t.ptr, t.len, internal))
			return 1;
	return 0;
}

static size_t tried, named;

/* One reply against the definition; want: -1 none given, else the two
 * answers expected (bit 0 any address, bit 1 an internal one). */
static void check_reply(const char *buf, size_t len, int want,
                        const char *what)
{
	struct smtpreply r;

	if (smtpreply_parse(buf, len, NULL, &r) <= 0) {
		if (want >= 0) {
			fprintf(stderr, "%s: not a reply\n", what);
			CHECK(0);
		}
		return;
	}
	tried++;
	for (int internal = 0; internal <= 1; internal++) {
		int got = sr_names_ipv4(&r, internal);
		int def = want_names(&r, internal);
		named += (size_t)def;
		if (got != def ||
		    (want >= 0 && got != ((want >> internal) & 1))) {
			fprintf(stderr, "%s (internal %d): got %d, the "
			        "definition %d, the file %d\n", what, internal,
			        got, def, want >= 0 ? (want >> internal) & 1 : -1);
			CHECK(0);
		}
	}
}

/* tests/data/ipv4.tsv: reply, any (0/1), internal (0/1), why. */
static void check_file(const char *path)
{
	static char line[8192], raw[8192];
	FILE *f = fopen(path, "r");
	int no = 0, rows = 0;

	CHECK(f != NULL);
	if (f == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		char *t1 = strchr(line, '\t'), *t2, *t3, what[300];
		no++;
		if (line[0] == '#' || no == 1 || t1 == NULL)
			continue;
		t2 = strchr(t1 + 1, '\t');
		t3 = t2 ? strchr(t2 + 1, '\t') : NULL;
		if (t2 == NULL || t3 == NULL) {
			fprintf(stderr, "%s:%d: four columns\n", path, no);
			CHECK(0);
			continue;
		}
		snprintf(what, sizeof what, "%s:%d", path, no);
		check_reply(raw, unescape_row(line, (size_t)(t1 - line), raw),
		            atoi(t1 + 1) | atoi(t2 + 1) << 1, what);
		rows++;
	}
	fclose(f);
	CHECK(rows >= 20);
}

/* The same replies on every run (tests/xorshift.h). */
static struct xorshift rng = {0x1b4ull};
static unsigned pick(unsigned n)
{
	return xorshift_pick(&rng, n);
}

/* Replies of 1 to 4 lines: pieces of dotted numbers (1 to 4 digits a
 * number, 1 to 6 numbers), letters, spaces, brackets, dots, at random
 * offsets. */
static void check_generated(void)
{
	static const char *const firsts[] = {"127", "10", "192", "172", "8",
	                                     "198", "0", "255", "1000", "01"};
	static const char *const seconds[] = {"168", "16", "31", "32", "0",
	                                      "15", "1", "999"};
	static const char *const fill[] = {"a", " ", "[", "]", ".", "-",
	                                   "x", "ip ", "(", "host", ":"};
	char buf[2048], what[64];

	for (int i = 0; i < 30000; i++) {
		unsigned lines = 1 + pick(4);
		size_t len = 0;
		for (unsigned l = 0; l < lines; l++) {
			unsigned items = pick(12);
			len += (size_t)snprintf(buf + len, sizeof buf - len, "550%s",
			                        l + 1 == lines ? " " : "-");
			for (unsigned k = 0; k < items; k++) {
				if (pick(2)) {
					unsigned nums = 1 + pick(6);
					for (unsigned m = 0; m < nums; m++) {
						const char *x =
						    m == 0   ? firsts[pick(10)]
						    : m == 1 ? seconds[pick(8)]
						             : firsts[pick(10)];
						len += (size_t)snprintf(
						    buf + len, sizeof buf - len,
						    "%s%s", m ? "." : "", x);
					}
				} else {
					unsigned reps = 1 + pick(9);
					const char *f = fill[pick(11)];
					for (unsigned m = 0; m < reps; m++)
						len += (size_t)snprintf(
						    buf + len, sizeof buf - len,
						    "%s", f);
				}
			}
			len += (size_t)snprintf(buf + len, sizeof buf - len, "\r\n");
		}
		snprintf(what, sizeof what, "generated %d", i);
		check_reply(buf, len, -1, what);
	}
}

int main(void)
{
	check_file("tests/data/ipv4.tsv");
	check_generated();
	/* Not idle: many replies name an address, many do not. */
	CHECK(tried > 30000);
	CHECK(named > 5000 && named < 2 * tried - 5000);
	return check_report();
}
