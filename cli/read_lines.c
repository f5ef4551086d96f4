/* read_lines.c - lines of a mail log, a client transcript or text, through
 * smtpreply_find. The buffer is searched up to its last complete line; a
 * record that reaches that end may go on in the next chunk (a transcript's
 * next reply line, a folded continuation), so it waits for more input
 * unless the input has ended or the buffer is full. */
#include "read.h"

#include <string.h>

int lines_next(struct reader *rd, struct rec *rec)
{
	for (;;) {
		if (rd->error)
			return -1;
		size_t avail = rd->end - rd->start;
		const char *p = rd->p + rd->start;
		/* up to the last complete line, or everything at the end */
		size_t limit = avail;
		if (!rd->eof) {
			while (limit > 0 && p[limit - 1] != '\n')
				limit--;
		}
		if (limit > 0) {
			struct smtpreply_found f;
			size_t pos = 0;
			int rc = smtpreply_find(p, limit, &pos, rd->what, rd->rbuf,
			                        rd->rsize, &f);
			int full = rd->start == 0 && rd->cap - rd->end < rd->chunk;
			if (rc != 0 && !rd->eof && f.offset + f.length >= limit &&
			    !full && !(f.offset == 0 && avail == rd->cap)) {
				/* it may go on: read more first */
				rd->start += f.offset;
				rd->base += f.offset;
				if (f.offset == 0 && reader_fill(rd) < 0)
					return -1;
				continue;
			}
			if (rc == 0) {
				rd->start += limit;
				rd->base += limit;
			} else {
				memset(rec, 0, sizeof *rec);
				rec->file = rd->label;
				if (rc > 0) {
					rec_from_found(rec, &f);
				} else {
					rec->kind = REC_ERROR;
					rec->context = 1;
					rec->source = f.source;
					rec->error = rc;
					rec->length = f.length;
				}
				rec->offset = rd->base + f.offset;
				if (rec->kind == REC_REPLY && rd->mode != IN_RAW)
					rec->r.flags &= ~(unsigned)SMTPREPLY_F_BARE_LF;
				rd->start += pos;
				rd->base += pos;
				return 1;
			}
		}
		if (rd->eof && rd->start >= rd->end)
			return 0;
		if (rd->eof) {
			/* a last line without its end was searched above */
			rd->start = rd->end;
			return 0;
		}
		if (reader_fill(rd) < 0)
			return -1;
	}
}
