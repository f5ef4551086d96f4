#!/bin/sh
# Runs every built libFuzzer harness, seeded from the case files, with the
# SMTP dictionary. A crash, leak or sanitizer report fails.
#   sh tests/fuzz/run.sh SECONDS [HARNESS...]   each for SECONDS (make fuzz)
#   sh tests/fuzz/run.sh +RUNS [HARNESS...]     each through its seeds, then
#                                   RUNS more inputs (make check's smoke: the
#                                   same work on any machine, however loaded)
# The harnesses run $JOBS at a time (default: one per core for +RUNS, one
# after the other for SECONDS); their reports follow in the harnesses' order.
set -u
seconds=${1:-20}
shift
dir=build/fuzz
harnesses=${*:-$(ls "$dir" 2>/dev/null | grep '^fuzz_[a-z_]*$')}
case $seconds in
+*) jobs=${JOBS:-$(nproc 2>/dev/null || echo 1)} ;;
*) jobs=${JOBS:-1} ;;
esac
if [ -z "${FUZZ_ONE:-}" ]; then
	# One harness per job (this script again, FUZZ_ONE=1), its report kept
	# in $work/HARNESS until all are done.
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	# shellcheck disable=SC2016,SC2086
	printf '%s\n' $harnesses | xargs -r -n 1 -P "$jobs" sh -c '
		FUZZ_ONE=1 sh "$0" "$1" "$3" >"$2/$3" 2>&1' "$0" "$seconds" "$work"
	passed=0
	failed=0
	for h in $harnesses; do
		grep -v -E '^[0-9]+ passed, [0-9]+ failed' "$work/$h"
		line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$work/$h")
		if [ "$line" = "1 passed, 0 failed" ]; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
		fi
	done
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
fi
passed=0
failed=0
for h in $harnesses; do
	corpus=$dir/corpus/$h
	mkdir -p "$corpus" "$dir/seeds"
	# The option bytes each harness reads before its input (see the
	# comment at the top of each); zeros: the defaults.
	case $h in
	fuzz_stream | fuzz_ehlo) prefix=2 ;;
	fuzz_readloop) prefix=4 ;;
	fuzz_format) prefix=3 ;;
	fuzz_reason) prefix=4 ;;
	fuzz_explain) prefix=20 ;;
	*) prefix=1 ;;
	esac
	python3 tests/fuzz/seeds.py tests/cases "$dir/seeds/$h" "$prefix" >/dev/null
	# Real replies too: the labelled classification corpus and the MTA
	# captures (EHLO lists, queue ids, providers' wording).
	python3 - "$dir/seeds/$h" "$prefix" <<'PY'
import glob
import os
import sys

out, prefix = sys.argv[1], bytes(int(sys.argv[2]))
seeds = []
if os.path.exists("tests/classify/corpus.tsv"):
    with open("tests/classify/corpus.tsv", encoding="utf-8") as f:
        for line in list(f)[1:]:
            cols = line.rstrip("\n").split("\t")
            if len(cols) > 1:
                seeds.append(cols[1].replace("\\r\\n", "\r\n").encode())
for path in sorted(glob.glob("tests/data/captures/*.txt")):
    with open(path, "rb") as f:
        seeds.append(f.read())
for i, data in enumerate(seeds):
    with open(os.path.join(out, "real%04d" % (i + 1)), "wb") as w:
        w.write(prefix + data)
PY
	if [ "$h" = fuzz_find ]; then
		# logs, transcripts and bounces, what=0 (all kinds)
		for f in tests/data/extract/* tests/data/bounces/*/*; do
			case $f in *.expect | *.md) continue ;; esac
			printf '\000' | cat - "$f" >"$dir/seeds/$h/x-$(basename "$f")"
		done
	fi
	log=$dir/$h.log
	case $seconds in
	+*)
		# libFuzzer counts the seeds (and the saved corpus) among the runs.
		n=$(($(find "$corpus" "$dir/seeds/$h" -type f | wc -l) + ${seconds#+}))
		limit="-runs=$n"
		;;
	*) limit="-max_total_time=$seconds" ;;
	esac
	start=$(date +%s)
	if "$dir/$h" "$limit" -dict=tests/fuzz/smtp.dict \
		-print_final_stats=1 -detect_leaks=1 -artifact_prefix="$dir/$h-" \
		"$corpus" "$dir/seeds/$h" >"$log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -n 1)
		echo "ok   $h: $runs runs in $(($(date +%s) - start))s, $cov"
		passed=$((passed + 1))
	else
		echo "FAIL $h (artifacts: $dir/$h-*)"
		grep -E 'ERROR|invariant|runtime error|SUMMARY' "$log" | head -n 10
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
