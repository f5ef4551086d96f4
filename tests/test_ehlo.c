/* test_ehlo.c - EHLO extensions (keywords, SIZE, AUTH) and queue ids. */
#include "check.h"
#include "smtpreply.h"

#include <limits.h>
#include <string.h>


static int view_is(struct smtpreply_str v, const char *s)
{
	return v.ptr != NULL && v.len == strlen(s) && memcmp(v.ptr, s, v.len) == 0;
}
#define CHECK_VIEW(v, s)                                                    \
	do {                                                                \
		struct smtpreply_str v_ = (v);                              \
		if (!view_is(v_, s))                                        \
			fprintf(stderr, "view is \"%.*s\", want \"%s\"\n", \
			        v_.ptr ? (int)v_.len : 6,                  \
			        v_.ptr ? v_.ptr : "(null)", s);            \
		CHECK(view_is(v_, s));                                      \
	} while (0)
#define CHECK_NONE(v)                                                       \
	do {                                                                \
		struct smtpreply_str v_ = (v);                              \
		CHECK(v_.ptr == NULL && v_.len == 0);                       \
	} while (0)

/* Postfix 3.x, captured from a real server (tests/data/captures). */
static const char postfix[] = "250-mx.postfix.test\r\n"
                              "250-PIPELINING\r\n"
                              "250-SIZE 10240000\r\n"
                              "250-VRFY\r\n"
                              "250-ETRN\r\n"
                              "250-STARTTLS\r\n"
                              "250-AUTH PLAIN LOGIN\r\n"
                              "250-AUTH=PLAIN LOGIN\r\n"
                              "250-ENHANCEDSTATUSCODES\r\n"
                              "250-8BITMIME\r\n"
                              "250-DSN\r\n"
                              "250-SMTPUTF8\r\n"
                              "250 CHUNKING\r\n";

static void test_iterate(void)
{
	static const char *const kw[] = {
	    "PIPELINING", "SIZE", "VRFY", "ETRN", "STARTTLS", "AUTH", "AUTH",
	    "ENHANCEDSTATUSCODES", "8BITMIME", "DSN", "SMTPUTF8", "CHUNKING"};
	static const char *const pa[] = {"", "10240000", "", "", "",
	                                 "PLAIN LOGIN", "PLAIN LOGIN", "", "",
	                                 "", "", ""};
	struct smtpreply r = parse_n(postfix, sizeof postfix - 1);
	struct smtpreply_ehlo_iter it;
	struct smtpreply_str k, p;
	size_t n = 0;

	memset(&it, 0, sizeof it);
	while (smtpreply_ehlo_next(&r, &it, &k, &p)) {
		if (n < 12) {
			CHECK_VIEW(k, kw[n]);
			CHECK_INT(p.len, strlen(pa[n]));
			CHECK(p.len == 0 || memcmp(p.ptr, pa[n], p.len) == 0);
			/* Views into the caller's buffer. */
			CHECK(k.ptr > postfix && k.ptr < postfix + sizeof postfix);
		}
		n++;
	}
	CHECK_INT(n, 12);
	CHECK_NONE(k);
	/* An exhausted iterator stays exhausted. */
	CHECK_INT(smtpreply_ehlo_next(&r, &it, &k, &p), 0);
	/* NULL outputs are allowed. */
	memset(&it, 0, sizeof it);
	n = 0;
	while (smtpreply_ehlo_next(&r, &it, NULL, NULL))
		n++;
	CHECK_INT(n, 12);

	/* Exim's first line names the client: still skipped. */
	r = P("250-mx.exim.test Hello client.example [127.0.0.1]\r\n"
	      "250-SIZE 10485760\r\n250-8BITMIME\r\n250-PIPELINING\r\n"
	      "250-PIPECONNECT\r\n250-CHUNKING\r\n250-SMTPUTF8\r\n250 HELP\r\n");
	memset(&it, 0, sizeof it);
	CHECK_INT(smtpreply_ehlo_next(&r, &it, &k, &p), 1);
	CHECK_VIEW(k, "SIZE");
	CHECK_VIEW(p, "10485760");
	n = 1;
	while (smtpreply_ehlo_next(&r, &it, &k, &p))
		n++;
	CHECK_INT(n, 7);

	/* Blanks, tabs, empty lines, LIMITS with several parameters. */
	r = P("250-mx\r\n250-  LIMITS RCPTMAX=100 MAILMAX=50  \r\n250-\r\n"
	      "250-   \r\n250-X-OPT\tone two\t\r\n250 REQUIRETLS\r\n");
	memset(&it, 0, sizeof it);
	CHECK_INT(smtpreply_ehlo_next(&r, &it, &k, &p), 1);
	CHECK_VIEW(k, "LIMITS");
	CHECK_VIEW(p, "RCPTMAX=100 MAILMAX=50");
	CHECK_INT(smtpreply_ehlo_next(&r, &it, &k, &p), 1);
	CHECK_VIEW(k, "X-OPT");
	CHECK_VIEW(p, "one two");
	CHECK_INT(smtpreply_ehlo_next(&r, &it, &k, &p), 1);
	CHECK_VIEW(k, "REQUIRETLS");
	CHECK_INT(p.len, 0);
	CHECK_INT(smtpreply_ehlo_next(&r, &it, &k, &p), 0);

	/* One line (a HELO-style answer): no extensions. */
	r = P("250 mx.example.com\r\n");
	memset(&it, 0, sizeof it);
	CHECK_INT(smtpreply_ehlo_next(&r, &it, &k, &p), 0);
	CHECK_INT(smtpreply_ehlo_next(&r, &it, &k, &p), 0);
	/* Not a 250: no extensions. */
	r = P("550-mx\r\n550 SIZE 100\r\n");
	memset(&it, 0, sizeof it);
	CHECK_INT(smtpreply_ehlo_next(&r, &it, &k, &p), 0);
	CHECK_INT(smtpreply_ehlo_size(&r), -1);
	/* NULL arguments. */
	memset(&it, 0, sizeof it);
	CHECK_INT(smtpreply_ehlo_next(NULL, &it, &k, &p), 0);
	CHECK_INT(smtpreply_ehlo_next(&r, NULL, &k, &p), 0);
	CHECK_INT(smtpreply_ehlo_find(NULL, "SIZE", &p), 0);
	CHECK_INT(smtpreply_ehlo_size(NULL), -1);
	CHECK_INT(smtpreply_ehlo_has_auth(NULL, "PLAIN"), 0);
	struct smtpreply z;
	memset(&z, 0, sizeof z);
	CHECK_INT(smtpreply_ehlo_size(&z), -1);
}

