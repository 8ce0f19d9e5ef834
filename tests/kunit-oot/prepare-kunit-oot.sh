#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Turn a kernel's lib/kunit into an OUT-OF-TREE kunit.ko for a Debian
# kernel that has CONFIG_KUNIT unset (bookworm's 6.1 and 6.12 both do).
#
#   usage: prepare-kunit-oot.sh SRC DEST
#     SRC:  a source subset with lib/kunit and tools/testing/kunit (made by
#           tests/harness/fetch-kernel.sh from Debian's linux-source-X.Y)
#     DEST: gets *.c, *.h, Kbuild and tools/testing/kunit (for kunit.py)
#   then: make -C $KDIR M=$DEST modules
#
# Why the patches are safe on a CONFIG_KUNIT=n kernel:
#  * struct task_struct has no ->kunit_test and struct module no
#    ->kunit_suites without CONFIG_KUNIT: the current->kunit_test writes
#    go, and its reads become NULL. They serve kunit_fail_current_test(),
#    which is a no-op for code built without CONFIG_KUNIT anyway.
#  * The module notifier is disabled (no ->kunit_suites): test modules run
#    their suites from module_init instead (kmod/tests/kunit_oot.h).
#  * 6.12 moved kunit_running/kunit_hooks into the built-in hooks.c: it is
#    built into kunit.ko, with their declarations (which test-bug.h only
#    gives under CONFIG_KUNIT) force-included from compat.h.
#  * __start_rodata is not exported: kunit_kstrdup_const() always copies
#    and kunit_kfree_const() always frees (6.12's is_kernel_rodata() -> false).
#  * user_alloc.o is left out (needs unexported mm helpers); its
#    prototypes, like device.c's, are hidden without CONFIG_KUNIT, hence
#    -Wno-missing-{prototypes,declarations} for kunit.ko (not our code).
#  * CONFIG_KUNIT is NOT defined for anything: it would change the
#    task_struct/module layouts seen by this code (memory corruption).
set -euo pipefail

src=$(realpath "$1")
dest=$(realpath -m "$2")
k=$src/lib/kunit

die() { echo "prepare-kunit-oot: $*" >&2; exit 1; }

[ -f "$k/test.c" ] || die "no lib/kunit/test.c in $src"

# The object list of kunit.ko, as lib/kunit/Makefile has it (including the
# CONFIG_KUNIT_DEBUGFS part: the guest reads the results files), plus hooks
# (6.12+: built-in symbols kunit.ko needs).
kunit_objects() {
	local objs
	objs=$(sed -n '/^kunit-objs/,/^$/p' "$k/Makefile" |
		grep -o '[a-z_-]*\.o' | tr '\n' ' ')
	[ -n "$objs" ] || die "cannot read kunit-objs from $k/Makefile"
	# user_alloc (6.12: kunit_attach_mm, kunit_vm_mmap) needs mm_alloc and
	# arch_pick_mmap_layout, which are not exported to modules.
	objs=${objs/user_alloc.o /}
	if [ -f "$k/hooks.c" ]; then
		objs="$objs hooks.o"
	fi
	echo "$objs"
}

patch_test_c() {
	local t=$dest/test.c
	sed -i \
	    -e 's/^\(\s*\)current->kunit_test = [A-Za-z_]*;/\1\/* kunit-oot: no task_struct->kunit_test *\//' \
	    -e 's/current->kunit_test/((struct kunit *)NULL)/g' \
	    -e 's/^#ifdef CONFIG_MODULES$/#ifdef KUNIT_OOT_MODULE_NOTIFIER/' \
	    -e 's/is_kernel_rodata((unsigned long)[a-z]*)/false/' \
	    "$t"
	! grep -q 'kunit_test =' "$t" || die "test.c patch failed"
}

# Declarations test-bug.h hides without CONFIG_KUNIT (6.12's hooks).
write_compat_h() {
	local h=$dest/compat.h
	echo '/* SPDX-License-Identifier: GPL-2.0 */' >"$h"
	echo '/* kunit-oot: force-included into kunit.ko only */' >>"$h"
	[ -f "$k/hooks.c" ] || return 0
	cat >>"$h" <<'EOF'
#include <linux/export.h>
#include <linux/jump_label.h>
#include <linux/compiler_attributes.h>
struct kunit;
DECLARE_STATIC_KEY_FALSE(kunit_running);
extern struct kunit_hooks_table {
	__printf(3, 4) void (*fail_current_test)(const char *, int,
						 const char *, ...);
	void *(*get_static_stub_address)(struct kunit *test,
					 void *real_fn_addr);
} kunit_hooks;
EOF
}

main() {
	rm -rf "$dest"
	mkdir -p "$dest/tools/testing"
	cp "$k"/*.c "$k"/*.h "$dest/"
	rm -f "$dest"/*-test.c "$dest"/*_test.c
	patch_test_c
	write_compat_h
	cat >"$dest/Kbuild" <<EOF
obj-m := kunit.o
kunit-y := $(kunit_objects)
ccflags-y := -DCONFIG_KUNIT_DEBUGFS -DCONFIG_KUNIT_DEFAULT_ENABLED \\
	-include \$(src)/compat.h \\
	-Wno-missing-prototypes -Wno-missing-declarations
EOF
	# kunit.py parses the KTAP results; it silently exit(1)s unless its
	# own path contains "tools/testing/kunit".
	cp -r "$src/tools/testing/kunit" "$dest/tools/testing/kunit"
}

main
