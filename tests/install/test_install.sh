#!/bin/sh
# make install into a staging DESTDIR, build a program outside the tree with
# nothing but pkg-config (shared and --static), run both, make uninstall,
# and check that nothing is left behind. Run from the top of the tree:
#   sh tests/install/test_install.sh      (make check-install)
set -u
MAKE=${MAKE:-make}
CC=${CC:-cc}
VERSION=${VERSION:-1.1.0}
SONAME=${SONAME:-libsmtpreply.so.1}
top=$(pwd)
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
check() { # check NAME COMMAND...
	name=$1
	shift
	if "$@" >"$tmp/out" 2>&1; then ok "$name"; else bad "$name"; tail -n 20 "$tmp/out"; fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

if ! command -v pkg-config >/dev/null 2>&1; then
	echo "pkg-config is missing (Debian: apt-get install pkg-config)"
	echo "0 passed, 1 failed"
	exit 1
fi

# One install layout: PREFIX, then a packager's split directories.
run_layout() { # run_layout LABEL MAKE-VARIABLES...
	label=$1
	shift
	stage=$tmp/stage-$label
	mkdir -p "$stage"
	check "$label: make install" $MAKE --no-print-directory -C "$top" install DESTDIR="$stage" "$@"
	# Where the variables say things go, as make itself computes them.
	eval "$($MAKE --no-print-directory -s -C "$top" -f Makefile -f tests/install/print-dirs.mk print-dirs "$@")"
	for f in "$includedir/smtpreply.h" "$libdir/libsmtpreply.a" \
		"$libdir/libsmtpreply.so.$VERSION" "$pkgconfigdir/libsmtpreply.pc" \
		"$mandir/man3/smtpreply.3" "$mandir/man3/smtpreply_parse.3"; do
		check "$label: installed ${f#"$prefix"/}" test -f "$stage$f"
	done
	if ls "$top"/cli/*.c >/dev/null 2>&1; then
		check "$label: installed bin/smtpreply" test -x "$stage$bindir/smtpreply"
	fi
	if [ -f "$top/docs/smtpreply.1" ]; then
		check "$label: installed man1/smtpreply.1" test -f "$stage$mandir/man1/smtpreply.1"
	fi
	check "$label: $SONAME -> libsmtpreply.so.$VERSION" \
		test "$(readlink "$stage$libdir/$SONAME")" = "libsmtpreply.so.$VERSION"
	check "$label: libsmtpreply.so -> $SONAME" \
		test "$(readlink "$stage$libdir/libsmtpreply.so")" = "$SONAME"
	check "$label: SONAME is $SONAME" \
		sh -c "readelf -d '$stage$libdir/libsmtpreply.so.$VERSION' | grep -q 'SONAME.*\\[$SONAME\\]'"
	n_src=$(ls "$top"/docs/man3/*.3 2>/dev/null | wc -l)
	n_inst=$(ls "$stage$mandir"/man3/*.3 2>/dev/null | wc -l)
	check "$label: all $n_src section 3 pages installed" test "$n_src" -gt 0 -a "$n_src" -eq "$n_inst"

	# The consumer, outside the tree, with only what pkg-config says.
	work=$tmp/consumer-$label
	mkdir -p "$work"
	cp "$top/tests/install/consumer.c" "$work/"
	PKG_CONFIG_PATH=$stage$pkgconfigdir
	PKG_CONFIG_SYSROOT_DIR=$stage
	PKG_CONFIG_LIBDIR=$stage$pkgconfigdir # no system .pc can answer instead
	export PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_LIBDIR
	check "$label: pkg-config --modversion is $VERSION" \
		test "$(pkg-config --modversion libsmtpreply)" = "$VERSION"
	flags=$(pkg-config --cflags --libs libsmtpreply)
	sflags=$(pkg-config --static --cflags --libs libsmtpreply)
	echo "     pkg-config: $flags"
	case "$flags" in
	*"-I$stage$includedir"*"-L$stage$libdir"*) ok "$label: flags point into the stage" ;;
	*) bad "$label: flags point into the stage ($flags)" ;;
	esac
	(
		cd "$work" || exit 1
		# shellcheck disable=SC2086
		check "$label: shared build" $CC -std=c99 -Wall -Wextra -Werror -o consumer-shared consumer.c $flags
		check "$label: shared build needs $SONAME" \
			sh -c "readelf -d consumer-shared | grep -q 'NEEDED.*\\[$SONAME\\]'"
		check "$label: shared run" sh -c "LD_LIBRARY_PATH='$stage$libdir' ./consumer-shared >out-shared"
		check "$label: shared output" grep -qx 'code 550 enhanced 5.1.1 lines 2' out-shared
		check "$label: shared output (action, explanation)" \
			sh -c "grep -qx 'action fail' out-shared && grep -qx 'explained 1' out-shared"
		check "$label: shared run loads the staged library" sh -c \
			"LD_LIBRARY_PATH='$stage$libdir' ldd ./consumer-shared | grep -q '$stage$libdir/$SONAME'"
		# shellcheck disable=SC2086
		check "$label: static build (--static, -static)" \
			$CC -std=c99 -Wall -Wextra -Werror -static -o consumer-static consumer.c $sflags
		check "$label: static build has no libsmtpreply.so dependency" \
			sh -c "! readelf -d consumer-static 2>/dev/null | grep -q libsmtpreply"
		check "$label: static run" sh -c "./consumer-static >out-static"
		check "$label: static output = shared output" cmp out-static out-shared
		echo "$passed $failed" >"$tmp/counts"
	)
	read -r passed failed <"$tmp/counts"
	unset PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_LIBDIR

	check "$label: make uninstall" $MAKE --no-print-directory -C "$top" uninstall DESTDIR="$stage" "$@"
	left=$(find "$stage" ! -type d)
	if [ -z "$left" ]; then
		ok "$label: nothing left behind"
	else
		bad "$label: left behind:"
		echo "$left"
	fi
}

check "build (make all)" $MAKE --no-print-directory -C "$top" all
run_layout default
run_layout packager PREFIX=/usr libdir=/usr/lib/x86_64-linux-gnu mandir=/usr/share/man \
	pkgconfigdir=/usr/share/pkgconfig bindir=/usr/sbin includedir=/usr/include/smtp
# The .pc of the default layout again in the tree, for whoever runs make next.
$MAKE --no-print-directory -s -C "$top" pc >/dev/null 2>&1

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
