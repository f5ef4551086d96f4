/* The diagnosis of a record found in a log, a bounce or a transcript
 * (smtpreply_found_diagnose): the reply's, with what the record adds, or,
 * for a record that names a failure without a reply, the same judgement
 * over the record's own words and status.
 *
 * A record without a reply is the reporting MTA's sentence about what
 * happened instead ("Host or domain name not found", "connect to ...:
 * Connection timed out", "retry timeout exceeded", "unknown user"). Its
 * words are read by the reason scan exactly as a reply's text would be,
 * under a reply code that says only the class (450 or 550: codes that no
 * command-and-code rule reads as a reason of its own) and the DSN Status
 * as the enhanced code. The command is taken as unknown: no command was
 * answered, so the rules that read a refusal in the light of its command
 * do not apply. */
#include "extract.h"

#include <string.h>

/* ASCII case-insensitive equality of a[0..n) and the lower-case word w. */
static int same_word(const char *a, size_t n, const char *w)
{
	size_t i;
	for (i = 0; i < n && w[i] != '\0'; i++) {
		unsigned char c = (unsigned char)a[i];
		if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != (unsigned char)w[i])
			return 0;
	}
	return i == n && w[i] == '\0';
}

/* The record's Status (DSN Status, Sendmail dsn=) as an enhanced code. */
static int status_of(const struct smtpreply_found *f,
                     struct smtpreply_enhanced *e)
{
	if (f->status.ptr == NULL || f->status.len == 0)
		return 0;
	return sr_enhanced_at(f->status.ptr, f->status.len, e) ==
	       f->status.len;
}

/* Whether the record's action word says the delivery was given up (5),
 * will be tried again (4) or was done (2); 0 when it says none of these.
 * DSN Action (RFC 3464
 * 2.3.3), Postfix status=, Exim's "**" and "==", OpenSMTPD's result=
 * (smtpd/mda.c and mta.c log "PermFail" and "TempFail"), the words of
 * chasquid's log ("failed (permanent)") and Gmail's bounce ("Technical
 * details of temporary failure"). */
static int klass_of_action(struct smtpreply_str a)
{
	static const struct {
		const char *word;
		int klass;
	} words[] = {
		{"failed", 5},  {"bounced", 5},  {"**", 5},     {"expired", 5},
		{"permfail", 5}, {"delayed", 4}, {"deferred", 4}, {"==", 4},
		{"tempfail", 4}, {"permanent", 5}, {"temporary", 4},
		{"failure", 5},
		/* Exim's text after a reply (extract.c exim_gave_up),
		 * qmail-send's below a report (qmail_gave_up) */
		{"retry timeout exceeded", 5},
		{"i'm not going to try again", 5},
		/* a success DSN (RFC 3464 2.3.3; NOTIFY=SUCCESS, or a
		 * relay's report): no failure at all */
		{"delivered", 2}, {"relayed", 2}, {"expanded", 2},
	};
	if (a.ptr == NULL)
		return 0;
	/* the general reader's delay warnings (fallback.c) */
	if (sr_delay_words(a.ptr, a.len))
		return 4;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (same_word(a.ptr, a.len, words[i].word))
			return words[i].klass;
	}
	return 0;
}

/* Whether the record's own words say its reporting MTA deleted it
 * undelivered, whatever its action word. OpenSMTPD before 7.0 removes an
 * envelope that outlived its queue ttl with the error line "Envelope
 * expired" and a temporary class (smtpd/queue.c, IMSG_QUEUE_ENVELOPE_EXPIRE:
 * ESC_STATUS_TEMPFAIL, 4.4.7), and bounce.c's bounce_add() turns that class
 * into a delay notice ("A message is delayed for more than 0 seconds",
 * "Action: delayed"), although nothing will try the message again;
 * OpenSMTPD 69642ec2 (2021, "Fix incorrect status code for expired
 * mails resulting in a misleading bounce report") made it 5.4.7 and
 * "failed". The words are the record's whole text, so a reply that
 * happens to hold them is not read so. */
static int words_gave_up(const struct smtpreply_found *f)
{
	static const char words[] = "envelope expired";
	const char *p = f->problem.ptr;
	size_t n = f->problem.len;
	if (p == NULL || f->has_reply)
		return 0;
	while (n > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' ||
	                 p[n - 1] == '\r' || p[n - 1] == '\n' ||
	                 p[n - 1] == '.'))
		n--;
	return same_word(p, n, words);
}

