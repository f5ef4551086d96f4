#!/bin/sh
# Every test program under valgrind memcheck: any error or leak fails it.
set -u
TESTDIR=${TESTDIR:-build/tests}
passed=0
failed=0
log=$(mktemp)
for t in "$TESTDIR"/test_* "$TESTDIR"/run_cases; do
	[ -x "$t" ] && [ -f "$t" ] || continue
	if valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect "$t" >/dev/null 2>"$log"; then
		echo "ok   $t"
		passed=$((passed + 1))
	else
		echo "FAIL $t"
		grep -v -E '^[0-9]+ passed' "$log" | head -n 30
		failed=$((failed + 1))
	fi
done
rm -f "$log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
