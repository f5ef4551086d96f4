/* fuzz_find.c - smtpreply_find and smtpreply_bounce_next over any bytes:
 * the first byte chooses what to look for (its low four bits, 0 for all)
 * and a small reply buffer now and then; the rest is the text. Built with
 * -DSMTPREPLY_CHECK_SCAN (mk/fuzz.mk), so the pre-filter of the line walk
 * (src/scan.c) is checked on every line against the byte-by-byte
 * definition and the matchers themselves. libFuzzer hands over a buffer
 * of exactly the input's size: a read past the text is reported. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char buf[1 << 16];
	if (size < 1)
		return 0;
	unsigned what = data[0] & 15u;
	size_t bsize = (data[0] & 0x80) ? 64 + (data[0] & 0x70) : sizeof buf;
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	struct smtpreply_found f;
	size_t pos = 0;
	int rc;
	while ((rc = smtpreply_find(text, len, &pos, what, buf, bsize, &f)) != 0) {
		FUZZ_ASSERT(rc == 1 || rc < 0);
		FUZZ_ASSERT(pos <= len);
		FUZZ_ASSERT(f.offset <= len && f.length <= len - f.offset);
		FUZZ_ASSERT(f.offset < pos);
	}
	FUZZ_ASSERT(pos == len);
	struct smtpreply_bounce_iter it;
	memset(&it, 0, sizeof it);
	for (int k = 0; k < 100000 &&
	                (rc = smtpreply_bounce_next(text, len, &it, buf, bsize, &f)) != 0;
	     k++)
		FUZZ_ASSERT(rc == 1 || rc < 0);
	return 0;
}
