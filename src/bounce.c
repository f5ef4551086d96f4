/* bounce.c - the records of a bounce message: RFC 5322 headers, MIME
 * (RFC 2045/2046) multiparts, the RFC 3464 message/delivery-status part,
 * and for bounces without one, the replies their text quotes.
 *
 * The iterator is a count: each call walks the message again and stops at
 * the next record. Bounces are small and their recipients few, so this
 * costs little and keeps the iterator a plain counter that cannot go
 * stale. Nothing is allocated; decoded text (quoted-printable, base64)
 * goes into the first half of the caller's buffer. */
#include "extract.h"

#include <string.h>

#define MAX_DEPTH 5

struct span {
	const char *p;
	size_t n;
};

/* The walk's state: which record is wanted, how many were seen. */
struct walk {
	const char *msg;
	size_t want, seen;
	char *buf;
	size_t size;
	struct smtpreply_found *found;
	int rc;          /* the wanted record's result */
	int done;
	int dsn_parts;   /* delivery-status parts met */
	int text_pass;   /* 0: DSN records, 1: text records (no DSN), and
	                  * when both found none: 2 the DSN fields read
	                  * leniently, 3 text/plain by the general reader,
	                  * 4 text/html by it (FALLBACK records) */
	int exim;        /* Exim wrote it: its \\ooo escapes are decoded */
	/* the bounce's own addresses (From, To...): never a failed recipient */
	struct sr_span skip[8];
	int nskip;
	struct span subject;
	/* text records, to lend a DSN record its command and host */
	struct span texts[8];
	int ntexts;
};

static int blank(char c)
{
	return c == ' ' || c == '\t';
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int ieq(const char *a, size_t an, const char *b)
{
	size_t bn = strlen(b);
	if (an != bn)
		return 0;
	for (size_t i = 0; i < an; i++)
		if (lower((unsigned char)a[i]) != b[i])
			return 0;
	return 1;
}

/* The end of the header block [p, p+n): the offset of the body. */
static size_t header_end(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] != '\n')
			continue;
		if (i + 1 < n && p[i + 1] == '\n')
			return i + 2;
		if (i + 2 < n && p[i + 1] == '\r' && p[i + 2] == '\n')
			return i + 3;
	}
	/* headers only, or a part that starts with its body */
	return n;
}

/* A header field's value (folded lines included), by lower-case name. */
static struct span header(const char *h, size_t n, const char *name)
{
	size_t nl = strlen(name);
	struct span v = {NULL, 0};
	for (size_t i = 0; i < n;) {
		const char *line = h + i;
		const char *lf = memchr(line, '\n', n - i);
		size_t ln = lf ? (size_t)(lf - line) : n - i;
		if (ln > nl && line[nl] == ':' && ieq(line, nl, name)) {
			size_t s = i + nl + 1, e = i + ln;
			/* folded continuation lines */
			size_t j = lf ? i + ln + 1 : n;
			while (j < n && blank(h[j])) {
				const char *lf2 = memchr(h + j, '\n', n - j);
				e = lf2 ? (size_t)(lf2 - h) : n;
				j = lf2 ? e + 1 : n;
			}
			while (s < e && blank(h[s]))
				s++;
			while (e > s && (blank(h[e - 1]) || h[e - 1] == '\r'))
				e--;
			v.p = h + s;
			v.n = e - s;
			return v;
		}
		i += ln + (lf ? 1 : 0);
	}
	return v;
}

/* "multipart/report; boundary=\"x\"" -> type "multipart/report" and the
 * parameter's value. */
static struct span ctype(struct span v)
{
	struct span t = v;
	if (v.p == NULL)
		return v;
	const char *semi = memchr(v.p, ';', v.n);
	if (semi)
		t.n = (size_t)(semi - v.p);
	while (t.n && blank(t.p[t.n - 1]))
		t.n--;
	return t;
}

static struct span param(struct span v, const char *name)
{
	struct span r = {NULL, 0};
	size_t nl = strlen(name);
	for (size_t i = 0; v.p && i + nl < v.n; i++) {
		if (!(i == 0 || v.p[i - 1] == ';' || blank(v.p[i - 1]) ||
		      v.p[i - 1] == '\n'))
			continue;
		if (!ieq(v.p + i, nl, name) || v.p[i + nl] != '=')
			continue;
		size_t s = i + nl + 1, e;
		if (s < v.n && v.p[s] == '"') {
			s++;
			e = s;
			while (e < v.n && v.p[e] != '"')
				e++;
		} else {
			e = s;
			while (e < v.n && v.p[e] != ';' && !blank(v.p[e]) &&
			       v.p[e] != '\r' && v.p[e] != '\n')
				e++;
		}
		r.p = v.p + s;
		r.n = e - s;
		return r;
	}
	return r;
}

static int type_is(struct span t, const char *what)
{
	return t.p && ieq(t.p, t.n, what);
}

static int type_starts(struct span t, const char *what)
{
	size_t n = strlen(what);
	return t.p && t.n >= n && ieq(t.p, n, what);
}

/* ---- decoding ---- */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)lower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static size_t qp_decode(const char *p, size_t n, char *out, size_t cap)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k < cap; i++) {
		if (p[i] == '=' && i + 1 < n) {
			if (p[i + 1] == '\n') { /* soft break */
				i++;
				continue;
			}
			if (p[i + 1] == '\r' && i + 2 < n && p[i + 2] == '\n') {
				i += 2;
				continue;
			}
			if (i + 2 < n && hexval(p[i + 1]) >= 0 && hexval(p[i + 2]) >= 0) {
				out[k++] = (char)(hexval(p[i + 1]) * 16 + hexval(p[i + 2]));
				i += 2;
				continue;
			}
		}
		out[k++] = p[i];
	}
	return k;
}

static int b64val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

static size_t b64_decode(const char *p, size_t n, char *out, size_t cap)
{
	size_t k = 0;
	unsigned acc = 0;
	int bits = 0;
	for (size_t i = 0; i < n && k < cap; i++) {
		int v = b64val(p[i]);
		if (v < 0)
			continue; /* line ends, padding */
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[k++] = (char)((acc >> bits) & 0xFF);
		}
	}
	return k;
}

/* ---- the delivery-status part ---- */

/* The value of a DSN field after its type: "rfc822; a@b.c" -> "a@b.c". */
static struct span typed(struct span v)
{
	const char *semi = v.p ? memchr(v.p, ';', v.n) : NULL;
	if (semi == NULL)
		return v;
	struct span r = {semi + 1, (size_t)(v.p + v.n - semi - 1)};
	/* the value may start on a folded line ("Final-recipient: RFC822;"
	 * then " a@b": Exchange 2013's DSN) */
	while (r.n && (blank(*r.p) || *r.p == '\r' || *r.p == '\n')) {
		r.p++;
		r.n--;
	}
	return r;
}

static struct smtpreply_str str0(void)
{
	struct smtpreply_str v = {NULL, 0};
	return v;
}

static struct smtpreply_str view(struct span s)
{
	struct smtpreply_str v;
	v.ptr = s.n ? s.p : NULL;
	v.len = s.n;
	return v;
}

static struct smtpreply_str str_of(const char *p, size_t n)
{
	struct smtpreply_str v;
	v.ptr = p;
	v.len = n;
	return v;
}

