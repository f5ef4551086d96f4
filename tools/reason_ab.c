/* reason_ab.c - bench.c's "parse + action + reason" of two builds of the
 * library, timed in turn in one process (tools/reason_ab.sh builds it).
 * On a shared machine a change of a few percent is lost between two
 * bench runs; here both builds meet the same load. The corpus is cut in
 * blocks of 256 replies; each pass times every block with each build in
 * turn (which goes first alternating), and a block's figure is its
 * minimum over the passes. The sums of those minima give the ratio b/a.
 *
 *   reason_ab FILE.txt FILE.cmds [PASSES [control|solo]]
 *
 * With `control` both sides run build a: the ratio the noise alone gives.
 * The two builds' tables share the caches here: with two builds a reply
 * takes about 230 ns on the big corpus, with one (control) about 155, the
 * two phrase automata (some 800 KB each) competing for the 1 MiB L2. So
 * for a change of the tables' layout the ratio is blurred (session 13:
 * -8% simulated D1 misses read as 0.97-1.01); read callgrind's simulated
 * misses beside it. For a change of code it is the fair test. With `solo`
 * each pass is a whole pass of one build, then of the other (which goes
 * first alternating), so that each meets the caches holding its own
 * automaton as bench's one build does (session 14: a change to the rows'
 * layout and addressing read 0.99-1.01 in turn, 0.97 each alone). x_a and x_b
 * are smtpreply_parse,
 * smtpreply_action, smtpreply_reason and smtpreply_command_parse of the
 * two libraries, every other symbol of theirs made local (objcopy). */
#define _POSIX_C_SOURCE 200809L
#include <smtpreply.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BUILD(x)                                                              \
	int parse_##x(const char *, size_t, const struct smtpreply_options *, \
	              struct smtpreply *);                                    \
	enum smtpreply_action action_##x(const struct smtpreply *,            \
	                                 enum smtpreply_command);             \
	enum smtpreply_reason reason_##x(const struct smtpreply *,            \
	                                 enum smtpreply_command);             \
	enum smtpreply_command cmd_##x(const char *);
BUILD(a)
BUILD(b)

#define BLOCK 256

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;
	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		perror(path);
		exit(1);
	}
	buf = malloc((size_t)len + 1);
	if (buf == NULL || fread(buf, 1, (size_t)len, f) != (size_t)len) {
		perror(path);
		exit(1);
	}
	buf[len] = '\0';
	fclose(f);
	*n = (size_t)len;
	return buf;
}

static double now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

/* bench.c's op_reason over one block */
#define OP(x)                                                                 \
	__attribute__((noinline)) static uint64_t op_##x(                     \
	    const char *buf, size_t len, const enum smtpreply_command *cmd)   \
	{                                                                     \
		struct smtpreply r;                                           \
		uint64_t sum = 0;                                             \
		size_t off = 0, i = 0;                                        \
		while (off < len) {                                           \
			int rc = parse_##x(buf + off, len - off, NULL, &r);   \
			if (rc <= 0)                                          \
				return 0;                                     \
			sum += (uint64_t)action_##x(&r, cmd[i]) * 64u +       \
			       (uint64_t)reason_##x(&r, cmd[i]);              \
			off += (size_t)rc;                                    \
			i++;                                                  \
		}                                                             \
		return sum;                                                   \
	}
OP(a)
OP(b)

/* Times one block on one side (run_b: b's build, else a's, which control
 * runs on both sides), keeping the side's minimum for the block and
 * adding its answers to the side's check sum. */
static void time_block(int run_b, const char *s, size_t len,
                       const enum smtpreply_command *c, double *min,
                       uint64_t *check)
{
	double t0 = now_ns(), d;
	uint64_t v = run_b ? op_b(s, len, c) : op_a(s, len, c);
	d = now_ns() - t0;
	*check += v;
	if (d < *min)
		*min = d;
}

int main(int argc, char **argv)
{
	size_t n, cn, k = 0, nb = 0, off = 0, i = 0, cap;
	char *buf, *cmds;
	enum smtpreply_command *cmd;
	size_t *boff, *bidx;
	double *min[2], sa = 0, sb = 0;
	int passes, control, solo;
	uint64_t check[2] = {0, 0};
	struct smtpreply r;

	if (argc < 3) {
		fprintf(stderr,
		        "usage: reason_ab FILE.txt FILE.cmds [PASSES [control|solo]]\n");
		return 2;
	}
	buf = slurp(argv[1], &n);
	cmds = slurp(argv[2], &cn);
	passes = argc > 3 ? atoi(argv[3]) : 30;
	control = argc > 4 && strcmp(argv[4], "control") == 0;
	solo = argc > 4 && strcmp(argv[4], "solo") == 0;
	if (passes < 1)
		passes = 1;
	cap = cn + 1; /* at most one command a byte */
	cmd = malloc(cap * sizeof *cmd);
	for (char *line = cmds; line < cmds + cn && k < cap; k++) {
		char *nl = memchr(line, '\n', (size_t)(cmds + cn - line));
		if (nl != NULL)
			*nl = '\0';
		cmd[k] = cmd_a(line);
		line = nl != NULL ? nl + 1 : cmds + cn;
	}
	boff = malloc((k / BLOCK + 2) * sizeof *boff);
	bidx = malloc((k / BLOCK + 2) * sizeof *bidx);
	while (off < n && i < k) {
		int rc;
		if (i % BLOCK == 0) {
			boff[nb] = off;
			bidx[nb] = i;
			nb++;
		}
		rc = parse_a(buf + off, n - off, NULL, &r);
		if (rc <= 0)
			break;
		off += (size_t)rc;
		i++;
	}
	boff[nb] = off;
	bidx[nb] = i;
	min[0] = malloc(nb * sizeof *min[0]);
	min[1] = malloc(nb * sizeof *min[1]);
	for (size_t j = 0; j < nb; j++)
		min[0][j] = min[1][j] = 1e300;
	/* solo: a whole pass of one build, then one of the other (which
	 * goes first alternating), so that each meets the caches holding
	 * its own automaton, as bench's one build does; the blocks' minima
	 * as below. */
	for (int p = 0; solo && p < passes; p++) {
		for (int t = 0; t < 2; t++) {
			int side_b = (p + t) & 1;
			for (size_t j = 0; j < nb; j++) {
				time_block(side_b, buf + boff[j],
				           boff[j + 1] - boff[j], cmd + bidx[j],
				           &min[side_b][j], &check[side_b]);
			}
		}
	}
	for (int p = 0; !solo && p < passes; p++) {
		for (size_t j = 0; j < nb; j++) {
			for (int t = 0; t < 2; t++) {
				int side_b = (int)(((size_t)p + j + (size_t)t) & 1);
				time_block(side_b && !control, buf + boff[j],
				           boff[j + 1] - boff[j], cmd + bidx[j],
				           &min[side_b][j], &check[side_b]);
			}
		}
	}
	for (size_t j = 0; j < nb; j++) {
		sa += min[0][j];
		sb += min[1][j];
	}
	if (check[0] != check[1])
		printf("b's answers differ from a's\n");
	printf("%s: %zu replies, %zu blocks of %d, %d passes: a %.1f ns, b "
	       "%.1f ns a reply; b/a %.4f%s\n",
	       argv[1], i, nb, BLOCK, passes, sa / (double)i, sb / (double)i,
	       sb / sa,
	       control ? " (control: a on both sides)"
	               : solo ? " (solo: a pass of each in turn)" : "");
	return check[0] != check[1];
}
