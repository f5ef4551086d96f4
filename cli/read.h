/* read.h - input readers: bytes in, recs out.
 *
 * One interface for every input format: open, next rec, close. A reader
 * never prints and knows no language, colour or width; errors are values
 * (an error rec for bytes that are not a reply, a failed read as a
 * result). The rec a reader returns points into the reader's buffer and
 * stays valid until the next call.
 *
 * Memory is constant: the buffer holds at most one reply being read (the
 * parser fails a reply past opts.max_reply) plus one chunk. */
#ifndef SMTPREPLY_CLI_READ_H
#define SMTPREPLY_CLI_READ_H

#include "model.h"

#include <stdio.h>

/* What a file holds: raw server bytes, lines of a log or transcript or
 * text, or mail messages (one .eml, an mbox). */
enum input { IN_AUTO, IN_RAW, IN_LOG, IN_DSN, IN_TRANSCRIPT, IN_LINES };

struct reader {
	enum input mode;         /* the one detected or forced */
	int fd;
	int own_fd;
	const char *label;       /* rec.file: NULL when there is one input */
	struct smtpreply_options opts;
	size_t chunk;            /* read size */
	char *p;                 /* the buffer */
	size_t cap, start, end;
	unsigned long long base; /* input offset of p[start] */
	unsigned long long bytes; /* read so far */
	int eof, finished, error;
	struct smtpreply_parser parser;
	/* the error being extended while its line's rest is dropped */
	int pending;
	unsigned long long pend_off, pend_len;
	int pend_rc;
	struct rec queued; /* a rec that waits behind an error */
	int has_queued;
	int text_file;     /* raw input with no CR at all: a file of text,
	                    * whose LF line ends are not the server's */
	/* lines and messages */
	unsigned what;     /* SMTPREPLY_FIND_* for lines */
	size_t resume;     /* smtpreply_find's position inside the line at
	                    * p[start] (a line naming several recipients),
	                    * or 0 */
	char *rbuf;        /* replies rebuilt by the library */
	size_t rsize;
	size_t msg_end;    /* messages: end of the current message */
	size_t keep_back;  /* bytes before p[start] reader_fill keeps when
	                    * it moves the buffer (lines: the look-back
	                    * shown to smtpreply_find), or 0 */
	struct smtpreply_bounce_iter it;
	int in_msg;
};

/* Opens path ("-": standard input) and decides what it holds unless
 * `mode` says (IN_AUTO: detect from its first chunk). Returns 0, or an
 * errno value. */
int reader_open(struct reader *rd, const char *path, const char *label,
                const struct smtpreply_options *opts, size_t chunk,
                enum input mode);
/* 1 with a rec, 0 at the end of the input, -1 when reading failed
 * (rd->error holds the errno value; the recs before it were returned). */
int reader_next(struct reader *rd, struct rec *rec);
void reader_close(struct reader *rd);
/* The files of a directory, for a Maildir (its cur/ and new/) or a
 * folder of messages, sorted, as malloc'd paths. ENOTDIR when path is not
 * a directory, another errno value on an error, else 0. */
int dir_files(const char *path, char ***names, size_t *n);
void dir_files_free(char **names, size_t n);
/* The whole of path ("-": standard input), at most max bytes, as a
 * malloc'd NUL-terminated string with its last line end removed; NULL on
 * an error. */
char *read_all(const char *path, size_t max, size_t *n);
/* "raw", "log", "dsn", "transcript"; -1 for anything else. */
enum input input_parse(const char *name);

/* For the readers (read_*.c): one next function per kind of input, and
 * reading more into the buffer (0, 1 at the end, -1 on an error). */
int raw_next(struct reader *rd, struct rec *rec);
int lines_next(struct reader *rd, struct rec *rec);
int mail_next(struct reader *rd, struct rec *rec);
int reader_fill(struct reader *rd);

/* The --commands file: one command name per line ('#' starts a comment
 * line), the Nth for the Nth reply; after them, `after`. */
struct cmdfile {
	FILE *f;
	enum smtpreply_command after;
	int error; /* errno of a failed read, 0 */
};
int cmdfile_open(struct cmdfile *c, const char *path,
                 enum smtpreply_command after); /* 0 or errno */
enum smtpreply_command cmdfile_next(struct cmdfile *c);
void cmdfile_close(struct cmdfile *c);

#endif
