/* cmd_site.c - `smtpreply site DIR`: the reference as a static website.
 * The model (site.c) says which pages exist; this file makes the folders,
 * opens each file and hands it to the page's renderer (render_html*.c). */
#include "cmd.h"
#include "html.h"
#include "opt.h"
#include "site.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { OPT_WASM = 1 };

static const struct opt site_opts[] = {
	{"wasm", 0, 1, OPT_WASM, "FILE", H_OPT_WASM},
	{"lang", 'L', 1, OPT_LANG, "LANG", H_OPT_SITE_LANG},
	{"help", 'h', 0, OPT_HELP, NULL, H_OPT_HELP},
	OPT_END,
};

static const struct help site_help = {
	H_SITE_USAGE, H_SITE_ABOUT, H_SITE_AFTER,
};

struct out {
	const struct run *run;
	const char *dir;
	int failed;
};

static int make_dir(struct out *o, const char *sub1, const char *sub2)
{
	char path[4096];
	snprintf(path, sizeof path, "%s%s%s%s%s", o->dir, sub1 ? "/" : "", sub1 ? sub1 : "",
	         sub2 ? "/" : "", sub2 ? sub2 : "");
	if (mkdir(path, 0777) == 0 || errno == EEXIST)
		return 0;
	run_file_error(o->run, path, errno);
	o->failed = 1;
	return -1;
}

/* The page at DIR/[lang/]path, or NULL after a message. */
static FILE *page(struct out *o, const char *lang, const char *path)
{
	char full[4096];
	snprintf(full, sizeof full, "%s/%s%s%s", o->dir, lang ? lang : "", lang ? "/" : "", path);
	FILE *f = fopen(full, "w");
	if (f == NULL) {
		run_file_error(o->run, full, errno);
		o->failed = 1;
	}
	return f;
}

static void done(struct out *o, FILE *f)
{
	if (f && (ferror(f) | fclose(f)))
		o->failed = 1;
}

static unsigned char *read_all(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t cap = 0;
	*n = 0;
	if (f == NULL)
		return NULL;
	for (;;) {
		if (*n == cap) {
			unsigned char *b = realloc(buf, cap = cap ? cap * 2 : 1 << 20);
			if (b == NULL)
				break;
			buf = b;
		}
		size_t got = fread(buf + *n, 1, cap - *n, f);
		*n += got;
		if (got == 0)
			break;
	}
	if (ferror(f) || *n == 0) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

static void write_language(struct out *o, const struct site *s, const char *lang)
{
	static const char *const sections[] = {"code", "enhanced", "provider", "reason", "vs"};
	char path[192];
	FILE *f;

	if (make_dir(o, lang, NULL))
		return;
	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
		make_dir(o, lang, sections[i]);
	if ((f = page(o, lang, "index.html")))
		html_lang_index(f, s, lang);
	done(o, f);
	if ((f = page(o, lang, "search-index.json")))
		html_search_index(f, s, lang, 0);
	done(o, f);
	if ((f = page(o, lang, "search-index.js")))
		html_search_index(f, s, lang, 1);
	done(o, f);
	if ((f = page(o, lang, "vs/index.html")))
		html_vs_index(f, s, lang);
	done(o, f);
	if (s->explain_page && (f = page(o, lang, "explain.html"))) {
		html_explain_page(f, lang);
		done(o, f);
	}
	for (size_t i = 0; i < s->ncodes; i++) {
		snprintf(path, sizeof path, "code/%d.html", s->codes[i].code);
		if ((f = page(o, lang, path)))
			html_code_page(f, s, &s->codes[i], lang);
		done(o, f);
	}
	for (size_t i = 0, n = smtpreply_expl_count(); i < n; i++) {
		const smtpreply_expl *e = smtpreply_expl_at(i);
		if (site_kind_of(e) == PAGE_OTHER)
			continue;
		site_entry_path(e, path, sizeof path);
		if ((f = page(o, lang, path)))
			html_entry_page(f, e, lang);
		done(o, f);
	}
	for (int r = 1; r < SMTPREPLY_REASON_COUNT; r++) {
		snprintf(path, sizeof path, "reason/%s.html",
		         smtpreply_reason_name((enum smtpreply_reason)r));
		if ((f = page(o, lang, path)))
			html_reason_page(f, (enum smtpreply_reason)r, lang);
		done(o, f);
	}
	for (size_t i = 0; i < s->npairs; i++) {
		struct site_side a, b;
		site_pair_path(&s->pairs[i], path, sizeof path);
		site_side_of_code(&a, s->pairs[i].a);
		site_side_of_code(&b, s->pairs[i].b);
		if ((f = page(o, lang, path)))
			html_vs_page(f, &a, &b, s->pairs[i].cmds, lang, 0);
		done(o, f);
	}
}

int cmd_site(int argc, char **argv)
{
	struct args a;
	struct run run;
	const char *v, *dir = NULL, *wasm = NULL;
	int id;

	run_init(&run, "site");
	args_init(&a, argc, argv, "site");
	while ((id = args_next(&a, site_opts, &v)) != ARGS_END) {
		switch (id) {
		case ARGS_ERROR:
			return RC_USAGE;
		case ARGS_OPERAND:
			if (dir)
				return usage_error("site", M_E_ONE_FOLDER);
			dir = v;
			break;
		case OPT_HELP:
			opt_help(&run, &site_help, site_opts);
			return RC_OK;
		case OPT_WASM:
			wasm = v;
			break;
		case OPT_LANG: /* messages only: the site has every language */
			if (run_option(&run, id, v))
				return RC_USAGE;
			break;
		default:
			return usage_error("site", M_E_INTERNAL, id);
		}
	}
	if (dir == NULL || *dir == '\0')
		return usage_error("site", M_E_WHERE);

	static struct site s; /* about 100 KB: one per run */
	struct out o = {&run, dir, 0};
	size_t nwasm = 0;
	unsigned char *bytes = NULL;
	errno = 0;
	if (wasm && (bytes = read_all(wasm, &nwasm)) == NULL) {
		run_file_error(&run, wasm, errno);
		return RC_USAGE;
	}
	site_init(&s);
	s.explain_page = bytes != NULL;
	if (make_dir(&o, NULL, NULL) == 0 && make_dir(&o, "assets", NULL) == 0) {
		FILE *f;
		if ((f = page(&o, "assets", "site.css")))
			html_css(f);
		done(&o, f);
		if ((f = page(&o, "assets", "search.js")))
			html_search_js(f);
		done(&o, f);
		if (bytes && (f = page(&o, "assets", "explain.js"))) {
			html_explain_js(f);
			done(&o, f);
		}
		if (bytes && (f = page(&o, "assets", "smtpreply-wasm.js"))) {
			html_wasm_js(f, bytes, nwasm);
			done(&o, f);
		}
		if ((f = page(&o, NULL, "index.html")))
			html_root_index(f);
		done(&o, f);
		for (size_t i = 0; i < SITE_NLANGS; i++)
			write_language(&o, &s, site_langs[i]);
	}
	free(bytes);
	return o.failed ? RC_USAGE : RC_OK;
}
