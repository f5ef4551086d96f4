/* fastpath.h - the parser's fast path (fastpath.c), as parse.c and the
 * tests see it.
 *
 * sr_fast_reply() parses one whole reply of the shape servers send nearly
 * always (see fastpath_body.h) or returns 0, and then the general path in
 * parse.c reads the bytes from the start. It comes in up to three builds of
 * one source, chosen once at run time: AVX2 (32 bytes a step), SSE2 (16)
 * and portable C (8, SWAR); all give the same results, which
 * tests/test_fastpath.c checks on every case file and on random bytes. */
#ifndef SMTPREPLY_FASTPATH_H
#define SMTPREPLY_FASTPATH_H

#include "internal.h"

#include <stdatomic.h>

typedef int (*sr_fast_fn)(const char *buf, size_t len, size_t line_cap,
                          size_t max_lines, size_t max_reply,
                          struct smtpreply *r);

/* The build in use (until the first parse: the one that chooses). */
extern _Atomic(sr_fast_fn) sr_fast_chosen;

/* line_cap: the longest line the fast path takes (the smaller of max_line
 * and RFC 5321's 512, line end included); max_lines and max_reply: the
 * caller's limits. Returns the reply's length, with *r filled in, or 0
 * (and then *r holds nothing of use). Inline: one indirect call a reply. */
static inline int sr_fast_reply(const char *buf, size_t len, size_t line_cap,
                                size_t max_lines, size_t max_reply,
                                struct smtpreply *r)
{
	sr_fast_fn fn = atomic_load_explicit(&sr_fast_chosen, memory_order_relaxed);
	return fn(buf, len, line_cap, max_lines, max_reply, r);
}

/* The builds, best last. */
enum sr_scan {
	SR_SCAN_PORTABLE = 1,
	SR_SCAN_SSE2 = 2,
	SR_SCAN_AVX2 = 3,
};

/* Makes sr_fast_reply() use that build from now on (for the tests and
 * the bench); 0 means the best this CPU runs. Returns the build now in use,
 * or -1 (nothing changed) when this one cannot run here or was not
 * compiled in. Not thread-safe against concurrent parsing: call it before.
 * The environment variable SMTPREPLY_SCAN=portable|sse2|avx2, read at the
 * first parse, does the same from outside a program. */
int sr_scan_use(int which);

/* The build in use: 0 before the first parse (or sr_scan_use()). */
int sr_scan_in_use(void);

/* The name of a build ("avx2", "sse2", "portable"). */
const char *sr_scan_name(int which);

#endif
