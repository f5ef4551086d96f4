/* explain.c - lookups in the generated explanation table (table.c).
 *
 * Every lookup returns a record: an exact one when the table has it, else
 * a fallback record (SMTPREPLY_X_FALLBACK) that repeats the text of the
 * code's subject or class, or says the value is not a code at all. */
#include "table.h"

#include <string.h>

static const struct smtpreply_expl *sec(enum sr_section s, unsigned i)
{
	return &sr_expl[sr_sections[s].first + i];
}

/* Record i of a section indexed by an enum value, NULL past its end. */
static const struct smtpreply_expl *sec_at(enum sr_section s, unsigned i)
{
	return i < sr_sections[s].count ? sec(s, i) : NULL;
}

static const struct smtpreply_expl *not_reply(void)
{
	return sec(SR_SEC_FB_INVALID, 0);
}

static const struct smtpreply_expl *not_enhanced(void)
{
	return sec(SR_SEC_FB_INVALID, 1);
}

/* ---------------------------------------------------------------------
 * Text and languages.
 * --------------------------------------------------------------------- */

const char *sr_text(const struct smtpreply_expl *e, unsigned field,
                    unsigned lang)
{
	if (e == NULL || field >= SR_NFIELDS)
		return "";
	if (lang > 0 && lang < sr_nlang && field < SR_TR_FIELDS) {
		size_t rec = (size_t)(e - sr_expl);
		uint32_t off =
		    sr_i18n[(size_t)(lang - 1) * sr_expl_total + rec][field];
		if (off != SR_NONE)
			return sr_pool + off;
	}
	return sr_pool + e->text[field];
}

/* Primary subtag length of a lowercase tag ("pt-br" -> 2). */
static size_t primary_len(const char *t)
{
	size_t n = 0;
	while (t[n] != '\0' && t[n] != '-')
		n++;
	return n;
}

/* Case-insensitive comparison of a lowercase tag with a language name. */
static int tag_equal(const char *t, size_t tn, const char *name, size_t nn)
{
	size_t i;
	if (tn != nn)
		return 0;
	for (i = 0; i < tn; i++)
		if (t[i] != sr_lower((unsigned char)name[i]))
			return 0;
	return 1;
}

/* One item of a tag list ("fr_CA.UTF-8@euro", " ja;q=0.8"): the index of
 * the language it selects, or -1. */
static int match_item(const char *s, size_t n)
{
	char t[36];
	size_t len = 0, i, tp;
	int pass;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	for (i = 0; i < n; i++) {
		int c = (unsigned char)s[i];
		if (c == '.' || c == '@' || c == ';' || c == ' ' || c == '\t')
			break;
		if (len + 1 >= sizeof t)
			return -1;
		t[len++] = c == '_' ? '-' : (char)sr_lower(c);
	}
	t[len] = '\0';
	if (len == 0 || strcmp(t, "*") == 0)
		return -1;
	if (strcmp(t, "c") == 0 || strcmp(t, "posix") == 0)
		return 0;
	tp = primary_len(t);
	/* 1: the same tag; 2: the tag's language ("fr-ca" -> "fr");
	 * 3: another region of the language ("pt-pt" -> "pt-BR"). */
	for (pass = 1; pass <= 3; pass++) {
		unsigned l;
		for (l = 0; l < sr_nlang; l++) {
			const char *name = sr_pool + sr_lang_names[l];
			size_t nn = strlen(name);
			if ((pass == 1 && tag_equal(t, len, name, nn)) ||
			    (pass == 2 && tag_equal(t, tp, name, nn)) ||
			    (pass == 3 &&
			     tag_equal(t, tp, name, primary_len(name))))
				return (int)l;
		}
	}
	return -1;
}

unsigned sr_lang_index(const char *tag)
{
	/* A list is allowed: "fr:de" (LANGUAGE), "fr-CH, fr;q=0.9"
	 * (Accept-Language); the first item that matches wins. */
	while (tag != NULL && *tag != '\0') {
		size_t n = strcspn(tag, ":,");
		int l = match_item(tag, n);
		if (l >= 0)
			return (unsigned)l;
		tag += n;
		if (*tag != '\0')
			tag++;
	}
	return 0;
}

