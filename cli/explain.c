/* explain.c - `smtpreply explain` and `smtpreply compare`, and the reply
 * fields that `parse --json` shares with them. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------
 * Shared helpers.
 * --------------------------------------------------------------------- */

const char *enhanced_str(char *buf, size_t size, const struct smtpreply_enhanced *e)
{
	if (e->klass == 0)
		snprintf(buf, size, "%s", "");
	else
		snprintf(buf, size, "%d.%d.%d", e->klass, e->subject, e->detail);
	return buf;
}

const char *class_label(int klass)
{
	static const char *const label[] = {"0xx", "1xx", "2xx", "3xx",
	                                    "4xx", "5xx"};
	return klass >= 0 && klass <= 5 ? label[klass] : "?xx";
}

static char *scratch;
static size_t scratch_size;

const char *log_line(const struct smtpreply *r, enum smtpreply_command cmd,
                     size_t *len)
{
	if (scratch == NULL) {
		scratch_size = 1024;
		scratch = malloc(scratch_size);
		if (scratch == NULL) {
			scratch_size = 0;
			*len = 0;
			return "";
		}
	}
	size_t need = smtpreply_format(scratch, scratch_size, r, NULL, cmd, 0);
	if (need >= scratch_size) {
		char *p = realloc(scratch, need + 1);
		if (p == NULL) {
			*len = strlen(scratch);
			return scratch; /* truncated, still NUL-terminated */
		}
		scratch = p;
		scratch_size = need + 1;
		need = smtpreply_format(scratch, scratch_size, r, NULL, cmd, 0);
	}
	*len = need < scratch_size ? need : scratch_size - 1;
	return scratch;
}

void log_line_free(void)
{
	free(scratch);
	scratch = NULL;
	scratch_size = 0;
}

void json_kv_lines(FILE *f, int *first, const char *key,
                   const struct smtpreply *r)
{
	struct smtpreply_iter it = {0, 0};
	struct smtpreply_str t;
	int n = 0;

	json_key(f, first, key);
	fputc('[', f);
	while (smtpreply_next_line(r, &it, &t)) {
		if (n++)
			fputc(',', f);
		json_str(f, t.ptr ? t.ptr : "", t.len);
	}
	fputc(']', f);
}

void put_flags(FILE *f, unsigned flags)
{
	int n = 0;
	for (unsigned bit = 1; bit; bit <<= 1) {
		const char *name;
		if (!(flags & bit) || *(name = smtpreply_flag_name(bit)) == '\0')
			continue;
		fputs(n++ ? ", " : "", f);
		fputs(name, f);
	}
}

static void json_kv_enhanced(FILE *f, int *first, const char *key,
                             const struct smtpreply_enhanced *e)
{
	char buf[32];
	if (e->klass == 0)
		json_kv_null(f, first, key);
	else
		json_kv_str(f, first, key, enhanced_str(buf, sizeof buf, e));
}

void json_reply_fields(FILE *f, int *first, const struct smtpreply *r,
                       enum smtpreply_command cmd, const char *lang,
                       int with_lines)
{
	const char *prov = smtpreply_provider(r);
	size_t n;
	const char *log;

	json_kv_int(f, first, "code", r->code);
	json_kv_enhanced(f, first, "enhanced", &r->enhanced);
	json_kv_str(f, first, "class", class_label(r->klass));
	if (with_lines) {
		json_kv_lines(f, first, "lines", r);
	} else {
		json_key(f, first, "lines");
		fputs("[]", f);
	}
	json_kv_flags(f, first, "flags", r->flags);
	json_kv_str(f, first, "name",
	            smtpreply_expl_text_lang(smtpreply_explain_reply(r, cmd),
	                                     SMTPREPLY_FIELD_NAME, lang));
	if (r->enhanced.klass)
		json_kv_str(f, first, "enhanced_name",
		            smtpreply_expl_text_lang(smtpreply_explain_reply_enhanced(r),
		                                     SMTPREPLY_FIELD_NAME, lang));
	else
		json_kv_null(f, first, "enhanced_name");
	json_kv_str(f, first, "action",
	            smtpreply_action_name(smtpreply_action(r, cmd)));
	json_kv_str(f, first, "reason",
	            smtpreply_reason_name(smtpreply_reason(r, cmd)));
	json_kv_str(f, first, "provider", prov);
	log = log_line(r, cmd, &n);
	json_key(f, first, "log");
	json_str(f, log, n);
}