static void test_find(void)
{
	struct smtpreply r = parse_n(postfix, sizeof postfix - 1);
	struct smtpreply_str p;

	CHECK_INT(smtpreply_ehlo_find(&r, "SIZE", &p), 1);
	CHECK_VIEW(p, "10240000");
	CHECK_INT(smtpreply_ehlo_find(&r, "starttls", &p), 1);
	CHECK_INT(p.len, 0);
	CHECK_INT(smtpreply_ehlo_find(&r, "StartTLS", NULL), 1);
	static const char *const have[] = {
	    "ENHANCEDSTATUSCODES", "PIPELINING", "8BITMIME", "SMTPUTF8",
	    "CHUNKING", "DSN", "VRFY", "ETRN"};
	for (size_t i = 0; i < sizeof have / sizeof have[0]; i++)
		CHECK_INT(smtpreply_ehlo_find(&r, have[i], NULL), 1);
	CHECK_INT(smtpreply_ehlo_find(&r, "REQUIRETLS", &p), 0);
	CHECK_NONE(p);
	CHECK_INT(smtpreply_ehlo_find(&r, "LIMITS", NULL), 0);
	CHECK_INT(smtpreply_ehlo_find(&r, "SIZ", NULL), 0);
	CHECK_INT(smtpreply_ehlo_find(&r, "SIZES", NULL), 0);
	CHECK_INT(smtpreply_ehlo_find(&r, "", NULL), 0);
	CHECK_INT(smtpreply_ehlo_find(&r, NULL, &p), 0);
	/* The server name on the first line is not an extension. */
	CHECK_INT(smtpreply_ehlo_find(&r, "mx.postfix.test", NULL), 0);
	/* Old form: "AUTH=LOGIN" is keyword AUTH. */
	r = P("250-mx\r\n250 AUTH=LOGIN\r\n");
	CHECK_INT(smtpreply_ehlo_find(&r, "AUTH", &p), 1);
	CHECK_VIEW(p, "LOGIN");
}

