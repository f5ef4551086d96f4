/* opt.h - options: one typed table per command, the shared group
 * appended to it, parsing (GNU style: options anywhere among the operands,
 * "--name=value", "--name value", "-x value", "-xvalue", "--" ends the
 * options, "-" and "-5" are operands), the help text generated from the
 * tables, and the settled options in struct run. */
#ifndef SMTPREPLY_CLI_OPT_H
#define SMTPREPLY_CLI_OPT_H

#include "msg.h"
#include "run.h"

#include <stddef.h>

struct opt {
	const char *name; /* long name without "--" */
	char short_name;  /* 0 for none */
	int has_arg;      /* 0 none, 1 required, 2 optional (--name=value only) */
	int id;           /* returned by args_next, > 0 */
	const char *arg;  /* the value's name in help ("CMD"), or NULL */
	enum help_id help; /* the help line (msg_help.c); H_NONE hides an alias */
};

/* The shared group: ids above every command's own. */
enum {
	OPT_HELP = 1000, OPT_LANG, OPT_JSON, OPT_COLOR, OPT_NO_COLOR
};
#define OPT_SHARED                                             \
	{"lang", 'L', 1, OPT_LANG, "LANG", H_OPT_LANG},         \
	{"json", 'j', 0, OPT_JSON, NULL, H_OPT_JSON},           \
	{"color", 0, 2, OPT_COLOR, "WHEN", H_OPT_COLOR},        \
	{"colour", 0, 2, OPT_COLOR, "WHEN", H_NONE},            \
	{"no-color", 0, 0, OPT_NO_COLOR, NULL, H_NONE},         \
	{"help", 'h', 0, OPT_HELP, NULL, H_OPT_HELP}
#define OPT_END {NULL, 0, 0, 0, NULL, H_NONE}

/* A command's help: its usage lines and text around the option table,
 * as ids of msg_help.c's texts. */
struct help {
	enum help_id usage; /* "Usage: smtpreply explain [OPTION...] CODE..." */
	enum help_id about; /* paragraphs before "Options:" */
	enum help_id after; /* paragraphs after the options (H_NONE: none) */
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

/* The language of help texts and of messages on standard error: the last
 * --lang (-L) of the command line, else LC_ALL, LC_MESSAGES, LANG (even
 * with --json: these texts are for people). main.c sets it from the whole
 * command line before anything is parsed, so that an error about an
 * option before --lang is already in that language. */
void opt_lang_init(int argc, char **argv);
const char *opt_lang(void);

/* Prints "smtpreply CMD: " and message `id` of msg.c (a printf format
 * taking the arguments), then the hint to try --help, to standard error;
 * returns RC_USAGE. cmd NULL: the top level. */
int usage_error(const char *cmd, enum msg id, ...);
/* A runtime error ("smtpreply CMD: " and message `id`); no hint. */
void run_error(const struct run *run, enum msg id, ...);
/* "smtpreply CMD: FILE: what errno value err means" (err 0: empty or
 * unreadable); path NULL is standard input. */
void run_file_error(const struct run *run, const char *path, int err);

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
