/* render_html.c - HTML output: the page frame shared by the reference
 * website's pages, the "A vs B" page in the seeds' form, and the compare
 * operation of `smtpreply compare --html` (a page that stands alone). */
#include "esc.h"
#include "html.h"
#include "model.h"
#include "msg.h"
#include "render.h"
#include "run.h"

#include <stdlib.h>
#include <string.h>

void html_text(FILE *f, const char *s)
{
	esc_html_str(f, s);
}

void html_msg(FILE *f, enum msg id, const char *lang)
{
	esc_html_str(f, msg(id, lang));
}

void html_msgf(FILE *f, enum msg id, const char *lang, const char *arg)
{
	const char *t = msg(id, lang);
	const char *p = strstr(t, "%s");
	if (p == NULL) {
		esc_html_str(f, t);
		return;
	}
	esc_html(f, t, (size_t)(p - t));
	esc_html_str(f, arg);
	esc_html_str(f, p + 2);
}

void html_section(FILE *f, int level, const char *heading, const char *text)
{
	if (text == NULL || *text == '\0')
		return;
	fprintf(f, "<h%d>", level);
	html_text(f, heading);
	fprintf(f, "</h%d>\n<p>", level);
	html_text(f, text);
	fputs("</p>\n", f);
}

static const char *lang_name(const char *lang)
{
	static const char *const names[SITE_NLANGS] = {"English", "한국어", "日本語", "Français"};
	for (size_t i = 0; i < SITE_NLANGS; i++)
		if (strcmp(lang, site_langs[i]) == 0)
			return names[i];
	return lang;
}

void html_head(FILE *f, const struct html_page *pg)
{
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	           "<title>", pg->lang);
	html_text(f, pg->title);
	fputs(" · ", f);
	html_msg(f, M_SITE_TITLE, pg->lang);
	fputs("</title>\n", f);
	if (pg->summary && *pg->summary) {
		fputs("<meta name=\"description\" content=\"", f);
		html_text(f, pg->summary);
		fputs("\">\n", f);
	}
	if (pg->standalone) {
		fputs("<style>\n", f);
		html_css(f);
		fputs("</style>\n", f);
	} else {
		fprintf(f, "<link rel=\"stylesheet\" href=\"%sassets/site.css\">\n", pg->root);
	}
	if (pg->path && !pg->standalone) {
		for (size_t i = 0; i < SITE_NLANGS; i++)
			fprintf(f, "<link rel=\"alternate\" hreflang=\"%s\" href=\"%s%s/%s\">\n",
			        site_langs[i], pg->root, site_langs[i], pg->path);
		fprintf(f, "<link rel=\"alternate\" hreflang=\"x-default\" href=\"%sen/%s\">\n",
		        pg->root, pg->path);
	}
	fputs("</head>\n<body>\n<a class=\"skip\" href=\"#main\">", f);
	html_msg(f, M_SITE_SKIP, pg->lang);
	fputs("</a>\n<header class=\"top\">\n", f);
	if (pg->standalone) {
		fputs("<span class=\"brand\">", f);
		html_msg(f, M_SITE_TITLE, pg->lang);
		fputs("</span>\n", f);
	} else {
		fprintf(f, "<a class=\"brand\" href=\"%s%s/index.html\">", pg->root, pg->lang);
		html_msg(f, M_SITE_TITLE, pg->lang);
		fputs("</a>\n", f);
	}
	if (pg->path && !pg->standalone) {
		fputs("<nav class=\"langs\" aria-label=\"", f);
		html_msg(f, M_SITE_LANGUAGES, pg->lang);
		fputs("\"><ul>\n", f);
		for (size_t i = 0; i < SITE_NLANGS; i++) {
			const char *l = site_langs[i];
			fprintf(f, "<li><a href=\"%s%s/%s\" hreflang=\"%s\" lang=\"%s\"%s>%s</a></li>\n",
			        pg->root, l, pg->path, l, l,
			        strcmp(l, pg->lang) == 0 ? " aria-current=\"page\"" : "",
			        lang_name(l));
		}
		fputs("</ul></nav>\n", f);
	}
	fputs("</header>\n<main id=\"main\">\n", f);
}

