/*
 * smtpreply.h - parse SMTP server replies and explain them.
 *
 * The one public header of libsmtpreply. Valid C99, C11 and C++.
 *
 * Parsing never allocates: results are views (pointer + length) into the
 * caller's buffer, valid as long as that buffer is. Every function is
 * reentrant; the built-in tables are const and shared by all threads.
 *
 * ABI: see docs/ABI.md. Enums are append-only with explicit values. The two
 * caller-allocated structs (struct smtpreply, struct smtpreply_options) keep
 * their size for the life of SONAME 1: new members are carved out of their
 * reserved tails, which callers must leave zero (memset or "= {0}").
 * Explanation records are opaque and owned by the library, so they can gain
 * fields freely.
 */
#ifndef SMTPREPLY_H
#define SMTPREPLY_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SMTPREPLY_VERSION_MAJOR 1
#define SMTPREPLY_VERSION_MINOR 1
#define SMTPREPLY_VERSION_PATCH 0
#define SMTPREPLY_VERSION "1.1.0"
/* 0xMMmmpp: compare with smtpreply_version_number() at run time. */
#define SMTPREPLY_VERSION_NUM 0x010100

#if defined(SMTPREPLY_BUILDING) && defined(__GNUC__)
#define SMTPREPLY_API __attribute__((visibility("default")))
#else
#define SMTPREPLY_API
#endif

/* The library's own version, which may be newer than the header's. */
SMTPREPLY_API const char *smtpreply_version(void);
SMTPREPLY_API unsigned smtpreply_version_number(void);

/* ---------------------------------------------------------------------
 * Return values of the parse functions.
 *
 * > 0 : a complete reply; the value is the number of bytes it occupies
 *       (including empty lines skipped before it).
 * SMTPREPLY_INCOMPLETE: the bytes so far are a valid start of a reply;
 *       call again with more bytes (after dropping reply->skip bytes: the
 *       streaming parser may have dropped junk).
 * other < 0: the bytes are not a reply that can be returned.
 *       reply->error_offset is the offset of the offending byte (for a
 *       limit, the first byte past it, which may be the first byte not yet
 *       received); reply->skip (>= 1) is how many bytes to drop: through
 *       the end of a bad line, or through the final line of a reply over a
 *       limit or rejected, so that nothing of that reply is ever read as a
 *       reply of its own.
 *       reply->code (and first_code, klass) is 0 when the bytes did not
 *       start like a reply (a junk line: it answers no command); after a
 *       limit error it is the failed reply's first code, after
 *       SMTPREPLY_E_REJECTED the rejected reply's code: a pipelining
 *       client counts such an error as the answer to one command.
 *
 * Sizing: a buffer of opts->max_reply bytes always suffices. When that
 * many bytes are passed and no reply completes within them, the result is
 * SMTPREPLY_E_REPLY_TOO_BIG, never INCOMPLETE; with the streaming parser
 * every call on a full buffer returns a reply or drops at least one byte.
 * --------------------------------------------------------------------- */
enum smtpreply_result {
	SMTPREPLY_INCOMPLETE = -1,
	/* The line does not start with three digits ("25 ok", "22X OK", "0"). */
	SMTPREPLY_E_BAD_CODE = -2,
	/* Three digits followed by something other than SP, '-' or the line
	 * end ("2506-me", "220OK", "2500 ok"): never read as a shorter code. */
	SMTPREPLY_E_BAD_SEPARATOR = -3,
	/* Three digits whose first digit is not 1 to 5 ("699", "000"). */
	SMTPREPLY_E_CODE_RANGE = -4,
	/* One line is longer than opts->max_line bytes (line end included):
	 * also max_line bytes of a line without its LF yet. */
	SMTPREPLY_E_LINE_TOO_LONG = -5,
	/* The reply has more than opts->max_lines lines. */
	SMTPREPLY_E_TOO_MANY_LINES = -6,
	/* The reply is longer than opts->max_reply bytes: also max_reply
	 * bytes (leading empty lines included) without a complete reply. */
	SMTPREPLY_E_REPLY_TOO_BIG = -7,
	/* The complete reply carries a flag listed in opts->reject: exactly the
	 * flags a tolerant parse of it reports. reply->flags holds one of them
	 * (the first on the earliest line, in the order of tests/cases/README.md),
	 * error_offset is the start of the line that first showed it, and skip
	 * covers the whole reply. */
	SMTPREPLY_E_REJECTED = -8,
	/* NULL buffer with a non-zero length, NULL reply or parser. */
	SMTPREPLY_E_INVALID_ARGUMENT = -9
};

/* A stable lowercase name ("bad_code", "incomplete") and a one-line
 * English message for a result value; never NULL. */
SMTPREPLY_API const char *smtpreply_result_name(int result);
SMTPREPLY_API const char *smtpreply_result_message(int result);

/* ---------------------------------------------------------------------
 * Flags: what the parser saw and tolerated (struct smtpreply.flags).
 * --------------------------------------------------------------------- */
/* A line ended in LF alone instead of CR LF. */
#define SMTPREPLY_F_BARE_LF               0x0001u
/* A CR not followed by LF inside a line (kept in the text). */
#define SMTPREPLY_F_BARE_CR               0x0002u
/* The code is outside RFC 5321's grammar (%x32-35 %x30-35 %x30-39) but
 * its first digit is 1 to 5: "571", "117", "599". */
#define SMTPREPLY_F_NONSTANDARD_CODE      0x0004u
/* A line inside a multiline reply did not start with a code and a
 * separator; it is kept whole as a text line. */
#define SMTPREPLY_F_CODELESS_LINE         0x0008u
/* Not every line carried the same code; the final line's code is the
 * reply's code and first_code holds the first line's. */
#define SMTPREPLY_F_CODE_MISMATCH         0x0010u
/* The text starts like an enhanced status code that cannot belong to the
 * reply (its class differs from the code's first digit, or the reply is
 * 1xx/3xx); it is not taken and stays in the text. */
#define SMTPREPLY_F_ENHANCED_MISMATCH     0x0020u
/* Lines of one reply disagree on the enhanced code, or some lack it. */
#define SMTPREPLY_F_ENHANCED_INCONSISTENT 0x0040u
/* Empty lines came before the reply; they were skipped and counted in
 * the returned length. */
