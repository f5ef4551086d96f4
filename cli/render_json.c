/* render_json.c - JSON output: one object per line (JSON Lines), always
 * valid UTF-8, English identifiers, texts in run->lang. */
#include "render.h"

#include "json.h"
#include "msg.h"

#include <string.h>

/* The fields of model_reply_fields, in order. */
static void reply_fields(FILE *f, int *first, const struct facts *fx)
{
	for (const struct field *fd = model_reply_fields; fd->key; fd++) {
		struct fv v;
		memset(&v, 0, sizeof v);
		fd->get(fx, &v);
		switch (v.type) {
		case FV_NULL:
			json_kv_null(f, first, fd->key);
			break;
		case FV_INT:
			json_kv_int(f, first, fd->key, v.i);
			break;
		case FV_STR:
			json_key(f, first, fd->key);
			json_str(f, v.s, v.n);
			break;
		case FV_FLAGS:
			json_kv_flags(f, first, fd->key, (unsigned)v.i);
			break;
		case FV_LINES: {
			struct smtpreply_iter it = {0, 0};
			struct smtpreply_str t;
			int n = 0;
			json_key(f, first, fd->key);
			fputc('[', f);
			while (v.r && smtpreply_next_line(v.r, &it, &t)) {
				if (n++)
					fputc(',', f);
				json_str(f, t.ptr ? t.ptr : "", t.len);
			}
			fputc(']', f);
			break;
		}
		}
	}
}

static void entry_text_desc(FILE *f, int *first, const char *prefix,
                            const smtpreply_expl *e, const char *lang,
                            const char *desc)
{
	static const struct {
		const char *key;
		enum smtpreply_field field;
	} part[] = {
		{"description", SMTPREPLY_FIELD_DESCRIPTION},
		{"when", SMTPREPLY_FIELD_WHEN},
		{"fix", SMTPREPLY_FIELD_FIX},
		{"source", SMTPREPLY_FIELD_SOURCE},
	};
	char key[64];
	for (size_t i = 0; i < sizeof part / sizeof part[0]; i++) {
		snprintf(key, sizeof key, "%s%s", prefix, part[i].key);
		if (e == NULL)
			json_kv_null(f, first, key);
		else if (part[i].field == SMTPREPLY_FIELD_SOURCE)
			json_kv_str(f, first, key, smtpreply_expl_text(e, part[i].field));
		else if (desc != NULL && part[i].field == SMTPREPLY_FIELD_DESCRIPTION)
			json_kv_str(f, first, key, desc);
		else
			json_kv_str(f, first, key,
			            smtpreply_expl_text_lang(e, part[i].field, lang));
	}
}

static void entry_text(FILE *f, int *first, const char *prefix,
                       const smtpreply_expl *e, const char *lang)
{
	entry_text_desc(f, first, prefix, e, lang, NULL);
}

/* "fallback": whether the code itself is not in the table and a general
 * entry stands in; "shown": that entry's key ("class 5", "enhanced X.1"),
 * null when the code has its own entry. */
static void fallback_fields(FILE *f, int *first, const smtpreply_expl *e)
{
	int fb = e != NULL && (smtpreply_expl_flags(e) & SMTPREPLY_X_FALLBACK) &&
	         !entry_is_invalid(e);
	json_key(f, first, "fallback");
	fputs(fb ? "true" : "false", f);
	if (fb)
		json_kv_str(f, first, "shown",
		            smtpreply_expl_text(e, SMTPREPLY_FIELD_KEY));
	else
		json_kv_null(f, first, "shown");
}

static void item_object(FILE *f, const struct item *it,
                        enum smtpreply_command cmd, const char *lang)
{
	int first = 1;
	char buf[32];

