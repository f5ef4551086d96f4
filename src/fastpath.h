/* fastpath.h - the parser's fast path (fastpath.c), as parse.c and the
 * tests see it.
 *
 * sr_fast_reply() parses one whole reply of the shape servers send nearly
 * always (see fastpath_body.h) or returns 0, and then the general path in
 * parse.c reads the bytes from the start. It comes in up to four builds of
 * one source, chosen once at run time: AVX-512BW (64 bytes a step, 128 on a
 * reply's first line), AVX2 (64, as two 32-byte loads), SSE2 (16) and
 * portable C (8, SWAR); all give the same results, which
 * tests/test_fastpath.c checks on every case file and on random bytes. */
#ifndef SMTPREPLY_FASTPATH_H
#define SMTPREPLY_FASTPATH_H

#include "internal.h"
#include "table.h"

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

/* smtpreply_parse() without options, as one build runs it: the fast path
 * with the default limits and, on a reply it takes, the reply's entries in
 * the explanation table; anything else goes to sr_parse_general(). The
 * pointer is set with sr_fast_chosen, so that smtpreply_parse(..., NULL,
 * ...) is one indirect jump to code specialised for the default limits. */
typedef int (*sr_parse_fn)(const char *buf, size_t len, struct smtpreply *r);
extern _Atomic(sr_parse_fn) sr_parse_chosen;

/* smtpreply_parse() after the fast path (parse.c): every check, the fast
 * path again when opts is not NULL, then the general path. */
int sr_parse_general(const char *buf, size_t len,
                     const struct smtpreply_options *opts,
                     struct smtpreply *reply);

/* The reply's entries in the explanation table (struct smtpreply's expl
 * and expl_enhanced), on every reply returned: from table.c's indexes, the
 * entries explain.c's searches find (test_parse checks every index), as
 * searching costs more than parsing a short reply. A parsed reply's code
 * is 100..599 and its enhanced class 0, 2, 4 or 5 of its own class. */
SR_HOT_INLINE void sr_set_expl(struct smtpreply *r)
{
	unsigned k = (unsigned)r->enhanced.klass;
	unsigned s = (unsigned)r->enhanced.subject;
	unsigned d = (unsigned)r->enhanced.detail;

	r->expl = &sr_expl[sr_reply_index[r->code - 100]];
	if (k == 0) {
		r->expl_enhanced = &sr_expl[sr_enh_none_index[r->klass - 1]];
		return;
	}
	/* Details of 32 and up (5.7.606, 4.4.318...: at most 999, three
	 * digits) share one column; rows 0, 1, 2 are classes 2, 4, 5. */
	unsigned i = d < SR_ENH_INDEX_DETAILS ? d : SR_ENH_INDEX_DETAILS;
	if (s < SR_ENH_INDEX_SUBJECTS &&
	    (i = sr_enh_index[(k - 1) >> 1][s][i]) != SR_ENH_SEARCH)
		r->expl_enhanced = &sr_expl[i];
	else
		r->expl_enhanced = sr_reply_enhanced(r);
}

/* The builds, best last. */
enum sr_scan {
	SR_SCAN_PORTABLE = 1,
	SR_SCAN_SSE2 = 2,
	SR_SCAN_AVX2 = 3,
	SR_SCAN_AVX512 = 4, /* the parser's fast path; scan.c runs its AVX2 loops */
	SR_SCAN_BEST = SR_SCAN_AVX512
};

/* Makes sr_fast_reply() use that build from now on (for the tests and
 * the bench); 0 means the best this CPU runs. Returns the build now in use,
 * or -1 (nothing changed) when this one cannot run here or was not
 * compiled in. Not thread-safe against concurrent parsing: call it before.
 * The environment variable SMTPREPLY_SCAN=portable|sse2|avx2|avx512, read at
 * the first parse, does the same from outside a program. */
int sr_scan_use(int which);

/* The build in use: 0 before the first parse (or sr_scan_use()). */
int sr_scan_in_use(void);

/* The build in use, chosen now if it was not (SMTPREPLY_SCAN, else the
 * best): the one choice every vector loop of the library follows, the
 * parser's and smtpreply_find's (scan.c). */
int sr_scan_level(void);

/* The name of a build ("avx512", "avx2", "sse2", "portable"). */
const char *sr_scan_name(int which);

#endif
