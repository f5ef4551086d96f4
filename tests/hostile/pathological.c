/* pathological.c - hostile inputs and their documented results.
 *
 *   pathological [SCALE]
 *
 * Runs each input at SCALE (1 = the sizes named below) and checks that it
 * ends with the documented result. tests/hostile/linear.sh runs it under
 * callgrind at two scales to show the work grows linearly with the input.
 *
 *   lines:   a 1 MiB reply of "250-" lines, fed one byte at a time
 *   empty:   a million empty lines, fed one byte at a time and in 4 KiB
 *   endless: a 10 MiB line with no line end, in 4 KiB pieces and whole
 *   nul:     1 MiB of NUL bytes;  cr: 1 MiB of CR bytes
 *   many:    100 000 small pipelined replies, fed one byte at a time
 *   quotes:  100 replies of 4000 bytes whose text is quotes inside quotes,
 *            classified in a child whose stack is held to 512 KiB */
#include "check.h"
#include "smtpreply.h"

#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

struct tally {
	size_t replies, errors[16], consumed, lines;
	int last_code;
};

/* Feeds buf in pieces of `piece` bytes, as a socket reader would. */
static void feed(const char *buf, size_t len, size_t piece,
                 const struct smtpreply_options *o, struct tally *t)
{
	struct smtpreply_parser p;
	struct smtpreply r;
	size_t arrived = 0;

	memset(t, 0, sizeof *t);
	smtpreply_parser_init(&p, o);
	while (arrived < len) {
		arrived += piece < len - arrived ? piece : len - arrived;
		for (;;) {
			int rc = smtpreply_parser_parse(&p, buf + t->consumed,
			                                arrived - t->consumed, &r);
			if (rc > 0) {
				t->replies++;
				t->lines += r.nlines;
				t->last_code = r.code;
				t->consumed += (size_t)rc;
				continue;
			}
			t->consumed += r.skip;
			if (rc == SMTPREPLY_INCOMPLETE)
				break;
			t->errors[-rc]++;
		}
	}
}

static char *repeat(const char *unit, size_t times, size_t *len)
{
	size_t ul = strlen(unit);
	char *b = malloc(ul * times + 64);
	for (size_t i = 0; i < times; i++)
		memcpy(b + i * ul, unit, ul);
	*len = ul * times;
	return b;
}

static void lines_reply(size_t scale)
{
	size_t n, count = (1u << 20) / 16 * scale;
	char *b = repeat("250-0123456789\r\n", count, &n);
	struct smtpreply_options o;
	struct tally t;

	/* Default limits: one too_many_lines for the whole oversized reply,
	 * whose rest is then dropped as it arrives (issue 12), nothing else. */
	feed(b, n, 1, NULL, &t);
	CHECK_INT(t.replies, 0);
	CHECK_INT(t.errors[-SMTPREPLY_E_TOO_MANY_LINES], 1);
	CHECK_INT(t.errors[-SMTPREPLY_E_REPLY_TOO_BIG], 0);
	CHECK_INT(t.consumed, n);

	/* Limits raised: one reply of count + 1 lines. */
	memcpy(b + n, "250 end\r\n", 9);
	smtpreply_options_init(&o);
	o.max_lines = (unsigned)count + 1;
	o.max_reply = (unsigned)n + 9;
	feed(b, n + 9, 1, &o, &t);
	CHECK_INT(t.replies, 1);
	CHECK_INT(t.lines, count + 1);
	CHECK_INT(t.consumed, n + 9);
	free(b);
}

static void empty_lines(size_t scale)
{
	size_t n, count = 1000000 * scale;
	char *b = repeat("\r\n", count, &n);
	struct tally t;
	size_t per_error = SMTPREPLY_DEFAULT_MAX_REPLY + 2;

	/* Empty lines count toward max_reply: one reply_too_big per 64 KiB. */
	for (size_t piece = 1; piece <= 4096; piece *= 4096) {
		feed(b, n, piece, NULL, &t);
		CHECK_INT(t.replies, 0);
		CHECK_INT(t.errors[-SMTPREPLY_E_REPLY_TOO_BIG], n / per_error);
		/* Fed a byte at a time, the limit is crossed mid-line: the
		 * error drops what has come, and the LF still to come is held
		 * for the next reply, which never completes here. */
		size_t want = n / per_error * per_error;
		CHECK(t.consumed <= want && want - t.consumed < 2);
	}
	free(b);
}

