/* test_i18n.c - the translations are complete: French, Japanese and Korean
 * give their own text for every field of every entry, reason, action and
 * heading (never a silent fall back to English), Japanese and Korean text
 * is written in their scripts, and tags in every common spelling find
 * their language. */
#include "check.h"
#include "smtpreply.h"

static const char *const langs[] = {"fr", "ja", "ko"};

/* Does s hold a code point in [lo, hi]? (UTF-8 decoding of valid text.) */
static int has_script(const char *s, unsigned lo, unsigned hi)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned cp;
		int n;
		if (*p < 0x80) {
			cp = *p;
			n = 1;
		} else if ((*p & 0xE0) == 0xC0) {
			cp = *p & 0x1F;
			n = 2;
		} else if ((*p & 0xF0) == 0xE0) {
			cp = *p & 0x0F;
			n = 3;
		} else {
			cp = *p & 0x07;
			n = 4;
		}
		for (int i = 1; i < n && p[i]; i++)
			cp = (cp << 6) | (p[i] & 0x3F);
		if (cp >= lo && cp <= hi)
			return 1;
		p += n;
	}
	return 0;
}

/* Japanese: hiragana, katakana or CJK ideographs; Korean: Hangul. */
static int in_script(const char *lang, const char *s)
{
	if (strcmp(lang, "ja") == 0)
		return has_script(s, 0x3040, 0x30FF) || has_script(s, 0x4E00, 0x9FFF);
	if (strcmp(lang, "ko") == 0)
		return has_script(s, 0xAC00, 0xD7A3);
	return 1;
}

static void check_available(void)
{
	for (size_t l = 0; l < 3; l++) {
		int found = 0;
		for (size_t i = 0; smtpreply_language(i); i++)
			found |= strcmp(smtpreply_language(i), langs[l]) == 0;
		CHECK(found);
	}
	CHECK_STR(smtpreply_language_match("ja_JP.UTF-8"), "ja");
	CHECK_STR(smtpreply_language_match("ko-KR"), "ko");
	CHECK_STR(smtpreply_language_match("fr_FR.UTF-8"), "fr");
	CHECK_STR(smtpreply_language_match("fr-CA"), "fr");
	CHECK_STR(smtpreply_language_match("de_DE"), "en");
}

/* Every field of every entry: translated, not the English fallback. */
static void check_entries(void)
{
	static const enum smtpreply_field fields[] = {
		SMTPREPLY_FIELD_NAME, SMTPREPLY_FIELD_DESCRIPTION,
		SMTPREPLY_FIELD_WHEN, SMTPREPLY_FIELD_FIX,
	};
	size_t missing = 0, wrong_script = 0, total = 0;

	for (size_t i = 0; i < smtpreply_expl_count(); i++) {
		const smtpreply_expl *e = smtpreply_expl_at(i);
		for (size_t f = 0; f < 4; f++) {
			const char *en = smtpreply_expl_text(e, fields[f]);
			if (*en == 0)
				continue; /* nothing to translate */
			for (size_t l = 0; l < 3; l++) {
				const char *t = smtpreply_expl_text_lang(e, fields[f], langs[l]);
				total++;
				if (t == en || *t == 0) {
					if (missing++ < 10)
						fprintf(stderr, "%s: no %s text for field %zu of '%s'\n",
						        langs[l], langs[l], f,
						        smtpreply_expl_text(e, SMTPREPLY_FIELD_KEY));
				} else if (!in_script(langs[l], t)) {
					if (wrong_script++ < 10)
						fprintf(stderr, "%s: '%s' field %zu is not in %s script: %s\n",
						        langs[l],
						        smtpreply_expl_text(e, SMTPREPLY_FIELD_KEY), f,
						        langs[l], t);
				}
			}
		}
	}
	fprintf(stderr, "%zu translated fields checked\n", total);
	CHECK(total > 3000);
	CHECK_INT(missing, 0);
	CHECK_INT(wrong_script, 0);
}

