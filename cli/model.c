/* model.c - replies and operands classified, with no output of any kind. */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *enhanced_str(char *buf, size_t size,
                         const struct smtpreply_enhanced *e)
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

const char *log_line(const struct smtpreply *r, const char *host,
                     enum smtpreply_command cmd, size_t *len)
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
	size_t need = smtpreply_format(scratch, scratch_size, r, host, cmd, 0);
	if (need >= scratch_size) {
		char *p = realloc(scratch, need + 1);
		if (p == NULL) {
			*len = strlen(scratch);
			return scratch; /* truncated, still NUL-terminated */
		}
		scratch = p;
		scratch_size = need + 1;
		need = smtpreply_format(scratch, scratch_size, r, host, cmd, 0);
	}
	*len = need < scratch_size ? need : scratch_size - 1;
	return scratch;
}

void model_free(void)
{
	free(scratch);
	scratch = NULL;
	scratch_size = 0;
}

void rec_from_found(struct rec *rec, const struct smtpreply_found *f)
{
	rec->kind = f->has_reply ? REC_REPLY : REC_NOREPLY;
	rec->context = 1;
	rec->source = f->source;
	if (f->has_reply)
		rec->r = f->reply;
	rec->cmd = f->command;
	rec->host = f->host;
	rec->recipient = f->recipient;
	rec->time = f->date;
	rec->status = f->status;
	rec->action = f->action;
	rec->problem = f->problem;
	rec->length = f->length;
	smtpreply_found_diagnose(f, &rec->dx);
}

const char *name_of(const smtpreply_expl *e, const char *lang)
{
	return smtpreply_expl_text_lang(e, SMTPREPLY_FIELD_NAME, lang);
}

/* An entry of the table by its kind bits and numbers. */
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

const smtpreply_expl *enhanced_class_entry(int klass)
{
	return find_entry(SMTPREPLY_X_ENHANCED | SMTPREPLY_X_CLASS, klass, 0);
}

const smtpreply_expl *enhanced_subject_entry(int subject)
{
	return find_entry(SMTPREPLY_X_ENHANCED | SMTPREPLY_X_SUBJECT, 0, subject);
}

/* ---------------------------------------------------------------------
 * A classified reply and its fields.
 * --------------------------------------------------------------------- */

void facts_init(struct facts *f, const struct smtpreply *r,
                enum smtpreply_command cmd, const char *lang, int with_lines)
{
	memset(f, 0, sizeof *f);
	f->r = r;
	f->cmd = cmd;
	f->lang = lang;
	f->with_lines = with_lines;
	f->reply_e = smtpreply_explain_reply(r, cmd);
	f->enh_e = r->enhanced.klass ? smtpreply_explain_reply_enhanced(r) : NULL;
	f->act = smtpreply_action(r, cmd);
	f->why = smtpreply_reason(r, cmd);
	f->provider = smtpreply_provider(r);
	smtpreply_diagnose(r, cmd, &f->dx);
}

void facts_init_rec(struct facts *f, const struct rec *rec, const char *lang)
{
	facts_init(f, &rec->r, rec->cmd, lang, 1);
	if (rec->context) {
		f->dx = rec->dx;
		f->act = rec->dx.action;
		f->why = rec->dx.reason;
	}
}

static void v_str(struct fv *v, const char *s)
{
	v->type = s ? FV_STR : FV_NULL;
	v->s = s;
	v->n = s ? strlen(s) : 0;
}

static void get_code(const struct facts *f, struct fv *v)
{
	v->type = FV_INT;
	v->i = f->r->code;
}

static void get_enhanced(const struct facts *f, struct fv *v)
{
	static char buf[32]; /* one field at a time */
	v_str(v, f->r->enhanced.klass ? enhanced_str(buf, sizeof buf,
	                                             &f->r->enhanced)
	                              : NULL);
}

static void get_class(const struct facts *f, struct fv *v)
{
	v_str(v, class_label(f->r->klass));
}

static void get_lines(const struct facts *f, struct fv *v)
{
	v->type = FV_LINES;
	v->r = f->with_lines ? f->r : NULL;
}

static void get_flags(const struct facts *f, struct fv *v)
{
	v->type = FV_FLAGS;
	v->i = f->r->flags;
}

static void get_name(const struct facts *f, struct fv *v)
{
	v_str(v, name_of(f->reply_e, f->lang));
}

