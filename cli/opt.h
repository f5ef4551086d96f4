/* opt.h - options: one typed table per command, the shared group
 * appended to it, parsing (GNU style: options anywhere among the operands,
 * "--name=value", "--name value", "-x value", "-xvalue", "--" ends the
 * options, "-" and "-5" are operands), the help text generated from the
 * tables, and the settled options in struct run. */
#ifndef SMTPREPLY_CLI_OPT_H
#define SMTPREPLY_CLI_OPT_H

#include "run.h"

#include <stddef.h>

struct opt {
	const char *name; /* long name without "--" */
	char short_name;  /* 0 for none */
	int has_arg;      /* 0 none, 1 required, 2 optional (--name=value only) */
	int id;           /* returned by args_next, > 0 */
	const char *arg;  /* the value's name in help ("CMD"), or NULL */
	const char *help; /* the help line; NULL hides an alias */
};

/* The shared group: ids above every command's own. */
enum {
	OPT_HELP = 1000, OPT_LANG, OPT_JSON, OPT_COLOR, OPT_NO_COLOR
};
#define OPT_SHARED                                                          \
	{"lang", 'L', 1, OPT_LANG, "LANG",                                   \
	 "language: en, fr, ja, ko... (default from\n"                      \
	 "LC_ALL, LC_MESSAGES, LANG; JSON: English unless\n"                 \
	 "given)"},                                                           \
	{"json", 'j', 0, OPT_JSON, NULL, "JSON output"},                     \
	{"color", 0, 2, OPT_COLOR, "WHEN", "colour: auto, always or never"}, \
	{"colour", 0, 2, OPT_COLOR, "WHEN", NULL},                          \
	{"no-color", 0, 0, OPT_NO_COLOR, NULL, NULL},                        \
	{"help", 'h', 0, OPT_HELP, NULL, "this text"}
#define OPT_END {NULL, 0, 0, 0, NULL, NULL}

/* A command's help: its usage lines and text around the option table. */
struct help {
	const char *usage; /* "smtpreply explain [OPTION...] CODE..." lines */
	const char *about; /* paragraphs before "Options:" */
	const char *after; /* paragraphs after the options (may be NULL) */
};

struct args {
	int argc;
	char **argv;
	int i;             /* next argv index */
	int only_operands; /* after "--" */
	const char *cmd;   /* subcommand name, for messages */
};

enum { ARGS_END = -1, ARGS_ERROR = -2, ARGS_OPERAND = 0 };

void args_init(struct args *a, int argc, char **argv, const char *cmd);
/* Next option id (> 0) with *value set when it takes one, ARGS_OPERAND
 * with *value the operand, ARGS_END, or ARGS_ERROR after printing a
 * message. */
int args_next(struct args *a, const struct opt *opts, const char **value);

/* Prints "smtpreply CMD: MSG" and a hint to standard error; returns
 * RC_USAGE. cmd NULL: the top level. */
int usage_error(const char *cmd, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* A runtime error ("FILE: No such file") on standard error; no hint. */
void run_error(const struct run *run, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;

void run_init(struct run *run, const char *cmd);
/* Handles an option of the shared group: 0, or RC_USAGE after a
 * message. */
int run_option(struct run *run, int id, const char *value);
/* After option parsing: settles language, colour and width. */
void run_finish(struct run *run);

/* The help of a command from its table to run->out. */
void opt_help(const struct run *run, const struct help *h,
              const struct opt *opts);

/* ASCII case-insensitive comparison (no locale). */
int strcasecmp_ascii(const char *a, const char *b);

/* Progress on standard error (a terminal only): bytes read so far and the
 * counts, in run->lang. */
void run_progress_init(const struct run *run, int enabled);
void run_progress(const struct run *run, unsigned long long bytes,
                  unsigned long long replies, unsigned long long errors);
void run_progress_done(void);
/* The stdout set-up and the final write check (main.c). */
FILE *run_stdout(void);
int run_flush(FILE *out);

#endif
