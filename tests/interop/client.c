/*
 * client.c - libsmtpreply's interop client: talk to a real SMTP server on
 * the loopback interface, read its replies through the streaming parser
 * and check each one against a session script (see scripts/README).
 *
 *     client [-t SECONDS] HOST PORT SCRIPT
 *
 * HOST must be 127.0.0.1 or ::1. One line per reply:
 *     ok   EHLO 250 (11 lines) mx.example ...
 *     FAIL RCPT expected 550 5.1.1, got 451 4.3.0: ...
 * and a summary line. Exit status: 0 when every reply was as expected, 1 on
 * any mismatch, parse error, time-out or early hang-up, 2 on bad usage.
 */
#define _POSIX_C_SOURCE 200809L
#include <smtpreply.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../escape.h"

#define MAX_CODES 4

struct step {
	char name[32];
	int codes[MAX_CODES]; /* 0-terminated; empty = not checked */
	int enh_check;        /* 0 not checked, 1 must be none, 2 must equal */
	struct smtpreply_enhanced enh;
	char *cmd; /* bytes to send (CR LF added), or NULL */
	size_t cmd_len;
	int lineno;
};

static const char *script_path;
static int timeout_ms = 15000;
static int passed, failed;

static void usage(void)
{
	fprintf(stderr, "usage: client [-t SECONDS] 127.0.0.1|::1 PORT SCRIPT\n");
	exit(2);
}

static void bad_script(int lineno, const char *what)
{
	fprintf(stderr, "client: %s:%d: %s\n", script_path, lineno, what);
	exit(2);
}

/* Unescape a command of the script (escapes as in tests/escape.h) and add
 * CR LF. */
static char *unescape_cmd(const char *s, size_t *len, int lineno)
{
	char *o;
	size_t k = unescape(s, &o, script_path, lineno);
	char *r = realloc(o, k + 3);
	if (r == NULL)
		bad_script(lineno, "out of memory");
	r[k++] = '\r';
	r[k++] = '\n';
	*len = k;
	return r;
}

static int parse_enhanced(const char *s, struct smtpreply_enhanced *e)
{
	char tail;
	if (sscanf(s, "%d.%d.%d%c", &e->klass, &e->subject, &e->detail, &tail) != 3)
		return 0;
	return (e->klass == 2 || e->klass == 4 || e->klass == 5) && e->subject >= 0 &&
	       e->subject <= 999 && e->detail >= 0 && e->detail <= 999;
}

static struct step *read_script(const char *path, size_t *count)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, n = 0, max = 0;
	ssize_t len;
	int lineno = 0;
	struct step *steps = NULL;

	if (!f) {
		fprintf(stderr, "client: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	while ((len = getline(&line, &cap, f)) >= 0) {
		char *cmd, *p, *w[3];
		int nw = 0;
		struct step *st;

		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = 0;
		p = line + strspn(line, " \t");
		if (!*p || *p == '#')
			continue;
		if (n == max) {
			max = max ? 2 * max : 64;
			steps = realloc(steps, max * sizeof *steps);
			if (!steps)
				bad_script(lineno, "out of memory");
		}
		st = &steps[n++];
		memset(st, 0, sizeof *st);
		st->lineno = lineno;
		cmd = strchr(p, '>');
		if (cmd)
			*cmd++ = 0;
		for (char *tok = strtok(p, " \t"); tok; tok = strtok(NULL, " \t")) {
			if (nw == 3)
				bad_script(lineno, "want NAME CODE ENHANCED [>COMMAND]");
			w[nw++] = tok;
		}
		if (nw != 3)
			bad_script(lineno, "want NAME CODE ENHANCED [>COMMAND]");
		snprintf(st->name, sizeof st->name, "%s", w[0]);
		if (strcmp(w[1], "-") != 0) {
			int k = 0;
			for (char *c = w[1]; *c;) {
				char *end;
				long v = strtol(c, &end, 10);
				if (end == c || v < 100 || v > 599 || k == MAX_CODES - 1)
					bad_script(lineno, "bad CODE");
				st->codes[k++] = (int)v;
				c = *end == '/' ? end + 1 : end;
				if (*end && *end != '/')
					bad_script(lineno, "bad CODE");
			}
		}
		if (strcmp(w[2], "none") == 0)
			st->enh_check = 1;
		else if (strcmp(w[2], "-") != 0) {
			if (!parse_enhanced(w[2], &st->enh))
				bad_script(lineno, "bad ENHANCED");
			st->enh_check = 2;
		}
		if (cmd)
			st->cmd = unescape_cmd(cmd, &st->cmd_len, lineno);
	}
	free(line);
	fclose(f);
	*count = n;
	return steps;
}