static void get_enhanced_name(const struct facts *f, struct fv *v)
{
	v_str(v, f->enh_e ? name_of(f->enh_e, f->lang) : NULL);
}

static void get_action(const struct facts *f, struct fv *v)
{
	v_str(v, smtpreply_action_name(f->act));
}

static void get_reason(const struct facts *f, struct fv *v)
{
	v_str(v, smtpreply_reason_name(f->why));
}

/* Should the address be suppressed? "none" for a reply that is not a
 * failure. */
static void get_verdict(const struct facts *f, struct fv *v)
{
	v_str(v, smtpreply_verdict_name(f->dx.verdict));
}

/* How sure the reason is (strong, weak, guess); null when not a
 * failure. */
static void get_confidence(const struct facts *f, struct fv *v)
{
	v_str(v, f->why == SMTPREPLY_REASON_NONE
	             ? NULL
	             : smtpreply_confidence_name(f->dx.confidence));
}

/* What decided the reason (enhanced, strong_phrase, code...). */
static void get_evidence(const struct facts *f, struct fv *v)
{
	v_str(v, f->why == SMTPREPLY_REASON_NONE
	             ? NULL
	             : smtpreply_evidence_name(f->dx.evidence));
}

static void get_provider(const struct facts *f, struct fv *v)
{
	v_str(v, f->provider);
}

static void get_log(const struct facts *f, struct fv *v)
{
	size_t n;
	const char *s = log_line(f->r, f->host, f->cmd, &n);
	v->type = FV_STR;
	v->s = s;
	v->n = n;
}

const struct field model_reply_fields[] = {
	{"code", get_code},
	{"enhanced", get_enhanced},
	{"class", get_class},
	{"lines", get_lines},
	{"flags", get_flags},
	{"name", get_name},
	{"enhanced_name", get_enhanced_name},
	{"action", get_action},
	{"reason", get_reason},
	{"verdict", get_verdict},
	{"confidence", get_confidence},
	{"evidence", get_evidence},
	{"provider", get_provider},
	{"log", get_log},
	{NULL, NULL},
};

/* ---------------------------------------------------------------------
 * What an operand is.
 * --------------------------------------------------------------------- */

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* "550" */
static int is_code(const char *s)
{
	return s != NULL && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) &&
	       s[3] == '\0';
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

int entry_is_invalid(const smtpreply_expl *e)
{
	const char *key = smtpreply_expl_text(e, SMTPREPLY_FIELD_KEY);
	size_t n = strlen(key);
	return n >= 8 && strcmp(key + n - 8, " invalid") == 0;
}

/* A log line, a bounce's line, a transcript as the operand: the reply
 * the library finds in it. */
static void item_found(struct item *it, const char *s,
                       enum smtpreply_command cmd)
{
	size_t n = strlen(s), size = 2 * n + 1024, pos = 0;
	struct smtpreply_found f;
	it->buf = malloc(size);
	if (it->buf == NULL)
		return;
	if (smtpreply_find(s, n, &pos, 0, it->buf, size, &f) != 1 || !f.has_reply)
		return;
	it->kind = K_REPLY;
	it->result = 1;
	it->r = f.reply;
	it->source = f.source;
	it->has_text = 1;
	if (cmd == SMTPREPLY_CMD_UNKNOWN)
		it->cmd = cmd = f.command;
	it->reply_e = smtpreply_explain_reply(&it->r, cmd);
	if (it->r.enhanced.klass)
		it->enh_e = smtpreply_explain_reply_enhanced(&it->r);
	it->prov_e = smtpreply_explain_provider(&it->r);
	it->class_e = smtpreply_explain_class(it->r.code);
	it->cat_e = smtpreply_explain_category(it->r.code);
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
			it->class_e = enhanced_class_entry(k);
		it->cat_e = enhanced_subject_entry(subj);
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
		item_found(it, s, cmd);
		return;
	}
	/* A code, a code and an enhanced code, or a whole reply: parse it as
	 * the server's bytes, ending the last line if the user did not. */
	size_t n = strlen(s), lf = 0, i, o = 0;
	for (i = 0; i < n; i++)
		lf += s[i] == '\n';
	it->buf = malloc(n + lf + 3);
	if (it->buf == NULL) {
		it->kind = K_INVALID;
		return;
	}
	/* "$(grep ... capture.txt)" keeps a CR of the last line end. */
	while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	/* Lines a person pasted or typed with newlines ("--help" says to)
	 * end in LF alone: give them the CR a server sends, so a pasted
	 * bounce is not flagged bare_lf (review defect 44). */
	for (i = 0; i < n; i++) {
		if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r'))
			it->buf[o++] = '\r';
		it->buf[o++] = s[i];
	}
	n = o;
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

