/* fuzz_parse.c - libFuzzer: the one-shot parser over any bytes.
 *
 * Parses reply after reply like a transcript reader and checks what the
 * header promises: results inside the buffer, views inside the reply,
 * the line count, errors that skip something, prefixes of a complete
 * reply INCOMPLETE. The first byte picks the options. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smtpreply_options o;
	struct smtpreply r;
	size_t off;

	if (size < 1)
		return 0;
	fuzz_options(&o, data[0]);
	data++;
	size--;
	for (off = 0; off < size;) {
		const char *buf = (const char *)data + off;
		size_t len = size - off;
		int rc = smtpreply_parse(buf, len, &o, &r);
		if (rc == SMTPREPLY_INCOMPLETE)
			break;
		if (rc < 0) {
			FUZZ_ASSERT(rc >= SMTPREPLY_E_INVALID_ARGUMENT && rc != SMTPREPLY_E_INVALID_ARGUMENT);
			FUZZ_ASSERT(r.skip > 0 && r.skip <= len);
			/* A limit is crossed at the first byte past it, which
			 * need not have arrived: max_line bytes without their
			 * LF, max_reply bytes without a reply are too many. */
			FUZZ_ASSERT(r.error_offset < len ||
			            (r.error_offset == len &&
			             (rc == SMTPREPLY_E_LINE_TOO_LONG ||
			              rc == SMTPREPLY_E_REPLY_TOO_BIG)));
			off += r.skip;
			continue;
		}
		FUZZ_ASSERT((size_t)rc <= len);
		fuzz_check_reply(&r, buf, (size_t)rc);
		/* A shorter prefix of a complete reply never completes. */
		struct smtpreply pr;
		size_t cut = (size_t)data[off] % (size_t)rc;
		FUZZ_ASSERT(smtpreply_parse(buf, cut, &o, &pr) == SMTPREPLY_INCOMPLETE);
		off += (size_t)rc;
	}
	return 0;
}
