/* json.c - a small JSON writer whose output is always valid UTF-8. */
#include "cli.h"

void json_str(FILE *f, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;

	if (s == NULL) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	while (i < n) {
		unsigned char c = p[i];
		unsigned cp;
		size_t k;

		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
			i++;
			continue;
		}
		if (c >= 0x80 && (k = cli_utf8_decode(p + i, n - i, &cp)) > 0) {
			i += k;
			continue;
		}
		fwrite(p + run, 1, i - run, f);
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
	fputc('"', f);
}

void json_cstr(FILE *f, const char *s)
{
	size_t n = 0;
	if (s)
		while (s[n])
			n++;
	json_str(f, s, n);
}

void json_key(FILE *f, int *first, const char *key)
{
	if (!*first)
		fputc(',', f);
	*first = 0;
	json_cstr(f, key);
	fputc(':', f);
}

void json_kv_str(FILE *f, int *first, const char *key, const char *s)
{
	json_key(f, first, key);
	json_cstr(f, s);
}

void json_kv_int(FILE *f, int *first, const char *key, long long v)
{
	json_key(f, first, key);
	fprintf(f, "%lld", v);
}

void json_kv_null(FILE *f, int *first, const char *key)
{
	json_key(f, first, key);
	fputs("null", f);
}

void json_kv_bool(FILE *f, int *first, const char *key, int v)
{
	json_key(f, first, key);
	fputs(v ? "true" : "false", f);
}

void json_kv_flags(FILE *f, int *first, const char *key, unsigned flags)
{
	int any = 0;

	json_key(f, first, key);
	fputc('[', f);
	for (unsigned bit = 1; bit; bit <<= 1) {
		const char *name;
		if (!(flags & bit) || *(name = smtpreply_flag_name(bit)) == '\0')
			continue;
		if (any)
			fputc(',', f);
		any = 1;
		json_cstr(f, name);
	}
	fputc(']', f);
}
