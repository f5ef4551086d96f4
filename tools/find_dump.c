/* find_dump.c - every record smtpreply_find (for each `what`) and
 * smtpreply_bounce_next give over a file, one line per record with every
 * field, so two builds of the library can be compared byte for byte
 * (tools/find_diff.sh). Only the public header.
 *
 *   find_dump FILE...          records of each file, all `what` values
 *   find_dump --bounce FILE... records of smtpreply_bounce_next */
#include "smtpreply.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void pstr(const char *name, struct smtpreply_str s, const char *text,
                 size_t len, const char *buf, size_t size)
{
	const char *where = "-";
	size_t off = 0;
	if (s.ptr == NULL) {
		printf(" %s=null", name);
		return;
	}
	if (s.ptr >= text && s.ptr <= text + len) {
		where = "t";
		off = (size_t)(s.ptr - text);
	} else if (s.ptr >= buf && s.ptr <= buf + size) {
		where = "b";
		off = (size_t)(s.ptr - buf);
	}
	printf(" %s=%s%zu:\"", name, where, off);
	for (size_t i = 0; i < s.len; i++) {
		unsigned char c = (unsigned char)s.ptr[i];
		if (c < 32 || c >= 127 || c == '"' || c == '\\')
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void record(int rc, size_t pos, const struct smtpreply_found *f,
                   const char *text, size_t len, const char *buf, size_t size)
{
	/* (a bounce's record in a decoded part has an offset that is not in
	 * the message: printed as "out", its value depends on addresses) */
	if (f->offset <= len)
		printf("rc=%d pos=%zu off=%zu", rc, pos, f->offset);
	else
		printf("rc=%d pos=%zu off=out", rc, pos);
	printf(" len=%zu has=%d cmd=%d src=%d", f->length, f->has_reply,
	       (int)f->command, (int)f->source);
	pstr("host", f->host, text, len, buf, size);
	pstr("rcpt", f->recipient, text, len, buf, size);
	pstr("status", f->status, text, len, buf, size);
	pstr("action", f->action, text, len, buf, size);
	pstr("date", f->date, text, len, buf, size);
	pstr("problem", f->problem, text, len, buf, size);
	if (f->has_reply) {
		const struct smtpreply *r = &f->reply;
		printf(" code=%d first=%d flags=%u nlines=%zu enh=%d.%d.%d", r->code,
		       r->first_code, r->flags, r->nlines, r->enhanced.klass,
		       r->enhanced.subject, r->enhanced.detail);
		pstr("raw", r->raw, text, len, buf, size);
	}
	putchar('\n');
}

static char *slurp(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return NULL;
	size_t cap = 1 << 16, k = 0;
	char *p = malloc(cap);
	size_t r;
	while (p && (r = fread(p + k, 1, cap - k, fp)) > 0) {
		k += r;
		if (k == cap) {
			char *q = realloc(p, cap *= 2);
			if (q == NULL) {
				free(p);
				p = NULL;
			}
			p = q;
		}
	}
	fclose(fp);
	*n = k;
	return p;
}

int main(int argc, char **argv)
{
	static char buf[1 << 16];
	int bounce = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--bounce") == 0) {
			bounce = 1;
			continue;
		}
		size_t len;
		char *text = slurp(argv[i], &len);
		if (text == NULL) {
			fprintf(stderr, "find_dump: cannot read %s\n", argv[i]);
			return 1;
		}
		/* the text exactly len bytes long, so ASan sees a read past it */
		char *t = malloc(len ? len : 1);
		memcpy(t, text, len);
		free(text);
		printf("== %s\n", argv[i]);
		if (bounce) {
			struct smtpreply_bounce_iter it;
			struct smtpreply_found f;
			int rc;
			memset(&it, 0, sizeof it);
			while ((rc = smtpreply_bounce_next(t, len, &it, buf, sizeof buf,
			                                   &f)) != 0) {
				record(rc, it.pos_, &f, t, len, buf, sizeof buf);
				if (rc < 0 && it.pos_ >= len)
					break;
			}
		} else {
			static const unsigned whats[] = {0, 1, 2, 4, 8, 3, 5, 12, 15};
			for (size_t w = 0; w < sizeof whats / sizeof whats[0]; w++) {
				struct smtpreply_found f;
				size_t pos = 0;
				int rc;
				printf("-- what=%u\n", whats[w]);
				while ((rc = smtpreply_find(t, len, &pos, whats[w], buf,
				                            sizeof buf, &f)) != 0)
					record(rc, pos, &f, t, len, buf, sizeof buf);
			}
		}
		free(t);
	}
	return 0;
}
