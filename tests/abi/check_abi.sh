#!/bin/sh
# The ABI checks of `make check-abi` (see docs/ABI.md):
#   1. the exported dynamic symbols (names@version, sorted) equal the
#      committed abi/symbols.txt, every SMTPREPLY_API function of the header
#      is exported and nothing else is; the SONAME is libsmtpreply.so.1;
#   2. libabigail: abidw of the built library compared by abidiff with the
#      committed baseline abi/libsmtpreply.abi; anything but added functions
#      fails (removed or changed functions, changed types or layouts);
#   3. the header compiles alone as C99, C11 and C17 (gcc, clang) and as
#      C++11 and C++17 (g++, clang++) at -Wall -Wextra -Wpedantic -Werror,
#      and a C++ program links and runs.
# The library is built on its own in build/abi (-O2 -g: abidw reads DWARF).
#   sh tests/abi/check_abi.sh            check, ends with "N passed, N failed"
#   sh tests/abi/check_abi.sh --update   rewrite abi/symbols.txt and
#                                        abi/libsmtpreply.abi (make abi-update)
set -u
MAKE=${MAKE:-make}
PYTHON=${PYTHON:-python3}
SONAME=${SONAME:-libsmtpreply.so.1}
out=build/abi
so=$out/libsmtpreply.so.${VERSION:-1.1.0}
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}
ABIDW_FLAGS="--headers-dir include --drop-private-types --no-corpus-path --no-comp-dir-path --no-show-locs --type-id-style hash"

mkdir -p "$out"
if $MAKE --no-print-directory BUILD=$out CFLAGS="-O2 -g" SAN= lib >$out/build.log 2>&1; then
	ok "build $so (-O2 -g)"
else
	bad "build $so"
	tail -n 30 $out/build.log
	finish
fi

symbols() { # exported, defined dynamic symbols: name@@VERSION, and the version nodes
	nm -D --defined-only "$1" | awk '{print $NF}' | LC_ALL=C sort
}

if [ "${1:-}" = "--update" ]; then
	sh tools/need-pkg.sh abidw abigail-tools || exit 1
	symbols "$so" >abi/symbols.txt
	# shellcheck disable=SC2086
	abidw $ABIDW_FLAGS --out-file abi/libsmtpreply.abi "$so" || exit 1
	echo "wrote abi/symbols.txt ($(grep -c @@ abi/symbols.txt) functions) and abi/libsmtpreply.abi"
	echo "review with: git diff abi/   then commit them with the change"
	exit 0
fi

# 1. Symbols.
symbols "$so" >$out/symbols.txt
if diff -u abi/symbols.txt $out/symbols.txt >$out/symbols.diff; then
	ok "exported symbols match abi/symbols.txt ($(grep -c @@ $out/symbols.txt) functions)"
else
	bad "exported symbols differ from abi/symbols.txt (- committed, + built):"
	tail -n +3 $out/symbols.diff
	echo "     If intended (a function added to the header, in a new version node of"
	echo "     src/libsmtpreply.map), run 'make abi-update' and commit abi/."
fi
sed -n 's/@@.*//p' $out/symbols.txt | LC_ALL=C sort >$out/exported.txt
$PYTHON tools/smtpreply_api.py --names | LC_ALL=C sort >$out/declared.txt
missing=$(comm -23 $out/declared.txt $out/exported.txt)
extra=$(comm -13 $out/declared.txt $out/exported.txt)
if [ -s $out/declared.txt ] && [ -z "$missing" ]; then
	ok "every SMTPREPLY_API function of the header is exported ($(wc -l <$out/declared.txt))"
else
	bad "declared in include/smtpreply.h but not exported:" && echo "$missing"
fi
if [ -z "$extra" ]; then ok "nothing exported beyond the header"; else
	bad "exported but not declared SMTPREPLY_API in the header:" && echo "$extra"
fi
unversioned=$(nm -D --defined-only "$so" | awk '$NF !~ /@@SMTPREPLY_/ && $2 != "A" {print $NF}')
if [ -z "$unversioned" ]; then ok "every exported function has a symbol version"; else
	bad "exported without a SMTPREPLY_ version:" && echo "$unversioned"
fi
# The library never calls its own exports through the PLT (interposable,
# and a relocation each): internal helpers are used instead.
self=$(readelf -rW "$so" | awk '/smtpreply_/ {print $5}' | sort -u)
if [ -z "$self" ]; then ok "no relocations against the library's own exports"; else
	bad "relocations against exported functions (calls through the PLT):" && echo "$self"
