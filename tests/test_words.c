/* test_words.c - the rules' word lists (src/classify.c, names_word):
 * the index of word starts, its walks and the lines kept by the phrase
 * scan against a plain reading of what a list means.
 *
 * A list's word names the text when it starts a word of a line (at an
 * ASCII letter whose byte before in the line is not one) and the line's
 * next bytes are the word's, ASCII letters of the line folded to lower
 * case, a space of the word matching a run of spaces and tabs, or a
 * line's end where the reply goes on (the next line's repeated enhanced
 * code left out): a server folds a long text at any space; not a mail
 * address's local part ("sender" in "<sender@example.org>"). The
 * reference below reads every line with smtpreply_line and tries every
 * position. Replies are
 * generated (a fixed seed): words of the lists whole, cut and glued to
 * letters, digits, '@' and '-', recased, lines of every length around
 * the 16-byte blocks, up to 24 lines (more than the scan keeps) and 200
 * words (more starts than the index holds). Each reply is asked a
 * sequence of lists, so that the first short ones are walks and the later
 * ones read the index. */
#include "check.h"
#include "smtpreply.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* names 1: names_name's reading, every word start (the reference's); 0:
 * names_word's, which passes over a host name's labels (test_labels). */
int sr_names_words_as(const struct smtpreply *reply,
                      const char *const *const *lists, size_t n,
                      int *answers, int names);

static uint32_t rnd_state = 613;

static uint32_t rnd(uint32_t n)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 8) % n;
}

static int is_letter(unsigned char c)
{
	return (unsigned)((c | 0x20u) - 'a') < 26u;
}

/* The plain reading of names_word(reply, list). */
/* The text of line li with a leading enhanced code left out (a folding
 * server repeats it on every line), for a word that goes on there. */
static struct smtpreply_str folded(const struct smtpreply *r, size_t li)
{
	struct smtpreply_str t = smtpreply_line(r, li);
	size_t k = 0, dots = 0;

	if (t.ptr == NULL || t.len < 2 || (t.ptr[0] != '2' && t.ptr[0] != '4' &&
	                                   t.ptr[0] != '5') || t.ptr[1] != '.')
		return t;
	for (k = 1; k < t.len && (t.ptr[k] == '.' ||
	                          (t.ptr[k] >= '0' && t.ptr[k] <= '9'));
	     k++)
		dots += t.ptr[k] == '.';
	if (dots == 2 && t.ptr[k - 1] != '.' && (k == t.len || t.ptr[k] == ' ')) {
		k += k < t.len;
		t.ptr += k;
		t.len -= k;
	}
	return t;
}

/* Whether the word at p (n bytes to the line's end) runs on, through an
 * address's characters, to an '@' with a letter or digit after it: a
 * mail address's local part, not a word. */
static int local_part(const unsigned char *p, size_t n)
{
	size_t k = 0;
	while (k < n && (is_letter(p[k]) || (p[k] >= '0' && p[k] <= '9') ||
	                 strchr("._-+%=", p[k]) != NULL) && p[k] != '\0')
		k++;
	return k + 1 < n && p[k] == '@' &&
	       (is_letter(p[k + 1]) || (p[k + 1] >= '0' && p[k + 1] <= '9'));
}

static int reference(const struct smtpreply *r, const char *const *list)
{
	for (size_t li = 0; li < r->nlines; li++) {
		struct smtpreply_str t = smtpreply_line(r, li);
		const unsigned char *p = (const unsigned char *)t.ptr;
		for (size_t i = 0; i < t.len; i++) {
			if (!is_letter(p[i]) || (i > 0 && is_letter(p[i - 1])))
				continue;
			for (const char *const *w = list; *w != NULL; w++) {
				size_t k = 0, j = i, m = strlen(*w), l2 = li;
				const unsigned char *q = p;
				size_t qn = t.len;
				while (k < m) {
					if (j >= qn && (*w)[k] == ' ' &&
					    l2 + 1 < r->nlines) {
						/* a space: a line's end, where
						 * the reply goes on */
						struct smtpreply_str u =
						    folded(r, ++l2);
						q = (const unsigned char *)u.ptr;
						qn = u.len;
						j = 0;
						while (j < qn && (q[j] == ' ' || q[j] == '\t'))
							j++;
						k++;
						continue;
					}
					if (j >= qn)
						break;
					if ((*w)[k] == ' ' &&
					    (q[j] == ' ' || q[j] == '\t')) {
						/* a space: a run of them */
						while (j < qn &&
						       (q[j] == ' ' || q[j] == '\t'))
							j++;
						k++;
						continue;
					}
					if ((q[j] >= 'A' && q[j] <= 'Z' ? q[j] + 32
					                                : q[j]) !=
					    (unsigned char)(*w)[k])
						break;
					j++;
					k++;
				}
				if (k == m && !local_part(p + i, t.len - i))
					return 1;
			}
		}
	}
	return 0;
}

static const char *const vocab[] = {
    "sender", "verif", "unverif", "ip", "too many", "e-mail", "doesn't",
    "connection", "refused", "try again later", "mx", "spam", "helo",
    "rate limit", "a", "zz", "quota", "send", "verify", "hop", NULL};

