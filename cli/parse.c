/* parse.c - `smtpreply parse` and `smtpreply stats`: stream raw server
 * bytes through the library's streaming parser in fixed-size chunks and
 * print every reply, or counts of them.
 *
 * Memory is constant: the buffer holds at most one reply being read (the
 * parser fails a reply past opts.max_reply) plus one chunk. A reply split
 * across reads stays in the buffer until the parser has all of it. An error
 * is printed once the bytes after it show where it ends: the parser drops
 * the rest of a failed reply as it arrives (skip on INCOMPLETE, or bytes
 * before the next reply, flagged skipped_junk), and those bytes are
 * counted in the error's length. */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_CHUNK ((size_t)64 * 1024)

enum {
	OPT_AFTER = 1, OPT_COMMANDS, OPT_STRICT, OPT_SUMMARY, OPT_PROGRESS,
	OPT_NO_PROGRESS, OPT_MAX_LINE, OPT_MAX_LINES, OPT_MAX_REPLY
};

static const struct opt parse_opts[] = {
	{"after", 'a', 1, OPT_AFTER},
	{"commands", 'c', 1, OPT_COMMANDS},
	{"strict", 0, 0, OPT_STRICT},
	{"summary", 's', 0, OPT_SUMMARY},
	{"progress", 0, 0, OPT_PROGRESS},
	{"no-progress", 0, 0, OPT_NO_PROGRESS},
	{"max-line", 0, 1, OPT_MAX_LINE},
	{"max-lines", 0, 1, OPT_MAX_LINES},
	{"max-reply", 0, 1, OPT_MAX_REPLY},
	COMMON_OPTS,
	{NULL, 0, 0, 0},
};

static const char parse_usage[] =
	"Usage: smtpreply parse [OPTION...] [FILE...]\n"
	"       smtpreply stats [OPTION...] [FILE...]\n";
static const char stats_usage[] =
	"Usage: smtpreply stats [OPTION...] [FILE...]\n"
	"       smtpreply parse --summary [OPTION...] [FILE...]\n";
static const char parse_help[] =
	"\n"
	"Read raw server bytes (a capture or transcript of what an SMTP server\n"
	"sent, CRLF or LF line ends) from the FILEs or standard input (\"-\"),\n"
	"and print every reply found: offset, code, enhanced code, action,\n"
	"reason, name, text and the parser's flags. Bytes that are not a reply\n"
	"are reported with their offset and skipped; the replies after them are\n"
	"still found. Input is streamed in fixed-size chunks: memory stays\n"
	"constant on inputs of any size. Offsets count from the start of each\n"
	"FILE.\n"
	"\n"
	"Options:\n"
	"  -a, --after CMD      the command every reply answers (RCPT, DATA...),\n"
	"                       for the contextual name, action and reason\n"
	"  -c, --commands FILE  one command name per line, the Nth for the Nth\n"
	"                       reply (after them: --after, else unknown)\n"
	"      --strict         report replies that break RFC 5321 (bare LF,\n"
	"                       long lines, code mismatches...) as errors\n"
	"  -s, --summary        counts by class, code, enhanced code, action,\n"
	"                       reason and flag instead of one line per reply\n"
	"                       (this is what `smtpreply stats` does)\n"
	"      --max-line N     longest line in bytes (default 4096)\n"
	"      --max-lines N    most lines in one reply (default 1000)\n"
	"      --max-reply N    longest reply in bytes (default 65536)\n"
	"      --progress       progress on standard error even when standard\n"
	"                       output is a terminal (it always needs standard\n"
	"                       error to be a terminal)\n"
	"      --no-progress    never show progress\n"
	"  -j, --json           JSON Lines: one object per reply or error\n"
	"  -L, --lang LANG      language of the names (JSON: only with --lang)\n"
	"      --color[=WHEN]   auto, always or never\n"
	"  -h, --help           this text\n"
	"\n"
	"JSON fields of a reply: offset, length, code, enhanced, class, lines,\n"
	"flags, name, enhanced_name, action, reason, provider, log (and file\n"
	"with more than one FILE). Not a reply: offset, length, error, message.\n"
	"\n"
	"Exit status: 0 every byte belonged to a reply, 1 some input was not a\n"
	"reply, 2 usage error or unreadable input.\n";

