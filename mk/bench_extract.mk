# Finding replies in mail logs and bounces against the memchr limit
# (bench/bench_extract.c): part of `make bench`, and one quick pass in
# `make check` (check-bench-extract) so it cannot rot.
BENCH_EXTRACT_BIN = $(BENCH_DIR)/bench_extract

.PHONY: bench-extract check-bench-extract
$(BENCH_EXTRACT_BIN): bench/bench_extract.c include/smtpreply.h $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ bench/bench_extract.c $(LIB_A)

bench-extract: $(BENCH_EXTRACT_BIN)
	@$(BENCH_EXTRACT_BIN)

bench: bench-extract

CHECK_EXTRA += check-bench-extract
check-bench-extract: $(BENCH_EXTRACT_BIN)
	@sh tests/suite.sh bench-extract-smoke $(BENCH_EXTRACT_BIN) --quick
