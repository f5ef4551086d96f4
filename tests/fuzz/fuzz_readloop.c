/* fuzz_readloop.c - libFuzzer: a mail client's read loop on a fixed buffer
 * (tests/readloop/README.md) over any bytes.
 *
 * Byte 0 picks the options, byte 1 the buffer size (16 to 2056 bytes;
 * max_reply is set to it), bytes 2-3 seed the read sizes; the rest is what
 * the server sends. The loop must never stall (a full buffer on which a
 * call neither returns a reply nor drops a byte), every result must stay
 * inside the buffer, and the replies and failed replies must be those the
 * one-shot parser finds in the whole stream, at the same positions, with
 * the same codes and line counts. */
#include "fuzz_common.h"

#include <stdlib.h>

struct event {
	int rc;    /* > 0 reply, < 0 error */
	size_t at; /* reply end or error offset, absolute */
	int code;
	size_t nlines;
	unsigned flags;
};

#define MAX_EVENTS 4096

/* The one-shot parse of the whole stream. *open_tail: the last error is a
 * bad start on a line that never ends (the streaming parser waits for the
 * line end, so it reports it only if a limit ends the wait). */
static size_t oneshot(const char *in, size_t len, const struct smtpreply_options *o,
                      struct event *ev, int *open_tail)
{
	struct smtpreply r;
	size_t n = 0, off = 0;

	*open_tail = 0;
	while (off < len && n < MAX_EVENTS) {
		int rc = smtpreply_parse(in + off, len - off, o, &r);
		if (rc == SMTPREPLY_INCOMPLETE)
			break;
		struct event *e = &ev[n++];
		e->rc = rc;
		e->code = r.code;
		e->nlines = r.nlines;
		e->flags = r.flags;
		if (rc > 0) {
			off += (size_t)rc;
			e->at = off;
		} else {
			e->at = off + r.error_offset;
			*open_tail = memchr(in + e->at, '\n', len - e->at) == NULL;
			off += r.skip;
		}
	}
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct event want[MAX_EVENTS];
	struct smtpreply_options o;
	struct smtpreply_parser p;
	struct smtpreply r;
	size_t nwant, got = 0, have = 0, pos = 0, consumed = 0;
	int open_tail;

	if (size < 4)
		return 0;
	fuzz_options(&o, data[0]);
	size_t bsize = 16 + (size_t)data[1] * 8;
	uint32_t seed = ((uint32_t)data[2] << 8 | data[3]) * 2654435761u + 1;
	const char *in = (const char *)data + 4;
	size_t len = size - 4;
	char *buf = malloc(bsize);
	FUZZ_ASSERT(buf != NULL);

	o.max_reply = (unsigned)bsize;
	nwant = oneshot(in, len, &o, want, &open_tail);
	smtpreply_parser_init(&p, &o);
	for (;;) {
		int rc = smtpreply_parser_parse(&p, buf, have, &r);
		size_t drop;
		if (rc > 0) {
			drop = (size_t)rc;
			FUZZ_ASSERT(drop <= have);
			fuzz_check_reply(&r, buf, drop);
			FUZZ_ASSERT(r.expl != NULL && r.expl_enhanced != NULL);
			if (nwant < MAX_EVENTS) {
				FUZZ_ASSERT(got < nwant);
				const struct event *e = &want[got++];
				FUZZ_ASSERT(e->rc > 0 && consumed + drop == e->at);
				FUZZ_ASSERT(r.code == e->code && r.nlines == e->nlines);
				FUZZ_ASSERT((r.flags & ~SMTPREPLY_F_SKIPPED_JUNK) == e->flags);
			}
		} else {
			drop = r.skip;
			FUZZ_ASSERT(drop <= have);
			FUZZ_ASSERT(r.expl == NULL && r.expl_enhanced == NULL);
			if (rc != SMTPREPLY_INCOMPLETE) {
				FUZZ_ASSERT(drop >= 1 && r.error_offset <= have);
				FUZZ_ASSERT(r.code == 0 || (r.code >= 100 && r.code <= 599));
				if (nwant < MAX_EVENTS) {
					FUZZ_ASSERT(got < nwant);
					const struct event *e = &want[got++];
					FUZZ_ASSERT(e->rc == rc && consumed + r.error_offset == e->at);
					FUZZ_ASSERT(r.flags == e->flags && r.code == e->code);
				}
			}
		}
		memmove(buf, buf + drop, have - drop);
		have -= drop;
		consumed += drop;
		if (rc != SMTPREPLY_INCOMPLETE)
			continue;
		/* The promise: a buffer of max_reply bytes never stalls. */
		FUZZ_ASSERT(have < bsize);
		if (pos == len)
			break;
		seed = seed * 1103515245u + 12345u;
		size_t room = bsize - have;
		size_t n = 1 + (seed >> 16) % ((seed & 3) ? 16 : room);
		if (n > room)
			n = room;
		if (n > len - pos)
			n = len - pos;
		memcpy(buf + have, in + pos, n);
		have += n;
		pos += n;
	}
	FUZZ_ASSERT(nwant == MAX_EVENTS || got == nwant || (got + 1 == nwant && open_tail));
	free(buf);
	return 0;
}