struct item *items_make(const char *const *ops, size_t nops, size_t *nitems,
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
		it->cmd = cmd;
		item_setup(it, cmd);
	}
	*nitems = n;
	return items;
}

void items_free(struct item *items, size_t n)
{
	for (size_t i = 0; items && i < n; i++)
		free(items[i].buf);
	free(items);
}

const smtpreply_expl *item_invalid_entry(const struct item *it)
{
	return it->enh_e ? it->enh_e : smtpreply_explain_text(it->input);
}

int item_is_word(const struct item *it)
{
	const char *s = it->input;

	while (*s == ' ' || *s == '\t')
		s++;
	return it->kind == K_INVALID && !is_digit((unsigned char)*s);
}

const char *item_code(const struct item *it, char *buf, size_t size)
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

int item_class(const struct item *it)
{
	if (it->kind == K_REPLY)
		return it->r.klass;
	return it->input[0] - '0';
}

void facets_make(struct facet fa[FACETS], const struct item *a,
                 const struct item *b, enum smtpreply_command cmd,
                 const char *lang)
{
	static const struct {
		enum smtpreply_heading h;
		const char *key;
	} names[FACETS] = {
		{SMTPREPLY_HEADING_CLASS, "class"},
		{SMTPREPLY_HEADING_CATEGORY, "category"},
		{SMTPREPLY_HEADING_ACTION, "action"},
		{SMTPREPLY_HEADING_REASON, "reason"},
		{SMTPREPLY_HEADING_WHO, "party"},
	};
	for (int i = 0; i < FACETS; i++) {
		fa[i].heading = names[i].h;
		fa[i].key = names[i].key;
		fa[i].value[0] = fa[i].value[1] = NULL;
	}
	for (int s = 0; s < 2; s++) {
		const struct item *it = s ? b : a;
		if (it->class_e)
			fa[0].value[s] = name_of(it->class_e, lang);
		if (it->cat_e)
			fa[1].value[s] = name_of(it->cat_e, lang);
		if (it->kind == K_REPLY) {
			enum smtpreply_reason why = smtpreply_reason(&it->r, cmd);
			fa[2].value[s] = smtpreply_action_text(
			        smtpreply_action(&it->r, cmd), lang);
			fa[3].value[s] = why == SMTPREPLY_REASON_NONE
			                         ? NULL
			                         : smtpreply_reason_text(why, lang);
			fa[4].value[s] = smtpreply_party_text(
			        smtpreply_reply_party(&it->r, cmd), lang);
		}
	}
}

int facet_differs(const struct facet *f)
{
	const char *x = f->value[0], *y = f->value[1];
	return (x == NULL) != (y == NULL) || (x && strcmp(x, y) != 0);
}

/* ---- the library's comparison page ---- */

const smtpreply_expl *item_main_entry(const struct item *it)
{
	switch (it->kind) {
	case K_REPLY:
		return it->reply_e;
	case K_ENHANCED:
		return it->enh_e;
	case K_CLASS:
		return it->class_e;
	case K_INVALID:
		break;
	}
	return item_invalid_entry(it);
}

void item_side(const struct item *it, enum smtpreply_command cmd,
               struct smtpreply_side *side, char *buf, size_t size)
{
	memset(side, 0, sizeof *side);
	item_code(it, buf, size);
	side->label = buf;
	side->entry = item_main_entry(it);
	if (it->kind == K_REPLY && it->r.enhanced.klass != 0) {
		/* A reply with an enhanced code ("452 4.2.2 ..."): the page
		 * names both, and its sentences use the most specific entry,
		 * the provider's own or the enhanced code's. */
		snprintf(buf, size, "%d %d.%d.%d", it->r.code, it->r.enhanced.klass,
		         it->r.enhanced.subject, it->r.enhanced.detail);
		if (it->prov_e)
			side->entry = it->prov_e;
		else if (it->enh_e && !(smtpreply_expl_flags(it->enh_e) &
		                        SMTPREPLY_X_FALLBACK))
			side->entry = it->enh_e;
	}
	side->reply = it->kind == K_REPLY ? &it->r : NULL;
	side->cmd = cmd;
}
