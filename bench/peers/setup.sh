#!/bin/sh
# Installs what the benchmark's peers need (Debian packages and one npm
# package). Run as root; `make bench` works without it, and then reports
# each peer it could not build as such.
#   sh bench/peers/setup.sh
set -e
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" -ne 0 ]; then
	echo "setup.sh: run as root (apt-get install)" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# dovecot-dev: the headers (smtp-reply-parser.h); dovecot-core: libdovecot.so
# itself (dovecot-dev does not pull it in);
# golang-go: net/textproto; nodejs + npm: nodemailer; python3: smtplib.
# A Node.js that is already there (some images ship one with its own npm,
# which Debian's npm package conflicts with) is kept.
pkgs="dovecot-dev dovecot-core pkg-config"
command -v go >/dev/null 2>&1 || pkgs="$pkgs golang-go"
command -v python3 >/dev/null 2>&1 || pkgs="$pkgs python3"
command -v node >/dev/null 2>&1 || pkgs="$pkgs nodejs"
command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"
# dovecot-core is a server: it must not start one here. policy-rc.d (101 =
# action forbidden) keeps its install from starting the service; ours is
# removed again afterwards, and one that was already there is left alone.
policy=/usr/sbin/policy-rc.d
ours=
if [ ! -e $policy ]; then
	printf '#!/bin/sh\nexit 101\n' >$policy && chmod 755 $policy && ours=1
fi
rc=0
apt-get install -y -q --no-install-recommends $pkgs || rc=$?
[ -n "$ours" ] && rm -f $policy
[ "$rc" -eq 0 ] || exit "$rc"
# nodemailer, pinned in bench/peers/package.json, into bench/peers/node_modules.
cd "$here" && npm install --no-audit --no-fund --no-package-lock --loglevel=error
