#!/bin/bash
# Capture real MTA logs and bounces for failures that are NOT a remote
# SMTP reply -- the MTA's own words: local delivery (unknown user, a full
# mailbox, a failing pipe command, a loop), its own size limit, a closed
# port, a peer that never greets or stalls, a name that does not resolve,
# queue expiry -- for tests/data/ownwords/ (replayed by
# tests/test_bounces.py; CI never runs the MTAs). The cases and their true
# reasons: ownwords/cases.tsv.
#
#     bash tests/interop/ownwords.sh [postfix|exim|sendmail|opensmtpd]...
#                                                      (default: all four)
#
# As bounces.sh: Debian's packages fetched by servers.sh (apt-get download
# + dpkg -x, nothing installed), root, loopback only, every process
# started stopped by its pid. Each MTA runs in a mount namespace (iop_ns)
# whose /etc/resolv.conf names 127.0.0.1, where ownwords/listeners.py
# answers every DNS query with NXDOMAIN, and whose /etc/hosts and
# /etc/nsswitch.conf are files of our own: no name query leaves the
# machine. The bounces go to bounces/refuser.py, which keeps them.
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${OWNWORDS_OUT:-$repo/tests/data/ownwords}
mtas=("$@")
[ ${#mtas[@]} -gt 0 ] || mtas=(postfix exim sendmail opensmtpd)

if [ "$(id -u)" -ne 0 ]; then
	echo "ownwords: must run as root (apt-get download, the MTAs' own users)" >&2
	exit 2
fi
export IOP_SRC=$here
# shellcheck source=tests/interop/servers.sh
. "$here/servers.sh"
trap iop_stop_all EXIT
trap 'exit 130' INT TERM
mkdir -p "$IOP"
chmod 755 "$IOP"

B=${OWNWORDS_PORT_BASE:-42700}
REFUSER=$B MTA_PORT=$((B + 1)) CLOSED=$((B + 2)) SILENT=$((B + 3)) STALL=$((B + 4))
SMALL=$((B + 5)) NOTLS=$((B + 6)) EXPIRE=$((B + 7))
cases=$here/ownwords/cases.tsv

# common_start DIR: refuser.py (keeps the bounces; NOTLS is a second port
# of it, for the TLS case) and the listeners, recording into DIR.
common_start() {
	local dir=$1
	iop_port_free "$REFUSER" "$MTA_PORT" "$CLOSED" "$SILENT" "$STALL" "$SMALL" "$NOTLS" "$EXPIRE" || return 1
	if ss -lnu 2>/dev/null | grep -q '127.0.0.1:53 \|0.0.0.0:53 '; then
		iop_log "UDP 127.0.0.1:53 is taken: no loopback DNS server"
		return 1
	fi
	mkdir -p "$dir/refuser"
	chmod 777 "$dir/refuser"
	python3 "$here/bounces/refuser.py" "$REFUSER" "$here/bounces/table.tsv" \
		"$dir/refuser" "$NOTLS" >"$dir/refuser/refuser.out" 2>&1 </dev/null &
	IOP_PIDS+=("$!")
	iop_wait_port "$REFUSER" "$!" || return 1
	python3 "$here/ownwords/listeners.py" silent:"$SILENT" stall:"$STALL" small:"$SMALL" dns:53 \
		>"$dir/listeners.out" 2>&1 </dev/null &
	IOP_PIDS+=("$!")
	iop_wait_port "$SMALL" "$!" || return 1
	# The namespace's name service: files, and DNS at 127.0.0.1 only.
	printf '127.0.0.1\tlocalhost %s\n' "$(uname -n)" >"$dir/hosts"
	printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$dir/nsswitch.conf"
	printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' >"$dir/resolv.conf"
}

# ns_mounts DIR: the IOP_NS_MOUNTS of that name service.
ns_mounts() {
	echo "$1/hosts:/etc/hosts $1/nsswitch.conf:/etc/nsswitch.conf $1/resolv.conf:/etc/resolv.conf"
}

# message RCPT: a test message to RCPT on standard output (the Subject
# names the bounce after the local part, as in bounces.sh); EXTRA_HEADERS
# goes first, BODY_BYTES pads the body.
message() {
	local rcpt=$1
	python3 - "$rcpt" "${EXTRA_HEADERS:-}" "${BODY_BYTES:-0}" <<'PY'
import sys, email.utils
rcpt, extra, pad = sys.argv[1], sys.argv[2], int(sys.argv[3])
local = rcpt.split("@")[0]
sys.stdout.write(extra.replace("\\n", "\n") +
    "From: Sender <sender@sender.test>\nTo: <%s>\nSubject: capture for %s\n"
    "Date: %s\nMessage-ID: <%s.ownwords@sender.test>\n\n"
    "A test message for libsmtpreply's own-words captures.\n" %
    (rcpt, local, email.utils.formatdate(), local))
line = "x" * 71 + "\n"
for _ in range(pad // len(line)):
    sys.stdout.write(line)
PY
}

# smtp_send PORT RCPT: the message over SMTP.
smtp_send() {
	message "$2" | python3 -c '
import smtplib, sys
port, rcpt = int(sys.argv[1]), sys.argv[2]
msg = sys.stdin.read().replace("\n", "\r\n")
with smtplib.SMTP("127.0.0.1", port, timeout=30) as s:
    s.sendmail("sender@sender.test", [rcpt], msg)
' "$1" "$2"
}

# headers_for RCPT: the EXTRA_HEADERS a case needs.
headers_for() {
	case $1 in
	loop@*) echo 'Delivered-To: loop@local.test\n' ;;
	hops@*)
		local i
		for i in $(seq 1 40); do
			printf 'Received: from hop%d.sender.test by hop%d.sender.test; Thu, 1 Jan 1970 00:00:%02d +0000\\n' "$i" "$((i + 1))" "$i"
		done
		;;
	esac
}

body_for() {
	case $1 in
	big@*) echo 30000 ;;
	small@*) echo 5000 ;;
	*) echo 0 ;;
	esac
}

