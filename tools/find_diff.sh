#!/bin/sh
# find_diff.sh - differential check of smtpreply_find and
# smtpreply_bounce_next: the records a build of REV (any commit, e.g. the
# one before a change to the scan) gives against the working tree's, over the
# bench's mail log, random splices of tests/data/extract and
# tests/data/bounces, and the test data itself. Every field of every
# record must be the same (tools/find_dump.c prints them all).
#
#   sh tools/find_diff.sh REV [--mb N] [--n SPLICES] [--san]
#   sh tools/find_diff.sh --self [--mb N] [--n SPLICES] [--san]
#
# --self compares against the working tree itself built with
# -DSMTPREPLY_NO_PREFILTER and run with SMTPREPLY_SCAN=portable: every
# line through every matcher, byte by byte, as before the pre-filter (the
# reference once other changes to the matchers make an old commit differ).
# --san builds the working tree's side with -fsanitize=address,undefined
# and -DSMTPREPLY_CHECK_SCAN (each line's pre-filtered hints checked
# against the byte-by-byte definition).
set -eu
rev=$1; shift
self=
[ "$rev" = --self ] && self=1 && rev="the same tree without its pre-filter"
mb=16; n=300; san=
while [ $# -gt 0 ]; do
	case $1 in
	--mb) mb=$2; shift ;;
	--n) n=$2; shift ;;
	--san) san="-DSMTPREPLY_CHECK_SCAN -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" ;;
	esac
	shift
done
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=${TMPDIR:-/tmp}/find_diff.$$
mkdir -p "$tmp/old" "$tmp/new" "$tmp/data"
trap 'rm -rf "$tmp"' EXIT
CC=${CC:-cc}
cflags="-std=c11 -O2 -g -Iinclude -D_POSIX_C_SOURCE=200809L"
build() { # dir: a tree with src/ and include/ -> dir/lib.a
	(cd "$1" && for f in src/*.c; do
		$CC $cflags $2 -c "$f" -o "${f%.c}.o" || exit 1
	done && ar rc lib.a src/*.o)
}
if [ -n "$self" ]; then
	(cd "$root" && tar -c src include) | tar -x -C "$tmp/old"
	oldflags=-DSMTPREPLY_NO_PREFILTER
	SMTPREPLY_SCAN=portable
	export SMTPREPLY_SCAN
else
	git -C "$root" archive "$rev" src include | tar -x -C "$tmp/old"
	oldflags=
fi
(cd "$root" && tar -c src include) | tar -x -C "$tmp/new"
build "$tmp/old" "$oldflags" &
build "$tmp/new" "$san"
wait
$CC $cflags -I"$root/include" -o "$tmp/old/dump" "$root/tools/find_dump.c" "$tmp/old/lib.a"
$CC $cflags $san -I"$root/include" -o "$tmp/new/dump" "$root/tools/find_dump.c" "$tmp/new/lib.a"
# the corpora
$CC $cflags -I"$root/include" -o "$tmp/bench" "$root/bench/bench_extract.c" "$tmp/old/lib.a"
"$tmp/bench" --mb "$mb" --write "$tmp/data/bench.log"
python3 "$root/tools/find_splice.py" "$tmp/data/splice" --n "$n"
set -- "$tmp/data/bench.log" "$tmp"/data/splice/*
for f in $(find "$root/tests/data/extract" "$root/tests/data/bounces" -type f ! -name '*.expect' ! -name '*.md' | sort); do
	set -- "$@" "$f"
done
files=$#
eml=$(find "$root/tests/data/extract" "$root/tests/data/bounces" -type f \( -name '*.eml' -o -name '*.txt' \) | sort)
"$tmp/old/dump" "$@" > "$tmp/old.out"
# shellcheck disable=SC2086
"$tmp/old/dump" --bounce $eml "$tmp"/data/splice/* > "$tmp/old.b"
recs=$(grep -c '^rc=' "$tmp/old.out" || true)
brecs=$(grep -c '^rc=' "$tmp/old.b" || true)
# the new side in each of its scan builds (SMTPREPLY_SCAN; one this CPU
# lacks runs as the best it has)
bad=0
for scan in avx512 avx2 sse2 portable; do
	SMTPREPLY_SCAN=$scan "$tmp/new/dump" "$@" > "$tmp/new.out"
	# shellcheck disable=SC2086
	SMTPREPLY_SCAN=$scan "$tmp/new/dump" --bounce $eml "$tmp"/data/splice/* > "$tmp/new.b"
	if cmp -s "$tmp/old.out" "$tmp/new.out" && cmp -s "$tmp/old.b" "$tmp/new.b"; then
		echo "find_diff ($scan): $files files ($mb MiB bench logs, $n splices): $recs find records, $brecs bounce records, identical to $rev"
	else
		diff "$tmp/old.out" "$tmp/new.out" | head -20
		diff "$tmp/old.b" "$tmp/new.b" | head -20
		echo "find_diff ($scan): DIFFERENT from $rev"
		bad=1
	fi
done
exit $bad
