/* test_reason_scan.c - the reason scan's two lanes (src/reason_scan.c).
 *
 * A long reply's text is read from its start and from a split point near
 * its middle at once; what the second lane finds is kept until the first
 * is done, and its start is checked against the true state there (issue
 * 13's speed). The findings must be those of one pass over the text:
 *
 *  - tests/data/reason-split.tsv: replies whose phrases, quote words,
 *    reply codes and provider markers meet the split point, each with the
 *    reason and provider it must get and the text the library splits
 *    right after (a change of the split rule that leaves a case without
 *    its crossing fails here, rather than passing without testing it);
 *  - at every split point (after every byte of every line) of those
 *    replies and of every labelled reply (tests/classify/corpus.tsv and
 *    world/<id>.tsv, these also with their own phrases held out, as the
 *    leave-one-source-out evaluation scans them) and of every context case
 *    (tests/classify/context.tsv: the rules' edges, chosen by hand): every
 *    finding of the scan equals the one pass's.
 *
 * Uses the internal hooks sr_scan_text_split() and sr_scan_split_point()
 * (linked statically). */
#include "check.h"
#include "row_escape.h"
#include "../src/reason_scan.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

static int verbose;

/* Whether two scans found the same (the cache of the line's '@' aside). */
static int same_scan(const struct scan *a, const struct scan *b)
{
	return memcmp(a->best, b->best, sizeof a->best) == 0 &&
	       memcmp(a->best_len, b->best_len, sizeof a->best_len) == 0 &&
	       memcmp(a->spec, b->spec, sizeof a->spec) == 0 &&
	       memcmp(a->spec_len, b->spec_len, sizeof a->spec_len) == 0 &&
	       a->tag == b->tag && a->tag_len == b->tag_len &&
	       a->provider == b->provider && a->quote == b->quote &&
	       a->code == b->code && a->enh.klass == b->enh.klass &&
	       a->enh.subject == b->enh.subject &&
	       a->enh.detail == b->enh.detail && a->cmd == b->cmd &&
	       a->stop == b->stop && a->sender == b->sender;
}

/* Every split point of the reply against the one pass, with `held` held
 * out. One check a reply; the first split that differs is printed. */
static void every_split(const char *what, const struct smtpreply *r,
                        const char *held)
{
	struct scan one, two;
	size_t lines = r->nlines, tried = 0;
	int ok = 1;

	one.held = held;
	CHECK_INT(sr_scan_text_split(r, &one, SR_SCAN_ONE_PASS, 0), 0);
	for (size_t l = 0; l < lines && ok; l++) {
		struct smtpreply_str t = smtpreply_line(r, l);
		for (size_t at = l == 0 ? 1 : 0; at <= t.len && ok; at++) {
			two.held = held;
			if (sr_scan_text_split(r, &two, (long)l, at) == 0)
				continue; /* more lines than the lanes take */
			tried++;
			if (!same_scan(&one, &two)) {
				fprintf(stderr, "%s: split at line %zu byte %zu "
				        "(held %s) differs from one pass\n", what, l,
				        at, held ? held : "-");
				ok = 0;
			}
		}
	}
	/* ... and as sr_scan_text reads it. */
	two.held = held;
	(void)sr_scan_text_split(r, &two, SR_SCAN_AUTO, 0);
	if (!same_scan(&one, &two)) {
		fprintf(stderr, "%s: sr_scan_text differs from one pass\n", what);
		ok = 0;
	}
	if (verbose)
		fprintf(stderr, "%s: %zu splits\n", what, tried);
	CHECK(ok);
}

static int reason_by_name(const char *name)
{
	for (int i = 0; i < SMTPREPLY_REASON_COUNT; i++)
		if (strcmp(smtpreply_reason_name((enum smtpreply_reason)i), name) ==
		    0)
			return i;
	return -1;
}

/* The split point after the first occurrence of `after` in the reply's
 * text lines: (line, byte after it), or the next line's start when it ends
 * a line. 0 if it is not there. */
static int split_after(const struct smtpreply *r, const char *after,
                       long *line, size_t *at)
{
	size_t n = strlen(after);
	for (size_t l = 0; l < r->nlines; l++) {
		struct smtpreply_str t = smtpreply_line(r, l);
		for (size_t i = 0; i + n <= t.len; i++) {
			if (memcmp(t.ptr + i, after, n) != 0)
				continue;
			*line = (long)l;
			*at = i + n;
			if (*at == t.len && l + 1 < r->nlines) {
				*line = (long)l + 1;
				*at = 0;
			}
			return 1;
		}
	}
	return 0;
}

/* tests/data/reason-split.tsv: command, reply, reason, provider (or -),
 * the text the library splits right after, how the lanes read it (1: two
 * lanes; 2: lane B found more than it keeps and was read again from the
 * split), why. */