# send_cases MTA SMTP_PORT LOCAL_CMD...: every case of MTA, over SMTP or
# (submit "local") through LOCAL_CMD RCPT.
send_cases() {
	local mta=$1 port=$2 m rcpt how rest
	shift 2
	while IFS=$'\t' read -r m rcpt how rest; do
		[ "$m" = "$mta" ] || continue
		export EXTRA_HEADERS BODY_BYTES
		EXTRA_HEADERS=$(headers_for "$rcpt") BODY_BYTES=$(body_for "$rcpt")
		case $how in
		smtp) smtp_send "$port" "$rcpt" || iop_log "$mta: $rcpt: not accepted over SMTP" ;;
		local) message "$rcpt" | "$@" "$rcpt" || iop_log "$mta: $rcpt: local submission failed" ;;
		esac
	done < <(grep -v '^#' "$cases")
}

case_count() {
	grep -c "^$1	" "$cases"
}

# wait_bounces DIR N SECS: until DIR/refuser/inbox holds N messages.
wait_bounces() {
	local i
	for i in $(seq 1 "$3"); do
		[ "$(ls "$1/refuser/inbox" 2>/dev/null | wc -l)" -ge "$2" ] && return 0
		sleep 1
	done
	iop_log "only $(ls "$1/refuser/inbox" | wc -l) of $2 bounces after $3 s"
	return 1
}

