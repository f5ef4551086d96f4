# Sourced by run.sh (and used by hand to make the captures): fetch real SMTP
# servers from Debian's packages without installing them (apt-get download +
# dpkg -x, so Postfix, Exim and OpenSMTPD can coexist), and start and stop
# them on 127.0.0.1 only. Needs root (apt-get; the servers drop privileges
# to existing system accounts: daemon, nobody).
#
# Everything lives under $IOP (default /tmp/smtpreply-interop):
#   debs/      downloaded .deb files (kept: later runs do not download again)
#   root/NAME/ each server's unpacked packages
#   run/NAME/  each running instance's configuration, queue, logs

IOP=${SMTPREPLY_INTEROP_DIR:-/tmp/smtpreply-interop}
IOP_SRC=${IOP_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
IOP_PIDS=()

iop_log() { echo "interop: $*" >&2; }

# iop_missing_libs PKG...: the library packages PKGs depend on, directly or
# through other libraries, that are not installed here.
iop_missing_libs() {
	local queue=("$@") seen=" " out=() p d
	while [ ${#queue[@]} -gt 0 ]; do
		p=${queue[0]}
		queue=("${queue[@]:1}")
		for d in $(apt-cache depends --no-recommends --no-suggests --no-conflicts \
			--no-breaks --no-replaces --no-enhances "$p" 2>/dev/null |
			awk '$1 ~ /Depends:$/ && $2 ~ /^(lib|zlib)/ { print $2 }' | sort -u); do
			case $seen in *" $d "*) continue ;; esac
			seen="$seen$d "
			[ "$(dpkg-query -W -f='${db:Status-Status}' "$d" 2>/dev/null)" = installed ] && continue
			out+=("$d")
			queue+=("$d")
		done
	done
	echo "${out[*]}"
}

# iop_fetch NAME PKG...: download (once) PKGs and the libraries they need
# that this machine lacks, and unpack them all into root/NAME. Runs
# apt-get update (once) when the package lists do not know PKG or a download
# fails.
iop_fetch() {
	local name=$1 pkg
	shift
	[ -e "$IOP/root/$name/.unpacked" ] && return 0
	mkdir -p "$IOP/debs" "$IOP/root"
	chmod 755 "$IOP" "$IOP/debs"
	if ! apt-cache show "$1" >/dev/null 2>&1; then
		iop_apt_update
	fi
	if ! iop_download "$name" "$@"; then
		iop_apt_update && iop_download "$name" "$@" || return 1
	fi
	rm -rf "$IOP/root/$name"
	mkdir -p "$IOP/root/$name"
	for pkg in $(cat "$IOP/debs/$name.list"); do
		dpkg -x "$(ls "$IOP/debs/${pkg}"_*.deb | tail -n 1)" "$IOP/root/$name" || return 1
	done
	touch "$IOP/root/$name/.unpacked"
}

# iop_apt_update: apt-get update, at most once a run.
iop_apt_update() {
	[ -n "${IOP_APT_UPDATED:-}" ] && return 1
	IOP_APT_UPDATED=1
	iop_log "apt-get update"
	apt-get update -qq >/dev/null 2>&1
}

# iop_download NAME PKG...: the .deb files of PKGs and their missing
# libraries into debs/ (listed in debs/NAME.list).
iop_download() {
	local name=$1 pkg missing=()
	shift
	set -- "$@" $(iop_missing_libs "$@")
	for pkg in "$@"; do
		ls "$IOP/debs/${pkg}"_*.deb >/dev/null 2>&1 || missing+=("$pkg")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		(cd "$IOP/debs" && apt-get download -qq "${missing[@]}" >/dev/null 2>&1) || {
			iop_log "$name: cannot download ${missing[*]}"
			return 1
		}
	fi
	echo "$@" >"$IOP/debs/$name.list"
}

# iop_libs_ok NAME BINARY: every shared library BINARY needs is found.
iop_libs_ok() {
	local out
	out=$(LD_LIBRARY_PATH=$(iop_ldpath "$1") ldd "$2" 2>&1) || {
		iop_log "$1: ldd $2 failed"
		return 1
	}
	if echo "$out" | grep -q 'not found'; then
		iop_log "$1: missing libraries: $(echo "$out" | grep 'not found' | tr -s ' \t\n' ' ')"
		return 1
	fi
}

iop_ldpath() {
	local r=$IOP/root/$1
	echo "$r/usr/lib/postfix:$r/usr/lib/x86_64-linux-gnu:$r/lib/x86_64-linux-gnu"
}

# iop_listening PORT: something listens on 127.0.0.1:PORT (read from
# /proc, without connecting).
iop_listening() {
	local hex
	hex=$(printf '%04X' "$1")
	grep -q "^ *[0-9]*: 0100007F:$hex 00000000:0000 0A" /proc/net/tcp 2>/dev/null
}

# iop_port_free PORT...: nothing listens there yet (say, a server left
# over from a run that was killed).
iop_port_free() {
	local p
	for p in "$@"; do
		if iop_listening "$p"; then
			iop_log "port $p is already in use (set IOP_PORT_BASE)"
			return 1
		fi
	done
}

# iop_wait_port PORT PID: wait up to 15 s for PORT, while PID lives.
iop_wait_port() {
	local i
	for i in $(seq 1 150); do
		iop_listening "$1" && return 0
		kill -0 "$2" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

iop_stop_all() {
	local pid i
	for pid in "${IOP_PIDS[@]}"; do
		kill -TERM "$pid" 2>/dev/null || continue
		for i in $(seq 1 50); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$pid" 2>/dev/null
	done
	IOP_PIDS=()
}

# ---------------------------------------------------------------- Postfix
# postfix_start PORT: smtpd on PORT, PORT+1 and postscreen on PORT+2.
# The owners and modes Postfix's queue wants (postfix set-permissions):
# daemon owns the queue, the setgid postdrop group the drop-off folders.
postfix_queue_owners() {
	chown -R daemon "$1/queue" "$1/data"
	chown root "$1/queue/pid"
	chgrp mail "$1/queue/maildrop" "$1/queue/public"
	chmod 730 "$1/queue/maildrop"
	chmod 710 "$1/queue/public"
	chmod 700 "$1/queue/private"
}

postfix_start() {
	local port=$1 root=$IOP/root/postfix dir=$IOP/run/postfix q pid
	iop_port_free "$port" $((port + 1)) $((port + 2)) || return 1
	iop_fetch postfix postfix || return 1
	iop_libs_ok postfix "$root/usr/lib/postfix/sbin/master" || return 1
	rm -rf "$dir"
	mkdir -p "$dir/etc" "$dir/data"
	for q in active bounce corrupt defer deferred flush hold incoming private \
		saved trace maildrop public pid; do
		mkdir -p "$dir/queue/$q"
	done
	sed -e "s|@ROOT@|$root|g; s|@DIR@|$dir|g; s|@OWNER@|daemon|; s|@GROUP@|mail|" \
		"$IOP_SRC/postfix/main.cf" >"$dir/etc/main.cf"
	sed -e "s|@PORT@|$port|; s|@PORT1@|$((port + 1))|; s|@PORT2@|$((port + 2))|" \
		"$IOP_SRC/postfix/master.cf" >"$dir/etc/master.cf"
	cp "$root/usr/share/postfix/dynamicmaps.cf" "$dir/etc/"
	postfix_queue_owners "$dir"
	LD_LIBRARY_PATH=$(iop_ldpath postfix) \
		"$root/usr/lib/postfix/sbin/master" -c "$dir/etc" -d \
		>"$dir/master.out" 2>&1 </dev/null &
	pid=$!
	IOP_PIDS+=("$pid")
	if ! iop_wait_port "$((port + 2))" "$pid"; then
		iop_log "postfix: master did not start: $(tail -n 5 "$dir/maillog" "$dir/master.out" 2>/dev/null)"
		return 1
	fi
}

# smtp_sink_start PORT ARGS...: Postfix's smtp-sink test server.
smtp_sink_start() {
	local port=$1 root=$IOP/root/postfix pid
	shift
	iop_port_free "$port" || return 1
	iop_fetch postfix postfix || return 1
	iop_libs_ok postfix "$root/usr/sbin/smtp-sink" || return 1
	mkdir -p "$IOP/run"
	LD_LIBRARY_PATH=$(iop_ldpath postfix) \
		"$root/usr/sbin/smtp-sink" -u nobody "$@" "127.0.0.1:$port" 16 \
		>"$IOP/run/smtp-sink-$port.out" 2>&1 </dev/null &
	pid=$!
	IOP_PIDS+=("$pid")
	iop_wait_port "$port" "$pid" || {
		iop_log "smtp-sink did not start: $(cat "$IOP/run/smtp-sink-$port.out")"
		return 1
	}
}

# iop_ns CMD...: run CMD (exec'd: the pid stays the same) in a private mount
# namespace whose /etc/passwd and /etc/group also hold the accounts the
# packages' maintainer scripts would have made (Debian-exim, opensmtpd,
# opensmtpq) and three mailbox owners (alice, bob, carol), without touching
# the real files. Extra mounts, in order: IOP_NS_MOUNTS="dir:mountpoint ..."
# ("tmpfs:/dir" mounts an empty tmpfs, "mkdir:/dir" only makes /dir,
# "overlay+DIR:/dir" shows DIR's files over /dir's, read-only: a package's
# /usr or a configuration in /etc where its paths are compiled in, without
# writing to the real /usr or /etc).
iop_ns() {
	local etc=$IOP/run/etc
	mkdir -p "$etc"
	if [ ! -s "$etc/passwd" ] || [ /etc/passwd -nt "$etc/passwd" ]; then
		{
			cat /etc/passwd
			getent passwd Debian-exim >/dev/null || echo "Debian-exim:x:64990:64990:Exim:/nonexistent:/usr/sbin/nologin"
			getent passwd opensmtpd >/dev/null || echo "opensmtpd:x:64991:64991:OpenSMTPD:/nonexistent:/usr/sbin/nologin"
			getent passwd opensmtpq >/dev/null || echo "opensmtpq:x:64992:64992:OpenSMTPD queue:/nonexistent:/usr/sbin/nologin"
			getent passwd alice >/dev/null || echo "alice:x:64993:64993:Alice:/nonexistent:/usr/sbin/nologin"
			getent passwd bob >/dev/null || echo "bob:x:64994:64994:Bob:/nonexistent:/usr/sbin/nologin"
			getent passwd carol >/dev/null || echo "carol:x:64995:64995:Carol:/nonexistent:/usr/sbin/nologin"
		} >"$etc/passwd"
		{
			cat /etc/group
			getent group Debian-exim >/dev/null || echo "Debian-exim:x:64990:"
			getent group opensmtpd >/dev/null || echo "opensmtpd:x:64991:"
			getent group opensmtpq >/dev/null || echo "opensmtpq:x:64992:"
			getent group alice >/dev/null || echo "alice:x:64993:"
			getent group bob >/dev/null || echo "bob:x:64994:"
			getent group carol >/dev/null || echo "carol:x:64995:"
		} >"$etc/group"
		chmod 644 "$etc/passwd" "$etc/group"
	fi
	IOP_NS_ETC=$etc exec unshare -m -- /bin/sh -c '
		set -e
		mount --make-rprivate / 2>/dev/null || true
		mount --bind "$IOP_NS_ETC/passwd" /etc/passwd
		mount --bind "$IOP_NS_ETC/group" /etc/group
		for m in $IOP_NS_MOUNTS; do
			src=${m%%:*} dst=${m#*:}
			case $src in
			tmpfs) mount -t tmpfs -o mode=755 tmpfs "$dst" ;;
			overlay+*) mount -t overlay overlay -o "lowerdir=${src#overlay+}:$dst" "$dst" ;;
			mkdir) mkdir -p "$dst" ;;
			*) mount --bind "$src" "$dst" ;;
			esac
		done
		exec "$@"' iop-ns "$@"
}

