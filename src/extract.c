/* extract.c - replies where people have them: MTA log lines, client
 * transcripts, the text of bounce messages, pasted replies.
 *
 * smtpreply_find walks its text line by line. Each line is tried by the
 * matchers the caller asked for; a matcher recognises a format by a fixed
 * phrase the MTA or tool writes ("said: ", "SMTP error from remote mail
 * server after ", "stat=", "<-  "...), takes the command, host, recipient
 * and time stamp from where that format puts them, and hands the reply's
 * text to sr_reassemble, which rebuilds the server's lines into the
 * caller's buffer and parses them. Formats and where their phrases come
 * from (each MTA's source and its documented log format):
 *
 *   Postfix   smtp(8): "host H said: REPLY (in reply to CMD command)",
 *             "host H refused to talk to me: REPLY", "conversation with H
 *             timed out while ...", "lost connection with H while ...";
 *             smtpd(8): "NOQUEUE: reject: RCPT from H: REPLY; from=<..."
 *             Multi-line replies are joined with spaces, each line keeping
 *             its "550-" prefix; bounce text folds long lines with
 *             indentation.
 *   Exim      "SMTP error from remote mail server after CMD: REPLY" with
 *             H=host [ip]; multi-line replies logged with "\n" escapes,
 *             in bounce text on indented lines.
 *   Sendmail  "to=<a>, ... relay=H, dsn=5.1.1, stat=TEXT" (stat may hold
 *             the reply: "Deferred: 451 4.3.0 ..."), "reply=REPLY".
 *   OpenSMTPD "relay: PermFail for ID: ... to=<a>, ... relay=H, ...,
 *             result=\"PermFail\", stat=REPLY".
 *   Exchange  message tracking log and Microsoft 365 message trace
 *             (extended report): CSV, "DATE,...,H,...,FAIL,...,a@b;c@d,
 *             550 5.1.1 ...;550 ..." or a DEFER's "[{LED=REPLY};{FQDN=H}]".
 *   Bounces   qmail/Yahoo "Remote host said: REPLY" (qmail: a reply's
 *             further lines on lines of their own; "H does not like
 *             recipient.", "Connected to H but sender was rejected."),
 *             Exchange/Microsoft 365 "Remote Server returned 'REPLY'",
 *             "Reported error: REPLY", Exchange 2003-2016 "<H #5.1.1
 *             smtp;REPLY> #SMTP#", Gmail "The response from the remote
 *             server was:" then the reply on the next lines (until about
 *             2013: "The error that the other server returned was:
 *             REPLY" on one line), DSN fields in text ("Diagnostic-Code:
 *             smtp; REPLY") and in JSON (Amazon SES's "diagnosticCode":
 *             "smtp; REPLY", match_json_dsn); transcripts quoted in
 *             bounces: Sendmail's
 *             (after "... while talking to H:"), Courier's (under
 *             "<a@b.c>:" and its host line).
 *   Own words  failures without a reply, tried after all the above:
 *             Postfix "to=<a>, relay=R, ..., dsn=D, status=bounced
 *             (REASON)" (deferred, undeliverable; log_adhoc.c), Exim
 *             "ID ** a@b ...: message" and "ID == a@b ... defer (N): ..."
 *             (deliver.c failure_log(), deferral_log()); in bounce text a
 *             failed address with its words below it: qmail-send's
 *             "<a@b>:" and report ("(#5.1.1)" its status), Exim's
 *             "  a@b" and the lines indented below it.
 *   Transcripts  swaks "<-  ", "<** ", "<~  ", " -> "; curl -v "< ",
 *             "> "; Sendmail "<<< ", ">>> "; Python smtplib
 *             "reply: b'...'", "send: ..."; PHPMailer "SERVER -> CLIENT: "
 *             (after its time stamp or not); "S: ", "C: "; openssl s_client
 *             (raw lines and typed commands).
 *   Client libraries  their error texts with the reply inside (Symfony
 *             Mailer, SwiftMailer, PHPMailer, smtplib's exceptions, .NET's
 *             SmtpException, JavaMail, Ruby, Nodemailer, Go), and
 *             Exchange's "#550 5.1.1 ... ##": see match_wrapper.
 *
 * Whatever the format, a reply ends where the session's next reply that
 * a report joined onto it starts ("... User unknown 503 5.0.0 Need
 * RCPT"): sr_reassemble keeps the first (next_reply_at).
 */
#include "extract.h"

#include <string.h>

/* ---------------------------------------------------------------------
 * Small helpers.
 * --------------------------------------------------------------------- */

/* sr_find: in scan.c. */

const char *sr_find_ci(const char *h, size_t n, const char *needle,
                       size_t nlen)
{
	for (size_t i = 0; i + nlen <= n; i++) {
		size_t k = 0;
		while (k < nlen && sr_lower((unsigned char)h[i + k]) == needle[k])
			k++;
		if (k == nlen)
			return h + i;
	}
	return NULL;
}

int sr_code_at(const char *p, size_t n)
{
	return n >= 3 && p[0] >= '2' && p[0] <= '5' && sr_is_digit(p[1]) &&
	       sr_is_digit(p[2]) && (n == 3 || p[3] == ' ' || p[3] == '-' ||
	                             p[3] == '\r' || p[3] == '\n' || p[3] == '\t');
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int starts(const char *p, size_t n, const char *lit, size_t ln)
{
	return n >= ln && memcmp(p, lit, ln) == 0;
}
#define STARTS(p, n, lit) starts((p), (n), (lit), sizeof(lit) - 1)

static struct smtpreply_str str(const char *p, size_t n)
{
	struct smtpreply_str s;
	s.ptr = n ? p : NULL;
	s.len = n;
	return s;
}

/* The value of "key" up to one of the stop bytes or the end. */
static struct smtpreply_str field(const char *p, size_t n, const char *key,
                                  size_t klen, const char *stops)
{
	const char *k = sr_find(p, n, key, klen);
	if (k == NULL)
		return str(NULL, 0);
	const char *v = k + klen, *e = p + n;
	const char *q = v;
	for (; q < e && *q != '\0'; q++) { /* strchr(stops, *q) == NULL */
		const char *s = stops;
		while (*s && *s != *q)
			s++;
		if (*s)
			break;
	}
	return str(v, (size_t)(q - v));
}
#define FIELD(p, n, lit, stops) field((p), (n), (lit), sizeof(lit) - 1, (stops))

/* "<a@b.c>" -> "a@b.c" */
static struct smtpreply_str unangle(struct smtpreply_str s)
{
	if (s.len >= 2 && s.ptr[0] == '<' && s.ptr[s.len - 1] == '>')
		return str(s.ptr + 1, s.len - 2);
	if (s.len >= 1 && s.ptr[0] == '<')
		return str(s.ptr + 1, s.len - 1);
	return s;
}

static void trim(const char **p, size_t *n)
{
	while (*n && is_blank(**p)) {
		(*p)++;
		(*n)--;
	}
	while (*n && (is_blank((*p)[*n - 1]) || (*p)[*n - 1] == '\r'))
		(*n)--;
}

/* Lists of items, `sep` between them (recipients, Exchange's statuses).
 * For statuses (Exchange's recipient-status, with brackets), a ';' inside
 * [...] or before a blank ("RecipNotFound; not found") is not a
 * separator. Every question below is one walk over the list: a line
 * naming k recipients gives k records, each found with work linear in
 * the line, never k walks a record. */

/* The item at offset *at of list l, trimmed, into *out; *at moves past
 * its separator (past l's end after the last item). Returns 0 when no
 * item is left. */
static int list_step(struct sr_span l, char sep, int statuses, size_t *at,
                     struct sr_span *out)
{
	const char *s, *e = l.p + l.n, *q;
	int depth = 0;

	if (*at > l.n)
		return 0;
	s = l.p + *at;
	for (q = s; q < e; q++) {
		if (*q == sep && depth == 0 &&
		    !(statuses && q + 1 < e && is_blank(q[1])))
			break;
		if (statuses && *q == '[')
			depth++;
		else if (statuses && *q == ']' && depth > 0)
			depth--;
	}
	const char *a = s;
	size_t an = (size_t)(q - s);
	trim(&a, &an);
	out->p = a;
	out->n = an;
	*at = (size_t)(q - l.p) + 1;
	return 1;
}

/* The i-th item; 0 when there are fewer. */
static int list_item(struct sr_span l, char sep, int statuses, size_t i,
                     struct sr_span *out)
{
	size_t at = 0;
	do
		if (!list_step(l, sep, statuses, &at, out))
			return 0;
	while (i-- > 0);
	return 1;
}

/* How many items. */
static size_t list_count(struct sr_span l, char sep, int statuses)
{
	struct sr_span it;
	size_t at = 0, k = 0;
	while (list_step(l, sep, statuses, &at, &it))
		k++;
	return k;
}

/* Which item of the list starts at `at` (a place list_item gave): its
 * index, or -1. */
static long list_index(struct sr_span l, char sep, int statuses,
                       const char *at)
{
	struct sr_span it;
	size_t off = 0;
	for (long i = 0; list_step(l, sep, statuses, &off, &it); i++) {
		if (it.p == at && it.n > 0)
			return i;
		if (it.p > at)
			break;
	}
	return -1;
}

/* Records a log line gives for the recipients it names, at most. Each
 * record reads its line again (smtpreply_find keeps no state but *pos),
 * so a line naming k recipients costs k times its length: the bound keeps
 * a hostile line of many thousands linear in its length. (Sendmail and
 * syslog keep a real line to a few KiB: far fewer recipients.) */
#define SR_MAX_LINE_RECIPIENTS 1000

/* Where the item after the i-th starts, or NULL: a line naming several
 * recipients gives a record for each, and the caller's *pos stops there,
 * inside the line, until the last (smtpreply_find resumes from it). */
static const char *list_next(struct sr_span l, char sep, int statuses,
                             size_t i)
{
	struct sr_span it;
	if (i + 1 >= SR_MAX_LINE_RECIPIENTS ||
	    !list_item(l, sep, statuses, i + 1, &it) || it.n == 0)
		return NULL;
	return it.p;
}

void sr_found_init(struct smtpreply_found *f, const char *text, const char *p,
                   size_t n)
{
	memset(f, 0, sizeof *f);
	f->offset = (size_t)(p - text);
	f->length = n;
}

/* ---------------------------------------------------------------------
 * Commands as logs and bounces name them.
 * --------------------------------------------------------------------- */

enum smtpreply_command sr_command_words(const char *p, size_t n)
{
	char w[40];
	size_t k = 0;

	while (n && is_blank(*p)) {
		p++;
		n--;
	}
	if (STARTS(p, n, "pipelined ")) {
		p += 10;
		n -= 10;
	}
	if (STARTS(p, n, "initial greeting") || STARTS(p, n, "initial connection") ||
	    STARTS(p, n, "initial server greeting") ||
	    STARTS(p, n, "the initial server greeting") ||
	    STARTS(p, n, "the initial SMTP greeting") ||
	    STARTS(p, n, "initial SMTP greeting") || STARTS(p, n, "connect"))
		return SMTPREPLY_CMD_GREETING;
	if (STARTS(p, n, "end of data") || STARTS(p, n, "end of DATA") ||
	    STARTS(p, n, "message body") || STARTS(p, n, "message content"))
		return SMTPREPLY_CMD_DOT;
	while (k < n && k + 1 < sizeof w && p[k] != ':' && p[k] != '<' &&
	       !is_blank(p[k]) && p[k] != ')' && p[k] != ',' && p[k] != '\r' &&
	       p[k] != '\n') {
		w[k] = p[k];
		k++;
	}
	w[k] = '\0';
	if (k == 0)
		return SMTPREPLY_CMD_UNKNOWN;
	if (strcmp(w, ".") == 0)
		return SMTPREPLY_CMD_DOT;
	return sr_command_parse(w);
}

/* A line a client sent: "RCPT TO:<a@b>", "ehlo x", ".". */
static enum smtpreply_command client_command(const char *p, size_t n)
{
	trim(&p, &n);
	if (n == 1 && p[0] == '.')
		return SMTPREPLY_CMD_DOT;
	if (n < 4)
		return SMTPREPLY_CMD_UNKNOWN;
	/* Only the verb as a whole word: "MAIL FROM", "RCPT TO", "DATA"... */
	if (n > 4 && !(is_blank(p[4]) || p[4] == ':'))
		return SMTPREPLY_CMD_UNKNOWN;
	char w[8];
	for (int i = 0; i < 4; i++)
		w[i] = (char)sr_lower((unsigned char)p[i]);
	w[4] = '\0';
	static const char verbs[][5] = {"ehlo", "helo", "lhlo", "mail", "rcpt",
	                                "data", "bdat", "rset", "vrfy", "expn",
	                                "help", "noop", "quit", "auth", "etrn",
	                                "atrn"};
	for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		if (strcmp(w, verbs[i]) == 0)
			return sr_command_parse(w);
	if (n >= 8 && sr_find_ci(p, 8, "starttls", 8) == p)
		return SMTPREPLY_CMD_STARTTLS;
	return SMTPREPLY_CMD_UNKNOWN;
}

/* ---------------------------------------------------------------------
 * Reassembly: the server's lines back from a log's or bounce's text.
 * --------------------------------------------------------------------- */

struct out {
	char *buf;
	size_t size, n;
	int over;
};

static void put(struct out *o, const char *p, size_t n)
{
	if (o->over || n > o->size - o->n) {
		o->over = 1;
		return;
	}
	memcpy(o->buf + o->n, p, n);
	o->n += n;
}

/* Whether a reply line starts after q in [q, e): the code then '-' or
 * ' ', after a blank, a line break, Exim's escaped "\\n" or rsyslog's
 * "#012" (the separators sr_reassemble_how cuts at). */
static int line_after(const char *q, const char *e, const char code[3])
{
	for (const char *r = q; (r = sr_find(r, (size_t)(e - r), code, 3)); r++) {
		if (r == q || r + 3 >= e || (r[3] != '-' && r[3] != ' '))
			continue;
		if (r[-1] == ' ' || r[-1] == '\t' || r[-1] == '\n' ||
		    (r - q >= 2 && r[-1] == 'n' && r[-2] == '\\') ||
		    (r - q >= 4 && memcmp(r - 4, "#012", 4) == 0))
			return 1;
	}
	return 0;
}

/* The next reply line inside a line of text, as logs join them: " 550-"
 * or " 550 " after a line that said "550-". A " 550 " with another line
 * of the reply after it, up to the reply's end e, is not the last line:
 * a reply has one last line, the last one, so that " 550 " is the text
 * quoting another server's reply ("550-Response: 550 5.1.1 <a@b>: User
 * unknown" then "550 Sender verify failed": Exim's callout failure as a
 * Postfix or Exim log writes it). */
static const char *next_joined(const char *p, size_t n, const char code[3],
                               const char *e)
{
	for (const char *q = p; (q = sr_find(q, (size_t)(p + n - q), code, 3));
	     q++) {
		if (q > p && q[-1] == ' ' && q + 3 < p + n &&
		    (q[3] == '-' || q[3] == ' ') && !(q >= p + 2 && q[-2] == ';') &&
		    !(q[3] == ' ' && line_after(q + 4, e, code)))
			return q;
	}
	return NULL;
}

/* Exim's log and bounce write a byte over 127 as a backslash and three
 * octal digits ("bo\\303\\256te"): put the byte back. Only 0200-0377,
 * so no control byte can come out of an escape. */
static void put_exim(struct out *o, const char *p, size_t n)
{
	size_t i = 0, from = 0;
	while (i + 3 < n) {
		if (p[i] == '\\' && (p[i + 1] == '2' || p[i + 1] == '3') &&
		    p[i + 2] >= '0' && p[i + 2] <= '7' && p[i + 3] >= '0' &&
		    p[i + 3] <= '7') {
			put(o, p + from, i - from);
			char c = (char)(((p[i + 1] - '0') << 6) |
			                ((p[i + 2] - '0') << 3) | (p[i + 3] - '0'));
			put(o, &c, 1);
			i += 4;
			from = i;
		} else {
			i++;
		}
	}
	put(o, p + from, n - from);
}

/* An enhanced code "c.d.d" of class c at p: 1 to 3 digits a part, then a
 * blank or the end. */
static int enhanced_at(const char *p, size_t n, char c)
{
	size_t i = 0, k;
	if (n < 5 || p[0] != c || p[1] != '.')
		return 0;
	i = 2;
	for (k = 0; i < n && sr_is_digit(p[i]) && k < 3; k++)
		i++;
	if (k == 0 || i >= n || p[i] != '.')
		return 0;
	i++;
	for (k = 0; i < n && sr_is_digit(p[i]) && k < 3; k++)
		i++;
	return k > 0 && (i == n || is_blank(p[i]) || p[i] == '\r' ||
	                 p[i] == '\n');
}

/* Where the next reply of the same session starts in the text of a reply
 * t[0, n) that a report joined onto one line ("550 5.1.1 <a@b>... User
 * unknown 503 5.0.0 Need RCPT (recipient)", "550 User unknown 503 need
 * RCPT command": the client went on after the refusal and logged the
 * answer too), or n. A later reply is a code other than the first one's,
 * after a blank, not just after ':', '(', a quote, '=', ',', '[' or '#'
 * (a code the server quotes: "Error: 535 5.7.139 ..."), followed by an
 * enhanced code of its class ("503 5.5.1", "554 5.5.1") or, with no
 * enhanced code, a 503 whose first words name a command or the sequence
 * ("503 need RCPT command", "503 valid RCPT command must precede DATA":
 * RFC 5321 4.2.4's "bad sequence of commands", what a client gets when it
 * goes on after a refused RCPT; not "max 503 messages an hour"). The
 * same code again is the reply's own next line (sr_reassemble joins
 * those). */
static int sequence_words(const char *a, size_t an)
{
	static const struct {
		const char *s;
		size_t n;
	} w[] = {{"rcpt", 4}, {"mail from", 9}, {"data", 4},
	         {"sequence", 8}, {"recipient", 9}, {"command", 7}};
	if (an > 48)
		an = 48;
	if (an == 0 || !((a[0] >= 'a' && a[0] <= 'z') || (a[0] >= 'A' && a[0] <= 'Z')))
		return 0;
	for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
		if (sr_find_ci(a, an, w[k].s, w[k].n) != NULL)
			return 1;
	return 0;
}

static size_t next_reply_at(const char *t, size_t n)
{
	/* (the pre-filter's scan finds "[2-5]dd " and "[2-5]dd-" many bytes a
	 * step, with a few other patterns of its own, passed over here) */
	const char *te = t + n;
	for (const char *q = t + 4; (q = sr_scan_next(q, te)) != te; q++) {
		size_t i = (size_t)(q - t);
		if (i + 4 >= n)
			break;
		if (t[i] < '2' || t[i] > '5' || t[i - 1] != ' ' ||
		    !sr_code_at(t + i, n - i) || memcmp(t + i, t, 3) == 0 ||
		    (t[i + 3] != ' ' && t[i + 3] != '-'))
			continue;
		size_t j = i - 1;
		while (j > 0 && is_blank(t[j - 1]))
			j--;
		char before = j > 0 ? t[j - 1] : ' ';
		if (before == ':' || before == '(' || before == '"' ||
		    before == '\'' || before == '=' || before == ',' ||
		    before == '[' || before == '#')
			continue;
		const char *a = t + i + 4;
		size_t an = n - i - 4;
		if (enhanced_at(a, an, t[i]) ||
		    (memcmp(t + i, "503", 3) == 0 && sequence_words(a, an)))
			return j;
	}
	return n;
}

/* A reply after the reporting MTA's words on the first line of t[0, n):
 * a Diagnostic-Code that does not start with the code. chasquid (courier/
 * smtp.go) writes "MAIL+RCPT 550 5.1.1 ...", "DATA 554 ...", "DATA closing
 * 550 ..." (the reply to the data) and "DATA writing: ..."; other MTAs
 * write a sentence ending with ':' before the code. A code inside words
 * is a reply only with evidence that it is one: it starts a word and is
 * followed by an enhanced code of its class ("550 5.1.1"), or, a failure
 * code (4xx, 5xx) without one, it comes right after ':' or after an SMTP
 * command in capitals ("RCPT 550 ..."). Not a number in a sentence
 * ("retry in 300 seconds", "got 550, expected 2xx"). */
const char *sr_reply_in_words(const char *t, size_t n,
                              enum smtpreply_command *cmd)
{
	const char *le = memchr(t, '\n', n), *e;
	e = le ? le : t + n;
	/* the first line's end without its CR */
	const char *ee = e;
	while (ee > t && ee[-1] == '\r')
		ee--;
	for (const char *q = t + 1; q + 3 <= ee; q++) {
		/* "said: 550" at the end of the line, the text on the folded
		 * line below (Postfix 2's "Diagnostic-Code: X-Postfix; host H
		 * said: 550" then "    unknown user <a@b> (in reply to RCPT TO
		 * command)"): only after a colon */
		int at_end = q + 3 == ee && le != NULL;
		/* a reply with no text ("554 "), its blank trimmed by the
		 * field's writer: "DATA closing 554" ends the line */
		int bare = q + 3 == ee;
		if (!is_blank(q[-1]) || !sr_code_at(q, (size_t)(ee - q)) ||
		    (!bare && (q + 4 > ee || (q[3] != ' ' && q[3] != '-'))))
			continue;
		const char *ls = t, *lw;
		size_t ln = (size_t)(q - t);
		trim(&ls, &ln);
		if (ln == 0)
			continue;
		int ok = q[0] != '3' && !bare &&
		         enhanced_at(q + 4, (size_t)(e - q - 4), q[0]);
		if (!ok && (q[0] == '4' || q[0] == '5')) {
			lw = ls + ln;
			while (lw > ls && !is_blank(lw[-1]) && lw[-1] != '+')
				lw--;
			size_t wn = (size_t)(ls + ln - lw);
			int caps = wn >= 4;
			for (size_t k = 0; k < wn && caps; k++)
				caps = lw[k] >= 'A' && lw[k] <= 'Z';
			/* chasquid's "DATA closing 550 ..." (its courier/smtp.go
			 * names the reply to the data so): a code right after
			 * those words is the reply even without an enhanced code
			 * (captured: "DATA closing 550 Administrative
			 * prohibition") */
			int named = (caps && client_command(lw, wn) != SMTPREPLY_CMD_UNKNOWN) ||
			            (ln >= 12 && memcmp(ls + ln - 12, "DATA closing", 12) == 0 &&
			             (ln == 12 || is_blank(ls[ln - 13])));
			ok = ls[ln - 1] == ':' || named;
			/* a code ending a line that goes on below is the
			 * reply only after ':' (the Postfix fold above); one
			 * ending the text only after chasquid's words
			 * ("DATA closing 554": a reply without text) */
			if ((at_end && ls[ln - 1] != ':') || (bare && !at_end && !named))
				ok = 0;
		}
		if (!ok)
			continue;
		if (ln > 0 && ls[ln - 1] == ':')
			ln--;
		/* the words' last clause names the command: "all MXs returned
		 * transient failures (last: DATA closing 421 ...)" */
		for (size_t k = ln; k > 0; k--)
			if (ls[k - 1] == '(' || (ls[k - 1] == ':' && k < ln &&
			                         is_blank(ls[k]))) {
				ls += k;
				ln -= k;
				trim(&ls, &ln);
				break;
			}
		if (STARTS(ls, ln, "DATA closing") || STARTS(ls, ln, "DATA writing"))
			*cmd = SMTPREPLY_CMD_DOT;
		else if (memchr(ls, ' ', ln) == NULL && memchr(ls, '+', ln) == NULL &&
		         client_command(ls, ln) != SMTPREPLY_CMD_UNKNOWN)
			*cmd = client_command(ls, ln);
		return q;
	}
	/* The words end the line with ':' and the reply starts the folded
	 * line below: Postfix folds a long "host H[ip] said:" so that the
	 * code opens the next line ("Diagnostic-Code: X-Postfix; host
	 * mx.example.net[192.0.2.1] said:" then "    550 5.1.1 ..."), when
	 * the host's name is long. Only a failure code (4xx, 5xx) followed
	 * by a blank or '-', on a line that starts with a blank (a field's
	 * folding), right under words of their own; or after "said: " that
	 * starts the folded line. */
	if (le != NULL) {
		const char *ls = t;
		size_t ln = (size_t)(ee - t);
		trim(&ls, &ln);
		const char *nl = le + 1, *te = t + n;
		if (nl >= te || !is_blank(*nl))
			return NULL;
		while (nl < te && is_blank(*nl))
			nl++;
		/* or the fold fell before "said:" ("host H[ip]" then
		 * "    said: 553-..."), the words' own end on the next line */
		if (te - nl > 10 && memcmp(nl, "said: ", 6) == 0 &&
		    !(ln >= 2 && ls[ln - 1] == ':'))
			nl += 6;
		else if (ln < 2 || ls[ln - 1] != ':')
			return NULL;
		if (te - nl < 4 || (*nl != '4' && *nl != '5') ||
		    !sr_code_at(nl, (size_t)(te - nl)) ||
		    (nl[3] != ' ' && nl[3] != '-'))
			return NULL;
		return nl;
	}
	return NULL;
}

int sr_reassemble(const char *t, size_t n, char *buf, size_t size,
                  struct smtpreply *reply)
{
	return sr_reassemble_how(t, n, buf, size, reply, 0);
}

int sr_reassemble_how(const char *t, size_t n, char *buf, size_t size,
                      struct smtpreply *reply, unsigned how)
{
	struct out o = {buf, size, 0, 0};
	const char *e;
	char code[3];
	int open = 0;     /* a line is being written */
	int more = 1;     /* the last line had '-': more lines may follow */

	trim(&t, &n);
	if (!sr_code_at(t, n))
		return SMTPREPLY_E_BAD_CODE;
	/* the reply alone, without the session's next one */
	n = next_reply_at(t, n);
	trim(&t, &n);
	e = t + n;
	memcpy(code, t, 3);
	/* the first line's enhanced code: a folded line that starts with it
	 * is the reply's next line written without its reply code, as Go's
	 * net/textproto gives a multi-line reply ("550 5.7.1 a\n5.7.1 b":
	 * each "550-" cut, the enhanced code kept) and chasquid writes it
	 * into its DSN and log */
	const char *enh = NULL;
	size_t enh_n = 0;
	if (n > 4 && t[3] == ' ' && enhanced_at(t + 4, n - 4, t[0])) {
		enh = t + 4;
		while (enh + enh_n < e && !is_blank(enh[enh_n]) &&
		       enh[enh_n] != '\r' && enh[enh_n] != '\n')
			enh_n++;
	}
	while (t < e) {
		/* One physical segment: up to a real line break or an escaped
		 * "\n" as Exim logs them. */
		const char *s = t, *brk;
		size_t skip = 0;
		{ /* the first '\n', or "\\n" before it (memchr: long lines) */
			const char *lf = memchr(t, '\n', (size_t)(e - t));
			const char *lim = lf ? lf : e, *bs = t;
			brk = lim;
			skip = lf ? 1 : 0;
			while ((bs = memchr(bs, '\\', (size_t)(lim - bs))) != NULL) {
				if (bs + 1 < e && bs[1] == 'n') {
					brk = bs;
					skip = 2;
					break;
				}
				bs++;
			}
			/* rsyslog writes a line break inside a message as
			 * "#012" (a CR as "#015"; parser.escapeControl
			 * CharactersOnReceive, on by default): dma logs a
			 * multi-line reply whole, so mail.log has "550-5.7.1
			 * a#012550 5.7.1 b". Only before the reply's code
			 * again: "#012" alone may be the reply's own text. */
			const char *hs = t;
			while ((hs = memchr(hs, '#', (size_t)(brk - hs))) != NULL) {
				if (brk - hs >= 8 && memcmp(hs, "#012", 4) == 0 &&
				    memcmp(hs + 4, code, 3) == 0 &&
				    (hs[7] == '-' || hs[7] == ' ')) {
					brk = hs;
					skip = 4;
					if (brk - t >= 4 && memcmp(brk - 4, "#015", 4) == 0)
						brk -= 4, skip += 4;
					break;
				}
				hs++;
			}
		}
		t = brk + skip;
		size_t sn = (size_t)(brk - s);
		trim(&s, &sn);
		if (sn == 0)
			continue;
		/* Inside the segment, split where a joined line starts. */
		int seg_start = 1;
		while (sn > 0) {
			const char *cut = NULL;
			int inside = (how & SR_CODES_DROPPED) != 0;
			int starts_line = sn >= 3 && memcmp(s, code, 3) == 0 &&
			                  (sn == 3 || s[3] == '-' || s[3] == ' ');
			if (starts_line && more) {
				if (open)
					put(&o, "\r\n", 2);
				open = 1;
				more = sn > 3 && s[3] == '-';
				if (more && !inside)
					cut = next_joined(s + 4, sn - 4, code, e);
			} else if (open && enh != NULL && seg_start &&
			           sn > enh_n && memcmp(s, enh, enh_n) == 0 &&
			           is_blank(s[enh_n])) {
				/* the reply's next line, without its code:
				 * the line before it says more follow */
				size_t ls = o.n;
				while (ls > 0 && buf[ls - 1] != '\n')
					ls--;
				if (!o.over && o.n - ls > 3 && buf[ls + 3] == ' ')
					buf[ls + 3] = '-';
				put(&o, "\r\n", 2);
				put(&o, code, 3), put(&o, " ", 1);
				if (more && !inside)
					cut = next_joined(s, sn, code, e);
			} else {
				/* a folded continuation of the line */
				if (open)
					put(&o, " ", 1);
				else
					put(&o, code, 3), put(&o, " ", 1);
				open = 1;
				if (more && !inside)
					cut = next_joined(s, sn, code, e);
			}
			size_t len = cut ? (size_t)(cut - s) : sn;
			const char *w = s;
			size_t wn = len;
			trim(&w, &wn);
			if (how & SR_EXIM_OCTAL)
				put_exim(&o, w, wn);
			else
				put(&o, w, wn);
			seg_start = 0;
			s += len;
			sn -= len;
		}
	}
	if (open)
		put(&o, "\r\n", 2);
	if (o.over)
		return SMTPREPLY_E_REPLY_TOO_BIG;
	/* A reply the log cut after a "550-" line: end it there. */
	if (more) {
		size_t i = o.n >= 2 ? o.n - 2 : 0;
		while (i > 0 && buf[i - 1] != '\n')
			i--;
		if (o.n - i > 3 && buf[i + 3] == '-')
			buf[i + 3] = ' ';
	}
	struct smtpreply_options opts;
	sr_options_init(&opts);
	opts.max_line = SMTPREPLY_MAX_REPLY_LIMIT;
	opts.max_reply = SMTPREPLY_MAX_REPLY_LIMIT;
	return sr_parse(buf, o.n, &opts, reply);
}

/* ---------------------------------------------------------------------
 * Log lines.
 * --------------------------------------------------------------------- */

/* The time stamp a line starts with: "Jan  2 03:04:05" (syslog),
 * "2024-01-02 03:04:05" (Exim), "2024-01-02T03:04:05.123+00:00". */
static struct smtpreply_str stamp(const char *p, size_t n)
{
	if (n >= 15 && p[3] == ' ' && p[6] == ' ' && p[9] == ':' && p[12] == ':')
		return str(p, 15);
	if (n >= 19 && sr_is_digit(p[0]) && p[4] == '-' && p[7] == '-' &&
	    p[13] == ':') {
		size_t k = 10;
		if (p[10] == ' ')
			k = 19;
		else
			while (k < n && !is_blank(p[k]))
				k++;
		return str(p, k);
	}
	return str(NULL, 0);
}

/* The word before `at` that follows "host " (Postfix: "host H said"). */
static struct smtpreply_str host_before(const char *line, const char *at)
{
	const char *h = NULL;
	for (const char *q = line;
	     (q = SR_FIND(q, (size_t)(at - q), "host ")) != NULL; q++)
		h = q + 5;
	if (h == NULL)
		return str(NULL, 0);
	return str(h, (size_t)(at - h));
}

/* The end of a Postfix reply: " (in reply to ...)" at its end. */
static void postfix_tail(const char *r, size_t *rn,
                         struct smtpreply_found *f)
{
	const char *in = NULL;
	for (const char *q = r; (q = SR_FIND(q, (size_t)(r + *rn - q),
	                                     "(in reply to "));
	     q++)
		in = q;
	if (in == NULL)
		return;
	const char *w = in + 13;
	f->command = sr_command_words(w, (size_t)(r + *rn - w));
	*rn = (size_t)(in - r);
}

static void postfix_fields(const char *p, size_t n, struct smtpreply_found *f)
{
	f->recipient = unangle(FIELD(p, n, "to=<", ">"));
	if (f->recipient.ptr)
		f->recipient = str(f->recipient.ptr, f->recipient.len);
	f->action = FIELD(p, n, "status=", " ,(");
	f->date = stamp(p, n);
}

const char *sr_strip_exim_suffix(const char *t, size_t *n)
{
	static const char sfx[] = "retry timeout exceeded";
	const size_t sl = sizeof sfx - 1;
	size_t k = *n;
	while (k && (is_blank(t[k - 1]) || t[k - 1] == '\r' || t[k - 1] == '\n'))
		k--;
	if (k < sl + 1 || memcmp(t + k - sl, sfx, sl) != 0)
		return NULL;
	k -= sl;
	const char *at = t + k;
	while (k && (is_blank(t[k - 1]) || t[k - 1] == '\r' || t[k - 1] == '\n'))
		k--;
	if (k == 0 || t[k - 1] != ':')
		return NULL;
	k--;
	while (k && (is_blank(t[k - 1]) || t[k - 1] == '\r' || t[k - 1] == '\n'))
		k--;
	*n = k;
	return at;
}

/* After a reply in an Exim text (a bounce's text part, without its DSN):
 * retry.c's ": retry timeout exceeded" says Exim gave the address up
 * after temporary failures; with no action word of its own ("**" or
 * "==" in a log line), the record takes those words as its action, which
 * smtpreply_found_diagnose reads as a give-up (class 5). */
static void exim_gave_up(struct smtpreply_found *f, const char *sfx)
{
	if (sfx != NULL && f->action.ptr == NULL)
		f->action = str(sfx, sizeof "retry timeout exceeded" - 1);
}

/* A reply starts at r (after "said: " or the like). */
static int take_reply_how(const char *r, size_t rn, char *buf, size_t size,
                          struct smtpreply_found *f, unsigned how)
{
	int rc = sr_reassemble_how(r, rn, buf, size, &f->reply, how);
	if (rc > 0)
		f->has_reply = 1;
	return rc;
}

static int take_reply(const char *r, size_t rn, char *buf, size_t size,
                      struct smtpreply_found *f)
{
	return take_reply_how(r, rn, buf, size, f, 0);
}

/* Whether a failure reply's code opens a word in p..a: "; 550 ", ": 450-",
 * "(554 ", "'550 ", "<<< 550 ", Exchange's "#550 " and "<550 ", Sendmail's
 * "reply=550 " -- a reply already began on the line
 * before a (or on a line that an unfolded bounce block joined before it),
 * so what is at a is inside that reply, not the reporter's own words. (A log's own fields hold no such word: "dsn=5.1.1", "[26377]",
 * "relay=127.0.0.1[127.0.0.1]:42600", "delay=0.75".) */
static int reply_opens_before(const char *p, const char *a)
{
	for (const char *c = p; c + 4 <= a; c++)
		if ((c[0] == '4' || c[0] == '5') &&
		    (c == p || c[-1] == ' ' || c[-1] == ';' || c[-1] == ':' ||
		     c[-1] == '(' || c[-1] == '\'' || c[-1] == '"' ||
		     c[-1] == '\t' || c[-1] == '\n' || c[-1] == '#' ||
		     c[-1] == '<' || c[-1] == '=') &&
		    sr_is_digit(c[1]) && sr_is_digit(c[2]) &&
		    (c[3] == ' ' || c[3] == '-'))
			return 1;
	return 0;
}

/* 1 matched (rc set), 0 not this format. */
static int match_postfix(const char *text, const char *p, size_t n,
                         char *buf, size_t size, struct smtpreply_found *f,
                         int *rc)
{
	const char *a;
	if ((a = SR_FIND(p, n, " said:")) != NULL && a + 6 < p + n &&
	    (a[6] == ' ' || a[6] == '\n') &&
	    /* Postfix's "host H said:" opens its reason; one after a reply's
	     * code is a relay's quote inside a reply another reporter wrote
	     * (a DSN's "Diagnostic-Code: smtp; 550 5.1.7 <a@b>: Sender
	     * address rejected: undeliverable address: host H said: 550
	     * 5.1.1 User unknown", Exim's "after RCPT TO:<a@b>: 450 4.1.7
	     * ... said: 550 ..."): that reporter's reader takes the whole
	     * reply, whose judgement reads the quote (tests/test_perturb.c,
	     * kinds dsn, eximlog, courier...: the inner reply was taken,
	     * sender_invalid -> user_unknown) */
	    !reply_opens_before(p, a) &&
	    /* qmail-remote's "Remote host said: " is bounce text
	     * (match_bounce_text: its command from the line above) */
	    !(a - p >= 11 && memcmp(a - 11, "Remote host", 11) == 0)) {
		const char *r = a + 7;
		size_t rn = (size_t)(p + n - r);
		if (!sr_code_at(r, rn))
			return 0;
		sr_found_init(f, text, p, n);
		f->source = SMTPREPLY_SOURCE_POSTFIX;
		f->host = host_before(p, a);
		postfix_fields(p, n, f);
		postfix_tail(r, &rn, f);
		/* A recipient in a bounce's text: "<a@b.c>: host ..." */
		if (f->recipient.ptr == NULL && n > 2 && p[0] == '<') {
			const char *gt = memchr(p, '>', (size_t)(a - p));
			if (gt)
				f->recipient = str(p + 1, (size_t)(gt - p - 1));
		}
		*rc = take_reply(r, rn, buf, size, f);
		return 1;
	}
	if ((a = SR_FIND(p, n, " refused to talk to me: ")) != NULL) {
		const char *r = a + 24;
		size_t rn = (size_t)(p + n - r);
		if (!sr_code_at(r, rn))
			return 0;
		sr_found_init(f, text, p, n);
		f->source = SMTPREPLY_SOURCE_POSTFIX;
		f->host = host_before(p, a);
		f->command = SMTPREPLY_CMD_GREETING;
		postfix_fields(p, n, f);
		*rc = take_reply(r, rn, buf, size, f);
		return 1;
	}
	/* smtpd: "NOQUEUE: reject: RCPT from H[ip]: 550 ...; from=<..." */
	if ((a = SR_FIND(p, n, " reject: ")) != NULL) {
		const char *c = a + 9, *e = p + n;
		const char *fr = SR_FIND(c, (size_t)(e - c), " from ");
		if (fr == NULL)
			return 0;
		const char *colon = SR_FIND(fr, (size_t)(e - fr), ": ");
		if (colon == NULL)
			return 0;
		const char *r = colon + 2;
		if (!sr_code_at(r, (size_t)(e - r)))
			return 0;
		const char *end = SR_FIND(r, (size_t)(e - r), "; from=<");
		size_t rn = end ? (size_t)(end - r) : (size_t)(e - r);
		sr_found_init(f, text, p, n);
		f->source = SMTPREPLY_SOURCE_POSTFIX;
		f->host = str(fr + 6, (size_t)(colon - fr - 6));
		if (STARTS(c, (size_t)(e - c), "END-OF-MESSAGE"))
			f->command = SMTPREPLY_CMD_DOT;
		else if (STARTS(c, (size_t)(e - c), "CONNECT"))
			f->command = SMTPREPLY_CMD_GREETING;
		else
			f->command = sr_command_words(c, (size_t)(fr - c));
		f->recipient = unangle(FIELD(p, n, " to=<", ">"));
		f->action = str(a + 1, 6); /* "reject" */
		f->date = stamp(p, n);
		*rc = take_reply(r, rn, buf, size, f);
		return 1;
	}
	/* Failures without a reply. */
	const char *what = NULL, *host = NULL;
	size_t hn = 0;
	if ((a = SR_FIND(p, n, "conversation with ")) != NULL) {
		host = a + 18;
		what = SR_FIND(host, (size_t)(p + n - host), " timed out ");
	} else if ((a = SR_FIND(p, n, "lost connection with ")) != NULL) {
		host = a + 21;
		what = SR_FIND(host, (size_t)(p + n - host), " while ");
	}
	if (what == NULL || SR_FIND(p, n, "status=") == NULL)
		return 0;
	hn = (size_t)(what - host);
	sr_found_init(f, text, p, n);
	f->source = SMTPREPLY_SOURCE_POSTFIX;
	f->host = str(host, hn);
	postfix_fields(p, n, f);
	const char *pe = p + n, *pr = what + 1;
	const char *close = SR_FIND(pr, (size_t)(pe - pr), ")");
	f->problem = str(a, (size_t)((close ? close : pe) - a));
	const char *w;
	if ((w = SR_FIND(pr, (size_t)(pe - pr), "while sending ")) != NULL)
		f->command = sr_command_words(w + 14, (size_t)(pe - w - 14));
	else if ((w = SR_FIND(pr, (size_t)(pe - pr), "while receiving ")) != NULL)
		f->command = sr_command_words(w + 16, (size_t)(pe - w - 16));
	else if ((w = SR_FIND(pr, (size_t)(pe - pr), " after ")) != NULL)
		f->command = sr_command_words(w + 7, (size_t)(pe - w - 7));
	*rc = 1;
	return 1;
}

/* Postfix's delivery status of a failure at p ("status=" first, n bytes
 * to the line's end): "status=bounced (", "status=deferred (",
 * "status=undeliverable (" (bounce(8), defer(8), verify(8) write the
 * status word, then the reason in parentheses). The length up to the
 * reason, or 0. */
static size_t postfix_status_word(const char *p, size_t n)
{
	static const char *const words[] = {"bounced (", "deferred (",
	                                    "undeliverable ("};
	if (!STARTS(p, n, "status="))
		return 0;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		size_t wl = strlen(words[i]);
		if (n - 7 >= wl && memcmp(p + 7, words[i], wl) == 0)
			return 7 + wl;
	}
	return 0;
}