void html_foot(FILE *f, const struct html_page *pg)
{
	fputs("</main>\n<footer>\n<p>", f);
	html_msgf(f, M_SITE_GENERATED, pg->lang, smtpreply_version());
	fputs("</p>\n</footer>\n", f);
	for (size_t i = 0; pg->scripts && pg->scripts[i]; i++)
		fprintf(f, "<script src=\"%s\"></script>\n", pg->scripts[i]);
	fputs("</body>\n</html>\n", f);
}

/* ---- "A vs B" ---- */

/* One part of the page's text (smtpreply_compare_text), escaped; returns
 * 0 when there is no such part. */
static size_t part(FILE *f, const struct site_side *a, const struct site_side *b,
                   enum smtpreply_compare_part which, size_t index, const char *lang)
{
	char buf[4096];
	size_t n = smtpreply_compare_text(buf, sizeof buf, &a->side, &b->side, which, index, lang);
	if (n == 0)
		return 0;
	if (n < sizeof buf) {
		html_text(f, buf);
		return n;
	}
	char *big = malloc(n + 1);
	if (big == NULL)
		return 0;
	smtpreply_compare_text(big, n + 1, &a->side, &b->side, which, index, lang);
	html_text(f, big);
	free(big);
	return n;
}

static const char *field(const smtpreply_expl *e, enum smtpreply_field fl, const char *lang)
{
	return smtpreply_expl_text_lang(e, fl, lang);
}

