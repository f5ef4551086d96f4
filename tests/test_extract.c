/* test_extract.c - smtpreply_find and smtpreply_bounce_next over the
 * inputs in tests/data/extract/: each FILE has FILE.expect, one line per
 * record the library must find, in order:
 *
 *   source has_reply command code enhanced nlines recipient host status
 *
 * ("-" for an empty view); a line "> L1 | L2" after a record gives the
 * exact text of that record's reply lines (decoded, suffixes dropped),
 * joined with " | ". .eml files go through smtpreply_bounce_next,
 * everything else through smtpreply_find with every kind. Then, for each
 * input: every record again with buffers too small (a clean negative
 * result, never a crash), every prefix of the input (no crash, no
 * record past the end), and the same records when the input sits at an
 * odd place in memory. */
#include "check.h"

#include <smtpreply.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DIR_ "tests/data/extract"

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	long sz = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *b = malloc((size_t)sz + 1);
	*n = b ? fread(b, 1, (size_t)sz, f) : 0;
	if (b)
		b[*n] = '\0';
	fclose(f);
	return b;
}

static void put_view(char *o, size_t size, struct smtpreply_str s)
{
	size_t k = strlen(o);
	if (s.len == 0)
		snprintf(o + k, size - k, " -");
	else
		snprintf(o + k, size - k, " %.*s", (int)s.len, s.ptr);
}

static void describe(char *o, size_t size, const struct smtpreply_found *f)
{
	char enh[32] = "-";
	if (f->has_reply && f->reply.enhanced.klass)
		snprintf(enh, sizeof enh, "%d.%d.%d", f->reply.enhanced.klass,
		         f->reply.enhanced.subject, f->reply.enhanced.detail);
	snprintf(o, size, "%s %d %s %d %s %zu", smtpreply_source_name(f->source),
	         f->has_reply, smtpreply_command_name(f->command),
	         f->has_reply ? f->reply.code : 0, enh,
	         f->has_reply ? f->reply.nlines : (size_t)0);
	put_view(o, size, f->recipient);
	put_view(o, size, f->host);
	put_view(o, size, f->status);
}

/* The reply lines and the places of the records of the last records()
 * call. */
static char texts[64][1024];
static size_t places[64][2];

static void describe_text(char *o, size_t size,
                          const struct smtpreply_found *f)
{
	o[0] = '\0';
	for (size_t i = 0; f->has_reply && i < f->reply.nlines; i++) {
		struct smtpreply_str l = smtpreply_line(&f->reply, i);
		size_t k = strlen(o);
		snprintf(o + k, size - k, "%s%.*s", i ? " | " : "", (int)l.len,
		         l.ptr ? l.ptr : "");
	}
}

/* All records of text as lines; returns how many. */
static int records(const char *text, size_t n, int eml, char *buf,
                   size_t size, char out[][512], int max, int *negatives)
{
	struct smtpreply_found f;
	struct smtpreply_bounce_iter it;
	size_t pos = 0;
	int rc, k = 0, guard = 0;

	memset(&it, 0, sizeof it);
	*negatives = 0;
	for (;;) {
		rc = eml ? smtpreply_bounce_next(text, n, &it, buf, size, &f)
		         : smtpreply_find(text, n, &pos, 0, buf, size, &f);
		if (rc == 0 || ++guard > 10000)
			break;
		if (rc < 0) {
			(*negatives)++;
			continue;
		}
		/* views inside the text or the buffer */
		if (f.offset > n || f.length > n - f.offset)
			return -1;
		/* the record's place is the input's: a DSN record's
		 * recipient, when a view of the input, lies inside it */
		if (f.source == SMTPREPLY_SOURCE_DSN && f.recipient.ptr >= text && f.recipient.ptr < text + n &&
		    ((size_t)(f.recipient.ptr - text) < f.offset ||
		     (size_t)(f.recipient.ptr - text) + f.recipient.len >
		             f.offset + f.length))
			return -1;
		if (k < max) {
			describe(out[k], sizeof out[k], &f);
			describe_text(texts[k], sizeof texts[k], &f);
			places[k][0] = f.offset;
			places[k][1] = f.length;
		}
		k++;
	}
	return k;
}

