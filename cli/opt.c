/* opt.c - option tables, parsing, the shared group, generated help, and
 * the settled options (struct run). */
#include "opt.h"

#include "msg.h"
#include "term.h"

#include "smtpreply.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char prog[] = "smtpreply";
static FILE *std_out;
static char out_buf[1 << 16];
static const char *msg_lang = "en"; /* help and diagnostics: opt_lang_init */

FILE *run_stdout(void)
{
	std_out = stdout;
	setvbuf(std_out, out_buf, _IOFBF, sizeof out_buf);
	return std_out;
}

int run_flush(FILE *f)
{
	if (fflush(f) != 0 || ferror(f)) {
		int e = errno;
		fprintf(stderr, "%s: ", prog);
		fprintf(stderr, msg(M_E_WRITE, msg_lang), msg_errno(e, msg_lang));
		fputc('\n', stderr);
		return RC_USAGE;
	}
	return 0;
}

void args_init(struct args *a, int argc, char **argv, const char *cmd)
{
	a->argc = argc;
	a->argv = argv;
	a->i = 1;
	a->only_operands = 0;
	a->cmd = cmd;
}

static const char *env_locale(void);

void opt_lang_init(int argc, char **argv)
{
	const char *tag = NULL;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0)
			break;
		if (strncmp(a, "--la", 4) == 0 && strncmp(a + 2, "lang", strcspn(a + 2, "=")) == 0) {
			/* --lang, --lan, --la (unambiguous prefixes), =value or next */
			const char *eq = strchr(a, '=');
			if (eq)
				tag = eq + 1;
			else if (i + 1 < argc)
				tag = argv[++i];
		} else if (a[0] == '-' && a[1] == 'L') {
			if (a[2])
				tag = a + 2;
			else if (i + 1 < argc)
				tag = argv[++i];
		}
	}
	if (tag == NULL || *tag == '\0')
		tag = env_locale();
	msg_lang = smtpreply_language_match(tag ? tag : "en");
}

const char *opt_lang(void)
{
	return msg_lang;
}

/* "smtpreply CMD: " and the message, with its arguments. */
static void vsay(const char *cmd, enum msg id, va_list ap)
{
	char text[1024];

	vsnprintf(text, sizeof text, msg(id, msg_lang), ap); /* NOLINT(clang-analyzer-valist.Uninitialized): a false positive of clang-tidy 14 when it checks several files in one run */
	if (cmd)
		fprintf(stderr, "%s %s: %s\n", prog, cmd, text);
	else
		fprintf(stderr, "%s: %s\n", prog, text);
}

int usage_error(const char *cmd, enum msg id, ...)
{
	va_list ap;

	if (std_out)
		fflush(std_out);
	va_start(ap, id);
	vsay(cmd, id, ap);
	va_end(ap);
	if (cmd)
		fprintf(stderr, msg(M_TRY_CMD, msg_lang), cmd);
	else
		fputs(msg(M_TRY, msg_lang), stderr);
	fputc('\n', stderr);
	return RC_USAGE;
}

void run_error(const struct run *run, enum msg id, ...)
{
	va_list ap;

	if (run->out)
		fflush(run->out);
	va_start(ap, id);
	vsay(run->cmd, id, ap);
	va_end(ap);
}

void run_file_error(const struct run *run, const char *path, int err)
{
	run_error(run, M_E_FILE, path ? path : msg(M_STDIN, msg_lang),
	          msg_errno(err, msg_lang));
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
			return usage_error(a->cmd, M_E_UNKNOWN_LONG, (int)n,
			                   name), ARGS_ERROR;
		if (o->has_arg == 0 && eq)
			return usage_error(a->cmd, M_E_NO_VALUE, o->name), ARGS_ERROR;
		if (o->has_arg == 1 && !eq) {
			if (a->i >= a->argc)
				return usage_error(a->cmd, M_E_NEEDS_VALUE,
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
				return usage_error(a->cmd, M_E_NEEDS_SHORT,
				                   arg[1]), ARGS_ERROR;
			}
		} else if (arg[2]) {
			return usage_error(a->cmd, M_E_UNKNOWN_OPT, arg),
			       ARGS_ERROR;
		}
		return o->id;
	}
	return usage_error(a->cmd, M_E_UNKNOWN_OPT, arg), ARGS_ERROR;
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

/* ---------------------------------------------------------------------
 * The shared group and struct run.
 * --------------------------------------------------------------------- */