static int connect_to(const char *host, const char *port_s)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	char *end;
	long port = strtol(port_s, &end, 10);
	int fd;

	if (*end || port < 1 || port > 65535)
		usage();
	memset(&ss, 0, sizeof ss);
	if (strcmp(host, "127.0.0.1") == 0) {
		struct sockaddr_in *a = (struct sockaddr_in *)&ss;
		a->sin_family = AF_INET;
		a->sin_port = htons((unsigned short)port);
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		sl = sizeof *a;
	} else if (strcmp(host, "::1") == 0) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
		a->sin6_family = AF_INET6;
		a->sin6_port = htons((unsigned short)port);
		a->sin6_addr = in6addr_loopback;
		sl = sizeof *a;
	} else {
		fprintf(stderr, "client: only 127.0.0.1 and ::1, not %s\n", host);
		exit(2);
	}
	fd = socket(ss.ss_family, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&ss, sl) != 0) {
		printf("FAIL connect %s port %ld: %s\n", host, port, strerror(errno));
		return -1;
	}
	return fd;
}

static int send_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Received bytes not yet consumed: buf[start..len). */
static char *buf;
static size_t start, len, cap;
static int eof;

/* Read more bytes; 1 got some, 0 EOF, -1 time-out or error. */
static int fill(int fd, long long deadline)
{
	for (;;) {
		long long left = deadline - now_ms();
		struct pollfd pfd = {fd, POLLIN, 0};
		int r;
		if (left <= 0)
			return -1;
		r = poll(&pfd, 1, (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		break;
	}
	if (start > 0 && start == len)
		start = len = 0;
	if (len == cap) {
		if (start > 0) {
			memmove(buf, buf + start, len - start);
			len -= start;
			start = 0;
		} else {
			cap = cap ? 2 * cap : 65536;
			buf = realloc(buf, cap);
			if (!buf) {
				perror("client");
				exit(1);
			}
		}
	}
	for (;;) {
		ssize_t r = recv(fd, buf + len, cap - len, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0) {
			eof = 1;
			return 0;
		}
		len += (size_t)r;
		return 1;
	}
}

/* Text for the report: escape what a terminal should not see. */
static void print_text(const char *p, size_t n)
{
	if (n > 100)
		n = 100;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c < 0x20 || c == 0x7f || c == '\\')
			printf("\\x%02x", c);
		else
			putchar(c);
	}
}

static void print_enh(const struct smtpreply_enhanced *e)
{
	if (e->klass)
		printf("%d.%d.%d", e->klass, e->subject, e->detail);
	else
		printf("none");
}

