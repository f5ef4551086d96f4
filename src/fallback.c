/* fallback.c - the general reader of a bounce's text, for bounces that no
 * known format explains (bounce.c runs it last, and only on a message
 * whose header says it is a bounce).
 *
 * Instead of one matcher per MTA, it reads what most bounces written for
 * people share: a sentence saying that delivery failed ("could not be
 * delivered to the following recipients:", "The following addresses
 * failed:", "did not reach the following recipient(s):"), the failed
 * addresses on lines of their own (bare, in <>, after a short label,
 * after "> " or "* "), and the reason next to each address: the rest of
 * its line after a separator (": 550 unknown user", "... unknown host"),
 * or the lines below it up to a blank line ("Reason: ...", an indented
 * reply). Only the bounce's own explanation is read: it ends where the
 * returned message starts (a "Received:" or "Return-Path:" line, or a
 * line that announces the copy of the message). Every record says it came
 * from here (SMTPREPLY_SOURCE_FALLBACK): its pairing of address and
 * reason is a reading of layout, not of a documented format.
 *
 * Also here: the text of an HTML-only bounce (tags dropped, entities
 * decoded), which bounce.c then reads as any text. */
#include "extract.h"

#include <string.h>

static int lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int blank(char c)
{
	return c == ' ' || c == '\t';
}

static int alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* RFC 5322 atext, and '.' between atoms. */
static int local_char(char c)
{
	return alnum(c) || (c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~.", c));
}

static int domain_char(char c)
{
	return alnum(c) || c == '-' || c == '.';
}

/* The address around the '@' at l[at]: [*s, *e). A domain needs a dot
 * and may not end in one (a sentence's full stop is not part of it). */
static int address_at(const char *l, size_t n, size_t at, size_t *s,
                      size_t *e)
{
	size_t a = at, b = at + 1;
	int dot = 0;
	while (a > 0 && local_char(l[a - 1]) && l[a - 1] != '\'')
		a--;
	while (a < at && l[a] == '.')
		a++;
	while (b < n && domain_char(l[b])) {
		dot |= l[b] == '.';
		b++;
	}
	while (b > at + 1 && (l[b - 1] == '.' || l[b - 1] == '-'))
		b--;
	if (a == at || b <= at + 1 || !dot || l[b - 1] == '.' ||
	    memchr(l + at + 1, '.', b - at - 1) == NULL)
		return 0;
	/* An X.400 address's Internet part: Exchange writes
	 * "c=US;a= ;p=ORG;o=SITE;dda:SMTP=a@b.c;" (the local part starts
	 * after the '=') */
	for (size_t k = at; k > a; k--)
		if (l[k - 1] == '=' && k - a >= 5 &&
		    sr_find_ci(l + k - 5, 4, "smtp", 4) != NULL) {
			a = k;
			break;
		}
	if (a == at)
		return 0;
	*s = a;
	*e = b;
	return 1;
}

/* Lower-case needle in h[0, n), case-insensitively. */
static int has(const char *h, size_t n, const char *needle)
{
	return sr_find_ci(h, n, needle, strlen(needle)) != NULL;
}

/* Words with which a bounce says that a delivery failed, or has not
 * happened yet. General English of delivery reports, not any one MTA's
 * sentence. */
static const char *const fail_words[] = {
        "undeliver",        "undelivered",       "not be delivered",
        "not been delivered", "not yet been delivered", "not delivered",
        "unable to deliver", "aborted",
        "could not deliver", "couldn't deliver", "cannot deliver",
        "can't deliver",    "wasn't able to deliver", "failed",
        "wasn't delivered", "couldn't be delivered", "problem delivering",
        "failure",          "did not reach",     "did not receive",
        "not reach",        "rejected",
        "permanent error",  "fatal error",       "delivery problem",
        "delayed",          "has been postponed", "not accepted",
        /* weak: from WEAK_FAIL_WORDS on */
        "returned",         "error",
};
/* The index in fail_words of the first word that also names other
 * things than a failed delivery ("error" of prose: "typographical
 * errors", "returned" of "the message returned below"): it counts on the address's own line and in an introduction
 * that ends with a colon, not as a sentence a few lines above. */
#define WEAK_FAIL_WORDS 28

/* 2: the line has failure words; 1: only weak ones; 0: none. */
static int fail_line(const char *p, size_t n)
{
	int weak = 0;
	for (size_t i = 0; i < sizeof fail_words / sizeof fail_words[0]; i++)
		if (has(p, n, fail_words[i])) {
			if (i < WEAK_FAIL_WORDS)
				return 2;
			weak = 1;
		}
	return weak;
}

/* A line at the start of the returned message or of the text that
 * announces it: past it, addresses are the message's, not the bounce's. */
static int end_line(const char *p, size_t n)
{
	static const char *const heads[] = {"received:", "return-path:"};
	static const char *const copies[] = {
	        "original message", "returned message", "returned mail follows",
	        "message text follows", "copy of the message",
	        "copy of your message", "message follows", "message reads",
	        "message header follows", "unsent message"};
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
		size_t k = strlen(heads[i]);
		if (n >= k && sr_find_ci(p, k, heads[i], k) == p)
			return 1;
	}
	/* "---- Original message ----", "Original message as received is
	 * as follows:": a heading, not a sentence that mentions one */
	int heading = n > 0 && (p[n - 1] == ':' || SR_FIND(p, n, "---") ||
	                        SR_FIND(p, n, "===") || SR_FIND(p, n, "***"));
	if (!heading)
		return 0;
	/* "The following addresses did NOT receive a copy of your
	 * message:" introduces the addresses, not the copy */
	static const char *const intro[] = {"not receive", "not reach",
	                                    "failed", "not be delivered",
	                                    "not delivered"};
	for (size_t i = 0; i < sizeof intro / sizeof intro[0]; i++)
		if (has(p, n, intro[i]))
			return 0;
	for (size_t i = 0; i < sizeof copies / sizeof copies[0]; i++)
		if (has(p, n, copies[i]))
			return 1;
	return 0;
}

/* A line of only rule characters ("-----", "=====", "|---- X ----|"
 * starts so too): a section's edge. */
static int rule_line(const char *p, size_t n)
{
	size_t k = 0;
	while (k < n && blank(p[k]))
		k++;
	return n - k >= 3 && p[k] != '\0' && strchr("-=*_|", p[k]) &&
	       p[k + 1] == p[k] &&
	       p[k + 2] == p[k];
}

/* Local parts that name a mail system, not a recipient ("please contact
 * <postmaster@b.c>"). */
static int system_address(const char *a, size_t n)
{
	static const char *const names[] = {"postmaster", "mailer-daemon",
	                                    "abuse", "hostmaster", "mdaemon"};
	const char *at = memchr(a, '@', n);
	size_t ln = at ? (size_t)(at - a) : n;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		size_t k = strlen(names[i]);
		if (ln == k && sr_find_ci(a, ln, names[i], k) == a)
			return 1;
	}
	return 0;
}

