# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Shared steps of `make test` (test.sh) and `make run`/`make vm` (vm.sh):
# kernel cache, kunit.ko, per-kernel module builds, guest helpers.
# Sourced, not run. Every step is cached and safe to run concurrently
# (flock on the directory it writes).

HARNESS=$(dirname "$(realpath "${BASH_SOURCE[0]}")")
ROOT=$(realpath "$HARNESS/../..")
CACHE=${CACHE:-$ROOT/.cache}
BUILD=${BUILD:-$ROOT/build}

log() { echo "[harness] $*" >&2; }
die() { echo "[harness] ERROR: $*" >&2; exit 1; }

# kernel_names "6.1 6.12" -> "debian-6.1 debian-6.12"; empty = whole matrix.
kernel_names() {
	local want=$1 k all
	all=$(awk '!/^#/ && NF { printf "%s ", $1 }' "$HARNESS/kernels.conf")
	if [ -z "$want" ]; then
		echo "$all"
		return
	fi
	for k in $want; do
		case " $all" in
		*" $k "*) echo "$k" ;;
		*" debian-$k "*) echo "debian-$k" ;;
		*) die "unknown kernel '$k' (have: $all)" ;;
		esac
	done
}

# with_lock FILE CMD...: run CMD holding an exclusive lock on FILE.
with_lock() {
	local lock=$1
	shift
	mkdir -p "$(dirname "$lock")"
	(
		flock 9
		"$@"
	) 9>"$lock"
}

kdir_of() { echo "$CACHE/kernels/$1/build"; }

ensure_kernel() {
	"$HARNESS/fetch-kernel.sh" "$1" "$CACHE"
}

# kunit.ko for kernel $1, rebuilt when the kernel or the patch script change.
ensure_kunit() {
	with_lock "$CACHE/kunit/$1.lock" _ensure_kunit "$1"
}
_ensure_kunit() {
	local name=$1 dir=$CACHE/kunit/$1 stamp
	stamp="$(cat "$CACHE/kernels/$name/stamp") $(sha1sum \
		<"$ROOT/tests/kunit-oot/prepare-kunit-oot.sh" | cut -c1-12)"
	if [ -f "$dir/kunit.ko" ] && [ "$(cat "$dir/stamp" 2>/dev/null)" = "$stamp" ]; then
		return 0
	fi
	log "$name: building kunit.ko"
	"$ROOT/tests/kunit-oot/prepare-kunit-oot.sh" \
		"$CACHE/kernels/$name/src" "$dir"
	make -s -C "$(kdir_of "$name")" M="$dir" modules >"$dir.log" 2>&1 ||
		{ cat "$dir.log" >&2; die "$name: kunit.ko build failed"; }
	echo "$stamp" >"$dir/stamp"
}

# Fetch kernel + build kunit.ko (the slow, cached part of a cold run).
prepare_kernel() {
	ensure_kernel "$1" && ensure_kunit "$1"
}

# build_modules NAME [product]: binfmt_macho.ko + the KUnit test modules +
# the KUnit self-test (only the first with "product"), from a copy of the sources in build/NAME/src (two kernels
# never share objects). rsync keeps mtimes, so kbuild rebuilds only what
# changed. Problems go to build/NAME/host-errors, one line each; a compiler
# warning is a problem. Returns 0 even then: the VM still runs what built.
# Not locked itself: see stage_guest.
build_modules() {
	local name=$1 what=${2:-all} b=$BUILD/$1 kdir symvers
	kdir=$(kdir_of "$name")
	symvers=$CACHE/kunit/$name/Module.symvers
	mkdir -p "$b/src" "$b/selftest"
	: >"$b/host-errors"
	: >"$b/host-errors.detail"
	# A module that no longer builds must not be replaced by its previous
	# .ko; relinking the rest costs about a second.
	find "$b" -name '*.ko' -delete
	rsync -a --delete --exclude '*.ko' --exclude '*.o' --exclude '.*.cmd' \
		--include /Kbuild --include '/kmod/***' --exclude '*' \
		"$ROOT/" "$b/src/"
	if [ ! -f "$b/src/Kbuild" ]; then
		echo "build: no Kbuild at the repo root" >>"$b/host-errors"
	else
		kbuild "$name" product "$kdir" "$b/src"
	fi
	[ "$what" = all ] || return 0
	if [ -f "$b/src/kmod/tests/Kbuild" ]; then
		kbuild "$name" kunit-tests "$kdir" "$b/src/kmod/tests" \
			KBUILD_EXTRA_SYMBOLS="$symvers"
	fi
	cp "$ROOT"/tests/kunit-oot/kunit_oot_selftest.c "$b/selftest/"
	cp "$ROOT"/kmod/tests/kunit_oot.h "$b/selftest/"
	echo 'obj-m := kunit_oot_selftest.o' >"$b/selftest/Kbuild"
	kbuild "$name" kunit-selftest "$kdir" "$b/selftest" \
		KBUILD_EXTRA_SYMBOLS="$symvers"
}