static void test_size(void)
{
	struct smtpreply r = parse_n(postfix, sizeof postfix - 1);
	CHECK_INT(smtpreply_ehlo_size(&r), 10240000);
	r = P("250-mx\r\n250 SIZE\r\n");
	CHECK_INT(smtpreply_ehlo_size(&r), 0);
	r = P("250-mx\r\n250 SIZE 0\r\n");
	CHECK_INT(smtpreply_ehlo_size(&r), 0);
	r = P("250-mx\r\n250 size   35882577  \r\n");
	CHECK_INT(smtpreply_ehlo_size(&r), 35882577);
	r = P("250-mx\r\n250 SIZE 9223372036854775807\r\n");
	CHECK_INT(smtpreply_ehlo_size(&r), LLONG_MAX);
	r = P("250-mx\r\n250 SIZE 9223372036854775808\r\n");
	CHECK_INT(smtpreply_ehlo_size(&r), LLONG_MAX);
	r = P("250-mx\r\n250 SIZE 99999999999999999999999999999999999999999\r\n");
	CHECK_INT(smtpreply_ehlo_size(&r), LLONG_MAX);
	r = P("250-mx\r\n250 SIZE 00000000000000000000000000000000000000001\r\n");
	CHECK_INT(smtpreply_ehlo_size(&r), 1);
	r = P("250-mx\r\n250 SIZE abc\r\n");
	CHECK_INT(smtpreply_ehlo_size(&r), 0);
	r = P("250-mx\r\n250 SIZE -5\r\n");
	CHECK_INT(smtpreply_ehlo_size(&r), 0);
	r = P("250-mx\r\n250 SIZE 100x\r\n");
	CHECK_INT(smtpreply_ehlo_size(&r), 0);
	r = P("250-mx\r\n250 SIZE 100 extra\r\n");
	CHECK_INT(smtpreply_ehlo_size(&r), 100);
	r = P("250-mx\r\n250 PIPELINING\r\n");
	CHECK_INT(smtpreply_ehlo_size(&r), -1);
}

static void test_auth(void)
{
	struct smtpreply r = parse_n(postfix, sizeof postfix - 1);
	CHECK_INT(smtpreply_ehlo_has_auth(&r, "PLAIN"), 1);
	CHECK_INT(smtpreply_ehlo_has_auth(&r, "login"), 1);
	CHECK_INT(smtpreply_ehlo_has_auth(&r, "CRAM-MD5"), 0);
	CHECK_INT(smtpreply_ehlo_has_auth(&r, "PLAI"), 0);
	CHECK_INT(smtpreply_ehlo_has_auth(&r, "PLAINX"), 0);
	CHECK_INT(smtpreply_ehlo_has_auth(&r, ""), 0);
	CHECK_INT(smtpreply_ehlo_has_auth(&r, NULL), 0);
	/* Only the old form, with tabs and several spaces. */
	r = P("250-mx\r\n250-AUTH=LOGIN\t CRAM-MD5\r\n250 XOAUTH2\r\n");
	CHECK_INT(smtpreply_ehlo_has_auth(&r, "LOGIN"), 1);
	CHECK_INT(smtpreply_ehlo_has_auth(&r, "cram-md5"), 1);
	CHECK_INT(smtpreply_ehlo_has_auth(&r, "XOAUTH2"), 0);
	/* Mechanisms spread over two AUTH lines. */
	r = P("250-mx\r\n250-AUTH PLAIN\r\n250 AUTH XOAUTH2 OAUTHBEARER\r\n");
	CHECK_INT(smtpreply_ehlo_has_auth(&r, "oauthbearer"), 1);
	/* AUTH offered with no mechanism. */
	r = P("250-mx\r\n250 AUTH\r\n");
	CHECK_INT(smtpreply_ehlo_has_auth(&r, "PLAIN"), 0);
	CHECK_INT(smtpreply_ehlo_find(&r, "AUTH", NULL), 1);
	/* No AUTH at all. */
	r = P("250-mx\r\n250 PIPELINING\r\n");
	CHECK_INT(smtpreply_ehlo_has_auth(&r, "PLAIN"), 0);
}

