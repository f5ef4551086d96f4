/* site.c - `smtpreply site DIR`: the explanation table as a static website.
 *
 * A folder per language (en, ko, ja, fr) holding a page per reply code (with
 * its meanings after each command), per enhanced code, per provider entry,
 * per reason, and "A vs B" pages for the pairs people confuse; an index per
 * language grouped by class with a search box. Every fact comes from the
 * library's public API; this file decides which pages exist and links them.
 * The pages need no server and no outside resource: they work from file://,
 * which is why the search index also exists as a script (browsers do not
 * fetch a JSON file from file://). */
#include "html.h"
#include "site.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "smtpreply.h"

#define MAX_CODES 256
#define MAX_PAIRS 1024

/* ---- The model: which pages exist. ---- */

struct code_page {
	int code;
	const smtpreply_expl *base;
	const smtpreply_expl *ctx[SMTPREPLY_CMD_ATRN + 1]; /* by command */
};

struct pair {
	int a, b;            /* a < b, or the seeds' order */
	unsigned cmds;       /* bit per command after which both have a meaning */
};

struct site {
	const char *dir;
	struct code_page codes[MAX_CODES];
	size_t ncodes;
	struct pair pairs[MAX_PAIRS];
	size_t npairs;
	const char *wasm; /* the library as WebAssembly, or NULL: no explain page */
	int failed;       /* a file could not be written */
};

/* The five pages the project grew from, in their order. */
static const int seed_pairs[][2] = {
	{235, 500}, {235, 530}, {235, 354}, {235, 502}, {235, 250}};

static struct code_page *find_code(struct site *s, int code)
{
	for (size_t i = 0; i < s->ncodes; i++)
		if (s->codes[i].code == code)
			return &s->codes[i];
	return NULL;
}

static int standard(const smtpreply_expl *e)
{
	return !(smtpreply_expl_flags(e) & SMTPREPLY_X_NONSTANDARD);
}

/* The command named in a contextual entry's key ("reply 454 after AUTH"). */
static enum smtpreply_command key_command(const smtpreply_expl *e)
{
	const char *k = smtpreply_expl_text(e, SMTPREPLY_FIELD_KEY);
	const char *p = strstr(k, " after ");
	return p ? smtpreply_command_parse(p + 7) : SMTPREPLY_CMD_UNKNOWN;
}

static void collect_codes(struct site *s)
{
	size_t n = smtpreply_expl_count();
	for (size_t i = 0; i < n; i++) {
		const smtpreply_expl *e = smtpreply_expl_at(i);
		unsigned fl = smtpreply_expl_flags(e);
		int code = smtpreply_expl_code(e);
		if (!(fl & SMTPREPLY_X_REPLY) || code < 100 || code > 599)
			continue;
		struct code_page *c = find_code(s, code);
		if (c == NULL) {
			if (s->ncodes == MAX_CODES)
				continue;
			c = &s->codes[s->ncodes++];
			memset(c, 0, sizeof *c);
			c->code = code;
			c->base = smtpreply_explain_code(code);
		}
		if (fl & SMTPREPLY_X_CONTEXTUAL) {
			enum smtpreply_command cmd = key_command(e);
			if (cmd != SMTPREPLY_CMD_UNKNOWN)
				c->ctx[cmd] = e;
		}
	}
}

static void add_pair(struct site *s, int a, int b, unsigned cmds)
{
	for (size_t i = 0; i < s->npairs; i++) {
		struct pair *p = &s->pairs[i];
		if ((p->a == a && p->b == b) || (p->a == b && p->b == a)) {
			p->cmds |= cmds;
			return;
		}
	}
	if (s->npairs < MAX_PAIRS)
		s->pairs[s->npairs++] = (struct pair){a, b, cmds};
}

/* The pairs a person confuses: the seeds; two replies the same command can
 * get; a 4xx and its 5xx twin (450/550, 452/552...). Codes no standard
 * defines pair only as twins. */
static void collect_pairs(struct site *s)
{
	for (size_t i = 0; i < sizeof seed_pairs / sizeof seed_pairs[0]; i++)
		add_pair(s, seed_pairs[i][0], seed_pairs[i][1], 0);
	for (size_t i = 0; i < s->ncodes; i++) {
		struct code_page *x = &s->codes[i];
		for (size_t j = i + 1; j < s->ncodes; j++) {
			struct code_page *y = &s->codes[j];
			unsigned cmds = 0;
			for (int c = 1; c <= SMTPREPLY_CMD_ATRN; c++)
				if (x->ctx[c] && y->ctx[c])
					cmds |= 1u << c;
			int twins = x->code / 100 == 4 && y->code == x->code + 100;
			if (cmds && standard(x->base) && standard(y->base))
				add_pair(s, x->code, y->code, cmds);
			else if (twins)
				add_pair(s, x->code, y->code, 0);
		}
	}
}

