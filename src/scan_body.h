/* scan_body.h - the vector loops of scan.c, written once for two widths:
 * included with SC_FN (a name's suffix), SC_TARGET (a target attribute or
 * nothing), SC_V (the vector type), SC_W (its bytes) and the operations
 * SC_LOAD, SC_SET1, SC_CMPEQ, SC_CMPLT (signed bytes), SC_AND, SC_OR,
 * SC_ANDNOT (~a & b), SC_ADD, SC_MASK (the high bit of each byte).
 *
 * Each loop runs while a whole step is in [q, e) and returns the first
 * place it finds, or NULL with *q at the first place it did not look at:
 * the caller goes on from there (a narrower loop, then byte by byte). */

SC_TARGET SC_INLINE SC_V SC_FN(sc_eq)(SC_V x, char c)
{
	return SC_CMPEQ(x, SC_SET1(c));
}

/* Bytes of x in [lo, hi] (lo <= hi < 0x80): adding 0x80 - lo moves
 * [lo, hi] to the lowest signed values, every other byte above them. */
SC_TARGET SC_INLINE SC_V SC_FN(sc_range)(SC_V x, char lo, char hi)
{
	SC_V v = SC_ADD(x, SC_SET1((char)(0x80 - lo)));
	return SC_CMPLT(v, SC_SET1((char)(-128 + (hi - lo) + 1)));
}

#define EQ SC_FN(sc_eq)
#define RANGE SC_FN(sc_range)
#define LD(p) SC_LOAD((const void *)(p))

/* The triggers of failures in an MTA's own words: "s=b", "s=d", "s=u"
 * (Postfix "status=bounced (" ...), "** " and "== " (Exim). */
SC_TARGET SC_INLINE SC_V SC_FN(own)(SC_V a, SC_V b, SC_V c)
{
	SC_V st = SC_AND(SC_AND(EQ(a, 's'), EQ(b, '=')),
	                 SC_OR(SC_OR(EQ(c, 'b'), EQ(c, 'd')), EQ(c, 'u')));
	SC_V flag = SC_AND(SC_AND(SC_CMPEQ(a, b), EQ(c, ' ')),
	                   SC_OR(EQ(a, '*'), EQ(a, '=')));
	return SC_OR(st, flag);
}

/* sr_scan_next's triggers at the SC_W places from q (reads SC_W + 3). */
SC_TARGET SC_INLINE uint64_t SC_FN(next_mask)(const unsigned char *q)
{
	SC_V a = LD(q), b = LD(q + 1), c = LD(q + 2), d = LD(q + 3);
	SC_V code = SC_AND(SC_AND(RANGE(a, '2', '5'), RANGE(b, '0', '9')),
	                   SC_AND(RANGE(c, '0', '9'), SC_OR(EQ(d, ' '), EQ(d, '-'))));
	SC_V stat = SC_AND(SC_AND(EQ(a, 'a'), EQ(b, 't')), EQ(c, '='));
	SC_V out = SC_AND(SC_AND(EQ(a, 'o'), EQ(b, 'u')), EQ(c, 't'));
	SC_V lost = SC_AND(SC_AND(EQ(a, 's'), EQ(b, 't')), SC_AND(EQ(c, ' '), EQ(d, 'c')));
	SC_V qm = SC_AND(SC_AND(EQ(a, 'd'), EQ(b, ':')), EQ(c, '_'));
	return SC_MASK(SC_OR(SC_OR(SC_OR(code, stat), SC_OR(out, lost)),
	                     SC_OR(SC_FN(own)(a, b, c), qm)));
}

/* sr_scan_next_lines' triggers (reads SC_W + 4): a line start's bit is
 * the place after its LF, so the mask has SC_W + 1 bits. */