/* A mailbox as compared below: its local part up to its first '+'
 * (RFC 5233's subaddress: "a+tag@b" is delivered to the mailbox of
 * "a@b", and a server may name either) and its domain. */
struct mailbox {
	const char *local, *domain;
	size_t ln, dn;
};

/* The mailbox p[0, n), an RFC 5321 source route ("@a.b,@c.d:") before it
 * dropped. 0 when p[0, n) is no "local@domain": an empty path "<>", a
 * URL, words. */
static int mailbox_of(const char *p, size_t n, struct mailbox *m)
{
	const char *at = NULL;
	if (n > 0 && p[0] == '@') {
		const char *colon = memchr(p, ':', n);
		if (colon == NULL)
			return 0;
		n -= (size_t)(colon + 1 - p);
		p = colon + 1;
	}
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '@')
			at = p + i;
		else if (p[i] == ' ' || p[i] == '\t' || p[i] == '<' ||
		         p[i] == '>' || p[i] == ':' || p[i] == '\r' ||
		         p[i] == '\n')
			return 0;
	}
	if (at == NULL || at == p || at + 1 == p + n)
		return 0;
	m->local = p;
	m->ln = (size_t)(at - p);
	for (size_t i = 1; i < m->ln; i++)
		if (p[i] == '+') {
			m->ln = i;
			break;
		}
	m->domain = at + 1;
	m->dn = (size_t)(p + n - m->domain);
	return 1;
}

/* ASCII case-insensitive equality of a[0, n) and b[0, n). */
static int same_ci(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (sr_lower((unsigned char)a[i]) != sr_lower((unsigned char)b[i]))
			return 0;
	return 1;
}

/* Whether the domain d[0, n) is internationalized: a byte over 127 (a
 * UTF-8 U-label, RFC 6531) or a label starting "xn--" (an A-label, RFC
 * 5890). */
static int idn_domain(const char *d, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if ((unsigned char)d[i] > 127)
			return 1;
		if ((i == 0 || d[i - 1] == '.') && i + 4 <= n &&
		    same_ci(d + i, "xn--", 4))
			return 1;
	}
	return 0;
}

static int same_mailbox(const struct mailbox *a, const struct mailbox *b)
{
	if (a->ln != b->ln || !same_ci(a->local, b->local, a->ln))
		return 0;
	if (a->dn == b->dn && same_ci(a->domain, b->domain, a->dn))
		return 1;
	/* The same local part at an internationalized domain: one side may
	 * write its U-labels and the other its A-labels ("bücher.example",
	 * "xn--bcher-kva.example"), which this does not convert; taken as
	 * the same mailbox, so the verdict stays the reply's. */
	return idn_domain(a->domain, a->dn) || idn_domain(b->domain, b->dn);
}

/* Whether the text t[0, n) names, in angle brackets, one or more mail
 * addresses while the record's recipient rcpt[0, rn) is none of them
 * and is not written anywhere in the text either. Such a reply is about
 * another address: the sender's ("<s@b>: Sender address rejected: User
 * unknown" after RCPT: Postfix's reject_unverified_sender), a forwarding
 * target's, or another recipient's (nullmailer 2.2 writes the reply to
 * the first refused RCPT into its DSN for every recipient of the
 * message). A reply names its subject's address in angle brackets, as
 * the path was sent (Postfix "<a@b>: Recipient address rejected",
 * Sendmail "<a@b>... User unknown", Exim, qmail): an address written
 * bare may be a help desk's ("forward this email to support@...") and
 * is not counted. */
static int names_other_address(const char *t, size_t n, const char *rcpt,
                               size_t rn)
{
	struct mailbox r, a;
	int others = 0;
	if (t == NULL || rcpt == NULL)
		return 0;
	if (rn >= 2 && rcpt[0] == '<' && rcpt[rn - 1] == '>') {
		rcpt++;
		rn -= 2;
	}
	if (!mailbox_of(rcpt, rn, &r))
		return 0;
	for (size_t i = 0; i + rn <= n; i++)
		if (same_ci(t + i, rcpt, rn))
			return 0;
	for (size_t i = 0; i < n; i++) {
		if (t[i] != '<')
			continue;
		/* RFC 5321 4.5.3.1.3: a path is at most 256 octets */
		size_t j = i + 1;
		while (j < n && j - i <= 258 && t[j] != '>' && t[j] != '<' &&
		       t[j] != '\n')
			j++;
		if (j >= n || t[j] != '>')
			continue;
		if (mailbox_of(t + i + 1, j - i - 1, &a)) {
			if (same_mailbox(&a, &r))
				return 0;
			others++;
		}
		i = j;
	}
	return others > 0;
}

