# Example programs (examples/*.c), built against the static library:
#   make examples         build them into build/examples (or $(BUILD)/examples)
#   make check-examples   build them with gcc and clang at the project's
#                         warning flags, run each on sample input (a loopback
#                         SMTP server for read_loop), check the output
EX_SRC = $(sort $(wildcard examples/*.c))
EX_OUT = $(if $(filter .,$(BUILD)),build,$(BUILD))/examples
EX_BIN = $(patsubst examples/%.c,$(EX_OUT)/%,$(EX_SRC))

.PHONY: examples check-examples
examples: $(EX_BIN)
$(EX_OUT)/%: examples/%.c $(LIB_A) include/smtpreply.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_A)

CHECK_EXTRA += check-examples
check-examples:
	@MAKE="$(MAKE) $(CHECK_J)" EX_OUT="$(EX_OUT)" EX_CFLAGS="$(ALL_CFLAGS)" PYTHON="$(PYTHON)" \
	    sh tests/suite.sh examples sh tests/examples/test_examples.sh
