/* args.c - option parsing: long and short options anywhere among the
 * operands ("compare 235 500 --lang ko"), "--name=value" and "--name value",
 * "-x value" and "-xvalue", "--" ends the options, "-" is an operand. */
#include "cli.h"

#include <stdarg.h>
#include <string.h>

void args_init(struct args *a, int argc, char **argv, const char *cmd)
{
	a->argc = argc;
	a->argv = argv;
	a->i = 1;
	a->only_operands = 0;
	a->cmd = cmd;
}

int usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fflush(out);
	if (cmd)
		fprintf(stderr, "%s %s: ", prog, cmd);
	else
		fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (cmd)
		fprintf(stderr, "\nTry '%s %s --help'.\n", prog, cmd);
	else
		fprintf(stderr, "\nTry '%s --help'.\n", prog);
	return RC_USAGE;
}

static const struct opt *find_long(const struct opt *opts, const char *name,
                                   size_t n)
{
	const struct opt *hit = NULL;
	int hits = 0;

	for (const struct opt *o = opts; o->name; o++) {
		if (strlen(o->name) == n && strncmp(o->name, name, n) == 0)
			return o; /* exact */
		if (strncmp(o->name, name, n) == 0) {
			/* an unambiguous prefix; aliases of one id count once */
			if (hit == NULL || hit->id != o->id)
				hits++;
			hit = o;
		}
	}
	return hits == 1 ? hit : NULL;
}

int args_next(struct args *a, const struct opt *opts, const char **value)
{
	*value = NULL;
	if (a->i >= a->argc)
		return ARGS_END;
	char *arg = a->argv[a->i++];

	if (a->only_operands || arg[0] != '-' || arg[1] == '\0') {
		*value = arg;
		return ARGS_OPERAND;
	}
	if (strcmp(arg, "--") == 0) {
		a->only_operands = 1;
		return args_next(a, opts, value);
	}
	if (arg[1] == '-') {
		const char *name = arg + 2, *eq = strchr(name, '=');
		size_t n = eq ? (size_t)(eq - name) : strlen(name);
		const struct opt *o = find_long(opts, name, n);
		if (o == NULL)
			return usage_error(a->cmd, "unknown option '--%.*s'", (int)n,
			                   name), ARGS_ERROR;
		if (o->has_arg == 0 && eq)
			return usage_error(a->cmd, "option '--%s' takes no value",
			                   o->name), ARGS_ERROR;
		if (o->has_arg == 1 && !eq) {
			if (a->i >= a->argc)
				return usage_error(a->cmd,
				                   "option '--%s' needs a value",
				                   o->name), ARGS_ERROR;
			*value = a->argv[a->i++];
		} else if (eq) {
			*value = eq + 1;
		}
		return o->id;
	}
	/* A negative number is not an option: "explain -5" is an operand. */
	if (arg[1] >= '0' && arg[1] <= '9') {
		*value = arg;
		return ARGS_OPERAND;
	}
	for (const struct opt *o = opts; o->name; o++) {
		if (o->short_name == 0 || o->short_name != arg[1])
			continue;
		if (o->has_arg == 1) {
			if (arg[2]) {
				*value = arg + 2;
			} else if (a->i < a->argc) {
				*value = a->argv[a->i++];
			} else {
				return usage_error(a->cmd, "option '-%c' needs a value",
				                   arg[1]), ARGS_ERROR;
			}
		} else if (arg[2]) {
			return usage_error(a->cmd, "unknown option '%s'", arg),
			       ARGS_ERROR;
		}
		return o->id;
	}
	return usage_error(a->cmd, "unknown option '%s'", arg), ARGS_ERROR;
}

int strcasecmp_ascii(const char *a, const char *b)
{
	for (;; a++, b++) {
		int x = (unsigned char)*a, y = (unsigned char)*b;
		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y || x == 0)
			return x - y;
	}
}
