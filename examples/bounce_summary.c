/*
 * bounce_summary.c - count the failures in a bounce log or SMTP transcript.
 *
 *   bounce_summary < maillog
 *
 * Reads lines from standard input and finds the SMTP replies in them:
 *   - MTA log lines:  "... host mx.example.com[192.0.2.1] said: 550 5.1.1
 *     <bob@example.com>: User unknown (in reply to RCPT TO command)"
 *     (Postfix, and Exim's "SMTP error from remote mail server after RCPT
 *     TO:<...>: 550 ..."), where the command is taken from the line;
 *   - transcripts, as bounce messages quote them: lines that start with a
 *     reply code, possibly after "<<< " or "<- ", where a multiline reply
 *     ("550-...", "550 ...") spans several lines; the streaming parser
 *     joins them.
 * Then prints how many replies there were by action and by reason, most
 * frequent first, and the lines in which no reply was found.
 *
 * Build: cc -o bounce_summary bounce_summary.c $(pkg-config --cflags --libs libsmtpreply)
 */
#include <smtpreply.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NACTION 4

static unsigned long by_action[NACTION];
static unsigned long by_reason[SMTPREPLY_REASON_COUNT];
static unsigned long other_reason; /* a reason newer than this header */
static unsigned long replies, skipped_lines;

static void count(const struct smtpreply *r, enum smtpreply_command cmd)
{
	enum smtpreply_action a = smtpreply_action(r, cmd);
	enum smtpreply_reason why = smtpreply_reason(r, cmd);

	replies++;
	if ((unsigned)a < NACTION)
		by_action[a]++;
	if ((unsigned)why < SMTPREPLY_REASON_COUNT)
		by_reason[why]++;
	else
		other_reason++;
}

/* The command named by "(in reply to RCPT TO command)" or "after RCPT
 * TO:<...>:" in a log line. */
static enum smtpreply_command command_in(const char *line)
{
	const char *p = strstr(line, "(in reply to ");
	char word[32];
	size_t n = 0;

	if (p != NULL) {
		p += strlen("(in reply to ");
		if (strncmp(p, "initial greeting", 16) == 0)
			return SMTPREPLY_CMD_GREETING;
	} else if ((p = strstr(line, " after ")) != NULL) {
		p += strlen(" after ");
	} else {
		return SMTPREPLY_CMD_UNKNOWN;
	}
	while (p[n] != '\0' && p[n] != ':' && p[n] != ')' && n + 1 < sizeof word) {
		word[n] = p[n];
		n++;
	}
	word[n] = '\0';
	/* "RCPT TO command" -> "RCPT TO"; "end of DATA command" stays whole. */
	if (n > 8 && strcmp(word + n - 8, " command") == 0)
		word[n - 8] = '\0';
	return smtpreply_command_parse(word);
}

/* Where the reply starts in a log line: after Postfix's "said: " or after
 * Exim's "after COMMAND: ". */
static const char *reply_in_log(const char *line)
{
	const char *p = strstr(line, " said: ");
	if (p != NULL)
		return p + strlen(" said: ");
	p = strstr(line, "SMTP error from remote mail server after ");
	if (p != NULL) {
		/* "after RCPT TO:<bob@example.com>: 550 ...", "after end of
		 * data: 550 ...": the reply follows the first ": ". */
		p = strstr(p, ": ");
		if (p != NULL)
			return p + 2;
	}
	return NULL;
}

/* A transcript line: a reply line, after an optional "<<< " or "<- ". */
static const char *reply_in_transcript(const char *line)
{
	while (*line == ' ' || *line == '\t')
		line++;
	if (strncmp(line, "<<< ", 4) == 0)
		line += 4;
	else if (strncmp(line, "<- ", 3) == 0)
		line += 3;
	if (isdigit((unsigned char)line[0]) && isdigit((unsigned char)line[1]) &&
	    isdigit((unsigned char)line[2]) &&
	    (line[3] == ' ' || line[3] == '-' || line[3] == '\0'))
		return line;
	return NULL;
}

int main(void)
{
	static char line[8192], pending[65536];
	struct smtpreply_parser parser;
	struct smtpreply r;
	size_t have = 0;
	size_t order[SMTPREPLY_REASON_COUNT];
	size_t i, j;

	smtpreply_parser_init(&parser, NULL);
	while (fgets(line, sizeof line, stdin) != NULL) {
		size_t len = strcspn(line, "\r\n");
		const char *reply;
		line[len] = '\0';

		reply = reply_in_log(line);
		if (reply != NULL) {
			/* One whole reply on one line: the one-shot parser. */
			char one[sizeof line + 2];
			int n;
			len = (size_t)snprintf(one, sizeof one, "%s\r\n", reply);
			n = smtpreply_parse(one, len, NULL, &r);
			if (n > 0)
				count(&r, command_in(line));
			else
				skipped_lines++;
			continue;
		}
		reply = reply_in_transcript(line);
		if (reply == NULL) {
			if (len > 0)
				skipped_lines++;
			continue;
		}
		/* Transcript lines: the streaming parser joins multiline replies. */
		len = strlen(reply);
		if (have + len + 2 > sizeof pending) {
			smtpreply_parser_reset(&parser);
			have = 0;
		}
		memcpy(pending + have, reply, len);
		memcpy(pending + have + len, "\r\n", 2);
		have += len + 2;
		for (;;) {
			int n = smtpreply_parser_parse(&parser, pending, have, &r);
			size_t drop = n > 0 ? (size_t)n : r.skip;
			if (n > 0)
				count(&r, SMTPREPLY_CMD_UNKNOWN);
			else if (n != SMTPREPLY_INCOMPLETE)
				skipped_lines++;
			memmove(pending, pending + drop, have - drop);
			have -= drop;
			if (n == SMTPREPLY_INCOMPLETE)
				break;
		}
	}

	printf("%lu replies\n", replies);
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
	printf("lines without a reply: %lu\n", skipped_lines);
	return replies == 0;
}
