# The reference as a website: every code, enhanced code, provider entry and
# reason, and "A vs B" pages, in English, Korean, Japanese and French.
#   make site         write it into build/site (open build/site/index.html)
#   make check-site   write it, check every page (tests/site/check_site.py:
#                     well-formed and tidy-clean HTML, internal links, lang
#                     and hreflang, the seed pairs' parts and headings), then
#                     load pages in Debian's Chromium at 390 and 1280 px
#                     (tests/site/browser.mjs: no overflow, no console error,
#                     the search box finds 5.7.26, the explain page
#                     explains a pasted reply)
#   make wasm         build/wasm/smtpreply.wasm: the library and
#                     wasm/site_explain.c for the site's explain page (clang
#                     for wasm32-wasi: Debian's wasi-libc, lld, and
#                     libclang-rt-dev-wasm32); `make site` adds that page
#                     when the module builds
SITE_OUT = build/site
WASM_CC ?= clang
WASM = build/wasm/smtpreply.wasm
# The portable code paths: no x86 vector instructions in WebAssembly.
WASM_FLAGS = --target=wasm32-wasi -isystem /usr/include/wasm32-wasi -O2 $(STD) $(WARN) \
             -Iinclude -DSMTPREPLY_PORTABLE -nostartfiles -Wl,--no-entry \
             -Wl,--gc-sections -L/usr/lib/wasm32-wasi

.PHONY: site check-site wasm
wasm: $(WASM)
$(WASM): $(LIB_SRC) $(wildcard src/*.h) wasm/site_explain.c include/smtpreply.h
	@mkdir -p $(dir $@)
	$(WASM_CC) $(WASM_FLAGS) -o $@ $(LIB_SRC) wasm/site_explain.c -lc

site: cli
	rm -rf $(SITE_OUT)
	if $(MAKE) --no-print-directory wasm; then \
	    $(CLI) site --wasm $(WASM) $(SITE_OUT); \
	else \
	    echo "no WebAssembly build: the site has no explain page"; \
	    $(CLI) site $(SITE_OUT); fi
	@echo "open $(SITE_OUT)/index.html"

CHECK_EXTRA += check-site
check-site:
	@MAKE="$(MAKE)" PYTHON="$(PYTHON)" SITE_OUT="$(SITE_OUT)" \
	    sh tests/suite.sh site sh tests/site/run.sh