#define SMTPREPLY_F_LEADING_EMPTY         0x0080u
/* The text holds bytes >= 0x80 (kept byte for byte). */
#define SMTPREPLY_F_EIGHT_BIT             0x0100u
/* Those bytes are not valid UTF-8. */
#define SMTPREPLY_F_INVALID_UTF8          0x0200u
/* The text holds control bytes (0x01-0x1F other than TAB, or 0x7F). */
#define SMTPREPLY_F_CONTROL               0x0400u
/* The text holds NUL bytes. */
#define SMTPREPLY_F_NUL                   0x0800u
/* A line is longer than RFC 5321's 512 octets (but within max_line). */
#define SMTPREPLY_F_LONG_LINE             0x1000u
/* The streaming parser reported a limit error (a reply or a junk line too
 * big) since the last reply, and dropped the rest of what failed; bytes it
 * dropped in this call are in the returned length. Not the reply's own:
 * opts->reject never refuses a reply for it. */
#define SMTPREPLY_F_SKIPPED_JUNK          0x2000u

/* Every flag that marks a departure from the RFCs: what strict mode
 * rejects. (EIGHT_BIT is informational: SMTPUTF8 servers send UTF-8.) */
#define SMTPREPLY_STRICT                                                    \
	(SMTPREPLY_F_BARE_LF | SMTPREPLY_F_BARE_CR |                        \
	 SMTPREPLY_F_NONSTANDARD_CODE | SMTPREPLY_F_CODELESS_LINE |         \
	 SMTPREPLY_F_CODE_MISMATCH | SMTPREPLY_F_ENHANCED_MISMATCH |        \
	 SMTPREPLY_F_ENHANCED_INCONSISTENT | SMTPREPLY_F_LEADING_EMPTY |    \
	 SMTPREPLY_F_INVALID_UTF8 | SMTPREPLY_F_CONTROL | SMTPREPLY_F_NUL | \
	 SMTPREPLY_F_LONG_LINE)

/* Lowercase name of one flag bit ("bare_lf"), "" for an unknown bit. */
SMTPREPLY_API const char *smtpreply_flag_name(unsigned flag);

/* ---------------------------------------------------------------------
 * Options. NULL means the defaults; otherwise start from
 * smtpreply_options_init() (or zero the struct: a zero limit means the
 * default).
 * --------------------------------------------------------------------- */
#define SMTPREPLY_DEFAULT_MAX_LINE  4096u   /* bytes, line end included */
#define SMTPREPLY_DEFAULT_MAX_LINES 1000u
#define SMTPREPLY_DEFAULT_MAX_REPLY 65536u  /* bytes */
/* Hard ceiling for max_reply, so a length always fits the int result. */
#define SMTPREPLY_MAX_REPLY_LIMIT   0x40000000u

struct smtpreply_options {
	unsigned reject;    /* flags that become SMTPREPLY_E_REJECTED */
	unsigned max_line;  /* 0 = SMTPREPLY_DEFAULT_MAX_LINE */
	unsigned max_lines; /* 0 = SMTPREPLY_DEFAULT_MAX_LINES */
	unsigned max_reply; /* 0 = SMTPREPLY_DEFAULT_MAX_REPLY; capped. A
	                     * receive buffer of this many bytes always
	                     * suffices: set it to your buffer's size. */
	unsigned reserved_[12];
};

SMTPREPLY_API void smtpreply_options_init(struct smtpreply_options *opts);

/* An entry of the built-in explanation table (see "Explanations" below):
 * opaque, library-owned, valid for the life of the process. */
typedef struct smtpreply_expl smtpreply_expl;

/* ---------------------------------------------------------------------
 * A parsed reply. All pointers but expl and expl_enhanced point into the
 * caller's buffer.
 * --------------------------------------------------------------------- */
struct smtpreply_str {
	const char *ptr;
	size_t len;
};

/* RFC 3463 enhanced status code; all zero when the reply has none. */
struct smtpreply_enhanced {
	int klass;   /* 2, 4 or 5 */
	int subject; /* 0..999 */
	int detail;  /* 0..999 */
};

struct smtpreply {
	int code;       /* 3-digit reply code of the final line, e.g. 550 */
	int first_code; /* code of the first line (differs: CODE_MISMATCH) */
	int klass;      /* code / 100: 2 success .. 5 permanent failure */
	unsigned flags; /* SMTPREPLY_F_* */
	struct smtpreply_enhanced enhanced;
	size_t nlines;            /* number of text lines, >= 1 */
	struct smtpreply_str raw; /* the reply's bytes, from its first code
	                           * through its last line end (skipped empty
	                           * lines before it excluded) */
	/* Set on errors (result < 0 other than INCOMPLETE). */
	size_t error_offset; /* offset of the offending byte in buf (<= len) */
	size_t skip;         /* bytes to drop (always set on a negative result:
	                      * >= 1 on errors; on INCOMPLETE the junk the
	                      * streaming parser dropped, often 0) */
	/* First and last line's text, for the common one-line case. */
	struct smtpreply_str first_line;
	struct smtpreply_str last_line;
	/* Since 1.1. The reply's entries in the explanation table, set by
	 * every parse function on a reply (result > 0), NULL otherwise; read
	 * them with smtpreply_expl_text() and friends. expl: the reply code's
	 * entry, as smtpreply_explain_code(code) gives it (its class's entry,
	 * flagged SMTPREPLY_X_FALLBACK, for a code the table lacks; the entry
	 * for one command: smtpreply_explain_reply()). expl_enhanced: the
	 * enhanced code's entry, as smtpreply_explain_reply_enhanced() gives
	 * it (the class fallback when the reply has no enhanced code). */
	const smtpreply_expl *expl;
	const smtpreply_expl *expl_enhanced;
	void *reserved_[6];
};

/* One-shot parse of the reply at the start of buf. After a reply over a
 * limit, its skip covers the whole reply only when the final line is in
 * buf (else all of buf, and the rest of the reply would come later): to
 * read a socket, use the streaming parser, which drops that rest. */
SMTPREPLY_API int smtpreply_parse(const char *buf, size_t len,
                                  const struct smtpreply_options *opts,
                                  struct smtpreply *reply);

/* Line access. Iterate with a zeroed iterator:
 *     struct smtpreply_iter it = {0}; struct smtpreply_str text;
 *     while (smtpreply_next_line(&reply, &it, &text)) ...
 * Each step costs O(length of that line). Returns 1 with a line, 0 at the
 * end. */