/* Labels of header fields: an address after one is the returned
 * message's sender, its list, its id, not a failed recipient. */
static int header_label(const char *p, size_t n)
{
	static const char *const names[] = {
	        "from", "sender", "reply-to", "return-path", "to", "cc",
	        "bcc", "message-id", "references", "in-reply-to",
	        "envelope-from", "errors-to", "delivered-to", "list-post",
	        "list-help", "resent-from", "resent-to", "mail from",
	        "subject", "date"};
	if (n >= 2 && lc((unsigned char)p[0]) == 'x' && p[1] == '-')
		return 1;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		size_t k = strlen(names[i]);
		if (n == k && sr_find_ci(p, n, names[i], k) == p)
			return 1;
	}
	return 0;
}

static int same_ci(const char *a, size_t an, const char *b, size_t bn)
{
	if (an != bn)
		return 0;
	for (size_t i = 0; i < an; i++)
		if (lc((unsigned char)a[i]) != lc((unsigned char)b[i]))
			return 0;
	return 1;
}

/* Whether the address a[0, n) occurs in one of the spans (the bounce's
 * own From, To, Return-Path...). */
static int in_spans(const char *a, size_t n, const struct sr_span *sp,
                    int nsp)
{
	for (int i = 0; i < nsp; i++) {
		const char *h = sp[i].p;
		size_t hn = sp[i].n;
		for (size_t k = 0; h != NULL && k + n <= hn; k++)
			if (same_ci(h + k, n, a, n) &&
			    (k == 0 || !local_char(h[k - 1])) &&
			    (k + n == hn || !domain_char(h[k + n])))
				return 1;
	}
	return 0;
}

struct line {
	const char *p;
	size_t n; /* without the line end */
};

static struct line line_at(const char *t, size_t len, size_t off)
{
	struct line l = {t + off, 0};
	const char *lf = memchr(t + off, '\n', len - off);
	l.n = lf ? (size_t)(lf - (t + off)) : len - off;
	while (l.n > 0 && l.p[l.n - 1] == '\r')
		l.n--;
	return l;
}

static size_t next_off(const char *t, size_t len, size_t off)
{
	const char *lf = memchr(t + off, '\n', len - off);
	return lf ? (size_t)(lf - t) + 1 : len;
}

static int empty_line(struct line l)
{
	for (size_t k = 0; k < l.n; k++)
		if (!blank(l.p[k]))
			return 0;
	return 1;
}

/* The line's text without the blanks, quote marks and list marks around
 * it ("> a@b", "   * a@b", "<<< 550 ..."). */
static struct line trimmed(struct line l)
{
	while (l.n > 0 && (blank(*l.p) || *l.p == '>' || *l.p == '*' ||
	                   *l.p == '<' || *l.p == '|')) {
		/* keep "<a@b>" whole: only a '<' not opening an address */
		if (*l.p == '<' && l.n > 1 && l.p[1] != '<' && l.p[1] != ' ')
			break;
		l.p++;
		l.n--;
	}
	while (l.n > 0 && blank(l.p[l.n - 1]))
		l.n--;
	return l;
}

/* A 4xx or 5xx reply at the start of l. */
static int failure_code(struct line l)
{
	return l.n >= 3 && (l.p[0] == '4' || l.p[0] == '5') &&
	       sr_code_at(l.p, l.n);
}

/* Whether p[0, n) holds a letter. */
static int letters(const char *p, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if ((p[k] >= 'a' && p[k] <= 'z') || (p[k] >= 'A' && p[k] <= 'Z'))
			return 1;
	return 0;
}

/* The number of words in p[0, n). */
static int words(const char *p, size_t n)
{
	int w = 0;
	for (size_t k = 0; k < n; k++)
		if (!blank(p[k]) && (k == 0 || blank(p[k - 1])))
			w++;
	return w;
}

#define MAX_SEEN 32

struct cand {
	size_t line;     /* offset of the address's line */
	struct line l;   /* that line */
	size_t s, e;     /* the address in l */
};

/* Whether the address at l.p[s, e) is a failed recipient by its place:
 * alone on its line, after a short label or mark, before a separator
 * and the reason, or in a line that itself says delivery failed. */
static int recipient_shape(struct line l, size_t s, size_t e, int fail_next)
{
	size_t a = s, b = e;
	/* the brackets and quotes around it */
	while (a > 0 && (l.p[a - 1] == '<' || l.p[a - 1] == '"' ||
	                 l.p[a - 1] == '\'' || l.p[a - 1] == '('))
		a--;
	while (b < l.n && (l.p[b] == '>' || l.p[b] == '"' || l.p[b] == '\'' ||
	                   l.p[b] == ')'))
		b++;
	/* a URL's address ("?addr=a@b", "mailto:a@b") */
	if (a > 0 && (l.p[a - 1] == '=' || l.p[a - 1] == '/') &&
	    !(a >= 5 && sr_find_ci(l.p + a - 5, 4, "smtp", 4) != NULL))
		return 0;
	if (a >= 7 && sr_find_ci(l.p + a - 7, 7, "mailto:", 7))
		return 0;
	struct line pre = {l.p, a};
	pre = trimmed(pre);
	/* the sender's address ("not accepting mail from a@b"), a contact
	 * ("please contact a@b"): not a recipient; Exim's "(generated from
	 * a@b)" names the recipient the message was sent to */
	static const char *const before[] = {"from", "by", "contact",
	                                     "sender", "reply to"};
	for (size_t i = 0; i < sizeof before / sizeof before[0]; i++) {
		size_t k = strlen(before[i]);
		if (pre.n >= k && sr_find_ci(pre.p + pre.n - k, k, before[i], k) &&
		    (pre.n == k || !alnum(pre.p[pre.n - k - 1])) &&
		    !(i == 0 && pre.n >= 14 &&
		      sr_find_ci(pre.p + pre.n - 14, 9, "generated", 9)))
			return 0;
	}
	if (pre.n > 0 && pre.p[pre.n - 1] == ':') {
		size_t k = pre.n - 1;
		while (k > 0 && blank(pre.p[k - 1]))
			k--;
		if (header_label(pre.p, k))
			return 0;
	}
	if (words(pre.p, pre.n) <= 4)
		return 1;
	/* Further into a sentence that says delivery failed: only right
	 * after "to", "for", a colon, or a word that names it ("could not be
	 * delivered to a@b", "Local mailbox a@b is unavailable"), not a
	 * contact the sentence gives ("write to the help desk at a@b") */
	/* The sentence may go on to the next line with its failure words:
	 * "The following message, addressed to 'a@b'," / "failed because
	 * ..." -- then only after words that make the address the
	 * message's recipient. */
	if (!fail_line(l.p, l.n)) {
		static const char *const sent[] = {"addressed to", "sent to",
		                                   "delivered to", "delivery to",
		                                   "message to"};
		if (!fail_next)
			return 0;
		for (size_t i = 0; i < sizeof sent / sizeof sent[0]; i++) {
			size_t k = strlen(sent[i]);
			if (pre.n >= k &&
			    sr_find_ci(pre.p + pre.n - k, k, sent[i], k) != NULL &&
			    (pre.n == k || !alnum(pre.p[pre.n - k - 1])))
				return 1;
		}
		return 0;
	}
	if (pre.n > 0 && pre.p[pre.n - 1] == ':')
		return 1;
	static const char *const names[] = {"to", "for", "recipient",
	                                    "address", "user", "mailbox"};
	size_t w0 = pre.n;
	while (w0 > 0 && !blank(pre.p[w0 - 1]))
		w0--;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (same_ci(pre.p + w0, pre.n - w0, names[i], strlen(names[i])))
			return 1;
	return 0;
}

