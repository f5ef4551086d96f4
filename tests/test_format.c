/* test_format.c - smtpreply_format: the log line, its escapes, and the
 * snprintf contract at every buffer size. */
#include "check.h"
#include "smtpreply.h"

#include <stdlib.h>
#include <string.h>


static char line[4096];

static const char *fmt(const struct smtpreply *r, const char *host,
                       enum smtpreply_command cmd, unsigned flags)
{
	size_t n = smtpreply_format(line, sizeof line, r, host, cmd, flags);
	CHECK(n < sizeof line);
	CHECK_INT(strlen(line), n);
	return line;
}

/* The snprintf contract at every size from 0 to needed + 1: same return
 * value, never a byte past size, NUL-terminated, a prefix of the full line
 * cut by whole pieces (an escape or a UTF-8 character is at most 4 bytes). */
static void every_size(const struct smtpreply *r, const char *host,
                       enum smtpreply_command cmd, unsigned flags)
{
	char full[4096], buf[4200];
	size_t need = smtpreply_format(full, sizeof full, r, host, cmd, flags);
	CHECK(need < sizeof full);
	CHECK_INT(smtpreply_format(NULL, 0, r, host, cmd, flags), need);
	for (size_t size = 0; size <= need + 1; size++) {
		memset(buf, 'Z', sizeof buf);
		size_t got = smtpreply_format(size ? buf : NULL, size, r, host,
		                              cmd, flags);
		if (got != need) {
			CHECK_INT(got, need);
			return;
		}
		int ok = 1;
		for (size_t i = size; i < sizeof buf; i++)
			if (buf[i] != 'Z')
				ok = 0;
		if (size > 0) {
			size_t len = strnlen(buf, size);
			ok = ok && len < size;
			ok = ok && memcmp(buf, full, len) == 0;
			if (size > need)
				ok = ok && len == need;
			else
				ok = ok && len + 3 >= size - 1 && len <= size - 1;
		}
		if (!ok) {
			fprintf(stderr, "size %zu: bad output\n", size);
			CHECK(ok);
			return;
		}
	}
	CHECK(1);
}

static void test_basic(void)
{
	struct smtpreply r = P("550 5.1.1 <a@b>: User unknown\r\n");
	CHECK_STR(fmt(&r, "mx.example.com", SMTPREPLY_CMD_RCPT, 0),
	          "host mx.example.com said: 550 5.1.1 <a@b>: User unknown "
	          "(in reply to RCPT TO command)");
	CHECK_STR(fmt(&r, NULL, SMTPREPLY_CMD_UNKNOWN, 0),
	          "550 5.1.1 <a@b>: User unknown");
	CHECK_STR(fmt(&r, "", SMTPREPLY_CMD_UNKNOWN, 0),
	          "550 5.1.1 <a@b>: User unknown");
	CHECK_STR(fmt(&r, NULL, SMTPREPLY_CMD_MAIL, 0),
	          "550 5.1.1 <a@b>: User unknown (in reply to MAIL FROM command)");
	CHECK_STR(fmt(&r, NULL, SMTPREPLY_CMD_DOT, 0),
	          "550 5.1.1 <a@b>: User unknown (in reply to end of DATA command)");
	CHECK_STR(fmt(&r, NULL, SMTPREPLY_CMD_GREETING, 0),
	          "550 5.1.1 <a@b>: User unknown (in reply to initial greeting)");
	CHECK_STR(fmt(&r, NULL, SMTPREPLY_CMD_STARTTLS, 0),
	          "550 5.1.1 <a@b>: User unknown (in reply to STARTTLS command)");
	CHECK_STR(fmt(&r, NULL, SMTPREPLY_CMD_ATRN, 0),
	          "550 5.1.1 <a@b>: User unknown (in reply to ATRN command)");
	CHECK_STR(fmt(&r, NULL, (enum smtpreply_command)99, 0),
	          "550 5.1.1 <a@b>: User unknown");
	CHECK_STR(fmt(&r, NULL, (enum smtpreply_command)-1, 0),
	          "550 5.1.1 <a@b>: User unknown");

	static const char *const words[] = {
	    "", " (in reply to initial greeting)", " (in reply to EHLO command)",
	    " (in reply to HELO command)", " (in reply to MAIL FROM command)",
	    " (in reply to RCPT TO command)", " (in reply to DATA command)",
	    " (in reply to end of DATA command)", " (in reply to BDAT command)",
	    " (in reply to RSET command)", " (in reply to VRFY command)",
	    " (in reply to EXPN command)", " (in reply to HELP command)",
	    " (in reply to NOOP command)", " (in reply to QUIT command)",
	    " (in reply to AUTH command)", " (in reply to STARTTLS command)",
	    " (in reply to ETRN command)", " (in reply to ATRN command)"};
	struct smtpreply q = P("221 2.0.0 Bye\r\n");
	for (int c = 0; c <= SMTPREPLY_CMD_ATRN; c++) {
		char want[100];
		snprintf(want, sizeof want, "221 2.0.0 Bye%s", words[c]);
		CHECK_STR(fmt(&q, NULL, (enum smtpreply_command)c, 0), want);
	}
}

