/* render_html.c - HTML output: the page frame shared by the reference
 * website's pages, the "A vs B" page in the seeds' form, and the compare
 * operation of `smtpreply compare --html` (a page that stands alone). */
#include "esc.h"
#include "html.h"
#include "model.h"
#include "msg.h"
#include "render.h"
#include "run.h"

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

void html_side_of_code(struct html_side *side, int code)
{
	memset(side, 0, sizeof *side);
	snprintf(side->label, sizeof side->label, "%d", code);
	side->code = code;
	side->e = smtpreply_explain_code(code);
	side->class_e = smtpreply_explain_class(code);
	side->act = site_code_action(code);
	side->party = site_code_party(code);
}

static void side_title(FILE *f, const struct html_side *s, const char *lang)
{
	fputs("SMTP ", f);
	html_text(f, s->label);
	fputc(' ', f);
	html_text(f, smtpreply_expl_text_lang(s->e, SMTPREPLY_FIELD_NAME, lang));
}

/* One numbered point of "Key differences": a label, a line per side. */
static void point(FILE *f, const char *label, const struct html_side *a,
                  const char *ta, const struct html_side *b, const char *tb)
{
	fputs("<li><strong>", f);
	html_text(f, label);
	fputs("</strong>\n<ul>\n<li><span class=\"code\">", f);
	html_text(f, a->label);
	fputs("</span> ", f);
	html_text(f, ta);
	fputs("</li>\n<li><span class=\"code\">", f);
	html_text(f, b->label);
	fputs("</span> ", f);
	html_text(f, tb);
	fputs("</li>\n</ul></li>\n", f);
}

static const char *field(const smtpreply_expl *e, enum smtpreply_field fl, const char *lang)
{
	return smtpreply_expl_text_lang(e, fl, lang);
}