static int same_address(struct smtpreply_str a, struct smtpreply_str b)
{
	if (a.ptr == NULL || b.ptr == NULL || a.len != b.len)
		return 0;
	for (size_t k = 0; k < a.len; k++)
		if (lower((unsigned char)a.ptr[k]) != lower((unsigned char)b.ptr[k]))
			return 0;
	return 1;
}

/* The text's reply is the DSN's and more: Sendmail's Diagnostic-Code
 * holds only the first line of a reply its transcript has whole. */
static int fuller(const struct smtpreply *dsn, const struct smtpreply *text)
{
	return dsn->code == text->code && dsn->nlines == 1 &&
	       text->nlines > 1 && dsn->first_line.len == text->first_line.len &&
	       (dsn->first_line.len == 0 ||
	        memcmp(dsn->first_line.ptr, text->first_line.ptr,
	               dsn->first_line.len) == 0);
}

/* Takes command and host from the bounce's text for a recipient: from
 * the text's record for that recipient, or, when the text names no
 * recipient at all (Sendmail's transcript of a refused DATA), from its one
 * record. The text's reply replaces the DSN's when the DSN has none or only
 * its first line. */
static void lend_from_text(struct walk *w, struct smtpreply_found *f)
{
	if (f->recipient.ptr == NULL)
		return;
	for (int i = 0; i < w->ntexts; i++) {
		const char *t = w->texts[i].p;
		size_t n = w->texts[i].n, pos = 0, at = 0;
		/* Only look: the reply buffer is the record's, so use a
		 * small stack buffer for the text's replies. The views may
		 * point into tmp, which the next record reuses: decide from
		 * them at once, keep none. */
		char tmp[4096];
		struct smtpreply_found g;
		int rc, named = 0, unnamed = 0, found = 0;
		struct {
			size_t from;
			enum smtpreply_command command;
			struct smtpreply_str host;
			int take_reply, take_problem;
		} pick = {0, SMTPREPLY_CMD_UNKNOWN, {NULL, 0}, 0, 0};
		while ((rc = sr_find_in(t, n, &pos,
		                        SMTPREPLY_FIND_TEXT |
		                                SMTPREPLY_FIND_TRANSCRIPT,
		                        tmp, sizeof tmp, &g)) != 0) {
			size_t from = at;
			at = pos;
			int mine = same_address(g.recipient, f->recipient);
			if (!mine) {
				if (g.recipient.ptr != NULL)
					named++;
				else if (rc > 0 && g.has_reply)
					unnamed++;
				if (g.recipient.ptr != NULL || unnamed != 1 ||
				    !(rc > 0 && g.has_reply))
					continue;
			}
			pick.from = from;
			pick.command = g.command;
			pick.host = g.host.ptr >= t && g.host.ptr < t + n ? g.host
			                                                   : str0();
			/* No Diagnostic-Code (OpenSMTPD's DSN, Sendmail's
			 * refused DATA) or its first line only: the reply is
			 * the text's. */
			pick.take_reply =
			        rc > 0 && g.has_reply &&
			        ((!f->has_reply && f->problem.ptr == NULL) ||
			         (f->has_reply && fuller(&f->reply, &g.reply)));
			/* Neither a reply nor a Diagnostic-Code: the MTA's own
			 * words under this recipient in the text are the
			 * record's problem. Exim writes no Diagnostic-Code for a
			 * failure of its own (deliver.c: only a remote host's
			 * reply goes there) and puts the error below the
			 * address in the text ("  a@b.c" / "    retry timeout
			 * exceeded", "    Unrouteable address"); only the
			 * text's record that names this recipient lends it. */
			pick.take_problem = mine && rc > 0 && !g.has_reply &&
			                    g.problem.ptr != NULL &&
			                    !f->has_reply && f->problem.ptr == NULL;
			if (mine) {
				found = 1;
				break;
			}
		}
		if (!found && (named > 0 || unnamed != 1))
			continue;
		if (f->command == SMTPREPLY_CMD_UNKNOWN)
			f->command = pick.command;
		if (f->host.ptr == NULL)
			f->host = pick.host;
		if (pick.take_problem) {
			/* find it again, into the record's buffer (Exim's
			 * error lines are joined there) */
			struct smtpreply_found h;
			size_t from = pick.from;
			int rc2 = sr_find_in(t, n, &from,
			                     SMTPREPLY_FIND_TEXT |
			                             SMTPREPLY_FIND_TRANSCRIPT,
			                     w->buf, w->size, &h);
			if (rc2 > 0 && !h.has_reply && h.problem.ptr != NULL &&
			    same_address(h.recipient, f->recipient))
				f->problem = h.problem;
			else if (rc2 < 0)
				w->rc = rc2;
		}
		if (pick.take_reply) {
			/* find it again, into the record's buffer */
			struct smtpreply_found h;
			size_t from = pick.from;
			int rc2 = sr_find_in(t, n, &from,
			                     SMTPREPLY_FIND_TEXT |
			                             SMTPREPLY_FIND_TRANSCRIPT,
			                     w->buf, w->size, &h);
			if (rc2 > 0 && h.has_reply) {
				f->reply = h.reply;
				f->has_reply = 1;
			} else if (rc2 < 0) {
				w->rc = rc2;
			}
		}
		return;
	}
}

/* A DSN record still without a reply and a problem (no Diagnostic-Code,
 * and no known reader of the text part names its recipient): the reason
 * the general reader (fallback.c) finds beside or below the same address
 * in the text part. CommuniGate Pro writes "Failed to deliver to
 * '<a@b>'" with its own reason on the line below ("Messages without To:
 * fields are not accepted here") above a delivery-status part that has
 * only Status 5.0.0. Only words after the address: not the address's own
 * line or the sentence above it, which the general reader gives when it
 * finds no reason (they say no more than the Status), and not a reply
 * (the known readers lend those, lend_from_text; the general reader's
 * lone reply in a transcript can be the MTA's own deferral, Sendmail's
 * "451 4.4.1 reply: read error" above a final 4.4.7). */
/* Words, not an empty label's leftovers (Sendmail's "(reason: )" gives
 * ")"): four letters at least. */
static int has_words(struct smtpreply_str s)
{
	size_t k = 0;
	for (size_t i = 0; i < s.len && k < 4; i++)
		k += (s.ptr[i] >= 'a' && s.ptr[i] <= 'z') ||
		     (s.ptr[i] >= 'A' && s.ptr[i] <= 'Z');
	return k >= 4;
}

static void lend_from_fallback(struct walk *w, struct smtpreply_found *f)
{
	struct smtpreply_str none = {NULL, 0};
	if (f->recipient.ptr == NULL)
		return;
	for (int i = 0; i < w->ntexts; i++) {
		const char *t = w->texts[i].p;
		size_t n = w->texts[i].n;
		for (size_t want = 0; want < 8; want++) {
			struct smtpreply_found g;
			size_t seen = 0;
			int rc = sr_fallback_text(t, n, want, &seen, w->skip, w->nskip,
			                          none, w->buf, w->size, &g);
			if (rc == 0)
				break;
			if (!same_address(g.recipient, f->recipient))
				continue;
			if (rc < 0)
				return;
			/* not the failure sentence above the address (the
			 * general reader's words of last resort), but the
			 * paragraph a sentence above introduces as the reason
			 * (Netscape Messaging Server: "This Message was
			 * undeliverable due to the following reason:", the
			 * reason, then the address) */
			if (!g.has_reply && g.problem.ptr != NULL &&
			           (!(g.problem.ptr >= t && g.problem.ptr < t + n &&
			              g.problem.ptr < g.recipient.ptr + g.recipient.len) ||
			            sr_introduced_reason(t, n, g.problem.ptr)) &&
			           has_words(g.problem)) {
				f->problem = g.problem;
			}
			return;
		}
	}
}