	fputc('{', f);
	json_kv_str(f, &first, "input", it->input);
	if (cmd != SMTPREPLY_CMD_UNKNOWN)
		json_kv_str(f, &first, "command", smtpreply_command_name(cmd));
	else
		json_kv_null(f, &first, "command");
	switch (it->kind) {
	case K_INVALID: {
		const smtpreply_expl *e = item_invalid_entry(it);
		json_kv_str(f, &first, "error",
		            it->result < 0 ? smtpreply_result_name(it->result)
		                           : "not_a_code");
		json_kv_str(f, &first, "message",
		            it->result < 0 ? smtpreply_result_message(it->result)
		                           : name_of(e, lang));
		json_kv_str(f, &first, "name", name_of(e, lang));
		/* A word is no number: the text output's description, not the
		 * entry's "This number is not an SMTP reply code". */
		entry_text_desc(f, &first, "", e, lang,
		                item_is_word(it) ? msg(M_NOT_CODE_WORD, lang) : NULL);
		break;
	}
	case K_CLASS:
		json_kv_null(f, &first, "code");
		json_kv_null(f, &first, "enhanced");
		snprintf(buf, sizeof buf, "%cxx", it->input[0]);
		json_kv_str(f, &first, "class", buf);
		json_kv_str(f, &first, "name", name_of(it->class_e, lang));
		json_kv_null(f, &first, "enhanced_name");
		json_kv_str(f, &first, "class_name", name_of(it->class_e, lang));
		entry_text(f, &first, "", it->class_e, lang);
		break;
	case K_ENHANCED:
		json_kv_null(f, &first, "code");
		if (it->eklass > 0)
			snprintf(buf, sizeof buf, "%d.%d.%d", it->eklass, it->esubject,
			         it->edetail);
		else
			snprintf(buf, sizeof buf, "X.%d.%d", it->esubject, it->edetail);
		json_kv_str(f, &first, "enhanced", buf);
		if (it->eklass > 0) {
			snprintf(buf, sizeof buf, "%dxx", it->eklass);
			json_kv_str(f, &first, "class", buf);
		} else {
			json_kv_null(f, &first, "class");
		}
		fallback_fields(f, &first, it->enh_e);
		/* With no reply code the enhanced entry is the main one. */
		json_kv_str(f, &first, "name", name_of(it->enh_e, lang));
		json_kv_str(f, &first, "enhanced_name", name_of(it->enh_e, lang));
		json_kv_null(f, &first, "action");
		json_kv_null(f, &first, "reason");
		json_kv_null(f, &first, "verdict");
		json_kv_null(f, &first, "confidence");
		json_kv_null(f, &first, "evidence");
		json_kv_str(f, &first, "class_name",
		            it->class_e ? name_of(it->class_e, lang) : NULL);
		json_kv_str(f, &first, "category_name",
		            it->cat_e ? name_of(it->cat_e, lang) : NULL);
		entry_text(f, &first, "", it->enh_e, lang);
		entry_text(f, &first, "enhanced_", it->enh_e, lang);
		break;
	case K_REPLY: {
		struct facts fx;
		fallback_fields(f, &first, it->reply_e);
		/* "lines" is empty when only codes were given. */
		facts_init(&fx, &it->r, cmd, lang, it->has_text);
		reply_fields(f, &first, &fx);
		json_kv_str(f, &first, "class_name", name_of(it->class_e, lang));
		json_kv_str(f, &first, "category_name", name_of(it->cat_e, lang));
		enum smtpreply_party who = smtpreply_reply_party(&it->r, cmd);
		json_kv_str(f, &first, "action_text",
		            smtpreply_action_text(fx.act, lang));
		json_kv_str(f, &first, "action_description",
		            smtpreply_action_description(fx.act, lang));
		json_kv_str(f, &first, "reason_text",
		            smtpreply_reason_text(fx.why, lang));
		json_kv_str(f, &first, "reason_description",
		            smtpreply_reason_description(fx.why, lang));
		json_kv_str(f, &first, "verdict_text",
		            smtpreply_verdict_text(fx.dx.verdict, lang));
		json_kv_str(f, &first, "verdict_description",
		            smtpreply_verdict_description(fx.dx.verdict, lang));
		json_kv_str(f, &first, "party", smtpreply_party_name(who));
		json_kv_str(f, &first, "party_text", smtpreply_party_text(who, lang));
		entry_text(f, &first, "", it->reply_e, lang);
		entry_text(f, &first, "enhanced_", it->enh_e, lang);
		if (it->prov_e) {
			json_kv_str(f, &first, "provider_name", name_of(it->prov_e, lang));
			entry_text(f, &first, "provider_", it->prov_e, lang);
		}
		break;
	}
	}
	fputc('}', f);
}

