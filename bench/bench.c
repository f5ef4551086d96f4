/* bench.c - how fast libsmtpreply parses, explains and formats replies.
 *
 *   bench [--corpus bench/corpus.txt] [--runs N] [--min-ms MS] [--quick]
 *         [--results FILE] [--only OP[,OP...]]
 *
 * Reads a corpus of real replies back to back (FILE.txt) and the command
 * each answers (FILE.cmds), then times each operation over the whole
 * corpus. The operations take turns, in N rounds: in each round every
 * operation makes one run, which repeats the corpus until at least MS
 * milliseconds of CPU time have passed; each figure printed is the spread
 * (min, median, max) of its N runs. Alongside, as the limit, a loop that
 * only finds the line ends of the same bytes with memchr, timed right
 * before parse in every round: their ratio is taken round by round. Each
 * operation first runs MS milliseconds untimed, to warm up. --results
 * writes the figures as tab-separated lines for bench/run.sh, which adds
 * the peers and prints one table.
 *
 * Every operation is checked as well as timed: each must see every reply of
 * the corpus with the codes, lengths and line counts of the one-shot parse
 * (the streaming runs included), and the timed loops must not allocate:
 * malloc and friends are interposed below and counted. The closing line
 * "N passed, N failed" counts those checks, so `make check-bench` (with
 * --quick) keeps this program from rotting.
 *
 * --only OP (memchr, parse, explain, reason, diagnose, format, stream1,
 * stream7, stream4k; several with commas) runs those operations only: with --quick,
 * one pass, which is what to give callgrind (--toggle-collect=op_parse
 * counts one corpus pass); `--only memchr,parse` is the quick way to the
 * ratio.
 *
 * Only the public header is used. */
#include "smtpreply.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ------------------------------------------------------------------
 * Heap allocations, counted: this program's own malloc and friends take
 * the place of the C library's for the whole process (the library is
 * linked in statically, so its calls come here too) and pass on to glibc's
 * internal entry points, as tests/alloc/count_alloc.c does. Elsewhere, or
 * under a sanitizer (which brings its own malloc), nothing is counted and
 * the report says so.
 * ------------------------------------------------------------------ */
static unsigned long allocs; /* calls that could allocate */

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#endif

#if defined(__GLIBC__) && !defined(SANITIZED)
#define COUNTING_ALLOCS 1
void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t n);
void *__libc_memalign(size_t align, size_t n);
void __libc_free(void *p);

void *malloc(size_t n)
{
	allocs++;
	return __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
	allocs++;
	return __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
	allocs++;
	return __libc_realloc(p, n);
}

void *aligned_alloc(size_t align, size_t n)
{
	allocs++;
	return __libc_memalign(align, n);
}

int posix_memalign(void **out, size_t align, size_t n)
{
	allocs++;
	*out = __libc_memalign(align, n);
	return *out ? 0 : 12; /* ENOMEM */
}

void free(void *p)
{
	__libc_free(p);
}
#else
#define COUNTING_ALLOCS 0
#endif

/* ------------------------------------------------------------------
 * The corpus.
 * ------------------------------------------------------------------ */
struct corpus {
	char *buf;
	size_t len;
	size_t nreplies;
	size_t nlines;
	enum smtpreply_command *cmd; /* one per reply */
	/* What every operation must see, from one careful one-shot pass. */
	uint64_t check;
};

/* A fingerprint of one reply: an operation that saw every reply the same
 * way as the reference pass ends with the same sum. */
