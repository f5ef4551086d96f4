/* parse.c - the SMTP reply grammar (RFC 5321 §4.2, RFC 3463 / RFC 2034),
 * one-shot and streaming, over the caller's buffer.
 *
 * The parser works a line at a time: it looks for LF only in bytes it has
 * not searched before (state.scan), and examines each line once, when the
 * line is complete. So a reply fed one byte at a time costs O(n) in all,
 * and the streaming parser's state is a handful of offsets. */
#include "internal.h"

#include <string.h>

#define RFC_LINE_MAX 512 /* RFC 5321 §4.5.3.1.5, line end included */

/* What each byte of a line's content means for the flags. */
enum { P = 0, H, C, N, R, L };
static const unsigned char byte_kind[256] = {
	N, C, C, C, C, C, C, C, C, P, L, C, C, R, C, C,
	C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
	P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
	P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
	P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
	P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
	P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
	P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, C,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
};

struct limits {
	unsigned reject;
	size_t max_line, max_lines, max_reply;
};

/* Everything the streaming parser carries between calls. Offsets are from
 * the start of the caller's buffer (the first byte not yet consumed). */
struct state {
	size_t scan;        /* bytes before this were searched for LF */
	size_t line_start;  /* the line being read */
	size_t count_start; /* where max_reply starts counting (after junk) */
	size_t reply_start; /* the first coded line, once nlines > 0 */
	size_t nlines;
	size_t without_enh;   /* lines of the reply's code lacking its enhanced code */
	size_t first_without; /* the first of those */
	size_t reject_line;   /* the line a rejected tolerance was seen in */
	size_t first_text;     /* where the first line's text starts */
	size_t first_text_end; /* and ends */
	size_t first_strip;    /* its repeated enhanced code's length */
	size_t cur_strip;      /* the same for the latest line */
	unsigned flags;
	unsigned rejected;
	unsigned line_seen; /* byte flags of the line being read, so far */
	int first_code;
	int code; /* the latest coded line's code */
	int dropping; /* the rest of a reported line is still to come */
	int junk;     /* such a rest was dropped before this reply */
	struct smtpreply_enhanced enh;
};

_Static_assert(sizeof(struct state) <= sizeof(((struct smtpreply_parser *)0)->state_),
               "parser state must fit the public struct");

/* A fresh state, field by field. Every reply starts and ends with this, and
 * compilers turn a memset (or "= {0}") of a struct this size into `rep
 * stos`, whose start-up alone costs as much as parsing a short reply; plain
 * stores cost a few cycles. A field added to struct state goes here too. */
static inline void state_clear(struct state *st)
{
	st->scan = st->line_start = st->count_start = st->reply_start = 0;
	st->nlines = st->without_enh = st->first_without = st->reject_line = 0;
	st->first_text = st->first_text_end = st->first_strip = st->cur_strip = 0;
	st->flags = st->rejected = st->line_seen = 0;
	st->first_code = st->code = st->dropping = st->junk = 0;
	st->enh.klass = st->enh.subject = st->enh.detail = 0;
}

/* An empty reply, for the results that carry none, for the same reason. */
static inline void reply_clear(struct smtpreply *r)
{
	r->code = r->first_code = r->klass = 0;
	r->flags = 0;
	r->enhanced.klass = r->enhanced.subject = r->enhanced.detail = 0;
	r->nlines = 0;
	r->raw.ptr = NULL;
	r->raw.len = 0;
	r->error_offset = r->skip = 0;
	r->first_line.ptr = r->last_line.ptr = NULL;
	r->first_line.len = r->last_line.len = 0;
	memset(r->reserved_, 0, sizeof r->reserved_); /* small: no rep stos */
}

