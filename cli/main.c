/* main.c - the smtpreply command: a dispatch table, the top-level help and
 * version, the stdout set-up and the final write check. Everything else
 * is in the cmd_*.c files (see cmd.h). */
#include "cmd.h"
#include "opt.h"

#include "smtpreply.h"

#include <stdlib.h>
#include <string.h>

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary; /* the line in the top-level help */
} commands[] = {
	{"explain", cmd_explain,
	 "explain CODE...      what a reply code, an enhanced code or a whole\n"
	 "                       reply line means, and what to do about it"},
	{"compare", cmd_compare,
	 "compare A B          two codes side by side, with the key differences"},
	{"parse", cmd_parse,
	 "parse [FILE...]      find and classify every reply in a capture of\n"
	 "                       what a server sent (stdin: -)"},
	{"stats", cmd_stats,
	 "stats [FILE...]      counts of a capture's replies (parse --summary)"},
	{"bounce", cmd_bounce,
	 "bounce [FILE|DIR...]  the failed recipients of bounce messages (.eml,\n"
	 "                       mbox, Maildir) with the reply behind each"},
	{"list", cmd_list, "list                 the whole explanation table"},
	{"site", cmd_site,
	 "site DIR             the reference as a static website: a page per\n"
	 "                       code and \"A vs B\" pages, in four languages"},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const struct opt top_opts[] = {OPT_SHARED, OPT_END};

static void usage(FILE *f)
{
	fputs("Usage: smtpreply [OPTION...] COMMAND [OPTION...] [ARG...]\n"
	      "\n"
	      "Parse SMTP server replies and explain them.\n"
	      "\n"
	      "Commands:\n",
	      f);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %s\n", commands[i].summary);
	fputs("  help [COMMAND]       this text, or a command's\n"
	      "\n"
	      "Options for every command (before or after it):\n"
	      "  -L, --lang LANG      language of explanations (en, fr, ja, ko...);\n"
	      "                       default from LC_ALL, LC_MESSAGES, LANG\n"
	      "  -j, --json           JSON output (JSON Lines for parse)\n"
	      "      --color[=WHEN]   colour: auto (default), always, never\n"
	      "  -h, --help           help for the command\n"
	      "      --version        the version of smtpreply and libsmtpreply\n"
	      "\n"
	      "Exit status: 0 every input was a reply (or a code), 1 some input was\n"
	      "not, 2 usage error or unreadable input.\n"
	      "\n"
	      "Examples:\n"
	      "  smtpreply explain 550 5.7.26\n"
	      "  smtpreply explain --after RCPT '550 5.1.1 <a@b>: User unknown'\n"
	      "  smtpreply compare 235 500\n"
	      "  smtpreply parse --json capture.txt\n"
	      "\n"
	      "See smtpreply(1).\n",
	      f);
}

static int print_version(FILE *out)
{
	fprintf(out, "smtpreply %s (libsmtpreply %s)\n", SMTPREPLY_VERSION,
	        smtpreply_version());
	fprintf(out, "languages:");
	for (size_t i = 0; smtpreply_language(i); i++)
		fprintf(out, " %s", smtpreply_language(i));
	fputc('\n', out);
	return 0;
}

static const struct command *find(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* "smtpreply --lang ko explain 550": the shared options before the command
 * move after it. Returns the index of the command in argv, or argc. */
static int leading_options(int argc, char **argv, int *bad)
{
	int i = 1;
	*bad = 0;
	while (i < argc && argv[i][0] == '-' && argv[i][1] != '\0') {
		const char *a = argv[i];
		const struct opt *o = NULL;
		for (const struct opt *t = top_opts; t->name && !o; t++) {
			size_t n = strlen(t->name);
			if ((a[1] == '-' && strncmp(a + 2, t->name, n) == 0 &&
			     (a[2 + n] == '\0' || a[2 + n] == '=')) ||
			    (a[1] != '-' && t->short_name && a[1] == t->short_name))
				o = t;
		}
		if (o == NULL || o->id == OPT_HELP) {
			*bad = o == NULL;
			return i;
		}
		/* a value in the next argument */
		int sep = o->has_arg == 1 &&
		          ((a[1] == '-' && strchr(a, '=') == NULL) ||
		           (a[1] != '-' && a[2] == '\0'));
		i += sep ? 2 : 1;
	}
	return i;
}

int main(int argc, char **argv)
{
	FILE *out = run_stdout();
	int bad;

	if (argc < 2) {
		usage(stderr);
		return RC_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(out);
		return run_flush(out);
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0 ||
	    strcmp(argv[1], "version") == 0) {
		print_version(out);
		return run_flush(out);
	}
	int at = leading_options(argc, argv, &bad);
	if (at >= argc || bad) {
		if (at >= argc)
			return usage_error(NULL, "which command? e.g. 'smtpreply explain 550'");
		return usage_error(NULL, "unknown option '%s'", argv[at]);
	}
	if (at > 1) {
		/* argv = prog OPTS... CMD ARGS... -> prog CMD OPTS... ARGS... */
		char *cmd = argv[at];
		memmove(argv + 2, argv + 1, (size_t)(at - 1) * sizeof *argv);
		argv[1] = cmd;
	}
	const char *name = argv[1];
	if (strcmp(name, "help") == 0) {
		static char help[] = "--help";
		char *hargv[] = {argv[1], help, NULL};
		const struct command *c = argc > 2 ? find(argv[2]) : NULL;
		if (argc > 2 && c == NULL)
			return usage_error(NULL, "no such command '%s'", argv[2]);
		if (c == NULL) {
			usage(out);
			return run_flush(out);
		}
		hargv[0] = argv[2];
		int rc = c->run(2, hargv);
		int wrc = run_flush(out);
		return wrc ? wrc : rc;
	}
	const struct command *c = find(name);
	if (c == NULL)
		return usage_error(NULL, "no such command '%s'", name);
	int rc = c->run(argc - 1, argv + 1);
	int wrc = run_flush(out);
	return wrc ? wrc : rc;
}
