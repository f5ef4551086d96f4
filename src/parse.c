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

static void limits_from(struct limits *lim, const struct smtpreply_options *o)
{
	lim->reject = o ? o->reject : 0;
	lim->max_line = (o && o->max_line) ? o->max_line : SMTPREPLY_DEFAULT_MAX_LINE;
	lim->max_lines = (o && o->max_lines) ? o->max_lines : SMTPREPLY_DEFAULT_MAX_LINES;
	lim->max_reply = (o && o->max_reply) ? o->max_reply : SMTPREPLY_DEFAULT_MAX_REPLY;
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
	memset(r, 0, sizeof *r);
	r->error_offset = offset;
	r->skip = skip;
	r->flags = flags;
	memset(st, 0, sizeof *st);
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

/* Eight bytes at a time: nonzero when any of them is not printable ASCII
 * (below 0x20, 0x7F, or 0x80 and up). LF is below 0x20, so this also finds
 * the line end. */
static inline int has_special(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t below = w - ones * 0x20;
	uint64_t del = (w ^ (ones * 0x7F)) - ones;
	return ((below | del) & ~w & high) != 0 || (w & high) != 0;
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
		uint64_t w;
		while (i + 8 <= len) {
			memcpy(&w, p + i, 8);
			if (has_special(w))
				break;
			i += 8;
		}
		while (i < len && byte_kind[p[i]] == P)
			i++;
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
		default:
			seen |= SMTPREPLY_F_NUL;
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

static int complete(struct state *st, struct smtpreply *r, const char *buf,
                    size_t final_text, size_t final_end, size_t next)
{
	memset(r, 0, sizeof *r);
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
	memset(st, 0, sizeof *st);
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
	memset(r, 0, sizeof *r);
	return SMTPREPLY_INCOMPLETE;
}

static int parse(struct state *st, const struct limits *lim, const char *buf,
                 size_t len, struct smtpreply *r, int oneshot)
{
	if (st->scan > len || st->line_start > len || st->count_start > len)
		memset(st, 0, sizeof *st); /* the caller dropped bytes: start over */

	if (st->dropping) {
		const char *lf = memchr(buf + st->scan, '\n', len - st->scan);
		if (lf == NULL) {
			memset(r, 0, sizeof *r);
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
			memset(st, 0, sizeof *st);
			memset(r, 0, sizeof *r);
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
			memset(reply, 0, sizeof *reply);
		return SMTPREPLY_E_INVALID_ARGUMENT;
	}
	if (len == 0) {
		memset(reply, 0, sizeof *reply);
		return SMTPREPLY_INCOMPLETE;
	}
	memset(&st, 0, sizeof st);
	limits_from(&lim, opts);
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
			memset(reply, 0, sizeof *reply);
		return SMTPREPLY_E_INVALID_ARGUMENT;
	}
	/* memcpy, not a cast: the public storage is an array of size_t. */
	memcpy(&st, p->state_, sizeof st);
	limits_from(&lim, &p->opts);
	if (len == 0 && !st.dropping) {
		memset(reply, 0, sizeof *reply);
		rc = SMTPREPLY_INCOMPLETE;
	} else {
		rc = parse(&st, &lim, buf ? buf : "", len, reply, 0);
	}
	memcpy(p->state_, &st, sizeof st);
	return rc;
}