SC_TARGET SC_INLINE uint64_t SC_FN(lines_mask)(const unsigned char *q)
{
	SC_V a = LD(q), b = LD(q + 1), c = LD(q + 2), d = LD(q + 3),
	     e4 = LD(q + 4);
	SC_V dc = RANGE(c, '0', '9'), dd = RANGE(d, '0', '9');
	SC_V code = SC_AND(SC_AND(RANGE(a, '2', '5'), RANGE(b, '0', '9')),
	                   SC_AND(dc, SC_OR(EQ(d, ' '), EQ(d, '-'))));
	SC_V stat = SC_AND(SC_AND(EQ(a, 'a'), EQ(b, 't')), EQ(c, '='));
	SC_V out = SC_AND(SC_AND(EQ(a, 'o'), EQ(b, 'u')), EQ(c, 't'));
	SC_V bcr = SC_OR(EQ(b, '\n'), EQ(b, '\r'));
	SC_V lost = SC_AND(SC_AND(EQ(a, 's'), EQ(b, 't')), SC_AND(EQ(c, ' '), EQ(d, 'c')));
	SC_V colon = SC_AND(EQ(a, ':'), bcr);
	SC_V alf = EQ(a, '\n');
	SC_V fold = SC_AND(alf, SC_OR(EQ(b, ' '), EQ(b, '\t')));
	SC_V lt = SC_AND(EQ(b, '<'),
	                 SC_OR(SC_OR(EQ(c, '-'), EQ(c, '~')),
	                       SC_OR(SC_OR(EQ(c, '*'), EQ(c, '<')), EQ(c, ' '))));
	SC_V srv = SC_OR(SC_AND(EQ(b, 'S'), SC_OR(EQ(c, ':'), EQ(c, 'E'))),
	                 SC_AND(EQ(b, 'r'), EQ(c, 'e')));
	SC_V raw = SC_AND(SC_AND(RANGE(b, '2', '5'), dc),
	                  SC_ANDNOT(RANGE(e4, '0', '9'), dd));
	SC_V start = SC_AND(alf, SC_OR(SC_OR(lt, srv), raw));
	/* client libraries' errors without a reply code where the trigger
	 * above sees one: smtplib's "(550, b'" or "(550, '" (a digit, ", "
	 * and b or a quote), .NET's "The server response was: " ("as: "),
	 * PHPMailer's "... SMTP code: 554" at a line's end ("de: ") */
	SC_V py = SC_AND(SC_AND(RANGE(a, '0', '9'), EQ(b, ',')),
	                 SC_AND(EQ(c, ' '), SC_OR(SC_OR(EQ(d, 'b'), EQ(d, '\'')),
	                                          EQ(d, '"'))));
	SC_V said = SC_AND(SC_AND(EQ(c, ':'), EQ(d, ' ')),
	                   SC_OR(SC_AND(EQ(a, 'a'), EQ(b, 's')),
	                         SC_AND(EQ(a, 'd'), EQ(b, 'e'))));
	SC_V qm = SC_AND(SC_AND(EQ(a, 'd'), EQ(b, ':')), EQ(c, '_'));
	SC_V here = SC_OR(SC_OR(SC_OR(code, stat), SC_OR(out, lost)),
	                  SC_OR(SC_OR(SC_OR(colon, fold), SC_FN(own)(a, b, c)),
	                        SC_OR(SC_OR(py, said), qm)));
	return SC_MASK(here) | SC_MASK(start) << 1;
}

/* The loops: steps while a whole one is in [q, e), then one step that
 * ends at e, its places already seen masked off; the last `span - 1`
 * places (a step reads SC_W + span - 1 bytes) are the caller's. */
#define SC_LOOP(maskfn, span)                                                 \
	const unsigned char *q = *qp, *q0 = *qp;                              \
	for (; e - q >= SC_W + (span)-1; q += SC_W) {                         \
		uint64_t m = maskfn(q);                                       \
		if (m) {                                                      \
			*qp = q;                                              \
			return (const char *)q + SC_CTZ64(m);                 \
		}                                                             \
	}                                                                     \
	if (q < e && e - q0 >= SC_W + (span)-1) {                             \
		const unsigned char *b0 = e - (SC_W + (span)-1);              \
		uint64_t m = maskfn(b0) & (~(uint64_t)0 << (q - b0));         \
		if (m) {                                                      \
			*qp = b0;                                             \
			return (const char *)b0 + SC_CTZ64(m);                \
		}                                                             \
		if (q < e - ((span)-1))                                       \
			q = e - ((span)-1);                                   \
	}                                                                     \
	*qp = q;                                                              \
	return NULL;

