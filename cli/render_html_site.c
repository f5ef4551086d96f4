/* render_html_site.c - the reference website's pages: a page per reply
 * code, enhanced code, provider entry and reason, the indexes, the search
 * index and the page that explains a pasted reply. Which pages exist is
 * site.c's; this file writes one page to the FILE it is given. */
#include "esc.h"
#include "html.h"
#include "msg.h"
#include "render.h"

#include <string.h>

static int standard(const smtpreply_expl *e)
{
	return !(smtpreply_expl_flags(e) & SMTPREPLY_X_NONSTANDARD);
}

static const char *field(const smtpreply_expl *e, enum smtpreply_field fl, const char *lang)
{
	return smtpreply_expl_text_lang(e, fl, lang);
}

static void heading(FILE *f, int level, const char *id, const char *text)
{
	if (id)
		fprintf(f, "<h%d id=\"%s\">", level, id);
	else
		fprintf(f, "<h%d>", level);
	html_text(f, text);
	fprintf(f, "</h%d>\n", level);
}

/* Description, when you see it, how to fix: the seeds' three parts. */
static void three_parts(FILE *f, int level, const smtpreply_expl *e, const char *lang)
{
	html_section(f, level, smtpreply_heading_text(SMTPREPLY_HEADING_DESCRIPTION, lang),
	             field(e, SMTPREPLY_FIELD_DESCRIPTION, lang));
	html_section(f, level, smtpreply_heading_text(SMTPREPLY_HEADING_WHEN, lang),
	             field(e, SMTPREPLY_FIELD_WHEN, lang));
	html_section(f, level, smtpreply_heading_text(SMTPREPLY_HEADING_FIX, lang),
	             field(e, SMTPREPLY_FIELD_FIX, lang));
}

static void note(FILE *f, enum msg id, const char *lang)
{
	fputs("<p class=\"note\">", f);
	html_msg(f, id, lang);
	fputs("</p>\n", f);
}

static void source_line(FILE *f, const smtpreply_expl *e, const char *lang)
{
	const char *src = smtpreply_expl_text(e, SMTPREPLY_FIELD_SOURCE);
	if (*src == '\0')
		return;
	fputs("<p class=\"source\">", f);
	html_msg(f, M_SITE_SOURCE, lang);
	html_msgf(f, M_JOIN_TAIL, lang, src);
	fputs("</p>\n", f);
}

static void fact(FILE *f, const char *label, const char *value, const char *more)
{
	fputs("<dt>", f);
	html_text(f, label);
	fputs("</dt><dd>", f);
	html_text(f, value);
	if (more && *more) {
		fputs(" — ", f);
		html_text(f, more);
	}
	fputs("</dd>\n", f);
}

/* ---- Reply codes ---- */

