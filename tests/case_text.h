/* case_text.h - reading the test data files (the .case files of tests/cases,
 * the .txt streams of tests/readloop): escapes, flag names, "key=value"
 * words, options. Shared by the test programs that replay them. */
#ifndef SMTPREPLY_TEST_CASE_TEXT_H
#define SMTPREPLY_TEST_CASE_TEXT_H

#include "smtpreply.h"
#include "escape.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

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

/* The record files: "=== NAME" starts a record, "key: value" lines fill
 * it, '#' lines and blank lines are skipped. read_records() calls begin()
 * at each "===", field() for each key line (both strings NUL-terminated,
 * the value writable) and finish() after each record. */
struct record_calls {
	void (*begin)(void *ctx, const char *file, int lineno, const char *name);
	void (*field)(void *ctx, const char *file, int lineno, const char *key,
	              char *val);
	void (*finish)(void *ctx);
};

static void read_records(const char *path, const struct record_calls *calls,
                         void *ctx)
{
	FILE *f = fopen(path, "rb");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int lineno = 0, open = 0;

	if (f == NULL)
		die(path, 0, strerror(errno));
	while ((n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = 0;
		if (n == 0 || line[0] == '#')
			continue;
		if (strncmp(line, "===", 3) == 0) {
			if (open)
				calls->finish(ctx);
			open = 1;
			calls->begin(ctx, path, lineno,
			             line[3] == ' ' ? line + 4 : line + 3);
			continue;
		}
		if (!open)
			die(path, lineno, "text before the first === record");
		char *colon = strchr(line, ':');
		if (colon == NULL)
			die(path, lineno, "expected 'key: value'");
		*colon = 0;
		char *val = colon + 1;
		if (*val == ' ')
			val++;
		calls->field(ctx, path, lineno, line, val);
	}
	if (open)
		calls->finish(ctx);
	free(line);
	fclose(f);
}

#endif