static void add(char *buf, size_t *n, size_t cap, const char *s)
{
	size_t m = strlen(s);
	if (*n + m < cap) {
		memcpy(buf + *n, s, m);
		*n += m;
	}
}

/* A word for the text: from the vocabulary or not, cut, recased, glued. */
static void text_word(char *buf, size_t *n, size_t cap)
{
	static const char *const glue[] = {"x", "Q", "7", "@", "-", ".", "_",
	                                   "\xc3\xa9", ""};
	static const char *const other[] = {"the", "user", "Sender", "IP4",
	                                    "unknown", "mail", "from", "zip"};
	char w[64];
	const char *src = rnd(3) ? vocab[rnd(sizeof vocab / sizeof vocab[0] - 1)]
	                         : other[rnd(8)];
	size_t m = strlen(src);

	if (rnd(6) == 0 && m > 1)
		m = 1 + rnd((uint32_t)m - 1); /* cut */
	memcpy(w, src, m);
	w[m] = '\0';
	for (size_t i = 0; i < m; i++)
		if (rnd(4) == 0 && w[i] >= 'a' && w[i] <= 'z')
			w[i] = (char)(w[i] - 32);
	if (rnd(6) == 0)
		add(buf, n, cap, glue[rnd(9)]);
	add(buf, n, cap, w);
	if (rnd(6) == 0)
		add(buf, n, cap, glue[rnd(9)]);
}

static void test_generated(void)
{
	static char raw[16384];
	const char *const *lists[6];
	int got[6];
	int differ = 0, yes = 0, asked = 0;

	for (int trial = 0; trial < 6000; trial++) {
		struct smtpreply r;
		size_t n = 0, lines = rnd(5) == 0 ? 1 + rnd(24) : 1 + rnd(3);
		size_t words = rnd(10) == 0 ? 40 + rnd(160) : 1 + rnd(10);
		const char *list_words[6][5];

		for (size_t l = 0; l < lines; l++) {
			char code[8];
			size_t per = words / lines + 1, start;
			snprintf(code, sizeof code, "550%c", l + 1 < lines ? '-' : ' ');
			add(raw, &n, sizeof raw, code);
			if (rnd(2))
				add(raw, &n, sizeof raw, "5.1.1 ");
			start = n;
			for (size_t k = 0; k < per; k++) {
				static const char *const sep[] = {" ", " ", "  ", "\t",
				                                  ", ", ""};
				if (k > 0)
					add(raw, &n, sizeof raw, sep[rnd(6)]);
				text_word(raw, &n, sizeof raw);
			}
			if (rnd(4) == 0 && n - start > 1)
				n = start + 1 + rnd((uint32_t)(n - start - 1));
			add(raw, &n, sizeof raw, "\r\n");
		}
		if (smtpreply_parse(raw, n, NULL, &r) != (int)n)
			continue; /* not one reply (a cut ended in a code) */
		for (int q = 0; q < 6; q++) {
			size_t m = 1 + (q < 2 ? rnd(2) : rnd(4));
			for (size_t k = 0; k < m; k++)
				list_words[q][k] =
				    vocab[rnd(sizeof vocab / sizeof vocab[0] - 1)];
			list_words[q][m] = NULL;
			lists[q] = list_words[q];
		}
		if (sr_names_words_as(&r, lists, 6, got, 1) != 0) {
			differ++;
			continue;
		}
		for (int q = 0; q < 6; q++) {
			int want = reference(&r, lists[q]);
			asked++;
			yes += want;
			if (got[q] != want) {
				if (differ < 5)
					fprintf(stderr, "list %d: got %d want %d: %.*s\n",
					        q, got[q], want, (int)n, raw);
				differ++;
			}
		}
	}
	CHECK_INT(differ, 0);
	/* The generated replies meet both answers often enough. */
	CHECK(asked > 30000);
	CHECK(yes > asked / 10 && yes < asked - asked / 10);
}

/* Cases at the 16-byte blocks and the line ends, each both ways. */
/* The one-word list {word} asked three times of r as the rules ask
 * (twice walked, the third time from the index), as names_word (names
 * 0) or names_name (names 1): the first and the index's answer must be
 * want. */
static void check_asked(const struct smtpreply *r, const char *word,
                        int names, int want)
{
	const char *list[] = {word, NULL};
	const char *const *lists[3] = {list, list, list};
	int got[3] = {-1, -1, -1};
	CHECK_INT(sr_names_words_as(r, lists, 3, got, names), 0);
	if (got[0] != want || got[2] != want)
		fprintf(stderr, "words: %.*s: %s as %s: %d %d, want %d\n",
		        (int)r->raw.len, r->raw.ptr, word,
		        names ? "names_name" : "names_word", got[0], got[2], want);
	CHECK_INT(got[0], want);
	CHECK_INT(got[2], want);
}