/* ---- counts for --summary ---- */
#define MAX_ENH 512
#define MAX_PROV 32

struct counts {
	unsigned long long bytes, replies, errors, error_bytes;
	unsigned long long klass[6];
	unsigned long long code[1000];
	unsigned long long action[4];
	unsigned long long reason[SMTPREPLY_REASON_COUNT + 1]; /* last: other */
	unsigned long long flag[32];
	unsigned long long error_kind[16];
	struct { struct smtpreply_enhanced e; unsigned long long n; } enh[MAX_ENH];
	size_t nenh;
	unsigned long long enh_other, enh_none;
	struct { const char *name; unsigned long long n; } prov[MAX_PROV];
	size_t nprov;
};

struct ctx {
	struct common co;
	struct smtpreply_options opts;
	enum smtpreply_command after;
	FILE *commands;
	const char *commands_path;
	int summary;
	int progress; /* -1 auto */
	size_t chunk;
	const char *file; /* name for messages and JSON, NULL for one input */
	int multi;
	struct counts *cnt;
	struct progress prog;
	unsigned long long total_bytes; /* all files, for progress */
	int had_error;
	/* the error being extended while its line's rest is dropped */
	int pending;
	unsigned long long pend_off, pend_len;
	int pend_rc;
};

static enum smtpreply_command next_command(struct ctx *c)
{
	char line[256];

	while (c->commands && fgets(line, sizeof line, c->commands)) {
		size_t n = strlen(line);
		if (n == sizeof line - 1 && line[n - 1] != '\n') {
			int ch; /* an absurdly long line: drop its rest */
			while ((ch = fgetc(c->commands)) != EOF && ch != '\n')
				;
		}
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' ||
		             line[n - 1] == ' ' || line[n - 1] == '\t'))
			line[--n] = '\0';
		char *s = line;
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '#')
			continue;
		return smtpreply_command_parse(s);
	}
	if (c->commands) {
		if (ferror(c->commands))
			fprintf(stderr, "%s parse: error reading %s\n", prog,
			        c->commands_path);
		fclose(c->commands);
		c->commands = NULL;
	}
	return c->after;
}

static void count_reply(struct counts *k, const struct smtpreply *r,
                        enum smtpreply_command cmd)
{
	k->replies++;
	if (r->klass >= 1 && r->klass <= 5)
		k->klass[r->klass]++;
	if (r->code >= 0 && r->code < 1000)
		k->code[r->code]++;
	unsigned a = (unsigned)smtpreply_action(r, cmd);
	if (a < 4)
		k->action[a]++;
	unsigned rs = (unsigned)smtpreply_reason(r, cmd);
	k->reason[rs < SMTPREPLY_REASON_COUNT ? rs : SMTPREPLY_REASON_COUNT]++;
	for (unsigned b = 0; b < 32; b++)
		if (r->flags & (1u << b))
			k->flag[b]++;
	if (r->enhanced.klass == 0) {
		k->enh_none++;
	} else {
		size_t i;
		for (i = 0; i < k->nenh; i++)
			if (memcmp(&k->enh[i].e, &r->enhanced, sizeof r->enhanced) == 0)
				break;
		if (i < k->nenh)
			k->enh[i].n++;
		else if (k->nenh < MAX_ENH) {
			k->enh[k->nenh].e = r->enhanced;
			k->enh[k->nenh++].n = 1;
		} else
			k->enh_other++;
	}
	const char *p = smtpreply_provider(r);
	if (p) {
		size_t i;
		for (i = 0; i < k->nprov; i++)
			if (strcmp(k->prov[i].name, p) == 0)
				break;
		if (i < k->nprov)
			k->prov[i].n++;
		else if (k->nprov < MAX_PROV) {
			k->prov[k->nprov].name = p;
			k->prov[k->nprov++].n = 1;
		}
	}
}

