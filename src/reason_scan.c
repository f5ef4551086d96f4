/* reason_scan.c - the one pass over a reply's text (src/reason_scan.h).
 *
 * Nothing here allocates. The text is read in one pass through the phrase
 * automaton that tools/gen_phrases.py builds from data/reason-phrases.txt
 * (src/phrases.c); the same pass spots the provider markers. classify.c's
 * rules read what it found. */
#include "reason_scan.h"
#include "phrases.h"

#if (defined(__GNUC__) || defined(__clang__)) && defined(__SSE2__) && \
    !defined(SMTPREPLY_PORTABLE)
#include <emmintrin.h>
#define SR_CHAIN_SSE2 1
#endif

#include <string.h>

/* Keeps the compiler from folding a pointer's computation into the
 * address of the load that uses it (see scan_line). */
#if (defined(__GNUC__) || defined(__clang__)) && !defined(SMTPREPLY_PORTABLE)
#define SR_OPAQUE(x) __asm__("" : "+r"(x))
#else
#define SR_OPAQUE(x) ((void)0)
#endif

#if defined(__GNUC__) || defined(__clang__)
#define SR_LIKELY(x) __builtin_expect(!!(x), 1)
#define SR_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define SR_LIKELY(x) (x)
#define SR_UNLIKELY(x) (x)
#endif

/* States as the tables hold them (src/phrases.h): a dense state's number
 * << SR_PH_SHIFT, the chain states after them. With SR_PH_SHIFT 3 (a
 * part of a row: 4 columns, 8 bytes) a dense state's word is its part's
 * byte offset, which the load of the next state adds to the column's
 * address unscaled (row_entry): on the dense loop's chain of dependent
 * loads, one load a byte, no shift, and no scaled index (a cycle more a
 * load than base + index on this Zen 5 host: tools/gen_phrases.py, HALF).
 * (SR_PH_SHIFT 0, when the words would not fit 16 bits, works too, the
 * index scaled.) */
#define ST_OUT_FIRST (SR_PH_NOUT_FIRST << SR_PH_SHIFT) /* something ends */
#define ST_CHAIN (SR_PH_NDENSE << SR_PH_SHIFT)         /* first chain state */
/* What a dense state's word is multiplied by to be its part's byte
 * offset: 1 when the word is that offset. */
#define ROW_SCALE ((SR_PH_HALF * 2u) >> SR_PH_SHIFT)

/* The entry of dense state (word) s in the column whose entry of state 0
 * is col: its row's part that holds the column, col's place in it. */
static inline unsigned row_entry(const uint16_t *col, unsigned s)
{
	return *(const uint16_t *)(const void *)((const unsigned char *)col +
	                                         (size_t)s * ROW_SCALE);
}

/* col_of below and the tables must place the classes alike (a phrases.c
 * made by an older gen_phrases.py traded class 0 with class HALF). */
#if !defined(SR_PH_CLASS0_LAST)
#error "src/phrases.c is older than reason_scan.c: make regen-phrases"
#endif

/* A dense row is kept in parts of SR_PH_HALF columns
 * (tools/gen_phrases.py): the first SR_PH_HALF columns of every row one
 * after another, then the next SR_PH_HALF of every row, and so on. Where
 * class k's entry of dense state 0 is; state s's is s * SR_PH_HALF entries
 * on (row_entry). The offset comes from the byte alone, off the chain of
 * loads from state to state. */
static inline size_t col_of(unsigned k)
{
	/* Class 0 (bytes no phrase uses, rare in replies) in the last
	 * column, the others one to the left, so that the first part of a
	 * row holds the SR_PH_HALF classes read most (the generator's
	 * colpos). */
	unsigned j = k == 0 ? SR_PH_COLUMNS - 1 : k - 1;
	return (size_t)(j / SR_PH_HALF) * SR_PH_NDENSE * SR_PH_HALF +
	       j % SR_PH_HALF;
}

/* The automaton's next state from s on class k. A dense state
 * (most of the time: the shallow ones) has its full row: one load. A
 * chain state moves on along its one edge, keeps still on a space when
 * its bytes end in one (white-space runs read as one space), or falls
 * back along its failure link to a state with fewer bytes behind it;
 * failure links make the whole pass linear (each fall-back undoes one
 * earlier step). b is a byte of class k. */
static inline unsigned chain_step(unsigned s, unsigned k, unsigned char b)
{
	do {
		uint64_t c = sr_ph_chain[s - ST_CHAIN];
		if ((c & 0x7f) == k)
			return (unsigned)(c >> 8) & 0xffff;
		if (k == SR_PH_SPACE && (c & 0x80) != 0)
			return s;
		s = (unsigned)(c >> 32) & 0xffff; /* same entry, same line */
	} while (s >= ST_CHAIN);
	/* k's column from its byte b (sr_ph_col): one load of a hot table,
	 * not col_of's arithmetic on a class only known here. */
	return row_entry(sr_ph_rows + sr_ph_col[b], s);
}

/* The step on a space (what the scan feeds between lines and parts). */
static inline unsigned step_space(unsigned s)
{
	if (s < ST_CHAIN)
		return row_entry(sr_ph_rows + col_of(SR_PH_SPACE), s);
	return chain_step(s, SR_PH_SPACE, ' ');
}

/* The step on byte b: a dense row's column from the byte (sr_ph_col). */
static inline unsigned step_byte(unsigned s, unsigned char b)
{
	if (s < ST_CHAIN)
		return row_entry(sr_ph_rows + sr_ph_col[b], s);
	return chain_step(s, sr_ph_class[b], b);
}

/* Whether something ends in state s: a range test, no load. */
static inline int ends_here(unsigned s)
{
	return s - ST_OUT_FIRST < ST_CHAIN - ST_OUT_FIRST;
}

/* The first '@' of line p (n bytes), or NULL: looked for once a line,
 * when a phrase or a marker first ends in it; most lines have none, and
 * then neither test below reads a byte. */
static inline const unsigned char *first_at(struct scan *sc,
                                            const unsigned char *p, size_t n)
{
	if (sc->line != p) {
		sc->line = p;
		sc->at = memchr(p, '@', n);
	}
	return sc->at;
}

/* Whether an '@' is in the word of the line p that p[i] ends, at or
 * before p[i] and after the last white space: read backwards from p[i],
 * an '@' before a space. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int at_in_word(const unsigned char *p, size_t i)
{
	for (size_t k = i + 1; k > 0; k--) {
		if (p[k - 1] == '@')
			return 1;
		if (sr_ph_class[p[k - 1]] == SR_PH_SPACE)
			return 0;
	}
	return 0;
}

/* Whether an '@' comes before p[i] in the same word of the line: then a
 * provider marker ending at p[i] is part of a mail address or Message-ID
 * ("x@gmail.com") and says nothing about who answered. Looked at only
 * when a marker ends, so it costs nothing per byte. */
static inline int after_at(struct scan *sc, const unsigned char *p, size_t i,
                           size_t n)
{
	const unsigned char *at = first_at(sc, p, n);
	if (at == NULL || at >= p + i)
		return 0;
	return i > 0 && at_in_word(p, i - 1);
}

/* Whether byte c may be in a mail address's local part (see
 * in_local_part). */
static inline int local_byte(unsigned char c)
{
	return (unsigned)((c | 0x20u) - 'a') < 26u || (unsigned)(c - '0') < 10u ||
	       c == '.' || c == '_' || c == '-' || c == '+' || c == '%';
}

/* local_byte(c) || c == '@', one load and a shift (output() asks it of
 * the byte after nearly every phrase that ends, mostly a space, which
 * the tests one after another each had to turn down). */
static inline int local_or_at(unsigned char c)
{
	/* a bit a byte below 128: '%', '+', '-', '.', '0'-'9'; '@', 'A'-'Z',
	 * '_', 'a'-'z' */
	static const uint64_t bits[2] = {0x03ff682000000000u,
	                                 0x07fffffe87ffffffu};
	return c < 128 && (bits[c >> 6] >> (c & 63) & 1);
}

