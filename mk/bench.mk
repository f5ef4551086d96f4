# The benchmark: ours against the memchr limit and against the peers, on the
# committed corpus bench/corpus.txt and on a big one made at bench time.
# Benches are not tests: `make check` only builds bench.c and runs one pass
# of each operation on both kinds of corpus (check-bench), so the bench
# cannot rot.
#   make bench [BENCH_RUNS=7] [BENCH_MIN_MS=100] [BENCH_BIG_MB=8]
#                                                   the machine, both corpora, targets
#   sh bench/peers/setup.sh                         installs the peers (root)
# docs/benchmarks.md: the method, the machine, a real run.
BENCH_RUNS   ?= 7
BENCH_MIN_MS ?= 100
BENCH_BIG_MB ?= 8
BENCH_DIR     = $(if $(filter .,$(BUILD)),build/bench,$(BUILD)/bench)
BENCH_BIN     = $(BENCH_DIR)/bench

.PHONY: bench check-bench
# With SAN=1 the bench runs as a smoke test only: it then leaves malloc to
# the sanitizer and says it did not count allocations.
$(BENCH_BIN): bench/bench.c include/smtpreply.h $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ bench/bench.c $(LIB_A)

bench: $(BENCH_BIN) $(LIB_SO)
	@BENCH=$(BENCH_BIN) OUT=$(BENCH_DIR) LIB_SO=$(LIB_SO) RUNS=$(BENCH_RUNS) \
	    MIN_MS=$(BENCH_MIN_MS) BIG_MB=$(BENCH_BIG_MB) CC="$(CC)" \
	    PEER_CFLAGS="$(STD) $(WARN) $(CFLAGS) -D_POSIX_C_SOURCE=200809L" sh bench/run.sh

CHECK_EXTRA += check-bench
# The big corpus's generator too, at a quarter of a megabyte.
check-bench: $(BENCH_BIN)
	@sh tests/suite.sh bench-smoke $(BENCH_BIN) --quick
	@$(PYTHON) bench/make_corpus.py --big $(BENCH_DIR)/smoke-big.txt --mb 0.25 >/dev/null && \
	    sh tests/suite.sh bench-smoke-big $(BENCH_BIN) --quick --corpus $(BENCH_DIR)/smoke-big.txt

# The parser's portable C paths (no SSE2, no compiler builtins): the whole
# test suite once more against a library built with -DSMTPREPLY_PORTABLE,
# so the fallback that non-x86 machines get is tested on this one too.
CHECK_EXTRA += check-portable
.PHONY: check-portable
check-portable:
	@sh tests/timed.sh portable $(MAKE) --no-print-directory $(CHECK_J) BUILD=build/portable \
	    CFLAGS="$(OPT) -g -DSMTPREPLY_PORTABLE" RUN_SKIP="$(CHECK_ONCE)" test >build/portable.log 2>&1 || \
	    { echo "portable-build-or-run 0 1" >>build/results.txt; tail -n 20 build/portable.log; }
	@grep -E '^[0-9]+ passed, [0-9]+ failed' build/portable.log | tail -n 1 | sed 's/^/portable: /'
