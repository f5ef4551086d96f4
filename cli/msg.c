/* msg.c - the CLI's own words in en, fr, ja, ko.
 *
 * French puts a no-break space (U+00A0) before ":" and inside guillemets;
 * Japanese uses full-width parentheses and colon with no spaces. */
#include "msg.h"

#include <string.h>


static const char *const en[M_COUNT] = {
	[M_JOIN] = "%s: %s",
	[M_AFTER] = "(after %s)",
	[M_PAREN] = "(%s)",
	[M_PROVIDER_WORD] = "provider",
	[M_VS] = "vs",
	[M_SAME] = " (=)",
	[M_CODE] = "Code",
	[M_PROVIDER] = "Provider",
	[M_FLAGS] = "Flags",
	[M_NOT_REPLIES] = "Not replies",
	[M_OTHER] = "other",
	[M_OTHER_PAREN] = "(other)",
	[M_REPLY] = "reply",
	[M_REPLIES] = "replies",
	[M_NOT_REPLY] = "not a reply",
	[M_NOT_REPLY_PL] = "not replies",
	[M_BYTE] = "byte",
	[M_BYTES] = "bytes",
	[M_IN] = "%s in %s",
	[M_OFFSET] = "Offset",
	[M_FILE] = "File",
	[M_ACTION_COL] = "Action",
	[M_REASON_COL] = "Reason",
	[M_NAME_COL] = "Meaning",
	[M_TEXT_COL] = "Text",
	[M_DOMAIN] = "Remote domain",
	[M_VERDICT] = "Verdict",
	[M_RECIPIENTS] = "recipient",
};

static const char *const fr[M_COUNT] = {
	[M_JOIN] = "%s\u00a0: %s", /* no-break space before the colon */
	[M_AFTER] = "(après %s)",
	[M_PAREN] = "(%s)",
	[M_PROVIDER_WORD] = "fournisseur",
	[M_VS] = "contre",
	[M_SAME] = " (=)",
	[M_CODE] = "Code",
	[M_PROVIDER] = "Fournisseur",
	[M_FLAGS] = "Indicateurs",
	[M_NOT_REPLIES] = "Pas des réponses",
	[M_OTHER] = "autre",
	[M_OTHER_PAREN] = "(autre)",
	[M_REPLY] = "réponse",
	[M_REPLIES] = "réponses",
	[M_NOT_REPLY] = "pas une réponse",
	[M_NOT_REPLY_PL] = "pas des réponses",
	[M_BYTE] = "octet",
	[M_BYTES] = "octets",
	[M_IN] = "%s dans %s",
	[M_OFFSET] = "Position",
	[M_FILE] = "Fichier",
	[M_ACTION_COL] = "Action",
	[M_REASON_COL] = "Raison",
	[M_NAME_COL] = "Sens",
	[M_TEXT_COL] = "Texte",
	[M_DOMAIN] = "Domaine distant",
	[M_VERDICT] = "Verdict",
	[M_RECIPIENTS] = "destinataire",
};

static const char *const ja[M_COUNT] = {
	[M_JOIN] = "%s：%s",
	[M_AFTER] = "（%s の後）",
	[M_PAREN] = "（%s）",
	[M_PROVIDER_WORD] = "プロバイダー",
	[M_VS] = "対",
	[M_SAME] = "（同じ）",
	[M_CODE] = "コード",
	[M_PROVIDER] = "プロバイダー",
	[M_FLAGS] = "フラグ",
	[M_NOT_REPLIES] = "応答でないもの",
	[M_OTHER] = "その他",
	[M_OTHER_PAREN] = "（その他）",
	[M_REPLY] = "件の応答",
	[M_REPLIES] = "件の応答",
	[M_NOT_REPLY] = "応答ではありません",
	[M_NOT_REPLY_PL] = "件の非応答",
	[M_BYTE] = "バイト",
	[M_BYTES] = "バイト",
	[M_IN] = "%s（%s 中）",
	[M_OFFSET] = "位置",
	[M_FILE] = "ファイル",
	[M_ACTION_COL] = "対処",
	[M_REASON_COL] = "理由",
	[M_NAME_COL] = "意味",
	[M_TEXT_COL] = "本文",
	[M_DOMAIN] = "相手ドメイン",
	[M_VERDICT] = "判定",
	[M_RECIPIENTS] = "宛先",
};

static const char *const ko[M_COUNT] = {
	[M_JOIN] = "%s: %s",
	[M_AFTER] = "(%s 이후)",
	[M_PAREN] = "(%s)",
	[M_PROVIDER_WORD] = "제공자",
	[M_VS] = "대",
	[M_SAME] = " (=)",
	[M_CODE] = "코드",
	[M_PROVIDER] = "제공자",
	[M_FLAGS] = "플래그",
	[M_NOT_REPLIES] = "응답이 아님",
	[M_OTHER] = "기타",
	[M_OTHER_PAREN] = "(기타)",
	[M_REPLY] = "개 응답",
	[M_REPLIES] = "개 응답",
	[M_NOT_REPLY] = "응답 아님",
	[M_NOT_REPLY_PL] = "개 비응답",
	[M_BYTE] = "바이트",
	[M_BYTES] = "바이트",
	[M_IN] = "%s, %s 중",
	[M_OFFSET] = "위치",
	[M_FILE] = "파일",
	[M_ACTION_COL] = "조치",
	[M_REASON_COL] = "이유",
	[M_NAME_COL] = "의미",
	[M_TEXT_COL] = "본문",
	[M_DOMAIN] = "상대 도메인",
	[M_VERDICT] = "판정",
	[M_RECIPIENTS] = "수신자",
};

static const char *const *table_for(const char *lang)
{
	if (lang == NULL)
		return en;
	if (strncmp(lang, "fr", 2) == 0)
		return fr;
	if (strncmp(lang, "ja", 2) == 0)
		return ja;
	if (strncmp(lang, "ko", 2) == 0)
		return ko;
	return en;
}

const char *msg(enum msg id, const char *lang)
{
	if ((unsigned)id >= M_COUNT)
		return "";
	const char *s = table_for(lang)[id];
	return s ? s : en[id] ? en[id] : "";
}

const char *msg_n(enum msg singular, unsigned long long n, const char *lang)
{
	int one = lang && strncmp(lang, "fr", 2) == 0 ? n <= 1 : n == 1;
	return msg(one ? singular : (enum msg)(singular + 1), lang);
}