/* Whether p[i] is in a mail address's local part: the bytes after it,
 * of the kinds a local part holds, run on to an '@' with a name after
 * it ("<virus@example.com>", "greylisting@..."). Not '=', which a local
 * part may hold (SRS, VERP) but a URL's query uses before its values:
 * "why?spf=sender@example.net" names SPF. Read only on a line that has
 * an '@'. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int in_local_part(const unsigned char *p, size_t i, size_t n)
{
	size_t k = i;
	/* p[i] itself in the local part: a phrase ending in a byte no local
	 * part holds (a CJK phrase: "信箱不存在user@...") is not in it */
	while (k < n && local_byte(p[k]))
		k++;
	if (k == i)
		return 0;
	return k + 1 < n && p[k] == '@' &&
	       ((unsigned)((p[k + 1] | 0x20u) - 'a') < 26u ||
	        (unsigned)(p[k + 1] - '0') < 10u);
}

/* Whether the word that p[i] ends in is a mail address: words inside
 * "spammer@example.com" or "<virus@example.com>" are a name, not a
 * reason (a URL's words, such as "spamhaus.org/query", are kept: they
 * name the list). Looked at only when a phrase ends; inline up to the
 * line's first '@' (most lines have none), which is looked for once a
 * line. */
static inline int in_name(struct scan *sc, const unsigned char *p, size_t i,
                          size_t n)
{
	const unsigned char *at = first_at(sc, p, n);
	if (at == NULL)
		return 0;
	return (at <= p + i && at_in_word(p, i)) || in_local_part(p, i, n);
}

/* in_name for the phrases of an output state whose sr_ph_out_word is o
 * (its phrase, the longest, and those through its suffix links) ending
 * at p[i]: mostly known from o without reading the line. Not in a name
 * if the phrase holds a space and no '@' after it: the word that p[i]
 * ends starts after that space (white space or the space between lines in
 * the text), among those bytes of the phrase. If it is one word
 * without '@', the line's p[i - len + 1 .. i] are its bytes: only those
 * before are read, and not at all after white space, nor on a line with
 * no '@' before the phrase (first_at: one memchr a line, which a long
 * word's walk back costs more than). */
static inline int in_name_of(uint32_t o, struct scan *sc,
                             const unsigned char *p, size_t i, size_t n)
{
	if ((o & SR_PH_OUT_SPACED) != 0)
		return 0;
	if ((o & SR_PH_OUT_WORD) != 0) {
		size_t len = sr_ph_word[(o & 0x3fff) - 1] >> 24;
		const unsigned char *at = first_at(sc, p, n);
		if (at == NULL)
			return 0;
		return (i >= len && at <= p + i - len &&
		        sr_ph_class[p[i - len]] != SR_PH_SPACE &&
		        at_in_word(p, i - len)) ||
		       in_local_part(p, i, n);
	}
	return in_name(sc, p, i, n);
}

/* Whether byte c may be in a dotted host name: a label's letter, digit
 * or '-', or the '.' between labels (see host_start). */
static inline int host_byte(unsigned char c)
{
	/* a bit a byte below 128: '-', '.', '0'-'9'; 'A'-'Z', 'a'-'z' */
	static const uint64_t bits[2] = {0x03ff600000000000u,
	                                 0x07fffffe07fffffeu};
	return c < 128 && (bits[c >> 6] >> (c & 63) & 1);
}

/* host_byte without the '.': a byte of a label. */
static inline int label_byte(unsigned char c)
{
	return c != '.' && host_byte(c);
}

/* Not in a host name (host_start's answer). */
#define NO_HOST ((size_t)-1)

/* Whether the label p[0..n) is a top-level domain: two letters (a
 * country's), or a generic one of those in mail's host names, or a name
 * RFC 2606 and RFC 6761 keep for tests and local use. What makes a dotted
 * run a host name rather than a vendor's dotted identifier
 * ("STOREDRV.Deliver.Exception:QuotaExceededException.MapiException...",
 * "Heuristics.Phishing.Email.SpoofedDomain": their words are the reply's
 * meaning) or a file's name ("spam.html"). */
static int tld(const unsigned char *p, size_t n)
{
	/* By length (3 to 11), one after another; the commonest first:
	 * most names end in one of them. */
	static const char *const generic[12] = {
	    NULL, NULL, NULL,
	    "comnetorgedugovmilintbizproarpappdevxyztoplan",
	    "infonamemobiasiasitetechclubshophomecorptest",
	    "cloudemaillocal", "online", "example invalid", "internal",
	    "localhost", NULL, "localdomain"};
	const char *g;
	if (n == 2)
		return (unsigned)((p[0] | 0x20u) - 'a') < 26u &&
		       (unsigned)((p[1] | 0x20u) - 'a') < 26u;
	if (n < 3 || n > 11 || (g = generic[n]) == NULL)
		return 0;
	for (; *g != '\0'; g += n + (g[n] == ' ')) {
		size_t k = 0;
		while (k < n && (unsigned char)g[k] == (p[k] | 0x20u))
			k++;
		if (k == n)
			return 1;
	}
	return 0;
}

/* Where the dotted host name that a label word p[s..i] (letters, digits,
 * '-') lies in starts, or NO_HOST. A host name here: the run of letters,
 * digits, '-' and '.' around the word, without the dots and hyphens at
 * its ends (a full stop, an ellipsis), that holds a dot and ends in a
 * top-level domain ("relay.example.org", "smtp-quota.example.net": tld),
 * and is not a URL's path (a '/' before it that is not a URL's "//"). A
 * label word found in one is a machine's name, not the reply's word
 * (output_all, take_reasons_outside_host). Read only when a label word
 * that would be taken ends inside a word or before a byte of a name, so
 * it costs nothing per byte; the run's end and its last label first, the
 * rest only for a name that ends in a top-level domain. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static size_t host_start(const unsigned char *p, size_t s, size_t i,
                         size_t n)
{
	size_t a = s, b = i + 1, t = i + 1;
	/* t: after the last dot of the run's end */
	while (b < n && host_byte(p[b])) {
		if (p[b] == '.')
			t = b + 1;
		b++;
	}
	while (b > i + 1 && (p[b - 1] == '.' || p[b - 1] == '-'))
		b--;
	if (t > b) {
		/* the last dot was at the end, a full stop: the one before */
		for (t = b; t > i + 1 && p[t - 1] != '.'; t--)
			;
	}
	/* the last label: after that dot, or (none) the word's own, when
	 * the run has a dot before it */
	if (t == i + 1) {
		t = s;
		while (t > 0 && label_byte(p[t - 1]))
			t--;
		if (t == 0 || p[t - 1] != '.')
			return NO_HOST;
		a = t - 1;
	}
	if (!tld(p + t, b - t))
		return NO_HOST;
	while (a > 0 && host_byte(p[a - 1]))
		a--;
	if (a > 0 && p[a - 1] == '/' && (a < 2 || p[a - 2] != '/'))
		return NO_HOST;
	while (a < i && (p[a] == '.' || p[a] == '-'))
		a++;
	return a;
}

/* Whether byte c is an ASCII letter or digit. */
static inline int alnum_byte(unsigned char c)
{
	return (unsigned)((c | 0x20u) - 'a') < 26u || (unsigned)(c - '0') < 10u;
}

/* Whether the word of len bytes ending at p[i] is no part of a longer
 * word: no letter or digit on either side. */
static inline int whole_word(const unsigned char *p, size_t i, size_t len,
                             size_t n)
{
	return !(i + 1 < n && alnum_byte(p[i + 1])) &&
	       !(i >= len && alnum_byte(p[i - len]));
}

/* The rule (data/reason-phrases.txt's `name` lines, smtpreply_reason(3)):
 * a label word (sr_ph_label) of len bytes ending at p[i], the longest
 * phrase of an output state with SR_PH_OUT_LABEL, that is a whole label
 * of a dotted host name ending in a top-level domain, or a whole part of
 * one between '-' ("relay" in "relay.example.org", "quota" in
 * "smtp-quota.example.net"), is a machine's name, not the reply's word;
 * so are the label words that end with it ("locked" in
 * "blocked.example.net"). Not a word glued into a longer one ("spam" in
 * "antispam.example.com" is read, as in "antispammer"), nor a name, which
 * is no label word ("zen.spamhaus.org" is read for "spamhaus"). */
static inline int host_word(const unsigned char *p, size_t i, size_t len,
                            size_t n)
{
	return whole_word(p, i, len, n) &&
	       host_start(p, i + 1 - len, i, n) != NO_HOST;
}

