/* fuzz_reason.c - libFuzzer: action, reason and provider of any reply.
 *
 * Input: byte 0 the parse options, bytes 1-2 a code and byte 3 an
 * enhanced code for a reply built by the caller (a zeroed struct with
 * those numbers); the rest is parsed as replies, each classified after
 * every command (and values outside the enum).
 *
 * Checks: the action is the documented function of the code and the
 * command; the reason is within its enum, NONE exactly for 1xx-3xx, never
 * "the address does not exist" after MAIL; names, texts and parties exist
 * for it (the words for people, in every language, are checked once: ""
 * exactly outside their enums). The provider, if any, is a lowercase
 * name, and its entry (smtpreply_explain_provider) is the table's best
 * entry for the reply's enhanced code (found by walking the table; with
 * ENHANCED_MISMATCH the code the text starts with, in the reply's class),
 * NULL when the table has none or there is no code; every provider entry
 * is also looked up once through a reply made for it. Reason and provider
 * do not change when the reply's letters change case (the text is read
 * case-insensitively). */
#include "fuzz_common.h"

#include <stdio.h>

#define PREFIX 4
#define NCMD 19

static const char *const langs[] = {NULL, "", "en", "fr", "ko", "ja", "fr_FR.UTF-8", "de"};

/* Strict UTF-8. */
static int utf8_valid(const unsigned char *p, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned c = p[i], lo = 0x80, hi = 0xBF;
		size_t len;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			len = 2;
		else if (c >= 0xE0 && c <= 0xEF)
			len = 3, lo = c == 0xE0 ? 0xA0 : lo, hi = c == 0xED ? 0x9F : hi;
		else if (c >= 0xF0 && c <= 0xF4)
			len = 4, lo = c == 0xF0 ? 0x90 : lo, hi = c == 0xF4 ? 0x8F : hi;
		else
			return 0;
		if (n - i < len || p[i + 1] < lo || p[i + 1] > hi)
			return 0;
		for (size_t k = 2; k < len; k++)
			if (p[i + k] < 0x80 || p[i + k] > 0xBF)
				return 0;
		i += len;
	}
	return 1;
}

/* ---------------------------------------------------------------------
 * Names, once.
 * --------------------------------------------------------------------- */

/* A text for people: non-NULL, valid UTF-8, one line; empty exactly when
 * the value is outside its enum (in == 0). */
