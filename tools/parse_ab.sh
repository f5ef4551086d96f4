#!/bin/sh
# parse_ab.sh REV [FILE [ROUNDS [MS [OPS]]]] - smtpreply_parse of commit REV
# (a) against this work tree (b), timed in turn in one process by
# tools/parse_ab.c (docs/benchmarks.md, "what bounds the big corpus").
# Builds REV in a temporary clone and this tree's libsmtpreply.a with make.
#   sh tools/parse_ab.sh HEAD~1 build/bench/big.txt 41 25
#   SMTPREPLY_SCAN=avx2 sh tools/parse_ab.sh HEAD~1 bench/corpus.txt 61 15
set -eu
rev=${1:?usage: parse_ab.sh REV [FILE [ROUNDS [MS [OPS]]]]}
shift
file=${1:-bench/corpus.txt}
[ $# -gt 0 ] && shift
CC=${CC:-cc}
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git clone -q "$top" "$tmp/a"
git -C "$tmp/a" checkout -q "$rev"
make -C "$tmp/a" -j2 libsmtpreply.a >/dev/null
make -j2 libsmtpreply.a >/dev/null
# one object of each library, smtpreply_parse renamed parse_a / parse_b
# and every other symbol made local, so the two link side by side
one() {
	mkdir "$tmp/x$2"
	(cd "$tmp/x$2" && ar x "$1" && ld -r -o "$tmp/$2.all.o" ./*.o)
	objcopy --redefine-sym smtpreply_parse=parse_$2 --keep-global-symbol=parse_$2 \
	    "$tmp/$2.all.o" "$tmp/$2.o"
}
one "$tmp/a/libsmtpreply.a" a
one "$top/libsmtpreply.a" b
$CC -std=c11 -O2 -Wall -Wextra -Iinclude -o "$tmp/parse_ab" tools/parse_ab.c \
    "$tmp/a.o" "$tmp/b.o"
"$tmp/parse_ab" "$file" "$@"