int sr_host_label(const unsigned char *p, size_t s, size_t e, size_t n)
{
	return e > s && e <= n && host_word(p, e - 1, e - s, n);
}

/* Evaluation hook: whether phrase ph was learned from the held-out
 * source (one of its sources is that id or a prefix of it: "exim" for
 * "exim4-debian"). Conservative: a phrase also found elsewhere is held
 * out all the same, unless it is prior knowledge (source "vocabulary" or
 * "rfc": the words of the standards and of the reason names). */
static int held_out_of(unsigned ph, const char *held)
{
	unsigned a = sr_ph_src_first[ph], b = sr_ph_src_first[ph + 1];
	int hit = 0;
	for (; a < b; a++) {
		const char *t = sr_ph_src_pool + sr_ph_src_name[sr_ph_src[a]];
		if (strcmp(t, "vocabulary") == 0 || strcmp(t, "rfc") == 0)
			return 0;
		if (strncmp(t, held, strlen(t)) == 0)
			hit = 1;
	}
	return hit;
}

/* The library as shipped holds nothing out: that test inline, the
 * source lists read only by the evaluation. */
static inline int held_out(unsigned ph, const char *held)
{
	return held != NULL && held_out_of(ph, held);
}

/* Whether a phrase of strength st (0 hint, 1 weak, 2 strong) and reason
 * r (< SMTPREPLY_REASON_COUNT) is a candidate for struct scan's spec:
 * spec[0] is the best hint about the message itself (content, spam,
 * virus, size), spec[1] the best weak phrase of a reason other than
 * POLICY. One bit, r, of spec_mask[st]: no branch on st or r. */
_Static_assert(SMTPREPLY_REASON_COUNT <= 32, "a reason a bit of 32");
#define REASON_BIT(r) ((uint32_t)1 << SMTPREPLY_REASON_##r)
static const uint32_t spec_mask[4] = {
	REASON_BIT(CONTENT_REJECTED) | REASON_BIT(SPAM) | REASON_BIT(VIRUS) |
	    REASON_BIT(MESSAGE_TOO_LARGE),
	(((uint32_t)1 << (SMTPREPLY_REASON_COUNT - 1) << 1) - 1) &
	    ~REASON_BIT(POLICY),
	0, 0};

static inline int spec_of(unsigned st, unsigned r)
{
	return (int)(spec_mask[st & 3] >> r & 1);
}

/* What ends at p[i] in an output state whose sr_ph_out_word is o: every
 * phrase that ends here, longest first, through the suffix links, and
 * the first provider marker. p is NULL for the space between lines; n is
 * the line's length. output()'s general case. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
/* Whether the quote word ending at p[i] (len bytes of phrase) opens the
 * line of the joined quoted reply that starts at sc->qline (see
 * output_all). */
static int quote_opens_line(const struct scan *sc, const unsigned char *p,
                            size_t i, unsigned len)
{
	const unsigned char *q = sc->qline;
	size_t span;
	if (p == NULL || q == NULL || q < p || q > p + i)
		return 0;
	while (q <= p + i && (*q == ' ' || *q == '\t'))
		q++;
	span = (size_t)(p + i + 1 - q);
	return span >= len && span <= 2 * (size_t)len;
}

static void output_all(uint32_t o, struct scan *sc, const unsigned char *p,
                       size_t i, size_t n)
{
	unsigned pv = (o >> 16) & 0xff;
	/* whether the label words that end here are a host name's
	 * (host_word), looked for at the first one to be taken: -1 not yet */
	int host = -1;

	for (unsigned m = o & 0x3fff, next; m != 0; m = next) {
		/* One word a phrase: its suffix link, strength, reason and
		 * length (src/phrases.h). */
		uint32_t w = sr_ph_word[m - 1];
		unsigned ph = m - 1, r = (w >> 16) & 0xff, len = w >> 24;
		next = w & 0x3fff;
		if (r < SMTPREPLY_REASON_COUNT) {
			unsigned st = (w >> 14) & 3;
			int spec = spec_of(st, r) && len > sc->spec_len[st];
			if ((len <= sc->best_len[st] && !spec) ||
			    held_out(ph, sc->held) ||
			    (p != NULL && in_name_of(o, sc, p, i, n)))
				continue;
			/* a label word in a host name ("relay.example.org"):
			 * a machine's name */
			if ((o & SR_PH_OUT_LABEL) != 0 && p != NULL &&
			    sr_ph_label[ph]) {
				if (host < 0)
					host = host_word(p, i,
					                 sr_ph_word[(o & 0x3fff) - 1] >> 24, n);
				if (host)
					continue;
			}
			if (spec) {
				sc->spec_len[st] = len;
				sc->spec[st] = (int)ph;
			}
			if (len <= sc->best_len[st])
				continue;
			sc->best_len[st] = len;
			sc->best[st] = (int)ph;
		} else if (r < SR_PH_QUOTE) {
			/* A provider's own code: its documented meaning, never
			 * held out (not learned from a corpus). */
			if (len > sc->tag_len &&
			    (p == NULL || !in_name_of(o, sc, p, i, n))) {
				sc->tag_len = len;
				sc->tag = (int)ph;
			}
		} else if (r == SR_PH_CODE) {
			if (sc->quote == 1) {
				struct smtpreply_enhanced e = {0, 0, 0};
				sc->quote = 2;
				sc->code = sr_ph_code[ph];
				/* p[i] is the byte after the code (the
				 * enhanced code is read after it) */
				sc->qat = p != NULL && i >= 3
				              ? (const char *)p + i - 3
				              : NULL;
				sc->qcont = p != NULL && p[i] == '-';
				sc->qline = sc->qcont ? p + i + 1 : NULL;
				if (p != NULL && i + 1 < n &&
				    sr_enhanced_at((const char *)p + i + 1, n - i - 1,
				                   &e) &&
				    e.klass == sc->code / 100)
					sc->enh = e;
			} else if (sc->quote == 2 && sc->qcont &&
			           sr_ph_code[ph] == sc->code) {
				/* The quoted reply's next line, joined on
				 * one line as logs quote a multi-line reply
				 * ("said: 550-5.7.1 ... 550-5.7.1 likely
				 * unsolicited mail ... 550 5.7.1 ..."): the
				 * same reply, read on. */
				sc->qcont = p != NULL && p[i] == '-';
				sc->qline = sc->qcont ? p + i + 1 : NULL;
			} else if (sc->best[2] >= 0 || sc->best[1] >= 0 ||
			           sc->tag >= 0 || sc->quote) {
				sc->stop = 1;
			}
		} else if (r >= SR_PH_SIGN && r < SR_PH_COMMAND) {
			sc->signs |= 1u << (r - SR_PH_SIGN);
		} else if (r == SR_PH_SENDER) {
			if (!held_out(ph, sc->held))
				sc->sender = 1;
		} else if (r == SR_PH_QUOTE) {
			/* The reporter's own words do not count. (Quote words
			 * learned from one source are held out like phrases.) */
			if (held_out(ph, sc->held))
				continue;
			/* A quote word that opens a line of a quoted multi-line
			 * reply joined on one line, whose last line has not come
			 * ("said: 550-Callout verification failed: 550 550 5.1.1
			 * ...", "550-Response: 550 5.7.1 ..."): that reply's own
			 * quote, read when judge() rebuilds and judges the reply
			 * (rejoin_quoted), not a new quote of this one's
			 * (tests/test_perturb.c kind joined: the restart lost the
			 * joined reply and its 5.1.1). Only blanks and the word
			 * (its span at most twice its length: runs of blanks)
			 * after that line's "NNN-". */
			if (sc->quote == 2 && sc->qcont && quote_opens_line(sc, p, i, len))
				continue;
			sc->told = sc->best[0] >= 0 || sc->best[1] >= 0 ||
			           sc->best[2] >= 0 || sc->tag >= 0;
			clear_phrases(sc);
			sc->quote = 1;
			sc->code = 0;
			sc->qat = NULL;
		} else if (r >= SR_PH_COMMAND) {
			if (sc->cmd < 0 && !held_out(ph, sc->held))
				sc->cmd = (int)(r - SR_PH_COMMAND);
		}
	}
	if (pv != 0 && sc->provider < 0 && (p == NULL || !after_at(sc, p, i, n)))
		sc->provider = (int)pv - 1;
}

