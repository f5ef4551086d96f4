/* site.h - the reference website (`smtpreply site`, `compare --html`). */
#ifndef SMTPREPLY_CLI_SITE_H
#define SMTPREPLY_CLI_SITE_H

#include <stdio.h>

/* Writes the whole site below dir (created if absent); with wasm, the
 * path of the library compiled to WebAssembly (wasm/site_explain.c), also
 * a page per language that explains a pasted reply in the browser. 0, or
 * -1 after a message on standard error when a folder or file could not be
 * written. */
int site_write(const char *dir, const char *wasm);

/* One "A vs B" page, whole (head to foot), in a language. cmds has a bit
 * (1 << command) per command after which both codes have a meaning of
 * their own; root leads from the page to the site's top ("../../"), and
 * the page's own path below its language folder is "vs/A-vs-B.html". */
void site_vs_page(FILE *f, int a, int b, unsigned cmds, const char *lang,
                  const char *root);

/* The stylesheet and the search script (site_assets.c). */
extern const char site_css[];
extern const char site_search_js[];
extern const char site_explain_js[];

#endif
