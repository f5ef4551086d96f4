# FFI: the Python (ctypes), Go (cgo), Rust (std only) and Node.js (koffi)
# packages of bindings/:
#   make check-bindings   their tests and the shared cases of
#                         tests/bindings/cases.tsv against the shared library
#                         in the tree (installs missing toolchains when root)
.PHONY: check-bindings
CHECK_EXTRA += check-bindings
check-bindings:
	@mkdir -p build
	@$(MAKE) --no-print-directory lib >build/bindings-build.log 2>&1 || \
	    { echo "bindings 0 1" >>build/results.txt; echo "FAIL bindings: build"; tail -n 20 build/bindings-build.log; exit 0; }
	@LIB_DIR="$(BUILD)" PYTHON="$(PYTHON)" VERSION="$(VERSION)" \
	    sh tests/suite.sh bindings sh tests/bindings/run.sh
