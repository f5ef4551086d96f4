/* test_perturb.c - metamorphic stability of the reason and the verdict.
 *
 * Labels measure the classifier on the replies someone labelled; they say
 * nothing of a reply that differs from a labelled one only in what carries
 * no meaning. Here every row of tests/classify/corpus.tsv and of
 * tests/classify/world/<id>.tsv (never holdout/) is rewritten in ways that
 * keep its meaning, and each rewrite must get the row's own reason and
 * verdict (smtpreply_diagnose) -- whatever the label says: the check needs
 * no label, so it holds on any reply. The kinds (KINDS below):
 *
 *   upper, lower  the whole reply in ASCII capitals / small letters
 *   spaces        every space of the text doubled (not the one after the code)
 *   punct         the last line's text with a full stop added, or its
 *                 final '.'/'!' taken off
 *   rcpt          " (in reply to RCPT TO command)" after the text, RCPT only
 *   enh00         X.0.0 added where no line has an enhanced code, or taken
 *                 off where every line has X.0.0 (RFC 3463: "other
 *                 undefined status" says nothing the code does not say;
 *                 not added beside a qmail-style "(#5.7.1)");
 *                 other enhanced codes carry meaning and are left alone
 *   enhdup        the first line's enhanced code written twice ("550 5.7.1
 *                 5.7.1 text": an MTA's code before a filter's text that
 *                 starts with its own; not on every line of a folded
 *                 reply, which no server writes)
 *   fold          a one-line text of 50 bytes or more split at the space
 *                 nearest its middle into a two-line reply, the enhanced
 *                 code repeated on both lines, as Postfix and Gmail fold
 *   unfold        a multi-line reply's lines joined into one (the enhanced
 *                 code once)
 *   prefix        a one-line reply quoted by a relay: "CODE [E] host
 *                 mx.example.net[192.0.2.1] said: <the reply>"
 *   local         an address's local part replaced (role names such as
 *                 postmaster or abuse, which mean something, are kept)
 *   domain        an address's domain replaced (not where the row names a
 *                 provider: its domains are how it is known)
 *   host          a host name outside an address or URL replaced (not a
 *                 provider's row, not a blocklist's name)
 *   hostword      the same host names replaced by names whose labels are
 *                 the words of reasons ("relay.example.org",
 *                 "smtp-quota.example.net", "mx.tls.example.org": HOSTWORDS
 *                 below), each name of the list in a rewrite of its own: a
 *                 server is called what its admin chose, and its name
 *                 says nothing of why it refused
 *   ip            an IPv4 address replaced (not 127/8, 0/8: blocklist
 *                 answers and placeholders mean something); a private
 *                 one (RFC 1918) by a private one: "dial tcp 10.0.0.5"
 *                 is the server's own back end
 *   id            a queue id, message id or session token (an
 *                 alphanumeric run of 10 or more, or 8 or more all hex,
 *                 with 2 digits and 2 letters) scrambled, its shape kept
 *   trail         a space after every line's text
 *   lf            every CR LF a bare LF (as many logs and tools keep it)
 *   angle         an address's angle brackets taken off, or put around a
 *                 bare one
 *   said          a one-line reply quoted as qmail-remote reports it:
 *                 "CODE [E] Remote host said: <the reply>"
 *   tail          Postfix's closing words for the other commands: " (in
 *                 reply to MAIL FROM command)", "end of DATA command",
 *                 "DATA command", "HELO command" (rcpt has RCPT's)
 *   joined        a multi-line reply quoted as Postfix logs it, its
 *                 lines joined by a space, their codes kept: "CODE [E]
 *                 host mx.example.net[192.0.2.1] said: 550-5.7.1 a
 *                 550-5.7.1 b 550 5.7.1 c"
 *   exim          a one-line reply to RCPT, MAIL or the data quoted as
 *                 Exim reports it: "CODE [E] SMTP error from remote mail
 *                 server after RCPT TO:<a@b>: <the reply>"
 *
 * The kinds below are not replies but what an MTA or a provider writes
 * around a remote server's reply in its log or its bounce, each copied in
 * shape from a primary source (cited in k_found), read back as a bounce
 * processor reads them (smtpreply_find, smtpreply_found_diagnose). Their
 * reference is the row's answer after its command where the text names
 * the command, else after an unknown one; no record with a reply counts
 * as a change ("lost"):
 *
 *   dsn           RFC 3464's "Diagnostic-Code: smtp; <reply>" (lines
 *                 joined, as Postfix writes it) under Final-Recipient,
 *                 Action, Status
 *   dsnfold       the same folded: a multi-line reply a line each (Exim),
 *                 a long one-line one at its middle space (Postfix)
 *   pflog         Postfix's "status=bounced (host H[IP] said: <reply> (in
 *                 reply to RCPT TO command))" log line
 *   pfbounce      Postfix's bounce text: "<a@b>: host H[IP] said: <reply>
 *                 (in reply to RCPT TO command)" wrapped into lines of
 *                 under 80 bytes, indented by 4
 *   refused       Postfix's "host H[IP] refused to talk to me: <reply>"
 *                 (greeting rows)
 *   eximlog       Exim's "** a@b ... H=H [IP]: SMTP error from remote mail
 *                 server after RCPT TO:<a@b>: <reply>" ("\n" between lines)
 *   eximpipe      the same after a pipelined command: "after pipelined
 *                 RCPT TO:<a@b>:" (MAIL, RCPT)
 *   eximbounce    Exim's bounce: "host H [IP]", "SMTP error ...:", the
 *                 reply's lines, each indented
 *   ionos         GMX/1&1/IONOS: "SMTP error from remote server for RCPT TO
 *                 command, host: H (IP) reason: <reply>" (TEXT for the data)
 *   sendmail      Sendmail's transcript: "... while talking to H.:",
 *                 ">>> RCPT To:<a@b>", "<<< <each line>" (RCPT, MAIL)
 *   smlog         Sendmail's "dsn=4.x.x, reply=<reply>, stat=Deferred:
 *                 <reply>" log line, and for a 550/552 to RCPT its
 *                 "reply=<reply>, stat=User unknown" (Sendmail's own
 *                 words, not the reply's: one-line replies)
 *   courier       Courier's transcript: " >>> RCPT TO:<a@b>", " <<< ..."
 *   opensmtpd     OpenSMTPD's bounce: "a@b: <reply>", later lines' texts
 *                 joined on without their codes
 *   exchange      Exchange 2013+'s NDR: "Remote Server returned '<reply>'"
 *   exchange-es   the same NDR with its headings in Spanish
 *   exchange2010  Exchange 2007/2010's NDR: "#<reply> ##" (replies with an
 *                 enhanced code)
 *   gmail         Gmail's "The response from the remote server was:" and
 *                 the reply on the next line
 *
 * A rewrite that changes the reason or the verdict is a failure, unless
 * tests/classify/perturb-allow.tsv lists it (file, kind, reply as in the
 * file) with the reason why the rewrite changes the meaning there; an
 * allowance that matches nothing is a failure too (no stale allowances).
 * Per-kind counts go to stderr. SMTPREPLY_PERTURB_VERBOSE=1 prints each
 * rewrite that changed, allowed ones too; SMTPREPLY_PERTURB_ALLOW=path
 * reads another allowance file ("/dev/null": none). */
#include "check.h"
#include "row_escape.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAXB 140000
#define MAXL 64

enum kind {
	K_UPPER, K_LOWER, K_SPACES, K_PUNCT, K_RCPT, K_ENH00, K_ENHDUP,
	K_FOLD, K_UNFOLD, K_PREFIX, K_LOCAL, K_DOMAIN, K_HOST, K_HOSTWORD,
	K_IP, K_ID,
	K_TRAIL, K_LF, K_ANGLE, K_SAID, K_EXIM, K_TAIL, K_JOINED,
	/* the kinds read back by smtpreply_find (K_FIRST_FOUND on) */
	K_DSN, K_DSNFOLD, K_PFLOG, K_PFBOUNCE, K_REFUSED, K_EXIMLOG,
	K_EXIMPIPE,
	K_EXIMBOUNCE,
	K_IONOS, K_SENDMAIL, K_SMLOG, K_COURIER, K_OPENSMTPD, K_EXCHANGE,
	K_EXCHANGE_ES, K_EXCHANGE2010, K_GMAIL, K_COUNT
};
#define K_FIRST_FOUND K_DSN
static const char *const KINDS[K_COUNT] = {
	"upper", "lower", "spaces", "punct", "rcpt", "enh00", "enhdup",
	"fold", "unfold", "prefix", "local", "domain", "host", "hostword",
	"ip", "id",
	"trail", "lf", "angle", "said", "exim", "tail", "joined",
	"dsn", "dsnfold", "pflog", "pfbounce", "refused", "eximlog",
	"eximpipe",
	"eximbounce",
	"ionos", "sendmail", "smlog", "courier", "opensmtpd", "exchange",
	"exchange-es", "exchange2010", "gmail",
};