/* A Postfix delivery line whose status is a failure and whose reason
 * holds no reply the matchers above could read: the MTA's own words
 * ("mail for b.c loops back to myself", "unknown user: \"a\"", "connect
 * to H[ip]:25: Connection refused", "Host or domain name not found..."):
 * a record without a reply. The reason is the problem; to= the
 * recipient, dsn= the status, relay= the host when it names one (a host
 * has its address in brackets: "relay=none", "relay=local" do not). */
static int match_postfix_status(const char *text, const char *p, size_t n,
                                struct smtpreply_found *f, int *rc)
{
	const char *e = p + n, *st = NULL;
	size_t wl = 0;
	for (const char *q = p; (q = SR_FIND(q, (size_t)(e - q), "status=")) != NULL;
	     q++)
		if ((wl = postfix_status_word(q, (size_t)(e - q))) != 0) {
			st = q;
			break;
		}
	if (st == NULL || SR_FIND(p, (size_t)(st - p), "to=<") == NULL)
		return 0;
	const char *r = st + wl, *re = e;
	while (re > r && (is_blank(re[-1]) || re[-1] == '\r'))
		re--;
	if (re > r && re[-1] == ')')
		re--;
	sr_found_init(f, text, p, n);
	f->source = SMTPREPLY_SOURCE_POSTFIX;
	postfix_fields(p, (size_t)(st - p) + 7, f);
	f->action = str(st + 7, wl - 9);
	f->status = FIELD(p, (size_t)(st - p), "dsn=", ", ");
	struct smtpreply_str relay = FIELD(p, (size_t)(st - p), "relay=", ", ");
	const char *rb = relay.ptr ? memchr(relay.ptr, ']', relay.len) : NULL;
	if (rb && memchr(relay.ptr, '[', relay.len) != NULL)
		f->host = str(relay.ptr, (size_t)(rb - relay.ptr) + 1);
	f->problem = str(r, (size_t)(re - r));
	*rc = 1;
	return 1;
}

/* An Exim message id: "1rOabc-000123-AB" (before 4.97) or
 * "1rOabc-00000000123-ABCD": three runs of letters and digits joined by
 * '-', the first of six. */
static int exim_id(const char *p, size_t n)
{
	size_t k = 0, parts = 0, run = 0;
	for (; k < n; k++) {
		char c = p[k];
		if (c == '-') {
			if (run == 0 || (parts == 0 && run != 6))
				return 0;
			parts++;
			run = 0;
		} else if (sr_is_digit(c) || (c >= 'a' && c <= 'z') ||
		           (c >= 'A' && c <= 'Z')) {
			run++;
		} else {
			return 0;
		}
	}
	return parts == 2 && run >= 2;
}

/* Exim's delivery log for a failed ("**") or deferred ("==") address
 * without an SMTP error the matcher above reads: "ID ** a@b.c R=router
 * T=transport: message" (4.99: " : "), "ID == a@b.c R=... T=... defer
 * (111): Connection refused", "ID ** a@b.c: retry timeout exceeded"
 * (deliver.c failure_log(), deferral_log(); retry.c). The message after
 * the first ':' that ends the address and its fields is the problem,
 * without retry.c's ": retry timeout exceeded" after a cause of its own
 * (as a reply's). */
static int match_exim_flag(const char *text, const char *p, size_t n,
                           struct smtpreply_found *f, int *rc)
{
	const char *e = p + n, *fl = NULL;
	for (const char *q = p + 1; q + 3 < e; q++) {
		if (!((q[0] == '*' || q[0] == '=') && q[1] == q[0] && q[2] == ' ' &&
		      q[-1] == ' '))
			continue;
		/* the word before it is the message's id */
		const char *w = q - 1;
		while (w > p && !is_blank(w[-1]))
			w--;
		if (exim_id(w, (size_t)(q - 1 - w))) {
			fl = q;
			break;
		}
	}
	if (fl == NULL)
		return 0;
	const char *a = fl + 3, *ae = a;
	while (ae < e && !is_blank(*ae) && *ae != ':')
		ae++;
	struct smtpreply_str rcpt = unangle(str(a, (size_t)(ae - a)));
	if (rcpt.ptr == NULL || memchr(rcpt.ptr, '@', rcpt.len) == NULL)
		return 0;
	const char *m = NULL;
	for (const char *q = ae; q < e; q++)
		if (*q == ':' && (q + 1 == e || is_blank(q[1]))) {
			m = q + 1;
			break;
		}
	sr_found_init(f, text, p, n);
	f->source = SMTPREPLY_SOURCE_EXIM;
	f->action = str(fl, 2);
	f->recipient = rcpt;
	f->date = stamp(p, n);
	struct smtpreply_str h = FIELD(ae, (size_t)(e - ae), " H=", ":");
	const char *rb = h.ptr ? memchr(h.ptr, ']', h.len) : NULL;
	if (rb)
		f->host = str(h.ptr, (size_t)(rb - h.ptr) + 1);
	if (m != NULL) {
		const char *me = e;
		size_t mn;
		while (m < me && is_blank(*m))
			m++;
		mn = (size_t)(me - m);
		trim(&m, &mn);
		/* "mailbox is full: retry timeout exceeded": the cause */
		sr_strip_exim_suffix(m, &mn);
		f->problem = str(m, mn);
	}
	*rc = 1;
	return 1;
}

/* The log lines that name a failure in the MTA's own words, tried after
 * every matcher that reads a reply. */
static int match_own_words(const char *text, const char *p, size_t n,
                           struct smtpreply_found *f, int *rc)
{
	return match_postfix_status(text, p, n, f, rc) ||
	       match_exim_flag(text, p, n, f, rc);
}

/* Exim: "... H=mx.b.c [1.2.3.4]: SMTP error from remote mail server after
 * RCPT TO:<a@b.c>: 550 5.1.1 ..." (log) or the same words in a bounce's
 * text with the host as "host mx.b.c [1.2.3.4]". */
static int match_exim(const char *text, const char *p, size_t n, char *buf,
                      size_t size, struct smtpreply_found *f, int *rc)
{
	const char *a = SR_FIND(p, n, "SMTP error from remote mail");
	const char *e = p + n;
	int timeout = 0;
	/* Exim's lmtp transport and its smtp transport talking LMTP write
	 * "LMTP error after %s: %s" (transports/lmtp.c, transports/smtp.c):
	 * the same command-then-reply layout, no host (a local socket or
	 * the one LMTP server). Its piece "TP " is the log gate's. */
	if (a == NULL)
		a = SR_FIND(p, n, "LMTP error after ");
	if (a == NULL) {
		a = SR_FIND(p, n, "SMTP timeout after ");
		if (a == NULL)
			return 0;
		timeout = 1;
	}
	const char *after = SR_FIND(a, (size_t)(e - a), " after ");
	if (after == NULL)
		return 0;
	const char *c = after + 7;
	/* The reply starts after the first ": " (or line break) that is
	 * followed by a code; "RCPT TO:<a@b>:" has colons of its own. */
	const char *r = NULL, *cmd_end = e;
	for (const char *q = c; q < e; q++) {
		if ((*q == ':' && q + 1 < e && (q[1] == ' ' || q[1] == '\n' ||
		                                 q[1] == '\r')) ||
		    *q == '\n') {
			if (cmd_end == e)
				cmd_end = q;
			const char *s = q + 1;
			while (s < e && (is_blank(*s) || *s == '\r' || *s == '\n'))
				s++;
			if (s < e && sr_code_at(s, (size_t)(e - s))) {
				r = s;
				break;
			}
			if (timeout)
				break;
		}
	}
	if (r == NULL && !timeout)
		return 0;
	sr_found_init(f, text, p, n);
	f->source = SMTPREPLY_SOURCE_EXIM;
	f->command = sr_command_words(c, (size_t)(cmd_end - c));
	f->date = stamp(p, n);
	/* H=host [ip] in a log line, "host H [ip]" in bounce text. */
	struct smtpreply_str h = FIELD(p, n, " H=", ":");
	if (h.ptr == NULL) {
		const char *hh = SR_FIND(p, (size_t)(a - p), "host ");
		if (hh) {
			const char *he = hh + 5;
			while (he < a && *he != ':' && *he != '\n' && *he != ']')
				he++;
			if (he < a && *he == ']')
				he++;
			h = str(hh + 5, (size_t)(he - hh - 5));
		}
		/* Exim 4.6x-4.8x's bounce text names the host after the
		 * command, on the reply's line: "SMTP error from remote mail
		 * server after RCPT TO:<a@b>:" then "    host H [ip]: 550 ..."
		 * (a delay warning's "Delay reason: SMTP error ..." too) */
		if (hh == NULL && r != NULL && cmd_end < r &&
		    (hh = SR_FIND(cmd_end, (size_t)(r - cmd_end), "host ")) != NULL) {
			const char *he = hh + 5;
			while (he < r && *he != ':' && *he != '\n' && *he != ']')
				he++;
			if (he < r && *he == ']')
				he++;
			if (he > hh + 5)
				h = str(hh + 5, (size_t)(he - hh - 5));
		}
	} else {
		/* "mx.b.c [1.2.3.4]" then maybe " X=TLS..." */
		const char *rb = memchr(h.ptr, ']', h.len);
		if (rb)
			h.len = (size_t)(rb - h.ptr) + 1;
	}
	f->host = h;
	/* "** a@b.c R=..." failed, "== a@b.c ..." deferred */
	for (const char *q = p; q + 3 < a; q++)
		if ((q[0] == '*' && q[1] == '*' && q[2] == ' ') ||
		    (q[0] == '=' && q[1] == '=' && q[2] == ' ')) {
			f->action = str(q, 2);
			const char *rs = q + 3, *re = rs;
			while (re < a && !is_blank(*re))
				re++;
			f->recipient = unangle(str(rs, (size_t)(re - rs)));
			break;
		}
	if (timeout) {
		const char *pe = r ? r : e;
		f->problem = str(a, (size_t)(pe - a));
		*rc = 1;
		return 1;
	}
	size_t rn = (size_t)(e - r);
	exim_gave_up(f, sr_strip_exim_suffix(r, &rn));
	*rc = sr_reassemble_how(r, rn, buf, size, &f->reply, SR_EXIM_OCTAL);
	if (*rc > 0)
		f->has_reply = 1;
	return 1;
}

/* OpenSMTPD: "relay: PermFail for ID: session=..., from=<a>, to=<b>,
 * rcpt=<->, source=..., relay=H (name), delay=1s, result=\"PermFail\",
 * stat=550 5.1.1 ..." (the field names vary with the version). */
static int match_opensmtpd(const char *text, const char *p, size_t n,
                           char *buf, size_t size, struct smtpreply_found *f,
                           int *rc)
{
	if (SR_FIND(p, n, "result=") == NULL && SR_FIND(p, n, "Fail for ") == NULL)
		return 0;
	struct smtpreply_str st = FIELD(p, n, "stat=", "");
	if (st.ptr == NULL) {
		/* smtpd's own refusals: failed-command command="RCPT TO:<a>"
		 * result="550 Invalid recipient" */
		struct smtpreply_str res = FIELD(p, n, "result=\"", "\"");
		struct smtpreply_str cmd = FIELD(p, n, "command=\"", "\"");
		if (res.ptr == NULL || !sr_code_at(res.ptr, res.len))
			return 0;
		sr_found_init(f, text, p, n);
		f->source = SMTPREPLY_SOURCE_OPENSMTPD;
		f->command = sr_command_words(cmd.ptr, cmd.len);
		f->date = stamp(p, n);
		*rc = take_reply(res.ptr, res.len, buf, size, f);
		return 1;
	}
	sr_found_init(f, text, p, n);
	f->source = SMTPREPLY_SOURCE_OPENSMTPD;
	f->recipient = unangle(FIELD(p, n, " to=<", ">"));
	f->date = stamp(p, n);
	if (st.len > 0 && st.ptr[0] == '"') {
		/* 6.x "mta delivery ... relay=\"H (name)\" ... result=\"PermFail\"
		 * stat=\"550 ...\"": values quoted, separated by blanks. The
		 * reply runs to the closing quote (the last one: a reply may
		 * itself hold quotes, and stat= is the last field). */
		f->host = FIELD(p, n, "relay=\"", "\"");
		f->action = FIELD(p, n, "result=\"", "\"");
		const char *qs = st.ptr + 1, *qe = st.ptr + st.len;
		while (qe > qs && (is_blank(qe[-1]) || qe[-1] == '\r'))
			qe--;
		if (qe > qs && qe[-1] == '"')
			qe--;
		st = str(qs, (size_t)(qe - qs));
	} else {
		f->host = FIELD(p, n, "relay=", ",");
		f->action = FIELD(p, n, "result=", ", ");
		if (f->action.len >= 2 && f->action.ptr[0] == '"')
			f->action = str(f->action.ptr + 1, f->action.len - 2);
	}
	const char *s = st.ptr;
	size_t sn = st.len;
	trim(&s, &sn);
	if (!sr_code_at(s, sn)) {
		f->problem = str(s, sn);
		*rc = 1;
		return 1;
	}
	/* mta_session.c keeps the first line's code and runs the later
	 * lines' texts on without theirs (captured: "550-a.b" for "550-a."
	 * then "550 b") */
	*rc = take_reply_how(s, sn, buf, size, f, SR_CODES_DROPPED);
	return 1;
}

/* Sendmail: "to=<a@b.c>, ..., relay=mx.b.c. [1.2.3.4], dsn=5.1.1,
 * stat=User unknown", "stat=Deferred: 451 4.3.0 ...", "reply=550 ...". */
static int match_sendmail(const char *text, const char *p, size_t n,
                          char *buf, size_t size, struct smtpreply_found *f,
                          int *rc, const char *resume, const char **more)
{
	struct smtpreply_str st = FIELD(p, n, "stat=", "");
	struct smtpreply_str dsn = FIELD(p, n, "dsn=", ", ");
	struct smtpreply_str rep = FIELD(p, n, "reply=", "");
	if (st.ptr == NULL && rep.ptr == NULL)
		return 0;
	/* 8.17 writes "reply=REPLY, stat=TEXT": the reply ends where the
	 * last field starts. */
	if (rep.ptr && st.ptr && st.ptr > rep.ptr) {
		const char *cut = NULL;
		for (const char *q = rep.ptr; (q = SR_FIND(q, (size_t)(st.ptr - q),
		                                           ", stat="));
		     q++)
			cut = q;
		if (cut)
			rep.len = (size_t)(cut - rep.ptr);
	}
	const char *s = rep.ptr ? rep.ptr : st.ptr;
	size_t sn = rep.ptr ? rep.len : st.len;
	trim(&s, &sn);
	/* The reply inside stat=: "Deferred: 451 ...", "451 ...". */
	const char *r = NULL;
	for (const char *q = s; q < s + sn; q++)
		if ((q == s || q[-1] == ' ') && sr_code_at(q, (size_t)(s + sn - q))) {
			r = q;
			break;
		}
	if (r == NULL && !(dsn.len > 0 && (dsn.ptr[0] == '4' || dsn.ptr[0] == '5')))
		return 0;
	/* "to=<a@b>,<c@d>, delay=...": one record per recipient, the first,
	 * or the one the caller's position stopped at */
	struct sr_span to = {NULL, 0}, one;
	size_t ri = 0;
	const char *tk = SR_FIND(p, n, "to=");
	if (tk != NULL) {
		const char *ts = tk + 3, *te = SR_FIND(ts, (size_t)(p + n - ts), ", ");
		to.p = ts;
		to.n = (size_t)((te ? te : p + n) - ts);
	}
	if (resume != NULL) {
		long k = to.p ? list_index(to, ',', 0, resume) : -1;
		if (k <= 0)
			return 0;
		ri = (size_t)k;
	}
	sr_found_init(f, text, p, n);
	f->source = SMTPREPLY_SOURCE_SENDMAIL;
	if (to.p && list_item(to, ',', 0, ri, &one)) {
		f->recipient = unangle(str(one.p, one.n));
		*more = list_next(to, ',', 0, ri);
	}
	/* A delivery to a program or a file names it in to= ("|exit 67",
	 * "/var/spool/x") and the address that led there in "ctladdr=<a@b>
	 * (uid/gid)" (sendmail/deliver.c logdelivery(): the controlling
	 * address, the alias a program or file came from): that address is
	 * the failed recipient. A bare user name there (a .forward's owner)
	 * is not one. */
	if (f->recipient.ptr != NULL && f->recipient.len > 1 &&
	    (f->recipient.ptr[0] == '|' || f->recipient.ptr[0] == '/' ||
	     (f->recipient.ptr[0] == '"' &&
	      (f->recipient.ptr[1] == '|' || f->recipient.ptr[1] == '/')))) {
		struct smtpreply_str ctl = FIELD(p, n, "ctladdr=<", ">");
		if (ctl.ptr != NULL && ctl.len > 2 && memchr(ctl.ptr, '@', ctl.len))
			f->recipient = ctl;
	}
	f->host = FIELD(p, n, "relay=", ",");
	f->status = dsn;
	f->action = st;
	f->date = stamp(p, n);
	if (r == NULL) {
		f->problem = str(s, sn);
		*rc = 1;
		return 1;
	}
	/* Sendmail's stat text may end with its own " (in reply to ...)". */
	size_t rn = (size_t)(s + sn - r);
	postfix_tail(r, &rn, f);
	/* Its log writes a byte over 127 as Exim does: "bo\\303\\256te". */
	*rc = sr_reassemble_how(r, rn, buf, size, &f->reply, SR_EXIM_OCTAL);
	if (*rc > 0)
		f->has_reply = 1;
	return 1;
}