void run_init(struct run *run, const char *cmd)
{
	memset(run, 0, sizeof *run);
	run->cmd = cmd;
	run->color_flag = -1;
	run->out = std_out ? std_out : stdout;
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

int run_option(struct run *run, int id, const char *value)
{
	switch (id) {
	case OPT_LANG: {
		if (value == NULL || *value == '\0')
			return usage_error(run->cmd, M_E_LANG_TAG);
		run->lang = smtpreply_language_match(value);
		run->lang_given = 1;
		/* Say so when a language was asked for that we do not have. */
		if (strcmp(run->lang, "en") != 0 ||
		    (value[0] == 'e' || value[0] == 'E') ||
		    strcmp(value, "C") == 0 || strcmp(value, "POSIX") == 0)
			return 0;
		fprintf(stderr, "%s: ", prog);
		fprintf(stderr, msg(M_W_NO_LANG, msg_lang), value);
		fputc('\n', stderr);
		return 0;
	}
	case OPT_JSON:
		run->format = FMT_JSON;
		return 0;
	case OPT_COLOR:
		if (value == NULL || strcmp(value, "always") == 0 ||
		    strcmp(value, "yes") == 0 || strcmp(value, "force") == 0)
			run->color_flag = 1;
		else if (strcmp(value, "never") == 0 || strcmp(value, "no") == 0 ||
		         strcmp(value, "none") == 0)
			run->color_flag = 0;
		else if (strcmp(value, "auto") == 0 || strcmp(value, "tty") == 0)
			run->color_flag = -1;
		else
			return usage_error(run->cmd, M_E_COLOR);
		return 0;
	case OPT_NO_COLOR:
		run->color_flag = 0;
		return 0;
	default:
		return usage_error(run->cmd, M_E_INTERNAL, id);
	}
}

void run_finish(struct run *run)
{
	int json = run->format == FMT_JSON;

	if (!run->lang_given) {
		/* The environment's language is for people: JSON output, a
		 * contract for scripts, stays English unless --lang says so. */
		const char *env = json ? NULL : env_locale();
		run->lang = smtpreply_language_match(env ? env : "en");
	}
	run->tty = term_is_tty(STDOUT_FILENO);
	run->color = term_color(run->color_flag, STDOUT_FILENO, run->format != FMT_TEXT);
	run->width = run->tty ? term_columns(STDOUT_FILENO) : 0;
}

/* ---------------------------------------------------------------------
 * Help from the tables.
 * --------------------------------------------------------------------- */

static void help_line(FILE *f, const struct opt *o)
{
	char left[64];
	int n;

	if (o->short_name)
		n = snprintf(left, sizeof left, "  -%c, --%s", o->short_name, o->name);
	else
		n = snprintf(left, sizeof left, "      --%s", o->name);
	if (o->arg && n > 0 && (size_t)n < sizeof left)
		snprintf(left + n, sizeof left - (size_t)n,
		         o->has_arg == 2 ? "[=%s]" : " %s", o->arg);
	fputs(left, f);
	n = (int)strlen(left);
	if (n >= 22) {
		fputc('\n', f);
		n = 0;
	}
	fprintf(f, "%*s", 23 - n, "");
	for (const char *p = msg_help(o->help, msg_lang); *p; p++) {
		fputc(*p, f);
		if (*p == '\n' && p[1])
			fprintf(f, "%23s", "");
	}
	fputc('\n', f);
}

void opt_help(const struct run *run, const struct help *h,
              const struct opt *opts)
{
	FILE *f = run->out;

	fprintf(f, "%s\n", msg_help(h->usage, msg_lang));
	if (h->about != H_NONE)
		fprintf(f, "\n%s", msg_help(h->about, msg_lang));
	fputs(msg_help(H_OPTIONS, msg_lang), f);
	for (const struct opt *o = opts; o->name; o++)
		if (o->help != H_NONE)
			help_line(f, o);
	if (h->after != H_NONE)
		fprintf(f, "\n%s", msg_help(h->after, msg_lang));
}

/* ---------------------------------------------------------------------
 * Progress.
 * --------------------------------------------------------------------- */

static struct progress progress;
static const char *progress_lang;

void run_progress_init(const struct run *run, int enabled)
{
	progress_init(&progress, enabled);
	(void)run;
	progress_lang = msg_lang; /* standard error is for people, even with --json */
}

void run_progress(const struct run *run, unsigned long long bytes,
                  unsigned long long replies, unsigned long long errors)
{
	char b[32], r[32], line[256];

	(void)run;
	if (!progress_due(&progress))
		return;
	double t = progress_elapsed(&progress);
	term_human_bytes(b, sizeof b, (double)bytes);
	term_human_bytes(r, sizeof r, t > 0 ? (double)bytes / t : 0);
	snprintf(line, sizeof line, "%s: %s, %llu %s, %llu %s, %s/s", prog, b,
	         replies, msg_n(M_REPLY, replies, progress_lang), errors,
	         msg_n(M_NOT_REPLY, errors, progress_lang), r);
	progress_show(&progress, line);
}

void run_progress_done(void)
{
	progress_done(&progress);
}
