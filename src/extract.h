/* extract.h - what extract.c (logs, transcripts, text) and bounce.c
 * (messages, DSN) share. Internal. */
#ifndef SMTPREPLY_EXTRACT_H
#define SMTPREPLY_EXTRACT_H

#include "internal.h"

/* A view [p, p + n). */
struct sr_span {
	const char *p;
	size_t n;
};

/* The first occurrence of needle (nlen bytes) in h[0, n), or NULL
 * (scan.c). */
const char *sr_find(const char *h, size_t n, const char *needle, size_t nlen);
/* The first place in [p, end) where a pattern starts that a line must hold
 * for extract.c's line_hints() to let the log matchers see it (a superset:
 * scan.c lists them), or end. Reads no byte outside [p, end). */
const char *sr_scan_next(const char *p, const char *end);
/* The same for a walk that also reads transcripts, bounce text and raw
 * replies: line ends with ':', folded lines, lines that start like a
 * transcript's server line or a reply (scan.c lists them). */
const char *sr_scan_next_lines(const char *p, const char *end);
/* 1 when the line at p may start as sr_scan_next_lines() wants. */
int sr_scan_line_start(const char *p, const char *end);
/* 0 when the line p[0, n) holds none of the phrases of bounce text that
 * extract.c's match_bounce_text looks for (scan.c), 1 when it may. */
int sr_scan_text_anchors(const char *p, size_t n);
/* 0 when the line p[0, n) holds none of the phrases of client libraries'
 * error texts that extract.c's match_wrapper looks for (scan.c), 1 when
 * it may. */
int sr_scan_wrap_anchors(const char *p, size_t n);
/* 0 when the log line p[0, n) holds none of the phrases the log matchers
 * need (scan.c lists them), 1 when it may. */
int sr_scan_anchors(const char *p, size_t n);
/* The last LF in [p, end), or NULL. */
const char *sr_scan_last_lf(const char *p, const char *end);
#define SR_FIND(h, n, lit) sr_find((h), (n), (lit), sizeof(lit) - 1)
/* The same, ASCII case-insensitive (needle in lower case). */
const char *sr_find_ci(const char *h, size_t n, const char *needle,
                       size_t nlen);

/* 1 when p[0, n) starts with a reply code [2-5]xx followed by a space, a
 * hyphen or its end. */
int sr_code_at(const char *p, size_t n);

/* Reassembles the reply text t[0, n) as the server sent it into buf:
 * lines split where the text shows reply lines ("550-5.1.1 a 550 5.1.1
 * b", real or escaped "\n" line breaks, indented continuation lines),
 * each ended with CRLF; then parses it into *reply. Returns the parse
 * result (> 0) or a negative SMTPREPLY_E_*. */
int sr_reassemble(const char *t, size_t n, char *buf, size_t size,
                  struct smtpreply *reply);
/* The same, with how = SR_EXIM_OCTAL for text Exim wrote: its "\\ooo"
 * escapes of bytes over 127 become those bytes again. */
#define SR_EXIM_OCTAL 1u
/* how |= SR_CODES_DROPPED for text whose writer dropped the codes of a
 * reply's later lines and ran their texts on after the first line's
 * (OpenSMTPD: "550-a" then "b" as "550-ab"): a code inside a line is then
 * the server's words (a quoted reply), never a line of its own. */
#define SR_CODES_DROPPED 2u
int sr_reassemble_how(const char *t, size_t n, char *buf, size_t size,
                      struct smtpreply *reply, unsigned how);

/* Exim ends a reply it gave up retrying with its own words ("450 4.7.1
 * Greylisted...: retry timeout exceeded", in its bounce text and
 * Diagnostic-Code): shortens *n to drop that one known suffix (and the
 * blanks or folding before it), so the reply is the server's alone.
 * Returns where "retry timeout exceeded" starts in t, NULL when t does
 * not end so (*n unchanged). */
const char *sr_strip_exim_suffix(const char *t, size_t *n);

/* The command a log or bounce names ("RCPT TO", "end of DATA", "initial
 * greeting", "pipelined RCPT TO:<a@b>", "MAIL FROM:<>"...). */
enum smtpreply_command sr_command_words(const char *p, size_t n);

/* A reply inside the reporting MTA's words on the first line of t[0, n),
 * where a DSN's Diagnostic-Code puts the words before the server's reply
 * ("MAIL+RCPT 550 5.1.1 ...", "DATA closing 550 ...": chasquid;
 * "..., permanent: 550 ..."): where the reply starts, or NULL. *cmd is set
 * to the command the words name when they name one, else left alone. */
