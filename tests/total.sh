#!/bin/sh
# Adds up the runs that tests/run.sh recorded for `make check`.
results=${RESULTS:-build/results.txt}
awk '{p += $2; f += $3} END {printf "%d passed, %d failed\n", p, f; exit (f != 0)}' "$results"