struct tally {
	int made, reason, verdict, allowed, lost;
};
static struct tally tally[K_COUNT];
static int verbose;

/* The allowances: file (base name), kind, reply column as in the file. */
struct allow {
	char *file, *kind, *reply;
	int used;
};
static struct allow allows[512];
static int n_allows;

static void read_allows(const char *path)
{
	static char row[MAXB];
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		fprintf(stderr, "%s: cannot open\n", path);
		CHECK(f != NULL);
		return;
	}
	while (fgets(row, sizeof row, f) && n_allows < 512) {
		char *k, *r, *w;
		row[strcspn(row, "\r\n")] = '\0';
		if (row[0] == '#' || row[0] == '\0' || strncmp(row, "file\t", 5) == 0)
			continue;
		k = strchr(row, '\t');
		r = k ? strchr(k + 1, '\t') : NULL;
		w = r ? strchr(r + 1, '\t') : NULL;
		/* Every allowance says why: the fourth column is not empty. */
		CHECK(w != NULL && w[1] != '\0' && strcmp(w + 1, "-") != 0);
		if (w == NULL)
			continue;
		*k++ = '\0';
		*r++ = '\0';
		*w = '\0';
		allows[n_allows].file = strdup(row);
		allows[n_allows].kind = strdup(k);
		allows[n_allows].reply = strdup(r);
		allows[n_allows].used = 0;
		n_allows++;
	}
	fclose(f);
}

static struct allow *allowed(const char *file, const char *kind,
                             const char *reply)
{
	for (int i = 0; i < n_allows; i++)
		if (strcmp(allows[i].file, file) == 0 &&
		    strcmp(allows[i].kind, kind) == 0 &&
		    strcmp(allows[i].reply, reply) == 0)
			return &allows[i];
	return NULL;
}

/* ---- the reply as lines ------------------------------------------------ */

struct lines {
	char code[4];
	int n;
	const char *text[MAXL]; /* each line's text after "NNN-" / "NNN " */
	size_t len[MAXL];
	int enh_len[MAXL];      /* length of the line's enhanced code, 0 if none */
	int crlf;               /* the last line ended with CR LF */
};

/* Length of an enhanced code "d.ddd.ddd" at s followed by a space or the
 * end, else 0. */
static int enh_at(const char *s, size_t n)
{
	size_t i = 0;
	int dots = 0;
	if (n < 5 || (s[0] != '2' && s[0] != '4' && s[0] != '5') || s[1] != '.')
		return 0;
	i = 2;
	for (int part = 0; part < 2; part++) {
		size_t st = i;
		while (i < n && isdigit((unsigned char)s[i]) && i - st < 3)
			i++;
		if (i == st)
			return 0;
		if (part == 0) {
			if (i >= n || s[i] != '.')
				return 0;
			i++;
			dots++;
		}
	}
	if (i < n && s[i] != ' ')
		return 0;
	return dots == 1 ? (int)i : 0;
}

/* Splits a reply whose every line is "NNN-text" or "NNN text" (one code,
 * CR LF between lines); returns 0 for any other shape (left out of the
 * kinds that rebuild lines). */
static int split_lines(const char *s, size_t n, struct lines *L)
{
	size_t i = 0;
	memset(L, 0, sizeof *L);
	while (i < n) {
		const char *e = memchr(s + i, '\n', n - i);
		size_t end = e ? (size_t)(e - s) : n, tl;
		int cr = end > i && s[end - 1] == '\r';
		size_t le = cr ? end - 1 : end;
		if (L->n >= MAXL || le - i < 4 || !e || !cr)
			return 0;
		for (int k = 0; k < 3; k++)
			if (!isdigit((unsigned char)s[i + k]))
				return 0;
		if (L->n == 0)
			memcpy(L->code, s + i, 3);
		else if (memcmp(L->code, s + i, 3) != 0)
			return 0;
		if (s[i + 3] != (end + 1 < n ? '-' : ' '))
			return 0;
		L->text[L->n] = s + i + 4;
		tl = le - i - 4;
		L->len[L->n] = tl;
		L->enh_len[L->n] = enh_at(s + i + 4, tl);
		L->n++;
		i = end + 1;
	}
	L->crlf = 1;
	return L->n > 0;
}

static size_t put(char *out, size_t o, const char *s, size_t n)
{
	if (o + n >= MAXB)
		n = MAXB - 1 - o;
	memcpy(out + o, s, n);
	return o + n;
}

static size_t put_line(char *out, size_t o, const char *code, int last,
                       const char *t, size_t n)
{
	o = put(out, o, code, 3);
	o = put(out, o, last ? " " : "-", 1);
	o = put(out, o, t, n);
	return put(out, o, "\r\n", 2);
}

/* ---- the kinds ---------------------------------------------------------- */

static size_t k_case(const char *s, size_t n, char *out, int up)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (char)(up ? toupper((unsigned char)s[i])
		                   : tolower((unsigned char)s[i]));
	return n;
}

static size_t k_spaces(const struct lines *L, char *out)
{
	size_t o = 0;
	for (int l = 0; l < L->n; l++) {
		static char t[MAXB];
		size_t m = 0;
		for (size_t i = 0; i < L->len[l] && m + 2 < sizeof t; i++) {
			t[m++] = L->text[l][i];
			if (L->text[l][i] == ' ')
				t[m++] = ' ';
		}
		o = put_line(out, o, L->code, l == L->n - 1, t, m);
	}
	return o;
}

/* Rebuilds L with the last line's text replaced by t/m. */
static size_t with_last(const struct lines *L, const char *t, size_t m,
                        char *out)
{
	size_t o = 0;
	for (int l = 0; l < L->n - 1; l++)
		o = put_line(out, o, L->code, 0, L->text[l], L->len[l]);
	return put_line(out, o, L->code, 1, t, m);
}

static size_t k_punct(const struct lines *L, char *out)
{
	static char t[MAXB];
	size_t m = L->len[L->n - 1];
	const char *s = L->text[L->n - 1];
	if (m == 0 || (size_t)L->enh_len[L->n - 1] == m)
		return 0;
	memcpy(t, s, m);
	if (t[m - 1] == '.' || t[m - 1] == '!')
		m--;
	else if (isalnum((unsigned char)t[m - 1]) || t[m - 1] == '>' ||
	         t[m - 1] == ')' || t[m - 1] == ']')
		t[m++] = '.';
	else
		return 0;
	return with_last(L, t, m, out);
}

static size_t k_rcpt(const struct lines *L, const char *tail, char *out)
{
	static char t[MAXB];
	size_t m = L->len[L->n - 1], k = strlen(tail);
	memcpy(t, L->text[L->n - 1], m);
	memcpy(t + m, tail, k);
	return with_last(L, t, m + k, out);
}

/* Postfix's closing words for a reply to cmd, other than RCPT; NULL for
 * a command it does not name so. */
static const char *tail_of(enum smtpreply_command cmd)
{
	switch (cmd) {
	case SMTPREPLY_CMD_MAIL: return " (in reply to MAIL FROM command)";
	case SMTPREPLY_CMD_DOT: return " (in reply to end of DATA command)";
	case SMTPREPLY_CMD_DATA: return " (in reply to DATA command)";
	case SMTPREPLY_CMD_HELO: return " (in reply to HELO command)";
	case SMTPREPLY_CMD_EHLO: return " (in reply to EHLO command)";
	default: return NULL;
	}
}

static int is_x00(const char *t, int n)
{
	return n == 5 && memcmp(t + 1, ".0.0", 4) == 0;
}

static size_t k_enh00(const struct lines *L, char *out)
{
	int none = 1, all00 = 1;
	size_t o = 0;
	char e[7];
	for (int l = 0; l < L->n; l++) {
		if (L->enh_len[l])
			none = 0;
		if (!is_x00(L->text[l], L->enh_len[l]))
			all00 = 0;
	}
	if (L->code[0] != '4' && L->code[0] != '5')
		return 0;
	if (!none && !all00)
		return 0;
	/* A qmail-style code in the text ("(#5.7.1)") is an enhanced code
	 * too: an X.0.0 in front would contradict it, not add nothing. */
	for (int l = 0; none && l < L->n; l++)
		for (size_t i = 0; i + 2 < L->len[l]; i++)
			if (L->text[l][i] == '#' && strchr("245", L->text[l][i + 1]) &&
			    L->text[l][i + 2] == '.')
				return 0;
	snprintf(e, sizeof e, "%c.0.0 ", L->code[0]);
	for (int l = 0; l < L->n; l++) {
		static char t[MAXB];
		size_t m;
		if (none) {
			memcpy(t, e, 6);
			memcpy(t + 6, L->text[l], L->len[l]);
			m = L->len[l] + 6;
			if (L->len[l] == 0)
				m = 5;
		} else {
			size_t skip = L->len[l] > 5 ? 6 : 5;
			m = L->len[l] - skip;
			memcpy(t, L->text[l] + skip, m);
		}
		o = put_line(out, o, L->code, l == L->n - 1, t, m);
	}
	return o;
}

