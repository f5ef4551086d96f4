/* run_cases.c - replays every .case file in tests/cases (format in
 * tests/cases/README.md) three ways: whole, one byte at a time, and in
 * random splits, and checks each result against the expected one.
 *
 * Whole: smtpreply_parse() from the start of the remaining bytes, and every
 * shorter prefix of each complete reply must be INCOMPLETE. Streaming: the
 * bytes arrive in pieces through smtpreply_parser_parse(); results are
 * compared by absolute position, since an error in the middle of a line
 * skips less there and the rest of that line is folded into the next reply
 * (flag skipped_junk).
 *
 * Every parse call gets its bytes placed so that the last one sits right
 * before an unreadable page: reading one byte past the end crashes. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include "case_text.h"
#include "check.h"
#include "smtpreply.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAX_RESULTS 256
#define MAX_LINES 2048

struct expect_line {
	char *text;
	size_t len;
};

struct expect {
	int is_error;
	int code, first_code, len;
	int enh[3];
	unsigned flags;
	const char *error; /* error name */
	size_t offset, skip;
	size_t nlines;
	struct expect_line *lines;
};

struct tcase {
	char name[256];
	const char *file;
	int lineno;
	struct smtpreply_options opts;
	char *input;
	size_t len, cap;
	struct expect res[MAX_RESULTS];
	size_t nres;
};

static int case_count;

static void parse_result(struct tcase *tc, const char *s, int is_error, int line)
{
	char v[256];
	struct expect *e;
	if (tc->nres >= MAX_RESULTS)
		die(tc->file, line, "too many results");
	e = &tc->res[tc->nres++];
	memset(e, 0, sizeof *e);
	e->is_error = is_error;
	if (word(s, "flags", v, sizeof v))
		e->flags = parse_flags(v, tc->file, line);
	if (is_error) {
		size_t n;
		while (*s == ' ')
			s++;
		n = strcspn(s, " ");
		char *name = malloc(n + 1);
		memcpy(name, s, n);
		name[n] = 0;
		e->error = name;
		if (!word(s, "offset", v, sizeof v))
			die(tc->file, line, "error without offset=");
		e->offset = strtoul(v, NULL, 10);
		if (!word(s, "skip", v, sizeof v))
			die(tc->file, line, "error without skip=");
		e->skip = strtoul(v, NULL, 10);
		return;
	}
	if (!word(s, "code", v, sizeof v) || !word(s, "len", v + 16, sizeof v - 16))
		die(tc->file, line, "reply needs code= and len=");
	e->code = atoi(v);
	e->len = atoi(v + 16);
	e->first_code = word(s, "first_code", v, sizeof v) ? atoi(v) : e->code;
	if (word(s, "enhanced", v, sizeof v) &&
	    sscanf(v, "%d.%d.%d", &e->enh[0], &e->enh[1], &e->enh[2]) != 3)
		die(tc->file, line, "bad enhanced=");
	e->lines = calloc(MAX_LINES, sizeof *e->lines);
}

/* ---- the guard page ---- */

static char *guard_base;
static size_t guard_cap;

/* Copies n bytes to just before a PROT_NONE page and returns where. */
static const char *guarded(const char *src, size_t n)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t need = (n + page - 1) / page * page;
	if (need == 0)
		need = page;
	if (need > guard_cap) {
		if (guard_base)
			munmap(guard_base, guard_cap + page);
		guard_base = mmap(NULL, need + page, PROT_READ | PROT_WRITE,
		                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (guard_base == MAP_FAILED || mprotect(guard_base + need, page, PROT_NONE) != 0)
			die("guard", 0, "mmap/mprotect failed");
		guard_cap = need;
	}
	char *dst = guard_base + guard_cap - n;
	if (n)
		memmove(dst, src, n);
	return dst;
}

/* ---- checking ---- */

struct event {
	int is_error;
	int rc;
	size_t at; /* replies: absolute end; errors: absolute error offset */
	size_t skip;
	struct smtpreply r;
};

