#!/bin/sh
# Every test program under valgrind memcheck: any error or leak fails it.
# The programs run $JOBS at a time (default: one per core); their reports
# follow in the programs' order.
set -u
TESTDIR=${TESTDIR:-build/tests}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 1)}
passed=0
failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
progs=
for t in "$TESTDIR"/test_* "$TESTDIR"/run_cases; do
	[ -x "$t" ] && [ -f "$t" ] || continue
	progs="$progs $t"
done
# The slowest first (run_cases, test_fastpath: they replay the most), for
# the jobs' sake; each one's valgrind report in $work/NAME.log, its status
# in .rc, its seconds in .secs.
# shellcheck disable=SC2016,SC2086
printf '%s\n' $progs | awk '/(run_cases|test_fastpath)$/ { print; next }
	{ rest = rest $0 "\n" } END { printf "%s", rest }' | xargs -r -n 1 -P "$jobs" sh -c '
	log=$0/$(basename "$1")
	s=$(date +%s)
	valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect "$1" >/dev/null 2>"$log.log"
	echo $? >"$log.rc"
	echo $(($(date +%s) - s)) >"$log.secs"' "$work"
for t in $progs; do
	log=$work/$(basename "$t")
	if [ "$(cat "$log.rc" 2>/dev/null)" = 0 ]; then
		echo "ok   $t ($(cat "$log.secs") s)"
		passed=$((passed + 1))
	else
		echo "FAIL $t"
		grep -v -E '^[0-9]+ passed' "$log.log" | head -n 30
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
