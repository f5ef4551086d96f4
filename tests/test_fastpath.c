/* test_fastpath.c - the parser's fast path gives the same results in every
 * build (AVX2, SSE2, portable C: src/fastpath.c), and the same as the
 * general path wherever it takes a reply.
 *
 * The builds differ in how they scan for line ends (32, 16 or 8 bytes a
 * step, with one load that ends at the buffer's end for the last bytes), so
 * what could differ is at the edges: a reply that ends a few bytes before
 * the buffer does, a special byte at each position of a step, a code at the
 * very end. Every build that runs on this CPU parses:
 *   - every case file's input (each .case file in tests/cases), from every line start,
 *     cut at every line end and a few bytes either side of it;
 *   - the bench corpus the same way;
 *   - random buffers made of reply pieces and special bytes, and real
 *     replies with one byte changed, at every length.
 * For each, the whole struct smtpreply and the result must be the same as
 * the portable build's; and where the fast path takes a reply, the general
 * path (the streaming parser, which never takes the fast path after a first
 * call of one byte) must give the same reply.
 *
 * Uses the library's internal hook sr_scan_use() (linked statically). */
#include "check.h"
#include "row_escape.h"
#include "../src/fastpath.h"

#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>

#define MAX_INPUT (1 << 20)

static int builds[SR_SCAN_BEST], nbuilds;

/* The fast path alone, in one build. */
static int fast_in(int build, const char *buf, size_t len, struct smtpreply *r)
{
	memset(r, 0xA5, sizeof *r); /* the same padding for every build */
	sr_scan_use(build);
	return sr_fast_reply(buf, len, 512, SMTPREPLY_DEFAULT_MAX_LINES,
	                     SMTPREPLY_DEFAULT_MAX_REPLY, r);
}

/* smtpreply_parse() in one build. */
static int parse_in(int build, const char *buf, size_t len, struct smtpreply *r)
{
	memset(r, 0xA5, sizeof *r);
	sr_scan_use(build);
	return smtpreply_parse(buf, len, NULL, r);
}

/* The general path: the streaming parser, given one byte first (too few
 * for the fast path, after which its state is no longer fresh). */
static int general(const char *buf, size_t len, struct smtpreply *r)
{
	struct smtpreply_parser p;
	int rc;

	smtpreply_parser_init(&p, NULL);
	rc = smtpreply_parser_parse(&p, buf, 1, r);
	if (rc == SMTPREPLY_INCOMPLETE)
		rc = smtpreply_parser_parse(&p, buf, len, r);
	return rc;
}

/* The public fields of two replies, pointers included. */
static int same_reply(const struct smtpreply *a, const struct smtpreply *b)
{
	return a->code == b->code && a->first_code == b->first_code &&
	       a->klass == b->klass && a->flags == b->flags &&
	       a->enhanced.klass == b->enhanced.klass &&
	       a->enhanced.subject == b->enhanced.subject &&
	       a->enhanced.detail == b->enhanced.detail && a->nlines == b->nlines &&
	       a->raw.ptr == b->raw.ptr && a->raw.len == b->raw.len &&
	       a->first_line.ptr == b->first_line.ptr &&
	       a->first_line.len == b->first_line.len &&
	       a->last_line.ptr == b->last_line.ptr &&
	       a->last_line.len == b->last_line.len &&
	       a->error_offset == b->error_offset && a->skip == b->skip;
}

static unsigned long compared, fast_taken;

/* One buffer in every build; failures are reported with the bytes. */
static void compare(const char *buf, size_t len, const char *what)
{
	struct smtpreply want, got;
	int want_rc = fast_in(SR_SCAN_PORTABLE, buf, len, &want);
	int ok = 1;

	for (int b = 0; b < nbuilds; b++) {
		int rc = fast_in(builds[b], buf, len, &got);
		if (rc != want_rc || (rc > 0 && memcmp(&got, &want, sizeof got) != 0)) {
			ok = 0;
			fprintf(stderr, "%s: fast path, %s build: %d, portable: %d\n",
			        what, sr_scan_name(builds[b]), rc, want_rc);
		}
		struct smtpreply pa, pb;
		int ra = parse_in(SR_SCAN_PORTABLE, buf, len, &pa);
		int rb = parse_in(builds[b], buf, len, &pb);
		if (ra != rb || memcmp(&pa, &pb, sizeof pa) != 0) {
			ok = 0;
			fprintf(stderr, "%s: smtpreply_parse, %s build: %d, portable: %d\n",
			        what, sr_scan_name(builds[b]), rb, ra);
		}
	}
	/* smtpreply_parse() without options (each build's parse_default,
	 * whose one-line path is a copy of the fast path's checks): the
	 * general path's reply, explanation entries included. */
	{
		struct smtpreply pa, g;
		int ra = parse_in(SR_SCAN_PORTABLE, buf, len, &pa);
		if (ra > 0) {
			int rc = general(buf, len, &g);
			if (rc != ra || !same_reply(&g, &pa) || g.expl != pa.expl ||
			    g.expl_enhanced != pa.expl_enhanced) {
				ok = 0;
				fprintf(stderr, "%s: smtpreply_parse %d, general path %d\n",
				        what, ra, rc);
			}
		}
	}
	if (want_rc > 0) {
		struct smtpreply g;
		int rc = general(buf, len, &g);
		fast_taken++;
		if (rc != want_rc || !same_reply(&g, &want)) {
			ok = 0;
			fprintf(stderr, "%s: fast path %d, general path %d\n", what,
			        want_rc, rc);
		}
	}
	compared++;
	if (ok) {
		check_passed_++;
	} else {
		check_failed_++;
		fprintf(stderr, "  bytes (%zu):", len);
		for (size_t i = 0; i < len && i < 200; i++)
			fprintf(stderr, " %02x", (unsigned char)buf[i]);
		fprintf(stderr, "\n");
	}
}