/* The address starts its line and a colon or a dash follows it:
 * "<a@b>: REASON", "a@b: REASON", "a@b - REASON" (Postfix's, qmail's,
 * OpenSMTPD's, MDaemon's layout of a recipient and its error): in a
 * message the gate let through, the layout is evidence enough. */
static int lead_colon(struct line l, size_t s, size_t e)
{
	struct line pre = {l.p, s};
	pre = trimmed(pre);
	if (pre.n > 1 || (pre.n == 1 && *pre.p != '<'))
		return 0;
	while (e < l.n && (l.p[e] == '>' || blank(l.p[e])))
		e++;
	return e < l.n && (l.p[e] == ':' ||
	                   (l.p[e] == '-' && e > 0 && blank(l.p[e - 1]) &&
	                    e + 1 < l.n && blank(l.p[e + 1])));
}

/* Failure words (or a reply code) on line off or in the 3 lines with
 * text after it, within [0, end); weak words only on it or the next. */
static int failure_after(const char *t, size_t end, size_t off)
{
	size_t o = off;
	/* i counts the lines with text: blank lines between are no gap */
	for (int i = 0, k = 0; i < 4 && k < 12 && o < end;
	     k++, o = next_off(t, end, o)) {
		struct line l = line_at(t, end, o);
		if (empty_line(l))
			continue;
		if (fail_line(l.p, l.n) == 2 || (i <= 1 && fail_line(l.p, l.n)) ||
		    failure_code(trimmed(l)))
			return 1;
		i++;
	}
	return 0;
}

/* Strong failure words on the line after line off (the sentence of an
 * address goes on there), within [0, end). */
static int fail_next(const char *t, size_t end, size_t off)
{
	size_t o = next_off(t, end, off);
	if (o >= end)
		return 0;
	struct line l = line_at(t, end, o);
	return fail_line(l.p, l.n) == 2;
}

/* Where the explanation ends. */
static size_t explanation_end(const char *t, size_t len)
{
	for (size_t o = 0; o < len; o = next_off(t, len, o)) {
		struct line l = line_at(t, len, o);
		if (end_line(trimmed(l).p, trimmed(l).n))
			return o;
	}
	return len;
}

/* Whether line l carries an address other than the one at [s, e). */
static int other_address(struct line l)
{
	for (size_t k = 0; k < l.n; k++) {
		size_t s, e;
		if (l.p[k] == '@' && address_at(l.p, l.n, k, &s, &e))
			return 1;
	}
	return 0;
}

/* The reply from line offset o: its lines up to a blank line, a rule
 * or the end. */
static int take_reply(const char *t, size_t end, const char *from,
                      size_t o, char *buf, size_t size,
                      struct smtpreply_found *f)
{
	size_t stop = next_off(t, end, o);
	/* the indentation of the line the reply starts on */
	size_t ind = 0;
	while (o + ind < end && blank(t[o + ind]))
		ind++;
	while (stop < end) {
		struct line l = line_at(t, end, stop);
		if (empty_line(l) || rule_line(l.p, l.n) || end_line(l.p, l.n))
			break;
		struct line tl = trimmed(l);
		/* a continuation is indented deeper than the reply's line, or
		 * a reply line of its own: a transcript's next client line
		 * (" QUIT" under " 552 ...") is neither */
		if (!((size_t)(tl.p - l.p) > ind || failure_code(tl)))
			break;
		stop = next_off(t, end, stop);
	}
	size_t n = (size_t)(t + stop - from);
	while (n > 0 && (from[n - 1] == '\n' || from[n - 1] == '\r'))
		n--;
	int rc = sr_reassemble(from, n, buf, size, &f->reply);
	if (rc > 0)
		f->has_reply = 1;
	return rc > 0 ? 1 : rc;
}

/* The reason below the address line at off, on a line that names it:
 * "because:", "Reason:", "Error:", "Diagnostic..." then the words (or the
 * reply) after the colon or on the next line, with the indented lines
 * that continue them. Looks 8 lines down at most, blank lines included,
 * and stops at another address or a rule. Returns 1 (or a reply's
 * negative result) when it set the record's reason, 0 when none. */
/* A reply written "550 - 5.1.1 words" on one line (a dash between the
 * code and the server's words): read as "550 5.1.1 words", so that the
 * enhanced code after the dash is the reply's own (the reply is rebuilt
 * in the caller's buffer, as any reply is). Otherwise as written. */
static int take_dashed_reply(const char *t, size_t end, const char *from,
                             size_t o, char *buf, size_t size,
                             struct smtpreply_found *f)
{
	const char *e = t + end, *le = memchr(from, '\n', (size_t)(e - from));
	size_t n = (size_t)((le ? le : e) - from);
	char tmp[1024];
	while (n > 0 && (from[n - 1] == '\r' || blank(from[n - 1])))
		n--;
	if (n > 8 && n - 2 <= sizeof tmp && memcmp(from + 3, " - ", 3) == 0) {
		memcpy(tmp, from, 3);
		tmp[3] = ' ';
		memcpy(tmp + 4, from + 6, n - 6);
		int rc = sr_reassemble(tmp, n - 2, buf, size, &f->reply);
		if (rc > 0)
			f->has_reply = 1;
		return rc > 0 ? 1 : rc;
	}
	return take_reply(t, end, from, o, buf, size, f);
}

