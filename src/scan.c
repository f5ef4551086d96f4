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
 *   "st c"                   "lost connection"
 *   "s=b" "s=d" "s=u"        Postfix "status=bounced (", "status=deferred (",
 *                            "status=undeliverable (" (a failure in the
 *                            MTA's own words, with or without a reply)
 *   "** " "== "              Exim's failed and deferred delivery lines
 *   "d:_"                    qmail-send's "Remote_host_said:_" (its log
 *                            writes blanks as '_')
 *
 * No scan reads a byte outside [p, end). */
#include "extract.h"
#include "fastpath.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if (defined(__GNUC__) || defined(__clang__)) && defined(__SSE2__) && \
        !defined(SMTPREPLY_PORTABLE)
#include <emmintrin.h>
#define SC_HAVE_SSE2 1
#define SC_CTZ64(x) ((unsigned)__builtin_ctzll(x))
/* The masks inlined in their loops, the constants kept in registers;
 * not when not optimising (gcc -fanalyzer, as tests/static.sh runs it,
 * takes minutes and gigabytes over the inlined loops, seconds without). */
#ifdef __OPTIMIZE__
#define SC_INLINE static inline __attribute__((always_inline))
#else
#define SC_INLINE static __attribute__((noinline))
#endif
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define SC_HAVE_AVX2 1
#endif
#endif

/* ---------------------------------------------------------------------
 * The vector loops (scan_body.h), in SSE2 and, with a target attribute
 * (the library is built for any x86-64), AVX2: the build the parser
 * chose (fastpath.c sr_scan_level: the best the CPU runs,
 * or the one SMTPREPLY_SCAN names: "avx2", "sse2", "portable").
 * --------------------------------------------------------------------- */

#ifdef SC_HAVE_SSE2
#define SC_FN(name) name##_sse2
#define SC_TARGET
#define SC_V __m128i
#define SC_W 16
#define SC_LOAD(p) _mm_loadu_si128((const __m128i *)(p))
#define SC_SET1 _mm_set1_epi8
#define SC_CMPEQ _mm_cmpeq_epi8
#define SC_CMPLT _mm_cmplt_epi8
#define SC_AND _mm_and_si128
#define SC_OR _mm_or_si128
#define SC_ANDNOT _mm_andnot_si128
#define SC_ADD _mm_add_epi8
#define SC_MASK(x) ((uint64_t)(unsigned)_mm_movemask_epi8(x))
#include "scan_body.h"
#undef SC_FN
#undef SC_TARGET
#undef SC_V
#undef SC_W
#undef SC_LOAD
#undef SC_SET1
#undef SC_CMPEQ
#undef SC_CMPLT
#undef SC_AND
#undef SC_OR
#undef SC_ANDNOT
#undef SC_ADD
#undef SC_MASK
#endif

#ifdef SC_HAVE_AVX2
#define SC_FN(name) name##_avx2
#define SC_TARGET __attribute__((target("avx2")))
#define SC_V __m256i
#define SC_W 32
#define SC_LOAD(p) _mm256_loadu_si256((const __m256i *)(p))
#define SC_SET1 _mm256_set1_epi8
#define SC_CMPEQ _mm256_cmpeq_epi8
#define SC_CMPLT(a, b) _mm256_cmpgt_epi8((b), (a))
#define SC_AND _mm256_and_si256
#define SC_OR _mm256_or_si256
#define SC_ANDNOT _mm256_andnot_si256
#define SC_ADD _mm256_add_epi8
#define SC_MASK(x) ((uint64_t)(uint32_t)_mm256_movemask_epi8(x))
#include "scan_body.h"
#undef SC_FN
#undef SC_TARGET
#undef SC_V
#undef SC_W
#undef SC_LOAD
#undef SC_SET1
#undef SC_CMPEQ
#undef SC_CMPLT
#undef SC_AND
#undef SC_OR
#undef SC_ANDNOT
#undef SC_ADD
#undef SC_MASK
#endif

/* The build the parser runs (fastpath.c chooses once: SMTPREPLY_SCAN or
 * the best this CPU has); a loop this file was not compiled with falls to
 * the next narrower one. */