/* Sendmail's own errors for a recipient it failed itself (sendmail/
 * collect.c, deliver.c, err.c usrerr()) stand in its bounce's transcript
 * as bare lines in a reply's form -- "552 5.2.3 Message exceeds maximum
 * fixed size (20000)", "554 5.4.6 Too many hops 41 (25 max): ...", "554
 * 5.3.0 unknown mailer error 1" -- below "----- Transcript of session
 * follows -----" (savemail.c), while its delivery-status part has no
 * Diagnostic-Code, or only a program's exit status, and Status 5.0.0. They
 * are Sendmail's words, not a server's reply: a record still without
 * reply and problem takes the line's text as its problem, and its
 * enhanced code as the Status when that says only X.0.0. Only when the
 * section holds exactly one such line, of class 5: several are several
 * recipients' or a session's; a 4xx one ("451 4.4.1 reply: read error
 * from ...") is the deferral before the message timed out, which the
 * Status (4.4.7) tells. */
/* Where Sendmail's "Transcript of session follows" stands in text i of
 * the walk (its end in *e), or NULL: both readers below walk the lines
 * after it. */
static const char *transcript_in(const struct walk *w, int i, const char **e)
{
	static const char mark[] = "Transcript of session follows";
	const char *t = w->texts[i].p;
	*e = t + w->texts[i].n;
	return sr_find(t, w->texts[i].n, mark, sizeof mark - 1);
}

static void lend_from_transcript(struct walk *w, struct smtpreply_found *f)
{
	for (int i = 0; i < w->ntexts; i++) {
		const char *m, *line = NULL, *e;
		int count = 0;
		if ((m = transcript_in(w, i, &e)) == NULL)
			continue;
		for (const char *l = memchr(m, '\n', (size_t)(e - m)); l && l < e;) {
			l++;
			const char *lf = memchr(l, '\n', (size_t)(e - l));
			size_t ln = lf ? (size_t)(lf - l) : (size_t)(e - l);
			if (ln > 4 && sr_code_at(l, ln) && (l[3] == ' ' || l[3] == '-')) {
				count++;
				line = l;
			}
			l = lf;
		}
		if (count != 1 || line[0] != '5')
			return;
		const char *le = memchr(line, '\n', (size_t)(e - line));
		size_t ln = le ? (size_t)(le - line) : (size_t)(e - line);
		while (ln > 0 && line[ln - 1] == '\r')
			ln--;
		size_t k = 4, en = 0;
		struct smtpreply_enhanced x;
		/* sr_enhanced_at counts the space after the code */
		if (k < ln && (en = sr_enhanced_at(line + k, ln - k, &x)) > 1 &&
		    x.klass == 5 && k + en < ln && line[k + en - 1] == ' ') {
			en--;
			struct smtpreply_enhanced st = {0, 0, 0};
			if (f->status.ptr == NULL ||
			    (sr_enhanced_at(f->status.ptr, f->status.len, &st) ==
			             f->status.len &&
			     st.subject == 0 && st.detail == 0)) {
				f->status.ptr = line + k;
				f->status.len = en;
			}
			k += en + 1;
		}
		if (k < ln) {
			f->problem.ptr = line + k;
			f->problem.len = ln - k;
		}
		return;
	}
}

/* Sendmail's transcript names a recipient it gave up on after temporary
 * failures that had no server reply (a refused or timed-out connection)
 * on a line "<a@b>... Deferred: WORDS": err.c's fmtmsg() puts the address
 * and "... " before deliver.c giveresponse()'s "Deferred: " and
 * sm_errstring()'s words ("Connection refused by [127.0.0.1]",
 * "Connection timed out with [127.0.0.1]"), while the delivery-status
 * part has "Status: 4.4.7" and an empty "Diagnostic-Code: SMTP; ". A
 * record still without reply and problem takes the WORDS of the line
 * that names its own recipient (with or without the angle brackets),
 * unless they are a reply (the server's, which the transcript's "<<<"
 * lines give the record). The line may name the address the recipient
 * became instead (an alias's program or forward: '"|exit 75"... Deferred:
 * prog mailer (/bin/sh) exited with EX_TEMPFAIL'), which the DSN's
 * X-Actual-Recipient gives ("X-Unix; |exit 75"): that one too (in
 * quotes or angle brackets). */
static void lend_from_deferral(struct walk *w, struct smtpreply_found *f,
                               struct smtpreply_str actual)
{
	static const char deferred[] = "... Deferred: ";
	const size_t dn = sizeof deferred - 1;
	size_t an = f->recipient.len;
	if (f->recipient.ptr == NULL || an == 0)
		return;
	for (int i = 0; i < w->ntexts; i++) {
		const char *e, *m;
		if ((m = transcript_in(w, i, &e)) == NULL)
			continue;
		for (const char *l = memchr(m, '\n', (size_t)(e - m)); l && l < e;) {
			l++;
			const char *lf = memchr(l, '\n', (size_t)(e - l));
			size_t ln = lf ? (size_t)(lf - l) : (size_t)(e - l);
			while (ln > 0 && l[ln - 1] == '\r')
				ln--;
			const char *d = sr_find(l, ln, deferred, dn);
			if (d != NULL) {
				const char *a = l;
				size_t n = (size_t)(d - l);
				if (n >= 2 && ((a[0] == '<' && a[n - 1] == '>') ||
				               (a[0] == '"' && a[n - 1] == '"'))) {
					a++;
					n -= 2;
				}
				const char *t2 = d + dn;
				size_t tn = (size_t)(l + ln - t2);
				if (same_address(f->recipient, str_of(a, n)) ||
				    same_address(actual, str_of(a, n))) {
					if (tn > 0 && !sr_code_at(t2, tn)) {
						f->problem.ptr = t2;
						f->problem.len = tn;
					}
					return;
				}
			}
			l = lf;
		}
	}
}

/* OpenSMTPD's bounce text has one line per recipient, "a@b: WORDS"
 * (smtpd/bounce.c: the address, then the envelope's error -- "Domain does
 * not exist", "Error (user unknown: exited abnormally)", "Envelope
 * expired"), while its delivery-status part has no Diagnostic-Code. A
 * record still without reply and problem takes the words of the line
 * that starts with its own recipient (unless they are a reply, which the
 * text's records give). */
static void lend_from_line(struct walk *w, struct smtpreply_found *f)
{
	size_t an = f->recipient.len;
	if (f->recipient.ptr == NULL || an == 0)
		return;
	for (int i = 0; i < w->ntexts; i++) {
		const char *l = w->texts[i].p, *e = l + w->texts[i].n;
		while (l < e) {
			const char *lf = memchr(l, '\n', (size_t)(e - l));
			size_t ln = lf ? (size_t)(lf - l) : (size_t)(e - l);
			while (ln > 0 && l[ln - 1] == '\r')
				ln--;
			if (ln > an + 2 && l[an] == ':' && l[an + 1] == ' ' &&
			    same_address(f->recipient, str_of(l, an))) {
				const char *t = l + an + 2;
				size_t tn = ln - an - 2;
				while (tn > 0 && blank(*t)) {
					t++;
					tn--;
				}
				if (tn > 0 && !sr_code_at(t, tn)) {
					f->problem.ptr = t;
					f->problem.len = tn;
				}
				return;
			}
			l = lf ? lf + 1 : e;
		}
	}
}

