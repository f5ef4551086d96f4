# libFuzzer harnesses (clang, ASan + UBSan):
#   make fuzz [FUZZ_SECONDS=600]   build and run each for that long
# `make check` runs each as a smoke test: through its seeds (the case files,
# the classification corpus, the captures), then FUZZ_SMOKE_RUNS mutated
# inputs; a fixed amount of work rather than of time, so a loaded machine
# fuzzes as much as an idle one. Two (one per core) run at a time.
FUZZ_CC           ?= clang
FUZZ_SECONDS      ?= 300
FUZZ_SMOKE_RUNS   ?= 5000
FUZZ_SRC    = $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN    = $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRC))
FUZZ_CFLAGS = -std=c11 -g -O1 -Wall -Wextra -Werror -Iinclude -Itests/fuzz \
              -D_POSIX_C_SOURCE=200809L -DSMTPREPLY_BUILDING -DSMTPREPLY_CHECK_SCAN \
              -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all

# The library is compiled once for all the harnesses (the same flags, with
# fuzzer-no-link: the same coverage instrumentation, libFuzzer's main
# linked only into the harnesses), not once per harness.
FUZZ_OBJ        = $(patsubst src/%.c,build/fuzz/obj/%.o,$(LIB_SRC))
FUZZ_OBJ_CFLAGS = $(subst -fsanitize=fuzzer$(COMMA),-fsanitize=fuzzer-no-link$(COMMA),$(FUZZ_CFLAGS))
COMMA := ,
.SECONDARY: $(FUZZ_OBJ)

.PHONY: fuzz fuzz-build check-fuzz
build/fuzz/obj/%.o: src/%.c $(wildcard src/*.h) include/smtpreply.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_OBJ_CFLAGS) -c $< -o $@

build/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz_common.h $(FUZZ_OBJ)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_OBJ)

fuzz-build: $(FUZZ_BIN)
fuzz: fuzz-build
	sh tests/fuzz/run.sh $(FUZZ_SECONDS)

CHECK_EXTRA += check-fuzz
check-fuzz:
	@$(MAKE) --no-print-directory $(CHECK_J) fuzz-build >build/fuzz-build.log 2>&1 || \
	    { echo "fuzz-build 0 1" >>build/results.txt; tail -n 20 build/fuzz-build.log; exit 0; }
	@sh tests/suite.sh fuzz-smoke sh tests/fuzz/run.sh +$(FUZZ_SMOKE_RUNS)