/* The reason phrases of an output state, from word m (whose entry is w)
 * through its suffix links, none of them in a mail address: taken as
 * output_all would take them (output()'s fast path). */
static inline void take_reasons(struct scan *sc, unsigned m, uint32_t w)
{
	for (;;) {
		unsigned r = (w >> 16) & 0xff, st = (w >> 14) & 3, len = w >> 24;
		if (spec_of(st, r) && len > sc->spec_len[st]) {
			sc->spec_len[st] = len;
			sc->spec[st] = (int)(m - 1);
		}
		if (len > sc->best_len[st]) {
			sc->best_len[st] = len;
			sc->best[st] = (int)(m - 1);
		}
		m = w & 0x3fff;
		if (m == 0)
			return;
		w = sr_ph_word[m - 1];
	}
}

/* take_reasons for an output state whose longest phrase is a label word
 * (SR_PH_OUT_LABEL) that is a whole word (whole_word), on a line with no
 * '@': a label word that would be taken is passed over if that longest
 * phrase lies in a dotted host name (output_all's test, host_word),
 * which is looked for once, and only then. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void take_reasons_outside_host(struct scan *sc, unsigned m,
                                      const unsigned char *p, size_t i,
                                      size_t n)
{
	size_t len0 = sr_ph_word[m - 1] >> 24; /* the longest's (whole_word) */
	int host = -1; /* as in output_all */

	for (; m != 0; m = sr_ph_word[m - 1] & 0x3fff) {
		uint32_t w = sr_ph_word[m - 1];
		unsigned r = (w >> 16) & 0xff, st = (w >> 14) & 3, len = w >> 24;
		int spec = spec_of(st, r) && len > sc->spec_len[st];
		if (len <= sc->best_len[st] && !spec)
			continue;
		if (sr_ph_label[m - 1]) {
			if (host < 0)
				host = host_start(p, i + 1 - len0, i, n) != NO_HOST;
			if (host)
				continue;
		}
		if (spec) {
			sc->spec_len[st] = len;
			sc->spec[st] = (int)(m - 1);
		}
		if (len > sc->best_len[st]) {
			sc->best_len[st] = len;
			sc->best[st] = (int)(m - 1);
		}
	}
}

/* output()'s case of one word that starts inside a word or ends where a
 * local part might go on (the byte after it is '@' or a local part's):
 * in a name only if the line has an '@' (first_at, looked for once a
 * line; in_name_of says 0 without one), so output_all reads the line
 * only then. Apart from output() so that output() keeps no call but tail
 * calls. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void output_local(uint32_t o, struct scan *sc, const unsigned char *p,
                         size_t i, size_t n)
{
	unsigned m = o & 0x3fff;
	if (first_at(sc, p, n) != NULL) {
		output_all(o, sc, p, i, n);
		return;
	}
	if ((o & SR_PH_OUT_LABEL) != 0 &&
	    whole_word(p, i, sr_ph_word[m - 1] >> 24, n)) {
		take_reasons_outside_host(sc, m, p, i, n);
		return;
	}
	take_reasons(sc, m, sr_ph_word[m - 1]);
}

/* What ends at p[i] in state s (output_all). Something ends on about
 * one byte in thirty. Most of the time only reason phrases end, one or
 * two, no provider marker is to be taken, and the state's word tells that
 * the end is not in a mail address (in_name_of without reading the
 * line): that case here, as output_all would take it, with no call and
 * few values live (so no registers to save), the rest there. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void output(unsigned s, struct scan *sc, const unsigned char *p,
                   size_t i, size_t n)
{
	uint32_t o = sr_ph_out_word[(s >> SR_PH_SHIFT) - SR_PH_NOUT_FIRST];
	unsigned m = o & 0x3fff;
	uint32_t w;

	if (((o & 0xff0000) != 0 && sc->provider < 0) || sc->held != NULL) {
		/* A marker to take, or the evaluation. */
		output_all(o, sc, p, i, n);
		return;
	}
	if ((o & SR_PH_OUT_REASONS) == 0) {
		/* No phrase (a marker's state once the provider is known:
		 * nothing to do), or signs only (SR_PH_SIGN + k: a bit each,
		 * wherever they end, never held out), here; another kind of
		 * word there. On bench's big corpus 32 k of the 199 k ends
		 * are one of these two, which output_all took a call and its
		 * loop's set-up for. The bits taken before a word of another
		 * kind is met are taken again there: no matter. */
		for (; m != 0; m = w & 0x3fff) {
			unsigned r;
			w = sr_ph_word[m - 1];
			r = ((w >> 16) & 0xff) - SR_PH_SIGN;
			if (r >= SR_PH_COMMAND - SR_PH_SIGN) {
				output_all(o, sc, p, i, n);
				return;
			}
			sc->signs |= 1u << r;
		}
		return;
	}
	w = sr_ph_word[m - 1];
	if (p != NULL && (o & SR_PH_OUT_SPACED) == 0) {
		if ((o & SR_PH_OUT_WORD) == 0) {
			/* the line is to be read */
			output_all(o, sc, p, i, n);
			return;
		}
		if ((i >= (w >> 24) &&
		     sr_ph_class[p[i - (w >> 24)]] != SR_PH_SPACE) ||
		    (i + 1 < n && local_or_at(p[i + 1]))) {
			/* the word may be in an address, its domain or
			 * (the phrase not ending where a local part would)
			 * its local part, if the line has an '@', or in a
			 * host name */
			output_local(o, sc, p, i, n);
			return;
		}
	}
	take_reasons(sc, m, w);
}

/* How many of the bytes line[i..i+lim) (lim <= 16, i + lim <= n) match
 * the chain run from chain state c: each byte, ASCII letters folded to
 * lower case, equal to the edge byte of the chain state it meets. A byte
 * that matches takes the automaton along the run, by the class table too
 * (its class is that of the edge byte); one that does not (white space
 * other than ' ' included) is left to chain_step. With SSE2, 16 bytes at
 * once: those from i, or near the line's end the line's last 16 (never a
 * byte outside the line), against the run's bytes at the same places. */
#if defined(SR_CHAIN_SSE2)
/* The bytes of p[0..16) that equal want[0..16) once ASCII letters are
 * folded to lower case, a bit each. */
static inline unsigned fold_eq16(const unsigned char *p,
                                 const unsigned char *want)
{
	__m128i t = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i w = _mm_loadu_si128((const __m128i *)(const void *)want);
	/* Where the chain's byte is a letter (above 0x60: the only such
	 * bytes in the automaton, which gen_phrases.py checks), the text's
	 * byte with 0x20 ORed in is compared with it: equal for that letter
	 * and its capital only. Elsewhere the bytes must be equal. */
	__m128i f = _mm_and_si128(_mm_cmpgt_epi8(w, _mm_set1_epi8(0x60)),
	                          _mm_set1_epi8(0x20));
	return (unsigned)_mm_movemask_epi8(
	    _mm_cmpeq_epi8(_mm_or_si128(t, f), w));
}
#endif

static inline unsigned chain_match(const unsigned char *line, size_t n,
                                   size_t i, unsigned c, unsigned lim)
{
	const unsigned char *want = sr_ph_chain_byte + 16 + c;
	const unsigned char *p = line + i;
	unsigned m = 0;
#if defined(SR_CHAIN_SSE2)
	if (n >= 16) {
		/* Back by `back` bytes when fewer than 16 are left: the
		 * run's bytes too (the table has 16 bytes before its first). */
		unsigned back = n - i >= 16 ? 0 : (unsigned)(16 - (n - i));
		unsigned eq = fold_eq16(p - back, want - back) >> back;
		m = (unsigned)__builtin_ctz(~eq);
		return m < lim ? m : lim;
	}
#endif
	(void)n;
	while (m < lim && sr_ph_class[p[m]] == sr_ph_class[want[m]])
		m++;
	return m;
}