static int labelled_reason(const char *t, size_t end, size_t off, char *buf,
                           size_t size, struct smtpreply_found *f)
{
	static const char *const labels[] = {"because", "reason", "error",
	                                     "diagnostic", "details",
	                                     "error-text", "error text"};
	size_t o = next_off(t, end, off);
	for (int i = 0; i < 8 && o < end; i++, o = next_off(t, end, o)) {
		struct line n = line_at(t, end, o);
		struct line tn = trimmed(n);
		if (rule_line(n.p, n.n) || end_line(tn.p, tn.n) ||
		    other_address(n))
			return 0;
		const char *colon = memchr(tn.p, ':', tn.n);
		if (colon == NULL)
			continue;
		int named = 0;
		for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++) {
			size_t m = strlen(labels[k]);
			named |= (size_t)(colon - tn.p) >= m &&
			         (size_t)(colon - tn.p) <= m + 12 &&
			         sr_find_ci(tn.p, m, labels[k], m) != NULL;
		}
		/* CommuniGate Pro's "LOCAL module(account a) reports:" with
		 * its words indented below ("account is full (quota
		 * exceeded)") */
		/* a short label that names the reason further in: "The
		 * reason for the problem:" (the text of the MTA that writes
		 * "(delivery attempts: N)"), "Failure reason:" */
		named |= (size_t)(colon - tn.p) <= 32 &&
		         words(tn.p, (size_t)(colon - tn.p)) <= 5 &&
		         sr_find_ci(tn.p, (size_t)(colon - tn.p), "reason", 6) != NULL;
		named |= colon == tn.p + tn.n - 1 && tn.n > 17 &&
		         memcmp(colon - 9, ") reports", 9) == 0 &&
		         SR_FIND(tn.p, tn.n, " module(") != NULL;
		if (!named)
			continue;
		struct line w = {colon + 1, (size_t)(tn.p + tn.n - colon - 1)};
		w = trimmed(w);
		size_t wo = o;
		if (w.n == 0) {
			/* the words below, blank lines between ("because:",
			 * blank, "  User ... not listed") */
			wo = next_off(t, end, o);
			for (int k = 0; k < 2 && wo < end &&
			                empty_line(line_at(t, end, wo));
			     k++)
				wo = next_off(t, end, wo);
			if (wo >= end)
				return 0;
			w = trimmed(line_at(t, end, wo));
			if (w.n == 0)
				return 0;
		}
		if (failure_code(w))
			return take_reply(t, end, w.p, wo, buf, size, f);
		/* the sentence goes on up to a blank line (indented or
		 * not: "Reason: The email you sent ...", then its next line) */
		const char *pe = w.p + w.n;
		size_t q = next_off(t, end, wo);
		for (int j = 0; j < 4 && q < end; j++, q = next_off(t, end, q)) {
			struct line cl = line_at(t, end, q);
			struct line tc = trimmed(cl);
			if (empty_line(cl) || rule_line(cl.p, cl.n) ||
			    end_line(tc.p, tc.n) || other_address(cl))
				break;
			pe = tc.p + tc.n;
		}
		/* the MTA's status and words, then the remote reply quoted:
		 * "5.1.0 - Unknown address error 550-'...'" */
		char qb[1024];
		struct sr_span qv = {w.p, (size_t)(pe - w.p)};
		struct sr_span qr = sr_quoted_attempt_reply(qv, qb, sizeof qb);
		if (qr.p != NULL) {
			int rc = sr_reassemble(qr.p, qr.n, buf, size, &f->reply);
			if (rc > 0)
				f->has_reply = 1;
			return rc > 0 ? 1 : rc;
		}
		f->problem.ptr = w.p;
		f->problem.len = (size_t)(pe - w.p);
		return 1;
	}
	return 0;
}

/* Fills the record's reply or problem for the candidate. Returns the
 * record's result (1, or a negative SMTPREPLY_E_* from the reply). */
