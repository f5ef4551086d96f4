/* html.h - what the HTML renderer's files share (render_html*.c): the page
 * frame and the pages of the reference website. Every page is written to
 * a FILE the caller opened; text goes through esc_html, the site's own
 * words through msg.c. */
#ifndef SMTPREPLY_CLI_HTML_H
#define SMTPREPLY_CLI_HTML_H

#include "msg.h"
#include "site.h"

#include <stddef.h>
#include <stdio.h>

/* One page's frame. path is the page's path below its language folder
 * ("code/550.html"): the same path exists in every language, which gives
 * the hreflang links; NULL for a page outside the language folders. root
 * leads from the page back to the site's top ("../../"). A page that
 * stands alone (compare --html) carries its stylesheet and links nowhere. */
struct html_page {
	const char *lang;
	const char *path;
	const char *root;
	const char *title;
	const char *summary;        /* meta description, may be NULL */
	const char *const *scripts; /* NULL-terminated, may be NULL */
	int standalone;
};
void html_head(FILE *f, const struct html_page *pg);
void html_foot(FILE *f, const struct html_page *pg);

/* Escaped text; a message in a language; a message template with one %s
 * (escaped too). */
void html_text(FILE *f, const char *s);
void html_msg(FILE *f, enum msg id, const char *lang);
void html_msgf(FILE *f, enum msg id, const char *lang, const char *arg);
/* "<hN>heading</hN><p>text</p>" when text is not empty. */
void html_section(FILE *f, int level, const char *heading, const char *text);

/* The page in the seeds' form, its sentences from smtpreply_compare_text;
 * cmds as in struct site_pair. */
void html_vs_page(FILE *f, const struct site_side *a, const struct site_side *b,
                  unsigned cmds, const char *lang, int standalone);

/* The website's pages (render_html_site.c). */
void html_code_page(FILE *f, const struct site *s, const struct site_code *c,
                    const char *lang);
void html_entry_page(FILE *f, const smtpreply_expl *e, const char *lang);
void html_reason_page(FILE *f, enum smtpreply_reason r, const char *lang);
void html_lang_index(FILE *f, const struct site *s, const char *lang);
void html_vs_index(FILE *f, const struct site *s, const char *lang);
void html_root_index(FILE *f);
/* The search index: JSON for programs, or the same as a script that sets
 * window.SMTPREPLY_INDEX (a page opened from file:// cannot fetch JSON). */
void html_search_index(FILE *f, const struct site *s, const char *lang, int script);
void html_explain_page(FILE *f, const char *lang);

/* The site's files that are not pages (render_html_assets.c). */
void html_css(FILE *f);
void html_search_js(FILE *f);
void html_explain_js(FILE *f);
/* The WebAssembly module as a script setting window.SMTPREPLY_WASM to its
 * bytes in base64. */
void html_wasm_js(FILE *f, const unsigned char *bytes, size_t n);

#endif
