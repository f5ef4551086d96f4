# The reference as a website: every code, enhanced code, provider entry and
# reason, and "A vs B" pages, in English, Korean, Japanese and French.
#   make site         write it into build/site (open build/site/index.html)
#   make check-site   write it, check every page (tests/site/check_site.py:
#                     well-formed and tidy-clean HTML, internal links, lang
#                     and hreflang, the seed pairs' parts and headings), then
#                     load pages in Debian's Chromium at 390 and 1280 px
#                     (tests/site/browser.mjs: no overflow, no console error,
#                     the search box finds 5.7.26)
SITE_OUT = build/site

.PHONY: site check-site
site: cli
	rm -rf $(SITE_OUT)
	$(CLI) site $(SITE_OUT)
	@echo "open $(SITE_OUT)/index.html"

CHECK_EXTRA += check-site
check-site:
	@MAKE="$(MAKE)" PYTHON="$(PYTHON)" SITE_OUT="$(SITE_OUT)" \
	    sh tests/suite.sh site sh tests/site/run.sh
