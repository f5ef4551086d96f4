/* test_parse.c - the parser's API beyond what the case files cover:
 * arguments, options, names, the iterator, the streaming parser's
 * bookkeeping, and O(n) work when a reply arrives one byte at a time. */
#include "check.h"
#include "smtpreply.h"

#include <stdlib.h>

static void test_arguments(void)
{
	struct smtpreply r;
	struct smtpreply_parser p;

	CHECK_INT(smtpreply_parse(NULL, 3, NULL, &r), SMTPREPLY_E_INVALID_ARGUMENT);
	CHECK_INT(smtpreply_parse("250 ok\r\n", 8, NULL, NULL), SMTPREPLY_E_INVALID_ARGUMENT);
	CHECK_INT(smtpreply_parse(NULL, 0, NULL, &r), SMTPREPLY_INCOMPLETE);
	CHECK_INT(smtpreply_parse("", 0, NULL, &r), SMTPREPLY_INCOMPLETE);
	smtpreply_parser_init(&p, NULL);
	CHECK_INT(smtpreply_parser_parse(NULL, "x", 1, &r), SMTPREPLY_E_INVALID_ARGUMENT);
	CHECK_INT(smtpreply_parser_parse(&p, NULL, 1, &r), SMTPREPLY_E_INVALID_ARGUMENT);
	CHECK_INT(smtpreply_parser_parse(&p, NULL, 0, &r), SMTPREPLY_INCOMPLETE);
	CHECK_INT(smtpreply_parser_parse(&p, "250 ok\r\n", 8, NULL), SMTPREPLY_E_INVALID_ARGUMENT);
	smtpreply_parser_init(NULL, NULL); /* must not crash */
	smtpreply_parser_reset(NULL);
	smtpreply_options_init(NULL);
}

static void test_names(void)
{
	CHECK_STR(smtpreply_result_name(SMTPREPLY_INCOMPLETE), "incomplete");
	CHECK_STR(smtpreply_result_name(SMTPREPLY_E_BAD_CODE), "bad_code");
	CHECK_STR(smtpreply_result_name(SMTPREPLY_E_REJECTED), "rejected");
	CHECK_STR(smtpreply_result_name(42), "ok");
	CHECK_STR(smtpreply_result_name(-1000), "unknown");
	for (int rc = -9; rc <= 1; rc++) {
		CHECK(smtpreply_result_message(rc) != NULL);
		CHECK(strlen(smtpreply_result_message(rc)) > 5);
	}
	/* Every defined flag has a distinct name; an unknown bit has "". */
	unsigned all = SMTPREPLY_STRICT | SMTPREPLY_F_EIGHT_BIT | SMTPREPLY_F_SKIPPED_JUNK;
	for (unsigned a = 1; a; a <<= 1) {
		const char *na = smtpreply_flag_name(a);
		CHECK((*na != 0) == ((all & a) != 0));
		for (unsigned b = a << 1; b && *na; b <<= 1)
			CHECK(strcmp(na, smtpreply_flag_name(b)) != 0);
	}
	CHECK_STR(smtpreply_flag_name(SMTPREPLY_F_BARE_LF | SMTPREPLY_F_NUL), "");
	CHECK_STR(smtpreply_version(), SMTPREPLY_VERSION);
	CHECK_INT(smtpreply_version_number(), SMTPREPLY_VERSION_NUM);
}

static void test_options(void)
{
	struct smtpreply_options o;
	struct smtpreply r;
	static char big[70000];

	smtpreply_options_init(&o);
	CHECK_INT(o.max_line, SMTPREPLY_DEFAULT_MAX_LINE);
	CHECK_INT(o.max_lines, SMTPREPLY_DEFAULT_MAX_LINES);
	CHECK_INT(o.max_reply, SMTPREPLY_DEFAULT_MAX_REPLY);
	CHECK_INT(o.reject, 0);

	/* A zeroed options struct means the defaults, like NULL. */
	memset(&o, 0, sizeof o);
	CHECK_INT(smtpreply_parse("250 ok\r\n", 8, &o, &r), 8);

	/* The default line limit: 4096 bytes including CR LF. */
	memset(big, 'a', sizeof big);
	memcpy(big, "250 ", 4);
	big[4094] = '\r';
	big[4095] = '\n';
	CHECK_INT(smtpreply_parse(big, 4096, NULL, &r), 4096);
	CHECK(r.flags == SMTPREPLY_F_LONG_LINE);
	big[4094] = 'a';
	big[4095] = '\r';
	big[4096] = '\n';
	CHECK_INT(smtpreply_parse(big, 4097, NULL, &r), SMTPREPLY_E_LINE_TOO_LONG);
	CHECK_INT(r.error_offset, 4096);
	CHECK_INT(r.skip, 4097);

	/* A max_reply above the hard ceiling is capped, never overflows int. */
	o.max_reply = 0xFFFFFFFFu;
	CHECK_INT(smtpreply_parse("250 ok\r\n", 8, &o, &r), 8);
}