static int fail_case(const struct tcase *tc, const char *mode, size_t i, const char *what)
{
	fprintf(stderr, "%s: case \"%s\" (%s): result %zu: %s\n", tc->file, tc->name,
	        mode, i + 1, what);
	return 0;
}

/* Compares one parsed reply with its expectation, lines included. */
static int same_reply(const struct tcase *tc, const char *mode, size_t i,
                      const struct expect *e, const struct smtpreply *r,
                      unsigned ignore)
{
	char msg[512];
	if (r->code != e->code || r->first_code != e->first_code ||
	    r->enhanced.klass != e->enh[0] || r->enhanced.subject != e->enh[1] ||
	    r->enhanced.detail != e->enh[2] || (r->flags & ~ignore) != e->flags ||
	    r->nlines != e->nlines || r->klass != e->code / 100) {
		snprintf(msg, sizeof msg,
		         "got code=%d first_code=%d enhanced=%d.%d.%d flags=0x%x lines=%zu, "
		         "want code=%d first_code=%d enhanced=%d.%d.%d flags=0x%x lines=%zu",
		         r->code, r->first_code, r->enhanced.klass, r->enhanced.subject,
		         r->enhanced.detail, r->flags & ~ignore, r->nlines, e->code,
		         e->first_code, e->enh[0], e->enh[1], e->enh[2], e->flags, e->nlines);
		return fail_case(tc, mode, i, msg);
	}
	struct smtpreply_iter it = {0, 0};
	struct smtpreply_str t;
	for (size_t k = 0; k < e->nlines; k++) {
		struct smtpreply_str byindex = smtpreply_line(r, k);
		if (!smtpreply_next_line(r, &it, &t) || t.len != e->lines[k].len ||
		    memcmp(t.ptr, e->lines[k].text, t.len) != 0 ||
		    byindex.len != t.len || byindex.ptr != t.ptr) {
			snprintf(msg, sizeof msg, "line %zu: got \"%.*s\", want \"%.*s\"", k + 1,
			         (int)t.len, t.ptr ? t.ptr : "", (int)e->lines[k].len,
			         e->lines[k].text);
			return fail_case(tc, mode, i, msg);
		}
	}
	if (smtpreply_next_line(r, &it, &t))
		return fail_case(tc, mode, i, "iterator gives more lines than nlines");
	struct smtpreply_str first = smtpreply_line(r, 0), last = smtpreply_line(r, r->nlines - 1);
	if (first.ptr != r->first_line.ptr || last.ptr != r->last_line.ptr ||
	    r->first_line.len != e->lines[0].len || r->last_line.len != e->lines[e->nlines - 1].len)
		return fail_case(tc, mode, i, "first_line/last_line disagree with the lines");
	return 1;
}

/* Whole: one-shot calls from the start of the remaining bytes. */
static int run_whole(const struct tcase *tc)
{
	size_t off = 0;
	struct smtpreply r;
	char msg[512];
	for (size_t i = 0; i < tc->nres; i++) {
		const struct expect *e = &tc->res[i];
		int rc = smtpreply_parse(guarded(tc->input + off, tc->len - off), tc->len - off,
		                         &tc->opts, &r);
		if (e->is_error) {
			if (strcmp(smtpreply_result_name(rc), e->error) != 0 ||
			    r.error_offset != e->offset || r.skip != e->skip || r.flags != e->flags) {
				snprintf(msg, sizeof msg,
				         "got %s offset=%zu skip=%zu flags=0x%x, want %s offset=%zu "
				         "skip=%zu flags=0x%x",
				         smtpreply_result_name(rc), r.error_offset, r.skip, r.flags,
				         e->error, e->offset, e->skip, e->flags);
				return fail_case(tc, "whole", i, msg);
			}
			off += r.skip;
			continue;
		}
		if (rc != e->len) {
			snprintf(msg, sizeof msg, "got %d (%s), want a reply of %d bytes", rc,
			         smtpreply_result_name(rc), e->len);
			return fail_case(tc, "whole", i, msg);
		}
		if (!same_reply(tc, "whole", i, e, &r, 0))
			return 0;
		/* Every shorter prefix of a complete reply is INCOMPLETE. */
		/* (every prefix of short replies, a sample of long ones) */
		for (int k = 0; k < rc; k += rc > 2048 ? 61 : 1) {
			struct smtpreply pr;
			int prc = smtpreply_parse(guarded(tc->input + off, (size_t)k), (size_t)k,
			                          &tc->opts, &pr);
			if (prc != SMTPREPLY_INCOMPLETE) {
				snprintf(msg, sizeof msg, "prefix of %d bytes gave %s", k,
				         smtpreply_result_name(prc));
				return fail_case(tc, "whole", i, msg);
			}
		}
		off += (size_t)rc;
	}
	int rc = smtpreply_parse(guarded(tc->input + off, tc->len - off), tc->len - off,
	                         &tc->opts, &r);
	if (rc != SMTPREPLY_INCOMPLETE) {
		snprintf(msg, sizeof msg, "the rest (%zu bytes) gave %s, want incomplete",
		         tc->len - off, smtpreply_result_name(rc));
		return fail_case(tc, "whole", tc->nres, msg);
	}
	return 1;
}