void html_code_page(FILE *f, const struct site *s, const struct site_code *c,
                    const char *lang)
{
	char path[64], title[512];
	snprintf(path, sizeof path, "code/%d.html", c->code);
	const char *name = field(c->base, SMTPREPLY_FIELD_NAME, lang);
	snprintf(title, sizeof title, "SMTP %d %s", c->code, name);
	struct html_page pg = {.lang = lang, .path = path, .root = "../../", .title = title,
	                       .summary = field(c->base, SMTPREPLY_FIELD_DESCRIPTION, lang)};
	html_head(f, &pg);
	fprintf(f, "<h1><span class=\"code\">SMTP %d</span> ", c->code);
	html_text(f, name);
	fputs("</h1>\n", f);
	if (!standard(c->base))
		note(f, M_SITE_NONSTANDARD, lang);
	enum smtpreply_action act = site_code_action(c->code);
	fputs("<dl class=\"facts\">\n", f);
	fact(f, smtpreply_heading_text(SMTPREPLY_HEADING_CLASS, lang),
	     field(smtpreply_explain_class(c->code), SMTPREPLY_FIELD_NAME, lang), NULL);
	fact(f, smtpreply_heading_text(SMTPREPLY_HEADING_CATEGORY, lang),
	     field(smtpreply_explain_category(c->code), SMTPREPLY_FIELD_NAME, lang), NULL);
	fact(f, smtpreply_heading_text(SMTPREPLY_HEADING_ACTION, lang),
	     smtpreply_action_text(act, lang), smtpreply_action_description(act, lang));
	fputs("</dl>\n", f);
	three_parts(f, 2, c->base, lang);

	int any = 0;
	for (int cmd = 1; cmd < SITE_NCMDS; cmd++) {
		const smtpreply_expl *e = c->ctx[cmd];
		const char *name_cmd = smtpreply_command_name((enum smtpreply_command)cmd);
		if (e == NULL)
			continue;
		if (!any++)
			heading(f, 2, NULL, msg(M_SITE_BY_COMMAND, lang));
		fprintf(f, "<section class=\"ctx\" id=\"after-%s\">\n<h3>", name_cmd);
		html_msgf(f, M_SITE_AFTER, lang, name_cmd);
		html_msgf(f, M_JOIN_TAIL, lang, field(e, SMTPREPLY_FIELD_NAME, lang));
		fputs("</h3>\n", f);
		three_parts(f, 4, e, lang);
		fputs("</section>\n", f);
	}

	any = 0;
	for (size_t i = 0; i < s->npairs; i++) {
		const struct site_pair *p = &s->pairs[i];
		char vs[64];
		if (p->a != c->code && p->b != c->code)
			continue;
		if (!any++) {
			heading(f, 2, NULL, msg(M_SITE_CONFUSED, lang));
			fputs("<ul class=\"pairs\">\n", f);
		}
		site_pair_path(p, vs, sizeof vs);
		fprintf(f, "<li><a href=\"../%s\">%d vs %d</a>", vs, p->a, p->b);
		html_msgf(f, M_JOIN_TAIL, lang,
		          field(smtpreply_explain_code(p->a == c->code ? p->b : p->a),
		                SMTPREPLY_FIELD_NAME, lang));
		fputs("</li>\n", f);
	}
	if (any)
		fputs("</ul>\n", f);
	source_line(f, c->base, lang);
	html_foot(f, &pg);
}

/* ---- Enhanced codes and provider entries ---- */

static void see_also(FILE *f, const smtpreply_expl *e, const char *label, const char *lang)
{
	char path[160];
	site_entry_path(e, path, sizeof path);
	fputs("<li>", f);
	if (label) {
		html_text(f, label);
		fputs(": ", f);
	}
	fprintf(f, "<a href=\"../%s\"><span class=\"code\">", path);
	html_text(f, site_shown_key(e));
	fputs("</span> ", f);
	html_text(f, field(e, SMTPREPLY_FIELD_NAME, lang));
	fputs("</a></li>\n", f);
}

void html_entry_page(FILE *f, const smtpreply_expl *e, const char *lang)
{
	char path[160], title[512];
	site_entry_path(e, path, sizeof path);
	const char *name = field(e, SMTPREPLY_FIELD_NAME, lang);
	snprintf(title, sizeof title, "SMTP %s %s", site_shown_key(e), name);
	struct html_page pg = {.lang = lang, .path = path, .root = "../../", .title = title,
	                       .summary = field(e, SMTPREPLY_FIELD_DESCRIPTION, lang)};
	html_head(f, &pg);
	fputs("<h1><span class=\"code\">", f);
	html_text(f, site_shown_key(e));
	fputs("</span> ", f);
	html_text(f, name);
	fputs("</h1>\n", f);
	if (site_kind_of(e) == PAGE_PROVIDER)
		note(f, M_SITE_PROVIDER_NOTE, lang);
	else if (!standard(e))
		note(f, M_SITE_NONSTANDARD, lang);
	three_parts(f, 2, e, lang);
	const smtpreply_expl *reg = site_registered(e), *subj = site_subject(e);
	if (reg || subj) {
		heading(f, 2, NULL, msg(M_SITE_SEE_ALSO, lang));
		fputs("<ul>\n", f);
		if (reg)
			see_also(f, reg, msg(M_SITE_REGISTRY, lang), lang);
		if (subj)
			see_also(f, subj, NULL, lang);
		fputs("</ul>\n", f);
	}
	source_line(f, e, lang);
	html_foot(f, &pg);
}