static void item(const struct run *run, const struct item *it,
                 enum smtpreply_command cmd, size_t i)
{
	(void)i;
	item_object(run->out, it, cmd, run->lang);
	fputc('\n', run->out);
}

/* One part of the library's comparison page as a JSON string; 0 when
 * there is no such part. */
static size_t page_part(FILE *f, const struct smtpreply_side *a,
                        const struct smtpreply_side *b,
                        enum smtpreply_compare_part part, size_t index,
                        const char *lang)
{
	char buf[8192];
	size_t n = smtpreply_compare_text(buf, sizeof buf, a, b, part, index,
	                                  lang);
	if (n > 0)
		json_cstr(f, buf);
	return n;
}

/* The same parts as the text page: title, summary, both explanations,
 * the numbered key differences and "when to use which", with the
 * headings in the language; "differences" keeps the facets that differ. */
static void compare(const struct run *run, const struct item *a,
                    const struct item *b, enum smtpreply_command cmd)
{
	static const struct {
		const char *key;
		enum smtpreply_heading h;
	} heads[] = {
		{"description", SMTPREPLY_HEADING_DESCRIPTION},
		{"when", SMTPREPLY_HEADING_WHEN},
		{"fix", SMTPREPLY_HEADING_FIX},
		{"summary", SMTPREPLY_HEADING_SUMMARY},
		{"differences", SMTPREPLY_HEADING_DIFFERENCES},
		{"which", SMTPREPLY_HEADING_WHICH},
	};
	FILE *f = run->out;
	struct facet fa[FACETS];
	struct smtpreply_side sa, sb;
	char la[64], lb[64], buf[8192];
	int first = 1, k = 0, hf = 1;
	size_t i;

	facets_make(fa, a, b, cmd, run->lang);
	item_side(a, cmd, &sa, la, sizeof la);
	item_side(b, cmd, &sb, lb, sizeof lb);
	fputc('{', f);
	json_kv_str(f, &first, "lang", smtpreply_language_match(run->lang));
	smtpreply_compare_text(buf, sizeof buf, &sa, &sb,
	                       SMTPREPLY_COMPARE_TITLE, 0, run->lang);
	json_kv_str(f, &first, "title", buf);
	json_key(f, &first, "headings");
	fputc('{', f);
	for (i = 0; i < sizeof heads / sizeof heads[0]; i++)
		json_kv_str(f, &hf, heads[i].key,
		            smtpreply_heading_text(heads[i].h, run->lang));
	fputc('}', f);
	json_key(f, &first, "summary");
	if (!page_part(f, &sa, &sb, SMTPREPLY_COMPARE_SUMMARY, 0, run->lang))
		fputs("null", f);
	json_key(f, &first, "a");
	item_object(f, a, cmd, run->lang);
	json_key(f, &first, "b");
	item_object(f, b, cmd, run->lang);
	json_key(f, &first, "key_differences");
	fputc('[', f);
	for (i = 0; smtpreply_compare_text(NULL, 0, &sa, &sb,
	                                   SMTPREPLY_COMPARE_POINT, i, run->lang);
	     i++) {
		if (i)
			fputc(',', f);
		page_part(f, &sa, &sb, SMTPREPLY_COMPARE_POINT, i, run->lang);
	}
	fputc(']', f);
	json_key(f, &first, "when_to_use_which");
	fputc('[', f);
	for (i = 0; i < 2; i++) {
		if (i)
			fputc(',', f);
		if (!page_part(f, &sa, &sb, SMTPREPLY_COMPARE_WHICH, i, run->lang))
			fputs("null", f);
	}
	fputc(']', f);
	json_key(f, &first, "differences");
	fputc('[', f);
	for (i = 0; i < FACETS; i++) {
		if (!facet_differs(&fa[i]))
			continue;
		if (k++)
			fputc(',', f);
		json_cstr(f, fa[i].key);
	}
	fputs("]}\n", f);
}

/* A view of the input, or null. */
static void view_kv(FILE *f, int *first, const char *key,
                    struct smtpreply_str v)
{
	json_key(f, first, key);
	json_str(f, v.ptr, v.len);
}