static void test_queue_id(void)
{
	struct smtpreply r;

	/* Postfix (real capture). */
	r = P("250 2.0.0 Ok: queued as 31027A72648\r\n");
	CHECK_VIEW(smtpreply_queue_id(&r), "31027A72648");
	r = P("250 2.0.0 Ok: queued as 4XyZ1n2Lq5z9kLm\r\n");
	CHECK_VIEW(smtpreply_queue_id(&r), "4XyZ1n2Lq5z9kLm");
	/* Exim (real capture). */
	r = P("250 OK id=1xVJop-0003WQ-1W\r\n");
	CHECK_VIEW(smtpreply_queue_id(&r), "1xVJop-0003WQ-1W");
	/* Sendmail. */
	r = P("250 2.0.0 5AN2UBx4012345 Message accepted for delivery\r\n");
	CHECK_VIEW(smtpreply_queue_id(&r), "5AN2UBx4012345");
	/* Gmail: the id of its Received header, not the time before it. */
	r = P("250 2.0.0 OK  1700000000 d9443c01a7336-1e2a3b4c5d6si123456.789 "
	      "- gsmtp\r\n");
	CHECK_VIEW(smtpreply_queue_id(&r), "d9443c01a7336-1e2a3b4c5d6si123456.789");
	/* Exchange / Microsoft 365: the InternalId, not the "Id=" in it. */
	r = P("250 2.6.0 <CAF=abc@mail.gmail.com> [InternalId=25413138175011, "
	      "Hostname=AM0PR02MB1234.eurprd02.prod.outlook.com] 10543 bytes in "
	      "0.061, 167.469 KB/sec Queued mail for delivery\r\n");
	CHECK_VIEW(smtpreply_queue_id(&r), "25413138175011");
	r = P("250 2.6.0 <abc123@example.org> Queued mail for delivery\r\n");
	CHECK_VIEW(smtpreply_queue_id(&r), "abc123@example.org");
	/* qmail. */
	r = P("250 ok 1700000000 qp 12345\r\n");
	CHECK_VIEW(smtpreply_queue_id(&r), "12345");
	/* Amazon SES. */
	r = P("250 Ok 0100018f9fd1b9c9-5a0f6c1e-8e7b-4c0f-9f43-0a1b2c3d4e5f-000000"
	      "\r\n");
	CHECK_VIEW(smtpreply_queue_id(&r),
	           "0100018f9fd1b9c9-5a0f6c1e-8e7b-4c0f-9f43-0a1b2c3d4e5f-000000");
	/* Multiline: found on a later line. */
	r = P("250-2.0.0 Thanks\r\n250 2.0.0 Ok: queued as ABC123\r\n");
	CHECK_VIEW(smtpreply_queue_id(&r), "ABC123");
	/* A trailing period is not part of the id. */
	r = P("250 Queued as ABC123.\r\n");
	CHECK_VIEW(smtpreply_queue_id(&r), "ABC123");

	/* None. */
	r = P("250 2.0.0 Ok\r\n");
	CHECK_NONE(smtpreply_queue_id(&r));
	r = P("250 OK\r\n");
	CHECK_NONE(smtpreply_queue_id(&r));
	r = P("250 2.0.0 Ok: queued as\r\n");
	CHECK_NONE(smtpreply_queue_id(&r));
	r = P("250 2.0.0 Ok: queued as  \r\n");
	CHECK_NONE(smtpreply_queue_id(&r));
	r = P("250 valid=yes\r\n");
	CHECK_NONE(smtpreply_queue_id(&r));
	r = P("250 ok 0123\r\n");
	CHECK_NONE(smtpreply_queue_id(&r));
	r = P("250\r\n");
	CHECK_NONE(smtpreply_queue_id(&r));
	/* Not a success: no queue id, whatever the text says. */
	r = P("451 4.3.0 Ok: queued as ABC123\r\n");
	CHECK_NONE(smtpreply_queue_id(&r));
	r = P("550 id=xyz\r\n");
	CHECK_NONE(smtpreply_queue_id(&r));
	CHECK_NONE(smtpreply_queue_id(NULL));
	struct smtpreply z;
	memset(&z, 0, sizeof z);
	CHECK_NONE(smtpreply_queue_id(&z));
}

int main(void)
{
	test_iterate();
	test_find();
	test_size();
	test_auth();
	test_queue_id();
	return check_report();
}
