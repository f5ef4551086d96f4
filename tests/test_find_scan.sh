#!/bin/sh
# test_find_scan.sh - the pre-filter under smtpreply_find (src/scan.c, the
# line walk's gates in src/extract.c) against the matchers it saves work:
# the records of the extract and bounce test data, for every `what`, in
# each scan build (avx512, avx2, sse2, portable), must be those of the same sources
# built with -DSMTPREPLY_NO_PREFILTER (every line through every matcher);
# and the walk built with -DSMTPREPLY_CHECK_SCAN aborts on any line its
# gates turn away that a matcher would take. A matcher that learns a phrase
# the gates do not know (scan.c lists them) fails here.
# (tools/find_diff.sh does the same over big logs and random splices.)
set -u
CC=${CC:-cc}
tmp=${TMPDIR:-/tmp}/test_find_scan.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
flags="-std=c11 -O1 -Iinclude -D_POSIX_C_SOURCE=200809L -DSMTPREPLY_BUILDING"
passed=0
failed=0
ok() {
	if [ "$1" -eq 0 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL: $2"
	fi
}
common=
for f in src/*.c; do
	case $f in src/extract.c | src/scan.c) continue ;; esac
	o=$tmp/$(basename "$f" .c).o
	$CC $flags -c "$f" -o "$o" || exit 1
	common="$common $o"
done
for v in CHECK_SCAN NO_PREFILTER; do
	# shellcheck disable=SC2086
	$CC $flags -DSMTPREPLY_$v -o "$tmp/dump_$v" tools/find_dump.c src/extract.c \
		src/scan.c $common || exit 1
done
files=$(find tests/data/extract tests/data/bounces -type f ! -name '*.expect' \
	! -name '*.md' | sort)
# shellcheck disable=SC2086
SMTPREPLY_SCAN=portable "$tmp/dump_NO_PREFILTER" $files >"$tmp/ref" 2>&1
ok $? "the reference runs"
# shellcheck disable=SC2086
SMTPREPLY_SCAN=portable "$tmp/dump_NO_PREFILTER" --bounce $files >"$tmp/ref.b" 2>&1
ok $? "the reference runs (bounces)"
for scan in avx512 avx2 sse2 portable; do
	# shellcheck disable=SC2086
	SMTPREPLY_SCAN=$scan "$tmp/dump_CHECK_SCAN" $files >"$tmp/new" 2>&1
	ok $? "$scan: no gate turns away a line a matcher takes"
	cmp -s "$tmp/ref" "$tmp/new"
	r=$?
	ok $r "$scan: find records as without the pre-filter"
	[ $r -eq 0 ] || diff "$tmp/ref" "$tmp/new" | head -n 10
	# shellcheck disable=SC2086
	SMTPREPLY_SCAN=$scan "$tmp/dump_CHECK_SCAN" --bounce $files >"$tmp/new.b" 2>&1
	ok $? "$scan: bounces run"
	cmp -s "$tmp/ref.b" "$tmp/new.b"
	ok $? "$scan: bounce records as without the pre-filter"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