struct smtpreply_iter {
	size_t pos_;
	size_t index_;
};
SMTPREPLY_API int smtpreply_next_line(const struct smtpreply *reply,
                                      struct smtpreply_iter *it,
                                      struct smtpreply_str *text);
/* Line i (0-based) or {NULL,0} past the end. O(1) for the first and the
 * last line; others walk from the start: use the iterator in loops. */
SMTPREPLY_API struct smtpreply_str smtpreply_line(const struct smtpreply *reply,
                                                  size_t i);

/* ---------------------------------------------------------------------
 * Streaming parser.
 *
 * Keep unconsumed bytes in your buffer and pass them all, starting at the
 * first byte not yet consumed, each time more arrive; the parser remembers
 * how far it has looked, so feeding a reply in pieces costs O(n) in total.
 * After a result > 0 drop that many bytes; after any negative result,
 * INCOMPLETE included, drop reply->skip bytes. Bytes already passed must
 * not change between calls. A bad first line is reported once it has ended
 * (so skip covers it); limits as soon as they are crossed.
 *
 * The read loop, on a fixed buffer of opts.max_reply bytes:
 *     n = smtpreply_parser_parse(&p, buf, have, &r);
 *     if (n > 0) { use r; drop n bytes; continue; }
 *     drop r.skip bytes;
 *     if (n != SMTPREPLY_INCOMPLETE) { report; continue; }
 *     read more into buf + have (there is always room);
 *
 * A reply over a limit is one error, then nothing of it: the parser drops
 * the rest of that reply through its final line (the first line that ends
 * it, as the tolerant grammar reads it), as it arrives, handing the
 * dropped bytes back in skip; the next reply is flagged
 * SMTPREPLY_F_SKIPPED_JUNK. A junk line over a limit drains the same way,
 * through its own line end. Results match the one-shot parse of the same
 * bytes, position for position.
 * --------------------------------------------------------------------- */
struct smtpreply_parser {
	struct smtpreply_options opts;
	size_t state_[24]; /* private */
};

SMTPREPLY_API void smtpreply_parser_init(struct smtpreply_parser *p,
                                         const struct smtpreply_options *opts);
SMTPREPLY_API int smtpreply_parser_parse(struct smtpreply_parser *p,
                                         const char *buf, size_t len,
                                         struct smtpreply *reply);
/* Forget any partial reply (e.g. after the connection was reset). */
SMTPREPLY_API void smtpreply_parser_reset(struct smtpreply_parser *p);

/* ---------------------------------------------------------------------
 * Commands: which command a reply answers (context for explanations,
 * actions and reasons).
 * --------------------------------------------------------------------- */
enum smtpreply_command {
	SMTPREPLY_CMD_UNKNOWN = 0,
	SMTPREPLY_CMD_GREETING = 1, /* the 220/554 on connect */
	SMTPREPLY_CMD_EHLO = 2,
	SMTPREPLY_CMD_HELO = 3,
	SMTPREPLY_CMD_MAIL = 4,
	SMTPREPLY_CMD_RCPT = 5,
	SMTPREPLY_CMD_DATA = 6,
	SMTPREPLY_CMD_DOT = 7, /* end of message data */
	SMTPREPLY_CMD_BDAT = 8,
	SMTPREPLY_CMD_RSET = 9,
	SMTPREPLY_CMD_VRFY = 10,
	SMTPREPLY_CMD_EXPN = 11,
	SMTPREPLY_CMD_HELP = 12,
	SMTPREPLY_CMD_NOOP = 13,
	SMTPREPLY_CMD_QUIT = 14,
	SMTPREPLY_CMD_AUTH = 15,
	SMTPREPLY_CMD_STARTTLS = 16,
	SMTPREPLY_CMD_ETRN = 17,
	SMTPREPLY_CMD_ATRN = 18
};

/* "RCPT", "mail from", "DATA-END"... case-insensitive, also the words a
 * client sends ("RCPT TO", "MAIL FROM", "."); UNKNOWN when not known. */
SMTPREPLY_API enum smtpreply_command smtpreply_command_parse(const char *name);
/* "RCPT" etc.; never NULL. */
SMTPREPLY_API const char *smtpreply_command_name(enum smtpreply_command cmd);

/* ---------------------------------------------------------------------
 * Explanations: a built-in, const table. Lookups never return NULL: an
 * unknown code gets its class's (or for enhanced codes its subject's)
 * entry, marked SMTPREPLY_X_FALLBACK.
 * --------------------------------------------------------------------- */

enum smtpreply_field {
	SMTPREPLY_FIELD_NAME = 0,        /* short title */
	SMTPREPLY_FIELD_DESCRIPTION = 1, /* what it means */
	SMTPREPLY_FIELD_WHEN = 2,        /* when you see it */
	SMTPREPLY_FIELD_FIX = 3,         /* what to do */
	SMTPREPLY_FIELD_SOURCE = 4,      /* defining RFC or origin */
	SMTPREPLY_FIELD_KEY = 5          /* "reply 454 after AUTH" */
};

/* Kind and property bits of an entry (smtpreply_expl_flags). */
#define SMTPREPLY_X_REPLY       0x0001u /* a reply-code entry */
#define SMTPREPLY_X_ENHANCED    0x0002u /* an enhanced-code entry */
#define SMTPREPLY_X_CLASS       0x0004u /* a class entry (2xx, X.0.0 class) */
#define SMTPREPLY_X_SUBJECT     0x0008u /* an enhanced subject entry */
#define SMTPREPLY_X_CATEGORY    0x0010u /* a second-digit category entry */
#define SMTPREPLY_X_CONTEXTUAL  0x0020u /* meaning after one command */
#define SMTPREPLY_X_NONSTANDARD 0x0040u /* not in any standard */
#define SMTPREPLY_X_FALLBACK    0x0080u /* the code itself is not listed */
#define SMTPREPLY_X_PROVIDER    0x0100u /* a provider's own meaning */

SMTPREPLY_API const smtpreply_expl *smtpreply_explain_code(int code);
SMTPREPLY_API const smtpreply_expl *
smtpreply_explain_code_after(int code, enum smtpreply_command cmd);
/* klass 2/4/5; subject/detail as in the code. */
SMTPREPLY_API const smtpreply_expl *
smtpreply_explain_enhanced(int klass, int subject, int detail);
/* "5.7.26" or "550" or "550 5.7.26" style text -> entry of the enhanced
 * code when there is one, else of the reply code; NULL never. */
