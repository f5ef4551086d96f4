/* cmd_parse.c - `smtpreply parse` and `smtpreply stats`: files in, recs
 * from a reader, each rec to the renderer (parse) or to the counters
 * (stats). */
#include "cmd.h"
#include "opt.h"
#include "read.h"
#include "render.h"
#include "stats.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_CHUNK ((size_t)64 * 1024)

enum {
	OPT_AFTER = 1, OPT_COMMANDS, OPT_STRICT, OPT_SUMMARY, OPT_PROGRESS,
	OPT_NO_PROGRESS, OPT_MAX_LINE, OPT_MAX_LINES, OPT_MAX_REPLY, OPT_INPUT
};

static const struct opt parse_opts[] = {
	{"after", 'a', 1, OPT_AFTER, "CMD", H_OPT_PARSE_AFTER},
	{"input", 'i', 1, OPT_INPUT, "KIND", H_OPT_INPUT},
	{"commands", 'c', 1, OPT_COMMANDS, "FILE", H_OPT_COMMANDS},
	{"strict", 0, 0, OPT_STRICT, NULL, H_OPT_STRICT},
	{"summary", 's', 0, OPT_SUMMARY, NULL, H_OPT_SUMMARY},
	{"max-line", 0, 1, OPT_MAX_LINE, "N", H_OPT_MAX_LINE},
	{"max-lines", 0, 1, OPT_MAX_LINES, "N", H_OPT_MAX_LINES},
	{"max-reply", 0, 1, OPT_MAX_REPLY, "N", H_OPT_MAX_REPLY},
	{"progress", 0, 0, OPT_PROGRESS, NULL, H_OPT_PROGRESS},
	{"no-progress", 0, 0, OPT_NO_PROGRESS, NULL, H_OPT_NO_PROGRESS},
	OPT_SHARED,
	OPT_END,
};

static const struct help parse_help = {
	H_PARSE_USAGE, H_PARSE_ABOUT, H_PARSE_AFTER,
};

static const struct help stats_help = {
	H_STATS_USAGE, H_STATS_ABOUT, H_STATS_AFTER,
};

static const struct help bounce_help = {
	H_BOUNCE_USAGE, H_BOUNCE_ABOUT, H_BOUNCE_AFTER,
};

static int parse_limit(const char *cmd, const char *v, unsigned *dst,
                       const char *name)
{
	char *end;
	errno = 0;
	unsigned long n = strtoul(v, &end, 10);
	if (errno || end == v || *end || n == 0 || n > SMTPREPLY_MAX_REPLY_LIMIT ||
	    v[0] == '-')
		return usage_error(cmd, M_E_LIMIT, name,
		                   SMTPREPLY_MAX_REPLY_LIMIT);
	*dst = (unsigned)n;
	return 0;
}

struct conf {
	struct run run;
	struct smtpreply_options opts;
	enum smtpreply_command after;
	const char *commands;
	enum input input;
	size_t chunk;
	int summary, progress;
	const char **files;
	size_t nfiles;
};

/* -1 to go on, else the exit status. */
static int get_opts(int argc, char **argv, const char *name, struct conf *c)
{
	struct args a;
	const char *v;
	int id, strict = 0;

	args_init(&a, argc, argv, name);
	while ((id = args_next(&a, parse_opts, &v)) != ARGS_END) {
		switch (id) {
		case ARGS_ERROR:
			return RC_USAGE;
		case ARGS_OPERAND:
			c->files[c->nfiles++] = v;
			break;
		case OPT_HELP:
			opt_help(&c->run,
			         strcmp(name, "stats") == 0    ? &stats_help
			         : strcmp(name, "bounce") == 0 ? &bounce_help
			                                       : &parse_help,
			         parse_opts);
			return RC_OK;
		case OPT_AFTER:
			c->after = smtpreply_command_parse(v);
			if (c->after == SMTPREPLY_CMD_UNKNOWN &&
			    strcasecmp_ascii(v, "unknown") != 0)
				return usage_error(name, M_E_AFTER, v);
			break;
		case OPT_COMMANDS:
			c->commands = v;
			break;
		case OPT_INPUT:
			c->input = input_parse(v);
			if ((int)c->input < 0)
				return usage_error(name, M_E_INPUT);
			break;
		case OPT_STRICT:
			strict = 1;
			break;
		case OPT_SUMMARY:
			c->summary = 1;
			break;
		case OPT_PROGRESS:
			c->progress = 1;
			break;
		case OPT_NO_PROGRESS:
			c->progress = 0;
			break;
		case OPT_MAX_LINE:
			if (parse_limit(name, v, &c->opts.max_line, "--max-line"))
				return RC_USAGE;
			break;
		case OPT_MAX_LINES:
			if (parse_limit(name, v, &c->opts.max_lines, "--max-lines"))
				return RC_USAGE;
			break;
		case OPT_MAX_REPLY:
			if (parse_limit(name, v, &c->opts.max_reply, "--max-reply"))
				return RC_USAGE;
			break;
		default:
			if (run_option(&c->run, id, v))
				return RC_USAGE;
		}
	}
	run_finish(&c->run);
	if (strict)
		c->opts.reject |= SMTPREPLY_STRICT;
	return -1;
}

/* What the inputs gave so far. */
struct tally {
	unsigned long long total, nrep, nerr;
	int had_error;
};

