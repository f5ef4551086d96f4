/* parse_ab.c - two builds of smtpreply_parse() and the memchr loop of
 * bench/bench.c, timed in turn in one process (tools/parse_ab.sh builds
 * it). On a shared machine a change of a few percent is only seen when
 * both sides run under the same load: every round runs each operation for
 * MS milliseconds of CPU time, the order rotating from round to round, and
 * the ratio of the two builds is taken round by round.
 *
 *   parse_ab FILE [ROUNDS [MS [OPS]]]     OPS: a comma list of
 *   memchr, a, b (the two builds), lfcount (an AVX2 pass that only counts
 *   the LFs: what reading the bytes costs) and lfwalk (the LFs of 64-byte
 *   blocks walked bit by bit: a line splitter without a call a line).
 *
 * parse_a and parse_b are smtpreply_parse of the two libraries, every
 * other symbol of theirs made local (objcopy). b must give every reply as
 * a does: the sums of bench.c's fingerprint are compared first. */
#define _POSIX_C_SOURCE 200809L
#include <smtpreply.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

int parse_a(const char *, size_t, const struct smtpreply_options *,
            struct smtpreply *);
int parse_b(const char *, size_t, const struct smtpreply_options *,
            struct smtpreply *);

static const char *B;
static size_t L;

static double cpu_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

/* bench.c's fingerprint of a reply */
static uint64_t mix(const struct smtpreply *r, int rc)
{
	return (uint64_t)rc * 1000003u + (uint64_t)r->code * 131u +
	       (uint64_t)r->nlines * 7u + (uint64_t)r->enhanced.subject + r->flags;
}

__attribute__((noinline)) static uint64_t op_memchr(void)
{
	const char *p = B, *e = B + L;
	uint64_t n = 0;
	while (p < e) {
		const char *lf = memchr(p, '\n', (size_t)(e - p));
		if (lf == NULL)
			break;
		n++;
		p = lf + 1;
	}
	return n;
}

#define PARSE_OP(name, fn)                                                    \
	__attribute__((noinline)) static uint64_t name(void)                  \
	{                                                                     \
		struct smtpreply r;                                           \
		uint64_t s = 0;                                               \
		size_t off = 0;                                               \
		while (off < L) {                                             \
			int rc = fn(B + off, L - off, NULL, &r);              \
			if (rc <= 0)                                          \
				return 0;                                     \
			s += mix(&r, rc);                                     \
			off += (size_t)rc;                                    \
		}                                                             \
		return s;                                                     \
	}
PARSE_OP(op_a, parse_a)
PARSE_OP(op_b, parse_b)

#if defined(__x86_64__)
__attribute__((target("avx2"))) static uint64_t lf_mask(const char *p)
{
	const __m256i lf = _mm256_set1_epi8('\n');
	__m256i a = _mm256_loadu_si256((const void *)p);
	__m256i b = _mm256_loadu_si256((const void *)(p + 32));
	return (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(a, lf)) |
	       (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(b, lf)) << 32;
}

__attribute__((target("avx2,popcnt"), noinline)) static uint64_t op_lfcount(void)
{
	uint64_t n = 0;
	size_t i = 0;
	for (; i + 64 <= L; i += 64)
		n += (uint64_t)__builtin_popcountll(lf_mask(B + i));
	for (; i < L; i++)
		n += B[i] == '\n';
	return n;
}

__attribute__((target("avx2"), noinline)) static uint64_t op_lfwalk(void)
{
	uint64_t s = 0;
	size_t prev = 0;
	for (size_t i = 0; i + 64 <= L; i += 64) {
		uint64_t m = lf_mask(B + i);
		while (m) {
			size_t k = i + (size_t)__builtin_ctzll(m);
			s += k - prev;
			prev = k;
			m &= m - 1;
		}
	}
	return s;
}
#endif

struct op {
	const char *name;
	uint64_t (*fn)(void);
};

