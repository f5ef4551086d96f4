#!/bin/sh
# Hostile inputs: each must end with its documented result (pathological.c
# checks that) in work linear in its size. Work is counted in instructions
# by callgrind, which gives the same count on a busy machine as on an idle
# one: doubling the input must at most double the count, give or take 15%.
set -u
prog=${TESTDIR:-build/tests}/hostile/pathological
passed=0
failed=0
"$prog" 1 >/tmp/pathological.$$ 2>&1
line=$(tail -n 1 /tmp/pathological.$$)
p=${line%% passed*}
f=${line#*passed, }
f=${f%% failed*}
[ "$f" -eq 0 ] || cat /tmp/pathological.$$
passed=$((passed + p))
failed=$((failed + f))
rm -f /tmp/pathological.$$
if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind missing: linearity not measured" >&2
	echo "$passed passed, $((failed + 1)) failed"
	exit 1
fi
instr() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$prog" "$1" "$2" 2>&1 |
		sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
for scenario in lines empty endless nul cr many; do
	a=$(instr 1 "$scenario")
	b=$(instr 2 "$scenario")
	if [ -z "$a" ] || [ -z "$b" ]; then
		echo "FAIL $scenario: no instruction count"
		failed=$((failed + 1))
		continue
	fi
	ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b / a }')
	if awk -v r="$ratio" 'BEGIN { exit !(r <= 2.30) }'; then
		echo "ok   $scenario: $a -> $b instructions at twice the size (x$ratio)"
		passed=$((passed + 1))
	else
		echo "FAIL $scenario: $a -> $b instructions at twice the size (x$ratio)"
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
