/* html.h - the HTML writer shared by `smtpreply site` and `compare --html`. */
#ifndef SMTPREPLY_CLI_HTML_H
#define SMTPREPLY_CLI_HTML_H

#include <stdio.h>

#define HTML_NLANGS 4
/* "en", "ko", "ja", "fr": the languages the site is written in. */
extern const char *const html_langs[HTML_NLANGS];

/* The site's own words; html_word() gives them in a language. */
enum site_word {
	W_SITE, W_HOME, W_REPLY_CODES, W_ENHANCED, W_PROVIDERS, W_REASONS,
	W_COMPARISONS, W_SEARCH, W_SEARCH_HINT, W_NO_RESULTS, W_AFTER,
	W_BY_COMMAND, W_CONFUSED, W_SOURCE, W_LANGUAGES, W_SKIP, W_GENERATED,
	W_NONSTANDARD, W_SEE_ALSO, W_CLASS_OF, W_ALL_PAIRS, W_ENHANCED_CLASS,
	W_PROVIDER_OF, W_REGISTRY, W_TYPICAL, W_EXPLAIN_TITLE, W_EXPLAIN_INTRO,
	W_PASTE, W_COMMAND, W_ANY_COMMAND, W_EXPLAIN_BUTTON, W_NEEDS_SCRIPT,
	W_VERDICT, W_CONFIDENCE, W_NOT_REPLY,
	W_COUNT
};
const char *html_word(enum site_word w, const char *lang);
size_t html_lang_index(const char *lang); /* 0 (English) when unknown */
const char *html_lang_name(const char *lang); /* "한국어" */

/* One page's frame. path is the page's path below its language folder
 * ("code/550.html"): the same path exists in every language, which gives
 * the hreflang links; NULL for a page outside the language folders. root
 * leads from the page back to the site's top ("../../"). */
struct html_page {
	const char *lang;
	const char *path;
	const char *root;
	const char *title;
	const char *summary;        /* meta description, may be NULL */
	const char *const *scripts; /* NULL-terminated, may be NULL */
	const char *inline_css;     /* a page that stands alone carries its
	                             * stylesheet; NULL links the site's */
};
void html_head(FILE *f, const struct html_page *pg);
void html_foot(FILE *f, const struct html_page *pg, const char *version);

/* Escaped text (element content and double-quoted attribute values). */
void html_puts(FILE *f, const char *s);
/* A word template with at most one %s, the argument escaped. */
void html_printf(FILE *f, const char *fmt, const char *arg);
/* A JSON string literal, safe inside a <script> file too. */
void html_json_string(FILE *f, const char *s);

#endif