# kbuild NAME WHAT KDIR DIR [VAR=value...]: one external-module build, -k so
# one broken file does not hide the others' errors; log in build/NAME.
kbuild() {
	local name=$1 what=$2 kdir=$3 dir=$4 logf
	shift 4
	logf=$BUILD/$name/$what.log
	if ! make -k -C "$kdir" M="$dir" "$@" modules >"$logf" 2>&1; then
		echo "build: $what failed (see ${logf#"$ROOT"/})" >>"$BUILD/$name/host-errors"
		grep -E 'error|Error|ERROR|No rule' "$logf" | head -n 20 | sed 's/^/    /' \
			>>"$BUILD/$name/host-errors.detail"
	fi
	if grep -qi 'warning:' "$logf"; then
		echo "build: $what has compiler/modpost warnings" >>"$BUILD/$name/host-errors"
		grep -i -A3 'warning:' "$logf" | head -n 40 | sed 's/^/    /' \
			>>"$BUILD/$name/host-errors.detail"
	fi
}

# Static helpers: every tests/guest/*.c -> build/guest/bin/<basename>.
# Shared by all kernels (static, kernel independent). Errors are fatal to
# the run: tests would fail for the wrong reason without them.
build_helpers() {
	with_lock "$BUILD/guest.lock" _build_helpers
}
_build_helpers() {
	local c bin out=$BUILD/guest/bin
	mkdir -p "$out"
	for c in "$ROOT"/tests/guest/*.c; do
		[ -f "$c" ] || continue
		bin=$out/$(basename "$c" .c)
		[ "$bin" -nt "$c" ] && continue
		gcc -static -O2 -Wall -Werror -o "$bin.tmp" "$c" ||
			die "guest helper $(basename "$c") does not build"
		mv "$bin.tmp" "$bin"
	done
	# helpers whose source is gone must not linger on the guest PATH
	for bin in "$out"/*; do
		[ -f "$bin" ] || continue
		[ -f "$ROOT/tests/guest/$(basename "$bin").c" ] || rm -f "$bin"
	done
}

# Mach-O fixtures (test_binaries/Makefile, owned by its engineer).
build_test_binaries() {
	if [ ! -f "$ROOT/test_binaries/Makefile" ]; then
		log "test_binaries/Makefile not there yet: skipping"
		return 0
	fi
	with_lock "$BUILD/test_binaries.lock" \
		make -s -C "$ROOT/test_binaries" >&2 ||
		die "make -C test_binaries failed"
}

# guest_files NAME MODE: SRC:DST pairs for mkinitramfs.sh.
guest_files() {
	local name=$1 mode=$2 b=$BUILD/$1 k
	echo "$CACHE/kernels/$name/modules:/lib/9p"
	echo "$BUILD/guest/bin:/usr/local/bin"
	for k in "$b"/src/*.ko; do
		[ -f "$k" ] && echo "$k:/lib/product/${k##*/}"
	done
	[ "$mode" = test ] || return 0
	echo "$CACHE/kunit/$name/kunit.ko:/lib/kunit/kunit.ko"
	for k in "$b"/selftest/*.ko "$b"/src/kmod/tests/*.ko; do
		[ -f "$k" ] && echo "$k:/lib/kunit-tests/${k##*/}"
	done
}

# stage_guest NAME MODE ENV_FILE INITRD: build the modules and pack them
# into an initramfs, holding the kernel's build lock throughout, so that a
# concurrent run (make test, make run) cannot delete or relink a .ko
# between the build and the packing. The boot needs only the initramfs.
stage_guest() {
	with_lock "$BUILD/$1.lock" _stage_guest "$@"
}
_stage_guest() {
	local name=$1 mode=$2 env_file=$3 initrd=$4 files
	if [ "$mode" = test ]; then
		build_modules "$name" all
	else
		build_modules "$name" product
	fi
	mapfile -t files < <(guest_files "$name" "$mode")
	"$HARNESS/mkinitramfs.sh" "$initrd" "$env_file" "${files[@]}"
}
