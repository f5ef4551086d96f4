/* test_readloop.c - a mail client's read loop on a fixed buffer, replayed
 * over the streams of tests/readloop (format and loop: README.md there).
 *
 * For every stream, every buffer size it lists (max_reply = the buffer
 * size) and several patterns of read sizes, the loop must never stall (a
 * full buffer on which the parser neither returns a reply nor drops a
 * byte) and must get exactly the replies listed: codes, line counts and
 * texts, and the failed replies (errors that carry a reply's code). */
#define _DEFAULT_SOURCE
#include "case_text.h"
#include "check.h"
#include "smtpreply.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

struct want {
	int failed; /* an error carrying this code, not a reply */
	int code;
	size_t nlines;
	size_t ntexts; /* 0: texts not given */
	size_t cap;
	char **text;
	size_t *len;
};

struct stream {
	char name[256];
	const char *file;
	int lineno;
	struct smtpreply_options opts;
	size_t buffers[16];
	size_t nbuffers;
	char *bytes;
	size_t len, cap;
	struct want *want;
	size_t nwant, wcap;
};

static void append(struct stream *s, const char *p, size_t n)
{
	if (s->len + n > s->cap) {
		s->cap = (s->len + n) * 2;
		s->bytes = realloc(s->bytes, s->cap);
		if (s->bytes == NULL)
			die(s->file, s->lineno, "out of memory");
	}
	memcpy(s->bytes + s->len, p, n);
	s->len += n;
}

static struct want *new_want(struct stream *s, int line)
{
	if (s->nwant == s->wcap) {
		s->wcap = s->wcap ? s->wcap * 2 : 16;
		s->want = realloc(s->want, s->wcap * sizeof *s->want);
		if (s->want == NULL)
			die(s->file, line, "out of memory");
	}
	struct want *w = &s->want[s->nwant++];
	memset(w, 0, sizeof *w);
	return w;
}

static void add_text(struct stream *s, struct want *w, const char *escaped,
                     size_t times, int line)
{
	char *t;
	size_t n = unescape(escaped, &t, s->file, line);
	for (size_t k = 0; k < times; k++) {
		if (w->ntexts == w->cap) {
			w->cap = w->cap ? w->cap * 2 : 8;
			w->text = realloc(w->text, w->cap * sizeof *w->text);
			w->len = realloc(w->len, w->cap * sizeof *w->len);
			if (w->text == NULL || w->len == NULL)
				die(s->file, line, "out of memory");
		}
		w->text[w->ntexts] = k == 0 ? t : w->text[w->ntexts - k];
		w->len[w->ntexts++] = n;
	}
}

static void free_stream(struct stream *s)
{
	for (size_t i = 0; i < s->nwant; i++) {
		struct want *w = &s->want[i];
		for (size_t k = 0; k < w->ntexts; k++)
			if (k == 0 || w->text[k] != w->text[k - 1])
				free(w->text[k]);
		free(w->text);
		free(w->len);
	}
	free(s->want);
	free(s->bytes);
	memset(s, 0, sizeof *s);
}

/* ---- the loop ---- */

static uint64_t rng;
static size_t next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (size_t)(rng >> 11);
}

/* How much to read: pattern 0 small reads, 1 any size, 2 a mix. */
static size_t read_size(int pattern, size_t room)
{
	size_t r = next_random();
	size_t n;
	if (pattern == 0 || (pattern == 2 && r % 4 != 0))
		n = 1 + (r >> 3) % 32;
	else
		n = 1 + (r >> 3) % room;
	return n < room ? n : room;
}

static int fail_at(const struct stream *s, size_t bsize, int pattern,
                   size_t entry, const char *what)
{
	fprintf(stderr, "%s: \"%s\" (buffer %zu, reads %d): entry %zu: %s\n", s->file,
	        s->name, bsize, pattern, entry + 1, what);
	return 0;
}

