/* cli.h - what the files of the smtpreply command share.
 *
 * The command is a thin layer over the public header: every fact it prints
 * about SMTP comes from the library. Files: main.c (dispatch, version,
 * language), args.c (option parsing), out.c (stdout, colour, terminal text,
 * progress), json.c (JSON writer), parse.c (parse, stats), explain.c
 * (explain, compare), list.c (list). */
#ifndef SMTPREPLY_CLI_H
#define SMTPREPLY_CLI_H

#include "smtpreply.h"

#include <stddef.h>
#include <stdio.h>

/* Exit codes (documented in docs/smtpreply.1). */
enum {
	RC_OK = 0,       /* every input was a reply / a code */
	RC_NOT_REPLY = 1, /* some input was not a reply (or not a code) */
	RC_USAGE = 2     /* usage error, unreadable file, write error */
};

extern const char *prog; /* "smtpreply" */

/* ---- args.c: options anywhere among the operands, GNU style. ---- */
struct opt {
	const char *name; /* long name without "--" */
	char short_name;  /* 0 for none */
	int has_arg;      /* 0 none, 1 required, 2 optional (--name=value only) */
	int id;           /* returned by args_next, > 0 */
};

struct args {
	int argc;
	char **argv;
	int i;       /* next argv index */
	int only_operands; /* after "--" */
	const char *cmd; /* subcommand name, for messages */
};

enum { ARGS_END = -1, ARGS_ERROR = -2, ARGS_OPERAND = 0 };

void args_init(struct args *a, int argc, char **argv, const char *cmd);
/* Next option id (> 0) with *value set when it takes one, ARGS_OPERAND with
 * *value the operand, ARGS_END, or ARGS_ERROR after printing a message. */
int args_next(struct args *a, const struct opt *opts, const char **value);
/* Prints "smtpreply CMD: MSG" and a hint to standard error; returns
 * RC_USAGE. */
int usage_error(const char *cmd, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* ASCII case-insensitive comparison (no locale). */
int strcasecmp_ascii(const char *a, const char *b);

/* ---- main.c: options every subcommand shares. ---- */
struct common {
	const char *lang;  /* resolved language ("en", "ko"...), never NULL */
	int lang_given;    /* --lang was on the command line */
	int json;
	int color;         /* 1 when colour is on */
};

enum { OPT_HELP = 1000, OPT_LANG, OPT_JSON, OPT_COLOR, OPT_NO_COLOR };
/* The options of struct common, to append to a subcommand's table. */
#define COMMON_OPTS                                            \
	{"help", 'h', 0, OPT_HELP}, {"lang", 'L', 1, OPT_LANG},    \
	{"json", 'j', 0, OPT_JSON}, {"color", 0, 2, OPT_COLOR},    \
	{"colour", 0, 2, OPT_COLOR}, {"no-color", 0, 0, OPT_NO_COLOR}

void common_init(struct common *c);
/* Handles one of the common options; returns 0 or RC_USAGE. OPT_HELP is
 * left to the caller. */
int common_option(struct common *c, int id, const char *value, const char *cmd);
/* After option parsing: settles the language and colour. */
void common_finish(struct common *c);

/* ---- out.c ---- */
extern FILE *out; /* stdout, fully buffered */
void out_init(void);
int out_finish(void); /* flushes; RC_USAGE on a write error, else 0 */
int out_is_tty(void);
int err_is_tty(void);
int out_columns(void); /* terminal width, 80 when unknown */

/* ANSI styles, or "" when colour is off. */
enum style { ST_RESET, ST_BOLD, ST_DIM, ST_RED, ST_GREEN, ST_YELLOW, ST_CYAN,
             ST_BLUE, ST_MAGENTA };
void style_enable(int on);
const char *sty(enum style s);
/* Colour of a reply class (2..5). */
const char *class_style(int klass);

/* Untrusted bytes for a terminal: control bytes, C1 controls and invalid
 * UTF-8 become \xHH (\t \r \n by name); everything else as is. */
void put_safe(FILE *f, const char *p, size_t n);
/* Trusted UTF-8 text, wrapped at `width` columns (0: no wrapping) with
 * `indent` spaces before every line. */
void put_wrapped(FILE *f, const char *text, int indent, int width);
/* The same when the cursor is already at column col of the first line. */
void put_wrapped_at(FILE *f, const char *text, int col, int indent, int width);
/* A valid UTF-8 sequence at p: its length and code point; 0 if invalid. */
size_t cli_utf8_decode(const unsigned char *p, size_t n, unsigned *cp);
/* Display width of UTF-8 text (East Asian wide characters count 2). */
int text_width(const char *s, size_t n);

/* Progress on standard error (only when it is a terminal). */
struct progress {
	int on;
	int shown;
	double start, last;
};
void progress_init(struct progress *p, int enabled);
void progress_update(struct progress *p, unsigned long long bytes,
                     unsigned long long replies, unsigned long long errors);
void progress_done(struct progress *p);

/* ---- json.c ---- */
/* A JSON string from arbitrary bytes: invalid UTF-8 becomes U+FFFD,
 * control characters are escaped. NULL prints null. */
void json_str(FILE *f, const char *p, size_t n);
void json_cstr(FILE *f, const char *s); /* NUL-terminated, NULL -> null */
void json_key(FILE *f, int *first, const char *key);
/* "key":value helpers that manage commas through *first. */
void json_kv_str(FILE *f, int *first, const char *key, const char *s);
void json_kv_int(FILE *f, int *first, const char *key, long long v);
void json_kv_null(FILE *f, int *first, const char *key);
void json_kv_bool(FILE *f, int *first, const char *key, int v);
/* "flags":[...] from SMTPREPLY_F_* bits. */
void json_kv_flags(FILE *f, int *first, const char *key, unsigned flags);

/* ---- shared helpers (explain.c) ---- */
/* "5.7.26" into buf (at least 16 bytes); "" when e has no class. */
const char *enhanced_str(char *buf, size_t size, const struct smtpreply_enhanced *e);
/* The class label "2xx".."5xx" (or "1xx") of a code. */
const char *class_label(int klass);
/* A reply's one-line log form (smtpreply_format, escaped by the library)
 * into a growing scratch buffer; valid until the next call. */
const char *log_line(const struct smtpreply *r, enum smtpreply_command cmd,
                     size_t *len);
void log_line_free(void);
/* Every line's text of a reply as a JSON array. */
void json_kv_lines(FILE *f, int *first, const char *key,
                   const struct smtpreply *r);
/* The reply fields shared by parse --json and explain --json: code,
 * enhanced, class, lines, flags, name, enhanced_name, action, reason,
 * provider, log. */
void json_reply_fields(FILE *f, int *first, const struct smtpreply *r,
                       enum smtpreply_command cmd, const char *lang,
                       int with_lines);
/* "flag, flag" list of a reply's flags. */
void put_flags(FILE *f, unsigned flags);

/* ---- subcommands ---- */
int cmd_parse(int argc, char **argv, int summary_only);
int cmd_explain(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_list(int argc, char **argv);

#endif
