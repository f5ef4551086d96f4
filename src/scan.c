/* scan.c - the searches under smtpreply_find: a substring search
 * (sr_find) and the pre-filter that lets the line walk skip the lines of
 * a mail log that no log matcher can take (sr_scan_next), many bytes a
 * step where the machine has SSE2, byte by byte elsewhere.
 *
 * Most lines of a mail log name no failure (deliveries, connects, queue
 * bookkeeping). extract.c's line_hints() decides exactly, from a line's
 * bytes, whether the log matchers may look at it: a reply code where a log
 * puts one, "stat=", "timed out", "timeout", "lost connection". Every one
 * of those holds one of a few short patterns, the triggers below, which a
 * vector compare finds 16 bytes a step; line_hints() then runs on the rare
 * line that has one. So the triggers are a superset of what line_hints()
 * accepts, and the records are the same with or without them
 * (tools/find_diff.sh checks that, field by field). The triggers:
 *
 *   [2-5] digit digit [ -]   a reply code (line_hints also wants the byte
 *                            before it to be one of a few)
 *   "at="                    "stat="
 *   "out"                    "timed out", "timeout"
 *   'n' before CR, LF or the end: line_hints' test for "lost connection"
 *                            holds only for a line of 14 bytes or more that
 *                            ends in 'n' (it compares the phrase 13 bytes
 *                            before an 'n', where its 'o' is, and compares
 *                            nothing at the line's last byte), kept so.
 *
 * No scan reads a byte outside [p, end). */
#include "extract.h"

#include <string.h>

#if (defined(__GNUC__) || defined(__clang__)) && defined(__SSE2__) && \
        !defined(SMTPREPLY_PORTABLE)
#include <emmintrin.h>
#define SC_HAVE_SSE2 1
#define SC_CTZ(x) ((unsigned)__builtin_ctz(x))
#endif

/* ---------------------------------------------------------------------
 * sr_find: the first occurrence of a needle. A vector step compares the
 * needle's first and last bytes at 16 places at once; only the places
 * where both agree are compared whole. Short log lines and short needles:
 * faster than a general memmem by several times there.
 * --------------------------------------------------------------------- */

const char *sr_find(const char *h, size_t n, const char *needle, size_t nlen)
{
	if (nlen == 0)
		return h;
	if (n < nlen)
		return NULL;
	if (nlen == 1)
		return memchr(h, needle[0], n);
	size_t i = 0;
	const size_t last = n - nlen; /* the last place the needle can start */
#ifdef SC_HAVE_SSE2
	/* The two bytes compared: the first and last that are not blanks
	 * (" reject: " has blanks 8 apart all over a log line). */
	size_t i1 = 0, i2 = nlen - 1;
	while (i1 < i2 && needle[i1] == ' ')
		i1++;
	while (i2 > i1 && (needle[i2] == ' ' || needle[i2] == ':'))
		i2--;
	if (i1 == i2) {
		i1 = 0;
		i2 = nlen - 1;
	}
	const __m128i f = _mm_set1_epi8(needle[i1]);
	const __m128i l = _mm_set1_epi8(needle[i2]);
	/* blocks of 16 places whose last byte (i + 15 + nlen - 1) is in h */
	for (; i + 16 <= last + 1; i += 16) {
		__m128i a = _mm_loadu_si128((const __m128i *)(const void *)(h + i + i1));
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(h + i + i2));
		unsigned m = (unsigned)_mm_movemask_epi8(
		        _mm_and_si128(_mm_cmpeq_epi8(a, f), _mm_cmpeq_epi8(b, l)));
		while (m) {
			size_t k = i + SC_CTZ(m);
			if (memcmp(h + k, needle, nlen) == 0)
				return h + k;
			m &= m - 1;
		}
	}
#endif
	while (i <= last) {
		const char *c = memchr(h + i, needle[0], last - i + 1);
		if (c == NULL)
			return NULL;
		if (memcmp(c + 1, needle + 1, nlen - 1) == 0)
			return c;
		i = (size_t)(c - h) + 1;
	}
	return NULL;
}

/* ---------------------------------------------------------------------
 * sr_scan_next: the first trigger at or after p.
 * --------------------------------------------------------------------- */

static int sc_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* The trigger at q, with e - q >= 1 bytes readable. */
static int sc_trigger_at(const unsigned char *q, const unsigned char *e)
{
	size_t r = (size_t)(e - q);
	unsigned char c = q[0];
	if (c >= '2' && c <= '5')
		return r >= 4 && sc_digit(q[1]) && sc_digit(q[2]) &&
		       (q[3] == ' ' || q[3] == '-');
	if (c == 'a')
		return r >= 3 && q[1] == 't' && q[2] == '=';
	if (c == 'o')
		return r >= 3 && q[1] == 'u' && q[2] == 't';
	if (c == 'n')
		return r == 1 || q[1] == '\n' || q[1] == '\r';
	return 0;
}

#ifdef SC_HAVE_SSE2
/* Bytes of x in [lo, hi] (lo <= hi < 0x80): 0xFF, others 0. Adding
 * 0x80 - lo moves [lo, hi] to the lowest signed values, [-128, -128 +
 * hi - lo], and every other byte above them. */
static __m128i sc_range(__m128i x, char lo, char hi)
{
	__m128i v = _mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - lo)));
	return _mm_cmplt_epi8(v, _mm_set1_epi8((char)(-128 + (hi - lo) + 1)));
}

static __m128i sc_eq(__m128i x, char c)
{
	return _mm_cmpeq_epi8(x, _mm_set1_epi8(c));
}
#endif

