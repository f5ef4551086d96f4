/* read_mail.c - mail messages: one .eml, or an mbox of them (a message
 * starts at a "From " line after an empty line or at the start). Each
 * message is read whole (up to the buffer's size) and its records taken
 * with smtpreply_bounce_next: one per recipient of a DSN, or one per reply
 * the bounce's text quotes. */
#include "read.h"

#include <string.h>

/* The end of the message that starts at p[0]: the next mbox "From " line
 * that follows an empty line, or n (*whole 0 when more input may hold
 * the rest). */
static size_t message_end(const char *p, size_t n, int eof, int *whole)
{
	for (size_t i = 1; i + 6 <= n; i++) {
		const char *lf = memchr(p + i, '\n', n - i);
		if (lf == NULL)
			break;
		i = (size_t)(lf - p) + 1;
		if (i + 5 <= n && memcmp(p + i, "From ", 5) == 0 && i >= 2 &&
		    (p[i - 2] == '\n' || (i >= 3 && p[i - 2] == '\r' && p[i - 3] == '\n'))) {
			*whole = 1;
			return i;
		}
		i--;
	}
	*whole = eof;
	return n;
}

int mail_next(struct reader *rd, struct rec *rec)
{
	for (;;) {
		if (rd->error)
			return -1;
		if (!rd->in_msg) {
			size_t avail = rd->end - rd->start;
			int whole = 0;
			if (avail == 0 && rd->eof)
				return 0;
			size_t e = message_end(rd->p + rd->start, avail, rd->eof, &whole);
			int full = rd->start == 0 && rd->cap - rd->end < rd->chunk;
			if (!whole && !full) {
				if (reader_fill(rd) < 0)
					return -1;
				continue;
			}
			rd->msg_end = rd->start + e;
			memset(&rd->it, 0, sizeof rd->it);
			rd->in_msg = 1;
		}
		const char *m = rd->p + rd->start;
		size_t mn = rd->msg_end - rd->start;
		struct smtpreply_found f;
		int rc = smtpreply_bounce_next(m, mn, &rd->it, rd->rbuf, rd->rsize, &f);
		if (rc == 0) {
			rd->base += mn;
			rd->start = rd->msg_end;
			rd->in_msg = 0;
			continue;
		}
		memset(rec, 0, sizeof *rec);
		rec->file = rd->label;
		if (rc > 0) {
			rec_from_found(rec, &f);
			rec->r.flags &= ~(unsigned)SMTPREPLY_F_BARE_LF;
		} else {
			rec->kind = REC_ERROR;
			rec->context = 1;
			rec->error = rc;
			rec->length = f.length;
		}
		rec->offset = rd->base + (f.offset <= mn ? f.offset : 0);
		return 1;
	}
}
