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
	/* The reference website (smtpreply site, compare --html). */
	M_SITE_TITLE,
	M_JOIN_TAIL, /* ": %s" after a label already written */
	M_SITE_HOME,
	M_SITE_REPLY_CODES,
	M_SITE_ENHANCED,
	M_SITE_PROVIDERS,
	M_SITE_REASONS,
	M_SITE_COMPARISONS,
	M_SITE_SEARCH,
	M_SITE_SEARCH_HINT,
	M_SITE_NO_RESULTS,
	M_SITE_AFTER,
	M_SITE_BY_COMMAND,
	M_SITE_CONFUSED,
	M_SITE_SOURCE,
	M_SITE_LANGUAGES,
	M_SITE_SKIP,
	M_SITE_GENERATED,
	M_SITE_NONSTANDARD,
	M_SITE_SEE_ALSO,
	M_SITE_CLASS_OF,
	M_SITE_ALL_PAIRS,
	M_SITE_REGISTRY,
	M_SITE_EXPLAIN_TITLE,
	M_SITE_EXPLAIN_INTRO,
	M_SITE_PASTE,
	M_SITE_COMMAND,
	M_SITE_ANY_COMMAND,
	M_SITE_EXPLAIN_BUTTON,
	M_SITE_NEEDS_SCRIPT,
	M_SITE_VERDICT,
	M_SITE_CONFIDENCE,
	M_SITE_NOT_REPLY,
	M_SITE_PROVIDER_NOTE,
	M_COUNT
};

/* The text of a message in `lang` ("en", "fr", "ja", "ko"...). Never
 * NULL. */
const char *msg(enum msg id, const char *lang);
/* The singular or plural form for n: msg_n(M_REPLY, 1, "en") is "reply",
 * msg_n(M_REPLY, 2, "en") "replies" (French counts 0 and 1 as one). */
const char *msg_n(enum msg singular, unsigned long long n, const char *lang);

#endif
