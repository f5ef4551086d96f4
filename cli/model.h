/* model.h - what the command knows about one reply, before any output.
 *
 * - struct rec: one reply (or one stretch of input that is not a reply)
 *   plus its context: where it was found, the command it answered, the
 *   remote host, the recipient. Readers (read.h) make recs; renderers
 *   (render.h) print them.
 * - struct facts: a reply classified in one language: its table entries,
 *   action, reason, provider. The reply field table (model_reply_fields)
 *   lists every field of a classified reply in output order; the JSON
 *   renderer walks it, so a field added there appears in `parse --json`
 *   and `explain --json` alike.
 * - struct item: an operand of explain/compare (a code, an enhanced code,
 *   a class, a whole reply) classified.
 *
 * model.c sees no FILE *, no width and no colour. */
#ifndef SMTPREPLY_CLI_MODEL_H
#define SMTPREPLY_CLI_MODEL_H

#include "smtpreply.h"

#include <stddef.h>

enum rec_kind {
	REC_REPLY,   /* a reply (r) */
	REC_ERROR,   /* bytes that are not a reply (error) */
	REC_NOREPLY  /* a failure a log or bounce names without a reply
	              * (problem): a time-out, "stat=User unknown" */
};

struct rec {
	enum rec_kind kind;
	int context;                    /* found in a log, bounce or
	                                 * transcript: the fields below and
	                                 * source are set */
	enum smtpreply_source source;
	const char *file;               /* NULL when there is one input */
	unsigned long long offset;      /* of the reply (or the bad bytes) */
	unsigned long long length;
	unsigned long long line;        /* 1-based line of the input, 0: none */
	int error;                      /* REC_ERROR: an SMTPREPLY_E_* */
	struct smtpreply r;             /* REC_REPLY */
	enum smtpreply_command cmd;     /* the command it answered */
	struct smtpreply_str host;      /* remote host, {NULL,0} unknown */
	struct smtpreply_str recipient; /* the recipient it was about */
	struct smtpreply_str time;      /* the log's or DSN's time stamp */
	struct smtpreply_str status;    /* a DSN's Status field ("5.1.1") */
	struct smtpreply_str action;    /* a DSN's Action field ("failed") */
	struct smtpreply_str problem;   /* REC_NOREPLY: what happened */
	struct smtpreply_diagnosis dx;  /* context set: the record's
	                                 * diagnosis (smtpreply_found_diagnose:
	                                 * a DSN Status fills in a missing
	                                 * enhanced code; REC_NOREPLY too) */
};

/* A rec from what smtpreply_find or smtpreply_bounce_next found. */
void rec_from_found(struct rec *rec, const struct smtpreply_found *f);

/* "5.7.26" into buf (at least 16 bytes); "" when e has no class. */
const char *enhanced_str(char *buf, size_t size,
                         const struct smtpreply_enhanced *e);
/* "2xx".."5xx" (or "1xx", "0xx"; "?xx" out of range). */
const char *class_label(int klass);
/* A reply's one-line log form (smtpreply_format: escaped by the library),
 * in a growing scratch buffer valid until the next call. */
const char *log_line(const struct smtpreply *r, const char *host,
                     enum smtpreply_command cmd, size_t *len);
void model_free(void);

/* The name of an entry in a language. */
const char *name_of(const smtpreply_expl *e, const char *lang);
/* The enhanced class or subject entry (they have no lookup function of
 * their own). NULL when there is none. */
const smtpreply_expl *enhanced_class_entry(int klass);
const smtpreply_expl *enhanced_subject_entry(int subject);

/* ---- a classified reply ---- */
struct facts {
	const struct smtpreply *r;
	enum smtpreply_command cmd;
	const char *lang;
	const char *host; /* NUL-terminated copy or NULL, for the log line */
	int with_lines;   /* 0 when only codes were given (explain 550) */
	const smtpreply_expl *reply_e, *enh_e;
	enum smtpreply_action act;
	enum smtpreply_reason why;
	const char *provider;
	struct smtpreply_diagnosis dx; /* verdict, confidence, evidence */
};

