/* text.h - UTF-8 decoding, display width and word wrapping for terminals.
 *
 * Only the text renderer wraps; HTML leaves it to the browser and JSON
 * never wraps. Text given here is trusted (the library's explanations, the
 * CLI's own words) or already escaped by esc.c: escape first, then wrap. */
#ifndef SMTPREPLY_CLI_TEXT_H
#define SMTPREPLY_CLI_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* A valid UTF-8 sequence at p (n bytes left): its length and code point;
 * 0 when the bytes are not valid UTF-8 (overlong, surrogate, cut...). */
size_t text_utf8(const unsigned char *p, size_t n, unsigned *cp);

/* Display width of one code point: 2 for East Asian Wide and Fullwidth,
 * 0 for combining marks and zero-width characters, else 1. */
int text_cp_width(unsigned cp);

/* Display width of UTF-8 text (invalid bytes count 1 each). */
int text_width(const char *s, size_t n);
int text_width_str(const char *s);

/* Trusted UTF-8 text, wrapped at `width` columns (0: no wrapping) with
 * `indent` spaces before every line, and a newline at the end. */
void text_wrap(FILE *f, const char *text, int indent, int width);
/* The same when the cursor already stands at column col of the first
 * line. Breaks at spaces (never at U+00A0 or U+202F, never before the
 * French ; : ! ? or ») and between CJK characters (kinsoku respected);
 * Hangul, like Latin text, breaks at spaces only. */
void text_wrap_at(FILE *f, const char *text, int col, int indent, int width);

/* One line of n bytes (no newline) written so that it takes at most
 * `width` columns: when longer, cut at a character boundary and ended
 * with "…" (U+2026) in the last column. CSI sequences (the
 * renderer's own styles, ESC [ ... final byte) take no columns and are
 * kept whole; an ESC [ 0 m follows a cut line that held any. Returns 1
 * when the line was cut. */
int text_cut(FILE *f, const char *s, size_t n, int width);

/* `s` padded with spaces to `w` display columns. */
void text_pad(FILE *f, const char *s, int w);

#endif