/* Exchange Server's message tracking log (MSGTRK*.log) and the Microsoft
 * 365 message trace's extended report: one CSV line per event, the
 * fields the log's "#Fields:" header names (date-time, client-ip,
 * client-hostname, server-ip, server-hostname, source-context,
 * connector-id, source, event-id, internal-message-id, message-id,
 * [network-message-id,] recipient-address, recipient-status, ...; the
 * report: the same names with '_', every value quoted). A FAIL or DEFER
 * event (and their kin: SUBMITFAIL, RESUBMITDEFER...) names the failed
 * recipients, ';' between them, and in recipient-status each one's
 * status in the same order: the reply ("550 5.1.1
 * RESOLVER.ADR.RecipNotFound; not found") or, for a deferral, the queue's
 * last error in brackets ("[{LRT=...};{LED=451 4.4.0 ...};{FQDN=H};
 * {IP=...}]"). The line is known by its shape, not by a header above it:
 * a date-time first, an event name, then the recipients (the first field
 * after the event with an '@' that is not a message-id in <>) and their
 * statuses in the next field. */

#define EX_FIELDS 40

/* The fields of a CSV line; a quoted value without its quotes (*dq: it
 * holds a doubled quote). Returns how many. */
static size_t csv_fields(const char *p, size_t n, struct sr_span *fl,
                         unsigned char *dq, size_t max)
{
	const char *e = p + n, *s = p;
	size_t k = 0;
	while (k < max) {
		dq[k] = 0;
		if (s < e && *s == '"') {
			const char *v = ++s;
			while (s < e) {
				if (*s == '"') {
					if (s + 1 < e && s[1] == '"') {
						dq[k] = 1;
						s += 2;
						continue;
					}
					break;
				}
				s++;
			}
			fl[k].p = v;
			fl[k].n = (size_t)(s - v);
			if (s < e)
				s++; /* the closing quote */
			while (s < e && *s != ',')
				s++;
		} else {
			const char *v = s;
			s = memchr(s, ',', (size_t)(e - s));
			if (s == NULL)
				s = e;
			fl[k].p = v;
			fl[k].n = (size_t)(s - v);
		}
		k++;
		if (s >= e)
			break;
		s++; /* the comma */
	}
	return k;
}

/* "2024-03-05T10:15:22.123Z" */
static int iso_time(const char *p, size_t n)
{
	return n >= 19 && sr_is_digit(p[0]) && sr_is_digit(p[3]) && p[4] == '-' &&
	       p[7] == '-' && p[10] == 'T' && p[13] == ':' && p[16] == ':';
}

/* A line that may be one: a date-time, quoted or not, starts it. The
 * walk's gate for this matcher (it has no phrase for scan.c's). */
static int ex_line_start(const char *p, size_t n)
{
	size_t i = p[0] == '"';
	if (n < 24 || !iso_time(p + i, n - i))
		return 0;
	/* the date-time is a field of its own: a ',' ends it, not a blank
	 * (a syslog line with an ISO time stamp: "2024-01-02T03:04:05.1+00:00
	 * host postfix/smtp[1]: ...") */
	for (i += 19; i < n && i < 48; i++) {
		if (p[i] == ',')
			return 1;
		if (p[i] == ' ' || p[i] == '\t')
			return 0;
	}
	return 0;
}

/* An event that names a failure: FAIL, DEFER, SUBMITFAIL, RESUBMITDEFER,
 * DELIVERFAIL... (upper-case letters only). */
static int ex_failure_event(struct sr_span f)
{
	if (f.n < 4 || f.n > 20)
		return 0;
	for (size_t i = 0; i < f.n; i++)
		if (f.p[i] < 'A' || f.p[i] > 'Z')
			return 0;
	return (f.n >= 4 && memcmp(f.p + f.n - 4, "FAIL", 4) == 0) ||
	       (f.n >= 5 && memcmp(f.p + f.n - 5, "DEFER", 5) == 0);
}

/* In "[{LRT=...};{LED=...};{FQDN=...}]", the value of "{KEY=": up to the
 * "};" or "}]" that ends it (a reply may hold a '}' of its own). */
static struct smtpreply_str ex_bracket(struct sr_span st, const char *key,
                                       size_t klen)
{
	const char *k = sr_find(st.p, st.n, key, klen);
	if (k == NULL)
		return str(NULL, 0);
	const char *v = k + klen, *e = st.p + st.n, *q = v;
	while (q < e && !(*q == '}' && (q + 1 == e || q[1] == ';' || q[1] == ']')))
		q++;
	return str(v, (size_t)(q - v));
}
#define EX_BRACKET(st, lit) ex_bracket((st), (lit), sizeof(lit) - 1)

static int match_exchange(const char *text, const char *p, size_t n,
                          char *buf, size_t size, struct smtpreply_found *f,
                          int *rc, const char *resume, const char **more)
{
	struct sr_span fl[EX_FIELDS];
	unsigned char dq[EX_FIELDS];
	const char *p0 = p;
	size_t n0 = n;
	if (!ex_line_start(p, n))
		return 0;
	size_t nf = csv_fields(p, n, fl, dq, EX_FIELDS), ev = 0, ra = 0;
	if (nf < 4 || !iso_time(fl[0].p, fl[0].n))
		return 0;
	for (size_t i = 1; i < nf && ev == 0; i++)
		if (ex_failure_event(fl[i]))
			ev = i;
	if (ev == 0)
		return 0;
	for (size_t i = ev + 1; i + 1 < nf && ra == 0; i++)
		if (fl[i].n > 0 && fl[i].p[0] != '<' && memchr(fl[i].p, '@', fl[i].n))
			ra = i;
	if (ra == 0)
		return 0;
	/* the recipient this record is for: the first, or the one the
	 * caller's position stopped at; its status, or the last one when
	 * there are fewer */
	struct sr_span rcpt, st;
	size_t ri = 0;
	if (resume != NULL) {
		long k = list_index(fl[ra], ';', 0, resume);
		if (k <= 0)
			return 0;
		ri = (size_t)k;
	}
	if (!list_item(fl[ra], ';', 0, ri, &rcpt) || rcpt.n == 0)
		return 0;
	size_t si = ri, ns = list_count(fl[ra + 1], ';', 1);
	if (si >= ns)
		si = ns > 0 ? ns - 1 : 0;
	if (!list_item(fl[ra + 1], ';', 1, si, &st) || st.n == 0)
		return 0;
	/* the reply: the status itself, or the last error in brackets */
	struct smtpreply_str fqdn = str(NULL, 0);
	const char *r = st.p;
	size_t rn = st.n;
	if (st.p[0] == '[') {
		struct smtpreply_str led = EX_BRACKET(st, "{LED=");
		fqdn = EX_BRACKET(st, "{FQDN=");
		r = led.ptr;
		rn = led.len;
		trim(&r, &rn);
	}
	if (rn == 0)
		return 0;
	sr_found_init(f, text, p0, n0);
	*more = list_next(fl[ra], ';', 0, ri);
	f->source = SMTPREPLY_SOURCE_EXCHANGE;
	f->date = str(fl[0].p, fl[0].n);
	f->action = str(fl[ev].p, fl[ev].n);
	f->recipient = unangle(str(rcpt.p, rcpt.n));
	/* the remote host: the one the queue last tried, else (the log's
	 * own layout: event-id is the 9th field) server-hostname, server-ip */
	if (fqdn.len > 0)
		f->host = fqdn;
	else if (ev == 8 && fl[4].n > 0)
		f->host = str(fl[4].p, fl[4].n);
	else if (ev == 8 && fl[3].n > 0)
		f->host = str(fl[3].p, fl[3].n);
	if (!sr_code_at(r, rn)) {
		f->problem = str(r, rn);
		*rc = 1;
		return 1;
	}
	if (dq[ra + 1]) {
		/* a quoted value's "" is one quote: undo it in the buffer's
		 * second half, then rebuild the reply in the first */
		size_t half = size / 2, k = 0;
		char *scratch = buf + half;
		for (size_t i = 0; i < rn && k < size - half; i++) {
			scratch[k++] = r[i];
			if (r[i] == '"' && i + 1 < rn && r[i + 1] == '"')
				i++;
		}
		*rc = take_reply(scratch, k, buf, half, f);
		return 1;
	}
	*rc = take_reply(r, rn, buf, size, f);
	return 1;
}

/* ---------------------------------------------------------------------
 * Transcripts.
 * --------------------------------------------------------------------- */

enum side { SIDE_NONE, SIDE_SERVER, SIDE_CLIENT };

/* Which side a transcript line is from, and its payload. `py` is set for
 * smtplib's repr'd bytes. */
static enum side transcript_side(const char *p, size_t n, const char **pay,
                                 size_t *pn, int *py)
{
	static const struct {
		const char *pre;
		unsigned char len;
		unsigned char side;
	} pre[] = {
		{"<-  ", 4, SIDE_SERVER}, {"<~  ", 4, SIDE_SERVER},
		{"<** ", 4, SIDE_SERVER}, {"<~* ", 4, SIDE_SERVER},
		{" -> ", 4, SIDE_CLIENT}, {" ~> ", 4, SIDE_CLIENT},
		{"**> ", 4, SIDE_CLIENT}, {"*~> ", 4, SIDE_CLIENT},
		{"<<< ", 4, SIDE_SERVER}, {">>> ", 4, SIDE_CLIENT},
		/* Courier's DSN text indents its transcript by one blank
		 * (courier 1.0.16, seen in tests/data/bounces/courier) */
		{" <<< ", 5, SIDE_SERVER}, {" >>> ", 5, SIDE_CLIENT},
		{"< ", 2, SIDE_SERVER},   {"> ", 2, SIDE_CLIENT},
		{"S: ", 3, SIDE_SERVER},  {"C: ", 3, SIDE_CLIENT},
		{"SERVER -> CLIENT: ", 18, SIDE_SERVER},
		{"CLIENT -> SERVER: ", 18, SIDE_CLIENT},
		{"reply: b'", 9, SIDE_SERVER}, {"reply: b\"", 9, SIDE_SERVER},
		{"send: b'", 8, SIDE_CLIENT},  {"send: '", 7, SIDE_CLIENT},
		{"send: b\"", 8, SIDE_CLIENT}, {"send: \"", 7, SIDE_CLIENT},
		/* Trend Micro InterScan Messaging Security Suite's report
		 * turns the arrows round: "Sent <<< RCPT TO:<a@b>", "Received
		 * >>> 550 5.1.1 unknown user." (Mailman's bounce corpus,
		 * flufl.bounce tests/data/simple_15.txt) */
		{"Sent <<< ", 9, SIDE_CLIENT}, {"Received >>> ", 13, SIDE_SERVER},
	};
	*py = 0;
	/* PHPMailer's debug output (SMTP::edebug, 'echo' and 'html'): a
	 * time stamp "2024-03-05 10:16:30" and a tab or blank before
	 * "SERVER -> CLIENT: "; a reply's further lines indented by 19
	 * blanks, a tab and 18 blanks */
	static const char php_indent[] = "                   \t                  ";
	if (n > 38 && memcmp(p, php_indent, 38) == 0 && sr_code_at(p + 38, n - 38)) {
		*pay = p + 38;
		*pn = n - 38;
		return SIDE_SERVER;
	}
	if (n > 20 && sr_is_digit(p[0]) && p[4] == '-' && p[7] == '-' &&
	    p[10] == ' ' && p[13] == ':' && p[16] == ':' &&
	    (p[19] == '\t' || p[19] == ' ')) {
		p += 20;
		n -= 20;
		if (!STARTS(p, n, "SERVER -> CLIENT: ") &&
		    !STARTS(p, n, "CLIENT -> SERVER: "))
			return SIDE_NONE;
	}
	for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++) {
		size_t l = pre[i].len;
		if (n < l || memcmp(p, pre[i].pre, l) != 0)
			continue;
		*pay = p + l;
		*pn = n - l;
		if (pre[i].pre[0] == 'r' || pre[i].pre[0] == 's') {
			/* smtplib: strip the closing quote */
			*py = 1;
			if (*pn && ((*pay)[*pn - 1] == '\'' || (*pay)[*pn - 1] == '"'))
				(*pn)--;
		}
		return (enum side)pre[i].side;
	}
	return SIDE_NONE;
}

/* smtplib's repr: \r \n \t \\ \' \xHH. Appends the decoded payload. */
static void put_py(struct out *o, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (c == '\\' && i + 1 < n) {
			char x = p[++i];
			if (x == 'r' || x == 'n')
				continue; /* the line end: CRLF is added */
			if (x == 't')
				c = '\t';
			else if (x == 'x' && i + 2 < n) {
				int v = 0;
				for (int k = 1; k <= 2; k++) {
					char h = p[i + (size_t)k];
					v = v * 16 + (sr_is_digit(h) ? h - '0'
					              : (sr_lower((unsigned char)h) - 'a' + 10));
				}
				c = (char)v;
				i += 2;
			} else
				c = x;
		}
		put(o, &c, 1);
	}
}

struct line {
	const char *p;
	size_t n;    /* without the line end */
	size_t next; /* offset of the next line */
};

static int get_line(const char *text, size_t len, size_t pos, struct line *l)
{
	if (pos >= len)
		return 0;
	const char *p = text + pos;
	const char *lf = memchr(p, '\n', len - pos);
	size_t n = lf ? (size_t)(lf - p) : len - pos;
	l->p = p;
	l->next = pos + n + (lf ? 1 : 0);
	if (n && p[n - 1] == '\r')
		n--;
	l->n = n;
	return 1;
}

/* The line at `pos` with its blanks trimmed both sides (l->next as
 * get_line's), or 0 at the end of the text. */
static int get_line_trimmed(const char *text, size_t len, size_t pos,
                            struct line *l)
{
	if (!get_line(text, len, pos, l))
		return 0;
	trim(&l->p, &l->n);
	return 1;
}

/* The line before offset `pos` (which starts a line), or 0. */
static int prev_line(const char *text, size_t pos, struct line *l)
{
	if (pos == 0)
		return 0;
	size_t e = pos - 1; /* the '\n' ending the previous line */
	size_t s = e;
	while (s > 0 && text[s - 1] != '\n')
		s--;
	l->p = text + s;
	l->n = e - s;
	if (l->n && l->p[l->n - 1] == '\r')
		l->n--;
	l->next = pos;
	return 1;
}

#define BACK_LINES 64 /* how far back a transcript's command is looked for */

/* The command a reply at `pos` answers: the client's last line before it
 * (no client line at all before the first reply: the greeting). */
static enum smtpreply_command transcript_command(const char *text, size_t pos,
                                                 int *seen_client,
                                                 struct smtpreply_str *said)
{
	struct line l;
	size_t at = pos;
	*seen_client = 0;
	*said = str(NULL, 0);
	for (int i = 0; i < BACK_LINES && prev_line(text, at, &l); i++) {
		const char *pay;
		size_t pn;
		int py;
		at = (size_t)(l.p - text);
		enum side sd = transcript_side(l.p, l.n, &pay, &pn, &py);
		if (sd == SIDE_CLIENT) {
			*seen_client = 1;
			if (py) {
				/* 'RCPT TO:<a@b>\r\n' */
				*said = str(pay, pn);
				return client_command(pay, pn);
			}
			enum smtpreply_command c = client_command(pay, pn);
			if (c != SMTPREPLY_CMD_UNKNOWN) {
				*said = str(pay, pn);
				return c;
			}
			/* a line of the message: DATA was sent before it */
			continue;
		}
		if (sd == SIDE_NONE && l.n > 0) {
			enum smtpreply_command c = client_command(l.p, l.n);
			if (c != SMTPREPLY_CMD_UNKNOWN) {
				*seen_client = 1;
				*said = str(l.p, l.n);
				return c; /* openssl s_client: typed commands */
			}
		}
	}
	return SMTPREPLY_CMD_UNKNOWN;
}

static struct smtpreply_str address_line(const char *p, size_t n);

/* The address a client's "RCPT TO:<a@b.c> ..." names. */
static struct smtpreply_str rcpt_address(struct smtpreply_str line)
{
	const char *p = line.ptr, *e = line.ptr + line.len;
	const char *lt = p ? memchr(p, '<', line.len) : NULL;
	if (lt == NULL)
		return str(NULL, 0);
	const char *gt = memchr(lt, '>', (size_t)(e - lt));
	if (gt == NULL || gt - lt < 2 || memchr(lt, '@', (size_t)(gt - lt)) == NULL)
		return str(NULL, 0);
	return str(lt + 1, (size_t)(gt - lt - 1));
}

/* Sendmail's own line after a reply in its bounce's transcript:
 * "<a@b.c>... Deferred: 421 ..." or "550 5.1.1 <a@b.c>... User unknown":
 * the recipient it was about. */
static struct smtpreply_str sendmail_said_about(const char *p, size_t n)
{
	const char *e = p + n;
	if (sr_code_at(p, n)) {
		p += 3;
		while (p < e && (*p == ' ' || *p == '.' || sr_is_digit(*p)))
			p++;
	}
	if (p >= e || *p != '<')
		return str(NULL, 0);
	const char *gt = memchr(p, '>', (size_t)(e - p));
	if (gt == NULL || e - gt < 4 || memcmp(gt + 1, "...", 3) != 0 ||
	    memchr(p, '@', (size_t)(gt - p)) == NULL)
		return str(NULL, 0);
	return str(p + 1, (size_t)(gt - p - 1));
}

/* Sendmail and Courier write a bounce's transcript of failures only: the
 * client's last command and the server's 4xx/5xx reply, never a 354 or
 * the final ".". Sendmail's reply() (usersmtp.c) prints SmtpMsgBuffer,
 * the last command smtpmessage() sent, which the "." after the data never
 * enters; Courier's parsedatareply() (module.esmtp/libesmtp.c) logs
 * "DATA" before the reply after the "." as before the DATA command's own.
 * So ">>> DATA" right above a reply there stands for the DATA command or
 * the end of the data, and which one is told by the reply: RFC 5321 4.3.2
 * gives the DATA command 503 (and 554) as its refusals, 3.3 the "no valid
 * recipients" (554) that answers DATA after every RCPT was refused, and
 * Postfix names the command in its own ("<DATA>: Data command
 * rejected"); the end of the data's are 552, 554, 451, 452, 450, 550.
 * Any other reply there answers the end of the data, where the refusals
 * about content, size, spam and policy come. r[0, n): the reply's lines. */
static enum smtpreply_command data_or_dot(const char *r, size_t n)
{
	static const struct {
		const char *s;
		size_t n;
	} data_words[] = {{"no valid recipient", 18}, {"no recipient", 12},
	                  {"<data>", 6}, {"data command", 12}};
	if (n >= 3 && memcmp(r, "503", 3) == 0)
		return SMTPREPLY_CMD_DATA;
	for (size_t k = 0; k < sizeof data_words / sizeof data_words[0]; k++)
		if (sr_find_ci(r, n, data_words[k].s, data_words[k].n) != NULL)
			return SMTPREPLY_CMD_DATA;
	return SMTPREPLY_CMD_DOT;
}

/* Whether one of the server's lines in the block below `pos` (at most
 * `max` lines, before the client's next line or a blank line; Sendmail's
 * own lines between are passed over) is one that `is` accepts, given its
 * payload: the walk later_failure and later_sequence_503 share. */
static int later_server_line(const char *text, size_t len, size_t pos,
                             int max, int (*is)(const char *pay, size_t pn))
{
	struct line l;
	for (int i = 0; i < max && get_line(text, len, pos, &l) && l.n > 0; i++) {
		const char *pay;
		size_t pn;
		int py;
		pos = l.next;
		enum side sd = transcript_side(l.p, l.n, &pay, &pn, &py);
		if (sd == SIDE_CLIENT)
			return 0;
		if (sd == SIDE_SERVER && is(pay, pn))
			return 1;
	}
	return 0;
}

/* A failure reply: a 4xx or 5xx code. */
static int is_failure_reply(const char *pay, size_t pn)
{
	return pn > 3 && (pay[0] == '4' || pay[0] == '5') && sr_code_at(pay, pn);
}

/* A 503 about the sequence ("503 5.5.2 Need Rcpt command.",
 * "503-5.5.1 No valid recipients were given."). */
static int is_sequence_503(const char *pay, size_t pn)
{
	if (pn <= 4 || memcmp(pay, "503", 3) != 0 ||
	    !(pay[3] == ' ' || pay[3] == '-'))
		return 0;
	const char *w = pay + 4;
	size_t wn = pn - 4, en = 0;
	while (en < wn && (sr_is_digit(w[en]) || w[en] == '.'))
		en++;
	while (en < wn && is_blank(w[en]))
		en++;
	return sequence_words(w + en, wn - en);
}

/* A further failure reply of the same session below the reply at `pos`:
 * with PIPELINING, Sendmail writes ">>> DATA", the last command it sent,
 * above a refused RCPT's reply, and the DATA command's own refusal
 * ("503 5.5.1 need RCPT command") comes below it. */
static int later_failure(const char *text, size_t len, size_t pos)
{
	return later_server_line(text, len, pos, 8, is_failure_reply);
}

/* A 503 about the sequence among the server's failures after `pos` in the
 * same block ("<<< 503 5.5.2 Need Rcpt command."): the reply to a DATA
 * that a pipelining client sent after recipients all of which were
 * refused. */
static int later_sequence_503(const char *text, size_t len, size_t pos)
{
	return later_server_line(text, len, pos, 12, is_sequence_503);
}

/* Sendmail's bounce lists each failed address under "----- The following
 * addresses had permanent fatal errors -----" with "    (reason: REPLY)"
 * below it when the address has a status reply (savemail.c errbody: only
 * when q_rstatus is set). The reply after the data sets it (smtpdata()'s
 * mci_setstat(..., SmtpReplyBuffer)); a refused DATA command does not (it
 * returns before). From the line at `pos` (the transcript's "... while
 * talking to"), upwards: 1 a "(reason:" line in that list, 0 the list
 * without one, -1 no such list (a delay warning's "transient non-fatal
 * errors", a transcript quoted alone). */
static int sendmail_reason_listed(const char *text, size_t pos)
{
	struct line l;
	for (int i = 0; i < BACK_LINES && prev_line(text, pos, &l); i++) {
		pos = (size_t)(l.p - text);
		const char *p = l.p;
		size_t n = l.n;
		trim(&p, &n);
		if (STARTS(p, n, "(reason:"))
			return 1;
		if (SR_FIND(p, n, "----- The following addresses had permanent fatal errors -----"))
			return 0;
		if (SR_FIND(p, n, "----- The following addresses had transient non-fatal errors -----"))
			return -1;
	}
	return -1;
}

/* A reply over transcript lines from `first`: its lines gathered into buf.
 * raw: lines that are the reply themselves (a paste, openssl). */
