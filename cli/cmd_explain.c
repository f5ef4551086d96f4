/* cmd_explain.c - `smtpreply explain` and `smtpreply compare`: operands in,
 * items out, one render op per item (or pair). */
#include "cmd.h"
#include "model.h"
#include "opt.h"
#include "read.h"
#include "render.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { OPT_AFTER = 1, OPT_HTML };

static const struct opt explain_opts[] = {
	{"after", 'a', 1, OPT_AFTER, "CMD", H_OPT_EXPLAIN_AFTER},
	{"html", 0, 0, OPT_HTML, NULL, H_OPT_HTML},
	OPT_SHARED,
	OPT_END,
};

/* explain's help lists only what explain takes: --html is compare's (the
 * parser above still knows it, to say so). */
static const struct opt explain_help_opts[] = {
	{"after", 'a', 1, OPT_AFTER, "CMD", H_OPT_EXPLAIN_AFTER},
	OPT_SHARED,
	OPT_END,
};

static const struct help explain_help = {
	H_EXPLAIN_USAGE, H_EXPLAIN_ABOUT, H_EXPLAIN_AFTER,
};

static const struct help compare_help = {
	H_COMPARE_USAGE, H_COMPARE_ABOUT, H_COMPARE_AFTER,
};

struct ops {
	struct run run;
	enum smtpreply_command cmd;
	const char **ops;
	size_t nops;
};

/* Options and operands; -1 to go on, else the exit status. */
static int get_opts(int argc, char **argv, const char *name,
                    const struct help *help, struct ops *o)
{
	struct args a;
	const char *v;
	int id;

	memset(o, 0, sizeof *o);
	run_init(&o->run, name);
	o->ops = calloc((size_t)argc + 1, sizeof *o->ops);
	if (o->ops == NULL)
		return RC_USAGE;
	args_init(&a, argc, argv, name);
	while ((id = args_next(&a, explain_opts, &v)) != ARGS_END) {
		switch (id) {
		case ARGS_ERROR:
			return RC_USAGE;
		case ARGS_OPERAND:
			o->ops[o->nops++] = v;
			break;
		case OPT_HELP:
			opt_help(&o->run, help,
			         help == &explain_help ? explain_help_opts : explain_opts);
			return RC_OK;
		case OPT_HTML:
			o->run.format = FMT_HTML;
			break;
		case OPT_AFTER:
			o->cmd = smtpreply_command_parse(v);
			if (o->cmd == SMTPREPLY_CMD_UNKNOWN &&
			    strcasecmp_ascii(v, "unknown") != 0)
				return usage_error(name, M_E_AFTER, v);
			break;
		default:
			if (run_option(&o->run, id, v))
				return RC_USAGE;
		}
	}
	run_finish(&o->run);
	return -1;
}

int cmd_explain(int argc, char **argv)
{
	struct ops o;
	size_t n = 0;
	int rc = get_opts(argc, argv, "explain", &explain_help, &o);

	/* No operand, or "-": what standard input holds (echo "550 ..." |
	 * smtpreply explain). */
	char *in = NULL;
	int want_stdin = rc < 0 && o.nops == 0 && !isatty(STDIN_FILENO);
	for (size_t i = 0; rc < 0 && i < o.nops; i++) {
		if (strcmp(o.ops[i], "-") == 0)
			want_stdin = 1;
		else if (o.ops[i][0] == '\0')
			rc = usage_error("explain", M_E_EMPTY_OPERAND);
	}
	if (rc < 0 && want_stdin) {
		size_t len = 0;
		in = read_all("-", (size_t)1 << 20, &len);
		if (in == NULL || len == 0)
			rc = usage_error("explain", M_E_STDIN_EMPTY);
		else if (o.nops == 0)
			o.ops[o.nops++] = in;
		for (size_t i = 0; i < o.nops && in; i++)
			if (strcmp(o.ops[i], "-") == 0)
				o.ops[i] = in;
	}
	if (rc < 0 && o.nops == 0)
		rc = usage_error("explain", M_E_WHICH_CODE);
	if (rc < 0 && o.run.format == FMT_HTML)
		rc = usage_error("explain", M_E_HTML_COMPARE);
	if (rc >= 0) {
		free(o.ops);
		free(in);
		return rc;
	}
	const struct render *out = render_for(&o.run);
	struct item *items = items_make(o.ops, o.nops, &n, o.cmd, 1);
	rc = items ? RC_OK : RC_USAGE;
	for (size_t i = 0; items && i < n; i++) {
		if (items[i].kind == K_INVALID)
			rc = RC_NOT_REPLY;
		out->item(&o.run, &items[i], items[i].cmd, i);
	}
	items_free(items, n);
	free(o.ops);
	free(in);
	model_free();
	return rc;
}

int cmd_compare(int argc, char **argv)
{
	struct ops o;
	size_t n = 0;
	int rc = get_opts(argc, argv, "compare", &compare_help, &o);

	if (rc >= 0) {
		free(o.ops);
		return rc;
	}
	/* Two operands are the two sides, even "550" and "5.7.1"; four are
	 * two pairs ("compare 550 5.1.1 550 5.7.1"). */
	struct item *items = items_make(o.ops, o.nops, &n, o.cmd, o.nops != 2);
	if (items == NULL || n != 2) {
		items_free(items, n);
		free(o.ops);
		return usage_error("compare", M_E_TWO_CODES);
	}
	rc = items[0].kind == K_INVALID || items[1].kind == K_INVALID
	             ? RC_NOT_REPLY
	             : RC_OK;
	render_for(&o.run)->compare(&o.run, &items[0], &items[1], o.cmd);
	items_free(items, n);
	free(o.ops);
	model_free();
	return rc;
}