static void one(const char *name)
{
	char path[512], epath[600];
	size_t n, en;
	snprintf(path, sizeof path, "%s/%s", DIR_, name);
	snprintf(epath, sizeof epath, "%s.expect", path);
	char *text = slurp(path, &n), *exp = slurp(epath, &en);
	CHECK(text != NULL && exp != NULL);
	if (text == NULL || exp == NULL) {
		free(text);
		free(exp);
		return;
	}
	int eml = strstr(name, ".eml") != NULL;
	static char got[64][512];
	static char buf[1 << 16];
	int neg;
	int k = records(text, n, eml, buf, sizeof buf, got, 64, &neg);
	/* compare with the expectations, line by line */
	int i = 0;
	for (char *line = strtok(exp, "\n"); line; line = strtok(NULL, "\n")) {
		if (line[0] == '#')
			continue;
		if (line[0] == '>' && line[1] == ' ') {
			int tok = i > 0 && i <= k && i <= 64 &&
			          strcmp(texts[i - 1], line + 2) == 0;
			CHECK(tok);
			if (!tok)
				fprintf(stderr,
				        "  %s record %d text:\n    want %s\n    got  %s\n",
				        name, i - 1, line + 2,
				        i > 0 && i <= k && i <= 64 ? texts[i - 1] : "(none)");
			continue;
		}
		int ok = i < k && strcmp(got[i], line) == 0;
		CHECK(ok);
		if (!ok)
			fprintf(stderr, "  %s record %d:\n    want %s\n    got  %s\n",
			        name, i, line, i < k ? got[i] : "(none)");
		i++;
	}
	CHECK(k == i && neg == 0);
	if (!(k == i && neg == 0))
		fprintf(stderr, "  %s: %d records, %d expected, %d errors\n", name,
		        k, i, neg);

	/* The same records at the same offsets whatever the buffer's size
	 * and wherever it lies, before or after the input in memory: an
	 * offset is the input's, never a distance to the buffer (decoded
	 * quoted-printable and base64 text lives in the buffer). */
	static size_t ref[64][2];
	memcpy(ref, places, sizeof ref);
	static const size_t sizes[] = {8192, 1 << 14, 1 << 16, 1 << 20};
	for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
		for (int after = 0; after < 2; after++) {
			size_t bs = sizes[si];
			char *block = malloc(bs + n + 1);
			CHECK(block != NULL);
			if (block == NULL)
				continue;
			char *t = after ? block : block + bs;
			char *b = after ? block + n + 1 : block;
			memcpy(t, text, n);
			static char got3[64][512];
			int k3 = records(t, n, eml, b, bs, got3, 64, &neg);
			int same = k3 == k && neg == 0;
			for (int j = 0; same && j < k && j < 64; j++)
				same = strcmp(got[j], got3[j]) == 0 &&
				       places[j][0] == ref[j][0] &&
				       places[j][1] == ref[j][1];
			CHECK(same);
			if (!same)
				fprintf(stderr,
				        "  %s: buffer of %zu bytes %s the input: %d "
				        "records (%d), first at %zu+%zu (%zu+%zu)\n",
				        name, bs, after ? "after" : "before", k3, k,
				        k3 > 0 ? places[0][0] : 0, k3 > 0 ? places[0][1] : 0,
				        ref[0][0], ref[0][1]);
			free(block);
		}
	}
	memcpy(places, ref, sizeof ref);

	/* small buffers: negative results or fewer lines, never a crash */
	for (size_t small = 1; small < 400; small += 37) {
		char *sb = malloc(small);
		int n2 = records(text, n, eml, sb, small, got, 64, &neg);
		CHECK(n2 >= 0 && n2 + neg <= k + 64);
		free(sb);
	}
	/* every prefix */
	for (size_t cut = 0; cut <= n; cut += (n > 2000 ? 7 : 1)) {
		char *t = malloc(cut ? cut : 1);
		memcpy(t, text, cut);
		int n2 = records(t, cut, eml, buf, sizeof buf, got, 64, &neg);
		CHECK(n2 >= 0);
		if (n2 < 0)
			fprintf(stderr, "  %s: prefix %zu\n", name, cut);
		free(t);
	}
	/* an odd address */
	char *odd = malloc(n + 3);
	memcpy(odd + 3, text, n);
	static char got2[64][512];
	int k2 = records(odd + 3, n, eml, buf, sizeof buf, got2, 64, &neg);
	int same = k2 == k;
	for (int j = 0; same && j < k && j < 64; j++)
		same = strcmp(got[j], got2[j]) == 0;
	CHECK(same);
	free(odd);
	free(text);
	free(exp);
}

