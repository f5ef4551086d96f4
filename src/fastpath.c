/* fastpath.c - the parser's fast path in up to four builds (AVX-512BW,
 * AVX2, SSE2, portable C) of one source (fastpath_body.h), and the choice
 * among them.
 *
 * Finding each line's end is most of the fast path's work, and it is the
 * same pass as the byte-class check: a byte is "plain" when it is printable
 * ASCII (0x20 to 0x7E) and says nothing about the flags; the first byte that
 * is not must be the CR of the line's CR LF, or the reply is not for the
 * fast path. So one scan, many bytes a step, finds the line end and checks
 * every byte before it.
 *
 * The builds differ only in that scan. The AVX2 and AVX-512 ones are
 * compiled with target attributes, so the library itself is built for any
 * x86-64 (no -mavx2), and the best the CPU (and the OS) supports is chosen
 * at the first parse. The choice is one function pointer, read once a
 * reply. */
#include "fastpath.h"

#include <stdlib.h>
#include <string.h>

#if (defined(__GNUC__) || defined(__clang__)) && !defined(SMTPREPLY_PORTABLE)
#define FP_CTZ32(x) ((unsigned)__builtin_ctz(x))
#if defined(__SSE2__)
#include <emmintrin.h>
#define FP_HAVE_SSE2 1
#endif
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define FP_HAVE_AVX2 1
#endif
/* SMTPREPLY_NO_AVX512 leaves the AVX-512 build out: tests/static.sh does,
 * as gcc -fanalyzer over a fourth copy of the inlined scans took 20
 * minutes and 16 GB instead of 13 and 6.5 (the copy is the AVX2 one's but
 * for the scan, which clang-tidy and cppcheck still read). */
#if defined(__x86_64__) && !defined(SMTPREPLY_NO_AVX512)
#define FP_HAVE_AVX512 1
#endif
#endif

#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && \
	__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define FP_LITTLE_ENDIAN 1
#endif

/* Four bytes as a little-endian word (byte k is bits 8k..8k+7), whatever
 * the machine's byte order; one load where it is little-endian (memcpy:
 * gcc does not always merge the byte loads when one of them was made
 * before). */
SR_HOT_INLINE uint32_t fp_le32(const unsigned char *p)
{
#ifdef FP_LITTLE_ENDIAN
	uint32_t v;
	memcpy(&v, p, sizeof v);
	return v;
#else
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
#endif
}

/* Two bytes as a little-endian word. */
SR_HOT_INLINE unsigned fp_le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

/* Eight bytes as a little-endian word: the lowest flagged bit below is the
 * first flagged byte on any machine. */