static void split_cases(const char *path)
{
	FILE *f = fopen(path, "r");
	static char row[70000], raw[70000];
	int rows = 0;

	if (f == NULL) {
		fprintf(stderr, "%s: not found\n", path);
		CHECK(0);
		return;
	}
	while (fgets(row, sizeof row, f)) {
		char *col[7];
		int nc = 0;
		char *p = row;
		size_t len = strcspn(row, "\r\n");
		struct smtpreply r;
		long want_line, line;
		size_t want_at, at;
		int got;

		row[len] = '\0';
		if (len == 0 || row[0] == '#' ||
		    strncmp(row, "command\t", 8) == 0)
			continue;
		col[nc++] = p;
		while (nc < 7 && (p = strchr(p, '\t')) != NULL) {
			*p++ = '\0';
			col[nc++] = p;
		}
		if (nc < 6) {
			fprintf(stderr, "%s: bad row: %s\n", path, row);
			CHECK(0);
			continue;
		}
		rows++;
		len = unescape_row(col[1], strlen(col[1]), raw);
		memset(&r, 0, sizeof r);
		if (smtpreply_parse(raw, len, NULL, &r) <= 0) {
			fprintf(stderr, "%s: does not parse: %s\n", path, col[1]);
			CHECK(0);
			continue;
		}
		/* The answer, through the public calls. */
		CHECK_STR(smtpreply_reason_name(smtpreply_reason(
		              &r, smtpreply_command_parse(col[0]))),
		          reason_by_name(col[2]) >= 0 ? col[2] : "(bad label)");
		{
			const char *pv = smtpreply_provider(&r);
			CHECK_STR(pv ? pv : "-", col[3]);
		}
		/* The library splits where the row says. */
		got = sr_scan_split_point(&r, &line, &at);
		if (!split_after(&r, col[4], &want_line, &want_at)) {
			fprintf(stderr, "%s: split text '%s' not in: %s\n", path,
			        col[4], col[1]);
			CHECK(0);
		} else if (got != 1 || line != want_line || at != want_at) {
			fprintf(stderr, "%s: splits at line %ld byte %zu (two "
			        "lanes: %d), the row says line %ld byte %zu: %s\n",
			        path, line, at, got, want_line, want_at, col[1]);
			CHECK(0);
		} else {
			CHECK(1);
		}
		/* ... and reads it as the row says. */
		{
			struct scan sc;
			sc.held = NULL;
			CHECK_INT(sr_scan_text_split(&r, &sc, SR_SCAN_AUTO, 0),
			          atoi(col[5]));
		}
		every_split(col[1], &r, NULL);
	}
	fclose(f);
	CHECK(rows > 0);
}

/* Every reply of a labelled file (column 2), with nothing held out and,
 * for a world file, with its own phrases held out. */
static int labelled(const char *path, const char *id)
{
	FILE *f = fopen(path, "r");
	static char row[70000], raw[70000];
	int rows = 0;

	if (f == NULL)
		return 0;
	while (fgets(row, sizeof row, f)) {
		char *reply, *end;
		struct smtpreply r;
		size_t len = strcspn(row, "\r\n");

		row[len] = '\0';
		if (len == 0 || row[0] == '#' ||
		    strncmp(row, "command\t", 8) == 0)
			continue;
		reply = strchr(row, '\t');
		if (reply == NULL)
			continue;
		reply++;
		end = strchr(reply, '\t');
		if (end != NULL)
			*end = '\0';
		len = unescape_row(reply, strlen(reply), raw);
		memset(&r, 0, sizeof r);
		if (smtpreply_parse(raw, len, NULL, &r) <= 0 || r.raw.ptr == NULL)
			continue; /* test_classify reports those */
		rows++;
		every_split(reply, &r, NULL);
		if (id != NULL)
			every_split(reply, &r, id);
	}
	fclose(f);
	return rows;
}

int main(void)
{
	const char *world = "tests/classify/world";
	DIR *d;
	struct dirent *de;
	int rows;

	verbose = getenv("SMTPREPLY_SPLIT_VERBOSE") != NULL;
	split_cases("tests/data/reason-split.tsv");
	rows = labelled("tests/classify/corpus.tsv", NULL);
	CHECK(rows > 0);
	int context = labelled("tests/classify/context.tsv", NULL);
	CHECK(context > 0);
	rows += context;
	d = opendir(world);
	CHECK(d != NULL);
	while (d != NULL && (de = readdir(d)) != NULL) {
		char path[1024], id[256];
		size_t n = strlen(de->d_name);
		if (n < 5 || n >= sizeof id ||
		    strcmp(de->d_name + n - 4, ".tsv") != 0)
			continue;
		memcpy(id, de->d_name, n - 4);
		id[n - 4] = '\0';
		snprintf(path, sizeof path, "%s/%s", world, de->d_name);
		rows += labelled(path, id);
	}
	if (d != NULL)
		closedir(d);
	fprintf(stderr, "reason scan: %d labelled replies, every split point "
	                "against one pass\n", rows);
	return check_report();
}