SMTPREPLY_API const smtpreply_expl *smtpreply_explain_text(const char *text);
/* The class (first digit) and category (second digit) entries of a code.
 * 1xx codes have no category (SMTP defines no 1xx reply): the category
 * lookup gives the "reply invalid" entry, as for a second digit over 5. */
SMTPREPLY_API const smtpreply_expl *smtpreply_explain_class(int code);
SMTPREPLY_API const smtpreply_expl *smtpreply_explain_category(int code);
/* From a parsed reply: its reply-code entry (contextual when cmd is known)
 * and its enhanced-code entry (the class entry when the reply has none). */
SMTPREPLY_API const smtpreply_expl *
smtpreply_explain_reply(const struct smtpreply *reply, enum smtpreply_command cmd);
SMTPREPLY_API const smtpreply_expl *
smtpreply_explain_reply_enhanced(const struct smtpreply *reply);

/* A field's text, never NULL ("" when the entry has none). */
SMTPREPLY_API const char *smtpreply_expl_text(const smtpreply_expl *e,
                                              enum smtpreply_field field);
/* The same in a language: "ko", "ja-JP", "fr_FR.UTF-8"; NULL, "" or an
 * unknown language gives English, and so does a field not translated. */
SMTPREPLY_API const char *smtpreply_expl_text_lang(const smtpreply_expl *e,
                                                   enum smtpreply_field field,
                                                   const char *lang);
SMTPREPLY_API unsigned smtpreply_expl_flags(const smtpreply_expl *e);
/* The reply code of a reply entry (550), or 0. */
SMTPREPLY_API int smtpreply_expl_code(const smtpreply_expl *e);
/* Enhanced entries: class/subject/detail; -1 where the entry stands for
 * any ("X.7.1" gives klass -1, "X.7" also detail -1). Returns 0 if not an
 * enhanced entry. */
SMTPREPLY_API int smtpreply_expl_enhanced(const smtpreply_expl *e, int *klass,
                                          int *subject, int *detail);
/* Walk the whole table: entries 0 .. smtpreply_expl_count()-1. */
SMTPREPLY_API size_t smtpreply_expl_count(void);
SMTPREPLY_API const smtpreply_expl *smtpreply_expl_at(size_t index);

/* Languages with translations: "en", "fr", "ja", "ko"... (index 0 is
 * "en"); NULL past the end. */
SMTPREPLY_API const char *smtpreply_language(size_t index);
/* Normalise a tag to an available language ("ja_JP.UTF-8" -> "ja"),
 * "en" when none matches. */
SMTPREPLY_API const char *smtpreply_language_match(const char *tag);

/* Section headings for people: "Description", "When you see it"... */
enum smtpreply_heading {
	SMTPREPLY_HEADING_DESCRIPTION = 0,
	SMTPREPLY_HEADING_WHEN = 1,
	SMTPREPLY_HEADING_FIX = 2,
	SMTPREPLY_HEADING_CLASS = 3,
	SMTPREPLY_HEADING_CATEGORY = 4,
	SMTPREPLY_HEADING_ENHANCED = 5,
	SMTPREPLY_HEADING_DIFFERENCES = 6,
	SMTPREPLY_HEADING_ACTION = 7,
	SMTPREPLY_HEADING_REASON = 8,
	SMTPREPLY_HEADING_WHO = 9,
	/* 1.1: the parts of a comparison page (smtpreply_compare_text). */
	SMTPREPLY_HEADING_WHICH = 10,  /* "When to use which" */
	SMTPREPLY_HEADING_SUMMARY = 11 /* "Summary" */
};
SMTPREPLY_API const char *smtpreply_heading_text(enum smtpreply_heading h,
                                                 const char *lang);

/* ---------------------------------------------------------------------
 * What to do: action, reason, who must act.
 * --------------------------------------------------------------------- */
enum smtpreply_action {
	SMTPREPLY_ACTION_SUCCESS = 0, /* 2xx: done */
	SMTPREPLY_ACTION_CONTINUE = 1, /* 3xx: send the next part */
	SMTPREPLY_ACTION_RETRY = 2,    /* try again later */
	SMTPREPLY_ACTION_FAIL = 3      /* permanent: do not retry unchanged */
};
/* RFC 5321 semantics of the code's first digit (2 success, 3 continue,
 * 4 retry, 5 fail), with these corrections:
 *   - 552 after RCPT: retry (RFC 5321 4.5.3.1.10: too many recipients, read
 *     as 452; send the rest in a later transaction);
 *   - 421 (any command): retry, and the server is closing the connection;
 *   - 1xx: retry (1.1; was continue). SMTP defines none: 101 and 111
 *     in logs are a sending program's numbers for a failed connection;
 *   - an enhanced code whose class contradicts the code ("550 4.2.2"): the
 *     reply code decides, as in Postfix and Exim;
 *   - NULL or a code outside 100-599: retry. */
SMTPREPLY_API enum smtpreply_action
smtpreply_action(const struct smtpreply *reply, enum smtpreply_command cmd);
SMTPREPLY_API const char *smtpreply_action_name(enum smtpreply_action a);

enum smtpreply_reason {
	SMTPREPLY_REASON_NONE = 0, /* not a failure */
	SMTPREPLY_REASON_UNKNOWN = 1,
	SMTPREPLY_REASON_USER_UNKNOWN = 2,
	SMTPREPLY_REASON_MAILBOX_FULL = 3,
	SMTPREPLY_REASON_MAILBOX_DISABLED = 4,
	SMTPREPLY_REASON_DOMAIN_UNKNOWN = 5,
	SMTPREPLY_REASON_RELAY_DENIED = 6,
	SMTPREPLY_REASON_AUTH_REQUIRED = 7,
	SMTPREPLY_REASON_AUTH_FAILED = 8,
	SMTPREPLY_REASON_TLS_REQUIRED = 9,
	SMTPREPLY_REASON_MESSAGE_TOO_LARGE = 10,
	SMTPREPLY_REASON_TOO_MANY_RECIPIENTS = 11,
	SMTPREPLY_REASON_RATE_LIMITED = 12,
	SMTPREPLY_REASON_GREYLISTED = 13,
	SMTPREPLY_REASON_BLOCKED = 14,
	SMTPREPLY_REASON_REVERSE_DNS = 15,
	SMTPREPLY_REASON_SENDER_AUTH = 16,
	SMTPREPLY_REASON_SPAM = 17,
	SMTPREPLY_REASON_VIRUS = 18,
	SMTPREPLY_REASON_CONTENT_REJECTED = 19,
	SMTPREPLY_REASON_POLICY = 20,
	SMTPREPLY_REASON_SYNTAX = 21,
	SMTPREPLY_REASON_NOT_IMPLEMENTED = 22,
	SMTPREPLY_REASON_SERVER_ERROR = 23,
	SMTPREPLY_REASON_NETWORK = 24,
	SMTPREPLY_REASON_SENDER_INVALID = 25,
	SMTPREPLY_REASON_EXPIRED = 26
};
#define SMTPREPLY_REASON_COUNT 27