static int same(const struct stream *s, size_t bsize, int pattern, size_t i,
                const struct want *w, const struct smtpreply *r)
{
	char msg[512];
	if (r->code != w->code || r->nlines != w->nlines) {
		snprintf(msg, sizeof msg, "got %d with %zu lines, want %d with %zu", r->code,
		         r->nlines, w->code, w->nlines);
		return fail_at(s, bsize, pattern, i, msg);
	}
	struct smtpreply_iter it = {0, 0};
	struct smtpreply_str t;
	for (size_t k = 0; k < w->ntexts; k++)
		if (!smtpreply_next_line(r, &it, &t) || t.len != w->len[k] ||
		    memcmp(t.ptr, w->text[k], t.len) != 0) {
			snprintf(msg, sizeof msg, "line %zu: got \"%.*s\", want \"%.*s\"", k + 1,
			         (int)(t.len > 80 ? 80 : t.len), t.ptr ? t.ptr : "",
			         (int)(w->len[k] > 80 ? 80 : w->len[k]), w->text[k]);
			return fail_at(s, bsize, pattern, i, msg);
		}
	return 1;
}

static int run_loop(const struct stream *s, size_t bsize, int pattern)
{
	struct smtpreply_options o = s->opts;
	struct smtpreply_parser p;
	struct smtpreply r;
	char *buf = malloc(bsize);
	size_t have = 0, pos = 0, got = 0;
	char msg[256];
	int ok = 1;

	if (buf == NULL)
		die(s->file, s->lineno, "out of memory");
	o.max_reply = (unsigned)bsize;
	smtpreply_parser_init(&p, &o);
	for (;;) {
		int rc = smtpreply_parser_parse(&p, buf, have, &r);
		size_t drop;
		if (rc > 0) {
			drop = (size_t)rc;
			if (drop > have) {
				ok = fail_at(s, bsize, pattern, got, "reply longer than the bytes");
				break;
			}
			if (got >= s->nwant || s->want[got].failed) {
				snprintf(msg, sizeof msg, "unexpected reply %d (%zu lines)", r.code,
				         r.nlines);
				ok = fail_at(s, bsize, pattern, got, msg);
				break;
			}
			if (!(ok = same(s, bsize, pattern, got, &s->want[got], &r)))
				break;
			got++;
		} else {
			drop = r.skip;
			if (drop > have || (rc != SMTPREPLY_INCOMPLETE && drop == 0)) {
				snprintf(msg, sizeof msg, "%s with skip %zu of %zu bytes",
				         smtpreply_result_name(rc), drop, have);
				ok = fail_at(s, bsize, pattern, got, msg);
				break;
			}
			if (rc != SMTPREPLY_INCOMPLETE && r.code != 0) {
				if (got >= s->nwant || !s->want[got].failed ||
				    s->want[got].code != r.code) {
					snprintf(msg, sizeof msg, "unexpected failed reply %d (%s)",
					         r.code, smtpreply_result_name(rc));
					ok = fail_at(s, bsize, pattern, got, msg);
					break;
				}
				got++;
			}
		}
		memmove(buf, buf + drop, have - drop);
		have -= drop;
		if (rc != SMTPREPLY_INCOMPLETE)
			continue;
		if (have == bsize) {
			ok = fail_at(s, bsize, pattern, got, "stall: a full buffer, nothing dropped");
			break;
		}
		if (pos == s->len)
			break;
		size_t n = read_size(pattern, bsize - have);
		if (n > s->len - pos)
			n = s->len - pos;
		memcpy(buf + have, s->bytes + pos, n);
		have += n;
		pos += n;
	}
	if (ok && got != s->nwant) {
		snprintf(msg, sizeof msg, "the stream ended after %zu of %zu entries", got,
		         s->nwant);
		ok = fail_at(s, bsize, pattern, got, msg);
	}
	free(buf);
	return ok;
}

static int streams_run;