/* Reasons, headings and the class entries people see first. */
static void check_words(void)
{
	for (size_t l = 0; l < 3; l++) {
		for (int r = 0; r < SMTPREPLY_REASON_COUNT; r++) {
			const char *en = smtpreply_reason_text((enum smtpreply_reason)r, "en");
			const char *t = smtpreply_reason_text((enum smtpreply_reason)r, langs[l]);
			CHECK(*t && t != en && strcmp(t, en) != 0);
			CHECK(in_script(langs[l], t));
		}
		for (int h = SMTPREPLY_HEADING_DESCRIPTION; h <= SMTPREPLY_HEADING_WHO; h++) {
			const char *en = smtpreply_heading_text((enum smtpreply_heading)h, "en");
			const char *t = smtpreply_heading_text((enum smtpreply_heading)h, langs[l]);
			CHECK(*t != 0);
			CHECK(in_script(langs[l], t));
			/* "Description" is French too; everything else differs. */
			if (!(strcmp(langs[l], "fr") == 0 && h == SMTPREPLY_HEADING_DESCRIPTION))
				CHECK(strcmp(t, en) != 0);
		}
	}
	/* Actions and parties in words, in every language. */
	for (size_t l = 0; l < 3; l++) {
		for (int a = SMTPREPLY_ACTION_SUCCESS; a <= SMTPREPLY_ACTION_FAIL; a++) {
			const char *t = smtpreply_action_text((enum smtpreply_action)a, langs[l]);
			const char *d = smtpreply_action_description((enum smtpreply_action)a, langs[l]);
			CHECK(*t && strcmp(t, smtpreply_action_text((enum smtpreply_action)a, "en")) != 0);
			CHECK(*d && in_script(langs[l], d));
		}
		for (int p = SMTPREPLY_PARTY_NONE; p <= SMTPREPLY_PARTY_RECIPIENT_ADMIN; p++) {
			const char *t = smtpreply_party_text((enum smtpreply_party)p, langs[l]);
			CHECK(*t && strcmp(t, smtpreply_party_text((enum smtpreply_party)p, "en")) != 0);
			CHECK(in_script(langs[l], t));
		}
		for (int r = 0; r < SMTPREPLY_REASON_COUNT; r++)
			CHECK(in_script(langs[l], smtpreply_reason_description((enum smtpreply_reason)r,
			                                                       langs[l])));
	}
	CHECK_STR(smtpreply_action_text(SMTPREPLY_ACTION_RETRY, NULL), "Retry later");
	CHECK_STR(smtpreply_party_text(SMTPREPLY_PARTY_RECIPIENT_ADMIN, "xx"),
	          "The recipient's mail administrator");
	CHECK_STR(smtpreply_action_text((enum smtpreply_action)99, "fr"), "");
	CHECK_STR(smtpreply_party_text((enum smtpreply_party)-1, "fr"), "");
	CHECK_STR(smtpreply_reason_description((enum smtpreply_reason)SMTPREPLY_REASON_COUNT, "ko"), "");

	/* The section titles the issue names, exactly. */
	CHECK_STR(smtpreply_heading_text(SMTPREPLY_HEADING_DESCRIPTION, "ko"), "설명");
	CHECK_STR(smtpreply_heading_text(SMTPREPLY_HEADING_WHEN, "ko"), "이 코드를 보게 되는 경우");
	CHECK_STR(smtpreply_heading_text(SMTPREPLY_HEADING_FIX, "ko"), "해결 방법");
	CHECK_STR(smtpreply_heading_text(SMTPREPLY_HEADING_DESCRIPTION, "ja"), "説明");
	CHECK_STR(smtpreply_heading_text(SMTPREPLY_HEADING_WHEN, "ja"), "このコードが表示される場合");
	CHECK_STR(smtpreply_heading_text(SMTPREPLY_HEADING_FIX, "ja"), "解決方法");
	CHECK_STR(smtpreply_heading_text(SMTPREPLY_HEADING_DESCRIPTION, "fr"), "Description");
	CHECK_STR(smtpreply_heading_text(SMTPREPLY_HEADING_WHEN, "fr"), "Quand vous le voyez");
	CHECK_STR(smtpreply_heading_text(SMTPREPLY_HEADING_FIX, "fr"), "Comment résoudre");

	/* Protocol words stay as they are. */
	const smtpreply_expl *e = smtpreply_explain_code_after(454, SMTPREPLY_CMD_STARTTLS);
	for (size_t l = 0; l < 3; l++)
		CHECK(strstr(smtpreply_expl_text_lang(e, SMTPREPLY_FIELD_DESCRIPTION, langs[l]),
		             "TLS") != NULL);
	/* A class entry's name keeps its code class. */
	const smtpreply_expl *c = smtpreply_explain_class(550);
	for (size_t l = 0; l < 3; l++)
		CHECK(strncmp(smtpreply_expl_text_lang(c, SMTPREPLY_FIELD_NAME, langs[l]), "5xx", 3) == 0);
}

int main(void)
{
	check_available();
	check_entries();
	check_words();
	return check_report();
}
