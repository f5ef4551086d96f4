/* fastpath_body.h - the fast path's source, compiled once per build by
 * fastpath.c, which defines before each inclusion:
 *   FP(name)    the name of this build's copy of a function (name_avx2...)
 *   FP_TARGET   the function attribute that enables its instructions
 *   FP_SKIP     the skip_plain_*() of this build, already defined
 * No include guard: it is meant to be included more than once.
 *
 * The fast path takes what servers send nearly always: the whole reply in
 * buf, every line printable ASCII ending in CR LF, within RFC 5321's 512
 * bytes and the limits, carrying the first line's code (a standard one),
 * and either no line with an enhanced code or every line with the same
 * one, of the code's class. That is exactly the set of replies the general
 * path (parse.c) parses with no flag, no error and nothing to remember, so
 * this fills in the reply directly, keeping everything in registers.
 * Anything else, at any point, returns 0 and the general path reads the
 * bytes from the start: it alone knows the tolerances, errors and partial
 * replies, and a fall-back costs at most one extra look at the reply. */

FP_TARGET SR_HOT_INLINE int FP(fast_inline)(const char *buf, size_t len, size_t line_cap,
                                           size_t max_lines, size_t max_reply,
                                           struct smtpreply *r)
{
	const unsigned char *p = (const unsigned char *)buf;

	/* The first line's code: a standard one (%x32-35 %x30-35 DIGIT). */
	if (len < 5 || max_lines == 0 || line_cap < 5)
		return 0;
	/* The three tests on one word: after taking "20" and '0' away (a
	 * borrow only comes out of a byte that fails already), each byte
	 * plus 0x7F less its bound has its high bit clear when within it. */
	uint32_t t = (fp_le32(p) & 0xFFFFFFu) - 0x303032u;
	if ((t | ((t & 0x7F7F7Fu) + 0x767A7Cu)) & 0x808080u)
		return 0;
	/* Bytes past max_reply cannot be in a fast-path reply: with len cut
	 * there, "no CR LF before len" covers that limit too. */
	if (len > max_reply)
		len = max_reply;

	/* The first line: plain bytes up to a CR that a LF follows, then the
	 * separator: SP, '-' or, on a line of just the code, its CR. */
	size_t cr = FP_SKIP(p, 0, len);
	/* CR LF (one 16-bit compare), and 3 <= cr <= line_cap - 2 (one
	 * unsigned compare; line_cap >= 5, as the callers' limits are). */
	if (cr + 1 >= len || fp_le16(p + cr) != 0x0A0Du || cr - 3 > line_cap - 5)
		return 0;
	unsigned sep = p[3];
	if (sep != ' ' && sep != '-' && sep != '\r')
		return 0;
	size_t text = sep == '\r' ? 3 : 4;

	/* Its enhanced code, if any, read in full; one of another class (or
	 * in a 3xx reply) is a flag: general path. The reply is filled in as
	 * it is read (on a return of 0 the general path fills it again): fewer
	 * values to keep in registers. */
	size_t took = sr_enhanced_at(buf + text, cr - text, &r->enhanced);
	int k = r->enhanced.klass;
	if (took == 0 || (k != 2 && k != 4 && k != 5)) {
		took = 0;
		r->enhanced.klass = r->enhanced.subject = r->enhanced.detail = 0;
	} else if (k != p[0] - '0') {
		return 0;
	}
	r->first_line.ptr = buf + text + took;
	r->first_line.len = cr - text - took;

	/* The later lines must repeat it, byte for byte (what the general path
	 * takes as the same code, "5.1.1" and "5.01.1", it handles itself):
	 * its code_len bytes, then SP or the line end. That is one compare of
	 * a word, not a second reading of the digits, whose branches are what
	 * costs on real traffic. */
	size_t nlines = 1, ls = cr + 2;
	if (sep == '-') {
		const size_t first_text = text;
		const size_t code_len = took - (took > 0 && p[text + took - 1] == ' ');
		if (code_len > 8 || first_text + 8 > len)
			return 0; /* "5.123.456" or so: the general path */
		/* code_len may be 8 ("5.12.345"): a shift by 64 is undefined. */
		const uint64_t code_mask =
			code_len >= 8 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * code_len)) - 1;
		const uint64_t code_word = fp_le64(p + first_text) & code_mask;
		const uint32_t code = fp_le32(p) & 0xFFFFFFu; /* its three bytes */
		do {
			cr = FP_SKIP(p, ls, len);
			if (cr + 1 >= len || fp_le16(p + cr) != 0x0A0Du ||
			    cr - ls - 3 > line_cap - 5 || nlines >= max_lines)
				return 0;
			/* The code (the first line's, repeated) and the
			 * separator, from one load. */
			uint32_t head = fp_le32(p + ls);
			if ((head & 0xFFFFFFu) != code)
				return 0;
			sep = head >> 24;
			if (sep != ' ' && sep != '-' && sep != '\r')
				return 0;
			text = ls + (sep == '\r' ? 3 : 4);

			size_t n = cr - text;
			if (code_len) {
				if (n < code_len)
					return 0;
				if (text + 8 <= len) {
					if ((fp_le64(p + text) & code_mask) != code_word)
						return 0;
				} else if (memcmp(p + text, p + first_text, code_len) != 0) {
					return 0;
				}
				unsigned after = p[text + code_len]; /* at most the CR */
				if (after != ' ' && after != '\r')
					return 0;
				took = code_len + (after == ' ');
			} else if (n >= 5 && sr_is_digit(p[text]) && p[text + 1] == '.') {
				/* Perhaps a code where the first line had none. */
				struct smtpreply_enhanced e;
				if (sr_enhanced_at(buf + text, n, &e) &&
				    (e.klass == 2 || e.klass == 4 || e.klass == 5))
					return 0;
			}
			nlines++;
			ls = cr + 2;
		} while (sep == '-');
	}

	r->code = r->first_code = p[0] * 100 + p[1] * 10 + p[2] - '0' * 111;
	r->klass = p[0] - '0';
	r->flags = 0;
	r->nlines = nlines;
	r->raw.ptr = buf;
	r->raw.len = ls;
	r->last_line.ptr = buf + text + took;
	r->last_line.len = cr - text - took;
	r->error_offset = 0;
	r->skip = 0;
	memset(r->reserved_, 0, sizeof r->reserved_);
	return (int)ls;
}

/* The fast path as fastpath.h's sr_fast_reply() calls it: any limits. */
FP_TARGET static int FP(fast_reply)(const char *buf, size_t len, size_t line_cap,
                                    size_t max_lines, size_t max_reply,
                                    struct smtpreply *r)
{
	return FP(fast_inline)(buf, len, line_cap, max_lines, max_reply, r);
}

/* smtpreply_parse(buf, len, NULL, r) (see fastpath.h, sr_parse_chosen):
 * the fast path compiled for the default limits, the explanation entries
 * set here while the reply's values are at hand. */
FP_TARGET static int FP(parse_default)(const char *buf, size_t len,
                                       struct smtpreply *r)
{
	if (buf != NULL && r != NULL) {
		int rc = FP(fast_inline)(buf, len, 512, SMTPREPLY_DEFAULT_MAX_LINES,
		                         SMTPREPLY_DEFAULT_MAX_REPLY, r);
		if (rc > 0) {
			sr_set_expl(r);
			return rc;
		}
	}
	return sr_parse_general(buf, len, NULL, r);
}