static int reason_of(const char *t, size_t end, const struct cand *c,
                     char *buf, size_t size, struct smtpreply_found *f)
{
	struct line l = c->l;
	size_t b = c->e;
	while (b < l.n && (l.p[b] == '>' || l.p[b] == '"' || l.p[b] == '\'' ||
	                   l.p[b] == ')' || l.p[b] == ';'))
		b++;
	size_t r = b;
	while (r < l.n && (blank(l.p[r]) || l.p[r] == ':' || l.p[r] == '.' ||
	                   l.p[r] == ',' || l.p[r] == '-'))
		r++;
	int cols = r >= b + 2, sep;
	for (size_t q = b; q < r && cols; q++)
		cols = blank(l.p[q]);
	/* ":", "...", " - ", ",", or a column's gap ("a@b    No matches") */
	sep = r > b && (cols || SR_FIND(l.p + b, r - b, ":") ||
	                    SR_FIND(l.p + b, r - b, "...") ||
	                    SR_FIND(l.p + b, r - b, " - ") ||
	                    SR_FIND(l.p + b, r - b, ","));
	/* 0. a comment after the address that is the reason, ending the
	 * line: "a@b (user not found)" (Novell GroupWise's internet agent
	 * lists its failed addresses so). Not Exim's "(generated from
	 * a@b)", not a display name ("a@b (Jane Doe)"): a word in lower
	 * case of three letters or more, and no address, inside. */
	if (r == b + 1 && r < l.n && blank(l.p[b]) && l.p[r] == '(') {
		struct line in = trimmed((struct line){l.p + r, l.n - r});
		int lower = 0;
		for (size_t q = 1; q + 3 < in.n && !lower; q++)
			lower = !alnum(in.p[q - 1]) && in.p[q] >= 'a' &&
			        in.p[q] <= 'z' && in.p[q + 1] >= 'a' &&
			        in.p[q + 1] <= 'z' && in.p[q + 2] >= 'a' &&
			        in.p[q + 2] <= 'z';
		if (in.n > 4 && in.p[in.n - 1] == ')' && lower &&
		    memchr(in.p, '@', in.n) == NULL &&
		    memchr(in.p + 1, '(', in.n - 1) == NULL &&
		    !has(in.p, in.n, "generated")) {
			f->problem.ptr = in.p + 1;
			f->problem.len = in.n - 2;
			return 1;
		}
	}
	/* 1. the rest of the line after a separator */
	if (sep && r < l.n) {
		struct line rest = {l.p + r, l.n - r};
		if (failure_code(rest))
			return take_reply(t, end, rest.p, c->line, buf, size, f);
		/* Zoho Mail: "a@b, ERROR CODE :550 - 5.1.1 user unknown" (its
		 * bounces as quoted on qemu-devel and netdev, 2025): the code
		 * after the label, the server's words after " - " */
		if (rest.n > 18 && sr_find_ci(rest.p, 12, "error code :", 12) != NULL &&
		    failure_code((struct line){rest.p + 12, rest.n - 12}))
			return take_dashed_reply(t, end, rest.p + 12, c->line, buf,
			                         size, f);
		enum smtpreply_command cmd = SMTPREPLY_CMD_UNKNOWN;
		const char *rp = sr_reply_in_words(rest.p, rest.n, &cmd);
		if (rp != NULL && (*rp == '4' || *rp == '5')) {
			f->command = cmd;
			return take_reply(t, end, rp, c->line, buf, size, f);
		}
		/* with the indented lines that continue it (Postfix folds
		 * its own words under "<a@b>: ") */
		const char *pe = rest.p + rest.n;
		size_t o = next_off(t, end, c->line);
		for (int i = 0; i < 4 && o < end; i++, o = next_off(t, end, o)) {
			struct line n = line_at(t, end, o);
			if (n.n == 0 || !blank(n.p[0]) || empty_line(n) ||
			    other_address(n))
				break;
			pe = n.p + n.n;
		}
		f->problem.ptr = rest.p;
		f->problem.len = (size_t)(pe - rest.p);
		return 1;
	}
	/* 2. a line below it that names itself the reason ("because:",
	 * "Reason:"), up to the next address: Domino's table puts a blank
	 * line between */
	int rc = labelled_reason(t, end, c->line, buf, size, f);
	if (rc != 0)
		return rc;
	/* 3. the lines below it, up to a blank line, a rule or the next
	 * address */
	size_t o = next_off(t, end, c->line);
	const char *ps = NULL, *pe = NULL;
	/* A sentence around an address set apart by blank lines goes on
	 * below them in lower case ("Delivery of email to this address",
	 * blank, "\"a@b\"", blank, "has failed due to a full mailbox."). */
	for (int k = 0; k < 2 && o < end && empty_line(line_at(t, end, o)); k++)
		o = next_off(t, end, o);
	if (o < end && o != next_off(t, end, c->line)) {
		struct line tn = trimmed(line_at(t, end, o));
		if (tn.n == 0 || tn.p[0] < 'a' || tn.p[0] > 'z')
			o = end;
	}
	for (int i = 0; i < 4 && o < end; i++, o = next_off(t, end, o)) {
		struct line n = line_at(t, end, o);
		struct line tn = trimmed(n);
		if (empty_line(n) || rule_line(n.p, n.n) || end_line(tn.p, tn.n))
			break;
		if (ps == NULL && failure_code(tn))
			return take_reply(t, end, tn.p, o, buf, size, f);
		if (other_address(n) && !SR_FIND(n.p, n.n, ":"))
			break;
		/* the introduction of another list of addresses */
		if (tn.n > 0 && tn.p[tn.n - 1] == ':' && words(tn.p, tn.n) > 2)
			break;
		/* a header line of the message ("Subject: ..."), the rest of
		 * a date ("17:12:28 -0400"): not the reason */
		const char *hc = memchr(tn.p, ':', tn.n);
		if ((hc != NULL && header_label(tn.p, (size_t)(hc - tn.p))) ||
		    !letters(tn.p, tn.n)) {
			if (ps != NULL)
				break;
			continue;
		}
		if (ps == NULL) {
			/* "Reason: words", "because:" then the words */
			const char *colon = memchr(tn.p, ':', tn.n);
			if (colon != NULL && words(tn.p, (size_t)(colon - tn.p)) <= 2) {
				struct line after = {colon + 1,
				                     (size_t)(tn.p + tn.n - colon - 1)};
				after = trimmed(after);
				if (after.n > 0 && failure_code(after))
					return take_reply(t, end, after.p, o, buf,
					                  size, f);
				if (after.n == 0)
					continue; /* the words are below */
				ps = after.p;
			} else {
				ps = tn.p;
			}
		}
		pe = tn.p + tn.n;
	}
	if (ps != NULL && pe > ps) {
		f->problem.ptr = ps;
		f->problem.len = (size_t)(pe - ps);
		return 1;
	}
	/* 4. the line's own words around the address ("User's mailbox is
	 * full: <a@b>", "Local mailbox a@b is unavailable: ...") */
	struct line tl = trimmed(l);
	if ((size_t)(l.p + c->s - tl.p) > 1 || r < l.n) {
		if (!has(tl.p, tl.n, "recipient") && !has(tl.p, tl.n, "address") &&
		    !has(tl.p, tl.n, "generated from")) {
			f->problem.ptr = tl.p;
			f->problem.len = tl.n;
		}
	}
	return 1;
}

/* A lone 4xx/5xx reply in the explanation (a session transcript under
 * the address list): the offset of its line, or end when there is none
 * or more than one. */
static size_t lone_reply(const char *t, size_t end)
{
	size_t found = end;
	int count = 0, prev = 0;
	for (size_t o = 0; o < end; o = next_off(t, end, o)) {
		struct line l = trimmed(line_at(t, end, o));
		int is = failure_code(l);
		if (is && !prev) {
			count++;
			found = o;
		}
		prev = is;
	}
	return count == 1 ? found : end;
}

/* A line that introduces a reason below it: "... due to the following
 * reason:" (ends with a colon, names the reason). */
static int reason_intro(struct line l)
{
	struct line ts = trimmed(l);
	return ts.n >= 8 && ts.p[ts.n - 1] == ':' &&
	       sr_find_ci(ts.p, ts.n, "reason", 6) != NULL;
}

/* The paragraph under the last line above the address's line `at` that
 * introduces a reason (for every address listed below it: Netscape
 * Messaging Server lists each under "The following recipients did not
 * receive your message:" after the one reason): the record's reply
 * (a failure code opens it) or problem. Returns the record's result: 1
 * (the record as it was when there is no such paragraph) or a negative
 * SMTPREPLY_E_*. */
static int reason_above(const char *t, size_t end, size_t at, char *buf,
                        size_t size, struct smtpreply_found *f)
{
	size_t intro = end;
	for (size_t o = 0; o < at; o = next_off(t, end, o)) {
		struct line l = line_at(t, end, o);
		if (reason_intro(l))
			intro = o;
	}
	if (intro >= end)
		return 1;
	size_t o = next_off(t, end, intro);
	for (int k = 0; k < 2 && o < at && empty_line(line_at(t, end, o)); k++)
		o = next_off(t, end, o);
	if (o >= at)
		return 1;
	struct line first = trimmed(line_at(t, end, o));
	if (first.n == 0)
		return 1;
	if (failure_code(first))
		return take_reply(t, end, first.p, o, buf, size, f);
	const char *pe = first.p + first.n;
	size_t q = next_off(t, end, o);
	for (int j = 0; j < 4 && q < at; j++, q = next_off(t, end, q)) {
		struct line cl = line_at(t, end, q);
		struct line tc = trimmed(cl);
		if (empty_line(cl) || rule_line(cl.p, cl.n))
			break;
		pe = tc.p + tc.n;
	}
	/* the paragraph ends above the address, with a blank line between */
	if (q >= at)
		return 1;
	f->problem.ptr = first.p;
	f->problem.len = (size_t)(pe - first.p);
	return 1;
}

