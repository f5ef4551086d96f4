# libsmtpreply - build, test, install.
#
#   make              library (static + shared), the smtpreply CLI
#   make demo         build, then run the CLI on a sample SMTP session
#   make check        every test: plain build, then ASan+UBSan with gcc and clang
#   make test         the plain test run only (quick)
#   make regen        regenerate src/table.c from data/ (needs python3)
#   make install      PREFIX/DESTDIR/libdir/includedir/bindir/mandir/pkgconfigdir
#
# Variants build out of tree: `make BUILD=build/x CC=clang SAN=1 test`.

VERSION_MAJOR = 1
VERSION       = 1.1.0
SONAME        = libsmtpreply.so.$(VERSION_MAJOR)

CC      ?= cc
BUILD   ?= .
PYTHON  ?= python3
WARN     = -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wcast-qual -Wvla
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
STD      = -std=c11
ifeq ($(SAN),1)
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
OPT      = -O1
endif
ALL_CFLAGS = $(STD) $(WARN) $(CFLAGS) $(SANFLAGS) -Iinclude -D_POSIX_C_SOURCE=200809L
# -fno-semantic-interposition: calls between the library's own exported
# functions go direct, not through the PLT.
LIB_CFLAGS = $(ALL_CFLAGS) -fPIC -fvisibility=hidden -fno-semantic-interposition \
             -DSMTPREPLY_BUILDING