static size_t k_enhdup(const struct lines *L, char *out)
{
	size_t o = 0;
	int any = 0;
	for (int l = 0; l < L->n; l++) {
		static char t[MAXB];
		size_t m = L->len[l];
		int el = L->enh_len[l];
		if (l == 0 && el && (size_t)el < m) {
			memcpy(t, L->text[l], (size_t)el + 1);
			memcpy(t + el + 1, L->text[l], m);
			m += (size_t)el + 1;
			any = 1;
		} else {
			memcpy(t, L->text[l], m);
		}
		o = put_line(out, o, L->code, l == L->n - 1, t, m);
	}
	return any ? o : 0;
}

static size_t k_fold(const struct lines *L, char *out)
{
	const char *t = L->text[0];
	size_t m = L->len[0], el = (size_t)L->enh_len[0], best = 0, o = 0;
	size_t start = el ? el + 1 : 0;
	static char b[MAXB];
	if (L->n != 1 || m < 50 + start)
		return 0;
	for (size_t i = start + 1; i + 1 < m; i++) {
		size_t mid = start + (m - start) / 2;
		if (t[i] == ' ' && t[i - 1] != ' ' && t[i + 1] != ' ' &&
		    (best == 0 || (i > mid ? i - mid : mid - i) <
		                  (best > mid ? best - mid : mid - best)))
			best = i;
	}
	if (best == 0)
		return 0;
	o = put_line(out, o, L->code, 0, t, best);
	memcpy(b, t, el ? el + 1 : 0);
	memcpy(b + (el ? el + 1 : 0), t + best + 1, m - best - 1);
	return put_line(out, o, L->code, 1, b, (el ? el + 1 : 0) + m - best - 1);
}

static size_t k_unfold(const struct lines *L, char *out)
{
	static char b[MAXB];
	size_t m = 0;
	if (L->n < 2)
		return 0;
	for (int l = 0; l < L->n; l++) {
		const char *t = L->text[l];
		size_t n = L->len[l];
		/* The enhanced code once: later lines' copies go. */
		if (l > 0 && L->enh_len[l] && L->enh_len[0] == L->enh_len[l] &&
		    memcmp(t, L->text[0], (size_t)L->enh_len[l]) == 0) {
			size_t k = (size_t)L->enh_len[l] + (n > (size_t)L->enh_len[l]);
			t += k;
			n -= k;
		}
		if (n == 0)
			continue;
		if (m > 0 && m + 1 < MAXB)
			b[m++] = ' ';
		if (m + n >= MAXB)
			return 0;
		memcpy(b + m, t, n);
		m += n;
	}
	return put_line(out, 0, L->code, 1, b, m);
}

/* A one-line reply quoted after a reporter's words (said, ending in a
 * space), as a relay writes it into its own reply: "CODE [E] <said>CODE
 * <text>", the reply's enhanced code kept in front. */
static size_t quoted_after(const struct lines *L, char *out, const char *said)
{
	static char b[MAXB];
	size_t m = 0, el = (size_t)L->enh_len[0], sl = strlen(said);
	if (L->n != 1)
		return 0;
	if (el) {
		memcpy(b, L->text[0], el);
		b[el] = ' ';
		m = el + 1;
	}
	memcpy(b + m, said, sl);
	m += sl;
	memcpy(b + m, L->code, 3);
	b[m + 3] = ' ';
	m += 4;
	memcpy(b + m, L->text[0], L->len[0]);
	m += L->len[0];
	return put_line(out, 0, L->code, 1, b, m);
}

static size_t k_prefix(const struct lines *L, char *out)
{
	return quoted_after(L, out, "host mx.example.net[192.0.2.1] said: ");
}

/* Local parts that name a role: mail to them means something. */
static const char *const ROLES[] = {
	"postmaster", "abuse", "mailer-daemon", "root", "hostmaster",
	"webmaster", "noreply", "no-reply", "double-bounce", "admin",
	"administrator", "security", "nobody", NULL,
};

/* Host names and domains that mean something: a provider's or a
 * blocklist's. A row with a provider is left out of domain and host
 * altogether; these catch the blocklists, named in any row. */
static const char *const MEANT[] = {
	"spamhaus", "spamcop", "sorbs", "barracuda", "uceprotect", "abuseat",
	"surbl", "uribl", "mailspike", "senderscore", "dnswl", "psbl",
	"spameatingmonkey", "rbl", "dnsbl", "blacklist", "blocklist",
	"backscatterer", "nixspam", "ix.dnsbl", "manitu", "spfbl",
	"junkemail", "bl.", "block", "lashback", "returnpath", "hostkarma",
	"dronebl", "zen.", "cbl.", "sbl", "xbl", "pbl", "dbl", "truncate",
	"gbudb", "invaluement", "ivmsip", "anonmails", "0spam", "s5h",
	"spamrats", "dnsrbl", "habeas", "openspf", "spf", "dkim", "dmarc",
	/* Japanese mobile carriers: their documented "550 Unknown user"
	 * is a refusal by the recipient's filter (world/japan-notes). */
	"docomo.ne.jp", "ezweb.ne.jp", "au.com", "softbank.ne.jp",
	"softbank.jp", "vodafone.ne.jp", "pdx.ne.jp", "willcom.com",
	"emnet.ne.jp", "disney.ne.jp",
	NULL,
};

/* The host names kind hostword writes, one a rewrite: labels that are
 * the words of reasons or of the scan's vocabulary, first and in the
 * middle, whole or joined by '-' to another word, as admins name their
 * machines. Not the words of MEANT: a name with "rbl", "dnsbl", "bl." or
 * "spf" may be a blocklist's zone or an SPF record's, which a reply names
 * because of what it means. Not a word glued into a longer label
 * ("antispam.example.com"): the scan reads a phrase inside a word
 * wherever it is ("antispammer"), and a host name's is no exception
 * (src/reason_scan.c, host_word). */
static const char *const HOSTWORDS[] = {
	"relay.example.org", "spam.example.org", "dns.example.org",
	"smtp-quota.example.net", "virus-gw.example.com",
	"blocked.example.net", "auth.mail.example.com", "mx.tls.example.org",
	"smtp.relay.example.net", "policy.example.net", "content-filter.example.com",
	"mx1.greylist.example.net", "timeout.example.org",
	"junk.mx.example.com", "secure-smtp.example.org", NULL,
};
#define N_HOSTWORDS (sizeof HOSTWORDS / sizeof HOSTWORDS[0] - 1)

static int mentions(const char *s, size_t n, const char *const *list)
{
	for (int i = 0; list[i]; i++) {
		size_t k = strlen(list[i]);
		for (size_t j = 0; j + k <= n; j++)
			if (strncasecmp(s + j, list[i], k) == 0)
				return 1;
	}
	return 0;
}

static int is_word(int c)
{
	return isalnum(c) || c == '-' || c == '_';
}

static int is_local(int c)
{
	return isalnum(c) || strchr("._%+-=!#$&'*/?^`{|}~", c) != NULL;
}

/* Top-level domains, so that "RESOLVER.ADR.RecipNotFound" or
 * "smtpd_check.c" is not read as a host name. */
static const char *const TLDS[] = {
	"com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "io",
	"co", "uk", "de", "fr", "nl", "jp", "cn", "ru", "br", "it", "es", "pl",
	"se", "ch", "at", "be", "dk", "no", "fi", "cz", "kr", "tw", "hk", "in",
	"tr", "ua", "mx", "ar", "za", "eu", "me", "cc", "tv", "us", "ca", "au",
	"nz", "ie", "pt", "gr", "hu", "ro", "sk", "si", "il", "sg", "my", "th",
	"id", "vn", "ph", "cl", "pe", "ve", "ir", "lt", "lv", "ee", "by", "kz",
	"test", "invalid", "example", "local", "localdomain", "localhost",
	"lan", "arpa", "tld", "xyz", "online", "email", "mail", NULL,
};

static int is_tld(const char *s, size_t n)
{
	for (int i = 0; TLDS[i]; i++)
		if (strlen(TLDS[i]) == n && strncasecmp(s, TLDS[i], n) == 0)
			return 1;
	return 0;
}

/* Length of a host name at s[i..n) (labels of letters, digits and '-',
 * two or more, the last a TLD, not all digits), else 0. */