static int match_transcript(const char *text, size_t len,
                            const struct line *first, int raw, char *buf,
                            size_t size, struct smtpreply_found *f, int *rc,
                            size_t *next)
{
	const char *pay;
	size_t pn;
	int py;
	struct line l = *first;

	if (raw) {
		pay = l.p;
		pn = l.n;
		py = 0;
	} else if (transcript_side(l.p, l.n, &pay, &pn, &py) != SIDE_SERVER) {
		return 0;
	}
	if (!sr_code_at(pay, pn))
		return 0;
	/* A further line of a reply whose first line was passed over (the
	 * 503 below: Gmail's "<<< 503-5.5.1 RCPT first. Please visit" then
	 * "<<< 503-5.5.1  https://..." in a pipelining Sendmail's
	 * transcript) is not a reply of its own: it would stand for the
	 * skipped reply with its words cut off. (A first line the walk
	 * took consumed its further lines.) */
	if (!raw) {
		struct line pl;
		const char *pp;
		size_t ppn;
		int ppy;
		if (prev_line(text, (size_t)(l.p - text), &pl) &&
		    transcript_side(pl.p, pl.n, &pp, &ppn, &ppy) == SIDE_SERVER &&
		    ppn > 3 && pp[3] == '-' && sr_code_at(pp, ppn) &&
		    memcmp(pp, pay, 3) == 0)
			return 0;
	}
	/* A 503 about the sequence ("503 5.5.2 Need Rcpt command.") after
	 * the session's refusal is that refusal's consequence (a pipelining
	 * client sent DATA anyway; Sendmail's bounce transcript shows
	 * ">>> DATA", "<<< 550 5.1.1 User unknown", "<<< 503 5.5.2 Need Rcpt
	 * command."): not a failure of its own, no record (issue 13: the
	 * later 503 must not stand for the refusal). */
	if (!raw && pn > 4 && memcmp(pay, "503", 3) == 0) {
		const char *w = pay + 4;
		size_t wn = pn - 4;
		size_t en = 0; /* past an enhanced code */
		while (en < wn && (sr_is_digit(w[en]) || w[en] == '.'))
			en++;
		while (en < wn && is_blank(w[en]))
			en++;
		if (sequence_words(w + en, wn - en)) {
			struct line pl;
			size_t at = (size_t)(l.p - text);
			for (int i = 0; i < 8 && prev_line(text, at, &pl); i++) {
				const char *pp;
				size_t ppn;
				int ppy;
				enum side sd = transcript_side(pl.p, pl.n, &pp, &ppn, &ppy);
				at = (size_t)(pl.p - text);
				if (sd == SIDE_SERVER) {
					if (ppn > 3 && (pp[0] == '4' || pp[0] == '5') &&
					    sr_code_at(pp, ppn) && memcmp(pp, "503", 3) != 0)
						return 0;
					continue;
				}
				if (sd == SIDE_CLIENT ||
				    (pl.n > 3 && sr_code_at(pl.p, pl.n)))
					continue;
				break;
			}
		}
	}
	char code[3];
	memcpy(code, pay, 3);
	struct out o = {buf, size, 0, 0};
	size_t end;
	for (;;) {
		int last = !(pn > 3 && pay[3] == '-');
		/* a pasted line that joined the session's next reply onto the
		 * last line: the reply alone (a transcript's lines are the
		 * server's own, one a line) */
		if (raw && last) {
			size_t cut = next_reply_at(pay, pn);
			if (cut < pn) {
				pn = cut;
				while (pn > 4 && is_blank(pay[pn - 1]))
					pn--;
			}
		}
		if (py)
			put_py(&o, pay, pn);
		else
			put(&o, pay, pn);
		put(&o, "\r\n", 2);
		end = l.next;
		if (last || !get_line(text, len, l.next, &l))
			break;
		if (raw) {
			pay = l.p;
			pn = l.n;
			py = 0;
		} else if (transcript_side(l.p, l.n, &pay, &pn, &py) != SIDE_SERVER) {
			break;
		}
		if (!(pn >= 4 && memcmp(pay, code, 3) == 0 &&
		      (pay[3] == '-' || pay[3] == ' ')))
			break;
	}
	sr_found_init(f, text, first->p, end - (size_t)(first->p - text));
	f->source = raw ? SMTPREPLY_SOURCE_RAW : SMTPREPLY_SOURCE_TRANSCRIPT;
	int seen;
	struct smtpreply_str said;
	f->command = transcript_command(text, (size_t)(first->p - text), &seen,
	                                &said);
	if (!raw && !seen)
		f->command = SMTPREPLY_CMD_GREETING;
	/* The recipient: the one RCPT TO named, or the one Sendmail's line
	 * after the reply names in its bounce ("<a@b.c>... Deferred: ..."). */
	if (f->command == SMTPREPLY_CMD_RCPT)
		f->recipient = rcpt_address(said);
	struct line after;
	if (!raw && f->recipient.ptr == NULL && get_line(text, len, end, &after))
		f->recipient = sendmail_said_about(after.p, after.n);
	/* Sendmail's bounce transcript: "... while talking to mx.b.c.:";
	 * Courier's: "<a@b.c>:" then "    mx.b.c [192.0.2.1]:" above the
	 * session's lines (the same block: no blank line between). */
	struct line h, above;
	size_t at = (size_t)(first->p - text);
	int blank_seen = 0;
	/* Sendmail's (1) or Courier's (2) transcript of failures only */
	int failures_only = 0;
	size_t talking_at = 0;
	for (int i = 0; i < BACK_LINES && !raw && prev_line(text, at, &h); i++) {
		at = (size_t)(h.p - text);
		const char *w = SR_FIND(h.p, h.n, "while talking to ");
		if (w) {
			const char *hs = w + 17, *he = h.p + h.n;
			if (he > hs && he[-1] == ':')
				he--;
			f->host = str(hs, (size_t)(he - hs));
			failures_only = 1;
			talking_at = at;
			break;
		}
		if (h.n == 0)
			blank_seen = 1;
		if (!blank_seen && h.n > 2 && is_blank(h.p[0]) &&
		    h.p[h.n - 1] == ':' && prev_line(text, at, &above)) {
			struct smtpreply_str a = address_line(above.p, above.n);
			if (a.ptr && above.n && above.p[0] == '<') {
				const char *hs = h.p, *he = h.p + h.n - 1;
				while (hs < he && is_blank(*hs))
					hs++;
				f->host = str(hs, (size_t)(he - hs));
				if (f->recipient.ptr == NULL)
					f->recipient = a;
				failures_only = 2;
				break;
			}
		}
	}
	/* ">>> DATA" right above the reply in such a transcript: the DATA
	 * command or the end of the data (data_or_dot); Sendmail's list of
	 * failed addresses tells them apart where the bounce has it. Not
	 * when a further failure follows (later_failure): then the reply
	 * answered a command sent before DATA, which the transcript does not
	 * name. */
	struct line cl;
	const char *cp;
	size_t cpn;
	int cpy;
	/* Sendmail pipelining (RFC 2920): its RCPT commands and DATA go in
	 * one group and the transcript shows the last command sent, ">>>
	 * DATA", above the replies to the RCPTs, which come in order before
	 * DATA's (usersmtp.c smtprcptstat()). A 503 about the sequence
	 * after the reply is DATA's: no recipient was accepted, so the
	 * reply above it answered a RCPT. */
	if (failures_only == 1 && f->command == SMTPREPLY_CMD_DATA &&
	    !o.over && prev_line(text, (size_t)(first->p - text), &cl) &&
	    transcript_side(cl.p, cl.n, &cp, &cpn, &cpy) == SIDE_CLIENT &&
	    client_command(cp, cpn) == SMTPREPLY_CMD_DATA &&
	    memcmp(code, "503", 3) != 0 && later_sequence_503(text, len, end))
		f->command = SMTPREPLY_CMD_RCPT;
	if (failures_only && f->command == SMTPREPLY_CMD_DATA && !o.over &&
	    prev_line(text, (size_t)(first->p - text), &cl) &&
	    transcript_side(cl.p, cl.n, &cp, &cpn, &cpy) == SIDE_CLIENT &&
	    client_command(cp, cpn) == SMTPREPLY_CMD_DATA &&
	    !later_failure(text, len, end)) {
		int listed = failures_only == 1
		                     ? sendmail_reason_listed(text, talking_at)
		                     : -1;
		if (listed == 1)
			f->command = SMTPREPLY_CMD_DOT;
		else if (listed == -1)
			f->command = data_or_dot(buf, o.n);
	}
	*next = end;
	if (o.over) {
		*rc = SMTPREPLY_E_REPLY_TOO_BIG;
		return 1;
	}
	/* A last line cut off: end the reply there. */
	if (o.n >= 6) {
		size_t i = o.n - 2;
		while (i > 0 && buf[i - 1] != '\n')
			i--;
		if (buf[i + 3] == '-')
			buf[i + 3] = ' ';
	}
	struct smtpreply_options opts;
	sr_options_init(&opts);
	opts.max_line = SMTPREPLY_MAX_REPLY_LIMIT;
	opts.max_reply = SMTPREPLY_MAX_REPLY_LIMIT;
	*rc = sr_parse(buf, o.n, &opts, &f->reply);
	if (*rc > 0)
		f->has_reply = 1;
	return 1;
}

/* ---------------------------------------------------------------------
 * Bounce text: phrases of the common non-DSN bounces.
 * --------------------------------------------------------------------- */

/* An address alone on a line: "<a@b.c>:", "  a@b.c", "a@b.c:". */
static struct smtpreply_str address_line(const char *p, size_t n)
{
	trim(&p, &n);
	if (n && p[n - 1] == ':')
		n--;
	if (n >= 2 && p[0] == '<' && p[n - 1] == '>') {
		p++;
		n -= 2;
	}
	if (n < 3 || memchr(p, '@', n) == NULL)
		return str(NULL, 0);
	for (size_t i = 0; i < n; i++)
		if (is_blank(p[i]) || p[i] == '<' || p[i] == '>')
			return str(NULL, 0);
	return str(p, n);
}

/* The recipient a bounce names a few lines above a reply. */
static struct smtpreply_str recipient_above(const char *text, size_t pos)
{
	struct line l;
	for (int i = 0; i < 12 && prev_line(text, pos, &l); i++) {
		struct smtpreply_str a = address_line(l.p, l.n);
		if (a.ptr)
			return a;
		pos = (size_t)(l.p - text);
	}
	return str(NULL, 0);
}

/* Exchange's "a@b.c on 12/2/2026 10:00 AM" a few lines above. */
static struct smtpreply_str exchange_recipient(const char *p, size_t n)
{
	trim(&p, &n);
	const char *sp = memchr(p, ' ', n);
	if (sp && STARTS(sp, (size_t)(p + n - sp), " on "))
		return address_line(p, (size_t)(sp - p));
	return str(NULL, 0);
}

static struct smtpreply_str exchange_recipient_above(const char *text,
                                                     size_t pos)
{
	struct line l;
	size_t at = pos;
	for (int i = 0; i < 6 && prev_line(text, at, &l); i++) {
		struct smtpreply_str a = exchange_recipient(l.p, l.n);
		if (a.ptr)
			return a;
		at = (size_t)(l.p - text);
	}
	return recipient_above(text, pos);
}

/* CommuniGate Pro's "Failed to deliver to '<a@b.c>'" (or 'a@b.c') a
 * few lines above its module's report. */
static struct smtpreply_str cgp_recipient_above(const char *text, size_t pos)
{
	static const char lead[] = "Failed to deliver to '";
	struct line l;
	size_t at = pos;
	for (int i = 0; i < 4 && prev_line(text, at, &l); i++) {
		at = (size_t)(l.p - text);
		const char *p = l.p;
		size_t n = l.n;
		trim(&p, &n);
		if (!STARTS(p, n, lead) || n < sizeof lead || p[n - 1] != '\'')
			continue;
		struct smtpreply_str a = unangle(str(p + sizeof lead - 1,
		                                     n - sizeof lead));
		if (a.len > 0 && memchr(a.ptr, '@', a.len) != NULL)
			return a;
	}
	return recipient_above(text, pos);
}

/* Domino: "was not       a@b.c" (its table flattened to text: the
 * address after the label) or the address alone on a line, a few lines
 * above "because:". */
static struct smtpreply_str domino_recipient_above(const char *text,
                                                   size_t pos)
{
	struct line l;
	size_t at = pos;
	for (int i = 0; i < 12 && prev_line(text, at, &l); i++) {
		at = (size_t)(l.p - text);
		const char *p = l.p;
		size_t n = l.n;
		trim(&p, &n);
		if (STARTS(p, n, "was not")) {
			const char *w = p + n;
			while (w > p && !is_blank(w[-1]))
				w--;
			struct smtpreply_str a = address_line(w, (size_t)(p + n - w));
			if (a.ptr != NULL)
				return a;
		}
	}
	return recipient_above(text, pos);
}

/* qmail: "1.2.3.4 does not like recipient." a line or two above. */
static enum smtpreply_command qmail_command(const char *text, size_t pos,
                                            struct smtpreply_str *host)
{
	struct line l;
	for (int i = 0; i < 4 && prev_line(text, pos, &l); i++) {
		const char *w;
		enum smtpreply_command c = SMTPREPLY_CMD_UNKNOWN;
		if ((w = SR_FIND(l.p, l.n, " does not like recipient")))
			c = SMTPREPLY_CMD_RCPT;
		else if ((w = SR_FIND(l.p, l.n, " does not like sender")))
			c = SMTPREPLY_CMD_MAIL;
		else if ((w = SR_FIND(l.p, l.n, " failed after I sent the message")))
			c = SMTPREPLY_CMD_DOT;
		else if ((w = SR_FIND(l.p, l.n, " failed on DATA command")))
			c = SMTPREPLY_CMD_DATA;
		if (c != SMTPREPLY_CMD_UNKNOWN) {
			*host = str(l.p, (size_t)(w - l.p));
			return c;
		}
		/* qmail-remote: "Connected to H but sender was rejected." */
		if (STARTS(l.p, l.n, "Connected to ") &&
		    (w = SR_FIND(l.p, l.n, " but ")) != NULL) {
			const char *why = w + 5, *e = l.p + l.n;
			size_t wn = (size_t)(e - why);
			if (STARTS(why, wn, "sender was rejected"))
				c = SMTPREPLY_CMD_MAIL;
			else if (STARTS(why, wn, "my name was rejected"))
				c = SMTPREPLY_CMD_HELO; /* after EHLO failed */
			else if (STARTS(why, wn, "greeting failed"))
				c = SMTPREPLY_CMD_GREETING;
			else if (STARTS(why, wn, "authentication was rejected"))
				c = SMTPREPLY_CMD_AUTH;
			if (c != SMTPREPLY_CMD_UNKNOWN) {
				*host = str(l.p + 13, (size_t)(w - l.p - 13));
				return c;
			}
		}
		pos = (size_t)(l.p - text);
	}
	return SMTPREPLY_CMD_UNKNOWN;
}

/* Yahoo's and others' tags at the end of a reply. */
static enum smtpreply_command tag_command(const char *r, size_t n)
{
	if (SR_FIND(r, n, "[RCPT_TO]"))
		return SMTPREPLY_CMD_RCPT;
	if (SR_FIND(r, n, "[MAIL_FROM]"))
		return SMTPREPLY_CMD_MAIL;
	if (SR_FIND(r, n, "[BODY]") || SR_FIND(r, n, "[END_OF_DATA]"))
		return SMTPREPLY_CMD_DOT;
	return SMTPREPLY_CMD_UNKNOWN;
}

/* Gmail wrote the code before the server's reply, which has its own:
 * "550 550-5.1.1 The email account...", "550 550 unknown user". */
static void gmail_code_twice(const char **r, size_t *n)
{
	const char *p = *r;
	size_t k = *n;
	if (k > 8 && memcmp(p, p + 4, 3) == 0 && p[3] == ' ' &&
	    sr_code_at(p + 4, k - 4)) {
		p += 4;
		k -= 4;
	}
	/* and its own " (state 14)." after it */
	size_t t = k;
	while (t && (is_blank(p[t - 1]) || p[t - 1] == '\r' ||
	             p[t - 1] == '\n' || p[t - 1] == '.'))
		t--;
	if (t && p[t - 1] == ')') {
		size_t j = t - 1; /* the ')' */
		while (j && sr_is_digit(p[j - 1]))
			j--;
		if (j < t - 1 && j >= 8 && memcmp(p + j - 8, " (state ", 8) == 0)
			k = j - 8;
	}
	*r = p;
	*n = k;
}

/* Gmail: "... rejected by the server for the recipient domain b.c by
 * mx.b.c. [192.0.2.1]." a few lines above the reply. */
static struct smtpreply_str gmail_host_above(const char *text, size_t pos)
{
	struct line l;
	for (int i = 0; i < 4 && prev_line(text, pos, &l); i++) {
		const char *d = SR_FIND(l.p, l.n, "for the recipient domain ");
		const char *e = l.p + l.n, *by;
		if (d && (by = SR_FIND(d, (size_t)(e - d), " by ")) != NULL) {
			const char *h = by + 4;
			while (e > h && (is_blank(e[-1]) || e[-1] == '.'))
				e--;
			if (e > h && e[-1] == ']')
				return str(h, (size_t)(e - h));
		}
		pos = (size_t)(l.p - text);
	}
	return str(NULL, 0);
}

/* The reply on the lines after an announcing line (Gmail's "The response
 * from the remote server was:"). */
static int reply_below(const char *text, size_t len, size_t pos, char *buf,
                       size_t size, struct smtpreply_found *f, int *rc,
                       size_t *next)
{
	struct line l;
	size_t at = pos;
	for (int i = 0; i < 3 && get_line(text, len, at, &l); i++) {
		const char *p = l.p;
		size_t n = l.n;
		trim(&p, &n);
		if (n == 0) {
			at = l.next;
			continue;
		}
		if (!sr_code_at(p, n))
			return 0;
		/* The reply's lines: this one and those after it that start
		 * with the same code (or continue it, indented). */
		const char *s = l.p, *e = l.p + l.n;
		size_t end = l.next;
		struct line m;
		while (get_line(text, len, end, &m) && m.n > 0) {
			const char *mp = m.p;
			size_t mn = m.n;
			trim(&mp, &mn);
			if (!(mn && (is_blank(m.p[0]) ||
			             (mn >= 3 && memcmp(mp, p, 3) == 0))))
				break;
			e = m.p + m.n;
			end = m.next;
		}
		size_t rn = (size_t)(e - s);
		const char *sfx = sr_strip_exim_suffix(s, &rn); /* Exim's text part */
		gmail_code_twice(&s, &rn);
		*rc = take_reply(s, rn, buf, size, f);
		exim_gave_up(f, sfx);
		f->length = end - f->offset;
		*next = end;
		return 1;
	}
	return 0;
}

/* dma's bounce (mail.c bounce()): "There was an error delivering your
 * mail to <a@b>." a few lines above the reason. */
static struct smtpreply_str dma_recipient_above(const char *text, size_t pos)
{
	static const char lead[] = "There was an error delivering your mail to <";
	struct line l;
	for (int i = 0; i < 4 && prev_line(text, pos, &l); i++) {
		pos = (size_t)(l.p - text);
		if (!STARTS(l.p, l.n, lead))
			continue;
		const char *a = l.p + sizeof lead - 1, *e = l.p + l.n;
		const char *gt = memchr(a, '>', (size_t)(e - a));
		if (gt == NULL || gt == a)
			break;
		return str(a, (size_t)(gt - a));
	}
	return str(NULL, 0);
}

/* A reply whose first line r[0, e) says more lines follow ("550-"): that
 * line and the lines after it in the text (from next_pos) that go on with
 * the same code, to the one that ends it ("550 "), gathered into tmp with
 * line breaks (the first line may be a copy the bounce reader unfolded);
 * *next moves past them. 0 when the first line ends the reply or the
 * lines do not fit. */
static size_t reply_and_lines_below(const char *r, const char *e,
                                    const char *text, size_t len,
                                    size_t next_pos, char *tmp, size_t cap,
                                    size_t *next)
{
	size_t tn = (size_t)(e - r);
	struct line m;
	if (tn < 4 || r[3] != '-' || tn + 2 > cap)
		return 0;
	memcpy(tmp, r, tn);
	size_t end = next_pos;
	while (get_line(text, len, end, &m) && m.n >= 4 &&
	       memcmp(m.p, r, 3) == 0 && (m.p[3] == '-' || m.p[3] == ' ')) {
		if (tn + 1 + m.n > cap)
			break;
		tmp[tn++] = '\n';
		memcpy(tmp + tn, m.p, m.n);
		tn += m.n;
		end = m.next;
		if (m.p[3] == ' ')
			break;
	}
	*next = end;
	return tn;
}

/* The value after `label` on one of the few lines above pos, up to the
 * line's end ("  Recipient address: a@b"). */
static struct smtpreply_str labelled_above(const char *text, size_t pos,
                                           const char *label)
{
	struct line l;
	size_t ln = strlen(label);
	for (int i = 0; i < 6 && prev_line(text, pos, &l); i++) {
		const char *q = sr_find(l.p, l.n, label, ln);
		if (q != NULL) {
			const char *v = q + ln, *ve = l.p + l.n;
			while (ve > v && is_blank(ve[-1]))
				ve--;
			if (ve > v && memchr(v, '@', (size_t)(ve - v)) != NULL)
				return str(v, (size_t)(ve - v));
			break;
		}
		pos = (size_t)(l.p - text);
	}
	return str(NULL, 0);
}

/* qmail-send gives a recipient up after temporary failures when the
 * message is older than its queuelifetime, and says so below the last
 * failure's report (qmail-send.c: "I'm not going to try again; this
 * message has been in the queue too long."): when the report that runs
 * from text[at] to its blank line (at most a few lines) has those words,
 * they are the record's action (found.c reads them as a give-up, class
 * 5), unless it has one. */
static void qmail_gave_up(const char *text, size_t len, size_t at,
                          struct smtpreply_found *f)
{
	static const char words[] = "I'm not going to try again";
	struct line l;
	if (f->action.ptr != NULL)
		return;
	for (int i = 0; i < 8 && get_line(text, len, at, &l); i++) {
		const char *lp = l.p;
		size_t ln = l.n;
		trim(&lp, &ln);
		/* the report ends at a blank line or the next "<a@b>:" */
		if (ln == 0 || (i > 0 && lp[0] == '<' && ln > 2 && lp[ln - 1] == ':' &&
		                lp[ln - 2] == '>'))
			return;
		const char *w = SR_FIND(lp, ln, words);
		if (w != NULL) {
			f->action = str(w, sizeof words - 1);
			return;
		}
		at = l.next;
	}
}

static int hmailserver_line(const char *p, size_t n);
static int smtp_error_line(const char *p, size_t n);

static int match_bounce_text(const char *text, size_t len, size_t at,
                             const char *p, size_t n, size_t next_pos,
                             char *buf, size_t size,
                             struct smtpreply_found *f, int *rc, size_t *next)
{
	const char *a, *e = p + n;

