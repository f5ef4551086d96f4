/* json.c - the JSON writer. */
#include "json.h"

#include "esc.h"

#include "smtpreply.h"

#include <string.h>

void json_str(FILE *f, const char *s, size_t n)
{
	if (s == NULL) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	esc_json(f, s, n);
	fputc('"', f);
}

void json_cstr(FILE *f, const char *s)
{
	json_str(f, s, s ? strlen(s) : 0);
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
