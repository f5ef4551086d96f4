/* internal.h - what the library's source files share and nobody else sees.
 *
 * Each src/ file has one job: parse.c (the reply grammar, one-shot and
 * streaming), fastpath.c (its fast path for whole clean replies, in AVX2,
 * SSE2 and portable builds chosen at run time), lines.c (line views),
 * explain.c (table lookups over the generated table.c), command.c (command
 * names), classify.c (action, reason, provider), reason_scan.c (its one
 * pass over the text through the phrase automaton), format.c (log lines),
 * ehlo.c (capabilities, queue ids), names.c (version, result and flag
 * names). */
#ifndef SMTPREPLY_INTERNAL_H
#define SMTPREPLY_INTERNAL_H

#include "smtpreply.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* For the few small functions on the parser's hot path: clang at -O2 does
 * not inline them by itself (about 20% more instructions a reply). */
#if defined(__GNUC__) || defined(__clang__)
#define SR_HOT_INLINE static inline __attribute__((always_inline))
#else
#define SR_HOT_INLINE static inline
#endif

/* ASCII only: the library never depends on the C locale. */
static inline int sr_lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

static inline int sr_is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* One physical line of a reply: [start, content_end) is its content without
 * the line end; next is where the following line starts. */
struct sr_line {
	size_t start;
	size_t content_end;
	size_t next;
	int crlf; /* the line ended in CR LF (else LF alone) */
};

/* The code a line starts with, if the line is a coded line: three digits,
 * the first 1..5, then '-', SP or the end of the content. Returns the code
 * and sets *final (no '-') and *text (offset of the text), else -1. */
static inline int sr_line_code(const char *p, size_t n, int *final,
                               size_t *text)
{
	if (n < 3 || p[0] < '1' || p[0] > '5' || !sr_is_digit(p[1]) ||
	    !sr_is_digit(p[2]))
		return -1;
	if (n == 3) {
		*final = 1;
		*text = 3;
	} else if (p[3] == ' ' || p[3] == '-') {
		*final = p[3] == ' ';
		*text = 4;
	} else {
		return -1;
	}
	return (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
}

/* One to three digits at p[*i..n) that no fourth digit follows: their
 * value, with *i moved past them; -1 when the text is not so. Unrolled,
 * with (unsigned)(c - '0') <= 9 as the digit test, because the parser runs
 * this for nearly every line. */
SR_HOT_INLINE int sr_enh_part(const unsigned char *p, size_t *i, size_t n)
{
	size_t k = *i;
	unsigned v, d;

	if (k >= n || (v = (unsigned)(p[k] - '0')) > 9)
		return -1;
	if (++k < n && (d = (unsigned)(p[k] - '0')) <= 9) {
		v = v * 10 + d;
		if (++k < n && (d = (unsigned)(p[k] - '0')) <= 9) {
			v = v * 10 + d;
			if (++k < n && (unsigned)(p[k] - '0') <= 9)
				return -1;
		}
	}
	*i = k;
	return (int)v;
}

/* An enhanced status code at the start of text: C.S.D with C one digit and
 * S, D one to three digits, then SP or the end. Returns the bytes it takes
 * (including the SP), 0 if the text does not start with one.
 * Inline: the parser calls it for the text of nearly every line, and most
 * text is turned down at its first two bytes. */
SR_HOT_INLINE size_t sr_enhanced_at(const char *text, size_t n,
                                    struct smtpreply_enhanced *e)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t i = 2;
	int subject, detail;

	if (n < 5 || (unsigned)(p[0] - '0') > 9 || p[1] != '.')
		return 0;
	if ((subject = sr_enh_part(p, &i, n)) < 0 || i >= n || p[i] != '.')
		return 0;
	i++;
	if ((detail = sr_enh_part(p, &i, n)) < 0 || (i < n && p[i] != ' '))
		return 0;
	e->klass = p[0] - '0';
	e->subject = subject;
	e->detail = detail;
	return i < n ? i + 1 : i;
}

/* The text of the line at offset *pos of reply->raw, with a repeated
 * enhanced code removed; advances *pos. Returns 0 past the last line. */
int sr_line_text(const struct smtpreply *reply, size_t *pos,
                 struct smtpreply_str *text);

