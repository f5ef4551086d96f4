#!/bin/sh
# Static analysis of the library and the CLI: cppcheck, clang-tidy (the
# committed .clang-tidy), gcc -fanalyzer. Each is one check; a finding fails.
set -u
passed=0
failed=0
srcs=$(ls ${STATIC_SOURCES:-src/*.c cli/*.c} 2>/dev/null)
# The generated tables are data: analysers only slow down (or, clang-tidy
# 14, crash) on their 500 KiB string pools.
code=$(echo "$srcs" | grep -v -E 'src/(table|phrases)\.c')
run() {
	name=$1
	shift
	if "$@" >/tmp/static.$$ 2>&1; then
		echo "ok   $name"
		passed=$((passed + 1))
	else
		echo "FAIL $name"
		head -n 60 /tmp/static.$$
		failed=$((failed + 1))
	fi
}
if command -v cppcheck >/dev/null 2>&1; then
	run cppcheck cppcheck --quiet --error-exitcode=1 --std=c11 --inline-suppr \
		--enable=warning,performance,portability -Iinclude -Isrc \
		--suppress=missingIncludeSystem $code
else
	echo "FAIL cppcheck: not installed"
	failed=$((failed + 1))
fi
if command -v clang-tidy >/dev/null 2>&1; then
	# shellcheck disable=SC2086
	run clang-tidy clang-tidy --quiet $code -- -std=c11 -Iinclude -Isrc \
		-D_POSIX_C_SOURCE=200809L -DSMTPREPLY_BUILDING
else
	echo "FAIL clang-tidy: not installed"
	failed=$((failed + 1))
fi
fanalyze() {
	for f in $code; do
		gcc -std=c11 -fanalyzer -Werror -Wall -Wextra -Iinclude -Isrc \
			-D_POSIX_C_SOURCE=200809L -DSMTPREPLY_BUILDING -c "$f" -o /dev/null || return 1
	done
}
run gcc-fanalyzer fanalyze
rm -f /tmp/static.$$
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
