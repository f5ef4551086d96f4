/* compare.c - comparison pages and fallback notes as sentences.
 *
 * The sentence patterns are data (data/headings.txt "template NAME", in
 * every language); this file picks the pattern, fills its placeholders
 * from the explanation table, and writes the result snprintf-style. No
 * allocation: every text comes from the table or the caller. */
#include "table.h"

#include <stdio.h>
#include <string.h>

/* ---------------------------------------------------------------------
 * Output into the caller's buffer.
 * --------------------------------------------------------------------- */
struct out {
	char *buf;
	size_t size; /* including the NUL */
	size_t len;  /* what the whole text needs */
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->size > 0 && o->len < o->size - 1) {
		size_t room = o->size - 1 - o->len;
		memcpy(o->buf + o->len, s, n < room ? n : room);
	}
	o->len += n;
}

/* NUL-terminate; a cut text never ends inside a UTF-8 character. */
static size_t finish(struct out *o)
{
	size_t end;
	if (o->size == 0)
		return o->len;
	end = o->len < o->size ? o->len : o->size - 1;
	if (end < o->len) {
		size_t k = end;
		while (k > 0 && ((unsigned char)o->buf[k - 1] & 0xC0) == 0x80)
			k--;
		/* k - 1 is the lead byte of the last character: keep it only
		 * if all its continuation bytes fit. */
		if (k > 0) {
			unsigned char lead = (unsigned char)o->buf[k - 1];
			size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3
			              : lead >= 0xC0 ? 2 : 1;
			if (end - (k - 1) < need)
				end = k - 1;
		}
	}
	o->buf[end] = '\0';
	return o->len;
}

/* ---------------------------------------------------------------------
 * Filling a pattern.
 * --------------------------------------------------------------------- */
enum { V_A, V_AN, V_AC, V_AD, V_B, V_BN, V_BC, V_BD, V_X, V_N, V_T, V_P, V_K,
       V_COUNT };
static const char *const var_names[V_COUNT] = {
	"a", "an", "ac", "ad", "b", "bn", "bc", "bd", "x", "n", "t", "p", "k"};

struct var {
	const char *s;
	size_t n; /* bytes of s to use */
};

static void set(struct var *v, int i, const char *s)
{
	v[i].s = s ? s : "";
	v[i].n = strlen(v[i].s);
}

/* Copy pattern, replacing "{name}" by its value; an unknown name is
 * copied as it stands. */
static void fill(struct out *o, const char *pattern, const struct var *v)
{
	const char *p = pattern;
	while (*p != '\0') {
		const char *open = strchr(p, '{');
		const char *close;
		int i;
		if (open == NULL) {
			put(o, p, strlen(p));
			return;
		}
		put(o, p, (size_t)(open - p));
		close = strchr(open, '}');
		if (close == NULL) {
			put(o, open, strlen(open));
			return;
		}
		for (i = 0; i < V_COUNT; i++)
			if (strlen(var_names[i]) == (size_t)(close - open - 1) &&
			    strncmp(var_names[i], open + 1,
			            (size_t)(close - open - 1)) == 0)
				break;
		if (i < V_COUNT)
			put(o, v[i].s, v[i].n);
		else
			put(o, open, (size_t)(close - open + 1));
		p = close + 1;
	}
}

/* The first sentence of a description: through the first '.', '!' or
 * '?' followed by a space or the end, or a Japanese '。'. Abbreviations
 * such as "e.g." and dotted numbers ("5.7.1") do not end one. */
static size_t first_sentence(const char *s)
{
	size_t i;
	for (i = 0; s[i] != '\0'; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0xE3 && (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x82)
			return i + 3;
		if ((c == '.' || c == '!' || c == '?') &&
		    (s[i + 1] == ' ' || s[i + 1] == '\0')) {
			if (c == '.' && i >= 3 && s[i - 2] == '.')
				continue; /* "e.g." "i.e." */
			return i + 1;
		}
	}
	return i;
}

/* ---------------------------------------------------------------------
 * One side of a comparison.
 * --------------------------------------------------------------------- */
static const struct smtpreply_expl *rec(enum sr_section s, unsigned i)
{
	return i < sr_sections[s].count ? &sr_expl[sr_sections[s].first + i]
	                                : NULL;
}

struct side {
	char label[48];
	const struct smtpreply_expl *entry;
	const struct smtpreply *reply;
	enum smtpreply_command cmd;
	const struct smtpreply_expl *klass; /* its class entry, or NULL */
	char class_name[160];
};

