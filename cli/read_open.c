/* read_open.c - opening an input, deciding what it holds, reading more of
 * it; the readers of each kind are read_raw.c, read_lines.c and
 * read_mail.c.
 *
 * Detection looks at the first chunk only, so memory stays constant:
 * - a mail message (an mbox "From " line, or header fields up to a blank
 *   line with From:, Subject:, Content-Type:, Received: or Return-Path:
 *   among them): messages, read with smtpreply_bounce_next;
 * - most lines starting with a reply code: raw server bytes, streamed
 *   through the parser (and with no CR anywhere, a file of text: its LF
 *   line ends are not flagged bare_lf);
 * - anything else: lines of a log, a transcript or text, read with
 *   smtpreply_find, when the chunk holds one of their records or most of
 *   its lines start with a log's time stamp; else raw bytes with errors. */
#include "read.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define REPLY_BUF ((size_t)1 << 20)

enum input input_parse(const char *name)
{
	static const struct {
		const char *name;
		enum input in;
	} names[] = {
		{"auto", IN_AUTO}, {"raw", IN_RAW}, {"log", IN_LOG},
		{"dsn", IN_DSN},   {"bounce", IN_DSN}, {"mail", IN_DSN},
		{"transcript", IN_TRANSCRIPT}, {"text", IN_LINES},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i].name) == 0)
			return names[i].in;
	return (enum input)-1;
}

static ssize_t read_some(int fd, char *p, size_t n)
{
	for (;;) {
		ssize_t got = read(fd, p, n);
		if (got >= 0 || errno != EINTR)
			return got;
	}
}

int reader_fill(struct reader *rd)
{
	/* the bytes before p[start] kept (a lines reader's look-back: the
	 * lines above its search, which may name a record's recipient) */
	size_t kb = rd->start < rd->keep_back ? rd->start : rd->keep_back;
	if (rd->start == rd->end && kb == 0)
		rd->start = rd->end = 0;
	if (rd->cap - rd->end < rd->chunk) {
		size_t drop = rd->start - kb;
		memmove(rd->p, rd->p + drop, rd->end - drop);
		rd->end -= drop;
		rd->base += 0; /* base is the offset of p[start]: unchanged */
		rd->msg_end -= rd->msg_end >= drop ? drop : rd->msg_end;
		rd->start = kb;
		if (rd->cap - rd->end < rd->chunk) {
			/* Only if the limits allow more than the buffer. */
			size_t cap = rd->end + rd->chunk;
			char *np = realloc(rd->p, cap);
			if (np == NULL) {
				rd->error = ENOMEM;
				return -1;
			}
			memset(np + rd->cap, 0, cap - rd->cap);
			rd->p = np;
			rd->cap = cap;
		}
	}
	ssize_t got = read_some(rd->fd, rd->p + rd->end, rd->chunk);
	if (got < 0) {
		rd->error = errno ? errno : EIO;
		return -1;
	}
	if (got == 0)
		rd->eof = 1;
	rd->end += (size_t)got;
	rd->bytes += (unsigned long long)got;
	return rd->eof;
}

static int is_code_line(const char *p, size_t n)
{
	return n >= 3 && p[0] >= '1' && p[0] <= '5' && p[1] >= '0' &&
	       p[1] <= '9' && p[2] >= '0' && p[2] <= '9' &&
	       (n == 3 || p[3] == ' ' || p[3] == '-' || p[3] == '\r');
}

static int digits(const char *p, const char *shape)
{
	for (; *shape; p++, shape++)
		if (*shape == '9' ? *p < '0' || *p > '9' : *p != *shape)
			return 0;
	return 1;
}

/* A log line's time stamp first: syslog's "Dec  2 09:25:54" or an ISO
 * 8601 date-time ("2024-01-12 10:00:01", "2024-01-12T10:00:01", Exim's,
 * journald's short-iso, Exchange's message tracking). */