/* ---- Reasons ---- */

void html_reason_page(FILE *f, enum smtpreply_reason r, const char *lang)
{
	char path[96];
	snprintf(path, sizeof path, "reason/%s.html", smtpreply_reason_name(r));
	const char *name = smtpreply_reason_text(r, lang);
	const char *desc = smtpreply_reason_description(r, lang);
	struct html_page pg = {.lang = lang, .path = path, .root = "../../", .title = name,
	                       .summary = desc};
	html_head(f, &pg);
	heading(f, 1, NULL, name);
	html_section(f, 2, smtpreply_heading_text(SMTPREPLY_HEADING_DESCRIPTION, lang), desc);
	html_section(f, 2, smtpreply_heading_text(SMTPREPLY_HEADING_WHO, lang),
	             smtpreply_party_text(smtpreply_reason_party(r), lang));
	html_foot(f, &pg);
}

/* ---- Indexes ---- */

static void entry_link(FILE *f, const smtpreply_expl *e, const char *lang)
{
	char path[160];
	site_entry_path(e, path, sizeof path);
	fprintf(f, "<li><a href=\"%s\"><span class=\"code\">", path);
	html_text(f, site_shown_key(e));
	fputs("</span> ", f);
	html_text(f, field(e, SMTPREPLY_FIELD_NAME, lang));
	fputs("</a></li>\n", f);
}

