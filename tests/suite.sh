#!/bin/sh
# Runs one extra test suite for `make check` and records its counts.
#   sh tests/suite.sh NAME COMMAND [ARG...]
# The command must end its output with "N passed, N failed"; one that does
# not, or that fails without failures counted, counts as one failure.
# Always exits 0: tests/total.sh decides at the end.
# Each suite's wall time (seconds) goes to stderr and to build/times.txt
# ($TIMES), one "NAME SECONDS" line per suite.
name=$1
shift
results=${RESULTS:-build/results.txt}
times=${TIMES:-build/times.txt}
mkdir -p "$(dirname "$results")" "$(dirname "$times")"
log=$(mktemp)
start=$(date +%s)
"$@" >"$log" 2>&1
rc=$?
secs=$(($(date +%s) - start))
echo "$name $secs" >>"$times"
echo "time $name: ${secs}s" >&2
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
if [ -z "$line" ]; then
	p=0
	f=1
else
	p=${line%% passed*}
	f=${line#*passed, }
	f=${f%% failed*}
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
fi
if [ "$f" -ne 0 ]; then
	echo "FAIL $name: ${line:-no result line} (exit $rc)"
	tail -n 40 "$log"
else
	echo "ok   $name: $line"
fi
rm -f "$log"
echo "$name $p $f" >>"$results"
exit 0