static int diagnose(const struct smtpreply_found *f,
                    struct smtpreply_diagnosis *out);

/* A record of the general reader (SMTPREPLY_SOURCE_FALLBACK) pairs an
 * address with a reason by the bounce's layout, not by a documented
 * format: its reason is at most WEAK, however plain the words. */
int smtpreply_found_diagnose(const struct smtpreply_found *f,
                             struct smtpreply_diagnosis *out)
{
	int rc = diagnose(f, out);
	if (rc == 0 && f->source == SMTPREPLY_SOURCE_FALLBACK &&
	    out->confidence == SMTPREPLY_CONFIDENCE_STRONG)
		out->confidence = SMTPREPLY_CONFIDENCE_WEAK;
	/* A reply that says an address is bad speaks of the address it
	 * names. RFC 3464 2.3.2 makes Final-Recipient the address the
	 * reporting MTA sent (the path of its RCPT), and 2.3.6's
	 * Diagnostic-Code is the reply to that delivery; a server names
	 * the path it refuses as it was sent. When the reply names other
	 * addresses and not this recipient, it does not show this address
	 * bad: the reason stays the reply's (what the server said), the
	 * verdict is undetermined, not suppress (data/verdicts.txt:
	 * suppress is for "the address itself"). */
	if (rc == 0 && out->verdict == SMTPREPLY_VERDICT_SUPPRESS &&
	    f->recipient.ptr != NULL) {
		struct smtpreply_str t = f->has_reply ? f->reply.raw : f->problem;
		if (names_other_address(t.ptr, t.len, f->recipient.ptr,
		                        f->recipient.len))
			out->verdict = SMTPREPLY_VERDICT_UNDETERMINED;
	}
	return rc;
}

static int diagnose(const struct smtpreply_found *f,
                    struct smtpreply_diagnosis *out)
{
	struct smtpreply r;
	struct smtpreply_enhanced st = {0, 0, 0};
	int have_status;

	if (f == NULL || out == NULL)
		return SMTPREPLY_E_INVALID_ARGUMENT;
	have_status = status_of(f, &st);
	if (f->has_reply) {
		r = f->reply;
		/* The reply is judged alone: the record's Status (a DSN's
		 * Status, Sendmail's dsn=) does not stand in for an enhanced
		 * code the reply lacks. RFC 3464 2.3.6 makes the Diagnostic-Code
		 * "the actual diagnostic code issued by the mail transport" and
		 * 2.3.4 the Status the reporting MTA's; an MTA given a reply
		 * without an enhanced code has nothing but that reply to write
		 * it from. Postfix, Exim, Courier, OpenSMTPD, chasquid, dma and
		 * nullmailer then write X.0.0 or none; Sendmail writes its
		 * reading of the code (savemail.c smtptodsn()'s table, or its
		 * SMTP client's exit status: "Status: 5.1.1" and "User unknown"
		 * for any 550 to RCPT, 5.2.2 for any 552, 4.4.7 for any
		 * temporary reply it gave up on), which turned "550 must be
		 * authenticated" into user_unknown and suppress (captures of
		 * session 13, tests/interop/wrap/: Sendmail bounce vs bare reply
		 * 277 of 328 the same with the stand-in, 327 without). The
		 * reply's own words are the better evidence; a rule that made
		 * the Status stand in only where they say nothing still made
		 * "550 must be authenticated" after an unnamed command a
		 * suppress (Sendmail's DSN part alone: 291 vs 296 of 328). The
		 * Status is kept on the record, and judged when there is no
		 * reply (below). A rule on the record's fields, so a record
		 * rebuilt from them is judged the same. */
		int rc = sr_diagnose_held_out(&r, f->command, NULL, out);
		/* A temporary reply in a record whose action word says the
		 * reporting MTA gave up (DSN "Action: failed", Exim's "**",
		 * Postfix "bounced"): the temporary condition lasted until the
		 * MTA's queue lifetime or retry limit ran out, and the message
		 * is returned. RFC 3464 2.3.3: "failed" means the reporting
		 * MTA "has abandoned any attempts to deliver"; RFC 3463 3.1:
		 * a 4.X.X status is a "persistent transient failure" whose
		 * persistence "has caused abandonment or delay"; its X.4.7
		 * ("delivery time expired") asks for the actual problem's
		 * code instead, which is why Postfix writes "Status: 4.7.1"
		 * and the greylisting reply rather than 4.4.7. So the record
		 * failed (action fail), its reason is the expiry (nothing
		 * will try this message again), and its verdict stays the
		 * reply's: the reply names the condition that outlasted the
		 * retries, which is what the address or the sender needs
		 * (greylisting or a full mailbox: retry; a block of the
		 * client: fix_sender). A delay warning (Action: delayed) is
		 * not this: its reply keeps its own reason. The same action
		 * word makes a 552 after RCPT fail too: RFC 5321 4.5.3.1.10
		 * lets a client retry it (smtpreply_diagnose's retry), but
		 * this MTA did not; the record reports what happened. */
		if (rc == 0 && (r.klass == 4 || r.klass == 5) &&
		    klass_of_action(f->action) == 5) {
			out->action = SMTPREPLY_ACTION_FAIL;
			if (r.klass == 4)
				out->reason = SMTPREPLY_REASON_EXPIRED;
		}
		return rc;
	}

