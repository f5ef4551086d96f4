# Hostile inputs: documented results, and work linear in the input size.
CHECK_EXTRA += check-hostile
.PHONY: check-hostile
$(TESTDIR)/hostile/pathological: tests/hostile/pathological.c tests/check.h $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(LIB_A)
check-hostile: $(TESTDIR)/hostile/pathological
	@BUILD=$(BUILD) TESTDIR=$(TESTDIR) sh tests/suite.sh hostile-linear sh tests/hostile/linear.sh
