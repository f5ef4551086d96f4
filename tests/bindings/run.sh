#!/bin/sh
# make check-bindings: the Python, Go, Rust and Node.js packages of
# bindings/, each with its own tests and the cross-language cases of
# tests/bindings/cases.tsv, against the library in the tree (LIB_DIR,
# default the top of the tree). Each package is also installed the way its
# README says (pip offline, npm pack + install) and used from outside the
# tree. A toolchain that is missing is installed when we are root on Debian
# (tools/need-pkg.sh: golang-go, cargo, nodejs + npm); if it still is
# missing, that counts as a failure. Builds are cached under build/bindings.
# Ends with "N passed, N failed".
set -u
top=$(pwd)
LIB_DIR=$(cd "${LIB_DIR:-.}" && pwd)
PYTHON=${PYTHON:-python3}
VERSION=${VERSION:-1.1.0}
out=$top/build/bindings
mkdir -p "$out"
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
expect() { # expect NAME FILE STRING: a line of FILE holds STRING
	if grep -qF -- "$3" "$2"; then ok "$1"; else
		bad "$1: no '$3' in:"
		sed 's/^/     /' "$2" | tail -n 30
	fi
}
REPLY2='452 4.2.2 <carol@example.org>: Mailbox full'

if [ ! -f "$LIB_DIR/libsmtpreply.so.1" ]; then
	bad "no $LIB_DIR/libsmtpreply.so.1: run make first"
	echo "$passed passed, $failed failed"
	exit 1
fi
export LD_LIBRARY_PATH="$LIB_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export SMTPREPLY_LIBRARY="$LIB_DIR/libsmtpreply.so.1"
# A pkg-config file for the uninstalled tree, for cgo and cargo.
mkdir -p "$out/pkgconfig"
cat >"$out/pkgconfig/libsmtpreply.pc" <<PC
libdir=$LIB_DIR
includedir=$top/include
Name: libsmtpreply
Description: Parse SMTP server replies and explain them (uninstalled)
Version: $VERSION
Libs: -L\${libdir} -lsmtpreply
Cflags: -I\${includedir}
PC
export PKG_CONFIG_PATH="$out/pkgconfig"