int sr_introduced_reason(const char *t, size_t n, const char *p)
{
	if (p == NULL || p <= t || p > t + n)
		return 0;
	/* back over p's own line start and the blank lines above it */
	const char *q = p;
	while (q > t && q[-1] != '\n')
		q--;
	while (q > t && (q[-1] == '\n' || q[-1] == '\r' || blank(q[-1])))
		q--;
	if (q == t)
		return 0;
	const char *ls = q;
	while (ls > t && ls[-1] != '\n')
		ls--;
	return reason_intro((struct line){ls, (size_t)(q - ls)});
}

int sr_fallback_text(const char *t, size_t len, size_t want, size_t *seen,
                     const struct sr_span *skip, int nskip,
                     struct smtpreply_str action, char *buf, size_t size,
                     struct smtpreply_found *f)
{
	size_t end = explanation_end(t, len);
	struct sr_span taken[MAX_SEEN];
	int ntaken = 0;
	/* Lines without an address since the last introduction of a list of
	 * addresses (failure words and a colon at the end: "could not be
	 * delivered to the following recipients:", "The following
	 * address(es) failed:") or the last address under it: the list goes
	 * on while at most 3 such lines (an address's reason) come between. And the lines since the
	 * last one with failure words, blank lines aside (a sentence that
	 * goes on over the address's line, or ends just above it: at most 3
	 * lines up). An address in
	 * the prose below an introduction's list ("if a@b fails, try ...")
	 * is too far from both. */
	int intro_gap = 1000, fail_dist = 1000;
	/* the last line with failure words above: the words a record with
	 * no reason of its own is left with */
	struct line said = {NULL, 0};
	for (size_t off = 0; off < end; off = next_off(t, end, off)) {
		struct cand c;
		c.line = off;
		c.l = line_at(t, end, off);
		int fl = fail_line(c.l.p, c.l.n), taken_here = 0;
		for (size_t k = 0; k < c.l.n; k++) {
			if (c.l.p[k] != '@' ||
			    !address_at(c.l.p, c.l.n, k, &c.s, &c.e))
				continue;
			k = c.e - 1;
			const char *a = c.l.p + c.s;
			size_t an = c.e - c.s;
			int dup = 0;
			for (int i = 0; i < ntaken; i++)
				dup |= same_ci(taken[i].p, taken[i].n, a, an);
			if (dup || system_address(a, an) ||
			    in_spans(a, an, skip, nskip) ||
			    !recipient_shape(c.l, c.s, c.e, fail_next(t, end, off)) ||
			    !(fl || fail_dist <= 3 || intro_gap <= 3 ||
			      lead_colon(c.l, c.s, c.e) ||
			      failure_after(t, end, off)))
				continue;
			if (ntaken == MAX_SEEN)
				return 0; /* a list, not a bounce's few recipients */
			taken[ntaken].p = a;
			taken[ntaken].n = an;
			ntaken++;
			taken_here = 1;
			if ((*seen)++ != want)
				continue;
			sr_found_init(f, t, c.l.p, c.l.n);
			f->source = SMTPREPLY_SOURCE_FALLBACK;
			f->recipient.ptr = a;
			f->recipient.len = an;
			f->action = action;
			int rc = reason_of(t, end, &c, buf, size, f);
			if (rc > 0 && !f->has_reply && f->problem.ptr == NULL) {
				size_t lr = lone_reply(t, end);
				if (lr < end)
					rc = take_reply(t, end,
					                trimmed(line_at(t, end, lr)).p,
					                lr, buf, size, f);
			}
			/* No reason beside or below the address: the bounce's
			 * own sentence about the failure ("Delivery to the
			 * following recipients failed."), else the address's
			 * line -- every record says what happened. */
			/* The reason set above the address, under a sentence that
			 * introduces it: Netscape/iPlanet Messaging Server's "This
			 * Message was undeliverable due to the following reason:",
			 * blank, the reason's paragraph, blank, "<a@b>" (flufl.bounce
			 * netscape.py; Road Runner, Verizon and transmet bounces
			 * quoted on lists and in bounce handlers' tests): that
			 * paragraph, when it names no address. */
			if (rc > 0 && !f->has_reply && f->problem.ptr == NULL)
				rc = reason_above(t, end, c.line, buf, size, f);
			if (rc > 0 && !f->has_reply && f->problem.ptr == NULL) {
				struct line w = said.p != NULL ? trimmed(said)
				                               : trimmed(c.l);
				f->problem.ptr = w.p;
				f->problem.len = w.n;
			}
			/* an enhanced code that starts the words ("5.1.2 - Bad
			 * destination host ...": Domino) is the record's status */
			struct smtpreply_enhanced x;
			size_t en;
			if (rc > 0 && !f->has_reply && f->problem.ptr != NULL &&
			    (en = sr_enhanced_at(f->problem.ptr, f->problem.len,
			                         &x)) > 0 &&
			    (x.klass == 4 || x.klass == 5)) {
				while (en > 0 && (blank(f->problem.ptr[en - 1]) ||
				                  f->problem.ptr[en - 1] == '\r' ||
				                  f->problem.ptr[en - 1] == '\n'))
					en--;
				f->status.ptr = f->problem.ptr;
				f->status.len = en;
			}
			return rc == 0 ? 1 : rc;
		}
		struct line tl = trimmed(c.l);
		if (fl == 2 && tl.n > 0 && tl.p[tl.n - 1] == ':')
			intro_gap = 0;
		else if (taken_here && intro_gap <= 3)
			intro_gap = 0;
		else if (!empty_line(c.l) && intro_gap < 1000)
			intro_gap++;
		if (!empty_line(c.l))
			fail_dist = fl == 2 ? 1 : fail_dist + 1;
		if (fl && !taken_here)
			said = c.l;
	}
	return 0;
}

/* Whether a[0, an) stands in h[0, hn) as an address of its own (not
 * the end of a longer local part, not the start of a longer domain). */
static int names_address(const char *h, size_t hn, const char *a, size_t an)
{
	for (const char *q = h; an > 0 && q + an <= h + hn; q++) {
		if (!same_ci(q, an, a, an))
			continue;
		int before = q > h && local_char(q[-1]);
		int after = q + an < h + hn && domain_char(q[an]) && q[an] != '.';
		/* a dot then more of a domain continues it; a dot then a dot
		 * does not (Sendmail's "<a@b.c>... User unknown", quoted in
		 * replies: "550 5.7.0 a@b.c... address invalid") */
		if (q + an + 1 < h + hn && q[an] == '.' && domain_char(q[an + 1]) &&
		    q[an + 1] != '.')
			after = 1;
		if (!before && !after)
			return 1;
	}
	return 0;
}