enum smtpreply_party {
	SMTPREPLY_PARTY_NONE = 0,
	SMTPREPLY_PARTY_SENDER = 1,
	SMTPREPLY_PARTY_SENDER_ADMIN = 2,
	SMTPREPLY_PARTY_RECIPIENT = 3,
	SMTPREPLY_PARTY_RECIPIENT_ADMIN = 4
};

/* Why a 4xx/5xx reply failed (NONE for 2xx-3xx, UNKNOWN for NULL; 101 and
 * 111, client codes for a failed connection, NETWORK). The
 * strongest evidence wins (the precedence of smtpreply_diagnose below): the
 * provider's documented meaning of its code (when the text shows the
 * provider); a specific enhanced code (X.1.1, X.2.2, X.4.7, X.7.26...),
 * which only a strong phrase of a listed kind refines; a strong phrase of
 * data/reason-phrases.txt; a weak phrase; a general enhanced code (X.7.x
 * policy, X.4.x network...); a hint word; the reply code and the command
 * (452 after RCPT: too many recipients); UNKNOWN. Within a strength the
 * longest phrase wins; one weak word never overrides a strong signal.
 * A reply quoted in a reporting server's words ("... said: 550 5.1.1 ...")
 * is read for its own codes and words, and reading stops at the next reply
 * of the session. Context: at the greeting a refusal is a block of the
 * client; after MAIL, or where the words say the sender's address was
 * checked ("Sender address rejected:", Exim's "Verification failed for"),
 * an unknown user, domain or disabled mailbox is SENDER_INVALID; a bare
 * 450/550/554 to HELO/EHLO is POLICY. One pass over the text, no
 * allocation. */
SMTPREPLY_API enum smtpreply_reason
smtpreply_reason(const struct smtpreply *reply, enum smtpreply_command cmd);
SMTPREPLY_API const char *smtpreply_reason_name(enum smtpreply_reason r);
SMTPREPLY_API const char *smtpreply_reason_text(enum smtpreply_reason r,
                                                const char *lang);
SMTPREPLY_API enum smtpreply_party smtpreply_reason_party(enum smtpreply_reason r);
SMTPREPLY_API const char *smtpreply_party_name(enum smtpreply_party p);
/* The same in words for people, in a language (tags as for
 * smtpreply_expl_text_lang, English for an unknown one): an action's title
 * ("Retry later") and one-line description, a reason's one-line
 * description, who must act ("The recipient's mail administrator").
 * Never NULL; "" for a value outside its enum. */
SMTPREPLY_API const char *smtpreply_action_text(enum smtpreply_action a,
                                                const char *lang);
SMTPREPLY_API const char *smtpreply_action_description(enum smtpreply_action a,
                                                       const char *lang);
SMTPREPLY_API const char *smtpreply_reason_description(enum smtpreply_reason r,
                                                       const char *lang);
SMTPREPLY_API const char *smtpreply_party_text(enum smtpreply_party p,
                                               const char *lang);

/* ---------------------------------------------------------------------
 * Should I suppress this address? The verdict, how sure the reason is,
 * and what decided it (SMTPREPLY_1.1).
 *
 * Evidence, strongest first (a weaker kind never overrides a stronger
 * one; within a kind the most specific wins):
 *   1. PROVIDER: the provider's documented meaning of its code (the text
 *      shows who answered: Google's 4.7.29, Microsoft's 5.7.606, Yahoo's
 *      [TSS04], Cox's AUP#, Orange's OFR_...);
 *   2. ENHANCED: a specific enhanced code that names one cause (X.1.1
 *      user unknown, X.2.2 mailbox full, X.7.26 authentication...); a
 *      strong phrase of a listed kind may still refine it ("5.1.1 ...
 *      mailbox disabled");
 *   3. STRONG_PHRASE: a wording that names one cause ("user unknown in
 *      virtual mailbox table", "blocked using", "greylisted");
 *   4. WEAK_PHRASE: a wording that usually means it ("mailbox
 *      unavailable", "blocked");
 *   5. GENERAL_ENHANCED: a catch-all enhanced code (X.7.1, X.4.x, X.5.x);
 *      then a hint word ("temporarily", "denied"), reported as WEAK_PHRASE;
 *   6. CODE: the reply code and the command (452 after RCPT).
 * When the text quotes another server's reply ("... said: 550 5.1.1 ...",
 * "Remote host said:", "SMTP error from remote server after RCPT TO:"),
 * that reply's code, enhanced code and words are read, and reading stops
 * at the next reply after it ("... 503 need RCPT command" is ignored).
 * --------------------------------------------------------------------- */
enum smtpreply_verdict {
	SMTPREPLY_VERDICT_NONE = 0,         /* not a failure (1xx-3xx) */
	SMTPREPLY_VERDICT_SUPPRESS = 1,     /* the address is bad (unknown
	                                     * user, disabled mailbox, no such
	                                     * domain; 5xx only): stop mailing it */
	SMTPREPLY_VERDICT_RETRY = 2,        /* transient, nobody at fault: try
	                                     * again later (full mailbox,
	                                     * greylisting, throttling, outages) */
	SMTPREPLY_VERDICT_FIX_SENDER = 3,   /* the sending side must act
	                                     * (blocklist, reputation, SPF/DKIM/
	                                     * DMARC, reverse DNS, AUTH, TLS,
	                                     * relaying, its own sending quota
	                                     * refused for good); keep the
	                                     * address */
	SMTPREPLY_VERDICT_FIX_MESSAGE = 4,  /* this message must change (size,
	                                     * spam, virus, content, syntax of
	                                     * its headers, recipients; a bounce
	                                     * refused as backscatter) */
	SMTPREPLY_VERDICT_UNDETERMINED = 5  /* the reply does not tell */
};
#define SMTPREPLY_VERDICT_COUNT 6