static void rec(const struct run *run, const struct rec *r)
{
	FILE *f = run->out;
	int first = 1;

	fputc('{', f);
	if (r->file)
		json_kv_str(f, &first, "file", r->file);
	json_kv_int(f, &first, "offset", (long long)r->offset);
	json_kv_int(f, &first, "length", (long long)r->length);
	if (r->context) {
		/* where it was found and what the record says besides */
		json_kv_str(f, &first, "source", smtpreply_source_name(r->source));
		if (r->cmd != SMTPREPLY_CMD_UNKNOWN)
			json_kv_str(f, &first, "command", smtpreply_command_name(r->cmd));
		else
			json_kv_null(f, &first, "command");
		view_kv(f, &first, "recipient", r->recipient);
		view_kv(f, &first, "host", r->host);
		view_kv(f, &first, "dsn_status", r->status);
		view_kv(f, &first, "dsn_action", r->action);
		view_kv(f, &first, "date", r->time);
	}
	if (r->kind == REC_ERROR) {
		json_kv_str(f, &first, "error", smtpreply_result_name(r->error));
		json_kv_str(f, &first, "message", smtpreply_result_message(r->error));
	} else if (r->kind == REC_NOREPLY) {
		/* a failure without a reply: no code, what happened instead */
		json_kv_null(f, &first, "code");
		view_kv(f, &first, "problem", r->problem);
		/* what the record's words and status say: as for a reply */
		json_kv_str(f, &first, "action", smtpreply_action_name(r->dx.action));
		json_kv_str(f, &first, "reason", smtpreply_reason_name(r->dx.reason));
		json_kv_str(f, &first, "verdict", smtpreply_verdict_name(r->dx.verdict));
		json_kv_str(f, &first, "confidence",
		            smtpreply_confidence_name(r->dx.confidence));
		json_kv_str(f, &first, "evidence",
		            smtpreply_evidence_name(r->dx.evidence));
	} else {
		struct facts fx;
		facts_init_rec(&fx, r, run->lang);
		reply_fields(f, &first, &fx);
	}
	fputs("}\n", f);
}

static void stats(const struct run *run, const struct counts *k)
{
	FILE *f = run->out;
	char buf[64];
	int first = 1, f2;

	fputc('{', f);
	json_kv_int(f, &first, "bytes", (long long)k->bytes);
	json_kv_int(f, &first, "replies", (long long)k->replies);
	json_kv_int(f, &first, "errors", (long long)k->errors);
	json_kv_int(f, &first, "error_bytes", (long long)k->error_bytes);
	json_key(f, &first, "class");
	fputc('{', f);
	f2 = 1;
	for (int i = 1; i <= 5; i++)
		if (k->klass[i])
			json_kv_int(f, &f2, class_label(i), (long long)k->klass[i]);
	fputc('}', f);
	json_key(f, &first, "code");
	fputc('{', f);
	f2 = 1;
	for (int i = 0; i < 1000; i++)
		if (k->code[i]) {
			snprintf(buf, sizeof buf, "%03d", i);
			json_kv_int(f, &f2, buf, (long long)k->code[i]);
		}
	fputc('}', f);
	json_key(f, &first, "enhanced");
	fputc('{', f);
	f2 = 1;
	for (size_t i = 0; i < k->nenh; i++)
		json_kv_int(f, &f2, enhanced_str(buf, sizeof buf, &k->enh[i].e),
		            (long long)k->enh[i].n);
	if (k->enh_other)
		json_kv_int(f, &f2, "other", (long long)k->enh_other);
	if (k->enh_none)
		json_kv_int(f, &f2, "none", (long long)k->enh_none);
	fputc('}', f);
	json_key(f, &first, "action");
	fputc('{', f);
	f2 = 1;
	for (int i = 0; i < 4; i++)
		if (k->action[i])
			json_kv_int(f, &f2, smtpreply_action_name((enum smtpreply_action)i),
			            (long long)k->action[i]);
	fputc('}', f);
	json_key(f, &first, "reason");
	fputc('{', f);
	f2 = 1;
	for (int i = 0; i <= SMTPREPLY_REASON_COUNT; i++)
		if (k->reason[i])
			json_kv_int(f, &f2,
			            i < SMTPREPLY_REASON_COUNT
			                    ? smtpreply_reason_name((enum smtpreply_reason)i)
			                    : "other",
			            (long long)k->reason[i]);
	fputc('}', f);
	json_key(f, &first, "verdict");
	fputc('{', f);
	f2 = 1;
	for (int i = 0; i < SMTPREPLY_VERDICT_COUNT; i++)
		if (k->verdict[i])
			json_kv_int(f, &f2,
			            smtpreply_verdict_name((enum smtpreply_verdict)i),
			            (long long)k->verdict[i]);
	fputc('}', f);
	json_key(f, &first, "provider");
	fputc('{', f);
	f2 = 1;
	for (size_t i = 0; i < k->nprov; i++)
		json_kv_int(f, &f2, k->prov[i].name, (long long)k->prov[i].n);
	fputc('}', f);
	json_key(f, &first, "flags");
	fputc('{', f);
	f2 = 1;
	for (unsigned b = 0; b < 32; b++)
		if (k->flag[b] && *smtpreply_flag_name(1u << b))
			json_kv_int(f, &f2, smtpreply_flag_name(1u << b),
			            (long long)k->flag[b]);
	fputc('}', f);
	json_kv_int(f, &first, "no_reply", (long long)k->noreply);
	json_key(f, &first, "domain");
	fputc('{', f);
	f2 = 1;
	for (size_t i = 0; i < k->ndom; i++)
		json_kv_int(f, &f2, k->dom[i].name, (long long)k->dom[i].n);
	if (k->dom_other)
		json_kv_int(f, &f2, "other", (long long)k->dom_other);
	fputc('}', f);
	json_key(f, &first, "errors_by_kind");
	fputc('{', f);
	f2 = 1;
	for (int i = 0; i < 16; i++)
		if (k->error_kind[i])
			json_kv_int(f, &f2, smtpreply_result_name(-i),
			            (long long)k->error_kind[i]);
	fputc('}', f);
	fputs("}\n", f);
}