static size_t host_at(const char *s, size_t i, size_t n)
{
	size_t j = i, last = i;
	int labels = 0, alpha = 0;
	while (j < n) {
		size_t st = j;
		while (j < n && (isalnum((unsigned char)s[j]) || s[j] == '-'))
			alpha |= isalpha((unsigned char)s[j++]);
		if (j == st)
			break;
		labels++;
		last = st;
		if (j + 1 < n && s[j] == '.' && isalnum((unsigned char)s[j + 1]))
			j++;
		else
			break;
	}
	if (labels < 2 || !alpha || !is_tld(s + last, j - last))
		return 0;
	return j - i;
}

/* Copies s to out, rewriting each match of the kind; kind hostword's
 * host names are all `name`. */
static size_t k_subst(const char *s, size_t n, char *out, enum kind k,
                      const char *name)
{
	size_t o = 0, i = 0;
	int changed = 0;
	while (i < n) {
		int prev = i > 0 ? (unsigned char)s[i - 1] : ' ';
		/* A line's code ("554-", "554 ") is not text: copied. */
		if ((i == 0 || s[i - 1] == '\n') && n - i >= 4 &&
		    isdigit((unsigned char)s[i]) && isdigit((unsigned char)s[i + 1]) &&
		    isdigit((unsigned char)s[i + 2]) && (s[i + 3] == '-' || s[i + 3] == ' ')) {
			o = put(out, o, s + i, 4);
			i += 4;
			continue;
		}
		/* An address: local@domain. */
		if (is_local((unsigned char)s[i]) && !is_local(prev) &&
		    prev != '@') {
			size_t j = i;
			while (j < n && is_local((unsigned char)s[j]))
				j++;
			if (j < n && s[j] == '@') {
				size_t h = host_at(s, j + 1, n);
				if (h) {
					int role = 0;
					for (int r = 0; ROLES[r]; r++)
						if (strlen(ROLES[r]) == j - i &&
						    strncasecmp(s + i, ROLES[r], j - i) == 0)
							role = 1;
					if (k == K_LOCAL && !role) {
						o = put(out, o, "jdoe7", 5);
						changed = 1;
					} else {
						o = put(out, o, s + i, j - i);
					}
					o = put(out, o, "@", 1);
					if (k == K_DOMAIN && !mentions(s + j + 1, h, MEANT)) {
						const char *d = strncasecmp(s + j + 1, "example.org", h) == 0
						                    ? "example.net" : "example.org";
						o = put(out, o, d, 11);
						changed = 1;
					} else {
						o = put(out, o, s + j + 1, h);
					}
					i = j + 1 + h;
					continue;
				}
			}
		}
		/* A URL: left alone whole (its host and path mean a page). */
		if (n - i > 7 && (strncasecmp(s + i, "http://", 7) == 0 ||
		                  strncasecmp(s + i, "https://", 8) == 0)) {
			size_t j = i;
			while (j < n && !isspace((unsigned char)s[j]) && s[j] != '>' &&
			       s[j] != ')' && s[j] != ']' && s[j] != '"')
				j++;
			o = put(out, o, s + i, j - i);
			i = j;
			continue;
		}
		/* A dotted IPv4 address. */
		if (isdigit((unsigned char)s[i]) && !is_word(prev) && prev != '.') {
			size_t j = i;
			int parts = 0, ok = 1;
			unsigned first = 0;
			while (parts < 4) {
				size_t st = j;
				unsigned v = 0;
				while (j < n && isdigit((unsigned char)s[j]) && j - st < 3)
					v = v * 10 + (unsigned)(s[j++] - '0');
				if (j == st || v > 255) {
					ok = 0;
					break;
				}
				if (parts == 0)
					first = v;
				parts++;
				if (parts < 4) {
					if (j < n && s[j] == '.')
						j++;
					else {
						ok = 0;
						break;
					}
				}
			}
			if (ok && (j >= n || (!isalnum((unsigned char)s[j]) &&
			                      !(s[j] == '.' && j + 1 < n &&
			                        isdigit((unsigned char)s[j + 1]))))) {
				if (k == K_IP && first != 127 && first != 0) {
					/* A private address stays private: "dial tcp
					 * 10.0.0.5" is the server's own back end. */
					int priv = first == 10 ||
					           strncmp(s + i, "192.168.", 8) == 0 ||
					           (first == 172 && s[i + 4] >= '1' &&
					            s[i + 4] <= '3' && s[i + 6] == '.');
					const char *a1 = priv ? "10.20.30.40" : "203.0.113.57";
					const char *a2 = priv ? "10.9.8.7" : "198.51.100.23";
					const char *a = strncmp(s + i, a1, j - i) == 0 ? a2 : a1;
					o = put(out, o, a, strlen(a));
					changed = 1;
				} else {
					o = put(out, o, s + i, j - i);
				}
				i = j;
				continue;
			}
		}
		/* A host name. */
		if (isalnum((unsigned char)s[i]) && !is_word(prev) && prev != '.' &&
		    prev != '@' && prev != '/') {
			size_t h = host_at(s, i, n);
			if (h && (i + h >= n || (s[i + h] != '@' && s[i + h] != '/'))) {
				if ((k == K_HOST || k == K_HOSTWORD) &&
				    !mentions(s + i, h, MEANT)) {
					const char *d = strncasecmp(s + i, "mx7.example.net", h) == 0
					                    ? "relay.example.org" : "mx7.example.net";
					if (k == K_HOSTWORD)
						d = name;
					o = put(out, o, d, strlen(d));
					changed = 1;
				} else {
					o = put(out, o, s + i, h);
				}
				i += h;
				continue;
			}
		}
		/* An id: an alphanumeric run of 8 or more with 2 digits and
		 * 2 letters, not part of a host name. */
		if (isalnum((unsigned char)s[i]) && !isalnum(prev)) {
			size_t j = i;
			int dig = 0, let = 0, hex = 1;
			while (j < n && isalnum((unsigned char)s[j])) {
				dig += isdigit((unsigned char)s[j]) != 0;
				let += isalpha((unsigned char)s[j]) != 0;
				hex &= isxdigit((unsigned char)s[j]) != 0;
				j++;
			}
			if (k == K_ID && (j - i >= 10 || hex) && j - i >= 8 &&
			    dig >= 2 && let >= 2 &&
			    prev != '.' && (j >= n || s[j] != '.')) {
				for (size_t q = i; q < j; q++) {
					char c = s[q];
					if (isdigit((unsigned char)c))
						c = (char)('0' + (c - '0' + 3) % 10);
					else if (hex)
						c = (char)((c >= 'a' ? 'a' : 'A') +
						           ((c | 32) - 'a' + 2) % 6);
					else
						c = (char)((c >= 'a' ? 'a' : 'A') +
						           ((c | 32) - 'a' + 7) % 26);
					o = put(out, o, &c, 1);
				}
				changed = 1;
			} else {
				o = put(out, o, s + i, j - i);
			}
			i = j;
			continue;
		}
		o = put(out, o, s + i, 1);
		i++;
	}
	return changed ? o : 0;
}

static size_t k_trail(const struct lines *L, char *out)
{
	static char t[MAXB];
	size_t o = 0;
	for (int l = 0; l < L->n; l++) {
		memcpy(t, L->text[l], L->len[l]);
		t[L->len[l]] = ' ';
		o = put_line(out, o, L->code, l == L->n - 1, t, L->len[l] + 1);
	}
	return o;
}

static size_t k_lf(const char *s, size_t n, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++)
		if (!(s[i] == '\r' && i + 1 < n && s[i + 1] == '\n'))
			out[o++] = s[i];
	return o;
}

/* "<a@b>" -> "a@b" and a bare "a@b" -> "<a@b>" (an address: a run of
 * non-blank bytes holding one '@' with letters on both sides). */
static size_t k_angle(const char *s, size_t n, char *out)
{
	size_t o = 0, i = 0;
	int changed = 0;
	while (i < n) {
		size_t j = i, at = 0;
		if (s[i] == ' ' || s[i] == '\r' || s[i] == '\n' || s[i] == '\t') {
			out[o++] = s[i++];
			continue;
		}
		while (j < n && s[j] != ' ' && s[j] != '\r' && s[j] != '\n' &&
		       s[j] != '\t') {
			if (s[j] == '@')
				at = at ? (size_t)-1 : j;
			j++;
		}
		/* the word s[i..j): <local@domain> with trailing punctuation */
		{
			size_t e = j;
			while (e > i && strchr(".,;:)]", s[e - 1]) && s[e - 1] != '>')
				e--;
			if (at != 0 && at != (size_t)-1 && at > i && at + 1 < e &&
			    isalnum((unsigned char)s[at - 1]) &&
			    isalnum((unsigned char)s[at + 1])) {
				if (s[i] == '<' && s[e - 1] == '>' && e - i > 2) {
					o = put(out, o, s + i + 1, e - i - 2);
					changed = 1;
				} else if (s[i] != '<' && s[e - 1] != '>' &&
				           strchr("([\"'=:", s[i]) == NULL &&
				           isalnum((unsigned char)s[i])) {
					o = put(out, o, "<", 1);
					o = put(out, o, s + i, e - i);
					o = put(out, o, ">", 1);
					changed = 1;
				} else {
					o = put(out, o, s + i, e - i);
				}
				o = put(out, o, s + e, j - e);
				i = j;
				continue;
			}
		}
		o = put(out, o, s + i, j - i);
		i = j;
	}
	return changed ? o : 0;
}

