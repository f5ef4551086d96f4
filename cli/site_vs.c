/* site_vs.c - an "A vs B" page in the seeds' form: a title naming both
 * codes, a summary, each code's description, when you see it and how to
 * fix it, the key differences as numbered points, and when to use which.
 * Used by `smtpreply site` and by `smtpreply compare A B --html`. */
#include "html.h"
#include "site.h"

#include <string.h>

#include "smtpreply.h"

static int parse_code(int code, struct smtpreply *r)
{
	char buf[16];
	snprintf(buf, sizeof buf, "%d x\r\n", code);
	return smtpreply_parse(buf, strlen(buf), NULL, r) > 0;
}

static void code_title(FILE *f, int code, const smtpreply_expl *e, const char *lang)
{
	fprintf(f, "SMTP %d ", code);
	html_puts(f, smtpreply_expl_text_lang(e, SMTPREPLY_FIELD_NAME, lang));
}

static void para(FILE *f, const char *tag, const char *text)
{
	fprintf(f, "<%s>", tag);
	html_puts(f, text);
	fprintf(f, "</%s>\n", tag);
}

/* One numbered point of "Key differences": a label, then one line per
 * code. */
static void point(FILE *f, const char *label, int a, const char *ta, int b,
                  const char *tb)
{
	fputs("<li><strong>", f);
	html_puts(f, label);
	fputs("</strong>\n<ul>\n", f);
	fprintf(f, "<li><span class=\"code\">%d</span> ", a);
	html_puts(f, ta);
	fprintf(f, "</li>\n<li><span class=\"code\">%d</span> ", b);
	html_puts(f, tb);
	fputs("</li>\n</ul></li>\n", f);
}