SC_TARGET static const char *SC_FN(next)(const unsigned char **qp,
                                         const unsigned char *e)
{
	SC_LOOP(SC_FN(next_mask), 4)
}

SC_TARGET static const char *SC_FN(next_lines)(const unsigned char **qp,
                                               const unsigned char *e)
{
	SC_LOOP(SC_FN(lines_mask), 5)
}

/* sr_scan_anchors' pieces at the SC_W places from q (reads SC_W + 2). */
SC_TARGET SC_INLINE uint64_t SC_FN(anchors_mask)(const unsigned char *q)
{
	SC_V a = LD(q), b = LD(q + 1), c = LD(q + 2);
	SC_V bt = EQ(b, 't'), al = EQ(a, 'l'), ai = EQ(a, 'i');
	SC_V colon = SC_AND(EQ(c, ':'), SC_OR(SC_OR(SC_AND(ai, EQ(b, 'd')),
	                                            SC_AND(EQ(a, 'm'), EQ(b, 'e'))),
	                                      SC_AND(EQ(a, 'c'), bt)));
	SC_V equal = SC_AND(EQ(c, '='), SC_OR(SC_AND(bt, SC_OR(al, EQ(a, 'a'))),
	                                      SC_AND(al, EQ(b, 'y'))));
	SC_V blank = SC_AND(EQ(c, ' '), SC_OR(SC_OR(SC_AND(EQ(a, 'T'), EQ(b, 'P')),
	                                            SC_AND(EQ(a, 'p'), EQ(b, ':'))),
	                                      SC_AND(ai, EQ(b, 'l'))));
	SC_V with = SC_AND(EQ(c, 'w'), SC_AND(EQ(a, 'n'), EQ(b, ' ')));
	SC_V paren = SC_AND(EQ(c, '('), SC_AND(EQ(a, 'd'), EQ(b, ' ')));
	return SC_MASK(SC_OR(SC_OR(colon, SC_OR(equal, paren)),
	                     SC_OR(SC_OR(blank, with), SC_FN(own)(a, b, c))));
}

/* sr_scan_text_anchors' pieces at the SC_W places from q (reads SC_W + 2). */
SC_TARGET SC_INLINE uint64_t SC_FN(text_mask)(const unsigned char *q)
{
	SC_V a = LD(q), b = LD(q + 1), c = LD(q + 2);
	SC_V colon = SC_AND(EQ(c, ':'),
	                    SC_OR(SC_OR(SC_AND(EQ(a, 'i'), EQ(b, 'd')),
	                                SC_AND(EQ(a, 'o'), EQ(b, 'r'))),
	                          SC_OR(SC_OR(SC_AND(EQ(a, 'd'), EQ(b, 'e')),
	                                      SC_AND(EQ(a, 'a'), EQ(b, 's'))),
	                                SC_OR(SC_AND(EQ(a, 's'), EQ(b, 'e')),
	                                      SC_AND(EQ(a, 'o'), EQ(b, 'n'))))));
	SC_V quote = SC_AND(SC_AND(EQ(a, 'd'), EQ(b, ' ')), EQ(c, '\''));
	SC_V ndr = SC_AND(SC_AND(EQ(a, '#'), EQ(c, '.')),
	                  SC_OR(EQ(b, '4'), EQ(b, '5')));
	return SC_MASK(SC_OR(SC_OR(colon, quote), ndr));
}

