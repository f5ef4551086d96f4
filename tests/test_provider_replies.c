/* test_provider_replies.c - providers' own code systems (issue 13): each
 * real reply in tests/providers/replies.tsv gets the provider entry its
 * row names from smtpreply_explain_provider(), or none for "none" rows.
 *
 * The rows come from tests/classify/world (providers' documentation and
 * public bounces); one row per documented tag or family of tags, plus
 * replies of the same providers that must not pick up a tagged entry.
 * Also: every provider entry that the rows name exists, is a provider
 * entry, and has its translations (test_i18n checks the fields).
 * And tests/providers/codes.tsv: one reply per code system that
 * smtpreply_reason() applies as the provider's documented meaning. */
#include "check.h"
#include "row_escape.h"

#include <ctype.h>
#include <stdlib.h>

/* The walkable entry whose key is key, or NULL. */
static const smtpreply_expl *entry_by_key(const char *key)
{
	size_t i, n = smtpreply_expl_count();
	for (i = 0; i < n; i++) {
		const smtpreply_expl *e = smtpreply_expl_at(i);
		if (strcmp(smtpreply_expl_text(e, SMTPREPLY_FIELD_KEY), key) == 0)
			return e;
	}
	return NULL;
}

static int replay(const char *path)
{
	static char row[8192], raw[8192];
	FILE *f = fopen(path, "r");
	int rows = 0, line = 0;

	if (f == NULL)
		return -1;
	while (fgets(row, sizeof row, f)) {
		char *col[4];
		int nc = 0;
		char *p = row;
		line++;
		row[strcspn(row, "\r\n")] = '\0';
		if (row[0] == '\0' || row[0] == '#' ||
		    strncmp(row, "command\t", 8) == 0)
			continue;
		col[nc++] = p;
		while (nc < 4 && (p = strchr(p, '\t')) != NULL) {
			*p++ = '\0';
			col[nc++] = p;
		}
		if (nc < 3) {
			fprintf(stderr, "%s:%d: fewer than 3 columns\n", path, line);
			CHECK(nc >= 3);
			continue;
		}
		size_t n = unescape_row(col[1], strlen(col[1]), raw);
		struct smtpreply r;
		memset(&r, 0, sizeof r);
		if (smtpreply_parse(raw, n, NULL, &r) <= 0) {
			fprintf(stderr, "%s:%d: reply does not parse\n", path, line);
			CHECK(0);
			continue;
		}
		rows++;
		const smtpreply_expl *got = smtpreply_explain_provider(&r);
		const char *gk = got ? smtpreply_expl_text(got, SMTPREPLY_FIELD_KEY)
		                     : "none";
		if (strcmp(gk, col[2]) != 0)
			fprintf(stderr, "%s:%d: got '%s', want '%s': %s\n", path,
			        line, gk, col[2], col[1]);
		CHECK_STR(gk, col[2]);
		if (strcmp(col[2], "none") == 0)
			continue;
		/* The entry exists in the table, is a provider's, and the
		 * lookup gives the table's own entry (not a copy). */
		const smtpreply_expl *want = entry_by_key(col[2]);
		CHECK(want != NULL);
		CHECK(want == NULL ||
		      (smtpreply_expl_flags(want) & SMTPREPLY_X_PROVIDER));
		CHECK(got == want);
		/* Translated, not English fallbacks. */
		if (want != NULL) {
			static const char *const langs[] = {"fr", "ja", "ko"};
			for (size_t i = 0; i < 3; i++) {
				const char *en = smtpreply_expl_text(
				    want, SMTPREPLY_FIELD_DESCRIPTION);
				const char *tr = smtpreply_expl_text_lang(
				    want, SMTPREPLY_FIELD_DESCRIPTION, langs[i]);
				CHECK(tr != NULL && en != NULL && strcmp(en, tr) != 0);
			}
		}
	}
	fclose(f);
	return rows;
}

/* tests/providers/codes.tsv: command, reply, code, reason, without,
 * source. The reply must get reason from the provider's code (evidence
 * "provider", confidence strong); with the code blanked out (its bytes,
 * found case-insensitively, turned into spaces) it must get without
 * instead, when without is not "-": the rows where the words alone would
 * mislead, so the code is what decides. */