/* The buffer from every line start, cut at the end, at every line end and
 * up to 3 bytes either side of it (within the next 12 lines). */
static void compare_cuts(const char *data, size_t len, const char *what)
{
	for (size_t s = 0; s < len;) {
		size_t e = s, lines = 0;
		compare(data + s, len - s, what);
		while (e < len && lines++ < 12) {
			const char *lf = memchr(data + e, '\n', len - e);
			e = lf ? (size_t)(lf - data) + 1 : len;
			/* Copied, so that the end of the buffer is the end of the
			 * bytes the scan may read (ASan and valgrind see a read
			 * past it). */
			for (size_t cut = e > s + 3 ? e - 3 : s + 1; cut <= e + 3 && cut <= len; cut++) {
				char *copy = malloc(cut - s);
				if (copy == NULL)
					return;
				memcpy(copy, data + s, cut - s);
				compare(copy, cut - s, what);
				free(copy);
			}
		}
		const char *lf = memchr(data + s, '\n', len - s);
		s = lf ? (size_t)(lf - data) + 1 : len;
	}
}

/* ---------------------------------------------------------------- cases */

/* The escapes of tests/cases/README.md. */
static void case_file(const char *path)
{
	FILE *f = fopen(path, "r");
	static char line[1 << 16], input[MAX_INPUT];
	size_t n = 0;

	CHECK(f != NULL);
	if (f == NULL)
		return;
	while (fgets(line, sizeof line, f)) {
		if (strncmp(line, "===", 3) == 0) {
			if (n)
				compare_cuts(input, n, path);
			n = 0;
		} else if (strncmp(line, "input: ", 7) == 0 && n + strlen(line) < sizeof input) {
			n += unescape_row(line + 7, strcspn(line + 7, "\n"), input + n);
		}
	}
	if (n)
		compare_cuts(input, n, path);
	fclose(f);
}

static void case_files(void)
{
	const char *dir = "tests/cases";
	DIR *d = opendir(dir);
	int files = 0;

	CHECK(d != NULL);
	if (d == NULL)
		return;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		size_t l = strlen(e->d_name);
		if (l < 6 || strcmp(e->d_name + l - 5, ".case") != 0)
			continue;
		char path[512];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		case_file(path);
		files++;
	}
	closedir(d);
	CHECK(files >= 10);
}

static void corpus(const char *path)
{
	FILE *f = fopen(path, "rb");
	static char data[MAX_INPUT];
	size_t n;

	CHECK(f != NULL);
	if (f == NULL)
		return;
	n = fread(data, 1, sizeof data, f);
	fclose(f);
	/* Whole replies from every start, the cuts from a sample of them. */
	compare_cuts(data, n < 16384 ? n : 16384, path);
	for (size_t s = 0; s < n;) {
		compare(data + s, n - s, path);
		const char *lf = memchr(data + s, '\n', n - s);
		s = lf ? (size_t)(lf - data) + 1 : n;
	}
}

/* ---------------------------------------------------------------- random */

static uint64_t rng = 0x5EED1234ABCDull;
static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static const char *pieces[] = {
	"250", "250-", "250 ", "550-", "550 ", "5.1.1 ", "5.7.26 ", "2.0.0 ",
	"4.7.0", "5.01.1 ", "5.123.456 ", "\r\n", "\n", "\r", "ok", "PIPELINING",
	"SIZE 10240000", " ", "-", ".", "0", "9", "\t", "\x7f", "\xc3\xa9",
	"\xff", "\0", "354 ", "221 2.0.0 Bye", "421-4.7.0 ", "x", "250\r\n",
	"250-5.1.1\r\n",
};

