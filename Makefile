# SPDX-License-Identifier: GPL-2.0
#
# binfmt_macho: top-level Makefile. The kernel build itself is described
# by ./Kbuild (kbuild reads it in preference to this file); this file only
# drives kbuild and the test harness (tests/README.md).
#
#   make [module]          build binfmt_macho.ko against KDIR
#   make install           modules_install + depmod (root)
#   make test              build + boot every kernel of the matrix in QEMU
#   make run PROG=p [ARGS="a b"]    run one program in the test VM
#   make vm CMD="sh command" [SHARE=dir] [VM_USER=macho]
#   make checkpatch        kernel style check of kmod/ (--strict)
#   make docs-check        docs/syscalls.md is up to date
#   make clean / distclean (distclean also drops the kernel cache)

VERSION := 0.1.0

KDIR ?= /lib/modules/$(shell uname -r)/build
HARNESS := tests/harness

# Harness knobs, passed down through the environment (tests/README.md).
# Taken verbatim: make must not expand the $ of CMD="echo $HOME" itself.
HARNESS_VARS := KERNELS KERNEL TEST_TIMEOUT QEMU_TIMEOUT VM_MEM VM_CPUS V \
	PROG ARGS CMD SHARE VM_USER STDIN
$(foreach v,$(HARNESS_VARS),$(eval override $(v) := $$(value $(v))))
export $(HARNESS_VARS)

.PHONY: all module modules install uninstall clean distclean \
	test run vm checkpatch docs-check check-kdir

all: module

module modules: check-kdir
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

check-kdir:
	@test -f $(KDIR)/Makefile || { \
		echo "No kernel build tree at $(KDIR)."; \
		echo "Install the headers (linux-headers-\$$(uname -r)) or set KDIR=..."; \
		echo "(make test brings its own kernels and does not need this.)"; \
		exit 1; }

# Debian's headers report the upstream version (6.1.192) as kernelrelease,
# not the running kernel's 6.1.0-56-amd64: take the release the kernel was
# built with, so the module lands where modprobe looks.
KRELEASE = $(shell sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' \
	$(KDIR)/include/generated/utsrelease.h)

install: module
	$(MAKE) -C $(KDIR) M=$(CURDIR) KERNELRELEASE=$(KRELEASE) \
		INSTALL_MOD_DIR=updates modules_install
	depmod -a $(KRELEASE)

uninstall:
	rm -f /lib/modules/$(KRELEASE)/updates/binfmt_macho.ko*
	depmod -a $(KRELEASE)

# Not kbuild's clean: it deletes every *.ko below M, the kernel cache's
# guest modules in .cache/ included.
clean:
	rm -f *.ko *.mod *.mod.c *.o .*.cmd modules.order Module.symvers
	rm -f kmod/*.o kmod/.*.cmd kmod/tests/*.o kmod/tests/*.ko \
		kmod/tests/*.mod* kmod/tests/.*.cmd kmod/tests/modules.order \
		kmod/tests/Module.symvers
	rm -rf build .tmp_versions

distclean: clean
	rm -rf .cache

test:
	$(HARNESS)/test.sh

run:
	@test -n "$$PROG" || { echo 'usage: make run PROG=path [ARGS="..."]'; exit 2; }
	@$(HARNESS)/vm.sh run

vm:
	@test -n "$$CMD" || { echo 'usage: make vm CMD="shell command" [SHARE=dir] [VM_USER=macho]'; exit 2; }
	@$(HARNESS)/vm.sh vm

checkpatch:
	@$(HARNESS)/checkpatch.sh

docs-check:
	@$(HARNESS)/docs-check.sh

# Further targets (fuzz, bench, ...) each live in a fragment of their own.
-include mk/*.mk