/* ---- Files. ---- */

static int make_dir(const char *path)
{
	if (mkdir(path, 0777) == 0 || errno == EEXIST)
		return 0;
	fprintf(stderr, "smtpreply site: cannot create %s: %s\n", path, strerror(errno));
	return -1;
}

static FILE *open_page(struct site *s, const char *lang, const char *path)
{
	char full[4096];
	if (lang)
		snprintf(full, sizeof full, "%s/%s/%s", s->dir, lang, path);
	else
		snprintf(full, sizeof full, "%s/%s", s->dir, path);
	FILE *f = fopen(full, "w");
	if (f == NULL) {
		fprintf(stderr, "smtpreply site: cannot write %s: %s\n", full, strerror(errno));
		s->failed = 1;
	}
	return f;
}

static void close_page(struct site *s, FILE *f)
{
	if (ferror(f) | fclose(f))
		s->failed = 1;
}

/* ---- Slugs: a page's file name below its section. ---- */

/* "enhanced X.7.26" -> "x.7.26", "provider google 5.7.26" ->
 * "google-5.7.26", "enhanced 5" (a class entry) -> "class-5". */
static void slug(const smtpreply_expl *e, char *out, size_t size)
{
	const char *k = smtpreply_expl_text(e, SMTPREPLY_FIELD_KEY);
	const char *sp = strchr(k, ' ');
	k = sp ? sp + 1 : k;
	size_t n = 0;
	if (smtpreply_expl_flags(e) & SMTPREPLY_X_CLASS)
		n = (size_t)snprintf(out, size, "class-");
	for (; *k && n + 1 < size; k++) {
		char c = *k;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.'))
			c = '-';
		out[n++] = c;
	}
	out[n] = '\0';
}

/* The code as people write it: "X.7.26", "google 5.7.26", "550". */
static const char *shown_key(const smtpreply_expl *e)
{
	const char *k = smtpreply_expl_text(e, SMTPREPLY_FIELD_KEY);
	const char *sp = strchr(k, ' ');
	return sp ? sp + 1 : k;
}

static int is_enhanced_page(const smtpreply_expl *e)
{
	unsigned fl = smtpreply_expl_flags(e);
	return (fl & SMTPREPLY_X_ENHANCED) && !(fl & SMTPREPLY_X_PROVIDER);
}

static int is_provider_page(const smtpreply_expl *e)
{
	return (smtpreply_expl_flags(e) & SMTPREPLY_X_PROVIDER) != 0;
}

/* ---- Pieces of pages. ---- */

static void text_section(FILE *f, int level, enum smtpreply_heading h,
                         const smtpreply_expl *e, enum smtpreply_field field,
                         const char *lang)
{
	const char *t = smtpreply_expl_text_lang(e, field, lang);
	if (*t == '\0')
		return;
	fprintf(f, "<h%d>", level);
	html_puts(f, smtpreply_heading_text(h, lang));
	fprintf(f, "</h%d>\n<p>", level);
	html_puts(f, t);
	fputs("</p>\n", f);
}

/* Description, when you see it, how to fix: the seeds' three parts. */
static void three_parts(FILE *f, int level, const smtpreply_expl *e, const char *lang)
{
	text_section(f, level, SMTPREPLY_HEADING_DESCRIPTION, e, SMTPREPLY_FIELD_DESCRIPTION, lang);
	text_section(f, level, SMTPREPLY_HEADING_WHEN, e, SMTPREPLY_FIELD_WHEN, lang);
	text_section(f, level, SMTPREPLY_HEADING_FIX, e, SMTPREPLY_FIELD_FIX, lang);
}

static void source_line(FILE *f, const smtpreply_expl *e, const char *lang)
{
	const char *src = smtpreply_expl_text(e, SMTPREPLY_FIELD_SOURCE);
	if (*src == '\0')
		return;
	fputs("<p class=\"source\">", f);
	html_puts(f, html_word(W_SOURCE, lang));
	fputs(strcmp(lang, "fr") == 0 ? "\xc2\xa0: " : ": ", f);
	html_puts(f, src);
	fputs("</p>\n", f);
}

/* The class and the second digit's category of a reply code, as a small
 * definition list. */