/* How sure the reason is: STRONG rests on a provider's meaning, a
 * specific enhanced code or a strong phrase; WEAK on a weak phrase or a
 * general enhanced code; GUESS on the reply code alone (or nothing).
 * Treat a guess as a guess: no suppression rests on one. */
enum smtpreply_confidence {
	SMTPREPLY_CONFIDENCE_GUESS = 0,
	SMTPREPLY_CONFIDENCE_WEAK = 1,
	SMTPREPLY_CONFIDENCE_STRONG = 2
};

/* What decided the reason (the precedence above). */
enum smtpreply_evidence {
	SMTPREPLY_EVIDENCE_NONE = 0, /* not a failure, or nothing to go on */
	SMTPREPLY_EVIDENCE_PROVIDER = 1,
	SMTPREPLY_EVIDENCE_ENHANCED = 2,
	SMTPREPLY_EVIDENCE_STRONG_PHRASE = 3,
	SMTPREPLY_EVIDENCE_WEAK_PHRASE = 4,
	SMTPREPLY_EVIDENCE_GENERAL_ENHANCED = 5,
	SMTPREPLY_EVIDENCE_CODE = 6
};

/* Everything at once, from one pass over the text. Caller-allocated; the
 * library fills every member (reserved_ zeroed). */
struct smtpreply_diagnosis {
	enum smtpreply_action action;         /* smtpreply_action() */
	enum smtpreply_reason reason;         /* smtpreply_reason() */
	enum smtpreply_verdict verdict;       /* smtpreply_verdict() */
	enum smtpreply_confidence confidence;
	enum smtpreply_evidence evidence;
	int code;                     /* the reply code the reason rests on:
	                               * the quoted reply's when the text quotes
	                               * one, else reply->code */
	struct smtpreply_enhanced enhanced; /* likewise; zero when none */
	const char *provider;         /* smtpreply_provider() of a 4xx/5xx;
	                               * NULL otherwise (the text of a
	                               * success is not read), or none */
	void *reserved_[6];
};

/* Fills *out for reply, the answer to cmd. A NULL reply gets the answer
 * for an unreadable one (retry, unknown, undetermined, guess). Returns 0,
 * or SMTPREPLY_E_INVALID_ARGUMENT when out is NULL. No allocation. */
SMTPREPLY_API int smtpreply_diagnose(const struct smtpreply *reply,
                                     enum smtpreply_command cmd,
                                     struct smtpreply_diagnosis *out);
/* The verdict alone (smtpreply_diagnose's). */
SMTPREPLY_API enum smtpreply_verdict
smtpreply_verdict(const struct smtpreply *reply, enum smtpreply_command cmd);
/* "suppress", "fix_sender"...; "" outside the enum. */
SMTPREPLY_API const char *smtpreply_verdict_name(enum smtpreply_verdict v);
/* In words for people, in a language (as smtpreply_reason_text): the
 * title ("Suppress the address") and a one-line description; "" outside
 * the enum. */
SMTPREPLY_API const char *smtpreply_verdict_text(enum smtpreply_verdict v,
                                                 const char *lang);
SMTPREPLY_API const char *
smtpreply_verdict_description(enum smtpreply_verdict v, const char *lang);
/* "guess", "weak", "strong"; and in words for people. "" outside. */
SMTPREPLY_API const char *
smtpreply_confidence_name(enum smtpreply_confidence c);
SMTPREPLY_API const char *
smtpreply_confidence_text(enum smtpreply_confidence c, const char *lang);
/* "provider", "enhanced", "strong_phrase"...; "" outside the enum. */
SMTPREPLY_API const char *smtpreply_evidence_name(enum smtpreply_evidence e);

/* Which provider answered, judged from the text ("google", "microsoft",
 * "yahoo"; a provider's name inside a mail address does not count), or
 * NULL; and that provider's own entry for the reply's enhanced
 * code, or NULL when it has none. The enhanced code may be one the parser
 * left in the text for its class (SMTPREPLY_F_ENHANCED_MISMATCH, as in
 * Gmail's "550 4.7.28"): the provider's meaning still applies. A
 * provider's own code in the text (Yahoo "[TSS09]", Cox "AUP#CXBL",
 * Comcast "#BL000000", NetEase "DT:SPM") selects its entry even when the
 * reply carries no enhanced code or a generic one. */
SMTPREPLY_API const char *smtpreply_provider(const struct smtpreply *reply);
SMTPREPLY_API const smtpreply_expl *
smtpreply_explain_provider(const struct smtpreply *reply);

/* 1.1. Who must act about this reply: the party a provider's own entry
 * for it names (smtpreply_explain_provider; Microsoft's 5.7.520 is the
 * sender's own administrator's to lift), else the usual party of its
 * reason, smtpreply_reason_party(smtpreply_reason(reply, cmd)). */
SMTPREPLY_API enum smtpreply_party
smtpreply_reply_party(const struct smtpreply *reply, enum smtpreply_command cmd);

/* ---------------------------------------------------------------------
 * 1.1. Comparison pages ("SMTP 235 ... vs 500 ...") and fallback notes,
 * as sentences in a language, so that every program builds the same page:
 * a title, a summary paragraph, the numbered key differences (the class
 * difference, what each means, when you see each, what to do and who must
 * act), and "when to use which" (each one's fix). Headings come from
 * smtpreply_heading_text (DESCRIPTION, WHEN, FIX, DIFFERENCES, WHICH).
 *
 * Both functions work like snprintf: they write at most size bytes
 * including the NUL (never cutting a UTF-8 character) and return the
 * length the whole text needs; 0 means there is no such part (index past
 * the end; not a fallback). out may be NULL when size is 0.
 * --------------------------------------------------------------------- */
struct smtpreply_side {
	/* The code as the page shows it: "235", "5.7.26", "550 5.1.1"; NULL:
	 * the reply's code, else the entry's own ("5xx", "X.7.26"). */
	const char *label;
	/* Its explanation; NULL: smtpreply_explain_reply(reply, cmd). */
	const smtpreply_expl *entry;
	/* The reply, for what to do and who must act; NULL for a bare
	 * enhanced code or class (no such point then). */
	const struct smtpreply *reply;
	enum smtpreply_command cmd; /* what the reply answers, or UNKNOWN */
	void *reserved_[4];         /* zero */
};