/* ---- one reply, one error ---- */
static void print_offset(struct ctx *c, unsigned long long off)
{
	fputs(sty(ST_DIM), out);
	if (c->multi && c->file != NULL) {
		put_safe(out, c->file, strlen(c->file));
		fputc(':', out);
	}
	fprintf(out, "%-8llu%s ", off, sty(ST_RESET));
}

static void emit_reply(struct ctx *c, const struct smtpreply *r,
                       unsigned long long off)
{
	enum smtpreply_command cmd = next_command(c);

	if (c->summary) {
		count_reply(c->cnt, r, cmd);
		return;
	}
	c->cnt->replies++;
	if (c->co.json) {
		int first = 1;
		fputc('{', out);
		if (c->multi)
			json_kv_str(out, &first, "file", c->file);
		json_kv_int(out, &first, "offset", (long long)off);
		json_kv_int(out, &first, "length", (long long)r->raw.len);
		json_reply_fields(out, &first, r, cmd, c->co.lang, 1);
		fputs("}\n", out);
		return;
	}

	char enh[16];
	const char *lang = c->co.lang;
	const smtpreply_expl *e = smtpreply_explain_reply(r, cmd);
	enum smtpreply_action act = smtpreply_action(r, cmd);
	enum smtpreply_reason why = smtpreply_reason(r, cmd);

	print_offset(c, off);
	fprintf(out, "%s%s%d%s %-8s %s", class_style(r->klass), sty(ST_BOLD),
	        r->code, sty(ST_RESET),
	        enhanced_str(enh, sizeof enh, &r->enhanced), class_label(r->klass));
	fprintf(out, " %-8s %-20s ", smtpreply_action_name(act),
	        why == SMTPREPLY_REASON_NONE ? "" : smtpreply_reason_name(why));
	fputs(smtpreply_expl_text_lang(e, SMTPREPLY_FIELD_NAME, lang), out);
	if (r->enhanced.klass) {
		/* The provider's own meaning when the text shows who answered. */
		const smtpreply_expl *pe = smtpreply_explain_provider(r);
		const smtpreply_expl *x = pe ? pe : smtpreply_explain_reply_enhanced(r);
		fprintf(out, "; %s",
		        smtpreply_expl_text_lang(x, SMTPREPLY_FIELD_NAME, lang));
		if (pe)
			fprintf(out, " (%s)", smtpreply_provider(r));
	}
	fputs(" |", out);
	struct smtpreply_iter it = {0, 0};
	struct smtpreply_str t;
	int n = 0;
	while (smtpreply_next_line(r, &it, &t)) {
		fputs(n++ ? " | " : " ", out);
		put_safe(out, t.ptr, t.len);
	}
	if (r->flags) {
		fprintf(out, "  %s[", sty(ST_DIM));
		put_flags(out, r->flags);
		fprintf(out, "]%s", sty(ST_RESET));
	}
	fputc('\n', out);
}

static void emit_error(struct ctx *c, unsigned long long off,
                       unsigned long long len, int rc)
{
	c->had_error = 1;
	c->cnt->errors++;
	c->cnt->error_bytes += len;
	if (c->summary) {
		unsigned k = (unsigned)(-rc);
		if (k < 16)
			c->cnt->error_kind[k]++;
		return;
	}
	if (c->co.json) {
		int first = 1;
		fputc('{', out);
		if (c->multi)
			json_kv_str(out, &first, "file", c->file);
		json_kv_int(out, &first, "offset", (long long)off);
		json_kv_int(out, &first, "length", (long long)len);
		json_kv_str(out, &first, "error", smtpreply_result_name(rc));
		json_kv_str(out, &first, "message", smtpreply_result_message(rc));
		fputs("}\n", out);
		return;
	}
	print_offset(c, off);
	fprintf(out, "%snot a reply (%llu byte%s, %s): %s%s\n", sty(ST_RED), len,
	        len == 1 ? "" : "s", smtpreply_result_name(rc),
	        smtpreply_result_message(rc), sty(ST_RESET));
}