static void code_facts(FILE *f, int code, const char *lang)
{
	fputs("<dl class=\"facts\">\n<dt>", f);
	html_puts(f, smtpreply_heading_text(SMTPREPLY_HEADING_CLASS, lang));
	fputs("</dt><dd>", f);
	html_puts(f, smtpreply_expl_text_lang(smtpreply_explain_class(code),
	                                      SMTPREPLY_FIELD_NAME, lang));
	fputs("</dd>\n<dt>", f);
	html_puts(f, smtpreply_heading_text(SMTPREPLY_HEADING_CATEGORY, lang));
	fputs("</dt><dd>", f);
	html_puts(f, smtpreply_expl_text_lang(smtpreply_explain_category(code),
	                                      SMTPREPLY_FIELD_NAME, lang));
	fputs("</dd>\n<dt>", f);
	html_puts(f, smtpreply_heading_text(SMTPREPLY_HEADING_ACTION, lang));
	fputs("</dt><dd>", f);
	char buf[16];
	snprintf(buf, sizeof buf, "%d x\r\n", code);
	struct smtpreply r;
	if (smtpreply_parse(buf, strlen(buf), NULL, &r) > 0) {
		enum smtpreply_action a = smtpreply_action(&r, SMTPREPLY_CMD_UNKNOWN);
		html_puts(f, smtpreply_action_text(a, lang));
		fputs(" — ", f);
		html_puts(f, smtpreply_action_description(a, lang));
	}
	fputs("</dd>\n</dl>\n", f);
}

static void link_code(FILE *f, const char *root_in_lang, int code, const char *lang)
{
	const smtpreply_expl *e = smtpreply_explain_code(code);
	fprintf(f, "<a href=\"%scode/%d.html\"><span class=\"code\">%d</span> ",
	        root_in_lang, code, code);
	html_puts(f, smtpreply_expl_text_lang(e, SMTPREPLY_FIELD_NAME, lang));
	fputs("</a>", f);
}

static void vs_name(char *out, size_t size, const struct pair *p)
{
	snprintf(out, size, "vs/%d-vs-%d.html", p->a, p->b);
}

/* ---- Reply code pages. ---- */

static void write_code_page(struct site *s, const struct code_page *c, const char *lang)
{
	char path[64], title[512];
	snprintf(path, sizeof path, "code/%d.html", c->code);
	FILE *f = open_page(s, lang, path);
	if (f == NULL)
		return;
	const char *name = smtpreply_expl_text_lang(c->base, SMTPREPLY_FIELD_NAME, lang);
	snprintf(title, sizeof title, "SMTP %d %s", c->code, name);
	struct html_page pg = {
		.lang = lang, .path = path, .root = "../../", .title = title,
		.summary = smtpreply_expl_text_lang(c->base, SMTPREPLY_FIELD_DESCRIPTION, lang)};
	html_head(f, &pg);
	fprintf(f, "<h1><span class=\"code\">SMTP %d</span> ", c->code);
	html_puts(f, name);
	fputs("</h1>\n", f);
	if (!standard(c->base)) {
		fputs("<p class=\"note\">", f);
		html_puts(f, html_word(W_NONSTANDARD, lang));
		fputs("</p>\n", f);
	}
	code_facts(f, c->code, lang);
	three_parts(f, 2, c->base, lang);

	int any = 0;
	for (int cmd = 1; cmd <= SMTPREPLY_CMD_ATRN; cmd++) {
		const smtpreply_expl *e = c->ctx[cmd];
		if (e == NULL)
			continue;
		if (!any) {
			fputs("<h2>", f);
			html_puts(f, html_word(W_BY_COMMAND, lang));
			fputs("</h2>\n", f);
			any = 1;
		}
		fprintf(f, "<section class=\"ctx\" id=\"after-%s\">\n<h3>",
		        smtpreply_command_name((enum smtpreply_command)cmd));
		html_printf(f, html_word(W_AFTER, lang),
		            smtpreply_command_name((enum smtpreply_command)cmd));
		fputs(": ", f);
		html_puts(f, smtpreply_expl_text_lang(e, SMTPREPLY_FIELD_NAME, lang));
		fputs("</h3>\n", f);
		three_parts(f, 4, e, lang);
		fputs("</section>\n", f);
	}

	any = 0;
	for (size_t i = 0; i < s->npairs; i++) {
		const struct pair *p = &s->pairs[i];
		if (p->a != c->code && p->b != c->code)
			continue;
		if (!any) {
			fputs("<h2>", f);
			html_puts(f, html_word(W_CONFUSED, lang));
			fputs("</h2>\n<ul class=\"pairs\">\n", f);
			any = 1;
		}
		char vs[64];
		vs_name(vs, sizeof vs, p);
		int other = p->a == c->code ? p->b : p->a;
		fprintf(f, "<li><a href=\"../%s\">%d vs %d</a>: ", vs, p->a, p->b);
		html_puts(f, smtpreply_expl_text_lang(smtpreply_explain_code(other),
		                                      SMTPREPLY_FIELD_NAME, lang));
		fputs("</li>\n", f);
	}
	if (any)
		fputs("</ul>\n", f);
	source_line(f, c->base, lang);
	html_foot(f, &pg, smtpreply_version());
	close_page(s, f);
}

/* ---- Enhanced code and provider pages. ---- */

