#!/bin/sh
# Runs every test program ($TESTDIR/*) and test script (tests/test_*.py,
# tests/test_*.sh), each of which ends with "N passed, N failed", and adds
# them up. A program that dies before its closing line counts as one failure.
#
# They run $JOBS at a time (default: the number of cores; JOBS=1 runs them
# one after the other); each one's output is kept apart and reported in the
# fixed order below once all have finished, so the log reads the same
# whatever the order they finished in. Each one's seconds go to
# build/times.txt ($TIMES) as "BUILD/NAME SECONDS".
#
# RUN_SKIP="NAME..." leaves out those scripts: make check runs the ones that
# do not depend on the build under test (test_table_data.py tests the
# generator; test_find_scan.sh builds src/ itself with $CC) in the plain
# build, not again, identically, in each variant.
BUILD=${BUILD:-.}
TESTDIR=${TESTDIR:-build/tests}
export BUILD TESTDIR
results=${RESULTS:-build/results.txt}
times=${TIMES:-build/times.txt}
mkdir -p "$(dirname "$results")" "$(dirname "$times")"
jobs=${JOBS:-$(nproc 2>/dev/null || echo 1)}
passed=0
failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
add_job() { # add_job QUEUE NAME COMMAND...: job $n, reported in that order
	n=$((n + 1))
	id=$(printf '%03d' "$n")
	echo "$work/$id.cmd" >>"$work/queue.$1"
	printf '%s\n' "$2" >"$work/$id.name"
	shift 2
	printf '%s\n' "$*" >"$work/$id.cmd"
}
for t in "$TESTDIR"/test_* "$TESTDIR"/run_cases; do
	[ -x "$t" ] && [ -f "$t" ] || continue
	case "$t" in *.c|*.py|*.sh) continue ;; esac
	add_job 2 "$(basename "$t")${SAN:+ (sanitizers)}" "$t"
done
for t in tests/test_*.py tests/test_*.sh; do
	[ -f "$t" ] || continue
	case " ${RUN_SKIP:-} " in *" $(basename "$t") "*) continue ;; esac
	case "$t" in
	*.py) add_job 1 "$(basename "$t")${SAN:+ (sanitizers)}" python3 "$t" ;;
	*.sh) add_job 1 "$(basename "$t")${SAN:+ (sanitizers)}" sh "$t" ;;
	esac
done
# Each job: its output in NNN.log, its exit status in NNN.rc, its seconds
# in NNN.secs. (Paths hold no spaces: the command is split on blanks.)
# The scripts start first: they take longest.
# shellcheck disable=SC2016
cat "$work"/queue.* 2>/dev/null | xargs -r -n 1 -P "$jobs" sh -c '
	j=${1%.cmd}
	s=$(date +%s)
	# shellcheck disable=SC2046
	$(cat "$1") >"$j.log" 2>&1
	echo $? >"$j.rc"
	echo $(($(date +%s) - s)) >"$j.secs"' sh
for cmd in "$work"/*.cmd; do
	[ -f "$cmd" ] || continue
	j=${cmd%.cmd}
	name=$(cat "$j.name")
	log=$j.log
	rc=$(cat "$j.rc" 2>/dev/null || echo 127)
	echo "$BUILD/${name%% *} $(cat "$j.secs" 2>/dev/null || echo 0)" >>"$times"
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" 2>/dev/null | tail -n 1)
	if [ -z "$line" ]; then
		echo "FAIL $name: no result line (exit $rc)"
		tail -n 20 "$log" 2>/dev/null
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
done
echo "$BUILD $passed $failed" >>"$results"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