/* sr_scan_wrap_anchors' pieces at the SC_W places from q (reads SC_W + 4). */
SC_TARGET SC_INLINE uint64_t SC_FN(wrap_mask)(const unsigned char *q)
{
	SC_V a = LD(q), b = LD(q + 1), c = LD(q + 2), d = LD(q + 3),
	     e4 = LD(q + 4);
	SC_V bsp = EQ(b, ' '), ac = EQ(a, ':'), dsp = EQ(d, ' ');
	SC_V cq = SC_OR(EQ(c, '\''), EQ(c, '"')), dq = SC_OR(EQ(d, '\''), EQ(d, '"'));
	SC_V d25 = RANGE(d, '2', '5');
	/* 'message "550', 'code "550' */
	SC_V quote = SC_AND(SC_AND(EQ(a, 'e'), bsp), SC_AND(EQ(c, '"'), d25));
	/* "Detail: ", "was: " */
	SC_V colon = SC_AND(SC_AND(EQ(c, ':'), dsp),
	                    SC_OR(SC_AND(EQ(a, 'i'), EQ(b, 'l')),
	                          SC_AND(EQ(a, 'a'), EQ(b, 's'))));
	/* ", b'", ", '" */
	SC_V py = SC_AND(SC_AND(EQ(a, ','), bsp),
	                 SC_OR(cq, SC_AND(EQ(c, 'b'), dq)));
	/* ": 550" */
	SC_V code = SC_AND(SC_AND(SC_AND(ac, bsp), RANGE(c, '2', '5')),
	                   SC_AND(RANGE(d, '0', '9'), RANGE(e4, '0', '9')));
	/* "Net::SMTP" */
	SC_V ruby = SC_AND(SC_AND(ac, EQ(b, ':')), SC_AND(EQ(c, 'S'), EQ(d, 'M')));
	/* "se=550", "se=\"550" */
	SC_V resp = SC_AND(SC_AND(EQ(a, 's'), EQ(b, 'e')),
	                   SC_AND(EQ(c, '='), SC_OR(d25, dq)));
	/* "#550" */
	SC_V ndr = SC_AND(SC_AND(EQ(a, '#'), RANGE(b, '2', '5')),
	                  SC_AND(RANGE(c, '0', '9'), RANGE(d, '0', '9')));
	return SC_MASK(SC_OR(SC_OR(SC_OR(quote, colon), SC_OR(py, code)),
	                     SC_OR(ruby, SC_OR(resp, ndr))));
}

SC_TARGET static const char *SC_FN(wrap_anchors)(const unsigned char **qp,
                                         const unsigned char *e)
{
	SC_LOOP(SC_FN(wrap_mask), 5)
}

SC_TARGET static const char *SC_FN(anchors)(const unsigned char **qp,
                                    const unsigned char *e)
{
	SC_LOOP(SC_FN(anchors_mask), 3)
}

SC_TARGET static const char *SC_FN(text_anchors)(const unsigned char **qp,
                                         const unsigned char *e)
{
	SC_LOOP(SC_FN(text_mask), 3)
}

/* sr_find's places: the needle's bytes i1 and i2 compared at SC_W places
 * a step, the needle compared whole where both agree. Places [i, last]. */
SC_TARGET static const char *SC_FN(find)(const char *h, size_t *ip,
                                         size_t last, const char *needle,
                                         size_t nlen, size_t i1, size_t i2)
{
	size_t i = *ip;
	const SC_V f = SC_SET1(needle[i1]), l = SC_SET1(needle[i2]);
	for (; i + SC_W <= last + 1; i += SC_W) {
		uint64_t m = SC_MASK(SC_AND(SC_CMPEQ(LD(h + i + i1), f),
		                            SC_CMPEQ(LD(h + i + i2), l)));
		while (m) {
			size_t k = i + SC_CTZ64(m);
			if (memcmp(h + k, needle, nlen) == 0)
				return h + k;
			m &= m - 1;
		}
	}
	*ip = i;
	return NULL;
}

#undef EQ
#undef RANGE
#undef LD
#undef SC_LOOP