static size_t k_said(const struct lines *L, char *out)
{
	return quoted_after(L, out, "Remote host said: ");
}

/* Exim's report of a one-line reply to RCPT, MAIL or the data: "CODE [E]
 * SMTP error from remote mail server after RCPT TO:<a@b>: <the reply>". */
static size_t k_exim(const struct lines *L, enum smtpreply_command cmd,
                     char *out)
{
	static char b[MAXB];
	const char *after;
	size_t m = 0, el = (size_t)L->enh_len[0], k;
	if (L->n != 1)
		return 0;
	if (cmd == SMTPREPLY_CMD_RCPT)
		after = "RCPT TO:<jdoe@example.com>";
	else if (cmd == SMTPREPLY_CMD_MAIL)
		after = "MAIL FROM:<jdoe@example.com> SIZE=1234";
	else if (cmd == SMTPREPLY_CMD_DOT)
		after = "end of data";
	else
		return 0;
	if (el) {
		memcpy(b, L->text[0], el);
		b[el] = ' ';
		m = el + 1;
	}
	k = (size_t)snprintf(b + m, 200, "SMTP error from remote mail server "
	                                 "after %s: %.3s ", after, L->code);
	m += k;
	memcpy(b + m, L->text[0], L->len[0]);
	m += L->len[0];
	return put_line(out, 0, L->code, 1, b, m);
}

static size_t k_joined(const struct lines *L, char *out)
{
	static const char said[] = "host mx.example.net[192.0.2.1] said: ";
	static char b[MAXB];
	size_t m = 0, el = (size_t)L->enh_len[0];
	if (L->n < 2)
		return 0;
	if (el) {
		memcpy(b, L->text[0], el);
		b[el] = ' ';
		m = el + 1;
	}
	memcpy(b + m, said, sizeof said - 1);
	m += sizeof said - 1;
	for (int l = 0; l < L->n; l++) {
		if (m + L->len[l] + 6 >= MAXB)
			return 0;
		memcpy(b + m, L->code, 3);
		b[m + 3] = l == L->n - 1 ? ' ' : '-';
		m += 4;
		memcpy(b + m, L->text[l], L->len[l]);
		m += L->len[l];
		if (l < L->n - 1)
			b[m++] = ' ';
	}
	return put_line(out, 0, L->code, 1, b, m);
}

/* ---- the kinds a bounce processor reads ------------------------------- */

/* The kinds from K_FIRST_FOUND on are not replies: each is the text a
 * real MTA or provider writes around a remote server's reply in its log
 * or its bounce, copied in shape from a primary source (cited at each),
 * and is read back as a bounce processor reads it, by smtpreply_find()
 * (every kind of record) and smtpreply_found_diagnose(). The first
 * record with a reply must get the row's reason and verdict: after the
 * row's command where the wrapper names it (the
 * record's command is then the library's reading of the wrapper), else
 * (a DSN, an NDR: no command) the row's reply diagnosed after an unknown
 * command. No record with a reply is a change too ("lost"). */

/* The reply's lines joined by a space, codes kept ("550-5.7.1 a 550-5.7.1
 * b 550 5.7.1 c"): how Postfix writes a multi-line reply into its log,
 * bounce and Diagnostic-Code (smtp_proto.c: translit(resp->str, "\n",
 * " ")); a one-line reply as it is. sep is put between lines. */
static size_t joined_lines(const struct lines *L, char *b, size_t m,
                           const char *sep, int codes)
{
	size_t sl = strlen(sep);
	for (int l = 0; l < L->n; l++) {
		if (m + L->len[l] + sl + 8 >= MAXB)
			return 0;
		if (l > 0) {
			memcpy(b + m, sep, sl + 1); /* (its NUL: overwritten) */
			m += sl;
		}
		if (codes || l == 0) {
			memcpy(b + m, L->code, 3);
			b[m + 3] = l == L->n - 1 ? ' ' : '-';
			m += 4;
		}
		memcpy(b + m, L->text[l], L->len[l]);
		m += L->len[l];
	}
	return m;
}

static size_t putz(char *b, size_t m, const char *s)
{
	size_t k = strlen(s);
	if (m + k >= MAXB)
		return m;
	memcpy(b + m, s, k + 1); /* (its NUL: overwritten by what follows) */
	return m + k;
}

/* The enhanced code of the first line, else class.0.0 (for a DSN's
 * Status, a log's dsn=: X.0.0 adds nothing smtpreply_found_diagnose
 * reads). */
static void status_of(const struct lines *L, char st[16])
{
	int el = L->enh_len[0];
	if (el > 0 && el < 12) {
		memcpy(st, L->text[0], (size_t)el);
		st[el] = '\0';
	} else {
		snprintf(st, 16, "%c.0.0", L->code[0]);
	}
}

/* The recipient the found kinds write (Final-Recipient, to=<a@b>, RCPT
 * TO:<a@b>, the address above a bounce's reply): the first address the
 * reply names in angle brackets, else jdoe@example.com. An MTA's record
 * names the path it sent and a server's reply echoes that path, so a
 * record that named another recipient than the reply would change the
 * meaning: smtpreply_found_diagnose(3) does not suppress an address the
 * reply does not name when it names others. Set per row (row_recipient). */
static char RCPT_ADDR[300] = "jdoe@example.com";
#define JDOE "jdoe@example.com"

static void row_recipient(const struct lines *L)
{
	strcpy(RCPT_ADDR, JDOE);
	for (int i = 0; i < L->n; i++)
		for (size_t a = 0; a + sizeof JDOE - 1 <= L->len[i]; a++)
			if (memcmp(L->text[i] + a, JDOE, sizeof JDOE - 1) == 0)
				return;
	for (int i = 0; i < L->n; i++) {
		const char *t = L->text[i];
		size_t n = L->len[i];
		for (size_t a = 0; a < n; a++) {
			size_t z = a + 1;
			int at = 0;
			if (t[a] != '<')
				continue;
			while (z < n && t[z] != '>' && t[z] != '<' && t[z] != ' ' &&
			       z - a < sizeof RCPT_ADDR - 1) {
				at += t[z] == '@';
				z++;
			}
			/* (split at the last '@', as src/found.c reads a
			 * mailbox: "<bob@@example.com>" is one) */
			if (z < n && t[z] == '>' && at >= 1 && t[a + 1] != '@' &&
			    t[z - 1] != '@' && !memchr(t + a, ':', z - a)) {
				memcpy(RCPT_ADDR, t + a + 1, z - a - 1);
				RCPT_ADDR[z - a - 1] = '\0';
				return;
			}
		}
	}
}

/* b[0, m) with every JDOE written as RCPT_ADDR (nothing when the text
 * itself holds JDOE, a row's own words); the new length, 0 when it does
 * not fit. */
static size_t as_recipient(char *b, size_t m)
{
	static char t[MAXB];
	size_t o = 0, jn = sizeof JDOE - 1, rn = strlen(RCPT_ADDR);
	if (strcmp(RCPT_ADDR, JDOE) == 0)
		return m;
	for (size_t i = 0; i < m;) {
		if (i + jn <= m && memcmp(b + i, JDOE, jn) == 0) {
			if (o + rn >= MAXB)
				return 0;
			/* the address's bytes, no NUL: t is a text, not a string */
			for (size_t k = 0; k < rn; k++)
				t[o + k] = RCPT_ADDR[k];
			o += rn;
			i += jn;
		} else {
			if (o + 1 >= MAXB)
				return 0;
			t[o++] = b[i++];
		}
	}
	memcpy(b, t, o);
	return o;
}

/* Builds kind k's text around the reply L (answering cmd) into b; sets
 * *named when the text names the command. Returns 0 when the kind does
 * not apply to the row. */
