/* msg.h - the CLI's own words, in every language the CLI speaks.
 *
 * Everything the library explains comes from the library in the chosen
 * language; the few words the command adds around it (labels, joins,
 * counts, plurals) come from here, so French text never reads
 * "Échec: ..." beside the library's "pas\u00a0:". A language without an
 * entry falls back to English. */
#ifndef SMTPREPLY_CLI_MSG_H
#define SMTPREPLY_CLI_MSG_H

enum msg {
	M_JOIN,          /* "%s: %s" (label and text) */
	M_AFTER,         /* "(after %s)" */
	M_PAREN,         /* "(%s)" */
	M_PROVIDER_WORD, /* "provider" */
	M_VS,            /* "vs" */
	M_SAME,          /* " (=)" */
	M_CODE,          /* "Code" */
	M_PROVIDER,      /* "Provider" */
	M_FLAGS,         /* "Flags" */
	M_NOT_REPLIES,   /* "Not replies" */
	M_OTHER,         /* "other" */
	M_OTHER_PAREN,   /* "(other)" */
	M_REPLY,         /* "reply" */
	M_REPLIES,       /* "replies" */
	M_NOT_REPLY,     /* "not a reply" */
	M_NOT_REPLY_PL,  /* "not replies" */
	M_BYTE,          /* "byte" */
	M_BYTES,         /* "bytes" */
	M_IN,            /* "%s in %s" ("6 replies" "in" "812 bytes") */
	M_OFFSET,        /* "Offset" */
	M_FILE,          /* "File" */
	M_ACTION_COL,    /* "Action" column of parse's table */
	M_REASON_COL,    /* "Reason" */
	M_NAME_COL,      /* "Meaning" */
	M_TEXT_COL,      /* "Text" */
	M_DOMAIN,        /* "Remote domain" */
	M_VERDICT,       /* "Verdict" */
	M_RECIPIENTS,    /* "recipient" / used for bounce */
	M_COUNT
};

/* The text of a message in `lang` ("en", "fr", "ja", "ko"...). Never
 * NULL. */
const char *msg(enum msg id, const char *lang);
/* The singular or plural form for n: msg_n(M_REPLY, 1, "en") is "reply",
 * msg_n(M_REPLY, 2, "en") "replies" (French counts 0 and 1 as one). */
const char *msg_n(enum msg singular, unsigned long long n, const char *lang);

#endif
