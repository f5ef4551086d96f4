/* site.h - the reference website's model: which pages exist and how they
 * are named. No output here: render_html*.c write the pages, cmd_site.c
 * opens the files.
 *
 * A folder per language holds a page per reply code (with its meanings
 * after each command), per enhanced code, per provider entry, per reason,
 * and "A vs B" pages for the pairs people confuse: the seed pairs, two
 * replies one command can get, and a 4xx code and its 5xx twin. */
#ifndef SMTPREPLY_CLI_SITE_H
#define SMTPREPLY_CLI_SITE_H

#include "smtpreply.h"

#include <stddef.h>

#define SITE_NLANGS 4
/* "en", "ko", "ja", "fr". */
extern const char *const site_langs[SITE_NLANGS];
#define SITE_NCMDS (SMTPREPLY_CMD_ATRN + 1)

struct site_code {
	int code;
	const smtpreply_expl *base;
	const smtpreply_expl *ctx[SITE_NCMDS]; /* meaning after a command */
};

struct site_pair {
	int a, b;
	unsigned cmds; /* bit (1 << command) per command both can answer */
};

#define SITE_MAX_CODES 256
#define SITE_MAX_PAIRS 1024

struct site {
	struct site_code codes[SITE_MAX_CODES];
	size_t ncodes;
	struct site_pair pairs[SITE_MAX_PAIRS];
	size_t npairs;
	int explain_page; /* the library is there as WebAssembly */
};

/* Fills the model from the library's table. */
void site_init(struct site *s);

/* Page names below a language folder. */
enum site_kind { PAGE_ENHANCED, PAGE_PROVIDER, PAGE_OTHER };
/* Which section an entry of the table gets a page in. */
enum site_kind site_kind_of(const smtpreply_expl *e);
/* "enhanced/x.7.26.html", "provider/google-5.7.26.html". */
void site_entry_path(const smtpreply_expl *e, char *out, size_t size);
/* "vs/235-vs-500.html" */
void site_pair_path(const struct site_pair *p, char *out, size_t size);
/* The code as people write it: "X.7.26", "google 5.7.26". */
const char *site_shown_key(const smtpreply_expl *e);
/* The command of a contextual entry ("reply 454 after AUTH"). */
enum smtpreply_command site_key_command(const smtpreply_expl *e);
/* An enhanced entry's registered meaning and subject entry, for links
 * ("see also"); NULL when there is none or it is the entry itself. */
const smtpreply_expl *site_registered(const smtpreply_expl *e);
const smtpreply_expl *site_subject(const smtpreply_expl *e);

/* One side of an "A vs B" page: the library's struct smtpreply_side and
 * the storage its pointers lead into (so a side is never copied). */
struct site_side {
	struct smtpreply_side side;
	char label[64];
	char buf[16];                 /* a bare code's reply "550 x" */
	struct smtpreply r;
	int code;                     /* a reply code, or 0 */
	const struct smtpreply *text; /* a whole reply given: shown */
};
/* The side of a bare reply code: its entry, and its bare reply for what
 * to do and who must act. */
void site_side_of_code(struct site_side *s, int code);

/* What a bare code means for delivery: the action and who must act, as
 * smtpreply_action and smtpreply_reason judge the code alone. */
enum smtpreply_action site_code_action(int code);
enum smtpreply_party site_code_party(int code);

#endif