static void check_words(const char *t, int in)
{
	FUZZ_ASSERT(t != NULL);
	FUZZ_ASSERT((t[0] != '\0') == in);
	FUZZ_ASSERT(utf8_valid((const unsigned char *)t, strlen(t)));
	FUZZ_ASSERT(strchr(t, '\n') == NULL);
}
static void check_names(void)
{
	for (int a = 0; a < 4; a++) {
		const char *n = smtpreply_action_name((enum smtpreply_action)a);
		FUZZ_ASSERT(n != NULL && n[0] != '\0');
	}
	FUZZ_ASSERT(smtpreply_action_name((enum smtpreply_action)4)[0] == '\0');
	FUZZ_ASSERT(smtpreply_action_name((enum smtpreply_action)-1)[0] == '\0');
	for (int r = -1; r <= SMTPREPLY_REASON_COUNT; r++) {
		int in = r >= 0 && r < SMTPREPLY_REASON_COUNT;
		const char *n = smtpreply_reason_name((enum smtpreply_reason)r);
		FUZZ_ASSERT(n != NULL && (n[0] != '\0') == in);
		for (const char *p = n; *p; p++)
			FUZZ_ASSERT((*p >= 'a' && *p <= 'z') || *p == '_');
		for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
			const char *t = smtpreply_reason_text((enum smtpreply_reason)r, langs[l]);
			FUZZ_ASSERT(t != NULL && (t[0] != '\0') == in);
			FUZZ_ASSERT(utf8_valid((const unsigned char *)t, strlen(t)));
		}
		enum smtpreply_party p = smtpreply_reason_party((enum smtpreply_reason)r);
		FUZZ_ASSERT((unsigned)p <= SMTPREPLY_PARTY_RECIPIENT_ADMIN);
		if (!in)
			FUZZ_ASSERT(p == SMTPREPLY_PARTY_NONE);
	}
	for (int p = -1; p <= 5; p++) {
		const char *n = smtpreply_party_name((enum smtpreply_party)p);
		FUZZ_ASSERT(n != NULL && (n[0] != '\0') == (p >= 0 && p <= 4));
	}
	/* The words for people, in every language: "" exactly outside the
	 * enums. */
	for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
		for (int a = -1; a <= 4; a++) {
			int in = a >= 0 && a < 4;
			check_words(smtpreply_action_text((enum smtpreply_action)a, langs[l]), in);
			check_words(smtpreply_action_description((enum smtpreply_action)a, langs[l]),
			            in);
		}
		for (int r = -1; r <= SMTPREPLY_REASON_COUNT; r++)
			check_words(smtpreply_reason_description((enum smtpreply_reason)r, langs[l]),
			            r >= 0 && r < SMTPREPLY_REASON_COUNT);
		for (int p = -1; p <= 5; p++)
			check_words(smtpreply_party_text((enum smtpreply_party)p, langs[l]),
			            p >= 0 && p < 5);
	}
	FUZZ_ASSERT(smtpreply_action(NULL, SMTPREPLY_CMD_RCPT) == SMTPREPLY_ACTION_RETRY);
	FUZZ_ASSERT(smtpreply_reason(NULL, SMTPREPLY_CMD_RCPT) == SMTPREPLY_REASON_UNKNOWN);
	FUZZ_ASSERT(smtpreply_provider(NULL) == NULL);
	FUZZ_ASSERT(smtpreply_explain_provider(NULL) == NULL);
}

/* ---------------------------------------------------------------------
 * The providers' entries, from the table.
 * --------------------------------------------------------------------- */
struct pentry {
	const smtpreply_expl *e;
	char name[32];
	int k, s, d, last;
};
static struct pentry pent[512];
static size_t npent;

static void load_providers(void)
{
	size_t n = smtpreply_expl_count();
	for (size_t i = 0; i < n; i++) {
		const smtpreply_expl *e = smtpreply_expl_at(i);
		if (!(smtpreply_expl_flags(e) & SMTPREPLY_X_PROVIDER))
			continue;
		/* "provider microsoft 5.7.606-649" */
		const char *key = smtpreply_expl_text(e, SMTPREPLY_FIELD_KEY);
		struct pentry *p = &pent[npent];
		int used = 0;
		FUZZ_ASSERT(npent < sizeof pent / sizeof pent[0]);
		FUZZ_ASSERT(sscanf(key, "provider %31s %n", p->name, &used) == 1 && used > 0);
		FUZZ_ASSERT(smtpreply_expl_enhanced(e, &p->k, &p->s, &p->d) == 1);
		const char *dash = strchr(key + used, '-');
		p->last = dash ? atoi(dash + 1) : p->d;
		FUZZ_ASSERT(p->last >= p->d);
		p->e = e;
		npent++;
	}
}


/* ---------------------------------------------------------------------
 * One reply.
 * --------------------------------------------------------------------- */
static enum smtpreply_action want_action(int code, int cmd)
{
	if (code < 100 || code > 599)
		return SMTPREPLY_ACTION_RETRY;
	switch (code / 100) {
	case 1: /* since 1.1: SMTP defines no 1xx; a client retries */
		return SMTPREPLY_ACTION_RETRY;
	case 3:
		return SMTPREPLY_ACTION_CONTINUE;
	case 2:
		return SMTPREPLY_ACTION_SUCCESS;
	case 4:
		return SMTPREPLY_ACTION_RETRY;
	default:
		return code == 552 && cmd == SMTPREPLY_CMD_RCPT ? SMTPREPLY_ACTION_RETRY
		                                                : SMTPREPLY_ACTION_FAIL;
	}
}