/* Whether a Diagnostic-Code value is a bare number: Sendmail writes a
 * program's exit status so ("X-Unix; 1"), no words of a cause. */
static int exit_status_only(struct span v)
{
	if (v.n == 0 || v.n > 3)
		return 0;
	for (size_t k = 0; k < v.n; k++)
		if (v.p[k] < '0' || v.p[k] > '9')
			return 0;
	return 1;
}

/* Where a part's text is in the message: at `off`, or, for text decoded
 * from quoted-printable or base64 into the caller's buffer, somewhere in
 * the `enc_len` encoded bytes at `off`. Offsets are always the message's:
 * never a distance between the buffer and the message. */
struct origin {
	size_t off;
	size_t enc_len; /* 0: the text is the message's own bytes */
};

/* A record found at f->offset in a part's text: its place in the
 * message. Decoded text maps to its whole encoded body. */
static void relocate(struct smtpreply_found *f, struct origin o)
{
	if (o.enc_len == 0) {
		f->offset += o.off;
	} else {
		f->offset = o.off;
		f->length = o.enc_len;
	}
}

/* A Diagnostic-Code whose first line is the MTA's own words and a folded
 * line below it the server's reply: Courier 1.0.16 writes "smtp; <command
 * failed>" (an RSET its session got no answer to) then "        450 4.7.1
 * Greylisted: ..." (the reply it gave up on) when a message expires
 * after temporary refusals. The reply is from the first folded line that
 * starts with a reply code ("NNN " or "NNN-") to the value's end; only
 * for the type "smtp" (an MTA's own words, "X-Postfix; ...", may fold
 * before a number). */
static struct span reply_line_in(struct span v)
{
	struct span r = {NULL, 0};
	const char *e = v.p + v.n;
	for (const char *q = memchr(v.p, '\n', v.n); q != NULL && q + 1 < e;
	     q = memchr(q + 1, '\n', (size_t)(e - q - 1))) {
		const char *l = q + 1;
		while (l < e && blank(*l))
			l++;
		if (e - l >= 4 && sr_code_at(l, (size_t)(e - l)) &&
		    (l[3] == ' ' || l[3] == '-')) {
			r.p = l;
			r.n = (size_t)(e - l);
			return r;
		}
	}
	return r;
}

/* A multiline reply written into Diagnostic-Code with its lines unfolded:
 * nullmailer-dsn (nullmailer 2.2) puts the smtp module's reply there as
 * it came, "Diagnostic-Code: SMTP; 550-5.7.1 first" then "550-5.7.1
 * second" and "550 5.7.1 last" at the start of the next lines, without the
 * blank that would fold them into the field (RFC 5322 2.2.3). Such a line
 * cannot be a field (a field name has no blank), so when the value's last
 * line says more lines follow ("NNN-"), the lines right after it that
 * continue the same code belong to it, up to the one that ends the reply
 * ("NNN "). */
static struct span unfolded_reply(struct span v, const char *g, size_t gn)
{
	const char *end = g + gn, *last = v.p, *q;
	if (v.p == NULL || v.n < 4)
		return v;
	for (q = v.p; q < v.p + v.n; q++)
		if (*q == '\n' && q + 1 < v.p + v.n)
			last = q + 1;
	if (!sr_code_at(last, (size_t)(v.p + v.n - last)) || last[3] != '-')
		return v;
	const char *l = memchr(v.p + v.n, '\n', (size_t)(end - (v.p + v.n)));
	while (l != NULL && ++l < end) {
		const char *lf = memchr(l, '\n', (size_t)(end - l));
		size_t ln = lf ? (size_t)(lf - l) : (size_t)(end - l);
		while (ln > 0 && l[ln - 1] == '\r')
			ln--;
		if (ln < 4 || memcmp(l, v.p, 3) != 0 || (l[3] != '-' && l[3] != ' '))
			break;
		v.n = (size_t)(l + ln - v.p);
		if (l[3] == ' ')
			break;
		l = lf;
	}
	return v;
}

/* A Status field with a comment after its code (RFC 3464 fields are
 * structured, so RFC 822 comments may follow): mox writes "5.7.1 (remote
 * smtp server sent ...: 550 ...)" and "5.0.0 (domain does not accept
 * email ..., permanent)", Haraka "5.1.2 (550 No Such Domain: b.c)" for a
 * failure of its own. The status is the code; the comment's words, *words,
 * are the reporting MTA's account of the failure, the record's problem
 * when nothing else gives one. */
static struct span status_code(struct span v, struct span *words)
{
	size_t i = 0;
	while (i < v.n && !blank(v.p[i]) && v.p[i] != '(')
		i++;
	size_t c = i;
	while (i < v.n && blank(v.p[i]))
		i++;
	if (c == 0 || i >= v.n || v.p[i] != '(')
		return v;
	size_t e = v.n;
	while (e > i && (blank(v.p[e - 1]) || v.p[e - 1] == '\r' ||
	                 v.p[e - 1] == '\n'))
		e--;
	if (e - i < 3 || v.p[e - 1] != ')')
		return v;
	words->p = v.p + i + 1;
	words->n = e - i - 2;
	v.n = c;
	return v;
}

/* An address field's value without its type and its angle brackets
 * ("rfc822;<a@b>" as some MTAs write it: RFC 3464 2.3.2 wants the bare
 * address). */
static struct span bare_address(struct span v)
{
	v = typed(v);
	if (v.p == NULL) {
		v.n = 0;
		return v;
	}
	while (v.n && (blank(v.p[v.n - 1]) || v.p[v.n - 1] == '\r'))
		v.n--;
	if (v.n >= 2 && v.p[0] == '<' && v.p[v.n - 1] == '>') {
		v.p++;
		v.n -= 2;
	}
	return v;
}

/* An Internet address with a dot in its domain: "a@b.c", not a bare
 * local part, a source route ("@h.b.c:a@d") or a mail system's own
 * name for its delivery agent ("a@ims_daemon"). */
static int routable(struct span a)
{
	const char *at = a.n ? memchr(a.p, '@', a.n) : NULL;
	if (at == NULL || at == a.p || memchr(a.p, ':', a.n) != NULL)
		return 0;
	return memchr(at, '.', (size_t)(a.p + a.n - at)) != NULL;
}

/* A recipient's address in its DSN fields: Final-Recipient, or the
 * Original-Recipient when the final one is no address the sender could
 * use and the original one is: an empty "system;<>" (an unchanged
 * message from a mailing system), Sun/Oracle Messaging Server's
 * "@stov1.b.c:user@ims_daemon" (its channel's source route; its
 * Original-recipient is "rfc822;user@b.c"), a bare local part. */
static struct span dsn_recipient(const char *g, size_t gn)
{
	struct span fin = header(g, gn, "final-recipient");
	struct span org = header(g, gn, "original-recipient");
	if (fin.p == NULL && org.p == NULL)
		return fin;
	struct span f = bare_address(fin), o = bare_address(org);
	if (fin.p == NULL || (!routable(f) && org.p != NULL && routable(o)))
		return o;
	return f;
}

/* Exchange 2010-2016's DSN gives no Diagnostic-Code for a remote refusal;
 * its X-Supplementary-Info field holds the remote host, the status and
 * the reply, "<mx.b.c #5.1.1 smtp;550-5.1.1 The email account ...
 * gsmtp>" (folded over lines; a multi-line reply's lines joined with
 * their "550-5.1.1" left in). The reply: the words after "smtp;" without
 * the closing '>', unfolded into out[0, cap); *host: the name after '<'.
 * NULL span when the field is not in that form. */
