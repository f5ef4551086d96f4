/* count_alloc.c - the library never allocates: every heap call made while
 * parsing, looking up, classifying and formatting is counted, and the
 * count must be zero.
 *
 * glibc lets a program define malloc and friends itself; the definitions
 * here count, then hand over to glibc's own (__libc_malloc...). Built
 * without sanitizers, which replace malloc themselves. */
#include "check.h"
#include "smtpreply.h"

#include <stdlib.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);

static int counting;
static unsigned long calls;

void *malloc(size_t n)
{
	calls += counting;
	return __libc_malloc(n);
}
void *calloc(size_t a, size_t b)
{
	calls += counting;
	return __libc_calloc(a, b);
}
void *realloc(void *p, size_t n)
{
	calls += counting;
	return __libc_realloc(p, n);
}
void *aligned_alloc(size_t al, size_t n)
{
	calls += counting;
	return __libc_memalign(al, n);
}
int posix_memalign(void **out, size_t al, size_t n)
{
	calls += counting;
	*out = __libc_memalign(al, n);
	return *out ? 0 : 12;
}
void free(void *p)
{
	calls += counting && p;
	__libc_free(p);
}

static const char *const replies[] = {
	"220 mx.example.org ESMTP Postfix\r\n",
	"250-mx.example.org\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-AUTH PLAIN LOGIN\r\n"
	"250-STARTTLS\r\n250-ENHANCEDSTATUSCODES\r\n250 SMTPUTF8\r\n",
	"250 2.0.0 Ok: queued as 4XyZ12AbC\r\n",
	"550-5.7.26 This mail has been blocked because the sender is unauthenticated.\r\n"
	"550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM.\r\n"
	"550 5.7.26 https://support.google.com/mail/answer/81126 - gsmtp\r\n",
	"550 5.7.606 Access denied, banned sending IP [192.0.2.1]. "
	"[AM0EUR02FT003.eop-EUR02.prod.protection.outlook.com]\r\n",
	"421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred\r\n",
	"451 4.7.1 Greylisted, please try again later\r\n",
	"554 5.7.1 \x1b[31mhostile\x07 text \xff\xfe\r\n",
	"400-A\n400 B\n",
	"334 \r\n",
};

int main(void)
{
	static const enum smtpreply_command cmds[] = {
		SMTPREPLY_CMD_UNKNOWN, SMTPREPLY_CMD_GREETING, SMTPREPLY_CMD_EHLO,
		SMTPREPLY_CMD_RCPT, SMTPREPLY_CMD_DOT, SMTPREPLY_CMD_AUTH,
	};
	static const char *const langs[] = {NULL, "en", "fr_FR.UTF-8", "ja", "ko-KR", "xx"};
	char out[512];
	size_t sink = 0;

	/* The counter itself must see a heap call, or a zero means nothing. */
	counting = 1;
	void *volatile probe = malloc(16); /* volatile: kept, not optimised out */
	free(probe);
	CHECK_INT(calls, 2);
	calls = 0;
	for (size_t i = 0; i < sizeof replies / sizeof replies[0]; i++) {
		const char *buf = replies[i];
		size_t len = strlen(buf);
		struct smtpreply r;
		struct smtpreply_parser p;
		int n = smtpreply_parse(buf, len, NULL, &r);
		CHECK(n > 0);
		smtpreply_parser_init(&p, NULL);
		for (size_t k = 1; k <= len; k++)
			if (smtpreply_parser_parse(&p, buf, k, &r) > 0)
				break;
		struct smtpreply_iter it = {0, 0};
		struct smtpreply_str t;
		while (smtpreply_next_line(&r, &it, &t))
			sink += t.len;
		for (size_t c = 0; c < sizeof cmds / sizeof cmds[0]; c++) {
			const smtpreply_expl *e = smtpreply_explain_reply(&r, cmds[c]);
			for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++)
				sink += strlen(smtpreply_expl_text_lang(e, SMTPREPLY_FIELD_FIX, langs[l]));
			sink += strlen(smtpreply_expl_text(smtpreply_explain_reply_enhanced(&r),
			                                   SMTPREPLY_FIELD_NAME));
			sink += (size_t)smtpreply_action(&r, cmds[c]);
			enum smtpreply_reason why = smtpreply_reason(&r, cmds[c]);
			sink += strlen(smtpreply_reason_text(why, "ja"));
			sink += smtpreply_format(out, sizeof out, &r, "mx.example.org", cmds[c], 0);
			sink += smtpreply_format(out, 7, &r, NULL, cmds[c], SMTPREPLY_FMT_ASCII);
		}
		sink += smtpreply_provider(&r) != NULL;
		sink += smtpreply_explain_provider(&r) != NULL;
		sink += (size_t)smtpreply_ehlo_size(&r);
		sink += (size_t)smtpreply_ehlo_has_auth(&r, "PLAIN");
		struct smtpreply_ehlo_iter ei = {0, {0, 0, 0}};
		struct smtpreply_str kw, params;
		while (smtpreply_ehlo_next(&r, &ei, &kw, &params))
			sink += kw.len;
		sink += smtpreply_queue_id(&r).len;
	}
	sink += strlen(smtpreply_expl_text(smtpreply_explain_text("550 5.1.1"), SMTPREPLY_FIELD_WHEN));
	sink += strlen(smtpreply_expl_text(smtpreply_explain_enhanced(5, 7, 999), SMTPREPLY_FIELD_NAME));
	sink += strlen(smtpreply_language_match("ja_JP.UTF-8"));
	for (size_t i = 0; i < smtpreply_expl_count(); i++)
		sink += strlen(smtpreply_expl_text(smtpreply_expl_at(i), SMTPREPLY_FIELD_DESCRIPTION));
	counting = 0;

	CHECK(sink > 0);
	fprintf(stderr, "heap calls during parse, lookup, classify, format: %lu\n", calls);
	CHECK_INT(calls, 0);
	return check_report();
}