/* The expected results as absolute positions, for the streaming modes. */
static void expected_positions(const struct tcase *tc, size_t *at)
{
	size_t off = 0;
	for (size_t i = 0; i < tc->nres; i++) {
		const struct expect *e = &tc->res[i];
		if (e->is_error) {
			at[i] = off + e->offset;
			off += e->skip;
		} else {
			off += (size_t)e->len;
			at[i] = off;
		}
	}
}

/* Streaming: bytes arrive in chunks of the sizes next_chunk() gives. */
static int run_stream(const struct tcase *tc, const char *mode, size_t (*next_chunk)(void))
{
	struct smtpreply_parser p;
	struct smtpreply r;
	size_t at[MAX_RESULTS], got = 0, consumed = 0, arrived = 0;
	char msg[512];

	expected_positions(tc, at);
	smtpreply_parser_init(&p, &tc->opts);
	while (arrived < tc->len) {
		size_t n = next_chunk();
		arrived += n < tc->len - arrived ? n : tc->len - arrived;
		for (;;) {
			/* Short cases are guarded on every call; long ones would
			 * make the copying quadratic. */
			const char *b = tc->len <= 16384
			                    ? guarded(tc->input + consumed, arrived - consumed)
			                    : tc->input + consumed;
			int rc = smtpreply_parser_parse(&p, b, arrived - consumed, &r);
			if (rc == SMTPREPLY_INCOMPLETE) {
				consumed += r.skip;
				break;
			}
			if (got >= tc->nres)
				return fail_case(tc, mode, got, "more results than expected");
			const struct expect *e = &tc->res[got];
			if (rc > 0) {
				if (e->is_error || consumed + (size_t)rc != at[got]) {
					snprintf(msg, sizeof msg, "got a reply ending at %zu, want %s at %zu",
					         consumed + (size_t)rc, e->is_error ? e->error : "a reply",
					         at[got]);
					return fail_case(tc, mode, got, msg);
				}
				if (!same_reply(tc, mode, got, e, &r, SMTPREPLY_F_SKIPPED_JUNK))
					return 0;
				consumed += (size_t)rc;
			} else {
				if (!e->is_error || strcmp(smtpreply_result_name(rc), e->error) != 0 ||
				    consumed + r.error_offset != at[got] || r.flags != e->flags) {
					snprintf(msg, sizeof msg, "got %s at %zu, want %s at %zu",
					         smtpreply_result_name(rc), consumed + r.error_offset,
					         e->is_error ? e->error : "a reply", at[got]);
					return fail_case(tc, mode, got, msg);
				}
				if (r.skip == 0)
					return fail_case(tc, mode, got, "an error that skips nothing");
				consumed += r.skip;
			}
			got++;
		}
	}
	/* A one-shot parse reports a bad start at once; the streaming parser
	 * waits for the line end, which a case may not have. */
	if (got + 1 == tc->nres && tc->res[got].is_error &&
	    memchr(tc->input + at[got], '\n', tc->len - at[got]) == NULL)
		got++;
	if (got != tc->nres) {
		snprintf(msg, sizeof msg, "got %zu results, want %zu", got, tc->nres);
		return fail_case(tc, mode, got, msg);
	}
	return 1;
}

