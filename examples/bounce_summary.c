/*
 * bounce_summary.c - count the failures in a mail log, a transcript or a
 * bounce message.
 *
 *   bounce_summary < maillog
 *   bounce_summary < bounce.eml
 *
 * Reads standard input whole and lets the library find the replies in it:
 * a bounce message (it starts with a header field or an mbox "From "
 * line) through smtpreply_bounce_next, one record per failed recipient;
 * anything else (Postfix, Exim, Sendmail, OpenSMTPD log lines, swaks or
 * Sendmail transcripts, pasted replies) through smtpreply_find. Each
 * record comes with the command the reply answered, so the action and
 * reason are the contextual ones (smtpreply_found_diagnose, which also
 * reads the failures an MTA reports without a reply: a time-out, a domain
 * that does not exist). Prints how many failures there were by action and
 * by reason, most frequent first, and how many lines held no reply.
 *
 * Build: cc -o bounce_summary bounce_summary.c $(pkg-config --cflags --libs libsmtpreply)
 */
#include <smtpreply.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NACTION 4

static unsigned long by_action[NACTION];
static unsigned long by_reason[SMTPREPLY_REASON_COUNT];
static unsigned long other_reason; /* a reason newer than this header */
static unsigned long replies, noreply, errors;

static void count(const struct smtpreply_found *f)
{
	struct smtpreply_diagnosis d;
	enum smtpreply_action a;
	enum smtpreply_reason why;

	if (smtpreply_found_diagnose(f, &d) != 0)
		return;
	a = d.action;
	why = d.reason;
	if (f->has_reply)
		replies++;
	else
		noreply++;
	if ((unsigned)a < NACTION)
		by_action[a]++;
	if ((unsigned)why < SMTPREPLY_REASON_COUNT)
		by_reason[why]++;
	else
		other_reason++;
}

/* The non-empty lines of text[from, to). */
static unsigned long lines_in(const char *text, size_t from, size_t to)
{
	unsigned long n = 0;
	int blank = 1;
	for (size_t i = from; i < to; i++) {
		if (text[i] == '\n') {
			n += !blank;
			blank = 1;
		} else if (text[i] != '\r') {
			blank = 0;
		}
	}
	return n + !blank;
}

/* A message starts with "From " (mbox) or a header field ("Name: "). */
static int is_message(const char *t, size_t n)
{
	size_t i = 0;
	if (n >= 5 && memcmp(t, "From ", 5) == 0)
		return 1;
	while (i < n && t[i] > ' ' && t[i] != ':' && t[i] < 127)
		i++;
	return i > 0 && i + 1 < n && t[i] == ':' && t[i + 1] == ' ';
}

int main(void)
{
	static char buf[1 << 16]; /* the reply of the record at hand */
	struct smtpreply_found f;
	size_t len = 0, cap = 1 << 16, i, j, order[SMTPREPLY_REASON_COUNT];
	unsigned long without = 0;
	int message;
	char *text = malloc(cap);
	size_t got;
	int rc;

	while (text != NULL && (got = fread(text + len, 1, cap - len, stdin)) > 0) {
		char *more;
		if ((len += got) < cap)
			continue;
		more = realloc(text, cap *= 2);
		if (more == NULL)
			free(text);
		text = more;
	}
	if (text == NULL)
		return 2;

	message = is_message(text, len);
	if (message) {
		struct smtpreply_bounce_iter it = {0};
		while ((rc = smtpreply_bounce_next(text, len, &it, buf, sizeof buf, &f)) != 0)
			if (rc > 0)
				count(&f);
			else if (rc < 0)
				errors++;
	} else {
		size_t pos = 0, last = 0;
		while ((rc = smtpreply_find(text, len, &pos, 0, buf, sizeof buf, &f)) != 0) {
			if (rc > 0)
				count(&f);
			else if (rc < 0)
				errors++;
			without += lines_in(text, last, f.offset);
			last = f.offset + f.length;
		}
		without += lines_in(text, last, len);
	}
	free(text);

	/* English only: one reply, any other count (0 too) replies. */
	printf("%lu %s\n", replies, replies == 1 ? "reply" : "replies");
	if (noreply != 0)
		printf("failures without a reply: %lu\n", noreply);
	printf("by action:\n");
	for (i = 0; i < NACTION; i++)
		if (by_action[i] != 0)
			printf("  %-22s %6lu\n",
			       smtpreply_action_name((enum smtpreply_action)i), by_action[i]);
	printf("by reason:\n");
	for (i = 0; i < SMTPREPLY_REASON_COUNT; i++)
		order[i] = i;
	/* Most frequent first, then by value: a stable insertion sort. */
	for (i = 1; i < SMTPREPLY_REASON_COUNT; i++)
		for (j = i; j > 0 && by_reason[order[j]] > by_reason[order[j - 1]]; j--) {
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (i = 0; i < SMTPREPLY_REASON_COUNT; i++) {
		enum smtpreply_reason why = (enum smtpreply_reason)order[i];
		if (by_reason[why] == 0)
			continue;
		printf("  %-22s %6lu  %s (%s)\n", smtpreply_reason_name(why), by_reason[why],
		       smtpreply_reason_text(why, NULL),
		       smtpreply_party_name(smtpreply_reason_party(why)));
	}
	if (other_reason != 0)
		printf("  %-22s %6lu\n", "(newer reasons)", other_reason);
	if (errors != 0)
		printf("records whose reply did not parse: %lu\n", errors);
	if (!message)
		printf("lines without a reply: %lu\n", without);
	return replies + noreply == 0;
}