/* How many bytes from p[i] (before end, the lane's or the line's end) go
 * along the run of chain state c at once: the scan's step inside a chain
 * (scan_line, lane_step). With SSE2 and 16 bytes of the line left, one
 * compare of 16 (chain_match's case without its bounds), else
 * chain_match up to the run's length, the bytes left and 16. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((always_inline))
#endif
static inline unsigned chain_run(const unsigned char *p, size_t n, size_t i,
                                 size_t end, unsigned c)
{
	unsigned lim = (unsigned)(sr_ph_chain[c] >> 24) & 0xff;
#if defined(SR_CHAIN_SSE2)
	if (end - i >= 16) {
		unsigned m = (unsigned)__builtin_ctz(
		    ~fold_eq16(p + i, sr_ph_chain_byte + 16 + c));
		return m < lim ? m : lim;
	}
#endif
	if (lim > end - i)
		lim = (unsigned)(end - i);
	if (lim > 16)
		lim = 16;
	return chain_match(p, n, i, c, lim);
}

/* Where chain state c's run leads once all of it matched: bits 48-63 of
 * its entry (gen_phrases.py), the cache line chain_run read already, not
 * the run's last entry (a second line, often a miss). Read as a 16-bit
 * load of those bytes, which gcc knows to be zero-extended: from a shift
 * of the entry it zero-extended the dense loop's state again, an
 * instruction more on every byte. */
static inline unsigned chain_exit(unsigned c)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint16_t x;
	memcpy(&x, (const unsigned char *)&sr_ph_chain[c] + 6, sizeof x);
	return x;
#else
	return (unsigned)(sr_ph_chain[c] >> 48);
#endif
}

/* The scan's step from chain state s at p[*pi] (*pi < end, the lane's
 * or the line's end): the bytes that match its run at once (chain_run);
 * if they end before the run does, the automaton is in the run's state
 * s + m, whose edge the next byte did not match (or was not compared
 * with, past 16): that byte's step is taken at once too (chain_step),
 * rather than in a visit of its own that would compare it again; if the
 * whole run matched, where it leads (chain_exit). Nothing
 * ends in a chain state, so there is nothing to report in between. The
 * new state; *pi moved on. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((always_inline))
#endif
static inline unsigned chain_go(const unsigned char *p, size_t n, size_t *pi,
                                size_t end, unsigned s)
{
	unsigned c = s - ST_CHAIN,
		 run = (unsigned)(sr_ph_chain[c] >> 24) & 0xff;
	size_t i = *pi;
	unsigned m = chain_run(p, n, i, end, c);

	if (m == run) {
		*pi = i + m;
		return chain_exit(c);
	}
	i += m;
	if (i == end) {
		*pi = i;
		return s + m;
	}
	*pi = i + 1;
	return chain_step(s + m, sr_ph_class[p[i]], p[i]);
}

/* The bytes p[i..end) of a line of n bytes (end <= n) through the
 * automaton from state *ps; 1 when the pass is to stop (sc->stop). A byte
 * no phrase uses has class 0, whose column leads to the root; a
 * white-space byte after a space keeps the state (see chain_step). What
 * ends is reported with the whole line (p, n), whatever part of it is
 * read. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((always_inline))
#endif
static inline int scan_part(const unsigned char *p, size_t i, size_t end,
                            size_t n, unsigned *ps, struct scan *sc)
{
	const uint32_t *cof = sr_ph_col;
	const uint16_t *rows = sr_ph_rows;
	unsigned s = *ps;

	while (i < end) {
		if (s < ST_OUT_FIRST) {
			/* Most bytes: from a dense state to another where
			 * nothing ends. One compare a byte. */
			do {
				/* The column from the byte alone, so that the
				 * chain of dependent operations from one byte's
				 * state to the next is a shift and a load; else
				 * the compiler adds the column to the row's
				 * offset after the load. (And the offset is
				 * the state itself, unscaled in the load's
				 * address: see ST_CHAIN.) */
				const uint16_t *col = rows + cof[p[i++]];
				SR_OPAQUE(col);
				s = row_entry(col, s);
			} while (s < ST_OUT_FIRST && i < end);
			if (s < ST_OUT_FIRST)
				break;
		} else if (s < ST_CHAIN) {
			/* Something ended here (reported): its row. */
			s = row_entry(rows + cof[p[i++]], s);
		} else {
			/* Inside a chain: as many bytes as match its run at
			 * once, and the step on the byte after them. */
			s = chain_go(p, n, &i, end, s);
		}
		if (ends_here(s)) {
			output(s, sc, p, i - 1, n);
			if (sc->stop)
				return 1;
		}
	}
	*ps = s;
	return 0;
}

/* A whole line (n bytes) from state *ps: scan_part's common case, a
 * function of its own. */
static int scan_line(const unsigned char *p, size_t n, unsigned *ps,
                     struct scan *sc)
{
	return scan_part(p, 0, n, n, ps, sc);
}

/* A reason phrase found at p[i] (its last byte) by scan_u8: what
 * output() does with one, for a phrase the automaton leaves out. */
static void take_u8(unsigned ph, struct scan *sc, const unsigned char *p,
                    size_t i, size_t n)
{
	uint32_t w = sr_ph_word[ph];
	unsigned r = (w >> 16) & 0xff, len = w >> 24, st = (w >> 14) & 3;
	int spec;

	if (r >= SMTPREPLY_REASON_COUNT)
		return;
	spec = spec_of(st, r) && len > sc->spec_len[st];
	if ((len <= sc->best_len[st] && !spec) || held_out(ph, sc->held) ||
	    in_name(sc, p, i, n))
		return;
	if (spec) {
		sc->spec_len[st] = len;
		sc->spec[st] = (int)ph;
	}
	if (len <= sc->best_len[st])
		return;
	sc->best_len[st] = len;
	sc->best[st] = (int)ph;
}

/* Where phrase bytes w[0..m) (lowercase, single spaces) end in line
 * p[from..n): the index of the match's last byte, or n. ASCII letters of
 * the line are folded to lower case and a run of white space in it
 * matches one space of the phrase, as in the automaton. */
static size_t find_u8(const unsigned char *p, size_t n, size_t from,
                      const unsigned char *w, size_t m)
{
	for (size_t i = from; i < n; i++) {
		size_t j = 0, k = i;
		while (j < m && k < n) {
			unsigned char c = p[k];
			if (w[j] == ' ') {
				if (sr_ph_class[c] != SR_PH_SPACE)
					break;
				while (k < n && sr_ph_class[p[k]] == SR_PH_SPACE)
					k++;
				j++;
				continue;
			}
			if (c >= 'A' && c <= 'Z')
				c = (unsigned char)(c + 0x20);
			if (c != w[j])
				break;
			j++;
			k++;
		}
		if (j == m)
			return k - 1;
	}
	return n;
}

/* The byte pairs of a line, ASCII letters folded to lower case, as a set
 * of 4096 bits (a pair's hash a bit). A phrase all of whose pairs of
 * adjacent bytes other than a space are in the set may be in the line;
 * one with a pair missing is not (find_u8 matches such bytes exactly,
 * after the same folding), so it is not looked for. */
#define U8_PAIR(a, b) ((((unsigned)(a) << 4) ^ (unsigned)(b)) & 4095u)

static unsigned char fold_ascii(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 0x20) : c;
}

static int u8_may_match(const uint64_t *pairs, const unsigned char *w,
                        size_t m)
{
	for (size_t j = 0; j + 1 < m; j++) {
		unsigned h;
		if (w[j] == ' ' || w[j + 1] == ' ')
			continue;
		h = U8_PAIR(w[j], w[j + 1]);
		if (!(pairs[h >> 6] >> (h & 63) & 1))
			return 0;
	}
	return 1;
}

/* The phrases with bytes of 0x80 and up (sr_ph_u8: UTF-8 wordings of
 * regional servers, which the automaton leaves out), looked for in each
 * line of a reply whose parse saw such a byte. Every phrase against every
 * line, a phrase within one line; but a line with no byte of 0x80 and up
 * holds none of them, and a phrase with a byte pair the line lacks is
 * passed over (u8_may_match): one pass over the line instead of one a
 * phrase. Run after the automaton's pass, and not when that pass stopped
 * at a later reply; a quote word's clearing of the reporter's words does
 * not apply to them. */
