#!/bin/sh
# Runs a command and records its wall time for `make check`:
#   sh tests/timed.sh NAME COMMAND [ARG...]
# appends "NAME SECONDS" to build/times.txt ($TIMES), says it on stderr,
# and exits with the command's status.
name=$1
shift
times=${TIMES:-build/times.txt}
mkdir -p "$(dirname "$times")"
start=$(date +%s)
"$@"
rc=$?
secs=$(($(date +%s) - start))
echo "$name $secs" >>"$times"
echo "time $name: ${secs}s" >&2
exit $rc
