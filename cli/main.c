/* main.c - the smtpreply command: a dispatch table, the top-level help and
 * version, the stdout set-up and the final write check. Everything else
 * is in the cmd_*.c files (see cmd.h). */
#include "cmd.h"
#include "msg.h"
#include "opt.h"

#include "smtpreply.h"

#include <stdlib.h>
#include <string.h>

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	enum help_id summary; /* the line in the top-level help */
} commands[] = {
	{"explain", cmd_explain, H_TOP_EXPLAIN},
	{"compare", cmd_compare, H_TOP_COMPARE},
	{"parse", cmd_parse, H_TOP_PARSE},
	{"stats", cmd_stats, H_TOP_STATS},
	{"bounce", cmd_bounce, H_TOP_BOUNCE},
	{"list", cmd_list, H_TOP_LIST},
	{"site", cmd_site, H_TOP_SITE},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const struct opt top_opts[] = {OPT_SHARED, OPT_END};

static void usage(FILE *f)
{
	const char *lang = opt_lang();

	fputs(msg_help(H_TOP_HEAD, lang), f);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %s\n", msg_help(commands[i].summary, lang));
	fputs(msg_help(H_TOP_TAIL, lang), f);
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

	opt_lang_init(argc, argv);

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
	if (at < argc && !bad &&
	    (strcmp(argv[at], "--help") == 0 || strcmp(argv[at], "-h") == 0)) {
		usage(out); /* "smtpreply --lang fr --help" */
		return run_flush(out);
	}
	if (at >= argc || bad) {
		if (at >= argc)
			return usage_error(NULL, M_E_WHICH_COMMAND);
		return usage_error(NULL, M_E_UNKNOWN_OPT, argv[at]);
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
		/* "help [OPTION...] [COMMAND]": the shared options (--lang) were
		 * read by opt_lang_init; the operand is the command. */
		int k = 1 + leading_options(argc - 1, argv + 1, &bad);
		if (bad)
			return usage_error(NULL, M_E_UNKNOWN_OPT, argv[k]);
		const struct command *c = k < argc ? find(argv[k]) : NULL;
		if (k < argc && c == NULL && argv[k][0] != '-')
			return usage_error(NULL, M_E_NO_SUCH_COMMAND, argv[k]);
		if (c == NULL) {
			usage(out);
			return run_flush(out);
		}
		hargv[0] = argv[k];
		int rc = c->run(2, hargv);
		int wrc = run_flush(out);
		return wrc ? wrc : rc;
	}
	const struct command *c = find(name);
	if (c == NULL)
		return usage_error(NULL, M_E_NO_SUCH_COMMAND, name);
	int rc = c->run(argc - 1, argv + 1);
	int wrc = run_flush(out);
	return wrc ? wrc : rc;
}