static void test_views(void)
{
	const char *buf = "250-mx.example.org at your service\r\n250-SIZE 1000\r\n250 2.0.0 OK\r\n";
	struct smtpreply r;
	int n = smtpreply_parse(buf, strlen(buf), NULL, &r);
	CHECK_INT(n, (int)strlen(buf));
	CHECK(r.raw.ptr == buf);
	CHECK_INT(r.raw.len, strlen(buf));
	CHECK_INT(r.nlines, 3);
	CHECK_INT(r.klass, 2);
	/* Only the last line carries 2.0.0, so the lines disagree. */
	CHECK_INT(r.enhanced.klass, 2);
	CHECK(r.flags & SMTPREPLY_F_ENHANCED_INCONSISTENT);
	CHECK(r.first_line.ptr == buf + 4);
	CHECK_INT(r.first_line.len, strlen("mx.example.org at your service"));
	CHECK_INT(r.last_line.len, 2);
	CHECK(memcmp(r.last_line.ptr, "OK", 2) == 0);
	struct smtpreply_str mid = smtpreply_line(&r, 1);
	CHECK_INT(mid.len, 9);
	CHECK(memcmp(mid.ptr, "SIZE 1000", 9) == 0);
	struct smtpreply_str past = smtpreply_line(&r, 3);
	CHECK(past.ptr == NULL && past.len == 0);
	struct smtpreply_iter it = {0, 0};
	size_t count = 0;
	while (smtpreply_next_line(&r, &it, NULL))
		count++;
	CHECK_INT(count, 3);
	CHECK(!smtpreply_next_line(NULL, &it, NULL));
	CHECK(smtpreply_line(NULL, 0).ptr == NULL);
}

/* A caller that parses in a loop, as the header describes. */
static void test_stream_loop(void)
{
	const char *in = "220 hi\r\n\r\n250-a\r\n250 b\r\nXYZ\r\n354 go\r\n";
	size_t len = strlen(in), consumed = 0;
	struct smtpreply_parser p;
	struct smtpreply r;
	int codes[8], n = 0, errors = 0;

	smtpreply_parser_init(&p, NULL);
	for (size_t arrived = 1; arrived <= len; arrived++) {
		for (;;) {
			int rc = smtpreply_parser_parse(&p, in + consumed, arrived - consumed, &r);
			if (rc > 0) {
				codes[n++] = r.code;
				consumed += (size_t)rc;
			} else if (rc == SMTPREPLY_INCOMPLETE) {
				consumed += r.skip;
				break;
			} else {
				errors++;
				CHECK_INT(rc, SMTPREPLY_E_BAD_CODE);
				consumed += r.skip;
			}
		}
	}
	CHECK_INT(n, 3);
	CHECK_INT(codes[0], 220);
	CHECK_INT(codes[1], 250);
	CHECK_INT(codes[2], 354);
	CHECK_INT(errors, 1);
	CHECK_INT(consumed, len);

	/* Reset forgets a partial reply. */
	smtpreply_parser_init(&p, NULL);
	CHECK_INT(smtpreply_parser_parse(&p, "250-a\r\n", 7, &r), SMTPREPLY_INCOMPLETE);
	smtpreply_parser_reset(&p);
	CHECK_INT(smtpreply_parser_parse(&p, "221 bye\r\n", 9, &r), 9);
	CHECK_INT(r.code, 221);
	CHECK_INT(r.nlines, 1);
}

/* A line that never ends: the streaming parser reports it once per
 * max_line bytes, asks the caller to drop them, and recovers at the LF. */
static void test_endless_line(void)
{
	struct smtpreply_options o;
	struct smtpreply_parser p;
	struct smtpreply r;
	char chunk[1000];
	int errors = 0, rc;

	smtpreply_options_init(&o);
	o.max_line = 100;
	smtpreply_parser_init(&p, &o);
	memset(chunk, 'x', sizeof chunk);
	memcpy(chunk, "250 ", 4);
	for (int i = 0; i < 50; i++) {
		rc = smtpreply_parser_parse(&p, chunk, sizeof chunk, &r);
		if (rc == SMTPREPLY_E_LINE_TOO_LONG)
			errors++;
		else
			CHECK_INT(rc, SMTPREPLY_INCOMPLETE);
		CHECK_INT(r.skip, sizeof chunk); /* everything given is dropped */
	}
	CHECK_INT(errors, 1);
	rc = smtpreply_parser_parse(&p, "xx\r\n250 ok\r\n", 12, &r);
	CHECK_INT(rc, 12);
	CHECK_INT(r.code, 250);
	CHECK(r.flags == SMTPREPLY_F_SKIPPED_JUNK);
	CHECK_INT(r.raw.len, 8);
}

