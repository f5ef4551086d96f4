#!/bin/sh
# The Python binding's own tests against the shared library just built, in
# `make test` too, not only in make check's bindings stage: the binding
# rebuilds records from their public fields (Found(*r)) and checks they are
# judged the same, which the C tests alone do not ask (session 15 found a
# change that broke it only in CI). Needs python3 and nothing else; the
# sanitizer variants skip it (an ASan-built .so cannot load into python3),
# so make check lists it in CHECK_ONCE. Ends with "N passed, N failed".
if [ -n "${SAN:-}" ]; then
	echo "skipped: a sanitizer build's .so does not load into python3"
	echo "0 passed, 0 failed"
	exit 0
fi
lib=${BUILD:-.}/libsmtpreply.so.1
if [ ! -f "$lib" ]; then
	echo "FAIL no $lib: run make first"
	echo "0 passed, 1 failed"
	exit 1
fi
dir=$(cd "$(dirname "$lib")" && pwd)
LD_LIBRARY_PATH="$dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
SMTPREPLY_LIBRARY="$dir/libsmtpreply.so.1" \
	exec python3 bindings/python/tests/test_smtpreply.py
