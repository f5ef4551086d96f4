# Man pages: docs/man3/*.3 (one per public function, plus smtpreply.3) and
# the CLI's docs/smtpreply.1.
#   make check-docs   every function of the header has a page whose SYNOPSIS
#                     matches the header; pages clean under mandoc -Tlint;
#                     every EXAMPLES program compiles (gcc and clang) and runs
#   make man-synopsis FUNC=smtpreply_parse   the SYNOPSIS lines for a page
DOCS_CC = $(sort $(CC) $(if $(shell command -v clang 2>/dev/null),clang))

.PHONY: check-docs man-synopsis
CHECK_EXTRA += check-docs
check-docs:
	@mkdir -p build
	@$(MAKE) --no-print-directory lib >build/docs-build.log 2>&1 || \
	    { echo "docs 0 1" >>build/results.txt; echo "FAIL docs: build"; tail -n 20 build/docs-build.log; exit 0; }
	@sh tools/need-pkg.sh mandoc mandoc || true
	@sh tests/suite.sh docs $(PYTHON) tools/check_man.py $(addprefix --cc ,$(DOCS_CC)) --lib $(LIB_A)

man-synopsis:
	@$(PYTHON) tools/smtpreply_api.py --synopsis $(FUNC)
