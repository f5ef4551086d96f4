/* render.h - one table of operations per output format (text, JSON).
 *
 * A renderer prints what the model holds to run->out; it never opens
 * input, reads argv or calls smtpreply_parse. Untrusted text goes through
 * esc.c, the CLI's own words through msg.c, colour through term.c's
 * styles. An empty op means "this format can't": the cmd file makes it a
 * usage error. */
#ifndef SMTPREPLY_CLI_RENDER_H
#define SMTPREPLY_CLI_RENDER_H

#include "model.h"
#include "run.h"
#include "stats.h"

struct render {
	/* explain: one operand (index i of n) */
	void (*item)(const struct run *run, const struct item *it,
	             enum smtpreply_command cmd, size_t i);
	/* compare: two operands side by side */
	void (*compare)(const struct run *run, const struct item *a,
	                const struct item *b, enum smtpreply_command cmd);
	/* parse: one reply or one stretch that is not a reply */
	void (*rec)(const struct run *run, const struct rec *rec);
	/* stats */
	void (*stats)(const struct run *run, const struct counts *k);
	/* list: one entry of the table */
	void (*entry)(const struct run *run, const smtpreply_expl *e,
	              int verbose);
};

extern const struct render render_text;
extern const struct render render_json;
extern const struct render render_html; /* compare only (render_html.c) */
const struct render *render_for(const struct run *run);

#endif