enum { SC_SSE2 = SR_SCAN_SSE2, SC_AVX2 = SR_SCAN_AVX2 };

static int sc_choose(void)
{
	return sr_scan_level();
}

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
	int lv = sc_choose();
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
	const char *r;
#ifdef SC_HAVE_AVX2
	if (lv >= SC_AVX2 &&
	    (r = find_avx2(h, &i, last, needle, nlen, i1, i2)) != NULL)
		return r;
#endif
	if (lv >= SC_SSE2 &&
	    (r = find_sse2(h, &i, last, needle, nlen, i1, i2)) != NULL)
		return r;
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
	if (c == 's')
		return (r >= 4 && q[1] == 't' && q[2] == ' ' && q[3] == 'c') ||
		       (r >= 3 && q[1] == '=' &&
		        (q[2] == 'b' || q[2] == 'd' || q[2] == 'u'));
	if (c == '*' || c == '=')
		return r >= 3 && q[1] == c && q[2] == ' ';
	if (c == 'd')
		return r >= 3 && q[1] == ':' && q[2] == '_';
	return 0;
}


const char *sr_scan_next(const char *p, const char *end)
{
	const unsigned char *q = (const unsigned char *)p,
	                    *e = (const unsigned char *)end;
	const char *hit;
	int lv = sc_choose();
	(void)lv;
	(void)hit;
#ifdef SC_HAVE_AVX2
	if (lv >= SC_AVX2 && (hit = next_avx2(&q, e)) != NULL)
		return hit;
#endif
#ifdef SC_HAVE_SSE2
	if (lv >= SC_SSE2 && (hit = next_sse2(&q, e)) != NULL)
		return hit;
#endif
	for (; q < e; q++)
		if (sc_trigger_at(q, e))
			return (const char *)q;
	return end;
}

/* ---------------------------------------------------------------------
 * sr_scan_next_lines: the same, for a walk that also reads transcripts,
 * bounce text and raw replies, where a line's place matters too. More
 * triggers:
 *
 *   ':' before CR, LF or the end     a line that ends with ':' (bounce
 *                                    text announcing the reply below)
 *   LF before a blank                the line it ends is folded (at the LF)
 *   LF before a line that starts as a server's transcript line does
 *   ("<-", "<~", "<*", "<<", "< ", "S:", "SE", "re") or with three digits
 *   [2-5]xx not followed by a digit (a raw reply): at that line's first
 *   byte. The first line of [p, end) is the caller's to test
 *   (sr_scan_line_start).
 *   digit ", b" digit ", '" (or '"')  smtplib's exceptions: "(550, b'5.1.1
 *                                    ...')", the code before a comma
 *   "as: " "de: "                    .NET's "The server response was: 5.1.1
 *                                    ..." (no code in the text), PHPMailer's
 *                                    "... SMTP code: 554" at a line's end
 * --------------------------------------------------------------------- */

int sr_scan_line_start(const char *p, const char *end)
{
	const unsigned char *s = (const unsigned char *)p,
	                    *e = (const unsigned char *)end;
	size_t r = (size_t)(e - s);
	if (r < 2)
		return 0;
	switch (s[0]) {
	case '<':
		return s[1] == '-' || s[1] == '~' || s[1] == '*' || s[1] == '<' ||
		       s[1] == ' ';
	case 'S':
		return s[1] == ':' || s[1] == 'E';
	case 'r':
		return s[1] == 'e';
	}
	return s[0] >= '2' && s[0] <= '5' && r >= 3 && sc_digit(s[1]) &&
	       sc_digit(s[2]) && (r == 3 || !sc_digit(s[3]));
}

