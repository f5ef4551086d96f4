/* cmd_list.c - `smtpreply list`: the whole explanation table. */
#include "cmd.h"
#include "opt.h"
#include "render.h"

#include <string.h>

enum { OPT_CODES = 1, OPT_ENHANCED, OPT_CLASSES, OPT_PROVIDERS, OPT_VERBOSE };

static const struct opt list_opts[] = {
	{"codes", 'c', 0, OPT_CODES, NULL, H_OPT_CODES},
	{"enhanced", 'e', 0, OPT_ENHANCED, NULL, H_OPT_ENHANCED},
	{"classes", 0, 0, OPT_CLASSES, NULL, H_OPT_CLASSES},
	{"providers", 'p', 0, OPT_PROVIDERS, NULL, H_OPT_PROVIDERS},
	{"verbose", 'v', 0, OPT_VERBOSE, NULL, H_OPT_VERBOSE},
	OPT_SHARED,
	OPT_END,
};

static const struct help list_help = {H_LIST_USAGE, H_LIST_ABOUT, H_NONE};

static int wanted(unsigned f, unsigned filter)
{
	if (filter == 0)
		return 1;
	if ((filter & (1u << OPT_PROVIDERS)) && (f & SMTPREPLY_X_PROVIDER))
		return 1;
	if (f & SMTPREPLY_X_PROVIDER)
		return 0;
	if ((filter & (1u << OPT_CLASSES)) &&
	    (f & (SMTPREPLY_X_CLASS | SMTPREPLY_X_CATEGORY | SMTPREPLY_X_SUBJECT)))
		return 1;
	if (f & (SMTPREPLY_X_CLASS | SMTPREPLY_X_CATEGORY | SMTPREPLY_X_SUBJECT))
		return 0;
	if ((filter & (1u << OPT_CODES)) && (f & SMTPREPLY_X_REPLY))
		return 1;
	if ((filter & (1u << OPT_ENHANCED)) && (f & SMTPREPLY_X_ENHANCED))
		return 1;
	return 0;
}

int cmd_list(int argc, char **argv)
{
	struct run run;
	struct args a;
	const char *v;
	unsigned filter = 0;
	int id, verbose = 0;

	run_init(&run, "list");
	args_init(&a, argc, argv, "list");
	while ((id = args_next(&a, list_opts, &v)) != ARGS_END) {
		switch (id) {
		case ARGS_ERROR:
			return RC_USAGE;
		case ARGS_OPERAND:
			return usage_error("list", M_E_OPERAND, v);
		case OPT_HELP:
			opt_help(&run, &list_help, list_opts);
			return RC_OK;
		case OPT_CODES:
		case OPT_ENHANCED:
		case OPT_CLASSES:
		case OPT_PROVIDERS:
			filter |= 1u << id;
			break;
		case OPT_VERBOSE:
			verbose = 1;
			break;
		default:
			if (run_option(&run, id, v))
				return RC_USAGE;
		}
	}
	run_finish(&run);
	const struct render *out = render_for(&run);
	for (size_t i = 0, n = smtpreply_expl_count(); i < n; i++) {
		const smtpreply_expl *e = smtpreply_expl_at(i);
		if (wanted(smtpreply_expl_flags(e), filter))
			out->entry(&run, e, verbose);
	}
	return RC_OK;
}