SR_HOT_INLINE uint64_t fp_le64(const unsigned char *p)
{
#ifdef FP_LITTLE_ENDIAN
	uint64_t v;
	memcpy(&v, p, sizeof v);
	return v;
#else
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	       (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
	       (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
#endif
}

SR_HOT_INLINE int fp_plain(unsigned char c)
{
	return c >= 0x20 && c <= 0x7E;
}

/* ------------------------------------------------------------------
 * The scans: skip_plain_*(p, i, len) is the first byte at or after i that
 * is not plain, or len. p is the start of the caller's buffer and no scan
 * reads a byte outside [p, p + len): the vector ones finish with one load
 * that ends at len and overlaps bytes already seen, whose flags are shifted
 * away (a compare is exact for each byte, so that is safe).
 * ------------------------------------------------------------------ */

/* The high bit of each byte of w that is not plain. Bytes below 0x20
 * borrow in w - 0x20.., DEL becomes 0 in w ^ 0x7F.. and borrows when 1 is
 * taken away, and bytes of 0x80 and up have their own high bit. A borrow
 * can only disturb the bytes above the one it starts at, so the lowest bit
 * set is exact (higher ones may be false alarms: only the lowest is used,
 * and so never on a load that overlaps bytes before i). */
SR_HOT_INLINE uint64_t fp_special_bits(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t below = w - ones * 0x20;
	uint64_t del = (w ^ (ones * 0x7F)) - ones;
	return (((below | del) & ~w) | w) & high;
}

/* Offset of the byte that the lowest bit of fp_special_bits() flags. */
SR_HOT_INLINE size_t fp_first_flagged(uint64_t bits)
{
	/* Isolate the lowest flag (bit 8k+7), move it to bit 8k, and let a
	 * multiplication gather k into the top byte: no builtin needed. */
	uint64_t low = (bits & (0 - bits)) >> 7;
	return (size_t)((low * 0x0001020304050607u) >> 56);
}

/* Eight bytes a step (SWAR), then one at a time. */
SR_HOT_INLINE size_t skip_plain_portable(const unsigned char *p, size_t i,
                                         size_t len)
{
	while (len - i >= 8) {
		uint64_t bits = fp_special_bits(fp_le64(p + i));
		if (bits != 0)
			return i + fp_first_flagged(bits);
		i += 8;
	}
	while (i < len && fp_plain(p[i]))
		i++;
	return i;
}

#ifdef FP_HAVE_SSE2
/* The bytes of v that are not plain, one bit each. One signed compare tells
 * plain bytes: after adding 1, exactly the bytes 0x20..0x7E are above 0x20
 * (DEL wraps to -128, 0x80 and up are negative or 0, controls stay at or
 * below 0x20). */
SR_HOT_INLINE unsigned fp_special16(__m128i v)
{
	const __m128i one = _mm_set1_epi8(1), space = _mm_set1_epi8(0x20);
	__m128i plain = _mm_cmpgt_epi8(_mm_add_epi8(v, one), space);
	return (unsigned)_mm_movemask_epi8(plain) ^ 0xFFFFu;
}

/* Sixteen bytes a step. */
SR_HOT_INLINE size_t skip_plain_sse2(const unsigned char *p, size_t i,
                                     size_t len)
{
	for (; len - i >= 16; i += 16) {
		unsigned m = fp_special16(_mm_loadu_si128((const __m128i *)(const void *)(p + i)));
		if (m != 0)
			return i + FP_CTZ32(m);
	}
	if (i >= len)
		return len;
	if (len >= 16) { /* the last 16 bytes of the buffer, seen from i */
		size_t base = len - 16;
		unsigned m = fp_special16(_mm_loadu_si128((const __m128i *)(const void *)(p + base)));
		m >>= i - base;
		return m ? i + FP_CTZ32(m) : len;
	}
	return skip_plain_portable(p, i, len);
}
#endif

#ifdef FP_HAVE_AVX2
#define FP_AVX2_TARGET __attribute__((target("avx2")))

/* As fp_special16(), 32 bytes at once. */
FP_AVX2_TARGET SR_HOT_INLINE unsigned fp_special32(__m256i v)
{
	const __m256i one = _mm256_set1_epi8(1), space = _mm256_set1_epi8(0x20);
	__m256i plain = _mm256_cmpgt_epi8(_mm256_add_epi8(v, one), space);
	return ~(unsigned)_mm256_movemask_epi8(plain);
}

/* Sixty-four bytes a step, as two loads whose flags make one 64-bit
 * mask: most lines end within the first step, so the loop's exit is
 * predictable, which matters more than the instructions it takes. */
FP_AVX2_TARGET SR_HOT_INLINE size_t skip_plain_avx2(const unsigned char *p,
                                                    size_t i, size_t len)
{
	for (; len - i >= 64; i += 64) {
		const __m256i *v = (const __m256i *)(const void *)(p + i);
		uint64_t m = fp_special32(_mm256_loadu_si256(v)) |
		             (uint64_t)fp_special32(_mm256_loadu_si256(v + 1)) << 32;
		if (m != 0)
			return i + (size_t)__builtin_ctzll(m);
	}
	if (len - i >= 32) {
		unsigned m = fp_special32(_mm256_loadu_si256((const __m256i *)(const void *)(p + i)));
		if (m != 0)
			return i + FP_CTZ32(m);
		i += 32;
	}
	if (i >= len)
		return len;
	if (len >= 32) { /* the last 32 bytes of the buffer, seen from i */
		size_t base = len - 32;
		unsigned m = fp_special32(_mm256_loadu_si256((const __m256i *)(const void *)(p + base)));
		m >>= i - base;
		return m ? i + FP_CTZ32(m) : len;
	}
	return skip_plain_sse2(p, i, len);
}
#endif

#ifdef FP_HAVE_AVX512
/* bmi: _tzcnt_u64, defined for 0 (every AVX-512 CPU has BMI1; the choice
 * below checks both). */
#define FP_AVX512_TARGET __attribute__((target("avx512bw,bmi")))

/* The bytes of p[0..64) that are not plain, as fp_special32() tells them,
 * one compare straight into a mask register. */
FP_AVX512_TARGET SR_HOT_INLINE uint64_t fp_special64(const unsigned char *p)
{
	const __m512i one = _mm512_set1_epi8(1), space = _mm512_set1_epi8(0x20);
	__m512i v = _mm512_loadu_si512((const void *)p);
	return (uint64_t)_mm512_cmple_epi8_mask(_mm512_add_epi8(v, one), space);
}

/* Sixty-four bytes a step, one load each: the later lines of a reply. */
FP_AVX512_TARGET SR_HOT_INLINE size_t skip_plain_avx512(const unsigned char *p,
                                                        size_t i, size_t len)
{
	for (; len - i >= 64; i += 64) {
		uint64_t m = fp_special64(p + i);
		if (m != 0)
			return i + (size_t)__builtin_ctzll(m);
	}
	if (i >= len)
		return len;
	if (len >= 64) { /* the last 64 bytes of the buffer, seen from i */
		size_t base = len - 64;
		uint64_t m = fp_special64(p + base) >> (i - base);
		return m ? i + (size_t)__builtin_ctzll(m) : len;
	}
	return skip_plain_avx2(p, i, len);
}

/* A reply's first line: 128 bytes a step, two masks and the first flag of
 * the two without a branch. A quarter of the lines servers send are 64 to
 * 127 bytes long (Gmail's and Outlook's rejections), and the 64-byte step
 * mispredicts its exit on each of them when nothing before tells their
 * length: on the 8 MB bench corpus this first step took 13% off the parse
 * time, in the AVX2 build 12% (but 5% more on the small corpus, whose
 * sequence the predictor learns, so AVX2 keeps the 64-byte step). A later
 * line of the same reply is predicted from the lines before it: there the
 * wider step gained nothing, and the 64-byte one stays. */
FP_AVX512_TARGET SR_HOT_INLINE size_t skip_plain_avx512_first(const unsigned char *p,
                                                              size_t i, size_t len)
{
	for (; len - i >= 128; i += 128) {
		/* tzcnt gives 64 for no flag: m0's first flag, else 64 more
		 * than m1's, else 128 (none in the step). */
		uint64_t t0 = _tzcnt_u64(fp_special64(p + i));
		uint64_t t1 = _tzcnt_u64(fp_special64(p + i + 64));
		uint64_t at = t0 + (t1 & ((uint64_t)0 - (t0 >> 6)));
		if (at < 128)
			return i + (size_t)at;
	}
	return skip_plain_avx512(p, i, len);
}
#endif

/* ------------------------------------------------------------------
 * The builds.
 * ------------------------------------------------------------------ */
#define FP(name) name##_portable
#define FP_TARGET
#define FP_SKIP_FIRST skip_plain_portable
#define FP_SKIP_NEXT skip_plain_portable
#include "fastpath_body.h"
#undef FP
#undef FP_TARGET
#undef FP_SKIP_FIRST
#undef FP_SKIP_NEXT

#ifdef FP_HAVE_SSE2
#define FP(name) name##_sse2
#define FP_TARGET
#define FP_SKIP_FIRST skip_plain_sse2
#define FP_SKIP_NEXT skip_plain_sse2
#include "fastpath_body.h"
#undef FP
#undef FP_TARGET
#undef FP_SKIP_FIRST
#undef FP_SKIP_NEXT
#endif

#ifdef FP_HAVE_AVX2
#define FP(name) name##_avx2
#define FP_TARGET FP_AVX2_TARGET
#define FP_SKIP_FIRST skip_plain_avx2
#define FP_SKIP_NEXT skip_plain_avx2
#include "fastpath_body.h"
#undef FP
#undef FP_TARGET
#undef FP_SKIP_FIRST
#undef FP_SKIP_NEXT
#endif

#ifdef FP_HAVE_AVX512
#define FP(name) name##_avx512
#define FP_TARGET FP_AVX512_TARGET
#define FP_SKIP_FIRST skip_plain_avx512_first
#define FP_SKIP_NEXT skip_plain_avx512
#include "fastpath_body.h"
#undef FP
#undef FP_TARGET
#undef FP_SKIP_FIRST
#undef FP_SKIP_NEXT
#endif

/* ------------------------------------------------------------------
 * The choice: the best build this CPU runs, unless SMTPREPLY_SCAN names
 * another (or sr_scan_use() did). Made at the first parse; until then the
 * pointer leads to choose_and_parse(). Threads that race there all choose
 * the same, so the relaxed atomic store is enough.
 * ------------------------------------------------------------------ */
static int choose_and_parse(const char *buf, size_t len, size_t line_cap,
                            size_t max_lines, size_t max_reply,
                            struct smtpreply *r);

static int choose_and_parse_default(const char *buf, size_t len,
                                    struct smtpreply *r);

_Atomic(sr_fast_fn) sr_fast_chosen = choose_and_parse;
_Atomic(sr_parse_fn) sr_parse_chosen = choose_and_parse_default;

static int available(int which)
{
	switch (which) {
	case SR_SCAN_PORTABLE:
		return 1;
#ifdef FP_HAVE_SSE2
	case SR_SCAN_SSE2:
		return 1;
#endif
#ifdef FP_HAVE_AVX2
	case SR_SCAN_AVX2:
		__builtin_cpu_init();
		return __builtin_cpu_supports("avx2") != 0;
#endif
#ifdef FP_HAVE_AVX512
	case SR_SCAN_AVX512:
		__builtin_cpu_init();
		return __builtin_cpu_supports("avx512bw") != 0 &&
		       __builtin_cpu_supports("bmi") != 0;
#endif
	default:
		return 0;
	}
}

static sr_fast_fn build_of(int which)
{
	switch (which) {
#ifdef FP_HAVE_AVX512
	case SR_SCAN_AVX512:
		return fast_reply_avx512;
#endif
#ifdef FP_HAVE_AVX2
	case SR_SCAN_AVX2:
		return fast_reply_avx2;
#endif
#ifdef FP_HAVE_SSE2
	case SR_SCAN_SSE2:
		return fast_reply_sse2;
#endif
	default:
		return fast_reply_portable;
	}
}

static sr_parse_fn default_of(int which)
{
	switch (which) {
#ifdef FP_HAVE_AVX512
	case SR_SCAN_AVX512:
		return parse_default_avx512;
#endif
#ifdef FP_HAVE_AVX2
	case SR_SCAN_AVX2:
		return parse_default_avx2;
#endif
#ifdef FP_HAVE_SSE2
	case SR_SCAN_SSE2:
		return parse_default_sse2;
#endif
	default:
		return parse_default_portable;
	}
}

static int best(void)
{
	for (int which = SR_SCAN_BEST; which > SR_SCAN_PORTABLE; which--)
		if (available(which))
			return which;
	return SR_SCAN_PORTABLE;
}

static _Atomic int in_use; /* threads may choose at once: no data race */

const char *sr_scan_name(int which)
{
	switch (which) {
	case SR_SCAN_AVX512:
		return "avx512";
	case SR_SCAN_AVX2:
		return "avx2";
	case SR_SCAN_SSE2:
		return "sse2";
	case SR_SCAN_PORTABLE:
		return "portable";
	default:
		return "?";
	}
}

int sr_scan_in_use(void)
{
	return atomic_load_explicit(&in_use, memory_order_relaxed);
}

int sr_scan_use(int which)
{
	if (which == 0)
		which = best();
	if (!available(which))
		return -1;
	atomic_store_explicit(&in_use, which, memory_order_relaxed);
	atomic_store_explicit(&sr_fast_chosen, build_of(which), memory_order_relaxed);
	atomic_store_explicit(&sr_parse_chosen, default_of(which), memory_order_relaxed);
	return which;
}

static void choose(void)
{
	const char *env = getenv("SMTPREPLY_SCAN");
	int which = 0;

	for (int k = SR_SCAN_PORTABLE; env && k <= SR_SCAN_BEST; k++)
		if (strcmp(env, sr_scan_name(k)) == 0)
			which = k;
	if (sr_scan_use(which) < 0)
		sr_scan_use(0); /* asked for one this CPU lacks: the best */
}

int sr_scan_level(void)
{
	int which = sr_scan_in_use();
	if (which == 0) {
		choose();
		which = sr_scan_in_use();
	}
	return which;
}

static int choose_and_parse(const char *buf, size_t len, size_t line_cap,
                            size_t max_lines, size_t max_reply,
                            struct smtpreply *r)
{
	choose();
	return sr_fast_reply(buf, len, line_cap, max_lines, max_reply, r);
}

static int choose_and_parse_default(const char *buf, size_t len,
                                    struct smtpreply *r)
{
	choose();
	sr_parse_fn fn = atomic_load_explicit(&sr_parse_chosen, memory_order_relaxed);
	return fn(buf, len, r);
}
