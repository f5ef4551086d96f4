# Hostile inputs: documented results, and work linear in the input size.
CHECK_EXTRA += check-hostile
.PHONY: check-hostile
$(BUILD)/tests/hostile/pathological: tests/hostile/pathological.c tests/check.h $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(LIB_A)
check-hostile: $(BUILD)/tests/hostile/pathological
	@BUILD=$(BUILD) sh tests/suite.sh hostile-linear sh tests/hostile/linear.sh
