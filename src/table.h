/* table.h - the generated explanation table (table.c), as the library's
 * sources see it.
 *
 * table.c is written by tools/gen_table.py from data/: one string pool and
 * arrays of pool offsets and small integers (no pointers, so the shared
 * library needs no relocations for them). Keep the layout here in sync with
 * the generator (SECTIONS, KINDS and the record row it prints). */
#ifndef SMTPREPLY_TABLE_H
#define SMTPREPLY_TABLE_H

#include "internal.h"

#include <stdint.h>

/* Hidden at the declaration too, so other objects reach the arrays
 * PC-relative instead of through the GOT. */
#if defined(__GNUC__)
#define SR_HIDDEN __attribute__((visibility("hidden")))
#else
#define SR_HIDDEN
#endif

#define SR_NFIELDS 6    /* enum smtpreply_field: name .. key */
#define SR_TR_FIELDS 4  /* translated: name, description, when, fix */
#define SR_NONE 0xFFFFFFFFu /* "not translated" in sr_i18n */

/* What a record is (struct smtpreply_expl.kind). */
enum sr_kind {
	SR_K_REPLY = 0,       /* reply CODE [after CMD] */
	SR_K_CLASS = 1,       /* class D (klass = D) */
	SR_K_CATEGORY = 2,    /* category D (klass = D) */
	SR_K_ENH_CLASS = 3,   /* enhanced C */
	SR_K_ENH_SUBJECT = 4, /* enhanced X.S */
	SR_K_ENH_DETAIL = 5,  /* enhanced X.S.D (klass -1) or C.S.D */
	SR_K_PROVIDER = 6,    /* provider NAME C.S.D[-D2] */
	SR_K_HEADING = 7,     /* heading NAME: text in name */
	SR_K_REASON = 8,      /* reason NAME: party in aux */
	SR_K_INVALID = 9,     /* reply invalid / enhanced invalid */
	SR_K_ACTION = 10,     /* action NAME */
	SR_K_PARTY = 11,      /* party NAME */
	SR_K_VERDICT = 12,    /* verdict NAME */
	SR_K_CONFIDENCE = 13, /* confidence NAME */
	SR_K_TEMPLATE = 14    /* template NAME: a sentence pattern in name */
};

/* Sentence patterns (data/headings.txt "template NAME"), in the order of
 * TEMPLATES in tools/gen_table.py. */
enum sr_template {
	SR_T_TITLE = 0,        /* "{a} {an} vs {b} {bn}" */
	SR_T_SUMMARY_DIFF = 1, /* the contrast paragraph, different classes */
	SR_T_SUMMARY_SAME = 2, /* ... of one class */
	SR_T_CLASS_DIFF = 3,   /* key difference 1, different classes */
	SR_T_CLASS_SAME = 4,   /* ... of one class */
	SR_T_MEANING = 5,      /* "{x} ({n}): {t}" */
	SR_T_WHEN = 6,         /* "When you see {x}: {t}" */
	SR_T_TODO = 7,         /* what to do and who must act */
	SR_T_WHICH = 8,        /* "For {x} ({n}): {t}" */
	SR_T_FALLBACK = 9,     /* "{x} is not a registered code ..." */
	SR_T_COUNT = 10
};

/* One record: the opaque type of the public API. */
struct smtpreply_expl {
	uint32_t text[SR_NFIELDS]; /* sr_pool offsets, by enum smtpreply_field */
	uint16_t flags;            /* SMTPREPLY_X_* */
	uint16_t code;             /* SR_K_REPLY: the reply code; else 0 */
	int16_t klass;             /* class digit; -1 = any (X) or none;
	                            * SR_K_REASON: the enum smtpreply_action
	                            * it usually means, -1 for either */
	int16_t subject;           /* enhanced subject; -1 = any or none */
	int16_t detail;            /* enhanced detail; -1 = any or none */
	int16_t detail_last;       /* last detail of a provider range */
	uint8_t cmd;               /* enum smtpreply_command; 0 = general */
	uint8_t kind;              /* enum sr_kind */
	uint8_t aux;               /* provider index (SR_K_PROVIDER), party
	                            * (SR_K_REASON) */
	uint8_t classes;           /* bit 1<<C for each allowed class C */
	uint32_t match;            /* SR_K_PROVIDER: sr_pool offset of
	                            * "phrase|phrase" the text must hold for a
	                            * text-keyed entry; 0 ("") for none */
	uint8_t party;             /* SR_K_PROVIDER: enum smtpreply_party who
	                            * must act, 0xFF when the reason decides */
	uint8_t text_only;         /* SR_K_PROVIDER: 1 for a tagged key, found
	                            * only through its match phrases */
};