void html_vs_page(FILE *f, const struct html_side *a, const struct html_side *b,
                  unsigned cmds, const char *lang, int standalone)
{
	char path[160], title[768];
	const struct html_side *side[2] = {a, b};
	snprintf(path, sizeof path, "vs/%s-vs-%s.html", a->label, b->label);
	snprintf(title, sizeof title, "SMTP %s %s vs %s %s", a->label,
	         field(a->e, SMTPREPLY_FIELD_NAME, lang), b->label,
	         field(b->e, SMTPREPLY_FIELD_NAME, lang));
	struct html_page pg = {.lang = lang, .path = path, .root = "../../",
	                       .title = title, .standalone = standalone};
	html_head(f, &pg);
	fputs("<h1>", f);
	side_title(f, a, lang);
	fputs(" <span class=\"vs\">vs</span> ", f);
	side_title(f, b, lang);
	fputs("</h1>\n", f);

	/* The summary: each code's class and meaning. */
	fputs("<p class=\"summary\">", f);
	for (int i = 0; i < 2; i++) {
		char head[96];
		snprintf(head, sizeof head, "SMTP %s (%s)", side[i]->label,
		         field(side[i]->class_e, SMTPREPLY_FIELD_NAME, lang));
		fputs("<strong>", f);
		html_text(f, head);
		fputs("</strong>", f);
		html_msgf(f, M_JOIN_TAIL, lang, field(side[i]->e, SMTPREPLY_FIELD_DESCRIPTION, lang));
		fputs(i == 0 ? "<br>\n" : "</p>\n", f);
	}

	/* Each code: description, when you see it, how to fix. */
	for (int i = 0; i < 2; i++) {
		fputs("<section class=\"code-part\">\n<h2>", f);
		side_title(f, side[i], lang);
		fputs("</h2>\n", f);
		if (side[i]->reply) { /* what the server wrote, escaped */
			struct smtpreply_iter it = {0};
			struct smtpreply_str line;
			fputs("<pre class=\"lines\">", f);
			for (int l = 0; smtpreply_next_line(side[i]->reply, &it, &line); l++) {
				fputs(l ? "\n" : "", f);
				esc_html(f, line.ptr, line.len);
			}
			fputs("</pre>\n", f);
		}
		html_section(f, 3, smtpreply_heading_text(SMTPREPLY_HEADING_DESCRIPTION, lang),
		             field(side[i]->e, SMTPREPLY_FIELD_DESCRIPTION, lang));
		html_section(f, 3, smtpreply_heading_text(SMTPREPLY_HEADING_WHEN, lang),
		             field(side[i]->e, SMTPREPLY_FIELD_WHEN, lang));
		html_section(f, 3, smtpreply_heading_text(SMTPREPLY_HEADING_FIX, lang),
		             field(side[i]->e, SMTPREPLY_FIELD_FIX, lang));
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
	point(f, smtpreply_heading_text(SMTPREPLY_HEADING_CLASS, lang), a,
	      field(a->class_e, SMTPREPLY_FIELD_NAME, lang), b,
	      field(b->class_e, SMTPREPLY_FIELD_NAME, lang));
	point(f, smtpreply_heading_text(SMTPREPLY_HEADING_DESCRIPTION, lang), a,
	      field(a->e, SMTPREPLY_FIELD_DESCRIPTION, lang), b,
	      field(b->e, SMTPREPLY_FIELD_DESCRIPTION, lang));
	point(f, smtpreply_heading_text(SMTPREPLY_HEADING_WHEN, lang), a,
	      field(a->e, SMTPREPLY_FIELD_WHEN, lang), b, field(b->e, SMTPREPLY_FIELD_WHEN, lang));
	point(f, smtpreply_heading_text(SMTPREPLY_HEADING_ACTION, lang), a,
	      smtpreply_action_text(a->act, lang), b, smtpreply_action_text(b->act, lang));
	point(f, smtpreply_heading_text(SMTPREPLY_HEADING_WHO, lang), a,
	      smtpreply_party_text(a->party, lang), b, smtpreply_party_text(b->party, lang));
	fputs("</ol>\n<h2>", f);
	html_text(f, smtpreply_heading_text(SMTPREPLY_HEADING_WHICH, lang));
	fputs("</h2>\n<ul class=\"which\">\n", f);
	for (int i = 0; i < 2; i++) {
		fputs("<li><strong>", f);
		side_title(f, side[i], lang);
		fputs("</strong>", f);
		html_msgf(f, M_JOIN_TAIL, lang, field(side[i]->e, SMTPREPLY_FIELD_FIX, lang));
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

/* compare --html: the two operands as one page that stands alone. */
static void side_of_item(struct html_side *s, const struct item *it,
                         enum smtpreply_command cmd)
{
	memset(s, 0, sizeof *s);
	item_code(it, s->label, sizeof s->label);
	s->class_e = it->class_e;
	if (it->kind == K_REPLY) {
		s->code = it->has_text ? 0 : it->r.code;
		s->reply = it->has_text ? &it->r : NULL;
		s->e = it->reply_e;
		s->act = smtpreply_action(&it->r, cmd);
		s->party = smtpreply_reason_party(smtpreply_reason(&it->r, cmd));
	} else {
		s->e = it->kind == K_INVALID ? item_invalid_entry(it) : it->enh_e;
		int klass = item_class(it);
		s->act = klass == 2 ? SMTPREPLY_ACTION_SUCCESS
		         : klass == 4 ? SMTPREPLY_ACTION_RETRY : SMTPREPLY_ACTION_FAIL;
		s->party = SMTPREPLY_PARTY_NONE;
	}
	if (s->e == NULL)
		s->e = smtpreply_explain_text(it->input);
	if (s->class_e == NULL)
		s->class_e = s->e;
}

static void compare(const struct run *run, const struct item *a,
                    const struct item *b, enum smtpreply_command cmd)
{
	struct html_side sa, sb;
	side_of_item(&sa, a, cmd);
	side_of_item(&sb, b, cmd);
	html_vs_page(run->out, &sa, &sb, 0, run->lang, 1);
}

const struct render render_html = {.compare = compare};