const char *sr_reply_in_words(const char *t, size_t n,
                              enum smtpreply_command *cmd);

/* Clears *f and sets the record's place. */
void sr_found_init(struct smtpreply_found *f, const char *text, const char *p,
                   size_t n);

/* The text-only finder over text[*pos, end): bounce.c calls it on a
 * message's text parts. */
int sr_find_in(const char *text, size_t len, size_t *pos, unsigned what,
               char *buf, size_t size, struct smtpreply_found *found);
/* dma's bounce for a failure of its own: its reason as the record's
 * problem (1), or 0. */
int sr_dma_own_text(const char *text, size_t len, char *buf, size_t size,
                    struct smtpreply_found *f);
/* The same for Gmail's "Technical details of permanent failure:" in its
 * own words. */
int sr_gmail_own_text(const char *text, size_t len, char *buf, size_t size,
                      struct smtpreply_found *f);
/* The same for Sendmail's text bounce: its own error, a bare line in the
 * transcript, under "The following addresses had permanent fatal
 * errors". */
int sr_sendmail_own_text(const char *text, size_t len, char *buf, size_t size,
                         struct smtpreply_found *f);
/* The same for Ipswitch IMail's one-line report ("Delivery failed 20
 * attempts: a@b" above "Original message follows."). */
int sr_imail_own_text(const char *text, size_t len, char *buf, size_t size,
                      struct smtpreply_found *f);

/* The general reader of a bounce's text (fallback.c), for a bounce that
 * no known format explains: record number `want` of text t[0, len) (*seen
 * counts the records met, across calls for several parts), its recipient
 * not one of the addresses in skip (the bounce's own header fields), its
 * action the view `action` (words of the bounce that say the delivery is
 * only delayed, or none). Returns 1 (or a negative SMTPREPLY_E_* from the
 * reply) with *f filled, 0 when record `want` is not in this text. */
int sr_fallback_text(const char *t, size_t len, size_t want, size_t *seen,
                     const struct sr_span *skip, int nskip,
                     struct smtpreply_str action, char *buf, size_t size,
                     struct smtpreply_found *f);
/* The failed recipient the general reader finds in t[0, len) (its
 * address rules, skip as above), for a known reader's record that names
 * none: 1 with *a viewing it when there is exactly one, leaving out those
 * inside own (the record's place in t: an address in the reply's own
 * words is not a listed one); when there are several, the one of them
 * that words (the record's reply or problem, "550 5.1.1 <a@b>: ...")
 * names, if exactly one stands there. 0 when none, or which one the
 * record is about is not known. */
int sr_fallback_recipient(const char *t, size_t len,
                          const struct sr_span *skip, int nskip,
                          struct sr_span own, struct sr_span words,
                          struct sr_span *a);
/* 1 when the words at p inside t[0, n) are the paragraph under a
 * sentence that introduces a reason ("... due to the following reason:",
 * blank lines between): the general reader's reason above an address. */
int sr_introduced_reason(const char *t, size_t n, const char *p);
/* v[0, n) unfolded (each line break and the blanks after it one blank)
 * into out[0, cap): its length, 0 when it does not fit. */
size_t sr_unfold(const char *v, size_t n, char *out, size_t cap);
/* "D.D.D - words NNN-'reply' (delivery attempts: N)" (fallback.c): the
 * quoted remote reply rebuilt as "NNN words" into out[0, cap), or {NULL,
 * 0} when v is not in that form. */
struct sr_span sr_quoted_attempt_reply(struct sr_span v, char *out,
                                       size_t cap);
/* The first words in t[0, n) that say a delivery is only delayed (a
 * delay warning's text; with subject 1, a Subject's words), or {NULL, 0}. */
struct sr_span sr_delay_in(const char *t, size_t n, int subject);
/* 1 when a[0, n) is one of those words (any case). */
int sr_delay_words(const char *a, size_t n);
/* The text of HTML p[0, n) into out[0, cap): tags dropped (a line break
 * for those that end a block of text: br, p, div, tr, li...), script and
 * style skipped, entities decoded, white space collapsed. out may be p
 * itself: the text is never longer than the HTML. Returns its length. */
size_t sr_html_text(const char *p, size_t n, char *out, size_t cap);

#endif