static void no_line_end(const char *name, char fill, size_t size)
{
	char *b = malloc(size);
	struct smtpreply r;
	struct tally t;

	memset(b, fill, size);
	if (fill == 'x')
		memcpy(b, "250 ", 4);
	/* Streaming: one line_too_long, then the rest is dropped as it comes. */
	feed(b, size, 4096, NULL, &t);
	CHECK_INT(t.errors[-SMTPREPLY_E_LINE_TOO_LONG], 1);
	CHECK_INT(t.replies, 0);
	CHECK_INT(t.consumed, size);
	/* One-shot: limits are checked before the grammar. */
	int rc = smtpreply_parse(b, size, NULL, &r);
	CHECK_INT(rc, SMTPREPLY_E_LINE_TOO_LONG);
	CHECK_INT(r.error_offset, SMTPREPLY_DEFAULT_MAX_LINE);
	CHECK_INT(r.skip, size);
	(void)name;
	free(b);
}

static void many_replies(size_t scale)
{
	size_t n, count = 100000 * scale;
	char *b = repeat("250 2.1.5 Ok\r\n", count, &n);
	struct tally t;

	feed(b, n, 1, NULL, &t);
	CHECK_INT(t.replies, count);
	CHECK_INT(t.last_code, 250);
	CHECK_INT(t.consumed, n);
	free(b);
}

/* The classifier judges a relay's quoted reply as a reply of its own
 * (src/classify.c, SR_QUOTE_DEPTH), and a quote in it in turn: a bounded
 * number of times. Checked where it shows: in a child whose stack may
 * not grow past 512 KiB (the classifier needs a few tens of KiB, ASan's
 * frames included), classifying replies of about 4000 bytes whose text is
 * quotes inside quotes, one every 16 bytes ("said: 550 x 550 said: 550 x
 * 550 ..."), unbounded 248 frames deep. The child must end normally
 * with a failure reason for each. */
static void nested_quotes(size_t scale)
{
	static const char head[] = "550 5.7.1 ";
	static const char unit[] = "said: 550 x 550 ";
	static const char tail[] = "User unknown\r\n";
	size_t n, count = (4000 - sizeof head - sizeof tail) / (sizeof unit - 1);
	char *q = repeat(unit, count, &n);
	char *b = malloc(sizeof head + n + sizeof tail);
	pid_t pid;
	int status = 0;

	memcpy(b, head, sizeof head - 1);
	memcpy(b + sizeof head - 1, q, n);
	memcpy(b + sizeof head - 1 + n, tail, sizeof tail);
	n += sizeof head - 1 + sizeof tail - 1;
	fflush(NULL);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		struct rlimit rl = {512u << 10, 512u << 10};
		struct smtpreply r;
		int bad = 0;
		if (setrlimit(RLIMIT_STACK, &rl) != 0)
			_exit(3);
		if (smtpreply_parse(b, n, NULL, &r) != (int)n)
			_exit(4);
		for (size_t k = 0; k < 100 * scale; k++)
			bad |= smtpreply_reason(&r, SMTPREPLY_CMD_RCPT) <=
			           SMTPREPLY_REASON_NONE ||
			       smtpreply_verdict(&r, SMTPREPLY_CMD_RCPT) <=
			           SMTPREPLY_VERDICT_NONE;
		_exit(bad ? 5 : 0);
	}
	if (pid > 0) {
		CHECK(waitpid(pid, &status, 0) == pid);
		CHECK(WIFEXITED(status));
		CHECK_INT(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0);
	}
	free(q);
	free(b);
}

int main(int argc, char **argv)
{
	size_t scale = argc > 1 ? strtoul(argv[1], NULL, 10) : 1;
	const char *only = argc > 2 ? argv[2] : "";

	if (scale == 0)
		scale = 1;
	if (!*only || !strcmp(only, "lines"))
		lines_reply(scale);
	if (!*only || !strcmp(only, "empty"))
		empty_lines(scale);
	if (!*only || !strcmp(only, "endless"))
		no_line_end("endless", 'x', (10u << 20) * scale);
	if (!*only || !strcmp(only, "nul"))
		no_line_end("nul", '\0', (1u << 20) * scale);
	if (!*only || !strcmp(only, "cr"))
		no_line_end("cr", '\r', (1u << 20) * scale);
	if (!*only || !strcmp(only, "many"))
		many_replies(scale);
	if (!*only || !strcmp(only, "quotes"))
		nested_quotes(scale);
	return check_report();
}