/* The entry's own label: "550", "5xx", "5.7.1", "X.7.26", "X.7.X". */
static void entry_label(const struct smtpreply_expl *e, char *buf,
                        size_t size)
{
	switch (e->kind) {
	case SR_K_REPLY:
		snprintf(buf, size, "%d", e->code);
		break;
	case SR_K_CLASS:
		snprintf(buf, size, "%dxx", e->klass);
		break;
	case SR_K_ENH_CLASS:
		snprintf(buf, size, "%d.X.X", e->klass);
		break;
	case SR_K_ENH_SUBJECT:
		snprintf(buf, size, "X.%d.X", e->subject);
		break;
	case SR_K_ENH_DETAIL:
	case SR_K_PROVIDER:
		if (e->klass > 0)
			snprintf(buf, size, "%d.%d.%d", e->klass, e->subject,
			         e->detail);
		else
			snprintf(buf, size, "X.%d.%d", e->subject, e->detail);
		break;
	default:
		snprintf(buf, size, "%s", sr_pool + e->text[SMTPREPLY_FIELD_KEY]);
	}
}

static void side_init(struct side *s, const struct smtpreply_side *in,
                      unsigned lang)
{
	const struct smtpreply_expl *e;
	int digit = 0, enhanced = 0;

	memset(s, 0, sizeof *s);
	if (in == NULL) {
		s->entry = sr_reply_entry(0, SMTPREPLY_CMD_UNKNOWN);
	} else {
		s->reply = in->reply;
		s->cmd = in->cmd;
		s->entry = in->entry ? in->entry
		           : sr_reply_entry(in->reply ? in->reply->code : 0, in->cmd);
	}
	e = s->entry;
	if (in != NULL && in->label != NULL)
		snprintf(s->label, sizeof s->label, "%s", in->label);
	else if (s->reply != NULL)
		snprintf(s->label, sizeof s->label, "%d", s->reply->code);
	else
		entry_label(e, s->label, sizeof s->label);

	if (s->reply != NULL && s->reply->code >= 100 && s->reply->code <= 599)
		digit = s->reply->code / 100;
	else if (e->kind == SR_K_REPLY)
		digit = e->code / 100;
	else if (e->kind == SR_K_CLASS)
		digit = e->klass;
	else if ((e->flags & SMTPREPLY_X_ENHANCED) && e->klass > 0)
		digit = e->klass, enhanced = 1;
	else if ((e->flags & SMTPREPLY_X_ENHANCED) && s->label[1] == '.' &&
	         (s->label[0] == '2' || s->label[0] == '4' ||
	          s->label[0] == '5'))
		/* An X.S.D entry shown for "5.1.1": the label has the class. */
		digit = s->label[0] - '0', enhanced = 1;

	if (enhanced) {
		unsigned i;
		for (i = 0; i < sr_sections[SR_SEC_ENH_CLASS].count; i++)
			if (rec(SR_SEC_ENH_CLASS, i)->klass == digit)
				s->klass = rec(SR_SEC_ENH_CLASS, i);
		if (s->klass)
			snprintf(s->class_name, sizeof s->class_name,
			         "%d.X.X %s", digit,
			         sr_text(s->klass, SMTPREPLY_FIELD_NAME, lang));
	} else if (digit >= 1 && digit <= 5) {
		s->klass = rec(SR_SEC_CLASS, (unsigned)(digit - 1));
		snprintf(s->class_name, sizeof s->class_name, "%s",
		         sr_text(s->klass, SMTPREPLY_FIELD_NAME, lang));
	} else {
		snprintf(s->class_name, sizeof s->class_name, "%s",
		         sr_text(e, SMTPREPLY_FIELD_NAME, lang));
	}
}

static const char *field(const struct side *s, unsigned f, unsigned lang)
{
	return sr_text(s->entry, f, lang);
}

/* The key differences, in order: what point i is about. */
enum point { P_CLASS, P_MEANING_A, P_MEANING_B, P_WHEN_A, P_WHEN_B,
             P_TODO_A, P_TODO_B, P_NONE };

static enum point point_at(const struct side *a, const struct side *b,
                           size_t i)
{
	enum point list[7];
	size_t n = 0;
	list[n++] = P_CLASS;
	list[n++] = P_MEANING_A;
	list[n++] = P_MEANING_B;
	list[n++] = P_WHEN_A;
	list[n++] = P_WHEN_B;
	if (a->reply)
		list[n++] = P_TODO_A;
	if (b->reply)
		list[n++] = P_TODO_B;
	return i < n ? list[i] : P_NONE;
}

static void todo(struct out *o, const struct side *s, unsigned lang,
                 const struct var *base)
{
	struct var v[V_COUNT];
	enum smtpreply_action act = sr_action(s->reply, s->cmd);
	enum smtpreply_party who = sr_reply_party(s->reply, s->cmd);

	memcpy(v, base, sizeof v);
	set(v, V_X, s->label);
	set(v, V_T, sr_text(sr_action_record((unsigned)act), SMTPREPLY_FIELD_NAME,
	                    lang));
	set(v, V_P, sr_text(sr_party_record((unsigned)who), SMTPREPLY_FIELD_NAME,
	                    lang));
	fill(o, sr_template(SR_T_TODO, lang), v);
}