/* One file (or standard input) through its reader; 0 or an exit status. */
static int one_input(struct conf *c, struct cmdfile *cf,
                     const struct render *out, struct counts *counts,
                     struct tally *t, const char *path, const char *label,
                     enum input mode)
{
	struct reader rd;
	struct rec rec;
	int got, rc = 0;
	unsigned long long seen = 0, found = 0;
	int e = reader_open(&rd, path, label, &c->opts, c->chunk, mode);
	if (e) {
		run_file_error(&c->run, path, e);
		return RC_USAGE;
	}
	while ((got = reader_next(&rd, &rec)) > 0) {
		found++;
		if (rec.kind == REC_REPLY || rec.kind == REC_NOREPLY) {
			if (!rec.context)
				rec.cmd = cmdfile_next(cf);
			else if (rec.cmd == SMTPREPLY_CMD_UNKNOWN)
				rec.cmd = c->after;
			t->nrep++;
			if (c->summary)
				stats_reply(counts, &rec);
			else
				out->rec(&c->run, &rec);
		} else {
			t->had_error = 1;
			t->nerr++;
			if (c->summary)
				stats_error(counts, &rec);
			else
				out->rec(&c->run, &rec);
		}
		if (rd.bytes != seen) {
			seen = rd.bytes;
			run_progress(&c->run, t->total + seen, t->nrep, t->nerr);
		}
	}
	if (got < 0) {
		run_file_error(&c->run, strcmp(path, "-") == 0 ? NULL : path,
		               rd.error);
		rc = RC_USAGE;
	}
	/* A log, a bounce or a transcript in which no reply was found. */
	if (found == 0 && rd.mode != IN_RAW && rc == 0)
		t->had_error = 1;
	t->total += rd.bytes;
	reader_close(&rd);
	return rc;
}

static int run_parse(int argc, char **argv, const char *name, int summary)
{
	static struct counts counts; /* large: not on the stack */
	struct conf c;
	struct cmdfile cf;
	int rc, had_error = 0;

	memset(&c, 0, sizeof c);
	run_init(&c.run, name);
	smtpreply_options_init(&c.opts);
	stats_init(&counts);
	c.summary = summary;
	c.progress = -1;
	c.after = SMTPREPLY_CMD_UNKNOWN;
	c.input = strcmp(name, "bounce") == 0 ? IN_DSN : IN_AUTO;
	c.files = calloc((size_t)argc + 1, sizeof *c.files);
	if (c.files == NULL)
		return RC_USAGE;
	rc = get_opts(argc, argv, name, &c);
	if (rc >= 0) {
		free(c.files);
		return rc;
	}
	rc = RC_OK;
	if (c.nfiles == 0)
		c.files[c.nfiles++] = "-";
	size_t chunk = DEFAULT_CHUNK;
	unsigned long long total = 0;
	/* Undocumented, for tests: the read size. */
	const char *cs = getenv("SMTPREPLY_CHUNK");
	long want = cs ? strtol(cs, NULL, 10) : 0;
	if (want > 0)
		chunk = (size_t)want;
	c.chunk = chunk;
	int e = cmdfile_open(&cf, c.commands, c.after);
	if (e) {
		if (e == EINVAL)
			run_error(&c.run, M_E_CMDS_STDIN, c.commands);
		else
			run_file_error(&c.run, c.commands, e);
		free(c.files);
		return RC_USAGE;
	}
	/* Progress: only on a terminal, never into a pipe or a file; and not
	 * over the replies themselves when they go to the same terminal. */
	int show = c.progress < 0
	                   ? isatty(STDERR_FILENO) && (c.summary || !c.run.tty)
	                   : c.progress && isatty(STDERR_FILENO);
	run_progress_init(&c.run, show);

	const struct render *out = render_for(&c.run);
	struct tally t;
	memset(&t, 0, sizeof t);
	for (size_t i = 0; i < c.nfiles; i++) {
		char **names = NULL;
		size_t nnames = 0;
		e = dir_files(c.files[i], &names, &nnames);
		if (e == ENOTDIR) {
			int frc = one_input(&c, &cf, out, &counts, &t, c.files[i],
			                    c.nfiles > 1 ? c.files[i] : NULL, c.input);
			if (frc)
				rc = frc;
			continue;
		}
		if (e) {
			run_file_error(&c.run, c.files[i], e);
			rc = RC_USAGE;
			continue;
		}
		/* A Maildir or a folder of messages: each file one message. */
		for (size_t k = 0; k < nnames; k++) {
			int frc = one_input(&c, &cf, out, &counts, &t, names[k], names[k],
			                    c.input == IN_AUTO ? IN_DSN : c.input);
			if (frc)
				rc = frc;
		}
		dir_files_free(names, nnames);
	}
	had_error = t.had_error;
	total = t.total;
	run_progress_done();
	if (cf.error)
		run_error(&c.run, M_E_READING, c.commands);
	if (c.summary) {
		counts.bytes = total;
		stats_finish(&counts);
		out->stats(&c.run, &counts);
	}
	cmdfile_close(&cf);
	free(c.files);
	model_free();
	if (rc == RC_OK && had_error)
		rc = RC_NOT_REPLY;
	return rc;
}

int cmd_parse(int argc, char **argv)
{
	return run_parse(argc, argv, "parse", 0);
}

int cmd_stats(int argc, char **argv)
{
	return run_parse(argc, argv, "stats", 1);
}

int cmd_bounce(int argc, char **argv)
{
	return run_parse(argc, argv, "bounce", 0);
}
