#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# `make test`: for each kernel of the matrix, build the modules, boot the
# kernel ONCE under QEMU (KUnit phase, then integration phase), and print
#   <kernel>: N passed, N failed, N skipped
# then `total: N passed, N failed, N skipped`. Exit 1 on any failed or
# crashed case, build problem, missing "# guest-done" marker, timeout, or
# kernel console trouble (WARNING, BUG, Oops, ...).
#
# env: KERNELS="6.1 6.12" (default: all of kernels.conf)  TEST_TIMEOUT=60
#      (per integration case, s)  QEMU_TIMEOUT=900  VM_MEM=2G  VM_CPUS=2
#      V=1 (print the whole KTAP report, not only failures)
set -euo pipefail

# shellcheck source=lib.sh
. "$(dirname "$(realpath "$0")")/lib.sh"

# Kernel console lines that fail a run even when every case passed.
CONSOLE_TROUBLE='WARNING:|BUG:|Oops|KASAN|UBSAN|sleeping function called from invalid context|possible recursive locking|Call Trace|Kernel panic'

TOTAL_P=0
TOTAL_F=0
TOTAL_S=0

# Cold runs spend their time fetching kernels and building kunit.ko, which
# are independent per kernel: do them all at once.
prepare_kernels() {
	local n pids=() names=("$@") i=0 rc=0
	mkdir -p "$BUILD"
	for n in "${names[@]}"; do
		prepare_kernel "$n" >"$BUILD/$n.prepare.log" 2>&1 &
		pids+=($!)
	done
	build_helpers
	build_test_binaries
	for n in "${names[@]}"; do
		if ! wait "${pids[$i]}"; then
			cat "$BUILD/$n.prepare.log" >&2
			log "$n: kernel preparation failed"
			rc=1
		fi
		i=$((i + 1))
	done
	return $rc
}

write_guest_env() {
	cat >"$1" <<EOF
MODE=test
REPO='$ROOT'
SHARES='repo:$ROOT:ro'
TEST_TIMEOUT=${TEST_TIMEOUT:-60}
EOF
}

boot_kernel() {
	local name=$1 b=$BUILD/$1
	mkdir -p "$b"
	write_guest_env "$b/harness.env"
	stage_guest "$name" test "$b/harness.env" "$b/initrd.cpio.gz"
	rm -rf "$b/out"
	QEMU_TIMEOUT=${QEMU_TIMEOUT:-900} "$HARNESS/qemu.sh" \
		"$CACHE/kernels/$name/vmlinuz" "$b/initrd.cpio.gz" "$b/out" \
		"repo:$ROOT:ro"
}