static void flush_pending(struct ctx *c)
{
	if (c->pending)
		emit_error(c, c->pend_off, c->pend_len, c->pend_rc);
	c->pending = 0;
}

/* ---- the streaming loop over one input ---- */
struct buffer {
	char *p;
	size_t cap, start, end;
};

static int only_line_ends(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != '\r' && p[i] != '\n')
			return 0;
	return 1;
}

/* Empty lines ("\n", "\r\n") at the start of p[0, limit). */
static size_t leading_empty(const char *p, size_t limit)
{
	size_t i = 0;
	for (;;) {
		if (i < limit && p[i] == '\n')
			i++;
		else if (i + 1 < limit && p[i] == '\r' && p[i + 1] == '\n')
			i += 2;
		else
			return i;
	}
}

static ssize_t read_some(int fd, char *p, size_t n)
{
	for (;;) {
		ssize_t got = read(fd, p, n);
		if (got >= 0 || errno != EINTR)
			return got;
	}
}

static int parse_fd(struct ctx *c, int fd, struct buffer *b)
{
	struct smtpreply_parser parser;
	struct smtpreply r;
	unsigned long long base = 0; /* input offset of b->p[b->start] */
	int eof = 0;

	smtpreply_parser_init(&parser, &c->opts);
	b->start = b->end = 0;
	for (;;) {
		size_t avail = b->end - b->start;
		char *p = b->p + b->start;

		if (avail > 0 || eof) {
			int rc = SMTPREPLY_INCOMPLETE;
			r.skip = 0;
			if (avail)
				rc = smtpreply_parser_parse(&parser, p, avail, &r);
			if (rc > 0) {
				/* Bytes before the reply that the parser dropped
				 * as the rest of the last error's reply or line
				 * belong to that error. */
				size_t before = (size_t)(r.raw.ptr - p);
				if (c->pending && (r.flags & SMTPREPLY_F_SKIPPED_JUNK))
					c->pend_len += before;
				flush_pending(c);
				emit_reply(c, &r, base + before);
				b->start += (size_t)rc;
				base += (size_t)rc;
				continue;
			}
			if (rc == SMTPREPLY_INCOMPLETE) {
				/* The parser drops the rest of a failed reply as it
				 * arrives: it is part of the error reported. */
				if (c->pending)
					c->pend_len += r.skip;
				b->start += r.skip;
				base += r.skip;
				p += r.skip;
				avail -= r.skip;
				if (eof) {
					flush_pending(c);
					/* Trailing empty lines are fine; a reply cut
					 * off is not. */
					if (!only_line_ends(p, avail)) {
						size_t e = leading_empty(p, avail);
						emit_error(c, base + e, avail - e, rc);
					}
					b->start = b->end;
					break;
				}
			} else {
				size_t skip = r.skip;
				if (skip == 0 || skip > avail)
					skip = avail; /* cannot happen; never loop */
				size_t e = leading_empty(p, r.error_offset < skip
				                                    ? r.error_offset
				                                    : skip);
				flush_pending(c);
				c->pending = 1;
				c->pend_off = base + e;
				c->pend_len = skip - e;
				c->pend_rc = rc;
				b->start += skip;
				base += skip;
				continue;
			}
		}
		if (eof) {
			flush_pending(c);
			break;
		}
		/* Need more bytes: make room for one chunk, then read it. */
		if (b->start == b->end)
			b->start = b->end = 0;
		if (b->cap - b->end < c->chunk) {
			memmove(b->p, b->p + b->start, b->end - b->start);
			b->end -= b->start;
			b->start = 0;
			if (b->cap - b->end < c->chunk) {
				/* Only if the limits allow more than the buffer. */
				size_t cap = b->end + c->chunk;
				char *np = realloc(b->p, cap);
				if (np == NULL) {
					fprintf(stderr, "%s parse: out of memory\n", prog);
					return RC_USAGE;
				}
				b->p = np;
				b->cap = cap;
			}
		}
		ssize_t got = read_some(fd, b->p + b->end, c->chunk);
		if (got < 0) {
			fprintf(stderr, "%s parse: %s: %s\n", prog,
			        c->file ? c->file : "standard input", strerror(errno));
			flush_pending(c);
			return RC_USAGE;
		}
		if (got == 0)
			eof = 1;
		b->end += (size_t)got;
		c->total_bytes += (unsigned long long)got;
		c->cnt->bytes += (unsigned long long)got;
		progress_update(&c->prog, c->total_bytes, c->cnt->replies,
		                c->cnt->errors);
	}
	return 0;
}