static void write_entry_page(struct site *s, const smtpreply_expl *e,
                             const char *section, const char *lang)
{
	char sl[128], path[192], title[512];
	slug(e, sl, sizeof sl);
	snprintf(path, sizeof path, "%s/%s.html", section, sl);
	FILE *f = open_page(s, lang, path);
	if (f == NULL)
		return;
	const char *name = smtpreply_expl_text_lang(e, SMTPREPLY_FIELD_NAME, lang);
	snprintf(title, sizeof title, "SMTP %s %s", shown_key(e), name);
	struct html_page pg = {
		.lang = lang, .path = path, .root = "../../", .title = title,
		.summary = smtpreply_expl_text_lang(e, SMTPREPLY_FIELD_DESCRIPTION, lang)};
	html_head(f, &pg);
	fputs("<h1><span class=\"code\">", f);
	html_puts(f, shown_key(e));
	fputs("</span> ", f);
	html_puts(f, name);
	fputs("</h1>\n", f);
	if (!standard(e) && !is_provider_page(e)) {
		fputs("<p class=\"note\">", f);
		html_puts(f, html_word(W_NONSTANDARD, lang));
		fputs("</p>\n", f);
	}
	three_parts(f, 2, e, lang);

	/* Links up: an enhanced code's subject entry and the registered
	 * meaning of the code a provider gave its own meaning to. */
	int kl, su, de;
	if (smtpreply_expl_enhanced(e, &kl, &su, &de) && su >= 0 &&
	    (kl < 0 || kl == 2 || kl == 4 || kl == 5)) { /* not Google's "7.7.1" */
		fputs("<h2>", f);
		html_puts(f, html_word(W_SEE_ALSO, lang));
		fputs("</h2>\n<ul>\n", f);
		const smtpreply_expl *reg = smtpreply_explain_enhanced(kl < 0 ? 5 : kl, su, de < 0 ? 0 : de);
		if (is_provider_page(e) && de >= 0 && !(smtpreply_expl_flags(reg) & SMTPREPLY_X_FALLBACK)) {
			char rs[128];
			slug(reg, rs, sizeof rs);
			fputs("<li>", f);
			html_puts(f, html_word(W_REGISTRY, lang));
			fprintf(f, ": <a href=\"../enhanced/%s.html\">", rs);
			html_puts(f, shown_key(reg));
			fputs("</a> ", f);
			html_puts(f, smtpreply_expl_text_lang(reg, SMTPREPLY_FIELD_NAME, lang));
			fputs("</li>\n", f);
		}
		const smtpreply_expl *subj = smtpreply_explain_enhanced(kl < 0 ? 5 : kl, su, 999);
		if (subj != e) {
			char ss[128];
			slug(subj, ss, sizeof ss);
			fprintf(f, "<li><a href=\"../enhanced/%s.html\">", ss);
			html_puts(f, shown_key(subj));
			fputs("</a> ", f);
			html_puts(f, smtpreply_expl_text_lang(subj, SMTPREPLY_FIELD_NAME, lang));
			fputs("</li>\n", f);
		}
		fputs("</ul>\n", f);
	}
	source_line(f, e, lang);
	html_foot(f, &pg, smtpreply_version());
	close_page(s, f);
}

/* ---- Reason pages. ---- */

static void write_reason_page(struct site *s, enum smtpreply_reason r, const char *lang)
{
	char path[96];
	snprintf(path, sizeof path, "reason/%s.html", smtpreply_reason_name(r));
	FILE *f = open_page(s, lang, path);
	if (f == NULL)
		return;
	const char *name = smtpreply_reason_text(r, lang);
	const char *desc = smtpreply_reason_description(r, lang);
	struct html_page pg = {.lang = lang, .path = path, .root = "../../",
	                       .title = name, .summary = desc};
	html_head(f, &pg);
	fputs("<h1>", f);
	html_puts(f, name);
	fputs("</h1>\n<h2>", f);
	html_puts(f, smtpreply_heading_text(SMTPREPLY_HEADING_DESCRIPTION, lang));
	fputs("</h2>\n<p>", f);
	html_puts(f, desc);
	fputs("</p>\n<h2>", f);
	html_puts(f, smtpreply_heading_text(SMTPREPLY_HEADING_WHO, lang));
	fputs("</h2>\n<p>", f);
	html_puts(f, smtpreply_party_text(smtpreply_reason_party(r), lang));
	fputs("</p>\n", f);
	html_foot(f, &pg, smtpreply_version());
	close_page(s, f);
}

/* ---- "A vs B" pages. ---- */

static void write_vs_page(struct site *s, const struct pair *p, const char *lang)
{
	char path[64];
	vs_name(path, sizeof path, p);
	FILE *f = open_page(s, lang, path);
	if (f == NULL)
		return;
	site_vs_page(f, p->a, p->b, p->cmds, lang, "../../");
	close_page(s, f);
}

/* ---- Index pages and the search index. ---- */

/* One entry of the search index: what is matched (keys and title), the
 * code shown in the result, and where it leads, relative to the language
 * folder. */