# ------------------------------------------------------------------- Exim
# exim_setup NAME PORT SYNPROT PIPECONNECT: unpack Exim and write the
# configuration of instance NAME (run/NAME/); see exim/exim.conf.
exim_setup() {
	local name=$1 port=$2 synprot=$3 pipeconnect=$4 root=$IOP/root/exim dir=$IOP/run/$1
	iop_fetch exim exim4-base exim4-daemon-light || return 1
	iop_libs_ok exim "$root/usr/sbin/exim4" || return 1
	rm -rf "$dir"
	mkdir -p "$dir/spool" "$dir/log"
	local greetdelay=0s
	[ -z "$pipeconnect" ] && greetdelay=1s
	sed -e "s|@DIR@|$dir|g; s|@PORT@|$port|g; s|@SYNPROT@|$synprot|g; s|@PIPECONNECT@|$pipeconnect|g" \
		-e "s|@GREETDELAY@|$greetdelay|g" \
		"$IOP_SRC/exim/exim.conf" >"$dir/exim.conf"
	chown -R daemon:mail "$dir/spool" "$dir/log"
}

# exim_bh NAME: a fake SMTP session on stdin/stdout, as if from 127.0.0.1
# (exim -bh: nothing is received; Exim also prints "****" notes there).
exim_bh() {
	LD_LIBRARY_PATH=$(iop_ldpath exim) \
		iop_ns "$IOP/root/exim/usr/sbin/exim4" -C "$IOP/run/$1/exim.conf" -bh 127.0.0.1
}