static struct span supplementary_reply(struct span v, char *out, size_t cap,
                                       struct span *host)
{
	struct span r = {NULL, 0};
	size_t k = v.p != NULL ? sr_unfold(v.p, v.n, out, cap) : 0;
	if (k < 12 || out[0] != '<' || out[k - 1] != '>')
		return r;
	const char *sm = NULL;
	for (size_t i = 1; i + 5 <= k && sm == NULL; i++)
		if (ieq(out + i, 5, "smtp;") && blank(out[i - 1]))
			sm = out + i + 5;
	if (sm == NULL)
		return r;
	const char *hs = out + 1, *he = hs;
	while (he < sm && !blank(*he))
		he++;
	const char *e = out + k - 1;
	while (sm < e && blank(*sm))
		sm++;
	if (e - sm < 4 || !sr_code_at(sm, (size_t)(e - sm)))
		return r;
	host->p = he > hs && *hs != '#' ? hs : NULL;
	host->n = host->p ? (size_t)(he - hs) : 0;
	r.p = sm;
	r.n = (size_t)(e - sm);
	return r;
}

static void dsn_part(struct walk *w, const char *p, size_t n, struct origin o)
{
	w->dsn_parts++;
	size_t i = 0;
	int group = 0;
	while (i < n && !w->done) {
		/* one group of fields up to a blank line */
		size_t s = i, e = i;
		while (e < n) {
			const char *lf = memchr(p + e, '\n', n - e);
			size_t le = lf ? (size_t)(lf - p) : n;
			size_t ln = le - e;
			if (ln == 0 || (ln == 1 && p[e] == '\r')) {
				break;
			}
			e = lf ? le + 1 : n;
		}
		size_t gn = e - s;
		/* skip the blank line(s) */
		i = e;
		while (i < n && (p[i] == '\n' || p[i] == '\r'))
			i++;
		if (gn == 0)
			continue;
		const char *g = p + s;
		/* The per-message fields; read as a recipient's too by the
		 * lenient pass when they hold one: some MTAs leave out the
		 * blank line between the two groups (NTMail 5: Reporting-MTA
		 * then Final-Recipient, Action, Status in one block). */
		if (group++ == 0 &&
		    !(w->text_pass == 2 &&
		      (header(g, gn, "final-recipient").p != NULL ||
		       header(g, gn, "original-recipient").p != NULL)))
			continue;
		struct span rcpt = dsn_recipient(g, gn);
		struct span action = header(g, gn, "action");
		if (rcpt.p == NULL && action.p == NULL)
			continue;
		if (w->seen++ != w->want)
			continue;
		struct smtpreply_found *f = w->found;
		sr_found_init(f, p, g, gn);
		relocate(f, o);
		f->source = w->text_pass == 2 ? SMTPREPLY_SOURCE_FALLBACK
		                              : SMTPREPLY_SOURCE_DSN;
		f->recipient = view(rcpt);
		f->action = view(action);
		struct span st_words = {NULL, 0};
		f->status = view(status_code(header(g, gn, "status"), &st_words));
		f->host = view(typed(header(g, gn, "remote-mta")));
		f->date = view(header(g, gn, "last-attempt-date"));
		struct span diag = header(g, gn, "diagnostic-code");
		struct span dt = ctype(diag);
		struct span dv = typed(diag), rl;
		char rebuilt[1024];
		w->rc = 1;
		/* The reply: the whole Diagnostic-Code when it starts with
		 * one, the reply line an "smtp;" code holds, or a reply after
		 * the reporting MTA's own words. */
		rl.p = NULL;
		if (diag.p == NULL) {
			struct span sh = {NULL, 0};
			rl = supplementary_reply(header(g, gn, "x-supplementary-info"),
			                         rebuilt, sizeof rebuilt, &sh);
			if (rl.p != NULL && f->host.ptr == NULL && sh.p != NULL) {
				/* (the host is in the stack buffer: the message's
				 * own bytes are given instead, when they hold it) */
				struct span xs = header(g, gn, "x-supplementary-info");
				const char *at = xs.n > sh.n
				                         ? sr_find(xs.p, xs.n, sh.p, sh.n)
				                         : NULL;
				if (at != NULL)
					f->host = str_of(at, sh.n);
			}
		} else if (dv.p && type_is(dt, "smtp")) {
			/* SES's "5.1.0 - ... 550-'reply' (delivery attempts:
			 * N)": the quoted reply */
			struct sr_span qv = {dv.p, dv.n};
			struct sr_span q = sr_quoted_attempt_reply(qv, rebuilt,
			                                           sizeof rebuilt);
			rl.p = q.p;
			rl.n = q.n;
		}
		if (rl.p == NULL && dv.p && sr_code_at(dv.p, dv.n)) {
			rl = unfolded_reply(dv, g, gn);
			sr_strip_exim_suffix(rl.p, &rl.n);
		} else if (rl.p == NULL && dv.p && type_is(dt, "smtp")) {
			rl = reply_line_in(dv);
		}
		if (rl.p == NULL && dv.p &&
		    (rl.p = sr_reply_in_words(dv.p, dv.n, &f->command)) != NULL) {
			rl.n = (size_t)(dv.p + dv.n - rl.p);
			/* Postfix 2 ends the value with its own words, "(in reply
			 * to RCPT TO command)": the command, not the reply's */
			const char *in = NULL, *cw = NULL;
			for (const char *q = rl.p;
			     (q = sr_find(q, (size_t)(rl.p + rl.n - q), "(in", 3)) !=
			     NULL;
			     q++) {
				/* "(in reply to ", its blanks maybe a fold
				 * ("(in" / "    reply to RCPT TO command)") */
				const char *k = q + 3, *e2 = rl.p + rl.n;
				if (k >= e2 || !(blank(*k) || *k == '\r' || *k == '\n'))
					continue;
				while (k < e2 && (blank(*k) || *k == '\r' || *k == '\n'))
					k++;
				if (e2 - k > 9 && memcmp(k, "reply to", 8) == 0 &&
				    (blank(k[8]) || k[8] == '\r' || k[8] == '\n')) {
					in = q;
					cw = k + 9;
				}
			}
			if (in != NULL) {
				if (f->command == SMTPREPLY_CMD_UNKNOWN)
					f->command = sr_command_words(
					        cw, (size_t)(rl.p + rl.n - cw));
				rl.n = (size_t)(in - rl.p);
			}
		}
		/* The lenient pass: a reply written where the Status goes
		 * ("Status: 553 Exceeded maximum inbound message size"), when
		 * no Diagnostic-Code gives one. */
		if (rl.p == NULL && dv.p == NULL && w->text_pass == 2 &&
		    f->status.ptr != NULL &&
		    sr_code_at(f->status.ptr, f->status.len) &&
		    (f->status.ptr[0] == '4' || f->status.ptr[0] == '5')) {
			rl.p = f->status.ptr;
			rl.n = f->status.len;
			f->status = str0();
		}
		/* A reply code alone in Status, its words alone in an untyped
		 * Diagnostic-Code: Zoho Mail writes "Status: 550" and
		 * "Diagnostic-Code: Message headers fail syntax check" (a real
		 * DSN quoted on qemu-devel, May 2025). The reply is the two
		 * together, the Status no DSN status. */
		char joined[1024];
		size_t dn = dv.p != NULL ? dv.n : 0;
		while (dn > 0 && (dv.p[dn - 1] == '\r' || blank(dv.p[dn - 1])))
			dn--;
		if (rl.p == NULL && dn > 0 && memchr(dv.p, ';', dn) == NULL &&
		    f->status.len == 3 && sr_code_at(f->status.ptr, 3) &&
		    (f->status.ptr[0] == '4' || f->status.ptr[0] == '5') &&
		    dn + 4 <= sizeof joined && memchr(dv.p, '\n', dn) == NULL) {
			memcpy(joined, f->status.ptr, 3);
			joined[3] = ' ';
			memcpy(joined + 4, dv.p, dn);
			rl.p = joined;
			rl.n = dn + 4;
			f->status = str0();
		}
		if (rl.p != NULL) {
			int rc = sr_reassemble_how(rl.p, rl.n, w->buf, w->size,
			                           &f->reply,
			                           w->exim ? SR_EXIM_OCTAL : 0);
			if (rc > 0)
				f->has_reply = 1;
			w->rc = rc > 0 ? 1 : rc;
		} else if (dv.p && !(type_is(dt, "x-unix") && exit_status_only(dv))) {
			f->problem = view(dv);
		}
		lend_from_text(w, f);
		if (!f->has_reply && f->problem.ptr == NULL && w->rc > 0)
			lend_from_line(w, f);
		if (!f->has_reply && f->problem.ptr == NULL && w->rc > 0)
			lend_from_transcript(w, f);
		if (!f->has_reply && f->problem.ptr == NULL && w->rc > 0)
			lend_from_deferral(w, f,
			                   view(typed(header(g, gn,
			                                     "x-actual-recipient"))));
		if (!f->has_reply && f->problem.ptr == NULL && st_words.p != NULL)
			f->problem = view(st_words);
		if (!f->has_reply && f->problem.ptr == NULL && w->rc > 0)
			lend_from_fallback(w, f);
		/* A record says what happened in the DSN's own terms when
		 * nothing else does: its Status ("5.1.1"), else its Action
		 * (the lenient pass's records, and a group with no
		 * Diagnostic-Code whose text part names no reason: Exchange's
		 * "Delivery to the following recipients failed." alone, a
		 * success report's "Action: delivered"). */
		if (!f->has_reply && f->problem.ptr == NULL)
			f->problem = f->status.ptr != NULL ? f->status : f->action;
		w->done = 1;
	}
}

