/*
 * read_loop.c - a mail client's read loop: one SMTP transaction over a
 * socket, with the streaming parser and PIPELINING (RFC 2920).
 *
 *   read_loop PORT [FROM [TO...]]      connects to 127.0.0.1:PORT
 *   read_loop HOST:PORT [FROM [TO...]]
 *
 * Replies arrive in arbitrary pieces: one recv() can end inside a reply,
 * or hold several (the answers to pipelined commands). The loop keeps the
 * unconsumed bytes in one buffer, hands all of them to
 * smtpreply_parser_parse() after every read, drops what each complete
 * reply used, and matches replies to the commands in the order they were
 * sent. Every reply is logged with smtpreply_format() and what to do about
 * it with smtpreply_action() and smtpreply_reason().
 *
 * The buffer is fixed, 4 KiB, and opts.max_reply is its size: then it
 * always suffices. A reply too big for it (a 22 KB EHLO list, 100,000
 * lines, a line that never ends) comes back as one error carrying the
 * reply's code: that error is the answer to one command, and the parser
 * drops the rest of that reply as it arrives, so the next reply is read
 * correctly. Junk lines between replies are errors with code 0: they
 * answer nothing.
 *
 * Build: cc -o read_loop read_loop.c $(pkg-config --cflags --libs libsmtpreply)
 */
#include <smtpreply.h>

#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#define MAX_PENDING 64

struct conn {
	int fd;
	struct smtpreply_parser parser;
	/* Unconsumed bytes. opts.max_reply is its size: a reply that fits is
	 * returned, one that does not is an error, never a stall. */
	char buf[4096];
	size_t have;
	/* The commands sent and not yet answered, oldest first. */
	enum smtpreply_command pending[MAX_PENDING];
	char what[MAX_PENDING][80];
	size_t npending;
};

static int dial(const char *host, const char *port)
{
	struct addrinfo hints, *res, *ai;
	int fd = -1, rc;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	rc = getaddrinfo(host, port, &hints, &res);
	if (rc != 0) {
		fprintf(stderr, "read_loop: %s:%s: %s\n", host, port, gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
		if (fd < 0)
			continue;
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0)
		fprintf(stderr, "read_loop: cannot connect to %s:%s\n", host, port);
	return fd;
}

static int send_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, p, n, 0);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Queue a command (its reply is expected later) and add its line to out. */
static void queue(struct conn *c, char *out, size_t size,
                  enum smtpreply_command cmd, const char *line)
{
	size_t len = strlen(out);
	snprintf(out + len, size - len, "%s\r\n", line);
	snprintf(c->what[c->npending], sizeof c->what[0], "%s", line);
	c->pending[c->npending++] = cmd;
	printf("-> %s\n", line);
}

/*
 * The read loop: the next answer, in r. Returns 1 for a reply (its bytes
 * stay valid until the next call), -1 for a reply that could not be read
 * (over a limit: r->code is its code, the rest of it is dropped as it
 * comes), 0 when the connection ends. Bytes that are not an SMTP reply
 * are reported and skipped; they answer no command.
 */
static int next_reply(struct conn *c, struct smtpreply *r, size_t *used)
{
	/* Drop the reply returned last time. */
	memmove(c->buf, c->buf + *used, c->have - *used);
	c->have -= *used;
	*used = 0;
	for (;;) {
		int n = smtpreply_parser_parse(&c->parser, c->buf, c->have, r);
		if (n > 0) {
			*used = (size_t)n;
			return 1;
		}
		/* Drop what the parser says to drop: after an error, and also
		 * with INCOMPLETE (the rest of a failed reply, as it comes). */
		memmove(c->buf, c->buf + r->skip, c->have - r->skip);
		c->have -= r->skip;
		if (n != SMTPREPLY_INCOMPLETE) {
			if (r->code != 0) {
				printf("<- (a %d reply the client cannot read: %s)\n", r->code,
				       smtpreply_result_name(n));
				return -1;
			}
			printf("<- (not a reply: %s, %zu bytes skipped)\n",
			       smtpreply_result_name(n), r->skip);
			continue;
		}
		/* INCOMPLETE: there is room, since the buffer holds less than
		 * max_reply bytes here. */
		ssize_t got = recv(c->fd, c->buf + c->have, sizeof c->buf - c->have, 0);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return 0;
		c->have += (size_t)got;
	}
}

/* Wait for the answers to every queued command; returns how many failed
 * or must be retried. */
static int answers(struct conn *c, const char *host, int *data_ok)
{
	struct smtpreply r;
	size_t used = 0;
	int bad = 0;
	size_t i;

	for (i = 0; i < c->npending; i++) {
		char line[1024];
		int got = next_reply(c, &r, &used);
		const struct smtpreply *rp = &r;
		enum smtpreply_command cmd = c->pending[i];
		enum smtpreply_action act;

		if (got == 0) {
			printf("<- (connection closed; %zu commands unanswered)\n",
			       c->npending - i);
			c->npending = 0;
			return bad + 1;
		}
		/* An unreadable reply still has its code: act on that. */
		act = smtpreply_action(rp, cmd);
		if (got > 0) {
			smtpreply_format(line, sizeof line, rp, host, cmd, 0);
			printf("<- %s\n", line);
		}
		printf("   %s: %s", c->what[i], smtpreply_action_name(act));
		if (got > 0 &&
		    (act == SMTPREPLY_ACTION_FAIL || act == SMTPREPLY_ACTION_RETRY)) {
			enum smtpreply_reason why = smtpreply_reason(rp, cmd);
			printf(", reason %s", smtpreply_reason_name(why));
		}
		if (act == SMTPREPLY_ACTION_FAIL || act == SMTPREPLY_ACTION_RETRY)
			bad++;
		if (cmd == SMTPREPLY_CMD_DATA && data_ok != NULL)
			*data_ok = act == SMTPREPLY_ACTION_CONTINUE;
		if (got > 0 && cmd == SMTPREPLY_CMD_DOT && act == SMTPREPLY_ACTION_SUCCESS) {
			struct smtpreply_str id = smtpreply_queue_id(rp);
			if (id.ptr != NULL)
				printf(", queued as %.*s", (int)id.len, id.ptr);
		}
		printf("\n");
	}
	/* Forget the last reply's bytes. */
	memmove(c->buf, c->buf + used, c->have - used);
	c->have -= used;
	c->npending = 0;
	return bad;
}