static void test_lines(void)
{
	/* Gmail's multiline reply: the enhanced code once, single spaces. */
	struct smtpreply r =
	    P("550-5.1.1 The email account that you tried to reach does not "
	      "exist. Please try\r\n"
	      "550-5.1.1 double-checking the recipient's email address for "
	      "typos or\r\n"
	      "550-5.1.1 unnecessary spaces. For more information, go to\r\n"
	      "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser "
	      "a1si123 - gsmtp\r\n");
	CHECK_STR(fmt(&r, "gmail-smtp-in.l.google.com", SMTPREPLY_CMD_RCPT, 0),
	          "host gmail-smtp-in.l.google.com said: 550 5.1.1 The email "
	          "account that you tried to reach does not exist. Please try "
	          "double-checking the recipient's email address for typos or "
	          "unnecessary spaces. For more information, go to "
	          "https://support.google.com/mail/?p=NoSuchUser a1si123 - gsmtp "
	          "(in reply to RCPT TO command)");
	every_size(&r, "gmail-smtp-in.l.google.com", SMTPREPLY_CMD_RCPT, 0);

	/* Empty text, empty lines, blanks at the line ends. */
	r = P("250\r\n");
	CHECK_STR(fmt(&r, NULL, SMTPREPLY_CMD_UNKNOWN, 0), "250");
	r = P("250 \r\n");
	CHECK_STR(fmt(&r, NULL, SMTPREPLY_CMD_UNKNOWN, 0), "250");
	r = P("250-\r\n250-  a  \r\n250-\t\r\n250 b\r\n");
	CHECK_STR(fmt(&r, NULL, SMTPREPLY_CMD_UNKNOWN, 0), "250 a b");
	r = P("220-mx.exim.test ESMTP Exim 4.96\r\n"
	      "220 No unsolicited bulk mail, please.\r\n");
	CHECK_STR(fmt(&r, "mx.exim.test", SMTPREPLY_CMD_GREETING, 0),
	          "host mx.exim.test said: 220 mx.exim.test ESMTP Exim 4.96 No "
	          "unsolicited bulk mail, please. (in reply to initial greeting)");
	/* Internal runs of spaces are the server's: kept. */
	r = P("554 a  b\r\n");
	CHECK_STR(fmt(&r, NULL, SMTPREPLY_CMD_UNKNOWN, 0), "554 a  b");
	/* A line with another enhanced code keeps it in its text. */
	r = P("550-5.1.1 a\r\n550 5.7.1 b\r\n");
	fmt(&r, NULL, SMTPREPLY_CMD_UNKNOWN, 0);
	CHECK(strstr(line, "550 5.1.1 a") == line || strstr(line, "550 a") == line);
	/* A code-less line inside a multiline reply is text. */
	r = P("250-first\r\nno code here\r\n250 last\r\n");
	CHECK_STR(fmt(&r, NULL, SMTPREPLY_CMD_UNKNOWN, 0),
	          "250 first no code here last");
}