static size_t one(void)
{
	return 1;
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static size_t random_chunk(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	/* Mostly small pieces, now and then a large one. */
	return (rng_state % 8 == 0) ? 1 + (size_t)(rng_state >> 8) % 700
	                            : 1 + (size_t)(rng_state >> 8) % 9;
}

static void run_case(struct tcase *tc)
{
	case_count++;
	CHECK(run_whole(tc));
	CHECK(run_stream(tc, "byte by byte", one));
	for (int seed = 1; seed <= 8; seed++) {
		rng_state = 0x9E3779B97F4A7C15ull * (uint64_t)seed ^ (uint64_t)tc->len;
		CHECK(run_stream(tc, "random splits", random_chunk));
	}
}

static void free_case(struct tcase *tc)
{
	for (size_t i = 0; i < tc->nres; i++) {
		struct expect *e = &tc->res[i];
		for (size_t k = 0; k < e->nlines; k++)
			free(e->lines[k].text);
		free(e->lines);
		free((char *)(uintptr_t)e->error);
	}
	free(tc->input);
}

static void case_begin(void *ctx, const char *file, int lineno, const char *name)
{
	struct tcase *tc = ctx;
	memset(tc, 0, sizeof *tc);
	tc->file = file;
	tc->lineno = lineno;
	smtpreply_options_init(&tc->opts);
	snprintf(tc->name, sizeof tc->name, "%s", name);
}

static void case_field(void *ctx, const char *path, int lineno, const char *key,
                       char *val)
{
	struct tcase *tc = ctx;
	if (strcmp(key, "input") == 0) {
		char *bytes;
		size_t bl = unescape(val, &bytes, path, lineno);
		if (tc->len + bl + 1 > tc->cap) {
			tc->cap = (tc->len + bl + 1) * 2;
			tc->input = realloc(tc->input, tc->cap);
		}
		memcpy(tc->input + tc->len, bytes, bl);
		tc->len += bl;
		free(bytes);
	} else if (strcmp(key, "opts") == 0) {
		parse_opts(&tc->opts, val, path, lineno);
	} else if (strcmp(key, "reply") == 0) {
		parse_result(tc, val, 0, lineno);
	} else if (strcmp(key, "error") == 0) {
		parse_result(tc, val, 1, lineno);
	} else if (strcmp(key, "line") == 0) {
		struct expect *e = tc->nres ? &tc->res[tc->nres - 1] : NULL;
		if (!e || e->is_error || e->nlines >= MAX_LINES)
			die(path, lineno, "line: outside a reply");
		e->lines[e->nlines].len = unescape(val, &e->lines[e->nlines].text, path, lineno);
		e->nlines++;
	} else {
		die(path, lineno, "unknown key");
	}
}

static void case_finish(void *ctx)
{
	run_case(ctx);
	free_case(ctx);
}

static void run_file(const char *path)
{
	static const struct record_calls calls = {case_begin, case_field, case_finish};
	static struct tcase store;
	read_records(path, &calls, &store);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "tests/cases";
	DIR *d = opendir(dir);
	struct dirent *de;
	char *names[512];
	size_t nn = 0;

	if (!d)
		die(dir, 0, "cannot open the cases folder");
	while ((de = readdir(d)) != NULL && nn < 512) {
		size_t l = strlen(de->d_name);
		if (l > 5 && strcmp(de->d_name + l - 5, ".case") == 0) {
			names[nn] = malloc(strlen(dir) + l + 2);
			sprintf(names[nn], "%s/%s", dir, de->d_name);
			nn++;
		}
	}
	closedir(d);
	qsort(names, nn, sizeof names[0], by_name);
	for (size_t i = 0; i < nn; i++) {
		run_file(names[i]);
		free(names[i]);
	}
	CHECK(case_count > 0);
	fprintf(stderr, "%d cases in %zu files, each whole, byte by byte and in 8 random splits\n",
	        case_count, nn);
	return check_report();
}