/* ---- the summary ---- */
static void bar(unsigned long long n, unsigned long long max, int tty)
{
	if (!tty || max == 0)
		return;
	int w = (int)((n * 30 + max - 1) / max);
	fputs(sty(ST_CYAN), out);
	for (int i = 0; i < w; i++)
		fputs("\xE2\x96\x88", out); /* U+2588 FULL BLOCK */
	fprintf(out, "%s ", sty(ST_RESET));
}

static void row(const char *label, unsigned long long n, unsigned long long max,
                int tty)
{
	int pad = 34 - text_width(label, strlen(label));
	fprintf(out, "  %s%*s ", label, pad > 0 ? pad : 0, "");
	bar(n, max, tty);
	fprintf(out, "%llu\n", n);
}

static int cmp_enh(const void *a, const void *b)
{
	const struct smtpreply_enhanced *x = a, *y = b;
	if (x->klass != y->klass)
		return x->klass - y->klass;
	if (x->subject != y->subject)
		return x->subject - y->subject;
	return x->detail - y->detail;
}

static void print_summary(struct ctx *c)
{
	struct counts *k = c->cnt;
	char buf[64];
	unsigned long long max;

	qsort(k->enh, k->nenh, sizeof k->enh[0], cmp_enh);
	if (c->co.json) {
		int first = 1, f2;
		fputc('{', out);
		json_kv_int(out, &first, "bytes", (long long)k->bytes);
		json_kv_int(out, &first, "replies", (long long)k->replies);
		json_kv_int(out, &first, "errors", (long long)k->errors);
		json_kv_int(out, &first, "error_bytes", (long long)k->error_bytes);
		json_key(out, &first, "class");
		fputc('{', out);
		f2 = 1;
		for (int i = 1; i <= 5; i++)
			if (k->klass[i])
				json_kv_int(out, &f2, class_label(i), (long long)k->klass[i]);
		fputc('}', out);
		json_key(out, &first, "code");
		fputc('{', out);
		f2 = 1;
		for (int i = 0; i < 1000; i++)
			if (k->code[i]) {
				snprintf(buf, sizeof buf, "%03d", i);
				json_kv_int(out, &f2, buf, (long long)k->code[i]);
			}
		fputc('}', out);
		json_key(out, &first, "enhanced");
		fputc('{', out);
		f2 = 1;
		for (size_t i = 0; i < k->nenh; i++)
			json_kv_int(out, &f2, enhanced_str(buf, sizeof buf, &k->enh[i].e),
			            (long long)k->enh[i].n);
		if (k->enh_other)
			json_kv_int(out, &f2, "other", (long long)k->enh_other);
		if (k->enh_none)
			json_kv_int(out, &f2, "none", (long long)k->enh_none);
		fputc('}', out);
		json_key(out, &first, "action");
		fputc('{', out);
		f2 = 1;
		for (int i = 0; i < 4; i++)
			if (k->action[i])
				json_kv_int(out, &f2,
				            smtpreply_action_name((enum smtpreply_action)i),
				            (long long)k->action[i]);
		fputc('}', out);
		json_key(out, &first, "reason");
		fputc('{', out);
		f2 = 1;
		for (int i = 0; i <= SMTPREPLY_REASON_COUNT; i++)
			if (k->reason[i])
				json_kv_int(out, &f2,
				            i < SMTPREPLY_REASON_COUNT
				                    ? smtpreply_reason_name((enum smtpreply_reason)i)
				                    : "other",
				            (long long)k->reason[i]);
		fputc('}', out);
		json_key(out, &first, "provider");
		fputc('{', out);
		f2 = 1;
		for (size_t i = 0; i < k->nprov; i++)
			json_kv_int(out, &f2, k->prov[i].name, (long long)k->prov[i].n);
		fputc('}', out);
		json_key(out, &first, "flags");
		fputc('{', out);
		f2 = 1;
		for (unsigned b = 0; b < 32; b++)
			if (k->flag[b] && *smtpreply_flag_name(1u << b))
				json_kv_int(out, &f2, smtpreply_flag_name(1u << b),
				            (long long)k->flag[b]);
		fputc('}', out);
		json_key(out, &first, "errors_by_kind");
		fputc('{', out);
		f2 = 1;
		for (int i = 0; i < 16; i++)
			if (k->error_kind[i])
				json_kv_int(out, &f2, smtpreply_result_name(-i),
				            (long long)k->error_kind[i]);
		fputc('}', out);
		fputs("}\n", out);
		return;
	}

	int tty = c->co.color || out_is_tty();
	fprintf(out, "%s%llu replies%s in %llu bytes", sty(ST_BOLD), k->replies,
	        sty(ST_RESET), k->bytes);
	if (k->errors)
		fprintf(out, ", %s%llu not replies%s (%llu bytes)", sty(ST_RED),
		        k->errors, sty(ST_RESET), k->error_bytes);
	fputc('\n', out);

	if (k->replies == 0)
		goto errors;
	fprintf(out, "\n%s%s%s\n", sty(ST_BOLD),
	        smtpreply_heading_text(SMTPREPLY_HEADING_CLASS, c->co.lang),
	        sty(ST_RESET));
	max = 0;
	for (int i = 1; i <= 5; i++)
		max = k->klass[i] > max ? k->klass[i] : max;
	for (int i = 1; i <= 5; i++)
		if (k->klass[i])
			row(smtpreply_expl_text_lang(smtpreply_explain_class(i * 100),
			                             SMTPREPLY_FIELD_NAME, c->co.lang),
			    k->klass[i], max, tty);

	fprintf(out, "\n%s%s%s\n", sty(ST_BOLD),
	        smtpreply_heading_text(SMTPREPLY_HEADING_ACTION, c->co.lang),
	        sty(ST_RESET));
	max = 0;
	for (int i = 0; i < 4; i++)
		max = k->action[i] > max ? k->action[i] : max;
	for (int i = 0; i < 4; i++)
		if (k->action[i])
			row(smtpreply_action_text((enum smtpreply_action)i, c->co.lang),
			    k->action[i], max, tty);

	max = 0;
	for (int i = 1; i <= SMTPREPLY_REASON_COUNT; i++)
		max = k->reason[i] > max ? k->reason[i] : max;
	if (max)
		fprintf(out, "\n%s%s%s\n", sty(ST_BOLD),
		        smtpreply_heading_text(SMTPREPLY_HEADING_REASON, c->co.lang),
		        sty(ST_RESET));
	for (int i = 1; i <= SMTPREPLY_REASON_COUNT; i++)
		if (k->reason[i])
			row(i < SMTPREPLY_REASON_COUNT
			            ? smtpreply_reason_text((enum smtpreply_reason)i,
			                                    c->co.lang)
			            : "other",
			    k->reason[i], max, tty);

	fprintf(out, "\n%sCode%s\n", sty(ST_BOLD), sty(ST_RESET));
	max = 0;
	for (int i = 0; i < 1000; i++)
		max = k->code[i] > max ? k->code[i] : max;
	for (int i = 0; i < 1000; i++)
		if (k->code[i]) {
			snprintf(buf, sizeof buf, "%03d", i);
			row(buf, k->code[i], max, tty);
		}

	if (k->nenh || k->enh_other) {
		fprintf(out, "\n%s%s%s\n", sty(ST_BOLD),
		        smtpreply_heading_text(SMTPREPLY_HEADING_ENHANCED, c->co.lang),
		        sty(ST_RESET));
		max = 0;
		for (size_t i = 0; i < k->nenh; i++)
			max = k->enh[i].n > max ? k->enh[i].n : max;
		for (size_t i = 0; i < k->nenh; i++)
			row(enhanced_str(buf, sizeof buf, &k->enh[i].e), k->enh[i].n,
			    max, tty);
		if (k->enh_other)
			row("(other)", k->enh_other, max, tty);
	}
	if (k->nprov) {
		fprintf(out, "\n%sProvider%s\n", sty(ST_BOLD), sty(ST_RESET));
		for (size_t i = 0; i < k->nprov; i++)
			row(k->prov[i].name, k->prov[i].n, 0, 0);
	}
	int any = 0;
	for (unsigned b = 0; b < 32; b++)
		if (k->flag[b] && *smtpreply_flag_name(1u << b)) {
			if (!any++)
				fprintf(out, "\n%sFlags%s\n", sty(ST_BOLD), sty(ST_RESET));
			row(smtpreply_flag_name(1u << b), k->flag[b], 0, 0);
		}
errors:
	any = 0;
	for (int i = 0; i < 16; i++)
		if (k->error_kind[i]) {
			if (!any++)
				fprintf(out, "\n%sNot replies%s\n", sty(ST_BOLD),
				        sty(ST_RESET));
			row(smtpreply_result_name(-i), k->error_kind[i], 0, 0);
		}
}