static void scan_u8(const struct smtpreply *reply, struct scan *sc)
{
	struct smtpreply_str text;
	size_t pos = 0;

	for (size_t line = 0;
	     line < reply->nlines && sr_line_text(reply, &pos, &text); line++) {
		const unsigned char *p = (const unsigned char *)text.ptr;
		uint64_t pairs[4096 / 64], hi[2];
		unsigned high = 0;
		memset(pairs, 0, sizeof pairs);
		for (size_t k = 0; k + 1 < text.len; k++) {
			unsigned h = U8_PAIR(fold_ascii(p[k]), fold_ascii(p[k + 1]));
			pairs[h >> 6] |= (uint64_t)1 << (h & 63);
			high |= p[k];
		}
		if (text.len > 0)
			high |= p[text.len - 1];
		if (!(high & 0x80))
			continue;
		/* The line's bytes of 0x80 and up, a bit each: a phrase whose
		 * first such byte (sr_ph_u8_high) the line lacks is passed
		 * over on one test, before its pairs are read (find_u8
		 * matches such bytes exactly). On bench's big corpus the
		 * only such replies have one U+2019, whose three bytes no
		 * CJK, Cyrillic or accented phrase starts with: the pairs'
		 * test cost about 30 instructions a phrase, 383 phrases. */
		memset(hi, 0, sizeof hi);
		for (size_t k = 0; k < text.len; k++)
			if (p[k] & 0x80)
				hi[(p[k] >> 6) & 1] |= (uint64_t)1 << (p[k] & 63);
		for (unsigned j = 0; j < sr_ph_nu8; j++) {
			const unsigned char *w = sr_ph_u8_byte + sr_ph_u8_off[j];
			size_t m = (size_t)(sr_ph_u8_off[j + 1] - sr_ph_u8_off[j]);
			unsigned c = sr_ph_u8_high[j];
			size_t e;
			if (!(hi[(c >> 6) & 1] >> (c & 63) & 1) ||
			    !u8_may_match(pairs, w, m))
				continue;
			e = find_u8(p, text.len, 0, w, m);
			while (e < text.len) {
				take_u8(sr_ph_u8[j], sc, p, e, text.len);
				e = find_u8(p, text.len, e + 1, w, m);
			}
		}
	}
}

/* ---------------------------------------------------------------------
 * Two lanes (issue 13's speed).
 *
 * Each byte's state is one load from the previous byte's state, so on a
 * long reply the pass waits on that chain of loads (a row of the dense
 * table is often not in L1), not on the instructions. A long text is
 * therefore read as two halves at once: lane A from the start, lane B
 * from a split point in the middle, B starting from SR_PH_START (the state
 * after a space, as if nothing came before it); one loop steps both, so
 * the two chains of loads overlap. A's findings go to output() as they
 * come. B's are kept (state and place, a few a reply) until A is done,
 * because output() must see them in the order of the text (a quote word
 * clears what came before it, a later reply code stops the pass, the
 * provider is the first marker).
 *
 * Then the true state at the split (A's last state, stepped over the
 * space between lines if the split is at a line's start) is compared with
 * B's start. Often they are equal: B read exactly what one pass would have.
 * When they differ (a phrase's first words end A: "user" | "unknown"), a
 * pass from the true state and one from SR_PH_START re-read B's first
 * bytes side by side until their states are equal: a state is the longest
 * end of the text read that begins some phrase, so once the true state's
 * bytes all lie after the split, both are the same state and everything
 * after is the same. What ends before that byte is the true pass's; B's
 * findings from it on are kept. If the two never meet in what B read, B
 * goes on from the true state and its findings are dropped.
 *
 * Short texts (most one-line replies) and more lines than fit here are
 * read in one pass, as before; when B finds more than its buffer holds, B
 * is read again from the split after A. The findings are the same either
 * way: tests/test_reason_scan.c checks every split point of every
 * labelled reply against one pass, and tests/data/reason-split.tsv's
 * replies, whose phrases, quote words, reply codes and provider markers
 * meet the split.
 * --------------------------------------------------------------------- */
/* Shorter texts: one pass. 64 until session 8; with the short chains
 * dense (tools/gen_phrases.py) a text leaves the dense loop half as often,
 * and for texts of 64 to 127 bytes the second lane's setting up (the
 * table of lines, the split, the meeting) no longer paid for the overlap:
 * callgrind, op_reason on the big corpus, 156.4 M -> 148.0 M instructions,
 * simulated mispredicts 2.87 M -> 2.70 M; parse + action + reason
 * (per-block minimum, alternated, load 7-9) about 2-3% faster at 96, 128
 * or 192 than at 64, and 40 slower. 192 since session 16: with the rows'
 * later layout (profile order, unscaled loads) one lane's chain of loads
 * is shorter, and texts of 128 to 191 bytes (6,534 of the big corpus's
 * 55,064 failure replies) no longer gain from two: op_reason on the big
 * corpus 158.44 M -> 155.74 M instructions, simulated mispredicts 3.10 M
 * -> 3.01 M; parse + action + reason 0.966-0.975 of 128's time
 * (tools/reason_ab.sh in turn, six runs, load 7-10; 160 0.97-0.98, 224
 * 0.97-0.98, 256 0.97-0.99; docs/benchmarks.md, session 16). */
#define LANE_MIN_TEXT 192
#define LANE_MAX_LINES 16  /* lines of a reply read in two lanes */
#define LANE_MAX_FOUND 48  /* findings of lane B kept */
#define LANE_SEP ((size_t)-1) /* found at the space before a line: the
                                * "byte" before its first */

/* A reply's text lines, with their places in the text read as one:
 * line k's first byte is at base[k], the space before it at base[k] - 1.
 * The lines themselves are struct scan's text (see lines_of): the one
 * table the scan's lanes and classify.c's rules both read. */
struct lines {
	const struct smtpreply_str *text; /* text[0..count) */
	size_t base[LANE_MAX_LINES + 1]; /* base[count]: the text's length + 1 */
	unsigned count;
};
/* lines_of fills up to LANE_MAX_LINES of struct scan's text. */
_Static_assert(LANE_MAX_LINES <= SR_SCAN_LINES, "sc->text holds t's lines");

/* Line k's bytes and length. */
#define LINE_P(t, k) ((const unsigned char *)(t)->text[k].ptr)
#define LINE_N(t, k) ((t)->text[k].len)

/* One lane: bytes p[i..end) of line `line` (n bytes) are next; its last
 * line is `last`, which it reads up to last_end. */
struct lane {
	const unsigned char *p;
	size_t i, end, n, last_end;
	unsigned s, line, last;
};

/* Lane B's findings: state, line, byte (LANE_SEP: the space before the
 * line). */
struct found {
	unsigned count;
	uint16_t s[LANE_MAX_FOUND];
	uint8_t line[LANE_MAX_FOUND];
	uint32_t i[LANE_MAX_FOUND];
};

/* What ends in state s at byte i of the lane's line: to output() (lane A,
 * f NULL) or kept (lane B). Nonzero: stop (sc->stop) or B's buffer is
 * full. */
static inline int lane_found(const struct lane *l, unsigned s, size_t i,
                             struct scan *sc, struct found *f)
{
	if (f == NULL) {
		if (i == LANE_SEP)
			output(s, sc, NULL, 0, 0);
		else
			output(s, sc, l->p, i, l->n);
		return sc->stop;
	}
	if (f->count == LANE_MAX_FOUND)
		return 1;
	f->s[f->count] = (uint16_t)s;
	f->line[f->count] = (uint8_t)l->line;
	f->i[f->count] = i == LANE_SEP ? UINT32_MAX : (uint32_t)i;
	f->count++;
	return 0;
}

/* In the two lanes' loop a state's finding is reported when the lane
 * leaves the state (one test a step: see scan_two), at the byte that led
 * to it, l->i - 1 (LANE_SEP at a line's start: the space before it). */
static inline int lane_flush(const struct lane *l, struct scan *sc,
                             struct found *f)
{
	return ends_here(l->s) && lane_found(l, l->s, l->i - 1, sc, f);
}

/* At the end of a line's part: over the space between lines to the next
 * line (its state to be reported when left). 0: moved on; 1: the lane's
 * last line is read (its last state reported); -1: stop or full. */
static inline int lane_next_line(struct lane *l, const struct lines *t,
                                 struct scan *sc, struct found *f)
{
	if (lane_flush(l, sc, f))
		return -1;
	if (l->line == l->last)
		return 1;
	/* The separator: a space (nothing when the line before ended in
	 * white space: the state keeps still). */
	l->s = step_space(l->s);
	l->line++;
	l->p = LINE_P(t, l->line);
	l->n = LINE_N(t, l->line);
	l->i = 0;
	l->end = l->line == l->last ? l->last_end : l->n;
	return 0;
}

