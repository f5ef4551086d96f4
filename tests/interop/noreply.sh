#!/bin/bash
# Capture real Postfix failures that have no SMTP reply, for
# tests/data/extract/ and tests/data/found/ (see their README.md):
#
#   nosuch@local.test   local(8) delivery to a user that does not exist
#   u@closed.test       a route to a closed port on 127.0.0.1 (refused)
#   u@silent.test       a route to a listener on 127.0.0.1 that accepts
#                       and never greets (smtp_helo_timeout = 2s)
#
#     bash tests/interop/noreply.sh        (root; loopback only)
#
# Postfix comes from Debian's packages as for bounces.sh (servers.sh:
# apt-get download + dpkg -x, nothing installed). Its transport map
# names every route by address, and DNS is off (smtp_dns_support_level =
# disabled): no query leaves the machine. The bounces go to
# bounces/refuser.py, which keeps them. Every process started is stopped
# by its pid.
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${NOREPLY_OUT:-$repo/tests/data/extract}

if [ "$(id -u)" -ne 0 ]; then
	echo "noreply: must run as root (apt-get download, the MTA's users)" >&2
	exit 2
fi
export IOP_SRC=$here
# shellcheck source=tests/interop/servers.sh
. "$here/servers.sh"
trap iop_stop_all EXIT
trap 'exit 130' INT TERM
mkdir -p "$IOP"
chmod 755 "$IOP"

B=${NOREPLY_PORT_BASE:-42650}
REFUSER=$B MTA_PORT=$((B + 1)) CLOSED=$((B + 2)) SILENT=$((B + 3)) SINK=$((B + 4))
root=$IOP/root/postfix dir=$IOP/run/noreply-postfix
iop_fetch postfix postfix || exit 2
iop_libs_ok postfix "$root/usr/lib/postfix/sbin/master" || exit 2
iop_port_free "$REFUSER" "$MTA_PORT" "$CLOSED" "$SILENT" "$SINK" || exit 1
rm -rf "$dir"
mkdir -p "$dir/etc" "$dir/data" "$dir/refuser"
chmod 777 "$dir/refuser"
for q in active bounce corrupt defer deferred flush hold incoming private \
	saved trace maildrop public pid; do
	mkdir -p "$dir/queue/$q"
done
# bounces.sh's instance, without its relayhost: routes by transport map.
sed -e "s|@ROOT@|$root|g; s|@DIR@|$dir|g; s|@REFUSER@|$REFUSER|g" \
	-e '/^relayhost/d; /^mydestination/d; /^alias_maps/d' \
	"$here/bounces/postfix-main.cf" >"$dir/etc/main.cf"
cat >>"$dir/etc/main.cf" <<EOF
mydestination = local.test
local_recipient_maps =
alias_maps =
transport_maps = texthash:$dir/etc/transport
smtp_connect_timeout = 2s
smtp_helo_timeout = 2s
EOF
cat >"$dir/etc/transport" <<EOF
closed.test smtp:[127.0.0.1]:$CLOSED
silent.test smtp:[127.0.0.1]:$SILENT
sender.test smtp:[127.0.0.1]:$REFUSER
EOF
sed -e "s|@PORT@|$MTA_PORT|" "$here/bounces/postfix-master.cf" >"$dir/etc/master.cf"
echo "local     unix  -       n       n       -       -       local" >>"$dir/etc/master.cf"
cp "$root/usr/share/postfix/dynamicmaps.cf" "$dir/etc/"
postfix_queue_owners "$dir"

# refuser.py keeps the bounces (mail for sender.test); the silent listener
# accepts and reads, never writing a byte.
python3 "$here/bounces/refuser.py" "$REFUSER" "$here/bounces/table.tsv" \
	"$dir/refuser" "$SINK" >"$dir/refuser/refuser.out" 2>&1 </dev/null &
IOP_PIDS+=("$!")
iop_wait_port "$REFUSER" "$!" || exit 1
python3 - "$SILENT" >"$dir/silent.out" 2>&1 </dev/null <<'PY' &
import socket, sys, threading
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(8)
def hold(c):
    try:
        while c.recv(4096):
            pass
    except OSError:
        pass
while True:
    c, _ = s.accept()
    threading.Thread(target=hold, args=(c,), daemon=True).start()
PY
IOP_PIDS+=("$!")
iop_wait_port "$SILENT" "$!" || exit 1
LD_LIBRARY_PATH=$(iop_ldpath postfix) \
	"$root/usr/lib/postfix/sbin/master" -c "$dir/etc" -d \
	>"$dir/master.out" 2>&1 </dev/null &
IOP_PIDS+=("$!")
iop_wait_port "$MTA_PORT" "$!" || {
	iop_log "postfix did not start: $(tail -n 5 "$dir/maillog" "$dir/master.out" 2>/dev/null)"
	exit 1
}
python3 - "$MTA_PORT" <<'PY' || exit 1
import smtplib, sys, email.utils
port = int(sys.argv[1])
for rcpt in ("nosuch@local.test", "u@closed.test", "u@silent.test"):
    msg = ("From: Sender <sender@sender.test>\r\nTo: <%s>\r\n"
           "Subject: capture for %s\r\nDate: %s\r\n\r\n"
           "A test message for libsmtpreply's no-reply captures.\r\n"
           % (rcpt, rcpt, email.utils.formatdate()))
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as s:
        s.sendmail("sender@sender.test", [rcpt], msg)
PY
for _ in $(seq 1 60); do
	[ "$(find "$dir/refuser/inbox" -name '*.eml' 2>/dev/null | wc -l)" -ge 3 ] && break
	sleep 1
done
sleep 2
mkdir -p "$out"
grep -E 'postfix/(smtp|local|bounce|qmgr|error)\[.*(status=|notification)' \
	"$dir/maillog" >"$out/postfix-3.7-noreply.log"
n=0
for f in "$dir"/refuser/inbox/*.eml; do
	[ -e "$f" ] || continue
	n=$((n + 1))
	cp "$f" "$out/$(printf 'postfix-3.7-noreply-%02d.eml' "$n")"
done
iop_log "noreply: kept $(wc -l <"$out/postfix-3.7-noreply.log") log lines, $n bounces in $out"
# tests/data/found/ replays the same captures (with their diagnosis)
# through links to these files, not copies of them
if [ -z "${NOREPLY_OUT:-}" ]; then
	for f in "$out/postfix-3.7-noreply.log" "$out"/postfix-3.7-noreply-0*.eml; do
		ln -sfn "../extract/${f##*/}" "$repo/tests/data/found/${f##*/}"
	done
fi