enum smtpreply_compare_part {
	SMTPREPLY_COMPARE_TITLE = 0,   /* "SMTP 235 Authentication succeeded vs
	                                * 500 Syntax error" (index 0) */
	SMTPREPLY_COMPARE_SUMMARY = 1, /* one paragraph contrasting classes and
	                                * meanings (index 0) */
	SMTPREPLY_COMPARE_POINT = 2,   /* key difference number index: 0 the
	                                * classes, 1-2 each meaning, 3-4 when
	                                * you see each, then what to do and who
	                                * must act for each side with a reply */
	SMTPREPLY_COMPARE_WHICH = 3    /* "For 235 (...): fix"; index 0 a, 1 b */
};

SMTPREPLY_API size_t smtpreply_compare_text(char *out, size_t size,
                                            const struct smtpreply_side *a,
                                            const struct smtpreply_side *b,
                                            enum smtpreply_compare_part part,
                                            size_t index, const char *lang);

/* For an entry flagged SMTPREPLY_X_FALLBACK: the sentence saying that
 * label ("5.1.999", "599") is not itself a registered code and which
 * general entry is shown instead ("X.1.X: Addressing Status"). 0 for any
 * other entry. */
SMTPREPLY_API size_t smtpreply_fallback_text(char *out, size_t size,
                                             const char *label,
                                             const smtpreply_expl *e,
                                             const char *lang);

/* ---------------------------------------------------------------------
 * A log line, snprintf-style: writes at most size bytes including the
 * terminating NUL, returns the length it needed (excluding NUL). Control
 * bytes and invalid UTF-8 are escaped (\r, \n, \t, \xHH) so a server
 * cannot forge log lines or terminal escapes; so are the backslash (\\),
 * C1 controls and bidirectional controls. The host is escaped alike. A cut
 * line never ends in half an escape or half a UTF-8 character.
 *   [host HOST said: ]550 5.1.1 text text[ (in reply to RCPT TO command)]
 * The command as Postfix names it ("MAIL FROM", "end of DATA"...); after
 * the greeting "(in reply to initial greeting)"; nothing for UNKNOWN.
 * --------------------------------------------------------------------- */
#define SMTPREPLY_FMT_ASCII 0x1u /* escape every byte >= 0x80 as well */
SMTPREPLY_API size_t smtpreply_format(char *out, size_t size,
                                      const struct smtpreply *reply,
                                      const char *host,
                                      enum smtpreply_command cmd,
                                      unsigned fmt_flags);

/* ---------------------------------------------------------------------
 * EHLO capabilities and queue ids.
 * --------------------------------------------------------------------- */
struct smtpreply_ehlo_iter {
	size_t line_;
	size_t reserved_[3];
};
/* Walk the extension lines of a 250 reply to EHLO (the first line, the
 * server's name, is skipped). keyword: "SIZE"; params: "35882577". */
SMTPREPLY_API int smtpreply_ehlo_next(const struct smtpreply *reply,
                                      struct smtpreply_ehlo_iter *it,
                                      struct smtpreply_str *keyword,
                                      struct smtpreply_str *params);
/* The parameters of one extension (case-insensitive keyword); returns 1
 * if the server offers it. */
SMTPREPLY_API int smtpreply_ehlo_find(const struct smtpreply *reply,
                                      const char *keyword,
                                      struct smtpreply_str *params);
/* SIZE limit in bytes (0 = none stated), -1 when SIZE is not offered. */
SMTPREPLY_API long long smtpreply_ehlo_size(const struct smtpreply *reply);
/* 1 if AUTH offers the mechanism (also the old "AUTH=" form). */
SMTPREPLY_API int smtpreply_ehlo_has_auth(const struct smtpreply *reply,
                                          const char *mechanism);
/* The queue id from a 250 reply to the end of DATA, or {NULL,0}: Postfix
 * "queued as X", Exim "id=X", Sendmail "X Message accepted for delivery",
 * Exchange "[InternalId=X", Gmail "OK <time> X - gsmtp", qmail "qp X",
 * Amazon SES "Ok X". */
SMTPREPLY_API struct smtpreply_str smtpreply_queue_id(const struct smtpreply *reply);

/* ---------------------------------------------------------------------
 * Replies where people have them: MTA log lines, bounce messages and
 * client transcripts (API 1.1).
 *
 * Zero-copy and allocation-free like the parser: the views of a found
 * record point into the caller's text, except the reply, which is
 * reassembled as the server sent it (one CRLF line per reply line, joined
 * again where a log folded or joined them) into the caller's buf and
 * parsed there. So the reply is an ordinary struct smtpreply: every
 * explanation, reason, verdict and smtpreply_format apply unchanged. A
 * reply pasted with LF line ends is not flagged bare_lf: its line ends are
 * the paste's, not the server's.
 * --------------------------------------------------------------------- */
enum smtpreply_source {
	SMTPREPLY_SOURCE_NONE = 0,
	SMTPREPLY_SOURCE_RAW = 1,        /* lines that are a reply themselves */
	SMTPREPLY_SOURCE_POSTFIX = 2,    /* Postfix log or bounce text */
	SMTPREPLY_SOURCE_EXIM = 3,       /* Exim log or bounce text */
	SMTPREPLY_SOURCE_SENDMAIL = 4,   /* Sendmail log (stat=, reply=) */
	SMTPREPLY_SOURCE_OPENSMTPD = 5,  /* OpenSMTPD log (result=, stat=) */
	SMTPREPLY_SOURCE_DSN = 6,        /* RFC 3464 delivery-status fields */
	SMTPREPLY_SOURCE_BOUNCE = 7,     /* a bounce's text for people (qmail,
	                                  * Exchange, Gmail, Yahoo...) */
	SMTPREPLY_SOURCE_TRANSCRIPT = 8, /* swaks, smtplib, curl -v, openssl
	                                  * s_client, Sendmail's <<< lines;
	                                  * client libraries' errors (Symfony
	                                  * Mailer, PHPMailer, smtplib, .NET,
	                                  * JavaMail, Nodemailer...) */
	SMTPREPLY_SOURCE_EXCHANGE = 9,   /* Exchange Server message tracking
	                                  * log, Microsoft 365 message trace
	                                  * (extended report) */
	SMTPREPLY_SOURCE_FALLBACK = 10   /* (1.1) a bounce no known format
	                                  * explains, read by the general
	                                  * reader (smtpreply_bounce_next):
	                                  * the pairing of recipient and
	                                  * reason is a reading of layout */
};
/* "postfix", "dsn"...; "" outside the enum. */
SMTPREPLY_API const char *smtpreply_source_name(enum smtpreply_source s);