static void index_entry(FILE *js, int *first, const char *key, const char *shown,
                        const char *title, const char *url)
{
	fputs(*first ? "\n" : ",\n", js);
	*first = 0;
	fputs("{\"k\":", js);
	html_json_string(js, key);
	fputs(",\"c\":", js);
	html_json_string(js, shown);
	fputs(",\"t\":", js);
	html_json_string(js, title);
	fputs(",\"u\":", js);
	html_json_string(js, url);
	fputc('}', js);
}

/* Keys a person types for an enhanced entry "X.7.26": also "4.7.26" and
 * "5.7.26", so that the search finds it by the code in their bounce. */
static void enhanced_aliases(const smtpreply_expl *e, char *out, size_t size)
{
	const char *k = shown_key(e);
	if (k[0] == 'X' && k[1] == '.')
		snprintf(out, size, "%s 2%s 4%s 5%s", k, k + 1, k + 1, k + 1);
	else
		snprintf(out, size, "%s", k);
}

static void write_search_index(struct site *s, const char *lang)
{
	/* Written twice from one walk: as JSON for programs and as a script
	 * for the page (file:// forbids fetching the JSON). */
	FILE *json = open_page(s, lang, "search-index.json");
	FILE *js = open_page(s, lang, "search-index.js");
	if (json == NULL || js == NULL) {
		if (json) close_page(s, json);
		if (js) close_page(s, js);
		return;
	}
	FILE *out[2] = {json, js};
	fputs("window.SMTPREPLY_INDEX = ", js);
	for (int o = 0; o < 2; o++) {
		FILE *f = out[o];
		int first = 1;
		char key[128], url[192], sl[128];
		fputc('[', f);
		for (size_t i = 0; i < s->ncodes; i++) {
			const struct code_page *c = &s->codes[i];
			snprintf(key, sizeof key, "%d", c->code);
			snprintf(url, sizeof url, "code/%d.html", c->code);
			index_entry(f, &first, key, key,
			            smtpreply_expl_text_lang(c->base, SMTPREPLY_FIELD_NAME, lang), url);
		}
		size_t n = smtpreply_expl_count();
		for (size_t i = 0; i < n; i++) {
			const smtpreply_expl *e = smtpreply_expl_at(i);
			const char *section = is_provider_page(e) ? "provider"
			                      : is_enhanced_page(e) ? "enhanced" : NULL;
			if (section == NULL)
				continue;
			slug(e, sl, sizeof sl);
			snprintf(url, sizeof url, "%s/%s.html", section, sl);
			if (is_enhanced_page(e))
				enhanced_aliases(e, key, sizeof key);
			else
				snprintf(key, sizeof key, "%s", shown_key(e));
			index_entry(f, &first, key, shown_key(e),
			            smtpreply_expl_text_lang(e, SMTPREPLY_FIELD_NAME, lang), url);
		}
		for (size_t i = 0; i < s->npairs; i++) {
			const struct pair *p = &s->pairs[i];
			snprintf(key, sizeof key, "%d vs %d", p->a, p->b);
			vs_name(url, sizeof url, p);
			index_entry(f, &first, key, key, "", url);
		}
		for (int r = 1; r < SMTPREPLY_REASON_COUNT; r++) {
			enum smtpreply_reason rr = (enum smtpreply_reason)r;
			snprintf(url, sizeof url, "reason/%s.html", smtpreply_reason_name(rr));
			index_entry(f, &first, smtpreply_reason_name(rr), "",
			            smtpreply_reason_text(rr, lang), url);
		}
		fputs("\n]", f);
	}
	fputs(";\n", js);
	fputc('\n', json);
	close_page(s, json);
	close_page(s, js);
}

static void list_item_entry(FILE *f, const smtpreply_expl *e, const char *section,
                            const char *lang)
{
	char sl[128];
	slug(e, sl, sizeof sl);
	fprintf(f, "<li><a href=\"%s/%s.html\"><span class=\"code\">", section, sl);
	html_puts(f, shown_key(e));
	fputs("</span> ", f);
	html_puts(f, smtpreply_expl_text_lang(e, SMTPREPLY_FIELD_NAME, lang));
	fputs("</a></li>\n", f);
}

static void heading(FILE *f, int level, const char *id, const char *text)
{
	fprintf(f, "<h%d id=\"%s\">", level, id);
	html_puts(f, text);
	fprintf(f, "</h%d>\n", level);
}