static int is_stamped_line(const char *p, size_t n)
{
	if (n >= 15 && p[0] >= 'A' && p[0] <= 'Z' && p[1] >= 'a' && p[1] <= 'z' &&
	    p[2] >= 'a' && p[2] <= 'z' && p[3] == ' ' &&
	    (p[4] == ' ' || (p[4] >= '0' && p[4] <= '3')) && digits(p + 5, "9 99:99:99"))
		return 1;
	return n >= 16 && digits(p, "9999-99-99") && (p[10] == ' ' || p[10] == 'T') &&
	       digits(p + 11, "99:99");
}

static int looks_like_mail(const char *p, size_t n)
{
	if (n >= 5 && memcmp(p, "From ", 5) == 0)
		return 1;
	static const char *const fields[] = {"From:", "Subject:", "Content-Type:",
	                                     "Received:", "Return-Path:",
	                                     "Return-path:", "Delivered-To:",
	                                     "Message-ID:", "Date:", "To:"};
	size_t i = 0, good = 0;
	while (i < n) {
		const char *l = p + i;
		const char *lf = memchr(l, '\n', n - i);
		size_t ln = lf ? (size_t)(lf - l) : n - i;
		if (ln == 0 || (ln == 1 && l[0] == '\r'))
			return good > 0; /* the end of the header */
		if (l[0] != ' ' && l[0] != '\t') {
			const char *colon = memchr(l, ':', ln);
			if (colon == NULL)
				return 0;
			for (const char *c = l; c < colon; c++)
				if (*c == ' ')
					return 0;
			for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++)
				if ((size_t)(colon - l) + 1 == strlen(fields[k]) &&
				    strncmp(l, fields[k], strlen(fields[k])) == 0)
					good++;
		}
		if (!lf)
			break;
		i += ln + 1;
	}
	return good > 0 && i >= n; /* a header cut by the sample */
}

static enum input detect(struct reader *rd)
{
	const char *p = rd->p;
	size_t n = rd->end, lines = 0, codes = 0, stamped = 0;
	if (looks_like_mail(p, n))
		return IN_DSN;
	for (size_t i = 0; i < n && lines < 200;) {
		const char *l = p + i;
		const char *lf = memchr(l, '\n', n - i);
		size_t ln = lf ? (size_t)(lf - l) : n - i;
		if (ln > 0 && !(ln == 1 && l[0] == '\r')) {
			lines++;
			codes += is_code_line(l, ln);
			stamped += is_stamped_line(l, ln);
		}
		if (!lf)
			break;
		i += ln + 1;
	}
	if (lines == 0 || codes * 2 >= lines)
		return IN_RAW;
	/* Lines: only when a log line, a transcript or bounce text is
	 * there; bytes that are none of these are raw input with errors. */
	struct smtpreply_found f;
	size_t pos = 0;
	char *tmp = malloc(REPLY_BUF);
	int rc = tmp ? smtpreply_find(p, n, &pos,
	                              SMTPREPLY_FIND_LOG | SMTPREPLY_FIND_TRANSCRIPT |
	                                      SMTPREPLY_FIND_TEXT,
	                              tmp, REPLY_BUF, &f)
	             : 0;
	free(tmp);
	/* A log whose first chunk holds no failure (successful deliveries,
	 * connections, logins) is still a log: read as raw bytes, every line
	 * of it was an error and the failures further on went unseen. */
	return rc != 0 || stamped * 2 >= lines ? IN_LINES : IN_RAW;
}