static void random_buffers(void)
{
	static char buf[4096];

	for (int iter = 0; iter < 4000; iter++) {
		size_t n = 0, want = 1 + rnd(300);
		while (n < want) {
			const char *piece = pieces[rnd(sizeof pieces / sizeof pieces[0])];
			size_t l = piece[0] ? strlen(piece) : 1;
			if (n + l > sizeof buf)
				break;
			memcpy(buf + n, piece, l);
			n += l;
		}
		/* Every length of it: each is a buffer of its own. */
		for (size_t cut = 1; cut <= n; cut += 1 + rnd(4)) {
			char *copy = malloc(cut);
			if (copy == NULL)
				return;
			memcpy(copy, buf, cut);
			compare(copy, cut, "random");
			free(copy);
		}
	}
}

/* Real replies with one byte changed, at every position. */
static void mutations(void)
{
	static const char *real[] = {
		"250-mx.example.net Hello client [192.0.2.1]\r\n250-SIZE 10240000\r\n"
		"250-PIPELINING\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n",
		"550-5.7.26 This mail has been blocked because the sender is unauthenticated.\r\n"
		"550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM.\r\n"
		"550-5.7.26\r\n550 5.7.26  https://support.google.com/mail/answer/81126 - gsmtp\r\n",
		"250 2.0.0 Ok: queued as 4FxYz12abc\r\n",
		"421-4.7.0 [192.0.2.1      15] Our system has detected an unusual rate of\r\n"
		"421 4.7.0  https://support.google.com/mail/?p=UnsolicitedRateLimitError z5si123.4 - gsmtp\r\n",
	};
	static const unsigned char subst[] = {'\r', '\n', ' ', '-', '.', '0', '7', 'x',
	                                      0, 0x7f, 0x80, 0xe9, '\t'};

	for (size_t k = 0; k < sizeof real / sizeof real[0]; k++) {
		size_t n = strlen(real[k]);
		char *copy = malloc(n);
		if (copy == NULL)
			return;
		for (size_t i = 0; i < n; i++)
			for (size_t s = 0; s < sizeof subst; s++) {
				memcpy(copy, real[k], n);
				copy[i] = (char)subst[s];
				compare(copy, n, "mutation");
			}
		free(copy);
	}
}

/* One-line replies around RFC 5321's 512 bytes (the fast path's limit)
 * and of every enhanced-code shape and length near the first 64 bytes
 * (where smtpreply_parse's one-line path reads): each cut short of its
 * LF, whole, and followed by another reply. */
static void long_lines(void)
{
	static const char *const heads[] = {
		"250 ", "250 2.0.0 ", "550 5.7.1 ", "550 5.7.26 ", "550 5.7.606 ",
		"451 4.4.318 ", "550 5.12.1 ", "550 4.7.1 ", "350 3.0.0 ", "550 5.7.1",
		"550 5.7.1x", "550 5.7.1234 ", "550 5.7. ", "550 5.7.", "250 8.8.8.8 ",
		"550 5.9.1 ", "250 2.1.5", "250 2.0", "450 4.1.1\t",
	};
	static char buf[700];
	for (size_t h = 0; h < sizeof heads / sizeof heads[0]; h++) {
		size_t hl = strlen(heads[h]);
		for (size_t total = hl + 2; total <= 520 && total + 10 < sizeof buf; total++) {
			if (total > 80 && total < 500)
				total = 500;
			memcpy(buf, heads[h], hl);
			memset(buf + hl, 'x', total - 2 - hl);
			memcpy(buf + total - 2, "\r\n250 next\r\n", 12);
			compare(buf, total - 1, "long line, cut");
			compare(buf, total, "long line");
			compare(buf, total + 10, "long line + reply");
		}
	}
}

int main(void)
{
	/* The builds this CPU runs; the portable one is the reference. */
	for (int b = SR_SCAN_PORTABLE; b <= SR_SCAN_BEST; b++)
		if (sr_scan_use(b) == b)
			builds[nbuilds++] = b;
	CHECK(nbuilds >= 1);
	printf("builds compared:");
	for (int b = 0; b < nbuilds; b++)
		printf(" %s", sr_scan_name(builds[b]));
	printf("\n");

	case_files();
	corpus("bench/corpus.txt");
	random_buffers();
	mutations();
	long_lines();
	sr_scan_use(0);

	/* The comparisons must have met the fast path often, or they test
	 * nothing of it. */
	CHECK(fast_taken > compared / 20);
	printf("%lu buffers compared, %lu taken by the fast path\n", compared,
	       fast_taken);
	return check_report();
}
