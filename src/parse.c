/* parse.c - the SMTP reply grammar (RFC 5321 §4.2, RFC 3463 / RFC 2034),
 * one-shot and streaming, over the caller's buffer.
 *
 * The parser works a line at a time: it looks for LF only in bytes it has
 * not searched before (state.scan), and examines each line once, when the
 * line is complete. So a reply fed one byte at a time costs O(n) in all,
 * and the streaming parser's state is a handful of offsets.
 *
 * A reply over a limit is one error, then nothing of it (issue 12): the
 * error skips through the reply's final line when that is in the buffer,
 * and the streaming parser drops the rest as it arrives (drop()). Limits
 * count bytes already buffered as well as complete lines, so a buffer of
 * max_reply bytes never stalls. */
#include "internal.h"
#include "fastpath.h"
#include "table.h"

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
	size_t reply_start; /* the first coded line, once nlines > 0 */
	size_t nlines;
	size_t without_enh;   /* lines of the reply's code lacking its enhanced code */
	size_t first_without; /* the first of those */
	/* Strict mode: the first line that showed a rejected tolerance, kept
	 * apart for the enhanced-code flags, which the final line may undo. */
	size_t rej_line;
	size_t enh_rej_line;
	size_t first_text;     /* where the first line's text starts */
	size_t first_text_end; /* and ends */
	size_t first_strip;    /* its repeated enhanced code's length */
	size_t cur_strip;      /* the same for the latest line */
	unsigned flags;
	unsigned rej_flag;     /* that tolerance (0: none) */
	unsigned line_seen;    /* byte flags of the line being read, so far */
	struct smtpreply_enhanced enh;
	/* Small members small: the state must fit state_[24] where size_t
	 * has 4 bytes too (i386, armhf, wasm32). */
	unsigned short enh_rej_flag;
	short first_code;
	short code;         /* the latest coded line's code */
	unsigned char junk; /* a limit error came since the last reply */
	/* Dropping the rest of a reply (or junk line) that failed a limit,
	 * as it arrives: see drop(). */
	unsigned char dropping;
	unsigned char drop_later; /* a later line of a reply, not a first */
	unsigned char drop_head;  /* its first bytes read so far: HEAD_* */
	unsigned char drop_ends;  /* once HEAD_DONE: its LF ends the drop */
};

_Static_assert(sizeof(struct state) <= sizeof(((struct smtpreply_parser *)0)->state_),
               "parser state must fit the public struct");

/* A fresh state, field by field. Every reply starts and ends with this, and
 * compilers turn a memset (or "= {0}") of a struct this size into `rep
 * stos`, whose start-up alone costs as much as parsing a short reply; plain
 * stores cost a few cycles. A field added to struct state goes here too. */
