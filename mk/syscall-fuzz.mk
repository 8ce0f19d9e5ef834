# SPDX-License-Identifier: GPL-2.0
# Syscall fuzzing (issue #5, item 4):
#
#   make fuzz-syscalls [FUZZ_SECONDS=60] [FUZZ_SEED=0x...] [KERNEL=...]
#       build test_binaries/syscall_fuzz_macos and run it in the test VM
#       for FUZZ_SECONDS as root, then as user macho (so the run takes
#       twice that); fails if either run dies or the kernel logs a warning.
#       tests/integration/70-syscall-fuzz is the 5 s version `make test`
#       runs. A failing run prints its seed: pass it as FUZZ_SEED.

FUZZ_SECONDS ?= 60
FUZZ_SEED ?=

.PHONY: fuzz-syscalls
fuzz-syscalls:
	$(MAKE) -C test_binaries
	QEMU_TIMEOUT=$$(( 2 * $(FUZZ_SECONDS) + 300 )) $(MAKE) vm \
		CMD="REPO=$(CURDIR) sh $(CURDIR)/test_binaries/tools/guest-syscall-fuzz.sh $(FUZZ_SECONDS) $(FUZZ_SEED)"