/* Pipelined replies in one buffer come out one by one. */
static void test_pipelined(void)
{
	const char *in = "250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 End data with <CR><LF>.<CR><LF>\r\n";
	struct smtpreply r;
	size_t off = 0, len = strlen(in);
	int expect[] = {250, 250, 354}, k = 0;
	while (off < len) {
		int n = smtpreply_parse(in + off, len - off, NULL, &r);
		CHECK(n > 0);
		if (n <= 0)
			break;
		CHECK_INT(r.code, expect[k]);
		k++;
		off += (size_t)n;
	}
	CHECK_INT(k, 3);
}

/* struct smtpreply's expl and expl_enhanced: set on every reply, by the
 * one-shot and the streaming parser, on their fast and general paths
 * (CR LF and bare LF), equal to what the explanation functions return;
 * NULL on every other result. Every code and every enhanced code the
 * parser's indexes hold, and some beyond them. */
static int expl_matches(const struct smtpreply *r)
{
	return r->expl == smtpreply_explain_code(r->code) &&
	       r->expl_enhanced == smtpreply_explain_reply_enhanced(r) &&
	       r->expl != NULL && r->expl_enhanced != NULL;
}

static int parse_both_ways(const char *in, struct smtpreply *one,
                           struct smtpreply *streamed)
{
	struct smtpreply_parser p;
	size_t len = strlen(in);
	int rc1 = smtpreply_parse(in, len, NULL, one), rc2 = SMTPREPLY_INCOMPLETE;

	smtpreply_parser_init(&p, NULL);
	for (size_t n = 1; n <= len && rc2 == SMTPREPLY_INCOMPLETE; n++)
		rc2 = smtpreply_parser_parse(&p, in, n, streamed);
	return rc1 == (int)len && rc2 == (int)len;
}

static void test_expl_pointers(void)
{
	struct smtpreply a, b;
	char in[64];
	int bad = 0;

	for (int code = 100; code <= 599; code++)
		for (int lf = 0; lf < 2; lf++) {
			snprintf(in, sizeof in, "%d text\r\n", code);
			if (lf)
				strcpy(in + strlen(in) - 2, "\n");
			if (!parse_both_ways(in, &a, &b) || !expl_matches(&a) ||
			    !expl_matches(&b) || a.expl != b.expl)
				bad++;
		}
	CHECK_INT(bad, 0);
	static const int klass[] = {2, 4, 5};
	for (int k = 0; k < 3; k++)
		for (int s = 0; s <= 12; s++)
			for (int d = 0; d <= 1000; d += d < 40 ? 1 : 97) {
				snprintf(in, sizeof in, "%d50 %d.%d.%d text\r\n", klass[k],
				         klass[k], s, d);
				if (!parse_both_ways(in, &a, &b) || !expl_matches(&a) ||
				    !expl_matches(&b) ||
				    a.expl_enhanced != smtpreply_explain_enhanced(klass[k], s, d) ||
				    b.expl_enhanced != a.expl_enhanced)
					bad++;
			}
	CHECK_INT(bad, 0);
	/* The entries are the code's: a known code's own entry. */
	CHECK_INT(smtpreply_parse("550 5.1.1 no\r\n", 14, NULL, &a), 14);
	CHECK_INT(smtpreply_expl_code(a.expl), 550);
	int kk, ss, dd;
	CHECK(smtpreply_expl_enhanced(a.expl_enhanced, &kk, &ss, &dd));
	CHECK(ss == 1 && dd == 1);
	/* NULL on errors and INCOMPLETE, whatever was there before. */
	CHECK(smtpreply_parse("XYZ\r\n", 5, NULL, &a) == SMTPREPLY_E_BAD_CODE &&
	      a.expl == NULL && a.expl_enhanced == NULL);
	CHECK_INT(smtpreply_parse("550 5.1.1 no\r\n", 14, NULL, &a), 14);
	CHECK(smtpreply_parse("550 5.1", 7, NULL, &a) == SMTPREPLY_INCOMPLETE &&
	      a.expl == NULL && a.expl_enhanced == NULL);
}

int main(void)
{
	test_arguments();
	test_names();
	test_options();
	test_views();
	test_stream_loop();
	test_endless_line();
	test_pipelined();
	test_expl_pointers();
	return check_report();
}