/* ---- text parts: when there is no delivery-status part ---- */

/* Words of a bounce that say the delivery is only delayed: in the
 * explanation text t[0, n) (a delay warning: "has not yet been
 * delivered", "THIS IS A WARNING ONLY", "will be retried"), else in the
 * Subject ("Delivery Status Notification (Delay)", "Warning: message ...
 * delayed 24 hours"). The record's action views them; smtpreply_
 * found_diagnose reads them as a temporary failure (sr_delay_words). */
static struct smtpreply_str delay_words(const struct walk *w, const char *t,
                                        size_t n)
{
	struct sr_span v = sr_delay_in(t, n, 0);
	if (v.p == NULL && w->subject.p != NULL)
		v = sr_delay_in(w->subject.p, w->subject.n, 1);
	return v.p != NULL ? str_of(v.p, v.n) : str0();
}

static void text_part(struct walk *w, const char *p, size_t n, struct origin o)
{
	size_t pos = 0, before = w->seen, at = 0;
	int rc;
	struct smtpreply_found *f = w->found;
	while (!w->done &&
	       (rc = sr_find_in(p, n, &pos,
	                        SMTPREPLY_FIND_TEXT | SMTPREPLY_FIND_TRANSCRIPT,
	                        w->buf, w->size, f)) != 0) {
		if (w->seen++ != w->want)
			continue;
		at = f->offset;
		relocate(f, o);
		w->rc = rc;
		w->done = 1;
	}
	/* A part without a reply: dma's bounce may give its own reason
	 * ("Could not deliver for the last 432000 seconds. Giving up."),
	 * Gmail's its own words ("DNS Error: ...") */
	if (!w->done && w->seen == before &&
	    (sr_dma_own_text(p, n, w->buf, w->size, f) > 0 ||
	     sr_gmail_own_text(p, n, w->buf, w->size, f) > 0 ||
	     sr_sendmail_own_text(p, n, w->buf, w->size, f) > 0 ||
	     sr_imail_own_text(p, n, w->buf, w->size, f) > 0) &&
	    w->seen++ == w->want) {
		at = f->offset;
		relocate(f, o);
		w->rc = 1;
		w->done = 1;
	}
	/* A known reader's record that names no recipient (a transcript's
	 * "553 5.3.0 <a@b>... No such user here" under a list of failed
	 * addresses, "Failed Recipient: a@b" above "Reason: Remote host
	 * said: 550 ..."): the recipient is the one failed address the
	 * general reader finds in the same part, an address inside the
	 * reply itself aside (a contact the server names); of several, the
	 * one the reply names. No record is added, so none is given twice. */
	if (w->done && w->seen != before && f->recipient.ptr == NULL) {
		struct sr_span a, own = {NULL, 0}, words = {NULL, 0};
		/* the record's place in this part (known when the part was
		 * not decoded: relocate() made it the message's) and its own
		 * words, reply or problem */
		if (o.enc_len == 0 && f->offset >= o.off &&
		    f->offset - o.off + f->length <= n) {
			own.p = p + (f->offset - o.off);
			own.n = f->length;
		}
		struct smtpreply_str hay = f->has_reply ? f->reply.raw : f->problem;
		words.p = hay.ptr;
		words.n = hay.len;
		if (sr_fallback_recipient(p, n, w->skip, w->nskip, own, words, &a)) {
			f->recipient.ptr = a.p;
			f->recipient.len = a.n;
		}
	}
	/* A delay warning read by a known reader: Exim's "has not yet been
	 * delivered to one or more of its recipients after more than 24
	 * hours" above the address and its "Delay reason: ...", Sendmail's
	 * "Will keep trying until message is 5 days old". The record is a
	 * delay, not a failure, as the general reader's are: its action
	 * views the words. Only the text above the record (the returned
	 * message below it may say anything), and not the Subject (a final
	 * bounce's Subject quotes the message's own: "Undeliverable: order
	 * delayed"). */
	if (w->done && w->seen != before && f->action.ptr == NULL &&
	    w->text_pass == 1) {
		struct sr_span d = sr_delay_in(p, at < n ? at : n, 0);
		if (d.p != NULL)
			f->action = str_of(d.p, d.n);
	}
	/* The fallback passes: whatever reads the record, it was found
	 * only because the known readers found nothing in the message. */
	if (w->done && w->text_pass >= 2)
		f->source = SMTPREPLY_SOURCE_FALLBACK;
}

/* A text part for the general reader: the known readers first (a
 * message whose delivery-status part names no recipient never had its
 * text read), then the general one. */
static void fallback_part(struct walk *w, const char *p, size_t n,
                          struct origin o)
{
	size_t before = w->seen;
	text_part(w, p, n, o);
	if (w->done || w->seen != before)
		return;
	int rc = sr_fallback_text(p, n, w->want, &w->seen, w->skip, w->nskip,
	                          delay_words(w, p, n), w->buf, w->size,
	                          w->found);
	if (rc != 0) {
		relocate(w->found, o);
		w->rc = rc;
		w->done = 1;
	}
}