	/* OpenSMTPD: "a@b.c: 550 5.1.1 ..." at the start of a line, the
	 * address alone before the colon. */
	if ((a = memchr(p, ':', n)) != NULL && a > p && a + 2 < e &&
	    a[1] == ' ' && sr_code_at(a + 2, (size_t)(e - a - 2)) &&
	    memchr(p, '@', (size_t)(a - p)) != NULL) {
		const char *q = p;
		while (q < a && !is_blank(*q) && *q != '<' && *q != '>')
			q++;
		if (q == a) {
			sr_found_init(f, text, p, n);
			f->source = SMTPREPLY_SOURCE_BOUNCE;
			f->recipient = str(p, (size_t)(a - p));
			/* the reply as its log's stat= has it */
			*rc = take_reply_how(a + 2, (size_t)(e - a - 2), buf, size,
			                     f, SR_CODES_DROPPED);
			return 1;
		}
	}
	/* CommuniGate Pro: "Failed to deliver to '<a@b>'", then its
	 * module's report, "SMTP module(domain b) reports:", with the remote
	 * host's words indented below: " host H says:" and the reply on the
	 * next line, or " message text rejected by H: 552 ..." (unfolded here
	 * into one unit). The reply is the first failure code after a colon
	 * past "reports:". Only a folded unit (p is not the text's own line):
	 * the layout, not a sentence that happens to hold the words. (The
	 * unfolding keeps the line break before a line that starts with a
	 * code.) */
	if (p != text + at && (a = SR_FIND(p, n, " module(")) != NULL &&
	    (a = SR_FIND(a, (size_t)(e - a), ") reports:")) != NULL) {
		const char *r = NULL, *colon = NULL;
		for (const char *q = a + 10; q < e && r == NULL; q++) {
			if (*q != ':')
				continue;
			const char *s = q + 1;
			while (s < e && (is_blank(*s) || *s == '\r' || *s == '\n'))
				s++;
			if (s > q + 1 && e - s > 4 && (*s == '4' || *s == '5') &&
			    sr_code_at(s, (size_t)(e - s)) &&
			    (s[3] == ' ' || s[3] == '-')) {
				r = s;
				colon = q;
			}
		}
		if (r != NULL) {
			/* the host: the word before the colon, or before "says" */
			const char *he = colon, *hs;
			if (he - (a + 10) > 5 && memcmp(he - 5, " says", 5) == 0)
				he -= 5;
			hs = he;
			while (hs > a + 10 && !is_blank(hs[-1]))
				hs--;
			sr_found_init(f, text, p, n);
			f->source = SMTPREPLY_SOURCE_BOUNCE;
			if (he > hs)
				f->host = str(hs, (size_t)(he - hs));
			f->recipient = cgp_recipient_above(text, at);
			*rc = take_reply(r, (size_t)(e - r), buf, size, f);
			return 1;
		}
	}
	/* qmail, Yahoo: "Remote host said: 550 ..." */
	if ((a = SR_FIND(p, n, "Remote host said: ")) != NULL &&
	    sr_code_at(a + 18, (size_t)(e - a - 18))) {
		const char *r = a + 18;
		/* qmail-remote writes a multi-line reply as the server sent
		 * it, each line on a line of its own after the first:
		 * "550-5.1.1 ...", "550 5.1.1 ..." */
		if (p == text + at && e - r > 3 && r[3] == '-') {
			struct line m;
			size_t end = next_pos;
			while (get_line(text, len, end, &m) && m.n >= 4 &&
			       memcmp(m.p, r, 3) == 0 &&
			       (m.p[3] == '-' || m.p[3] == ' ')) {
				e = m.p + m.n;
				end = m.next;
				if (m.p[3] == ' ')
					break;
			}
			*next = end;
		}
		sr_found_init(f, text, p, n);
		f->source = SMTPREPLY_SOURCE_BOUNCE;
		f->command = qmail_command(text, at, &f->host);
		if (f->command == SMTPREPLY_CMD_UNKNOWN)
			f->command = tag_command(r, (size_t)(e - r));
		f->recipient = recipient_above(text, at);
		*rc = take_reply(r, (size_t)(e - r), buf, size, f);
		qmail_gave_up(text, len, at, f);
		return 1;
	}
	/* dma (DragonFly Mail Agent, net.c READ_REMOTE_CHECK()): "H [a.b.c.d]
	 * did not like our RCPT TO:" ending the line, the server's reply
	 * below as it came (its lines one a line); the command is dma's
	 * name for it ("connect", "MAIL FROM", "RCPT TO", "DATA", "final
	 * DATA" = after the data); the recipient in mail.c's sentence above,
	 * "There was an error delivering your mail to <a@b>." */
	if (n > 21 && e[-1] == ':' &&
	    (a = SR_FIND(p, n, " did not like our ")) != NULL) {
		const char *c = a + 18;
		size_t cn = (size_t)(e - 1 - c);
		static const struct {
			const char *s;
			size_t n;
			enum smtpreply_command cmd;
		} dma_cmds[] = {
			{"connect", 7, SMTPREPLY_CMD_GREETING},
			{"MAIL FROM", 9, SMTPREPLY_CMD_MAIL},
			{"RCPT TO", 7, SMTPREPLY_CMD_RCPT},
			{"DATA", 4, SMTPREPLY_CMD_DATA},
			{"final DATA", 10, SMTPREPLY_CMD_DOT},
		};
		size_t k = 0;
		while (k < sizeof dma_cmds / sizeof dma_cmds[0] &&
		       !(cn == dma_cmds[k].n && memcmp(c, dma_cmds[k].s, cn) == 0))
			k++;
		if (k < sizeof dma_cmds / sizeof dma_cmds[0]) {
			sr_found_init(f, text, p, n);
			f->source = SMTPREPLY_SOURCE_BOUNCE;
			if (!reply_below(text, len, next_pos, buf, size, f, rc, next))
				return 0;
			f->command = dma_cmds[k].cmd;
			const char *hs = p;
			while (hs < a && is_blank(*hs))
				hs++;
			if (a > hs)
				f->host = str(hs, (size_t)(a - hs));
			f->recipient = dma_recipient_above(text, at);
			return 1;
		}
	}
	/* "SMTP error from remote server after RCPT command:" ending its
	 * line, "host H[ip]:" on the next, the reply below, none of them
	 * indented (a T-Online bounce of 2006 in Mailman's bounce corpus,
	 * flufl.bounce tests/data/simple_08.txt; Exim's own "SMTP error
	 * from remote mail server after ..." is match_exim's) */
	if (p == text + at && smtp_error_line(p, n)) {
		const char *c = SR_FIND(p, n, " after ") + 7;
		struct line h;
		if (!get_line(text, len, next_pos, &h))
			return 0;
		const char *hp = h.p;
		size_t hn = h.n;
		trim(&hp, &hn);
		if (hn < 7 || !STARTS(hp, hn, "host ") || hp[hn - 1] != ':')
			return 0;
		sr_found_init(f, text, p, n);
		f->source = SMTPREPLY_SOURCE_BOUNCE;
		if (!reply_below(text, len, h.next, buf, size, f, rc, next))
			return 0;
		f->command = sr_command_words(c, (size_t)(e - 1 - c));
		f->host = str(hp + 5, hn - 6);
		f->recipient = recipient_above(text, at);
		return 1;
	}
	/* EarthLink Mail Service: "Sorry, unable to deliver your message to
	 * a@b for" / "the following reason:", a blank line, then the reply
	 * indented by a blank (Mailman's bounce corpus, flufl.bounce
	 * tests/data/simple_14.txt, and the text part of dsn_02.txt) */
	if (n >= 21 && e[-1] == ':' &&
	    memcmp(e - 21, "the following reason:", 21) == 0) {
		sr_found_init(f, text, p, n);
		f->source = SMTPREPLY_SOURCE_BOUNCE;
		if (!reply_below(text, len, next_pos, buf, size, f, rc, next))
			return 0;
		/* "... your message to a@b for" on this line or the one above */
		struct line pl;
		const char *ls = p, *le = e, *mt;
		if ((mt = SR_FIND(ls, (size_t)(le - ls), "message to ")) == NULL &&
		    p == text + at && prev_line(text, at, &pl)) {
			ls = pl.p;
			le = pl.p + pl.n;
			mt = SR_FIND(ls, (size_t)(le - ls), "message to ");
		}
		if (mt != NULL) {
			const char *as = mt + 11, *ae = as;
			while (ae < le && !is_blank(*ae))
				ae++;
			if (ae > as && memchr(as, '@', (size_t)(ae - as)) != NULL)
				f->recipient = unangle(str(as, (size_t)(ae - as)));
		}
		return 1;
	}
	/* Ipswitch IMail (its SMTP32 service): "Unknown user: a@b", then
	 * "RCPT TO generated following response:" and the reply below
	 * (Mailman's bounce corpus, flufl.bounce tests/data/smtp32_04.txt) */
	if (n > 30 && e[-1] == ':' && p == text + at &&
	    (a = SR_FIND(p, n, " generated following response:")) != NULL &&
	    a + 30 == e) {
		sr_found_init(f, text, p, n);
		f->source = SMTPREPLY_SOURCE_BOUNCE;
		if (!reply_below(text, len, next_pos, buf, size, f, rc, next))
			return 0;
		f->command = sr_command_words(p, (size_t)(a - p));
		/* "Unknown user: a@b" above, past blank lines */
		struct line pl;
		size_t up = at;
		for (int i = 0; i < 3 && prev_line(text, up, &pl); i++) {
			up = (size_t)(pl.p - text);
			if (pl.n == 0)
				continue;
			const char *c = pl.p + pl.n;
			while (c > pl.p && c[-1] != ' ')
				c--;
			if (c > pl.p + 1 && c[-2] == ':' &&
			    memchr(c, '@', (size_t)(pl.p + pl.n - c)) != NULL)
				f->recipient = unangle(str(c, (size_t)(pl.p + pl.n - c)));
			break;
		}
		return 1;
	}
	/* L-Soft LSMTP (LISTSERV's mailer): "Error-for:  a@b", "Error-Code:
	 * 0", "Error-Text: Mailer H said:" and the reply quoted on the next,
	 * indented line (Mailman's bounce corpus, flufl.bounce
	 * tests/data/simple_18.txt) */
	if (STARTS(p, n, "Error-Text: Mailer ") &&
	    (a = SR_FIND(p, n, " said:")) != NULL) {
		const char *r = a + 6, *q = e;
		while (r < e && is_blank(*r))
			r++;
		if (r < e && *r == '"') {
			r++;
			const char *cq = memchr(r, '"', (size_t)(e - r));
			if (cq != NULL)
				q = cq;
		}
		if (!sr_code_at(r, (size_t)(q - r)))
			return 0;
		sr_found_init(f, text, p, n);
		f->source = SMTPREPLY_SOURCE_BOUNCE;
		f->host = str(p + 19, (size_t)(a - p - 19));
		struct smtpreply_str rc2 = labelled_above(text, at, "Error-for:");
		while (rc2.len > 0 && is_blank(rc2.ptr[0]))
			rc2.ptr++, rc2.len--;
		f->recipient = rc2;
		*rc = take_reply(r, (size_t)(q - r), buf, size, f);
		return 1;
	}
	/* hMailServer (SMTPClientConnection.cpp UpdateRecipientWithError_):
	 * under the recipient's address, "   Error Type: SMTP", "   Remote
	 * server (ip) issued an error.", "   hMailServer sent: RCPT
	 * TO:<a@b>" (the command it sent last: "MAIL FROM:<...>", "DATA",
	 * "." after the data...), then "   Remote server replied: REPLY". */
	/* (a line of its own starts with it, after blanks, as the text
	 * pre-filter's hmailserver_line() expects; an unfolded block has it
	 * after the block's first lines) */
	if ((a = SR_FIND(p, n, "Remote server replied: ")) != NULL &&
	    (p != text + at || hmailserver_line(p, n)) &&
	    sr_code_at(a + 23, (size_t)(e - a - 23))) {
		const char *r = a + 23, *w;
		sr_found_init(f, text, p, n);
		f->source = SMTPREPLY_SOURCE_BOUNCE;
		/* the block's lines are indented: the walk unfolded them onto
		 * the address's line, so its words are before the reply */
		if ((w = SR_FIND(p, (size_t)(a - p), "hMailServer sent: ")) != NULL) {
			const char *ce = w + 18;
			while (ce < a && *ce != '\r' && *ce != '\n' &&
			       !STARTS(ce, (size_t)(a - ce), "   Remote server"))
				ce++;
			f->command = sr_command_words(w + 18, (size_t)(ce - w - 18));
		}
		if ((w = SR_FIND(p, (size_t)(a - p), "Remote server (")) != NULL) {
			const char *hs = w + 15, *he = memchr(hs, ')', (size_t)(a - hs));
			if (he != NULL && he > hs)
				f->host = str(hs, (size_t)(he - hs));
		}
		/* A multi-line reply: ParseData() keeps its lines, joined by
		 * CR LF with their codes, so the lines after the first stand
		 * at the start of the lines below, outside the indented block
		 * (which the walk may have unfolded into its buffer): gathered
		 * here after the first, as the server sent them. */
		char joined[4096];
		size_t below;
		size_t jn = reply_and_lines_below(r, e, text, len, next_pos,
		                                  joined, sizeof joined, &below);
		if (jn != 0 && below != next_pos) {
			*next = below;
			*rc = take_reply(joined, jn, buf, size, f);
			return 1;
		}
		*rc = take_reply(r, (size_t)(e - r), buf, size, f);
		return 1;
	}
	/* GMX, web.de, 1&1/IONOS (United Internet's mail servers): under "a@b:"
	 * (or "    a@b:"), "SMTP error from remote server for RCPT TO command,
	 * host: H (ip) reason: REPLY", a multi-line reply's further lines on
	 * lines of their own (a GMX bounce in deltachat/deltachat-core-rust
	 * test-data/message/gmx_ndn.eml; Microsoft's article on 550 5.7.511
	 * quotes the same sentence; a web.de one on the Linux kernel lists). */
	if ((a = SR_FIND(p, n, "SMTP error from remote server for ")) != NULL) {
		const char *c = a + 34, *h, *r;
		const char *cm = SR_FIND(c, (size_t)(e - c), " command, host: ");
		const char *rs = cm ? SR_FIND(cm, (size_t)(e - cm), " reason: ") : NULL;
		if (rs != NULL && sr_code_at(rs + 9, (size_t)(e - rs - 9))) {
			r = rs + 9;
			sr_found_init(f, text, p, n);
			f->source = SMTPREPLY_SOURCE_BOUNCE;
			/* "for TEXT command": the message's text, refused at
			 * its end (vger.kernel.org's content filter, quoted in
			 * the kernel lists' bounces, 2016: "for TEXT command,
			 * ... reason: 550 5.7.1 Content-Policy reject msg") */
			f->command = cm - c == 4 && memcmp(c, "TEXT", 4) == 0
			                 ? SMTPREPLY_CMD_DOT
			                 : sr_command_words(c, (size_t)(cm - c));
			h = cm + 16;
			const char *he = h;
			while (he < rs && *he != ' ')
				he++;
			if (he > h)
				f->host = str(h, (size_t)(he - h));
			/* (the recipient: the caller's, from the address line
			 * this one is folded under or the one above) */
			char tmp[2048];
			size_t tn = reply_and_lines_below(r, e, text, len, next_pos,
			                                  tmp, sizeof tmp, next);
			*rc = tn ? take_reply(tmp, tn, buf, size, f)
			         : take_reply(r, (size_t)(e - r), buf, size, f);
			return 1;
		}
	}
	/* Exchange, Microsoft 365: "Remote Server returned '550 5.1.1 ...'",
	 * "Remote server returned '< #5.0.0 smtp;550 5.1.1 ...>'" */
	if ((a = SR_FIND(p, n, "Remote Server returned '")) != NULL ||
	    (a = SR_FIND(p, n, "Remote server returned '")) != NULL ||
	    (a = SR_FIND(p, n, "remote server returned '")) != NULL) {
		const char *r = a + 24, *q = e;
		while (q > r && q[-1] != '\'')
			q--;
		if (q > r)
			q--; /* the closing quote */
		else
			q = e;
		/* "< #5.0.0 smtp;550 5.1.1 ...>": the reply after "smtp;";
		 * not Microsoft's own "550 5.7.57 SMTP; Client was not
		 * authenticated" or "RESOLVER.ADR.InvalidInSmtp; address
		 * invalid", whose "smtp;" is the reply's words
		 * (tests/test_perturb.c, kind exchange: 9 replies lost). Only
		 * when the value does not start with a reply itself: "554 5.1.0
		 * < #5.1.10 smtp;550 5.1.10 ...>" is the remote server's reply,
		 * which quotes another report (a relay's) in its words. */
		const char *r0 = r;
		while (r0 < q && is_blank(*r0))
			r0++;
		int starts_reply = sr_code_at(r0, (size_t)(q - r0));
		const char *smtp = starts_reply ? NULL
		                                : sr_find_ci(r, (size_t)(q - r), "smtp;", 5);
		if (smtp) {
			const char *s5 = smtp + 5;
			while (s5 < q && is_blank(*s5))
				s5++;
			if (sr_code_at(s5, (size_t)(q - s5)))
				r = s5;
		}
		while (r < q && is_blank(*r))
			r++;
		/* the ">" that closes "< #5.0.0 smtp;...>", not one of the
		 * reply's own ("550 Invalid recipient: <a@b>") */
		if (!starts_reply && q > r && q[-1] == '>')
			q--;
		if (!sr_code_at(r, (size_t)(q - r)))
			return 0;
		sr_found_init(f, text, p, n);
		f->source = SMTPREPLY_SOURCE_BOUNCE;
		/* "a@b mx.b.c Remote Server returned '...'": the lines of
		 * Exchange's "Diagnostic information for administrators" (the
		 * address, the host, the reply) joined on one line when the
		 * text comes from the HTML report: the address first */
		const char *ws = p;
		while (ws < a && is_blank(*ws))
			ws++;
		const char *we = ws;
		while (we < a && !is_blank(*we))
			we++;
		if (we < a && we > ws)
			f->recipient = address_line(ws, (size_t)(we - ws));
		if (f->recipient.ptr != NULL) {
			/* and the one word between them, the remote host */
			const char *hs = we, *he;
			while (hs < a && is_blank(*hs))
				hs++;
			he = hs;
			while (he < a && !is_blank(*he))
				he++;
			const char *rest = he;
			while (rest < a && is_blank(*rest))
				rest++;
			if (he > hs && rest == a && memchr(hs, '.', (size_t)(he - hs)))
				f->host = str(hs, (size_t)(he - hs));
		}
		if (f->recipient.ptr == NULL)
			f->recipient = recipient_above(text, at);
		*rc = take_reply(r, (size_t)(q - r), buf, size, f);
		return 1;
	}
	/* Exchange 2003: "<mail.b.c #5.1.1 smtp;550 5.1.1 ...>" under
	 * "a@b.c on 12/2/2026 10:00 AM" (mail.b.c wrote the report);
	 * Exchange 2007/2010: "mx.b.c (192.0.2.1) #<mx.b.c (192.0.2.1) #5.1.1
	 * smtp;550 ...> #SMTP#" or "#< #5.5.0 smtp;554 ...> #SMTP#" under the
	 * address (the host before "#<" is the remote one). */
	if (SR_FIND(p, n, " #") != NULL || SR_FIND(p, n, "<#") != NULL) {
		const char *lt = memchr(p, '<', n), *smtp = NULL, *st = NULL;
		/* not when a reply opened before the '<': then the "< #5.1.10
		 * smtp;550 ...>" is that reply's words (a relay quoting
		 * Exchange, under Oracle Messaging Server's "Diagnostic code:
		 * smtp;554 5.1.0 < #5.1.10 smtp;550 ...>"), read below */
		if (lt != NULL && !reply_opens_before(p, lt)) {
			for (const char *q = lt; q + 3 < e; q++)
				if (q[0] == '#' && (q[1] == '4' || q[1] == '5') &&
				    q[2] == '.') {
					st = q;
					break;
				}
			if (st != NULL)
				smtp = sr_find_ci(st, (size_t)(e - st), "smtp;", 5);
		}
		if (smtp != NULL) {
			const char *r = smtp + 5, *q = e;
			const char *tag = sr_find_ci(r, (size_t)(e - r), "> #smtp#", 8);
			if (tag)
				q = tag + 1;
			while (r < q && is_blank(*r))
				r++;
			while (q > r && (is_blank(q[-1]) || q[-1] == '\r'))
				q--;
			if (q > r && q[-1] == '>')
				q--;
			if (sr_code_at(r, (size_t)(q - r))) {
				sr_found_init(f, text, p, n);
				f->source = SMTPREPLY_SOURCE_BOUNCE;
				const char *hs = p, *he = lt;
				while (hs < he && is_blank(*hs))
					hs++;
				if (he > hs && he[-1] == '#') {
					he--;
					while (he > hs && is_blank(he[-1]))
						he--;
					if (he > hs)
						f->host = str(hs, (size_t)(he - hs));
				}
				/* the address starts the line when the
				 * report's indented lines were unfolded */
				f->recipient = exchange_recipient(p, (size_t)(lt - p));
				if (f->recipient.ptr == NULL)
					f->recipient = exchange_recipient_above(text, at);
				*rc = take_reply(r, (size_t)(q - r), buf, size, f);
				return 1;
			}
		}
	}
	/* Microsoft 365: "Reported error: 550 5.1.10 RESOLVER...". */
	if ((a = SR_FIND(p, n, "Reported error: ")) != NULL &&
	    sr_code_at(a + 16, (size_t)(e - a - 16))) {
		sr_found_init(f, text, p, n);
		f->source = SMTPREPLY_SOURCE_BOUNCE;
		f->recipient = recipient_above(text, at);
		*rc = take_reply(a + 16, (size_t)(e - a - 16), buf, size, f);
		return 1;
	}
	/* DSN fields quoted in text; Sun/Oracle Messaging Server's text
	 * part writes them in words: "  Recipient address: a@b", "  Reason:
	 * Remote SMTP server has rejected address", "  Diagnostic code:
	 * smtp;550 ...", "  Remote system: dns;H (...)" (as the bounce quoted
	 * in netneutrality/savetheinternet.in issue 166 shows). */
	int ms = 0;
	if ((a = SR_FIND(p, n, "Diagnostic-Code:")) != NULL ||
	    (a = SR_FIND(p, n, "Diagnostic-code:")) != NULL ||
	    (a = SR_FIND(p, n, "diagnostic-code:")) != NULL ||
	    ((a = SR_FIND(p, n, "Diagnostic code:")) != NULL && (ms = 1))) {
		const char *r = a + 16;
		const char *semi = memchr(r, ';', (size_t)(e - r));
		if (semi == NULL)
			return 0;
		r = semi + 1;
		while (r < e && is_blank(*r))
			r++;
		if (!sr_code_at(r, (size_t)(e - r)))
			return 0;
		sr_found_init(f, text, p, n);
		f->source = SMTPREPLY_SOURCE_DSN;
		if (ms) {
			/* a report's text, not its delivery-status part */
			f->source = SMTPREPLY_SOURCE_BOUNCE;
			f->recipient = labelled_above(text, at, "Recipient address: ");
		}
		*rc = take_reply(r, (size_t)(e - r), buf, size, f);
		return 1;
	}
	/* Lotus/HCL Domino's Delivery Failure Report: "was not delivered
	 * to:" the address, then "because:" and the reason: Domino's own
	 * status ("5.1.2 - Bad destination host ...": no record here) or
	 * the remote server's reply, the last line of a multi-line one (IBM
	 * technotes 1100477 and swg21622401), on the same line (the report's
	 * table flattened to text: "because:      550 5.1.1 ...") or below. */
	if ((a = SR_FIND(p, n, "because:")) != NULL &&
	    (a == p || is_blank(a[-1]))) {
		const char *r = a + 8;
		while (r < e && is_blank(*r))
			r++;
		int same = sr_code_at(r, (size_t)(e - r));
		if (same || r == e) {
			sr_found_init(f, text, p, n);
			f->source = SMTPREPLY_SOURCE_BOUNCE;
			if (same)
				*rc = take_reply(r, (size_t)(e - r), buf, size, f);
			else if (!reply_below(text, len, next_pos, buf, size, f, rc,
			                      next))
				return 0;
			f->recipient = domino_recipient_above(text, at);
			return 1;
		}
	}
	/* Gmail: "The error that the other server returned was:" (until about
	 * 2013), "The response from the remote server was:", "The response
	 * was:". A bounce puts the reply on the lines below; a quote that lost
	 * its line breaks (a forum post, a log of the bounce's text) has it on
	 * the same line, older Gmail often with the code written twice ("550
	 * 550 unknown user"). */
	static const struct {
		const char *s;
		size_t n;
	} gmail_leads[] = {
#define GMAIL_LEAD(lit) {lit, sizeof(lit) - 1}
		GMAIL_LEAD("The error that the other server returned was:"),
		GMAIL_LEAD("The response from the remote server was:"),
		GMAIL_LEAD("The response was:"),
#undef GMAIL_LEAD
	};
	for (size_t i = 0; i < sizeof gmail_leads / sizeof gmail_leads[0]; i++) {
		if ((a = sr_find(p, n, gmail_leads[i].s, gmail_leads[i].n)) == NULL)
			continue;
		const char *r = a + gmail_leads[i].n;
		while (r < e && is_blank(*r))
			r++;
		sr_found_init(f, text, p, n);
		f->source = SMTPREPLY_SOURCE_BOUNCE;
		if (sr_code_at(r, (size_t)(e - r))) {
			size_t rn = (size_t)(e - r);
			gmail_code_twice(&r, &rn);
			f->recipient = recipient_above(text, at);
			*rc = take_reply(r, rn, buf, size, f);
			return 1;
		}
		if (!reply_below(text, len, next_pos, buf, size, f, rc, next))
			return 0;
		f->recipient = recipient_above(text, at);
		f->host = gmail_host_above(text, at);
		return 1;
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * Client libraries' error texts: the reply inside the words of the
 * library that got it, as applications and their logs show them. Each
 * form is the library's own (sources in tests/data/extract/README.md):
 *
 *   Symfony Mailer  'Expected response code "250/251/252" but got code
 *   SwiftMailer     "550", with message "550 5.1.1 ...".' (SmtpTransport::
 *                   assertResponseCode; Swift: 'code 250 but got code
 *                   "550", with message "550 ...\r\n"'): the reply as the
 *                   server sent it, its lines on lines of their own
 *   PHPMailer       ErrorInfo "... SMTP server error: RCPT TO command
 *                   failed Detail: TEXT\r\n SMTP code: 550 Additional SMTP
 *                   info: 5.1.1" (PHPMailer::setError: TEXT is the reply
 *                   without its code and enhanced code); its debug output
 *                   "SMTP ERROR: RCPT TO command failed: 550 5.1.1 ..."
 *   Python smtplib  SMTPRecipientsRefused({'a@b': (550, b'5.1.1 ...')}),
 *                   SMTPDataError(554, b'...'), SMTPSenderRefused(553,
 *                   b'...', 'a@b'): the code, then the reply's lines
 *                   without their codes, joined with "\n", as a repr
 *   .NET            "Mailbox unavailable. The server response was: 5.1.1
 *                   ..." (System.Net.Mail.SmtpException: the status's
 *                   sentence names the code, the reply follows without it)
 *   a reply after ": "  JavaMail "...SMTPAddressFailedException: 550 ...",
 *                   Ruby "Net::SMTPFatalError: 550 ..." (or Rails' "Net::
 *                   SMTPServerBusy (451 ..."), Nodemailer "Can't send mail
 *                   - all recipients were rejected: 550 ...", Go's
 *                   textproto "550 5.1.1 ..." after the caller's words
 *   response=       Nodemailer "Could not reset session state. response=
 *                   421 ..."
 *   Exchange        "a@b #550 5.1.1 RESOLVER.ADR.RecipNotFound; not found
 *                   ##" in an NDR's diagnostic information
 * --------------------------------------------------------------------- */

/* The lines after a reply's first line that go on with it: a library
 * keeps a multi-line reply's lines as the server sent them, each on a
 * line of its own ("550-5.7.1 a" LF "550 5.7.1 b"). When the reply at r
 * (its first line ending at *e) is a "550-" line, takes the lines from
 * next_pos that start with its code, up to its last ("550 "); *e moves
 * to the end of the last one. Returns the offset after it (next_pos when
 * none). */
static size_t reply_lines_below(const char *text, size_t len, size_t next_pos,
                                const char *r, const char **e)
{
	struct line m;
	size_t end = next_pos;
	if (*e - r <= 3 || r[3] != '-')
		return end;
	while (get_line(text, len, end, &m) && m.n >= 4 &&
	       memcmp(m.p, r, 3) == 0 && (m.p[3] == '-' || m.p[3] == ' ')) {
		*e = m.p + m.n;
		end = m.next;
		if (m.p[3] == ' ')
			break;
	}
	return end;
}

static int hex_value(char c)
{
	if (sr_is_digit(c))
		return c - '0';
	c = (char)sr_lower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Three digits [2-5]xx at p (n bytes), whatever follows. */
static int digits3(const char *p, size_t n)
{
	return n >= 3 && p[0] >= '2' && p[0] <= '5' && sr_is_digit(p[1]) &&
	       sr_is_digit(p[2]);
}

/* The command a library names in its own words ("RCPT TO command
 * failed", "Recipient command failed", PHPMailer's "DATA END" for the
 * end of the message). */
static enum smtpreply_command wrap_command(const char *p, size_t n)
{
	trim(&p, &n);
	if (STARTS(p, n, "DATA END"))
		return SMTPREPLY_CMD_DOT;
	if (STARTS(p, n, "Recipient"))
		return SMTPREPLY_CMD_RCPT;
	if (STARTS(p, n, "Mail "))
		return SMTPREPLY_CMD_MAIL;
	if (STARTS(p, n, "Data"))
		return SMTPREPLY_CMD_DATA;
	if (STARTS(p, n, "Username") || STARTS(p, n, "Password"))
		return SMTPREPLY_CMD_AUTH;
	return sr_command_words(p, n);
}

/* Symfony Mailer and SwiftMailer: the reply after 'but got code "550",
 * with message "' up to its closing quote: '".' (Symfony), a quote at
 * the line's end or before " {" (Laravel's context after it), or a line
 * that starts with the quote (SwiftMailer keeps the reply's last CRLF).
 * The lines between are the reply's. */
static int wrap_symfony(const char *text, size_t len, const struct line *l,
                        char *buf, size_t size, struct smtpreply_found *f,
                        int *rc, size_t *next)
{
	static const char got[] = "but got code \"", msg[] = "\", with message \"";
	const char *p = l->p, *e = p + l->n, *a = SR_FIND(p, l->n, got);
	if (a == NULL)
		return 0;
	const char *c = a + sizeof got - 1;
	if (!digits3(c, (size_t)(e - c)) ||
	    !STARTS(c + 3, (size_t)(e - c - 3), msg))
		return 0;
	const char *r = c + 3 + sizeof msg - 1;
	if (!sr_code_at(r, (size_t)(e - r)) || memcmp(r, c, 3) != 0)
		return 0;
	/* the closing quote on this line, else on the lines below */
	const char *q = NULL, *re = e;
	size_t end = l->next;
	for (const char *s = r; (s = memchr(s, '"', (size_t)(e - s))) != NULL;
	     s++) {
		const char *t = s + 1;
		if (t == e || *t == '.' || *t == '\r' ||
		    (t + 1 < e && *t == ' ' && t[1] == '{')) {
			q = s;
			break;
		}
	}
	if (q != NULL) {
		re = q;
	} else {
		struct line m;
		for (int i = 0; i < 100 && get_line(text, len, end, &m); i++) {
			if (m.n > 0 && m.p[0] == '"') {
				end = m.next;
				break;
			}
			if (!(m.n >= 4 && memcmp(m.p, r, 3) == 0 &&
			      (m.p[3] == '-' || m.p[3] == ' ')))
				break;
			const char *me = m.p + m.n, *mq = memchr(m.p, '"', m.n);
			re = mq ? mq : me;
			end = m.next;
			if (mq)
				break;
		}
	}
	sr_found_init(f, text, p, end - (size_t)(p - text));
	f->source = SMTPREPLY_SOURCE_TRANSCRIPT;
	/* the codes it expected: Symfony's RCPT TO wants 250/251/252, DATA
	 * 354, AUTH 235 or 334; a lone 250 or 220 could be several */
	const char *x = SR_FIND(p, (size_t)(a - p), "Expected response code ");
	if (x != NULL) {
		x += 23;
		if (*x == '"')
			x++;
		size_t xn = (size_t)(a - x);
		if (STARTS(x, xn, "250/251/252"))
			f->command = SMTPREPLY_CMD_RCPT;
		else if (STARTS(x, xn, "354"))
			f->command = SMTPREPLY_CMD_DATA;
		else if (STARTS(x, xn, "235") || STARTS(x, xn, "334"))
			f->command = SMTPREPLY_CMD_AUTH;
		else if (STARTS(x, xn, "221"))
			f->command = SMTPREPLY_CMD_QUIT;
	}
	*rc = take_reply(r, (size_t)(re - r), buf, size, f);
	*next = end;
	return 1;
}

/* PHPMailer's ErrorInfo: "SMTP server error: CMD command failed Detail:
 * TEXT SMTP code: 550 Additional SMTP info: 5.1.1", TEXT the reply's
 * lines without their code and enhanced code; the detail keeps the
 * reply's last CRLF, so " SMTP code: " most often starts the next line.
 * The reply is rebuilt ("550 5.1.1 TEXT") in the buffer's second half.
 * A detail of several lines is not read (its lines lost their codes). */
static int wrap_phpmailer(const char *text, size_t len, const struct line *l,
                          char *buf, size_t size, struct smtpreply_found *f,
                          int *rc, size_t *next)
{
	static const char err[] = "SMTP server error: ", det[] = " Detail: ",
	                  code[] = "SMTP code: ", ex[] = " Additional SMTP info: ";
	const char *p = l->p, *e = p + l->n, *a = SR_FIND(p, l->n, err);
	if (a == NULL)
		return 0;
	const char *w = a + sizeof err - 1;
	const char *cf = SR_FIND(w, (size_t)(e - w), " command failed");
	const char *d = cf ? SR_FIND(cf, (size_t)(e - cf), det) : NULL;
	if (d == NULL)
		return 0;
	const char *t = d + sizeof det - 1, *te = e, *c = NULL, *ce = NULL;
	size_t end = l->next;
	const char *k = SR_FIND(t, (size_t)(e - t), code);
	if (k != NULL && k > t && k[-1] == ' ') {
		te = k - 1;
		c = k + sizeof code - 1;
		ce = e;
	} else {
		struct line m;
		if (!get_line_trimmed(text, len, l->next, &m))
			return 0;
		const char *mp = m.p;
		size_t mn = m.n;
		if (!STARTS(mp, mn, code))
			return 0;
		c = mp + sizeof code - 1;
		ce = mp + mn;
		end = m.next;
	}
	if (!digits3(c, (size_t)(ce - c)) ||
	    (c + 3 < ce && c[3] != ' ' && c[3] != '\r'))
		return 0;
	size_t tn = (size_t)(te - t);
	trim(&t, &tn);
	/* "Additional SMTP info: 5.1.1" */
	const char *xs = NULL;
	size_t xn = 0;
	const char *xa = SR_FIND(c, (size_t)(ce - c), ex);
	if (xa != NULL) {
		xs = xa + sizeof ex - 1;
		while (xs + xn < ce && !is_blank(xs[xn]) && xs[xn] != '\r')
			xn++;
		if (!enhanced_at(xs, xn, c[0]))
			xn = 0;
	}
	size_t half = size / 2;
	struct out o = {buf + half, size - half, 0, 0};
	put(&o, c, 3);
	if (xn) {
		put(&o, " ", 1);
		put(&o, xs, xn);
	}
	put(&o, " ", 1);
	put(&o, t, tn);
	sr_found_init(f, text, p, end - (size_t)(p - text));
	f->source = SMTPREPLY_SOURCE_TRANSCRIPT;
	f->command = wrap_command(w, (size_t)(cf - w));
	/* "SMTP Error: The following recipients failed: a@b: TEXT" */
	const char *rf = SR_FIND(p, (size_t)(a - p), "recipients failed: ");
	if (rf != NULL) {
		const char *rs = rf + 19, *rq = rs;
		while (rq < a && *rq != ':' && !is_blank(*rq))
			rq++;
		if (rq < a && *rq == ':' && memchr(rs, '@', (size_t)(rq - rs)))
			f->recipient = str(rs, (size_t)(rq - rs));
	}
	*next = end;
	if (o.over) {
		*rc = SMTPREPLY_E_REPLY_TOO_BIG;
		return 1;
	}
	*rc = take_reply(o.buf, o.n, buf, half, f);
	return 1;
}

/* smtplib's exceptions: "(550, b'TEXT')" or "(550, 'TEXT')" (Python 2),
 * TEXT the repr of the reply's lines without their codes, joined with
 * "\n". The reply is rebuilt ("550-line", "550 last") in the buffer's
 * second half from the repr's escapes (\\ \' \" \n \r \t \xHH). */
/* SMTPRecipientsRefused's dict names each refused recipient: a record
 * for each, as for a log line naming several (resume: where the caller's
 * position stopped in the line, at the next key after "), "; *more: where
 * the key after this one starts, or NULL). Each record reads from its
 * key on: the line once in all. */
static int wrap_python(const char *text, const struct line *l,
                       const char *resume, const char **more, char *buf,
                       size_t size, struct smtpreply_found *f, int *rc)
{
	const char *p = l->p, *e = p + l->n, *o0 = NULL, *s = NULL;
	char quote = 0;
	*more = NULL;
	for (const char *q = resume ? resume : p;
	     (q = memchr(q, '(', (size_t)(e - q))) != NULL; q++) {
		const char *c = q + 1;
		size_t cn = (size_t)(e - c);
		if (!digits3(c, cn) || cn < 7 || c[3] != ',' || c[4] != ' ')
			continue;
		const char *v = c + 5;
		int bytes = *v == 'b';
		if (bytes)
			v++;
		/* Python 2's str ("(550, '...')") only after an smtplib
		 * exception's name: "f(451, \"Blocked\")" is any language's
		 * call */
		if (v < e && (*v == '\'' || *v == '"') &&
		    (bytes || SR_FIND(p, (size_t)(q - p), "SMTP") != NULL)) {
			o0 = q;
			quote = *v;
			s = v + 1;
			break;
		}
	}
	if (o0 == NULL)
		return 0;
	const char *code = o0 + 1;
	size_t half = size / 2, line0 = 0;
	struct out o = {buf + half, size - half, 0, 0};
	const char *q = s;
	put(&o, code, 3);
	put(&o, "-", 1);
	for (; q < e && *q != quote; q++) {
		char ch = *q;
		if (ch == '\\' && q + 1 < e) {
			char x = *++q;
			if (x == 'n') {
				put(&o, "\r\n", 2);
				line0 = o.n;
				put(&o, code, 3);
				put(&o, "-", 1);
				continue;
			}
			if (x == 'r')
				continue;
			if (x == 't')
				ch = '\t';
			else if (x == 'x' && e - q > 2 && hex_value(q[1]) >= 0 &&
			         hex_value(q[2]) >= 0) {
				ch = (char)(hex_value(q[1]) * 16 + hex_value(q[2]));
				q += 2;
			} else if (x == '\\' || x == '\'' || x == '"')
				ch = x;
			else
				put(&o, "\\", 1), ch = x;
		}
		put(&o, &ch, 1);
	}
	if (q >= e)
		return 0; /* no closing quote: not smtplib's repr */
	if (o.over)
		return 0;
	o.buf[line0 + 3] = ' '; /* the last line */
	sr_found_init(f, text, p, l->n);
	f->source = SMTPREPLY_SOURCE_TRANSCRIPT;
	/* the exception names the command */
	size_t bn = (size_t)(o0 - p);
	/* aiosmtplib: SMTPRecipientRefused(550, '...', 'a@b'), and its
	 * SMTPRecipientsRefused a list of them */
	int one = (bn >= 20 && memcmp(o0 - 20, "SMTPRecipientRefused", 20) == 0) ||
	          (bn >= 22 && memcmp(o0 - 22, "SMTPRecipientRefused: ", 22) == 0);
	if (resume != NULL || one ||
	    SR_FIND(p, bn, "SMTPRecipientsRefused") != NULL) {
		f->command = SMTPREPLY_CMD_RCPT;
		/* "...'), 'c@d': (450, ..." : the next recipient's key */
		if (e - q > 4 && q[1] == ')' && q[2] == ',' && q[3] == ' ' &&
		    (q[4] == '\'' || q[4] == '"'))
			*more = q + 4;
		/* "..., 'a@b'), SMTPRecipientRefused(450, ...": the recipient,
		 * then the next one */
		if (one && e - q > 4 && q[1] == ',' && q[2] == ' ' &&
		    (q[3] == '\'' || q[3] == '"')) {
			const char *as = q + 4, *ae = memchr(as, q[3], (size_t)(e - as));
			if (ae != NULL) {
				f->recipient = address_line(as, (size_t)(ae - as));
				static const char nx[] = "), SMTPRecipientRefused(";
				if (STARTS(ae + 1, (size_t)(e - ae - 1), nx))
					*more = ae + 4;
			}
		}
		/* {'a@b': (550, ...)}: the key */
		if (bn >= 4 && o0[-1] == ' ' && o0[-2] == ':' &&
		    (o0[-3] == '\'' || o0[-3] == '"')) {
			const char *ke = o0 - 3, *ks = ke;
			while (ks > p && ks[-1] != ke[0] && !is_blank(ks[-1]))
				ks--;
			if (ks > p && ks[-1] == ke[0] && memchr(ks, '@', (size_t)(ke - ks)))
				f->recipient = str(ks, (size_t)(ke - ks));
		}
	} else if (SR_FIND(p, bn, "SMTPSenderRefused") != NULL) {
		f->command = SMTPREPLY_CMD_MAIL;
	} else if (SR_FIND(p, bn, "SMTPAuthenticationError") != NULL) {
		f->command = SMTPREPLY_CMD_AUTH;
	} else if (SR_FIND(p, bn, "SMTPHeloError") != NULL) {
		f->command = SMTPREPLY_CMD_HELO;
	} else if (SR_FIND(p, bn, "SMTPConnectError") != NULL) {
		f->command = SMTPREPLY_CMD_GREETING;
	}
	*rc = take_reply(o.buf, o.n, buf, half, f);
	return 1;
}

/* .NET's SmtpException: the sentence of its SmtpStatusCode, then "The
 * server response was: " and the reply without its code
 * (System.Net.Mail's resources: SmtpMailboxUnavailable and
 * SmtpMailboxBusy are both "Mailbox unavailable.": 450 when the reply's
 * enhanced code is of class 4, else 550). */
static int wrap_dotnet(const char *text, const struct line *l, char *buf,
                       size_t size, struct smtpreply_found *f, int *rc)
{
	static const char was[] = "The server response was: ";
	static const struct {
		const char *s;
		unsigned char n;
		char code[4];
	} st[] = {
#define DN(lit, c) {lit, sizeof(lit) - 1, c}
		DN("Service not available, closing transmission channel.", "421"),
		DN("Mailbox unavailable.", "550"),
		DN("Error in processing.", "451"),
		DN("Insufficient system storage.", "452"),
		DN("Client does not have permission to submit mail to this server.",
		   "454"),
		DN("Syntax error, command unrecognized.", "500"),
		DN("Syntax error in parameters or arguments.", "501"),
		DN("Command not implemented.", "502"),
		DN("Bad sequence of commands.", "503"),
		DN("Command parameter not implemented.", "504"),
		DN("The SMTP server requires a secure connection or the client was "
		   "not authenticated.", "530"),
		DN("User not local; please try a different path.", "551"),
		DN("Exceeded storage allocation.", "552"),
		DN("Mailbox name not allowed.", "553"),
		DN("Transaction failed.", "554"),
#undef DN
	};
	const char *p = l->p, *e = p + l->n, *a = SR_FIND(p, l->n, was);
	if (a == NULL || a - p < 2 || a[-1] != ' ')
		return 0;
	const char *code = NULL;
	for (size_t i = 0; i < sizeof st / sizeof st[0] && code == NULL; i++)
		if ((size_t)(a - 1 - p) >= st[i].n &&
		    memcmp(a - 1 - st[i].n, st[i].s, st[i].n) == 0)
			code = st[i].code;
	if (code == NULL)
		return 0;
	const char *r = a + sizeof was - 1, *re = e;
	/* a stack trace on the same line: "...  at System.Net.Mail..." */
	const char *at = SR_FIND(r, (size_t)(e - r), " at System.");
	if (at != NULL)
		re = at;
	size_t rn = (size_t)(re - r);
	trim(&r, &rn);
	if (rn == 0)
		return 0;
	sr_found_init(f, text, p, l->n);
	f->source = SMTPREPLY_SOURCE_TRANSCRIPT;
	if (SR_FIND(p, l->n, "RecipientCommand") != NULL)
		f->command = SMTPREPLY_CMD_RCPT;
	else if (SR_FIND(p, l->n, "DataStopCommand") != NULL)
		f->command = SMTPREPLY_CMD_DOT;
	else if (SR_FIND(p, l->n, "MailCommand") != NULL)
		f->command = SMTPREPLY_CMD_MAIL;
	if (sr_code_at(r, rn)) {
		*rc = take_reply(r, rn, buf, size, f);
		return 1;
	}
	size_t half = size / 2;
	struct out o = {buf + half, size - half, 0, 0};
	char c[3] = {code[0], code[1], code[2]};
	if (c[0] == '5' && c[1] == '5' && c[2] == '0' && rn > 1 && r[0] == '4' &&
	    r[1] == '.')
		c[0] = '4';
	put(&o, c, 3);
	put(&o, " ", 1);
	put(&o, r, rn);
	if (o.over) {
		*rc = SMTPREPLY_E_REPLY_TOO_BIG;
		return 1;
	}
	*rc = take_reply(o.buf, o.n, buf, half, f);
	return 1;
}

/* 1 when a reply code starts a word in [p, c) (at p or after a blank):
 * a reply whose words quote the one at c. */
static int reply_before(const char *p, const char *c, const char *e)
{
	for (const char *q = p; q < c; q++)
		if ((q == p || is_blank(q[-1])) && sr_code_at(q, (size_t)(e - q)))
			return 1;
	return 0;
}

/* The word before a ':' at c (c > p): "SMTPAddressFailedException",
 * "failed", "rejected"... */
static struct smtpreply_str word_before(const char *p, const char *c)
{
	const char *w = c;
	while (w > p && !is_blank(w[-1]) && w[-1] != '(' && w[-1] != '.' &&
	       w[-1] != ':' && w[-1] != '>')
		w--;
	return str(w, (size_t)(c - w));
}

static int ends_with(struct smtpreply_str s, const char *lit, size_t ln)
{
	return s.len >= ln && memcmp(s.ptr + s.len - ln, lit, ln) == 0;
}
#define ENDS(s, lit) ends_with((s), (lit), sizeof(lit) - 1)

/* Whether the reply r[0, rn) names the address a[0, an) in angle
 * brackets ("<a@b>"). */
static int names_in_brackets(const char *r, size_t rn, const char *a,
                             size_t an)
{
	for (const char *q = r; q < r + rn;) {
		const char *m = sr_find(q, (size_t)(r + rn - q), a, an);
		if (m == NULL)
			return 0;
		if (m > r && m[-1] == '<' && m + an < r + rn && m[an] == '>')
			return 1;
		q = m + 1;
	}
	return 0;
}

/* nullmailer-send's log names a message's envelope a few lines above
 * its protocol module's words (src/send.cc log_msg(): "From: <s@a> to:
 * <r@b>", more recipients after ", "; then the Message-ID line): the
 * recipient, when the message has one only. A message to several gets
 * one line of words for all (its smtp module gives the whole message up
 * at the first refused RCPT); when the reply r[0, rn) names exactly one
 * of its recipients in angle brackets (a server's "550 5.1.1 <a@b>: ...
 * User unknown"), the refusal is that recipient's. */
static struct smtpreply_str nullmailer_recipient_above(const char *text,
                                                       size_t pos,
                                                       const char *r,
                                                       size_t rn)
{
	static const char sep[] = ">, <";
	struct line l;
	for (int i = 0; i < 4 && prev_line(text, pos, &l); i++) {
		pos = (size_t)(l.p - text);
		const char *t = STARTS(l.p, l.n, "From: <") ? SR_FIND(l.p, l.n, "> to: <")
		                                            : NULL;
		if (t == NULL)
			continue;
		const char *a = t + 7, *e = l.p + l.n;
		while (e > a && (e[-1] == '\r' || is_blank(e[-1])))
			e--;
		if (e - a < 4 || e[-1] != '>')
			return str(NULL, 0);
		if (memchr(a, '>', (size_t)(e - a - 1)) == NULL)
			return str(a, (size_t)(e - a - 1));
		/* several: "<a>, <b>, <c>" */
		struct smtpreply_str hit = str(NULL, 0);
		e--; /* the last '>' */
		while (a < e) {
			const char *g = sr_find(a, (size_t)(e - a), sep, sizeof sep - 1);
			const char *ae = g != NULL ? g : e;
			if (ae == a || memchr(a, '>', (size_t)(ae - a)) != NULL ||
			    memchr(a, '<', (size_t)(ae - a)) != NULL)
				return str(NULL, 0);
			if (names_in_brackets(r, rn, a, (size_t)(ae - a))) {
				if (hit.ptr != NULL)
					return str(NULL, 0);
				hit = str(a, (size_t)(ae - a));
			}
			a = g != NULL ? g + sizeof sep - 1 : e;
		}
		return hit;
	}
	return str(NULL, 0);
}

/* dma's log: the recipient of the delivery whose line is at p, from its
 * "<a@b> trying delivery" line above with the same syslog tag ("dma[ID]:"
 * -- dma.c deliver() sets the queue item's id as the tag). */
static struct smtpreply_str dma_recipient_log(const char *text, const char *p,
                                              size_t n)
{
	const char *t = SR_FIND(p, n, "dma[");
	const char *te = t ? memchr(t, ']', (size_t)(p + n - t)) : NULL;
	if (te == NULL || te + 2 > p + n || te[1] != ':')
		return str(NULL, 0);
	size_t tn = (size_t)(te + 2 - t), pos = (size_t)(p - text);
	struct line l;
	for (int i = 0; i < 40 && prev_line(text, pos, &l); i++) {
		pos = (size_t)(l.p - text);
		const char *m = sr_find(l.p, l.n, t, tn);
		if (m == NULL)
			continue;
		const char *a = m + tn, *e = l.p + l.n;
		while (a < e && is_blank(*a))
			a++;
		const char *gt = a < e && *a == '<' ? memchr(a, '>', (size_t)(e - a)) : NULL;
		if (gt != NULL && gt > a + 1 &&
		    STARTS(gt, (size_t)(e - gt), "> trying delivery"))
			return str(a + 1, (size_t)(gt - a - 1));
	}
	return str(NULL, 0);
}

/* Courier's log (courieresmtp through syslog): each line of the server's
 * reply on a log line of its own, after the same "courieresmtp:
 * id=ID,from=<s>,addr=<a@b>: " ("550-5.7.1 a", "550-5.7.1 b", "550 5.7.1
 * c"), then "...,addr=<a@b>,status: failure" (or deferred). The reply is
 * the lines with that prefix up to its last; the recipient is addr=. The
 * log names no command. */
static int wrap_courier_log(const char *text, size_t len, const struct line *l,
                            char *buf, size_t size, struct smtpreply_found *f,
                            int *rc, size_t *next)
{
	const char *p = l->p, *e = p + l->n;
	const char *m = SR_FIND(p, l->n, "courieresmtp: id=");
	const char *ad = m ? SR_FIND(m, (size_t)(e - m), ",addr=<") : NULL;
	const char *gt = ad ? memchr(ad + 7, '>', (size_t)(e - ad - 7)) : NULL;
	if (gt == NULL || e - gt < 7 || gt[1] != ':' || gt[2] != ' ' ||
	    (gt[3] != '4' && gt[3] != '5') || !sr_code_at(gt + 3, (size_t)(e - gt - 3)))
		return 0;
	const char *r = gt + 3;
	size_t pn = (size_t)(r - m), half = size / 2, end = l->next;
	struct out o = {buf + half, size - half, 0, 0};
	put(&o, r, (size_t)(e - r));
	int more = e - r > 3 && r[3] == '-';
	struct line ml;
	while (more && get_line(text, len, end, &ml)) {
		const char *q = sr_find(ml.p, ml.n, m, pn);
		if (q == NULL)
			break;
		const char *rr = q + pn, *re = ml.p + ml.n;
		if (re - rr < 4 || memcmp(rr, r, 3) != 0 || (rr[3] != '-' && rr[3] != ' '))
			break;
		put(&o, "\n", 1);
		put(&o, rr, (size_t)(re - rr));
		more = rr[3] == '-';
		end = ml.next;
	}
	sr_found_init(f, text, p, end - (size_t)(p - text));
	f->source = SMTPREPLY_SOURCE_TRANSCRIPT;
	f->recipient = str(ad + 7, (size_t)(gt - ad - 7));
	*next = end;
	if (o.over) {
		*rc = SMTPREPLY_E_REPLY_TOO_BIG;
		return 1;
	}
	*rc = take_reply(o.buf, o.n, buf, half, f);
	return 1;
}

/* A refusal after ": " (or Rails' " (" after a Net::SMTP class): the
 * first place where a 4xx or 5xx reply code follows, when the word before the colon is an
 * exception's or error's name or a library's "failed", "rejected",
 * "login" (JavaMail, Ruby, Nodemailer, PHPMailer's debug output), or the
 * code is followed by an enhanced code of its class (Go's errors after
 * the caller's words: "send failed: 550 5.1.1 ..."). The reply runs to
 * the line's end, and over the next lines when it is a "550-" line. */
static int wrap_colon(const char *text, size_t len, const struct line *l,
                      char *buf, size_t size, struct smtpreply_found *f,
                      int *rc, size_t *next)
{
	const char *p = l->p, *e = p + l->n, *r = NULL, *colon = NULL;
	int rails = 0, nullmailer = 0, reason_line = 0;
	/* nullmailer's protocol modules (protocols/protocol.cc
	 * protocol_fail(): cli_program << ": Failed: " << msg) write the
	 * server's refusal so, with or without an enhanced code, in
	 * nullmailer-send's log */
	static const char nm[] = "smtp: Failed: ";
	if (l->n > sizeof nm + 2 && memcmp(p, nm, sizeof nm - 1) == 0 &&
	    (p[sizeof nm - 1] == '4' || p[sizeof nm - 1] == '5') &&
	    sr_code_at(p + sizeof nm - 1, l->n - (sizeof nm - 1))) {
		colon = p + sizeof nm - 3;
		r = p + sizeof nm - 1;
		nullmailer = 1;
	}
	/* dma's log (net.c READ_REMOTE_CHECK(): "remote delivery to H [ip]
	 * failed after RCPT TO: 550 ..." or "remote delivery deferred: H
	 * [ip] failed after ...", its commands named as in its bounce) */
	enum smtpreply_command dma_cmd = SMTPREPLY_CMD_UNKNOWN;
	const char *fa = r == NULL ? SR_FIND(p, l->n, " failed after ") : NULL;
	if (fa != NULL && SR_FIND(p, (size_t)(fa - p), "remote delivery ") != NULL) {
		const char *c = fa + 14;
		size_t cn = (size_t)(e - c);
		static const struct {
			const char *s;
			size_t n;
			enum smtpreply_command cmd;
		} dc[] = {
			{"connect: ", 9, SMTPREPLY_CMD_GREETING},
			{"MAIL FROM: ", 11, SMTPREPLY_CMD_MAIL},
			{"RCPT TO: ", 9, SMTPREPLY_CMD_RCPT},
			{"DATA: ", 6, SMTPREPLY_CMD_DATA},
			{"final DATA: ", 12, SMTPREPLY_CMD_DOT},
		};
		for (size_t k = 0; k < sizeof dc / sizeof dc[0]; k++)
			if (cn > dc[k].n + 3 && memcmp(c, dc[k].s, dc[k].n) == 0 &&
			    (c[dc[k].n] == '4' || c[dc[k].n] == '5') &&
			    sr_code_at(c + dc[k].n, cn - dc[k].n)) {
				colon = c + dc[k].n - 2;
				r = c + dc[k].n;
				dma_cmd = dc[k].cmd;
				break;
			}
	}
	for (const char *q = p; r == NULL && (q = memchr(q, ':', (size_t)(e - q))) != NULL;
	     q++) {
		/* a refusal (4xx, 5xx): a library's error, or a reply a
		 * caller logged because it failed */
		if (q == p || q + 2 >= e || q[1] != ' ' ||
		    (q[2] != '4' && q[2] != '5') ||
		    !sr_code_at(q + 2, (size_t)(e - q - 2)))
			continue;
		struct smtpreply_str w = word_before(p, q);
		/* Sendmail's bounce text "(reason: 550-5.7.1 ...)" heads its
		 * transcript, which has the whole reply: not read here */
		if (w.ptr > p && w.ptr[-1] == '(')
			continue;
		/* "host H said: 550 5.1.1 ..." is an MTA's report (Postfix's
		 * log, qmail's and Exim's bounce text), read by the log and
		 * bounce matchers with its host and command: not a client
		 * library's error, even with an enhanced code after the code */
		if (ENDS(w, "said"))
			continue;
		/* Sendmail's own line under its bounce transcript's reply,
		 * "<a@b>... Deferred: 451 4.7.29 ..." (err.c fmtmsg()'s "%s...
		 * " and deliver.c giveresponse()'s "Deferred: " before the
		 * reply it just showed as "<<< 451 4.7.29 ..."): an echo of
		 * that reply, which the transcript's record has already */
		if (w.len == 8 && memcmp(w.ptr, "Deferred", 8) == 0 &&
		    w.ptr - p >= 4 && memcmp(w.ptr - 4, "... ", 4) == 0) {
			struct line pl;
			if (prev_line(text, (size_t)(p - text), &pl) && pl.n > 7 &&
			    memcmp(pl.p, "<<< ", 4) == 0 &&
			    memcmp(pl.p + 4, q + 2, 3) == 0)
				return 0;
		}
		/* a bounce's "Reason: 550 ..." on a line of its own under the
		 * address it failed for (Symantec Email Security.cloud,
		 * MAILER-DAEMON@messagelabs.com: "I was unable to deliver your
		 * message to the following addresses:", the address, then
		 * "Reason: " and the recipient server's refusal, Broadcom
		 * articles 162445 and 161393) */
		if (w.len == 6 && memcmp(w.ptr, "Reason", 6) == 0) {
			const char *ls = p;
			while (ls < w.ptr && is_blank(*ls))
				ls++;
			if (ls == w.ptr) {
				colon = q;
				r = q + 2;
				reason_line = 1;
				break;
			}
		}
		if (ENDS(w, "Exception") || ENDS(w, "Error") || ENDS(w, "Busy") ||
		    ENDS(w, "failed") || ENDS(w, "rejected") || ENDS(w, "login") ||
		    (e - q > 6 && enhanced_at(q + 6, (size_t)(e - q - 6), q[2]))) {
			colon = q;
			r = q + 2;
			break;
		}
	}
	/* a reply before it (after a blank or a tab) quotes this one in its
	 * words: the line is that reply's, not a library's error */
	if (reply_before(p, colon, e))
		return 0;
	if (r == NULL) {
		/* Rails: "Net::SMTPServerBusy (451 4.7.1 ...": the message
		 * ends with the reply's line break, its ")" below */
		const char *ns = SR_FIND(p, l->n, "Net::SMTP");
		const char *pa = ns ? SR_FIND(ns, (size_t)(e - ns), " (") : NULL;
		if (pa == NULL || !sr_code_at(pa + 2, (size_t)(e - pa - 2)))
			return 0;
		colon = pa;
		r = pa + 2;
		rails = 1;
	}
	const char *re = e;
	/* Ruby's uncaught error: "...in `check_response': 550 ...
	 * (Net::SMTPFatalError)", the class after the message */
	const char *cls = SR_FIND(r, (size_t)(e - r), " (Net::SMTP");
	if (cls != NULL)
		re = cls;
	if (rails) {
		/* "...):" on the same line when the line break was lost */
		while (re > r && (is_blank(re[-1]) || re[-1] == '\r'))
			re--;
		if (re - r > 2 && re[-1] == ':' && re[-2] == ')')
			re -= 2;
	}
	size_t end = reply_lines_below(text, len, l->next, r, &re);
	sr_found_init(f, text, p, end - (size_t)(p - text));
	f->source = SMTPREPLY_SOURCE_TRANSCRIPT;
	size_t bn = (size_t)(colon - p);
	if (SR_FIND(p, bn, "SMTPAddressFailedException") != NULL ||
	    SR_FIND(p, bn, "recipients were rejected") != NULL ||
	    SR_FIND(p, bn, "Recipient command failed") != NULL)
		f->command = SMTPREPLY_CMD_RCPT;
	else if (SR_FIND(p, bn, "SMTPSenderFailedException") != NULL ||
	         SR_FIND(p, bn, "Mail command failed") != NULL)
		f->command = SMTPREPLY_CMD_MAIL;
	else if (SR_FIND(p, bn, "AuthenticationFailedException") != NULL ||
	         SR_FIND(p, bn, "SMTPAuthenticationError") != NULL ||
	         SR_FIND(p, bn, "Invalid login") != NULL)
		f->command = SMTPREPLY_CMD_AUTH;
	else if (SR_FIND(p, bn, "Data command failed") != NULL)
		f->command = SMTPREPLY_CMD_DATA;
	else if (SR_FIND(p, bn, "Message failed") != NULL)
		f->command = SMTPREPLY_CMD_DOT; /* Nodemailer: after the data */
	else {
		/* PHPMailer's debug: "SMTP ERROR: RCPT TO command failed: " */
		const char *cf = SR_FIND(p, bn, " command failed");
		const char *se = cf ? SR_FIND(p, (size_t)(cf - p), "SMTP ERROR: ")
		                    : NULL;
		if (se != NULL) {
			/* its "SERVER -> CLIENT: " line just above gave the
			 * reply (with the command): not twice */
			struct line pl;
			const char *pay;
			size_t pn;
			int py;
			if (prev_line(text, (size_t)(p - text), &pl) &&
			    transcript_side(pl.p, pl.n, &pay, &pn, &py) == SIDE_SERVER)
				return 0;
			f->command = wrap_command(se + 12, (size_t)(cf - se - 12));
		}
	}
	if (nullmailer)
		f->recipient = nullmailer_recipient_above(text, (size_t)(p - text), r,
		                                          (size_t)(re - r));
	if (reason_line) {
		f->source = SMTPREPLY_SOURCE_BOUNCE;
		f->recipient = recipient_above(text, (size_t)(p - text));
	}
	if (dma_cmd != SMTPREPLY_CMD_UNKNOWN) {
		f->command = dma_cmd;
		f->recipient = dma_recipient_log(text, p, (size_t)(e - p));
		const char *rd = SR_FIND(p, (size_t)(fa - p), "remote delivery ");
		if (rd != NULL) {
			const char *hs = rd + 16, *he = fa;
			if (STARTS(hs, (size_t)(fa - hs), "to "))
				hs += 3;
			else if (STARTS(hs, (size_t)(fa - hs), "deferred: "))
				hs += 10;
			if (he > hs)
				f->host = str(hs, (size_t)(he - hs));
		}
	}
	*rc = take_reply(r, (size_t)(re - r), buf, size, f);
	*next = end;
	return 1;
}

/* "response=421 ..." or response="421 ..." (Nodemailer's "Could not
 * reset session state. response=..."): to the closing quote or the
 * line's end. */
static int wrap_response(const char *text, const struct line *l, char *buf,
                         size_t size, struct smtpreply_found *f, int *rc)
{
	const char *p = l->p, *e = p + l->n, *a = SR_FIND(p, l->n, "response=");
	if (a == NULL || (a > p && !is_blank(a[-1]) && a[-1] != '.' &&
	                  a[-1] != ',' && a[-1] != ';'))
		return 0;
	const char *r = a + 9, *re = e;
	char qu = 0;
	if (r < e && (*r == '"' || *r == '\'')) {
		qu = *r++;
		const char *cq = memchr(r, qu, (size_t)(e - r));
		if (cq == NULL)
			return 0;
		re = cq;
	}
	if (!sr_code_at(r, (size_t)(re - r)) || reply_before(p, a, e))
		return 0;
	sr_found_init(f, text, p, l->n);
	f->source = SMTPREPLY_SOURCE_TRANSCRIPT;
	if (SR_FIND(p, (size_t)(a - p), "reset session state") != NULL)
		f->command = SMTPREPLY_CMD_RSET;
	*rc = take_reply(r, (size_t)(re - r), buf, size, f);
	return 1;
}

/* Exchange 2007-2019's NDR, its diagnostic information: "a@b.c" then
 * "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##" (or both on one
 * line): '#', a reply code, its enhanced code, up to " ##". */
static int wrap_exchange_hash(const char *text, size_t at, const struct line *l,
                              char *buf, size_t size,
                              struct smtpreply_found *f, int *rc)
{
	const char *p = l->p, *e = p + l->n, *r = NULL;
	for (const char *q = p; (q = memchr(q, '#', (size_t)(e - q))) != NULL;
	     q++) {
		/* The enhanced code of either failure class: Exchange's own
		 * "#550 4.4.7 QUEUE.Expired; message expired ##" and a remote
		 * "#451 5.7.3 STARTTLS is required ..." do not agree with
		 * their reply code (tests/test_perturb.c, kind exchange2010:
		 * 14 such replies were lost). */
		if ((q == p || is_blank(q[-1])) &&
		    sr_code_at(q + 1, (size_t)(e - q - 1)) && q + 5 < e &&
		    q[4] == ' ' &&
		    (enhanced_at(q + 5, (size_t)(e - q - 5), q[1]) ||
		     (q[1] >= '4' &&
		      enhanced_at(q + 5, (size_t)(e - q - 5),
		                  q[1] == '4' ? '5' : '4')))) {
			r = q + 1;
			break;
		}
	}
	if (r == NULL)
		return 0;
	/* The reply ends at the line's last " ##": a reply's own words may
	 * hold one ("550 5.7.1 Connections not accepted ... ## Fix reverse
	 * DNS for 192.0.2.1", smtp-field-manual:91). */
	const char *re = e;
	for (const char *hh = r;
	     (hh = SR_FIND(hh, (size_t)(e - hh), " ##")) != NULL; hh += 3)
		re = hh;
	sr_found_init(f, text, p, l->n);
	f->source = SMTPREPLY_SOURCE_BOUNCE;
	f->recipient = address_line(p, (size_t)(r - 1 - p));
	if (f->recipient.ptr == NULL)
		f->recipient = recipient_above(text, at);
	*rc = take_reply(r, (size_t)(re - r), buf, size, f);
	return 1;
}

/* The forms above, tried in order on the line l (at offset at). */
/* ---------------------------------------------------------------------
 * DSN fields in JSON: a bounce notification that carries a DSN's
 * per-recipient fields under their RFC 3464 names in camelCase, as
 * Amazon SES's (docs.aws.amazon.com/ses/latest/dg/notification-contents
 * .html, "bouncedRecipients": [{"emailAddress": ..., "action": "failed",
 * "status": "5.1.1", "diagnosticCode": "smtp; 550 5.1.1 ..."}]; "the
 * value of the Diagnostic-Code field from the bounce report"). The
 * notification comes as it is (an event stream, a log) or as the
 * "Message" string of an SNS envelope, its quotes escaped once
 * (\"diagnosticCode\":\"smtp; 550 ...\"); pretty-printed or on one line
 * with all its recipients (each its own record: *more is the next).
 * --------------------------------------------------------------------- */

/* The number of backslashes right before p (not before lo). */
static size_t backslashes_before(const char *lo, const char *p)
{
	size_t k = 0;
	while (p > lo && p[-1] == '\\')
		p--, k++;
	return k;
}

/* The end of a JSON string's content from s (the byte after its opening
 * quote) before e, at escape depth 0 (its own quotes) or 1 (a string in a
 * string: the closing quote is \", an inner escaped one \\\"): the
 * closing quote's backslash, or its quote at depth 0; NULL if none. */
static const char *json_string_end(const char *s, const char *e, int depth)
{
	for (const char *q = s; (q = memchr(q, '"', (size_t)(e - q))) != NULL; q++) {
		size_t k = backslashes_before(s, q);
		if (depth == 0 ? k % 2 == 0 : k % 4 == 1)
			return depth == 0 ? q : q - 1;
	}
	return NULL;
}

static int hex4(const char *p)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		int h = hex_value(p[i]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/* One layer of JSON string escapes off [p, p+n) into o ("\n" a line
 * break, "\r" dropped: the reply's lines end in CRLF again when taken;
 * "\uXXXX" as UTF-8, a surrogate half as '?'). */
static void json_unescape(struct out *o, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (c != '\\' || i + 1 >= n) {
			put(o, &c, 1);
			continue;
		}
		char x = p[++i];
		switch (x) {
		case 'n':
			put(o, "\n", 1);
			break;
		case 'r':
		case 'b':
		case 'f':
			break;
		case 't':
			put(o, "\t", 1);
			break;
		case 'u': {
			int v = i + 4 < n ? hex4(p + i + 1) : -1;
			if (v < 0) {
				put(o, "\\u", 2);
				break;
			}
			i += 4;
			char u[3];
			if (v < 0x80) {
				u[0] = (char)v;
				put(o, u, 1);
			} else if (v < 0x800) {
				u[0] = (char)(0xc0 | (v >> 6));
				u[1] = (char)(0x80 | (v & 0x3f));
				put(o, u, 2);
			} else if (v >= 0xd800 && v < 0xe000) {
				put(o, "?", 1);
			} else {
				u[0] = (char)(0xe0 | (v >> 12));
				u[1] = (char)(0x80 | ((v >> 6) & 0x3f));
				u[2] = (char)(0x80 | (v & 0x3f));
				put(o, u, 3);
			}
			break;
		}
		default: /* '"', '\\', '/' and the rest: the byte itself */
			put(o, &x, 1);
		}
	}
}

/* A JSON key's closing quote at q (escaped, \", at depth 1: a string in
 * a string), then ':' and its string value's opening quote, blanks
 * between: the value's first byte, or NULL when the key has no string
 * value. Shared by json_field and match_json_dsn. */
static const char *json_value_at(const char *q, const char *hi, int depth)
{
	if ((depth && (q >= hi || *q++ != '\\')) || q >= hi || *q++ != '"')
		return NULL;
	while (q < hi && is_blank(*q))
		q++;
	if (q >= hi || *q++ != ':')
		return NULL;
	while (q < hi && is_blank(*q))
		q++;
	if (depth && (q >= hi || *q++ != '\\'))
		return NULL;
	if (q >= hi || *q++ != '"')
		return NULL;
	return q;
}

/* The value of the string field "key" between lo and hi at depth 0 or 1
 * (its quotes escaped once), as it stands in the text: {NULL, 0} when the
 * field is not there or its value holds an escape. */
static struct smtpreply_str json_field(const char *lo, const char *hi,
                                       const char *key, size_t kn, int depth)
{
	for (const char *k = lo; (k = sr_find(k, (size_t)(hi - k), key, kn)) != NULL;
	     k += kn) {
		const char *q, *v;
		if (k == lo || k[-1] != '"' ||
		    (q = json_value_at(k + kn, hi, depth)) == NULL)
			continue;
		v = q;
		while (q < hi && *q != '"' && *q != '\\')
			q++;
		if (q >= hi || (depth ? *q != '\\' : *q != '"'))
			return str(NULL, 0);
		return str(v, (size_t)(q - v));
	}
	return str(NULL, 0);
}

/* A line of pretty-printed JSON: "{", "[", "}," or a member ("key":
 * ...). Its indented lines below are the document's next lines, not a
 * folded field's: unfolded, a whole notification would be one line. */
static int json_member_line(const char *p, size_t n)
{
	trim(&p, &n);
	if (n == 0)
		return 0;
	if (*p == '{' || *p == '[' || *p == '}' || *p == ']')
		return 1;
	const char *q = n > 1 && *p == '"' ? memchr(p + 1, '"', n - 1) : NULL;
	if (q == NULL)
		return 0;
	for (q++; q < p + n && is_blank(*q); q++)
		;
	return q < p + n && *q == ':';
}

static int json_dsn_line(const char *p, size_t n)
{
	return SR_FIND(p, n, "diagnosticCode") != NULL;
}

static int match_json_dsn(const char *text, size_t len, const struct line *l,
                          char *buf, size_t size, struct smtpreply_found *f,
                          int *rc, const char **more)
{
	static const char key[] = "diagnosticCode";
	const char *p = l->p, *e = p + l->n;
	*more = NULL;
	for (const char *k = p; (k = SR_FIND(k, (size_t)(e - k), key)) != NULL;
	     k += sizeof key - 1) {
		const char *q = k + sizeof key - 1;
		/* "diagnosticCode": "  or, a string in a string, its quotes
		 * escaped: \"diagnosticCode\":\" */
		if (k == text || k[-1] != '"')
			continue;
		int depth = k - 1 > text && k[-2] == '\\';
		if ((q = json_value_at(q, e, depth)) == NULL)
			continue;
		const char *ve = json_string_end(q, e, depth);
		if (ve == NULL)
			continue;
		/* the value without its escapes, in buf's second half (twice
		 * at depth 1: the string in the string) */
		size_t half = size / 2;
		struct out o = {buf + half, size - half, 0, 0};
		json_unescape(&o, q, (size_t)(ve - q));
		if (o.over)
			continue;
		if (depth) {
			struct out o2 = {buf + half, size - half, 0, 0};
			/* in place: a layer off never makes it longer */
			json_unescape(&o2, buf + half, o.n);
			o.n = o2.n;
		}
		/* "smtp; 550 ...": the type, then the reply */
		const char *r = buf + half, *re = r + o.n;
		const char *semi = memchr(r, ';', o.n);
		if (semi == NULL)
			continue;
		r = semi + 1;
		while (r < re && is_blank(*r))
			r++;
		if (!sr_code_at(r, (size_t)(re - r)))
			continue;
		/* The recipient's object: from its '{' (at most 4 KiB above)
		 * to its '}' after the value. */
		const char *lo = k, *floor = (size_t)(k - text) > 4096 ? k - 4096 : text;
		while (lo > floor && *lo != '{')
			lo--;
		const char *after = ve + (depth ? 2 : 1), *hi = after;
		const char *ceil = (size_t)(text + len - after) > 4096 ? after + 4096
		                                                       : text + len;
		while (hi < ceil && *hi != '}')
			hi++;
		/* the record: the recipient's object, its fields all inside */
		const char *rs = *lo == '{' ? lo : k - 1 - depth;
		const char *rend = hi < ceil && *hi == '}' ? hi + 1 : hi;
		sr_found_init(f, text, rs, (size_t)(rend - rs));
		f->source = SMTPREPLY_SOURCE_DSN;
		f->recipient = json_field(lo, k, "emailAddress", 12, depth);
		if (f->recipient.ptr == NULL)
			f->recipient = json_field(after, hi, "emailAddress", 12, depth);
		f->status = json_field(lo, k, "status", 6, depth);
		if (f->status.ptr == NULL)
			f->status = json_field(after, hi, "status", 6, depth);
		f->action = json_field(lo, k, "action", 6, depth);
		if (f->action.ptr == NULL)
			f->action = json_field(after, hi, "action", 6, depth);
		*rc = take_reply(r, (size_t)(re - r), buf, half, f);
		/* another recipient's further on this line */
		if (SR_FIND(after, (size_t)(e - after), key) != NULL)
			*more = after;
		return 1;
	}
	return 0;
}

static int match_wrapper(const char *text, size_t len, size_t at,
                         const struct line *l, char *buf, size_t size,
                         struct smtpreply_found *f, int *rc, size_t *next,
                         const char **more)
{
	*next = l->next;
	*more = NULL;
	/* a line that starts with a reply code is a reply (the raw matcher's),
	 * even when its words quote another after ':' ("550 5.7.1 Callout
	 * verification failed: 550 5.1.1 ...") */
	{
		const char *p = l->p;
		size_t n = l->n;
		trim(&p, &n);
		if (sr_code_at(p, n))
			return 0;
	}
	if (wrap_symfony(text, len, l, buf, size, f, rc, next) ||
	    wrap_phpmailer(text, len, l, buf, size, f, rc, next) ||
	    wrap_python(text, l, NULL, more, buf, size, f, rc) ||
	    wrap_dotnet(text, l, buf, size, f, rc) ||
	    wrap_exchange_hash(text, at, l, buf, size, f, rc) ||
	    wrap_courier_log(text, len, l, buf, size, f, rc, next) ||
	    wrap_colon(text, len, l, buf, size, f, rc, next) ||
	    wrap_response(text, l, buf, size, f, rc)) {
		/* a log's time stamp: "2024-03-05 10:15:22 ...", Laravel's
		 * "[2024-03-05 10:15:22] ..." */
		const char *p = l->p;
		size_t n = l->n;
		if (n > 1 && p[0] == '[')
			p++, n--;
		f->date = stamp(p, n);
		return 1;
	}
	return 0;
}

/* chasquid's mail log (internal/maillog/maillog.go SendAttempt): "DATE
 * TIME ID from=S to=R failed (permanent): ERR" or "failed (temporary):
 * ERR", ERR as its courier/smtp.go writes it: the reply after "MAIL+RCPT
 * ", "DATA " or "DATA closing " (the reply to the data), or inside "all MXs
 * returned transient failures (last: ...)". A multi-line reply's further
 * lines follow on lines of their own, as Go's textproto gives them
 * ("5.7.1 b": each "550-" cut), up to the next line, which starts with
 * the log's date. Without a reply the error is the record's problem. */
static int date_at(const char *p, size_t n)
{
	return n >= 11 && sr_is_digit(p[0]) && sr_is_digit(p[1]) &&
	       sr_is_digit(p[2]) && sr_is_digit(p[3]) && p[4] == '-' &&
	       sr_is_digit(p[5]) && sr_is_digit(p[6]) && p[7] == '-';
}

static int match_chasquid(const char *text, size_t len, const char *p,
                          size_t n, char *buf, size_t size,
                          struct smtpreply_found *f, int *rc,
                          const char **more)
{
	const char *e = p + n, *a, *w;
	if ((a = SR_FIND(p, n, " failed (permanent): ")) == NULL &&
	    (a = SR_FIND(p, n, " failed (temporary): ")) == NULL)
		return 0;
	w = a + 21;
	const char *to = SR_FIND(p, (size_t)(a - p), " to=");
	if (to == NULL || !date_at(p, n) ||
	    SR_FIND(p, (size_t)(to - p), " from=") == NULL)
		return 0;
	const char *end = e;
	size_t at = (size_t)(e - text);
	struct line m;
	if (at < len && text[at] == '\r')
		at++;
	if (at < len && text[at] == '\n')
		at++;
	while (get_line(text, len, at, &m) && m.n > 0 && !date_at(m.p, m.n)) {
		end = m.p + m.n;
		at = m.next;
		*more = text + at;
	}
	sr_found_init(f, text, p, (size_t)(end - p));
	f->source = SMTPREPLY_SOURCE_TRANSCRIPT;
	f->recipient = str(to + 4, (size_t)(a - to - 4));
	f->action = str(a + 9, 9); /* "permanent" or "temporary" */
	const char *r = NULL;
	enum smtpreply_command cmd = SMTPREPLY_CMD_UNKNOWN;
	if (sr_code_at(w, (size_t)(end - w)))
		r = w;
	else
		r = sr_reply_in_words(w, (size_t)(end - w), &cmd);
	if (r == NULL) {
		f->problem = str(w, (size_t)(end - w));
		*rc = 1;
		return 1;
	}
	const char *re = end;
	if (re > r && re[-1] == ')' &&
	    SR_FIND(w, (size_t)(r - w), "(last: ") != NULL)
		re--;
	f->command = cmd;
	*rc = take_reply(r, (size_t)(re - r), buf, size, f);
	return 1;
}

/* qmail-send's log (qmail-send.c: "delivery N: failure: " or
 * ": deferral: ", then qmail-remote's report through qsutil.c logsafe(),
 * which writes a line break as '/' and a byte outside '!'..'~' or a '%'
 * as '_'): "delivery 3: failure:
 * 192.0.2.1_does_not_like_recipient./Remote_host_said:_550_5.1.1_<a@b>..._
 * User_unknown/Giving_up_on_192.0.2.1./". The reply runs from "Remote_host
 * _said:_" to qmail's own words after it ("/Giving_up_on_", "/I'm_not
 * _going_to_try_again") or the report's last '/'; a '/' before the reply's
 * code again is its next line. Its '_' become blanks again (an '_' of the
 * reply's own is a blank too: the log cannot tell them apart). The
 * command and host from qmail-remote's words before it (qmail-remote.c:
 * "H does not like recipient.", "Connected to H but sender was
 * rejected."...); the recipient from qmail-send's "starting delivery N:
 * msg M to remote a@b" a few lines above. */
static int match_qmail_log(const char *text, const char *p, size_t n,
                           char *buf, size_t size, struct smtpreply_found *f,
                           int *rc)
{
	static const char said[] = "Remote_host_said:_";
	const char *e = p + n, *d = SR_FIND(p, n, "delivery ");
	if (d == NULL)
		return 0;
	const char *q = d + 9;
	while (q < e && sr_is_digit(*q))
		q++;
	size_t num = (size_t)(q - d - 9), wl;
	if (num == 0)
		return 0;
	if (STARTS(q, (size_t)(e - q), ": failure: "))
		wl = 11;
	else if (STARTS(q, (size_t)(e - q), ": deferral: "))
		wl = 12;
	else
		return 0;
	const char *rep = q + wl;
	const char *sd = SR_FIND(rep, (size_t)(e - rep), said);
	if (sd == NULL)
		return 0;
	const char *r = sd + sizeof said - 1;
	if (e - r < 4 || !digits3(r, (size_t)(e - r)) ||
	    (r[3] != '_' && r[3] != '-' && r[3] != '/'))
		return 0;
	const char *re = e, *cut;
	if ((cut = SR_FIND(r, (size_t)(e - r), "/Giving_up_on_")) != NULL)
		re = cut;
	if ((cut = SR_FIND(r, (size_t)(re - r), "/I'm_not_going_to_try_again")) !=
	    NULL)
		re = cut;
	while (re > r && (re[-1] == '/' || re[-1] == '_' || re[-1] == '\r'))
		re--;
	/* the reply, its blanks and line breaks back, in the buffer's second
	 * half */
	size_t half = size / 2;
	struct out o = {buf + half, size - half, 0, 0};
	for (const char *c = r; c < re; c++) {
		char ch = *c;
		if (ch == '_')
			ch = ' ';
		else if (ch == '/' && re - c > 4 && memcmp(c + 1, r, 3) == 0 &&
		         (c[4] == '-' || c[4] == '_'))
			ch = '\n';
		put(&o, &ch, 1);
	}
	if (o.over)
		return 0;
	sr_found_init(f, text, p, n);
	f->source = SMTPREPLY_SOURCE_BOUNCE;
	f->action = str(q + 2, wl - 4); /* "failure", "deferral" */
	f->date = stamp(p, n);
	/* qmail-remote's words before it */
	size_t wn = (size_t)(sd - rep);
	const char *w;
	static const struct {
		const char *s;
		unsigned char n;
		unsigned char cmd;
	} says[] = {
#define QS(lit, c) {lit, sizeof(lit) - 1, c}
		QS("_does_not_like_recipient.", SMTPREPLY_CMD_RCPT),
		QS("_does_not_like_sender.", SMTPREPLY_CMD_MAIL),
		QS("_failed_on_DATA_command.", SMTPREPLY_CMD_DATA),
		QS("_failed_after_I_sent_the_message.", SMTPREPLY_CMD_DOT),
		QS("_but_sender_was_rejected.", SMTPREPLY_CMD_MAIL),
		QS("_but_greeting_failed.", SMTPREPLY_CMD_GREETING),
		QS("_but_my_name_was_rejected.", SMTPREPLY_CMD_HELO),
#undef QS
	};
	for (size_t i = 0; i < sizeof says / sizeof says[0]; i++) {
		if ((w = sr_find(rep, wn, says[i].s, says[i].n)) == NULL)
			continue;
		f->command = (enum smtpreply_command)says[i].cmd;
		const char *hs = rep;
		if (STARTS(hs, (size_t)(w - hs), "Connected_to_"))
			hs += 13;
		f->host = str(hs, (size_t)(w - hs));
		break;
	}
	/* "starting delivery 3: msg 12345 to remote a@b" above */
	struct line l;
	size_t at = (size_t)(p - text);
	for (int i = 0; i < BACK_LINES && prev_line(text, at, &l); i++) {
		at = (size_t)(l.p - text);
		const char *sdl = SR_FIND(l.p, l.n, "starting delivery ");
		if (sdl == NULL)
			continue;
		const char *k = sdl + 18, *le = l.p + l.n;
		if ((size_t)(le - k) <= num || memcmp(k, d + 9, num) != 0 ||
		    k[num] != ':')
			continue;
		const char *to = SR_FIND(k, (size_t)(le - k), " to remote ");
		if (to != NULL) {
			const char *as = to + 11, *ae = le;
			while (ae > as && (ae[-1] == '\r' || is_blank(ae[-1])))
				ae--;
			f->recipient = address_line(as, (size_t)(ae - as));
		}
		break;
	}
	*rc = take_reply(o.buf, o.n, buf, half, f);
	return 1;
}

/* ---------------------------------------------------------------------
 * The walk.
 * --------------------------------------------------------------------- */

/* In text, a line and the indented lines after it (after an indented
 * line: those indented deeper) are one: copied into
 * scratch with each fold made one space, except before a line that starts
 * with a reply code (a reply's next line), which keeps its break. */
static size_t unfold(const char *text, size_t len, const struct line *l,
                     char *scratch, size_t cap, size_t *n)
{
	size_t k = 0, next = l->next, indent = 0;
	struct line m;
	if (l->n > cap)
		return 0;
	memcpy(scratch, l->p, l->n);
	k = l->n;
	while (indent < l->n && is_blank(l->p[indent]))
		indent++;
	while (get_line(text, len, next, &m) && m.n > 0 && is_blank(m.p[0])) {
		const char *mp = m.p;
		size_t mn = m.n;
		trim(&mp, &mn);
		if (mn == 0 || k + mn + 1 > cap)
			break;
		/* An indented line folds only lines indented deeper: Exim
		 * lists each failed address indented, its lines below it
		 * indented further. */
		if (indent > 0 && (size_t)(mp - m.p) <= indent)
			break;
		scratch[k++] = sr_code_at(mp, mn) ? '\n' : ' ';
		memcpy(scratch + k, mp, mn);
		k += mn;
		next = m.next;
	}
	*n = k;
	return next;
}

/* Views into scratch become views into... scratch: callers own both. The
 * record's place is fixed up to the text. */
static void place(struct smtpreply_found *f, size_t off, size_t end)
{
	f->offset = off;
	f->length = end - off;
}

/* What a line may hold, from one pass over its bytes, so that the
 * matchers' searches run only on the few lines of a log that can match:
 * a reply code where a log puts one (after a space, ':', '(', '"', '=',
 * ',' or at the start, followed by a space or '-'), "stat=", "timed out",
 * "timeout", "lost connection", or a line that ends with ':' (an
 * announcement with the reply below). */
enum { H_CODE = 1, H_STAT = 2, H_TIMEOUT = 4, H_COLON_END = 8, H_OWN = 16,
       H_QMAIL = 32 /* qmail-send's log: "Remote_host_said:_" ("d:_") */ };
#define H_LOG (H_CODE | H_STAT | H_TIMEOUT | H_OWN | H_QMAIL) /* the log matchers' */

/* H_OWN: a failure an MTA reports in its own words, with or without a
 * reply: Postfix's "status=bounced (" (deferred, undeliverable) at p
 * (n bytes from "status="), Exim's " ** " or " == " (at the flag). */
static int own_postfix_at(const char *p, size_t n)
{
	return postfix_status_word(p, n) != 0;
}

static int own_exim_at(const char *line, size_t i, size_t n)
{
	return i > 0 && line[i - 1] == ' ' && i + 2 < n &&
	       line[i + 1] == line[i] && line[i + 2] == ' ' &&
	       (line[i] == '*' || line[i] == '=');
}

/* The definition, byte by byte. The walk uses line_hints_fast() below,
 * which must give the same bits for every line; built with
 * -DSMTPREPLY_CHECK_SCAN (tools/find_diff.sh --san), every line is
 * checked against this. */
#if defined(SMTPREPLY_CHECK_SCAN) || defined(SMTPREPLY_NO_PREFILTER)
#include <stdlib.h>
static unsigned line_hints(const char *p, size_t n)
{
	unsigned h = 0;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (c >= '2' && c <= '5') {
			if (i + 3 < n && sr_is_digit(p[i + 1]) && sr_is_digit(p[i + 2]) &&
			    (p[i + 3] == ' ' || p[i + 3] == '-') &&
			    (i == 0 || p[i - 1] == ' ' || p[i - 1] == ':' ||
			     p[i - 1] == '(' || p[i - 1] == '"' || p[i - 1] == '=' ||
			     p[i - 1] == '\t' || p[i - 1] == '\'' || p[i - 1] == ';' ||
			     p[i - 1] == ',' /* a CSV field: Exchange */ ||
			     p[i - 1] == 'n' /* an escaped line break: "\n550-" */))
				h |= H_CODE;
		} else if (c == '=') {
			if (i >= 4 && memcmp(p + i - 4, "stat", 4) == 0)
				h |= H_STAT;
			if (own_exim_at(p, i, n))
				h |= H_OWN;
		} else if (c == '*') {
			if (own_exim_at(p, i, n))
				h |= H_OWN;
		} else if (c == 's' && own_postfix_at(p + i, n - i)) {
			h |= H_OWN;
		} else if (c == 'd' && i + 2 < n && p[i + 1] == ':' && p[i + 2] == '_') {
			h |= H_QMAIL;
		} else if (c == 'd' || c == 't' || c == 'n') {
			if ((c == 'd' && i >= 4 && i + 4 < n &&
			     memcmp(p + i - 4, "timed out", 9) == 0) ||
			    (c == 't' && i >= 6 && memcmp(p + i - 6, "timeout", 7) == 0) ||
			    (c == 'n' && i >= 14 &&
			     memcmp(p + i - 14, "lost connection", 15) == 0))
				h |= H_TIMEOUT;
		}
	}
	if (n && p[n - 1] == ':')
		h |= H_COLON_END;
	return h;
}
#endif

/* line_hints(), the same bits, from the places scan.c's pre-filter finds
 * (many bytes a step): most lines have none, the others a few, each
 * tested here as line_hints() tests the byte there. */
static int dma_log_line(const char *p, size_t n);

/* nullmailer-send's "smtp: Failed: REPLY" and dma's "remote delivery ...
 * failed after CMD: REPLY" are those MTAs' log lines: read by the log
 * matchers too (wrap_colon reads them, with the recipient each names
 * above or on the line), so that `--input log` finds them. */
static int match_nm_dma_log(const char *text, size_t len, const struct line *l,
                            char *buf, size_t size, struct smtpreply_found *f,
                            int *rc, size_t *next)
{
	if (!STARTS(l->p, l->n, "smtp: Failed: ") && !dma_log_line(l->p, l->n))
		return 0;
	return wrap_colon(text, len, l, buf, size, f, rc, next);
}

static unsigned line_hints_fast(const char *p, size_t n, const char *from,
                                unsigned enough)
{
#ifdef SMTPREPLY_NO_PREFILTER
	(void)from;
	(void)enough;
	return line_hints(p, n);
#endif
	unsigned h = 0;
	const char *e = p + n;
	/* (enough: the caller only asks whether one of these bits is set) */
	for (const char *q = from; !(h & enough) && (q = sr_scan_next(q, e)) != e;
	     q++) {
		size_t i = (size_t)(q - p);
		char c = *q;
		if (c >= '2' && c <= '5') {
			/* a code followed by a space or '-' (the pre-filter's) */
			char b = i ? p[i - 1] : ' ';
			if (b == ' ' || b == ':' || b == '(' || b == '"' || b == '=' ||
			    b == '\t' || b == '\'' || b == ';' || b == 'n' || b == ',')
				h |= H_CODE;
		} else if (c == 'd') { /* "d:_" */
			if (q + 2 < e && q[1] == ':' && q[2] == '_')
				h |= H_QMAIL;
		} else if (c == 'a') { /* "at=" */
			if (i >= 2 && p[i - 2] == 's' && p[i - 1] == 't')
				h |= H_STAT;
		} else if (c == 'o') { /* "out" */
			if ((i >= 6 && memcmp(p + i - 6, "timed out", 9) == 0) ||
			    (i >= 4 && memcmp(p + i - 4, "timeout", 7) == 0))
				h |= H_TIMEOUT;
		} else if (c == 's' && q[1] == '=') { /* "s=b", "s=d", "s=u" */
			if (i >= 5 && own_postfix_at(q - 5, n - i + 5))
				h |= H_OWN;
		} else if (c == 's') { /* "st c" */
			if (i >= 2 && n - i >= 13 &&
			    memcmp(p + i - 2, "lost connection", 15) == 0)
				h |= H_TIMEOUT;
		} else if (c == '*' || c == '=') { /* "** ", "== " */
			if (own_exim_at(p, i, n))
				h |= H_OWN;
		}
	}
	if (n && p[n - 1] == ':')
		h |= H_COLON_END;
#ifdef SMTPREPLY_CHECK_SCAN
	if (enough ? !(h & enough) != !(line_hints(p, n) & enough)
	           : h != line_hints(p, n))
		abort();
#endif
	return h;
}

/* The first byte of a line transcript_side() may know ("<-  ", " -> ",
 * "**> ", ">>> ", "S: ", "C: ", "SERVER -> ", "reply: b'", "send: ",
 * "2024-03-05 10:16:30\tSERVER -> ") */
static int transcript_first(char c)
{
	return c == '<' || c == ' ' || c == '*' || c == '>' || c == 'S' ||
	       c == 'C' || c == 'r' || c == 's' || c == 'R' ||
	       c == '2'; /* PHPMailer's time stamp: "2024-03-05 ..." */
}

/* The gates below; built with -DSMTPREPLY_NO_PREFILTER (the reference
 * tools/find_diff.sh --self compares against), every line goes through. */
#ifdef SMTPREPLY_NO_PREFILTER
#define SR_GATE(x) ((void)(x), 1)
#else
#define SR_GATE(x) (x)
#endif

/* match_bounce_text's "a@b.c: 550 ..." (OpenSMTPD): the line's first ':'
 * followed by a blank and a code's first digit. */
static int text_recipient_form(const char *p, size_t n)
{
	const char *a = memchr(p, ':', n);
	return a != NULL && a + 2 < p + n && a[1] == ' ' && a[2] >= '2' &&
	       a[2] <= '5';
}

/* *pos to the start of the first line at or after it that holds one of
 * the pre-filter's patterns (the lines before it cannot match), the
 * pattern's place in *from; 0 when none is left. lines: the walk reads
 * more than logs (sr_scan_next_lines). */
/* dma's "H [ip] did not like our RCPT TO:" (a line that ends with ':',
 * rare enough to look for the words without the vector pre-filter). */
static int dma_line(const char *p, size_t n)
{
	return n > 21 && p[n - 1] == ':' && SR_FIND(p, n, " did not like our ") != NULL;
}

/* dma's log line ("dma[id]: remote delivery to H [ip] failed after RCPT
 * TO: 550 ...", "remote delivery deferred: H [ip] failed after ..."):
 * none of the log anchors is in it, so the log gate asks for its words. */
static int dma_log_line(const char *p, size_t n)
{
	const char *fa = SR_FIND(p, n, " failed after ");
	return fa != NULL && SR_FIND(p, (size_t)(fa - p), "remote delivery ") != NULL;
}

/* "SMTP error from remote server after RCPT command:" ending a line of
 * its own (see match_bounce_text). */
static int smtp_error_line(const char *p, size_t n)
{
	while (n > 0 && is_blank(*p))
		p++, n--;
	return n > 36 && p[n - 1] == ':' &&
	       STARTS(p, n, "SMTP error from remote server after ");
}

/* hMailServer's "   Remote server replied: 550 ..." (its template's
 * indent of three blanks first: a prefix test). */
static int hmailserver_line(const char *p, size_t n)
{
	while (n > 0 && is_blank(*p))
		p++, n--;
	return STARTS(p, n, "Remote server replied: ");
}

static int skip_to_candidate(const char *text, size_t len, size_t *pos,
                             const char **from, int lines)
{
	const char *s = text + *pos, *e = text + len;
#ifdef SMTPREPLY_NO_PREFILTER
	/* the reference (tools/find_diff.sh --self): every line */
	*from = s;
	return *pos < len;
#endif
	if (lines && sr_scan_line_start(s, e)) {
		*from = s;
		return 1;
	}
	const char *q = lines ? sr_scan_next_lines(s, e) : sr_scan_next(s, e);
	if (q == e)
		return 0;
	const char *lf = sr_scan_last_lf(s, q);
	*pos = lf ? (size_t)(lf + 1 - text) : *pos;
	*from = q;
	return 1;
}

static int find_walk(const char *text, size_t len, size_t *pos, unsigned what,
                     char *buf, size_t size, struct smtpreply_found *found,
                     int inner);

/* The block of lines under a failed address in a bounce's text: from
 * `from` while keep() holds; its end (the offset after its last line) and
 * the end of its last line's text in *last. */
static size_t block_end(const char *text, size_t len, size_t from,
                        size_t indent, const char **last)
{
	struct line m;
	size_t at = from;
	*last = NULL;
	while (get_line(text, len, at, &m) && m.n > 0) {
		/* qmail: the next recipient's "<a@b>:" line starts its own
		 * report, even with no blank line between (qmail-send writes
		 * one; a hand-edited or re-wrapped bounce may not) */
		if (!indent && m.n >= 5 && m.p[0] == '<' && m.p[m.n - 1] == ':' &&
		    m.p[m.n - 2] == '>' && address_line(m.p, m.n).ptr != NULL)
			break;
		if (indent) {
			/* Exim: deeper than the address */
			size_t k = 0;
			while (k < m.n && is_blank(m.p[k]))
				k++;
			if (k <= indent || k == m.n)
				break;
		}
		*last = m.p + m.n;
		at = m.next;
	}
	return at;
}

/* qmail's "(#5.1.1)" in a report: the last one, as "5.1.1". */
static struct smtpreply_str qmail_status(const char *p, size_t n)
{
	struct smtpreply_str st = str(NULL, 0);
	for (const char *q = p; (q = SR_FIND(q, (size_t)(p + n - q), "(#")) != NULL;
	     q++) {
		const char *s = q + 2, *e = p + n, *c = s;
		while (c < e && (sr_is_digit(*c) || *c == '.'))
			c++;
		if (c < e && *c == ')' && c - s >= 5 && (*s == '2' || *s == '4' ||
		                                         *s == '5') && s[1] == '.')
			st = str(s, (size_t)(c - s));
	}
	return st;
}

/* A failed address of a bounce's text with its MTA's own words below it
 * and no reply among them (tried after every matcher that reads one):
 *
 *   qmail-send   "<a@b.c>:" then the delivery's report up to a blank line
 *                (qmail-send.c addbounce(): "Sorry, no mailbox here by
 *                that name. (#5.1.1)", qmail-remote's "Sorry, I couldn't
 *                find any host named b.c. (#5.1.2)"); "(#d.d.d)" is its
 *                status;
 *   Exim         "  a@b.c" then lines indented deeper: "(generated from
 *                ...)", "host H [ip]", then the error ("Unrouteable
 *                address", "retry timeout exceeded") (deliver.c
 *                print_address_information(), print_address_error()).
 *
 * The lines under the address must hold nothing the walk would read as
 * a record, whatever it is asked to read (it is run over them, reading
 * everything, to see). The problem is the qmail report
 * as it stands in the text, or Exim's error lines joined with single
 * spaces in the second half of buf (without retry.c's ": retry timeout
 * exceeded" after a cause of its own, as for a reply). */
/* dma's bounce for a failure of its own (mail.c bounce(): "There was an
 * error delivering your mail to <a@b>.", a blank line, then the reason:
 * dma.c's "Could not deliver for the last 432000 seconds. Giving up.",
 * net.c's "DNS lookup failure: host %s not found", a local delivery's
 * error...): the reason's paragraph is the record's problem, unless the
 * walk finds a record in it (net.c's "H [ip] did not like our RCPT TO:"
 * and the reply below). For bounce.c, when a text part gave no record: a
 * sentence of prose, which the line pre-filter does not stop at. */
int sr_dma_own_text(const char *text, size_t len, char *buf, size_t size,
                    struct smtpreply_found *f)
{
	static const char lead[] = "There was an error delivering your mail to <";
	const char *p = sr_find(text, len, lead, sizeof lead - 1);
	struct line l, m;
	if (p == NULL || (p > text && p[-1] != '\n') ||
	    !get_line(text, len, (size_t)(p - text), &l) ||
	    l.n < sizeof lead + 1 || l.p[l.n - 1] != '.' || l.p[l.n - 2] != '>')
		return 0;
	size_t at = l.next, from, to;
	/* one blank line, then the paragraph */
	if (!get_line(text, len, at, &m) || m.n != 0)
		return 0;
	from = at = m.next;
	to = from;
	while (get_line(text, len, at, &m) && m.n != 0) {
		to = (size_t)(m.p - text) + m.n;
		at = m.next;
	}
	if (to == from)
		return 0;
	{
		struct smtpreply_found g;
		size_t pos = from;
		if (find_walk(text, at, &pos, 0, buf, size, &g, 1) != 0)
			return 0;
	}
	sr_found_init(f, text, l.p, at - (size_t)(l.p - text));
	f->source = SMTPREPLY_SOURCE_BOUNCE;
	f->recipient = str(l.p + sizeof lead - 1, l.n - (sizeof lead - 1) - 2);
	f->problem = str(text + from, to - from);
	return 1;
}

/* Ipswitch IMail's (SMTP32) report of a failure of its own: one line,
 * "Delivery failed 20 attempts: a@b", "Invalid final delivery userid:
 * a@b" or "undeliverable to a@b", then "Original message follows." (real
 * ones in Mailman's bounce corpus, flufl.bounce tests/data/smtp32_01.txt,
 * smtp32_03.txt, smtp32_07.txt). The record: the address and the words
 * before it. */
int sr_imail_own_text(const char *text, size_t len, char *buf, size_t size,
                      struct smtpreply_found *f)
{
	static const char follows[] = "Original message follows.";
	struct line l = {NULL, 0, 0}, m = {NULL, 0, 0};
	size_t at = 0;
	int got;
	(void)buf;
	(void)size;
	/* The first line with words (none: not this report). */
	while ((got = get_line(text, len, at, &l)) != 0 && l.n == 0)
		at = l.next;
	if (!got || l.n < 8)
		return 0;
	at = l.next;
	while ((got = get_line(text, len, at, &m)) != 0 && m.n == 0)
		at = m.next;
	if (!got || !STARTS(m.p, m.n, follows))
		return 0;
	const char *p = l.p, *e = l.p + l.n, *c = e;
	while (c > p && !is_blank(c[-1]))
		c--;
	if (c == p || memchr(c, '@', (size_t)(e - c)) == NULL)
		return 0;
	const char *we = c;
	while (we > p && is_blank(we[-1]))
		we--;
	if (we > p && we[-1] == ':')
		we--;
	if (we == p)
		return 0;
	sr_found_init(f, text, l.p, l.n);
	f->source = SMTPREPLY_SOURCE_BOUNCE;
	f->recipient = unangle(str(c, (size_t)(e - c)));
	f->problem = str(p, (size_t)(we - p));
	return 1;
}

/* Sendmail's bounce without a delivery-status part (before 8.8, or a
 * relay that strips it) for a failure of its own: "----- The following
 * addresses had permanent fatal errors -----", the address on the next
 * line, and below "----- Transcript of session follows -----" its error
 * as one bare line in a reply's form ("554 Too many hops 26 (25 max):
 * ...", Mailman's bounce corpus, flufl.bounce tests/data/sendmail_01.txt).
 * As for its DSN (bounce.c lend_from_transcript): Sendmail's words, not a
 * server's reply, so the record's problem (and an enhanced code its
 * status); only when the section has exactly one such line, of class 5,
 * and no server reply ("<<< "), which the transcript reader gives. */
int sr_sendmail_own_text(const char *text, size_t len, char *buf, size_t size,
                         struct smtpreply_found *f)
{
	static const char fatal[] = "----- The following addresses had permanent fatal errors -----";
	static const char tr[] = "----- Transcript of session follows -----";
	(void)buf;
	(void)size;
	const char *a = sr_find(text, len, fatal, sizeof fatal - 1);
	const char *t = a ? sr_find(a, len - (size_t)(a - text), tr, sizeof tr - 1)
	                  : NULL;
	struct line l, m;
	if (t == NULL || !get_line(text, len, (size_t)(a - text), &l) ||
	    !get_line(text, len, l.next, &m))
		return 0;
	struct smtpreply_str rcpt = address_line(m.p, m.n);
	if (rcpt.ptr == NULL)
		return 0;
	const char *line = NULL;
	size_t ln = 0, at;
	int count = 0;
	get_line(text, len, (size_t)(t - text), &l);
	for (at = l.next; get_line(text, len, at, &m); at = m.next) {
		const char *mp = m.p;
		size_t mn = m.n;
		trim(&mp, &mn);
		if (STARTS(mp, mn, "-----"))
			break;
		if (STARTS(mp, mn, "<<< "))
			return 0;
		if (m.n > 4 && sr_code_at(m.p, m.n) && (m.p[3] == ' ' || m.p[3] == '-')) {
			count++;
			line = m.p;
			ln = m.n;
		}
	}
	if (count != 1 || line[0] != '5')
		return 0;
	sr_found_init(f, text, line, ln);
	f->source = SMTPREPLY_SOURCE_BOUNCE;
	f->recipient = rcpt;
	size_t k = 4, en = 0;
	struct smtpreply_enhanced x;
	if (k < ln && (en = sr_enhanced_at(line + k, ln - k, &x)) > 1 &&
	    x.klass == 5 && k + en < ln && line[k + en - 1] == ' ') {
		f->status = str(line + k, en - 1);
		k += en;
	}
	if (k >= ln)
		return 0;
	f->problem = str(line + k, ln - k);
	return 1;
}

/* Gmail's bounce for a failure of its own, before about 2016: "Delivery
 * to the following recipient failed permanently:", the address indented
 * on a line of its own, then "Technical details of permanent failure:"
 * (or "temporary") and Gmail's words, on the same line or below, to a
 * blank line: "DNS Error: Address resolution of b.c. failed: Domain name
 * not found", "The recipient server did not accept our requests to
 * connect. ..." (bounces quoted whole in SjonHortensius/pfsense issue 52
 * and DOAJ/doaj issue 963). With a reply in them ("The error that the
 * other server returned was: ...") they are read as a reply, not here. */
int sr_gmail_own_text(const char *text, size_t len, char *buf, size_t size,
                      struct smtpreply_found *f)
{
	static const char lead[] = "Technical details of ";
	const char *p = text, *e = text + len;
	while ((p = sr_find(p, (size_t)(e - p), lead, sizeof lead - 1)) != NULL &&
	       p > text && p[-1] != '\n')
		p++;
	if (p == NULL)
		return 0;
	const char *w = p + sizeof lead - 1;
	if (!STARTS(w, (size_t)(e - w), "permanent failure:") &&
	    !STARTS(w, (size_t)(e - w), "temporary failure:"))
		return 0;
	struct line l = {NULL, 0, 0}, m = {NULL, 0, 0};
	if (!get_line(text, len, (size_t)(p - text), &l))
		return 0;
	const char *from = w + 18;
	size_t at = l.next;
	while (from < l.p + l.n && is_blank(*from))
		from++;
	if (from == l.p + l.n) {
		if (!get_line(text, len, at, &m) || m.n == 0)
			return 0;
		from = m.p;
	}
	const char *to = from;
	at = (size_t)(from - text);
	while (get_line(text, len, at, &m) && m.n != 0) {
		to = m.p + m.n;
		at = m.next;
	}
	while (to > from && is_blank(to[-1]))
		to--;
	if (to == from)
		return 0;
	{
		struct smtpreply_found g;
		size_t pos = (size_t)(from - text);
		if (find_walk(text, at, &pos, 0, buf, size, &g, 1) != 0)
			return 0;
	}
	sr_found_init(f, text, l.p, at - (size_t)(l.p - text));
	f->source = SMTPREPLY_SOURCE_BOUNCE;
	f->recipient = recipient_above(text, (size_t)(l.p - text));
	f->action = str(w, 9); /* "permanent" or "temporary" */
	f->problem = str(from, (size_t)(to - from));
	return 1;
}

static int match_own_text(const char *text, size_t len, const struct line *l,
                          char *buf, size_t size,
                          struct smtpreply_found *f, size_t *next)
{
	const char *p = l->p, *last;
	size_t n = l->n, indent = 0, end;
	struct smtpreply_str a;
	int exchange = 0;
	if (n >= 5 && p[0] == '<' && p[n - 1] == ':' && p[n - 2] == '>') {
		a = address_line(p, n);
	} else if (n >= 5 && p[n - 1] == ':' && !is_blank(p[0]) &&
	           l->next < len && is_blank(text[l->next]) &&
	           memchr(p, ' ', n) == NULL) {
		/* Exim's text as some providers lay it out: "a@b:" alone,
		 * its words indented below ("  quota exceeded"; Mailman's
		 * bounce corpus, flufl.bounce tests/data/simple_09.txt) */
		a = address_line(p, n);
	} else if (n > 8 && (a = exchange_recipient(p, n)).ptr != NULL) {
		/* Exchange 5.5 to 2003 (and GroupWise's gateway, which
		 * copies it): "did not reach the following recipient(s):",
		 * "a@b on DATE", its words indented below ("The recipient
		 * name is not recognized", "The e-mail account does not exist
		 * at the organization this message was sent to. ...") and
		 * "<H #5.1.1>" or "MSEXCH:IMS:... Unknown Recipient"; as in
		 * the Exchange 5.5 IMS reports of Mailman's bounce corpus
		 * (flufl.bounce tests/data/microsoft_02.txt, groupwise_01.txt);
		 * Exchange 2003 indents the address and its words deeper */
		exchange = 1;
		while (indent < n && is_blank(p[indent]))
			indent++;
	} else if (n > 3 && is_blank(p[0]) && p[n - 1] != ':' &&
	           memchr(p, '<', n) == NULL) {
		while (indent < n && is_blank(p[indent]))
			indent++;
		a = address_line(p, n);
	} else {
		return 0;
	}
	if (a.ptr == NULL)
		return 0;
	end = block_end(text, len, l->next, indent, &last);
	if (last == NULL)
		return 0;
	/* nothing the walk reads as a record under it */
	{
		struct smtpreply_found g;
		size_t at = l->next;
		if (find_walk(text, end, &at, 0, buf, size, &g, 1) != 0)
			return 0;
	}
	const char *bs = text + l->next;
	sr_found_init(f, text, p, (size_t)(text + end - p));
	f->source = SMTPREPLY_SOURCE_BOUNCE;
	f->recipient = a;
	if (exchange) {
		/* the words: the first line below; the status: "#5.1.1" of
		 * a "<H #5.1.1>" line in the block */
		struct line m;
		if (!get_line_trimmed(text, len, l->next, &m))
			return 0;
		const char *mp = m.p;
		size_t mn = m.n;
		if (mn == 0 || mp[0] == '<')
			return 0;
		f->problem = str(mp, mn);
		for (const char *q = bs; q + 6 < last; q++)
			if (q[0] == '#' && (q[1] == '4' || q[1] == '5') &&
			    q[2] == '.' && q > bs && is_blank(q[-1])) {
				const char *c = q + 1;
				while (c < last && (sr_is_digit(*c) || *c == '.'))
					c++;
				if (c < last && *c == '>' && c - q - 1 >= 5)
					f->status = str(q + 1, (size_t)(c - q - 1));
			}
		*next = end;
		return 1;
	}
	if (indent == 0) {
		size_t bn = (size_t)(last - bs);
		while (bn && bs[bn - 1] == '\r')
			bn--;
		while (bn && is_blank(*bs))
			bs++, bn--;
		/* Yahoo and AOL (since about 2019) write the server's reply
		 * under "<a@b>:" with a colon after its code: "550: 5.1.1
		 * <a@b>: Recipient address rejected: ...", "554: delivery
		 * error: dd Not a valid recipient - H" (real ones in
		 * deltachat/deltachat-core-rust test-data/message/aol_ndn.eml
		 * and yahoo_ndn.eml): the reply, with a blank for the colon */
		char tmp[1024];
		if (bn > 6 && bn < sizeof tmp && (bs[0] == '4' || bs[0] == '5') &&
		    digits3(bs, bn) && bs[3] == ':' && bs[4] == ' ' &&
		    !is_blank(bs[5])) {
			memcpy(tmp, bs, 3);
			tmp[3] = ' ';
			memcpy(tmp + 4, bs + 5, bn - 5);
			int rc = take_reply(tmp, bn - 1, buf, size, f);
			if (rc > 0) {
				*next = end;
				return 1;
			}
			f->has_reply = 0;
		}
		f->problem = str(bs, bn);
		f->status = qmail_status(bs, bn);
		qmail_gave_up(text, len, l->next, f);
		*next = end;
		return 1;
	}
	/* Exim: "(generated from ...)" and "host H [ip]" first, then the
	 * error's lines, joined. */
	struct line m;
	size_t at = l->next, half = size / 2;
	struct out o = {buf + half, size - half, 0, 0};
	while (at < end && get_line(text, len, at, &m)) {
		const char *mp = m.p;
		size_t mn = m.n;
		trim(&mp, &mn);
		at = m.next;
		if (o.n == 0 && (STARTS(mp, mn, "(generated from ") ||
		                 STARTS(mp, mn, "(ultimately generated from ")))
			continue;
		if (o.n == 0 && STARTS(mp, mn, "host ") && mn > 5 &&
		    mp[mn - 1] == ']') {
			f->host = str(mp + 5, mn - 5);
			continue;
		}
		if (o.n)
			put(&o, " ", 1);
		put(&o, mp, mn);
	}
	if (o.n == 0 || o.over)
		return 0;
	/* "mailbox is full: retry timeout exceeded": the cause */
	sr_strip_exim_suffix(o.buf, &o.n);
	f->problem = str(o.buf, o.n);
	*next = end;
	return 1;
}

int sr_find_in(const char *text, size_t len, size_t *pos, unsigned what,
               char *buf, size_t size, struct smtpreply_found *found)
{
	return find_walk(text, len, pos, what, buf, size, found, 0);
}

/* inner: a look under a failed address (match_own_text), which does not
 * look further itself. */
static int find_walk(const char *text, size_t len, size_t *pos, unsigned what,
                     char *buf, size_t size, struct smtpreply_found *found,
                     int inner)
{
	struct line l;

	if (text == NULL) { /* (smtpreply_find refuses it before) */
		*pos = len;
		return 0;
	}
	if (what == 0)
		what = SMTPREPLY_FIND_LOG | SMTPREPLY_FIND_TRANSCRIPT |
		       SMTPREPLY_FIND_TEXT | SMTPREPLY_FIND_RAW;
	const int log_only = what == SMTPREPLY_FIND_LOG;
	/* A position inside a line: where the last record of a line that
	 * names several recipients (Sendmail's to=<a>,<b>, Exchange's
	 * a;b) left off, at the next one. That line again, for it. */
	if ((what & SMTPREPLY_FIND_LOG) && *pos > 0 && *pos < len &&
	    text[*pos - 1] != '\n') {
		size_t ls = *pos;
		while (ls > 0 && text[ls - 1] != '\n')
			ls--;
		const char *at = text + *pos, *more = NULL;
		int rc = 0;
		if (get_line(text, len, ls, &l) && at < l.p + l.n &&
		    (match_exchange(text, l.p, l.n, buf, size, found, &rc, at,
		                    &more) ||
		     match_sendmail(text, l.p, l.n, buf, size, found, &rc, at,
		                    &more))) {
			*pos = more ? (size_t)(more - text) : l.next;
			return rc > 0 ? 1 : rc;
		}
	}
	/* The same for smtplib's SMTPRecipientsRefused, a dict of them. */
	if ((what & (SMTPREPLY_FIND_TEXT | SMTPREPLY_FIND_TRANSCRIPT)) &&
	    *pos >= 3 && *pos < len && text[*pos - 1] == ' ' &&
	    text[*pos - 2] == ',' && text[*pos - 3] == ')' &&
	    (text[*pos] == '\'' || text[*pos] == '"' || text[*pos] == 'S')) {
		size_t ls = *pos;
		while (ls > 0 && text[ls - 1] != '\n')
			ls--;
		const char *more = NULL;
		int rc = 0;
		if (get_line(text, len, ls, &l) &&
		    wrap_python(text, &l, text + *pos, &more, buf, size, found,
		                &rc)) {
			*pos = more ? (size_t)(more - text) : l.next;
			return rc > 0 ? 1 : rc;
		}
	}
	for (;;) {
		const char *from = NULL;
		if (!skip_to_candidate(text, len, pos, &from, !log_only)) {
			*pos = len;
			break;
		}
		if (!get_line(text, len, *pos, &l))
			break;
		/* (the pattern found is on this line: no LF in it) */
		if (from == NULL || from > l.p + l.n)
			from = l.p;
		int rc = 0;
		const char *more = NULL;
		size_t next = l.next, off = (size_t)(l.p - text);

		if (l.n == 0) {
			*pos = next;
			continue;
		}
		if ((what & SMTPREPLY_FIND_TRANSCRIPT) && transcript_first(l.p[0])) {
			if (match_transcript(text, len, &l, 0, buf, size, found, &rc,
			                     &next)) {
				*pos = next;
				return rc > 0 ? 1 : rc;
			}
		}
		/* A line folded onto indented lines is bounce text, not a log
		 * line: read it whole below. (The next line starts with a blank:
		 * it is not empty.) */
		int folded = (what & SMTPREPLY_FIND_TEXT) && l.next < len &&
		             is_blank(text[l.next]) && !json_member_line(l.p, l.n);
		unsigned hints =
		        folded ? ~0u
		               : line_hints_fast(l.p, l.n, from, log_only ? H_LOG : 0);
		/* DSN fields in JSON (Amazon SES): before the log matchers, whose
		 * phrases a diagnostic code may quote */
		if ((what & SMTPREPLY_FIND_TEXT) && (hints & H_CODE) &&
		    json_dsn_line(l.p, l.n) &&
		    match_json_dsn(text, len, &l, buf, size, found, &rc, &more)) {
			*pos = more ? (size_t)(more - text) : l.next;
			return rc > 0 ? 1 : rc;
		}
		/* (and not for a line without the phrases they need: a
		 * delivery's "status=sent (250 ...)" most often) */
		if ((what & SMTPREPLY_FIND_LOG) && !folded && (hints & H_LOG) &&
		    !SR_GATE(sr_scan_anchors(l.p, l.n) || ex_line_start(l.p, l.n) ||
		             dma_log_line(l.p, l.n))) {
#ifdef SMTPREPLY_CHECK_SCAN
			if (match_exchange(text, l.p, l.n, buf, size, found, &rc, NULL,
			                   &more) ||
			    match_postfix(text, l.p, l.n, buf, size, found, &rc) ||
			    match_exim(text, l.p, l.n, buf, size, found, &rc) ||
			    match_opensmtpd(text, l.p, l.n, buf, size, found, &rc) ||
			    match_sendmail(text, l.p, l.n, buf, size, found, &rc, NULL,
			                   &more) ||
			    match_qmail_log(text, l.p, l.n, buf, size, found, &rc) ||
			    match_chasquid(text, len, l.p, l.n, buf, size, found,
			                   &rc, &more) ||
			    wrap_courier_log(text, len, &l, buf, size, found, &rc,
			                     &next) ||
			    match_nm_dma_log(text, len, &l, buf, size, found, &rc,
			                     &next) ||
			    match_own_words(text, l.p, l.n, found, &rc))
				abort();
#endif
		} else if ((what & SMTPREPLY_FIND_LOG) && !folded && (hints & H_LOG)) {
			if (match_exchange(text, l.p, l.n, buf, size, found, &rc, NULL,
			                   &more) ||
			    match_postfix(text, l.p, l.n, buf, size, found, &rc) ||
			    match_exim(text, l.p, l.n, buf, size, found, &rc) ||
			    match_opensmtpd(text, l.p, l.n, buf, size, found, &rc) ||
			    match_sendmail(text, l.p, l.n, buf, size, found, &rc, NULL,
			                   &more) ||
			    match_qmail_log(text, l.p, l.n, buf, size, found, &rc) ||
			    match_chasquid(text, len, l.p, l.n, buf, size, found,
			                   &rc, &more) ||
			    wrap_courier_log(text, len, &l, buf, size, found, &rc,
			                     &next) ||
			    match_nm_dma_log(text, len, &l, buf, size, found, &rc,
			                     &next) ||
			    match_own_words(text, l.p, l.n, found, &rc)) {
				*pos = more ? (size_t)(more - text) : next;
				return rc > 0 ? 1 : rc;
			}
		}
		/* Bounce text's phrases (unless the line is folded or not read
		 * as a log line above: then as before). */
		int text_gate = (what & SMTPREPLY_FIND_TEXT) &&
		                (hints & (H_CODE | H_COLON_END)) &&
		                (folded || !(what & SMTPREPLY_FIND_LOG) ||
		                 SR_GATE(sr_scan_text_anchors(l.p, l.n) ||
		                         text_recipient_form(l.p, l.n) ||
		                         dma_line(l.p, l.n) ||
		                         smtp_error_line(l.p, l.n) ||
		                         hmailserver_line(l.p, l.n)));
#ifdef SMTPREPLY_CHECK_SCAN
		int text_turned_away = !text_gate;
		text_gate = 1;
#endif
		if ((what & SMTPREPLY_FIND_TEXT) && (hints & (H_CODE | H_COLON_END)) &&
		    text_gate) {
			/* Bounce text folds; unfold into the buffer's second
			 * half and match there. */
			size_t half = size / 2, un = l.n;
			char *scratch = buf + half;
			size_t end = folded ? unfold(text, len, &l, scratch, size - half,
			                             &un)
			                    : l.next;
			if (end > 0) {
				size_t nx = end;
				const char *s = un == l.n ? l.p : scratch;
				/* (an unfolded line was tried as a log line above) */
				int again = folded || !(what & SMTPREPLY_FIND_LOG);
				if (match_bounce_text(text, len, off, s, un, end, buf, half,
				                      found, &rc, &nx) ||
				    (again &&
				     (match_postfix(text, s, un, buf, half, found, &rc) ||
				      match_exim(text, s, un, buf, half, found, &rc)))) {
#ifdef SMTPREPLY_CHECK_SCAN
					if (text_turned_away)
						abort();
#endif
					if (nx < end)
						nx = end;
					place(found, off, nx);
					/* "<a@b.c>: host ...", "  a@b.c" then indented
					 * lines, or an address above */
					if (found->recipient.ptr == NULL)
						found->recipient = address_line(l.p, l.n);
					if (found->recipient.ptr == NULL)
						found->recipient = recipient_above(text, off);
					*pos = nx;
					return rc > 0 ? 1 : rc;
				}
			}
		}
		/* A client library's error text with the reply inside. */
		if (what & (SMTPREPLY_FIND_TEXT | SMTPREPLY_FIND_TRANSCRIPT)) {
			int wrap_gate = SR_GATE(sr_scan_wrap_anchors(l.p, l.n));
#ifdef SMTPREPLY_CHECK_SCAN
			if (!wrap_gate &&
			    match_wrapper(text, len, off, &l, buf, size, found, &rc,
			                  &next, &more))
				abort();
#endif
			if (wrap_gate && match_wrapper(text, len, off, &l, buf, size,
			                               found, &rc, &next, &more)) {
				*pos = more ? (size_t)(more - text) : next;
				return rc > 0 ? 1 : rc;
			}
		}
		/* A failed address with its MTA's own words and no reply. */
		if ((what & SMTPREPLY_FIND_TEXT) && !inner && (folded ||
		                                              (hints & H_COLON_END)) &&
		    match_own_text(text, len, &l, buf, size, found, &next)) {
			*pos = next;
			return 1;
		}
		if (what & SMTPREPLY_FIND_RAW) {
			if (match_transcript(text, len, &l, 1, buf, size, found, &rc,
			                     &next)) {
				*pos = next;
				return rc > 0 ? 1 : rc;
			}
		}
		*pos = next;
	}
	return 0;
}

int smtpreply_find(const char *text, size_t len, size_t *pos, unsigned what,
                   char *buf, size_t size, struct smtpreply_found *found)
{
	if (text == NULL || pos == NULL || buf == NULL || found == NULL)
		return SMTPREPLY_E_INVALID_ARGUMENT;
	if (*pos > len)
		*pos = len;
	return sr_find_in(text, len, pos, what, buf, size, found);
}

const char *smtpreply_source_name(enum smtpreply_source s)
{
	static const char names[][11] = {"none", "raw", "postfix", "exim",
	                                  "sendmail", "opensmtpd", "dsn",
	                                  "bounce", "transcript", "exchange",
	                                  "fallback"};
	if ((unsigned)s >= sizeof names / sizeof names[0])
		return "";
	return names[s];
}