/* Whether h[0, hn) holds a[0, an), in any case. */
static int holds_ci(const char *h, size_t hn, const char *a, size_t an)
{
	for (const char *q = h; an > 0 && q + an <= h + hn; q++)
		if (same_ci(q, an, a, an))
			return 1;
	return 0;
}

int sr_fallback_recipient(const char *t, size_t len,
                          const struct sr_span *skip, int nskip,
                          struct sr_span own, struct sr_span words,
                          struct sr_span *a)
{
	struct smtpreply_str none = {NULL, 0};
	/* the reason the general reader would give is not wanted: a small
	 * buffer for it (a reply too big for it still leaves the address) */
	char tmp[1024];
	struct sr_span listed[MAX_SEEN];
	int nl = 0, named = 0, inside = 0;
	for (size_t want = 0; want < MAX_SEEN; want++) {
		struct smtpreply_found f;
		size_t seen = 0;
		memset(&f, 0, sizeof f);
		if (sr_fallback_text(t, len, want, &seen, skip, nskip, none, tmp,
		                     sizeof tmp, &f) == 0)
			break;
		if (f.recipient.ptr == NULL)
			continue;
		/* an address inside the record's place that its reply names
		 * is the server's words ("... send an e-mail to dz@b.c"), not
		 * a listed one -- unless it is the only address there is (a
		 * record's place can hold its address: "<a@b>: host H said:
		 * 550 <a@b> ...") */
		/* (inside the record's place, the words need only hold the
		 * bytes: the reader may have cut what no address has, as the
		 * dot of "<.user@b.c>... Local part must not begin with a
		 * dot") */
		if (own.p != NULL && f.recipient.ptr >= own.p &&
		    f.recipient.ptr < own.p + own.n && words.p != NULL &&
		    holds_ci(words.p, words.n, f.recipient.ptr, f.recipient.len)) {
			inside++;
			continue;
		}
		listed[nl].p = f.recipient.ptr;
		listed[nl].n = f.recipient.len;
		nl++;
	}
	if (nl == 0 && inside > 0)
		return sr_fallback_recipient(t, len, skip, nskip,
		                             (struct sr_span){NULL, 0}, words, a);
	if (nl == 1) {
		*a = listed[0];
		return 1;
	}
	/* several listed: the one the record's own words name */
	for (int i = 0; i < nl && words.p != NULL; i++)
		if (names_address(words.p, words.n, listed[i].p, listed[i].n) &&
		    named++ == 0)
			*a = listed[i];
	return nl > 1 && named == 1;
}

/* ---- folded values, quoted replies ---- */

/* v[0, n) unfolded into out[0, cap) (RFC 5322 2.2.3: each line break and
 * the blanks after it read as one blank); its length, 0 when it does not
 * fit. */
size_t sr_unfold(const char *v, size_t n, char *out, size_t cap)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char c = v[i];
		if (c == '\r' || c == '\n') {
			while (i + 1 < n &&
			       (v[i + 1] == '\r' || v[i + 1] == '\n' || blank(v[i + 1])))
				i++;
			c = ' ';
		}
		if (k >= cap)
			return 0;
		out[k++] = c;
	}
	return k;
}

/* The reporting MTA's own status and words, then the remote reply in
 * quotes after its code and a hyphen, then the attempts it made:
 * "5.1.0 - Unknown address error 550-'5.1.1 <a@b>: Recipient address
 * rejected: User unknown' (delivery attempts: 0)" -- the Diagnostic-Code
 * of Amazon SES's DSNs of the 2010s ("Status: 5.0.0 (permanent
 * failure)"; one kept in Dada Mail's t/corpus), and the same MTA's text
 * "The reason for the problem:" as quoted on linux-kernel (Oct 2023) and
 * linux-media. A reply of several lines has them joined by a written
 * "\n" ("...Please try\n5.1.1 double-checking ..."); the quote may be
 * cut off with the line. The reply, rebuilt as "550 " and the quoted
 * words into out[0, cap); NULL span when v is not in that form (the
 * MTA's words alone, "5.1.2 - Bad destination host 'DNS Hard Error ...'
 * (delivery attempts: 0)", are no reply: the record's problem). */
struct sr_span sr_quoted_attempt_reply(struct sr_span v, char *out, size_t cap)
{
	struct sr_span r = {NULL, 0};
	char u[1024];
	size_t k = v.p != NULL ? sr_unfold(v.p, v.n, u, sizeof u) : 0;
	/* "D.D.D - " */
	size_t i = 0;
	if (k < 16 || (u[0] != '4' && u[0] != '5') || u[1] != '.')
		return r;
	for (i = 2; i < k && u[i] != ' '; i++)
		if (u[i] != '.' && (u[i] < '0' || u[i] > '9'))
			return r;
	if (i + 3 > k || memcmp(u + i, " - ", 3) != 0)
		return r;
	const char *t = NULL, *e = u + k;
	char q = 0;
	for (const char *c = u + i + 3; c + 6 <= e && t == NULL; c++)
		if (blank(c[-1]) && (c[0] == '4' || c[0] == '5') &&
		    sr_code_at(c, (size_t)(e - c)) && c[3] == '-' &&
		    (c[4] == '\'' || c[4] == '"'))
			t = c;
	if (t == NULL)
		return r;
	q = t[4];
	const char *s = t + 5, *te = e;
	/* "(delivery attempts: N)" at the end, then the closing quote */
	static const char att[] = "(delivery attempts:";
	for (const char *c = s; c + sizeof att - 1 <= te; c++)
		if (same_ci(c, sizeof att - 1, att, sizeof att - 1)) {
			te = c;
			break;
		}
	while (te > s && blank(te[-1]))
		te--;
	if (te > s && te[-1] == q)
		te--;
	while (te > s && blank(te[-1]))
		te--;
	if (te == s)
		return r;
	/* "550 " and the words: sr_reassemble splits the lines at a
	 * written "\\n" and takes "5.1.1" opening one as the reply's */
	size_t o = (size_t)(te - s) + 4;
	if (o > cap)
		return r;
	memcpy(out, t, 3);
	out[3] = ' ';
	memcpy(out + 4, s, (size_t)(te - s));
	r.p = out;
	r.n = o;
	return r;
}

/* ---- delay warnings ---- */

/* What a delay warning says that a final failure does not: the message
 * is still queued and will be tried again (Postfix "THIS IS A WARNING
 * ONLY", Exim "has not yet been delivered", Sendmail "Will keep trying
 * until message is 5 days old", Gmail "has been delayed" / "will be
 * retried"; RFC 3464's Action: delayed). The subject's words apply to
 * the Subject field only: a final bounce's text can say "delayed" of an
 * earlier attempt. */
static const char *const delay_text[] = {
        "not yet been delivered", "has been delayed", "will be retried",
        "will retry", "will keep trying", "will continue to try",
        "will continue to attempt", "attempts will continue",
        "warning only", "warning message only", "just a warning",
        "has been postponed"};
