/* fastpath_body.h - the fast path's source, compiled once per build by
 * fastpath.c, which defines before each inclusion:
 *   FP(name)    the name of this build's copy of a function (name_avx2...)
 *   FP_TARGET   the function attribute that enables its instructions
 *   FP_SKIP_FIRST, FP_SKIP_NEXT
 *               the skip_plain_*() of this build for a reply's first line
 *               and for its later lines (the same but in the AVX-512
 *               build), already defined
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
	size_t cr = FP_SKIP_FIRST(p, 0, len);
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
	struct smtpreply_enhanced enh;
	size_t took = sr_enhanced_at(buf + text, cr - text, &enh);
	if (took == 0 || (enh.klass != 2 && enh.klass != 4 && enh.klass != 5)) {
		took = 0;
		enh.klass = enh.subject = enh.detail = 0;
	} else if (enh.klass != p[0] - '0') {
		return 0;
	}
	/* The code, from the word read above (its bytes less "20", '0' and
	 * '0'), before any store to *r (which could alias the bytes). */
	const int rcode = 200 + (int)(t & 0xFF) * 100 + (int)(t >> 8 & 0xFF) * 10 +
	                 (int)(t >> 16 & 0xFF);
	r->enhanced = enh;
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
			cr = FP_SKIP_NEXT(p, ls, len);
			if (cr + 1 >= len || fp_le16(p + cr) != 0x0A0Du ||
			    cr - ls - 3 > line_cap - 5 || nlines >= max_lines)
				return 0;
			/* The code (the first line's, repeated) and the
			 * separator, from one load. */
			uint32_t head = fp_le32(p + ls);
			if ((head & 0xFFFFFFu) != code)
				return 0;
			sep = head >> 24;
			/* '-' first: one test on every line but the last. */
			if (sep != '-' && sep != ' ' && sep != '\r')
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
			} else if ((fp_le16(p + text) ^ 0x2E30u) <= 9 && n >= 5) {
				/* "D." (one compare: a digit less '0' is 0..9,
				 * '.' ^ '.' is 0), and p[text + 1] is at most the
				 * LF: EHLO keywords ("8BITMIME") made the byte by
				 * byte test a mispredicted branch. */
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

	r->code = r->first_code = rcode;
	r->klass = (int)(t & 0xFF) + 2;
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

/* smtpreply_parse(buf, len, NULL, r) for what parse_default() leaves:
 * the fast path compiled for the default limits, then the general path. */
FP_TARGET __attribute__((noinline)) static int
FP(parse_default_rest)(const char *buf, size_t len, struct smtpreply *r)
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

/* parse_default()'s stores: a one-line reply "CODE SP text" CR LF at buf,
 * its CR at cr, t its first four bytes less "20", '0' and SP, its enhanced
 * code (or zeros), the text's bytes that code takes and its entry. Inline
 * in each branch, so that the one without a code keeps its zeros as
 * constants. */
FP_TARGET SR_HOT_INLINE int FP(one_line)(const char *buf, struct smtpreply *r,
                                        size_t cr, uint32_t t, unsigned ek,
                                        unsigned es, unsigned ed, size_t took,
                                        unsigned ei)
{
	const int code = 200 + (int)(t & 0xFF) * 100 + (int)(t >> 8 & 0xFF) * 10 +
	                 (int)(t >> 16 & 0xFF);
	r->code = r->first_code = code;
	r->klass = (int)(t & 0xFF) + 2;
	r->flags = 0;
	r->enhanced.klass = (int)ek;
	r->enhanced.subject = (int)es;
	r->enhanced.detail = (int)ed;
	r->nlines = 1;
	r->raw.ptr = buf;
	r->raw.len = cr + 2;
	r->error_offset = 0;
	r->skip = 0;
	r->first_line.ptr = r->last_line.ptr = buf + 4 + took;
	r->first_line.len = r->last_line.len = cr - 4 - took;
	r->expl = &sr_expl[sr_reply_index[code - 100]];
	r->expl_enhanced = &sr_expl[ei];
	memset(r->reserved_, 0, sizeof r->reserved_);
	return (int)(cr + 2);
}

/* smtpreply_parse(buf, len, NULL, r) (see fastpath.h, sr_parse_chosen).
 * Most replies are one line, "250 2.1.5 Ok", "550 5.7.1 ...", and then
 * most of the cost is per reply, not per byte: this takes exactly those
 * (the line "CODE SP text CR LF" within the buffer and 512 bytes, and
 * either no enhanced code or one of the commonest shape, a one-digit class
 * and subject, of the reply's class, with an entry in the parser's index),
 * with no call and few registers, and gives the same reply as
 * fast_inline() and sr_set_expl(). Anything else, at the first sign, goes
 * to parse_default_rest(), which reads the reply from its start. */
FP_TARGET static int FP(parse_default)(const char *buf, size_t len,
                                       struct smtpreply *r)
{
	const unsigned char *p = (const unsigned char *)buf;

	if (buf == NULL || r == NULL || len < 5)
		return FP(parse_default_rest)(buf, len, r);
	/* The code (as fast_inline() checks it) and SP, on one word: after
	 * taking "20", '0' and SP away, the code's bytes are checked against
	 * their bounds as there, and the fourth must be 0 (a borrow into it
	 * only comes out of a byte that fails already). */
	const uint32_t t = fp_le32(p) - 0x20303032u;
	if ((t | ((t & 0x7F7F7Fu) + 0x767A7Cu)) & 0xFF808080u)
		return FP(parse_default_rest)(buf, len, r);
	/* CR LF within the buffer and RFC 5321's 512 bytes, every byte
	 * before it plain. */
	const size_t cr = FP_SKIP_FIRST(p, 0, len < 511 ? len : 511); /* 511: none */
	if (cr + 1 >= len || cr - 4 > 510 - 4 || fp_le16(p + cr) != 0x0A0Du)
		return FP(parse_default_rest)(buf, len, r);

	/* The enhanced code, as sr_enhanced_at() and fast_inline() take it:
	 * none unless the text starts "D." with 5 bytes or more; "D.D." then
	 * a detail of 1 to 3 digits and SP or the line end; anything else
	 * (other shapes, a 3.x.x code, another class) is left to the rest.
	 * All of it is in p[4..12), read as one word (digits become 0 to 9
	 * in x): the reply ends at cr + 2 <= len, so only "CODE D.D.D" CR LF
	 * at the very end of the buffer has fewer bytes, and the rest takes
	 * that. The line's CR is not a digit: the digits stop within it. */
	const unsigned klass = (t & 0xFF) + 2;
	const size_t n = cr - 4;
	if ((fp_le16(p + 4) ^ 0x2E30u) <= 9 && n >= 5) { /* "D.", p[5] <= LF */
		size_t took;
		unsigned ek, es, ed, ei;
		if (len < 12)
			return FP(parse_default_rest)(buf, len, r);
		const uint64_t x = fp_le64(p + 4) ^ 0x303030302E302E30u;
		unsigned d;
		ek = x & 0xFF;
		es = x >> 16 & 0xFF;
		/* "K.S." with K the reply's class (not 3) and S a subject of
		 * the index, then a digit. */
		if ((x & 0xFF00FF00u) || ek != klass || ek == 3 ||
		    es >= SR_ENH_INDEX_SUBJECTS || (ed = (unsigned)(x >> 32 & 0xFF)) > 9)
			return FP(parse_default_rest)(buf, len, r);
		took = 5;
		if ((d = (unsigned)(x >> 40 & 0xFF)) <= 9) {
			ed = ed * 10 + d;
			took = 6;
			if ((d = (unsigned)(x >> 48 & 0xFF)) <= 9) {
				ed = ed * 10 + d;
				took = 7;
			}
		}
		/* SP or the CR after it (in x: 0x10 and 0x3D); a fourth
		 * digit is neither. */
		d = (unsigned)(x >> (8 * took) & 0xFF);
		if (d != (' ' ^ '0') && d != ('\r' ^ '0'))
			return FP(parse_default_rest)(buf, len, r);
		took += d == (' ' ^ '0');
		/* The entry, as sr_set_expl() finds it: rows 0, 1, 2 are
		 * classes 2, 4, 5. */
		ei = sr_enh_index[(ek - 1) >> 1][es]
		                 [ed < SR_ENH_INDEX_DETAILS ? ed : SR_ENH_INDEX_DETAILS];
		if (ei == SR_ENH_SEARCH)
			return FP(parse_default_rest)(buf, len, r);
		return FP(one_line)(buf, r, cr, t, ek, es, ed, took, ei);
	}
	return FP(one_line)(buf, r, cr, t, 0, 0, 0, 0, sr_enh_none_index[klass - 1]);
}