/* Where each kind of record lives in sr_expl. Entries before
 * sr_expl_walk are the walkable ones (smtpreply_expl_at). */
enum sr_section {
	SR_SEC_REPLY = 0,        /* by (code, cmd), cmd 0 (general) first */
	SR_SEC_CLASS = 1,        /* class 1..5 */
	SR_SEC_CATEGORY = 2,     /* category 0..5 */
	SR_SEC_ENH_CLASS = 3,    /* enhanced 2, 4, 5 */
	SR_SEC_ENH_SUBJECT = 4,  /* by subject */
	SR_SEC_ENH_DETAIL = 5,   /* by (subject, detail, klass), X (-1) first */
	SR_SEC_PROVIDER = 6,     /* by (provider, subject, detail, last, klass) */
	SR_SEC_FB_CLASS = 7,     /* reply class fallbacks 1..5 */
	SR_SEC_FB_ENH_CLASS = 8, /* enhanced class fallbacks 2, 4, 5 */
	SR_SEC_FB_SUBJECT = 9,   /* subject fallbacks, as SR_SEC_ENH_SUBJECT */
	SR_SEC_FB_INVALID = 10,  /* [0] not a reply code, [1] not enhanced */
	SR_SEC_HEADING = 11,     /* by enum smtpreply_heading */
	SR_SEC_REASON = 12,      /* by enum smtpreply_reason */
	SR_SEC_ACTION = 13,      /* by enum smtpreply_action */
	SR_SEC_PARTY = 14,       /* by enum smtpreply_party */
	SR_SEC_VERDICT = 15,     /* by enum smtpreply_verdict */
	SR_SEC_CONFIDENCE = 16,  /* by enum smtpreply_confidence */
	SR_SEC_TEMPLATE = 17,    /* by enum sr_template */
	SR_SEC_COUNT = 18
};

struct sr_section_range {
	uint16_t first;
	uint16_t count;
};

struct sr_provider {
	uint32_t name;   /* sr_pool offset */
	uint16_t first;  /* its records in sr_expl */
	uint16_t count;
};

extern const char sr_pool[] SR_HIDDEN;
extern const uint32_t sr_pool_size SR_HIDDEN;
extern const struct smtpreply_expl sr_expl[] SR_HIDDEN;
/* The parser's O(1) lookups (explain.c, sr_set_expl): sr_expl indexes of
 * the entries of reply codes 100..599, and of enhanced codes K.S.D with K
 * 2, 4, 5 (rows 0, 1, 2), S and D below the sizes here (parse.c,
 * set_expl). */
#define SR_ENH_INDEX_SUBJECTS 8
#define SR_ENH_INDEX_DETAILS 32
/* Column SR_ENH_INDEX_DETAILS of a subject's row: the entry of every
 * detail from SR_ENH_INDEX_DETAILS to 999 (the table has no entry of its
 * own for any), or SR_ENH_SEARCH when it has one: then search. */
#define SR_ENH_SEARCH 0xFFFF
extern const uint16_t sr_reply_index[500] SR_HIDDEN;
extern const uint16_t sr_enh_index[3][SR_ENH_INDEX_SUBJECTS][SR_ENH_INDEX_DETAILS + 1] SR_HIDDEN;
/* A reply without an enhanced code, by its class 1..5 (row 0..4). */
extern const uint16_t sr_enh_none_index[5] SR_HIDDEN;
/* explain.c's search for a reply's enhanced-code entry (the public
 * smtpreply_explain_reply_enhanced without its NULL check). */
