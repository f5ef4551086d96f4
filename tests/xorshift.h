/* xorshift.h - a small fixed pseudo-random generator for the tests that
 * generate replies: each test seeds its own, so it sees the same replies on
 * every run and a failure reproduces (Marsaglia's xorshift64, 13/7/17). */
#ifndef SMTPREPLY_TESTS_XORSHIFT_H
#define SMTPREPLY_TESTS_XORSHIFT_H

struct xorshift {
	unsigned long long state; /* never 0 */
};

/* A number in [0, n), n > 0. */
static inline unsigned xorshift_pick(struct xorshift *x, unsigned n)
{
	x->state ^= x->state << 13;
	x->state ^= x->state >> 7;
	x->state ^= x->state << 17;
	return (unsigned)(x->state % n);
}

#endif
