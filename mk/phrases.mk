# The reason-phrase automaton: src/phrases.c and src/phrases_shape.h (its
# dimensions, as constants for the scan loop) are generated from
# data/reason-phrases.txt by tools/gen_phrases.py (committed, like table.c).
# data/phrase-profile.txt (also read, for the rows' layout only: which bytes
# and states the scan reads most) is made from the world replies by
# `make profile-phrases`; it is not remade by `make regen`, so that new
# world rows do not move the layout of a committed automaton. Remake it
# when the phrases have changed much, then `make regen-phrases`.
PHRASES_DATA = data/reason-phrases.txt

.PHONY: regen-phrases check-regen-phrases profile-phrases
profile-phrases:
	$(PYTHON) tools/gen_phrases.py --profile $(PHRASES_DATA) tests/classify/world \
	    > data/phrase-profile.txt.tmp && mv data/phrase-profile.txt.tmp data/phrase-profile.txt

regen: regen-phrases
regen-phrases:
	$(PYTHON) tools/gen_phrases.py $(PHRASES_DATA) src/phrases.c src/phrases_shape.h

# The committed automaton must match its data.
check-regen: check-regen-phrases
check-regen-phrases:
	@if command -v $(PYTHON) >/dev/null 2>&1; then \
	    mkdir -p $(BUILD) && \
	    $(PYTHON) tools/gen_phrases.py $(PHRASES_DATA) $(BUILD)/phrases.check.c \
	        $(BUILD)/phrases_shape.check.h && \
	    cmp -s $(BUILD)/phrases.check.c src/phrases.c && \
	    cmp -s $(BUILD)/phrases_shape.check.h src/phrases_shape.h || \
	    { echo "src/phrases.c or src/phrases_shape.h is stale: run make regen"; \
	      rm -f $(BUILD)/phrases.check.c $(BUILD)/phrases_shape.check.h; exit 1; }; \
	    rm -f $(BUILD)/phrases.check.c $(BUILD)/phrases_shape.check.h; fi