/* ---------------------------------------------------------------------
 * What an operand is.
 * --------------------------------------------------------------------- */

enum kind { K_REPLY, K_ENHANCED, K_CLASS, K_INVALID };

struct item {
	const char *input;
	char joined[64]; /* "550 5.7.26" from two operands */
	enum kind kind;
	int has_text;    /* a whole reply line was given */
	char *buf;       /* the bytes parsed (owned) */
	struct smtpreply r;
	int result;      /* the parse result */
	int eklass, esubject, edetail; /* K_ENHANCED (eklass -1 for X) */
	const smtpreply_expl *reply_e, *enh_e, *prov_e;
	/* Class and category: reply class/category, or for an enhanced code
	 * its class and subject entries. */
	const smtpreply_expl *class_e, *cat_e;
};

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* "550" */
static int is_code(const char *s)
{
	return s != NULL && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && s[3] == '\0';
}

/* "5.7.26" or "X.7.26": 1 and the parts. */
static int is_enhanced(const char *s, int *k, int *subj, int *det)
{
	int part[2] = {0, 0};
	const char *p = s + 2;

	if (!(is_digit(s[0]) || s[0] == 'X' || s[0] == 'x') || s[1] != '.')
		return 0;
	for (int i = 0; i < 2; i++) {
		int n = 0;
		while (is_digit(*p)) {
			if (++n > 3)
				return 0;
			part[i] = part[i] * 10 + (*p++ - '0');
		}
		if (n == 0 || *p != (i == 0 ? '.' : '\0'))
			return 0;
		if (i == 0)
			p++;
	}
	*k = is_digit(s[0]) ? s[0] - '0' : -1;
	*subj = part[0];
	*det = part[1];
	return 1;
}

/* "5xx" */
static int is_class(const char *s)
{
	return is_digit(s[0]) && (s[1] == 'x' || s[1] == 'X') &&
	       (s[2] == 'x' || s[2] == 'X') && s[3] == '\0';
}

/* An entry of the table by its kind bits and numbers (the enhanced class
 * and subject entries have no lookup function of their own). */
static const smtpreply_expl *find_entry(unsigned want, int klass, int subject)
{
	for (size_t i = 0, n = smtpreply_expl_count(); i < n; i++) {
		const smtpreply_expl *e = smtpreply_expl_at(i);
		int k, s, d;
		if ((smtpreply_expl_flags(e) & want) != want ||
		    !smtpreply_expl_enhanced(e, &k, &s, &d))
			continue;
		if ((want & SMTPREPLY_X_CLASS) && k == klass)
			return e;
		if ((want & SMTPREPLY_X_SUBJECT) && s == subject)
			return e;
	}
	return NULL;
}

static int entry_is_invalid(const smtpreply_expl *e)
{
	const char *key = smtpreply_expl_text(e, SMTPREPLY_FIELD_KEY);
	size_t n = strlen(key);
	return n >= 8 && strcmp(key + n - 8, " invalid") == 0;
}

