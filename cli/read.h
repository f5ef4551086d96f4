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

struct reader {
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
};

/* Opens path ("-": standard input). Returns 0, or an errno value. */
int reader_open(struct reader *rd, const char *path, const char *label,
                const struct smtpreply_options *opts, size_t chunk);
/* 1 with a rec, 0 at the end of the input, -1 when reading failed
 * (rd->error holds the errno value; the recs before it were returned). */
int reader_next(struct reader *rd, struct rec *rec);
void reader_close(struct reader *rd);

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