fi
if readelf -d "$so" | grep -q "SONAME.*\[$SONAME\]"; then ok "SONAME $SONAME"; else
	bad "SONAME is not $SONAME" && readelf -d "$so" | grep SONAME
fi

# The version numbers follow the version nodes (docs/ABI.md): a library
# that exports SMTPREPLY_1.1 functions must say it is 1.1 or later, or
# `pkg-config --atleast-version=1.1` and a run-time smtpreply_version_number()
# check would refuse the library that has them. The Makefile's VERSION (the
# file name, libsmtpreply.pc) and the header's SMTPREPLY_VERSION agree.
hdr=$(sed -n 's/^#define SMTPREPLY_VERSION "\(.*\)"$/\1/p' include/smtpreply.h)
node=$(sed -n 's/^SMTPREPLY_\([0-9]*\.[0-9]*\) {.*/\1/p' src/libsmtpreply.map |
	LC_ALL=C sort -t. -k1,1n -k2,2n | tail -n 1)
mkver=$(sed -n 's/^VERSION *= *//p' Makefile)
if [ "$hdr" = "$mkver" ]; then ok "header version $hdr = the Makefile's VERSION"; else
	bad "include/smtpreply.h says $hdr, the Makefile's VERSION $mkver"
fi
if [ -n "$node" ] && printf '%s\n%s\n' "$node" "$hdr" | LC_ALL=C sort -t. -k1,1n -k2,2n -C; then
	ok "newest version node SMTPREPLY_$node <= header version $hdr"
else
	bad "src/libsmtpreply.map has SMTPREPLY_$node but the header's version is $hdr: raise it"
fi

# 2. libabigail.
if ! sh tools/need-pkg.sh abidiff abigail-tools; then
	bad "abidiff (Debian package abigail-tools) is not installed"
elif [ ! -f abi/libsmtpreply.abi ]; then
	bad "no baseline abi/libsmtpreply.abi: run make abi-update"
else
	# shellcheck disable=SC2086
	if abidw $ABIDW_FLAGS --out-file $out/current.abi "$so" 2>$out/abidw.log; then
		abidiff abi/libsmtpreply.abi $out/current.abi >$out/abidiff.txt 2>&1
		rc=$?
		# 4 = some change, 8 = an incompatible one, 1 and 2 = errors.
		changed=$(grep -E 'changes summary:' $out/abidiff.txt |
			grep -Ev ': 0 Removed, 0 Changed' || true)
		if [ "$rc" -eq 0 ]; then
			ok "abidiff: the ABI equals the baseline abi/libsmtpreply.abi"
		elif [ "$rc" -eq 4 ] && [ -z "$changed" ]; then
			ok "abidiff: compatible additions only (update the baseline with make abi-update)"
			cat $out/abidiff.txt
		else
			bad "abidiff against abi/libsmtpreply.abi (exit $rc):"
			cat $out/abidiff.txt
			echo "     A change to a function, a type or a layout of SONAME 1. If it is meant"
			echo "     (a member carved out of a reserved tail, size and other offsets"
			echo "     unchanged), see docs/ABI.md, then run 'make abi-update'."
		fi
	else
		bad "abidw $so"
		cat $out/abidw.log
	fi
fi

# 3. The header in every language and standard.
for cc in gcc clang; do
	command -v $cc >/dev/null 2>&1 || { bad "$cc is not installed"; continue; }
	for std in c99 c11 c17; do
		if $cc -std=$std -Wall -Wextra -Wpedantic -Werror -Wstrict-prototypes -Iinclude \
			-c tests/abi/header.c -o $out/header-$cc-$std.o >$out/cc.log 2>&1; then
			ok "header as $std ($cc)"
		else
			bad "header as $std ($cc)" && cat $out/cc.log
		fi
	done
done
for cxx in g++ clang++; do
	command -v $cxx >/dev/null 2>&1 || { bad "$cxx is not installed"; continue; }
	for std in c++11 c++17; do
		exe=$out/header-$cxx-$std
		if $cxx -std=$std -Wall -Wextra -Wpedantic -Werror -Iinclude \
			tests/abi/header.cpp $out/libsmtpreply.a -o "$exe" >$out/cc.log 2>&1; then
			if "$exe" >$out/run.log 2>&1; then
				ok "header as $std ($cxx), linked and run"
			else
				bad "header as $std ($cxx): run" && cat $out/run.log
			fi
		else
			bad "header as $std ($cxx)" && cat $out/cc.log
		fi
	done
done
finish