int main(void)
{
	DIR *d = opendir(DIR_);
	struct dirent *e;
	int files = 0;
	CHECK(d != NULL);
	while (d && (e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (e->d_name[0] == '.' || (l > 7 && strcmp(e->d_name + l - 7, ".expect") == 0) ||
		    strcmp(e->d_name, "README.md") == 0)
			continue;
		one(e->d_name);
		files++;
	}
	if (d)
		closedir(d);
	CHECK(files >= 10);

	/* arguments */
	struct smtpreply_found f;
	char buf[64];
	size_t pos = 0;
	CHECK(smtpreply_find(NULL, 0, &pos, 0, buf, sizeof buf, &f) ==
	      SMTPREPLY_E_INVALID_ARGUMENT);
	CHECK(smtpreply_find("", 0, &pos, 0, buf, sizeof buf, &f) == 0);
	CHECK(strcmp(smtpreply_source_name(SMTPREPLY_SOURCE_TRANSCRIPT),
	             "transcript") == 0);
	CHECK(strcmp(smtpreply_source_name(SMTPREPLY_SOURCE_FALLBACK),
	             "fallback") == 0);
	CHECK(*smtpreply_source_name((enum smtpreply_source)11) == '\0');
	CHECK(*smtpreply_source_name((enum smtpreply_source)1000) == '\0');
	/* a pasted reply with LF line ends is not bare_lf */
	const char paste[] = "550-5.7.1 a\n550 5.7.1 b\n";
	char big[1024];
	pos = 0;
	CHECK(smtpreply_find(paste, sizeof paste - 1, &pos, SMTPREPLY_FIND_RAW,
	                     big, sizeof big, &f) == 1 &&
	      f.reply.nlines == 2 && !(f.reply.flags & SMTPREPLY_F_BARE_LF));
	/* A Sendmail line naming 1500 recipients: a record for each of the
	 * first 1000, in order, then none (the documented bound), and the
	 * walk ends at the text's end. */
	{
		static char line[1500 * 24 + 256];
		size_t o = (size_t)snprintf(line, sizeof line,
		                            "Dec  2 10:00:01 mx sendmail[1]: q1: to=");
		for (int i = 0; i < 1500; i++)
			o += (size_t)snprintf(line + o, sizeof line - o, "%s<u%d@x.example>",
			                      i ? "," : "", i);
		o += (size_t)snprintf(line + o, sizeof line - o,
		                      ", delay=00:00:01, mailer=esmtp, dsn=5.1.1, "
		                      "stat=User unknown\n");
		int k = 0, in_order = 1, rc;
		pos = 0;
		while ((rc = smtpreply_find(line, o, &pos, 0, big, sizeof big, &f)) == 1) {
			char want[32];
			snprintf(want, sizeof want, "u%d@x.example", k);
			in_order &= f.recipient.len == strlen(want) &&
			            memcmp(f.recipient.ptr, want, f.recipient.len) == 0;
			k++;
		}
		CHECK(rc == 0 && pos == o);
		CHECK_INT(k, 1000);
		CHECK(in_order);
	}
	/* smtplib's SMTPRecipientsRefused naming 3000 recipients: a record
	 * for each, in order, each with its own reply (each record reads on
	 * from its key: no bound needed), then the walk ends at the text's
	 * end. */
	{
		static char line[3000 * 48 + 64];
		size_t o = (size_t)snprintf(line, sizeof line,
		                            "smtplib.SMTPRecipientsRefused: {");
		for (int i = 0; i < 3000; i++)
			o += (size_t)snprintf(line + o, sizeof line - o,
			                      "%s'u%d@x.example': (%d, b'5.1.1 no %d')",
			                      i ? ", " : "", i, i % 2 ? 450 : 550, i);
		o += (size_t)snprintf(line + o, sizeof line - o, "}\n");
		int k = 0, in_order = 1, rc;
		pos = 0;
		while ((rc = smtpreply_find(line, o, &pos, 0, big, sizeof big, &f)) == 1) {
			char want[32];
			snprintf(want, sizeof want, "u%d@x.example", k);
			in_order &= f.recipient.len == strlen(want) &&
			            memcmp(f.recipient.ptr, want, f.recipient.len) == 0 &&
			            f.reply.code == (k % 2 ? 450 : 550) &&
			            f.command == SMTPREPLY_CMD_RCPT;
			k++;
		}
		CHECK(rc == 0 && pos == o);
		CHECK_INT(k, 3000);
		CHECK(in_order);
	}
	return check_report();
}