/* sr_line_text itself, inline for the walks that run on every reply
 * (the phrase scan's, reason_scan.c): the call and its saving of
 * registers were a third of a line's cost. */
SR_HOT_INLINE int sr_line_text_inline(const struct smtpreply *reply,
                                      size_t *pos, struct smtpreply_str *text)
{
	const char *raw = reply->raw.ptr;
	size_t n = reply->raw.len;
	size_t start = *pos, end, off, len;
	const char *lf, *line;
	int code, final;

	if (raw == NULL || start >= n)
		return 0;
	lf = memchr(raw + start, '\n', n - start);
	end = lf ? (size_t)(lf - raw) : n;
	*pos = lf ? end + 1 : n;
	if (end > start && raw[end - 1] == '\r')
		end--;
	line = raw + start;
	len = end - start;
	code = sr_line_code(line, len, &final, &off);
	if (code < 0) {
		/* A code-less line is text as a whole. */
		text->ptr = line;
		text->len = len;
		return 1;
	}
	line += off;
	len -= off;
	if (code == reply->code && reply->enhanced.klass != 0) {
		struct smtpreply_enhanced e;
		size_t taken = sr_enhanced_at(line, len, &e);
		if (taken && e.klass == reply->enhanced.klass &&
		    e.subject == reply->enhanced.subject &&
		    e.detail == reply->enhanced.detail) {
			line += taken;
			len -= taken;
		}
	}
	text->ptr = line;
	text->len = len;
	return 1;
}

/* What a parsed reply's lines between its first and last repeat: the
 * first line's code and separator, and the enhanced code stripped from its
 * text (pre bytes of raw in all; at most 12: "550-5.7.1 ", "451-4.7.650 ").
 * sr_prefix_of takes it only where sr_line_text would read any line that
 * starts with those bytes as it reads the first: the digits are the
 * reply's code, and the stripped bytes (if any) are the reply's enhanced
 * code and its space, or the reply has no enhanced code at all (nothing to
 * strip). Else pre is 0 and every line is read by sr_line_text. */
struct sr_prefix {
	size_t pre;
	uint64_t word, mask; /* raw[4..pre) and its bytes, in memory order */
};

SR_HOT_INLINE void sr_prefix_of(const struct smtpreply *reply, size_t pre,
                                struct sr_prefix *pf)
{
	static const unsigned char ones[16] = {255, 255, 255, 255, 255, 255,
	                                       255, 255, 0, 0, 0, 0, 0, 0, 0, 0};
	const char *raw = reply->raw.ptr;
	struct smtpreply_enhanced e = {0, 0, 0};
	int final;
	size_t at;

	/* word and mask too: gcc 12 warns (maybe-uninitialized) where
	 * lines_of writes into struct scan, though pre 0 stops their use. */
	pf->pre = 0;
	pf->word = pf->mask = 0;
	/* 8 bytes are loaded from raw + 4 here, from a line's start + 4
	 * below: the reply must be long enough for that. */
	if (pre < 4 || pre > 12 || reply->raw.len < 12 || raw[3] != '-' ||
	    sr_line_code(raw, 4, &final, &at) != reply->code)
		return;
	if (pre == 4 ? reply->enhanced.klass != 0
	             : (raw[pre - 1] != ' ' ||
	                sr_enhanced_at(raw + 4, pre - 4, &e) != pre - 4 ||
	                e.klass != reply->enhanced.klass ||
	                e.subject != reply->enhanced.subject ||
	                e.detail != reply->enhanced.detail))
		return;
	memcpy(&pf->mask, ones + 8 - (pre - 4), 8);
	memcpy(&pf->word, raw + 4, 8);
	pf->word &= pf->mask;
	pf->pre = pre;
}

/* The line at *pos, when it starts with the prefix: its text is after it,
 * as sr_line_text would give it (the prefix holds no CR or LF, so the
 * line's end is the first LF after it); *pos moves to the next line.
 * 0 (nothing moved) for any other line. */
SR_HOT_INLINE int sr_prefixed_line(const struct smtpreply *reply,
                                   const struct sr_prefix *pf, size_t *pos,
                                   struct smtpreply_str *text)
{
	const char *raw = reply->raw.ptr, *lf;
	size_t n = reply->raw.len, at = *pos, start, end;
	uint64_t w;

