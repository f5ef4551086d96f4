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
	OPT_NO_PROGRESS, OPT_MAX_LINE, OPT_MAX_LINES, OPT_MAX_REPLY
};

static const struct opt parse_opts[] = {
	{"after", 'a', 1, OPT_AFTER, "CMD",
	 "the command every reply answers (RCPT, DATA...),\n"
	 "for the contextual name, action and reason"},
	{"commands", 'c', 1, OPT_COMMANDS, "FILE",
	 "one command name per line, the Nth for the Nth\n"
	 "reply (after them: --after, else unknown)"},
	{"strict", 0, 0, OPT_STRICT, NULL,
	 "report replies that break RFC 5321 (bare LF,\n"
	 "long lines, code mismatches...) as errors"},
	{"summary", 's', 0, OPT_SUMMARY, NULL,
	 "counts instead of one line per reply (what\n"
	 "`smtpreply stats` does)"},
	{"max-line", 0, 1, OPT_MAX_LINE, "N", "longest line in bytes (default 4096)"},
	{"max-lines", 0, 1, OPT_MAX_LINES, "N",
	 "most lines in one reply (default 1000)"},
	{"max-reply", 0, 1, OPT_MAX_REPLY, "N",
	 "longest reply in bytes (default 65536)"},
	{"progress", 0, 0, OPT_PROGRESS, NULL,
	 "progress on standard error even when standard\n"
	 "output is a terminal (it always needs standard\n"
	 "error to be a terminal)"},
	{"no-progress", 0, 0, OPT_NO_PROGRESS, NULL, "never show progress"},
	OPT_SHARED,
	OPT_END,
};

static const struct help parse_help = {
	"Usage: smtpreply parse [OPTION...] [FILE...]",
	"Read raw server bytes (a capture of what an SMTP server sent, CRLF or\n"
	"LF line ends) from the FILEs or standard input (\"-\"), and print every\n"
	"reply found: offset, code, enhanced code, action, reason, name, text\n"
	"and the parser's flags. Bytes that are not a reply are reported with\n"
	"their offset and skipped; the replies after them are still found.\n"
	"Input is streamed in fixed-size chunks: memory stays constant on\n"
	"inputs of any size. Offsets count from the start of each FILE.\n"
	"With --json, JSON Lines: one object per reply or error.\n",
	"JSON fields of a reply: offset, length, code, enhanced, class, lines,\n"
	"flags, name, enhanced_name, action, reason, provider, log (and file\n"
	"with more than one FILE). Not a reply: offset, length, error, message.\n"
	"\n"
	"Exit status: 0 every byte belonged to a reply, 1 some input was not a\n"
	"reply, 2 usage error or unreadable input.\n",
};

static const struct help stats_help = {
	"Usage: smtpreply stats [OPTION...] [FILE...]\n"
	"       smtpreply parse --summary [OPTION...] [FILE...]",
	"Count the replies in the FILEs or standard input (\"-\"): by class,\n"
	"action, reason, code, enhanced code, provider and flag, and the bytes\n"
	"that were not replies by kind. On a terminal each count has a bar.\n"
	"With --json, one object: bytes, replies, errors, error_bytes, class,\n"
	"code, enhanced, action, reason, provider, flags, errors_by_kind.\n"
	"Memory stays constant on inputs of any size; on a terminal a progress\n"
	"line on standard error shows how far it got.\n",
	"Exit status: 0 every byte belonged to a reply, 1 some input was not a\n"
	"reply, 2 usage error or unreadable input.\n",
};

static int parse_limit(const char *cmd, const char *v, unsigned *dst,
                       const char *name)
{
	char *end;
	errno = 0;
	unsigned long n = strtoul(v, &end, 10);
	if (errno || end == v || *end || n == 0 || n > SMTPREPLY_MAX_REPLY_LIMIT ||
	    v[0] == '-')
		return usage_error(cmd, "%s takes a number from 1 to %u", name,
		                   SMTPREPLY_MAX_REPLY_LIMIT);
	*dst = (unsigned)n;
	return 0;
}

struct conf {
	struct run run;
	struct smtpreply_options opts;
	enum smtpreply_command after;
	const char *commands;
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
			opt_help(&c->run, strcmp(name, "stats") == 0 ? &stats_help
			                                             : &parse_help,
			         parse_opts);
			return RC_OK;
		case OPT_AFTER:
			c->after = smtpreply_command_parse(v);
			if (c->after == SMTPREPLY_CMD_UNKNOWN &&
			    strcasecmp_ascii(v, "unknown") != 0)
				return usage_error(name, "unknown command '%s' for --after",
				                   v);
			break;
		case OPT_COMMANDS:
			c->commands = v;
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
	/* Undocumented, for tests: the read size. */
	const char *cs = getenv("SMTPREPLY_CHUNK");
	long want = cs ? strtol(cs, NULL, 10) : 0;
	if (want > 0)
		chunk = (size_t)want;
	int e = cmdfile_open(&cf, c.commands, c.after);
	if (e) {
		run_error(&c.run, "%s: %s", c.commands,
		          e == EINVAL ? "commands cannot come from standard input"
		                      : strerror(e));
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
	unsigned long long total = 0, nrep = 0, nerr = 0;
	for (size_t i = 0; i < c.nfiles; i++) {
		struct reader rd;
		struct rec rec;
		int got;
		e = reader_open(&rd, c.files[i], c.nfiles > 1 ? c.files[i] : NULL,
		                &c.opts, chunk);
		if (e) {
			run_error(&c.run, "%s: %s", c.files[i], strerror(e));
			rc = RC_USAGE;
			continue;
		}
		unsigned long long seen = 0;
		while ((got = reader_next(&rd, &rec)) > 0) {
			if (rec.kind == REC_REPLY) {
				rec.cmd = cmdfile_next(&cf);
				nrep++;
				if (c.summary)
					stats_reply(&counts, &rec);
				else
					out->rec(&c.run, &rec);
			} else {
				had_error = 1;
				nerr++;
				if (c.summary)
					stats_error(&counts, &rec);
				else
					out->rec(&c.run, &rec);
			}
			if (rd.bytes != seen) {
				seen = rd.bytes;
				run_progress(&c.run, total + seen, nrep, nerr);
			}
		}
		if (got < 0) {
			run_error(&c.run, "%s: %s",
			          strcmp(c.files[i], "-") == 0 ? "standard input"
			                                       : c.files[i],
			          strerror(rd.error));
			rc = RC_USAGE;
		}
		total += rd.bytes;
		reader_close(&rd);
	}
	run_progress_done();
	if (cf.error)
		run_error(&c.run, "error reading %s", c.commands);
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