	/* No reply: the class from the Status, else from the action word,
	 * else a failure reported in a bounce is final (5) and one in a log
	 * line without an action word is not (4). */
	int klass = have_status && (st.klass == 4 || st.klass == 5)
	                ? st.klass
	                : klass_of_action(f->action);
	/* a Status of 2.X.X and no word of failure or delay: a success
	 * DSN's recipient (no Diagnostic-Code: its record was read as a
	 * failure, "fail" and reason unknown) */
	if (klass == 0 && have_status && st.klass == 2)
		klass = 2;
	if (klass == 0)
		klass = f->source == SMTPREPLY_SOURCE_DSN ||
		                f->source == SMTPREPLY_SOURCE_BOUNCE ||
		                f->source == SMTPREPLY_SOURCE_FALLBACK
		            ? 5
		            : 4;
	memset(&r, 0, sizeof r);
	r.code = r.first_code = klass * 100 + 50;
	r.klass = klass;
	if (have_status && st.klass == klass)
		r.enhanced = st;
	r.raw = f->problem;
	r.nlines = 1;
	if (r.raw.ptr != NULL)
		for (size_t i = 0; i + 1 < r.raw.len; i++)
			r.nlines += r.raw.ptr[i] == '\n';
	r.first_line = r.last_line = f->problem;
	int rc;
	/* A Status of X.4.7 ("delivery time expired", RFC 3463) says only
	 * that the MTA's time ran out, not what failed until then; RFC 3463
	 * asks for the actual problem's code, but Sendmail writes 4.4.7 with
	 * its own words of the last attempt ("Connection timed out with
	 * [127.0.0.1]"). So words that are not the Status itself are read
	 * first without it: when they name a cause, its reason and verdict
	 * stand (the give-up rule below still makes the reason expired);
	 * when they name none, or only the expiry ("Envelope expired"), the
	 * Status gives expired. */
	if (have_status && st.klass == klass && st.subject == 4 &&
	    st.detail == 7 && f->problem.ptr != NULL &&
	    f->problem.ptr != f->status.ptr) {
		memset(&r.enhanced, 0, sizeof r.enhanced);
		rc = sr_diagnose_held_out(&r, SMTPREPLY_CMD_UNKNOWN, NULL, out);
		if (rc != 0 || out->reason == SMTPREPLY_REASON_UNKNOWN ||
		    out->reason == SMTPREPLY_REASON_EXPIRED) {
			r.enhanced = st;
			rc = sr_diagnose_held_out(&r, SMTPREPLY_CMD_UNKNOWN, NULL,
			                          out);
		}
	} else {
		rc = sr_diagnose_held_out(&r, SMTPREPLY_CMD_UNKNOWN, NULL, out);
	}
	/* The code was only the class: no reply code to report. */
	out->code = 0;
	/* A 4.X.X Status under an action word that gives up (Postfix's
	 * "Action: failed", "Status: 4.4.1" and "connect to ...: Connection
	 * refused" after its queue lifetime): expired, as for a temporary
	 * reply above; the words still give the verdict. So are words that
	 * say the MTA deleted the record under a "delayed" (words_gave_up). */
	if (rc == 0 && klass == 4 &&
	    (klass_of_action(f->action) == 5 || words_gave_up(f))) {
		out->action = SMTPREPLY_ACTION_FAIL;
		out->reason = SMTPREPLY_REASON_EXPIRED;
	}
	return rc;
}