const char *smtpreply_language(size_t index)
{
	if (index >= sr_nlang)
		return NULL;
	return sr_pool + sr_lang_names[index];
}

const char *smtpreply_language_match(const char *tag)
{
	return sr_pool + sr_lang_names[sr_lang_index(tag)];
}

const char *smtpreply_heading_text(enum smtpreply_heading h, const char *lang)
{
	unsigned i = (unsigned)h;
	if (i >= sr_sections[SR_SEC_HEADING].count)
		return "";
	return sr_text(sec(SR_SEC_HEADING, i), SMTPREPLY_FIELD_NAME,
	               sr_lang_index(lang));
}

/* ---------------------------------------------------------------------
 * Reply codes.
 * --------------------------------------------------------------------- */

/* First reply record at or after (code, cmd). */
static size_t reply_lower_bound(int code, int cmd)
{
	size_t lo = 0, hi = sr_sections[SR_SEC_REPLY].count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct smtpreply_expl *e = sec(SR_SEC_REPLY, (unsigned)mid);
		if (e->code < code || (e->code == code && e->cmd < cmd))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const struct smtpreply_expl *reply_lookup(int code, int cmd)
{
	size_t i, n = sr_sections[SR_SEC_REPLY].count;
	const struct smtpreply_expl *e;

	if (code < 100 || code > 599)
		return not_reply();
	if (cmd > 0) {
		i = reply_lower_bound(code, cmd);
		if (i < n) {
			e = sec(SR_SEC_REPLY, (unsigned)i);
			if (e->code == code && e->cmd == cmd)
				return e;
		}
	}
	/* The general entry; a code the data lists only after some command
	 * gets its first such entry (flagged CONTEXTUAL). */
	i = reply_lower_bound(code, 0);
	if (i < n) {
		e = sec(SR_SEC_REPLY, (unsigned)i);
		if (e->code == code)
			return e;
	}
	return sec(SR_SEC_FB_CLASS, (unsigned)(code / 100 - 1));
}

const smtpreply_expl *smtpreply_explain_code(int code)
{
	return reply_lookup(code, 0);
}

/* Exported functions are not called from inside the library: such calls
 * would go through the PLT (and cost a relocation each). */
static const struct smtpreply_expl *reply_after(int code,
                                                enum smtpreply_command cmd)
{
	int c = (int)cmd;
	if (c < 0 || c >= sr_ncmd)
		c = 0;
	return reply_lookup(code, c);
}

const struct smtpreply_expl *sr_reply_entry(int code,
                                            enum smtpreply_command cmd)
{
	return reply_after(code, cmd);
}

const smtpreply_expl *smtpreply_explain_code_after(int code,
                                                   enum smtpreply_command cmd)
{
	return reply_after(code, cmd);
}

static const struct smtpreply_expl *class_of(int code)
{
	if (code < 100 || code > 599)
		return not_reply();
	return sec(SR_SEC_CLASS, (unsigned)(code / 100 - 1));
}

const smtpreply_expl *smtpreply_explain_class(int code)
{
	return class_of(code);
}

const smtpreply_expl *smtpreply_explain_category(int code)
{
	/* SMTP has no 1xx replies (101, 111 are client log codes), so their
	 * second digit means nothing. */
	if (code < 200 || code > 599 || (code / 10) % 10 > 5)
		return not_reply();
	return sec(SR_SEC_CATEGORY, (unsigned)((code / 10) % 10));
}

/* ---------------------------------------------------------------------
 * Enhanced status codes.
 * --------------------------------------------------------------------- */

static int cmp3(int a1, int b1, int c1, int a2, int b2, int c2)
{
	if (a1 != a2)
		return a1 < a2 ? -1 : 1;
	if (b1 != b2)
		return b1 < b2 ? -1 : 1;
	if (c1 != c2)
		return c1 < c2 ? -1 : 1;
	return 0;
}

/* The enhanced X.S.D (klass -1) or C.S.D record, or NULL. */
static const struct smtpreply_expl *find_detail(int klass, int subject,
                                                int detail)
{
	size_t lo = 0, hi = sr_sections[SR_SEC_ENH_DETAIL].count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct smtpreply_expl *e =
		    sec(SR_SEC_ENH_DETAIL, (unsigned)mid);
		int c = cmp3(e->subject, e->detail, e->klass, subject, detail,
		             klass);
		if (c == 0)
			return e;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The subject fallback for X.S, or NULL. */
static const struct smtpreply_expl *find_subject(int subject)
{
	size_t lo = 0, hi = sr_sections[SR_SEC_FB_SUBJECT].count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct smtpreply_expl *e =
		    sec(SR_SEC_FB_SUBJECT, (unsigned)mid);
		if (e->subject == subject)
			return e;
		if (e->subject < subject)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static const struct smtpreply_expl *enh_class_fallback(int klass)
{
	unsigned i;
	for (i = 0; i < sr_sections[SR_SEC_FB_ENH_CLASS].count; i++) {
		const struct smtpreply_expl *e = sec(SR_SEC_FB_ENH_CLASS, i);
		if (e->klass == klass)
			return e;
	}
	return not_enhanced();
}

/* klass 2, 4, 5, or -1 for "X" (text lookups). */
static const struct smtpreply_expl *enh_lookup(int klass, int subject,
                                               int detail)
{
	const struct smtpreply_expl *e;
	int sok = subject >= 0 && subject <= 999;

	if (klass != 2 && klass != 4 && klass != 5 && klass != -1)
		return not_enhanced();
	if (sok && detail >= 0 && detail <= 999) {
		if (klass != -1 && (e = find_detail(klass, subject, detail)))
			return e;
		if ((e = find_detail(-1, subject, detail)) != NULL)
			return e;
	}
	if (sok && (e = find_subject(subject)) != NULL)
		return e;
	return klass == -1 ? not_enhanced() : enh_class_fallback(klass);
}

static const struct smtpreply_expl *enhanced(int klass, int subject,
                                             int detail)
{
	if (klass != 2 && klass != 4 && klass != 5)
		return not_enhanced();
	return enh_lookup(klass, subject, detail);
}

const smtpreply_expl *smtpreply_explain_enhanced(int klass, int subject,
                                                 int detail)
{
	return enhanced(klass, subject, detail);
}

/* ---------------------------------------------------------------------
 * Lookups from text and from parsed replies.
 * --------------------------------------------------------------------- */

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* 1 to 3 digits at *p; advances *p. -1 when there are none or more. */
static int number3(const char **p)
{
	int v = 0, n = 0;
	while (is_digit((unsigned char)**p)) {
		if (++n > 3)
			return -1;
		v = v * 10 + (**p - '0');
		(*p)++;
	}
	return n ? v : -1;
}

/* "C.S.D" at p (C a digit or X), ended by anything but a digit or a dot
 * followed by a digit. Returns 1 and the parts (klass -1 for X). */
static int parse_enhanced(const char *p, int *klass, int *subject,
                          int *detail)
{
	int c = (unsigned char)*p;
	if (c == 'X' || c == 'x')
		*klass = -1;
	else if (is_digit(c))
		*klass = c - '0';
	else
		return 0;
	p++;
	if (*p++ != '.')
		return 0;
	if ((*subject = number3(&p)) < 0 || *p++ != '.')
		return 0;
	if ((*detail = number3(&p)) < 0)
		return 0;
	if (*p == '.' && is_digit((unsigned char)p[1]))
		return 0;
	return 1;
}

const smtpreply_expl *smtpreply_explain_text(const char *text)
{
	const char *p = text;
	int k, s, d, code;

	if (p == NULL)
		return not_reply();
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	if (parse_enhanced(p, &k, &s, &d))
		return enh_lookup(k, s, d);
	if (!is_digit((unsigned char)p[0]))
		return not_reply();
	/* "2xx": the class. */
	if ((p[1] == 'x' || p[1] == 'X') && (p[2] == 'x' || p[2] == 'X') &&
	    !is_digit((unsigned char)p[3]) && p[3] != '.')
		return class_of((p[0] - '0') * 100);
	if (!is_digit((unsigned char)p[1]) || !is_digit((unsigned char)p[2]))
		return not_reply();
	code = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
	p += 3;
	if (*p != '\0' && *p != ' ' && *p != '-' && *p != '\t' &&
	    *p != '\r' && *p != '\n')
		return not_reply();
	if (*p == ' ' || *p == '-') {
		p++;
		while (*p == ' ')
			p++;
		/* The enhanced code counts when its class is the reply's, as
		 * in a parsed reply. */
		if (parse_enhanced(p, &k, &s, &d) && k == code / 100 &&
		    (k == 2 || k == 4 || k == 5))
			return enh_lookup(k, s, d);
	}
	return reply_lookup(code, 0);
}

const smtpreply_expl *smtpreply_explain_reply(const struct smtpreply *reply,
                                              enum smtpreply_command cmd)
{
	if (reply == NULL)
		return not_reply();
	return reply_after(reply->code, cmd);
}

/* The enhanced code's entry of a reply; its class fallback when it has
 * none. */
static const struct smtpreply_expl *
reply_enhanced(const struct smtpreply *reply)
{
	int c;
	if (reply->enhanced.klass != 0)
		return enhanced(reply->enhanced.klass, reply->enhanced.subject,
		                reply->enhanced.detail);
	/* No enhanced code: the class's entry, flagged FALLBACK. */
	if (reply->code < 100 || reply->code > 599)
		return not_reply();
	c = reply->code / 100;
	if (c == 2 || c == 4 || c == 5)
		return enh_class_fallback(c);
	return sec(SR_SEC_FB_CLASS, (unsigned)(c - 1));
}

const smtpreply_expl *
smtpreply_explain_reply_enhanced(const struct smtpreply *reply)
{
	if (reply == NULL)
		return not_enhanced();
	return reply_enhanced(reply);
}

const struct smtpreply_expl *sr_reply_enhanced(const struct smtpreply *reply)
{
	return reply_enhanced(reply);
}

/* ---------------------------------------------------------------------
 * Records.
 * --------------------------------------------------------------------- */

const char *smtpreply_expl_text(const smtpreply_expl *e,
                                enum smtpreply_field field)
{
	return sr_text(e, (unsigned)field, 0);
}

const char *smtpreply_expl_text_lang(const smtpreply_expl *e,
                                     enum smtpreply_field field,
                                     const char *lang)
{
	return sr_text(e, (unsigned)field, sr_lang_index(lang));
}

unsigned smtpreply_expl_flags(const smtpreply_expl *e)
{
	return e ? e->flags : 0;
}

int smtpreply_expl_code(const smtpreply_expl *e)
{
	return e && e->kind == SR_K_REPLY ? e->code : 0;
}

int smtpreply_expl_enhanced(const smtpreply_expl *e, int *klass, int *subject,
                            int *detail)
{
	int k = 0, s = 0, d = 0, ok = 0;
	if (e != NULL && (e->flags & SMTPREPLY_X_ENHANCED)) {
		k = e->klass;
		s = e->subject;
		d = e->detail;
		ok = 1;
	}
	if (klass)
		*klass = k;
	if (subject)
		*subject = s;
	if (detail)
		*detail = d;
	return ok;
}

size_t smtpreply_expl_count(void)
{
	return sr_expl_walk;
}

const smtpreply_expl *smtpreply_expl_at(size_t index)
{
	return index < sr_expl_walk ? &sr_expl[index] : NULL;
}

/* ---------------------------------------------------------------------
 * Providers (for classify.c).
 * --------------------------------------------------------------------- */

int sr_provider_index(const char *provider)
{
	size_t lo = 0, hi = sr_nprovider;
	if (provider == NULL)
		return -1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(sr_pool + sr_providers[mid].name, provider);
		if (c == 0)
			return (int)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

const char *sr_provider_name(unsigned index)
{
	return index < sr_nprovider ? sr_pool + sr_providers[index].name
	                            : NULL;
}

const struct smtpreply_expl *sr_provider_find(const char *provider, int klass,
                                              int subject, int detail)
{
	const struct smtpreply_expl *best = NULL;
	int p = sr_provider_index(provider);
	unsigned i;

	if (p < 0)
		return NULL;
	for (i = 0; i < sr_providers[p].count; i++) {
		const struct smtpreply_expl *e =
		    &sr_expl[sr_providers[p].first + i];
		if (e->text_only || e->subject != subject ||
		    detail < e->detail || detail > e->detail_last ||
		    (e->klass != klass && e->klass != -1))
			continue;
		/* A class of its own beats X; a narrower range a wider. */
		if (best == NULL ||
		    (e->klass != -1 && best->klass == -1) ||
		    (e->klass == best->klass &&
		     e->detail_last - e->detail <
		         best->detail_last - best->detail))
			best = e;
	}
	return best;
}

/* The reply's text as phrases are matched against it: every line without
 * its leading enhanced code (Gmail repeats "5.7.1" on each line, and its
 * sentences run across lines), joined by one space, white-space runs as
 * one space, ASCII lowercase. Truncated to size - 1 bytes; NUL-ended. */
static void folded_text(const struct smtpreply *reply, char *buf, size_t size)
{
	struct smtpreply_str text;
	size_t pos = 0, line, n = 0;
	int space = 1;

	for (line = 0; line < reply->nlines && sr_line_text(reply, &pos, &text);
	     line++) {
		struct smtpreply_enhanced e;
		size_t i = sr_enhanced_at(text.ptr, text.len, &e);
		for (; i <= text.len && n + 1 < size; i++) {
			int c = i < text.len ? (unsigned char)text.ptr[i] : ' ';
			if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
				if (space)
					continue;
				space = 1;
				c = ' ';
			} else {
				space = 0;
			}
			buf[n++] = (char)sr_lower(c);
		}
	}
	buf[n] = '\0';
}

/* Whether text holds one of the '|'-separated phrases. */
static int has_phrase(const char *text, const char *phrases)
{
	while (*phrases != '\0') {
		size_t len = strcspn(phrases, "|");
		const char *t;
		for (t = text; len > 0 && *t != '\0'; t++)
			if (strncmp(t, phrases, len) == 0)
				return 1;
		phrases += len;
		if (*phrases == '|')
			phrases++;
	}
	return 0;
}

/* Whether a provider entry is keyed by a tag ("provider cox 5.7.1 cxbl"):
 * its 'match' phrases are the provider's own code, which names the meaning
 * whatever enhanced code the reply carries, if any. */
static int tagged(const struct smtpreply_expl *e)
{
	const char *key = sr_text(e, SMTPREPLY_FIELD_KEY, 0);
	int words = 1;
	for (; *key != '\0'; key++)
		words += *key == ' ';
	return words == 4;
}

const struct smtpreply_expl *sr_provider_lookup(const struct smtpreply *reply,
                                                const char *provider,
                                                int klass, int subject,
                                                int detail)
{
	const struct smtpreply_expl *found = NULL;
	char text[2048];
	unsigned i, n = sr_sections[SR_SEC_PROVIDER].count;
	int p = sr_provider_index(provider);

	text[0] = '\0';
	for (i = 0; i < n; i++) {
		const struct smtpreply_expl *e = sec(SR_SEC_PROVIDER, i);
		if (e->match == 0 || (e->klass != klass && e->klass != -1))
			continue;
		if (subject >= 0 ? e->subject != subject || detail < e->detail ||
		                       detail > e->detail_last
		                 : !tagged(e))
			continue;
		if (text[0] == '\0')
			folded_text(reply, text, sizeof text);
		if (!has_phrase(text, sr_pool + e->match))
			continue;
		if ((int)e->aux == p)
			return e;
		if (found == NULL)
			found = e;
	}
	if (found != NULL)
		return found;
	return provider && subject >= 0
	           ? sr_provider_find(provider, klass, subject, detail)
	           : NULL;
}

const char *sr_template(unsigned t, unsigned lang)
{
	return sr_text(sec_at(SR_SEC_TEMPLATE, t), SMTPREPLY_FIELD_NAME, lang);
}

/* ---------------------------------------------------------------------
 * Names: actions, reasons, parties.
 * --------------------------------------------------------------------- */

const char *smtpreply_action_name(enum smtpreply_action a)
{
	unsigned i = (unsigned)a;
	return i < sr_naction ? sr_pool + sr_action_names[i] : "";
}

const char *smtpreply_reason_name(enum smtpreply_reason r)
{
	unsigned i = (unsigned)r;
	return i < sr_nreason ? sr_pool + sr_reason_names[i] : "";
}

const struct smtpreply_expl *sr_reason_record(unsigned reason)
{
	return sec_at(SR_SEC_REASON, reason);
}

const struct smtpreply_expl *sr_party_record(unsigned party)
{
	return sec_at(SR_SEC_PARTY, party);
}

const struct smtpreply_expl *sr_action_record(unsigned action)
{
	return sec_at(SR_SEC_ACTION, action);
}

/* The reason's short title ("Recipient unknown"); its one-line
 * description is the record's DESCRIPTION field. */
const char *smtpreply_reason_text(enum smtpreply_reason r, const char *lang)
{
	return sr_text(sr_reason_record((unsigned)r), SMTPREPLY_FIELD_NAME,
	               sr_lang_index(lang));
}

enum smtpreply_party smtpreply_reason_party(enum smtpreply_reason r)
{
	const struct smtpreply_expl *e = sr_reason_record((unsigned)r);
	return e ? (enum smtpreply_party)e->aux : SMTPREPLY_PARTY_NONE;
}

const char *smtpreply_party_name(enum smtpreply_party p)
{
	unsigned i = (unsigned)p;
	return i < sr_nparty ? sr_pool + sr_party_names[i] : "";
}

const char *smtpreply_action_text(enum smtpreply_action a, const char *lang)
{
	return sr_text(sr_action_record((unsigned)a), SMTPREPLY_FIELD_NAME,
	               sr_lang_index(lang));
}

const char *smtpreply_action_description(enum smtpreply_action a,
                                         const char *lang)
{
	return sr_text(sr_action_record((unsigned)a), SMTPREPLY_FIELD_DESCRIPTION,
	               sr_lang_index(lang));
}

const char *smtpreply_reason_description(enum smtpreply_reason r,
                                         const char *lang)
{
	return sr_text(sr_reason_record((unsigned)r), SMTPREPLY_FIELD_DESCRIPTION,
	               sr_lang_index(lang));
}

const char *smtpreply_party_text(enum smtpreply_party p, const char *lang)
{
	return sr_text(sec_at(SR_SEC_PARTY, (unsigned)p), SMTPREPLY_FIELD_NAME,
	               sr_lang_index(lang));
}

/* ---------------------------------------------------------------------
 * Names: verdicts and confidence (data/verdicts.txt).
 * --------------------------------------------------------------------- */

const char *smtpreply_verdict_name(enum smtpreply_verdict v)
{
	unsigned i = (unsigned)v;
	return i < sr_nverdict ? sr_pool + sr_verdict_names[i] : "";
}

const char *smtpreply_verdict_text(enum smtpreply_verdict v, const char *lang)
{
	return sr_text(sec_at(SR_SEC_VERDICT, (unsigned)v), SMTPREPLY_FIELD_NAME,
	               sr_lang_index(lang));
}

const char *smtpreply_verdict_description(enum smtpreply_verdict v,
                                          const char *lang)
{
	return sr_text(sec_at(SR_SEC_VERDICT, (unsigned)v),
	               SMTPREPLY_FIELD_DESCRIPTION, sr_lang_index(lang));
}

const char *smtpreply_confidence_name(enum smtpreply_confidence c)
{
	unsigned i = (unsigned)c;
	return i < sr_nconfidence ? sr_pool + sr_confidence_names[i] : "";
}

const char *smtpreply_confidence_text(enum smtpreply_confidence c,
                                      const char *lang)
{
	return sr_text(sec_at(SR_SEC_CONFIDENCE, (unsigned)c),
	               SMTPREPLY_FIELD_NAME, sr_lang_index(lang));
}