const struct smtpreply_expl *sr_reply_enhanced(const struct smtpreply *reply) SR_HIDDEN;
extern const uint16_t sr_expl_total SR_HIDDEN;
extern const uint16_t sr_expl_walk SR_HIDDEN;
extern const struct sr_section_range sr_sections[SR_SEC_COUNT] SR_HIDDEN;
extern const uint8_t sr_nlang SR_HIDDEN;           /* "en" included */
extern const uint32_t sr_lang_names[] SR_HIDDEN;   /* [0] = "en" */
/* Row (lang - 1) * sr_expl_total + record, for lang 1 .. sr_nlang-1. */
extern const uint32_t sr_i18n[][SR_TR_FIELDS] SR_HIDDEN;
extern const uint32_t sr_cmd_names[] SR_HIDDEN;    /* "RCPT", by enum */
extern const uint32_t sr_action_names[] SR_HIDDEN; /* "retry" */
extern const uint32_t sr_reason_names[] SR_HIDDEN; /* "user_unknown" */
extern const uint32_t sr_party_names[] SR_HIDDEN;  /* "sender_admin" */
extern const uint8_t sr_ncmd SR_HIDDEN;
extern const uint8_t sr_naction SR_HIDDEN;
extern const uint8_t sr_nreason SR_HIDDEN;
extern const uint8_t sr_nparty SR_HIDDEN;
extern const uint32_t sr_verdict_names[] SR_HIDDEN;    /* "suppress" */
extern const uint32_t sr_confidence_names[] SR_HIDDEN; /* "strong" */
extern const uint8_t sr_nverdict SR_HIDDEN;
extern const uint8_t sr_nconfidence SR_HIDDEN;
extern const struct sr_provider sr_providers[] SR_HIDDEN; /* by name */
extern const uint8_t sr_nprovider SR_HIDDEN;

/* ---- explain.c: lookups other sources share (classify.c, format.c) ---- */

/* A record's field in language index lang (0 = English; see
 * sr_lang_index), falling back to English; never NULL. */
const char *sr_text(const struct smtpreply_expl *e, unsigned field,
                    unsigned lang) SR_HIDDEN;
/* Index of the best available language for a tag (0 = English). */
unsigned sr_lang_index(const char *tag) SR_HIDDEN;

/* The provider's own entry for an enhanced code (klass 2/4/5), or NULL.
 * provider is a name as in data/provider-codes.txt ("microsoft"),
 * case-sensitive. An entry for that class beats an X one, a single code
 * beats a range ("5.7.606-649"). */
const struct smtpreply_expl *sr_provider_find(const char *provider, int klass,
                                              int subject,
                                              int detail) SR_HIDDEN;
/* The record of a reason or an action (its name and description, in any
 * language through sr_text), or NULL when out of range. */
const struct smtpreply_expl *sr_reason_record(unsigned reason) SR_HIDDEN;
const struct smtpreply_expl *sr_action_record(unsigned action) SR_HIDDEN;

/* The provider entry for a reply's enhanced code (klass/subject/detail,
 * class already taken from the reply code): first an entry whose 'match'
 * phrases the reply's text holds (the detected provider's before
 * another's), then provider's own entry for the code (sr_provider_find);
 * NULL when none. provider may be NULL (not recognised from the text).
 * subject < 0: the reply has no enhanced code, or none with an entry; then
 * only entries keyed by a tag ("provider comcast 5.7.1 bl000000") of the
 * reply's class apply, whatever their code. */
const struct smtpreply_expl *sr_provider_lookup(const struct smtpreply *reply,
                                                const char *provider,
                                                int klass, int subject,
                                                int detail) SR_HIDDEN;

/* classify.c: smtpreply_action and smtpreply_reply_party for the other
 * files of the library (exported functions are not called across files:
 * that would go through the PLT). */
enum smtpreply_action sr_action(const struct smtpreply *reply,
                                enum smtpreply_command cmd) SR_HIDDEN;
enum smtpreply_party sr_reply_party(const struct smtpreply *reply,
                                    enum smtpreply_command cmd) SR_HIDDEN;
/* explain.c: the reply entry for (code, cmd) as smtpreply_explain_code_
 * after gives it; the record of a party (NULL when out of range). */
const struct smtpreply_expl *sr_reply_entry(int code,
                                            enum smtpreply_command cmd) SR_HIDDEN;
const struct smtpreply_expl *sr_party_record(unsigned party) SR_HIDDEN;

/* Template t (enum sr_template) in language index lang; never NULL. */
const char *sr_template(unsigned t, unsigned lang) SR_HIDDEN;

/* Provider index for a name, or -1; names by index (NULL past the end). */
int sr_provider_index(const char *provider) SR_HIDDEN;
const char *sr_provider_name(unsigned index) SR_HIDDEN;

#endif
