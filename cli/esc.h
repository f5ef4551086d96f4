/* esc.h - the one place that decides which bytes of untrusted text (reply
 * lines, log fields, DSN headers, file names, operands) reach a reader as
 * they are, and how the others are written.
 *
 * The hostile set is the one smtpreply_format escapes: C0 controls (ESC
 * included), DEL, the C1 controls U+0080-U+009F (U+009B acts as CSI on some
 * terminals), the bidirectional controls U+061C, U+200E-U+200F,
 * U+202A-U+202E, U+2066-U+2069, the separators U+2028-U+2029, and bytes
 * that are not valid UTF-8. tests/test_cli.py runs both over the same code
 * points and expects the same verdicts. */
#ifndef SMTPREPLY_CLI_ESC_H
#define SMTPREPLY_CLI_ESC_H

#include <stddef.h>
#include <stdio.h>

/* 1 when a valid code point must not reach a terminal or viewer raw. */
int esc_hostile(unsigned cp);

/* For a terminal, in the library's notation: \t \r \n by name, \\ for a
 * backslash (so text cannot fake an escape), every other hostile byte as
 * \xHH, one byte at a time. */
void esc_term(FILE *f, const char *p, size_t n);
void esc_term_str(FILE *f, const char *s);

/* The body of a JSON string (no quotes): exact data; " and \ escaped, C0,
 * DEL, C1 and bidi controls as \uXXXX, invalid UTF-8 as U+FFFD. */
void esc_json(FILE *f, const char *p, size_t n);

/* Text for an HTML page, in element content or a double-quoted attribute:
 * & < > " ' as character references; hostile bytes shown in the
 * terminal's notation (\xHH, \n...), so that they are visible rather
 * than acting on the page (a right-to-left override would reorder it). */
void esc_html(FILE *f, const char *p, size_t n);
void esc_html_str(FILE *f, const char *s);

#endif