# exim_start NAME PORT SYNPROT PIPECONNECT: an Exim daemon in the foreground on
# 127.0.0.1:PORT (it runs as "daemon": -C makes Exim drop root).
exim_start() {
	local name=$1 port=$2 pid
	iop_port_free "$port" || return 1
	exim_setup "$@" || return 1
	LD_LIBRARY_PATH=$(iop_ldpath exim) \
		iop_ns "$IOP/root/exim/usr/sbin/exim4" -C "$IOP/run/$name/exim.conf" -bdf \
		>"$IOP/run/$name/daemon.out" 2>&1 </dev/null &
	pid=$!
	IOP_PIDS+=("$pid")
	iop_wait_port "$port" "$pid" || {
		iop_log "$name did not start: $(tail -n 5 "$IOP/run/$name/daemon.out" "$IOP/run/$name/log/paniclog" 2>/dev/null)"
		return 1
	}
}

# -------------------------------------------------------------- OpenSMTPD
# opensmtpd_start PORT SINKPORT: OpenSMTPD (smtpd -d) on 127.0.0.1:PORT,
# with its compiled-in spool, chroot and control socket paths on tmpfs
# mounts that only its mount namespace sees.
opensmtpd_start() {
	local port=$1 sinkport=$2 root=$IOP/root/opensmtpd dir=$IOP/run/opensmtpd
	iop_port_free "$port" || return 1
	iop_fetch opensmtpd opensmtpd || return 1
	iop_libs_ok opensmtpd "$root/usr/sbin/smtpd" || return 1
	rm -rf "$dir"
	mkdir -p "$dir"
	sed -e "s|@PORT@|$port|g; s|@SINKPORT@|$sinkport|g" \
		"$IOP_SRC/opensmtpd/smtpd.conf" >"$dir/smtpd.conf"
	chmod 644 "$dir/smtpd.conf"
	iop_smtpd_run "$root" "$dir" "$port"
}

