#!/bin/sh
# reason_ab.sh REV [FILE [PASSES [control|solo]]] - bench.c's "parse + action +
# reason" of commit REV (a) against this work tree (b), timed in turn in
# one process by tools/reason_ab.c. FILE is a corpus with its .cmds beside
# it (default build/bench/big.txt: bench/make_corpus.py --big). Builds REV
# in a temporary clone and this tree's libsmtpreply.a with make.
#   sh tools/reason_ab.sh HEAD~1 build/bench/big.txt 30
#   sh tools/reason_ab.sh HEAD~1 build/bench/big.txt 30 control
#   sh tools/reason_ab.sh HEAD~1 build/bench/big.txt 30 solo   (a pass of
#       each build in turn: each with its own tables in the caches)
set -eu
rev=${1:?usage: reason_ab.sh REV [FILE [PASSES [control|solo]]]}
file=${2:-build/bench/big.txt}
passes=${3:-30}
ctl=${4:-}
CC=${CC:-cc}
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git clone -q "$top" "$tmp/a"
git -C "$tmp/a" checkout -q "$rev"
make -C "$tmp/a" -j2 libsmtpreply.a >/dev/null
make -j2 libsmtpreply.a >/dev/null
# one object of each library, the four entry points renamed x_a / x_b and
# every other symbol made local, so the two link side by side
one() {
	mkdir "$tmp/x$2"
	(cd "$tmp/x$2" && ar x "$1" && ld -r -o "$tmp/$2.all.o" ./*.o)
	objcopy --redefine-sym smtpreply_parse=parse_"$2" \
	    --redefine-sym smtpreply_action=action_"$2" \
	    --redefine-sym smtpreply_reason=reason_"$2" \
	    --redefine-sym smtpreply_command_parse=cmd_"$2" \
	    --keep-global-symbol=parse_"$2" --keep-global-symbol=action_"$2" \
	    --keep-global-symbol=reason_"$2" --keep-global-symbol=cmd_"$2" \
	    "$tmp/$2.all.o" "$tmp/$2.o"
}
one "$tmp/a/libsmtpreply.a" a
one "$top/libsmtpreply.a" b
$CC -std=c11 -O2 -Wall -Wextra -Wpedantic -Werror -Iinclude -o "$tmp/reason_ab" \
    tools/reason_ab.c "$tmp/a.o" "$tmp/b.o"
"$tmp/reason_ab" "$file" "${file%.txt}.cmds" "$passes" ${ctl:+"$ctl"}