static int cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void spread(const char *what, double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmpd);
	printf("  %-28s median %7.3f (min %7.3f, max %7.3f)\n", what, v[n / 2],
	       v[0], v[n - 1]);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: parse_ab FILE [ROUNDS [MS [OPS]]]\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (f == NULL) {
		perror(argv[1]);
		return 1;
	}
	long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
	char *buf = size >= 0 ? malloc(size ? (size_t)size : 1) : NULL;
	L = size >= 0 ? (size_t)size : 0;
	rewind(f);
	if (buf == NULL || fread(buf, 1, L, f) != L) {
		perror(argv[1]);
		fclose(f);
		free(buf);
		return 1;
	}
	fclose(f);
	B = buf;
	int rounds = argc > 2 ? atoi(argv[2]) : 21;
	double ms = argc > 3 ? atof(argv[3]) : 30;
	const char *which = argc > 4 ? argv[4] : "memchr,a,b";
	if (rounds < 1 || rounds > 1000 || ms <= 0) {
		fprintf(stderr, "parse_ab: bad ROUNDS or MS\n");
		return 2;
	}
	const struct op all[] = {
		{"memchr", op_memchr}, {"a", op_a}, {"b", op_b},
#if defined(__x86_64__)
		{"lfcount", op_lfcount}, {"lfwalk", op_lfwalk},
#endif
	};
	struct op ops[8];
	int no = 0, ia = -1, ib = -1;
	for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) {
		char pat[32];
		snprintf(pat, sizeof pat, ",%s,", all[k].name);
		char list[256];
		snprintf(list, sizeof list, ",%s,", which);
		if (strstr(list, pat) == NULL)
			continue;
		if (strcmp(all[k].name, "a") == 0)
			ia = no;
		if (strcmp(all[k].name, "b") == 0)
			ib = no;
		ops[no++] = all[k];
	}
	if (no == 0)
		return 2;

	size_t nrep = 0;
	for (size_t off = 0; off < L; nrep++) {
		struct smtpreply r;
		int rc = parse_a(B + off, L - off, NULL, &r);
		if (rc <= 0) {
			fprintf(stderr, "parse_ab: reply %zu at %zu: %d\n", nrep + 1, off, rc);
			return 1;
		}
		off += (size_t)rc;
	}
	if (op_a() != op_b()) {
		fprintf(stderr, "parse_ab: the two builds parse the file differently\n");
		return 1;
	}

	double *t = calloc((size_t)rounds * (size_t)no, sizeof *t);
	double *v = calloc((size_t)rounds, sizeof *v);
	if (t == NULL || v == NULL)
		return 1;
	volatile uint64_t sink = 0;
	for (int k = 0; k < no; k++) { /* warm-up */
		double s = cpu_ns();
		while (cpu_ns() - s < ms * 1e6)
			sink += ops[k].fn();
	}
	for (int r = 0; r < rounds; r++)
		for (int k0 = 0; k0 < no; k0++) {
			int k = (k0 + r) % no;
			double s = cpu_ns(), e;
			long n = 0;
			do {
				sink += ops[k].fn();
				n++;
			} while ((e = cpu_ns()) - s < ms * 1e6);
			t[r * no + k] = (e - s) / (double)n / (double)nrep;
		}
	printf("%s: %zu replies, %zu bytes, %.1f bytes a reply; %d rounds of %g ms each\n",
	       argv[1], nrep, L, (double)L / (double)nrep, rounds, ms);
	for (int k = 0; k < no; k++) {
		char what[64];
		for (int r = 0; r < rounds; r++)
			v[r] = t[r * no + k];
		snprintf(what, sizeof what, "%s, ns a reply", ops[k].name);
		spread(what, v, rounds);
	}
	for (int k = 1; k < no; k++) {
		char what[64];
		for (int r = 0; r < rounds; r++)
			v[r] = t[r * no + k] / t[r * no];
		snprintf(what, sizeof what, "%s / %s, by round", ops[k].name, ops[0].name);
		spread(what, v, rounds);
	}
	if (ia >= 0 && ib >= 0) {
		for (int r = 0; r < rounds; r++)
			v[r] = t[r * no + ib] / t[r * no + ia];
		spread("b / a (time), by round", v, rounds);
	}
	free(t);
	free(v);
	free(buf);
	return 0;
}