static void write_lang_index(struct site *s, const char *lang)
{
	FILE *f = open_page(s, lang, "index.html");
	if (f == NULL)
		return;
	static const char *const scripts[] = {"search-index.js", "../assets/search.js", NULL};
	struct html_page pg = {.lang = lang, .path = "index.html", .root = "../",
	                       .title = html_word(W_SITE, lang), .scripts = scripts};
	html_head(f, &pg);
	fputs("<h1>", f);
	html_puts(f, html_word(W_SITE, lang));
	fputs("</h1>\n", f);

	/* The search box works on the script index; without script the page
	 * below lists everything anyway. */
	fputs("<form class=\"search\" role=\"search\" action=\"#\" hidden>\n<label for=\"q\">", f);
	html_puts(f, html_word(W_SEARCH, lang));
	fputs("</label>\n<input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\" placeholder=\"", f);
	html_puts(f, html_word(W_SEARCH_HINT, lang));
	fputs("\">\n<p id=\"none\" hidden>", f);
	html_puts(f, html_word(W_NO_RESULTS, lang));
	fputs("</p>\n<ul id=\"results\" aria-live=\"polite\"></ul>\n</form>\n", f);

	if (s->wasm) {
		fputs("<p class=\"try\"><a href=\"explain.html\">", f);
		html_puts(f, html_word(W_EXPLAIN_TITLE, lang));
		fputs("</a></p>\n", f);
	}
	fputs("<nav class=\"toc\" aria-label=\"", f);
	html_puts(f, html_word(W_HOME, lang));
	fputs("\"><ul>\n", f);
	static const struct { const char *id; enum site_word w; } toc[] = {
		{"codes", W_REPLY_CODES}, {"enhanced", W_ENHANCED}, {"providers", W_PROVIDERS},
		{"reasons", W_REASONS}, {"comparisons", W_COMPARISONS}};
	for (size_t i = 0; i < sizeof toc / sizeof toc[0]; i++) {
		fprintf(f, "<li><a href=\"#%s\">", toc[i].id);
		html_puts(f, html_word(toc[i].w, lang));
		fputs("</a></li>\n", f);
	}
	fputs("</ul></nav>\n", f);

	heading(f, 2, "codes", html_word(W_REPLY_CODES, lang));
	for (int klass = 1; klass <= 5; klass++) {
		char id[16], k[4];
		snprintf(id, sizeof id, "class-%d", klass);
		snprintf(k, sizeof k, "%d", klass);
		fprintf(f, "<h3 id=\"%s\">", id);
		html_printf(f, html_word(W_CLASS_OF, lang), k);
		fputs(" — ", f);
		html_puts(f, smtpreply_expl_text_lang(smtpreply_explain_class(klass * 100),
		                                      SMTPREPLY_FIELD_NAME, lang));
		fputs("</h3>\n<ul class=\"entries\">\n", f);
		for (size_t i = 0; i < s->ncodes; i++)
			if (s->codes[i].code / 100 == klass) {
				fputs("<li>", f);
				link_code(f, "", s->codes[i].code, lang);
				fputs("</li>\n", f);
			}
		fputs("</ul>\n", f);
	}

	heading(f, 2, "enhanced", html_word(W_ENHANCED, lang));
	size_t n = smtpreply_expl_count();
	int subject = -2;
	for (size_t i = 0; i < n; i++) {
		const smtpreply_expl *e = smtpreply_expl_at(i);
		int kl, su, de;
		if (!is_enhanced_page(e) || !smtpreply_expl_enhanced(e, &kl, &su, &de))
			continue;
		if (su != subject) {
			if (subject != -2)
				fputs("</ul>\n", f);
			subject = su;
			fputs("<ul class=\"entries\">\n", f);
		}
		list_item_entry(f, e, "enhanced", lang);
	}
	if (subject != -2)
		fputs("</ul>\n", f);

	heading(f, 2, "providers", html_word(W_PROVIDERS, lang));
	fputs("<ul class=\"entries\">\n", f);
	for (size_t i = 0; i < n; i++) {
		const smtpreply_expl *e = smtpreply_expl_at(i);
		if (is_provider_page(e))
			list_item_entry(f, e, "provider", lang);
	}
	fputs("</ul>\n", f);

	heading(f, 2, "reasons", html_word(W_REASONS, lang));
	fputs("<ul class=\"entries\">\n", f);
	for (int r = 1; r < SMTPREPLY_REASON_COUNT; r++) {
		enum smtpreply_reason rr = (enum smtpreply_reason)r;
		fprintf(f, "<li><a href=\"reason/%s.html\">", smtpreply_reason_name(rr));
		html_puts(f, smtpreply_reason_text(rr, lang));
		fputs("</a></li>\n", f);
	}
	fputs("</ul>\n", f);

	heading(f, 2, "comparisons", html_word(W_COMPARISONS, lang));
	fputs("<ul class=\"entries\">\n", f);
	for (size_t i = 0; i < s->npairs && i < 5; i++) {
		char vs[64];
		vs_name(vs, sizeof vs, &s->pairs[i]);
		fprintf(f, "<li><a href=\"%s\">%d vs %d</a></li>\n", vs, s->pairs[i].a,
		        s->pairs[i].b);
	}
	fputs("<li><a href=\"vs/index.html\">", f);
	html_puts(f, html_word(W_ALL_PAIRS, lang));
	fputs("</a></li>\n</ul>\n", f);
	html_foot(f, &pg, smtpreply_version());
	close_page(s, f);
}

