/* test_found.c - smtpreply_found_diagnose over the inputs of
 * tests/data/found/ (format and sources in its README.md): for each
 * record, in order, the recipient, whether it holds a reply, and the
 * action, reason and verdict; then the arguments. */
#include "check.h"

#include <smtpreply.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DIR_ "tests/data/found"

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *b = NULL;
	long sz;
	*n = 0;
	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (sz = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (b = malloc((size_t)sz + 1)) != NULL) {
		*n = fread(b, 1, (size_t)sz, f);
		b[*n] = '\0';
	}
	fclose(f);
	return b;
}

/* One record as the .want files write it. */
static void describe(char *o, size_t size, const struct smtpreply_found *f,
                     const struct smtpreply_diagnosis *d)
{
	snprintf(o, size, "%.*s %d %s %s %s",
	         f->recipient.len ? (int)f->recipient.len : 1,
	         f->recipient.len ? f->recipient.ptr : "-", f->has_reply,
	         smtpreply_action_name(d->action), smtpreply_reason_name(d->reason),
	         smtpreply_verdict_name(d->verdict));
}

static void one(const char *name)
{
	char path[512], buf[8192], got[512];
	size_t n, wn, pos = 0;
	int is_mail = strlen(name) > 4 && strcmp(name + strlen(name) - 4, ".eml") == 0;
	struct smtpreply_bounce_iter it;
	struct smtpreply_found f;
	struct smtpreply_diagnosis d;

	snprintf(path, sizeof path, DIR_ "/%s", name);
	char *text = slurp(path, &n);
	snprintf(path, sizeof path, DIR_ "/%s.want", name);
	char *want = slurp(path, &wn);
	CHECK(text != NULL && want != NULL);
	if (text == NULL || want == NULL) {
		free(text);
		free(want);
		return;
	}
	memset(&it, 0, sizeof it);
	char *line = want;
	for (;;) {
		int rc = is_mail ? smtpreply_bounce_next(text, n, &it, buf, sizeof buf, &f)
		                 : smtpreply_find(text, n, &pos, 0, buf, sizeof buf, &f);
		char *nl = strchr(line, '\n');
		if (rc != 1) {
			if (*line != '\0')
				fprintf(stderr, "%s: missing record: %s\n", name, line);
			CHECK(rc == 0 && *line == '\0');
			break;
		}
		CHECK(smtpreply_found_diagnose(&f, &d) == 0);
		describe(got, sizeof got, &f, &d);
		if (nl == NULL) {
			fprintf(stderr, "%s: unexpected record: %s\n", name, got);
			CHECK(nl != NULL);
			break;
		}
		*nl = '\0';
		if (strcmp(got, line) != 0)
			fprintf(stderr, "%s: got  %s\n%s: want %s\n", name, got, name,
			        line);
		CHECK(strcmp(got, line) == 0);
		/* No reply, no reply code to report. */
		if (!f.has_reply)
			CHECK(d.code == 0);
		line = nl + 1;
	}
	free(text);
	free(want);
}

int main(void)
{
	DIR *dir = opendir(DIR_);
	struct dirent *e;
	int files = 0;
	CHECK(dir != NULL);
	while (dir && (e = readdir(dir)) != NULL) {
		size_t l = strlen(e->d_name);
		if (e->d_name[0] == '.' || strcmp(e->d_name, "README.md") == 0 ||
		    (l > 5 && strcmp(e->d_name + l - 5, ".want") == 0))
			continue;
		one(e->d_name);
		files++;
	}
	if (dir)
		closedir(dir);
	CHECK(files >= 10);

	/* arguments */
	struct smtpreply_found f;
	struct smtpreply_diagnosis d;
	memset(&f, 0, sizeof f);
	CHECK(smtpreply_found_diagnose(NULL, &d) == SMTPREPLY_E_INVALID_ARGUMENT);
	CHECK(smtpreply_found_diagnose(&f, NULL) == SMTPREPLY_E_INVALID_ARGUMENT);
	/* An empty record: a failure in a log, with nothing to go on. */
	CHECK(smtpreply_found_diagnose(&f, &d) == 0);
	CHECK(d.action == SMTPREPLY_ACTION_RETRY &&
	      d.reason == SMTPREPLY_REASON_UNKNOWN && d.code == 0);
	/* The Status is not the reply's code, of another class or of its
	 * own: the reporting MTA wrote it from the reply code alone
	 * (Sendmail's "Status: 5.1.1" for any 550 to RCPT). */
	static const char r550[] = "550 Delivery failed\r\n";
	CHECK(smtpreply_parse(r550, sizeof r550 - 1, NULL, &f.reply) > 0);
	f.has_reply = 1;
	f.status.ptr = "4.1.1";
	f.status.len = 5;
	CHECK(smtpreply_found_diagnose(&f, &d) == 0);
	CHECK(d.reason != SMTPREPLY_REASON_USER_UNKNOWN && d.enhanced.klass == 0);
	f.status.ptr = "5.1.1";
	CHECK(smtpreply_found_diagnose(&f, &d) == 0);
	CHECK(d.reason == SMTPREPLY_REASON_UNKNOWN && d.enhanced.klass == 0 &&
	      d.verdict != SMTPREPLY_VERDICT_SUPPRESS);
	static const char r550x[] = "550 5.1.1 Delivery failed\r\n";
	CHECK(smtpreply_parse(r550x, sizeof r550x - 1, NULL, &f.reply) > 0);
	CHECK(smtpreply_found_diagnose(&f, &d) == 0);
	CHECK(d.reason == SMTPREPLY_REASON_USER_UNKNOWN && d.enhanced.detail == 1);
	/* The same record from the general reader of bounces: the reason
	 * stands, its confidence is at most weak (the recipient and the reply
	 * were paired by layout). A specific enhanced code is STRONG first,
	 * so the cap can be seen. */
	CHECK(d.confidence == SMTPREPLY_CONFIDENCE_STRONG);
	f.source = SMTPREPLY_SOURCE_FALLBACK;
	CHECK(smtpreply_found_diagnose(&f, &d) == 0);
	CHECK(d.reason == SMTPREPLY_REASON_USER_UNKNOWN &&
	      d.confidence == SMTPREPLY_CONFIDENCE_WEAK);
	/* A delay warning's words as the action of a record without reply:
	 * a temporary failure, whatever the case; a final bounce's are not */
	memset(&f, 0, sizeof f);
	f.source = SMTPREPLY_SOURCE_FALLBACK;
	f.action.ptr = "NOT yet been delivered";
	f.action.len = strlen(f.action.ptr);
	CHECK(smtpreply_found_diagnose(&f, &d) == 0);
	CHECK(d.action == SMTPREPLY_ACTION_RETRY);
	f.action.ptr = "been delivered";
	f.action.len = strlen(f.action.ptr);
	CHECK(smtpreply_found_diagnose(&f, &d) == 0);
	CHECK(d.action == SMTPREPLY_ACTION_FAIL);
	return check_report();
}
