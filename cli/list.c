/* list.c - `smtpreply list`: the whole explanation table. */
#include "cli.h"

#include <string.h>

enum { OPT_CODES = 1, OPT_ENHANCED, OPT_CLASSES, OPT_PROVIDERS, OPT_VERBOSE };

static const struct opt list_opts[] = {
	{"codes", 'c', 0, OPT_CODES},
	{"enhanced", 'e', 0, OPT_ENHANCED},
	{"classes", 0, 0, OPT_CLASSES},
	{"providers", 'p', 0, OPT_PROVIDERS},
	{"verbose", 'v', 0, OPT_VERBOSE},
	COMMON_OPTS,
	{NULL, 0, 0, 0},
};

static const char list_help[] =
	"Usage: smtpreply list [OPTION...]\n"
	"\n"
	"The whole explanation table: reply codes (also their meanings after a\n"
	"given command), classes and categories, enhanced status codes, and\n"
	"providers' own meanings. One entry per line: its key and its name.\n"
	"\n"
	"Options:\n"
	"  -c, --codes          reply codes only\n"
	"  -e, --enhanced       enhanced status codes only (registry entries)\n"
	"      --classes        classes, categories and enhanced subjects only\n"
	"  -p, --providers      providers' own codes only\n"
	"  -v, --verbose        with the description, when and fix of each\n"
	"  -j, --json           one JSON object per entry: key, kind, code,\n"
	"                       enhanced, command, name, description, when, fix,\n"
	"                       source, flags\n"
	"  -L, --lang LANG      language of the names\n"
	"      --color[=WHEN]   auto, always or never\n"
	"  -h, --help           this text\n";

static const char *kind_of(unsigned f)
{
	if (f & SMTPREPLY_X_PROVIDER)
		return "provider";
	if ((f & SMTPREPLY_X_ENHANCED) && (f & SMTPREPLY_X_CLASS))
		return "enhanced_class";
	if (f & SMTPREPLY_X_SUBJECT)
		return "enhanced_subject";
	if (f & SMTPREPLY_X_ENHANCED)
		return "enhanced";
	if (f & SMTPREPLY_X_CLASS)
		return "class";
	if (f & SMTPREPLY_X_CATEGORY)
		return "category";
	if (f & SMTPREPLY_X_REPLY)
		return "reply";
	return "other";
}

static int wanted(unsigned f, unsigned filter)
{
	if (filter == 0)
		return 1;
	if ((filter & (1u << OPT_PROVIDERS)) && (f & SMTPREPLY_X_PROVIDER))
		return 1;
	if (f & SMTPREPLY_X_PROVIDER)
		return 0;
	if ((filter & (1u << OPT_CLASSES)) &&
	    (f & (SMTPREPLY_X_CLASS | SMTPREPLY_X_CATEGORY | SMTPREPLY_X_SUBJECT)))
		return 1;
	if (f & (SMTPREPLY_X_CLASS | SMTPREPLY_X_CATEGORY | SMTPREPLY_X_SUBJECT))
		return 0;
	if ((filter & (1u << OPT_CODES)) && (f & SMTPREPLY_X_REPLY))
		return 1;
	if ((filter & (1u << OPT_ENHANCED)) && (f & SMTPREPLY_X_ENHANCED))
		return 1;
	return 0;
}

/* "X.7.26", "X.7", "5" */
static const char *enh_text(const smtpreply_expl *e, char *buf, size_t size)
{
	int k, s, d;
	char kc[16];

	if (!smtpreply_expl_enhanced(e, &k, &s, &d))
		return NULL;
	if (k < 0)
		snprintf(kc, sizeof kc, "X");
	else
		snprintf(kc, sizeof kc, "%d", k);
	if (s < 0)
		snprintf(buf, size, "%s", kc);
	else if (d < 0)
		snprintf(buf, size, "%s.%d", kc, s);
	else
		snprintf(buf, size, "%s.%d.%d", kc, s, d);
	return buf;
}