static void write_vs_index(struct site *s, const char *lang)
{
	FILE *f = open_page(s, lang, "vs/index.html");
	if (f == NULL)
		return;
	struct html_page pg = {.lang = lang, .path = "vs/index.html", .root = "../../",
	                       .title = html_word(W_ALL_PAIRS, lang)};
	html_head(f, &pg);
	fputs("<h1>", f);
	html_puts(f, html_word(W_ALL_PAIRS, lang));
	fputs("</h1>\n<ul class=\"entries\">\n", f);
	for (size_t i = 0; i < s->npairs; i++) {
		const struct pair *p = &s->pairs[i];
		fprintf(f, "<li><a href=\"%d-vs-%d.html\">%d vs %d</a>: ", p->a, p->b, p->a, p->b);
		html_puts(f, smtpreply_expl_text_lang(smtpreply_explain_code(p->a),
		                                      SMTPREPLY_FIELD_NAME, lang));
		fputs(" / ", f);
		html_puts(f, smtpreply_expl_text_lang(smtpreply_explain_code(p->b),
		                                      SMTPREPLY_FIELD_NAME, lang));
		fputs("</li>\n", f);
	}
	fputs("</ul>\n", f);
	html_foot(f, &pg, smtpreply_version());
	close_page(s, f);
}

/* The site's front door: the four languages. */
static void write_root_index(struct site *s)
{
	FILE *f = open_page(s, NULL, "index.html");
	if (f == NULL)
		return;
	struct html_page pg = {.lang = "en", .root = "", .title = html_word(W_SITE, "en")};
	html_head(f, &pg);
	fputs("<h1>", f);
	html_puts(f, html_word(W_SITE, "en"));
	fputs("</h1>\n<ul class=\"langs-big\">\n", f);
	for (size_t i = 0; i < HTML_NLANGS; i++) {
		const char *l = html_langs[i];
		fprintf(f, "<li><a href=\"%s/index.html\" hreflang=\"%s\" lang=\"%s\">%s — ",
		        l, l, l, html_lang_name(l));
		html_puts(f, html_word(W_SITE, l));
		fputs("</a></li>\n", f);
	}
	fputs("</ul>\n", f);
	html_foot(f, &pg, smtpreply_version());
	close_page(s, f);
}

/* ---- The page that explains a pasted reply, in the browser. ---- */

static void data_label(FILE *f, const char *name, const char *text)
{
	fprintf(f, " data-%s=\"", name);
	html_puts(f, text);
	fputc('"', f);
}

static void write_explain_page(struct site *s, const char *lang)
{
	FILE *f = open_page(s, lang, "explain.html");
	if (f == NULL)
		return;
	static const char *const scripts[] = {"../assets/smtpreply-wasm.js",
	                                      "../assets/explain.js", NULL};
	struct html_page pg = {.lang = lang, .path = "explain.html", .root = "../",
	                       .title = html_word(W_EXPLAIN_TITLE, lang),
	                       .summary = html_word(W_EXPLAIN_INTRO, lang),
	                       .scripts = scripts};
	html_head(f, &pg);
	fputs("<h1>", f);
	html_puts(f, html_word(W_EXPLAIN_TITLE, lang));
	fputs("</h1>\n<p>", f);
	html_puts(f, html_word(W_EXPLAIN_INTRO, lang));
	fputs("</p>\n<noscript><p class=\"note\">", f);
	html_puts(f, html_word(W_NEEDS_SCRIPT, lang));
	fputs("</p></noscript>\n", f);
	/* The script's words come from the library and this file, in the
	 * page's language, as data attributes. */
	fprintf(f, "<form id=\"explain\" class=\"explain\" hidden data-lang=\"%s\"", lang);
	data_label(f, "description", smtpreply_heading_text(SMTPREPLY_HEADING_DESCRIPTION, lang));
	data_label(f, "when", smtpreply_heading_text(SMTPREPLY_HEADING_WHEN, lang));
	data_label(f, "fix", smtpreply_heading_text(SMTPREPLY_HEADING_FIX, lang));
	data_label(f, "action", smtpreply_heading_text(SMTPREPLY_HEADING_ACTION, lang));
	data_label(f, "reason", smtpreply_heading_text(SMTPREPLY_HEADING_REASON, lang));
	data_label(f, "who", smtpreply_heading_text(SMTPREPLY_HEADING_WHO, lang));
	data_label(f, "enhanced", smtpreply_heading_text(SMTPREPLY_HEADING_ENHANCED, lang));
	data_label(f, "verdict", html_word(W_VERDICT, lang));
	data_label(f, "confidence", html_word(W_CONFIDENCE, lang));
	data_label(f, "provider", html_word(W_PROVIDERS, lang));
	data_label(f, "notreply", html_word(W_NOT_REPLY, lang));
	data_label(f, "none", html_word(W_NO_RESULTS, lang));
	fputs(">\n<label for=\"reply\">", f);
	html_puts(f, html_word(W_PASTE, lang));
	fputs("</label>\n<textarea id=\"reply\" rows=\"5\" spellcheck=\"false\">"
	      "550 5.1.1 &lt;bob@example.org&gt;: Recipient address rejected: User unknown"
	      "</textarea>\n<label for=\"cmd\">", f);
	html_puts(f, html_word(W_COMMAND, lang));
	fputs("</label>\n<select id=\"cmd\">\n<option value=\"\">", f);
	html_puts(f, html_word(W_ANY_COMMAND, lang));
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
	html_puts(f, html_word(W_EXPLAIN_BUTTON, lang));
	fputs("</button>\n</form>\n<div id=\"out\" aria-live=\"polite\"></div>\n", f);
	html_foot(f, &pg, smtpreply_version());
	close_page(s, f);
}