static void classify(const struct smtpreply *r, enum smtpreply_reason *reasons)
{
	for (int c = -1; c <= NCMD; c++) {
		enum smtpreply_action a = smtpreply_action(r, (enum smtpreply_command)c);
		FUZZ_ASSERT(a == want_action(r->code, c));
		FUZZ_ASSERT(smtpreply_action_name(a)[0] != '\0');

		enum smtpreply_reason why = smtpreply_reason(r, (enum smtpreply_command)c);
		FUZZ_ASSERT((unsigned)why < SMTPREPLY_REASON_COUNT);
		FUZZ_ASSERT(smtpreply_reason_name(why)[0] != '\0');
		FUZZ_ASSERT(smtpreply_reason_text(why, NULL)[0] != '\0');
		enum smtpreply_party party = smtpreply_reason_party(why);
		FUZZ_ASSERT(smtpreply_party_name(party)[0] != '\0');
		/* 1xx is no success since 1.1 (a client log code or none). */
		if (r->code >= 200 && r->code <= 399)
			FUZZ_ASSERT(why == SMTPREPLY_REASON_NONE);
		else if (r->code >= 100 && r->code <= 599)
			FUZZ_ASSERT(why != SMTPREPLY_REASON_NONE);
		else
			FUZZ_ASSERT(why == SMTPREPLY_REASON_UNKNOWN);
		if (c == SMTPREPLY_CMD_MAIL)
			FUZZ_ASSERT(why != SMTPREPLY_REASON_USER_UNKNOWN &&
			            why != SMTPREPLY_REASON_DOMAIN_UNKNOWN &&
			            why != SMTPREPLY_REASON_MAILBOX_DISABLED);
		reasons[c + 1] = why;
	}
}