static void test_escapes(void)
{
	struct smtpreply r;

	/* Terminal escapes, NUL, DEL, backslash, bare CR, TAB. */
	r = P("550 \x1b[31mred\x1b[0m\r\n");
	CHECK_STR(fmt(&r, NULL, SMTPREPLY_CMD_UNKNOWN, 0),
	          "550 \\x1B[31mred\\x1B[0m");
	every_size(&r, NULL, SMTPREPLY_CMD_UNKNOWN, 0);
	r = P("550 a\0b\x7f" "c\\d\r\n");
	CHECK_STR(fmt(&r, NULL, SMTPREPLY_CMD_UNKNOWN, 0),
	          "550 a\\x00b\\x7Fc\\\\d");
	r = P("550 forged\rline\r\n");
	CHECK_STR(fmt(&r, NULL, SMTPREPLY_CMD_UNKNOWN, 0),
	          "550 forged\\rline");
	r = P("550 a\tb\x01" "c\x1f\r\n");
	CHECK_STR(fmt(&r, NULL, SMTPREPLY_CMD_UNKNOWN, 0),
	          "550 a\\tb\\x01c\\x1F");
	every_size(&r, "h\x1b]0;title\x07\n", SMTPREPLY_CMD_RCPT, 0);

	/* The host is sanitised the same way. */
	r = P("250 ok\r\n");
	CHECK_STR(fmt(&r, "evil\nhost\x1b[2J\\", SMTPREPLY_CMD_UNKNOWN, 0),
	          "host evil\\nhost\\x1B[2J\\\\ said: 250 ok");
	CHECK_STR(fmt(&r, "h\xc3\xa9te", SMTPREPLY_CMD_UNKNOWN, 0),
	          "host h\xc3\xa9te said: 250 ok");
	CHECK_STR(fmt(&r, "h\xc3\xa9te", SMTPREPLY_CMD_UNKNOWN,
	              SMTPREPLY_FMT_ASCII),
	          "host h\\xC3\\xA9te said: 250 ok");
	CHECK_STR(fmt(&r, "h\xff", SMTPREPLY_CMD_UNKNOWN, 0),
	          "host h\\xFF said: 250 ok");

	/* UTF-8: valid kept, invalid escaped byte by byte. */
	r = P("550 caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\xa7\r\n");
	CHECK_STR(fmt(&r, NULL, SMTPREPLY_CMD_UNKNOWN, 0),
	          "550 caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\xa7");
	CHECK_STR(fmt(&r, NULL, SMTPREPLY_CMD_UNKNOWN, SMTPREPLY_FMT_ASCII),
	          "550 caf\\xC3\\xA9 \\xE2\\x82\\xAC \\xF0\\x9F\\x93\\xA7");
	every_size(&r, NULL, SMTPREPLY_CMD_UNKNOWN, 0);
	every_size(&r, NULL, SMTPREPLY_CMD_UNKNOWN, SMTPREPLY_FMT_ASCII);
	r = P("550 \xff\xfe \xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80 \x80 "
	      "\xe2\x82\r\n");
	CHECK_STR(fmt(&r, NULL, SMTPREPLY_CMD_UNKNOWN, 0),
	          "550 \\xFF\\xFE \\xC0\\xAF \\xED\\xA0\\x80 "
	          "\\xF4\\x90\\x80\\x80 \\x80 \\xE2\\x82");
	every_size(&r, NULL, SMTPREPLY_CMD_UNKNOWN, 0);
	/* A cut sequence followed by ASCII: only the lead byte is bad. */
	r = P("550 \xe2" "a\xc3\r\n");
	CHECK_STR(fmt(&r, NULL, SMTPREPLY_CMD_UNKNOWN, 0), "550 \\xE2a\\xC3");
	/* Valid but acted on by terminals or viewers: C1 CSI, bidi, LS. */
	r = P("550 a\xc2\x9b" "31m \xe2\x80\xae" "txt \xe2\x80\xa8 "
	      "\xe2\x81\xa6 \xd8\x9c \xe2\x80\x8f\r\n");
	CHECK_STR(fmt(&r, NULL, SMTPREPLY_CMD_UNKNOWN, 0),
	          "550 a\\xC2\\x9B31m \\xE2\\x80\\xAEtxt \\xE2\\x80\\xA8 "
	          "\\xE2\\x81\\xA6 \\xD8\\x9C \\xE2\\x80\\x8F");
	/* Next to them, U+00A0 and U+2030 are ordinary. */
	r = P("550 \xc2\xa0 \xe2\x80\xb0\r\n");
	CHECK_STR(fmt(&r, NULL, SMTPREPLY_CMD_UNKNOWN, 0),
	          "550 \xc2\xa0 \xe2\x80\xb0");
}

static void test_args(void)
{
	char buf[16] = "xxxxxxxxxxxxxxx";
	struct smtpreply r = P("250 ok\r\n"), z;

	CHECK_INT(smtpreply_format(buf, sizeof buf, NULL, "h", 0, 0), 0);
	CHECK_STR(buf, "");
	CHECK_INT(smtpreply_format(NULL, 0, NULL, NULL, 0, 0), 0);
	/* NULL out with a size: nothing written, the length still right. */
	CHECK_INT(smtpreply_format(NULL, 10, &r, NULL, 0, 0), 6);
	/* Size 1: just the NUL. */
	buf[0] = 'x';
	CHECK_INT(smtpreply_format(buf, 1, &r, NULL, 0, 0), 6);
	CHECK_INT(buf[0], 0);
	CHECK_INT(buf[1], 'x');
	/* A zeroed reply: a code of three digits and nothing else. */
	memset(&z, 0, sizeof z);
	CHECK_INT(smtpreply_format(buf, sizeof buf, &z, NULL, 0, 0), 3);
	CHECK_STR(buf, "000");
	every_size(&r, "mx", SMTPREPLY_CMD_QUIT, 0);
}

/* A long reply: the line grows with it, nothing is lost. */
static void test_long(void)
{
	size_t n = 0, cap = 64 * 1024;
	char *raw = malloc(cap), *out;
	for (int i = 0; i < 300; i++)
		n += (size_t)snprintf(raw + n, cap - n, "550-%03d \x1b text\r\n", i);
	n += (size_t)snprintf(raw + n, cap - n, "550 end\r\n");
	struct smtpreply r = parse_n(raw, n);
	size_t need = smtpreply_format(NULL, 0, &r, NULL, 0, 0);
	CHECK_INT(need, 3 + 300 * strlen(" 000 \\x1B text") + 4);
	out = malloc(need + 1);
	CHECK_INT(smtpreply_format(out, need + 1, &r, NULL, 0, 0), need);
	CHECK_INT(strlen(out), need);
	CHECK(strstr(out, "550 000 \\x1B text 001 ") == out);
	free(out);
	free(raw);
}

int main(void)
{
	test_basic();
	test_lines();
	test_escapes();
	test_args();
	test_long();
	return check_report();
}
