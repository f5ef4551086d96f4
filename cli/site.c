/* site.c - the reference website's model (see site.h). */
#include "site.h"

#include <stdio.h>
#include <string.h>

const char *const site_langs[SITE_NLANGS] = {"en", "ko", "ja", "fr"};

/* The five pages the project grew from, in their order. */
static const int seed_pairs[][2] = {
	{235, 500}, {235, 530}, {235, 354}, {235, 502}, {235, 250}};

static struct site_code *find_code(struct site *s, int code)
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

enum smtpreply_command site_key_command(const smtpreply_expl *e)
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
		struct site_code *c = find_code(s, code);
		if (c == NULL) {
			if (s->ncodes == SITE_MAX_CODES)
				continue;
			c = &s->codes[s->ncodes++];
			memset(c, 0, sizeof *c);
			c->code = code;
			c->base = smtpreply_explain_code(code);
		}
		enum smtpreply_command cmd = site_key_command(e);
		if ((fl & SMTPREPLY_X_CONTEXTUAL) && cmd > 0 && cmd < SITE_NCMDS)
			c->ctx[cmd] = e;
	}
}

static void add_pair(struct site *s, int a, int b, unsigned cmds)
{
	for (size_t i = 0; i < s->npairs; i++) {
		struct site_pair *p = &s->pairs[i];
		if ((p->a == a && p->b == b) || (p->a == b && p->b == a)) {
			p->cmds |= cmds;
			return;
		}
	}
	if (s->npairs < SITE_MAX_PAIRS)
		s->pairs[s->npairs++] = (struct site_pair){a, b, cmds};
}

/* Codes no standard defines pair only as twins: "450 vs 550" helps, "441
 * vs 250 after RCPT" would not. */
static void collect_pairs(struct site *s)
{
	for (size_t i = 0; i < sizeof seed_pairs / sizeof seed_pairs[0]; i++)
		add_pair(s, seed_pairs[i][0], seed_pairs[i][1], 0);
	for (size_t i = 0; i < s->ncodes; i++) {
		const struct site_code *x = &s->codes[i];
		for (size_t j = i + 1; j < s->ncodes; j++) {
			const struct site_code *y = &s->codes[j];
			unsigned cmds = 0;
			for (int c = 1; c < SITE_NCMDS; c++)
				if (x->ctx[c] && y->ctx[c])
					cmds |= 1u << c;
			if (cmds && standard(x->base) && standard(y->base))
				add_pair(s, x->code, y->code, cmds);
			else if (x->code / 100 == 4 && y->code == x->code + 100)
				add_pair(s, x->code, y->code, 0);
		}
	}
	/* The seeds' pairs share commands too (235 and 500 both answer AUTH). */
	for (size_t i = 0; i < sizeof seed_pairs / sizeof seed_pairs[0]; i++) {
		const struct site_code *x = find_code(s, seed_pairs[i][0]);
		const struct site_code *y = find_code(s, seed_pairs[i][1]);
		for (int c = 1; x && y && c < SITE_NCMDS; c++)
			if (x->ctx[c] && y->ctx[c])
				s->pairs[i].cmds |= 1u << c;
	}
}

void site_init(struct site *s)
{
	memset(s, 0, sizeof *s);
	collect_codes(s);
	collect_pairs(s);
}

enum site_kind site_kind_of(const smtpreply_expl *e)
{
	unsigned fl = smtpreply_expl_flags(e);
	if (fl & SMTPREPLY_X_PROVIDER)
		return PAGE_PROVIDER;
	if (fl & SMTPREPLY_X_ENHANCED)
		return PAGE_ENHANCED;
	return PAGE_OTHER;
}

const char *site_shown_key(const smtpreply_expl *e)
{
	const char *k = smtpreply_expl_text(e, SMTPREPLY_FIELD_KEY);
	const char *sp = strchr(k, ' ');
	return sp ? sp + 1 : k;
}

/* "enhanced X.7.26" -> "enhanced/x.7.26.html", "provider google 5.7.26"
 * -> "provider/google-5.7.26.html", "enhanced 5" (a class) ->
 * "enhanced/class-5.html". */
void site_entry_path(const smtpreply_expl *e, char *out, size_t size)
{
	const char *k = site_shown_key(e);
	int n = snprintf(out, size, "%s/%s",
	                 site_kind_of(e) == PAGE_PROVIDER ? "provider" : "enhanced",
	                 (smtpreply_expl_flags(e) & SMTPREPLY_X_CLASS) ? "class-" : "");
	size_t at = n < 0 ? 0 : (size_t)n;
	for (; *k && at + 6 < size; k++) {
		char c = *k;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.'))
			c = '-';
		out[at++] = c;
	}
	snprintf(out + at, size - at, ".html");
}

void site_pair_path(const struct site_pair *p, char *out, size_t size)
{
	snprintf(out, size, "vs/%d-vs-%d.html", p->a, p->b);
}

const smtpreply_expl *site_registered(const smtpreply_expl *e)
{
	int kl, su, de;
	if (site_kind_of(e) != PAGE_PROVIDER || !smtpreply_expl_enhanced(e, &kl, &su, &de))
		return NULL;
	if (kl != 2 && kl != 4 && kl != 5) /* Google's "7.7.1" has no class */
		return NULL;
	const smtpreply_expl *r = smtpreply_explain_enhanced(kl, su, de);
	return smtpreply_expl_flags(r) & SMTPREPLY_X_FALLBACK ? NULL : r;
}

const smtpreply_expl *site_subject(const smtpreply_expl *e)
{
	int kl, su, de;
	if (!smtpreply_expl_enhanced(e, &kl, &su, &de) || su < 0 || de < 0)
		return NULL;
	if (kl != -1 && kl != 2 && kl != 4 && kl != 5)
		return NULL;
	/* A detail no entry has gives the subject's entry. */
	const smtpreply_expl *subj = smtpreply_explain_enhanced(kl < 0 ? 5 : kl, su, 999);
	return subj == e ? NULL : subj;
}

void site_side_of_code(struct site_side *s, int code)
{
	memset(s, 0, sizeof *s);
	snprintf(s->label, sizeof s->label, "%d", code);
	snprintf(s->buf, sizeof s->buf, "%d x\r\n", code);
	s->code = code;
	s->side.label = s->label;
	s->side.entry = smtpreply_explain_code(code);
	if (smtpreply_parse(s->buf, strlen(s->buf), NULL, &s->r) > 0)
		s->side.reply = &s->r;
}

/* A bare reply of the code ("550 x"); r's views point into buf, which the
 * caller keeps while it uses r. */
static int parse_code(int code, char buf[16], struct smtpreply *r)
{
	snprintf(buf, 16, "%d x\r\n", code);
	return smtpreply_parse(buf, strlen(buf), NULL, r) > 0;
}

enum smtpreply_action site_code_action(int code)
{
	char buf[16];
	struct smtpreply r;
	return parse_code(code, buf, &r) ? smtpreply_action(&r, SMTPREPLY_CMD_UNKNOWN)
	                                 : SMTPREPLY_ACTION_RETRY;
}

enum smtpreply_party site_code_party(int code)
{
	char buf[16];
	struct smtpreply r;
	if (!parse_code(code, buf, &r))
		return SMTPREPLY_PARTY_NONE;
	return smtpreply_reason_party(smtpreply_reason(&r, SMTPREPLY_CMD_UNKNOWN));
}