static void limits_from(struct limits *lim, const struct smtpreply_options *o)
{
	if (o == NULL) { /* the common case: no arithmetic on defaults */
		static const struct limits defaults = {
			0, SMTPREPLY_DEFAULT_MAX_LINE, SMTPREPLY_DEFAULT_MAX_LINES,
			SMTPREPLY_DEFAULT_MAX_REPLY,
		};
		*lim = defaults;
		return;
	}
	lim->reject = o->reject;
	lim->max_line = o->max_line ? o->max_line : SMTPREPLY_DEFAULT_MAX_LINE;
	lim->max_lines = o->max_lines ? o->max_lines : SMTPREPLY_DEFAULT_MAX_LINES;
	lim->max_reply = o->max_reply ? o->max_reply : SMTPREPLY_DEFAULT_MAX_REPLY;
	if (lim->max_reply > SMTPREPLY_MAX_REPLY_LIMIT)
		lim->max_reply = SMTPREPLY_MAX_REPLY_LIMIT;
}

void smtpreply_options_init(struct smtpreply_options *opts)
{
	if (opts == NULL)
		return;
	memset(opts, 0, sizeof *opts);
	opts->max_line = SMTPREPLY_DEFAULT_MAX_LINE;
	opts->max_lines = SMTPREPLY_DEFAULT_MAX_LINES;
	opts->max_reply = SMTPREPLY_DEFAULT_MAX_REPLY;
}

/* End of the line that starts at or contains offset `at`. */
static size_t line_end_from(const char *buf, size_t len, size_t at)
{
	const char *lf = at < len ? memchr(buf + at, '\n', len - at) : NULL;
	return lf ? (size_t)(lf - buf) + 1 : len;
}

static int fail(struct state *st, struct smtpreply *r, int err, size_t offset,
                size_t skip, int line_ended, unsigned flags)
{
	reply_clear(r);
	r->error_offset = offset;
	r->skip = skip;
	r->flags = flags;
	state_clear(st);
	st->dropping = !line_ended;
	return err;
}

/* Records a tolerance; SMTPREPLY_E_REJECTED when the options refuse it. */
static int tolerate(struct state *st, const struct limits *lim, unsigned flag,
                    size_t line)
{
	st->flags |= flag;
	if (lim->reject & flag) {
		st->rejected = flag;
		st->reject_line = line;
		return SMTPREPLY_E_REJECTED;
	}
	return 0;
}

/* A UTF-8 sequence at p with n bytes available: its length when valid, 0
 * when invalid, -1 when it may still be valid but has not fully arrived. */
static int utf8_check(const unsigned char *p, size_t n)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xBF;
	size_t need;

	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F; /* no surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F; /* nothing past U+10FFFF */
	} else {
		return 0;
	}
	for (size_t i = 1; i <= need; i++) {
		if (i >= n)
			return -1;
		if (p[i] < (i == 1 ? lo : 0x80) || p[i] > (i == 1 ? hi : 0xBF))
			return 0;
	}
	return (int)need + 1;
}

/* Finding the line end is most of the parser's work, so it is done many
 * bytes at a time. A byte is "plain" when it is printable ASCII (0x20 to
 * 0x7E) and says nothing about the flags; everything else (LF, CR, other
 * controls, DEL, NUL, 0x80 and up) is looked at one by one below. Replies
 * are plain but for their CR LF, so each step usually skips 16 or 8 bytes.
 *
 * SMTPREPLY_PORTABLE builds only the plain C paths (the tests run that
 * build too, so the fallback cannot rot on an SSE2 machine). */
#if (defined(__GNUC__) || defined(__clang__)) && !defined(SMTPREPLY_PORTABLE)
#define SR_CTZ64(x) ((unsigned)__builtin_ctzll(x))
#if defined(__SSE2__)
#include <emmintrin.h>
#define SR_SSE2 1
#endif
#endif

/* Four bytes as a little-endian word (byte k is bits 8k..8k+7), whatever
 * the machine's byte order; one load where it is little-endian. */
static inline uint32_t load_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* Eight bytes as a little-endian word, whatever the machine's byte order:
 * byte k of the buffer is bits 8k..8k+7, so the lowest flagged bit below
 * is the first flagged byte. Compilers turn this into one load on
 * little-endian machines. */
