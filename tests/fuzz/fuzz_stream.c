/* fuzz_stream.c - libFuzzer: the streaming parser must find what the
 * one-shot parser finds in the same bytes, however they are split.
 *
 * Byte 0 picks the options, byte 1 seeds the chunk sizes. Results are
 * compared by absolute position: a streaming error in the middle of a line
 * skips only what has come, and the rest of that line is folded into the
 * next reply (flag skipped_junk), which must still end where the one-shot
 * reply ends. */
#include "fuzz_common.h"

struct event {
	int rc;      /* > 0 reply, < 0 error */
	size_t at;   /* reply end or error offset, absolute */
	int code;
	unsigned flags;
	size_t nlines;
	int enh[3];
};

#define MAX_EVENTS 4096

static size_t oneshot(const char *in, size_t len, const struct smtpreply_options *o,
                      struct event *ev, size_t *tail_error)
{
	struct smtpreply r;
	size_t n = 0, off = 0;
	*tail_error = 0;
	while (off < len && n < MAX_EVENTS) {
		int rc = smtpreply_parse(in + off, len - off, o, &r);
		if (rc == SMTPREPLY_INCOMPLETE)
			break;
		struct event *e = &ev[n++];
		memset(e, 0, sizeof *e);
		e->rc = rc;
		if (rc < 0) {
			e->at = off + r.error_offset;
			e->flags = r.flags;
			/* The line had not ended: the streaming parser waits. */
			if (memchr(in + off + r.error_offset, '\n', len - off - r.error_offset) == NULL)
				*tail_error = 1;
			off += r.skip;
		} else {
			off += (size_t)rc;
			e->at = off;
			e->code = r.code;
			e->flags = r.flags;
			e->nlines = r.nlines;
			e->enh[0] = r.enhanced.klass;
			e->enh[1] = r.enhanced.subject;
			e->enh[2] = r.enhanced.detail;
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
	size_t nwant, got = 0, consumed = 0, arrived = 0, tail_error;
	uint32_t seed;

	if (size < 2)
		return 0;
	fuzz_options(&o, data[0]);
	seed = data[1] * 2654435761u + 1;
	const char *in = (const char *)data + 2;
	size_t len = size - 2;

	nwant = oneshot(in, len, &o, want, &tail_error);
	if (nwant == MAX_EVENTS)
		return 0;
	smtpreply_parser_init(&p, &o);
	while (arrived < len) {
		seed = seed * 1103515245u + 12345u;
		size_t piece = 1 + (seed >> 16) % ((seed & 3) ? 4 : 64);
		arrived += piece < len - arrived ? piece : len - arrived;
		for (;;) {
			int rc = smtpreply_parser_parse(&p, in + consumed, arrived - consumed, &r);
			if (rc == SMTPREPLY_INCOMPLETE) {
				FUZZ_ASSERT(r.skip <= arrived - consumed);
				consumed += r.skip;
				break;
			}
			FUZZ_ASSERT(got < nwant);
			const struct event *e = &want[got++];
			if (rc > 0) {
				FUZZ_ASSERT(e->rc > 0 && consumed + (size_t)rc == e->at);
				FUZZ_ASSERT(r.code == e->code && r.nlines == e->nlines);
				FUZZ_ASSERT((r.flags & ~SMTPREPLY_F_SKIPPED_JUNK) == e->flags);
				FUZZ_ASSERT(r.enhanced.klass == e->enh[0] &&
				            r.enhanced.subject == e->enh[1] &&
				            r.enhanced.detail == e->enh[2]);
				fuzz_check_reply(&r, in + consumed, (size_t)rc);
				consumed += (size_t)rc;
			} else {
				FUZZ_ASSERT(rc == e->rc && consumed + r.error_offset == e->at);
				FUZZ_ASSERT(r.flags == e->flags);
				FUZZ_ASSERT(r.skip > 0 && r.skip <= arrived - consumed);
				consumed += r.skip;
			}
		}
	}
	FUZZ_ASSERT(got == nwant || (got + 1 == nwant && tail_error));
	return 0;
}