static const char *kind_of(unsigned fl)
{
	if (fl & SMTPREPLY_X_PROVIDER)
		return "provider";
	if ((fl & SMTPREPLY_X_ENHANCED) && (fl & SMTPREPLY_X_CLASS))
		return "enhanced_class";
	if (fl & SMTPREPLY_X_SUBJECT)
		return "enhanced_subject";
	if (fl & SMTPREPLY_X_ENHANCED)
		return "enhanced";
	if (fl & SMTPREPLY_X_CLASS)
		return "class";
	if (fl & SMTPREPLY_X_CATEGORY)
		return "category";
	if (fl & SMTPREPLY_X_REPLY)
		return "reply";
	return "other";
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

static void entry(const struct run *run, const smtpreply_expl *e, int verbose)
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
	FILE *f = run->out;
	unsigned fl = smtpreply_expl_flags(e);
	const char *key = smtpreply_expl_text(e, SMTPREPLY_FIELD_KEY);
	const char *after = strstr(key, " after ");
	char buf[64];
	int first = 1, n = 0;

	(void)verbose; /* JSON always has every field */
	fputc('{', f);
	json_kv_str(f, &first, "key", key);
	json_kv_str(f, &first, "kind", kind_of(fl));
	if (smtpreply_expl_code(e))
		json_kv_int(f, &first, "code", smtpreply_expl_code(e));
	else
		json_kv_null(f, &first, "code");
	json_kv_str(f, &first, "enhanced", enh_text(e, buf, sizeof buf));
	json_kv_str(f, &first, "command", after ? after + 7 : NULL);
	for (size_t i = 0; i < sizeof part / sizeof part[0]; i++)
		json_kv_str(f, &first, part[i].key,
		            smtpreply_expl_text_lang(e, part[i].field, run->lang));
	json_kv_str(f, &first, "source",
	            smtpreply_expl_text(e, SMTPREPLY_FIELD_SOURCE));
	json_key(f, &first, "flags");
	fputc('[', f);
	for (size_t i = 0; i < sizeof flag / sizeof flag[0]; i++)
		if (fl & flag[i].bit) {
			if (n++)
				fputc(',', f);
			json_cstr(f, flag[i].name);
		}
	fputs("]}\n", f);
}

const struct render render_json = {item, compare, rec, stats, entry};

const struct render *render_for(const struct run *run)
{
	return run->format == FMT_JSON   ? &render_json
	       : run->format == FMT_HTML ? &render_html
	                                 : &render_text;
}
