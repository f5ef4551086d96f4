#!/bin/bash
# Re-make tests/data/captures/ from the real servers: start each server
# (servers.sh), run every session through capture.py, stop the servers.
# Run as root. The captures hold dates and queue ids, so every run differs;
# the parser cases in tests/cases/real-*.case were written from one run.
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../data/captures}
. "$here/servers.sh"
trap iop_stop_all EXIT
mkdir -p "$out"
for server in postfix smtp-sink exim opensmtpd; do
	iop_start "$server" || { iop_log "$server: skipped"; continue; }
	echo "$IOP_SESSIONS" | while read -r name srv off; do
		[ "$srv" = "$server" ] || continue
		python3 "$here/capture.py" "$here/scripts/$name.script" "$out/$name" \
			--connect "127.0.0.1:$((IOP_PORT_BASE + off))" 2>/dev/null &&
			echo "$name: $(wc -l <"$out/$name.cmds") replies, $(wc -c <"$out/$name.txt") bytes"
	done
done