void html_vs_page(FILE *f, const struct site_side *a, const struct site_side *b,
                  unsigned cmds, const char *lang, int standalone)
{
	char path[160], title[1024];
	const struct site_side *side[2] = {a, b};
	snprintf(path, sizeof path, "vs/%s-vs-%s.html", a->label, b->label);
	smtpreply_compare_text(title, sizeof title, &a->side, &b->side,
	                       SMTPREPLY_COMPARE_TITLE, 0, lang);
	struct html_page pg = {.lang = lang, .path = path, .root = "../../",
	                       .title = title, .standalone = standalone};
	html_head(f, &pg);
	fputs("<h1>", f);
	html_text(f, title);
	fputs("</h1>\n<p class=\"summary\">", f);
	part(f, a, b, SMTPREPLY_COMPARE_SUMMARY, 0, lang);
	fputs("</p>\n", f);

	/* Each code: description, when you see it, how to fix. */
	for (int i = 0; i < 2; i++) {
		const smtpreply_expl *e = side[i]->side.entry;
		fputs("<section class=\"code-part\">\n<h2>SMTP ", f);
		html_text(f, side[i]->label);
		fputc(' ', f);
		html_text(f, field(e, SMTPREPLY_FIELD_NAME, lang));
		fputs("</h2>\n", f);
		if (side[i]->text) { /* what the server wrote, escaped */
			struct smtpreply_iter it = {0};
			struct smtpreply_str line;
			fputs("<pre class=\"lines\">", f);
			for (int l = 0; smtpreply_next_line(side[i]->text, &it, &line); l++) {
				fputs(l ? "\n" : "", f);
				esc_html(f, line.ptr, line.len);
			}
			fputs("</pre>\n", f);
		}
		html_section(f, 3, smtpreply_heading_text(SMTPREPLY_HEADING_DESCRIPTION, lang),
		             field(e, SMTPREPLY_FIELD_DESCRIPTION, lang));
		html_section(f, 3, smtpreply_heading_text(SMTPREPLY_HEADING_WHEN, lang),
		             field(e, SMTPREPLY_FIELD_WHEN, lang));
		html_section(f, 3, smtpreply_heading_text(SMTPREPLY_HEADING_FIX, lang),
		             field(e, SMTPREPLY_FIELD_FIX, lang));
		fputs("</section>\n", f);
	}

	/* After a command both can answer, each code has a meaning of its
	 * own ("after RCPT, 450 ...; 550 ..."). */
	for (int c = 1; c < SITE_NCMDS && a->code && b->code; c++) {
		if (!(cmds & (1u << c)))
			continue;
		const char *cmd = smtpreply_command_name((enum smtpreply_command)c);
		fprintf(f, "<section class=\"ctx\" id=\"after-%s\">\n<h2>", cmd);
		html_msgf(f, M_SITE_AFTER, lang, cmd);
		fputs("</h2>\n<ul>\n", f);
		for (int i = 0; i < 2; i++) {
			const smtpreply_expl *e =
				smtpreply_explain_code_after(side[i]->code, (enum smtpreply_command)c);
			fputs("<li><strong>", f);
			if (!standalone)
				fprintf(f, "<a href=\"../code/%d.html#after-%s\">", side[i]->code, cmd);
			fprintf(f, "SMTP %d ", side[i]->code);
			html_text(f, field(e, SMTPREPLY_FIELD_NAME, lang));
			fputs(standalone ? "</strong>" : "</a></strong>", f);
			html_msgf(f, M_JOIN_TAIL, lang, field(e, SMTPREPLY_FIELD_DESCRIPTION, lang));
			fputs("</li>\n", f);
		}
		fputs("</ul>\n</section>\n", f);
	}

	fputs("<h2>", f);
	html_text(f, smtpreply_heading_text(SMTPREPLY_HEADING_DIFFERENCES, lang));
	fputs("</h2>\n<ol class=\"differences\">\n", f);
	for (size_t i = 0; smtpreply_compare_text(NULL, 0, &a->side, &b->side,
	                                          SMTPREPLY_COMPARE_POINT, i, lang); i++) {
		fputs("<li>", f);
		part(f, a, b, SMTPREPLY_COMPARE_POINT, i, lang);
		fputs("</li>\n", f);
	}
	fputs("</ol>\n<h2>", f);
	html_text(f, smtpreply_heading_text(SMTPREPLY_HEADING_WHICH, lang));
	fputs("</h2>\n<ul class=\"which\">\n", f);
	for (size_t i = 0; i < 2; i++) {
		fputs("<li>", f);
		part(f, a, b, SMTPREPLY_COMPARE_WHICH, i, lang);
		fputs("</li>\n", f);
	}
	fputs("</ul>\n", f);
	if (!standalone && a->code && b->code) {
		fprintf(f, "<p class=\"see\"><a href=\"../code/%d.html\">SMTP %d</a> · "
		           "<a href=\"../code/%d.html\">SMTP %d</a> · <a href=\"index.html\">",
		        a->code, a->code, b->code, b->code);
		html_msg(f, M_SITE_ALL_PAIRS, lang);
		fputs("</a></p>\n", f);
	}
	html_foot(f, &pg);
}

/* compare --html: the two operands as one page that stands alone, from
 * the same sides the text and JSON renderers use (item_side). */
static void side_of_item(struct site_side *s, const struct item *it,
                         enum smtpreply_command cmd)
{
	memset(s, 0, sizeof *s);
	item_side(it, cmd, &s->side, s->label, sizeof s->label);
	if (it->kind == K_REPLY && !it->has_text)
		s->code = it->r.code;
	if (it->kind == K_REPLY && it->has_text)
		s->text = &it->r;
}

static void compare(const struct run *run, const struct item *a,
                    const struct item *b, enum smtpreply_command cmd)
{
	struct site_side sa, sb;
	side_of_item(&sa, a, cmd);
	side_of_item(&sb, b, cmd);
	html_vs_page(run->out, &sa, &sb, 0, run->lang, 1);
}

const struct render render_html = {.compare = compare};