static void item_setup(struct item *it, enum smtpreply_command cmd)
{
	const char *s = it->input;
	int k, subj, det;

	while (*s == ' ' || *s == '\t')
		s++;
	if (is_enhanced(s, &k, &subj, &det)) {
		it->kind = K_ENHANCED;
		it->eklass = k;
		it->esubject = subj;
		it->edetail = det;
		it->enh_e = smtpreply_explain_text(s);
		if (entry_is_invalid(it->enh_e)) {
			it->kind = K_INVALID;
			return;
		}
		if (k > 0)
			it->class_e = find_entry(SMTPREPLY_X_ENHANCED | SMTPREPLY_X_CLASS,
			                         k, 0);
		it->cat_e = find_entry(SMTPREPLY_X_ENHANCED | SMTPREPLY_X_SUBJECT, 0,
		                       subj);
		return;
	}
	if (is_class(s)) {
		it->kind = K_CLASS;
		it->class_e = smtpreply_explain_text(s);
		if (entry_is_invalid(it->class_e))
			it->kind = K_INVALID;
		return;
	}
	if (!(is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) &&
	      (s[3] == '\0' || s[3] == ' ' || s[3] == '-' || s[3] == '\r' ||
	       s[3] == '\n'))) {
		it->kind = K_INVALID;
		it->result = SMTPREPLY_E_BAD_CODE;
		return;
	}
	/* A code, a code and an enhanced code, or a whole reply: parse it as
	 * the server's bytes, ending the last line if the user did not. */
	size_t n = strlen(s);
	it->buf = malloc(n + 3);
	if (it->buf == NULL) {
		it->kind = K_INVALID;
		return;
	}
	/* "$(grep ... capture.txt)" keeps a CR of the last line end. */
	while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	memcpy(it->buf, s, n);
	it->buf[n++] = '\r';
	it->buf[n++] = '\n';
	it->buf[n] = '\0';
	it->result = smtpreply_parse(it->buf, n, NULL, &it->r);
	if (it->result <= 0) {
		it->kind = K_INVALID;
		return;
	}
	it->kind = K_REPLY;
	/* Text beyond "CODE[ ENHANCED]" makes it a whole reply. */
	it->has_text = it->r.nlines > 1 || it->r.last_line.len > 0;
	it->reply_e = smtpreply_explain_reply(&it->r, cmd);
	if (it->r.enhanced.klass)
		it->enh_e = smtpreply_explain_reply_enhanced(&it->r);
	if (it->has_text)
		it->prov_e = smtpreply_explain_provider(&it->r);
	it->class_e = smtpreply_explain_class(it->r.code);
	it->cat_e = smtpreply_explain_category(it->r.code);
}

/* Operands into items: a code followed by an enhanced code of its class
 * is one item ("explain 550 5.7.26" = "explain '550 5.7.26'"). */
static struct item *make_items(const char **ops, size_t nops, size_t *nitems,
                               enum smtpreply_command cmd, int combine)
{
	struct item *items = calloc(nops ? nops : 1, sizeof *items);
	size_t n = 0;
	int k, s, d;

	if (items == NULL)
		return NULL;
	for (size_t i = 0; i < nops; i++) {
		struct item *it = &items[n++];
		it->input = ops[i];
		if (combine && is_code(ops[i]) && i + 1 < nops &&
		    is_enhanced(ops[i + 1], &k, &s, &d) &&
		    (k == ops[i][0] - '0' || k == -1) && strlen(ops[i + 1]) < 40) {
			snprintf(it->joined, sizeof it->joined, "%s %s", ops[i],
			         ops[i + 1]);
			it->input = it->joined;
			i++;
		}
		item_setup(it, cmd);
	}
	*nitems = n;
	return items;
}

static void free_items(struct item *items, size_t n)
{
	for (size_t i = 0; items && i < n; i++)
		free(items[i].buf);
	free(items);
}

/* ---------------------------------------------------------------------
 * Text output.
 * --------------------------------------------------------------------- */

struct view {
	const char *lang;
	int width; /* wrap width, 0 for none */
	enum smtpreply_command cmd;
};

static const char *name_of(const smtpreply_expl *e, const char *lang)
{
	return smtpreply_expl_text_lang(e, SMTPREPLY_FIELD_NAME, lang);
}

static void heading(const char *text, int indent)
{
	fprintf(out, "%*s%s%s%s\n", indent, "", sty(ST_BOLD), text, sty(ST_RESET));
}

/* Description, when, fix and source of one entry. */
static void entry_body(const smtpreply_expl *e, const struct view *v)
{
	static const struct {
		enum smtpreply_heading h;
		enum smtpreply_field f;
	} part[] = {
		{SMTPREPLY_HEADING_DESCRIPTION, SMTPREPLY_FIELD_DESCRIPTION},
		{SMTPREPLY_HEADING_WHEN, SMTPREPLY_FIELD_WHEN},
		{SMTPREPLY_HEADING_FIX, SMTPREPLY_FIELD_FIX},
	};
	for (size_t i = 0; i < sizeof part / sizeof part[0]; i++) {
		const char *t = smtpreply_expl_text_lang(e, part[i].f, v->lang);
		if (*t == '\0')
			continue;
		heading(smtpreply_heading_text(part[i].h, v->lang), 2);
		put_wrapped(out, t, 4, v->width);
	}
	const char *src = smtpreply_expl_text(e, SMTPREPLY_FIELD_SOURCE);
	if (*src)
		fprintf(out, "  %s(%s)%s\n", sty(ST_DIM), src, sty(ST_RESET));
}

