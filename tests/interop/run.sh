#!/bin/bash
# Interop test: real SMTP servers from Debian's packages (Postfix smtpd,
# postscreen and smtp-sink, Exim, OpenSMTPD) on 127.0.0.1, driven by
# client.c, which reads every reply through libsmtpreply's streaming parser
# and checks its code and enhanced code against scripts/*.script.
#
#     tests/interop/run.sh [SERVER...]     (postfix smtp-sink exim opensmtpd)
#
# Run as root on Debian 12 (it downloads the packages with apt-get download
# and unpacks them with dpkg -x under $SMTPREPLY_INTEROP_DIR, by default
# /tmp/smtpreply-interop, once; nothing is installed into the system). A
# server that cannot be had here is skipped, counting as neither passed nor
# failed. Every server started is stopped by its pid on exit. Ports:
# IOP_PORT_BASE (42500) to +30 on 127.0.0.1. One test is one reply; the last
# line is "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
servers=("$@")
[ ${#servers[@]} -gt 0 ] || servers=(postfix smtp-sink exim opensmtpd)

if [ "$(id -u)" -ne 0 ]; then
	echo "interop: skipped: must run as root (apt-get download, servers' own users)"
	echo "0 passed, 0 failed"
	exit 0
fi

IOP_SRC=$here
exec 2>&1
. "$here/servers.sh"
trap iop_stop_all EXIT
trap 'exit 130' INT TERM
mkdir -p "$IOP"
chmod 755 "$IOP"

passed=0 failed=0 skipped=()

# The client, built on the library.
lib=$repo/libsmtpreply.a
if [ ! -f "$lib" ]; then
	make -C "$repo" lib >"$IOP/make.log" 2>&1 || true
fi
client=$IOP/client
if [ ! -f "$lib" ] ||
	! ${CC:-cc} -std=c99 -Wall -O2 -I"$repo/include" "$here/client.c" "$lib" \
		-o "$client" 2>"$IOP/client-build.log"; then
	echo "interop: FAIL: cannot build the client (libsmtpreply.a or client.c):"
	head -n 20 "$IOP/client-build.log" 2>/dev/null
	tail -n 20 "$IOP/make.log" 2>/dev/null
	echo "0 passed, 1 failed"
	exit 1
fi

for server in "${servers[@]}"; do
	sessions=$(echo "$IOP_SESSIONS" | awk -v s="$server" '$2 == s { print $1, $3 }')
	if [ -z "$sessions" ]; then
		echo "interop: no sessions for server $server"
		failed=$((failed + 1))
		continue
	fi
	echo "== $server"
	iop_start "$server"
	rc=$?
	if [ $rc -eq 2 ]; then
		echo "SKIP $server: cannot be installed or run here (see the lines above)"
		skipped+=("$server")
		iop_stop_all
		continue
	fi
	while read -r name off; do
		if [ $rc -ne 0 ]; then
			echo "$name: FAIL $server did not start"
			failed=$((failed + 1))
			continue
		fi
		out=$("$client" 127.0.0.1 $((IOP_PORT_BASE + off)) "$here/scripts/$name.script" 2>&1)
		echo "$out" | sed "s|^|$name: |"
		p=$(echo "$out" | grep -c '^ok ')
		f=$(echo "$out" | grep -c '^FAIL ')
		# A client that failed without saying where still counts once.
		if [ "$f" -eq 0 ] && ! echo "$out" | tail -n 1 | grep -q ' replies as expected$'; then
			f=1
		fi
		passed=$((passed + p))
		failed=$((failed + f))
	done <<<"$sessions"
	iop_stop_all
done

if [ ${#skipped[@]} -gt 0 ]; then
	echo "interop: skipped (neither passed nor failed): ${skipped[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
