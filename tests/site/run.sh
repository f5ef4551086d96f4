#!/bin/sh
# make check-site: writes the site with the smtpreply command, checks every
# page, then loads pages in Chromium. Installs tidy, Chromium and the CJK
# fonts from Debian (as root), and playwright-core from npm (it drives
# Debian's Chromium; no browser is downloaded). Ends with "N passed, N failed".
set -u
MAKE=${MAKE:-make}
PYTHON=${PYTHON:-python3}
out=${SITE_OUT:-build/site}
$MAKE --no-print-directory cli >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
# clang for wasm32-wasi: the explain page runs the library in the browser.
for p in wasi-libc lld-14 libclang-rt-14-dev-wasm32; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="${missing:-} $p"
done
if [ -n "${missing:-}" ] && [ "$(id -u)" -eq 0 ]; then
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1
fi
$MAKE --no-print-directory wasm >/dev/null || { echo "FAIL make wasm"; echo "0 passed, 1 failed"; exit 1; }
rm -rf "$out"
./smtpreply site --wasm build/wasm/smtpreply.wasm "$out" ||
	{ echo "smtpreply site failed"; echo "0 passed, 1 failed"; exit 1; }

total_p=0
total_f=0
add() { # "name: N passed, N failed" from a log
	line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
	p=$(echo "$line" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+')
	f=$(echo "$line" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+')
	[ -n "$line" ] || { p=0; f=1; }
	total_p=$((total_p + p))
	total_f=$((total_f + f))
}
log=$(mktemp)

sh tools/need-pkg.sh tidy tidy
$PYTHON tests/site/check_site.py "$out" >"$log" 2>&1
grep -v '^$' "$log" | tail -n 30
add "$log"

if sh tools/need-pkg.sh chromium chromium && sh tools/need-pkg.sh node nodejs &&
   sh tools/need-pkg.sh npm npm; then
	# Fonts for Korean and Japanese screenshots (not needed for the checks).
	dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "ok installed" ||
		{ [ "$(id -u)" -eq 0 ] && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends fonts-noto-cjk >/dev/null 2>&1; }
	if [ -d tests/site/node_modules/playwright-core ] ||
	   (cd tests/site && npm ci --no-audit --no-fund >/dev/null 2>&1); then
		node tests/site/browser.mjs "$out" build/site-shots >"$log" 2>&1
		tail -n 30 "$log"
		add "$log"
	else
		echo "FAIL npm ci in tests/site (playwright-core)"
		total_f=$((total_f + 1))
	fi
else
	echo "FAIL Chromium or Node.js missing"
	total_f=$((total_f + 1))
fi
rm -f "$log"
echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