void html_lang_index(FILE *f, const struct site *s, const char *lang)
{
	static const char *const scripts[] = {"search-index.js", "../assets/search.js", NULL};
	struct html_page pg = {.lang = lang, .path = "index.html", .root = "../",
	                       .title = msg(M_SITE_TITLE, lang), .scripts = scripts};
	html_head(f, &pg);
	heading(f, 1, NULL, msg(M_SITE_TITLE, lang));

	/* The search box works on the script's index; without script the
	 * page lists everything anyway, so the box stays hidden. */
	fputs("<form class=\"search\" role=\"search\" action=\"#\" hidden>\n<label for=\"q\">", f);
	html_msg(f, M_SITE_SEARCH, lang);
	fputs("</label>\n<input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\" placeholder=\"", f);
	html_msg(f, M_SITE_SEARCH_HINT, lang);
	fputs("\">\n<p id=\"none\" hidden>", f);
	html_msg(f, M_SITE_NO_RESULTS, lang);
	fputs("</p>\n<ul id=\"results\" aria-live=\"polite\"></ul>\n</form>\n", f);
	if (s->explain_page) {
		fputs("<p class=\"try\"><a href=\"explain.html\">", f);
		html_msg(f, M_SITE_EXPLAIN_TITLE, lang);
		fputs("</a></p>\n", f);
	}

	static const struct { const char *id; enum msg m; } toc[] = {
		{"codes", M_SITE_REPLY_CODES}, {"enhanced", M_SITE_ENHANCED},
		{"providers", M_SITE_PROVIDERS}, {"reasons", M_SITE_REASONS},
		{"comparisons", M_SITE_COMPARISONS}};
	fputs("<nav class=\"toc\" aria-label=\"", f);
	html_msg(f, M_SITE_HOME, lang);
	fputs("\"><ul>\n", f);
	for (size_t i = 0; i < sizeof toc / sizeof toc[0]; i++) {
		fprintf(f, "<li><a href=\"#%s\">", toc[i].id);
		html_msg(f, toc[i].m, lang);
		fputs("</a></li>\n", f);
	}
	fputs("</ul></nav>\n", f);

	heading(f, 2, "codes", msg(M_SITE_REPLY_CODES, lang));
	for (int klass = 1; klass <= 5; klass++) {
		char k[12];
		snprintf(k, sizeof k, "%d", klass);
		fprintf(f, "<h3 id=\"class-%d\">", klass);
		html_msgf(f, M_SITE_CLASS_OF, lang, k);
		fputs(" — ", f);
		html_text(f, field(smtpreply_explain_class(klass * 100), SMTPREPLY_FIELD_NAME, lang));
		fputs("</h3>\n<ul class=\"entries\">\n", f);
		for (size_t i = 0; i < s->ncodes; i++) {
			int code = s->codes[i].code;
			if (code / 100 != klass)
				continue;
			fprintf(f, "<li><a href=\"code/%d.html\"><span class=\"code\">%d</span> ", code, code);
			html_text(f, field(s->codes[i].base, SMTPREPLY_FIELD_NAME, lang));
			fputs("</a></li>\n", f);
		}
		fputs("</ul>\n", f);
	}

	heading(f, 2, "enhanced", msg(M_SITE_ENHANCED, lang));
	size_t n = smtpreply_expl_count();
	fputs("<ul class=\"entries\">\n", f);
	for (size_t i = 0; i < n; i++)
		if (site_kind_of(smtpreply_expl_at(i)) == PAGE_ENHANCED)
			entry_link(f, smtpreply_expl_at(i), lang);
	fputs("</ul>\n", f);

	heading(f, 2, "providers", msg(M_SITE_PROVIDERS, lang));
	fputs("<ul class=\"entries\">\n", f);
	for (size_t i = 0; i < n; i++)
		if (site_kind_of(smtpreply_expl_at(i)) == PAGE_PROVIDER)
			entry_link(f, smtpreply_expl_at(i), lang);
	fputs("</ul>\n", f);

	heading(f, 2, "reasons", msg(M_SITE_REASONS, lang));
	fputs("<ul class=\"entries\">\n", f);
	for (int r = 1; r < SMTPREPLY_REASON_COUNT; r++) {
		enum smtpreply_reason rr = (enum smtpreply_reason)r;
		fprintf(f, "<li><a href=\"reason/%s.html\">", smtpreply_reason_name(rr));
		html_text(f, smtpreply_reason_text(rr, lang));
		fputs("</a></li>\n", f);
	}
	fputs("</ul>\n", f);

	heading(f, 2, "comparisons", msg(M_SITE_COMPARISONS, lang));
	fputs("<ul class=\"entries\">\n", f);
	for (size_t i = 0; i < s->npairs && i < 5; i++) { /* the seeds' pairs */
		char vs[64];
		site_pair_path(&s->pairs[i], vs, sizeof vs);
		fprintf(f, "<li><a href=\"%s\">%d vs %d</a></li>\n", vs, s->pairs[i].a,
		        s->pairs[i].b);
	}
	fputs("<li><a href=\"vs/index.html\">", f);
	html_msg(f, M_SITE_ALL_PAIRS, lang);
	fputs("</a></li>\n</ul>\n", f);
	html_foot(f, &pg);
}

void html_vs_index(FILE *f, const struct site *s, const char *lang)
{
	struct html_page pg = {.lang = lang, .path = "vs/index.html", .root = "../../",
	                       .title = msg(M_SITE_ALL_PAIRS, lang)};
	html_head(f, &pg);
	heading(f, 1, NULL, msg(M_SITE_ALL_PAIRS, lang));
	fputs("<ul class=\"entries\">\n", f);
	for (size_t i = 0; i < s->npairs; i++) {
		const struct site_pair *p = &s->pairs[i];
		fprintf(f, "<li><a href=\"%d-vs-%d.html\">%d vs %d</a>", p->a, p->b, p->a, p->b);
		html_msgf(f, M_JOIN_TAIL, lang,
		          field(smtpreply_explain_code(p->a), SMTPREPLY_FIELD_NAME, lang));
		fputs(" / ", f);
		html_text(f, field(smtpreply_explain_code(p->b), SMTPREPLY_FIELD_NAME, lang));
		fputs("</li>\n", f);
	}
	fputs("</ul>\n", f);
	html_foot(f, &pg);
}