const char *sr_scan_next_lines(const char *p, const char *end)
{
	const unsigned char *q = (const unsigned char *)p,
	                    *e = (const unsigned char *)end;
	const char *hit;
	int lv = sc_choose();
	(void)lv;
	(void)hit;
#ifdef SC_HAVE_AVX2
	if (lv >= SC_AVX2 && (hit = next_lines_avx2(&q, e)) != NULL)
		return hit;
#endif
#ifdef SC_HAVE_SSE2
	if (lv >= SC_SSE2 && (hit = next_lines_sse2(&q, e)) != NULL)
		return hit;
#endif
	for (; q < e; q++) {
		size_t r = (size_t)(e - q);
		if (sc_trigger_at(q, e))
			return (const char *)q;
		if (q[0] == ':' && (r == 1 || q[1] == '\n' || q[1] == '\r'))
			return (const char *)q;
		if (r >= 4 && sc_digit(q[0]) && q[1] == ',' && q[2] == ' ' &&
		    (q[3] == 'b' || q[3] == '\'' || q[3] == '"'))
			return (const char *)q;
		if (r >= 4 && q[2] == ':' && q[3] == ' ' &&
		    ((q[0] == 'a' && q[1] == 's') || (q[0] == 'd' && q[1] == 'e')))
			return (const char *)q;
		if (q[0] == '\n' && r >= 2) {
			if (q[1] == ' ' || q[1] == '\t')
				return (const char *)q;
			if (sr_scan_line_start((const char *)q + 1, end))
				return (const char *)q + 1;
		}
	}
	return end;
}

/* ---------------------------------------------------------------------
 * sr_scan_text_anchors: the same as sr_scan_anchors for the phrases of
 * extract.c's match_bounce_text (besides its "a@b.c: 550 ..." form):
 *
 *   "Remote host said: " id:, "Remote Server returned '" (any case of
 *   its first two letters) "d '", "Reported error: " or:,
 *   "Diagnostic-Code:" (any case of the D and C) de:, "The response from
 *   the remote server was:", "The response was:", "The error that the
 *   other server returned was:" as:, Exchange 2003's "<mail.b.c #5.1.1
 *   smtp;550 ...>" #4. #5., Domino's "because:" se:, GMX's and 1&1's
 *   "SMTP error from remote server for RCPT TO command, host: H (ip)
 *   reason: 550 ..." on:
 * --------------------------------------------------------------------- */

