/* read_raw.c - raw server bytes (a capture of what an SMTP server sent,
 * CRLF or LF line ends) through the library's streaming parser.
 *
 * An error is handed out once the bytes after it show where it ends: the
 * parser drops the rest of a failed reply as it arrives (skip on
 * INCOMPLETE, or bytes before the next reply, flagged skipped_junk), and
 * those bytes are counted in the error's length. */
#include "read.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int only_line_ends(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != '\r' && p[i] != '\n')
			return 0;
	return 1;
}

/* Empty lines ("\n", "\r\n") at the start of p[0, limit). */
static size_t leading_empty(const char *p, size_t limit)
{
	size_t i = 0;
	for (;;) {
		if (i < limit && p[i] == '\n')
			i++;
		else if (i + 1 < limit && p[i] == '\r' && p[i + 1] == '\n')
			i += 2;
		else
			return i;
	}
}

static void error_rec(struct reader *rd, struct rec *rec,
                      unsigned long long off, unsigned long long len, int rc)
{
	memset(rec, 0, sizeof *rec);
	rec->kind = REC_ERROR;
	rec->source = SMTPREPLY_SOURCE_RAW;
	rec->file = rd->label;
	rec->offset = off;
	rec->length = len;
	rec->error = rc;
}

static int flush_pending(struct reader *rd, struct rec *rec)
{
	if (!rd->pending)
		return 0;
	rd->pending = 0;
	error_rec(rd, rec, rd->pend_off, rd->pend_len, rd->pend_rc);
	return 1;
}

/* Hands out the rec queued behind an error (see below), if any. */
static int take_queued(struct reader *rd, struct rec *rec)
{
	if (!rd->has_queued)
		return 0;
	*rec = rd->queued;
	rd->has_queued = 0;
	return 1;
}

/* An error is handed out once the bytes after it show where it ends, so
 * one step may produce the error and then the reply (or cut-off tail)
 * after it: the second waits in rd->queued for the next call. The buffer
 * is not touched in between, so the reply's pointers stay valid. */
static int give(struct reader *rd, struct rec *rec, const struct rec *next)
{
	if (flush_pending(rd, rec)) {
		if (next) {
			rd->queued = *next;
			rd->has_queued = 1;
		}
		return 1;
	}
	if (next) {
		*rec = *next;
		return 1;
	}
	return 0;
}

int raw_next(struct reader *rd, struct rec *rec)
{
	struct rec next;

	if (take_queued(rd, rec))
		return 1;
	for (;;) {
		size_t avail = rd->end - rd->start;
		char *p = rd->p + rd->start;

		if (rd->error)
			return flush_pending(rd, rec) ? 1 : -1;
		if (rd->finished)
			return flush_pending(rd, rec);
		if (avail > 0 || rd->eof) {
			struct smtpreply r;
			int rc = SMTPREPLY_INCOMPLETE;
			memset(&r, 0, sizeof r); /* set whole, for the analysers */
			if (avail)
				rc = smtpreply_parser_parse(&rd->parser, p, avail, &r);
			if (rc > 0) {
				/* Bytes before the reply that the parser dropped
				 * as the rest of the last error's reply or line
				 * belong to that error. */
				size_t before = (size_t)(r.raw.ptr - p);
				if (rd->pending && (r.flags & SMTPREPLY_F_SKIPPED_JUNK))
					rd->pend_len += before;
				memset(&next, 0, sizeof next);
				next.kind = REC_REPLY;
				next.source = SMTPREPLY_SOURCE_RAW;
				next.file = rd->label;
				if (rd->text_file)
					r.flags &= ~(unsigned)SMTPREPLY_F_BARE_LF;
				next.r = r;
				next.offset = rd->base + before;
				next.length = r.raw.len;
				rd->start += (size_t)rc;
				rd->base += (size_t)rc;
				return give(rd, rec, &next);
			}
			if (rc == SMTPREPLY_INCOMPLETE) {
				/* The parser drops the rest of a failed reply as it
				 * arrives: it is part of the error reported. */
				if (rd->pending)
					rd->pend_len += r.skip;
				rd->start += r.skip;
				rd->base += r.skip;
				p += r.skip;
				avail -= r.skip;
				if (rd->eof) {
					/* Trailing empty lines are fine; a reply cut
					 * off is not. */
					rd->finished = 1;
					rd->start = rd->end;
					if (!only_line_ends(p, avail)) {
						size_t e = leading_empty(p, avail);
						error_rec(rd, &next, rd->base + e, avail - e,
						          rc);
						return give(rd, rec, &next);
					}
					return give(rd, rec, NULL);
				}
			} else {
				size_t skip = r.skip;
				if (skip == 0 || skip > avail)
					skip = avail; /* cannot happen; never loop */
				size_t e = leading_empty(p, r.error_offset < skip
				                                    ? r.error_offset
				                                    : skip);
				int had = flush_pending(rd, rec);
				rd->pending = 1;
				rd->pend_off = rd->base + e;
				rd->pend_len = skip - e;
				rd->pend_rc = rc;
				rd->start += skip;
				rd->base += skip;
				if (had)
					return 1;
				continue;
			}
		}
		if (rd->eof) {
			rd->finished = 1;
			continue;
		}
		if (reader_fill(rd) < 0)
			continue;
	}
}

/* ---- the --commands file ---- */

int cmdfile_open(struct cmdfile *c, const char *path,
                 enum smtpreply_command after)
{
	c->after = after;
	c->error = 0;
	c->f = NULL;
	if (path == NULL)
		return 0;
	if (strcmp(path, "-") == 0)
		return EINVAL; /* standard input carries the replies */
	c->f = fopen(path, "r");
	return c->f ? 0 : errno;
}

enum smtpreply_command cmdfile_next(struct cmdfile *c)
{
	char line[256];

	while (c->f && fgets(line, sizeof line, c->f)) {
		size_t n = strlen(line);
		if (n == sizeof line - 1 && line[n - 1] != '\n') {
			int ch; /* an absurdly long line: drop its rest */
			while ((ch = fgetc(c->f)) != EOF && ch != '\n')
				;
		}
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' ||
		             line[n - 1] == ' ' || line[n - 1] == '\t'))
			line[--n] = '\0';
		char *s = line;
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '#')
			continue;
		return smtpreply_command_parse(s);
	}
	if (c->f) {
		if (ferror(c->f))
			c->error = EIO;
		fclose(c->f);
		c->f = NULL;
	}
	return c->after;
}

void cmdfile_close(struct cmdfile *c)
{
	if (c->f)
		fclose(c->f);
	c->f = NULL;
}