size_t smtpreply_compare_text(char *out, size_t size,
                              const struct smtpreply_side *a,
                              const struct smtpreply_side *b,
                              enum smtpreply_compare_part part, size_t index,
                              const char *lang)
{
	struct out o = {out, out ? size : 0, 0};
	unsigned l = sr_lang_index(lang);
	struct side sa, sb;
	struct var v[V_COUNT];
	const struct side *x;
	int same;

	side_init(&sa, a, l);
	side_init(&sb, b, l);
	set(v, V_A, sa.label);
	set(v, V_B, sb.label);
	set(v, V_AN, field(&sa, SMTPREPLY_FIELD_NAME, l));
	set(v, V_BN, field(&sb, SMTPREPLY_FIELD_NAME, l));
	set(v, V_AC, sa.class_name);
	set(v, V_BC, sb.class_name);
	set(v, V_AD, field(&sa, SMTPREPLY_FIELD_DESCRIPTION, l));
	set(v, V_BD, field(&sb, SMTPREPLY_FIELD_DESCRIPTION, l));
	set(v, V_X, "");
	set(v, V_N, "");
	set(v, V_T, "");
	set(v, V_P, "");
	set(v, V_K, "");
	same = strcmp(sa.class_name, sb.class_name) == 0;

	switch (part) {
	case SMTPREPLY_COMPARE_TITLE:
		if (index != 0)
			break;
		fill(&o, sr_template(SR_T_TITLE, l), v);
		break;
	case SMTPREPLY_COMPARE_SUMMARY:
		if (index != 0)
			break;
		v[V_AD].n = first_sentence(v[V_AD].s);
		v[V_BD].n = first_sentence(v[V_BD].s);
		fill(&o, sr_template(same ? SR_T_SUMMARY_SAME : SR_T_SUMMARY_DIFF,
		                     l), v);
		break;
	case SMTPREPLY_COMPARE_POINT:
		switch (point_at(&sa, &sb, index)) {
		case P_CLASS:
			fill(&o, sr_template(same ? SR_T_CLASS_SAME : SR_T_CLASS_DIFF,
			                     l), v);
			break;
		case P_MEANING_A:
		case P_MEANING_B:
			x = point_at(&sa, &sb, index) == P_MEANING_A ? &sa : &sb;
			set(v, V_X, x->label);
			set(v, V_N, field(x, SMTPREPLY_FIELD_NAME, l));
			set(v, V_T, field(x, SMTPREPLY_FIELD_DESCRIPTION, l));
			fill(&o, sr_template(SR_T_MEANING, l), v);
			break;
		case P_WHEN_A:
		case P_WHEN_B:
			x = point_at(&sa, &sb, index) == P_WHEN_A ? &sa : &sb;
			set(v, V_X, x->label);
			set(v, V_T, field(x, SMTPREPLY_FIELD_WHEN, l));
			fill(&o, sr_template(SR_T_WHEN, l), v);
			break;
		case P_TODO_A:
			todo(&o, &sa, l, v);
			break;
		case P_TODO_B:
			todo(&o, &sb, l, v);
			break;
		case P_NONE:
			break;
		}
		break;
	case SMTPREPLY_COMPARE_WHICH:
		if (index > 1)
			break;
		x = index == 0 ? &sa : &sb;
		set(v, V_X, x->label);
		set(v, V_N, field(x, SMTPREPLY_FIELD_NAME, l));
		set(v, V_T, field(x, SMTPREPLY_FIELD_FIX, l));
		fill(&o, sr_template(SR_T_WHICH, l), v);
		break;
	}
	return finish(&o);
}

size_t smtpreply_fallback_text(char *out, size_t size, const char *label,
                               const smtpreply_expl *e, const char *lang)
{
	struct out o = {out, out ? size : 0, 0};
	unsigned l = sr_lang_index(lang);
	struct var v[V_COUNT];
	char key[48];
	int i;

	if (e == NULL || !(e->flags & SMTPREPLY_X_FALLBACK) ||
	    e->kind == SR_K_INVALID)
		return finish(&o);
	for (i = 0; i < V_COUNT; i++)
		set(v, i, "");
	entry_label(e, key, sizeof key);
	set(v, V_X, label ? label : "");
	set(v, V_K, key);
	set(v, V_N, sr_text(e, SMTPREPLY_FIELD_NAME, l));
	fill(&o, sr_template(SR_T_FALLBACK, l), v);
	return finish(&o);
}