/* What smtpreply_find looks for (0: everything). */
#define SMTPREPLY_FIND_LOG 0x1u        /* MTA log lines */
#define SMTPREPLY_FIND_TRANSCRIPT 0x2u /* client transcripts */
#define SMTPREPLY_FIND_TEXT 0x4u       /* bounce text, DSN fields in text
                                        * or in JSON (Amazon SES) */
#define SMTPREPLY_FIND_RAW 0x8u        /* lines that start with a code */

/* One reply found, with what the record says about it. A view not given
 * by the record is {NULL, 0}. */
struct smtpreply_found {
	struct smtpreply reply;          /* valid when has_reply is 1 */
	int has_reply;                   /* 0: the record names a failure but
	                                  * no reply (a time-out, a DSN whose
	                                  * Diagnostic-Code is not SMTP) */
	enum smtpreply_command command;  /* the command it answered */
	enum smtpreply_source source;
	struct smtpreply_str host;       /* remote host as written:
	                                  * "mx.b.c[192.0.2.1]", "mx.b.c" */
	struct smtpreply_str recipient;  /* "a@b.c" */
	struct smtpreply_str status;     /* DSN Status or Sendmail dsn=:
	                                  * "5.1.1"; may differ from the
	                                  * reply's enhanced code: both kept */
	struct smtpreply_str action;     /* DSN Action ("failed"), Postfix
	                                  * status= ("bounced"), Exim ** / ==,
	                                  * Exim text's "retry timeout
	                                  * exceeded", qmail's "I'm not going
	                                  * to try again" */
	struct smtpreply_str date;       /* the log line's time stamp, a
	                                  * DSN's Last-Attempt-Date */
	struct smtpreply_str problem;    /* no reply: what happened instead
	                                  * ("timed out while receiving the
	                                  * initial server greeting") */
	size_t offset;                   /* the record's bytes in the text */
	size_t length;
	void *reserved_[8];
};

/* Finds the next reply in text[*pos, len): a log line, a transcript's
 * reply (all its lines), a reply quoted in a bounce's text, a line that
 * starts with a reply code. Lines end in LF or CRLF; a last line without
 * one is read as a line. `what`: SMTPREPLY_FIND_* bits, 0 for all.
 * Returns 1 with *found filled and *pos past the record; 0 when no reply
 * is left (*pos == len); a negative SMTPREPLY_E_* when a record was found
 * but its reply does not fit buf (SMTPREPLY_E_REPLY_TOO_BIG) or does not
 * parse: *pos is past it all the same, so a loop goes on. A log line that
 * names several recipients (Sendmail "to=<a>,<b>", Exchange "a;b") gives
 * a record for each of its first 1000, all with the line's offset and
 * length (smtplib's SMTPRecipientsRefused {'a': (550, ...), 'b': ...}: one
 * for each); between them
 * *pos stops inside the line, at the next recipient (pass it back as it
 * is; a caller that moves text on moves it to found->offset and passes
 * *pos - offset). No allocation; buf needs the reply's size plus 2 bytes
 * a line. */
SMTPREPLY_API int smtpreply_find(const char *text, size_t len, size_t *pos,
                                 unsigned what, char *buf, size_t size,
                                 struct smtpreply_found *found);

/* Iterates over a bounce message (RFC 5322, with or without the mbox
 * "From " line): one record per recipient of its RFC 3464
 * message/delivery-status part (Final-Recipient, Action, Status,
 * Remote-MTA, Diagnostic-Code unfolded, Last-Attempt-Date), or, for a
 * bounce without one, one per reply its text quotes (Postfix, Exim,
 * qmail, Sendmail, Courier, GMX/IONOS, Exchange, Microsoft 365, Gmail,
 * Yahoo). Quoted-printable
 * and base64 text is decoded into the first half of buf; a record found
 * there has the offset and length of the encoded body in msg (offsets are
 * always msg's, whatever buf's size and place). Start with a
 * zeroed iterator. Returns 1 with a record, 0 at the end, a negative
 * SMTPREPLY_E_* as smtpreply_find. */
struct smtpreply_bounce_iter {
	size_t pos_;
	size_t state_[7];
};
SMTPREPLY_API int smtpreply_bounce_next(const char *msg, size_t len,
                                        struct smtpreply_bounce_iter *it,
                                        char *buf, size_t size,
                                        struct smtpreply_found *found);

/* The diagnosis of a found record (API 1.1), for the bounce processor's
 * question about each failed recipient. With a reply: smtpreply_diagnose
 * of the reply after found->command (the record's Status does not stand
 * in for an enhanced code the reply lacks: an MTA that got none wrote it
 * from the reply code alone, X.0.0 or its own table). Without one (has_reply 0: "Host or domain name
 * not found", "Connection timed out", "retry timeout exceeded"): the
 * problem's words and the Status judged as a reply's would be, the class
 * from the Status, else the action word (failed, bounced, "**": 5;
 * delayed, deferred, "==": 4), else 5 in a bounce and 4 in a log; the
 * command is taken as unknown and out->code is 0. A temporary failure
 * (4xx reply, or 4.X.X Status without one) under an action word that
 * gives up (failed, bounced, "**", Exim text's "retry timeout exceeded"
 * after the reply, qmail's "I'm not going to try again"), or a record
 * whose whole problem is OpenSMTPD's "Envelope expired" (which it sends
 * under "Action: delayed"): the MTA's queue lifetime ran out, so
 * action fail and reason expired, the verdict the reply's; a 552 after
 * RCPT there is action fail too. A record of the
 * general reader (SMTPREPLY_SOURCE_FALLBACK) gets at most
 * SMTPREPLY_CONFIDENCE_WEAK, and its action words may be a delay
 * warning's ("has not yet been delivered": class 4). A suppress verdict
 * becomes undetermined when the reply names addresses in angle brackets
 * and none is the record's recipient (another recipient's reply, the
 * sender's, a forwarding target's: it does not show this address bad).
 * Returns 0, or SMTPREPLY_E_INVALID_ARGUMENT when found or out is NULL.
 * No allocation. */
SMTPREPLY_API int smtpreply_found_diagnose(const struct smtpreply_found *found,
                                           struct smtpreply_diagnosis *out);

#ifdef __cplusplus
}
#endif
#endif /* SMTPREPLY_H */
