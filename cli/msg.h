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
	M_NO_REPLY,      /* "failure without a reply" */
	M_NO_REPLY_PL,   /* "failures without a reply" */
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
	/* Diagnostics on standard error: usage errors, the hint after them,
	 * runtime errors. printf formats: every language takes the same
	 * conversions in the same order (tests/test_cli.py checks). */
	M_TRY,               /* "Try 'smtpreply --help'." */
	M_TRY_CMD,           /* "Try 'smtpreply %s --help'." */
	M_E_UNKNOWN_LONG,    /* "unknown option '--%.*s'" */
	M_E_UNKNOWN_OPT,     /* "unknown option '%s'" */
	M_E_NO_VALUE,        /* "option '--%s' takes no value" */
	M_E_NEEDS_VALUE,     /* "option '--%s' needs a value" */
	M_E_NEEDS_SHORT,     /* "option '-%c' needs a value" */
	M_E_LANG_TAG,        /* "--lang needs a language tag" */
	M_W_NO_LANG,         /* "no explanations in '%s'; using English" */
	M_E_COLOR,           /* "--color takes auto, always or never" */
	M_E_INTERNAL,        /* "internal error: option %d" */
	M_E_WRITE,           /* "write error: %s" */
	M_E_WHICH_COMMAND,   /* "which command? e.g. ..." */
	M_E_NO_SUCH_COMMAND, /* "no such command '%s'" */
	M_E_AFTER,           /* "unknown command '%s' for --after" */
	M_E_EMPTY_OPERAND,   /* "an empty operand: which code? ..." */
	M_E_STDIN_EMPTY,     /* "nothing on standard input" */
	M_E_WHICH_CODE,      /* "which code? e.g. ..." */
	M_E_HTML_COMPARE,    /* "--html goes with compare (...)" */
	M_E_TWO_CODES,       /* "give two codes, e.g. ..." */
	M_E_OPERAND,         /* "unexpected operand '%s'" */
	M_E_LIMIT,           /* "%s takes a number from 1 to %u" */
	M_E_INPUT,           /* "--input takes raw, log, dsn or transcript" */
	M_E_FILE,            /* "%s: %s" (a file and what went wrong) */
	M_STDIN,             /* "standard input" (in place of a file name) */
	M_E_CMDS_STDIN,      /* "%s: commands cannot come from standard input" */
	M_E_READING,         /* "error reading %s" */
	M_E_ONE_FOLDER,      /* "one folder, please" */
	M_E_WHERE,           /* "where? e.g. 'smtpreply site build/site'" */
	M_E_EMPTY_FILE,      /* "empty or unreadable" */
	M_NOT_CODE_WORD,     /* explain of a word: what it is not (the
	                      * library's not-a-code entry says "this number") */
	M_COUNT
};

/* The text of a message in `lang` ("en", "fr", "ja", "ko"...). Never
 * NULL. */
const char *msg(enum msg id, const char *lang);
/* The singular or plural form for n: msg_n(M_REPLY, 1, "en") is "reply",
 * msg_n(M_REPLY, 2, "en") "replies" (French counts 0 and 1 as one). */
const char *msg_n(enum msg singular, unsigned long long n, const char *lang);
/* What an errno value means, in `lang`: English is the C library's
 * strerror; the common file errors are translated; err 0 is "empty or
 * unreadable". */
const char *msg_errno(int err, const char *lang);
/* 0 en, 1 fr, 2 ja, 3 ko: the column of a language in msg.c's and
 * msg_help.c's tables (anything else is English). */
int msg_lang_index(const char *lang);

/* Help texts (msg_help.c): the usage lines, descriptions and option help
 * lines of `smtpreply --help` and of each command's --help. Usage lines,
 * option names, command names, metavariables (FILE, CODE...), examples
 * and JSON keys stay as they are in every language. */
enum help_id {
	H_NONE, /* an option without a help line (an alias) */
	H_OPTIONS, /* "\nOptions:\n" */
	/* Option help lines ("\n" continues at the help column). */
	H_OPT_LANG, H_OPT_JSON, H_OPT_COLOR, H_OPT_HELP,
	H_OPT_EXPLAIN_AFTER, H_OPT_HTML,
	H_OPT_CODES, H_OPT_ENHANCED, H_OPT_CLASSES, H_OPT_PROVIDERS,
	H_OPT_VERBOSE,
	H_OPT_PARSE_AFTER, H_OPT_INPUT, H_OPT_COMMANDS, H_OPT_STRICT,
	H_OPT_SUMMARY, H_OPT_MAX_LINE, H_OPT_MAX_LINES, H_OPT_MAX_REPLY,
	H_OPT_PROGRESS, H_OPT_NO_PROGRESS,
	H_OPT_WASM, H_OPT_SITE_LANG,
	/* A command's usage lines, the text before its options and after. */
	H_EXPLAIN_USAGE, H_EXPLAIN_ABOUT, H_EXPLAIN_AFTER,
	H_COMPARE_USAGE, H_COMPARE_ABOUT, H_COMPARE_AFTER,
	H_PARSE_USAGE, H_PARSE_ABOUT, H_PARSE_AFTER,
	H_STATS_USAGE, H_STATS_ABOUT, H_STATS_AFTER,
	H_BOUNCE_USAGE, H_BOUNCE_ABOUT, H_BOUNCE_AFTER,
	H_LIST_USAGE, H_LIST_ABOUT,
	H_SITE_USAGE, H_SITE_ABOUT, H_SITE_AFTER,
	/* `smtpreply --help`: the head, one line per command, the rest. */
	H_TOP_HEAD,
	H_TOP_EXPLAIN, H_TOP_COMPARE, H_TOP_PARSE, H_TOP_STATS, H_TOP_BOUNCE,
	H_TOP_LIST, H_TOP_SITE,
	H_TOP_TAIL,
	H_COUNT
};

/* The help text `id` in `lang`; never NULL ("" for H_NONE). */
const char *msg_help(enum help_id id, const char *lang);

#endif
