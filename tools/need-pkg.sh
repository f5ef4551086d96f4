#!/bin/sh
# Makes sure a command is there, installing its Debian package when it is
# missing and we are root on a Debian-like machine:
#   sh tools/need-pkg.sh COMMAND PACKAGE
# Exits non-zero, with a message, when the command is still missing.
cmd=$1
pkg=$2
command -v "$cmd" >/dev/null 2>&1 && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null 2>&1 || {
		apt-get update -qq >/dev/null 2>&1
		apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null 2>&1
	}
fi
command -v "$cmd" >/dev/null 2>&1 && exit 0
echo "$cmd is missing: install the Debian package $pkg (apt-get install $pkg)" >&2
exit 1
