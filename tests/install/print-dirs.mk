# Prints the install directories as shell assignments (tests/install).
.PHONY: print-dirs
print-dirs:
	@echo "prefix='$(prefix)' bindir='$(bindir)' libdir='$(libdir)' includedir='$(includedir)' mandir='$(mandir)' pkgconfigdir='$(pkgconfigdir)'"
