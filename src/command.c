/* command.c - command names: which command a reply answers. */
#include "table.h"

#include <string.h>

/* Words a caller may pass, lowercase, for each command. The first word of
 * the text is matched ("RCPT TO:<a@b>" -> "rcpt"); "end of data" is the
 * one name of several words. */
static const struct {
	char word[12];
	unsigned char cmd;
} words[] = {
	{"greeting", SMTPREPLY_CMD_GREETING},
	{"connect", SMTPREPLY_CMD_GREETING},
	{"connection", SMTPREPLY_CMD_GREETING},
	{"banner", SMTPREPLY_CMD_GREETING},
	{"ehlo", SMTPREPLY_CMD_EHLO},
	{"lhlo", SMTPREPLY_CMD_EHLO},
	{"helo", SMTPREPLY_CMD_HELO},
	{"mail", SMTPREPLY_CMD_MAIL},
	{"rcpt", SMTPREPLY_CMD_RCPT},
	{"data", SMTPREPLY_CMD_DATA},
	{".", SMTPREPLY_CMD_DOT},
	{"dot", SMTPREPLY_CMD_DOT},
	{"end-of-data", SMTPREPLY_CMD_DOT},
	{"data-end", SMTPREPLY_CMD_DOT},
	{"eod", SMTPREPLY_CMD_DOT},
	{"eom", SMTPREPLY_CMD_DOT},
	{"bdat", SMTPREPLY_CMD_BDAT},
	{"rset", SMTPREPLY_CMD_RSET},
	{"vrfy", SMTPREPLY_CMD_VRFY},
	{"expn", SMTPREPLY_CMD_EXPN},
	{"help", SMTPREPLY_CMD_HELP},
	{"noop", SMTPREPLY_CMD_NOOP},
	{"quit", SMTPREPLY_CMD_QUIT},
	{"auth", SMTPREPLY_CMD_AUTH},
	{"starttls", SMTPREPLY_CMD_STARTTLS},
	{"etrn", SMTPREPLY_CMD_ETRN},
	{"atrn", SMTPREPLY_CMD_ATRN},
	{"unknown", SMTPREPLY_CMD_UNKNOWN},
};

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Copies the word at s (lowercase, '_' as '-') into w; returns its length
 * in s, or 0 when it is empty or too long to be a command name. */
static size_t take_word(const char *s, char *w, size_t size)
{
	size_t n = 0;
	while (s[n] != '\0' && !is_space((unsigned char)s[n]) && s[n] != ':' &&
	       s[n] != '<') {
		if (n + 1 >= size)
			return 0;
		w[n] = s[n] == '_' ? '-' : (char)sr_lower((unsigned char)s[n]);
		n++;
	}
	w[n] = '\0';
	return n;
}

enum smtpreply_command smtpreply_command_parse(const char *name)
{
	char w[16];
	size_t n, i;

	if (name == NULL)
		return SMTPREPLY_CMD_UNKNOWN;
	while (is_space((unsigned char)*name))
		name++;
	n = take_word(name, w, sizeof w);
	if (n == 0)
		return SMTPREPLY_CMD_UNKNOWN;
	if (strcmp(w, "end") == 0) {
		/* "end of data", "END OF DATA" */
		char w2[8], w3[8];
		const char *p = name + n;
		size_t n2, n3;
		while (is_space((unsigned char)*p))
			p++;
		n2 = take_word(p, w2, sizeof w2);
		p += n2;
		while (is_space((unsigned char)*p))
			p++;
		n3 = take_word(p, w3, sizeof w3);
		if (n2 && n3 && strcmp(w2, "of") == 0 &&
		    (strcmp(w3, "data") == 0 || strcmp(w3, "message") == 0))
			return SMTPREPLY_CMD_DOT;
		return SMTPREPLY_CMD_UNKNOWN;
	}
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(w, words[i].word) == 0)
			return (enum smtpreply_command)words[i].cmd;
	return SMTPREPLY_CMD_UNKNOWN;
}

const char *smtpreply_command_name(enum smtpreply_command cmd)
{
	unsigned i = (unsigned)cmd;
	if (i >= sr_ncmd)
		i = SMTPREPLY_CMD_UNKNOWN;
	return sr_pool + sr_cmd_names[i];
}

/* For the library's other files: no call through the PLT. */
enum smtpreply_command sr_command_parse(const char *name)
{
	return smtpreply_command_parse(name);
}