static inline uint64_t load_le64(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	       (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
	       (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

/* The high bit of each byte of w that is not plain. Bytes below 0x20
 * borrow in w - 0x20.., DEL becomes 0 in w ^ 0x7F.. and borrows when 1 is
 * taken away, and bytes of 0x80 and up have their own high bit. A borrow
 * can only disturb the bytes above the one it starts at, so the lowest bit
 * set is exact (higher ones may be false alarms: only the lowest is used). */
static inline uint64_t special_bits(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t below = w - ones * 0x20;
	uint64_t del = (w ^ (ones * 0x7F)) - ones;
	return (((below | del) & ~w) | w) & high;
}

/* Offset of the byte that the lowest bit of special_bits() flags. */
static inline size_t first_flagged(uint64_t bits)
{
#ifdef SR_CTZ64
	return SR_CTZ64(bits) >> 3;
#else
	/* Isolate the lowest flag (bit 8k+7), move it to bit 8k, and let a
	 * multiplication gather k into the top byte. */
	uint64_t low = (bits & (0 - bits)) >> 7;
	return (size_t)((low * 0x0001020304050607u) >> 56);
#endif
}

/* skip_plain() without SSE2, or for the last 8 to 15 bytes with it. Not
 * inline with SSE2: its constants would be set up in the callers' loops
 * for bytes that are nearly never there. */
static size_t skip_plain_words(const unsigned char *p, size_t i, size_t len)
{
	while (len - i >= 8) {
		uint64_t bits = special_bits(load_le64(p + i));
		if (bits != 0)
			return i + first_flagged(bits);
		i += 8;
	}
	while (i < len && byte_kind[p[i]] == P)
		i++;
	return i;
}

/* The first byte at or after i that is not plain, or len. */
SR_HOT_INLINE size_t skip_plain(const unsigned char *p, size_t i, size_t len)
{
#ifdef SR_SSE2
	/* One signed compare tells plain bytes: after adding 1, exactly the
	 * bytes 0x20..0x7E are above 0x20 (DEL wraps to -128, 0x80 and up
	 * are negative or 0, controls stay at or below 0x20). */
	const __m128i one = _mm_set1_epi8(1), space = _mm_set1_epi8(0x20);
	if (len >= 16) {
		for (size_t last = len - 16; i <= last; i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
			__m128i plain = _mm_cmpgt_epi8(_mm_add_epi8(v, one), space);
			unsigned mask = (unsigned)_mm_movemask_epi8(plain) ^ 0xFFFFu;
			if (mask != 0)
				return i + SR_CTZ64(mask);
		}
	}
	if (len - i < 8) { /* as when the streaming parser gets a byte or two */
		while (i < len && byte_kind[p[i]] == P)
			i++;
		return i;
	}
#endif
	return skip_plain_words(p, i, len);
}

/* Classifies bytes from st->scan on, noting the byte flags of the line in
 * st->line_seen, until the line's LF (returns its offset) or until the
 * bytes run out (returns len, with st->scan where to resume: a CR or a
 * UTF-8 sequence cut by the end of the bytes is looked at again). */
static size_t classify(struct state *st, const char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)buf;
	size_t i = st->scan;
	unsigned seen = st->line_seen;

	for (;;) {
		i = skip_plain(p, i, len);
		if (i >= len)
			break;
		switch (byte_kind[p[i]]) {
		case L:
			st->scan = i + 1;
			st->line_seen = seen;
			return i;
		case R:
			if (i + 1 >= len)
				goto more; /* a CR LF may be arriving */
			if (p[i + 1] == '\n') {
				st->scan = i + 2;
				st->line_seen = seen;
				return i + 1;
			}
			seen |= SMTPREPLY_F_BARE_CR;
			break;
		case H: {
			int n = utf8_check(p + i, len - i);
			if (n < 0)
				goto more; /* cut short: decided when the rest comes */
			seen |= SMTPREPLY_F_EIGHT_BIT;
			if (n == 0) {
				seen |= SMTPREPLY_F_INVALID_UTF8;
				n = 1;
			}
			i += (size_t)n;
			continue;
		}
		case C:
			seen |= SMTPREPLY_F_CONTROL;
			break;
		case N:
			seen |= SMTPREPLY_F_NUL;
			break;
		default: /* TAB: text, but skip_plain() stops at it */
			break;
		}
		i++;
	}
more:
	st->scan = i;
	st->line_seen = seen;
	return len;
}

/* Which size limit, if any, bytes up to `end` cross; when both do, the one
 * crossed first, so a reply split anywhere gives the same error. */
static int crossed_limit(const struct state *st, const struct limits *lim,
                         size_t end, size_t *at)
{
	size_t line_at = st->line_start + lim->max_line;
	size_t reply_at = st->count_start + lim->max_reply;

	if (line_at < end && line_at <= reply_at) {
		*at = line_at;
		return SMTPREPLY_E_LINE_TOO_LONG;
	}
	if (reply_at < end) {
		*at = reply_at;
		return SMTPREPLY_E_REPLY_TOO_BIG;
	}
	return 0;
}

/* Reports a completed line's byte flags, in a fixed order so a strict
 * caller always hears the same one. */
static int report_bytes(struct state *st, const struct limits *lim, size_t line)
{
	static const unsigned order[] = {
		SMTPREPLY_F_BARE_CR, SMTPREPLY_F_NUL, SMTPREPLY_F_CONTROL,
		SMTPREPLY_F_INVALID_UTF8, SMTPREPLY_F_EIGHT_BIT,
	};
	unsigned seen = st->line_seen;

	st->line_seen = 0;
	if (seen == 0)
		return 0;
	for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
		if (seen & order[k]) {
			int rc = tolerate(st, lim, order[k], line);
			if (rc)
				return rc;
		}
	return 0;
}

/* The enhanced-code bookkeeping for one line carrying the reply's code. */
static int enhanced_line(struct state *st, const struct limits *lim,
                         const char *text, size_t n, int code, size_t line)
{
	struct smtpreply_enhanced e;
	size_t took = sr_enhanced_at(text, n, &e);
	int rc = 0;

	st->cur_strip = 0;
	if (took && (e.klass == 2 || e.klass == 4 || e.klass == 5)) {
		if (e.klass == code / 100) {
			if (st->enh.klass == 0) {
				st->enh = e;
				st->cur_strip = took;
				if (st->without_enh)
					return tolerate(st, lim,
					                SMTPREPLY_F_ENHANCED_INCONSISTENT,
					                st->first_without);
				return 0;
			}
			if (e.subject != st->enh.subject || e.detail != st->enh.detail)
				return tolerate(st, lim, SMTPREPLY_F_ENHANCED_INCONSISTENT,
				                line);
			st->cur_strip = took;
			return 0;
		}
		rc = tolerate(st, lim, SMTPREPLY_F_ENHANCED_MISMATCH, line);
		if (rc)
			return rc;
	}
	if (st->enh.klass != 0)
		return tolerate(st, lim, SMTPREPLY_F_ENHANCED_INCONSISTENT, line);
	if (st->without_enh++ == 0)
		st->first_without = line;
	return 0;
}

static int is_standard_code(const char *p)
{
	return p[0] >= '2' && p[0] <= '5' && p[1] <= '5';
}

/* The first line of a reply: it must start with a valid code. */
static int first_line(struct state *st, struct smtpreply *r,
                      const struct limits *lim, const char *buf, size_t ls,
                      size_t ce, size_t next, int *final)
{
	const char *p = buf + ls;
	size_t n = ce - ls;
	int rc;

	for (size_t i = 0; i < 3; i++)
		if (i >= n || !sr_is_digit(p[i]))
			return fail(st, r, SMTPREPLY_E_BAD_CODE, ls + i, next, 1, 0);
	if (p[0] < '1' || p[0] > '5')
		return fail(st, r, SMTPREPLY_E_CODE_RANGE, ls, next, 1, 0);
	if (n > 3 && p[3] != ' ' && p[3] != '-')
		return fail(st, r, SMTPREPLY_E_BAD_SEPARATOR, ls + 3, next, 1, 0);

	int code = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
	size_t text = n > 3 ? 4 : 3;
	*final = n == 3 || p[3] == ' ';
	st->first_code = st->code = code;
	st->reply_start = ls;
	st->first_text = ls + text;
	st->first_text_end = ce;
	if (!is_standard_code(p) &&
	    (rc = tolerate(st, lim, SMTPREPLY_F_NONSTANDARD_CODE, ls)))
		return rc;
	if ((rc = report_bytes(st, lim, ls)))
		return rc;
	rc = enhanced_line(st, lim, p + text, n - text, code, ls);
	st->first_strip = st->cur_strip;
	return rc;
}

/* A line after a '-' line: a coded line or, tolerated, text without a code. */
static int later_line(struct state *st, const struct limits *lim,
                      const char *buf, size_t ls, size_t ce, int *final,
                      size_t *text_at)
{
	const char *p = buf + ls;
	size_t n = ce - ls, text = 0;
	int rc, code = sr_line_code(p, n, final, &text);

	*text_at = ls + text;
	st->cur_strip = 0;
	if (code < 0) {
		*final = 0;
		if ((rc = tolerate(st, lim, SMTPREPLY_F_CODELESS_LINE, ls)))
			return rc;
		return report_bytes(st, lim, ls);
	}
	st->code = code;
	if (code != st->first_code &&
	    (rc = tolerate(st, lim, SMTPREPLY_F_CODE_MISMATCH, ls)))
		return rc;
	if (!is_standard_code(p) &&
	    (rc = tolerate(st, lim, SMTPREPLY_F_NONSTANDARD_CODE, ls)))
		return rc;
	if ((rc = report_bytes(st, lim, ls)))
		return rc;
	if (code != st->first_code)
		return 0; /* counted again at the end, if it is the final code */
	return enhanced_line(st, lim, p + text, n - text, code, ls);
}

/* When the final code differs from the first, the enhanced code belongs to
 * the lines of the final code: walk the reply once more for them. */
static int redo_enhanced(struct state *st, const struct limits *lim,
                         const char *buf, size_t end)
{
	size_t pos = st->reply_start;

	st->flags &= ~(SMTPREPLY_F_ENHANCED_MISMATCH | SMTPREPLY_F_ENHANCED_INCONSISTENT);
	memset(&st->enh, 0, sizeof st->enh);
	st->without_enh = 0;
	while (pos < end) {
		size_t next = line_end_from(buf, end, pos), ce = next - 1, text = 0;
		int final, code;
		if (ce > pos && buf[ce - 1] == '\r')
			ce--;
		code = sr_line_code(buf + pos, ce - pos, &final, &text);
		if (code == st->code) {
			int rc = enhanced_line(st, lim, buf + pos + text,
			                       ce - pos - text, code, pos);
			if (rc)
				return rc;
		}
		pos = next;
	}
	return 0;
}

/* Fills in a complete reply. Every member is written, the reserved ones
 * with zeros, rather than memset first: see state_clear(). */
static int complete(struct state *st, struct smtpreply *r, const char *buf,
                    size_t final_text, size_t final_end, size_t next)
{
	r->code = st->code;
	r->first_code = st->first_code;
	r->klass = st->code / 100;
	r->flags = st->flags | (st->junk ? SMTPREPLY_F_SKIPPED_JUNK : 0);
	r->enhanced = st->enh;
	r->nlines = st->nlines;
	r->raw.ptr = buf + st->reply_start;
	r->raw.len = next - st->reply_start;
	/* The text views skip an enhanced code that repeats the reply's:
	 * enhanced_line measured it (never on a line of another code). */
	size_t strip = st->first_code == st->code ? st->first_strip : 0;
	r->first_line.ptr = buf + st->first_text + strip;
	r->first_line.len = st->first_text_end - st->first_text - strip;
	if (st->nlines == 1) {
		r->last_line = r->first_line;
	} else {
		r->last_line.ptr = buf + final_text + st->cur_strip;
		r->last_line.len = final_end - final_text - st->cur_strip;
	}
	r->error_offset = 0;
	r->skip = 0;
	memset(r->reserved_, 0, sizeof r->reserved_); /* small: no rep stos */
	state_clear(st);
	return (int)next;
}

/* No line end yet: only limits can fail, and (one-shot) a bad start. */
static int incomplete(struct state *st, struct smtpreply *r,
                      const struct limits *lim, const char *buf, size_t len,
                      int oneshot)
{
	size_t ls = st->line_start, avail = len - ls, at;
	int err = crossed_limit(st, lim, len, &at);

	if (err)
		return fail(st, r, err, at, len, 0, 0);
	if (oneshot && st->nlines == 0 && avail > 0) {
		/* A one-shot caller has no later call to hear the error in. */
		const char *p = buf + ls;
		if (!(avail == 1 && p[0] == '\r')) {
			for (size_t i = 0; i < 3 && i < avail; i++)
				if (!sr_is_digit(p[i]))
					return fail(st, r, SMTPREPLY_E_BAD_CODE,
					            ls + i, len, 0, 0);
			if (avail >= 3 && (p[0] < '1' || p[0] > '5'))
				return fail(st, r, SMTPREPLY_E_CODE_RANGE, ls,
				            len, 0, 0);
			if (avail >= 4 && p[3] != ' ' && p[3] != '-' &&
			    !(p[3] == '\r' && avail == 4))
				return fail(st, r, SMTPREPLY_E_BAD_SEPARATOR,
				            ls + 3, len, 0, 0);
		}
	}
	reply_clear(r);
	return SMTPREPLY_INCOMPLETE;
}

/* The fast path, for the replies servers send nearly always: the whole
 * reply is in buf, every line is printable ASCII ending in CR LF, within
 * RFC 5321's 512 bytes and the limits, and carries the first line's code
 * (a standard one), and either no line has an enhanced code or every line
 * has the same one, of the code's class. That is exactly the set of replies
 * the general path below parses with no flag, no error and nothing to
 * remember, so this can fill in the reply directly, keeping everything in
 * registers. Anything else, at any point, returns 0 and the general path
 * reads the bytes from the start: it alone knows the tolerances, errors
 * and partial replies, and a fall-back costs at most one extra look at a
 * reply that has not fully arrived (see parse()). */
static int fast_reply(const char *buf, size_t len, const struct limits *lim,
                      struct smtpreply *r)
{
	const unsigned char *p = (const unsigned char *)buf;
	size_t line_cap = lim->max_line < RFC_LINE_MAX ? lim->max_line : RFC_LINE_MAX;
	size_t ls = 0, nlines = 0, first_text = 0, first_end = 0, first_strip = 0;
	struct smtpreply_enhanced enh = {0, 0, 0};
	int has_enh = 0;

	/* The first line's code: a standard one (%x32-35 %x30-35 DIGIT). */
	if (len < 5 || p[0] < '2' || p[0] > '5' || p[1] < '0' || p[1] > '5' ||
	    !sr_is_digit(p[2]))
		return 0;
	const uint32_t code = load_le32(p) & 0xFFFFFFu; /* its three bytes */
	for (;;) {
		/* The line: plain bytes up to a CR that a LF follows. */
		size_t cr = skip_plain(p, ls, len);
		if (cr + 1 >= len || p[cr] != '\r' || p[cr + 1] != '\n')
			return 0;
		size_t next = cr + 2, text;
		if (next - ls > line_cap || next > lim->max_reply ||
		    nlines >= lim->max_lines)
			return 0;

		/* The code (the first line's, repeated) and the separator, from
		 * one load: the 4th byte is SP, '-' or, on a line of just the
		 * code, its CR (the first byte that is not plain). */
		if (cr - ls < 3)
			return 0;
		uint32_t head = load_le32(p + ls);
		int final;
		if ((head & 0xFFFFFFu) != code)
			return 0;
		switch (head >> 24) {
		case ' ':
			final = 1;
			text = ls + 4;
			break;
		case '-':
			final = 0;
			text = ls + 4;
			break;
		case '\r':
			final = 1;
			text = ls + 3;
			break;
		default:
			return 0;
		}

		/* The enhanced code: the same on every line or on none. One of
		 * another class (or in a 3xx reply) is a flag: general path. */
		struct smtpreply_enhanced e;
		size_t took = sr_enhanced_at(buf + text, cr - text, &e);
		int has = took && (e.klass == 2 || e.klass == 4 || e.klass == 5);
		if (has && e.klass != p[0] - '0')
			return 0;
		if (nlines == 0) {
			has_enh = has;
			if (has)
				enh = e;
			first_text = text;
			first_end = cr;
			first_strip = has ? took : 0;
		} else if (has != has_enh ||
		           (has && (e.subject != enh.subject || e.detail != enh.detail))) {
			return 0;
		}
		nlines++;

		if (final) {
			r->code = r->first_code =
				(p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
			r->klass = p[0] - '0';
			r->flags = 0;
			r->enhanced = enh;
			r->nlines = nlines;
			r->raw.ptr = buf;
			r->raw.len = next;
			r->first_line.ptr = buf + first_text + first_strip;
			r->first_line.len = first_end - first_text - first_strip;
			r->last_line.ptr = buf + text + (has ? took : 0);
			r->last_line.len = cr - text - (has ? took : 0);
			r->error_offset = 0;
			r->skip = 0;
			memset(r->reserved_, 0, sizeof r->reserved_);
			return (int)next;
		}
		ls = next;
	}
}

static int parse(struct state *st, const struct limits *lim, const char *buf,
                 size_t len, struct smtpreply *r, int oneshot)
{
	if (st->scan > len || st->line_start > len || st->count_start > len)
		state_clear(st); /* the caller dropped bytes: start over */

	if (st->dropping) {
		const char *lf = memchr(buf + st->scan, '\n', len - st->scan);
		if (lf == NULL) {
			reply_clear(r);
			r->skip = len;
			st->scan = 0;
			return SMTPREPLY_INCOMPLETE;
		}
		st->dropping = 0;
		st->junk = 1;
		st->scan = st->line_start = st->count_start = (size_t)(lf - buf) + 1;
		if (st->count_start > SMTPREPLY_MAX_REPLY_LIMIT) {
			/* Too much junk to fold into an int result: drop it now. */
			size_t skip = st->count_start;
			state_clear(st);
			reply_clear(r);
			r->skip = skip;
			return SMTPREPLY_INCOMPLETE;
		}
	}

	for (;;) {
		size_t ls = st->line_start, text = 0;
		size_t lf = classify(st, buf, len);
		int rc, final = 0;

		if (lf == len)
			return incomplete(st, r, lim, buf, len, oneshot);
		size_t next = lf + 1, ce = lf;
		int crlf = ce > ls && buf[ce - 1] == '\r';
		if (crlf)
			ce--;

		size_t at;
		if ((rc = crossed_limit(st, lim, next, &at)) != 0)
			return fail(st, r, rc, at, next, 1, 0);

		if (st->nlines == 0 && ce == ls) {
			/* An empty line between replies belongs to the next one. */
			rc = tolerate(st, lim, SMTPREPLY_F_LEADING_EMPTY, ls);
			if (rc == 0) {
				st->line_start = next;
				st->line_seen = 0;
				continue;
			}
		} else if (st->nlines == 0) {
			rc = first_line(st, r, lim, buf, ls, ce, next, &final);
			text = st->first_text;
			if (rc != 0 && rc != SMTPREPLY_E_REJECTED)
				return rc; /* first_line reported it already */
		} else if (st->nlines >= lim->max_lines) {
			return fail(st, r, SMTPREPLY_E_TOO_MANY_LINES, ls, next, 1, 0);
		} else {
			rc = later_line(st, lim, buf, ls, ce, &final, &text);
		}
		if (rc == 0 && !crlf)
			rc = tolerate(st, lim, SMTPREPLY_F_BARE_LF, ls);
		if (rc == 0 && next - ls > RFC_LINE_MAX)
			rc = tolerate(st, lim, SMTPREPLY_F_LONG_LINE, ls);
		st->nlines++;
		if (rc == 0 && final && st->code != st->first_code)
			rc = redo_enhanced(st, lim, buf, next);
		if (rc != 0) {
			size_t line = st->reject_line;
			unsigned flag = st->rejected;
			return fail(st, r, SMTPREPLY_E_REJECTED, line,
			            line_end_from(buf, len, line), 1, flag);
		}
		if (final)
			return complete(st, r, buf, text, ce, next);
		st->line_start = next;
	}
}

/* No partial reply and no junk being dropped: where the fast path may be
 * tried. It looks at the bytes only on the first call for a reply (after
 * that the state is not fresh), so a reply fed in pieces is still looked
 * at O(n) times in all. */
static int is_fresh(const struct state *st)
{
	return st->scan == 0 && st->line_start == 0 && st->count_start == 0 &&
	       !st->dropping && !st->junk;
}

static int bad_args(const char *buf, size_t len, const void *reply)
{
	return reply == NULL || (buf == NULL && len != 0);
}

int smtpreply_parse(const char *buf, size_t len,
                    const struct smtpreply_options *opts,
                    struct smtpreply *reply)
{
	struct state st;
	struct limits lim;

	if (bad_args(buf, len, reply)) {
		if (reply)
			reply_clear(reply);
		return SMTPREPLY_E_INVALID_ARGUMENT;
	}
	if (len == 0) {
		reply_clear(reply);
		return SMTPREPLY_INCOMPLETE;
	}
	limits_from(&lim, opts);
	int rc = fast_reply(buf, len, &lim, reply);
	if (rc > 0)
		return rc;
	state_clear(&st);
	return parse(&st, &lim, buf, len, reply, 1);
}

void smtpreply_parser_init(struct smtpreply_parser *p,
                           const struct smtpreply_options *opts)
{
	if (p == NULL)
		return;
	memset(p, 0, sizeof *p);
	if (opts)
		p->opts = *opts;
	else
		smtpreply_options_init(&p->opts);
}

void smtpreply_parser_reset(struct smtpreply_parser *p)
{
	if (p)
		memset(p->state_, 0, sizeof p->state_);
}

int smtpreply_parser_parse(struct smtpreply_parser *p, const char *buf,
                           size_t len, struct smtpreply *reply)
{
	struct state st;
	struct limits lim;
	int rc;

	if (p == NULL || bad_args(buf, len, reply)) {
		if (reply)
			reply_clear(reply);
		return SMTPREPLY_E_INVALID_ARGUMENT;
	}
	/* memcpy, not a cast: the public storage is an array of size_t. */
	memcpy(&st, p->state_, sizeof st);
	limits_from(&lim, &p->opts);
	if (len == 0 && !st.dropping) {
		reply_clear(reply);
		rc = SMTPREPLY_INCOMPLETE;
	} else if (is_fresh(&st) && (rc = fast_reply(buf, len, &lim, reply)) > 0) {
		return rc; /* the state stays fresh: nothing to store */
	} else {
		rc = parse(&st, &lim, buf ? buf : "", len, reply, 0);
	}
	memcpy(p->state_, &st, sizeof st);
	return rc;
}