/* The WebAssembly module as a script that sets window.SMTPREPLY_WASM to
 * its bytes in base64: a page opened from file:// may run a script but
 * not fetch a file. */
static void write_wasm_asset(struct site *s)
{
	FILE *in = fopen(s->wasm, "rb");
	if (in == NULL) {
		fprintf(stderr, "smtpreply site: cannot read %s: %s\n", s->wasm, strerror(errno));
		s->failed = 1;
		return;
	}
	FILE *f = open_page(s, "assets", "smtpreply-wasm.js");
	if (f == NULL) {
		fclose(in);
		return;
	}
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned char b[3];
	size_t n, col = 0;
	fputs("/* libsmtpreply compiled to WebAssembly (wasm/site_explain.c). */\n"
	      "window.SMTPREPLY_WASM = \"", f);
	while ((n = fread(b, 1, 3, in)) > 0) {
		unsigned v = (unsigned)b[0] << 16 | (n > 1 ? (unsigned)b[1] << 8 : 0) |
		             (n > 2 ? b[2] : 0);
		char q[4] = {b64[v >> 18], b64[(v >> 12) & 63],
		             n > 1 ? b64[(v >> 6) & 63] : '=', n > 2 ? b64[v & 63] : '='};
		fwrite(q, 1, 4, f);
		if (++col % 19 == 0) /* 76-column lines, joined by the backslash */
			fputs("\\\n", f);
		if (n < 3)
			break;
	}
	if (ferror(in))
		s->failed = 1;
	fclose(in);
	fputs("\";\n", f);
	close_page(s, f);
}

static void write_asset(struct site *s, const char *name, const char *text)
{
	FILE *f = open_page(s, "assets", name);
	if (f == NULL)
		return;
	fputs(text, f);
	close_page(s, f);
}

int site_write(const char *dir, const char *wasm)
{
	static struct site s; /* large; one site per run */
	memset(&s, 0, sizeof s);
	s.dir = dir;
	s.wasm = wasm;
	collect_codes(&s);
	collect_pairs(&s);

	static const char *const sections[] = {"code", "enhanced", "provider", "reason", "vs"};
	char path[4096];
	if (make_dir(dir))
		return -1;
	snprintf(path, sizeof path, "%s/assets", dir);
	if (make_dir(path))
		return -1;
	write_asset(&s, "site.css", site_css);
	write_asset(&s, "search.js", site_search_js);
	if (wasm) {
		write_asset(&s, "explain.js", site_explain_js);
		write_wasm_asset(&s);
	}
	write_root_index(&s);

	size_t n = smtpreply_expl_count();
	for (size_t l = 0; l < HTML_NLANGS; l++) {
		const char *lang = html_langs[l];
		snprintf(path, sizeof path, "%s/%s", dir, lang);
		if (make_dir(path))
			return -1;
		for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
			snprintf(path, sizeof path, "%s/%s/%s", dir, lang, sections[i]);
			if (make_dir(path))
				return -1;
		}
		write_lang_index(&s, lang);
		write_search_index(&s, lang);
		write_vs_index(&s, lang);
		if (wasm)
			write_explain_page(&s, lang);
		for (size_t i = 0; i < s.ncodes; i++)
			write_code_page(&s, &s.codes[i], lang);
		for (size_t i = 0; i < n; i++) {
			const smtpreply_expl *e = smtpreply_expl_at(i);
			if (is_enhanced_page(e))
				write_entry_page(&s, e, "enhanced", lang);
			else if (is_provider_page(e))
				write_entry_page(&s, e, "provider", lang);
		}
		for (int r = 1; r < SMTPREPLY_REASON_COUNT; r++)
			write_reason_page(&s, (enum smtpreply_reason)r, lang);
		for (size_t i = 0; i < s.npairs; i++)
			write_vs_page(&s, &s.pairs[i], lang);
	}
	return s.failed ? -1 : 0;
}
