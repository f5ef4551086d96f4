#!/bin/bash
# Capture real MTA logs and the bounces (DSNs) real MTAs write, for
# tests/data/bounces/ (replayed by tests/test_bounces.py; CI never runs the
# MTAs). See tests/data/bounces/README.md.
#
#     tests/interop/bounces.sh [MTA...]     (postfix exim opensmtpd sendmail
#                                            nullmailer dma courier chasquid
#                                            postfixdelay eximdelay opensmtpddelay
#                                            sendmaildelay;
#                                            default: all)
#     make capture-bounces
#
# Each MTA, fetched from Debian's packages by servers.sh (apt-get download
# + dpkg -x, nothing installed), takes one message per recipient of
# bounces/table.tsv on 127.0.0.1 and relays it to bounces/refuser.py, which
# refuses each as the table says and records what it sent (sent.tsv). The
# MTA tries once, gives up, and mails its bounce to the sender; the bounce
# goes to refuser.py too, which keeps it. We then copy the MTA's log, the
# bounces and the ground truth into tests/data/bounces/MTA/. Root only,
# loopback only; every process started is stopped by its pid.
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${BOUNCES_OUT:-$repo/tests/data/bounces}
mtas=("$@")
[ ${#mtas[@]} -gt 0 ] || mtas=(postfix exim opensmtpd sendmail nullmailer dma courier chasquid postfixdelay eximdelay opensmtpddelay sendmaildelay)

if [ "$(id -u)" -ne 0 ]; then
	echo "bounces: must run as root (apt-get download, the MTAs' own users)" >&2
	exit 2
fi
IOP_SRC=$here
. "$here/servers.sh"
trap iop_stop_all EXIT
trap 'exit 130' INT TERM
mkdir -p "$IOP"
chmod 755 "$IOP"

B=${BOUNCES_PORT_BASE:-42600}
REFUSER=$B       # refuser.py
MTA_PORT=$((B + 1))
SINK=$((B + 2))  # refuser.py again: where OpenSMTPD sends its bounces
table=$here/bounces/table.tsv
# BOUNCES_SET=more: the second set (bounces/table-more.tsv), kept in
# tests/data/bounces/MTA-more/; its temporary refusals are tried again
# until a short queue lifetime runs out (see the capture functions).
SET=${BOUNCES_SET:-}
SUFFIX=
if [ "$SET" = more ]; then
	table=$here/bounces/table-more.tsv
	SUFFIX=-more
fi
# BOUNCES_TABLE=path: another table altogether (tests/interop/wrap/ sends
# world replies this way, with BOUNCES_OUT pointing elsewhere).
table=${BOUNCES_TABLE:-$table}

# refuser_start DIR: refuser.py on REFUSER, recording into DIR.
refuser_start() {
	local pid
	rm -rf "$1"
	mkdir -p "$1"
	chmod 777 "$1"
	iop_port_free "$REFUSER" "$SINK" || return 1
	python3 "$here/bounces/refuser.py" "$REFUSER" "$table" "$1" "$SINK" >"$1/refuser.out" 2>&1 </dev/null &
	pid=$!
	IOP_PIDS+=("$pid")
	iop_wait_port "$REFUSER" "$pid"
}

# send_all PORT DOMAIN: one message per table recipient, through the MTA.
send_all() {
	python3 - "$1" "$2" "$table" <<'PY'
import smtplib, sys, email.utils
port, domain, table = int(sys.argv[1]), sys.argv[2], sys.argv[3]
import os
only = os.environ.get("SEND_ONLY_CLASS", "")
for line in open(table, encoding="utf-8"):
    if not line.strip() or line.startswith("#"):
        continue
    local, command, reply = line.rstrip("\n").split("\t")
    if only and not reply.startswith(only):
        continue
    if reply.startswith("2"):
        continue  # a recipient that is accepted: only in an MSG row's message
    # a MAIL row refuses the sender LOCAL@sender.test; an MSG row is one
    # message to several of the table's recipients (LOCAL+TAG)
    rcpts = [local + "@refuse.test"]
    if command == "MSG":
        rcpts = ["%s+%s@refuse.test" % (r, local) for r in reply.split()]
    sender = (local if command == "MAIL" else "sender") + "@sender.test"
    msg = ("From: Sender <%s>\r\nTo: %s\r\nSubject: capture for %s\r\n"
           "Date: %s\r\nMessage-ID: <%s.capture@%s>\r\n\r\n"
           "A test message for libsmtpreply's bounce captures.\r\n"
           % (sender, ", ".join("<%s>" % r for r in rcpts), local,
              email.utils.formatdate(), local, domain))
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as s:
        s.sendmail(sender, rcpts, msg)
PY
}

# to_list ADDR...: a To: header's value, "<a>, <b>".
to_list() {
	local r out=
	for r; do out="${out:+$out, }<$r>"; done
	echo "$out"
}

# wait_bounces DIR N SECS: until DIR/inbox holds N messages (or SECS pass).
wait_bounces() {
	local i
	for i in $(seq 1 "$3"); do
		[ "$(ls "$1/inbox" 2>/dev/null | wc -l)" -ge "$2" ] && return 0
		sleep 1
	done
	iop_log "only $(ls "$1/inbox" | wc -l) of $2 bounces after $3 s"
	return 1
}

# One bounce a row, but none for a row that accepts (2xx).
expected_count() {
	grep -v -e '^#' -e '^$' "$table" | cut -f 3 | grep -c -v '^2'
}

# keep MTA RUN LOG: copy the capture into $out/MTA.
keep() {
	local mta=$1$SUFFIX run=$2 log=$3 dst=$out/$1$SUFFIX f n=0 notes
	# The gap notes of expected.tsv are written by hand: expected.py
	# keeps them, so the old file goes back in before it runs.
	notes=$(mktemp)
	cp "$dst/expected.tsv" "$notes" 2>/dev/null || : >"$notes"
	rm -rf "$dst"
	mkdir -p "$dst"
	[ -s "$notes" ] && cp "$notes" "$dst/expected.tsv"
	rm -f "$notes"
	# The log lines about deliveries and bounces, as the MTA wrote them
	# (Postfix's smtpd/cleanup chatter about the submissions is left out).
	grep -E "${KEEP_LINES:-.}" "$log" >"$dst/mail.log"
	for f in "$run"/inbox/*.eml; do
		[ -e "$f" ] || continue
		n=$((n + 1))
		cp "$f" "$dst/$(printf 'bounce-%02d.eml' "$n")"
	done
	cp "$run/sent.tsv" "$dst/sent.tsv" 2>/dev/null || : >"$dst/sent.tsv"
	python3 "$here/bounces/expected.py" "$dst" || return 1
	iop_log "$mta: kept $(wc -l <"$dst/mail.log") log lines, $n bounces, $(wc -l <"$dst/sent.tsv") refusals sent"
}

# ---------------------------------------------------------------- Postfix
# The package, and a fresh directory with Postfix's queue for one capture:
# postfix_prepare ROOT DIR (returns 2 when Postfix cannot run here).
postfix_prepare() {
	local root=$1 dir=$2 q
	iop_fetch postfix postfix || return 2
	iop_libs_ok postfix "$root/usr/lib/postfix/sbin/master" || return 2
	iop_port_free "$MTA_PORT" || return 1
	rm -rf "$dir"
	mkdir -p "$dir/etc" "$dir/data"
	for q in active bounce corrupt defer deferred flush hold incoming private \
		saved trace maildrop public pid; do
		mkdir -p "$dir/queue/$q"
	done
}

# Postfix's master in the foreground with $dir/etc/main.cf (written by the
# caller) and the harness's master.cf, behind the refuser, until it
# listens on $MTA_PORT: the bounce and the delay-warning captures.
postfix_run() {
	local root=$1 dir=$2 pid
	sed -e "s|@PORT@|$MTA_PORT|" "$here/bounces/postfix-master.cf" >"$dir/etc/master.cf"
	cp "$root/usr/share/postfix/dynamicmaps.cf" "$dir/etc/"
	postfix_queue_owners "$dir"
	refuser_start "$dir/refuser" || return 1
	LD_LIBRARY_PATH=$(iop_ldpath postfix) \
		"$root/usr/lib/postfix/sbin/master" -c "$dir/etc" -d \
		>"$dir/master.out" 2>&1 </dev/null &
	pid=$!
	IOP_PIDS+=("$pid")
	iop_wait_port "$MTA_PORT" "$pid" || {
		iop_log "postfix did not start: $(tail -n 5 "$dir/maillog" "$dir/master.out" 2>/dev/null)"
		return 1
	}
}

capture_postfix() {
	local root=$IOP/root/postfix dir=$IOP/run/bounces-postfix
	postfix_prepare "$root" "$dir" || return
	sed -e "s|@ROOT@|$root|g; s|@DIR@|$dir|g; s|@REFUSER@|$REFUSER|g" \
		"$here/bounces/postfix-main.cf" >"$dir/etc/main.cf"
	if [ "$SET" = more ]; then
		# temporary refusals tried again every 5-10 s for 30 s, then
		# returned ("status=expired, returned to sender")
		sed -i -e '/^maximal_queue_lifetime\|^bounce_queue_lifetime\|^queue_run_delay\|^minimal_backoff_time\|^maximal_backoff_time/d' "$dir/etc/main.cf"
		printf 'maximal_queue_lifetime = 30s\nbounce_queue_lifetime = 30s\nqueue_run_delay = 5s\nminimal_backoff_time = 5s\nmaximal_backoff_time = 10s\n' >>"$dir/etc/main.cf"
	fi
	postfix_run "$root" "$dir" || return 1
	send_all "$MTA_PORT" postfix.test || return 1
	wait_bounces "$dir/refuser" "$(expected_count)" 150
	sleep 2
	KEEP_LINES='postfix/(smtp|bounce|qmgr)\[.*(status=|notification)' \
		keep postfix "$dir/refuser" "$dir/maillog"
}

# ------------------------------------------------------- Postfix warnings
# Postfix's other notice: the delay warning (bounce(8) "THIS IS A WARNING
# ONLY", a DSN with Action: delayed) for a message still queued after
# delay_warning_time. Only the table's temporary refusals are sent (the
# permanent ones are in postfix/); the queue keeps them (lifetime 1 day),
# retries every second or two and warns once, after 1 s; then Postfix is
# stopped with the messages still queued.
capture_postfixdelay() {
	local root=$IOP/root/postfix dir=$IOP/run/bounces-postfixdelay n
	postfix_prepare "$root" "$dir" || return
	{
		sed -e "s|@ROOT@|$root|g; s|@DIR@|$dir|g; s|@REFUSER@|$REFUSER|g" \
			-e '/^maximal_queue_lifetime\|^bounce_queue_lifetime\|^delay_warning_time/d' \
			"$here/bounces/postfix-main.cf"
		printf 'maximal_queue_lifetime = 1d\nbounce_queue_lifetime = 1d\ndelay_warning_time = 1s\n'
	} >"$dir/etc/main.cf"
	postfix_run "$root" "$dir" || return 1
	SEND_ONLY_CLASS=4 send_all "$MTA_PORT" postfix.test || return 1
	n=$(grep -v -e '^#' -e '^$' "$table" | cut -f 3 | grep -c '^4')
	wait_bounces "$dir/refuser" "$n" 60
	sleep 2
	KEEP_LINES='postfix/(smtp|bounce|qmgr)\[.*(status=|notification)' \
		keep postfix-delay "$dir/refuser" "$dir/maillog"
}

# Exim's package, its libraries and the port, then an empty run directory
# DIR with spool/ and log/: returns 2 when Exim cannot be had here (the
# capture is skipped), 1 when the port is taken.
exim_prepare() {
	local root=$1 dir=$2
	iop_ns_ok && iop_fetch exim exim4-base exim4-daemon-light || return 2
	iop_libs_ok exim "$root/usr/sbin/exim4" || return 2
	iop_port_free "$MTA_PORT" || return 1
	rm -rf "$dir"
	mkdir -p "$dir/spool" "$dir/log"
}

# Exim's daemon (-bdf) with $dir/exim.conf (written by the caller), its
# spool and log owned by Debian-exim (the uid compiled into the package,
# which exists in iop_ns only), behind the refuser, until it listens on
# $MTA_PORT: the bounce and the delay-warning captures. Exim re-execs
# itself by its compiled-in path, /usr/sbin/exim4, as exim_user: a copy
# without the setuid bit (setuid makes the loader ignore LD_LIBRARY_PATH)
# is mounted there in its mount namespace.
exim_run() {
	local root=$1 dir=$2 pid
	chown -R 64990:64990 "$dir/spool" "$dir/log"
	refuser_start "$dir/refuser" || return 1
	mkdir -p "$dir/sbin"
	install -m 755 "$root/usr/sbin/exim4" "$dir/sbin/exim4"
	IOP_NS_MOUNTS="$dir/sbin:/usr/sbin" LD_LIBRARY_PATH=$(iop_ldpath exim) \
		iop_ns /usr/sbin/exim4 -C "$dir/exim.conf" -bdf ${EXIM_QUEUE_ARG:-} \
		>"$dir/daemon.out" 2>&1 </dev/null &
	pid=$!
	IOP_PIDS+=("$pid")
	iop_wait_port "$MTA_PORT" "$pid" || {
		iop_log "exim did not start: $(tail -n 5 "$dir/daemon.out" "$dir/log/paniclog" 2>/dev/null)"
		return 1
	}
}

# ------------------------------------------------------------------- Exim
capture_exim() {
	local root=$IOP/root/exim dir=$IOP/run/bounces-exim
	exim_prepare "$root" "$dir" || return
	sed -e "s|@DIR@|$dir|g; s|@PORT@|$MTA_PORT|g; s|@REFUSER@|$REFUSER|g" \
		"$here/bounces/exim.conf" >"$dir/exim.conf"
	local qarg=
	if [ "$SET" = more ]; then
		# a retry rule: tried every 5 s for 30 s (a queue runner every
		# 5 s), then returned ("retry timeout exceeded")
		printf '* * F,30s,5s\n' >>"$dir/exim.conf"
		qarg=-q5s
	fi
	EXIM_QUEUE_ARG=$qarg exim_run "$root" "$dir" || return 1
	send_all "$MTA_PORT" exim.test || return 1
	wait_bounces "$dir/refuser" "$(expected_count)" 150
	sleep 2
	KEEP_LINES=' (\*\*|==|=>) ' keep exim "$dir/refuser" "$dir/log/mainlog"
}

# ---------------------------------------------------------- Exim warnings
# Exim's delay warning (deliver.c: "A message that you sent has not yet
# been delivered to one or more of its recipients after more than ...",
# each address with its "Delay reason:", and a DSN with Action: delayed)
# for the table's temporary refusals only: a retry rule keeps them queued
# for a day, delay_warning = 1s, and one forced queue run (exim -qff) after
# a few seconds tries them again and sends the warnings.
capture_eximdelay() {
	local root=$IOP/root/exim dir=$IOP/run/bounces-eximdelay n
	exim_prepare "$root" "$dir" || return
	{
		sed -e "s|@DIR@|$dir|g; s|@PORT@|$MTA_PORT|g; s|@REFUSER@|$REFUSER|g" \
			-e 's|^begin acl|delay_warning = 1s\n\nbegin acl|' \
			"$here/bounces/exim.conf"
		printf '* * F,1d,1m\n'
	} >"$dir/exim.conf"
	exim_run "$root" "$dir" || return 1
	SEND_ONLY_CLASS=4 send_all "$MTA_PORT" exim.test || return 1
	sleep 4
	(IOP_NS_MOUNTS="$dir/sbin:/usr/sbin" LD_LIBRARY_PATH=$(iop_ldpath exim) \
		iop_ns /usr/sbin/exim4 -C "$dir/exim.conf" -qff) >>"$dir/daemon.out" 2>&1 </dev/null
	n=$(grep -v -e '^#' -e '^$' "$table" | cut -f 3 | grep -c '^4')
	wait_bounces "$dir/refuser" "$n" 60
	sleep 2
	KEEP_LINES=' (\*\*|==|=>) ' keep exim-delay "$dir/refuser" "$dir/log/mainlog"
}

# -------------------------------------------------------------- OpenSMTPD
capture_opensmtpd() {
	local root=$IOP/root/opensmtpd dir=$IOP/run/bounces-opensmtpd
	iop_ns_ok && iop_fetch opensmtpd opensmtpd || return 2
	iop_libs_ok opensmtpd "$root/usr/sbin/smtpd" || return 2
	iop_port_free "$MTA_PORT" || return 1
	rm -rf "$dir"
	mkdir -p "$dir"
	# BOUNCES_OPENSMTPD_TTL: a longer queue lifetime for a long table
	# (OpenSMTPD paces its sessions: with 8 s, most of tests/interop/
	# wrap/table.tsv's messages expire before their first attempt)
	sed -e "s|@PORT@|$MTA_PORT|g; s|@REFUSER@|$REFUSER|g; s|@SINK@|$SINK|g" \
		-e "s|^queue ttl 8s|queue ttl ${BOUNCES_OPENSMTPD_TTL:-8s}|" \
		"$here/bounces/smtpd.conf" >"$dir/smtpd.conf"
	chmod 644 "$dir/smtpd.conf"
	refuser_start "$dir/refuser" || return 1
	iop_smtpd_run "$root" "$dir" "$MTA_PORT" || return 1
	send_all "$MTA_PORT" opensmtpd.test || return 1
	wait_bounces "$dir/refuser" "$(expected_count)" 120
	sleep 2
	KEEP_LINES=' (relay|delivery|bounce)' keep opensmtpd "$dir/refuser" "$dir/smtpd.out"
}

# ----------------------------------------------------- OpenSMTPD warnings
# OpenSMTPD's delay warning ("bounce warn-interval": smtpd/bounce.c's
# "Delivery delayed" notice) for the table's temporary refusals only: queue
# ttl 1 day, a warning after 2 s; smtpd is stopped with the messages still
# queued.
capture_opensmtpddelay() {
	local root=$IOP/root/opensmtpd dir=$IOP/run/bounces-opensmtpddelay n
	iop_ns_ok && iop_fetch opensmtpd opensmtpd || return 2
	iop_libs_ok opensmtpd "$root/usr/sbin/smtpd" || return 2
	iop_port_free "$MTA_PORT" || return 1
	rm -rf "$dir"
	mkdir -p "$dir"
	sed -e "s|@PORT@|$MTA_PORT|g; s|@REFUSER@|$REFUSER|g; s|@SINK@|$SINK|g" \
		-e 's|^queue ttl 8s|queue ttl 1d\nbounce warn-interval 2s|' \
		"$here/bounces/smtpd.conf" >"$dir/smtpd.conf"
	chmod 644 "$dir/smtpd.conf"
	refuser_start "$dir/refuser" || return 1
	iop_smtpd_run "$root" "$dir" "$MTA_PORT" || return 1
	SEND_ONLY_CLASS=4 send_all "$MTA_PORT" opensmtpd.test || return 1
	n=$(grep -v -e '^#' -e '^$' "$table" | cut -f 3 | grep -c '^4')
	wait_bounces "$dir/refuser" "$n" 90
	sleep 2
	KEEP_LINES=' (relay|delivery|bounce)' keep opensmtpd-delay "$dir/refuser" "$dir/smtpd.out"
}

# --------------------------------------------------------------- Sendmail
# Sendmail logs only through syslog(3) to /dev/log, and this machine may
# have no syslog daemon: bounces/syslog.py listens on a socket of our own,
# mounted at /dev/log in Sendmail's mount namespace together with the few
# device nodes it opens, and writes the lines as rsyslog writes mail.log.
# Its host name is resolved from a hosts file of our own (no DNS).
# sendmail_ns DIR ARGS...: DIR's sendmail in its mount namespace (exec'd
# as iop_ns does: run it in a subshell or in the background).
sendmail_ns() {
	local dir=$1
	shift
	IOP_NS_MOUNTS="$dir/dev:/dev $dir/hosts:/etc/hosts $dir/nsswitch.conf:/etc/nsswitch.conf" \
		LD_LIBRARY_PATH=$(iop_ldpath sendmail) iop_ns "$dir/sendmail" "$@"
}

# One Sendmail capture: sendmail_capture NAME CLASS [SED-ARGS...]. NAME is
# the directory the captures are kept in (tests/data/bounces/NAME), CLASS
# the refusals of the table that are sent ("" all, "4" the temporary ones
# only), SED-ARGS further edits of sendmail.mc (sed -e ...).
sendmail_capture() {
	local name=$1 class=$2 root=$IOP/root/sendmail
	local dir=$IOP/run/bounces-$name pid rcpt
	shift 2
	iop_ns_ok && iop_fetch sendmail sendmail-bin sendmail-cf sendmail-base m4 || return 2
	iop_libs_ok sendmail "$root/usr/libexec/sendmail/sendmail" || return 2
	iop_port_free "$MTA_PORT" || return 1
	rm -rf "$dir"
	mkdir -p "$dir/queue" "$dir/dev"
	chmod 700 "$dir/queue"
	: >"$dir/aliases"
	mknod -m 666 "$dir/dev/null" c 1 3 &&
		mknod -m 666 "$dir/dev/zero" c 1 5 &&
		mknod -m 666 "$dir/dev/random" c 1 8 &&
		mknod -m 666 "$dir/dev/urandom" c 1 9 || return 2
	ln -s /proc/self/fd "$dir/dev/fd"
	printf '127.0.0.1\tsendmail.test %s localhost\n' "$(uname -n)" >"$dir/hosts"
	printf 'passwd: files\ngroup: files\nhosts: files\n' >"$dir/nsswitch.conf"
	printf 'hosts\tfiles\naliases\tfiles\n' >"$dir/service.switch"
	sed -e "s|@ROOT@|$root|g; s|@DIR@|$dir|g; s|@PORT@|$MTA_PORT|g; s|@REFUSER@|$REFUSER|g; s|@SINK@|$SINK|g" \
		"$@" "$here/bounces/sendmail.mc" >"$dir/sendmail.mc"
	"$root/usr/bin/m4" "$dir/sendmail.mc" >"$dir/sendmail.cf" || return 1
	# A copy without the setgid bit (which makes the loader ignore
	# LD_LIBRARY_PATH); run as root, it drops privileges itself.
	install -m 755 "$root/usr/libexec/sendmail/sendmail" "$dir/sendmail"
	python3 "$here/bounces/syslog.py" "$dir/dev/log" "$dir/maillog" "$(uname -n)" \
		>"$dir/syslog.out" 2>&1 </dev/null &
	IOP_PIDS+=("$!")
	refuser_start "$dir/refuser" || return 1
	sendmail_ns "$dir" -C "$dir/sendmail.cf" -bD -L sm-mta \
		>"$dir/daemon.out" 2>&1 </dev/null &
	pid=$!
	IOP_PIDS+=("$pid")
	iop_wait_port "$MTA_PORT" "$pid" || {
		iop_log "sendmail did not start: $(tail -n 5 "$dir/daemon.out" "$dir/maillog" 2>/dev/null)"
		return 1
	}
	SEND_ONLY_CLASS=$class send_all "$MTA_PORT" sendmail.test || return 1
	sleep 2
	# the more set: a second run of each after its queue return time
	# (SENDMAIL_PASSES=2, Timeout.queuereturn 20s)
	local pass
	for pass in $(seq 1 "${SENDMAIL_PASSES:-1}"); do
		[ "$pass" -gt 1 ] && sleep 22
		for rcpt in $(grep -v -e '^#' -e '^$' "$table" | awk -F'\t' -v c="$class" '(c == "" || index($3, c) == 1) && $3 !~ /^2/ {print ($2 == "MSG" ? "+" : "") $1}') sender; do
			case $rcpt in sender) rcpt=sender@sender.test ;; *) rcpt=$rcpt@refuse.test ;; esac
			(sendmail_ns "$dir" -C "$dir/sendmail.cf" -L sm-mta -qR"$rcpt") \
				>>"$dir/queuerun.out" 2>&1 </dev/null
		done
	done
	if [ -z "$class" ]; then
		wait_bounces "$dir/refuser" "$(expected_count)" 30
	else
		wait_bounces "$dir/refuser" "$(grep -v -e '^#' -e '^$' "$table" | cut -f 3 | grep -c "^$class")" 30
	fi
	sleep 2
	KEEP_LINES=' sm-mta\[[0-9]+\]: [0-9A-Za-z]+: .*(stat=|DSN: )' \
		keep "$name" "$dir/refuser" "$dir/maillog"
}

capture_sendmail() {
	if [ "$SET" = more ]; then
		SENDMAIL_PASSES=2 sendmail_capture sendmail "" \
			-e "s|confTO_QUEUERETURN', \`1s'|confTO_QUEUERETURN', \`20s'|"
	else
		sendmail_capture sendmail ""
	fi
}

# ------------------------------------------------------ Sendmail warnings
# Sendmail's delay warning ("Warning: could not send message for past ...",
# savemail.c/deliver.c with Timeout.queuewarn) for the table's temporary
# refusals only: Timeout.queuewarn 1s, Timeout.queuereturn 1d; the
# messages are queued and each is run once (as for the bounces).
capture_sendmaildelay() {
	sendmail_capture sendmail-delay 4 \
		-e "s|confTO_QUEUERETURN', \`1s'|confTO_QUEUERETURN', \`1d'|" \
		-e "s|confTO_QUEUEWARN', \`1h'|confTO_QUEUEWARN', \`1s'|"
}

# ------------------------------------------------------------- nullmailer
# nullmailer 2.2 (a relay-only MTA): nullmailer-send hands each queued
# message to its smtp program and, when that fails for good, mails a DSN
# made by nullmailer-dsn to the sender (through the same relay: refuser.py
# keeps it). Its paths are compiled in (/etc/nullmailer, /var/spool/
# nullmailer, /usr/lib/nullmailer, /usr/sbin/nullmailer-queue), so it runs
# in a mount namespace where the package's /usr and our /etc are overlaid
# and a spool of ours is mounted. queuelifetime 1: a message queued more
# than a second before its first attempt is returned at that attempt, so
# a temporary refusal bounces at once (nullmailer calls that DSN "delayed"
# although it gives the message up); sendtimeout 20 ends the silent
# server's session. Its log is what nullmailer-send writes to standard
# output (under systemd, journald adds the date and "nullmailer-send[pid]:").
nullmailer_ns() {
	local dir=$1 root=$IOP/root/nullmailer
	shift
	IOP_NS_MOUNTS="overlay+$root/usr:/usr overlay+$dir/etc:/etc tmpfs:/var/spool mkdir:/var/spool/nullmailer $dir/spool:/var/spool/nullmailer" \
		iop_ns "$@"
}

capture_nullmailer() {
	local root=$IOP/root/nullmailer dir=$IOP/run/bounces-nullmailer pid local
	iop_ns_ok && iop_fetch nullmailer nullmailer || return 2
	iop_libs_ok nullmailer "$root/usr/sbin/nullmailer-send" || return 2
	rm -rf "$dir"
	mkdir -p "$dir/etc/nullmailer" "$dir/spool/queue" "$dir/spool/tmp" "$dir/spool/failed"
	mkfifo "$dir/spool/trigger"
	chown -R mail:mail "$dir/spool"
	echo "127.0.0.1 smtp --port=$REFUSER" >"$dir/etc/nullmailer/remotes"
	echo nullmailer.test >"$dir/etc/nullmailer/defaultdomain"
	echo nullmailer.test >"$dir/etc/mailname"
	echo 1 >"$dir/etc/nullmailer/queuelifetime"
	echo 20 >"$dir/etc/nullmailer/sendtimeout"
	chmod -R a+rX "$dir/etc"
	refuser_start "$dir/refuser" || return 1
	local sender rcpts
	while IFS=$'\t' read -r local sender rcpts; do
		# shellcheck disable=SC2086 # rcpts: several words
		printf 'From: Sender <%s>\nTo: %s\nSubject: capture for %s\nDate: %s\nMessage-ID: <%s.capture@nullmailer.test>\n\nA test message for libsmtpreply'"'"'s bounce captures.\n' \
			"$sender" "$(to_list $rcpts)" "$local" "$(date -R)" "$local" |
			(nullmailer_ns "$dir" /usr/sbin/sendmail -f "$sender" $rcpts) || return 1
	done < <(python3 "$here/bounces/messages.py" "$table")
	sleep 2
	nullmailer_ns "$dir" setpriv --reuid=mail --regid=mail --clear-groups \
		/usr/sbin/nullmailer-send >"$dir/maillog" 2>&1 </dev/null &
	pid=$!
	IOP_PIDS+=("$pid")
	wait_bounces "$dir/refuser" "$(expected_count)" 150
	sleep 3
	keep nullmailer "$dir/refuser" "$dir/maillog"
}

# -------------------------------------------------------------------- dma
# DragonFly Mail Agent 0.13 (Debian's dma): a sendmail(8) that queues and
# delivers each message itself, to a smarthost here, and mails a bounce
# to the sender when a delivery fails for good. Paths compiled in
# (/etc/dma/dma.conf, /var/spool/dma) come from overlays in its mount
# namespace; it logs only through syslog(3), read by bounces/syslog.py on a
# /dev/log of its own (as for Sendmail). A temporary refusal makes dma
# wait (5 minutes, then longer) and retry for days: after its first
# attempt we stop it, age its queue files past its give-up time and run
# the queue once, so it returns them with its own words ("Could not
# deliver for the last N seconds. Giving up."): the temporary reply is in
# its log only.
dma_ns() {
	local dir=$1 root=$IOP/root/dma
	shift
	IOP_NS_MOUNTS="overlay+$dir/etc:/etc $dir/dev:/dev tmpfs:/var/spool mkdir:/var/spool/dma $dir/spool:/var/spool/dma" \
		LD_LIBRARY_PATH=$(iop_ldpath dma) iop_ns "$root/usr/sbin/dma" "$@"
}

capture_dma() {
	local root=$IOP/root/dma dir=$IOP/run/bounces-dma local pids=() p i
	iop_ns_ok && iop_fetch dma dma || return 2
	iop_libs_ok dma "$root/usr/sbin/dma" || return 2
	rm -rf "$dir"
	mkdir -p "$dir/etc/dma" "$dir/spool" "$dir/dev"
	mknod -m 666 "$dir/dev/null" c 1 3 &&
		mknod -m 666 "$dir/dev/zero" c 1 5 &&
		mknod -m 666 "$dir/dev/random" c 1 8 &&
		mknod -m 666 "$dir/dev/urandom" c 1 9 || return 2
	# as Debian's package leaves it: dma runs setgid mail
	chown root:mail "$dir/spool"
	chmod 2775 "$dir/spool"
	printf 'SMARTHOST 127.0.0.1\nPORT %s\nMAILNAME dma.test\n' "$REFUSER" >"$dir/etc/dma/dma.conf"
	: >"$dir/etc/aliases"
	chmod -R a+rX "$dir/etc"
	python3 "$here/bounces/syslog.py" "$dir/dev/log" "$dir/maillog" dma.test \
		>"$dir/syslog.out" 2>&1 </dev/null &
	IOP_PIDS+=("$!")
	refuser_start "$dir/refuser" || return 1
	for i in $(seq 1 50); do [ -S "$dir/dev/log" ] && break; sleep 0.1; done
	# -D: dma delivers in the foreground (its pid is the one we started,
	# so the deferred ones can be stopped by that pid).
	local sender rcpts
	while IFS=$'\t' read -r local sender rcpts; do
		# shellcheck disable=SC2086 # rcpts: several words
		printf 'From: Sender <%s>\nTo: %s\nSubject: capture for %s\nDate: %s\nMessage-ID: <%s.capture@dma.test>\n\nA test message for libsmtpreply'"'"'s bounce captures.\n' \
			"$sender" "$(to_list $rcpts)" "$local" "$(date -R)" "$local" >"$dir/msg-$local"
		# shellcheck disable=SC2086
		(dma_ns "$dir" -D -f "$sender" $rcpts <"$dir/msg-$local") \
			>>"$dir/dma.out" 2>&1 &
		pids+=("$!")
		IOP_PIDS+=("$!")
		sleep 0.5
	done < <(python3 "$here/bounces/messages.py" "$table")
	# Every refusal sent, and the silent server's session over (it hangs
	# up after 120 s, refuser.py's SILENCE).
	for i in $(seq 1 60); do
		[ "$(cat "$dir/refuser/sent.tsv" 2>/dev/null | wc -l)" -ge "$(expected_count)" ] && break
		sleep 1
	done
	# (the more set has no silent server)
	[ "$SET" = more ] && sleep 5 || sleep 130
	for p in "${pids[@]}"; do
		kill -0 "$p" 2>/dev/null && kill -TERM "$p"
	done
	sleep 1
	# dma gives a message up when its queue file is older than MAX_TIMEOUT
	# (5 days in 0.13), checked after a failed attempt (dma.c deliver()):
	# the queue run tries each deferred message once more, then returns
	# it, so its log and sent.tsv hold two attempts for each.
	find "$dir/spool" -type f -exec touch -d '10 days ago' {} +
	(dma_ns "$dir" -D -q) >>"$dir/dma.out" 2>&1 </dev/null &
	IOP_PIDS+=("$!")
	wait_bounces "$dir/refuser" "$(expected_count)" 60
	sleep 3
	KEEP_LINES=' dma\[' keep dma "$dir/refuser" "$dir/maillog"
}

# ---------------------------------------------------------------- Courier
# Courier 1.0.16 (courier-mta): courierd schedules deliveries, its esmtp
# module relays to the refuser (esmtproutes) and courierdsn mails an RFC
# 3464 DSN, whose text part quotes the session (">>> RCPT TO:<a@b>",
# "<<< 550 ..."). Paths compiled in (/etc/courier, /var/lib/courier,
# /usr/lib/courier) come from overlays and mounts in its mount namespace,
# with a "courier" account in its /etc/passwd and /etc/group; it logs
# through syslog(3), read by bounces/syslog.py on a /dev/log of its own.
# queuetime 1m and short retry intervals: a temporary refusal is retried
# for a minute, then returned.
courier_ns() {
	local dir=$1 root=$IOP/root/courier
	shift
	IOP_NS_MOUNTS="overlay+$root/usr:/usr overlay+$dir/etc:/etc $dir/dev:/dev tmpfs:/var/lib mkdir:/var/lib/courier $dir/var:/var/lib/courier tmpfs:/run mkdir:/run/courier" \
		iop_ns "$@"
}

capture_courier() {
	local root=$IOP/root/courier dir=$IOP/run/bounces-courier local pid
	iop_ns_ok && iop_fetch courier courier-mta courier-base courier-authlib \
		libcourier-unicode4 libidn12 || return 2
	rm -rf "$dir"
	mkdir -p "$dir/etc" "$dir/dev"
	cp -a "$root/etc/courier" "$dir/etc/"
	cp -a "$root/var/lib/courier" "$dir/var"
	mknod -m 666 "$dir/dev/null" c 1 3 &&
		mknod -m 666 "$dir/dev/zero" c 1 5 &&
		mknod -m 666 "$dir/dev/random" c 1 8 &&
		mknod -m 666 "$dir/dev/urandom" c 1 9 || return 2
	{ cat /etc/passwd; echo "courier:x:64996:64996:Courier:/var/lib/courier:/usr/sbin/nologin"; } >"$dir/etc/passwd"
	{ cat /etc/group; echo "courier:x:64996:"; } >"$dir/etc/group"
	echo courier.test >"$dir/etc/courier/me"
	echo courier.test >"$dir/etc/courier/defaultdomain"
	printf 'refuse.test: [127.0.0.1],%s\nsender.test: [127.0.0.1],%s\n' "$REFUSER" "$REFUSER" \
		>"$dir/etc/courier/esmtproutes"
	echo 1m >"$dir/etc/courier/queuetime"
	echo 10 >"$dir/etc/courier/retryalpha"
	echo 1 >"$dir/etc/courier/retrybeta"
	echo 10 >"$dir/etc/courier/retrygamma"
	echo 1 >"$dir/etc/courier/retrymaxdelta"
	chmod 644 "$dir/etc/passwd" "$dir/etc/group"
	chown -R 64996:64996 "$dir/var" "$dir/etc/courier"
	python3 "$here/bounces/syslog.py" "$dir/dev/log" "$dir/maillog" courier.test \
		>"$dir/syslog.out" 2>&1 </dev/null &
	IOP_PIDS+=("$!")
	refuser_start "$dir/refuser" || return 1
	courier_ns "$dir" /usr/lib/courier/courier/courierd >"$dir/courierd.out" 2>&1 </dev/null &
	pid=$!
	IOP_PIDS+=("$pid")
	sleep 3
	local sender rcpts
	while IFS=$'\t' read -r local sender rcpts; do
		# shellcheck disable=SC2086 # rcpts: several words
		printf 'From: Sender <%s>\nTo: %s\nSubject: capture for %s\nDate: %s\nMessage-ID: <%s.capture@courier.test>\n\nA test message for libsmtpreply'"'"'s bounce captures.\n' \
			"$sender" "$(to_list $rcpts)" "$local" "$(date -R)" "$local" |
			(courier_ns "$dir" /usr/sbin/sendmail -f "$sender" $rcpts) || return 1
	done < <(python3 "$here/bounces/messages.py" "$table")
	wait_bounces "$dir/refuser" "$(expected_count)" 240
	sleep 3
	# courierd forks its scheduler as the courier user: stop it by its pid
	# (the first courierd's child, ours)
	local child
	for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
		IOP_PIDS+=("$child")
	done
	KEEP_LINES=' courier' keep courier "$dir/refuser" "$dir/maillog"
}

# --------------------------------------------------------------- chasquid
# chasquid 1.11 (Debian's chasquid), a Go MTA: mail submitted with
# STARTTLS and AUTH on its submission port, relayed to the refuser (its
# -testing__outgoing_smtp_port flag sets the port of every outgoing
# connection). It looks up MX records itself: bounces/nxdns.py on
# 127.0.0.2 answers NXDOMAIN and chasquid falls back to the domain's
# address, which its mount namespace's /etc/hosts gives as 127.0.0.1.
# sender.test is its local domain, so each DSN is delivered locally, by
# its mail_delivery_agent_bin, a script that puts it in the refuser's
# inbox. A temporary refusal is retried for days: no DSN (its log has it).
capture_chasquid() {
	local root=$IOP/root/chasquid dir=$IOP/run/bounces-chasquid pid
	local sub=$((B + 3)) smtp=$((B + 4)) want
	iop_ns_ok && iop_fetch chasquid chasquid || return 2
	command -v openssl >/dev/null || { iop_log "chasquid: no openssl"; return 2; }
	rm -rf "$dir"
	mkdir -p "$dir/etc/chasquid/domains/sender.test" "$dir/etc/chasquid/certs/chasquid.test" "$dir/data"
	cat >"$dir/etc/chasquid/chasquid.conf" <<-EOF
		hostname: "chasquid.test"
		smtp_address: "127.0.0.1:$smtp"
		submission_address: "127.0.0.1:$sub"
		data_dir: "$dir/data"
		mail_log_path: "$dir/maillog"
		mail_delivery_agent_bin: "$dir/mda.sh"
		mail_delivery_agent_args: "%to%"
	EOF
	printf '#!/bin/sh\ncat >"%s/refuser/inbox/$(date +%%s%%N).eml"\n' "$dir" >"$dir/mda.sh"
	chmod 755 "$dir/mda.sh"
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=chasquid.test \
		-keyout "$dir/etc/chasquid/certs/chasquid.test/privkey.pem" \
		-out "$dir/etc/chasquid/certs/chasquid.test/fullchain.pem" >/dev/null 2>&1 || return 1
	# every envelope sender of the table's messages (a MAIL row's message
	# comes from LOCAL@sender.test): a user, so that it may send
	local user
	for user in $(python3 "$here/bounces/messages.py" "$table" | cut -f 2 | sort -u); do
		"$root/usr/bin/chasquid-util" -C="$dir/etc/chasquid" user-add "$user" \
			--password=capture >/dev/null || return 1
	done
	echo "nameserver 127.0.0.2" >"$dir/resolv.conf"
	echo "127.0.0.1 localhost chasquid.test refuse.test sender.test" >"$dir/hosts"
	refuser_start "$dir/refuser" || return 1
	mkdir -p "$dir/refuser/inbox"
	chmod 777 "$dir/refuser/inbox"
	python3 "$here/bounces/nxdns.py" 127.0.0.2 >"$dir/nxdns.out" 2>&1 </dev/null &
	IOP_PIDS+=("$!")
	IOP_NS_MOUNTS="$dir/resolv.conf:/etc/resolv.conf $dir/hosts:/etc/hosts" \
		iop_ns "$root/usr/bin/chasquid" -config_dir="$dir/etc/chasquid" \
		-testing__outgoing_smtp_port="$REFUSER" >"$dir/chasquid.out" 2>&1 </dev/null &
	pid=$!
	IOP_PIDS+=("$pid")
	iop_wait_port "$sub" "$pid" || return 1
	# the table's messages as messages.py lists them (a MAIL row's from
	# LOCAL@sender.test, an MSG row's to several recipients), each
	# submitted as its sender
	python3 "$here/bounces/messages.py" "$table" >"$dir/messages.tsv" || return 1
	python3 - "$sub" "$dir/messages.tsv" <<'PY' || return 1
import smtplib, ssl, sys, email.utils
port = int(sys.argv[1])
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
for line in open(sys.argv[2], encoding="utf-8"):
    local, sender, rcpts = line.rstrip("\n").split("\t")
    rcpts = rcpts.split()
    msg = ("From: Sender <%s>\r\nTo: %s\r\nSubject: capture for %s\r\n"
           "Date: %s\r\nMessage-ID: <%s.capture@chasquid.test>\r\n\r\n"
           "A test message for libsmtpreply's bounce captures.\r\n"
           % (sender, ", ".join("<%s>" % r for r in rcpts), local,
              email.utils.formatdate(), local))
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as s:
        s.starttls(context=ctx)
        s.login(sender, "capture")
        s.sendmail(sender, rcpts, msg)
PY
	# a DSN for each permanent refusal (5xx) and each MSG row's message:
	# the table's rows minus the temporary ones, the accepted ones and the
	# silent server
	want=$(grep -v -e '^#' -e '^$' "$table" | awk -F'\t' '$3 ~ /^5/ || $2 == "MSG"' | grep -c .)
	wait_bounces "$dir/refuser" "$want" 60
	sleep 3
	keep chasquid "$dir/refuser" "$dir/maillog"
}

rc=0
for mta in "${mtas[@]}"; do
	iop_log "capturing $mta"
	"capture_$mta" || { iop_log "$mta: failed"; rc=1; }
	iop_stop_all
done
exit $rc