static const char *const delay_subject[] = {"delayed", "delay"};

struct sr_span sr_delay_in(const char *t, size_t n, int subject)
{
	const char *const *w = subject ? delay_subject : delay_text;
	size_t nw = subject ? sizeof delay_subject / sizeof delay_subject[0]
	                    : sizeof delay_text / sizeof delay_text[0];
	struct sr_span v = {NULL, 0};
	for (size_t i = 0; t != NULL && i < nw; i++) {
		const char *at = sr_find_ci(t, n, w[i], strlen(w[i]));
		if (at != NULL && (v.p == NULL || at < v.p)) {
			v.p = at;
			v.n = strlen(w[i]);
		}
	}
	return v;
}

int sr_delay_words(const char *a, size_t n)
{
	for (int s = 0; s < 2; s++) {
		const char *const *w = s ? delay_subject : delay_text;
		size_t nw = s ? sizeof delay_subject / sizeof delay_subject[0]
		              : sizeof delay_text / sizeof delay_text[0];
		for (size_t i = 0; i < nw; i++)
			if (same_ci(a, n, w[i], strlen(w[i])))
				return 1;
	}
	return 0;
}

/* ---- HTML ---- */

static int tag_is(const char *p, size_t n, const char *name)
{
	size_t k = strlen(name);
	return n >= k && sr_find_ci(p, k, name, k) == p &&
	       (n == k || !alnum(p[k]));
}

/* UTF-8 of code point u into out (room for 4); its length. */
static size_t utf8(unsigned long u, char *out)
{
	if (u < 0x80) {
		out[0] = (char)u;
		return 1;
	}
	if (u < 0x800) {
		out[0] = (char)(0xC0 | (u >> 6));
		out[1] = (char)(0x80 | (u & 0x3F));
		return 2;
	}
	if (u < 0x10000) {
		out[0] = (char)(0xE0 | (u >> 12));
		out[1] = (char)(0x80 | ((u >> 6) & 0x3F));
		out[2] = (char)(0x80 | (u & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (u >> 18));
	out[1] = (char)(0x80 | ((u >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((u >> 6) & 0x3F));
	out[3] = (char)(0x80 | (u & 0x3F));
	return 4;
}

/* An entity at p[0, n) ("&amp;", "&#233;", "&#x41;"): its bytes into
 * out (room for 4), their count in *k; the entity's length, or 0. */
static size_t entity(const char *p, size_t n, char *out, size_t *k)
{
	static const struct {
		const char *name;
		char c;
	} named[] = {{"&nbsp;", ' '}, {"&amp;", '&'},  {"&lt;", '<'},
	             {"&gt;", '>'},   {"&quot;", '"'}, {"&apos;", '\''}};
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
		size_t m = strlen(named[i].name);
		if (n >= m && sr_find_ci(p, m, named[i].name, m) == p) {
			out[0] = named[i].c;
			*k = 1;
			return m;
		}
	}
	if (n < 4 || p[1] != '#')
		return 0;
	size_t j = 2;
	int hex = j < n && (p[j] == 'x' || p[j] == 'X');
	j += (size_t)hex;
	unsigned long u = 0;
	size_t d0 = j;
	while (j < n && j - d0 < 7) {
		int v = p[j] >= '0' && p[j] <= '9' ? p[j] - '0'
		        : hex && lc((unsigned char)p[j]) >= 'a' &&
		                  lc((unsigned char)p[j]) <= 'f'
		                ? lc((unsigned char)p[j]) - 'a' + 10
		                : -1;
		if (v < 0)
			break;
		u = u * (hex ? 16u : 10u) + (unsigned long)v;
		j++;
	}
	if (j == d0 || j >= n || p[j] != ';' || u == 0 || u > 0x10FFFF ||
	    (u >= 0xD800 && u <= 0xDFFF))
		return 0;
	/* never longer than the entity: in-place decoding stays behind
	 * the reading */
	size_t m = utf8(u, out);
	if (m > j + 1)
		return 0;
	*k = m;
	return j + 1;
}

/* Tags after which the text goes on on a new line. */
static int block_tag(const char *p, size_t n)
{
	static const char *const names[] = {"br", "p", "div", "tr", "li",
	                                    "h1", "h2", "h3", "h4", "hr",
	                                    "table", "blockquote", "pre",
	                                    "ul", "ol", "dd", "dt"};
	if (n > 0 && *p == '/') {
		p++;
		n--;
	}
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (tag_is(p, n, names[i]))
			return 1;
	return 0;
}

size_t sr_html_text(const char *p, size_t n, char *out, size_t cap)
{
	size_t i = 0, k = 0;
	while (i < n && k < cap) {
		char c = p[i];
		if (c == '<') {
			const char *gt = memchr(p + i, '>', n - i);
			size_t tn = gt ? (size_t)(gt - (p + i)) - 1 : n - i - 1;
			const char *tp = p + i + 1;
			size_t after = gt ? (size_t)(gt - p) + 1 : n;
			/* script and style hold no text for people */
			if (tag_is(tp, tn, "script") || tag_is(tp, tn, "style")) {
				const char *close =
				        sr_find_ci(p + after, n - after, "</", 2);
				while (close != NULL &&
				       !tag_is(close + 2, (size_t)(p + n - close - 2),
				               tag_is(tp, tn, "script") ? "script"
				                                        : "style"))
					close = sr_find_ci(close + 2,
					                   (size_t)(p + n - close - 2),
					                   "</", 2);
				const char *cg =
				        close ? memchr(close, '>', (size_t)(p + n - close))
				              : NULL;
				after = cg ? (size_t)(cg - p) + 1 : n;
			} else if (block_tag(tp, tn) && k > 0 && out[k - 1] != '\n') {
				out[k++] = '\n';
			} else if (block_tag(tp, tn) && k == 0) {
				/* nothing before it: no empty first line */
			} else if ((tag_is(tp, tn, "td") || tag_is(tp, tn, "/td")) &&
			           k > 0 && out[k - 1] != ' ' && out[k - 1] != '\n') {
				out[k++] = ' ';
			}
			i = after;
			continue;
		}
		if (c == '&') {
			char e[4];
			size_t m = 0, used = entity(p + i, n - i, e, &m);
			if (used > 0 && k + m <= cap) {
				memcpy(out + k, e, m);
				k += m;
				i += used;
				continue;
			}
		}
		if (c == '\r' || c == '\n' || c == '\t' || c == ' ') {
			/* HTML's white space is one blank; none at a line's
			 * start */
			if (k > 0 && out[k - 1] != '\n' && out[k - 1] != ' ')
				out[k++] = ' ';
			i++;
			continue;
		}
		out[k++] = c;
		i++;
	}
	return k;
}