int reader_open(struct reader *rd, const char *path, const char *label,
                const struct smtpreply_options *opts, size_t chunk,
                enum input mode)
{
	memset(rd, 0, sizeof *rd);
	rd->label = label;
	rd->opts = *opts;
	rd->chunk = chunk;
	unsigned max_reply = opts->max_reply ? opts->max_reply
	                                     : SMTPREPLY_DEFAULT_MAX_REPLY;
	if (max_reply > SMTPREPLY_MAX_REPLY_LIMIT)
		max_reply = SMTPREPLY_MAX_REPLY_LIMIT;
	rd->cap = (size_t)max_reply + chunk + 1;
	if (rd->cap < REPLY_BUF)
		rd->cap = REPLY_BUF; /* a log line or a message's part */
	rd->p = calloc(1, rd->cap); /* defined bytes past a short read(2) */
	if (rd->p == NULL)
		return ENOMEM;
	if (strcmp(path, "-") == 0) {
		rd->fd = STDIN_FILENO;
	} else {
		rd->fd = open(path, O_RDONLY);
		if (rd->fd < 0) {
			int e = errno;
			free(rd->p);
			rd->p = NULL;
			return e;
		}
		rd->own_fd = 1;
	}
	/* The first chunk decides. */
	while (!rd->eof && rd->end < 4096 && !rd->error)
		reader_fill(rd);
	if (mode == IN_AUTO)
		mode = detect(rd);
	rd->mode = mode;
	rd->text_file = mode == IN_RAW && memchr(rd->p, '\r', rd->end) == NULL &&
	                rd->end > 0;
	rd->what = mode == IN_LOG          ? SMTPREPLY_FIND_LOG
	           : mode == IN_TRANSCRIPT ? SMTPREPLY_FIND_TRANSCRIPT |
	                                             SMTPREPLY_FIND_RAW
	                                   : 0;
	if (mode != IN_RAW) {
		rd->rsize = REPLY_BUF;
		rd->rbuf = malloc(rd->rsize);
		if (rd->rbuf == NULL) {
			reader_close(rd);
			return ENOMEM;
		}
	}
	smtpreply_parser_init(&rd->parser, &rd->opts);
	return 0;
}

void reader_close(struct reader *rd)
{
	if (rd->own_fd)
		close(rd->fd);
	rd->own_fd = 0;
	free(rd->p);
	free(rd->rbuf);
	rd->p = NULL;
	rd->rbuf = NULL;
}

int reader_next(struct reader *rd, struct rec *rec)
{
	switch (rd->mode) {
	case IN_RAW:
		return raw_next(rd, rec);
	case IN_DSN:
		return mail_next(rd, rec);
	default:
		return lines_next(rd, rec);
	}
}

/* ---- directories: a Maildir or a folder of messages ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_dir(const char *dir, char ***names, size_t *n, size_t *cap,
                   int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	if (d == NULL)
		return errno;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		size_t dl = strlen(dir);
		size_t len = dl + strlen(e->d_name) + 2;
		char *path = malloc(len);
		if (path == NULL)
			break;
		/* "maildir/" as typed (a shell completes it so): no "//" in the
		 * file names printed. */
		snprintf(path, len, "%s%s%s", dir,
		         dl > 0 && dir[dl - 1] == '/' ? "" : "/", e->d_name);
		struct stat st;
		if (stat(path, &st) != 0 || S_ISDIR(st.st_mode)) {
			/* Maildir's cur/ and new/ (not tmp/: half-written) */
			if (depth == 0 && S_ISDIR(st.st_mode) &&
			    (strcmp(e->d_name, "cur") == 0 || strcmp(e->d_name, "new") == 0))
				add_dir(path, names, n, cap, depth + 1);
			free(path);
			continue;
		}
		if (*n == *cap) {
			size_t nc = *cap ? *cap * 2 : 64;
			char **nn = realloc(*names, nc * sizeof *nn);
			if (nn == NULL) {
				free(path);
				break;
			}
			*names = nn;
			*cap = nc;
		}
		(*names)[(*n)++] = path;
	}
	closedir(d);
	return 0;
}

int dir_files(const char *path, char ***names, size_t *n)
{
	struct stat st;
	size_t cap = 0;
	*names = NULL;
	*n = 0;
	if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return ENOTDIR;
	int e = add_dir(path, names, n, &cap, 0);
	if (*n > 1)
		qsort(*names, *n, sizeof **names, cmp_str);
	return e;
}

void dir_files_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

char *read_all(const char *path, size_t max, size_t *n)
{
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY);
	size_t k = 0;
	char *b;
	if (fd < 0)
		return NULL;
	b = malloc(max + 1);
	while (b && k < max) {
		ssize_t got = read_some(fd, b + k, max - k);
		if (got <= 0)
			break;
		k += (size_t)got;
	}
	if (fd != STDIN_FILENO)
		close(fd);
	if (b == NULL)
		return NULL;
	while (k > 0 && (b[k - 1] == '\n' || b[k - 1] == '\r'))
		k--;
	b[k] = '\0';
	*n = k;
	return b;
}
