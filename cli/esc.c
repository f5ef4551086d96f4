/* esc.c - escapers for untrusted text: terminal, JSON and HTML. */
#include "esc.h"

#include "text.h"

#include <string.h>

int esc_hostile(unsigned cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
	       cp == 0x61C || cp == 0x200E || cp == 0x200F || cp == 0x2028 ||
	       cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

void esc_term(FILE *f, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;

	while (i < n) {
		unsigned cp;
		size_t k;

		if (p[i] >= 0x20 && p[i] < 0x7F && p[i] != '\\') {
			i++;
			continue;
		}
		k = p[i] < 0x80 ? 1 : text_utf8(p + i, n - i, &cp);
		if (k > 1 && !esc_hostile(cp)) {
			i += k;
			continue;
		}
		fwrite(p + run, 1, i - run, f);
		if (k < 1)
			k = 1; /* invalid UTF-8: one byte at a time */
		for (size_t j = 0; j < k; j++, i++) {
			switch (p[i]) {
			case '\t': fputs("\\t", f); break;
			case '\r': fputs("\\r", f); break;
			case '\n': fputs("\\n", f); break;
			case '\\': fputs("\\\\", f); break;
			default: fprintf(f, "\\x%02X", p[i]); break;
			}
		}
		run = i;
	}
	fwrite(p + run, 1, n - run, f);
}

void esc_term_str(FILE *f, const char *s)
{
	esc_term(f, s, strlen(s));
}

void esc_json(FILE *f, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;

	while (i < n) {
		unsigned char c = p[i];
		unsigned cp;
		size_t k = 1;

		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
			i++;
			continue;
		}
		if (c >= 0x80 && (k = text_utf8(p + i, n - i, &cp)) > 0 &&
		    !esc_hostile(cp)) {
			i += k;
			continue;
		}
		fwrite(p + run, 1, i - run, f);
		if (c >= 0x80 && k > 0) {
			fprintf(f, "\\u%04x", cp); /* C1, bidi: exact, visible */
			i += k;
			run = i;
			continue;
		}
		switch (c) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		case '\b': fputs("\\b", f); break;
		case '\f': fputs("\\f", f); break;
		default:
			if (c < 0x80)
				fprintf(f, "\\u%04x", c); /* control, DEL */
			else
				fputs("\xEF\xBF\xBD", f); /* U+FFFD */
			break;
		}
		i++;
		run = i;
	}
	fwrite(p + run, 1, n - run, f);
}

void esc_html(FILE *f, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;

	while (i < n) {
		unsigned char c = p[i];
		const char *ref = c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;"
		                : c == '"' ? "&quot;" : c == '\'' ? "&#39;" : NULL;
		if (ref) {
			fwrite(p + run, 1, i - run, f);
			fputs(ref, f);
			run = ++i;
			continue;
		}
		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		unsigned cp;
		size_t k = c < 0x80 ? 1 : text_utf8(p + i, n - i, &cp);
		if (k > 1 && !esc_hostile(cp)) {
			i += k;
			continue;
		}
		/* The terminal's notation for the rest: one rule, one look. */
		fwrite(p + run, 1, i - run, f);
		if (k < 1)
			k = 1;
		esc_term(f, s + i, k);
		i += k;
		run = i;
	}
	fwrite(p + run, 1, n - run, f);
}

void esc_html_str(FILE *f, const char *s)
{
	esc_html(f, s, strlen(s));
}
