/* read_lines.c - lines of a mail log, a client transcript or text, through
 * smtpreply_find. The buffer is searched up to its last complete line; a
 * record that reaches that end may go on in the next chunk (a transcript's
 * next reply line, a folded continuation), so it waits for more input
 * unless the input has ended or the buffer is full. A line that names
 * several recipients gives a record for each: smtpreply_find's position
 * then stops inside the line, and the buffer keeps the line's start
 * (rd->resume: the position from there). */
#include "read.h"

#include <stddef.h>
#include <string.h>

/* how far back lines above the search are shown to smtpreply_find */
#define LOOK_BACK 16384

int lines_next(struct reader *rd, struct rec *rec)
{
	/* reader_fill keeps the look-back when it moves the buffer */
	rd->keep_back = LOOK_BACK;
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
			size_t pos = rd->resume < limit ? rd->resume : 0, from = pos;
			rd->resume = 0;
			/* The lines before p that are still in the buffer (up
			 * to LOOK_BACK bytes, from a line's start) go to
			 * smtpreply_find as well, with the search starting at
			 * p: some formats name a record's recipient or command
			 * on a line above its own (qmail-send's "starting
			 * delivery N: ... to remote a@b", dma's "<a@b> trying
			 * delivery" with the same syslog tag), and that line
			 * may come before the last record's end. Records and
			 * positions are then p's again. */
			size_t back = 0;
			if (rd->start > 0 && p[-1] == '\n') {
				back = rd->start < LOOK_BACK ? rd->start : LOOK_BACK;
				while (back > 0 && back < rd->start &&
				       p[-(ptrdiff_t)back - 1] != '\n')
					back--;
			}
			pos += back;
			int rc = smtpreply_find(p - back, limit + back, &pos, rd->what,
			                        rd->rbuf, rd->rsize, &f);
			pos -= back;
			if (rc != 0) {
				if (f.offset < back) /* (cannot: found at pos or after) */
					f.offset = back;
				f.offset -= back;
			}
			/* (nothing more to free: the record starts at p and
			 * only the look-back is before it) */
			int full = (rd->start == 0 ||
			            (rc != 0 && f.offset == 0 &&
			             rd->start <= rd->keep_back)) &&
			           rd->cap - rd->end < rd->chunk;
			if (rc != 0 && !rd->eof && f.offset + f.length >= limit &&
			    !full && !(f.offset == 0 && avail == rd->cap)) {
				/* it may go on: read more first */
				rd->resume = from > f.offset ? from - f.offset : 0;
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
				/* (inside the record: the line's next recipient) */
				size_t keep = pos > f.offset && pos < f.offset + f.length
				                      ? f.offset
				                      : pos;
				rd->resume = pos - keep;
				rd->start += keep;
				rd->base += keep;
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