static int replay_codes(const char *path)
{
	static char row[8192], raw[8192];
	FILE *f = fopen(path, "r");
	int rows = 0, line = 0;

	if (f == NULL)
		return -1;
	while (fgets(row, sizeof row, f)) {
		char *col[6];
		int nc = 0;
		char *p = row;
		line++;
		row[strcspn(row, "\r\n")] = '\0';
		if (row[0] == '\0' || row[0] == '#' ||
		    strncmp(row, "command\t", 8) == 0)
			continue;
		col[nc++] = p;
		while (nc < 6 && (p = strchr(p, '\t')) != NULL) {
			*p++ = '\0';
			col[nc++] = p;
		}
		if (nc < 6) {
			fprintf(stderr, "%s:%d: fewer than 6 columns\n", path, line);
			CHECK(nc >= 6);
			continue;
		}
		enum smtpreply_command cmd = smtpreply_command_parse(col[0]);
		size_t n = unescape_row(col[1], strlen(col[1]), raw);
		struct smtpreply r;
		struct smtpreply_diagnosis d;
		memset(&r, 0, sizeof r);
		if (smtpreply_parse(raw, n, NULL, &r) <= 0) {
			fprintf(stderr, "%s:%d: reply does not parse\n", path, line);
			CHECK(0);
			continue;
		}
		rows++;
		CHECK_INT(smtpreply_diagnose(&r, cmd, &d), 0);
		const char *got = smtpreply_reason_name(d.reason);
		if (strcmp(got, col[3]) != 0 ||
		    d.evidence != SMTPREPLY_EVIDENCE_PROVIDER)
			fprintf(stderr, "%s:%d: got %s (%s), want %s (provider): %s\n",
			        path, line, got, smtpreply_evidence_name(d.evidence),
			        col[3], col[1]);
		CHECK_STR(got, col[3]);
		CHECK_STR(smtpreply_evidence_name(d.evidence), "provider");
		CHECK_INT(d.confidence, SMTPREPLY_CONFIDENCE_STRONG);
		if (strcmp(col[4], "-") == 0)
			continue;
		/* The same reply without its code: the words decide. */
		size_t k = strlen(col[2]), at = n;
		for (size_t i = 0; k > 0 && i + k <= n && at == n; i++) {
			size_t j = 0;
			while (j < k && tolower((unsigned char)raw[i + j]) ==
			                    tolower((unsigned char)col[2][j]))
				j++;
			if (j == k)
				at = i;
		}
		if (at == n) {
			fprintf(stderr, "%s:%d: code '%s' not in the reply\n", path,
			        line, col[2]);
			CHECK(0);
			continue;
		}
		memset(raw + at, ' ', k);
		memset(&r, 0, sizeof r);
		CHECK(smtpreply_parse(raw, n, NULL, &r) > 0);
		const char *words = smtpreply_reason_name(smtpreply_reason(&r, cmd));
		if (strcmp(words, col[4]) != 0)
			fprintf(stderr, "%s:%d: without '%s' got %s, want %s\n", path,
			        line, col[2], words, col[4]);
		CHECK_STR(words, col[4]);
		CHECK(strcmp(col[4], col[3]) != 0);
	}
	fclose(f);
	return rows;
}

int main(void)
{
	const char *path = getenv("SMTPREPLY_PROVIDER_REPLIES");
	int rows = replay(path ? path : "tests/providers/replies.tsv");
	if (rows < 0) {
		fprintf(stderr, "tests/providers/replies.tsv not found\n");
		CHECK(rows >= 0);
	} else {
		printf("provider replies: %d rows\n", rows);
		CHECK(rows >= 80);
	}
	path = getenv("SMTPREPLY_PROVIDER_CODES");
	rows = replay_codes(path ? path : "tests/providers/codes.tsv");
	if (rows < 0) {
		fprintf(stderr, "tests/providers/codes.tsv not found\n");
		CHECK(rows >= 0);
	} else {
		printf("provider codes: %d rows\n", rows);
		CHECK(rows >= 10);
	}
	return check_report();
}
