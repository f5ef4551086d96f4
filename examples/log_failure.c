/*
 * log_failure.c - how an MTA logs a delivery attempt that did not succeed.
 *
 *   log_failure [-c COMMAND] [-h HOST] [-r RECIPIENT] [-l LANG] < replies
 *
 * Reads the server's replies (raw SMTP bytes, as received) from standard
 * input and writes, for each, the log line a delivery agent would write,
 * in Postfix's style:
 *
 *   to=<bob@example.net>, relay=mx.example.net, dsn=5.1.1, status=bounced
 *   (host mx.example.net said: 550 5.1.1 ... (in reply to RCPT TO command))
 *
 * followed by what the library concludes: the action (sent, deferred,
 * bounced), the reason and who must act, and the fix from the explanation
 * table, in LANG if a translation exists. The reply text is escaped by
 * smtpreply_format(), so a hostile server cannot forge log lines or put
 * terminal escapes in them.
 *
 * Build: cc -o log_failure log_failure.c $(pkg-config --cflags --libs libsmtpreply)
 */
#include <smtpreply.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *status_of(enum smtpreply_action a)
{
	switch (a) {
	case SMTPREPLY_ACTION_SUCCESS: return "sent";
	case SMTPREPLY_ACTION_RETRY: return "deferred";
	case SMTPREPLY_ACTION_FAIL: return "bounced";
	case SMTPREPLY_ACTION_CONTINUE: return "unexpected";
	default: return "unknown"; /* a newer library's new action */
	}
}

/* The DSN status (RFC 3464): the enhanced code, or the class's X.0.0. */
static void dsn_of(const struct smtpreply *r, char *out, size_t size)
{
	if (r->enhanced.klass != 0)
		snprintf(out, size, "%d.%d.%d", r->enhanced.klass,
		         r->enhanced.subject, r->enhanced.detail);
	else
		snprintf(out, size, "%d.0.0", r->klass == 5 ? 5 : r->klass == 2 ? 2 : 4);
}

static void log_reply(const struct smtpreply *r, enum smtpreply_command cmd,
                      const char *host, const char *rcpt, const char *lang)
{
	char small[256], dsn[24];
	char *text = small;
	enum smtpreply_action act = smtpreply_action(r, cmd);
	enum smtpreply_reason why = smtpreply_reason(r, cmd);
	const smtpreply_expl *e;

	/* snprintf-style: ask for the length, allocate only when needed. */
	size_t need = smtpreply_format(small, sizeof small, r, host, cmd, 0);
	if (need >= sizeof small) {
		text = malloc(need + 1);
		if (text == NULL)
			text = small; /* keep the cut line */
		else
			smtpreply_format(text, need + 1, r, host, cmd, 0);
	}
	dsn_of(r, dsn, sizeof dsn);
	printf("to=<%s>, relay=%s, dsn=%s, status=%s (%s)\n", rcpt, host, dsn,
	       status_of(act), text);
	if (text != small)
		free(text);

	printf("  action=%s reason=%s party=%s", smtpreply_action_name(act),
	       smtpreply_reason_name(why),
	       smtpreply_party_name(smtpreply_reason_party(why)));
	if (smtpreply_provider(r) != NULL)
		printf(" provider=%s", smtpreply_provider(r));
	printf("\n");
	if (act == SMTPREPLY_ACTION_FAIL || act == SMTPREPLY_ACTION_RETRY) {
		/* A provider's own entry says most, then the enhanced code's, then
		 * the reply code's. */
		e = smtpreply_explain_provider(r);
		if (e == NULL && r->enhanced.klass != 0)
			e = smtpreply_explain_reply_enhanced(r);
		if (e == NULL)
			e = smtpreply_explain_reply(r, cmd);
		/* The reason is the library's conclusion (reason= above, in
		 * words); the entry's name, what the code itself means, in
		 * brackets: "Recipient unknown (Bad destination mailbox
		 * address)". */
		printf("  %s: %s (%s)\n", smtpreply_heading_text(SMTPREPLY_HEADING_REASON, lang),
		       smtpreply_reason_text(why, lang),
		       smtpreply_expl_text_lang(e, SMTPREPLY_FIELD_NAME, lang));
		printf("  %s: %s\n", smtpreply_heading_text(SMTPREPLY_HEADING_FIX, lang),
		       smtpreply_expl_text_lang(e, SMTPREPLY_FIELD_FIX, lang));
	}
}

int main(int argc, char **argv)
{
	const char *host = "mx.example.net", *rcpt = "bob@example.net";
	const char *lang = getenv("LANG");
	enum smtpreply_command cmd = SMTPREPLY_CMD_RCPT;
	static char buf[1 << 20];
	size_t len = 0, off = 0;
	size_t got;
	int opt, n, logged = 0;

	while ((opt = getopt(argc, argv, "c:h:r:l:")) != -1) {
		switch (opt) {
		case 'c': cmd = smtpreply_command_parse(optarg); break;
		case 'h': host = optarg; break;
		case 'r': rcpt = optarg; break;
		case 'l': lang = optarg; break;
		default:
			fprintf(stderr, "usage: log_failure [-c COMMAND] [-h HOST] "
			                "[-r RECIPIENT] [-l LANG] < replies\n");
			return 2;
		}
	}
	while (len < sizeof buf && (got = fread(buf + len, 1, sizeof buf - len, stdin)) > 0)
		len += got;

	while (off < len) {
		struct smtpreply r;
		n = smtpreply_parse(buf + off, len - off, NULL, &r);
		if (n > 0) {
			log_reply(&r, cmd, host, rcpt, lang);
			logged++;
			off += (size_t)n;
		} else if (n == SMTPREPLY_INCOMPLETE) {
			fprintf(stderr, "log_failure: the input ends inside a reply\n");
			break;
		} else {
			fprintf(stderr, "log_failure: byte %zu: %s; line skipped\n",
			        off + r.error_offset, smtpreply_result_message(n));
			off += r.skip;
		}
	}
	return logged > 0 ? 0 : 1;
}