static void check_provider(const struct smtpreply *r, const char **prov,
                           const smtpreply_expl **pe)
{
	const char *p = smtpreply_provider(r);
	const smtpreply_expl *e = smtpreply_explain_provider(r);

	*prov = p;
	*pe = e;
	if (p != NULL) {
		FUZZ_ASSERT(p[0] != '\0');
		for (const char *q = p; *q; q++)
			FUZZ_ASSERT((*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') ||
			            *q == '-' || *q == '_' || *q == '.');
	}
	if (e != NULL) {
		char key[64];
		FUZZ_ASSERT(smtpreply_expl_flags(e) & SMTPREPLY_X_PROVIDER);
		/* Since 1.1 a text-keyed entry applies without a provider
		 * marker, or beside another provider's: only its kind and
		 * key's form are certain. */
		snprintf(key, sizeof key, "provider ");
		FUZZ_ASSERT(strncmp(smtpreply_expl_text(e, SMTPREPLY_FIELD_KEY), key,
		                    strlen(key)) == 0);
	}
	/* Since 1.1 the table has provider entries that apply only when the
	 * text carries a phrase (match:) or a provider's tag, which the public
	 * API does not show: this oracle can no longer say which entry must
	 * come, only that what comes is a provider entry of the table. */
	if (e == NULL || p == NULL)
		return;
	const struct pentry *got = NULL;
	for (size_t i = 0; i < npent; i++)
		if (pent[i].e == e)
			got = &pent[i];
	FUZZ_ASSERT(got != NULL);
}

static int ascii_fold(int c, int upper)
{
	if (upper && c >= 'a' && c <= 'z')
		return c - 32;
	if (!upper && c >= 'A' && c <= 'Z')
		return c + 32;
	return c;
}

static void check_reply(const struct smtpreply *r, const struct smtpreply_options *o)
{
	enum smtpreply_reason want[NCMD + 2];
	const char *prov, *prov2;
	const smtpreply_expl *pe, *pe2;

	classify(r, want);
	check_provider(r, &prov, &pe);

	/* The same reply with its letters in the other case, in a buffer of
	 * its own. */
	for (int upper = 0; upper < 2; upper++) {
		size_t n = r->raw.len;
		char *copy = malloc(n);
		struct smtpreply r2;
		FUZZ_ASSERT(copy != NULL);
		for (size_t i = 0; i < n; i++)
			copy[i] = (char)ascii_fold((unsigned char)r->raw.ptr[i], upper);
		FUZZ_ASSERT(smtpreply_parse(copy, n, o, &r2) == (int)n);
		FUZZ_ASSERT(r2.code == r->code && r2.flags == (r->flags & ~SMTPREPLY_F_LEADING_EMPTY) &&
		            r2.nlines == r->nlines);
		/* UNKNOWN and the commands the reason rules name. */
		static const int cmds[] = {SMTPREPLY_CMD_UNKNOWN, SMTPREPLY_CMD_GREETING,
		                           SMTPREPLY_CMD_MAIL, SMTPREPLY_CMD_RCPT,
		                           SMTPREPLY_CMD_DOT};
		for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
			FUZZ_ASSERT(smtpreply_reason(&r2, (enum smtpreply_command)cmds[i]) ==
			            want[cmds[i] + 1]);
		check_provider(&r2, &prov2, &pe2);
		FUZZ_ASSERT((prov == NULL) == (prov2 == NULL));
		if (prov)
			FUZZ_ASSERT(strcmp(prov, prov2) == 0);
		FUZZ_ASSERT(pe == pe2);
		free(copy);
	}
}

/* Once: every provider entry of the table, through a reply that carries
 * its code (each detail of a range and the ones just outside, the class
 * of the entry or both for X) and a marker of its provider, so that
 * entries the fuzzer would have to guess are checked too. */
static void sweep_providers(const struct smtpreply_options *o)
{
	static const char *const markers[][2] = {
	    {"google", "mx.google.com - gsmtp"},
	    {"microsoft", "[BN8NAM11FT045.eop-nam11.prod.protection.outlook.com]"},
	    {"yahoo", "mta1.am0.yahoodns.net"},
	};
	for (size_t i = 0; i < npent; i++) {
		const struct pentry *x = &pent[i];
		const char *marker = NULL;
		for (size_t m = 0; m < sizeof markers / sizeof markers[0]; m++)
			if (strcmp(markers[m][0], x->name) == 0)
				marker = markers[m][1];
		if (marker == NULL)
			continue;
		for (int k = 4; k <= 5; k++) {
			if (x->k != -1 && x->k != k)
				continue;
			for (int d = x->d - 1; d <= x->last + 1; d++) {
				char buf[160];
				struct smtpreply r;
				int n = snprintf(buf, sizeof buf, "%d50 %d.%d.%d Refused by %s\r\n", k, k,
				                 x->s, d < 0 ? 0 : d, marker);
				FUZZ_ASSERT(smtpreply_parse(buf, (size_t)n, o, &r) == n);
				const char *prov;
				const smtpreply_expl *pe;
				check_provider(&r, &prov, &pe);
				FUZZ_ASSERT(prov != NULL && strcmp(prov, x->name) == 0);
				/* (an entry that needs a phrase in the text may
				 * decline: no assertion on pe since 1.1) */
				(void)pe;
				enum smtpreply_reason why[NCMD + 2];
				classify(&r, why);
			}
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct smtpreply_options o;

	if (!ready) {
		check_names();
		load_providers();
		smtpreply_options_init(&o);
		sweep_providers(&o);
		ready = 1;
	}
	if (size < PREFIX)
		return 0;
	fuzz_options(&o, data[0]);

	/* A reply built by the caller: numbers in a zeroed struct. */
	struct smtpreply z;
	enum smtpreply_reason zr[NCMD + 2];
	memset(&z, 0, sizeof z);
	z.code = (int16_t)(data[1] | data[2] << 8);
	z.klass = z.code / 100;
	z.enhanced.klass = data[3] & 7;
	z.enhanced.subject = data[3] >> 3 & 7;
	z.enhanced.detail = data[3] >> 6;
	classify(&z, zr);
	FUZZ_ASSERT(smtpreply_provider(&z) == NULL);
	FUZZ_ASSERT(smtpreply_explain_provider(&z) == NULL);

	data += PREFIX;
	size -= PREFIX;
	struct smtpreply r;
	size_t off = 0;
	while (fuzz_next_reply(data, size, &off, &o, &r))
		check_reply(&r, &o);
	return 0;
}