static void test_edges(void)
{
	static const struct {
		const char *reply;
		const char *word;
		int want;
	} cases[] = {
	    /* a start at byte 16 of the text, after a letter or a space */
	    {"550 aaaaaaaaaaaaaaaxsender\r\n", "sender", 0},
	    {"550 aaaaaaaaaaaaaaa sender\r\n", "sender", 1},
	    /* the last block read as the 16 bytes ending the line */
	    {"550 aaaaaaaaaaaaaaaaaaaa SENDER\r\n", "sender", 1},
	    {"550 aaaaaaaaaaaaaaaaaaaaxSENDER\r\n", "sender", 0},
	    /* a word cut by the line's end is not there, nor across lines */
	    {"550-sen\r\n550 der\r\n", "sender", 0},
	    /* a space of a word matches a line's end where the reply goes
	     * on, the enhanced code a folding server repeats left out */
	    {"550-try again\r\n550 later\r\n", "try again later", 1},
	    {"550-5.7.1 try again\r\n550 5.7.1 later\r\n", "try again later", 1},
	    {"550-try again\r\n550 5.7.1 later\r\n", "try again later", 1},
	    {"550-try\r\n550-again\r\n550 later\r\n", "try again later", 1},
	    {"550-try again\r\n550 xlater\r\n", "try again later", 0},
	    {"550-try again\r\n550 4later\r\n", "try again later", 0},
	    /* a space of a word: a run of spaces and tabs, as the phrase
	     * scan reads white space */
	    {"550 try again  later\r\n", "try again later", 1},
	    {"550 try again \t later\r\n", "try again later", 1},
	    {"550 try againlater\r\n", "try again later", 0},
	    {"550 try again-later\r\n", "try again later", 0},
	    {"550 try again later\r\n", "try again later", 1},
	    {"550 sende\r\n", "sender", 0},
	    /* a digit or '@' before a word is not a letter */
	    {"550 1sender\r\n", "sender", 1},
	    {"550 a@sender.example\r\n", "sender", 1},
	    /* a mail address's local part is a name, not a word */
	    {"550 <sender@example.org>\r\n", "sender", 0},
	    {"550 sender.name+x@example.org\r\n", "sender", 0},
	    {"550 sender <a@example.org>\r\n", "sender", 1},
	    {"550 sender@\r\n", "sender", 1},
	    {"550 \xc3\xa9sender\r\n", "sender", 1},
	    /* a word may go on */
	    {"550 verification failed\r\n", "verif", 1},
	    {"550 unverified\r\n", "verif", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct smtpreply r;
		const char *list[] = {cases[i].word, NULL};
		size_t n = strlen(cases[i].reply);
		CHECK_INT(smtpreply_parse(cases[i].reply, n, NULL, &r), (int)n);
		CHECK_INT(reference(&r, list), cases[i].want);
		check_asked(&r, cases[i].word, 1, cases[i].want);
	}
}

/* names_word passes over a word that is a whole label of a dotted host
 * name ending in a top-level domain, or a whole '-' part of one (the
 * phrase scan's rule, src/reason_scan.c host_word); names_name, for the
 * lists that name machines and domains on purpose, reads it. Each case:
 * names_word's answer, walked and from the index (names_name's is 1). */
static void test_labels(void)
{
	static const struct {
		const char *reply;
		const char *word;
		int want;
	} cases[] = {
	    {"421 Timeout talking to timeout.example.org\r\n", "timeout", 1},
	    {"421 talking to timeout.example.org timed out\r\n", "timeout", 0},
	    {"550 rejected by blocked.example.net\r\n", "block", 0},
	    {"550 rejected by mx.blocked.example.net\r\n", "block", 0},
	    {"452 quota: smtp-quota.example.net\r\n", "quota", 1},
	    {"452 full at smtp-quota.example.net\r\n", "quota", 0},
	    {"550 from dns.example.org\r\n", "dns", 0},
	    /* a list word starts a word and may go on ("block" names
	     * "blocked"): a label it starts is passed over whole; one glued
	     * after letters starts no word at all */
	    {"550 from antispam.example.org\r\n", "spam", 0},
	    {"550 from spamfilter.example.org\r\n", "spam", 0},
	    /* no top-level domain: a vendor's dotted identifier, a file */
	    {"554 Heuristics.Phishing.Email.SpoofedDomain\r\n", "phishing", 1},
	    {"550 see spam.html\r\n", "spam", 1},
	    /* a sentence's full stop, an ellipsis: no host name */
	    {"550 Blocked. Contact us\r\n", "block", 1},
	    {"550 spam... rejected\r\n", "spam", 1},
	    /* a URL's path */
	    {"550 see http://example.org/spam.example.com\r\n", "spam", 1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct smtpreply r;
		const char *list[] = {cases[i].word, NULL};
		size_t n = strlen(cases[i].reply);
		CHECK_INT(smtpreply_parse(cases[i].reply, n, NULL, &r), (int)n);
		check_asked(&r, cases[i].word, 0, cases[i].want);
		check_asked(&r, cases[i].word, 1, reference(&r, list));
	}
}

int main(void)
{
	test_edges();
	test_labels();
	test_generated();
	return check_report();
}
