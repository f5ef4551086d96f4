# libFuzzer harnesses (clang, ASan + UBSan):
#   make fuzz [FUZZ_SECONDS=600]   build and run each for that long
# `make check` runs each for FUZZ_SMOKE_SECONDS as a smoke test.
FUZZ_CC           ?= clang
FUZZ_SECONDS      ?= 300
FUZZ_SMOKE_SECONDS ?= 15
FUZZ_SRC    = $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN    = $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRC))
FUZZ_CFLAGS = -std=c11 -g -O1 -Wall -Wextra -Werror -Iinclude -Itests/fuzz \
              -D_POSIX_C_SOURCE=200809L -DSMTPREPLY_BUILDING -DSMTPREPLY_CHECK_SCAN \
              -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all

.PHONY: fuzz fuzz-build check-fuzz
build/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz_common.h $(LIB_SRC) src/internal.h include/smtpreply.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(LIB_SRC)

fuzz-build: $(FUZZ_BIN)
fuzz: fuzz-build
	sh tests/fuzz/run.sh $(FUZZ_SECONDS)

CHECK_EXTRA += check-fuzz
check-fuzz:
	@$(MAKE) --no-print-directory fuzz-build >build/fuzz-build.log 2>&1 || \
	    { echo "fuzz-build 0 1" >>build/results.txt; tail -n 20 build/fuzz-build.log; exit 0; }
	@sh tests/suite.sh fuzz-smoke sh tests/fuzz/run.sh $(FUZZ_SMOKE_SECONDS)
