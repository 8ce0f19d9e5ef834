# SPDX-License-Identifier: GPL-2.0
# DKMS install from a checkout: copy only what DKMS builds from (not the
# test caches in .cache/ and build/) to /usr/src/binfmt-macho-VERSION.
DKMS_SRC := /usr/src/binfmt-macho-$(VERSION)

.PHONY: dkms-install dkms-uninstall

dkms-install:
	rm -rf $(DKMS_SRC)
	mkdir -p $(DKMS_SRC)
	cp -r Kbuild Makefile dkms.conf kmod $(DKMS_SRC)/
	dkms install binfmt-macho/$(VERSION)

dkms-uninstall:
	dkms remove binfmt-macho/$(VERSION) --all
	rm -rf $(DKMS_SRC)
