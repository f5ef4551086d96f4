/* test_provider_rows.c - the providers' code rows (src/classify.c) as
 * their lookup reads them: each subject's rows in the order of their first
 * detail, no two that fit one code sharing a detail, so that the lookup
 * may stop at the first row that starts after a code's detail. The hook
 * also compares every code's lookup (classes 2 to 5, every subject, details
 * 0 to 999) with the first row that fits in a walk over all of them, and
 * must turn down three wrong tables of its own. */
#include "check.h"

int sr_provider_rows_check(int which);

int main(void)
{
	CHECK_INT(sr_provider_rows_check(0), 0);
	CHECK_INT(sr_provider_rows_check(1), 0); /* out of order */
	CHECK_INT(sr_provider_rows_check(2), 0); /* two rows fit 4.7.650 */
	CHECK_INT(sr_provider_rows_check(3), 0); /* filed under 7, says 6 */
	return check_report();
}
