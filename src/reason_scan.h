/* reason_scan.h - the one pass over a reply's text through the phrase
 * automaton (reason_scan.c), as classify.c's rules see its findings.
 *
 * The scan is apart from the rules in classify.c so that work on the
 * matcher and work on the rules touch different files. */
#ifndef SMTPREPLY_REASON_SCAN_H
#define SMTPREPLY_REASON_SCAN_H

#include "internal.h"

/* ---------------------------------------------------------------------
 * The one pass over the text.
 *
 * Besides the reason phrases, the automaton knows three kinds of words
 * (src/phrases.h): a reporting server's words before a quoted reply
 * ("said:", "Remote host said:"), words naming the command a quoted reply
 * answered ("in reply to RCPT TO command"), and reply codes standing as a
 * word of their own (" 550 ", " 550-"). A quote word discards what was
 * read before it (the reporter's own sentence) and makes the next code
 * word the quoted reply's code, its enhanced code read from the bytes
 * right after it. A code word met after a reason was found is the next
 * reply of the session ("... User unknown 503 need RCPT command"): the
 * pass stops there, so a later reply never overrides the first.
 * --------------------------------------------------------------------- */
enum { SR_SCAN_LINES = 16 };

struct scan {
	int best[3];                /* best phrase of each strength (0 hint,
	                             * 1 weak, 2 strong), -1 none */
	unsigned best_len[3];
	int spec[2];                /* best hint (of the message's content)
	                             * and best weak phrase of a reason other
	                             * than POLICY, -1 none */
	unsigned spec_len[2];
	int tag;                    /* longest provider code seen (a phrase
	                             * of kind SR_PH_PROVIDER), -1 none */
	unsigned tag_len;
	int provider;               /* first provider marker seen, -1 none */
	int quote;                  /* 1: a quote word seen, its code not
	                             * yet; 2: inside the quoted reply */
	int code;                   /* the quoted reply's code, 0 none */
	const char *qat;            /* its first digit when the code word
	                             * ended inside a line, else NULL */
	int qcont;                  /* the quoted reply's last code word was
	                             * "NNN-": its next line may follow,
	                             * joined on the same line */
	int told;                   /* the reporter's words before the last
	                             * quote word had a phrase or a provider
	                             * code of their own */
	struct smtpreply_enhanced enh; /* ... and its enhanced code */
	int cmd;                    /* the command a reporter named, -1 */
	int stop;                   /* the next reply begins: stop reading */
	uint32_t signs;             /* bit k: a phrase of kind SR_PH_SIGN + k
	                             * was seen (never held out: a rule's
	                             * prefilter, SR_SIGN_* of phrases_shape.h) */
	int sender;                 /* words say a check of the sender's
	                             * address failed (SR_PH_SENDER) */
	const char *held;           /* evaluation only: phrases learned from
	                             * this source alone are ignored */
	const unsigned char *line;  /* the line whose first '@' is at: */
	const unsigned char *at;    /* NULL when it has none */
	/* The lines of a reply the pass read through its table of lines
	 * (struct lines: most multi-line replies), so that classify.c's
	 * rules, which read words of the lines again, do not look for their
	 * ends again: ntext lines (all of the reply's, or 0 when not kept:
	 * a one-line reply, whose first_line is at hand, or one of more
	 * than SR_SCAN_LINES), and text_pos, sr_line_text's position after
	 * the last (the reply's end). */
	struct smtpreply_str text[SR_SCAN_LINES];
	size_t ntext;
	size_t text_pos;
	/* When qcont is set: the byte after the quoted reply's last "NNN-"
	 * (its line's text), NULL when not known; set with qcont, read only
	 * when it is set. (Last: a field among the others moved judge_at's
	 * offsets and cost 150 k instructions on bench's big corpus.) */
	const unsigned char *qline;
};

static inline void clear_phrases(struct scan *sc)
{
	for (int k = 0; k < 3; k++) {
		sc->best[k] = -1;
		sc->best_len[k] = 0;
	}
	sc->spec[0] = sc->spec[1] = -1;
	sc->spec_len[0] = sc->spec_len[1] = 0;
	sc->tag = -1;
	sc->tag_len = 0;
}

/* The pass: fills sc (all but sc->held, which the caller sets: NULL,
 * or the source held out by the evaluation). reply->raw.ptr != NULL. */
void sr_scan_text(const struct smtpreply *reply, struct scan *sc);

/* Whether the word p[s..e) of a line of n bytes (letters and digits, no
 * letter or digit on either side) is a whole label of a dotted host name
 * ending in a top-level domain, or a whole part of one between '-': the
 * scan's rule for a label word ("relay" in "relay.example.org", "quota"
 * in "smtp-quota.example.net"), which classify.c's word lists follow
 * (names_word). 0 when a letter or digit is next to it. */
int sr_host_label(const unsigned char *p, size_t s, size_t e, size_t n);

/* Tests only (tests/test_reason_scan.c): the pass with the text read in
 * two lanes split at line `line` (0-based, of the text lines), byte `at`
 * (any byte: line 0 needs at > 0), or in one pass when line is
 * SR_SCAN_ONE_PASS (the reference), or as sr_scan_text splits it when it
 * is SR_SCAN_AUTO. Returns 0 for one pass, 1 when two lanes read the
 * text, 2 when the second lane found more than it keeps and was read
 * again from the split. Fills sc as sr_scan_text does (sc->held set by
 * the caller). sr_scan_split_point: where sr_scan_text splits the text
 * (1), or that it reads it in one pass (0). */
#define SR_SCAN_ONE_PASS (-1L)
#define SR_SCAN_AUTO (-2L)
int sr_scan_text_split(const struct smtpreply *reply, struct scan *sc,
                       long line, size_t at);
int sr_scan_split_point(const struct smtpreply *reply, long *line,
                        size_t *at);

#endif
