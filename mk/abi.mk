# ABI of libsmtpreply.so.1 (docs/ABI.md):
#   make check-abi    exported symbols = abi/symbols.txt, every header
#                     function exported, abidiff against abi/libsmtpreply.abi,
#                     the header as C99/C11/C17/C++11/C++17
#   make abi-update   rewrite abi/symbols.txt and abi/libsmtpreply.abi from
#                     the current source (review `git diff abi/`, commit)
.PHONY: check-abi abi-update
CHECK_EXTRA += check-abi
check-abi:
	@MAKE="$(MAKE) $(CHECK_J)" PYTHON="$(PYTHON)" VERSION="$(VERSION)" SONAME="$(SONAME)" \
	    sh tests/suite.sh abi sh tests/abi/check_abi.sh
abi-update:
	@MAKE="$(MAKE)" PYTHON="$(PYTHON)" VERSION="$(VERSION)" SONAME="$(SONAME)" \
	    sh tests/abi/check_abi.sh --update