/* One step of a lane in line p (n bytes) at p[*pi], *pi < end: a byte
 * from a dense state, or from a chain state as many bytes as match its
 * run (scan_line's two cases). The new state; *pi moved on. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((always_inline))
#endif
static inline unsigned lane_step(const unsigned char *p, size_t *pi,
                                 size_t end, size_t n, unsigned s)
{
	size_t i = *pi;

	if (SR_LIKELY(s < ST_CHAIN)) {
		const uint16_t *col = sr_ph_rows + sr_ph_col[p[i]];
		SR_OPAQUE(col);
		*pi = i + 1;
		return row_entry(col, s);
	}
	return chain_go(p, n, pi, end, s);
}

/* The rest of a lane, alone, findings to output() as scan_part reports
 * them (when a state is entered: the lane's state is reported already).
 * 1: stop. */
static int lane_rest(struct lane *l, const struct lines *t, struct scan *sc)
{
	for (;;) {
		if (scan_part(l->p, l->i, l->end, l->n, &l->s, sc))
			return 1;
		if (l->line == l->last)
			return 0;
		l->s = step_space(l->s);
		if (ends_here(l->s)) {
			output(l->s, sc, NULL, 0, 0);
			if (sc->stop)
				return 1;
		}
		l->line++;
		l->p = LINE_P(t, l->line);
		l->n = LINE_N(t, l->line);
		l->i = 0;
		l->end = l->line == l->last ? l->last_end : l->n;
	}
}

/* Whether p[a] (0 < a) begins a word: white space before it, none in it. */
static inline int word_start(const unsigned char *p, size_t a)
{
	return sr_ph_class[p[a - 1]] == SR_PH_SPACE &&
	       sr_ph_class[p[a]] != SR_PH_SPACE;
}

/* Where lane B starts: (line, byte) into *line, *at; 0 when the text is
 * better read in one pass. The line start nearest the middle of the text
 * if it is within 16 bytes of it, else the start of a word near the
 * middle (the first after it, within 32 bytes, or the last before it),
 * else that line start; each lane gets a quarter of the text at least. */
static int lane_split(const struct lines *t, unsigned *line, size_t *at)
{
	size_t len = t->base[t->count] - 1, mid = len / 2, best = (size_t)-1;
	unsigned k = 0;

	*line = 0;
	*at = 0;
	/* The line the middle is in; the nearest line start (not the
	 * text's) is its start or the next line's, the first if both are as
	 * near (line starts only grow). */
	while (k + 1 < t->count && t->base[k + 1] <= mid)
		k++;
	if (k > 0) {
		best = mid - t->base[k];
		*line = k;
	}
	if (k + 1 < t->count && t->base[k + 1] - mid < best) {
		best = t->base[k + 1] - mid;
		*line = k + 1;
	}
	if (best > 16 && mid > t->base[k] && mid < t->base[k] + LINE_N(t, k)) {
		const unsigned char *p = LINE_P(t, k);
		size_t n = LINE_N(t, k), o = mid - t->base[k], a = o;
		size_t stop = n - o > 32 ? o + 32 : n;
		while (a < stop && !word_start(p, a))
			a++;
		if (a == stop) {
			for (a = o - 1; a > 0 && o - a < 32 && !word_start(p, a);
			     a--)
				;
		}
		if (a > 0 && a < n && word_start(p, a) &&
		    (a > o ? a - o : o - a) < best) {
			*line = k;
			*at = a;
			best = a > o ? a - o : o - a;
		}
	}
	return best <= len / 4;
}

/* Lines t through the automaton in two lanes, split at line j, byte o.
 * 2 when B's findings overflowed its buffer (B was read again from the
 * split), else 1. (Not inline: the short replies' path stays small.) */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int scan_two(const struct lines *t, unsigned j, size_t o,
                    struct scan *sc)
{
	const uint32_t *cof = sr_ph_col;
	const uint16_t *rows = sr_ph_rows;
	struct lane a, b, b0;
	struct found f;
	int ra = 0, rb = 0, again = 0;

	a.s = SR_PH_START;
	a.line = 0;
	a.p = LINE_P(t, 0);
	a.n = LINE_N(t, 0);
	a.i = 0;
	a.last = o > 0 ? j : j - 1;
	a.last_end = o > 0 ? o : LINE_N(t, j - 1);
	a.end = a.last == 0 ? a.last_end : a.n;
	b.s = SR_PH_START;
	b.line = j;
	b.p = LINE_P(t, j);
	b.n = LINE_N(t, j);
	b.i = o;
	b.last = t->count - 1;
	b.last_end = LINE_N(t, t->count - 1);
	b.end = b.n;
	b0 = b;
	f.count = 0;

	/* Both lanes, while both have bytes of their line: one step of each
	 * a round (a byte, or a chain's run), so that neither waits on the
	 * other's chain of loads. A state where something ends is reported
	 * as the lane leaves it, so that a step of the commonest kind (from a
	 * dense state where nothing ends) costs one test. */
	for (;;) {
		const unsigned char *pa, *pb;
		size_t ia, ib, ea, eb;
		unsigned sa, sb;

		if (a.i == a.end) {
			ra = lane_next_line(&a, t, sc, NULL);
			if (ra != 0)
				break;
			continue;
		}
		if (b.i == b.end) {
			rb = lane_next_line(&b, t, sc, &f);
			if (rb != 0)
				break;
			continue;
		}
		pa = a.p;
		pb = b.p;
		ia = a.i;
		ib = b.i;
		ea = a.end;
		eb = b.end;
		sa = a.s;
		sb = b.s;
		do {
			if (SR_LIKELY(sa < ST_OUT_FIRST)) {
				const uint16_t *col = rows + cof[pa[ia++]];
				SR_OPAQUE(col);
				sa = row_entry(col, sa);
			} else {
				if (sa < ST_CHAIN &&
				    lane_found(&a, sa, ia - 1, sc, NULL)) {
					ra = -1;
					break;
				}
				sa = lane_step(pa, &ia, ea, a.n, sa);
			}
			if (SR_LIKELY(sb < ST_OUT_FIRST)) {
				const uint16_t *col = rows + cof[pb[ib++]];
				SR_OPAQUE(col);
				sb = row_entry(col, sb);
			} else {
				if (sb < ST_CHAIN &&
				    lane_found(&b, sb, ib - 1, sc, &f)) {
					rb = -1;
					break;
				}
				sb = lane_step(pb, &ib, eb, b.n, sb);
			}
		} while (ia < ea && ib < eb);
		a.i = ia;
		b.i = ib;
		a.s = sa;
		b.s = sb;
		if (ra != 0 || rb != 0)
			break;
	}
	/* The lane still going has its last state to report. */
	if (ra == 0 && rb > 0 && lane_flush(&a, sc, NULL))
		ra = -1;
	if (rb == 0 && ra > 0 && lane_flush(&b, sc, &f))
		rb = -1;
	if (ra < 0)
		return 1; /* the pass stops (sc->stop) in A */
	if (rb < 0) {
		/* B's buffer is full: B is read again from the split. A's
		 * state was entered but not left, so not reported (the lanes
		 * report a state as they leave it, lane_rest as it enters
		 * one): reported here, as at the end above. Without it a
		 * phrase ending where B filled up was lost
		 * (tests/data/reason-split.tsv's row of 60 'user unknown'
		 * after 'mailbox is full'). */
		if (ra == 0 && lane_flush(&a, sc, NULL))
			return 1;
		again = 1;
		b = b0;
		f.count = 0;
		rb = 0;
	}
	if (ra == 0 && lane_rest(&a, t, sc))
		return 1;