/* ---- MIME ---- */

static void entity(struct walk *w, const char *p, size_t n, int depth,
                   int top);

static void multipart(struct walk *w, const char *body, size_t n,
                      struct span boundary, int depth)
{
	if (boundary.p == NULL || boundary.n == 0 || boundary.n > 200)
		return;
	const char *part = NULL;
	size_t i = 0;
	while (i < n && !w->done) {
		const char *line = body + i;
		const char *lf = memchr(line, '\n', n - i);
		size_t ln = lf ? (size_t)(lf - line) : n - i;
		size_t next = i + ln + (lf ? 1 : 0);
		if (ln >= boundary.n + 2 && line[0] == '-' && line[1] == '-' &&
		    memcmp(line + 2, boundary.p, boundary.n) == 0) {
			if (part) {
				size_t pe = i;
				/* the line end before the delimiter is its own */
				if (pe > (size_t)(part - body) && body[pe - 1] == '\n')
					pe--;
				if (pe > (size_t)(part - body) && body[pe - 1] == '\r')
					pe--;
				entity(w, part, (size_t)(body + pe - part), depth + 1, 0);
			}
			const char *after = line + 2 + boundary.n;
			if (ln >= boundary.n + 4 && after[0] == '-' && after[1] == '-')
				return; /* the close delimiter */
			part = body + next;
		}
		i = next;
	}
	if (part && !w->done) /* no close delimiter: the rest is a part */
		entity(w, part, (size_t)(body + n - part), depth + 1, 0);
}

static void entity(struct walk *w, const char *p, size_t n, int depth, int top)
{
	if (depth > MAX_DEPTH || w->done)
		return;
	size_t he = header_end(p, n);
	const char *h = p, *body = p + he;
	size_t hn = he, bn = n - he;
	struct span ct = header(h, hn, "content-type");
	struct span type = ctype(ct);
	struct span cte = header(h, hn, "content-transfer-encoding");

	if (type_starts(type, "multipart/")) {
		multipart(w, body, bn, param(ct, "boundary"), depth);
		return;
	}
	if (type_is(type, "message/delivery-status") ||
	    type_is(type, "message/global-delivery-status")) {
		if (w->text_pass != 0 && w->text_pass != 2)
			return;
		/* The fields may be quoted-printable or base64 too. */
		if (cte.p && (ieq(cte.p, cte.n, "base64") ||
		              ieq(cte.p, cte.n, "quoted-printable"))) {
			size_t cap = w->size / 2;
			char *out = w->buf + (w->size - cap);
			size_t k = ieq(cte.p, cte.n, "base64")
			                   ? b64_decode(body, bn, out, cap)
			                   : qp_decode(body, bn, out, cap);
			size_t save = w->size;
			w->size -= cap;
			struct origin o = {(size_t)(body - w->msg), bn};
			dsn_part(w, out, k, o);
			w->size = save;
			return;
		}
		struct origin o = {(size_t)(body - w->msg), 0};
		dsn_part(w, body, bn, o);
		return;
	}
	/* A bounce forwarded whole as an attachment (a gateway that wraps
	 * the DSN it received: message/rfc822 holding a multipart/report):
	 * the lenient pass reads its delivery-status part. */
	if (w->text_pass == 2 && !top && type_is(type, "message/rfc822")) {
		struct span in = ctype(header(body, header_end(body, bn),
		                              "content-type"));
		if (type_is(in, "multipart/report"))
			entity(w, body, bn, depth + 1, 0);
		return;
	}
	if (w->text_pass == 2)
		return;
	/* An HTML-only bounce (Exchange 5.5's, some webmail's): its text,
	 * tags dropped and entities decoded into the caller's buffer, for
	 * the last pass. */
	if (w->text_pass == 4) {
		if (!type_is(type, "text/html"))
			return;
		size_t cap = w->size / 2, k;
		char *out = w->buf;
		if (cte.p && (ieq(cte.p, cte.n, "base64") ||
		              ieq(cte.p, cte.n, "quoted-printable"))) {
			k = ieq(cte.p, cte.n, "base64") ? b64_decode(body, bn, out, cap)
			                                : qp_decode(body, bn, out, cap);
			k = sr_html_text(out, k, out, k);
		} else {
			k = sr_html_text(body, bn, out, cap);
		}
		char *save = w->buf;
		size_t ssize = w->size;
		w->buf += cap;
		w->size -= cap;
		struct origin o = {(size_t)(body - w->msg), bn};
		fallback_part(w, out, k, o);
		w->buf = save;
		w->size = ssize;
		return;
	}
	/* Text for people: a bounce's explanation. The returned message
	 * (message/rfc822, text/rfc822-headers) is not the bounce's. */
	int is_text = type.p == NULL || type_is(type, "text/plain");
	if (!is_text || (!top && type_starts(type, "message/")))
		return;
	if (!w->text_pass) {
		if (w->ntexts < (int)(sizeof w->texts / sizeof w->texts[0]) &&
		    !(cte.p && (ieq(cte.p, cte.n, "base64") ||
		                ieq(cte.p, cte.n, "quoted-printable")))) {
			w->texts[w->ntexts].p = body;
			w->texts[w->ntexts].n = bn;
			w->ntexts++;
		}
		return;
	}
	if (cte.p && (ieq(cte.p, cte.n, "base64") ||
	              ieq(cte.p, cte.n, "quoted-printable"))) {
		size_t cap = w->size / 2;
		char *out = w->buf;
		size_t k = ieq(cte.p, cte.n, "base64") ? b64_decode(body, bn, out, cap)
		                                       : qp_decode(body, bn, out, cap);
		char *save = w->buf;
		size_t ssize = w->size;
		w->buf += cap;
		w->size -= cap;
		struct origin o = {(size_t)(body - w->msg), bn};
		if (w->text_pass == 3)
			fallback_part(w, out, k, o);
		else
			text_part(w, out, k, o);
		w->buf = save;
		w->size = ssize;
		return;
	}
	struct origin o = {(size_t)(body - w->msg), 0};
	if (w->text_pass == 3)
		fallback_part(w, body, bn, o);
	else
		text_part(w, body, bn, o);
}

/* Exim's own header fields in the message's header: its bounce's
 * "X-Failed-Recipients:", or a "Received: ... (Exim 4.96)" it added. */
static int from_exim(const char *p, size_t n)
{
	size_t hn = n;
	for (size_t i = 0; i + 1 < n; i++)
		if (p[i] == '\n' && (p[i + 1] == '\n' ||
		                      (p[i + 1] == '\r' && i + 2 < n &&
		                       p[i + 2] == '\n'))) {
			hn = i + 1;
			break;
		}
	return header(p, hn, "x-failed-recipients").p != NULL ||
	       sr_find(p, hn, "(Exim ", 6) != NULL;
}

/* The text of the RFC 2047 encoded words in v[0, n) ("=?cs?B?...?=",
 * "=?cs?Q?...?="), one after the other, into out[0, cap); other text is
 * left out. Returns the length. */