/* The front door: the four languages. */
void html_root_index(FILE *f)
{
	struct html_page pg = {.lang = "en", .root = "", .title = msg(M_SITE_TITLE, "en")};
	html_head(f, &pg);
	heading(f, 1, NULL, msg(M_SITE_TITLE, "en"));
	fputs("<ul class=\"langs-big\">\n", f);
	for (size_t i = 0; i < SITE_NLANGS; i++) {
		const char *l = site_langs[i];
		fprintf(f, "<li><a href=\"%s/index.html\" hreflang=\"%s\" lang=\"%s\">", l, l, l);
		html_msg(f, M_SITE_TITLE, l);
		fputs("</a></li>\n", f);
	}
	fputs("</ul>\n", f);
	html_foot(f, &pg);
}

/* ---- The search index ---- */

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	esc_json(f, s, strlen(s));
	fputc('"', f);
}

/* One entry: the keys matched (code and aliases), the code shown, the
 * title, the page relative to the language folder. */
static void index_entry(FILE *f, int *first, const char *keys, const char *shown,
                        const char *title, const char *url)
{
	fputs(*first ? "\n{\"k\":" : ",\n{\"k\":", f);
	*first = 0;
	json_str(f, keys);
	fputs(",\"c\":", f);
	json_str(f, shown);
	fputs(",\"t\":", f);
	json_str(f, title);
	fputs(",\"u\":", f);
	json_str(f, url);
	fputc('}', f);
}

void html_search_index(FILE *f, const struct site *s, const char *lang, int script)
{
	char keys[160], url[192];
	int first = 1;
	if (script)
		fputs("window.SMTPREPLY_INDEX = ", f);
	fputc('[', f);
	for (size_t i = 0; i < s->ncodes; i++) {
		snprintf(keys, sizeof keys, "%d", s->codes[i].code);
		snprintf(url, sizeof url, "code/%d.html", s->codes[i].code);
		index_entry(f, &first, keys, keys, field(s->codes[i].base, SMTPREPLY_FIELD_NAME, lang),
		            url);
	}
	size_t n = smtpreply_expl_count();
	for (size_t i = 0; i < n; i++) {
		const smtpreply_expl *e = smtpreply_expl_at(i);
		enum site_kind kind = site_kind_of(e);
		const char *k = site_shown_key(e);
		if (kind == PAGE_OTHER)
			continue;
		site_entry_path(e, url, sizeof url);
		/* "X.7.26" is also found as 4.7.26 and 5.7.26, the codes of a
		 * real bounce. */
		if (kind == PAGE_ENHANCED && k[0] == 'X' && k[1] == '.')
			snprintf(keys, sizeof keys, "%s 2%s 4%s 5%s", k, k + 1, k + 1, k + 1);
		else
			snprintf(keys, sizeof keys, "%s", k);
		index_entry(f, &first, keys, k, field(e, SMTPREPLY_FIELD_NAME, lang), url);
	}
	for (size_t i = 0; i < s->npairs; i++) {
		snprintf(keys, sizeof keys, "%d vs %d", s->pairs[i].a, s->pairs[i].b);
		site_pair_path(&s->pairs[i], url, sizeof url);
		index_entry(f, &first, keys, keys, "", url);
	}
	for (int r = 1; r < SMTPREPLY_REASON_COUNT; r++) {
		enum smtpreply_reason rr = (enum smtpreply_reason)r;
		snprintf(url, sizeof url, "reason/%s.html", smtpreply_reason_name(rr));
		index_entry(f, &first, smtpreply_reason_name(rr), "", smtpreply_reason_text(rr, lang),
		            url);
	}
	fputs(script ? "\n];\n" : "\n]\n", f);
}

/* ---- The page that explains a pasted reply in the browser ---- */

static void data_label(FILE *f, const char *name, const char *text)
{
	fprintf(f, " data-%s=\"", name);
	html_text(f, text);
	fputc('"', f);
}