# OpenSMTPD's smtpd in the foreground (-d: it logs to standard error,
# $dir/smtpd.out, which is its log here) with $dir/smtpd.conf, in a mount
# namespace with its own spool, state and run directories (plus
# $IOP_SMTPD_MOUNTS), until it listens on $3. Used by every harness that
# runs OpenSMTPD (servers, bounces, ownwords).
iop_smtpd_run() {
	local root=$1 dir=$2 port=$3 pid
	IOP_NS_MOUNTS="tmpfs:/var/spool tmpfs:/var/lib mkdir:/var/lib/opensmtpd/empty tmpfs:/run${IOP_SMTPD_MOUNTS:+ $IOP_SMTPD_MOUNTS}" \
		LD_LIBRARY_PATH=$(iop_ldpath opensmtpd) \
		iop_ns "$root/usr/sbin/smtpd" -d -f "$dir/smtpd.conf" \
		>"$dir/smtpd.out" 2>&1 </dev/null &
	pid=$!
	IOP_PIDS+=("$pid")
	iop_wait_port "$port" "$pid" || {
		iop_log "opensmtpd did not start: $(tail -n 5 "$dir/smtpd.out")"
		return 1
	}
}

# ------------------------------------------------------------ the sessions
# Every instance listens on IOP_PORT_BASE + an offset:
#   +0 postfix smtpd   +1 smtpd with reject footer   +2 postscreen
#   +10 smtp-sink      +11 smtp-sink -E -f -r -B     +12 smtp-sink -P
#   +20 exim           +21 exim-strict
#   +30 opensmtpd (relays to +10)
IOP_PORT_BASE=${IOP_PORT_BASE:-42500}

