#!/bin/sh
# Static analysis of the library and the CLI: cppcheck, clang-tidy (the
# committed .clang-tidy), gcc -fanalyzer. Each is one check; a finding fails.
#
# clang-tidy and -fanalyzer look at one translation unit at a time, so each
# file is its own job; those jobs and cppcheck's one run (it looks across
# files) share $JOBS workers (default: one per core), the slowest first
# (-fanalyzer on src/fastpath.c, its builds of the scan, takes longer
# than all the rest of a tool). Each tool's findings are then shown in the
# files' order.
set -u
passed=0
failed=0
srcs=$(ls ${STATIC_SOURCES:-src/*.c cli/*.c} 2>/dev/null)
# The generated tables are data: analysers only slow down (or, clang-tidy
# 14, crash) on their 500 KiB string pools.
code=$(echo "$srcs" | grep -v -E 'src/(table|phrases)\.c')
jobs=${JOBS:-$(nproc 2>/dev/null || echo 1)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags="-std=c11 -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L -DSMTPREPLY_BUILDING"
have_tidy=$(command -v clang-tidy >/dev/null 2>&1 && echo 1)
have_cppcheck=$(command -v cppcheck >/dev/null 2>&1 && echo 1)
# The jobs: "TOOL FILE" lines (FILE "-" for cppcheck's one run).
for f in $code; do
	case $f in src/fastpath.c) echo "gcc-fanalyzer $f" ;; esac
done >"$work/jobs"
[ -n "$have_cppcheck" ] && echo "cppcheck -" >>"$work/jobs"
for f in $code; do
	[ -n "$have_tidy" ] && echo "clang-tidy $f"
	case $f in src/fastpath.c) ;; *) echo "gcc-fanalyzer $f" ;; esac
done >>"$work/jobs"
# One job: its output in $work/TOOL.FILE.log, and $work/TOOL.FILE.ok when
# it ran and found nothing.
# shellcheck disable=SC2016
tr ' ' '\n' <"$work/jobs" | xargs -r -n 2 -P "$jobs" sh -c '
	work=$1 flags=$2 code=$3 tool=$4 f=$5
	out=$work/$tool.$(echo "$f" | tr / _)
	case $tool in
	cppcheck)
		# shellcheck disable=SC2086
		cppcheck --quiet --error-exitcode=1 --std=c11 --inline-suppr \
			--enable=warning,performance,portability -Iinclude -Isrc \
			--suppress=missingIncludeSystem $code ;;
	clang-tidy)
		# shellcheck disable=SC2086
		clang-tidy --quiet "$f" -- $flags ;;
	gcc-fanalyzer)
		# fastpath.c without its AVX-512 copy (see there): time, memory
		# shellcheck disable=SC2086
		gcc $flags -DSMTPREPLY_NO_AVX512 -fanalyzer -Werror -Wall -Wextra \
			-c "$f" -o /dev/null ;;
	esac >"$out.log" 2>&1 && : >"$out.ok"' sh "$work" "$flags" "$code"
report() { # report TOOL FILE...: one check over its jobs
	tool=$1
	shift
	bad=0
	for f; do
		out=$work/$tool.$(echo "$f" | tr / _)
		cat "$out.log" 2>/dev/null
		[ -f "$out.ok" ] || bad=1
	done >"$work/$tool.all"
	if [ "$bad" -eq 0 ]; then
		echo "ok   $tool"
		passed=$((passed + 1))
	else
		echo "FAIL $tool"
		head -n 60 "$work/$tool.all"
		failed=$((failed + 1))
	fi
}
if [ -n "$have_cppcheck" ]; then
	report cppcheck -
else
	echo "FAIL cppcheck: not installed"
	failed=$((failed + 1))
fi
if [ -n "$have_tidy" ]; then
	# shellcheck disable=SC2086
	report clang-tidy $code
else
	echo "FAIL clang-tidy: not installed"
	failed=$((failed + 1))
fi
# shellcheck disable=SC2086
report gcc-fanalyzer $code
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
