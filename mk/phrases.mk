# The reason-phrase automaton: src/phrases.c is generated from
# data/reason-phrases.txt by tools/gen_phrases.py (committed, like table.c).
PHRASES_DATA = data/reason-phrases.txt

.PHONY: regen-phrases check-regen-phrases
regen: regen-phrases
regen-phrases:
	$(PYTHON) tools/gen_phrases.py $(PHRASES_DATA) src/phrases.c

# The committed automaton must match its data.
check-regen: check-regen-phrases
check-regen-phrases:
	@if command -v $(PYTHON) >/dev/null 2>&1; then \
	    mkdir -p $(BUILD) && \
	    $(PYTHON) tools/gen_phrases.py $(PHRASES_DATA) $(BUILD)/phrases.check.c && \
	    cmp -s $(BUILD)/phrases.check.c src/phrases.c || \
	    { echo "src/phrases.c is stale: run make regen"; rm -f $(BUILD)/phrases.check.c; exit 1; }; \
	    rm -f $(BUILD)/phrases.check.c; fi
