/* check.h - the few macros our test programs share.
 *
 * Each test program counts its own checks and ends with
 * "N passed, N failed"; tests/run.sh adds the programs' counts up. */
#ifndef SMTPREPLY_TEST_CHECK_H
#define SMTPREPLY_TEST_CHECK_H

#include "smtpreply.h"

#include <stdio.h>
#include <string.h>

static int check_passed_, check_failed_;

#define CHECK(cond)                                                         \
	do {                                                                \
		if (cond) {                                                 \
			check_passed_++;                                    \
		} else {                                                    \
			check_failed_++;                                    \
			fprintf(stderr, "%s:%d: check failed: %s\n",        \
			        __FILE__, __LINE__, #cond);                 \
		}                                                           \
	} while (0)

#define CHECK_INT(got, want)                                                \
	do {                                                                \
		long long g_ = (long long)(got), w_ = (long long)(want);   \
		if (g_ == w_) {                                             \
			check_passed_++;                                    \
		} else {                                                    \
			check_failed_++;                                    \
			fprintf(stderr, "%s:%d: %s is %lld, want %lld\n",   \
			        __FILE__, __LINE__, #got, g_, w_);          \
		}                                                           \
	} while (0)

#define CHECK_STR(got, want)                                                \
	do {                                                                \
		const char *g_ = (got), *w_ = (want);                       \
		if (g_ && w_ && strcmp(g_, w_) == 0) {                      \
			check_passed_++;                                    \
		} else {                                                    \
			check_failed_++;                                    \
			fprintf(stderr, "%s:%d: %s is \"%s\", want \"%s\"\n", \
			        __FILE__, __LINE__, #got, g_ ? g_ : "(null)", \
			        w_ ? w_ : "(null)");                        \
		}                                                           \
	} while (0)

/* A reply parsed from a string literal, for tests of what comes after
 * parsing (classify, format, EHLO); a parse failure is a failed check.
 */
static inline struct smtpreply parse_n(const char *s, size_t n)
{
	struct smtpreply r;
	memset(&r, 0, sizeof r);
	int rc = smtpreply_parse(s, n, NULL, &r);
	if (rc <= 0)
		fprintf(stderr, "parse failed (%d) for: %.*s\n", rc, (int)n, s);
	CHECK(rc > 0);
	return r;
}
#define P(lit) parse_n(lit, sizeof(lit) - 1)

/* Call last in main: prints the closing line and gives the exit code. */
static int check_report(void)
{
	printf("%d passed, %d failed\n", check_passed_, check_failed_);
	return check_failed_ ? 1 : 0;
}

#endif