static size_t k_found(int k, const struct lines *L,
                      enum smtpreply_command cmd, char *b, int *named)
{
	size_t m = 0;
	char st[16];
	const char *c5 = L->code[0] == '5' ? "bounced" : "deferred";
	*named = 0;
	status_of(L, st);
	switch (k) {
	case K_DSN:
		/* RFC 3464 2.3.6: "Diagnostic-Code: smtp; <reply>", the
		 * reply's lines joined as Postfix writes them
		 * (tests/data/bounces/postfix/bounce-blocked.eml). */
		m = putz(b, m, "Final-Recipient: rfc822; jdoe@example.com\r\n"
		               "Action: failed\r\nStatus: ");
		m = putz(b, m, st);
		m = putz(b, m, "\r\nDiagnostic-Code: smtp; ");
		m = joined_lines(L, b, m, " ", 1);
		return m ? putz(b, m, "\r\n") : 0;
	case K_DSNFOLD: {
		/* The same field folded (RFC 5322 2.2.3): a multi-line reply
		 * a line each, as Exim writes it ("Diagnostic-Code: smtp;
		 * 550-5.7.1 a\n 550-5.7.1 b\n 550 5.7.1 c",
		 * tests/data/bounces/exim/bounce-blocked.eml); a one-line
		 * text of 50 bytes or more broken at its middle space onto a
		 * line indented by 4, as Postfix folds it
		 * (tests/data/bounces/postfix/bounce-bigdata.eml). */
		const char *t = L->text[0];
		size_t n = L->len[0], best = 0;
		m = putz(b, m, "Final-Recipient: rfc822; jdoe@example.com\r\n"
		               "Action: failed\r\nStatus: ");
		m = putz(b, m, st);
		m = putz(b, m, "\r\nDiagnostic-Code: smtp; ");
		if (L->n > 1) {
			m = joined_lines(L, b, m, "\r\n ", 1);
			return m ? putz(b, m, "\r\n") : 0;
		}
		if (n < 50)
			return 0;
		for (size_t i = 1; i + 1 < n; i++)
			if (t[i] == ' ' && t[i - 1] != ' ' && t[i + 1] != ' ' &&
			    (best == 0 || (i > n / 2 ? i - n / 2 : n / 2 - i) <
			                      (best > n / 2 ? best - n / 2
			                                    : n / 2 - best)))
				best = i;
		if (best == 0 || m + n + 16 >= MAXB)
			return 0;
		memcpy(b + m, L->code, 3);
		b[m + 3] = ' ';
		m += 4;
		memcpy(b + m, t, best);
		m += best;
		m = putz(b, m, "\r\n    ");
		memcpy(b + m, t + best + 1, n - best - 1);
		m += n - best - 1;
		return putz(b, m, "\r\n");
	}
	case K_PFLOG: {
		/* Postfix's smtp(8) log line (tests/data/bounces/postfix/
		 * mail.log): "... dsn=5.1.1, status=bounced (host H[IP]
		 * said: <reply, lines joined> (in reply to RCPT TO
		 * command))". */
		const char *tail = cmd == SMTPREPLY_CMD_RCPT
		                       ? " (in reply to RCPT TO command)"
		                       : tail_of(cmd);
		if (tail == NULL)
			return 0;
		m = putz(b, m, "Dec 02 09:25:53 mx postfix/smtp[26377]: "
		               "B4C68A8221B: to=<jdoe@example.com>, relay="
		               "mx.example.net[192.0.2.1]:25, delay=0.75, "
		               "delays=0.23/0.1/0/0.41, dsn=");
		m = putz(b, m, st);
		m = putz(b, m, ", status=");
		m = putz(b, m, c5);
		m = putz(b, m, " (host mx.example.net[192.0.2.1] said: ");
		m = joined_lines(L, b, m, " ", 1);
		if (m == 0)
			return 0;
		m = putz(b, m, tail);
		*named = 1;
		return putz(b, m, ")\n");
	}
	case K_PFBOUNCE: {
		/* Postfix's bounce text (tests/data/bounces/postfix/
		 * bounce-blocked.eml): "<a@b>: host H[IP] said: <reply, lines
		 * joined> (in reply to RCPT TO command)", wrapped at the
		 * spaces into lines shorter than 80 bytes, each after the
		 * first indented by 4 (bounce(8)'s line_wrap). */
		static char t[MAXB];
		size_t tn = 0, col = 0, i = 0;
		const char *tail = cmd == SMTPREPLY_CMD_RCPT
		                       ? " (in reply to RCPT TO command)"
		                       : tail_of(cmd);
		if (tail == NULL)
			return 0;
		tn = putz(t, tn, "<jdoe@example.com>: host "
		                 "mx.example.net[192.0.2.1] said: ");
		tn = joined_lines(L, t, tn, " ", 1);
		if (tn == 0)
			return 0;
		tn = putz(t, tn, tail);
		tn = as_recipient(t, tn);
		while (i < tn) {
			size_t w = i;
			while (w < tn && t[w] != ' ')
				w++;
			if (col > 0 && col + 1 + (w - i) >= 80) {
				m = putz(b, m, "\n    ");
				col = 4;
			} else if (col > 0) {
				m = putz(b, m, " ");
				col++;
			}
			if (m + (w - i) + 2 >= MAXB)
				return 0;
			memcpy(b + m, t + i, w - i);
			m += w - i;
			col += w - i;
			i = w;
			while (i < tn && t[i] == ' ')
				i++;
		}
		*named = 1;
		return putz(b, m, "\n");
	}
	case K_REFUSED:
		/* Postfix's greeting failure, smtp_proto.c smtp_helo():
		 * smtp_site_fail(..., "host %s refused to talk to me: %s",
		 * session->namaddr, translit(resp->str, "\n", " ")), logged
		 * as the status=bounced line's reason. */
		if (cmd != SMTPREPLY_CMD_GREETING)
			return 0;
		m = putz(b, m, "Dec 02 09:25:53 mx postfix/smtp[26377]: "
		               "B4C68A8221B: to=<jdoe@example.com>, relay="
		               "mx.example.net[192.0.2.1]:25, delay=0.75, "
		               "delays=0.23/0.1/0/0.41, dsn=");
		m = putz(b, m, st);
		m = putz(b, m, ", status=");
		m = putz(b, m, c5);
		m = putz(b, m, " (host mx.example.net[192.0.2.1] refused to "
		               "talk to me: ");
		m = joined_lines(L, b, m, " ", 1);
		*named = 1;
		return m ? putz(b, m, ")\n") : 0;
	case K_EXIMLOG:
	case K_EXIMPIPE:
	case K_EXIMBOUNCE: {
		/* Exim 4.96's log line and its bounce's text
		 * (tests/data/bounces/exim/mail.log, bounce-blocked.eml):
		 * "** a@b R=... T=remote_smtp H=mx.example.net [192.0.2.1]:
		 * SMTP error from remote mail server after RCPT TO:<a@b>:
		 * <reply>", the log writing a multi-line reply's line ends as
		 * a literal "\n"; the bounce "host H [IP]" and the "SMTP
		 * error ..." sentence on lines of their own, the reply's lines
		 * under them, each indented by 4. */
		const char *after;
		if (cmd == SMTPREPLY_CMD_RCPT)
			after = "RCPT TO:<jdoe@example.com>";
		else if (cmd == SMTPREPLY_CMD_MAIL)
			after = "MAIL FROM:<jdoe@example.com> SIZE=1234";
		else if (cmd == SMTPREPLY_CMD_DOT)
			after = "end of data";
		else
			return 0;
		*named = 1;
		/* With PIPELINING, transports/smtp.c check_response()
		 * writes "after %s%s" with "pipelined " first (pl): MAIL and
		 * RCPT are the commands Exim pipelines. */
		if (k == K_EXIMPIPE && cmd != SMTPREPLY_CMD_RCPT &&
		    cmd != SMTPREPLY_CMD_MAIL)
			return 0;
		if (k == K_EXIMLOG || k == K_EXIMPIPE) {
			m = putz(b, m, "2026-12-02 09:26:57 1xYgc4-0007Xa-28 ");
			m = putz(b, m, L->code[0] == '5' ? "**" : "==");
			m = putz(b, m, " jdoe@example.com R=dnslookup "
			               "T=remote_smtp H=mx.example.net "
			               "[192.0.2.1]: SMTP error from remote mail "
			               "server after ");
			if (k == K_EXIMPIPE)
				m = putz(b, m, "pipelined ");
			m = putz(b, m, after);
			m = putz(b, m, ": ");
			m = joined_lines(L, b, m, "\\n", 1);
			return m ? putz(b, m, "\n") : 0;
		}
		m = putz(b, m, "  jdoe@example.com\n    host mx.example.net "
		               "[192.0.2.1]\n    SMTP error from remote mail "
		               "server after ");
		m = putz(b, m, after);
		m = putz(b, m, ":\n    ");
		m = joined_lines(L, b, m, "\n    ", 1);
		return m ? putz(b, m, "\n") : 0;
	}
	case K_IONOS:
		/* The bounce of 1&1/IONOS's and GMX's relays, as quoted in
		 * public mail (Delta Chat's test-data/message/gmx_ndn.eml;
		 * vger.kernel.org's refusals on LKML, 2016): "a@b:\nSMTP error
		 * from remote server for RCPT TO command, host: H (IP)
		 * reason: <reply>", the data named TEXT. */
		if (cmd != SMTPREPLY_CMD_RCPT && cmd != SMTPREPLY_CMD_DOT)
			return 0;
		m = putz(b, m, "jdoe@example.com:\nSMTP error from remote "
		               "server for ");
		m = putz(b, m, cmd == SMTPREPLY_CMD_RCPT ? "RCPT TO" : "TEXT");
		m = putz(b, m, " command, host: mx.example.net (192.0.2.1) "
		               "reason: ");
		m = joined_lines(L, b, m, "\n", 1);
		*named = 1;
		return m ? putz(b, m, "\n") : 0;
	case K_SENDMAIL:
	case K_COURIER:
		/* Their bounces' session transcripts: Sendmail 8.17's "...
		 * while talking to H.:" then ">>> RCPT To:<a@b>" and each
		 * reply line after "<<< " (tests/data/bounces/sendmail/
		 * bounce-blocked.eml); Courier 1.0's "<a@b>:\n     H [IP]:",
		 * " >>> RCPT TO:<a@b>", " <<< " (tests/data/bounces/courier/
		 * bounce-blocked.eml). Both show ">>> DATA" before the reply
		 * to the end of the data as well: RCPT and MAIL only. */
		if (cmd != SMTPREPLY_CMD_RCPT && cmd != SMTPREPLY_CMD_MAIL)
			return 0;
		if (k == K_SENDMAIL) {
			m = putz(b, m, "   ----- Transcript of session follows "
			               "-----\n... while talking to "
			               "mx.example.net.:\n>>> ");
			m = putz(b, m, cmd == SMTPREPLY_CMD_RCPT
			                   ? "RCPT To:<jdoe@example.com>"
			                   : "MAIL From:<jdoe@example.com> "
			                     "SIZE=1234");
			m = putz(b, m, "\n<<< ");
			m = joined_lines(L, b, m, "\n<<< ", 1);
		} else {
			m = putz(b, m, "<jdoe@example.com>:\n     mx.example.net "
			               "[192.0.2.1]:\n >>> ");
			m = putz(b, m, cmd == SMTPREPLY_CMD_RCPT
			                   ? "RCPT TO:<jdoe@example.com>"
			                   : "MAIL FROM:<jdoe@example.com>");
			m = putz(b, m, "\n <<< ");
			m = joined_lines(L, b, m, "\n <<< ", 1);
		}
		*named = 1;
		return m ? putz(b, m, "\n") : 0;
	case K_SMLOG: {
		/* Sendmail's log line (tests/data/bounces/sendmail/mail.log):
		 * for a temporary failure "dsn=4.7.1, reply=<first line>,
		 * stat=Deferred: <first line>"; for a permanent one stat=
		 * holds Sendmail's own words for its exit status, whatever the
		 * reply says: "User unknown" after a 550 to RCPT (the capture
		 * has it for "550 5.7.1 ... on the local block list" too),
		 * "Service unavailable" after a 552. The reply= is the one to
		 * read. One-line replies (it logs only the first line); 5xx
		 * only those two, after RCPT, whose stat the capture shows. */
		const char *stat5 = NULL;
		if (L->n != 1)
			return 0;
		if (L->code[0] == '5') {
			if (cmd != SMTPREPLY_CMD_RCPT)
				return 0;
			if (memcmp(L->code, "550", 3) == 0)
				stat5 = "User unknown";
			else if (memcmp(L->code, "552", 3) == 0)
				stat5 = "Service unavailable";
			else
				return 0;
		}
		m = putz(b, m, "Dec  2 11:53:43 vm sm-mta[26624]: "
		               "6B2BreMh026456: to=<jdoe@example.com>, "
		               "delay=00:00:03, xdelay=00:00:00, mailer=esmtp, "
		               "pri=120214, relay=mx.example.net. [192.0.2.1], "
		               "dsn=");
		m = putz(b, m, st);
		m = putz(b, m, ", reply=");
		m = joined_lines(L, b, m, " ", 1);
		if (stat5 != NULL) {
			m = putz(b, m, ", stat=");
			m = putz(b, m, stat5);
		} else {
			m = putz(b, m, ", stat=Deferred: ");
			m = joined_lines(L, b, m, " ", 1);
		}
		return m ? putz(b, m, "\n") : 0;
	}
	case K_OPENSMTPD:
		/* OpenSMTPD 6.8's bounce (tests/data/bounces/opensmtpd/
		 * bounce-blocked.eml): "a@b: <reply>", a multi-line reply's
		 * later lines joined on without their codes
		 * ("550-5.7.1 a b c"). */
		m = putz(b, m, "    An error has occurred while attempting to "
		               "deliver a message for\n    the following list "
		               "of recipients:\n\njdoe@example.com: ");
		if (L->n > 1) {
			/* the first line's code with its '-', the others' texts */
			m = putz(b, m, "");
			if (m + 4 >= MAXB)
				return 0;
			memcpy(b + m, L->code, 3);
			b[m + 3] = '-';
			m += 4;
			for (int l = 0; l < L->n; l++) {
				const char *t = L->text[l];
				size_t n = L->len[l];
				if (l > 0 && L->enh_len[l]) {
					size_t q = (size_t)L->enh_len[l] +
					           (n > (size_t)L->enh_len[l]);
					t += q;
					n -= q;
				}
				if (m + n + 2 >= MAXB)
					return 0;
				if (l > 0)
					b[m++] = ' ';
				memcpy(b + m, t, n);
				m += n;
			}
		} else {
			m = joined_lines(L, b, m, " ", 1);
		}
		return m ? putz(b, m, "\n") : 0;
	case K_EXCHANGE:
		/* Exchange 2013+'s NDR (public NDRs, e.g.
		 * https://pastebin.com/PmPW2b1n): "Diagnostic information for
		 * administrators:", "Generating server: H", the recipient,
		 * then "Remote Server returned '<reply>'". One-line replies
		 * (a multi-line one is not seen there). */
		if (L->n != 1)
			return 0;
		m = putz(b, m, "Diagnostic information for administrators:\n\n"
		               "Generating server: EX2.example.local\n\n"
		               "jdoe@example.com\nRemote Server returned '");
		m = joined_lines(L, b, m, " ", 1);
		return m ? putz(b, m, "'\n") : 0;
	case K_EXCHANGE_ES:
		/* The same NDR in Spanish: its headings translated, the
		 * "Remote Server returned" line not (a public Exchange 2013
		 * NDR, https://pastebin.com/JHaPQHk7). */
		if (L->n != 1)
			return 0;
		m = putz(b, m, "Informaci\xc3\xb3n de diagn\xc3\xb3stico para "
		               "los administradores:\n\nGenerando servidor: "
		               "EX2.example.local\n\njdoe@example.com\nRemote "
		               "Server returned '");
		m = joined_lines(L, b, m, " ", 1);
		return m ? putz(b, m, "'\n") : 0;
	case K_EXCHANGE2010:
		/* Exchange 2007/2010's NDR: the reply between "#" and " ##"
		 * under the recipient (public NDRs, e.g.
		 * https://pastebin.com/W8X94bCW: "#550 5.1.1
		 * RESOLVER.ADR.RecipNotFound; not found ##"). Replies with
		 * an enhanced code only: every such NDR seen has one, and
		 * the reader wants it ("#550 ##" without one is no form we
		 * have a source for; a URL's "DOC-1369#550" is no reply). */
		if (L->n != 1 || L->enh_len[0] == 0)
			return 0;
		m = putz(b, m, "Diagnostic information for administrators:\n\n"
		               "Generating server: EX2.example.local\n\n"
		               "jdoe@example.com\n#");
		m = joined_lines(L, b, m, " ", 1);
		return m ? putz(b, m, " ##\n") : 0;
	case K_GMAIL:
		/* Gmail's bounce as quoted in public mail (LKML, 2018:
		 * "The response from the remote server was:" then the reply
		 * on a line of its own). One-line replies. */
		if (L->n != 1)
			return 0;
		m = putz(b, m, "The response from the remote server was:\n");
		m = joined_lines(L, b, m, " ", 1);
		return m ? putz(b, m, "\n") : 0;
	default:
		return 0;
	}
}