static int wrap_width; /* for label rows: 0 no wrapping */

/* "  Label      value" rows with the labels padded to one width. */
static void label_row(const char *label, int lw, const char *value)
{
	int pad = lw - text_width(label, strlen(label));
	fprintf(out, "  %s%s%s%*s  ", sty(ST_BOLD), label, sty(ST_RESET),
	        pad > 0 ? pad : 0, "");
	put_wrapped_at(out, value, lw + 4, lw + 4, wrap_width);
}

static int max_width(const char *const *labels, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n; i++) {
		int x = text_width(labels[i], strlen(labels[i]));
		w = x > w ? x : w;
	}
	return w;
}

static void title(const char *code, int klass, const char *name, const char *note)
{
	fprintf(out, "%s%s%s%s  %s%s%s", class_style(klass), sty(ST_BOLD), code,
	        sty(ST_RESET), sty(ST_BOLD), name, sty(ST_RESET));
	if (note)
		fprintf(out, "  %s%s%s", sty(ST_DIM), note, sty(ST_RESET));
	fputc('\n', out);
}

/* "Title: description" in a static buffer (one use at a time). */
static const char *joined(const char *title, const char *desc)
{
	static char buf[2048];
	if (*desc == '\0')
		return title;
	snprintf(buf, sizeof buf, "%s: %s", title, desc);
	return buf;
}

static void print_item(const struct item *it, const struct view *v)
{
	char code[32], note[64];
	const char *lang = v->lang;

	switch (it->kind) {
	case K_INVALID: {
		const smtpreply_expl *e = it->enh_e ? it->enh_e
		                                    : smtpreply_explain_text(it->input);
		fputs(sty(ST_RED), out);
		fputs(sty(ST_BOLD), out);
		put_safe(out, it->input, strlen(it->input));
		fprintf(out, "%s  %s%s%s\n", sty(ST_RESET), sty(ST_BOLD),
		        name_of(e, lang), sty(ST_RESET));
		if (it->result < 0 && it->result != SMTPREPLY_INCOMPLETE)
			fprintf(out, "  %s%s%s\n", sty(ST_DIM),
			        smtpreply_result_message(it->result), sty(ST_RESET));
		entry_body(e, v);
		return;
	}
	case K_CLASS:
		title(it->input, it->input[0] - '0', name_of(it->class_e, lang), NULL);
		entry_body(it->class_e, v);
		return;
	case K_ENHANCED: {
		const char *labels[] = {
			smtpreply_heading_text(SMTPREPLY_HEADING_CLASS, lang),
			smtpreply_heading_text(SMTPREPLY_HEADING_CATEGORY, lang),
		};
		int lw = max_width(labels, 2);
		title(it->input, it->eklass, name_of(it->enh_e, lang), NULL);
		if (it->class_e)
			label_row(labels[0], lw, name_of(it->class_e, lang));
		if (it->cat_e)
			label_row(labels[1], lw, name_of(it->cat_e, lang));
		entry_body(it->enh_e, v);
		return;
	}
	case K_REPLY:
		break;
	}

	const struct smtpreply *r = &it->r;
	enum smtpreply_action act = smtpreply_action(r, v->cmd);
	enum smtpreply_reason why = smtpreply_reason(r, v->cmd);
	enum smtpreply_party who = smtpreply_reason_party(why);
	const char *labels[] = {
		smtpreply_heading_text(SMTPREPLY_HEADING_CLASS, lang),
		smtpreply_heading_text(SMTPREPLY_HEADING_CATEGORY, lang),
		smtpreply_heading_text(SMTPREPLY_HEADING_ACTION, lang),
		smtpreply_heading_text(SMTPREPLY_HEADING_REASON, lang),
		smtpreply_heading_text(SMTPREPLY_HEADING_WHO, lang),
		smtpreply_heading_text(SMTPREPLY_HEADING_ENHANCED, lang),
	};
	int lw = max_width(labels, 6);

	if (it->has_text) {
		size_t n;
		const char *log = log_line(r, v->cmd, &n);
		fprintf(out, "%s", sty(ST_DIM));
		put_safe(out, log, n);
		fprintf(out, "%s\n", sty(ST_RESET));
		if (r->flags) {
			fprintf(out, "%s[", sty(ST_DIM));
			put_flags(out, r->flags);
			fprintf(out, "]%s\n", sty(ST_RESET));
		}
		fputc('\n', out);
	}
	snprintf(code, sizeof code, "%d", r->code);
	note[0] = '\0';
	if (smtpreply_expl_flags(it->reply_e) & SMTPREPLY_X_CONTEXTUAL)
		snprintf(note, sizeof note, "(after %s)",
		         smtpreply_command_name(v->cmd));
	title(code, r->klass, name_of(it->reply_e, lang), note[0] ? note : NULL);
	label_row(labels[0], lw, name_of(it->class_e, lang));
	label_row(labels[1], lw, name_of(it->cat_e, lang));
	entry_body(it->reply_e, v);

	if (it->enh_e) {
		char enh[32];
		fputc('\n', out);
		title(enhanced_str(enh, sizeof enh, &r->enhanced), r->enhanced.klass,
		      name_of(it->enh_e, lang), NULL);
		const smtpreply_expl *ec =
		        find_entry(SMTPREPLY_X_ENHANCED | SMTPREPLY_X_CLASS,
		                   r->enhanced.klass, 0);
		const smtpreply_expl *es =
		        find_entry(SMTPREPLY_X_ENHANCED | SMTPREPLY_X_SUBJECT, 0,
		                   r->enhanced.subject);
		if (ec)
			label_row(labels[0], lw, name_of(ec, lang));
		if (es)
			label_row(labels[1], lw, name_of(es, lang));
		entry_body(it->enh_e, v);
	}
	if (it->prov_e) {
		const char *prov = smtpreply_provider(r);
		char enh[32];
		fputc('\n', out);
		snprintf(note, sizeof note, "(%s)", prov ? prov : "provider");
		title(enhanced_str(enh, sizeof enh, &r->enhanced), r->enhanced.klass,
		      name_of(it->prov_e, lang), note);
		entry_body(it->prov_e, v);
	}
	fputc('\n', out);
	label_row(labels[2], lw, joined(smtpreply_action_text(act, lang),
	                                smtpreply_action_description(act, lang)));
	if (why != SMTPREPLY_REASON_NONE)
		label_row(labels[3], lw,
		          joined(smtpreply_reason_text(why, lang),
		                 smtpreply_reason_description(why, lang)));
	label_row(labels[4], lw, smtpreply_party_text(who, lang));
}