static int parse_limit(const char *v, unsigned *dst, const char *name)
{
	char *end;
	errno = 0;
	unsigned long n = strtoul(v, &end, 10);
	if (errno || end == v || *end || n == 0 || n > SMTPREPLY_MAX_REPLY_LIMIT ||
	    v[0] == '-')
		return usage_error("parse", "%s takes a number from 1 to %u", name,
		                   SMTPREPLY_MAX_REPLY_LIMIT);
	*dst = (unsigned)n;
	return 0;
}

int cmd_parse(int argc, char **argv, int summary_only)
{
	static struct counts counts; /* large: not on the stack */
	struct ctx c;
	struct args a;
	const char *v, *cmdname = summary_only ? "stats" : "parse";
	const char **files;
	size_t nfiles = 0;
	int id, rc = RC_OK, strict = 0;

	memset(&c, 0, sizeof c);
	memset(&counts, 0, sizeof counts);
	common_init(&c.co);
	smtpreply_options_init(&c.opts);
	c.cnt = &counts;
	c.summary = summary_only;
	c.progress = -1;
	c.after = SMTPREPLY_CMD_UNKNOWN;
	files = calloc((size_t)argc + 1, sizeof *files);
	if (files == NULL)
		return RC_USAGE;
	args_init(&a, argc, argv, cmdname);
	while ((id = args_next(&a, parse_opts, &v)) != ARGS_END) {
		switch (id) {
		case ARGS_ERROR:
			free(files);
			return RC_USAGE;
		case ARGS_OPERAND:
			files[nfiles++] = v;
			break;
		case OPT_HELP:
			free(files);
			fputs(summary_only ? stats_usage : parse_usage, out);
			fputs(parse_help, out);
			return RC_OK;
		case OPT_AFTER:
			c.after = smtpreply_command_parse(v);
			if (c.after == SMTPREPLY_CMD_UNKNOWN &&
			    strcasecmp_ascii(v, "unknown") != 0) {
				free(files);
				return usage_error(cmdname, "unknown command '%s' for --after",
				                   v);
			}
			break;
		case OPT_COMMANDS:
			c.commands_path = v;
			break;
		case OPT_STRICT:
			strict = 1;
			break;
		case OPT_SUMMARY:
			c.summary = 1;
			break;
		case OPT_PROGRESS:
			c.progress = 1;
			break;
		case OPT_NO_PROGRESS:
			c.progress = 0;
			break;
		case OPT_MAX_LINE:
		case OPT_MAX_LINES:
		case OPT_MAX_REPLY:
			if (parse_limit(v, id == OPT_MAX_LINE    ? &c.opts.max_line
			                   : id == OPT_MAX_LINES ? &c.opts.max_lines
			                                         : &c.opts.max_reply,
			                id == OPT_MAX_LINE    ? "--max-line"
			                : id == OPT_MAX_LINES ? "--max-lines"
			                                      : "--max-reply")) {
				free(files);
				return RC_USAGE;
			}
			break;
		default:
			if (common_option(&c.co, id, v, cmdname)) {
				free(files);
				return RC_USAGE;
			}
		}
	}
	common_finish(&c.co);
	if (strict)
		c.opts.reject |= SMTPREPLY_STRICT;
	if (nfiles == 0)
		files[nfiles++] = "-";
	c.multi = nfiles > 1;
	c.chunk = DEFAULT_CHUNK;
	/* Undocumented, for tests: the read size. */
	const char *cs = getenv("SMTPREPLY_CHUNK");
	long want = cs ? strtol(cs, NULL, 10) : 0;
	if (want > 0)
		c.chunk = (size_t)want;
	if (c.commands_path) {
		c.commands = strcmp(c.commands_path, "-") == 0
		                     ? NULL
		                     : fopen(c.commands_path, "r");
		if (c.commands == NULL) {
			fprintf(stderr, "%s %s: %s: %s\n", prog, cmdname, c.commands_path,
			        strcmp(c.commands_path, "-") == 0
			                ? "commands cannot come from standard input"
			                : strerror(errno));
			free(files);
			return RC_USAGE;
		}
	}
	/* Progress: only on a terminal, never into a pipe or a file; and not
	 * over the replies themselves when they go to the same terminal. */
	int show = c.progress < 0 ? err_is_tty() && (c.summary || !out_is_tty())
	                          : c.progress && err_is_tty();
	progress_init(&c.prog, show);

	struct buffer b;
	unsigned max_reply = c.opts.max_reply ? c.opts.max_reply
	                                      : SMTPREPLY_DEFAULT_MAX_REPLY;
	if (max_reply > SMTPREPLY_MAX_REPLY_LIMIT)
		max_reply = SMTPREPLY_MAX_REPLY_LIMIT;
	b.cap = (size_t)max_reply + c.chunk + 1;
	b.p = malloc(b.cap);
	if (b.p == NULL) {
		fprintf(stderr, "%s %s: out of memory\n", prog, cmdname);
		free(files);
		return RC_USAGE;
	}
	for (size_t i = 0; i < nfiles; i++) {
		int is_stdin = strcmp(files[i], "-") == 0;
		int fd = is_stdin ? STDIN_FILENO : open(files[i], O_RDONLY);
		c.file = is_stdin ? "-" : files[i];
		if (fd < 0) {
			fflush(out);
			fprintf(stderr, "%s %s: %s: %s\n", prog, cmdname, files[i],
			        strerror(errno));
			rc = RC_USAGE;
			continue;
		}
		int frc = parse_fd(&c, fd, &b);
		if (frc)
			rc = frc;
		if (!is_stdin)
			close(fd);
	}
	progress_done(&c.prog);
	if (c.summary)
		print_summary(&c);
	if (c.commands)
		fclose(c.commands);
	free(b.p);
	free(files);
	log_line_free();
	if (rc == RC_OK && c.had_error)
		rc = RC_NOT_REPLY;
	return rc;
}
