/* run.h - the settled options every layer reads: plain data, filled by
 * opt.c, read by the cmd files and the renderers. It has a header of its
 * own so that opt.c and the renderers, which may not include each other,
 * both see it. */
#ifndef SMTPREPLY_CLI_RUN_H
#define SMTPREPLY_CLI_RUN_H

#include <stdio.h>

/* Exit codes (documented in docs/smtpreply.1). */
enum {
	RC_OK = 0,        /* every input was a reply / a code */
	RC_NOT_REPLY = 1, /* some input was not a reply (or not a code) */
	RC_USAGE = 2      /* usage error, unreadable file, write error */
};

enum format { FMT_TEXT, FMT_JSON, FMT_HTML };

struct run {
	const char *cmd;   /* the subcommand's name, for messages */
	const char *lang;  /* resolved language ("en", "ko"...), never NULL */
	int lang_given;    /* --lang was on the command line */
	enum format format;
	int color_flag;    /* --color: 1 always, 0 never, -1 auto */
	int color;         /* the decision for out */
	int width;         /* wrap width of out, 0: no wrapping */
	int tty;           /* out is a terminal */
	FILE *out;         /* where renderers write */
};

#endif
