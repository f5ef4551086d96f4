# Install and uninstall (GNU directory variables; DESTDIR for staging):
#   make install   [PREFIX=/usr/local] [DESTDIR=] [libdir=] [includedir=]
#                  [bindir=] [mandir=] [pkgconfigdir=]
#   make uninstall (same variables: removes exactly what install put there)
#   make check-install   install into a stage, link a program outside the
#                  tree with pkg-config (shared and --static), uninstall
# A distribution typically runs:
#   make PREFIX=/usr libdir=/usr/lib/x86_64-linux-gnu && \
#   make install PREFIX=/usr libdir=/usr/lib/x86_64-linux-gnu DESTDIR=$pkgdir
PREFIX       ?= /usr/local
prefix       ?= $(PREFIX)
exec_prefix  ?= $(prefix)
bindir       ?= $(exec_prefix)/bin
libdir       ?= $(exec_prefix)/lib
includedir   ?= $(prefix)/include
datarootdir  ?= $(prefix)/share
mandir       ?= $(datarootdir)/man
pkgconfigdir ?= $(libdir)/pkgconfig
INSTALL      ?= install

PC_FILE   = $(BUILD)/libsmtpreply.pc
MAN1_SRC  = $(wildcard docs/smtpreply.1)
MAN3_SRC  = $(sort $(wildcard docs/man3/*.3))

# Paths under the prefix are written relative to ${prefix}, so the file
# stays right when a packager relocates the tree.
pc_exec = $(patsubst $(exec_prefix)/%,$${exec_prefix}/%,$(1))
pc_data = $(patsubst $(prefix)/%,$${prefix}/%,$(1))

.PHONY: install uninstall pc check-install
pc: $(PC_FILE)
$(PC_FILE): libsmtpreply.pc.in Makefile mk/install.mk FORCE_PC
	@mkdir -p $(dir $@)
	@sed -e 's|@prefix@|$(prefix)|' \
	    -e 's|@exec_prefix@|$(if $(filter $(prefix),$(exec_prefix)),$${prefix},$(exec_prefix))|' \
	    -e 's|@libdir@|$(call pc_exec,$(libdir))|' \
	    -e 's|@includedir@|$(call pc_data,$(includedir))|' \
	    -e 's|@VERSION@|$(VERSION)|' libsmtpreply.pc.in >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
.PHONY: FORCE_PC
FORCE_PC:

install: all $(PC_FILE)
	$(INSTALL) -d $(DESTDIR)$(includedir) $(DESTDIR)$(libdir) \
	    $(DESTDIR)$(pkgconfigdir) $(DESTDIR)$(mandir)/man3
	$(INSTALL) -m 644 include/smtpreply.h $(DESTDIR)$(includedir)/smtpreply.h
	$(INSTALL) -m 644 $(LIB_A) $(DESTDIR)$(libdir)/libsmtpreply.a
	$(INSTALL) -m 755 $(LIB_SO) $(DESTDIR)$(libdir)/libsmtpreply.so.$(VERSION)
	ln -sf libsmtpreply.so.$(VERSION) $(DESTDIR)$(libdir)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(libdir)/libsmtpreply.so
	$(INSTALL) -m 644 $(PC_FILE) $(DESTDIR)$(pkgconfigdir)/libsmtpreply.pc
	$(if $(MAN3_SRC),$(INSTALL) -m 644 $(MAN3_SRC) $(DESTDIR)$(mandir)/man3/)
ifneq ($(CLI_SRC),)
	$(INSTALL) -d $(DESTDIR)$(bindir)
	$(INSTALL) -m 755 $(CLI) $(DESTDIR)$(bindir)/smtpreply
endif
ifneq ($(MAN1_SRC),)
	$(INSTALL) -d $(DESTDIR)$(mandir)/man1
	$(INSTALL) -m 644 $(MAN1_SRC) $(DESTDIR)$(mandir)/man1/
endif

# Removes the files install writes, whether or not they are still in the
# tree (man pages are listed from docs/; the CLI always).
uninstall:
	rm -f $(DESTDIR)$(includedir)/smtpreply.h \
	    $(DESTDIR)$(libdir)/libsmtpreply.a \
	    $(DESTDIR)$(libdir)/libsmtpreply.so.$(VERSION) \
	    $(DESTDIR)$(libdir)/$(SONAME) \
	    $(DESTDIR)$(libdir)/libsmtpreply.so \
	    $(DESTDIR)$(pkgconfigdir)/libsmtpreply.pc \
	    $(DESTDIR)$(bindir)/smtpreply \
	    $(DESTDIR)$(mandir)/man1/smtpreply.1 \
	    $(addprefix $(DESTDIR)$(mandir)/man3/,$(notdir $(MAN3_SRC)))

CHECK_EXTRA += check-install
check-install:
	@MAKE="$(MAKE)" CC="$(CC)" VERSION="$(VERSION)" SONAME="$(SONAME)" \
	    sh tests/suite.sh install sh tests/install/test_install.sh
