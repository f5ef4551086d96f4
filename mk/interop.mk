# Real MTAs (Postfix, smtp-sink, Exim, OpenSMTPD) on 127.0.0.1, their replies
# read through the streaming parser: tests/interop/README.md.
CHECK_EXTRA += check-interop
.PHONY: check-interop interop
interop: lib
	bash tests/interop/run.sh
check-interop: lib
	@sh tests/suite.sh interop bash tests/interop/run.sh
