/* case_text.h - reading the test data files (the .case files of tests/cases,
 * the .txt streams of tests/readloop): escapes, flag names, "key=value"
 * words, options. Shared by the test programs that replay them. */
#ifndef SMTPREPLY_TEST_CASE_TEXT_H
#define SMTPREPLY_TEST_CASE_TEXT_H

#include "smtpreply.h"

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

static unsigned flag_by_name(const char *name, size_t n, const char *file, int line)
{
	for (unsigned bit = 1; bit; bit <<= 1) {
		const char *f = smtpreply_flag_name(bit);
		if (*f && strlen(f) == n && memcmp(f, name, n) == 0)
			return bit;
	}
	die(file, line, "unknown flag name");
	return 0;
}

static unsigned parse_flags(const char *s, const char *file, int line)
{
	unsigned flags = 0;
	while (*s) {
		size_t n = strcspn(s, ",");
		if (n)
			flags |= flag_by_name(s, n, file, line);
		s += n;
		if (*s == ',')
			s++;
	}
	return flags;
}

/* Finds "key=" among space-separated words; returns the value or NULL. */
static const char *word(const char *s, const char *key, char *buf, size_t size)
{
	size_t kl = strlen(key);
	while (*s) {
		while (*s == ' ')
			s++;
		size_t n = strcspn(s, " ");
		if (n > kl && memcmp(s, key, kl) == 0 && s[kl] == '=') {
			size_t vl = n - kl - 1;
			if (vl >= size)
				vl = size - 1;
			memcpy(buf, s + kl + 1, vl);
			buf[vl] = 0;
			return buf;
		}
		s += n;
	}
	return NULL;
}

/* An "opts:" line: strict, reject=flag,flag, max_line=N, max_lines=N,
 * max_reply=N. */
static void parse_opts(struct smtpreply_options *o, const char *s,
                       const char *file, int line)
{
	char v[256];
	const char *p = s;
	smtpreply_options_init(o);
	while (*p) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		if (n == 6 && memcmp(p, "strict", 6) == 0)
			o->reject |= SMTPREPLY_STRICT;
		p += n;
	}
	if (word(s, "reject", v, sizeof v))
		o->reject |= parse_flags(v, file, line);
	if (word(s, "max_line", v, sizeof v))
		o->max_line = (unsigned)strtoul(v, NULL, 10);
	if (word(s, "max_lines", v, sizeof v))
		o->max_lines = (unsigned)strtoul(v, NULL, 10);
	if (word(s, "max_reply", v, sizeof v))
		o->max_reply = (unsigned)strtoul(v, NULL, 10);
}

#endif
