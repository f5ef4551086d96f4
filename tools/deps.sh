#!/bin/sh
# Installs the Debian packages that `make check` uses, when run as root on a
# Debian-like machine; elsewhere it lists what is missing and goes on.
# Suites that need more (real MTAs, Dovecot, Go, Node) install it themselves.
set -u
pkgs="make gcc clang python3 valgrind mandoc pkg-config abigail-tools cppcheck clang-tidy"
# make check-bindings: Go for the cgo binding (Rust, Node.js and npm come
# with the machine; tests/bindings/run.sh installs them from Debian if not).
pkgs="$pkgs golang-go"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null 2>&1 || apt-get update
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1 ||
		apt-get install -y --no-install-recommends $missing
else
	echo "tools/deps.sh: not installing (not root or no apt-get); missing:$missing" >&2
fi
exit 0