const char *sr_scan_next(const char *p, const char *end)
{
	const unsigned char *q = (const unsigned char *)p,
	                    *e = (const unsigned char *)end;
#ifdef SC_HAVE_SSE2
	/* 16 places a step; each place reads 4 bytes, so a step reads 19 */
	while (e - q >= 19) {
		__m128i a = _mm_loadu_si128((const __m128i *)(const void *)q);
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(q + 1));
		__m128i c = _mm_loadu_si128((const __m128i *)(const void *)(q + 2));
		__m128i d = _mm_loadu_si128((const __m128i *)(const void *)(q + 3));
		__m128i code = _mm_and_si128(
		        _mm_and_si128(sc_range(a, '2', '5'), sc_range(b, '0', '9')),
		        _mm_and_si128(sc_range(c, '0', '9'),
		                      _mm_or_si128(sc_eq(d, ' '), sc_eq(d, '-'))));
		__m128i stat = _mm_and_si128(_mm_and_si128(sc_eq(a, 'a'), sc_eq(b, 't')),
		                             sc_eq(c, '='));
		__m128i out = _mm_and_si128(_mm_and_si128(sc_eq(a, 'o'), sc_eq(b, 'u')),
		                            sc_eq(c, 't'));
		__m128i nl = _mm_and_si128(sc_eq(a, 'n'),
		                           _mm_or_si128(sc_eq(b, '\n'), sc_eq(b, '\r')));
		__m128i any = _mm_or_si128(_mm_or_si128(code, stat),
		                           _mm_or_si128(out, nl));
		unsigned m = (unsigned)_mm_movemask_epi8(any);
		if (m)
			return (const char *)q + SC_CTZ(m);
		q += 16;
	}
#endif
	for (; q < e; q++)
		if (sc_trigger_at(q, e))
			return (const char *)q;
	return end;
}

/* ---------------------------------------------------------------------
 * sr_scan_anchors: whether a log line may hold one of the phrases a log
 * matcher (extract.c) needs before it takes a line; each phrase holds one
 * of these three-byte pieces:
 *
 *   match_postfix    " said:" id:, " refused to talk to me: " me:,
 *                    " reject: " ct:, "conversation with ",
 *                    "lost connection with " "n w"
 *   match_exim       "SMTP error from remote mail", "SMTP timeout after "
 *                    "TP "
 *   match_opensmtpd  "result=" lt=, "Fail for " "il "
 *   match_sendmail   "stat=" at=, "reply=" ly=
 *
 * A matcher that learns a phrase without one of these pieces must add
 * its piece here (built with -DSMTPREPLY_CHECK_SCAN, the walk checks that
 * the matchers take no line this turns away).
 * --------------------------------------------------------------------- */

static int sc_anchor_at(const unsigned char *q)
{
	unsigned char a = q[0], b = q[1], c = q[2];
	switch (c) {
	case ':':
		return (a == 'i' && b == 'd') || (a == 'm' && b == 'e') ||
		       (a == 'c' && b == 't');
	case '=':
		return (b == 't' && (a == 'l' || a == 'a')) || (a == 'l' && b == 'y');
	case ' ':
		return (a == 'T' && b == 'P') || (a == 'i' && b == 'l');
	case 'w':
		return a == 'n' && b == ' ';
	}
	return 0;
}

int sr_scan_anchors(const char *p, size_t n)
{
	const unsigned char *q = (const unsigned char *)p, *e = q + n;
#ifdef SC_HAVE_SSE2
	while (e - q >= 18) {
		__m128i a = _mm_loadu_si128((const __m128i *)(const void *)q);
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(q + 1));
		__m128i c = _mm_loadu_si128((const __m128i *)(const void *)(q + 2));
		__m128i bt = sc_eq(b, 't'), al = sc_eq(a, 'l'),
		        ai = sc_eq(a, 'i');
		__m128i colon = _mm_and_si128(
		        sc_eq(c, ':'),
		        _mm_or_si128(_mm_or_si128(_mm_and_si128(ai, sc_eq(b, 'd')),
		                                  _mm_and_si128(sc_eq(a, 'm'), sc_eq(b, 'e'))),
		                     _mm_and_si128(sc_eq(a, 'c'), bt)));
		__m128i equal = _mm_and_si128(
		        sc_eq(c, '='),
		        _mm_or_si128(_mm_and_si128(bt, _mm_or_si128(al, sc_eq(a, 'a'))),
		                     _mm_and_si128(al, sc_eq(b, 'y'))));
		__m128i blank = _mm_and_si128(
		        sc_eq(c, ' '),
		        _mm_or_si128(_mm_and_si128(sc_eq(a, 'T'), sc_eq(b, 'P')),
		                     _mm_and_si128(ai, sc_eq(b, 'l'))));
		__m128i with = _mm_and_si128(sc_eq(c, 'w'),
		                             _mm_and_si128(sc_eq(a, 'n'), sc_eq(b, ' ')));
		if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(colon, equal),
		                                   _mm_or_si128(blank, with))))
			return 1;
		q += 16;
	}
#endif
	for (; e - q >= 3; q++)
		if (sc_anchor_at(q))
			return 1;
	return 0;
}

const char *sr_scan_last_lf(const char *p, const char *end)
{
	const char *q = end;
#ifdef SC_HAVE_SSE2
	const __m128i lf = _mm_set1_epi8('\n');
	while (q - p >= 16) {
		__m128i a = _mm_loadu_si128((const __m128i *)(const void *)(q - 16));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(a, lf));
		if (m)
			return q - 16 + (31 - (unsigned)__builtin_clz(m));
		q -= 16;
	}
#endif
	while (q > p)
		if (*--q == '\n')
			return q;
	return NULL;
}