/* Reads text back as a bounce processor does: the first record of
 * smtpreply_find with a reply, diagnosed; 0 when there is none. (Its
 * code may be another: a reply that quotes another, read through by the
 * reader, "554 5.1.0 < #5.1.10 smtp;550 5.1.10 ...>", is judged by the
 * reason and the verdict like any.) */
static int found_again(const char *text, size_t n,
                       struct smtpreply_diagnosis *d)
{
	static char buf[MAXB + 4096];
	size_t pos = 0;
	struct smtpreply_found f;
	int rc;
	while (pos < n) {
		memset(&f, 0, sizeof f);
		rc = smtpreply_find(text, n, &pos, 0, buf, sizeof buf, &f);
		if (rc == 0)
			break;
		if (rc < 0 || !f.has_reply)
			continue;
		smtpreply_found_diagnose(&f, d);
		return 1;
	}
	return 0;
}

/* ---- the run ------------------------------------------------------------ */

static void print_escaped(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r')
			fputs("\\r", stderr);
		else if (s[i] == '\n')
			fputs("\\n", stderr);
		else if (s[i] == '\t')
			fputs("\\t", stderr);
		else
			fputc(s[i], stderr);
	}
}

static void one_row(const char *file, int line, const char *cmdname,
                    const char *col, const char *raw, size_t n)
{
	static char out[MAXB];
	struct smtpreply r, v;
	struct smtpreply_diagnosis d0, d0u, d1;
	struct lines L;
	enum smtpreply_command cmd = smtpreply_command_parse(cmdname);
	int shaped = split_lines(raw, n, &L);
	if (shaped)
		row_recipient(&L);
	int has_provider;

	memset(&r, 0, sizeof r);
	if (smtpreply_parse(raw, n, NULL, &r) <= 0)
		return; /* test_classify counts unreadable rows */
	smtpreply_diagnose(&r, cmd, &d0);
	smtpreply_diagnose(&r, SMTPREPLY_CMD_UNKNOWN, &d0u);
	if (r.code < 400)
		return; /* no reason, no verdict to keep */
	has_provider = smtpreply_provider(&r) != NULL;

	for (int k = 0; k < K_COUNT; k++) {
		/* kind hostword: a rewrite for each name of its list */
		for (size_t hw = 0; hw < (k == K_HOSTWORD ? N_HOSTWORDS : 1);
		     hw++) {
			size_t m = 0;
			struct allow *a;
			int bad, named = 0;
			const struct smtpreply_diagnosis *ref = &d0;
			switch (k) {
			case K_UPPER: m = k_case(raw, n, out, 1); break;
			case K_LOWER: m = k_case(raw, n, out, 0); break;
			case K_SPACES: m = shaped ? k_spaces(&L, out) : 0; break;
			case K_PUNCT: m = shaped ? k_punct(&L, out) : 0; break;
			case K_RCPT:
				m = shaped && cmd == SMTPREPLY_CMD_RCPT
				        ? k_rcpt(&L, " (in reply to RCPT TO command)", out)
				        : 0;
				break;
			case K_TAIL:
				m = shaped && tail_of(cmd) ? k_rcpt(&L, tail_of(cmd), out)
				                           : 0;
				break;
			case K_ENH00: m = shaped ? k_enh00(&L, out) : 0; break;
			case K_ENHDUP: m = shaped ? k_enhdup(&L, out) : 0; break;
			case K_FOLD: m = shaped ? k_fold(&L, out) : 0; break;
			case K_UNFOLD: m = shaped ? k_unfold(&L, out) : 0; break;
			case K_PREFIX: m = shaped ? k_prefix(&L, out) : 0; break;
			case K_TRAIL: m = shaped ? k_trail(&L, out) : 0; break;
			case K_LF: m = k_lf(raw, n, out); break;
			case K_ANGLE: m = k_angle(raw, n, out); break;
			case K_SAID: m = shaped ? k_said(&L, out) : 0; break;
			case K_JOINED: m = shaped ? k_joined(&L, out) : 0; break;
			case K_EXIM: m = shaped ? k_exim(&L, cmd, out) : 0; break;
			case K_DOMAIN:
			case K_HOST:
			case K_HOSTWORD:
				m = has_provider ? 0
				                 : k_subst(raw, n, out, (enum kind)k,
				                           HOSTWORDS[hw]);
				break;
			case K_LOCAL:
			case K_IP:
			case K_ID: m = k_subst(raw, n, out, (enum kind)k, NULL); break;
			default:
				m = shaped ? k_found(k, &L, cmd, out, &named) : 0;
				m = as_recipient(out, m);
				break;
			}
			if (m == 0 || (m == n && memcmp(out, raw, n) == 0))
				continue;
			tally[k].made++;
			memset(&v, 0, sizeof v);
			if (k >= K_FIRST_FOUND) {
				/* read back from a log or a bounce */
				if (!named)
					ref = &d0u;
				if (!found_again(out, m, &d1)) {
					d1.reason = SMTPREPLY_REASON_COUNT;
					d1.verdict = ref->verdict;
					tally[k].lost++;
				}
			} else if (smtpreply_parse(out, m, NULL, &v) <= 0) {
				fprintf(stderr, "%s:%d %s: the rewrite does not parse: ", file,
				        line, KINDS[k]);
				print_escaped(out, m);
				fputc('\n', stderr);
				CHECK(0);
				continue;
			} else {
				smtpreply_diagnose(&v, cmd, &d1);
			}
			bad = d1.reason != ref->reason || d1.verdict != ref->verdict;
			tally[k].reason += d1.reason != ref->reason;
			tally[k].verdict += d1.verdict != ref->verdict;
			a = bad ? allowed(file, KINDS[k], col) : NULL;
			if (a) {
				a->used++;
				tally[k].allowed++;
			}
			if (bad && (!a || verbose)) {
				fprintf(stderr, "%s:%d %s%s: %s/%s -> %s/%s: ", file, line,
				        KINDS[k], a ? " (allowed)" : "",
				        smtpreply_reason_name(ref->reason),
				        smtpreply_verdict_name(ref->verdict),
				        d1.reason == SMTPREPLY_REASON_COUNT
				            ? "(lost)"
				            : smtpreply_reason_name(d1.reason),
				        smtpreply_verdict_name(d1.verdict));
				print_escaped(out, m);
				fputc('\n', stderr);
			}
			if (a)
				check_passed_++;
			else
				CHECK(!bad);
		}
	}
}