# keep MTA DIR LOG: the log lines KEEP_LINES matches and the bounces into
# $out/MTA, then expected.tsv (ownwords/expected.py, keeping its notes).
keep() {
	local mta=$1 dir=$2 log=$3 dst=$out/$1 f n=0 notes
	notes=$(mktemp)
	cp "$dst/expected.tsv" "$notes" 2>/dev/null || : >"$notes"
	rm -rf "$dst"
	mkdir -p "$dst"
	[ -s "$notes" ] && cp "$notes" "$dst/expected.tsv"
	rm -f "$notes"
	grep -E "$KEEP_LINES" "$log" >"$dst/mail.log"
	for f in "$dir"/refuser/inbox/*.eml; do
		[ -e "$f" ] || continue
		n=$((n + 1))
		cp "$f" "$dst/$(printf 'bounce-%02d.eml' "$n")"
	done
	python3 "$here/ownwords/expected.py" "$cases" "$mta" "$dst" || return 1
	iop_log "$mta: kept $(wc -l <"$dst/mail.log") log lines, $n bounces"
}

# ---------------------------------------------------------------- Postfix
capture_postfix() {
	local root=$IOP/root/postfix dir=$IOP/run/ownwords-postfix q pid
	iop_ns_ok && iop_fetch postfix postfix || return 2
	iop_libs_ok postfix "$root/usr/lib/postfix/sbin/master" || return 2
	rm -rf "$dir"
	mkdir -p "$dir/etc" "$dir/data" "$dir/files" "$dir/virtual"
	common_start "$dir" || return 1
	for q in active bounce corrupt defer deferred flush hold incoming private \
		saved trace maildrop public pid; do
		mkdir -p "$dir/queue/$q"
	done
	# bounces.sh's instance without its relayhost, DNS on (at the
	# loopback server), local(8) for local.test and virtual(8) for
	# virt.test; every other route by transport map.
	sed -e "s|@ROOT@|$root|g; s|@DIR@|$dir|g; s|@REFUSER@|$REFUSER|g" \
		-e '/^relayhost/d; /^mydestination/d; /^alias_maps/d; /^smtp_dns_support_level/d' \
		"$here/bounces/postfix-main.cf" >"$dir/etc/main.cf"
	cat >>"$dir/etc/main.cf" <<EOF
mydestination = local.test
local_recipient_maps =
alias_maps = texthash:$dir/etc/aliases
allow_mail_to_commands = alias
allow_mail_to_files = alias
default_privs = nobody
message_size_limit = 20000
mailbox_size_limit = 20000
virtual_mailbox_domains = virt.test
virtual_mailbox_maps = texthash:$dir/etc/vmailbox
virtual_mailbox_base = $dir/virtual
virtual_mailbox_limit = 20000
virtual_uid_maps = static:65534
virtual_gid_maps = static:65534
virtual_minimum_uid = 1
hopcount_limit = 30
transport_maps = texthash:$dir/etc/transport
smtp_tls_policy_maps = texthash:$dir/etc/tls_policy
smtp_connect_timeout = 3s
smtp_helo_timeout = 3s
EOF
	cat >"$dir/etc/transport" <<EOF
sender.test smtp:[127.0.0.1]:$REFUSER
closed.test smtp:[127.0.0.1]:$CLOSED
silent.test smtp:[127.0.0.1]:$SILENT
stall.test smtp:[127.0.0.1]:$STALL
small.test smtp:[127.0.0.1]:$SMALL
self.test smtp:[127.0.0.1]:$MTA_PORT
tls.test smtp:[127.0.0.1]:$NOTLS
EOF
	echo "[127.0.0.1]:$NOTLS encrypt" >"$dir/etc/tls_policy"
	# texthash: "key value" (postmap's format, no colon).
	cat >"$dir/etc/aliases" <<EOF
full $dir/files/full
pipe67 "|exit 67"
pipe75 "|exit 75"
pipe1 "|exit 1"
loop $dir/files/loop
EOF
	echo "vfull@virt.test vfull" >"$dir/etc/vmailbox"
	# The mailboxes, already at their limit.
	head -c 20000 /dev/zero | tr '\0' 'x' | fold -w 72 >"$dir/files/full"
	cp "$dir/files/full" "$dir/virtual/vfull"
	chown -R nobody "$dir/files" "$dir/virtual"
	sed -e "s|@PORT@|$MTA_PORT|" "$here/bounces/postfix-master.cf" >"$dir/etc/master.cf"
	cat >>"$dir/etc/master.cf" <<EOF
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
EOF
	cp "$root/usr/share/postfix/dynamicmaps.cf" "$dir/etc/"
	postfix_queue_owners "$dir"
	IOP_NS_MOUNTS=$(ns_mounts "$dir") LD_LIBRARY_PATH=$(iop_ldpath postfix) \
		iop_ns "$root/usr/lib/postfix/sbin/master" -c "$dir/etc" -d \
		>"$dir/master.out" 2>&1 </dev/null &
	pid=$!
	IOP_PIDS+=("$pid")
	iop_wait_port "$MTA_PORT" "$pid" || {
		iop_log "postfix did not start: $(tail -n 5 "$dir/maillog" "$dir/master.out" 2>/dev/null)"
		return 1
	}
	# Postfix's sendmail(1) as root: postdrop writes the maildrop file.
	# sendmail(1) runs postdrop from command_directory with a clean
	# environment: a wrapper there gives it its libraries.
	mkdir -p "$dir/bin"
	printf '#!/bin/sh\nLD_LIBRARY_PATH=%s exec %s "$@"\n' "$(iop_ldpath postfix)" \
		"$root/usr/sbin/postdrop" >"$dir/bin/postdrop"
	chmod 755 "$dir/bin/postdrop"
	sed -i "s|^command_directory = .*|command_directory = $dir/bin|" "$dir/etc/main.cf"
	send_cases postfix "$MTA_PORT" env LD_LIBRARY_PATH="$(iop_ldpath postfix)" \
		MAIL_CONFIG="$dir/etc" "$root/usr/sbin/sendmail" -f sender@sender.test
	wait_bounces "$dir" "$(case_count postfix)" 90
	sleep 2
	KEEP_LINES='postfix/(smtp|local|virtual|bounce|qmgr|error)\[.*(status=|notification)|postfix/cleanup\[.*(reject|warning)' \
		keep postfix "$dir" "$dir/maillog"
}

# ------------------------------------------------------------------- Exim
# exim_ns DIR ARGS...: DIR's Exim in its mount namespace (exec'd). Its
# configuration is mounted where the package's binary looks by default
# (/var/lib/exim4/config.autogenerated, on a tmpfs /var/lib): with -C, Exim
# would give up root and could not deliver as the local users.
exim_ns() {
	local dir=$1
	shift
	IOP_NS_MOUNTS="$dir/sbin:/usr/sbin tmpfs:/var/lib mkdir:/var/lib/exim4 $dir/conf:/var/lib/exim4 $(ns_mounts "$dir")" \
		LD_LIBRARY_PATH=$(iop_ldpath exim) iop_ns /usr/sbin/exim4 "$@"
}

# exim_local DIR RCPT: the message on standard input, by exim -bm (the
# sendmail(1) interface), delivered at once (-odi).
exim_local() {
	(exim_ns "$1" -odi -f sender@sender.test "$2")
}

capture_exim() {
	local root=$IOP/root/exim dir=$IOP/run/ownwords-exim pid
	iop_ns_ok && iop_fetch exim exim4-base exim4-daemon-light || return 2
	iop_libs_ok exim "$root/usr/sbin/exim4" || return 2
	rm -rf "$dir"
	mkdir -p "$dir/spool" "$dir/log" "$dir/files"
	common_start "$dir" || return 1
	mkdir -p "$dir/conf"
	sed -e "s|@DIR@|$dir|g; s|@PORT@|$MTA_PORT|g" "$here/ownwords/exim.conf" \
		>"$dir/conf/config.autogenerated"
	chmod 644 "$dir/conf/config.autogenerated"
	printf '%s: %s\n' sender.test "$REFUSER" closed.test "$CLOSED" expire.test "$EXPIRE" \
		silent.test "$SILENT" stall.test "$STALL" big.test "$REFUSER" >"$dir/ports"
	head -c 20480 /dev/zero | tr '\0' 'x' | fold -w 72 >"$dir/files/full"
	chown -R nobody "$dir/files"
	# Debian-exim (the uid compiled into the package) exists in iop_ns only.
	chown -R 64990:64990 "$dir/spool" "$dir/log"
	# Exim re-execs itself by its compiled-in path, /usr/sbin/exim4, to
	# deliver, and needs root there to become the local users. The
	# package's binary is setuid root, but then the loader ignores
	# LD_LIBRARY_PATH (and libidn12 is not installed): a small setuid
	# wrapper at /usr/sbin/exim4 in Exim's mount namespace becomes root
	# wholly (so that its exec is not a secure one) and runs a copy of the
	# binary without the setuid bit, with the libraries' path.
	mkdir -p "$dir/sbin"
	install -m 755 "$root/usr/sbin/exim4" "$dir/sbin/exim4.real"
	sed -e "s|@LDPATH@|$(iop_ldpath exim)|" "$here/ownwords/exim-wrap.c" >"$dir/wrap.c"
	cc -O -o "$dir/sbin/exim4" "$dir/wrap.c" || return 2
	chmod 4755 "$dir/sbin/exim4"
	# A queue run every second, for the retry rule of expire.test.
	exim_ns "$dir" -bdf -q1s >"$dir/daemon.out" 2>&1 </dev/null &
	pid=$!
	IOP_PIDS+=("$pid")
	iop_wait_port "$MTA_PORT" "$pid" || {
		iop_log "exim did not start: $(tail -n 5 "$dir/daemon.out" "$dir/log/paniclog" 2>/dev/null)"
		return 1
	}
	send_cases exim "$MTA_PORT" exim_local "$dir"
	wait_bounces "$dir" "$(case_count exim)" 90
	sleep 2
	KEEP_LINES=' (\*\*|==|=>) ' keep exim "$dir" "$dir/log/mainlog"
}

# --------------------------------------------------------------- Sendmail
# As bounces.sh: Sendmail logs through syslog(3), so bounces/syslog.py
# listens on a /dev/log of its own in Sendmail's mount namespace.
sendmail_ns() {
	local dir=$1
	shift
	IOP_NS_MOUNTS="$dir/dev:/dev $(ns_mounts "$dir") tmpfs:/var/mail" \
		LD_LIBRARY_PATH=$(iop_ldpath sendmail) iop_ns "$dir/sendmail" "$@"
}

# sendmail_local DIR RCPT: the message on standard input, by sendmail(1).
sendmail_local() {
	(sendmail_ns "$1" -C "$1/sendmail.cf" -L sm-mta -f sender@sender.test "$2")
}

capture_sendmail() {
	local root=$IOP/root/sendmail dir=$IOP/run/ownwords-sendmail pid m rcpt how rest
	iop_ns_ok && iop_fetch sendmail sendmail-bin sendmail-cf sendmail-base m4 || return 2
	iop_libs_ok sendmail "$root/usr/libexec/sendmail/sendmail" || return 2
	rm -rf "$dir"
	mkdir -p "$dir/queue" "$dir/dev"
	chmod 700 "$dir/queue"
	common_start "$dir" || return 1
	# Sendmail wants its own name qualified: from this hosts file.
	printf '127.0.0.1\tmx.sendmail.test %s localhost\n' "$(uname -n)" >"$dir/hosts"
	printf 'hosts\tfiles dns\naliases\tfiles\n' >"$dir/service.switch"
	# hops and big must exist to get as far as their own failure; the
	# postmaster takes the copy Sendmail sends of a configuration error.
	printf '%s\n' 'pipe67: "|exit 67"' 'pipe75: "|exit 75"' 'pipe1: "|exit 1"' \
		'hops: "|cat >/dev/null"' 'big: "|cat >/dev/null"' \
		'postmaster: "|cat >/dev/null"' 'MAILER-DAEMON: postmaster' >"$dir/aliases"
	mknod -m 666 "$dir/dev/null" c 1 3 &&
		mknod -m 666 "$dir/dev/zero" c 1 5 &&
		mknod -m 666 "$dir/dev/random" c 1 8 &&
		mknod -m 666 "$dir/dev/urandom" c 1 9 || return 2
	ln -s /proc/self/fd "$dir/dev/fd"
	sed -e "s|@ROOT@|$root|g; s|@DIR@|$dir|g; s|@PORT@|$MTA_PORT|g; s|@REFUSER@|$REFUSER|g" \
		"$here/ownwords/sendmail.mc" >"$dir/sendmail.mc"
	"$root/usr/bin/m4" "$dir/sendmail.mc" >"$dir/sendmail.cf" || return 1
	# The mailers of LOCAL_RULE_0: esmtp's definition, another port each.
	for m in closed:$CLOSED silent:$SILENT stall:$STALL self:$MTA_PORT; do
		sed -n "/^Mesmtp,/,/^\$/{s/^Mesmtp,/M${m%%:*},/;s/A=TCP \$h $REFUSER/A=TCP \$h ${m#*:}/;p}" \
			"$dir/sendmail.cf" >>"$dir/sendmail.cf"
	done
	install -m 755 "$root/usr/libexec/sendmail/sendmail" "$dir/sendmail"
	python3 "$here/bounces/syslog.py" "$dir/dev/log" "$dir/maillog" "$(uname -n)" \
		>"$dir/syslog.out" 2>&1 </dev/null &
	IOP_PIDS+=("$!")
	(sendmail_ns "$dir" -C "$dir/sendmail.cf" -bi) >"$dir/newaliases.out" 2>&1 </dev/null
	sendmail_ns "$dir" -C "$dir/sendmail.cf" -bD -L sm-mta \
		>"$dir/daemon.out" 2>&1 </dev/null &
	pid=$!
	IOP_PIDS+=("$pid")
	iop_wait_port "$MTA_PORT" "$pid" || {
		iop_log "sendmail did not start: $(tail -n 5 "$dir/daemon.out" "$dir/maillog" 2>/dev/null)"
		return 1
	}
	send_cases sendmail "$MTA_PORT" sendmail_local "$dir"
	sleep 2
	# One queue run per recipient (as bounces.sh), then the bounces.
	while IFS=$'\t' read -r m rcpt how rest; do
		[ "$m" = sendmail ] || continue
		(sendmail_ns "$dir" -C "$dir/sendmail.cf" -L sm-mta -qR"$rcpt") \
			>>"$dir/queuerun.out" 2>&1 </dev/null
	done < <(grep -v '^#' "$cases")
	(sendmail_ns "$dir" -C "$dir/sendmail.cf" -L sm-mta -qRsender@sender.test) \
		>>"$dir/queuerun.out" 2>&1 </dev/null
	wait_bounces "$dir" "$(case_count sendmail)" 30
	sleep 2
	KEEP_LINES=' sm-mta\[[0-9]+\]: [0-9A-Za-z]+: .*(stat=|DSN: )' \
		keep sendmail "$dir" "$dir/maillog"
}

# -------------------------------------------------------------- OpenSMTPD
capture_opensmtpd() {
	local root=$IOP/root/opensmtpd dir=$IOP/run/ownwords-opensmtpd
	iop_ns_ok && iop_fetch opensmtpd opensmtpd || return 2
	iop_libs_ok opensmtpd "$root/usr/sbin/smtpd" || return 2
	rm -rf "$dir"
	mkdir -p "$dir"
	common_start "$dir" || return 1
	printf '%s\n' 'pipe67: "|exit 67"' 'pipe75: "|exit 75"' 'pipe1: "|exit 1"' >"$dir/aliases"
	chmod 644 "$dir/aliases"
	sed -e "s|@DIR@|$dir|g; s|@PORT@|$MTA_PORT|g; s|@REFUSER@|$REFUSER|g" \
		"$here/ownwords/smtpd.conf" >"$dir/smtpd.conf"
	chmod 644 "$dir/smtpd.conf"
	IOP_SMTPD_MOUNTS=$(ns_mounts "$dir") \
		iop_smtpd_run "$root" "$dir" "$MTA_PORT" || return 1
	send_cases opensmtpd "$MTA_PORT"
	wait_bounces "$dir" "$(case_count opensmtpd)" 90
	sleep 2
	KEEP_LINES=' (relay|delivery|bounce|mda)' keep opensmtpd "$dir" "$dir/smtpd.out"
}

rc=0
for mta in "${mtas[@]}"; do
	iop_log "capturing $mta"
	"capture_$mta" || { iop_log "$mta: failed"; rc=1; }
	iop_stop_all
done
exit $rc
