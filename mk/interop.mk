# Real MTAs (Postfix, smtp-sink, Exim, OpenSMTPD) on 127.0.0.1, their replies
# read through the streaming parser: tests/interop/README.md.
CHECK_EXTRA += check-interop
.PHONY: check-interop interop
interop: lib
	bash tests/interop/run.sh
check-interop: lib
	@sh tests/suite.sh interop bash tests/interop/run.sh

# Capture real MTA logs and bounces into tests/data/bounces/ (root; fetches
# Debian packages; never run by CI, which replays the committed captures
# in tests/test_bounces.py): tests/data/bounces/README.md.
.PHONY: capture-bounces
capture-bounces:
	bash tests/interop/bounces.sh

# The same for failures in the MTAs' own words, with no remote reply
# (local delivery, loops, size limits, connections, DNS, queue expiry):
# tests/data/ownwords/README.md.
.PHONY: capture-ownwords
capture-ownwords:
	bash tests/interop/ownwords.sh