void facts_init(struct facts *f, const struct smtpreply *r,
                enum smtpreply_command cmd, const char *lang, int with_lines);
/* The same for a rec: a found record's own diagnosis (rec->dx). */
void facts_init_rec(struct facts *f, const struct rec *rec, const char *lang);

/* One value of a field, for a renderer to print. */
enum fv_type { FV_NULL, FV_INT, FV_STR, FV_LINES, FV_FLAGS };
struct fv {
	enum fv_type type;
	long long i;       /* FV_INT; FV_FLAGS: the bits */
	const char *s;     /* FV_STR (untrusted bytes when from the reply) */
	size_t n;
	const struct smtpreply *r; /* FV_LINES */
};
struct field {
	const char *key;
	void (*get)(const struct facts *f, struct fv *v);
};
/* code, enhanced, class, lines, flags, name, enhanced_name, action,
 * reason, provider, log; ends with {NULL, NULL}. */
extern const struct field model_reply_fields[];

/* ---- operands of explain and compare ---- */
enum item_kind { K_REPLY, K_ENHANCED, K_CLASS, K_INVALID };

struct item {
	const char *input;
	char joined[64]; /* "550 5.7.26" from two operands */
	enum item_kind kind;
	int has_text;    /* a whole reply line was given */
	char *buf;       /* the bytes parsed (owned) */
	struct smtpreply r;
	int result;      /* the parse result */
	int eklass, esubject, edetail; /* K_ENHANCED (eklass -1 for X) */
	const smtpreply_expl *reply_e, *enh_e, *prov_e;
	/* Class and category: reply class/category, or for an enhanced code
	 * its class and subject entries. */
	const smtpreply_expl *class_e, *cat_e;
	enum smtpreply_command cmd; /* the command: given, or the one the
	                             * log line or transcript names */
	enum smtpreply_source source; /* where the reply was found in the
	                               * operand (a log line...), or NONE */
};

/* Operands into items: a code followed by an enhanced code of its class
 * is one item when `combine` ("explain 550 5.7.26" = "explain '550
 * 5.7.26'"). NULL when out of memory. */
struct item *items_make(const char *const *ops, size_t nops, size_t *nitems,
                        enum smtpreply_command cmd, int combine);
void items_free(struct item *items, size_t n);
/* The entry explaining an invalid item. */
const smtpreply_expl *item_invalid_entry(const struct item *it);
/* Whether an invalid item's operand is no number at all ("foo", ""): the
 * not-a-code entry's text speaks of "this number", wrong for a word. */
int item_is_word(const struct item *it);
/* "550", "550 5.7.26" or the operand as given, into buf. */
const char *item_code(const struct item *it, char *buf, size_t size);
/* The class digit of an item (for colour), 0 when none. */
int item_class(const struct item *it);

/* The item as one side of the library's comparison page
 * (smtpreply_compare_text); label is written into buf. */
void item_side(const struct item *it, enum smtpreply_command cmd,
               struct smtpreply_side *side, char *buf, size_t size);
/* The item's main entry: reply, enhanced, class or invalid entry. */
const smtpreply_expl *item_main_entry(const struct item *it);
/* Whether an entry is the "not a code at all" entry (its key is "reply
 * invalid" or "enhanced invalid"), e.g. the category of 101 or 599. */
int entry_is_invalid(const smtpreply_expl *e);

/* What compare sets side by side. */
enum { FACETS = 5 };
struct facet {
	enum smtpreply_heading heading;
	const char *key;
	const char *value[2];
};
void facets_make(struct facet fa[FACETS], const struct item *a,
                 const struct item *b, enum smtpreply_command cmd,
                 const char *lang);
int facet_differs(const struct facet *f);

#endif
