/* test_provider_replies.c - providers' own code systems (issue 13): each
 * real reply in tests/providers/replies.tsv gets the provider entry its
 * row names from smtpreply_explain_provider(), or none for "none" rows.
 *
 * The rows come from tests/classify/world (providers' documentation and
 * public bounces); one row per documented tag or family of tags, plus
 * replies of the same providers that must not pick up a tagged entry.
 * Also: every provider entry that the rows name exists, is a provider
 * entry, and has its translations (test_i18n checks the fields). */
#include "check.h"
#include "row_escape.h"

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
	return check_report();
}