void html_explain_page(FILE *f, const char *lang)
{
	static const char *const scripts[] = {"../assets/smtpreply-wasm.js",
	                                      "../assets/explain.js", NULL};
	struct html_page pg = {.lang = lang, .path = "explain.html", .root = "../",
	                       .title = msg(M_SITE_EXPLAIN_TITLE, lang),
	                       .summary = msg(M_SITE_EXPLAIN_INTRO, lang), .scripts = scripts};
	html_head(f, &pg);
	heading(f, 1, NULL, msg(M_SITE_EXPLAIN_TITLE, lang));
	fputs("<p>", f);
	html_msg(f, M_SITE_EXPLAIN_INTRO, lang);
	fputs("</p>\n<noscript><p class=\"note\">", f);
	html_msg(f, M_SITE_NEEDS_SCRIPT, lang);
	fputs("</p></noscript>\n", f);
	/* The script's words, in the page's language, as data attributes. */
	fprintf(f, "<form id=\"explain\" class=\"explain\" hidden data-lang=\"%s\"", lang);
	static const struct { const char *name; enum smtpreply_heading h; } heads[] = {
		{"description", SMTPREPLY_HEADING_DESCRIPTION}, {"when", SMTPREPLY_HEADING_WHEN},
		{"fix", SMTPREPLY_HEADING_FIX}, {"action", SMTPREPLY_HEADING_ACTION},
		{"reason", SMTPREPLY_HEADING_REASON}, {"who", SMTPREPLY_HEADING_WHO},
		{"enhanced", SMTPREPLY_HEADING_ENHANCED}};
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
		data_label(f, heads[i].name, smtpreply_heading_text(heads[i].h, lang));
	data_label(f, "verdict", msg(M_SITE_VERDICT, lang));
	data_label(f, "confidence", msg(M_SITE_CONFIDENCE, lang));
	data_label(f, "provider", msg(M_SITE_PROVIDERS, lang));
	data_label(f, "notreply", msg(M_SITE_NOT_REPLY, lang));
	data_label(f, "none", msg(M_SITE_NO_RESULTS, lang));
	fputs(">\n<label for=\"reply\">", f);
	html_msg(f, M_SITE_PASTE, lang);
	fputs("</label>\n<textarea id=\"reply\" rows=\"5\" spellcheck=\"false\">"
	      "550 5.1.1 &lt;bob@example.org&gt;: Recipient address rejected: User unknown"
	      "</textarea>\n<label for=\"cmd\">", f);
	html_msg(f, M_SITE_COMMAND, lang);
	fputs("</label>\n<select id=\"cmd\">\n<option value=\"\">", f);
	html_msg(f, M_SITE_ANY_COMMAND, lang);
	fputs("</option>\n", f);
	static const enum smtpreply_command cmds[] = {
		SMTPREPLY_CMD_GREETING, SMTPREPLY_CMD_EHLO, SMTPREPLY_CMD_HELO,
		SMTPREPLY_CMD_MAIL, SMTPREPLY_CMD_RCPT, SMTPREPLY_CMD_DATA,
		SMTPREPLY_CMD_DOT, SMTPREPLY_CMD_BDAT, SMTPREPLY_CMD_AUTH,
		SMTPREPLY_CMD_STARTTLS, SMTPREPLY_CMD_VRFY, SMTPREPLY_CMD_ETRN};
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		const char *name = smtpreply_command_name(cmds[i]);
		fprintf(f, "<option value=\"%s\"%s>%s</option>\n", name,
		        cmds[i] == SMTPREPLY_CMD_RCPT ? " selected" : "", name);
	}
	fputs("</select>\n<button type=\"submit\">", f);
	html_msg(f, M_SITE_EXPLAIN_BUTTON, lang);
	fputs("</button>\n</form>\n<div id=\"out\" aria-live=\"polite\"></div>\n", f);
	html_foot(f, &pg);
}
