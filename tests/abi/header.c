/* The public header on its own, in every C standard we promise (C99, C11,
 * C17), at -Wall -Wextra -Wpedantic -Werror: see tests/abi/check_abi.sh. */
#include <smtpreply.h>
#include <smtpreply.h> /* include guard */

/* The layout that SONAME 1 keeps (LP64 and ILP32 alike, in units of the
 * members' own types): a change here is a change of ABI. */
typedef char assert_options_size[sizeof(struct smtpreply_options) == 16 * sizeof(unsigned) ? 1 : -1];
typedef char assert_iter_size[sizeof(struct smtpreply_iter) == 2 * sizeof(size_t) ? 1 : -1];
typedef char assert_ehlo_iter_size[sizeof(struct smtpreply_ehlo_iter) == 4 * sizeof(size_t) ? 1 : -1];
typedef char assert_parser_size[sizeof(struct smtpreply_parser) ==
                                sizeof(struct smtpreply_options) + 24 * sizeof(size_t) ? 1 : -1];
/* 1.1 */
typedef char assert_bounce_iter_size[sizeof(struct smtpreply_bounce_iter) == 8 * sizeof(size_t) ? 1 : -1];
typedef char assert_version[SMTPREPLY_VERSION_NUM ==
                            (SMTPREPLY_VERSION_MAJOR << 16 | SMTPREPLY_VERSION_MINOR << 8 |
                             SMTPREPLY_VERSION_PATCH) ? 1 : -1];

int check_header(const char *buf, size_t len);
int check_header(const char *buf, size_t len)
{
	struct smtpreply r = {0};
	struct smtpreply_options o = {0};
	struct smtpreply_iter it = {0, 0};
	struct smtpreply_str s;
	int n;

	(void)sizeof(assert_options_size);
	(void)sizeof(assert_iter_size);
	(void)sizeof(assert_ehlo_iter_size);
	(void)sizeof(assert_parser_size);
	(void)sizeof(assert_bounce_iter_size);
	(void)sizeof(assert_version);
	smtpreply_options_init(&o);
	o.reject = SMTPREPLY_STRICT;
	n = smtpreply_parse(buf, len, &o, &r);
	while (n > 0 && smtpreply_next_line(&r, &it, &s))
		;
	return n > 0 && smtpreply_action(&r, SMTPREPLY_CMD_RCPT) == SMTPREPLY_ACTION_FAIL;
}