# --- Python -------------------------------------------------------------------
# count_run NAME LOG: add a runner's closing "N passed, N failed" to ours.
count_run() {
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$2" | tail -n 1)
	if [ -z "$line" ]; then
		bad "$1: did not finish" && tail -n 30 "$2"
		return
	fi
	p=${line%% passed*}
	f=${line#*passed, }
	f=${f%% failed*}
	passed=$((passed + p))
	failed=$((failed + f))
	echo "$1: $line"
	[ "$f" -eq 0 ] || grep -E '^(FAIL|ERROR)|Error|assert' "$2" | head -n 40
}
$PYTHON bindings/python/tests/test_smtpreply.py >"$out/python.log" 2>&1
count_run "python (source tree)" "$out/python.log"
# The README's install command, offline (no index: nothing may be downloaded),
# then the same tests against the installed copy, run from outside the tree.
$PYTHON -m pip --version >/dev/null 2>&1 || sh tools/need-pkg.sh pip3 python3-pip >/dev/null 2>&1
rm -rf "$out/py-site"
if PIP_NO_INDEX=1 PIP_BREAK_SYSTEM_PACKAGES=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
	$PYTHON -m pip install --quiet --no-index --target "$out/py-site" ./bindings/python \
	>"$out/pip.log" 2>&1 && [ -f "$out/py-site/smtpreply/py.typed" ]; then
	ok "python: pip install ./bindings/python (offline, with py.typed)"
	(cd "$out" && SMTPREPLY_TEST_INSTALLED=1 PYTHONPATH="$out/py-site" \
		$PYTHON "$top/bindings/python/tests/test_smtpreply.py") >"$out/python-installed.log" 2>&1
	count_run "python (installed)" "$out/python-installed.log"
	grep -q "py-site/smtpreply/__init__.py" "$out/python-installed.log" ||
		bad "python (installed): the tests did not import the installed package"
else
	bad "python: pip install ./bindings/python" && tail -n 20 "$out/pip.log"
fi

# --- Go (cgo) --------------------------------------------------------------------
if sh tools/need-pkg.sh go golang-go; then
	export GOPATH="$out/gopath" GOCACHE="$out/gocache" GOPROXY=off GOFLAGS=-mod=mod GO111MODULE=on
	if (cd bindings/go && go vet ./... && go build -o "$out/go-explain" ./cmd/smtpreply-explain) \
		>"$out/go.log" 2>&1; then
		ok "go: vet and build (cgo, pkg-config)"
		if (cd bindings/go && go test -count=1 -v ./...) >"$out/go-test.log" 2>&1; then
			ok "go: go test ($(grep -c -- '--- PASS' "$out/go-test.log") tests and examples passed)"
		else
			bad "go: go test" && grep -E -- '--- FAIL|_test.go' "$out/go-test.log" | head -n 30
		fi
		# As a user installs it (the README's commands): a module of their own
		# that requires this one through a replace, then three lines of use.
		rm -rf "$out/go-user" && mkdir -p "$out/go-user"
		cat >"$out/go-user/main.go" <<'GO'
package main

import (
	"fmt"

	"github.com/libsmtpreply/libsmtpreply/bindings/go/smtpreply"
)

func main() {
	r, err := smtpreply.Parse([]byte("452 4.2.2 <carol@example.org>: Mailbox full\r\n"), "RCPT")
	if err != nil {
		panic(err)
	}
	fmt.Println("user", r.Code, r.Action(), r.Reason(), r.Explanation().Key)
}
GO
		(cd "$out/go-user" && go mod init example.org/user && go mod edit \
			-require=github.com/libsmtpreply/libsmtpreply/bindings/go@v1.1.0 \
			-replace=github.com/libsmtpreply/libsmtpreply/bindings/go="$top/bindings/go" &&
			go run .) >"$out/go-user.out" 2>&1
		expect "go: a module of the user's (go mod edit -replace) builds and runs" "$out/go-user.out" \
			"user 452 retry mailbox_full reply 452 after RCPT"
		"$out/go-explain" "$REPLY2" RCPT >"$out/go2.out" 2>&1
		expect "go: the example command explains a reply" "$out/go2.out" "action: retry (Retry later)"
		if "$out/go-explain" "250 OK" BOGUS >"$out/go3.out" 2>&1; then
			bad "go: an unknown command was accepted"
		else
			expect "go: an unknown command is an error" "$out/go3.out" 'unknown SMTP command "BOGUS"'
		fi
	else
		bad "go: build" && tail -n 30 "$out/go.log"
	fi
else
	bad "go: the Go toolchain is missing (Debian: apt-get install golang-go)"
fi

# --- Rust (std only, no crates) ---------------------------------------------------
[ -d "${HOME:-/root}/.cargo/bin" ] && PATH="$PATH:${HOME:-/root}/.cargo/bin"
command -v cargo >/dev/null 2>&1 || sh tools/need-pkg.sh cargo cargo
if command -v cargo >/dev/null 2>&1; then
	export CARGO_TARGET_DIR="$out/rust-target"
	if (cd bindings/rust && cargo build --offline --quiet --all-targets) >"$out/cargo.log" 2>&1; then
		ok "rust: cargo build ($(rustc --version); build.rs asks pkg-config)"
		if (cd bindings/rust && cargo test --offline) >"$out/cargo-test.log" 2>&1; then
			n=$(awk '/^test result: ok/ {s += $4} END {print s + 0}' "$out/cargo-test.log")
			ok "rust: cargo test ($n unit, integration and doc tests passed)"
		else
			bad "rust: cargo test" && grep -E 'FAILED|panicked|error' "$out/cargo-test.log" | head -n 30
		fi
		if cargo clippy --version >/dev/null 2>&1; then
			if (cd bindings/rust && cargo clippy --offline --quiet --all-targets -- -D warnings) \
				>"$out/clippy.log" 2>&1; then
				ok "rust: cargo clippy -D warnings"
			else
				bad "rust: cargo clippy" && head -n 40 "$out/clippy.log"
			fi
		else
			echo "note rust: no clippy here (Debian has none for its rustc); not run"
		fi
		# As a user adds it (the README's command): a crate of their own.
		rm -rf "$out/rust-user"
		if (cd "$out" && cargo new --quiet --offline --vcs none rust-user &&
			cd rust-user && cargo add --quiet --offline smtpreply --path "$top/bindings/rust/smtpreply") \
			>"$out/rust-user.log" 2>&1; then
			cat >"$out/rust-user/src/main.rs" <<'RS'
fn main() -> Result<(), smtpreply::Error> {
    let r = smtpreply::parse(b"452 4.2.2 <carol@example.org>: Mailbox full\r\n")?.after(smtpreply::Command::Rcpt);
    println!("user {} {} {} {}", r.code(), r.action(), r.reason(), r.explanation().key());
    Ok(())
}
RS
			(cd "$out/rust-user" && cargo run --offline --quiet) >"$out/rust-user.out" 2>&1
			expect "rust: a crate of the user's (cargo add --path) builds and runs" "$out/rust-user.out" \
				"user 452 retry mailbox_full reply 452 after RCPT"
		else
			bad "rust: cargo new + cargo add --path" && tail -n 20 "$out/rust-user.log"
		fi
		(cd bindings/rust && cargo run --offline --quiet --example explain -- "$REPLY2" RCPT) \
			>"$out/rust2.out" 2>&1
		expect "rust: the example explains a reply" "$out/rust2.out" "action: retry (Retry later)"
		if (cd bindings/rust && cargo run --offline --quiet --example explain -- "250 OK" BOGUS) \
			>"$out/rust3.out" 2>&1; then
			bad "rust: an unknown command was accepted"
		else
			expect "rust: an unknown command is an error" "$out/rust3.out" 'unknown SMTP command "BOGUS"'
		fi
	else
		bad "rust: cargo build" && tail -n 30 "$out/cargo.log"
	fi
else
	bad "rust: cargo is missing (Debian: apt-get install cargo)"
fi

# --- Node.js (koffi, and tsc for the type check, from npm) ----------------------------
command -v node >/dev/null 2>&1 || sh tools/need-pkg.sh node nodejs
command -v npm >/dev/null 2>&1 || sh tools/need-pkg.sh npm npm
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
	if (cd bindings/node && { [ -x node_modules/.bin/tsc ] && [ -d node_modules/koffi ] ||
		npm ci --no-audit --no-fund --loglevel=error; }) >"$out/npm.log" 2>&1; then
		ok "node: koffi and typescript installed (npm ci)"
		(cd bindings/node && node --test test/) >"$out/node-test.log" 2>&1
		np=$(sed -n 's/^# pass //p' "$out/node-test.log")
		nf=$(sed -n 's/^# fail //p' "$out/node-test.log")
		if [ -n "$np" ] && [ "$nf" = 0 ]; then
			ok "node: node --test ($np tests passed)"
		else
			bad "node: node --test (${nf:-?} failed)" && grep -E '^not ok|error:' "$out/node-test.log" | head -n 30
		fi
		if (cd bindings/node && node_modules/.bin/tsc -p tsconfig.json) >"$out/tsc.log" 2>&1; then
			ok "node: tsc type-checks index.d.ts and the CommonJS and ESM usage"
		else
			bad "node: tsc" && head -n 30 "$out/tsc.log"
		fi
		# As a user installs it (the README's command), then three lines
		# each of require() and import.
		rm -rf "$out/node-user" && mkdir -p "$out/node-user"
		if (cd "$out/node-user" && echo '{"name":"user","private":true}' >package.json &&
			npm install --install-links --no-audit --no-fund --prefer-offline --loglevel=error \
				"$top/bindings/node") >"$out/npm-user.log" 2>&1; then
			(cd "$out/node-user" &&
				node -e "const s = require('smtpreply'); const r = s.parse('$REPLY2\r\n', { command: 'RCPT' }); console.log('cjs', r.action, r.reason);" &&
				node --input-type=module -e "import { parse } from 'smtpreply'; const r = parse('$REPLY2\r\n', { command: 'RCPT' }); console.log('esm', r.verdict, r.explanation.key);") \
				>"$out/node-user.out" 2>&1
			expect "node: npm install --install-links, then require()" "$out/node-user.out" "cjs retry mailbox_full"
			expect "node: npm install --install-links, then import" "$out/node-user.out" "esm retry reply 452 after RCPT"
		else
			bad "node: npm install --install-links bindings/node" && tail -n 20 "$out/npm-user.log"
		fi
	else
		bad "node: npm ci in bindings/node (koffi, typescript from the npm registry)" && tail -n 30 "$out/npm.log"
	fi
else
	bad "node: Node.js or npm is missing (Debian: apt-get install nodejs npm)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
