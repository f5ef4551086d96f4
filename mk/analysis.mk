# Checks beyond the tests: no heap use, valgrind over the test programs,
# and the static analysers (cppcheck, clang-tidy with .clang-tidy, gcc's
# -fanalyzer). Anything suppressed says why, next to it.
CHECK_EXTRA += check-alloc check-valgrind check-static
.PHONY: check-alloc check-valgrind check-static static-analysis

$(TESTDIR)/alloc/count_alloc: tests/alloc/count_alloc.c tests/check.h $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(STD) $(WARN) $(CFLAGS) -D_POSIX_C_SOURCE=200809L -Iinclude -Itests -o $@ $< $(LIB_A)

check-alloc: $(TESTDIR)/alloc/count_alloc
	@sh tests/suite.sh no-allocation $(TESTDIR)/alloc/count_alloc

check-valgrind: all $(TEST_BIN)
	@TESTDIR=$(TESTDIR) sh tests/suite.sh valgrind sh tests/valgrind.sh

static-analysis:
	sh tests/static.sh
check-static:
	@sh tests/suite.sh static-analysis sh tests/static.sh