	/* A is read: the true state at the split, against B's start. */
	{
		unsigned ts = a.s, ss = SR_PH_START, line = j;
		size_t i = o, cut = t->base[j] + o, reach;
		int met;

		if (o == 0) {
			ts = step_space(ts);
			if (ends_here(ts)) {
				output(ts, sc, NULL, 0, 0);
				if (sc->stop)
					return 1;
			}
		}
		/* Where B is: what it read ends there. */
		reach = rb > 0 ? t->base[t->count] - 1 : t->base[b.line] + b.i;
		met = ts == ss;
		while (!met && t->base[line] + i < reach) {
			const unsigned char *p = LINE_P(t, line);
			size_t n = LINE_N(t, line), base = t->base[line], from = i;
			/* The line's bytes that B read, side by side. */
			size_t lim = reach - base < n ? reach - base : n;
			if (i == n) {
				/* The space before the next line. */
				ts = step_space(ts);
				ss = step_space(ss);
				cut = base + n;
				line++;
				i = 0;
				met = ts == ss;
				if (!met && ends_here(ts)) {
					output(ts, sc, NULL, 0, 0);
					if (sc->stop)
						return 1;
				}
				continue;
			}
			while (i < lim) {
				ts = step_byte(ts, p[i]);
				ss = step_byte(ss, p[i]);
				i++;
				if (ts == ss) {
					met = 1;
					break;
				}
				if (ends_here(ts)) {
					output(ts, sc, p, i - 1, n);
					if (sc->stop)
						return 1;
				}
			}
			if (i > from)
				cut = base + i - 1; /* the last byte read */
		}
		if (!met) {
			/* B's findings are all before the meeting point that
			 * was not reached: B goes on from the true state. */
			f.count = 0;
			b.s = ts;
		}
		for (unsigned e = 0; e < f.count; e++) {
			unsigned fl = f.line[e];
			size_t at = f.i[e] == UINT32_MAX ? t->base[fl] - 1
			                                 : t->base[fl] + f.i[e];
			if (at < cut)
				continue;
			if (f.i[e] == UINT32_MAX)
				output(f.s[e], sc, NULL, 0, 0);
			else
				output(f.s[e], sc, LINE_P(t, fl), f.i[e], LINE_N(t, fl));
			if (sc->stop)
				return 1;
		}
	}
	if (rb == 0)
		lane_rest(&b, t, sc);
	return 1 + again;
}

/* The text lines of a reply into text[0..LANE_MAX_LINES), t's table of
 * them; t->count 0 when there are more than it holds. (sr_line_texts: a
 * parsed reply's first and last line are at hand, only the lines between
 * are looked for.) */
static void lines_of(const struct smtpreply *reply,
                     struct smtpreply_str *text, struct lines *t)
{
	unsigned count = (unsigned)sr_line_texts(reply, text, LANE_MAX_LINES);

	t->text = text;
	t->base[0] = 0;
	for (unsigned k = 0; k < count; k++)
		t->base[k + 1] = t->base[k] + text[k].len + 1;
	t->count = count;
}

/* The lines for classify.c's rules too: t's lines are sc->text already
 * (scan_lines builds them there), kept when t holds them all. A walk
 * that ended before reply->nlines lines ended at the reply's last byte:
 * text_pos says so. */
static void keep_lines(const struct smtpreply *reply, const struct lines *t,
                       struct scan *sc)
{
	if (t->count == 0)
		return;
	sc->ntext = t->count;
	sc->text_pos = reply->raw.len;
}

/* The text of a reply that scan_ascii's short path does not take: in
 * two lanes when it is long enough, else in one pass. (Not inline: the
 * short path stays small.) */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int scan_lines(const struct smtpreply *reply, struct scan *sc,
                      long split_line, size_t split_at)
{
	struct smtpreply_str text;
	struct lines t;
	size_t pos = 0, line, at = 0;
	unsigned j = LANE_MAX_LINES; /* the split's line; this: none */
	/* The text starts as if after a space, so a code word can open it. */
	unsigned s = SR_PH_START;

	lines_of(reply, sc->text, &t);
	keep_lines(reply, &t, sc);
	if (split_line == SR_SCAN_AUTO) {
		if (t.count == 0 || t.base[t.count] - 1 < LANE_MIN_TEXT ||
		    !lane_split(&t, &j, &at))
			j = LANE_MAX_LINES; /* one pass */
	} else if (split_line >= 0 && split_line < LANE_MAX_LINES) {
		/* A split the tests chose (sr_scan_text_split). */
		j = (unsigned)split_line;
		at = split_at;
	}
	/* Lane A needs a byte at least (a line before line j, or bytes of
	 * it), lane B a place in the text. */
	if (j < t.count && at <= LINE_N(&t, j) && (j > 0 || at > 0))
		return scan_two(&t, j, at, sc);
	pos = 0;
	for (line = 0; line < reply->nlines; line++) {
		const unsigned char *p;
		size_t n;
		if (t.count > 0) {
			/* The lines at hand. */
			if (line == t.count)
				break;
			p = LINE_P(&t, line);
			n = LINE_N(&t, line);
		} else {
			if (!sr_line_text(reply, &pos, &text))
				break;
			p = (const unsigned char *)text.ptr;
			n = text.len;
		}
		if (line > 0) {
			/* The separator between lines: a space (nothing when
			 * the line before ended in white space: the state
			 * keeps still). */
			s = step_space(s);
			if (ends_here(s)) {
				output(s, sc, NULL, 0, 0);
				if (sc->stop)
					return 0;
			}
		}
		if (scan_line(p, n, &s, sc))
			return 0;
	}
	/* A code word at the very end ("... 550") has no space after it. */
	return 0;
}

/* What the pass starts from. */
SR_HOT_INLINE void scan_init(struct scan *sc)
{
	clear_phrases(sc);
	sc->provider = -1;
	sc->quote = 0;
	sc->code = 0;
	sc->qat = NULL;
	sc->qcont = 0; /* (qline is read only when qcont is set: set with it) */
	sc->told = 0;
	sc->enh.klass = sc->enh.subject = sc->enh.detail = 0;
	sc->cmd = -1;
	sc->stop = 0;
	sc->sender = 0;
	sc->signs = 0;
	sc->line = NULL;
	sc->at = NULL;
	sc->ntext = 0;
}

/* The automaton's pass over the lines (sr_scan_text). 1 when it read
 * them in two lanes. */
static int scan_ascii(const struct smtpreply *reply, struct scan *sc)
{
	/* The text starts as if after a space, so a code word can open it. */
	unsigned s = SR_PH_START;

	scan_init(sc);
	if (reply->nlines == 1 && reply->first_line.ptr != NULL &&
	    reply->first_line.len < LANE_MIN_TEXT) {
		/* One short line (most replies): its text is at hand. */
		scan_line((const unsigned char *)reply->first_line.ptr,
		          reply->first_line.len, &s, sc);
		return 0;
	}
	return scan_lines(reply, sc, SR_SCAN_AUTO, 0);
}

int sr_scan_text_split(const struct smtpreply *reply, struct scan *sc,
                       long line, size_t at)
{
	int two = 0;

	if (line == SR_SCAN_AUTO) {
		two = scan_ascii(reply, sc);
	} else {
		scan_init(sc);
		two = scan_lines(reply, sc, line, at);
	}
	if ((reply->flags & SMTPREPLY_F_EIGHT_BIT) != 0 && sr_ph_nu8 > 0 &&
	    !sc->stop)
		scan_u8(reply, sc);
	return two;
}

int sr_scan_split_point(const struct smtpreply *reply, long *line,
                        size_t *at)
{
	struct smtpreply_str text[LANE_MAX_LINES];
	struct lines t;
	unsigned j;

	*line = SR_SCAN_ONE_PASS;
	*at = 0;
	if (reply->nlines == 1 && reply->first_line.ptr != NULL &&
	    reply->first_line.len < LANE_MIN_TEXT)
		return 0;
	lines_of(reply, text, &t);
	if (t.count == 0 || t.base[t.count] - 1 < LANE_MIN_TEXT ||
	    !lane_split(&t, &j, at))
		return 0;
	*line = (long)j;
	return 1;
}

/* Lines joined by one space, white-space runs read as one space (by the
 * automaton: see chain_step), ASCII case folded (by the class table).
 * Longest phrase of each strength wins; the provider is the first marker
 * in the text. */
void sr_scan_text(const struct smtpreply *reply, struct scan *sc)
{
	(void)scan_ascii(reply, sc);
	if ((reply->flags & SMTPREPLY_F_EIGHT_BIT) != 0 && sr_ph_nu8 > 0 &&
	    !sc->stop)
		scan_u8(reply, sc);
}