static void run_stream(struct stream *s)
{
	if (s->nbuffers == 0)
		die(s->file, s->lineno, "a stream without buffer:");
	for (size_t i = 0; i < s->nwant; i++)
		if (s->want[i].ntexts != 0 && s->want[i].ntexts != s->want[i].nlines)
			die(s->file, s->lineno, "a reply with some of its lines, not all");
	streams_run++;
	for (size_t b = 0; b < s->nbuffers; b++)
		for (int pattern = 0; pattern < 3; pattern++) {
			rng = 0x9E3779B97F4A7C15ull ^ (s->len * 31 + s->buffers[b]) ^
			      (uint64_t)pattern << 40;
			CHECK(run_loop(s, s->buffers[b], pattern));
		}
}

/* ---- the files ---- */

static void stream_begin(void *ctx, const char *file, int lineno, const char *name)
{
	struct stream *s = ctx;
	memset(s, 0, sizeof *s);
	s->file = file;
	s->lineno = lineno;
	smtpreply_options_init(&s->opts);
	snprintf(s->name, sizeof s->name, "%s", name);
}

static void stream_field(void *ctx, const char *path, int lineno, const char *key,
                         char *val)
{
	struct stream *s = ctx;
	char *end;
	if (strcmp(key, "send") == 0) {
		char *bytes;
		size_t bl = unescape(val, &bytes, path, lineno);
		append(s, bytes, bl);
		free(bytes);
	} else if (strcmp(key, "repeat") == 0) {
		unsigned long times = strtoul(val, &end, 10);
		char *bytes;
		if (*end != ' ')
			die(path, lineno, "repeat: COUNT BYTES");
		size_t bl = unescape(end + 1, &bytes, path, lineno);
		for (unsigned long k = 0; k < times; k++)
			append(s, bytes, bl);
		free(bytes);
	} else if (strcmp(key, "buffer") == 0) {
		for (char *v = val; *v;) {
			unsigned long b = strtoul(v, &end, 10);
			if (end == v || b == 0 || s->nbuffers == 16)
				die(path, lineno, "buffer: SIZE...");
			s->buffers[s->nbuffers++] = b;
			v = end;
			while (*v == ' ')
				v++;
		}
	} else if (strcmp(key, "opts") == 0) {
		parse_opts(&s->opts, val, path, lineno);
	} else if (strcmp(key, "reply") == 0 || strcmp(key, "failed") == 0) {
		struct want *w = new_want(s, lineno);
		w->failed = key[0] == 'f';
		w->code = (int)strtol(val, &end, 10);
		if (!w->failed)
			w->nlines = strtoul(end, NULL, 10);
		if (w->code < 100 || w->code > 599 || (!w->failed && w->nlines == 0))
			die(path, lineno, "reply: CODE NLINES, failed: CODE");
	} else if (strcmp(key, "line") == 0 || strcmp(key, "lines") == 0) {
		struct want *w = s->nwant ? &s->want[s->nwant - 1] : NULL;
		size_t times = 1;
		if (w == NULL || w->failed)
			die(path, lineno, "line: outside a reply");
		if (key[4] == 's') {
			times = strtoul(val, &end, 10);
			if (*end != ' ' && *end != 0)
				die(path, lineno, "lines: COUNT TEXT");
			val = *end ? end + 1 : end;
		}
		add_text(s, w, val, times, lineno);
		if (w->ntexts > w->nlines)
			die(path, lineno, "more lines than the reply has");
	} else {
		die(path, lineno, "unknown key");
	}
}

static void stream_finish(void *ctx)
{
	run_stream(ctx);
	free_stream(ctx);
}

static void run_file(const char *path)
{
	static const struct record_calls calls = {stream_begin, stream_field, stream_finish};
	static struct stream st;
	read_records(path, &calls, &st);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "tests/readloop";
	DIR *d = opendir(dir);
	struct dirent *de;

	if (d == NULL)
		die(dir, 0, "cannot open the streams folder");
	while ((de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);
		if (l > 4 && strcmp(de->d_name + l - 4, ".txt") == 0) {
			char path[1024];
			snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
			run_file(path);
		}
	}
	closedir(d);
	CHECK(streams_run > 0);
	fprintf(stderr, "%d streams, each with its buffer sizes and 3 patterns of reads\n",
	        streams_run);
	return check_report();
}
