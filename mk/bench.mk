# SPDX-License-Identifier: GPL-2.0
# `make bench [KERNEL=6.1|6.12] [BENCH_ROUNDS=5]`: boot the test VM and
# measure binfmt_macho against native Linux (docs/PERFORMANCE.md).
#
# The Mach-O and ELF benchmark programs are built from the same freestanding
# sources (tests/bench/sys.h picks the syscall numbers) by the same clang
# with the same flags; only the target differs. The Mach-O ones are linked
# like test_binaries/ (ld64.lld + macho-mkstatic.py, crt0_macos.S by path),
# the ELF ones with tests/bench/crt0_elf.S. The driver and the seccomp
# baseline use glibc (gcc -static). Everything lands in build/bench/.

BENCH_SRC := tests/bench
BENCH_OUT := build/bench
BENCH_CLANG := $(firstword $(shell command -v clang-19 clang-14 clang 2>/dev/null))
BENCH_LD64 := $(firstword $(shell command -v ld64.lld-19 ld64.lld-14 ld64.lld 2>/dev/null))
BENCH_ROUNDS ?= 5

BENCH_CFLAGS := -O2 -Wall -Wextra -Werror -ffreestanding -fno-builtin \
	-fno-stack-protector -nostdlib -fno-asynchronous-unwind-tables \
	-fno-unwind-tables
BENCH_MACHO_TARGET := -target x86_64-apple-macos11
BENCH_ELF_TARGET := -target x86_64-linux-gnu -fno-pie
BENCH_LD64_FLAGS := -arch x86_64 -platform_version macos 11.0 11.0 -no_pie \
	-headerpad 0x400 -e _start

BENCH_PROGS := exit0_macos exit0_elf loop_macos loop_elf seccomp_getpid bench
BENCH_BINS := $(addprefix $(BENCH_OUT)/,$(BENCH_PROGS))

.PHONY: bench bench-build bench-tools

bench: bench-build
	@$(BENCH_SRC)/run.sh $(CURDIR)/$(BENCH_OUT) $(BENCH_ROUNDS)

bench-build: $(BENCH_BINS)

bench-tools:
	@test -n "$(BENCH_CLANG)" || { echo "clang not found (apt-get install clang-19)"; exit 1; }
	@test -n "$(BENCH_LD64)" || { echo "ld64.lld not found (apt-get install lld-19)"; exit 1; }

$(BENCH_OUT)/crt0_macos.o: test_binaries/crt0_macos.S | bench-tools
	@mkdir -p $(@D)
	$(BENCH_CLANG) $(BENCH_MACHO_TARGET) -c $< -o $@

$(BENCH_OUT)/%.macho.o: $(BENCH_SRC)/%.c $(BENCH_SRC)/sys.h | bench-tools
	@mkdir -p $(@D)
	$(BENCH_CLANG) $(BENCH_MACHO_TARGET) $(BENCH_CFLAGS) -c $< -o $@

$(BENCH_OUT)/%_macos.lld: $(BENCH_OUT)/crt0_macos.o $(BENCH_OUT)/%.macho.o
	$(BENCH_LD64) $(BENCH_LD64_FLAGS) -o $@ $^

$(BENCH_OUT)/%_macos: $(BENCH_OUT)/%_macos.lld test_binaries/tools/macho-mkstatic.py
	python3 test_binaries/tools/macho-mkstatic.py $< $@

$(BENCH_OUT)/%_elf: $(BENCH_SRC)/crt0_elf.S $(BENCH_SRC)/%.c $(BENCH_SRC)/sys.h | bench-tools
	@mkdir -p $(@D)
	$(BENCH_CLANG) $(BENCH_ELF_TARGET) $(BENCH_CFLAGS) -static \
		-o $@ $(BENCH_SRC)/crt0_elf.S $(BENCH_SRC)/$*.c

$(BENCH_OUT)/seccomp_getpid $(BENCH_OUT)/bench: $(BENCH_OUT)/%: $(BENCH_SRC)/%.c
	@mkdir -p $(@D)
	gcc -static -O2 -Wall -Wextra -Werror -o $@ $<
