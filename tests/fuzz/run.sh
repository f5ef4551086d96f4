#!/bin/sh
# Runs every built libFuzzer harness for SECONDS each, seeded from the case
# files, with the SMTP dictionary. A crash, leak or sanitizer report fails.
#   sh tests/fuzz/run.sh SECONDS [HARNESS...]
set -u
seconds=${1:-20}
shift
dir=build/fuzz
harnesses=${*:-$(ls "$dir" 2>/dev/null | grep '^fuzz_[a-z_]*$')}
passed=0
failed=0
for h in $harnesses; do
	corpus=$dir/corpus/$h
	mkdir -p "$corpus" "$dir/seeds"
	case $h in
	fuzz_stream) prefix=2 ;;
	*) prefix=1 ;;
	esac
	python3 tests/fuzz/seeds.py tests/cases "$dir/seeds/$h" "$prefix" >/dev/null
	log=$dir/$h.log
	if "$dir/$h" -max_total_time="$seconds" -dict=tests/fuzz/smtp.dict \
		-print_final_stats=1 -detect_leaks=1 -artifact_prefix="$dir/$h-" \
		"$corpus" "$dir/seeds/$h" >"$log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
		echo "ok   $h: $runs runs in ${seconds}s, $cov"
		passed=$((passed + 1))
	else
		echo "FAIL $h (artifacts: $dir/$h-*)"
		grep -E 'ERROR|invariant|runtime error|SUMMARY' "$log" | head -n 10
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