static size_t encoded_words(const char *v, size_t n, char *out, size_t cap)
{
	size_t k = 0;
	for (size_t i = 0; i + 1 < n && k < cap; i++) {
		if (v[i] != '=' || v[i + 1] != '?')
			continue;
		/* =?charset?E?text?= */
		const char *cs = v + i + 2, *e = v + n;
		const char *q1 = memchr(cs, '?', (size_t)(e - cs));
		if (q1 == NULL || e - q1 < 4 || q1[2] != '?')
			continue;
		char enc = (char)lower((unsigned char)q1[1]);
		const char *tx = q1 + 3, *end = tx;
		while (end + 1 < e && !(end[0] == '?' && end[1] == '='))
			end++;
		if (end + 1 >= e)
			break;
		if (enc == 'b') {
			k += b64_decode(tx, (size_t)(end - tx), out + k, cap - k);
		} else if (enc == 'q') {
			for (const char *c = tx; c < end && k < cap; c++) {
				if (*c == '_') {
					out[k++] = ' ';
				} else if (*c == '=' && end - c > 2 && hexval(c[1]) >= 0 &&
				           hexval(c[2]) >= 0) {
					out[k++] = (char)(hexval(c[1]) * 16 + hexval(c[2]));
					c += 2;
				} else {
					out[k++] = *c;
				}
			}
		}
		if (k < cap)
			out[k++] = ' ';
		i = (size_t)(end + 1 - v);
	}
	return k;
}

/* Whether the message's header says it is a bounce, for the general
 * reader (which reads layout, so must not read ordinary mail): a report
 * (multipart/report), or a mail system's sender (MAILER-DAEMON,
 * postmaster, an empty address in From), or a Subject that says delivery
 * failed ("Undeliverable", "Returned mail", "Delivery Status
 * Notification") -- but not a reply or a forward ("Re:", "Fwd:": a person
 * quoting a bounce) and not a mailing list's post (List-Id, and a sender
 * that is not a mail system: a post that quotes an error). An empty
 * Return-Path alone is not enough: autoresponders send with one too (RFC
 * 3834 3.3), and so does much automatic mail; nor is "delayed" in a
 * Subject (a shop's "your order has been delayed"). Also keeps the bounce's own addresses, which the
 * general reader never takes for a failed recipient. */
/* The bounce's own addresses (From, To...) into w->skip: never a failed
 * recipient, for the general reader and for the recipient it lends to a
 * known reader's record. */
static void own_addresses(struct walk *w, const char *h, size_t hn)
{
	static const char *const own[] = {"from", "to", "cc", "return-path",
	                                  "sender", "reply-to", "errors-to"};
	for (size_t i = 0; i < sizeof own / sizeof own[0]; i++) {
		struct span v = header(h, hn, own[i]);
		if (v.p != NULL && w->nskip < (int)(sizeof w->skip / sizeof w->skip[0])) {
			w->skip[w->nskip].p = v.p;
			w->skip[w->nskip].n = v.n;
			w->nskip++;
		}
	}
}

static int bounce_gate(struct walk *w, const char *h, size_t hn)
{
	static const char *const senders[] = {"mailer-daemon", "postmaster",
	                                      "mail delivery", "mdaemon", "<>"};
	static const char *const subjects[] = {
	        "undeliver",     "undelivered",    "delivery status",
	        "delivery fail", "delivery notification", "delivery problem",
	        "delivery warning", "failure notice", "returned mail",
	        "non-delivery",  "nondeliver",     "could not be delivered",
	        "delivery delay", "failed mail",   "delivery error"};
	w->subject = header(h, hn, "subject");
	if (type_is(ctype(header(h, hn, "content-type")), "multipart/report"))
		return 1;
	struct span from = header(h, hn, "from");
	for (size_t i = 0; i < sizeof senders / sizeof senders[0]; i++)
		if (from.p != NULL &&
		    sr_find_ci(from.p, from.n, senders[i], strlen(senders[i])))
			return 1;
	/* A mail system's bounce that a list passed on keeps its sender
	 * (above); a list's message from anyone else is a post. */
	if (header(h, hn, "list-id").p != NULL ||
	    header(h, hn, "list-post").p != NULL)
		return 0;
	struct span sj = w->subject;
	if (sj.p == NULL)
		return 0;
	/* "Re: ", "Fwd: ", "AW: "...: a person's reply or forward */
	const char *colon = memchr(sj.p, ':', sj.n < 5 ? sj.n : 5);
	if (colon != NULL) {
		static const char *const persons[] = {"re", "fw", "fwd", "aw",
		                                      "wg", "sv", "tr", "rv"};
		for (size_t i = 0; i < sizeof persons / sizeof persons[0]; i++)
			if (ieq(sj.p, (size_t)(colon - sj.p), persons[i]))
				return 0;
	}
	/* An encoded Subject ("=?utf-8?B?RGVsaXZlcnkgZmFpbHVyZS...?="):
	 * its words decoded (RFC 2047), the charset's bytes as they are */
	char dec[512];
	size_t dn = encoded_words(sj.p, sj.n, dec, sizeof dec);
	for (size_t i = 0; i < sizeof subjects / sizeof subjects[0]; i++)
		if (sr_find_ci(sj.p, sj.n, subjects[i], strlen(subjects[i])) ||
		    sr_find_ci(dec, dn, subjects[i], strlen(subjects[i])))
			return 1;
	return 0;
}

int smtpreply_bounce_next(const char *msg, size_t len,
                          struct smtpreply_bounce_iter *it, char *buf,
                          size_t size, struct smtpreply_found *found)
{
	if (msg == NULL || it == NULL || buf == NULL || found == NULL)
		return SMTPREPLY_E_INVALID_ARGUMENT;
	const char *p = msg;
	size_t n = len;
	/* An mbox message starts with its "From " line. */
	if (n >= 5 && memcmp(p, "From ", 5) == 0) {
		const char *lf = memchr(p, '\n', n);
		size_t k = lf ? (size_t)(lf - p) + 1 : n;
		p += k;
		n -= k;
	}
	struct walk w;
	memset(&w, 0, sizeof w);
	w.msg = msg;
	w.exim = from_exim(p, n);
	w.want = it->pos_;
	w.buf = buf;
	w.size = size;
	w.found = found;
	size_t he = header_end(p, n);
	own_addresses(&w, p, he);
	/* state_[0]: 0 not yet known, 1 DSN records, 2 text records, and
	 * when the message gave neither, the fallback passes: 3 DSN fields
	 * read leniently, 4 text/plain and 5 text/html by the general
	 * reader (fallback.c). The first pass that gives a record is the
	 * message's; the passes before it gave none. */
	if (it->state_[0] == 0 || it->state_[0] == 1) {
		entity(&w, p, n, 0, 1);
		if (w.done) {
			it->state_[0] = 1;
			it->pos_++;
			return w.rc;
		}
		if (it->state_[0] == 1)
			return 0;
		it->state_[0] = w.dsn_parts > 0 ? 3 : 2;
		it->pos_ = 0;
		w.want = 0;
	}
	int gate = -1;
	for (size_t pass = it->state_[0]; pass <= 5; pass++) {
		if (pass >= 4 && gate < 0)
			gate = bounce_gate(&w, p, he);
		if (pass >= 4 && !gate)
			return 0;
		w.text_pass = (int)pass - 1;
		w.seen = 0;
		w.ntexts = 0;
		w.done = 0;
		entity(&w, p, n, 0, 1);
		if (w.done) {
			it->state_[0] = pass;
			it->pos_++;
			return w.rc;
		}
		/* records of this pass, all given already: the end */
		if (it->state_[0] == pass && it->pos_ > 0)
			return 0;
		w.want = 0;
		it->pos_ = 0;
		it->state_[0] = pass + 1;
	}
	return 0;
}