# Count and judge one kernel's run; prints its summary line.
judge_kernel() {
	local name=$1 out=$BUILD/$1/out qrc=$2 p f s problems=()
	read -r p f s < <(python3 "$HARNESS/ktap-count.py" "$out/results.log" \
		2>"$out/ktap-errors")
	[ -s "$out/ktap-errors" ] && problems+=("KTAP: $(head -n1 "$out/ktap-errors")")
	while read -r line; do
		problems+=("$line")
	done <"$BUILD/$name/host-errors"
	if ! grep -q '^# guest-done' "$out/results.log"; then
		if [ "$qrc" = 124 ]; then
			problems+=("guest timed out after ${QEMU_TIMEOUT:-900}s")
		else
			problems+=("guest did not finish (crash? qemu status $qrc)")
		fi
		local last
		last=$(grep -o 'harness: integration .*' "$out/console.log" | tail -n1)
		[ -n "$last" ] && problems+=("last case started: ${last#harness: }")
	fi
	if grep -Eq "$CONSOLE_TROUBLE" "$out/console.log"; then
		problems+=("kernel console reports trouble")
	fi
	f=$((f + ${#problems[@]}))
	if [ "$f" != 0 ]; then
		report_failure "$name" "${problems[@]}"
	elif [ "${V:-0}" = 1 ]; then
		cat "$out/results.log"
	fi
	echo "$name: $p passed, $f failed, $s skipped"
	echo "$p $f $s" >"$BUILD/$name/summary"
}

# What a person needs to see first: the failing cases with their output,
# harness problems, and the end of the kernel console.
report_failure() {
	local name=$1 out=$BUILD/$1/out
	shift
	echo "==== $name: FAILED"
	python3 "$HARNESS/ktap-count.py" --failures "$out/results.log" || true
	local p
	for p in "$@"; do
		echo "  problem: $p"
	done
	[ -s "$BUILD/$name/host-errors.detail" ] &&
		cat "$BUILD/$name/host-errors.detail"
	if grep -Eq "$CONSOLE_TROUBLE" "$out/console.log"; then
		echo "---- $name: kernel console trouble"
		grep -E -A20 "$CONSOLE_TROUBLE" "$out/console.log" | head -n 60 | tr -d '\r'
	fi
	echo "---- $name: console tail (${out#"$ROOT"/}/console.log)"
	tail -n 30 "$out/console.log" | tr -d '\r'
	echo "----"
}

# One kernel, start to verdict, under a per-kernel lock: two make test in
# the same tree take turns instead of sharing build/NAME/out.
test_kernel() {
	local name=$1 p f s
	with_lock "$BUILD/$name.test.lock" _test_kernel "$name"
	read -r p f s <"$BUILD/$name/summary"
	TOTAL_P=$((TOTAL_P + p))
	TOTAL_F=$((TOTAL_F + f))
	TOTAL_S=$((TOTAL_S + s))
}
_test_kernel() {
	local name=$1 qrc=0 t0=$SECONDS
	rm -f "$BUILD/$name/summary"
	boot_kernel "$name" || qrc=$?
	log "$name: boot and tests took $((SECONDS - t0))s"
	judge_kernel "$name" "$qrc"
}

# Count one host-side case: $1 = name, $2 = exit status, $3 = its log.
# A skip (77, or make's '^SKIP' line) says why and is not a pass.
count_host_case() {
	local t=$1 rc=$2 logf=$3
	if [ "$rc" = 77 ] || { [ "$rc" = 0 ] && grep -q '^SKIP' "$logf"; }; then
		TOTAL_S=$((TOTAL_S + 1))
		echo "==== $t: skipped"
		tail -n 5 "$logf"
	elif [ "$rc" = 0 ]; then
		TOTAL_P=$((TOTAL_P + 1))
	else
		TOTAL_F=$((TOTAL_F + 1))
		echo "==== $t: FAILED"
		tail -n 40 "$logf"
	fi
}

# checkpatch, docs-check and every executable tests/host/* (checks that
# run on the host, e.g. the fuzz regression corpus) count as one case each.
static_checks() {
	local t rc
	for t in checkpatch docs-check; do
		rc=0
		make -s -C "$ROOT" "$t" >"$BUILD/$t.log" 2>&1 || rc=$?
		count_host_case "$t" "$rc" "$BUILD/$t.log"
	done
	for t in "$ROOT"/tests/host/*; do
		[ -x "$t" ] || continue
		rc=0
		(cd "$ROOT" && "$t") >"$BUILD/host-${t##*/}.log" 2>&1 || rc=$?
		count_host_case "host/${t##*/}" "$rc" "$BUILD/host-${t##*/}.log"
	done
}

main() {
	local names n t0=$SECONDS
	read -r -a names <<<"$(kernel_names "${KERNELS:-}" | tr '\n' ' ')"
	prepare_kernels "${names[@]}" || die "kernel preparation failed"
	log "prepared in $((SECONDS - t0))s"
	for n in "${names[@]}"; do
		test_kernel "$n"
	done
	static_checks
	echo "total: $TOTAL_P passed, $TOTAL_F failed, $TOTAL_S skipped"
	log "make test took $((SECONDS - t0))s"
	[ "$TOTAL_F" = 0 ]
}

main
