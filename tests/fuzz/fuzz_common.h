/* fuzz_common.h - what the libFuzzer harnesses share: options chosen by a
 * byte, and the invariants every parsed reply must hold. */
#ifndef SMTPREPLY_FUZZ_COMMON_H
#define SMTPREPLY_FUZZ_COMMON_H

#include "smtpreply.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(c)                                                        \
	do {                                                                  \
		if (!(c)) {                                                   \
			fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, \
			        __LINE__, #c);                                \
			abort();                                              \
		}                                                             \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Small limits and strictness often, so the error paths get exercised. */
static inline void fuzz_options(struct smtpreply_options *o, uint8_t b)
{
	smtpreply_options_init(o);
	if (b & 1)
		o->reject = SMTPREPLY_STRICT;
	else if (b & 2)
		o->reject = 1u << ((b >> 4) & 15);
	if (b & 4)
		o->max_line = 8 + (b >> 3) * 3;
	if (b & 8)
		o->max_lines = 1 + (b >> 5);
	if ((b & 0x30) == 0x30)
		o->max_reply = 16 + b;
}

/* Every view of a reply lies inside the bytes it took; the line count is
 * what the iterator walks. */
static inline void fuzz_check_reply(const struct smtpreply *r, const char *buf, size_t took)
{
	const char *end = buf + took;
	FUZZ_ASSERT(r->code >= 100 && r->code <= 599);
	FUZZ_ASSERT(r->first_code >= 100 && r->first_code <= 599);
	FUZZ_ASSERT(r->klass == r->code / 100);
	FUZZ_ASSERT(r->raw.ptr >= buf && r->raw.ptr + r->raw.len == end);
	FUZZ_ASSERT(r->raw.len >= 4 && end[-1] == '\n');
	FUZZ_ASSERT(r->nlines >= 1);
	FUZZ_ASSERT(r->enhanced.klass == 0 || r->enhanced.klass == r->klass);
	struct smtpreply_iter it = {0, 0};
	struct smtpreply_str t;
	size_t n = 0;
	while (smtpreply_next_line(r, &it, &t)) {
		FUZZ_ASSERT(t.ptr >= r->raw.ptr && t.ptr + t.len <= end);
		FUZZ_ASSERT(memchr(t.ptr, '\n', t.len) == NULL);
		if (n == 0)
			FUZZ_ASSERT(t.ptr == r->first_line.ptr && t.len == r->first_line.len);
		n++;
	}
	FUZZ_ASSERT(n == r->nlines);
	struct smtpreply_str last = smtpreply_line(r, n - 1);
	FUZZ_ASSERT(last.ptr == r->last_line.ptr && last.len == r->last_line.len);
}

/* The next reply of a transcript, from *off on, as a reader takes them:
 * bytes that are not a reply are skipped, each reply is checked for the
 * invariants above, and *off moves past it. 0 when no reply is left. */
static inline int fuzz_next_reply(const uint8_t *data, size_t size, size_t *off,
                                  const struct smtpreply_options *o, struct smtpreply *r)
{
	while (*off < size) {
		const char *buf = (const char *)data + *off;
		int rc = smtpreply_parse(buf, size - *off, o, r);
		if (rc == SMTPREPLY_INCOMPLETE)
			return 0;
		if (rc < 0) {
			*off += r->skip;
			continue;
		}
		fuzz_check_reply(r, buf, (size_t)rc);
		*off += (size_t)rc;
		return 1;
	}
	return 0;
}

#endif