static uint64_t mix(const struct smtpreply *r, int rc)
{
	return (uint64_t)rc * 1000003u + (uint64_t)r->code * 131u +
	       (uint64_t)r->nlines * 7u + (uint64_t)r->enhanced.subject +
	       r->flags;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (f == NULL)
		return NULL;
	for (;;) {
		if (n == cap) {
			char *nb = realloc(buf, cap = cap ? cap * 2 : 65536);
			if (nb == NULL) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		if (got == 0)
			break;
		n += got;
	}
	fclose(f);
	*len = n;
	return buf;
}

static int load(struct corpus *c, const char *path)
{
	char cmds_path[4096];
	size_t clen = 0;
	char *cmds;

	memset(c, 0, sizeof *c);
	c->buf = slurp(path, &c->len);
	if (c->buf == NULL) {
		fprintf(stderr, "bench: cannot read %s\n", path);
		return -1;
	}
	/* corpus.txt -> corpus.cmds */
	size_t plen = strlen(path);
	if (plen < 4 || plen + 2 > sizeof cmds_path) {
		fprintf(stderr, "bench: bad corpus path %s\n", path);
		return -1;
	}
	memcpy(cmds_path, path, plen - 4);
	memcpy(cmds_path + plen - 4, ".cmds", 6);
	cmds = slurp(cmds_path, &clen);
	if (cmds == NULL) {
		fprintf(stderr, "bench: cannot read %s\n", cmds_path);
		return -1;
	}

	/* The reference pass: every reply must parse (the corpus is real,
	 * valid traffic), and one command a line must go with each. */
	struct smtpreply r;
	size_t off = 0;
	while (off < c->len) {
		int rc = smtpreply_parse(c->buf + off, c->len - off, NULL, &r);
		if (rc <= 0) {
			fprintf(stderr, "bench: reply %zu at offset %zu: %s\n",
			        c->nreplies + 1, off, smtpreply_result_name(rc));
			return -1;
		}
		c->check += mix(&r, rc);
		c->nlines += r.nlines;
		c->nreplies++;
		off += (size_t)rc;
	}
	c->cmd = malloc(c->nreplies * sizeof *c->cmd);
	if (c->cmd == NULL)
		return -1;
	size_t k = 0;
	for (char *line = cmds; line < cmds + clen && k < c->nreplies; k++) {
		char *nl = memchr(line, '\n', (size_t)(cmds + clen - line));
		if (nl == NULL)
			break;
		*nl = '\0';
		c->cmd[k] = smtpreply_command_parse(line);
		line = nl + 1;
	}
	free(cmds);
	if (k != c->nreplies) {
		fprintf(stderr, "bench: %s names %zu commands for %zu replies\n",
		        cmds_path, k, c->nreplies);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------
 * The operations. Each makes one pass over the corpus and returns a sum
 * that depends on everything it computed, so the compiler cannot drop
 * the work; the parse-based ones return the reference fingerprint.
 * ------------------------------------------------------------------ */
typedef uint64_t (*op_fn)(const struct corpus *c, size_t arg);

static uint64_t op_memchr(const struct corpus *c, size_t arg)
{
	const char *p = c->buf, *end = c->buf + c->len;
	uint64_t lines = 0;

	(void)arg;
	while (p < end) {
		const char *lf = memchr(p, '\n', (size_t)(end - p));
		if (lf == NULL)
			break;
		lines++;
		p = lf + 1;
	}
	return lines;
}

static uint64_t op_parse(const struct corpus *c, size_t arg)
{
	struct smtpreply r;
	uint64_t sum = 0;
	size_t off = 0;

	(void)arg;
	while (off < c->len) {
		int rc = smtpreply_parse(c->buf + off, c->len - off, NULL, &r);
		if (rc <= 0)
			return 0;
		sum += mix(&r, rc);
		off += (size_t)rc;
	}
	return sum;
}

/* Pointers folded into the sum: an entry is a const record in the library,
 * so its address is as good a witness of the lookup as its content. */
static uint64_t op_explain(const struct corpus *c, size_t arg)
{
	struct smtpreply r;
	uint64_t sum = 0, seen = 0;
	size_t off = 0;

	(void)arg;
	for (size_t i = 0; off < c->len; i++) {
		int rc = smtpreply_parse(c->buf + off, c->len - off, NULL, &r);
		if (rc <= 0)
			return 0;
		const smtpreply_expl *a = smtpreply_explain_reply(&r, c->cmd[i]);
		const smtpreply_expl *b = smtpreply_explain_reply_enhanced(&r);
		seen ^= (uint64_t)(uintptr_t)a ^ ((uint64_t)(uintptr_t)b << 1);
		sum += mix(&r, rc);
		off += (size_t)rc;
	}
	return sum + (seen & 0); /* keep the witness without changing the sum */
}

static uint64_t op_reason(const struct corpus *c, size_t arg)
{
	struct smtpreply r;
	uint64_t sum = 0, seen = 0;
	size_t off = 0;

	(void)arg;
	for (size_t i = 0; off < c->len; i++) {
		int rc = smtpreply_parse(c->buf + off, c->len - off, NULL, &r);
		if (rc <= 0)
			return 0;
		seen += (uint64_t)smtpreply_action(&r, c->cmd[i]) * 64u +
		        (uint64_t)smtpreply_reason(&r, c->cmd[i]);
		sum += mix(&r, rc);
		off += (size_t)rc;
	}
	return sum + (seen & 0);
}

/* The one call a bounce processor makes: action, reason, verdict and
 * confidence from one pass over the text. */
static uint64_t op_diagnose(const struct corpus *c, size_t arg)
{
	struct smtpreply r;
	struct smtpreply_diagnosis d;
	uint64_t sum = 0, seen = 0;
	size_t off = 0;

	(void)arg;
	for (size_t i = 0; off < c->len; i++) {
		int rc = smtpreply_parse(c->buf + off, c->len - off, NULL, &r);
		if (rc <= 0)
			return 0;
		smtpreply_diagnose(&r, c->cmd[i], &d);
		seen += (uint64_t)d.verdict * 64u + (uint64_t)d.reason;
		sum += mix(&r, rc);
		off += (size_t)rc;
	}
	return sum + (seen & 0);
}

static uint64_t op_format(const struct corpus *c, size_t arg)
{
	struct smtpreply r;
	char line[1024];
	uint64_t sum = 0, seen = 0;
	size_t off = 0;

	(void)arg;
	for (size_t i = 0; off < c->len; i++) {
		int rc = smtpreply_parse(c->buf + off, c->len - off, NULL, &r);
		if (rc <= 0)
			return 0;
		seen += smtpreply_format(line, sizeof line, &r, "mx.example.net",
		                         c->cmd[i], 0);
		seen += (unsigned char)line[0];
		sum += mix(&r, rc);
		off += (size_t)rc;
	}
	return sum + (seen & 0);
}

/* The streaming parser as a client uses it: bytes arrive `arg` at a time
 * after the ones not yet consumed (no copy: the corpus is the buffer), and
 * after each arrival every complete reply is taken. */
static uint64_t op_stream(const struct corpus *c, size_t chunk)
{
	struct smtpreply_parser p;
	struct smtpreply r;
	uint64_t sum = 0;
	size_t consumed = 0, arrived = 0;

	smtpreply_parser_init(&p, NULL);
	while (arrived < c->len) {
		arrived = c->len - arrived > chunk ? arrived + chunk : c->len;
		for (;;) {
			int rc = smtpreply_parser_parse(&p, c->buf + consumed,
			                                arrived - consumed, &r);
			if (rc > 0) {
				sum += mix(&r, rc);
				consumed += (size_t)rc;
			} else if (rc == SMTPREPLY_INCOMPLETE) {
				consumed += r.skip;
				break;
			} else {
				return 0; /* the corpus has no bad replies */
			}
		}
	}
	return consumed == c->len ? sum : 0;
}

/* ------------------------------------------------------------------
 * Timing. The operations take turns: each round gives every operation one
 * run, a run repeats the operation until min_ns of CPU time have passed,
 * and each figure is the spread (min, median, max) of its runs over the
 * rounds. Taking turns matters on a shared machine: the limit (memchr) and
 * parse are timed seconds apart, not minutes, so a change in what the other
 * tenants do moves both, and their ratio, computed round by round, moves
 * less than either.
 * ------------------------------------------------------------------ */
/* The process's CPU time, not the wall clock: on a shared machine the time
 * others get while this one waits is not ours to count. The peers measure
 * the same way (bench/peers/). */
static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

struct op {
	const char *name; /* for --only, --results and the table */
	const char *what;
	op_fn fn;
	size_t arg;
	int is_limit; /* the memchr baseline: no reply fingerprint */
};

static const struct op ops[] = {
	{"memchr", "limit: memchr line ends only", op_memchr, 0, 1},
	{"parse", "parse", op_parse, 0, 0},
	{"explain", "parse + explain (reply, enhanced)", op_explain, 0, 0},
	{"reason", "parse + action + reason", op_reason, 0, 0},
	{"diagnose", "parse + smtpreply_diagnose", op_diagnose, 0, 0},
	{"format", "parse + smtpreply_format", op_format, 0, 0},
	{"stream1", "streaming, 1-byte chunks", op_stream, 1, 0},
	{"stream7", "streaming, 7-byte chunks", op_stream, 7, 0},
	{"stream4k", "streaming, 4 KiB chunks", op_stream, 4096, 0},
};
#define NOPS (sizeof ops / sizeof ops[0])
#define MAX_RUNS 64

/* A spread: the smallest, the median and the largest of n figures. */
struct spread {
	double min, med, max;
};

static struct spread spread_of(const double *v, int n)
{
	double s[MAX_RUNS];
	struct spread out = {0, 0, 0};

	if (n <= 0)
		return out;
	memcpy(s, v, (size_t)n * sizeof s[0]);
	qsort(s, (size_t)n, sizeof s[0], cmp_double);
	out.min = s[0];
	out.med = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	out.max = s[n - 1];
	return out;
}

struct result {
	int ran;
	int n;               /* runs so far */
	double t[MAX_RUNS];  /* ns per corpus pass, one a run */
	unsigned long allocs;
	int ok;
};

static volatile uint64_t sink;

/* Warm-up, not timed: caches, branch predictors (and, for the peers,
 * their JIT compilers) first see the corpus here. */
static void warm_up(const struct op *op, const struct corpus *c, uint64_t min_ns)
{
	uint64_t start = now_ns();
	while (now_ns() - start < min_ns)
		sink += op->fn(c, op->arg);
}

/* One timed run: passes over the corpus until min_ns of CPU time (one
 * pass with --quick), each checked against the reference. */
static void timed_run(const struct op *op, const struct corpus *c,
                      uint64_t min_ns, int quick, struct result *res)
{
	uint64_t expect = op->is_limit ? c->nlines : c->check;
	unsigned long passes = 0, before = allocs;
	uint64_t start = now_ns(), el;

	do {
		uint64_t got = op->fn(c, op->arg);
		if (got != expect)
			res->ok = 0;
		sink += got;
		passes++;
		el = now_ns() - start;
	} while (!quick && el < min_ns);
	res->allocs += allocs - before;
	res->t[res->n++] = (double)el / (double)passes;
}

/* --only a,b,c: is `name` one of them? */
static int selected(const char *only, const char *name)
{
	size_t n = strlen(name);

	if (only == NULL)
		return 1;
	for (const char *p = only; *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == n && strncmp(p, name, n) == 0)
			return 1;
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *path = "bench/corpus.txt", *results = NULL, *only = NULL;
	int runs = 7, quick = 0;
	double min_ms = 100;
	struct corpus c;
	static struct result res[NOPS];

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--corpus") == 0 && i + 1 < argc)
			path = argv[++i];
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "--min-ms") == 0 && i + 1 < argc)
			min_ms = atof(argv[++i]);
		else if (strcmp(argv[i], "--results") == 0 && i + 1 < argc)
			results = argv[++i];
		else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
			only = argv[++i];
		else if (strcmp(argv[i], "--quick") == 0)
			quick = 1;
		else {
			fprintf(stderr, "usage: bench [--corpus FILE] [--runs N] "
			                "[--min-ms MS] [--quick] [--results FILE] "
			                "[--only OP[,OP...]]\n");
			return 2;
		}
	}
	if (quick)
		runs = 1;
	if (runs < 1)
		runs = 1;
	if (runs > MAX_RUNS)
		runs = MAX_RUNS;
	int found = 0;
	for (size_t i = 0; i < NOPS; i++) {
		res[i].ok = 1;
		res[i].ran = selected(only, ops[i].name);
		found |= res[i].ran;
	}
	if (!found) {
		fprintf(stderr, "bench: no operation %s\n", only);
		return 2;
	}
	if (load(&c, path) != 0) {
		printf("0 passed, 1 failed\n");
		return 1;
	}

	printf("corpus: %s: %zu replies, %zu lines, %zu bytes, %.1f bytes/reply\n",
	       path, c.nreplies, c.nlines, c.len, (double)c.len / (double)c.nreplies);
	if (quick)
		printf("timing: one pass each (--quick: a smoke test, not a "
		       "measurement)\n");
	else
		printf("timing: %d rounds; in each, every operation runs >= %.0f ms "
		       "of CPU time in turn (after %.0f ms untimed)\n",
		       runs, min_ms, min_ms);
	fflush(stdout);

	uint64_t min_ns = (uint64_t)(min_ms * 1e6);
	if (!quick)
		for (size_t i = 0; i < NOPS; i++)
			if (res[i].ran)
				warm_up(&ops[i], &c, min_ns);
	for (int k = 0; k < runs; k++)
		for (size_t i = 0; i < NOPS; i++)
			if (res[i].ran)
				timed_run(&ops[i], &c, min_ns, quick, &res[i]);

	double nrep = (double)c.nreplies;
	printf("\n%-34s %29s\n", "", "ns/reply over the runs");
	printf("%-34s %9s %9s %9s %9s %7s\n", "operation", "min", "median",
	       "max", "MB/s", "allocs");
	struct spread sp[NOPS];
	for (size_t i = 0; i < NOPS; i++) {
		if (!res[i].ran)
			continue;
		sp[i] = spread_of(res[i].t, res[i].n);
		printf("%-34s %9.1f %9.1f %9.1f %9.1f %7lu%s\n", ops[i].what,
		       sp[i].min / nrep, sp[i].med / nrep, sp[i].max / nrep,
		       (double)c.len / sp[i].med * 1e3, res[i].allocs,
		       res[i].ok ? "" : "  WRONG RESULT");
	}

	/* parse against the limit, round by round (ops 0 and 1 run back to
	 * back in every round). */
	struct spread ratio = {0, 0, 0};
	if (res[0].ran && res[1].ran) {
		double r[MAX_RUNS];
		for (int k = 0; k < runs; k++)
			r[k] = res[0].t[k] / res[1].t[k];
		ratio = spread_of(r, runs);
		printf("\nparse throughput / memchr line-splitting throughput, round "
		       "by round: median %.2f (min %.2f, max %.2f)\n", ratio.med,
		       ratio.min, ratio.max);
	}

	unsigned long total_allocs = 0;
	int passed = 0, failed = 0;
	for (size_t i = 0; i < NOPS; i++) {
		if (!res[i].ran)
			continue; /* --only */
		total_allocs += res[i].allocs;
		if (res[i].ok)
			passed++;
		else
			failed++;
	}
	if (COUNTING_ALLOCS) {
		printf("heap allocations in the timed loops: %lu\n", total_allocs);
		if (total_allocs == 0)
			passed++;
		else
			failed++;
	} else {
		printf("heap allocations in the timed loops: not counted "
		       "(malloc is interposed on glibc only, and not under a "
		       "sanitizer)\n");
	}

	if (results) {
		FILE *f = fopen(results, "w");
		if (f == NULL) {
			fprintf(stderr, "bench: cannot write %s\n", results);
			failed++;
		} else {
			fprintf(f, "corpus\t%zu\t%zu\t%zu\n", c.nreplies, c.nlines,
			        c.len);
			/* op NAME NS_MEDIAN MB_S WHAT OK NS_MIN NS_MAX */
			for (size_t i = 0; i < NOPS; i++)
				if (res[i].ran)
					fprintf(f, "op\t%s\t%.2f\t%.2f\t%s\t%s\t%.2f\t%.2f\n",
					        ops[i].name, sp[i].med / nrep,
					        (double)c.len / sp[i].med * 1e3,
					        ops[i].what, res[i].ok ? "ok" : "WRONG",
					        sp[i].min / nrep, sp[i].max / nrep);
			if (ratio.med > 0)
				fprintf(f, "ratio\t%.3f\t%.3f\t%.3f\n", ratio.med,
				        ratio.min, ratio.max);
			fprintf(f, "allocs\t%s\n",
			        COUNTING_ALLOCS ? (total_allocs ? "nonzero" : "0")
			                        : "not counted");
			if (COUNTING_ALLOCS && total_allocs)
				fprintf(f, "allocs_n\t%lu\n", total_allocs);
			fclose(f);
		}
	}
	free(c.cmd);
	free(c.buf);
	/* The checks: each operation saw every reply as the reference pass
	 * did, and (where counted) nothing was allocated. */
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
