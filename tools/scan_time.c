/* scan_time.c - the phrase scan alone (sr_scan_text, src/reason_scan.c),
 * timed over the 4xx and 5xx replies of a bench corpus, for A/B work on a
 * shared machine.
 *
 *   scan_time CORPUS [PASSES]      (build/bench/big.txt, bench/corpus.txt)
 *
 * The replies are parsed once; then each block of 256 of them is scanned
 * and timed (CLOCK_MONOTONIC) PASSES times (default 8), and the minimum of
 * each block is kept: what other tenants of the machine add shows up in
 * some passes of a block, seldom in all of them. The figure printed is the
 * sum of the blocks' minimums over the scanned replies. Two builds
 * measured in turn agree to 1-3% at a load of 8 on two CPUs (session 9,
 * docs/benchmarks.md), where `bench --only reason` moves by 10% and more.
 * The sink line keeps the compiler from dropping the scans.
 *
 * Build against the library under test (internal headers: the scan is not
 * public API):
 *   cc -O2 -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L -o scan_time \
 *       tools/scan_time.c libsmtpreply.a */
#include "reason_scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { BLOCK = 256 };

static double now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || (buf = malloc((size_t)n + 1)) == NULL ||
	    fread(buf, 1, (size_t)n, f) != (size_t)n) {
		if (f != NULL)
			fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

int main(int argc, char **argv)
{
	size_t len = 0, off = 0, n = 0, cap = 1024, nb;
	long passes = 8;
	char *buf, *end = NULL;
	struct smtpreply *r;
	double *best, total = 0;
	unsigned long sink = 0;

	if (argc > 2)
		passes = strtol(argv[2], &end, 10);
	if (argc < 2 || passes < 1 || (end != NULL && *end != '\0')) {
		fprintf(stderr, "usage: scan_time CORPUS [PASSES]\n");
		return 2;
	}
	buf = read_all(argv[1], &len);
	r = malloc(cap * sizeof *r);
	if (buf == NULL || r == NULL) {
		fprintf(stderr, "scan_time: cannot read %s\n", argv[1]);
		free(buf);
		free(r);
		return 1;
	}
	while (off < len) {
		int rc;
		if (n == cap) {
			struct smtpreply *more = realloc(r, 2 * cap * sizeof *r);
			if (more == NULL) {
				free(r);
				free(buf);
				return 1;
			}
			r = more;
			cap *= 2;
		}
		rc = smtpreply_parse(buf + off, len - off, NULL, &r[n]);
		if (rc <= 0)
			break;
		/* The replies smtpreply_reason scans (it answers 2xx and
		 * 3xx replies without reading their text). */
		if (r[n].code >= 400)
			n++;
		off += (size_t)rc;
	}
	if (n == 0) {
		fprintf(stderr, "scan_time: no 4xx or 5xx reply in %s\n", argv[1]);
		free(r);
		free(buf);
		return 1;
	}
	nb = (n + BLOCK - 1) / BLOCK;
	best = malloc(nb * sizeof *best);
	if (best == NULL) {
		free(r);
		free(buf);
		return 1;
	}
	for (size_t b = 0; b < nb; b++)
		best[b] = -1;
	for (long p = 0; p < passes; p++) {
		for (size_t b = 0; b < nb; b++) {
			size_t e = (b + 1) * BLOCK < n ? (b + 1) * BLOCK : n;
			double t0 = now_ns(), t;
			for (size_t k = b * BLOCK; k < e; k++) {
				struct scan sc;
				sc.held = NULL;
				sr_scan_text(&r[k], &sc);
				sink += (unsigned long)(sc.best[2] + sc.best[1] +
				                        sc.provider);
			}
			t = now_ns() - t0;
			if (best[b] < 0 || t < best[b])
				best[b] = t;
		}
	}
	for (size_t b = 0; b < nb; b++)
		total += best[b];
	printf("%zu replies scanned, %.1f ns a reply (sink %lu)\n", n,
	       total / (double)n, sink % 10);
	free(best);
	free(r);
	free(buf);
	return 0;
}
