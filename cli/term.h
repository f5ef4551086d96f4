/* term.h - what the terminal can do: isatty, width, the colour decision,
 * styles named by meaning, progress on standard error. */
#ifndef SMTPREPLY_CLI_TERM_H
#define SMTPREPLY_CLI_TERM_H

#include <stdio.h>

int term_is_tty(int fd);
/* Width of the terminal on fd, else $COLUMNS, else 80. */
int term_columns(int fd);

/* The colour decision, once per stream: `flag` is --color (1 always,
 * 0 never, -1 auto). NO_COLOR set and not empty turns colour off even
 * against --color=always (smtpreply(1) documents this); TERM=dumb turns
 * auto off; auto is isatty(fd). JSON output never has colour. */
int term_color(int flag, int fd, int json);

/* Styles by meaning; the text renderer maps them to ANSI. */
enum style {
	ST_RESET, ST_HEADING, ST_DIM, ST_ERROR, ST_BAR,
	ST_CLASS1, ST_CLASS2, ST_CLASS3, ST_CLASS4, ST_CLASS5, ST_CLASS_OTHER
};
/* The ANSI sequence of a style, "" when `on` is 0. */
const char *term_style(int on, enum style s);
/* The style of a reply class (1..5; anything else: ST_CLASS_OTHER). */
enum style term_class(int klass);

/* Progress on standard error, at most 5 times a second, only after the
 * first half second. `line` is made by the caller in its language. */
struct progress {
	int on;
	int shown;
	double start, last;
};
void progress_init(struct progress *p, int enabled);
/* 1 when it is time to show a new line (then call progress_show). */
int progress_due(struct progress *p);
double progress_elapsed(const struct progress *p);
void progress_show(struct progress *p, const char *line);
void progress_done(struct progress *p);
/* "1.5 MiB" into buf. */
void term_human_bytes(char *buf, size_t size, double bytes);

#endif