/* ---------------------------------------------------------------------
 * JSON output.
 * --------------------------------------------------------------------- */

static void json_entry_text(FILE *f, int *first, const char *prefix,
                            const smtpreply_expl *e, const char *lang)
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
		else
			json_kv_str(f, first, key,
			            smtpreply_expl_text_lang(e, part[i].field, lang));
	}
}

static void json_item(FILE *f, const struct item *it, const struct view *v)
{
	int first = 1;
	const char *lang = v->lang;
	char buf[32];

	fputc('{', f);
	json_kv_str(f, &first, "input", it->input);
	if (v->cmd != SMTPREPLY_CMD_UNKNOWN)
		json_kv_str(f, &first, "command", smtpreply_command_name(v->cmd));
	else
		json_kv_null(f, &first, "command");
	switch (it->kind) {
	case K_INVALID: {
		const smtpreply_expl *e = it->enh_e ? it->enh_e
		                                    : smtpreply_explain_text(it->input);
		json_kv_str(f, &first, "error",
		            it->result < 0 ? smtpreply_result_name(it->result)
		                           : "not_a_code");
		json_kv_str(f, &first, "message",
		            it->result < 0 ? smtpreply_result_message(it->result)
		                           : name_of(e, lang));
		json_kv_str(f, &first, "name", name_of(e, lang));
		json_entry_text(f, &first, "", e, lang);
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
		json_entry_text(f, &first, "", it->class_e, lang);
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
		/* With no reply code the enhanced entry is the main one. */
		json_kv_str(f, &first, "name", name_of(it->enh_e, lang));
		json_kv_str(f, &first, "enhanced_name", name_of(it->enh_e, lang));
		json_kv_null(f, &first, "action");
		json_kv_null(f, &first, "reason");
		json_kv_str(f, &first, "class_name",
		            it->class_e ? name_of(it->class_e, lang) : NULL);
		json_kv_str(f, &first, "category_name",
		            it->cat_e ? name_of(it->cat_e, lang) : NULL);
		json_entry_text(f, &first, "", it->enh_e, lang);
		json_entry_text(f, &first, "enhanced_", it->enh_e, lang);
		break;
	case K_REPLY: {
		const struct smtpreply *r = &it->r;
		enum smtpreply_reason why = smtpreply_reason(r, v->cmd);
		/* "lines" is empty when only codes were given. */
		json_reply_fields(f, &first, r, v->cmd, lang, it->has_text);
		json_kv_str(f, &first, "class_name", name_of(it->class_e, lang));
		json_kv_str(f, &first, "category_name", name_of(it->cat_e, lang));
		enum smtpreply_action act = smtpreply_action(r, v->cmd);
		enum smtpreply_party who = smtpreply_reason_party(why);
		json_kv_str(f, &first, "action_text", smtpreply_action_text(act, lang));
		json_kv_str(f, &first, "action_description",
		            smtpreply_action_description(act, lang));
		json_kv_str(f, &first, "reason_text", smtpreply_reason_text(why, lang));
		json_kv_str(f, &first, "reason_description",
		            smtpreply_reason_description(why, lang));
		json_kv_str(f, &first, "party", smtpreply_party_name(who));
		json_kv_str(f, &first, "party_text", smtpreply_party_text(who, lang));
		json_entry_text(f, &first, "", it->reply_e, lang);
		json_entry_text(f, &first, "enhanced_", it->enh_e, lang);
		if (it->prov_e) {
			json_kv_str(f, &first, "provider_name", name_of(it->prov_e, lang));
			json_entry_text(f, &first, "provider_", it->prov_e, lang);
		}
		break;
	}
	}
	fputc('}', f);
}

/* ---------------------------------------------------------------------
 * The subcommands.
 * --------------------------------------------------------------------- */

enum { OPT_AFTER = 1 };

static const struct opt explain_opts[] = {
	{"after", 'a', 1, OPT_AFTER},
	COMMON_OPTS,
	{NULL, 0, 0, 0},
};

static const char explain_help[] =
	"Usage: smtpreply explain [OPTION...] CODE...\n"
	"\n"
	"Explain reply codes (550), enhanced status codes (5.7.26, X.7.26),\n"
	"both (\"550 5.7.26\", or 550 5.7.26 as two operands), classes (5xx) or a\n"
	"whole reply as the server sent it, in quotes\n"
	"(\"550 5.1.1 <a@b>: User unknown\"; several lines: separate them with\n"
	"newlines). Prints the name, the class, what it means, when you see it,\n"
	"how to fix it, and for replies what to do, the reason and who must act.\n"
	"\n"
	"Options:\n"
	"  -a, --after CMD      the command the reply answers (EHLO, MAIL, RCPT,\n"
	"                       DATA, DOT for the end of data, AUTH, STARTTLS...)\n"
	"  -j, --json           one JSON object per operand\n"
	"  -L, --lang LANG      language of the explanations\n"
	"      --color[=WHEN]   auto, always or never\n"
	"  -h, --help           this text\n"
	"\n"
	"Exit status: 0 every operand was a code or a reply, 1 some was not,\n"
	"2 usage error.\n";

static const char compare_help[] =
	"Usage: smtpreply compare [OPTION...] A B\n"
	"\n"
	"Two codes side by side: each one's class and meaning, the key\n"
	"differences (class, category, transient or permanent, what to do, who\n"
	"must act), when you see each and how to fix each. A and B take the\n"
	"forms that explain takes (550, 5.7.26, \"550 5.7.26\", a whole reply);\n"
	"four operands are two code pairs: compare 550 5.1.1 550 5.7.1.\n"
	"\n"
	"Options:\n"
	"  -a, --after CMD      the command both replies answer\n"
	"  -j, --json           one JSON object: {\"a\":{...},\"b\":{...},\n"
	"                       \"differences\":[...]}\n"
	"  -L, --lang LANG      language of the explanations\n"
	"      --color[=WHEN]   auto, always or never\n"
	"  -h, --help           this text\n"
	"\n"
	"Exit status: 0 both were codes or replies, 1 one was not, 2 usage\n"
	"error.\n";

struct opts {
	struct common co;
	enum smtpreply_command cmd;
	const char **ops;
	size_t nops;
};

/* Options and operands of explain and compare; -1 to go on, else the exit
 * status. */
static int get_opts(int argc, char **argv, const char *name, const char *help,
                    struct opts *o)
{
	struct args a;
	const char *v;
	int id;

	memset(o, 0, sizeof *o);
	common_init(&o->co);
	o->ops = calloc((size_t)argc + 1, sizeof *o->ops);
	if (o->ops == NULL)
		return RC_USAGE;
	args_init(&a, argc, argv, name);
	while ((id = args_next(&a, explain_opts, &v)) != ARGS_END) {
		switch (id) {
		case ARGS_ERROR:
			return RC_USAGE;
		case ARGS_OPERAND:
			o->ops[o->nops++] = v;
			break;
		case OPT_HELP:
			fputs(help, out);
			return RC_OK;
		case OPT_AFTER:
			o->cmd = smtpreply_command_parse(v);
			if (o->cmd == SMTPREPLY_CMD_UNKNOWN &&
			    strcasecmp_ascii(v, "unknown") != 0)
				return usage_error(name, "unknown command '%s' for --after", v);
			break;
		default:
			if (common_option(&o->co, id, v, name))
				return RC_USAGE;
		}
	}
	common_finish(&o->co);
	return -1;
}

static void view_init(struct view *v, const struct opts *o)
{
	v->lang = o->co.lang;
	v->cmd = o->cmd;
	v->width = out_is_tty() ? out_columns() : 0;
	wrap_width = v->width;
}

int cmd_explain(int argc, char **argv)
{
	struct opts o;
	struct view v;
	size_t n = 0;
	int rc = get_opts(argc, argv, "explain", explain_help, &o);

	if (rc >= 0) {
		free(o.ops);
		return rc;
	}
	if (o.nops == 0) {
		free(o.ops);
		return usage_error("explain", "which code? e.g. 'smtpreply explain 550'");
	}
	view_init(&v, &o);
	struct item *items = make_items(o.ops, o.nops, &n, o.cmd, 1);
	rc = RC_OK;
	for (size_t i = 0; items && i < n; i++) {
		if (items[i].kind == K_INVALID)
			rc = RC_NOT_REPLY;
		if (o.co.json) {
			json_item(out, &items[i], &v);
			fputc('\n', out);
		} else {
			if (i)
				fputc('\n', out);
			print_item(&items[i], &v);
		}
	}
	free_items(items, n);
	free(o.ops);
	log_line_free();
	return items ? rc : RC_USAGE;
}

/* What compare sets side by side. */
struct facet {
	enum smtpreply_heading heading;
	const char *key;
	const char *value[2];
};

static const char *item_code(const struct item *it, char *buf, size_t size)
{
	if (it->kind == K_REPLY && it->r.enhanced.klass && !it->has_text) {
		char e[32];
		snprintf(buf, size, "%d %s", it->r.code,
		         enhanced_str(e, sizeof e, &it->r.enhanced));
	} else if (it->kind == K_REPLY) {
		snprintf(buf, size, "%d", it->r.code);
	} else {
		snprintf(buf, size, "%s", it->input);
	}
	return buf;
}

int cmd_compare(int argc, char **argv)
{
	struct opts o;
	struct view v;
	size_t n = 0;
	int rc = get_opts(argc, argv, "compare", compare_help, &o);

	if (rc >= 0) {
		free(o.ops);
		return rc;
	}
	view_init(&v, &o);
	/* Two operands are the two sides, even "550" and "5.7.1"; four are
	 * two pairs ("compare 550 5.1.1 550 5.7.1"). */
	struct item *items = make_items(o.ops, o.nops, &n, o.cmd, o.nops != 2);
	if (items == NULL || n != 2) {
		free_items(items, n);
		free(o.ops);
		return usage_error("compare", "give two codes, e.g. 'smtpreply compare 235 500'");
	}
	rc = items[0].kind == K_INVALID || items[1].kind == K_INVALID ? RC_NOT_REPLY
	                                                              : RC_OK;

	/* The facets: class, category, action, reason, who must act. */
	struct facet fa[5] = {
		{SMTPREPLY_HEADING_CLASS, "class", {NULL, NULL}},
		{SMTPREPLY_HEADING_CATEGORY, "category", {NULL, NULL}},
		{SMTPREPLY_HEADING_ACTION, "action", {NULL, NULL}},
		{SMTPREPLY_HEADING_REASON, "reason", {NULL, NULL}},
		{SMTPREPLY_HEADING_WHO, "party", {NULL, NULL}},
	};
	for (int s = 0; s < 2; s++) {
		const struct item *it = &items[s];
		if (it->class_e)
			fa[0].value[s] = name_of(it->class_e, v.lang);
		if (it->cat_e)
			fa[1].value[s] = name_of(it->cat_e, v.lang);
		if (it->kind == K_REPLY) {
			enum smtpreply_reason why = smtpreply_reason(&it->r, v.cmd);
			fa[2].value[s] = smtpreply_action_text(
			        smtpreply_action(&it->r, v.cmd), v.lang);
			fa[3].value[s] = why == SMTPREPLY_REASON_NONE
			                         ? NULL
			                         : smtpreply_reason_text(why, v.lang);
			fa[4].value[s] = smtpreply_party_text(smtpreply_reason_party(why),
			                                      v.lang);
		}
	}

	if (o.co.json) {
		int first = 1;
		fputc('{', out);
		json_key(out, &first, "a");
		json_item(out, &items[0], &v);
		json_key(out, &first, "b");
		json_item(out, &items[1], &v);
		json_key(out, &first, "differences");
		fputc('[', out);
		int k = 0;
		for (size_t i = 0; i < 5; i++) {
			const char *x = fa[i].value[0], *y = fa[i].value[1];
			if ((x == NULL) != (y == NULL) || (x && strcmp(x, y) != 0)) {
				if (k++)
					fputc(',', out);
				json_cstr(out, fa[i].key);
			}
		}
		fputs("]}\n", out);
	} else {
		char ca[64], cb[64];
		item_code(&items[0], ca, sizeof ca);
		item_code(&items[1], cb, sizeof cb);
		int cw = text_width(ca, strlen(ca)), cw2 = text_width(cb, strlen(cb));
		int w = cw > cw2 ? cw : cw2;
		int ka = items[0].kind == K_REPLY ? items[0].r.klass : ca[0] - '0';
		int kb = items[1].kind == K_REPLY ? items[1].r.klass : cb[0] - '0';

		fprintf(out, "%s%s", class_style(ka), sty(ST_BOLD));
		put_safe(out, ca, strlen(ca));
		fprintf(out, "%s  vs  %s%s", sty(ST_RESET), class_style(kb), sty(ST_BOLD));
		put_safe(out, cb, strlen(cb));
		fprintf(out, "%s\n\n", sty(ST_RESET));
		heading(smtpreply_heading_text(SMTPREPLY_HEADING_DIFFERENCES, v.lang), 0);
		for (size_t i = 0; i < 5; i++) {
			const char *x = fa[i].value[0], *y = fa[i].value[1];
			if (x == NULL && y == NULL)
				continue;
			int same = x && y && strcmp(x, y) == 0;
			fprintf(out, "  %s%s%s%s\n", same ? sty(ST_DIM) : sty(ST_BOLD),
			        smtpreply_heading_text(fa[i].heading, v.lang),
			        same ? " (=)" : "", sty(ST_RESET));
			for (int s = 0; s < 2; s++) {
				const char *c = s ? cb : ca;
				int pad = w - text_width(c, strlen(c));
				fprintf(out, "    %s", class_style(s ? kb : ka));
				put_safe(out, c, strlen(c));
				fprintf(out, "%s%*s  ", sty(ST_RESET), pad > 0 ? pad : 0, "");
				put_wrapped_at(out, (s ? y : x) ? (s ? y : x) : "-", w + 6,
				               w + 6, v.width);
			}
		}
		for (int s = 0; s < 2; s++) {
			fputc('\n', out);
			print_item(&items[s], &v);
		}
	}
	free_items(items, n);
	free(o.ops);
	log_line_free();
	return rc;
}
