/* dovecot.c - the benchmark's Dovecot peer: libdovecot's SMTP reply parser
 * (lib-smtp, smtp-reply-parser.h, as Dovecot's submission and LMTP proxies
 * use it) over the same corpus as bench/bench.c.
 *
 *   dovecot CORPUS RUNS MIN_MS
 *
 * One pass puts the whole corpus in a memory istream and calls
 * smtp_reply_parse_next(parser, TRUE, ...) (enhanced codes on, like ours)
 * until the stream is used up. Dovecot refuses a reply with 8-bit text (the
 * corpus has one, in UTF-8): it is counted as refused and stepped over
 * with a new parser after it, as a client would reconnect. Time is the
 * process's CPU time, the median of RUNS runs of at least MIN_MS each after
 * MIN_MS untimed, as in bench.c. Prints one line:
 *   RESULT replies=N refused=N bytes=N ns_per_reply=X mb_s=X ns_min=X ns_max=X
 * (ns_per_reply is the median run's; ns_min and ns_max the fastest and
 * slowest run's.)
 * Built and run by bench/run.sh against Debian's dovecot-dev/dovecot-core
 * (bench/peers/setup.sh installs them). */
#define HAVE_CONFIG_H 1
#include "lib.h"
#include "istream.h"
#include "smtp-reply-parser.h"

#include <stdio.h>
#include <time.h>

static uint64_t cpu_ns(void)
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

/* Where the reply that starts at `at` ends: after its first line whose
 * fourth byte is not '-' (to step over a reply the parser refused). */
static size_t skip_reply(const unsigned char *data, size_t size, size_t at)
{
	while (at < size) {
		const unsigned char *lf = memchr(data + at, '\n', size - at);
		size_t next = lf ? (size_t)(lf - data) + 1 : size;
		int more = next - at > 4 && data[at + 3] == '-';
		at = next;
		if (!more)
			break;
	}
	return at;
}

/* One pass: the number of replies parsed; *refused counts those the parser
 * turned down (Dovecot refuses 8-bit text), each stepped over. */
static long one_pass(const unsigned char *data, size_t size, unsigned long *sum,
                     long *refused)
{
	size_t at = 0;
	long n = 0;

	*refused = 0;
	while (at < size) {
		struct istream *input = i_stream_create_from_data(data + at, size - at);
		struct smtp_reply_parser *parser = smtp_reply_parser_init(input, 0);
		struct smtp_reply *reply;
		const char *error;
		size_t good = 0; /* the end of the last reply parsed */
		int ret;

		while ((ret = smtp_reply_parse_next(parser, TRUE, &reply, &error)) > 0) {
			*sum += reply->status + reply->enhanced_code.y;
			n++;
			good = input->v_offset;
		}
		smtp_reply_parser_deinit(&parser);
		i_stream_unref(&input);
		if (ret == 0 || at + good >= size)
			break; /* all of it */
		(*refused)++;
		at = skip_reply(data, size, at + good);
	}
	return n;
}

int main(int argc, char **argv)
{
	unsigned char *data = NULL;
	size_t size = 0, cap = 0;
	double t[64];
	unsigned long sum = 0;
	long n = 0, refused = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: dovecot CORPUS RUNS MIN_MS\n");
		return 2;
	}
	int runs = atoi(argv[2]);
	double min_ns = atof(argv[3]) * 1e6;
	if (runs < 1)
		runs = 1;
	if (runs > 64)
		runs = 64;
	FILE *f = fopen(argv[1], "rb");
	if (f == NULL) {
		perror(argv[1]);
		return 1;
	}
	for (;;) { /* the whole file, however big (the big corpus is 8 MB) */
		if (size == cap) {
			unsigned char *nd = realloc(data, cap = cap ? cap * 2 : 1 << 20);
			if (nd == NULL) {
				fprintf(stderr, "dovecot: out of memory\n");
				return 1;
			}
			data = nd;
		}
		size_t got = fread(data + size, 1, cap - size, f);
		if (got == 0)
			break;
		size += got;
	}
	fclose(f);

	lib_init();
	/* Warm-up, not timed, as in bench.c. */
	for (uint64_t start = cpu_ns(); cpu_ns() - start < min_ns;)
		n = one_pass(data, size, &sum, &refused);
	for (int k = 0; k < runs; k++) {
		unsigned long passes = 0;
		uint64_t start = cpu_ns(), el;
		do {
			n = one_pass(data, size, &sum, &refused);
			passes++;
			el = cpu_ns() - start;
		} while (el < min_ns);
		t[k] = (double)el / (double)passes;
	}
	lib_deinit();
	qsort(t, (size_t)runs, sizeof t[0], cmp_double);
	double pass = t[runs / 2];
	/* Time per reply over all the replies given, refused ones included. */
	printf("RESULT replies=%ld refused=%ld bytes=%zu ns_per_reply=%.2f "
	       "mb_s=%.2f ns_min=%.2f ns_max=%.2f\n", n, refused, size,
	       pass / (double)(n + refused), (double)size / pass * 1e3,
	       t[0] / (double)(n + refused), t[runs - 1] / (double)(n + refused));
	(void)sum;
	free(data);
	return 0;
}
