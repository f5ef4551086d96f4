/* escape.h - the byte escapes of the test data files (\r \n \t \0 \s
 * \\ \xHH), shared by the programs that read them: the case and stream
 * replays (through case_text.h) and the interop client's session scripts.
 * A malformed escape is a broken data file: die() names file and line. */
#ifndef SMTPREPLY_TEST_ESCAPE_H
#define SMTPREPLY_TEST_ESCAPE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die(const char *file, int line, const char *msg)
{
	fprintf(stderr, "%s:%d: %s\n", file, line, msg);
	exit(2);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Unescapes s into a new buffer; returns its length. */
static size_t unescape(const char *s, char **out, const char *file, int line)
{
	size_t n = strlen(s), k = 0;
	char *o = malloc(n + 1);
	if (!o)
		die(file, line, "out of memory");
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\') {
			o[k++] = s[i];
			continue;
		}
		if (++i >= n)
			die(file, line, "dangling backslash");
		switch (s[i]) {
		case 'r': o[k++] = '\r'; break;
		case 'n': o[k++] = '\n'; break;
		case 't': o[k++] = '\t'; break;
		case '0': o[k++] = '\0'; break;
		case 's': o[k++] = ' '; break;
		case '\\': o[k++] = '\\'; break;
		case 'x': {
			int h = i + 2 < n ? hexval(s[i + 1]) : -1;
			int l = h >= 0 ? hexval(s[i + 2]) : -1;
			if (h < 0 || l < 0)
				die(file, line, "bad \\x escape");
			o[k++] = (char)(h * 16 + l);
			i += 2;
			break;
		}
		default:
			die(file, line, "unknown escape");
		}
	}
	o[k] = 0;
	*out = o;
	return k;
}

#endif