int sr_scan_text_anchors(const char *p, size_t n)
{
	const unsigned char *q = (const unsigned char *)p, *e = q + n;
	int lv = sc_choose();
	(void)lv;
#ifdef SC_HAVE_AVX2
	if (lv >= SC_AVX2 && text_anchors_avx2(&q, e) != NULL)
		return 1;
#endif
#ifdef SC_HAVE_SSE2
	if (lv >= SC_SSE2 && text_anchors_sse2(&q, e) != NULL)
		return 1;
#endif
	for (; e - q >= 3; q++) {
		unsigned char a = q[0], b = q[1], c = q[2];
		if ((c == ':' && ((a == 'i' && b == 'd') || (a == 'o' && b == 'r') ||
		                  (a == 'd' && b == 'e') || (a == 'a' && b == 's') ||
		                  (a == 's' && b == 'e') || (a == 'o' && b == 'n'))) ||
		    (c == '\'' && a == 'd' && b == ' ') ||
		    (c == '.' && a == '#' && (b == '4' || b == '5')))
			return 1;
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * sr_scan_wrap_anchors: the same for extract.c's match_wrapper (client
 * libraries' error texts and Exchange's "#550 ... ##"), pieces of four or
 * five bytes:
 *
 *   Symfony Mailer, SwiftMailer 'code "550", with message "550 ..."'
 *                   'e "[2-5]'
 *   PHPMailer       "... Detail: TEXT\r\n SMTP code: 550" "il: "
 *   smtplib         "(550, b'5.1.1 ...')", "(550, '...')" ", b'" ", '"
 *                   (or '"')
 *   a reply after ": " (JavaMail "...Exception: 550", Ruby "Net::SMTP
 *   FatalError: 550", Nodemailer "... rejected: 550", PHPMailer's "SMTP
 *   ERROR: RCPT TO command failed: 550", Go's errors) ": [2-5]dd"
 *   .NET            "The server response was: " "as: "
 *   Ruby            "Net::SMTP" "::SM"
 *   response=       "se=[2-5]", "se=\""
 *   Exchange        "#550 5.1.1 ... ##" "#[2-5]dd"
 * --------------------------------------------------------------------- */

/* The piece at q, with r = e - q >= 1 bytes readable. */
static int sc_wrap_at(const unsigned char *q, size_t r)
{
	unsigned char a = q[0];
	if (r < 4)
		return 0;
	unsigned char b = q[1], c = q[2], d = q[3];
	int dq = d == '\'' || d == '"', d25 = d >= '2' && d <= '5';
	return (a == 'e' && b == ' ' && c == '"' && d25) ||
	       (((a == 'i' && b == 'l') || (a == 'a' && b == 's')) && c == ':' &&
	        d == ' ') ||
	       (a == ',' && b == ' ' && (c == '\'' || c == '"' || (c == 'b' && dq))) ||
	       (a == ':' && b == ' ' && c >= '2' && c <= '5' && sc_digit(d) &&
	        r >= 5 && sc_digit(q[4])) ||
	       (a == ':' && b == ':' && c == 'S' && d == 'M') ||
	       (a == 's' && b == 'e' && c == '=' && (d25 || dq)) ||
	       (a == '#' && b >= '2' && b <= '5' && sc_digit(c) && sc_digit(d));
}

int sr_scan_wrap_anchors(const char *p, size_t n)
{
	const unsigned char *q = (const unsigned char *)p, *e = q + n;
	int lv = sc_choose();
	(void)lv;
#ifdef SC_HAVE_AVX2
	if (lv >= SC_AVX2 && wrap_anchors_avx2(&q, e) != NULL)
		return 1;
#endif
#ifdef SC_HAVE_SSE2
	if (lv >= SC_SSE2 && wrap_anchors_sse2(&q, e) != NULL)
		return 1;
#endif
	for (; q < e; q++)
		if (sc_wrap_at(q, (size_t)(e - q)))
			return 1;
	return 0;
}

/* ---------------------------------------------------------------------
 * sr_scan_anchors: whether a log line may hold one of the phrases a log
 * matcher (extract.c) needs before it takes a line; each phrase holds one
 * of these three-byte pieces:
 *
 *   match_postfix    " said:" id:, " refused to talk to me: " me:,
 *                    " reject: " ct:, "conversation with ",
 *                    "lost connection with " "n w"
 *   match_exim       "SMTP error from remote mail", "SMTP timeout after ",
 *                    "LMTP error after "
 *                    "TP "
 *   match_opensmtpd  "result=" lt=, "Fail for " "il "
 *   match_sendmail   "stat=" at=, "reply=" ly=
 *   match_postfix_status  "status=bounced (", "status=deferred (",
 *                    "status=undeliverable (" s=b s=d s=u
 *   match_exim_flag  Exim's " ** " and " == " "** " "== "
 *   match_qmail_log  qmail-send's "Remote_host_said:_" id:
 *   match_chasquid   "failed (permanent): ", "failed (temporary): " "d ("
 *   wrap_courier_log "courieresmtp: id=" "p: "
 *   (match_exchange has no phrase: extract.c lets a line through to it by
 *   its start, a CSV line's date-time, ex_line_start)
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
		return (a == 'T' && b == 'P') || (a == 'i' && b == 'l') ||
		       (a == 'p' && b == ':') ||
		       (a == b && (a == '*' || a == '='));
	case 'w':
		return a == 'n' && b == ' ';
	case '(':
		return a == 'd' && b == ' ';
	case 'b':
	case 'd':
	case 'u':
		return a == 's' && b == '=';
	}
	return 0;
}

int sr_scan_anchors(const char *p, size_t n)
{
	const unsigned char *q = (const unsigned char *)p, *e = q + n;
	int lv = sc_choose();
	(void)lv;
#ifdef SC_HAVE_AVX2
	if (lv >= SC_AVX2 && anchors_avx2(&q, e) != NULL)
		return 1;
#endif
#ifdef SC_HAVE_SSE2
	if (lv >= SC_SSE2 && anchors_sse2(&q, e) != NULL)
		return 1;
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
