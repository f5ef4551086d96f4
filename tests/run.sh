#!/bin/sh
# Runs every test program ($TESTDIR/*) and test script (tests/test_*.py,
# tests/test_*.sh), each of which ends with "N passed, N failed", and adds
# them up. A program that dies before its closing line counts as one failure.
BUILD=${BUILD:-.}
TESTDIR=${TESTDIR:-build/tests}
export BUILD TESTDIR
results=${RESULTS:-build/results.txt}
mkdir -p "$(dirname "$results")"
passed=0
failed=0
run_one() {
	name=$1
	shift
	log=$(mktemp)
	"$@" >"$log" 2>&1
	rc=$?
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "FAIL $name: no result line (exit $rc)"
		tail -n 20 "$log"
		failed=$((failed + 1))
	else
		p=${line%% passed*}
		f=${line#*passed, }
		f=${f%% failed*}
		passed=$((passed + p))
		failed=$((failed + f))
		if [ "$f" -ne 0 ] || [ "$rc" -ne 0 ]; then
			echo "FAIL $name: $line (exit $rc)"
			grep -v -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 40
			[ "$f" -eq 0 ] && failed=$((failed + 1))
		else
			echo "ok   $name: $line"
		fi
	fi
	rm -f "$log"
}
for t in "$TESTDIR"/test_* "$TESTDIR"/run_cases; do
	[ -x "$t" ] && [ -f "$t" ] || continue
	case "$t" in *.c|*.py|*.sh) continue ;; esac
	run_one "$(basename "$t")${SAN:+ (sanitizers)}" "$t"
done
for t in tests/test_*.py tests/test_*.sh; do
	[ -f "$t" ] || continue
	case "$t" in
	*.py) run_one "$(basename "$t")${SAN:+ (sanitizers)}" python3 "$t" ;;
	*.sh) run_one "$(basename "$t")${SAN:+ (sanitizers)}" sh "$t" ;;
	esac
done
echo "$BUILD $passed $failed" >>"$results"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