	if (pf->pre == 0 || n < 12 || at > n - 12 || raw[at] != raw[0] ||
	    raw[at + 1] != raw[1] || raw[at + 2] != raw[2] ||
	    (raw[at + 3] != '-' && raw[at + 3] != ' '))
		return 0;
	memcpy(&w, raw + at + 4, 8);
	if ((w & pf->mask) != pf->word)
		return 0;
	start = at + pf->pre;
	lf = memchr(raw + start, '\n', n - start);
	if (lf == NULL)
		return 0;
	end = (size_t)(lf - raw);
	*pos = end + 1;
	if (end > start && raw[end - 1] == '\r')
		end--;
	text->ptr = raw + start;
	text->len = end - start;
	return 1;
}

/* The texts of all the reply's lines, as sr_line_text gives them in turn
 * from the start, into text[0..max): their count; 0 when the reply has
 * more than max lines (its reader then walks them with sr_line_text).
 * A parsed reply's first and last line are at hand (first_line and
 * last_line, which tests/run_cases.c holds equal to the walk's for every
 * parser case), so only the lines between them are looked for: a two-line
 * reply's are not read at all, the first line's end is the byte or two
 * after its text. Only where first_line and last_line lie in raw, in that
 * order, and the lines between end before the last line's text; else (a
 * struct filled by hand) the plain walk. */
SR_HOT_INLINE size_t sr_line_texts(const struct smtpreply *reply,
                                   struct smtpreply_str *restrict text,
                                   size_t max)
{
	const char *raw = reply->raw.ptr;
	const char *first = reply->first_line.ptr, *last = reply->last_line.ptr;
	size_t nlines = reply->nlines, count = 0, pos = 0;

	if (nlines == 1 && first != NULL) {
		text[0] = reply->first_line;
		return 1;
	}
	if (nlines > max)
		return 0;
	if (nlines >= 2 && raw != NULL && first != NULL && last != NULL &&
	    first >= raw && last >= first &&
	    reply->last_line.len <= reply->raw.len &&
	    (size_t)(last - raw) <= reply->raw.len - reply->last_line.len &&
	    reply->first_line.len <= (size_t)(last - first)) {
		/* Offsets in raw: the first line's text ends at fe, the last
		 * line's starts at ls, fe <= ls (tested just above). */
		size_t fe = (size_t)(first - raw) + reply->first_line.len;
		size_t ls = (size_t)(last - raw);
		/* The first line ends at the first LF after its text: its
		 * text holds none, and it is followed by CR LF or LF when the
		 * parser took it. */
		if (fe < ls && raw[fe] == '\n') {
			pos = fe + 1;
		} else if (ls - fe >= 2 && raw[fe] == '\r' && raw[fe + 1] == '\n') {
			pos = fe + 2;
		} else {
			const char *lf = fe < ls ? memchr(raw + fe, '\n', ls - fe)
			                          : NULL;
			if (lf == NULL)
				goto walk;
			pos = (size_t)(lf - raw) + 1;
		}
		if (nlines > 2) {
			struct sr_prefix pf;
			sr_prefix_of(reply, (size_t)(first - raw), &pf);
			for (count = 1; count < nlines - 1; count++)
				if (!sr_prefixed_line(reply, &pf, &pos,
				                      &text[count]) &&
				    !sr_line_text_inline(reply, &pos, &text[count]))
					goto walk;
				else if (pos > ls)
					goto walk;
		}
		text[0] = reply->first_line;
		text[nlines - 1] = reply->last_line;
		return nlines;
	}
walk:
	count = 0;
	pos = 0;
	while (count < nlines && sr_line_text_inline(reply, &pos, &text[count]))
		count++;
	return count;
}

/* Direct calls to exported functions from the library's other files
 * (extract.c, bounce.c), not through the PLT: parse.c, command.c. */
int sr_parse(const char *buf, size_t len, const struct smtpreply_options *opts,
             struct smtpreply *reply);
void sr_options_init(struct smtpreply_options *opts);
enum smtpreply_command sr_command_parse(const char *name);
/* smtpreply_diagnose (held NULL), for found.c; classify.c. */
int sr_diagnose_held_out(const struct smtpreply *reply,
                         enum smtpreply_command cmd, const char *held,
                         struct smtpreply_diagnosis *out);

#endif