LIB_SRC  = $(sort $(wildcard src/*.c))
LIB_OBJ  = $(patsubst src/%.c,$(BUILD)/obj/%.o,$(LIB_SRC))
LIB_A    = $(BUILD)/libsmtpreply.a
LIB_SO   = $(BUILD)/libsmtpreply.so.$(VERSION)
CLI      = $(BUILD)/smtpreply
CLI_SRC  = $(sort $(wildcard cli/*.c))

# Test programs never go into the source tree's tests/ folder.
TESTDIR  = $(if $(filter .,$(BUILD)),build/tests,$(BUILD)/tests)
TEST_SRC = $(sort $(wildcard tests/test_*.c)) tests/run_cases.c
TEST_BIN = $(patsubst tests/%.c,$(TESTDIR)/%,$(TEST_SRC))

.PHONY: all lib cli demo test check clean regen check-regen
all: lib $(if $(CLI_SRC),cli)

lib: $(LIB_A) $(LIB_SO)

$(BUILD)/obj/%.o: src/%.c $(wildcard src/*.h) include/smtpreply.h
	@mkdir -p $(dir $@)
	$(CC) $(LIB_CFLAGS) -c $< -o $@

$(LIB_A): $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(LIB_SO): $(LIB_OBJ) src/libsmtpreply.map
	$(CC) -shared $(SANFLAGS) -Wl,-soname,$(SONAME) \
	    -Wl,--version-script=src/libsmtpreply.map -Wl,-z,relro -Wl,-z,now \
	    -o $@ $(LIB_OBJ)
	ln -sf libsmtpreply.so.$(VERSION) $(BUILD)/$(SONAME)
	ln -sf $(SONAME) $(BUILD)/libsmtpreply.so

# The README's first command: the CLI on a sample session.
demo: all
	$(CLI) parse --commands examples/sample-session.cmds examples/sample-session.txt
	$(CLI) explain --after RCPT "550 5.1.1 <nobody@example.net>: User unknown"
	@echo
	@echo "Next, try: $(CLI) stats /var/log/mail.log   (why mail bounced, by reason and provider)"
	@echo "      or:  $(CLI) bounce --json ~/Maildir     (one line per failed recipient)"

cli: $(CLI)
$(CLI): $(CLI_SRC) $(wildcard cli/*.h) $(LIB_A) include/smtpreply.h
	$(CC) $(ALL_CFLAGS) -o $@ $(CLI_SRC) $(LIB_A)

$(TESTDIR)/%: tests/%.c tests/check.h tests/case_text.h $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(LIB_A)

# One run of every test program and script; tests/run.sh prints the total.
test: all $(TEST_BIN)
	BUILD=$(BUILD) TESTDIR=$(TESTDIR) SAN=$(SAN) RUN_SKIP="$(RUN_SKIP)" sh tests/run.sh

# Extra suites (fuzz smoke, interop, docs, ABI...) are added by mk/*.mk as
# targets in CHECK_EXTRA; each records its counts through tests/suite.sh.
# Each build of `make check` runs $(CHECK_J) jobs (one per core) unless make
# was given -j itself; tests/run.sh runs the test programs as many at a time.
# The scripts that do not depend on the build under test run in the plain
# build only (RUN_SKIP: test_find_scan.sh builds src/ itself with $$CC, so
# the clang variant runs it too; test_table_data.py and test_i18n_glossary.py
# read only data/ and tests/; test_binding_python.sh loads the plain .so into python3,
# which a sanitizer build cannot). Every suite's seconds: build/times.txt.
CHECK_EXTRA =
NPROC      := $(shell nproc 2>/dev/null || echo 1)
CHECK_J     = $(if $(findstring jobserver,$(MAKEFLAGS)),,-j$(NPROC))
CHECK_ONCE  = test_table_data.py test_find_scan.sh test_i18n_glossary.py test_binding_python.sh
# The static analysis needs no build: it runs alongside the rest (one worker
# per core too: its longest job, -fanalyzer on src/fastpath.c, outlasts the
# rest of make check, after which its other jobs get both cores), its report
# printed when it ends.
check: deps check-regen
	@mkdir -p build && rm -f build/results.txt build/times.txt
	@$(MAKE) --no-print-directory check-static & \
	    $(MAKE) --no-print-directory check-builds; wait
	@echo "== seconds per suite (build/times.txt)"; grep -v / build/times.txt
	@echo "== all suites"; cat build/results.txt
	@sh tests/total.sh

# make check but the static analysis: the builds and every other suite.
.PHONY: check-builds
check-builds:
	@sh tests/timed.sh plain $(MAKE) $(CHECK_J) test || \
	    echo "plain-build-or-run 0 1" >>build/results.txt
	@sh tests/timed.sh asan-gcc $(MAKE) $(CHECK_J) BUILD=build/asan-gcc CC=gcc SAN=1 \
	    RUN_SKIP="$(CHECK_ONCE)" test || echo "asan-gcc-build-or-run 0 1" >>build/results.txt
	@sh tests/timed.sh asan-clang $(MAKE) $(CHECK_J) BUILD=build/asan-clang CC=clang SAN=1 \
	    RUN_SKIP="test_table_data.py test_i18n_glossary.py test_binding_python.sh" test || echo "asan-clang-build-or-run 0 1" >>build/results.txt
	@for t in $(filter-out check-static,$(CHECK_EXTRA)); do $(MAKE) --no-print-directory $$t; done

regen:
	$(PYTHON) tools/gen_table.py data src/table.c

# The committed table must match its data.
check-regen:
	@if command -v $(PYTHON) >/dev/null 2>&1 && [ -f tools/gen_table.py ]; then \
	    $(PYTHON) tools/gen_table.py data $(BUILD)/table.check.c && \
	    cmp -s $(BUILD)/table.check.c src/table.c || \
	    { echo "src/table.c is stale: run make regen"; rm -f $(BUILD)/table.check.c; exit 1; }; \
	    rm -f $(BUILD)/table.check.c; fi

# Build products only: everything else here is source.
clean:
	rm -rf obj build libsmtpreply.a libsmtpreply.so libsmtpreply.so.* smtpreply libsmtpreply.pc

# Further targets (install, docs, examples, bench, fuzz, interop) live in mk/.
-include $(sort $(wildcard mk/*.mk))

.PHONY: deps
deps:
	@sh tools/deps.sh