static void json_entry(const smtpreply_expl *e, const char *lang)
{
	static const struct {
		const char *key;
		enum smtpreply_field field;
	} part[] = {
		{"name", SMTPREPLY_FIELD_NAME},
		{"description", SMTPREPLY_FIELD_DESCRIPTION},
		{"when", SMTPREPLY_FIELD_WHEN},
		{"fix", SMTPREPLY_FIELD_FIX},
	};
	static const struct {
		unsigned bit;
		const char *name;
	} flag[] = {
		{SMTPREPLY_X_CONTEXTUAL, "contextual"},
		{SMTPREPLY_X_NONSTANDARD, "nonstandard"},
		{SMTPREPLY_X_FALLBACK, "fallback"},
		{SMTPREPLY_X_PROVIDER, "provider"},
	};
	unsigned f = smtpreply_expl_flags(e);
	const char *key = smtpreply_expl_text(e, SMTPREPLY_FIELD_KEY);
	const char *after = strstr(key, " after ");
	char buf[64];
	int first = 1, n = 0;

	fputc('{', out);
	json_kv_str(out, &first, "key", key);
	json_kv_str(out, &first, "kind", kind_of(f));
	if (smtpreply_expl_code(e))
		json_kv_int(out, &first, "code", smtpreply_expl_code(e));
	else
		json_kv_null(out, &first, "code");
	json_kv_str(out, &first, "enhanced", enh_text(e, buf, sizeof buf));
	json_kv_str(out, &first, "command", after ? after + 7 : NULL);
	for (size_t i = 0; i < sizeof part / sizeof part[0]; i++)
		json_kv_str(out, &first, part[i].key,
		            smtpreply_expl_text_lang(e, part[i].field, lang));
	json_kv_str(out, &first, "source", smtpreply_expl_text(e, SMTPREPLY_FIELD_SOURCE));
	json_key(out, &first, "flags");
	fputc('[', out);
	for (size_t i = 0; i < sizeof flag / sizeof flag[0]; i++)
		if (f & flag[i].bit) {
			if (n++)
				fputc(',', out);
			json_cstr(out, flag[i].name);
		}
	fputs("]}\n", out);
}

int cmd_list(int argc, char **argv)
{
	struct common co;
	struct args a;
	const char *v;
	unsigned filter = 0;
	int id, verbose = 0;

	common_init(&co);
	args_init(&a, argc, argv, "list");
	while ((id = args_next(&a, list_opts, &v)) != ARGS_END) {
		switch (id) {
		case ARGS_ERROR:
			return RC_USAGE;
		case ARGS_OPERAND:
			return usage_error("list", "unexpected operand '%s'", v);
		case OPT_HELP:
			fputs(list_help, out);
			return RC_OK;
		case OPT_CODES:
		case OPT_ENHANCED:
		case OPT_CLASSES:
		case OPT_PROVIDERS:
			filter |= 1u << id;
			break;
		case OPT_VERBOSE:
			verbose = 1;
			break;
		default:
			if (common_option(&co, id, v, "list"))
				return RC_USAGE;
		}
	}
	common_finish(&co);
	int width = out_is_tty() ? out_columns() : 0;

	for (size_t i = 0, n = smtpreply_expl_count(); i < n; i++) {
		const smtpreply_expl *e = smtpreply_expl_at(i);
		unsigned f = smtpreply_expl_flags(e);
		if (!wanted(f, filter))
			continue;
		if (co.json) {
			json_entry(e, co.lang);
			continue;
		}
		const char *key = smtpreply_expl_text(e, SMTPREPLY_FIELD_KEY);
		if (strncmp(key, "reply ", 6) == 0)
			key += 6;
		else if (strncmp(key, "enhanced ", 9) == 0)
			key += 9;
		int klass = key[0] >= '1' && key[0] <= '5' ? key[0] - '0' : 0;
		fprintf(out, "%s%-24s%s %s%s%s\n", klass ? class_style(klass) : "",
		        key, sty(ST_RESET), (f & SMTPREPLY_X_NONSTANDARD) ? sty(ST_DIM) : "",
		        smtpreply_expl_text_lang(e, SMTPREPLY_FIELD_NAME, co.lang),
		        sty(ST_RESET));
		if (verbose) {
			static const enum smtpreply_field fields[] = {
				SMTPREPLY_FIELD_DESCRIPTION, SMTPREPLY_FIELD_WHEN,
				SMTPREPLY_FIELD_FIX};
			for (size_t k = 0; k < 3; k++) {
				const char *t = smtpreply_expl_text_lang(e, fields[k], co.lang);
				if (*t)
					put_wrapped(out, t, 4, width);
			}
			fputc('\n', out);
		}
	}
	return RC_OK;
}