void site_vs_page(FILE *f, int a, int b, unsigned cmds, const char *lang,
                  const char *root)
{
	const smtpreply_expl *ea = smtpreply_explain_code(a), *eb = smtpreply_explain_code(b);
	const char *fr_colon = strcmp(lang, "fr") == 0 ? "\xc2\xa0:" : ":";
	char path[64], title[768];
	snprintf(path, sizeof path, "vs/%d-vs-%d.html", a, b);
	snprintf(title, sizeof title, "SMTP %d %s vs %d %s", a,
	         smtpreply_expl_text_lang(ea, SMTPREPLY_FIELD_NAME, lang), b,
	         smtpreply_expl_text_lang(eb, SMTPREPLY_FIELD_NAME, lang));
	struct html_page pg = {.lang = lang, .path = root ? path : NULL,
	                       .root = root ? root : "", .title = title,
	                       .inline_css = root ? NULL : site_css};
	html_head(f, &pg);
	fputs("<h1>", f);
	code_title(f, a, ea, lang);
	fputs(" <span class=\"vs\">vs</span> ", f);
	code_title(f, b, eb, lang);
	fputs("</h1>\n", f);

	/* Summary: each code's class and one-line meaning. */
	fputs("<p class=\"summary\">", f);
	const smtpreply_expl *both[2] = {ea, eb};
	int codes[2] = {a, b};
	for (int i = 0; i < 2; i++) {
		fprintf(f, "<strong>SMTP %d</strong> (", codes[i]);
		html_puts(f, smtpreply_expl_text_lang(smtpreply_explain_class(codes[i]),
		                                      SMTPREPLY_FIELD_NAME, lang));
		fputs(")", f);
		fputs(fr_colon, f);
		fputc(' ', f);
		html_puts(f, smtpreply_expl_text_lang(both[i], SMTPREPLY_FIELD_DESCRIPTION, lang));
		fputs(i == 0 ? "<br>\n" : "</p>\n", f);
	}

	for (int i = 0; i < 2; i++) {
		fprintf(f, "<section class=\"code-part\" id=\"code-%d\">\n<h2>", codes[i]);
		code_title(f, codes[i], both[i], lang);
		fputs("</h2>\n", f);
		static const struct {
			enum smtpreply_heading h;
			enum smtpreply_field field;
		} parts[] = {{SMTPREPLY_HEADING_DESCRIPTION, SMTPREPLY_FIELD_DESCRIPTION},
		             {SMTPREPLY_HEADING_WHEN, SMTPREPLY_FIELD_WHEN},
		             {SMTPREPLY_HEADING_FIX, SMTPREPLY_FIELD_FIX}};
		for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++) {
			fputs("<h3>", f);
			html_puts(f, smtpreply_heading_text(parts[k].h, lang));
			fputs("</h3>\n", f);
			para(f, "p", smtpreply_expl_text_lang(both[i], parts[k].field, lang));
		}
		fputs("</section>\n", f);
	}

	/* After a command both can answer, each code has a meaning of its
	 * own: "after RCPT, 450 ... ; 550 ...". */
	for (int c = 1; c < 32; c++) {
		if (!(cmds & (1u << c)))
			continue;
		const char *cmd = smtpreply_command_name((enum smtpreply_command)c);
		fprintf(f, "<section class=\"ctx\" id=\"after-%s\">\n<h2>", cmd);
		html_printf(f, html_word(W_AFTER, lang), cmd);
		fputs("</h2>\n<ul>\n", f);
		for (int i = 0; i < 2; i++) {
			const smtpreply_expl *e =
				smtpreply_explain_code_after(codes[i], (enum smtpreply_command)c);
			fputs("<li><strong>", f);
			if (root) /* a page on its own has no code pages to link */
				fprintf(f, "<a href=\"../code/%d.html#after-%s\">", codes[i], cmd);
			code_title(f, codes[i], e, lang);
			fputs(root ? "</a></strong>" : "</strong>", f);
			fputs(fr_colon, f);
			fputc(' ', f);
			html_puts(f, smtpreply_expl_text_lang(e, SMTPREPLY_FIELD_DESCRIPTION, lang));
			fputs("</li>\n", f);
		}
		fputs("</ul>\n</section>\n", f);
	}

	fputs("<h2>", f);
	html_puts(f, smtpreply_heading_text(SMTPREPLY_HEADING_DIFFERENCES, lang));
	fputs("</h2>\n<ol class=\"differences\">\n", f);
	point(f, smtpreply_heading_text(SMTPREPLY_HEADING_CLASS, lang), a,
	      smtpreply_expl_text_lang(smtpreply_explain_class(a), SMTPREPLY_FIELD_NAME, lang), b,
	      smtpreply_expl_text_lang(smtpreply_explain_class(b), SMTPREPLY_FIELD_NAME, lang));
	point(f, smtpreply_heading_text(SMTPREPLY_HEADING_DESCRIPTION, lang), a,
	      smtpreply_expl_text_lang(ea, SMTPREPLY_FIELD_DESCRIPTION, lang), b,
	      smtpreply_expl_text_lang(eb, SMTPREPLY_FIELD_DESCRIPTION, lang));
	point(f, smtpreply_heading_text(SMTPREPLY_HEADING_WHEN, lang), a,
	      smtpreply_expl_text_lang(ea, SMTPREPLY_FIELD_WHEN, lang), b,
	      smtpreply_expl_text_lang(eb, SMTPREPLY_FIELD_WHEN, lang));
	struct smtpreply ra, rb;
	if (parse_code(a, &ra) && parse_code(b, &rb)) {
		point(f, smtpreply_heading_text(SMTPREPLY_HEADING_ACTION, lang), a,
		      smtpreply_action_text(smtpreply_action(&ra, SMTPREPLY_CMD_UNKNOWN), lang), b,
		      smtpreply_action_text(smtpreply_action(&rb, SMTPREPLY_CMD_UNKNOWN), lang));
		point(f, smtpreply_heading_text(SMTPREPLY_HEADING_WHO, lang), a,
		      smtpreply_party_text(smtpreply_reason_party(smtpreply_reason(&ra, SMTPREPLY_CMD_UNKNOWN)), lang),
		      b,
		      smtpreply_party_text(smtpreply_reason_party(smtpreply_reason(&rb, SMTPREPLY_CMD_UNKNOWN)), lang));
	}
	fputs("</ol>\n", f);

	fputs("<h2>", f);
	html_puts(f, smtpreply_heading_text(SMTPREPLY_HEADING_FIX, lang));
	fputs("</h2>\n<ul class=\"which\">\n", f);
	for (int i = 0; i < 2; i++) {
		fputs("<li><strong>", f);
		code_title(f, codes[i], both[i], lang);
		fputs("</strong>", f);
		fputs(fr_colon, f);
		fputc(' ', f);
		html_puts(f, smtpreply_expl_text_lang(both[i], SMTPREPLY_FIELD_FIX, lang));
		fputs("</li>\n", f);
	}
	fputs("</ul>\n", f);
	if (root) {
		fprintf(f, "<p class=\"see\"><a href=\"../code/%d.html\">SMTP %d</a> · "
		           "<a href=\"../code/%d.html\">SMTP %d</a> · <a href=\"index.html\">",
		        a, a, b, b);
		html_puts(f, html_word(W_ALL_PAIRS, lang));
		fputs("</a></p>\n", f);
	}
	html_foot(f, &pg, smtpreply_version());
}