# Each session: scripts/NAME.script, run against SERVER on port +OFFSET.
IOP_SESSIONS="
postfix-esmtp postfix 0
postfix-errors postfix 0
postfix-helo postfix 0
postfix-footer postfix 1
postfix-postscreen postfix 2
smtp-sink-default smtp-sink 10
smtp-sink-reject smtp-sink 11
smtp-sink-pix smtp-sink 12
exim-esmtp exim 20
exim-errors exim 20
exim-helo exim 20
exim-strict exim 21
exim-pregreet exim 21
opensmtpd-esmtp opensmtpd 30
opensmtpd-errors opensmtpd 30
opensmtpd-helo opensmtpd 30
"

# iop_start SERVER: start one server's instances. Returns 2 when the server
# cannot be had here (cannot be downloaded or unpacked, libraries missing,
# no mount namespaces), 1 when it was had but did not start.
iop_start() {
	local b=$IOP_PORT_BASE
	iop_available "$1" || return 2
	case $1 in
	postfix) postfix_start "$b" ;;
	smtp-sink)
		smtp_sink_start $((b + 10)) &&
			smtp_sink_start $((b + 11)) -E -f vrfy,rset -r .,noop -B "550 5.7.1 Go away, 5 times" &&
			smtp_sink_start $((b + 12)) -P
		;;
	exim) exim_start exim $((b + 20)) 100 "*" && exim_start exim-strict $((b + 21)) 3 "" ;;
	opensmtpd) opensmtpd_start $((b + 30)) $((b + 10)) ;;
	*) return 2 ;;
	esac
}

# iop_available SERVER: its packages are downloaded and unpacked, its
# libraries found, and what it needs from the system is there.
iop_available() {
	case $1 in
	postfix | smtp-sink)
		iop_fetch postfix postfix &&
			iop_libs_ok postfix "$IOP/root/postfix/usr/lib/postfix/sbin/master" &&
			iop_libs_ok postfix "$IOP/root/postfix/usr/sbin/smtp-sink"
		;;
	exim)
		iop_ns_ok && iop_fetch exim exim4-base exim4-daemon-light &&
			iop_libs_ok exim "$IOP/root/exim/usr/sbin/exim4"
		;;
	opensmtpd)
		iop_ns_ok && iop_fetch opensmtpd opensmtpd &&
			iop_libs_ok opensmtpd "$IOP/root/opensmtpd/usr/sbin/smtpd"
		;;
	*)
		iop_log "unknown server $1"
		return 1
		;;
	esac
}

iop_ns_ok() {
	command -v unshare >/dev/null 2>&1 && unshare -m -- mount -t tmpfs tmpfs /mnt 2>/dev/null && return 0
	iop_log "cannot make a private mount namespace (unshare -m)"
	return 1
}