int main(int argc, char **argv)
{
	static struct conn c;
	struct smtpreply_options opts;
	char host[256] = "127.0.0.1", out[4096], line[600];
	const char *port, *from = "sender@example.org";
	static char def_rcpt[] = "postmaster@example.net";
	static char *def_to[] = {def_rcpt};
	char *const *to = def_to;
	int nto = 1, pipelining = 0, data_ok = 0, failures = 0, i;
	char *colon;

	if (argc < 2) {
		fprintf(stderr, "usage: read_loop [HOST:]PORT [FROM [TO...]]\n");
		return 2;
	}
	port = argv[1];
	if ((colon = strrchr(argv[1], ':')) != NULL) {
		snprintf(host, sizeof host, "%.*s", (int)(colon - argv[1]), argv[1]);
		port = colon + 1;
	}
	if (argc > 2)
		from = argv[2];
	if (argc > 3) {
		to = argv + 3;
		nto = argc - 3;
	}
	if (nto > MAX_PENDING - 4)
		nto = MAX_PENDING - 4;

	c.fd = dial(host, port);
	if (c.fd < 0)
		return 1;
	smtpreply_options_init(&opts);
	opts.max_reply = sizeof c.buf; /* then the buffer always suffices */
	smtpreply_parser_init(&c.parser, &opts);

	/* The greeting is the answer to connecting. */
	c.pending[0] = SMTPREPLY_CMD_GREETING;
	snprintf(c.what[0], sizeof c.what[0], "greeting");
	c.npending = 1;
	if (answers(&c, host, NULL) != 0)
		goto quit;

	/* EHLO, and whether the server pipelines. */
	out[0] = '\0';
	queue(&c, out, sizeof out, SMTPREPLY_CMD_EHLO, "EHLO client.example.org");
	if (send_all(c.fd, out, strlen(out)) < 0)
		return 1;
	{
		struct smtpreply r;
		size_t used = 0;
		/* Read the EHLO reply here to look at its extensions. */
		int got = next_reply(&c, &r, &used);
		char text[1024];
		if (got == 0)
			return 1;
		if (got > 0) {
			smtpreply_format(text, sizeof text, &r, host, SMTPREPLY_CMD_EHLO, 0);
			printf("<- %s\n", text);
		}
		if (smtpreply_action(&r, SMTPREPLY_CMD_EHLO) != SMTPREPLY_ACTION_SUCCESS) {
			failures++;
			c.npending = 0;
			goto quit;
		}
		if (got > 0) {
			pipelining = smtpreply_ehlo_find(&r, "PIPELINING", NULL);
			printf("   server %s PIPELINING; SIZE limit %lld\n",
			       pipelining ? "offers" : "does not offer",
			       smtpreply_ehlo_size(&r));
		} else {
			/* Accepted, but its list could not be read: no
			 * extensions, one command at a time. */
			printf("   EHLO accepted; extensions unknown, no PIPELINING\n");
		}
		memmove(c.buf, c.buf + used, c.have - used);
		c.have -= used;
		c.npending = 0;
	}

	/* The envelope: with PIPELINING, MAIL, every RCPT and DATA go out in
	 * one write and their replies are read afterwards, in order. */
	out[0] = '\0';
	snprintf(line, sizeof line, "MAIL FROM:<%s>", from);
	queue(&c, out, sizeof out, SMTPREPLY_CMD_MAIL, line);
	if (!pipelining) {
		send_all(c.fd, out, strlen(out));
		failures += answers(&c, host, NULL);
		out[0] = '\0';
	}
	for (i = 0; i < nto; i++) {
		snprintf(line, sizeof line, "RCPT TO:<%s>", to[i]);
		queue(&c, out, sizeof out, SMTPREPLY_CMD_RCPT, line);
		if (!pipelining) {
			send_all(c.fd, out, strlen(out));
			failures += answers(&c, host, NULL);
			out[0] = '\0';
		}
	}
	queue(&c, out, sizeof out, SMTPREPLY_CMD_DATA, "DATA");
	if (pipelining)
		printf("   (%zu commands pipelined in one write)\n", c.npending);
	if (send_all(c.fd, out, strlen(out)) < 0)
		return 1;
	failures += answers(&c, host, &data_ok);

	if (data_ok) {
		static const char msg[] = "From: <sender@example.org>\r\n"
		                          "Subject: test\r\n\r\nHello.\r\n.\r\n";
		printf("-> (message, %zu bytes, and the final dot)\n", sizeof msg - 1);
		c.pending[0] = SMTPREPLY_CMD_DOT;
		snprintf(c.what[0], sizeof c.what[0], "end of data");
		c.npending = 1;
		if (send_all(c.fd, msg, sizeof msg - 1) < 0)
			return 1;
		failures += answers(&c, host, NULL);
	}
quit:
	out[0] = '\0';
	queue(&c, out, sizeof out, SMTPREPLY_CMD_QUIT, "QUIT");
	if (send_all(c.fd, out, strlen(out)) == 0)
		answers(&c, host, NULL);
	close(c.fd);
	printf("%d command(s) failed or deferred\n", failures);
	return failures ? 1 : 0;
}