static inline void state_clear(struct state *st)
{
	st->scan = st->line_start = st->reply_start = 0;
	st->nlines = st->without_enh = st->first_without = 0;
	st->rej_line = st->enh_rej_line = 0;
	st->first_text = st->first_text_end = st->first_strip = st->cur_strip = 0;
	st->flags = st->rej_flag = st->enh_rej_flag = st->line_seen = 0;
	st->first_code = st->code = st->junk = 0;
	st->dropping = st->drop_later = st->drop_head = st->drop_ends = 0;
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
	r->expl = r->expl_enhanced = NULL;
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

/* An error on bytes that are no reply (a bad first line): they answer no
 * command, so the reply's code stays 0. A pending skipped_junk stays for
 * the next reply. */
static int fail(struct state *st, struct smtpreply *r, int err, size_t offset,
                size_t skip)
{
	int junk = st->junk;

	reply_clear(r);
	r->error_offset = offset;
	r->skip = skip;
	state_clear(st);
	st->junk = junk;
	return err;
}

/* Dropping what is left of a reply that failed a limit. The tolerant
 * grammar decides where that reply ends: at the first line that ends it
 * (three digits, the first 1 to 5, then SP or the line end). A line is
 * judged by its first bytes, read one at a time as they arrive, and the
 * rest of it is dropped unread; so nothing is ever held back, and a fixed
 * buffer drains however long the reply or its lines. When the failed line
 * is a reply's first line, only a '-' after its code makes more lines
 * follow: a junk line (no code) ends the drop at its own LF. */
enum {
	HEAD_DIGITS = 0, /* 0..3: that many digits of a code read */
	HEAD_CR = 4,     /* three digits, then CR: a LF must follow */
	HEAD_DONE = 5    /* judged: drop_ends tells */
};

static void drop_judge(struct state *st, int coded, int final)
{
	st->drop_head = HEAD_DONE;
	st->drop_ends = coded ? final : !st->drop_later;
}

/* Drops from offset i on; returns where the drop ended (st->dropping is
 * then 0) or len. */
static size_t drop(struct state *st, const char *buf, size_t i, size_t len)
{
	const unsigned char *p = (const unsigned char *)buf;

	while (i < len) {
		int ended = 0;
		if (st->drop_head != HEAD_DONE) {
			unsigned c = p[i++];
			int h = st->drop_head;
			if (c == '\n') {
				/* "ddd" LF or "ddd" CR LF ends a reply; anything
				 * shorter is a text line (or, first, junk). */
				drop_judge(st, h == 3 || h == HEAD_CR, 1);
				ended = 1;
			} else if (h < 3) {
				if (c >= (h == 0 ? '1' : '0') && c <= (h == 0 ? '5' : '9'))
					st->drop_head = h + 1;
				else
					drop_judge(st, 0, 0);
			} else if (h == 3 && c == '\r') {
				st->drop_head = HEAD_CR;
			} else {
				drop_judge(st, h == 3 && (c == ' ' || c == '-'),
				           h == 3 && c == ' ');
			}
		} else {
			const char *lf = memchr(buf + i, '\n', len - i);
			if (lf == NULL)
				return len;
			i = (size_t)(lf - buf) + 1;
			ended = 1;
		}
		if (ended) {
			if (st->drop_ends) {
				st->dropping = 0;
				st->drop_head = st->drop_ends = st->drop_later = 0;
				return i;
			}
			st->drop_head = HEAD_DIGITS;
			st->drop_later = 1;
		}
	}
	return len;
}

/* The code of a reply's first line from its first bytes, or 0 when they
 * are not "ddd" (1 to 5 first) and SP, '-' or the line end, or too few. */
static int head_code(const char *p, size_t n)
{
	if (n < 4 || p[0] < '1' || p[0] > '5' || !sr_is_digit(p[1]) ||
	    !sr_is_digit(p[2]))
		return 0;
	if (p[3] != ' ' && p[3] != '-' && p[3] != '\n' &&
	    !(p[3] == '\r' && n > 4 && p[4] == '\n'))
		return 0;
	return (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
}

/* A reply over a limit: one error, then nothing of it. skip runs through
 * the reply's final line when that is in buf; otherwise through all of buf,
 * and the streaming parser drops the rest as it comes (handing it back in
 * skip) and flags the next reply skipped_junk. The code is that of the
 * failed reply, 0 when its bytes before the limit did not start like one
 * (a junk line). */
static int fail_limit(struct state *st, struct smtpreply *r, int err,
                      size_t at, const char *buf, size_t len)
{
	size_t ls = st->line_start;
	int later = st->nlines > 0;
	/* Read from the bytes before the limit only: bytes past it may or may
	 * not have arrived, and every split must give the same code. */
	int code = later ? st->first_code : head_code(buf + ls, at - ls);

	reply_clear(r);
	state_clear(st);
	st->dropping = 1;
	st->drop_later = later;
	r->skip = drop(st, buf, ls, len);
	st->junk = 1;
	r->code = r->first_code = code;
	r->klass = code / 100;
	r->error_offset = at;
	return err;
}

/* Records a tolerance, and for strict mode the first line that showed one
 * the options reject (the reply is refused once it is complete, for
 * exactly the flags it then carries). Lines come in order and, within a
 * line, the tolerances in the documented order, so the first record on
 * the earliest line stands. */
static void tolerate(struct state *st, const struct limits *lim, unsigned flag,
                     size_t line)
{
	st->flags |= flag;
	if (!(lim->reject & flag))
		return;
	if (flag & (SMTPREPLY_F_ENHANCED_MISMATCH | SMTPREPLY_F_ENHANCED_INCONSISTENT)) {
		if (st->enh_rej_flag == 0 || line < st->enh_rej_line) {
			st->enh_rej_flag = flag;
			st->enh_rej_line = line;
		}
	} else if (st->rej_flag == 0 || line < st->rej_line) {
		st->rej_flag = flag;
		st->rej_line = line;
	}
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

/* Which size limit, if any, the bytes up to `end` cross; when both do, the
 * one crossed first (the line limit on a tie), so a reply split anywhere
 * gives the same error. With `open`, the line has no LF before end: then
 * max_line bytes of it, or max_reply bytes in all, are already too many,
 * for its LF can only come after them. So a buffer of max_reply bytes
 * always holds either a complete reply or an error, never a stall. */
static int crossed_limit(const struct state *st, const struct limits *lim,
                         size_t end, int open, size_t *at)
{
	size_t line_at = st->line_start + lim->max_line;
	size_t reply_at = lim->max_reply;

	if (open)
		end++;
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

/* Records a completed line's byte flags, in a fixed order so a strict
 * caller always hears the same one. */
static void report_bytes(struct state *st, const struct limits *lim, size_t line)
{
	static const unsigned order[] = {
		SMTPREPLY_F_BARE_CR, SMTPREPLY_F_NUL, SMTPREPLY_F_CONTROL,
		SMTPREPLY_F_INVALID_UTF8, SMTPREPLY_F_EIGHT_BIT,
	};
	unsigned seen = st->line_seen;

	st->line_seen = 0;
	if (seen == 0)
		return;
	for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
		if (seen & order[k])
			tolerate(st, lim, order[k], line);
}

/* The enhanced-code bookkeeping for one line carrying the reply's code. */
static void enhanced_line(struct state *st, const struct limits *lim,
                          const char *text, size_t n, int code, size_t line)
{
	struct smtpreply_enhanced e;
	size_t took = sr_enhanced_at(text, n, &e);

	st->cur_strip = 0;
	if (took && (e.klass == 2 || e.klass == 4 || e.klass == 5)) {
		if (e.klass == code / 100) {
			if (st->enh.klass == 0) {
				st->enh = e;
				st->cur_strip = took;
				if (st->without_enh)
					tolerate(st, lim, SMTPREPLY_F_ENHANCED_INCONSISTENT,
					         st->first_without);
				return;
			}
			if (e.subject != st->enh.subject || e.detail != st->enh.detail) {
				tolerate(st, lim, SMTPREPLY_F_ENHANCED_INCONSISTENT, line);
				return;
			}
			st->cur_strip = took;
			return;
		}
		tolerate(st, lim, SMTPREPLY_F_ENHANCED_MISMATCH, line);
	}
	if (st->enh.klass != 0) {
		tolerate(st, lim, SMTPREPLY_F_ENHANCED_INCONSISTENT, line);
		return;
	}
	if (st->without_enh++ == 0)
		st->first_without = line;
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

	for (size_t i = 0; i < 3; i++)
		if (i >= n || !sr_is_digit(p[i]))
			return fail(st, r, SMTPREPLY_E_BAD_CODE, ls + i, next);
	if (p[0] < '1' || p[0] > '5')
		return fail(st, r, SMTPREPLY_E_CODE_RANGE, ls, next);
	if (n > 3 && p[3] != ' ' && p[3] != '-')
		return fail(st, r, SMTPREPLY_E_BAD_SEPARATOR, ls + 3, next);

	int code = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
	size_t text = n > 3 ? 4 : 3;
	*final = n == 3 || p[3] == ' ';
	st->first_code = st->code = code;
	st->reply_start = ls;
	st->first_text = ls + text;
	st->first_text_end = ce;
	if (!is_standard_code(p))
		tolerate(st, lim, SMTPREPLY_F_NONSTANDARD_CODE, ls);
	report_bytes(st, lim, ls);
	enhanced_line(st, lim, p + text, n - text, code, ls);
	st->first_strip = st->cur_strip;
	return 0;
}

/* A line after a '-' line: a coded line or, tolerated, text without a code. */
static void later_line(struct state *st, const struct limits *lim,
                       const char *buf, size_t ls, size_t ce, int *final,
                       size_t *text_at)
{
	const char *p = buf + ls;
	size_t n = ce - ls, text = 0;
	int code = sr_line_code(p, n, final, &text);

	*text_at = ls + text;
	st->cur_strip = 0;
	if (code < 0) {
		*final = 0;
		tolerate(st, lim, SMTPREPLY_F_CODELESS_LINE, ls);
		report_bytes(st, lim, ls);
		return;
	}
	st->code = code;
	if (code != st->first_code)
		tolerate(st, lim, SMTPREPLY_F_CODE_MISMATCH, ls);
	if (!is_standard_code(p))
		tolerate(st, lim, SMTPREPLY_F_NONSTANDARD_CODE, ls);
	report_bytes(st, lim, ls);
	if (code != st->first_code)
		return; /* counted again at the end, if it is the final code */
	enhanced_line(st, lim, p + text, n - text, code, ls);
}

/* When the final code differs from the first, the enhanced code belongs to
 * the lines of the final code: walk the reply once more for them. */
static void redo_enhanced(struct state *st, const struct limits *lim,
                          const char *buf, size_t end)
{
	size_t pos = st->reply_start;

	st->flags &= ~(SMTPREPLY_F_ENHANCED_MISMATCH | SMTPREPLY_F_ENHANCED_INCONSISTENT);
	st->enh_rej_flag = 0;
	memset(&st->enh, 0, sizeof st->enh);
	st->without_enh = 0;
	while (pos < end) {
		size_t next = line_end_from(buf, end, pos), ce = next - 1, text = 0;
		int final, code;
		if (ce > pos && buf[ce - 1] == '\r')
			ce--;
		code = sr_line_code(buf + pos, ce - pos, &final, &text);
		if (code == st->code)
			enhanced_line(st, lim, buf + pos + text, ce - pos - text,
			              code, pos);
		pos = next;
	}
}

/* Strict mode, once the reply is complete: refuse it when it carries a
 * flag the options reject, at the first line that showed one. On one line
 * the order is the documented one: the enhanced-code flags come after the
 * code and byte flags and before bare_lf and long_line. */
static int refused(const struct state *st, size_t *line, unsigned *flag)
{
	const unsigned late = SMTPREPLY_F_BARE_LF | SMTPREPLY_F_LONG_LINE;

	/* skipped_junk is not the reply's: it tells what the streaming parser
	 * dropped before it, which the one-shot parse of the same bytes
	 * cannot know. It is never rejected. */
	*line = st->rej_line;
	*flag = st->rej_flag;
	if (st->enh_rej_flag &&
	    (*flag == 0 || st->enh_rej_line < *line ||
	     (st->enh_rej_line == *line && (*flag & late)))) {
		*line = st->enh_rej_line;
		*flag = st->enh_rej_flag;
	}
	return *flag != 0;
}

/* A refused reply is still one reply: the error carries its code and skips
 * all of it. */
static int fail_refused(struct state *st, struct smtpreply *r, size_t line,
                        unsigned flag, size_t next)
{
	int code = st->code, first_code = st->first_code;

	reply_clear(r);
	state_clear(st);
	r->code = code;
	r->first_code = first_code;
	r->klass = code / 100;
	r->flags = flag;
	r->error_offset = line;
	r->skip = next;
	return SMTPREPLY_E_REJECTED;
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
	int err = crossed_limit(st, lim, len, 1, &at);

	if (err)
		return fail_limit(st, r, err, at, buf, len);
	if (oneshot && st->nlines == 0 && avail > 0) {
		/* A one-shot caller has no later call to hear the error in. */
		const char *p = buf + ls;
		if (!(avail == 1 && p[0] == '\r')) {
			for (size_t i = 0; i < 3 && i < avail; i++)
				if (!sr_is_digit(p[i]))
					return fail(st, r, SMTPREPLY_E_BAD_CODE,
					            ls + i, len);
			if (avail >= 3 && (p[0] < '1' || p[0] > '5'))
				return fail(st, r, SMTPREPLY_E_CODE_RANGE, ls, len);
			if (avail >= 4 && p[3] != ' ' && p[3] != '-' &&
			    !(p[3] == '\r' && avail == 4))
				return fail(st, r, SMTPREPLY_E_BAD_SEPARATOR,
				            ls + 3, len);
		}
	}
	reply_clear(r);
	return SMTPREPLY_INCOMPLETE;
}

/* The fast path (fastpath.c), for the replies servers send nearly always:
 * whole, clean and consistent. It returns 0 for anything else, and the
 * general path below reads the bytes from the start. */
static int fast_reply(const char *buf, size_t len, const struct limits *lim,
                      struct smtpreply *r)
{
	size_t line_cap = lim->max_line < RFC_LINE_MAX ? lim->max_line : RFC_LINE_MAX;
	return sr_fast_reply(buf, len, line_cap, lim->max_lines, lim->max_reply, r);
}

/* The general path: the replies (and errors) from the start of buf. */
static int parse_from(struct state *st, const struct limits *lim,
                      const char *buf, size_t len, struct smtpreply *r,
                      int oneshot)
{
	for (;;) {
		size_t ls = st->line_start, text = 0, at;
		size_t lf = classify(st, buf, len);
		int rc, final = 0;

		if (lf == len)
			return incomplete(st, r, lim, buf, len, oneshot);
		size_t next = lf + 1, ce = lf;
		int crlf = ce > ls && buf[ce - 1] == '\r';
		if (crlf)
			ce--;

		if ((rc = crossed_limit(st, lim, next, 0, &at)) != 0)
			return fail_limit(st, r, rc, at, buf, len);

		if (st->nlines == 0 && ce == ls) {
			/* An empty line between replies belongs to the next one. */
			tolerate(st, lim, SMTPREPLY_F_LEADING_EMPTY, ls);
			st->line_start = next;
			st->line_seen = 0;
			continue;
		}
		if (st->nlines == 0) {
			if ((rc = first_line(st, r, lim, buf, ls, ce, next, &final)) != 0)
				return rc;
			text = st->first_text;
		} else if (st->nlines >= lim->max_lines) {
			return fail_limit(st, r, SMTPREPLY_E_TOO_MANY_LINES, ls, buf, len);
		} else {
			later_line(st, lim, buf, ls, ce, &final, &text);
		}
		if (!crlf)
			tolerate(st, lim, SMTPREPLY_F_BARE_LF, ls);
		if (next - ls > RFC_LINE_MAX)
			tolerate(st, lim, SMTPREPLY_F_LONG_LINE, ls);
		st->nlines++;
		if (final) {
			size_t line;
			unsigned flag;
			if (st->code != st->first_code)
				redo_enhanced(st, lim, buf, next);
			if (lim->reject && refused(st, &line, &flag))
				return fail_refused(st, r, line, flag, next);
			return complete(st, r, buf, text, ce, next);
		}
		st->line_start = next;
	}
}

/* First the rest of a failed reply, if any is still to come: what arrives
 * of it is dropped and handed back in skip, and parsing goes on after it
 * in the same call (a reply waiting there must not wait for another read).
 * Its results then count from buf, the dropped bytes included. */
SR_HOT_INLINE int parse(struct state *st, const struct limits *lim,
                        const char *buf, size_t len, struct smtpreply *r,
                        int oneshot)
{
	if (st->scan > len || st->line_start > len)
		state_clear(st); /* the caller dropped bytes: start over */
	if (!st->dropping)
		return parse_from(st, lim, buf, len, r, oneshot);

	size_t end = drop(st, buf, 0, len);
	if (st->dropping || end == len || end >= SMTPREPLY_MAX_REPLY_LIMIT) {
		/* (The last: so much junk would not fit the int result.) */
		reply_clear(r);
		r->skip = end;
		return SMTPREPLY_INCOMPLETE;
	}
	int rc = parse_from(st, lim, buf + end, len - end, r, oneshot);
	if (rc > 0)
		return rc + (int)end;
	if (rc != SMTPREPLY_INCOMPLETE)
		r->error_offset += end;
	r->skip += end;
	return rc;
}

/* No partial reply and no junk being dropped: where the fast path may be
 * tried. It looks at the bytes only on the first call for a reply (after
 * that the state is not fresh), so a reply fed in pieces is still looked
 * at O(n) times in all. */
static int is_fresh(const struct state *st)
{
	return st->scan == 0 && st->line_start == 0 && !st->dropping && !st->junk;
}

#define set_expl sr_set_expl /* fastpath.h */

static int bad_args(const char *buf, size_t len, const void *reply)
{
	return reply == NULL || (buf == NULL && len != 0);
}

/* Without options: the build's own function (fastpath.c), which tries the
 * fast path with the default limits and calls sr_parse_general() for the
 * rest: one indirect jump, no frame here. */
int smtpreply_parse(const char *buf, size_t len,
                    const struct smtpreply_options *opts,
                    struct smtpreply *reply)
{
	if (opts == NULL) {
		sr_parse_fn fn = atomic_load_explicit(&sr_parse_chosen, memory_order_relaxed);
		return fn(buf, len, reply);
	}
	return sr_parse_general(buf, len, opts, reply);
}

int sr_parse_general(const char *buf, size_t len,
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
	/* Without options the fast path has been tried by the caller
	 * (fastpath.c, parse_default). */
	int rc = opts == NULL ? 0 : fast_reply(buf, len, &lim, reply);
	if (rc <= 0) {
		state_clear(&st);
		rc = parse(&st, &lim, buf, len, reply, 1);
	}
	if (rc > 0)
		set_expl(reply);
	return rc;
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
		set_expl(reply);
		return rc; /* the state stays fresh: nothing to store */
	} else {
		rc = parse(&st, &lim, buf ? buf : "", len, reply, 0);
		if (rc > 0)
			set_expl(reply);
	}
	memcpy(p->state_, &st, sizeof st);
	return rc;
}

/* For the library's other files (extract.c, bounce.c): a call to an
 * exported function from another file would go through the PLT. */
int sr_parse(const char *buf, size_t len, const struct smtpreply_options *opts,
             struct smtpreply *reply)
{
	return smtpreply_parse(buf, len, opts, reply);
}

void sr_options_init(struct smtpreply_options *opts)
{
	smtpreply_options_init(opts);
}