static void read_file(const char *path, const char *base)
{
	static char row[MAXB], raw[MAXB];
	FILE *f = fopen(path, "r");
	int no = 0;
	CHECK(f != NULL);
	if (f == NULL)
		return;
	while (fgets(row, sizeof row, f)) {
		char *tab, *end;
		size_t n;
		no++;
		row[strcspn(row, "\r\n")] = '\0';
		if (row[0] == '\0' || row[0] == '#' ||
		    strncmp(row, "command\t", 8) == 0 ||
		    (tab = strchr(row, '\t')) == NULL)
			continue;
		*tab++ = '\0';
		end = strchr(tab, '\t');
		if (end)
			*end = '\0';
		n = unescape_row(tab, strlen(tab), raw);
		one_row(base, no, row, tab, raw, n);
	}
	fclose(f);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	const char *allow = getenv("SMTPREPLY_PERTURB_ALLOW");
	const char *dir = "tests/classify/world";
	char *names[1024];
	int nn = 0, made = 0, bad = 0;
	DIR *d;
	struct dirent *de;

	verbose = getenv("SMTPREPLY_PERTURB_VERBOSE") != NULL;
	read_allows(allow ? allow : "tests/classify/perturb-allow.tsv");
	read_file("tests/classify/corpus.tsv", "corpus.tsv");
	d = opendir(dir);
	CHECK(d != NULL);
	while (d && (de = readdir(d)) != NULL && nn < 1024) {
		size_t n = strlen(de->d_name);
		if (n > 4 && strcmp(de->d_name + n - 4, ".tsv") == 0)
			names[nn++] = strdup(de->d_name);
	}
	if (d)
		closedir(d);
	qsort(names, (size_t)nn, sizeof names[0], by_name);
	for (int i = 0; i < nn; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		read_file(path, names[i]);
		free(names[i]);
	}
	/* Each allowance is still needed: one no rewrite matched is stale. */
	for (int i = 0; i < n_allows; i++) {
		if (!allows[i].used)
			fprintf(stderr, "perturb-allow.tsv: %s %s matches no changed "
			        "rewrite: %s\n", allows[i].file, allows[i].kind,
			        allows[i].reply);
		CHECK(allows[i].used > 0);
	}
	fprintf(stderr, "perturb: %-12s %7s %7s %7s %7s %7s\n", "kind", "made",
	        "reason", "verdict", "allowed", "lost");
	for (int k = 0; k < K_COUNT; k++) {
		fprintf(stderr, "perturb: %-12s %7d %7d %7d %7d %7d\n", KINDS[k],
		        tally[k].made, tally[k].reason, tally[k].verdict,
		        tally[k].allowed, tally[k].lost);
		made += tally[k].made;
		bad += tally[k].reason + tally[k].verdict;
	}
	fprintf(stderr, "perturb: %d rewrites, %d changes of reason or verdict\n",
	        made, bad);
	/* The corpora were read: a test that saw nothing proves nothing;
	 * nor does a kind that rewrote no row. */
	CHECK(made > 1000);
	for (int k = 0; k < K_COUNT; k++)
		CHECK(tally[k].made > 0);
	return check_report();
}
