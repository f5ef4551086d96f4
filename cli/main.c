/* main.c - the smtpreply command: dispatch, version, shared options. */
#include "cli.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *prog = "smtpreply";

static const char usage_text[] =
	"Usage: smtpreply COMMAND [OPTION...] [ARG...]\n"
	"\n"
	"Parse SMTP server replies and explain them.\n"
	"\n"
	"Commands:\n"
	"  explain CODE...      what a reply code, an enhanced code or a whole\n"
	"                       reply line means, and what to do about it\n"
	"  compare A B          two codes side by side, with the key differences\n"
	"  parse [FILE...]      find and classify every reply in a capture or\n"
	"                       transcript of what a server sent (stdin: -)\n"
	"  stats [FILE...]      counts of a capture's replies (parse --summary)\n"
	"  list                 the whole explanation table\n"
	"  help [COMMAND]       this text, or a command's\n"
	"\n"
	"Options for every command:\n"
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
	"See smtpreply(1).\n";

static int print_version(void)
{
	fprintf(out, "smtpreply %s (libsmtpreply %s)\n", SMTPREPLY_VERSION,
	        smtpreply_version());
	fprintf(out, "languages:");
	for (size_t i = 0; smtpreply_language(i); i++)
		fprintf(out, " %s", smtpreply_language(i));
	fputc('\n', out);
	return out_finish();
}

void common_init(struct common *c)
{
	memset(c, 0, sizeof *c);
	c->lang = NULL;
	c->color = -1; /* auto */
}

static const char *env_locale(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return v;
	}
	return NULL;
}

int common_option(struct common *c, int id, const char *value, const char *cmd)
{
	switch (id) {
	case OPT_LANG: {
		if (value == NULL || *value == '\0')
			return usage_error(cmd, "--lang needs a language tag");
		c->lang = smtpreply_language_match(value);
		c->lang_given = 1;
		/* Say so when a language was asked for that we do not have. */
		if (strcmp(c->lang, "en") != 0 ||
		    (value[0] == 'e' || value[0] == 'E') ||
		    strcmp(value, "C") == 0 || strcmp(value, "POSIX") == 0)
			return 0;
		fprintf(stderr, "%s: no explanations in '%s'; using English\n",
		        prog, value);
		return 0;
	}
	case OPT_JSON:
		c->json = 1;
		return 0;
	case OPT_COLOR:
		if (value == NULL || strcmp(value, "always") == 0 ||
		    strcmp(value, "yes") == 0 || strcmp(value, "force") == 0)
			c->color = 1;
		else if (strcmp(value, "never") == 0 || strcmp(value, "no") == 0 ||
		         strcmp(value, "none") == 0)
			c->color = 0;
		else if (strcmp(value, "auto") == 0 || strcmp(value, "tty") == 0)
			c->color = -1;
		else
			return usage_error(cmd, "--color takes auto, always or never");
		return 0;
	case OPT_NO_COLOR:
		c->color = 0;
		return 0;
	default:
		return usage_error(cmd, "internal error: option %d", id);
	}
}

void common_finish(struct common *c)
{
	const char *no_color = getenv("NO_COLOR");

	if (!c->lang_given) {
		/* The environment's language is for people: JSON output, a
		 * contract for scripts, stays English unless --lang says so. */
		const char *env = c->json ? NULL : env_locale();
		c->lang = smtpreply_language_match(env ? env : "en");
	}
	if (c->json || (no_color && *no_color))
		c->color = 0;
	else if (c->color < 0)
		c->color = out_is_tty();
	style_enable(c->color);
}

static int help_for(const char *cmd)
{
	static char help[] = "--help";
	char *argv[] = {NULL, help, NULL};

	if (cmd == NULL) {
		fputs(usage_text, out);
		return out_finish();
	}
	argv[0] = (char *)(uintptr_t)cmd;
	if (strcmp(cmd, "explain") == 0)
		return cmd_explain(2, argv);
	if (strcmp(cmd, "compare") == 0)
		return cmd_compare(2, argv);
	if (strcmp(cmd, "parse") == 0)
		return cmd_parse(2, argv, 0);
	if (strcmp(cmd, "stats") == 0)
		return cmd_parse(2, argv, 1);
	if (strcmp(cmd, "list") == 0)
		return cmd_list(2, argv);
	return usage_error(NULL, "no such command '%s'", cmd);
}

int main(int argc, char **argv)
{
	out_init();
	if (argc < 2) {
		fputs(usage_text, stderr);
		return RC_USAGE;
	}
	const char *cmd = argv[1];
	int rc;

	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0)
		return help_for(NULL);
	if (strcmp(cmd, "help") == 0)
		return help_for(argc > 2 ? argv[2] : NULL);
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0 ||
	    strcmp(cmd, "version") == 0)
		return print_version();
	if (strcmp(cmd, "explain") == 0)
		rc = cmd_explain(argc - 1, argv + 1);
	else if (strcmp(cmd, "compare") == 0)
		rc = cmd_compare(argc - 1, argv + 1);
	else if (strcmp(cmd, "parse") == 0)
		rc = cmd_parse(argc - 1, argv + 1, 0);
	else if (strcmp(cmd, "stats") == 0)
		rc = cmd_parse(argc - 1, argv + 1, 1);
	else if (strcmp(cmd, "list") == 0)
		rc = cmd_list(argc - 1, argv + 1);
	else if (cmd[0] == '-')
		return usage_error(NULL, "unknown option '%s' (options follow the command)",
		                   cmd);
	else
		return usage_error(NULL, "no such command '%s'", cmd);
	int wrc = out_finish();
	return wrc ? wrc : rc;
}