static void check_reply(const struct step *st, const struct smtpreply *r)
{
	int code_ok = st->codes[0] == 0, enh_ok = 1;
	for (int k = 0; st->codes[k]; k++)
		if (st->codes[k] == r->code)
			code_ok = 1;
	if (st->enh_check == 1)
		enh_ok = r->enhanced.klass == 0;
	else if (st->enh_check == 2)
		enh_ok = r->enhanced.klass == st->enh.klass &&
		         r->enhanced.subject == st->enh.subject &&
		         r->enhanced.detail == st->enh.detail;
	if (code_ok && enh_ok) {
		passed++;
		printf("ok   %-9s %d ", st->name, r->code);
		if (r->enhanced.klass) {
			print_enh(&r->enhanced);
			putchar(' ');
		}
	} else {
		failed++;
		printf("FAIL %-9s expected ", st->name);
		for (int k = 0; st->codes[k]; k++)
			printf("%s%d", k ? "/" : "", st->codes[k]);
		if (!st->codes[0])
			printf("any code");
		if (st->enh_check == 1)
			printf(" none");
		else if (st->enh_check == 2) {
			putchar(' ');
			print_enh(&st->enh);
		}
		printf(", got %d ", r->code);
		print_enh(&r->enhanced);
		printf(": ");
	}
	if (r->nlines > 1)
		printf("(%zu lines) ", r->nlines);
	print_text(r->first_line.ptr, r->first_line.len);
	if (r->flags) {
		printf(" [");
		for (unsigned bit = 1, first = 1; bit; bit <<= 1)
			if (r->flags & bit) {
				printf("%s%s", first ? "" : ",", smtpreply_flag_name(bit));
				first = 0;
			}
		printf("]");
	}
	putchar('\n');
}

int main(int argc, char **argv)
{
	struct smtpreply_parser parser;
	struct step *steps;
	size_t nsteps;
	int opt, fd;

	while ((opt = getopt(argc, argv, "t:")) != -1) {
		if (opt == 't')
			timeout_ms = atoi(optarg) * 1000;
		else
			usage();
	}
	if (argc - optind != 3 || timeout_ms <= 0)
		usage();
	signal(SIGPIPE, SIG_IGN);
	script_path = argv[optind + 2];
	steps = read_script(script_path, &nsteps);
	fd = connect_to(argv[optind], argv[optind + 1]);
	if (fd < 0) {
		printf("client: %s: 0 of %zu replies as expected\n", script_path, nsteps);
		return 1;
	}
	smtpreply_parser_init(&parser, NULL);

	size_t i;
	for (i = 0; i < nsteps; i++) {
		const struct step *st = &steps[i];
		long long deadline = now_ms() + timeout_ms;
		int done = 0;

		if (st->cmd && send_all(fd, st->cmd, st->cmd_len) != 0) {
			printf("FAIL %-9s cannot send: %s\n", st->name, strerror(errno));
			failed++;
			break;
		}
		while (!done) {
			struct smtpreply reply;
			int r;

			memset(&reply, 0, sizeof reply);
			r = smtpreply_parser_parse(&parser, buf + start, len - start, &reply);
			if (r > 0) {
				check_reply(st, &reply);
				start += (size_t)r;
				done = 1;
			} else if (r == SMTPREPLY_INCOMPLETE) {
				start += reply.skip;
				if (eof) {
					printf("FAIL %-9s the server hung up%s\n", st->name,
					       len > start ? " inside a reply" : "");
					failed++;
					break;
				}
				if (fill(fd, deadline) < 0) {
					printf("FAIL %-9s no reply within %d s\n", st->name,
					       timeout_ms / 1000);
					failed++;
					break;
				}
			} else {
				printf("FAIL %-9s parse error %s at offset %zu: ", st->name,
				       smtpreply_result_name(r), reply.error_offset);
				print_text(buf + start, len - start < 60 ? len - start : 60);
				putchar('\n');
				failed++;
				if (reply.skip == 0)
					break;
				start += reply.skip;
				/* the step still waits for a reply */
			}
		}
		if (!done)
			break;
	}
	/* Steps never reached count as failures too. */
	for (i = i < nsteps ? i + 1 : i; i < nsteps; i++) {
		printf("FAIL %-9s not reached\n", steps[i].name);
		failed++;
	}
	close(fd);
	printf("client: %s: %d of %zu replies as expected\n", script_path, passed, nsteps);
	return failed || passed != (int)nsteps ? 1 : 0;
}
